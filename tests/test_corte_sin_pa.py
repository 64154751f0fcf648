"""`corte` is the PA's cut-off: beside no PA (the PO's cut, as specs imported from SHCP's
2018–2020 files before `corte_objetivo` wrote it) every command says so, at its line."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED

SPEC = """\
ramo: 51
clave: X002
nombre: Prueba
poblaciones:
  2020:
    unidad_medida: Personas
    objetivo: 100
    corte: {{mes: 12, anio: 2017}}
{extra}"""

AVISO = (
    "poblaciones.2020.corte: aviso: «corte» es el corte de la población atendida y este año "
    "no tiene PA"
)


@pytest.mark.parametrize("cmd", [["validar"], ["cobertura", "-f", "csv", "--specs"]])
def test_a_pa_cut_without_a_pa_is_said_at_its_line(cli, tmp_path, cmd):
    spec = tmp_path / "X002.yaml"
    spec.write_text(SPEC.format(extra=""), encoding="utf-8")
    r = cli(*cmd, str(spec))
    assert r.code == 0
    (linea,) = [x for x in r.err.splitlines() if AVISO in x]
    assert linea.startswith(f"{spec}:8:12: ") and "corte_objetivo" in linea


def test_with_its_pa_or_under_its_own_key_nothing_is_said(cli, tmp_path):
    spec = tmp_path / "X002.yaml"
    spec.write_text(SPEC.format(extra="    atendida: 80\n"), encoding="utf-8")
    r = cli("validar", "--estricto", str(spec))
    assert r.code == 0 and "aviso" not in r.err
    texto = SPEC.format(extra="").replace("    corte:", "    corte_objetivo:")
    spec.write_text(texto, encoding="utf-8")
    r = cli("validar", "--estricto", str(spec))
    assert r.code == 0 and "aviso" not in r.err


def test_what_importar_writes_today_says_nothing(cli, tmp_path):
    salida = tmp_path / "specs"
    archivo = SHARED / "data" / "shcp" / "poblaciones_2020.csv"
    r = cli("importar", "poblaciones", str(archivo), "--ramo", "51", "--salida", str(salida), "-q")
    assert r.code == 0, r.err
    r = cli("validar", str(salida))
    assert r.code == 0 and "aviso" not in r.err and "archivos válidos" in r.err
