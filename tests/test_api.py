"""The public Python API: `import issste_mon as im` is the face of the library."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from zipfile import ZipFile

import pytest

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir

REPO = Path(__file__).resolve().parents[1]
API = {
    "cargar",
    "cargar_metodologia",
    "programas",
    "cobertura",
    "cumplimiento",
    "presupuesto",
    "monitoreo",
    "verificar",
    "sexenal",
    "calidad",
    "resumen",
    "tendencias",
    "alertas",
}


@pytest.fixture(scope="module")
def s():
    return im.cargar(bundled_specs_dir())


def test_all_lists_the_api_and_every_name_resolves():
    assert API <= set(im.__all__)
    assert "Tabla" in im.__all__ and "Veredicto" in im.__all__ and "SinDatos" in im.__all__
    for name in im.__all__:
        assert getattr(im, name) is not None, name
    assert set(im.__all__) - {"__version__"} == set(im._API)


def test_import_is_cheap_and_touches_nothing():
    # The freeze count is compared with the interpreter's own at start-up: CPython 3.12.1
    # starts with 375 objects frozen, 3.11 and 3.13 with none; importing must add none.
    code = (
        "import sys, gc; antes = gc.get_freeze_count(); import issste_mon as im; im.cargar; "
        "im.Tabla; print(sorted(m for m in ('pandas', 'numpy', 'typer', 'click', 'rich', "
        "'yaml') if m in sys.modules), gc.isenabled(), gc.get_freeze_count() - antes)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True 0"


def test_loading_leaves_the_garbage_collector_alone(s):
    import gc

    before = gc.get_freeze_count()
    im.cargar(bundled_specs_dir() / "E045.yaml")
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_every_query_returns_a_typed_table(s):
    for tabla in (
        im.programas(s),
        im.cobertura(s, "E045"),
        im.cumplimiento(s, ["E045"], nivel="proposito"),
        im.presupuesto(s, "E045", anio=2016),
        im.monitoreo(s, anio=2024),
        im.sexenal(s),
        im.sexenal(s, filas="enfoque"),
        im.calidad(s, distribucion=True),
        im.resumen(s),
        im.resumen(s, enunciados=True),
    ):
        assert isinstance(tabla, im.Tabla) and len(tabla) > 0
        assert all(isinstance(c, im.Columna) for c in tabla.columnas)
        assert len(tabla.to_dataframe()) == len(tabla.to_records())


def test_verification_report(s):
    informe = im.verificar(s, "E045")
    assert isinstance(informe, im.Verificacion)
    # the 114 % rests on a sentido the spec inferred, and 622 / 543 in the text are the spec's
    # transcription of the indicator's box: matches, but not confirmations; the report still
    # «coincide» on the four figures confirmed on independent inputs
    assert informe.veredicto is im.Veredicto.coincide and informe.valida
    assert informe.recuento.total == len(informe.hallazgos) == len(informe.tabla)
    assert informe.resumen == (
        "7 cifras: 4 coinciden, 3 por construcción, 0 difieren, "
        "0 contradicciones en la fuente, 0 no verificables."
    )
    todo = im.verificar(s)
    assert todo.veredicto is im.Veredicto.difiere_explicada
    assert todo.hay_hallazgos() and not todo.hay_hallazgos(True)
    assert todo.recuento.contradicciones >= 2 and todo.recuento.por_construccion > 0


def test_errors_are_library_exceptions_not_exits(s):
    with pytest.raises(im.SinDatos):
        im.cobertura(s, "E045", anio=1990)
    with pytest.raises(im.ClaveDesconocida):
        im.presupuesto(s, "X999")
    with pytest.raises(im.EntradaInvalida):
        im.cumplimiento(s, nivel="galaxia")
    with pytest.raises(im.SpecError):
        im.cargar(REPO / "tests" / "hostiles" / "no-existe.yaml")
    assert issubclass(im.SinDatos, im.ErrorIssste) and not issubclass(im.SinDatos, SystemExit)


def test_the_cli_adds_no_logic(s, cli):
    """`-f json` output is exactly json of the library's table (frictionless does this)."""
    r = cli("cumplimiento", "E045", "-f", "json", "--specs", str(bundled_specs_dir()))
    assert r.code == 0
    assert json.loads(r.out) == json.loads(
        json.dumps(im.cumplimiento(s, "E045").to_records(), ensure_ascii=False)
    )


def test_example_script_runs():
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "api.py"), str(bundled_specs_dir())],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "E045 2017 P1: 114.5 % (Alto)" in out
    assert "presupuesto 2016: 2,712.44 MDP" in out
    assert "sin datos: no hay datos de poblaciones de E045" in out


def test_py_typed_ships_in_the_wheel(tmp_path):
    import tomllib

    assert (REPO / "issste_mon" / "py.typed").exists()
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["issste_mon"]
    pytest.importorskip("setuptools")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "-w",
            str(tmp_path),
            "--no-deps",
            "--no-build-isolation",
            "-v",  # (the build backend's warnings show only verbose)
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {res.stderr[-300:]}")
    (wheel,) = tmp_path.glob("*.whl")
    assert "issste_mon/py.typed" in ZipFile(wheel).namelist()
    # What setuptools deprecates today stops building later (`license = {text = …}`: an error
    # from 2027-02-18): a clone built a year from now must build as today's does.
    salida = res.stdout + res.stderr
    assert "BuildBackendWarning" not in salida and "SetuptoolsDeprecationWarning" not in salida


def test_readme_python_session_is_real(monkeypatch):
    """The «Uso desde Python» session in the README runs and prints what it shows."""
    import doctest

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```pycon\n", readme.index("## Uso desde Python")) + len("```pycon\n")
    session = readme[start : readme.index("```", start)]
    monkeypatch.chdir(REPO)
    test = doctest.DocTestParser().get_doctest(session, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 5


def test_cumplimiento_by_parts_has_the_rows_and_summary_of_the_whole_table(s):
    entera = im.cumplimiento(s, anio=2023)
    partes = im.cumplimiento(s, anio=2023, por_partes=True)
    columnas = [p for p in partes.partes()]
    assert [c.clave for c in partes.columnas] == [c.clave for c in entera.columnas]
    ids = [i for p in columnas for i in p["id"]]
    assert ids == [f["id"] for f in entera.filas]
    assert partes.resumen == entera.resumen


@pytest.mark.parametrize(
    "llamada, campo",
    [
        (lambda s: im.cobertura(s, "E045", anio="2017"), "anio:"),
        (lambda s: im.cumplimiento(s, anio=True), "anio:"),
        (lambda s: im.alertas(s, anio_desde="2020"), "anio_desde:"),
        (lambda s: im.cobertura("specs/", "E045"), "se esperaban specs cargadas"),
        (lambda s: im.verificar(None), "se esperaban specs cargadas"),
        (lambda s: im.cobertura(s, 45), "claves:"),
        (lambda s: im.presupuesto(s, ["E045", 7]), "claves:"),
    ],
)
def test_arguments_of_another_type_are_entrada_invalida_in_spanish(s, llamada, campo):
    """Never an AttributeError or TypeError from deep inside, never «no hay datos de 2017»
    for anio="2017": the documented error, naming what is wrong."""
    with pytest.raises(im.EntradaInvalida) as exc:
        llamada(s)
    assert str(exc.value).startswith(campo)
    assert len(im.cobertura(s, "E045", anio=2017)) == 1  # (the same query, well typed)


def test_todo_im_nombre_de_la_documentacion_existe():
    """Every `im.<name>` the docstrings, the README and the examples show an analyst resolves:
    a documented call that is an AttributeError in the notebook is a broken promise."""
    raiz = Path(im.__file__).resolve().parent
    textos = [p.read_text(encoding="utf-8") for p in sorted(raiz.rglob("*.py"))]
    textos += [
        p.read_text(encoding="utf-8") for p in sorted((raiz.parent / "examples").rglob("*.py"))
    ]
    textos.append((raiz.parent / "README.md").read_text(encoding="utf-8"))
    nombres = {n for t in textos for n in re.findall(r"\bim\.([A-Za-z_]\w*)", t)}
    assert nombres
    assert sorted(n for n in nombres if not hasattr(im, n)) == []


def test_documented_submodules_are_attributes_in_a_fresh_session():
    """`issste_mon.api.revisar` and `issste_mon.errores` (README, docstrings) work as `im.api…`
    before any query ran: the attribute existed only once something had imported it."""
    code = (
        "import issste_mon as im; im.api.revisar('cumplimiento', anio=2017); "
        "print(im.errores.ErrorIssste.__name__, hasattr(im, 'no_existe'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ErrorIssste False"


@pytest.mark.parametrize(
    "orden, llamada",
    [
        (["programas"], lambda s: im.programas(s)),
        (["cobertura"], lambda s: im.cobertura(s)),
        (["cumplimiento", "--nivel", "proposito"], lambda s: im.cumplimiento(s, nivel="Propósito")),
        (["presupuesto", "ISSSTE"], lambda s: im.presupuesto(s, "ISSSTE")),
        (["monitoreo"], lambda s: im.monitoreo(s)),
        (["verificar"], lambda s: im.verificar(s).tabla),
        (["sexenal", "--anio", "2021"], lambda s: im.sexenal(s, anio=2021)),
        (["sexenal", "--filas", "enfoque"], lambda s: im.sexenal(s, filas="enfoque")),
        (["calidad"], lambda s: im.calidad(s)),
        (["calidad", "--distribucion"], lambda s: im.calidad(s, distribucion=True)),
        (["resumen"], lambda s: im.resumen(s)),
        (["resumen", "--enunciados"], lambda s: im.resumen(s, enunciados=True)),
        (["tendencias"], lambda s: im.tendencias(s)),
        (["alertas"], lambda s: im.alertas(s)),
        (["alertas", "--mejoras"], lambda s: im.alertas(s, mejoras=True)),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_every_command_json_is_the_librarys_records(s, cli, orden, llamada):
    """Each command's `-f json` is json of what the library returns for the same question:
    the same exact figures and the same classification, row by row."""
    r = cli(*orden, "-f", "json", "--specs", str(bundled_specs_dir()))
    assert r.code == (1 if orden == ["verificar"] else 0), r.err  # (1: a figure differs)
    filas = json.loads(r.out)
    assert filas and filas == json.loads(json.dumps(llamada(s).to_records(), ensure_ascii=False))
