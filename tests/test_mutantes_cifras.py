"""Edges the mutation run found unguarded (tools/mutantes.py): each test here fails on a small
change to the code that computes or classifies a figure — a comparison, a branch, a number —
that the tests of that code let pass (a few of those changes also break an end-to-end file,
test_oraculo or test_readme_ejemplos, slowly and far from the cause; these name it)."""

from __future__ import annotations

import pytest
from conftest import REPO

import issste_mon as im
from issste_mon.calc import presupuesto
from issste_mon.claves import seleccionar


def _spec(tmp_path, texto: str):
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n" + texto, encoding="utf-8"
    )
    return im.cargar(tmp_path)


def _hallazgos(specs, por: str = "cifra") -> dict:
    """Each finding's verdict and calculated figure, keyed by its `cifra` or its `anio`."""
    return {
        getattr(h, por): (h.resultado.veredicto, h.resultado.calculado)
        for h in im.verificar(specs).hallazgos
    }


# --- the published rango of a cumplimiento, at the 90 and 110 edges (verificar) ----------------


@pytest.mark.parametrize(
    ("valor", "rango"),
    [("89.99", "Bajo"), ("90", "Adecuado"), ("110", "Adecuado"), ("110.01", "Alto")],
)
def test_rango_publicado_en_los_bordes_de_90_y_110(tmp_path, valor, rango):
    """The seeds' band «entre 90 % y 110 %» includes both ends: a rango printed beside a
    cumplimiento of exactly 90 or 110 % is Adecuado, and verificar confirms it (the exact
    value, not a rounded one: 89.99 is Bajo)."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        f'     metas: {{2023: {{meta: 100, valor: {valor}, publicado: {{rango: "{rango}"}}}}}}}}\n',
    )
    ((veredicto, calculado),) = _hallazgos(specs).values()
    assert (veredicto, calculado) == ("coincide", rango)


def test_rango_publicado_que_no_corresponde_difiere(tmp_path):
    """E048 2023 (seed 003): 24,252 / 25,596 = 94.75 %, inside the band — a document printing
    «Bajo» beside it differs from what issste-mon computes."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        '     metas: {2023: {meta: 25596, valor: 24252, publicado: {rango: "Bajo"}}}}\n',
    )
    ((veredicto, calculado),) = _hallazgos(specs).values()
    assert (veredicto, calculado) == ("difiere", "Adecuado")


# --- presupuesto: what the share rests on -------------------------------------------------------


def test_presupuesto_publicado_no_descansa_en_nada(specs):
    """E045 2016 and 2017 (seed 001): both figures printed, so the share rests on nothing
    inferred: no nota, `supuesto` false."""
    rows = presupuesto.calcular_presupuesto(seleccionar(specs.programas, ["E045"]))
    assert [(r["anio"], r["nota"], r["supuesto"], r["inferido"]) for r in rows] == [
        (2016, None, False, []),
        (2017, None, False, []),
    ]


@pytest.mark.parametrize(
    ("inferido", "nota"),
    [
        ("[ramo]", "descansa en: ramo inferido (no impreso)"),
        ("[ejercido, ramo]", "descansa en: ejercido inferido y ramo inferido (no impresos)"),
    ],
)
def test_presupuesto_sobre_cifras_inferidas(tmp_path, inferido, nota):
    specs = _spec(
        tmp_path,
        f"presupuesto:\n  2016: {{ejercido: 2712.44, ramo: 213827.70, inferido: {inferido}}}\n",
    )
    (row,) = presupuesto.calcular_presupuesto(specs.programas)
    assert (row["nota"], row["supuesto"]) == (nota, True)
    assert str(round(row["porcentaje_ramo"], 2)) == "1.27"


def test_motivo_de_un_cumplimiento_no_verificable(tmp_path):
    """A printed cumplimiento issste-mon cannot compute is «no verificable», with why: the meta
    is 0, the meta modificada used (the bundled methodology's `modificada_si_existe`) is 0, the
    valor is ND — and the spec's own nota beside it."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente, metas: {\n"
        '     2023: {meta: 0, valor: 5, publicado: {cumplimiento: "95 %"}},\n'
        "     2022: {meta: 10, meta_modificada: 0, valor: 5,"
        ' publicado: {cumplimiento: "50 %"}},\n'
        "     2021: {meta: 10, meta_modificada: 8, valor: ND, nota: dicho,"
        ' publicado: {cumplimiento: "50 %"}}}}\n',
    )
    motivos = {
        h.anio: (h.resultado.veredicto, h.resultado.motivo) for h in im.verificar(specs).hallazgos
    }
    assert motivos == {
        2023: ("no verificable", "meta = 0: no calculable"),
        2022: ("no verificable", "meta = 0: no calculable; meta modificada (la original: 10)"),
        2021: (
            "no verificable",
            "no calculable: valor ND; meta modificada (la original: 10); dicho",
        ),
    }


def test_un_cumplimiento_en_el_tope_de_lo_representable_se_calcula():
    """1e300 % is the largest cumplimiento reported (a binary double holds it); only beyond it
    is the figure «fuera de rango»."""
    from decimal import Decimal

    from issste_mon.calc.exacto import cumplimiento_exacto

    assert cumplimiento_exacto(1, Decimal("1e298"), "ascendente") == Decimal("1e300")
    assert cumplimiento_exacto(1, Decimal("1.1e298"), "ascendente") is None


# --- cobertura: «mayor a 100 %» only above it, and what a ratio rests on --------------------------


def _cobertura(specs):
    from issste_mon.calc import cobertura

    rows, _ = cobertura.calcular_cobertura(specs.programas)
    return rows


@pytest.mark.parametrize(
    ("atendida", "mayor", "nota"),
    [
        (744939, False, None),  # E045 2017 (seed 001): 94.90 %
        (784969, False, None),  # PA = PO: 100 % is not «mayor a 100 %»
        (784970, True, "cobertura mayor a 100 %: PA > PO"),
    ],
)
def test_cobertura_mayor_a_100_solo_por_encima(tmp_path, atendida, mayor, nota):
    specs = _spec(
        tmp_path,
        "poblaciones:\n  2017: {unidad_medida: Derechohabientes, potencial: 14756442,"
        f" objetivo: 784969, atendida: {atendida}}}\n",
    )
    (row,) = _cobertura(specs)
    assert (row["mayor_100"], row["nota"], row["supuesto"]) == (mayor, nota, False)
    assert (row["cobertura_supuesta"], row["po_pp_supuesta"]) == (False, False)


def test_cobertura_sin_razon_dice_si_pa_supera_a_po(tmp_path):
    """PO = 0 with people served (SHCP 2017, 14-E004): no ratio, yet PA > PO is known and
    flagged; PA ND: whether PA > PO is not known (None, never «false»)."""
    specs = _spec(
        tmp_path,
        "poblaciones:\n"
        "  2017: {unidad_medida: Personas, potencial: 100, objetivo: 0, atendida: 5}\n"
        "  2018: {unidad_medida: Personas, potencial: 100, objetivo: 10, atendida: ND}\n",
    )
    assert [(r["anio"], r["mayor_100"], r["nota"]) for r in _cobertura(specs)] == [
        (2017, True, "cobertura no calculable: PO = 0; PA > PO"),
        (2018, None, "cobertura no calculable: PA ND"),
    ]


def test_cobertura_sobre_una_po_inferida(tmp_path):
    """A PO the spec deduced (`inferido: [objetivo]`): both ratios rest on it and say so."""
    specs = _spec(
        tmp_path,
        "poblaciones:\n  2017: {unidad_medida: Derechohabientes, potencial: 14756442,"
        " objetivo: 784969, atendida: 744939, inferido: [objetivo]}\n",
    )
    (row,) = _cobertura(specs)
    assert row["nota"] == "descansa en: PO inferida (no impresa)"
    assert (row["supuesto"], row["cobertura_supuesta"], row["po_pp_supuesta"]) == (
        True,
        True,
        True,
    )
    assert row["inferido"] == ["PO"]


# --- a printed monitoring level against the supuesto cuts (seed 002) -----------------------------


def test_nivel_publicado_contra_los_cortes_que_los_datos_permiten(tmp_path):
    """The data only place Básico's cut in (0, 0.341] and Medio's in (0.515, 0.547] (E015 0.341,
    E042 0.515, E018 0.547): a printed level another compatible cut would give is «no
    verificable» — strictly inside those intervals, the level below included —; at an end of
    one, where every compatible cut agrees, a different printed level differs."""
    specs = _spec(
        tmp_path,
        "monitoreo:\n"
        "  2020: {valoracion: 0.3, publicado: {nivel: Incipiente}}\n"
        "  2021: {valoracion: 0.515, publicado: {nivel: Medio}}\n"
        "  2022: {valoracion: 0.516, publicado: {nivel: Medio}}\n"
        "  2023: {valoracion: 0.547, publicado: {nivel: Básico}}\n"
        "  2024: {valoracion: ND, publicado: {nivel: Básico}}\n",
    )
    veredictos = _hallazgos(specs, por="anio")
    assert veredictos == {
        2020: ("no verificable", None),
        2021: ("difiere", "Básico"),
        2022: ("no verificable", None),
        2023: ("difiere", "Medio"),
        2024: ("no verificable", None),
    }
    notas = {r["anio"]: (r["nivel"], r["nota"]) for r in im.monitoreo(specs).to_records()}
    assert notas[2024] == (None, "valoración ND")
    assert notas[2021] == ("Básico", None)  # at the interval's end: no supuesto to declare
    assert notas[2020] == (
        "Básico",
        "nivel según el corte supuesto de Básico (0.25): lo publicado solo lo sitúa entre 0 "
        "y 0.341",
    )


# --- what a cumplimiento rests on is its own rule's confianza ----------------------------------


def test_la_meta_usada_descansa_en_la_confianza_de_su_propia_regla(tmp_path):
    """meta 10, meta modificada 8, valor 9: 112.5 % (Alto) with the modified meta, 90 % with
    the original — the choice decides. The bundled file marks that choice (`cumplimiento.meta`)
    «supuesto», so the row says it rests on it; a file that marks it «publicado» does not,
    whatever the confianza of the rule written before it (the descendente formula, supuesto)."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        "     metas: {2023: {meta: 10, meta_modificada: 8, valor: 9}}}\n",
    )
    incluida = (REPO / "issste_mon" / "data" / "metodologia.yaml").read_text(encoding="utf-8")
    regla = "    valor: modificada_si_existe   # modificada_si_existe | original\n"
    assert incluida.count(regla + "    confianza: supuesto\n") == 1
    publicada = tmp_path / "met.yaml"
    publicada.write_text(
        incluida.replace(regla + "    confianza: supuesto\n", regla + "    confianza: publicado\n"),
        encoding="utf-8",
    )
    filas = [im.cumplimiento(specs, metodologia=m).to_records()[0] for m in (None, publicada)]
    assert [(f["cumplimiento_pct"], f["rango"], f["nota"], f["supuesto"]) for f in filas] == [
        (
            112.5,
            "Alto",
            "meta modificada (la original: 10); descansa en: meta modificada y no la original "
            "(supuesto de la metodología)",
            True,
        ),
        (112.5, "Alto", "meta modificada (la original: 10)", False),
    ]


def test_un_cumplimiento_negativo_no_coincide_con_su_valor_absoluto(tmp_path):
    """valor −95 against a meta of 100: −95 %, which a printed «95 %» is not (only a zero
    drops its sign: −0.001 % printed as «0 %»)."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente, metas: {\n"
        '     2023: {meta: 100, valor: -95, publicado: {cumplimiento: "95 %"}},\n'
        '     2022: {meta: 100, valor: -95, publicado: {cumplimiento: "-95 %"}},\n'
        '     2021: {meta: 100000, valor: -1, publicado: {cumplimiento: "0 %"}}}}\n',
    )
    veredictos = _hallazgos(specs, por="anio")
    assert veredictos == {
        2023: ("difiere", "-95 %"),
        2022: ("coincide", "-95 %"),
        2021: ("coincide", "0 %"),
    }


def test_solo_la_formula_que_da_la_cifra_explica_la_diferencia(tmp_path):
    """E044 2023 (domain: 10 maternal deaths against 13 expected): 130 % with the inverse
    formula, 123.1 % with SHCP's mirror. A printed 123.1 % is explained by the mirror; a printed
    125 %, which neither gives, is a plain difference — not «explicada» by a formula that does
    not give it."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: descendente, metas: {\n"
        '     2023: {meta: 13, valor: 10, publicado: {cumplimiento: "123.1 %"}},\n'
        '     2022: {meta: 13, valor: 10, publicado: {cumplimiento: "125 %"}}}}\n',
    )
    veredictos = {
        h.anio: (h.resultado.veredicto, h.resultado.calculado, h.resultado.explicacion)
        for h in im.verificar(specs).hallazgos
    }
    assert veredictos == {
        2023: (
            "difiere, explicada",
            "130.0 %",
            "coincide con la fórmula espejo para indicadores descendentes",
        ),
        2022: ("difiere", "130 %", None),
    }


# --- SHCP's ISeD: its bands' lower ends are inclusive (data dictionary: [0.2, 0.4) …) -------------


def test_ised_en_los_bordes_de_sus_bandas_y_su_nota(tmp_path):
    """[0, 0.2) Bajo, [0.2, 0.4) Medio bajo, [0.4, 0.6) Medio, [0.6, 0.8) Medio alto, [0.8, 1]
    Alto: each lower end in its own band. A value SHCP left blank (ND) has no level and says
    why; a number has no nota."""
    from issste_mon.calc import ised

    anios = {2014: "0.199999999", 2015: "0.2", 2016: "0.4", 2017: "0.6", 2018: "0.8", 2019: "ND"}
    specs = _spec(
        tmp_path, "ised:\n" + "".join(f"  {a}: {{valor: {v}}}\n" for a, v in anios.items())
    )
    filas = ised.calcular_ised(specs.programas, metodologia=im.cargar_metodologia())
    assert [(f["anio"], f["nivel"], f["nota"], f["coincide"]) for f in filas] == [
        (2014, "Bajo", None, None),
        (2015, "Medio bajo", None, None),
        (2016, "Medio", None, None),
        (2017, "Medio alto", None, None),
        (2018, "Alto", None, None),
        (2019, None, "valor ND (no disponible)", None),
    ]


# --- InMonitoreo: ties round half up, as the Diagnóstico prints (0.5625 → 0.563) ----------------


def test_inmonitoreo_redondea_los_empates_hacia_arriba(tmp_path):
    """A dependency of two programs: 2024, valoraciones 0.5722 and 0.5723 (mean 0.57225, shown
    at 4 decimals as 0.5723…); 2023 and 2022, both 0.5625 with a subíndice of 0.5625, so the
    InMonitoreo is 0.5625 — at the 3 decimals CONEVAL prints, 0.563: the rank printed beside a
    published 0.563 is that value's, beside a published 0.562 it is another's (said)."""
    (tmp_path / "DEP.yaml").write_text(
        "tipo: dependencia\nclave: DEP\nsiglas: DEP\nramo: 51\nnombre: Dependencia\n"
        "programas_sociales: {2024: [E901, E902], 2023: [E901, E902], 2022: [E901, E902]}\n"
        "monitoreo:\n"
        "  2024: {inmonitoreo: 0.561, subindice_dependencia: 0.550, lugar: 11, de: 15}\n"
        "  2023: {inmonitoreo: 0.563, subindice_dependencia: 0.5625, lugar: 11, de: 15}\n"
        "  2022: {inmonitoreo: 0.562, subindice_dependencia: 0.5625, lugar: 11, de: 15}\n",
        encoding="utf-8",
    )
    for clave, v2024 in (("E901", "0.5722"), ("E902", "0.5723")):
        (tmp_path / f"{clave}.yaml").write_text(
            f"clave: {clave}\nramo: 51\nnombre: P\nmonitoreo:\n  2024: {{valoracion: {v2024}}}\n"
            "  2023: {valoracion: 0.5625}\n  2022: {valoracion: 0.5625}\n",
            encoding="utf-8",
        )
    filas = {
        r["anio"]: r
        for r in im.monitoreo(im.cargar(tmp_path)).to_records()
        if r["ambito"] == "InMonitoreo"
    }
    assert (
        "0.5 × promedio de los programas (0.5723…) + 0.5 × subíndice (0.550)"
        in (filas[2024]["nota"])
    )
    assert str(filas[2023]["valoracion"]) == "0.5625"
    assert "lugar publicado" not in filas[2023]["nota"]
    assert "lugar publicado: el de la valoración publicada, 0.562" in filas[2022]["nota"]


def test_una_cifra_para_maquinas_redondea_los_empates_hacia_arriba(tmp_path):
    """A machine number is the exact result at 10 decimals (at most 15 digits), half up like
    every printed figure: 1 / 8192 × 100 = 0.01220703125 → 0.0122070313 (half to even:
    …312), and 1,234,567,890,123,445 / 1,000 × 100 = 123,456,789,012,344.5 → …345."""
    specs = _spec(
        tmp_path,
        "poblaciones:\n"
        "  2017: {unidad_medida: Personas, objetivo: 8192, atendida: 1}\n"
        "  2018: {unidad_medida: Personas, objetivo: 1000, atendida: 1234567890123445}\n",
    )
    filas = im.cobertura(specs).to_records()
    assert [(f["anio"], f["cobertura_pct"]) for f in filas] == [
        (2017, 0.0122070313),
        (2018, 123456789012345),
    ]


# --- the summary of `cumplimiento`: the mean of the rows it printed ----------------------------


def test_el_promedio_de_cumplimiento_es_el_de_sus_filas(cli):
    """The bundled specs: E045 2017 (622.06 / 543.35, seed 001), E048 2023 (24,252 / 25,596,
    seed 003) and the third computable row — a mean over every computable row, however each
    was computed (the float shortcut or exact decimals: 94.749… is the former)."""
    import json
    from decimal import Decimal

    from issste_mon.salida.numfmt import fmt_pct

    r = cli("cumplimiento", "-f", "json")
    filas = json.loads(r.out)
    pcts = [Decimal(repr(f["cumplimiento_pct"])) for f in filas if f["cumplimiento_pct"]]
    assert len(pcts) == 3 and len(filas) == 9
    media = fmt_pct(sum(pcts) / 3)
    assert f"Promedio de cumplimiento: {media}, promedio de 3 indicadores calculables (de 9)" in (
        r.err
    )
    assert "Por rango (90–110 %): Bajo 0, Adecuado 1, Alto 2." in r.err


def test_calcular_cumplimiento_dice_en_que_descansa(specs, metodologia):
    """E048 2023 (seed 003): its sentido is not printed, the spec infers it; the row the
    calculator gives (verificar's dependency checks read it) says so, as the table does."""
    from issste_mon.calc.cumplimiento import calcular_cumplimiento

    df = calcular_cumplimiento(
        seleccionar(specs.programas, ["E048"]), 2023, metodologia=metodologia
    )
    assert df[["nota", "supuesto", "inferido"]].to_dict("records") == [
        {
            "nota": "descansa en: sentido ascendente inferido (no impreso)",
            "supuesto": True,
            "inferido": ["sentido"],
        }
    ]


def test_calcular_cumplimiento_dice_que_descansa_en_la_meta_elegida(tmp_path, metodologia):
    """meta 10, meta modificada 8, valor 9: 112.5 % with the modified meta the bundled
    methodology uses (a supuesto), 90 % with the original — the row says it rests on it."""
    from issste_mon.calc.cumplimiento import calcular_cumplimiento

    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        "     metas: {2023: {meta: 10, meta_modificada: 8, valor: 9}}}\n",
    )
    (fila,) = calcular_cumplimiento(specs.programas, metodologia=metodologia).to_dict("records")
    assert (fila["cumplimiento_pct"], fila["supuesto"]) == (112.5, True)
    assert fila["nota"] == (
        "meta modificada (la original: 10); descansa en: meta modificada y no la original "
        "(supuesto de la metodología)"
    )
