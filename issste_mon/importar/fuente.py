"""Reading SHCP files row by row: CSV (any encoding, quoted multi-line cells) or XLSX.

Columns are looked up by name, never by position: releases of the same file differ in column
count and order (the avance file has had 245 and 259 columns). Rows come out as
(line number, {column: text}) so every problem can name the line it comes from.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from issste_mon.errores import EntradaInvalida, Problem, SpecError

Filas = Iterator[tuple[int, dict[str, str]]]
# progress(bytes read so far, total bytes): called every few thousand rows
Progreso = Callable[[int, int], None]

_CADA = 2000


def _error(archivo: str, mensaje: str, linea: int | None = None) -> SpecError:
    return SpecError([Problem(archivo, linea, None, "", mensaje)])


def abrir(
    archivo: str,
    codificacion: str,
    requeridas: list[str],
    progreso: Progreso | None = None,
    que: str = "el archivo correcto",
):
    """(header, rows) of a CSV or XLSX file; a missing required column is an error naming it."""
    path = Path(archivo)
    if not path.is_file():
        raise EntradaInvalida(f"no existe el archivo {archivo}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, filas = _xlsx(path)
    else:
        header, filas = _csv(path, codificacion, progreso)
    faltan = [c for c in requeridas if c not in header]
    if faltan:
        raise _error(
            archivo,
            f"faltan columnas: {', '.join(faltan)} (¿es {que}? tiene {len(header)} columnas)",
            1,
        )
    return header, filas


def _csv(path: Path, codificacion: str, progreso: Progreso | None):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long free-text cells
    total = os.path.getsize(path)
    f = open(path, encoding=codificacion, newline="")  # noqa: SIM115 - closed by the generator
    reader = csv.reader(f)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        f.close()
        raise _error(str(path), "el archivo está vacío") from None
    except UnicodeDecodeError as exc:
        f.close()
        raise _error(str(path), f"no se puede leer como {codificacion}: {exc.reason}") from None

    def filas() -> Filas:
        with f:
            linea = reader.line_num + 1
            try:
                for n, row in enumerate(reader, 1):
                    yield linea, dict(zip(header, row, strict=False))
                    linea = reader.line_num + 1
                    if progreso is not None and n % _CADA == 0:
                        progreso(f.buffer.tell(), total)
            except UnicodeDecodeError as exc:
                raise _error(
                    str(path), f"no se puede leer como {codificacion}: {exc.reason}", linea
                ) from None
            except csv.Error as exc:
                raise _error(str(path), f"CSV mal formado: {exc}", linea) from None
            if progreso is not None:
                progreso(total, total)

    return header, filas()


def _xlsx(path: Path):
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    try:
        header = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        wb.close()
        raise _error(str(path), "la hoja está vacía") from None

    def filas() -> Filas:
        try:
            for n, row in enumerate(rows, 2):
                cells = ["" if v is None else _celda(v) for v in row]
                yield n, dict(zip(header, cells, strict=False))
        finally:
            wb.close()

    return header, filas()


def _celda(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
