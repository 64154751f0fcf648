"""Checkers for the figures of a programa presupuestario: cobertura, cumplimiento, presupuesto,
monitoreo level and ISeD band. Each one calls the project's calculator; none holds a formula."""

from __future__ import annotations

from decimal import Decimal

from issste_mon.auditoria.comparar import (
    COINCIDE,
    DIFIERE,
    Resultado,
    categoria,
    como_publicado,
    no_verificable,
    numero,
    regla_ajustada,
    sobre_regla_cambiada,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.calc.base import por_que_no
from issste_mon.metodologia import Metodologia, clasificar, decimal
from issste_mon.modelo import es_numero
from issste_mon.salida.numfmt import fmt_number, fmt_pct, parse_publicado
from issste_mon.vocab import fold


def _fila_cobertura(ctx: Contexto, f: Figura) -> dict:
    from issste_mon.calc.cobertura import calcular_cobertura

    p, anio = f.dueno, f.registro.anio
    rows = ctx.una_vez(
        ("cobertura", id(p), anio),
        lambda: calcular_cobertura([p], anio, metodologia=ctx.metodologia)[0],
    )
    return next(r for r in rows if r["componente"] == f.registro.componente)


@cifra("poblacion", "cobertura", etiqueta="Cobertura PA/PO {anio}")
def cobertura(ctx: Contexto, f: Figura) -> Resultado:
    pob = f.registro
    motivo = por_que_no(pob.atendida, pob.objetivo, "PA", "PO")
    r = numero(f.texto, _fila_cobertura(ctx, f)["cobertura_pct"], f"no calculable: {motivo}")
    return _sobre_deducidas(r, pob.inferido, "atendida", "objetivo")


@cifra("poblacion", "po_pp", etiqueta="PO/PP {anio}")
def po_pp(ctx: Contexto, f: Figura) -> Resultado:
    pob = f.registro
    motivo = por_que_no(pob.objetivo, pob.potencial, "PO", "PP")
    r = numero(f.texto, _fila_cobertura(ctx, f)["po_pp_pct"], f"no calculable: {motivo}")
    return _sobre_deducidas(r, pob.inferido, "objetivo", "potencial")


_SIGLAS = {"potencial": "PP", "objetivo": "PO", "atendida": "PA"}


def _sobre_deducidas(r: Resultado, inferido, *campos: str, que=None) -> Resultado:
    """A match on figures the spec deduced (`inferido: [objetivo]`: a PO taken back from the
    very cobertura it is compared with) rests on them: «por construcción»."""
    que = que or (lambda c: f"{_SIGLAS[c]} inferida (no impresa)")
    if r.veredicto == COINCIDE:
        r.inferidos += [que(c) for c in campos if c in inferido]
    return r


def _total_componentes(ctx: Contexto, f: Figura) -> tuple[dict | None, str | None]:
    """The computed total of the year's components, or None and why there is none."""
    from issste_mon.calc.cobertura import calcular_cobertura

    p, anio = f.dueno, f.registro.anio
    rows = ctx.una_vez(
        ("cobertura", id(p), anio),
        lambda: calcular_cobertura([p], anio, metodologia=ctx.metodologia)[0],
    )
    total = next((r for r in rows if r["componente"] is None), None)
    if total is not None:
        return total, None
    comps = [r for r in rows if r["componente"] is not None]
    if len(comps) < 2:
        return None, "el año tiene un solo componente: issste-mon no calcula un total"
    unidades = ", ".join(sorted({r["unidad_medida"] for r in comps}))
    return None, f"componentes con unidades de medida distintas ({unidades}): no se suman"


@cifra("poblacion_total", "cobertura", "po_pp", etiqueta="{nombre} {anio}, total de componentes")
def cobertura_total(ctx: Contexto, f: Figura) -> Resultado:
    total, motivo = _total_componentes(ctx, f)
    if total is None:
        return no_verificable(motivo)
    pct = total["cobertura_pct" if f.nombre == "cobertura" else "po_pp_pct"]
    cifra = "Cobertura PA/PO" if f.nombre == "cobertura" else "PO/PP"
    res = numero(f.texto, pct, f"no calculable: {total['nota']}")
    res.cifra = f"{cifra} {f.anio}, total de componentes"
    campos = ("atendida", "objetivo") if f.nombre == "cobertura" else ("objetivo", "potencial")
    del_anio = [c for c in f.dueno.poblaciones if c.anio == f.anio and c.componente]
    # a total with one deduced term is deduced too
    return _sobre_deducidas(res, {x for c in del_anio for x in c.inferido}, *campos)


@cifra(
    "poblacion_total",
    "potencial",
    "objetivo",
    "atendida",
    etiqueta="Población {nombre} {anio}, total de componentes",
)
def poblacion_total(ctx: Contexto, f: Figura) -> Resultado:
    """A printed total population against the sum of the components. A document may count
    once a person who receives two components: a total between the largest component and
    the sum cannot be checked without the breakdown, and is not called a difference."""
    total, motivo = _total_componentes(ctx, f)
    if total is None:
        return no_verificable(motivo)
    suma = total[f.nombre]
    res = numero(f.texto, suma if es_numero(suma) else None, f"no calculable: {total['nota']}")
    if res.veredicto != DIFIERE:
        return res
    pub = parse_publicado(f.texto)
    mayor = max((c for c in _componentes(f.dueno, f.anio, f.nombre) if es_numero(c)), default=None)
    if mayor is not None and mayor <= pub.valor < suma:
        return no_verificable(
            f"el total impreso ({f.texto}) es menor que la suma de los componentes "
            f"({fmt_number(suma)}) y no menor que el mayor de ellos ({fmt_number(mayor)}): "
            "compatible con personas contadas en más de un componente; sin ese desglose no se "
            "puede comprobar"
        )
    return res


def _componentes(p, anio: int, campo: str) -> list:
    return [getattr(c, campo) for c in p.poblaciones if c.anio == anio and c.componente]


@cifra("presupuesto", "porcentaje_ramo", etiqueta="Participación en el ramo {anio}")
@cifra(
    "presupuesto", "porcentaje_ramo_texto", etiqueta="Participación en el ramo {anio} (en el texto)"
)
@cifra("dependencia.presupuesto", "porcentaje_ramo", etiqueta="Participación en el ramo {anio}")
def porcentaje_ramo(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc.presupuesto import calcular_presupuesto

    # The calculator reads clave, ramo and presupuesto: a Dependencia has them too.
    row = next(r for r in calcular_presupuesto([f.dueno], f.anio) if r["anio"] == f.anio)
    motivo = por_que_no(f.registro.ejercido, f.registro.ramo, "ejercido", "ramo")
    r = numero(f.texto, row["porcentaje_ramo"], f"no calculable: {motivo}")
    return _sobre_deducidas(
        r, f.registro.inferido, "ejercido", "ramo", que=lambda c: f"{c} inferido (no impreso)"
    )


def registrado(valor, texto: str, campo: str, otro_lugar: str | None = None) -> Resultado:
    """A figure the spec records as an input beside its printed form: the two must agree. No
    computation is involved — the «calculado» is the spec's own transcription —, so a match is
    only «por construcción»: transcribed from this very figure or, with `otro_lugar`, from
    another place of the same document (622 in the text, 622.06 in the indicator's box: the
    document agrees with itself, which the tool does not compute)."""
    if not es_numero(valor):
        return no_verificable(f"falta {campo} en la spec" if valor is None else f"{campo} {valor}")
    r = numero(texto, valor)
    if otro_lugar is None:
        r.inferidos = [f"{campo} (transcrito de esta misma cifra)"]
    else:
        r.inferidos = [f"{campo} {otro_lugar} (transcripción)"]
    return r


@cifra("presupuesto", "asignado", "ejercido", "ramo", etiqueta="Presupuesto {nombre} {anio}")
@cifra(
    "dependencia.presupuesto",
    "asignado",
    "ejercido",
    "ramo",
    etiqueta="Presupuesto {nombre} {anio}",
)
def presupuesto_registrado(ctx: Contexto, f: Figura) -> Resultado:
    return registrado(getattr(f.registro, f.nombre), f.texto, f.nombre)


_POBLACION = {"potencial": "la PP", "objetivo": "la PO", "atendida": "la PA"}


# A year's (or a component's) own population beside its printed form, as a budget figure:
# said «tipo de cifra desconocido», a population copied wrong was «no verificable», never
# «difiere».
@cifra("poblacion", *_POBLACION, etiqueta="Población {nombre} {anio}")
def poblacion_registrada(ctx: Contexto, f: Figura) -> Resultado:
    return registrado(getattr(f.registro, f.nombre), f.texto, _POBLACION[f.nombre])


Cumplimiento = tuple[Decimal | None, str | None, str | None]  # pct (exact), rango, nota


def _otra_meta(m) -> bool:
    return es_numero(m.meta_modificada) and es_numero(m.meta) and m.meta != m.meta_modificada


def _cumplimiento(ctx: Contexto, p, ind, anio: int, **cambios) -> Cumplimiento:
    """The cumplimiento of one indicator and year under the run's methodology (with `cambios`:
    another formula or meta), computed exactly from its meta and valor: the figure is compared
    with the exact value, never with a rounded machine number."""
    from issste_mon.calc.exacto import uno

    met = ctx.metodologia
    if cambios:
        met = ctx.una_vez(
            ("metodologia", tuple(sorted(cambios.items()))), lambda: met.con(**cambios)
        )
    return uno(ind.metas[anio], ind.sentido, met)


def _alternativas(ctx: Contexto, p, ind, m) -> list[tuple[str, float | None]]:
    """Other computations a document may have used: the other descending formula, the other meta."""
    met = ctx.metodologia
    alts = []
    if ind.sentido == "descendente":
        otra = "inversa" if met.formula_descendente == "espejo" else "espejo"
        label = f"coincide con la fórmula {otra} para indicadores descendentes"
        alts.append((label, _cumplimiento(ctx, p, ind, m.anio, formula_descendente=otra)[0]))
    if _otra_meta(m):
        if met.meta == "original":
            otra, label = "modificada_si_existe", "coincide con meta modificada"
        else:
            otra, label = "original", "coincide con meta original"
        alts.append((label, _cumplimiento(ctx, p, ind, m.anio, meta=otra)[0]))
    return alts


def _faltan_cumplimiento(m, met: Metodologia, nota: str) -> str:
    """Exactly which inputs of a cumplimiento are absent (meta and valor may both be)."""
    usar_modificada = met.meta != "original" and es_numero(m.meta_modificada)
    meta = m.meta_modificada if usar_modificada else m.meta  # (as calc's meta_usada)
    faltan = [n for n, x in (("meta", meta), ("valor", m.valor)) if x is None]
    if faltan:
        return (
            f"faltan {' y '.join(faltan)} {m.anio} en la spec"
            if len(faltan) > 1
            else (f"falta {faltan[0]} {m.anio} en la spec")
        )
    return nota


@cifra("meta", "cumplimiento", etiqueta="Cumplimiento {indicador} {anio}")
def cumplimiento(ctx: Contexto, f: Figura) -> Resultado:
    p, ind, m, met = f.dueno, f.padre, f.registro, ctx.metodologia
    pct, _, nota = _cumplimiento(ctx, p, ind, m.anio)
    if pct is None:
        motivo = _faltan_cumplimiento(m, met, nota)
        # (the calculator's «meta = 0: no calculable» already says it)
        return no_verificable(motivo if "calculable" in motivo else f"no calculable: {motivo}")
    r = numero(f.texto, pct, alternativas=lambda: _alternativas(ctx, p, ind, m))
    return _sobre_inferidos(
        ctx, r, ind, m.anio, lambda x, _: x is not None and numero(f.texto, x).veredicto == COINCIDE
    )


_OTRO_SENTIDO = {"ascendente": "descendente", "descendente": "ascendente"}
_OTRA_FORMULA = {"inversa": "espejo", "espejo": "inversa"}
_FORMULA = {"inversa": "meta / valor × 100", "espejo": "(2 − valor / meta) × 100"}
# the indicator's series a cumplimiento reads, as the spec's `inferido` names them
_SERIES = {
    "metas": "metas de {id} (inferidas, no impresas)",
    "valores": "valores de {id} (inferidos, no impresos)",
}


def _sobre_inferidos(ctx: Contexto, r: Resultado, ind, anio: int, mismo) -> Resultado:
    """What a matching cumplimiento (or its rango) rests on that no document printed — the
    same things `calc.supuestos` names beside the figure in `cumplimiento` —, so that a match
    on them is «por construcción», never a confirmation: metas or valores the spec inferred
    (`inferido: [metas]`: a meta taken back from the very cumplimiento it is compared with);
    the sentido, when inferred, the descendente formula and, where the year has a meta
    modificada, which meta is used, when the methodology marks that rule `supuesto` or
    `inferido` — each only if the other choice would not match the figure too.
    `mismo(pct, rango)`: does that other computation match?"""
    from issste_mon.calc.exacto import uno

    if r.veredicto != COINCIDE:
        return r
    r.inferidos += [_SERIES[c].format(id=ind.id) for c in _SERIES if c in ind.inferido]
    otro = _OTRO_SENTIDO.get(ind.sentido)
    if "sentido" in ind.inferido and otro is not None:
        pct, label, _ = uno(ind.metas[anio], otro, ctx.metodologia)
        if not mismo(pct, label):
            r.inferidos.append(f"sentido de {ind.id} (no impreso; el {otro} no da la cifra)")
    formula = ctx.metodologia.formula_descendente
    if ind.sentido == "descendente" and formula in _OTRA_FORMULA:
        regla = regla_ajustada(
            ctx.metodologia,
            "cumplimiento.formula_descendente",
            f"la fórmula del descendente {_FORMULA[formula]}",
        )
        otra = _OTRA_FORMULA[formula]
        if regla is not None and not mismo(
            *_cumplimiento(ctx, None, ind, anio, formula_descendente=otra)[:2]
        ):
            r.inferidos.append(f"{regla}; la {otra} no da la cifra")
    m = ind.metas[anio]
    regla = regla_ajustada(ctx.metodologia, "cumplimiento.meta", "la meta que se usa")
    if regla is not None and _otra_meta(m):
        otra = "original" if ctx.metodologia.meta != "original" else "modificada_si_existe"
        if not mismo(*_cumplimiento(ctx, None, ind, anio, meta=otra)[:2]):
            usada = "la original" if otra != "original" else "la modificada"
            r.inferidos.append(f"{regla}: {usada}; con la otra no da la cifra")
    return r


@cifra("meta", "rango", etiqueta="Rango de cumplimiento {indicador} {anio}")
def rango(ctx: Contexto, f: Figura) -> Resultado:
    _, label, nota = _cumplimiento(ctx, f.dueno, f.padre, f.registro.anio)
    motivo = _faltan_cumplimiento(f.registro, ctx.metodologia, nota)
    r = categoria(f.texto, label, f"no calculable: {motivo}", (ctx.metodologia, "rango"))
    return _sobre_inferidos(
        ctx,
        r,
        f.padre,
        f.registro.anio,
        lambda _, otra: categoria(f.texto, otra).veredicto == COINCIDE,
    )


@cifra("meta", "valor_texto", etiqueta="Valor {indicador} {anio} (en el texto)")
def valor_texto(ctx: Contexto, f: Figura) -> Resultado:
    """The achieved value restated in prose («622 servicios por cada 1000») against the value
    printed in the indicator's box (622.06)."""
    return registrado(f.registro.valor, f.texto, "el valor", otro_lugar="del recuadro")


@cifra("meta", "atendida_texto", etiqueta="Población atendida {anio} (en el texto del {indicador})")
def atendida_texto(ctx: Contexto, f: Figura) -> Resultado:
    """The people an indicator's sentence says it reached («alcanzó beneficiar a 12,689»)
    against the población atendida the document prints elsewhere for that year."""
    pobs = [p for p in f.dueno.poblaciones if p.anio == f.registro.anio and p.componente is None]
    if not pobs:
        return no_verificable(f"falta la población {f.registro.anio} en la spec")
    return registrado(
        pobs[0].atendida,
        f.texto,
        "la población atendida",
        otro_lugar="impresa del año",
    )


@cifra("meta", "meta_texto", etiqueta="Meta {indicador} {anio} (en el texto)")
def meta_texto(ctx: Contexto, f: Figura) -> Resultado:
    return registrado(f.registro.meta, f.texto, "la meta", otro_lugar="del recuadro")


# An indicator's own meta or valor beside its printed form (`publicado: {valor: "90"}`): the
# spec's transcription, as a population or a budget figure, not «tipo de cifra desconocido».
@cifra("meta", "meta", etiqueta="Meta {indicador} {anio}")
@cifra("meta", "valor", etiqueta="Valor {indicador} {anio}")
def meta_registrada(ctx: Contexto, f: Figura) -> Resultado:
    campo = "la meta" if f.nombre == "meta" else "el valor"
    return registrado(getattr(f.registro, f.nombre), f.texto, campo)


@cifra("poblacion", "cobertura_cota", etiqueta="Cobertura PA/PO {anio}, cota")
def cobertura_cota(ctx: Contexto, f: Figura) -> Resultado:
    """«la cobertura … es menor al 50%»: against the computed coverage or, when PO is not
    printed, the coverage the document prints for the same program and year."""
    import re

    m = re.search(r"(menor|mayor)\s+(?:al|a|que)\s+(?:el\s+)?(\d+(?:\.\d+)?\s*%)", f.texto)
    if m is None:
        return no_verificable(f"no se reconoce una cota («menor al 50%») en «{f.texto}»")
    cota = parse_publicado(m.group(2)).valor
    x = _fila_cobertura(ctx, f)["cobertura_pct"]
    impresa = None
    if x is None and "cobertura" in f.registro.publicado:
        impresa = parse_publicado(f.registro.publicado["cobertura"])
        x = float(impresa.valor) if impresa else None
    if x is None:
        motivo = por_que_no(f.registro.atendida, f.registro.objetivo, "PA", "PO")
        return no_verificable(f"no calculable: {motivo} ni hay cobertura impresa")
    exacta = decimal(x)  # (a float < a Decimal traps where the caller traps FloatOperation)
    ok = exacta < cota if m.group(1) == "menor" else exacta > cota
    if impresa is None:
        return Resultado(COINCIDE if ok else DIFIERE, f"{fmt_number(x, 2)} % (calculada)", x)
    # the coverage the document prints elsewhere, as printed (no decimals it does not print)
    r = Resultado(COINCIDE if ok else DIFIERE, f"{como_publicado(impresa, x)} (impresa)", x)
    r.inferidos = [
        f"la cobertura {f.registro.publicado['cobertura']} impresa en el mismo documento (PO no "
        "está en la spec: no se calcula)"
    ]
    return r


@cifra("monitoreo", "nivel", etiqueta="Nivel de monitoreo {anio}")
def nivel_monitoreo(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc.monitoreo import nivel

    v = f.registro.valoracion
    if not es_numero(v):
        return no_verificable("falta la valoración en la spec" if v is None else f"valoración {v}")
    from issste_mon.auditoria.dependencia import sobre_cortes

    r = categoria(f.texto, nivel(v, ctx.metodologia), vocabulario=(ctx.metodologia, "inmonitoreo"))
    return sobre_cortes(ctx, r, f.texto, v)


# The Diagnóstico's «cumplimiento de metas» attribute: «adecuado (90% - 110%)», or «los demás
# programas deben impulsar el cumplimiento de las metas» (seed 002): not within the band.
CUMPLIMIENTO_ADECUADO = frozenset({"adecuado", "si", "true"})
CUMPLIMIENTO_IMPULSAR = frozenset({"impulsar"})


def _documento_atributo(p, anio: int, atributo: str) -> str:
    pr = p.procedencia.get(anio, {}).get(atributo)
    if pr is not None and (pr.fuente or pr.texto):
        texto = f"«{pr.texto}»" if pr.texto else ""
        return ", ".join(x for x in (pr.fuente, texto) if x)
    return f"el Diagnóstico {anio} ({p.diagnostico[anio].get('fuente') or 'sin fuente'})"


@cifra("diagnostico", "cumplimiento_metas", etiqueta="Cumplimiento de metas (atributo) {anio}")
def cumplimiento_metas(ctx: Contexto, f: Figura) -> Resultado:
    r = _cumplimiento_metas(ctx, f)
    return sobre_regla_cambiada(
        ctx.metodologia, r, "cumplimiento.rango", "el rango de cumplimiento"
    )


def _cumplimiento_metas(ctx: Contexto, f: Figura) -> Resultado:
    """The Diagnóstico's «cumplimiento de metas adecuado (90% - 110%)» — or «deben impulsar el
    cumplimiento de las metas», not within the band — of a program, against the rango computed
    for its indicator of the methodology's level (`diagnostico.cumplimiento_metas`:
    Propósito) in the latest year before the edition; when the spec has no meta and valor but
    the cumplimiento another document prints, against that figure's rango.

    Which indicators the attribute speaks of is not printed: when the methodology marks that
    rule `supuesto` (or `inferido`), a match says it rests on it, and a mismatch is «no
    verificable» naming it — never «difiere» nor a «contradicción en la fuente», which needs
    both documents to speak of the same indicators. A rule marked `publicado` keeps them."""
    p = f.dueno
    esperado = fold(f.texto) in CUMPLIMIENTO_ADECUADO  # impulsar: not adecuado
    etiqueta = f"Cumplimiento de metas {f.texto} (atributo, Diagnóstico {f.anio})"
    adecuada = ctx.metodologia.etiquetas_rango["adecuado"]
    nivel = ctx.metodologia.atributo_diagnostico_nivel
    supuesto = _regla_atributo(ctx)
    proposito = [i for i in p.mir if fold(i.nivel or "") == fold(nivel)]
    anios = sorted({a for i in proposito for a in i.metas if a < f.anio}, reverse=True)
    for anio in anios:
        for ind in proposito:
            if anio not in ind.metas:
                continue
            pct, label, nota = _cumplimiento(ctx, p, ind, anio)
            if pct is None:
                continue
            adecuado = label == adecuada
            # beside its rango, never rounded onto or across a cut (94.749 with a cut at 94.75)
            cifra = fmt_pct(pct, 2, ctx.metodologia.bordes_rango)
            calc = f"{label} ({cifra}, {anio})"
            if adecuado != esperado and supuesto is not None:
                return _sin_regla(ctx, p, f, ind, anio, cifra, etiqueta, calc)
            r = Resultado(COINCIDE if adecuado == esperado else DIFIERE, calc, label)
            r.cifra = etiqueta
            if supuesto is not None:
                r.explicacion = f"descansa en {supuesto}"
            return _sobre_inferidos(
                ctx, r, ind, anio, lambda _, otra, a=adecuada, e=esperado: (otra == a) == e
            )
    impreso = _cumplimiento_impreso(ctx, p, proposito, anios, f, esperado, etiqueta)
    if impreso is not None:
        return impreso
    faltan = "meta y valor" if not anios else "meta o valor"
    return no_verificable(
        f"faltan {faltan} del {nivel} de {p.clave} antes de {f.anio} en la spec",
        cifra=etiqueta,
    )


_QUE = {
    True: "tienen un cumplimiento de metas adecuado",
    False: "deben impulsar el cumplimiento de sus metas",
}
REGLA_ATRIBUTO = "diagnostico.cumplimiento_metas"


def _regla_atributo(ctx: Contexto) -> str | None:
    """The methodology's reading «the attribute is the rango of the <nivel> indicator», with
    its confianza and fuente, when it is not printed (`supuesto` / `inferido`); None: printed."""
    from issste_mon.auditoria.comparar import regla_ajustada

    nivel = ctx.metodologia.atributo_diagnostico_nivel
    return regla_ajustada(
        ctx.metodologia,
        REGLA_ATRIBUTO,
        f"que el atributo es el rango del indicador de {nivel}",
    )


def _banda(metodologia) -> str:
    """The rango's cuts as the file writes them: at 0 decimals a cut of 94.75 was «95»."""
    from issste_mon.salida.numfmt import fmt_valor

    return f"{fmt_valor(metodologia.rango_inferior)}–{fmt_valor(metodologia.rango_superior)} %"


def _sin_regla(ctx, p, f, ind, anio: int, cifra: str, etiqueta: str, calc: str) -> Resultado:
    """A mismatch between the attribute and the rango of the level's indicator, when reading
    one against the other is the methodology's assumption: «no verificable», naming it."""
    banda = _banda(ctx.metodologia)
    esperado = fold(f.texto) in CUMPLIMIENTO_ADECUADO
    dentro = "fuera" if esperado else "dentro"
    otro = getattr(ind, "fuente", None) or "la spec"
    r = no_verificable(
        f"{_documento_atributo(p, f.anio, 'cumplimiento_metas')} pone a {p.clave} entre los que "
        f"{_QUE[esperado]} (de los indicadores de la MIR, sin decir cuáles); {otro} da para "
        f"{ind.id} ({ind.nombre}, {ctx.metodologia.atributo_diagnostico_nivel}) un cumplimiento "
        f"{anio} de {cifra}, {dentro} del rango {banda}. Compararlos descansa en "
        f"{_regla_atributo(ctx)}: la diferencia no prueba que los documentos se contradigan",
        cifra=etiqueta,
    )
    r.calculado = calc
    return r


def _cumplimiento_impreso(ctx, p, proposito, anios, f, esperado, etiqueta) -> Resultado | None:
    """The cumplimiento a document prints for the Propósito (without meta and valor in the
    spec) classified in the methodology's band, against the attribute."""
    from issste_mon.auditoria.comparar import POR_CONSTRUCCION, contradiccion
    from issste_mon.metodologia import rango_cumplimiento

    supuesto = _regla_atributo(ctx)
    for anio in anios:
        for ind in proposito:
            m = ind.metas.get(anio)
            texto = m.publicado.get("cumplimiento") if m is not None else None
            impreso = parse_publicado(texto) if texto else None
            if impreso is None:
                continue
            label = rango_cumplimiento(impreso.valor, ctx.metodologia)
            adecuado = label == ctx.metodologia.etiquetas_rango["adecuado"]
            calc = f"{label} ({texto} impreso, {anio})"
            otro = getattr(ind, "fuente", None) or "otro documento"
            if adecuado == esperado:
                r = Resultado(POR_CONSTRUCCION, calc, label, cifra=etiqueta)
                r.explicacion = (
                    f"sin meta ni valor en la spec: se compara con el cumplimiento {texto} de "
                    f"{ind.id} que imprime {otro} (no se calcula)"
                )
                if supuesto is not None:
                    r.explicacion += f"; descansa en {supuesto}"
                return r
            if supuesto is not None:
                return _sin_regla(ctx, p, f, ind, anio, f"{texto} (impreso)", etiqueta, calc)
            banda = _banda(ctx.metodologia)
            dentro = "dentro" if adecuado else "fuera"
            return contradiccion(
                f"{_documento_atributo(p, f.anio, 'cumplimiento_metas')} pone a {p.clave} entre "
                f"los que {_QUE[esperado]}"
                f"; {otro} imprime para {ind.id} ({ind.nombre}) un cumplimiento {anio} de "
                f"{texto}, {dentro} del rango {banda}: no pueden valer a la vez",
                calc,
                cifra=etiqueta,
            )
    return None


@cifra("monitoreo", "valoracion", etiqueta="Valoración de monitoreo {anio}")
def valoracion(ctx: Contexto, f: Figura) -> Resultado:
    return registrado(f.registro.valoracion, f.texto, "la valoración")


@cifra("ised", "nivel", etiqueta="Nivel ISeD {anio}")
def nivel_ised(ctx: Contexto, f: Figura) -> Resultado:
    v = f.registro.valor
    if not es_numero(v):
        if v is None:
            return no_verificable("falta el valor del ISeD en la spec")
        from issste_mon.auditoria.comparar import SIN_CIFRA

        # («ISeD ND» read as a code: what ND means and what follows from it)
        dicho = SIN_CIFRA.get(fold(str(v)), str(v))
        return no_verificable(
            f"la edición publica el ISeD como {dicho}: no hay valor que clasificar"
        )
    calc = clasificar(v, ctx.metodologia.ised)
    r = categoria(f.texto, calc, None, (ctx.metodologia, "ised"))
    if r.veredicto == DIFIERE:
        from issste_mon.auditoria.comparar import contradiccion
        from issste_mon.calc.ised import contradiccion as en_la_fuente
        from issste_mon.vocab import NIVEL_ISED

        # the value, the level and the rule are the source's own: «difiere» would set a figure
        # of issste-mon's against SHCP's where there is none
        pub = NIVEL_ISED.match(f.texto) or f.texto
        dentro = en_la_fuente(v, calc, pub, ctx.metodologia, f.registro.fuente)
        if dentro is not None:
            r = contradiccion(dentro, r.calculado)
    return sobre_regla_cambiada(ctx.metodologia, r, "ised", "los cortes de nivel del ISeD")


@cifra("ised", "valor", etiqueta="ISeD {anio}")
def valor_ised(ctx: Contexto, f: Figura) -> Resultado:
    return registrado(f.registro.valor, f.texto, "el valor del ISeD")
