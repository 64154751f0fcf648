"""Cobertura PA/PO and PO/PP, per component, with a total only where units agree."""

from __future__ import annotations

from decimal import Decimal

from issste_mon.calc.base import (
    como_cifra,
    con_publicado,
    nota_de_spec,
    plain,
    por_que_no,
    ratio_pct,
    suma_exacta,
)
from issste_mon.metodologia import Metodologia, decimal
from issste_mon.modelo import Numero, Poblacion, Programa, es_numero
from issste_mon.vocab import MESES, fold

NOTA_MULTICONTEO = "total de componentes: una persona puede contarse en varios componentes"


def _razon(pob: Poblacion, num: str, den: str, sin_total: dict[str, str]) -> str | None:
    """Why pob's num/den is not computable; in a total, a sum that is missing is explained by
    the components it lacks (`sin_total`), not as a figure the spec does not have."""
    valores = {"PP": pob.potencial, "PO": pob.objetivo, "PA": pob.atendida}
    faltan = [sin_total[n] for n in (den, num) if n in sin_total]
    if faltan:
        return " y ".join(faltan)
    return por_que_no(valores[num], valores[den], num, den)


def _row(
    p: Programa,
    pob: Poblacion,
    alerta_mayor_a: float,
    sin_total: dict[str, str] | None = None,
    sumas: dict[str, Decimal] | None = None,
) -> dict:
    """`sumas`: a total's exact sums by field, which its ratios use (its figures are the
    doubles nearest to them, for the tables)."""
    sin_total = sin_total or {}
    cob = _pct(pob, "atendida", "objetivo", sumas)  # exact: 100 % is not «mayor a 100 %»
    po_pp = _pct(pob, "objetivo", "potencial", sumas)
    # PO = 0 with people served: no ratio, but PA > PO all the same (SHCP 2017, 14-E004)
    sin_po = cob is None and es_numero(pob.objetivo) and pob.objetivo == 0
    sin_po = sin_po and es_numero(pob.atendida) and pob.atendida > 0
    mayor = sin_po or (cob is not None and cob > decimal(alerta_mayor_a))
    if not (es_numero(pob.atendida) and es_numero(pob.objetivo)):
        mayor = None  # PA or PO ND/NA/absent: whether PA > PO is not known, not «false»
    notas = []
    if cob is None:
        reason = _razon(pob, "PA", "PO", sin_total) + ("; PA > PO" if sin_po else "")
        notas.append(
            con_publicado(f"cobertura no calculable: {reason}", pob.publicado.get("cobertura"))
        )
    elif mayor:  # («PA > PO» only where it is: a methodology may mark from below 100 %)
        from issste_mon.salida.numfmt import fmt_tal_cual

        pa_po = ": PA > PO" if cob > 100 else (": PA = PO" if cob == 100 else "")
        # the threshold as the file writes it: «:g» said 99.9999999 «100»
        notas.append(f"cobertura mayor a {fmt_tal_cual(alerta_mayor_a)} %{pa_po}")
    if po_pp is None:
        notas.append(f"PO/PP no calculable: {_razon(pob, 'PO', 'PP', sin_total)}")
    if (fuera := nota_de_corte(pob.anio, pob.corte, pob.corte_mes, pob.atendida)) is not None:
        notas.append(fuera)
    # PO/PP rests on a PP that may be of another cut too (an Anuario of the year before)
    pp = (pob.anio, pob.corte_potencial, pob.corte_potencial_mes, pob.potencial, "PP")
    if po_pp is not None and (fuera := nota_de_corte(*pp)) is not None:
        notas.append(fuera)
    deducidas = descansa_en(pob, cob, po_pp)
    if pob.nota:  # the document's own words on how the population was counted
        # (its closing period, where «; descansa en» follows: «CONEVAL).; descansa en»)
        propia = nota_de_spec(pob.nota)
        notas.append(propia[:-1] if deducidas and propia.endswith(".") else propia)
    # last, as in every nota: «descansa en: …» lists what follows it (the ⚠ legend reads it)
    if deducidas is not None:
        notas.append(deducidas)
    return {
        "clave": p.clave,
        "ramo": p.ramo,
        "anio": pob.anio,
        "componente": pob.componente,
        "unidad_medida": pob.unidad_medida,
        "potencial": plain(pob.potencial),
        "objetivo": plain(pob.objetivo),
        "atendida": plain(pob.atendida),
        "cobertura_pct": cob,
        "po_pp_pct": po_pp,
        "mayor_100": mayor,
        "nota": "; ".join(notas) or None,
        "corte_anio": pob.corte,
        "corte_mes": pob.corte_mes,
        "fuente": pob.fuente,
        "nota_anio": None,
        # a ratio on a population the spec deduced (the nota says which); null: no ratio
        "supuesto": None if cob is None and po_pp is None else deducidas is not None,
        # (not columns: which ratio rests on it, the ⚠ beside that ratio in the tables)
        "cobertura_supuesta": cob is not None and bool(inferidas(pob, "atendida", "objetivo")),
        "po_pp_supuesta": po_pp is not None and bool(inferidas(pob, "objetivo", "potencial")),
        # (not a column: what the ficha marks beside each figure, a bar of its chart too)
        "inferido": [s for c, s in SIGLAS.items() if c in pob.inferido],
    }


SIGLAS = {"potencial": "PP", "objetivo": "PO", "atendida": "PA"}


def inferidas(pob: Poblacion, num: str, den: str) -> list[str]:
    """The populations of num/den the spec deduced (`inferido`), not printed: «PO»."""
    return [SIGLAS[c] for c in (num, den) if c in pob.inferido]


def descansa_en(pob: Poblacion, cob, po_pp) -> str | None:
    """What a computed ratio of the row rests on that no document prints (as `cumplimiento`
    says of inferred metas): «descansa en: PO inferida (no impresa)»."""
    usadas = (inferidas(pob, "atendida", "objetivo") if cob is not None else []) + (
        inferidas(pob, "objetivo", "potencial") if po_pp is not None else []
    )
    return "descansa en: " + palabras if (palabras := en_palabras(usadas)) else None


def en_palabras(siglas) -> str | None:
    """«PO inferida (no impresa)», «PA inferida, PO inferida (no impresas)»; None: none."""
    siglas = list(dict.fromkeys(siglas))
    if not siglas:
        return None
    return ", ".join(f"{s} inferida" for s in siglas) + (
        " (no impresa)" if len(siglas) == 1 else " (no impresas)"
    )


# (population, field of its cut-off's year, of its month) as a Poblacion holds them
_CORTES = (
    ("atendida", "corte", "corte_mes"),
    ("potencial", "corte_potencial", "corte_potencial_mes"),
    ("objetivo", "corte_objetivo", "corte_objetivo_mes"),
)


def _corte_de(pob: Poblacion, corte: tuple[str, str, str]) -> tuple[int | None, int | None]:
    return getattr(pob, corte[1]), getattr(pob, corte[2])


def _corte_comun(comps: list[Poblacion], corte: tuple[str, str, str]) -> tuple | None:
    """The components' cut-off (year, month) of one population when they share it, else
    None."""
    todos = {_corte_de(c, corte) for c in comps}
    return todos.pop() if len(todos) == 1 else None


def _cuando(corte: int | None, mes: int | None) -> str:
    if corte is None:
        return "sin corte"
    return f"{MESES[mes - 1]} de {corte}" if mes else str(corte)


def nota_de_corte(
    anio: int, corte: int | None, mes: int | None, atendida: Numero, cual: str = "PA"
) -> str | None:
    """What a PA (or, `cual`, a PP) cut off at another time than the end of its year means for
    the row (SHCP's files give the PA of a year at a month's cut: of the year before, or of its
    first months); None when the cut is the year's end, or not given, or there is no figure it
    would qualify."""
    if corte is None or not es_numero(atendida):
        return None
    cuando = _cuando(corte, mes)
    if corte < anio:
        return f"{cual} al corte de {cuando}: anterior al año {anio}"
    if corte > anio:
        return f"{cual} al corte de {cuando}: posterior al año {anio}"
    if mes is not None and mes < 12:
        return f"{cual} al corte de {cuando}: no cubre el año completo"
    return None


def misma_unidad(unidad: str) -> str:
    """Comparison key for units: no accents or case, and singular = plural
    ("Derechohabiente" and "derechohabientes" are one unit; "Niños y Niñas" another)."""
    words = fold(unidad).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _pct(pob: Poblacion, num: str, den: str, sumas: dict[str, Decimal] | None):
    if sumas and num in sumas and den in sumas:
        return ratio_pct(sumas[num], sumas[den])
    return ratio_pct(getattr(pob, num), getattr(pob, den))


def _sumas(comps: list[Poblacion], campo: str) -> tuple[Numero, Decimal | None]:
    """The components' total of `campo` as a figure and exactly; (None, None) when one lacks
    a number."""
    values = [getattr(c, campo) for c in comps]
    if not values or not all(es_numero(v) for v in values):
        return None, None
    exacta = suma_exacta(values)
    return como_cifra(exacta, values), exacta


def _sin_total(comps: list[Poblacion], campo: str, nombre: str) -> str | None:
    """Why the components' `campo` has no total: which components lack a number, and their
    state (ND, NA, or not in the spec); None when every component has one."""
    por_estado: dict[str, list[str]] = {}
    for c in comps:
        v = getattr(c, campo)
        if not es_numero(v):
            por_estado.setdefault("no está en la spec" if v is None else str(v), []).append(
                str(c.componente)
            )
    partes = []
    for estado, nombres in por_estado.items():
        donde = (
            f"el componente {nombres[0]}"
            if len(nombres) == 1
            else "los componentes " + ", ".join(nombres[:-1]) + " y " + nombres[-1]
        )
        partes.append(f"{nombre} {estado} en {donde}")
    return ", ".join(partes) or None


def calcular_cobertura(
    programas: list[Programa], anio: int | None = None, *, metodologia: Metodologia | None = None
) -> tuple[list[dict], list[str]]:
    """Rows for every population entry; totals for component sets with one unit; avisos.

    PA/PO above the methodology's `cobertura_alerta_mayor_a` (100 without one) is marked.
    """
    alerta_mayor_a = metodologia.cobertura_alerta_mayor_a if metodologia else 100.0
    rows, avisos = [], []
    for p in programas:
        by_year: dict[int, list[Poblacion]] = {}
        for pob in p.poblaciones:
            if anio is None or pob.anio == anio:
                by_year.setdefault(pob.anio, []).append(pob)
        # the nota written beside a year's componentes: about all of that year's rows
        del_anio = {t.anio: nota_de_spec(t.nota) for t in p.totales_poblacion if t.nota}
        desde = len(rows)
        for year, pobs in sorted(by_year.items()):
            rows.extend(_row(p, pob, alerta_mayor_a) for pob in pobs)
            comps = [pob for pob in pobs if pob.componente is not None]
            if len(comps) < 2:
                continue
            units = {misma_unidad(c.unidad_medida) for c in comps}
            if len(units) > 1:
                avisos.append(
                    f"{p.id_completo} {year}: {len(comps)} componentes con unidades de medida "
                    f"distintas ({', '.join(sorted({c.unidad_medida for c in comps}))}); "
                    "no se suma un total"
                )
                continue
            campos = (("potencial", "PP"), ("objetivo", "PO"), ("atendida", "PA"))
            # each population's cut-off: the components' one; where they differ, none, and
            # the sum says it mixes them (11-E064 2020: a PO of April 2020 plus one of Dec. 2019)
            comun = {c_: _corte_comun(comps, c_) for c_ in _CORTES}
            fuentes = list(dict.fromkeys(c.fuente for c in comps))
            sumas = {f: _sumas(comps, f) for f, _ in campos}
            total = Poblacion(
                year,
                comps[0].unidad_medida,
                None,
                *(sumas[f][0] for f, _ in campos),
                **{
                    k: v
                    for c_ in _CORTES
                    for k, v in zip(c_[1:], comun[c_] or (None, None), strict=True)
                },
                fuente="; ".join(filter(None, fuentes)) or None,
                # a sum with one deduced term is deduced too
                inferido=list(dict.fromkeys(x for c in comps for x in c.inferido)),
            )
            sin_total = {n: r for f, n in campos if (r := _sin_total(comps, f, n)) is not None}
            exactas = {f: x for f, (_, x) in sumas.items() if x is not None}
            row = _row(p, total, alerta_mayor_a, sin_total, exactas)
            distintos = [
                f"{SIGLAS[c_[0]]} de componentes con cortes distintos: "
                + ", ".join(f"{c.componente} ({_cuando(*_corte_de(c, c_))})" for c in comps)
                for c_ in _CORTES
                if comun[c_] is None and es_numero(getattr(total, c_[0]))
            ]
            row["nota"] = "; ".join(filter(None, [NOTA_MULTICONTEO, *distintos, row["nota"]]))
            rows.append(row)
        if del_anio:
            for row in rows[desde:]:
                row["nota_anio"] = del_anio.get(row["anio"])
    return rows, avisos
