"""JSON and JSON lines, as the json module writes them, built column by column."""

from __future__ import annotations

import json
from decimal import Decimal
from json.encoder import encode_basestring
from typing import IO

from issste_mon.salida.celdas import TablaPorPartes, columnas_de_parte, numeros_csv, trozos
from issste_mon.salida.flotantes import numero_texto
from issste_mon.salida.tabla import Tabla

_VACIA = {"": "null"}  # an empty cell → JSON null (a lookup: any other text stays itself)


def escribir(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    """JSON (as `json.dump(rows, indent=2, ensure_ascii=False)` writes it) or JSON lines (as
    `json.dumps(row)` per line), built column by column: each value is encoded once by the C
    encoder's pieces (strings) or as csv writes a number (`numeros_csv`: never an exponent; a
    Decimal — a figure no double keeps on its side of a cut, `tabla.fiel` — with its digits,
    which the json module cannot write), instead of the pure-Python encoder that `indent`
    falls back to walking row by row."""
    if isinstance(tabla, TablaPorPartes):
        tandas = (
            _json_cuerpos(columnas_de_parte(tabla.columnas, datos), lineas)
            for datos in tabla.partes()
        )
    else:  # (a piece's text is its rows': as the whole table's)
        tandas = (_json_cuerpos(t, lineas) for t in trozos(tabla.to_columns()))
    _escribir_json(out, tandas, lineas)


def _escribir_json(out: IO[str], tandas, lineas: bool) -> None:
    """Write the rows' bodies (`_json_cuerpos`), tanda after tanda, as one JSON array (or JSON
    lines): the text does not depend on where the tandas break."""
    hay = False
    for cuerpos in tandas:
        if not cuerpos:
            continue
        if lineas:
            out.write("".join(f"{{{t}}}\n" for t in cuerpos))
        else:
            out.write(("\n  },\n  {\n" if hay else "[\n  {\n") + "\n  },\n  {\n".join(cuerpos))
        hay = True
    if not lineas:
        out.write("\n  }\n]\n" if hay else "[]\n")


_NUMEROS = frozenset({int, float, Decimal, type(None)})  # (Decimal: `tabla.fiel`, `_diminuto`)
_ESCALARES = {True: "true", False: "false", None: "null"}


def _json_cuerpos(columns: dict[str, list], lineas: bool) -> list[str]:
    """The text of each row between its braces (JSON lines: on one line; JSON: one key a
    line, indented)."""
    cells = []
    for k, values in columns.items():
        prefijo = ("" if lineas else "    ") + encode_basestring(k) + ": "
        cells.append(list(map(prefijo.__add__, _json_columna(values, lineas))))  # (a C loop)
    filas = zip(*cells, strict=True) if cells else ()
    return list(map(", ".join if lineas else ",\n".join, filas))


def _json_columna(values: list, lineas: bool) -> list[str]:
    """The JSON text of each value of a column."""
    clases = set(map(type, values))
    if clases <= {str, type(None)}:  # each distinct text encoded once, then looked up
        mapa = {v: encode_basestring(v) for v in set(values) if v is not None}
        mapa[None] = "null"
        return list(map(mapa.__getitem__, values))
    if clases <= _NUMEROS:
        textos = numeros_csv(values)
        return list(map(_VACIA.get, textos, textos)) if type(None) in clases else textos
    return [_json_valor(v, lineas) for v in values]


def _json_valor(v, lineas: bool) -> str:
    """One value of a column of mixed kinds, lists or dicts (rare), as `json.dump` of the rows
    writes it there: a list or dict indented under its key (JSON) or on one line (JSON lines)."""
    cls = v.__class__
    if cls is bool or v is None:  # (a flag with gaps: a lookup, not an encoder per cell)
        return _ESCALARES[v]
    if cls in _NUMEROS:
        return numero_texto(v)
    if cls is str:
        return encode_basestring(v)
    texto = json.dumps(v, ensure_ascii=False, indent=None if lineas else 2)
    return texto if lineas else texto.replace("\n", "\n    ")
