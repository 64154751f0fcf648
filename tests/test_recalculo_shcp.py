"""Figures of SHCP's real open data (../shared/data/shcp) recomputed by hand from the raw rows,
against what `importar` + the calculators give for the same rows."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
POB = SHCP / "poblaciones_2017.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def _fila(ramo: str, clave: str, apoyo: str) -> dict:
    with POB.open(encoding="utf-8-sig", newline="") as f:
        (fila,) = (
            r
            for r in csv.DictReader(f)
            if r["Ramo"] == ramo and r["Clave_Pp"] == clave and r["Bien,_servicio_o_apoyo"] == apoyo
        )
    return fila


@pytest.mark.parametrize("apoyo", ["Premio Nacional de Trabajo", "Atención a solicitudes"])
def test_po_cero_con_atendidos_es_pa_mayor_que_po(cli, tmp_path, apoyo):
    # 14-E004 2017: two apoyos with PO 0 and people served. PA/PO has no value, but the
    # «PA > PO» flag is a fact of the row: it was false, as if PA did not exceed PO.
    out = tmp_path / "specs"
    r = cli("importar", "poblaciones", str(POB), "--clave", "14-E004", "--salida", str(out))
    assert r.code == 0, r.err
    res = cli("cobertura", "14-E004", "--specs", str(out), "-f", "json")
    assert res.code == 0, res.err
    (row,) = (x for x in json.loads(res.out) if x["componente"].startswith(apoyo))
    fila = _fila("14.0", "E004", row["componente"])
    assert float(fila["Poblacion_objetivo_indistinto"]) == row["objetivo"] == 0
    assert float(fila["Poblacion_atendida_indistinto"]) == row["atendida"] > 0
    assert row["cobertura_pct"] is None
    assert row["mayor_100"] is True
    assert row["nota"].startswith("cobertura no calculable: PO = 0; PA > PO")


def _cobertura_importada(cli, tmp_path, clave: str) -> list[dict]:
    """`cobertura -f json` of one program imported alone from SHCP's 2017 file."""
    out = tmp_path / "specs"
    r = cli("importar", "poblaciones", str(POB), "--clave", clave, "--salida", str(out))
    assert r.code == 0, r.err
    res = cli("cobertura", clave, "--specs", str(out), "-f", "json")
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_cifra_con_coma_de_miles_lo_dice_la_nota(cli, tmp_path):
    # 11-E039 2017, line 573: the PO cell is «570,000\xa0», the only figure of the file that is
    # not a plain number. It is read as 570000, and the row's nota now says what the cell said
    # (before, the figure differed from the cell's text with nothing to trace it).
    (row,) = _cobertura_importada(cli, tmp_path, "11-E039")
    celda = _fila("11.0", "E039", row["componente"])["Poblacion_objetivo_indistinto"]
    assert celda.strip() == "570,000" and row["objetivo"] == 570000
    assert "PO (indistinto): la celda dice «570,000»; se lee 570000 (coma de miles)" in row["nota"]


def _lineas(ramo: str, clave: str) -> list[int]:
    """The line where each of the program's rows starts (cells may hold line breaks)."""
    with POB.open(encoding="utf-8-sig", newline="") as f:
        lector = csv.DictReader(f)
        lineas, antes = [], 1
        for r in lector:
            if r["Ramo"] == ramo and r["Clave_Pp"] == clave:
                lineas.append(antes + 1)
            antes = lector.line_num
    return lineas


def test_poblacion_del_programa_de_varias_filas_lo_dice_la_nota(cli, tmp_path):
    # 10-B002 2017: its 16 rows (one per apoyo) repeat the same PP, PO and PA. They become one
    # component, «Población del programa»; the cobertura row said nothing of the 16 rows behind
    # it, while a group of repeated rows within a program (11-S243) names them.
    (row,) = _cobertura_importada(cli, tmp_path, "10-B002")
    lineas = _lineas("10.0", "B002")
    assert lineas == list(range(lineas[0], lineas[0] + len(lineas)))  # (one span)
    assert row["componente"] == "Población del programa"
    assert row["nota"] == (
        f"las mismas cifras en {len(lineas)} filas (líneas {lineas[0]}–{lineas[-1]}); "
        "se registran una vez, no se suman"
    )


def test_pa_mayor_que_po_sin_po_no_es_falso(cli, tmp_path):
    # 10-E005 2017: the PO cell says «Por determinar la cuantificación» (ND). Whether PA > PO
    # is then unknown: mayor_100 is null, not false.
    out = tmp_path / "specs"
    r = cli("importar", "poblaciones", str(POB), "--clave", "10-E005", "--salida", str(out))
    assert r.code == 0, r.err
    res = cli("cobertura", "10-E005", "--specs", str(out), "-f", "json")
    assert res.code == 0, res.err
    (row,) = json.loads(res.out)  # (its rows repeat the same figures: one component)
    with POB.open(encoding="utf-8-sig", newline="") as f:
        filas = [r for r in csv.DictReader(f) if r["Ramo"] == "10.0" and r["Clave_Pp"] == "E005"]
    assert {r["Poblacion_objetivo_indistinto"] for r in filas} == {
        "Por determinar la cuantificación"
    }
    assert {float(r["Poblacion_atendida_indistinto"]) for r in filas} == {row["atendida"]}
    assert row["objetivo"] is None and row["objetivo_estado"] == "ND"
    assert row["mayor_100"] is None


@pytest.mark.parametrize(
    ("filtro", "archivo"),
    [(("--clave", "11-E039"), "11/E039.yaml"), (("--ramo", "14"), "14/E004.yaml")],
)
def test_filtrar_no_cambia_la_grafia_de_las_unidades(cli, tmp_path, filtro, archivo):
    # A unit is written as the file spells it most (README, «Unidades»). That count ran on the
    # filtered rows only, so --clave 11-E039 wrote its PP unit «Alumno» and the whole file
    # «Alumnos»; --ramo 14 changed 14-E004's units: the same program, two specs.
    todo, filtrado = tmp_path / "todo", tmp_path / "filtrado"
    r = cli("importar", "poblaciones", str(POB), "--salida", str(todo))
    assert r.code == 0, r.err
    r = cli("importar", "poblaciones", str(POB), *filtro, "--salida", str(filtrado))
    assert r.code == 0, r.err
    leer = lambda d: (d / archivo).read_text(encoding="utf-8")  # noqa: E731
    assert leer(filtrado) == leer(todo)
