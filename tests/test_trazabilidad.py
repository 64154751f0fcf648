"""Every printed figure says what it rests on, the same way in every format: a verdict is never
a blank cell (a blank reads as «unknown»), and a classification names its methodology."""

from __future__ import annotations

import csv
import io
import json
import re

from openpyxl import load_workbook


def _markdown(texto: str) -> tuple[list[str], list[list[str]]]:
    filas = [linea for linea in texto.splitlines() if linea.startswith("|")]

    def celdas(linea: str) -> list[str]:
        return [p.strip() for p in re.split(r"(?<!\\)\|", linea)[1:-1]]

    return celdas(filas[0]), [celdas(f) for f in filas[2:]]


def test_resumen_enunciados_says_every_verdict_in_every_format(cli, tmp_path):
    """The four end-of-2022 statements that cannot be compared showed an empty «Coincide» in
    tabla, Markdown, csv and xlsx; each row now says «no verificable», as its veredicto does."""
    r_csv = cli("resumen", "-e", "-f", "csv")
    filas = list(csv.DictReader(io.StringIO(r_csv.out)))
    assert {f["coincide"] for f in filas} == {"sí", "no", "por construcción", "no verificable"}
    assert all(
        f["coincide"] == "no verificable" for f in filas if f["veredicto"] == "no verificable"
    )
    esperado = [f["coincide"] for f in filas]

    assert [f["coincide"] for f in json.loads(cli("resumen", "-e", "-f", "json").out)] == esperado

    cab, md = _markdown(cli("resumen", "-e", "-f", "markdown").out)
    assert [f[cab.index("Coincide")] for f in md] == esperado

    r = cli("resumen", "-e", "-f", "tabla", "--columnas", "id,coincide")
    tabla = [[c.strip() for c in linea.split("│")[1:-1]] for linea in r.out.splitlines()]
    assert [f[1] for f in tabla if f and f[0] != "Enunciado"] == esperado

    libro = tmp_path / "e.xlsx"
    assert cli("resumen", "-e", "-o", str(libro)).code == 0
    ws = load_workbook(libro).worksheets[0]
    col = [c.value for c in ws[1]].index("Coincide")
    hoja = [fila[col].value for fila in ws.iter_rows(min_row=2, max_row=len(filas) + 1)]
    assert hoja == esperado
    # the footer counts them by the word the cells say
    assert "4 no verificables (la nota dice por qué)." in r_csv.err
