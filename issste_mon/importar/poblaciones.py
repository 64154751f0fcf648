"""SHCP's population file (2017 layout: potencial / objetivo / atendida by program and component)
→ `poblaciones.<año>.componentes` of each program.

Each row is one component with its own unit of measure, so every row becomes a component (never
summed into a program total here: `cobertura` totals only components that share a unit). A
population's total is `indistinto`, else `areas_de_enfoque` (populations that are not people),
else hombres + mujeres; a total that disagrees with hombres + mujeres is kept and reported. An
empty population is ND; a cell with text instead of a number is ND with the text kept in `nota`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from issste_mon.errores import EntradaInvalida
from issste_mon.importar import fuente
from issste_mon.importar.comun import (
    Filtro,
    Lote,
    NoNumero,
    ProgramaNuevo,
    doc_base,
    entero,
    numero,
    programa_de,
    texto,
)
from issste_mon.vocab import fold

REQUERIDAS = ["Ramo", "Clave_Pp", "Desc_Pp", "Unidad_medida_PO", "Bien,_servicio_o_apoyo"]
REQUERIDAS += [
    f"Poblacion_{p}_{d}"
    for p in ("potencial", "objetivo", "atendida")
    for d in ("hombres", "mujeres", "indistinto")
]
POBLACIONES = (("potencial", "PP"), ("objetivo", "PO"), ("atendida", "PA"))


def anio_de(nombre_archivo: str) -> int | None:
    """The fiscal year in a file name (poblaciones_2017.csv → 2017), if there is exactly one."""
    years = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", nombre_archivo))
    return int(years.pop()) if len(years) == 1 else None


def leer(
    archivo: str, anio: int | None, filtro: Filtro, codificacion: str = "utf-8-sig", progreso=None
) -> Lote:
    anio = anio or anio_de(archivo)
    if anio is None:
        raise EntradaInvalida(
            f"no se deduce el año fiscal del nombre {archivo}: indíquelo con --anio",
        )
    _, filas = fuente.abrir(
        archivo,
        codificacion,
        REQUERIDAS,
        progreso,
        "un archivo de poblaciones con el formato de 2017",
    )
    return mapear(filas, anio, filtro, Lote(archivo))


def mapear(filas: Iterable[tuple[int, dict]], anio: int, filtro: Filtro, lote: Lote) -> Lote:
    """Rows of the population file → one program per (ramo, clave) with its components."""
    for linea, row in filas:
        lote.filas += 1
        ident = programa_de(row, linea, lote, "Ramo", "Clave_Pp", filtro)
        if ident is None:
            continue
        prog = lote.programas.get(ident)
        if prog is None:
            doc = doc_base(*ident, row, {"dependencia": "Desc_ramo", "nombre": "Desc_Pp"})
            doc["poblaciones"] = {anio: {"componentes": []}}
            prog = lote.programas[ident] = ProgramaNuevo(*ident, doc)
        comps = prog.doc["poblaciones"][anio]["componentes"]
        comps.append(_componente(row, linea, comps, lote, prog.id_completo))
    return lote


def _componente(row: dict, linea: int, hermanos: list[dict], lote: Lote, quien: str) -> dict:
    nombre = " ".join((texto(row.get("Bien,_servicio_o_apoyo")) or "").split())
    nombre = nombre or f"Componente {len(hermanos) + 1}"
    usados = {fold(c["nombre"]) for c in hermanos}
    if fold(nombre) in usados:  # the same support listed twice: keep both, apart
        n = 2
        while fold(f"{nombre} ({n})") in usados:
            n += 1
        nombre = f"{nombre} ({n})"
    unidad_po = _unidad(row.get("Unidad_medida_PO"))
    unidad_pp = _unidad(row.get("Unidad_medida_PP"))
    comp: dict = {"nombre": nombre, "unidad_medida": unidad_po or unidad_pp or "No especificada"}
    notas = []
    if unidad_pp and unidad_po and fold(unidad_pp) != fold(unidad_po):
        notas.append(f"unidad de medida de la PP: {unidad_pp}")
    for campo, sigla in POBLACIONES:
        valor, hm, nota = _total(row, campo, sigla, linea, lote, quien, nombre)
        comp[campo] = valor
        if nota:
            notas.append(nota)
        if campo == "atendida" and hm is not None:
            comp["hombres"], comp["mujeres"] = hm
    try:
        corte = entero(row.get("Año_corte_poblacion_atendida"))
    except NoNumero:
        corte = None
    if corte is not None:
        comp["corte"] = corte
    fuente = texto(row.get("Fuente_poblacion_atendida"))
    if fuente:
        comp["fuente"] = " ".join(fuente.split())
    if notas:
        comp["nota"] = "; ".join(notas)
    return comp


def _unidad(valor) -> str | None:
    t = texto(valor)
    return " ".join(t.split()) if t else None


def _total(row, campo, sigla, linea, lote, quien, nombre):
    """(total or ND, (hombres, mujeres) when both given, nota for text found in a number cell)."""
    vals, textos = {}, []
    for d in ("hombres", "mujeres", "indistinto", "areas_de_enfoque"):
        cell = row.get(f"Poblacion_{campo}_{d}")
        try:
            vals[d] = numero(cell)
        except NoNumero as exc:
            vals[d] = None
            textos.append(f"{sigla} ({d.replace('_', ' ')}): «{' '.join(str(exc).split())}»")
    h, m = vals["hombres"], vals["mujeres"]
    suma = None if h is None and m is None else (h or 0) + (m or 0)
    total = next((vals[d] for d in ("indistinto", "areas_de_enfoque") if vals[d] is not None), None)
    if total is None:
        total = suma
    elif h is not None and m is not None and suma != total:
        lote.aviso(
            linea,
            f"{quien} «{nombre}»: {sigla} {total:,} no coincide con hombres + mujeres "
            f"({h:,} + {m:,} = {suma:,}); se usa {total:,}",
        )
    nota = None
    if textos:
        nota = "texto en lugar de cifra: " + "; ".join(textos)
        if total is None:
            lote.aviso(linea, f"{quien} «{nombre}»: {nota}; se registra ND")
    hm = (h, m) if h is not None and m is not None else None
    return (total if total is not None else "ND"), hm, nota
