"""Tables to an Excel workbook: one sheet per table, numbers as numbers with a display format.

Values are the machine values of csv/json (`celdas.machine_rows`), unrounded, with one
difference that Excel expects: percentages are stored as fractions (94.90 % is 0.9490…) with
the number format `0.00 %`, so they sum, chart and re-format as percentages. Money in millions
of pesos shows `#,##0.00` (2,712.44), counts `#,##0`, years and ids `0`. Each sheet has its
header frozen and an autofilter, widths from its content, and one explanation column where a
table carries the same note in several forms. Text goes through `celdas.safe_cell`, the CSV
rule against formula injection, so no cell of ours is ever a formula. A figure no double keeps
on its side of a cut of its class, or off zero (a Decimal machine value, `tabla.fiel`), is its
exact text with a comment that says why (`_sin_double`): a cell holds a double.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from dataclasses import replace
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal

from issste_mon.salida.celdas import human, machine_rows, safe_cell
from issste_mon.salida.flotantes import numero_texto
from issste_mon.salida.numfmt import decimales_fieles, exacto
from issste_mon.salida.procedencia import Procedencia
from issste_mon.salida.tabla import MENOR_NORMAL, Columna, Tabla, Tipo, cruza

HOJA_METODOLOGIA = "metodologia"
_INVALIDOS = re.compile(r"[\[\]:*?/\\]")
_MAX_HOJA = 31  # Excel's limit for a sheet name
_MAX_ANCHO = 60


# A table that carries its explanation in several columns shows only the combined one: the
# others hold the same text (verificar: «Explicación / motivo» = explicación or motivo).
_REDUNDANTES = {"nota": ("explicacion", "motivo")}
_ANCHO_TEXTO_LARGO = 50  # explanation columns wrap at this width instead of spilling over


def formato_numero(
    col: Columna | None, value, row: dict | None = None, fila: dict | None = None
) -> str:
    """Display format for a numeric cell of this column (es-MX: comma thousands, point decimals).
    `fila`: the table's own row, whose value people see (an exact InMonitoreo where the machine
    row holds its 10-decimal number)."""
    if col is None:
        return "General"
    if col.numerica:
        # the decimals people see in the table and Markdown (`celdas.human`): also where that
        # text has more than the column's (0.0028 %, never a false «0.00 %»; 89.996 % beside
        # «Bajo»; a population the spec writes 61420.695), so Excel shows the same figure
        decimals = "0" * _decimales_vistos(col, value, row if fila is None else fila)
        if col.tipo == "pct":
            return f"0.{decimals} %" if decimals else "0 %"
        if col.tipo == "valoracion":
            return f"0.{decimals}" if decimals else "0"
        return f"#,##0.{decimals}" if decimals else "#,##0"
    if _pct_mixto(col, row):
        decimals = "0" * decimales_fieles(value, col.decimales, col.bordes_de(row))
        return f"0.{decimals} %" if decimals else "0 %"
    if isinstance(value, float) and not float(value).is_integer():
        return "#,##0.00##"  # a figure of several kinds (verificar's «Valor calculado»)
    if (
        col.tipo == Tipo.cualquiera
        and f"{value:,}" in str((row or {}).get("calculado") or "").split()
    ):
        return "#,##0"  # a count the row shows grouped («12,689»): as people read it
    return "0"  # years, ids: no thousands separator (2,017 would be wrong)


# «94.90 %», «100.00 %», «24 % (impresa)», a count «5 (56%)» (its value is the 55.6 %): the
# figure shown is a percentage. Not «Alto (130.00 %, 2023)», whose value is the word.
_PCT_MOSTRADO = re.compile(r"\s*[-+]?\d[\d,]*(?:\.\d+)?\s*%|.*%\)?\s*$")


def _decimales_vistos(col: Columna, value, row: dict | None) -> int:
    """How many decimals the text people see for this value has («0.0028 %» → 4)."""
    visto = col.para_personas(row) if row else None
    texto = human(value if visto is None else visto, replace(col, bordes=col.bordes_de(row)))
    return len(texto.partition(".")[2].rstrip(" %"))


def _pct_mixto(col: Columna, row: dict | None) -> bool:
    """A number in a column of mixed kinds (verificar's «Valor calculado») is a percentage
    when the row shows it as one — whatever its type: an exact 100 % is the int 100, and as
    100 beside fractions (0.949 for 94.90 %) it would sort and sum as 10,000 %. Only that
    column: the row's year and line are not what «Calculado» shows (2017 read «2017.00 %»)."""
    calculado = (row or {}).get("calculado")
    return (
        col.tipo == Tipo.cualquiera
        and isinstance(calculado, str)
        and _PCT_MOSTRADO.match(calculado) is not None
    )


def _es_pct(col: Columna | None, row: dict | None) -> bool:
    """Whether the cell holds a percentage, stored as a fraction (`valor_celda`)."""
    return col is not None and (col.tipo == "pct" or _pct_mixto(col, row))


def valor_celda(col: Columna | None, value, row: dict | None = None):
    """The value as stored: percentages as fractions (94.90 → 0.9490)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and col is not None:
        if _es_pct(col, row):
            return fraccion(value)
    return float(value) if isinstance(value, Decimal) else value


# Shifting the decimal point is exact at any number of digits, in a context of its own: the
# caller's (2 digits, Inexact trapped) would round it, or raise.
_CORRIMIENTO = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def fraccion(pct: int | float | Decimal) -> float:
    """A percentage as a fraction: 94.9004355586 → 0.949004355586.

    In binary `94.9004355586 / 100` is 0.9490043555859999, the noise «Números limpios» rules
    out; shifting the decimal the machine value writes is exact, and the double nearest that
    decimal reads back as it (the machine value has at most 15 significant digits)."""
    return float(exacto(pct).scaleb(-2, _CORRIMIENTO))


def nombre_hoja(titulo: str, usados: set[str]) -> str:
    """A sheet name: Excel's 31 characters, cut at a word boundary, unique in the workbook."""
    base = _corte(_INVALIDOS.sub("-", titulo).strip("' "), _MAX_HOJA) or "tabla"
    name, n = base, 2
    while name.lower() in usados:
        suffix = f" ({n})"
        name, n = _corte(base, _MAX_HOJA - len(suffix)) + suffix, n + 1
    usados.add(name.lower())
    return name


_NEXOS = {"y", "e", "o", "u", "de", "del", "la", "el", "los", "las", "en", "a", "al", "con", "por"}


def _corte(texto: str, limite: int) -> str:
    """At most `limite` characters, cut after a whole word and not after «y», «de», …"""
    if len(texto) <= limite:
        return texto
    if " " not in texto[: limite + 1]:
        return texto[:limite]
    palabras = texto[: limite + 1].rsplit(" ", 1)[0].split(" ")
    while len(palabras) > 1 and palabras[-1].lower().strip(",;:-–(") in _NEXOS:
        palabras.pop()
    return " ".join(palabras).rstrip(" ,;:-–(")


def _escribir_celda(
    cell, value, col: Columna | None, row: dict | None = None, fila: dict | None = None
) -> int | None:
    """Writes the cell; returns the text's length when Excel's limit cut it (else None).
    `fila`: the table's row behind the machine `row` (see `formato_numero`)."""
    if value is None:
        return None
    if isinstance(value, bool):
        cell.value = value
    elif value.__class__ is int and abs(value) >= 2**53:
        # Excel holds a number as a double: 9007199254740993 would be …992, so an integer a
        # double cannot hold is written as its exact text (a number no spreadsheet can keep)
        cell.value = str(value)
        cell.data_type = "s"
        cell.number_format = "@"
    elif (
        value.__class__ is Decimal or (value.__class__ is float and 0 < abs(value) < _DIMINUTO)
    ) and (motivo := _sin_double(col, exacto(value), row)):
        # no double keeps it on its side of its class's cut, or off zero: the exact digits,
        # as csv writes them, as text — and a comment that says why (a number Excel cannot keep)
        cell.value = numero_texto(value) + (" %" if _es_pct(col, row) else "")
        cell.data_type = "s"
        cell.number_format = "@"
        from openpyxl.comments import Comment

        cell.comment = Comment(motivo, "issste-mon")
    elif isinstance(value, (int, float, Decimal)):
        cell.value = valor = valor_celda(col, value, row)
        cell.number_format = formato_numero(col, value, row, fila)
        if isinstance(valor, float) and math.isfinite(valor):
            # openpyxl writes a float as "%.16g": 622.06 becomes <v>622.0599999999999</v>.
            # Its shortest repr is the decimal the machine value wrote, and what a reader of
            # the XML should see; `data_type` keeps the cell a number.
            cell.value = repr(valor)
            cell.data_type = "n"
    else:
        texto = _XML_ILEGAL.sub(_escapado, safe_cell(value))
        cell.value = _recortado(texto) if len(texto) > MAX_CELDA else texto
        cell.data_type = "s"  # never let openpyxl read a leading "=" as a formula
        return len(texto) if len(texto) > MAX_CELDA else None
    return None


# Below the least normal double a double is 0.0 or keeps a few digits, and a percentage's
# fraction is a hundredth of it: a float below 100 times that, rare, is looked at as a Decimal
# is (`_sin_double`); any other keeps its fraction.
_DIMINUTO = 100 * MENOR_NORMAL


def _sin_double(col: Columna | None, value: Decimal, row: dict | None) -> str | None:
    """Why the cell of an exact machine value (`tabla.fiel`, `_diminuto`; a float below
    `_DIMINUTO`, as its Decimal) cannot hold it as a number: Excel keeps a double, and the one
    it would store (a percentage's fraction) reads as a value on or across a cut of the class
    beside it (89.99…9 % with 28 nines is the double 0.9, «90.00 %» beside «Bajo»), or as 0;
    None where that double is faithful."""
    guardado = valor_celda(col, value, row)
    leido = exacto(guardado)
    es_pct = _es_pct(col, row)
    if es_pct:  # (a fraction: read back as the percentage it stands for)
        leido = leido.scaleb(2, _CORRIMIENTO)
    bordes = col.bordes_de(row) if col is not None else ()
    pct = " %" if es_pct else ""
    cortes = [b for b in bordes if cruza(leido, value, (b,))]
    if leido == 0 and value != 0:
        que = "es 0"
    elif leido != value and -MENOR_NORMAL < guardado < MENOR_NORMAL:
        # (a subnormal double keeps a few digits: 1.23456789·10⁻³²² reads 1.24·10⁻³²²)
        que = (
            f"es {numero_texto(leido)}{pct}, con menos cifras que él (por debajo del menor "
            "double normal, un double guarda pocas)"
        )
    elif cortes and leido == cortes[0]:
        que = (
            f"es {numero_texto(leido)}{pct}, justo un corte de su clasificación, donde este "
            "valor no está"
        )
    elif cortes:
        corte = numero_texto(cortes[0])
        que = f"es {numero_texto(leido)}{pct}, del otro lado del corte {corte}{pct}"
    else:
        return None
    return (
        "Valor exacto, escrito como texto: Excel guarda cada número como double, y el más "
        f"cercano a este valor {que}. En csv y json va como número."
    )


MAX_CELDA = 32_767  # characters Excel holds in a cell; openpyxl cuts longer text silently


def _recortado(texto: str) -> str:
    """Text over Excel's limit, cut so that the cell says so: a silent cut would pass for the
    whole text."""
    marca = (
        f"… [recortado: Excel admite {MAX_CELDA:,} caracteres por celda; el texto completo "
        f"({len(texto):,} caracteres) está en csv o json]"
    )
    return texto[: MAX_CELDA - len(marca)] + marca


# Characters XML 1.0 (and so xlsx) cannot hold: C0 controls but tab, newline and CR, lone
# surrogates (a spec's path that is not UTF-8) and U+FFFE/U+FFFF. They are written visibly
# escaped (`\x1b`, `\udcff`) instead of failing the whole workbook; a surrogate went in as
# a character reference no reader takes (Excel refused the file; it was written with exit 0).
_XML_ILEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escapado(match: re.Match) -> str:
    o = ord(match.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def columnas_hoja(tabla: Tabla) -> list[Columna]:
    """The columns of the sheet: the machine columns (typed nulls: ND/NA in `<clave>_estado`)
    but those another one already explains."""
    cols = tabla.columnas_maquina()
    claves = {c.clave for c in cols}
    fuera = {r for k, rs in _REDUNDANTES.items() if k in claves for r in rs}
    return [c for c in cols if c.clave not in fuera]


def _hoja_tabla(ws, tabla: Tabla) -> list[tuple[str, int]]:
    """Writes the sheet; returns the cells Excel's limit cut (coordinate, text length)."""
    from openpyxl.styles import Alignment, Font

    cols = columnas_hoja(tabla)
    ws.append([c.titulo for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    n_filas = 0
    exactas = [c for c in cols if c.exacto]  # (rows keep the exact value beside the number)
    recortes = []
    for r, row in enumerate(machine_rows(tabla), start=2):
        n_filas += 1
        fila = tabla.filas[r - 2]
        for col in exactas:
            row[col.clave] = _fiel(row[col.clave], fila.get(col.exacto), col)
        for c, col in enumerate(cols, start=1):
            cell = ws.cell(row=r, column=c)
            if largo := _escribir_celda(cell, row[col.clave], col, row, fila):
                recortes.append((cell.coordinate, largo))
    ws.freeze_panes = "A2"
    if n_filas:
        from openpyxl.utils import get_column_letter

        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{n_filas + 1}"
    largas = _anchos(ws, n_filas + 1)
    for idx in largas:  # long text wraps in its column instead of spilling over the next
        for (cell,) in ws.iter_rows(min_row=2, max_row=n_filas + 1, min_col=idx, max_col=idx):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    extra = [*tabla.resumen, *([tabla.pie] if tabla.pie else [])]
    if extra:
        start = ws.max_row + 2
        for i, line in enumerate(extra):
            _escribir_celda(ws.cell(row=start + i, column=1), line, None)
    return recortes


def _fiel(valor, exacta, col: Columna):
    """The machine value, or the exact one (a Decimal) where the cell would hold — as a
    fraction, for a percentage — a value on or across a cut of the class beside it where the
    exact value is not (109.99999999999998 is 110 at 10 decimals; 110.00000000000001 is 1.1 as
    a fraction's double): a cell shows what the class rests on."""
    if exacta is None or valor is None or not col.bordes or valor.__class__ is Decimal:
        return valor  # (a Decimal: `tabla.fiel` already wrote it exactly)
    guardado = valor_celda(col, valor)
    d = exacto(guardado).scaleb(2, _CORRIMIENTO) if col.tipo == "pct" else exacto(guardado)
    if not cruza(d, exacta, col.bordes):
        return valor
    return exacta  # (a Decimal: as a fraction it loses nothing to a percentage's double)


def _largo(cell) -> int:
    value = cell.value
    if cell.data_type == "n" and isinstance(value, str):  # a float kept as its repr
        value = float(value)
    if isinstance(value, float):
        fmt = cell.number_format
        return len(f"{value * 100:,.2f} %" if "%" in fmt else f"{value:,.2f}")
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _anchos(ws, ultima_fila: int | None = None) -> list[int]:
    """Column widths from the header and the first rows; returns the columns of long text."""
    from openpyxl.utils import get_column_letter

    ultima = min(ultima_fila or ws.max_row, 200)
    largas = []
    for idx, column in enumerate(ws.iter_cols(min_row=1, max_row=ultima), start=1):
        lengths = [_largo(c) for c in column if c.value is not None]
        natural = max(lengths, default=8) + 2
        if natural > _MAX_ANCHO and idx > 1:
            largas.append(idx)
        width = min(natural, _ANCHO_TEXTO_LARGO if natural > _MAX_ANCHO else _MAX_ANCHO)
        ws.column_dimensions[get_column_letter(idx)].width = width
    return largas


def _hoja_metodologia(ws, proc: Procedencia, titulos: list[str]) -> None:
    from openpyxl.styles import Font

    rows: list[tuple] = [("Concepto", "Valor", "Confianza")]
    rows.append(("Generado por", f"issste-mon {proc.version}", None))
    rows.append(
        ("Metodología", proc.metodologia or "no interviene: estas tablas no clasifican", None)
    )
    rows.extend((f"Umbral: {s}", fuente, conf) for s, conf, fuente in proc.fuentes)
    rows.extend(("Spec", f, None) for f in proc.specs)
    rows.extend(("Hoja", t, None) for t in titulos)
    rows.append(
        (
            "Porcentajes",
            "Se guardan como fracción con formato de porcentaje (0.9490 se ve 94.90 %); en csv "
            "y json van en escala 0–100 (94.90).",
            None,
        )
    )
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _escribir_celda(ws.cell(row=r, column=c), value, None)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    _anchos(ws)


def libro(
    tablas: list[Tabla],
    proc: Procedencia,
    avisos: list[str] | None = None,
    fecha: int | None = None,
) -> bytes:
    """The workbook as bytes: one sheet per table, then the sheet «metodologia». `avisos`
    receives one line per cell cut at Excel's limit, for the caller to show. The same tables
    give the same bytes: `fecha` (seconds since 1970, UTC: SOURCE_DATE_EPOCH) is the only
    date written, as the document's creation date and every member's; without it the document
    has no creation date and the members 1980-01-01 00:00, the zip format's first date."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    usados = {HOJA_METODOLOGIA}
    titulos = []
    for tabla in tablas:
        ws = wb.create_sheet(nombre_hoja(tabla.titulo, usados))
        titulos.append(f"{ws.title}: {tabla.titulo}")
        for celda, largo in _hoja_tabla(ws, tabla):
            if avisos is not None:
                avisos.append(
                    f"hoja «{ws.title}», celda {celda}: texto de {largo:,} caracteres recortado "
                    f"a {MAX_CELDA:,}, el límite de Excel; el texto completo está en csv o json"
                )
    _hoja_metodologia(wb.create_sheet(HOJA_METODOLOGIA), proc, titulos)
    buf = io.BytesIO()
    wb.save(buf)
    return _sin_reloj(buf.getvalue(), _propiedades(wb, fecha))


def _propiedades(wb, fecha: int | None) -> tuple[bytes, tuple]:
    """docProps/core.xml and the date of every zip member. openpyxl stamps `created` and
    `modified` with the clock when saving; with SOURCE_DATE_EPOCH both are that moment, without
    it the document says no date at all (both are optional) rather than a made-up one."""
    from openpyxl.xml.functions import tostring

    props = wb.properties
    if fecha is None:
        props.created = props.modified = datetime.datetime(1980, 1, 1)  # removed below
    else:
        momento = datetime.datetime.fromtimestamp(fecha, datetime.UTC)
        props.created = props.modified = momento.replace(tzinfo=None)
    arbol = props.to_tree()
    if fecha is None:
        for hijo in list(arbol):
            if hijo.tag.endswith(("}created", "}modified")):
                arbol.remove(hijo)
    return tostring(arbol), max(props.created.timetuple()[:6], _PRIMERA_FECHA_ZIP)


def _sin_reloj(datos: bytes, propiedades: tuple[bytes, tuple]) -> bytes:
    """The zip rewritten with one fixed date on every member. openpyxl dates each member with
    the clock in the local time zone (a worksheet, with its temporary file's mtime): the same
    tables gave other bytes a second later, or under another TZ."""
    import zipfile

    core, fija = propiedades
    entrada = zipfile.ZipFile(io.BytesIO(datos))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as salida:
        for info in entrada.infolist():
            miembro = entrada.read(info) if info.filename != "docProps/core.xml" else core
            nuevo = zipfile.ZipInfo(info.filename, date_time=fija)
            nuevo.compress_type = zipfile.ZIP_DEFLATED
            nuevo.create_system = 3  # ZipInfo says 0 on Windows: the same bytes on any system
            nuevo.external_attr = 0o100644 << 16  # not the temporary file's 0o600
            salida.writestr(nuevo, miembro)
    return buf.getvalue()


_PRIMERA_FECHA_ZIP = (1980, 1, 1, 0, 0, 0)
