"""Every alert rule, in every output format: each rule's rows carry every column the table
lists (a rule that left one out — `cobertura_decreciente` without `nota` — crashed the
command), and each format says every rule."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from test_calc_alertas import DERIVADO  # (meta_sexenal_en_riesgo needs a programa derivado)

from issste_mon.calc import alertas as calc

PROGRAMA = """\
ramo: 51
clave: X001
nombre: Programa de prueba
poblaciones:
  2021: {unidad_medida: Personas, objetivo: 100, atendida: 90, nota: conteo al cierre}
  2022: {unidad_medida: Personas, objetivo: 100, atendida: 80}
mir:
  - id: A1
    nivel: Propósito
    nombre: Porcentaje de solicitudes atendidas
    sentido: ascendente
    unidad_medida: Porcentaje
    linea_base: {anio: 2019, valor: 20}
    metas:
      2020: {meta: 30, valor: 30}
      2021: {meta: 60, valor: 50, nota: valor preliminar}
      2022: {meta: 60, valor: 40}
  - id: A2
    nivel: Componente
    nombre: Tasa de algo sin datos
    sentido: ascendente
    metas:
      2021: {meta: 10}
"""


@pytest.fixture
def todas(tmp_path):
    (tmp_path / "X001.yaml").write_text(PROGRAMA, encoding="utf-8")
    (tmp_path / "PD-PRUEBA.yaml").write_text(DERIVADO, encoding="utf-8")
    return str(tmp_path)


def test_the_fixture_fires_every_rule(cli, todas):
    r = cli("alertas", "--specs", todas, "-f", "json")
    assert r.code == 0, r.err
    assert {row["regla"] for row in json.loads(r.out)} == set(calc.REGLAS)


@pytest.mark.parametrize("regla", calc.REGLAS)
@pytest.mark.parametrize("fmt", ["tabla", "csv", "tsv", "json", "jsonl", "markdown"])
def test_every_rule_in_every_format(cli, todas, regla, fmt):
    r = cli("alertas", "--specs", todas, "-r", regla, "-f", fmt)
    assert r.code == 0, r.err
    assert "Traceback" not in r.err + r.out
    if fmt == "json":
        rows = json.loads(r.out)
        assert rows and {row["regla"] for row in rows} == {regla}
        assert len({tuple(row) for row in rows}) == 1  # the same keys in every row
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(r.out), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) > 1 and len({len(row) for row in rows}) == 1
        assert all(regla in row for row in rows[1:])
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in r.out.splitlines()]
        assert rows and {row["regla"] for row in rows} == {regla}
    else:  # people read the rule's label, in the Regla column and in the summary
        etiqueta = calc.ETIQUETAS[regla]
        assert etiqueta in r.out
        resumen = next(x for x in (r.out + r.err).splitlines() if re.match(r"\d+ alertas?: ", x))
        assert f": {etiqueta[0].lower()}{etiqueta[1:]} " in resumen
        if "_" in regla:
            assert regla not in r.out + r.err


def test_every_rule_is_named_by_its_id_and_label_in_help(cli):
    r = cli("alertas", "--help")
    ayuda = " ".join(r.out.split())
    for regla in calc.REGLAS:
        assert f"{regla} ({calc.ETIQUETAS[regla]})" in ayuda


def test_an_unknown_rule_lists_the_ids_regla_accepts(cli, todas):
    r = cli("alertas", "--specs", todas, "-r", "foo")
    assert r.code == 2
    assert r.err.strip() == (
        f"error: regla desconocida «foo»; se esperaba una de: {', '.join(calc.REGLAS)}"
    )


def test_the_severity_is_capitalised_for_people_and_kept_for_machines(cli, todas):
    personas = cli("alertas", "--specs", todas, "-r", "sin_informacion", "-f", "markdown").out
    filas = [x for x in personas.splitlines() if x.startswith("| X001")]
    assert filas and all("| Baja " in x and "| Sin información " in x for x in filas)
    maquina = json.loads(
        cli("alertas", "--specs", todas, "-r", "sin_informacion", "-f", "json").out
    )
    assert {row["severidad"] for row in maquina} == {"baja"}


def test_every_rule_together_in_xlsx(cli, todas, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "alertas.xlsx"
    r = cli("alertas", "--specs", todas, "-o", str(out))
    assert r.code == 0, r.err
    ws = load_workbook(out).active
    celdas = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert set(calc.REGLAS) <= celdas


@pytest.mark.parametrize("regla", calc.REGLAS)
def test_every_rule_in_xlsx(cli, todas, tmp_path, regla):
    out = tmp_path / f"{regla}.xlsx"
    r = cli("alertas", "--specs", todas, "-r", regla, "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes()[:2] == b"PK"


def test_a_coverage_alert_says_what_the_spec_notes_of_its_years(cli, todas):
    r = cli("alertas", "--specs", todas, "-r", "cobertura_decreciente", "-f", "json")
    (row,) = json.loads(r.out)
    assert row["nota"] == (
        "2021: conteo al cierre; descansa en: regla de cobertura decreciente (supuesto de la "
        "metodología)"
    )
    assert (row["valor_desde"], row["valor_hasta"], row["avance_pct"]) == (90, 80, None)
    assert row["enunciado"] == (
        "De 2021 a 2022 disminuyó la cobertura de X001, al pasar de 90.00 % a 80.00 %."
    )


def test_every_rule_has_the_keys_of_the_table(todas, metodologia):
    from issste_mon.carga.loader import load_paths
    from issste_mon.consultas import alertas as consultas

    tabla = consultas.alertas(load_paths([todas]), metodologia)
    claves = {c.clave for c in tabla.columnas}
    assert {r["regla"] for r in tabla.filas} == set(calc.REGLAS)
    for row in tabla.filas:
        assert claves <= set(row), (row["regla"], claves - set(row))
