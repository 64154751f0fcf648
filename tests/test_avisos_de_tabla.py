"""A table's own avisos are capped on stderr, as the specs' are: `cobertura` of 3,000
synthetic programs printed 2,854 lines «componentes con unidades de medida distintas» (one per
program-year), burying the command's summary. The first AVISOS_DE_TABLA, then how many more
and how to see them all; the library's `Tabla.avisos` keeps every one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import issste_mon as im
from issste_mon.carga.loader import load_paths
from issste_mon.cli.common import AVISOS_DE_TABLA

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def carpeta(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("sintetico")
    generate.generate(carpeta, programas=60, indicadores=3, anios=6, seed=5)
    return carpeta


def _avisos(err: str) -> list[str]:
    return [x for x in err.splitlines() if x.startswith("aviso: ")]


def test_los_avisos_de_la_tabla_no_inundan(cli, carpeta):
    todos = im.cobertura(load_paths([str(carpeta)])).avisos
    assert len(todos) > AVISOS_DE_TABLA + 5
    r = cli("cobertura", "--specs", str(carpeta), "-f", "csv")
    assert r.code == 0, r.err
    assert _avisos(r.err) == [f"aviso: {a}" for a in todos[:AVISOS_DE_TABLA]]
    resto = len(todos) - AVISOS_DE_TABLA
    assert f"… y {resto:,} avisos más ({len(todos):,} en total)" in r.err


def test_con_menos_programas_se_ven_todos(cli, carpeta):
    specs = load_paths([str(carpeta)])
    todos = im.cobertura(specs).avisos
    clave = todos[0].split()[0]  # «4-B125 2019: …»
    suyos = im.cobertura(specs, clave).avisos
    r = cli("cobertura", clave, "--specs", str(carpeta), "-f", "csv")
    assert r.code == 0, r.err
    assert _avisos(r.err) == [f"aviso: {a}" for a in suyos] and "avisos más (" not in r.err
