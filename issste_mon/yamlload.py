"""Safe YAML parsing that refuses duplicate keys, and keypath → line lookup for error reports.

Only safe loaders are used (the C one where PyYAML was built with libyaml). Line numbers are
found by composing the document again, and only when a problem must be reported, so the happy
path pays for one parse.
"""

from __future__ import annotations

import yaml

from issste_mon import fastyaml
from issste_mon.errors import Keypath, Problem, SpecError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that makes a repeated mapping key an error instead of keeping the last."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # unhashable key: SafeConstructor reports it below
                continue
            if first is not None:
                raise _DuplicateKey(
                    problem=f"clave duplicada «{key}» (ya definida en la línea {first.line + 1})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def parse(text: str, filename: str):
    """Parse one YAML document; any YAML-level problem becomes a SpecError with line/col."""
    try:
        return fastyaml.load(text)
    except Exception:  # noqa: S110 - anything unusual (or wrong) is the safe loader's to decide
        pass
    try:
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except _DuplicateKey as exc:
        raise SpecError([_problem(filename, exc, exc.problem)]) from None
    except yaml.constructor.ConstructorError as exc:
        tag = _unsafe_tag(exc)
        msg = f"etiqueta YAML no permitida: {tag}" if tag else f"YAML no válido: {exc.problem}"
        raise SpecError([_problem(filename, exc, msg)]) from None
    except yaml.MarkedYAMLError as exc:
        msg = f"YAML mal formado: {exc.problem or exc.context}"
        raise SpecError([_problem(filename, exc, msg)]) from None
    except yaml.YAMLError as exc:  # reader errors (control characters, encoding)
        raise SpecError([Problem(filename, None, None, "", f"YAML no legible: {exc}")]) from None


def _unsafe_tag(exc: yaml.constructor.ConstructorError) -> str | None:
    problem = exc.problem or ""
    if "tag" in problem and "'" in problem:
        return problem.split("'")[1]
    return None


def _problem(filename: str, exc: yaml.MarkedYAMLError, message: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(filename, line, col, "", message)


def locate(text: str, paths: list[tuple[Keypath, bool]]) -> dict[tuple, tuple[int, int]]:
    """(keypath, at_key) → (line, col) of the value node (or of the key when at_key), falling
    back to the nearest existing parent when the path is not in the document."""
    try:
        root = yaml.compose(text, Loader=_Base)
    except yaml.YAMLError:
        return {}
    found = {}
    for path, at_key in paths:
        node, mark = root, root.start_mark if root is not None else None
        for i, part in enumerate(path):
            want_key = at_key and i == len(path) - 1
            child = _child(node, part, want_key)
            if child is None:
                break
            node, mark = child, child.start_mark
        if mark is not None:
            found[(path, at_key)] = (mark.line + 1, mark.column + 1)
    return found


def _child(node, part, want_key: bool = False):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if want_key else value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None
