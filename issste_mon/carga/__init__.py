"""Spec loading: read files, parse YAML safely, guard its size, check each field, build the typed
records of `issste_mon.modelo`, and cache what was already validated.

`loader` is the entry point (paths in, `SpecSet` out); `esquema` builds records from a checked
mapping, `campos` is that checked view; `yamlload`/`fastyaml`/`yamlguard`/`limits` parse and guard
YAML; `inputs` reads files and stdin; `sanity` cross-checks records; `cache`/`serial` store them;
`ubicaciones` holds the line and column of avisos and published figures, noted while parsing.
"""
