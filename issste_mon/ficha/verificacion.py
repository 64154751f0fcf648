"""«Verificación de cifras publicadas» in the ficha: the `verificar` table for one program.

The ficha shows exactly what `issste-mon verificar CLAVE` reports, cut at the ficha's year,
so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import replace

from issste_mon.consultas import tablas as reports
from issste_mon.errores import SinDatos
from issste_mon.salida.tabla import Tabla


def tabla(specs, metodologia, programa, corte: int | None) -> Tabla | None:
    try:
        out = reports.verificar(specs, metodologia, [programa.id_completo])
    except SinDatos:  # the program has no published figure at all
        return None
    rows = [r for r in out.filas if corte is None or (r.get("anio") or 0) <= corte]
    return replace(out, filas=rows) if rows else None
