"""A table as GitHub Markdown (tabulate), with its legends and summary under it."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from issste_mon.salida.anchos import Plan
from issste_mon.salida.celdas import celda, columnas_visibles
from issste_mon.salida.leyendas import leyendas, remitidas
from issste_mon.salida.sanear import markdown as md
from issste_mon.salida.tabla import Tabla, en_columna
from issste_mon.salida.vacias import linea as linea_vacias
from issste_mon.salida.vacias import sin_vacias

if TYPE_CHECKING:
    from collections.abc import Callable


def escribir(tabla: Tabla, out: IO[str], donde: Callable[[str], str] = en_columna) -> None:
    """`donde`: where a column's whole text is, where the legends count the reasons they do
    not list (as the summary lines say it: `salida.tabla.en_columna`, and the command line's
    additions)."""
    from tabulate import tabulate

    cols = columnas_visibles(tabla)
    # a column blank in every row is left out, and said under the table (salida/vacias.py)
    textos = [[celda(row, c) for c in cols] for row in tabla.filas]
    tabla, cols, textos, vacias = sin_vacias(tabla, cols, textos)
    # the mark the rich table and the ficha put beside a figure (PA/PO > 100 %) goes here too
    body = [
        [md(t) + (" ⚠" if c.alertada(row) else "") for c, t in zip(cols, fila, strict=True)]
        for row, fila in zip(tabla.filas, textos, strict=True)
    ]
    align = [c.alineacion for c in cols]
    out.write(f"### {md(tabla.titulo)}\n\n")
    out.write(
        tabulate(
            body,
            headers=[md(c.titulo) for c in cols],
            tablefmt="github",
            colalign=align,
            disable_numparse=True,
        )
    )
    out.write("\n")
    # Where the Nota is no column (alertas), what a ⚠ rests on and what a summary line sends
    # to, row by row, as under the rich table: a «⚠» a reader cannot look up says nothing.
    sin_nota = not any(c.clave == "nota" for c in cols)
    cells = textos if sin_nota else None
    plan = Plan({i: 0 for i in range(len(cols))}, [], False)
    if sin_nota:
        for leyenda in leyendas(tabla, cols, plan, cells, donde):
            out.write(f"\n{_md_leyenda(leyenda)}\n")
    # the columns left out after the legends and before the summary, as under the rich table
    # (`terminal.escribir`): the same table said in the same order in both
    if texto := linea_vacias(vacias):
        out.write(f"\n{md(texto)}\n")
    for line in tabla.resumen:
        out.write(f"\n{md(line)}\n")
        for linea_ in remitidas(tabla, line, cols, plan, cells, None, donde) if sin_nota else ():
            out.write(f"\n{_md_leyenda(linea_)}\n")
    if tabla.pie:
        out.write(f"\n_{md(tabla.pie)}_\n")


def _md_leyenda(linea: str) -> str:
    """A legend line in Markdown: one of its rows («  E045 P1: …») as a list item."""
    return f"- {md(linea.strip())}" if linea.startswith("  ") else md(linea)
