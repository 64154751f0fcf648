"""Reading SHCP files row by row: CSV (any encoding, quoted multi-line cells) or XLSX.

Columns are looked up by name, never by position: releases of the same file differ in column
count and order (the avance file has had 245 and 259 columns). Rows come out as
(line number, {column: text}) so every problem can name the line it comes from.

Encoding: unless one is given, UTF-16 is recognised by its byte-order mark (or the zero bytes
of ASCII text), then strict UTF-8 (with or without BOM) is tried over the whole file, and only
when it fails CP-1252 (Latin-1 when CP-1252 cannot map a byte). A file that is valid UTF-8 with
non-ASCII text but was declared Latin-1/CP-1252 is refused: reading it so would write mojibake
(«prestaciÃ³n»). A row with fewer or more cells than the header, or a quote left open, is an
error with its line number — or, with `omitir_malas`, skipped and counted; never padded into
invented cells. `-` reads standard input.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from issste_mon.errores import EntradaInvalida, Problem, SpecError

Filas = Iterator[tuple[int, dict[str, str]]]
# progress(bytes read so far, total bytes): called every few thousand rows
Progreso = Callable[[int, int], None]

_CADA = 2000
_BLOQUE = 1 << 20
STDIN = "-"
T_MALA = "fila mal formada, omitida (`omitir_filas_malas`)"


def _error(archivo: str, mensaje: str, linea: int | None = None) -> SpecError:
    return SpecError([Problem(archivo, linea, None, "", mensaje)])


def nombre(archivo: str) -> str:
    return "stdin" if archivo == STDIN else archivo


def validar_codificacion(codificacion: str | None) -> str | None:
    """The codec's canonical name; an unknown or non-text codec is a one-line usage error."""
    if codificacion is None or codificacion.strip().lower() in ("", "auto"):
        return None
    try:
        info = codecs.lookup(codificacion.strip())
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise EntradaInvalida(
            f'`codificacion`: codificación desconocida "{codificacion}" (p. ej. utf-8, '
            "latin-1, cp1252, utf-16; u omítala para detectarla)",
            argumentos=("codificacion",),
        )
    return info.name


def _utf8_valido(f, inicio: int = 0) -> tuple[bool, bool]:
    """(the whole binary file decodes as strict UTF-8, it has non-ASCII text)."""
    f.seek(inicio)
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    no_ascii = False
    try:
        while bloque := f.read(_BLOQUE):
            dec.decode(bloque)
            no_ascii = no_ascii or not bloque.isascii()
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, True
    finally:
        f.seek(0)
    return True, no_ascii


def _cp1252_valido(f) -> bool:
    dec = codecs.getincrementaldecoder("cp1252")("strict")
    try:
        while bloque := f.read(_BLOQUE):
            dec.decode(bloque)
    except UnicodeDecodeError:
        return False
    finally:
        f.seek(0)
    return True


def detectar(f, archivo: str, declarada: str | None) -> str:
    """The encoding to read the binary file `f` with (see the module doc)."""
    inicio = f.read(4096)
    f.seek(0)
    if inicio.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not inicio.startswith(
        codecs.BOM_UTF32_LE
    ):
        utf16 = "utf-16"
    elif len(inicio) >= 4 and inicio[1::2].count(0) > len(inicio) // 4 and 0 not in inicio[::2]:
        utf16 = "utf-16-le"
    elif len(inicio) >= 4 and inicio[0::2].count(0) > len(inicio) // 4 and 0 not in inicio[1::2]:
        utf16 = "utf-16-be"
    else:
        utf16 = None
    if declarada is not None:
        if declarada in ("latin-1", "iso8859-1", "cp1252") and utf16 is None:
            ok, no_ascii = _utf8_valido(f)
            if ok and no_ascii:
                raise _error(
                    nombre(archivo),
                    "el archivo es UTF-8 válido, no Latin-1/CP-1252: leerlo así escribiría "
                    "«Ã³» en lugar de «ó»; omita `codificacion` o use `codificacion` utf-8",
                )
        return declarada
    if utf16:
        return utf16
    ok, _ = _utf8_valido(f)
    if ok:
        return "utf-8-sig"
    return "cp1252" if _cp1252_valido(f) else "latin-1"


class Lector:
    """The rows of one CSV or XLSX file; bad rows skipped (with `omitir_malas`) are kept in
    `malas` as (line, reason). `cerrar()` closes the file whether its rows were read or not."""

    def __init__(self, filas: Filas, archivo=None):
        self._filas = filas
        self._archivo = archivo
        self.malas: list[tuple[int, str]] = []

    def __iter__(self):
        return self._filas

    def cerrar(self) -> None:
        self._filas.close()  # (a generator stopped halfway runs its `finally`)
        if self._archivo is not None:
            self._archivo.close()


def contar_malas(filas, lote) -> Filas:
    """Pass rows through; at the end count the skipped bad ones in the lote."""
    yield from filas
    for linea, motivo in getattr(filas, "malas", []):
        lote.filas += 1
        lote.omitir("fila mal formada (`omitir_filas_malas`)")
        lote.aviso(linea, motivo, T_MALA)


@dataclass(frozen=True)
class Lectura:
    """What every importer reads: the file (`-` for stdin), its encoding (None: detected), the
    progress bar to feed, and whether malformed rows are skipped and counted or stop the run."""

    archivo: str
    codificacion: str | None = None
    progreso: Progreso | None = None
    omitir_malas: bool = False
    abiertos: list[Lector] = field(default_factory=list, repr=False, compare=False)

    def abrir(self, requeridas: list[str], que: str = "el archivo correcto"):
        return abrir(
            self.archivo,
            self.codificacion,
            requeridas,
            self.progreso,
            que,
            self.omitir_malas,
            self.abiertos.append,
        )

    def cerrar(self) -> None:
        """Close what `abrir` opened, read to the end or not: a file whose header an importer
        refused stayed open until the garbage collector found the error's traceback (never,
        while a notebook keeps the last error)."""
        for lector in self.abiertos:
            lector.cerrar()

    @property
    def nombre(self) -> str:
        return nombre(self.archivo)


def abrir(
    archivo: str,
    codificacion: str | None,
    requeridas: list[str],
    progreso: Progreso | None = None,
    que: str = "el archivo correcto",
    omitir_malas: bool = False,
    abierto: Callable[[Lector], None] = lambda lector: None,
):
    """(header, rows) of a CSV or XLSX file; a missing required column is an error naming it.
    `abierto` receives the rows' `Lector` as soon as the file is open, for the caller to close."""
    codificacion = validar_codificacion(codificacion)
    if archivo == STDIN:
        header, filas = _csv(_stdin(), STDIN, codificacion, progreso, omitir_malas, abierto)
    else:
        path = Path(archivo)
        if not path.is_file():
            from issste_mon.carga.inputs import file_kind, vacia

            if not archivo:  # Path("") is «.», a folder
                raise vacia("del archivo de SHCP")
            tipo = file_kind(path) if path.exists() else None
            if tipo:  # /dev/null, a folder: it exists, it is not a file to read
                raise EntradaInvalida(
                    f"no se puede leer {archivo}: {tipo}, no un archivo (- lee la entrada estándar)"
                )
            raise EntradaInvalida(f"no existe el archivo {archivo}")
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            header, filas = _xlsx(path, abierto)
        else:
            binario = open(path, "rb")  # noqa: SIM115 - the Lector closes it
            header, filas = _csv(binario, archivo, codificacion, progreso, omitir_malas, abierto)
    faltan = [c for c in requeridas if c not in header]
    if faltan:
        raise _error(
            nombre(archivo),
            f"faltan columnas: {', '.join(faltan)} (¿es {que}? {columnas(header)})",
            1,
        )
    return header, filas


def columnas(header: list[str]) -> str:
    """«tiene 40 columnas», with a hint when one column holds what looks like a whole header
    separated by semicolons or tabs (a CSV exported with another separator)."""
    n = len(header)
    texto = f"tiene {n:,} columna{'' if n == 1 else 's'}"  # es-MX: 5,000,001
    if n == 1:
        for sep, nombre_ in ((";", "punto y coma"), ("\t", "tabuladores")):
            if sep in header[0]:
                return f"{texto}: ¿separado por {nombre_}? Se espera un CSV separado por comas"
    return texto


def _stdin():
    """Standard input, spooled so its encoding can be detected before it is read."""
    if sys.stdin is None:  # started with stdin closed (`… importar avance - <&-`)
        from issste_mon.carga.inputs import CERRADA

        raise _error(STDIN, CERRADA)
    fuente = getattr(sys.stdin, "buffer", None)
    tmp = tempfile.SpooledTemporaryFile(max_size=64 << 20)  # noqa: SIM115 - closed by reader
    if fuente is None:
        tmp.write(sys.stdin.read().encode("utf-8"))
    else:
        while bloque := fuente.read(_BLOQUE):
            tmp.write(bloque)
    tmp.seek(0)
    return tmp


def _tamano(f) -> int:
    try:
        return os.fstat(f.fileno()).st_size
    except (OSError, io.UnsupportedOperation, AttributeError):
        pos = f.tell()
        f.seek(0, 2)
        size = f.tell()
        f.seek(pos)
        return size


def _csv(binario, archivo: str, codificacion: str | None, progreso, omitir_malas: bool, abierto):
    donde = nombre(archivo)
    try:
        cod = detectar(binario, archivo, codificacion)
    except BaseException:
        binario.close()
        raise
    total = _tamano(binario)
    f = io.TextIOWrapper(binario, encoding=cod, newline="")
    reader = csv.reader(f, strict=True)
    try:
        header = [h.strip().lstrip("\ufeff") for h in _fila(reader)]
    except StopIteration:
        f.close()
        raise _error(donde, "el archivo está vacío") from None
    except UnicodeDecodeError:
        f.close()
        raise _error(donde, _no_es(cod), 1) from None
    except csv.Error as exc:
        f.close()
        raise _error(donde, f"CSV mal formado en el encabezado: {_csv_error(exc)}", 1) from None
    ancho = len(header)
    lector = Lector(iter(()), f)
    abierto(lector)

    def filas() -> Filas:
        with f:
            linea = reader.line_num + 1
            n = 0
            while True:
                try:
                    row = _fila(reader)
                except StopIteration:
                    break
                except UnicodeDecodeError:
                    raise _error(donde, _no_es(cod), linea) from None
                except csv.Error as exc:
                    if "end of data" not in str(exc):
                        motivo = f"CSV mal formado: {_csv_error(exc)}"
                    else:
                        motivo = (
                            "comillas sin cerrar: la celda que empieza en esta línea llega "
                            f"hasta la línea {reader.line_num} (fin del archivo)"
                        )
                    if not omitir_malas or "comillas sin cerrar" in motivo:
                        raise _error(donde, motivo, linea) from None
                    lector.malas.append((linea, motivo))
                    linea = reader.line_num + 1
                    continue
                n += 1
                if not row:  # a blank line holds nothing
                    linea = reader.line_num + 1
                    continue
                if len(row) != ancho:
                    motivo = f"la fila tiene {len(row):,} celdas y el encabezado {ancho:,}" + (
                        " (¿fila cortada?)" if len(row) < ancho else ""
                    )
                    if not omitir_malas:
                        raise _error(
                            donde, motivo + "; `omitir_filas_malas` la omite y la cuenta", linea
                        )
                    lector.malas.append((linea, motivo))
                else:
                    yield linea, dict(zip(header, row, strict=True))
                linea = reader.line_num + 1
                if progreso is not None and n % _CADA == 0:
                    progreso(binario.tell(), total)
            if progreso is not None:
                progreso(total, total)

    lector._filas = filas()
    return header, lector


_CELDA_LARGA = min(sys.maxsize, 2**31 - 1)  # long free-text cells (csv's own limit: 128 KiB)
_LIMITE = threading.Lock()
_leyendo = [0, 0]  # rows being read right now (any thread), and the limit before the first


def _fila(reader) -> list[str]:
    """`next(reader)` with csv's field limit raised. The limit is process-wide, so it is raised
    only while a row is read and the caller's is put back after (once no thread is reading):
    left raised, the caller's own csv reading took cells it refused before."""
    with _LIMITE:
        if not _leyendo[0]:
            _leyendo[1] = csv.field_size_limit(_CELDA_LARGA)
        _leyendo[0] += 1
    try:
        return next(reader)
    finally:
        with _LIMITE:
            _leyendo[0] -= 1
            if not _leyendo[0]:
                csv.field_size_limit(_leyendo[1])


def _no_es(cod: str) -> str:
    """(Python's reason, «invalid start byte», «code point not in range(0x110000)», is English
    and names no remedy.)"""
    return (
        f"no se puede leer como {cod}: hay bytes que no son {cod} (¿otra codificación? sin "
        "`codificacion` se detecta)"
    )


def _csv_error(exc: csv.Error) -> str:
    t = str(exc)
    traducciones = {
        "',' expected after '\"'": "se esperaba una coma después de las comillas que cierran",
        "new-line character seen in unquoted field": "salto de línea en una celda sin comillas",
        "line contains NUL": "la línea contiene un byte NUL",
    }
    for en, es in traducciones.items():
        if en in t:
            return es
    return t


def _xlsx(path: Path, abierto):
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
                if all(v is None for v in row):
                    continue
                cells = ["" if v is None else _celda(v) for v in row]
                cells += [""] * (len(header) - len(cells))  # openpyxl trims empty trailing cells
                yield n, dict(zip(header, cells, strict=False))
        finally:
            wb.close()

    lector = Lector(filas(), wb)
    abierto(lector)
    return header, lector


def _celda(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
