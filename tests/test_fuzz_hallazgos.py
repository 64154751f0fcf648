"""What the generated hostile specs (a seeded mutation of every field, through every command)
found: each test is one spec the loader accepts whose figure a later step got wrong."""

from __future__ import annotations

import json
import re

SPEC_CUMPLIMIENTO = """\
clave: E901
ramo: 51
nombre: Bordes de la aritmética
mir:
  - id: A1
    nivel: Propósito
    nombre: Justo bajo el corte
    sentido: ascendente
    metas:
      2017: {meta: 1000000000000000000000000000000, valor: 899999999999999999999999999999}
  - id: D1
    nivel: Propósito
    nombre: Fuera de rango
    sentido: descendente
    metas:
      2017: {meta: 1e308, valor: 1e-300}
"""


def _filas(cli, tmp_path, comando: str, *args: str) -> dict:
    (tmp_path / "E901.yaml").write_text(SPEC_CUMPLIMIENTO, encoding="utf-8")
    r = cli(comando, "--specs", str(tmp_path), "-f", "json", *args)
    assert r.code == 0, r.err
    return {(f["id"], f.get("anio") or f.get("anios")): f for f in json.loads(r.out)}


def test_tendencias_classifies_a_cumplimiento_as_cumplimiento_does(cli, tmp_path):
    """899999999999999999999999999999 of a meta of 10^30 is 89.99…9 % (28 nines): «Bajo» in
    `cumplimiento`, but tendencias divided in a 28-digit context, got 90 and said «Adecuado»;
    alertas, on the same quotient, raised no «meta no alcanzada»."""
    cump = _filas(cli, tmp_path, "cumplimiento")[("A1", 2017)]
    tend = _filas(cli, tmp_path, "tendencias")[("A1", 2017)]
    assert cump["rango"] == tend["rango"] == "Bajo"
    alertas = _filas(cli, tmp_path, "alertas", "-r", "meta_no_alcanzada")
    assert ("A1", "2017") in alertas


def test_tendencias_says_out_of_range_as_cumplimiento_does(cli, tmp_path):
    """meta 1e308 over valor 1e-300 (descendente) is 10^610 %: `cumplimiento` gives no figure
    and says «fuera de rango»; tendencias printed the 610-digit figure, «Alto»."""
    cump = _filas(cli, tmp_path, "cumplimiento")[("D1", 2017)]
    tend = _filas(cli, tmp_path, "tendencias")[("D1", 2017)]
    assert cump["cumplimiento_pct"] is None and tend["cumplimiento_pct"] is None
    assert tend["rango"] is None
    assert "fuera de rango" in cump["nota"] and "fuera de rango" in tend["nota"]


def test_ficha_charts_an_ejercido_near_the_largest_double(cli, tmp_path):
    """An ejercido of 1e308 (the loader accepts it: it is a double) made the chart's axis
    divide by 2 × 10^308 as a float: an OverflowError traceback in every ficha."""
    (tmp_path / "E901.yaml").write_text(
        "clave: E901\nramo: 51\nnombre: Cifras extremas\n"
        "presupuesto:\n  2017: {ejercido: 1e308}\n  2018: {ejercido: 1.7976931348623157e308}\n",
        encoding="utf-8",
    )
    r = cli("ficha", "E901", "--specs", str(tmp_path), "-o", str(tmp_path / "f.md"))
    assert r.code == 0, r.err
    svg = (tmp_path / "f-g-presupuesto.svg").read_text(encoding="utf-8")
    assert "179,769,313,486,231,570" in svg  # the bar's figure, whole


def test_chart_axis_of_tiny_figures_is_not_all_zeros():
    """Ticks were rounded to 10 decimals: for figures of 1e-300 every tick was 0, an axis
    «0, 0, 0, 0» under bars of real (tiny) figures."""
    from issste_mon.ficha.graficas import escala

    ticks, _ = escala(3e-300)
    assert ticks[0] == 0 and all(b > a for a, b in zip(ticks, ticks[1:], strict=False))
    assert ticks[-1] >= 3e-300
    assert escala(180) == ([0, 50, 100, 150, 200], 0)


def test_negative_zero_is_shown_as_zero(cli, tmp_path):
    """`-0.0` is a YAML number the loader keeps: tables showed «-0.000» (a valoración), «-0»
    (a meta) and the ficha «-0.00»."""
    (tmp_path / "E901.yaml").write_text(
        "clave: E901\nramo: 51\nnombre: Cero con signo\nmonitoreo:\n  2024: {valoracion: -0.0}\n"
        "mir:\n  - id: P1\n    nivel: Fin\n    nombre: I\n    sentido: ascendente\n"
        "    metas:\n      2023: {meta: -0.0, valor: 5}\n",
        encoding="utf-8",
    )
    for comando in ("monitoreo", "tendencias", "cumplimiento"):
        r = cli(comando, "--specs", str(tmp_path), "-f", "markdown")
        assert r.code == 0, r.err
        assert "-0" not in r.out, r.out
    assert re.search(
        r"\|\s+0\.000 \| Incipiente",
        cli("monitoreo", "--specs", str(tmp_path), "-f", "markdown").out,
    )


DERIVADO = """\
tipo: programa_derivado
clave: PD-X
nombre: Derivado de prueba
periodo: {inicio: 2020, fin: 2024}
objetivos:
  - id: "1"
    texto: Objetivo
    indicadores:
      - id: "1.1"
        nombre: Fuera de rango
        tipo: Parámetro
        sentido: descendente
        enfoque: Gestión
        calidad: Moderado
        linea_base: {anio: 2020, valor: 1}
        meta_sexenal: 1
        metas: {2022: 123456789012345678901}
        valores: {2022: 1e-300}
      - id: "1.2"
        nombre: Meta ya cumplida
        tipo: Parámetro
        sentido: ascendente
        enfoque: Gestión
        calidad: Moderado
        linea_base: {anio: 2020, valor: 100}
        meta_sexenal: 1e-7
        valores: {2022: 0.5}
"""


def test_derivado_notes_say_why_and_write_figures_for_people(cli, tmp_path):
    """A meta intermedia whose quotient passes 10^300 was «cumplimiento de la meta 2022:
    None» in sexenal and «PD-X 1.1 2022 (None)» in alertas; and the figures of a note were
    Python's text of a Decimal («la meta sexenal (1E-7)»)."""
    (tmp_path / "PD-X.yaml").write_text(DERIVADO, encoding="utf-8")
    r = cli("sexenal", "--specs", str(tmp_path), "-f", "json")
    assert r.code == 0, r.err
    notas = {f["id"]: f["nota"] for f in json.loads(r.out)}
    assert "cumplimiento de la meta 2022: cumplimiento fuera de rango" in notas["1.1"]
    assert "la meta sexenal (0.0000001) es menor que la línea base (100)" in notas["1.2"]
    assert "None" not in notas["1.1"] and "E-7" not in notas["1.2"]
    r = cli("alertas", "--specs", str(tmp_path), "-f", "csv")
    assert r.code == 0, r.err
    assert "PD-X 1.1 2022 (cumplimiento fuera de rango" in r.err
    assert "la línea base (100) ya cumplía la meta sexenal (0.0000001)" in r.err
    assert "None" not in r.err and "E-7" not in r.err
