"""What a cumplimiento rests on that no document printed: inputs the spec inferred
(`inferido: [sentido]` on the indicator: the ratio's direction decides the figure and its rango;
metas or valores taken back from a published figure), for a descendente indicator the formula,
and for a year with a meta modificada other than the original the methodology's choice between
them — each when the methodology marks that rule `supuesto` or `inferido` (CONEVAL prints
neither).

Every output of a cumplimiento says so — `cumplimiento`'s `supuesto` column, its nota and ⚠,
the ficha's ⚠ — from this one function, so that the command and the report never disagree on
what a figure rests on."""

from __future__ import annotations

from issste_mon.calc.base import TITULO_SUPUESTO
from issste_mon.metodologia import Metodologia

NO_PUBLICADA = ("supuesto", "inferido")
# the indicator's fields a cumplimiento reads, as the spec's `inferido` names them
_INFERIBLES = {
    "metas": ("metas inferidas (no impresas)", "metas inferidas"),
    "valores": ("valores inferidos (no impresos)", "valores inferidos"),
}


def confianza_formula(metodologia: Metodologia) -> str:
    """How sure the methodology is of its descendente formula ('' when it does not say)."""
    return next(
        (c for s, c, _ in metodologia.fuentes if s == "cumplimiento.formula_descendente"), ""
    )


def confianza_meta(metodologia: Metodologia) -> str:
    """How sure the methodology is of which meta it uses ('' when it does not say)."""
    return next((c for s, c, _ in metodologia.fuentes if s == "cumplimiento.meta"), "")


def meta_supuesta(
    meta, modificada, metodologia: Metodologia | None, corto: bool = False, confianza=None
):
    """The words for a year whose cumplimiento the methodology's choice of meta decides (a
    meta modificada other than the original: 88 / 95 is «Adecuado», 88 / 100 «Bajo») when
    it marks that choice `supuesto` or `inferido`; None otherwise. `confianza`: the
    methodology's `confianza_meta`, when the caller asks row after row."""
    if metodologia is None or not metas_distintas(meta, modificada):
        return None
    if confianza is None:
        confianza = confianza_meta(metodologia)
    if confianza not in NO_PUBLICADA:
        return None
    return palabras_meta(metodologia, confianza, corto)


_NUMEROS = (int, float)  # (not bool: its class is bool)


def metas_distintas(meta, modificada) -> bool:
    """Two numbers (not NaN), and not the same: the choice of meta changes the cumplimiento.
    Written out, not as a generator: it runs once per meta modificada (~140,000 rows of a
    federal set)."""
    return (
        meta.__class__ in _NUMEROS
        and modificada.__class__ in _NUMEROS
        and meta == meta  # noqa: PLR0124 - false for NaN
        and modificada == modificada  # noqa: PLR0124
        and meta != modificada
    )


def palabras_meta(metodologia: Metodologia, confianza: str, corto: bool = False) -> str:
    """`meta_supuesta`'s words: they depend on the methodology alone (a part of a federal set
    says them of thousands of rows, made once)."""
    usada, otra = ("modificada", "original")
    if metodologia.meta == "original":
        usada, otra = otra, usada
    if corto:
        return f"meta {usada} {'supuesta' if confianza == 'supuesto' else 'inferida'}"
    return f"meta {usada} y no la {otra} ({confianza} de la metodología)"


def supuestos_cumplimiento(
    ind, metodologia: Metodologia, corto: bool = False, anio: int | None = None
) -> list[str]:
    """What a cumplimiento of `ind` (in `anio`: its meta too) rests on that no document
    printed; empty: printed inputs and rules only. `corto`: two words each (a summary strip;
    the long form says which)."""
    if ind is None:
        return []
    out = supuestos(ind.inferido, ind.sentido, metodologia, corto)
    if anio is not None and anio in ind.metas:
        m = ind.metas[anio]
        if (t := meta_supuesta(m.meta, m.meta_modificada, metodologia, corto)) is not None:
            out.append(t)
    return out


def supuestos(inferido, sentido, metodologia: Metodologia | None, corto: bool = False) -> list[str]:
    """`supuestos_cumplimiento` of an indicator with these `inferido` and `sentido`;
    `metodologia` None: its inputs only (a direction of change uses no formula)."""
    inferido = inferido or ()
    out = []
    if "sentido" in inferido and sentido:
        out.append("sentido inferido" if corto else f"sentido {sentido} inferido (no impreso)")
    for campo, (largo, breve) in _INFERIBLES.items():
        if campo in inferido:
            out.append(breve if corto else largo)
    if sentido == "descendente" and metodologia is not None:
        confianza = confianza_formula(metodologia)
        if confianza in NO_PUBLICADA:
            espejo = metodologia.formula_descendente == "espejo"
            formula = "(2 − valor / meta) × 100" if espejo else "meta / valor × 100"
            if corto:
                out.append(f"fórmula {'supuesta' if confianza == 'supuesto' else 'inferida'}")
            else:
                out.append(f"fórmula del descendente {formula} ({confianza} de la metodología)")
    return out


PREFIJO = "descansa en: "
TITULO = TITULO_SUPUESTO


def con_metas(supuesto: list, supuestas: dict, limpios, metas: dict) -> tuple[list, dict]:
    """`supuesto` and `supuestas` (a frame's, `calc.cumplimiento._supuestos`) with the rows of
    `metas` ({row: `meta_supuesta`}) that have a cumplimiento: they rest on the choice too."""
    if not metas:
        return supuesto, supuestas
    supuesto, supuestas = list(supuesto), dict(supuestas)
    for i, texto in metas.items():
        if limpios[i] != limpios[i]:  # not computable: nothing rests on it
            continue
        supuesto[i] = True
        supuestas[i] = f"{supuestas[i]}; {texto}" if i in supuestas else PREFIJO + texto
    return supuesto, supuestas


def nota_supuestos(lista: list[str]) -> str | None:
    """The words a row's nota gets for them (None: nothing to say)."""
    return PREFIJO + "; ".join(lista) if lista else None


def notas(inferidos: list, sentidos: list, metodologia: Metodologia) -> list[str | None]:
    """`nota_supuestos` of each (inferido, sentido) pair — one per indicator or per row —, each
    distinct text made once (a federal set has ~170,000 indicators and a handful of answers)."""
    hechas: dict = {}
    out = []
    for inferido, sentido in zip(inferidos, sentidos, strict=True):
        clave = (tuple(inferido) if inferido else (), sentido)
        nota = hechas.get(clave, False)
        if nota is False:
            nota = hechas[clave] = nota_supuestos(supuestos(inferido, sentido, metodologia))
        out.append(nota)
    return out
