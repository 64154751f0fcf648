"""Rounding and es-MX number formatting, in one place.

Published figures round half away from zero at the printed precision (94.895 → 94.90), which
neither `round()` (half to even) nor `f"{x:.2f}"` (binary floats) does. A `Decimal` (the exact
results of `calc/`) is rounded as is; an int is exact at any size (never through a float, which
holds 2^53 + 1 as 2^53); a float goes through its shortest decimal representation (`repr`), so
94.895 is treated as the number a person typed.

No false zero, for people: a value that is not zero but would print as one at the column's
decimals prints with two significant digits instead, trailing zeros dropped (0.0042, 0.004,
-0.0002, 0.0000001): a rate of 0.0042 beside a meta of 0.004 is not «0.00 | 0.00».

A recorded figure (a valoración as the spec writes it) prints as written, never rounded:
`fmt_escrito`.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

from issste_mon.modelo.base import Valor, registro

DECIMALES_MAX = 10  # decimals of a machine number (non-terminating quotients are rounded)
# A figure written with digits other than 0–9 (٩٤.٩٠, ９４.９０): Decimal(), int(), float() and a
# pattern's \d read any Unicode digit, so it would be read as 94.90 without a word, and it is
# not what the document prints. Where a person's text becomes a figure, it is refused, so.
CIFRA_NO_ASCII = "cifra con dígitos no ASCII"


def digitos_no_ascii(texto: str) -> bool:
    """Whether the text has a decimal digit other than 0–9."""
    return not texto.isascii() and any(c.isdecimal() and not c.isascii() for c in texto)


def exacto(x: float | Decimal) -> Decimal:
    """The number as written: a Decimal or an int as is, a float by its shortest repr (0.1 →
    0.1)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    return Decimal(repr(float(x)))


def decimales_propios(x: float | Decimal) -> int:
    """The decimals a number carries as written, none for a whole one: 89.996 → 3, 100.0 → 0,
    Decimal("0.20") → 1, 1E+2 → 0. In a context of its own, wide enough to keep every digit:
    the caller's (2 digits, Inexact trapped) would round it, or raise."""
    d = exacto(x)
    n = len(d.as_tuple().digits)
    ctx = _CONTEXTO if n <= 28 else Context(prec=n)
    return max(0, -d.normalize(context=ctx).as_tuple().exponent)


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
    r = round_half_up(x, decimals)
    if not r:
        if x:  # not zero, yet it would print as one
            return _sin_cero_falso(exacto(x), decimals)
        r = abs(r)  # a zero has no sign: a spec's -0.0 is «0.00», not «-0.00»
    return fmt_redondeado(r, decimals)


def _sin_cero_falso(d: Decimal, decimals: int) -> str:
    """A non-zero value too small for `decimals`: two significant digits, trailing zeros
    dropped (0.0042 → «0.0042», 0.004 → «0.004», 1e-7 → «0.0000001»). More decimals than
    asked always, so at least one digit shown is not zero."""
    mas = max(decimals, 1 - d.adjusted())
    return fmt_redondeado(round_half_up(d, mas), mas).rstrip("0")


def decimales_fieles(x: float | Decimal, decimals: int, bordes=()) -> int:
    """The fewest decimals ≥ `decimals` at which x, rounded half up, lies on the same side of
    every edge in `bordes` as x itself: where the figure's class changes (the 90–110 % band,
    100 % of PA/PO, a level's cut). 89.996 is «89.996 %» beside «Bajo», not «90.00 %»;
    109.99999999999998 is all of it beside «Adecuado», not «110.00 %». Ends at x's own
    decimals, where the rounded value is x."""
    if not bordes or x is None:
        return decimals
    d = exacto(x)
    if not d.is_finite():
        return decimals
    lados = [(d > b) - (d < b) for b in bordes]
    propios = max(decimals, -d.as_tuple().exponent)
    while decimals < propios:
        # what a reader takes from the text (no false zero: -0.0006 at 2 decimals «-0.0006»)
        r = Decimal(fmt_number(d, decimals).replace(",", ""))
        if all((r > b) - (r < b) == lado for b, lado in zip(bordes, lados, strict=True)):
            break
        decimals += 1
    return decimals


def fmt_escrito(x: float | Decimal | None, decimals: int, bordes=()) -> str:
    """A recorded figure as written, with at least `decimals` (CONEVAL prints valoraciones
    with 3): 0.5295 → «0.5295», 0.53 → «0.530», 0.2499999 → «0.2499999». Rounding it could
    print two values on either side of a level's cut alike. A Decimal is a result of calc/
    (InMonitoreo, a mean): rounded to `decimals`, as any computed figure, with more where
    fewer would put it on the other side of one of `bordes` (0.5295 with a cut at 0.53)."""
    if x is None or isinstance(x, Decimal):
        return fmt_number(x, decimales_fieles(x, decimals, bordes))
    d = exacto(x)
    if not d.is_finite():
        return fmt_number(x, decimals)
    return fmt_redondeado(d if d else abs(d), max(decimals, decimales_propios(d)))  # (no «-0»)


def fmt_valor(x: float | Decimal | None, bordes=()) -> str:
    """A spec's figure (a meta, a valor) or an exact result made of them (a difference) for
    people, as written — every decimal it carries, none it lacks: 89.996 is «89.996», not
    «90.00» (beside a meta of 100 and «Bajo»), 100.0 is «100». Only a long exact result (a
    quotient that does not end: over 17 significant digits) is cut at DECIMALES_MAX (10), or
    after more if that would cross one of `bordes`."""
    if x is None:
        return ""
    d = exacto(x)
    if not d.is_finite():
        return fmt_number(x, 0)
    if isinstance(x, Decimal) and len(d.as_tuple().digits) > 17:
        return fmt_number(d, decimales_fieles(d, DECIMALES_MAX, bordes))
    if d == d.to_integral_value():
        return fmt_number(d, 0)
    return fmt_number(d, decimales_propios(d))


def fmt_tal_cual(x: int | float) -> str:
    """`fmt_escrito(x, 0)` of a spec's int or float, without Decimal arithmetic (~10× faster:
    a nota naming the original meta of ~150,000 rows of a federal set): an int grouped, a float
    its shortest repr (the decimal the spec wrote) grouped, a whole float without «.0»."""
    if x.__class__ is int:
        return f"{x:,}"
    if not x:  # (-0.0 as 0)
        return "0"
    r = repr(x)
    if "e" in r or "n" in r:  # 1e-05, 1e+16, inf, nan: the general path
        return fmt_escrito(x, 0)
    entero, _, decimales = r.partition(".")
    if len(entero) > 3:  # (below 1,000 nothing to group: most figures)
        entero = f"{int(entero):,}" if entero != "-0" else entero
    return entero if decimales == "0" else f"{entero}.{decimales}"


def fmt_anios(years: list[int]) -> str:
    """Years with data as runs, so a gap shows: [2013, 2019, 2020] → «2013, 2019–2020» (a
    span «2013–2020» would claim the years between); none → «»."""
    tramos: list[list[int]] = []
    for y in sorted(set(years)):
        if tramos and y == tramos[-1][1] + 1:
            tramos[-1][1] = y
        else:
            tramos.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in tramos)


def fmt_como_documento(x: float | Decimal, decimals: int) -> str:
    """x as a document prints it: rounded to `decimals`, a small value to zero included. Only
    for a text set beside a published figure it is compared with (verificar's «calculado», a
    count as CONEVAL states it: «1 (0%)»), which must round as the document does; for people,
    `fmt_number`."""
    return fmt_redondeado(round_half_up(x, decimals), decimals)


def fmt_redondeado(r: Decimal, decimals: int) -> str:
    """`fmt_number` of a value already rounded to `decimals` (`round_half_up`)."""
    return f"{r:,.{decimals}f}"


def fmt_pct(x: float | Decimal | None, decimals: int = 2, bordes=()) -> str:
    """A percentage for people; `bordes`: where its class changes (`decimales_fieles`)."""
    if x is None:
        return ""
    return f"{fmt_number(x, decimales_fieles(x, decimals, bordes))} %"


def fmt_auto(x: float | Decimal | None, max_decimals: int = 2) -> str:
    """A spec value as written: integers without decimals, others with up to max_decimals."""
    if x is None:
        return ""
    d = exacto(x)
    if d == d.to_integral_value():
        return fmt_number(d, 0)
    return fmt_number(d, min(max_decimals, max(1, decimales_propios(d))))


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
# Commas only as es-MX thousands separators: «114,5 %» (a decimal comma) or «1,2» is not 1145
# or 12, and a figure read so would be compared (and printed) as something never published.
_NUM = r"[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"  # ([0-9]: CIFRA_NO_ASCII)


@registro(congelado=True)
class Publicado(Valor):
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


@registro(congelado=True)
class Conteo(Valor):
    """A count statement as printed: '5 (56%)', '12, 80%', 'cinco (55%)', '3 (20%)'."""

    texto: str
    n: int | None
    pct: Publicado | None


def parse_conteo(text: str) -> Conteo | None:
    t = str(text).strip()
    m = re.fullmatch(
        r"(?i)(?:([a-záéíóú]+|[0-9]+)(?:\s+[a-záéíóúñ]+)*\s*[(,]\s*)?([0-9]+(?:\.[0-9]+)?\s*%)\s*\)?",
        t,
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
