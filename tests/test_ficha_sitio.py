"""`ficha --todas` (the site), the charts' edge cases, templates, print and offline output."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.ficha import datos, graficas, markdown, vista

BUNDLED = sorted(p.stem for p in bundled_specs_dir().glob("E*.yaml"))
URL = re.compile(r"https?://[^\s\"'<>)]+")


def _svgs(text: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def _citas() -> set[str]:
    """URLs the specs themselves cite: the only ones the output may print."""
    return {u for f in bundled_specs_dir().glob("*.yaml") for u in URL.findall(f.read_text())}


@pytest.fixture(scope="module")
def sitio(tmp_path_factory):
    from issste_mon import metodologia as methodology
    from issste_mon.carga.loader import load_paths
    from issste_mon.ficha import sitio as mod

    specs = load_paths([str(bundled_specs_dir())])
    met = methodology.load()
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    mod.escribir(specs, met, str(a))
    mod.escribir(specs, met, str(b))
    return a, b


def test_site_has_an_index_and_one_page_per_program(sitio):
    a, _ = sitio
    names = sorted(p.name for p in a.iterdir())
    assert "index.html" in names
    assert [n for n in names if n.startswith("51-")] == [f"51-{c}.html" for c in BUNDLED]
    assert "dependencia-ISSSTE.html" in names and "derivado-PI-ISSSTE-2020-2024.html" in names
    index = (
        (a / "index.html").read_text(encoding="utf-8").replace("\xa0", " ")
    )  # (figure and sign: one word)
    for c in BUNDLED:
        assert f'href="51-{c}.html"' in index
    # Index columns come from the specs, es-MX: E045's cobertura and cumplimiento.
    assert "94.90 % (2017)" in index and "114.49 % ⚠ (2017)" in index
    assert "Básico (0.472, 2024)" in index  # E049's nivel de monitoreo
    dep = (a / "dependencia-ISSSTE.html").read_text(encoding="utf-8")
    assert dep.count('href="51-E0') == 10 and "0.561" in dep and "11 de 15" in dep
    # each published level named in Spanish, not from its key («Nivel texto»)
    assert "Nivel de monitoreo en el texto (publicado en 2024)" in dep
    assert "Nivel texto" not in dep
    pi = (a / "derivado-PI-ISSSTE-2020-2024.html").read_text(encoding="utf-8")
    assert pi.count("<tr>") == 15 + 1  # the 15 indicators and the header


def test_site_is_byte_identical_on_a_second_run(sitio):
    a, b = sitio
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n


def test_site_is_offline_with_relative_links_only(sitio):
    a, _ = sitio
    citas = _citas()
    for page in a.iterdir():
        text = page.read_text(encoding="utf-8")
        assert set(URL.findall(text)) <= citas, page.name  # no network reference
        for ref in re.findall(r'(?:href|src)="([^"]*)"', text):
            assert ref.startswith("#") or (a / ref).is_file(), (page.name, ref)
        assert "<script" not in text and "<link" not in text and "@import" not in text
        assert "seed" not in text.lower(), page.name  # documents are cited by title
        for svg in _svgs(text):
            ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_e045_page_has_every_fmye_block(sitio):
    text = (sitio[0] / "51-E045.html").read_text(encoding="utf-8").replace("\xa0", " ")
    for block in (
        "Descripción del programa",
        "¿Cuáles son los resultados del programa y cómo los mide?",
        "Definición de la población objetivo",
        "Evolución de la cobertura",
        "Análisis de la cobertura",
        "Análisis del sector",
        "Indicador sectorial",
        "Presupuesto ejercido",
        "Fortalezas y/o Oportunidades",
        "Debilidades y/o Amenazas",
        "Recomendaciones",
        "Aspectos Susceptibles de Mejora",
        "Avances del programa en el ejercicio fiscal actual (2018)",
        "Datos de contacto",
    ):
        assert block in text, block
    for figure in ("14,756,442", "784,969", "744,939", "94.90 %", "2,712.44", "213,827.70"):
        assert figure in text
    assert "(avance de 0 %)" in text and "(avance de 40 %)" in text
    assert "precios constantes promedio de 2012" in text
    assert "El programa no comprometió Aspectos de Mejora en el 2018" in text
    assert "Evaluación de diseño" in text and "$522,000.00" in text
    assert "Programa Sectorial de Trabajo y Previsión Social 2013-2018" in text
    assert "Entidades atendidas" in text and "Mujeres atendidas" in text


@pytest.mark.parametrize("clave", BUNDLED)
def test_every_bundled_program_renders_with_legends_of_drawn_series_only(specs, metodologia, clave):
    ctx = vista.programa(datos.construir(specs, metodologia, clave))
    html = markdown.documento(ctx)
    assert ctx["clave"] in html
    for g in ctx["cobertura_graficas"]:
        ET.fromstring(g.svg)
        for serie, campo in (("Potencial (PP)", "potencial"), ("Objetivo (PO)", "objetivo")):
            drawn = any(
                isinstance(r.get(campo), (int, float))
                for r in datos.construir(specs, metodologia, clave).tabla("cobertura").filas
            )
            if not drawn:
                assert serie not in g.svg


def test_e049_coverage_has_one_series_and_its_year_under_the_bar(specs, metodologia):
    ctx = vista.programa(datos.construir(specs, metodologia, "E049"))
    [g] = ctx["cobertura_graficas"]
    assert "Atendida (PA)" in g.svg
    assert "Potencial (PP)" not in g.svg and "Objetivo (PO)" not in g.svg
    assert "12,689" in g.svg and ">2023</text>" in g.svg


def _ind(metas: dict, linea_base=None):
    from issste_mon.modelo import Indicador, LineaBase

    lb = LineaBase(*linea_base) if linea_base else None
    return Indicador(
        id="F1", nivel="Fin", nombre="Indicador de prueba", sentido="ascendente", linea_base=lb
    )


def test_series_with_one_point_all_nd_or_nothing():
    from issste_mon.modelo import Faltante

    one = graficas.serie_indicador(_ind({}), [{"anio": 2020, "valor": 5.0, "meta": None}], "g1")
    assert one is not None and "Valor alcanzado" in one.svg and "Meta" not in one.svg
    assert "<polyline" not in one.svg  # one point: no line
    nd = [{"anio": 2020, "valor": Faltante.ND, "meta": Faltante.ND}]
    assert graficas.serie_indicador(_ind({}), nd, "g2") is None
    assert graficas.cobertura([{"anio": 2020, "unidad_medida": "Personas"}]) is None
    assert graficas.presupuesto([{"anio": 2020, "ejercido_mdp": Faltante.ND}], None) is None
    only_meta = [{"anio": 2020, "valor": None, "meta": 10.0}]
    g = graficas.serie_indicador(_ind({}, (2018, 3.0)), only_meta, "g3")
    assert "Meta" in g.svg and "Valor alcanzado" not in g.svg and "Línea base 2018" in g.svg


SERIE_CON_HUECO = """\
clave: E999
ramo: 51
nombre: Serie con un año ND
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador con hueco
    unidad_medida: Porcentaje
    sentido: ascendente
    metas:
      2019: {meta: 100, valor: 250}
      2020: {meta: 100, valor: ND}
      2021: {meta: 100, valor: 5}
      2022: {meta: 100, valor: 0}
"""


def test_a_year_without_a_valor_breaks_the_line_and_says_its_state(cli, tmp_path):
    # the line went 2019 (250) → 2021 (5) straight across 2020 ND, showing ~127 there
    (tmp_path / "E999.yaml").write_text(SERIE_CON_HUECO, "utf-8")
    page = tmp_path / "e999.html"
    assert cli("ficha", "E999", "--specs", str(tmp_path), "-o", str(page)).code == 0
    (svg,) = [g for g in _svgs(page.read_text("utf-8")) if "Indicador con hueco" in g]
    x = {t: float(a) for a, t in re.findall(r'<text x="([\d.]+)"[^>]*>(20\d\d)</text>', svg)}
    lineas = [
        [float(p.split(",")[0]) for p in pts.split()]
        for pts in re.findall(r'<polyline points="([^"]*)"', svg)
    ]
    assert lineas == [[x["2021"], x["2022"]]]  # 2019 stands alone: no line over 2020
    assert re.search(rf'<text x="{x["2020"]:g}"[^>]*>ND</text>', svg)
    assert "2019: valor 250; 2020: valor ND; 2021: valor 5; 2022: valor 0;" in svg


def _anios_de_tabla(pagina: Path) -> set[int]:
    """The «Año» column of a page's first table."""
    texto = pagina.read_text(encoding="utf-8")
    tabla = re.search(r"<table>.*?</table>", texto, re.S).group(0)
    titulos = re.findall(r"<th scope=\"col\"[^>]*>([^<]*)</th>", tabla)
    col = titulos.index("Año")
    filas = re.findall(r"<tr>(.*?)</tr>", tabla.split("</thead>")[1], re.S)
    celdas = [re.findall(r"<t[dh]\b[^>]*>([^<]*)</t[dh]>", f)[col] for f in filas]
    return {int(c) for c in celdas if c}  # (an indicator without a value has no year)


def test_a_cut_site_cuts_its_dependency_and_derived_pages_too(cli, tmp_path):
    # --anio cut the program pages only: cut at 2016, the ISSSTE page showed the 2024
    # InMonitoreo 0.561 and the derivado's table its 2022 values
    entero, cortado = tmp_path / "entero", tmp_path / "cortado"
    assert cli("ficha", "--todas", "--salida", str(entero)).code == 0
    assert cli("ficha", "--todas", "--anio", "2021", "--salida", str(cortado)).code == 0
    dep = "dependencia-ISSSTE.html"
    assert "InMonitoreo (publicado en 2024)" in (entero / dep).read_text(encoding="utf-8")
    texto = (cortado / dep).read_text(encoding="utf-8")
    assert "InMonitoreo (publicado en 2024)" not in texto and "0.561" not in texto
    assert "Promedio de cumplimiento de Propósito 2023" not in texto  # its verification row
    der = "derivado-PI-ISSSTE-2020-2024.html"
    assert max(_anios_de_tabla(entero / der)) > 2021
    assert max(_anios_de_tabla(cortado / der)) <= 2021


def test_program_without_data_is_listed_but_has_no_page(cli, tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "E999.yaml").write_text("clave: E999\nramo: 51\nnombre: Sin datos\n", "utf-8")
    out = tmp_path / "sitio"
    r = cli("ficha", "--todas", "--specs", str(specs), "--salida", str(out))
    assert r.code == 0, r.err
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "E999" in index and "sin datos en la spec" in index


def test_a_program_with_only_ised_gets_a_page(cli, tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "M001.yaml").write_text(
        "clave: M001\nramo: 2\nnombre: Solo ISeD\n"
        "ised:\n  2020: {valor: 0.651041667, publicado: {nivel: Medio alto}}\n",
        "utf-8",
    )
    (specs / "E999.yaml").write_text("clave: E999\nramo: 51\nnombre: Sin datos\n", "utf-8")
    out = tmp_path / "sitio"
    r = cli("ficha", "--todas", "--specs", str(specs), "--salida", str(out))
    assert r.code == 0, r.err
    assert "1 ficha de programa (1 sin datos, solo en el índice)" in r.err
    assert sorted(p.name for p in out.iterdir()) == ["2-M001.html", "index.html"]
    page = (out / "2-M001.html").read_text(encoding="utf-8")
    assert '<section id="ised">' in page and "0.651041667" in page and "Medio alto" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2-M001.html"' in index and "1 de 1 coincide" in index


def test_a_page_an_earlier_run_wrote_and_this_one_does_not_is_removed(cli, tmp_path):
    """A site folder published as is: the page of a deleted spec, or of a program now without
    data, must not keep serving its old figures; every link resolves; the user's own files
    stay."""
    specs = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), specs)
    out = tmp_path / "sitio"
    args = ("ficha", "--todas", "--specs", str(specs), "--salida", str(out))
    assert cli(*args).code == 0
    assert (out / "51-E045.html").is_file() and (out / "51-E018.html").is_file()
    (out / "notas.html").write_text("<p>mías</p>\n", "utf-8")
    (specs / "E045.yaml").unlink()
    (specs / "E018.yaml").write_text("clave: E018\nramo: 51\nnombre: Sin datos\n", "utf-8")
    r = cli(*args)
    assert r.code == 0, r.err
    assert "Se quitaron 2 páginas" in r.err and "51-E018.html, 51-E045.html" in r.err
    names = sorted(p.name for p in out.iterdir())
    assert "51-E045.html" not in names and "51-E018.html" not in names
    assert (out / "notas.html").read_text("utf-8") == "<p>mías</p>\n"
    for page in out.glob("*.html"):
        for href in re.findall(r'href="([^"#]+)"', page.read_text("utf-8")):
            assert (out / href).is_file(), (page.name, href)
    r = cli(*args)  # nothing more to remove
    assert r.code == 0 and "Se quit" not in r.err


def test_todas_needs_a_folder_and_no_clave(cli, tmp_path):
    assert cli("ficha", "--todas").code == 2
    assert cli("ficha", "E045", "--todas", "-o", str(tmp_path / "s")).code == 2
    assert cli("ficha").code == 2


def test_plantilla_overrides_one_file_and_keeps_the_rest(cli, tmp_path):
    own = tmp_path / "plantillas"
    own.mkdir()
    (own / "estilo.css").write_text("body { color: rebeccapurple; }\n", "utf-8")
    out = tmp_path / "e045.html"
    r = cli("ficha", "E045", "--plantilla", str(own), "-o", str(out))
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "rebeccapurple" in text and "Descripción del programa" in text
    (own / "ficha.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block cuerpo %}<h1>{{ clave }} {{ nombre }}</h1>'
        "{% endblock %}",
        "utf-8",
    )
    assert cli("ficha", "E045", "--plantilla", str(own), "-o", str(out)).code == 0
    assert "<h1>E045 Prestaciones sociales</h1>" in out.read_text(encoding="utf-8")
    assert cli("ficha", "E045", "--plantilla", str(tmp_path / "no"), "-o", str(out)).code == 2
    for n, (text, expected) in enumerate([("{% if %}\n", "ficha.html.j2:1"), ("{{ x }}\n", "x")]):
        broken = tmp_path / f"rota{n}"  # a new folder: the template cache is per folder
        broken.mkdir()
        (broken / "ficha.html.j2").write_text(text, "utf-8")
        r = cli("ficha", "E045", "--plantilla", str(broken), "-o", str(out))
        assert r.code == 2 and expected in r.err and "Traceback" not in r.err


def test_markdown_cells_escape_pipes_and_newlines():
    assert markdown.celda("a | b\nc") == "a \\| b c"


def test_markdown_has_the_html_blocks(cli):
    out = cli("ficha", "E045").out
    for block in (
        "## Descripción del programa",
        "## Fortalezas y/o Oportunidades",
        "## Aspectos Susceptibles de Mejora",
        "## Datos de contacto",
        "(avance de 40 %)",
        "## Indicador sectorial",
    ):
        assert block in out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="sin Chromium: no se puede imprimir a PDF")
@pytest.mark.parametrize("papel", ["", "A4 "])
@pytest.mark.parametrize("clave", BUNDLED)
def test_every_bundled_ficha_prints_on_two_landscape_pages(cli, tmp_path, clave, papel):
    # E049 printed on 3 Letter pages (its verification table pushed page 1 over), E045 on 4
    # A4 pages; the page's paper is the browser's choice, stood for here by @page's size
    page = tmp_path / f"{clave}.html"
    assert cli("ficha", clave, "-o", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert "@page { size: landscape;" in html
    page.write_text(html.replace("@page { size: landscape;", f"@page {{ size: {papel}landscape;"))
    pdf = tmp_path / f"{clave}.pdf"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'perfil'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 2
    boxes = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        assert x1 - x0 > y1 - y0  # landscape
        assert round(x1 - x0) == (842 if papel else 792)


def _cajas(svg: str) -> list[tuple[float, float, float, float, str]]:
    """Bounding boxes of the SVG's labels, with the width estimate the charts lay out with."""
    cajas = []
    for attrs, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        a = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        x, y, size = float(a["x"]), float(a["y"]), float(a["font-size"])
        girado = a.get("transform", "").startswith("rotate(-90")  # (read upward over a bar)
        caja = graficas.Lienzo.caja(x, y, text, size, a["text-anchor"], girado)
        cajas.append((*caja, text))
    return cajas


def _encimadas(svg: str) -> list[tuple[str, str]]:
    cajas = _cajas(svg)
    out = []
    for i, a in enumerate(cajas):
        for b in cajas[i + 1 :]:
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                out.append((a[4], b[4]))
    return out


def test_no_chart_label_overlaps_another(specs, metodologia, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate

    from issste_mon.carga.loader import load_paths

    generate.generate(tmp_path / "sint", programas=40)
    sinteticos = load_paths([str(tmp_path / "sint")], cache=False)
    for conjunto in (specs, sinteticos):
        for p in conjunto.programas:
            try:
                f = datos.construir(conjunto, metodologia, p.id_completo)
            except Exception:  # noqa: BLE001 - a program without data has no ficha
                continue
            ctx = vista.programa(f)
            for g in markdown.graficas(ctx):
                assert _encimadas(g.svg) == [], (p.clave, g.id)


def test_index_counts_only_coincide_as_confirmed_and_each_page_its_own_figures(sitio, cli):
    """«coincide por construcción» rests on inputs taken from the figure: the index says so
    (E045: 4 of its 7 figures coincide, 3 by construction), as `verificar` does; a dependency's
    page sums its own figures, not the whole set's."""
    import re

    sitio, _ = sitio
    indice = (sitio / "index.html").read_text(encoding="utf-8")
    assert ">4 de 7 coinciden, 3 por construcción<" in indice
    assert "7 de 7 coinciden" not in indice
    r = cli("verificar", "ISSSTE", "-f", "csv")
    propio = r.err.strip().splitlines()[-1]
    assert propio.startswith("29 cifras:")  # (with the «11° lugar de 15»)
    pagina = (sitio / "dependencia-ISSSTE.html").read_text(encoding="utf-8")
    assert re.findall(r"\d[\d,]* cifras:[^<]*", pagina) == [propio]


def test_a_name_in_capitals_stays_inside_the_dependency_chart():
    """SHCP's datos abiertos write names in capitals; measured at the average letter (0.56 em)
    «E044 ATENCIÓN A LA SALUD PARA TRABAJADORES…» ran ~50 px off the chart's left edge."""
    assert graficas._ancho("ESTANCIAS DE BIENESTAR") > 1.2 * graficas._ancho(
        "estancias de bienestar"
    )
    assert graficas._ancho("MWMW") > graficas._ancho("ESTA")
    filas = [
        ("E044 ATENCIÓN A LA SALUD PARA TRABAJADORES…", 0.975),
        ("E049 Servicios Integrales a Pensionados", 0.472),
    ]
    g = graficas.barras_h("g-inmonitoreo", "Valoración", filas, str, "de 0 a 1")
    assert min(caja[0] for caja in _cajas(g.svg)) >= 0


_COMPONENTE_SHCP = """\
clave: E044
ramo: 51
nombre: Atención a la Salud
poblaciones:
  2017:
    componentes:
    - nombre: 1. Consulta y 2. Hospitalización
      unidad_medida: Personas
      potencial: 9235118
      objetivo: 2432336
      atendida: 2450450
      hombres: 940083
      mujeres: 1510367
"""


def _medido(pagina, texto: str, script: str, atributo: str, tmp_path, ancho=1280) -> list:
    """The list a measuring `script` leaves in the body's `atributo`, once the page (`texto`
    with the script) is laid out by headless Chromium `ancho` px wide."""
    import html as html_mod
    import json

    pagina.write_text(texto.replace("</body>", script), encoding="utf-8")
    dom = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'perfil'}",
            f"--window-size={ancho},2000",
            "--dump-dom",
            pagina.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    medido = re.search(rf'{atributo}="([^"]*)"', dom)
    assert medido, dom[-500:]
    return json.loads(html_mod.unescape(medido.group(1)))


_MEDIR = """<script>
const fuera = [];
for (const dd of document.querySelectorAll("dl.datos dd")) {
  const caja = dd.closest("section, header, div.indicador") || document.body;
  if (dd.getBoundingClientRect().right > caja.getBoundingClientRect().right + 1) {
    fuera.push(dd.textContent);
  }
}
document.body.setAttribute("data-fuera", JSON.stringify(fuera));
</script></body>"""


@pytest.mark.skipif(_chromium() is None, reason="sin Chromium: no se mide la página")
def test_every_value_of_a_box_of_data_stays_in_its_box(cli, tmp_path):
    """`importar poblaciones` (SHCP 2017) labels «Hombres atendidos (1. Consulta y 2.
    Hospitalización; Personas)»: at its whole width the label left its value a sliver, and
    «sin dato en la spec», «940,083» were drawn over the coverage chart beside it."""

    (tmp_path / "E044.yaml").write_text(_COMPONENTE_SHCP, encoding="utf-8")
    pagina = tmp_path / "e044.html"
    assert cli("ficha", "E044", "--specs", str(tmp_path / "E044.yaml"), "-o", str(pagina)).code == 0
    texto = pagina.read_text(encoding="utf-8")
    assert "Hombres atendidos (1. Consulta y 2. Hospitalización; Personas)" in texto
    assert _medido(pagina, texto, _MEDIR, "data-fuera", tmp_path) == []


_DESBORDA = """<script>
const ocultas = [];
for (const div of document.querySelectorAll("#poblaciones div.tabla")) {
  if (div.offsetParent !== null && div.scrollWidth > div.clientWidth + 1) {
    ocultas.push(div.textContent.slice(0, 60));
  }
}
document.body.setAttribute("data-ocultas", JSON.stringify(ocultas));
</script></body>"""


_CUATRO_ANIOS = """\
clave: E999
ramo: 51
nombre: Cuatro años de poblaciones
poblaciones:
  2019: {potencial: 1000000, objetivo: 500000, atendida: 700000, unidad_medida: Personas}
  2020: {potencial: ND, objetivo: 500000, atendida: ND, unidad_medida: Personas}
  2021: {potencial: 1000000, objetivo: NA, atendida: 3, unidad_medida: Personas}
  2022: {potencial: 1000000, objetivo: 400000, atendida: 0, unidad_medida: Personas}
"""

_CORTADAS = """<script>
const cortadas = [];
for (const div of document.querySelectorAll("div.tabla")) {
  if (div.offsetParent !== null && div.scrollWidth > div.clientWidth + 1) {
    cortadas.push(div.textContent.trim().slice(0, 40));
  }
}
document.body.setAttribute("data-cortadas", JSON.stringify(cortadas));
</script></body>"""


@pytest.mark.skipif(_chromium() is None, reason="sin Chromium: no se mide la página")
def test_a_coverage_table_too_long_to_turn_takes_the_whole_width(cli, tmp_path):
    """Four years (more than it turns on its side) stayed in a third of the screen: PA/PO,
    PO/PP and the notes were behind a scroll bar, each row as tall as its squeezed note."""
    (tmp_path / "E999.yaml").write_text(_CUATRO_ANIOS, encoding="utf-8")
    pagina = tmp_path / "e999.html"
    assert cli("ficha", "E999", "--specs", str(tmp_path), "-o", str(pagina)).code == 0
    texto = pagina.read_text(encoding="utf-8")
    poblaciones = re.search(r'<section id="poblaciones">.*?</section>', texto, re.S).group(0)
    assert "<table" not in poblaciones
    tabla = (
        re.search(r'<section id="cuantificacion".*?</section>', texto, re.S)
        .group(0)
        .replace("\xa0", " ")
    )
    assert "140.00 %" in tabla and "cobertura no calculable: PO NA" in tabla
    assert _medido(pagina, texto, _CORTADAS, "data-cortadas", tmp_path) == []


def test_the_coverage_table_goes_on_its_side_on_a_screen(cli, tmp_path):
    """Seven columns in a third of the page hid PA/PO and PO/PP behind a scroll bar: on a
    screen the few rows of a coverage table are shown on their side (a row per figure), the
    printed landscape page keeps the table whole."""
    import html as html_mod

    pagina = tmp_path / "e045.html"
    assert cli("ficha", "E045", "-o", str(pagina)).code == 0
    texto = pagina.read_text(encoding="utf-8")
    pantalla = texto.split('<div class="en-pantalla">')[1].split("</table>")[0].replace("\xa0", " ")
    filas = [
        [
            html_mod.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[dh]\b.*?</t[dh]>", f)
        ]
        for f in re.findall(r"<tr>.*?</tr>", pantalla, flags=re.S)
    ]
    assert ["PA/PO", "94.90 %"] in filas and ["PO/PP", "5.32 %"] in filas
    assert ["Atendida (PA)", "744,939"] in filas
    assert '<div class="al-imprimir">' in texto  # the whole table, for print
    # each row's title is its header (th scope="row"), as the column titles are
    assert '<th scope="row" class="titulo-fila">PA/PO</th><td class="num">94.90 %</td>' in pantalla
    cuerpo = pantalla.split("<tbody>")[1]
    assert cuerpo.count('<tr><th scope="row"') == cuerpo.count("<tr>") == 6
    if _chromium() is None:
        return
    assert _medido(pagina, texto, _DESBORDA, "data-ocultas", tmp_path) == []


def test_index_marks_what_the_fichas_mark(cli, tmp_path):
    """The index printed E045's 114.49 % (an inferred sentido), E044's 130.00 % (also the
    supuesto descendente formula) and a PA/PO of 129.87 % bare, where each ficha has a ⚠."""
    specs = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), specs)
    (specs / "E036.yaml").write_text(
        "clave: E036\nramo: 51\ndependencia: ISSSTE\nnombre: Equidad de Género\n"
        "poblaciones:\n  2017:\n    unidad_medida: Personas\n    potencial: 100764\n"
        "    objetivo: 5038\n    atendida: 6543\n",
        encoding="utf-8",
    )
    r = cli("ficha", "--todas", "--specs", str(specs), "--salida", str(tmp_path / "sitio"))
    assert r.code == 0, r.err
    index = (tmp_path / "sitio" / "index.html").read_text(encoding="utf-8").replace("\xa0", " ")
    celdas = dict(re.findall(r'href="51-(E0\d\d)\.html".*?</td>(.*?)</tr>', index, re.S))
    cifras = {c: re.findall(r'<td class="num">([^<]*)</td>', t) for c, t in celdas.items()}
    assert cifras["E045"] == ["94.90 % (2017)", "114.49 % ⚠ (2017)"]
    assert cifras["E044"] == ["—", "130.00 % ⚠ (2023)"]
    assert cifras["E036"] == ["129.87 % ⚠ (2017)", "—"]
    assert "⚠ en la cobertura: mayor a 100 %" in index


def test_a_refused_page_leaves_no_page_of_the_site_written(cli, tmp_path):
    """A folder where a page goes: before, the pages before it were written, no index, and the
    error named only the refused one; now every target is checked before any is written."""
    out = tmp_path / "sitio"
    (out / "51-E045.html").mkdir(parents=True)
    r = cli("ficha", "--todas", "--salida", str(out))
    assert r.code == 2
    assert "51-E045.html: es una carpeta" in r.err and "no se escribió ninguna página" in r.err
    assert sorted(p.name for p in out.iterdir()) == ["51-E045.html"]


def test_a_write_failing_half_way_names_the_pages_written_and_not(cli, tmp_path, monkeypatch):
    """A failure only the write itself meets (a full disk): the error says which pages this
    run wrote and which it did not, the index among these."""
    from issste_mon.errores import EntradaInvalida
    from issste_mon.ficha import sitio as mod

    real = mod.escribir_atomico

    def lleno(ruta, datos, entradas=()):
        if Path(ruta).name == "51-E036.html":
            raise EntradaInvalida(f"no se puede escribir {ruta}: no queda espacio en el disco")
        return real(ruta, datos, entradas)

    monkeypatch.setattr(mod, "escribir_atomico", lleno)
    out = tmp_path / "sitio"
    r = cli("ficha", "--todas", "--salida", str(out))
    assert r.code == 2
    escritas = sorted(p.name for p in out.iterdir())
    assert escritas == ["51-E015.html", "51-E018.html"]
    linea = r.err.strip()
    assert "\n" not in linea and "el sitio quedó incompleto" in linea
    hechas, _, faltan = linea.partition("; no se escribieron ")
    assert "se escribieron 2 páginas (51-E015.html, 51-E018.html)" in hechas
    assert faltan.startswith("51-E036.html, 51-E042.html") and faltan.endswith("index.html")


def test_a_site_folder_name_too_long_is_named(cli, tmp_path):
    larga = tmp_path / ("s" * 300)
    r = cli("ficha", "--todas", "--salida", str(larga))
    assert r.code == 2 and str(larga) in r.err and "demasiado largo" in r.err


@pytest.mark.skipif(_chromium() is None, reason="sin Chromium: no se mide la página")
@pytest.mark.parametrize("ancho", [1280, 900])
def test_no_table_of_the_site_hides_columns_behind_a_scroll_bar(sitio, tmp_path, ancho):
    """At 900 px the dependency page's verification table (7 columns, «calidad_indicadores_
    mas_baja» and its like unbroken) ran 45 px past its box: the explanations' right edge was
    cut, the scroll bar at the foot of a table 3,000 px tall. A name run together breaks after
    its «_» now."""
    sitio, _ = sitio
    for pagina in sorted(sitio.glob("*.html")):
        texto = pagina.read_text(encoding="utf-8")
        copia = tmp_path / pagina.name
        assert _medido(copia, texto, _CORTADAS, "data-cortadas", tmp_path, ancho) == [], pagina
    dep = (sitio / "dependencia-ISSSTE.html").read_text(encoding="utf-8")
    assert "calidad_<wbr>indicadores_<wbr>mas_<wbr>baja" in dep  # (copied, it is one word)


def test_the_derived_page_says_what_its_columns_a_and_e_are(sitio):
    """The Programa Institucional's page headed two columns «A» and «E» over 15 rows of «—»
    and said nowhere what they were (short names, for the terminal's narrow columns)."""
    sitio, _ = sitio
    pi = (sitio / "derivado-PI-ISSSTE-2020-2024.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="num">A</th><th scope="col" class="num">E</th>' in pi
    pie = pi[pi.index("<footer>") :]
    assert "A: avance hacia la meta sexenal, (valor − línea base) / (meta sexenal − línea" in pie
    assert "E: avance esperado al año del valor" in pie


def test_a_figure_never_breaks_from_its_sign(sitio):
    """«$ 52,587.80» in the verification table of the dependency page broke after the «$» in
    a 700 px window: every figure of every page keeps its «$» and its «%» with a no-break
    space, in cells, headlines and charts alike."""
    paginas = {p.name: p.read_text(encoding="utf-8") for p in sitio[0].glob("*.html")}
    dep = paginas["dependencia-ISSSTE.html"]
    assert "<td>$\xa052,587.80</td><td>$\xa052,587.80</td>" in dep
    assert '<td class="num">94.90\xa0%</td>' in paginas["51-E045.html"]
    for nombre, texto in paginas.items():
        cuerpo = texto.split("</style>", 1)[1]  # (the stylesheet's comments are no figures)
        assert not re.findall(r"\$ \d|\d %", cuerpo), nombre


_COMPONENTE_LARGO = """\
clave: E043
ramo: 51
nombre: Prevención y Control de Enfermedades
poblaciones:
  2017:
    componentes:
    - nombre: >-
        1. Vacunas para la prevención de enfermedades transmisibles; 2. Pruebas de detección
        de enfermedades crónico degenerativas; y 3. Pruebas de detección de cáncer
      unidad_medida: Personas
      potencial: 13113158
      objetivo: 2840906
      atendida: 2840906
"""


@pytest.mark.skipif(_chromium() is None, reason="sin Chromium: no se mide la página")
def test_a_long_component_name_in_the_index_wraps_and_hides_no_column(cli, tmp_path):
    """With the specs of `importar poblaciones` (SHCP 2017), the index's PA/PO cell held E043's
    167-letter component name on one line (`.num` does not wrap): the table ran past the page
    and Cumplimiento, Nivel de monitoreo and Verificación were behind a scroll bar."""
    (tmp_path / "E043.yaml").write_text(_COMPONENTE_LARGO, encoding="utf-8")
    out = tmp_path / "sitio"
    assert (
        cli("-q", "ficha", "--todas", "--specs", str(tmp_path / "E043.yaml"), "-o", str(out)).code
        == 0
    )
    texto = (out / "index.html").read_text(encoding="utf-8")
    assert "100.00\xa0% (2017, 1. Vacunas para la prevención" in texto
    assert _medido(tmp_path / "index.html", texto, _CORTADAS, "data-cortadas", tmp_path) == []


def test_the_derived_page_says_what_each_published_category_rests_on(sitio):
    """The page shows the categories of the Programa Institucional, all published; its
    «Verificación del avance publicado» column says «no verificable», and the notes say why
    (no línea base, meta sexenal or 2021 value), as `sexenal` and `verificar` do."""
    sitio, _ = sitio
    pi = (sitio / "derivado-PI-ISSSTE-2020-2024.html").read_text(encoding="utf-8")
    assert ">Verificación del avance publicado</th>" in pi
    assert pi.count("<td>no verificable</td>") == 12
    texto = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", pi)).split())
    assert (
        "Categorías de avance publicadas, según «verificar»: 1 coincide, 2 coinciden "
        "por construcción y 12 no verificables." in texto
    )
    assert (
        "No verificable (1.1, 1.2, 1.3, 2.2, 4.2, 5.1, 5.2, 5.3): no calculable: faltan línea "
        "base, meta sexenal y valor 2021 en la spec (corte 2021)." in texto
    )
    assert "Categorías de meta intermedia publicadas, según «verificar»" in texto


def test_every_verdict_in_a_page_has_a_class_estilo_colours_as_its_kind(sitio):
    """ISSSTE's dependency page verifies 29 figures: one «difiere, explicada» (resumen.2024[9])
    and one «contradicción en la fuente» (resumen.2024[14]). Their cells took the verdict's
    words as their class — «difiere,-explicada», «contradicción-en-la-fuente» — which no rule
    of estilo.css matched: a figure that differs showed as uncoloured as one that coincides by
    construction. Now each verdict has its class (`vista.CLASE_VEREDICTO`): red for what
    differs, amber for the source's contradiction (the index's), green for coincide."""
    sitio, _ = sitio
    pagina = (sitio / "dependencia-ISSSTE.html").read_text(encoding="utf-8")
    celdas = re.findall(r'<td class="([^"]*)">([^<]*)</td>', pagina)
    veredictos = {t.strip().removesuffix(" ⚠"): c for c, t in celdas}
    assert veredictos["difiere, explicada"] == "difiere"
    assert veredictos["contradicción en la fuente"] == "contradiccion"
    css = (Path(vista.__file__).parent / "plantillas" / "estilo.css").read_text("utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # (a comment is no selector)

    def color(clase: str) -> str | None:
        for selectores, cuerpo in re.findall(r"([^{}]+)\{([^}]*)\}", css):
            if f".{clase}" in [s.strip() for s in selectores.split(",")]:
                if m := re.search(r"(?<![-\w])color:\s*([^;]+);", cuerpo):
                    return m.group(1).strip()
        return None

    assert color("difiere") and color("contradiccion") and color("coincide")
    assert len({color("difiere"), color("contradiccion"), color("coincide")}) == 3
    for clase in vista.CLASE_VEREDICTO.values():  # a CSS identifier, no escaping needed
        assert re.fullmatch(r"[a-z][a-z-]*", clase), clase
