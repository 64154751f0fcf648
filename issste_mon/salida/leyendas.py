"""What goes under a table for people: what a ⚠ means and what each marked row rests on, the
notas a summary line sends to, and lines wrapped without breaking a figure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from issste_mon.salida.anchos import Plan, ancho_de, columnas_llave, prioridad
from issste_mon.salida.plural import plural
from issste_mon.salida.tabla import PRIORIDAD_CIFRA, Columna, Tabla, en_columna

if TYPE_CHECKING:
    from collections.abc import Callable

# A figure and its share or unit read as one: «Superado 5 (33%)», «113.08 %» — a summary
# wrapped at a terminal's edge printed «No alcanzada 4» and «(27%)» on two lines.
UNA_CIFRA = re.compile(r"\d[\d,.]*(?: \(\d[\d,.]*\s?%\)| %)")


def en_renglones(texto: str, ancho: int) -> list[str]:
    """`texto` wrapped at spaces in `ancho` columns, never inside a figure (`UNA_CIFRA`)."""
    import textwrap

    if ancho <= 0 or len(texto) <= ancho:
        return [texto]
    unido = UNA_CIFRA.sub(lambda m: m.group().replace(" ", "\x00"), texto)
    partes = textwrap.wrap(
        unido, ancho, break_long_words=False, break_on_hyphens=False, drop_whitespace=True
    )
    return [x.replace("\x00", " ") for x in partes] or [texto]


def con_sangria(texto: str, ancho: int, sangria: str = "    ") -> list[str]:
    """`en_renglones` of an indented line, its continuation indented further (a row's reason
    under the ⚠'s legend reads as part of it)."""
    renglones = en_renglones(texto, ancho)
    if len(renglones) == 1:
        return renglones
    resto = en_renglones(" ".join(renglones[1:]), ancho - len(sangria))
    return [renglones[0], *(sangria + r for r in resto)]


def leyendas(
    tabla: Tabla,
    cols: list[Columna],
    plan: Plan,
    cells=None,
    donde: Callable[[str], str] = en_columna,
) -> list[str]:
    """One line per shown column with a ⚠ in some row: «⚠ junto a PA/PO: PA > PO.» (the
    title of the column that marks it). Where the terminal left the Nota out or cut it
    (`cells`: the texts shown, by row), what it would have said, row by row: what each ⚠
    rests on, where the ⚠'s title sends to the nota («la nota dice en qué»), and why the
    table's figure is «—» (at 80 columns `cumplimiento` said «la nota dice en qué» of a Nota
    it did not show, and E043's «—» beside a published 104.5 % said nothing).
    `donde`: where a column's whole text is, said where the reasons are too many to list
    (`salida.tabla.en_columna`, the column alone, to a Python caller; the command line adds
    how to get it: `cli.common.Remision`)."""
    out = abreviaturas([cols[i] for i in sorted(plan.anchos)])
    # rows whose whole nota is listed: under a summary line that sends to it (`remitidas`),
    # then under «— en …»; never twice (`tendencias` listed E043's under both)
    dichas = {n for line in tabla.resumen for n in tabla.remite_a_nota.get(line, ())}
    for i in sorted(plan.anchos):
        c = cols[i]
        for clave, motivo in c.motivos():
            marcadas = [n for n, r in enumerate(tabla.filas) if r.get(clave)]
            if not marcadas:
                continue
            if motivo is None:  # (what `alerta` means is its column's title)
                try:
                    motivo = tabla.columna(clave).titulo
                except KeyError:
                    continue
            if motivo[1:2].islower():  # a sentence after the colon (not «PA > PO»)
                motivo = motivo[0].lower() + motivo[1:]
            out.append(f"⚠ junto a {c.titulo}: {motivo}.")
            if "la nota dice" in motivo and cells is not None:
                out += _por_fila(
                    tabla, cols, plan, cells, marcadas, _descansa, "descansa en ", donde
                )
    for i in sorted(plan.anchos) if cells is not None else ():
        c = cols[i]
        # the figure the table answers, or one it classifies (a Rango beside it): `tendencias`
        # showed eight «—» in Cumplimiento, its Nota left out at 80 columns, and no word why
        clasificada = prioridad(c) == PRIORIDAD_CIFRA or bool(c.bordes)
        if not clasificada or c.tipo not in ("pct", "valoracion"):
            continue
        vacias = [  # (- in ASCII)
            n for n, fila in enumerate(cells) if fila[i] in ("—", "-") and n not in dichas
        ]
        lineas = _por_fila(tabla, cols, plan, cells, vacias, _nota, "", donde)
        if lineas:
            out += [f"— en {c.titulo}: no calculable (la nota dice por qué).", *lineas]
            dichas.update(vacias)
    return out + _cortadas(tabla, cols, plan, cells, dichas, donde)


def _cortadas(
    tabla: Tabla, cols, plan: Plan, cells, dichas: set[int], donde=en_columna
) -> list[str]:
    """The notas the terminal shows cut («calculado…todología)»), whole, row by row: what a
    figure rests on is never hidden by the width (`monitoreo` at 80 and 120 columns cut the
    InMonitoreo's «… (ponderación: inferido de la metodología)», the rule it rests on). Not the
    rows listed above already, nor a nota that only says what a ⚠ rests on (listed with it)."""
    nota = next((k for k, col in enumerate(cols) if col.clave == "nota"), None)
    ancho = None if nota is None or cells is None else plan.anchos.get(nota)
    if not ancho:  # (no Nota shown: the line of omitted columns says how to get it)
        return []
    cortadas = [
        n
        for n, fila in enumerate(cells)
        if n not in dichas
        and ancho_de(fila[nota]) > ancho
        and not _nota(tabla.filas[n]).startswith(_DESCANSA)
    ]
    lineas = _por_fila(tabla, cols, plan, cells, cortadas, _nota, "", donde)
    return ["Notas que el ancho de la terminal corta:", *lineas] if lineas else []


def abreviaturas(cols: list[Columna]) -> list[str]:
    """«A: avance hacia la meta sexenal, …»: what each shown column titled by a letter or two
    means (its `descripcion`). `sexenal` headed two columns «A» and «E», short to outlive the
    names in a narrow terminal, and said nowhere what they were."""
    return [f"{c.titulo}: {c.descripcion}." for c in cols if len(c.titulo) <= 2 and c.descripcion]


# the words `calc.supuestos.PREFIJO` opens a nota with (a renderer reads them, never imports calc)
_DESCANSA = "descansa en: "
_POR_MOTIVO = 5  # rows named under one reason; the rest counted
_MOTIVOS = 8  # reasons listed under one legend; the rest counted


def _descansa(fila: dict) -> str:
    # (the nota's last part: «sin meta en la spec; descansa en: A; B» rests on A and B)
    _, dice, motivo = str(fila.get("nota") or "").partition(_DESCANSA)
    return motivo if dice else ""


def _nota(fila: dict) -> str:
    return str(fila.get("nota") or "")


def remitidas(tabla: Tabla, line: str, cols, plan, cells, propia, donde=en_columna) -> list[str]:
    """Under a summary line that sends the reader to the nota of some rows («la nota dice por
    qué»), what those notas say, where the table shows no Nota whole beside them."""
    filas = tabla.remite_a_nota.get(line)
    if not filas:
        return []
    lineas = _por_fila(tabla, cols, plan, cells, filas, _nota, "", donde)
    return lineas if propia is None else [propia(x) for x in lineas]


def _por_fila(
    tabla, cols, plan, cells, filas: list[int], motivo_de, antes: str, donde=en_columna
) -> list[str]:
    """«  E045 2017 P1, E048 2023 P1: descansa en sentido ascendente inferido (no impreso).»:
    what `motivo_de` takes from the nota of each of `filas`, grouped, where the Nota is not
    shown whole beside them (cut by the width, left out by it or by --columnas)."""
    nota = next((k for k, col in enumerate(cols) if col.clave == "nota"), None)
    if not filas:
        return []
    ancho = None if nota is None else plan.anchos.get(nota)
    if ancho is not None and all(ancho_de(cells[n][nota]) <= ancho for n in filas):
        return []  # (the Nota says it, whole, beside each row)
    # what tells the rows apart, an indicator by its id (its name would fill the line)
    llaves = [k for k in columnas_llave(cols) if cols[k].clave != "indicador"]
    llaves += [k for k, c in enumerate(cols) if c.clave == "id" and k not in llaves]
    llaves.sort()
    por_motivo: dict[str, list[str]] = {}
    for n in filas:
        if motivo := motivo_de(tabla.filas[n]):
            # (no key shown, `--columnas anio,meta`: the row by its place)
            fila = " ".join(cells[n][k] for k in llaves if cells[n][k]) or f"fila {n + 1:,}"
            por_motivo.setdefault(motivo, []).append(fila)
    out = []
    for motivo, nombres in list(por_motivo.items())[:_MOTIVOS]:
        nombradas = ", ".join(nombres[:_POR_MOTIVO])
        if len(nombres) > _POR_MOTIVO:
            nombradas += f" y {len(nombres) - _POR_MOTIVO:,} más"
        out.append(f"  {nombradas}: {antes}{motivo.rstrip('.')}.")
    if len(por_motivo) > _MOTIVOS:
        # where the rest are whole, as a summary line says it (`donde`): «la columna nota
        # (-f csv)» here beside «(columna «nota» con -f csv o json)» there was one pointer
        # worded twice
        out.append(f"  … y {plural(len(por_motivo) - _MOTIVOS, 'motivo')} más: {donde('nota')}.")
    return out
