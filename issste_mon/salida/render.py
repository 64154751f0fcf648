"""Tables to text: a rich table for people, CSV/TSV/JSON/JSONL/Markdown for pipelines.

Machine formats carry exact values (`Tabla.to_columns`: a number or null in numeric columns,
≤ 10 decimals, never binary noise) and never markup; human formats (tabla, markdown) carry
es-MX formatted numbers. CSV/TSV are written column by column: numbers become text once per
column, and only text columns go through the spreadsheet-formula guard.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from json.encoder import encode_basestring
from typing import IO

from issste_mon.modelo.base import Registro, registro
from issste_mon.salida.formatos import POR_PARTES, Formato
from issste_mon.salida.numfmt import (
    decimales_fieles,
    decimales_propios,
    fmt_auto,
    fmt_escrito,
    fmt_number,
    fmt_pct,
    fmt_valor,
)
from issste_mon.salida.sanear import markdown as md
from issste_mon.salida.sanear import sanear
from issste_mon.salida.tabla import (
    _NUMEROS,
    DECIMALES_MAX,
    ENTEROS_MAQUINA,
    PRIORIDAD_CIFRA,
    PRIORIDAD_CLASE,
    PRIORIDAD_LLAVE,
    Columna,
    Repetidos,
    Tabla,
    Tipo,
    _distintos_texto,
    _solo_texto,
    entero_de,
    escritos,
    estado_de,
    fieles,
    numero_escrito,
    numero_maquina,
    numeros_maquina,
    tras_estados,
    valor_maquina,
)
from issste_mon.vocab import Veredicto

# By role: a methodology names its labels (`cumplimiento.rango.etiquetas`), the column carries
# which label plays which role (`Columna.papeles`)
RANGO_ESTILO = {"bajo": "red", "adecuado": "green", "alto": "yellow"}
VEREDICTO_ESTILO = {
    Veredicto.coincide: "green",
    Veredicto.coincide_por_construccion: "cyan",
    Veredicto.difiere: "red",
    Veredicto.difiere_explicada: "magenta",
    Veredicto.contradiccion: "magenta",
    Veredicto.no_verificable: "yellow",
}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE = frozenset(_UNSAFE_START)
_ENTEROS = frozenset({int, type(None)})
_FALTANTES = frozenset({"ND", "NA"})  # (modelo.Faltante, as the spec writes them)
_NULL = {"None": "null"}  # repr(None) → JSON null (a lookup: any other text stays itself)


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
    its ramo before it («12-E010», see `_visible`)."""
    if (marca := faltante(row, col)) is not None:
        return marca
    propia = col if col.bordes_fila is None else replace(col, bordes=col.bordes_de(row))
    text = human(col.para_personas(row), propia)
    if col.ramo is not None and text and (ramo := row.get(col.ramo)) is not None:
        text = f"{ramo}-{text}"
    extra = row.get(col.companero) if col.companero else None
    if extra is not None and not (isinstance(extra, float) and math.isnan(extra)):
        text = f"{text}, {fmt_number(extra, col.decimales)}%"
    return text


def numero_texto(value) -> str:
    """A machine number (int, float with a clean repr, or None) as CSV text, never exponent."""
    if value is None:
        return ""
    if value.__class__ is int:
        return str(value)
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def safe_cell(value) -> str:
    """CSV/TSV cell: text that a spreadsheet would run as a formula is prefixed with «'»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
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


class _Celdas(list):
    """A column already turned into its CSV/TSV cell texts (`_texto_flotantes`)."""

    __slots__ = ()


def columnas_de_parte(
    columnas: list[Columna], datos: dict[str, list], celdas: str | None = None
) -> dict[str, list]:
    """`Tabla.to_columns` of one part: the same conversion, from column lists, not dicts.
    `celdas`, the delimiter of a CSV/TSV: float arrays and text columns come as their cell
    texts (`_Celdas`) instead, a text column's distinct values found once for both the check
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
            else:  # each run's value converted once; the writer repeats it (_csv_filas)
                for kk, v in columnas_de_parte([c], {k: raw.valores}, celdas).items():
                    (out if kk == k else estados)[kk] = Repetidos(v, raw.cuentas)
                continue
        numerica = c.numerica or c.tipo in ENTEROS_MAQUINA
        if numerica and hasattr(raw, "dtype") and raw.dtype.kind == "f":
            # a float array: converted whole, in numpy
            escrito = c.escrita  # a spec's figure: as written (`numero_escrito`)
            if celdas:
                out[k] = _Celdas(_texto_flotantes(raw, c.bordes, escrito))
            else:
                out[k] = _maquina_flotantes(raw, c.bordes, escrito)
            if c.exacto is not None and c.exacto in datos:
                exactos_grandes(out[k], raw, datos[c.exacto], texto=bool(celdas))
            if c.estado:
                estados[f"{k}_estado"] = [None] * len(raw)
        elif numerica:
            clases = set(map(type, raw))
            out[k] = escritos(raw) if c.escrita else numeros_maquina(raw, clases)
            if c.bordes:  # exact values (tendencias' Decimals): kept off the cuts, as a whole
                # table's are (`Tabla.to_columns`)
                exactos = datos.get(c.exacto) if c.exacto else None
                crudos = raw if exactos is None else list(map(_o, exactos, raw))
                out[k] = fieles(out[k], crudos, c.bordes)
            if c.estado:
                estados[f"{k}_estado"] = (
                    [None] * len(raw) if clases <= _NUMEROS else list(map(estado_de, raw))
                )
        elif celdas and c.tipo == Tipo.booleano and (textos := _booleanos(raw)) is not None:
            out[k] = _Celdas(textos)
        elif celdas and (distintos := _distintos_texto(raw)) is not None:
            out[k] = _Celdas(_textos(raw, celdas, distintos))
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


def _maquina_flotantes(a, bordes: tuple = (), escrito: bool = False) -> list:
    """`numeros_maquina(a.tolist())` of a float array (numpy), without the list: NaN and
    infinities → None, whole numbers → int, values on the 10-decimal grid kept as they are
    (sound below 9·10⁵, see `numeros_maquina`), only the rest cleaned one by one."""
    import numpy as np

    finito = np.isfinite(a)
    b = np.where(finito, a, 0.0)
    entero = finito & (b == np.floor(b))
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: not on the grid anyway
        en_rejilla = finito & (np.abs(b) < 9e5) & (np.round(b, DECIMALES_MAX) == b)
    out = a.astype(object)  # Python floats
    out[~finito] = None
    chico = entero & (np.abs(b) < 2.0**53)  # each such double is that very integer
    out[chico] = b[chico].astype(np.int64)  # stored as Python ints
    for i in np.flatnonzero(entero & ~chico).tolist():
        out[i] = entero_de(a[i])
    resto = np.flatnonzero(finito & ~entero & ~en_rejilla)
    if len(resto):  # (never one of a cut's neighbours: `fieles`)
        crudos = a[resto].tolist()
        limpios = list(map(numero_escrito if escrito else numero_maquina, crudos))
        out[resto] = fieles(limpios, crudos, bordes)
    return out.tolist()


def exactos_grandes(valores: list, flotantes, exactos, *, texto: bool = False) -> list:
    """`valores` (machine numbers, or with `texto` their cell texts, of the float array
    `flotantes`) where a value is beyond 2⁵³ replaced by the machine number of its exact one
    (`exactos`, a `Columna.exacto`; None where there is none): there a double is not the
    integer the exact value rounds to — 1e17 / 7 × 100 was written 1428571428571428600, its
    last digits binary noise, for 1428571428571428571. The whole array is looked at once;
    only such rows, rare, one by one. Changes `valores` and returns it."""
    import numpy as np

    with np.errstate(invalid="ignore"):  # (NaN: no number, not large)
        grandes = np.flatnonzero(np.abs(np.asarray(flotantes, dtype=float)) >= 2.0**53)
    for i in grandes.tolist():
        if (x := exactos[i]) is not None:
            m = numero_maquina(x)
            valores[i] = numero_texto(m) if texto else m
    return valores


def _texto_flotantes(a, bordes: tuple = (), escrito: bool = False) -> list[str]:
    """`_numeros(_maquina_flotantes(a))`, the cell texts of a float array, built in numpy for
    the values below 10⁵ on the 10-decimal grid (most figures and every clean cumplimiento):
    such a value is the double nearest to a decimal of at most 15 significant digits, so its
    repr — the shortest text that reads back as it — is that decimal (no other decimal of
    ≤ 15 digits reads back as the same double), which is written digit by digit from the
    integer |x|·10¹⁰. Whole numbers below 10¹⁵ are written the same way from |x| (a machine
    number that is whole is an int), NaN and infinities are empty cells (None); only the rest
    (larger, off the grid, or whole ≥ 10¹⁵) one by one, as before."""
    import numpy as np

    finito = np.isfinite(a)
    b = np.abs(np.where(finito, a, 0.0))
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: not short anyway
        comun = _rejilla(b, finito)
        if comun is not None:  # (a part's metas or valores, or its cumplimientos, mostly)
            k, d = comun
            return _digitos(k.astype(np.int64), _cifras(k, d), d, a < 0, vacias=~finito)
        k = np.rint(b * 1e10)
        corto = finito & (b < 1e5) & (k / 1e10 == b) & (np.round(a, DECIMALES_MAX) == a)
    entero = finito & ~corto & (b < 1e15) & (b == np.floor(b))
    textos = np.full(len(a), "", dtype=object)
    for donde in (corto, entero):  # each on a grid of its own (10 decimals; whole numbers)
        idx = np.flatnonzero(donde)
        if len(idx):
            k, d = _rejilla(b[idx], finito[idx])
            textos[idx] = _digitos(k.astype(np.int64), _cifras(k, d), d, a[idx] < 0)
    resto = np.flatnonzero(finito & ~corto & ~entero)
    if len(resto):
        textos[resto] = list(map(numero_texto, _maquina_flotantes(a[resto], bordes, escrito)))
    return textos.tolist()


def _rejilla(b, finito):
    """(|x|·10^d as whole floats, d) for the fewest decimals d of 0, 2, 4 and 10 that hold
    every finite value of the column in at most 15 digits — each value the double nearest to
    k / 10^d, so its repr is that decimal (see `_texto_flotantes`) —; None if no d does."""
    import numpy as np

    for d in (0, 2, 4, DECIMALES_MAX):
        escala = 10.0**d
        k = np.rint(b * escala)
        if (((k / escala == b) & (k < 1e15)) | ~finito).all():
            return k, d
    return None


def _cifras(k, decimales: int) -> int:
    """How many integer digits the largest k / 10^decimales has (at least one)."""
    return len(str(int(float(k.max()) // 10**decimales))) if len(k) else 1


def _digitos(x, enteros: int, decimales: int, negativo, vacias=None) -> list[str]:
    """The texts of x / 10^decimales (x: int64 ≥ 0 of at most enteros + decimales digits; a
    minus sign where `negativo`): the integer part from its first non-zero digit (the units
    digit always), the decimals up to their last non-zero one, the point only before some;
    an empty text where `vacias` (NaN: no number)."""
    import numpy as np

    n, ancho = len(x), enteros + decimales
    filas = np.empty((ancho, n), dtype=np.int64)
    for j in range(ancho - 1, -1, -1):
        q = x // 10  # (integer division by a constant is vectorised; % is not)
        np.subtract(x, q * 10, out=filas[j])
        x = q
    digitos = filas.T
    # [sign, integer digits, point, decimals, separator]
    punto, fin = 1 + enteros, 2 + ancho
    chars = np.empty((n, fin + 1), dtype=np.uint8)
    keep = np.empty((n, fin + 1), dtype=bool)
    chars[:, 0] = ord("-")
    keep[:, 0] = negativo
    chars[:, 1:punto] = digitos[:, :enteros] + ord("0")
    np.logical_or.accumulate(digitos[:, :enteros] != 0, axis=1, out=keep[:, 1:punto])
    keep[:, punto - 1] = True
    chars[:, punto] = ord(".")
    if decimales:
        chars[:, punto + 1 : fin] = digitos[:, enteros:] + ord("0")
        np.logical_or.accumulate(
            digitos[:, : enteros - 1 : -1] != 0, axis=1, out=keep[:, fin - 1 : punto : -1]
        )
        keep[:, punto] = keep[:, punto + 1]
    else:
        keep[:, punto] = False
    if vacias is not None and vacias.any():
        keep[vacias, :fin] = False
    chars[:, fin] = ord("\n")
    keep[:, fin] = True
    hechos = chars[keep].tobytes().decode("ascii").split("\n")
    hechos.pop()  # after the last separator
    return hechos


def _csv(tabla: Tabla, out: IO[str], delim: str, excel: bool = False) -> None:
    """CSV/TSV as csv.writer with QUOTE_MINIMAL writes it, built column by column: each column
    becomes a list of cell texts (numbers by repr(), text through the formula guard, quotes
    only where a cell holds the delimiter, a quote or a line break), then rows are joined.
    `excel`: a BOM first and CRLF line ends, as Excel on Windows reads UTF-8."""
    fin = "\r\n" if excel else "\n"
    if excel:
        out.write("\ufeff")
    numeric = {c.clave for c in tabla.columnas if c.numerica or c.tipo in ENTEROS_MAQUINA}
    if isinstance(tabla, TablaPorPartes):  # the header, then each part as it comes
        claves = [c.clave for c in tabla.columnas_maquina()]
        out.write(delim.join(_textos(claves, delim)) + fin)
        for datos in tabla.partes():
            columnas = columnas_de_parte(tabla.columnas, datos, celdas=delim)
            _csv_filas(columnas, numeric, out, delim, fin)
        return
    columns = tabla.to_columns()
    out.write(delim.join(_textos(list(columns), delim)) + fin)
    for trozo in _trozos(columns):
        _csv_filas(trozo, numeric, out, delim, fin)


# Rows of a whole table made into text at a time: the cells and lines of 300,000 alerts at once
# were ~2.5× the 137 MB of their CSV on top of the rows (the text of each row depends on that
# row alone: the same bytes).
FILAS_POR_TROZO = 8192


def _trozos(columns: dict[str, list]):
    """The columns, FILAS_POR_TROZO rows at a time (one piece, themselves, when they fit)."""
    n = len(next(iter(columns.values()))) if columns else 0
    if n <= FILAS_POR_TROZO:
        yield columns
        return
    for i in range(0, n, FILAS_POR_TROZO):
        yield {k: v[i : i + FILAS_POR_TROZO] for k, v in columns.items()}


def _csv_filas(columns: dict[str, list], numeric: set, out: IO[str], delim: str, fin: str):
    cells: list = []
    for k, values in columns.items():
        runs = values.__class__ is Repetidos
        v = values.valores if runs else values
        if v.__class__ is not _Celdas:
            v = _numeros(v) if k in numeric else _textos(v, delim)
        previa = cells[-1] if cells else None
        if runs and previa.__class__ is Repetidos and previa.cuentas is values.cuentas:
            # neighbours with the same runs (an indicator's id, nivel, name…): one text per run
            juntas = list(map(f"{{}}{delim}{{}}".format, previa.valores, v))
            cells[-1] = Repetidos(juntas, values.cuentas)
        else:
            cells.append(Repetidos(v, values.cuentas) if runs else v)
    cells = [c.lista() if c.__class__ is Repetidos else c for c in cells]
    if cells and cells[0]:
        out.write(fin.join(map(delim.join, zip(*cells, strict=True))))
        out.write(fin)


def _numeros(values: list) -> list[str]:
    """A numeric column as cell texts: repr() is already the clean text (ints, floats with at
    most 10 decimals), except where repr would use an exponent (1e-05); None → empty."""
    distintos = set(values) if values and values[0].__class__ is int else ()
    if distintos and set(map(type, distintos)) <= _ENTEROS and len(distintos) * 8 < len(values):
        # years, ramos: a few distinct integers, each written once
        mapa = {v: "" if v is None else repr(v) for v in distintos}
        return list(map(mapa.__getitem__, values))
    texts = list(map(repr, values))
    unido = "".join(texts)  # one look at the whole column instead of one per cell
    if "e-" in unido or "e+" in unido:  # rare: 1e-05, 1e+16
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


def _textos(values: list, delim: str, distintos: set | None = None) -> list[str]:
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


def _json(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    """JSON (as `json.dump(rows, indent=2, ensure_ascii=False)` writes it) or JSON lines (as
    `json.dumps(row)` per line), built column by column: each value is encoded once by the C
    encoder's pieces (strings) or repr (numbers), instead of the pure-Python encoder that
    `indent` falls back to walking row by row. A column holding lists or dicts (rare) is
    written by the json module."""
    if isinstance(tabla, TablaPorPartes):
        return _json_partes(tabla, out, lineas)
    columns = tabla.to_columns()
    if not all(set(map(type, v)) <= _JSON_SIMPLES for v in columns.values()):
        return _json_modulo(tabla, out, lineas)  # (lists or dicts in a cell)
    # (a piece's text is its rows': as the whole table's)
    _escribir_json(out, (_json_cuerpos(t, lineas) for t in _trozos(columns)), lineas)


def _escribir_json(out: IO[str], tandas, lineas: bool) -> None:
    """Write the rows' bodies (`_json_cuerpos`), tanda after tanda, as one JSON array (or JSON
    lines): the text does not depend on where the tandas break."""
    hay = False
    for cuerpos in tandas:
        if not cuerpos:
            continue
        if lineas:
            out.write("".join(f"{{{t}}}\n" for t in cuerpos))
        else:
            out.write(("\n  },\n  {\n" if hay else "[\n  {\n") + "\n  },\n  {\n".join(cuerpos))
        hay = True
    if not lineas:
        out.write("\n  }\n]\n" if hay else "[]\n")


_JSON_SIMPLES = frozenset({str, int, float, bool, type(None)})


def _json_cuerpos(columns: dict[str, list], lineas: bool) -> list[str] | None:
    """The text of each row between its braces (JSON lines: on one line; JSON: one key a
    line, indented); None if a column holds lists or dicts."""
    cells = []
    for k, values in columns.items():
        textos = _json_columna(values)
        if textos is None:
            return None
        prefijo = ("" if lineas else "    ") + encode_basestring(k) + ": "
        cells.append(list(map(prefijo.__add__, textos)))  # a C loop, not a comprehension
    filas = zip(*cells, strict=True) if cells else ()
    return list(map(", ".join if lineas else ",\n".join, filas))


def _json_partes(tabla: TablaPorPartes, out: IO[str], lineas: bool) -> None:
    """`_json` of a table that comes in parts: the same text, written part by part."""
    _escribir_json(out, _json_cuerpos_partes(tabla, lineas), lineas)


def _json_cuerpos_partes(tabla: TablaPorPartes, lineas: bool):
    """The rows' bodies of each part (`_json_cuerpos`; the json module's where a cell holds
    lists or dicts)."""
    for datos in tabla.partes():
        columns = columnas_de_parte(tabla.columnas, datos)
        cuerpos = _json_cuerpos(columns, lineas)
        if cuerpos is None:  # lists or dicts in a cell: this part by the json module
            keys = list(columns)
            filas = [dict(zip(keys, r, strict=True)) for r in zip(*columns.values(), strict=True)]
            if lineas:
                cuerpos = [json.dumps(r, ensure_ascii=False)[1:-1] for r in filas]
            else:
                cuerpos = [
                    json.dumps(r, ensure_ascii=False, indent=2)[2:-2].replace("\n", "\n  ")
                    for r in filas
                ]
        yield cuerpos


def _json_columna(values: list) -> list[str] | None:
    """The JSON text of each value of a column; None if a value is not a string, number,
    boolean or null."""
    clases = set(map(type, values))
    if not clases <= {str, int, float, bool, type(None)}:
        return None
    if clases <= {str, type(None)}:  # each distinct text encoded once, then looked up
        mapa = {v: encode_basestring(v) for v in set(values) if v is not None}
        mapa[None] = "null"
        return list(map(mapa.__getitem__, values))
    if clases <= {int, float, type(None)}:
        textos = list(map(repr, values))
        return list(map(_NULL.get, textos, textos)) if type(None) in clases else textos
    return [json.dumps(v, ensure_ascii=False) for v in values]


def _json_modulo(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    if lineas:
        for row in machine_rows(tabla):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        json.dump(machine_rows(tabla), out, ensure_ascii=False, indent=2)
        out.write("\n")


def render(
    tabla: Tabla,
    formato: Formato,
    out: IO[str],
    console=None,
    *,
    excel: bool = False,
    opcion_columnas: str | None = "--columnas",
) -> None:
    """`excel`: csv/tsv with a BOM and CRLF line ends, as Excel on Windows reads UTF-8;
    `opcion_columnas`: the option the rich table names for columns left out (None: none)."""
    if isinstance(tabla, TablaPorPartes) and formato not in POR_PARTES:
        raise ValueError(f"una tabla por partes no se escribe en {formato}")
    if formato in (Formato.json, Formato.jsonl):
        _json(tabla, out, lineas=formato is Formato.jsonl)
    elif formato in (Formato.csv, Formato.tsv, Formato.csv_excel):
        excel = excel or formato is Formato.csv_excel
        _csv(tabla, out, "\t" if formato is Formato.tsv else ",", excel)
    elif formato is Formato.markdown:
        _markdown(tabla, out)
    elif formato is Formato.xlsx:
        from issste_mon.errores import EntradaInvalida

        # (the CLI never gets here: emit writes xlsx with salida.xlsx.libro, which a text
        # stream cannot hold; said for a library caller of render)
        raise EntradaInvalida(
            "render escribe texto: un xlsx (binario) se hace con issste_mon.salida.xlsx.libro",
        )
    else:
        _rich(tabla, console, opcion_columnas)


def _visible(tabla: Tabla) -> list[Columna]:
    """The columns people see; a clave names its ramo (`Columna.ramo`) only where the rows
    come from more than one (a table of one ramo reads «E045», not «51-E045»)."""
    import dataclasses

    cols = [c for c in tabla.columnas if c.en_tabla]
    for j, c in enumerate(cols):
        if c.ramo is not None and len({r.get(c.ramo) for r in tabla.filas}) < 2:
            cols[j] = dataclasses.replace(c, ramo=None)
    return cols


def _markdown(tabla: Tabla, out: IO[str]) -> None:
    from tabulate import tabulate

    cols = _visible(tabla)
    # the mark the rich table and the ficha put beside a figure (PA/PO > 100 %) goes here too
    body = [
        [md(celda(row, c)) + (" ⚠" if c.alertada(row) else "") for c in cols] for row in tabla.filas
    ]
    align = [c.alineacion for c in cols]
    out.write(f"### {md(tabla.titulo)}\n\n")
    out.write(
        tabulate(
            body,
            headers=[md(c.titulo) for c in cols],
            tablefmt="github",
            colalign=align,
            disable_numparse=True,
        )
    )
    out.write("\n")
    # Where the Nota is no column (alertas), what a ⚠ rests on and what a summary line sends
    # to, row by row, as under the rich table: a «⚠» a reader cannot look up says nothing.
    sin_nota = not any(c.clave == "nota" for c in cols)
    cells = [[celda(row, c) for c in cols] for row in tabla.filas] if sin_nota else None
    plan = Plan({i: 0 for i in range(len(cols))}, [], False)
    if sin_nota:
        for leyenda in _leyendas(tabla, cols, plan, cells):
            out.write(f"\n{_md_leyenda(leyenda)}\n")
    for line in tabla.resumen:
        out.write(f"\n{md(line)}\n")
        for linea_ in _remitidas(tabla, line, cols, plan, cells, None) if sin_nota else ():
            out.write(f"\n{_md_leyenda(linea_)}\n")
    if tabla.pie:
        out.write(f"\n_{md(tabla.pie)}_\n")


def _md_leyenda(linea: str) -> str:
    """A legend line in Markdown: one of its rows («  E045 P1: …») as a list item."""
    return f"- {md(linea.strip())}" if linea.startswith("  ") else md(linea)


def _rich(tabla: Tabla, console, opcion_columnas: str | None = "--columnas") -> None:
    """A rich table whose every row is one line of the terminal.

    The layout (`ajustar`) chooses the widths: numbers, claves and years whole; text shortened
    in the middle («Servicios Funerarios…Velatorios») so distinguishing tails stay; columns that
    still do not fit are left out, least needed first, and a line under the table names them
    and says how to get them. The same columns with or without colour (TERM=dumb, NO_COLOR).
    When no layout shows each row's key and answer whole (`esenciales`), the rows are printed
    as records instead (`_registros`).
    """
    from rich import box

    cols = _visible(tabla)
    # Sanitised before layout: widths are measured on what is shown (salida/sanear.py).
    cells = [[sanear(celda(row, c)) for c in cols] for row in tabla.filas]
    propia = _para_consola(console)
    if propia is not None:  # a terminal that cannot show «…», «—», «⚠» or «ñ» (see below)
        tabla = _con_textos(tabla, propia)
        cols = _visible(tabla)
        cells = [[propia(x) for x in fila] for fila in cells]
    plan = _plan(cols, cells, console.width, tabla.filas)
    if plan is None:
        # A row cut to what it is or what its figure is answers nothing (verificar at 40
        # columns: 37 rows «E045 coincide», of no cifra): the same rows, one record each.
        _registros(tabla, cols, cells, console, propia)
        return
    sin_marco = box.SIMPLE_HEAD if propia is None else _simple_head_ascii()
    table = _rich_table(tabla, plan, cells, box.HEAVY_HEAD if plan.marco else sin_marco, propia)
    console.print(table, crop=False)
    # What a ⚠ shown means, at every width: the row's nota that says it is the first text to
    # leave a narrow terminal, and at 80 columns cobertura showed «129.85 % ⚠» unexplained.
    for leyenda in _leyendas(tabla, cols, plan, cells):
        texto = leyenda if propia is None else propia(leyenda)
        if texto[:2] != "  ":
            console.print(texto, highlight=False)
            continue
        for renglon in _con_sangria(texto, console.width):
            console.print(renglon, highlight=False, no_wrap=True, crop=False)
    if plan.omitidas:
        omitidas = [cols[i] for i in plan.omitidas]
        nombres = ", ".join(f"{c.titulo} ({c.clave})" for c in omitidas)
        # the example must run: «clave» where the table has one, else its first column shown
        # (resumen has no «clave»: «--columnas clave,publicado» was an error)
        todas = {c.clave for c in tabla.columnas_maquina()}
        if "clave" in todas:
            ejemplo = f"clave,{omitidas[0].clave}"
        elif plan.anchos:
            ejemplo = f"{cols[min(plan.anchos)].clave},{omitidas[0].clave}"
        else:  # not one column fits (COLUMNS=5): min() of nothing was a traceback
            ejemplo = omitidas[0].clave
        como = (
            f"elija las columnas con {opcion_columnas} (p. ej. {opcion_columnas} "
            f"{ejemplo}) o use -f csv"
            if opcion_columnas
            else "use -f csv"
        )
        console.print(
            f"Omitidas por el ancho de la terminal: {nombres}. Para verlas, {como}.",
            highlight=False,
            markup=False,
        )
    for line in tabla.resumen:
        texto = sanear(line) if propia is None else propia(sanear(line))
        for renglon in _renglones(texto, console.width):
            console.print(renglon, markup=False, highlight=False, no_wrap=True, crop=False)
        for linea_ in _remitidas(tabla, line, cols, plan, cells, propia):
            for renglon in _con_sangria(linea_, console.width):
                console.print(renglon, highlight=False, no_wrap=True, crop=False)


def _plan(
    cols: list[Columna], cells: list[list[str]], ancho: int, filas: list, por_id: bool = False
) -> Plan | None:
    """The table's layout if it shows each row's key and answer whole (`esenciales`, and an
    indicator's id where its name is left out); None if no layout does (then: records). The
    layout of the widths alone first, so that a table that already showed them keeps its
    columns; else one that leaves out more columns to show them whole."""
    enteras = esenciales(cols)
    for plan in (ajustar(cols, cells, ancho), ajustar(cols, cells, ancho, enteras)):
        if _caben_enteras(plan, enteras + _en_su_lugar(cols, plan), cols, cells, filas):
            if por_id or not _nombres_iguales(cols, cells, plan):
                return plan
            # two indicators' names cut to one text with their ids left out (calidad at 80
            # columns: «Porcentaje d…hábiles» twice): the id then goes as a row's key
            import dataclasses

            con_id = [
                dataclasses.replace(c, prioridad=PRIORIDAD_LLAVE) if c.clave == "id" else c
                for c in cols
            ]
            otro = _plan(con_id, cells, ancho, filas, por_id=True)
            return otro if otro is not None else plan
    return None


def _nombres_iguales(cols: list[Columna], cells: list[list[str]], plan: Plan) -> bool:
    """Whether the plan shows two rows of different indicators under one text: their names
    cut alike (`_SUSTITUTAS`) and their ids left out."""
    indice = {c.clave: i for i, c in enumerate(cols)}
    for nombre, id_ in _SUSTITUTAS:
        n, k = indice.get(nombre), indice.get(id_)
        if n is None or k is None or k in plan.anchos or n not in plan.anchos:
            continue
        vistos: dict[str, str] = {}
        for fila in cells:
            if vistos.setdefault(acortar(fila[n], plan.anchos[n]), fila[k]) != fila[k]:
                return True
    return False


def _caben_enteras(
    plan: Plan, enteras: list[int], cols: list[Columna], cells: list[list[str]], filas: list
) -> bool:
    """Whether the table shows every cell of `enteras` whole (its ⚠ included); a column empty
    in every row need not be shown."""
    for i in enteras:
        ancho = max(
            (
                _ancho(texts[i]) + (2 if cols[i].alertada(row) else 0)
                for row, texts in zip(filas, cells, strict=True)
                if texts[i]
            ),
            default=0,
        )
        if ancho and plan.anchos.get(i, 0) < ancho:
            return False
    return True


def _en_su_lugar(cols: list[Columna], plan: Plan) -> list[int]:
    """The ids that must be shown whole because their indicator's name is left out
    (`_SUSTITUTAS`): without either, rows of one clave and year are of no indicator."""
    indice = {c.clave: i for i, c in enumerate(cols)}
    return [
        indice[id_]
        for nombre, id_ in _SUSTITUTAS
        if nombre in indice and id_ in indice and indice[nombre] in plan.omitidas
    ]


_SANGRIA = "  "  # a field's text after its first line: under its title, not under the next


def _registros(tabla: Tabla, cols: list[Columna], cells: list[list[str]], console, propia):
    """The rows as records, for a terminal too narrow for a table that shows each row whole:
    the title and a rule; then one block per row, a field a line «Título: valor» wrapped at
    the width (what says which row it is first, then the rest in the table's order; a field
    empty in that row is left out unless it is the row's key or answer), a blank line between
    blocks; a rule, then the caption, the ⚠'s meaning and the summary, as under the table.
    Every field is shown, so nothing is named as left out."""
    ancho = console.width
    enteras = set(esenciales(cols))
    llaves = _llaves(cols)
    orden = llaves + [i for i in range(len(cols)) if i not in llaves]
    marca = " ⚠" if propia is None else propia(" ⚠")
    papeles = {i: dict(cols[i].papeles) for i in orden if cols[i].tipo == "rango"}
    renglones: list[list[tuple[str, str]]] = []  # each line: its (text, style) pieces

    def escribir(texto: str, estilo: str = "", centrado: bool = False) -> None:
        # (title and caption centred, as over and under a table)
        for renglon in _renglones(texto, ancho):
            renglones.append([(renglon.center(ancho).rstrip() if centrado else renglon, estilo)])

    escribir(tabla.titulo, "table.title", centrado=True)
    # a rule under the title and after the last record, as under a table's header: what
    # follows (the caption's «Metodología: …») is no field of the last record
    raya = [(("─" if propia is None else propia("─")) * max(ancho, 1), "")]
    renglones.append(raya)
    for n, (row, texts) in enumerate(zip(tabla.filas, cells, strict=True)):
        if n:
            renglones.append([])
        for i in orden:
            c, valor = cols[i], texts[i]
            if not valor and i not in enteras:
                continue
            estilo = RANGO_ESTILO.get(papeles[i].get(valor)) if i in papeles else None
            if c.tipo == "veredicto":
                estilo = VEREDICTO_ESTILO.get(valor)
            if c.alertada(row):
                valor, estilo = valor + marca, "yellow"
            for k, renglon in enumerate(_campo(c.titulo, valor, ancho)):
                titulo = len(c.titulo) + 1 if k == 0 else 0  # «Título:» on the first line
                renglones.append([(renglon[:titulo], "bold"), (renglon[titulo:], estilo or "")])
        if len(renglones) >= 4096:  # printed a few thousand lines at a time
            console.print(_Renglones(renglones), crop=False)
            renglones = []
    renglones.append(raya)
    if tabla.pie:
        escribir(tabla.pie, "table.caption", centrado=True)
    plan = Plan({i: 0 for i in range(len(cols))}, [], False)
    sin_nota = not any(c.clave == "nota" for c in cols)  # (a record shows its Nota whole)
    for leyenda in _leyendas(tabla, cols, plan, cells if sin_nota else None):
        escribir(leyenda if propia is None else propia(leyenda))
    for line in tabla.resumen:
        escribir(sanear(line) if propia is None else propia(sanear(line)))
        if sin_nota:
            for linea_ in _remitidas(tabla, line, cols, plan, cells, propia):
                escribir(linea_)
    console.print(_Renglones(renglones), crop=False)


class _Renglones:
    """Lines already wrapped at the terminal's width, as (text, style) pieces: printed as they
    are, without rich measuring and wrapping each again (cumplimiento's 13,418 rows of 100
    synthetic programs as records at 40 columns: 26.6 s a print a line, 14.2 s as Text lines
    joined, 3.6 s so; the table of the same rows, 5.5 s)."""

    def __init__(self, renglones: list[list[tuple[str, str]]]) -> None:
        self.renglones = renglones

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        estilos: dict = {}
        salto = Segment.line()
        for piezas in self.renglones:
            for texto, estilo in piezas:
                if texto:
                    if estilo not in estilos:
                        estilos[estilo] = console.get_style(estilo) if estilo else None
                    yield Segment(texto, estilos[estilo])
            yield salto


def _campo(titulo: str, valor: str, ancho: int) -> list[str]:
    """«Título: valor» in lines of at most `ancho` cells: broken at spaces, never inside a
    figure (`_UNA_CIFRA`) unless it is wider than a line, later lines indented."""
    import textwrap

    texto = f"{titulo}: {valor}" if valor else f"{titulo}:"
    if ancho <= len(_SANGRIA) or _ancho(texto) <= ancho:
        return [texto]
    unido = _UNA_CIFRA.sub(lambda m: m.group().replace(" ", "\x00"), texto)
    partes = textwrap.wrap(
        unido,
        ancho,
        subsequent_indent=_SANGRIA,
        break_long_words=True,
        break_on_hyphens=False,
    )
    lineas = [x.replace("\x00", " ") for x in partes] or [texto]
    if ancho > 2 * len(_SANGRIA) and any(_ancho(x) > ancho for x in lineas):
        # textwrap counts characters: a line of wide ones (CJK, emoji) takes twice the cells
        lineas = [t for x in lineas for t in _por_celdas(x, ancho)]
    return lineas


def _por_celdas(linea: str, ancho: int) -> list[str]:
    """`linea` cut into pieces of at most `ancho` terminal cells, later ones indented."""
    out, actual = [], ""
    for ch in linea:
        if actual.strip() and _ancho(actual + ch) > ancho:
            out.append(actual.rstrip())
            actual = _SANGRIA
        actual += ch
    return [*out, actual]


# A figure and its share or unit read as one: «Superado 5 (33%)», «113.08 %» — a summary
# wrapped at a terminal's edge printed «No alcanzada 4» and «(27%)» on two lines.
_UNA_CIFRA = re.compile(r"\d[\d,.]*(?: \(\d[\d,.]*\s?%\)| %)")


def _renglones(texto: str, ancho: int) -> list[str]:
    """`texto` wrapped at spaces in `ancho` columns, never inside a figure (`_UNA_CIFRA`)."""
    import textwrap

    if ancho <= 0 or len(texto) <= ancho:
        return [texto]
    unido = _UNA_CIFRA.sub(lambda m: m.group().replace(" ", "\x00"), texto)
    partes = textwrap.wrap(
        unido, ancho, break_long_words=False, break_on_hyphens=False, drop_whitespace=True
    )
    return [x.replace("\x00", " ") for x in partes] or [texto]


def _con_sangria(texto: str, ancho: int, sangria: str = "    ") -> list[str]:
    """`_renglones` of an indented line, its continuation indented further (a row's reason
    under the ⚠'s legend reads as part of it)."""
    renglones = _renglones(texto, ancho)
    if len(renglones) == 1:
        return renglones
    resto = _renglones(" ".join(renglones[1:]), ancho - len(sangria))
    return [renglones[0], *(sangria + r for r in resto)]


def _leyendas(tabla: Tabla, cols: list[Columna], plan: Plan, cells=None) -> list[str]:
    """One line per shown column with a ⚠ in some row: «⚠ junto a PA/PO: PA > PO.» (the
    title of the column that marks it). Where the terminal left the Nota out or cut it
    (`cells`: the texts shown, by row), what it would have said, row by row: what each ⚠
    rests on, where the ⚠'s title sends to the nota («la nota dice en qué»), and why the
    table's figure is «—» (at 80 columns `cumplimiento` said «la nota dice en qué» of a Nota
    it did not show, and E043's «—» beside a published 104.5 % said nothing)."""
    out = []
    for i in sorted(plan.anchos):
        c = cols[i]
        for clave, motivo in c.motivos():
            marcadas = [n for n, r in enumerate(tabla.filas) if r.get(clave)]
            if not marcadas:
                continue
            if motivo is None:  # (what `alerta` means is its column's title)
                try:
                    motivo = tabla.columna(clave).titulo
                except KeyError:
                    continue
            if motivo[1:2].islower():  # a sentence after the colon (not «PA > PO»)
                motivo = motivo[0].lower() + motivo[1:]
            out.append(f"⚠ junto a {c.titulo}: {motivo}.")
            if "la nota dice" in motivo and cells is not None:
                out += _por_fila(tabla, cols, plan, cells, marcadas, _descansa, "descansa en ")
    for i in sorted(plan.anchos) if cells is not None else ():
        c = cols[i]
        if _prioridad(c) != PRIORIDAD_CIFRA or c.tipo not in ("pct", "valoracion"):
            continue
        vacias = [n for n, fila in enumerate(cells) if fila[i] in ("—", "-")]  # (- in ASCII)
        lineas = _por_fila(tabla, cols, plan, cells, vacias, _nota, "")
        if lineas:
            out += [f"— en {c.titulo}: no calculable (la nota dice por qué).", *lineas]
    return out


# the words `calc.supuestos.PREFIJO` opens a nota with (a renderer reads them, never imports calc)
_DESCANSA = "descansa en: "
_POR_MOTIVO = 5  # rows named under one reason; the rest counted
_MOTIVOS = 8  # reasons listed under one legend; the rest counted


def _descansa(fila: dict) -> str:
    # (the nota's last part: «sin meta en la spec; descansa en: A; B» rests on A and B)
    _, dice, motivo = str(fila.get("nota") or "").partition(_DESCANSA)
    return motivo if dice else ""


def _nota(fila: dict) -> str:
    return str(fila.get("nota") or "")


def _remitidas(tabla: Tabla, line: str, cols, plan, cells, propia) -> list[str]:
    """Under a summary line that sends the reader to the nota of some rows («la nota dice por
    qué»), what those notas say, where the table shows no Nota whole beside them."""
    filas = tabla.remite_a_nota.get(line)
    if not filas:
        return []
    lineas = _por_fila(tabla, cols, plan, cells, filas, _nota, "")
    return lineas if propia is None else [propia(x) for x in lineas]


def _por_fila(tabla, cols, plan, cells, filas: list[int], motivo_de, antes: str) -> list[str]:
    """«  E045 2017 P1, E048 2023 P1: descansa en sentido ascendente inferido (no impreso).»:
    what `motivo_de` takes from the nota of each of `filas`, grouped, where the Nota is not
    shown whole beside them (cut by the width, left out by it or by --columnas)."""
    nota = next((k for k, col in enumerate(cols) if col.clave == "nota"), None)
    if not filas:
        return []
    ancho = None if nota is None else plan.anchos.get(nota)
    if ancho is not None and all(_ancho(cells[n][nota]) <= ancho for n in filas):
        return []  # (the Nota says it, whole, beside each row)
    # what tells the rows apart, an indicator by its id (its name would fill the line)
    llaves = [k for k in _llaves(cols) if cols[k].clave != "indicador"]
    llaves += [k for k, c in enumerate(cols) if c.clave == "id" and k not in llaves]
    llaves.sort()
    por_motivo: dict[str, list[str]] = {}
    for n in filas:
        if motivo := motivo_de(tabla.filas[n]):
            # (no key shown, `--columnas anio,meta`: the row by its place)
            fila = " ".join(cells[n][k] for k in llaves if cells[n][k]) or f"fila {n + 1:,}"
            por_motivo.setdefault(motivo, []).append(fila)
    out = []
    for motivo, nombres in list(por_motivo.items())[:_MOTIVOS]:
        nombradas = ", ".join(nombres[:_POR_MOTIVO])
        if len(nombres) > _POR_MOTIVO:
            nombradas += f" y {len(nombres) - _POR_MOTIVO:,} más"
        out.append(f"  {nombradas}: {antes}{motivo.rstrip('.')}.")
    if len(por_motivo) > _MOTIVOS:
        out.append(f"  … y {len(por_motivo) - _MOTIVOS:,} motivos más: la columna nota (-f csv).")
    return out


ELIPSIS = "…"
# What a terminal whose encoding lacks a character sees instead: the stream escaped them
# (`\u2026`, six cells where the layout counted one), so every row after a «…» or a «—»
# slid right of its column and «⚠» read «\u26a0». A letter it lacks is still escaped
# (`A\xf1o`, as Python does on stderr), but before the layout measures it.
_SUSTITUTOS = {"…": "...", "—": "-", "–": "-", "⚠": "!", "·": "-", "«": '"', "»": '"', "─": "-"}


def _para_consola(console):
    """The text converter for a console that cannot encode these characters; None for one
    that can (UTF-8)."""
    import codecs

    enc = getattr(console, "encoding", None) or "utf-8"
    try:
        enc = codecs.lookup(enc).name
    except LookupError:
        return None
    faltan = {}
    for ch, sustituto in _SUSTITUTOS.items():
        try:
            ch.encode(enc)
        except UnicodeEncodeError:
            faltan[ch] = sustituto
    if not faltan:
        try:
            "áéíóúñÁÉÍÓÚÑü".encode(enc)
            return None
        except UnicodeEncodeError:
            pass
    tabla = str.maketrans(faltan)

    def propia(texto: str) -> str:
        return texto.translate(tabla).encode(enc, "backslashreplace").decode(enc)

    return propia


def _con_textos(tabla: Tabla, propia) -> Tabla:
    """The table's title, caption and headers as `propia` writes them."""
    import dataclasses

    cols = [dataclasses.replace(c, titulo=propia(c.titulo)) for c in tabla.columnas]
    pie = propia(tabla.pie) if tabla.pie else tabla.pie
    return dataclasses.replace(tabla, titulo=propia(tabla.titulo), pie=pie, columnas=cols)


def _simple_head_ascii():
    from rich.box import Box

    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


_SEPARACION = 2  # spaces between columns of the frameless table
_MIN_TEXTO = 12  # a shortened text column keeps at least this many characters
# a row's key (`PRIORIDAD_LLAVE`) keeps at least this many: verificar at 60
# columns beside a 19-character clave and a 26-character verdict left out the cifra, one cell
# short, and showed verdicts of no one
_MIN_LLAVE = 10
_COMODO = 20  # below this a shortened name is hard to read: leave out a less needed column
# Which columns go first when the terminal is narrow (lower first); unnamed columns rank 50,
# claves and years are never left out. Columns empty in every row go before all of these.
_PRIORIDAD = {
    "ramo": 10,
    "dependencia": 12,
    "archivo": 14,
    "semaforo": 20,
    "sentido": 22,
    "id": 24,
    "po_pp_pct": 26,
    "linea": 28,
    "nivel": 30,  # the MIR level (monitoreo's «Nivel» is its answer: it says so itself)
    "unidad_medida": 32,
    "lugar": 34,
    "nota": 40,
    "explicacion": 42,
    "ubicacion": 44,
    "componente": 60,
}
_PRIORIDAD_NORMAL = 50
_PRIORIDAD_CIFRAS = 80  # from here a figure (a term, a share): a squeezed key does not push it out
_SUSTITUTAS = (("indicador", "id"),)  # (a name, the short key that tells its rows apart)
_FIJAS = frozenset({"clave", "anio", "veredicto", "coincide"})  # (the answer: never cut)
_POR_EL_FINAL = frozenset({"ubicacion", "archivo"})  # paths: the file name is what tells apart


def _prioridad(col: Columna) -> int:
    return (
        col.prioridad if col.prioridad is not None else _PRIORIDAD.get(col.clave, _PRIORIDAD_NORMAL)
    )


def esenciales(cols: list[Columna]) -> list[int]:
    """The columns a row cannot be read without: what it is (clave, año, a `PRIORIDAD_LLAVE`
    such as verificar's cifra or monitoreo's ámbito), its figure (`PRIORIDAD_CIFRA`: a
    valoración, a verdict, a sentence) and the class given to it (`PRIORIDAD_CLASE`: a rango,
    a nivel). A terminal shows them whole, or the rows as records (`_registros`)."""
    return [
        i
        for i, c in enumerate(cols)
        if c.clave in _FIJAS or c.tipo == Tipo.veredicto or _prioridad(c) >= PRIORIDAD_CLASE
    ]


def _llaves(cols: list[Columna]) -> list[int]:
    """What says which row a record is, in the table's order: clave, año, the columns that tell
    rows apart (`_es_llave`) and an indicator's id and name (`_SUSTITUTAS`)."""
    nombres = {c.clave for c in cols}
    pares = {k for par in _SUSTITUTAS if set(par) <= nombres for k in par}
    return [
        i
        for i, c in enumerate(cols)
        if c.clave in ("clave", "anio") or _es_llave(c) or c.clave in pares
    ]


def _es_llave(col: Columna) -> bool:
    """What tells a row from the others (monitoreo's ámbito, verificar's cifra), not its figure
    (a class that answers, as calidad's «Oportunidad de mejora», is never cut to 10)."""
    return PRIORIDAD_LLAVE <= _prioridad(col) < PRIORIDAD_CIFRA


@registro
class Plan(Registro):
    """Widths of the shown columns (index → width), the ones left out and the frame."""

    anchos: dict[int, int]
    omitidas: list[int]
    marco: bool


def _ancho(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def acortar(text: str, ancho: int, *, final: bool = False, elipsis: str = ELIPSIS) -> str:
    """Text in at most `ancho` cells, shortened in the middle at word boundaries when it can:
    «Servicios Funerarios en Velatorios del ISSSTE» → «Servicios Funerarios…ISSSTE»; with
    `final`, only the end stays («…E045.yaml:22»)."""
    if _ancho(text) <= ancho:
        return text
    e = _ancho(elipsis)
    if ancho <= e:
        return elipsis[:ancho]
    if final:
        cola = text[-(ancho - e) :]
        while _ancho(cola) > ancho - e:
            cola = cola[1:]
        return elipsis + cola
    espacio = ancho - e
    cola_max = espacio // 2 if ancho >= 20 else espacio // 3  # short: the start says more
    palabras = text.split()
    cola = ""
    for i in range(len(palabras) - 1, 0, -1):
        candidata = " ".join(palabras[i:])
        if _ancho(candidata) > cola_max:
            break
        cola = candidata
    if not cola:
        cola = text[-cola_max:].lstrip() if cola_max else ""
    cabeza = text[: espacio - _ancho(cola)].rstrip()
    while _ancho(cabeza) + _ancho(cola) > espacio:
        cabeza = cabeza[:-1]
    return f"{cabeza}{elipsis}{cola}"


def ajustar(
    cols: list[Columna], cells: list[list[str]], ancho_total: int, enteras: Iterable[int] = ()
) -> Plan:
    """Widths for a table of these cells in `ancho_total` terminal cells; the columns of
    `enteras` (`esenciales`) whole or left out, never shortened (not even to their `ancho`)."""
    n = len(cols)
    enteras = frozenset(enteras)
    natural, minimo, entera = [], [], []  # headers wrapped at words / on one line
    entero: dict[int, int] = {}  # a column held at its `ancho`: its width with nothing cut
    for i, c in enumerate(cols):
        valores = [row[i] for row in cells]
        marca = 2 if c.alerta or c.marcas else 0  # (« ⚠»)
        ancho_celdas = max((_ancho(v) + marca for v in valores), default=0)
        palabra = max((_ancho(w) for w in c.titulo.split()), default=1)
        nat = max(ancho_celdas, palabra, 1)
        if c.ancho and not c.numerica and nat > max(c.ancho, palabra) and i not in enteras:
            entero[i] = nat
            nat = max(c.ancho, palabra)
        natural.append(nat)
        entera.append(max(nat, _ancho(c.titulo)))
        if c.numerica or c.clave in _FIJAS or c.tipo in ("rango", "veredicto") or i in enteras:
            minimo.append(max(ancho_celdas, palabra, 1))
        elif _es_llave(c):  # what tells the rows apart: shortened further before it goes
            minimo.append(min(natural[i], max(_MIN_LLAVE, min(palabra, _MIN_LLAVE))))
        elif c.clave in _POR_EL_FINAL:  # a file's name and line tell rows apart: keep them whole
            nombre = max((_ancho(v.rsplit("/", 1)[-1]) for v in valores), default=0)
            minimo.append(min(natural[i], max(nombre + 1, palabra, 1)))
        else:
            minimo.append(min(natural[i], max(_MIN_TEXTO, min(palabra, _MIN_TEXTO))))
    # Framed (heavy head, borders) when everything fits at its natural width.
    if sum(entera) + 3 * n + 1 <= ancho_total:
        return Plan(_holgura(dict(enumerate(entera)), entero, ancho_total - 3 * n - 1), [], True)
    vacias = [
        i for i in range(n) if all(not row[i] for row in cells) and cols[i].clave not in _FIJAS
    ]
    orden = vacias + sorted(
        (i for i in range(n) if i not in vacias and cols[i].clave not in _FIJAS),
        key=lambda i: (_prioridad(cols[i]), -i),
    )
    omitidas: list[int] = []
    while True:
        visibles = [i for i in range(n) if i not in omitidas]
        espacio = ancho_total - _SEPARACION * (len(visibles) - 1)
        # empty columns go while the rest does not fit whole; the others only when even their
        # shortest readable width does not
        siguiente = orden[len(omitidas)] if len(omitidas) < len(orden) else None
        medida = natural if siguiente in vacias else minimo
        if siguiente is None or sum(medida[i] for i in visibles) <= espacio:
            break
        omitidas.append(siguiente)
    anchos = _repartir(cols, visibles, natural, minimo, espacio)
    # A name squeezed below a readable width is worth more than a less needed column: leave
    # that one out too (it is named in the footer) and give its room to the name. A row's key
    # (kept anyway, at 10 cells if need be) makes room so, but not of a figure: verificar's
    # cifra took the room of the publicado it is checked against.
    while len(omitidas) < len(orden):
        siguiente = orden[len(omitidas)]
        apretadas = [
            i
            for i in visibles
            if i != siguiente
            and anchos[i] < min(natural[i], _COMODO)
            and cols[i].tipo == "texto"
            and _prioridad(cols[i]) > _prioridad(cols[siguiente])
            and (not _es_llave(cols[i]) or _prioridad(cols[siguiente]) < _PRIORIDAD_CIFRAS)
        ]
        if not apretadas:
            break
        omitidas.append(siguiente)
        visibles = [i for i in visibles if i != siguiente]
        espacio = ancho_total - _SEPARACION * (len(visibles) - 1)
        anchos = _repartir(cols, visibles, natural, minimo, espacio)
    # An indicator's name left out: its id (1.1, P1) stands in for it where it fits, or the
    # rows of one clave and year could not be told apart (sexenal at 60 columns showed only
    # categories, rows of nothing).
    for nombre, id_ in _SUSTITUTAS:
        i = next((k for k in omitidas if cols[k].clave == nombre), None)
        j = next((k for k in omitidas if cols[k].clave == id_), None)
        if i is None or j is None:
            continue
        con = sorted([*visibles, j])
        # room made by the least needed columns shown, never the table's answer (the column
        # of highest prioridad): a row that says whose it is before a figure of no one
        cedibles = sorted(
            (k for k in visibles if cols[k].clave not in _FIJAS),
            key=lambda k: (_prioridad(cols[k]), -k),
        )[:-1]
        cedibles = [k for k in cedibles if k not in enteras]  # (nor a key or class of it)
        salen: list[int] = []
        while sum(minimo[k] for k in con) > ancho_total - _SEPARACION * (len(con) - 1):
            if not cedibles:
                break
            salen.append(cedibles.pop(0))
            con.remove(salen[-1])
        espacio_con = ancho_total - _SEPARACION * (len(con) - 1)
        if sum(minimo[k] for k in con) <= espacio_con:
            omitidas.remove(j)
            omitidas.extend(salen)
            visibles, espacio = con, espacio_con
            anchos = _repartir(cols, visibles, natural, minimo, espacio)
    return Plan(_holgura(anchos, entero, espacio), sorted(omitidas), False)


def _holgura(anchos: dict[int, int], entero: dict[int, int], espacio: int) -> dict[int, int]:
    """The room left over goes to the columns held at their `ancho` (a name, a sentence), a
    cell at a time each, until they are whole: a wide terminal shows «Servicios Deportivos,
    Culturales, Turísticos y Funerarios» whole, not cut at 48 with 100 columns to spare."""
    sobra = espacio - sum(anchos.values())
    crecen = [i for i in entero if i in anchos and anchos[i] < entero[i]]
    while sobra > 0 and crecen:
        for i in list(crecen):
            if sobra == 0:
                break
            anchos[i] += 1
            sobra -= 1
            if anchos[i] >= entero[i]:
                crecen.remove(i)
    return anchos


def _repartir(cols, visibles, natural, minimo, espacio) -> dict[int, int]:
    """Natural widths, narrowed one cell at a time until they fit `espacio`."""
    anchos = {i: natural[i] for i in visibles}
    exceso = sum(anchos.values()) - espacio
    while exceso > 0:
        candidatas = [i for i in visibles if anchos[i] > minimo[i]]
        if not candidatas:
            break
        # the widest goes first; notes and other expendable text count wider, so they give way
        # before names
        i = max(candidatas, key=lambda j: anchos[j] * (1.5 if _prioridad(cols[j]) < 50 else 1))
        anchos[i] -= 1
        exceso -= 1
    # Not even the shortest widths fit (verificar in 40 columns: a 19-character clave beside
    # a 26-character verdict): the widest is shortened here, in the middle and with the
    # terminal's own «…» (`acortar`), not cut at its end by rich — whose «…» a terminal
    # without UTF-8 saw as «\u2026», six cells past the edge.
    while exceso > 0:
        i = max(visibles, key=lambda j: anchos[j])
        if anchos[i] <= 1:
            break
        anchos[i] -= 1
        exceso -= 1
    return anchos


def _rich_table(tabla: Tabla, plan: Plan, cells: list[list[str]], box_style, propia=None):
    from rich.table import Table
    from rich.text import Text

    framed = plan.marco
    table = Table(
        title=tabla.titulo,
        caption=tabla.pie,
        header_style="bold",
        box=box_style,
        show_edge=framed,
        pad_edge=framed,
        padding=(0, 1) if framed else (0, 1, 0, 0),
        collapse_padding=False,
    )
    cols = _visible(tabla)
    elipsis, marca = (ELIPSIS, " ⚠") if propia is None else (propia(ELIPSIS), propia(" ⚠"))
    shown = [i for i in range(len(cols)) if i in plan.anchos]
    for i in shown:
        c = cols[i]
        table.add_column(
            Text(c.titulo, overflow="fold"),
            justify=c.alineacion,
            width=plan.anchos[i],
            no_wrap=False,
            overflow="fold",
        )
    for row, texts in zip(tabla.filas, cells, strict=True):
        styled = []
        for i in shown:
            c, text = cols[i], texts[i]
            style = RANGO_ESTILO.get(dict(c.papeles).get(text)) if c.tipo == "rango" else None
            if c.tipo == "veredicto":
                style = VEREDICTO_ESTILO.get(text)
            alertada = c.alertada(row)
            text = acortar(
                text,
                plan.anchos[i] - (2 if alertada else 0),
                final=c.clave in _POR_EL_FINAL,
                elipsis=elipsis,
            )
            if alertada:
                text, style = text + marca, "yellow"
            styled.append(Text(text, style=style or "", no_wrap=True, overflow="ellipsis"))
        table.add_row(*styled)
    return table
