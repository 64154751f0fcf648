"""Data formats never write a figure on the other side of its own classification, nor a false
zero («Números limpios»).

Quotients of big integers (the loader takes integers of any size) reach values whose nearest
double is a cut: 899999999999999999999999999999 of a meta of 10³⁰ is 89.99…9 % (28 nines),
«Bajo», and the double 90.0, inside the 90–110 % band. csv, tsv, json and jsonl wrote `90`
beside «Bajo»; a PO/PP of 8.192·10⁻¹² % was `0`. Every format is read back (csv module,
`json.loads(parse_float=Decimal)`, openpyxl) and the figure checked against its class.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render
from issste_mon.salida.tabla import Columna, Tabla, Tipo, numero_maquina

NUEVES = Decimal("89.9999999999999999999999999999")  # (28 nines: the double is 90.0)
SOBRE_110 = Decimal("110.0000000000000000000000000001")  # (the double is 110.0)
SOBRE_90 = Decimal("90.0000000000000000000000000001")
DIMINUTO = Decimal("0.0000000000000008192")  # 1 of 122070312500000000, in %

SPEC = """\
clave: E901
ramo: 51
nombre: Bordes de la aritmética
poblaciones:
  2017:
    unidad_medida: Personas
    potencial: 122070312500000000
    objetivo: 10000
    atendida: 9999
  2018:
    unidad_medida: Personas
    potencial: 2000000000000000000000000000000
    objetivo: 1000000000000000000000000000000
    atendida: 1000000000000000000000000000001
  2019:
    unidad_medida: Personas
    potencial: 2000000000000000000000000000000
    objetivo: 1000000000000000000000000000000
    atendida: 999999999999999999999999999999
mir:
  - id: A1
    nivel: Propósito
    nombre: Junto a los cortes
    sentido: ascendente
    metas:
      2017: {meta: 1000000000000000000000000000000, valor: 899999999999999999999999999999}
      2018: {meta: 1000000000000000000000000000000, valor: 1100000000000000000000000000001}
  - id: A2
    nivel: Componente
    nombre: Diminuto
    sentido: ascendente
    metas:
      2017: {meta: 122070312500000000, valor: 1}
      2018: {meta: 1000000000000000000000000000000, valor: 900000000000000000000000000001}
"""

# (id, año) → the exact cumplimiento and its rango
CUMPLIMIENTOS = {
    ("A1", 2017): (NUEVES, "Bajo"),
    ("A1", 2018): (SOBRE_110, "Alto"),
    ("A2", 2017): (DIMINUTO, "Bajo"),
    ("A2", 2018): (SOBRE_90, "Adecuado"),
}
DATOS = [Formato.csv, Formato.csv_excel, Formato.tsv, Formato.json, Formato.jsonl]


@pytest.fixture
def specs(tmp_path):
    (tmp_path / "E901.yaml").write_text(SPEC, encoding="utf-8")
    return str(tmp_path)


def _filas(texto: str, formato: Formato) -> list[dict]:
    """The rows as written: numbers as the exact decimals of their text (csv: None if empty)."""
    if formato is Formato.json:
        return json.loads(texto, parse_float=Decimal)
    if formato is Formato.jsonl:
        return [json.loads(linea, parse_float=Decimal) for linea in texto.splitlines()]
    delim = "\t" if formato is Formato.tsv else ","
    filas = list(csv.DictReader(io.StringIO(texto.removeprefix("\ufeff")), delimiter=delim))
    return [{k: _numero(v) for k, v in f.items()} for f in filas]


def _numero(texto: str):
    try:
        return Decimal(texto) if texto else None
    except ArithmeticError:
        return texto


def _correr(cli, formato: Formato, *args: str) -> list[dict]:
    r = cli(*args, "-f", str(formato))
    assert r.code == 0, r.err
    for numero in r.out.replace(",", " ").replace("\t", " ").split():
        assert "e-" not in numero.lower() or not numero[:1].isdigit(), numero  # no exponent
    return _filas(r.out, formato)


def _rango(x: Decimal) -> str:
    return "Bajo" if x < 90 else ("Alto" if x > 110 else "Adecuado")


@pytest.mark.parametrize("formato", DATOS, ids=str)
@pytest.mark.parametrize("comando", ["cumplimiento", "tendencias"])
def test_a_cumplimiento_is_written_on_its_rangos_side(cli, specs, comando, formato):
    """89.99…9 % is written with its digits beside «Bajo», not the double's `90`; 110.0…01 %
    beside «Alto», not `110`; 8.192·10⁻¹⁶ % is not `0`."""
    for fila in _correr(cli, formato, comando, "--specs", specs):
        exacto, rango = CUMPLIMIENTOS[(fila["id"], int(fila["anio"]))]
        assert fila["cumplimiento_pct"] == exacto, fila
        assert fila["rango"] == rango == _rango(fila["cumplimiento_pct"])


@pytest.mark.parametrize("formato", DATOS, ids=str)
@pytest.mark.parametrize("con_nota", [False, True], ids=["columnas", "filas"])
def test_an_alert_of_a_meta_not_met_is_written_below_the_cut(
    cli, tmp_path, specs, formato, con_nota
):
    """«meta no alcanzada» fires below 90 %: its cumplimiento was written `90`. (A year's
    `nota` sends the series to the rules' other path, row by row.)"""
    if con_nota:
        texto = SPEC.replace("899999999999999999999999999999}", "89999" + "9" * 25 + ", nota: x}")
        (tmp_path / "E901.yaml").write_text(texto, encoding="utf-8")
    filas = _correr(cli, formato, "alertas", "--specs", specs, "-r", "meta_no_alcanzada")
    pcts = {(f["id"], int(f["anio_hasta"])): f["cumplimiento_pct"] for f in filas}
    assert pcts == {("A1", 2017): NUEVES, ("A2", 2017): DIMINUTO}


@pytest.mark.parametrize("formato", DATOS, ids=str)
def test_a_cobertura_is_written_on_the_side_of_its_warning_and_never_a_false_zero(
    cli, specs, formato
):
    """PA/PO of 100.0…01 % beside `mayor_100` true, 99.99…9 % beside false (both the double
    100.0); a PO/PP of 8.192·10⁻¹² % was written `0`."""
    filas = {int(f["anio"]): f for f in _correr(cli, formato, "cobertura", "--specs", specs)}
    assert filas[2017]["po_pp_pct"] == Decimal("0.000000000008192")
    assert filas[2018]["cobertura_pct"] == Decimal("100.0000000000000000000000000001")
    assert filas[2019]["cobertura_pct"] == Decimal("99.9999999999999999999999999999")
    for f in filas.values():
        assert (f["cobertura_pct"] > 100) is (f["mayor_100"] in (True, "true")), f


def test_csv_writes_the_digits_as_text(cli, specs):
    """Plain positional digits, no exponent, no quotes."""
    r = cli("cumplimiento", "--specs", specs, "-f", "csv")
    assert ",89.9999999999999999999999999999,Bajo," in r.out
    assert ",0.0000000000000008192,Bajo," in r.out
    r = cli("cobertura", "--specs", specs, "-f", "csv", "-c", "anio,po_pp_pct")
    assert "2017,0.000000000008192\n" in r.out


def test_xlsx_writes_as_text_what_no_double_keeps_on_its_side(cli, specs, tmp_path):
    """A cell holds a double: 0.9 (the fraction of 89.99…9 %) would read «90.00 %» beside
    «Bajo». Such a cell is the exact text, with a comment that says why; a tiny figure stays
    a number, not 0."""
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "c.xlsx"
    assert cli("cumplimiento", "--specs", specs, "-f", "xlsx", "--salida", str(out)).code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    titulos = [c.value for c in ws[1]]
    pct, rango = titulos.index("Cumplimiento"), titulos.index("Rango")
    celdas = {(fila[rango].value, fila[pct].value): fila[pct] for fila in ws.iter_rows(min_row=2)}
    celda = celdas[("Bajo", "89.9999999999999999999999999999 %")]
    assert celda.data_type == "s" and "double" in celda.comment.text
    assert ("Alto", "110.0000000000000000000000000001 %") in celdas
    diminuto = next(v for (r, v) in celdas if r == "Bajo" and not isinstance(v, str))
    assert diminuto == pytest.approx(float(DIMINUTO) / 100) and diminuto != 0


def test_records_hold_the_exact_decimal_and_the_dataframe_does_not_break(specs):
    """`to_records()` gives the Decimal where no double keeps the figure on its side;
    `to_dataframe()` its nearest double (float64, as documented)."""
    from issste_mon import api

    tabla = api.cumplimiento(api.cargar(specs))
    pcts = {(r["id"], r["anio"]): r["cumplimiento_pct"] for r in tabla.to_records()}
    assert pcts[("A1", 2017)] == NUEVES and isinstance(pcts[("A1", 2017)], Decimal)
    assert pcts[("A2", 2017)] == float(DIMINUTO)
    df = tabla.to_dataframe()
    assert df["cumplimiento_pct"].dtype == "float64" and (df["cumplimiento_pct"] > 0).all()


# The mechanism is the column's cuts (`Columna.bordes`, `bordes_fila`), whatever the table:
# monitoreo's valoración (a level's cut at 0.53), sexenal's avance (a row's own cut).
BAJO_053 = Decimal("0.52999999999999999999")  # (the double is float(0.53))


def _tabla() -> Tabla:
    cols = [
        Columna("valoracion", "Valoración", Tipo.valoracion, 3, bordes=(Decimal("0.53"),)),
        Columna("avance", "A", Tipo.pct, 1, bordes_fila="cortes"),  # (a row's own cuts)
    ]
    filas = [
        {"valoracion": BAJO_053, "avance": SOBRE_110 - 55, "cortes": (Decimal(55),)},
        {"valoracion": Decimal("1e-400"), "avance": Decimal("0.5"), "cortes": ()},
    ]
    return Tabla("t", cols, filas)


@pytest.mark.parametrize("formato", DATOS, ids=str)
def test_any_column_with_cuts_keeps_its_side_and_no_false_zero(formato):
    out = io.StringIO()
    render(_tabla(), formato, out)
    primera, segunda = _filas(out.getvalue(), formato)
    assert primera["valoracion"] == BAJO_053 and primera["avance"] == SOBRE_110 - 55
    assert segunda["valoracion"] == Decimal("1e-400")  # (no double holds it: not 0)


def test_numero_maquina_never_writes_a_non_zero_as_zero():
    assert numero_maquina(Decimal("8.192e-12")) == 8.192e-12
    assert numero_maquina(Decimal("-1.23456789012345678e-15")) == -1.23456789012346e-15
    assert numero_maquina(Decimal("4e-11")) == 4e-11
    assert numero_maquina(Decimal("5e-11")) == 1e-10  # (10 decimals: not a zero)
    assert numero_maquina(Decimal("1e-400")) == Decimal("1e-400")
    assert numero_maquina(Decimal(0)) == 0


def test_xlsx_does_not_depend_on_the_callers_decimal_context(specs):
    """A percentage's fraction (`fraccion`) and its read-back took the caller's context: with
    2 digits and Inexact trapped (`test_api_pureza`'s careful analyst) the workbook of a
    cumplimiento raised decimal.Inexact; it is the same bytes under any context."""
    import decimal

    from issste_mon import api
    from issste_mon.salida import xlsx
    from issste_mon.salida.procedencia import Procedencia

    pytest.importorskip("openpyxl")
    s = api.cargar(specs)
    tablas = [api.cumplimiento(s), api.cobertura(s), api.tendencias(s)]
    esperado = xlsx.libro(tablas, Procedencia("m"))
    trampas = list(decimal.getcontext().flags)
    with decimal.localcontext(prec=2, rounding=decimal.ROUND_FLOOR, traps=trampas):
        assert xlsx.libro(tablas, Procedencia("m")) == esperado


def test_xlsx_never_stores_a_tiny_percentage_as_a_false_zero(tmp_path):
    """A PO/PP of 10⁻³²³ % (a PO of 10⁻²⁰ over a PP of 10³⁰⁵) is a double, so no Decimal
    reached the exact-text path; its fraction, 10⁻³²⁵, is 0.0 in a double and the cell read
    «0.00…0 %». It is the exact text, with the comment that says why, as csv writes it."""
    openpyxl = pytest.importorskip("openpyxl")
    from issste_mon.salida import xlsx
    from issste_mon.salida.procedencia import Procedencia

    cols = [Columna("po_pp_pct", "PO/PP", Tipo.pct, 2), Columna("x", "X", Tipo.numero)]
    tabla = Tabla("t", cols, [{"po_pp_pct": 1e-323, "x": 1e-323}])
    out = tmp_path / "t.xlsx"
    out.write_bytes(xlsx.libro([tabla], Procedencia("m")))
    pct, x = openpyxl.load_workbook(out).worksheets[0][2][:2]
    assert pct.value == "0." + "0" * 322 + "1 %" and pct.data_type == "s"
    assert "es 0" in pct.comment.text
    assert x.value == 1e-323 and x.comment is None  # (not a fraction: the double keeps it)
