"""Cobertura PA/PO and PO/PP, per component, with a total only where units agree."""

from __future__ import annotations

from issste_mon.calc.base import plain, por_que_no, ratio_pct
from issste_mon.metodologia import Metodologia, decimal
from issste_mon.modelo import Numero, Poblacion, Programa, es_numero
from issste_mon.vocab import fold

NOTA_MULTICONTEO = "total de componentes: una persona puede contarse en varios componentes"


def _row(p: Programa, pob: Poblacion, alerta_mayor_a: float) -> dict:
    cob = ratio_pct(pob.atendida, pob.objetivo)  # exact: 100 % is not «mayor a 100 %»
    mayor = cob is not None and cob > decimal(alerta_mayor_a)
    notas = []
    if cob is None:
        reason = por_que_no(pob.atendida, pob.objetivo, "PA", "PO")
        pub = pob.publicado.get("cobertura")
        notas.append(f"cobertura no calculable: {reason}" + (f" (publicado: {pub})" if pub else ""))
    elif mayor:
        notas.append(f"cobertura mayor a {alerta_mayor_a:g} %: PA > PO")
    if pob.nota:  # the document's own words on how the population was counted
        notas.append(" ".join(pob.nota.split()))
    return {
        "clave": p.clave,
        "ramo": p.ramo,
        "anio": pob.anio,
        "componente": pob.componente,
        "unidad_medida": pob.unidad_medida,
        "potencial": plain(pob.potencial),
        "objetivo": plain(pob.objetivo),
        "atendida": plain(pob.atendida),
        "cobertura_pct": cob,
        "po_pp_pct": ratio_pct(pob.objetivo, pob.potencial),
        "mayor_100": mayor,
        "nota": "; ".join(notas) or None,
    }


def misma_unidad(unidad: str) -> str:
    """Comparison key for units: no accents or case, and singular = plural
    ("Derechohabiente" and "derechohabientes" are one unit; "Niños y Niñas" another)."""
    words = fold(unidad).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _sum(values: list[Numero]) -> Numero:
    return sum(values) if values and all(es_numero(v) for v in values) else None


def calcular_cobertura(
    programas: list[Programa], anio: int | None = None, *, metodologia: Metodologia | None = None
) -> tuple[list[dict], list[str]]:
    """Rows for every population entry; totals for component sets with one unit; avisos.

    PA/PO above the methodology's `cobertura_alerta_mayor_a` (100 without one) is marked.
    """
    alerta_mayor_a = metodologia.cobertura_alerta_mayor_a if metodologia else 100.0
    rows, avisos = [], []
    for p in programas:
        by_year: dict[int, list[Poblacion]] = {}
        for pob in p.poblaciones:
            if anio is None or pob.anio == anio:
                by_year.setdefault(pob.anio, []).append(pob)
        for year, pobs in sorted(by_year.items()):
            rows.extend(_row(p, pob, alerta_mayor_a) for pob in pobs)
            comps = [pob for pob in pobs if pob.componente is not None]
            if len(comps) < 2:
                continue
            units = {misma_unidad(c.unidad_medida) for c in comps}
            if len(units) > 1:
                avisos.append(
                    f"{p.clave} {year}: {len(comps)} componentes con unidades de medida distintas "
                    f"({', '.join(sorted({c.unidad_medida for c in comps}))}); no se suma un total"
                )
                continue
            total = Poblacion(
                year,
                comps[0].unidad_medida,
                None,
                *(
                    _sum([getattr(c, f) for c in comps])
                    for f in ("potencial", "objetivo", "atendida")
                ),
            )
            row = _row(p, total, alerta_mayor_a)
            row["nota"] = "; ".join(filter(None, [NOTA_MULTICONTEO, row["nota"]]))
            rows.append(row)
    return rows, avisos
