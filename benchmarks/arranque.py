"""Start-up of each command as a fresh process: median wall and CPU time over interleaved rounds.

    python benchmarks/arranque.py [--rondas 15] [--codigo DIR [--codigo DIR2]] [PYTHON]

Every case runs once per round, and with two `--codigo` trees both run in the same round, one
right after the other, so machine load hits them alike. `--codigo DIR` runs the package found in
DIR (e.g. `git archive BASE issste_mon | tar -x -C /tmp/antes`) instead of the installed one:
the interpreter starts with `-S` and PYTHONPATH=DIR:site-packages, and DIR is byte-compiled
first (compileall), as an installed package is. Output goes to /dev/null;
the specs are the bundled ones (run it where there is no ./specs), with a warm cache. CPU time
(user + system of the child) is the fair measure on a shared machine; wall time is shown too.

The floors of issue 20 run in the same rounds: `python -c pass` and the minimal typer app of
benchmarks/run.py (`--help` and a trivial command). At the end, for each tree, the start-up
ratios of the issue (median of the per-round ratios, CPU): `cobertura E045` ÷ the minimal app's
command (≤ 1.6) and `--help` ÷ its `--help` (≤ 1.2).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import MINI_APP, answer, compile_tree  # noqa: E402 - the same app and helpers as run.py

ENTRADA = "from issste_mon.cli import main; main()"
# (name, what follows the interpreter): the floors, then issste-mon's commands
PISOS = [
    ("python -c pass", ["-c", "pass"]),
    ("typer mínimo --help", ["{mini}", "--help"]),
    ("typer mínimo, un comando", ["{mini}", "uno"]),
]
CASOS = [
    ("--help", ["--help"]),
    ("--version", ["--version"]),
    ("cobertura E045", ["cobertura", "E045"]),
    ("cumplimiento --anio 2023", ["cumplimiento", "--anio", "2023"]),
    ("validar", ["validar"]),
    ("programas", ["programas"]),
    ("uso no válido (--anyo)", ["cumplimiento", "--anyo", "2023"]),
]


def entorno(python: str, codigo: str | None) -> tuple[list[str], dict]:
    env = {**os.environ, "NO_COLOR": "1"}
    if not codigo:
        return [python], env
    site = answer(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    env["PYTHONPATH"] = os.pathsep.join([codigo, site])
    # Bytecode written beforehand: with PYTHONDONTWRITEBYTECODE set (or a read-only tree) every
    # run would compile the package's sources again, ~20 ms that an installed package never pays.
    if not compile_tree(python, codigo):
        raise SystemExit(f"no se pudo compilar {codigo}")
    return [python, "-S"], env


# issue 20: (label, case, floor, limit)
COCIENTES = [
    ("cobertura E045 ÷ comando typer mínimo", "cobertura E045", "typer mínimo, un comando", 1.6),
    ("--help ÷ --help del typer mínimo", "--help", "typer mínimo --help", 1.2),
]


def medir(inicio: list[str], env: dict, argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [*inicio, *argv],
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
    parser.add_argument(
        "--codigo", metavar="DIR", action="append", help="carpeta con el paquete (hasta dos)"
    )
    a = parser.parse_args()
    arboles = a.codigo or [None]
    entornos = [entorno(a.python, c) for c in arboles]
    mini = Path(tempfile.mkdtemp(prefix="arranque-")) / "mini_app.py"
    mini.write_text(MINI_APP)
    casos = [(n, [x.format(mini=mini) for x in argv]) for n, argv in PISOS]
    casos += [(n, ["-c", ENTRADA, *args]) for n, args in CASOS]
    for inicio, env in entornos:  # warm the spec cache and the OS file cache
        for _, argv in casos:
            medir(inicio, env, argv)
    tiempos = {(k, n): [] for k in range(len(arboles)) for n, _ in casos}
    for _ in range(a.rondas):
        for nombre, argv in casos:
            for k, (inicio, env) in enumerate(entornos):
                tiempos[k, nombre].append(medir(inicio, env, argv))

    def med(k: int, nombre: str, i: int) -> float:
        return statistics.median(t[i] for t in tiempos[k, nombre])

    nombres = [c or "instalado" for c in arboles]
    cabeza = f"{'caso':<26}" + "".join(f"{n[-18:]:>24}" for n in nombres)
    print(cabeza + (f"{'diferencia CPU':>18}" if len(arboles) == 2 else ""))
    for nombre, _ in casos:
        fila = f"{nombre:<26}"
        for k in range(len(arboles)):
            fila += f"{med(k, nombre, 0):>9.0f} ms ({med(k, nombre, 1):>4.0f} CPU)"
        if len(arboles) == 2:
            fila += f"{med(1, nombre, 1) - med(0, nombre, 1):>+14.0f} ms"
        print(fila)
    print("cocientes del issue 20 (CPU, mediana de los cocientes de cada ronda):")
    for etiqueta, caso, piso, limite in COCIENTES:
        fila = f"  {etiqueta:<46}"
        for k in range(len(arboles)):
            pares = zip(tiempos[k, caso], tiempos[k, piso], strict=True)
            c = statistics.median(x[1] / y[1] for x, y in pares if y[1])
            fila += f"{c:>8.2f} {'✓' if c <= limite else '✗'}"
        print(fila + f"   (≤ {limite:g})")
    print(
        f"mediana de {a.rondas} rondas intercaladas; carga del sistema al terminar "
        f"{os.getloadavg()[0]:.2f}"
    )
    mini.unlink()
    mini.parent.rmdir()


if __name__ == "__main__":
    main()
