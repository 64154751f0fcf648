"""The CLI through its real entry point: formats, exit codes, stderr/stdout separation."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from issste_mon.consultas import tablas as consultas
from issste_mon.salida.celdas import machine_rows

COMMANDS = [
    ["programas"],
    ["cobertura", "E045"],
    ["cumplimiento", "--year", "2023"],
    ["presupuesto", "E045"],
    ["monitoreo", "--year", "2024"],
]
FORMATS = ["tabla", "csv", "tsv", "json", "jsonl", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_every_command_in_every_format(cli, args, fmt):
    r = cli(*args, "-f", fmt)
    assert r.code == 0, r.err
    assert "Traceback" not in r.err and r.out.strip()
    if fmt == "json":
        assert isinstance(json.loads(r.out), list)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in r.out.splitlines())
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(r.out), delimiter="," if fmt == "csv" else "\t"))
        assert len({len(row) for row in rows}) == 1  # rectangular
        assert "\x1b[" not in r.out
    elif fmt == "markdown":
        assert r.out.startswith("### ") and "|" in r.out


def test_json_output_is_the_library_result(cli, specs, metodologia):
    r = cli("cumplimiento", "--year", "2023", "-f", "json")
    expected = machine_rows(consultas.cumplimiento(specs, metodologia, None, 2023))
    assert json.loads(r.out) == json.loads(json.dumps(expected, ensure_ascii=False))


def test_cobertura_json_contract(cli):
    (row,) = json.loads(cli("cobertura", "E045", "-f", "json").out)
    for key in (
        "clave",
        "anio",
        "componente",
        "unidad_medida",
        "potencial",
        "objetivo",
        "atendida",
        "cobertura_pct",
        "po_pp_pct",
        "nota",
    ):
        assert key in row
    assert row["componente"] is None and row["potencial"] == 14756442
    assert round(row["cobertura_pct"], 4) == 94.9004  # unrounded number in JSON


def test_cumplimiento_json_contract_and_methodology_named(cli):
    rows = json.loads(cli("cumplimiento", "E048", "-f", "json").out)
    (row,) = rows
    assert {
        "clave",
        "anio",
        "id",
        "nivel",
        "indicador",
        "sentido",
        "meta",
        "valor",
        "cumplimiento_pct",
        "rango",
        "nota",
        "metodologia",
    } <= set(row)
    assert row["rango"] == "Adecuado" and "metodología por omisión" in row["metodologia"]


def test_not_computable_is_null_with_nota(cli):
    rows = json.loads(cli("cumplimiento", "E049", "-f", "json").out)
    assert rows[0]["cumplimiento_pct"] is None and rows[0]["nota"] == (
        "sin meta en la spec (publicado: 117%)"
    )


def test_table_shows_es_mx_numbers_and_summary(cli):
    r = cli("cumplimiento", "--year", "2023", "-f", "tabla")
    assert "25,596" in r.out and "94.75 %" in r.out and "Adecuado" in r.out
    assert "Promedio de cumplimiento" in r.out and "Metodología:" in r.out


def test_machine_formats_keep_summary_off_stdout(cli):
    r = cli("cumplimiento", "--year", "2023", "-f", "csv")
    assert "Promedio" not in r.out and "Promedio de cumplimiento" in r.err


def test_default_format_in_a_pipe_is_tsv(cli):
    r = cli("presupuesto", "E045")
    assert r.out.splitlines()[0].split("\t")[:3] == ["clave", "ramo", "anio"]


def test_cobertura_table(cli):
    r = cli("cobertura", "E045", "-f", "tabla")
    assert "14,756,442" in r.out and "94.90 %" in r.out and "5.32 %" in r.out


def test_monitoreo_table(cli):
    r = cli("monitoreo", "-f", "tabla")
    assert "0.561" in r.out and "11 de 15" in r.out and "Básico" in r.out


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["cobertura", "E999"], 'no hay ningún programa con clave "E999"'),
        (["cobertura", "E45"], ""),  # E45 → E045 is accepted, see below
        (
            ["cumplimiento", "--year", "1999"],
            "no hay datos de metas de indicadores para el año 1999",
        ),
        (["presupuesto", "E048"], "no hay datos de presupuesto de E048"),
    ],
)
def test_unknown_clave_or_year_is_exit_1_with_message(cli, args, fragment):
    r = cli(*args)
    if not fragment:
        assert r.code == 0
        return
    assert r.code == 1 and fragment in r.err and r.out == ""
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_close_clave_is_suggested(cli):
    assert "¿quiso decir E045" in cli("cobertura", "F045").err


def test_unknown_nivel_is_usage_error(cli):
    r = cli("cumplimiento", "--nivel", "propositos")
    assert r.code == 2 and 'nivel desconocido "propositos"' in r.err


def test_nivel_matches_without_accents(cli):
    r = cli("cumplimiento", "--nivel", "proposito", "-f", "json")
    assert r.code == 0 and {row["nivel"] for row in json.loads(r.out)} == {"Propósito"}


def test_validar_bundled_is_clean(cli):
    r = cli("validar")
    assert r.code == 0 and "archivos válidos" in r.err


def test_validar_invalid_file_exit_2_no_traceback(cli, tmp_path):
    bad = tmp_path / "E001.yaml"
    bad.write_text(
        "clave: E001\nramo: 51\nnombre: x\nmir:\n  - id: A\n    nivel: Fin\n"
        "    nombre: y\n    sentido: ascendente\n    metas:\n      2020: {meta: 5o3}\n",
        encoding="utf-8",
    )
    r = cli("validar", str(bad))
    assert r.code == 2 and "Traceback" not in r.err
    assert f"{bad}:10:20: mir[0].metas.2020.meta: se esperaba un número o ND/NA" in r.err


def test_validar_json_report(cli, tmp_path):
    bad = tmp_path / "E001.yaml"
    bad.write_text("clave: E002\nramo: 51\nnombre: x\n", encoding="utf-8")
    r = cli("validar", str(bad), "-f", "json")
    (p,) = json.loads(r.out)
    assert r.code == 2 and p["linea"] == 1 and p["campo"] == "clave"


def test_validar_markdown_speaks_spanish_and_csv_keeps_its_keys(cli, tmp_path):
    """`validar -f markdown` is for people: its header was the machine keys («linea») under the
    title «### validar»; csv and json keep the keys."""
    bad = tmp_path / "E001.yaml"
    bad.write_text("clave: E002\nramo: 51\nnombre: x\n", encoding="utf-8")
    md = cli("validar", str(bad), "-f", "markdown").out.splitlines()
    assert md[0] == "### Validación de specs"
    encabezado = [c.strip() for c in md[2].strip("|").split("|")]
    assert encabezado == ["Archivo", "Línea", "Columna", "Campo", "Severidad", "Mensaje"]
    csv_ = cli("validar", str(bad), "-f", "csv").out.splitlines()[0]
    assert csv_ == "archivo,linea,columna,campo,severidad,mensaje"


def test_invalid_spec_makes_any_command_exit_2(cli, tmp_path):
    (tmp_path / "E001.yaml").write_text("clave: E001\nramo: 51\n", encoding="utf-8")
    r = cli("cobertura", "--specs", str(tmp_path))
    assert r.code == 2 and "nombre: campo obligatorio ausente" in r.err


def test_spec_from_stdin(cli):
    spec = (
        b"clave: E777\nramo: 51\nnombre: x\npoblaciones:\n  2020: {unidad_medida: Personas, "
        b"potencial: 10, objetivo: 4, atendida: 3}\n"
    )
    r = cli("cobertura", "--specs", "-", "-f", "json", stdin=spec)
    assert r.code == 0, r.err
    assert json.loads(r.out)[0]["cobertura_pct"] == 75.0


def test_stdin_given_twice_is_read_once(cli):
    """As a folder given twice: the second «-» read an empty stdin, «está vacío»."""
    spec = b"clave: E777\nramo: 51\nnombre: x\n"
    r = cli("validar", "-", "-", stdin=spec)
    assert (r.code, r.err) == (0, "1 archivo válido.\n")
    r = cli("programas", "--specs", "-", "--specs", "-", "-f", "csv", stdin=spec)
    assert r.code == 0 and r.out.count("E777") == 1


def test_specs_env_var(cli, monkeypatch, tmp_path):
    (tmp_path / "E001.yaml").write_text(
        "clave: E001\nramo: 51\nnombre: Solo este\n", encoding="utf-8"
    )
    monkeypatch.setenv("ISSSTE_MON_SPECS", str(tmp_path))
    rows = json.loads(cli("programas", "-f", "json").out)
    assert [r["clave"] for r in rows] == ["E001"]


def test_methodology_option_replaces_bands(cli, tmp_path):
    from issste_mon.metodologia import default_path

    text = open(default_path(), encoding="utf-8").read().replace("valor: inversa", "valor: espejo")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    rows = json.loads(cli("cumplimiento", "E044", "-f", "json", "--metodologia", str(path)).out)
    assert round(rows[0]["cumplimiento_pct"], 1) == 123.1


def test_bad_methodology_file_is_exit_2(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("nombre: x\n", encoding="utf-8")
    r = cli("cumplimiento", "--metodologia", str(path))
    assert r.code == 2 and str(path) in r.err and "Traceback" not in r.err


def test_every_command_has_help_and_is_in_readme(cli):
    from issste_mon.cli import app

    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text()
    for command in app.registered_commands:
        r = cli(command.name, "--help")
        assert r.code == 0 and "Uso: issste-mon" in r.out and "Opciones" in r.out
        assert f"issste-mon {command.name}" in readme, command.name


def test_installed_entry_point_smoke():
    out = subprocess.run(
        [sys.executable, "-m", "issste_mon", "cobertura", "E045", "-f", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    json.loads(out)


def test_importing_the_cli_does_not_import_pandas():
    code = "import sys, issste_mon.cli; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_unknown_option_is_usage_error_without_traceback(cli):
    r = cli("cobertura", "--bad")
    assert r.code == 2 and "--bad" in r.err and "Traceback" not in r.err


def test_programas_of_one_year(cli):
    rows = json.loads(cli("programas", "--anio", "2023", "-f", "json").out)
    assert [r["clave"] for r in rows] == ["E043", "E044", "E046", "E048", "E049"]
    r = cli("programas", "--anio", "2030")
    assert r.code == 1 and "ningún programa cargado tiene cifras del año 2030" in r.err


def test_validar_counts_read_es_mx(cli, tmp_path):
    for clave in [f"E{i:03d}" for i in range(1000)] + ["S000"]:
        (tmp_path / f"{clave}.yaml").write_text(
            f"clave: {clave}\nramo: 51\nnombre: Programa {clave}\n", encoding="utf-8"
        )
    r = cli("validar", str(tmp_path))
    assert r.code == 0 and r.err.strip().endswith("1,001 archivos válidos.")


@pytest.mark.parametrize("comando", ["cobertura", "cumplimiento", "ficha"])
def test_an_unknown_key_is_said_by_every_command_not_only_validar(cli, tmp_path, comando):
    """A typo (`objetivos:`) leaves PO absent and the cobertura «no calculable»: every command
    says why on stderr (file:line:col), cold and warm from the cache; -q silences it."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    assert texto.count("\n    objetivo: 784969") == 1
    spec = tmp_path / "E045.yaml"
    spec.write_text(texto.replace("\n    objetivo: 784969", "\n    objetivos: 784969"), "utf-8")
    args = [comando, *(["E045"] if comando == "ficha" else []), "--specs", str(spec)]
    out = ["--salida", str(tmp_path / "f.md")] if comando == "ficha" else ["-f", "csv"]
    for _ in range(2):  # cold, then warm
        r = cli(*args, *out)
        assert r.code == 0, r.err
        assert f"{spec}:20:5: poblaciones.2017.objetivos: aviso: clave desconocida" in r.err
    r = cli("-q", *args, *out)
    assert r.code == 0 and "clave desconocida" not in r.err


def test_programas_anio_counts_an_ised_edition_as_a_figure_of_that_year(cli, tmp_path):
    spec = tmp_path / "E015.yaml"
    spec.write_text(
        "clave: E015\nramo: 51\nnombre: Investigación\n"
        "ised:\n  2020:\n    valor: 0.721153846\n    publicado: {nivel: Medio alto}\n",
        encoding="utf-8",
    )
    r = cli("programas", "--specs", str(spec), "--anio", "2020", "-f", "csv")
    assert r.code == 0, r.err
    assert r.out.splitlines()[1].split(",")[:5] == ["E015", "51", "Investigación", "", "2020"]
    assert cli("programas", "--specs", str(spec), "--anio", "2019", "-f", "csv").code == 1
