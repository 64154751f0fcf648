"""Cumplimiento de metas by sentido, and its 90–110 % rango.

The formula is written once over numpy arrays, so the same code serves one indicator
(`cumplimiento_pct(543.35, 622.06, "ascendente")`) and a whole federal frame at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from issste_mon.metodologia import Metodologia
from issste_mon.modelo import Faltante, Programa, es_numero


def cumplimiento_pct(meta, valor, sentido, formula_descendente: str = "inversa"):
    """valor/meta×100 (ascendente, constante); descendente: meta/valor×100 or (2−valor/meta)×100.

    Not computable (NaN) where meta is 0 or missing, valor is missing, or the inverse formula
    meets valor 0. Scalars in, float out; arrays in, array out.
    """
    meta = np.asarray(meta, dtype=float)
    valor = np.asarray(valor, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        directo = valor / meta * 100
        if formula_descendente == "espejo":
            inverso = (2 - valor / meta) * 100
        else:
            inverso = meta / valor * 100
    pct = np.where(np.asarray(sentido) == "descendente", inverso, directo)
    pct = np.where(np.isfinite(pct) & (meta != 0), pct, np.nan)
    return float(pct) if pct.ndim == 0 else pct


def rango(pct, metodologia: Metodologia):
    """Bajo < inferior ≤ Adecuado ≤ superior < Alto, on the unrounded value; None if NaN."""
    pct = np.asarray(pct, dtype=float)
    e = metodologia.etiquetas_rango
    out = np.select(
        [pct < metodologia.rango_inferior, pct > metodologia.rango_superior, pct >= 0],
        [e["bajo"], e["alto"], e["adecuado"]],
        default=None,
    ).astype(object)
    out[np.isnan(pct)] = None
    return out.item() if out.ndim == 0 else out


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
]


def _num(x):
    cls = x.__class__  # plain floats and ints first: this runs ~10⁶ times on a federal set
    if cls is float or cls is int:
        return float(x)
    return float(x) if es_numero(x) else np.nan


def _estado(x):
    cls = x.__class__
    if cls is float or cls is int:
        return None
    return x.value if isinstance(x, Faltante) else ("ausente" if x is None else None)


def _one_year(metas: dict, anio: int):
    return ((anio, metas[anio]),) if anio in metas else ()


def frame(
    programas: list[Programa],
    anio: int | None = None,
    nivel: str | None = None,
    metodologia: Metodologia | None = None,
) -> pd.DataFrame:
    """One row per indicator and year, with the meta chosen by the methodology."""
    use_mod = metodologia is None or metodologia.meta == "modificada_si_existe"
    records = []
    for p in programas:
        for ind in p.mir:
            if nivel is not None and ind.nivel != nivel:
                continue
            # One year: a lookup, not a scan of every year (this loop runs per indicator).
            metas = ind.metas.items() if anio is None else _one_year(ind.metas, anio)
            for year, m in metas:
                mod = m.meta_modificada
                meta = mod if (use_mod and mod is not None and es_numero(mod)) else m.meta
                records.append(
                    (
                        p.clave,
                        p.ramo,
                        year,
                        ind.id,
                        ind.nivel,
                        ind.nombre,
                        ind.sentido,
                        ind.unidad_medida,
                        _num(meta),
                        _num(m.meta),
                        _num(m.meta_modificada),
                        _num(m.valor),
                        _estado(meta),
                        _estado(m.valor),
                        p.archivo,
                    )
                )
    return pd.DataFrame.from_records(records, columns=_COLS)


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
    """Adds cumplimiento_pct, rango and nota (why a value is not computable) to a frame."""
    df = df.copy()
    pct = cumplimiento_pct(
        df["meta"].to_numpy(),
        df["valor"].to_numpy(),
        df["sentido"].to_numpy(),
        metodologia.formula_descendente,
    )
    df["cumplimiento_pct"] = pct
    df["rango"] = rango(pct, metodologia) if len(df) else []
    df["nota"] = _notas(df, metodologia)
    return df


def _notas(df: pd.DataFrame, metodologia: Metodologia) -> list[str | None]:
    if df.empty:
        return []
    meta, valor = df["meta"].to_numpy(), df["valor"].to_numpy()
    est_m, est_v = df["estado_meta"].to_numpy(), df["estado_valor"].to_numpy()
    desc_inv = (df["sentido"].to_numpy() == "descendente") & (
        metodologia.formula_descendente == "inversa"
    )
    conds = [
        est_m == "ausente",
        pd.notna(est_m) & (est_m != "ausente"),
        est_v == "ausente",
        pd.notna(est_v) & (est_v != "ausente"),
        meta == 0,
        desc_inv & (valor == 0),
    ]
    choices = [
        "sin meta en la spec",
        np.char.add("meta ", est_m.astype(str)),
        "sin valor en la spec",
        np.char.add("valor ", est_v.astype(str)),
        "meta = 0: no calculable",
        "valor = 0: la fórmula inversa no es calculable",
    ]
    notas = np.select(conds, choices, default="").astype(object)
    notas[notas == ""] = None
    return list(notas)


@dataclass
class Resumen:
    n: int
    calculables: int
    promedio: float | None
    por_rango: dict[str, int]


def resumir(df: pd.DataFrame, metodologia: Metodologia) -> Resumen:
    """Average cumplimiento (the «promedio de la dependencia») and counts per rango."""
    pct = df["cumplimiento_pct"].dropna()
    labels = [metodologia.etiquetas_rango[k] for k in ("bajo", "adecuado", "alto")]
    counts = df["rango"].value_counts()
    return Resumen(
        n=len(df),
        calculables=len(pct),
        promedio=float(pct.mean()) if len(pct) else None,
        por_rango={label: int(counts.get(label, 0)) for label in labels},
    )
