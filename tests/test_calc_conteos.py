"""The "n (p%)" statements of seeds 002/003, recomputed from per-program and per-indicator
attributes of the bundled specs, with CONEVAL's half-up rounding."""

from __future__ import annotations

import pytest

from issste_mon.calc import conteos
from issste_mon.modelo import Enunciado
from issste_mon.salida.numfmt import parse_conteo

PI = "PI-ISSSTE-2020-2024"


@pytest.fixture(scope="module")
def issste(specs):
    (dep,) = [d for d in specs.dependencias if d.clave == "ISSSTE"]
    return dep


@pytest.fixture(scope="module")
def pi(specs):
    (d,) = [d for d in specs.derivados if d.clave == PI]
    return d


def enunciado(dep, id_: str) -> Enunciado:
    (e,) = [e for e in dep.resumen[2024] if e.id == id_]
    return e


def test_universe_is_the_nine_2024_programs(specs):
    u = conteos.universo_programas(specs, 2024)
    assert [e["id"] for e in u] == [
        "E015",
        "E018",
        "E036",
        "E042",
        "E043",
        "E044",
        "E046",
        "E048",
        "E049",
    ]
    assert all("fuente" not in e for e in u)


@pytest.mark.parametrize(
    "id_,n,texto,ids",
    [
        ("proposito_derecho_directo", 5, "5 (56%)", ["E018", "E036", "E043", "E044", "E048"]),
        ("logica_vertical_ajustes_mayores", 7, "7 (78%)", None),
        ("problema_poblacion_ajustes_mayores", 7, "7 (78%)", None),
        ("indicadores_derecho_no_directo", 6, "6 (67%)", None),
        ("sin_indicador_resultados", 6, "6 (67%)", None),
        ("calidad_indicadores_ajustes_significativos", 5, "5 (56%)", None),
        (
            "sin_indicador_cobertura",
            7,
            "7 (78%)",
            ["E015", "E018", "E036", "E042", "E043", "E044", "E048"],
        ),
        ("objetivos_menos_de_la_mitad", 7, "7 (78%)", None),
    ],
)
def test_program_statements(specs, issste, id_, n, texto, ids):
    e = enunciado(issste, id_)
    r = conteos.contar(e, conteos.universo_programas(specs, 2024))
    assert (r["n"], r["total"], r["origen"]) == (n, 9, "atributos")
    assert conteos.formatear(r["n"], r["total"]) == texto
    # …and it agrees with what the document printed (number and half-up percentage).
    pub = parse_conteo(e.publicado)
    assert pub.n == r["n"] and pub.pct.matches(r["pct"])
    if ids is not None:
        assert r["ids"] == ids


def test_two_of_nine_have_a_coverage_indicator(specs):
    e = Enunciado(id="con_cobertura", publicado="2", atributo="indicador_cobertura", valor=["sí"])
    r = conteos.contar(e, conteos.universo_programas(specs, 2024))
    assert (r["n"], r["total"], r["ids"]) == (2, 9, ["E046", "E049"])
    assert conteos.formatear(2, 9) == "2 (22%)"


def test_statement_with_n_and_total_is_used_as_given(specs, issste):
    r = conteos.contar(
        enunciado(issste, "tres_observaciones_historicas"), conteos.universo_programas(specs, 2024)
    )
    assert (r["n"], r["total"], r["origen"]) == (4, 9, "enunciado")
    assert conteos.formatear(r["n"], r["total"]) == "4 (44%)"


def test_seed003_prints_five_of_nine_truncated(specs, issste):
    e = enunciado(issste, "indicador_problema_publico")
    r = conteos.contar(e, [])
    assert conteos.formatear(r["n"], r["total"]) == "5 (56%)"  # half-up, as seed 002 prints it
    pub = parse_conteo(e.publicado)
    assert not pub.pct.matches(r["pct"]) and pub.pct.matches_truncated(r["pct"])


@pytest.mark.parametrize(
    "id_,texto",
    [
        ("objetivos_vinculados", "4 (80%)"),
        ("objetivos_resultados", "3 (60%)"),
        ("objetivos_no_resultados", "2 (40%)"),
        ("indicadores_destacado_adecuado", "3 (20%)"),
        ("indicadores_oportunidad_mejora", "8 (53%)"),
        ("indicadores_destacado_pct", "2 (13%)"),
    ],
)
def test_derivado_statements(specs, pi, id_, texto):
    (e,) = [e for e in pi.resumen[2024] if e.id == id_]
    r = conteos.contar(e, conteos.universo(e, specs, 2024, pi))
    assert conteos.formatear(r["n"], r["total"]) == texto
    assert parse_conteo(e.publicado).pct.matches(r["pct"])


def test_formatear_rounds_half_up():
    assert conteos.formatear(1, 8) == "1 (13%)"  # 12.5 → 13 (round() would give 12)
    assert conteos.formatear(5, 9) == "5 (56%)"
    assert conteos.formatear(1, 8, pct_decimales=1) == "1 (12.5%)"
    assert conteos.formatear(2, 15, estilo="coma") == "2, 13%"
    assert conteos.formatear(0, 0) == "0"


def test_values_match_case_and_accent_insensitively_and_booleans():
    elementos = [
        {"id": "a", "x": "Sí"},
        {"id": "b", "x": "no"},
        {"id": "c"},
        {"id": "d", "x": True},
    ]
    r = conteos.contar(
        Enunciado(id="t", publicado="", atributo="x", valor=["si", "True"]), elementos
    )
    assert (r["n"], r["total"], r["ids"], r["sin_dato"]) == (2, 4, ["a", "d"], 1)


@pytest.mark.parametrize(
    ("texto", "n", "total", "otro", "cumple"),
    [
        ("La mayoría de los indicadores", 8, 15, 7, True),
        ("La mayoría de los indicadores", 7, 14, 7, False),  # half is not a majority
        ("en su mayoría", 6, 9, 3, True),
        ("mayormente como superados", 5, 15, 3, True),  # a plurality, not a majority
        ("mayormente como superados", 3, 15, 3, False),  # a tie is not «mayormente»
        ("algunos indicadores", 5, 15, 0, True),
        ("algunos indicadores", 1, 15, 0, False),  # one is not «algunos»
        ("algunos indicadores", 15, 15, 0, False),  # all is not «algunos»
        ("todos los indicadores reportan avance", 15, 15, 0, True),
        ("todos los indicadores reportan avance", 14, 15, 1, False),
        ("La mitad de los indicadores", 7, 15, 0, True),
        ("La mitad de los indicadores", 8, 15, 0, True),
        ("La mitad de los indicadores", 10, 15, 0, False),
    ],
)
def test_words_of_quantity(texto, n, total, otro, cumple):
    conteo = conteos.leer_conteo(texto)
    assert conteo is not None and conteo.cuantificador is not None
    r = {"n": n, "total": total, "pct": conteos.pct(n, total), "otro_mayor": ("otro", otro)}
    assert conteos.cumple_cuantificador(conteo.cuantificador, r)[0] is cumple
    assert conteos.comparar(r, texto)[0] is cumple


def test_quantity_words_say_what_was_counted():
    """Seed 004's cross-table: Gestión 12 of 15 indicators is «la mayoría»; Superado 5, the
    next category Muy rezagado 3, is «mayormente» — only that word names the runner-up."""
    gestion = {"n": 12, "total": 15, "otro_mayor": ("Resultados", 2)}
    assert conteos.cumple_cuantificador("la mayoria", gestion) == (True, "12 de 15")
    assert conteos.cumple_cuantificador(
        "mayormente", {"n": 5, "total": 15, "otro_mayor": ("Muy rezagado", 3)}
    ) == (True, "5 de 15; el siguiente valor, Muy rezagado: 3")
    assert conteos.cumple_cuantificador("algunas", {"n": 1, "total": 15}) == (False, "1 de 15")


def test_the_categories_of_each_published_attribute(metodologia):
    """What a remainder («3 (20%)» NR in seed 004's table) counts: the «sin dato» category of
    the attribute the statement reads, and every category it can take."""
    sexenal, intermedia = "avance_sexenal_publicado", "meta_intermedia_publicada"
    assert conteos.categorias_atributo(sexenal, metodologia) == [
        "Superado",
        "Avanzado",
        "Adecuado",
        "Insuficiente",
        "Rezagado",
        "Muy rezagado",
        "Sentido constante",
        "NR",
    ]
    assert conteos.categorias_atributo(intermedia, metodologia) == [
        "Logro muy superado",
        "Alcanzada",
        "No alcanzada",
        "Retroceso",
        "NR",
    ]
    assert conteos.categorias_atributo("enfoque", metodologia) is None
    assert conteos.categorias_sin_dato(sexenal, metodologia) == ["NR"]
    assert conteos.categorias_sin_dato(intermedia, metodologia) == ["NR"]
