"""Figures that are valid but implausible: kept as given and reported as avisos.

Data from the source documents is never corrected or dropped; a reader only has to be told.
These avisos are `notable`: `validar` always shows them, and every other command shows the
first few on stderr. The loader locates them (file:line:col) from the events of the parse that
built the record (`ubicaciones`), and the cache keeps their place.
"""

from __future__ import annotations

from issste_mon.errores import Problem, format_keypath
from issste_mon.modelo import Programa, es_numero
from issste_mon.salida.numfmt import fmt_auto

# The last key of every aviso's keypath: the parser notes where these values are (ubicaciones).
CAMPOS = ("atendida", "objetivo")


def _pairs(record) -> list[tuple[tuple, str]]:
    found = []
    for pob in record.poblaciones if isinstance(record, Programa) else []:
        pa, po, pp = pob.atendida, pob.objetivo, pob.potencial
        # A zero denominator is no percentage at all: said as `cobertura` says it (no
        # calculable), not as a coverage above 100 %.
        if es_numero(pa) and es_numero(po) and pa > po:
            found.append(
                (
                    pob.ruta + ("atendida",),
                    f"la población objetivo es 0: la cobertura PA/PO no es calculable "
                    f"(atendida: {fmt_auto(pa)})"
                    if po == 0
                    else f"la población atendida ({fmt_auto(pa)}) es mayor que la objetivo "
                    f"({fmt_auto(po)}): la cobertura PA/PO superará 100 %",
                )
            )
        if es_numero(po) and es_numero(pp) and po > pp:
            found.append(
                (
                    pob.ruta + ("objetivo",),
                    f"la población potencial es 0: PO/PP no es calculable "
                    f"(objetivo: {fmt_auto(po)})"
                    if pp == 0
                    else f"la población objetivo ({fmt_auto(po)}) es mayor que la potencial "
                    f"({fmt_auto(pp)}): PO/PP superará 100 %",
                )
            )
    return found


def avisos(record, filename: str) -> list[Problem]:
    """Notable avisos for one loaded record, not yet located (see loader.load_text)."""
    return [
        Problem(filename, None, None, format_keypath(path), message, "aviso", notable=True)
        for path, message in _pairs(record)
    ]
