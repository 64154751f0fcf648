"""An integer beyond 2⁵³ keeps its last digit, and its row its class, in every format: the
frame that tabla, markdown, xlsx and the ficha read held 9007199254740993 as float64 (…992),
so 9907919180215092 / …993 (109.99999999999998… %, Adecuado) was classified from 110 % (Alto)
there, while csv (made part by part) was right."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

META, VALOR = 9007199254740993, 9907919180215092

SPEC = f"""\
ramo: 51
clave: X001
nombre: x
mir:
  - id: A10
    nivel: Propósito
    nombre: n
    sentido: ascendente
    metas:
      2022: {{meta: 10.5, valor: 10}}
      2023: {{meta: {META}, valor: {VALOR}}}
"""
RESUMEN = "Bajo 0, Adecuado 2, Alto 0."


@pytest.fixture
def grandes(tmp_path):
    (tmp_path / "X001.yaml").write_text(SPEC, encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("fmt", ["tabla", "markdown", "csv", "json"])
def test_same_class_and_summary_in_every_format(cli, grandes, fmt):
    r = cli("cumplimiento", "--specs", grandes, "-f", fmt)
    assert r.code == 0, r.err
    texto = r.out + r.err
    assert RESUMEN in re.sub(r"\s+", " ", texto)
    if fmt == "json":
        fila = json.loads(r.out)[1]
        assert (fila["meta"], fila["valor"], fila["rango"]) == (META, VALOR, "Adecuado")
    elif fmt == "csv":
        fila = list(csv.DictReader(io.StringIO(r.out)))[1]
        assert (fila["meta"], fila["rango"]) == (str(META), "Adecuado")
    else:
        assert "9,007,199,254,740,993" in texto
        assert "9,007,199,254,740,992" not in texto
        assert "Alto " not in texto.replace("Alto 0", "")


def test_same_class_and_summary_in_xlsx(cli, grandes, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    r = cli("cumplimiento", "--specs", grandes, "-o", str(out))
    assert r.code == 0, r.err
    filas = list(load_workbook(out).active.iter_rows(values_only=True))
    rango = filas[0].index("Rango")
    assert [f[rango] for f in filas[1:3]] == ["Adecuado", "Adecuado"]
    assert any(RESUMEN in str(f[0]) for f in filas[3:])


def test_the_ficha_says_the_meta_and_its_class(cli, grandes):
    r = cli("ficha", "X001", "--specs", grandes)
    assert r.code == 0, r.err
    assert "9,007,199,254,740,993" in r.out
    assert "9,007,199,254,740,992" not in r.out
    assert "(Alto)" not in r.out and "| Alto |" not in r.out


def test_the_frame_keeps_the_specs_integers(grandes, metodologia):
    from issste_mon.calc.cumplimiento import calcular_cumplimiento, partes, resumir
    from issste_mon.carga.loader import load_paths

    progs = load_paths([grandes]).programas
    df = calcular_cumplimiento(progs, metodologia=metodologia)
    assert df["meta"].tolist()[1] == META and df["valor"].tolist()[1] == VALOR
    (parte,) = partes(progs, None, metodologia=metodologia)
    assert df["rango"].tolist() == parte["rango"] == ["Adecuado", "Adecuado"]
    assert resumir(df, metodologia).por_rango["Alto"] == 0


SEMAFORO = f"""\
ramo: 51
clave: X002
nombre: x
mir:
  - id: S1
    nivel: Propósito
    nombre: n
    sentido: ascendente
    umbrales: {{verde: {META}, amarillo: 9007199254740000, rojo: 0}}
    metas:
      2023: {{meta: 1, valor: {META}}}
"""


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_the_semaforo_reads_the_specs_integer_in_every_format(cli, tmp_path, fmt):
    """valor 9007199254740993 reaches the verde threshold 9007199254740993; its float (…992)
    does not: Verde everywhere, not Amarillo in the formats made part by part."""
    (tmp_path / "X002.yaml").write_text(SEMAFORO, encoding="utf-8")
    r = cli("-q", "cumplimiento", "--specs", str(tmp_path), "-f", fmt, "-c", "id,semaforo")
    assert r.code == 0, r.err
    assert "Verde" in r.out and "Amarillo" not in r.out


def test_the_workbook_keeps_the_specs_integer_as_its_exact_text(cli, grandes, tmp_path):
    import openpyxl

    out = tmp_path / "c.xlsx"
    assert cli("-q", "cumplimiento", "--specs", grandes, "-o", str(out)).code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    h = [c.value for c in ws[1]]
    filas = [{h[i]: c.value for i, c in enumerate(f)} for f in ws.iter_rows(min_row=2, max_row=3)]
    grande = next(f for f in filas if f["Año"] == 2023)
    assert (grande["Meta"], grande["Valor"]) == (str(META), str(VALOR))
    assert next(f for f in filas if f["Año"] == 2022)["Meta"] == 10.5  # (others stay numbers)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_a_whole_double_beyond_2_53_is_written_as_its_decimal(cli, tmp_path, fmt):
    """1.0e23 in a spec, and 1e20 / 0.001 × 100 = 1e25 (1e28) computed, are written as those
    integers, never as the doubles' binary values (99999999999999991611392,
    10000000000000000905969664): a machine reader would take the noise for digits."""
    (tmp_path / "X001.yaml").write_text(
        SPEC.replace(f"{{meta: {META}, valor: {VALOR}}}", "{meta: 0.001, valor: 1.0e23}")
        + "      2024: {meta: 0.001, valor: 100000000000000000000}\n",
        encoding="utf-8",
    )
    out = cli("cumplimiento", "--specs", str(tmp_path), "-f", fmt).out
    numeros = set(re.findall(r"\d{16,}", out))
    assert numeros == {"1" + "0" * k for k in (20, 23, 25, 28)}, numeros


# (meta, valor): cumplimientos whose exact value is beyond 2⁵³ and not a double
ENORMES = [(7, 10**17), (Decimal("0.000000001"), 123456789012345678), (3, 10**17 + 1)]


def _exacto_al_entero(meta, valor) -> int:
    return int((Decimal(valor) / Decimal(meta) * 100).to_integral_value(ROUND_HALF_UP))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_a_cumplimiento_beyond_2_53_is_its_exact_value(cli, tmp_path, fmt):
    """1e17 / 7 × 100 = 1428571428571428571.43 %: machines get 1428571428571428571, the exact
    value rounded (as `tendencias` writes the same cumplimiento), never its double's
    1428571428571428600 — whose last digits are binary noise — beside an exact meta."""
    metas = "".join(
        f"      {2020 + i}: {{meta: {m}, valor: {v}}}\n" for i, (m, v) in enumerate(ENORMES)
    )
    (tmp_path / "X001.yaml").write_text(SPEC.split("      2022:")[0] + metas, encoding="utf-8")
    esperados = [_exacto_al_entero(m, v) for m, v in ENORMES]
    for comando in ("cumplimiento", "tendencias"):
        r = cli("-q", comando, "--specs", str(tmp_path), "-f", fmt, "-c", "anio,cumplimiento_pct")
        assert r.code == 0, r.err
        if fmt in ("csv", "tsv"):
            filas = list(
                csv.DictReader(io.StringIO(r.out), delimiter="\t" if fmt == "tsv" else ",")
            )
            escritos = [f["cumplimiento_pct"] for f in filas]
        else:
            filas = (
                json.loads(r.out) if fmt == "json" else list(map(json.loads, r.out.splitlines()))
            )
            escritos = [str(f["cumplimiento_pct"]) for f in filas]
        assert escritos == list(map(str, esperados)), (comando, escritos)


def test_the_library_rows_hold_the_exact_cumplimiento_beyond_2_53(tmp_path):
    """`Tabla.to_records()` (the table made whole, not part by part) says the same."""
    import issste_mon as im

    metas = "".join(
        f"      {2020 + i}: {{meta: {m}, valor: {v}}}\n" for i, (m, v) in enumerate(ENORMES)
    )
    (tmp_path / "X001.yaml").write_text(SPEC.split("      2022:")[0] + metas, encoding="utf-8")
    filas = im.cumplimiento(im.cargar(tmp_path)).to_records()
    assert [f["cumplimiento_pct"] for f in filas] == [_exacto_al_entero(m, v) for m, v in ENORMES]
