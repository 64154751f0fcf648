"""CONEVAL's InMonitoreo: program levels, the dependency subíndice and the aggregate index."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from issste_mon.calc.base import CONTEXTO, del_anio, nota_de_spec, notas
from issste_mon.metodologia import Metodologia, clasificar, decimal
from issste_mon.modelo import Dependencia, Programa, es_numero
from issste_mon.salida.plural import plural


def nivel(valoracion: float, metodologia: Metodologia) -> str | None:
    return clasificar(valoracion, metodologia.inmonitoreo)


def corte_supuesto(valoracion, metodologia: Metodologia) -> str | None:
    """Why a level rests on a supuesto cut alone: the valoración lies strictly inside the
    interval where the published pairs put one of the cuts (the methodology's
    `cortes_posibles`), so another cut as consistent with the data would give another level.
    None where the data fix the level, or where the cuts are published. A methodology whose
    cuts are not published and that gives no intervals at all: said (`sin_cortes_posibles`),
    as no level can be told to rest on the data."""
    if not metodologia.inmonitoreo_cortes_dados:
        return sin_cortes_posibles(metodologia)
    x = decimal(valoracion)
    for banda in metodologia.inmonitoreo:
        par = metodologia.inmonitoreo_cortes_posibles.get(banda.etiqueta)
        if par is not None and par[0] < x < par[1]:
            return (
                f"nivel según el corte supuesto de {banda.etiqueta} "
                f"({format(decimal(banda.desde), 'f')}): lo publicado solo lo sitúa entre "
                f"{format(par[0], 'f')} y {format(par[1], 'f')}"
            )
    return None


def sin_cortes_posibles(metodologia: Metodologia) -> str | None:
    """Why no level can be qualified as fixed by the data: the methodology's cuts are not
    published and it has no `inmonitoreo.cortes_posibles`. None otherwise."""
    confianza = next((c for s, c, _ in metodologia.fuentes if s == "inmonitoreo"), "")
    if metodologia.inmonitoreo_cortes_dados or confianza == "publicado":
        return None
    return (
        "la metodología no da inmonitoreo.cortes_posibles y sus cortes son "
        f"«{confianza or 'sin confianza declarada'}»: no se sabe si otro corte compatible con "
        "lo publicado daría otro nivel"
    )


def niveles_posibles(valoracion, metodologia: Metodologia) -> set[str]:
    """Every level a cut as consistent with the published pairs as the supuesto one would give:
    the computed level and, where the valoración lies strictly inside the interval of a level's
    cut (`cortes_posibles`), that level and the one below it."""
    x = decimal(valoracion)
    posibles = {nivel(valoracion, metodologia)} - {None}
    bandas = sorted(metodologia.inmonitoreo, key=lambda b: decimal(b.desde))
    for i, banda in enumerate(bandas):
        par = metodologia.inmonitoreo_cortes_posibles.get(banda.etiqueta)
        if par is not None and par[0] < x < par[1]:
            posibles.add(banda.etiqueta)
            if i > 0:
                posibles.add(bandas[i - 1].etiqueta)
    return posibles


def formula_inmonitoreo(valoraciones: list, subindice, metodologia: Metodologia) -> str:
    """How the InMonitoreo was computed, with its inputs, for a reader who redoes it:
    «0.5 × promedio de los programas (0.5722…) + 0.5 × subíndice (0.550)», and the weights'
    confianza when no document prints them. The subíndice is a recorded valoración: printed as
    every valoración is (`numfmt.fmt_escrito`, at least CONEVAL's 3 decimals)."""
    from issste_mon.salida.numfmt import fmt_escrito

    with localcontext(CONTEXTO):
        media = sum(map(decimal, valoraciones), Decimal(0)) / len(valoraciones)
        corta = media.quantize(Decimal("0.0001"), ROUND_HALF_UP)  # (a caller's prec=2 fails)
    texto = (
        f"{format(decimal(metodologia.peso_programas), 'f')} × promedio de los programas "
        f"({format(corta, 'f')}{'…' if corta != media else ''}) + "
        f"{format(decimal(metodologia.peso_dependencia), 'f')} × subíndice "
        f"({fmt_escrito(subindice, 3)})"
    )
    confianza = next(
        (c for s, c, _ in metodologia.fuentes if s == "inmonitoreo.agregacion"), "publicado"
    )
    if confianza in ("supuesto", "inferido"):
        texto += f" (ponderación: {confianza} de la metodología)"
    return texto


def inmonitoreo(valoraciones: list[float], subindice: float, metodologia: Metodologia) -> Decimal:
    """½ · mean(program valoraciones) + ½ · subíndice dependencia [inferido; weights are data],
    on exact decimals (½ · 0.5722 + ½ · 0.550 = 0.5611 exactly)."""
    with localcontext(CONTEXTO):
        media = sum(map(decimal, valoraciones), Decimal(0)) / len(valoraciones)
        return decimal(metodologia.peso_programas) * media + decimal(
            metodologia.peso_dependencia
        ) * decimal(subindice)


def programas_de(dep: Dependencia, programas: list[Programa]) -> list[Programa]:
    """A dependency's programs: those of its ramo or naming its siglas."""
    return [
        p
        for p in programas
        if p.ramo == dep.ramo or (p.dependencia or "").upper() == dep.siglas.upper()
    ]


def calcular_monitoreo(
    programas: list[Programa],
    anio: int | None = None,
    *,
    metodologia: Metodologia,
    dependencias: list[Dependencia] = (),
) -> list[dict]:
    """Programs' valoración and level; per dependency its subíndice and InMonitoreo."""
    rows = []
    for p in programas:
        for m in del_anio(p.monitoreo, anio):
            ok = es_numero(m.valoracion)
            rows.append(
                {
                    "ambito": "programa",
                    "clave": p.clave,
                    "ramo": p.ramo,
                    "anio": m.anio,
                    "valoracion": m.valoracion if ok else None,
                    "nivel": nivel(m.valoracion, metodologia) if ok else None,
                    "lugar": None,
                    "nota": notas(
                        corte_supuesto(m.valoracion, metodologia)
                        if ok
                        else f"valoración {m.valoracion or 'ausente'}",
                        nota_de_spec(m.nota),
                    ),
                    "fuente": m.fuente,
                }
            )
    for dep in dependencias:
        for m in del_anio(dep.monitoreo, anio):
            rows.extend(_dependencia(dep, m, programas_de(dep, programas), metodologia))
    return rows


def _dependencia(dep, m, programas, metodologia) -> list[dict]:
    base = {"clave": dep.clave, "ramo": dep.ramo, "anio": m.anio, "lugar": None, "nota": None}
    base["fuente"] = m.fuente or dep.fuente
    rows = []
    sub = m.subindice_dependencia
    if es_numero(sub):
        rows.append(
            {
                **base,
                "ambito": "subíndice dependencia",
                "valoracion": sub,
                "nivel": nivel(sub, metodologia),
                "nota": corte_supuesto(sub, metodologia),
            }
        )
    vals, faltan, universo = _valoraciones(dep, m.anio, programas)
    row = {**base, "ambito": "InMonitoreo", "valoracion": None, "nivel": None}
    if vals and not faltan and es_numero(sub):
        calc = inmonitoreo(vals, sub, metodologia)
        row.update(
            valoracion=calc,
            nivel=nivel(calc, metodologia),
            nota=notas(
                f"calculado de {plural(len(vals), 'programa')} {universo} y el subíndice: "
                + formula_inmonitoreo(vals, sub, metodologia),
                corte_supuesto(calc, metodologia),
            ),
        )
    else:
        if faltan:
            total = len(vals) + len(faltan)
            de = f"{len(faltan)} de sus {plural(total, 'programa')}"
            falta = f"sin valoración {m.anio} de {de}: {', '.join(faltan)}"
        elif not es_numero(sub):
            falta = "falta el subíndice de la dependencia"
        else:
            falta = f"no hay valoraciones {m.anio} de sus programas"
        if es_numero(m.inmonitoreo):
            row.update(
                valoracion=m.inmonitoreo,
                nivel=nivel(m.inmonitoreo, metodologia),
                nota=notas(
                    f"valor de la spec (no se calcula: {falta})",
                    corte_supuesto(m.inmonitoreo, metodologia),
                ),
            )
        else:
            row["nota"] = f"no calculable: {falta}"
    if m.lugar is not None:
        row["lugar"] = f"{m.lugar} de {m.de}" if m.de else str(m.lugar)
        # The rank is the document's, of the value it prints: beside a recalculated value that
        # is not that one (0.850 where the Diagnóstico prints 0.514), said so.
        otra = _publicada_distinta(row["valoracion"], m.inmonitoreo, metodologia)
        if otra is not None:
            row["nota"] = notas(
                row["nota"], f"lugar publicado: el de la valoración publicada, {otra}"
            )
    row["nota"] = notas(row["nota"], nota_de_spec(m.nota))
    rows.append(row)
    return rows


def _publicada_distinta(calculada, publicada, metodologia: Metodologia) -> str | None:
    """The published InMonitoreo as recorded (`fmt_escrito`, as `verificar` prints and judges
    it) where the row's value, rounded as that text is, is another; None where they agree or
    one is missing. Both at 3 decimals, a recorded 0.5614 beside a computed 0.5611 said
    nothing while `verificar` says they differ, and a recorded 0.5615 read «0.562»."""
    if calculada is None or not es_numero(publicada):  # (calculada: a Decimal, or the spec's)
        return None
    from issste_mon.salida.numfmt import fmt_escrito, parse_publicado

    texto = fmt_escrito(publicada, metodologia.inmonitoreo_decimales)
    return None if parse_publicado(texto).matches(calculada) else texto


def _valoraciones(dep, anio: int, programas: list[Programa]) -> tuple[list, list[str], str]:
    """(the numeric valoraciones of `anio`, the programs whose valoración is missing, which
    universe they come from). When the dependency lists its `programas_sociales` of the year,
    that list is the universe: a program of it not loaded, or without a number that year, makes
    the mean incomplete (an average of the others is not CONEVAL's figure); else it is the
    loaded programs of the dependency, and nothing can be known to be missing."""
    lista = dep.programas_sociales.get(anio)
    if lista is None:  # the programs valued that year: those with a monitoreo record of it
        claves = list(dict.fromkeys(p.clave for p in programas if _de_anio(p, anio)))
        universo = f"cargados (la spec de {dep.clave} no lista sus programas_sociales {anio})"
    else:
        claves = list(dict.fromkeys(lista))
        universo = f"(los de programas_sociales {anio})"
    por_clave = {p.clave: p for p in programas}
    vals, faltan = [], []
    for clave in claves:
        p = por_clave.get(clave)
        if p is None:
            faltan.append(f"{clave} (sin spec cargada)")
            continue
        pm = _de_anio(p, anio)
        if pm is None:
            faltan.append(f"{clave} (sin valoración {anio})")
        elif not es_numero(pm.valoracion):
            faltan.append(f"{clave} (valoración {pm.valoracion or 'ausente'})")
        else:
            vals.append(pm.valoracion)
    return vals, faltan, universo


def _de_anio(p: Programa, anio: int):
    """The program's monitoreo record of `anio` (None: not valued that year)."""
    return next((x for x in p.monitoreo if x.anio == anio), None)
