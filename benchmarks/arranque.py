"""Start-up of each command as a fresh process: median wall and CPU time over interleaved rounds.

    python benchmarks/arranque.py [--rondas 15] [--codigo DIR] [PYTHON]

`--codigo DIR` runs the package found in DIR (e.g. `git archive` of an older commit unpacked
there) instead of the installed one: the interpreter starts with `-S` and
PYTHONPATH=DIR:site-packages, so compare two trees with `--codigo` on both.

Every case runs once per round (rounds interleave the cases, so machine load hits them alike);
output goes to /dev/null as TSV, the specs are the bundled ones with a warm cache.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

CASOS = [
    ("--help", ["--help"]),
    ("--version", ["--version"]),
    ("cobertura E045", ["cobertura", "E045"]),
    ("cumplimiento --anio 2023", ["cumplimiento", "--anio", "2023"]),
    ("validar", ["validar"]),
    ("programas", ["programas"]),
    ("uso no válido (--anyo)", ["cumplimiento", "--anyo", "2023"]),
]


def medir(python: str, args: list[str], codigo: str | None = None) -> tuple[float, float]:
    env = {**os.environ, "NO_COLOR": "1"}
    flags = []
    if codigo:
        site = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        env["PYTHONPATH"] = os.pathsep.join([codigo, site])
        flags = ["-S"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [python, *flags, "-c", "from issste_mon.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("python", nargs="?", default=sys.executable)
    parser.add_argument("--rondas", type=int, default=15)
    parser.add_argument("--codigo", metavar="DIR", help="carpeta con el paquete a medir")
    a = parser.parse_args()
    for _, args in CASOS:  # warm the spec cache and the OS file cache
        medir(a.python, args, a.codigo)
    tiempos: dict[str, list[tuple[float, float]]] = {n: [] for n, _ in CASOS}
    for _ in range(a.rondas):
        for nombre, args in CASOS:
            tiempos[nombre].append(medir(a.python, args, a.codigo))
    print(f"{'caso':<28} {'pared (mediana)':>16} {'CPU (mediana)':>14}")
    for nombre, _ in CASOS:
        pared = statistics.median(t[0] for t in tiempos[nombre])
        cpu = statistics.median(t[1] for t in tiempos[nombre])
        print(f"{nombre:<28} {pared:>13.0f} ms {cpu:>11.0f} ms")
    print(f"n = {a.rondas} por caso, intercalados; carga del sistema {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
