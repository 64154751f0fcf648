"""Checkers for the categories of a programa derivado's indicators (pending sexenal)."""

from __future__ import annotations

from issste_mon.auditoria.comparar import Resultado, no_verificable
from issste_mon.auditoria.enunciados import PENDIENTE
from issste_mon.auditoria.registro import Contexto, Figura, cifra


@cifra("indicador_derivado", "avance_sexenal", etiqueta="Avance de meta sexenal")
@cifra("indicador_derivado", "meta_intermedia", etiqueta="Meta intermedia")
def categoria_sexenal(ctx: Contexto, f: Figura) -> Resultado:
    label = "Avance de meta sexenal" if f.nombre == "avance_sexenal" else "Meta intermedia"
    return no_verificable(PENDIENTE, cifra=f"{label} {f.registro.id}")
