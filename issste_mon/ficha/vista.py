"""What the templates see: every block of a ficha as plain, already formatted text (es-MX).

The HTML template (Jinja2) and the Markdown writer read the same context, so the two keep the
same blocks in the same order. Nothing here is HTML: escaping is the template's job
(autoescape) and Markdown's (`markdown.celda`).
"""

from __future__ import annotations

from dataclasses import replace

from issste_mon.ficha import graficas
from issste_mon.ficha.datos import (
    AUSENTE,
    Ficha,
    calculable,
    cifras_clave,
    con_supuestos,
    descansa_en,
    encabezado,
    fmt_cumplimiento,
    notas,
    supuestos_cumplimiento,
    visible,
)
from issste_mon.modelo import Faltante, es_numero
from issste_mon.salida.celdas import faltante, human
from issste_mon.salida.numfmt import fmt_escrito, fmt_number
from issste_mon.salida.tabla import Columna, Tabla, Tipo
from issste_mon.vocab import Veredicto

LETRAS = {"F": "Fortaleza", "O": "Oportunidad", "D": "Debilidad", "A": "Amenaza"}


def cita(texto: str | None) -> str:
    """A source or note as the spec or the table gives it (never rewritten: the specs cite
    documents by title and year; none of what a user wrote is dropped)."""
    return (texto or "").strip()


def numero(x, decimales: int | None = None) -> str:
    """A spec figure for people: as written (es-MX; a whole number without decimals), ND/NA
    as recorded, AUSENTE when the spec does not have it; `decimales`: a fixed precision
    (money)."""
    if isinstance(x, Faltante):
        return str(x)
    if x is None or not es_numero(x) or not calculable(x):
        return AUSENTE
    return fmt_number(x, decimales) if decimales is not None else fmt_escrito(x, 0)


def texto(x: str | None) -> str:
    """A spec text for people, AUSENTE when the spec does not have it."""
    return x or AUSENTE


def de_fila(row: dict | None, campo: str) -> str:
    """A spec figure of a table row (meta, valor): its number as written, or the state the
    row records for it (ND, NA; «ausente» is AUSENTE)."""
    if row is None:
        return AUSENTE
    estado = row.get(f"{campo}_estado")
    if estado in (Faltante.ND.value, Faltante.NA.value):
        return estado
    return numero(row.get(campo))


# Each verdict's CSS class (estilo.css colours coincide green, difiere red, a contradiction
# within the source amber): an explicit name, not the verdict's words — «difiere, explicada»
# made the class «difiere,-explicada», which no rule matched, so a figure that differs showed
# uncoloured; «contradicción en la fuente» was uncoloured beside the index's amber.
CLASE_VEREDICTO = {
    Veredicto.coincide: "coincide",
    Veredicto.coincide_por_construccion: "coincide-por-construccion",
    Veredicto.difiere: "difiere",
    Veredicto.difiere_explicada: "difiere",  # (it differs; the nota says why)
    Veredicto.contradiccion: "contradiccion",
    Veredicto.no_verificable: "no-verificable",
}


def _celda(row: dict, col: Columna) -> dict:
    text = faltante(row, col) or human(col.para_personas(row), col)
    clases = []
    if col.alineacion == "right":  # the column kinds of salida.tabla, the one place
        clases.append("num")
    if col.tipo == Tipo.rango and text:
        clases.append(text.lower())
    if col.tipo == Tipo.veredicto and text:
        clases.append(CLASE_VEREDICTO[Veredicto(text)])
    if col.clave == "ubicacion":  # the file's name and line: the footer names the folder
        text = text.rsplit("/", 1)[-1]
    if col.alertada(row) or (text and _deducida(row, col.clave)):
        text += " ⚠"
    if palabra_larga(text):
        clases.append("larga")  # (estilo.css breaks it anywhere; other cells keep their words)
    return {"texto": text, "clase": " ".join(clases)}


# The terms of each figure of a cobertura or presupuesto row, as its `inferido` names those the
# spec deduced: a figure on one of them gets the ⚠ (the footnote says what it means).
_TERMINOS = {
    "potencial": ("PP",),
    "objetivo": ("PO",),
    "atendida": ("PA",),
    "cobertura_pct": ("PA", "PO"),
    "po_pp_pct": ("PO", "PP"),
    "ejercido_mdp": ("ejercido",),
    "ramo_mdp": ("ramo",),
    "porcentaje_ramo": ("ejercido", "ramo"),
}


def _deducida(row: dict, clave: str) -> bool:
    return any(t in (row.get("inferido") or ()) for t in _TERMINOS.get(clave, ()))


# A word longer than this (a URL, a path, a code run together) would hold its table column, or
# the value column of a box of data, at its whole length and push what follows off the page:
# its cell may break it anywhere (class «larga»).
PALABRA_LARGA = 30


def palabra_larga(texto: object) -> bool:
    return isinstance(texto, str) and any(len(p) > PALABRA_LARGA for p in texto.split())


def tabla(t: Tabla | None, ocultar=("clave", "ramo")) -> dict | None:
    if t is None:
        return None
    cols = [c for c in visible(t, ocultar).columnas if c.en_tabla]
    filas = [[_celda(r, c) for c in cols] for r in t.filas]
    # A column empty in every row (no componente, no nota) says nothing: it is left out.
    llenas = [j for j in range(len(cols)) if any(f[j]["texto"] for f in filas)]
    return {
        "columnas": [
            {"titulo": cols[j].titulo, "num": cols[j].alineacion == "right"} for j in llenas
        ],
        "filas": [[f[j] for j in llenas] for f in filas],
        "avisos": [cita(a) for a in t.avisos],
        "resumen": [cita(r) for r in t.resumen],
    }


def _indicador(f: Ficha, ind, filas: list[dict], n: int) -> dict:
    lb = ind.linea_base
    ultimo = max(
        (r for r in filas if r.get("anio") is not None), key=lambda r: r["anio"], default=None
    )
    # The meta of the latest year that has one, as the year's row has it: the one its
    # cumplimiento divides by. The spec's `meta` was shown, so with a meta modificada the box
    # read «Meta 2022: 100 · Valor 2022: 88 · Cumplimiento: 92.63 %» (88 / 95) beside a table
    # whose Meta 2022 is 95; a meta ND with a modificada of 9, «ND».
    con_meta = [r for r in filas if r.get("anio") is not None and _con_meta(r)]
    fila_meta = max(con_meta, key=lambda r: r["anio"], default=None)
    supuestos: list[str] = []
    frecuencia = ind.frecuencia[:1].upper() + ind.frecuencia[1:] if ind.frecuencia else None
    datos = [
        ("Unidad de medida", texto(ind.unidad_medida)),
        ("Frecuencia", texto(frecuencia)),
        ("Línea base", numero(lb.valor if lb is not None else None)),
        ("Año base", str(lb.anio) if lb is not None and lb.anio else AUSENTE),
    ]
    if fila_meta is not None:
        meta = de_fila(fila_meta, "meta")
        if isinstance(
            nota := fila_meta.get("nota_meta"), str
        ):  # «meta modificada (la original: 100)»
            meta += f", {nota}"
        datos.append((f"Meta {fila_meta['anio']}", meta))
    elif ultimo is not None:
        datos.append((f"Meta {ultimo['anio']}", de_fila(ultimo, "meta")))
    if ultimo is not None:
        datos.append((f"Valor {ultimo['anio']}", de_fila(ultimo, "valor")))
        if calculable(ultimo.get("cumplimiento_pct")):
            cifra = fmt_cumplimiento(ultimo, f.metodologia)
            supuestos = supuestos_cumplimiento(ind, f.metodologia, anio=ultimo["anio"])
            # the ⚠ in the box, the words beside the chart: the box is the narrow column, and
            # E045's first printed page has no line to spare
            datos.append(("Cumplimiento", f"{cifra} ⚠" if supuestos else cifra))
    serie = [
        {
            "anio": str(r["anio"]),
            "meta": de_fila(r, "meta"),
            "valor": de_fila(r, "valor"),
        }
        for r in filas
    ]
    g = graficas.serie_indicador(ind, filas, f"g-ind-{n}")
    return {
        "id": ind.id,
        "nivel": ind.nivel,
        "nombre": ind.nombre,
        "datos": datos,
        "serie": serie,
        "grafica": g,
        "observacion": cita(ind.observacion),
        "supuesto": con_supuestos("Cumplimiento", supuestos) + "." if supuestos else "",
        "sin_grafica": "Sin valores numéricos en la spec." if g is None else "",
    }


def _con_meta(row: dict) -> bool:
    """Whether a cumplimiento row has a meta: a figure, or ND/NA as the spec records it."""
    return calculable(row.get("meta")) or row.get("meta_estado") in (
        Faltante.ND.value,
        Faltante.NA.value,
    )


def _puntos(items, avance: bool = False) -> list[dict]:
    out = []
    for p in items:
        extra = ""
        if avance:
            extra = (
                f"avance de {numero(p.avance)} %"
                if es_numero(p.avance)
                else (f"avance: {numero(p.avance)}")
            )
        out.append(
            {
                "texto": p.texto,
                "tipo": LETRAS.get(p.tipo or "", ""),
                "letra": p.tipo or "",
                "avance": extra,
            }
        )
    return out


def _cobertura_geo(f: Ficha) -> tuple[str, list[tuple[str, str]]]:
    """The FMyE's «Cobertura» figures of the latest year: the year's total; without one (an
    imported spec has only components), its components' — summed where their units agree (the
    title says so), else one line per component. Never «sin dato» for a figure the spec has."""
    from issste_mon.calc.base import como_cifra, suma_exacta
    from issste_mon.calc.cobertura import misma_unidad

    pobs = [p for p in f.programa.poblaciones if f.corte is None or p.anio <= f.corte]
    p = max((x for x in pobs if x.componente is None), key=lambda x: x.anio, default=None)
    campos = [
        ("Entidades atendidas", "entidades"),
        ("Municipios atendidos", "municipios"),
        ("Localidades", "localidades"),
        ("Hombres atendidos", "hombres"),
        ("Mujeres atendidas", "mujeres"),
    ]
    anios_comp = [x.anio for x in pobs if x.componente is not None]
    if p is None and anios_comp:
        anio_c = max(anios_comp)
        comps = [x for x in pobs if x.componente is not None and x.anio == anio_c]
        out: list[tuple[str, str]] = []
        for t, k in campos:
            con = [c for c in comps if getattr(c, k) is not None]
            if not con:
                out.append((t, AUSENTE))
            elif len(con) == 1:
                c = con[0]
                out.append((f"{t} ({c.componente}; {c.unidad_medida})", numero(getattr(c, k))))
            elif len({misma_unidad(c.unidad_medida) for c in con}) == 1 and all(
                es_numero(getattr(c, k)) for c in con
            ):
                valores = [getattr(c, k) for c in con]
                total = como_cifra(suma_exacta(valores), valores)  # (0.1 + 0.2 is 0.3)
                titulo = f"{t} (suma de {len(con)} componentes; {con[0].unidad_medida})"
                out.append((titulo, numero(total)))
            else:  # other units: not added up
                out.extend(
                    (f"{t} ({c.componente}; {c.unidad_medida})", numero(getattr(c, k))) for c in con
                )
        return str(anio_c), out
    anio = str(p.anio) if p else ""
    return anio, [(t, numero(getattr(p, k)) if p else AUSENTE) for t, k in campos]


def _definicion_objetivo(f: Ficha) -> str | None:
    """The PO's definition the source gives with the figures (`definicion` of a year or of its
    components, as `importar` keeps it), of the latest year up to the cut that has one: one
    text, or one per component where they differ. None when the spec has none."""
    pobs = [p for p in f.programa.poblaciones if f.corte is None or p.anio <= f.corte]
    for anio in sorted({p.anio for p in pobs}, reverse=True):
        por_texto: dict[str, list[str]] = {}
        for p in pobs:
            if p.anio == anio and (texto := p.definicion.get("objetivo")):
                por_texto.setdefault(" ".join(texto.split()), []).append(p.componente or "")
        if len(por_texto) == 1:
            return f"{next(iter(por_texto))} (poblaciones {anio}, definición de la fuente)"
        if por_texto:
            partes = [", ".join(f"«{c}»" for c in cs) + f": {t}" for t, cs in por_texto.items()]
            return f"Por componente (poblaciones {anio}): " + " · ".join(partes)
    return None


def _notas_de_faltantes(t: Tabla | None) -> Tabla | None:
    """The coverage table with the nota only of the rows with a «—» (the reason it promises):
    the document's own remarks on computable rows stay in `cobertura` and the xlsx, so the
    two printed pages hold the ficha."""
    if t is None:
        return None
    from issste_mon.calc.cobertura import nota_de_corte

    # (but a PA of another time than the year's end says so in every row: it is what the
    # figure rests on, not a remark; and a PA/PO marked ⚠ keeps the words that say why)
    filas = [
        r
        if r.get("cobertura_pct") is None or r.get("po_pp_pct") is None
        else {
            **r,
            "nota": "; ".join(
                n
                for n in (
                    _aviso_mayor(r),
                    descansa_en(r),
                    nota_de_corte(
                        r["anio"], r.get("corte_anio"), r.get("corte_mes"), r["atendida"]
                    ),
                )
                if n
            )
            or None,
        }
        for r in t.filas
    ]
    return replace(t, filas=filas)


def _aviso_mayor(r: dict) -> str | None:
    """The part of a row's nota that explains its ⚠ («cobertura mayor a 100 %: PA > PO»)."""
    if not r.get("mayor_100"):
        return None
    partes = (r.get("nota") or "").split("; ")
    return next((n for n in partes if n.startswith("cobertura mayor a ")), None)


def transpuesta(
    t: dict | None, columnas_fila: tuple[str, ...] = ("Año", "Componente")
) -> dict | None:
    """A table of few rows and many columns turned on its side: a row per column (its title
    first) and a column per row, headed by its `columnas_fila` cells (the year, the
    component). The coverage table sits in a third of the page: seven columns side by side
    hid PA/PO behind a scroll bar; five figures of a year stacked fit."""
    if t is None:
        return None
    titulos = [c["titulo"] for c in t["columnas"]]
    cabeza = [j for j, x in enumerate(titulos) if x in columnas_fila]
    resto = [j for j in range(len(titulos)) if j not in cabeza]
    return {
        **t,
        "columnas": [{"titulo": "", "num": False}]
        + [
            {"titulo": " · ".join(f[j]["texto"] for j in cabeza if f[j]["texto"]), "num": True}
            for f in t["filas"]
        ],
        "filas": [
            # (each row's title is its header: a screen reader says «PA/PO» with «94.90 %»)
            [{"texto": titulos[j], "clase": "titulo-fila", "encabezado": True}]
            + [f[j] for f in t["filas"]]
            for j in resto
            if any(f[j]["texto"] for f in t["filas"])
        ],
    }


OCULTAS_COBERTURA = ("clave", "ramo", "mayor_100")
TRANSPUESTA_HASTA = 3  # rows (years × components) the coverage table shows on its side


def _de_lado(t: dict | None) -> dict | None:
    """The coverage table on its side for a screen, or None (too many rows: as it is)."""
    if t is None or len(t["filas"]) > TRANSPUESTA_HASTA:
        return None
    return transpuesta(t)


def _series_cobertura(t: Tabla | None) -> list[graficas.Grafica]:
    if t is None:
        return []
    grupos: dict[tuple, list[dict]] = {}
    for r in t.filas:
        grupos.setdefault((r.get("componente"), r.get("unidad_medida")), []).append(r)
    out = []
    for i, ((comp, _), filas) in enumerate(grupos.items()):
        g = graficas.cobertura(filas, f"g-cobertura-{i + 1}", comp)
        if g is not None:
            out.append(g)
    return out


def _precios(f: Ficha) -> str | None:
    """The price base of every year's budget, or None: years in several bases (or some with
    none) are not «precios constantes 2012, corrientes» together, each row says its own."""
    bases = {p.precios for p in f.programa.presupuesto}
    return next(iter(bases)) if len(bases) == 1 else None


def _evaluacion(e) -> dict:
    datos = [
        ("Tipo de evaluación", texto(e.tipo)),
        ("Año", str(e.anio) if e.anio else AUSENTE),
        ("Instancia evaluadora", texto(e.instancia)),
        ("Costo", f"${numero(e.costo, 2)}" if es_numero(e.costo) else numero(e.costo)),
    ]
    # What informs a monitoring sheet; contratación, financiamiento and the report's address
    # stay in the spec (and in `verificar`).
    for titulo, v in (
        ("Coordinador de la evaluación", e.coordinador),
        ("Instancia de coordinación", e.coordinacion),
    ):
        if v:
            datos.append((titulo, v))
    return {"datos": datos, "fuente": cita(e.fuente)}


def programa(f: Ficha, inicio: str | None = None) -> dict:
    """The context of one program's ficha; `inicio`: relative link to the site's index."""
    p, fm = f.programa, f.programa.fmye
    ausente = _ausentes(fm, f.corte)
    if fm is not None and f.corte is not None and fm.anio is not None and fm.anio > f.corte:
        fm = None  # a ficha cut at an earlier year does not show a later document's text
    evaluaciones = [
        e for e in p.evaluaciones if f.corte is None or e.anio is None or e.anio <= f.corte
    ]
    despues = len(p.evaluaciones) - len(evaluaciones)
    textos, puntos = (fm.textos, fm.puntos) if fm else ({}, {})
    res = f.tabla("resultados")
    por_ind: dict[str, list[dict]] = {}
    if res is not None:
        for r in res.filas:
            por_ind.setdefault(r["id"], []).append(r)
    indicadores, sectoriales = [], []
    for n, ind in enumerate(i for i in p.mir if i.nivel in ("Fin", "Propósito")):
        filas = sorted(por_ind.get(ind.id, []), key=lambda r: r["anio"])
        (sectoriales if ind.sectorial else indicadores).append(_indicador(f, ind, filas, n + 1))
    cobertura_t = f.tabla("cobertura")
    anio_geo, geo = _cobertura_geo(f)
    pres = f.tabla("presupuesto")
    precios = _precios(f)
    g_pres = graficas.presupuesto(pres.filas, precios) if pres is not None else None
    alineacion = sorted({i.programa_sectorial for i in p.mir if i.programa_sectorial})
    contribucion = sorted({i.contribucion for i in p.mir if i.contribucion})
    # by indicator and year: a year's meta modificada may be what one bar rests on
    supuestos = {
        (i.id, a): supuestos_cumplimiento(i, f.metodologia, anio=a) for i in p.mir for a in i.metas
    }
    g_cump = graficas.cumplimiento(res.filas, f.metodologia, supuestos) if res else None
    verif = f.tabla("verificacion")
    return {
        "titulo": f"Ficha de monitoreo {p.clave} {p.nombre}",
        "antetitulo": "Ficha de monitoreo · " + (p.dependencia or f"Ramo {p.ramo}"),
        "clave": p.clave,
        "nombre": p.nombre,
        "inicio": inicio,
        "fmye_titulo": fm.titulo if fm and fm.titulo else None,
        "encabezado": encabezado(f),
        "cifras": cifras_clave(f),
        "descripcion": textos.get("descripcion"),
        "resultados_texto": textos.get("resultados"),
        "indicadores": indicadores,
        "poblacion_objetivo": textos.get("poblacion_objetivo") or _definicion_objetivo(f),
        "anio_geo": anio_geo,
        "cobertura_geo": geo,
        "cobertura": tabla(_notas_de_faltantes(cobertura_t), OCULTAS_COBERTURA),
        # on a screen the section is a third of the page wide: few rows go on their side
        "cobertura_de_lado": _de_lado(tabla(_notas_de_faltantes(cobertura_t), OCULTAS_COBERTURA)),
        "cobertura_graficas": _series_cobertura(cobertura_t),
        "analisis_cobertura": textos.get("analisis_cobertura"),
        "sector_texto": textos.get("analisis_sector"),
        "alineacion": alineacion,
        "contribucion": ", ".join(contribucion),
        "sectoriales": sectoriales,
        "presupuesto": tabla(pres, ("clave", "ramo")),
        "presupuesto_grafica": g_pres,
        "presupuesto_nota": (textos.get("nota_presupuesto") or None)
        or (
            f"Valores en millones de pesos (MDP), precios {precios}."
            if precios
            else "Valores en millones de pesos (MDP), tal como los registra la spec"
            + (
                ", cada año en su base de precios (columna Precios)."
                if any(x.precios for x in p.presupuesto)
                else "."
            )
        ),
        "inicio_programa": str(p.inicio) if p.inicio else None,
        "fortalezas": _puntos(puntos.get("fortalezas", [])),
        "debilidades": _puntos(puntos.get("debilidades", [])),
        "recomendaciones": _puntos(puntos.get("recomendaciones", [])),
        "asm_anteriores": _puntos(puntos.get("asm_anteriores", []), True),
        "asm_comprometidos": _puntos(puntos.get("asm_comprometidos", []), True),
        "asm_nota": fm.asm_nota if fm else None,
        "asm_anio": str(fm.ejercicio_actual) if fm and fm.ejercicio_actual else "",
        "avances": _puntos(puntos.get("avances", [])),
        "evaluaciones": [_evaluacion(e) for e in evaluaciones],
        "ausente": ausente
        | {"evaluaciones": _evaluaciones_ausentes(despues, evaluaciones, f.corte)},
        # (a figure resting on an inferred sentido or a supuesto formula: the column's ⚠)
        "cumplimiento": tabla(res, ("clave", "ramo", "metodologia", "sentido")),
        "cumplimiento_grafica": g_cump,
        "monitoreo": tabla(f.tabla("monitoreo"), ("clave", "ramo", "metodologia", "ambito")),
        "ised": tabla(f.tabla("ised"), ("clave", "ramo", "metodologia")),
        "verificacion": tabla(verif, ("clave", "ramo")),
        "contactos": [_contacto(c) for c in (fm.contactos if fm else [])],
        "fuente_fmye": cita(fm.fuente) if fm else None,
        "notas": [cita(n) for n in notas(f)],
    }


NO_REGISTRADO = "No registrado en la spec."

# The ficha's narrative blocks: context key → whether the FMyE of the spec has it.
_NARRATIVA = {
    "descripcion": lambda fm: "descripcion" in fm.textos,
    "resultados_texto": lambda fm: "resultados" in fm.textos,
    "poblacion_objetivo": lambda fm: "poblacion_objetivo" in fm.textos,
    "analisis_cobertura": lambda fm: "analisis_cobertura" in fm.textos,
    "sector_texto": lambda fm: "analisis_sector" in fm.textos,
    "fortalezas": lambda fm: bool(fm.puntos.get("fortalezas")),
    "debilidades": lambda fm: bool(fm.puntos.get("debilidades")),
    "recomendaciones": lambda fm: bool(fm.puntos.get("recomendaciones")),
    "asm_anteriores": lambda fm: bool(fm.puntos.get("asm_anteriores")),
    "asm_comprometidos": lambda fm: bool(fm.puntos.get("asm_comprometidos") or fm.asm_nota),
    "avances": lambda fm: bool(fm.puntos.get("avances")),
    "contactos": lambda fm: bool(fm.contactos),
}


def _ausentes(fm, corte: int | None) -> dict[str, str]:
    """What each empty narrative block says: a block the spec has but a cut (`--anio`) hides
    says so; «no registrado» would tell the reader the spec has none."""
    oculta = fm is not None and corte is not None and fm.anio is not None and fm.anio > corte
    dice = (
        f"No se muestra: es texto de {f'«{fm.titulo}»' if fm.titulo else 'la FMyE'}, de {fm.anio}, "
        f"posterior al corte ({corte})."
        if oculta
        else NO_REGISTRADO
    )
    return {k: dice if oculta and tiene(fm) else NO_REGISTRADO for k, tiene in _NARRATIVA.items()}


def _evaluaciones_ausentes(despues: int, mostradas: list, corte: int | None) -> str:
    if not despues or mostradas:
        return NO_REGISTRADO
    if despues == 1:
        return f"No se muestra: 1 evaluación de un año posterior al corte ({corte})."
    return f"No se muestran: {despues} evaluaciones de años posteriores al corte ({corte})."


def _contacto(c) -> dict:
    return {k: getattr(c, k) for k in ("unidad", "rol", "nombre", "telefono", "email")}
