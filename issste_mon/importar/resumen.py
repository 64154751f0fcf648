"""The end-of-import summary and the per-file change list, as lines for people."""

from __future__ import annotations

from dataclasses import dataclass

from issste_mon.importar.comun import Lote
from issste_mon.importar.escritura import Plan
from issste_mon.importar.fusion import EnSerieInferida, NotaDistinta
from issste_mon.salida.numfmt import fmt_number
from issste_mon.salida.plural import palabra, plural


@dataclass
class Totales:
    creados: int = 0
    actualizados: int = 0
    sin_cambios: int = 0
    no_modificados: int = 0  # existing file not valid, or result not valid
    indicadores: int = 0
    anios: int = 0
    componentes: int = 0
    conflictos: int = 0
    reemplazados: int = 0
    sin_resolver: int = 0  # conflicts --reemplazar cannot settle (a row of two candidates)
    una_para_varias: int = 0  # of those: source rows that one row of the file may be
    en_serie_inferida: int = 0  # of those: figures of a series still marked `inferido`
    notas: int = 0  # conflicts of a nota's text only (`NotaDistinta`)


def totales(plan: Plan) -> Totales:
    t = Totales()
    for acc in plan.acciones:
        inf = acc.informe
        if acc.error:
            t.no_modificados += 1
            continue
        if acc.nueva:
            t.creados += 1
        elif inf.cambia:
            t.actualizados += 1
        else:
            t.sin_cambios += 1
        t.indicadores += inf.indicadores
        t.anios += inf.anios
        t.componentes += inf.componentes
        t.conflictos += len(inf.conflictos)
        t.sin_resolver += sum(1 for c in inf.conflictos if not c.resuelto_con_reemplazar)
        t.una_para_varias += sum(
            1 for c in inf.conflictos if len(getattr(c, "candidatos", ())) == 1
        )
        t.en_serie_inferida += sum(1 for c in inf.conflictos if isinstance(c, EnSerieInferida))
        t.notas += sum(1 for c in inf.conflictos if isinstance(c, NotaDistinta))
        t.reemplazados += inf.reemplazados
    return t


def cambios(plan: Plan, simular: bool) -> list[str]:
    """One line per file that changes (and, when simulating, one per change inside it)."""
    lines = []
    for acc in plan.acciones:
        rel = plan.relativa(acc.ruta)
        if acc.error:
            continue
        if acc.nueva:
            verbo = "se crearía" if simular else "creado"
        elif acc.informe.cambia:
            verbo = "se actualizaría" if simular else "actualizado"
        else:
            continue
        lines.append(f"{verbo}: {rel} ({acc.programa})")
        if simular:
            # a new file: its sections, not each of its identity fields
            cambios_ = [r for r in acc.informe.agregados if not acc.nueva or "." in r or "[" in r]
            lines.extend(f"  + {r}" for r in cambios_)
    return lines


def _ya_no_inferidos(plan: Plan) -> list[str]:
    """«poblaciones.2017.objetivo de 51-E018»: each figure the spec marked `inferido` that the
    import wrote, so no longer deduced (nothing the person wrote goes unsaid)."""
    return [
        f"{ruta} de {acc.programa}"
        for acc in plan.acciones
        if not acc.error
        for ruta in acc.informe.ya_no_inferidos
    ]


def _n(x: int) -> str:
    return fmt_number(x, 0)


def resumen(lote: Lote, plan: Plan, simular: bool, reemplazar: bool) -> list[str]:
    t = totales(plan)
    pref = (
        palabra(t.creados, "se crearía", "se crearían") if simular else palabra(t.creados, "creado")
    )
    act = (
        palabra(t.actualizados, "se actualizaría", "se actualizarían")
        if simular
        else palabra(t.actualizados, "actualizado")
    )
    importadas = lote.filas - sum(lote.omitidas.values())
    out = [
        f"Fuente: {lote.fuente}: {plural(lote.filas, 'fila')} {palabra(lote.filas, 'leída')}, "
        f"{_n(importadas)} {palabra(importadas, 'importada')}.",
        f"Programas: {_n(t.creados)} {pref}, {_n(t.actualizados)} {act}, "
        f"{_n(t.sin_cambios)} sin cambios"
        + (f", {_n(t.no_modificados)} sin modificar por errores" if t.no_modificados else "")
        + ".",
        f"Nuevos: {plural(t.indicadores, 'indicador', 'indicadores')}, "
        f"{plural(t.anios, 'año o edición', 'años o ediciones')}, "
        f"{plural(t.componentes, 'componente', 'componentes')} de población.",
    ]
    if t.conflictos:
        acciones = []
        if reemplazar and t.conflictos > t.sin_resolver:
            acciones.append(
                f"{_n(t.reemplazados)} {palabra(t.reemplazados, 'reemplazado')} (`reemplazar`)"
            )
        elif t.conflictos > t.sin_resolver + t.notas:
            acciones.append("se conserva el valor del archivo; `reemplazar` lo sustituye")
        if t.notas and not reemplazar:  # (`reemplazar` joins a nota: it does not replace it)
            acciones.append(
                f"{plural(t.notas, 'nota')} que solo {palabra(t.notas, 'difiere', 'difieren')} "
                "en su texto: se conserva la del archivo"
            )
        una, serie = t.una_para_varias, t.en_serie_inferida
        varias = t.sin_resolver - una - serie
        if varias:
            acciones.append(
                f"{plural(varias, 'fila')} de la fuente que "
                f"{palabra(varias, 'puede', 'pueden')} ser más de una del archivo: no se "
                f"{palabra(varias, 'importa', 'importan')}, ni con `reemplazar`"
            )
        if una:
            acciones.append(
                f"{plural(una, 'fila')} de la fuente que {palabra(una, 'puede', 'pueden')} ser "
                f"una misma del archivo: no se {palabra(una, 'importa', 'importan')}, ni con "
                "`reemplazar`"
            )
        if serie:
            acciones.append(
                f"{plural(serie, 'cifra')} de una serie que la spec marca `inferido` y que "
                f"{palabra(serie, 'seguiría marcada', 'seguirían marcadas')} por otros años: no se "
                f"{palabra(serie, 'importa', 'importan')}, ni con `reemplazar`"
            )
        out.append(f"Conflictos: {_n(t.conflictos)} ({'; '.join(acciones)}).")
    else:
        out.append("Conflictos: 0.")
    if ya_no := _ya_no_inferidos(plan):
        out.append(
            f"Ya no inferidos: {'; '.join(ya_no)} (la fuente los imprime y `reemplazar` los "
            "escribió: se quitan de `inferido`)."
        )
    if lote.conflictos:
        claves = lote.claves_contradictorias
        repetidas = len(lote.conflictos) - claves
        que = ["filas repetidas con otros valores; se conserva la primera"] if repetidas else []
        if claves:
            que.append(
                f"{plural(claves, 'fila')} cuyas columnas de clave nombran programas distintos; "
                + palabra(claves, "se omite", "se omiten")
            )
        out.append(f"Conflictos en la fuente: {_n(len(lote.conflictos))} ({'; '.join(que)}).")
    if lote.omitidas:
        motivos = "; ".join(f"{m}: {_n(n)}" for m, n in lote.omitidas.most_common())
        out.append(f"Filas omitidas: {_n(sum(lote.omitidas.values()))} ({motivos}).")
    if lote.corregidas:
        fixes = "; ".join(
            f"{campo} «{orig}» → {canon} ({_n(n)})"
            for (campo, orig, canon), n in lote.corregidas.most_common()
        )
        out.append(f"Categorías corregidas: {fixes}.")
    if simular:
        out.append("Simulación: no se escribió ningún archivo.")
    return out
