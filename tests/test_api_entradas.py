"""Every argument of every public function is checked before anything runs: a wrong type is
`EntradaInvalida` in Spanish, never a raw AttributeError/TypeError, and what the command line
accepts or refuses the library accepts or refuses the same way."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from test_api import API

import issste_mon as im
from issste_mon import api
from issste_mon.carga.loader import bundled_specs_dir

REPO = Path(__file__).resolve().parents[1]
SPECS = str(bundled_specs_dir())


@pytest.fixture(scope="module")
def s():
    return im.cargar(SPECS)


@pytest.mark.parametrize(
    "llamada, campo",
    [
        (lambda s: im.sexenal(s, 5), "clave:"),
        (lambda s: im.calidad(s, ["PI-ISSSTE"]), "clave:"),
        (lambda s: im.cargar(5), "rutas:"),
        (lambda s: im.cargar(None), "rutas:"),
        (lambda s: im.cargar(SPECS, cache="sí"), "cache:"),
        (lambda s: im.cargar_metodologia(5), "ruta:"),
        (lambda s: im.cobertura(s, metodologia=5), "metodologia:"),
        (lambda s: im.cumplimiento(s, nivel=3), "nivel:"),
        (lambda s: im.cumplimiento(s, por_partes="sí"), "por_partes:"),
        (lambda s: im.monitoreo(s, indice=1), "indice:"),
        (lambda s: im.sexenal(s, filas=1), "filas:"),
        (lambda s: im.sexenal(s, columnas=["enfoque"]), "columnas:"),
        (lambda s: im.calidad(s, distribucion=1), "distribucion:"),
        (lambda s: im.resumen(s, enunciados="no"), "enunciados:"),
        (lambda s: im.alertas(s, mejoras="no"), "mejoras:"),
        (lambda s: im.alertas(s, reglas=[1]), "reglas:"),
        (lambda s: im.tendencias(s, anio_hasta=2020.0), "anio_hasta:"),
        (lambda s: im.cobertura(s, year=2017), "argumento desconocido «year»"),
        (lambda s: im.sexenal(s, "PI-ISSSTE", 2021), "argumentos que no corresponden"),
        (lambda s: im.cobertura(), "argumentos que no corresponden"),
    ],
)
def test_every_argument_of_another_type_is_entrada_invalida(s, llamada, campo):
    with pytest.raises(im.EntradaInvalida) as exc:
        llamada(s)
    assert str(exc.value).startswith(campo), exc.value


def test_every_argument_of_every_query_is_checked():
    """A new argument is not left unchecked: each one is in `_ESPERADO` (or is `specs`)."""
    for nombre in sorted(API - {"cargar", "cargar_metodologia"}):  # (the queries)
        fn = getattr(api, nombre)
        for p in inspect.signature(fn).parameters:
            assert p == "specs" or p in api._ESPERADO, (nombre, p)


@pytest.mark.parametrize(
    "llamada",
    [
        lambda s: im.cobertura(s, ""),
        lambda s: im.cumplimiento(s, ["E045", " "]),
        lambda s: im.verificar(s, ""),
        lambda s: im.sexenal(s, ""),
        lambda s: im.calidad(s, ""),
    ],
)
def test_an_empty_clave_is_refused_not_every_program(s, llamada):
    with pytest.raises(im.ClaveDesconocida) as exc:
        llamada(s)
    assert str(exc.value).startswith('clave no válida "')


def test_empty_clave_is_the_same_error_in_the_library_and_the_cli(s, cli):
    r = cli("cobertura", "", "--specs", SPECS)
    with pytest.raises(im.ClaveDesconocida) as exc:
        im.cobertura(s, "")
    assert r.code == 2 and r.err.strip() == f"error: {exc.value}"  # invalid input, as --anio 23
    assert cli("sexenal", "", "--specs", SPECS).code == 2


def test_one_rule_as_text_is_that_rule_not_its_letters(s):
    una = im.alertas(s, reglas="deterioro")
    assert una.filas and {f["regla"] for f in una.filas} == {"deterioro"}
    assert una.filas == im.alertas(s, reglas=["deterioro"]).filas


def test_mejoras_with_rules_is_refused_not_ignored(s, cli):
    with pytest.raises(im.EntradaInvalida, match="reglas no se combina con mejoras"):
        im.alertas(s, mejoras=True, reglas="sin_informacion")
    r = cli("alertas", "--mejoras", "-r", "sin_informacion", "--specs", SPECS)
    assert r.code == 2 and "--regla no se combina con --mejoras" in r.err


def test_paths_may_be_path_objects(s):
    assert len(im.cargar(Path(SPECS)).programas) == len(s.programas)


@pytest.mark.parametrize(
    ("args", "mensaje"),
    [
        (("validar", ""), "la ruta de specs está vacía"),
        (("cobertura", "--specs", ""), "la ruta de specs está vacía"),
        (("cobertura", "--specs", SPECS, "--specs", ""), "la ruta de specs está vacía"),
        (("cobertura", "--specs", SPECS, "--metodologia", ""), "la ruta de la metodología"),
    ],
)
def test_an_empty_path_is_refused_not_the_current_folder_or_the_default(
    cli, tmp_path, monkeypatch, args, mensaje
):
    """`--specs "$DIR"` with DIR unset scanned the current folder (Path("") is «.»), and
    `--metodologia ""` used the bundled methodology: an answer to another question."""
    import shutil

    shutil.copy(Path(SPECS) / "E045.yaml", tmp_path / "E045.yaml")  # what «.» would have read
    monkeypatch.chdir(tmp_path)
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"error: {mensaje}") and len(r.err.splitlines()) == 1
    with pytest.raises(im.EntradaInvalida, match="está vacía"):
        if "--metodologia" in args:
            im.cargar_metodologia("")
        else:
            im.cargar("")


def test_a_methodology_from_stdin_is_refused_saying_so(cli):
    # «-: no se puede leer: no existe» read as if a file called «-» were missing
    r = cli("cobertura", "--specs", SPECS, "--metodologia", "-", stdin=b"version: 1\n")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "error: la metodología no se lee de la entrada estándar («-»): dé la ruta de su archivo\n"
    )
    with pytest.raises(im.EntradaInvalida, match="entrada estándar"):
        im.cargar_metodologia("-")


def test_values_taken_from_a_dataframe_are_the_values_they_are(s):
    """A year or claves read from a DataFrame (`df["anio"].max()` is a numpy.int64,
    `df["clave"].unique()` an array) answer as the plain Python values do; the refusal said
    «se esperaba un año entero (p. ej. 2017), se recibió np.int64(2017)»."""
    import numpy as np
    import pandas as pd

    df = im.cumplimiento(s).to_dataframe()
    anio = df.loc[df["clave"] == "E045", "anio"].max()
    assert isinstance(anio, np.integer)
    for consulta in (im.cumplimiento, im.tendencias, im.cobertura):
        claves = consulta(s).to_dataframe()["clave"].unique()[:2]
        plano = [str(c) for c in claves]
        assert len(plano) == 2
        esperado = consulta(s, plano).to_records()
        assert consulta(s, claves).to_records() == esperado
        assert consulta(s, pd.Series(claves)).to_records() == esperado
        assert consulta(s, (c for c in plano)).to_records() == esperado
    assert (
        im.cumplimiento(s, "E045", anio=anio).to_records()
        == im.cumplimiento(s, "E045", anio=int(anio)).to_records()
    )
    desde = im.tendencias(s, anio_desde=np.int32(2019), anio_hasta=np.int64(2021))
    assert desde.to_records() == im.tendencias(s, anio_desde=2019, anio_hasta=2021).to_records()
    assert im.alertas(s, reglas=np.array(["deterioro"])).to_records() == (
        im.alertas(s, reglas=["deterioro"]).to_records()
    )
    api.revisar("cumplimiento", claves=np.array(["E045"]), anio=anio)


class _BoolDeNumpy1:
    """What numpy < 2 (which the ranges allow) makes of `df["x"].any()`: a bool with an
    `__index__`, so `operator.index` of it is 1, the year 1."""

    def __index__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return True


@pytest.mark.parametrize(
    "llamada, campo",
    [
        (lambda s: im.cumplimiento(s, anio=__import__("numpy").bool_(True)), "anio:"),
        (lambda s: im.cumplimiento(s, anio=_BoolDeNumpy1()), "anio:"),
        (lambda s: im.tendencias(s, anio_desde=_BoolDeNumpy1()), "anio_desde:"),
        (lambda s: im.cumplimiento(s, anio=__import__("numpy").float64(2018)), "anio:"),
        # (rows follow the claves' order, which a set does not keep)
        (lambda s: im.cumplimiento(s, {"E045", "E048"}), "claves:"),
        (lambda s: im.cumplimiento(s, {"E045": 1}), "claves:"),
    ],
)
def test_what_is_not_a_year_or_an_ordered_list_is_still_refused(s, llamada, campo):
    with pytest.raises(im.EntradaInvalida) as exc:
        llamada(s)
    assert str(exc.value).startswith(campo), exc.value


@pytest.mark.parametrize(
    "llamada, campo",
    [
        (lambda s: im.cobertura(s, []), "claves:"),
        (lambda s: im.verificar(s, ()), "claves:"),
        (lambda s: im.cumplimiento(s, __import__("numpy").array([], dtype=str)), "claves:"),
        (lambda s: im.alertas(s, reglas=[]), "reglas:"),
        (lambda s: api.revisar("tendencias", claves=[]), "claves:"),
    ],
)
def test_an_empty_list_names_nothing(s, llamada, campo):
    """A filter that matched nothing (`df[df.anio > 2030]["clave"].unique()`) is not «every
    program»: `cobertura(specs, [])` answered for all of them, as `alertas(reglas=[])` with
    every rule — the same mistake as an empty clave, which is refused."""
    with pytest.raises(im.EntradaInvalida) as exc:
        llamada(s)
    assert str(exc.value).startswith(campo) and "vacía" in str(exc.value), exc.value
