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
    return cortada(specs, metodologia, programa.id_completo, corte)


def cortada(specs, metodologia, clave: str, corte: int | None) -> Tabla | None:
    """`verificar CLAVE` (a program, a dependency) with the rows up to `corte`, or None."""
    from issste_mon import auditoria

    try:
        v = reports.verificacion(specs, metodologia, [clave])
    except SinDatos:  # the program has no published figure at all
        return None
    out = v.tabla
    # rows and findings are parallel: one finding per published figure
    kept = [
        (h, r)
        for h, r in zip(v.hallazgos, out.filas, strict=True)
        if corte is None or (r.get("anio") or 0) <= corte
    ]
    if not kept:
        return None
    if len(kept) == len(out.filas):
        return out
    # the summary counts the rows shown: cut at 2016, E045's one row said «7 cifras: 4 coinciden»
    recuento = auditoria.Recuento.de([h for h, _ in kept])
    return replace(out, filas=[r for _, r in kept], resumen=[auditoria.resumen(recuento)])
