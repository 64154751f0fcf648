"""Every table command shares one definition of --specs, --formato/-f, --salida/-o."""

from __future__ import annotations

import pytest
import typer

from issste_mon.cli import app

TABLAS = [
    ("programas",),
    ("cobertura", "E045"),
    ("cumplimiento", "E045"),
    ("presupuesto", "E045"),
    ("monitoreo",),
    ("verificar", "E045"),
    ("sexenal",),
    ("calidad",),
    ("resumen",),
]


def _opciones(nombre: str) -> set[str]:
    cmd = typer.main.get_command(app).commands[nombre]
    return {d for p in cmd.params for d in getattr(p, "opts", [])}


@pytest.mark.parametrize("args", TABLAS, ids=lambda a: a[0])
def test_shared_options_everywhere(args):
    assert {"--specs", "--formato", "-f", "--salida", "-o", "--sin-cache"} <= _opciones(args[0])


@pytest.mark.parametrize("args", TABLAS, ids=lambda a: a[0])
def test_every_table_command_writes_xlsx_to_a_file(cli, tmp_path, args):
    from openpyxl import load_workbook

    out = tmp_path / f"{args[0]}.xlsx"
    r = cli(*args, "-f", "xlsx", "--salida", str(out))
    assert r.code == 0, r.err
    assert r.out == ""
    book = load_workbook(out)
    assert len(book.sheetnames) >= 2  # the table and its provenance


@pytest.mark.parametrize("args", TABLAS, ids=lambda a: a[0])
def test_salida_takes_the_format_from_the_extension(cli, tmp_path, args):
    out = tmp_path / "t.csv"
    r = cli(*args, "--salida", str(out))
    assert r.code == 0, r.err
    assert r.out == "" and out.read_text(encoding="utf-8").count("\n") >= 2


# An option of one value given twice: click would keep the last one in silence, and
# `--anio 2017 --anio 2018` would answer for 2018 only.
@pytest.mark.parametrize(
    ("args", "opcion", "dados"),
    [
        (("cumplimiento", "--anio", "2017", "--anio", "2018"), "-y/--anio/--year", "2017» y «2018"),
        (("cumplimiento", "-y2017", "--year=2018"), "-y/--anio/--year", "2017» y «2018"),
        (("cobertura", "-f", "csv", "-f", "json"), "-f/--formato", "csv» y «json"),
        (("cobertura", "-o", "a.csv", "--salida", "b.csv"), "-o/--salida", "a.csv» y «b.csv"),
        (("ficha", "E045", "-f", "html", "-f", "markdown"), "-f/--formato", "html» y «markdown"),
    ],
)
def test_an_option_given_twice_with_different_values_is_a_usage_error(
    cli, tmp_path, monkeypatch, args, opcion, dados
):
    monkeypatch.chdir(tmp_path)  # (the old code wrote b.csv)
    r = cli(*args)
    assert r.code == 2
    assert r.out == ""
    assert r.err.splitlines()[0] == (
        f"error: la opción {opcion} se dio más de una vez («{dados}»): dé un solo valor"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_option_repeated_with_the_same_value_and_repeatable_options_still_run(cli):
    assert cli("cobertura", "E045", "-f", "csv", "-f", "csv").code == 0
    assert cli("cobertura", "E045", "-f", "csv", "-q", "-q").code == 0


@pytest.mark.parametrize(
    ("formato", "archivo", "dicho"),
    [("xlsx", "informe.csv", "csv"), ("csv", "informe.xlsx", "xlsx"), ("tsv", "t.json", "json")],
)
def test_a_format_the_output_extension_contradicts_is_an_error(
    cli, tmp_path, formato, archivo, dicho
):
    """`-f xlsx -o informe.csv` wrote a workbook named .csv (as `ficha` already refused)."""
    out = tmp_path / archivo
    r = cli("cobertura", "E045", "-f", formato, "-o", str(out))
    assert r.code == 2
    assert r.err == (
        f"error: -f {formato} no coincide con la extensión de --salida «{out}» ({dicho}): "
        "indique uno solo o hágalos coincidir\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("formato", "archivo"), [("csv-excel", "t.csv"), ("CSV", "t.CSV"), ("json", "t.txt")]
)
def test_a_format_the_extension_agrees_with_or_does_not_name_is_written(
    cli, tmp_path, formato, archivo
):
    r = cli("cobertura", "E045", "-f", formato, "-o", str(tmp_path / archivo))
    assert r.code == 0, r.err
    assert (tmp_path / archivo).read_bytes()


def _rutas(grupo, ruta=()):
    for nombre, sub in grupo.commands.items():
        yield (*ruta, nombre)
        if hasattr(sub, "commands"):
            yield from _rutas(sub, (*ruta, nombre))


_EN_INGLES = {"DIR", "DIRECTORY", "FILE", "PATH", "TEXT", "INTEGER", "FLOAT", "BOOLEAN", "NAME"}


@pytest.mark.parametrize("ruta", list(_rutas(typer.main.get_command(app))), ids=" ".join)
def test_every_placeholder_in_help_is_spanish_and_named_alike(cli, ruta):
    """`importar … --salida DIR` (English) while the group's help wrote SALIDA/<ramo>/… and
    `ficha --todas --salida` CARPETA: one folder, three names."""
    import re

    r = cli(*ruta, "--help")
    assert r.code == 0
    assert not set(re.findall(r"\b[A-Z]{3,}\b", r.out)) & _EN_INGLES
    for formatos in re.findall(r"--formato (\S+)", r.out):  # `ficha` wrote html|markdown|xlsx
        assert formatos.startswith("[") and formatos.endswith("]"), formatos
    if ruta[0] == "importar":  # the group and each subcommand name the folder the same way
        assert "CARPETA/<ramo>/<clave>.yaml" in r.out and "SALIDA/" not in r.out


@pytest.mark.parametrize("args", [["-q"], ["--debug"], ["--quiet", "--debug"]])
def test_group_options_without_a_command_say_the_command_is_missing(cli, args):
    """`issste-mon -q` said «argumentos de más o no válidos»: nothing was extra."""
    r = cli(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err == "error: falta el COMANDO\nVea «issste-mon --help» para la ayuda.\n"


@pytest.mark.parametrize(
    ("args", "dado"),
    [
        (["completado", "powershell"], "powershell"),
        (["completado", "tcsh", "--instalar"], "tcsh"),
        (["-q", "completado", "completado"], "completado"),
    ],
)
def test_a_bad_argument_value_is_quoted_back_as_an_options_is(cli, args, dado):
    """«valor no válido para SHELL» did not say which value, where -f foo says «foo»."""
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert r.err.splitlines()[0] == (
        f"error: valor no válido «{dado}» para SHELL; se esperaba uno de: bash, zsh, fish"
    )
