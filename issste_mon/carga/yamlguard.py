"""Refuse YAML whose shape, not content, is the problem: runaway nesting and alias bombs.

Two checks, both linear in the size of the file:
- before parsing, nesting depth from the event stream (libyaml composes recursively in C and
  would crash the interpreter on very deep input); only run when a cheap count of the
  characters that can open a collection says the depth could be large;
- after composing, the size of the document once its aliases are expanded.
Newer parsers (libyaml ≥ 0.2.6, bundled from PyYAML 6.0.4) stop deep nesting themselves; whichever
limit is reached first, the user gets the same message (`translate`). PyYAML shares the
  node of an anchor, so a «billion laughs» document composes in microseconds; it is whatever
  walks the result later (merge keys `<<`, a report, `json.dumps`) that explodes.
"""

from __future__ import annotations

import re

import yaml

from issste_mon.carga import limits

_OPENERS = "[{-:?"
# Where an alias token can begin; a `*` elsewhere (in a word, a quoted string) is text.
_ALIAS = re.compile(r"(?:^|[\s\[{,:?-])\*", re.MULTILINE)


class LimitExceeded(yaml.MarkedYAMLError):
    """A document refused by a limit; `problem` is the message, `problem_mark` the place."""


_DEPTH_MESSAGE = f"anidamiento demasiado profundo (más de {limits.MAX_DEPTH} niveles)"
# How parsers word their own nesting limit (libyaml 0.2.6: "exceeded maximum nesting depth").
_PARSER_DEPTH = re.compile(r"nesting|depth", re.IGNORECASE)


def translate(exc: yaml.MarkedYAMLError) -> LimitExceeded | None:
    """The project's own error for a parser's own nesting limit, or None for other errors."""
    if isinstance(exc, LimitExceeded):
        return exc
    said = f"{exc.problem or ''} {exc.context or ''}"
    if _PARSER_DEPTH.search(said) is None:
        return None
    return LimitExceeded(problem=_DEPTH_MESSAGE, problem_mark=exc.problem_mark or exc.context_mark)


def check_depth(text: str, loader) -> None:
    """Raise LimitExceeded when collections nest deeper than limits.MAX_DEPTH."""
    if sum(text.count(c) for c in _OPENERS) <= limits.MAX_DEPTH:
        return  # every nesting level needs one of those characters
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, starts):
                depth += 1
                if depth > limits.MAX_DEPTH:
                    raise LimitExceeded(problem=_DEPTH_MESSAGE, problem_mark=event.start_mark)
            elif isinstance(event, ends):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        ours = translate(exc)
        if ours is None:
            raise  # another YAML problem: the loader reports it with its own context
        raise ours from None


def may_alias(text: str) -> bool:
    """False only when the text cannot contain an alias, so the expansion walk can be skipped
    (it costs about a third of the parse)."""
    return _ALIAS.search(text) is not None


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def check_expansion(root) -> None:
    """Raise LimitExceeded when aliases would add more than limits.MAX_ALIAS_NODES nodes, or
    when an alias refers to a node that contains it (an infinite document)."""
    expanded: dict[int, int] = {}  # id(node) → nodes in its subtree with aliases expanded
    open_nodes: set[int] = set()
    distinct = 0
    stack = [(root, False)]
    while stack:  # iterative post-order: deep documents must not hit the recursion limit
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            size = 1 + sum(expanded[id(c)] for c in _children(node))
            expanded[key] = size
            distinct += 1
            if size - distinct > limits.MAX_ALIAS_NODES:
                raise LimitExceeded(
                    problem="los alias (*ancla) se expanden a más de "
                    f"{limits.MAX_ALIAS_NODES:,} nodos adicionales; "
                    "el documento parece una «bomba de alias»",
                    problem_mark=node.start_mark,
                )
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise LimitExceeded(
                problem="alias recursivo: el ancla se contiene a sí misma",
                problem_mark=node.start_mark,
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in expanded)
