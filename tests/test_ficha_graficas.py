"""The ficha's charts as a reader sees them: each figure readable, none left out unsaid.

Asserted on the SVG's structure (the boxes the charts lay out with), never on pixels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from issste_mon.ficha import datos, graficas, markdown, vista


def _textos(svg: str) -> list[dict]:
    """Every <text> with its box as drawn (a `rotate(-90 x y)` reads upward)."""
    out = []
    for t in ET.fromstring(svg).iter("text"):
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        girado = (t.get("transform") or "").startswith("rotate(-90")
        caja = graficas.Lienzo.caja(x, y, t.text, size, t.get("text-anchor"), girado)
        out.append({"texto": t.text, "caja": caja, "halo": t.get("paint-order") == "stroke"})
    return out


def _lineas(svg: str) -> list[tuple[float, float, float, float]]:
    return [
        tuple(float(ln.get(k)) for k in ("x1", "y1", "x2", "y2"))
        for ln in ET.fromstring(svg).iter("line")
    ]


def _cruza(caja, linea) -> bool:
    x0, y0, x1, y1 = caja
    a0, b0, a1, b1 = linea
    return min(a0, a1) <= x1 and x0 <= max(a0, a1) and min(b0, b1) <= y1 and y0 <= max(b0, b1)


def _graficas(specs, metodologia):
    for p in specs.programas:
        try:
            f = datos.construir(specs, metodologia, p.id_completo)
        except Exception:  # noqa: BLE001 - a program without data has no ficha
            continue
        yield from ((p.clave, g) for g in markdown.graficas(vista.programa(f)))


def test_a_line_under_a_figure_does_not_cross_its_digits(specs, metodologia):
    """E048's cumplimiento «94.75 % (Adecuado)» was struck through by the dashed 100 % line, and
    E045's «784,969» sat on its gridline: every text a line passes under has a white halo."""
    cruzadas = 0
    for clave, g in _graficas(specs, metodologia):
        lineas = _lineas(g.svg)
        for t in _textos(g.svg):
            if any(_cruza(t["caja"], ln) for ln in lineas):
                cruzadas += 1
                assert t["halo"], (clave, g.id, t["texto"])
    assert cruzadas >= 3  # (E048's and E045's cumplimiento, E045's coverage at least)
    halo = re.search(r'<text [^>]*paint-order="stroke"[^>]*>94.75 %', _e048(specs, metodologia))
    assert halo and 'stroke="#ffffff"' in halo.group(0)


def _e048(specs, metodologia) -> str:
    return vista.programa(datos.construir(specs, metodologia, "E048"))["cumplimiento_grafica"].svg


# Four years of 8-digit populations and five of 6-digit amounts: over bars 21 and 38 px wide
# the old charts drew none of the populations and three of the five amounts, and said nothing.
_ANCHAS = """\
clave: E990
ramo: 51
nombre: Cifras anchas
presupuesto:
  2019: {ejercido: 123456.78, ramo: 300000}
  2020: {ejercido: 134567.89, ramo: 310000}
  2021: {ejercido: 98765.43, ramo: 320000}
  2022: {ejercido: 145678.90, ramo: 330000}
  2023: {ejercido: 1234.56, ramo: 340000}
poblaciones:
  2019: {potencial: 14756442, objetivo: 9849690, atendida: 7449390, unidad_medida: Personas}
  2020: {potencial: 14856442, objetivo: 9849690, atendida: 7449390, unidad_medida: Personas}
  2021: {potencial: 14956442, objetivo: 9849690, atendida: ND, unidad_medida: Personas}
  2022: {potencial: 15056442, objetivo: 9849690, atendida: 9449390, unidad_medida: Personas}
"""


def _rects(svg: str) -> list[tuple[float, float, float, float]]:
    return [
        (float(r.get("x")), float(r.get("y")), float(r.get("x")) + float(r.get("width")),
         float(r.get("y")) + float(r.get("height")))
        for r in ET.fromstring(svg).iter("rect")
    ]  # fmt: skip


def _encima(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def test_every_bar_has_its_figure_over_it_even_when_it_is_wider_than_the_bar(tmp_path, metodologia):
    from issste_mon.carga.loader import load_paths

    (tmp_path / "E990.yaml").write_text(_ANCHAS, encoding="utf-8")
    ctx = vista.programa(datos.construir(load_paths([str(tmp_path)]), metodologia, "E990"))
    [cob], pres = ctx["cobertura_graficas"], ctx["presupuesto_grafica"]
    esperadas = {
        cob.id: ["14,756,442", "14,856,442", "14,956,442", "15,056,442", "9,849,690",
                 "7,449,390", "9,449,390", "ND"],
        pres.id: ["123,456.78", "134,567.89", "98,765.43", "145,678.90", "1,234.56"],
    }  # fmt: skip
    for g in (cob, pres):
        textos = _textos(g.svg)
        escritos = [t["texto"] for t in textos]
        for cifra in esperadas[g.id]:
            assert cifra in escritos, (g.id, cifra)  # a label of its own, not only the note
        assert not any(t.startswith(graficas.PREFIJO_SIN_ROTULO) for t in escritos)
        raiz = ET.fromstring(g.svg)
        ancho, alto = float(raiz.get("width")), float(raiz.get("height"))
        for t in textos:
            x0, y0, x1, y1 = t["caja"]
            assert x0 >= 0 and y0 >= 0 and x1 <= ancho and y1 <= alto, (g.id, t["texto"])
            for otra in textos:
                assert otra is t or not _encima(t["caja"], otra["caja"]), (t["texto"], otra)
            for barra in _rects(g.svg):
                assert not _encima(t["caja"], barra), (g.id, t["texto"])


# Eight years whose valor and meta differ by 1 %: their labels cannot all be drawn apart.
_APRETADAS = """\
clave: E991
ramo: 51
nombre: Figuras apretadas
mir:
  - id: P1
    nivel: Propósito
    nombre: Personas atendidas
    metodo_calculo: Personas atendidas en el año
    unidad_medida: Personas
    tipo: estratégico
    dimension: eficacia
    frecuencia: anual
    sentido: ascendente
    linea_base: {anio: 2012, valor: 100000}
    metas:
""" + "".join(
    f"      {a}: {{meta: {100000 + 1000 * i}, valor: {101000 + 1000 * i}}}\n"
    for i, a in enumerate(range(2013, 2021))
)


def test_a_figure_without_room_for_its_label_is_named_under_the_plot(tmp_path, metodologia):
    """The series chart drew the labels that fit and dropped the rest silently (a reader takes
    the labels for the chart's figures; in print the «Datos de la gráfica» are not shown)."""
    from issste_mon.carga.loader import load_paths

    (tmp_path / "E991.yaml").write_text(_APRETADAS, encoding="utf-8")
    ctx = vista.programa(datos.construir(load_paths([str(tmp_path)]), metodologia, "E991"))
    [g] = [i["grafica"] for i in ctx["indicadores"] if i["grafica"]]
    textos = [t["texto"] for t in _textos(g.svg)]
    [desde] = [i for i, t in enumerate(textos) if t.startswith(graficas.PREFIJO_SIN_ROTULO)]
    nota = " ".join(textos[desde:])  # (its lines, wrapped to the chart's width)
    etiquetas = set(textos)
    for i, a in enumerate(range(2013, 2021)):
        for que, cifra in (("valor", 101000 + 1000 * i), ("meta", 100000 + 1000 * i)):
            escrita = f"{cifra:,}"
            assert escrita in etiquetas or f"{a} {que} {escrita}" in nota, (a, que)
    assert any(f"{a} {q} " in nota for a in range(2013, 2021) for q in ("valor", "meta"))
    raiz = ET.fromstring(g.svg)
    assert all(t["caja"][3] <= float(raiz.get("height")) for t in _textos(g.svg))


def test_the_linea_base_has_its_figure_beside_its_point(specs, metodologia):
    """E045's sector indicator drew the línea base 2013 as a grey square with no figure: the
    legend named its year only, and 263,277 was nowhere on the chart."""
    [sector] = vista.programa(datos.construir(specs, metodologia, "E045"))["sectoriales"]
    assert "263,277" in [t["texto"] for t in _textos(sector["grafica"].svg)]


def test_each_warning_of_the_cumplimiento_chart_says_in_it_what_it_rests_on(specs, metodologia):
    """E044's bar read «130.00 % (Alto) ⚠» and its words were only in the collapsed «Datos de
    la gráfica», which print does not show; the page's footnote says a ⚠ rests on something,
    not on what."""
    g = vista.programa(datos.construir(specs, metodologia, "E044"))["cumplimiento_grafica"]
    textos = [t["texto"] for t in _textos(g.svg)]
    assert "130.00 % (Alto) ⚠" in textos
    [desde] = [i for i, t in enumerate(textos) if t.startswith("⚠ según ")]
    nota = " ".join(textos[desde:])
    assert nota == (
        "⚠ según sentido descendente inferido (no impreso), fórmula del descendente meta / valor"
        " × 100 (supuesto de la metodología): Propósito P1 · 2023."
    )
    raiz = ET.fromstring(g.svg)
    assert all(t["caja"][2] <= float(raiz.get("width")) for t in _textos(g.svg))
    assert all(t["caja"][3] <= float(raiz.get("height")) for t in _textos(g.svg))


def test_eleven_years_of_budget_stay_legible_in_their_third_of_a_page(tmp_path, metodologia):
    """90 px a year drew 11 years 990 px wide, shrunk into a third of the page (~400 px): its
    9 px text came out 3.6 px high. Each year past four gets 40 px, its figure read upward,
    its share «0.94 %» under it and the legend saying of what."""
    from issste_mon.carga.loader import load_paths

    anios = "".join(
        f"  {a}: {{ejercido: {2000 + 137 * i}.45, ramo: 213827.70}}\n"
        for i, a in enumerate(range(2014, 2025))
    )
    spec = "clave: E992\nramo: 51\nnombre: Once años\npresupuesto:\n" + anios
    (tmp_path / "E992.yaml").write_text(spec, encoding="utf-8")
    g = vista.programa(datos.construir(load_paths([str(tmp_path)]), metodologia, "E992"))[
        "presupuesto_grafica"
    ]
    raiz = ET.fromstring(g.svg)
    ancho = float(raiz.get("width"))
    assert ancho <= 520
    textos = _textos(g.svg)
    escritos = [t["texto"] for t in textos]
    assert "Bajo cada año: su % del ramo" in escritos
    for i in range(11):
        assert f"{2000 + 137 * i:,}.45" in escritos
    assert escritos.count("0.94 %") == 1 and "1.58 %" in escritos
    for t in textos:
        assert t["caja"][0] >= 0 and t["caja"][2] <= ancho, t["texto"]
        for otra in textos:
            assert otra is t or not _encima(t["caja"], otra["caja"]), (t["texto"], otra)


@pytest.mark.parametrize("pp", [14_000_000, 1_400_000])  # with and without the detail panel
def test_eight_years_of_coverage_stay_legible_in_their_third_of_a_page(tmp_path, metodologia, pp):
    """Eight years drew 717 px wide, or 1,040 with the detail panel beside the first: shrunk
    into a third of the page. Past four years each gets 44 px, the detail panel under the
    first."""
    from issste_mon.carga.loader import load_paths

    anios = "".join(
        f"  {a}: {{potencial: {pp + 1000 * i}, objetivo: {720130 + 10 * i}, "
        f"atendida: {664091 + 7 * i}, unidad_medida: Personas}}\n"
        for i, a in enumerate(range(2013, 2021))
    )
    spec = "clave: E993\nramo: 51\nnombre: Ocho años\npoblaciones:\n" + anios
    (tmp_path / "E993.yaml").write_text(spec, encoding="utf-8")
    ctx = vista.programa(datos.construir(load_paths([str(tmp_path)]), metodologia, "E993"))
    [g] = ctx["cobertura_graficas"]
    ancho = float(ET.fromstring(g.svg).get("width"))
    assert ancho <= 480
    textos = _textos(g.svg)
    escritos = [t["texto"] for t in textos]
    for i in range(8):
        for cifra in (pp + 1000 * i, 720130 + 10 * i, 664091 + 7 * i):
            assert f"{cifra:,}" in escritos, cifra
    for t in textos:
        assert t["caja"][0] >= 0 and t["caja"][2] <= ancho, t["texto"]
        for otra in textos:
            assert otra is t or not _encima(t["caja"], otra["caja"]), (t["texto"], otra)
    if "Detalle PO y PA (escala propia)" in escritos:  # under the first panel's years
        [detalle] = [t for t in textos if t["texto"] == "Detalle PO y PA (escala propia)"]
        assert detalle["caja"][1] > min(t["caja"][3] for t in textos if t["texto"] == "2013")


@pytest.mark.parametrize(
    ("vmax", "tope", "etiquetas"),
    [
        (180, 200, ["0", "50", "100", "150", "200"]),
        (114.49, 125, ["0", "25", "50", "75", "100", "125"]),
        (100, 100, ["0", "25", "50", "75", "100"]),
        (7, 7.5, ["0.0", "2.5", "5.0", "7.5"]),  # (a 2.5 step printed with no decimals: «3»)
        (2712.44, 3000, ["0", "1,000", "2,000", "3,000"]),
    ],
)
def test_the_axis_ends_at_the_smallest_round_value_that_holds_the_figures(vmax, tope, etiquetas):
    ticks, dec = graficas.escala(vmax)
    assert ticks[-1] == tope and ticks[-2] < vmax <= ticks[-1]
    assert [graficas.fmt_number(t, dec) for t in ticks] == etiquetas


def test_a_180_percent_cumplimiento_gets_an_axis_to_200_not_300(tmp_path, metodologia):
    """meta 500, valor 900: the axis went to 300 % (×1.15 headroom, then a step of 100),
    the bar in half the width; the band 90–110 % still shows."""
    from issste_mon.carga.loader import bundled_specs_dir, load_paths

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    texto = texto.replace("meta: 543.35", "meta: 500").replace("valor: 622.06", "valor: 900")
    texto = texto.replace('cumplimiento: "114%"', 'cumplimiento: "180%"')
    (tmp_path / "E045.yaml").write_text(texto, encoding="utf-8")
    specs = load_paths([str(tmp_path)])
    g = vista.programa(datos.construir(specs, metodologia, "E045"))["cumplimiento_grafica"]
    textos = [t["texto"] for t in _textos(g.svg)]
    assert "180.00 % (Alto) ⚠" in textos
    eje = [t for t in textos if re.fullmatch(r"\d+ %", t)]
    assert eje == ["0 %", "50 %", "100 %", "150 %", "200 %"]
    assert textos.count("Rango esperado 90–110 %") == 1  # (the band's legend)
    raiz = ET.fromstring(g.svg)
    assert all(t["caja"][2] <= float(raiz.get("width")) for t in _textos(g.svg))


def _luminancia(color: str) -> float:
    """WCAG relative luminance of «#rrggbb»."""
    canales = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lineal = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in canales]
    return 0.2126 * lineal[0] + 0.7152 * lineal[1] + 0.0722 * lineal[2]


def test_the_three_rangos_differ_in_grey_as_well_as_in_hue(tmp_path, metodologia):
    """Printed in grey, the Bajo bar (#b8483c, luminance 0.152) and the Adecuado one (0.158)
    were the same grey: the three rangos now differ in lightness by a clear margin, and each
    bar still says its rango in words."""
    from issste_mon.carga.loader import load_paths

    (tmp_path / "E998.yaml").write_text(
        "clave: E998\nramo: 51\nnombre: Prueba\nmir:\n  - id: P1\n    nivel: Propósito\n"
        "    nombre: Indicador\n    sentido: ascendente\n    metas:\n"
        "      2021: {meta: 100, valor: 80}\n      2022: {meta: 100, valor: 100}\n"
        "      2023: {meta: 100, valor: 130}\n",
        encoding="utf-8",
    )
    specs = load_paths([str(tmp_path)])
    g = vista.programa(datos.construir(specs, metodologia, "E998"))["cumplimiento_grafica"]
    textos = [t["texto"] for t in _textos(g.svg)]
    for rotulo in ("80.00 % (Bajo)", "100.00 % (Adecuado)", "130.00 % (Alto)"):
        assert rotulo in textos
    alto_fila = 22 - 8  # (a bar is its row's height less its margins; legend swatches are 10)
    barras = [
        r.get("fill")
        for r in ET.fromstring(g.svg).iter("rect")
        if r.get("height") == f"{alto_fila}"
    ]
    assert len(barras) == 3 and len(set(barras)) == 3
    bajo, adecuado, alto = (_luminancia(c) for c in barras)
    assert bajo + 0.08 < adecuado and adecuado + 0.08 < alto
    # and the lightest still stands out from the white page (WCAG 1.4.11: 3:1 for graphics;
    # Alto's #c98a1b was 2.94:1)
    assert (1 + 0.05) / (alto + 0.05) >= 3
