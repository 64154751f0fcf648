"""A population or budget figure the spec marks `inferido` (deduced back from a printed one, not
printed anywhere) is said wherever it is used: the ficha (Markdown, HTML, xlsx), the alert of a
falling cobertura, and the machine columns of `cobertura` and `presupuesto`.

Before, `cobertura` said «descansa en: PO inferida (no impresa)» but the ficha showed E045's
94.90 % with no mark (its table even dropped that nota), and `alertas` called a fall computed on
an inferred PO as sure as a printed one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import SHARED, spec_e045
from openpyxl import load_workbook

PO_2017 = '    objetivo: 784969                     # "Población Objetivo (PO) 784,969"\n'
EJERCIDO_2017 = (
    '    ramo: 217054.66\n    precios: constantes 2012\n    fuente: "CONEVAL, FMyE 2017-2018"\n'
)


def _inferidas(tmp_path) -> str:
    """E045 with its 2017 PO and 2017 ejercido marked `inferido` (the figures unchanged)."""
    folder = spec_e045(tmp_path, PO_2017, PO_2017 + "    inferido: [objetivo]\n")
    ruta = tmp_path / "specs" / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count(EJERCIDO_2017) == 1
    ruta.write_text(
        texto.replace(EJERCIDO_2017, EJERCIDO_2017 + "    inferido: [ejercido]\n"),
        encoding="utf-8",
    )
    return folder


def _csv(cli, *args) -> list[dict]:
    r = cli(*args, "-f", "csv")
    assert r.code == 0, r.err
    return list(csv.DictReader(io.StringIO(r.out)))


def test_ficha_markdown_marks_the_inferred_po_and_ejercido(cli, cache_dir, tmp_path):
    md = cli("ficha", "E045", "--specs", _inferidas(tmp_path))
    assert md.code == 0, md.err
    assert (
        "**Cobertura PA/PO 2017:** 94.90 % ⚠ según PO inferida (no impresa) · "
        "**Presupuesto 2017:** 1.17 % del ramo ⚠ según ejercido inferido (no impreso)"
    ) in md.out
    # the table keeps the words its ⚠ stands for; PA is printed: no mark
    assert (
        "| 2017 | Derechohabientes | 14,756,442 | 784,969 ⚠ | 744,939 | 94.90 % ⚠ | 5.32 % ⚠ | "
        "descansa en: PO inferida (no impresa) |"
    ) in md.out
    assert "Objetivo (PO) 784,969 ⚠ inferida (no impresa), Atendida (PA) 744,939." in md.out
    assert "| 2016 | 2,712.44 | 213,827.70 | 1.27 % |  |" in md.out  # printed: as ever
    assert "| 2017 | 2,531.93 ⚠ | 217,054.66 | 1.17 % ⚠ | descansa en: ejercido" in md.out
    assert "2017: 2,531.93 MDP, 1.17 % del ramo ⚠ según ejercido inferido (no impreso)." in md.out
    assert "la spec lo marca «inferido»" in md.out


def test_ficha_of_printed_figures_has_no_such_mark(cli, cache_dir):
    md = cli("ficha", "E045")
    assert md.code == 0, md.err
    assert "**Cobertura PA/PO 2017:** 94.90 % · **Presupuesto 2017:** 1.17 % del ramo" in md.out
    assert (
        "| 2017 | Derechohabientes | 14,756,442 | 784,969 | 744,939 | 94.90 % | 5.32 % |" in md.out
    )
    assert "| 2017 | 2,531.93 | 217,054.66 | 1.17 % |" in md.out
    assert "la spec lo marca «inferido»" not in md.out


def test_ficha_html_and_site_index_mark_it(cli, cache_dir, tmp_path):
    specs = _inferidas(tmp_path)
    out = tmp_path / "f.html"
    assert cli("ficha", "E045", "--specs", specs, "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8").replace("\xa0", " ")  # (a figure and its sign: one word)
    assert "94.90 % ⚠ según PO inferida (no impresa)" in html
    assert "1.17 % del ramo ⚠ según ejercido inferido (no impreso)" in html
    sitio = tmp_path / "sitio"
    assert cli("ficha", "--todas", "--specs", specs, "--salida", str(sitio)).code == 0
    indice = (sitio / "index.html").read_text(encoding="utf-8").replace("\xa0", " ")
    assert "94.90 % ⚠ (2017)" in indice


def test_ficha_xlsx_says_it_in_the_supuesto_column(cli, cache_dir, tmp_path):
    out = tmp_path / "f.xlsx"
    assert cli("ficha", "E045", "--specs", _inferidas(tmp_path), "-o", str(out)).code == 0
    libro = load_workbook(out)
    for hoja, anio, texto in (
        ("Cobertura (PA-PO y PO-PP)", 2017, "⚠ según PO inferida (no impresa)"),
        ("Presupuesto ejercido", 2017, "⚠ según ejercido inferido (no impreso)"),
    ):
        filas = list(libro[hoja].iter_rows(values_only=True))
        cabeza = list(filas[0])
        sup, a = cabeza.index("Supuesto"), cabeza.index("Año")
        marcadas = {r[a]: r[sup] for r in filas[1:] if r[a] is not None and r[sup]}
        assert marcadas == {anio: texto}, hoja
    # the machine column «supuesto» stays true/false beside it (it held the text before)
    filas = list(libro["Cumplimiento de metas"].iter_rows(values_only=True))
    columna = filas[0].index("Descansa en algo que ningún documento imprime (la nota dice en qué)")
    assert {r[columna] for r in filas[1:] if r[0]} <= {True, False, None}


def test_cobertura_and_presupuesto_csv_carry_supuesto(cli, cache_dir, tmp_path):
    specs = _inferidas(tmp_path)
    (fila,) = _csv(cli, "cobertura", "E045", "--specs", specs)
    assert fila["supuesto"] == "true"
    # (last: what follows «descansa en:» is what the figure rests on, the legend reads it)
    assert fila["nota"].endswith("; descansa en: PO inferida (no impresa)")
    pres = {r["anio"]: r["supuesto"] for r in _csv(cli, "presupuesto", "E045", "--specs", specs)}
    assert pres == {"2016": "false", "2017": "true"}
    (fila,) = _csv(cli, "cobertura", "E045")
    assert fila["supuesto"] == "false"


def test_a_falling_cobertura_on_an_inferred_po_says_so(cli, cache_dir, tmp_path):
    anio = "  2018: {unidad_medida: Derechohabientes, objetivo: 800000, atendida: 600000"
    specs = spec_e045(
        tmp_path, "\npresupuesto:\n", f"{anio}, inferido: [objetivo]}}\n\npresupuesto:\n"
    )
    (fila,) = [
        r
        for r in _csv(cli, "alertas", "E045", "--specs", specs)
        if r["regla"] == "cobertura_decreciente"
    ]
    assert fila["enunciado"] == (
        "De 2017 a 2018 disminuyó la cobertura de E045, al pasar de 94.90 % a 75.00 %."
    )
    assert fila["supuesto"] == "true"
    assert fila["nota"].endswith(
        "; descansa en: PO 2018 inferida (no impresa); regla de cobertura decreciente (supuesto"
        " de la metodología)"
    )


def test_a_falling_printed_cobertura_rests_on_nothing_deduced(cli, cache_dir, tmp_path):
    anio = "  2018: {unidad_medida: Derechohabientes, objetivo: 800000, atendida: 600000"
    specs = spec_e045(tmp_path, "\npresupuesto:\n", f"{anio}}}\n\npresupuesto:\n")
    (fila,) = [
        r
        for r in _csv(cli, "alertas", "E045", "--specs", specs)
        if r["regla"] == "cobertura_decreciente"
    ]
    # nothing deduced: it rests on the rule alone, a supuesto of the methodology
    assert fila["supuesto"] == "true"
    assert fila["nota"].endswith(
        "; descansa en: regla de cobertura decreciente (supuesto de la metodología)"
    )
    assert "inferid" not in fila["nota"]


POB17 = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
PO_E018 = "      objetivo: 9118370\n"  # SHCP 2017, 51-E018 «Medicamentos»: PO 9,118,370


def _e018_con_po_inferida(cli, tmp_path) -> Path:
    """51-E018 as `importar` writes it from SHCP's 2017 file, then edited by a person: a PO of
    their own, deduced (`inferido: [objetivo, atendida]`, a comment on its line)."""
    out = tmp_path / "specs"
    r = cli("importar", "poblaciones", str(POB17), "--clave", "E018", "--salida", str(out))
    assert r.code == 0, r.err
    spec = out / "51" / "E018.yaml"
    texto = spec.read_text(encoding="utf-8")
    assert texto.count(PO_E018) == 1
    spec.write_text(
        texto.replace(
            PO_E018,
            "      objetivo: 9000000\n"
            "      inferido: [objetivo, atendida]  # deducidas de la cobertura impresa\n",
        ),
        encoding="utf-8",
    )
    return out


@pytest.mark.skipif(not POB17.is_file(), reason=f"SHCP data not available: {POB17}")
def test_reemplazar_writes_the_printed_po_and_drops_its_inferido_mark(cli, cache_dir, tmp_path):
    out = _e018_con_po_inferida(cli, tmp_path)
    args = ("importar", "poblaciones", str(POB17), "--clave", "E018", "--salida", str(out))
    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    texto = (out / "51" / "E018.yaml").read_text(encoding="utf-8")
    assert "      objetivo: 9118370\n" in texto
    # the PA is the source's number already: not written, so still the person's mark
    assert "      inferido: [atendida]            # deducidas de la cobertura impresa\n" in texto
    assert (
        "poblaciones.2017.componentes[Medicamentos].objetivo: el archivo dice 9000000, la "
        "fuente 9118370 (reemplazado; ya no inferido: se quita de `inferido`, el valor es ahora "
        "el de la fuente)"
    ) in r.err
    assert (
        "Ya no inferidos: poblaciones.2017.componentes[Medicamentos].objetivo de 51-E018 "
    ) in r.out
    (fila,) = _csv(cli, "cobertura", "E018", "--specs", str(out))
    assert fila["objetivo"] == "9118370"
    assert "; descansa en: PA inferida (no impresa)" in fila["nota"]


@pytest.mark.skipif(not POB17.is_file(), reason=f"SHCP data not available: {POB17}")
def test_without_reemplazar_the_inferred_po_and_its_mark_stay(cli, cache_dir, tmp_path):
    out = _e018_con_po_inferida(cli, tmp_path)
    antes = (out / "51" / "E018.yaml").read_text(encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "E018", "--salida", str(out))
    assert r.code == 1, r.err  # a conflict left alone
    assert "(no se escribe)" in r.err
    assert (out / "51" / "E018.yaml").read_text(encoding="utf-8") == antes
    assert "Ya no inferidos" not in r.out


AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"


@pytest.mark.skipif(not AVANCE.is_file(), reason=f"SHCP data not available: {AVANCE}")
def test_reemplazar_a_sentido_the_spec_inferred(cli, cache_dir, tmp_path):
    """9-U001's Propósito: SHCP prints «Ascendente»; a person's inferred «descendente» that
    --reemplazar writes over is the source's now, and `inferido` says so no more."""
    out = tmp_path / "specs"
    args = ("importar", "avance", str(AVANCE), "--ramo", "9", "--salida", str(out))
    assert cli(*args).code == 0
    spec = out / "9" / "U001.yaml"
    texto = spec.read_text(encoding="utf-8")
    assert texto.count("  sentido: ascendente\n") == 1
    spec.write_text(
        texto.replace(
            "  sentido: ascendente\n",
            "  sentido: descendente\n  inferido: [sentido]  # del nombre\n",
        ),
        encoding="utf-8",
    )
    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    texto = spec.read_text(encoding="utf-8")
    assert "  sentido: ascendente\n  inferido: []         # del nombre\n" in texto
    assert "Ya no inferidos: mir[P1].sentido de 9-U001 " in r.out


def test_budget_chart_of_several_price_bases_says_it_too(cli, cache_dir, tmp_path):
    specs = spec_e045(
        tmp_path,
        EJERCIDO_2017,
        EJERCIDO_2017.replace("constantes 2012", "corrientes") + "    inferido: [ejercido]\n",
    )
    md = cli("ficha", "E045", "--specs", specs)
    assert md.code == 0, md.err
    assert (
        "2016: 2,712.44 MDP (constantes 2012), 1.27 % del ramo; 2017: 2,531.93 MDP (corrientes), "
        "1.17 % del ramo ⚠ según ejercido inferido (no impreso)."
    ) in md.out
