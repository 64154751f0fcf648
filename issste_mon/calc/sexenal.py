"""Six-year-goal and intermediate-goal progress of a programa derivado's indicators.

A = (valor − LB) / (meta sexenal − LB) × 100 is progress toward the six-year goal; E, the
expected progress for the year of the latest value, is the intermediate goal's A for that year,
else linear from the base year to the goal year; r = A / E. All on exact decimals (`calc.base`),
so r = 1.10 exactly is «at least 1.10». Categories come from the
methodology's rules (first that holds); where r is not defined (E = 0, E < 0, no E) only a
rule before the first on r can apply, else the category is not computable and the note says
why. The intermediate goal of negative values is judged by comparing value and meta by
sentido, never by a ratio of negatives. Where the spec lacks the raw values the published
category is used and the row says so (`…_origen` = "publicado").
"""

from __future__ import annotations

from decimal import Decimal

from issste_mon import vocab
from issste_mon.calc.base import CONTEXTO, EXACTO, cociente_pct
from issste_mon.calc.conteos import pct
from issste_mon.metodologia import Metodologia, clasificar_reglas, decimal
from issste_mon.modelo import IndicadorDerivado, Objetivo, ProgramaDerivado, es_numero
from issste_mon.salida.numfmt import fmt_valor
from issste_mon.salida.plural import en_serie

CALCULADO, PUBLICADO = "calculado", "publicado"
TOTAL = "Total general"
SIN_DATO = "Sin dato"  # label of items lacking the crossed attribute (never dropped)

# The order seed 004 prints; vocabulary order for other known attributes.
ORDENES = {
    "enfoque": vocab.ENFOQUE.canonical,
    "enfoque_objetivo": vocab.ENFOQUE.canonical,
    "tipo": vocab.TIPO_DERIVADO.canonical,
    "sentido": vocab.SENTIDO.canonical,
    "calidad": vocab.CALIDAD.canonical,
    "avance_sexenal": [c for c in vocab.AVANCE_SEXENAL.canonical if c != "Sentido constante"],
    "meta_intermedia": vocab.META_INTERMEDIA.canonical,
}


def _num(x) -> Decimal | None:
    """A spec figure as its exact decimal; None for ND/NA/absent."""
    return decimal(x) if es_numero(x) else None


def meta_sexenal_de(ind: IndicadorDerivado, anio_meta: int) -> tuple:
    """(the six-year goal, and how the spec gives it when not as `meta_sexenal`): without a
    numeric `meta_sexenal`, the meta of the goal year (the meta sexenal is the 2024 goal), so
    `sexenal` and `alertas` measure against the same goal and the row says which it is."""
    ms = ind.meta_sexenal
    if es_numero(ms) or not es_numero(ind.metas.get(anio_meta)):
        return ms, None
    sin = "la spec no trae meta_sexenal" if ms is None else f"meta_sexenal {ms}"
    return ind.metas[anio_meta], f"meta sexenal: la meta {anio_meta} de la spec ({sin})"


def contra_sentido(
    lb: Decimal | None, meta: Decimal | None, sentido: str, breve: bool = False
) -> str | None:
    """Why A = (valor − LB) / (meta sexenal − LB) does not measure progress by the sentido: the
    goal lies on the side of the base the sentido calls worse (ascendente, below it), so the
    base already met it and A would count a move against the sentido as progress (LB 90, goal
    80, value 85 of an ascendente indicator: A = 50 %, «Adecuado», for a fall). None: it does.
    `breve`: the fact alone, for a list."""
    if lb is None or meta is None:
        return None
    if sentido == "ascendente" and meta < lb:
        lado = "menor"
    elif sentido == "descendente" and meta > lb:
        lado = "mayor"
    else:
        return None
    if breve:  # (a list of them: `alertas`' summary)
        return (
            f"la línea base ({fmt_valor(lb)}) ya cumplía la meta sexenal ({fmt_valor(meta)}), "
            f"sentido {sentido}"
        )
    return (
        f"la meta sexenal ({fmt_valor(meta)}) es {lado} que la línea base ({fmt_valor(lb)}) en "
        f"un indicador {sentido}: "
        "la línea base ya cumplía la meta según el sentido, y A = (valor − LB) / (meta sexenal − "
        "LB) contaría como avance un movimiento contra el sentido (la metodología no define "
        "este caso)"
    )


def _cumple(valor: Decimal, meta: Decimal, sentido: str) -> str:
    hecho = valor <= meta if sentido == "descendente" else valor >= meta
    return "cumple" if hecho else "no cumple"


def _ultimo(ind: IndicadorDerivado, hasta: int | None) -> tuple[int | None, Decimal | None]:
    """The last year with a number (up to `hasta`, the cut asked for) and its value."""
    years = [y for y, v in ind.valores.items() if es_numero(v) and (hasta is None or y <= hasta)]
    if not years:
        return None, None
    y = max(years)
    return y, decimal(ind.valores[y])


def _avance(valor, lb, meta) -> Decimal | None:
    if valor is None or lb is None or meta is None or meta == lb:
        return None
    return cociente_pct(EXACTO.subtract(valor, lb), EXACTO.subtract(meta, lb))


def _fraccion_esperada(lb, lb_anio, meta_sexenal, anio, meta_int, anio_meta):
    """E / 100 as the exact pair (numerator, denominator) `_esperado` divides; None where E
    is not computable."""
    if meta_int is not None:
        if lb is None or meta_sexenal is None or meta_sexenal == lb:
            return None
        return EXACTO.subtract(meta_int, lb), EXACTO.subtract(meta_sexenal, lb)
    if anio is None or lb_anio is None or anio_meta == lb_anio:
        return None
    return Decimal(anio - lb_anio), Decimal(anio_meta - lb_anio)


def _r(valor, lb, meta_sexenal, fraccion_e) -> Decimal:
    """r = A / E as one quotient of exact products: A and E are each rounded to 50 digits
    where they do not end (E = 1/6 is 16.66…67), and their quotient would then fall just
    below a cut it is on (A 15 % over E 1/6: 0.8999…98, «Insuficiente» instead of 0.9)."""
    num_e, den_e = fraccion_e
    return CONTEXTO.divide(
        EXACTO.multiply(EXACTO.subtract(valor, lb), den_e),
        EXACTO.multiply(EXACTO.subtract(meta_sexenal, lb), num_e),
    )


def _razon(
    a: Decimal,
    e: Decimal | None,
    sin_e: str | None,
    anio: int | None,
    meta_int,
    r_exacta: Decimal | None = None,
) -> tuple[Decimal | None, str | None]:
    """r = A / E (`r_exacta` when given, from `_r`), or None and why: E not computable
    (`sin_e`), E = 0 (r is undefined there and the methodology does not define it), or E < 0
    (an intermediate goal on the other side of the línea base than the six-year goal: the
    sign of A / E means nothing)."""
    if e is None:
        return None, sin_e
    if e == 0:
        causa = (
            f"la meta intermedia {anio} es igual a la línea base"
            if meta_int is not None
            else f"el valor es del año de la línea base, {anio}"
        )
        return None, (
            f"el avance esperado es 0 ({causa}) y r = A/E no está definido para E = 0 "
            "(la metodología no dice qué categoría corresponde)"
        )
    if e < 0:
        return None, (
            f"el avance esperado es negativo (la meta intermedia {anio} queda del otro lado de "
            "la línea base que la meta sexenal): r = A/E no tiene sentido"
        )
    return (CONTEXTO.divide(a, e) if r_exacta is None else r_exacta), None


def _esperado(
    lb, lb_anio, meta_sexenal, anio, meta_int, anio_meta
) -> tuple[Decimal | None, str | None]:
    """E and, when it is None, why (None as the reason where A is not computable either)."""
    if meta_int is not None:
        return _avance(meta_int, lb, meta_sexenal), None
    if anio is None:
        return None, None
    if lb_anio is None:
        return None, "la spec no trae el año de la línea base (no hay avance esperado)"
    if anio_meta == lb_anio:
        return None, (
            f"la línea base es del mismo año que la meta sexenal ({anio_meta}), así que no "
            "hay avance esperado con que comparar"
        )
    if anio > anio_meta:  # (the line extended past the goal would expect more than the goal)
        return None, (
            f"el valor es de {anio}, posterior al año de la meta sexenal ({anio_meta}): la "
            f"metodología no define el avance esperado después de {anio_meta} (al corte "
            f"{anio_meta} se toma el último valor hasta ese año)"
        )
    return cociente_pct(Decimal(anio - lb_anio), Decimal(anio_meta - lb_anio)), None


# Bounds of the cumplimiento a comparison implies when the ratio means nothing (negative
# values): just above / below 100 and the infinities, exact decimals.
_ENCIMA = Decimal("100." + "0" * 40 + "1")
_DEBAJO = Decimal("99." + "9" * 41)
_INTERVALOS = {
    "supera": (_ENCIMA, Decimal("Infinity")),
    "iguala": (Decimal(100), Decimal(100)),
    "no alcanza": (Decimal("-Infinity"), _DEBAJO),
}


def _sin_cociente(valor: Decimal, meta: Decimal, sentido: str, anio: int, rm) -> tuple[str, str]:
    """Intermediate goal with a negative value or meta: valor / meta would invert the verdict
    (−8.8 / −8 = 110 % for an ascendente indicator that fell short), so the value is compared
    with the meta by sentido. The category is the methodology's only if every cumplimiento on
    that side of 100 % falls in the same one (its rules are lower bounds, so both ends do);
    otherwise it is not computable and the note says why."""
    if valor == meta:
        lado = "iguala"
    elif (valor < meta) if sentido == "descendente" else (valor > meta):
        lado = "supera"
    else:
        lado = "no alcanza"
    cats = [clasificar_reglas(rm.categorias, {"cumplimiento": x}) for x in _INTERVALOS[lado]]
    hecho = (
        f"el valor {fmt_valor(valor)} {lado} la meta {anio}, {fmt_valor(meta)} (sentido {sentido})"
    )
    if cats[0] is not None and cats[0] == cats[1]:
        return cats[
            0
        ], f"meta intermedia por comparación, sin cociente (valores negativos): {hecho}"
    posibles = list(dict.fromkeys(c for c in cats if c is not None))
    distintas = (
        f"entre {en_serie(posibles, ' y ')}"
        if len(posibles) > 1
        else "su categoría (la metodología no asigna una sola a ese lado del 100 %)"
    )
    return rm.sin_dato, (
        f"cumplimiento de la meta {anio} no calculable: con valores negativos el cociente "
        f"valor/meta no mide el cumplimiento. {hecho[0].upper()}{hecho[1:]}, pero sin cociente "
        f"no se distingue {distintas}"
    )


def _retroceso(valor: float, lb: float | None, sentido: str) -> bool:
    if lb is None:
        return False
    return (
        valor < lb
        if sentido == "ascendente"
        else (valor > lb if sentido == "descendente" else False)
    )


def _fila(
    derivado: ProgramaDerivado,
    o: Objetivo,
    ind: IndicadorDerivado,
    m: Metodologia,
    hasta: int | None = None,
) -> dict:
    rs, rm = m.sexenal, m.meta_intermedia
    if rs is None or rm is None:  # (a methodology may leave them out: said, not a traceback)
        from issste_mon.errores import EntradaInvalida

        falta = "avance_sexenal" if rs is None else "meta_intermedia"
        raise EntradaInvalida(
            f"{m.archivo}: la metodología no define «{falta}»: el avance de los indicadores de "
            f"un programa derivado ({derivado.clave}) se clasifica con esas reglas"
        )
    notas: list[str] = []
    lb_spec = ind.linea_base.valor if ind.linea_base else None
    lb = _num(lb_spec)
    lb_anio = ind.linea_base.anio if ind.linea_base else None
    ms_spec, de_meta_anual = meta_sexenal_de(ind, rs.anio_meta)
    if de_meta_anual:
        notas.append(de_meta_anual)
    meta_sexenal = _num(ms_spec)
    anio, valor = _ultimo(ind, hasta)
    if anio is not None and (posteriores := _sin_cifra_despues(ind.valores, anio, hasta)):
        notas.append(f"{posteriores}: se usa el último valor con cifra, de {anio}")
    falta = _falta(lb_spec, ms_spec, ind.valores, hasta)
    meta_int = _num(ind.metas.get(anio)) if anio is not None else None
    a = _avance(valor, lb, meta_sexenal)
    e, sin_e = _esperado(lb, lb_anio, meta_sexenal, anio, meta_int, rs.anio_meta)
    # A value from before the base year says nothing about progress since the base.
    antes_lb = anio is not None and lb_anio is not None and anio < lb_anio
    if antes_lb and a is not None:
        a, e = None, None
        falta = f"el valor ({anio}) es anterior al año de la línea base ({lb_anio})"
    elif valor is not None and (contra := contra_sentido(lb, meta_sexenal, ind.sentido)):
        a, e = None, None
        cumple = _cumple(valor, meta_sexenal, ind.sentido)
        # (one note, not two: «; » separates a row's notes, `consultas.derivado._notas`)
        falta = (
            f"{contra} — el valor {anio}, {fmt_valor(valor)}, {cumple} la meta sexenal según "
            "el sentido"
        )
    pub_av = ind.publicado.get("avance_sexenal")
    pub_mi = ind.publicado.get("meta_intermedia")
    # The year the published categories refer to (the PI's «metas 2021»), when recorded.
    corte = ind.corte if ind.corte is not None else derivado.corte_publicado
    otro_corte = corte is not None and anio is not None and anio != corte

    # Six-year category.
    if ind.sentido == "constante":
        av, av_origen = rs.etiqueta_sentido_constante, CALCULADO
        # The label is the document's only where it prints that label: a constant indicator
        # published «Avanzado» read «Sentido constante», origen publicado, and `verificar`
        # said the document prints «Avanzado» (the note below now names it).
        if pub_av == av and valor is None:
            av_origen = PUBLICADO
        nota = "sentido constante: no se valora el avance"
        if a is not None:
            # an A beside «Sentido constante» read as a progress assessed (seed 004: «al contar
            # sentido constante, no es posible analizar su avance de meta sexenal»): nor E
            a, e = None, None
            nota += " (la spec trae valores, pero no se calculan A ni E)"
        notas.append(nota)
    elif a is not None:
        fraccion_e = _fraccion_esperada(lb, lb_anio, meta_sexenal, anio, meta_int, rs.anio_meta)
        exacta = _r(valor, lb, meta_sexenal, fraccion_e) if e and fraccion_e else None
        r, sin_r = _razon(a, e, sin_e, anio, meta_int, exacta)
        av = clasificar_reglas(rs.categorias, {"avance": a, "razon": r})
        av_origen = CALCULADO
        if av is None:
            av = rs.sin_dato
            notas.append(
                "avance sexenal no calculable: "
                + (sin_r or "ninguna categoría de la metodología corresponde")
            )
    elif pub_av is not None:
        av, av_origen = pub_av, PUBLICADO
        notas.append("avance sexenal publicado: " + falta)
        if otro_corte:
            notas.append(f"el avance publicado es del corte {corte} y el valor mostrado, de {anio}")
    else:
        av, av_origen = rs.sin_dato, CALCULADO
        notas.append("avance sexenal no calculable: " + falta)
    # (a category computed from a value of another year than the published cut measures
    # another moment: a difference there says nothing, as with the intermediate goal below)
    if av_origen == CALCULADO and pub_av is not None and otro_corte and a is not None:
        notas.append(
            f"avance sexenal calculado con {anio}, el publicado ({pub_av}) es del corte {corte}"
            ": cortes distintos, no se comparan"
        )
    elif av_origen == CALCULADO and pub_av is not None and pub_av != av:
        notas.append(f"avance sexenal publicado: {pub_av}")

    # Intermediate-goal category.
    cump = None
    if valor is not None and meta_int is not None:
        from issste_mon.calc.exacto import cumplimiento_exacto

        # A ratio of negatives would invert the verdict (−8.8 / −8 = 110 %): no cumplimiento,
        # the value is compared with the meta instead (meta 0 stays not computable).
        negativos = (meta_int < 0 or valor < 0) and meta_int != 0
        if not negativos:  # None: meta 0 or inverse formula on valor 0
            cump = cumplimiento_exacto(meta_int, valor, ind.sentido, m.formula_descendente)
        mi_origen = CALCULADO
        if not antes_lb and _retroceso(valor, lb, ind.sentido):
            mi = rm.retroceso
        elif negativos:
            mi, nota_mi = _sin_cociente(valor, meta_int, ind.sentido, anio, rm)
            notas.append(nota_mi)
        elif cump is None:
            mi = rm.sin_dato
            from issste_mon.calc.razones import por_que_no

            # (why, in `cumplimiento`'s words: meta = 0, valor 0 under the inverse formula…)
            razon = por_que_no(ind.metas.get(anio), ind.valores[anio], ind.sentido, m)
            notas.append(f"cumplimiento de la meta {anio}: {razon}")
        else:
            mi = clasificar_reglas(rm.categorias, {"cumplimiento": cump}) or rm.sin_dato
        # «Retroceso» (worse than the base) comes before the cumplimiento bands: without a
        # base it cannot be ruled out, and the category says so instead of passing for sure
        if lb is None and mi != rm.sin_dato and ind.sentido in ("ascendente", "descendente"):
            notas.append(
                f"meta intermedia sin línea base: no se puede descartar «{rm.retroceso}» (valor "
                "peor que la línea base), que la metodología evalúa antes que el cumplimiento"
            )
    elif pub_mi is not None:
        mi, mi_origen = pub_mi, PUBLICADO
    else:
        mi, mi_origen = rm.sin_dato, CALCULADO
        notas.append("meta intermedia no calculable: " + _falta_intermedia(ind, anio, hasta))
    if mi_origen == CALCULADO and pub_mi is not None and otro_corte:
        notas.append(
            f"meta intermedia calculada con {anio}, la publicada ({pub_mi}) es del corte {corte}"
            ": cortes distintos, no se comparan"
        )
    elif mi_origen == CALCULADO and pub_mi is not None and pub_mi != mi:
        notas.append(f"meta intermedia publicada: {pub_mi}")

    # What the computed categories rest on that no document printed, as `tendencias` and
    # `alertas` say it of the same figures (PI 2.3's 29,338 and 13,592, transcribed back from
    # the statement: its «No alcanzada» 2022 said nothing of it).
    leidos: set[str] = set()
    if av_origen == CALCULADO and (a is not None or ind.sentido == "constante"):
        leidos |= (
            {"sentido"} if ind.sentido == "constante" else {"sentido", "linea_base", "valores"}
        )
        if a is not None:  # the goal (or the 2024 meta standing for it), and E's meta
            leidos.add("metas" if de_meta_anual else "meta_sexenal")
            if meta_int is not None:
                leidos.add("metas")
    calculada_mi = valor is not None and meta_int is not None and mi != rm.sin_dato
    if calculada_mi:
        leidos |= {"sentido", "linea_base", "metas", "valores"}
    notas.append(_descansa(ind, leidos, m if calculada_mi and cump is not None else None))

    return {
        "clave": derivado.clave,
        "objetivo": o.id,
        "id": ind.id,
        "indicador": ind.nombre,
        "tipo": ind.tipo,
        "sentido": ind.sentido,
        "enfoque": ind.enfoque,
        "enfoque_objetivo": o.enfoque,
        "calidad": ind.calidad,
        "unidad_medida": ind.unidad_medida,
        "linea_base_anio": lb_anio,
        "linea_base": lb,
        "meta_intermedia_valor": meta_int,
        "meta_sexenal": meta_sexenal,
        "ultimo_anio": anio,
        "ultimo_valor": valor,
        "avance_pct": a,
        "avance_esperado_pct": e,
        # where r = A/E crosses a cut of the category, as a cut of A (and of E) in this row:
        # A 54.99996 % over E 50 % is not printed «55.0 %» beside «Adecuado» (r < 1.10)
        **_cortes_r(a, e, rs),
        "avance_sexenal": av,
        "avance_sexenal_tabla": rs.sentido_constante if av == rs.etiqueta_sentido_constante else av,
        "avance_sexenal_origen": av_origen,
        "avance_sexenal_publicado": pub_av,
        "avance_sexenal_corte": _corte(av_origen, corte, anio, a is not None),
        # why the published category stands (not shown: `verificar` names it, `auditoria`)
        "avance_sexenal_sin_calculo": (
            falta if av_origen == PUBLICADO and ind.sentido != "constante" else None
        ),
        "meta_intermedia_cumplimiento_pct": cump,
        "meta_intermedia": mi,
        "meta_intermedia_origen": mi_origen,
        "meta_intermedia_publicada": pub_mi,
        "meta_intermedia_corte": _corte(mi_origen, corte, anio, cump is not None),
        "nota": "; ".join(filter(None, notas)) or None,
        "metodologia": m.referencia,
        "fuente": ind.fuente or o.fuente or derivado.fuente,
    }


_INFERIDAS = (("linea_base", "línea base inferida (no impresa)"),)
_INFERIDAS += (("meta_sexenal", "meta sexenal inferida (no impresa)"),)


def _descansa(ind: IndicadorDerivado, leidos: set[str], m: Metodologia | None) -> str | None:
    """«descansa en: …» of the inputs a computed category read that the spec marks `inferido`
    (`calc.supuestos`' words), and with `m` the descendente formula of its cumplimiento."""
    from issste_mon.calc import supuestos

    propios = [c for c in ("sentido", "metas", "valores") if c in leidos and c in ind.inferido]
    lista = supuestos.supuestos(propios, ind.sentido, m)
    lista += [texto for campo, texto in _INFERIDAS if campo in leidos and campo in ind.inferido]
    return supuestos.nota_supuestos(lista)


def _cortes_r(a, e, rs) -> dict[str, tuple]:
    """The cuts on r = A/E of the methodology, as cuts of this row's A (umbral × E) and E
    (A ÷ umbral): `Columna.bordes_fila` of the A and E columns."""
    umbrales = [decimal(r.umbral) for r in rs.categorias if r.medida == "razon"]
    if a is None or e is None or e <= 0 or a <= 0 or not umbrales:
        return {"cortes_a": (), "cortes_e": ()}
    a, e = decimal(a), decimal(e)
    return {
        "cortes_a": tuple(CONTEXTO.multiply(u, e) for u in umbrales),
        "cortes_e": tuple(CONTEXTO.divide(a, u) for u in umbrales if u),
    }


def _corte(origen: str, corte: int | None, anio: int | None, calculada: bool) -> int | None:
    """The year a category refers to: the published cut, or the year of the values it was
    computed from (None when it rests on neither)."""
    if origen == PUBLICADO:
        return corte
    return anio if calculada else None


def _sin_cifra_despues(valores: dict, anio: int, hasta: int | None) -> str | None:
    """The later years (up to the cut) whose value the spec records as ND/NA: progress is
    measured with an earlier one, and the row says why («valor 2021 ND»)."""
    later = sorted(
        (y, v)
        for y, v in valores.items()
        if y > anio and (hasta is None or y <= hasta) and v is not None and not es_numero(v)
    )
    return ", ".join(f"valor {y} {v}" for y, v in later) or None


def _sin_valor(valores: dict, hasta: int | None) -> str | None:
    """Why there is no value to measure progress with, None when there is one: ND/NA recorded,
    values only after the cut, or (the empty text) none in the spec at all."""
    hasta_corte = {y: v for y, v in valores.items() if hasta is None or y <= hasta}
    if any(es_numero(v) for v in hasta_corte.values()):
        return None
    despues = sorted((y, v) for y, v in valores.items() if y not in hasta_corte and v is not None)
    registrados = sorted((y, v) for y, v in hasta_corte.items() if v is not None)
    if registrados:
        y, v = registrados[-1]
        texto = f"valor {v} en {y}"
    elif despues:
        texto = f"ningún valor hasta {hasta}"
    else:
        return ""
    numeros = [y for y, v in despues if es_numero(v)]
    if numeros:
        return f"{texto} (el primero es de {numeros[0]})"
    if despues and not registrados:
        y, v = despues[-1]
        return f"{texto} (en {y}: {v})"
    return texto


def _falta(lb, meta, valores: dict, hasta: int | None) -> str:
    """Why progress toward the six-year goal is not computable: which input is ND/NA, which
    the spec does not have, and where the values lie against the cut."""
    ausentes, estados = [], []
    for nombre, x in (("línea base", lb), ("meta sexenal", meta)):
        if x is None:
            ausentes.append(nombre)
        elif not es_numero(x):
            estados.append(f"{nombre} {x}")
    sin_valor = _sin_valor(valores, hasta)
    if sin_valor == "":
        ausentes.append("valor")
    elif sin_valor is not None:
        estados.append(sin_valor)
    if not ausentes and not estados:
        return "meta sexenal igual a la línea base"
    partes = ([f"la spec no trae {en_serie(ausentes, ' ni ')}"] if ausentes else []) + estados
    return "; ".join(partes)


def _falta_intermedia(ind: IndicadorDerivado, anio: int | None, hasta: int | None) -> str:
    """Why the intermediate goal is not assessed: no value, or no meta of the value's year."""
    if anio is None:
        return _sin_valor(ind.valores, hasta) or "la spec no trae valor"
    meta = ind.metas.get(anio)
    if meta is not None and not es_numero(meta):
        return f"meta {anio} {meta}"
    return f"la spec no trae meta de {anio}, el año del último valor"


def calcular_sexenal(
    derivado: ProgramaDerivado, *, metodologia: Metodologia, hasta: int | None = None
) -> list[dict]:
    """One row per indicator, in spec order. See the module docstring for the formula.
    `hasta`: the cut, each indicator's last value up to that year (default: its last one)."""
    return [_fila(derivado, o, i, metodologia, hasta) for o, i in derivado.indicadores()]


def _valor_tabla(row: dict, atributo: str) -> str:
    """An attribute as a table counts it: `<atributo>_tabla` when the row has one (e.g.
    "Sentido constante" counted as NR), booleans as sí/no, missing as SIN_DATO."""
    v = row.get(f"{atributo}_tabla", row.get(atributo))
    if v is None:
        return SIN_DATO
    if isinstance(v, bool):
        return "sí" if v else "no"
    return str(v)


def _orden(valores: list[str], atributo: str, orden: list[str] | None) -> list[str]:
    base = list(orden) if orden is not None else list(ORDENES.get(atributo, []))
    for v in valores:
        if v not in base:
            base.append(v)
    return base


def cruzar(
    rows: list[dict],
    filas: str,
    columnas: str,
    orden_filas: list[str] | None = None,
    orden_columnas: list[str] | None = None,
) -> dict:
    """Cross-table of two row attributes: counts per cell, totals, shares of the grand total.

    Known attributes list every category in their vocabulary order even at 0 (the Programa
    Institucional ISSSTE 2020–2024 prints Insuficiente 0); other values follow in order of
    appearance. Percentages are unrounded.
    """
    pares = [(_valor_tabla(r, filas), _valor_tabla(r, columnas)) for r in rows]
    of = _orden([f for f, _ in pares], filas, orden_filas)
    oc = _orden([c for _, c in pares], columnas, orden_columnas)
    celdas = {f: dict.fromkeys(oc, 0) for f in of}
    for f, c in pares:
        celdas[f][c] += 1
    total = len(pares)
    tf = {f: sum(celdas[f].values()) for f in of}
    tc = {c: sum(celdas[f][c] for f in of) for c in oc}
    return {
        "filas": filas,
        "columnas": columnas,
        "orden_filas": of,
        "orden_columnas": oc,
        "celdas": celdas,
        "total_filas": tf,
        "total_columnas": tc,
        "total": total,
        "pct_filas": {f: pct(n, total) for f, n in tf.items()},
        "pct_columnas": {c: pct(n, total) for c, n in tc.items()},
    }


def como_publicada(cruce: dict, etiqueta_total: str = TOTAL) -> dict[str, dict[str, str]]:
    """The cross-table as the Programa Institucional ISSSTE 2020–2024 prints it: plain counts
    inside, "n, p%" in the totals (half-up), the grand total plain. Same shape as
    `tabla_enfoque_avance_publicada`."""
    from issste_mon.calc.conteos import formatear

    n = cruce["total"]
    out = {}
    for f in cruce["orden_filas"]:
        out[f] = {c: str(cruce["celdas"][f][c]) for c in cruce["orden_columnas"]}
        out[f][etiqueta_total] = formatear(cruce["total_filas"][f], n, estilo="coma")
    out[etiqueta_total] = {
        c: formatear(cruce["total_columnas"][c], n, estilo="coma") for c in cruce["orden_columnas"]
    }
    out[etiqueta_total][etiqueta_total] = str(n)
    return out
