"""What one command accepts the others accept (a dependency's siglas), counts agree with
their word («1 programa»), and the options the README calls common work where it says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.salida.plural import palabra, plural

REPO = Path(__file__).resolve().parents[1]
SPECS = str(bundled_specs_dir())


@pytest.fixture(scope="module")
def s():
    return im.cargar(SPECS)


def test_monitoreo_takes_the_dependencys_siglas_like_presupuesto(s, cli):
    t = im.monitoreo(s, "ISSSTE")
    assert {(f["ambito"], f["clave"]) for f in t.filas} == {
        ("subíndice dependencia", "ISSSTE"),
        ("InMonitoreo", "ISSSTE"),
    }
    # the same InMonitoreo as the whole table's: computed from all its programs
    todo = im.monitoreo(s)
    assert [f for f in todo.filas if f["ambito"] == "InMonitoreo"] == [
        f for f in t.filas if f["ambito"] == "InMonitoreo"
    ]
    mixto = im.monitoreo(s, ["issste", "E044"], anio=2024)
    assert [f["clave"] for f in mixto.filas] == ["E044", "ISSSTE", "ISSSTE"]
    r = cli("monitoreo", "ISSSTE", "-f", "tsv", "--specs", SPECS)
    assert r.code == 0 and "InMonitoreo\tISSSTE" in r.out
    assert cli("presupuesto", "ISSSTE", "-f", "tsv", "--specs", SPECS).code == 0


def test_ised_of_a_dependency_says_it_is_of_programs(s):
    with pytest.raises(im.SinDatos, match="el ISeD es de programas"):
        im.monitoreo(s, "ISSSTE", indice="ised")


def test_plural_agrees_with_the_count():
    assert plural(1, "programa") == "1 programa"
    assert plural(9, "programa") == "9 programas"
    assert plural(0, "indicador") == "0 indicadores"
    assert plural(2313, "fila") == "2,313 filas"
    assert plural("1", "indicador") == "1 indicador"
    assert plural(2, "año o edición", "años o ediciones") == "2 años o ediciones"
    assert palabra(1, "actualizado") == "actualizado" and palabra(3, "válido") == "válidos"


def test_resumen_of_one_program_says_one_programa(cli):
    r = cli("resumen", "--specs", str(REPO / "specs" / "E015.yaml"), "-f", "tsv")
    assert r.code == 0
    assert "Universo: 1 programa de 2024 (E015)" in r.err


def test_example_script_of_one_program_says_one_programa():
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "api.py"), str(REPO / "examples")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[0] == "1 programa, 0 dependencias"


def test_no_count_reads_one_plural():
    """No f-string puts a count before a plural noun without agreeing with it."""
    import re

    patron = re.compile(
        r"\{[^{}]*\}\s+(programas|archivos|indicadores|hojas|gráficas|páginas|avisos|"
        r"actualizados|creados|importadas|motivos)\b"
    )
    culpables = [
        f"{p.relative_to(REPO)}:{n}"
        for p in [*(REPO / "issste_mon").rglob("*.py"), REPO / "examples" / "api.py"]
        for n, linea in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if patron.search(linea) and "== 1" not in linea
    ]
    assert culpables == []


def test_validar_takes_specs_like_the_other_commands(cli):
    r = cli("validar", "--specs", SPECS)
    assert r.code == 0 and r.err.strip().endswith("archivos válidos.")
    una = cli("validar", "--specs", str(REPO / "specs" / "E045.yaml"))
    assert una.code == 0 and una.err.strip() == "1 archivo válido."


def test_ficha_quiet_silences_its_summary(cli, tmp_path):
    r = cli("ficha", "E045", "--specs", SPECS, "-o", str(tmp_path / "f.md"), "-q")
    assert r.code == 0 and r.err == ""
    r = cli("ficha", "E045", "--specs", SPECS, "-o", str(tmp_path / "g.md"))
    assert r.code == 0 and r.err.startswith("Ficha escrita en")


def test_cumplimiento_help_names_fid(cli):
    r = cli("cumplimiento", "--help")
    assert "Actividad o FID" in " ".join(r.out.split())


@pytest.mark.parametrize("formato", ["json", "jsonl", "markdown"])
def test_bom_where_it_changes_nothing_is_said_not_ignored(cli, formato):
    r = cli("presupuesto", "E045", "--bom", "-f", formato, "--specs", SPECS)
    assert r.code == 0
    assert f"aviso: --bom es para csv y tsv (Excel): con -f {formato} no cambia nada" in r.err
    assert "--bom" not in cli("presupuesto", "E045", "--bom", "-f", "csv", "--specs", SPECS).err
