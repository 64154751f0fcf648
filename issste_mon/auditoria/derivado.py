"""Checker for the published categories of a programa derivado's indicators: six-year progress
and intermediate goal, recomputed by calc.sexenal where the spec has the raw values."""

from __future__ import annotations

from issste_mon.auditoria.comparar import Resultado, categoria, no_verificable
from issste_mon.auditoria.registro import Contexto, Figura, cifra

ETIQUETAS = {"avance_sexenal": "Avance de meta sexenal", "meta_intermedia": "Meta intermedia"}


def _motivo(row: dict, prefijo: str) -> str:
    """The calculator's own words for what is missing, from its nota."""
    for parte in (row.get("nota") or "").split("; "):
        if parte.startswith(prefijo):
            return "no calculable: " + parte.removeprefix(prefijo)
    return "no calculable de los datos de la spec"


@cifra("indicador_derivado", "avance_sexenal", "meta_intermedia", etiqueta="{nombre}")
def categoria_sexenal(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import sexenal

    ind = f.registro
    row = next(
        r
        for r in sexenal.calcular_sexenal(f.dueno, metodologia=ctx.metodologia)
        if r["id"] == ind.id
    )
    calculada, origen = row[f.nombre], row[f"{f.nombre}_origen"]
    # A constant-sense indicator's six-year category follows from its sentido alone.
    if origen == sexenal.PUBLICADO and not (
        f.nombre == "avance_sexenal" and ind.sentido == "constante"
    ):
        if f.nombre == "avance_sexenal":
            resultado = no_verificable(_motivo(row, "avance sexenal publicado: "))
        else:
            anio = row["ultimo_anio"]
            falta = f"sin meta {anio} (año del último valor)" if anio else "sin valores"
            resultado = no_verificable(f"no calculable: {falta} en la spec")
    else:
        resultado = categoria(f.texto, calculada)
    resultado.cifra = f"{ETIQUETAS[f.nombre]} {ind.id}"
    return resultado
