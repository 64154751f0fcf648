"""Issue 14: every published-style figure is computed and classified on exact decimals.

The acceptance cases go through real specs and the CLI; the edge cases walk every cut point of
every band of the bundled methodology (read from the file, not copied here) at the edge, just
below and just above it.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, localcontext

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from issste_mon.calc import cumplimiento, ised, monitoreo, sexenal
from issste_mon.calc.base import CONTEXTO
from issste_mon.calc.cobertura import calcular_cobertura
from issste_mon.modelo import (
    IndicadorDerivado,
    LineaBase,
    Objetivo,
    Poblacion,
    Programa,
    ProgramaDerivado,
)

EPS = Decimal("0.000001")  # far above float noise (~1e-14 here), far below any printed digit


def _spec(tmp_path, meta: str, valor: str, pa: str = "3", po: str = "3"):
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        f"poblaciones:\n  2023: {{unidad_medida: Personas, potencial: 10, objetivo: {po}, "
        f"atendida: {pa}}}\n"
        "mir:\n  - id: P1\n    nivel: Propósito\n    nombre: Indicador\n"
        f"    sentido: ascendente\n    metas:\n      2023: {{meta: {meta}, valor: {valor}}}\n",
        encoding="utf-8",
    )
    return str(tmp_path)


@pytest.mark.parametrize(
    "meta,valor,json_pct,impreso,rango",
    [
        ("50", "55", 110, "110.00 %", "Adecuado"),  # float: 110.00000000000001 → Alto
        ("50", "55.01", 110.02, "110.02 %", "Alto"),
        ("200", "179.79", 89.895, "89.90 %", "Bajo"),  # prints 89.90, exact value below 90
        ("50", "45", 90, "90.00 %", "Adecuado"),
    ],
)
def test_acceptance_band_edges_through_a_spec(cli, tmp_path, meta, valor, json_pct, impreso, rango):
    specs = _spec(tmp_path, meta, valor)
    (row,) = json.loads(cli("cumplimiento", "--specs", specs, "-f", "json").out)
    assert row["cumplimiento_pct"] == json_pct and row["rango"] == rango
    assert type(row["cumplimiento_pct"]) is type(json_pct)  # 110, not 110.0
    (fila,) = csv.DictReader(io.StringIO(cli("cumplimiento", "--specs", specs, "-f", "csv").out))
    assert fila["cumplimiento_pct"] == str(json_pct) and fila["rango"] == rango
    md = cli("cumplimiento", "--specs", specs, "-f", "markdown").out
    assert f" {impreso} |" in md and f"| {rango} " in md


def test_average_is_exact_too(cli, tmp_path):
    specs = _spec(tmp_path, "50", "55")
    err = cli("cumplimiento", "--specs", specs, "-f", "csv").err
    assert "Promedio de cumplimiento: 110.00 %" in err and "Adecuado 1, Alto 0" in err


# --- every cut point of every band -----------------------------------------------------------


def _alrededor(corte) -> list[tuple[str, Decimal]]:
    c = Decimal(repr(corte)) if isinstance(corte, float) else Decimal(corte)
    return [("en", c), ("debajo", c - EPS), ("encima", c + EPS)]


def test_rango_at_below_and_above_each_edge(metodologia):
    e = metodologia.etiquetas_rango
    lo, hi = metodologia.rango_inferior, metodologia.rango_superior
    esperado = {
        (lo, "en"): e["adecuado"],
        (lo, "debajo"): e["bajo"],
        (lo, "encima"): e["adecuado"],
        (hi, "en"): e["adecuado"],
        (hi, "debajo"): e["adecuado"],
        (hi, "encima"): e["alto"],
    }
    for corte in (lo, hi):
        for donde, pct in _alrededor(corte):
            # valor / 200 × 100 = pct exactly, with valor written as decimal text in a spec
            meta, valor = 200.0, float(pct * 2)
            calc = cumplimiento.cumplimiento_exacto(meta, valor, "ascendente")
            assert calc == pct
            assert cumplimiento.rango(calc, metodologia) == esperado[corte, donde], (corte, donde)
            df = cumplimiento.evaluar(
                cumplimiento.frame([_programa_mir(meta, valor)], 2023, None, metodologia),
                metodologia,
            )
            assert df["rango"].item() == esperado[corte, donde], (corte, donde)


def _programa_mir(meta: float, valor: float) -> Programa:
    from issste_mon.modelo import Indicador, MetaAnual

    ind = Indicador(id="P1", nivel="Propósito", nombre="x", sentido="ascendente")
    ind.metas[2023] = MetaAnual(2023, meta=meta, valor=valor)
    return Programa(clave="E999", ramo=51, nombre="x", archivo="<prueba>", mir=[ind])


@pytest.mark.parametrize("indice", ["inmonitoreo", "ised"])
def test_level_bands_at_below_and_above_each_edge(metodologia, indice):
    bandas = getattr(metodologia, indice)
    nivel = monitoreo.nivel if indice == "inmonitoreo" else ised.nivel
    for i, banda in enumerate(bandas):
        for donde, x in _alrededor(banda.desde):
            got = nivel(float(x), metodologia)  # a valoración as typed in a spec
            if donde == "debajo":
                assert got == (bandas[i - 1].etiqueta if i else None), (banda, donde)
            else:
                assert got == banda.etiqueta, (banda, donde)


def test_inmonitoreo_is_exact(specs, metodologia):
    rows = monitoreo.calcular_monitoreo(
        specs.programas, 2024, metodologia=metodologia, dependencias=specs.dependencias
    )
    (inm,) = [r for r in rows if r["ambito"] == "InMonitoreo"]
    vals = [Decimal(repr(r["valoracion"])) for r in rows if r["ambito"] == "programa"]
    (sub,) = [Decimal(repr(r["valoracion"])) for r in rows if r["ambito"].startswith("subí")]
    with localcontext(CONTEXTO):  # 0.56111…, 50 digits without binary noise
        esperado = (sum(vals) / len(vals) + sub) / 2
    assert abs(inm["valoracion"] - esperado) < Decimal("1e-45")


def test_cobertura_over_100_flag_at_below_and_above_100(metodologia):
    corte = metodologia.cobertura_alerta_mayor_a
    for donde, pct in _alrededor(corte):
        po = 3.0
        pa = float(pct * 3 / 100)
        p = Programa(clave="E999", ramo=51, nombre="x", archivo="<prueba>")
        p.poblaciones.append(Poblacion(2023, "Personas", None, 10.0, po, pa))
        (row,), _ = calcular_cobertura([p], 2023, metodologia=metodologia)
        assert row["cobertura_pct"] == pct
        assert row["mayor_100"] is (donde == "encima"), donde


def _derivado_fila(metodologia, valor: float, meta_int: float) -> dict:
    ind = IndicadorDerivado(
        id="x",
        nombre="x",
        sentido="ascendente",
        enfoque="Gestión",
        linea_base=LineaBase(2018, 0.0),
        meta_sexenal=100.0,
    )
    ind.valores[2021] = valor
    ind.metas[2021] = meta_int
    obj = Objetivo(id="1", texto="x", enfoque="Resultados")
    obj.indicadores.append(ind)
    d = ProgramaDerivado(clave="PD", nombre="x", archivo="<prueba>", objetivos=[obj])
    (row,) = sexenal.calcular_sexenal(d, metodologia=metodologia)
    return row


def test_six_year_categories_at_below_and_above_each_edge(metodologia):
    # LB 0, meta sexenal 100, intermediate goal 40 → E = 40 %; A = valor; r = valor / 40.
    for regla in metodologia.sexenal.categorias:
        if regla.medida is None:
            continue
        for donde, x in _alrededor(regla.umbral):
            valor = x if regla.medida == "avance" else x * 40
            row = _derivado_fila(metodologia, float(valor), 40.0)
            medida = row["avance_pct"] if regla.medida == "avance" else row["avance_pct"] / 40
            assert medida == x
            cumple = donde == "encima" or (donde == "en" and not regla.estricta)
            if cumple:  # an earlier rule may hold too; the category is never a later one
                orden = [r.categoria for r in metodologia.sexenal.categorias]
                assert orden.index(row["avance_sexenal"]) <= orden.index(regla.categoria)
            else:
                assert row["avance_sexenal"] != regla.categoria, (regla, donde)


def test_publicado_and_calculado_written_alike(cli):
    """Point 6: E045 prints «114%»; verificar shows «114 %» beside the computed «114 %» and
    keeps the printed text in publicado_texto."""
    md = cli("verificar", "E045", "-f", "markdown").out
    (fila,) = [line for line in md.splitlines() if "Cumplimiento P1 (Propósito) 2017" in line]
    celdas = [c.strip() for c in fila.strip("|").split("|")]
    i = celdas.index("Cumplimiento P1 (Propósito) 2017")
    assert celdas[i + 1] == celdas[i + 2] == "114 %"
    filas = json.loads(cli("verificar", "E045", "-f", "json").out)
    (cum,) = [f for f in filas if f["cifra"] == "Cumplimiento P1 (Propósito) 2017"]
    assert cum["publicado_texto"] == "114%" and cum["publicado"] == cum["calculado"] == "114 %"
    # categories are left as printed (E049: «Básico»)
    niveles = [
        f for f in json.loads(cli("verificar", "E049", "-f", "json").out) if "Nivel" in f["cifra"]
    ]
    assert niveles and all(f["publicado"] == f["publicado_texto"] for f in niveles)


_CIFRA = st.one_of(
    st.integers(-1000, 10**7).map(float),
    st.decimals(min_value=-1000, max_value=10**6, places=3, allow_nan=False).map(
        lambda d: float(str(d))
    ),
    st.sampled_from([0.0, 0.5, 45.0, 50.0, 55.0, 55.01, 179.79, 200.0, 543.35, 622.06]),
)


@settings(max_examples=300, deadline=None)
@given(
    pares=st.lists(
        st.tuples(
            _CIFRA,
            st.one_of(
                _CIFRA,
                st.sampled_from(["90", "110", "100", "89.995", "110.005", "90.0001", "109.9999"]),
            ),
            st.sampled_from(["ascendente", "descendente", "constante"]),
        ),
        min_size=1,
        max_size=20,
    ),
    espejo=st.booleans(),
    finos=st.booleans(),
)
@example(pares=[(3.0, 2.6968499999999, "ascendente")], espejo=False, finos=False)  # 89.894999…
# A methodology whose cuts have 4 decimals: 9.00001 / 10 is exactly its 90.0001, Adecuado, but
# the float quotient is 90.00009999999999, below the float cut, and its 10 decimals look clean
@example(
    pares=[(10.0, "90.0001", "ascendente"), (30.0, "109.9999", "ascendente")],
    espejo=False,
    finos=True,
)
# 199.99549999995…: its clean 10-decimal value 199.9955 is a tie at 3 decimals (199.996 ≠ 199.995)
@example(pares=[(999999.99, 45.0, "descendente")], espejo=True, finos=False)
@example(
    pares=[(50.0, 55.0, "ascendente"), (200.0, 179.79, "constante")], espejo=False, finos=False
)
def test_frame_shortcut_agrees_with_exact_computation(metodologia, pares, espejo, finos):
    """`evaluar` settles most rows with floats; every row must equal the exact computation:
    the machine number, the rango and the printed figure at 0–3 decimals."""
    from issste_mon.modelo import Indicador, MetaAnual
    from issste_mon.salida.numfmt import round_half_up
    from issste_mon.salida.tabla import numero_maquina

    m = metodologia.con(formula_descendente="espejo") if espejo else metodologia
    if finos:  # cuts are data: one with more decimals than the float shortcut's clean values
        m = m.con(rango_inferior=90.0001, rango_superior=109.9999)
    p = Programa(clave="E999", ramo=51, nombre="x", archivo="<prueba>")
    filas = []
    for i, (meta, valor, sentido) in enumerate(pares):
        if isinstance(valor, str):  # a valor that puts the row exactly on a band's edge
            valor = float(Decimal(repr(meta)) * Decimal(valor) / 100) if meta else 1.0
        ind = Indicador(id=f"I{i}", nivel="Propósito", nombre="x", sentido=sentido)
        ind.metas[2023] = MetaAnual(2023, meta=meta, valor=valor)
        p.mir.append(ind)
        filas.append((meta, valor, sentido))
    df = cumplimiento.evaluar(cumplimiento.frame([p], 2023, None, m), m)
    todos = [cumplimiento.cumplimiento_exacto(*f, m.formula_descendente) for f in filas]
    todos = [x for x in todos if x is not None]
    promedio = cumplimiento.resumir(df, m).promedio
    if todos:  # each row enters at 10 decimals at worst
        assert abs(promedio - sum(todos) / len(todos)) <= Decimal("5e-11")
    else:
        assert promedio is None
    for (meta, valor, sentido), pct, exacto, rango in zip(
        filas, df["cumplimiento_pct"], df["cumplimiento_exacto"], df["rango"], strict=True
    ):
        x = cumplimiento.cumplimiento_exacto(meta, valor, sentido, m.formula_descendente)
        if x is None:
            assert pct != pct and rango is None
            continue
        assert pct == float(numero_maquina(x)), (meta, valor, sentido)
        assert rango == cumplimiento.rango(x, m), (meta, valor, sentido)
        visto = exacto if exacto is not None else pct
        for k in range(4):
            assert round_half_up(visto, k) == round_half_up(x, k), (meta, valor, k)


@pytest.mark.parametrize("prec", [3, 28, 60])
def test_rounding_for_print_does_not_depend_on_the_callers_decimal_context(prec):
    """A program that embeds the library may narrow or widen its own decimal context: the
    printed figures are the same (half away from zero, at the printed precision)."""
    from issste_mon.salida.numfmt import fmt_number, round_half_up, truncate

    with localcontext() as ctx:
        ctx.prec = prec
        assert fmt_number(Decimal("14756441.5"), 0) == "14,756,442"
        assert fmt_number(94.895, 2) == "94.90"
        assert (
            str(round_half_up(Decimal("6.4e37"), 2)) == "64000000000000000000000000000000000000.00"
        )
        assert str(truncate(Decimal("-2.719"), 2)) == "-2.71"


GRANDES = """\
clave: E100
nombre: Prueba
ramo: 51
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador
    sentido: ascendente
    metas:
      2021: {meta: 50, valor: 0}
      2022: {meta: 9007199254740993, valor: 9007199254740993}
      2023: {meta: 9007199254740992, valor: 9907919180215092}
"""


@pytest.mark.parametrize("extra", [[], ["--sin-cache"], ["--anio", "2022"]])
def test_integers_beyond_2_53_are_written_and_computed_as_the_spec_gives_them(cli, tmp_path, extra):
    """A float does not hold every integer beyond 2⁵³ (9007199254740993 would be …992): such
    rows are written with the spec's numbers and computed exactly from them — 9907919180215092
    / 9007199254740992 is 110.00000000000000888… %: «Alto», not the float's 110 — and written
    as the double nearest it (110.00000000000001), not its 10 decimals (110, beside «Alto»)."""
    import json

    spec = tmp_path / "E100.yaml"
    spec.write_text(GRANDES, encoding="utf-8")
    rows = json.loads(cli("cumplimiento", "--specs", str(spec), "-f", "json", *extra).out)
    por_anio = {r["anio"]: (r["meta"], r["valor"], r["cumplimiento_pct"], r["rango"]) for r in rows}
    assert por_anio[2022] == (9007199254740993, 9007199254740993, 100, "Adecuado")
    if not extra or extra[0] != "--anio":
        assert por_anio[2023] == (9007199254740992, 9907919180215092, 110.00000000000001, "Alto")
    t = json.loads(cli("tendencias", "--specs", str(spec), "-f", "json", *extra).out)
    assert {r["anio"]: (r["meta"], r["valor"]) for r in t}[2022] == (9007199254740993,) * 2


def test_the_frame_keeps_integers_beyond_2_53(tmp_path):
    from issste_mon import cargar

    spec = tmp_path / "E100.yaml"
    spec.write_text(GRANDES, encoding="utf-8")
    from issste_mon.metodologia import load

    df = cumplimiento.calcular_cumplimiento(cargar(str(spec)).programas, metodologia=load())
    fila = df.set_index("anio").loc[2023]
    assert (fila["meta"], fila["valor"], fila["rango"]) == (
        9007199254740992,
        9907919180215092,
        "Alto",
    )
    assert fila["cumplimiento_exacto"] > 110
