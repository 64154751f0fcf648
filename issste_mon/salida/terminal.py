"""A table on a terminal (rich): one line a row when the layout (`anchos.ajustar`) shows each
row's key and answer whole, else the rows as records; texts a terminal's encoding lacks
replaced before they are measured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from issste_mon.salida.anchos import (
    ELIPSIS,
    POR_EL_FINAL,
    SUSTITUTAS,
    Plan,
    acortar,
    ajustar,
    ancho_de,
    columnas_llave,
    esenciales,
)
from issste_mon.salida.celdas import celda, columnas_visibles
from issste_mon.salida.leyendas import UNA_CIFRA, con_sangria, en_renglones, leyendas, remitidas
from issste_mon.salida.sanear import sanear
from issste_mon.salida.tabla import PRIORIDAD_LLAVE, Columna, Tabla, en_columna
from issste_mon.salida.vacias import linea as linea_vacias
from issste_mon.salida.vacias import sin_vacias
from issste_mon.vocab import Veredicto

if TYPE_CHECKING:
    from collections.abc import Callable

# By role: a methodology names its labels (`cumplimiento.rango.etiquetas`), the column carries
# which label plays which role (`Columna.papeles`)
RANGO_ESTILO = {"bajo": "red", "adecuado": "green", "alto": "yellow"}
VEREDICTO_ESTILO = {
    Veredicto.coincide: "green",
    Veredicto.coincide_por_construccion: "cyan",
    Veredicto.difiere: "red",
    Veredicto.difiere_explicada: "magenta",
    Veredicto.contradiccion: "magenta",
    Veredicto.no_verificable: "yellow",
}


def escribir(
    tabla: Tabla,
    console,
    opcion_columnas: str | None = None,
    opcion_formato: str | None = None,
    donde: Callable[[str], str] = en_columna,
) -> None:
    """A rich table whose every row is one line of the terminal.

    The layout (`ajustar`) chooses the widths: numbers, claves and years whole; text shortened
    in the middle («Servicios Funerarios…Velatorios») so distinguishing tails stay; columns that
    still do not fit are left out, least needed first, and a line under the table names them
    and says how to get them. The same columns with or without colour (TERM=dumb, NO_COLOR).
    When no layout shows each row's key and answer whole (`esenciales`), the rows are printed
    as records instead (`_registros`).

    How to get what is left out is the caller's: `opcion_columnas` and `opcion_formato` are
    the command line's («--columnas», «-f csv»); without them (a Python caller, who has no
    options) the text names no option. `donde`: where a column's whole text is, in the legends
    (as the summary lines say it: `salida.tabla.en_columna`, and the command line's additions).
    """
    from rich import box

    cols = columnas_visibles(tabla)
    # Sanitised before layout: widths are measured on what is shown (salida/sanear.py).
    cells = [[sanear(celda(row, c)) for c in cols] for row in tabla.filas]
    propia = _para_consola(console)
    if propia is not None:  # a terminal that cannot show «…», «—», «⚠» or «ñ» (see below)
        tabla = _con_textos(tabla, propia)
        cols = columnas_visibles(tabla)
        cells = [[propia(x) for x in fila] for fila in cells]
    # a column blank in every row takes width the others need: left out, and said (a record
    # already leaves out the fields empty in its row)
    entera = (tabla, cols, cells)
    tabla, cols, cells, vacias = sin_vacias(tabla, cols, cells)
    plan = _plan(cols, cells, console.width, tabla.filas)
    if plan is None:
        # A row cut to what it is or what its figure is answers nothing (verificar at 40
        # columns: 37 rows «E045 coincide», of no cifra): the same rows, one record each.
        _registros(*entera, console, propia, donde)
        return
    sin_marco = box.SIMPLE_HEAD if propia is None else _simple_head_ascii()
    table = _rich_table(tabla, plan, cells, box.HEAVY_HEAD if plan.marco else sin_marco, propia)
    console.print(table, crop=False)
    # What a ⚠ shown means, at every width: the row's nota that says it is the first text to
    # leave a narrow terminal, and at 80 columns cobertura showed «129.85 % ⚠» unexplained.
    for leyenda in leyendas(tabla, cols, plan, cells, donde):
        texto = leyenda if propia is None else propia(leyenda)
        if texto[:2] != "  ":
            console.print(texto, highlight=False)
            continue
        for renglon in con_sangria(texto, console.width):
            console.print(renglon, highlight=False, no_wrap=True, crop=False)
    if texto := linea_vacias(vacias):
        for renglon in en_renglones(texto if propia is None else propia(texto), console.width):
            console.print(renglon, markup=False, highlight=False, no_wrap=True, crop=False)
    if plan.omitidas:
        omitidas = [cols[i] for i in plan.omitidas]
        nombres = ", ".join(f"{c.titulo} ({c.clave})" for c in omitidas)
        # the example must run: «clave» where the table has one, else its first column shown
        # (resumen has no «clave»: «--columnas clave,publicado» was an error)
        todas = {c.clave for c in tabla.columnas_maquina()}
        if "clave" in todas:
            ejemplo = f"clave,{omitidas[0].clave}"
        elif plan.anchos:
            ejemplo = f"{cols[min(plan.anchos)].clave},{omitidas[0].clave}"
        else:  # not one column fits (COLUMNS=5): min() of nothing was a traceback
            ejemplo = omitidas[0].clave
        completa = f"use {opcion_formato}" if opcion_formato else "escriba la tabla en csv o json"
        como = (
            f"elija las columnas con {opcion_columnas} (p. ej. {opcion_columnas} "
            f"{ejemplo}) o {completa}"
            if opcion_columnas
            else completa
        )
        console.print(
            f"Omitidas por el ancho de la terminal: {nombres}. Para verlas, {como}.",
            highlight=False,
            markup=False,
        )
    for line in tabla.resumen:
        texto = sanear(line) if propia is None else propia(sanear(line))
        for renglon in en_renglones(texto, console.width):
            console.print(renglon, markup=False, highlight=False, no_wrap=True, crop=False)
        for linea_ in remitidas(tabla, line, cols, plan, cells, propia, donde):
            for renglon in con_sangria(linea_, console.width):
                console.print(renglon, highlight=False, no_wrap=True, crop=False)


def _plan(
    cols: list[Columna], cells: list[list[str]], ancho: int, filas: list, por_id: bool = False
) -> Plan | None:
    """The table's layout if it shows each row's key and answer whole (`esenciales`, and an
    indicator's id where its name is left out); None if no layout does (then: records). The
    layout of the widths alone first, so that a table that already showed them keeps its
    columns; else one that leaves out more columns to show them whole."""
    enteras = esenciales(cols)
    for plan in (ajustar(cols, cells, ancho), ajustar(cols, cells, ancho, enteras)):
        if _caben_enteras(plan, enteras + _en_su_lugar(cols, plan), cols, cells, filas):
            if por_id or not _nombres_iguales(cols, cells, plan):
                return plan
            # two indicators' names cut to one text with their ids left out (calidad at 80
            # columns: «Porcentaje d…hábiles» twice): the id then goes as a row's key
            import dataclasses

            con_id = [
                dataclasses.replace(c, prioridad=PRIORIDAD_LLAVE) if c.clave == "id" else c
                for c in cols
            ]
            otro = _plan(con_id, cells, ancho, filas, por_id=True)
            return otro if otro is not None else plan
    return None


def _nombres_iguales(cols: list[Columna], cells: list[list[str]], plan: Plan) -> bool:
    """Whether the plan shows two rows of different indicators under one text: their names
    cut alike (`SUSTITUTAS`) and their ids left out."""
    indice = {c.clave: i for i, c in enumerate(cols)}
    for nombre, id_ in SUSTITUTAS:
        n, k = indice.get(nombre), indice.get(id_)
        if n is None or k is None or k in plan.anchos or n not in plan.anchos:
            continue
        vistos: dict[str, str] = {}
        for fila in cells:
            if vistos.setdefault(acortar(fila[n], plan.anchos[n]), fila[k]) != fila[k]:
                return True
    return False


def _caben_enteras(
    plan: Plan, enteras: list[int], cols: list[Columna], cells: list[list[str]], filas: list
) -> bool:
    """Whether the table shows every cell of `enteras` whole (its ⚠ included); a column empty
    in every row need not be shown."""
    for i in enteras:
        ancho = max(
            (
                ancho_de(texts[i]) + (2 if cols[i].alertada(row) else 0)
                for row, texts in zip(filas, cells, strict=True)
                if texts[i]
            ),
            default=0,
        )
        if ancho and plan.anchos.get(i, 0) < ancho:
            return False
    return True


def _en_su_lugar(cols: list[Columna], plan: Plan) -> list[int]:
    """The ids that must be shown whole because their indicator's name is left out
    (`SUSTITUTAS`): without either, rows of one clave and year are of no indicator."""
    indice = {c.clave: i for i, c in enumerate(cols)}
    return [
        indice[id_]
        for nombre, id_ in SUSTITUTAS
        if nombre in indice and id_ in indice and indice[nombre] in plan.omitidas
    ]


_SANGRIA = "  "  # a field's text after its first line: under its title, not under the next


def _registros(
    tabla: Tabla,
    cols: list[Columna],
    cells: list[list[str]],
    console,
    propia,
    donde: Callable[[str], str] = en_columna,
):
    """The rows as records, for a terminal too narrow for a table that shows each row whole:
    the title and a rule; then one block per row, a field a line «Título: valor» wrapped at
    the width (what says which row it is first, then the rest in the table's order; a field
    empty in that row is left out unless it is the row's key or answer), a blank line between
    blocks; a rule, then the caption, the ⚠'s meaning and the summary, as under the table.
    Every field is shown, so nothing is named as left out."""
    ancho = console.width
    enteras = set(esenciales(cols))
    llaves = columnas_llave(cols)
    orden = llaves + [i for i in range(len(cols)) if i not in llaves]
    marca = " ⚠" if propia is None else propia(" ⚠")
    papeles = {i: dict(cols[i].papeles) for i in orden if cols[i].tipo == "rango"}
    renglones: list[list[tuple[str, str]]] = []  # each line: its (text, style) pieces

    def escribir(texto: str, estilo: str = "", centrado: bool = False) -> None:
        # (title and caption centred, as over and under a table)
        for renglon in en_renglones(texto, ancho):
            renglones.append([(renglon.center(ancho).rstrip() if centrado else renglon, estilo)])

    escribir(tabla.titulo, "table.title", centrado=True)
    # a rule under the title and after the last record, as under a table's header: what
    # follows (the caption's «Metodología: …») is no field of the last record
    raya = [(("─" if propia is None else propia("─")) * max(ancho, 1), "")]
    renglones.append(raya)
    for n, (row, texts) in enumerate(zip(tabla.filas, cells, strict=True)):
        if n:
            renglones.append([])
        for i in orden:
            c, valor = cols[i], texts[i]
            if not valor and i not in enteras:
                continue
            estilo = RANGO_ESTILO.get(papeles[i].get(valor)) if i in papeles else None
            if c.tipo == "veredicto":
                estilo = VEREDICTO_ESTILO.get(valor)
            if c.alertada(row):
                valor, estilo = valor + marca, "yellow"
            for k, renglon in enumerate(_campo(c.titulo, valor, ancho)):
                titulo = len(c.titulo) + 1 if k == 0 else 0  # «Título:» on the first line
                renglones.append([(renglon[:titulo], "bold"), (renglon[titulo:], estilo or "")])
        if len(renglones) >= 4096:  # printed a few thousand lines at a time
            console.print(_Renglones(renglones), crop=False)
            renglones = []
    renglones.append(raya)
    if tabla.pie:
        escribir(tabla.pie, "table.caption", centrado=True)
    plan = Plan({i: 0 for i in range(len(cols))}, [], False)
    sin_nota = not any(c.clave == "nota" for c in cols)  # (a record shows its Nota whole)
    for leyenda in leyendas(tabla, cols, plan, cells if sin_nota else None, donde):
        escribir(leyenda if propia is None else propia(leyenda))
    for line in tabla.resumen:
        escribir(sanear(line) if propia is None else propia(sanear(line)))
        if sin_nota:
            for linea_ in remitidas(tabla, line, cols, plan, cells, propia, donde):
                escribir(linea_)
    console.print(_Renglones(renglones), crop=False)


class _Renglones:
    """Lines already wrapped at the terminal's width, as (text, style) pieces: printed as they
    are, without rich measuring and wrapping each again (cumplimiento's 13,418 rows of 100
    synthetic programs as records at 40 columns: 26.6 s a print a line, 14.2 s as Text lines
    joined, 3.6 s so; the table of the same rows, 5.5 s)."""

    def __init__(self, renglones: list[list[tuple[str, str]]]) -> None:
        self.renglones = renglones

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        estilos: dict = {}
        salto = Segment.line()
        for piezas in self.renglones:
            for texto, estilo in piezas:
                if texto:
                    if estilo not in estilos:
                        estilos[estilo] = console.get_style(estilo) if estilo else None
                    yield Segment(texto, estilos[estilo])
            yield salto


def _campo(titulo: str, valor: str, ancho: int) -> list[str]:
    """«Título: valor» in lines of at most `ancho` cells: broken at spaces, never inside a
    figure (`UNA_CIFRA`) unless it is wider than a line, later lines indented."""
    import textwrap

    texto = f"{titulo}: {valor}" if valor else f"{titulo}:"
    if ancho <= len(_SANGRIA) or ancho_de(texto) <= ancho:
        return [texto]
    unido = UNA_CIFRA.sub(lambda m: m.group().replace(" ", "\x00"), texto)
    partes = textwrap.wrap(
        unido,
        ancho,
        subsequent_indent=_SANGRIA,
        break_long_words=True,
        break_on_hyphens=False,
    )
    lineas = [x.replace("\x00", " ") for x in partes] or [texto]
    if ancho > 2 * len(_SANGRIA) and any(ancho_de(x) > ancho for x in lineas):
        # textwrap counts characters: a line of wide ones (CJK, emoji) takes twice the cells
        lineas = [t for x in lineas for t in _por_celdas(x, ancho)]
    return lineas


def _por_celdas(linea: str, ancho: int) -> list[str]:
    """`linea` cut into pieces of at most `ancho` terminal cells, later ones indented."""
    out, actual = [], ""
    for ch in linea:
        if actual.strip() and ancho_de(actual + ch) > ancho:
            out.append(actual.rstrip())
            actual = _SANGRIA
        actual += ch
    return [*out, actual]


# What a terminal whose encoding lacks a character sees instead: the stream escaped them
# (`\u2026`, six cells where the layout counted one), so every row after a «…» or a «—»
# slid right of its column and «⚠» read «\u26a0». A letter it lacks is still escaped
# (`A\xf1o`, as Python does on stderr), but before the layout measures it.
_SUSTITUTOS = {"…": "...", "—": "-", "–": "-", "⚠": "!", "·": "-", "«": '"', "»": '"', "─": "-"}


def _para_consola(console):
    """The text converter for a console that cannot encode these characters; None for one
    that can (UTF-8)."""
    import codecs

    enc = getattr(console, "encoding", None) or "utf-8"
    try:
        enc = codecs.lookup(enc).name
    except LookupError:
        return None
    faltan = {}
    for ch, sustituto in _SUSTITUTOS.items():
        try:
            ch.encode(enc)
        except UnicodeEncodeError:
            faltan[ch] = sustituto
    if not faltan:
        try:
            "áéíóúñÁÉÍÓÚÑü".encode(enc)
            return None
        except UnicodeEncodeError:
            pass
    tabla = str.maketrans(faltan)

    def propia(texto: str) -> str:
        return texto.translate(tabla).encode(enc, "backslashreplace").decode(enc)

    return propia


def _con_textos(tabla: Tabla, propia) -> Tabla:
    """The table's title, caption and headers as `propia` writes them."""
    import dataclasses

    cols = [dataclasses.replace(c, titulo=propia(c.titulo)) for c in tabla.columnas]
    pie = propia(tabla.pie) if tabla.pie else tabla.pie
    return dataclasses.replace(tabla, titulo=propia(tabla.titulo), pie=pie, columnas=cols)


def _simple_head_ascii():
    from rich.box import Box

    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def _rich_table(tabla: Tabla, plan: Plan, cells: list[list[str]], box_style, propia=None):
    from rich.table import Table
    from rich.text import Text

    framed = plan.marco
    table = Table(
        title=tabla.titulo,
        caption=tabla.pie,
        header_style="bold",
        box=box_style,
        show_edge=framed,
        pad_edge=framed,
        padding=(0, 1) if framed else (0, 1, 0, 0),
        collapse_padding=False,
    )
    cols = columnas_visibles(tabla)
    elipsis, marca = (ELIPSIS, " ⚠") if propia is None else (propia(ELIPSIS), propia(" ⚠"))
    shown = [i for i in range(len(cols)) if i in plan.anchos]
    for i in shown:
        c = cols[i]
        table.add_column(
            Text(c.titulo, overflow="fold"),
            justify=c.alineacion,
            width=plan.anchos[i],
            no_wrap=False,
            overflow="fold",
        )
    for row, texts in zip(tabla.filas, cells, strict=True):
        styled = []
        for i in shown:
            c, text = cols[i], texts[i]
            style = RANGO_ESTILO.get(dict(c.papeles).get(text)) if c.tipo == "rango" else None
            if c.tipo == "veredicto":
                style = VEREDICTO_ESTILO.get(text)
            alertada = c.alertada(row)
            text = acortar(
                text,
                plan.anchos[i] - (2 if alertada else 0),
                final=c.clave in POR_EL_FINAL,
                elipsis=elipsis,
            )
            if alertada:
                text, style = text + marca, "yellow"
            styled.append(Text(text, style=style or "", no_wrap=True, overflow="ellipsis"))
        table.add_row(*styled)
    return table
