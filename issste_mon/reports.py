"""The library layer behind each command: specs + options in, a `Tabla` out.

The CLI only parses arguments and prints what these return, so `--formato json` output is
exactly `render.machine_rows()` of these tables (a test checks it).
"""

from __future__ import annotations

from issste_mon.claves import seleccionar
from issste_mon.errors import UsageError
from issste_mon.loader import SpecSet
from issste_mon.methodology import Metodologia
from issste_mon.numfmt import fmt_pct
from issste_mon.render import Columna, Tabla

C = Columna
ID_COLS = [C("clave", "Clave"), C("ramo", "Ramo", "entero", en_tabla=False), C("anio", "Año")]


def _pie(metodologia: Metodologia) -> str:
    return f"Metodología: {metodologia.etiqueta} ({metodologia.archivo})"


def _no_rows(what: str, anio: int | None, claves: list[str] | None) -> UsageError:
    scope = f" de {', '.join(claves)}" if claves else ""
    year = f" para el año {anio}" if anio is not None else ""
    return UsageError(f"no hay datos de {what}{scope}{year} en las specs cargadas")


def programas(specs: SpecSet) -> Tabla:
    rows = []
    for p in sorted(specs.programas, key=lambda p: (p.ramo, p.clave)):
        years = p.anios()
        rows.append(
            {
                "clave": p.clave,
                "ramo": p.ramo,
                "nombre": p.nombre,
                "dependencia": p.dependencia,
                "anios": f"{years[0]}–{years[-1]}"
                if len(years) > 1
                else (str(years[0]) if years else ""),
                "indicadores": len(p.mir),
                "archivo": p.archivo,
            }
        )
    cols = [
        C("clave", "Clave"),
        C("ramo", "Ramo", "entero"),
        C("nombre", "Nombre", ancho=48),
        C("dependencia", "Dependencia"),
        C("anios", "Años con datos"),
        C("indicadores", "Indicadores MIR", "entero"),
        C("archivo", "Archivo", en_tabla=False),
    ]
    return Tabla("Programas cargados", cols, rows)


def cobertura(specs: SpecSet, metodologia: Metodologia, claves=None, anio=None) -> Tabla:
    from issste_mon.calc import cobertura as calc

    limite = float(metodologia.raw.get("cobertura", {}).get("alerta_mayor_a", 100))
    rows, avisos = calc.calcular(seleccionar(specs.programas, claves), anio, limite)
    if not rows:
        raise _no_rows("poblaciones", anio, claves)
    cols = [
        *ID_COLS,
        C("componente", "Componente", ancho=30),
        C("unidad_medida", "Unidad de medida", ancho=24),
        C("potencial", "Potencial (PP)", "entero"),
        C("objetivo", "Objetivo (PO)", "entero"),
        C("atendida", "Atendida (PA)", "entero"),
        C("cobertura_pct", "PA/PO", "pct"),
        C("po_pp_pct", "PO/PP", "pct"),
        C("mayor_100", "PA > PO", en_tabla=False),
        C("nota", "Nota"),
    ]
    return Tabla("Cobertura (PA/PO y PO/PP)", cols, rows, avisos=avisos)


def cumplimiento(
    specs: SpecSet, metodologia: Metodologia, claves=None, anio=None, nivel=None
) -> Tabla:
    from issste_mon.calc import cumplimiento as calc

    progs = seleccionar(specs.programas, claves)
    df = calc.calcular(calc.frame(progs, anio, nivel, metodologia), metodologia)
    if df.empty:
        raise _no_rows(
            "metas de indicadores" + (f" de nivel {nivel}" if nivel else ""), anio, claves
        )
    df["metodologia"] = metodologia.etiqueta
    from issste_mon.calc.tendencias import semaforos

    df["semaforo"] = semaforos(progs, df, metodologia)  # SHCP's own colour, where recorded
    cols = [
        *ID_COLS,
        C("id", "Id"),
        C("nivel", "Nivel"),
        C("indicador", "Indicador", ancho=36),
        C("sentido", "Sentido"),
        C("meta", "Meta", "numero"),
        C("valor", "Valor", "numero"),
        C("cumplimiento_pct", "Cumplimiento", "pct"),
        C("rango", "Rango", "rango"),
        C("semaforo", "Semáforo"),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
    ]
    r = calc.resumir(df, metodologia)
    lo, hi = metodologia.rango_inferior, metodologia.rango_superior
    promedio = fmt_pct(r.promedio) if r.promedio is not None else "no calculable"
    counts = ", ".join(f"{k} {v}" for k, v in r.por_rango.items())
    resumen = [
        f"Promedio de cumplimiento: {promedio} ({r.calculables} de {r.n} indicadores "
        f"calculables). Por rango ({lo:g}–{hi:g} %): {counts}."
    ]
    return Tabla(
        "Cumplimiento de metas", cols, _records(df), resumen=resumen, pie=_pie(metodologia)
    )


def _records(df) -> list[dict]:
    """Rows as dicts, as df.to_dict("records") gives them, about 3× faster (column-wise)."""
    cols = list(df.columns)
    columns = [df[c].tolist() for c in cols]
    return [dict(zip(cols, row, strict=True)) for row in zip(*columns, strict=True)]


def presupuesto(specs: SpecSet, claves=None, anio=None) -> Tabla:
    from issste_mon.calc import presupuesto as calc

    rows = calc.calcular(seleccionar(specs.programas, claves), anio)
    if not rows:
        raise _no_rows("presupuesto", anio, claves)
    cols = [
        *ID_COLS,
        C("ejercido_mdp", "Ejercido (MDP)", "monto"),
        C("ramo_mdp", "Ejercido del ramo (MDP)", "monto"),
        C("porcentaje_ramo", "% del ramo", "pct"),
        C("nota", "Nota"),
    ]
    return Tabla("Presupuesto ejercido y participación en el ramo", cols, rows)


def monitoreo(specs: SpecSet, metodologia: Metodologia, claves=None, anio=None) -> Tabla:
    from issste_mon.calc import monitoreo as calc

    progs = seleccionar(specs.programas, claves)
    deps = specs.dependencias if not claves else []
    rows = calc.calcular(progs, deps, metodologia, anio)
    if not rows:
        raise _no_rows("monitoreo", anio, claves)
    for row in rows:
        row["metodologia"] = metodologia.etiqueta
    cols = [
        C("ambito", "Ámbito"),
        *ID_COLS,
        C("valoracion", "Valoración", "valoracion", 3),
        C("nivel", "Nivel"),
        C("lugar", "Lugar"),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
    ]
    return Tabla("Niveles de monitoreo (InMonitoreo, CONEVAL)", cols, rows, pie=_pie(metodologia))


def monitoreo_ised(specs: SpecSet, metodologia: Metodologia, claves=None, anio=None) -> Tabla:
    """`monitoreo --indice ised`: SHCP's ISeD by program and edition, with its band."""
    from issste_mon.calc import ised as calc

    rows = calc.calcular(seleccionar(specs.programas, claves), metodologia, anio)
    if not rows:
        raise _no_rows("ISeD", anio, claves)
    for row in rows:
        row["metodologia"] = metodologia.etiqueta
    cols = [
        *ID_COLS,
        C("valor", "ISeD", "valoracion", 3),
        C("nivel", "Nivel"),
        C("nivel_publicado", "Nivel publicado"),
        C("coincide", "Coincide"),
        C("nota", "Nota"),
        C("metodologia", "Metodología", en_tabla=False),
    ]
    n_ok = sum(1 for r in rows if r["coincide"])
    n_pub = sum(1 for r in rows if r["coincide"] is not None)
    resumen = [f"Nivel calculado igual al publicado: {n_ok} de {n_pub} con nivel publicado."]
    return Tabla(
        "Índice de Seguimiento al Desempeño (ISeD, SHCP)",
        cols,
        rows,
        resumen=resumen,
        pie=_pie(metodologia),
    )


def verificar(specs: SpecSet, metodologia: Metodologia, claves=None, anio=None) -> Tabla:
    """Every published figure against the computation, one row each, located file:line."""
    import os

    from issste_mon import auditoria
    from issste_mon.auditoria.ubicar import ubicar

    hallazgos = auditoria.verificar(specs, metodologia, claves, anio)
    elegidos = auditoria.elegir(specs, claves)
    archivos = {
        r.archivo: r.clave
        for r in (*specs.programas, *specs.dependencias, *specs.derivados)
        if elegidos is None or id(r) in elegidos
    }
    ubicar(hallazgos, archivos, completar=anio is None)
    if not hallazgos:
        raise _no_rows("cifras publicadas", anio, claves)
    orden = {a: i for i, a in enumerate(specs.archivos)}
    hallazgos.sort(key=lambda h: (orden.get(h.archivo, len(orden)), h.linea or 0, h.columna or 0))
    rows = []
    for h in hallazgos:
        row = h.fila()
        shown = os.path.relpath(h.archivo) if not h.archivo.startswith("<") else h.archivo
        if shown.startswith(".."):
            shown = h.archivo
        row["ubicacion"] = f"{shown}:{h.linea}" if h.linea else shown
        row["nota"] = row["explicacion"] or row["motivo"]
        row["metodologia"] = metodologia.etiqueta
        rows.append(row)
    cols = [
        C("ubicacion", "Ubicación", en_tabla=True),
        C("archivo", "Archivo", en_tabla=False),
        C("linea", "Línea", "entero", en_tabla=False),
        C("columna", "Columna", "entero", en_tabla=False),
        C("campo", "Campo", en_tabla=False),
        C("clave", "Clave"),
        C("anio", "Año", en_tabla=False),
        C("cifra", "Cifra", ancho=40),
        C("tipo", "Tipo", en_tabla=False),
        C("publicado", "Publicado", ancho=24),
        C("calculado", "Calculado"),
        C("valor_calculado", "Valor calculado", en_tabla=False),
        C("veredicto", "Veredicto", "veredicto"),
        C("explicacion", "Explicación", en_tabla=False),
        C("motivo", "Motivo", en_tabla=False),
        C("nota", "Explicación / motivo", en_tabla=True),
        C("metodologia", "Metodología", en_tabla=False),
    ]
    resumen = [auditoria.resumen(auditoria.contar(rows))]
    return Tabla(
        "Verificación de cifras publicadas", cols, rows, resumen=resumen, pie=_pie(metodologia)
    )
