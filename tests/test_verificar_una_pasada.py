"""`verificar` computes each table once and looks figures up (issue 20): every verdict, value and
location stays what the per-figure computation gave.

`tests/data/verificar_referencia.json` is `verificar -f json` of the bundled specs and of a
generated synthetic set, taken from the code *before* the one-pass rewrite (per-figure
calculator calls). Regenerate it only when a verdict is meant to change:

    python tests/test_verificar_una_pasada.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from issste_mon.carga.loader import bundled_specs_dir

REPO = Path(__file__).resolve().parents[1]
REFERENCIA = REPO / "tests" / "data" / "verificar_referencia.json"
SINTETICO = {"programas": 60, "indicadores": 8, "anios": 6, "seed": 2024}
CAMPOS = [
    "archivo",
    "linea",
    "columna",
    "campo",
    "clave",
    "anio",
    "cifra",
    "tipo",
    "publicado",
    "calculado",
    "valor_calculado",
    "veredicto",
    "explicacion",
    "motivo",
]

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402


def _sintetico(carpeta: Path) -> Path:
    generate.generate(carpeta, **SINTETICO)
    return carpeta


def _filas(salida: str, raiz: Path) -> list[list]:
    """The JSON rows, with each file named relative to the specs folder."""
    filas = []
    for row in json.loads(salida):
        archivo = Path(row["archivo"])
        row["archivo"] = archivo.relative_to(raiz).as_posix() if archivo.is_absolute() else None
        filas.append([row[c] for c in CAMPOS])
    return filas


def _correr(invoke, raiz: Path) -> list[list]:
    r = invoke("verificar", "--specs", str(raiz), "-f", "json")
    assert r.code in (0, 1), r.err
    return _filas(r.out, raiz.resolve())


def _igual(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return a == b


def _comparar(obtenidas: list[list], esperadas: list[list]) -> None:
    assert len(obtenidas) == len(esperadas)
    for got, want in zip(obtenidas, esperadas, strict=True):
        distintos = {
            c: (g, w) for c, g, w in zip(CAMPOS, got, want, strict=True) if not _igual(g, w)
        }
        assert not distintos, f"{want[0]}:{want[1]} {want[7]}: {distintos}"


@pytest.fixture(scope="module")
def referencia():
    return json.loads(REFERENCIA.read_text(encoding="utf-8"))


def test_bundled_specs_same_findings(cli, referencia):
    _comparar(_correr(cli, bundled_specs_dir()), referencia["bundled"])


def test_synthetic_set_same_findings(cli, referencia, tmp_path):
    obtenidas = _correr(cli, _sintetico(tmp_path / "sintetico"))
    # the set exercises the cached tables: several verdicts and explained differences
    assert {f[CAMPOS.index("veredicto")] for f in obtenidas} >= {"coincide", "difiere"}
    assert any(f[CAMPOS.index("explicacion")] for f in obtenidas)
    _comparar(obtenidas, referencia["sintetico"])


def test_synthetic_set_same_findings_warm(cli, referencia, tmp_path):
    """Records from the cache (shared read-only values) give the same findings."""
    raiz = _sintetico(tmp_path / "sintetico")
    _correr(cli, raiz)
    _comparar(_correr(cli, raiz), referencia["sintetico"])


def _regenerar() -> None:  # pragma: no cover - run by hand
    import tempfile

    from issste_mon.cli import run

    class _Invoke:
        def __call__(self, *args):
            import contextlib
            import io

            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = run(list(args))

            class R:
                pass

            r = R()
            r.code, r.out, r.err = int(code), out.getvalue(), ""
            return r

    with tempfile.TemporaryDirectory() as tmp:
        datos = {
            "bundled": _correr(_Invoke(), bundled_specs_dir()),
            "sintetico": _correr(_Invoke(), _sintetico(Path(tmp) / "sintetico")),
        }
    REFERENCIA.parent.mkdir(exist_ok=True)
    texto = json.dumps(datos, ensure_ascii=False, separators=(",", ":"))
    REFERENCIA.write_text(texto.replace("],[", "],\n[") + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    _regenerar()


def _hallazgos(specs, metodologia, claves=None) -> list[dict]:
    from issste_mon import auditoria

    return [h.fila() for h in auditoria.verificar(specs, metodologia, claves)]


@pytest.mark.parametrize("cambios", [{}, {"formula_descendente": "espejo"}, {"meta": "original"}])
def test_each_figure_computed_exactly_as_the_calculator_row(specs, metodologia, tmp_path, cambios):
    """verificar computes each cumplimiento on its own, exactly (calc.cumplimiento.uno): the
    same rango and nota as the calculator's row, and the exact value behind its machine
    number, on the bundled specs and a generated set, under each alternative methodology."""
    from issste_mon.calc import cumplimiento as calc
    from issste_mon.calc import supuestos
    from issste_mon.carga.loader import load_paths
    from issste_mon.salida.tabla import numero_maquina

    met = metodologia.con(**cambios) if cambios else metodologia
    for programas in (specs.programas, load_paths([_sintetico(tmp_path / "s")]).programas):
        df = calc.calcular_cumplimiento(programas, metodologia=met)
        filas = iter(df[["cumplimiento_pct", "rango", "nota"]].itertuples(index=False))
        n = 0
        for p in programas:
            for ind in p.mir:
                for anio in ind.metas:
                    pct, rango, nota = next(filas)
                    m = ind.metas[anio]
                    x, r, n_ = calc.uno(m, ind.sentido, met)
                    if x is None:  # the table adds the published figure to the reason (the
                        # first part); verificar shows that figure in a column of its own
                        # (a reason may name two inputs: «meta ND; valor ND»)
                        razon = calc.nota_de(calc.meta_usada(m, met), m.valor, ind.sentido, met)
                        razon = razon or n_.split("; ")[0]
                        pub = calc.publicados_de([m.publicado])
                        n_ = calc.con_publicados([razon], pub)[0] + n_[len(razon) :]
                    # what the row rests on that no document printed (an inferred sentido,
                    # a supuesto formula, the choice of meta) is said by the table; verificar
                    # says it beside the verdict (`inferidos`)
                    sup = supuestos.nota_supuestos(
                        supuestos.supuestos_cumplimiento(ind, met, anio=anio)
                    )
                    if x is not None and sup:
                        assert sup in nota, (p.clave, ind.id, anio)
                        for quitar in ("; " + sup, sup + "; ", sup):
                            nota = nota.replace(quitar, "")
                        nota = nota or None
                    limpio = None if x is None else float(numero_maquina(x))
                    assert (limpio, r, n_) == (
                        None if pct != pct else pct,
                        None if rango != rango else rango,
                        None if nota != nota else nota,
                    ), (p.clave, ind.id, anio)
                    n += 1
        assert n == len(df) > 0


def test_selected_programs_same_findings_as_in_the_full_run(specs, metodologia):
    """`verificar E045`: the tables cover only the chosen programs; the figures are the same."""
    todas = _hallazgos(specs, metodologia)
    for clave in ("E045", "E036", "ISSSTE"):
        elegidas = _hallazgos(specs, metodologia, [clave])
        assert elegidas and elegidas == [h for h in todas if h["clave"] == clave]


RANGO = """\
clave: E901
ramo: 51
nombre: Prueba
mir:
  - id: A1
    nivel: Propósito
    nombre: Uno
    sentido: ascendente
    metas:
      2020: {meta: 100, valor: 95}
  - id: A2
    nivel: Componente
    nombre: Dos
    sentido: ascendente
    metas:
      2020: {meta: 100, publicado: {rango: "Adecuado"}}
"""


def test_rango_without_value_is_not_verifiable_whatever_its_neighbours(cli, tmp_path):
    """A rango whose indicator has no valor is «no verificable», also when another indicator
    of the same program and year has one (a frame column of text and missing values holds NaN
    for the missing: it is read as missing, never compared as a category)."""
    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    (carpeta / "E901.yaml").write_text(RANGO, encoding="utf-8")
    r = cli("verificar", "--specs", str(carpeta), "-f", "json")
    (fila,) = json.loads(r.out)
    assert fila["veredicto"] == "no verificable"
    assert fila["motivo"] == "no calculable: falta valor 2020 en la spec"
