"""`-f xlsx --salida ARCHIVO.xlsx` for every table command, read back with openpyxl."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from issste_mon.salida.numfmt import round_half_up

TABLE_COMMANDS = ["programas", "cobertura", "cumplimiento", "presupuesto", "monitoreo"]


def _sheet_rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    rows = []
    for row in ws.iter_rows(min_row=2):
        if row[0].value is None:  # blank line before the summary/caption lines
            break
        rows.append(dict(zip(header, row, strict=False)))
    return rows


def test_cobertura_xlsx_numbers_formats_and_frozen_header(cli, tmp_path):
    out = tmp_path / "cobertura.xlsx"
    r = cli("cobertura", "E045", "-f", "xlsx", "--salida", str(out))
    assert r.code == 0, r.err
    assert r.out == ""
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == "metodologia"
    ws = wb[wb.sheetnames[0]]
    assert ws.freeze_panes == "A2"
    [row] = _sheet_rows(ws)
    assert row["Año"].value == 2017 and row["Año"].number_format == "0"
    pp, po, pa = row["Potencial (PP)"], row["Objetivo (PO)"], row["Atendida (PA)"]
    assert (pp.value, po.value, pa.value) == (14756442, 784969, 744939)
    assert all(c.data_type == "n" and c.number_format == "#,##0" for c in (pp, po, pa))
    cob = row["PA/PO"]
    assert cob.data_type == "n" and cob.number_format == "0.00 %"
    # Stored unrounded as a fraction, as Excel keeps percentages; seed 001 prints 94.90 %.
    assert round_half_up(cob.value * 100, 2) == Decimal("94.90")
    assert round_half_up(row["PO/PP"].value * 100, 2) == Decimal("5.32")


def test_presupuesto_xlsx_shows_money_and_percentages(cli, tmp_path):
    out = tmp_path / "p.xlsx"
    assert cli("presupuesto", "E045", "-o", str(out)).code == 0
    ws = load_workbook(out).worksheets[0]
    row = _sheet_rows(ws)[0]
    ejercido, pct = row["Ejercido (MDP)"], row["% del ramo"]
    assert ejercido.value == 2712.44 and ejercido.number_format == "#,##0.00"  # 2,712.44
    assert pct.number_format == "0.00 %"
    assert round_half_up(pct.value * 100, 2) == Decimal("1.27")  # 1.27 %
    assert row["Año"].number_format == "0"  # 2016, not 2,016
    ultima = ws.cell(1, ws.max_column).column_letter
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ultima}3"
    assert ws.column_dimensions["D"].width >= len("Ejercido (MDP)")


def test_verificar_xlsx_one_explanation_column_and_percentages(cli, tmp_path):
    out = tmp_path / "v.xlsx"
    cli("verificar", "E045", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Verificación de cifras"  # cut at a word, ≤ 31 characters
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert "Explicación / motivo" in header
    assert "Explicación" not in header and "Motivo" not in header
    [part] = [r for r in _sheet_rows(ws) if r["Calculado"].value == "1.27 %"]
    assert part["Valor calculado"].number_format == "0.00 %"
    assert round_half_up(part["Valor calculado"].value * 100, 2) == Decimal("1.27")


def test_verificar_xlsx_an_exact_percentage_is_a_percentage_too(cli, tmp_path):
    """An exact 100 % is the int 100 in the machine rows: stored as 100 with format «0» beside
    fractions (0.949 for 94.90 %), it read «100» and sorted and summed as 10,000 %."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    texto = re.sub(r"(\n    atendida: )744939", r"\g<1>784969", texto, count=1)
    texto = texto.replace('cobertura: "94.90 %"', 'cobertura: "100.00 %"', 1)
    (tmp_path / "E045.yaml").write_text(texto, encoding="utf-8")
    out = tmp_path / "v.xlsx"
    cli("verificar", "E045", "--specs", str(tmp_path / "E045.yaml"), "-o", str(out))
    [cob] = [
        r
        for r in _sheet_rows(load_workbook(out).worksheets[0])
        if r["Calculado"].value == "100.00 %"
    ]
    assert cob["Valor calculado"].number_format == "0.00 %"
    assert cob["Valor calculado"].value == 1


def test_verificar_xlsx_percentages_shown_with_a_word_or_as_a_count(cli, tmp_path):
    """«24 % (impresa)» (E046's bound) and a count «5 (56%)» show a percentage: their value
    is one too, stored as a fraction, not 24 or 55.5556 beside 0.949 (94.90 %)."""
    out = tmp_path / "v.xlsx"
    cli("verificar", "-o", str(out))
    filas = _sheet_rows(load_workbook(out).worksheets[0])
    [cota] = [r for r in filas if r["Calculado"].value == "24 % (impresa)"]
    assert cota["Valor calculado"].number_format == "0.00 %"
    assert cota["Valor calculado"].value == 0.24
    conteos = [
        r
        for r in filas
        if re.fullmatch(r"\d+ \(\d+%\)", str(r["Calculado"].value))
        and r["Valor calculado"].data_type == "n"  # (a contradiction's value is its text)
    ]
    assert conteos
    for r in conteos:
        pct = re.search(r"\((\d+)%\)", r["Calculado"].value).group(1)
        assert r["Valor calculado"].number_format == "0.00 %"
        assert round_half_up(r["Valor calculado"].value * 100, 0) == Decimal(pct)


def test_verificar_xlsx_a_percentage_row_keeps_its_year_and_line_whole(cli, tmp_path):
    """Only «Valor calculado» follows «Calculado»: in a row that shows «94.90 %» the year 2017
    was stored as 20.17 with the format «0.00 %» (Excel showed «2017.00 %»), the line likewise."""
    out = tmp_path / "v.xlsx"
    cli("verificar", "E045", "-o", str(out))
    filas = _sheet_rows(load_workbook(out).worksheets[0])
    [cob] = [r for r in filas if r["Calculado"].value == "94.90 %"]
    assert cob["Valor calculado"].number_format == "0.00 %"
    for titulo in ("Año", "Línea", "Columna"):
        assert cob[titulo].number_format == "0", titulo
    assert cob["Año"].value == 2017
    ubicacion = cob["Ubicación"].value.rsplit(":", 1)[1]
    assert cob["Línea"].value == int(ubicacion)


def test_verificar_xlsx_a_count_shown_grouped_is_grouped(cli, tmp_path):
    """E049's PA «12,689» (seed 003's text) read «12689» in Excel: es-MX groups thousands."""
    out = tmp_path / "v.xlsx"
    cli("verificar", "E049", "-o", str(out))
    [pa] = [
        r for r in _sheet_rows(load_workbook(out).worksheets[0]) if r["Calculado"].value == "12,689"
    ]
    assert pa["Valor calculado"].value == 12689
    assert pa["Valor calculado"].number_format == "#,##0"


def test_text_over_excels_cell_limit_is_cut_visibly_and_said(cli, tmp_path):
    """Excel holds 32,767 characters in a cell and openpyxl cut a longer name there without a
    word: the cell passed for the whole text. Now the cell and stderr say it was cut."""
    from test_carga_hostiles import HOSTILES

    spec = HOSTILES / "E904.yaml"  # a 200,000-character program name
    out = tmp_path / "p.xlsx"
    r = cli("programas", "--specs", str(spec), "-o", str(out))
    assert r.code == 0, r.err
    [fila] = _sheet_rows(load_workbook(out).worksheets[0])
    nombre = fila["Nombre"].value
    assert len(nombre) <= 32767 and nombre.startswith("x" * 30000)
    # (the workbook is the library's, a Python caller's too: it names the formats, no -f)
    assert nombre.endswith("(200,000 caracteres) está en csv o json]")
    assert "recortado" in nombre
    [aviso] = [line for line in r.err.splitlines() if "recortado" in line]
    assert aviso.startswith("aviso: hoja «Programas cargados», celda C2: texto de 200,000")


@pytest.mark.parametrize(
    ("titulos", "esperados"),
    [
        (
            ["Presupuesto ejercido y participación en el ramo"] * 2,
            ["Presupuesto ejercido", "Presupuesto ejercido (2)"],
        ),
        (["Verificación de cifras publicadas"], ["Verificación de cifras"]),
        (["Cobertura: PA/PO [2017]"], ["Cobertura- PA-PO -2017-"]),
    ],
)
def test_sheet_names_cut_at_words_and_unique(titulos, esperados):
    from issste_mon.salida.xlsx import nombre_hoja

    usados: set[str] = set()
    nombres = [nombre_hoja(t, usados) for t in titulos]
    assert nombres == esperados and all(len(n) <= 31 for n in nombres)


def test_csv_for_excel_has_bom_and_crlf(cli, tmp_path):
    r = cli("presupuesto", "E045", "-f", "csv-excel")
    assert r.out.startswith("\ufeffclave,ramo,anio") and r.out.count("\r\n") == 3
    assert cli("presupuesto", "E045", "-f", "CSV", "--bom").out == r.out
    out = tmp_path / "p.csv"
    assert cli("presupuesto", "E045", "--bom", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfclave,")


def test_metodologia_sheet_names_methodology_and_specs(cli, tmp_path, metodologia):
    out = tmp_path / "c.xlsx"
    assert cli("cumplimiento", "E045", "-o", str(out)).code == 0  # format from the extension
    ws = load_workbook(out)["metodologia"]
    pairs = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2)]
    assert ("Metodología", f"{metodologia.etiqueta} (metodologia.yaml (incluida))") in pairs
    assert ("Spec", "E045.yaml (incluida)") in pairs
    assert any(k == "Umbral: cumplimiento.rango" for k, _ in pairs)


@pytest.mark.parametrize("command", TABLE_COMMANDS)
def test_every_table_command_writes_xlsx(cli, tmp_path, command):
    out = tmp_path / f"{command}.xlsx"
    r = cli(command, "-f", "xlsx", "--salida", str(out))
    assert r.code == 0, r.err
    wb = load_workbook(out)
    assert len(wb.sheetnames) == 2 and wb.sheetnames[1] == "metodologia"
    ws = wb[wb.sheetnames[0]]
    assert ws.freeze_panes == "A2" and ws.max_row > 1
    numbers = [
        c
        for row in ws.iter_rows(min_row=2)
        for c in row
        if c.data_type == "n" and c.value is not None
    ]
    assert numbers and all(c.number_format != "General" for c in numbers)


def test_text_cells_are_never_formulas(cli, tmp_path):
    spec = tmp_path / "E900.yaml"
    spec.write_text(
        textwrap.dedent(
            """\
            clave: E900
            ramo: 51
            nombre: "=HYPERLINK(\\"http://x.invalid\\",\\"clic\\")"
            poblaciones:
              2020: {unidad_medida: "+cmd|' /C calc'!A0", potencial: 10, objetivo: 5, atendida: 4}
            """
        ),
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    assert cli("programas", "--specs", str(spec), "-o", str(out)).code == 0
    assert cli("cobertura", "--specs", str(spec), "-o", str(tmp_path / "c.xlsx")).code == 0
    cells = [
        c
        for path in (out, tmp_path / "c.xlsx")
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    risky = [c for c in cells if "HYPERLINK" in c.value or "calc" in c.value]
    assert len(risky) == 2
    assert all(c.data_type == "s" and c.value.startswith("'") for c in risky)
    assert not [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]


def test_xlsx_without_salida_is_a_usage_error(cli):
    r = cli("cobertura", "-f", "xlsx")
    assert r.code == 2
    assert r.out == ""
    assert "--salida" in r.err and "Traceback" not in r.err


def test_xlsx_to_a_pipe_with_salida_dash():
    proc = subprocess.run(
        [sys.executable, "-m", "issste_mon", "presupuesto", "E045", "-f", "xlsx", "-o", "-"],
        capture_output=True,
        check=True,
    )
    assert proc.stdout.startswith(b"PK")  # a zip container: the workbook itself


def test_salida_text_formats_match_stdout(cli, tmp_path):
    out = tmp_path / "c.csv"
    assert cli("cobertura", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == cli("cobertura", "-f", "csv").out


def test_unwritable_salida_is_one_line_exit_2(cli, tmp_path):
    r = cli("cobertura", "-o", str(tmp_path / "no" / "existe.csv"))
    assert r.code == 2
    assert r.err.startswith("error: no se puede escribir") and r.err.count("\n") == 1


def test_control_characters_in_text_are_escaped_not_a_traceback(cli, tmp_path):
    from issste_mon.carga.loader import bundled_specs_dir

    spec = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    spec = spec.replace("nombre: Prestaciones sociales", 'nombre: "Presta\\x1b[2J\\x07ciones"', 1)
    (tmp_path / "E045.yaml").write_text(spec, encoding="utf-8")
    out = tmp_path / "p.xlsx"
    result = cli("programas", "--specs", str(tmp_path), "-f", "xlsx", "--salida", str(out))
    assert result.code == 0, result.err
    rows = _sheet_rows(load_workbook(out).worksheets[0])
    assert rows[0]["Nombre"].value == "Presta\\x1b[2J\\x07ciones"


def _valores_xml(path) -> dict[str, str]:
    """Each numeric cell's `<v>` text as the file holds it (what a program other than
    openpyxl reads), by coordinate, for the first sheet."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="n"[^>]*><v>([^<]*)</v>', xml))


def _cifras(texto: str) -> int:
    return len(Decimal(texto).normalize().as_tuple().digits)


def test_percentages_are_the_exact_fraction_in_the_file(cli, tmp_path):
    out = tmp_path / "c.xlsx"
    assert cli("cobertura", "E045", "-o", str(out)).code == 0
    [row] = _sheet_rows(load_workbook(out).worksheets[0])
    cob, po_pp = row["PA/PO"], row["PO/PP"]
    # The csv says 94.9004355586 and 5.3195004595: the fraction is that decimal moved two
    # places, not the float quotient (0.9490043555859999).
    assert cob.value == 0.949004355586 and po_pp.value == 0.053195004595
    xml = _valores_xml(out)
    assert xml[cob.coordinate] == "0.949004355586"
    assert xml[po_pp.coordinate] == "0.053195004595"


@pytest.mark.parametrize("command", ["cobertura", "resumen", "verificar", "cumplimiento"])
def test_no_float_noise_in_any_numeric_cell(cli, tmp_path, command):
    out = tmp_path / f"{command}.xlsx"
    assert cli(command, "-o", str(out)).code in (0, 1), command  # verificar: 1 = discrepancias
    xml = _valores_xml(out)
    assert xml
    ruidosos = {k: v for k, v in xml.items() if _cifras(v) > 15}
    assert not ruidosos  # e.g. 0.6666666666669999, 622.0599999999999


def test_metodologia_sheet_does_not_pass_a_changed_published_band_for_the_documents(cli, tmp_path):
    """A copy with the band at 94.75–110 that still says `publicado` and quotes «entre 90% y
    110%»: the sheet quoted it as the band's source, «publicado», beside rows classified with
    94.75."""
    from issste_mon.metodologia import default_path

    texto = open(default_path(), encoding="utf-8").read()
    mia = tmp_path / "mia.yaml"
    texto = texto.replace("    inferior: 90\n", "    inferior: 94.75\n")
    mia.write_text(texto.replace("menor_a: 90 ", "menor_a: 94.75 "), "utf-8")  # (rango Bajo)
    out = tmp_path / "c.xlsx"
    assert cli("cumplimiento", "E048", "--metodologia", str(mia), "-o", str(out)).code == 0
    ws = load_workbook(out)["metodologia"]
    filas = {r[0].value: (r[1].value, r[2].value) for r in ws.iter_rows(min_row=2)}
    fuente, confianza = filas["Umbral: cumplimiento.rango"]
    assert confianza == "publicado (según el archivo)"
    assert fuente.startswith(f"valores de {mia}, distintos de los publicados que trae la ")
    assert filas["Umbral: cobertura"][1] == "publicado"  # unchanged: as the file says
