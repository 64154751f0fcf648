"""`tendencias` and `alertas` (issue 21): the statements of seed 003's «¿Qué ha mejorado?» and
«¿Qué alertas se presentan?» follow from the recorded series; every rule at, below and above its
edge; SHCP's semáforo in `cumplimiento` and in `alertas`."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from decimal import Decimal

import pytest
from conftest import SHARED, spec_derivado

from issste_mon.calc import alertas as calc
from issste_mon.calc import tendencias
from issste_mon.calc.tendencias import Serie
from issste_mon.consultas import alertas as consultas_alertas
from issste_mon.modelo import Faltante, LineaBase, Poblacion, Programa
from issste_mon.salida.celdas import machine_rows

SEED_003 = SHARED / "seeds" / "003_3d7d72f0ba7874da.txt"
PI = "PI-ISSSTE-2020-2024"
FORMATS = ["tabla", "csv", "tsv", "json", "jsonl", "markdown"]


def _seed_sentence(start: str) -> str:
    """The sentence of seed 003 that begins with `start`, as printed (PDF text: «\\$» → «$»)."""
    for line in SEED_003.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith(start):
            return line.strip().replace("\\$", "$")
    raise AssertionError(f"seed 003 has no sentence starting {start!r}")


def _json(result):
    assert result.code == 0, result.err
    return json.loads(result.out)


# --- the document's statements, from the bundled specs ----------------------------------------


def test_siefore_missed_goal_carries_the_documents_figures(cli):
    seed = _seed_sentence("No se alcanzó la meta del monto de los recursos")
    meta, logro = re.search(r"meta de \$([\d,]+) y se logró \$([\d,]+)", seed).groups()
    rows = _json(cli("alertas", PI, "-f", "json"))
    (row,) = [r for r in rows if r["regla"] == "meta_no_alcanzada" and r["id"] == "2.3"]
    assert row["anio_hasta"] == int(re.search(r"para (\d{4})", seed).group(1))
    assert row["meta"] == float(meta.replace(",", "")) and row["valor_hasta"] == float(
        logro.replace(",", "")
    )
    assert f"meta de {meta} y se logró {logro}" in row["enunciado"]
    # the document prints the figures with «$»; the spec does not record the unit
    assert row["enunciado"] == seed.replace("$", "")
    assert row["cumplimiento_pct"] < 90


def test_hipotecarios_decline_is_the_documents_sentence(cli):
    seed = _seed_sentence("De 2021 a 2022 disminuyó el porcentaje de créditos hipotecarios")
    rows = _json(cli("alertas", PI, "--regla", "deterioro", "-f", "json"))
    (row,) = [r for r in rows if r["id"] == "3.1"]
    assert row["enunciado"] == seed
    a0, a1, v0, v1 = re.search(r"De (\d{4}) a (\d{4}).*de ([\d.]+) a ([\d.]+)", seed).groups()
    assert (row["anio_desde"], row["anio_hasta"]) == (int(a0), int(a1))
    assert (row["valor_desde"], row["valor_hasta"]) == (float(v0), float(v1))
    assert row["severidad"] == "media"


def test_concesiones_improvement_is_the_documents_sentence(cli):
    seed = _seed_sentence("Aumentó el porcentaje de concesiones de pensión")
    rows = _json(cli("alertas", "--mejoras", "-f", "json"))
    (row,) = [r for r in rows if r["clave"] == PI and r["id"] == "2.1"]
    assert row["enunciado"] == seed
    v0, a0, v1, a1 = re.search(r"de (\d+)% en (\d{4}) a (\d+)% en (\d{4})", seed).groups()
    assert (row["valor_desde"], row["anio_desde"]) == (float(v0), int(a0))
    assert (row["valor_hasta"], row["anio_hasta"]) == (float(v1), int(a1))


def test_tendencias_shows_each_series(cli):
    rows = _json(cli("tendencias", PI, "-f", "json"))
    by = {(r["id"], r["anio"]): r for r in rows}
    hip = _seed_sentence("De 2021 a 2022 disminuyó el porcentaje de créditos hipotecarios")
    v0, v1 = map(float, re.search(r"de ([\d.]+) a ([\d.]+)", hip).groups())
    assert by[("3.1", 2021)]["valor"] == v0 and by[("3.1", 2022)]["valor"] == v1
    assert by[("3.1", 2022)]["direccion"] == "empeora"
    assert by[("3.1", 2022)]["cambio"] == pytest.approx(v1 - v0)
    con = _seed_sentence("Aumentó el porcentaje de concesiones de pensión")
    v0, v1 = map(float, re.search(r"de (\d+)% en 2019 a (\d+)% en 2022", con).groups())
    assert (by[("2.1", 2019)]["valor"], by[("2.1", 2022)]["valor"]) == (v0, v1)
    assert by[("2.1", 2022)]["direccion"] == "mejora"
    assert by[("2.1", 2022)]["anio_anterior"] == 2019
    sie = by[("2.3", 2022)]
    assert sie["cumplimiento_pct"] == pytest.approx(sie["valor"] / sie["meta"] * 100)
    assert sie["rango"] == "Bajo"


def test_year_filters(cli):
    rows = _json(cli("tendencias", PI, "--anio-desde", "2022", "-f", "json"))
    assert {r["anio"] for r in rows} == {2022}
    assert all(r["cambio"] is None for r in rows)  # the earlier values are outside the window
    alerts = _json(cli("alertas", PI, "--anio-hasta", "2021", "-r", "deterioro", "-f", "json"))
    assert alerts == []
    r = cli("tendencias", "--anio-desde", "2023", "--anio-hasta", "2020")
    assert r.code == 2 and "posterior" in r.err


def test_one_year_is_the_window_of_that_year(cli):
    """`--anio Y` (the option every table command shares) is --anio-desde Y --anio-hasta Y;
    with either of them it is a usage error, and every year option wants four digits."""
    uno = _json(cli("tendencias", PI, "--anio", "2022", "-f", "json"))
    rango = _json(
        cli("tendencias", PI, "--anio-desde", "2022", "--anio-hasta", "2022", "-f", "json")
    )
    assert uno == rango and {r["anio"] for r in uno} == {2022}
    alertas = _json(cli("alertas", "--anio", "2022", "-f", "json"))
    assert alertas == _json(
        cli("alertas", "--anio-desde", "2022", "--anio-hasta", "2022", "-f", "json")
    )
    titulo = cli("alertas", "--anio", "2022", "-f", "markdown").out.splitlines()[0]
    assert titulo == "### ¿Qué alertas se presentan? (2022)"
    titulo = cli("tendencias", PI, "--anio-desde", "2019", "-f", "markdown").out.splitlines()[0]
    assert titulo == "### Tendencias de los indicadores (desde 2019)"
    for orden in ("tendencias", "alertas"):
        r = cli(orden, "--anio", "2022", "--anio-hasta", "2023")
        assert r.code == 2 and "no ambos" in r.err
        r = cli(orden, "--anio-desde", "20x1")
        assert r.code == 2 and "se esperaba un año entre 1900 y 2200" in r.err


def test_unknown_rule_and_clave(cli):
    r = cli("alertas", "--regla", "nada")
    assert r.code == 2 and "regla desconocida" in r.err
    r = cli("tendencias", "X999")
    assert r.code == 1 and "X999" in r.err


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args", [("tendencias",), ("alertas",), ("alertas", "--mejoras")], ids=" ".join
)
def test_every_format(cli, args, fmt):
    r = cli(*args, "-f", fmt)
    assert r.code == 0, r.err
    assert r.out.strip()
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(r.out), delimiter="," if fmt == "csv" else "\t"))
        assert len({len(row) for row in rows}) == 1
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in r.out.splitlines())


def test_xlsx(cli, tmp_path):
    out = tmp_path / "alertas.xlsx"
    r = cli("alertas", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes()[:2] == b"PK"


def test_json_is_the_library_result(cli, specs, metodologia):
    cases = [
        (["tendencias"], consultas_alertas.tendencias(specs, metodologia)),
        (["alertas"], consultas_alertas.alertas(specs, metodologia)),
        (["alertas", "--mejoras"], consultas_alertas.alertas(specs, metodologia, mejoras=True)),
    ]
    for args, tabla in cases:
        assert _json(cli(*args, "-f", "json")) == json.loads(json.dumps(machine_rows(tabla)))


def test_threshold_comes_from_the_methodology_file(cli, tmp_path):
    from issste_mon.metodologia import default_path

    text = open(default_path(), encoding="utf-8").read()
    old = "cumplimiento_menor_a: 90 "
    assert old in text
    met = tmp_path / "m.yaml"
    # (the band's lower edge with it: «meta no alcanzada» is the rango Bajo)
    text = text.replace(old, "cumplimiento_menor_a: 40 ").replace("inferior: 90", "inferior: 40")
    met.write_text(text, encoding="utf-8")
    args = ("alertas", PI, "-r", "meta_no_alcanzada", "-f", "json")
    assert len(_json(cli(*args))) == 1
    assert _json(cli(*args, "--metodologia", str(met))) == []  # 13,592 / 29,338 is over 40 %


def test_missing_data_is_said_not_guessed(cli):
    rows = _json(cli("alertas", PI, "-r", "sin_informacion", "-f", "json"))
    sie = next(r for r in rows if r["id"] == "2.3")
    assert "sin línea base" in sie["enunciado"] and "sin meta sexenal" in sie["enunciado"]
    assert "sin valores reportados" not in sie["enunciado"]
    assert not _json(cli("alertas", PI, "-r", "meta_sexenal_en_riesgo", "-f", "json"))


@pytest.mark.parametrize(
    ("ventana", "dice"),
    [
        (("--anio-desde", "2018"), " desde 2018: "),
        (("--anio-hasta", "2016"), " hasta 2016: "),
        (("--anio-desde", "2018", "--anio-hasta", "2020"), " de 2018 a 2020: "),
        (("--anio", "2019"), " en 2019: "),
    ],
)
def test_missing_data_in_a_window_says_the_window(cli, ventana, dice):
    """E045's Propósito reported 2017 (meta 543.35, valor 622.06): in a window of its years
    (2016–2019) without 2017, where other indicators of the specs report, the indicator lacks
    values and meta *in that window*, and the sentence says so instead of stating, unqualified,
    that the indicator never reported. (A window where nothing reports is no data, and one
    outside the program's years no alert of it: see below.)"""
    sin_ventana = _json(cli("alertas", "E045", "-r", "sin_informacion", "-f", "json"))
    p1 = next(r for r in sin_ventana if r["id"] == "P1")
    assert "sin valores reportados" not in p1["enunciado"]
    assert "análisis: sin línea base." in p1["enunciado"]
    rows = _json(cli("alertas", *ventana, "-r", "sin_informacion", "-f", "json"))
    p1 = next(r for r in rows if (r["clave"], r["id"]) == ("E045", "P1"))
    assert "sin valores reportados, sin meta" in p1["enunciado"]
    assert f"para su análisis{dice}" in p1["enunciado"], p1["enunciado"]


# --- each rule at, below and above its edge ---------------------------------------------------


def _serie(valores, metas=None, sentido="ascendente", **kw) -> Serie:
    return Serie(
        kw.pop("origen", "programa"),
        "X001",
        51,
        "P1",
        "Propósito",
        kw.pop("nombre", "Porcentaje de prueba"),
        sentido,
        "Porcentaje",
        valores=dict(valores),
        metas=dict(metas or {}),
        **kw,
    )


def _met(metodologia, **cambios):
    return metodologia.con(alertas=dataclasses.replace(metodologia.alertas, **cambios))


def _reglas(rows):
    return [r["regla"] for r in rows]


@pytest.mark.parametrize(
    ("valor", "alerta"),
    [(0.99, False), (0.98, True), (1.0, False)],  # 0.99 / 1.1 × 100 is 90 exactly (float: 89.99…)
)
def test_meta_no_alcanzada_edge(metodologia, valor, alerta):
    s = _serie({2022: valor}, {2022: 1.1})
    rows = calc.meta_no_alcanzada(s, metodologia, metodologia.alertas)
    assert bool(rows) is alerta


@pytest.mark.parametrize(
    ("sentido", "formula"),
    [("ascendente", "inversa"), ("descendente", "inversa"), ("descendente", "espejo")],
)
def test_meta_no_alcanzada_near_the_edge_is_exact(metodologia, sentido, formula):
    """Years far above the threshold skip the exact arithmetic (`_de_sobra`); those a few units
    of the last place around it alert exactly as their exact cumplimiento says."""
    import math

    met = metodologia.con(formula_descendente=formula)
    umbral = met.alertas.cumplimiento_menor_a
    for meta in (1.1, 3.0, 7.0, 0.3, 123.456, 29338, 2**53 + 1):
        # the valor whose cumplimiento is 90 in floats, and its neighbours
        if sentido == "ascendente":
            borde = float(meta) * 0.9
        elif formula == "espejo":
            borde = float(meta) * 1.1
        else:
            borde = float(meta) / 0.9
        valores = [borde]
        for paso in (math.inf, -math.inf):
            x = borde
            for _ in range(6):
                x = math.nextafter(x, paso)
                valores.append(x)
        anios = dict(enumerate(valores, 2000))
        s = _serie(anios, dict.fromkeys(anios, meta), sentido)
        rows = calc.meta_no_alcanzada(s, met, met.alertas)
        exactos = {
            a: tendencias.cumplimiento(tendencias.dec(meta), tendencias.dec(v), sentido, formula)
            for a, v in anios.items()
        }
        assert {r["anio_hasta"] for r in rows} == {a for a, p in exactos.items() if p < umbral}
        assert any(p < umbral for p in exactos.values()), meta  # (both sides are tried)
        assert any(p >= umbral for p in exactos.values()), meta


def test_cumplimiento_55_of_50_is_exactly_110(metodologia):
    pct = tendencias.cumplimiento(Decimal(50), Decimal(55), "ascendente", "inversa")
    assert pct == Decimal(110)
    met = _met(metodologia, cumplimiento_menor_a=Decimal(110))
    assert calc.meta_no_alcanzada(_serie({1: 55}, {1: 50}), met, met.alertas) == []
    assert calc.meta_no_alcanzada(_serie({1: 54.99}, {1: 50}), met, met.alertas)


@pytest.mark.parametrize(
    ("v1", "alerta"),
    [(0.6, False), (0.5, True), (0.7, False)],  # 1.1 − 0.6 is 0.5 exactly (float: 0.5000…1)
)
def test_deterioro_edge(metodologia, v1, alerta):
    met = _met(metodologia, deterioro_mayor_a=Decimal("0.5"))
    assert bool(calc.deterioro(_serie({2021: 1.1, 2022: v1}), met.alertas)) is alerta


@pytest.mark.parametrize(("v1", "alerta"), [(1.1, False), (1.2, True), (1.0, False)])
def test_deterioro_edge_descendente(metodologia, v1, alerta):
    met = _met(metodologia, deterioro_mayor_a=Decimal("0.5"))
    desc = _serie({2021: 0.6, 2022: v1}, sentido="descendente")
    assert bool(calc.deterioro(desc, met.alertas)) is alerta


def test_deterioro_default_is_any_move_against_the_sentido(metodologia):
    r = metodologia.alertas
    assert calc.deterioro(_serie({1: 2.5, 2: 2.5}), r) == []
    assert calc.deterioro(_serie({1: 2.5, 2: 2.49}), r)
    assert calc.deterioro(_serie({1: 2.5, 2: 2.51}), r) == []
    assert calc.deterioro(_serie({1: 2.5, 2: 2.4}, sentido="constante"), r) == []


@pytest.mark.parametrize(("v1", "mejora"), [(1.1, False), (1.2, True), (1.0, False)])
def test_mejora_edge(metodologia, v1, mejora):
    met = _met(metodologia, mejora_mayor_a=Decimal("0.5"))  # 1.1 − 0.6 = 0.5 exactly
    assert bool(calc.mejora(_serie({2019: 0.6, 2022: v1}), met.alertas)) is mejora


@pytest.mark.parametrize(("v2", "cambio"), [(1.5, False), (1.4, True), (1.6, False)])
def test_cambio_tendencia_edge(metodologia, v2, cambio):
    met = _met(metodologia, tendencia_mayor_a=Decimal("0.5"))
    rows = calc.tendencia(_serie({2020: 1.0, 2021: 2.0, 2022: v2}), met.alertas)
    assert bool(rows) is cambio
    if cambio:
        assert rows[0]["anio_desde"] == 2021
        assert "cambió su tendencia desde 2021" in rows[0]["enunciado"]


def test_cambio_tendencia_needs_the_minimum_values(metodologia):
    r = metodologia.alertas
    assert calc.tendencia(_serie({2021: 2.0, 2022: 1.0}), r) == []
    c = tendencias.cambio_tendencia(
        [(2019, Decimal(1)), (2020, Decimal(2)), (2021, Decimal(3)), (2022, Decimal(2))],
        Decimal(0),
    )
    assert (c.desde, c.antes, c.inicio[0], c.fin[0]) == (2021, 1, 2019, 2022)


@pytest.mark.parametrize(("valor", "riesgo"), [(60, False), (59, True), (61, False)])
def test_meta_sexenal_edge(metodologia, valor, riesgo):
    # LB 0 in 2019, last value in 2022: 20 a year reaches exactly 100 (the meta) in 2024.
    s = _serie(
        {2022: valor},
        origen="derivado",
        linea_base=LineaBase(2019, 0),
        meta_sexenal=100,
    )
    rows = calc.meta_sexenal(s, metodologia.alertas)
    assert bool(rows) is riesgo


def test_meta_sexenal_says_what_is_missing():
    s = _serie({2022: 5}, origen="derivado")
    assert calc.proyeccion(s, 2024) == "sin línea base, sin meta sexenal"
    s.linea_base = LineaBase(2019, 1)
    assert calc.proyeccion(s, 2024) == "sin meta sexenal"


def test_sin_informacion(metodologia):
    r = metodologia.alertas
    full = _serie({2022: 5}, {2022: 5}, linea_base=LineaBase(2020, 1))
    assert calc.sin_informacion(full, r) == []
    nd = _serie({2022: Faltante.ND}, {2022: 5}, linea_base=LineaBase(2020, 1))
    assert "sin valores reportados" in calc.sin_informacion(nd, r)[0]["enunciado"]
    sin_meta = _serie({2022: 5}, {}, linea_base=LineaBase(2020, 1))
    assert "sin meta" in calc.sin_informacion(sin_meta, r)[0]["enunciado"]
    sin_lb = _serie({2022: 5}, {2022: 5})
    assert "sin línea base" in calc.sin_informacion(sin_lb, r)[0]["enunciado"]


@pytest.mark.parametrize(("pa", "alerta"), [(49.5, False), (49.4, True), (49.6, False)])
def test_cobertura_decreciente_edge(metodologia, pa, alerta):
    met = _met(metodologia, cobertura_mayor_a=Decimal("0.5"))
    p = Programa(clave="X001", ramo=51, nombre="Prueba", archivo="x.yaml")
    p.poblaciones = [
        Poblacion(2020, "Personas", objetivo=100, atendida=50),
        Poblacion(2021, "Personas", objetivo=100, atendida=pa),
    ]
    rows = calc.cobertura_decreciente([p], met.alertas)
    assert bool(rows) is alerta
    if alerta:
        assert rows[0]["enunciado"] == (
            "De 2020 a 2021 disminuyó la cobertura de X001, al pasar de 50.00 % a 49.40 %."
        )


@pytest.mark.parametrize(
    ("valor", "sentido", "color"),
    [
        ("75", "ascendente", "Verde"),
        ("74.99", "ascendente", "Amarillo"),
        ("75.01", "ascendente", "Verde"),
        ("50", "ascendente", "Amarillo"),
        ("49.99", "ascendente", "Rojo"),
        ("75", "descendente", "Verde"),
        ("75.01", "descendente", "Amarillo"),
        ("90", "descendente", "Amarillo"),
        ("90.01", "descendente", "Rojo"),
    ],
)
def test_semaforo_edges(metodologia, valor, sentido, color):
    umbrales = {"verde": 75, "amarillo": Faltante.ND, "rojo": 50 if sentido == "ascendente" else 90}
    got = tendencias.color_semaforo(Decimal(valor), sentido, umbrales, metodologia.semaforo)
    assert got == color


# --- SHCP semáforo from the specs ---------------------------------------------------------------

SPEC_SEMAFORO = """\
clave: U001
ramo: 9
nombre: Programa de prueba con semáforo
mir:
- id: P1
  nivel: Propósito
  nombre: Porcentaje de cobertura del servicio
  sentido: ascendente
  metas:
    2019: {meta: 95, valor: 96.02, semaforo: {verde: 75, amarillo: ND, rojo: 50}}
    2020: {meta: 95, valor: 60, semaforo: {verde: 75, amarillo: ND, rojo: 50}}
    2021: {meta: 95, valor: 40, semaforo: {verde: 75, amarillo: ND, rojo: 50}}
    2022: {meta: 95, valor: 94}
"""


@pytest.fixture
def spec_semaforo(tmp_path):
    d = tmp_path / "specs"
    d.mkdir()
    (d / "U001.yaml").write_text(SPEC_SEMAFORO, encoding="utf-8")
    return d


def test_semaforo_field_is_valid(cli, spec_semaforo):
    r = cli("validar", str(spec_semaforo), "--estricto")
    assert r.code == 0 and "desconocida" not in r.err, r.err


def test_cumplimiento_shows_the_semaforo_beside_the_rango(cli, spec_semaforo):
    rows = _json(cli("cumplimiento", "--specs", str(spec_semaforo), "-f", "json"))
    assert [(r["anio"], r["rango"], r["semaforo"]) for r in rows] == [
        (2019, "Adecuado", "Verde"),
        (2020, "Bajo", "Amarillo"),
        (2021, "Bajo", "Rojo"),
        (2022, "Adecuado", None),
    ]
    table = cli("cumplimiento", "--specs", str(spec_semaforo), "-f", "markdown").out
    assert "| Semáforo" in table and "Rojo" in table


def test_bundled_specs_have_no_semaforo(cli):
    rows = _json(cli("cumplimiento", "-f", "json"))
    assert all(r["semaforo"] is None for r in rows)


def test_alertas_use_the_semaforo(cli, spec_semaforo):
    rows = _json(
        cli("alertas", "--specs", str(spec_semaforo), "-r", "meta_no_alcanzada", "-f", "json")
    )
    assert [(r["anio_hasta"], r["semaforo"], r["severidad"]) for r in rows] == [
        (2021, "Rojo", "alta"),
        (2020, "Amarillo", "media"),
    ]
    # an alert the semáforo raised says its colour and figures, not «no se alcanzó la meta»
    assert rows[0]["enunciado"] == (
        "El semáforo de SHCP del porcentaje de cobertura del servicio en 2021 es Rojo: se logró "
        "40, por debajo del umbral verde de 75 (meta: 95)."
    )


def test_semaforo_of_the_shcp_sample(cli, tmp_path):
    sample = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"
    out = tmp_path / "shcp"
    assert cli("importar", "avance", str(sample), "--salida", str(out)).code == 0
    rows = _json(cli("cumplimiento", "K012", "U001", "--specs", str(out), "-f", "json"))
    # K012: 24,576 m² against UMBRAL_ROJO 72,000; U001: 96.02 against UMBRAL_VERDE 75
    assert {r["clave"]: r["semaforo"] for r in rows} == {"K012": "Rojo", "U001": "Verde"}


# --- statements, for verificar ----------------------------------------------------------------


def test_evaluar_enunciado(specs, metodologia):
    series = tendencias.series(specs.programas, specs.derivados, metodologia)
    alerts = calc.evaluar(series, specs.programas, metodologia)
    mejoras = calc.evaluar(series, specs.programas, metodologia, mejoras=True)
    sie = _seed_sentence("No se alcanzó la meta del monto de los recursos")
    cifras = tuple(re.findall(r"\$[\d,]+", sie))
    v = calc.evaluar_enunciado(alerts, PI, "2.3", "meta_no_alcanzada", (2022,), cifras)
    assert v.coincide, v.motivo
    v = calc.evaluar_enunciado(alerts, PI, "3.1", "deterioro", (2021, 2022), ("2.50", "1.80"))
    assert v.coincide, v.motivo
    v = calc.evaluar_enunciado(mejoras, PI, "2.1", "mejora", (2019, 2022), ("95%", "99%"))
    assert v.coincide, v.motivo
    v = calc.evaluar_enunciado(alerts, PI, "3.1", "deterioro", (2021, 2022), ("2.50", "1.70"))
    assert v.coincide is False and "1.70" in v.motivo
    v = calc.evaluar_enunciado(alerts, PI, "2.1", "deterioro", (2021, 2022))
    assert v.coincide is False


def test_sujeto():
    assert calc.sujeto("Monto de los recursos") == "el monto de los recursos"
    assert calc.de(calc.sujeto("Tasa de variación")) == "de la tasa de variación"
    assert calc.sujeto("Madres beneficiadas") == "el indicador «Madres beneficiadas»"


@pytest.mark.parametrize("nombre", ["Porcentaje de sitios remediados.", "Madres beneficiadas."])
def test_a_name_that_ends_in_a_period_does_not_end_the_alerts_sentence(metodologia, nombre):
    """SHCP writes some names with a closing period: «… remediación. no cuenta con
    información completa»."""
    s = _serie({2019: None}, nombre=nombre)
    (fila,) = calc.sin_informacion(s, metodologia.alertas)
    assert ". no cuenta" not in fila["enunciado"] and ".» no cuenta" not in fila["enunciado"]
    assert re.search(
        r"(remediados|beneficiadas»?) no cuenta con información completa", fila["enunciado"]
    )
    assert calc.sujeto("Porcentaje de avance...") == "el porcentaje de avance..."


# --- verificar checks the document's statements recorded in the spec ---------------------------

SECCIONES = ("¿Qué ha mejorado?", "¿Qué alertas se presentan?")


def _verificar_enunciados(cli, *args) -> dict[str, dict]:
    r = cli("verificar", PI, "-f", "json", *args)
    return {
        row["cifra"].split()[-1]: row
        for row in json.loads(r.out)
        if row["cifra"].startswith(SECCIONES)
    }


def test_verificar_checks_the_documents_statements(cli):
    rows = _verificar_enunciados(cli)
    # the three series are the statements' own figures (`inferido: [valores, metas]`): a match
    # on them is circular, never a confirmation
    assert {k: r["veredicto"] for k, r in rows.items()} == {
        "2.1": "coincide por construcción",
        "2.2": "no verificable",  # «disminuyó»: the document prints no values
        "2.3": "coincide por construcción",
        "3.1": "coincide por construcción",
        "4.1": "no verificable",  # one value (91.7% in 2022)
        "5.3": "no verificable",  # «cambió su tendencia desde 2021»: no values printed
    }
    # the statements are recorded exactly as seed 003 prints them
    for key, start in [
        ("2.1", "Aumentó el porcentaje de concesiones"),
        ("3.1", "De 2021 a 2022 disminuyó"),
        ("2.3", "No se alcanzó la meta del monto"),
    ]:
        assert rows[key]["publicado"] == _seed_sentence(start)
    assert "solo 1 (2022)" in rows["4.1"]["motivo"]


def test_a_statement_over_its_own_figures_coincides_only_by_construction(cli):
    """The series of 2.1, 2.3 and 3.1 were copied from the very sentences verificar checks, and
    the mejora / deterioro rules were inferred from them: the verdict says so, and why."""
    rows = _verificar_enunciados(cli)
    por_que = {k: rows[k]["explicacion"] for k in ("2.1", "2.3", "3.1")}
    assert "valores de 2.1 (2019, 2022: transcritos de este mismo enunciado)" in por_que["2.1"]
    assert "metas de 2.3 (2022: transcritas de este mismo enunciado)" in por_que["2.3"]
    assert "valores de 2.3 (2022: transcritos de este mismo enunciado)" in por_que["2.3"]
    assert "valores de 3.1 (2021, 2022: transcritos de este mismo enunciado)" in por_que["3.1"]
    # the inferred rules, with their confianza and their fuente (this same sentence)
    assert (
        "regla «alertas.mejora» de la metodología, confianza inferido: «Aumentó" in (por_que["2.1"])
    )
    assert (
        "regla «alertas.deterioro» de la metodología, confianza inferido: «De 2021"
        in (por_que["3.1"])
    )
    # meta_no_alcanzada is printed («entre 90% y 110%»): 2.3 rests on its series alone
    assert "regla" not in por_que["2.3"]


DERIVADO_ALERTA = spec_derivado(
    "PD-ALERTA",
    """\
      - id: "1.1"
        nombre: Porcentaje de créditos hipotecarios otorgados
        sentido: ascendente
INFERIDO        valores: {2021: 2.50, 2022: 1.80}
        publicado:
          alerta: >-
            De 2021 a 2022 disminuyó el porcentaje de créditos hipotecarios otorgados, al pasar
            de 2.50 a 1.80 respectivamente.
""",
)


@pytest.mark.parametrize(
    ("serie_transcrita", "confianza", "veredicto", "dice"),
    [
        (False, "publicado", "coincide", None),  # another document's series, a printed rule
        (False, "inferido", "coincide por construcción", "regla «alertas.deterioro»"),
        (True, "publicado", "coincide por construcción", "valores de 1.1 (2021, 2022: trans"),
        (True, "inferido", "coincide por construcción", "valores de 1.1 (2021, 2022: trans"),
    ],
)
def test_an_alert_statement_coincides_only_on_independent_series_and_rule(
    cli, tmp_path, serie_transcrita, confianza, veredicto, dice
):
    from issste_mon.metodologia import default_path

    spec = tmp_path / "PD-ALERTA.yaml"
    inferido = "        inferido: [valores]\n" if serie_transcrita else ""
    spec.write_text(DERIVADO_ALERTA.replace("INFERIDO", inferido), encoding="utf-8")
    text = open(default_path(), encoding="utf-8").read()
    regla = "  deterioro:\n    cambio_mayor_a: 0"
    inicio = text.index(regla)
    fin = text.index("confianza: inferido", inicio)
    met = tmp_path / "m.yaml"
    met.write_text(text[:fin] + f"confianza: {confianza}" + text[fin + 19 :], encoding="utf-8")
    r = cli("verificar", "--specs", str(spec), "--metodologia", str(met), "-f", "json")
    (row,) = json.loads(r.out)
    assert row["veredicto"] == veredicto, row
    if dice is None:
        assert row["explicacion"] is None
    else:
        assert dice in row["explicacion"]
    if not serie_transcrita:
        assert "valores" not in (row["explicacion"] or "")


def test_verificar_finds_a_statement_that_does_not_follow(cli, tmp_path):
    from issste_mon.carga.loader import bundled_specs_dir

    text = (bundled_specs_dir() / f"{PI}.yaml").read_text(encoding="utf-8")
    old = "al pasar de 2.50 a 1.80 respectivamente."
    assert old in text
    spec = tmp_path / f"{PI}.yaml"
    spec.write_text(text.replace(old, "al pasar de 2.50 a 1.70 respectivamente."), "utf-8")
    row = _verificar_enunciados(cli, "--specs", str(spec))["3.1"]
    assert row["veredicto"] == "difiere" and "1.70" in row["motivo"]


@pytest.mark.parametrize(
    ("start", "mejora", "esperado"),
    [
        ("No se alcanzó la meta del monto", False, ("meta_no_alcanzada", (2022,), 2)),
        ("De 2021 a 2022 disminuyó", False, ("deterioro", (2021, 2022), 2)),
        ("Aumentó el porcentaje de concesiones", True, ("mejora", (2019, 2022), 2)),
        ("El porcentaje de unidades médicas", True, ("cambio_tendencia", (2021,), 0)),
        ("El porcentaje de otorgamiento del servicio", True, ("mejora", (2022,), 1)),
        (
            "El porcentaje de concesiones de pensión bajo el régimen de reparto",
            False,
            ("deterioro", (), 0),
        ),
    ],
)
def test_leer_enunciado_of_every_seed_statement(start, mejora, esperado):
    regla, anios, cifras = calc.leer_enunciado(_seed_sentence(start), mejora)
    assert (regla, anios, len(cifras)) == esperado
    for c in cifras:  # each figure as printed in the seed
        assert c in _seed_sentence(start)


def test_leer_enunciado_unknown_form():
    with pytest.raises(ValueError):
        calc.leer_enunciado("Algo pasó.", False)


def test_nd_values_are_noted_not_mixed_into_numbers(cli, tmp_path):
    d = tmp_path / "specs"
    d.mkdir()
    (d / "U001.yaml").write_text(
        SPEC_SEMAFORO.replace("2022: {meta: 95, valor: 94}", "2022: {meta: NA, valor: ND}"),
        encoding="utf-8",
    )
    rows = _json(cli("tendencias", "--specs", str(d), "-f", "json"))
    last = rows[-1]
    assert (last["anio"], last["meta"], last["valor"], last["nota"]) == (
        2022,
        None,
        None,
        "meta NA; valor ND",
    )
    # 96.02 → 60 → 40: two declines, no change of trend; the series moved against its sentido
    assert [r["direccion"] for r in rows] == [None, "empeora", "empeora", None]


DERIVADO = spec_derivado(
    "PD-PRUEBA",
    """\
      - id: "1.1"
        nombre: Porcentaje de unidades con mantenimiento
        sentido: ascendente
        unidad_medida: Porcentaje
        linea_base: {anio: 2019, valor: 40}
        meta_sexenal: 100
        valores: {2019: 40, 2020: 50, 2021: 60, 2022: 55}
""",
)


def test_trend_change_and_six_year_goal_at_risk_from_a_derived_spec(cli, tmp_path):
    spec = tmp_path / "PD-PRUEBA.yaml"
    spec.write_text(DERIVADO, encoding="utf-8")
    rows = _json(cli("tendencias", "--specs", str(spec), "-f", "json"))
    assert {r["cambio_tendencia"] for r in rows} == {"desde 2021: de alza a baja"}
    alerts = {r["regla"]: r for r in _json(cli("alertas", "--specs", str(spec), "-f", "json"))}
    assert set(alerts) == {"deterioro", "cambio_tendencia", "meta_sexenal_en_riesgo"}
    assert alerts["cambio_tendencia"]["enunciado"] == (
        "El porcentaje de unidades con mantenimiento cambió su tendencia desde 2021: aumentó "
        "de 40% en 2019 a 60% en 2021 y disminuyó a 55% en 2022."
    )
    # 40 in 2019 → 55 in 2022 is 5 a year: 65 in 2024, (65 − 40) / (100 − 40) = 41.67 %
    riesgo = alerts["meta_sexenal_en_riesgo"]
    assert riesgo["valor_hasta"] == pytest.approx(65)
    # the trend's start is the línea base, its year and its value (not the last value's)
    assert (riesgo["anio_desde"], riesgo["valor_desde"]) == (2019, 40)
    assert riesgo["avance_pct"] == pytest.approx(25 / 60 * 100)
    assert riesgo["cumplimiento_pct"] is None  # a projected progress is not a cumplimiento
    assert "41.67 %" in riesgo["enunciado"]


def test_methodology_without_the_alert_sections(cli, tmp_path, spec_semaforo):
    from issste_mon.metodologia import default_path

    text = open(default_path(), encoding="utf-8").read()
    met = tmp_path / "m.yaml"
    sin = text[: text.index("\nsemaforo_shcp:")] + text[text.index("\ndiagnostico:") :]
    met.write_text(sin, encoding="utf-8")
    r = cli("alertas", "--metodologia", str(met))
    assert r.code == 2 and "no define reglas de alertas" in r.err
    rows = _json(
        cli("cumplimiento", "--specs", str(spec_semaforo), "--metodologia", str(met), "-f", "json")
    )
    assert all(row["semaforo"] is None for row in rows)


def test_the_summary_counts_read_es_mx():
    filas = ["deterioro"] * 1234 + ["sin_informacion"]  # (each row's rule)
    assert consultas_alertas._resumen(filas, False) == (
        "1,235 alertas: deterioro 1,234, sin información 1."
    )
    assert consultas_alertas._resumen(filas, True) == "1,235 indicadores mejoraron."
    assert consultas_alertas._resumen(filas[:1], False) == "1 alerta: deterioro 1."


SPEC_META_CUMPLIDA_AMARILLA = """\
ramo: 51
clave: X001
nombre: x
mir:
  - id: A1
    nivel: Fin
    nombre: n
    sentido: {sentido}
    umbrales: {{verde: {verde}, amarillo: 0.31, rojo: {rojo}}}
    metas:
      2023: {{meta: 0.3, valor: 0.3}}
"""


@pytest.mark.parametrize(
    "sentido, verde, rojo, lado",
    [("ascendente", 0.33, 0.3, "por debajo"), ("descendente", 0.27, 0.3, "por encima")],
)
def test_a_met_meta_in_amarillo_is_not_said_unmet(cli, tmp_path, sentido, verde, rojo, lado):
    """Meta 0.30 and valor 0.30 (cumplimiento 100 %), semáforo Amarillo: the alert says the
    colour that raised it, and no sentence contradicts its own figures."""
    spec = SPEC_META_CUMPLIDA_AMARILLA.format(sentido=sentido, verde=verde, rojo=rojo)
    (tmp_path / "X001.yaml").write_text(spec, encoding="utf-8")
    rows = _json(cli("alertas", "--specs", str(tmp_path), "-r", "meta_no_alcanzada", "-f", "json"))
    (row,) = rows
    assert (row["cumplimiento_pct"], row["semaforo"]) == (100, "Amarillo")
    assert "No se alcanzó" not in row["enunciado"]
    assert row["enunciado"] == (
        f"El semáforo de SHCP del indicador «n» en 2023 es Amarillo: se logró 0.30, {lado} del "
        f"umbral verde de {verde:.2f} (meta: 0.30)."
    )


@pytest.mark.parametrize(
    ("delta", "sentido", "esperado"),
    [
        ("0.5", "ascendente", tendencias.SIN_CAMBIO),  # |Δ| = the threshold: no change
        ("-0.5", "descendente", tendencias.SIN_CAMBIO),
        ("0.5000000000000001", "ascendente", tendencias.MEJORA),
        ("-0.5000000000000001", "ascendente", tendencias.EMPEORA),
        ("0.5000000000000001", "descendente", tendencias.EMPEORA),
        ("-0.5000000000000001", "descendente", tendencias.MEJORA),
        ("0.6", "constante", tendencias.NO_APLICA),
    ],
)
def test_direccion_at_its_threshold(delta, sentido, esperado):
    """«sin cambio» while |Δ| ≤ the methodology's threshold, on exact decimals."""
    assert tendencias.direccion(Decimal(delta), sentido, Decimal("0.5")) == esperado


def test_period_errors_name_the_library_arguments(specs):
    """An analyst passed `anio_desde=`: the message names it, and no option of a command line
    the library knows nothing of (the CLI says its --anio-desde: test_cli_antes_de_cargar)."""
    import issste_mon as im

    with pytest.raises(im.EntradaInvalida) as e:
        im.tendencias(specs, anio_desde=2025, anio_hasta=2020)
    assert str(e.value) == (
        "el año inicial (2025; `anio_desde`) es posterior al final (2020; `anio_hasta`)"
    )
    with pytest.raises(im.EntradaInvalida) as e:
        im.alertas(specs, anio=2022, anio_hasta=2023)
    assert "(`anio`)" in str(e.value) and "`anio_desde`/`anio_hasta`" in str(e.value)
    assert "--" not in str(e.value)


def test_the_alerts_summary_names_what_it_counts_over(specs):
    """«23 alertas» of how many? The summary names the indicators the rules looked at and the
    years of their figures (those of `tendencias`), and the programs with populations."""
    import issste_mon as im
    from issste_mon.salida.numfmt import fmt_anios

    n = sum(len(p.mir) for p in specs.programas) + sum(
        len(d.indicadores()) for d in specs.derivados
    )
    anios = fmt_anios([f["anio"] for f in im.tendencias(specs).to_records()])
    con_poblaciones = sum(bool(p.poblaciones) for p in specs.programas)
    alertas = im.alertas(specs).resumen
    assert alertas[-1] == (
        f"Revisados: {n} indicadores ({anios}) y las poblaciones de {con_poblaciones} programas."
    )
    assert im.alertas(specs, mejoras=True).resumen[-1] == f"Revisados: {n} indicadores ({anios})."
    # the populations only where the rule on coverage is among those asked for
    assert (
        im.alertas(specs, reglas="deterioro").resumen[-1]
        == f"Revisados: {n} indicadores ({anios})."
    )


def test_a_year_the_specs_do_not_hold_is_no_data_not_an_alert_each(specs, cli):
    """`alertas --anio 1999` said «21 alertas: sin información» — every indicator «sin valores
    reportados, sin meta, sin línea base en 1999», years before any of the programs existed —
    with exit 0, where `tendencias` and `cumplimiento` say there is nothing for that year."""
    import issste_mon as im

    for kw, texto in (
        ({"anio": 1999}, "en 1999"),
        ({"anio_desde": 1990, "anio_hasta": 2000}, "de 1990 a 2000"),
        ({"anio_desde": 2100}, "desde 2100"),
    ):
        with pytest.raises(im.SinDatos) as e:
            im.alertas(specs, **kw)
        assert str(e.value) == (
            f"no hay indicadores ni poblaciones {texto} en las specs cargadas; años con "
            "indicadores o poblaciones en las specs: 2014–2017, 2019, 2021–2023"
        )
    r = cli("alertas", "--anio", "1999")
    assert r.code == 1 and "no hay indicadores ni poblaciones en 1999" in r.err
    assert r.out == ""
    # a year some indicator or population holds still gets its alerts, «sin información» of
    # the others included (that is what the rule says of them)
    tabla = im.alertas(specs, anio=2023)
    assert tabla.to_records() and tabla.resumen[1].startswith("Revisados:")


def test_the_summary_counts_the_populations_of_the_years_asked(specs):
    """«y las poblaciones de 3 programas» for 2023, where only 2 record one that year."""
    import issste_mon as im

    for anio in (2017, 2023):
        n = sum(any(pob.anio == anio for pob in p.poblaciones) for p in specs.programas)
        assert n  # (the bundled specs: E045 in 2017; E046 and E049 in 2023)
        esperado = f"y las poblaciones de {n} programa{'s' if n > 1 else ''}."
        assert im.alertas(specs, anio=anio).resumen[1].endswith(esperado)


def test_no_alert_of_a_program_outside_its_years(specs):
    """E048 and E049 begin in 2020 (E045 was split into them, domain.md) and PI-ISSSTE covers
    2020–2024: «sin información en 2017» of their indicators said they lacked what they could
    not have had; E045 ends in 2019, and «sin información en 2023» of it too. The summary says
    which were left out and why; a program without `inicio`/`fin` is always looked at (E043,
    E044). (E046 has no indicator: nothing to leave out.)"""
    import issste_mon as im

    def claves(**kw):
        tabla = im.alertas(specs, reglas="sin_informacion", **kw)
        return {r["clave"] for r in tabla.to_records()}

    vigencia = {p.clave: (p.inicio, p.fin) for p in [*specs.programas, *specs.derivados]}
    assert vigencia["E048"][0] == vigencia["E049"][0] == 2020 and vigencia["E045"] == (2016, 2019)
    for anio, fuera in ((2017, "E048, E049, PI-ISSSTE-2020-2024"), (2023, "E045")):
        assert not claves(anio=anio) & set(fuera.split(", "))
        assert {"E043", "E044"} <= claves(anio=anio)
        assert im.alertas(specs, anio=anio).resumen[-1] == (
            f"Fuera de su vigencia en {anio} (sin alerta «sin información»): {fuera}."
        )
    # every year at once: each program is looked at in its own years
    assert {"E045", "E048"} <= claves()
    assert not im.alertas(specs).resumen[-1].startswith("Fuera")
    # only where the rule is asked for
    assert not im.alertas(specs, anio=2017, reglas="deterioro").resumen[-1].startswith("Fuera")


def test_no_risk_to_a_goal_the_base_already_met(metodologia):
    """Ascendente, goal 80 below the base 90: 90 → 95 projects to 100 in 2024, which is «−100 %
    of the way» to 80 by the formula, yet meets the goal by the sentido: no alert, and why."""
    s = _serie({2021: 95}, origen="derivado", linea_base=LineaBase(2018, 90), meta_sexenal=80)
    assert calc.meta_sexenal(s, metodologia.alertas) == []
    razon = "la línea base (90) ya cumplía la meta sexenal (80), sentido ascendente"
    assert calc.proyeccion(s, 2024) == razon
    sin_evaluar = []  # said in the summary: no alert is not «no risk»
    assert calc.meta_sexenal(s, metodologia.alertas, sin_evaluar) == []
    assert [n.texto(metodologia) for n in sin_evaluar] == [f"X001 P1 ({razon})"]
    s.meta_sexenal = 120  # the goal where the sentido points: 100 of 120 is at risk
    (row,) = calc.meta_sexenal(s, metodologia.alertas)
    assert row["avance_pct"] == pytest.approx((100 - 90) / (120 - 90) * 100)


SIN_META_SEXENAL = spec_derivado(
    "PD-PRUEBA",
    """\
      - id: "1.1"
        nombre: Porcentaje de unidades con mantenimiento
        sentido: ascendente
        unidad_medida: Porcentaje
        linea_base: {anio: 2018, valor: 10}
        metas: {2024: 20}
        valores: {2021: 11}
""",
)


def test_sexenal_and_alertas_measure_against_the_same_meta_sexenal(cli, tmp_path):
    """Without `meta_sexenal`, `sexenal` takes the 2024 meta as the goal: `alertas` does too
    (it said «sin meta sexenal» and did not project), and both rows say where it comes from."""
    spec = tmp_path / "PD-PRUEBA.yaml"
    spec.write_text(SIN_META_SEXENAL, encoding="utf-8")
    (sex,) = _json(cli("sexenal", "--specs", str(spec), "-f", "json"))
    alerts = {r["regla"]: r for r in _json(cli("alertas", "--specs", str(spec), "-f", "json"))}
    assert "sin_informacion" not in alerts
    riesgo = alerts["meta_sexenal_en_riesgo"]
    assert riesgo["meta"] == sex["meta_sexenal"] == 20
    # 10 in 2018 → 11 in 2021 is 1/3 a year: 12 in 2024, (12 − 10) / (20 − 10) = 20 %
    assert riesgo["valor_hasta"] == pytest.approx(12)
    assert riesgo["avance_pct"] == pytest.approx(20)
    dicho = "meta sexenal: la meta 2024 de la spec (la spec no trae meta_sexenal)"
    assert dicho in riesgo["nota"] and dicho in sex["nota"]


def test_a_value_after_the_goal_year_is_not_projected_to_it(metodologia):
    """«llegaría a 95 en 2024 (en 2025 fue 95)» took 2025's value for 2024's: the projection
    runs from the línea base to the last value up to the goal year, and the goal year's own
    value is said as what it is, not as a projection."""
    r = metodologia.alertas
    anio = r.sexenal_anio_meta
    s = _serie({anio + 1: 95}, origen="derivado", linea_base=LineaBase(2018, 0), meta_sexenal=100)
    assert calc.proyeccion(s, anio) == f"sin valores hasta {anio}"
    assert calc.meta_sexenal(s, r) == []
    s = _serie(
        {2021: 30, anio + 1: 95}, origen="derivado", linea_base=LineaBase(2018, 0), meta_sexenal=100
    )
    (row,) = calc.meta_sexenal(s, r)  # 10 a year from 2018: 60 in 2024
    assert row["valor_hasta"] == 60 and "(en 2021 fue 30%)" in row["enunciado"]
    s = _serie({anio: 95}, origen="derivado", linea_base=LineaBase(2018, 0), meta_sexenal=100)
    (row,) = calc.meta_sexenal(s, r)
    assert row["enunciado"] == (
        f"En {anio}, el porcentaje de prueba fue 95%, lejos de su meta sexenal de 100%: avance "
        "de 95.00 %."
    )


META_MODIFICADA = """\
clave: E901
ramo: 51
nombre: Programa de prueba
mir:
  - id: P1
    nivel: Propósito
    nombre: Porcentaje de atención
    unidad_medida: Porcentaje
    sentido: ascendente
    linea_base: {anio: 2021, valor: 70}
    metas:
      2022: {meta: 80, meta_modificada: 100, valor: 85}
      2023: {meta: 100, meta_modificada: ND, valor: 85}
"""


def test_a_missed_meta_says_which_meta_as_cumplimiento_does(cli, tmp_path):
    """85 of the original meta 80 is met (106.25 %); of the modified 100 it is missed. The alert
    said «se tenía una meta de 100» with no word of which meta; `cumplimiento` says it."""
    (tmp_path / "E901.yaml").write_text(META_MODIFICADA, encoding="utf-8")
    cump = {
        f["anio"]: f for f in _json(cli("cumplimiento", "--specs", str(tmp_path), "-f", "json"))
    }
    alertas = _json(
        cli("alertas", "--specs", str(tmp_path), "-r", "meta_no_alcanzada", "-f", "json")
    )
    assert [a["anio_hasta"] for a in alertas] == [2022, 2023]
    for a in alertas:
        assert a["meta"] == cump[a["anio_hasta"]]["meta"] == 100
        assert a["nota"] == cump[a["anio_hasta"]]["nota"]  # «meta modificada (la original: 80)»
    # (and, the bundled methodology marking that choice supuesto, what the alert rests on)
    assert alertas[0]["nota"].startswith("meta modificada (la original: 80)")


SIN_COCIENTE = """\
clave: E904
ramo: 51
nombre: Programa de prueba
mir:
  - id: P1
    nivel: Propósito
    nombre: Tasa de variación de afiliados
    sentido: ascendente
    linea_base: {anio: 2015, valor: -1}
    metas:
      2016: {meta: -5, valor: -8}
      2017: {meta: 0, valor: -3}
      2018: {meta: 5, valor: 4}
"""


def test_a_meta_it_cannot_judge_is_said_not_taken_as_met(cli, tmp_path, metodologia):
    """Ascendente, meta −5 and valor −8 (worse), meta 0 and valor −3: no cumplimiento can be
    computed (`cumplimiento` says why), so «meta no alcanzada» neither fired nor said it could
    not judge them: silence over a year that missed its meta. The summary names them."""
    (tmp_path / "E904.yaml").write_text(SIN_COCIENTE, encoding="utf-8")
    cump = {
        f["anio"]: f for f in _json(cli("cumplimiento", "--specs", str(tmp_path), "-f", "json"))
    }
    sin = [a for a in sorted(cump) if cump[a]["cumplimiento_pct"] is None]
    assert sin == [2016, 2017]
    r = cli("alertas", "--specs", str(tmp_path), "-r", "meta_no_alcanzada", "-f", "json")
    # 2018's 80 % alerts; of 2016 and 2017 it said nothing, as if their metas were met
    assert [a["anio_hasta"] for a in _json(r)] == [2018]
    r = cli("alertas", "--specs", str(tmp_path), "-f", "csv")
    linea = next(x for x in r.err.splitlines() if x.startswith("Sin evaluar «meta no alcanzada»"))
    for anio in sin:
        assert f"E904 P1 {anio} ({cump[anio]['nota']})" in linea
    # every rule asked but this one: nothing to say of it
    r = cli("alertas", "--specs", str(tmp_path), "-r", "deterioro", "-f", "csv")
    assert "Sin evaluar" not in r.err


def test_a_goal_it_cannot_project_is_named_in_the_summary(cli, tmp_path):
    """Línea base, meta sexenal and values are all there, but no projection can be made (meta
    sexenal equal to the base, or met at the base by the sentido): «meta sexenal en riesgo»
    said nothing, and «sin información» has nothing to say either. The summary names them;
    what «sin información» already says (no línea base) is not repeated."""
    spec = spec_derivado(
        "PD-PRUEBA",
        """\
      - id: "1.1"
        nombre: Porcentaje igual
        sentido: ascendente
        linea_base: {anio: 2018, valor: 50}
        meta_sexenal: 50
        valores: {2021: 40}
      - id: "1.2"
        nombre: Porcentaje ya cumplido
        sentido: descendente
        linea_base: {anio: 2018, valor: 10}
        meta_sexenal: 20
        valores: {2021: 15}
      - id: "1.3"
        nombre: Porcentaje sin base
        sentido: ascendente
        meta_sexenal: 20
        valores: {2021: 15}
""",
    )
    (tmp_path / "PD-PRUEBA.yaml").write_text(spec, encoding="utf-8")
    r = cli("alertas", "--specs", str(tmp_path), "-f", "csv")
    assert r.code == 0, r.err
    (linea,) = [x for x in r.err.splitlines() if x.startswith("Sin evaluar «meta sexenal")]
    assert "PD-PRUEBA 1.1 (meta sexenal igual a la línea base)" in linea
    assert "PD-PRUEBA 1.2 (la línea base (10) ya cumplía la meta sexenal (20), sentido" in linea
    assert "1.3" not in linea  # (its «sin información» alert says «sin línea base»)
    filas = list(csv.DictReader(io.StringIO(r.out)))
    assert [(f["id"], f["regla"]) for f in filas] == [("1.3", "sin_informacion")]


def test_cifras_las_mismas_de_la_primera_vez_y_de_las_siguientes():
    """`cifras` keeps what it prints of each value at the first try (`_primera`): a value
    met again prints as it did, whole beside whole, at 2 decimals beside one with decimals,
    and a zero prints as one whichever its sign, before or after the other (numfmt: no «-0»)."""
    d = Decimal
    for _ in range(2):  # (the second round reads what the first kept)
        assert calc.cifras(d("0"), d("3")) == ["0", "3"]
        assert calc.cifras(d("-0.0"), d("3")) == ["0", "3"]
        assert calc.cifras(d("12"), d("2.5")) == ["12.00", "2.50"]
        assert calc.cifras(d("12.0"), d("1234567")) == ["12", "1,234,567"]
        assert calc.cifras(d("1234567"), d("0.5"), pct=True) == ["1,234,567.00%", "0.50%"]
        assert calc.cifras(d("-0"), d("0.25")) == ["0.00", "0.25"]
        # beyond 2 decimals the first try is not the answer: the order decides (issue 14)
        assert calc.cifras(d("0.1"), d("0.1000001")) == ["0.1000000", "0.1000001"]
        assert calc.cifras(d("2.50"), d("2.004")) == ["2.50", "2.00"]
