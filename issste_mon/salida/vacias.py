"""Columns empty in every row, left out of the tables for people (terminal, Markdown) and named
in one line under them: at 80 columns `monitoreo --indice ised` gave a «Nota» column of blanks
the width the other columns needed, and `cumplimiento E045` left out Id, Nivel and Sentido for
the width while it kept an empty Semáforo. csv, tsv, json, jsonl and xlsx keep every column:
their columns are a contract. A column named in `columnas` is shown even if empty (the person
asked for it), one whose empty cell reads as something (`Columna.vacio`, «—»), and the
columns a row cannot be read without (`anchos.esenciales`: its key, figure and class)."""

from __future__ import annotations

import dataclasses

from issste_mon.salida.tabla import Columna, Tabla


def sin_vacias(
    tabla: Tabla, cols: list[Columna], cells: list[list[str]]
) -> tuple[Tabla, list[Columna], list[list[str]], list[Columna]]:
    """(the table without its all-empty columns for people, its visible columns and cells
    without them, the columns left out). `cells`: each row's texts as shown, by `cols`."""
    from issste_mon.salida.anchos import esenciales

    if not cells:
        return tabla, cols, cells, []
    # what says which row it is, its figure and its class stay, blank or not: a blank
    # Componente says the rows are the program's own, not a component's
    fijas = set(esenciales(cols))
    vacias = [
        i
        for i, c in enumerate(cols)
        if i not in fijas
        and not c.pedida
        and not any(fila[i] for fila in cells)
        and not any(c.alertada(row) for row in tabla.filas)
    ]
    if not vacias or len(vacias) == len(cols):
        return tabla, cols, cells, []
    claves = {cols[i].clave for i in vacias}
    tabla = dataclasses.replace(
        tabla,
        columnas=[
            dataclasses.replace(c, en_tabla=False) if c.clave in claves and c.en_tabla else c
            for c in tabla.columnas
        ],
    )
    quedan = [i for i in range(len(cols)) if i not in vacias]
    return (
        tabla,
        [cols[i] for i in quedan],
        [[fila[i] for i in quedan] for fila in cells],
        [cols[i] for i in vacias],
    )


def linea(vacias: list[Columna]) -> str | None:
    """«Sin datos en ninguna fila: Semáforo (semaforo: …), Nota (nota).»: what was left out and
    why (each column's `vacia` where its emptiness says something), or None."""
    if not vacias:
        return None
    nombres = ", ".join(
        f"{c.titulo} ({c.clave}{': ' + c.vacia if c.vacia else ''})" for c in vacias
    )
    return f"Sin datos en ninguna fila: {nombres}."
