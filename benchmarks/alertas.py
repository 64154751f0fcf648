"""`alertas` (and `tendencias`) on a 1,000-program synthetic set, against warm `cumplimiento`.

Generates the set with generate.py, warms the parsed-spec cache, then runs each command as a
subprocess REPS times (stdout to /dev/null) and prints the median wall and CPU times and the
ratio to warm `cumplimiento` of the same set (target: alertas ≤ 2×).

    python benchmarks/alertas.py [--programas 1000] [--reps 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def medir(argv: list[str], env: dict, reps: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(reps):
        t = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall.append(time.perf_counter() - t)
        cpu.append(usage.ru_utime + usage.ru_stime)
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(argv)}: falló\n{err.decode()[-2000:]}")
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programas", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    cli = [sys.executable, "-m", "issste_mon"]
    with tempfile.TemporaryDirectory() as tmp:
        specs = Path(tmp) / "specs"
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(specs),
                "--programas",
                str(args.programas),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {**os.environ, "ISSSTE_MON_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("ISSSTE_MON_SIN_CACHE", None)
        base = ["--specs", str(specs), "-f", "tsv"]
        subprocess.run([*cli, "validar", str(specs)], env=env, capture_output=True)
        subprocess.run([*cli, "cumplimiento", *base], env=env, capture_output=True)  # warm
        casos = {
            "cumplimiento": [*cli, "cumplimiento", *base],
            "cumplimiento --year 2019": [*cli, "cumplimiento", "--year", "2019", *base],
            "alertas": [*cli, "alertas", *base],
            "alertas --mejoras": [*cli, "alertas", "--mejoras", *base],
            "tendencias": [*cli, "tendencias", *base],
        }
        res = {name: medir(argv, env, args.reps) for name, argv in casos.items()}
    ref_wall, ref_cpu = res["cumplimiento"]
    print(f"{args.programas:,} programas sintéticos, caché caliente, mediana de {args.reps}:")
    for name, (wall, cpu) in res.items():
        print(
            f"  {name:<26} {wall:6.2f} s pared {cpu:6.2f} s CPU   "
            f"× {wall / ref_wall:4.2f} pared, × {cpu / ref_cpu:4.2f} CPU frente a cumplimiento"
        )
    ratio = res["alertas"][1] / ref_cpu
    print(f"alertas / cumplimiento (CPU): {ratio:.2f} (objetivo ≤ 2)")


if __name__ == "__main__":
    main()
