"""A written decimal is the number issste-mon computes with, or the file is refused: a decimal
with more digits than a double keeps is never silently read as a neighbouring one."""

from __future__ import annotations

import pytest

from issste_mon.carga import fastyaml, yamlload
from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError
from tests.conftest import CON_LIBYAML
from tests.test_carga_loader import VALID, write

INEXACTOS = [
    ("44.999999999999999", "45.0"),
    ("-44.999999999999999", "-45.0"),
    ("+44.999999999999999", "45.0"),
    ("4.4999999999999999e1", "45.0"),
    ("0.1000000000000000055511151231257827", "0.1"),
    (".99999999999999999", "1.0"),
    ("9007199254740993.0", "9007199254740992.0"),
]
# Longer texts that are exactly their double (a trailing zero, a shortest repr of 17 digits, as
# `importar` writes them) or short ones: read as written.
EXACTOS = ["55.00000000000001", "0.100000000000000000", "406186.13869735564", "1e3", "2.5E-3",
           "0.30000000000000004", "123456789012345.6", "-0.0000000000000001"]  # fmt: skip


def _problema(text: str):
    with pytest.raises(SpecError) as info:
        yamlload.parse(text, "E999.yaml")
    (problem,) = info.value.problems
    return problem


@pytest.mark.parametrize(("escrito", "leido"), INEXACTOS)
def test_a_decimal_a_double_cannot_hold_is_an_error_naming_its_place(escrito, leido):
    p = _problema(f"mir:\n  - metas:\n      2022: {{meta: 50, valor: {escrito}}}\n")
    assert (p.line, p.col, p.keypath) == (3, 31, "mir[0].metas.2022.valor")
    assert f"el número {escrito} tiene más cifras" in p.message
    assert f"se leería {leido}" in p.message and "15 cifras significativas" in p.message


# (a subnormal double, below 2.2e-308, is in range for Python but not for a ratio: PA/PO of
# 1e-320 overflows, and machine outputs printed it 0)
@pytest.mark.parametrize("escrito", ["1e400", "-1.5E+999", "1e-400", "1e-320", "5e-324"])
def test_a_decimal_beyond_a_doubles_range_is_an_error(escrito):
    p = _problema(f"k: {escrito}\n")
    assert (p.line, p.col) == (1, 4) and "fuera del rango" in p.message


@pytest.mark.parametrize("escrito", EXACTOS)
def test_a_decimal_that_is_its_double_loads_on_both_paths(escrito):
    text = f"k: {escrito}\n"
    assert yamlload.parse(text, "x.yaml") == {"k": float(escrito)}
    if CON_LIBYAML:
        assert fastyaml.load(text) == {"k": float(escrito)}


def test_the_qa_spec_is_refused_not_computed_as_45(tmp_path, cli):
    text = VALID.replace("{meta: 10, valor: 9.5}", "{meta: 50, valor: 44.999999999999999}")
    path = write(tmp_path, text)
    r = cli("validar", "--sin-cache", str(path))
    assert r.code == 2 and "Traceback" not in r.err
    (line,) = r.err.strip().splitlines()
    assert line.startswith(f"{path}:16:31: mir[0].metas.2023.valor: el número 44.999999999999999")
    with pytest.raises(SpecError):
        load_paths([str(path)], cache=True)  # never cached, so never served


def test_integers_and_quoted_texts_are_not_checked():
    assert yamlload.parse("a: 12345678901234567890\nb: '44.999999999999999'\n", "x") == {
        "a": 12345678901234567890,
        "b": "44.999999999999999",
    }


@pytest.mark.parametrize(
    ("raw", "donde"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe", "1:8"),  # an executable: not UTF-8
        (b"clave: E999\nnombre: a\x00b\n", "2:10"),  # UTF-8 up to a NUL
    ],
)
def test_a_binary_file_is_named_so_not_sent_to_iconv(tmp_path, cli, raw, donde):
    path = write(tmp_path, "", raw=raw)
    r = cli("validar", "--sin-cache", str(path))
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip() == f"{path}:{donde}: no es un archivo de texto (byte nulo en {donde})"


def test_a_latin1_text_still_gets_the_iconv_hint(tmp_path, cli):
    path = write(tmp_path, "", raw="clave: E999\nnombre: Educación\n".encode("latin-1"))
    r = cli("validar", "--sin-cache", str(path))
    assert r.code == 2 and "iconv -f latin1" in r.err


@pytest.mark.parametrize("escrito", ["1.10", "0E0", "2.50"])
def test_a_number_where_a_text_goes_is_refused_not_rewritten(tmp_path, escrito):
    """`id: 1.10` would become «1.1» (another indicator's id): an error that says to quote it;
    quoted, it stays as written."""
    spec = tmp_path / "E999.yaml"
    base = (
        "clave: E999\nnombre: P\nramo: 51\nmir:\n  - id: {}\n"
        "    nivel: Fin\n    nombre: x\n    sentido: ascendente\n"
    )
    spec.write_text(base.format(escrito), encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    (p,) = [p for p in exc.value.problems if p.severity == "error"]
    assert (p.line, p.keypath) == (5, "mir[0].id") and "escríbalo entre comillas" in p.message
    spec.write_text(base.format(f'"{escrito}"'), encoding="utf-8")
    assert load_paths([str(spec)]).programas[0].mir[0].id == escrito


def test_latin1_on_stdin_gets_an_iconv_hint_a_shell_can_run(cli):
    """The hint was `iconv -f latin1 -t utf-8 <stdin> > nuevo.yaml`: a redirect from a file
    named «stdin>», not a command."""
    r = cli(
        "validar", "--sin-cache", "-", stdin="clave: E999\nnombre: Educación\n".encode("latin-1")
    )
    assert r.code == 2
    assert "<stdin>:2:" in r.err and "`… | iconv -f latin1 -t utf-8 | issste-mon …`" in r.err


@pytest.mark.parametrize(
    ("escrito", "leido"), [("No", "false"), ("on", "true"), ("Yes", "true"), ("off", "false")]
)
def test_a_boolean_where_a_text_goes_is_named_as_written(tmp_path, escrito, leido):
    """`nombre: No` said «se encontró un booleano (false)», a word the person never wrote."""
    spec = tmp_path / "E999.yaml"
    spec.write_text(f"clave: E999\nramo: 51\nnombre: {escrito}\n", encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    (p,) = exc.value.problems
    assert (p.line, p.col, p.keypath) == (3, 9, "nombre")
    assert p.message == (
        f"se esperaba un texto, se encontró {escrito}, que YAML lee como el booleano {leido}: "
        f'escríbalo entre comillas ("{escrito}") para que quede tal cual'
    )
    spec.write_text(f'clave: E999\nramo: 51\nnombre: "{escrito}"\n', encoding="utf-8")
    assert load_paths([str(spec)]).programas[0].nombre == escrito


def test_a_boolean_written_true_is_still_named_a_boolean(tmp_path):
    spec = tmp_path / "E999.yaml"
    spec.write_text("clave: E999\nramo: 51\nnombre: true\n", encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    assert exc.value.problems[0].message == "se esperaba un texto, se encontró un booleano (true)"


def test_a_tagged_number_where_a_text_goes_quotes_the_number_not_the_tag(tmp_path):
    """`nombre: !!int 0x1F` told the person to write «"!!int"» between quotes."""
    spec = tmp_path / "E999.yaml"
    spec.write_text("clave: E999\nramo: 51\nnombre: !!int 0x1F\n", encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    (p,) = exc.value.problems
    assert p.message == (
        "se esperaba un texto, se encontró el número 0x1F, que YAML lee como 31: "
        'escríbalo entre comillas ("0x1F") para que quede tal cual'
    )


@pytest.mark.parametrize("escrito", [".nan", ".NaN", ".inf", "-.Inf", "+.INF"])
def test_a_nan_or_inf_figure_is_named_as_written_not_as_python_prints_it(tmp_path, escrito):
    """`potencial: .nan` said «se encontró nan» (and `-.Inf` «-inf»): Python's words."""
    spec = tmp_path / "E999.yaml"
    spec.write_text(
        "clave: E999\nramo: 51\nnombre: x\npoblaciones:\n  2017:\n    unidad_medida: P\n"
        f"    potencial: {escrito}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    (p,) = exc.value.problems
    assert (p.line, p.keypath) == (7, "poblaciones.2017.potencial")
    assert p.message == f"se esperaba un número finito, se encontró {escrito}"


@pytest.mark.parametrize(("escrito", "yaml"), [(".NaN", ".nan"), ("-.Inf", "-.inf")])
def test_a_nan_or_inf_where_a_mapping_goes_is_named_in_yaml_words(tmp_path, escrito, yaml):
    spec = tmp_path / "E999.yaml"
    spec.write_text(
        "clave: E999\nramo: 51\nnombre: x\nmir:\n  - id: P1\n    nivel: Fin\n    nombre: y\n"
        f"    sentido: ascendente\n    linea_base: {escrito}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    (p,) = exc.value.problems
    assert p.message == f"se esperaba un mapeo, se encontró {yaml}"


def test_a_boolean_where_a_number_goes_is_named_as_written(tmp_path):
    """`inicio: no` said «se encontró un booleano (false)», a word the person never wrote."""
    spec = tmp_path / "E999.yaml"
    spec.write_text(
        "clave: E999\nramo: 51\nnombre: x\ninicio: no\npoblaciones:\n  2017:\n"
        "    unidad_medida: P\n    potencial: On\n    objetivo: true\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        load_paths([str(spec)])
    assert [(p.line, p.message) for p in exc.value.problems] == [
        (
            4,
            "se esperaba un año entre 1900 y 2200, se encontró no, que YAML lee como el booleano "
            "false",
        ),
        (8, "se esperaba un número o ND/NA, se encontró On, que YAML lee como el booleano true"),
        (9, "se esperaba un número o ND/NA, se encontró un booleano (true)"),
    ]
