"""Every table command at federal scale: CPU and peak RSS on synthetic sets of growing size.

Generates each set with generate.py (or reuses it in --dir), warms its parsed-spec cache with
`validar`, then runs each case as a subprocess (stdout to /dev/null) and prints, per set, the
CPU time (user + sys) and the peak RSS, and at the end the CPU ratio between the largest and
the one before it (≈ size ratio when the command is linear) and the CPU per row against
`cumplimiento -f csv`. Figures only: nothing here passes or fails.

With --completo the sets also carry what sexenal, calidad, resumen, monitoreo (both indices)
and ficha read (generate.py --completo; kept apart from the plain sets, in DIR/c300 …); without
it those commands find no rows, and their figures measure only the loading.

    python benchmarks/escala.py [--programas 300 1000 3000] [--dir DIR] [--caso tendencias]
                                [--completo]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CASOS = {
    "cumplimiento -f csv": ["cumplimiento", "-f", "csv"],
    "cumplimiento -f json": ["cumplimiento", "-f", "json"],
    "cumplimiento (tabla)": ["cumplimiento", "-f", "tabla"],
    "cobertura -f csv": ["cobertura", "-f", "csv"],
    "presupuesto -f csv": ["presupuesto", "-f", "csv"],
    "monitoreo -f csv": ["monitoreo", "-f", "csv"],
    "tendencias -f csv": ["tendencias", "-f", "csv"],
    "tendencias -f json": ["tendencias", "-f", "json"],
    "alertas -f csv": ["alertas", "-f", "csv"],
    "alertas --mejoras": ["alertas", "--mejoras", "-f", "csv"],
    "verificar -f csv": ["verificar", "-f", "csv"],
    "programas -f csv": ["programas", "-f", "csv"],
    "sexenal -f csv": ["sexenal", "-f", "csv"],
    "calidad -f csv": ["calidad", "-f", "csv"],
    "calidad --distribucion": ["calidad", "--distribucion", "-f", "csv"],
    "resumen -f csv": ["resumen", "-f", "csv"],
    "resumen --enunciados": ["resumen", "--enunciados", "-f", "csv"],
    "monitoreo --indice ised": ["monitoreo", "--indice", "ised", "-f", "csv"],
    # one program's page: its cost beyond loading the set must not grow with the set
    "ficha (un programa)": ["ficha", "{clave}", "-o", "{html}"],
}


def medir(argv: list[str], env: dict) -> tuple[float, int]:
    """(CPU seconds, peak RSS in MiB) of one run."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # (1: findings, as verificar's)
        sys.exit(f"{' '.join(argv)}: falló\n{err.decode()[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--programas", type=int, nargs="+", default=[300, 1000, 3000])
    ap.add_argument("--dir", help="carpeta de los conjuntos (se generan si faltan)")
    ap.add_argument("--caso", action="append", help="solo los casos que empiezan así")
    ap.add_argument("--completo", action="store_true", help="conjuntos con generate.py --completo")
    args = ap.parse_args()
    casos = {
        k: v for k, v in CASOS.items() if not args.caso or any(k.startswith(c) for c in args.caso)
    }
    casos.setdefault("cumplimiento -f csv", CASOS["cumplimiento -f csv"])  # (the reference)
    cli = [sys.executable, "-m", "issste_mon"]
    with tempfile.TemporaryDirectory() as tmp:
        raiz = Path(args.dir or tmp)
        res: dict[int, dict[str, tuple[float, int]]] = {}
        for n in args.programas:
            specs = raiz / f"{'c' if args.completo else 'p'}{n}"
            if not specs.exists():
                gen = [sys.executable, str(HERE / "generate.py"), str(specs), "--programas", str(n)]
                gen += ["--completo"] * args.completo
                subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
            env = {**os.environ, "ISSSTE_MON_CACHE_DIR": str(Path(tmp) / f"cache-{n}")}
            env.pop("ISSSTE_MON_SIN_CACHE", None)
            subprocess.run([*cli, "validar", str(specs)], env=env, capture_output=True)
            primero = min(specs.glob("ramo_*/[A-Z][0-9][0-9][0-9].yaml"))
            lugar = {
                "clave": f"{int(primero.parent.name[5:])}-{primero.stem}",
                "html": str(Path(tmp) / "ficha.html"),
            }
            res[n] = {
                k: medir([*cli, *(a.format(**lugar) for a in v), "--specs", str(specs)], env)
                for k, v in casos.items()
            }
            print(f"{n:,} programas, caché caliente (CPU s, RSS máx. MiB):")
            for k, (cpu, rss) in res[n].items():
                print(f"  {k:<24} {cpu:7.2f} s {rss:6,} MiB")
    if len(args.programas) > 1:
        a, b = args.programas[-2:]
        print(
            f"\nCociente de CPU {b:,} ÷ {a:,} (lineal ≈ {b / a:.1f}) y CPU ÷ cumplimiento -f csv:"
        )
        for k in casos:
            ref = res[b]["cumplimiento -f csv"][0]
            print(f"  {k:<24} {res[b][k][0] / res[a][k][0]:5.2f}   {res[b][k][0] / ref:5.2f}")


if __name__ == "__main__":
    main()
