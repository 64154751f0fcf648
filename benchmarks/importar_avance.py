"""How long `importar avance` takes on a federal-size file (≈100 k rows × 245 columns).

SHCP's full file is not in the repository; this builds one of the same shape from the 12 real
sample rows (each copied with its own ramo, program, indicator id and cycle), then imports it
into a temporary folder once. Run: python benchmarks/importar_avance.py [ROWS]
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(os.environ.get("ISSSTE_MON_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SAMPLE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"


def build(path: Path, n: int) -> None:
    with open(SAMPLE, encoding="latin-1", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    with open(path, "w", encoding="latin-1", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\r\n")
        w.writeheader()
        for i in range(n):
            row = dict(rows[i % len(rows)])
            prog = i // 60  # about 60 indicator-years per program
            row["ID_RAMO"] = str(1 + prog % 50)
            row["MODALIDAD_PP"] = f"{row['MODALIDAD_PP'][0]} {prog // 50 % 1000:03d}"
            row["CICLO"] = str(2013 + (i // 12) % 8)
            row["ID_INDICADOR"] = str(1_000_000 + i)
            row["ID_INDICADOR_CICLO_ANTERIOR"] = ""
            w.writerow(row)


def main() -> None:
    from issste_mon.cli import run

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "prog_avance_de_indicadores.csv"
        build(src, n)
        size = src.stat().st_size / 1e6
        t0 = time.perf_counter()
        code = run(["importar", "avance", str(src), "--salida", str(Path(tmp) / "specs")])
        dt = time.perf_counter() - t0
        files = sum(1 for _ in (Path(tmp) / "specs").rglob("*.yaml"))
        print(f"{n:,} filas ({size:.0f} MB) → {files:,} specs en {dt:.1f} s (código {code})")


if __name__ == "__main__":
    main()
