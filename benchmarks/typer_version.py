"""One-off: the same issste-mon under two environments (e.g. typer 0.28 and 0.29), interleaved.

    python benchmarks/typer_version.py VENV_A/bin/python VENV_B/bin/python [--n 15]

Each environment needs issste-mon installed (`pip install --no-deps -e .` next to the typer
version under test). Prints the median wall and CPU time of `--help`, `cobertura E045` and
`validar` of one file, and the difference B − A.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

CASES = {
    "--help": ["--help"],
    "cobertura E045": ["cobertura", "E045", "-f", "tsv"],
    "validar E045.yaml": ["validar", "E045.yaml"],
}


def measure(argv: list[str], env: dict, cwd: str) -> tuple[float, float]:
    t = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{argv} salió con {proc.returncode}")
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pythons", nargs=2)
    ap.add_argument("--n", type=int, default=15)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="typer-version-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISSSTE_MON_")}
    env["ISSSTE_MON_CACHE_DIR"] = str(Path(work) / "cache")
    spec = Path(__file__).resolve().parents[1] / "issste_mon" / "specs" / "E045.yaml"
    (Path(work) / "E045.yaml").write_bytes(spec.read_bytes())
    results = {(py, c): [] for py in args.pythons for c in CASES}
    versions = {}
    for py in args.pythons:
        code = "import importlib.metadata as m; print(m.version('typer'))"
        versions[py] = subprocess.run([py, "-c", code], capture_output=True, text=True).stdout
        for argv in CASES.values():  # warm the cache and the OS's file cache
            measure([py, "-m", "issste_mon", *argv], env, work)
    for _ in range(args.n):
        for py in args.pythons:
            for name, argv in CASES.items():
                results[(py, name)].append(measure([py, "-m", "issste_mon", *argv], env, work))
    a, b = args.pythons
    va, vb = versions[a].strip(), versions[b].strip()
    print(f"{'caso':20} {'typer ' + va:>22} {'typer ' + vb:>22} {'diferencia':>20}")
    for name in CASES:
        cells = []
        for py in (a, b):
            wall = statistics.median(w for w, _ in results[(py, name)])
            cpu = statistics.median(c for _, c in results[(py, name)])
            cells.append((wall, cpu))
        (wa, ca), (wb, cb) = cells
        print(
            f"{name:20} {wa * 1000:9.0f} ms ({ca * 1000:4.0f} CPU) {wb * 1000:9.0f} ms "
            f"({cb * 1000:4.0f} CPU) {(wb - wa) * 1000:+9.0f} ms ({(cb - ca) * 1000:+4.0f} CPU)"
        )
    print(f"n = {args.n} por caso, intercalados; carga del sistema {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
