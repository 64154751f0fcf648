"""CSV/TSV output is safe to open in a spreadsheet: text that would run as a formula is
neutralised with a leading «'», numbers stay numbers (negative ones included)."""

from __future__ import annotations

import csv
import io

import pytest

from issste_mon.salida.celdas import safe_cell
from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render
from issste_mon.salida.tabla import Columna, Tabla


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x","clic")', '\'=HYPERLINK("http://x","clic")'),
        ("+52 55 1234", "'+52 55 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Prestaciones sociales", "Prestaciones sociales"),
        ("a=b", "a=b"),  # only the first character matters
        ("", ""),
        (-5, "-5"),
        (-0.25, "-0.25"),
        (94.90196, "94.90196"),
        (14756442, "14756442"),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def table() -> Tabla:
    cols = [Columna("nombre", "Nombre"), Columna("meta", "Meta", "numero")]
    rows = [{"nombre": "=cmd|'/c calc'!A1", "meta": -12.5}, {"nombre": "-", "meta": 3}]
    return Tabla("prueba", cols, rows)


@pytest.mark.parametrize("fmt", [Formato.csv, Formato.tsv])
def test_csv_and_tsv_neutralise_text_and_keep_numbers(fmt):
    out = io.StringIO()
    render(table(), fmt, out)
    delim = "," if fmt is Formato.csv else "\t"
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=delim))
    assert rows == [["nombre", "meta"], ["'=cmd|'/c calc'!A1", "-12.5"], ["'-", "3"]]


def test_json_keeps_the_text_as_given():
    out = io.StringIO()
    render(table(), Formato.json, out)
    assert "\"=cmd|'/c calc'!A1\"" in out.getvalue() and "-12.5" in out.getvalue()


def test_program_name_with_a_formula_end_to_end(cli, tmp_path):
    (tmp_path / "E999.yaml").write_text(
        'clave: E999\nramo: 51\nnombre: \'=HYPERLINK("http://evil";"clic")\'\n'
        "mir:\n  - id: P1\n    nivel: Fin\n    nombre: '@SUM(1+1)'\n    sentido: descendente\n"
        "    metas:\n      2023: {meta: -4, valor: -5}\n",
        encoding="utf-8",
    )
    result = cli("programas", "--specs", str(tmp_path), "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(result.out)))
    assert row["nombre"] == '\'=HYPERLINK("http://evil";"clic")'
    assert row["indicadores"] == "1"
    result = cli("cumplimiento", "--specs", str(tmp_path), "-f", "tsv")
    (row,) = list(csv.DictReader(io.StringIO(result.out), delimiter="\t"))
    assert row["indicador"] == "'@SUM(1+1)"
    assert (row["meta"], row["valor"]) == ("-4", "-5")  # negative numbers: not prefixed
