"""Tables to text: a rich table for people, CSV/TSV/JSON/JSONL/Markdown for pipelines.

Machine formats carry raw values (unrounded numbers, null for not computable) and never markup;
human formats (tabla, markdown) carry es-MX formatted numbers.
"""

from __future__ import annotations

import csv
import json
import math
from typing import IO

from issste_mon.salida.formatos import Formato
from issste_mon.salida.numfmt import fmt_auto, fmt_number, fmt_pct
from issste_mon.salida.sanear import markdown as md
from issste_mon.salida.sanear import sanear
from issste_mon.salida.tabla import Columna, Tabla, valor_maquina
from issste_mon.vocab import Veredicto

RANGO_ESTILO = {"Bajo": "red", "Adecuado": "green", "Alto": "yellow"}
VEREDICTO_ESTILO = {
    Veredicto.coincide: "green",
    Veredicto.coincide_por_construccion: "cyan",
    Veredicto.difiere: "red",
    Veredicto.difiere_explicada: "magenta",
    Veredicto.contradiccion: "magenta",
    Veredicto.no_verificable: "yellow",
}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


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
    text = human(row.get(col.clave), col)
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
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_UNSAFE_START) else text


def machine_rows(tabla: Tabla) -> list[dict]:
    return tabla.to_records()


def render(tabla: Tabla, formato: Formato, out: IO[str], console=None) -> None:
    if formato is Formato.json:
        json.dump(machine_rows(tabla), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif formato is Formato.jsonl:
        for row in machine_rows(tabla):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif formato in (Formato.csv, Formato.tsv):
        delim = "," if formato is Formato.csv else "\t"
        writer = csv.writer(out, delimiter=delim, lineterminator="\n")
        keys = [c.clave for c in tabla.columnas]
        writer.writerow(keys)
        for row in tabla.filas:  # one pass per cell: federal tables have ~10⁵–10⁶ cells
            writer.writerow([safe_cell(valor_maquina(row.get(k))) for k in keys])
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
    body = [[md(celda(row, c)) for c in cols] for row in tabla.filas]
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
    for line in tabla.resumen:
        out.write(f"\n{md(line)}\n")
    if tabla.pie:
        out.write(f"\n_{md(tabla.pie)}_\n")


def _rich(tabla: Tabla, console) -> None:
    from rich import box
    from rich.measure import Measurement

    # Sanitised before layout: widths are measured on what is shown (salida/sanear.py).
    cells = [[sanear(celda(row, c)) for c in _visible(tabla)] for row in tabla.filas]
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
        console.print(sanear(line), markup=False, highlight=False)


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
