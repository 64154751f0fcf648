"""The result type of every query: a `Tabla` of rows with typed `Columna`s.

One place for what a column kind means: which kinds are numbers (right-aligned in every human
format: rich, Markdown, the ficha, xlsx) and how a cell reads for machines. Machine values
(`to_records`, csv/tsv/json/jsonl/xlsx) follow three rules:

- a numeric column holds a number or null, never text: ND/NA go to the companion column
  `<clave>_estado` (`Columna.estado`, added after the last column) or to `nota`;
- a number is its exact decimal value, with at most `DECIMALES_MAX` (10) decimals and
  `CIFRAS_MAX` (15) significant digits, rounded half up where a quotient does not terminate
  (`100 / 3` → 33.3333333333): within 15 digits a binary double round-trips its decimal text,
  so JSON, CSV and a DataFrame carry the same number and no binary noise; two exceptions keep
  a figure true: a spec's figure (`Columna.escrita`: meta, valor) is written as the spec
  wrote it, all its decimals (`numero_escrito`), and a computed figure whose 10 decimals would
  land on a cut of the class beside it where the value is not (110.00000000000002 → 110
  beside «Alto») is written whole (`fieles`): its nearest double or, where that double is on
  the cut too, the exact Decimal's digits (`fiel`); a non-zero value that 10 decimals would
  write as 0 keeps 15 significant digits (`_diminuto`): never a false zero;
- a whole number is an integer (`110`, not `110.0`).

So a machine number is an int, a float or, rarely, a Decimal (those two exceptions): the
writers put its digits (csv, json: never an exponent), xlsx as text where no double keeps it.

Light to import: pandas only inside `Tabla.to_dataframe()`.
"""

from __future__ import annotations

import enum
import math
import sys
from collections.abc import Sequence
from dataclasses import field
from decimal import ROUND_HALF_UP, Context, Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal

from issste_mon.modelo.base import Registro, Valor, registro
from issste_mon.salida.numfmt import DECIMALES_MAX, decimales_fieles, exacto, round_half_up

if TYPE_CHECKING:
    import pandas as pd


class Tipo(enum.StrEnum):
    """What a column holds; decides formatting and alignment."""

    texto = "texto"
    entero = "entero"  # counts: people, indicators
    numero = "numero"  # metas and values, as many decimals as they carry
    monto = "monto"  # budget, millions of pesos (MDP)
    pct = "pct"
    valoracion = "valoracion"  # an index value (InMonitoreo, ISeD)
    rango = "rango"  # Bajo | Adecuado | Alto
    veredicto = "veredicto"  # coincide | difiere | no verificable
    # Not numbers for people (shown as written, left-aligned), typed for machines (schema):
    anio = "anio"  # a year: 2023, never «2,023»
    conteo = "conteo"  # an integer id-like count (line numbers)
    booleano = "booleano"  # true/false (sí/no for people)
    cualquiera = "cualquiera"  # a number or a category (verificar's valor_calculado)


NUMERICOS: frozenset[str] = frozenset(
    {Tipo.entero, Tipo.numero, Tipo.monto, Tipo.pct, Tipo.valoracion}
)
ENTEROS_MAQUINA: frozenset[str] = frozenset({Tipo.anio, Tipo.conteo})  # numbers for machines

# `Columna.prioridad` of what a narrow terminal keeps longest (salida/anchos.py leaves the lowest
# out first; unnamed columns rank 50, a derived class 90): the figure a table answers outlasts
# its class, names and inputs — a level without its valoración, a series without its value,
# cannot be checked — and what tells its row from the others (monitoreo's ámbito: two ISSSTE
# 2024 rows; verificar's cifra) outlasts every column but the figure.
PRIORIDAD_CIFRA = 95
PRIORIDAD_LLAVE = 92
# The class the methodology gives that figure (a rango, a nivel, a category of avance): from
# here up a column is part of what a row cannot be read without — its key, its figure, its
# class —, which a terminal shows whole or, when it cannot, as one record per row.
PRIORIDAD_CLASE = 90


@registro(congelado=True)
class Columna(Valor):
    clave: str  # key in the row dicts and in machine output
    titulo: str  # header for people
    tipo: str = Tipo.texto
    decimales: int = 2
    en_tabla: bool = True  # False: machine formats only (the table shows it as a caption)
    ancho: int | None = None  # max width in the rich table; longer text ends in «…»
    # key of a percentage in the same row shown after the value for people ("2, 13%", as the
    # Programa Institucional's progress tables print it)
    companero: str | None = None
    # key of a boolean in the same row that marks this cell with «⚠» for people (PA > PO)
    alerta: str | None = None
    # more ⚠ of this cell, each (key of a boolean in the row, what the ⚠ means): PA/PO's ⚠ is
    # PA > PO, and also a PA or PO the spec inferred (said even where --columnas left out the
    # column that says it)
    marcas: tuple[tuple[str, str], ...] = ()
    # how much a narrow terminal needs this column (the rich table leaves out the lowest
    # first; `PRIORIDAD_CIFRA` for the figure the table answers, `PRIORIDAD_LLAVE` for what
    # tells its rows apart); None: the table's default for this key (salida/anchos.py)
    prioridad: int | None = None
    # key of the exact value (a Decimal) that people see rounded once, where the column itself
    # holds the clean machine number (cumplimiento: no double rounding at x.xx5)
    exacto: str | None = None
    # a spec figure that may be ND/NA: people see the text in this column; machines get null
    # here and the text in an extra column `<clave>_estado` at the end of the row (typed nulls)
    estado: bool = False
    # with `estado`: a row without the figure is one the spec does not give, and its
    # `<clave>_estado` says «ausente» (tendencias' meta and valor, as cumplimiento's own
    # meta_estado and valor_estado say of the same rows), not an empty cell
    ausente: bool = False
    # machines get it after the `<clave>_estado` columns: a column added to a table that has
    # them moves no column a `cut -f` pipeline already reads
    tras_estados: bool = False
    descripcion: str = ""  # what the column means, for the output schema (esquema_salida)
    # key of the row's ramo: when the table's rows come from more than one ramo, people see
    # this cell as «ramo-clave» (E010 is a program of ramos 11, 12 and 48: «12-E010»);
    # machines keep both columns as they are
    ramo: str | None = None
    # where the class shown beside this figure changes (the methodology's 90 and 110 for a
    # cumplimiento, 100 for PA/PO, a level's cuts for a valoración): people see the figure
    # with as many decimals as it takes to lie on the same side of each as its exact value
    # (89.996 «89.996 %» beside «Bajo», never «90.00 %»; `numfmt.decimales_fieles`)
    bordes: tuple = ()
    # key of a row value with more cuts of that row only (a sexenal A is classified on
    # r = A/E: its cut at r = 1.10 is 1.10 × that row's E)
    bordes_fila: str | None = None
    # a spec's own figure (a meta, a valor, a línea base), not a result: machines get it as the
    # spec wrote it, every decimal (`numero_escrito`), never cut to 10 like a quotient
    escrita: bool = False
    # a rango column: (label, role) of each of the methodology's labels (role bajo, adecuado,
    # alto), so that people see a label's colour by what it means, whatever it is called
    papeles: tuple = ()
    # (machine value, text for people) of a column of codes (an alert's rule
    # `meta_no_alcanzada` reads «Meta no alcanzada»): tables, Markdown and the ficha show the
    # text; csv, json and xlsx keep the code, which scripts rely on
    etiquetas: tuple = ()
    # what people read for a null in this column where an empty cell would pass for «unknown»
    # (a verdict that could not be reached: «no verificable»); machines keep the null
    vacio: str = ""
    # what this column empty in every row means, said in the line that names it where the
    # people's table leaves it out (`salida/vacias.py`): a Semáforo without a colour in any row
    # is the spec's thresholds missing, not a column forgotten
    vacia: str = ""
    # named in the caller's `columnas` (--columnas): shown even if empty in every row
    pedida: bool = False

    @property
    def numerica(self) -> bool:
        return self.tipo in NUMERICOS

    @property
    def alineacion(self) -> Literal["right", "left"]:
        return "right" if self.numerica else "left"

    def para_personas(self, row: dict) -> Any:
        """The value people see: the exact one where the row has it."""
        if self.exacto is not None:
            x = row.get(self.exacto)
            if x is not None:
                return x
        return row.get(self.clave)

    def bordes_de(self, row: dict | None) -> tuple:
        """The cuts of this column's figure in `row`: the column's and the row's own."""
        if self.bordes_fila is None or not row:
            return self.bordes
        return self.bordes + tuple(row.get(self.bordes_fila) or ())

    def alertada(self, row: dict) -> bool:
        if self.alerta and row.get(self.alerta):
            return True
        return any(row.get(clave) for clave, _ in self.marcas)

    def motivos(self) -> list[tuple[str, str | None]]:
        """(key of the row's boolean, what the ⚠ means; None: the title of that key's column)
        of each ⚠ of this cell."""
        return ([(self.alerta, None)] if self.alerta else []) + list(self.marcas)


def _normal(nombre: str) -> str:
    import unicodedata

    sin_acentos = unicodedata.normalize("NFKD", nombre.strip().casefold())
    return "".join(ch for ch in sin_acentos if not unicodedata.combining(ch))


CIFRAS_MAX = 15  # significant digits a binary double always carries exactly as decimal text


_CTX = Context(prec=60, rounding=ROUND_HALF_UP)  # quantize to 10 decimals up to 10⁴⁹
_Q = [Decimal(1).scaleb(-k) for k in range(DECIMALES_MAX + 1)]


def _redondeado(d: Decimal) -> int | float | Decimal | None:
    """An exact decimal as the machine number: ≤ 10 decimals, ≤ 15 significant digits."""
    if not d.is_finite():
        return None
    a = d.adjusted()
    if a < CIFRAS_MAX - DECIMALES_MAX:  # below 10⁵: all 10 decimals fit in 15 digits
        q = d.quantize(_Q[DECIMALES_MAX], context=_CTX)
        if not q and d:  # (10 decimals would write a non-zero value as 0)
            return _diminuto(d)
        f = float(q)
    elif a < CIFRAS_MAX - 1:
        f = float(d.quantize(_Q[CIFRAS_MAX - 1 - a], context=_CTX))
    else:
        return int(d.to_integral_value(rounding=ROUND_HALF_UP))
    return int(f) if f.is_integer() else f


def _diminuto(d: Decimal) -> float | Decimal:
    """A non-zero value that 10 decimals would write as 0 or -0 (a PO/PP of 8.192·10⁻¹² %): a
    false zero. Its significant digits instead, up to 15 (the writers put it without an
    exponent: 0.000000000008192); the exact decimal itself where no double keeps those digits:
    below the least normal double, ~2.2·10⁻³⁰⁸, the double is 0 or keeps a few of them."""
    q = d.quantize(Decimal(1).scaleb(d.adjusted() - CIFRAS_MAX + 1), context=_CTX).normalize(_CTX)
    f = float(q)
    return f if guarda(f, q) else q


MENOR_NORMAL = sys.float_info.min  # the least normal double, 2.2250738585072014e-308


def guarda(f: float, d: Decimal) -> bool:
    """Whether the double f, nearest to d, writes d's digits: always from the least normal
    double up; below it the double is 0 or keeps only a few (1.23456789·10⁻³²⁰ is 1.2347e-320)."""
    return abs(f) >= MENOR_NORMAL or Decimal(repr(f)) == d


def numero_maquina(value: Any) -> int | float | Decimal | None:
    """A number for machines (see the module docstring); anything that is not one → None."""
    cls = value.__class__
    if cls is int:
        return value
    if cls is float:
        if value.is_integer():
            return entero_de(value)
        if value != value or value in (math.inf, -math.inf):
            return None
        text = repr(value)
        if "e" not in text and len(text) - text.index(".") - 1 <= DECIMALES_MAX:
            return value  # as typed in the spec: its shortest repr is its decimal text
        return _redondeado(Decimal(text))
    if cls is Decimal:
        return _redondeado(value)
    if cls is bool or value is None or isinstance(value, str):
        return None  # ND, NA: the reason is in the companion estado column or in `nota`
    if hasattr(value, "item"):  # numpy scalar
        return numero_maquina(value.item())
    if isinstance(value, (int, float)):
        return numero_maquina(float(value) if isinstance(value, float) else int(value))
    return None


_DOS_53 = 2.0**53


def entero_de(x: float) -> int:
    """A whole double as the integer its shortest repr writes: beyond 2⁵³ (where not every
    integer is a double) 1e23 is 100000000000000000000000, as typed or computed, never the
    binary value's 99999999999999991611392, whose last digits are noise."""
    return int(x) if -_DOS_53 < x < _DOS_53 else int(Decimal(repr(float(x))))


def numero_escrito(value: Any) -> int | float | Decimal | None:
    """A spec's figure (a `Columna.escrita`: meta, valor, línea base) for machines, as the spec
    wrote it: a float is its shortest repr — the loader refuses a decimal the double would
    change, so that repr is the spec's text, 89.9999999999999 with all its 13 decimals —,
    never cut to 10 decimals like a computed quotient; whole → int. An exact result of such
    figures (a Decimal difference) likewise, up to 15 significant digits."""
    cls = value.__class__
    if cls is float:
        if value != value or value in (math.inf, -math.inf):
            return None
        if value.is_integer():
            return entero_de(value)
        if "e" not in repr(value):
            return value
        # a figure far from the usual (1e-05) keeps its value; the writers print it without
        # an exponent. Cut to 10 decimals, 1e-11 would read 0 where people see 0.00000000001.
        maquina = numero_maquina(value)
        return maquina if maquina == value else value
    if cls is Decimal and value.is_finite() and len(value.as_tuple().digits) <= CIFRAS_MAX:
        f = float(value)
        if f.is_integer() and value == value.to_integral_value():
            return int(f)
        # (below the least normal double the float is 0 or lost digits: a PA/PO of 10⁻⁵⁹⁸ %
        # was `0.0`; `numero_maquina` keeps the Decimal there)
        return f if guarda(f, value) else numero_maquina(value)
    return numero_maquina(value)


def escritos(raw: list) -> list:
    """`numero_escrito` over a column. A long column of floats and None (an alert's meta and
    valores: 10⁵ cells each) is sorted out at once with numpy: None and NaN → None, whole
    doubles below 2⁵³ → their int, and those whose repr has no exponent (10⁻³ < |x| < 10¹⁵, not
    whole) as they are; only the others go one by one."""
    if len(raw) < _GRANDE or not set(map(type, raw)) <= _FLOTANTES:
        return list(map(numero_escrito, raw))
    import numpy as np

    a = np.array(raw, dtype=float)  # None → NaN
    b = np.abs(a)
    nulo = np.isnan(a)
    with np.errstate(invalid="ignore"):
        entero = (b < _DOS_53) & (a == np.floor(a))
        tal_cual = (b > 1e-3) & (b < 1e15) & ~entero
    out = list(raw)
    for i in np.flatnonzero(nulo).tolist():
        out[i] = None
    enteros = np.flatnonzero(entero)
    for i, n in zip(enteros.tolist(), a[enteros].astype(np.int64).tolist(), strict=True):
        out[i] = n
    for i in np.flatnonzero(~(nulo | entero | tal_cual)).tolist():
        out[i] = numero_escrito(raw[i])
    return out


_FLOTANTES = frozenset({float, type(None)})


def fieles(limpios: list, crudos, bordes: tuple) -> list:
    """`limpios` (machine numbers of `crudos`), but where rounding to 10 decimals put a value
    on or across one of `bordes` (the cuts of the class beside it: 90 and 110 for a
    cumplimiento) where the value itself is not: there the value is written whole, so that a
    row's figure never contradicts its own rango (110.00000000000002 is not «110» beside
    «Alto»): see `fiel`."""
    if not bordes:
        return limpios
    out = None
    for i, (m, x) in enumerate(zip(limpios, crudos, strict=True)):
        if m is None or x is None or x != x:
            continue
        if m.__class__ in _BINARIOS and x.__class__ in _BINARIOS and m == x:
            continue  # (doubles and ints compare exactly: the common case, unrounded)
        # (compared as the decimals written, never a float beside a Decimal: that signals
        # FloatOperation in the caller's context, an error where they trap it)
        m_, x_ = exacto(m), exacto(x)
        if m_ != x_ and cruza(m_, x_, bordes):
            if out is None:
                out = list(limpios)
            out[i] = fiel(x_, bordes)
    return limpios if out is None else out


def fiel(x: Decimal, bordes: tuple) -> float | Decimal:
    """The machine number of an exact value whose 10 decimals cross one of `bordes`: the
    double nearest it (110.00000000000001 for 110.00000000000002) or, where that double's
    text is on or across a cut too (89.99…9 % with 28 nines is the double 90.0, beside
    «Bajo»), the exact decimal with the digits people see (`decimales_fieles`): a Decimal,
    which the writers put as its digits (csv, json) and a spreadsheet as text (xlsx)."""
    f = float(x)
    if not cruza(Decimal(repr(f)), x, bordes):
        return f
    r = round_half_up(x, decimales_fieles(x, DECIMALES_MAX, bordes))
    if r == r.to_integral_value():
        return r
    return r.normalize(Context(prec=len(r.as_tuple().digits)))  # (no trailing zeros)


def cruza(escrito: Decimal, x: Decimal, bordes: tuple) -> bool:
    """Whether `escrito` lies on another side of some cut than x (on it counts as a side)."""
    return any((escrito > b) - (escrito < b) != (x > b) - (x < b) for b in bordes)


_BINARIOS = frozenset({float, int})


def valor_maquina(value: Any) -> Any:
    """A cell for machines: NaN → None, numpy scalars → Python values, numbers made clean."""
    cls = value.__class__
    if cls is str or value is None or cls is bool:
        return value
    if cls is float or cls is Decimal:
        return numero_maquina(value)
    if hasattr(value, "item"):  # numpy scalar
        return valor_maquina(value.item())
    return value


_NUMEROS = frozenset({int, float, type(None)})
_GRANDE = 2_000  # from this many cells a float column is checked with numpy, not cell by cell


def numeros_maquina(raw: list, clases: set | None = None) -> list:
    """`numero_maquina` over a column. Integers and None pass as they are; a long column of
    floats is checked at once with numpy (whole numbers → int, NaN → None, values already on
    the 10-decimal grid kept) and only the other cells go one by one."""
    clases = set(map(type, raw)) if clases is None else clases
    if clases <= {int, type(None)}:
        return raw
    if len(raw) >= _GRANDE and clases <= _NUMEROS:
        import numpy as np

        a = np.array(raw, dtype=float)  # None → NaN
        out = a.tolist()
        finito = np.isfinite(a)
        b = np.where(finito, a, 0.0)
        entero = finito & (b == np.floor(b))
        # On the 10-decimal grid: the nearest double to a decimal with ≤ 10 decimals, whose
        # repr is that decimal (sound below 9·10⁵, where b·10¹⁰ < 2⁵³).
        with np.errstate(over="ignore", invalid="ignore"):  # huge values: not on the grid
            en_rejilla = finito & (np.abs(b) < 9e5) & (np.round(b, DECIMALES_MAX) == b)
        for i in np.flatnonzero(~finito).tolist():
            out[i] = None
        for i in np.flatnonzero(entero).tolist():
            x = raw[i]
            out[i] = x if x.__class__ is int else entero_de(float(x))
        for i in np.flatnonzero(finito & ~entero & ~en_rejilla).tolist():
            out[i] = numero_maquina(raw[i])
        return out
    return list(map(numero_maquina, raw))


def _distintos_texto(values: list) -> set | None:
    """The distinct values of a column of plain strings and None; None for any other column."""
    try:
        if values and values[-1] is values[0] and values.count(values[0]) == len(values):
            # one value in every row (most notes and estados: None): list.count compares in C,
            # by identity first, ~40× quicker than hashing 2,048 Nones into a set
            distintos = {values[0]}
        else:
            distintos = set(values)
    except TypeError:  # a list or dict in a cell
        return None
    return distintos if set(map(type, distintos)) <= {str, type(None)} else None


def _solo_texto(values: list) -> bool:
    """True when a column holds only plain strings and None (checked on its distinct values)."""
    return _distintos_texto(values) is not None


class Repetidos:
    """A column of a part given by runs: `valores[i]` stands for `cuentas[i]` consecutive
    rows (an indicator's name, once for each of its years). It reads as the rows it stands
    for (`len`, iteration, indexing, `lista()`); the CSV/TSV writer makes each run's cell
    once and joins neighbouring columns that share their runs once per run."""

    __slots__ = ("valores", "cuentas", "_n", "_lista")

    def __init__(self, valores: list, cuentas) -> None:
        self.valores, self.cuentas = valores, cuentas  # cuentas: numpy intp, one per value
        self._n = int(cuentas.sum())
        self._lista: list | None = None

    def lista(self) -> list:
        """The rows it stands for (made once)."""
        if self._lista is None:
            import numpy as np

            a = np.empty(len(self.valores), dtype=object)  # (np.array would split tuples)
            a[:] = self.valores
            self._lista = a.repeat(self.cuentas).tolist()
        return self._lista

    def __len__(self) -> int:
        return self._n

    def __iter__(self):
        return iter(self.lista())

    def __getitem__(self, i):
        return self.lista()[i]

    def __eq__(self, other: object) -> bool:
        return self.lista() == (other.lista() if isinstance(other, Repetidos) else other)

    __hash__ = None


class FilasDeColumnas(Sequence):
    """A table's rows given as its columns (`datos`: equal-length lists keyed by
    `Columna.clave`), for a table of 10⁵ rows its query made column by column (`alertas`):
    `Tabla.to_columns` reads the lists as they are; the dicts of the rows (`filas` for people's
    writers, `for fila in tabla.filas`) are made at the first look at them, once. A sequence,
    equal to the list of those dicts (`list(tabla.filas)` is that list)."""

    __slots__ = ("datos", "_lista")

    def __init__(self, datos: dict[str, list]) -> None:
        self.datos = datos
        self._lista: list[dict] | None = None

    def lista(self) -> list[dict]:
        if self._lista is None:
            claves = list(self.datos)
            self._lista = [
                dict(zip(claves, t, strict=True)) for t in zip(*self.datos.values(), strict=True)
            ]
        return self._lista

    def columna(self, clave: str) -> list:
        """A column's values, a fresh list (a key no row holds: None in every row)."""
        col = self.datos.get(clave)
        return list(col) if col is not None else [None] * len(self)

    def __len__(self) -> int:
        return len(next(iter(self.datos.values()), ()))

    def __iter__(self):
        return iter(self.lista())

    def __getitem__(self, i):
        return self.lista()[i]

    def __bool__(self) -> bool:
        return len(self) > 0

    def __eq__(self, other: object) -> bool:
        return self.lista() == (other.lista() if isinstance(other, FilasDeColumnas) else other)

    def __repr__(self) -> str:
        return repr(self.lista())

    __hash__ = None


AUSENTE = "ausente"  # (a spec figure the spec does not give: `Columna.ausente`)


def estados_de(raw: list, clases: set, ausente: bool = False) -> list:
    """The `<clave>_estado` of a column's values (`clases`, their types): ND/NA where the spec
    says so; with `ausente` (`Columna.ausente`), «ausente» where it gives nothing; else None."""
    if ausente and (type(None) in clases or float in clases):
        return [AUSENTE if v is None or v != v else estado_de(v) for v in raw]  # (NaN ≠ NaN)
    return [None] * len(raw) if clases <= _NUMEROS else list(map(estado_de, raw))


def estado_de(value: Any) -> str | None:
    """Why a spec figure is not a number: its ND/NA text; None for a number or nothing."""
    if value is None or value.__class__ in (int, float, Decimal):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return str(value)


def en_columna(clave: str) -> str:
    """«columna «nota»»: how a summary line or a caption sends its reader to the column that
    holds whole what it shortens («1.1, 1.2 y 30 más (columna «nota»)»). It names the data,
    which a Python caller has in `filas`; the command line adds how to get that column
    (`cli.common.con_formatos`: «columna «nota» con -f csv o json»)."""
    return f"columna «{clave}»"


@registro
class Tabla(Registro):
    """Rows (dicts keyed by `Columna.clave`) with their columns, title and notes for people."""

    titulo: str
    columnas: list[Columna]
    filas: list[dict]
    resumen: list[str] = field(default_factory=list)  # lines for people after the table
    avisos: list[str] = field(default_factory=list)  # to stderr
    pie: str | None = None  # caption: which methodology, which specs
    # {a line of `resumen`: the rows whose nota it sends the reader to («la nota dice por qué»)}:
    # where the terminal shows no Nota beside them, the table says it under that line
    remite_a_nota: dict[str, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.filas)

    def columna(self, clave: str) -> Columna:
        for c in self.columnas:
            if c.clave == clave:
                return c
        raise KeyError(clave)

    def con_columnas(self, pedidas: list[str]) -> Tabla:
        """The same rows with only these columns, in this order (the CLI's --columnas): each
        named by its key or its title, without regard to case or accents; every one shown in
        tables.
        A list that names no column, an unknown one or one twice is an error: an empty table,
        or a CSV header longer than its rows, would pass for an answer."""
        import dataclasses

        from issste_mon.errores import EntradaInvalida

        claves = ", ".join(c.clave for c in self.columnas)
        nombres = [n.strip() for n in pedidas if n.strip()]
        if not nombres:
            raise EntradaInvalida(
                f"`columnas` no nombra ninguna columna; columnas de esta tabla: {claves}",
                argumentos=("columnas",),
            )
        # every key before any title: `calidad --distribucion` titles its column «n»
        # «Indicadores», and «indicadores», the key of the ids, gave the counts
        por_nombre = {_normal(c.clave): c for c in reversed(self.columnas)}
        for c in self.columnas:
            por_nombre.setdefault(_normal(c.titulo), c)
        elegidas = []
        for nombre in nombres:
            col = por_nombre.get(_normal(nombre))
            base = por_nombre.get(_normal(nombre.removesuffix("_estado")))
            if col is None and base is not None and base.estado:
                # (listed by --esquema-salida: the machine outputs write it beside its column)
                raise EntradaInvalida(
                    f"«{nombre}» va con la columna «{base.clave}»: pida «{base.clave}» en "
                    f"`columnas` y csv, tsv, json, jsonl y xlsx escriben «{base.clave}_estado» "
                    "junto a ella",
                    argumentos=("columnas",),
                )
            if col is None:
                raise EntradaInvalida(
                    f"columna desconocida «{nombre}» en `columnas`; columnas de esta "
                    f"tabla: {claves}",
                    argumentos=("columnas",),
                )
            # by key: the same column asked for by its title too is still a repeat
            if any(e.clave == col.clave for e in elegidas):
                raise EntradaInvalida(
                    f"columna repetida «{col.clave}» en `columnas`", argumentos=("columnas",)
                )
            # (in the order asked for: `tras_estados` orders only a table's own columns)
            elegidas.append(
                dataclasses.replace(col, en_tabla=True, tras_estados=False, pedida=True)
            )
        return dataclasses.replace(self, columnas=elegidas)

    def columnas_maquina(self) -> list[Columna]:
        """The columns of machine output: each `estado` column followed by `<clave>_estado`."""
        return columnas_maquina(self.columnas)

    def to_columns(self) -> dict[str, list]:
        """Machine values column by column (one conversion per column, not per cell)."""
        out: dict[str, list] = {}
        estados: dict[str, list] = {}
        filas = self.filas
        dadas = filas.columna if filas.__class__ is FilasDeColumnas else None
        for c in self.columnas:
            k = c.clave
            raw = dadas(k) if dadas else list(map(dict.get, filas, repeat(k)))
            if c.numerica or c.tipo in ENTEROS_MAQUINA:
                clases = set(map(type, raw))
                out[k] = escritos(raw) if c.escrita else numeros_maquina(raw, clases)
                if c.bordes:  # (from the exact value, where the row keeps it)
                    if not c.exacto:
                        crudos = raw
                    elif dadas:
                        crudos = dadas(c.exacto)
                    else:
                        crudos = list(map(dict.get, filas, repeat(c.exacto)))
                    crudos = [x if x is not None else y for x, y in zip(crudos, raw, strict=True)]
                    out[k] = fieles(out[k], crudos, c.bordes)
                if c.bordes_fila:  # each row with its own cuts too
                    out[k] = [
                        fieles([m], [x], c.bordes_de(f))[0]
                        for m, x, f in zip(out[k], raw, filas, strict=True)
                    ]
                if c.estado:
                    estados[f"{k}_estado"] = estados_de(raw, clases, c.ausente)
            elif _solo_texto(raw):  # the common case: nothing to convert
                out[k] = raw
            else:
                out[k] = list(map(valor_maquina, raw))
        out.update(estados)
        return tras_estados(self.columnas, out)

    def to_records(self) -> list[dict[str, Any]]:
        """Rows as plain dicts in column order, as `--formato json` writes them."""
        cols = self.to_columns()
        keys = list(cols)
        return [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (imports pandas); numeric columns are numeric."""
        import pandas as pd

        cols = self.to_columns()
        df = pd.DataFrame(cols, columns=list(cols))
        for c in self.columnas:  # an all-null numeric column stays numeric (float NaN)
            if c.numerica and df[c.clave].dtype == object:
                df[c.clave] = pd.to_numeric(df[c.clave])
            elif c.tipo in ENTEROS_MAQUINA and df[c.clave].dtype != "int64":
                # a year or a count with gaps: nullable integers (2016, <NA>), not 2016.0
                df[c.clave] = df[c.clave].astype("Int64")
            elif c.tipo == Tipo.booleano and df[c.clave].dtype == object:
                df[c.clave] = df[c.clave].astype("boolean")  # true/false/<NA>, not objects
        return df


def tras_estados(columnas: list[Columna], out: dict[str, list]) -> dict[str, list]:
    """Machine columns in `columnas_maquina`'s order: the `tras_estados` ones moved last."""
    for c in columnas:
        if c.tras_estados and c.clave in out:
            out[c.clave] = out.pop(c.clave)
    return out


def descripcion_estado(clave: str, ausente: bool = False) -> str:
    """What a `<clave>_estado` column holds, for the output schema (`Columna.ausente`: also
    «ausente»)."""
    cual = (
        "NA (no aplica), o ausente (la spec no lo da); vacío si lo es"
        if ausente
        else ("NA (no aplica); vacío si lo es o si la spec no lo da")
    )
    return f"por qué «{clave}» no es un número: ND (no disponible) o {cual}"


def columnas_maquina(columnas: list[Columna]) -> list[Columna]:
    """The columns plus one `<clave>_estado` per `estado` column, at the end (so the position
    of every other column, which `cut -f` pipelines rely on, does not move); then the columns
    added later (`tras_estados`)."""
    out = [c for c in columnas if not c.tras_estados]
    for c in columnas:
        if c.estado:
            out.append(
                Columna(
                    f"{c.clave}_estado",
                    f"{c.titulo}: estado",
                    en_tabla=False,
                    descripcion=descripcion_estado(c.clave, c.ausente),
                )
            )
    return out + [c for c in columnas if c.tras_estados]
