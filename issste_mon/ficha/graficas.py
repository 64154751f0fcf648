"""The ficha's charts, drawn with matplotlib and returned as SVG text ready to inline.

Output is deterministic (fixed `svg.hashsalt` per chart, no date metadata, text kept as text),
so the same specs give the same bytes. Numbers on axes and labels are es-MX (numfmt).
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from issste_mon.salida.numfmt import fmt_number, fmt_pct
from issste_mon.salida.tabla import Tabla

# Presentation, not methodology: a log axis once the largest population is an order of
# magnitude above the smallest (E045: PP 14.8 M vs PA 0.74 M), so PA is not a flat line.
ESCALA_LOG_DESDE = 10
COLORES_POBLACION = {"potencial": "#c7ced6", "objetivo": "#5b8fc7", "atendida": "#1f3f66"}
NOMBRES_POBLACION = {
    "potencial": "Potencial (PP)",
    "objetivo": "Objetivo (PO)",
    "atendida": "Atendida (PA)",
}
COLOR_RANGO = {"bajo": "#b8483c", "adecuado": "#2e7d4f", "alto": "#c98a1b"}
COLOR_BANDA = "#2e7d4f"
COLOR_BARRA = "#5b8fc7"


@dataclass(frozen=True)
class Grafica:
    id: str  # stable name: the seccion id, used for the SVG file beside a Markdown ficha
    titulo: str
    descripcion: str  # text alternative (aria-label) for screen readers
    svg: str


def _rc(salt: str) -> dict:
    return {
        "svg.hashsalt": f"issste-mon-{salt}",
        "svg.fonttype": "none",  # text stays text: selectable, searchable, smaller
        "font.family": "sans-serif",
        "text.parse_math": False,  # spec text such as "$5,000 a $10,000" is not TeX
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 9,
    }


def _svg(fig, descripcion: str, prefijo: str) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})  # layout: constrained
    text = buf.getvalue()
    # Inline SVG in HTML takes no XML prolog, DOCTYPE or RDF metadata block.
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    # Several SVGs share one HTML id space and matplotlib numbers its groups from 1 in each
    # (figure_1, axes_1…): prefix every id and every reference to one.
    text = re.sub(r'\bid="([^"]+)"', rf'id="{prefijo}-\1"', text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{prefijo}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefijo}-\1)", text)
    from html import escape

    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(descripcion)}" ', 1)


def _figura(filas: int = 1, alto: float = 2.6):
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    fig = Figure(figsize=(6.4, alto * filas), layout="constrained")
    axes = fig.subplots(filas, 1, squeeze=False)[:, 0]
    return fig, list(axes)


def _formato_eje(ax, fmt, eje: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    axis = ax.yaxis if eje == "y" else ax.xaxis
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt(v)))


def _num(x) -> float | None:
    """A plottable number, or None for ND/NA text, missing values and NaN (not computable)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or math.isnan(x):
        return None
    return float(x)


def cobertura(tabla: Tabla) -> Grafica | None:
    """PP, PO, PA by year: one panel per series (program total or component and its unit)."""
    import matplotlib

    series: dict[tuple, list[dict]] = {}
    for row in tabla.filas:
        series.setdefault((row["componente"], row["unidad_medida"]), []).append(row)
    series = {
        k: v for k, v in series.items() if any(_num(r[c]) for r in v for c in COLORES_POBLACION)
    }
    if not series:
        return None
    with matplotlib.rc_context(_rc("cobertura")):
        fig, axes = _figura(len(series))
        for ax, ((comp, unidad), rows) in zip(axes, series.items(), strict=True):
            years = sorted({r["anio"] for r in rows})
            width = 0.8 / len(COLORES_POBLACION)
            values = [v for r in rows for c in COLORES_POBLACION if (v := _num(r[c])) and v > 0]
            log = max(values) / min(values) >= ESCALA_LOG_DESDE
            for i, (campo, color) in enumerate(COLORES_POBLACION.items()):
                xs, hs = [], []
                for r in rows:
                    v = _num(r[campo])
                    if v:
                        xs.append(years.index(r["anio"]) + (i - 1) * width)
                        hs.append(v)
                bars = ax.bar(xs, hs, width, color=color, label=NOMBRES_POBLACION[campo])
                ax.bar_label(bars, [fmt_number(h) for h in hs], fontsize=7, padding=2)
            ax.set_xticks(range(len(years)), [str(y) for y in years])
            if log:
                from matplotlib.ticker import NullFormatter

                ax.set_yscale("log")
                ax.yaxis.set_minor_formatter(NullFormatter())  # label decades only
                ax.set_ylim(min(values) / 3, max(values) * 6)
            else:
                ax.set_ylim(0, max(values) * 1.2)
            _formato_eje(ax, lambda v: fmt_number(v))
            ax.set_ylabel(unidad + (" (escala log.)" if log else ""))
            ax.set_title(comp or "Programa", loc="left")
            ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
        desc = "Poblaciones potencial, objetivo y atendida por año" + (
            "; una gráfica por componente" if len(series) > 1 else ""
        )
        svg = _svg(fig, desc, "g-cobertura")
    return Grafica("cobertura", "Evolución de la cobertura", desc, svg)


def cumplimiento(tabla: Tabla, metodologia) -> Grafica | None:
    """Cumplimiento per indicator and year against the expected band (methodology bounds)."""
    import matplotlib

    rows = [r for r in tabla.filas if _num(r.get("cumplimiento_pct")) is not None]
    if not rows:
        return None
    lo, hi = metodologia.rango_inferior, metodologia.rango_superior
    etiquetas = {v: k for k, v in metodologia.etiquetas_rango.items()}
    with matplotlib.rc_context(_rc("cumplimiento")):
        fig, [ax] = _figura(alto=0.9 + 0.45 * len(rows))
        labels = [f"{r['nivel']} {r['id']} · {r['anio']}" for r in rows]
        values = [float(r["cumplimiento_pct"]) for r in rows]
        colors = [COLOR_RANGO.get(etiquetas.get(r["rango"]), COLOR_BARRA) for r in rows]
        ys = list(range(len(rows)))[::-1]
        ax.axvspan(
            lo,
            hi,
            color=COLOR_BANDA,
            alpha=0.15,
            lw=0,
            label=f"Rango esperado {fmt_number(lo)}–{fmt_number(hi)} %",
        )
        ax.axvline(100, color="#555555", lw=0.8, ls="--")
        bars = ax.barh(ys, values, 0.6, color=colors)
        for bound in (lo, hi):  # band edges stay visible across the bars
            ax.axvline(bound, color=COLOR_BANDA, lw=0.8, zorder=3)
        ax.set_ylim(-0.8, len(rows) - 0.2)
        ax.bar_label(bars, [fmt_pct(v) for v in values], fontsize=8, padding=3)
        ax.set_yticks(ys, labels)
        ax.set_xlim(0, max(hi, *values) * 1.2)
        _formato_eje(ax, lambda v: f"{fmt_number(v)} %", "x")
        ax.set_xlabel("Cumplimiento de la meta")
        ax.legend(loc="lower right", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
        desc = (
            f"Cumplimiento de metas por indicador frente al rango esperado de "
            f"{fmt_number(lo)} a {fmt_number(hi)} %"
        )
        svg = _svg(fig, desc, "g-resultados")
    return Grafica("resultados", "Cumplimiento de metas frente al rango esperado", desc, svg)


def presupuesto(tabla: Tabla) -> Grafica | None:
    """The program's share of its ramo's ejercido, by year."""
    import matplotlib

    rows = [r for r in tabla.filas if _num(r.get("porcentaje_ramo")) is not None]
    if not rows:
        return None
    with matplotlib.rc_context(_rc("presupuesto")):
        fig, [ax] = _figura(alto=2.4)
        years = [str(r["anio"]) for r in rows]
        values = [float(r["porcentaje_ramo"]) for r in rows]
        bars = ax.bar(years, values, 0.5, color=COLOR_BARRA)
        ax.bar_label(bars, [fmt_pct(v) for v in values], fontsize=8, padding=2)
        ax.set_ylim(0, max(values) * 1.25 or 1)
        _formato_eje(ax, lambda v: f"{fmt_number(v, 2 if max(values) < 10 else 0)} %")
        ax.set_ylabel("% del ejercido del ramo")
        desc = "Participación del programa en el presupuesto ejercido del ramo, por año"
        svg = _svg(fig, desc, "g-presupuesto")
    return Grafica("presupuesto", "Participación en el presupuesto del ramo", desc, svg)


def todas(ficha) -> list[Grafica]:
    """Every chart the ficha's data allow, keyed to its section."""
    out = []
    if (t := ficha.tabla("resultados")) is not None:
        out.append(cumplimiento(t, ficha.metodologia))
    if (t := ficha.tabla("cobertura")) is not None:
        out.append(cobertura(t))
    if (t := ficha.tabla("presupuesto")) is not None:
        out.append(presupuesto(t))
    return [g for g in out if g is not None]
