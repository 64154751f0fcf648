"""The output formats, apart from the renderers: `--help` needs the names, not the machinery."""

from __future__ import annotations

import enum


class Formato(enum.StrEnum):
    tabla = "tabla"
    csv = "csv"
    csv_excel = "csv-excel"  # csv for Excel: UTF-8 with BOM, CRLF line ends
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    xlsx = "xlsx"  # binary: written by issste_mon.salida.xlsx to a file, never to a text stream


# What a table that comes in parts (`celdas.TablaPorPartes`) can be written as: text formats
# written row after row, never the whole table at once.
POR_PARTES = frozenset({Formato.csv, Formato.csv_excel, Formato.tsv, Formato.json, Formato.jsonl})
