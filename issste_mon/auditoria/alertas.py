"""Checker for the «¿Qué ha mejorado?» / «¿Qué alertas se presentan?» statements of a programa
derivado's indicators (seed 003), recorded as `publicado: {mejora: "…"}` or `{alerta: "…"}`:
the statement's rule, years and figures are read from its text and evaluated with the rules of
`calc.alertas` on the indicator's recorded series.

A match is a confirmation only when the series and the rule are independent of the statement:
a series the spec took from the same publication (`inferido: [valores, metas]` on the indicator —
the figures of «de 95% en 2019 a 99% en 2022» copied into `valores`) or a rule of the
methodology inferred from it (`alertas.mejora`, `confianza: inferido`, with this very sentence as
its `fuente`) makes it «coincide por construcción», naming which."""

from __future__ import annotations

from issste_mon.auditoria.comparar import (
    COINCIDE,
    DIFIERE,
    Resultado,
    no_verificable,
    regla_ajustada,
    sobre_regla_cambiada,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.modelo import es_numero
from issste_mon.salida.numfmt import parse_publicado
from issste_mon.vocab import fold

ETIQUETAS = {"mejora": "¿Qué ha mejorado?", "alerta": "¿Qué alertas se presentan?"}
VERBOS = (("aument", 1), ("disminu", -1))  # the direction a statement claims, by its verb
# The indicator's fields each rule reads (`calc.alertas`); any of them in the indicator's
# `inferido` was taken from the same publication as the statement. Others: valores, sentido.
INSUMOS = {
    "meta_no_alcanzada": ("metas", "valores", "sentido"),
    "meta_sexenal_en_riesgo": ("linea_base", "meta_sexenal", "valores", "sentido"),
}
INSUMOS_SERIE = ("valores", "sentido")


def _de_la_misma_publicacion(ctx: Contexto, ind, regla: str, cifras: tuple) -> list[str]:
    """What a match of the statement on `ind`'s series rests on beyond independent inputs (for
    `Resultado.inferidos`): the series fields the spec took from the same publication, saying
    when they are this very statement's figures, and the rule when the methodology inferred it
    (`regla_ajustada`: its confianza and fuente). Empty: series and rule are independent."""
    out = []
    publicadas = [p for p in map(parse_publicado, cifras) if p is not None]
    for campo in INSUMOS.get(regla, INSUMOS_SERIE):
        if campo not in ind.inferido:
            continue
        serie = getattr(ind, campo, None)
        if campo == "sentido":
            out.append(f"sentido de {ind.id} (no impreso, inferido)")
        elif isinstance(serie, dict) and serie:
            anios = ", ".join(str(a) for a in sorted(serie))
            propios = all(
                es_numero(v) and any(p.matches(v) for p in publicadas) for v in serie.values()
            )
            de_donde = "inferido"
            if propios:  # (metas, valores: the printed figures themselves)
                de_donde = f"transcrit{'a' if campo == 'metas' else 'o'}s de este mismo enunciado"
            out.append(f"{campo} de {ind.id} ({anios}: {de_donde})")
        else:
            out.append(f"{campo} de {ind.id} (inferido)")
    regla_inferida = regla_ajustada(ctx.metodologia, f"alertas.{regla}", f"la regla {regla}")
    if regla_inferida is not None:
        out.append(regla_inferida)
    return out


def _direccion_contraria(texto: str, pts: list, anios: tuple) -> str | None:
    """Why the statement's verb (aumentó/disminuyó) contradicts the recorded series between its
    years (or its first and last values); None when it agrees or cannot be told."""
    t = fold(texto)
    signo = next((s for verbo, s in VERBOS if verbo in t), None)
    if signo is None or len(pts) < 2:
        return None
    por_anio = dict(pts)
    if len(anios) == 2 and all(a in por_anio for a in anios):
        (a0, v0), (a1, v1) = (anios[0], por_anio[anios[0]]), (anios[1], por_anio[anios[1]])
    else:
        (a0, v0), (a1, v1) = pts[0], pts[-1]
    if (v1 - v0) * signo > 0:
        return None
    verbo = "aumentó" if signo > 0 else "disminuyó"
    return f"el texto dice «{verbo}»; la serie registrada va de {v0:g} ({a0}) a {v1:g} ({a1})"


@cifra("indicador_derivado", "mejora", "alerta", etiqueta="{nombre}")
def enunciado_alerta(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import alertas, tendencias

    ind = f.registro
    label = f"{ETIQUETAS[f.nombre]} {ind.id}"
    try:
        regla, anios, cifras = alertas.leer_enunciado(f.texto, f.nombre == "mejora")
    except ValueError as exc:
        return no_verificable(str(exc), cifra=label)
    todas = ctx.una_vez(
        ("series", id(f.dueno)), lambda: tendencias.series([], [f.dueno], ctx.metodologia)
    )
    series = [s for s in todas if s.id == ind.id]
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
    contraria = _direccion_contraria(f.texto, pts, anios)
    if contraria:  # the verb itself is a printed claim: «aumentó» over a falling series
        return Resultado(DIFIERE, calculado, calculado, motivo=contraria, cifra=label)
    r = Resultado(
        COINCIDE if v.coincide else DIFIERE,
        calculado,
        calculado,
        motivo=None if v.coincide else v.motivo,
        cifra=label,
        inferidos=_de_la_misma_publicacion(ctx, ind, regla, cifras),
    )
    return sobre_regla_cambiada(ctx.metodologia, r, f"alertas.{regla}", f"la regla {regla}")
