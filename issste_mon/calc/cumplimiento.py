"""Cumplimiento de metas by sentido, and its rango (the methodology's: 90–110 % by default).

`cumplimiento_exacto` (calc/exacto.py, re-exported) computes one indicator on the exact decimals
of the spec (55 / 50 × 100 is 110, not 110.00000000000001) and `rango` classifies that exact
value, so an indicator at a band's edge lands where a person with a calculator would put it.
`evaluar` does it for a whole frame (one Decimal quotient per computable row: ~1 µs) and keeps,
beside the exact value, a float column `cumplimiento_pct` with the clean machine number (≤ 10
decimals, no binary noise) for pandas users. `cumplimiento_pct` is the older float formula over
numpy arrays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from itertools import compress, repeat
from operator import attrgetter, is_not, itemgetter
from typing import TYPE_CHECKING

import numpy as np

from issste_mon.calc import supuestos
from issste_mon.calc.base import CONTEXTO, EXACTO, con_publicado
from issste_mon.calc.exacto import (  # noqa: F401 (one at a time, exactly: re-exported)
    cumplimiento_exacto,
    exacto,
    uno,
)
from issste_mon.calc.exacto import rango as rango_uno
from issste_mon.calc.razones import (  # noqa: F401 (the rules' names, as this module gave them)
    FUERA_DE_RANGO,
    META_CERO,
    META_NEGATIVA,
    SIN_META,
    SIN_VALOR,
    VALOR_CERO_INVERSA,
    VALOR_NEGATIVO_INVERSA,
    faltan,
    invertido,
    meta_usada,
    nota_de,
    nota_de_meta,
)
from issste_mon.calc.razones import (
    estado as _estado,
)
from issste_mon.metodologia import Metodologia, decimal
from issste_mon.modelo import Faltante, Programa, es_numero
from issste_mon.modelo.metas import MetasEnColumnas, columnas_de
from issste_mon.salida.tabla import Repetidos

if TYPE_CHECKING:  # pandas is imported where a frame is made: the streamed path has none
    import pandas as pd


def cumplimiento_pct(meta, valor, sentido, formula_descendente: str = "inversa"):
    """valor/meta×100 (ascendente, constante); descendente: meta/valor×100 or (2−valor/meta)×100.

    Float version (binary noise included) over numpy arrays; not computable is NaN. Figures
    that are printed or classified come from `cumplimiento_exacto`.
    """
    pct = _pct(meta, valor, np.asarray(sentido) == "descendente", formula_descendente)
    return float(pct) if pct.ndim == 0 else pct


def _pct(meta, valor, descendente, formula_descendente: str) -> np.ndarray:
    """`cumplimiento_pct` with the rows of sentido descendente marked (a boolean array)."""
    meta = np.asarray(meta, dtype=float)
    valor = np.asarray(valor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        directo = valor / meta * 100
        if formula_descendente == "espejo":
            inverso = (2 - valor / meta) * 100
        else:
            inverso = meta / valor * 100
    pct = np.where(descendente, inverso, directo)
    # meta 0 or negative, or a negative valor under the inverse formula: not computable
    # (calc/razones.py: such a quotient runs against the cumplimiento)
    with np.errstate(invalid="ignore"):
        medible = meta > 0
        if formula_descendente != "espejo":
            medible &= ~(descendente & (valor < 0))
    return np.where(np.isfinite(pct) & medible, pct, np.nan)


def rango(pct, metodologia: Metodologia):
    """Bajo < inferior ≤ Adecuado ≤ superior < Alto, on the exact value; None if not
    computable. A scalar (Decimal, or a float read as the decimal it prints as) or a sequence."""
    if pct is None or isinstance(pct, (int, float, Decimal)):
        return rango_uno(pct, metodologia)
    return np.array([rango_uno(x, metodologia) for x in pct], dtype=object)


_COLS = [
    "clave",
    "ramo",
    "anio",
    "id",
    "nivel",
    "indicador",
    "sentido",
    "unidad_medida",
    "meta",
    "meta_original",
    "meta_modificada",
    "valor",
    "estado_meta",
    "estado_valor",
    "ruta_archivo",
    "nota_meta",
    "nota_spec",
    "cumplimiento_publicado",
    "fuente",
    "inferido",
]


def _lista(valores: Repetidos | list) -> list:
    return valores.lista() if valores.__class__ is Repetidos else valores


def _num(x):
    cls = x.__class__  # plain floats and ints first: this runs ~10⁶ times on a federal set
    if cls is float or cls is int:
        return float(x)
    return float(x) if es_numero(x) else np.nan


def frame(
    programas: list[Programa],
    anio: int | None = None,
    nivel: str | None = None,
    metodologia: Metodologia | None = None,
) -> pd.DataFrame:
    """One row per indicator and year, with the meta chosen by the methodology."""
    import pandas as pd

    use_mod = metodologia is None or metodologia.meta == "modificada_si_existe"
    # Column by column (C loops over the records: `_Reunidas`), not a tuple per row: the same
    # frame as `DataFrame.from_records` of the rows (tests/test_cumplimiento_partes.py).
    r = _Reunidas(list(_bloque(programas, anio, nivel)), use_mod)
    if not r.n:
        return pd.DataFrame.from_records([], columns=_COLS)
    meta, valor = _flotantes(r.metas), _flotantes(r.valores)
    columnas = {
        "clave": r.de_programa("clave"),
        "ramo": r.de_programa("ramo"),
        "anio": r.anios,
        "id": r.de_indicador("id"),
        "nivel": r.de_indicador("nivel"),
        "indicador": r.de_indicador("nombre"),
        "sentido": r.de_indicador("sentido"),
        "unidad_medida": r.de_indicador("unidad_medida"),
        "meta": _exacta(meta, r.metas),
        "meta_original": _exacta(_flotantes(r.metas_spec), r.metas_spec),
        "meta_modificada": _exacta(_flotantes(r.mods), r.mods),
        "valor": _exacta(valor, r.valores),
        "estado_meta": _estados(r.metas, meta),
        "estado_valor": _estados(r.valores, valor),
        "ruta_archivo": r.de_programa("archivo"),
        "nota_meta": r.notas_meta or [None] * r.n,
        "nota_spec": r.notas_spec,
        "cumplimiento_publicado": r.publicados or [None] * r.n,
        "fuente": _lista(r.fuentes_por_fila()),
        # (what `evaluar` says a figure rests on) each row its own list, never the spec's: a
        # caller clearing a row's `inferido` emptied the indicator's, and every later verificar
        # took its inferred sentido as printed
        "inferido": [None if x is None else list(x) for x in r.de_indicador("inferido")],
    }
    return pd.DataFrame(columnas, columns=_COLS)


def calcular_cumplimiento(
    programas: list[Programa],
    anio: int | None = None,
    *,
    metodologia: Metodologia,
    nivel: str | None = None,
) -> pd.DataFrame:
    """One row per indicator and year with cumplimiento_pct, rango and nota."""
    return evaluar(frame(programas, anio, nivel, metodologia), metodologia)


def evaluar(df: pd.DataFrame, metodologia: Metodologia) -> pd.DataFrame:
    """Adds cumplimiento_pct (the clean machine number: exact value to ≤ 10 decimals, NaN when
    not computable), cumplimiento_exacto (the exact Decimal where floats could not settle the
    row, else None), rango (on the exact value) and nota (why not computable) to a frame.

    Floats first, over the whole frame (numpy), then exact decimals only where a float could
    be wrong. A float result is within 10⁻¹² of the exact value below 1000 %, so a row is
    settled by floats when it is at least 10⁻³ away from the band's cut points (its rango is
    then the exact one, and it prints with at most 3 decimals beside it), its value ×10¹⁰ is
    not within 0.01 of a rounding midpoint (so rounding it to 10 decimals gives the exact
    value's rounding) and that 10-decimal value has more than
    3 decimals and is not 4 ending in 5 (so rounding it again for print — 0 to 3 decimals —
    cannot differ from rounding the exact value: no x.xx5 or x.xxx5 double rounding; the exact
    199.99549999995… is 199.9955 at 10 decimals). Every other row (terminating values like 110
    or 89.895, such ties, values near an edge, above 1000 %) is computed exactly;
    `tests/test_exacto.py` checks the shortcut against the exact computation.
    """
    import pandas as pd

    df = df.copy()
    meta, valor = df["meta"].to_numpy(dtype=float), df["valor"].to_numpy(dtype=float)
    limpios, exactos, codigos = _evaluar(
        meta,
        valor,
        df["sentido"].to_numpy() == "descendente",
        metodologia,
        _enteros_grandes(df["meta"].tolist(), df["valor"].tolist(), meta, valor),
    )
    df["cumplimiento_pct"] = limpios
    df["cumplimiento_exacto"] = pd.Series(exactos, index=df.index, dtype=object)
    df["rango"] = pd.Series(_rangos(codigos, metodologia), index=df.index, dtype=object)
    notas = _notas(df, metodologia)
    if "cumplimiento_publicado" in df:
        notas = con_publicados(notas, _sin_nan(df["cumplimiento_publicado"].tolist()))
    if "nota_meta" in df:  # (a frame built by hand may lack it, and the next ones)
        notas = con_notas_spec(notas, _sin_nan(df["nota_meta"].tolist()))
    inferidos = df["inferido"].tolist() if "inferido" in df else [None] * len(df)
    por_fila = supuestos.notas(inferidos, df["sentido"].tolist(), metodologia)
    supuesto, sup = _supuestos(limpios, por_fila)
    confianza = supuestos.confianza_meta(metodologia)
    if "meta_modificada" in df and "meta_original" in df and confianza in supuestos.NO_PUBLICADA:
        metas = {
            i: t
            for i, (mt, md) in enumerate(
                zip(df["meta_original"].tolist(), df["meta_modificada"].tolist(), strict=True)
            )
            if (t := supuestos.meta_supuesta(mt, md, metodologia, confianza=confianza))
        }
        supuesto, sup = supuestos.con_metas(supuesto, sup, limpios, metas)
    df["supuesto"] = supuesto
    notas = con_notas_en(notas, sup)
    if "nota_spec" in df:
        notas = con_notas_spec(notas, _sin_nan(df["nota_spec"].tolist()))
    df["nota"] = notas
    return df


_SUPUESTO = (False, True, None)


def _supuestos(limpios: np.ndarray, textos: list, cuentas=None) -> tuple[list, dict]:
    """Each row's `supuesto` (whether its cumplimiento rests on something no document printed;
    None where there is no cumplimiento) and {row: the words its nota gets for it} of the rows
    that get some, from `supuestos.notas` (None: printed inputs and rules only) of each row, or
    of each indicator when `cuentas` gives its number of rows."""
    sin = np.isnan(limpios)
    if textos.count(None) == len(textos):
        return list(map(_SUPUESTO.__getitem__, (sin * 2).tolist())), {}
    con = np.fromiter(map(is_not, textos, repeat(None)), dtype=bool, count=len(textos))
    de_fila = np.arange(len(textos))
    if cuentas is not None:  # (an indicator's answer, once for each of its rows)
        con, de_fila = con.repeat(cuentas), de_fila.repeat(cuentas)
    codigos = np.where(sin, 2, con.astype(np.int8))
    filas = np.flatnonzero(codigos == 1)  # (a third of a federal set: its descendentes)
    return list(map(_SUPUESTO.__getitem__, codigos.tolist())), dict(
        zip(filas.tolist(), map(textos.__getitem__, de_fila[filas].tolist()), strict=True)
    )


def con_notas_en(notas: list, textos: dict) -> list:
    """`con_notas_spec` of the rows of `textos` ({row: text}) only, the others as they are."""
    if not textos:
        return notas
    out = list(notas)
    for i, t in textos.items():
        n = out[i]
        out[i] = f"{n}; {t}" if n else t
    return out


def _enteros_grandes(metas: list, valores: list, meta: np.ndarray, valor: np.ndarray) -> dict:
    """{row: (meta, valor) as the spec gives them} of the rows with a number beyond 2⁵³, where
    a float does not hold every integer (9007199254740993 would be …992): they are computed,
    and written, from the spec's own numbers (none in any real set: an empty dict, cheaply)."""
    with np.errstate(invalid="ignore"):
        filas = np.flatnonzero((np.abs(meta) >= 2.0**53) | (np.abs(valor) >= 2.0**53))
    return {i: (metas[i], valores[i]) for i in filas.tolist()}


def _exacta(flotantes: np.ndarray, originales: list):
    """A frame's column of figures: the float column, or, where some number is beyond 2⁵³
    (`_enteros_grandes`), an object column with the spec's own numbers in those rows (Python
    floats elsewhere, NaN for none). A list mixing ints and floats would be made float64 by
    pandas, rounding 9007199254740993 to …992 before `evaluar` (and every table) reads it."""
    filas = _enteros_grandes(originales, originales, flotantes, flotantes)
    if not filas:
        return flotantes
    import pandas as pd

    out = flotantes.astype(object)  # (Python floats; NaN stays NaN)
    for i, (x, _) in filas.items():
        out[i] = x
    return pd.Series(out, dtype=object)


def _con_originales(flotantes: np.ndarray, originales: list, filas) -> np.ndarray | list:
    """A float column, with the spec's own numbers in `filas` (`_enteros_grandes`)."""
    if not filas:
        return flotantes
    out = [None if x != x else x for x in flotantes.tolist()]  # (NaN: no number)
    for i in filas:
        out[i] = originales[i]
    return out


def _evaluar(
    meta: np.ndarray, valor: np.ndarray, descendente: np.ndarray, metodologia, grandes=None
):
    """`evaluar` on arrays: (clean float value or NaN, exact Decimal or None, rango code) for
    each row — the code: 0 bajo, 1 adecuado, 2 alto, -1 none (`_rangos` makes the labels) —,
    the float shortcut first and exact decimals where it could be wrong; `grandes`: the rows
    `_enteros_grandes` gives, computed exactly from the spec's numbers."""
    from issste_mon.salida.tabla import numero_maquina as limpio

    formula = metodologia.formula_descendente
    lo, hi = decimal(metodologia.rango_inferior), decimal(metodologia.rango_superior)
    pct = _pct(meta, valor, descendente, formula)
    n = len(pct)
    finito = np.isfinite(pct)
    p = np.where(finito, pct, 0.0)
    # Huge values overflow here; harmless, as |p| < 1000 below sends them to the exact path.
    with np.errstate(over="ignore", invalid="ignore"):
        escalado = p * 1e10
        entero = np.rint(escalado)
        fraccion = escalado - np.floor(escalado)
        flotante = (
            finito
            & (np.abs(p) < 1000)
            & (np.abs(fraccion - 0.5) > 0.01)
            # at most 3 decimals, or 4 ending in 5 (…x5000000 ×10⁻¹⁰): such a clean value may
            # be a tie at the printed 0–3 decimals that rounding to 10 made (the exact
            # 199.99549999995… is 199.9955 clean: 199.996, not 199.995): the exact path decides
            & (np.mod(entero, 10**7) != 0)
            & (np.mod(entero, 10**7) != 5 * 10**6)
            # and at least 10⁻³ from a cut: nearer, the table prints more decimals so that
            # the figure keeps its side of the cut (`decimales_fieles`: 90.000015 as
            # «90.00002 %»), and 4 or more decimals of a clean value are a double rounding
            # (the exact 90.0000149999925 is «90.00001 %»)
            & (np.abs(p - float(lo)) > 1e-3)
            & (np.abs(p - float(hi)) > 1e-3)
        )
    if grandes:  # their floats are not the spec's numbers: exactly, below
        flotante[list(grandes)] = False
    limpios = np.where(flotante, entero / 1e10, np.nan)
    codigos = np.where(p < float(lo), 0, np.where(p > float(hi), 2, 1)).astype(np.int8)
    codigos[~flotante] = -1
    exactos = np.full(n, None, dtype=object)
    # The rest, one by one: NaN here may still be computable exactly (e.g. an overflow); not
    # the rows without two numbers or with meta 0 (not computable: about one in seven).
    with np.errstate(invalid="ignore"):
        calculable = np.isfinite(meta) & np.isfinite(valor) & (meta > 0)
        if formula != "espejo":  # (`invertido`: a negative valor under the inverse formula)
            calculable &= ~(descendente & (valor < 0))
        # within reach of a cut: where 10 decimals could land on it (see below)
        cerca = (np.abs(p - float(lo)) < 1e-6) | (np.abs(p - float(hi)) < 1e-6) | ~finito
    idx = np.flatnonzero(~flotante & calculable)
    hechos, valores, limpios_x, codigos_x = [], [], [], []
    for i, m, v, desc, junto in _filas(idx, meta, valor, descendente, cerca):
        if grandes and i in grandes:
            m, v = grandes[i]
        sentido = "descendente" if desc else "ascendente"
        x = exacto(Decimal(repr(m)), Decimal(repr(v)), sentido, formula)
        if x is None:
            continue
        hechos.append(i)
        valores.append(x)
        codigo = 0 if x < lo else (2 if x > hi else 1)
        a_10 = limpio(x)
        # 10 decimals that land on a cut the value is not on (110.00000000000002 → 110, beside
        # «Alto»): the double nearest the value instead, which the writers keep (`fieles`)
        if junto and ((a_10 > lo) - (a_10 < lo), (a_10 > hi) - (a_10 < hi)) != (
            (x > lo) - (x < lo),
            (x > hi) - (x < hi),
        ):
            a_10 = x
        limpios_x.append(float(a_10))
        codigos_x.append(codigo)
    if hechos:
        exactos[hechos] = valores
        limpios[hechos] = limpios_x
        codigos[hechos] = codigos_x
    return limpios, exactos, codigos


def _filas(idx: np.ndarray, *columnas: np.ndarray):
    """(i, columna[i]…) for each row i of `idx`, as Python values (read from lists: indexing
    a numpy array one element at a time costs ~10× more)."""
    return zip(idx.tolist(), *(c[idx].tolist() for c in columnas), strict=True)


_RANGOS = ("bajo", "adecuado", "alto")  # `_evaluar`'s codes 0, 1, 2


def _rangos(codigos: np.ndarray, metodologia: Metodologia) -> list:
    """The rango labels of `_evaluar`'s codes (None for -1: the last item)."""
    e = metodologia.etiquetas_rango
    etiquetas = np.array([*(e[k] for k in _RANGOS), None], dtype=object)
    return etiquetas[codigos].tolist()


def _notas(df: pd.DataFrame, metodologia: Metodologia) -> list[str | None]:
    if df.empty:
        return []
    return _notas_de(
        df["meta"].to_numpy(dtype=float),
        df["valor"].to_numpy(dtype=float),
        _sin_nan(df["estado_meta"].tolist()),
        _sin_nan(df["estado_valor"].tolist()),
        df["sentido"].to_numpy() == "descendente",
        metodologia,
        df["cumplimiento_pct"].to_numpy(dtype=float),
    )


def _sin_nan(xs: list) -> list:
    """A frame's object column as a list, its missing values (NaN or None) as None."""
    return [None if x is None or x != x else x for x in xs]


def _notas_de(meta, valor, est_m: list, est_v: list, descendente, metodologia, pct) -> list:
    """Why each row is not computable (None where it is), by `nota_de`'s rules in its order;
    `est_m`/`est_v`: each row's estado of meta and valor (ND, NA, ausente; None for a number);
    `pct`: the computed cumplimiento (NaN where none). Only the rows some rule may name — no
    number (NaN: an estado, if any, is there), a 0, or no cumplimiento from two numbers (out of
    range); a few in a hundred — are looked at one by one."""
    with np.errstate(invalid="ignore"):
        cero_m, cero_v = meta == 0, valor == 0
    sin_pct = np.isnan(pct)
    idx = np.flatnonzero(np.isnan(meta) | np.isnan(valor) | cero_m | cero_v | sin_pct)
    notas = [None] * len(meta)
    if not len(idx):
        return notas
    inversa = metodologia.formula_descendente == "inversa"
    for i, cm, cv, m, v, desc in _filas(idx, cero_m, cero_v, meta, valor, descendente):
        if (em := est_m[i]) is not None:
            if est_v[i] is None:
                notas[i] = SIN_META if em == "ausente" else _PREFIJADAS["meta "][em]
            else:  # (both: each named, `faltan`)
                notas[i] = faltan(em, est_v[i])
        elif (ev := est_v[i]) is not None:
            notas[i] = SIN_VALOR if ev == "ausente" else _PREFIJADAS["valor "][ev]
        elif cm:
            notas[i] = META_CERO
        elif m < 0:
            notas[i] = META_NEGATIVA
        elif cv and inversa and desc:
            notas[i] = VALOR_CERO_INVERSA
        elif v < 0 and inversa and desc:
            notas[i] = VALOR_NEGATIVO_INVERSA
        elif sin_pct[i]:  # two numbers, meta not 0, and still no cumplimiento
            notas[i] = FUERA_DE_RANGO
    return notas


def con_publicados(notas: list, publicados: list) -> list:
    """Each not-computable row's reason with the cumplimiento the spec records as published
    (`publicado.cumplimiento`), as cobertura says it: «sin meta en la spec (publicado: 117%)».
    `publicados`: each row's figure (None: none), or empty when no row has one; only the rows
    with one are looked at."""
    if not publicados:
        return notas
    out = list(notas)
    for i in compress(range(len(out)), publicados):
        if out[i]:
            out[i] = con_publicado(out[i], publicados[i])
    return out


def publicados_de(publicados: list[dict]) -> list:
    """Each row's published cumplimiento from its `publicado` dicts; [] when no row has any
    published figure (the common case: one C pass over mostly empty dicts)."""
    if not any(publicados):
        return []
    return [p.get("cumplimiento") if p else None for p in publicados]


def con_notas_spec(notas: list, spec: list) -> list:
    """Each row's nota, and after it the spec's own `nota` of that year («valor acumulado al mes
    6 (sin Cuenta Pública)»): a figure computed from a partial value says so where it is shown."""
    if not spec or spec.count(None) == len(spec):
        return notas
    return [n if not s else (f"{n}; {s}" if n else s) for n, s in zip(notas, spec, strict=True)]


class _Prefijadas(dict):
    """prefijo + estado, each distinct text made once (and shared by every row that has it)."""

    def __init__(self, prefijo: str) -> None:
        self.prefijo = prefijo

    def __missing__(self, estado) -> str:
        self[estado] = texto = self.prefijo + str(estado)
        return texto


_PREFIJADAS = {p: _Prefijadas(p) for p in ("meta ", "valor ")}


@dataclass
class Resumen:
    n: int
    calculables: int
    promedio: Decimal | None  # exact mean of the computable rows
    por_rango: dict[str, int]


def resumir(df: pd.DataFrame, metodologia: Metodologia) -> Resumen:
    """Average cumplimiento (the «promedio de la dependencia») and counts per rango."""
    pct = df["cumplimiento_pct"].to_numpy(dtype=float)
    exactos = df["cumplimiento_exacto"].to_numpy()
    import pandas as pd

    con_exacto = pd.notna(exactos)
    flotantes = ~np.isnan(pct) & ~con_exacto
    calculables = int(con_exacto.sum() + flotantes.sum())
    labels = [metodologia.etiquetas_rango[k] for k in ("bajo", "adecuado", "alto")]
    counts = df["rango"].value_counts()
    promedio = None
    if calculables:
        # Every row's exact value, the float-settled ones too: their clean numbers (10
        # decimals) are each within 5·10⁻¹¹, and their mean can fall on the other side of a
        # printed tie (100.0053333…, 100.0053333…, 100.0043333… average exactly 100.005,
        # «100.01 %», while their clean numbers average 100.00499999997, «100.00 %»).
        suma = _suma_exacta(
            df["meta"].tolist(),
            df["valor"].tolist(),
            df["sentido"].to_numpy() == "descendente",
            metodologia.formula_descendente,
            flotantes,
            exactos[con_exacto].tolist(),
        )
        promedio = CONTEXTO.divide(suma, calculables)
    return Resumen(
        n=len(df),
        calculables=calculables,
        promedio=promedio,
        por_rango={label: int(counts.get(label, 0)) for label in labels},
    )


def _suma_exacta(metas: list, valores: list, descendente, formula, flotantes, exactos: list):
    """The exact sum of the computable rows: `exactos` (the rows that have one) and the
    exact quotient of each row settled by floats (`flotantes`)."""
    c = CONTEXTO
    suma = Decimal(0)
    for x in exactos:
        suma = c.add(suma, x)
    for i in np.flatnonzero(flotantes).tolist():
        m, v = metas[i], valores[i]
        sentido = "descendente" if descendente[i] else "ascendente"
        suma = c.add(suma, exacto(decimal(m), decimal(v), sentido, formula))
    return suma


# Streaming: the rows of `frame` + `evaluar`, a few thousand at a time, as plain columns.
#
# `cumplimiento -f csv` of a federal set (10,000 programs: 1.3 million indicator-year rows)
# needs each row once, in order, and a summary of all of them: `partes` yields the rows in
# parts of whole programs (column lists, no DataFrame, no dict per row) and `Acumulado` keeps
# what `resumir` needs, so no more than one part is ever held. Same values as `frame` +
# `evaluar` + `resumir`, by the same code (`_evaluar`, `_notas_de`); tests compare both ways.

# Big enough that the per-part numpy calls cost little per row, small enough that a part's
# objects (~0.5 MB of cells) reuse the memory the previous part freed: with 16,384 rows each
# part took fresh pages from the system (~200,000 page faults, ~0.3 s of system time at 10k
# programs); with 2,048, none, and slightly less user time too.
FILAS_POR_PARTE = 2_048
# what `_Reunidas` reads
_CAMPOS = ("anio", "meta", "meta_modificada", "valor", "semaforo", "nota", "publicado", "fuente")
_NUM_NONE = frozenset({float, int, type(None)})
_CON_ESTADO = _NUM_NONE | {Faltante}
_SIN_FALTANTE = {f: None for f in Faltante}


def _flotantes(xs: list) -> np.ndarray:
    """`_num` over a column: numbers as floats; ND, NA and None as NaN."""
    clases = set(map(type, xs))
    if clases <= _NUM_NONE:
        return np.array(xs, dtype=float)  # None → NaN
    if clases <= _CON_ESTADO:  # ND/NA → None (a lookup: x itself for anything else)
        return np.array(list(map(_SIN_FALTANTE.get, xs, xs)), dtype=float)
    return np.fromiter(map(_num, xs), dtype=float, count=len(xs))


def _estados(xs: list, flotantes: np.ndarray) -> list:
    """`_estado` over a column: ND/NA/ausente, None for a number; `flotantes`, the column's
    `_flotantes`: only its rows without a number (NaN there) are looked at."""
    out = [None] * len(xs)
    for i in np.flatnonzero(np.isnan(flotantes)).tolist():
        out[i] = _estado(xs[i])
    return out


@dataclass
class Acumulado:
    """What `resumir` needs of every row, added part by part (in the same order, so the exact
    sum is the same sequence of Decimal additions)."""

    n: int = 0
    calculables: int = 0
    enteros: int = 0  # the clean numbers ×10¹⁰ of the rows settled by floats
    suma: Decimal = Decimal(0)  # the exact values of the other rows
    rangos: Counter = field(default_factory=Counter)
    anios: set = field(default_factory=set)  # years with a computable row

    def agregar(self, anios: list, limpios: np.ndarray, exactos: np.ndarray, codigos, etiquetas):
        """One part's rows: `codigos` of `_evaluar`, and the labels of codes 0, 1, 2."""
        con_exacto = np.not_equal(exactos, None)
        calculable = ~np.isnan(limpios)
        flotantes = calculable & ~con_exacto
        self.n += len(limpios)
        self.calculables += int(con_exacto.sum() + flotantes.sum())
        self.enteros += int(np.rint(limpios[flotantes] * 1e10).astype(np.int64).sum())
        with localcontext(CONTEXTO):
            self.suma = sum(exactos[con_exacto].tolist(), self.suma)
        cuenta = np.bincount(codigos[codigos >= 0], minlength=3).tolist()
        for etiqueta, n in zip(etiquetas, cuenta, strict=True):  # (two bands may share a label)
            self.rangos[etiqueta] += n
        self.anios.update(compress(anios, calculable.tolist()))

    def resumen(self, metodologia: Metodologia, exacta=None) -> Resumen:
        """`exacta`: a function giving the exact sum of every computable row (a second pass
        over the programs), called only when the mean of the clean numbers lies within their
        error (5·10⁻¹¹) of a rounding tie at 0–4 decimals, where it could print otherwise."""
        labels = [metodologia.etiquetas_rango[k] for k in ("bajo", "adecuado", "alto")]
        promedio = None
        if self.calculables:
            with localcontext(CONTEXTO):
                promedio = (Decimal(self.enteros).scaleb(-10) + self.suma) / self.calculables
            if exacta is not None and _junto_a_empate(promedio):
                promedio = CONTEXTO.divide(exacta(), self.calculables)
        return Resumen(
            n=self.n,
            calculables=self.calculables,
            promedio=promedio,
            por_rango={label: self.rangos.get(label, 0) for label in labels},
        )


_ERROR_LIMPIO = Decimal("1e-10")  # beyond the 5·10⁻¹¹ of a clean number, with a margin


def _junto_a_empate(x: Decimal) -> bool:
    """Whether x is within `_ERROR_LIMPIO` of a rounding tie at 0 to 4 decimals."""
    for d in range(5):
        paso = Decimal(1).scaleb(-d)
        # (wide enough for the quotient of a mean up to 10³⁰⁰: no DivisionImpossible)
        # (every step in EXACTO: the caller's context must not round or trap any of them)
        resto = EXACTO.remainder(EXACTO.subtract(x.copy_abs(), EXACTO.divide(paso, 2)), paso)
        resto = EXACTO.add(resto, paso) if resto < 0 else resto  # (in [0, paso))
        if min(resto, EXACTO.subtract(paso, resto)) <= _ERROR_LIMPIO:
            return True
    return False


def suma_exacta(
    programas: list[Programa],
    anio: int | None,
    *,
    metodologia: Metodologia,
    nivel: str | None = None,
) -> Decimal:
    """The exact sum of the cumplimiento of every computable row of `partes` (a second pass,
    block by block: `Acumulado.resumen` asks for it only near a tie)."""
    total = Decimal(0)
    usar_mod = metodologia.meta == "modificada_si_existe"
    bloque: list = []
    for trio in [*_bloque(programas, anio, nivel), None]:
        if trio is not None:
            bloque.append(trio)
            if len(bloque) < FILAS_POR_PARTE:
                continue
        if not bloque:
            break
        r = _Reunidas(bloque, usar_mod)
        meta, valor = _flotantes(r.metas), _flotantes(r.valores)
        descendente = r.descendente()
        grandes = _enteros_grandes(r.metas, r.valores, meta, valor)
        limpios, exactos, _ = _evaluar(meta, valor, descendente, metodologia, grandes)
        con_exacto = np.not_equal(exactos, None)
        flotantes = ~np.isnan(limpios) & ~con_exacto
        parte = _suma_exacta(
            r.metas,
            r.valores,
            descendente,
            metodologia.formula_descendente,
            flotantes,
            exactos[con_exacto].tolist(),
        )
        total = CONTEXTO.add(total, parte)
        bloque = []
    return total


def hay_filas(programas: list[Programa], anio: int | None = None, nivel: str | None = None):
    """Whether `frame` would have any row (without building it)."""
    return any(
        (nivel is None or ind.nivel == nivel)
        and (anio in ind.metas if anio is not None else bool(ind.metas))
        for p in programas
        for ind in p.mir
    )


def partes(
    programas: list[Programa],
    anio: int | None,
    *,
    metodologia: Metodologia,
    nivel: str | None = None,
    acumulado: Acumulado | None = None,
    filas: int | None = None,
) -> Iterator[dict[str, list]]:
    """The rows of `calcular_cumplimiento` (+ semaforo), part by part: each part is whole
    programs and at least `filas` rows (but the last), as lists keyed like the frame's columns
    (meta_estado/valor_estado for estado_meta/estado_valor; meta, valor and cumplimiento_pct
    as numpy float arrays); only the columns of the `cumplimiento` table, and the exact value
    `cumplimiento_exacto` (its `Columna.exacto`). Each part is added
    to `acumulado` as it is made."""
    filas = FILAS_POR_PARTE if filas is None else filas
    bloque: list = []
    n = 0
    anterior = None
    for trio in _bloque(programas, anio, nivel):
        if n >= filas and trio[0] is not anterior:  # parts end between programs
            yield _parte(bloque, metodologia, acumulado)
            bloque, n = [], 0
        bloque.append(trio)
        n += len(trio[2])
        anterior = trio[0]
    if n:
        yield _parte(bloque, metodologia, acumulado)


class _Reunidas:
    """The raw columns of a block of (program, indicator, {year: meta}) triples: one entry per
    indicator-year, in order; indicator-level values repeated for each of its years."""

    def __init__(self, bloque: list, usar_mod: bool) -> None:
        self.bloque = bloque
        # the block's programs and indicators, each field then read by C loops (`attrgetter`)
        self.programas = list(map(itemgetter(0), bloque))
        self.indicadores = list(map(itemgetter(1), bloque))
        cuentas, columnas = columnas_de(list(map(itemgetter(2), bloque)), _CAMPOS)
        self.cuentas = np.array(cuentas, dtype=np.intp)
        self.anios, self.metas_spec, self.mods, self.valores, self.semaforos, notas, pubs = (
            columnas[:7]
        )
        self.fuentes_anio = columnas[7]  # (a year's own `fuente`: None almost everywhere)
        self.publicados = publicados_de(pubs)  # (empty: no row has a published cumplimiento)
        self.n = len(self.anios)
        self._con_modificada: list[int] | None = None
        if usar_mod and self.mods.count(None) != self.n:  # the meta the methodology uses
            self.metas = list(self.metas_spec)
            md = self.mods
            for i in self.con_modificada():  # a numeric meta modificada replaces the original
                if es_numero(md[i]):
                    self.metas[i] = md[i]
            # which meta a row rests on is said where it differs from the spec's `meta`
            self.notas_meta = self._notas_meta()
        else:
            self.metas = self.metas_spec
            self.notas_meta = []
        self.notas_spec = notas  # each row's `nota` in the spec (None: none)

    def notas(self, calculadas: list, supuestas: dict) -> list:
        """Each row's nota: why it is not computable (and the published figure, if any), which
        meta it rests on, what else it rests on that no document printed (`supuestas`, from
        `_supuestos`), the spec's."""
        calculadas = con_publicados(calculadas, self.publicados)
        calculadas = con_notas_en(con_notas_spec(calculadas, self.notas_meta), supuestas)
        return con_notas_spec(calculadas, self.notas_spec)

    def supuestos(self, metodologia: Metodologia) -> list:
        """`supuestos.notas` of each indicator (None: printed inputs and rules only)."""
        return supuestos.notas(self.de_cada("inferido"), self.de_cada("sentido"), metodologia)

    def metas_supuestas(self, metodologia: Metodologia) -> dict[int, str]:
        """{row: `supuestos.meta_supuesta`} of the rows whose meta the methodology's choice
        decides, where it marks that choice supuesto (none without a meta modificada)."""
        if self.mods.count(None) == self.n:
            return {}
        confianza = supuestos.confianza_meta(metodologia)
        if confianza not in supuestos.NO_PUBLICADA:
            return {}
        mt, md = self.metas_spec, self.mods
        palabras = supuestos.palabras_meta(metodologia, confianza)
        distintas = supuestos.metas_distintas
        return {i: palabras for i in self.con_modificada() if distintas(mt[i], md[i])}

    def con_modificada(self) -> list[int]:
        """The rows with a meta modificada, found once for both of their notes."""
        if self._con_modificada is None:
            md = self.mods
            self._con_modificada = list(compress(range(self.n), map(is_not, md, repeat(None))))
        return self._con_modificada

    def _notas_meta(self) -> list:
        out = [None] * self.n
        mt, md = self.metas_spec, self.mods
        for i in self.con_modificada():
            out[i] = nota_de_meta(mt[i], md[i])
        return out

    def por_fila(self, valores) -> list:
        """One value per indicator (of `bloque`), repeated for each of its years."""
        return Repetidos(valores, self.cuentas).lista()

    def descendente(self) -> np.ndarray:
        """Each row: whether its indicator's sentido is descendente (compared per indicator)."""
        d = np.array(self.de_cada("sentido"), dtype=object) == "descendente"
        return d.repeat(self.cuentas)

    def con_semaforo(self) -> bool:
        """Whether some row may have SHCP's colour: its year's semáforo or its indicator's
        umbrales recorded (`calc.tendencias.semaforos` finds none otherwise)."""
        return any(self.de_cada("umbrales")) or any(self.semaforos)

    def de_cada(self, campo: str, de_programa: bool = False) -> list:
        """A field of each indicator (or of its program), once per indicator."""
        return list(map(attrgetter(campo), self.programas if de_programa else self.indicadores))

    def de_programa(self, campo: str) -> list:
        return self.por_fila(self.de_cada(campo, True))

    def fuentes(self) -> list:
        """Each indicator's document: its own `fuente`, else its program's."""
        return [
            i or p
            for i, p in zip(self.de_cada("fuente"), self.de_cada("fuente", True), strict=True)
        ]

    def fuentes_por_fila(self) -> Repetidos | list:
        """Each row's document: its year's `fuente`, else its indicator's (runs, as written
        once per indicator, where no year names its own)."""
        por_indicador = Repetidos(self.fuentes(), self.cuentas)
        if self.fuentes_anio.count(None) == self.n:
            return por_indicador
        return [a or i for a, i in zip(self.fuentes_anio, por_indicador.lista(), strict=True)]

    def de_indicador(self, campo: str) -> list:
        return self.por_fila(self.de_cada(campo))

    def por_indicador(self, campo: str, de_programa: bool = False) -> Repetidos:
        """A field of each indicator (or of its program), as the runs of its rows."""
        return Repetidos(self.de_cada(campo, de_programa), self.cuentas)


def _bloque(programas: list[Programa], anio: int | None, nivel: str | None):
    """(program, indicator, {year: meta}) of every indicator with rows, and the row count."""
    for p in programas:
        for ind in p.mir:
            if nivel is not None and ind.nivel != nivel:
                continue
            if anio is None:
                yield p, ind, ind.metas
            elif anio in ind.metas:
                metas = ind.metas
                if metas.__class__ is MetasEnColumnas and metas.en_columnas():
                    yield p, ind, metas.solo(anio)  # (nothing made)
                else:
                    yield p, ind, {anio: metas[anio]}


def _parte(bloque: list, metodologia: Metodologia, acumulado: Acumulado | None):
    from issste_mon.calc.tendencias import semaforos_por_fila

    r = _Reunidas(bloque, metodologia.meta == "modificada_si_existe")
    n, anios, metas, valores = r.n, r.anios, r.metas, r.valores
    # the columns of the indicator (and of its program) as runs: written once per indicator
    claves, ramos = r.por_indicador("clave", True), r.por_indicador("ramo", True)
    ids, sentidos = r.por_indicador("id"), r.por_indicador("sentido")
    meta = _flotantes(metas)
    valor = _flotantes(valores)
    est_m, est_v = _estados(metas, meta), _estados(valores, valor)
    descendente = r.descendente()
    grandes = _enteros_grandes(metas, valores, meta, valor)
    limpios, exactos, codigos = _evaluar(meta, valor, descendente, metodologia, grandes)
    supuesto, supuestas = _supuestos(limpios, r.supuestos(metodologia), r.cuentas)
    supuesto, supuestas = supuestos.con_metas(
        supuesto, supuestas, limpios, r.metas_supuestas(metodologia)
    )
    notas = r.notas(
        _notas_de(meta, valor, est_m, est_v, descendente, metodologia, limpios), supuestas
    )
    rangos = _rangos(codigos, metodologia)
    if acumulado is not None:
        e = metodologia.etiquetas_rango
        acumulado.agregar(anios, limpios, exactos, codigos, [e[k] for k in _RANGOS])
    if r.con_semaforo():
        umbrales = r.por_fila(r.de_cada("umbrales"))
        exactos_v = _con_originales(valor, valores, grandes)  # (the spec's integer beyond 2⁵³)
        colores = semaforos_por_fila(
            r.semaforos, umbrales, exactos_v, sentidos.lista(), metodologia
        )
    else:
        colores = [None] * n
    return {
        "clave": claves,
        "ramo": ramos,
        "anio": anios,
        "id": ids,
        "nivel": r.por_indicador("nivel"),
        "indicador": r.por_indicador("nombre"),
        "sentido": sentidos,
        # float arrays (NaN: no number), as the frame holds them
        "meta": _con_originales(meta, metas, grandes),
        "valor": _con_originales(valor, valores, grandes),
        "cumplimiento_pct": limpios,
        # (the exact value, which the writers take where the float cannot hold it: 2⁵³ up)
        "cumplimiento_exacto": exactos,
        "rango": rangos,
        "semaforo": colores,
        "nota": notas,
        "meta_estado": est_m,
        "valor_estado": est_v,
        "fuente": r.fuentes_por_fila(),
        "supuesto": supuesto,
    }
