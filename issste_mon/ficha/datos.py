"""What a ficha holds: the program's header and the library's tables, cut to one program."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from issste_mon.calc.supuestos import supuestos_cumplimiento
from issste_mon.carga.loader import SpecSet
from issste_mon.claves import seleccionar
from issste_mon.consultas import tablas as reports
from issste_mon.errores import SinDatos
from issste_mon.metodologia import Metodologia
from issste_mon.modelo import Programa
from issste_mon.salida.numfmt import fmt_anios
from issste_mon.salida.plural import en_serie
from issste_mon.salida.tabla import Tabla

NIVELES_RESULTADOS = ("Fin", "Propósito")
# What the ficha says of a value the spec does not have: «ND» is a state a spec records (no
# disponible), so an absent key is never shown as one.
AUSENTE = "sin dato en la spec"
AUSENTE_CORTO = "sin dato"  # where a chart has room for a word or two
# Columns every row of a one-program ficha repeats: the header already says them.
COLUMNAS_REPETIDAS = ("clave", "ramo")


@dataclass
class Seccion:
    id: str  # anchor and chart-file stem: resultados, cobertura…
    titulo: str
    tabla: Tabla | None  # None: the specs have no data for it
    sin_datos: str  # what to say when tabla is None


@dataclass
class Ficha:
    programa: Programa
    metodologia: Metodologia
    corte: int | None  # --year: the ficha shows years up to this one
    secciones: list[Seccion]
    archivos: list[str] = field(default_factory=list)  # specs the figures come from

    def seccion(self, id_: str) -> Seccion:
        return next(s for s in self.secciones if s.id == id_)

    def tabla(self, id_: str) -> Tabla | None:
        return self.seccion(id_).tabla

    @property
    def anios(self) -> list[int]:
        years = self.programa.anios()
        return [y for y in years if self.corte is None or y <= self.corte]


def calculable(x) -> bool:
    """A value the calculators produced: not missing and not NaN (pandas' not computable)."""
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def visible(tabla: Tabla, ocultar=COLUMNAS_REPETIDAS) -> Tabla:
    """The same table with some columns kept for machines only (not shown to people)."""
    cols = [replace(c, en_tabla=False) if c.clave in ocultar else c for c in tabla.columnas]
    return replace(tabla, columnas=cols)


def _hasta(tabla: Tabla | None, corte: int | None, keep=lambda row: True) -> Tabla | None:
    if tabla is None:
        return None
    rows = [
        r
        for r in tabla.filas
        if keep(r) and (corte is None or r.get("anio") is None or r["anio"] <= corte)
    ]
    return replace(tabla, filas=rows) if rows else None


def _o_nada(build):
    """A report table, or None where the specs have no rows for it (reports raise then)."""
    try:
        return build()
    except SinDatos:
        return None


def construir(
    specs: SpecSet, metodologia: Metodologia, clave: str, corte: int | None = None
) -> Ficha:
    """The ficha of one program; raises ClaveDesconocida for an unknown or ambiguous clave."""
    from issste_mon.ficha import verificacion

    [programa] = seleccionar(specs.programas, [clave])
    una = [programa.id_completo]
    cumplimiento = _o_nada(lambda: reports.cumplimiento(specs, metodologia, una))
    resultados = _hasta(cumplimiento, corte, lambda r: r["nivel"] in NIVELES_RESULTADOS)
    if resultados is not None:
        # The summary line averages every level; this table holds Fin and Propósito only.
        resultados = replace(resultados, resumen=[])
    cobertura = _hasta(_o_nada(lambda: reports.cobertura(specs, metodologia, una)), corte)
    presupuesto = _hasta(_o_nada(lambda: reports.presupuesto(specs, una)), corte)
    monitoreo = _hasta(_o_nada(lambda: reports.monitoreo(specs, metodologia, una)), corte)
    ised = _hasta(_o_nada(lambda: reports.monitoreo_ised(specs, metodologia, una)), corte)
    verif = verificacion.tabla(specs, metodologia, programa, corte)
    secciones = [
        Seccion(
            "resultados",
            "Resultados: indicadores de Fin y Propósito",
            resultados,
            "Las specs no registran metas de indicadores de Fin o Propósito.",
        ),
        Seccion(
            "cobertura",
            "Cobertura: poblaciones potencial, objetivo y atendida",
            cobertura,
            "Las specs no registran poblaciones.",
        ),
        Seccion(
            "presupuesto",
            "Presupuesto ejercido y participación en el ramo",
            presupuesto,
            "Las specs no registran presupuesto.",
        ),
        Seccion(
            "monitoreo",
            "Nivel de monitoreo (CONEVAL)",
            monitoreo,
            "Las specs no registran valoraciones del Diagnóstico de Monitoreo.",
        ),
        Seccion(
            "ised",
            "Índice de Seguimiento al Desempeño (ISeD, SHCP)",
            ised,
            "Las specs no registran ediciones del ISeD.",
        ),
        Seccion(
            "verificacion",
            "Verificación de cifras publicadas",
            verif,
            "Las specs no registran cifras publicadas para comparar.",
        ),
    ]
    # The one test of «a program without data», for `ficha` and `ficha --todas` alike: every
    # block the ficha fills from a table counts, so a program whose only figures are its ISeD
    # editions or its published figures still gets a ficha (the other blocks say «sin dato»).
    # A spec with only the FMyE's narrative (its texts, lists, contacts) or evaluations gets
    # one too: those blocks are the ficha's, and the tables then say «sin dato».
    if all(s.tabla is None for s in secciones) and not _con_narrativa(programa, corte):
        hasta = f" hasta {corte}" if corte is not None else ""
        # The ramo too: one clave (M001) names a program in dozens of ramos.
        niveles = niveles_fuera(cumplimiento, corte)
        if niveles:  # (SHCP's MIR files: many programs report Componente/Actividad only)
            raise SinFicha(
                f"no hay datos de la ficha de {programa.id_completo}{hasta} en las specs "
                f"cargadas: la spec solo tiene metas de indicadores de {en_serie(niveles)}, y "
                f"la ficha muestra los de Fin y Propósito (la consulta cumplimiento de "
                f"{programa.id_completo} las calcula)",
                niveles=niveles,
            )
        from issste_mon.consultas.vacios import hay_anios

        # a year asked before the program's first: the years it has (of any table)
        anios = set(programa.anios()) if corte is not None else set()
        fm = programa.fmye  # (the narrative's year and the evaluations' are the ficha's too)
        if corte is not None and fm is not None and fm.anio is not None:
            anios.add(fm.anio)
        if corte is not None:
            anios |= {e.anio for e in programa.evaluaciones if e.anio is not None}
        hay = hay_anios("datos de " + programa.id_completo, anios) if anios else None
        texto = f"no hay datos de {programa.id_completo}{hasta} en las specs cargadas"
        raise SinFicha(texto, hay=hay)
    return Ficha(programa, metodologia, corte, secciones, [programa.archivo])


class SinFicha(SinDatos):
    """No ficha for the program; `niveles`: the levels of its metas the ficha leaves out
    («Componente», «Actividad»: a spec with only those is not «without data»)."""

    def __init__(self, *args, niveles: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.niveles = niveles or []


def niveles_fuera(cumplimiento: Tabla | None, corte: int | None) -> list[str]:
    """The levels of the indicators with metas up to `corte` that the ficha leaves out (it
    shows Fin and Propósito, as CONEVAL's FMyE). `cumplimiento`: the program's table (None: it
    has no metas)."""
    otros = _hasta(cumplimiento, corte, lambda r: r["nivel"] not in NIVELES_RESULTADOS)
    return list(dict.fromkeys(r["nivel"] for r in otros.filas)) if otros else []


def _con_narrativa(programa, corte: int | None) -> bool:
    """Whether the spec holds the ficha's narrative (of a year up to `corte`, if it says)."""
    fm = programa.fmye
    texto = fm is not None and any((fm.textos, fm.puntos, fm.asm_nota, fm.contactos))
    if texto and corte is not None and fm.anio is not None and fm.anio > corte:
        texto = False
    return texto or any(
        corte is None or e.anio is None or e.anio <= corte for e in programa.evaluaciones
    )


def _rango_anios(years: list[int]) -> str:
    return fmt_anios(years) or "—"


def encabezado(ficha: Ficha) -> list[tuple[str, str]]:
    """(label, value) pairs of the header, as plain text."""
    p = ficha.programa
    pairs = [
        ("Ramo", f"{p.ramo}" + (f" ({p.dependencia})" if p.dependencia else "")),
        ("Clave presupuestaria", f"{p.clave} ({p.id_completo})"),
        ("Nombre", p.nombre),
        ("Unidad responsable", p.unidad_responsable or AUSENTE),
        ("Años con datos", _rango_anios(ficha.anios)),
    ]
    if p.inicio is not None:
        pairs.append(("Vigencia", f"{p.inicio}–{p.fin}" if p.fin else f"desde {p.inicio}"))
    if ficha.corte is not None:
        pairs.append(("Corte", f"años hasta {ficha.corte}"))
    return pairs


def _ultima(tabla: Tabla | None, col: str, keep=lambda r: True) -> dict | None:
    if tabla is None:
        return None
    rows = [r for r in tabla.filas if keep(r) and calculable(r.get(col))]
    return max(rows, key=lambda r: r["anio"]) if rows else None


def fmt_cumplimiento(r: dict, metodologia: Metodologia) -> str:
    """A row's cumplimiento for people, from its exact value where the row has it, never
    rounded across the band's cuts (89.996 %, not 90.00 %, beside «Bajo»)."""
    from issste_mon.salida.numfmt import fmt_pct

    x = r.get("cumplimiento_exacto")
    return fmt_pct(x if x is not None else r["cumplimiento_pct"], 2, metodologia.bordes_rango)


def con_supuestos(cifra: str, supuestos: list[str]) -> str:
    """A figure with the ⚠ and the words of what it rests on, when it rests on any."""
    return f"{cifra} ⚠ según {'; '.join(supuestos)}" if supuestos else cifra


def tablas_libro(ficha: Ficha) -> list[Tabla]:
    """The ficha's tables for the workbook. A cell of Excel holds the number alone, so what the
    HTML and Markdown fichas mark ⚠ beside a cumplimiento (an inferred sentido, a supuesto
    formula), a PA/PO or a share of the ramo (a population or budget figure the spec marks
    `inferido`) goes in a column beside it, «Supuesto»: the workbook said 114.49 % «Alto» with
    nothing to tell that it rests on a sentido no document printed."""
    out = []
    for s in ficha.secciones:
        if s.tabla is None:
            continue
        if s.id == "resultados":
            out.append(_con_supuestos(s.tabla, _de_cumplimiento(s.tabla, ficha), "rango"))
        elif s.id in _DESPUES_DE:
            textos = [_de_la_nota(r) for r in s.tabla.filas]
            out.append(_con_supuestos(s.tabla, textos, _DESPUES_DE[s.id]))
        else:
            out.append(s.tabla)
    return out


# the column the «Supuesto» of a cobertura or presupuesto sheet follows: its last ratio
_DESPUES_DE = {"cobertura": "po_pp_pct", "presupuesto": "porcentaje_ramo"}


def _de_cumplimiento(tabla: Tabla, ficha: Ficha) -> list[str | None]:
    por_id = {i.id: i for i in ficha.programa.mir}
    out = []
    for r in tabla.filas:
        supuestos = (
            supuestos_cumplimiento(por_id.get(r.get("id")), ficha.metodologia, anio=r["anio"])
            if calculable(r.get("cumplimiento_pct"))
            else []
        )
        out.append(con_supuestos("", supuestos).strip() or None)
    return out


def descansa_en(r: dict) -> str | None:
    """The part of a cobertura or presupuesto row's nota that says what its ratios rest on that
    no document prints («descansa en: PO inferida (no impresa)», `calc.cobertura.descansa_en`,
    `calc.presupuesto`), or None."""
    from issste_mon.calc.supuestos import PREFIJO

    partes = (r.get("nota") or "").split("; ")
    return next((n for n in partes if n.startswith(PREFIJO)), None)


def _de_la_nota(r: dict) -> str | None:
    """«⚠ según PO inferida (no impresa)»: `descansa_en`, for the workbook's «Supuesto»."""
    from issste_mon.calc.supuestos import PREFIJO

    return f"⚠ según {d.removeprefix(PREFIJO)}" if (d := descansa_en(r)) else None


def _con_supuestos(tabla: Tabla, textos: list[str | None], despues_de: str) -> Tabla:
    from issste_mon.salida.tabla import Columna

    # (its own key: the machine column «supuesto», true or false, stays as the command gives it)
    filas = [{**r, "supuesto_texto": t} for r, t in zip(tabla.filas, textos, strict=True)]
    columna = Columna(
        "supuesto_texto",
        "Supuesto",
        descripcion="lo que la cifra toma sin que un documento lo imprima (un sentido "
        "inferido, una fórmula supuesta, una población o un presupuesto que la spec infiere); "
        "vacío si descansa solo en cifras y reglas publicadas",
    )
    cols = list(tabla.columnas)
    j = next((k + 1 for k, c in enumerate(cols) if c.clave == despues_de), len(cols))
    cols.insert(j, columna)
    return replace(tabla, columnas=cols, filas=filas)


def fmt_cobertura(r: dict, metodologia: Metodologia) -> str:
    """A row's PA/PO for people, never rounded across the cut of its ⚠ (100 %)."""
    from issste_mon.metodologia import decimal
    from issste_mon.salida.numfmt import fmt_pct

    return fmt_pct(r["cobertura_pct"], 2, (decimal(metodologia.cobertura_alerta_mayor_a),))


def cifras_clave(ficha: Ficha) -> list[tuple[str, str]]:
    """The latest computable figure of each section, es-MX, for the summary strip."""
    from issste_mon.salida.numfmt import fmt_escrito, fmt_pct

    out = []
    r = _ultima(ficha.tabla("resultados"), "cumplimiento_pct", lambda r: r["nivel"] == "Propósito")
    if r:
        rango = f" ({r['rango']})" if r.get("rango") else ""
        cifra = fmt_cumplimiento(r, ficha.metodologia) + rango
        ind = next((i for i in ficha.programa.mir if i.id == r["id"]), None)
        cifra = con_supuestos(
            cifra, supuestos_cumplimiento(ind, ficha.metodologia, corto=True, anio=r["anio"])
        )
        out.append((f"Cumplimiento Propósito {r['anio']}", cifra))
    if cob := _cobertura_franja(ficha):
        out.append(cob)
    r = _ultima(ficha.tabla("presupuesto"), "porcentaje_ramo")
    if r:
        from issste_mon.calc.presupuesto import en_palabras

        cifra = f"{fmt_pct(r['porcentaje_ramo'])} del ramo"
        deducidas = r.get("inferido") or []  # (a share on a figure no document prints)
        cifra = con_supuestos(cifra, [en_palabras(deducidas)] if deducidas else [])
        out.append((f"Presupuesto {r['anio']}", cifra))
    r = _ultima(ficha.tabla("monitoreo"), "nivel", lambda r: r.get("ambito") == "programa")
    if r:
        from issste_mon.calc.monitoreo import corte_supuesto, sin_cortes_posibles

        cifra = fmt_escrito(
            r["valoracion"], 3, ficha.metodologia.bordes(ficha.metodologia.inmonitoreo)
        )
        if sin_cortes_posibles(ficha.metodologia):  # (the nota says why)
            cifra += "; no se sabe si el nivel depende de un corte supuesto"
        elif corte_supuesto(r["valoracion"], ficha.metodologia):  # (the nota says which)
            cifra += "; nivel según un corte supuesto"
        out.append((f"Nivel de monitoreo {r['anio']}", f"{r['nivel']} ({cifra})"))
    if t := ised_titular(ficha):
        out.append((f"ISeD {t.anio}", f"{t.cabeza} ({t.cifra}{t.ademas}){t.posteriores}"))
    return out


@dataclass(frozen=True)
class IsedTitular:
    """The newest ISeD a ficha's strip and the site's index show: `cabeza`, its level by the
    rule (or the ND / NA the edition records, where no edition has a level); `cifra`, the
    value (or what ND / NA mean); `ademas`, «; SHCP publica …» where SHCP publishes another
    level (and whether that contradicts its own rule); `posteriores`, newer editions without
    a level («; 2021: ND»)."""

    anio: int
    cabeza: str
    cifra: str
    ademas: str = ""
    posteriores: str = ""


def ised_titular(ficha: Ficha) -> IsedTitular | None:
    from issste_mon.calc.ised import DECIMALES, FALTANTES
    from issste_mon.salida.numfmt import fmt_escrito

    r = _ultima(ficha.tabla("ised"), "nivel")
    if r:
        ademas = ""
        if r["coincide"] is False:  # the strip's level is the rule's: SHCP's is another
            ademas = f"; SHCP publica {r['nivel_publicado']}"
            if r.get("contradiccion"):  # by SHCP's own rule: not our figure against theirs
                ademas += ": contradicción en la fuente"
        cifra = fmt_escrito(r["valor"], DECIMALES)
        return IsedTitular(r["anio"], r["nivel"], cifra, ademas, _ised_posteriores(ficha, r))
    # no edition with a level: an ISeD SHCP publishes as ND is still what it published (the
    # strip said nothing, and the site's index «—», as of a program without an ISeD)
    t = ficha.tabla("ised")
    nd = [f for f in (t.filas if t else []) if f["valor"] in FALTANTES]
    if not nd:
        return None
    f = max(nd, key=lambda f: f["anio"])
    pub = f"; SHCP publica {f['nivel_publicado']}" if f["nivel_publicado"] else ""
    return IsedTitular(f["anio"], f["valor"], FALTANTES[f["valor"]], pub)


def _ised_posteriores(ficha: Ficha, r: dict) -> str:
    """«; 2021: ND»: the editions newer than the strip's, which have no level (ND, NA, a value
    outside the bands), so the older level is not read as the current one."""
    from issste_mon.modelo import es_numero

    def sin_nivel(f: dict) -> str:
        # (the row keeps the ND / NA the edition records as its valor: calc.ised)
        return "sin nivel" if es_numero(f["valor"]) else (f["valor"] or "sin valor")

    posteriores = sorted(
        (f for f in ficha.tabla("ised").filas if f["anio"] > r["anio"]), key=lambda f: f["anio"]
    )
    return "".join(f"; {f['anio']}: {sin_nivel(f)}" for f in posteriores)


def _cobertura_franja(ficha: Ficha) -> tuple[str, str] | None:
    """(label, figure) of the headline PA/PO (`titular`): which component or total it is of,
    or why the program has none."""
    from issste_mon.calc.cobertura import nota_de_corte
    from issste_mon.ficha.titular import cobertura_titular

    t = cobertura_titular(ficha.tabla("cobertura"))
    if t is None:
        return None
    etiqueta = f"Cobertura PA/PO {t.anio}" + (f" · {t.de_con_unidad}" if t.de else "")
    r = t.fila
    if r is None:
        cifra = t.motivo
        if t.alertados:  # the table's ⚠ of a component, where no figure carries it
            cifra += f" ⚠ (PA > PO en {', '.join(t.alertados)})"
        return etiqueta, cifra
    cifra = fmt_cobertura(r, ficha.metodologia)
    if r.get("mayor_100"):  # the table's ⚠, and why: the strip is read first
        cifra += " ⚠ (PA > PO)"
    if deducidas := inferidas_pa_po(r):  # a PA or PO the spec deduced, not printed
        cifra = con_supuestos(cifra, [deducidas])
    corte = nota_de_corte(r["anio"], r.get("corte_anio"), r.get("corte_mes"), r["atendida"])
    if corte:  # a PA of another time than the year's end: said beside the figure
        cifra += f" ({corte.split(':')[0]})"
    return etiqueta, cifra


def inferidas_pa_po(r: dict) -> str | None:
    """«PO inferida (no impresa)»: the terms of a cobertura row's PA/PO the spec deduced."""
    from issste_mon.calc.cobertura import en_palabras

    return en_palabras(s for s in r.get("inferido") or () if s in ("PA", "PO"))


def _con_inferidas(ficha: Ficha) -> bool:
    """Whether a population or budget figure of the ficha is one the spec deduced."""
    return any(
        r.get("inferido")
        for s in ficha.secciones
        if s.id in ("cobertura", "presupuesto") and s.tabla is not None
        for r in s.tabla.filas
    )


def _origen_rango(m) -> str:
    """A band a user's file changed is not the printed one, even if the file still calls it
    `publicado` and quotes the document's «entre 90% y 110%»."""
    if "cumplimiento.rango" not in m.cambiadas:
        return ""
    return (
        f"de {m.archivo}, distinto del publicado que trae la metodología incluida; el archivo "
        "lo declara "
    )


def notas(ficha: Ficha) -> list[str]:
    """Footnotes: abbreviations, units, methodology and sources."""
    from issste_mon.salida.numfmt import fmt_valor
    from issste_mon.salida.procedencia import nombre_spec

    m = ficha.metodologia
    return [
        f"ND: no disponible · NA: no aplica (como los registra la spec) · {AUSENTE}: la spec no "
        "registra el valor · —: no calculable (la nota de la fila dice por qué).",
        "Cobertura = PA / PO × 100; PO/PP = PO / PP × 100. No se suman poblaciones con unidades "
        "de medida distintas: se muestran por componente.",
        "Presupuesto en millones de pesos (MDP), tal como lo registra la spec; % del ramo = "
        "ejercido del programa / ejercido del ramo × 100.",
        f"Cumplimiento según el sentido del indicador; rango esperado "
        f"{fmt_valor(m.rango_inferior)}–{fmt_valor(m.rango_superior)} % "
        f"({_origen_rango(m)}{m.rango_confianza or 'sin confianza declarada'}: "
        f"{m.rango_fuente}). ⚠ junto a un cumplimiento: descansa en un supuesto o un dato "
        "inferido, que se nombra.",
        *(
            [
                "⚠ junto a una población, un presupuesto o la cifra calculada con ellos: la spec "
                "lo marca «inferido» (deducido de otra cifra; ningún documento lo imprime)."
            ]
            if _con_inferidas(ficha)
            else []
        ),
        *_fuentes(ficha),
        f"Metodología: {m.etiqueta} ({m.archivo}).",
        "Specs: " + ", ".join(nombre_spec(a) for a in ficha.archivos) + ".",
    ]


def _fuentes(ficha: Ficha) -> list[str]:
    """«Fuentes de las cifras: …»: the documents the spec names for the figures of the
    ficha's tables (each row's `fuente`, each document once), as `cumplimiento` and the other
    commands name them beside their tables; none when no row names one."""
    filas = [r for s in ficha.secciones for r in (s.tabla.filas if s.tabla is not None else ())]
    docs, con_detalle = reports.documentos(r.get("fuente") for r in filas)
    if not docs:
        return []
    lineas = [f"Fuente{'s' if len(docs) > 1 else ''} de las cifras: {'; '.join(docs)}."]
    if con_detalle:  # a printed ficha has no «fuente» column to point to: each one said here
        origenes = dict.fromkeys(
            f"«{r.get('componente') or r.get('clave')}» {r.get('anio')}: {d}"
            for r in filas
            if (d := reports.detalle(r.get("fuente")))
        )
        lineas.append("Origen y corte de cada población, según SHCP: " + " · ".join(origenes) + ".")
    return lineas
