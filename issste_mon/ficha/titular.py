"""The headline PA/PO of a ficha and of the site's index: which figure it is, or why none.

A year of several components has a PA/PO per component and, where they share a unit, their
total (`calc.cobertura`). The headline took the first computable row of the latest year: with
components in Personas, Derechohabientes and Unidades médicas it showed the first one's, as if
it were the program's, and with one unit it showed a component instead of the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from issste_mon.ficha.datos import calculable
from issste_mon.salida.tabla import Tabla

_NO_CALCULABLE = "cobertura no calculable: "


@dataclass(frozen=True)
class Titular:
    anio: int
    fila: dict | None  # the row shown; None: no figure is the program's (`motivo` says why)
    de: str = ""  # what it is of: «» the program's one population, «total de 2 componentes»…
    unidades: str = ""  # of a component or total: its unit; of components without one, theirs
    motivo: str = ""  # why no figure: components in different units, a total not computable
    alertados: tuple[str, ...] = ()  # components with PA > PO where no figure is shown

    @property
    def de_con_unidad(self) -> str:
        return f"{self.de} ({self.unidades})" if self.de and self.unidades else self.de


def cobertura_titular(tabla: Tabla | None) -> Titular | None:
    """Of the latest year with a computable PA/PO: the program's own figure — its one
    population, or the total of its components where they share a unit, as `cobertura`
    computes it —, or its only component, each said; never one of several components chosen
    silently. Components in different units have no total (`cobertura` adds none and says so)
    and the headline says that, with their units; a total that is not computable, why."""
    if tabla is None:
        return None
    anios = [r["anio"] for r in tabla.filas if calculable(r.get("cobertura_pct"))]
    if not anios:
        return None
    anio = max(anios)
    del_anio = [r for r in tabla.filas if r["anio"] == anio]
    comps = [r for r in del_anio if r.get("componente")]
    propias = [r for r in del_anio if not r.get("componente")]
    if propias:  # the year's one population, or its components' total (after them)
        r = propias[-1]
        de, unidad = (
            (f"total de {len(comps)} componentes", r["unidad_medida"]) if comps else ("", "")
        )
        if calculable(r.get("cobertura_pct")):
            return Titular(anio, r, de, unidad)
        nota = r.get("nota") or ""
        motivo = nota[nota.find(_NO_CALCULABLE) :].split(";")[0] if _NO_CALCULABLE in nota else ""
        return Titular(anio, None, de, unidad, motivo.removeprefix("cobertura ") or "no calculable")
    if len(comps) == 1:
        r = comps[0]
        return Titular(anio, r, r["componente"], r["unidad_medida"])
    return Titular(
        anio,
        None,
        f"{len(comps)} componentes",
        "; ".join(sorted({r["unidad_medida"] for r in comps})),
        "sin total: las unidades distintas no se suman",
        tuple(r["componente"] for r in comps if r.get("mayor_100")),
    )
