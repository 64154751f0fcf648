"""Every printed figure says what it rests on, the same way in every format: a verdict is never
a blank cell (a blank reads as «unknown»), and a classification names its methodology."""

from __future__ import annotations

import csv
import io
import json
import re

from openpyxl import load_workbook


def _markdown(texto: str) -> tuple[list[str], list[list[str]]]:
    filas = [linea for linea in texto.splitlines() if linea.startswith("|")]

    def celdas(linea: str) -> list[str]:
        return [p.strip() for p in re.split(r"(?<!\\)\|", linea)[1:-1]]

    return celdas(filas[0]), [celdas(f) for f in filas[2:]]


def test_resumen_enunciados_says_every_verdict_in_every_format(cli, tmp_path):
    """The four end-of-2022 statements that cannot be compared showed an empty «Coincide» in
    tabla, Markdown, csv and xlsx; each row now says «no verificable», as its veredicto does."""
    r_csv = cli("resumen", "-e", "-f", "csv")
    filas = list(csv.DictReader(io.StringIO(r_csv.out)))
    assert {f["coincide"] for f in filas} == {"sí", "no", "por construcción", "no verificable"}
    assert all(
        f["coincide"] == "no verificable" for f in filas if f["veredicto"] == "no verificable"
    )
    esperado = [f["coincide"] for f in filas]

    assert [f["coincide"] for f in json.loads(cli("resumen", "-e", "-f", "json").out)] == esperado

    cab, md = _markdown(cli("resumen", "-e", "-f", "markdown").out)
    assert [f[cab.index("Coincide")] for f in md] == esperado

    r = cli("resumen", "-e", "-f", "tabla", "--columnas", "id,coincide")
    tabla = [[c.strip() for c in linea.split("│")[1:-1]] for linea in r.out.splitlines()]
    assert [f[1] for f in tabla if f and f[0] != "Enunciado"] == esperado

    libro = tmp_path / "e.xlsx"
    assert cli("resumen", "-e", "-o", str(libro)).code == 0
    ws = load_workbook(libro).worksheets[0]
    col = [c.value for c in ws[1]].index("Coincide")
    hoja = [fila[col].value for fila in ws.iter_rows(min_row=2, max_row=len(filas) + 1)]
    assert hoja == esperado
    # the footer counts them by the word the cells say
    assert "4 no verificables (la nota dice por qué)." in r_csv.err


def test_calidad_says_its_rows_are_copied_from_the_spec_not_classified(cli, tmp_path):
    """calidad's rows carry no `metodologia` column because no methodology setting classifies
    them: a methodology with other groupings gives the same rows. The caption said only
    «Metodología: …», as if it had classified them; it now says where category and marks come
    from, and names the methodology for what is its own (the summary's groupings)."""
    from issste_mon import metodologia

    original = open(metodologia.default_path(), encoding="utf-8").read()
    assert "etiqueta: Destacado o Adecuado" in original
    mia = tmp_path / "mia.yaml"
    mia.write_text(original.replace("etiqueta: Destacado o Adecuado", "etiqueta: Arriba"), "utf-8")
    r = cli("calidad", "-f", "csv")
    assert "metodologia" not in r.out.splitlines()[0].split(",")
    assert cli("calidad", "-f", "csv", "--metodologia", str(mia)).out == r.out

    md = cli("calidad", "-f", "markdown", "--metodologia", str(mia)).out
    pie = md.rstrip().splitlines()[-1]
    assert pie.startswith(
        "_Categoría y marcas: como las registra la spec (la metodología no las clasifica; "
        "«Origen de la calidad» dice si el documento la imprime por indicador) · Agrupaciones "
        "del resumen: "
    )
    assert f"({mia})" in pie and "Arriba 3 (20%)" in md
    campos = {f["name"]: f for f in json.loads(cli("calidad", "--esquema-salida").out)["fields"]}
    assert "la metodología no la clasifica" in campos["calidad"]["description"]
    # --distribucion counts with the methodology's groupings: it names it on every row
    filas = json.loads(
        cli("calidad", "--distribucion", "-f", "json", "--metodologia", str(mia)).out
    )
    assert {f["metodologia"] for f in filas} == {f"{metodologia.load(str(mia)).etiqueta} ({mia})"}


def _cobertura_importada(cli, tmp_path, archivo: str) -> dict[str, dict]:
    from conftest import SHARED

    out = tmp_path / archivo
    origen = SHARED / "data" / "shcp" / archivo
    assert cli("importar", "poblaciones", str(origen), "-r", "51", "--salida", str(out)).code == 0
    r = cli("cobertura", "--specs", str(out / "51"), "-f", "csv")
    return {f"{f['clave']} {f['componente']}": f for f in csv.DictReader(io.StringIO(r.out))}


def test_populations_imported_from_shcp_2017_say_where_po_and_pa_come_from(cli, tmp_path):
    """cobertura on specs imported from SHCP's 2017 file showed «PA: …; PP: …» as the fuente:
    not the SHCP file the figures were read from, nothing of the PO (the file names no source
    and no cut for it) and no cut beside each source."""
    filas = _cobertura_importada(cli, tmp_path, "poblaciones_2017.csv")
    prestamos = filas["E045 Préstamos Personales"]
    assert prestamos["objetivo"] == "695097" and prestamos["atendida"] == "649402"
    assert prestamos["fuente"] == (
        "SHCP, datos abiertos: poblaciones 2017; PA: Registros "
        "administrativos; Subdirección de Otorgamiento de Crédito (instancia generadora: ISSSTE), "
        "corte de diciembre de 2017; PP: Anuario Estadístico Institucional (instancia generadora: "
        "ISSSTE), corte de diciembre de 2016; PO: el archivo no da su fuente ni su corte"
    )
    # the PA's cut named in the fuente is the one cobertura's corte columns give
    assert (prestamos["corte_anio"], prestamos["corte_mes"]) == ("2017", "12")
    assert all(
        f["fuente"].startswith("SHCP, datos abiertos: poblaciones 2017; ")
        and f["fuente"].endswith("; PO: el archivo no da su fuente ni su corte")
        for f in filas.values()
    )


def test_populations_imported_from_shcp_2020_name_the_po_source_and_cut(cli, tmp_path):
    """The 2018–2020 file gives only the PO, with its own source and cut (E044's PO of 2020 is
    cut at December 2017): the fuente says both, and the file."""
    filas = _cobertura_importada(cli, tmp_path, "poblaciones_2020.csv")
    (e044,) = (f for k, f in filas.items() if k.startswith("E044 "))
    assert e044["fuente"] == (
        "SHCP, datos abiertos: poblaciones 2020; PO: Registro "
        "Administrativo, corte de diciembre de 2017"
    )
    # the PO's cut is not shown as the PA's: cobertura's «Corte de la PA» stays empty
    assert (e044["atendida"], e044["corte_anio"], e044["corte_mes"]) == ("", "", "")


def test_every_ised_reads_at_the_nine_decimals_shcp_writes(cli, tmp_path):
    """ISSSTE's ISeD 2020 as SHCP's file writes it: «1.0» (E046), «0.0» (J020), «0.69124424»
    (M002), «0.528169014» (J019). People read «1.000» and «0.528169014» in one column, and
    «Alto (1.000)» in the ficha; now all at 9 decimals, machines keep the value recorded."""
    from conftest import SHARED

    from issste_mon.calc.ised import DECIMALES

    origen = SHARED / "data" / "shcp" / "ised_2019_2020.csv"
    out = tmp_path / "ised"
    r = cli("importar", "ised", str(origen), "--anio", "2020", "-r", "51", "--salida", str(out))
    assert r.code == 0, r.err
    specs = str(out / "51")
    nueve = re.compile(rf"^\d\.\d{{{DECIMALES}}}$")

    por_clave = {
        f["clave"]: f["valor"]
        for f in csv.DictReader(
            io.StringIO(cli("monitoreo", "--indice", "ised", "--specs", specs, "-f", "csv").out)
        )
    }
    assert (por_clave["E046"], por_clave["J020"], por_clave["M002"]) == ("1", "0", "0.69124424")

    cab, filas = _markdown(
        cli("monitoreo", "--indice", "ised", "--specs", specs, "-f", "markdown").out
    )
    vistos = {f[cab.index("Clave")]: f[cab.index("ISeD")] for f in filas}
    assert len(vistos) == len(por_clave) == 23
    assert all(nueve.match(v) for v in vistos.values()), vistos
    assert (vistos["E046"], vistos["J020"], vistos["M002"]) == (
        "1.000000000",
        "0.000000000",
        "0.691244240",
    )
    tabla = cli(
        "monitoreo", "--indice", "ised", "--specs", specs, "-f", "tabla", "--columnas", "valor"
    )
    celdas = [c.strip() for linea in tabla.out.splitlines() for c in linea.split("│")[1:-1]]
    assert sorted(c for c in celdas if c != "ISeD") == sorted(vistos.values())

    libro = tmp_path / "i.xlsx"
    assert cli("monitoreo", "--indice", "ised", "--specs", specs, "-o", str(libro)).code == 0
    ws = load_workbook(libro).worksheets[0]
    col = [c.value for c in ws[1]].index("ISeD")
    assert {f[col].number_format for f in ws.iter_rows(min_row=2, max_row=24)} == {
        "0." + "0" * DECIMALES
    }

    ficha = cli("ficha", "51-E046", "--specs", specs, "-f", "markdown").out
    assert "**ISeD 2020:** Alto (1.000000000)" in ficha
    assert "| 2020 | 1.000000000 | Alto | Alto | sí |" in ficha


SIN_NIVEL = """\
clave: M001
ramo: 2
nombre: Actividades de apoyo administrativo
ised:
  2019:
    valor: 0.651041667
    publicado: {nivel: Medio alto}
    fuente: SHCP, datos abiertos ISeD 2019
  2020:
    valor: 0.4
    fuente: SHCP, datos abiertos ISeD 2020
"""


def test_an_ised_without_published_level_says_no_verificable_for_people(cli, tmp_path):
    """An edition with no published level had an empty «Coincide» in tabla, Markdown and the
    ficha (html and Markdown); people now read «no verificable», machines keep the null."""
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "M001.yaml").write_text(SIN_NIVEL, "utf-8")
    base = ("monitoreo", "--indice", "ised", "--specs", str(specs))

    filas = json.loads(cli(*base, "-f", "json").out)
    assert [f["coincide"] for f in filas] == [True, None]
    cab, md = _markdown(cli(*base, "-f", "markdown").out)
    assert [f[cab.index("Coincide")] for f in md] == ["sí", "no verificable"]
    tabla = cli(*base, "-f", "tabla", "--columnas", "anio,coincide").out
    celdas = [[c.strip() for c in linea.split("│")[1:-1]] for linea in tabla.splitlines()]
    assert [f for f in celdas if f and f[0] != "Año"] == [
        ["2019", "sí"],
        ["2020", "no verificable"],
    ]

    ficha = cli("ficha", "M001", "--specs", str(specs), "-f", "markdown").out
    assert "| 2020 | 0.400000000 | Medio |  | no verificable |" in ficha
    html = tmp_path / "m001.html"
    assert cli("ficha", "M001", "--specs", str(specs), "-o", str(html)).code == 0
    seccion = html.read_text("utf-8").split('<section id="ised">')[1].split("</section>")[0]
    assert "no verificable" in seccion


def test_resumen_names_the_documents_its_counts_and_statements_come_from(cli):
    """`resumen` printed each count beside its published statement with no `fuente` column and
    no caption: every other table names its documents. Each row now names the programs'
    diagnóstico documents and the statements' own (each row only those its attribute rests on:
    `test_resumen_names_the_document_each_attribute_was_taken_from`)."""
    filas = list(csv.DictReader(io.StringIO(cli("resumen", "-f", "csv").out)))
    assert list(filas[0])[-2:] == ["metodologia", "fuente"]
    docs = "CONEVAL, Diagnóstico de Monitoreo 2024; CONEVAL, Desempeño 2024"
    assert all(f["fuente"] and set(f["fuente"].split("; ")) <= set(docs.split("; ")) for f in filas)
    md = cli("resumen", "-f", "markdown").out
    assert md.rstrip().endswith(f"_Fuentes: {docs}_")


def test_a_cumplimiento_without_class_says_so_with_its_figure(cli):
    """E043 and E049 2023 have no cumplimiento («—»): their Rango was an empty cell in tabla,
    Markdown and the ficha, and now reads «—» like the figure it would classify; csv keeps an
    empty cell and the schema says how people read it (issste:vacio)."""
    filas = list(
        csv.DictReader(io.StringIO(cli("cumplimiento", "--anio", "2023", "-f", "csv").out))
    )
    sin = {f["clave"] for f in filas if not f["cumplimiento_pct"]}
    assert sin == {"E043", "E049"} and all(f["rango"] == "" for f in filas if f["clave"] in sin)
    cab, md = _markdown(cli("cumplimiento", "--anio", "2023", "-f", "markdown").out)
    rangos = {f[cab.index("Clave")]: f[cab.index("Rango")] for f in md}
    assert {k: rangos[k] for k in sin} == {"E043": "—", "E049": "—"}
    assert rangos["E044"] == "Alto"
    campos = {
        f["name"]: f for f in json.loads(cli("cumplimiento", "--esquema-salida").out)["fields"]
    }
    assert campos["rango"]["issste:vacio"] == "—"
    ficha = cli("ficha", "E045", "-f", "markdown").out
    assert (
        "| 2014 | S1 | Fin | Número de mujeres y hombres beneficiados por buenas prácticas de "
        in ficha
    )
    fila = next(x for x in ficha.splitlines() if x.startswith("| 2014 | S1 |"))
    assert fila.endswith("| 270,623 | — | — | sin meta en la spec |")


def test_tendencias_reads_a_missing_class_as_cumplimiento_does(cli):
    """E043 2023 has no meta nor valor: `cumplimiento` now reads its Rango «—»; `tendencias`
    left the same cell blank. One figure, one way everywhere."""
    vistos = {}
    for comando in ("cumplimiento", "tendencias"):
        cab, filas = _markdown(cli(comando, "E043", "--anio", "2023", "-f", "markdown").out)
        (fila,) = filas
        vistos[comando] = (fila[cab.index("Cumplimiento")], fila[cab.index("Rango")])
    assert vistos == {"cumplimiento": ("—", "—"), "tendencias": ("—", "—")}


def test_calidad_marks_not_recorded_read_as_such_for_people(cli):
    """9 of the 15 indicators have no marks in the spec: their five criteria columns were blank
    beside other rows' «sí»/«no»; people now read «—», csv keeps empty cells."""
    filas = list(csv.DictReader(io.StringIO(cli("calidad", "-f", "csv").out)))
    sin = [f["id"] for f in filas if f["claridad"] == ""]
    assert len(sin) == 9 and "1.1" in sin
    cab, md = _markdown(cli("calidad", "-f", "markdown").out)
    por_id = {f[cab.index("Id")]: f for f in md}
    criterios = ["Claridad", "Relevancia", "Monitoreabilidad", "Adecuación", "Pertinencia temática"]
    assert all(por_id[i][cab.index(c)] == "—" for i in sin for c in criterios)
    assert [por_id["5.3"][cab.index(c)] for c in criterios] == ["sí", "sí", "sí", "sí", "no"]


def test_resumen_names_the_document_each_attribute_was_taken_from(cli, specs):
    """Every program records where its `cumplimiento_metas` was taken from (`procedencia`: the
    Diagnóstico), and `indicador_cobertura` rests only on the Desempeño's statements; yet
    each row named both documents, the diagnóstico's of the whole block."""
    filas = list(csv.DictReader(io.StringIO(cli("resumen", "-f", "csv").out)))
    enunciados = {e.id: e for d in specs.dependencias for e in d.resumen.get(2024, [])}
    for atributo in ("cumplimiento_metas", "indicador_cobertura"):
        esperados = set()
        for p in specs.programas:
            pr = p.procedencia.get(2024, {}).get(atributo)
            if pr is None:
                continue
            esperados |= {pr.fuente} if pr.fuente else {enunciados[i].fuente for i in pr.enunciados}
        assert len(esperados) == 1  # one document each: the Diagnóstico, the Desempeño
        for f in [f for f in filas if f["atributo"] == atributo]:
            suyos = {enunciados[i].fuente for i in enunciados if enunciados[i].atributo == atributo}
            assert set(f["fuente"].split("; ")) == esperados | suyos, f
