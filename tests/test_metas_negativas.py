"""A negative meta (any sentido), or a negative valor under the inverse formula, gives a
quotient that runs against the cumplimiento (ascendente meta −10: −11, worse, was «110.00 %
Adecuado»; −9, better, 90 %). Such a row is not computable and says why — in the exact and
float paths of calc/cumplimiento.py, part by part and in the frame, and in tendencias,
alertas and verificar, which reuse the rule."""

from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal

import pytest

from issste_mon.calc.razones import META_NEGATIVA, VALOR_NEGATIVO_INVERSA

SPEC = """\
ramo: 51
clave: X001
nombre: x
mir:
  - id: A1
    nivel: Fin
    nombre: n
    sentido: ascendente
    metas:
      2023: {meta: -10, valor: -11}
      2024: {meta: -10, valor: -9}
      2025: {meta: 10, valor: -5}
  - id: A2
    nivel: Fin
    nombre: m
    sentido: descendente
    metas:
      2023: {meta: 10, valor: -5}
      2024: {meta: -10, valor: 5}
  - id: A3
    nivel: Fin
    nombre: c
    sentido: constante
    metas:
      2023: {meta: -4, valor: -4}
"""
# (id, anio): the nota of each row; None: computable
ESPERADO = {
    ("A1", 2023): META_NEGATIVA,
    ("A1", 2024): META_NEGATIVA,
    ("A1", 2025): None,  # a negative valor of a positive meta is a real under-performance: −50 %
    ("A2", 2023): VALOR_NEGATIVO_INVERSA,
    ("A2", 2024): META_NEGATIVA,
    ("A3", 2023): META_NEGATIVA,
}


@pytest.fixture
def negativas(tmp_path):
    (tmp_path / "X001.yaml").write_text(SPEC, encoding="utf-8")
    return str(tmp_path)


def _por_fila(rows):
    return {(r["id"], int(r["anio"])): r for r in rows}


@pytest.mark.parametrize("fmt", ["json", "csv"])  # the frame (json) and part by part (csv)
def test_cumplimiento_says_why_not_computable(cli, negativas, fmt):
    r = cli("cumplimiento", "--specs", negativas, "-f", fmt)
    assert r.code == 0, r.err
    rows = json.loads(r.out) if fmt == "json" else list(csv.DictReader(io.StringIO(r.out)))
    filas = _por_fila(rows)
    assert set(filas) == set(ESPERADO)
    for key, nota in ESPERADO.items():
        fila = filas[key]
        if nota is None:
            assert float(fila["cumplimiento_pct"]) == -50 and fila["rango"] == "Bajo"
        else:
            assert fila["cumplimiento_pct"] in (None, "") and fila["rango"] in (None, ""), key
            assert fila["nota"] == nota, key
            assert fila["meta_estado"] in (None, "") and fila["valor_estado"] in (None, "")
    assert "promedio de 1 indicador calculable (de 6)" in " ".join(r.err.split())


def test_the_human_table_shows_no_inverted_figure(cli, negativas):
    r = cli("cumplimiento", "--specs", negativas, "-f", "markdown")
    assert r.code == 0, r.err
    assert "110.00 %" not in r.out and "90.00 %" not in r.out
    assert META_NEGATIVA in r.out and VALOR_NEGATIVO_INVERSA in r.out
    assert "Bajo 1, Adecuado 0, Alto 0" in r.out


def test_the_mirror_formula_keeps_a_negative_valor(metodologia):
    from issste_mon.calc.cumplimiento import cumplimiento_exacto, cumplimiento_pct

    # (2 − (−5/10)) × 100 = 250: the mirror formula grows as the valor falls, as it should
    assert cumplimiento_exacto(10, -5, "descendente", "espejo") == Decimal(250)
    assert cumplimiento_pct(10, -5, "descendente", "espejo") == 250
    assert cumplimiento_exacto(-10, -5, "descendente", "espejo") is None


@pytest.mark.parametrize(
    "meta, valor, sentido",
    [
        (-10, -11, "ascendente"),
        (-10, -9, "constante"),
        (10, -5, "descendente"),
        (-1, 2, "descendente"),
    ],
)
def test_exact_and_float_paths_agree(meta, valor, sentido):
    from issste_mon.calc.cumplimiento import cumplimiento_exacto, cumplimiento_pct
    from issste_mon.calc.tendencias import cumplimiento

    assert cumplimiento_exacto(meta, valor, sentido) is None
    assert math.isnan(cumplimiento_pct(meta, valor, sentido))
    assert cumplimiento(Decimal(meta), Decimal(valor), sentido, "inversa") is None


def test_uno_gives_the_same_nota(negativas, metodologia):
    from issste_mon.calc.cumplimiento import uno
    from issste_mon.carga.loader import load_paths

    (p,) = load_paths([negativas]).programas
    for ind in p.mir:
        for anio, m in ind.metas.items():
            x, rango, nota = uno(m, ind.sentido, metodologia)
            esperada = ESPERADO[ind.id, anio]
            assert nota == esperada and (x is None) is (esperada is not None)


def test_tendencias_and_alertas_reuse_the_rule(cli, negativas):
    r = cli("tendencias", "--specs", negativas, "-f", "json")
    filas = _por_fila(json.loads(r.out))
    for key, nota in ESPERADO.items():
        if nota is not None:
            assert filas[key]["cumplimiento_pct"] is None and filas[key]["rango"] is None
            assert filas[key]["nota"] == nota
    r = cli("alertas", "--specs", negativas, "-r", "meta_no_alcanzada", "-f", "json")
    # only the computable −50 % alerts; −11 against −10 is not «110 %», nor a met meta
    assert [(a["id"], a["anio_hasta"]) for a in json.loads(r.out)] == [("A1", 2025)]
