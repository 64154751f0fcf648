"""Cells: a table's values as people read them (`human`, `celda`: es-MX, ND/NA, a ramo before
a clave) and as machine formats write them (`safe_cell`, the cell texts of a CSV/TSV column,
`columnas_de_parte`: a part's columns as `Tabla.to_columns` makes a whole table's)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from issste_mon.claves import admite_ramo
from issste_mon.modelo.base import registro
from issste_mon.salida.flotantes import (
    exactos_grandes,
    maquina_flotantes,
    numero_texto,
    texto_flotantes,
)
from issste_mon.salida.numfmt import (
    decimales_fieles,
    decimales_propios,
    fmt_auto,
    fmt_escrito,
    fmt_number,
    fmt_pct,
    fmt_valor,
)
from issste_mon.salida.tabla import (
    ENTEROS_MAQUINA,
    Columna,
    Repetidos,
    Tabla,
    Tipo,
    _distintos_texto,
    _solo_texto,
    escritos,
    estados_de,
    fieles,
    numero_maquina,
    numeros_maquina,
    tras_estados,
    valor_maquina,
)

_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")

_ENTEROS = frozenset({int, type(None)})
_FALTANTES = frozenset({"ND", "NA"})  # (modelo.Faltante, as the spec writes them)


def human(value, col: Columna) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return col.vacio or ("—" if col.tipo in ("pct", "valoracion") else "")
    if isinstance(value, str):
        for codigo, texto in col.etiquetas:
            if value == codigo:
                return texto
        return value
    if isinstance(value, bool):
        return "sí" if value else "no"
    if col.tipo == "pct":
        return fmt_pct(value, col.decimales, col.bordes)
    if col.tipo == "entero":
        # whole: no decimals, exact at any size (never a float); a population the spec writes
        # with decimals (SHCP's 61420.695) as written, not cut to 61,420.70
        return fmt_valor(value)
    if col.tipo == "valoracion":
        # as recorded (0.5295 is not 0.530: a level's cut may lie between the two)
        return fmt_escrito(value, col.decimales, col.bordes)
    if col.tipo == "monto":  # (a spec's own amount: with every decimal it carries)
        return fmt_number(value, _decimales_escritos(value, col))
    if col.tipo == "cualquiera" and isinstance(value, (int, float, Decimal)):
        # verificar's «Valor calculado», shown with --columnas: the machine value, es-MX (the
        # exact Decimal printed its 48 digits: «94.900435558601677263688120167802804951…»)
        return fmt_valor(numero_maquina(value))
    if col.tipo == "numero":
        if col.escrita:  # a spec's own figure: as it writes it, every decimal
            return fmt_valor(value, col.bordes)
        return fmt_auto(value, decimales_fieles(value, col.decimales, col.bordes))
    return str(value)


def _decimales_escritos(value, col: Columna) -> int:
    """The column's decimals, or more for a spec's own figure that carries more."""
    if not col.escrita:
        return col.decimales
    return max(col.decimales, decimales_propios(value))


def faltante(row: dict, col: Columna) -> str | None:
    """ND or NA where the spec says so of a figure whose row keeps that in `<clave>_estado`
    (cumplimiento's meta and valor): people see it as they do in cobertura, not a blank."""
    valor = col.para_personas(row)
    if valor is not None and not (isinstance(valor, float) and math.isnan(valor)):
        return None
    estado = row.get(f"{col.clave}_estado")
    return estado if estado in _FALTANTES else None


def celda(row: dict, col: Columna) -> str:
    """A cell for people: the value, plus its companion percentage when the row has one, or
    its ramo before it («12-E010», see `columnas_visibles`)."""
    if (marca := faltante(row, col)) is not None:
        return marca
    propia = col if col.bordes_fila is None else replace(col, bordes=col.bordes_de(row))
    text = human(col.para_personas(row), propia)
    if col.ramo is not None and admite_ramo(text) and (ramo := row.get(col.ramo)) is not None:
        text = f"{ramo}-{text}"
    extra = row.get(col.companero) if col.companero else None
    if extra is not None and not (isinstance(extra, float) and math.isnan(extra)):
        text = f"{text}, {fmt_number(extra, col.decimales)}%"
    return text


def safe_cell(value) -> str:
    """CSV/TSV cell: text that a spreadsheet would run as a formula is prefixed with «'»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return numero_texto(value)
    text = str(value)
    return "'" + text if text.startswith(_UNSAFE_START) else text


def machine_rows(tabla: Tabla) -> list[dict]:
    return tabla.to_records()


@registro
class TablaPorPartes(Tabla):
    """A table whose rows come part by part, for the writers of csv, tsv, json and jsonl
    (`formatos.POR_PARTES`): never all rows at once. `filas` stays empty; `partes()` yields
    each part as lists keyed by `Columna.clave` (the values the rows would hold: the writer
    makes them machine values as `Tabla.to_columns` does) and, once the last part is made,
    fills `resumen`, which may depend on every row (an average, counts)."""

    partes: Callable[[], Iterable[dict[str, list]]] | None = None

    def __bool__(self) -> bool:
        # made only where some row is (else SinDatos): `if tabla:` must not read its `filas`
        return True

    def __len__(self) -> int:
        """Its rows, counted part by part (`partes()` run once more, none held): not the 0 of
        its empty `filas`."""
        partes = self.partes() if self.partes is not None else ()
        return sum(len(next(iter(datos.values()), ())) for datos in partes)

    def to_columns(self) -> dict[str, list]:
        """Every part's machine columns joined (`partes()` run once more), as a whole table's
        `to_columns` gives them: `to_records()` and `to_dataframe()` of a table by parts are
        its rows, not an empty table (they read `filas`, which stays empty)."""
        out = Tabla.to_columns(self)  # the keys in their order, with no rows yet
        for datos in self.partes() if self.partes is not None else ():
            for k, v in columnas_de_parte(self.columnas, datos).items():
                out.setdefault(k, []).extend(v)
        return out


class Celdas(list):
    """A column already turned into its CSV/TSV cell texts (`texto_flotantes`)."""

    __slots__ = ()


def columnas_de_parte(
    columnas: list[Columna], datos: dict[str, list], celdas: str | None = None
) -> dict[str, list]:
    """`Tabla.to_columns` of one part: the same conversion, from column lists, not dicts.
    `celdas`, the delimiter of a CSV/TSV: float arrays and text columns come as their cell
    texts (`Celdas`) instead, a text column's distinct values found once for both the check
    and the quoting."""
    n = len(next(iter(datos.values()))) if datos else 0
    out: dict[str, list] = {}
    estados: dict[str, list] = {}
    for c in columnas:
        k = c.clave
        raw = datos[k] if k in datos else [None] * n
        if raw.__class__ is Repetidos:
            if not celdas:
                raw = raw.lista()
            else:  # each run's value converted once; the writer repeats it (delimitado)
                for kk, v in columnas_de_parte([c], {k: raw.valores}, celdas).items():
                    (out if kk == k else estados)[kk] = Repetidos(v, raw.cuentas)
                continue
        numerica = c.numerica or c.tipo in ENTEROS_MAQUINA
        if numerica and hasattr(raw, "dtype") and raw.dtype.kind == "f":
            # a float array: converted whole, in numpy
            escrito = c.escrita  # a spec's figure: as written (`numero_escrito`)
            if celdas:
                out[k] = Celdas(texto_flotantes(raw, c.bordes, escrito))
            else:
                out[k] = maquina_flotantes(raw, c.bordes, escrito)
            if c.exacto is not None and c.exacto in datos:
                exactos_grandes(out[k], raw, datos[c.exacto], texto=bool(celdas), bordes=c.bordes)
            if c.estado:  # (no ND/NA text in a float array; NaN: a figure the spec lacks)
                ausentes = c.ausente and estados_de(raw.tolist(), {float}, True)
                estados[f"{k}_estado"] = ausentes or [None] * len(raw)
        elif numerica:
            clases = set(map(type, raw))
            out[k] = escritos(raw) if c.escrita else numeros_maquina(raw, clases)
            if c.bordes:  # exact values (tendencias' Decimals): kept off the cuts, as a whole
                # table's are (`Tabla.to_columns`)
                exactos = datos.get(c.exacto) if c.exacto else None
                crudos = raw if exactos is None else list(map(_o, exactos, raw))
                out[k] = fieles(out[k], crudos, c.bordes)
            if c.estado:
                estados[f"{k}_estado"] = estados_de(raw, clases, c.ausente)
        elif celdas and c.tipo == Tipo.booleano and (textos := _booleanos(raw)) is not None:
            out[k] = Celdas(textos)
        elif celdas and (distintos := _distintos_texto(raw)) is not None:
            out[k] = Celdas(textos_csv(raw, celdas, distintos))
        elif not celdas and _solo_texto(raw):
            out[k] = raw
        else:
            out[k] = list(map(valor_maquina, raw))
    out.update(estados)
    return tras_estados(columnas, out)


def _o(x, y):
    return x if x is not None else y


_CELDA_BOOLEANA = {True: "true", False: "false", None: ""}
_BOOLEANOS = frozenset({bool, type(None)})


def _booleanos(raw: list) -> list[str] | None:
    """The cells of a column of true/false/None, as `safe_cell` writes each (a flag on every
    row of a federal set: 1.3 million cells, one lookup each); None when it holds anything
    else (then written cell by cell)."""
    if not set(map(type, raw)) <= _BOOLEANOS:
        return None
    return list(map(_CELDA_BOOLEANA.__getitem__, raw))


# Rows of a whole table made into text at a time: the cells and lines of 300,000 alerts at once
# were ~2.5× the 137 MB of their CSV on top of the rows (the text of each row depends on that
# row alone: the same bytes).
FILAS_POR_TROZO = 8192


def trozos(columns: dict[str, list]):
    """The columns, FILAS_POR_TROZO rows at a time (one piece, themselves, when they fit)."""
    n = len(next(iter(columns.values()))) if columns else 0
    if n <= FILAS_POR_TROZO:
        yield columns
        return
    for i in range(0, n, FILAS_POR_TROZO):
        yield {k: v[i : i + FILAS_POR_TROZO] for k, v in columns.items()}


def numeros_csv(values: list) -> list[str]:
    """A numeric column as cell texts: repr() is already the clean text (ints, floats with at
    most 10 decimals), except where repr would use an exponent (1e-05); None → empty."""
    distintos = set(values) if values and values[0].__class__ is int else ()
    if distintos and set(map(type, distintos)) <= _ENTEROS and len(distintos) * 8 < len(values):
        # years, ramos: a few distinct integers, each written once
        mapa = {v: "" if v is None else repr(v) for v in distintos}
        return list(map(mapa.__getitem__, values))
    texts = list(map(repr, values))
    unido = "".join(texts)  # one look at the whole column instead of one per cell
    if "e-" in unido or "e+" in unido or "D" in unido:  # rare: 1e-05, 1e+16, a Decimal
        return [numero_texto(v) for v in values]
    if "N" in unido:  # repr(None)
        return [t if t != "None" else "" for t in texts]
    return texts


# On the column's distinct values joined with NUL (which a spec cannot hold): the cells that
# start like a spreadsheet formula, and the cells that need quotes (QUOTE_MINIMAL).
_PELIGRO = re.compile(r"\x00([=+\-@\t\r][^\x00]*)")
_ESPECIAL = {",": re.compile(r'[,"\n\r]'), "\t": re.compile(r'[\t"\n\r]')}
_A_CITAR = {
    ",": re.compile(r'\x00([^\x00]*[,"\n\r][^\x00]*)'),
    "\t": re.compile(r'\x00([^\x00]*[\t"\n\r][^\x00]*)'),
}


_SIN_NONE = {None: ""}  # .get(v, v): None → "", any text as it is


def textos_csv(values: list, delim: str, distintos: set | None = None) -> list[str]:
    """A text column as cell texts: `safe_cell` (formula guard, true/false, None → empty) and
    QUOTE_MINIMAL quoting, decided once on the column's distinct values (`distintos`, when
    the caller has them: `_distintos_texto(values)`)."""
    especial = _ESPECIAL[delim]
    if distintos is None:
        distintos = _distintos_texto(values)
    if distintos is None:
        return [_citado(safe_cell(v), especial) for v in values]
    con_none = None in distintos
    if con_none:
        distintos = distintos - {None}
    if not distintos:  # every cell empty (a column no row fills)
        return [""] * len(values)
    unido = "\x00" + "\x00".join(distintos)
    if unido.count("\x00") != len(distintos):  # a NUL inside a cell: one by one
        return [_citado(safe_cell(v), especial) for v in values]
    peligro, cita = _PELIGRO.search(unido), especial.search(unido)
    if not peligro and not cita:
        return list(map(_SIN_NONE.get, values, values)) if con_none else values
    # Only the distinct values that need it are rewritten (found by the regex, not one by one).
    mapa: dict = {None: ""}
    if peligro:
        mapa.update((v, "'" + v) for v in _PELIGRO.findall(unido))
    if cita:
        for v in _A_CITAR[delim].findall(unido):
            t = mapa.get(v, v)
            mapa[v] = '"' + t.replace('"', '""') + '"'
    if len(distintos) == 1 and not con_none:  # one text in every row (the metodología)
        return [mapa.get(values[0], values[0])] * len(values)
    return list(map(mapa.get, values, values))


def _citado(text: str, especial: re.Pattern) -> str:
    return '"' + text.replace('"', '""') + '"' if especial.search(text) else text


def columnas_visibles(tabla: Tabla) -> list[Columna]:
    """The columns people see; a clave names its ramo (`Columna.ramo`) only where the rows
    come from more than one (a table of one ramo reads «E045», not «51-E045»)."""
    import dataclasses

    cols = [c for c in tabla.columnas if c.en_tabla]
    for j, c in enumerate(cols):
        if c.ramo is not None and len({r.get(c.ramo) for r in tabla.filas}) < 2:
            cols[j] = dataclasses.replace(c, ramo=None)
    return cols
