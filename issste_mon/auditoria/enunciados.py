"""Checkers for "n (p%)" statements under `resumen:` (pending the conteos calculator)."""

from __future__ import annotations

from issste_mon.auditoria.comparar import Resultado, no_verificable
from issste_mon.auditoria.registro import Contexto, Figura, cifra

PENDIENTE = "pendiente: cálculo de conteos/sexenal"


@cifra("enunciado", "publicado", etiqueta="Enunciado {anio}")
def enunciado(ctx: Contexto, f: Figura) -> Resultado:
    return no_verificable(PENDIENTE, cifra=f"Enunciado «{f.registro.id}» {f.anio}")
