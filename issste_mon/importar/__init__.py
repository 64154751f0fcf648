"""SHCP open data → program specs.

Each source has a pure mapping module (`avance`, `poblaciones`, `ised`: rows in, `Lote` out);
`fuente` reads the files, `fusion` merges a program into an existing spec without touching what
the file already says, and `escritura` (the only module that writes) applies the merge to the
files under `--salida`, atomically.
"""
