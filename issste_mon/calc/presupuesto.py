"""Budget share of the ramo: ejercido del programa / ejercido del ramo × 100."""

from __future__ import annotations

from issste_mon.calc.base import del_anio, nota_de_spec, notas, plain, por_que_no, ratio_pct
from issste_mon.modelo import Programa


def calcular_presupuesto(programas: list[Programa], anio: int | None = None) -> list[dict]:
    """One row per program and year: ejercido, ramo and the share (None, with a nota, when
    not computable)."""
    rows = []
    for p in programas:
        for b in del_anio(p.presupuesto, anio):
            share = ratio_pct(b.ejercido, b.ramo)
            nota = None
            deducidas = [c for c in ("ejercido", "ramo") if c in b.inferido]
            if share is None:
                nota = "porcentaje no calculable: " + por_que_no(
                    b.ejercido, b.ramo, "ejercido", "ramo"
                )
            elif deducidas:
                nota = "descansa en: " + en_palabras(deducidas)
            nota = notas(nota, nota_de_spec(b.nota))  # and the document's own words
            rows.append(
                {
                    "clave": p.clave,
                    "ramo": p.ramo,
                    "anio": b.anio,
                    "ejercido_mdp": plain(b.ejercido),
                    "ramo_mdp": plain(b.ramo),
                    "porcentaje_ramo": share,
                    "nota": nota,
                    "precios": b.precios,
                    "asignado_mdp": plain(b.asignado),
                    "fuente": b.fuente,
                    # the share rests on a figure the spec deduced; null: no share
                    "supuesto": None if share is None else bool(deducidas),
                    "inferido": deducidas,  # (not a column: the ficha's ⚠ beside the figure)
                }
            )
    return rows


def en_palabras(deducidas: list[str]) -> str:
    """«ejercido inferido (no impreso)», «ejercido inferido y ramo inferido (no impresos)»."""
    texto = " y ".join(f"{c} inferido" for c in deducidas)
    return texto + (" (no impreso)" if len(deducidas) == 1 else " (no impresos)")
