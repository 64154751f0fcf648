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

_Parser = getattr(yaml, "CSafeLoader", None)
# The tags whose plain scalars this path constructs; any other (merge `<<`, `=`) falls back.
_SIMPLE_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
# The commonest ints (no sign, base prefix or leading zero) and floats (optional minus, digits, a
# dot, digits), which YAML 1.2 (yamlcore) and Python's int()/float() read alike.
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+\Z")
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
        if _PLAIN_FLOAT.match(value):
            return float(value)
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


def load(text: str, eventos: dict | None = None):
    """The document's data, or raise Unsupported (or a yaml.YAMLError for invalid YAML).

    eventos: when given, filled with the events each container was built from, by `id` of the
    container: a mapping's [key event, value event, …] and a sequence's item events. Their
    marks are the ones a composed node tree would carry, so `ubicaciones` can find any
    keypath's line and column without parsing the text again."""
    if _Parser is None:
        raise Unsupported("PyYAML sin libyaml")
    parser = _Parser(text)
    try:
        if eventos is None:
            return _Builder(parser.get_event).document()
        return _MarkedBuilder(parser.get_event, eventos).document()
    finally:
        parser.dispose()


class _Builder:
    """Recursive descent over the events: one method per node kind, scalars inline."""

    __slots__ = ("get", "memo", "plain")

    def __init__(self, get):
        self.get = get
        self.memo = _scalars.memo
        self.plain = _scalars.plain

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
        get, memo, plain, node = self.get, self.memo, self.plain, self.node
        out: dict = {}
        while True:
            event = get()
            cls = event.__class__
            if cls is MappingEndEvent:
                return out
            if cls is not ScalarEvent or event.anchor is not None or event.tag is not None:
                raise Unsupported("clave compleja, ancla o etiqueta")
            key = event.value
            if event.implicit[0]:
                got = memo.get(key, _NO_KEY)
                key = plain(key) if got is _NO_KEY else got
            event = get()
            if (
                event.__class__ is ScalarEvent
                and event.tag is None
                and event.anchor is None
                and event.implicit[0]
            ):
                value = event.value
                got = memo.get(value, _NO_KEY)
                value = plain(value) if got is _NO_KEY else got
            else:
                value = node(event)
            if key in out:
                raise Unsupported("clave duplicada")
            out[key] = value

    def sequence(self) -> list:
        get, node = self.get, self.node
        out: list = []
        while True:
            event = get()
            if event.__class__ is SequenceEndEvent:
                return out
            out.append(node(event))


class _MarkedBuilder(_Builder):
    """The same objects, keeping each container's events (see `load`). Valid only while the
    returned data is alive: entries are keyed by the containers' ids."""

    __slots__ = ("eventos",)

    def __init__(self, get, eventos: dict):
        super().__init__(get)
        self.eventos = eventos

    def node(self, event):
        if "raiz" not in self.eventos:  # the document's root: where an empty keypath points
            self.eventos["raiz"] = event
        return super().node(event)

    def mapping(self) -> dict:
        get, memo, plain, node = self.get, self.memo, self.plain, self.node
        out: dict = {}
        marks: list = []
        self.eventos[id(out)] = marks
        add = marks.append
        while True:
            event = get()
            cls = event.__class__
            if cls is MappingEndEvent:
                return out
            if cls is not ScalarEvent or event.anchor is not None or event.tag is not None:
                raise Unsupported("clave compleja, ancla o etiqueta")
            add(event)
            key = event.value
            if event.implicit[0]:
                got = memo.get(key, _NO_KEY)
                key = plain(key) if got is _NO_KEY else got
            event = get()
            add(event)
            if (
                event.__class__ is ScalarEvent
                and event.tag is None
                and event.anchor is None
                and event.implicit[0]
            ):
                value = event.value
                got = memo.get(value, _NO_KEY)
                value = plain(value) if got is _NO_KEY else got
            else:
                value = node(event)
            if key in out:
                raise Unsupported("clave duplicada")
            out[key] = value

    def sequence(self) -> list:
        get, node = self.get, self.node
        out: list = []
        marks: list = []
        self.eventos[id(out)] = marks
        while True:
            event = get()
            if event.__class__ is SequenceEndEvent:
                return out
            marks.append(event)
            out.append(node(event))
