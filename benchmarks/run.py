"""Start-up and federal-scale benchmark of issste-mon, with its floors measured in the same run.

    python benchmarks/run.py [--programas 1700] [--ligeras 10] [--pesadas 3] [--python PY]

Every case is a fresh process. Rounds are interleaved (each round runs every case once), so a
busy machine slows cases and floors alike. For each case: median and range of wall time, median
CPU time (user+sys of the process, which other load on the machine barely moves) and peak RSS.
Then every target of issue #7 as a ratio (the median of per-round ratios), on wall and on CPU
time.

Default sizes and repetitions (10 rounds of the start-up cases, 3 of the whole-set cases, 5 of
warm/touched) take about 2 minutes on an idle 2-core machine, well under 5 minutes.
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

JSON_READ = "import json, sys\nwith open(sys.argv[1], 'rb') as f:\n    json.load(f)\n"

FRAME = """\
import sys, time
from issste_mon import metodologia as methodology
from issste_mon.calc import cumplimiento
from issste_mon.carga.loader import load_paths
specs = load_paths([sys.argv[1]], cache=True)
m = methodology.load()
t = time.perf_counter()
df = cumplimiento.frame(specs.programas, None, None, m)
t1 = time.perf_counter()
cumplimiento.evaluar(df, m)
t2 = time.perf_counter()
print(len(df), t1 - t, t2 - t1)
"""


@dataclass
class Case:
    name: str
    argv: list[str]
    reps: int
    before: object = None  # called before each run
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)

    def run(self, env: dict, cwd: Path) -> None:
        if self.before:
            self.before()
        t = time.perf_counter()
        proc = subprocess.Popen(
            self.argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
        if proc.returncode != 0:
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


def fmt(x: float) -> str:
    return f"{x * 1000:8.0f} ms" if x < 10 else f"{x:8.2f} s "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--programas", type=int, default=1700)
    ap.add_argument("--indicadores", type=int, default=17)
    ap.add_argument("--anios", type=int, default=8)
    ap.add_argument("--ligeras", type=int, default=10, help="rondas de los casos de arranque")
    ap.add_argument("--pesadas", type=int, default=3, help="rondas de frío y del C-loader")
    ap.add_argument("--tibias", type=int, default=5, help="rondas de caliente y tras tocar")
    ap.add_argument("--python", default=sys.executable, help="intérprete con issste-mon")
    ap.add_argument("--solo-arranque", action="store_true", help="sin el conjunto federal")
    ap.add_argument("--dir", type=Path, help="carpeta de trabajo (por omisión, temporal)")
    args = ap.parse_args()

    started = time.perf_counter()
    work = args.dir or Path(tempfile.mkdtemp(prefix="issste-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    empty = work / "vacio"  # cwd without ./specs: `cobertura E045` reads the bundled specs
    empty.mkdir(exist_ok=True)
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISSSTE_MON_")}
    env |= {"ISSSTE_MON_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "120"}
    py, cli = args.python, entry_point(args.python)
    (work / "mini_app.py").write_text(MINI_APP)

    print(f"Máquina: {machine()}")
    print(f"Versiones: {versions(py)}")
    print(f"Carga del sistema al empezar: {os.getloadavg()[0]:.2f}")

    cases = [
        Case("python -c pass", [py, "-c", "pass"], args.ligeras),
        Case("typer mínimo --help", [py, str(work / "mini_app.py"), "--help"], args.ligeras),
        Case(
            "import pandas, yaml, typer, rich",
            [py, "-c", "import pandas, yaml, typer, rich"],
            args.ligeras,
        ),
        Case("issste-mon --help", [*cli, "--help"], args.ligeras),
        Case("issste-mon cobertura E045", [*cli, "cobertura", "E045", "-f", "tsv"], args.ligeras),
    ]
    n_rows = None
    if not args.solo_arranque:
        specs = work / "specs"
        t = time.perf_counter()
        files = generate.generate(specs, args.programas, args.indicadores, args.anios)
        size = sum(f.stat().st_size for f in files)
        # The set was just written; date it back so the cache's guard against files modified in
        # the last seconds (see cache.py) does not keep the first run from storing it.
        old = time.time() - 3600
        for f in files:
            os.utime(f, (old, old))
        print(
            f"Conjunto sintético: {len(files)} programas, {size / 1e6:.1f} MB de YAML "
            f"(generado en {time.perf_counter() - t:.1f} s)"
        )
        json_file = work / "specs.json"
        subprocess.run(
            [py, "-c", _TO_JSON, str(specs), str(json_file)], check=True, env=env, cwd=empty
        )
        touched = files[len(files) // 2]
        cmd = [*cli, "cumplimiento", "--year", "2019", "--specs", str(specs), "-f", "tsv"]
        cases += [
            Case("C-loader (yaml.CSafeLoader)", [py, "-c", C_LOADER, str(specs)], args.pesadas),
            Case("lectura JSON (json.load)", [py, "-c", JSON_READ, str(json_file)], args.tibias),
            Case(
                "cumplimiento --year 2019, frío",
                cmd,
                args.pesadas,
                before=lambda: shutil.rmtree(cache, ignore_errors=True),
            ),
            Case("cumplimiento --year 2019, caliente", cmd, args.tibias),
            Case(
                "cumplimiento, tras tocar 1 archivo",
                cmd,
                args.tibias,
                before=lambda: os.utime(touched),
            ),
        ]
    # Prime: the cobertura case and the warm case read a cache that a first run has written.
    for case in cases:
        if case.name == "issste-mon cobertura E045":
            case.run(env, empty)
            case.wall.clear(), case.cpu.clear(), case.rss.clear()
    for r in range(max(c.reps for c in cases)):
        for case in cases:
            if r < case.reps:
                case.run(env, empty)

    print()
    print(f"{'caso':38} {'mediana':>11} {'(mín–máx)':>21} {'CPU med.':>11} {'RSS máx.':>9}  n")
    for c in cases:
        spread = f"({min(c.wall) * 1000:.0f}–{max(c.wall) * 1000:.0f} ms)"
        print(
            f"{c.name:38} {fmt(c.med())} {spread:>21} {fmt(c.med(True))} "
            f"{max(c.rss) / 1024:6.0f} MB  {len(c.wall)}"
        )
    by = {c.name: c for c in cases}
    if not args.solo_arranque:
        out = subprocess.run(
            [py, "-c", FRAME, str(work / "specs")], env=env, cwd=empty, capture_output=True
        )
        if out.returncode == 0:
            rows, t_frame, t_calc = out.stdout.split()
            n_rows = int(rows)
            print(
                f"\nFrame de cumplimiento con todos los años ({n_rows:,} filas): "
                f"construir {float(t_frame) * 1000:.0f} ms, calcular {float(t_calc) * 1000:.0f} ms"
            )
    print("\nObjetivos (cociente en tiempo de pared / en CPU; ✓ o ✗ según el de CPU)")
    _targets(by, args.solo_arranque)
    print(f"\nCarga del sistema al terminar: {os.getloadavg()[0]:.2f}")
    print(f"Duración del benchmark: {time.perf_counter() - started:.0f} s")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


_TO_JSON = """\
import json, sys, yaml
from pathlib import Path
def keys(x):
    if isinstance(x, dict):
        return {str(k): keys(v) for k, v in x.items()}
    if isinstance(x, list):
        return [keys(v) for v in x]
    return x
root = Path(sys.argv[1])
docs = {str(f.relative_to(root)): keys(yaml.load(f.read_text(encoding="utf-8"),
        Loader=yaml.CSafeLoader)) for f in sorted(root.rglob("*.yaml"))}
Path(sys.argv[2]).write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
"""


def _targets(by: dict, solo_arranque: bool) -> None:
    """Each ratio is the median of per-round ratios (case and floor of the same round), so a
    change of load on the machine during the run moves numerator and denominator together."""

    def ratio(label: str, num: str, den, limit: float) -> None:
        def paired(cpu: bool) -> float:
            times = by[num].cpu if cpu else by[num].wall
            return statistics.median(t / den(r, cpu) for r, t in enumerate(times) if den(r, cpu))

        w, c = paired(False), paired(True)
        print(f"  {'✓' if c <= limit else '✗'} {label:58} {w:5.2f} / {c:5.2f}  (≤ {limit:g})")

    def at(name: str, r: int, cpu: bool) -> float | None:
        times = by[name].cpu if cpu else by[name].wall
        return times[r] if r < len(times) else None

    def floor(name: str):
        return lambda r, cpu: at(name, r, cpu)

    imports = "import pandas, yaml, typer, rich"
    ratio(
        "--help ÷ --help del typer mínimo", "issste-mon --help", floor("typer mínimo --help"), 1.2
    )
    ratio("cobertura E045 ÷ import pandas, yaml, typer, rich", "issste-mon cobertura E045",
          floor(imports), 1.3)  # fmt: skip
    if solo_arranque:
        return
    cold, warm = "cumplimiento --year 2019, frío", "cumplimiento --year 2019, caliente"
    touched = "cumplimiento, tras tocar 1 archivo"
    ratio(
        "frío ÷ C-loader de los mismos archivos", cold, floor("C-loader (yaml.CSafeLoader)"), 1.25
    )

    def fast_floor(r: int, cpu: bool) -> float | None:
        """JSON read + imports, counting the interpreter's start once."""
        parts = [at(n, r, cpu) for n in ("lectura JSON (json.load)", "python -c pass", imports)]
        return None if None in parts else parts[0] - parts[1] + parts[2]

    ratio("caliente ÷ (lectura JSON + imports)", warm, fast_floor, 2.0)
    ratio("tras tocar 1 archivo ÷ caliente", touched, floor(warm), 1.10)
    peak = max(max(by[n].rss) for n in (cold, warm, touched)) / 1024
    print(f"  {'✓' if peak <= 600 else '✗'} {'RSS máximo del conjunto completo':58} {peak:.0f} MB"
          "  (≤ 600 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
