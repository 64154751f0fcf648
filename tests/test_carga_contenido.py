"""Content rules `validar` enforces beyond types: published figures as quoted text, the
Diagnóstico's attributes in their domain, bounded scores in range, enunciado ids unique and
referred to. Each is one line file:line:col: field: message, exit code 2, and every command
refuses the spec the same way."""

from __future__ import annotations

import textwrap

import pytest

from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError

CABECERA = "clave: X001\nramo: 51\nnombre: x\n"


def write(tmp_path, text: str, name: str = "X001.yaml"):
    path = tmp_path / name
    path.write_text(CABECERA + textwrap.dedent(text), encoding="utf-8")
    return path


def at(path, line: int, escrito: str) -> str:
    """file:line:col of the last `escrito` on that line (1-based), as problems print it."""
    col = path.read_text(encoding="utf-8").split("\n")[line - 1].rindex(escrito) + 1
    return f"{path}:{line}:{col}"


def problems_of(path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_paths([str(path)])
    return [str(p) for p in info.value.problems if p.severity == "error"]


# ---------------------------------------------------------------- publicado: quoted, as printed

POBLACION = (
    "poblaciones: {2020: {unidad_medida: Personas, potencial: 1000, objetivo: 1000, "
    "atendida: 949.4, publicado: {cobertura: %s}}}\n"
)


def test_an_unquoted_published_figure_is_an_error_not_a_false_match(tmp_path, cli):
    # YAML reads 94.90 as 94.9: the printed rounding is lost, and 94.94 would «coincide»
    path = write(tmp_path, POBLACION % "94.90")
    for args in (["validar", "--estricto", str(path)], ["verificar", "--specs", str(path)]):
        r = cli(*args)
        assert r.code == 2, args
        assert r.err.splitlines() == [
            f"{path}:4:120: poblaciones.2020.publicado.cobertura: escriba la cifra entre "
            'comillas tal como se imprimió ("94.90"): sin comillas YAML la lee como 94.9 y se '
            "pierde el redondeo publicado"
        ], args
    # quoted, it is compared at its printed precision: 94.94 is not 94.90
    write(tmp_path, POBLACION % '"94.90"')
    r = cli("verificar", "--specs", str(path))
    assert r.code == 1 and "difiere" in r.out


@pytest.mark.parametrize(
    ("texto", "linea", "escrito", "campo"),
    [
        (
            "presupuesto:\n  2016: {ejercido: 1, ramo: 80, publicado: {porcentaje_ramo: 1.20}}\n",
            5,
            "1.20",
            "presupuesto.2016.publicado.porcentaje_ramo",
        ),
        (
            "mir:\n  - id: P1\n    nivel: Fin\n    nombre: i\n    sentido: ascendente\n"
            "    metas:\n      2017: {meta: 1, valor: 2, publicado: {cumplimiento: 114}}\n",
            10,
            "114",
            "mir[0].metas.2017.publicado.cumplimiento",
        ),
        (
            "monitoreo:\n  2024:\n    valoracion: 0.5\n    publicado:\n      nivel: 0.50\n",
            8,
            "0.50",
            "monitoreo.2024.publicado.nivel",
        ),
        (
            "ised:\n  2020: {valor: 0.5, publicado: {valor: .5}}\n",
            5,
            ".5",
            "ised.2020.publicado.valor",
        ),
        (
            "evaluaciones:\n  - anio: 2016\n    publicado: {costo: 522000.00}\n",
            6,
            "522000.00",
            "evaluaciones[0].publicado.costo",
        ),
    ],
    ids=["presupuesto", "meta", "monitoreo", "ised", "evaluacion"],
)
def test_every_publicado_of_a_program_asks_for_quotes(tmp_path, texto, linea, escrito, campo):
    path = write(tmp_path, texto)
    [problema] = problems_of(path)
    assert problema.startswith(
        f"{at(path, linea, escrito)}: {campo}: escriba la cifra entre "
        f'comillas tal como se imprimió ("{escrito}"): sin comillas YAML'
    )


DEPENDENCIA = """\
tipo: dependencia
siglas: DEP
ramo: 51
nombre: Dependencia
monitoreo:
  2024: {inmonitoreo: 0.5, publicado: {inmonitoreo: 0.50}}
cumplimiento:
  2023:
    publicado: {promedio_proposito: 122}
resumen:
  2024:
    - {id: a, n: 1, total: 2, publicado: 12}
"""


def test_every_publicado_of_a_dependencia_asks_for_quotes(tmp_path):
    path = tmp_path / "DEP.yaml"
    path.write_text(DEPENDENCIA, encoding="utf-8")
    found = problems_of(path)
    assert [p.split(": escriba")[0] for p in found] == [
        f"{at(path, 6, '0.50')}: monitoreo.2024.publicado.inmonitoreo",
        f"{at(path, 9, '122')}: cumplimiento.2023.publicado.promedio_proposito",
        f"{at(path, 12, '12')}: resumen.2024[0].publicado",
    ]
    assert '("0.50"): sin comillas YAML la lee como 0.5' in found[0]
    assert '("122"): sin comillas YAML la lee como un número' in found[1]


def test_a_published_table_cell_asks_for_quotes(tmp_path):
    path = tmp_path / "PD-X.yaml"
    path.write_text(
        "tipo: programa_derivado\nclave: PD-X\nnombre: x\n"
        'tabla_enfoque_avance_publicada:\n  Gestión: {Superado: 5, Total general: "12, 80%"}\n'
        "  Resultados: 3\n",
        encoding="utf-8",
    )
    found = problems_of(path)
    assert [p.split(": ", 2)[:2] for p in found] == [
        [at(path, 5, "5"), "tabla_enfoque_avance_publicada.Gestión.Superado"],
        [at(path, 6, "3"), "tabla_enfoque_avance_publicada.Resultados"],
    ]
    assert '("5")' in found[0] and "se esperaba un mapeo" in found[1]


# ---------------------------------------------------------------- diagnostico: known categories


def test_a_diagnostico_value_of_the_wrong_kind_is_an_error_not_dropped(tmp_path, cli):
    # `resumen` used to count logica_vertical=5 and omit problema_y_poblacion in silence
    path = write(
        tmp_path, "diagnostico: {2024: {logica_vertical: 5, problema_y_poblacion: [a, b]}}\n"
    )
    r = cli("validar", "--estricto", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{at(path, 4, '5')}: diagnostico.2024.logica_vertical: valor desconocido 5 para "
        "logica_vertical; se esperaba destacada | ajustes_mayores",
        f"{at(path, 4, '[a, b]')}: diagnostico.2024.problema_y_poblacion: valor desconocido una "
        "lista para problema_y_poblacion; se esperaba adecuado | ajustes_mayores",
    ]
    assert cli("resumen", "--specs", str(path)).code == 2


def test_diagnostico_attributes_are_checked_and_kept_in_canonical_form(tmp_path):
    path = write(
        tmp_path,
        """\
        diagnostico:
          2024:
            fuente: un documento
            logica_vertical: Ajustes mayores
            indicador_cobertura: "no"
            propio: si
            vinculado: true
            nota: una observación, no un atributo
            inferido: [logica_vertical]
        """,
    )
    (prog,) = load_paths([str(path)]).programas
    assert prog.diagnostico[2024] == {
        "fuente": "un documento",
        "logica_vertical": "ajustes_mayores",
        "indicador_cobertura": "no",
        "propio": "si",
        "vinculado": "True",
    }


@pytest.mark.parametrize(
    ("linea", "mensaje"),
    [
        (
            "indicador_cobertura: no",
            "se esperaba si | no: sin comillas YAML lee no como booleano, escríbalo entre "
            'comillas ("no")',
        ),
        ("logica_vertical: mayores", 'valor desconocido "mayores" para logica_vertical'),
        ("propio: 1.10", "se esperaba un texto, se encontró el número 1.10, que YAML lee como 1.1"),
        ("propio: {a: 1}", "se esperaba la categoría del atributo (un texto o true/false)"),
        # (`inferido: 5` names the attribute «5», as a list item or an `id: 5` would)
        ("inferido: {a: 1}", "se esperaba una lista de textos"),
    ],
    ids=["si-no-booleano", "categoria", "decimal", "mapeo", "inferido"],
)
def test_each_diagnostico_problem_names_its_attribute(tmp_path, linea, mensaje):
    path = write(tmp_path, f"diagnostico:\n  2024:\n    {linea}\n")
    [problema] = problems_of(path)
    campo = linea.split(":")[0]
    assert problema.startswith(f"{path}:6:{len(campo) + 7}: diagnostico.2024.{campo}: ")
    assert mensaje in problema, problema


def test_an_enunciado_counting_a_diagnostico_attribute_names_a_known_category(tmp_path):
    path = tmp_path / "DEP.yaml"
    path.write_text(
        "tipo: dependencia\nsiglas: DEP\nramo: 51\nnombre: D\nresumen:\n  2024:\n"
        "    - {id: a, atributo: logica_vertical, valor: [destacada, ajuste_mayor], "
        'publicado: "1 (50%)"}\n',
        encoding="utf-8",
    )
    [problema] = problems_of(path)
    assert problema.startswith(f"{at(path, 7, 'ajuste_mayor')}: resumen.2024[0].valor[1]: ")
    assert 'valor desconocido "ajuste_mayor" para logica_vertical' in problema


# ---------------------------------------------------------------- bounded scores and ranks


def test_a_valoracion_outside_0_1_is_an_error_as_the_ised_is(tmp_path, cli):
    # it used to pass and `monitoreo` classified a 7 as «Óptimo»
    path = write(tmp_path, "monitoreo: {2024: {valoracion: 7}}\n")
    for args in (
        ["validar", "--estricto", str(path)],
        ["monitoreo", "-f", "csv", "--specs", str(path)],
    ):
        r = cli(*args)
        assert r.code == 2, args
        assert r.err.splitlines() == [
            f"{at(path, 4, '7')}: monitoreo.2024.valoracion: se esperaba un valor de 0 a 1, "
            "se encontró 7"
        ], args
    for valido in ("0", "1", "0.433", "ND"):
        write(tmp_path, f"monitoreo: {{2024: {{valoracion: {valido}}}}}\n")
        assert cli("validar", "--estricto", str(path)).code == 0, valido


@pytest.mark.parametrize(
    ("texto", "linea", "escrito", "problema"),
    [
        ("inicio: 2020\nfin: 2010\n", 5, "2010",
         "fin: el año de fin (2010) es anterior al de inicio (2020)"),
        ("inicio: 0\n", 4, "0", "inicio: se esperaba un año entre 1900 y 2200, se encontró 0"),
        ("fin: 99999\n", 4, "99999",
         "fin: se esperaba un año entre 1900 y 2200, se encontró 99999"),
        ("mir: [{id: P1, nivel: Fin, nombre: i, sentido: ascendente, linea_base: {anio: 17}}]\n",
         4, "17", "mir[0].linea_base.anio: se esperaba un año entre 1900 y 2200, se encontró 17"),
    ],
)  # fmt: skip
def test_a_program_s_years_are_years_and_its_period_runs_forward(
    tmp_path, cli, texto, linea, escrito, problema
):
    """They were any integer: `inicio: 0`, `fin: 99999` or a period ending before it began."""
    path = write(tmp_path, texto)
    r = cli("validar", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [f"{at(path, linea, escrito)}: {problema}"]


@pytest.mark.parametrize("ramo", ["0", "-51"])
@pytest.mark.parametrize(
    ("nombre", "texto"),
    [
        ("X001.yaml", "clave: X001\nramo: {ramo}\nnombre: x\n"),
        ("DEP.yaml", "tipo: dependencia\nsiglas: DEP\nramo: {ramo}\nnombre: x\n"),
        ("PD.yaml", "tipo: programa_derivado\nclave: PD\nramo: {ramo}\nnombre: x\n"),
    ],
)
def test_a_ramo_is_a_positive_number(tmp_path, cli, nombre, texto, ramo):
    """A ramo of 0 or -51 was accepted, and printed as the ramo of the program (`-51-E045`)."""
    path = tmp_path / nombre
    path.write_text(texto.format(ramo=ramo), encoding="utf-8")
    r = cli("validar", str(path))
    assert r.code == 2
    linea = texto.split("\n").index("ramo: {ramo}") + 1
    assert r.err.splitlines() == [
        f"{at(path, linea, ramo)}: ramo: se esperaba un entero positivo (1 o más), "
        f"se encontró {ramo}"
    ]


def test_a_derived_program_s_period_is_two_years_in_order(tmp_path, cli):
    path = tmp_path / "PD.yaml"
    path.write_text(
        "tipo: programa_derivado\nclave: PD\nnombre: x\nperiodo: {inicio: 2024, fin: 20}\n",
        encoding="utf-8",
    )
    r = cli("validar", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{at(path, 4, '20}')}: periodo.fin: se esperaba un año entre 1900 y 2200, se encontró 20"
    ]
    path.write_text(path.read_text().replace("fin: 20}", "fin: 2020}"), encoding="utf-8")
    r = cli("validar", str(path))
    assert r.err.splitlines() == [
        f"{at(path, 4, '2020}')}: periodo.fin: el año de fin (2020) es anterior al de inicio (2024)"
    ]


def test_a_repeated_objective_id_of_a_derived_program_is_an_error(tmp_path, cli):
    """Indicator ids were checked, objective ids were not: two objectives «1» read as one."""
    path = tmp_path / "PD.yaml"
    objetivo = (
        '  - {id: "1", texto: t, indicadores: [{id: "%s", nombre: n, sentido: ascendente}]}\n'
    )
    path.write_text(
        "tipo: programa_derivado\nclave: PD\nnombre: x\nobjetivos:\n"
        + objetivo % "1.1"
        + objetivo % "2.1",
        encoding="utf-8",
    )
    r = cli("validar", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [
        f'{path}:6:10: objetivos[1].id: id repetido "1" (ya usado en objetivos[0])'
    ]


@pytest.mark.parametrize(
    ("lista", "col", "problema"),
    [
        ("[E001, E002, E001]", 22, 'clave repetida "E001" (ya en programas_sociales.2024[0])'),
        ("[E001, 15]", 16, "se esperaba una clave de programa (texto), se encontró 15"),
    ],
)
def test_a_dependency_s_programas_sociales_are_claves_each_once(
    tmp_path, cli, lista, col, problema
):
    """The list is the N of the «n de N» counts: a clave listed twice counted twice (and the
    message for a number in it was «se esperaba una lista de claves, se encontró una lista»)."""
    path = tmp_path / "DEP.yaml"
    path.write_text(
        "tipo: dependencia\nsiglas: DEP\nramo: 51\nnombre: x\n"
        f"programas_sociales:\n  2024: {lista}\n",
        encoding="utf-8",
    )
    r = cli("validar", str(path))
    assert r.code == 2
    i = lista.count(",")
    assert r.err.splitlines() == [f"{path}:6:{col}: programas_sociales.2024[{i}]: {problema}"]


def test_a_component_name_repeated_in_a_year_is_an_error(tmp_path, cli):
    """`verificar` found a component by its name: the second «Estancias»'s published 85.71 %
    was compared with the first's 90.00 % and said «difiere»."""
    componente = (
        "      - {nombre: Estancias, unidad_medida: N, potencial: %d, objetivo: %d, atendida: %d"
    )
    path = write(
        tmp_path,
        "poblaciones:\n  2018:\n    componentes:\n"
        + componente % (2000, 300, 270)
        + "}\n"
        + componente % (4000, 700, 600)
        + ', publicado: {cobertura: "85.71 %"}}\n',
    )
    for args in (("validar", str(path)), ("verificar", "--specs", str(path), "-f", "csv")):
        r = cli(*args)
        assert r.code == 2
        assert r.err.splitlines() == [
            f"{path}:8:18: poblaciones.2018.componentes[1].nombre: componente repetido "
            '"Estancias" (ya en poblaciones.2018.componentes[0])'
        ]


def test_a_year_with_components_refuses_figures_of_its_own(tmp_path, cli):
    """`potencial: 5` beside `componentes` was left unused as «clave desconocida» (exit 0),
    which reads as a typo; the total is computed from the components."""
    path = write(
        tmp_path,
        "poblaciones:\n  2018:\n    nota: n\n    potencial: 5\n    componentes:\n"
        "      - {nombre: A, unidad_medida: N, potencial: 20, objetivo: 3, atendida: 2}\n",
    )
    r = cli("validar", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"{path}:7:5: poblaciones.2018.potencial: un año con componentes no admite «potencial» "
        "a su lado: el total se calcula de los componentes; pase la cifra al componente que "
        "corresponde o quítela"
    ]


DEPENDENCIA_RANGOS = """\
tipo: dependencia
siglas: DEP
ramo: 51
nombre: Dependencia
monitoreo:
  2024: {inmonitoreo: 1.5, subindice_dependencia: -0.1, lugar: 16, de: 15}
  2022: {inmonitoreo: 0.5, lugar: 0, de: 0}
resumen:
  2024:
    - {id: a, n: 5, total: 3, publicado: "5 de 3"}
    - {id: b, n: -1, total: 3, publicado: "-1"}
"""


def test_dependencia_scores_ranks_and_counts_are_in_range(tmp_path):
    path = tmp_path / "DEP.yaml"
    path.write_text(DEPENDENCIA_RANGOS, encoding="utf-8")
    assert problems_of(path) == [
        f"{at(path, 7, '0,')}: monitoreo.2022.lugar: se esperaba un entero positivo (1 o más), "
        "se encontró 0",
        f"{at(path, 7, '0}')}: monitoreo.2022.de: se esperaba un entero positivo (1 o más), "
        "se encontró 0",
        f"{at(path, 6, '1.5')}: monitoreo.2024.inmonitoreo: se esperaba un valor de 0 a 1, "
        "se encontró 1.5",
        f"{at(path, 6, '-0.1')}: monitoreo.2024.subindice_dependencia: se esperaba un valor de "
        "0 a 1, se encontró -0.1",
        f"{at(path, 6, '16')}: monitoreo.2024.lugar: el lugar 16 no cabe entre 15 dependencias "
        "valoradas (de: 15)",
        f"{at(path, 10, '5,')}: resumen.2024[0].n: n (5) no puede ser mayor que total (3)",
        f"{at(path, 11, '-1,')}: resumen.2024[1].n: un conteo no puede ser negativo: -1",
    ]


# ---------------------------------------------------------------- enunciado ids and references

RESUMEN = """\
tipo: dependencia
siglas: DEP
ramo: 51
nombre: Dependencia
resumen:
  2024:
    - {id: a, n: 1, total: 3, publicado: "1 de 3"}
    - {id: a, n: 2, total: 3, publicado: "2 de 3", contradice: b}
    - {id: e, n: 2, total: 3, publicado: "2 de 3", contradice: a}
    - {id: f, n: 2, total: 3, publicado: "2 de 3", contradice: la tabla 3 del anexo}
  2023:
    - {id: c, n: 1, total: 3, publicado: "1 de 3", resto_de: [e, zz, c]}
    - {id: d, n: 1, total: 3, publicado: "1 de 3", contradice: d, resto_de: zz}
"""


def test_repeated_enunciado_ids_and_unknown_references_are_errors(tmp_path, cli):
    path = tmp_path / "DEP.yaml"
    path.write_text(RESUMEN, encoding="utf-8")
    r = cli("validar", "--estricto", str(path))
    assert r.code == 2
    assert sorted(r.err.splitlines()) == sorted(
        [
            f'{at(path, 8, "a,")}: resumen.2024[1].id: id repetido "a" (ya usado en '
            "resumen.2024[0])",
            f'{at(path, 8, "b}")}: resumen.2024[1].contradice: no hay un enunciado con id "b" '
            "en el resumen de este archivo; si describe otro lugar del documento, escríbalo "
            "como frase",
            f"{at(path, 12, 'zz')}: resumen.2023[0].resto_de[1]: no hay un enunciado con id "
            '"zz" en el resumen de este archivo',
            f'{at(path, 12, "c]")}: resumen.2023[0].resto_de[2]: "c" es el id de este mismo '
            "enunciado",
            f'{at(path, 13, "d,")}: resumen.2023[1].contradice: "d" es el id de este mismo '
            "enunciado",
            f'{at(path, 13, "zz")}: resumen.2023[1].resto_de: no hay un enunciado con id "zz" '
            "en el resumen de este archivo",
        ]
    )


@pytest.mark.parametrize(
    ("definicion", "mensaje"),
    [
        ("[a, b]", "poblaciones.2020.definicion: se esperaba un texto o {objetivo: texto, …}"),
        ("{objetiva: x}", "poblaciones.2020.definicion.objetiva: se esperaba potencial | objetivo"),
        ("{objetivo: 5}", "poblaciones.2020.definicion.objetivo: se esperaba un texto"),
    ],
)
def test_a_population_definition_is_a_text_per_population(cli, tmp_path, definicion, mensaje):
    (tmp_path / "X001.yaml").write_text(
        "clave: X001\nramo: 51\nnombre: x\npoblaciones:\n"
        f"  2020: {{unidad_medida: P, objetivo: 1, atendida: 1, definicion: {definicion}}}\n",
        "utf-8",
    )
    r = cli("validar", str(tmp_path))
    assert r.code == 2 and mensaje in r.err, r.err
