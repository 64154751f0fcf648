"""Tables to text: a rich table for people, CSV/TSV/JSON/JSONL/Markdown for pipelines.

Machine formats carry raw values (unrounded numbers, null for not computable) and never markup;
human formats (tabla, markdown) carry es-MX formatted numbers.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from typing import IO

from issste_mon.formatos import Formato
from issste_mon.numfmt import fmt_auto, fmt_number, fmt_pct


@dataclass(frozen=True)
class Columna:
    clave: str  # key in the row dicts and in machine output
    titulo: str  # header for people
    tipo: str = "texto"  # texto | entero | numero | pct | valoracion | rango
    decimales: int = 2
    en_tabla: bool = True  # False: machine formats only (the table shows it as a caption)
    ancho: int | None = None  # max width in the rich table; longer text ends in «…»


@dataclass
class Tabla:
    titulo: str
    columnas: list[Columna]
    filas: list[dict]
    resumen: list[str] = field(default_factory=list)  # lines for people after the table
    avisos: list[str] = field(default_factory=list)  # to stderr
    pie: str | None = None  # caption: which methodology, which specs


RANGO_ESTILO = {"Bajo": "red", "Adecuado": "green", "Alto": "yellow"}
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
    if col.tipo == "valoracion":
        return fmt_number(value, col.decimales)
    if col.tipo == "numero":
        return fmt_auto(value, col.decimales)
    return str(value)


def _machine(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


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
    keys = [c.clave for c in tabla.columnas]
    return [{k: _machine(row.get(k)) for k in keys} for row in tabla.filas]


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
            writer.writerow([safe_cell(_machine(row.get(k))) for k in keys])
    elif formato is Formato.markdown:
        _markdown(tabla, out)
    else:
        _rich(tabla, console)


def _visible(tabla: Tabla) -> list[Columna]:
    return [c for c in tabla.columnas if c.en_tabla]


def _markdown(tabla: Tabla, out: IO[str]) -> None:
    from tabulate import tabulate

    cols = _visible(tabla)
    body = [[human(row.get(c.clave), c) for c in cols] for row in tabla.filas]
    align = [
        "right" if c.tipo in ("entero", "numero", "pct", "valoracion") else "left" for c in cols
    ]
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
    from rich.table import Table
    from rich.text import Text

    table = Table(title=tabla.titulo, caption=tabla.pie, header_style="bold")
    cols = _visible(tabla)
    for c in cols:
        numeric = c.tipo in ("entero", "numero", "pct", "valoracion")
        table.add_column(
            c.titulo,
            justify="right" if numeric else "left",
            no_wrap=numeric or c.ancho is not None,
            max_width=c.ancho,
            overflow="ellipsis" if c.ancho else "fold",
        )
    for row in tabla.filas:
        cells = []
        for c in cols:
            text = human(row.get(c.clave), c)
            style = RANGO_ESTILO.get(text) if c.tipo == "rango" else None
            if c.tipo == "pct" and row.get("mayor_100") and c.clave == "cobertura_pct":
                text, style = text + " ⚠", "yellow"
            cells.append(Text(text, style=style or ""))
        table.add_row(*cells)
    console.print(table)
    for line in tabla.resumen:
        console.print(line, highlight=False)
