"""The ficha's charts as hand-written SVG: linear axes from zero, legends of the series drawn.

One function per FMyE chart: an indicator's series with its metas and línea base, the evolution
of coverage (PP, PO, PA), the budget in MDP with its share of the ramo, and the cumplimiento of
each indicator against the expected band. Every chart carries `<title>` and `<desc>` (the values
as text) and the ficha prints the same figures in a table beside it. No randomness, no dates,
no fonts or links: the same specs give the same bytes. Labels never overlap: a bar's figure
is read upward when it is wider than its bar, and a figure with no room for its label is named
in a line under the plot, never left out unsaid.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from html import escape as _escape_html

from issste_mon.calc.cobertura import SIGLAS
from issste_mon.calc.presupuesto import en_palabras
from issste_mon.ficha.datos import AUSENTE_CORTO as SIN_DATO
from issste_mon.ficha.datos import fmt_cumplimiento
from issste_mon.salida.numfmt import fmt_number, fmt_pct, fmt_valor
from issste_mon.salida.sanear import marcado


def escape(texto: str) -> str:
    """Text inside the SVG: controls escaped visibly first (XML 1.0 cannot hold ESC or BEL, and
    a standalone .svg with one is not an image at all), then `<`, `&` and quotes."""
    return _escape_html(marcado(texto))


TINTA, SUAVE, REJILLA = "#1d2733", "#55606c", "#e3e7eb"
COLORES_POBLACION = {"potencial": "#aab4bf", "objetivo": "#5b8fc7", "atendida": "#1f3f66"}
NOMBRES_POBLACION = {
    "potencial": "Potencial (PP)",
    "objetivo": "Objetivo (PO)",
    "atendida": "Atendida (PA)",
}
# Three lightnesses as well as three hues, dark to light (CIE L* 28, 47, 60): printed in grey,
# Bajo (#b8483c, L* 46) and Adecuado were one grey. Each bar also names its rango in words.
# Alto is as light as a bar on white may be: #c98a1b was 2.94:1, under WCAG's 3:1 for
# graphics; #c28419 is 3.18:1.
COLOR_RANGO = {"bajo": "#7a2418", "adecuado": "#2e7d4f", "alto": "#c28419"}
COLOR_BANDA, COLOR_BARRA, COLOR_META, COLOR_BASE = "#2e7d4f", "#5b8fc7", "#c0632b", "#7a8591"
OPACIDAD_BANDA = 0.15
# A meta's value is written in the diamond's hue, darker: #c0632b on white is 4.2:1, under
# the 4.5:1 that text this small needs (WCAG AA)
TEXTO_META = "#a4521f"
# Coverage: a second panel for PO and PA on their own linear scale once PP is this many times
# larger (E045: PP 14.8 M against PO 0.78 M), so PO and PA are not slivers. Presentation only.
DETALLE_DESDE = 10
# Years a bar chart gives room to spare (a budget 90 px each, «1.27 % del ramo» under each).
# Past them it would outgrow the third of a page it is drawn in and be shrunk past reading (11
# years of budget: 990 px in ~400, its 9 px text drawn 3.6 px high): each year gets 40–44 px,
# its figures read upward (a budget's share written «1.27 %», the legend saying of what).
ANIOS_HOLGADOS = 4
FUENTE = 10  # px; chart text scales with the SVG
PREFIJO_SIN_ROTULO = "Sin rótulo por falta de espacio:"
HALO = ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'


@dataclass(frozen=True)
class Grafica:
    id: str  # stable name: used for ids inside the SVG and for the file beside a Markdown ficha
    titulo: str
    descripcion: str  # text alternative: also inside the SVG as <desc>
    svg: str
    # what the chart is of, printed over it: a component's coverage drawn under its unit
    # alone («Derechohabientes» twice in 51-E045 imported) did not say which component
    rotulo: str | None = None


# Widths in em of the letters that stray furthest from a sans-serif's ~0.56 em average (Arial,
# Helvetica, Liberation Sans). One average for every letter put a name in capitals («SERVICIOS
# DE ESTANCIAS…», as SHCP's datos abiertos write them) ~50 px off the chart's left edge.
_EM_GRUPOS = {
    0.3: "ijlfrtIíì ()'!|·[]",
    0.72: "w",
    0.83: "mM",
    0.94: "W",
    1.0: "…—%",
}
_EM = {ch: em for em, letras in _EM_GRUPOS.items() for ch in letras}
_EM_MAYUSCULA, _EM_MEDIA = 0.68, 0.56


def _ancho(texto: str, size: float = FUENTE) -> float:
    """Estimated width of a label in px, as drawn (an escaped control is four characters
    wide), letter by letter."""
    em = sum(_EM.get(ch) or (_EM_MAYUSCULA if ch.isupper() else _EM_MEDIA) for ch in marcado(texto))
    return em * size


def _n(x) -> float | None:
    if isinstance(x, Decimal):  # exact results of calc/: drawing needs only floats
        x = float(x)
    if isinstance(x, bool) or not isinstance(x, (int, float)) or math.isnan(x):
        return None
    return float(x)


def _f(x: float) -> str:
    """Coordinates with at most one decimal: compact, stable text."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


class Lienzo:
    def __init__(self, id_: str, ancho: int, alto: int, titulo: str, descripcion: str):
        self.id, self.ancho, self.alto = id_, ancho, alto
        self.titulo, self.descripcion = titulo, descripcion
        self.partes: list[str] = []
        self.cajas: list[tuple[float, float, float, float]] = []  # every label drawn so far
        # figures with no room for their label anywhere: the chart names them under its plot
        self.sin_rotulo: list[str] = []

    @staticmethod
    def caja(
        x, y, s, size=FUENTE, anchor="start", girado=False
    ) -> tuple[float, float, float, float]:
        w = _ancho(s, size)
        x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        if girado:  # turned -90° about (x, y): the run goes up from y, the ascent to the left
            return (x - size * 0.8, y - (x0 + w - x), x + size * 0.2, y - (x0 - x))
        return (x0, y - size * 0.8, x0 + w, y + size * 0.2)

    def libre(self, caja) -> bool:
        return not any(
            caja[0] < b[2] and b[0] < caja[2] and caja[1] < b[3] and b[1] < caja[3]
            for b in self.cajas
        )

    def etiqueta(
        self, candidatos, s, size=FUENTE, anchor="middle", fill=TINTA, que=None, girado=False
    ) -> bool:
        """A value label at the first free place among `candidatos` [(x, y)…]. Without one,
        the figure (`que`, e.g. «2019 meta 25,596») goes to the line under the plot: a reader
        takes a chart's labels for all its figures (8-digit populations over bars 21 px wide
        drew no number at all, nothing said so)."""
        for x, y in candidatos:
            if self.libre(self.caja(x, y, s, size, anchor, girado)):
                self.texto(x, y, s, size, anchor, fill, halo=True, girado=girado)
                return True
        self.sin_rotulo.append(que or s)
        return False

    def texto(
        self,
        x,
        y,
        s,
        size=FUENTE,
        anchor="start",
        fill=TINTA,
        bold=False,
        halo=False,
        girado=False,
    ) -> None:
        """`halo`: a value drawn inside the plot gets a white edge under its letters, so a
        gridline, the 100 % line or the band passing under it does not cross its digits (E048's
        «94.75 %» was struck through by the dashed 100 % line). `girado`: read upward."""
        self.cajas.append(self.caja(x, y, s, size, anchor, girado))
        peso = ' font-weight="600"' if bold else ""
        giro = f' transform="rotate(-90 {_f(x)} {_f(y)})"' if girado else ""
        self.partes.append(
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{peso}{HALO if halo else ""}{giro}>{escape(s)}</text>'
        )

    def rect(self, x, y, w, h, fill, opacidad: float | None = None) -> None:
        op = f' fill-opacity="{opacidad}"' if opacidad is not None else ""
        self.partes.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" fill="{fill}"{op}/>'
        )

    def linea(self, x1, y1, x2, y2, stroke=SUAVE, ancho=1.0, guiones: str | None = None) -> None:
        d = f' stroke-dasharray="{guiones}"' if guiones else ""
        self.partes.append(
            f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
            f'stroke="{stroke}" stroke-width="{ancho}"{d}/>'
        )

    def marca(self, forma: str, x, y, color, r=4.0) -> None:
        # a point is kept clear like a label: a figure written over a marker reads as its own
        self.cajas.append((x - r - 1, y - r - 1, x + r + 1, y + r + 1))
        if forma == "circulo":
            self.partes.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{r}" fill="{color}"/>')
        elif forma == "rombo":
            pts = f"{_f(x)},{_f(y - r - 1)} {_f(x + r + 1)},{_f(y)} {_f(x)},{_f(y + r + 1)} "
            pts += f"{_f(x - r - 1)},{_f(y)}"
            self.partes.append(
                f'<polygon points="{pts}" fill="#ffffff" stroke="{color}" stroke-width="2"/>'
            )
        else:  # cuadro
            self.rect(x - r, y - r, 2 * r, 2 * r, color)

    def polilinea(self, puntos: list[tuple[float, float]], color) -> None:
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in puntos)
        self.partes.append(
            f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>'
        )

    def leyenda(self, items: list[tuple[str, str, str]], y: float = 12) -> float:
        """(forma, color, texto) left to right from the left edge; wraps to a second line.
        Returns the baseline of its last line."""
        x = 8.0
        for forma, color, texto in items:
            w = 16 + _ancho(texto, FUENTE - 1) + 14
            if x + w > self.ancho and x > 8:
                x, y = 8.0, y + 14
            if forma == "nada":  # words only (what the text under each year is)
                self.texto(x, y, texto, FUENTE - 1, fill=color)
                x += w - 16
                continue
            if forma == "barra":
                self.rect(x, y - 8, 10, 10, color)
            elif forma == "banda":  # drawn as the chart draws it: pale, with an edge to see
                self.rect(x, y - 8, 10, 10, color, OPACIDAD_BANDA)
                self.partes[-1] = self.partes[-1].replace("/>", f' stroke="{color}"/>')
            else:
                self.marca(forma, x + 5, y - 3, color, 3.5)
            self.texto(x + 16, y, texto, FUENTE - 1, fill=TINTA)
            x += w
        return y

    def notas(self, parrafos: list[str]) -> None:
        """Words under the plot, each paragraph wrapped to the chart's width: the figures left
        without a label first, then `parrafos` (what a ⚠ of the chart rests on)."""
        if self.sin_rotulo:
            en_orden = sorted(self.sin_rotulo, key=lambda t: t[:4] if t[:4].isdigit() else "~")
            parrafos = [f"{PREFIJO_SIN_ROTULO} {'; '.join(en_orden)}.", *parrafos]
        size, y = FUENTE - 1, self.alto + 2
        for parrafo in parrafos:
            linea = ""
            for parte in parrafo.split(" "):
                prueba = f"{linea} {parte}".strip()
                if linea and _ancho(prueba, size) > self.ancho - 8:
                    y += 12
                    self.texto(4, y, linea, size, fill=SUAVE)
                    prueba = parte
                linea = prueba
            y += 12
            self.texto(4, y, linea, size, fill=SUAVE)
        self.alto = int(y + 5) if parrafos else self.alto

    def svg(self, notas: list[str] | None = None) -> str:
        self.notas(notas or [])
        self.sin_rotulo = []
        i = escape(self.id)
        cuerpo = "\n".join(self.partes)
        return (
            f'<svg viewBox="0 0 {self.ancho} {self.alto}" '
            f'width="{self.ancho}" height="{self.alto}" role="img" '
            f'aria-labelledby="{i}-t {i}-d" font-family="sans-serif">\n'
            f'<title id="{i}-t">{escape(self.titulo)}</title>\n'
            f'<desc id="{i}-d">{escape(self.descripcion)}</desc>\n{cuerpo}\n</svg>'
        )


def archivo_svg(svg: str) -> str:
    """A standalone .svg file needs the namespace that inline SVG in HTML does without."""
    return svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def escala(vmax: float) -> tuple[list[float], int]:
    """Round ticks from 0 covering vmax and their decimals: of the steps 1, 2, 2.5, 5 × 10^k
    that take 3 to 5 intervals, the one whose last tick is the smallest at or above vmax (the
    fewer ticks on a tie). A 180 % cumplimiento ends at 200 %, not 300 %: the axis reads as
    the figures' scale, and past their end it only shrinks the bars.

    In exact decimals: binary steps overflowed past 10^307 (a traceback for an ejercido of
    1e308) and ticks rounded to 10 decimals were all 0 below 10^-10 (an axis of zeros). A top
    tick beyond the largest double is not a choice (an axis to infinity)."""
    if not vmax > 0:
        vmax = 1.0
    # (a bar's reach with its figure over it can pass the largest double: up to it, then)
    v = Decimal(repr(min(float(vmax), sys.float_info.max)))
    exp = (v / 5).adjusted()  # ⌊log10(vmax / 5)⌋
    mejor: tuple[Decimal, int, Decimal] | None = None  # (top, intervals, step)
    with localcontext(Context(prec=1600)):
        for m in _PASOS:
            paso = m.scaleb(exp)
            n = max(1, math.ceil(v / paso - _HOLGURA))
            top = n * paso
            if (
                3 <= n <= 5
                and math.isfinite(float(top))
                and (mejor is None or (top, n) < mejor[:2])
            ):
                mejor = (top, n, paso)
        # (None only near the largest double: from one step to the next, n at most halves)
        if mejor is None:
            mejor = (v, 1, v)
        _, n, paso = mejor
        ticks = [float(i * paso) for i in range(n + 1)]
    # the step's own decimals: a 2.5 step printed with none read «3» at 2.5
    dec = min(6, max(0, -paso.normalize().as_tuple().exponent))
    return ticks, dec


_PASOS = tuple(map(Decimal, ("1", "2", "2.5", "5", "10", "20")))
_HOLGURA = Decimal("1e-9")  # (a figure a hair above a tick, binary noise, does not add one)


def _eje_y(c: Lienzo, x0, y0, ancho, alto, ticks, dec, fmt=None) -> None:
    top = ticks[-1] or 1
    for t in ticks:
        y = y0 + alto - alto * t / top
        c.linea(x0, y, x0 + ancho, y, REJILLA, 1)
        c.texto(
            x0 - 4, y + 3.5, (fmt or (lambda v: fmt_number(v, dec)))(t), FUENTE - 1, "end", SUAVE
        )
    c.linea(x0, y0 + alto, x0 + ancho, y0 + alto, SUAVE, 1)


def _margen(ticks, dec, fmt=None) -> float:
    f = fmt or (lambda v: fmt_number(v, dec))
    return max(_ancho(f(t), FUENTE - 1) for t in ticks) + 10


def _panel_barras(
    c: Lienzo,
    x,
    y,
    ancho,
    alto,
    categorias: list[str],
    series: list[tuple[str, str, list]],
    fmt=fmt_number,
    titulo: str | None = None,
) -> list[float]:
    """Grouped bars from zero, each with its figure over it: across when every figure of the
    panel fits its bar's width, else all read upward, the scale leaving room over each bar for
    its figure. A bar without a number has its state (ND, NA, or «sin dato» when the spec does
    not have it) at the foot of its place. Returns the centre of each category."""
    if titulo:
        c.texto(x, y + 10, titulo, FUENTE, bold=True)
        y, alto = y + 16, alto - 16
    size = FUENTE - 2
    valores = [v for _, _, vals in series for v in map(_n, vals) if v is not None]
    y0, alto_p = y + 12, alto - 30  # (12 px over the plot for the figures of the tallest bars)

    def barras(ticks, dec):
        izq = _margen(ticks, dec)
        banda = (ancho - izq - 4) / max(1, len(categorias))
        grupo = banda * ((0.9 if len(categorias) == 1 else 0.75) if len(series) > 1 else 0.5)
        return izq, banda, grupo, grupo / max(1, len(series))

    def dibujar(girado: bool) -> list[float]:
        ticks, dec = escala(max(valores, default=0))
        if girado:  # the bar's height plus its figure's length fit the plot: v·h/top + len ≤ h
            alcances = (
                v * alto_p / max(alto_p - _ancho(fmt(v), size) - 4, alto_p / 4) for v in valores
            )
            ticks, dec = escala(max(alcances, default=0))
        izq, banda, grupo, barra = barras(ticks, dec)
        top = ticks[-1] or 1
        x0 = x + izq
        _eje_y(c, x0, y0, ancho - izq - 4, alto_p, ticks, dec)
        centros = []
        for i, cat in enumerate(categorias):
            cx = x0 + banda * (i + 0.5)
            centros.append(cx)
            c.texto(cx, y0 + alto_p + 13, cat, FUENTE, "middle")
            for j, (nombre, color, vals) in enumerate(series):
                mx = cx - grupo / 2 + (j + 0.5) * barra
                que = f"{cat} {_sigla(nombre)}" if len(series) > 1 else f"{cat}:"
                v = _n(vals[i]) if i < len(vals) else None
                if v is None:
                    texto = (
                        str(vals[i]) if i < len(vals) and vals[i] not in (None, "") else SIN_DATO
                    )
                    arriba = _ancho(texto, size) > barra + 2  # (read upward from the axis)
                    xy = (mx + size * 0.3, y0 + alto_p - 3) if arriba else (mx, y0 + alto_p - 3)
                    anchor = "start" if arriba else "middle"
                    c.etiqueta([xy], texto, size, anchor, SUAVE, f"{que} {texto}", arriba)
                    continue
                h = alto_p * v / top
                c.rect(mx - barra / 2 + 0.5, y0 + alto_p - h, barra - 1, h, color)
                e, tope = fmt(v), y0 + alto_p - h
                if girado:
                    xy = [(mx + size * 0.3, tope - 3)]
                    c.etiqueta(xy, e, size, "start", que=f"{que} {e}", girado=True)
                else:
                    c.etiqueta([(mx, tope - 3), (mx, tope - 12)], e, size, que=f"{que} {e}")
        return centros

    antes = len(c.partes), len(c.cajas), len(c.sin_rotulo)
    ancho_barra = barras(*escala(max(valores, default=0)))[3]
    girado = any(_ancho(fmt(v), size) > ancho_barra + 2 for v in valores)
    centros = dibujar(girado)
    if not girado and len(c.sin_rotulo) > antes[2]:  # two figures side by side met: all upward
        del c.partes[antes[0] :], c.cajas[antes[1] :], c.sin_rotulo[antes[2] :]
        centros = dibujar(True)
    return centros


def _sigla(nombre: str) -> str:
    """«Potencial (PP)» → «PP»: a series' short name, for a figure named in words."""
    return nombre[nombre.rindex("(") + 1 : -1] if nombre.endswith(")") else nombre


def _presentes(series):
    return [s for s in series if any(_n(v) is not None for v in s[2])]


def cobertura(filas: list[dict], id_: str = "g-cobertura", titulo_panel: str | None = None):
    """PP, PO and PA by year for one series (program total or one component and its unit)."""
    anios = sorted({r["anio"] for r in filas})
    por_anio = {r["anio"]: r for r in filas}
    series = [
        (NOMBRES_POBLACION[k], color, [por_anio[a].get(k) for a in anios])
        for k, color in COLORES_POBLACION.items()
    ]
    presentes = _presentes(series)
    if not presentes:
        return None
    unidad = filas[0].get("unidad_medida") or ""
    # a population the spec deduced (`inferido`): ⚠ under its year, the words in the data
    inferidas = {a: por_anio[a].get("inferido") or () for a in anios}
    cats = [f"{a} ⚠" if inferidas[a] else str(a) for a in anios]
    pp = [v for v in map(_n, series[0][2]) if v is not None]
    resto = [v for s in series[1:] for v in map(_n, s[2]) if v is not None]
    detalle = bool(pp and resto) and max(pp) >= DETALLE_DESDE * max(resto)
    # past ANIOS_HOLGADOS years, 44 px a year and the detail panel under the first, not beside
    # it: 8 years side by side were 1,040 px, shrunk into a third of the page past reading
    apretado = len(cats) > ANIOS_HOLGADOS
    if apretado:
        ancho_panel = max(300, 60 + 44 * len(cats))
    else:
        ancho_panel = max(220 if detalle else 300, 64 * len(cats) * (1 if detalle else 1.4))
    ancho = int(ancho_panel * 2 + 16 if detalle and not apretado else ancho_panel)
    desc = "; ".join(
        f"{a}: "
        + ", ".join(
            f"{n} {_txt(v)}" + (" ⚠ inferida (no impresa)" if SIGLAS[k] in inferidas[a] else "")
            for k, (n, _, vals) in zip(COLORES_POBLACION, series, strict=True)
            if (v := vals[i]) is not None
        )
        for i, a in enumerate(anios)
    )
    titulo = "Evolución de la cobertura" + (f": {titulo_panel}" if titulo_panel else "")
    desc = f"{titulo} ({unidad}), escala lineal desde cero. {desc}."
    alto = 180 - 26
    c = Lienzo(id_, ancho, 180 + (alto + 12 if detalle and apretado else 0), titulo, desc)
    c.leyenda([("barra", color, n) for n, color, _ in presentes])
    if detalle:
        c.partes.append(f"<!-- detalle: PP ≥ {DETALLE_DESDE} × PO y PA -->")
        _panel_barras(
            c, 0, 24, ancho_panel, alto, cats, presentes, titulo=f"PP, PO y PA ({unidad})"
        )
        x2, y2 = (0, 24 + alto + 12) if apretado else (ancho_panel + 16, 24)
        _panel_barras(
            c,
            x2,
            y2,
            ancho_panel,
            alto,
            cats,
            [s for s in presentes if s[0] != NOMBRES_POBLACION["potencial"]],
            titulo="Detalle PO y PA (escala propia)",
        )
        if apretado:
            c.linea(0, y2 - 6, ancho_panel, y2 - 6, REJILLA, 1)
        else:
            c.linea(ancho_panel + 8, 30, ancho_panel + 8, 176, REJILLA, 1)
    else:
        _panel_barras(c, 0, 24, ancho, alto, cats, presentes, titulo=unidad or None)
    return Grafica(id_, titulo, desc, c.svg(), titulo_panel)


def _txt(v) -> str:
    """A spec figure's label, as the spec writes it (89.996, not «90.00» beside a cumplimiento
    of 89.996 %): from the value itself, not the float drawn (a population past 2^53 keeps its
    last digit)."""
    if _n(v) is None:
        return str(v)
    return fmt_valor(v)


def presupuesto(filas: list[dict], precios: str | None) -> Grafica | None:
    """Ejercido of the program in MDP by year, with its share of the ramo under each year."""
    filas = [r for r in filas if r.get("anio") is not None]
    if not any(_n(r.get("ejercido_mdp")) is not None for r in filas):
        return None
    bases = list(dict.fromkeys(r.get("precios") for r in filas if _n(r.get("ejercido_mdp"))))
    if len(bases) > 1:
        return _participacion(filas, bases)
    base = f", precios {precios}" if precios else ""
    nombre = f"Ejercido del programa (MDP{base})"
    cats = [_anio_presupuesto(r) for r in filas]
    valores = [r.get("ejercido_mdp") for r in filas]
    ancho, angosto = _ancho_anios(len(cats)), len(cats) > ANIOS_HOLGADOS
    partes = []
    for r in filas:
        pct = _n(r.get("porcentaje_ramo"))
        partes.append(
            f"{r['anio']}: {_txt(r.get('ejercido_mdp'))} MDP"
            + (f", {fmt_pct(pct)} del ramo" if pct is not None else "")
            + _deducidas(r)
        )
    desc = f"Presupuesto ejercido del programa en millones de pesos{base}. {'; '.join(partes)}."
    c = Lienzo("g-presupuesto", ancho, 180, "Presupuesto ejercido", desc)
    del_ramo = any(_n(r.get("porcentaje_ramo")) is not None for r in filas)
    c.leyenda(
        [("barra", COLOR_BARRA, nombre)]
        + ([("nada", SUAVE, "Bajo cada año: su % del ramo")] if angosto and del_ramo else [])
    )
    centros = _panel_barras(
        c, 0, 20, ancho, 142, cats, [(nombre, COLOR_BARRA, valores)], lambda v: fmt_number(v, 2)
    )
    # The share of the ramo under each year's label.
    for cx, r in zip(centros, filas, strict=True):
        pct = _n(r.get("porcentaje_ramo"))
        if pct is not None:
            texto = fmt_pct(pct) + ("" if angosto else " del ramo")
            c.texto(cx, 175, texto, FUENTE - 1, "middle", SUAVE)
    return Grafica(
        "g-presupuesto", "Presupuesto ejercido y participación en el ramo", desc, c.svg()
    )


def _ancho_anios(n: int) -> int:
    return int(max(320, 90 * n)) if n <= ANIOS_HOLGADOS else max(320, 60 + 40 * n)


def _anio_presupuesto(r: dict) -> str:
    """A year's label, ⚠ when a figure of it is one the spec deduced (`inferido`)."""
    return f"{r['anio']} ⚠" if r.get("inferido") else str(r["anio"])


def _deducidas(r: dict) -> str:
    """« ⚠ según ejercido inferido (no impreso)»: said with the year's figures in the data."""
    return f" ⚠ según {en_palabras(r['inferido'])}" if r.get("inferido") else ""


def _participacion(filas: list[dict], bases: list) -> Grafica:
    """Years in different price bases: their amounts drawn side by side would read as a
    comparison the bases do not allow (2,712 MDP of 2012 against 3,532 current ones), so the
    chart draws each year's share of its ramo, which does not depend on the base."""
    nombre = "Participación en el ramo (%)"
    cats = [_anio_presupuesto(r) for r in filas]
    valores = [r.get("porcentaje_ramo") for r in filas]
    ancho = _ancho_anios(len(cats))
    dichas = "; ".join(b or "sin base registrada" for b in bases)
    partes = [
        f"{r['anio']}: {_txt(r.get('ejercido_mdp'))} MDP ({r.get('precios') or 'sin base'})"
        + (
            f", {fmt_pct(_n(r.get('porcentaje_ramo')))} del ramo"
            if _n(r.get("porcentaje_ramo")) is not None
            else ""
        )
        + _deducidas(r)
        for r in filas
    ]
    desc = (
        f"Los años están en bases de precios distintas ({dichas}): sus montos no se comparan, "
        f"y se muestra la participación en el ramo, que no depende de la base. "
        f"{'; '.join(partes)}."
    )
    c = Lienzo("g-presupuesto", ancho, 180, "Presupuesto ejercido", desc)
    c.leyenda([("barra", COLOR_BARRA, nombre)])
    _panel_barras(c, 0, 20, ancho, 150, cats, [(nombre, COLOR_BARRA, valores)], fmt_pct)
    return Grafica(
        "g-presupuesto", "Participación en el ramo (bases de precios distintas)", desc, c.svg()
    )


def serie_indicador(ind, filas: list[dict], id_: str) -> Grafica | None:
    """Valor by year as a line (points when alone), metas as hollow diamonds, línea base."""
    valores = {r["anio"]: _n(r.get("valor")) for r in filas}
    metas = {r["anio"]: _n(r.get("meta")) for r in filas}
    # labels say the figure itself, not the float drawn (9007199254740993 is not …992)
    escritos = {("v", r["anio"]): r.get("valor") for r in filas}
    escritos |= {("m", r["anio"]): r.get("meta") for r in filas}
    lb = ind.linea_base
    base = (
        (lb.anio, _n(lb.valor)) if lb is not None and lb.anio and _n(lb.valor) is not None else None
    )
    puntos_v = sorted((a, v) for a, v in valores.items() if v is not None)
    puntos_m = sorted((a, v) for a, v in metas.items() if v is not None)
    if not puntos_v and not puntos_m and base is None:
        return None
    todos = puntos_v + puntos_m + ([base] if base else [])
    a0, a1 = min(a for a, _ in todos), max(a for a, _ in todos)
    ticks, dec = escala(max(v for _, v in todos))
    ancho, alto = 340, 165
    c = Lienzo(id_, ancho, alto, ind.nombre, "")
    leyenda = []
    if puntos_v:
        leyenda.append(("circulo", COLOR_BARRA, "Valor alcanzado"))
    if puntos_m:
        leyenda.append(("rombo", COLOR_META, "Meta"))
    if base:
        leyenda.append(("cuadro", COLOR_BASE, f"Línea base {base[0]}"))
    c.leyenda(leyenda)
    izq = _margen(ticks, dec)
    x0, y0, w, h = izq, 34, ancho - izq - 24, alto - 34 - 22
    top = ticks[-1] or 1
    _eje_y(c, x0, y0, w, h, ticks, dec)
    n_anios = a1 - a0 + 1
    paso = w / n_anios

    def px(a):
        return x0 + paso * (a - a0 + 0.5)

    def py(v):
        return y0 + h - h * v / top

    for a in range(a0, a1 + 1):
        if n_anios <= 12 or (a - a0) % 2 == 0:
            c.texto(px(a), y0 + h + 14, str(a), FUENTE - 1, "middle")
    if base:
        c.marca("cuadro", px(base[0]), py(base[1]), COLOR_BASE, 4)
    # a year the spec lists without a number (ND, NA, no valor) breaks the line: drawn across
    # it, the line showed a value there (E999 2019 250 → 2021 5 passed 2020 ND at ~127)
    sin_valor = {
        r["anio"]: r.get("valor_estado") if r.get("valor_estado") in ("ND", "NA") else None
        for r in filas
        if _n(r.get("valor")) is None
    }
    for tramo in _tramos(puntos_v, sin_valor):
        if len(tramo) > 1:
            c.polilinea([(px(a), py(v)) for a, v in tramo], COLOR_BARRA)
    for a, v in puntos_v:
        c.marca("circulo", px(a), py(v), COLOR_BARRA, 3.5)
    for a, v in puntos_m:
        c.marca("rombo", px(a), py(v), COLOR_META, 3.5)
    # Value labels where they fit (latest first: it matters most), never over another label or
    # a point: of a year's valor and meta, the higher one labelled above its point and the
    # lower one below (E048 2023: meta 25,596 over valor 24,252 had the valor's label on top,
    # over the meta's diamond, and the meta's under both points).
    size = FUENTE - 1
    for a, v in reversed(puntos_v):
        dm = metas.get(a)
        abajo, arriba = (px(a), min(py(v) + 14, y0 + h - 2)), (px(a), py(v) - 7)
        orden = [abajo, arriba] if dm is not None and dm > v else [arriba, abajo]
        t = _txt(escritos["v", a])
        c.etiqueta(orden, t, size, que=f"{a} valor {t}")
    for a, v in reversed(puntos_m):
        dv = valores.get(a)
        abajo, arriba = (px(a), min(py(v) + 15, y0 + h - 2)), (px(a), py(v) - 8)
        orden = [abajo, arriba] if dv is not None and dv >= v else [arriba, abajo]
        t = _txt(escritos["m", a])
        c.etiqueta(orden, t, size, fill=TEXTO_META, que=f"{a} meta {t}")
    huecos = sorted(a for a in sin_valor if puntos_v and puntos_v[0][0] < a < puntos_v[-1][0])
    for a in huecos:  # at the foot of its place, as a bar without a number
        t = _estado(sin_valor[a])
        c.etiqueta([(px(a), y0 + h - 3)], t, size - 1, fill=SUAVE, que=f"{a} valor {t}")
    if base:  # its figure too: the legend names only its year (E045's 263,277 had no label)
        t = _txt(lb.valor)
        xy = [(px(base[0]), py(base[1]) - 8), (px(base[0]), min(py(base[1]) + 15, y0 + h - 2))]
        c.etiqueta(xy, t, size, fill=SUAVE, que=f"línea base {base[0]} {t}")
    vals = [(a, _txt(escritos["v", a])) for a, _ in puntos_v]
    partes = [
        f"{a}: valor {t}" for a, t in sorted(vals + [(a, _estado(sin_valor[a])) for a in huecos])
    ]
    partes += [f"{a}: meta {_txt(escritos['m', a])}" for a, _ in puntos_m]
    if base:
        partes.append(f"línea base {base[0]}: {_txt(lb.valor)}")
    unidad = f" ({ind.unidad_medida})" if ind.unidad_medida else ""
    c.descripcion = f"{ind.nombre}{unidad}, escala lineal desde cero. " + "; ".join(partes) + "."
    return Grafica(id_, ind.nombre, c.descripcion, c.svg())


def _tramos(puntos: list[tuple[int, float]], sin_valor) -> list[list[tuple[int, float]]]:
    """The points in runs no year without a number falls within."""
    tramos: list[list[tuple[int, float]]] = []
    for a, v in puntos:
        if not tramos or any(tramos[-1][-1][0] < b < a for b in sin_valor):
            tramos.append([])
        tramos[-1].append((a, v))
    return tramos


def cumplimiento(filas: list[dict], metodologia, supuestos=None) -> Grafica | None:
    """Cumplimiento per indicator and year as horizontal bars over the expected band. A bar's
    colour is its rango, and its label says the rango too: never information by colour alone;
    the legend lists the colours drawn. `supuestos`: {indicator id: what its cumplimiento
    rests on that no document printed}, by (id, year) (a ⚠ on the bar, the words in the
    description)."""
    rows = [r for r in filas if _n(r.get("cumplimiento_pct")) is not None]
    if not rows:
        return None
    lo, hi = metodologia.rango_inferior, metodologia.rango_superior
    claves = {v: k for k, v in metodologia.etiquetas_rango.items()}
    labels = [f"{r['nivel']} {r['id']} · {r['anio']}" for r in rows]
    supuestos = supuestos or {}
    valores = [
        fmt_cumplimiento(r, metodologia)
        + (f" ({r['rango']})" if r.get("rango") else "")
        + (" ⚠" if supuestos.get((r["id"], r["anio"])) else "")
        for r in rows
    ]
    izq = max(_ancho(t, FUENTE - 1) for t in labels) + 12
    ancho, fila = 440, 22
    # the band always shows; room for the labels past a bar's end is kept in `w`, not by
    # stretching the axis (×1.15 took a 180 % to an axis of 300 %)
    ticks, dec = escala(max(hi, *(float(r["cumplimiento_pct"]) for r in rows)))
    top = ticks[-1]
    # room at the right for the longest value label after a bar that reaches the axis' end
    w = ancho - izq - max(16, max(_ancho(t, FUENTE - 1) for t in valores) + 8)
    # the cuts as the file writes them: rounded, 94.75 read «95» beside a 94.749 «Bajo»
    banda = f"Rango esperado {fmt_valor(lo)}–{fmt_valor(hi)} %"
    desc = f"Cumplimiento de metas frente al {banda.lower()}. " + "; ".join(
        f"{t}: {v}"
        + (f" según {', '.join(s)}" if (s := supuestos.get((r["id"], r["anio"]))) else "")
        for t, v, r in zip(labels, valores, rows, strict=True)
    )
    reglas = {
        "bajo": f"menor a {fmt_valor(lo)} %",
        "adecuado": f"{fmt_valor(lo)}–{fmt_valor(hi)} %",
        "alto": f"mayor a {fmt_valor(hi)} %",
    }
    colores = [COLOR_RANGO.get(claves.get(r.get("rango")), COLOR_BARRA) for r in rows]
    leyenda = [("banda", COLOR_BANDA, banda)]
    for clave, etiqueta in metodologia.etiquetas_rango.items():
        if clave in COLOR_RANGO and COLOR_RANGO[clave] in colores:
            leyenda.append(("barra", COLOR_RANGO[clave], f"{etiqueta} ({reglas[clave]})"))
    if COLOR_BARRA in colores:
        leyenda.append(("barra", COLOR_BARRA, "Cumplimiento sin rango"))
    c = Lienzo("g-cumplimiento", ancho, 0, "Cumplimiento de metas", desc + ".")
    y0 = c.leyenda(leyenda) + 18
    c.alto = int(y0 + fila * len(rows) + 30)

    def px(v):
        return izq + w * v / top

    c.rect(px(lo), y0, px(hi) - px(lo), fila * len(rows), COLOR_BANDA, OPACIDAD_BANDA)
    for t in ticks:
        c.linea(px(t), y0, px(t), y0 + fila * len(rows), REJILLA, 1)
        c.texto(
            px(t),
            y0 + fila * len(rows) + 13,
            f"{fmt_number(t, dec)} %",
            FUENTE - 1,
            "middle",
            SUAVE,
        )
    c.linea(px(100), y0, px(100), y0 + fila * len(rows), SUAVE, 1, "3,3")
    for i, (t, r) in enumerate(zip(labels, rows, strict=True)):
        v = float(r["cumplimiento_pct"])
        y = y0 + fila * i
        c.rect(izq, y + 4, px(v) - izq, fila - 8, colores[i])
        c.texto(izq - 6, y + fila / 2 + 3.5, t, FUENTE - 1, "end")
        c.etiqueta([(px(v) + 4, y + fila / 2 + 3.5)], valores[i], FUENTE - 1, "start")
    # each ⚠'s words under the plot: in print the «Datos de la gráfica» are not shown, and the
    # page's footnote only says a ⚠ rests on something, not on what (P1 2016 beside P1 2017)
    por_motivo: dict[str, list[str]] = {}
    for t, r in zip(labels, rows, strict=True):
        if s := supuestos.get((r["id"], r["anio"])):
            por_motivo.setdefault(", ".join(s), []).append(t)
    if por_motivo:
        c.alto -= 13  # (the words start under the axis' figures)
    notas = [f"⚠ según {m}: {'; '.join(ts)}." for m, ts in por_motivo.items()]
    return Grafica(
        "g-cumplimiento",
        "Cumplimiento de metas frente al rango esperado",
        c.descripcion,
        c.svg(notas),
    )


def _estado(x) -> str:
    """What a chart writes in place of a bar without a number: ND/NA as recorded, else
    SIN_DATO (a value the spec does not have is not «no disponible»)."""
    return str(x) if isinstance(x, str) and x else SIN_DATO


def barras_h(id_: str, titulo: str, filas: list[tuple[str, float | None]], fmt, unidad: str):
    """One horizontal bar per labelled value (the nine programs' valoración in a dependencia)."""
    rows = [(t, _n(v)) for t, v in filas]
    if not any(v is not None for _, v in rows):
        return None
    izq = max(_ancho(t, FUENTE - 1) for t, _ in rows) + 12
    ancho, fila = 440, 20
    alto = 16 + fila * len(rows) + 20
    ticks, dec = escala(max(v for _, v in rows if v is not None))
    top, w = ticks[-1], ancho - izq - 50
    desc = f"{titulo} ({unidad}), escala lineal desde cero. " + "; ".join(
        f"{t}: {fmt(v) if v is not None else _estado(w)}"
        for (t, w), (_, v) in zip(filas, rows, strict=True)
    )
    c = Lienzo(id_, ancho, alto, titulo, desc + ".")
    y0 = 8
    for t in ticks:
        x = izq + w * t / top
        c.linea(x, y0, x, y0 + fila * len(rows), REJILLA, 1)
        c.texto(x, y0 + fila * len(rows) + 13, fmt_number(t, dec), FUENTE - 1, "middle", SUAVE)
    for i, (t, v) in enumerate(rows):
        y = y0 + fila * i
        c.texto(izq - 6, y + fila / 2 + 3.5, t, FUENTE - 1, "end")
        if v is None:
            c.texto(izq + 4, y + fila / 2 + 3.5, _estado(filas[i][1]), FUENTE - 1, fill=SUAVE)
            continue
        c.rect(izq, y + 3, w * v / top, fila - 6, COLOR_BARRA)
        c.texto(izq + w * v / top + 4, y + fila / 2 + 3.5, fmt(v), FUENTE - 1, halo=True)
    return Grafica(id_, titulo, c.descripcion, c.svg())
