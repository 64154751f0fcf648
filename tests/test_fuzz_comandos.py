"""Generated hostile specs through the commands, not only the loader (test_fuzz.py): a value
the loader accepts can still break a calculator or a renderer. Deterministic (derandomized,
40 examples): each one a spec whose figures are drawn from the edges — zero and signed zero,
the largest and smallest doubles, integers past a double, quotients a hair under a cut of the
rango — and whose texts carry escapes, bidi controls and formula-like text.

Oracles: no traceback and a documented exit code; a rejected spec is one line per problem
naming the file, its line and the field; a JSON that `json.loads` reads with no NaN or
Infinity; Markdown for people with no `nan`, `inf`, `None`, exponent, raw escape or signed
zero; and the same cumplimiento in `cumplimiento` and `tendencias` (figure or «—», and rango).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIGURAS = ["0", "-0.0", "1", "50", "55", "-5", "1e308", "1e-300", "0.0000001", "ND", "NA",
           "123456789012345678901", "89.995", "1e15"]  # fmt: skip
# (meta, valor) pairs at the edges of a quotient: 10^610 %, 89.99…9 % (28 nines), 110 %
PARES = [("1e308", "1e-300"), ("1e-300", "1e308"),
         ("1000000000000000000000000000000", "899999999999999999999999999999"),
         ("1000000000000000000000000000000", "1100000000000000000000000000001"),
         ("50", "55"), ("200", "179.79")]  # fmt: skip
TEXTOS = ["Indicador", '"\\e[2J\\u202eabc"', '"=HYPERLINK(\\"http://x\\")"', '"+1"', '"@x"',
          '"a\\u200bb"', "'[/red] <b>|x|</b>'"]  # fmt: skip
RUIDO = re.compile(
    r"(?<![\w])(nan|NaN|inf|Infinity|None|NaT)(?![\w])|\d[eE][+-]?\d|\x1b|(?<![\w.,])-0(?![\d.,]*[1-9])"
)
LINEA = re.compile(r"^(?P<archivo>.+?):(?P<linea>\d+):(?P<col>\d+): \S.*$")


@st.composite
def spec(draw) -> str:
    par = st.one_of(st.sampled_from(PARES), st.tuples(*[st.sampled_from(FIGURAS)] * 2))
    filas = []
    for i in range(draw(st.integers(1, 3))):
        metas = "".join(
            f"      {anio}: {{meta: {m}, valor: {v}}}\n"
            for anio, (m, v) in zip(
                (2022, 2023), draw(st.lists(par, min_size=1, max_size=2)), strict=False
            )
        )
        filas.append(
            f"  - id: P{i}\n    nivel: Propósito\n    nombre: {draw(st.sampled_from(TEXTOS))}\n"
            f"    sentido: {draw(st.sampled_from(['ascendente', 'descendente', 'constante']))}\n"
            f"    metas:\n{metas}"
        )
    return "clave: E901\nramo: 51\nnombre: Generada\nmir:\n" + "".join(filas)


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec())
def test_generated_specs_through_validar_and_cumplimiento(cli, texto):
    with tempfile.TemporaryDirectory() as tmp:
        archivo = Path(tmp) / "E901.yaml"
        archivo.write_text(texto, encoding="utf-8")
        lineas = texto.count("\n")
        salidas = {}
        for args in (
            ("validar",),
            ("cumplimiento", "-f", "json"),
            ("cumplimiento", "-f", "markdown"),
            ("tendencias", "-f", "json"),
        ):
            r = cli(*args, "--specs", tmp)
            assert r.code in (0, 1, 2), (args, r.code, r.err)
            assert "Traceback" not in r.err, r.err
            if r.code == 2:
                for linea in r.err.splitlines():  # one line per problem: file, line, field
                    m = LINEA.match(linea)
                    assert m and m["archivo"] == str(archivo), linea
                    assert 1 <= int(m["linea"]) <= lineas, linea
                continue
            if args[-1] == "json":
                salidas[args[0]] = json.loads(r.out, parse_constant=_no_numero)
            elif args[-1] == "markdown":
                assert not RUIDO.search(r.out), RUIDO.search(r.out)
        if len(salidas) == 2:  # the same figure, whichever command shows it
            tend = {(f["id"], f["anio"]): f for f in salidas["tendencias"]}
            for f in salidas["cumplimiento"]:
                t = tend[(f["id"], f["anio"])]
                assert (f["cumplimiento_pct"] is None) == (t["cumplimiento_pct"] is None), f
                assert f["rango"] == t["rango"], (f, t)


def _no_numero(constante: str):
    raise AssertionError(f"JSON con {constante}")
