"""The ficha's charts as a reader sees them: each figure readable, none left out unsaid.

Asserted on the SVG's structure (the boxes the charts lay out with), never on pixels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from issste_mon.ficha import datos, graficas, markdown, vista


def _textos(svg: str) -> list[dict]:
    """Every <text> with its box as drawn (a `rotate(-90 x y)` turns it upward)."""
    out = []
    for t in ET.fromstring(svg).iter("text"):
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        caja = graficas.Lienzo.caja(x, y, t.text, size, t.get("text-anchor"))
        if (t.get("transform") or "").startswith("rotate(-90"):
            # turned about (x, y): its run goes up from y, its ascent to the left of x
            x0, y0, x1, y1 = caja
            caja = (x - (y - y0), y - (x1 - x), x + (y1 - y), y - (x0 - x))
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
