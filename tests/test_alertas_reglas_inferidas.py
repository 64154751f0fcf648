"""An alert resting on a rule the methodology marks `inferido` or `supuesto` (deterioro,
mejora and cambio_tendencia are inferred from CONEVAL's prose; cobertura_decreciente is a
supuesto) says so, as `cumplimiento` does for its supuestos: `supuesto` true, «descansa en:
regla de …» in the nota, and the ⚠ with its legend row by row, in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_alertas_todas_las_reglas import PROGRAMA
from test_calc_alertas import DERIVADO

from issste_mon import metodologia

DICE = {
    "deterioro": "regla de deterioro (inferido de la metodología)",
    "cambio_tendencia": "regla de cambio de tendencia (inferido de la metodología)",
    "cobertura_decreciente": "regla de cobertura decreciente (supuesto de la metodología)",
}


@pytest.fixture
def todas(tmp_path):
    """A program and a derived program on which every rule fires."""
    (tmp_path / "X001.yaml").write_text(PROGRAMA, encoding="utf-8")
    (tmp_path / "PD-PRUEBA.yaml").write_text(DERIVADO, encoding="utf-8")
    return str(tmp_path)


def _filas(cli, specs, *args):
    r = cli("alertas", "--specs", specs, "-f", "json", *args)
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize("regla", sorted(DICE))
def test_an_alert_on_an_inferred_rule_rests_on_it(cli, todas, regla):
    filas = _filas(cli, todas, "-r", regla)
    assert filas
    for fila in filas:  # these used to be `supuesto: false`, their nota silent on the rule
        assert fila["supuesto"] is True, fila
        assert "descansa en: " in fila["nota"] and DICE[regla] in fila["nota"], fila["nota"]


def test_an_alert_on_a_published_rule_does_not(cli, todas):
    for fila in _filas(cli, todas, "-r", "sin_informacion"):
        assert "regla de" not in (fila["nota"] or "")


def test_mejora_rests_on_its_rule(cli):
    filas = _filas(cli, "issste_mon/specs", "--mejoras")
    assert filas and all(f["supuesto"] is True for f in filas)
    assert all("regla de mejora (inferido de la metodología)" in f["nota"] for f in filas)


def test_a_methodology_that_marks_the_rule_publicado_is_taken_at_its_word(
    cli, todas, tmp_path_factory
):
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    i = texto.index("  deterioro:")
    j = texto.index("confianza: inferido", i)
    mia = tmp_path_factory.mktemp("met") / "m.yaml"  # (not among the specs)
    mia.write_text(texto[:j] + "confianza: publicado" + texto[j + 19 :], encoding="utf-8")
    for fila in _filas(cli, todas, "-r", "deterioro", "--metodologia", str(mia)):
        assert "regla de deterioro" not in (fila["nota"] or "")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_says_it(cli, todas, fmt):
    r = cli("alertas", "--specs", todas, "-r", "deterioro", "-f", fmt)
    filas = list(csv.DictReader(io.StringIO(r.out), delimiter="," if fmt == "csv" else "\t"))
    assert filas and all(f["supuesto"] == "true" and DICE["deterioro"] in f["nota"] for f in filas)


def test_the_table_marks_it_and_its_legend_says_it_row_by_row(cli, todas, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("alertas", "--specs", todas, "-r", "deterioro", "-f", "tabla")
    assert r.code == 0, r.err
    texto = " ".join(r.out.split())
    assert "⚠ junto a Enunciado:" in texto
    assert "regla de deterioro (inferido de la metodología)." in texto


def test_markdown_marks_it_and_says_it(cli, todas):
    r = cli("alertas", "--specs", todas, "-r", "deterioro", "-f", "markdown")
    assert r.code == 0, r.err
    fila = next(x for x in r.out.splitlines() if x.startswith("| 51-X001"))
    assert "⚠" in fila and "regla de deterioro (inferido de la metodología)" in fila
    # where the table has no Nota (the bundled set), the legend says it row by row
    r = cli("alertas", "-r", "deterioro", "-f", "markdown")
    assert "| Nota" not in r.out and "⚠ junto a Enunciado:" in r.out
    assert (
        "- PI-ISSSTE-2020-2024 3.1: descansa en valores inferidos (no impresos); regla de" in r.out
    )
