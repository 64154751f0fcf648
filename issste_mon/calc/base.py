"""Small helpers shared by the calculators."""

from __future__ import annotations

import math

from issste_mon.modelo import Numero, es_numero


def ratio_pct(num: Numero, den: Numero) -> float | None:
    if es_numero(num) and es_numero(den) and den != 0:
        pct = num / den * 100
        return pct if math.isfinite(pct) else None  # 1e300 / 1e-10 overflows to inf
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
