"""A spec's `nota` on a year's figures (`metas.<año>.nota`: «valor acumulado al mes 6 (sin
Cuenta Pública)», as `importar avance` writes it) travels with every figure computed from
them: cumplimiento (by parts and as a frame, warm and cold), tendencias and alertas."""

from __future__ import annotations

import json

import pytest

PARCIAL = "valor acumulado al mes 6 (sin Cuenta Pública)"
SPEC = f"""\
clave: U001
nombre: Programa de prueba
ramo: 9
mir:
  - id: P1
    nivel: Propósito
    nombre: Porcentaje de cobertura del servicio
    sentido: ascendente
    metas:
      2019: {{meta: 95, valor: 96.02}}
      2020:
        meta: 97
        valor: 50.5
        nota: {PARCIAL}
      2021: {{meta: 0, valor: 3, nota: la meta se anuló}}
"""


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "U001.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _json(r) -> list[dict]:
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(
    "extra", [[], ["--sin-cache"], ["--anio", "2020"], ["--nivel", "Propósito"]]
)
def test_cumplimiento_says_the_spec_nota_beside_the_figure(cli, spec, extra):
    for _ in range(2):  # cold, then warm from the cache
        rows = {
            r["anio"]: r
            for r in _json(cli("cumplimiento", "--specs", str(spec), "-f", "json", *extra))
        }
        assert rows[2020]["nota"] == PARCIAL
        assert rows[2020]["cumplimiento_pct"] == pytest.approx(50.5 / 97 * 100)
        if 2021 in rows:  # a reason it is not computable, then the spec's nota
            assert rows[2021]["nota"] == "meta = 0: no calculable; la meta se anuló"
            assert rows[2019]["nota"] is None


def test_the_frame_has_the_same_notas(spec):
    from issste_mon import cargar
    from issste_mon.calc import cumplimiento
    from issste_mon.metodologia import load

    specs = cargar(str(spec))
    df = cumplimiento.calcular_cumplimiento(specs.programas, metodologia=load())
    notas = df.set_index("anio")["nota"]
    assert notas.isna().to_dict() == {2019: True, 2020: False, 2021: False}
    assert notas.dropna().to_dict() == {
        2020: PARCIAL,
        2021: "meta = 0: no calculable; la meta se anuló",
    }


def test_tendencias_and_alertas_say_it_too(cli, spec):
    filas = {r["anio"]: r for r in _json(cli("tendencias", "--specs", str(spec), "-f", "json"))}
    assert filas[2020]["nota"] == PARCIAL and filas[2019]["nota"] is None
    alertas = _json(cli("alertas", "--specs", str(spec), "-f", "json"))
    reglas = {a["regla"]: a for a in alertas}
    assert reglas["meta_no_alcanzada"]["nota"] == f"2020: {PARCIAL}"
    deterioros = {
        (a["anio_desde"], a["anio_hasta"]): a["nota"] for a in alertas if a["regla"] == "deterioro"
    }
    regla = "descansa en: regla de deterioro (inferido de la metodología)"
    assert deterioros == {
        (2019, 2020): f"2020: {PARCIAL}; {regla}",
        (2020, 2021): f"2020: {PARCIAL}; 2021: la meta se anuló; {regla}",
    }
    r = cli("alertas", "--specs", str(spec), "-f", "tabla")
    assert "Nota" in r.out and "2020: valor acumulado" in r.out


MODIFICADAS = """\
clave: E911
nombre: Prueba
ramo: 51
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador
    sentido: ascendente
    metas:
      2019: {meta: 100, meta_modificada: 100, valor: 95}
      2020: {meta: 100, meta_modificada: 50, valor: 55}
      2021: {meta: 100, meta_modificada: ND, valor: 95}
      2022: {meta: 100, meta_modificada: 0, valor: 95}
      2023: {meta: 1234.5678, meta_modificada: 80, valor: 95}
"""


def test_which_meta_a_cumplimiento_rests_on_is_said(cli, tmp_path):
    """The methodology takes the modified meta: where it differs from the spec's `meta`, the
    nota says so and gives the original; a meta_modificada ND falls back to the original."""
    spec = tmp_path / "E911.yaml"
    spec.write_text(MODIFICADAS, encoding="utf-8")
    for extra in ([], ["--sin-cache"]):
        rows = {
            r["anio"]: r
            for r in _json(cli("cumplimiento", "--specs", str(spec), "-f", "json", *extra))
        }
        # (the choice of meta is a supuesto of the methodology: a figure it decides says so)
        supuesta = "; descansa en: meta modificada y no la original (supuesto de la metodología)"
        assert {a: (r["meta"], r["nota"], r["supuesto"]) for a, r in rows.items()} == {
            2019: (100, None, False),
            2020: (50, "meta modificada (la original: 100)" + supuesta, True),
            2021: (100, "meta modificada ND: se usa la original", False),
            2022: (0, "meta = 0: no calculable; meta modificada (la original: 100)", None),
            2023: (80, "meta modificada (la original: 1,234.5678)" + supuesta, True),
        }
    from issste_mon.metodologia import default_path

    original = tmp_path / "m.yaml"
    texto = open(default_path(), encoding="utf-8").read()
    assert texto.count("valor: modificada_si_existe") == 1
    original.write_text(texto.replace("valor: modificada_si_existe", "valor: original"), "utf-8")
    rows = _json(
        cli("cumplimiento", "--specs", str(spec), "--metodologia", str(original), "-f", "json")
    )
    # the original meta: nothing to say of it, but where a modified one would give another
    # figure, that the choice is the methodology's supuesto
    supuesta = "descansa en: meta original y no la modificada (supuesto de la metodología)"
    assert {r["anio"]: r["nota"] for r in rows} == {
        2019: None,
        2020: supuesta,
        2021: None,
        2022: supuesta,
        2023: supuesta,
    }


def test_a_meta_modificada_nd_without_an_original_says_only_what_is_there(cli, tmp_path):
    spec = tmp_path / "E912.yaml"
    spec.write_text(
        MODIFICADAS.replace("E911", "E912").split("    metas:")[0]
        + "    metas:\n"
        + '      2020: {meta_modificada: ND, valor: 55, publicado: {cumplimiento: "110%"}}\n',
        encoding="utf-8",
    )
    (row,) = _json(cli("cumplimiento", "--specs", str(spec), "-f", "json"))
    assert row["nota"] == "sin meta en la spec (publicado: 110%); meta modificada ND"
    r = cli("verificar", "--specs", str(spec), "-f", "json")
    (hallazgo,) = json.loads(r.out)
    assert hallazgo["motivo"] == "no calculable: falta meta 2020 en la spec"


def test_a_meta_modificada_without_an_original_does_not_call_it_ausente(cli, tmp_path):
    # SHCP's avance file, 14-P002 2019: META empty, META_MODIFICADA 7.1. The nota read «(la
    # original: ausente)», as if an original had been recorded absent.
    spec = tmp_path / "E913.yaml"
    spec.write_text(
        MODIFICADAS.replace("E911", "E913").split("    metas:")[0]
        + "    metas:\n"
        + "      2019: {meta_modificada: 7.1, valor: 16.7}\n",
        encoding="utf-8",
    )
    (row,) = _json(cli("cumplimiento", "--specs", str(spec), "-f", "json"))
    assert row["meta"] == 7.1 and row["nota"] == "meta modificada (la spec no da la original)"


def test_a_trend_alert_names_the_notas_of_every_year_it_rests_on(cli, tmp_path):
    spec = tmp_path / "U002.yaml"
    spec.write_text(
        SPEC.replace("U001", "U002").split("    metas:")[0]
        + "    metas:\n"
        + "      2019: {meta: 100, valor: 40}\n"
        + "      2020: {meta: 100, valor: 60, nota: cifra preliminar}\n"
        + "      2021: {meta: 100, valor: 95}\n"
        + "      2022: {meta: 100, valor: 70, nota: corte a junio}\n"
        + "      2023: {meta: 100, valor: 30}\n",
        encoding="utf-8",
    )
    alertas = _json(cli("alertas", "--specs", str(spec), "-r", "cambio_tendencia", "-f", "json"))
    (a,) = alertas
    assert (a["anio_desde"], a["anio_hasta"]) == (2021, 2023)  # from 2019 up, then down
    assert a["nota"] == (
        "2020: cifra preliminar; 2022: corte a junio; descansa en: regla de cambio de tendencia "
        "(inferido de la metodología)"
    )
