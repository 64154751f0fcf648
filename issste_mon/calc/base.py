"""Small helpers shared by the calculators: exact decimal arithmetic on spec figures.

A spec figure is the decimal text a person typed; a float from YAML is turned back into that
text exactly with `Decimal(repr(x))` (its shortest repr). Ratios are computed on those decimals
with `PRECISION` significant digits, so a terminating result (55 / 50 × 100 = 110,
179.79 / 200 × 100 = 89.895) is exact and a classification compares the exact value with the
methodology's cut points (also exact decimals): never `110.00000000000001` → Alto.
"""

from __future__ import annotations

import functools
import math
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext

from issste_mon.metodologia import decimal
from issste_mon.modelo import Numero, es_numero

PRECISION = 50  # significant digits of a quotient: far beyond any printed or machine digit
CONTEXTO = Context(prec=PRECISION)
CIEN = Decimal(100)
MAXIMO = Decimal("1e300")  # beyond a binary double: reported as «fuera de rango»
# Wide enough for the exact sum, difference or product of two figures a spec holds (a
# double's digits span ~770 places, 1e-324 to 1e308), so they are never rounded.
EXACTO = Context(prec=1600)
# Sums and products of decimals of any size, never rounded: what a source file writes is not
# bounded by a double (no division here: 1/3 would not end).
SIN_LIMITE = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

# The context of the calculators that use Decimal operators (tendencias, alertas): the
# default's 28 digits, but their own, so a caller's `decimal.getcontext().prec = 4` (or an
# Inexact trap) never changes a figure or a classification (89.996 % is not «90.00»).
PROPIO = Context(prec=28)


def con_contexto_propio(fn):
    """Run `fn` (an eager calculator: its result is computed when it returns) in `PROPIO`."""

    @functools.wraps(fn)
    def envuelta(*args, **kwargs):
        with localcontext(PROPIO):
            return fn(*args, **kwargs)

    return envuelta


def dec_o_none(x) -> Decimal | None:
    """As `dec`; None for ND/NA, absent, NaN or infinite."""
    if not es_numero(x) and x.__class__ is not Decimal:
        return None
    if x.__class__ is float and not math.isfinite(x):
        return None
    return decimal(x)


def suma_exacta(valores) -> Decimal:
    """The exact sum of spec figures: 0.1 + 0.2 is 0.3 (the float sum, 0.30000000000000004,
    would make PA 0.1 + 0.2 of PO 0.15 + 0.15 «mayor a 100 %»)."""
    total = Decimal(0)
    for x in valores:
        total = EXACTO.add(total, decimal(x))
    return total


def como_cifra(exacta: Decimal, valores) -> int | float:
    """An exact sum of `valores` as a spec figure: the int itself when they are all ints
    (exact at any size), else the double nearest to it (which is it, up to 17 digits)."""
    if all(x.__class__ is int for x in valores):
        return int(exacta)
    return float(exacta)


def cociente_pct(num: Decimal, den: Decimal) -> Decimal | None:
    """num / den × 100 exactly (to PRECISION digits); None if den is 0 or out of range."""
    if not den:
        return None
    pct = CONTEXTO.multiply(CONTEXTO.divide(num, den), CIEN)
    return pct if pct.copy_abs() <= MAXIMO else None


def ratio_pct(num: Numero | Decimal, den: Numero | Decimal) -> Decimal | None:
    if _cifra(num) and _cifra(den) and den != 0:
        return cociente_pct(decimal(num), decimal(den))
    return None


def _cifra(x) -> bool:
    """A number: a spec figure, or an exact Decimal computed from them (`suma_exacta`)."""
    return es_numero(x) or x.__class__ is Decimal


def por_que_no(num: Numero, den: Numero, nombre_num: str, nombre_den: str) -> str | None:
    """Why num/den cannot be computed, in the user's words; None if it can."""
    for x, name in ((den, nombre_den), (num, nombre_num)):
        if x is None:
            return f"{name} no está en la spec"
        if not es_numero(x):
            return f"{name} {x}"
    if den == 0:
        return f"{nombre_den} = 0"
    if ratio_pct(num, den) is None:
        return f"{nombre_num}/{nombre_den} fuera de rango"
    return None


def plain(x: Numero):
    """Numbers stay numbers; ND/NA become their text so the output says which."""
    return x if es_numero(x) or x is None else str(x)


def del_anio(registros, anio: int | None, *, clave=lambda r: r.anio) -> list:
    """Yearly records in year order; only those of `anio` when it is given."""
    return [r for r in sorted(registros, key=clave) if anio is None or clave(r) == anio]


def notas(*partes: str | None) -> str | None:
    """A row's nota: its parts that say something, in order, joined by «; » (None: none)."""
    return "; ".join(filter(None, partes)) or None


def nota_de_spec(nota: str | None) -> str | None:
    """A spec's own `nota` as a row shows it: the document's words, on one line (a YAML block
    keeps its line breaks and indentation)."""
    return " ".join(nota.split()) if nota else None


def con_publicado(nota: str, publicado: str | None) -> str:
    """A not-computable figure's nota, with the figure the document printed for it: what the
    reader can still rely on is said where the figure is missing (cobertura, cumplimiento)."""
    return f"{nota} (publicado: {publicado})" if publicado else nota


# the words of the ⚠ beside a figure resting on what no document prints (`calc.supuestos`, an
# `inferido` population or budget figure): the title of the `supuesto` column, which a table
# says under itself («⚠ junto a Cumplimiento: descansa en algo que…»)
TITULO_SUPUESTO = "Descansa en algo que ningún documento imprime (la nota dice en qué)"
