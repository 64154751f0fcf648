"""Typed records ↔ plain JSON-ready data, for the parsed-spec cache.

A record is written as a list of its field values in field order (compact, and quick to read
back: the cache is read far more often than written). The codec of each model class is compiled
once from its field annotations through the small table of kinds in `_expr`, the way
`dataclasses` writes its own `__init__`: straight-line code, no per-field lookups. An annotation
the table does not know raises at first use (and in the tests), so a field added to modelo.py is
carried faithfully or refused, never dropped; `fingerprint()` changes with any model change, so
entries written for another model are never read.

Kinds: JSON-native values (text, numbers, booleans, null, text-keyed dicts and lists of them) pass
through; `Numero` keeps numbers and writes ND/NA as text; `tuple` (keypaths) becomes a list;
`dict[int, …]` writes its year keys as text; nested records and lists of them recurse.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing

from issste_mon import modelo
from issste_mon.errores import Problem
from issste_mon.modelo import Faltante

_NATIVE = (str, int, float, bool, type(None))
RECORDS = (modelo.Programa, modelo.Dependencia, modelo.ProgramaDerivado)


class FormatError(ValueError):
    """Data that does not have the shape of a serialised record."""


def _tuple(x):
    if x.__class__ is not list:
        raise FormatError("se esperaba una lista")
    return tuple(x)


def _num_out(x):
    return x.value if x.__class__ is Faltante else x


def _native(tp) -> bool:
    if tp in _NATIVE:
        return True
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return all(_native(a) for a in args)
    if origin is dict:
        return args[0] is str and _native(args[1])
    if origin is list:
        return _native(args[0])
    return False


class _Compiler:
    """Writes one encode and one decode function per model class."""

    def __init__(self) -> None:
        self.ns: dict = {
            "_F": {f.value: f for f in Faltante},
            "_num_out": _num_out,
            "_tuple": _tuple,
            "FormatError": FormatError,
        }
        self.classes: set[type] = set()

    def expr(self, tp, v: str, enc: bool, depth: int = 0) -> str:
        """Python expression converting the value named `v` of type `tp`."""
        if _native(tp):
            return v
        if tp is tuple:
            return f"list({v})" if enc else f"_tuple({v})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            if set(rest) <= {float, int, Faltante}:
                return f"_num_out({v})" if enc else f"(_F[{v}] if {v}.__class__ is str else {v})"
            if len(rest) == 1 and dataclasses.is_dataclass(rest[0]):
                return f"(None if {v} is None else {self.expr(rest[0], v, enc, depth)})"
        if dataclasses.is_dataclass(tp):
            self.compile(tp)
            return f"_{'enc' if enc else 'dec'}_{tp.__name__}({v})"
        item, key = f"_i{depth}", f"_k{depth}"
        if origin is list:
            return f"[{self.expr(args[0], item, enc, depth + 1)} for {item} in {v}]"
        if origin is dict and args[0] in (int, str):
            inner = self.expr(args[1], item, enc, depth + 1)
            k = f"str({key})" if enc else (f"int({key})" if args[0] is int else key)
            return f"{{{k}: {inner} for {key}, {item} in {v}.items()}}"
        raise TypeError(f"serial: tipo de campo no previsto {tp!r}")

    def compile(self, cls: type) -> None:
        if cls in self.classes:
            return
        self.classes.add(cls)
        name = cls.__name__
        self.ns[f"_C_{name}"] = cls
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        enc = ", ".join(self.expr(hints[f.name], f"o.{f.name}", True) for f in fields)
        dec = ", ".join(self.expr(hints[f.name], f"x[{i}]", False) for i, f in enumerate(fields))
        source = (
            f"def _enc_{name}(o):\n    return [{enc}]\n"
            f"def _dec_{name}(x):\n"
            f"    if len(x) != {len(fields)}:\n"
            f"        raise FormatError('{name}: número de campos')\n"
            f"    return _C_{name}({dec})\n"
        )
        exec(source, self.ns)  # noqa: S102 - source built from modelo.py's own field names


_compiled: _Compiler | None = None


def _codec() -> dict:
    global _compiled
    if _compiled is None:
        compiler = _Compiler()
        for cls in RECORDS:
            compiler.compile(cls)
        _compiled = compiler
    return _compiled.ns


def record_to_data(record) -> list:
    """[class name, fields] for a Programa, Dependencia or ProgramaDerivado."""
    cls = type(record)
    if cls not in RECORDS:
        raise TypeError(f"serial: no es un registro de spec: {cls.__name__}")
    return [cls.__name__, _codec()[f"_enc_{cls.__name__}"](record)]


def record_from_data(data: list):
    """The inverse of record_to_data; raises FormatError, KeyError… when data is malformed."""
    tipo, fields = data
    if tipo not in {cls.__name__ for cls in RECORDS}:
        raise FormatError(f"tipo de registro desconocido {tipo!r}")
    return _codec()[f"_dec_{tipo}"](fields)


def problem_to_data(p: Problem) -> list:
    return [p.line, p.col, p.keypath, p.message, p.severity, p.notable]


def problem_from_data(data: list, file: str) -> Problem:
    line, col, keypath, message, severity, notable = data
    return Problem(file, line, col, keypath, message, severity, notable)


def publicados_to_data(publicados: list | None) -> list | None:
    """[(keypath, text, line, col)] → [[keypath as a list, text, line, col]]; None stays None."""
    if publicados is None:
        return None
    return [[list(path), text, line, col] for path, text, line, col in publicados]


_PARTS: dict = {}  # keypath parts, shared by every file: "mir", "metas", "2019", "publicado"…


def publicados_from_data(data: list | None) -> list | None:
    """The inverse of publicados_to_data; keypath parts are shared across files."""
    if data is None:
        return None
    parts = _PARTS
    out = []
    for path, text, line, col in data:
        if path.__class__ is not list or text.__class__ is not str:
            raise FormatError("publicado mal formado")
        key = tuple([parts.setdefault(p, p) for p in path])
        out.append((key, text, int(line), int(col)))
    return out


def fingerprint() -> str:
    """Changes when any model class, field name or field type changes."""
    parts = []
    for name in sorted(vars(modelo)):
        cls = getattr(modelo, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            fields = ",".join(f"{f.name}={f.type}" for f in dataclasses.fields(cls))
            parts.append(f"{name}:{fields}")
    parts.append("Faltante:" + ",".join(f.value for f in Faltante))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
