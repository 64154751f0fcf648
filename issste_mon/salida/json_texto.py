"""JSON and JSON lines, as the json module writes them, built column by column."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import IO

from issste_mon.salida.celdas import TablaPorPartes, columnas_de_parte, machine_rows, trozos
from issste_mon.salida.tabla import Tabla

_NULL = {"None": "null"}  # repr(None) → JSON null (a lookup: any other text stays itself)


def escribir(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    """JSON (as `json.dump(rows, indent=2, ensure_ascii=False)` writes it) or JSON lines (as
    `json.dumps(row)` per line), built column by column: each value is encoded once by the C
    encoder's pieces (strings) or repr (numbers), instead of the pure-Python encoder that
    `indent` falls back to walking row by row. A column holding lists or dicts (rare) is
    written by the json module."""
    if isinstance(tabla, TablaPorPartes):
        return _json_partes(tabla, out, lineas)
    columns = tabla.to_columns()
    if not all(set(map(type, v)) <= _JSON_SIMPLES for v in columns.values()):
        return _json_modulo(tabla, out, lineas)  # (lists or dicts in a cell)
    # (a piece's text is its rows': as the whole table's)
    _escribir_json(out, (_json_cuerpos(t, lineas) for t in trozos(columns)), lineas)


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


_JSON_SIMPLES = frozenset({str, int, float, bool, type(None)})


def _json_cuerpos(columns: dict[str, list], lineas: bool) -> list[str] | None:
    """The text of each row between its braces (JSON lines: on one line; JSON: one key a
    line, indented); None if a column holds lists or dicts."""
    cells = []
    for k, values in columns.items():
        textos = _json_columna(values)
        if textos is None:
            return None
        prefijo = ("" if lineas else "    ") + encode_basestring(k) + ": "
        cells.append(list(map(prefijo.__add__, textos)))  # a C loop, not a comprehension
    filas = zip(*cells, strict=True) if cells else ()
    return list(map(", ".join if lineas else ",\n".join, filas))


def _json_partes(tabla: TablaPorPartes, out: IO[str], lineas: bool) -> None:
    """`_json` of a table that comes in parts: the same text, written part by part."""
    _escribir_json(out, _json_cuerpos_partes(tabla, lineas), lineas)


def _json_cuerpos_partes(tabla: TablaPorPartes, lineas: bool):
    """The rows' bodies of each part (`_json_cuerpos`; the json module's where a cell holds
    lists or dicts)."""
    for datos in tabla.partes():
        columns = columnas_de_parte(tabla.columnas, datos)
        cuerpos = _json_cuerpos(columns, lineas)
        if cuerpos is None:  # lists or dicts in a cell: this part by the json module
            keys = list(columns)
            filas = [dict(zip(keys, r, strict=True)) for r in zip(*columns.values(), strict=True)]
            if lineas:
                cuerpos = [json.dumps(r, ensure_ascii=False)[1:-1] for r in filas]
            else:
                cuerpos = [
                    json.dumps(r, ensure_ascii=False, indent=2)[2:-2].replace("\n", "\n  ")
                    for r in filas
                ]
        yield cuerpos


def _json_columna(values: list) -> list[str] | None:
    """The JSON text of each value of a column; None if a value is not a string, number,
    boolean or null."""
    clases = set(map(type, values))
    if not clases <= {str, int, float, bool, type(None)}:
        return None
    if clases <= {str, type(None)}:  # each distinct text encoded once, then looked up
        mapa = {v: encode_basestring(v) for v in set(values) if v is not None}
        mapa[None] = "null"
        return list(map(mapa.__getitem__, values))
    if clases <= {int, float, type(None)}:
        textos = list(map(repr, values))
        return list(map(_NULL.get, textos, textos)) if type(None) in clases else textos
    return [json.dumps(v, ensure_ascii=False) for v in values]


def _json_modulo(tabla: Tabla, out: IO[str], lineas: bool) -> None:
    if lineas:
        for row in machine_rows(tabla):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        json.dump(machine_rows(tabla), out, ensure_ascii=False, indent=2)
        out.write("\n")
