"""A fast path for the plain YAML that specs are made of, built straight from libyaml's events.

PyYAML's safe loading composes a node tree in C and then constructs Python objects from it in
Python, resolving every plain scalar with a list of regular expressions: for spec files most of
the time goes there, not into libyaml. This module builds the same objects directly from the
event stream, with a memo for repeated plain scalars (keys, years, ND) and a direct path for the
plain decimal numbers that make up most values.

It handles only the common subset — one document of mappings, sequences and untagged scalars,
no anchors, aliases, explicit tags, merge keys, complex keys or duplicate keys — and raises
`Unsupported` for anything else, so the safe loader (which reports errors with their line and
column) decides every document this path does not understand. Results are equal to
the safe loader's (`yamlload.StrictLoader`, with YAML 1.2 numbers); tests compare the two.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from issste_mon.carga import yamlcore
from issste_mon.carga.escritas import con_texto
from issste_mon.carga.ubicaciones import Marcas

_Parser = getattr(yaml, "CSafeLoader", None)
# The tags whose plain scalars this path constructs; any other (merge `<<`, `=`) falls back.
_SIMPLE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
# The commonest ints (no sign, base prefix or leading zero) and floats (optional minus, digits
# with no leading zero, a dot, digits), which YAML 1.2 (yamlcore) and Python's int()/float() read
# alike; any other form is constructed by yamlcore, which marks `+5`, `0x10`, `00.5` (`escritas`).
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
_MEMO_MAX = 100_000
_NO_KEY = object()


class Unsupported(Exception):
    """The document uses YAML this path leaves to the full safe loader."""


@yamlcore.use_core_numbers
class _CoreLoader(yaml.SafeLoader):
    """The safe loader's resolution with YAML 1.2 numbers, as the safe path (yamlload) uses."""


class _Scalars:
    """Plain scalar → Python value, resolved and constructed as the safe loader would."""

    def __init__(self) -> None:
        self.memo: dict[str, object] = {}
        self.loader = _CoreLoader("")  # its resolver and constructors, never its parser

    def plain(self, value: str) -> object:
        memo = self.memo
        if value in memo:
            return memo[value]
        if len(value) <= yamlcore.DIGITOS_EXACTOS and _PLAIN_FLOAT.match(value):
            return float(value)  # (a longer text may not be its float: construct_float checks)
        if _PLAIN_INT.match(value) and len(value) < 16:
            return int(value)
        tag = self.loader.resolve(ScalarNode, value, (True, False))
        if tag not in _SIMPLE_TAGS:
            raise Unsupported(tag)
        result = self.loader.yaml_constructors[tag](self.loader, ScalarNode(tag, value))
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[value] = result
        return result


_scalars = _Scalars()


def load(text: str, marcas=None):
    """The document's data, or raise Unsupported (or a yaml.YAMLError for invalid YAML).

    marcas: a `ubicaciones.Marcas` to fill, while parsing, with the place of every published
    figure and of the values of its watched keys (see `ubicaciones`)."""
    if _Parser is None:
        raise Unsupported("PyYAML sin libyaml")
    parser = _Parser(text)
    try:
        noted = Marcas(frozenset()) if marcas is None else marcas
        data = _Builder(parser.get_event, noted).document()
        noted.completo = True
        return data
    finally:
        parser.dispose()


class _Builder:
    """Recursive descent over the events: one method per node kind, scalars inline. It notes
    where things are as it goes: the keypath of raw keys (and sequence indexes) is kept on a
    stack, pushed only around nested containers, and one set lookup per key picks the entries
    to note. Nothing else is kept, so parsing costs about the same as without noting (keeping
    every event alive would cost ~50 % more)."""

    __slots__ = ("get", "memo", "plain", "path", "publicados", "lugares", "watch", "prefijos",
                 "mute", "noting")  # fmt: skip

    def __init__(self, get, marcas):
        self.get = get
        self.memo = _scalars.memo
        self.plain = _scalars.plain
        self.path: list = []
        self.publicados, self.lugares, self.watch = marcas.publicados, marcas.lugares, marcas.watch
        self.prefijos = marcas.prefijos
        self.mute = 0  # inside a `publicado` mapping: its own entries only, as ubicar walks
        self.noting = False  # the next mapping is a `publicado`: each entry is a figure

    def document(self):
        get = self.get
        get()  # StreamStart
        if get().__class__ is StreamEndEvent:
            return None
        root = self.node(get())
        if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
            raise Unsupported("más de un documento")
        return root

    def node(self, event):
        cls = event.__class__
        if event.anchor is not None or (event.tag is not None and event.tag != "!"):
            raise Unsupported("ancla o etiqueta")
        if cls is ScalarEvent:
            value = event.value
            if event.implicit[0]:
                got = self.memo.get(value, _NO_KEY)
                return self.plain(value) if got is _NO_KEY else got
            return value
        if cls is MappingStartEvent:
            return self.mapping()
        if cls is SequenceStartEvent:
            return self.sequence()
        raise Unsupported("alias")

    def mapping(self) -> dict:
        get, memo, plain, node, path = self.get, self.memo, self.plain, self.node, self.path
        watch = self.watch
        noting, self.noting = self.noting, False  # nested mappings of a publicado are not
        out: dict = {}
        quoted = False
        while True:
            event = get()
            cls = event.__class__
            if cls is MappingEndEvent:
                if quoted and len({str(k) for k in out}) != len(out):
                    raise Unsupported("clave repetida con y sin comillas")  # `2021:`, `"2021":`
                return out
            if cls is not ScalarEvent or event.anchor is not None or event.tag is not None:
                raise Unsupported("clave compleja, ancla o etiqueta")
            raw = key = event.value
            fin_clave = event.end_mark.index
            if event.implicit[0]:
                got = memo.get(key, _NO_KEY)
                key = plain(key) if got is _NO_KEY else got
                if key is None or key.__class__ is bool:  # `on:`, `null:`: the word (yamlload)
                    key = raw
                elif key.__class__ is not str and str(key) != raw:  # `+2017:`, `2017e0:`
                    key = con_texto(key, raw)
            else:
                quoted = True
            event = get()
            if noting:
                self._figure(raw, event)
            elif (raw in watch or (path and path[0] in self.prefijos)) and not self.mute:
                self._note(raw, event)
            if (
                event.__class__ is ScalarEvent
                and event.tag is None
                and event.anchor is None
                and event.implicit[0]
            ):
                value = event.value
                got = memo.get(value, _NO_KEY)
                value = plain(value) if got is _NO_KEY else got
            elif event.__class__ is MappingStartEvent and raw == "publicado" and not self.mute:
                path.append(raw)
                value = self._publicado(event)
                path.pop()
            else:
                path.append(raw)
                value = node(event)
                path.pop()
            if value is None and raw[:1].isdigit() and event.start_mark.index == fin_clave:
                # a key without its «:», as in `{valor: 1,234}`: yamlload says what it is
                raise Unsupported("clave sin «:» entre llaves")
            if key in out:
                raise Unsupported("clave duplicada")
            out[key] = value

    def sequence(self) -> list:
        get, node, path = self.get, self.node, self.path
        out: list = []
        while True:
            event = get()
            cls = event.__class__
            if cls is SequenceEndEvent:
                return out
            if cls is ScalarEvent:
                out.append(node(event))
            else:
                path.append(len(out))
                out.append(node(event))
                path.pop()

    def _note(self, raw: str, event) -> None:
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        key = (*self.path, raw)
        self.lugares[key] = where
        if raw == "publicado" and event.__class__ is ScalarEvent:
            self.publicados.append((key, event.value, *where))

    def _publicado(self, start) -> dict:
        """A `publicado` mapping: each entry is a published figure (ubicar does not look for
        more inside it, so neither does this)."""
        self.mute += 1
        self.noting = True
        try:
            return self.mapping()
        finally:
            self.mute -= 1

    def _figure(self, raw: str, event) -> None:
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        figure = (*self.path, raw)
        self.publicados.append(
            (figure, event.value if event.__class__ is ScalarEvent else "", *where)
        )
        self.lugares[figure] = where
