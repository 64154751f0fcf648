"""A YAML syntax error is said in Spanish, with its line and column."""

from __future__ import annotations

import pytest

from issste_mon.carga import yamlload
from issste_mon.errores import SpecError

CASOS = [
    ("a: b: c\n", (1, 5), "aquí no cabe «clave: valor»"),
    ("a:\n  b: 1\n c: 2\n", (3, 2), "falta una clave donde se esperaba"),
    ("a: [1, 2\n", (2, 1), "falta «,» o «]»"),
    ("a: {x: 1\n", (2, 1), "falta «,» o «}»"),
    ('a: "abc\n', (2, 1), "el archivo termina antes de cerrar una comilla"),
    ("a:\n\t- 1\n", (2, 1), "un tabulador no puede sangrar: use espacios"),
    ("a: 1\n---\nb: 2\n", (2, 1), "hay más de un documento"),
    ("a: *x\n", (1, 4), "alias (*nombre) sin su ancla"),
    ("a: @x\n", (1, 4), "el carácter «@» no puede empezar un valor"),
    ('a: "\\q"\n', (1, 5), "secuencia de escape desconocida"),
    ("a:\n  - 1\n  b: 2\n", (3, 3), "falta el «-» de un elemento de lista"),
    ("a: &x 1\nb: &x 2\n", (2, 4), "ancla (&nombre) repetida"),
    ("...\n", (1, 1), "falta un valor"),
    ("%YAML 1.9\n---\na: 1\n", (1, 1), "versión de YAML no admitida"),
]


@pytest.mark.parametrize(("texto", "donde", "mensaje"), CASOS, ids=[c[2][:24] for c in CASOS])
def test_common_yaml_errors_are_said_in_spanish(texto, donde, mensaje):
    with pytest.raises(SpecError) as info:
        yamlload.parse(texto, "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col) == donde
    assert p.message.startswith("YAML mal formado: ") and mensaje in p.message
    assert "found" not in p.message and "expected" not in p.message


def test_an_untranslated_problem_keeps_pyyaml_words_marked():
    import yaml

    exc = yaml.MarkedYAMLError(problem="something new")
    assert yamlload.en_espanol(exc, "") == "something new (mensaje de PyYAML)"


@pytest.mark.parametrize(
    ("texto", "linea", "version"),
    [
        ("%YAML 1.1\n---\na: 017\n", 1, "1.1"),
        ("\ufeff# spec\n\n%YAML   1.0\r\n--- \na: 017\n", 3, "1.0"),
    ],
)
def test_a_file_declaring_yaml_1_1_is_refused_not_read_as_1_2(texto, linea, version):
    """Under the `%YAML 1.1` it declares, `017` is 15; issste-mon reads YAML 1.2 (17)."""
    with pytest.raises(SpecError) as info:
        yamlload.parse(texto, "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col) == (linea, 1)
    assert p.message == (
        f"el archivo declara %YAML {version}, pero issste-mon lee YAML 1.2 (017 es 17, no 15 "
        f"como en {version}): cambie la directiva a %YAML 1.2 o quítela"
    )


def test_yaml_1_2_directives_and_a_directive_like_text_are_read():
    assert yamlload.parse("%YAML 1.2\n---\na: 017\n", "x.yaml") == {"a": 17}
    assert yamlload.parse("a: |\n  %YAML 1.1\n", "x.yaml") == {"a": "%YAML 1.1\n"}


@pytest.mark.parametrize("fecha", ["2026-13-45", "2026-02-30", "2026-1-1 25:00:00"])
def test_a_date_that_is_no_day_is_located_not_a_traceback(fecha):
    """PyYAML raised a bare ValueError («month must be in 1..12»): a traceback, exit 1."""
    with pytest.raises(SpecError) as info:
        yamlload.parse(f"a: 1\nb: {fecha}\n", "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col, p.keypath) == (2, 4, "b")
    assert f"«{fecha}» se lee como fecha, pero no es un día del calendario" in p.message


def test_a_real_date_is_still_a_date():
    import datetime

    assert yamlload.parse("b: 2026-01-31\n", "x.yaml") == {"b": datetime.date(2026, 1, 31)}


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("a: !!bool x\n", "«x» no es true ni false (la etiqueta !!bool lo exige)"),
        ("a: !!timestamp x\n", "«x» no es una fecha AAAA-MM-DD (la etiqueta !!timestamp lo exige)"),
        ("a: !!map [1]\n", "la etiqueta exige un mapeo, se encontró una lista"),
    ],
)
def test_a_value_its_tag_cannot_build_is_located_not_a_traceback(texto, mensaje):
    """PyYAML raised a bare KeyError, AttributeError or TypeError: a traceback, exit 1."""
    with pytest.raises(SpecError) as info:
        yamlload.parse(texto, "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col, p.keypath) == (1, 4, "a")
    assert p.message == f"YAML no válido: {mensaje}"


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("a: !!str [1]\n", "la etiqueta exige un valor simple, se encontró una lista"),
        ("a: !!seq {b: 1}\n", "la etiqueta exige una lista, se encontró un mapeo"),
        ("a: !!omap [1]\n", "!!omap y !!pairs exigen una lista de mapeos de una sola clave"),
        ("a: !!pairs 1\n", "!!omap y !!pairs exigen una lista de mapeos de una sola clave"),
        ("a: !!binary x\n", "el valor de !!binary no es texto en base64"),
    ],
)
def test_a_value_its_tag_refuses_is_said_in_spanish(texto, mensaje):
    with pytest.raises(SpecError) as info:
        yamlload.parse(texto, "x.yaml")
    (p,) = info.value.problems
    assert p.line == 1 and p.message.startswith("YAML no válido: ") and mensaje in p.message
    assert "found" not in p.message and "expected" not in p.message


@pytest.mark.parametrize(
    ("texto", "mensaje"),
    [
        ("a: |x\n", "tras «|» o «>» solo caben la sangría (1 a 9) y «+» o «-»"),
        ("a: >-+\n  y\n", "tras «|» o «>» solo caben la sangría (1 a 9) y «+» o «-»"),
        ("a: |0\n  y\n", "la sangría que se indica tras «|» o «>» va de 1 a 9, no 0"),
        ('a: "\\x4"\n', "secuencia de escape incompleta entre comillas dobles"),
        ('a: "\\u12"\n', "secuencia de escape incompleta entre comillas dobles"),
        ("a: ? b\n", "aquí no puede empezar una clave «?»"),
        ("%YAML 1.2 x\n---\na: 1\n", "tras una directiva (%YAML, %TAG) solo cabe un comentario"),
    ],
)
def test_less_common_yaml_errors_are_said_in_spanish_too(texto, mensaje):
    """Both parsers (libyaml's and PyYAML's own) word these their way; none reaches the user."""
    with pytest.raises(SpecError) as info:
        yamlload.parse(texto, "x.yaml")
    (p,) = info.value.problems
    assert p.message.startswith("YAML mal formado: ") and mensaje in p.message
    assert "(mensaje de PyYAML)" not in p.message
