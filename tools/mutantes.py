"""Mutation testing of issste-mon's figures: does the suite notice a wrong figure?

Each mutant is ONE small change to a target file (a comparison flipped `<`↔`<=`, `+`↔`-`,
`*`↔`/`, a number ±1, ROUND_HALF_UP→ROUND_HALF_EVEN, `and`↔`or`, a `not` dropped, the branches
of `a if c else b` swapped; in metodologia.yaml a number moved by one unit of its last digit).
It is applied to a scratch copy of the checkout (never to the checkout itself), the given tests
run with `-x` and a timeout, and the mutant is «muerto» (a test failed or timed out) or
«vivo» (the suite passed: a figure could be wrong without anyone saying so).

    python tools/mutantes.py --listar issste_mon/calc/cobertura.py
    python tools/mutantes.py issste_mon/calc/cobertura.py --pruebas tests/test_calc_calculadores.py
    python tools/mutantes.py issste_mon/calc/*.py --max 20 --semilla 1 --salida /tmp/m.jsonl

Needs only the test dependencies (pytest). The copy holds the checkout's files (tracked and
untracked, not ignored) beside a link to ../shared, where the tests read the real documents. One
pytest at a time; `--salida` appends one JSON line per mutant (the last line of an id wins), so
a run can be resumed or a survivor re-run against more tests with `--solo`.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CMP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
_BOOL = {ast.And: ast.Or, ast.Or: ast.And}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            b = n.body
            if b and isinstance(b[0], ast.Expr) and isinstance(b[0].value, ast.Constant):
                ids.add(id(b[0].value))
    return ids


def _anotaciones(tree: ast.AST) -> set[int]:
    """Nodes inside annotations (a type is no figure)."""
    ids = set()
    for n in ast.walk(tree):
        for a in (getattr(n, "annotation", None), getattr(n, "returns", None)):
            if a is not None:
                ids.update(id(x) for x in ast.walk(a))
    return ids


def _sitios(fuente: str):
    """(node, new node, what) for every mutation of a Python source."""
    tree = ast.parse(fuente)
    fuera = _docstrings(tree) | _anotaciones(tree)
    for n in ast.walk(tree):
        if id(n) in fuera or not hasattr(n, "lineno"):
            continue
        if isinstance(n, ast.Compare):
            for i, op in enumerate(n.ops):
                if type(op) in _CMP:
                    m = ast.Compare(n.left, list(n.ops), n.comparators)
                    m.ops[i] = _CMP[type(op)]()
                    yield n, m, f"{type(op).__name__}→{_CMP[type(op)].__name__}"
        elif isinstance(n, ast.BinOp) and type(n.op) in _BIN:
            if isinstance(n.left, ast.Constant) and isinstance(n.left.value, str):
                continue  # "%" formatting / str concatenation
            yield (
                n,
                ast.BinOp(n.left, _BIN[type(n.op)](), n.right),
                (f"{type(n.op).__name__}→{_BIN[type(n.op)].__name__}"),
            )
        elif isinstance(n, ast.BoolOp):
            yield n, ast.BoolOp(_BOOL[type(n.op)](), n.values), f"{type(n.op).__name__}→otro"
        elif isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            yield n, n.operand, "sin not"
        elif isinstance(n, ast.IfExp):
            yield n, ast.IfExp(n.test, n.orelse, n.body), "ramas invertidas"
        elif isinstance(n, ast.Name) and n.id == "ROUND_HALF_UP" and isinstance(n.ctx, ast.Load):
            # the constant's value, not its name: the module may not import ROUND_HALF_EVEN
            yield n, ast.Constant("ROUND_HALF_EVEN"), "HALF_UP→HALF_EVEN"
        elif isinstance(n, ast.Constant) and type(n.value) in (int, float):
            yield n, ast.Constant(n.value + 1), f"{n.value}→{n.value + 1}"
        elif isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Decimal" and n.args:
            a = n.args[0]
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                try:
                    from decimal import Decimal

                    d = Decimal(a.value)
                except Exception:
                    continue
                nuevo = str(d * 10)
                yield a, ast.Constant(nuevo), f"Decimal({a.value})→{nuevo}"


def _offset(fuente: str, linea: int, col: int) -> int:
    lineas = fuente.splitlines(keepends=True)
    return sum(len(x.encode()) for x in lineas[: linea - 1]) + col


def mutantes_py(ruta: Path):
    fuente = ruta.read_text(encoding="utf-8")
    crudo = fuente.encode()
    for n, m, que in _sitios(fuente):
        a = _offset(fuente, n.lineno, n.col_offset)
        b = _offset(fuente, n.end_lineno, n.end_col_offset)
        nuevo = "(" + ast.unparse(m) + ")"
        texto = (crudo[:a] + nuevo.encode() + crudo[b:]).decode()
        try:
            ast.parse(texto)
        except SyntaxError:
            continue
        yield {"linea": n.lineno, "que": que, "texto": texto}


_NUM_YAML = re.compile(r"(?<![\w.\"'])(\d+(?:\.\d+)?)(?![\w.])")


def mutantes_yaml(ruta: Path):
    """Every number of a YAML value (not in a comment or a quoted string) ± one unit of its
    last digit."""
    lineas = ruta.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, linea in enumerate(lineas):
        codigo = linea.split("#", 1)[0]
        if '"' in codigo or "version" in codigo:
            continue
        for m in _NUM_YAML.finditer(codigo):
            num = m.group(1)
            dec = len(num.split(".")[1]) if "." in num else 0
            paso = 10**-dec
            for signo in (1, -1):
                v = round(float(num) + signo * paso, dec)
                if v < 0:
                    continue
                nuevo = f"{v:.{dec}f}" if dec else str(int(v))
                texto_l = linea[: m.start()] + nuevo + linea[m.end() :]
                yield {
                    "linea": i + 1,
                    "que": f"{num}→{nuevo}",
                    "texto": "".join(lineas[:i] + [texto_l] + lineas[i + 1 :]),
                }


def mutantes(ruta: Path):
    return mutantes_yaml(ruta) if ruta.suffix in (".yaml", ".yml") else mutantes_py(ruta)


def _copia(destino: Path) -> Path:
    """A scratch copy of the checkout's tracked files, beside a link to ../shared (the tests'
    real documents), its bytecode compiled once."""
    trabajo = destino / "repo"
    archivos = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    for a in filter(None, archivos):
        (trabajo / a).parent.mkdir(parents=True, exist_ok=True)
        if (trabajo / a).is_symlink():
            (trabajo / a).unlink()
        shutil.copy2(REPO / a, trabajo / a, follow_symlinks=False)  # specs → issste_mon/specs
    compartido = REPO.parent / "shared"
    if compartido.exists() and not (destino / "shared").exists():
        (destino / "shared").symlink_to(compartido)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(trabajo / "issste_mon")])
    return trabajo


def correr(trabajo: Path, pruebas: list[str], limite: float) -> tuple[str, float, str]:
    env = dict(os.environ, PYTHONPATH=str(trabajo), PYTHONDONTWRITEBYTECODE="1")
    env["ISSSTE_MON_CACHE_DIR"] = tempfile.mkdtemp(prefix="mut-cache-")
    orden = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        *pruebas,
    ]
    t = time.monotonic()
    try:
        r = subprocess.run(
            orden, cwd=trabajo, env=env, capture_output=True, text=True, timeout=limite
        )
    except subprocess.TimeoutExpired:
        return "muerto", time.monotonic() - t, "tiempo agotado"
    finally:
        shutil.rmtree(env["ISSSTE_MON_CACHE_DIR"], ignore_errors=True)
    ultima = (r.stdout.strip().splitlines() or [""])[-1]
    fallo = next((x for x in r.stdout.splitlines() if x.startswith("FAILED")), ultima)
    return ("vivo" if r.returncode == 0 else "muerto"), time.monotonic() - t, fallo[:200]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("archivos", nargs="+", help="archivos del paquete a mutar (rutas del repo)")
    p.add_argument("--pruebas", nargs="+", default=["tests"], help="pruebas a correr")
    p.add_argument("--listar", action="store_true", help="solo listar los mutantes")
    p.add_argument("--max", type=int, default=0, help="a lo más N mutantes por archivo (azar)")
    p.add_argument("--semilla", type=int, default=0)
    p.add_argument("--solo", default="", help="solo los mutantes archivo:línea:qué dados (coma)")
    p.add_argument("--limite", type=float, default=120, help="segundos por mutante")
    p.add_argument("--salida", default="", help="JSON lines con cada resultado")
    p.add_argument("--dir", default="", help="directorio de la copia (por omisión, temporal)")
    a = p.parse_args(argv)

    elegidos = []
    for archivo in a.archivos:
        ms = list(mutantes(REPO / archivo))
        for i, m in enumerate(ms):
            m.update(archivo=archivo, id=f"{archivo}:{m['linea']}:{m['que']}#{i}")
        if a.max and len(ms) > a.max:
            ms = random.Random(f"{a.semilla}{archivo}").sample(ms, a.max)
        if a.solo:
            ms = [m for m in ms if m["id"] in a.solo.split(",")]
        elegidos += ms
    if a.listar:
        for m in elegidos:
            print(m["id"])
        print(f"{len(elegidos)} mutantes", file=sys.stderr)
        return 0

    base = Path(a.dir or tempfile.mkdtemp(prefix="mutantes-"))
    trabajo = _copia(base)
    salida = open(a.salida, "a", encoding="utf-8") if a.salida else None
    vivos = 0
    for k, m in enumerate(elegidos, 1):
        destino = trabajo / m["archivo"]
        original = destino.read_bytes()
        destino.write_text(m["texto"], encoding="utf-8")
        for pyc in (destino.parent / "__pycache__").glob(destino.stem + ".*.pyc"):
            pyc.unlink()
        try:
            estado, seg, fallo = correr(trabajo, a.pruebas, a.limite)
        finally:
            destino.write_bytes(original)
        vivos += estado == "vivo"
        print(f"[{k}/{len(elegidos)}] {estado:6} {seg:5.1f}s {m['id']}  {fallo}", flush=True)
        if salida:
            r = {k2: m[k2] for k2 in ("id", "archivo", "linea", "que")}
            salida.write(json.dumps(dict(r, estado=estado, seg=round(seg, 1), fallo=fallo)) + "\n")
            salida.flush()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(trabajo / "issste_mon")])
    print(f"{len(elegidos)} mutantes, {len(elegidos) - vivos} muertos, {vivos} vivos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
