"""A whole table (`alertas`, `verificar`, every table not made by parts) is written as text
FILAS_POR_TROZO rows at a time: at 3,000 synthetic programs `alertas -f json` made the text of
all 324,038 rows, then joined it (259 MB) into one more string. The same bytes as one piece,
in csv, tsv, json and jsonl, with ND/NA, nulls, texts that need quotes and the formula guard;
a cell holding a list still goes through the json module."""

from __future__ import annotations

import io
import json

import pytest

import issste_mon as im
from issste_mon.salida import celdas
from issste_mon.salida import render as r
from issste_mon.salida.formatos import Formato
from issste_mon.salida.tabla import Columna, Tabla

FORMATOS = [Formato.csv, Formato.tsv, Formato.json, Formato.jsonl]


class _Escrituras(io.StringIO):
    """Counts the rows (line ends) each write carries."""

    def __init__(self) -> None:
        super().__init__()
        self.lineas: list[int] = []

    def write(self, texto: str) -> int:
        self.lineas.append(texto.count("\n"))
        return super().write(texto)


def _texto(tabla, formato) -> str:
    out = io.StringIO()
    r.render(tabla, formato, out)
    return out.getvalue()


def _tablas(specs, metodologia):
    yield im.alertas(specs, metodologia=metodologia)
    yield im.tendencias(specs, metodologia=metodologia)
    yield im.cumplimiento(specs, metodologia=metodologia)
    yield im.verificar(specs, metodologia=metodologia).tabla
    hostil = [
        {"t": "=1+1", "n": 1.5, "x": None, "b": True},
        {"t": 'di "sí", no', "n": None, "x": "ND", "b": None},
        {"t": "línea\nnueva", "n": 12345678901234567890, "x": 2, "b": False},
    ] * 5
    cols = [Columna("t", "T"), Columna("n", "N", "numero"), Columna("x", "X"), Columna("b", "B")]
    yield Tabla("hostil", cols, hostil)


@pytest.mark.parametrize("trozo", [1, 4, 7])
def test_por_trozos_los_mismos_bytes(specs, metodologia, monkeypatch, trozo):
    for tabla in _tablas(specs, metodologia):
        enteros = {f: _texto(tabla, f) for f in FORMATOS}
        monkeypatch.setattr(celdas, "FILAS_POR_TROZO", trozo)
        for formato in FORMATOS:
            assert _texto(tabla, formato) == enteros[formato], (tabla.titulo, formato)
        monkeypatch.setattr(celdas, "FILAS_POR_TROZO", 8192)


def test_ninguna_escritura_lleva_todas_las_filas(specs, metodologia, monkeypatch):
    monkeypatch.setattr(celdas, "FILAS_POR_TROZO", 5)
    tabla = im.alertas(specs, metodologia=metodologia)
    assert len(tabla) > 20
    for formato, por_fila in ((Formato.csv, 1), (Formato.jsonl, 1), (Formato.json, 0)):
        out = _Escrituras()
        r.render(tabla, formato, out)
        # (json: a row spans many lines; its writes are counted by rows, below)
        if por_fila:
            assert max(out.lineas) <= 5 and sum(out.lineas) == len(tabla) + (formato is Formato.csv)
        else:
            assert len(out.lineas) >= len(tabla) // 5
            assert json.loads(out.getvalue()) == tabla.to_records()


def test_una_celda_con_lista_va_por_el_modulo_json(monkeypatch):
    monkeypatch.setattr(celdas, "FILAS_POR_TROZO", 2)
    filas = [{"a": [1, 2], "b": "x"}, {"a": None, "b": "y"}, {"a": 3, "b": "z"}]
    tabla = Tabla("t", [Columna("a", "A"), Columna("b", "B")], filas)
    assert json.loads(_texto(tabla, Formato.json)) == filas
    assert _texto(tabla, Formato.jsonl).splitlines()[0] == '{"a": [1, 2], "b": "x"}'
