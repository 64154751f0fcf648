"""The ficha as one self-contained HTML file: inline CSS and SVG, no scripts, fonts or requests.

Every text that comes from a spec goes through `html.escape`; numbers are es-MX (render.human).
"""

from __future__ import annotations

from html import escape

from issste_mon import __version__
from issste_mon.ficha.datos import Ficha, cifras_clave, encabezado, notas, visible
from issste_mon.ficha.graficas import Grafica
from issste_mon.salida.render import human
from issste_mon.salida.tabla import Columna, Tabla

_NUM = ' class="num"'

CSS = """
:root { --tinta: #1d2733; --suave: #55606c; --linea: #d5dbe1; --fondo: #f3f5f7; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: var(--tinta); line-height: 1.45; margin: 0 auto; max-width: 62rem;
  padding: 1rem; font-size: 16px; }
header { border-bottom: 3px solid var(--tinta); padding-bottom: .6rem; }
.antetitulo { margin: 0; color: var(--suave); font-size: .85rem; text-transform: uppercase;
  letter-spacing: .04em; }
h1 { font-size: 1.5rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid var(--tinta); padding-bottom: .2rem;
  margin-top: 1.8rem; }
dl.datos { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.datos dt { font-weight: 600; }
dl.datos dd { margin: 0; }
ul.clave { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.clave li { background: var(--fondo); border: 1px solid var(--linea); padding: .4rem .7rem;
  border-radius: .3rem; }
ul.clave span { display: block; font-size: .75rem; color: var(--suave); }
ul.clave strong { font-size: 1.1rem; }
.tabla { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--linea); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: var(--fondo); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bajo, .difiere { color: #a63b30; font-weight: 600; }
.adecuado, .coincide { color: #2a6f47; }
.alto { color: #8a5c0a; font-weight: 600; }
.aviso { border-left: 3px solid #c98a1b; padding-left: .6rem; }
.sin-datos, figcaption, .resumen { color: var(--suave); }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .8rem; }
footer { font-size: .8rem; color: var(--suave); border-top: 1px solid var(--linea);
  margin-top: 2rem; }
@media (max-width: 40rem) {
  body { padding: .6rem; }
  dl.datos { grid-template-columns: 1fr; }
  dl.datos dt { margin-top: .3rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .tabla { overflow: visible; }
  figure, tr, ul.clave li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
@page { size: letter; margin: 1.5cm; }
"""


def _celda(row: dict, col: Columna) -> str:
    value = row.get(col.clave)
    text = human(value, col)
    classes = []
    if col.numerica:
        classes.append("num")
    if col.tipo == "rango" and text:
        classes.append(text.lower())
    if col.clave == "veredicto" and text:
        classes.append(text.replace(" ", "-"))
    if col.alertada(row):
        text += " ⚠"
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attr}>{escape(text)}</td>"


def tabla_html(tabla: Tabla) -> str:
    cols = [c for c in visible(tabla).columnas if c.en_tabla]
    head = "".join(
        f'<th{_NUM if c.numerica else ""} scope="col">{escape(c.titulo)}</th>' for c in cols
    )
    body = "\n".join(
        "<tr>" + "".join(_celda(row, c) for c in cols) + "</tr>" for row in tabla.filas
    )
    parts = [
        f'<div class="tabla"><table>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table></div>"
    ]
    parts += [f'<p class="aviso">{escape(a)}</p>' for a in tabla.avisos]
    parts += [f'<p class="resumen">{escape(line)}</p>' for line in tabla.resumen]
    return "\n".join(parts)


def _figura(g: Grafica) -> str:
    return f"<figure>\n{g.svg}\n<figcaption>{escape(g.titulo)}.</figcaption>\n</figure>"


def documento(ficha: Ficha, graficas: list[Grafica]) -> str:
    p = ficha.programa
    por_seccion = {g.id: g for g in graficas}
    datos = "\n".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in encabezado(ficha))
    clave = "\n".join(
        f"<li><span>{escape(k)}</span><strong>{escape(v)}</strong></li>"
        for k, v in cifras_clave(ficha)
    )
    secciones = []
    for s in ficha.secciones:
        body = (
            tabla_html(s.tabla)
            if s.tabla is not None
            else (f'<p class="sin-datos">{escape(s.sin_datos)}</p>')
        )
        fig = _figura(por_seccion[s.id]) if s.id in por_seccion else ""
        secciones.append(
            f'<section id="{s.id}">\n<h2>{escape(s.titulo)}</h2>\n{body}\n{fig}\n</section>'
        )
    pie = "\n".join(f"<p>{escape(n)}</p>" for n in notas(ficha))
    titulo = f"Ficha de monitoreo {p.clave} {p.nombre}"
    return f"""<!DOCTYPE html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="issste-mon {escape(__version__)}">
<title>{escape(titulo)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<p class="antetitulo">Ficha de monitoreo · {escape(p.dependencia or f"Ramo {p.ramo}")}</p>
<h1>{escape(p.clave)} {escape(p.nombre)}</h1>
<dl class="datos">
{datos}
</dl>
</header>
<ul class="clave">
{clave}
</ul>
{chr(10).join(secciones)}
<footer>
{pie}
<p>Generado por issste-mon {escape(__version__)} a partir de specs YAML; cifras recalculadas.</p>
</footer>
</body>
</html>
"""
