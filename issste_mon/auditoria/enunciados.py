"""Checker for the "n (p%)" statements under `resumen:`: count the items with the calculator of
conteos over the statement's universe, compare n and the percentage at its printed precision."""

from __future__ import annotations

from issste_mon.auditoria.comparar import (
    COINCIDE,
    DIFIERE,
    Resultado,
    no_verificable,
    numero,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.modelo import Dependencia, ProgramaDerivado


def _elementos(ctx: Contexto, f: Figura) -> list[dict]:
    from issste_mon.calc import conteos

    e = f.registro
    if isinstance(f.dueno, Dependencia) and e.universo == "programas":
        return conteos.universo_programas(ctx.specs, f.anio, f.dueno.clave)
    derivado = f.dueno if isinstance(f.dueno, ProgramaDerivado) else None
    return conteos.universo(e, ctx.specs, f.anio, derivado)


@cifra("enunciado", "publicado", etiqueta="Enunciado {anio}")
def enunciado(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import conteos

    e = f.registro
    label = f"Enunciado «{e.id}» {f.anio}"
    conteo = conteos.leer_publicado(f.texto)
    if conteo is None or conteo.pct is None:
        return no_verificable(f"no se reconoce la forma «n (p%)» en «{f.texto}»", cifra=label)
    elementos = _elementos(ctx, f)
    r = conteos.contar(e, elementos)
    if r["origen"] == "atributos" and r["sin_dato"]:
        faltan = [x["id"] for x in elementos if conteos.normalizar(x.get(e.atributo)) is None]
        return no_verificable(
            f"falta el atributo «{e.atributo}» de {', '.join(map(str, faltan))} "
            f"({r['sin_dato']} de {r['total']})",
            cifra=label,
        )
    if r["pct"] is None:
        return no_verificable(f"universo de {e.universo} vacío", cifra=label)
    resultado = numero(conteo.pct.texto, r["pct"])
    resultado.cifra = label
    resultado.calculado = conteos.formatear(r["n"], r["total"], conteo.pct.decimales)
    if conteo.n is not None and conteo.n != r["n"]:
        resultado.veredicto, resultado.explicacion = DIFIERE, None
    elif resultado.veredicto == COINCIDE and conteo.n is None:
        resultado.calculado = f"{conteo.pct.valor}%"  # "60%": the statement prints no n
    return resultado
