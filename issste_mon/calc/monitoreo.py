"""CONEVAL's InMonitoreo: program levels, the dependency subíndice and the aggregate index."""

from __future__ import annotations

from decimal import Decimal, localcontext

from issste_mon.calc.base import CONTEXTO, del_anio
from issste_mon.metodologia import Metodologia, clasificar, decimal
from issste_mon.modelo import Dependencia, Programa, es_numero


def nivel(valoracion: float, metodologia: Metodologia) -> str | None:
    return clasificar(valoracion, metodologia.inmonitoreo)


def inmonitoreo(valoraciones: list[float], subindice: float, metodologia: Metodologia) -> Decimal:
    """½ · mean(program valoraciones) + ½ · subíndice dependencia [inferido; weights are data],
    on exact decimals (½ · 0.5722 + ½ · 0.550 = 0.5611 exactly)."""
    with localcontext(CONTEXTO):
        media = sum(map(decimal, valoraciones), Decimal(0)) / len(valoraciones)
        return decimal(metodologia.peso_programas) * media + decimal(
            metodologia.peso_dependencia
        ) * decimal(subindice)


def _programas_de(dep: Dependencia, programas: list[Programa]) -> list[Programa]:
    return [
        p
        for p in programas
        if p.ramo == dep.ramo or (p.dependencia or "").upper() == dep.siglas.upper()
    ]


def calcular_monitoreo(
    programas: list[Programa],
    anio: int | None = None,
    *,
    metodologia: Metodologia,
    dependencias: list[Dependencia] = (),
) -> list[dict]:
    """Programs' valoración and level; per dependency its subíndice and InMonitoreo."""
    rows = []
    for p in programas:
        for m in del_anio(p.monitoreo, anio):
            ok = es_numero(m.valoracion)
            rows.append(
                {
                    "ambito": "programa",
                    "clave": p.clave,
                    "ramo": p.ramo,
                    "anio": m.anio,
                    "valoracion": m.valoracion if ok else None,
                    "nivel": nivel(m.valoracion, metodologia) if ok else None,
                    "lugar": None,
                    "nota": None if ok else f"valoración {m.valoracion or 'ausente'}",
                }
            )
    for dep in dependencias:
        for m in del_anio(dep.monitoreo, anio):
            rows.extend(_dependencia(dep, m, _programas_de(dep, programas), metodologia))
    return rows


def _dependencia(dep, m, programas, metodologia) -> list[dict]:
    base = {"clave": dep.clave, "ramo": dep.ramo, "anio": m.anio, "lugar": None, "nota": None}
    rows = []
    sub = m.subindice_dependencia
    if es_numero(sub):
        rows.append(
            {
                **base,
                "ambito": "subíndice dependencia",
                "valoracion": sub,
                "nivel": nivel(sub, metodologia),
            }
        )
    vals = [
        pm.valoracion
        for p in programas
        for pm in p.monitoreo
        if pm.anio == m.anio and es_numero(pm.valoracion)
    ]
    row = {**base, "ambito": "InMonitoreo", "valoracion": None, "nivel": None}
    if vals and es_numero(sub):
        calc = inmonitoreo(vals, sub, metodologia)
        row.update(
            valoracion=calc,
            nivel=nivel(calc, metodologia),
            nota=f"calculado de {len(vals)} programas y el subíndice",
        )
    elif es_numero(m.inmonitoreo):
        row.update(
            valoracion=m.inmonitoreo,
            nivel=nivel(m.inmonitoreo, metodologia),
            nota="valor de la spec (faltan insumos para calcularlo)",
        )
    else:
        row["nota"] = "sin insumos"
    if m.lugar is not None:
        row["lugar"] = f"{m.lugar} de {m.de}" if m.de else str(m.lugar)
    rows.append(row)
    return rows
