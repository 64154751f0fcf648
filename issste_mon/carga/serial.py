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
`dict[int, …]` writes its year keys as text; nested records and lists of them recurse; the
metas of a program's indicators are written as one block of columns (see `_enc_mir`).

Memory: `json.loads` makes a new object of every string and number it reads, where parsing YAML
shares repeated plain scalars. So decoding shares them again, through one table per load
(`compartir()`): whole keypaths (("mir", 0, "metas", "2019") recurs in every file), year keys,
int fields and the short categorical text fields of `VOCABULARIO` (nivel, sentido, unidad de
medida…); and every empty dict field (most `publicado` and `semaforo`) is one shared read-only
empty dict. Unique long texts (names, methods) are not shared: an entry would cost more than
it saves.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import MutableMapping

from issste_mon import modelo
from issste_mon.errores import Problem
from issste_mon.modelo import Faltante, MetaAnual, metas
from issste_mon.modelo.base import congelada, init_de_dataclass
from issste_mon.modelo.metas import MetasEnColumnas

# CPython's own sha256 (see cache.py: `hashlib` would load OpenSSL, ~2 ms of every start-up)
try:
    from _sha2 import sha256 as _sha256  # Python ≥ 3.12
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:  # another interpreter
        from hashlib import sha256 as _sha256

_NATIVE = (str, int, float, bool, type(None))
RECORDS = (modelo.Programa, modelo.Dependencia, modelo.ProgramaDerivado)


class FormatError(ValueError):
    """Data that does not have the shape of a serialised record."""


# Text fields with few distinct values across a federal spec set: shared when decoded.
VOCABULARIO = frozenset(
    "nivel sentido unidad_medida tipo dimension frecuencia tipo_relativo programa_sectorial "
    "contribucion dependencia unidad_responsable fuente precios enfoque calidad universo "
    "atributo instancia financiamiento coordinacion rol unidad siglas".split()
)


VACIO = modelo.VACIO
_table: dict = {}
_YEARS = {str(y): y for y in range(1900, 2101)}  # year keys: one int object each
_ANIOS = {y: y for y in _YEARS.values()}  # (and read as numbers)
_F = {f.value: f for f in Faltante}


def compartir() -> None:
    """Start a new table of shared values (one per load: see the module docstring)."""
    global _table
    _table = {}
    if _compiled is not None:
        _compiled.ns["_s"] = _table.setdefault


def _tuple(x):
    if x.__class__ is not list:
        raise FormatError("se esperaba una lista")
    t = tuple(x)  # whole keypaths repeat across files: ("mir", 0, "metas", "2019")
    return _table.setdefault(t, t)


def _no_dict(x):
    raise FormatError(f"se esperaba un dict, no {type(x).__name__}")


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


# What an entry may hold is what the loader makes, not merely what JSON can say: a value of
# another type or outside its domain (`true`, `[1]` or -5 for a population) is a damaged or
# foreign entry, a miss, even under a matching CRC. Checked by whole records and columns
# (one set of classes per group of fields), not value by value.
_NONE = type(None)
_NUMERO = frozenset({int, float, str, _NONE})  # str: ND/NA, then looked up in _F
_TEXTO = frozenset({str, _NONE})
_EN_COLUMNA = {"numero": frozenset({int, float, _NONE}), "texto": frozenset({str, _NONE})}
_NUMEROS = frozenset({int, float, Faltante, _NONE})
_HOJAS = {str: frozenset({str}), int: frozenset({int}), bool: frozenset({bool}),
          float: frozenset({int, float}), _NONE: frozenset({_NONE})}  # fmt: skip


def _hoja(tp) -> frozenset | None:
    """The classes a JSON value of a native type without containers may have, else None."""
    if tp in _HOJAS:
        return _HOJAS[tp]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        partes = [_hoja(a) for a in typing.get_args(tp)]
        return None if None in partes else frozenset().union(*partes)
    return None


def _conforme(tp):
    """A predicate: whether a JSON value has the native type `tp` all the way down."""
    hoja = _hoja(tp)
    if hoja is not None:
        return lambda x: x.__class__ in hoja
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is dict:
        vh = _hoja(args[1])
        if vh is not None:
            return lambda d: d.__class__ is dict and set(map(type, d.values())) <= vh
        interior = _conforme(args[1])
        return lambda d: d.__class__ is dict and all(map(interior, d.values()))
    if origin is list:
        ih = _hoja(args[0])
        if ih is not None:
            return lambda xs: xs.__class__ is list and set(map(type, xs)) <= ih
        interior = _conforme(args[0])
        return lambda xs: xs.__class__ is list and all(map(interior, xs))
    if origin in (typing.Union, types.UnionType):
        todos = [_conforme(a) for a in typing.get_args(tp)]
        return lambda x: any(f(x) for f in todos)
    raise TypeError(f"serial: tipo de campo no previsto {tp!r}")


def _malo(x):
    raise FormatError(f"valor de otro tipo: {type(x).__name__}")


def _numeros(d: dict) -> dict:
    if not set(map(type, d.values())) <= _NUMEROS:
        raise FormatError("se esperaban números")
    return d


# {class: {field: (minimum, maximum or None)}} of the fields the loader bounds: a year key's
# range, the figures it refuses negative and the ISeD's 0 to 1. Written out, not read from
# `definiciones` (a warm command never imports it); a test checks the two agree.
_POBLACION = ("potencial", "objetivo", "atendida", "hombres", "mujeres", "entidades",
              "municipios", "localidades")  # fmt: skip
LIMITES: dict[type, dict[str, tuple]] = {
    modelo.Anual: {"anio": (modelo.ANIO_MIN, modelo.ANIO_MAX)},
    modelo.Poblacion: dict.fromkeys(_POBLACION, (0, None)),
    modelo.Presupuesto: dict.fromkeys(("ejercido", "ramo", "asignado"), (0, None)),
    modelo.Evaluacion: {"costo": (0, None)},
    modelo.Ised: {"valor": (0, 1)},
    modelo.Punto: {"avance": (0, None)},
}


# Records whose text fields an entry is checked for: the one record of each file, what names
# a program (a `clave` that was a number ended `programas` and `ficha` in a traceback). The
# texts of the records inside it (~17 an indicator, a few a year) are not: checking them cost
# +14 % decoding records and ~+2 % of a warm `cumplimiento` over 2,000 programs (measured),
# for a damage the CRC already finds but for one chance in 2**32.
TEXTOS_COMPROBADOS = frozenset(RECORDS)


def _limites(cls: type) -> dict[str, tuple]:
    limites = dict(LIMITES[modelo.Anual]) if issubclass(cls, modelo.Anual) else {}
    return limites | LIMITES.get(cls, {})


class _Compiler:
    """Writes one encode and one decode function per model class, each direction when first
    needed: a warm command only reads the cache, and compiling costs start-up time."""

    def __init__(self) -> None:
        self.ns: dict = {
            "_F": _F,
            "_num_out": _num_out,
            "_tuple": _tuple,
            "_no_dict": _no_dict,
            "_VACIO": VACIO,
            "_s": _table.setdefault,
            "_Y": _YEARS,
            "FormatError": FormatError,
            "_new": object.__new__,
            "_n_metas": _n_metas,
            "_enc_mir": _enc_mir,
            "_dec_mir": _dec_mir,
            "_malo": _malo,
            "_j": "".join,
            "_numeros": _numeros,
        }
        self.verificadores: dict = {}  # native type → name of its predicate in ns
        self.classes: set[tuple[type, bool]] = set()  # (class, encoding) compiled
        self.hints: dict[type, dict] = {}
        self.anotaciones: dict[tuple, object] = {}  # (annotation, module) → type, once

    def expr(self, tp, v: str, enc: bool, depth: int = 0, name: str = "") -> str:
        """Python expression converting the value named `v` of type `tp` (field `name`)."""
        if _native(tp):
            if enc:
                return v
            if tp in (int, int | None) or (name in VOCABULARIO and tp in (str, str | None)):
                if tp in (int, str):
                    return f"_s({v}, {v})"  # one object per distinct value (see compartir)
                return f"(None if {v} is None else _s({v}, {v}))"  # (most are None)
            if _hoja(tp) is not None:
                return v  # (its class is checked with its record's others: `comprobar`)
            # texts inline, by str.join, which raises TypeError at any item that is not one
            # (a tenth of a predicate's call); any other content by its predicate
            if tp == list[str]:
                return f"({v} if {v}.__class__ is list and _j({v}) is not None else _malo({v}))"
            if tp == dict[str, str]:
                ok = f"{v}.__class__ is dict and _j({v}.values()) is not None"
            else:
                ok = f"{self.verificador(tp)}({v})"
            if typing.get_origin(tp) is dict:  # mostly empty: its contents only when not
                vacio = f"(_VACIO if {v}.__class__ is dict else _no_dict({v}))"
                return f"(({v} if {ok} else _malo({v})) if {v} else {vacio})"
            return f"({v} if {ok} else _malo({v}))"
        if tp == MutableMapping[int, MetaAnual]:  # an indicator's metas: see `_enc_mir`
            return f"_n_metas({v})" if enc else v
        if tp == list[modelo.Indicador]:  # a program's MIR, its metas as one block
            self.compile(modelo.Indicador, enc)
            return f"_enc_mir({v})" if enc else f"_dec_mir({v})"
        if tp is modelo.Indicador:
            raise TypeError("serial: un Indicador solo se guarda en la lista `mir` de un Programa")
        if tp is tuple:
            if enc:
                return f"list({v})"
            if depth == 0:  # `_tuple` inline: a call less per record (one per MetaAnual)
                return f"(_s((_t := tuple({v})), _t) if {v}.__class__ is list else _tuple({v}))"
            return f"_tuple({v})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            if set(rest) <= {float, int, Faltante}:
                return f"_num_out({v})" if enc else f"(_F[{v}] if {v}.__class__ is str else {v})"
            if len(rest) == 1 and dataclasses.is_dataclass(rest[0]):
                return f"(None if {v} is None else {self.expr(rest[0], v, enc, depth)})"
        if dataclasses.is_dataclass(tp):
            self.compile(tp, enc)
            return f"_{'enc' if enc else 'dec'}_{tp.__name__}({v})"
        item, key = f"_i{depth}", f"_k{depth}"
        if origin is list:
            return f"[{self.expr(args[0], item, enc, depth + 1)} for {item} in {v}]"
        if origin is dict and args[0] in (int, str):
            inner = self.expr(args[1], item, enc, depth + 1)
            k = (
                f"str({key})"
                if enc
                else (f"(_Y.get({key}) or int({key}))" if args[0] is int else key)
            )
            out = f"{{{k}: {inner} for {key}, {item} in {v}.items()}}"
            if enc:
                return out
            if set(typing.get_args(args[1])) == {float, Faltante, type(None)}:
                out = f"_numeros({out})"  # (ND/NA made Faltante, the rest must be numbers)
            # an empty dict (most `semaforo` and `umbrales`) is the shared one, without
            # building an empty comprehension first; anything else empty is refused (and
            # anything else non-empty fails in the comprehension)
            return f"({out} if {v} else (_VACIO if {v}.__class__ is dict else _no_dict({v})))"
        raise TypeError(f"serial: tipo de campo no previsto {tp!r}")

    def verificador(self, tp) -> str:
        """The name in ns of `_conforme(tp)`."""
        if tp not in self.verificadores:
            nombre = f"_v{len(self.verificadores)}"
            self.ns[nombre] = _conforme(tp)
            self.verificadores[tp] = nombre
        return self.verificadores[tp]

    def clases(self, tp) -> frozenset:
        """The classes the JSON of a field of type `tp` may have, as `_enc_*` writes it."""
        hoja = _hoja(tp)
        if hoja is not None:
            return hoja
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not _NONE]
            if set(rest) <= {float, int, Faltante}:
                return _NUMERO
            return frozenset({_NONE}).union(*(self.clases(a) for a in rest))
        if tp == MutableMapping[int, MetaAnual]:
            return frozenset({int})  # its rows: checked by `_dec_mir`
        if origin is dict:
            return frozenset({dict})
        if tp is tuple or origin is list or dataclasses.is_dataclass(tp):
            return frozenset({list})
        raise TypeError(f"serial: tipo de campo no previsto {tp!r}")

    def comprobar(self, cls: type) -> list[str]:
        """Lines that refuse a record whose figures (the locals _a0, _a1…) the loader never
        gives: a number field holding anything but a number, ND/NA or nothing, an integer or
        boolean field anything but one, a text field anything but a text (or nothing, where
        it may be missing) in a file's own record (`TEXTOS_COMPROBADOS`), and a value outside
        the bounds of `_limites`. One subset test per group of fields that admit the same
        classes. Nested records and lists are checked where they are decoded."""
        hints = self.tipos(cls)
        fields = dataclasses.fields(cls)
        grupos: dict[frozenset, list[str]] = {}
        textos = cls in TEXTOS_COMPROBADOS
        for i, f in enumerate(fields):
            clases = self.clases(hints[f.name])
            if clases == _NUMERO or (_hoja(hints[f.name]) and (textos or not clases <= _TEXTO)):
                grupos.setdefault(clases, []).append(f"_a{i}")
        condiciones = []
        for clases, locales in grupos.items():
            nombre = f"_K{len(self.ns)}"
            self.ns[nombre] = clases
            if len(locales) == 1:
                condiciones.append(f"{locales[0]}.__class__ in {nombre}")
            else:
                todas = ", ".join(a + ".__class__" for a in locales)
                condiciones.append(f"{{{todas}}} <= {nombre}")
        indice = {f.name: f"_a{i}" for i, f in enumerate(fields)}
        for campo, (minimo, maximo) in _limites(cls).items():
            a = indice[campo]
            rango = f"{minimo} <= {a}" + ("" if maximo is None else f" <= {maximo}")
            if self.clases(hints[campo]) == _NUMERO:  # ND/NA and None are not bounded
                rango = f"({a} is None or {a}.__class__ is str or {rango})"
            condiciones.append(rango)
        if not condiciones:
            return []
        return [
            f"if not ({' and '.join(condiciones)}):",
            f"    raise FormatError('{cls.__name__}: un valor que el cargador no da')",
        ]

    def compile(self, cls: type, enc: bool) -> None:
        if (cls, enc) in self.classes:
            return
        self.classes.add((cls, enc))
        name = cls.__name__
        self.ns[f"_C_{name}"] = cls
        hints = self.tipos(cls)
        fields = dataclasses.fields(cls)
        if enc:
            valores = ", ".join(self.expr(hints[f.name], f"o.{f.name}", True) for f in fields)
            source = f"def _enc_{name}(o):\n    return [{valores}]\n"
            exec(source, self.ns)  # noqa: S102 - source built from modelo.py's own field names
            return
        if _sin_init(cls):
            crear = "".join(self.crear(cls, "    ")) + "    return _o\n"
        else:
            args = self.campos(cls)
            dec = ", ".join(
                [a for a, f in zip(args, fields, strict=True) if not f.kw_only]
                + [f"{f.name}={a}" for a, f in zip(args, fields, strict=True) if f.kw_only]
            )
            lineas = [*self.desempacar(cls), *self.comprobar(cls)]
            crear = "".join(f"    {linea}\n" for linea in lineas)
            crear += f"    return _C_{name}({dec})\n"
        source = f"def _dec_{name}(x):\n" + crear
        exec(source, self.ns)  # noqa: S102 - source built from modelo.py's own field names

    def tipos(self, cls: type) -> dict:
        """The field types of `cls`. modelo's annotations are texts (`from __future__ import
        annotations`), and few distinct ones ("str | None", "Numero"…): each text is evaluated
        once in its module's namespace, where `typing.get_type_hints` would evaluate it for every
        field of every class (~2 ms of every start-up)."""
        if cls not in self.hints:
            modulo = vars(sys.modules[cls.__module__])
            tipos = {}
            for f in dataclasses.fields(cls):
                tp = f.type
                if isinstance(tp, str):
                    clave = (tp, cls.__module__)
                    if clave not in self.anotaciones:
                        self.anotaciones[clave] = eval(tp, modulo)  # noqa: S307 - source's own
                    tp = self.anotaciones[clave]
                tipos[f.name] = tp
            self.hints[cls] = tipos
        return self.hints[cls]

    def campos(self, cls: type) -> list[str]:
        """The decoding expression of each field of `cls`, on its local _a0, _a1…"""
        hints = self.tipos(cls)
        return [
            self.expr(hints[f.name], f"_a{i}", False, name=f.name)
            for i, f in enumerate(dataclasses.fields(cls))
        ]

    def desempacar(self, cls: type) -> list[str]:
        """Decoding unpacks the list `x` into locals once (_a0, _a1…) instead of indexing it for
        every use of a field: ~1.3 million MetaAnual in a warm federal load. modelo's shared
        fields (ruta, publicado) are keyword-only and come first in fields()."""
        n = len(dataclasses.fields(cls))
        locales = "".join(f"_a{i}, " for i in range(n))
        return [
            f"if len(x) != {n}:",
            f"    raise FormatError('{cls.__name__}: número de campos')",
            f"{locales}= x",
        ]

    def crear(self, cls: type, sangria: str) -> list[str]:
        """Lines that make `_o`, a record of `cls` (a `_sin_init` class), from the list `x`:
        every field set straight into its slot, what the dataclass's own __init__ does, without
        a second call and keyword parsing."""
        fields = dataclasses.fields(cls)
        lineas = [*self.desempacar(cls), *self.comprobar(cls), f"_o = _new(_C_{cls.__name__})"]
        for a, f in zip(self.campos(cls), fields, strict=True):
            lineas.append(f"_o.{f.name} = {a}")
        return [f"{sangria}{linea}\n" for linea in lineas]


# The metas of a program's MIR, {year: MetaAnual} of each indicator, as one block of columns:
# {"anio": [every indicator-year], field: [one value each]…}, a field only when some row has a
# value other than its default; the dict fields (publicado, semaforo: mostly empty) as
# [[row, dict]…] of their non-empty rows; "ruta" only when some record's is not its
# indicator's own + ("metas", "<year>"); and "faltantes": {field: [[row, "ND"]…]}, the column
# holding null there, so that it stays all numbers. Each indicator writes, in place of its
# metas, how many rows are its own. Read back, each indicator's metas is a MetasEnColumnas
# over its rows: its records are made only when one is asked for. A third less to parse than
# a list per record, a fraction of the objects, and a warm `cumplimiento` reads whole
# programs' columns.

_CLASES_META: dict[str, str] = {}  # MetaAnual field → its kind, known on first use


def _clases_meta() -> dict[str, str]:
    """The kind of each MetaAnual field but ruta and anio: "numero" (Numero), "texto" (a str
    or None), "textos" (dict[str, str]) or "numeros" (dict[str, Numero]); any other raises."""
    if not _CLASES_META:
        tipos = _codec_base().tipos(MetaAnual)
        clases = {
            modelo.Numero: "numero",
            str | None: "texto",
            dict[str, str]: "textos",
            dict[str, modelo.Numero]: "numeros",
        }
        for campo in metas.DEFECTOS:
            if tipos[campo] not in clases:
                raise TypeError(f"serial: tipo de campo no previsto {tipos[campo]!r} ({campo})")
            _CLASES_META[campo] = clases[tipos[campo]]
    return _CLASES_META


def _n_metas(metas) -> int:
    """What an indicator writes for its metas: how many rows of its program's block it has."""
    for y, m in metas.items():
        if m.__class__ is not MetaAnual or m.anio != y or y.__class__ is not int:
            raise FormatError("metas: se esperaba {año: MetaAnual} con el mismo año")
    return len(metas)


def _enc_mir(mir: list) -> list:
    """[indicators, the block of their metas]."""
    indicadores = [_compiled.ns["_enc_Indicador"](ind) for ind in mir]
    registros = [m for ind in mir for m in ind.metas.values()]
    anios = [m.anio for m in registros]
    bloque: dict = {"anio": anios}
    rutas = [m.ruta for m in registros]
    if rutas != [metas.ruta_de_meta(ind.ruta, y) for ind in mir for y in ind.metas]:
        bloque["ruta"] = [list(r) for r in rutas]
    faltantes: dict[str, list] = {}
    for campo, clase in _clases_meta().items():
        valores = [getattr(m, campo) for m in registros]
        if clase in ("textos", "numeros"):  # mostly empty: [[row, dict]…] of the others
            dispersos = [[i, v] for i, v in enumerate(valores) if v]
            if not dispersos:
                continue
            for par in dispersos:
                par[1] = {k: _num_out(x) for k, x in par[1].items()}
            bloque[campo] = dispersos
        else:
            if valores.count(None) == len(valores):
                continue
            # ND/NA: [[row, "ND"]…], and null in the column, which stays all numbers
            huecos = [[i, x.value] for i, x in enumerate(valores) if x.__class__ is Faltante]
            if huecos:
                faltantes[campo] = huecos
                valores = [None if x.__class__ is Faltante else x for x in valores]
            bloque[campo] = valores
    if faltantes:
        bloque["faltantes"] = faltantes
    return [indicadores, bloque]


def _dec_mir(x) -> list:
    indicadores, bloque = x
    if bloque.__class__ is not dict or indicadores.__class__ is not list:
        raise FormatError("mir: se esperaba [indicadores, metas]")
    anios = bloque["anio"] = list(map(_ANIOS.get, bloque["anio"], bloque["anio"]))
    if anios and set(map(type, anios)) != {int}:  # (years as the parser gives them)
        raise FormatError("metas: un año que no es un entero")
    faltantes = bloque.pop("faltantes", {})
    clases = _CLASES_META or _clases_meta()
    n = len(anios)
    for campo, valores in bloque.items():
        if valores.__class__ is not list:
            raise FormatError(f"metas: columna {campo!r} mal formada")
        clase = "anio" if campo == "anio" else "ruta" if campo == "ruta" else clases[campo]
        if clase in ("textos", "numeros"):  # [[row, non-empty dict]…]
            columna = [VACIO] * n
            for i, d in valores:
                if d.__class__ is not dict or not d or i < 0 or columna[i] is not VACIO:
                    raise FormatError(f"metas: {campo} mal formado")
                if clase == "numeros":
                    d = _numeros({k: (_F[v] if v.__class__ is str else v) for k, v in d.items()})
                else:
                    "".join(d.values())  # TypeError at a value that is not a text
                columna[i] = d
            bloque[campo] = columna
        elif len(valores) != n:
            raise FormatError(f"metas: columna {campo!r} de otro largo")
        elif clase == "ruta":
            bloque[campo] = [_tuple(r) for r in valores]
        elif clase != "anio" and not set(map(type, valores)) <= _EN_COLUMNA[clase]:
            raise FormatError(f"metas: columna {campo!r} con valores de otro tipo")
    for campo, huecos in faltantes.items():
        if clases[campo] != "numero" or campo not in bloque:
            raise FormatError(f"metas: ND/NA en {campo!r}")
        columna = bloque[campo]
        for i, texto in huecos:
            if i < 0 or columna[i] is not None:
                raise FormatError(f"metas: ND/NA en {campo!r} sobre un número")
            columna[i] = _F[texto]
    out = list(map(_compiled.ns["_dec_Indicador"], indicadores))
    inicio = 0
    for ind in out:
        filas = ind.metas  # (the count `_n_metas` wrote)
        if filas.__class__ is not int or filas < 0:
            raise FormatError("metas: se esperaba el número de filas")
        if filas:
            ind.metas = MetasEnColumnas(bloque, inicio, inicio + filas, ind.ruta)
            inicio += filas
        else:
            ind.metas = VACIO
    if inicio != n:
        raise FormatError("metas: filas de más o de menos")
    return out


def _sin_init(cls: type) -> bool:
    """Whether a record of `cls` can be made by setting its fields one by one: a slotted,
    mutable dataclass whose __init__ only assigns them (no __post_init__, every field in
    __init__); anything else is built by calling the class."""
    return (
        "__slots__" in cls.__dict__
        and init_de_dataclass(cls)
        and not congelada(cls)
        and not hasattr(cls, "__post_init__")
        and all(f.init for f in dataclasses.fields(cls))
    )


_compiled: _Compiler | None = None


def _codec_base() -> _Compiler:
    global _compiled
    if _compiled is None:
        _compiled = _Compiler()
    return _compiled


def _codec(enc: bool) -> dict:
    """The namespace of the compiled functions, with those of one direction ready."""
    _codec_base()
    for cls in RECORDS:
        _compiled.compile(cls, enc)
    return _compiled.ns


def record_to_data(record) -> list:
    """[class name, fields] for a Programa, Dependencia or ProgramaDerivado."""
    cls = type(record)
    if cls not in RECORDS:
        raise TypeError(f"serial: no es un registro de spec: {cls.__name__}")
    return [cls.__name__, _codec(True)[f"_enc_{cls.__name__}"](record)]


def record_from_data(data: list):
    """The inverse of record_to_data; raises FormatError, KeyError… when data is malformed."""
    tipo, fields = data
    if tipo not in {cls.__name__ for cls in RECORDS}:
        raise FormatError(f"tipo de registro desconocido {tipo!r}")
    return _codec(False)[f"_dec_{tipo}"](fields)


def problem_to_data(p: Problem) -> list:
    return [p.line, p.col, p.keypath, p.message, p.severity, p.notable]


def problem_from_data(data: list, file: str) -> Problem:
    """The inverse of problem_to_data. Only what a stored aviso can be is taken (a file with an
    error is never stored): a keypath that is not a text ended `validar` in a traceback, a
    severity «error» turned a valid file into exit 2."""
    line, col, keypath, message, severity, notable = data
    if not (
        (_lugar(line, col) or line is col is None)
        and keypath.__class__ is str
        and message.__class__ is str
        and severity == "aviso"
        and notable.__class__ is bool
    ):
        raise FormatError("aviso mal formado")
    return Problem(file, line, col, keypath, message, severity, notable)


def _lugar(line, col) -> bool:
    """Whether (line, col) is a place in a file: both integers from 1 (not booleans)."""
    return line.__class__ is int and col.__class__ is int and line > 0 and col > 0


def _rutas(tabla: dict):
    """A function making a stored keypath (a list of keys, texts, and list indexes, integers)
    the shared tuple (see compartir). Its parts are checked once per distinct keypath: the
    same ones recur in every file (26,000 published figures in 2,000 programs, a fifth of
    them distinct)."""

    def ruta(path) -> tuple:
        t = tuple(path) if path.__class__ is list else _malo(path)
        got = tabla.get(t)
        if got is None:
            if not set(map(type, t)) <= _PARTES:
                raise FormatError("ruta mal formada")
            tabla[t] = got = t
        return got

    return ruta


_PARTES = frozenset({str, int})


def publicados_to_data(publicados: list | None) -> list | None:
    """[(keypath, text, line, col)] → [[keypath as a list, text, line, col]]; None stays None."""
    if publicados is None:
        return None
    return [[list(path), text, line, col] for path, text, line, col in publicados]


def publicados_from_data(data: list | None) -> list | None:
    """The inverse of publicados_to_data; keypath parts are shared (see compartir)."""
    if data is None:
        return None
    out = []
    tabla = _table
    for path, text, line, col in data:
        if not (
            text.__class__ is str
            and line.__class__ is int
            and col.__class__ is int
            and line > 0
            and col > 0
            and path.__class__ is list
        ):  # (`_lugar` inline)
            raise FormatError("publicado mal formado")
        t = tuple(path)  # (`_rutas` inline: ~26,000 of them in 2,000 programs)
        got = tabla.get(t)
        if got is None:
            if not set(map(type, t)) <= _PARTES:
                raise FormatError("ruta mal formada")
            tabla[t] = got = t
        out.append((got, text, line, col))
    return out


def lugares_to_data(lugares: dict | None) -> list | None:
    """{keypath: (line, col)} → [[keypath as a list, line, col]]; None stays None."""
    if lugares is None:
        return None
    return [[list(path), line, col] for path, (line, col) in lugares.items()]


def lugares_from_data(data: list | None) -> dict | None:
    if data is None:
        return None
    out = {}
    ruta = _rutas(_table)
    for path, line, col in data:
        if not _lugar(line, col):
            raise FormatError("lugar mal formado")
        out[ruta(path)] = (line, col)
    return out


# The code whose output an entry stores: the records and avisos the loader makes (carga/,
# the model, the vocabularies, the ficha's own keys, the numbers in aviso messages). Their
# bytes are in the fingerprint, so a loader changed without a new version number (an install
# from a checkout, a hotfix) never serves entries the old code made.
_CODIGO = ("carga", "modelo", "vocab.py", "errores.py", "salida/numfmt.py", "ficha/spec.py")


def _codigo() -> bytes:
    import os

    raiz = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = _sha256()
    try:
        _leer_codigo(raiz, h)
    except OSError:  # no sources to read (a .pyc-only install): no entry is ever reused
        return os.urandom(16)
    return h.digest()


def _leer_codigo(raiz: str, h) -> None:
    import os

    for parte in _CODIGO:
        ruta = os.path.join(raiz, parte)
        nombres = (
            [os.path.join(ruta, n) for n in sorted(os.listdir(ruta)) if n.endswith(".py")]
            if os.path.isdir(ruta)
            else [ruta]
        )
        for nombre in nombres:
            with open(nombre, "rb") as f:
                h.update(os.path.relpath(nombre, raiz).encode() + b"\0" + f.read() + b"\0")


def analizador(carpeta: str | None = None) -> str:
    """Which YAML parser makes the records: the interpreter, PyYAML's version and its C
    extension (libyaml) if present. Another
    PyYAML may accept, refuse or read a file differently (a release once did, in five tests),
    so an entry it did not make is a miss. Read from PyYAML's files (`carpeta`: its package
    folder, found as `import yaml` would find it) without importing it: a warm run never does."""
    import os
    import sys

    if carpeta is None:
        from importlib.util import find_spec

        spec = find_spec("yaml")
        ubicaciones = spec.submodule_search_locations if spec is not None else None
        carpeta = ubicaciones[0] if ubicaciones else None
    partes = [sys.implementation.cache_tag or sys.implementation.name]
    try:
        with open(os.path.join(carpeta, "__init__.py"), "rb") as f:  # its __version__ line
            partes.append(_sha256(f.read()).hexdigest()[:16])
        for nombre in sorted(os.listdir(carpeta)):
            if nombre.startswith("_yaml.") and not nombre.endswith(".py"):  # (the C extension)
                partes.append(f"{nombre}:{os.path.getsize(os.path.join(carpeta, nombre))}")
    except (OSError, TypeError):  # no PyYAML where it is looked for: entries still keyed
        partes.append("sin-pyyaml")
    return "|".join(partes)


def fingerprint() -> str:
    """Changes when any model class, field name or field type changes, the code that makes
    what an entry stores (`_CODIGO`) or the YAML parser it runs on (`analizador`)."""
    parts = [_codigo().hex(), analizador()]
    for name in sorted(vars(modelo)):
        cls = getattr(modelo, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            fields = ",".join(f"{f.name}={f.type}" for f in dataclasses.fields(cls))
            parts.append(f"{name}:{fields}")
    parts.append("Faltante:" + ",".join(f.value for f in Faltante))
    return _sha256("\n".join(parts).encode()).hexdigest()[:16]
