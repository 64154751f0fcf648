"""Benchmark of issste-mon against its floors, measured in the same run: every ratio of issue #20.

    python benchmarks/run.py [--programas 1000] [--grande 10000] [--rondas 3] [--rondas-grande 1]

Every case is a fresh process. Rounds are interleaved (each round runs every case once), so a
busy machine slows cases and floors alike. For each case: median and range of wall time, median
CPU time (user+sys of the process, which other load on the machine barely moves) and peak RSS.
Then every acceptance target as a ratio (the median of per-round ratios), on wall and on CPU
time; ✓/✗ by CPU time.

Sets (benchmarks/generate.py): `--programas` synthetic programs for verificar, validar,
cobertura and warm/cold cumplimiento; `--grande` programs for `cumplimiento -f csv` against
pandas `read_csv` of the same rows and `json.loads` of the same cache entries, and its peak RSS
(`--grande 0` skips it). Defaults (10 rounds of the start-up cases, 3 of the 1k cases, 1 of the
10k ones) take about 5 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

MINI_APP = '''\
import typer

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def uno(nombre: str = "x") -> None:
    """Primer comando."""
    print(nombre)


@app.command()
def dos(n: int = 1) -> None:
    """Segundo comando."""


if __name__ == "__main__":
    app()
'''

C_LOADER = """\
import sys, yaml
from pathlib import Path
for f in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

READ_CSV = "import sys, pandas\npandas.read_csv(sys.argv[1])\n"

# Every cache entry of the set: its header line and its JSON body, as the warm command reads them.
JSON_CACHE = """\
import json, sys
from pathlib import Path
for f in Path(sys.argv[1]).glob("*.json"):
    head, _, body = f.read_bytes().partition(b"\\n")
    json.loads(head), json.loads(body)
"""


@dataclass
class Case:
    name: str
    argv: list[str]
    reps: int
    env: dict | None = None  # extra environment
    before: object = None  # called before each run
    out: Path | None = None  # where stdout goes (default: /dev/null)
    codes: tuple = (0,)  # exit codes that mean success (verificar: 1 when a figure differs)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def run(self, env: dict, cwd: Path) -> None:
        if self.before:
            self.before()
        stdout = open(self.out, "wb") if self.out else subprocess.DEVNULL  # noqa: SIM115
        t = time.perf_counter()
        proc = subprocess.Popen(
            self.argv,
            env=env | (self.env or {}),
            cwd=cwd,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if self.out:
            stdout.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
        if proc.returncode not in self.codes:
            sys.exit(f"{self.name}: salió con {proc.returncode}\n{err.decode()[-2000:]}")
        self.wall.append(wall)
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        self.rss.append(usage.ru_maxrss)  # KiB on Linux

    def med(self, cpu: bool = False) -> float:
        return statistics.median(self.cpu if cpu else self.wall)


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} núcleos · {model} · Python {platform.python_version()}"


def versions(python: str) -> str:
    code = (
        "import importlib.metadata as m;"
        "print(' · '.join(f'{p} {m.version(p)}' for p in "
        "('issste-mon', 'typer', 'rich', 'pandas', 'pyyaml')))"
    )
    return subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.strip()


def entry_point(python: str) -> list[str]:
    script = Path(python).parent / "issste-mon"
    return [str(script)] if script.exists() else [python, "-m", "issste_mon"]


def answer(python: str, code: str) -> str:
    """What `python -c code` prints (stripped): a fact about that interpreter, not this one."""
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def compile_tree(python: str, folder: str) -> bool:
    """Byte-compile folder with python, as `pip install` leaves a package: with
    PYTHONDONTWRITEBYTECODE set (or an editable install never run before) every start-up case
    would compile ~150 modules again. False when it could not (a read-only tree)."""
    done = subprocess.run([python, "-m", "compileall", "-q", folder], capture_output=True)
    return done.returncode == 0


def bytecode(python: str) -> str:
    """The package's bytecode compiled before measuring; what was done, for the log (without
    it cobertura E045 measured 187 ms instead of 111 ms: a ✗ that no installed copy pays)."""
    where = answer(python, "import issste_mon, os; print(os.path.dirname(issste_mon.__file__))")
    if compile_tree(python, where):
        return f"compilado en {where}"
    return f"no se pudo compilar en {where}: se mide como esté"


def fmt(x: float) -> str:
    return f"{x * 1000:8.0f} ms" if x < 10 else f"{x:8.2f} s "


def make_set(root: Path, programas: int, indicadores: int, anios: int) -> tuple[int, int]:
    """Generate the set (kept when `root` already holds the same one); files and bytes."""
    stamp = root / ".generado"
    want = f"{programas} {indicadores} {anios}"
    if stamp.exists() and stamp.read_text() == want:
        files = list(root.rglob("*.yaml"))
    else:
        files = generate.generate(root, programas, indicadores, anios)
        # Dated back, so the cache's guard against files modified in the last seconds does not
        # keep the first run from storing them.
        old = time.time() - 3600
        for f in files:
            os.utime(f, (old, old))
        stamp.write_text(want)
    return len(files), sum(f.stat().st_size for f in files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--programas", type=int, default=1000, help="conjunto de verificar y validar")
    ap.add_argument("--grande", type=int, default=10000, help="conjunto del CSV y del RSS; 0: no")
    ap.add_argument("--indicadores", type=int, default=17)
    ap.add_argument("--anios", type=int, default=8)
    ap.add_argument("--ligeras", type=int, default=10, help="rondas de los casos de arranque")
    ap.add_argument("--rondas", type=int, default=3, help="rondas de los casos del conjunto")
    ap.add_argument("--rondas-grande", type=int, default=1, help="rondas del conjunto grande")
    ap.add_argument("--python", default=sys.executable, help="intérprete con issste-mon")
    ap.add_argument("--solo-arranque", action="store_true", help="sin conjuntos sintéticos")
    ap.add_argument("--dir", type=Path, help="carpeta de trabajo, se conserva (si no, temporal)")
    args = ap.parse_args()

    started = time.perf_counter()
    work = args.dir or Path(tempfile.mkdtemp(prefix="issste-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    empty = work / "vacio"  # cwd without ./specs: `cobertura E045` reads the bundled specs
    empty.mkdir(exist_ok=True)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)  # entries of another version would be misses
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISSSTE_MON_")}
    env |= {"ISSSTE_MON_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "120"}
    py, cli = args.python, entry_point(args.python)
    mini = str(work / "mini_app.py")
    Path(mini).write_text(MINI_APP)

    print(f"Máquina: {machine()}")
    print(f"Versiones: {versions(py)}")
    print(f"Bytecode: {bytecode(py)}")
    print(f"Carga del sistema al empezar: {os.getloadavg()[0]:.2f}")

    n = args.ligeras
    cases = [
        Case("python -c pass", [py, "-c", "pass"], n),
        Case("typer mínimo --help", [py, mini, "--help"], n),
        Case("typer mínimo, un comando", [py, mini, "uno"], n),
        Case("issste-mon --help", [*cli, "--help"], n),
        Case("issste-mon cobertura E045", [*cli, "cobertura", "E045", "-f", "tsv"], n),
    ]
    priming = []  # (label, argv, env): run once, before the rounds, to fill a cache
    big_csv = None
    if not args.solo_arranque:
        specs, r = str(work / "specs"), args.rondas
        t = time.perf_counter()
        files, size = make_set(Path(specs), args.programas, args.indicadores, args.anios)
        print(
            f"Conjunto: {files} programas, {size / 1e6:.1f} MB de YAML "
            f"({time.perf_counter() - t:.1f} s)"
        )
        on_set = ["--specs", specs, "-f", "csv"]
        cmd = [*cli, "cumplimiento", *on_set]
        cases += [
            Case("C-loader (yaml.CSafeLoader)", [py, "-c", C_LOADER, specs], r),
            Case(  # one year, few rows to write: reading and validating is what is measured
                "cumplimiento --year 2019, frío",
                [*cli, "cumplimiento", "--year", "2019", "--specs", specs, "-f", "tsv"],
                r,
                before=lambda: shutil.rmtree(cache, ignore_errors=True),
            ),
            Case("cumplimiento -f csv, caliente", cmd, r),
            Case("verificar -f csv, caliente", [*cli, "verificar", *on_set], r, codes=(0, 1)),
            Case("validar, caliente", [*cli, "validar", specs], r),
            Case("cobertura -f csv, caliente", [*cli, "cobertura", *on_set], r),
        ]
        if args.grande:
            big = str(work / "grande")
            big_cache = work / "cache-grande"
            shutil.rmtree(big_cache, ignore_errors=True)
            t = time.perf_counter()
            files, size = make_set(Path(big), args.grande, args.indicadores, args.anios)
            print(
                f"Conjunto grande: {files} programas, {size / 1e6:.1f} MB de YAML "
                f"({time.perf_counter() - t:.1f} s)"
            )
            big_env = {"ISSSTE_MON_CACHE_DIR": str(big_cache)}
            big_csv = work / "grande.csv"
            rg = args.rondas_grande
            priming.append(("validar del conjunto grande, frío", [*cli, "validar", big], big_env))
            cases += [
                Case(
                    "grande: cumplimiento -f csv, caliente",
                    [*cli, "cumplimiento", "--specs", big, "-f", "csv"],
                    rg,
                    env=big_env,
                    out=big_csv,
                ),
                Case("grande: pandas read_csv del CSV", [py, "-c", READ_CSV, str(big_csv)], rg),
                Case(
                    "grande: json.loads de la caché",
                    [py, "-c", JSON_CACHE, str(big_cache / "specs")],
                    rg,
                ),
            ]
    # Prime: warm cases read a cache that a first run has written.
    for label, argv, extra in priming:
        prime = Case(label, argv, 1, env=extra)
        prime.run(env, empty)
        print(f"{label}: {fmt(prime.wall[0]).strip()} (llena la caché)")
    for case in cases:
        if case.name in ("issste-mon cobertura E045", "validar, caliente"):
            case.run(env, empty)
            case.wall.clear(), case.cpu.clear(), case.rss.clear()
    for r in range(max(c.reps for c in cases)):
        for case in cases:
            if r < case.reps:
                case.run(env, empty)

    print()
    print(f"{'caso':40} {'mediana':>11} {'(mín–máx)':>21} {'CPU med.':>11} {'RSS máx.':>9}  n")
    for c in cases:
        spread = f"({min(c.wall) * 1000:.0f}–{max(c.wall) * 1000:.0f} ms)"
        print(
            f"{c.name:40} {fmt(c.med())} {spread:>21} {fmt(c.med(True))} "
            f"{max(c.rss) / 1024:6.0f} MB  {len(c.wall)}"
        )
    rows = None
    if big_csv is not None and big_csv.exists():
        with open(big_csv, "rb") as f:
            rows = sum(1 for _ in f) - 1
    print("\nObjetivos (cociente en tiempo de pared / en CPU; ✓ o ✗ según el de CPU)")
    _targets({c.name: c for c in cases}, args.solo_arranque, rows)
    print(f"\nCarga del sistema al terminar: {os.getloadavg()[0]:.2f}")
    print(f"Duración del benchmark: {time.perf_counter() - started:.0f} s")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


def _targets(by: dict, solo_arranque: bool, rows: int | None) -> None:
    """Each ratio is the median of per-round ratios (case and floor of the same round), so a
    change of load on the machine during the run moves numerator and denominator together."""

    def ratio(label: str, num: str, den: str, limit: float) -> None:
        if num not in by or den not in by:
            return

        def paired(cpu: bool) -> float:
            a = by[num].cpu if cpu else by[num].wall
            b = by[den].cpu if cpu else by[den].wall
            return statistics.median(x / y for x, y in zip(a, b) if y)  # noqa: B905

        w, c = paired(False), paired(True)
        print(f"  {'✓' if c <= limit else '✗'} {label:60} {w:6.2f} / {c:6.2f}  (≤ {limit:g})")

    def absolute(label: str, name: str, limit: float) -> None:
        if name in by:
            w, c = by[name].med(), by[name].med(True)
            ok = "✓" if c <= limit else "✗"
            print(f"  {ok} {label:60} {w:5.2f} s / {c:5.2f} s (≤ {limit:g} s)")

    ratio("--help ÷ --help del typer mínimo", "issste-mon --help", "typer mínimo --help", 1.2)
    ratio("cobertura E045 ÷ un comando del typer mínimo", "issste-mon cobertura E045",
          "typer mínimo, un comando", 1.6)  # fmt: skip
    if solo_arranque:
        return
    warm = "cumplimiento -f csv, caliente"
    absolute("verificar caliente", "verificar -f csv, caliente", 3.0)
    ratio("verificar caliente ÷ cumplimiento caliente", "verificar -f csv, caliente", warm, 1.3)
    ratio("validar caliente ÷ cobertura caliente", "validar, caliente",
          "cobertura -f csv, caliente", 1.2)  # fmt: skip
    ratio("cumplimiento --year 2019 frío ÷ C-loader (issue 7)", "cumplimiento --year 2019, frío",
          "C-loader (yaml.CSafeLoader)", 1.25)  # fmt: skip
    big = "grande: cumplimiento -f csv, caliente"
    ratio("grande: cumplimiento -f csv caliente ÷ pandas read_csv", big,
          "grande: pandas read_csv del CSV", 3.0)  # fmt: skip
    ratio("grande: cumplimiento -f csv caliente ÷ json.loads de la caché", big,
          "grande: json.loads de la caché", 4.0)  # fmt: skip
    if big in by:
        peak = max(by[big].rss) * 1024
        per_row = f", {peak / rows:,.0f} B por fila indicador-año ({rows:,} filas)" if rows else ""
        ok, label = "✓" if peak <= 1.3 * 2**30 else "✗", "grande: RSS máximo de cumplimiento -f csv"
        print(f"  {ok} {label:60} {peak / 2**30:.2f} GiB (≤ 1.3 GiB){per_row}")


if __name__ == "__main__":
    main()
