"""A population the importer adds up (hombres + mujeres, + indistinto read as «sexo no
registrado») is exact at any size: in the default 28 digits, hombres
1234567890123456789012345678901 + mujeres 1 was written as objetivo 1234567890123456789012345679000
beside its own breakdown."""

from __future__ import annotations

import csv

import yaml
from conftest import SHARED

from issste_mon.importar.poblaciones import personas

GRANDE = 1234567890123456789012345678901


def test_hombres_plus_mujeres_is_exact_at_any_size():
    total, nota, _ = personas(str(GRANDE), "1", None, "PO")
    assert total == GRANDE + 1 and nota is None
    # indistinto below the sum is «sexo no registrado», added
    total, nota, _ = personas(str(GRANDE), str(GRANDE), "5", "PO")
    assert total == 2 * GRANDE + 5
    assert nota.endswith(f"= {2 * GRANDE + 5:,}")
    # 99 % of the sum and below it: the sum, rounded (its 31 digits compared exactly)
    total, nota, _ = personas(str(GRANDE), "0", str(GRANDE - 1), "PO")
    assert total == GRANDE and "redondeado" in nota


def test_the_imported_spec_holds_the_exact_sum(tmp_path, cli):
    with open(SHARED / "data" / "shcp" / "poblaciones_2017.csv", encoding="utf-8") as f:
        filas = list(csv.DictReader(f))
    fila = next(r for r in filas if r["Ramo"] == "51.0" and r["Clave_Pp"] == "E015")
    fila |= {
        "Poblacion_objetivo_hombres": str(GRANDE),
        "Poblacion_objetivo_mujeres": "1",
        "Poblacion_objetivo_indistinto": "",
    }
    fuente = tmp_path / "poblaciones_2017.csv"
    with open(fuente, "w", encoding="utf-8", newline="") as f:
        escritor = csv.DictWriter(f, fieldnames=list(filas[0]))
        escritor.writeheader()
        escritor.writerow(fila)
    r = cli("importar", "poblaciones", str(fuente), "--salida", str(tmp_path / "specs"))
    assert r.code == 0, r.err
    spec = yaml.safe_load((tmp_path / "specs" / "51" / "E015.yaml").read_text(encoding="utf-8"))
    (componente,) = spec["poblaciones"][2017]["componentes"]
    assert componente["objetivo"] == GRANDE + 1
