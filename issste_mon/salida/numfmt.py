"""Rounding and es-MX number formatting, in one place.

Published figures round half away from zero at the printed precision (94.895 → 94.90), which
neither `round()` (half to even) nor `f"{x:.2f}"` (binary floats) does. A `Decimal` (the exact
results of `calc/`) is rounded as is; a float goes through its shortest decimal representation
(`repr`), so 94.895 is treated as the number a person typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache


def exacto(x: float | Decimal) -> Decimal:
    """The number as written: a Decimal as is, a float by its shortest repr (0.1 → 0.1)."""
    return x if isinstance(x, Decimal) else Decimal(repr(float(x)))


def round_half_up(x: float | Decimal, decimals: int) -> Decimal:
    return _quantize(x, decimals, ROUND_HALF_UP)


def truncate(x: float | Decimal, decimals: int) -> Decimal:
    return _quantize(x, decimals, ROUND_DOWN)


_PASOS = [Decimal(1).scaleb(-k) for k in range(16)]  # 1, 0.1, 0.01… (quantize's exponents)
_CONTEXTO = Context(prec=28)  # its own: rounding never depends on the caller's decimal context


def _quantize(x: float | Decimal, decimals: int, rounding: str) -> Decimal:
    d = exacto(x)
    paso = _PASOS[decimals] if 0 <= decimals < len(_PASOS) else Decimal(1).scaleb(-decimals)
    digitos = d.adjusted() + decimals + 2
    # 28 digits cannot hold 6.4e237 to 2 decimals: a wider context for such a number
    ctx = _CONTEXTO if digitos <= 28 else Context(prec=digitos)
    return d.quantize(paso, rounding=rounding, context=ctx)


def fmt_number(x: float | Decimal | None, decimals: int = 0) -> str:
    """es-MX: comma for thousands, point for decimals: 14,756,442 and 2,712.44."""
    if x is None:
        return ""
    return fmt_redondeado(round_half_up(x, decimals), decimals)


def fmt_redondeado(r: Decimal, decimals: int) -> str:
    """`fmt_number` of a value already rounded to `decimals` (`round_half_up`)."""
    return f"{r:,.{decimals}f}"


def fmt_pct(x: float | Decimal | None, decimals: int = 2) -> str:
    return "" if x is None else f"{fmt_number(x, decimals)} %"


def fmt_auto(x: float | Decimal | None, max_decimals: int = 2) -> str:
    """A spec value as written: integers without decimals, others with up to max_decimals."""
    if x is None:
        return ""
    d = exacto(x)
    if d == d.to_integral_value():
        return fmt_number(d, 0)
    return fmt_number(d, min(max_decimals, max(1, -d.normalize().as_tuple().exponent)))


WORDS = {
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
}
_NUM = r"[-+]?\d[\d,]*(?:\.\d+)?"


@dataclass(frozen=True)
class Publicado:
    """A figure as printed: its value, its printed decimals and whether it is a percentage."""

    texto: str
    valor: Decimal
    decimales: int
    porcentaje: bool

    def redondeo(self, x: float | Decimal) -> Decimal:
        """x rounded as the document rounds: half away from zero, to the printed decimals."""
        return round_half_up(x, self.decimales)

    def matches(self, x: float | Decimal) -> bool:
        return self.redondeo(x) == self.valor

    def matches_truncated(self, x: float | Decimal) -> bool:
        return truncate(x, self.decimales) == self.valor


_PUBLICADO = re.compile(rf"\s*\$?\s*({_NUM})\s*(%?)\s*")


def parse_publicado(text: str) -> Publicado | None:
    """'94.90 %' → 94.90 (2 decimals, %); '0.561' → 0.561; '$ 52,587.80' → 52587.80."""
    return _publicado(str(text))


@lru_cache(maxsize=4096)  # verificar reads each printed figure twice (compare, then print)
def _publicado(text: str) -> Publicado | None:
    m = _PUBLICADO.fullmatch(text)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Publicado(text, Decimal(digits), decimals, bool(m.group(2)))  # frozen: shareable


@dataclass(frozen=True)
class Conteo:
    """A count statement as printed: '5 (56%)', '12, 80%', 'cinco (55%)', '3 (20%)'."""

    texto: str
    n: int | None
    pct: Publicado | None


def parse_conteo(text: str) -> Conteo | None:
    t = str(text).strip()
    m = re.fullmatch(
        r"(?i)(?:([a-záéíóú]+|\d+)(?:\s+[a-záéíóúñ]+)*\s*[(,]\s*)?(\d+(?:\.\d+)?\s*%)\s*\)?", t
    )
    if not m:
        return None
    word = m.group(1)
    n = None
    if word:
        n = int(word) if word.isdigit() else WORDS.get(word.lower())
        if n is None:
            return None
    return Conteo(t, n, parse_publicado(m.group(2)))
