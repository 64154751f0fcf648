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
