"""`importar` never drops or hides what the source says: a year that contradicts the header, a
repeated row with other values, an unknown published level, a file with no rows. Built from
the real files in /work/shared/data/shcp."""

from __future__ import annotations

import shutil

import pytest
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
POB20 = SHCP / "poblaciones_2020.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def test_year_against_the_header_is_an_error(cli, tmp_path):
    """poblaciones_2020.csv has «Cuantificación 2020»: filed under 2019, every programada
    would be lost."""
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(POB20), "--anio", "2019", "--ramo", "51", "-o", str(out))
    assert r.code == 2 and not out.exists()
    (linea,) = r.err.strip().splitlines()
    assert "poblaciones_2020.csv:1" in linea and "2020" in linea and "--anio dice 2019" in linea
    copia = tmp_path / "pob_2018.csv"
    shutil.copy(POB20, copia)
    r = cli("importar", "poblaciones", str(copia), "--ramo", "51", "-o", str(out))
    assert r.code == 2 and not out.exists()
    assert "pob_2018.csv:1" in r.err and "el nombre del archivo dice 2018" in r.err
    # the header's year given explicitly wins over the name
    r = cli("importar", "poblaciones", str(copia), "--anio", "2020", "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    assert "programada: 9118370\n" in (out / "51" / "E018.yaml").read_text(encoding="utf-8")
