"""Tables to text: a rich table for people, CSV/TSV/JSON/JSONL/Markdown for pipelines.

Machine formats carry raw values (unrounded numbers, null for not computable) and never markup;
human formats (tabla, markdown) carry es-MX formatted numbers.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from typing import IO

from issste_mon.salida.formatos import Formato
from issste_mon.salida.numfmt import fmt_auto, fmt_number, fmt_pct
from issste_mon.salida.sanear import markdown as md
from issste_mon.salida.sanear import sanear
from issste_mon.salida.tabla import Columna, Tabla, valor_maquina
from issste_mon.vocab import Veredicto

RANGO_ESTILO = {"Bajo": "red", "Adecuado": "green", "Alto": "yellow"}
VEREDICTO_ESTILO = {
    Veredicto.coincide: "green",
    Veredicto.coincide_por_construccion: "cyan",
    Veredicto.difiere: "red",
    Veredicto.difiere_explicada: "magenta",
    Veredicto.contradiccion: "magenta",
    Veredicto.no_verificable: "yellow",
}
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def human(value, col: Columna) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—" if col.tipo in ("pct", "valoracion") else ""
    if isinstance(value, str) or isinstance(value, bool):
        return ("sí" if value else "no") if isinstance(value, bool) else value
    if col.tipo == "pct":
        return fmt_pct(value, col.decimales)
    if col.tipo == "entero":
        return fmt_number(value, 0) if float(value).is_integer() else fmt_auto(value)
    if col.tipo in ("valoracion", "monto"):
        return fmt_number(value, col.decimales)
    if col.tipo == "numero":
        return fmt_auto(value, col.decimales)
    return str(value)


def celda(row: dict, col: Columna) -> str:
    """A cell for people: the value, plus its companion percentage when the row has one."""
    text = human(row.get(col.clave), col)
    extra = row.get(col.companero) if col.companero else None
    if extra is not None and not (isinstance(extra, float) and math.isnan(extra)):
        text = f"{text}, {fmt_number(extra, col.decimales)}%"
    return text


def safe_cell(value) -> str:
    """CSV/TSV cell: text that a spreadsheet would run as a formula is prefixed with «'»."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_UNSAFE_START) else text


def machine_rows(tabla: Tabla) -> list[dict]:
    return tabla.to_records()


def render(
    tabla: Tabla,
    formato: Formato,
    out: IO[str],
    console=None,
    *,
    excel: bool = False,
    opcion_columnas: str | None = "--columnas",
) -> None:
    """`excel`: csv/tsv with a BOM and CRLF line ends, as Excel on Windows reads UTF-8;
    `opcion_columnas`: the option the rich table names for columns left out (None: none)."""
    if formato is Formato.json:
        json.dump(machine_rows(tabla), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif formato is Formato.jsonl:
        for row in machine_rows(tabla):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif formato in (Formato.csv, Formato.tsv, Formato.csv_excel):
        delim = "\t" if formato is Formato.tsv else ","
        excel = excel or formato is Formato.csv_excel
        if excel:
            out.write("\ufeff")
        writer = csv.writer(out, delimiter=delim, lineterminator="\r\n" if excel else "\n")
        keys = [c.clave for c in tabla.columnas]
        writer.writerow(keys)
        for row in tabla.filas:  # one pass per cell: federal tables have ~10⁵–10⁶ cells
            writer.writerow([safe_cell(valor_maquina(row.get(k))) for k in keys])
    elif formato is Formato.markdown:
        _markdown(tabla, out)
    elif formato is Formato.xlsx:
        from issste_mon.errores import EntradaInvalida

        raise EntradaInvalida(
            "este comando no escribe xlsx (binario); use csv, tsv, json o jsonl",
        )
    else:
        _rich(tabla, console, opcion_columnas)


def _visible(tabla: Tabla) -> list[Columna]:
    return [c for c in tabla.columnas if c.en_tabla]


def _markdown(tabla: Tabla, out: IO[str]) -> None:
    from tabulate import tabulate

    cols = _visible(tabla)
    body = [[md(celda(row, c)) for c in cols] for row in tabla.filas]
    align = [c.alineacion for c in cols]
    out.write(f"### {md(tabla.titulo)}\n\n")
    out.write(
        tabulate(
            body,
            headers=[md(c.titulo) for c in cols],
            tablefmt="github",
            colalign=align,
            disable_numparse=True,
        )
    )
    out.write("\n")
    for line in tabla.resumen:
        out.write(f"\n{md(line)}\n")
    if tabla.pie:
        out.write(f"\n_{md(tabla.pie)}_\n")


def _rich(tabla: Tabla, console, opcion_columnas: str | None = "--columnas") -> None:
    """A rich table whose every row is one line of the terminal.

    The layout (`ajustar`) chooses the widths: numbers, claves and years whole; text shortened
    in the middle («Servicios Funerarios…Velatorios») so distinguishing tails stay; columns that
    still do not fit are left out, least needed first, and a line under the table names them
    and says how to get them. The same columns with or without colour (TERM=dumb, NO_COLOR).
    """
    from rich import box

    cols = _visible(tabla)
    # Sanitised before layout: widths are measured on what is shown (salida/sanear.py).
    cells = [[sanear(celda(row, c)) for c in cols] for row in tabla.filas]
    plan = ajustar(cols, cells, console.width)
    table = _rich_table(tabla, plan, cells, box.HEAVY_HEAD if plan.marco else box.SIMPLE_HEAD)
    console.print(table, crop=False)
    if plan.omitidas:
        omitidas = [cols[i] for i in plan.omitidas]
        nombres = ", ".join(f"{c.titulo} ({c.clave})" for c in omitidas)
        como = (
            f"elija las columnas con {opcion_columnas} (p. ej. {opcion_columnas} "
            f"clave,{omitidas[0].clave}) o use -f csv"
            if opcion_columnas
            else "use -f csv"
        )
        console.print(
            f"Omitidas por el ancho de la terminal: {nombres}. Para verlas, {como}.",
            highlight=False,
            markup=False,
        )
    for line in tabla.resumen:
        console.print(sanear(line), markup=False, highlight=False)


ELIPSIS = "…"
_SEPARACION = 2  # spaces between columns of the frameless table
_MIN_TEXTO = 12  # a shortened text column keeps at least this many characters
_COMODO = 20  # below this a shortened name is hard to read: leave out a less needed column
# Which columns go first when the terminal is narrow (lower first); unnamed columns rank 50,
# claves and years are never left out. Columns empty in every row go before all of these.
_PRIORIDAD = {
    "ramo": 10,
    "dependencia": 12,
    "archivo": 14,
    "semaforo": 20,
    "sentido": 22,
    "id": 24,
    "po_pp_pct": 26,
    "linea": 28,
    "nivel": 30,  # the MIR level (monitoreo's «Nivel» is its answer: it says so itself)
    "unidad_medida": 32,
    "lugar": 34,
    "nota": 40,
    "explicacion": 42,
    "ubicacion": 44,
    "componente": 60,
}
_FIJAS = frozenset({"clave", "anio", "veredicto"})
_POR_EL_FINAL = frozenset({"ubicacion", "archivo"})  # paths: the file name is what tells apart


def _prioridad(col: Columna) -> int:
    return col.prioridad if col.prioridad is not None else _PRIORIDAD.get(col.clave, 50)


@dataclass
class Plan:
    """Widths of the shown columns (index → width), the ones left out and the frame."""

    anchos: dict[int, int]
    omitidas: list[int]
    marco: bool


def _ancho(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def acortar(text: str, ancho: int, *, final: bool = False) -> str:
    """Text in at most `ancho` cells, shortened in the middle at word boundaries when it can:
    «Servicios Funerarios en Velatorios del ISSSTE» → «Servicios Funerarios…ISSSTE»; with
    `final`, only the end stays («…E045.yaml:22»)."""
    if _ancho(text) <= ancho:
        return text
    if ancho <= 1:
        return ELIPSIS[:ancho]
    if final:
        cola = text[-(ancho - 1) :]
        while _ancho(cola) > ancho - 1:
            cola = cola[1:]
        return ELIPSIS + cola
    espacio = ancho - 1
    cola_max = espacio // 2 if ancho >= 20 else espacio // 3  # short: the start says more
    palabras = text.split()
    cola = ""
    for i in range(len(palabras) - 1, 0, -1):
        candidata = " ".join(palabras[i:])
        if _ancho(candidata) > cola_max:
            break
        cola = candidata
    if not cola:
        cola = text[-cola_max:].lstrip() if cola_max else ""
    cabeza = text[: espacio - _ancho(cola)].rstrip()
    while _ancho(cabeza) + _ancho(cola) > espacio:
        cabeza = cabeza[:-1]
    return f"{cabeza}{ELIPSIS}{cola}"


def ajustar(cols: list[Columna], cells: list[list[str]], ancho_total: int) -> Plan:
    """Widths for a table of these cells in `ancho_total` terminal cells."""
    n = len(cols)
    natural, minimo, entera = [], [], []  # headers wrapped at words / on one line
    for i, c in enumerate(cols):
        valores = [row[i] for row in cells]
        ancho_celdas = max((_ancho(v) + (2 if c.alerta else 0) for v in valores), default=0)
        palabra = max((_ancho(w) for w in c.titulo.split()), default=1)
        nat = max(ancho_celdas, palabra, 1)
        if c.ancho and not c.numerica:
            nat = min(nat, max(c.ancho, palabra))
        natural.append(nat)
        entera.append(max(nat, _ancho(c.titulo)))
        if c.numerica or c.clave in _FIJAS or c.tipo in ("rango", "veredicto"):
            minimo.append(max(ancho_celdas, palabra, 1))
        elif c.clave in _POR_EL_FINAL:  # a file's name and line tell rows apart: keep them whole
            nombre = max((_ancho(v.rsplit("/", 1)[-1]) for v in valores), default=0)
            minimo.append(min(natural[i], max(nombre + 1, palabra, 1)))
        else:
            minimo.append(min(natural[i], max(_MIN_TEXTO, min(palabra, _MIN_TEXTO))))
    # Framed (heavy head, borders) when everything fits at its natural width.
    if sum(entera) + 3 * n + 1 <= ancho_total:
        return Plan(dict(enumerate(entera)), [], True)
    vacias = [
        i for i in range(n) if all(not row[i] for row in cells) and cols[i].clave not in _FIJAS
    ]
    orden = vacias + sorted(
        (i for i in range(n) if i not in vacias and cols[i].clave not in _FIJAS),
        key=lambda i: (_prioridad(cols[i]), -i),
    )
    omitidas: list[int] = []
    while True:
        visibles = [i for i in range(n) if i not in omitidas]
        espacio = ancho_total - _SEPARACION * (len(visibles) - 1)
        # empty columns go while the rest does not fit whole; the others only when even their
        # shortest readable width does not
        siguiente = orden[len(omitidas)] if len(omitidas) < len(orden) else None
        medida = natural if siguiente in vacias else minimo
        if siguiente is None or sum(medida[i] for i in visibles) <= espacio:
            break
        omitidas.append(siguiente)
    anchos = _repartir(cols, visibles, natural, minimo, espacio)
    # A name squeezed below a readable width is worth more than a less needed column: leave
    # that one out too (it is named in the footer) and give its room to the name.
    while len(omitidas) < len(orden):
        siguiente = orden[len(omitidas)]
        apretadas = [
            i
            for i in visibles
            if i != siguiente
            and anchos[i] < min(natural[i], _COMODO)
            and cols[i].tipo == "texto"
            and _prioridad(cols[i]) > _prioridad(cols[siguiente])
        ]
        if not apretadas:
            break
        omitidas.append(siguiente)
        visibles = [i for i in visibles if i != siguiente]
        espacio = ancho_total - _SEPARACION * (len(visibles) - 1)
        anchos = _repartir(cols, visibles, natural, minimo, espacio)
    return Plan(anchos, sorted(omitidas), False)


def _repartir(cols, visibles, natural, minimo, espacio) -> dict[int, int]:
    """Natural widths, narrowed one cell at a time until they fit `espacio`."""
    anchos = {i: natural[i] for i in visibles}
    exceso = sum(anchos.values()) - espacio
    while exceso > 0:
        candidatas = [i for i in visibles if anchos[i] > minimo[i]]
        if not candidatas:
            break
        # the widest goes first; notes and other expendable text count wider, so they give way
        # before names
        i = max(candidatas, key=lambda j: anchos[j] * (1.5 if _prioridad(cols[j]) < 50 else 1))
        anchos[i] -= 1
        exceso -= 1
    return anchos


def _rich_table(tabla: Tabla, plan: Plan, cells: list[list[str]], box_style):
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
    cols = _visible(tabla)
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
            style = RANGO_ESTILO.get(text) if c.tipo == "rango" else None
            if c.tipo == "veredicto":
                style = VEREDICTO_ESTILO.get(text)
            alertada = c.alertada(row)
            text = acortar(
                text, plan.anchos[i] - (2 if alertada else 0), final=c.clave in _POR_EL_FINAL
            )
            if alertada:
                text, style = text + " ⚠", "yellow"
            styled.append(Text(text, style=style or "", no_wrap=True, overflow="ellipsis"))
        table.add_row(*styled)
    return table
