"""Why a cumplimiento is not computable, and which meta it rests on: the rules `calc.cumplimiento`
applies to a whole table, for one indicator-year. Kept apart from numpy so that the commands
that give the same reasons for a row of their own (tendencias, sexenal) reuse them without
loading the table's machinery."""

from __future__ import annotations

from issste_mon.metodologia import Metodologia
from issste_mon.modelo import Faltante, MetaAnual, es_numero
from issste_mon.salida.numfmt import fmt_tal_cual  # (as written, without Decimal: ~0.5 µs)


def estado(x):
    """A figure's state: None for a number, «ND»/«NA» as recorded, «ausente» when the spec
    does not have it."""
    cls = x.__class__
    if cls is float or cls is int:
        return None
    return x.value if isinstance(x, Faltante) else ("ausente" if x is None else None)


# Why an indicator-year is not computable, in the order the rules are tried.
SIN_META, SIN_VALOR = "sin meta en la spec", "sin valor en la spec"
SIN_META_NI_VALOR = "sin meta ni valor en la spec"
META_CERO = "meta = 0: no calculable"
FUERA_DE_RANGO = "cumplimiento fuera de rango (más de 10^300 %)"
VALOR_CERO_INVERSA = "valor = 0: la fórmula inversa no es calculable"
# A quotient with a negative meta (any sentido), or a negative valor under the inverse formula,
# runs the wrong way (ascendente meta −10: −11, worse, gives 110 %; −9, better, 90 %): it does
# not measure the cumplimiento, so the row is not computable and says why (never a guess).
META_NEGATIVA = "meta negativa: el cociente no mide el cumplimiento"
VALOR_NEGATIVO_INVERSA = "valor negativo: la fórmula inversa no mide el cumplimiento"


def invertido(meta, valor, descendente: bool, formula: str) -> bool:
    """Whether the quotient of two numbers (meta not 0) runs against the cumplimiento: a
    negative meta, or a negative valor under the inverse formula (`META_NEGATIVA`…)."""
    return meta < 0 or (valor < 0 and descendente and formula == "inversa")


def meta_usada(m: MetaAnual, metodologia: Metodologia):
    """The meta a cumplimiento compares with: the modified one when the methodology asks for
    it and it is a number, else the original (as `frame` chooses it)."""
    mod = m.meta_modificada
    if metodologia.meta == "modificada_si_existe" and mod is not None and es_numero(mod):
        return mod
    return m.meta


def faltan(est_m: str, est_v: str | None) -> str:
    """The reason when the meta is not a number (`est_m`: ND, NA, ausente): the valor too
    when it is not either — every input the row lacks is named, not only the first."""
    if est_v is None:
        return SIN_META if est_m == "ausente" else "meta " + est_m
    if est_m == est_v == "ausente":
        return SIN_META_NI_VALOR
    return "; ".join(
        SIN_META
        if e == "ausente" and k == "meta"
        else (SIN_VALOR if e == "ausente" else f"{k} {e}")
        for k, e in (("meta", est_m), ("valor", est_v))
    )


def nota_de(meta, valor, sentido: str, metodologia: Metodologia) -> str | None:
    """Why one indicator-year is not computable (None when it is): `_notas_de` for one row."""
    est_m, est_v = estado(meta), estado(valor)
    if est_m is not None:
        return faltan(est_m, est_v)
    if est_v is not None:
        return SIN_VALOR if est_v == "ausente" else "valor " + est_v
    if meta == 0:
        return META_CERO
    if meta < 0:
        return META_NEGATIVA
    inversa = sentido == "descendente" and metodologia.formula_descendente == "inversa"
    if valor == 0 and inversa:
        return VALOR_CERO_INVERSA
    if valor < 0 and inversa:
        return VALOR_NEGATIVO_INVERSA
    return None


def por_que_no(meta, valor, sentido: str, metodologia: Metodologia) -> str:
    """`nota_de` for a pair already known not computable: two numbers with a meta that is not
    0 fail only by a quotient beyond 10^300 (meta 1e308 over valor 1e-300), which `nota_de`
    does not test — said, not left as «None»."""
    return nota_de(meta, valor, sentido, metodologia) or FUERA_DE_RANGO


def nota_de_meta(meta, modificada) -> str | None:
    """Which meta an indicator-year rests on, said where the methodology's choice (the
    modified one) is not the spec's `meta`: the original then, or why the original is used."""
    if modificada is None or modificada == meta:
        return None
    if not es_numero(modificada):  # (ND/NA: the original is used, if there is one)
        usa = ": se usa la original" if es_numero(meta) else ""
        return f"meta modificada {modificada}{usa}"
    if meta is None:  # (SHCP's files: an empty META beside a META_MODIFICADA)
        return "meta modificada (la spec no da la original)"
    original = fmt_tal_cual(meta) if es_numero(meta) else str(meta)
    return f"meta modificada (la original: {original})"
