"""`importar`: a row whose key columns name two programs (MODALIDAD_PP and ID_MODALIDAD +
ID_PP in avance; Ramo + Programa (Pp) and Clave_Pp in poblaciones 2018–2020; ID_RAMO + Pp
and CVE_Pp in the ISeD) is attributed to neither: a conflict in the source with its line.
In the real files they always agree (12, 219 and 535 rows)."""

from __future__ import annotations

import csv

import yaml
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"


def _copia(origen, destino, encoding: str, cambio: dict[str, dict[str, str]], clave: str):
    """origen with the cells of `cambio` changed in the row whose `clave` column is each key."""
    with open(origen, encoding=encoding, newline="") as f:
        filas = list(csv.reader(f))
    cab = filas[0]
    for fila in filas[1:]:
        for col, valor in cambio.get(fila[cab.index(clave)], {}).items():
            fila[cab.index(col)] = valor
    with open(destino, "w", encoding=encoding, newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(filas)
    return str(destino)


def test_avance_row_whose_id_pp_names_another_program_is_a_conflict(cli, tmp_path):
    """The clave came from MODALIDAD_PP alone: a row «P 002» with ID_PP 3 went into 14-P002
    without a word (and `--clave 14-P003` skipped it as outside the filter)."""
    src = _copia(SHCP / "avance_indicadores_muestra.csv", tmp_path / "av.csv", "latin-1",
                 {"144301": {"ID_PP": "3"}}, "ID_INDICADOR")  # fmt: skip
    conflicto = (
        f"conflicto: {src}:10: la fila no dice de qué programa es: MODALIDAD_PP «P 002» da "
        "14-P002, pero ID_MODALIDAD «P» con ID_PP «3» da 14-P003 (se omite la fila)"
    )
    salida = tmp_path / "specs"
    r = cli("importar", "avance", src, "--ramo", "14", "-o", str(salida))
    assert r.code == 1, r.err
    assert conflicto in r.err.splitlines()
    assert (
        "Conflictos en la fuente: 1 (1 fila cuyas columnas de clave nombran programas "
        "distintos; se omite)."
    ) in r.out
    spec = yaml.safe_load((salida / "14" / "P002.yaml").read_text(encoding="utf-8"))
    assert sorted(f["id_shcp"] for f in spec["mir"]) == ["141103", "145063", "145095"]
    r = cli("importar", "avance", src, "--clave", "14-P003", "-o", str(salida))
    assert r.code == 1 and conflicto in r.err.splitlines()
    r = cli("importar", "avance", src, "--ramo", "9", "-o", str(salida))
    assert r.code == 0 and "conflicto" not in r.err


def test_poblaciones_po_row_whose_clave_pp_names_another_ramo_is_a_conflict(cli, tmp_path):
    """Ramo 6, Programa (Pp) S265 and Clave_Pp «08-S265»: written into 6-S265 before."""
    src = tmp_path / "poblaciones_2020.csv"
    with open(SHCP / "poblaciones_2020.csv", encoding="utf-8", newline="") as f:
        filas = list(csv.reader(f))
    cab = filas[0]
    assert (filas[1][cab.index("Clave_Pp")], filas[2][cab.index("Clave_Pp")]) == ("06-S265",) * 2
    filas[1][cab.index("Clave_Pp")] = "08-S265"
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(filas)
    r = cli("importar", "poblaciones", str(src), "--clave", "S265", "-o", str(tmp_path / "o"))
    assert r.code == 1, r.err
    assert (
        f"conflicto: {src}:2: la fila no dice de qué programa es: Ramo «6» con Programa (Pp) "
        "«S265» da 6-S265, pero Clave_Pp «08-S265» da 8-S265 (se omite la fila)"
    ) in r.err.splitlines()
    spec = yaml.safe_load((tmp_path / "o" / "6" / "S265.yaml").read_text(encoding="utf-8"))
    assert len(spec["poblaciones"][2020]["componentes"]) == 1  # line 3's only


def test_ised_row_whose_cve_pp_names_another_program_is_a_conflict(cli, tmp_path):
    src = _copia(SHCP / "ised_2019_2020.csv", tmp_path / "ised.csv", "utf-8",
                 {"02-P001": {"CVE_Pp": "02-P011"}}, "CVE_Pp")  # fmt: skip
    r = cli("importar", "ised", src, "--anio", "2020", "--ramo", "2", "-o", str(tmp_path / "o"))
    assert r.code == 1, r.err
    assert (
        f"conflicto: {src}:3: la fila no dice de qué programa es: ID_RAMO «2.0» con Pp «P001» "
        "da 2-P001, pero CVE_Pp «02-P011» da 2-P011 (se omite la fila)"
    ) in r.err.splitlines()
    assert not (tmp_path / "o" / "2" / "P001.yaml").exists()
    assert (tmp_path / "o" / "2" / "P002.yaml").exists()
