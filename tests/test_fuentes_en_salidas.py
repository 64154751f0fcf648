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


@pytest.fixture(scope="module")
def poblaciones_2017(tmp_path_factory):
    """ISSSTE's programs as `importar poblaciones` writes them from SHCP's real 2017 file: each
    component's `fuente` is the publication, then what the file says of each population's own
    origin and cut («…; PA: Vigencia de Derecho (instancia generadora: ISSSTE), corte de…»)."""
    from conftest import SHARED
    from typer.testing import CliRunner

    from issste_mon.cli import app

    archivo = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
    if not archivo.is_file():
        pytest.skip(f"SHCP data not available: {archivo}")
    salida = tmp_path_factory.mktemp("pob2017")
    argv = ["-q", "importar", "poblaciones", str(archivo), "--salida", str(salida), "--ramo", "51"]
    r = CliRunner().invoke(app, argv)
    assert r.exit_code == 0, r.output
    return im.cargar(salida)


def test_the_origin_of_each_population_is_not_counted_as_a_document(poblaciones_2017):
    """The caption of E045's coverage said «Fuentes: 5 documentos»: each population's origin
    (PA: …, PP: …, PO: …) was counted as a document of its own. The figures come from one
    publication, which the caption now names, leaving each origin to the rows."""
    tabla = im.cobertura(poblaciones_2017, claves=["E045"])
    filas = tabla.to_records()
    assert len(filas) == 5
    assert all(
        f["fuente"].startswith("SHCP, datos abiertos: poblaciones 2017; PA: ") for f in filas
    )
    assert tabla.pie.startswith(
        "Fuente: SHCP, datos abiertos: poblaciones 2017 "
        "(origen y corte de cada población: columna «fuente») · Nota de E045"
    ), tabla.pie


def test_the_ficha_says_the_origin_of_each_population_by_name(poblaciones_2017, metodologia):
    """A printed ficha has no «fuente» column: each component's origin is said beside its name,
    once, and the publication is the only document named."""
    from issste_mon.ficha import datos

    ficha = datos.construir(poblaciones_2017, metodologia, "E045")
    notas = datos.notas(ficha)
    assert "Fuente de las cifras: SHCP, datos abiertos: poblaciones 2017." in notas
    (origen,) = [n for n in notas if n.startswith("Origen y corte de cada población")]
    for f in im.cobertura(poblaciones_2017, claves=["E045"]).to_records():
        detalle = f["fuente"].removeprefix("SHCP, datos abiertos: poblaciones 2017; ")
        assert f"«{f['componente']}» 2017: {detalle}" in origen


def test_a_caption_with_many_documents_names_the_first_and_counts_the_rest(cli, tmp_path):
    """More than three documents read «Fuentes: 5 documentos»: a person saw none of them. The
    first three are named and the others counted, with where to read each row's: the column,
    to a Python caller (who has no -f); the command line's table says how to get it."""
    metas = "\n".join(
        f"      {anio}: {{meta: 100, valor: 95, fuente: Informe {anio}}}"
        for anio in range(2019, 2024)
    )
    (tmp_path / "E001.yaml").write_text(
        "clave: E001\nramo: 51\nnombre: Programa de prueba\nmir:\n  - id: P1\n"
        "    nivel: Propósito\n    nombre: Indicador de prueba\n    sentido: ascendente\n"
        f"    metas:\n{metas}\n",
        encoding="utf-8",
    )
    pie = im.cumplimiento(im.cargar(tmp_path)).pie
    assert pie.endswith(
        " · Fuentes: Informe 2019; Informe 2020; Informe 2021 y 2 documentos más (columna «fuente»)"
    ), pie
    r = cli("cumplimiento", "--specs", str(tmp_path), "-f", "markdown")
    assert r.code == 0, r.err
    assert r.out.rstrip().endswith(
        " · Fuentes: Informe 2019; Informe 2020; Informe 2021 y 2 documentos más "
        "(columna «fuente» con -f csv o json)_"
    ), r.out
