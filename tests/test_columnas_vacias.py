"""A column empty in every row is left out of the tables for people and said in one line. At 80
columns `monitoreo --indice ised` gave a «Nota» of blanks the width its other columns needed,
and `cumplimiento --anio 2023` named its empty Semáforo among the columns «omitidas por el
ancho», as if the width had hidden a colour. csv and json keep every column (a contract)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import SHARED

ISED = SHARED / "data" / "shcp" / "ised_2019_2020.csv"


@pytest.fixture
def angosta(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")


def _encabezado(out: str, primera: str) -> str:
    return next(x for x in out.splitlines() if primera in x)


@pytest.mark.skipif(not ISED.is_file(), reason=f"SHCP data not available: {ISED}")
def test_an_ised_table_without_notes_gives_its_width_to_the_figures(cli, tmp_path, angosta):
    specs = tmp_path / "ised"
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--ramo", "51", "-o", str(specs))
    assert r.code == 0, r.err
    r = cli("monitoreo", "--indice", "ised", "--specs", str(specs), "-f", "tabla")
    assert r.code == 0, r.err
    titulos = _encabezado(r.out, "Clave")
    assert "Nivel publicado" in titulos and "Coincide" in titulos and "Nota" not in titulos
    assert "│ E015  │ 2020 │ 0.721153846 │ Medio alto │ Medio alto      │ sí       │" in r.out
    assert "Sin datos en ninguna fila: Nota (nota).\n" in r.out
    assert max(map(len, r.out.splitlines())) <= 80
    # machines keep the column, empty
    filas = list(
        csv.DictReader(
            io.StringIO(
                cli("monitoreo", "--indice", "ised", "--specs", str(specs), "-f", "csv").out
            )
        )
    )
    assert len(filas) == 23 and all(f["nota"] == "" for f in filas)


def test_an_empty_semaforo_is_said_as_no_thresholds_not_as_the_width(cli, angosta):
    r = cli("cumplimiento", "--anio", "2023", "-f", "tabla")
    assert r.code == 0, r.err
    texto = " ".join(r.out.split())  # (the line wraps at 80)
    assert (
        "Sin datos en ninguna fila: Semáforo (semaforo: sin umbrales en la spec, no hay color "
        "que asignar)." in texto
    )
    omitidas = texto[texto.index("Omitidas por el ancho") :]
    assert "Semáforo" not in omitidas.split(". Para verlas")[0]
    assert cli("cumplimiento", "--anio", "2023", "-f", "csv").out.startswith(
        "clave,ramo,anio,id,nivel,indicador,sentido,meta,valor,cumplimiento_pct,rango,semaforo,"
    )


def test_a_column_the_person_asks_for_is_shown_even_empty(cli, angosta):
    r = cli("cumplimiento", "--anio", "2023", "-f", "tabla", "--columnas", "clave,id,semaforo")
    assert r.code == 0, r.err
    assert "Semáforo" in _encabezado(r.out, "Clave") and "Sin datos en ninguna fila" not in r.out


def test_markdown_leaves_the_empty_nota_out_and_json_keeps_it(cli):
    r = cli("presupuesto", "E045", "-f", "markdown")
    assert r.code == 0, r.err
    assert (
        "| Clave   | Año   |   Ejercido (MDP) |" in r.out and "Nota" not in r.out.split("\n\n")[1]
    )
    assert (
        "| E045    | 2016  |         2,712.44 |                213,827.70 |       1.27 % |" in r.out
    )
    assert "\nSin datos en ninguna fila: Nota (nota).\n" in r.out
    filas = json.loads(cli("presupuesto", "E045", "-f", "json").out)
    assert [f["porcentaje_ramo"] for f in filas] == [1.2685166608, 1.1664941909]
    assert all("nota" in f and f["nota"] is None for f in filas)


def test_an_empty_change_of_trend_is_said_as_a_finding_not_as_missing_data(cli):
    """`tendencias PI-ISSSTE`: no series of the Programa Institucional turns (2.1 rises 95 → 99,
    3.1 falls 2.5 → 1.8, each a single move). The column left out said «Sin datos en ninguna
    fila: … Cambio de tendencia (cambio_tendencia).», as if the spec lacked something; the
    blank is what the rule found."""
    r = cli("tendencias", "PI-ISSSTE", "-f", "markdown")
    assert r.code == 0, r.err
    assert "Cambio de tendencia (cambio_tendencia: ninguna serie cambia de tendencia)." in r.out
    assert "Cambio de tendencia" not in r.out.split("\n\n")[1]  # (the table's header)


def test_markdown_says_the_empty_columns_where_the_terminal_does(specs):
    """Markdown wrote «Sin datos en ninguna fila: …» before the ⚠'s legend, the terminal after
    it: the same table read in two orders. Both now: legends, the empty columns, the summary.
    (PI-ISSSTE's alertas, with its Años blank in every row.)"""
    import dataclasses

    import issste_mon as im
    from issste_mon.salida.formatos import Formato
    from issste_mon.salida.render import render
    from issste_mon.salida.sanear import consola

    tabla = im.alertas(specs, ["PI-ISSSTE-2020-2024"])
    tabla = dataclasses.replace(tabla, filas=[dict(f, anios=None) for f in tabla.filas])
    vacia = "Sin datos en ninguna fila: Años (anios)."
    leyenda = "⚠ junto a Enunciado: descansa en algo que ningún documento imprime"
    resumen = tabla.resumen[0]
    for formato in (Formato.markdown, Formato.tabla):
        out = io.StringIO()
        render(tabla, formato, out, consola(file=out, width=400, height=25))
        texto = out.getvalue()
        assert texto.index(leyenda) < texto.index(vacia) < texto.index(resumen), formato
