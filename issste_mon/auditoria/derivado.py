"""Checkers for a programa derivado's published figures: each indicator's six-year progress and
intermediate-goal categories (recomputed by calc.sexenal where the spec has the raw values, at
the cut they were published for), the prose that restates them, and every cell of the enfoque ×
avance table (`tabla_enfoque_avance_publicada`), counted from the per-indicator categories."""

from __future__ import annotations

from issste_mon.auditoria.comparar import (
    COINCIDE,
    DIFIERE,
    Resultado,
    categoria,
    contradiccion,
    corte_distinto,
    fuera_de_vocabulario,
    no_verificable,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.modelo import es_numero
from issste_mon.salida.plural import en_serie
from issste_mon.vocab import fold

ETIQUETAS = {"avance_sexenal": "Avance de meta sexenal", "meta_intermedia": "Meta intermedia"}


def corte(dueno, ind) -> int | None:
    """The cut year the indicator's published categories refer to."""
    return ind.corte if ind.corte is not None else dueno.corte_publicado


def _faltan(ind, campo: str, anio: int | None, anio_meta: int | None) -> tuple[list, list]:
    """The inputs of the category `campo` the spec lacks, and those it records as ND/NA
    («línea base ND»): the six-year progress reads the línea base, the meta sexenal (the meta
    of the goal year stands for a missing one, as `sexenal` takes it) and the value of the
    cut; the intermediate goal, the meta and the value of the cut."""
    from issste_mon.calc.sexenal import meta_sexenal_de

    insumos = []
    if campo == "avance_sexenal":
        insumos.append(("línea base", ind.linea_base.valor if ind.linea_base else None))
        insumos.append(("meta sexenal", meta_sexenal_de(ind, anio_meta)[0]))
    if anio is not None:
        if campo == "meta_intermedia":
            insumos.append((f"meta {anio}", ind.metas.get(anio)))
        insumos.append((f"valor {anio}", ind.valores.get(anio)))
    ausentes = [n for n, x in insumos if x is None]
    estados = [f"{n} {x}" for n, x in insumos if x is not None and not es_numero(x)]
    return ausentes, estados


def _no_calculable(ind, campo: str, row: dict, anio_corte: int | None, anio_meta) -> str:
    """Why the published category could not be computed: the inputs missing or ND/NA, else
    the reason `sexenal` gives (a meta sexenal equal to the línea base, or on the side of it
    the sentido calls worse), and the years of the values the spec does record."""
    ausentes, estados = _faltan(ind, campo, anio_corte, anio_meta)
    partes = (
        [f"{'faltan' if len(ausentes) > 1 else 'falta'} {en_serie(ausentes)}"] if ausentes else []
    )
    partes += [en_serie(estados)] if estados else []
    cut = f" (corte {anio_corte})" if anio_corte else ""
    if partes:
        motivo = f"{'; '.join(partes)} en la spec{cut}"
    else:
        motivo = f"{row.get(f'{campo}_sin_calculo') or 'sin insumos con que calcularla'}{cut}"
    # the values of other years the spec does record (2.3's 2022): none is of the cut
    otros = [str(y) for y, v in sorted(ind.valores.items()) if es_numero(v)]
    if otros and anio_corte is not None and str(anio_corte) not in otros:
        motivo += f"; la spec trae valores de {en_serie(otros)}"
    return f"no calculable: {motivo}"


@cifra("indicador_derivado", "avance_sexenal", "meta_intermedia", etiqueta="{nombre}")
def categoria_sexenal(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import sexenal

    ind = f.registro
    anio_corte = corte(f.dueno, ind)
    # computed at the cut the category was published for: the last value up to that year,
    # never a later one (a 2022 value says nothing of a 2021 category)
    filas = ctx.una_vez(
        ("sexenal", id(f.dueno), anio_corte),
        lambda: sexenal.calcular_sexenal(f.dueno, metodologia=ctx.metodologia, hasta=anio_corte),
    )
    row = next(r for r in filas if r["id"] == ind.id)
    calculada, origen = row[f.nombre], row[f"{f.nombre}_origen"]
    cut = f" (corte {anio_corte})" if anio_corte else ""
    fuera = fuera_de_vocabulario(f.texto, ctx.metodologia, f.nombre)
    if fuera is not None:
        resultado = fuera
    # A constant-sense indicator's six-year category follows from its sentido alone.
    elif f.nombre == "avance_sexenal" and ind.sentido == "constante":
        resultado = categoria(f.texto, calculada)
        resultado.explicacion = "la categoría sigue del sentido del indicador, sin valores"
        if "sentido" in ind.inferido:
            resultado.inferidos.append(f"sentido de {ind.id}")
    elif origen == sexenal.PUBLICADO:
        rs = ctx.metodologia.sexenal
        anio_meta = rs.anio_meta if rs is not None else None
        resultado = no_verificable(_no_calculable(ind, f.nombre, row, anio_corte, anio_meta))
    elif anio_corte is not None and row["ultimo_anio"] != anio_corte:
        # (the document may have used a value of the cut year the spec does not record)
        resultado = corte_distinto(
            f"categoría publicada al corte {anio_corte}; la spec no trae valor {anio_corte} y "
            f"el último hasta ese año es de {row['ultimo_anio']}"
        )
    else:
        resultado = _sobre_lo_supuesto(ctx, categoria(f.texto, calculada), ind, f.nombre)
    resultado.cifra = f"{ETIQUETAS[f.nombre]} {ind.id}{cut}"
    return resultado


def veredictos(dv, metodologia) -> dict[tuple[str, str], Resultado]:
    """`verificar`'s verdict on each published category of the programa derivado `dv`, keyed
    (indicator id, "avance_sexenal" | "meta_intermedia"): the same checker, so `sexenal` says
    of a category what `verificar` says of it, never a «coincide» of its own."""
    ctx = Contexto(None, metodologia)
    out = {}
    for obj, ind in dv.indicadores():
        for campo in ETIQUETAS:
            if (texto := ind.publicado.get(campo)) is None:
                continue
            ruta = (*ind.ruta, "publicado", campo)
            f = Figura(
                "indicador_derivado", dv.clave, dv.archivo, ruta, campo, texto, None, dv, ind, obj
            )
            out[(ind.id, campo)] = categoria_sexenal(ctx, f).final()
    return out


# the indicator's fields a computed category reads, as the spec's `inferido` names them
_LEIDOS = ("sentido", "linea_base", "meta_sexenal", "metas", "valores")
_REGLA = {
    "avance_sexenal": "la fórmula y los cortes del avance de meta sexenal",
    "meta_intermedia": "los cortes de la meta intermedia",
}


def _sobre_lo_supuesto(ctx: Contexto, r: Resultado, ind, campo: str) -> Resultado:
    """A category computed from the spec's values rests on the methodology's formula and cuts
    (the included ones are `supuesto`: CONEVAL prints only the names) and on the inputs the
    spec inferred: a match is «por construcción», naming them; a difference is «no
    verificable» — cuts of issste-mon's own do not prove the document wrong."""
    from issste_mon.auditoria.comparar import regla_ajustada

    regla = regla_ajustada(ctx.metodologia, campo, _REGLA[campo])
    if r.veredicto == COINCIDE:
        r.inferidos += [f"{c} de {ind.id} (inferido)" for c in _LEIDOS if c in ind.inferido]
        if regla is not None:
            r.inferidos.append(regla)
    elif r.veredicto == DIFIERE and regla is not None:
        out = no_verificable(
            f"calculada con {regla}: la diferencia no prueba un error del documento"
        )
        out.calculado, out.valor_calculado = r.calculado, r.valor_calculado
        return out
    return r


# The prose of the Programa Institucional's objectives restates categories: which words name
# which categories (most specific first).
PROSA = {
    "avance_sexenal": [
        ("muy rezagado", {"Muy rezagado"}),
        ("rezagado", {"Rezagado"}),
        ("sentido constante", {"Sentido constante"}),
        ("avanzado", {"Avanzado"}),
        ("adecuado", {"Adecuado"}),
        ("insuficiente", {"Insuficiente"}),
        ("supero", {"Superado"}),
        ("superado", {"Superado"}),
    ],
    "meta_intermedia": [
        ("no alcanz", {"No alcanzada"}),
        ("muy superior", {"Logro muy superado"}),
        ("muy superado", {"Logro muy superado"}),
        ("retroce", {"Retroceso"}),
        ("alcanz", {"Alcanzada", "Logro muy superado"}),
    ],
}


# What a match of the prose rests on: another printed place, not a computation of ours.
PROSA_CONTRA_FILA = (
    "comparada con la categoría que imprime la fila de {id} en el mismo documento, no con un "
    "cálculo de issste-mon"
)
# And a cell of the enfoque × avance table: counted from the printed per-indicator categories.
TABLA_DE_FILAS = (
    "contada de las categorías que imprime la fila de cada indicador en el mismo documento, no "
    "de un cálculo de issste-mon"
)


def leer_prosa(texto: str, campo: str) -> set[str] | None:
    t = fold(texto)
    return next((cats for palabra, cats in PROSA[campo] if palabra in t), None)


@cifra(
    "indicador_derivado",
    etiqueta="{nombre}",
    prefijo="avance_sexenal_texto",
)
@cifra(
    "indicador_derivado",
    etiqueta="{nombre}",
    prefijo="meta_intermedia_texto",
)
def prosa_categoria(ctx: Contexto, f: Figura) -> Resultado:
    """A sentence that restates an indicator's category, against its printed category."""
    ind = f.registro
    campo = "avance_sexenal" if f.nombre.startswith("avance_sexenal") else "meta_intermedia"
    label = f"{ETIQUETAS[campo]} {ind.id} en el texto del objetivo"
    cats = leer_prosa(f.texto, campo)
    if cats is None:
        return no_verificable(f"el texto no nombra una categoría de {campo}", cifra=label)
    impresa = ind.publicado.get(campo)
    if impresa is None:
        return no_verificable(f"falta la categoría publicada «{campo}» de {ind.id}", cifra=label)
    leida = " o ".join(sorted(cats))
    if impresa not in cats:  # two printed places of one document: neither is our computation
        return contradiccion(
            f"el texto del objetivo dice «{leida}» (leído por sus palabras) y la fila de "
            f"{ind.id} imprime «{impresa}»",
            leida,
            cifra=label,
        )
    return Resultado(COINCIDE, leida, impresa, PROSA_CONTRA_FILA.format(id=ind.id), cifra=label)


def _es(a: str, b: str) -> bool:
    return fold(a).rstrip("*").strip() == fold(b).rstrip("*").strip()


def cruce_publicado(ctx: Contexto, dv) -> tuple[dict, dict]:
    """The enfoque × avance table counted from the per-indicator published categories (the
    table's own cut), as printed; and, per column, the indicators counted in it."""
    from issste_mon.calc import sexenal

    rs = ctx.metodologia.sexenal
    rows, por_columna = [], {}
    for _, ind in dv.indicadores():
        av = ind.publicado.get("avance_sexenal") or rs.sin_dato
        if av == rs.etiqueta_sentido_constante:
            av = rs.sentido_constante
        rows.append({"enfoque": ind.enfoque, "avance_sexenal": av})
        por_columna.setdefault(av, []).append(ind)
    cruce = sexenal.cruzar(rows, "enfoque", "avance_sexenal")
    return sexenal.como_publicada(cruce), por_columna


@cifra("tabla_enfoque_avance", etiqueta="Tabla enfoque × avance: {nombre}", prefijo="")
def celda_tabla(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import sexenal

    dv = f.dueno
    fila, columna = f.ruta[-2], f.ruta[-1]
    anio_corte = dv.corte_publicado
    label = f"Tabla enfoque × avance {fila} / {columna}" + (
        f" (corte {anio_corte})" if anio_corte else ""
    )
    tabla, por_columna = ctx.una_vez(("cruce", id(dv)), lambda: cruce_publicado(ctx, dv))
    f_calc = next((k for k in tabla if _es(k, fila)), None)
    c_calc = next((k for k in tabla.get(f_calc, {}) if _es(k, columna)), None)
    if f_calc is None or c_calc is None:
        falta = f"fila «{fila}»" if f_calc is None else f"columna «{columna}»"
        return no_verificable(f"la {falta} no sale de los indicadores de la spec", cifra=label)
    calc = tabla[f_calc][c_calc]
    impreso = " ".join(str(f.texto).split())
    inferidos = []
    if f_calc != sexenal.TOTAL:  # a row of one enfoque rests on each indicator's enfoque
        contados = (
            [i for _, i in dv.indicadores()]
            if c_calc == sexenal.TOTAL
            else por_columna.get(c_calc, [])
        )
        inferidos = [f"enfoque de {i.id}" for i in contados if "enfoque" in i.inferido]
    if impreso == calc:
        r = Resultado(COINCIDE, calc, calc, TABLA_DE_FILAS, cifra=label)
        r.inferidos = inferidos
        return r
    if inferidos:  # the count rests on enfoques the spec inferred: ours may be what is wrong
        return Resultado(DIFIERE, calc, calc, cifra=label)
    # the table and the printed rows it summarises cannot both hold
    return contradiccion(
        f"la tabla imprime «{impreso}»; las categorías impresas en las filas de los "
        f"indicadores dan {calc}",
        calc,
        cifra=label,
    )
