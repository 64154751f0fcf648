"""A statement's `universo` is one of its three words, and objetivos/indicadores only where
there are some: a misspelt one, or `objetivos` in a dependencia, was counted over the programs
without a word (the statement then just «differed», or worse, «coincidía»)."""

from __future__ import annotations

import shutil

import pytest

from issste_mon.carga.loader import bundled_specs_dir


def _copia(tmp_path):
    for f in bundled_specs_dir().glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "ISSSTE.yaml"


def _linea(ruta, texto: str) -> int:
    return ruta.read_text(encoding="utf-8").splitlines().index(texto) + 1


@pytest.mark.parametrize(
    ("universo", "mensaje"),
    [
        (
            "objetivos",
            "universo «objetivos» solo cabe en un programa derivado (tiene objetivos e "
            "indicadores); una dependencia cuenta programas",
        ),
        (
            "programs",
            'valor desconocido "programs" para universo; '
            "se esperaba programas | objetivos | indicadores",
        ),
    ],
)
def test_a_dependencia_statement_counts_programs_only(cli, tmp_path, universo, mensaje):
    dep = _copia(tmp_path)
    texto = dep.read_text(encoding="utf-8")
    assert texto.count("      universo: programas\n") >= 1
    dep.write_text(
        texto.replace("      universo: programas\n", f"      universo: {universo}\n", 1),
        encoding="utf-8",
    )
    linea = _linea(dep, f"      universo: {universo}")
    r = cli("validar", str(tmp_path))
    assert r.code == 2
    assert f"ISSSTE.yaml:{linea}:17: resumen.2024[0].universo: {mensaje}" in r.err


def test_spelling_of_universo_is_free_as_every_enumerated_value(cli, tmp_path, monkeypatch):
    """Case and accents do not matter (spec-format: enumerated values), as for nivel."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _copia(tmp_path / "a")
    dep = _copia(tmp_path / "b")
    texto = dep.read_text(encoding="utf-8")
    dep.write_text(
        texto.replace("      universo: programas\n", "      universo: Programas\n"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    a = cli("verificar", "--specs", "a", "-f", "json")
    b = cli("verificar", "--specs", "b", "-f", "json")
    assert a.code == b.code == 1
    assert a.out.replace('"a/', '"b/') == b.out and '"coincide"' in b.out
