"""`importar` keeps what a file or a source says and says why it writes nothing: options shared
with the rest of the CLI, the reason a run wrote nothing, the 2017 columns that have a place in
a spec, and what `--reemplazar` removes. Built from the real files in /work/shared/data/shcp."""

from __future__ import annotations

import csv

import pytest
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


@pytest.mark.parametrize(
    "comando",
    [
        ("ised", str(ISED), "--anio", "2020"),
        ("poblaciones", str(POB17)),
        ("avance", str(AVANCE)),
    ],
)
def test_quiet_after_the_subcommand_means_what_it_means_before(cli, tmp_path, comando):
    antes = cli("-q", "importar", *comando, "--ramo", "51", "-o", str(tmp_path / "a"))
    despues = cli("importar", *comando, "--ramo", "51", "-o", str(tmp_path / "b"), "-q")
    assert "opción desconocida" not in despues.err
    assert (despues.code, despues.err, despues.out) == (antes.code, antes.err, antes.out)
    assert "aviso:" not in despues.err
    if comando[0] == "poblaciones":  # the avisos a run without it prints
        sin = cli("importar", *comando, "--ramo", "51", "-o", str(tmp_path / "c"))
        assert "aviso:" in sin.err


def _ised_sin_numero(path) -> str:
    """The first two rows of the ISeD file, each with text where RESULTADO_ISED goes."""
    with open(ISED, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header, filas = next(reader), [next(reader), next(reader)]
    i = header.index("RESULTADO_ISED")
    for fila in filas:
        fila[i] = "por determinar"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *filas])
    return str(path)


def test_nothing_written_says_why_not_a_filter_nobody_gave(cli, tmp_path):
    src = _ised_sin_numero(tmp_path / "ised.csv")
    r = cli("importar", "ised", src, "--anio", "2020", "-o", str(tmp_path / "o"))
    assert r.code != 0 and not (tmp_path / "o").exists()
    assert "coincide con el filtro" not in r.err
    assert (
        f"error: ninguna fila de {src} se pudo importar: 2 omitidas "
        "(RESULTADO_ISED no es un número: 2); no se escribió nada\n"
    ) in r.err
    assert "Traceback" not in r.err
    # a filter that leaves every row out is still named as the reason
    r = cli("importar", "ised", src, "--anio", "2020", "--ramo", "99", "-o", str(tmp_path / "o"))
    assert f"error: ningún programa de {src} coincide con el filtro; no se escribió nada" in r.err
