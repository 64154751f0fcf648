"""A clave people read in a table is one they can type back. With the bundled specs and a
program of another ramo loaded (`importar avance` writes 50/K012.yaml), `alertas` and
`tendencias` named the Programa Institucional «51-PI-ISSSTE-2020-2024», as they name the
budget programs «51-E045» when the rows span ramos, and `alertas 51-PI-ISSSTE-2020-2024`
answered «clave no válida»."""

from __future__ import annotations

import shutil

import pytest
from conftest import bundled_specs_dir

K012 = """\
clave: K012
ramo: 50
nombre: Proyectos de infraestructura social de asistencia y seguridad social
mir:
- id: F1
  nivel: Fin
  nombre: Metros cuadrados de construcción
  sentido: ascendente
  metas:
    2019: {meta: 75036, valor: 24576}
"""


@pytest.fixture
def dos_ramos(tmp_path):
    specs = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), specs)
    (specs / "K012.yaml").write_text(K012, encoding="utf-8")
    return str(specs)


@pytest.mark.parametrize("comando", ["alertas", "tendencias"])
def test_rows_of_two_ramos_name_the_derived_program_as_it_is_typed(cli, dos_ramos, comando):
    r = cli("-q", comando, "--specs", dos_ramos, "-f", "markdown", "--columnas", "clave,id")
    assert r.code == 0, r.err
    claves = {linea.split("|")[1].strip() for linea in r.out.splitlines()[4:] if "|" in linea}
    assert "PI-ISSSTE-2020-2024" in claves and "51-PI-ISSSTE-2020-2024" not in claves
    assert {"50-K012", "51-E045"} <= claves  # budget programs keep their ramo
    for clave in ("PI-ISSSTE-2020-2024", "50-K012"):  # what is shown reads back
        assert cli("-q", comando, clave, "--specs", dos_ramos, "-f", "tsv").code == 0, clave
