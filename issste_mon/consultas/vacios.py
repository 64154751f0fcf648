"""What a query with no rows does have: what a `SinDatos` (its `hay`) adds after «no hay datos…»
so that the person need not guess which years (or programs, or levels) to ask for instead.

Only text; every command computes its own years (what it would have answered without the
year asked), so the line never names a year that would again answer «no hay datos»."""

from __future__ import annotations

from collections.abc import Iterable

from issste_mon.salida.numfmt import fmt_anios

TRAMOS = 4  # runs of years named before «y N más»: one line, even for a federal set's gaps
NOMBRES = 5  # programs or levels named before «y N más»


def anios_breves(anios: Iterable[int]) -> str:
    """The years as `fmt_anios` runs («2013, 2015–2020»), the first TRAMOS of them, then how
    many more runs («y 3 más»)."""
    tramos = [t for t in fmt_anios(list(anios)).split(", ") if t]
    if len(tramos) <= TRAMOS:
        return ", ".join(tramos)
    return ", ".join(tramos[:TRAMOS]) + f" y {len(tramos) - TRAMOS:,} más"


def nombres_breves(nombres: Iterable[str]) -> str:
    """The first NOMBRES names, then how many more («E001, E002 y 12 más»)."""
    from issste_mon.salida.plural import en_serie, nombrados

    lista = list(dict.fromkeys(nombres))
    return en_serie(lista) if len(lista) <= NOMBRES else nombrados(lista, NOMBRES)


def de_quienes(claves) -> str:
    """« de E045», « de E045 y E048»: the selection the years belong to; nothing for all."""
    if not claves:
        return ""
    return " de " + nombres_breves([claves] if isinstance(claves, str) else list(claves))


def programas_con(que: str, programas: Iterable[tuple[int | None, str]]) -> str | None:
    """«programas con poblaciones en las specs: E045, E046 y E049» of (ramo, clave) pairs,
    named as the tables name them: «ramo-clave» where they are of several ramos (a bare M001
    is a program of many ramos, and counted once it made «y 288 más» of 530); None for none."""
    from issste_mon.claves import admite_ramo

    pares = list(dict.fromkeys(programas))
    if not pares:
        return None
    varios = len({ramo for ramo, _ in pares if ramo is not None}) > 1
    nombres = [f"{r}-{c}" if varios and r is not None and admite_ramo(c) else c for r, c in pares]
    return f"programas con {que} en las specs: {nombres_breves(nombres)}"


def hay_anios(que: str, anios: Iterable[int], claves=None) -> str:
    """«años con metas de E045 en las specs: 2013–2020»; «ningún año con metas de E045 en las
    specs» where the selection has none (said rather than left out: the person asked for it)."""
    anios = set(anios)
    if not anios:
        return f"ningún año con {que}{de_quienes(claves)} en las specs"
    return f"años con {que}{de_quienes(claves)} en las specs: {anios_breves(anios)}"
