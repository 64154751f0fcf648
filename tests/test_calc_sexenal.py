"""Six-year-goal and intermediate-goal progress: the formula on a hand-made programa derivado
(every category, both senses, constant sense, meta = línea base, missing and backward values),
and seed 004's enfoque × avance table from the bundled Programa Institucional."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from publicado import AVANCE_SEXENAL_COLUMNAS

from issste_mon.calc import sexenal
from issste_mon.metodologia import Regla
from issste_mon.modelo import Faltante, IndicadorDerivado, LineaBase, Objetivo, ProgramaDerivado

PI = "PI-ISSSTE-2020-2024"
LB_ANIO, ANIO = 2018, 2021


def derivado(*indicadores: IndicadorDerivado) -> ProgramaDerivado:
    obj = Objetivo(id="1", texto="Objetivo de prueba", enfoque="Resultados")
    obj.indicadores.extend(indicadores)
    return ProgramaDerivado(clave="PD-PRUEBA", nombre="Prueba", archivo="<prueba>", objetivos=[obj])


def indicador(
    valor=None,
    *,
    lb=0.0,
    meta=100.0,
    sentido="ascendente",
    meta_int=None,
    publicado=None,
    id_="x",
) -> IndicadorDerivado:
    ind = IndicadorDerivado(
        id=id_,
        nombre=f"Indicador {id_}",
        sentido=sentido,
        enfoque="Gestión",
        linea_base=LineaBase(LB_ANIO, lb),
        meta_sexenal=meta,
        publicado=dict(publicado or {}),
    )
    if valor is not None:
        ind.valores[ANIO] = valor
    if meta_int is not None:
        ind.metas[ANIO] = meta_int
    return ind


def fila(metodologia, ind: IndicadorDerivado) -> dict:
    (row,) = sexenal.calcular_sexenal(derivado(ind), metodologia=metodologia)
    return row


def esperado_lineal(m) -> float:
    return (ANIO - LB_ANIO) / (m.sexenal.anio_meta - LB_ANIO) * 100


def test_lineal_expected_progress_and_formula(metodologia):
    row = fila(metodologia, indicador(30.0))
    assert row["avance_pct"] == pytest.approx(30.0)
    assert row["avance_esperado_pct"] == pytest.approx(esperado_lineal(metodologia))
    assert row["avance_sexenal_origen"] == "calculado"
    assert row["ultimo_anio"] == ANIO and row["ultimo_valor"] == 30.0


def _valor_para_razon(m, r: float, lb: float, meta: float) -> float:
    a = r * esperado_lineal(m)
    return lb + (meta - lb) * a / 100


@pytest.mark.parametrize(
    "sentido,lb,meta", [("ascendente", 0.0, 100.0), ("descendente", 80.0, 20.0)]
)
def test_every_six_year_category_from_methodology_bands(metodologia, sentido, lb, meta):
    """Each rule of the methodology file, reached exactly at its threshold and just below it."""
    reglas = metodologia.sexenal.categorias
    seen = set()
    for i, regla in enumerate(reglas):
        if regla.medida == "avance":
            a = regla.umbral + (0.5 if regla.estricta else 0.0)
            valor = lb + (meta - lb) * a / 100
        elif regla.medida == "razon":
            valor = _valor_para_razon(metodologia, regla.umbral, lb, meta)
        else:  # the catch-all: no progress at all
            valor = lb
        row = fila(metodologia, indicador(valor, lb=lb, meta=meta, sentido=sentido))
        assert row["avance_sexenal"] == regla.categoria, (regla, row["avance_pct"])
        seen.add(row["avance_sexenal"])
        if regla.medida == "razon":  # just below the threshold falls to the next category
            below = _valor_para_razon(metodologia, regla.umbral - 0.01, lb, meta)
            row = fila(metodologia, indicador(below, lb=lb, meta=meta, sentido=sentido))
            assert row["avance_sexenal"] == reglas[i + 1].categoria
    assert seen == {"Superado", "Avanzado", "Adecuado", "Insuficiente", "Rezagado", "Muy rezagado"}


def test_concrete_values_ascending(metodologia):
    # E = 3/6 of the way = 50 %: 60 → r 1.2, 50 → 1.0, 40 → 0.8, 20 → 0.4.
    got = {v: fila(metodologia, indicador(v))["avance_sexenal"] for v in (100, 60, 50, 40, 20, 0)}
    assert got == {
        100: "Superado",
        60: "Avanzado",
        50: "Adecuado",
        40: "Insuficiente",
        20: "Rezagado",
        0: "Muy rezagado",
    }


def test_descending_indicator(metodologia):
    # LB 50, goal 20: 35 is half of the way (A = 50 %), on schedule.
    row = fila(metodologia, indicador(35.0, lb=50.0, meta=20.0, sentido="descendente"))
    assert row["avance_pct"] == pytest.approx(50.0)
    assert row["avance_sexenal"] == "Adecuado"
    row = fila(metodologia, indicador(15.0, lb=50.0, meta=20.0, sentido="descendente"))
    assert row["avance_sexenal"] == "Superado"


def test_value_moved_backwards(metodologia):
    row = fila(metodologia, indicador(-10.0, meta_int=50.0))
    assert row["avance_pct"] == pytest.approx(-10.0)
    assert row["avance_sexenal"] == "Muy rezagado"
    assert row["meta_intermedia"] == "Retroceso"
    row = fila(metodologia, indicador(55.0, lb=50.0, meta=20.0, sentido="descendente", meta_int=40))
    assert row["avance_sexenal"] == "Muy rezagado"
    assert row["meta_intermedia"] == "Retroceso"


def test_constant_sense_is_nr_in_tables_but_named_in_its_row(metodologia):
    row = fila(metodologia, indicador(100.0, lb=100.0, meta=100.0, sentido="constante"))
    assert row["avance_sexenal"] == metodologia.sexenal.etiqueta_sentido_constante
    assert row["avance_sexenal_tabla"] == metodologia.sexenal.sentido_constante == "NR"
    cruce = sexenal.cruzar([row], "enfoque", "avance_sexenal")
    assert cruce["celdas"]["Gestión"]["NR"] == 1


def test_meta_equal_to_linea_base_is_not_computable(metodologia):
    row = fila(metodologia, indicador(60.0, lb=60.0, meta=60.0))
    assert row["avance_pct"] is None
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert "meta sexenal igual a la línea base" in row["nota"]


def test_missing_value(metodologia):
    row = fila(metodologia, indicador(None))
    assert row["ultimo_valor"] is None and row["avance_pct"] is None
    assert row["avance_sexenal"] == "NR" and row["avance_sexenal_origen"] == "calculado"
    assert row["meta_intermedia"] == "NR"
    assert "valor" in row["nota"]


def test_a_value_recorded_as_nd_is_not_said_absent(metodologia):
    row = fila(metodologia, indicador(Faltante.ND))
    assert row["avance_pct"] is None and row["avance_sexenal"] == "NR"
    assert "la spec no trae" not in row["nota"]
    assert f"avance sexenal no calculable: valor ND en {ANIO}" in row["nota"]
    assert "meta intermedia no calculable: la spec no trae" not in row["nota"]


def test_values_only_after_the_cut_are_said_so(metodologia):
    ind = indicador(None)
    ind.valores[2022] = 55.0
    (row,) = sexenal.calcular_sexenal(derivado(ind), metodologia=metodologia, hasta=2021)
    assert "la spec no trae" not in row["nota"]
    assert (
        "avance sexenal no calculable: ningún valor hasta 2021 (el primero es de 2022)"
        in (row["nota"])
    )
    nd = indicador(None)
    nd.valores[2022] = Faltante.NA
    (row,) = sexenal.calcular_sexenal(derivado(nd), metodologia=metodologia, hasta=2021)
    assert "avance sexenal no calculable: ningún valor hasta 2021 (en 2022: NA)" in row["nota"]


def test_missing_inputs_are_named_with_their_state(metodologia):
    ind = indicador(70.0, lb=Faltante.ND, meta=None)
    row = fila(metodologia, ind)
    assert (
        "avance sexenal no calculable: la spec no trae meta sexenal; línea base ND" in (row["nota"])
    )


def test_missing_value_falls_back_to_published(metodologia):
    row = fila(metodologia, indicador(None, publicado={"avance_sexenal": "Avanzado"}))
    assert row["avance_sexenal"] == "Avanzado"
    assert row["avance_sexenal_origen"] == "publicado"


def test_computed_beats_published_and_says_so(metodologia):
    row = fila(metodologia, indicador(100.0, publicado={"avance_sexenal": "Rezagado"}))
    assert row["avance_sexenal"] == "Superado" and row["avance_sexenal_origen"] == "calculado"
    assert "avance sexenal publicado: Rezagado" in row["nota"]


@pytest.mark.parametrize(
    "valor,sentido,lb,meta_int,esperada",
    [
        (60.0, "ascendente", 0.0, 50.0, "Logro muy superado"),  # 120 %
        (52.0, "ascendente", 0.0, 50.0, "Alcanzada"),  # 104 %
        (50.0, "ascendente", 0.0, 50.0, "Alcanzada"),  # exactly 100 %
        (40.0, "ascendente", 0.0, 50.0, "No alcanzada"),  # 80 %
        (35.0, "descendente", 50.0, 40.0, "Logro muy superado"),  # inverse 40/35 = 114 %
        (45.0, "descendente", 50.0, 40.0, "No alcanzada"),  # 40/45 = 89 %
    ],
)
def test_intermediate_goal_categories(metodologia, valor, sentido, lb, meta_int, esperada):
    meta = 100.0 if sentido == "ascendente" else 20.0
    row = fila(metodologia, indicador(valor, lb=lb, meta=meta, sentido=sentido, meta_int=meta_int))
    assert row["meta_intermedia"] == esperada
    assert row["meta_intermedia_origen"] == "calculado"
    assert row["meta_intermedia_valor"] == meta_int


def test_intermediate_goal_sets_expected_progress(metodologia):
    # Intermediate goal 40 of the way → E = 40 %; value 44 → r = 1.1 → Avanzado.
    row = fila(metodologia, indicador(44.0, meta_int=40.0))
    assert row["avance_esperado_pct"] == pytest.approx(40.0)
    assert row["avance_sexenal"] == "Avanzado"


def test_intermediate_goal_bands_at_the_thresholds(metodologia):
    # valor = umbral % of 50, written as the decimal a person would type (55, not the float
    # 110 / 100 * 50 = 55.00000000000001): the exact cumplimiento is the threshold itself.
    reglas = [r for r in metodologia.meta_intermedia.categorias if r.medida is not None]
    for i, regla in enumerate(reglas):
        en_borde = Decimal(repr(regla.umbral)) / 2
        row = fila(metodologia, indicador(float(en_borde), meta_int=50.0))
        expected = regla.categoria if not regla.estricta else "Alcanzada"
        assert row["meta_intermedia"] == expected, regla
        encima = fila(metodologia, indicador(float(en_borde + Decimal("0.0001")), meta_int=50.0))
        assert encima["meta_intermedia"] == regla.categoria, regla
        debajo = fila(metodologia, indicador(float(en_borde - Decimal("0.0001")), meta_int=50.0))
        siguiente = reglas[i + 1].categoria if i + 1 < len(reglas) else "No alcanzada"
        assert debajo["meta_intermedia"] == (siguiente if not regla.estricta else "Alcanzada"), (
            regla
        )


def test_bands_are_read_from_the_methodology(metodologia):
    reglas = [Regla("Cumplido", "avance", 50.0), Regla("Pendiente")]
    m = metodologia.con(sexenal=dataclasses.replace(metodologia.sexenal, categorias=reglas))
    assert fila(m, indicador(50.0))["avance_sexenal"] == "Cumplido"
    assert fila(m, indicador(49.0))["avance_sexenal"] == "Pendiente"


# --- seed 004: the Programa Institucional's table ------------------------------------------


@pytest.fixture(scope="module")
def pi(specs):
    (d,) = [d for d in specs.derivados if d.clave == PI]
    return d


@pytest.fixture(scope="module")
def cruce(pi, metodologia):
    return sexenal.cruzar(
        sexenal.calcular_sexenal(pi, metodologia=metodologia), "enfoque", "avance_sexenal"
    )


def test_seed004_table_counts(cruce):
    c = cruce["celdas"]
    assert cruce["orden_filas"] == ["Resultados", "Coordinación", "Gestión"]
    assert cruce["orden_columnas"] == AVANCE_SEXENAL_COLUMNAS
    assert [c["Resultados"][k] for k in cruce["orden_columnas"]] == [0, 1, 0, 0, 0, 1, 0]
    assert [c["Coordinación"][k] for k in cruce["orden_columnas"]] == [0, 1, 0, 0, 0, 0, 0]
    assert [c["Gestión"][k] for k in cruce["orden_columnas"]] == [5, 0, 1, 0, 1, 2, 3]
    assert cruce["total_filas"] == {"Resultados": 2, "Coordinación": 1, "Gestión": 12}
    assert list(cruce["total_columnas"].values()) == [5, 2, 1, 0, 1, 3, 3]
    assert cruce["total"] == 15


def test_seed004_table_percentages(cruce):
    assert cruce["pct_filas"]["Gestión"] == pytest.approx(80.0)
    # exact quotients (to 50 digits), not 13.333333333333334
    assert str(cruce["pct_filas"]["Resultados"]) == "13." + "3" * 48
    assert str(cruce["pct_columnas"]["Superado"]) == "33." + "3" * 48
    assert cruce["pct_columnas"]["NR"] == pytest.approx(20.0)
    pub = sexenal.como_publicada(cruce)
    assert pub["Total general"]["Adecuado"] == "1, 7%"  # 6.67 half-up
    assert pub["Coordinación"]["Total general"] == "1, 7%"
    assert pub["Total general"]["Insuficiente"] == "0, 0%"
    assert pub["Total general"]["Total general"] == "15"


def test_seed004_table_equals_the_published_one_cell_by_cell(pi, cruce):
    published = {
        fila: {col.rstrip("*"): v for col, v in cols.items()}
        for fila, cols in pi.tabla_publicada.items()
    }
    assert published, "the spec must carry seed 004's table"
    assert sexenal.como_publicada(cruce) == published


def test_seed004_constant_indicators_keep_their_label(pi, metodologia):
    rows = sexenal.calcular_sexenal(pi, metodologia=metodologia)
    constantes = [r["id"] for r in rows if r["avance_sexenal"] == "Sentido constante"]
    assert constantes == ["3.2", "3.3", "4.3"]
    assert all(r["avance_sexenal_tabla"] == "NR" for r in rows if r["id"] in constantes)


def test_cruzar_is_generic(pi, metodologia):
    rows = sexenal.calcular_sexenal(pi, metodologia=metodologia)
    c = sexenal.cruzar(rows, "tipo", "calidad")
    assert c["total_filas"] == {"Meta para el bienestar": 5, "Parámetro": 10}
    assert c["total_columnas"] == {
        "Destacado": 2,
        "Adecuado": 1,
        "Moderado": 4,
        "Oportunidad de mejora": 8,
    }
    # Unknown attributes: values in order of appearance, missing ones under "Sin dato".
    c = sexenal.cruzar([{"a": "x"}, {"a": None}, {"a": "y"}], "a", "a")
    assert c["orden_filas"] == ["x", "Sin dato", "y"] and c["total"] == 3


def test_categories_carry_the_year_they_refer_to(metodologia):
    """A category published at one cut is never shown as if it rested on a later value, and
    a category computed from later values is not compared with the published one (#16)."""
    publicado = {"avance_sexenal": "Superado", "meta_intermedia": "Alcanzada"}
    ind = indicador(50.0, lb=None, meta=None, meta_int=100.0, publicado=publicado)
    ind.linea_base, ind.meta_sexenal = None, None
    pd = derivado(ind)
    pd.corte_publicado = ANIO - 1  # the document's categories are of the year before the values
    (row,) = sexenal.calcular_sexenal(pd, metodologia=metodologia)
    assert (row["avance_sexenal"], row["avance_sexenal_origen"]) == ("Superado", "publicado")
    assert row["avance_sexenal_corte"] == ANIO - 1
    assert (
        f"el avance publicado es del corte {ANIO - 1} y el valor mostrado, de {ANIO}"
        in (row["nota"])
    )
    # 50 of a meta of 100: computed at ANIO, «No alcanzada» whatever was published at the cut
    assert row["meta_intermedia_origen"] == "calculado" and row["meta_intermedia_corte"] == ANIO
    assert "cortes distintos, no se comparan" in row["nota"]
    assert "meta intermedia publicada: Alcanzada" not in row["nota"]

    pd.corte_publicado = ANIO  # same cut: the published category is compared, no cut note
    (row,) = sexenal.calcular_sexenal(pd, metodologia=metodologia)
    assert row["meta_intermedia_corte"] == ANIO and "corte" not in row["nota"]
    assert "meta intermedia publicada: Alcanzada" in row["nota"]


def test_bundled_pi_says_which_cut_each_category_is_of(specs, metodologia):
    (pi,) = specs.derivados
    rows = {r["id"]: r for r in sexenal.calcular_sexenal(pi, metodologia=metodologia)}
    assert (
        rows["3.1"]["ultimo_valor"] == Decimal("1.8")
        and rows["3.1"]["avance_sexenal_corte"] == 2021
    )
    assert "corte 2021 y el valor mostrado, de 2022" in rows["3.1"]["nota"]
    assert rows["2.3"]["meta_intermedia_corte"] == 2022  # 13,592 of a meta of 29,338
    assert (
        rows["1.1"]["avance_sexenal_corte"] == 2021
        and "valor mostrado" not in (rows["1.1"]["nota"])
    )


def test_a_cut_takes_each_indicators_last_value_up_to_that_year(metodologia):
    """`sexenal --anio Y`: the values after Y do not count; an indicator with none up to Y
    falls back to what was published (marked), never to a later value."""
    ind = indicador(60.0, meta_int=50.0)
    ind.valores[2022] = 90.0
    ind.metas[2022] = 95.0
    ultimo = fila(metodologia, ind)
    assert (ultimo["ultimo_anio"], ultimo["ultimo_valor"]) == (2022, Decimal("90.0"))
    (corte,) = sexenal.calcular_sexenal(derivado(ind), metodologia=metodologia, hasta=2021)
    assert (corte["ultimo_anio"], corte["ultimo_valor"]) == (2021, Decimal("60.0"))
    assert corte["avance_pct"] == Decimal(60) and corte["meta_intermedia_valor"] == Decimal(50)
    publicado = indicador(publicado={"avance_sexenal": "Adecuado"})
    publicado.valores[2022] = 70.0
    (antes,) = sexenal.calcular_sexenal(derivado(publicado), metodologia=metodologia, hasta=2021)
    assert antes["ultimo_anio"] is None and antes["avance_sexenal"] == "Adecuado"
    assert antes["avance_sexenal_origen"] == sexenal.PUBLICADO


def test_sexenal_at_the_2021_cut_of_the_programa_institucional(cli):
    """The PI's categories are of the 2021 cut; by default 2.3's meta intermedia is computed
    from its 2022 values (a cut of its own, said in the summary); at `--anio 2021` every
    category refers to 2021 and 3.1 shows its 2021 value (2.50, seed 004)."""
    import json

    todos = {r["id"]: r for r in json.loads(cli("sexenal", PI, "-f", "json").out)}
    assert todos["3.1"]["ultimo_anio"] == 2022 and todos["2.3"]["meta_intermedia_corte"] == 2022
    r = cli("sexenal", PI, "--anio", "2021", "-f", "json")
    corte = {f["id"]: f for f in json.loads(r.out)}
    assert (corte["3.1"]["ultimo_anio"], corte["3.1"]["ultimo_valor"]) == (2021, 2.5)
    assert corte["2.3"]["ultimo_anio"] is None
    assert corte["2.3"]["meta_intermedia_origen"] == sexenal.PUBLICADO
    assert {f["meta_intermedia_corte"] for f in corte.values()} == {2021}
    assert "mezcla cortes" not in r.err and "mezcla cortes" in cli("sexenal", PI).err
    titulo = cli("sexenal", PI, "--anio", "2021", "--tabla", "enfoque", "-f", "markdown").out
    assert titulo.splitlines()[0].endswith("PI-ISSSTE-2020-2024, al corte 2021")


# --- the true reason when a category is not computable; signs; E = 0 -----------------------


def test_base_year_equal_to_the_goal_year_says_so(metodologia):
    """LB in 2024 with a 2024 value: no expected progress, and the note says why (it said
    «falta el año de la línea base» although the spec has it)."""
    anio_meta = metodologia.sexenal.anio_meta
    ind = indicador(None, lb=10.0, meta=20.0)
    ind.linea_base = LineaBase(anio_meta, 10.0)
    ind.valores[anio_meta] = 11.0
    row = fila(metodologia, ind)
    assert row["avance_pct"] == Decimal(10) and row["avance_esperado_pct"] is None
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert "falta el año de la línea base" not in row["nota"]
    assert (
        f"avance sexenal no calculable: la línea base es del mismo año que la meta sexenal "
        f"({anio_meta}), así que no hay avance esperado con que comparar" in row["nota"]
    )


def test_a_value_before_the_base_year_is_not_progress(metodologia):
    """Value of 2018, línea base of 2019: no A, no E, the note names the years."""
    ind = indicador(None, lb=10.0, meta=20.0)
    ind.linea_base = LineaBase(2019, 10.0)
    ind.valores[2018] = 12.0
    ind.metas[2018] = 9.0  # worse than the LB is not a «Retroceso» before the base year
    row = fila(metodologia, ind)
    assert row["avance_pct"] is None and row["avance_esperado_pct"] is None
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert "falta el año de la línea base" not in row["nota"]
    assert (
        "avance sexenal no calculable: el valor (2018) es anterior al año de la línea base (2019)"
        in row["nota"]
    )
    ind.valores[2018] = 8.0  # below the LB, but before it: not a retroceso
    assert fila(metodologia, ind)["meta_intermedia"] != metodologia.meta_intermedia.retroceso
    # a published category is used, with the same reason
    ind.publicado["avance_sexenal"] = "Avanzado"
    row = fila(metodologia, ind)
    assert (row["avance_sexenal"], row["avance_sexenal_origen"]) == ("Avanzado", "publicado")
    assert "el valor (2018) es anterior al año de la línea base (2019)" in row["nota"]


def test_intermediate_goal_of_negative_values_is_not_inverted(metodologia):
    """LB −10, meta sexenal −5, meta 2021 −8, valor −8.8 (ascendente): −8.8 < −8 falls short,
    although −8.8 / −8 = 110 % («Alcanzada» before). A and E are sign-safe."""
    row = fila(metodologia, indicador(-8.8, lb=-10.0, meta=-5.0, meta_int=-8.0))
    assert row["meta_intermedia"] == "No alcanzada"
    assert row["meta_intermedia_cumplimiento_pct"] is None
    # (figures in a note as numfmt writes them for people: «-8», never «-8.0» nor «1E+308»)
    assert "el valor -8.8 no alcanza la meta 2021, -8 (sentido ascendente)" in row["nota"]
    # A = 1.2 / 5 = 24 %, E = 2 / 5 = 40 %, r = 0.6: Rezagado
    assert row["avance_pct"] == Decimal(24) and row["avance_esperado_pct"] == Decimal(40)
    assert row["avance_sexenal"] == "Rezagado"
    # equal: 100 % by any reading
    igual = fila(metodologia, indicador(-8.0, lb=-10.0, meta=-5.0, meta_int=-8.0))
    assert igual["meta_intermedia"] == "Alcanzada"
    # above the meta: reached, but Alcanzada and Logro muy superado cannot be told apart
    row = fila(metodologia, indicador(-7.0, lb=-10.0, meta=-5.0, meta_int=-8.0))
    assert row["meta_intermedia"] == metodologia.meta_intermedia.sin_dato
    assert "no se distingue entre Alcanzada y Logro muy superado" in row["nota"]
    assert row["avance_sexenal"] == "Avanzado"  # A 60, E 40, r 1.5


def test_descending_negative_values(metodologia):
    # LB −5, goal −10 (lower is better): −7 is 40 % of the way, E = −8's 60 %; −7 > −8 misses
    row = fila(
        metodologia, indicador(-7.0, lb=-5.0, meta=-10.0, sentido="descendente", meta_int=-8.0)
    )
    assert row["avance_pct"] == Decimal(40) and row["avance_esperado_pct"] == Decimal(60)
    assert row["avance_sexenal"] == "Rezagado"
    assert row["meta_intermedia"] == "No alcanzada"
    row = fila(
        metodologia, indicador(-2.0, lb=-5.0, meta=-10.0, sentido="descendente", meta_int=-8.0)
    )
    assert row["meta_intermedia"] == "Retroceso" and row["avance_sexenal"] == "Muy rezagado"
    assert row["meta_intermedia_cumplimiento_pct"] is None


def test_expected_progress_zero_is_not_avanzado(metodologia):
    """E = 0 (value in the base year, or an intermediate goal equal to the LB): r = A/0 is not
    defined and the seeds do not define it, so the category is not computable (it was
    «Avanzado» with A at 10 %); A ≥ 100 is still Superado (that rule does not use r)."""
    ind = indicador(None, lb=10.0, meta=20.0)
    ind.valores[LB_ANIO] = 11.0
    row = fila(metodologia, ind)
    assert row["avance_pct"] == Decimal(10) and row["avance_esperado_pct"] == 0
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert (
        f"el avance esperado es 0 (el valor es del año de la línea base, {LB_ANIO}) y "
        "r = A/E no está definido para E = 0" in row["nota"]
    )
    row = fila(metodologia, indicador(11.0, lb=10.0, meta=20.0, meta_int=10.0))
    assert row["avance_esperado_pct"] == 0
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert f"(la meta intermedia {ANIO} es igual a la línea base)" in row["nota"]
    ind.valores[LB_ANIO] = 25.0
    assert fila(metodologia, ind)["avance_sexenal"] == "Superado"


def test_expected_progress_negative_says_why(metodologia):
    # an intermediate goal below the LB of an ascendente indicator: E < 0, r means nothing
    row = fila(metodologia, indicador(5.0, lb=10.0, meta=20.0, meta_int=8.0))
    assert row["avance_esperado_pct"] == Decimal(-20)
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert "el avance esperado es negativo" in row["nota"]


@pytest.mark.parametrize(
    ("sentido", "lb", "meta", "valor", "cumple"),
    [
        # ascendente, goal below the base: a fall from 90 to 85 is half of the way to 80
        ("ascendente", 90, 80, 85, "cumple"),
        # …and a rise to 95 is «−50 %» of it, away from a goal the value meets
        ("ascendente", 90, 80, 95, "cumple"),
        # …and a fall to 70, past it, is «200 %»: Superado
        ("ascendente", 90, 80, 70, "no cumple"),
        # descendente, goal above the base: a rise from 10 to 15 is half of the way to 20
        ("descendente", 10, 20, 15, "cumple"),
    ],
)
def test_a_goal_the_base_already_met_is_not_progress(metodologia, sentido, lb, meta, valor, cumple):
    """A = (valor − LB) / (meta − LB) follows the goal, not the sentido: with the goal on the
    side of the base the sentido calls worse it counts a move against the sentido as progress.
    The category is NR and the nota says why, and whether the value meets the goal."""
    a = (valor - lb) / (meta - lb) * 100
    assert a in (50.0, -50.0, 200.0)  # what the formula alone gives (Adecuado, Muy rezagado…)
    row = fila(metodologia, indicador(valor, lb=lb, meta=meta, sentido=sentido))
    assert row["avance_sexenal"] == metodologia.sexenal.sin_dato
    assert row["avance_pct"] is None and row["avance_esperado_pct"] is None
    lado = "menor" if sentido == "ascendente" else "mayor"
    assert f"la meta sexenal ({meta}) es {lado} que la línea base ({lb})" in row["nota"]
    assert f"el valor {ANIO}, {valor}, {cumple} la meta sexenal según el sentido" in row["nota"]
    assert row["nota"].startswith("avance sexenal no calculable: ")


def test_a_goal_on_the_sentidos_side_is_still_measured(metodologia):
    # the same figures with the goal where the sentido points: A as the formula gives it
    row = fila(metodologia, indicador(85.0, lb=80.0, meta=90.0))
    assert row["avance_pct"] == pytest.approx(50.0) and row["avance_sexenal"] == "Adecuado"


def test_a_meta_sexenal_read_from_the_goal_years_meta_says_so(metodologia):
    ind = indicador(20.0, lb=0.0, meta=None)
    ind.metas[metodologia.sexenal.anio_meta] = 100.0
    row = fila(metodologia, ind)
    assert row["meta_sexenal"] == 100 and row["avance_pct"] == pytest.approx(20.0)
    anio = metodologia.sexenal.anio_meta
    assert f"meta sexenal: la meta {anio} de la spec (la spec no trae meta_sexenal)" in row["nota"]


@pytest.mark.parametrize(
    ("valor", "meta_int", "sentido", "razon"),
    [
        (-2.0, 0.0, "ascendente", "meta = 0: no calculable"),
        (0.0, 40.0, "descendente", "valor = 0: la fórmula inversa no es calculable"),
    ],
)
def test_an_intermediate_goal_not_computable_says_why(metodologia, valor, meta_int, sentido, razon):
    """«cumplimiento de la meta 2021 no calculable» said nothing of why; `cumplimiento` does."""
    lb, meta = (-10.0, 10.0) if sentido == "ascendente" else (80.0, 20.0)
    row = fila(metodologia, indicador(valor, lb=lb, meta=meta, sentido=sentido, meta_int=meta_int))
    assert row["meta_intermedia"] == metodologia.meta_intermedia.sin_dato
    assert row["meta_intermedia_cumplimiento_pct"] is None
    assert f"cumplimiento de la meta {ANIO}: {razon}" in row["nota"]


@pytest.mark.parametrize(("valor", "categoria"), [(95, "NR"), (100, "Superado")])
def test_a_value_after_the_goal_year_has_no_expected_progress(metodologia, valor, categoria):
    """E is linear from the base year to the goal year: extended to 2025 it expects 7/6 of the
    goal (116.67 %), and 95 % of the way read «Insuficiente». Past the goal year the methodology
    defines no E: only Superado (on A alone) can be said, else NR with why."""
    anio_meta = metodologia.sexenal.anio_meta
    ind = indicador(None, lb=0, meta=100)
    ind.valores[anio_meta + 1] = valor
    row = fila(metodologia, ind)
    assert row["avance_pct"] == valor and row["avance_esperado_pct"] is None
    assert row["avance_sexenal"] == categoria
    if categoria == "NR":
        assert f"posterior al año de la meta sexenal ({anio_meta})" in row["nota"]
        # a nota a Python caller reads too: the cut named, not the command line's --anio
        assert f"(al corte {anio_meta} se toma el último valor hasta ese año)" in row["nota"]
        assert "--" not in row["nota"]
    # at the goal year itself E is the whole way: 95 of 100 is r = 0.95
    ind.valores[anio_meta] = 95
    row = sexenal.calcular_sexenal(derivado(ind), metodologia=metodologia, hasta=anio_meta)[0]
    assert row["avance_esperado_pct"] == 100 and row["avance_sexenal"] == "Adecuado"


def test_a_computed_category_says_what_inferred_input_it_rests_on(cli):
    """PI 2.3's meta and valor 2022 are transcribed back from seed 003's statement (`inferido:
    [metas, valores]`): `tendencias` and `alertas` say their figures rest on them, but
    `sexenal`'s «No alcanzada» computed from the same two figures said nothing."""
    import json

    def de(*args):
        r = cli(*args, "-f", "json")
        assert r.code == 0, r.err
        return json.loads(r.out)

    (sex,) = [f for f in de("sexenal", PI) if f["id"] == "2.3"]
    assert sex["meta_intermedia_origen"] == "calculado"
    (tend,) = [f for f in de("tendencias", PI) if f["id"] == "2.3"]
    assert sex["ultimo_anio"] == tend["anio"] and tend["cumplimiento_pct"] is not None
    assert sex["nota"].endswith(tend["nota"])  # «descansa en: metas inferidas …; valores …»
    # a published category rests on no input of the spec: nothing said of them
    (pub,) = [f for f in de("sexenal", PI) if f["id"] == "3.1"]
    assert pub["avance_sexenal_origen"] == pub["meta_intermedia_origen"] == "publicado"
    assert "descansa en" not in pub["nota"]


def test_an_inferred_base_or_goal_is_said_of_the_progress_it_gives(metodologia):
    ind = indicador(50.0, lb=0.0, meta=100.0, meta_int=40.0)
    ind.inferido = ["linea_base", "meta_sexenal", "enfoque"]
    row = fila(metodologia, ind)
    assert row["avance_sexenal_origen"] == "calculado" and row["avance_pct"] == 50
    # E from the intermediate goal: the metas are read, the meta sexenal too (A = …/(MS − LB))
    assert row["nota"].endswith(
        "descansa en: línea base inferida (no impresa); meta sexenal inferida (no impresa)"
    )


def test_verificar_does_not_call_missing_the_goal_sexenal_uses(cli, tmp_path):
    """Without `meta_sexenal` `sexenal` measures against the 2024 meta; `verificar` said the
    spec lacked the meta sexenal when it lacked only the línea base."""
    import csv
    import io

    (tmp_path / "PI-V.yaml").write_text(
        "tipo: programa_derivado\nclave: PI-V\nnombre: Prueba\nramo: 51\ncorte_publicado: 2021\n"
        'objetivos:\n  - id: "1"\n    texto: Objetivo\n    enfoque: Resultados\n'
        '    indicadores:\n      - id: "1.1"\n        nombre: Sin línea base\n'
        "        sentido: ascendente\n        metas: {2021: 12, 2024: 20}\n"
        "        valores: {2021: 11}\n        publicado: {avance_sexenal: Rezagado}\n",
        encoding="utf-8",
    )
    r = cli("sexenal", "--specs", str(tmp_path), "-f", "csv")
    (fila,) = csv.DictReader(io.StringIO(r.out))
    assert fila["meta_sexenal"] == "20" and "la spec no trae línea base" in fila["nota"]
    r = cli("verificar", "--specs", str(tmp_path), "-f", "csv")
    (avance,) = [f for f in csv.DictReader(io.StringIO(r.out)) if "meta sexenal" in f["cifra"]]
    assert avance["motivo"] == "no calculable: falta línea base en la spec (corte 2021)"


def test_the_summary_keeps_what_a_row_rests_on_whole(specs):
    """The table's «Nota (ids): …» lines split each row's nota at «; »: PI 2.3's «descansa en:
    metas inferidas (no impresas); valores inferidos (no impresos)» became two notes, the second
    a bare «valores inferidos (no impresos)»."""
    import issste_mon as im

    t = im.sexenal(specs)
    (fila,) = [f for f in t.filas if f["id"] == "2.3"]
    descansa = fila["nota"][fila["nota"].index("descansa en: ") :]
    assert "; " in descansa  # (two inputs: the list itself has the separator)
    assert f"Nota (2.3): {descansa}." in t.resumen
    assert not [x for x in t.resumen if x.startswith("Nota (2.3): valores")]


def test_a_later_value_recorded_nd_says_the_earlier_one_is_used(metodologia):
    """2021 is ND: progress is measured with 2020's value, which the row showed with no word of
    why the later year was passed over."""
    ind = indicador(None, lb=10.0, meta=20.0)
    ind.valores.update({2020: 13.0, ANIO: Faltante.ND})
    row = fila(metodologia, ind)
    assert (row["ultimo_anio"], row["ultimo_valor"]) == (2020, 13)
    assert f"valor {ANIO} ND: se usa el último valor con cifra, de 2020" in row["nota"]
    # a cut before the ND year says nothing of it
    (row,) = sexenal.calcular_sexenal(derivado(ind), metodologia=metodologia, hasta=2020)
    assert row["nota"] is None or "ND" not in row["nota"]


def test_an_intermediate_goal_of_a_descending_indicator_rests_on_its_formula(metodologia):
    """40 / 35 = 114 % (Logro muy superado) with the inverse formula the bundled methodology
    assumes (the mirror gives 112.5 %): the row says it rests on that formula — and only
    where the intermediate goal was computed."""
    row = fila(metodologia, indicador(35.0, lb=50.0, meta=20.0, sentido="descendente", meta_int=40))
    assert row["meta_intermedia"] == "Logro muy superado"
    assert row["nota"] == (
        "descansa en: fórmula del descendente meta / valor × 100 (supuesto de la metodología)"
    )
    row = fila(metodologia, indicador(None, lb=50.0, meta=20.0, sentido="descendente", meta_int=40))
    assert "fórmula del descendente" not in row["nota"]


def test_a_progress_computed_at_another_cut_is_not_compared_with_the_published(metodologia):
    """LB 0 (2018), goal 100, values 2021 = 50 and 2022 = 90, published «Adecuado» at the 2021
    cut: the category computed with 2022 (A 90 over E 66.7 → Avanzado) measures another
    moment. It used to read «avance sexenal publicado: Adecuado», a disagreement it is not."""
    ind = indicador(50.0, publicado={"avance_sexenal": "Adecuado"})
    ind.valores[ANIO + 1] = 90.0
    pd = derivado(ind)
    pd.corte_publicado = ANIO
    (row,) = sexenal.calcular_sexenal(pd, metodologia=metodologia)
    assert (row["avance_sexenal"], row["avance_sexenal_corte"]) == ("Avanzado", ANIO + 1)
    assert "avance sexenal publicado: Adecuado" not in row["nota"]
    assert (
        f"avance sexenal calculado con {ANIO + 1}, el publicado (Adecuado) es del corte {ANIO}: "
        "cortes distintos, no se comparan" in row["nota"]
    )
    # at the published cut the same value is compared: 50 over E 50 → Adecuado, no note
    (row,) = sexenal.calcular_sexenal(pd, metodologia=metodologia, hasta=ANIO)
    assert row["avance_sexenal"] == "Adecuado" and "avance sexenal" not in (row["nota"] or "")


# Each cut of the methodology's `avance_sexenal`, on the exact value: on the cut and the
# nearest decimals either side (1e-10 away: 54.9999999999 is not 55), both sentidos. LB of
# 2018, value of 2021, goal year 2024: E = 50 % exactly, so a cut on r = A / E is A = r × 50.
PASO = Decimal("1e-10")


def _en_a(a: Decimal, lb="0", meta="100") -> tuple[float, float, float]:
    """(valor, lb, meta) whose A is exactly `a` (as written decimals: 0.1 → 0.7 has A = 55 at
    0.43, which binary floats put at 54.99999999999999)."""
    lb, meta = Decimal(lb), Decimal(meta)
    return float(lb + (meta - lb) * a / 100), float(lb), float(meta)


def _cortes_de_a(m) -> list[tuple[str, Decimal, bool, str]]:
    """(category, its cut as a value of A, strict, the next rule's category), from the file."""
    e = Decimal(ANIO - LB_ANIO) / Decimal(m.sexenal.anio_meta - LB_ANIO) * 100
    reglas = m.sexenal.categorias
    out = []
    for i, r in enumerate(reglas):
        if r.medida is None:
            continue
        u = Decimal(repr(r.umbral))
        out.append((r.categoria, u if r.medida == "avance" else u * e, r.estricta, reglas[i + 1]))
    return out


@pytest.mark.parametrize(
    "sentido,lb,meta",
    [
        ("ascendente", "0", "100"),
        ("descendente", "100", "0"),
        ("ascendente", "0.1", "0.7"),
        ("descendente", "0.7", "0.1"),
    ],
)
def test_each_six_year_cut_on_the_exact_value_and_either_side(metodologia, sentido, lb, meta):
    cortes = _cortes_de_a(metodologia)
    # the bundled file: Superado A ≥ 100, Avanzado r ≥ 1.10, Adecuado r ≥ 0.90, Insuficiente
    # r ≥ 0.70, Rezagado A > 0 (and Muy rezagado otherwise), read from it, not written here
    assert [(c, a, s) for c, a, s, _ in cortes] == [
        ("Superado", Decimal(100), False),
        ("Avanzado", Decimal(55), False),
        ("Adecuado", Decimal(45), False),
        ("Insuficiente", Decimal(35), False),
        ("Rezagado", Decimal(0), True),
    ]
    vistas = set()
    for categoria, a, estricta, siguiente in cortes:
        for delta, esperada in (
            (0, siguiente.categoria if estricta else categoria),
            (PASO, categoria),
            (-PASO, siguiente.categoria),
        ):
            v, b, g = _en_a(a + delta, lb, meta)
            row = fila(metodologia, indicador(v, lb=b, meta=g, sentido=sentido))
            assert Decimal(row["avance_pct"]) == a + delta, (categoria, delta)
            assert row["avance_sexenal"] == esperada, (categoria, delta, row["avance_pct"])
            vistas.add(esperada)
    assert vistas == set(AVANCE_SEXENAL_COLUMNAS) - {"NR"}


def test_a_constant_indicator_on_any_cut_is_nr(metodologia):
    """Sentido constante is not assessed, whatever its value: on the cuts of A it stays
    «Sentido constante» in its row and NR in the table."""
    rs = metodologia.sexenal
    for _, a, _, _ in _cortes_de_a(metodologia):
        for delta in (0, PASO, -PASO):
            valor, lb, meta = _en_a(a + delta)
            row = fila(metodologia, indicador(valor, lb=lb, meta=meta, sentido="constante"))
            assert row["avance_sexenal"] == rs.etiqueta_sentido_constante == "Sentido constante"
            assert row["avance_sexenal_tabla"] == rs.sentido_constante == "NR"


def test_a_constant_indicator_with_values_shows_no_a_nor_e(metodologia):
    """80 → 95 toward 100 is A = 75 %, E = 50 %: shown beside «Sentido constante» they read as
    a progress assessed, which the methodology does not do for a constant sense (seed 004: «al
    contar sentido constante, no es posible analizar su avance de meta sexenal»). Empty, and
    the nota says why; its intermediate goal is still assessed (the PI publishes 3.2's
    «Alcanzada»): 95 of 90 is 105.56 %, «Alcanzada»."""
    row = fila(
        metodologia, indicador(95.0, lb=80.0, meta=100.0, meta_int=90.0, sentido="constante")
    )
    assert (row["avance_pct"], row["avance_esperado_pct"]) == (None, None)
    assert row["avance_sexenal"] == "Sentido constante" and row["avance_sexenal_tabla"] == "NR"
    assert row["nota"].startswith(
        "sentido constante: no se valora el avance (la spec trae valores, pero no se calculan A "
        "ni E)"
    )
    assert round(row["meta_intermedia_cumplimiento_pct"], 2) == Decimal("105.56")
    assert row["meta_intermedia"] == "Alcanzada"
    # the same indicator ascendente: A and E are there (the fix is the sentido's, not the data's)
    row = fila(metodologia, indicador(95.0, lb=80.0, meta=100.0, meta_int=90.0))
    assert row["avance_pct"] == 75 and row["avance_esperado_pct"] is not None


def test_an_intermediate_goal_without_a_base_says_retroceso_is_not_ruled_out(metodologia):
    """40 of a meta of 50 is «No alcanzada», but with a base of 45 (ascendente) it would be
    «Retroceso», which the methodology evaluates first: without a base the row said
    «No alcanzada» as if that were settled."""
    con = fila(metodologia, indicador(40.0, lb=45.0, meta_int=50.0))
    assert con["meta_intermedia"] == "Retroceso"
    ind = indicador(40.0, meta_int=50.0)
    ind.linea_base = None
    sin = fila(metodologia, ind)
    assert sin["meta_intermedia"] == "No alcanzada"
    assert (
        "meta intermedia sin línea base: no se puede descartar «Retroceso» (valor peor que la "
        "línea base), que la metodología evalúa antes que el cumplimiento" in sin["nota"]
    )
    # with a base there is nothing to say; a constant indicator has no retroceso
    assert "descartar" not in (
        fila(metodologia, indicador(60.0, lb=45.0, meta_int=50.0))["nota"] or ""
    )
    ind = indicador(40.0, meta_int=50.0, sentido="constante")
    ind.linea_base = None
    assert "descartar" not in (fila(metodologia, ind)["nota"] or "")
