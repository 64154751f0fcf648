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
