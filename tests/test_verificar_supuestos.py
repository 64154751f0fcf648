"""`verificar` never calls «coincide» a figure that rests on itself or on what no document prints.

`cumplimiento` already said, beside the figure, «descansa en: metas inferidas (no impresas)» or
«fórmula del descendente meta / valor × 100 (supuesto de la metodología)»; `verificar` said
«coincide» for the same figure. E049's 117 % (seed 003: «presentó un cumplimiento del 117%»)
has no printed meta: a meta taken back from the 117 % (12,689 / 1.17 ≈ 10,845) reproduces it
by construction. E044's «10 casos de los 13 estimados» gives 130 % only with the inverse
formula, which CONEVAL does not print (the mirror one gives 123.1 %).

Also: a figure printed as ND / NA is data, not a malformed number; a printed «-0.0» says its
value was below zero.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from issste_mon.auditoria.comparar import numero
from issste_mon.carga.loader import bundled_specs_dir

POR_CONSTRUCCION = "coincide por construcción"


def _rows(cli, folder: str) -> list[dict]:
    r = cli("verificar", "-f", "json", "--specs", folder)
    return json.loads(r.out)


def _escrita(tmp_path: Path, clave: str, *cambios: tuple[str, str]) -> str:
    """A folder with the bundled spec `clave`, each (viejo, nuevo) of `cambios` replaced once."""
    folder = tmp_path / "specs"
    folder.mkdir()
    text = (bundled_specs_dir() / f"{clave}.yaml").read_text(encoding="utf-8")
    for viejo, nuevo in cambios:
        assert text.count(viejo) == 1, viejo
        text = text.replace(viejo, nuevo)
    (folder / f"{clave}.yaml").write_text(text, encoding="utf-8")
    return str(folder)


def _uno(rows: list[dict], tipo: str) -> dict:
    (row,) = [r for r in rows if r["tipo"] == tipo]
    return row


# E049 with a meta back-computed from its published 117 %, marked as the spec format says, and
# with the sentido marked printed (so that only the meta can make it «por construcción»).
E049_META = ("    inferido: [sentido]\n", "    inferido: [metas]\n")
E049_ANIO = (
    "      2023:\n        valor: 12689\n",
    "      2023:\n        meta: 10845\n        valor: 12689\n",
)


def test_a_meta_taken_back_from_the_published_cumplimiento_is_not_a_match(cli, tmp_path):
    folder = _escrita(tmp_path, "E049", E049_META, E049_ANIO)
    row = _uno(_rows(cli, folder), "meta.cumplimiento")
    assert (row["publicado"], row["calculado"]) == ("117 %", "117 %")
    assert row["veredicto"] == POR_CONSTRUCCION
    assert "metas de P1 (inferidas, no impresas)" in row["explicacion"]
    # and `cumplimiento` says the same of the figure
    r = cli("cumplimiento", "E049", "-f", "json", "--specs", folder)
    (fila,) = json.loads(r.out)
    assert fila["supuesto"] is True and "metas inferidas" in fila["nota"]


def test_inferred_valores_and_the_rango_too(cli, tmp_path):
    rango = ('cumplimiento: "117%"', 'cumplimiento: "117%"\n          rango: Alto')
    folder = _escrita(
        tmp_path, "E049", (E049_META[0], "    inferido: [valores]\n"), E049_ANIO, rango
    )
    rows = _rows(cli, folder)
    for tipo in ("meta.cumplimiento", "meta.rango"):
        row = _uno(rows, tipo)
        assert row["veredicto"] == POR_CONSTRUCCION, tipo
        assert "valores de P1 (inferidos, no impresos)" in row["explicacion"], tipo


def test_printed_meta_and_valor_still_confirm(cli, tmp_path):
    """The same figures without `inferido`: a plain «coincide» (the test can fail)."""
    folder = _escrita(tmp_path, "E049", (E049_META[0], ""), E049_ANIO)
    row = _uno(_rows(cli, folder), "meta.cumplimiento")
    assert (row["calculado"], row["veredicto"]) == ("117 %", "coincide")


E044_PUBLICADO = (
    "      2023: {meta: 13, valor: 10}",
    '      2023: {meta: 13, valor: 10, publicado: {cumplimiento: "130%", rango: Alto}}',
)


def test_a_descendente_match_on_the_supposed_formula_rests_on_it(cli, tmp_path):
    # sentido marked printed: only the formula is left to rest on
    folder = _escrita(tmp_path, "E044", ("    inferido: [sentido]\n", ""), E044_PUBLICADO)
    rows = _rows(cli, folder)
    cumplimiento = _uno(rows, "meta.cumplimiento")
    assert (cumplimiento["calculado"], cumplimiento["veredicto"]) == ("130 %", POR_CONSTRUCCION)
    assert "regla «cumplimiento.formula_descendente»" in cumplimiento["explicacion"]
    assert "confianza supuesto" in cumplimiento["explicacion"]
    assert "la espejo no da la cifra" in cumplimiento["explicacion"]
    # Alto with the inverse (130 %) and with the mirror (123.1 %): the rango does not rest on it
    assert _uno(rows, "meta.rango")["veredicto"] == "coincide"


def test_published_nd_is_said_as_such(cli, tmp_path):
    viejo = 'publicado: {cobertura: "94.90 %"}'
    row = _uno(
        _rows(cli, _escrita(tmp_path, "E045", (viejo, "publicado: {cobertura: ND}"))),
        "poblacion.cobertura",
    )
    assert row["veredicto"] == "no verificable"
    assert row["motivo"].startswith("el documento la publica como ND (no disponible)")
    assert "no es un número" not in row["motivo"]
    assert row["calculado"] == "94.90"  # what the spec's PA and PO give, shown beside it


def test_published_na_with_nothing_to_compute(cli, tmp_path):
    pa = ("atendida: 744939 ", "atendida: NA ")
    publicado = ('publicado: {cobertura: "94.90 %"}', "publicado: {cobertura: NA}")
    row = _uno(_rows(cli, _escrita(tmp_path, "E045", pa, publicado)), "poblacion.cobertura")
    assert row["veredicto"] == "no verificable" and row["calculado"] is None
    assert row["motivo"] == (
        "el documento la publica como NA (no aplica): no hay cifra que comparar; issste-mon "
        "tampoco la calcula (no calculable: PA NA)"
    )


def test_a_printed_negative_zero_is_below_zero():
    assert numero("-0.0 %", Decimal("0.04")).veredicto == "difiere"
    assert numero("-0.0 %", Decimal("0")).veredicto == "difiere"
    assert numero("-0.0 %", Decimal("-0.04")).veredicto == "coincide"
    # an unsigned printed zero takes -0.04 (a document drops the sign of a zero), and the
    # «calculado» printed beside it is that zero, not «-0.0 %»
    r = numero("0.0 %", Decimal("-0.04"))
    assert (r.veredicto, r.calculado) == ("coincide", "0.0 %")


def test_rounding_at_the_published_precision_half_up():
    # 1,897 / 2,000 = 94.85 %: «94.9 %» half up (half-even would give 94.8), «94.850 %» at 3
    assert (
        numero("94.9 %", Decimal("94.85")).veredicto,
        numero("94.9 %", Decimal("94.85")).calculado,
    ) == (
        "coincide",
        "94.9 %",
    )
    assert numero("94.850 %", Decimal("94.85")).calculado == "94.850 %"
    r = numero("94.8 %", Decimal("94.85"))
    assert (r.veredicto, r.explicacion) == ("difiere", "coincide truncando en lugar de redondear")


# E049's PO is not printed (seed 003 prints only «atendió 12,689 … cobertura del 70.31%»):
# 12,689 / 70.31 % → 18,047, taken back from the very figure it is then compared with.
E049_PO = ("    atendida: 12689\n", "    atendida: 12689\n    objetivo: 18047\n")
PO_INFERIDA = (E049_PO[0], E049_PO[1] + "    inferido: [objetivo]\n")


def test_a_po_taken_back_from_the_published_cobertura_is_not_a_match(cli, tmp_path):
    folder = _escrita(tmp_path, "E049", PO_INFERIDA)
    row = _uno(_rows(cli, folder), "poblacion.cobertura")
    assert (row["publicado"], row["calculado"]) == ("70.31 %", "70.31 %")
    assert row["veredicto"] == POR_CONSTRUCCION
    assert row["explicacion"] == "insumos tomados de la misma publicación: PO inferida (no impresa)"
    # and `cobertura` says it beside the figure
    (fila,) = json.loads(cli("cobertura", "E049", "-f", "json", "--specs", folder).out)
    assert "descansa en: PO inferida (no impresa)" in fila["nota"]


def test_a_printed_po_still_confirms(cli, tmp_path):
    row = _uno(_rows(cli, _escrita(tmp_path, "E049", E049_PO)), "poblacion.cobertura")
    assert (row["calculado"], row["veredicto"]) == ("70.31 %", "coincide")


def test_a_deduced_ramo_total_rests_on_it(cli, tmp_path):
    # E045 2016 (seed 001: «2016 2,712.44 213,827.70 1.27 %»), as if the ramo had been deduced
    ramo = ("ramo: 213827.70, precios", "ramo: 213827.70, inferido: [ramo], precios")
    folder = _escrita(tmp_path, "E045", ramo)
    rows = [r for r in _rows(cli, folder) if r["tipo"] == "presupuesto.porcentaje_ramo"]
    por_anio = {r["anio"]: r for r in rows}
    assert por_anio[2016]["veredicto"] == POR_CONSTRUCCION
    assert "ramo inferido (no impreso)" in por_anio[2016]["explicacion"]
    assert por_anio[2017]["veredicto"] == "coincide"  # its ramo is printed
    filas = json.loads(cli("presupuesto", "E045", "-f", "json", "--specs", folder).out)
    assert [f["nota"] for f in filas] == ["descansa en: ramo inferido (no impreso)", None]


def test_a_total_of_components_with_a_deduced_one(cli, tmp_path):
    text = (
        "clave: E045\nramo: 51\nnombre: Prestaciones sociales\npoblaciones:\n  2017:\n"
        '    publicado: {cobertura: "50.00 %"}\n    componentes:\n'
        "      - {nombre: A, unidad_medida: Personas, objetivo: 100, atendida: 60}\n"
        "      - {nombre: B, unidad_medida: Personas, objetivo: 100, atendida: 40,"
        " inferido: [atendida]}\n"
    )
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "E045.yaml").write_text(text, encoding="utf-8")
    (row,) = _rows(cli, str(folder))
    assert (row["calculado"], row["veredicto"]) == ("50.00 %", POR_CONSTRUCCION)
    assert "PA inferida (no impresa)" in row["explicacion"]


def test_an_unknown_name_in_inferido_is_an_error_not_a_dropped_mark(cli, tmp_path):
    folder = _escrita(tmp_path, "E049", (E049_PO[0], E049_PO[1] + "    inferido: [objetivos]\n"))
    r = cli("verificar", "--specs", folder)
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip().endswith(
        "E049.yaml:21:15: poblaciones.2023.inferido: «objetivos» no es una cifra de esta "
        "sección; se esperaba potencial | objetivo | atendida"
    )


E048_SENTIDO = ("    inferido: [sentido]\n", "    inferido: [sentdo]\n")


def test_a_misspelt_inferido_of_an_indicator_is_an_error_not_a_confirmed_match(cli, tmp_path):
    # E048's 95 % rests on its inferred sentido (valor / meta): with the mark misspelt it was
    # dropped, and `verificar` said «coincide» (exit 0) as if the sentido were printed
    folder = _escrita(tmp_path, "E048", E048_SENTIDO)
    r = cli("verificar", "--specs", folder)
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip().endswith(
        "E048.yaml:22:15: mir[0].inferido: «sentdo» no es un campo de esta sección; "
        "¿quiso decir «sentido»?"
    )


# A programa derivado with the raw values its categories are computed from (domain.md,
# Classifications 2: «Formula and bands [supuesto]»; Classifications 3: «supuesto bands»).
DERIVADO = """\
tipo: programa_derivado
clave: PD-PRUEBA
nombre: Programa derivado de prueba
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Resultados
    indicadores:
      - id: "1.1"
        nombre: Indicador ascendente adelantado
        sentido: ascendente
        enfoque: Resultados
        linea_base: {anio: 2018, valor: 0}
        meta_sexenal: 100
        metas: {2021: 50}
        valores: {2021: 60}
        publicado: {avance_sexenal: AVANCE, meta_intermedia: Logro muy superado}
      - id: "1.2"
        nombre: Indicador descendente con valores deducidos
        sentido: descendente
        enfoque: Gestión
        inferido: [valores]
        linea_base: {anio: 2018, valor: 50}
        meta_sexenal: 20
        metas: {2021: 40}
        valores: {2021: 55}
        publicado: {avance_sexenal: Muy rezagado}
"""


def _derivado(cli, tmp_path, avance: str, *metodologia: str) -> dict[tuple[str, str], dict]:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "PD-PRUEBA.yaml").write_text(DERIVADO.replace("AVANCE", avance), encoding="utf-8")
    r = cli("verificar", "-f", "json", "--specs", str(folder), *metodologia)
    return {(x["campo"].split(".")[1], x["tipo"]): x for x in json.loads(r.out)}


def test_a_category_on_supposed_cuts_is_not_a_confirmation(cli, tmp_path):
    rows = _derivado(cli, tmp_path, "Avanzado")
    avance = rows[("indicadores[0]", "indicador_derivado.avance_sexenal")]
    assert (avance["calculado"], avance["veredicto"]) == ("Avanzado", POR_CONSTRUCCION)
    assert "regla «avance_sexenal» de la metodología, confianza supuesto" in avance["explicacion"]
    meta = rows[("indicadores[0]", "indicador_derivado.meta_intermedia")]
    assert (
        meta["veredicto"] == POR_CONSTRUCCION and "regla «meta_intermedia»" in meta["explicacion"]
    )
    deducidos = rows[("indicadores[1]", "indicador_derivado.avance_sexenal")]
    assert deducidos["veredicto"] == POR_CONSTRUCCION
    assert "valores de 1.2 (inferido)" in deducidos["explicacion"]


def test_a_category_that_differs_on_supposed_cuts_is_not_a_document_error(cli, tmp_path):
    avance = _derivado(cli, tmp_path, "Adecuado")[
        ("indicadores[0]", "indicador_derivado.avance_sexenal")
    ]
    assert (avance["calculado"], avance["veredicto"]) == ("Avanzado", "no verificable")
    assert avance["motivo"].endswith("la diferencia no prueba un error del documento")


def test_cuts_a_methodology_says_are_printed_confirm_and_refute(cli, tmp_path):
    from issste_mon.metodologia import default_path

    supuesto = 'confianza: supuesto\n  fuente: "Nombres de categoría publicados'
    met = Path(default_path()).read_text(encoding="utf-8")
    assert met.count(supuesto) == 1
    archivo = tmp_path / "met.yaml"
    archivo.write_text(met.replace(supuesto, supuesto.replace("supuesto", "publicado", 1)))
    clave = ("indicadores[0]", "indicador_derivado.avance_sexenal")
    (tmp_path / "a").mkdir()
    assert (
        _derivado(cli, tmp_path / "a", "Avanzado", "--metodologia", str(archivo))[clave][
            "veredicto"
        ]
        == "coincide"
    )
    (tmp_path / "b").mkdir()
    assert (
        _derivado(cli, tmp_path / "b", "Adecuado", "--metodologia", str(archivo))[clave][
            "veredicto"
        ]
        == "difiere"
    )


def test_a_match_only_with_the_supposed_choice_of_meta_rests_on_it(cli, tmp_path):
    # meta 100 modified to 80, valor 90: 113 % with the modified meta (the methodology's
    # `supuesto`), 90 % with the original one
    text = (
        "clave: E048\nramo: 51\nnombre: Estancias\nmir:\n  - id: P1\n    nivel: Propósito\n"
        "    nombre: Indicador\n    sentido: ascendente\n    metas:\n"
        "      2023: {meta: 100, meta_modificada: 80, valor: 90,\n"
        '              publicado: {cumplimiento: "PUB"}}\n'
    )
    folder = tmp_path / "specs"
    folder.mkdir()
    for pub, veredicto in (("113%", POR_CONSTRUCCION), ("90%", "difiere, explicada")):
        (folder / "E048.yaml").write_text(text.replace("PUB", pub), encoding="utf-8")
        (row,) = _rows(cli, str(folder))
        assert row["veredicto"] == veredicto, pub
    assert row["explicacion"] == "coincide con meta original"
    (folder / "E048.yaml").write_text(text.replace("PUB", "113%"), encoding="utf-8")
    (row,) = _rows(cli, str(folder))
    assert "regla «cumplimiento.meta» de la metodología, confianza supuesto" in row["explicacion"]
    assert row["explicacion"].endswith("la modificada; con la otra no da la cifra")


def test_a_level_published_as_na_is_not_a_difference(cli, tmp_path):
    nivel = ("publicado: {nivel: Adecuado}", "publicado: {nivel: NA}")
    r = cli("verificar", "-f", "json", "--specs", _escrita(tmp_path, "E044", nivel))
    row = _uno(json.loads(r.out), "monitoreo.nivel")
    assert (row["veredicto"], row["calculado"]) == ("no verificable", "Adecuado")
    assert row["motivo"].startswith("el documento la publica como NA (no aplica)")
    assert r.code == 0


@pytest.mark.parametrize(
    ("despues_de", "escrito", "error"),
    [
        (
            "        sentido: ascendente\n",
            "        inferido: [valoress]\n",
            "PD-PRUEBA.yaml:12:19: objetivos[0].indicadores[0].inferido: «valoress» no es un "
            "campo de esta sección; ¿quiso decir «valores»?",
        ),
        (
            "    texto: Objetivo de prueba\n",
            "    inferido: [enfoqe]\n",
            "PD-PRUEBA.yaml:7:15: objetivos[0].inferido: «enfoqe» no es un campo de esta "
            "sección; se esperaba texto | enfoque | vinculado_programas",
        ),
    ],
)
def test_a_misspelt_inferido_of_a_programa_derivado_is_an_error(
    cli, tmp_path, despues_de, escrito, error
):
    # an indicator's `valores` marked inferred make its categories «por construcción», an
    # objective's `enfoque` its indicators' enfoque_objetivo in the counts: misspelt, the mark
    # was dropped and those figures read as confirmed
    texto = DERIVADO.replace("AVANCE", "Superado").replace(despues_de, despues_de + escrito, 1)
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "PD-PRUEBA.yaml").write_text(texto, encoding="utf-8")
    r = cli("validar", str(folder))
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip().endswith(error)
