"""An independent oracle of every calculator, written from /work/shared/domain.md alone.

Exact rationals (`fractions.Fraction`), never `Decimal` nor the package's code: a figure is the
decimal text the spec holds, read as a fraction; the cuts are read from the methodology file with
plain `yaml.safe_load`. `tests/test_oraculo.py` compares the package with it. Where domain.md is
silent and the project has a documented rule (a negative meta is not computable, r = A/E is not
defined for E ≤ 0), the oracle follows that rule and says so beside it.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import yaml

METODOLOGIA = Path(__file__).resolve().parents[1] / "issste_mon" / "data" / "metodologia.yaml"
CIEN = Fraction(100)


def fr(x) -> Fraction:
    """A figure as written (a YAML text or number) as an exact fraction."""
    return Fraction(str(x))


def metodologia() -> dict:
    with METODOLOGIA.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


M = metodologia()
RANGO_INF = fr(M["cumplimiento"]["rango"]["inferior"])
RANGO_SUP = fr(M["cumplimiento"]["rango"]["superior"])
ETIQUETAS = M["cumplimiento"]["rango"]["etiquetas"]


def cumplimiento(meta, valor, sentido: str, formula: str = "inversa") -> Fraction | None:
    """domain.md, Formulas 1: ascendente and constante valor/meta × 100; descendente
    meta/valor × 100 (inversa) or (2 − valor/meta) × 100 (espejo). meta 0, a missing figure or
    valor 0 under the inverse formula: not computable. [project rule] a negative meta (any
    sentido) or a negative valor under the inverse formula runs against the cumplimiento."""
    if meta is None or valor is None:
        return None
    m, v = fr(meta), fr(valor)
    if m <= 0:
        return None
    if sentido == "descendente":
        if formula == "espejo":
            return (2 - v / m) * CIEN
        return m / v * CIEN if v > 0 else None
    return v / m * CIEN


def rango(pct: Fraction | None, inf: Fraction = RANGO_INF, sup: Fraction = RANGO_SUP):
    """Classifications 2: between 90 and 110 (both included) is Adecuado."""
    if pct is None:
        return None
    if pct < inf:
        return ETIQUETAS["bajo"]
    if pct > sup:
        return ETIQUETAS["alto"]
    return ETIQUETAS["adecuado"]


def cociente(num, den) -> Fraction | None:
    """num / den × 100 (cobertura PA/PO, PO/PP; budget share); None if not computable."""
    if num is None or den is None or fr(den) == 0:
        return None
    return fr(num) / fr(den) * CIEN


def nivel(valor, clave: str) -> str | None:
    """The highest band of `inmonitoreo` or `ised` whose lower bound the value reaches."""
    x = fr(valor)
    out = None
    for banda in M[clave]["niveles"]:
        if x >= fr(banda["desde"]):
            out = banda["nivel"]
    return out


def inmonitoreo(valoraciones: list, subindice) -> Fraction:
    """Classifications 1 [inferido]: ½ · mean(valoraciones) + ½ · subíndice."""
    agr = M["inmonitoreo"]["agregacion"]
    media = sum(map(fr, valoraciones), Fraction(0)) / len(valoraciones)
    return fr(agr["peso_programas"]) * media + fr(agr["peso_dependencia"]) * fr(subindice)


def redondeo(x: Fraction, decimales: int) -> Fraction:
    """Formulas 6: half away from zero at the printed precision."""
    escala = 10**decimales
    n = abs(x) * escala
    entero = int(n)
    if n - entero >= Fraction(1, 2):
        entero += 1
    return Fraction(entero if x >= 0 else -entero, escala)


def conteo(n: int, total: int) -> str:
    """Formulas 5: «5 (56%)», the share at the methodology's decimals, half up."""
    dec = M["conteos"]["decimales"]
    p = redondeo(Fraction(n, total) * CIEN, dec)
    texto = f"{float(p):.{dec}f}" if dec else str(int(p))
    return f"{n} ({texto}%)"


# --- six-year goal (Classifications 2) --------------------------------------------------------


def avance(valor, lb, meta_sexenal) -> Fraction | None:
    """A = (valor − LB) / (meta sexenal − LB) × 100."""
    v, b, ms = fr(valor), fr(lb), fr(meta_sexenal)
    return None if ms == b else (v - b) / (ms - b) * CIEN


def esperado(lb, lb_anio: int, meta_sexenal, anio: int, meta_intermedia=None) -> Fraction:
    """E: the intermediate goal's A for the value's year, else linear from the base year to
    the goal year."""
    if meta_intermedia is not None:
        return avance(meta_intermedia, lb, meta_sexenal)
    anio_meta = M["avance_sexenal"]["anio_meta"]
    return Fraction(anio - lb_anio, anio_meta - lb_anio) * CIEN


def categoria_sexenal(a: Fraction | None, e: Fraction | None) -> str:
    """The first category whose condition holds. [project rule] r = A/E is not defined for
    E ≤ 0: only a category before the first one on r can apply, else sin dato."""
    r = a / e if a is not None and e is not None and e > 0 else None
    for regla in M["avance_sexenal"]["categorias"]:
        if "avance_min" in regla:
            if a is None:
                break
            if a >= fr(regla["avance_min"]):
                return regla["categoria"]
        elif "razon_min" in regla:
            if r is None:
                break
            if r >= fr(regla["razon_min"]):
                return regla["categoria"]
        elif "avance_mayor_a" in regla:
            if a > fr(regla["avance_mayor_a"]):
                return regla["categoria"]
        else:
            return regla["categoria"]
    return M["avance_sexenal"]["sin_dato"]


def categoria_intermedia(cump: Fraction | None, valor, lb, sentido: str) -> str:
    """Classifications 3: Retroceso (worse than the línea base) first, then the bands."""
    v, b = fr(valor), fr(lb)
    mi = M["meta_intermedia"]
    if (sentido == "ascendente" and v < b) or (sentido == "descendente" and v > b):
        return mi["retroceso"]["categoria"]
    if cump is None:
        return mi["sin_dato"]
    for regla in mi["categorias"]:
        if "cumplimiento_mayor_a" in regla and cump > fr(regla["cumplimiento_mayor_a"]):
            return regla["categoria"]
        if "cumplimiento_min" in regla and cump >= fr(regla["cumplimiento_min"]):
            return regla["categoria"]
        if len(regla) == 1:
            return regla["categoria"]
    return mi["sin_dato"]


def avance_proyectado(lb, lb_anio: int, valor, anio: int, meta_sexenal) -> Fraction:
    """`alertas` meta_sexenal_en_riesgo: the line from (LB year, LB) to (year, valor), extended
    to the goal year, as a share of the distance LB → meta sexenal."""
    anio_meta = M["alertas"]["meta_sexenal_en_riesgo"]["anio_meta"]
    v, b = fr(valor), fr(lb)
    proyectado = v + (v - b) / (anio - lb_anio) * (anio_meta - anio) if anio < anio_meta else v
    return (proyectado - b) / (fr(meta_sexenal) - b) * CIEN


def semaforo(valor, verde, rojo, sentido: str) -> str | None:
    """`semaforo_shcp` [supuesto]: ascendente and constante valor ≥ verde → Verde, valor < rojo
    → Rojo, else Amarillo; descendente mirrored. None without a valor or a verde threshold, and
    None when the thresholds go the other sentido's way (ascendente verde < rojo, descendente
    verde > rojo: a valor between them would be both colours)."""
    if valor is None or verde is None:
        return None
    e = M["semaforo_shcp"]["etiquetas"]
    v, g = fr(valor), fr(verde)
    r = None if rojo is None else fr(rojo)
    if r is not None and (g > r if sentido == "descendente" else g < r):
        return None
    if sentido == "descendente":
        if v <= g:
            return e["verde"]
        if r is not None and v > r:
            return e["rojo"]
    else:
        if v >= g:
            return e["verde"]
        if r is not None and v < r:
            return e["rojo"]
    return e["amarillo"]
