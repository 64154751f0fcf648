"""In a narrow terminal (80 columns, TERM=dumb) the classification outlives the raw numbers:
`cumplimiento` keeps Rango (and the Cumplimiento it classifies) before Meta and Valor; `sexenal`
keeps «Avance sexenal», «Meta intermedia» and the A and E they rest on before names and figures."""

from __future__ import annotations

import re

import pytest
from conftest import spec_derivado

CUMPLIMIENTO = """\
ramo: 51
clave: X001
nombre: x
mir:
  - id: A10
    nivel: Propósito
    nombre: Porcentaje de solicitudes atendidas en tiempo
    sentido: ascendente
    umbrales: {verde: 1234567890124, rojo: 1000000000000}
    metas:
      2023: {meta: 1234567890123, valor: 1234567890124}
"""

DERIVADO = spec_derivado(
    "PD-PRUEBA",
    """\
      - id: "1.1"
        nombre: Monto de los recursos que ingresan a las cuentas individuales
        sentido: ascendente
        unidad_medida: Pesos
        linea_base: {anio: 2019, valor: 1234567890.5}
        meta_sexenal: 9876543210.25
        valores: {2019: 1234567890.5, 2020: 2234567890.5, 2021: 3234567890.5, 2022: 4234567890.5}
""",
)


def _omitidas(out: str) -> str:
    texto = re.sub(r"\s+", " ", out)
    return texto.split("Omitidas por el ancho de la terminal:", 1)[-1].split(". Para verlas")[0]


@pytest.fixture
def angosta(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")
    (tmp_path / "X001.yaml").write_text(CUMPLIMIENTO, encoding="utf-8")
    (tmp_path / "PD-PRUEBA.yaml").write_text(DERIVADO, encoding="utf-8")

    def invoke(*args):
        r = cli("-q", *args, "--specs", str(tmp_path), "-f", "tabla")
        assert r.code == 0, r.err
        assert max(map(len, r.out.splitlines())) <= 80
        assert "Omitidas por el ancho" in r.out  # (the case: something had to go)
        return r.out

    return invoke


@pytest.mark.parametrize("orden", ["cumplimiento", "tendencias"])
def test_rango_outlives_meta_and_valor(angosta, orden):
    out = angosta(orden, "X001")
    omitidas = _omitidas(out)
    for columna in ("Rango (rango)", "Cumplimiento (cumplimiento_pct)", "Semáforo (semaforo)"):
        assert columna not in omitidas
    assert "Adecuado" in out and "Verde" in out


def test_sexenal_keeps_the_categories_and_their_inputs(angosta):
    out = angosta("sexenal", "PD-PRUEBA")
    omitidas = _omitidas(out)
    for columna in ("Avance sexenal (avance_sexenal)", "Meta intermedia (meta_intermedia)"):
        assert columna not in omitidas
    assert "A (avance_pct)" not in omitidas and "E (avance_esperado_pct)" not in omitidas
    assert "Rezagado" in out
