"""Library layer of `tendencias` and `alertas` (issue 21): specs + options in, a `Tabla` out.

Both read the MIR indicators of programs and the indicators of programas derivados. Claves may
name either (E045, 51-E045, PI-ISSSTE-2020-2024 or a unique prefix such as PI-ISSSTE).
"""

from __future__ import annotations

from itertools import repeat

from issste_mon.calc import reglas_alertas, supuestos
from issste_mon.calc.tendencias import TODOS_LOS_ANIOS, Periodo
from issste_mon.carga.loader import SpecSet
from issste_mon.errores import SinDatos
from issste_mon.metodologia import Metodologia
from issste_mon.salida.tabla import PRIORIDAD_CIFRA, Columna, Tabla

C = Columna

# (the methodology's severities: people see them as the other classes of a table, capitalised)
SEVERIDAD_TITULO = {"alta": "Alta", "media": "Media", "baja": "Baja"}


def _pie(m: Metodologia) -> str:
    return f"Metodología: {m.etiqueta} ({m.archivo})"


def elegir(specs: SpecSet, claves: list[str] | None) -> tuple[list, list]:
    """(programs, derived programs) named by the claves; all of both without claves."""
    from issste_mon.claves import seleccionar, seleccionar_derivado

    if not claves:
        return list(specs.programas), list(specs.derivados)
    programas, derivados = [], []
    for texto in claves:
        key = texto.strip().casefold()
        if any(d.clave.casefold().startswith(key) for d in specs.derivados):
            for d in seleccionar_derivado(specs.derivados, texto):
                if d not in derivados:
                    derivados.append(d)
            continue
        for p in seleccionar(specs.programas, [texto]):
            if p not in programas:
                programas.append(p)
    return programas, derivados


def _entre_parentesis(periodo: Periodo) -> str:
    """« (2022)», « (desde 2019)» for a title; nothing for every year."""
    texto = periodo.texto().strip().removeprefix("en ")
    return f" ({texto})" if texto else ""


def _sin_datos(
    what: str, claves, periodo: Periodo, specs: SpecSet, metodologia: Metodologia
) -> SinDatos:
    """«no hay … en 1999 en las specs cargadas» and, where years were asked, the years the
    same programs have a meta or a valor (or, for `alertas`, a population) in."""
    from issste_mon.consultas.vacios import hay_anios, programas_con

    scope = f" de {', '.join(claves)}" if claves else ""

    poblaciones = "poblaciones" in what  # (alertas looks at populations too)
    que = "indicadores o poblaciones" if poblaciones else "metas o valores de indicadores"

    def hay() -> str | None:
        programas, series = _series(specs, metodologia, claves, TODOS_LOS_ANIOS)
        anios = {a for s in series for a in s.anios()}
        if poblaciones:
            anios |= {pob.anio for p in programas for pob in p.poblaciones}
        if anios or not claves:
            return None if periodo == TODOS_LOS_ANIOS else hay_anios(que, anios, claves)
        # those programs have none in any year: the ones that do
        programas, series = _series(specs, metodologia, None, TODOS_LOS_ANIOS)
        con = [(s.ramo, s.clave) for s in series if s.anios()]
        if poblaciones:
            con += [(p.ramo, p.clave) for p in programas if p.poblaciones]
        return programas_con(que, con) or (
            None if periodo == TODOS_LOS_ANIOS else hay_anios(que, anios, claves)
        )

    return SinDatos(f"no hay {what}{scope}{periodo.texto()} en las specs cargadas", hay=hay)


def _series(specs: SpecSet, metodologia: Metodologia, claves, periodo: Periodo) -> tuple:
    """(programs named, the series by indicator of those programs and programas derivados)."""
    from issste_mon.calc import tendencias

    desde, hasta = periodo  # (a range backwards is refused by Periodo.de)
    programas, derivados = elegir(specs, claves)
    return programas, tendencias.series(programas, derivados, metodologia, desde, hasta)


ID_COLS = [
    C("clave", "Clave", ramo="ramo"),  # «12-E010» for people when the rows span ramos
    C("ramo", "Ramo", "entero", en_tabla=False),
    C("origen", "Origen", en_tabla=False),
    C("id", "Id", ancho=6),
]


def tendencias(
    specs: SpecSet,
    metodologia: Metodologia,
    claves: list[str] | None = None,
    periodo: Periodo = TODOS_LOS_ANIOS,
    *,
    por_partes: bool = False,
) -> Tabla:
    """Each indicator's series by year: change (absolute, %, mejora/empeora by the sentido),
    cumplimiento and rango, SHCP semáforo, and the last change of trend. `por_partes`: the same
    rows made a few hundred series at a time (`_tendencias_por_partes`)."""
    from issste_mon.calc import tendencias as calc

    if por_partes:
        return _tendencias_por_partes(specs, metodologia, claves, periodo)
    rows = calc.filas(_series(specs, metodologia, claves, periodo)[1], metodologia)
    if not rows:
        raise _sin_datos("series de indicadores", claves, periodo, specs, metodologia)
    for row in rows:
        row["metodologia"] = metodologia.referencia
    n = len({(r["origen"], r["ramo"], r["clave"], r["id"]) for r in rows})
    # a year may be recorded with neither figure (only what a document published): the
    # universe says so rather than count it among the rows «con meta o valor»
    sin_cifras = sum(r["meta"] is None and r["valor"] is None for r in rows)
    resumen = [_resumen_tendencias(n, len(rows), sin_cifras)]
    # where the Nota is not shown whole, the summary's «(la nota dice por qué)» is followed
    # by what it says, row by row
    remite = {
        resumen[0]: [i for i, r in enumerate(rows) if r["meta"] is None and r["valor"] is None]
    }
    return Tabla(
        _titulo_tendencias(periodo),
        _columnas_tendencias(metodologia),
        rows,
        resumen=resumen,
        pie=_pie_con_fuentes(metodologia, rows),
        remite_a_nota=remite if sin_cifras else {},
    )


# Series per part: ~8 rows each in a federal set, a few thousand rows held at a time.
SERIES_POR_PARTE = 512


def _tendencias_por_partes(specs: SpecSet, metodologia: Metodologia, claves, periodo):
    """`tendencias` for the machine writers (csv, tsv, json, jsonl): the same rows and summary,
    made and written part by part, so that a federal set's ~10⁶ rows (~2.5 KB each as dicts)
    and ~10⁵ series are never all held. The summary is in `resumen` once the last part is
    taken."""
    from issste_mon.calc import tendencias as calc
    from issste_mon.salida.celdas import TablaPorPartes

    programas, derivados = elegir(specs, claves)
    desde, hasta = periodo

    def lotes():
        """The series of `calc.series` in its order, SERIES_POR_PARTE at a time, made program
        after program."""
        pendientes: list = []
        for i, p in enumerate(programas):
            pendientes += calc.series([p], [], metodologia, desde, hasta)
            if i == len(programas) - 1:
                pendientes += calc.series([], derivados, metodologia, desde, hasta)
            while len(pendientes) >= SERIES_POR_PARTE:
                yield pendientes[:SERIES_POR_PARTE]
                del pendientes[:SERIES_POR_PARTE]
        if not programas:
            pendientes = calc.series([], derivados, metodologia, desde, hasta)
        for i in range(0, len(pendientes), SERIES_POR_PARTE):
            yield pendientes[i : i + SERIES_POR_PARTE]

    # (a row per year of either figure; the first program with one ends the look)
    if not any(s.valores or s.metas for lote in lotes() for s in lote):
        raise _sin_datos("series de indicadores", claves, periodo, specs, metodologia)
    columnas = _columnas_tendencias(metodologia)
    claves_col = [c.clave for c in columnas]
    resumen: list[str] = []

    def partes():
        indicadores, n, sin_cifras = set(), 0, 0
        for lote in lotes():
            rows = calc.filas(lote, metodologia)
            if not rows:
                continue
            for row in rows:
                row["metodologia"] = metodologia.referencia
            indicadores.update((r["origen"], r["ramo"], r["clave"], r["id"]) for r in rows)
            n += len(rows)
            sin_cifras += sum(r["meta"] is None and r["valor"] is None for r in rows)
            yield {k: list(map(dict.get, rows, repeat(k))) for k in claves_col}
        resumen[:] = [_resumen_tendencias(len(indicadores), n, sin_cifras)]

    return TablaPorPartes(
        _titulo_tendencias(periodo),
        columnas,
        [],
        resumen=resumen,
        pie=_pie(metodologia),
        partes=partes,
    )


def _titulo_tendencias(periodo: Periodo) -> str:
    return "Tendencias de los indicadores" + _entre_parentesis(periodo)


def _columnas_tendencias(metodologia: Metodologia) -> list:
    from issste_mon.consultas.tablas import DESCRIPCION_SEMAFORO, VACIA_SEMAFORO, columna_rango

    return [
        *ID_COLS,
        C("nivel", "Nivel", en_tabla=False),
        C("indicador", "Indicador", ancho=36),
        C("sentido", "Sentido"),
        C("anio", "Año", "anio"),
        C("meta", "Meta", "numero", escrita=True, estado=True, ausente=True),
        # the series' value is what the table answers: it outlasts the classes of it
        C(
            "valor",
            "Valor",
            "numero",
            escrita=True,
            estado=True,
            ausente=True,
            prioridad=PRIORIDAD_CIFRA,
        ),
        C("anio_anterior", "Año anterior", "anio", en_tabla=False),
        # (never printed across ±the threshold of its Dirección: «-0.10» beside «empeora»)
        C("cambio", "Cambio", "numero", bordes=_bordes_cambio(metodologia)),
        C("cambio_pct", "Cambio %", "pct"),
        # the answers (direction, classes) outlive names and raw numbers in a narrow terminal
        C("direccion", "Dirección", prioridad=85),
        C(
            "cumplimiento_pct",
            "Cumplimiento",
            "pct",
            prioridad=80,
            bordes=metodologia.bordes_rango,
        ),
        columna_rango(metodologia),  # as `cumplimiento` shows it
        C(
            "semaforo",
            "Semáforo",
            prioridad=85,
            descripcion=DESCRIPCION_SEMAFORO,
            vacia=VACIA_SEMAFORO,
        ),
        # (blank in every row is a finding, not a gap: «Sin datos» alone read as one)
        C("cambio_tendencia", "Cambio de tendencia", vacia="ninguna serie cambia de tendencia"),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
        C("fuente", "Fuente", en_tabla=False, tras_estados=True, descripcion=DESCRIPCION_FUENTE),
    ]


def _resumen_tendencias(n: int, filas: int, sin_cifras: int) -> str:
    texto = f"{_plural(filas, 'fila', 'filas')} (indicador y año)"
    if sin_cifras:
        texto += (
            f": {filas - sin_cifras:,} con meta o valor, {sin_cifras:,} sin ninguno de los "
            "dos (la nota dice por qué)"
        )
    else:
        texto += " con meta o valor"
    return f"{_plural(n, 'indicador', 'indicadores')}; {texto}."


DESCRIPCION_FUENTE = (
    "documento de las cifras de la fila: la `fuente` de su año en la spec, o la del indicador, "
    "o la de su objetivo o su programa"
)


def _pie_con_fuentes(m: Metodologia, rows: list[dict] | None = None, fuentes=None) -> str | None:
    """Which methodology, and the documents the rows' figures come from (or `fuentes`, the
    rows' «fuente» column)."""
    from issste_mon.consultas.tablas import pie_con_fuentes

    return pie_con_fuentes(_pie(m), rows=rows, fuentes=fuentes)


def _bordes_cambio(metodologia: Metodologia) -> tuple:
    """Where a change's Dirección turns (`calc.tendencias.direccion`): 0 and ±the threshold."""
    umbral = metodologia.alertas.tendencia_mayor_a if metodologia.alertas else 0
    return tuple(sorted({-umbral, 0, umbral}))


def alertas(
    specs: SpecSet,
    metodologia: Metodologia,
    claves: list[str] | None = None,
    periodo: Periodo = TODOS_LOS_ANIOS,
    mejoras: bool = False,
    reglas: list[str] | None = None,
) -> Tabla:
    """«¿Qué alertas se presentan?» (or, with mejoras, «¿Qué ha mejorado?») from the rules of
    the methodology, one row per finding with its figures and sentence."""
    from issste_mon.calc import alertas as calc
    from issste_mon.calc import alertas_columnas
    from issste_mon.consultas.tablas import DESCRIPCION_SEMAFORO
    from issste_mon.salida.tabla import FilasDeColumnas

    programas, series = _series(specs, metodologia, claves, periodo)
    if not _con_datos(series, programas, periodo):
        raise _sin_datos("indicadores ni poblaciones", claves, periodo, specs, metodologia)
    no_evaluadas: list = []
    # the rows as tuples, then as the table's columns (one transposition, no dict per alert)
    tuplas = alertas_columnas.evaluar(
        series, programas, metodologia, mejoras, periodo, no_evaluadas
    )
    if reglas and not mejoras:
        i = alertas_columnas.CLAVES.index("regla")
        tuplas = [t for t in tuplas if t[i] in reglas]
    datos = (
        dict(zip(alertas_columnas.CLAVES, map(list, zip(*tuplas, strict=True)), strict=True))
        if tuplas
        else {k: [] for k in alertas_columnas.CLAVES}
    )
    pares = list(zip(datos["anio_desde"], datos["anio_hasta"], strict=True))
    textos = {par: _anios(*par) for par in dict.fromkeys(pares)}  # (a few distinct pairs)
    datos["anios"] = list(map(textos.__getitem__, pares))
    datos["metodologia"] = [metodologia.referencia] * len(tuplas)
    rows = FilasDeColumnas(datos)
    cols = [
        *ID_COLS,
        C("indicador", "Indicador", ancho=36),
        # the alert and its weight are the answer: they outlast the indicator's name (whose id
        # stands in for it) in a narrow terminal; the rule, whole, or the rows go as records
        C(
            "regla",
            "Regla",
            en_tabla=not mejoras,
            prioridad=PRIORIDAD_CIFRA,
            etiquetas=tuple(calc.ETIQUETAS.items()),
            descripcion="la regla de la alerta: " + reglas_alertas.con_etiquetas(),
        ),
        C(
            "severidad",
            "Severidad",
            en_tabla=not mejoras,
            prioridad=60,
            etiquetas=tuple(SEVERIDAD_TITULO.items()),
        ),
        C("anios", "Años"),
        C("anio_desde", "Desde", "anio", en_tabla=False),
        C("anio_hasta", "Hasta", "anio", en_tabla=False),
        C("valor_desde", "Valor inicial", "numero", en_tabla=False, escrita=True),
        C("valor_hasta", "Valor", "numero", en_tabla=False, escrita=True),
        C("meta", "Meta", "numero", en_tabla=False, escrita=True),
        C(
            "cumplimiento_pct",
            "Cumplimiento",
            "pct",
            en_tabla=False,
            bordes=metodologia.bordes_rango,
        ),
        C("semaforo", "Semáforo SHCP", en_tabla=False, descripcion=DESCRIPCION_SEMAFORO),
        C("avance_pct", "Avance proyectado", "pct", en_tabla=False),
        # ⚠: it rests on something no document printed (the nota says what; the caption, how many)
        # what improved, from what to what (its figures are in it): in --mejoras the answer
        C(
            "enunciado",
            "Enunciado",
            alerta="supuesto",
            prioridad=PRIORIDAD_CIFRA if mejoras else None,
        ),
        # for people only when some alert rests on a year the spec annotates (what it rests on
        # is the ⚠'s, in the caption: a narrow Nota column would show neither)
        C("nota", "Nota", en_tabla=any(map(_nota_propia, datos["nota"]))),
        C("metodologia", "Metodología", en_tabla=False),
        C("fuente", "Fuente", en_tabla=False, descripcion=DESCRIPCION_FUENTE),
        C(
            "supuesto",
            supuestos.TITULO,
            "booleano",
            en_tabla=False,
            descripcion="la alerta descansa en algo que ningún documento imprime: un sentido, "
            "metas o valores que la spec infiere (`inferido`), en una cobertura decreciente una "
            "PA o PO inferida o, en una meta no alcanzada, la fórmula del descendente o la "
            "elección entre meta original y modificada que la metodología marca supuesta, o el "
            "método supuesto del que salen sus cifras o que la disparó (la proyección lineal de "
            "la meta sexenal en riesgo, los colores del semáforo de SHCP) (la nota dice cuál)",
        ),
    ]
    titulo = "¿Qué ha mejorado?" if mejoras else "¿Qué alertas se presentan?"
    titulo += _entre_parentesis(periodo)
    pie = _pie_con_fuentes(metodologia, fuentes=datos["fuente"])
    # (the populations are looked at only by the rule on coverage)
    cobertura = not mejoras and (not reglas or calc.COBERTURA in reglas)
    resumen = [_resumen(datos["regla"], mejoras), _universo(series, programas, cobertura, periodo)]
    if not mejoras and (not reglas or reglas_alertas.SIN_INFORMACION in reglas):
        resumen += _fuera_de_vigencia(series, periodo)
    for regla in (reglas_alertas.META_NO_ALCANZADA, reglas_alertas.META_SEXENAL):
        if not mejoras and (not reglas or regla in reglas):
            suyas = [n for n in no_evaluadas if n.regla == regla]
            resumen += _sin_evaluar(regla, suyas, metodologia)
    return Tabla(titulo, cols, rows, resumen=resumen, pie=pie)


def _con_datos(series: list, programas: list, periodo: Periodo) -> bool:
    """Whether the rules have anything to look at: indicators or populations — in the years
    asked, when some are: «sin información en 1999» of every indicator of programs that did
    not exist yet is no alert, but a question about a year the specs do not hold (as
    `tendencias` and `cumplimiento` answer it)."""
    if periodo == TODOS_LOS_ANIOS:
        return bool(series) or bool(_con_poblaciones(programas, periodo))
    return any(s.anios() for s in series) or bool(_con_poblaciones(programas, periodo))


def _con_poblaciones(programas: list, periodo: Periodo) -> list:
    """The programs with a population recorded in the years asked."""
    return [p for p in programas if any(periodo.contiene(pob.anio) for pob in p.poblaciones)]


def _universo(series: list, programas: list, cobertura: bool, periodo: Periodo) -> str:
    """What the count is over: the indicators the rules looked at and their years (and, for
    `cobertura_decreciente`, the programs with populations) — «23 alertas» of how many?"""
    from issste_mon.salida.numfmt import fmt_anios
    from issste_mon.salida.plural import plural

    todos: set[int] = set()  # (the years of every series: `Serie.anios`, without sorting each)
    for s in series:
        todos.update(s.valores)
        todos.update(s.metas)
    anios = fmt_anios(todos)
    texto = f"Revisados: {plural(len(series), 'indicador')}" + (f" ({anios})" if anios else "")
    con_poblaciones = len(_con_poblaciones(programas, periodo))
    if con_poblaciones and cobertura:
        texto += f" y las poblaciones de {plural(con_poblaciones, 'programa')}"
    return texto + "."


def _fuera_de_vigencia(series: list, periodo: Periodo) -> list[str]:
    """The programs the years asked fall outside of (`sin_informacion` says nothing of them):
    a count of alerts over fewer indicators than «Revisados» says why."""
    fuera = dict.fromkeys(s.clave for s in series if not periodo.cruza(*s.vigencia))
    if not fuera:
        return []
    return [
        f"Fuera de su vigencia{periodo.texto()} (sin alerta «sin información»): {', '.join(fuera)}."
    ]


_SIN_EVALUAR = {
    reglas_alertas.META_NO_ALCANZADA: (
        "meta y valor en la spec, cumplimiento no calculable",
        "la nota de «tendencias» dice por qué",
    ),
    reglas_alertas.META_SEXENAL: (
        "línea base, meta sexenal y valores en la spec, sin proyección",
        "la nota de «sexenal» dice por qué",
    ),
}


def _sin_evaluar(regla: str, no_evaluadas: list, m: Metodologia, cuantas: int = 10) -> list[str]:
    """What a rule could not judge though the spec has its figures: no alert there is not a
    met meta (ascendente meta −5, valor −8 is no cumplimiento at all), nor a goal out of risk."""
    if not no_evaluadas:
        return []
    que, donde = _SIN_EVALUAR[regla]
    textos = [n.texto(m) for n in no_evaluadas[:cuantas]]
    resto = len(no_evaluadas) - len(textos)
    mas = f" y {resto:,} más ({donde})" if resto else ""
    nombre = _minuscula(reglas_alertas.etiqueta(regla))
    return [f"Sin evaluar «{nombre}» ({que}): {', '.join(textos)}{mas}."]


def _minuscula(texto: str) -> str:
    return texto[:1].lower() + texto[1:]


def _nota_propia(nota: str | None) -> bool:
    """Whether a row's nota says more than what it rests on (`calc.supuestos`, last)."""
    return bool(nota) and not nota.startswith(supuestos.PREFIJO)


def _plural(n: int, uno: str, varios: str) -> str:
    return f"{n:,} {uno if n == 1 else varios}"


def _anios(desde: int | None, hasta: int | None) -> str:
    if desde is None:
        return ""
    return str(desde) if hasta in (None, desde) else f"{desde}–{hasta}"


def _resumen(reglas: list[str], mejoras: bool) -> str:
    """The count of the rows (`reglas`: each row's rule), by rule."""
    if mejoras:
        n = len(reglas)
        return f"{n} indicador mejoró." if n == 1 else f"{n:,} indicadores mejoraron."
    por_regla: dict[str, int] = {}
    for regla in reglas:
        por_regla[regla] = por_regla.get(regla, 0) + 1
    detalle = ", ".join(
        f"{_minuscula(reglas_alertas.etiqueta(k))} {v:,}" for k, v in por_regla.items()
    )
    total = _plural(len(reglas), "alerta", "alertas")
    return total + (f": {detalle}." if detalle else ".")
