"""The fast YAML path gives exactly what the safe loader gives, or steps aside; both read numbers
by the YAML 1.2 core schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from issste_mon.carga import fastyaml, yamlload
from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.errores import SpecError
from tests.conftest import solo_con_libyaml

pytestmark = solo_con_libyaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

SAFE = yamlload.StrictLoader  # the project's safe loader (YAML 1.2 numbers)


def typed(x):
    """Data with its types spelled out, so 1, 1.0 and True differ; a key or a number also with
    the text it was written as, when YAML reads it otherwise (`+2017:`, `2017e0:`, `0x10`:
    `carga.escritas`)."""
    if isinstance(x, dict):
        return [(_typed_key(k), typed(v)) for k, v in x.items()]
    if isinstance(x, list):
        return [typed(v) for v in x]
    return (type(x).__name__, x, getattr(x, "escrito", None))


def _typed_key(k):
    valor = repr(k) if isinstance(k, float) else k  # (a `.nan:` key is equal only to itself)
    return (type(k).__name__, valor, getattr(k, "escrito", None))


def same_as_safe_loader(text: str, may_step_aside: bool = False) -> None:
    try:
        fast = fastyaml.load(text)
    except fastyaml.Unsupported:
        assert may_step_aside
        return
    assert typed(fast) == typed(yaml.load(text, Loader=SAFE))  # noqa: S506 - a safe loader


@pytest.mark.parametrize("path", sorted(bundled_specs_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_specs_parse_identically(path):
    same_as_safe_loader(path.read_text(encoding="utf-8"))


def test_synthetic_federal_specs_parse_identically(tmp_path):
    for path in generate.generate(tmp_path / "fed", programas=25):
        same_as_safe_loader(path.read_text(encoding="utf-8"))


SCALARS = [
    "0", "7", "0123", "0o17", "0x1F", "0b101", "1_000", "+5", "-5", "-0", "190:20:30",
    "1.5", "-1.5", "007.5", "-0.0", "1.", ".5", "1e3", "1.5e+3", "1.5E-3", "1_000.5", ".inf",
    "-.inf", ".NaN", "1:30.5", "yes", "No", "on", "OFF", "true", "False", "~", "null", "",
    "2023-01-01", "2023-01-01 10:00:00", "ND", "NA", "n/d", "94.90 %", "٣", "12345678901234567890",
    "'quoted'", '"2023"', '"ND"', "=", "<<x", "Propósito", "[1, 2.5, ND]", "{a: 1}",
    "2023.0", "2023.", "2023e0", "+2023", "02023", "0x7E7", "2023-01-01T00:00:00Z", ".nan",
    "-0123", "00.5", "-007.5", "0543.35", "+.5", "+1e3", "05e2", "0o10", "010", "+0x10", "-0x10",
    "0.5", "-.5", "5.4335e2", "+.inf",
]  # fmt: skip


@pytest.mark.parametrize("value", SCALARS)
def test_scalars_resolve_alike_on_both_paths(value):
    """As values and as keys; the rare ones (`=`, `<<`) may be left to the safe loader."""
    same_as_safe_loader(f"k: {value}\n", may_step_aside=value == "=")
    if value and value[0] not in "'\"[{":
        same_as_safe_loader(f"{value}: 1\n", may_step_aside=value == "=")


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # explicit tags
        "base: &b {x: 1}\nc:\n  <<: *b\n",  # merge keys
        "a: 1\na: 2\n",  # duplicate keys
        "2023: 1\n'2023': 2\n2023: 3\n",
        "? [1, 2]\n: x\n",  # complex keys
        "a: 1\n---\nb: 2\n",  # several documents
        "a: b: c\n",  # invalid YAML
    ],
)
def test_unusual_yaml_is_left_to_the_safe_loader(text):
    with pytest.raises((fastyaml.Unsupported, yaml.YAMLError)):
        fastyaml.load(text)


def test_duplicate_keys_are_still_reported_with_their_line():
    with pytest.raises(SpecError) as info:
        yamlload.parse("clave: E045\nmir: []\nclave: E046\n", "E045.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (3, 1) and "clave duplicada" in problem.message


def test_empty_and_scalar_documents():
    for text in ("", "# solo un comentario\n", "42\n", "- a\n- b\n"):
        same_as_safe_loader(text)


# YAML 1.2 core schema: what a person means, never octal, sexagesimal or binary surprises.
CORE_NUMBERS = [
    ("0123", 123), ("-0123", -123), ("+5", 5), ("0o17", 15), ("0x1F", 31), ("007.5", 7.5),
    ("1e3", 1000.0), ("1.5E-3", 0.0015), (".5", 0.5), ("1.", 1.0), ("-0.0", -0.0),
    ("1:20", "1:20"), ("190:20:30", "190:20:30"), ("0b101", "0b101"), ("1_000", "1_000"),
    ("1_000.5", "1_000.5"), ("0o18", "0o18"), ("0x", "0x"),
]  # fmt: skip


# Numbers written other than as a plain decimal: read as above, and carrying their text, so that a
# figure field can refuse them naming them as written (`carga.escritas`, test_carga_literales).
ESCRITOS_DE_OTRO_MODO = {"0123", "-0123", "+5", "0o17", "0x1F", "007.5"}


@pytest.mark.parametrize(("text", "expected"), CORE_NUMBERS, ids=[t for t, _ in CORE_NUMBERS])
def test_numbers_follow_the_yaml_1_2_core_schema(text, expected):
    for load in (fastyaml.load, lambda t: yamlload.parse(t, "x.yaml")):
        got = load(f"k: {text}\n")["k"]
        assert got == expected and isinstance(got, type(expected)), (load, text, got)
        escrito = text if text in ESCRITOS_DE_OTRO_MODO else None
        assert getattr(got, "escrito", None) == escrito, (load, text)


def test_a_5000_digit_integer_is_a_one_line_error():
    with pytest.raises(SpecError) as info:
        yamlload.parse("k: " + "9" * 5000 + "\n", "E045.yaml")
    (problem,) = info.value.problems
    assert problem.line == 1 and "demasiado largo" in problem.message


_SCALAR_CHARS = "0123456789+-._:eExobEOX ~naNIif"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SCALAR_CHARS, min_size=1, max_size=12))
def test_fast_path_and_safe_loader_agree_on_any_plain_scalar(value):
    """Property: for any plain scalar made of number-ish characters, the two paths agree."""
    text = f"k: {value}\n"
    try:
        expected = yamlload.parse(text, "x.yaml")
    except SpecError:
        return  # not YAML the fast path could accept either
    try:
        fast = fastyaml.load(text)
    except (fastyaml.Unsupported, yaml.YAMLError):
        return
    assert typed(fast) == typed(expected)
    if value.strip() and value.strip() not in ("~", "null", "Null", "NULL"):
        _keys_agree(f"{value}: 1\n")


def _keys_agree(text: str) -> None:
    try:
        expected = yamlload.parse(text, "x.yaml")
    except SpecError:
        return
    try:
        fast = fastyaml.load(text)
    except (fastyaml.Unsupported, yaml.YAMLError):
        return
    assert typed(fast) == typed(expected)


@pytest.mark.parametrize(
    ("clave", "escrito"),
    [("2023", None), ("2023.5", None), ("2023.0", None), ("2023-01-01", None), ("+2023", "+2023"),
     ("02023", "02023"), ("0x7E7", "0x7E7"), ("2023e0", "2023e0"), ("2023.", "2023.")],
)  # fmt: skip
def test_a_key_yaml_reads_otherwise_keeps_its_text_on_both_paths(clave, escrito):
    """(the safe loader's path, through a merge key the fast path leaves to it)"""
    for text in (f"{clave}: 1\n", f"b: &b {{x: 1}}\nc:\n  <<: *b\n  {clave}: 1\n"):
        data = yamlload.parse(text, "x.yaml")
        data = data["c"] if "c" in data else data
        (key,) = [k for k in data if k != "x"]
        assert getattr(key, "escrito", None) == escrito, (text, key)
