"""Tables to text: a rich table for people, CSV/TSV/JSON/JSONL/Markdown for pipelines.

Machine formats carry exact values (`Tabla.to_columns`: a number or null in numeric columns,
≤ 10 decimals, never binary noise) and never markup; human formats (tabla, markdown) carry
es-MX formatted numbers. CSV/TSV are written column by column: numbers become text once per
column, and only text columns go through the spreadsheet-formula guard. Each format's writer
is a module of its own (`delimitado`, `json_texto`, `markdown`, `terminal`), imported when
that format is written; the cells they share are in `celdas`.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from issste_mon.salida.celdas import TablaPorPartes
from issste_mon.salida.formatos import POR_PARTES, Formato
from issste_mon.salida.tabla import Tabla, en_columna

if TYPE_CHECKING:
    from collections.abc import Callable


def render(
    tabla: Tabla,
    formato: Formato,
    out: IO[str],
    console=None,
    *,
    excel: bool = False,
    opcion_columnas: str | None = None,
    opcion_formato: str | None = None,
    donde: Callable[[str], str] = en_columna,
) -> None:
    """`excel`: csv/tsv with a BOM and CRLF line ends, as Excel on Windows reads UTF-8;
    `opcion_columnas` and `opcion_formato`: the options the rich table names for the columns
    it leaves out (the command line's «--columnas», «-f csv»; None: none, as a Python caller
    has no options); `donde`: where a column's whole text is, in the legends of the rich table
    and Markdown, worded as the summary lines word it (`salida.tabla.en_columna`: the column,
    to a Python caller; the command line adds how to get it)."""
    if isinstance(tabla, TablaPorPartes) and formato not in POR_PARTES:
        raise ValueError(f"una tabla por partes no se escribe en {formato}")
    if formato in (Formato.json, Formato.jsonl):
        from issste_mon.salida import json_texto

        json_texto.escribir(tabla, out, lineas=formato is Formato.jsonl)
    elif formato in (Formato.csv, Formato.tsv, Formato.csv_excel):
        excel = excel or formato is Formato.csv_excel
        from issste_mon.salida import delimitado

        delimitado.escribir(tabla, out, "\t" if formato is Formato.tsv else ",", excel)
    elif formato is Formato.markdown:
        from issste_mon.salida import markdown

        markdown.escribir(tabla, out, donde)
    elif formato is Formato.xlsx:
        from issste_mon.errores import EntradaInvalida

        # (the CLI never gets here: emit writes xlsx with salida.xlsx.libro, which a text
        # stream cannot hold; said for a library caller of render)
        raise EntradaInvalida(
            "render escribe texto: un xlsx (binario) se hace con issste_mon.salida.xlsx.libro",
        )
    else:
        from issste_mon.salida import terminal

        terminal.escribir(tabla, console, opcion_columnas, opcion_formato, donde)
