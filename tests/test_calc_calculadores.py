"""Calculators against the figures CONEVAL publishes, at the published rounding, and hard cases."""

from __future__ import annotations

import math

import pytest

from issste_mon import metodologia as methodology
from issste_mon.calc import cobertura, cumplimiento, monitoreo, presupuesto
from issste_mon.claves import seleccionar
from issste_mon.modelo import Faltante, Poblacion, Programa
from issste_mon.salida.numfmt import fmt_pct, parse_publicado, round_half_up


def pub(text: str, x: float) -> bool:
    """Does x, rounded half-up at the printed precision, equal the printed figure?"""
    return parse_publicado(text).matches(x)


def one(specs, clave):
    return seleccionar(specs.programas, [clave])


# --- published figures (seeds 001, 002, 003) ---------------------------------------------------


def test_e045_cobertura_2017_and_po_pp(specs):
    rows, avisos = cobertura.calcular_cobertura(one(specs, "E045"), 2017)
    (row,) = rows
    assert fmt_pct(row["cobertura_pct"]) == "94.90 %"  # seed 001
    assert fmt_pct(row["po_pp_pct"]) == "5.32 %"
    assert avisos == []


def test_e045_proposito_avance_2017(specs, metodologia):
    df = cumplimiento.evaluar(
        cumplimiento.frame(one(specs, "E045"), 2017, "Propósito"), metodologia
    )
    assert pub("114%", df["cumplimiento_pct"].item())
    assert df["rango"].item() == "Alto"


def test_e048_cumplimiento_2023(specs, metodologia):
    df = cumplimiento.evaluar(cumplimiento.frame(one(specs, "E048"), 2023), metodologia)
    assert pub("95%", df["cumplimiento_pct"].item())
    assert df["rango"].item() == "Adecuado"


def test_e045_budget_share(specs):
    rows = {
        r["anio"]: r["porcentaje_ramo"]
        for r in presupuesto.calcular_presupuesto(one(specs, "E045"))
    }
    assert fmt_pct(rows[2016]) == "1.27 %" and fmt_pct(rows[2017]) == "1.17 %"


@pytest.mark.parametrize(
    "clave,valoracion,nivel",
    [
        ("E044", "0.975", "Adecuado"),
        ("E043", "0.674", "Medio"),
        ("E036", "0.620", "Medio"),
        ("E048", "0.573", "Medio"),
        ("E018", "0.547", "Medio"),
        ("E042", "0.515", "Básico"),
        ("E049", "0.472", "Básico"),
        ("E046", "0.433", "Básico"),
        ("E015", "0.341", "Básico"),
    ],
)
def test_nine_program_monitoring_levels(specs, metodologia, clave, valoracion, nivel):
    (prog,) = one(specs, clave)
    (m,) = [m for m in prog.monitoreo if m.anio == 2024]
    assert f"{m.valoracion:.3f}" == valoracion  # transcribed as printed in Anexo 1
    assert monitoreo.nivel(m.valoracion, metodologia) == nivel
    assert m.publicado["nivel"] == nivel  # the spec's publicado agrees with seed 002


def test_dependency_subindice_inmonitoreo_and_level(specs, metodologia):
    rows = monitoreo.calcular_monitoreo(
        specs.programas, 2024, metodologia=metodologia, dependencias=specs.dependencias
    )
    dep = {r["ambito"]: r for r in rows if r["clave"] == "ISSSTE"}
    assert dep["subíndice dependencia"]["nivel"] == "Medio"  # Anexo 2: 0.550 Medio
    inm = dep["InMonitoreo"]
    assert str(round_half_up(inm["valoracion"], 3)) == "0.561"  # computed, not copied
    assert inm["nivel"] == "Medio" and inm["lugar"] == "11 de 15"
    assert "calculado de 9 programas" in inm["nota"]


def _inmonitoreo(specs, metodologia, programas, dep=None):
    dep = dep or specs.dependencias[0]
    rows = monitoreo.calcular_monitoreo(
        programas, 2024, metodologia=metodologia, dependencias=[dep]
    )
    return next(r for r in rows if r["ambito"] == "InMonitoreo")


def test_inmonitoreo_is_not_a_mean_of_fewer_programs(specs, metodologia):
    """A program of `programas_sociales` not loaded: the mean of the other 8 (0.576) is not
    CONEVAL's figure: the recorded 0.561 is shown, and the nota names the missing program."""
    sin_e015 = [p for p in specs.programas if p.clave != "E015"]
    inm = _inmonitoreo(specs, metodologia, sin_e015)
    assert str(round_half_up(inm["valoracion"], 3)) == "0.561"  # the spec's, not 0.576
    assert inm["nota"].startswith("valor de la spec")
    assert "1 de sus 9 programas: E015 (sin spec cargada)" in inm["nota"]
    # without a recorded value: not computable, never a partial mean
    import dataclasses

    dep = specs.dependencias[0]
    m = dataclasses.replace(dep.monitoreo[0], inmonitoreo=None)
    inm = _inmonitoreo(specs, metodologia, sin_e015, dataclasses.replace(dep, monitoreo=[m]))
    assert inm["valoracion"] is None and inm["nivel"] is None
    assert inm["nota"].startswith("no calculable: sin valoración 2024 de 1 de sus 9")


def test_inmonitoreo_names_a_valoracion_nd_and_ignores_programs_outside_the_list(
    specs, metodologia
):
    import dataclasses

    programas = []
    for p in specs.programas:
        if p.clave == "E046":  # its 2024 valoración becomes ND
            mon = [dataclasses.replace(m, valoracion=Faltante("ND")) for m in p.monitoreo]
            p = dataclasses.replace(p, monitoreo=mon)
        programas.append(p)
    inm = _inmonitoreo(specs, metodologia, programas)
    assert "E046 (valoración ND)" in inm["nota"]
    # a program of the ramo that is not in the year's list does not enter the mean
    extra = dataclasses.replace(one(specs, "E045")[0], clave="E999")
    extra.monitoreo = [dataclasses.replace(specs.programas[0].monitoreo[0], valoracion=0.0)]
    assert extra.monitoreo[0].anio == 2024
    inm = _inmonitoreo(specs, metodologia, [*specs.programas, extra])
    assert str(round_half_up(inm["valoracion"], 3)) == "0.561"
    assert "calculado de 9 programas (los de programas_sociales 2024)" in inm["nota"]


# --- hard cases ---------------------------------------------------------------------------------


def test_descending_under_both_formulas(metodologia):
    inv = cumplimiento.cumplimiento_pct(13, 10, "descendente", "inversa")
    mirror = cumplimiento.cumplimiento_pct(13, 10, "descendente", "espejo")
    assert pub("130%", inv) and pub("123.1 %", mirror)
    espejo = metodologia.con(formula_descendente="espejo")
    assert cumplimiento.rango(mirror, espejo) == "Alto"


def test_e044_follows_methodology_switch(specs, metodologia):
    frame = cumplimiento.frame(one(specs, "E044"), 2023)
    inv = cumplimiento.evaluar(frame, metodologia)["cumplimiento_pct"].item()
    mir = cumplimiento.evaluar(frame, metodologia.con(formula_descendente="espejo"))
    assert pub("130%", inv) and pub("123.1 %", mir["cumplimiento_pct"].item())


@pytest.mark.parametrize(
    "meta,valor,sentido",
    [
        (0, 5, "ascendente"),
        (0, 5, "descendente"),
        (5, 0, "descendente"),
        (math.nan, 5, "ascendente"),
        (5, math.nan, "constante"),
    ],
)
def test_not_computable_is_nan_never_zero_or_crash(meta, valor, sentido):
    assert math.isnan(cumplimiento.cumplimiento_pct(meta, valor, sentido))


def test_constante_uses_direct_formula():
    assert cumplimiento.cumplimiento_pct(50, 55, "constante") == pytest.approx(110.0)


@pytest.mark.parametrize(
    "pct,rango", [(89.99, "Bajo"), (90.0, "Adecuado"), (110.0, "Adecuado"), (110.0001, "Alto")]
)
def test_band_bounds_are_inclusive(metodologia, pct, rango):
    assert cumplimiento.rango(pct, metodologia) == rango


def test_band_bounds_come_from_the_methodology_file(tmp_path, metodologia):
    text = open(methodology.default_path(), encoding="utf-8").read()
    path = tmp_path / "m.yaml"
    # (the alerts' «meta no alcanzada» with it: it is the rango Bajo)
    text = text.replace("inferior: 90", "inferior: 95").replace("menor_a: 90 ", "menor_a: 95 ")
    path.write_text(text, encoding="utf-8")
    assert cumplimiento.rango(92, methodology.load(str(path))) == "Bajo"
    assert cumplimiento.rango(92, metodologia) == "Adecuado"


def test_rounding_tie_goes_half_up():
    assert str(round_half_up(94.895, 2)) == "94.90"  # round() would give 94.89 (binary float)
    assert str(round_half_up(0.5, 0)) == "1" and str(round_half_up(2.5, 0)) == "3"
    assert str(round_half_up(-2.5, 0)) == "-3"  # away from zero
    assert pub("1.17 %", 1.165) and not pub("1.16 %", 1.165)


def test_nd_na_values_give_a_nota_not_a_number(metodologia):
    prog = Programa(clave="E999", ramo=51, nombre="x", archivo="x.yaml")
    from issste_mon.modelo import Indicador, MetaAnual

    prog.mir = [
        Indicador(
            id="P1",
            nivel="Propósito",
            nombre="i",
            sentido="ascendente",
            metas={
                2020: MetaAnual(2020, meta=Faltante.ND, valor=5),
                2021: MetaAnual(2021, meta=10, valor=Faltante.NA),
                2022: MetaAnual(2022, meta=0, valor=3),
                2023: MetaAnual(2023, meta=10, valor=None),
            },
        )
    ]
    df = cumplimiento.evaluar(cumplimiento.frame([prog]), metodologia)
    assert df["cumplimiento_pct"].isna().all()
    assert list(df["nota"]) == [
        "meta ND",
        "valor NA",
        "meta = 0: no calculable",
        "sin valor en la spec",
    ]
    assert df["rango"].isna().all()


def _comp(nombre, unidad, pp, po, pa):
    return Poblacion(2018, unidad, nombre, pp, po, pa)


def _prog(*poblaciones, clave="E999"):
    return Programa(
        clave=clave, ramo=51, nombre="x", archivo="x.yaml", poblaciones=list(poblaciones)
    )


def test_components_with_different_units_get_no_total():
    prog = _prog(
        _comp("Estancias", "Niños y niñas", 2000000, 30000, 27000),
        _comp("Préstamos", "Personas", 4000000, 700000, Faltante.ND),
        clave="E045",
    )
    rows, avisos = cobertura.calcular_cobertura([prog])
    assert [r["componente"] for r in rows] == ["Estancias", "Préstamos"]
    assert fmt_pct(rows[0]["cobertura_pct"]) == "90.00 %"
    assert rows[1]["cobertura_pct"] is None and "PA ND" in rows[1]["nota"]
    assert len(avisos) == 1 and "unidades de medida distintas" in avisos[0]


def test_components_with_one_unit_get_a_total_with_a_warning():
    prog = _prog(_comp("A", "Personas", 100, 50, 40), _comp("B", "personas", 300, 50, 60))
    rows, _ = cobertura.calcular_cobertura([prog])
    total = rows[-1]
    assert total["componente"] is None and total["objetivo"] == 100 and total["atendida"] == 100
    assert "una persona puede contarse en varios componentes" in total["nota"]


def test_a_total_without_a_sum_names_the_component_and_its_state():
    nd, na = Faltante.ND, Faltante.NA
    prog = _prog(_comp("A", "Personas", 1000, 100, 70), _comp("B", "Personas", nd, 200, na))
    rows, _ = cobertura.calcular_cobertura([prog])
    total = rows[-1]
    assert total["componente"] is None and total["potencial"] is None
    assert "PA no está en la spec" not in total["nota"]
    assert "cobertura no calculable: PA NA en el componente B" in total["nota"]
    # the blank PP (and with it PO/PP) is explained too
    assert "PO/PP no calculable: PP ND en el componente B" in total["nota"]
    assert "PO/PP no calculable: PP ND" in rows[1]["nota"]


def test_a_total_names_every_component_without_a_number():
    prog = _prog(
        _comp("A", "Personas", 10, 10, None),
        _comp("B", "Personas", 10, Faltante.ND, None),
        _comp("C", "Personas", 10, 10, None),
    )
    total = cobertura.calcular_cobertura([prog])[0][-1]
    assert (
        "cobertura no calculable: PO ND en el componente B y PA no está en la spec en los "
        "componentes A, B y C"
    ) in total["nota"]


def test_coverage_over_100_is_shown_and_flagged_not_capped():
    prog = _prog(Poblacion(2017, "Personas", None, 1000, 100, 130), clave="E036")
    (row,), _ = cobertura.calcular_cobertura([prog])
    assert row["cobertura_pct"] == pytest.approx(130.0)
    assert row["mayor_100"] is True and "mayor a 100" in row["nota"]


def test_missing_po_is_not_computable_and_cites_the_published_figure(specs):
    rows, _ = cobertura.calcular_cobertura(one(specs, "E046"), 2023)
    (row,) = rows
    assert row["atendida"] == 45168 and row["cobertura_pct"] is None
    assert "PO no está en la spec" in row["nota"] and "24%" in row["nota"]


def test_inmonitoreo_weights_are_data(metodologia):
    vals = [0.975, 0.674, 0.620, 0.573, 0.547, 0.515, 0.472, 0.433, 0.341]
    assert str(round_half_up(monitoreo.inmonitoreo(vals, 0.550, metodologia), 3)) == "0.561"
    heavier = metodologia.con(peso_programas=1.0, peso_dependencia=0.0)
    assert str(round_half_up(monitoreo.inmonitoreo(vals, 0.550, heavier), 4)) == "0.5722"


def test_units_differing_only_in_number_or_case_are_one_unit():
    prog = _prog(
        _comp("A", "Derechohabiente", 100, 50, 40), _comp("B", "derechohabientes", 300, 50, 60)
    )
    rows, avisos = cobertura.calcular_cobertura([prog])
    assert avisos == [] and rows[-1]["componente"] is None and rows[-1]["atendida"] == 100
    assert cobertura.misma_unidad("Niños y Niñas") != cobertura.misma_unidad("Personas")


def test_inmonitoreo_without_a_list_averages_the_programs_valued_that_year(specs, metodologia):
    """No `programas_sociales` of the year: the programs with a valoración record of that year
    are the universe (E045 ended in 2019: not valued in 2024, not «missing»)."""
    import dataclasses

    dep = dataclasses.replace(specs.dependencias[0], programas_sociales={})
    assert any(p.clave == "E045" for p in specs.programas)
    inm = _inmonitoreo(specs, metodologia, specs.programas, dep)
    assert str(round_half_up(inm["valoracion"], 3)) == "0.561"
    assert inm["nota"].startswith("calculado de 9 programas cargados")
