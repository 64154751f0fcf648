"""What is written twice: a year key once quoted and once not, the same file reached twice."""

from __future__ import annotations

import os

import pytest

from issste_mon.carga import fastyaml, yamlload
from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError
from tests.test_carga_loader import VALID, problems_of, write

METAS = """\
      2021:
        meta: 10
        valor: 5
      {otra}: {{meta: 10, valor: 6}}
"""


@pytest.mark.parametrize("otra", ['"2021"', "'2021'"])
def test_a_year_written_twice_once_quoted_is_a_duplicate_at_the_second(tmp_path, otra):
    text = VALID.replace("      2023: {meta: 10, valor: 9.5}\n", METAS.format(otra=otra))
    (p,) = problems_of(write(tmp_path, text))
    assert ":19:7: mir[0].metas.2021: clave duplicada «2021» (ya definida en la línea 16; " in p
    assert "con comillas o sin ellas es la misma clave)" in p


@pytest.mark.parametrize(
    "text",
    [
        'poblaciones:\n  "2023": {a: 1}\n  2023: {a: 2}\n',
        "presupuesto:\n  2023: {a: 1}\n  '2023': {a: 2}\n",
        'monitoreo:\n  2023: {a: 1}\n  "2023": {a: 2}\n',
        'publicado: {2023: "1", "2023": "2"}\n',
    ],
)
def test_every_mapping_refuses_a_key_repeated_with_and_without_quotes(text):
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.load(text)
    with pytest.raises(yamlload.SpecError) as info:
        yamlload.parse(text, "E999.yaml")
    (p,) = info.value.problems
    assert p.line == 3 - text.startswith("publicado") * 2 and "clave duplicada «2023»" in p.message


def test_a_quoted_year_alone_is_pointed_at_and_said_how_to_write(tmp_path):
    text = VALID.replace("  2023:\n    unidad", '  "2023":\n    unidad')
    (p,) = problems_of(write(tmp_path, text))
    assert ":5:3: poblaciones.2023: se esperaba un año" in p and "escríbalo sin comillas" in p


def test_keys_that_only_look_alike_are_still_two():
    text = "a: {1: x, '01': y, 'true': z, 1.5: w, '1.50': v}\n"
    assert yamlload.parse(text, "x") == {
        "a": {1: "x", "01": "y", "true": "z", 1.5: "w", "1.50": "v"}
    }


def test_a_key_yaml_reads_as_a_boolean_or_null_is_the_word_written():
    """`true:` beside `1:` was the key True, merged with 1 by a dict; a key is a name or a
    year, so `on`, `true`, `null`, `~` are the words."""
    text = "a: {1: x, true: y, on: z, null: w, ~: v}\n"
    assert yamlload.parse(text, "x") == {
        "a": {1: "x", "true": "y", "on": "z", "null": "w", "~": "v"}
    }


@pytest.mark.parametrize("text", ["{1: x, '1': y, true: z}\n", "{on: x, on: y}\n"])
def test_keys_a_dict_would_merge_are_still_duplicates(text):
    with pytest.raises(yamlload.SpecError) as info:
        yamlload.parse(text, "x")
    assert "clave duplicada" in info.value.problems[0].message


def _carpeta(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    write(folder, VALID)
    write(folder, VALID.replace("E999", "E998"), name="E998.yaml")
    return folder


@pytest.mark.parametrize(
    "dos",
    [
        lambda f: [f, f],
        lambda f: [f, f / "E999.yaml"],
        lambda f: [f / "E999.yaml", f],
        lambda f: [f, f.parent / "specs" / ".." / "specs"],
        lambda f: [f / "E999.yaml", f / ".." / "specs" / "E999.yaml"],
    ],
    ids=["carpeta-dos-veces", "carpeta-y-archivo", "archivo-y-carpeta", "otra-ruta", "archivo"],
)
def test_a_file_reached_twice_is_loaded_once(tmp_path, dos):
    specs = load_paths([str(p) for p in dos(_carpeta(tmp_path))])
    assert sorted(p.clave for p in specs.programas) in (["E998", "E999"], ["E999"])
    assert len(specs.archivos) == len(set(specs.archivos)) == len(specs.programas)


def test_the_cli_with_a_folder_twice_says_nothing_of_duplicates(tmp_path, cli):
    folder = str(_carpeta(tmp_path))
    r = cli("cobertura", "--sin-cache", "--specs", folder, "--specs", folder)
    assert r.code == 0 and "ya está definido" not in r.err, r.err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="enlaces simbólicos")
def test_a_link_to_a_file_already_loaded_is_the_same_file(tmp_path):
    folder = _carpeta(tmp_path)
    otra = tmp_path / "otra"
    otra.mkdir()
    (otra / "E999.yaml").symlink_to(folder / "E999.yaml")
    specs = load_paths([str(folder), str(otra)])
    assert sorted(p.clave for p in specs.programas) == ["E998", "E999"]


def test_two_different_files_with_one_clave_are_still_an_error(tmp_path):
    folder = _carpeta(tmp_path)
    otra = tmp_path / "otra"
    otra.mkdir()
    write(otra, VALID)  # a copy, not the same file
    with pytest.raises(SpecError) as info:
        load_paths([str(folder), str(otra)])
    assert 'clave: "E999" ya está definido en' in str(info.value.problems[0])
