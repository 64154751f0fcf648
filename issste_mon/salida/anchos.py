"""The layout of a table in a terminal's width: which columns a row cannot be read without,
each column's width, what is shortened (in the middle, «Servicios Funerarios…ISSSTE») and what
is left out, least needed first."""

from __future__ import annotations

from collections.abc import Iterable

from issste_mon.modelo.base import Registro, registro
from issste_mon.salida.tabla import PRIORIDAD_CIFRA, PRIORIDAD_CLASE, PRIORIDAD_LLAVE, Columna, Tipo

ELIPSIS = "…"


_SEPARACION = 2  # spaces between columns of the frameless table
_MIN_TEXTO = 12  # a shortened text column keeps at least this many characters
# a row's key (`PRIORIDAD_LLAVE`) keeps at least this many: verificar at 60
# columns beside a 19-character clave and a 26-character verdict left out the cifra, one cell
# short, and showed verdicts of no one
_MIN_LLAVE = 10
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
_PRIORIDAD_NORMAL = 50
_PRIORIDAD_CIFRAS = 80  # from here a figure (a term, a share): a squeezed key does not push it out
SUSTITUTAS = (("indicador", "id"),)  # (a name, the short key that tells its rows apart)
_FIJAS = frozenset({"clave", "anio", "veredicto", "coincide"})  # (the answer: never cut)
POR_EL_FINAL = frozenset({"ubicacion", "archivo"})  # paths: the file name is what tells apart


def prioridad(col: Columna) -> int:
    return (
        col.prioridad if col.prioridad is not None else _PRIORIDAD.get(col.clave, _PRIORIDAD_NORMAL)
    )


def esenciales(cols: list[Columna]) -> list[int]:
    """The columns a row cannot be read without: what it is (clave, año, a `PRIORIDAD_LLAVE`
    such as verificar's cifra or monitoreo's ámbito), its figure (`PRIORIDAD_CIFRA`: a
    valoración, a verdict, a sentence) and the class given to it (`PRIORIDAD_CLASE`: a rango,
    a nivel). A terminal shows them whole, or the rows as records (`terminal._registros`)."""
    return [
        i
        for i, c in enumerate(cols)
        if c.clave in _FIJAS or c.tipo == Tipo.veredicto or prioridad(c) >= PRIORIDAD_CLASE
    ]


def columnas_llave(cols: list[Columna]) -> list[int]:
    """What says which row a record is, in the table's order: clave, año, the columns that tell
    rows apart (`_es_llave`) and an indicator's id and name (`SUSTITUTAS`)."""
    nombres = {c.clave for c in cols}
    pares = {k for par in SUSTITUTAS if set(par) <= nombres for k in par}
    return [
        i
        for i, c in enumerate(cols)
        if c.clave in ("clave", "anio") or _es_llave(c) or c.clave in pares
    ]


def _es_llave(col: Columna) -> bool:
    """What tells a row from the others (monitoreo's ámbito, verificar's cifra), not its figure
    (a class that answers, as calidad's «Oportunidad de mejora», is never cut to 10)."""
    return PRIORIDAD_LLAVE <= prioridad(col) < PRIORIDAD_CIFRA


@registro
class Plan(Registro):
    """Widths of the shown columns (index → width), the ones left out and the frame."""

    anchos: dict[int, int]
    omitidas: list[int]
    marco: bool


def ancho_de(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def acortar(text: str, ancho: int, *, final: bool = False, elipsis: str = ELIPSIS) -> str:
    """Text in at most `ancho` cells, shortened in the middle at word boundaries when it can:
    «Servicios Funerarios en Velatorios del ISSSTE» → «Servicios Funerarios…ISSSTE»; with
    `final`, only the end stays («…E045.yaml:22»)."""
    if ancho_de(text) <= ancho:
        return text
    e = ancho_de(elipsis)
    if ancho <= e:
        return elipsis[:ancho]
    if final:
        cola = text[-(ancho - e) :]
        while ancho_de(cola) > ancho - e:
            cola = cola[1:]
        return elipsis + cola
    espacio = ancho - e
    cola_max = espacio // 2 if ancho >= 20 else espacio // 3  # short: the start says more
    palabras = text.split()
    cola = ""
    for i in range(len(palabras) - 1, 0, -1):
        candidata = " ".join(palabras[i:])
        if ancho_de(candidata) > cola_max:
            break
        cola = candidata
    if not cola:
        cola = text[-cola_max:].lstrip() if cola_max else ""
    cabeza = text[: espacio - ancho_de(cola)].rstrip()
    while ancho_de(cabeza) + ancho_de(cola) > espacio:
        cabeza = cabeza[:-1]
    return f"{cabeza}{elipsis}{cola}"


def ajustar(
    cols: list[Columna], cells: list[list[str]], ancho_total: int, enteras: Iterable[int] = ()
) -> Plan:
    """Widths for a table of these cells in `ancho_total` terminal cells; the columns of
    `enteras` (`esenciales`) whole or left out, never shortened (not even to their `ancho`)."""
    n = len(cols)
    enteras = frozenset(enteras)
    natural, minimo, entera = [], [], []  # headers wrapped at words / on one line
    entero: dict[int, int] = {}  # a column held at its `ancho`: its width with nothing cut
    for i, c in enumerate(cols):
        valores = [row[i] for row in cells]
        marca = 2 if c.alerta or c.marcas else 0  # (« ⚠»)
        ancho_celdas = max((ancho_de(v) + marca for v in valores), default=0)
        palabra = max((ancho_de(w) for w in c.titulo.split()), default=1)
        nat = max(ancho_celdas, palabra, 1)
        if c.ancho and not c.numerica and nat > max(c.ancho, palabra) and i not in enteras:
            entero[i] = nat
            nat = max(c.ancho, palabra)
        natural.append(nat)
        entera.append(max(nat, ancho_de(c.titulo)))
        if c.numerica or c.clave in _FIJAS or c.tipo in ("rango", "veredicto") or i in enteras:
            minimo.append(max(ancho_celdas, palabra, 1))
        elif _es_llave(c):  # what tells the rows apart: shortened further before it goes
            minimo.append(min(natural[i], max(_MIN_LLAVE, min(palabra, _MIN_LLAVE))))
        elif c.clave in POR_EL_FINAL:  # a file's name and line tell rows apart: keep them whole
            nombre = max((ancho_de(v.rsplit("/", 1)[-1]) for v in valores), default=0)
            minimo.append(min(natural[i], max(nombre + 1, palabra, 1)))
        else:
            minimo.append(min(natural[i], max(_MIN_TEXTO, min(palabra, _MIN_TEXTO))))
    # Framed (heavy head, borders) when everything fits at its natural width.
    if sum(entera) + 3 * n + 1 <= ancho_total:
        return Plan(_holgura(dict(enumerate(entera)), entero, ancho_total - 3 * n - 1), [], True)
    vacias = [
        i for i in range(n) if all(not row[i] for row in cells) and cols[i].clave not in _FIJAS
    ]
    orden = vacias + sorted(
        (i for i in range(n) if i not in vacias and cols[i].clave not in _FIJAS),
        key=lambda i: (prioridad(cols[i]), -i),
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
    # that one out too (it is named in the footer) and give its room to the name. A row's key
    # (kept anyway, at 10 cells if need be) makes room so, but not of a figure: verificar's
    # cifra took the room of the publicado it is checked against.
    while len(omitidas) < len(orden):
        siguiente = orden[len(omitidas)]
        apretadas = [
            i
            for i in visibles
            if i != siguiente
            and anchos[i] < min(natural[i], _COMODO)
            and cols[i].tipo == "texto"
            and prioridad(cols[i]) > prioridad(cols[siguiente])
            and (not _es_llave(cols[i]) or prioridad(cols[siguiente]) < _PRIORIDAD_CIFRAS)
        ]
        if not apretadas:
            break
        omitidas.append(siguiente)
        visibles = [i for i in visibles if i != siguiente]
        espacio = ancho_total - _SEPARACION * (len(visibles) - 1)
        anchos = _repartir(cols, visibles, natural, minimo, espacio)
    # An indicator's name left out: its id (1.1, P1) stands in for it where it fits, or the
    # rows of one clave and year could not be told apart (sexenal at 60 columns showed only
    # categories, rows of nothing).
    for nombre, id_ in SUSTITUTAS:
        i = next((k for k in omitidas if cols[k].clave == nombre), None)
        j = next((k for k in omitidas if cols[k].clave == id_), None)
        if i is None or j is None:
            continue
        con = sorted([*visibles, j])
        # room made by the least needed columns shown, never the table's answer (the column
        # of highest prioridad): a row that says whose it is before a figure of no one
        cedibles = sorted(
            (k for k in visibles if cols[k].clave not in _FIJAS),
            key=lambda k: (prioridad(cols[k]), -k),
        )[:-1]
        cedibles = [k for k in cedibles if k not in enteras]  # (nor a key or class of it)
        salen: list[int] = []
        while sum(minimo[k] for k in con) > ancho_total - _SEPARACION * (len(con) - 1):
            if not cedibles:
                break
            salen.append(cedibles.pop(0))
            con.remove(salen[-1])
        espacio_con = ancho_total - _SEPARACION * (len(con) - 1)
        if sum(minimo[k] for k in con) <= espacio_con:
            omitidas.remove(j)
            omitidas.extend(salen)
            visibles, espacio = con, espacio_con
            anchos = _repartir(cols, visibles, natural, minimo, espacio)
    return Plan(_holgura(anchos, entero, espacio), sorted(omitidas), False)


def _holgura(anchos: dict[int, int], entero: dict[int, int], espacio: int) -> dict[int, int]:
    """The room left over goes to the columns held at their `ancho` (a name, a sentence), a
    cell at a time each, until they are whole: a wide terminal shows «Servicios Deportivos,
    Culturales, Turísticos y Funerarios» whole, not cut at 48 with 100 columns to spare."""
    sobra = espacio - sum(anchos.values())
    crecen = [i for i in entero if i in anchos and anchos[i] < entero[i]]
    while sobra > 0 and crecen:
        for i in list(crecen):
            if sobra == 0:
                break
            anchos[i] += 1
            sobra -= 1
            if anchos[i] >= entero[i]:
                crecen.remove(i)
    return anchos


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
        i = max(candidatas, key=lambda j: anchos[j] * (1.5 if prioridad(cols[j]) < 50 else 1))
        anchos[i] -= 1
        exceso -= 1
    # Not even the shortest widths fit (verificar in 40 columns: a 19-character clave beside
    # a 26-character verdict): the widest is shortened here, in the middle and with the
    # terminal's own «…» (`acortar`), not cut at its end by rich — whose «…» a terminal
    # without UTF-8 saw as «\u2026», six cells past the edge.
    while exceso > 0:
        i = max(visibles, key=lambda j: anchos[j])
        if anchos[i] <= 1:
            break
        anchos[i] -= 1
        exceso -= 1
    return anchos
