"""The ficha as Markdown: the same tables (tabulate, via render) and the charts as SVG files."""

from __future__ import annotations

import io
from pathlib import Path

from issste_mon.ficha.datos import Ficha, cifras_clave, encabezado, notas, visible
from issste_mon.ficha.graficas import Grafica
from issste_mon.salida.render import Formato, render


def nombre_grafica(destino: str, g: Grafica) -> str:
    """The chart file written beside `destino`: e045.md → e045-cobertura.svg."""
    return f"{Path(destino).stem}-{g.id}.svg"


def documento(ficha: Ficha, graficas: list[Grafica], destino: str | None = None) -> str:
    """Markdown text; with `destino`, image links to the chart files beside it."""
    p = ficha.programa
    por_seccion = {g.id: g for g in graficas}
    out = io.StringIO()
    out.write(f"# Ficha de monitoreo: {p.clave} {p.nombre}\n\n")
    for k, v in encabezado(ficha):
        out.write(f"- **{k}:** {v}\n")
    clave = cifras_clave(ficha)
    if clave:
        out.write("\n" + " · ".join(f"**{k}:** {v}" for k, v in clave) + "\n")
    for s in ficha.secciones:
        out.write(f"\n## {s.titulo}\n\n")
        if s.tabla is None:
            out.write(f"_{s.sin_datos}_\n")
            continue
        table = io.StringIO()
        render(visible(s.tabla), Formato.markdown, table)
        # render opens with the table's own «### título»; the section heading replaces it.
        out.write(table.getvalue().split("\n\n", 1)[1])
        for aviso in s.tabla.avisos:
            out.write(f"\n> aviso: {aviso}\n")
        g = por_seccion.get(s.id)
        if g is not None and destino is not None:
            out.write(f"\n![{g.titulo}]({nombre_grafica(destino, g)})\n")
    out.write("\n---\n\n")
    for n in notas(ficha):
        out.write(f"- {n}\n")
    if destino is None:
        out.write("\n_Las gráficas se escriben con --salida ARCHIVO.html o ARCHIVO.md._\n")
    return out.getvalue()
