"""Library layer of the programa-derivado commands: `sexenal` (per indicator and cross-table)
and `calidad`. Specs + options in, a `Tabla` out; the CLI only prints it."""

from __future__ import annotations

from issste_mon import vocab
from issste_mon.calc import conteos, sexenal
from issste_mon.carga.loader import SpecSet
from issste_mon.claves import seleccionar_derivado
from issste_mon.consultas.tablas import con_metodologia, pie_con_fuentes
from issste_mon.errores import EntradaInvalida
from issste_mon.metodologia import Metodologia
from issste_mon.salida.plural import en_serie, nombrados, plural
from issste_mon.salida.tabla import (
    PRIORIDAD_CIFRA,
    PRIORIDAD_CLASE,
    PRIORIDAD_LLAVE,
    Columna,
    Tabla,
    en_columna,
)

C = Columna

CRITERIOS = {
    "claridad": "Claridad",
    "relevancia": "Relevancia",
    "monitoreabilidad": "Monitoreabilidad",
    "adecuacion": "Adecuación",
    "pertinencia_tematica": "Pertinencia temática",
}
# Indicator attributes that `--filas` / `--columnas` can cross, with their headers.
CRUZABLES = {
    "enfoque": "Enfoque",
    "avance_sexenal": "Avance sexenal",
    "meta_intermedia": "Meta intermedia",
    "calidad": "Calidad",
    "tipo": "Tipo",
    "sentido": "Sentido",
    "objetivo": "Objetivo",
    "enfoque_objetivo": "Enfoque del objetivo",
    "avance_sexenal_origen": "Origen del avance",
    "meta_intermedia_origen": "Origen de la meta intermedia",
    **CRITERIOS,
}
# The table the Programa Institucional ISSSTE 2020–2024 prints
TABLA_POR_OMISION = ("enfoque", "avance_sexenal")


def _pie(m: Metodologia) -> str:
    return f"Metodología: {m.etiqueta} ({m.archivo})"


def _filas(
    specs: SpecSet, m: Metodologia, clave: str | None, hasta: int | None = None
) -> tuple[list, list[dict]]:
    derivados = seleccionar_derivado(specs.derivados, clave)
    rows: list[dict] = []
    for d in derivados:
        attrs = {a["id"]: a for a in conteos.universo_indicadores(d)}
        for row in sexenal.calcular_sexenal(d, metodologia=m, hasta=hasta):
            extra = {k: v for k, v in attrs[row["id"]].items() if k in CRITERIOS}
            rows.append({**row, **extra})
    return derivados, rows


def _id_cols(derivados: list, ancho: int) -> list[Columna]:
    return [
        C("clave", "Programa", en_tabla=len(derivados) > 1),
        C("objetivo", "Objetivo", en_tabla=False),
        C("id", "Id", ancho=5),
        C("indicador", "Indicador", ancho=ancho),
    ]


def _titulo(texto: str, derivados: list, hasta: int | None = None, corte: str | None = None) -> str:
    """`corte`: what the title says about the cut (`_corte_categorias`); by default the one
    asked for, if any."""
    if corte is None:
        corte = f", al corte {hasta}" if hasta is not None else ""
    claves = nombrados([d.clave for d in derivados], _EN_TITULO, "cada fila nombra su programa")
    return f"{texto} — {claves}{corte}"


# Programas derivados a title names; the rest counted (each row names its own)
_EN_TITULO = 10


# The categories a table can show, with the row keys of their origin and cut.
CATEGORIAS = {
    "avance_sexenal": ("avance sexenal", "avance_sexenal_origen", "avance_sexenal_corte"),
    "meta_intermedia": ("meta intermedia", "meta_intermedia_origen", "meta_intermedia_corte"),
}


def _corte_categorias(
    rows: list[dict], categorias: list[str], hasta: int | None, donde: str
) -> tuple[str | None, list[str]]:
    """What the title says about the cut of the categories shown, and a note for each kind
    whose categories are of another cut than the one asked for (`--anio`): published ones are
    of the document's cut (the Programa Institucional's, 2021), computed ones of the year of
    each indicator's last value up to the cut. The title never claims a cut the categories
    are not of. None: no categories shown, the title keeps the cut asked for. `donde`: where
    the reason of each indicator is told."""
    if not categorias:
        return None, []
    cortes = sorted({r[CATEGORIAS[k][2]] for r in rows for k in categorias} - {None})
    if not cortes:
        return None, []
    if cortes == [hasta]:
        titulo = f", al corte {hasta}"
    elif len(cortes) == 1:
        titulo = f", categorías del corte {cortes[0]}"
    else:
        titulo = f", categorías de los cortes {en_serie([str(c) for c in cortes], ' y ')}"
    notas = []
    for k in categorias if hasta is not None else []:
        nombre, origen, corte = CATEGORIAS[k]
        otras = [r for r in rows if r[corte] is not None and r[corte] != hasta]
        if not otras:
            continue
        partes = []
        for o in (sexenal.PUBLICADO, sexenal.CALCULADO):
            por_corte: dict[int, int] = {}
            for r in otras:
                if r[origen] == o:
                    por_corte[r[corte]] = por_corte.get(r[corte], 0) + 1
            for c, n in sorted(por_corte.items()):
                cual = "posterior" if c > hasta else "anterior"
                if o == sexenal.PUBLICADO:
                    partes.append(f"{n} publicada{'s' * (n != 1)}, del corte {c} ({cual})")
                else:
                    partes.append(
                        f"{n} calculada{'s' * (n != 1)} con el último valor hasta {hasta}, "
                        f"que es de {c}"
                    )
        cuantas = (
            f"las {len(rows)} categorías"
            if len(otras) == len(rows)
            else f"{len(otras)} de las {len(rows)} categorías"
        )
        notas.append(
            f"Se pidió el corte {hasta}, pero {cuantas} de {nombre} son de otro corte: "
            f"{en_serie(partes, ' y ')}. No se calcularon al corte {hasta}: {donde}."
        )
    return titulo, notas


def _distribucion(rows: list[dict], key: str, orden: list[str]) -> str:
    counts = {c: 0 for c in orden}
    for r in rows:
        v = r.get(key) or sexenal.SIN_DATO
        counts[v] = counts.get(v, 0) + 1
    n = len(rows)
    return ", ".join(f"{c} {conteos.formatear(k, n)}" for c, k in counts.items())


def _cortes(rows: list[dict], key: str) -> str:
    """« (cortes: 2021 ×14, 2022 ×1)» when a distribution mixes categories of several cuts."""
    cortes: dict[int, int] = {}
    for r in rows:
        if r[key] is not None:
            cortes[r[key]] = cortes.get(r[key], 0) + 1
    if len(cortes) < 2:
        return ""
    return " (mezcla cortes: " + ", ".join(f"{c} ×{n:,}" for c, n in sorted(cortes.items())) + ")"


def sexenal_indicadores(
    specs: SpecSet, m: Metodologia, clave: str | None = None, hasta: int | None = None
) -> Tabla:
    derivados, rows = _filas(specs, m, clave, hasta)
    _verificar(derivados, rows, m)
    bordes_a = m.bordes_de(m.sexenal.categorias if m.sexenal else None, "avance")
    bordes_mi = m.bordes_de(
        m.meta_intermedia.categorias if m.meta_intermedia else None, "cumplimiento"
    )
    cols = [
        *_id_cols(derivados, 30),
        C("tipo", "Tipo", en_tabla=False),
        C("sentido", "Sentido", en_tabla=False),
        C("enfoque", "Enfoque", en_tabla=False),
        C("enfoque_objetivo", "Enfoque del objetivo", en_tabla=False),
        C("calidad", "Calidad", en_tabla=False),
        C("unidad_medida", "Unidad de medida", en_tabla=False),
        C("linea_base_anio", "Año LB", "anio", en_tabla=False),
        C("linea_base", "Línea base", "numero", escrita=True),
        C("meta_intermedia_valor", "Meta int.", "numero", escrita=True),
        C("meta_sexenal", "Meta sexenal", "numero", escrita=True),
        C("ultimo_anio", "Año", "anio", ancho=4),
        C("ultimo_valor", "Valor", "numero", escrita=True),
        # the categories, and A and E they rest on, outlive names and raw figures in a narrow
        # terminal (salida/anchos.py leaves the lowest prioridad out first)
        # (A never printed across a cut of its category: Superado from 100 %, Rezagado above 0)
        C(
            "avance_pct",
            "A",
            "pct",
            1,
            prioridad=PRIORIDAD_CIFRA,
            bordes=bordes_a,
            bordes_fila="cortes_a",
            descripcion="avance hacia la meta sexenal, (valor − línea base) / (meta sexenal − "
            "línea base) × 100",
        ),
        C(
            "avance_esperado_pct",
            "E",
            "pct",
            1,
            prioridad=80,
            bordes_fila="cortes_e",
            descripcion="avance esperado al año del valor (el de la meta intermedia de ese año "
            "o, si no la hay, lineal de la línea base a la meta sexenal)",
        ),
        C("avance_sexenal", "Avance sexenal", ancho=17, prioridad=PRIORIDAD_CLASE),
        C("avance_sexenal_origen", "Origen del avance", ancho=9, prioridad=36),
        C("avance_sexenal_tabla", "En la tabla", en_tabla=False),
        C("avance_sexenal_publicado", "Avance publicado", en_tabla=False),
        C("avance_sexenal_corte", "Corte del avance", "anio", en_tabla=False),
        C(
            "meta_intermedia_cumplimiento_pct",
            "Cumplimiento meta int.",
            "pct",
            en_tabla=False,
            bordes=bordes_mi,
        ),
        C("meta_intermedia", "Meta intermedia", ancho=18, prioridad=PRIORIDAD_CLASE),
        C("meta_intermedia_origen", "Origen de la meta int.", ancho=9, prioridad=35),
        C("meta_intermedia_publicada", "Meta intermedia publicada", en_tabla=False),
        C("meta_intermedia_corte", "Corte de la meta intermedia", "anio", en_tabla=False),
        # (after the existing columns: a `cut -f` of them keeps its numbers)
        *_cols_verificacion("avance_sexenal", "del avance publicado", prioridad=30),
        *_cols_verificacion("meta_intermedia", "de la meta int. publicada"),
        C("nota", "Nota", en_tabla=False),
        C("metodologia", "Metodología", en_tabla=False),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion=_DESCRIPCION_FUENTE,
        ),
    ]
    rs = m.sexenal
    orden_av = [r.categoria for r in rs.categorias] + [rs.sin_dato]
    orden_mi = [r.categoria for r in m.meta_intermedia.categorias] + [
        m.meta_intermedia.retroceso,
        m.meta_intermedia.sin_dato,
    ]
    resumen = [
        f"Avance de la meta sexenal ({plural(len(rows), 'indicador')}; sentido constante "
        "cuenta como "
        f"{rs.sentido_constante}): {_distribucion(rows, 'avance_sexenal_tabla', orden_av)}.",
        f"Meta intermedia: {_distribucion(rows, 'meta_intermedia', orden_mi)}"
        f"{_cortes(rows, 'meta_intermedia_corte')}.",
        _calculadas(rows, m, "avance_sexenal", "avance"),
        *verificadas(rows, "avance_sexenal", "avance"),
        *filter(None, [_calculadas(rows, m, "meta_intermedia", "meta intermedia", False)]),
        *verificadas(rows, "meta_intermedia", "meta intermedia"),
    ]
    corte, avisos_corte = _corte_categorias(
        rows, list(CATEGORIAS), hasta, "las notas de cada indicador dicen por qué"
    )
    resumen += avisos_corte + _notas(rows)
    titulo = _titulo(
        "Avance de los indicadores respecto de su meta sexenal", derivados, hasta, corte
    )
    return Tabla(titulo, cols, rows, resumen=resumen, pie=pie_con_fuentes(_pie(m), rows=rows))


def _calculadas(rows: list[dict], m: Metodologia, seccion: str, que: str, siempre=True):
    """«Categorías de avance calculadas: n; tomadas de lo publicado: m.», and, where some were
    calculated with rules the methodology marks supuesto (the bundled cuts of both: CONEVAL
    prints only the names), that they rest on them. `siempre` False: only then."""
    origen = "avance_sexenal_origen" if seccion == "avance_sexenal" else "meta_intermedia_origen"
    calculadas = [r for r in rows if r[origen] == sexenal.CALCULADO]
    # «Sentido constante» follows from the sentido, not from the rules' cuts: counted apart, so
    # that a constant indicator alone does not say it rests on cuts the methodology supposes
    constante = m.sexenal.etiqueta_sentido_constante
    por_sentido = (
        sum(r[seccion] == constante for r in calculadas) if seccion == "avance_sexenal" else 0
    )
    confianza = next((c for s, c, _ in m.fuentes if s == seccion), "")
    supuesta = len(calculadas) > por_sentido and confianza in ("supuesto", "inferido")
    if not (siempre or supuesta):
        return None
    como = [f"con las reglas de `{seccion}`, {confianza} de la metodología"] if supuesta else []
    if por_sentido:
        como.append(f"{por_sentido:,} por su sentido constante, sin reglas")
    detalle = f" ({'; '.join(como)})" if como else ""
    return (
        f"Categorías de {que} calculadas: {len(calculadas):,}{detalle}; tomadas de lo publicado: "
        f"{len(rows) - len(calculadas):,}."
    )


def _cols_verificacion(campo: str, de: str, prioridad: int | None = None) -> list[Columna]:
    """The verdict `verificar` gives the published category, and what it rests on."""
    return [
        C(
            f"{campo}_verificacion",
            f"Verificación {de}",
            ancho=14,
            en_tabla=prioridad is not None,
            prioridad=prioridad or 0,
            descripcion="veredicto de `verificar` sobre la categoría publicada "
            "(coincide, coincide por construcción, difiere, no verificable); vacío: no hay "
            "categoría publicada",
        ),
        C(
            f"{campo}_verificacion_motivo",
            f"Motivo de la verificación {de}",
            en_tabla=False,
            descripcion="en qué descansa el veredicto, o qué insumo falta para calcularla",
        ),
    ]


def _verificar(derivados: list, rows: list[dict], m: Metodologia) -> None:
    """Each row gets `verificar`'s verdict on its published categories, from the same checker:
    a category computed from the spec agrees with the published one only as `verificar` says
    (on rules issste-mon supposes: «por construcción»), and one the spec cannot compute is «no
    verificable», naming the missing input."""
    from issste_mon.auditoria import derivado as auditoria

    por_clave = {d.clave: auditoria.veredictos(d, m) for d in derivados}
    for r in rows:
        for campo in CATEGORIAS:
            res = por_clave[r["clave"]].get((r["id"], campo))
            r[f"{campo}_verificacion"] = None if res is None else str(res.veredicto)
            r[f"{campo}_verificacion_motivo"] = None if res is None else _motivo(res)


def _motivo(res) -> str | None:
    return "; ".join(filter(None, [res.motivo, res.explicacion])) or None


def verificadas(rows: list[dict], campo: str, que: str) -> list[str]:
    """«Categorías de avance publicadas, según «verificar»: 2 coinciden, 1 coincide por
    construcción, 12 no verificables.» and, per verdict and reason, the indicators it holds
    for: what each published category rests on, even where no row note is shown (--tabla)."""
    from issste_mon.vocab import Veredicto

    clave = f"{campo}_verificacion"
    con = [r for r in rows if r.get(clave)]
    if not con:
        return []
    varios = len({r["clave"] for r in rows}) > 1
    grupos: dict[tuple[str, str | None], list[str]] = {}
    for r in con:
        ident = f"{r['clave']} {r['id']}" if varios else r["id"]
        grupos.setdefault((r[clave], r[f"{clave}_motivo"]), []).append(ident)
    cuentas = []
    for v in Veredicto:
        n = sum(r[clave] == v for r in con)
        if n:
            cuentas.append(f"{n:,} {v.en_numero(n)}")
    cuantas = (
        "" if len(con) == len(rows) else f" ({len(con):,} de {plural(len(rows), 'indicador')})"
    )
    lineas = [f"Categorías de {que} publicadas{cuantas}, según «verificar»: {en_serie(cuentas)}."]
    for (v, motivo), ids in grupos.items():
        detalle = f": {motivo}" if motivo else ""
        cuales = nombrados(ids, _POR_NOTA, en_columna(clave))
        lineas.append(f"{v[0].upper()}{v[1:]} ({cuales}){detalle}.")
    return lineas


_DESCRIPCION_FUENTE = (
    "documento del indicador: su `fuente` en la spec, o la de su objetivo, o la del programa"
)
_DESCRIPCION_CALIDAD = (
    "categoría como la registra la spec, publicada o inferida (calidad_origen); la metodología "
    "no la clasifica"
)
_DESCRIPCION_FUENTES = "documentos de los indicadores que cuenta la tabla"


def _con_fuentes(cols: list, out: list[dict], rows: list[dict]) -> list:
    """An aggregate table names the documents of the indicators it counts, on every row (a
    csv or json read alone says where its counts come from)."""
    docs = "; ".join(
        dict.fromkeys(d.strip() for r in rows for d in (r["fuente"] or "").split("; ") if d)
    )
    for row in out:
        row["fuente"] = docs or None
    return [*cols, C("fuente", "Fuente", en_tabla=False, descripcion=_DESCRIPCION_FUENTES)]


# Indicators named under one note; the rest counted (the csv's `nota` names every one)
_POR_NOTA = 20


def _notas(rows: list[dict]) -> list[str]:
    """Row notes grouped for people ("Notas: 1.1, 1.2: …"); machine formats carry `nota`.
    Of several programas derivados an indicator is named with its program's clave."""
    from issste_mon.calc.supuestos import PREFIJO

    varios = len({r["clave"] for r in rows}) > 1
    grupos: dict[str, list[str]] = {}
    for r in rows:
        partes = (r["nota"] or "").split("; ")
        # «descansa en: metas …; valores …» is one note, the last: its list stays whole
        i = next((k for k, p in enumerate(partes) if p.startswith(PREFIJO)), len(partes))
        for nota in [*partes[:i], "; ".join(partes[i:])]:
            if nota:
                grupos.setdefault(nota, []).append(f"{r['clave']} {r['id']}" if varios else r["id"])
    return [
        f"Nota ({nombrados(ids, _POR_NOTA, en_columna('nota'))}): {nota}."
        for nota, ids in grupos.items()
    ]


def atributo_cruzable(nombre: str, argumento: str) -> str:
    """The attribute `nombre` names (any case or accents), or EntradaInvalida naming
    `argumento`, the query's argument it came in (`filas`; the CLI says its option: its --tabla
    is the query's `filas`)."""
    key = vocab.fold(nombre).replace(" ", "_")
    if key in CRUZABLES:
        return key
    raise EntradaInvalida(
        f'`{argumento}`: atributo desconocido "{nombre}"; use uno de {", ".join(CRUZABLES)}',
        argumentos=(argumento,),
    )


def _claves_maquina(categorias: list[str], usadas: set[str]) -> dict[str, str]:
    """{category as printed: its machine key}: folded to snake_case (a methodology may name a
    category anything), never one already taken (the row attribute, total)."""
    import re

    out = {}
    for cat in categorias:
        base = re.sub(r"[^a-z0-9]+", "_", vocab.fold(cat)).strip("_") or "categoria"
        k, n = base, 1
        while k in usadas or f"{k}_pct" in usadas:
            n += 1
            k = f"{base}_{n}"
        usadas |= {k, f"{k}_pct"}
        out[cat] = k
    return out


def sexenal_cruce(
    specs: SpecSet,
    m: Metodologia,
    clave: str | None = None,
    filas: str | None = None,
    columnas: str | None = None,
    hasta: int | None = None,
) -> Tabla:
    """The cross-table as the Programa Institucional ISSSTE 2020–2024 prints it (default
    enfoque × avance sexenal)."""
    f = atributo_cruzable(filas, "filas") if filas else TABLA_POR_OMISION[0]
    c = atributo_cruzable(columnas, "columnas") if columnas else TABLA_POR_OMISION[1]
    derivados, rows = _filas(specs, m, clave, hasta)
    _verificar(derivados, rows, m)
    cruce = sexenal.cruzar(rows, f, c)
    total = sexenal.TOTAL
    # machine keys snake_case without accents, as every json key (spec-format.md: «Muy
    # rezagado %» is muy_rezagado_pct); people read the category as printed
    claves = _claves_maquina(cruce["orden_columnas"], usadas={f, "total", "total_pct"})
    cols = [C(f, CRUZABLES[f], prioridad=PRIORIDAD_LLAVE)]  # (what each row counts: whole)
    for cat in cruce["orden_columnas"]:
        k = claves[cat]
        cols.append(C(k, cat, "entero", 0, companero=f"{k}_pct"))
        cols.append(C(f"{k}_pct", f"{cat} %", "pct", en_tabla=False))
    cols += [
        # each row's total and share outlast the categories that add up to it
        C("total", total, "entero", 0, companero="total_pct", prioridad=PRIORIDAD_CIFRA),
        C("total_pct", "Total %", "pct", en_tabla=False),
    ]
    out = []
    for fila in cruce["orden_filas"]:
        row = {f: fila, "total": cruce["total_filas"][fila], "total_pct": cruce["pct_filas"][fila]}
        row.update({claves[cat]: n for cat, n in cruce["celdas"][fila].items()})
        out.append(row)
    row = {f: total, "total": cruce["total"]}
    for cat in cruce["orden_columnas"]:
        row[claves[cat]] = cruce["total_columnas"][cat]
        row[f"{claves[cat]}_pct"] = cruce["pct_columnas"][cat]
    out.append(row)
    if (f, c) == TABLA_POR_OMISION:
        titulo = "Distribución del avance de los indicadores respecto de su meta sexenal"
    else:
        titulo = f"Indicadores por {CRUZABLES[f].lower()} y {CRUZABLES[c].lower()}"
    categorias = [k for k in CATEGORIAS if k in (f, c) or CATEGORIAS[k][1] in (f, c)]
    # (a table a Python caller gets too: the query named, not the command line's options)
    donde = (
        f"la nota de cada indicador en la tabla sexenal por indicador al corte {hasta} dice por qué"
    )
    corte, resumen = _corte_categorias(rows, categorias, hasta, donde)
    titulo = _titulo(titulo, derivados, hasta, corte)
    if "avance_sexenal" in (f, c):
        resumen += [
            f"{m.sexenal.sentido_constante} incluye los indicadores de sentido constante "
            "(reportan información, pero su avance no se valora).",
            _calculadas(rows, m, "avance_sexenal", "avance"),
            *verificadas(rows, "avance_sexenal", "avance"),
        ]
    if "meta_intermedia" in (f, c):
        resumen += verificadas(rows, "meta_intermedia", "meta intermedia")
    cols = _con_fuentes(con_metodologia(cols, out, m), out, rows)
    return Tabla(titulo, cols, out, resumen=resumen, pie=pie_con_fuentes(_pie(m), rows=rows))


def calidad(specs: SpecSet, m: Metodologia, clave: str | None = None) -> Tabla:
    """Category and marks as the spec records them: no methodology setting classifies them, so
    the rows carry no `metodologia` (a csv read alone must not pass for a classification); the
    caption says so, and names the methodology only for the summary's groupings."""
    derivados, rows = _filas(specs, m, clave)
    inferidas = _calidad_inferida(derivados)
    for r in rows:
        r["calidad_origen"] = (
            None if r["calidad"] is None else _ORIGEN_CALIDAD[(r["clave"], r["id"]) in inferidas]
        )
    cols = [
        *_id_cols(derivados, 40),
        C("tipo", "Tipo"),
        C("enfoque", "Enfoque"),
        # the answer: it outlasts tipo and enfoque
        C("calidad", "Calidad", prioridad=PRIORIDAD_CIFRA, descripcion=_DESCRIPCION_CALIDAD),
        C(
            "calidad_origen",
            "Origen de la calidad",
            prioridad=45,
            descripcion="publicada: impresa por indicador; inferida: no impresa por indicador "
            "(la spec la marca «inferido», deducida de otras cifras del documento)",
        ),
        # «—» for people where the spec records no mark (9 of the 15 indicators): a blank
        # beside «sí»/«no» would read as an unknown answer, not as no answer recorded
        *(
            C(
                k,
                t,
                "booleano",
                descripcion="marca registrada en la spec; vacío: no registrada",
                vacio="—",
            )
            for k, t in CRITERIOS.items()
        ),
        C("fuente", "Fuente", en_tabla=False, descripcion=_DESCRIPCION_FUENTE),
    ]
    marcados = sum(any(r.get(k) is not None for k in CRITERIOS) for r in rows)
    resumen = [
        f"Calidad ({plural(len(rows), 'indicador')}): "
        + _texto_distribucion(_contar_categorias(rows, m))
        + ".",
        f"Marcas de los criterios registradas para {marcados:,} de "
        f"{plural(len(rows), 'indicador')}; las marcas no determinan la categoría.",
        *_calidad_origen(rows),
    ]
    titulo = _titulo("Calidad de los indicadores", derivados)
    pie = (
        "Categoría y marcas: como las registra la spec (la metodología no las clasifica; "
        "«Origen de la calidad» dice si el documento la imprime por indicador) · Agrupaciones "
        f"del resumen: {m.etiqueta} ({m.archivo})"
    )
    return Tabla(
        titulo,
        cols,
        rows,
        resumen=resumen,
        avisos=_sin_agrupaciones(m),
        pie=pie_con_fuentes(pie, rows=rows),
    )


_ORIGEN_CALIDAD = {False: "publicada", True: "inferida"}


def _calidad_inferida(derivados: list) -> set[tuple[str, str]]:
    """(clave, id) of the indicators whose calidad the spec marks `inferido`: not printed for
    that indicator (the Programa Institucional's 1.2, 2.2 and 3.2, lost in the PDF's
    extraction and deduced from the document's totals)."""
    return {
        (d.clave, ind.id)
        for d in derivados
        for _, ind in d.indicadores()
        if "calidad" in ind.inferido and ind.calidad is not None
    }


def _calidad_origen(rows: list[dict]) -> list[str]:
    """What the categories rest on: how many the document prints per indicator, and which
    were inferred (a count over them matches the published one only by construction, as
    `verificar` says)."""
    varios = len({r["clave"] for r in rows}) > 1
    inferidas = [
        f"{r['clave']} {r['id']}" if varios else r["id"]
        for r in rows
        if r.get("calidad_origen") == _ORIGEN_CALIDAD[True]
    ]
    con = sum(r.get("calidad") is not None for r in rows)
    if not inferidas:
        return [f"Categoría publicada por indicador: {con:,} de {plural(len(rows), 'indicador')}."]
    return [
        f"Categoría publicada por indicador: {con - len(inferidas):,} de "
        f"{plural(len(rows), 'indicador')}; inferida, no impresa por indicador (la spec la "
        f"marca «inferido»): {nombrados(inferidas, _POR_NOTA, en_columna('calidad_origen'))}"
        " — un conteo que las incluye solo coincide con lo publicado por construcción."
    ]


def _sin_agrupaciones(m: Metodologia) -> list[str]:
    """A methodology without `calidad_indicadores` groups no categories: the published «n (%)
    Destacado o Adecuado» has no row, which a reader must not take for none to count."""
    if m.calidad_dada:
        return []
    return [
        f"la metodología ({m.archivo}) no tiene la sección calidad_indicadores: no se cuentan "
        "agrupaciones de categorías (como «Destacado o Adecuado» del Diagnóstico), solo cada "
        "categoría por separado"
    ]


def _contar_categorias(rows: list[dict], m: Metodologia) -> list[dict]:
    """Count per quality category (vocabulary order, zeros kept), then the methodology's
    groupings ("Destacado o Adecuado"), then items without a category."""
    total = len(rows)
    grupos = [(c, [c]) for c in vocab.CALIDAD.canonical]
    grupos += list(m.agrupaciones_calidad.items())
    # of several programas derivados an id is named with its program's clave («2.3, 2.3»
    # would be two indicators read as one listed twice)
    varios = len({r["clave"] for r in rows}) > 1
    ident = (lambda r: f"{r['clave']} {r['id']}") if varios else (lambda r: r["id"])
    out = []
    for etiqueta, cats in grupos:
        ids = [ident(r) for r in rows if r.get("calidad") in cats]
        out.append(_conteo(etiqueta, ids, total, agrupacion=len(cats) > 1))
    sin = [ident(r) for r in rows if r.get("calidad") is None]
    if sin:
        out.append(_conteo(sexenal.SIN_DATO, sin, total, agrupacion=False))
    return out


def _conteo(etiqueta: str, ids: list, total: int, agrupacion: bool) -> dict:
    return {
        "categoria": etiqueta,
        "agrupacion": agrupacion,
        "n": len(ids),
        "total": total,
        "pct": conteos.pct(len(ids), total),
        "conteo": conteos.formatear(len(ids), total),
        "indicadores": ", ".join(ids),
    }


def _texto_distribucion(dist: list[dict]) -> str:
    return ", ".join(f"{d['categoria']} {d['conteo']}" for d in dist)


def calidad_por_categoria(specs: SpecSet, m: Metodologia, clave: str | None = None) -> Tabla:
    derivados, rows = _filas(specs, m, clave)
    cols = [
        C("categoria", "Categoría", prioridad=PRIORIDAD_LLAVE),
        C("agrupacion", "Agrupación", "booleano", en_tabla=False),
        C("n", "Indicadores", "entero", prioridad=PRIORIDAD_CIFRA),
        # the same in every row: it goes before the category's name is cut («Oportun…ora»)
        C("total", "Total", "entero", prioridad=45),
        C("pct", "Porcentaje", "pct", en_tabla=False),
        C("conteo", "n (%)", prioridad=80),  # (its share; the total is the same in every row)
        C("indicadores", "Ids", ancho=40),
    ]
    titulo = _titulo("Distribución de la calidad de los indicadores", derivados)
    filas = _contar_categorias(rows, m)
    cols = _con_fuentes(con_metodologia(cols, filas, m), filas, rows)
    inferidas = _calidad_inferida(derivados)
    for r in rows:
        r["calidad_origen"] = _ORIGEN_CALIDAD[(r["clave"], r["id"]) in inferidas]
    return Tabla(
        titulo,
        cols,
        filas,
        resumen=_calidad_origen(rows),
        avisos=_sin_agrupaciones(m),
        pie=pie_con_fuentes(_pie(m), rows=rows),
    )
