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
from decimal import Decimal
from json.encoder import encode_basestring
from typing import IO

from issste_mon.salida.formatos import Formato
from issste_mon.salida.numfmt import fmt_auto, fmt_number, fmt_pct
from issste_mon.salida.tabla import ENTEROS_MAQUINA, Columna, Tabla
from issste_mon.vocab import Veredicto

RANGO_ESTILO = {"Bajo": "red", "Adecuado": "green", "Alto": "yellow"}
VEREDICTO_ESTILO = {
    Veredicto.coincide: "green",
    Veredicto.difiere: "red",
    Veredicto.no_verificable: "yellow",
}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE = frozenset(_UNSAFE_START)


def human(value, col: Columna) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—" if col.tipo in ("pct", "valoracion") else ""
    if isinstance(value, str) or isinstance(value, bool):
        return ("sí" if value else "no") if isinstance(value, bool) else value
    if col.tipo == "pct":
        return fmt_pct(value, col.decimales)
    if col.tipo == "entero":
        return fmt_number(value, 0) if float(value).is_integer() else fmt_auto(value)
    if col.tipo in ("valoracion", "monto"):
        return fmt_number(value, col.decimales)
    if col.tipo == "numero":
        return fmt_auto(value, col.decimales)
    return str(value)


def celda(row: dict, col: Columna) -> str:
    """A cell for people: the value, plus its companion percentage when the row has one."""
    text = human(col.para_personas(row), col)
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


def _csv(tabla: Tabla, out: IO[str], delim: str) -> None:
    """CSV/TSV as csv.writer with QUOTE_MINIMAL writes it, built column by column: each column
    becomes a list of cell texts (numbers by repr(), text through the formula guard, quotes
    only where a cell holds the delimiter, a quote or a line break), then rows are joined."""
    numeric = {c.clave for c in tabla.columnas if c.numerica or c.tipo in ENTEROS_MAQUINA}
    columns = tabla.to_columns()
    cells = [
        _numeros(values) if k in numeric else _textos(values, delim)
        for k, values in columns.items()
    ]
    out.write(delim.join(_textos(list(columns), delim)) + "\n")
    if cells and cells[0]:
        out.write("\n".join(map(delim.join, zip(*cells, strict=True))))
        out.write("\n")


def _numeros(values: list) -> list[str]:
    """A numeric column as cell texts: repr() is already the clean text (ints, floats with at
    most 10 decimals), except where repr would use an exponent (1e-05); None → empty."""
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


def _textos(values: list, delim: str) -> list[str]:
    """A text column as cell texts: `safe_cell` (formula guard, true/false, None → empty) and
    QUOTE_MINIMAL quoting, decided once on the column's distinct values."""
    especial = _ESPECIAL[delim]
    try:
        distintos = set(values)
    except TypeError:
        distintos = None
    if distintos is None or not set(map(type, distintos)) <= {str, type(None)}:
        return [_citado(safe_cell(v), especial) for v in values]
    con_none = None in distintos
    distintos.discard(None)
    unido = "\x00" + "\x00".join(distintos)
    if unido.count("\x00") != len(distintos):  # a NUL inside a cell: one by one
        return [_citado(safe_cell(v), especial) for v in values]
    peligro, cita = _PELIGRO.search(unido), especial.search(unido)
    if not peligro and not cita:
        return [v or "" for v in values] if con_none else values
    # Only the distinct values that need it are rewritten (found by the regex, not one by one).
    mapa: dict = {None: ""}
    if peligro:
        mapa.update((v, "'" + v) for v in _PELIGRO.findall(unido))
    if cita:
        for v in _A_CITAR[delim].findall(unido):
            t = mapa.get(v, v)
            mapa[v] = '"' + t.replace('"', '""') + '"'
    return [mapa.get(v, v) for v in values]


def _citado(text: str, especial: re.Pattern) -> str:
    return '"' + text.replace('"', '""') + '"' if especial.search(text) else text


def _json(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    """JSON (as `json.dump(rows, indent=2, ensure_ascii=False)` writes it) or JSON lines (as
    `json.dumps(row)` per line), built column by column: each value is encoded once by the C
    encoder's pieces (strings) or repr (numbers), instead of the pure-Python encoder that
    `indent` falls back to walking row by row. A column holding lists or dicts (rare) is
    written by the json module."""
    columns = tabla.to_columns()
    cells = []
    for k, values in columns.items():
        textos = _json_columna(values)
        if textos is None:
            return _json_modulo(tabla, out, lineas)
        prefijo = encode_basestring(k) + ": "
        cells.append(
            [prefijo + t for t in textos] if lineas else [f"    {prefijo}{t}" for t in textos]
        )
    filas = zip(*cells, strict=True) if cells else ()
    if lineas:
        for texto in map(", ".join, filas):
            out.write("{" + texto + "}\n")
        return
    cuerpos = list(map(",\n".join, filas))
    if not cuerpos:
        out.write("[]\n")
        return
    out.write("[\n  {\n" + "\n  },\n  {\n".join(cuerpos) + "\n  }\n]\n")


def _json_columna(values: list) -> list[str] | None:
    """The JSON text of each value of a column; None if a value is not a string, number,
    boolean or null."""
    clases = set(map(type, values))
    if not clases <= {str, int, float, bool, type(None)}:
        return None
    if clases <= {str, type(None)}:
        textos = list(map(encode_basestring, map(str, values)))  # None → "None", fixed below
        if type(None) in clases:
            textos = ["null" if v is None else t for v, t in zip(values, textos, strict=True)]
        return textos
    if clases <= {int, float, type(None)}:
        textos = list(map(repr, values))
        return [t if t != "None" else "null" for t in textos] if type(None) in clases else textos
    return [json.dumps(v, ensure_ascii=False) for v in values]


def _json_modulo(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    if lineas:
        for row in machine_rows(tabla):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        json.dump(machine_rows(tabla), out, ensure_ascii=False, indent=2)
        out.write("\n")


def render(tabla: Tabla, formato: Formato, out: IO[str], console=None) -> None:
    if formato in (Formato.json, Formato.jsonl):
        _json(tabla, out, lineas=formato is Formato.jsonl)
    elif formato in (Formato.csv, Formato.tsv):
        _csv(tabla, out, "," if formato is Formato.csv else "\t")
    elif formato is Formato.markdown:
        _markdown(tabla, out)
    elif formato is Formato.xlsx:
        from issste_mon.errores import EntradaInvalida

        raise EntradaInvalida(
            "este comando no escribe xlsx (binario); use csv, tsv, json o jsonl",
        )
    else:
        _rich(tabla, console)


def _visible(tabla: Tabla) -> list[Columna]:
    return [c for c in tabla.columnas if c.en_tabla]


def _markdown(tabla: Tabla, out: IO[str]) -> None:
    from tabulate import tabulate

    cols = _visible(tabla)
    body = [[celda(row, c) for c in cols] for row in tabla.filas]
    align = [c.alineacion for c in cols]
    out.write(f"### {tabla.titulo}\n\n")
    out.write(
        tabulate(
            body,
            headers=[c.titulo for c in cols],
            tablefmt="github",
            colalign=align,
            disable_numparse=True,
        )
    )
    out.write("\n")
    for line in tabla.resumen:
        out.write(f"\n{line}\n")
    if tabla.pie:
        out.write(f"\n_{tabla.pie}_\n")


def _rich(tabla: Tabla, console) -> None:
    from rich import box
    from rich.measure import Measurement

    cells = [[celda(row, c) for c in _visible(tabla)] for row in tabla.filas]
    unbounded = console.options.update_width(10_000)
    table = _rich_table(tabla, cells, box.HEAVY_HEAD, True)
    needed = Measurement.get(console, unbounded, table).minimum
    if needed > console.width:
        # Narrow terminal: drop the frame; if the columns still cannot keep their minimum (one
        # word of text, whole numbers), let lines run long rather than have rich crush them.
        table = _rich_table(tabla, cells, box.SIMPLE_HEAD, False)
        needed = Measurement.get(console, unbounded, table).minimum
    saved = console.width
    console.width = max(saved, needed)  # Console.print(width=) cannot exceed console.width
    try:
        console.print(table, crop=False)
    finally:
        console.width = saved
    for line in tabla.resumen:
        console.print(line, highlight=False)


def _min_widths(cols: list[Columna], cells: list[list[str]]) -> list[int]:
    """Narrowest readable width per column: keys and numbers whole, text one word wide."""
    widths = []
    for i, c in enumerate(cols):
        values = [row[i] for row in cells]
        if c.ancho:
            widths.append(min(c.ancho, max([len(c.titulo), *map(len, values)])))
        elif c.tipo == "texto":
            words = [len(w) for v in [c.titulo, *values] for w in v.split()] or [1]
            widths.append(max(max(words), min(24, max(map(len, values), default=1))))
        else:
            widths.append(max([len(c.titulo), *map(len, values)]))
    return widths


def _rich_table(tabla: Tabla, cells: list[list[str]], box_style, show_edge: bool):
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=tabla.titulo,
        caption=tabla.pie,
        header_style="bold",
        box=box_style,
        show_edge=show_edge,
    )
    cols = _visible(tabla)
    for c, minimum in zip(cols, _min_widths(cols, cells), strict=True):
        table.add_column(
            c.titulo,
            justify=c.alineacion,
            no_wrap=c.numerica or c.ancho is not None,
            max_width=c.ancho,
            min_width=minimum,
            overflow="ellipsis" if c.ancho else "fold",
        )
    for row, texts in zip(tabla.filas, cells, strict=True):
        styled = []
        for c, text in zip(cols, texts, strict=True):
            style = RANGO_ESTILO.get(text) if c.tipo == "rango" else None
            if c.tipo == "veredicto":
                style = VEREDICTO_ESTILO.get(text)
            if c.alertada(row):
                text, style = text + " ⚠", "yellow"
            styled.append(Text(text, style=style or ""))
        table.add_row(*styled)
    return table
