"""--columnas and --esquema-salida: a list that names no column, or one column twice, is an
error (not an empty or misaligned table), and the schema describes the columns asked for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


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


def test_the_output_schema_has_the_columns_asked_for(cli):
    r = cli("-q", "cumplimiento", "--columnas", "clave,Año", "--esquema-salida")
    assert r.code == 0
    assert [f["name"] for f in json.loads(r.out)["fields"]] == ["clave", "anio"]
    r = cli("-q", "cumplimiento", "--columnas", "anio,anio", "--esquema-salida")
    assert r.code == 2 and "columna repetida «anio»" in r.err


@pytest.mark.parametrize(
    "opciones", [["-o", "{dir}/sch.xlsx"], ["-f", "xlsx", "-o", "{dir}/sch"], ["-f", "xlsx"]]
)
def test_the_output_schema_is_never_written_as_xlsx(cli, tmp_path, opciones):
    opciones = [o.format(dir=tmp_path) for o in opciones]
    r = cli("-q", "cobertura", "--esquema-salida", *opciones)
    assert r.code == 2 and r.out == "" and list(tmp_path.iterdir()) == []
    assert r.err.splitlines() == [
        "error: --esquema-salida escribe JSON, no xlsx: use --salida ARCHIVO.json o la salida "
        "estándar"
    ]


@pytest.mark.parametrize("sufijo", ["csv", "TSV", "md", "jsonl"])
def test_the_output_schema_is_never_written_under_another_formats_name(cli, tmp_path, sufijo):
    r = cli("-q", "cobertura", "--esquema-salida", "-o", str(tmp_path / f"sch.{sufijo}"))
    assert r.code == 2 and r.out == "" and list(tmp_path.iterdir()) == []
    assert r.err.splitlines() == [
        f"error: --esquema-salida escribe JSON, no {sufijo.lower()}: use --salida ARCHIVO.json o "
        "la salida estándar"
    ]


def test_the_output_schema_describes_a_csv_output_as_json(cli, tmp_path):
    r = cli(
        "-q", "cobertura", "-c", "clave", "-f", "csv", "--esquema-salida", "-o", str(tmp_path / "s")
    )
    assert r.code == 0 and json.loads((tmp_path / "s").read_text())["fields"][0]["name"] == "clave"


def test_the_output_schema_goes_to_a_json_file(cli, tmp_path):
    r = cli("-q", "cobertura", "-c", "clave", "--esquema-salida", "-o", str(tmp_path / "s.json"))
    assert r.code == 0 and r.out == ""
    assert json.loads((tmp_path / "s.json").read_text())["fields"][0]["name"] == "clave"


def _con_columnas() -> dict[str, object]:
    """Every command with the shared --columnas LISTA (sexenal's own --columnas is another)."""
    import typer

    from issste_mon.cli import app

    comandos = typer.main.get_command(app).commands
    return {
        nombre: p
        for nombre, cmd in comandos.items()
        for p in getattr(cmd, "params", [])
        if "-c" in getattr(p, "opts", ()) and p.metavar == "LISTA"
    }


def test_every_table_command_has_columnas():
    assert set(_con_columnas()) == {
        "programas",
        "cobertura",
        "cumplimiento",
        "presupuesto",
        "monitoreo",
        "verificar",
        "calidad",
        "resumen",
        "tendencias",
        "alertas",
    }


@pytest.mark.parametrize("nombre", sorted(_con_columnas()))
def test_the_columnas_example_in_help_works_in_that_command(cli, nombre):
    import re

    ayuda = " ".join(cli(nombre, "--help").out.split())
    ejemplo = re.search(r"--columnas ([\w,]+)\.", ayuda)
    assert ejemplo, ayuda
    r = cli("-q", nombre, "--columnas", ejemplo.group(1), "-f", "csv")
    assert r.code in (0, 1), r.err  # verificar: 1 on a difference
    # an ND/NA figure brings its «_estado» column after the chosen ones
    assert r.out.splitlines()[0].startswith(ejemplo.group(1))


@pytest.mark.parametrize(
    "args",
    [(n,) for n in sorted(_con_columnas())]
    + [("calidad", "--distribucion"), ("resumen", "--enunciados"), ("alertas", "--mejoras")],
    ids=" ".join,
)
def test_each_column_asked_for_by_its_key_is_that_column(cli, args):
    """A key names its own column before any other column's title: in `calidad
    --distribucion` the counts («n») are titled «Indicadores», and `-c indicadores` (the key of
    the ids) gave the counts; every key at once was «columna repetida «n»»."""
    esquema = json.loads(cli(*args, "--esquema-salida").out)["fields"]
    claves = [c["name"] for c in esquema if not c["name"].endswith("_estado")]
    r = cli("-q", *args, "-c", ",".join(claves), "-f", "csv")
    assert r.code in (0, 1), r.err  # verificar: 1 on a difference
    assert r.out.splitlines()[0].split(",")[: len(claves)] == claves


@pytest.mark.parametrize(
    "args",
    [
        ["monitoreo", "--indice", "ised"],  # the bundled set has no ISeD
        ["cumplimiento", "--anio", "1990"],
        ["cobertura", "E045", "--anio", "2030"],
        ["alertas", "--anio", "1990"],
    ],
)
def test_the_output_schema_of_a_query_with_no_rows_is_its_columns(cli, args):
    """A pipeline is set up before its data: the schema describes the columns, which do not
    depend on the rows. The data itself is still «no hay datos» (exit 1)."""
    sin = cli("-q", *args, "-f", "csv")
    assert sin.code == 1 and sin.out == "" and "no hay" in sin.err
    r = cli("-q", *args, "--esquema-salida", "--columnas", "ramo,clave")
    assert r.code == 0, r.err
    assert [f["name"] for f in json.loads(r.out)["fields"]] == ["ramo", "clave"]
    completo = json.loads(cli("-q", *args, "--esquema-salida").out)
    assert "fields" in completo and len(completo["fields"]) > 5


def test_no_schema_from_a_sample_whose_title_names_its_own_data(cli, tmp_path):
    """(resumen's title names the year, as calidad's the derivado: the bundled ones would be
    named for a set that has neither)"""
    shutil.copy(REPO / "specs" / "E045.yaml", tmp_path)
    r = cli("-q", "resumen", "--specs", str(tmp_path), "--esquema-salida")
    assert r.code == 1 and r.out == "" and "no hay" in r.err


def test_an_estado_column_is_asked_for_by_its_column(cli):
    """--esquema-salida lists «potencial_estado»; --columnas says which column brings it."""
    r = cli("-q", "cobertura", "--columnas", "clave,potencial_estado", "-f", "csv")
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines() == [
        "error: «potencial_estado» va con la columna «potencial»: pida «potencial» en "
        "--columnas y csv, tsv, json, jsonl y xlsx escriben «potencial_estado» junto a ella"
    ]
    r = cli("-q", "cobertura", "--columnas", "clave,potencial", "-f", "csv")
    assert r.out.splitlines()[0] == "clave,potencial,potencial_estado"
