"""Small helpers shared by the calculators: exact decimal arithmetic on spec figures.

A spec figure is the decimal text a person typed; a float from YAML is turned back into that
text exactly with `Decimal(repr(x))` (its shortest repr). Ratios are computed on those decimals
with `PRECISION` significant digits, so a terminating result (55 / 50 × 100 = 110,
179.79 / 200 × 100 = 89.895) is exact and a classification compares the exact value with the
methodology's cut points (also exact decimals): never `110.00000000000001` → Alto.
"""

from __future__ import annotations

import math
from decimal import Context, Decimal

from issste_mon.metodologia import decimal
from issste_mon.modelo import Numero, es_numero

PRECISION = 50  # significant digits of a quotient: far beyond any printed or machine digit
CONTEXTO = Context(prec=PRECISION)
CIEN = Decimal(100)
MAXIMO = Decimal("1e300")  # beyond a binary double: reported as «fuera de rango»


def dec_o_none(x) -> Decimal | None:
    """As `dec`; None for ND/NA, absent, NaN or infinite."""
    if not es_numero(x) and x.__class__ is not Decimal:
        return None
    if x.__class__ is float and not math.isfinite(x):
        return None
    return decimal(x)


def cociente_pct(num: Decimal, den: Decimal) -> Decimal | None:
    """num / den × 100 exactly (to PRECISION digits); None if den is 0 or out of range."""
    if not den:
        return None
    pct = CONTEXTO.multiply(CONTEXTO.divide(num, den), CIEN)
    return pct if abs(pct) <= MAXIMO else None


def ratio_pct(num: Numero, den: Numero) -> Decimal | None:
    if es_numero(num) and es_numero(den) and den != 0:
        return cociente_pct(decimal(num), decimal(den))
    return None


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


def con_publicado(nota: str, publicado: str | None) -> str:
    """A not-computable figure's nota, with the figure the document printed for it: what the
    reader can still rely on is said where the figure is missing (cobertura, cumplimiento)."""
    return f"{nota} (publicado: {publicado})" if publicado else nota
