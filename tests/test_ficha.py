"""`issste-mon ficha`: the FMyE-style report in HTML, Markdown and xlsx."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import SHARED
from openpyxl import load_workbook

from issste_mon.ficha import datos

SEED_001 = ["94.90 %", "114 %", "1.27 %", "1.17 %"]  # cobertura, avance Propósito, % del ramo

COMPONENTES = """\
clave: E045
ramo: 51
dependencia: ISSSTE
nombre: Prestaciones sociales <b>componentes</b>
unidad_responsable: Dirección de Prestaciones Económicas, Sociales y Culturales
poblaciones:
  2017:
    unidad_medida: Derechohabientes
    potencial: 14756442
    objetivo: 784969
    atendida: 744939
    publicado: {cobertura: "94.90 %"}
  2018:
    componentes:
      - nombre: Estancias para el Bienestar y Desarrollo Infantil
        unidad_medida: Niños y niñas
        potencial: 2000000
        objetivo: 30000
        atendida: 27000
      - nombre: Préstamos personales de $5,000 a $10,000 <i>
        unidad_medida: Personas
        potencial: 4000000
        objetivo: 700000
        atendida: ND
presupuesto:
  2017: {ejercido: 2531.93, ramo: 217054.66, publicado: {porcentaje_ramo: "1.17 %"}}
mir:
  - id: P1
    nivel: Propósito
    nombre: Cobertura de servicios por cada 1000 derechohabientes
    sentido: ascendente
    metas:
      2017: {meta: 543.35, valor: 622.06, publicado: {cumplimiento: "114%"}}
  - id: F1
    nivel: Fin
    nombre: "<script>alert('x')</script>"
    sentido: ascendente
    metas:
      2018: {meta: 100, valor: 95}
"""


class Refs(HTMLParser):
    """Every attribute that can make a browser fetch something, plus tags that load code."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.endswith(("href", "src", "srcset", "action", "poster", "data")):
                self.refs.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


def _refs(text: str) -> Refs:
    parser = Refs()
    parser.feed(text)
    return parser


def _assert_self_contained(text: str) -> Refs:
    parser = _refs(text)
    external = [r for r in parser.refs if not r[2].startswith("#")]
    assert external == []
    assert not {"script", "link", "iframe", "img", "object", "embed"} & set(parser.tags)
    assert "@import" not in text and "url(http" not in text
    return parser


@pytest.fixture
def componentes(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "E045.yaml").write_text(COMPONENTES, encoding="utf-8")
    return folder


def test_e045_html_is_one_self_contained_file_with_seed_figures(cli, tmp_path):
    out = tmp_path / "e045.html"
    r = cli("ficha", "E045", "--salida", str(out))
    assert r.code == 0, r.err
    assert r.out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["e045.html"]
    text = out.read_text(encoding="utf-8").replace("\xa0", " ")
    parser = _assert_self_contained(text)
    assert parser.tags.count("svg") >= 2
    for figure in SEED_001:
        assert figure in text
    # Each published figure sits in a verification row that agrees with the computation; the
    # 114 % on an inferred sentido and the 622 / 543 the text restates agree «por construcción».
    assert text.count('class="coincide"') == 4
    assert text.count('class="coincide-por-construccion"') == 3
    assert "Dirección de Prestaciones Económicas, Sociales y Culturales" in text
    assert "14,756,442" in text and "5.32 %" in text
    assert "issste-mon, metodología por omisión v2026.1" in text  # the methodology footnote


def test_e045_charts_are_linear_with_a_labelled_detail_panel(specs, metodologia):
    from issste_mon.ficha import vista

    ctx = vista.programa(datos.construir(specs, metodologia, "E045"))
    [cob] = ctx["cobertura_graficas"]
    assert "log" not in cob.svg
    # PP is 19 times PO: PO and PA get a second panel, on its own linear scale, said so.
    assert "Detalle PO y PA (escala propia)" in cob.svg and "escala lineal desde cero" in cob.svg
    assert ">0</text>" in cob.svg  # axes start at zero
    g = ctx["cumplimiento_grafica"]
    assert "Rango esperado 90–110 %" in g.svg  # bounds from methodology
    pres = ctx["presupuesto_grafica"].svg
    assert "1.27 % del ramo" in pres and "2,712.44" in pres and "precios constantes 2012" in pres
    [fin] = ctx["sectoriales"]
    assert "Línea base 2013" in fin["grafica"].svg and "617,711" in fin["grafica"].svg


def _etiquetas_y_puntos(svg: str):
    """The value labels (text, box) and the points (box) of an indicator's chart, as drawn."""
    from issste_mon.ficha import graficas

    raiz = ET.fromstring(svg)
    ns = raiz.tag[: -len("svg")]  # (with or without the SVG namespace)
    puntos = [
        (float(c.get("cx")) - float(c.get("r")), float(c.get("cy")) - float(c.get("r")),
         float(c.get("cx")) + float(c.get("r")), float(c.get("cy")) + float(c.get("r")))
        for c in raiz.iter(f"{ns}circle")
    ]  # fmt: skip
    for pol in raiz.iter(f"{ns}polygon"):
        xs, ys = zip(*(map(float, p.split(",")) for p in pol.get("points").split()), strict=True)
        puntos.append((min(xs), min(ys), max(xs), max(ys)))
    etiquetas = [
        (t.text, graficas.Lienzo.caja(float(t.get("x")), float(t.get("y")), t.text,
                                      float(t.get("font-size")), t.get("text-anchor")))
        for t in raiz.iter(f"{ns}text")
        if t.text and re.fullmatch(r"[\d,.]+", t.text) and not re.fullmatch(r"(19|20)\d\d", t.text)
    ]  # fmt: skip
    return etiquetas, puntos


def test_a_years_higher_figure_is_labelled_above_and_no_label_covers_a_point(specs, metodologia):
    """E048 2023: meta 25,596 over valor 24,252, a few pixels apart. The valor's label was on
    top (over the meta's diamond) and the meta's under both points: read from the top, the
    meta looked like 24,252."""
    from issste_mon.ficha import vista

    ctx = vista.programa(datos.construir(specs, metodologia, "E048"))
    [ind] = [i for i in ctx["indicadores"] if i["grafica"] is not None]
    etiquetas, puntos = _etiquetas_y_puntos(ind["grafica"].svg)
    arriba = {texto: caja[1] for texto, caja in etiquetas}
    assert arriba["25,596"] < arriba["24,252"]  # the meta's label above the valor's
    for p in specs.programas:  # and in every bundled chart, no value label over a point
        for ind in vista.programa(datos.construir(specs, metodologia, p.clave))["indicadores"]:
            if ind["grafica"] is None:
                continue
            etiquetas, puntos = _etiquetas_y_puntos(ind["grafica"].svg)
            for texto, (x0, y0, x1, y1) in etiquetas:
                for a0, b0, a1, b1 in puntos:
                    assert not (x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1), (p.clave, texto)


def test_program_with_components_of_different_units(cli, tmp_path, componentes):
    out = tmp_path / "c.html"
    assert cli("ficha", "E045", "--specs", str(componentes), "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8").replace("\xa0", " ")
    parser = _assert_self_contained(text)
    assert parser.tags.count("svg") >= 2
    for figure in ["94.90 %", "114 %", "1.17 %"]:
        assert figure in text
    # Per component, each with its unit: 27,000 / 30,000 and 30,000 / 2,000,000; no total.
    assert "Niños y niñas" in text and "Personas" in text
    assert "90.00 %" in text and "1.50 %" in text and "17.50 %" in text
    assert "unidades de medida distintas" in text
    assert "una persona puede contarse en varios componentes" not in text
    # Spec text is escaped, never markup.
    assert "<script>alert" not in text and "<b>componentes" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "Préstamos personales de $5,000 a $10,000 &lt;i&gt;" in text  # table and chart
    assert text.count("$5,000") >= 2
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert len(ids) == len(set(ids))  # four inline SVGs share one id space


def test_same_specs_same_bytes(cli, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert cli("ficha", "E045", "-o", str(a)).code == 0
    assert cli("ficha", "E045", "-o", str(b)).code == 0
    assert a.read_bytes() == b.read_bytes()


def test_markdown_with_charts_beside_it(cli, tmp_path, componentes):
    out = tmp_path / "ficha.md"
    assert cli("ficha", "E045", "--specs", str(componentes), "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    svgs = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert svgs == [
        "ficha-g-cobertura-1.svg",
        "ficha-g-cobertura-2.svg",
        "ficha-g-cobertura-3.svg",
        "ficha-g-cumplimiento.svg",
        "ficha-g-ind-1.svg",
        "ficha-g-ind-2.svg",
        "ficha-g-presupuesto.svg",
    ]
    for name in svgs:
        assert f"]({name})" in text
        svg = (tmp_path / name).read_text(encoding="utf-8")
        ET.fromstring(svg)  # well-formed on its own
        _assert_self_contained(svg)
    assert "| Estancias para el Bienestar y Desarrollo Infantil" in text
    for figure in ["94.90 %", "114 %", "1.17 %", "90.00 %"]:
        assert figure in text


def test_markdown_to_stdout_without_salida(cli):
    r = cli("ficha", "E045")
    assert r.code == 0
    assert r.out.startswith("# Ficha de monitoreo: E045 Prestaciones sociales")
    for figure in SEED_001:
        assert figure in r.out
    assert "<svg" not in r.out and "--salida" in r.out


def test_html_to_stdout_with_dash(cli):
    r = cli("ficha", "51-E045", "-o", "-")
    assert r.code == 0 and r.out.startswith("<!DOCTYPE html>")
    _assert_self_contained(r.out)


def test_ficha_xlsx_one_sheet_per_table(cli, tmp_path):
    out = tmp_path / "e045.xlsx"
    assert cli("ficha", "E045", "-o", str(out)).code == 0
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == "metodologia" and len(wb.sheetnames) == 5
    verif = wb[wb.sheetnames[3]]
    assert verif["A1"].value == "Ubicación" and verif.freeze_panes == "A2"
    header = [c.value for c in verif[1]]
    col = header.index("Publicado")
    published = [row[col].value for row in verif.iter_rows(min_row=2) if row[col].value]
    # one style beside «Calculado» (es-MX); the text as printed in «Publicado (texto)»
    assert sorted(published) == sorted(
        ["114 %", "622", "543", "94.90 %", "1.27 %", "1.17 %", "1.17 %"]
    )
    col = header.index("Publicado (texto)")
    texts = [row[col].value for row in verif.iter_rows(min_row=2) if row[col].value]
    assert sorted(texts) == sorted(["114%", "622", "543", "94.90 %", "1.27 %", "1.17 %", "1.17%"])


@pytest.mark.parametrize("clave", ["E045", "E044", "E048"])
def test_ficha_xlsx_says_what_a_cumplimiento_rests_on_where_the_md_marks_it(cli, tmp_path, clave):
    """The same warnings in every format: the Markdown (and HTML) ficha marks ⚠ a cumplimiento
    resting on an inferred sentido or a supuesto formula; the workbook showed the bare number."""
    md = cli("ficha", clave)
    assert md.code == 0, md.err
    seccion = md.out.partition("## Cumplimiento de metas")[2].partition("\n## ")[0]
    marcadas = sorted(
        tuple(c.strip() for c in linea.split("|")[1:3])
        for linea in seccion.splitlines()
        if linea.startswith("| ") and " ⚠ |" in linea
    )
    out = tmp_path / f"{clave}.xlsx"
    assert cli("ficha", clave, "-o", str(out)).code == 0
    hoja = load_workbook(out)["Cumplimiento de metas"]
    header = [c.value for c in hoja[1]]
    anio, id_, sup = header.index("Año"), header.index("Id"), header.index("Supuesto")
    con_aviso = sorted(
        (str(r[anio]), r[id_]) for r in hoja.iter_rows(min_row=2, values_only=True) if r[sup]
    )
    assert con_aviso == marcadas
    for r in hoja.iter_rows(min_row=2, values_only=True):
        assert not r[sup] or r[sup].startswith("⚠ según ")


def test_year_is_a_cut_off(cli):
    r = cli("ficha", "E045", "--year", "2016")
    assert r.code == 0
    assert "1.27 %" in r.out and "1.17 %" not in r.out and "94.90 %" not in r.out
    assert "La spec no registra poblaciones." in r.out
    r = cli("ficha", "E045", "--year", "2010")
    assert r.code == 1
    # ramo-clave: one clave (M001) names a program in dozens of ramos
    assert r.err == (
        "error: no hay datos de 51-E045 hasta 2010 en las specs cargadas; años con datos de "
        "51-E045 en las specs: 2014–2017\n"
    )


def test_a_cut_verification_counts_the_rows_it_shows(cli):
    # cut at 2016, E045's verification showed one row under «7 cifras: 4 coinciden, 3 por
    # construcción»: the summary of the figures cut away
    md = cli("ficha", "E045", "--anio", "2016").out
    bloque = md.split("## Verificación de cifras publicadas")[1].split("\n## ")[0]
    assert bloque.count("| E045.yaml:") == 1
    assert "1 cifra: 1 coincide, 0 por construcción, 0 difieren" in bloque
    assert "7 cifras" not in md
    entera = cli("ficha", "E045").out  # uncut: verificar's own summary
    assert "7 cifras: 4 coinciden, 3 por construcción, 0 difieren" in entera


def test_a_text_the_cut_hides_is_not_called_unregistered(cli, tmp_path):
    # E045's FMyE is of 2017: cut at 2015 its texts were «No registrado en la spec.»
    oculto = (
        "No se muestra: es texto de «Ficha de Monitoreo y Evaluación 2017-2018», de 2017, "
        "posterior al corte (2015)."
    )
    md = cli("ficha", "E045", "--anio", "2015").out
    html = tmp_path / "e045.html"
    assert cli("ficha", "E045", "--anio", "2015", "-o", str(html)).code == 0
    page = html.read_text(encoding="utf-8")
    for texto in (md, page):
        assert "No registrado en la spec." not in texto
        assert "El programa tiene como fin" not in texto
        assert texto.count(oculto) == 12  # every narrative block E045's FMyE has
        assert texto.count("No se muestra: 1 evaluación de un año posterior al corte (2015).") == 1
    section = re.search(r'<section id="descripcion">.*?</section>', page, re.S).group(0)
    assert oculto in section
    # uncut, nothing is hidden; a block the FMyE lacks stays «no registrado»
    assert "No se muestra" not in cli("ficha", "E045").out
    assert "No se muestra" not in cli("ficha", "E048", "--anio", "2023").out


# What `importar ised` writes for most programs of SHCP's file: nothing but ISeD editions.
SOLO_ISED = """\
clave: M001
ramo: 2
nombre: Actividades de apoyo administrativo
ised:
  2019:
    valor: 0.651041667
    publicado: {nivel: Medio alto}
  2020:
    valor: 0.4
"""


@pytest.fixture
def solo_ised(tmp_path):
    specs = tmp_path / "specs"
    (specs / "2").mkdir(parents=True)
    (specs / "2" / "M001.yaml").write_text(SOLO_ISED, "utf-8")
    # the same clave in another ramo: the error must say which M001
    (specs / "9").mkdir()
    (specs / "9" / "M001.yaml").write_text("clave: M001\nramo: 9\nnombre: Otro\n", "utf-8")
    return specs


def test_a_program_with_only_ised_gets_a_ficha(cli, solo_ised, tmp_path):
    r = cli("ficha", "2-M001", "--specs", str(solo_ised))
    assert r.code == 0, r.err
    md = r.out
    assert "## Índice de Seguimiento al Desempeño (ISeD, SHCP)" in md
    assert "| 2019 | 0.651041667 | Medio alto | Medio alto | sí |" in md
    # an edition without a published level is shown too, not only the verified one; its
    # Coincide says it could not be checked (a blank read as «unknown»), every ISeD at the 9
    # decimals SHCP writes it with
    assert "| 2020 | 0.400000000 | Medio |  | no verificable |" in md
    assert "**ISeD 2020:** Medio (0.400000000)" in md
    assert "| M001.yaml:7 | Nivel ISeD 2019 | Medio alto | Medio alto | coincide |" in md
    # the blocks the spec lacks say so, as for any other program
    assert "_La spec no registra poblaciones._" in md
    assert "_La spec no registra valoraciones del Diagnóstico de Monitoreo._" in md
    out = tmp_path / "m001.html"
    r = cli("ficha", "2-M001", "--specs", str(solo_ised), "-o", str(out))
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    ised = html[html.index('<section id="ised">') :]
    ised = ised[: ised.index("</section>")]
    assert "0.651041667" in ised and "Medio alto" in ised and "2020" in ised
    assert "Nivel ISeD 2019" in html[html.index('<section id="verificacion">') :]
    r = cli("ficha", "2-M001", "--specs", str(solo_ised), "--year", "2018")
    assert r.code == 1
    assert r.err == (
        "error: no hay datos de 2-M001 hasta 2018 en las specs cargadas; años con datos de "
        "2-M001 en las specs: 2019–2020\n"
    )
    r = cli("ficha", "9-M001", "--specs", str(solo_ised))
    assert r.code == 1 and r.err == "error: no hay datos de 9-M001 en las specs cargadas\n"


# A spec written from a ficha's narrative before any figure was copied in.
SOLO_TEXTO = """\
clave: E099
ramo: 51
nombre: Programa de prueba
fmye:
  anio: 2017
  fuente: "CONEVAL, Ficha de Monitoreo y Evaluación 2017-2018"
  descripcion: El programa otorga servicios de prueba.
  debilidades:
    - tipo: D
      texto: La MIR no mide el propósito.
"""


def test_a_program_with_only_the_narrative_gets_a_ficha(cli, tmp_path):
    (tmp_path / "E099.yaml").write_text(SOLO_TEXTO, "utf-8")
    r = cli("ficha", "E099", "--specs", str(tmp_path))
    assert r.code == 0, r.err
    assert "El programa otorga servicios de prueba." in r.out
    assert "La MIR no mide el propósito." in r.out
    assert "_La spec no registra poblaciones._" in r.out
    # the narrative is of 2017: a ficha cut at 2016 has nothing of it
    r = cli("ficha", "E099", "--specs", str(tmp_path), "--year", "2016")
    assert r.code == 1
    assert r.err == (
        "error: no hay datos de 51-E099 hasta 2016 en las specs cargadas; años con datos de "
        "51-E099 en las specs: 2017\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["E999"], 1, 'no hay ningún programa con clave "E999"'),
        (["E045", "-o", "x.pdf"], 2, "use la extensión .html, .md o .xlsx"),
        (["X"], 2, 'clave no válida "X"'),  # no clave at all: invalid input
    ],
)
def test_bad_requests_are_one_line(cli, args, code, text):
    r = cli("ficha", *args)
    assert r.code == code and r.out == ""
    assert text in r.err and r.err.count("\n") == 1


def test_verification_section_is_the_verificar_table(specs, metodologia):
    from issste_mon.consultas import tablas as consultas

    f = datos.construir(specs, metodologia, "E045")
    expected = consultas.verificar(specs, metodologia, ["E045"]).filas
    assert f.tabla("verificacion").filas == expected
    assert {r["veredicto"] for r in expected} == {"coincide", "coincide por construcción"}


def test_heavy_libraries_load_only_for_ficha_and_xlsx():
    code = textwrap.dedent(
        """
        import contextlib, io, sys
        from issste_mon.cli import run
        with contextlib.redirect_stdout(io.StringIO()):
            run(["--help"]); run(["cobertura", "E045", "-f", "csv"])
        print(sorted(m for m in ("jinja2", "openpyxl") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_shows_the_real_ficha_output(cli):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Verificación de cifras publicadas\n")
    end = readme.index("_Las gráficas se escriben", start)
    shown = readme[start : readme.index("\n", end) + 1]
    out = cli("ficha", "E045", "--year", "2017").out
    real = out[out.index("## Verificación de cifras publicadas\n") :]
    # (the README elides where the specs are: an editable install names the bundled file,
    # the quickstart's ./specs; tests/test_readme_ejemplos.py runs the command as printed)
    assert re.search(r"^- Specs: .*E045\.yaml.*$", real, re.M)
    sin_ruta = re.sub(r"^- Specs: .*$", "- Specs: …E045.yaml…", real, flags=re.M)
    assert shown == sin_ruta


def test_sources_are_shown_as_the_spec_writes_them():
    """Nothing a user wrote is dropped: a source that mentions a «seed» keeps it (the bundled
    specs cite their documents by title; the ficha no longer rewrites any text)."""
    from issste_mon.ficha import vista

    assert vista.cita("  Informe interno (seed 2), p. 4 ") == "Informe interno (seed 2), p. 4"
    assert vista.cita(None) == ""


def _datos(markdown: str) -> dict[str, str]:
    """The «- **Campo:** valor» lines of a Markdown ficha (the last of each label)."""
    return dict(re.findall(r"^- \*\*(.+?):\*\* (.*)$", markdown, re.M))


def test_a_value_the_spec_does_not_have_is_not_shown_as_nd(cli, tmp_path):
    """ND is a state a spec records («no disponible»); a key the spec lacks is said apart."""
    r = cli("ficha", "E049")
    assert r.code == 0, r.err
    d = _datos(r.out)
    for campo in ("Entidades atendidas", "Municipios atendidos", "Hombres atendidos"):
        assert d[campo] == datos.AUSENTE, campo
    assert d["Meta 2023"] == datos.AUSENTE and d["Línea base"] == datos.AUSENTE
    assert f"{datos.AUSENTE}: la spec no registra el valor" in r.out
    # «—» in the ficha's tables comes with the row's reason, as its legend promises
    assert "| — | — | cobertura no calculable: PO no está en la spec (publicado: 70.31%)" in r.out
    out = cli("ficha", "E045", "--anio", "2017").out
    e045 = _datos(out.split("## Indicadores de Fin y Propósito")[1].split("## Definición")[0])
    assert e045["Año base"] == "2017" and e045["Línea base"] == datos.AUSENTE
    spec = tmp_path / "E998.yaml"
    spec.write_text(
        "clave: E998\nramo: 51\nnombre: Prueba\npoblaciones:\n  2023:\n"
        "    unidad_medida: Personas\n    atendida: 400\n    entidades: 32\n"
        "    municipios: ND\n    hombres: NA\n",
        encoding="utf-8",
    )
    d = _datos(cli("ficha", "E998", "--specs", str(tmp_path)).out)
    assert (d["Entidades atendidas"], d["Municipios atendidos"]) == ("32", "ND")
    assert (d["Hombres atendidos"], d["Mujeres atendidas"]) == ("NA", datos.AUSENTE)


def test_recorded_figures_are_printed_as_written(cli):
    """Whole numbers without decimals, others with the decimals the spec has."""
    out = cli("ficha", "E045").out
    sectorial = _datos(out.split("## Indicador sectorial")[1].split("## Presupuesto")[0])
    assert sectorial["Línea base"] == "263,277" and sectorial["Valor 2017"] == "617,711"
    proposito = _datos(out.split("## Indicadores de Fin y Propósito")[1].split("## Definición")[0])
    assert (proposito["Meta 2017"], proposito["Valor 2017"]) == ("543.35", "622.06")
    assert _datos(cli("ficha", "E049").out)["Valor 2023"] == "12,689"


# --- ficha of imported specs (SHCP's real 2017 file) and -f ----------------------------------

_POB17 = SHARED / "data" / "shcp" / "poblaciones_2017.csv"


@pytest.fixture
def pob51(cli, tmp_path):
    if not _POB17.is_file():
        pytest.skip(f"SHCP data not available: {_POB17}")
    out = tmp_path / "p17"
    r = cli("importar", "poblaciones", str(_POB17), "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    return out


def test_ficha_reads_what_the_import_wrote(cli, pob51):
    """51-E045 imported: hombres 13,599 / mujeres 12,756 on a component and each component's
    `definicion.objetivo` — never «sin dato en la spec» for them."""
    r = cli("ficha", "51-E045", "--specs", str(pob51))
    assert r.code == 0, r.err
    cob = r.out.split("### Cobertura 2017", 1)[1].split("###", 1)[0]
    estancias = "(Servicio de Estancias para el Bienestar y Desarrollo Infantil; Niños y Niñas)"
    assert f"Hombres atendidos {estancias}:** 13,599" in cob
    assert f"Mujeres atendidas {estancias}:** 12,756" in cob
    assert "Hombres atendidos:** sin dato" not in cob
    # each component's `definicion.objetivo`, from the model (not «No registrado»)
    defi = r.out.split("## Definición de la población objetivo", 1)[1].split("##", 1)[0]
    assert "No registrado" not in defi
    assert "«Préstamos Personales»: Trabajadores con más de seis meses de antigüedad" in defi


def test_ficha_sums_hombres_only_within_one_unit(cli, tmp_path):
    """Components with one unit: hombres/mujeres summed, the title says so; another unit: one
    line per component, never added."""
    specs = tmp_path / "specs"
    specs.mkdir()
    comps = """
      - {nombre: A, unidad_medida: Personas, atendida: 25, hombres: 10, mujeres: 15}
      - {nombre: B, unidad_medida: personas, atendida: 7, hombres: 5, mujeres: 2}
"""
    otra = "      - {nombre: C, unidad_medida: Hectáreas, atendida: 3, hombres: 1}\n"
    for clave, extra in (("E901", ""), ("E902", otra)):
        (specs / f"{clave}.yaml").write_text(
            f"clave: {clave}\nramo: 51\nnombre: Prueba\npoblaciones:\n  2017:\n"
            f"    componentes:{comps}{extra}",
            encoding="utf-8",
        )
    r = cli("ficha", "E901", "--specs", str(specs))
    assert r.code == 0, r.err
    assert "Hombres atendidos (suma de 2 componentes; Personas):** 15" in r.out
    assert "Mujeres atendidas (suma de 2 componentes; Personas):** 17" in r.out
    r = cli("ficha", "E902", "--specs", str(specs))
    assert r.code == 0, r.err
    assert "Hombres atendidos (suma de" not in r.out
    assert "Hombres atendidos (A; Personas):** 10" in r.out
    assert "Hombres atendidos (C; Hectáreas):** 1" in r.out


@pytest.mark.parametrize(
    ("formato", "inicio"), [("markdown", "# Ficha de monitoreo"), ("html", "<!DOCTYPE html>")]
)
def test_ficha_takes_formato(cli, formato, inicio):
    r = cli("ficha", "E045", "-f", formato)
    assert r.code == 0, r.err
    assert r.out.startswith(inicio)
    r = cli("ficha", "E045", "--formato", formato, "-o", "-")
    assert r.code == 0 and r.out.startswith(inicio)


def test_ficha_formato_and_extension_must_agree(cli, tmp_path):
    r = cli("ficha", "E045", "-f", "xlsx", "-o", str(tmp_path / "e.html"))
    assert r.code == 2 and "-f xlsx no coincide con la extensión de --salida" in r.err
    assert not (tmp_path / "e.html").exists()
    r = cli("ficha", "E045", "-f", "pdf")
    assert r.code == 2 and "html, markdown o xlsx" in r.err
    r = cli("ficha", "E045", "-f", "xlsx", "-o", str(tmp_path / "e.xlsx"))
    assert r.code == 0, r.err
    assert (tmp_path / "e.xlsx").read_bytes()[:2] == b"PK"


def _e045_con(tmp_path, *cambios: tuple[str, str]):
    """The bundled E045 with each (text, replacement) made once."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    for viejo, nuevo in cambios:
        assert viejo in texto
        texto = texto.replace(viejo, nuevo, 1)
    spec = tmp_path / "E045.yaml"
    spec.write_text(texto, encoding="utf-8")
    return spec


def test_markdown_spec_text_that_starts_like_a_block_stays_text(cli, tmp_path):
    """A description «# …» became the ficha's first-level heading and a recommendation
    «- …» a nested list: the line's first mark is escaped, as a spec's «|» is."""
    spec = _e045_con(
        tmp_path,
        ("descripcion: >-\n    El programa", "descripcion: >-\n    # Falso título. El programa"),
        (
            "recomendaciones:\n    - >-\n      A pesar",
            "recomendaciones:\n    - >-\n      - A pesar",
        ),
    )
    r = cli("ficha", "E045", "--specs", str(spec))
    assert r.code == 0, r.err
    lineas = r.out.splitlines()
    assert "\\# Falso título. El programa tiene como fin" in r.out
    assert not any(line.startswith("# Falso") for line in lineas)
    assert any(line.startswith("1. \\- A pesar de ser resultado") for line in lineas)


def test_html_a_long_word_breaks_in_its_cell_and_no_other(cli, tmp_path):
    """A word of 60 letters held its column at its whole length and pushed the columns after
    it off the page; its cell may now break it, and no other cell («2017») is broken."""
    largo = "W" * 60
    spec = _e045_con(
        tmp_path,
        ("    nombre: Cobertura de servicios", f"    nombre: Indicador {largo} de servicios"),
    )
    out = tmp_path / "e045.html"
    assert cli("ficha", "E045", "--specs", str(spec), "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    celdas = re.findall(r"<td( class=\"[^\"]*\")?>([^<]*)</td>", html)
    largas = [texto for clase, texto in celdas if "larga" in clase]
    assert largas and all(largo in texto for texto in largas)
    assert any(texto == "2017" for clase, texto in celdas)  # (short words: no class to break)
    assert "td.larga { overflow-wrap: anywhere; }" in html


def test_html_a_long_word_breaks_in_its_box_of_data(cli, tmp_path):
    """A unit of measure of one 60-letter word widened the indicator's box of data past the
    page and pushed its chart off it: that value may break, the others keep their words."""
    largo = "U" * 60
    spec = _e045_con(
        tmp_path,
        (
            "    unidad_medida: Servicios por cada 1000 derechohabientes",
            f"    unidad_medida: {largo}",
        ),
    )
    out = tmp_path / "e045.html"
    assert cli("ficha", "E045", "--specs", str(spec), "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert f'<dd class="larga">{largo}</dd>' in html
    assert "<dd>Anual</dd>" in html and "<dd>543.35</dd>" in html
    assert "dd.larga { word-break: break-all; }" in html


def test_ficha_adds_component_figures_exactly(cli, tmp_path):
    # 0.1 + 0.2 added as floats printed «0.30000000000000004» (hectares, areas of enfoque)
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "E903.yaml").write_text(
        "clave: E903\nramo: 51\nnombre: Prueba\npoblaciones:\n  2017:\n    componentes:\n"
        "      - {nombre: A, unidad_medida: Hectáreas, atendida: 1, entidades: 0.1}\n"
        "      - {nombre: B, unidad_medida: Hectáreas, atendida: 2, entidades: 0.2}\n",
        encoding="utf-8",
    )
    r = cli("ficha", "E903", "--specs", str(specs))
    assert r.code == 0, r.err
    assert "Entidades atendidas (suma de 2 componentes; Hectáreas):** 0.3\n" in r.out


# --- the summary strip and the boxes say what a figure rests on ------------------------------


def _franja(html: str) -> str:
    """The key-figures strip under the header of an HTML ficha, as text."""
    franja = html.split('<ul class="clave">', 1)[1].split("</ul>", 1)[0]
    return re.sub(r"<[^>]+>", " ", franja)


def test_strip_marks_a_coverage_over_100_as_the_table_does(cli, tmp_path):
    """SHCP's 2017 file gives E036 a PA of 6,543 for a PO of 5,038: the table marks 129.87 %
    with ⚠, and the strip, read first, printed it bare."""
    (tmp_path / "E036.yaml").write_text(
        "clave: E036\nramo: 51\nnombre: Equidad de Género\npoblaciones:\n  2017:\n"
        "    unidad_medida: Personas\n    potencial: 100764\n    objetivo: 5038\n"
        "    atendida: 6543\n",
        encoding="utf-8",
    )
    html = cli("ficha", "E036", "--specs", str(tmp_path), "-f", "html").out.replace("\xa0", " ")
    assert "129.87 % ⚠" in html.split('<ul class="clave">', 1)[1]  # (the table's mark)
    assert "129.87 % ⚠ (PA &gt; PO)" in _franja(html)
    md = cli("ficha", "E036", "--specs", str(tmp_path)).out
    assert "**Cobertura PA/PO 2017:** 129.87 % ⚠ (PA &gt; PO)" in md


_TRES_RANGOS = """\
clave: E997
ramo: 51
nombre: Prueba de rangos
mir:
""" + "".join(
    f"  - {{id: {i}, nivel: {nivel}, nombre: {i}, sentido: ascendente,"
    f" metas: {{2023: {{meta: 100, valor: {valor}}}}}}}\n"
    for i, nivel, valor in (("P1", "Propósito", 80), ("P2", "Propósito", 100), ("F1", "Fin", 130))
)


def test_cumplimiento_chart_says_the_rango_in_words_and_its_legend_lists_its_colours(cli, tmp_path):
    """Each bar is coloured by its rango: the label said only «114.49 %» and the legend
    showed one blue «Cumplimiento» swatch that no bar had (E045's bar is orange, Alto)."""
    (tmp_path / "E997.yaml").write_text(_TRES_RANGOS, encoding="utf-8")
    html = cli("ficha", "E997", "--specs", str(tmp_path), "-f", "html").out
    svg = html.split('aria-labelledby="g-cumplimiento-t')[1].split("</svg>")[0]
    rects = re.findall(
        r'<rect x="[^"]*" y="[^"]*" width="([^"]*)" height="([^"]*)" fill="([^"]*)"', svg
    )
    barras = {fill for _, alto, fill in rects if alto == "14"}
    muestras = {fill for ancho, alto, fill in rects if (ancho, alto) == ("10", "10")}
    assert len(barras) == 3
    assert barras <= muestras  # every colour drawn is in the legend …
    band = re.search(r'fill="([^"]*)" fill-opacity', svg).group(1)
    assert muestras - barras <= {band}  # … and the legend has no colour that is not drawn
    textos = re.findall(r">([^<]*)</text>", svg)
    for rango in ("Bajo", "Adecuado", "Alto"):
        assert any(t.endswith(f"% ({rango})") for t in textos), rango
        assert any(t.startswith(f"{rango} (") for t in textos), rango  # its legend entry


def test_a_cumplimiento_on_an_inferred_sentido_or_a_supuesto_formula_says_so(cli, componentes):
    """E045's 114 % rests on a sentido the FMyE does not print (`inferido: [sentido]`), E044's
    130 % also on the descendente formula the methodology marks supuesto: the ficha printed
    both bare, in the box, the strip, the chart and the table alike."""
    e045 = cli("ficha", "E045").out
    inferido = "⚠ según sentido ascendente inferido (no impreso)"
    caja = _datos(e045.split("## Indicadores de Fin y Propósito")[1].split("## Definición")[0])
    assert caja["Cumplimiento"] == "114.49 % ⚠"  # (the box is narrow: the words beside it)
    assert f"_Cumplimiento {inferido}._" in e045
    assert "**Cumplimiento Propósito 2017:** 114.49 % (Alto) ⚠ según sentido inferido ·" in e045
    assert f"Propósito P1 · 2017: 114.49 % (Alto) {inferido}" in e045  # the chart
    fila = "| 543.35 | 622.06 | 114.49 % ⚠ | Alto | descansa en: sentido ascendente inferido"
    assert fila in e045  # (one ⚠: the table's, with its words in the nota)
    assert "⚠ junto a un cumplimiento: descansa en un supuesto o un dato inferido" in e045
    assert (
        "_Cumplimiento ⚠ según sentido descendente inferido (no impreso); fórmula del descendente "
        "meta / valor × 100 (supuesto de la metodología)._"
    ) in cli("ficha", "E044").out
    html = cli("ficha", "E044", "-f", "html").out.replace("\xa0", " ")
    assert '<p class="fuente">Cumplimiento ⚠ según sentido descendente inferido' in html
    assert "130.00 % (Alto) ⚠ según sentido inferido; fórmula supuesta" in _franja(html)
    # a sentido the spec records as printed: the figure alone
    propio = cli("ficha", "E045", "--specs", str(componentes)).out
    assert "- **Cumplimiento:** 114.49 %\n" in propio
    assert "⚠ según" not in propio


def test_each_components_coverage_chart_is_headed_by_the_component(cli, componentes):
    """A component's chart was titled by its unit alone: 51-E045 imported drew two charts
    headed «Derechohabientes» and none said which component it was (only the folded «Datos
    de la gráfica» did)."""
    html = cli("ficha", "E045", "--specs", str(componentes), "-f", "html").out
    seccion = html.split('<section id="cobertura">')[1].split("</section>")[0]
    figuras = seccion.split("<figure>")[1:]
    rotulos = [re.search(r'<p class="rotulo">([^<]*)</p>\s*<svg', f) for f in figuras]
    assert [r and r.group(1) for r in rotulos] == [
        None,  # the program's total of 2017: the section's title says it
        "Estancias para el Bienestar y Desarrollo Infantil",
        "Préstamos personales de $5,000 a $10,000 &lt;i&gt;",
    ]


def _contraste(color: str, fondo: str = "#ffffff") -> float:
    """WCAG contrast ratio of two #rrggbb colours."""

    def luminancia(h: str) -> float:
        c = [int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    a, b = sorted((luminancia(color), luminancia(fondo)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_every_chart_label_is_legible_on_white(cli):
    """Chart text is 8–10 px: WCAG AA asks 4.5:1. The metas' values were written in the
    diamond's orange (#c0632b, 4.2:1)."""
    for clave in ("E045", "E044", "E048"):
        html = cli("ficha", clave, "-f", "html").out
        colores = set(re.findall(r'<text [^>]*fill="(#[0-9a-fA-F]{6})"', html))
        assert colores, clave
        flojos = {c for c in colores if _contraste(c) < 4.5}
        assert flojos == set(), clave


# 11-E015 as `importar avance` writes it from SHCP's MIR file: one Actividad indicator
_SOLO_ACTIVIDAD = """\
clave: E015
ramo: 11
nombre: Construcción y equipamiento de espacios educativos, culturales y deportivos
mir:
- id: A1
  nivel: Actividad
  nombre: Porcentaje de la elaboración de estudios y proyectos
  sentido: ascendente
  metas:
    2013: {meta: 100, valor: 100}
"""


def test_a_program_with_only_actividad_metas_is_not_said_to_have_no_data(cli, tmp_path):
    """`ficha 11-E015` on specs made by `importar avance` said «no hay datos de 11-E015»,
    and the site's index «sin datos en la spec», of a spec with a meta and a valor (a 100 %
    cumplimiento `cumplimiento` prints): the ficha shows Fin and Propósito only."""
    (tmp_path / "E015.yaml").write_text(_SOLO_ACTIVIDAD, encoding="utf-8")
    r = cli("ficha", "E015", "--specs", str(tmp_path))
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "error: no hay datos de la ficha de 11-E015 en las specs cargadas: la spec solo tiene "
        "metas de indicadores de Actividad, y la ficha muestra los de Fin y Propósito "
        "(la consulta cumplimiento de 11-E015 las calcula)\n"
    )
    tsv = cli("-q", "cumplimiento", "E015", "--specs", str(tmp_path), "-f", "tsv").out
    assert "\tActividad\t" in tsv and "\t100\tAdecuado\t" in tsv
    # cut before its metas: nothing at all to show, as for any program
    r = cli("ficha", "E015", "--specs", str(tmp_path), "--anio", "2012")
    assert r.err == (
        "error: no hay datos de 11-E015 hasta 2012 en las specs cargadas; años con datos de "
        "11-E015 en las specs: 2013\n"
    )
    out = tmp_path / "sitio"
    assert cli("-q", "ficha", "--todas", "--specs", str(tmp_path), "-o", str(out)).code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<td>solo indicadores de Actividad, sin ficha</td>" in index
    assert "sin datos en la spec" not in index


def test_the_site_s_summary_does_not_count_actividad_only_programs_as_without_data(cli, tmp_path):
    """`ficha --todas` on specs made by `importar avance` said «(1 sin datos, solo en el
    índice)» of 11-E015, whose index line says «solo indicadores de Actividad, sin ficha»; the
    levels it names are those of the specs (FID too, not only Componente and Actividad)."""
    (tmp_path / "E015.yaml").write_text(_SOLO_ACTIVIDAD, encoding="utf-8")
    sitio = ("ficha", "--todas", "--specs", str(tmp_path), "-o", str(tmp_path / "sitio"))
    r = cli(*sitio)
    assert r.code == 0, r.err
    assert (
        "index.html, 0 fichas de programa (1 solo en el índice: 1 solo con indicadores de "
        "Actividad) y 0 páginas"
    ) in r.err
    (tmp_path / "E999.yaml").write_text("clave: E999\nramo: 51\nnombre: Sin datos\n", "utf-8")
    fid = _SOLO_ACTIVIDAD.replace("E015", "E016").replace("Actividad", "FID")
    (tmp_path / "E016.yaml").write_text(fid, encoding="utf-8")
    r = cli(*sitio)
    assert r.code == 0, r.err
    assert (
        "index.html, 0 fichas de programa (3 solo en el índice: 1 sin datos y 2 solo con "
        "indicadores de Actividad o FID) y 0 páginas"
    ) in r.err
    index = (tmp_path / "sitio" / "index.html").read_text(encoding="utf-8")
    assert "<td>solo indicadores de FID, sin ficha</td>" in index


def test_the_strip_says_a_newer_ised_edition_has_no_level(cli, tmp_path):
    # importar ised writes SHCP's «ND» cells as such: the strip's level is the newest edition
    # with one, and a newer edition without one is said beside it, not hidden
    specs = tmp_path / "specs"
    (specs / "2").mkdir(parents=True)
    (specs / "2" / "M001.yaml").write_text(
        SOLO_ISED.replace("valor: 0.4", "valor: 0.4\n  2021:\n    valor: ND"), "utf-8"
    )
    r = cli("ficha", "2-M001", "--specs", str(specs))
    assert r.code == 0, r.err
    assert "**ISeD 2020:** Medio (0.400000000); 2021: ND" in r.out
    out = tmp_path / "m001.html"
    assert cli("ficha", "2-M001", "--specs", str(specs), "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert "Medio (0.400000000); 2021: ND" in html
    # cut before it, the newer edition is not shown, nor named
    r = cli("ficha", "2-M001", "--specs", str(specs), "--anio", "2020")
    assert "**ISeD 2020:** Medio (0.400000000)" in r.out and "2021" not in r.out
