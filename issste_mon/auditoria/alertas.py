"""Checker for the «¿Qué ha mejorado?» / «¿Qué alertas se presentan?» statements of a programa
derivado's indicators (seed 003), recorded as `publicado: {mejora: "…"}` or `{alerta: "…"}`:
the statement's rule, years and figures are read from its text and evaluated with the rules of
`calc.alertas` on the indicator's recorded series."""

from __future__ import annotations

from issste_mon.auditoria.comparar import COINCIDE, DIFIERE, Resultado, no_verificable
from issste_mon.auditoria.registro import Contexto, Figura, cifra

ETIQUETAS = {"mejora": "¿Qué ha mejorado?", "alerta": "¿Qué alertas se presentan?"}


@cifra("indicador_derivado", "mejora", "alerta", etiqueta="{nombre}")
def enunciado_alerta(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import alertas, tendencias

    ind = f.registro
    label = f"{ETIQUETAS[f.nombre]} {ind.id}"
    try:
        regla, anios, cifras = alertas.leer_enunciado(f.texto, f.nombre == "mejora")
    except ValueError as exc:
        return no_verificable(str(exc), cifra=label)
    series = [s for s in tendencias.series([], [f.dueno], ctx.metodologia) if s.id == ind.id]
    pts = series[0].puntos() if series else []
    minimo = 1 if regla == alertas.META_NO_ALCANZADA else 2
    if regla == alertas.CAMBIO_TENDENCIA and ctx.metodologia.alertas:
        minimo = ctx.metodologia.alertas.tendencia_valores_minimos
    if len(pts) < minimo:
        tiene = (
            f"registra solo {len(pts)} ({', '.join(str(a) for a, _ in pts)})"
            if pts
            else "no registra ninguno"
        )
        return no_verificable(
            f"la regla {regla} necesita {minimo} valores del indicador; la spec {tiene}",
            cifra=label,
        )
    hallazgos = alertas.evaluar(series, [], ctx.metodologia, mejoras=regla == alertas.MEJORA)
    v = alertas.evaluar_enunciado(hallazgos, f.dueno.clave, ind.id, regla, anios, cifras)
    calculado = v.enunciado or f"sin {regla}"
    return Resultado(
        COINCIDE if v.coincide else DIFIERE,
        calculado,
        calculado,
        motivo=None if v.coincide else v.motivo,
        cifra=label,
    )
