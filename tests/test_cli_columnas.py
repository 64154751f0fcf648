"""--columnas and --esquema-salida: a list that names no column, or one column twice, is an
error (not an empty or misaligned table), and the schema describes the columns asked for."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lista", [",", " ", "", " , ,"])
@pytest.mark.parametrize("formato", ["csv", "json"])
def test_a_list_naming_no_column_is_an_error(cli, lista, formato):
    r = cli("-q", "cobertura", "E045", "--columnas", lista, "-f", formato)
    assert r.code == 2 and r.out == ""
    assert "--columnas no nombra ninguna columna" in r.err
    assert "componente, unidad_medida" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("lista", ["clave,anio,clave", "clave,anio,Clave", "anio,clave,Año"])
@pytest.mark.parametrize("formato", ["csv", "json", "tabla"])
def test_a_repeated_column_is_an_error(cli, lista, formato):
    r = cli("-q", "cumplimiento", "--columnas", lista, "-f", formato)
    repetida = "anio" if lista.endswith("Año") else "clave"
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines() == [f"error: columna repetida «{repetida}» en --columnas"]


def test_empty_names_between_commas_are_skipped(cli):
    r = cli("-q", "cumplimiento", "--anio", "2023", "--columnas", "clave,,anio,", "-f", "csv")
    assert r.code == 0 and r.out.splitlines()[0] == "clave,anio"
