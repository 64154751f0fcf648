"""The table type: one definition of column kinds, used by every human format."""

from __future__ import annotations

import io

import pytest

from issste_mon.consultas import tablas as consultas
from issste_mon.ficha.html import tabla_html
from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render
from issste_mon.salida.tabla import NUMERICOS, Columna, Tabla, Tipo


def _markdown(tabla: Tabla) -> list[str]:
    out = io.StringIO()
    render(tabla, Formato.markdown, out)
    return [line for line in out.getvalue().splitlines() if line.startswith("|")]


@pytest.mark.parametrize("tipo", sorted(NUMERICOS))
def test_numeric_kinds_are_right_aligned_everywhere(tipo):
    col = Columna("x", "Un título largo", tipo)
    tabla = Tabla("t", [Columna("k", "K"), col], [{"k": "a", "x": 1.5}])
    assert col.alineacion == "right"
    row = _markdown(tabla)[-1]
    cell = row.split("|")[2]
    assert cell.startswith("  ") and not cell.endswith("  "), row  # padded on the left
    assert '<td class="num">' in tabla_html(tabla)


def test_text_is_left_aligned():
    assert Columna("x", "X").alineacion == "left" and Tipo.texto not in NUMERICOS


def test_budget_columns_right_aligned_in_markdown_and_ficha(specs):
    tabla = consultas.presupuesto(specs, ["E045"], 2016)
    header, _, row = _markdown(tabla)[:3]
    titles = [h.strip() for h in header.strip("|").split("|")]
    cells = row.strip("|").split("|")
    mdp = cells[titles.index("Ejercido (MDP)")]
    assert mdp.startswith("   ") and mdp.rstrip().endswith("2,712.44"), row
    html = tabla_html(tabla)
    assert '<th scope="col" class="num">Ejercido (MDP)</th>' in html
    assert '<td class="num">2,712.44</td>' in html


def test_records_and_dataframe_agree(specs):
    tabla = consultas.presupuesto(specs, ["E045"])
    records = tabla.to_records()
    assert list(records[0]) == [c.clave for c in tabla.columnas_maquina()]
    df = tabla.to_dataframe()
    assert list(df.columns) == [c.clave for c in tabla.columnas_maquina()]
    assert len(df) == len(tabla) == len(records)


def test_dataframe_years_counts_and_flags_with_gaps_keep_their_kind():
    # a year column with gaps was objects (None) or floats (2016.0); a flag with gaps, objects
    filas = [
        {"anio": 2016, "n": 3, "mayor": True},
        {"anio": None, "n": None, "mayor": None},
    ]
    cols = [Columna("anio", "Año", "anio"), Columna("n", "N", "conteo")]
    df = Tabla("t", [*cols, Columna("mayor", "PA > PO", "booleano")], filas).to_dataframe()
    assert [str(t) for t in df.dtypes] == ["Int64", "Int64", "boolean"]
    assert df["anio"].tolist()[0] == 2016 and df["anio"].isna().tolist() == [False, True]
    assert df["mayor"].tolist()[0] is True and df["mayor"].isna().tolist() == [False, True]
    vacia = Tabla("t", cols, [{"anio": None, "n": None}]).to_dataframe()
    assert [str(t) for t in vacia.dtypes] == ["Int64", "Int64"]


def test_warning_mark_is_a_column_property_not_a_command():
    col = Columna("cobertura_pct", "PA/PO", "pct", alerta="mayor_100")
    tabla = Tabla("t", [col], [{"cobertura_pct": 120.0, "mayor_100": True}])
    assert "⚠" in tabla_html(tabla)
    sin = Tabla("t", [Columna("otra", "X", "pct")], [{"otra": 120.0, "mayor_100": True}])
    assert "⚠" not in tabla_html(sin)


def test_budget_cells_keep_thousands_and_decimals_in_xlsx():
    from issste_mon.salida.xlsx import formato_numero

    assert formato_numero(Columna("ejercido_mdp", "Ejercido (MDP)", "monto"), 2712.44) == "#,##0.00"


def test_repetidos_reads_as_the_rows_it_stands_for():
    """A column given by runs (one value per indicator and how many rows it stands for) reads
    as its expanded rows: length, iteration, indexing, equality; tuples and lists stay whole."""
    import numpy as np

    from issste_mon.salida.tabla import Repetidos

    r = Repetidos(["a", ("x", 1), None], np.array([2, 1, 3], dtype=np.intp))
    filas = ["a", "a", ("x", 1), None, None, None]
    assert len(r) == 6 and list(r) == filas and r == filas
    assert r[2] == ("x", 1) and r[-1] is None
    assert r.lista() is r.lista()  # made once
    assert Repetidos([], np.array([], dtype=np.intp)) == []


def test_render_says_where_an_xlsx_is_made():
    from issste_mon.errores import EntradaInvalida

    tabla = Tabla("t", [Columna("k", "K")], [{"k": "a"}])
    with pytest.raises(EntradaInvalida, match=r"render escribe texto: .*salida\.xlsx\.libro"):
        render(tabla, Formato.xlsx, io.StringIO())
