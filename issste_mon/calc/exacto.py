"""One cumplimiento at a time, on the exact decimals of the spec, without numpy.

`cumplimiento_exacto` computes one indicator (55 / 50 × 100 is 110, not 110.00000000000001) and
`uno` gives its whole row (value, rango, nota) as `calc.cumplimiento` does for a column. Kept
apart from that module so that what checks figures one by one (`verificar`, the six-year goal)
does not import numpy (~60 ms) for arithmetic that never uses it.
"""

from __future__ import annotations

from decimal import Decimal

from issste_mon.calc.base import CIEN, CONTEXTO, MAXIMO, dec_o_none
from issste_mon.calc.razones import (
    FUERA_DE_RANGO,
    invertido,
    meta_usada,
    nota_de,
    nota_de_meta,
)
from issste_mon.metodologia import Metodologia, rango_cumplimiento
from issste_mon.modelo import MetaAnual

_DOS = Decimal(2)


def cumplimiento_exacto(meta, valor, sentido: str, formula_descendente: str = "inversa"):
    """valor/meta×100 (ascendente, constante); descendente: meta/valor×100 or (2−valor/meta)×100,
    on exact decimals: a Decimal, or None where not computable (meta 0, negative or missing,
    valor missing, the inverse formula on valor 0 or negative, out of range)."""
    m, v = dec_o_none(meta), dec_o_none(valor)
    if (
        m is None
        or v is None
        or not m
        or invertido(m, v, sentido == "descendente", formula_descendente)
    ):
        return None
    return exacto(m, v, sentido, formula_descendente)


def exacto(m: Decimal, v: Decimal, sentido: str, formula: str) -> Decimal | None:
    """(m not 0, and not a pair `invertido` refuses: the callers have checked.)"""
    c = CONTEXTO
    if sentido == "descendente":
        if formula == "espejo":
            pct = c.multiply(c.subtract(_DOS, c.divide(v, m)), CIEN)
        elif not v:
            return None
        else:
            pct = c.multiply(c.divide(m, v), CIEN)
    else:
        pct = c.multiply(c.divide(v, m), CIEN)
    return pct if pct.copy_abs() <= MAXIMO else None


def rango(pct, metodologia: Metodologia) -> str | None:
    """Bajo < inferior ≤ Adecuado ≤ superior < Alto, on the exact value of one cumplimiento (a
    Decimal, or a float read as the decimal it prints as); None if not computable."""
    return rango_cumplimiento(None if pct is None or pct != pct else pct, metodologia)


def uno(m: MetaAnual, sentido: str, metodologia: Metodologia):
    """One indicator-year, exactly: (cumplimiento as a Decimal or None, rango, nota) — the
    row `calcular_cumplimiento` gives, with the exact value instead of its machine number."""
    meta = meta_usada(m, metodologia)
    usa_mod = metodologia.meta == "modificada_si_existe"
    extra = [nota_de_meta(m.meta, m.meta_modificada) if usa_mod else None, m.nota]
    nota = nota_de(meta, m.valor, sentido, metodologia)
    x = None
    if nota is None:
        x = cumplimiento_exacto(meta, m.valor, sentido, metodologia.formula_descendente)
        if x is None:  # two numbers, meta not 0: only an out-of-range quotient gives none
            nota = FUERA_DE_RANGO
    nota = "; ".join(n for n in (nota, *extra) if n) or None  # as `con_notas_spec` joins them
    return x, (rango(x, metodologia) if x is not None else None), nota
