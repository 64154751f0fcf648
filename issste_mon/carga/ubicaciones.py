"""Line and column of what commands show later, noted while a spec is parsed.

Composing a document again to find a line costs ~7× parsing it with `fastyaml` (PyYAML resolves
every scalar of the composed tree in Python). So the fast path notes, as it parses, the place of
every published figure (`publicados`: what `verificar` locates) and of the values of the keys
the notable avisos point at (`sanity.CAMPOS`). The loader takes the avisos' lines from there,
and the cache stores both, so warm `validar` and `verificar` read no YAML. The results equal
`yamlload.locate` and `auditoria.ubicar.publicados` on the composed document (tests compare
them); a document the fast path leaves to the safe loader, or a keypath not noted, is composed
as before.
"""

from __future__ import annotations

from issste_mon.errores import Keypath

Publicado = tuple[tuple, str, int, int]  # (keypath of raw keys, text as written, line, col)


class Marcas:
    """What `fastyaml.load(text, marcas)` notes: `publicados` in document order, and `lugares`,
    keypath (raw keys, sequence indexes) → (line, col) of the values of the `watch` keys and
    of every published figure. `completo` once the fast path has parsed the whole document."""

    __slots__ = ("completo", "lugares", "prefijos", "publicados", "watch")

    def __init__(self, watch: frozenset[str], prefijos: frozenset[str] = frozenset()):
        self.watch = watch
        self.prefijos = prefijos  # top-level keys whose every value is noted (published tables)
        self.publicados: list[Publicado] = []
        self.lugares: dict[tuple, tuple[int, int]] = {}
        self.completo = False

    def locate(self, path: Keypath, at_key: bool = False) -> tuple[int, int] | None:
        """(line, col) of the value at `path` as `yamlload.locate` gives it, if it was noted."""
        if at_key or not self.completo:
            return None
        return self.lugares.get(tuple(p if isinstance(p, int) else str(p) for p in path))
