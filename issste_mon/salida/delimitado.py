"""CSV and TSV, as `csv.writer` with QUOTE_MINIMAL writes them, built column by column."""

from __future__ import annotations

from typing import IO

from issste_mon.salida.celdas import (
    Celdas,
    TablaPorPartes,
    columnas_de_parte,
    numeros_csv,
    textos_csv,
    trozos,
)
from issste_mon.salida.tabla import ENTEROS_MAQUINA, FilasDeColumnas, Repetidos, Tabla


def escribir(tabla: Tabla, out: IO[str], delim: str, excel: bool = False) -> None:
    """CSV/TSV as csv.writer with QUOTE_MINIMAL writes it, built column by column: each column
    becomes a list of cell texts (numbers by repr(), text through the formula guard, quotes
    only where a cell holds the delimiter, a quote or a line break), then rows are joined.
    `excel`: a BOM first and CRLF line ends, as Excel on Windows reads UTF-8."""
    fin = "\r\n" if excel else "\n"
    if excel:
        out.write("\ufeff")
    numeric = {c.clave for c in tabla.columnas if c.numerica or c.tipo in ENTEROS_MAQUINA}
    por_columnas = tabla.filas.__class__ is FilasDeColumnas
    if isinstance(tabla, TablaPorPartes) or por_columnas:  # the header, then part by part
        claves = [c.clave for c in tabla.columnas_maquina()]
        out.write(delim.join(textos_csv(claves, delim)) + fin)
        # (rows given as columns: their pieces are parts, each text column's cells made once)
        partes = trozos(tabla.filas.datos) if por_columnas else tabla.partes()
        for datos in partes:
            columnas = columnas_de_parte(tabla.columnas, datos, celdas=delim)
            _csv_filas(columnas, numeric, out, delim, fin)
        return
    columns = tabla.to_columns()
    out.write(delim.join(textos_csv(list(columns), delim)) + fin)
    for trozo in trozos(columns):
        _csv_filas(trozo, numeric, out, delim, fin)


def _csv_filas(columns: dict[str, list], numeric: set, out: IO[str], delim: str, fin: str):
    cells: list = []
    for k, values in columns.items():
        runs = values.__class__ is Repetidos
        v = values.valores if runs else values
        if v.__class__ is not Celdas:
            v = numeros_csv(v) if k in numeric else textos_csv(v, delim)
        previa = cells[-1] if cells else None
        if runs and previa.__class__ is Repetidos and previa.cuentas is values.cuentas:
            # neighbours with the same runs (an indicator's id, nivel, name…): one text per run
            juntas = list(map(f"{{}}{delim}{{}}".format, previa.valores, v))
            cells[-1] = Repetidos(juntas, values.cuentas)
        else:
            cells.append(Repetidos(v, values.cuentas) if runs else v)
    cells = [c.lista() if c.__class__ is Repetidos else c for c in cells]
    if cells and cells[0]:
        out.write(fin.join(map(delim.join, zip(*cells, strict=True))))
        out.write(fin)
