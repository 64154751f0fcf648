"""A query with no rows says what there is. `cumplimiento --anio 1999` said «no hay datos de metas
de indicadores para el año 1999 en las specs cargadas» and stopped: which years exist was left
to guessing. Each `SinDatos` now says, in the same line, what the selection has: its years (of
that program, of that level), its ISeD editions, or the programs or levels that have the data.
Every figure below is a year of the bundled specs (specs/*.yaml) or of SHCP's ISeD file."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO, SHARED, bundled_specs_dir

import issste_mon as im
from issste_mon.errores import SinDatos

ISED = SHARED / "data" / "shcp" / "ised_2019_2020.csv"

NO_HAY = "error: no hay datos de"
CASOS = [
    (
        ["programas", "--anio", "1990"],
        "error: ningún programa cargado tiene cifras del año 1990; años con cifras en las specs: "
        "2014–2017, 2023–2024",
    ),
    (
        ["cobertura", "E045", "--anio", "2030"],
        f"{NO_HAY} poblaciones de E045 para el año 2030 en las specs cargadas; años con "
        "poblaciones de E045 en las specs: 2017",
    ),
    (  # a clave with no populations at all: the programs that have them
        ["cobertura", "E015"],
        f"{NO_HAY} poblaciones de E015 en las specs cargadas; programas con poblaciones en las "
        "specs: E045, E046 y E049",
    ),
    (
        ["cumplimiento", "--year", "1999"],
        f"{NO_HAY} metas de indicadores para el año 1999 en las specs cargadas; años con metas "
        "en las specs: 2014–2017, 2023",
    ),
    (
        ["cumplimiento", "E045", "--anio", "2013"],
        f"{NO_HAY} metas de indicadores de E045 para el año 2013 en las specs cargadas; años con "
        "metas de E045 en las specs: 2014–2017",
    ),
    (
        ["cumplimiento", "--nivel", "Fin", "--anio", "2013"],
        f"{NO_HAY} metas de indicadores de nivel Fin para el año 2013 en las specs cargadas; "
        "años con metas de nivel Fin en las specs: 2014–2017",
    ),
    (  # a level the program has no meta of: the levels it has
        ["cumplimiento", "E045", "--nivel", "Actividad"],
        f"{NO_HAY} metas de indicadores de nivel Actividad de E045 en las specs cargadas; "
        "niveles con metas de E045 en las specs: Fin y Propósito",
    ),
    (
        ["presupuesto", "--anio", "1990"],
        f"{NO_HAY} presupuesto para el año 1990 en las specs cargadas; años con presupuesto en "
        "las specs: 2016–2017",
    ),
    (
        ["monitoreo", "--anio", "1990"],
        f"{NO_HAY} monitoreo para el año 1990 en las specs cargadas; años con valoración de "
        "monitoreo en las specs: 2024",
    ),
    (  # a program with no valoración in any year: the programs that have one
        ["monitoreo", "E045"],
        f"{NO_HAY} monitoreo de E045 en las specs cargadas; programas con valoración de "
        "monitoreo en las specs: E015, E018, E036, E042, E043 y 4 más",
    ),
    (
        ["verificar", "E045", "--anio", "1990"],
        f"{NO_HAY} cifras publicadas de E045 para el año 1990 en las specs cargadas; años con "
        "cifras publicadas de E045 en las specs: 2016–2017",
    ),
    (
        ["tendencias", "E045", "--anio", "1990"],
        "error: no hay series de indicadores de E045 en 1990 en las specs cargadas; años con "
        "metas o valores de indicadores de E045 en las specs: 2014–2017",
    ),
    (  # E015 has no indicator: the programs (and the programa derivado) with series
        ["tendencias", "E015"],
        "error: no hay series de indicadores de E015 en las specs cargadas; programas con "
        "metas o valores de indicadores en las specs: E043, E044, E045, E048, E049 y 1 más",
    ),
    (
        ["alertas", "E015"],
        "error: no hay indicadores ni poblaciones de E015 en las specs cargadas; programas con "
        "indicadores o poblaciones en las specs: E043, E044, E045, E048, E049 y 2 más",
    ),
    (
        ["alertas", "--anio", "1990"],
        "error: no hay indicadores ni poblaciones en 1990 en las specs cargadas; años con "
        "indicadores o poblaciones en las specs: 2014–2017, 2019, 2021–2023",
    ),
    (
        ["resumen", "--anio", "1990"],
        "error: no hay diagnósticos por programa para el año 1990 en las specs cargadas; años "
        "con diagnósticos por programa en las specs: 2024",
    ),
    (
        ["ficha", "E045", "--anio", "2010"],
        "error: no hay datos de 51-E045 hasta 2010 en las specs cargadas; años con datos de "
        "51-E045 en las specs: 2014–2017",
    ),
]


@pytest.mark.parametrize(("args", "linea"), CASOS, ids=[" ".join(a) for a, _ in CASOS])
def test_each_command_says_what_the_specs_have(cli, args, linea):
    r = cli(*args)
    assert (r.code, r.out, r.err) == (1, "", linea + "\n")


@pytest.mark.parametrize(
    ("consulta", "kw", "final"),
    [
        ("programas", {"anio": 1990}, "; años con cifras en las specs: 2014–2017, 2023–2024"),
        (
            "cobertura",
            {"claves": "E045", "anio": 2030},
            "; años con poblaciones de E045 en las specs: 2017",
        ),
        ("cumplimiento", {"anio": 1999}, "; años con metas en las specs: 2014–2017, 2023"),
        (
            "cumplimiento",
            {"claves": "E045", "nivel": "Actividad"},
            "; niveles con metas de E045 en las specs: Fin y Propósito",
        ),
        ("presupuesto", {"anio": 1990}, "; años con presupuesto en las specs: 2016–2017"),
        ("monitoreo", {"anio": 1990}, "; años con valoración de monitoreo en las specs: 2024"),
        (
            "verificar",
            {"anio": 1990},
            "; años con cifras publicadas en las specs: 2016–2017, 2021, 2023–2024",
        ),
        (
            "tendencias",
            {"anio": 1990},
            "; años con metas o valores de indicadores en las specs: 2014–2017, 2019, 2021–2023",
        ),
    ],
)
def test_python_callers_get_the_same_line(consulta, kw, final):
    """The library builds the text: a Python caller reads what the command line prints."""
    with pytest.raises(SinDatos) as err:
        getattr(im, consulta)(im.cargar(), **kw)
    assert str(err.value).endswith(final)
    assert "--" not in str(err.value)  # (a library names no option)


@pytest.mark.skipif(not ISED.is_file(), reason=f"SHCP data not available: {ISED}")
def test_an_ised_edition_not_imported_names_the_editions_there_are(cli, tmp_path):
    """On specs imported from SHCP's 2020 ISeD (edition 2020, ramo 51), `--anio 2019` said «no
    hay datos de ISeD para el año 2019» and stopped."""
    out = tmp_path / "ised"
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    r = cli("monitoreo", "--indice", "ised", "--anio", "2019", "--specs", str(out))
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        "error: no hay datos de ISeD para el año 2019 en las specs cargadas; ediciones del ISeD "
        "en las specs: 2020\n"
    )
    with pytest.raises(SinDatos) as err:
        im.monitoreo(im.cargar(out), "E036", anio=2019, indice="ised")
    assert str(err.value).endswith("; ediciones del ISeD de E036 en las specs: 2020")


def test_many_runs_of_years_are_cut_to_one_line():
    """A federal set's gaps would make the line a list: the first four runs, then a count."""
    from issste_mon.consultas.vacios import anios_breves

    assert anios_breves([2013, 2014, 2015, 2016, 2017]) == "2013–2017"
    assert anios_breves([2008, 2010, 2012, 2014, 2016, 2018]) == "2008, 2010, 2012, 2014 y 2 más"


# Every command's no-data case: one prefix for every error line (`error: `), as the bytes the
# process writes, not as a terminal or a log viewer shows them (one showed «Error:» for a first
# line: the bytes are «error:»).
SIN_DATOS = [args for args, _ in CASOS] + [["monitoreo", "--indice", "ised"]]


@pytest.mark.parametrize("args", SIN_DATOS, ids=[" ".join(a) for a in SIN_DATOS])
def test_every_no_data_line_has_the_same_prefix(cli, args):
    r = cli(*args)
    assert r.code == 1 and r.out == "", (r.code, r.out)
    assert r.err.startswith("error: ") and r.err.count("\n") == 1, r.err


def test_the_entry_point_writes_the_same_prefix():
    """As a process: the console script's stderr, byte for byte."""
    res = subprocess.run(
        [sys.executable, "-m", "issste_mon", "cumplimiento", "--year", "1999"],
        capture_output=True,
        cwd=REPO,
        check=False,
    )
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.startswith(b"error: no hay datos de metas de indicadores para el a")


@pytest.mark.skipif(not ISED.is_file(), reason=f"SHCP data not available: {ISED}")
def test_programs_of_several_ramos_are_named_and_counted_with_their_ramo(cli, tmp_path):
    """The 535 programs of SHCP's 2020 ISeD are of 30 ramos, and a clave such as M001 names
    one in many: the line named bare claves, ambiguous if typed back, and counted each clave
    once, «M001, P001, P002, P003, P004 y 288 más» of 535 programs. As the tables do on rows of
    several ramos, it says «ramo-clave»."""
    out = tmp_path / "ised"
    shutil.copytree(bundled_specs_dir(), out)  # (51-E045 has no ISeD in the file)
    r = cli("importar", "ised", str(ISED), "-o", str(out))
    assert r.code == 0, r.err
    with pytest.raises(SinDatos) as err:
        im.monitoreo(im.cargar(out), "51-E045", indice="ised")
    assert str(err.value).endswith(
        "; programas con ISeD en las specs: 2-M001, 2-P001, 2-P002, 2-P003, 2-P004 y 530 más"
    )
