"""Every table that prints figures names the documents they come from: `tendencias`, `alertas`,
`calidad` (and its distribution) and `sexenal --tabla enfoque` carry a `fuente` on each machine
row and name the documents in the caption people read, as `cumplimiento` and `sexenal` do; and
`tendencias` names its rows' universe as it is (a year recorded with neither meta nor valor is
not one «con meta o valor»)."""

from __future__ import annotations

import csv
import io
import textwrap

import pytest

import issste_mon as im
from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render


def _documentos(fuente: str | None) -> set[str]:
    return {d.strip() for d in (fuente or "").split("; ") if d.strip()}


def _consultas(specs):
    return {
        "tendencias": im.tendencias(specs),
        "alertas": im.alertas(specs),
        "alertas --mejoras": im.alertas(specs, mejoras=True),
        "calidad": im.calidad(specs),
        "calidad --distribucion": im.calidad(specs, distribucion=True),
        "sexenal --tabla enfoque": im.sexenal(specs, filas="enfoque"),
    }


@pytest.mark.parametrize(
    "nombre",
    [
        "tendencias",
        "alertas",
        "alertas --mejoras",
        "calidad",
        "calidad --distribucion",
        "sexenal --tabla enfoque",
    ],
)
def test_every_row_names_its_documents_and_the_caption_names_them_all(specs, nombre):
    tabla = _consultas(specs)[nombre]
    filas = tabla.to_records()
    assert filas
    docs: set[str] = set()
    for fila in filas:
        assert fila.get("fuente"), f"{nombre}: fila sin fuente: {fila}"
        docs |= _documentos(fila["fuente"])
    pie = tabla.pie or ""
    if len(docs) <= 3:  # (more: the caption points to the column instead)
        for doc in docs:
            assert doc in pie, f"{nombre}: el pie no nombra «{doc}»: {pie!r}"
    else:
        assert "columna «fuente»" in pie


def test_a_mir_row_names_the_document_cumplimiento_names(specs):
    de_cumplimiento = {
        (f["clave"], f["id"], f["anio"]): f["fuente"] for f in im.cumplimiento(specs).to_records()
    }
    filas = [f for f in im.tendencias(specs).to_records() if f["origen"] == "programa"]
    assert filas
    for f in filas:
        if f["anio_anterior"] is None:  # (a change names the year before's document too)
            assert f["fuente"] == de_cumplimiento[f["clave"], f["id"], f["anio"]]


def test_tendencias_fuente_comes_after_the_estado_columns_moving_none(specs):
    out = io.StringIO()
    render(im.tendencias(specs), Formato.csv, out)
    cabecera = next(csv.reader(io.StringIO(out.getvalue())))
    # the columns scripts read by position keep it: the new one is the last
    assert cabecera[-3:] == ["meta_estado", "valor_estado", "fuente"]
    assert cabecera.index("meta") == 8 and cabecera.index("metodologia") == 19


def test_tendencias_names_the_rows_without_meta_or_valor(specs):
    tabla = im.tendencias(specs)
    filas = tabla.to_records()
    con = sum(f["meta"] is not None or f["valor"] is not None for f in filas)
    sin = len(filas) - con
    assert sin, "the bundled specs have a year recorded with only its published figure (E043)"
    (linea,) = tabla.resumen
    assert f"{con} con meta o valor, {sin} sin ninguno de los dos" in linea
    assert f"{len(filas)} filas (indicador y año) con meta o valor" not in linea


def test_a_year_with_its_own_fuente_is_named_on_its_row_and_on_its_alert(tmp_path):
    (tmp_path / "E001.yaml").write_text(
        textwrap.dedent(
            """\
            clave: E001
            ramo: 51
            nombre: Programa de prueba
            fuente: Documento del programa
            mir:
              - id: P1
                nivel: Propósito
                nombre: Indicador de prueba
                sentido: ascendente
                metas:
                  2021: {meta: 100, valor: 95}
                  2022: {meta: 100, valor: 80, fuente: Informe 2022}
            poblaciones:
              2021: {unidad_medida: Personas, objetivo: 100, atendida: 90, fuente: Padrón 2021}
              2022: {unidad_medida: Personas, objetivo: 100, atendida: 50}
            """
        ),
        encoding="utf-8",
    )
    specs = im.cargar(tmp_path)
    por_anio = {f["anio"]: f["fuente"] for f in im.tendencias(specs).to_records()}
    # a change rests on the year before too: both documents
    assert por_anio == {
        2021: "Documento del programa",
        2022: "Informe 2022; Documento del programa",
    }
    alertas = {a["regla"]: a["fuente"] for a in im.alertas(specs).to_records()}
    assert alertas["deterioro"] == "Documento del programa; Informe 2022"
    assert alertas["cobertura_decreciente"] == "Padrón 2021; Documento del programa"


def test_verificar_names_the_document_of_every_published_figure(specs):
    """A published figure is checked against its document: the row names it (the year's or
    statement's `fuente`, else the indicator's, else the program's), and a dependency
    section's own `fuente` (ISSSTE.yaml `cumplimiento.2023.fuente`) is no longer dropped."""
    import yaml

    from issste_mon.carga.loader import bundled_specs_dir

    tabla = im.verificar(specs).tabla
    filas = tabla.to_records()
    assert filas and all(f["fuente"] for f in filas), [f["campo"] for f in filas if not f["fuente"]]
    escrito = yaml.safe_load((bundled_specs_dir() / "ISSSTE.yaml").read_text(encoding="utf-8"))
    de_la_seccion = [f for f in filas if f["campo"].startswith("cumplimiento.2023.")]
    assert de_la_seccion
    assert {f["fuente"] for f in de_la_seccion} == {escrito["cumplimiento"][2023]["fuente"]}
    docs = set().union(*(_documentos(f["fuente"]) for f in filas))
    assert ("columna «fuente»" in tabla.pie) if len(docs) > 3 else all(d in tabla.pie for d in docs)


@pytest.mark.parametrize("clave", ["E045", "E046", "E048"])
def test_the_ficha_names_the_documents_of_its_figures(specs, metodologia, clave):
    """The ficha's footnotes named the methodology and the spec files, never the documents
    its figures come from: they now do, every document a row of its tables names."""
    from issste_mon.ficha import datos

    ficha = datos.construir(specs, metodologia, clave)
    docs = set()
    for s in ficha.secciones:
        for r in s.tabla.filas if s.tabla is not None else ():
            docs |= _documentos(r.get("fuente"))
    assert docs
    (linea,) = [n for n in datos.notas(ficha) if n.startswith("Fuente")]
    assert all(d in linea for d in docs), (docs, linea)


def test_imported_mir_figures_name_shcps_release(cli, tmp_path):
    """`importar avance` wrote no `fuente`: cumplimiento on imported specs named no document at
    all. Each year now names SHCP's release of that cycle, and the rows and caption say it."""
    from conftest import SHARED

    muestra = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"
    if not muestra.is_file():
        pytest.skip(f"SHCP data not available: {muestra}")
    r = cli("-q", "importar", "avance", str(muestra), "--salida", str(tmp_path / "av"))
    assert r.code == 0, r.err
    specs = im.cargar(tmp_path / "av")
    tabla = im.cumplimiento(specs)
    filas = tabla.to_records()
    assert filas
    for f in filas:
        assert f["fuente"] == f"SHCP, datos abiertos: avance de indicadores {f['anio']}"
        assert f["fuente"] in tabla.pie
