"""A methodology file with a wrong threshold is refused, one located line per problem.

Each case edits the bundled file the way a user would (a line changed with a regex, as QA did
with sed) and runs the real command: exit 2, every line `file:line:col: keypath: mensaje`, no
traceback, no English text from Python, nothing the user wrote ignored.
"""

from __future__ import annotations

import re

import pytest

from issste_mon import metodologia
from issste_mon.errores import SpecError

REFERENCIA = open(metodologia.default_path(), encoding="utf-8").read().splitlines(keepends=True)
LINEA = re.compile(r"^m\.yaml:\d+:\d+: [\w.\[\]]+: \S")


def editada(tmp_path, *cambios: tuple[int, str, str]):
    """The bundled methodology with `old` replaced by `new` on each 1-based line."""
    lineas = list(REFERENCIA)
    for n, old, new in cambios:
        assert old in lineas[n - 1], (n, old, lineas[n - 1])
        lineas[n - 1] = lineas[n - 1].replace(old, new)
    path = tmp_path / "m.yaml"
    path.write_text("".join(lineas), encoding="utf-8")
    return path


def errores(cli, tmp_path, *cambios, comando=("cumplimiento", "E045")) -> list[str]:
    path = editada(tmp_path, *cambios)
    r = cli(*comando, "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err, r
    lineas = r.err.replace(str(tmp_path) + "/", "").splitlines()
    for linea in lineas:
        assert LINEA.match(linea), linea
    return lineas


def test_the_bundled_methodology_is_valid():
    assert metodologia.load().rango_inferior == 90


# --- defect 1: every ordered set of thresholds ------------------------------------------------


def test_an_inverted_band_is_refused(cli, tmp_path):
    # It used to give rc 0, E048 (94.75 %) «Bajo» and «Por rango (110–90 %)».
    assert errores(cli, tmp_path, (20, "inferior: 90", "inferior: 110"), (21, "110", "90")) == [
        "m.yaml:20:5: cumplimiento.rango: inferior (110) mayor que superior (90)"
    ]


def test_equal_band_limits_are_a_band_of_one_value(cli, tmp_path):
    path = editada(tmp_path, (21, "superior: 110", "superior: 90"))
    assert cli("cumplimiento", "E045", "-f", "tsv", "--metodologia", str(path)).code == 0


def test_inmonitoreo_cuts_strictly_increasing_from_0_within_0_1(cli, tmp_path):
    assert errores(
        cli,
        tmp_path,
        (34, "desde: 0}", "desde: 0.1}"),
        (36, "0.53", "0.25"),
        (38, "0.98", "1.5"),
    ) == [
        "m.yaml:34:34: inmonitoreo.niveles[0].desde: el primer nivel debe empezar en 0 (el índice"
        " va de 0 a 1), se encontró 0.1",
        "m.yaml:36:29: inmonitoreo.niveles[2].desde: desde (0.25) debe ser mayor que el del nivel"
        " anterior «Básico» (0.25): los cortes van en orden creciente",
        "m.yaml:38:30: inmonitoreo.niveles[4].desde: debe estar entre 0 y 1, se encontró 1.5",
        # (and the supuesto cut of Medio leaves where the published pairs put it)
        "m.yaml:47:12: inmonitoreo.cortes_posibles.Medio: el corte de «Medio» (0.25) está fuera"
        " de (0.515, 0.547], donde lo sitúan los datos",
    ]


def test_ised_cuts_in_order(cli, tmp_path):
    assert errores(cli, tmp_path, (91, "0.4", "0.1")) == [
        "m.yaml:91:29: ised.niveles[2].desde: desde (0.1) debe ser mayor que el del nivel"
        " anterior «Medio bajo» (0.2): los cortes van en orden creciente"
    ]


def test_inmonitoreo_weights_sum_to_1_and_decimals_in_range(cli, tmp_path):
    assert errores(cli, tmp_path, (51, "0.5", "0.6"), (53, "3", "-1")) == [
        "m.yaml:51:5: inmonitoreo.agregacion: peso_programas (0.6) + peso_dependencia (0.5) ="
        " 1.1; deben sumar 1",
        "m.yaml:53:16: inmonitoreo.agregacion.decimales: debe estar entre 0 y 10, se encontró -1",
    ]


def test_conteos_decimals_are_an_integer(cli, tmp_path):
    assert errores(cli, tmp_path, (107, "0", "2.5")) == [
        "m.yaml:107:14: conteos.decimales: se esperaba un entero, se encontró 2.5"
    ]


def test_sexenal_rule_that_can_never_apply(cli, tmp_path):
    assert errores(cli, tmp_path, (63, "0.70", "0.95"), comando=("sexenal",)) == [
        "m.yaml:63:7: avance_sexenal.categorias[3]: «Insuficiente» (razon_min: 0.95) nunca se"
        " aplica: «Adecuado» (razon_min: 0.9) va antes y ya cubre esos valores; los umbrales de"
        " una misma medida van de mayor a menor"
    ]


def test_sexenal_needs_a_last_category_without_condition(cli, tmp_path):
    lineas = errores(
        cli,
        tmp_path,
        (65, "{categoria: Muy rezagado}", "{categoria: Muy rezagado, avance_min: -100}"),
    )
    assert lineas == [
        "m.yaml:60:5: avance_sexenal.categorias: la última categoría debe ir sin condición: es la"
        " que se aplica cuando ninguna otra se cumple"
    ]
    assert errores(cli, tmp_path, (60, ", avance_min: 100", "")) == [
        "m.yaml:61:7: avance_sexenal.categorias[1]: «Avanzado» nunca se aplica: va después de"
        " «Superado», que no tiene condición (la categoría sin condición va al final)"
    ]


def test_sexenal_rule_on_a_measure_it_is_not_evaluated_with(cli, tmp_path):
    assert errores(cli, tmp_path, (61, "razon_min: 1.10", "cumplimiento_min: 1")) == [
        "m.yaml:61:29: avance_sexenal.categorias[1].cumplimiento_min: condición desconocida (se"
        " esperaba avance_min, avance_mayor_a, razon_min o razon_mayor_a)"
    ]


def test_meta_intermedia_equal_cut_after_strict_one_is_reachable(cli, tmp_path):
    # > 110 then ≥ 110 leaves exactly 110 to the second: valid
    path = editada(tmp_path, (77, "cumplimiento_min: 100", "cumplimiento_min: 110"))
    assert cli("sexenal", "-f", "tsv", "--metodologia", str(path)).code == 0
    assert errores(cli, tmp_path, (77, "cumplimiento_min: 100", "cumplimiento_min: 120")) == [
        "m.yaml:77:7: meta_intermedia.categorias[1]: «Alcanzada» (cumplimiento_min: 120) nunca se"
        " aplica: «Logro muy superado» (cumplimiento_mayor_a: 110) va antes y ya cubre esos"
        " valores; los umbrales de una misma medida van de mayor a menor"
    ]


def test_labels_that_would_not_tell_classes_apart(cli, tmp_path):
    assert errores(
        cli, tmp_path, (22, "alto: Alto", "alto: Bajo"), (117, "rojo: Rojo", "rojo: Verde")
    ) == [
        'm.yaml:22:55: cumplimiento.rango.etiquetas.alto: etiqueta repetida "Bajo": no'
        " distinguiría dos clases",
        'm.yaml:117:55: semaforo_shcp.etiquetas.rojo: etiqueta repetida "Verde": no distinguiría'
        " dos clases",
    ]


def test_an_unknown_value_yaml_reads_as_a_number_is_quoted_as_written(cli, tmp_path):
    """`valor: 1e3` said «se esperaba un texto, se encontró 1000»: a number the file does not
    have, for a choice between two words."""
    assert errores(cli, tmp_path, (12, "valor: inversa", "valor: 1e3")) == [
        "m.yaml:12:12: cumplimiento.formula_descendente.valor: valor desconocido 1e3 (se "
        "esperaba inversa o espejo)"
    ]


def test_alertas_thresholds_and_severities_in_their_domain(cli, tmp_path):
    assert errores(
        cli,
        tmp_path,
        (127, "true", '"sí"'),
        (128, "alta", "urgente"),
        (133, "0", "-1"),
        (143, "3", "2"),
        (155, "linea_base", "linea"),
        comando=("alertas",),
    ) == [
        "m.yaml:127:25: alertas.meta_no_alcanzada.usar_semaforo_shcp: se esperaba true o false,"
        ' se encontró "sí"',
        'm.yaml:128:16: alertas.meta_no_alcanzada.severidad: valor desconocido "urgente" (se'
        " esperaba alta, media o baja)",
        "m.yaml:133:21: alertas.deterioro.cambio_mayor_a: debe ser mayor o igual que 0, se"
        " encontró -1",
        "m.yaml:143:22: alertas.cambio_tendencia.valores_minimos: debe ser mayor o igual que 3,"
        " se encontró 2",
        'm.yaml:155:31: alertas.sin_informacion.requiere[2]: valor desconocido "linea" (se'
        " esperaba valores, meta, meta_sexenal o linea_base)",
    ]


def test_a_percentage_written_as_a_fraction_is_refused(cli, tmp_path):
    """0.9 for 90 % used to be taken as 0.9 %: every indicator «Alto», rc 0."""
    assert errores(
        cli,
        tmp_path,
        (20, "inferior: 90", "inferior: 0.9"),
        (21, "superior: 110", "superior: 1.1"),
        (60, "avance_min: 100", "avance_min: 1"),
        (126, "menor_a: 90", "menor_a: 0.9"),
        comando=("alertas",),
    ) == [
        f"m.yaml:{n}:{c}: {campo}: {x} parece una fracción: los porcentajes se escriben en por"
        f" ciento (escriba {cien} para {cien} %)"
        for n, c, campo, x, cien in [
            (20, 15, "cumplimiento.rango.inferior", "0.9", "90"),
            (21, 15, "cumplimiento.rango.superior", "1.1", "110"),
            (60, 41, "avance_sexenal.categorias[0].avance_min", "1", "100"),
            (126, 27, "alertas.meta_no_alcanzada.cumplimiento_menor_a", "0.9", "90"),
        ]
    ]


def test_a_ratio_or_a_zero_percentage_is_not_a_fraction(cli, tmp_path):
    # razon is A / E (1.10, not 110 %), and «avance greater than 0» is a percentage of 0
    path = editada(tmp_path, (62, "razon_min: 0.90", "razon_min: 0.95"))
    assert "avance_mayor_a: 0" in "".join(REFERENCIA)
    assert cli("sexenal", "-f", "tsv", "--metodologia", str(path)).code == 0


def test_usar_semaforo_without_semaforo_section(cli, tmp_path):
    lineas = list(REFERENCIA)
    inicio = lineas.index("semaforo_shcp:\n")
    fin = lineas.index("alertas:\n")
    path = tmp_path / "m.yaml"
    path.write_text("".join(lineas[:inicio] + lineas[fin:]), encoding="utf-8")
    r = cli("alertas", "--metodologia", str(path))
    assert r.code == 2
    assert r.err.endswith(
        ": alertas.meta_no_alcanzada.usar_semaforo_shcp: es true, pero la metodología no tiene la"
        " sección semaforo_shcp\n"
    )


def test_non_finite_numbers(cli, tmp_path):
    assert errores(cli, tmp_path, (28, "100", ".inf")) == [
        "m.yaml:28:19: cobertura.alerta_mayor_a: se esperaba un número finito, se encontró .inf"
    ]


# --- defect 2: located, Spanish, every problem, unknown keys refused --------------------------


def test_wrong_type_names_line_column_and_field(cli, tmp_path):
    # It used to say «falta o es inválido could not convert string to float: 'noventa'».
    assert errores(cli, tmp_path, (20, "inferior: 90", "inferior: noventa")) == [
        'm.yaml:20:15: cumplimiento.rango.inferior: se esperaba un número, se encontró "noventa"'
    ]


def test_renamed_key_is_unknown_and_the_expected_one_missing(cli, tmp_path):
    # It used to say «falta o es inválido 'inferior'», without keypath nor `inferiorx`.
    assert errores(cli, tmp_path, (20, "inferior:", "inferiorx:")) == [
        "m.yaml:20:5: cumplimiento.rango.inferiorx: clave desconocida; ¿quiso decir «inferior»?",
        "m.yaml:20:5: cumplimiento.rango.inferior: falta (es obligatoria)",
    ]


def test_missing_key_points_at_its_parent_mapping(cli, tmp_path):
    assert errores(cli, tmp_path, (21, "superior: 110", "")) == [
        "m.yaml:20:5: cumplimiento.rango.superior: falta (es obligatoria)"
    ]


@pytest.mark.parametrize(
    ("linea", "old", "new", "esperado"),
    [
        # each of these used to be ignored: a default (or nothing) silently took its place;
        # where the key misspelt is one the outputs use, it is also missing
        (
            129,
            "severidad_amarillo:",
            "severidad_amarilo:",
            [
                "m.yaml:126:5: alertas.meta_no_alcanzada.severidad_amarillo: falta (es"
                " obligatoria)",
                "m.yaml:129:5: alertas.meta_no_alcanzada.severidad_amarilo: clave desconocida;"
                " ¿quiso decir «severidad_amarillo»?",
            ],
        ),
        (
            121,
            "alertas:",
            "alertass:",
            ["m.yaml:121:1: alertass: clave desconocida; ¿quiso decir «alertas»?"],
        ),
        (
            53,
            "decimales:",
            "decimals:",
            [
                "m.yaml:51:5: inmonitoreo.agregacion.decimales: falta (es obligatoria)",
                "m.yaml:53:5: inmonitoreo.agregacion.decimals: clave desconocida; ¿quiso decir"
                " «decimales»?",
            ],
        ),
        (
            28,
            "alerta_mayor_a:",
            "alerta_mayor:",
            [
                "m.yaml:28:3: cobertura.alerta_mayor: clave desconocida; ¿quiso decir"
                " «alerta_mayor_a»?",
                "m.yaml:28:3: cobertura.alerta_mayor_a: falta (es obligatoria)",
            ],
        ),
    ],
)
def test_an_unknown_key_is_never_ignored(cli, tmp_path, linea, old, new, esperado):
    assert errores(cli, tmp_path, (linea, old, new)) == esperado


def test_every_problem_in_file_order(cli, tmp_path):
    lineas = errores(
        cli,
        tmp_path,
        (143, "3", "2"),
        (20, "inferior: 90", "inferior: noventa"),
        (7, '"2026.1"', "2026.10"),
        (13, "supuesto", "seguro"),
    )
    assert lineas == [
        "m.yaml:7:10: version: se esperaba un texto, se encontró un número (escríbala entre"
        " comillas: sin ellas, 2026.10 se lee 2026.1)",
        'm.yaml:13:16: cumplimiento.formula_descendente.confianza: valor desconocido "seguro" (se'
        " esperaba publicado, inferido o supuesto)",
        'm.yaml:20:15: cumplimiento.rango.inferior: se esperaba un número, se encontró "noventa"',
        "m.yaml:143:22: alertas.cambio_tendencia.valores_minimos: debe ser mayor o igual que 3,"
        " se encontró 2",
    ]


def test_the_same_problems_from_a_warm_cache(cli, tmp_path):
    path = editada(tmp_path, (20, "inferior: 90", "inferior: noventa"))
    primera = cli("cumplimiento", "E045", "--metodologia", str(path))
    segunda = cli("cumplimiento", "E045", "--metodologia", str(path))
    assert primera.code == segunda.code == 2 and primera.err == segunda.err
    assert ":20:15: cumplimiento.rango.inferior:" in segunda.err


def test_not_a_mapping(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("- 1\n", encoding="utf-8")
    r = cli("cumplimiento", "--metodologia", str(path))
    assert r.code == 2 and r.err.endswith(
        "m.yaml:1:1: se esperaba un mapeo, se encontró una lista\n"
    )


def test_library_raises_the_same_located_problems(tmp_path):
    path = editada(tmp_path, (20, "inferior: 90", "inferior: 110"), (21, "110", "90"))
    with pytest.raises(SpecError) as exc:
        metodologia.load(str(path))
    (p,) = exc.value.problems
    assert (p.line, p.col, p.keypath) == (20, 5, "cumplimiento.rango")


# --- a methodology not in UTF-8 is said as a spec's is --------------------------------------


def test_a_latin1_methodology_names_its_line_and_how_to_convert_it(cli, tmp_path):
    """It said «m.yaml: la metodología no está en UTF-8», with no line, unlike a spec."""
    texto = "".join(REFERENCIA)
    primero = next(i for i, c in enumerate(texto) if ord(c) > 127)
    latin1 = texto[: primero + 1].encode("latin-1") + texto[primero + 1 :].encode("utf-8")
    path = tmp_path / "m.yaml"
    path.write_bytes(latin1)
    linea = texto[:primero].count("\n") + 1
    columna = primero - (texto.rfind("\n", 0, primero) + 1) + 1
    r = cli("cumplimiento", "E045", "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"{path}:{linea}:{columna}: el archivo no está en UTF-8; conviértalo, p. ej. con "
        f"`iconv -f latin1 -t utf-8 {path} > nuevo.yaml`\n"
    )


def test_a_version_that_is_no_date_is_one_located_line(cli, tmp_path):
    """`version: 2026-13-45` (a date to YAML) was a traceback with exit 1."""
    assert errores(cli, tmp_path, (7, '"2026.1"', "2026-13-45")) == [
        "m.yaml:7:10: version: YAML no válido: «2026-13-45» se lee como fecha, pero no es un día"
        " del calendario (escríbala AAAA-MM-DD, o entre comillas si es un texto)"
    ]


def test_a_whole_float_where_an_integer_goes_is_quoted_as_written(cli, tmp_path):
    # it said «se esperaba un entero, se encontró 2024»
    assert errores(cli, tmp_path, (69, "anio_meta: 2024", "anio_meta: 2024.0")) == [
        "m.yaml:69:14: avance_sexenal.anio_meta: se esperaba un entero, se encontró 2024.0"
    ]


def test_a_label_yaml_reads_as_a_boolean_is_named_as_written(cli, tmp_path):
    # «se encontró false» named a word the analyst never wrote (`bajo: No`)
    assert errores(cli, tmp_path, (22, "bajo: Bajo", "bajo: No")) == [
        "m.yaml:22:23: cumplimiento.rango.etiquetas.bajo: se esperaba un texto, se encontró No, "
        'que YAML lee como el booleano false: escríbalo entre comillas ("No") para que quede tal '
        "cual"
    ]


def test_a_number_yaml_reads_as_a_boolean_is_named_as_written(cli, tmp_path):
    # «se encontró true» named a word the analyst never wrote (`peso_programas: yes`)
    assert errores(
        cli,
        tmp_path,
        (51, "peso_programas: 0.5", "peso_programas: yes"),
        (53, "decimales: 3", "decimales: off"),
    ) == [
        "m.yaml:51:21: inmonitoreo.agregacion.peso_programas: se esperaba un número, se "
        "encontró yes, que YAML lee como el booleano true",
        "m.yaml:53:16: inmonitoreo.agregacion.decimales: se esperaba un entero, se encontró off, "
        "que YAML lee como el booleano false",
    ]
