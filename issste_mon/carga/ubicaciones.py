"""Line and column of keypaths, found from the events the fast YAML path was built from.

Composing a document again to find a line costs ~7× parsing it with `fastyaml` (PyYAML resolves
every scalar of the composed tree in Python). So while a file is parsed, `fastyaml.load` keeps
each container's events (`eventos`), and the locations that commands show later are taken from
them then: the notable avisos' and every `publicado` figure's. Both are stored in the cache
entry, so warm `validar` and `verificar` read no YAML. The results equal `yamlload.locate` and
`auditoria.ubicar.publicados` on the composed document (tests compare them); documents the fast
path leaves to the safe loader are composed, as before.
"""

from __future__ import annotations

from issste_mon.errores import Keypath

Publicado = tuple[tuple, str, int, int]  # (keypath, text as written, line, col)


class Eventos:
    """A parsed document's data with the events of each of its containers (`fastyaml.load`)."""

    __slots__ = ("data", "eventos")

    def __init__(self, data, eventos: dict):
        self.data, self.eventos = data, eventos

    def _events(self, node) -> list:
        events = self.eventos.get(id(node))
        size = 2 * len(node) if node.__class__ is dict else len(node)
        if events is None or len(events) != size:  # not a container of this document
            raise LookupError("sin eventos")
        return events

    def locate(self, path: Keypath, at_key: bool = False) -> tuple[int, int] | None:
        """(line, col), 1-based, as `yamlload.locate`: of the value (or key) node, else of the
        nearest parent the document has."""
        root = self.eventos.get("raiz")
        if root is None:
            return None
        node, mark = self.data, root.start_mark
        last = len(path) - 1
        for i, part in enumerate(path):
            child = None
            if node.__class__ is dict:
                events, want = self._events(node), str(part)
                for j, value in enumerate(node.values()):
                    if events[2 * j].value == want:
                        child = (value, events[2 * j + (0 if at_key and i == last else 1)])
                        break
            elif node.__class__ is list and isinstance(part, int) and 0 <= part < len(node):
                child = (node[part], self._events(node)[part])
            if child is None:
                break
            node, mark = child[0], child[1].start_mark
        return mark.line + 1, mark.column + 1

    def publicados(self) -> list[Publicado]:
        """Every published figure, as `auditoria.ubicar.publicados` finds them: each entry of a
        `publicado` mapping, or a scalar `publicado`, in document order."""
        found: list[Publicado] = []
        if self.eventos.get("raiz") is not None:
            self._walk(self.data, (), found)
        return found

    def _walk(self, node, path: tuple, found: list) -> None:
        if node.__class__ is dict:
            events = self._events(node)
            for j, value in enumerate(node.values()):
                key, event = events[2 * j].value, events[2 * j + 1]
                sub = path + (key,)
                if key == "publicado" and value.__class__ is dict:
                    inner = self._events(value)
                    for k in range(len(value)):
                        ev = inner[2 * k + 1]
                        text = ev.value if hasattr(ev, "value") else ""
                        found.append((sub + (inner[2 * k].value,), text, *_pos(ev)))
                elif key == "publicado" and hasattr(event, "value"):
                    found.append((sub, event.value, *_pos(event)))
                elif value.__class__ in (dict, list):
                    self._walk(value, sub, found)
        elif node.__class__ is list:
            for i, item in enumerate(node):
                if item.__class__ in (dict, list):
                    self._walk(item, path + (i,), found)


def _pos(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1
