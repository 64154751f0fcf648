"""Fresh import vs merge into existing specs, for `importar avance` and `importar poblaciones`.

Each import runs in its own process (`python -m issste_mon importar …`), so its wall time and
peak RSS are its own; each is timed 3 times from the same starting folder and the fastest run
counts. Times are CPU seconds (user + system, from the process's own rusage) with wall seconds
in parentheses: the machine is shared, and CPU time is what the import costs. Cases:

- avance, N synthetic rows (benchmarks/importar_avance.py builds them from the 12 real sample
  rows; cycles 2013–2020): imported into an empty folder (**fresh**); into a folder that
  already holds every program with the same indicators eight cycles earlier (**merge**: every
  file gains years and is rewritten); and again (**re-import**: nothing to write).
- poblaciones 2017 (the real file, 157 programs): into an empty folder (fresh), into the folder
  the 2020 file produced (merge: 2017 added beside 2020), and again (re-import).

    python benchmarks/importar_fusion.py [--filas 10000 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from importar_avance import SHARED, build  # noqa: E402

POB17 = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
POB20 = SHARED / "data" / "shcp" / "poblaciones_2020.csv"


REPETICIONES = 3


def importar(*args: str, medir: bool = True) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of `issste-mon importar`: the fastest of
    REPETICIONES runs (the machine is shared), each from a copy of the folder as it was."""
    salida = Path(args[args.index("--salida") + 1])
    if not medir:
        return _una(*args)
    copia = salida.with_name(salida.name + ".antes")
    if salida.exists():
        shutil.copytree(salida, copia)
    mejores = []
    for i in range(REPETICIONES):
        if i:
            shutil.rmtree(salida, ignore_errors=True)
            if copia.exists():
                shutil.copytree(copia, salida)
        mejores.append(_una(*args))
    shutil.rmtree(copia, ignore_errors=True)
    return (
        min(t for t, _, _ in mejores),
        min(c for _, c, _ in mejores),
        max(r for _, _, r in mejores),
    )


def _una(*args: str) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one `issste-mon importar` process (its own rusage)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "issste_mon", "importar", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, uso = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            msg = err.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"importar {' '.join(args)}: {proc.returncode}\n{msg}")
    return dt, uso.ru_utime + uso.ru_stime, uso.ru_maxrss / 1024


def anteriores(src: Path, dst: Path) -> None:
    """The same programs and indicators eight cycles earlier (2005–2012), under other SHCP ids:
    what a folder already holds before the N rows are merged into it."""
    with open(src, encoding="latin-1", newline="") as f:
        reader = csv.DictReader(f)
        with open(dst, "w", encoding="latin-1", newline="") as fo:
            w = csv.DictWriter(fo, reader.fieldnames, lineterminator="\r\n")
            w.writeheader()
            for row in reader:
                row["CICLO"] = str(int(row["CICLO"]) - 8)
                row["ID_INDICADOR"] = str(int(row["ID_INDICADOR"]) + 10_000_000)
                w.writerow(row)


def fila(caso: str, fresca: tuple, fusion: tuple, reimp: tuple) -> str:
    """Times as CPU seconds (user + system: what the import itself costs, whatever else runs
    on the machine) and wall seconds in parentheses; the ratio is of CPU times."""
    ratio = fusion[1] / fresca[1]
    return (
        f"| {caso} | {fresca[1]:.1f} s ({fresca[0]:.1f}) | {fusion[1]:.1f} s ({fusion[0]:.1f}) "
        f"| {ratio:.2f}× | {reimp[1]:.1f} s ({reimp[0]:.1f}) | {max(fresca[2], fusion[2]):.0f} MB |"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--filas", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--sin-poblaciones", action="store_true")
    ap.add_argument("--repeticiones", type=int, default=3)
    args = ap.parse_args()
    global REPETICIONES
    REPETICIONES = args.repeticiones
    print(
        "| caso | fresca: CPU (reloj) | fusión: CPU (reloj) | fusión/fresca "
        "| reimportar | RSS máx. |"
    )
    print("|---|---|---|---|---|---|")
    for n in args.filas:
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            antes, despues = t / "antes.csv", t / "filas.csv"
            build(despues, n)
            anteriores(despues, antes)
            fresca = importar("avance", str(despues), "--salida", str(t / "fresca"))
            importar("avance", str(antes), "--salida", str(t / "fusion"), medir=False)
            fusion = importar("avance", str(despues), "--salida", str(t / "fusion"))
            reimp = importar("avance", str(despues), "--salida", str(t / "fusion"))
            specs = sum(1 for _ in (t / "fusion").rglob("*.yaml"))
            print(
                fila(
                    f"avance {n:,} filas ({specs:,} specs)",
                    fresca,
                    fusion,
                    reimp,
                )
            )
    if not args.sin_poblaciones and POB17.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            fresca = importar("poblaciones", str(POB17), "--salida", str(t / "fresca"))
            importar("poblaciones", str(POB20), "--salida", str(t / "fusion"), medir=False)
            fusion = importar("poblaciones", str(POB17), "--salida", str(t / "fusion"))
            reimp = importar("poblaciones", str(POB17), "--salida", str(t / "fusion"))
            print(fila("poblaciones 2017 (2,313 filas, 157 specs)", fresca, fusion, reimp))


if __name__ == "__main__":
    main()
