"""`importar avance` with a hostile MODALIDAD_PP: the row is skipped with an aviso, never a
traceback, never a spec written outside the output folder (issue 17)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import SHARED

from issste_mon.importar.comun import clave_de

AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"

HOSTILES = ["/ 001", "E 1e400", "E nan", "E inf", "E -1", "E 12345", "\x1b 001", "E ../1", "1 001"]


@pytest.mark.parametrize("valor", HOSTILES)
def test_clave_de_refuses_what_is_no_program_key(valor):
    with pytest.raises(ValueError):
        clave_de(valor[:1], valor[1:])


@pytest.mark.parametrize(
    ("valor", "clave"), [("E 001", "E001"), ("E45", "E045"), ("u 1.0", "U001")]
)
def test_clave_de_keeps_reading_real_keys(valor, clave):
    assert clave_de(valor[:1], valor[1:]) == clave


@pytest.mark.skipif(not AVANCE.is_file(), reason=f"SHCP data not available: {AVANCE}")
@pytest.mark.parametrize("valor", HOSTILES)
def test_importar_avance_hostile_modalidad_is_one_aviso(cli, tmp_path, valor):
    with open(AVANCE, encoding="latin-1", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = list(reader.fieldnames), list(reader)
    if "MODALIDAD_PP" not in header:
        pytest.skip("the sample has no MODALIDAD_PP column")
    rows[0]["MODALIDAD_PP"] = valor
    src = tmp_path / "avance.csv"
    with open(src, "w", encoding="latin-1", errors="replace", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "specs"
    r = cli("importar", "avance", str(src), "-o", str(out))
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err
    assert "fila omitida: sin ciclo, ramo o clave de programa válidos" in r.err
    assert "\x1b" not in r.err + r.out
    written = [p.resolve() for p in tmp_path.rglob("*.yaml")]
    assert all(Path(out.resolve()) in p.parents for p in written)
