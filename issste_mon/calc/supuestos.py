"""What a cumplimiento rests on that no document printed: inputs the spec inferred
(`inferido: [sentido]` on the indicator: the ratio's direction decides the figure and its rango;
metas or valores taken back from a published figure) and, for a descendente indicator, the
formula when the methodology marks it `supuesto` or `inferido` (CONEVAL does not print it).

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


def supuestos_cumplimiento(ind, metodologia: Metodologia, corto: bool = False) -> list[str]:
    """What a cumplimiento of `ind` rests on that no document printed; empty: printed inputs
    and rules only. `corto`: two words each (a summary strip; the long form says which)."""
    if ind is None:
        return []
    return supuestos(ind.inferido, ind.sentido, metodologia, corto)


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
