"""The library layer behind each command: specs + options in, a `Tabla` out.

The CLI only parses arguments and prints what these return, so `--formato json` output is
exactly `celdas.machine_rows()` of these tables (a test checks it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from issste_mon.carga.loader import SpecSet
from issste_mon.claves import seleccionar
from issste_mon.errores import SinDatos
from issste_mon.metodologia import ARCHIVO_INCLUIDA, Metodologia, decimal
from issste_mon.salida.numfmt import fmt_anios, fmt_pct, fmt_tal_cual
from issste_mon.salida.tabla import (
    PRIORIDAD_CIFRA,
    PRIORIDAD_CLASE,
    PRIORIDAD_LLAVE,
    Columna,
    Tabla,
    descripcion_estado,
    en_columna,
)
from issste_mon.vocab import Veredicto, fold

if TYPE_CHECKING:
    from issste_mon import auditoria
    from issste_mon.salida.celdas import TablaPorPartes

C = Columna
Claves = list[str] | None  # program claves as given (E045, 51-E045); None: all
Anio = int | None  # one fiscal year; None: every year
ID_COLS = [
    C("clave", "Clave", ramo="ramo"),  # «12-E010» for people when the rows span ramos
    C("ramo", "Ramo", "entero", en_tabla=False),
    C("anio", "Año", "anio"),
]


def _pie(metodologia: Metodologia) -> str:
    return f"Metodología: {metodologia.etiqueta} ({metodologia.archivo})"


def con_metodologia(cols: list[Columna], rows: list[dict], m: Metodologia) -> list[Columna]:
    """A table that depends on the methodology says which, on every data row (as cumplimiento
    and monitoreo do): a csv or json read alone must not pass for the bundled one's."""
    for row in rows:
        row["metodologia"] = m.referencia
    return [*cols, C("metodologia", "Metodología", en_tabla=False)]


def pie_con_fuentes(
    *partes: str | None, rows: list[dict] | None = None, fuentes=None
) -> str | None:
    """A caption: its parts (which methodology…), then the documents of the rows (or of
    `fuentes`, the rows' «fuente» column)."""
    if fuentes is None:
        fuentes = [r.get("fuente") for r in rows or ()]
    return " · ".join(filter(None, [*partes, _fuentes(fuentes)])) or None


# A `fuente` names its documents joined by «; ». What `importar poblaciones` writes after the SHCP
# publication is not another document but what that file says of each population's own origin
# («…poblaciones 2017; PA: Vigencia de Derecho (instancia generadora: ISSSTE), corte de…; PP: …»),
# whose own texts may hold «; » too: from the first «PA: »/«PO: »/«PP: » on, the rest is detail.
_DETALLE = re.compile(r"P[APO]: ")


def documentos(fuentes: Iterable[str | None]) -> tuple[list[str], bool]:
    """The documents the `fuente` texts name, each once in order of appearance, and whether
    some text also held details of a document (`detalle`), which a caption leaves to the
    «fuente» column."""
    docs: dict[str, None] = {}
    con_detalle = False
    for texto in dict.fromkeys(filter(None, fuentes)):
        for parte in texto.split("; "):
            if _DETALLE.match(parte):
                con_detalle = True
                break
            if parte.strip():
                docs[parte.strip()] = None
    return list(docs), con_detalle


def detalle(fuente: str | None) -> str | None:
    """What a `fuente` says after its documents (see `_DETALLE`), or None."""
    partes = (fuente or "").split("; ")
    for i, parte in enumerate(partes):
        if _DETALLE.match(parte):
            return "; ".join(partes[i:])
    return None


# The colour is data (the indicator's thresholds), the rule that assigns it is not: SHCP does
# not document it, and the bundled methodology marks `semaforo_shcp` supuesto.
DESCRIPCION_SEMAFORO = (
    "color del semáforo de SHCP con los umbrales del indicador (`umbrales` o el `semaforo` del "
    "año en la spec), asignado con la regla `semaforo_shcp` de la metodología (supuesto en la "
    "incluida: SHCP no la documenta); vacío sin umbrales"
)


# A Semáforo blank in every row is no colour SHCP withheld: the spec gives no thresholds
VACIA_SEMAFORO = "sin umbrales en la spec, no hay color que asignar"


def columna_rango(metodologia: Metodologia) -> Columna:
    """The 90–110 % class of a cumplimiento: «—» where there is none to classify, as in the
    figure's own cell (an empty class reads as «unknown»; the nota says why)."""
    return C(
        "rango",
        "Rango",
        "rango",
        prioridad=PRIORIDAD_CLASE,
        papeles=metodologia.papeles_rango,
        vacio="—",
    )


def _fuentes(de_filas) -> str | None:
    """The documents a table's figures come from (`de_filas`: each row's «fuente»), for people
    (machines get each row's)."""
    # each document once: a row's fuente may name several («FMyE 2017-2018; Evaluación de
    # diseño 2016»), one of which another row names alone
    fuentes, detalle = documentos(de_filas)
    if not fuentes:
        return None
    donde = en_columna("fuente")
    if len(fuentes) > _FUENTES_EN_PIE:
        resto = len(fuentes) - _FUENTES_EN_PIE
        nombradas = "; ".join(fuentes[:_FUENTES_EN_PIE])
        return f"Fuentes: {nombradas} y {resto} documento{'s' if resto > 1 else ''} más ({donde})"
    pie = ("Fuente: " if len(fuentes) == 1 else "Fuentes: ") + "; ".join(fuentes)
    # what SHCP's file says of each population's own source and cut: beside each row, not here
    return f"{pie} (origen y corte de cada población: {donde})" if detalle else pie


_FUENTES_EN_PIE = 3  # more documents than this: the first ones named, the rest counted


def _no_rows(
    what: str,
    anio: int | None,
    claves: list[str] | None,
    pista: str | None = None,
    hay: Callable[[], str | None] | str | None = None,
    **kw,
) -> SinDatos:
    """«no hay datos de …» and, in the same line, what the selection does have (`hay`, a
    callable: found only if the message is read)."""
    scope = f" de {', '.join(claves)}" if claves else ""
    year = f" para el año {anio}" if anio is not None else ""
    pista = f" ({pista})" if pista else ""
    return SinDatos(
        f"no hay datos de {what}{scope}{year} en las specs cargadas{pista}", hay=hay, **kw
    )


def _hay(que: str, anios_de, elegidos, todos, claves: Claves, anio: Anio) -> str | None:
    """What a query with no rows has instead: the years of the selection (`anios_de(p)`, the
    years a program has rows in) where a year was asked; where the selection has none at all,
    the programs that do («programas con poblaciones en las specs: E015, E018 y 6 más»)."""
    from issste_mon.consultas.vacios import hay_anios, programas_con

    anios = {a for p in elegidos for a in anios_de(p)}
    if anios:
        return hay_anios(que, anios, claves) if anio is not None else None
    if claves and (otros := programas_con(que, [(p.ramo, p.clave) for p in todos if anios_de(p)])):
        return otros
    return hay_anios(que, (), claves) if anio is not None else None


def programas(specs: SpecSet, anio: Anio = None) -> Tabla:
    rows = []
    for p in sorted(specs.programas, key=lambda p: (p.ramo, p.clave)):
        years = p.anios()
        if anio is not None and anio not in years:
            continue
        rows.append(
            {
                "clave": p.clave,
                "ramo": p.ramo,
                "nombre": p.nombre,
                "dependencia": p.dependencia,
                "anios": fmt_anios(years),
                "indicadores": len(p.mir),
                "archivo": p.archivo,
            }
        )
    cols = [
        C("clave", "Clave", ramo="ramo"),  # «12-E010» when the rows span ramos (ID_COLS)
        C("ramo", "Ramo", "entero"),
        C("nombre", "Nombre", ancho=48),
        C("dependencia", "Dependencia"),
        C("anios", "Años con datos", prioridad=PRIORIDAD_CIFRA),
        C("indicadores", "Indicadores MIR", "entero"),
        C("archivo", "Archivo", en_tabla=False),
    ]
    if anio is None:
        return Tabla("Programas cargados", cols, rows)
    if not rows:
        from issste_mon.consultas.vacios import hay_anios

        todos = {a for p in specs.programas for a in p.anios()}
        hay = hay_anios("cifras", todos)
        raise SinDatos(f"ningún programa cargado tiene cifras del año {anio}", hay=hay)
    return Tabla(f"Programas con cifras de {anio}", cols, rows)


def cobertura(
    specs: SpecSet, metodologia: Metodologia, claves: Claves = None, anio: Anio = None
) -> Tabla:
    from issste_mon.calc.base import TITULO_SUPUESTO
    from issste_mon.calc.cobertura import calcular_cobertura

    progs = seleccionar(specs.programas, claves)
    rows, avisos = calcular_cobertura(progs, anio, metodologia=metodologia)
    if not rows:

        def anios(p):
            return {pob.anio for pob in p.poblaciones}

        hay = lambda: _hay("poblaciones", anios, progs, specs.programas, claves, anio)  # noqa: E731
        raise _no_rows("poblaciones", anio, claves, hay=hay)
    # prioridad: what a narrow terminal keeps (salida/anchos.py, lowest left out first). The
    # table is about PA/PO: it and its ⚠ go last; before it the name that tells components
    # apart (shortened before anything is left out) and PA/PO's terms (PA, PO); PO/PP goes
    # first, then the unidad, the nota and PP (which only feeds PO/PP).
    cols = [
        *ID_COLS,  # (the clave reads «12-E010» when the rows span ramos: E010 is in 11, 12, 48)
        C("componente", "Componente", ancho=30, prioridad=PRIORIDAD_LLAVE),
        C("unidad_medida", "Unidad de medida", ancho=24, prioridad=32),
        C("potencial", "Potencial (PP)", "entero", estado=True, prioridad=45, escrita=True),
        C("objetivo", "Objetivo (PO)", "entero", estado=True, prioridad=55, escrita=True),
        C("atendida", "Atendida (PA)", "entero", estado=True, prioridad=56, escrita=True),
        C(
            "cobertura_pct",
            "PA/PO",
            "pct",
            alerta="mayor_100",
            # a PA or PO the spec inferred: ⚠ too, said row by row where the Nota is cut
            marcas=(("cobertura_supuesta", TITULO_SUPUESTO),),
            prioridad=PRIORIDAD_CIFRA,
            bordes=(decimal(metodologia.cobertura_alerta_mayor_a),),  # (its ⚠)
        ),
        C("po_pp_pct", "PO/PP", "pct", prioridad=26, marcas=(("po_pp_supuesta", TITULO_SUPUESTO),)),
        C(
            "mayor_100",
            _titulo_mayor(metodologia),
            "booleano",
            en_tabla=False,
            descripcion="PA/PO mayor que `cobertura.alerta_mayor_a` de la metodología (100 %: "
            "PA > PO); nulo si la PA o la PO no es un número (ND, NA o no está en la spec)",
        ),
        C("nota", "Nota", prioridad=40),  # (says when the PA's cut is not the year's end)
        C(
            "corte_anio",
            "Corte de la PA (año)",
            "anio",
            en_tabla=False,
            descripcion="vacío si la spec no lo da; si no es el fin del año de la fila, la nota "
            "lo dice",
        ),
        C(
            "corte_mes",
            "Corte de la PA (mes)",
            "conteo",
            en_tabla=False,
            descripcion="1 a 12, donde la fuente lo da (los archivos de SHCP)",
        ),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento que imprime las poblaciones del año (`fuente` en la spec)",
        ),
        C(
            "nota_anio",
            "Nota del año",
            en_tabla=False,
            descripcion="la `nota` escrita junto a los componentes del año: de todas sus filas "
            "(en la tabla, una vez al pie)",
        ),
        C(
            "supuesto",
            TITULO_SUPUESTO,
            "booleano",
            en_tabla=False,
            descripcion="la PA/PO o la PO/PP descansa en una población que la spec infiere "
            "(`inferido`), que ningún documento imprime (la nota dice cuál); nulo donde no hay "
            "ninguna de las dos",
        ),
    ]
    # The ⚠ is the methodology's only part here: a user's file, whose threshold may differ, is
    # named; the bundled one (PA > PO) goes unsaid, as in every published table.
    propia = None if metodologia.archivo == ARCHIVO_INCLUIDA else _pie(metodologia)
    pie = pie_con_fuentes(propia, rows=rows)
    pie = " · ".join(filter(None, [pie, _notas_del_anio(rows)])) or None
    return Tabla("Cobertura (PA/PO y PO/PP)", cols, rows, avisos=avisos, pie=pie)


def _titulo_mayor(metodologia: Metodologia) -> str:
    """«PA > PO» only where the mark means it: a methodology may mark PA/PO from below 100 %."""
    corte = metodologia.cobertura_alerta_mayor_a
    return "PA > PO" if decimal(corte) == 100 else f"PA/PO > {fmt_tal_cual(corte)} %"


def _notas_del_anio(rows: list[dict]) -> str | None:
    """Each year's nota once, for people (machines get it on each of the year's rows); a text
    that several programs or years share, once with all of them (after `importar` every
    program of a file carries the same one: the caption of three said it three times)."""
    por_texto: dict[str, list[tuple]] = {}
    for r in rows:
        if r.get("nota_anio"):
            quienes = por_texto.setdefault(r["nota_anio"], [])
            if (r["clave"], r["anio"]) not in quienes:
                quienes.append((r["clave"], r["anio"]))
    if not por_texto:
        return None
    if len(por_texto) > 3:
        n = sum(map(len, por_texto.values()))
        return f"Notas de {n} años ({en_columna('nota_anio')})"
    return " · ".join(f"Nota de {_de_quienes(q)}: {t}" for t, q in por_texto.items())


def _de_quienes(quienes: list[tuple]) -> str:
    """«E045 2017» (one), «E018, E036 y E045 (2017)» (one year), «E045 (2016 y 2017)» (one
    clave), else each pair; the first 5, then how many more."""
    from issste_mon.salida.plural import en_serie, nombrados

    def lista(nombres: list[str]) -> str:
        return en_serie(nombres) if len(nombres) <= 5 else nombrados(nombres, 5)

    claves = list(dict.fromkeys(c for c, _ in quienes))
    anios = list(dict.fromkeys(str(a) for _, a in quienes))
    if len(quienes) > 1 and len(anios) == 1:
        return f"{lista(claves)} ({anios[0]})"
    if len(quienes) > 1 and len(claves) == 1:
        return f"{claves[0]} ({lista(anios)})"
    return lista([f"{c} {a}" for c, a in quienes])


def _columnas_cumplimiento(metodologia: Metodologia) -> list[Columna]:
    from issste_mon.calc import supuestos  # (not on the path of the other tables)

    return [
        *ID_COLS,
        C("id", "Id"),
        C("nivel", "Nivel"),
        C("indicador", "Indicador", ancho=36),
        C("sentido", "Sentido"),
        C("meta", "Meta", "numero", escrita=True),
        C("valor", "Valor", "numero", escrita=True),
        # the classification (and the figure it classifies) outlives names and raw numbers in
        # a narrow terminal, as monitoreo's «Nivel» (salida/anchos.py: lowest prioridad first)
        C(
            "cumplimiento_pct",
            "Cumplimiento",
            "pct",
            exacto="cumplimiento_exacto",
            prioridad=PRIORIDAD_CIFRA,
            bordes=metodologia.bordes_rango,
            alerta="supuesto",  # (⚠: it rests on something no document printed; see the nota)
        ),
        columna_rango(metodologia),
        # SHCP's class (an empty column goes first)
        C(
            "semaforo",
            "Semáforo",
            prioridad=85,
            descripcion=DESCRIPCION_SEMAFORO,
            vacia=VACIA_SEMAFORO,
        ),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
        # (as tendencias' own, made by `columnas_maquina` for its `ausente` columns)
        C(
            "meta_estado",
            "Meta: estado",
            en_tabla=False,
            descripcion=descripcion_estado("meta", True),
        ),
        C(
            "valor_estado",
            "Valor: estado",
            en_tabla=False,
            descripcion=descripcion_estado("valor", True),
        ),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento del indicador (su `fuente` en la spec, o la del programa)",
        ),
        C(
            "supuesto",
            supuestos.TITULO,
            "booleano",
            en_tabla=False,
            descripcion="el cumplimiento descansa en algo que ningún documento imprime: un "
            "sentido, metas o valores que la spec infiere (`inferido`), la fórmula del "
            "descendente o la elección entre meta original y modificada que la metodología marca "
            "supuesta o inferida (la nota dice cuál; en la tabla, ⚠); nulo donde no hay "
            "cumplimiento",
        ),
    ]


def _sin_metas(specs: SpecSet, progs, nivel: str | None, anio: Anio, claves: Claves) -> SinDatos:
    """No metas for the query: said with the years that have them (of that level, of those
    programs) or, where the level has none, the levels that do."""

    def anios(p):
        return {a for ind in p.mir if nivel is None or ind.nivel == nivel for a in ind.metas}

    def hay() -> str | None:
        from issste_mon.consultas.vacios import de_quienes, nombres_breves
        from issste_mon.metodologia_lectura import NIVELES_MIR

        que = "metas" + (f" de nivel {nivel}" if nivel else "")
        lo_hay = _hay(que, anios, progs, specs.programas, claves, anio)
        if nivel is None or any(anios(p) for p in progs):
            return lo_hay
        # the level has none: the levels that do, in the MIR's order (another, FID, after)
        orden = {n: i for i, n in enumerate(NIVELES_MIR)}
        niveles = {ind.nivel for p in progs for ind in p.mir if ind.metas and ind.nivel}
        if not niveles:
            return lo_hay
        niveles = sorted(niveles, key=lambda n: (orden.get(n, len(orden)), n))
        return f"niveles con metas{de_quienes(claves)} en las specs: {nombres_breves(niveles)}"

    que = "metas de indicadores" + (f" de nivel {nivel}" if nivel else "")
    return _no_rows(que, anio, claves, hay=hay)


def cumplimiento(
    specs: SpecSet,
    metodologia: Metodologia,
    claves: Claves = None,
    anio: Anio = None,
    nivel: str | None = None,
    *,
    por_partes: bool = False,
) -> Tabla:
    """One row per indicator and year; `por_partes`: the same rows made part by part."""
    from issste_mon.calc.cumplimiento import calcular_cumplimiento, resumir

    progs = seleccionar(specs.programas, claves)
    if por_partes:
        return _cumplimiento_por_partes(specs, metodologia, progs, claves, anio, nivel)
    df = calcular_cumplimiento(progs, anio, metodologia=metodologia, nivel=nivel)
    if df.empty:
        raise _sin_metas(specs, progs, nivel, anio, claves)
    df["metodologia"] = metodologia.referencia
    from issste_mon.calc.tendencias import semaforos

    df["semaforo"] = semaforos(progs, df, metodologia)  # SHCP's own colour, where recorded
    df["meta_estado"] = df["estado_meta"]
    df["valor_estado"] = df["estado_valor"]
    for k in ("nota", "meta_estado", "valor_estado", "rango", "semaforo", "fuente"):  # NaN → None
        df[k] = df[k].astype(object).where(df[k].notna(), None)
    anios = {int(a) for a in df.loc[df["cumplimiento_pct"].notna(), "anio"]}
    resumen = _resumen_cumplimiento(
        resumir(df, metodologia), anios, specs, progs, anio, metodologia
    )
    # The frame is let go before the rows are built: at 10k programs it is ~0.3 GiB that would
    # otherwise sit beside the rows at the command's peak.
    keys, columns = _columns(df)
    from issste_mon.salida.flotantes import exactos_grandes

    # beyond 2⁵³ the row holds the exact value's machine number, not its float's (as the
    # writers of the table made part by part do)
    exactos_grandes(
        columns[keys.index("cumplimiento_pct")],
        df["cumplimiento_pct"].to_numpy(dtype=float),
        columns[keys.index("cumplimiento_exacto")],
    )
    del df
    rows = _rows(keys, columns)
    return Tabla(
        "Cumplimiento de metas",
        _columnas_cumplimiento(metodologia),
        rows,
        resumen=resumen,
        pie=pie_con_fuentes(_pie(metodologia), rows=rows),  # which methodology, which documents
    )


def _cumplimiento_por_partes(specs, metodologia, progs, claves, anio, nivel) -> TablaPorPartes:
    """`cumplimiento` for the machine writers (csv, tsv, json, jsonl): the same rows and
    summary, computed program after program as they are written, so that no more than a few
    thousand rows are ever held (a federal set has over a million). The summary lines are in
    `resumen` once the rows have been written."""
    from issste_mon.calc import cumplimiento as calc
    from issste_mon.salida.celdas import TablaPorPartes
    from issste_mon.salida.tabla import Repetidos

    if not calc.hay_filas(progs, anio, nivel):
        raise _sin_metas(specs, progs, nivel, anio, claves)
    resumen: list[str] = []

    def partes():
        acumulado = calc.Acumulado()
        etiqueta = metodologia.referencia
        for parte in calc.partes(
            progs, anio, metodologia=metodologia, nivel=nivel, acumulado=acumulado
        ):
            clave = parte["clave"]  # runs, one per indicator: the label as runs alike
            parte["metodologia"] = Repetidos([etiqueta] * len(clave.valores), clave.cuentas)
            yield parte

        def exacta():
            return calc.suma_exacta(progs, anio, metodologia=metodologia, nivel=nivel)

        resumen[:] = _resumen_cumplimiento(
            acumulado.resumen(metodologia, exacta),
            acumulado.anios,
            specs,
            progs,
            anio,
            metodologia,
        )

    return TablaPorPartes(
        "Cumplimiento de metas",
        _columnas_cumplimiento(metodologia),
        [],
        resumen=resumen,
        pie=_pie(metodologia),
        partes=partes,
    )


def _resumen_cumplimiento(r, anios: set[int], specs, progs, anio: Anio, metodologia) -> list[str]:
    """The lines after the table: the average and counts by rango (of every row), and a note
    where a dependency's published average rests on inputs the specs lack."""
    lo, hi = metodologia.rango_inferior, metodologia.rango_superior
    # with the decimals that keep it on its side of the band, as in the table: 89.9999999999999
    # was «90.00 %» beside «Bajo 1, Adecuado 0»
    bordes = metodologia.bordes_rango
    promedio = fmt_pct(r.promedio, 2, bordes) if r.promedio is not None else "no calculable"
    counts = ", ".join(f"{k} {v:,}" for k, v in r.por_rango.items())
    anios = sorted(anios)
    cuando = (
        f"año {anios[0]}"
        if len(anios) == 1
        else (f"años {', '.join(map(str, anios))}" if anios else "ningún año")
    )
    resumen = [
        f"Promedio de cumplimiento: {promedio}, promedio de {r.calculables:,} "
        f"{'indicador calculable' if r.calculables == 1 else 'indicadores calculables'} "
        f"(de {r.n:,}), {cuando}. Por rango ({fmt_tal_cual(lo)}–{fmt_tal_cual(hi)} %): {counts}."
    ]
    for dep in specs.dependencias:  # a published average rests on inputs the specs may lack
        if not any(p.ramo == dep.ramo for p in progs):
            continue
        for seccion, pub in sorted(dep.publicados.items()):
            nombre, _, anio_pub = seccion.partition(".")
            if nombre == "cumplimiento" and "promedio_proposito" in pub:
                if anio is not None and str(anio) != anio_pub:
                    continue
                resumen.append(
                    f"El promedio que publica CONEVAL para {dep.siglas} "
                    f"({pub['promedio_proposito']}, Propósito {anio_pub}) descansa en otros "
                    "insumos: el cumplimiento de los indicadores de Propósito de todos sus "
                    "programas, que las specs no tienen completos."
                )
    return resumen


def _columns(df) -> tuple[list[str], list[list]]:
    """The frame's column names and values as Python lists (what the rows will hold)."""
    keys = list(df.columns)
    return keys, [df[c].tolist() for c in keys]


def _rows(keys: list[str], columns: list[list]) -> list[dict]:
    """Rows as dicts, as df.to_dict("records") gives them, about 3× faster (column-wise)."""
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]


def _dependencias_y_programas(specs: SpecSet, claves: Claves) -> tuple[list, list]:
    """What `claves` names: dependencies (by siglas or clave, ISSSTE: the dependency level)
    and programs (E045, 51-E045). Without claves: every program and every dependency."""
    pedidas = [claves] if isinstance(claves, str) else list(claves or [])
    if not pedidas:
        return list(specs.dependencias), list(specs.programas)
    deps = {fold(d.siglas): d for d in specs.dependencias} | {
        fold(d.clave): d for d in specs.dependencias
    }
    de_dep = list({id(d): d for c in pedidas if (d := deps.get(fold(c))) is not None}.values())
    resto = [c for c in pedidas if fold(c) not in deps]
    return de_dep, seleccionar(specs.programas, resto) if resto else []


def presupuesto(specs: SpecSet, claves: Claves = None, anio: Anio = None) -> Tabla:
    from issste_mon.calc.base import TITULO_SUPUESTO
    from issste_mon.calc.presupuesto import calcular_presupuesto

    # A dependency's siglas (ISSSTE) names its own budget: the dependency level.
    de_dep, progs = _dependencias_y_programas(specs, claves)
    de_dep = de_dep if claves else []  # (without claves: the programs, as ever)
    rows = calcular_presupuesto([*progs, *de_dep], anio)
    if not rows:

        def anios(p):
            return {b.anio for b in p.presupuesto}

        elegidos = [*progs, *de_dep]
        hay = lambda: _hay("presupuesto", anios, elegidos, specs.programas, claves, anio)  # noqa: E731
        raise _no_rows("presupuesto", anio, claves, hay=hay)
    cols = [  # new columns go last: pipelines select the others by position
        *ID_COLS,
        # the spec's figures, as written (1,234.5678 is not «1,234.57»)
        C(
            "ejercido_mdp",
            "Ejercido (MDP)",
            "monto",
            estado=True,
            escrita=True,
            prioridad=80,
        ),
        C("ramo_mdp", "Ejercido del ramo (MDP)", "monto", estado=True, escrita=True),
        # the participation, the figure the command is for, is the last to leave a narrow
        # terminal (at 40 columns it went before the ramo's own total)
        C("porcentaje_ramo", "% del ramo", "pct", prioridad=PRIORIDAD_CIFRA),
        C("nota", "Nota"),
        C("precios", "Precios"),
        C(
            "asignado_mdp",
            "Asignado (MDP)",
            "monto",
            en_tabla=any(r["asignado_mdp"] for r in rows),
            escrita=True,
        ),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento que imprime las cifras del año (`fuente` en la spec)",
        ),
        C(
            "supuesto",
            TITULO_SUPUESTO,
            "booleano",
            en_tabla=False,
            descripcion="el % del ramo descansa en un ejercido o un ramo que la spec infiere "
            "(`inferido`), que ningún documento imprime (la nota dice cuál); nulo donde no hay "
            "porcentaje",
        ),
    ]
    titulo = "Presupuesto ejercido y participación en el ramo"
    return Tabla(titulo, cols, rows, pie=_fuentes(r.get("fuente") for r in rows))


def monitoreo(
    specs: SpecSet, metodologia: Metodologia, claves: Claves = None, anio: Anio = None
) -> Tabla:
    from issste_mon.calc.monitoreo import calcular_monitoreo

    # A dependency's siglas (ISSSTE) name its rows (subíndice and InMonitoreo), computed from
    # all its loaded programs, as `presupuesto ISSSTE` gives the dependency level.
    deps, progs = _dependencias_y_programas(specs, claves)

    def filas(anio: Anio) -> list[dict]:
        if not claves:
            return calcular_monitoreo(progs, anio, metodologia=metodologia, dependencias=deps)
        rows = calcular_monitoreo(progs, anio, metodologia=metodologia)
        if deps:
            de_dep = calcular_monitoreo(
                specs.programas, anio, metodologia=metodologia, dependencias=deps
            )
            rows += [r for r in de_dep if r["ambito"] != "programa"]
        return rows

    rows = filas(anio)
    if not rows:
        from issste_mon.consultas.vacios import hay_anios

        # specs made with `importar ised` hold SHCP's index, not CONEVAL's: say where it is
        ised = any(anio in (None, e.edicion) for p in progs for e in p.ised)
        pista = "tienen el ISeD de SHCP: pruebe `indice` ised" if ised else None

        # the years the same query has a valoración in (a year asked with none: which do);
        # programs with none at all: the programs that have one
        def hay() -> str | None:
            if anios := {r["anio"] for r in filas(None)}:
                return hay_anios("valoración de monitoreo", anios, claves) if anio else None
            return _hay(
                "valoración de monitoreo",
                lambda p: {m.anio for m in p.monitoreo},
                progs,
                specs.programas,
                claves,
                anio,
            )

        raise _no_rows("monitoreo", anio, claves, pista, hay, argumentos=("indice",))
    for row in rows:
        row["metodologia"] = metodologia.referencia
    cols = [
        # two rows «ISSSTE 2024» (the subíndice and the InMonitoreo) differ by their ámbito
        C("ambito", "Ámbito", prioridad=PRIORIDAD_LLAVE),
        *ID_COLS,
        C(
            "valoracion",
            "Valoración",
            "valoracion",
            3,
            bordes=metodologia.bordes(metodologia.inmonitoreo),
            prioridad=PRIORIDAD_CIFRA,  # the level's figure: without it the level is unchecked
        ),
        C(
            "nivel", "Nivel", prioridad=PRIORIDAD_CLASE
        ),  # its class: kept after the valoración and ámbito
        C("lugar", "Lugar"),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento que imprime la valoración (`fuente` del año en la spec)",
        ),
    ]
    pie = pie_con_fuentes(_pie(metodologia), rows=rows)
    return Tabla("Niveles de monitoreo (InMonitoreo, CONEVAL)", cols, rows, pie=pie)


def monitoreo_ised(
    specs: SpecSet, metodologia: Metodologia, claves: Claves = None, anio: Anio = None
) -> Tabla:
    """`monitoreo --indice ised`: SHCP's ISeD by program and edition, with its band."""
    from issste_mon.calc.ised import calcular_ised

    deps, progs = _dependencias_y_programas(specs, claves)
    if claves and deps:  # SHCP gives the ISeD of programs only
        siglas = ", ".join(d.siglas or d.clave for d in deps)
        raise SinDatos(
            f"el ISeD es de programas, no de dependencias ({siglas}): pida las claves de sus "
            "programas"
        )
    rows = calcular_ised(progs, anio, metodologia=metodologia)
    if not rows:
        ninguno = not any(p.ised for p in specs.programas)
        # (the library's function; the command line says its command)
        pista = "se importan de los datos abiertos de SHCP: `importar_ised`" if ninguno else None
        from issste_mon.consultas.vacios import anios_breves, de_quienes

        def ediciones(p):
            return {e.edicion for e in p.ised}

        def hay() -> str | None:
            if ninguno:
                return None
            if eds := {e for p in progs for e in ediciones(p)}:  # (the ISeD's years: editions)
                return f"ediciones del ISeD{de_quienes(claves)} en las specs: {anios_breves(eds)}"
            return _hay("ISeD", ediciones, progs, specs.programas, claves, anio)

        raise _no_rows("ISeD", anio, claves, pista, hay, funciones=("importar_ised",))
    for row in rows:
        row["metodologia"] = metodologia.referencia
    cols = columnas_ised(metodologia)
    n_ok = sum(1 for r in rows if r["coincide"])
    n_pub = sum(1 for r in rows if r["coincide"] is not None)
    # a published level beside an ND value is not checked: «0 de 0 con nivel publicado» beside
    # two published levels would say there were none. ND/NA (what the source published) and
    # no value at all (what the spec lacks) are said apart: «(ND o NA)» of an edition the spec
    # gives no value was a word the source never printed
    from issste_mon.modelo import es_numero
    from issste_mon.salida.plural import palabra

    con_nivel = [r for r in rows if r["nivel_publicado"] is not None and not es_numero(r["valor"])]
    publicados = [str(r["valor"]) for r in con_nivel if r["valor"] is not None]
    nd = len(publicados)
    ausentes = len(con_nivel) - nd
    # what the source published, as it is: «(ND o NA)» of three ND said SHCP might have
    # written NA; both only where both occur, in `calc.ised.FALTANTES`'s order
    from issste_mon.calc.ised import FALTANTES

    orden = list(FALTANTES)
    estados = sorted(set(publicados), key=lambda x: (orden.index(x), x) if x in orden else (9, x))
    resumen = [f"Nivel calculado igual al publicado: {n_ok:,} de {n_pub:,} con nivel publicado"]
    if con_nivel:
        partes = [f"{nd:,} con nivel publicado y sin valor ({' o '.join(estados)})"] if nd else []
        if ausentes:
            partes.append(f"{ausentes:,} con nivel publicado y sin valor en la spec")
        cuales = " y ".join(partes)
        resumen[0] += f" y valor; {cuales}: {palabra(len(con_nivel), 'no verificable')}"
    resumen[0] += "."
    # a level the source's own rule does not give its own value is not issste-mon's figure
    # against SHCP's: said as `verificar` says it, so «0 de 1» is not read as our error
    remite = {}
    if contradichas := [i for i, r in enumerate(rows) if r["contradiccion"]]:
        n = len(contradichas)
        resumen.append(
            f"{n:,} {Veredicto.contradiccion.en_numero(n)}: el nivel publicado "
            "no es el que la regla publicada da al valor publicado (la nota dice cuál)."
        )
        remite[resumen[-1]] = contradichas  # (where the Nota is cut, what it says, below)
    return Tabla(
        TITULO_ISED,
        cols,
        rows,
        resumen=resumen,
        pie=pie_con_fuentes(_pie(metodologia), rows=rows),
        remite_a_nota=remite,
    )


TITULO_ISED = "Índice de Seguimiento al Desempeño (ISeD, SHCP)"


def columnas_ised(metodologia: Metodologia) -> list[Columna]:
    """The columns of `monitoreo --indice ised`, which no row decides (--columnas is checked
    against them before the specs are read: the bundled set has no ISeD to learn them from)."""
    from issste_mon.calc.ised import DECIMALES as ised_decimales

    return [
        *ID_COLS,
        C(
            "valor",
            "ISeD",
            "valoracion",
            ised_decimales,
            bordes=metodologia.bordes(metodologia.ised),
            prioridad=PRIORIDAD_CIFRA,
            escrita=True,  # RESULTADO_ISED as recorded: machines get every decimal, not 10
            # SHCP's «ND» is not an edition without a value: people read ND, machines get null
            # and `valor_estado` ND / NA / ausente (cumplimiento's convention)
            estado=True,
            ausente=True,
        ),
        C("nivel", "Nivel", prioridad=PRIORIDAD_CLASE),
        C("nivel_publicado", "Nivel publicado"),
        C(
            "coincide",
            "Coincide",
            "booleano",
            vacio=Veredicto.no_verificable.value,
            descripcion="vacío: no verificable (sin nivel publicado, o sin valor que clasificar)",
        ),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento o archivo que publica el ISeD (`fuente` de la edición)",
        ),
    ]


def publicado_es_mx(texto):
    """A published number written as issste-mon writes the computed one: «114%» → «114 %»,
    «$52,587.8» → «$ 52,587.8»; the same decimals. Categories and statements stay as printed."""
    from issste_mon.auditoria.comparar import como_publicado
    from issste_mon.salida.numfmt import parse_publicado

    pub = parse_publicado(texto) if isinstance(texto, str) else None
    return como_publicado(pub, pub.valor) if pub is not None else texto


def verificar(
    specs: SpecSet, metodologia: Metodologia, claves: Claves = None, anio: Anio = None
) -> Tabla:
    """Every published figure against the computation, one row each, located file:line."""
    return verificacion(specs, metodologia, claves, anio).tabla


def verificacion(
    specs: SpecSet, metodologia: Metodologia, claves: Claves = None, anio: Anio = None
) -> auditoria.Verificacion:
    """The verification report: findings, their verdict counts and the table."""
    from issste_mon import auditoria
    from issste_mon.auditoria.ubicar import ubicar

    hallazgos = auditoria.verificar(specs, metodologia, claves, anio)
    elegidos = auditoria.elegir(specs, claves)
    archivos = {
        r.archivo: r.clave
        for r in (*specs.programas, *specs.dependencias, *specs.derivados)
        if elegidos is None or id(r) in elegidos
    }
    ubicar(
        hallazgos,
        archivos,
        completar=anio is None,
        ubicados=specs.publicados,
        lugares=specs.lugares,
    )
    if not hallazgos:

        def hay() -> str | None:  # the years the same selection has published figures in
            from issste_mon.consultas.vacios import hay_anios

            if anio is None:
                return None
            todos = auditoria.verificar(specs, metodologia, claves, None)
            return hay_anios("cifras publicadas", {h.anio for h in todos if h.anio}, claves)

        raise _no_rows("cifras publicadas", anio, claves, hay=hay)
    # each file's ramo, for people only: «E827» of ramo 4 and of ramo 12 read alike where every
    # other table says «4-E827» (the machine rows have the file)
    ramos = {r.archivo: r.ramo for r in (*specs.programas, *specs.dependencias, *specs.derivados)}
    orden = {a: i for i, a in enumerate(specs.archivos)}
    hallazgos.sort(key=lambda h: (orden.get(h.archivo, len(orden)), h.linea or 0, h.columna or 0))
    rows = []
    estilo: dict = {}  # each published text in the computed style, once (few distinct)
    for h in hallazgos:
        row = h.fila()
        # The file as given, as in `archivo` and every message: made relative to the cwd, an
        # absolute --specs below it gave another `ubicacion` from each folder it was run in.
        row["ubicacion"] = f"{h.archivo}:{h.linea}" if h.linea else h.archivo
        row["ramo"] = ramos.get(h.archivo)
        row["nota"] = row["explicacion"] or row["motivo"]
        row["metodologia"] = metodologia.referencia
        # «114%» beside «114 %» reads as a disagreement: people see the published figure in
        # the style of the computed one (es-MX, same decimals); the text as printed stays in
        # `publicado_texto`.
        row["publicado_texto"] = texto = row["publicado"]
        # A statement stays as printed, as its calculado is written (`resumen --enunciados`:
        # «60%» and «60%»); restyled, «el 60% de los objetivos» read «60 %» beside «60%».
        if row["tipo"] != "enunciado.publicado":
            if texto not in estilo:
                estilo[texto] = publicado_es_mx(texto)
            row["publicado"] = estilo[texto]
        rows.append(row)
    cols = [
        C("ubicacion", "Ubicación", en_tabla=True),
        C("archivo", "Archivo", en_tabla=False),
        C("linea", "Línea", "conteo", en_tabla=False),
        C("columna", "Columna", "conteo", en_tabla=False),
        C("campo", "Campo", en_tabla=False),
        C("clave", "Clave", ramo="ramo"),
        C("anio", "Año", "anio", en_tabla=False),
        # which figure a verdict is of: at 60 columns verdicts of no one stood beside the clave
        C("cifra", "Cifra", ancho=40, prioridad=PRIORIDAD_LLAVE),
        C("tipo", "Tipo", en_tabla=False),
        C(
            "publicado",
            "Publicado",
            ancho=24,
            descripcion="la cifra publicada en el estilo de «calculado» (es-MX: 114 %)",
            # the figures the verdict compares are part of its answer: whole, or the rows as
            # records (at 120 columns the table left both out and showed bare verdicts)
            prioridad=PRIORIDAD_CIFRA,
        ),
        C(
            "publicado_texto",
            "Publicado (texto)",
            en_tabla=False,
            descripcion="la cifra tal como la imprime el documento y la registra la spec (114%)",
        ),
        C("calculado", "Calculado", prioridad=PRIORIDAD_CIFRA),
        C("valor_calculado", "Valor calculado", "cualquiera", en_tabla=False),
        C("veredicto", "Veredicto", "veredicto"),
        C("explicacion", "Explicación", en_tabla=False),
        C("motivo", "Motivo", en_tabla=False),
        C("nota", "Explicación / motivo", en_tabla=True),
        C("metodologia", "Metodología", en_tabla=False),
        C(
            "fuente",
            "Fuente",
            en_tabla=False,
            descripcion="documento que publica la cifra, como lo nombra la spec: la `fuente` "
            "de su año o enunciado, o la del indicador, o la del programa",
        ),
    ]
    recuento = auditoria.Recuento.de(hallazgos)
    resumen = [auditoria.resumen(recuento)]
    pie = pie_con_fuentes(_pie(metodologia), rows=rows)  # which methodology, which documents
    tabla = Tabla("Verificación de cifras publicadas", cols, rows, resumen=resumen, pie=pie)
    return auditoria.Verificacion(hallazgos, recuento, tabla)
