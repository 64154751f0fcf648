"""What `importar` writes is the source's exact decimal, or, where the loader cannot read that
back exactly (it reads YAML numbers as doubles), the value it will use plus a `nota` with the
source's digits: never float noise, never an exponent, never a silent change. The figures are
those of /work/shared/data/shcp, read by hand."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SHARED

from issste_mon.carga.loader import load_paths
from issste_mon.importar.comun import cifra, numero_nota, plano

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"
POB20 = SHCP / "poblaciones_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def test_cifra_keeps_what_reads_back_and_rounds_the_rest():
    assert cifra(Decimal("406186.13869735564")) == 406186.13869735564  # a double reads it so
    assert cifra(Decimal("1152920.00000000024")) == 1152920  # 18 digits: to 15
    assert cifra(Decimal("7677982.5199999996")) == 7677982.52
    # 18 digits no double reads back: all 15 a double keeps, not 14 (…8901235)
    assert cifra(Decimal("1234567.89012345678")) == 1234567.89012346
    assert cifra(Decimal("95.00")) == 95 and isinstance(cifra(Decimal("95.00")), int)
    big = cifra(Decimal("12345678901234567"))  # an integer stays whole at any size
    assert big == 12345678901234567 and isinstance(big, int)
    assert cifra(Decimal("12345678901234567.89")) == 12345678901234568
    assert plano(3e-05) == "0.00003" and plano(1.5e16) == "15000000000000000"
    valor, nota = numero_nota("7677982.5199999996", "PA")
    assert valor == 7677982.52
    assert nota.startswith("PA: la cifra exacta es 7677982.5199999996; se escribe 7677982.52")
    assert numero_nota("96.02", "AVANCE_CP") == (96.02, None)


def test_cifra_rounds_a_tie_half_up():
    """A tie at the last digit kept rounds away from zero, as every figure issste-mon prints
    (half to even would keep …30 and …02): 16 digits no double reads back, and a fraction of an
    integer beyond 10¹⁵."""
    assert cifra(Decimal("9010601.212773305")) == 9010601.21277331
    assert cifra(Decimal("10000000000000002.5")) == 10000000000000003
    assert cifra(Decimal("-10000000000000002.5")) == -10000000000000003


def _texto(out: Path, ramo: int, clave: str) -> str:
    return (out / str(ramo) / f"{clave}.yaml").read_text(encoding="utf-8")


def _cargar(out: Path, clave: str):
    return next(p for p in load_paths([str(out)]).programas if p.clave == clave)


def test_poblaciones_2017_exact_text(cli, tmp_path):
    out = tmp_path / "s"
    r = cli(
        "importar", "poblaciones", str(POB17), "--clave", "11-E064", "--clave", "16-S219",
        "-o", str(out),
    )  # fmt: skip
    assert r.code == 0, r.err
    e064 = _texto(out, 11, "E064")
    # PO hombres 406186.13869735564 + mujeres 746733.8613026446 = 1152920.00000000024 exactly
    assert "\n      objetivo: 1152920\n" in e064
    assert "objetivo: {hombres: 406186.13869735564, mujeres: 746733.8613026446}" in e064
    assert (
        "PO: la cifra exacta es 1152920.00000000024; se escribe 1152920 (redondeada a 15 "
        "cifras significativas: más no se leen exactas)" in e064
    )
    assert "1152920.0000000002\n" not in e064 and "1152920.0000000002 " not in e064
    s219 = _texto(out, 16, "S219")
    assert "\n      atendida: 7677982.52\n" in s219
    assert "PA: la cifra exacta es 7677982.5199999996; se escribe 7677982.52" in s219
    assert "cifra con más de 15 cifras significativas" in r.err
    # the loader reads back exactly what is written
    comp = _cargar(out, "E064").poblaciones[0]
    assert Decimal(repr(comp.objetivo)) == Decimal("1152920")


def test_poblaciones_2020_exact_text(cli, tmp_path):
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(POB20), "--clave", "16-S219", "-o", str(out))
    assert r.code == 0, r.err
    texto = _texto(out, 16, "S219")
    assert "\n      objetivo: 7648849.86\n      programada: 7648849.86\n" in texto
    assert "objetivo (Cuantificación): la cifra exacta es 7648849.8600000003" in texto
    assert "programada (Cuantificación 2020): la cifra exacta es 7648849.8600000003" in texto


def test_avance_big_and_small_numbers_plain(cli, tmp_path):
    with open(AVANCE, encoding="latin-1", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = list(reader.fieldnames), list(reader)
    fila = next(r for r in rows if r["MODALIDAD_PP"] == "U 001" and r["CICLO"] == "2019")
    fila = {**fila, "META": "12345678901234567.89", "AVANCE_CP": "3e-05"}
    src = tmp_path / "avance.csv"
    with open(src, "w", encoding="latin-1", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\r\n")
        w.writeheader()
        w.writerow(fila)
    out = tmp_path / "s"
    r = cli("importar", "avance", str(src), "-o", str(out))
    assert r.code == 0, r.err
    texto = _texto(out, 9, "U001")
    assert "meta: 12345678901234568\n" in texto and "e+" not in texto
    assert "valor: 0.00003\n" in texto
    assert "META: la cifra exacta es 12345678901234567.89; se escribe 12345678901234568" in texto
    meta = _cargar(out, "U001").mir[0].metas[2019]
    assert meta.meta == 12345678901234568 and meta.valor == 3e-05
