"""Numbers for people: no false zero, exact integers at any size, a valoración as recorded.

Every human rendering (rich table, Markdown, ficha Markdown/HTML, an alert's sentence) formats
through `salida/numfmt.py`; these tests read each of them, and the CSV to show it is unchanged.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from issste_mon.salida.numfmt import fmt_auto, fmt_escrito, fmt_number, fmt_pct

TASAS = """\
clave: E905
ramo: 51
nombre: Tasas chicas
poblaciones:
  2017:
    unidad_medida: Personas
    potencial: 12345678901234567
    objetivo: 9007199254740993
    atendida: 9007199254740993
mir:
  - id: A1
    nivel: Propósito
    nombre: Tasa de mortalidad
    sentido: descendente
    linea_base: {anio: 2019, valor: 0.0042}
    metas:
      2020: {meta: 0.004, valor: 0.0045}
      2021: {meta: 0.004, valor: 0.0039}
      2022: {meta: 0.004, valor: 0.0041}
  - id: A2
    nivel: Fin
    nombre: Tasa ínfima
    sentido: descendente
    metas:
      2022: {meta: 0.0000002, valor: 0.0000001}
monitoreo:
  2021: {valoracion: 0.2499999}
  2022: {valoracion: 0.25}
  2023: {valoracion: 0.5295}
  2024: {valoracion: 0.53}
"""


@pytest.fixture
def specs(tmp_path):
    d = tmp_path / "specs"
    d.mkdir()
    (d / "E905.yaml").write_text(TASAS, encoding="utf-8")
    return str(d)


# --- the one place -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "decimales", "texto"),
    [
        (0.0042, 2, "0.0042"),
        (0.004, 2, "0.004"),
        (0.0045, 2, "0.0045"),
        (1e-7, 2, "0.0000001"),
        (-0.0006, 2, "-0.0006"),
        (Decimal("-0.0002"), 2, "-0.0002"),
        (Decimal(1) / Decimal(3000), 2, "0.00033"),  # a computed value: two significant digits
        (0.0049999, 2, "0.005"),
        (0.4, 0, "0.4"),
        (0.005, 2, "0.01"),  # rounds to a non-zero figure: the usual rule
        (0, 2, "0.00"),  # a true zero stays one
        (94.895, 2, "94.90"),
        (12345678901234567, 0, "12,345,678,901,234,567"),
        (9007199254740993, 0, "9,007,199,254,740,993"),
        (2**70 + 1, 0, "1,180,591,620,717,411,303,425"),
    ],
)
def test_fmt_number_no_false_zero_and_exact_integers(x, decimales, texto):
    assert fmt_number(x, decimales) == texto


def test_fmt_auto_and_pct_follow_the_same_rule():
    assert fmt_auto(12345678901234567) == "12,345,678,901,234,567"
    assert fmt_auto(0.0042) == "0.0042"
    assert fmt_pct(0.004) == "0.004 %"
    assert fmt_pct(0.0) == "0.00 %"


# --- every human rendering -----------------------------------------------------------------


@pytest.mark.parametrize("formato", ["tabla", "markdown"])
def test_cumplimiento_small_values(cli, specs, formato):
    r = cli("-q", "cumplimiento", "--specs", specs, "-f", formato, "--columnas", "anio,meta,valor")
    assert r.code == 0, r.err
    for texto in ("0.004", "0.0045", "0.0039", "0.0041", "0.0000002", "0.0000001"):
        assert texto in r.out, r.out
    assert "0.00 " not in r.out.replace("|", " ").replace("│", " ") + " "


def test_tendencias_change_is_not_minus_zero(cli, specs):
    r = cli("-q", "tendencias", "--specs", specs, "-f", "markdown", "--columnas", "anio,cambio")
    assert r.code == 0, r.err
    assert "-0.0006" in r.out and "0.0002" in r.out
    assert "-0.00 " not in r.out


def test_alert_sentence(cli, specs):
    r = cli("-q", "alertas", "--specs", specs, "-f", "markdown", "--columnas", "enunciado")
    assert r.code == 0, r.err
    assert "se tenía una meta de 0.004 y se logró 0.0045" in r.out, r.out
    assert "al pasar de 0.0039 a 0.0041" in r.out


@pytest.mark.parametrize("ext", ["md", "html"])
def test_ficha_small_values_and_big_integers(cli, specs, tmp_path, ext):
    destino = tmp_path / f"f.{ext}"
    r = cli("ficha", "E905", "--specs", specs, "-o", str(destino))
    assert r.code == 0, r.err
    texto = destino.read_text(encoding="utf-8")
    assert "0.0042" in texto  # línea base
    assert "0.0041" in texto and "0.004" in texto  # valor, meta 2022
    assert "0.0000001" in texto
    assert "12,345,678,901,234,567" in texto and "9,007,199,254,740,993" in texto


@pytest.mark.parametrize("formato", ["tabla", "markdown"])
def test_big_integers_exact_in_tables(cli, specs, formato):
    r = cli("-q", "cobertura", "--specs", specs, "-f", formato)
    assert r.code == 0, r.err
    assert "12,345,678,901,234,567" in r.out, r.out
    assert "9,007,199,254,740,993" in r.out


def test_machine_formats_unchanged(cli, specs):
    r = cli("-q", "cumplimiento", "--specs", specs, "-f", "csv", "--columnas", "anio,meta,valor")
    assert "2020,0.004,0.0045" in r.out
    r = cli("-q", "cobertura", "--specs", specs, "-f", "csv")
    assert "12345678901234567" in r.out


def test_a_text_compared_with_a_document_rounds_as_the_document():
    """verificar's «calculado» and a CONEVAL count are set beside the published text: they keep
    its rounding, zero included (the rule above is for figures read on their own)."""
    from issste_mon.auditoria.comparar import como_publicado
    from issste_mon.calc.conteos import formatear
    from issste_mon.salida.numfmt import fmt_como_documento, parse_publicado

    assert fmt_como_documento(0.001, 2) == "0.00"
    assert como_publicado(parse_publicado("0.00 %"), 0.001) == "0.00 %"
    assert formatear(1, 1000) == "1 (0%)"


# --- a valoración as recorded ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "texto"),
    [
        (0.5295, "0.5295"),
        (0.53, "0.530"),
        (0.2499999, "0.2499999"),
        (0.25, "0.250"),
        (0.55, "0.550"),
        (1, "1.000"),
        (Decimal("0.5611"), "0.561"),  # computed (InMonitoreo): rounded as before
        (None, ""),
    ],
)
def test_fmt_escrito_a_recorded_figure_as_written(x, texto):
    assert fmt_escrito(x, 3) == texto


@pytest.mark.parametrize("formato", ["tabla", "markdown"])
def test_valoracion_as_recorded_beside_its_level(cli, specs, formato):
    r = cli(
        "-q", "monitoreo", "--specs", specs, "-f", formato, "--columnas", "anio,valoracion,nivel"
    )
    assert r.code == 0, r.err
    filas = {
        ln.split()[0]: ln.split()[1:3]
        for ln in r.out.replace("|", " ").replace("│", " ").splitlines()
        if ln.split() and ln.split()[0].isdigit()
    }
    assert filas == {
        "2021": ["0.2499999", "Incipiente"],
        "2022": ["0.250", "Básico"],
        "2023": ["0.5295", "Básico"],
        "2024": ["0.530", "Medio"],
    }


@pytest.mark.parametrize("ext", ["md", "html"])
def test_ficha_valoracion_as_recorded(cli, specs, tmp_path, ext):
    destino = tmp_path / f"f.{ext}"
    assert cli("ficha", "E905", "--specs", specs, "-o", str(destino)).code == 0
    texto = destino.read_text(encoding="utf-8")
    # the summary strip: the latest year (0.53 lies where the published pairs leave Medio's cut)
    assert "Medio (0.530; nivel según un corte supuesto)" in texto
    assert "0.5295" in texto and "0.2499999" in texto  # the table


def test_site_index_valoracion_as_recorded(cli, specs, tmp_path):
    otro = "clave: E906\nramo: 51\nnombre: Otro\nmonitoreo:\n  2024: {valoracion: 0.5295}\n"
    (tmp_path / "specs" / "E906.yaml").write_text(otro, encoding="utf-8")
    r = cli("ficha", "--todas", "--specs", specs, "--salida", str(tmp_path / "sitio"))
    assert r.code == 0, r.err
    indice = (tmp_path / "sitio" / "index.html").read_text("utf-8")
    assert "Medio (0.530, 2024)" in indice and "Básico (0.5295, 2024)" in indice


def test_valoracion_machine_formats_unchanged(cli, specs):
    r = cli("-q", "monitoreo", "--specs", specs, "-f", "csv", "--columnas", "anio,valoracion")
    assert list(csv.reader(io.StringIO(r.out)))[1:] == [
        ["2021", "0.2499999"],
        ["2022", "0.25"],
        ["2023", "0.5295"],
        ["2024", "0.53"],
    ]


@pytest.mark.parametrize(
    "x",
    [0, 5, -3, 10**20, 100.0, -0.5, 0.0045, 1234.5678, -98765.25, 1e-05, 1e16, 123456789012345.0],
)
def test_fmt_tal_cual_is_fmt_escrito_without_decimal_arithmetic(x):
    from issste_mon.salida.numfmt import fmt_escrito, fmt_tal_cual

    assert fmt_tal_cual(x) == fmt_escrito(x, 0)


@settings(max_examples=500)
@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_fmt_tal_cual_is_fmt_escrito_for_any_number(x):
    from issste_mon.salida.numfmt import fmt_escrito, fmt_tal_cual

    assert fmt_tal_cual(x) == fmt_escrito(x, 0)


@pytest.mark.parametrize(
    "years, texto",
    [
        ([], ""),
        ([2017], "2017"),
        ([2017, 2018, 2019], "2017–2019"),
        ([2013, 2019, 2020], "2013, 2019–2020"),
        ([2024, 2017, 2018, 2017], "2017–2018, 2024"),
    ],
)
def test_years_with_data_show_their_gaps(years, texto):
    from issste_mon.salida.numfmt import fmt_anios

    assert fmt_anios(years) == texto


@pytest.mark.parametrize(
    ("x", "decimales", "texto"),
    [
        # the carry of a rounding that adds a digit, at the edge of Decimal's 28 digits
        (Decimal("99999999999999999999999999.995"), 2, "100,000,000,000,000,000,000,000,000.00"),
        (Decimal("9999999999999999999999999.995"), 2, "10,000,000,000,000,000,000,000,000.00"),
        (Decimal("6.4e237"), 2, f"{64 * 10**236:,}.00"),
    ],
)
def test_fmt_number_rounds_numbers_wider_than_28_digits(x, decimales, texto):
    """No InvalidOperation nor a shortened figure where the rounded text needs more digits
    than the default decimal context holds."""
    assert fmt_number(x, decimales) == texto


def test_fmt_number_prints_integers_by_default():
    """E045 2017's PP (seed 001) as printed: no decimals unless asked."""
    assert fmt_number(14756442) == "14,756,442"
    assert fmt_number(Decimal("2712.44")) == "2,712"


def test_a_figure_on_a_cut_prints_at_the_columns_decimals():
    """Exactly on a cut (cumplimiento 90.000 %, the band's lower end) the figure is on the
    cut's side already: no extra decimals, «90.00 %» beside «Adecuado»."""
    bordes = (Decimal(90), Decimal(110))
    assert fmt_pct(Decimal("90.000"), 2, bordes) == "90.00 %"
    assert fmt_pct(Decimal("110.0000"), 2, bordes) == "110.00 %"
    assert fmt_pct(Decimal("89.9999"), 2, bordes) == "89.9999 %"
