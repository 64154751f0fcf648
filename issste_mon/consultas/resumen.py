"""Library layer of `resumen`: the Diagnóstico's "n (p%)" view of a dependency, from the
attributes recorded per program (and per objective/indicator of its programa derivado)."""

from __future__ import annotations

from issste_mon.calc import conteos
from issste_mon.carga.loader import SpecSet
from issste_mon.consultas.tablas import con_metodologia, pie_con_fuentes
from issste_mon.errores import SinDatos
from issste_mon.metodologia import Metodologia
from issste_mon.modelo import ProgramaDerivado
from issste_mon.salida.plural import nombrados, plural
from issste_mon.salida.tabla import PRIORIDAD_CIFRA, PRIORIDAD_LLAVE, Columna, Tabla
from issste_mon.vocab import ATRIBUTOS_DIAGNOSTICO

C = Columna


def _anio(specs: SpecSet, anio: int | None) -> int:
    years = {y for d in specs.dependencias for y in d.programas_sociales}
    years |= {y for p in specs.programas for y in p.diagnostico}
    years |= {y for d in specs.dependencias + specs.derivados for y in d.resumen}
    if anio is None and years:
        return max(years)
    if anio is None or anio not in years:
        from issste_mon.consultas.vacios import hay_anios

        hay = hay_anios("diagnósticos por programa", years) if years else None
        cuando = f" para el año {anio}" if anio is not None else ""
        texto = f"no hay diagnósticos por programa{cuando} en las specs cargadas"
        raise SinDatos(texto, hay=hay)
    return anio


def _texto(valor) -> str:
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return "(sin dato)" if valor is None else str(valor)


def _impresas() -> tuple:
    """(code, printed form) of every category of the Diagnóstico's attributes."""
    return tuple(
        {k: v for x in ATRIBUTOS_DIAGNOSTICO.values() for k, v in x.impresas.items()}.items()
    )


def _impresa(atributo: str, valor) -> str:
    """A value as people read it: the printed form of its category, where it has one."""
    texto = _texto(valor)
    dominio = ATRIBUTOS_DIAGNOSTICO.get(atributo)
    return dominio.impresa(texto) if dominio else texto


def _contradiccion(suyos: list, conteo: str) -> str | None:
    """When the statements printed for one value cannot all hold (a `contradice` between them,
    or different n), the documents that print each, so `resumen` never shows them side by side
    without a warning."""
    ids = {e.id for e in suyos}
    leidos = [(e, conteos.leer_conteo(e.publicado)) for e in suyos]
    ns = {c.n for _, c in leidos if c is not None and c.n is not None}
    if not (len(ns) > 1 or any(e.contradice in ids for e in suyos)):
        return None
    cada = "; ".join(f"«{e.publicado}» ({e.fuente or 'sin fuente'})" for e in suyos)
    return (
        f"contradicción en la fuente: {cada} no pueden valer a la vez (los atributos "
        f"registrados dan {conteo}; ver los enunciados de resumen, y verificar)"
    )


def _en_orden(atributos: list[str]) -> list[str]:
    """The Diagnóstico's attributes in its order (`vocab`), then any other alphabetically: the
    order of the keys in a spec's `diagnostico` mapping (of whichever program came first) is
    not data, and it set the rows' order."""
    conocidos = [a for a in ATRIBUTOS_DIAGNOSTICO if a in atributos]
    return conocidos + sorted(a for a in atributos if a not in ATRIBUTOS_DIAGNOSTICO)


def atributos(specs: SpecSet, m: Metodologia, anio: int | None = None) -> Tabla:
    """Every attribute recorded per program: each value with its count and share."""
    anio = _anio(specs, anio)
    pares = conteos.programas_del_universo(specs, anio)
    elementos = conteos.elementos_de(pares, anio)
    enunciados = [e for d in specs.dependencias for e in d.resumen.get(anio, [])]
    avisos = []
    deps = conteos.dependencias_del_anio(specs, anio)
    if len(deps) > 1:  # each statement counts its own dependency's programs, not all of them
        enunciados = []
        avisos.append(
            f"{len(deps)} dependencias listan sus programas_sociales {anio} "
            f"({nombrados([d.clave for d in deps], 5)}): se cuentan "
            "juntos; los enunciados publicados de cada una se comparan con sus programas en "
            "los enunciados de resumen"
        )
    # what each count rests on: the programs' recorded attributes (the document their
    # `procedencia` names for that attribute, else their diagnóstico's `fuente`, else the
    # program's) and the statements printed beside it
    por_id = dict(pares)

    def de_programa(clave: str, atributo: str) -> str | None:
        p = por_id.get(clave)
        if p is None:
            return None
        pr = p.procedencia.get(anio, {}).get(atributo)
        if pr is not None and pr.fuente:
            return pr.fuente
        if pr is not None and pr.enunciados:  # its only source: those statements' documents
            docs = [e.fuente for e in enunciados if e.id in pr.enunciados and e.fuente]
            if docs:
                return "; ".join(docs)
        return p.diagnostico.get(anio, {}).get("fuente") or p.fuente

    rows = []
    for atributo in _en_orden(conteos.atributos(elementos)):
        for d in conteos.distribucion(elementos, atributo):
            clave = conteos.normalizar(d["valor"])
            suyos = [
                e
                for e in enunciados
                if e.atributo == atributo and [conteos.normalizar(v) for v in e.valor] == [clave]
            ]
            publicados = [e.publicado for e in suyos]
            conteo = conteos.formatear(d["n"], d["total"], m.conteos_decimales)
            contradiccion = _contradiccion(suyos, conteo)
            if contradiccion:
                avisos.append(f"{atributo} = {_impresa(atributo, d['valor'])}: {contradiccion}")
            rows.append(
                {
                    "anio": anio,
                    "atributo": atributo,
                    "valor": _texto(d["valor"]),
                    "n": d["n"],
                    "total": d["total"],
                    "pct": d["pct"],
                    "conteo": conteo,
                    "programas": ", ".join(d["ids"]),
                    "publicado": " · ".join(publicados) or None,
                    "fuente": _unidas(
                        [*(de_programa(i, atributo) for i in d["ids"]), *(e.fuente for e in suyos)]
                    ),
                }
            )
    if not rows:
        from issste_mon.consultas.vacios import hay_anios

        con = {y for p in specs.programas for y, d in p.diagnostico.items() if d}
        texto = f"los programas de {anio} no tienen atributos de diagnóstico en las specs"
        raise SinDatos(texto, hay=hay_anios("atributos de diagnóstico", con))
    cols = [
        C("anio", "Año", "anio", en_tabla=False),
        C("atributo", "Atributo", prioridad=PRIORIDAD_LLAVE),
        # the category's printed form for people («ajustes mínimos»); its code for machines
        C("valor", "Valor", etiquetas=_impresas(), prioridad=PRIORIDAD_LLAVE),
        C("n", "n", "entero", en_tabla=False),
        C("total", "Total", "entero", en_tabla=False),
        C("pct", "Porcentaje", "pct", en_tabla=False),
        C("conteo", "n (%)", prioridad=PRIORIDAD_CIFRA),
        C("programas", "Programas", ancho=48),
        C("publicado", "Publicado"),
    ]
    resumen = [
        f"Universo: {plural(len(elementos), 'programa')} de {anio} "
        f"({nombrados([e['id'] for e in elementos], _NOMBRADOS, 'columna programas')}). "
        "Porcentajes redondeados a la mitad hacia arriba, como CONEVAL."
    ]
    sin = [e["id"] for e in elementos if len(e) == 1]
    avisos += [
        f"{nombrados(sin, _NOMBRADOS)}: sin diagnóstico {anio} en las specs; cuentan en el total "
        "sin atributos"
    ] * bool(sin)
    fuente = C(
        "fuente",
        "Fuente",
        en_tabla=False,
        descripcion="documentos de los atributos contados (el que nombra su `procedencia` en "
        "cada programa, si no su `diagnostico.<año>.fuente`) y de los enunciados publicados",
    )
    return Tabla(
        f"Diagnóstico {anio}: atributos de los programas",
        [*con_metodologia(cols, rows, m), fuente],
        rows,
        resumen=resumen,
        avisos=avisos,
        pie=pie_con_fuentes(rows=rows),
    )


# Programs a summary line or an aviso names; the rest counted (a federal universe is
# thousands: the rows name each program under its values)
_NOMBRADOS = 30


def _unidas(fuentes: list) -> str | None:
    """Each document once, in order. «CONEVAL, Diagnóstico de Monitoreo 2024; Desempeño 2024»
    names two documents of one author: the second is «CONEVAL, Desempeño 2024», the same one
    a statement's own `fuente` names in full."""
    docs: list[str] = []
    for f in filter(None, fuentes):
        autor = None
        for d in filter(None, (d.strip() for d in f.split("; "))):
            if ", " in d:
                autor = d.split(", ", 1)[0]
            elif autor:
                d = f"{autor}, {d}"
            docs.append(d)
    return "; ".join(dict.fromkeys(docs)) or None


SI, NO, POR_CONSTRUCCION_CELDA = "sí", "no", "por construcción"
# said in the cell, not left blank: an empty «Coincide» reads as «unknown» in tabla and Markdown
NO_VERIFICABLE_CELDA = "no verificable"


def pie_enunciados(rows: list[dict]) -> str:
    """«26 de 52 enunciados coinciden; 19 por construcción; 3 no coinciden (…); 4 no
    verificables»: only a match on independent inputs counts as coinciding, as in `verificar`'s
    summary, and the parts add up to the rows."""
    from issste_mon.vocab import Veredicto

    coincide, no_verificable = Veredicto.coincide, Veredicto.no_verificable
    celdas = [r["coincide"] for r in rows]
    n_ok, n_pc = celdas.count(SI), celdas.count(POR_CONSTRUCCION_CELDA)
    texto = f"{n_ok} de {len(rows)} {'enunciado' if len(rows) == 1 else 'enunciados'} "
    texto += coincide.en_numero(n_ok)
    texto += " con lo publicado" + (f"; {n_pc} por construcción" if n_pc else "")
    no: dict[str, int] = {}
    for r in rows:
        if r["coincide"] == NO:
            no[r["veredicto"]] = no.get(r["veredicto"], 0) + 1
    if no:
        detalle = "; ".join(f"{v}: {n}" for v, n in no.items())
        texto += f"; {sum(no.values())} no {coincide.en_numero(sum(no.values()))}"
        texto += f" ({detalle})"
    if n_nv := celdas.count(NO_VERIFICABLE_CELDA):
        texto += f"; {n_nv} {no_verificable.en_numero(n_nv)} (la nota dice "
        texto += "por qué)"
    return texto + "."


def enunciados(specs: SpecSet, m: Metodologia, anio: int | None = None) -> Tabla:
    """Each published count statement («n (p%)», «n de N», «Los 9 programas», «la mitad»…)
    recomputed and compared with what the document prints — with the verdict of `verificar`,
    so both commands say the same thing about the same statement."""
    from issste_mon.auditoria import enunciados as auditar
    from issste_mon.auditoria.comparar import (
        COINCIDE,
        CONTRADICCION,
        DIFIERE,
        DIFIERE_EXPLICADA,
        POR_CONSTRUCCION,
    )
    from issste_mon.auditoria.registro import Contexto, Figura

    anio = _anio(specs, anio)
    ctx = Contexto(specs, m)
    # the «Coincide» cell: only a match on independent inputs is «sí»; a match on inputs taken
    # from the statement itself says so (as `verificar` and `ficha --todas` count it)
    celda = {COINCIDE: SI, POR_CONSTRUCCION: POR_CONSTRUCCION_CELDA}
    no = {DIFIERE, DIFIERE_EXPLICADA, CONTRADICCION}
    rows = []
    for fuente in [*specs.dependencias, *specs.derivados]:
        derivado = fuente if isinstance(fuente, ProgramaDerivado) else None
        for e in fuente.resumen.get(anio, []):
            dep = None if derivado else fuente.clave
            universo = conteos.universo(e, specs, anio, derivado, dep)
            r = conteos.contar(e, universo)
            if e.todos:
                r = {**r, "n": len(universo), "total": len(universo), "origen": "universo"}
                r["pct"] = conteos.pct(r["n"], r["total"])
            ruta = (*e.ruta, "publicado")
            f = Figura(
                "enunciado",
                fuente.clave,
                fuente.archivo,
                ruta,
                "publicado",
                e.publicado,
                anio,
                fuente,
                e,
            )
            res = auditar.enunciado(ctx, f).final()
            coincide = celda.get(res.veredicto) or (
                NO if res.veredicto in no else NO_VERIFICABLE_CELDA
            )
            nota = res.explicacion or res.motivo
            if r["origen"] == "enunciado" and not e.resto_de:
                extra = "n y total del enunciado: el documento no dice cuáles cuenta"
                nota = f"{nota}; {extra}" if nota else extra
            calculado = res.calculado or (
                conteos.formatear(r["n"], r["total"], m.conteos_decimales)
                if (e.atributo or e.todos) and coincide != NO_VERIFICABLE_CELDA
                else None
            )
            rows.append(
                {
                    "anio": anio,
                    "ambito": fuente.clave,
                    "id": e.id,
                    "universo": e.universo,
                    "atributo": e.atributo,
                    "valor": " o ".join(e.valor) or None,
                    "n": r["n"] if not e.resto_de else None,
                    "total": r["total"] if not e.resto_de else len(universo),
                    "pct": r["pct"] if not e.resto_de else None,
                    "calculado": calculado,
                    "publicado": e.publicado,
                    "coincide": coincide,
                    "veredicto": res.veredicto,
                    "corte": e.corte,
                    "elementos": ", ".join(str(i) for i in r["ids"]) or None,
                    "origen": r["origen"],
                    "nota": nota,
                    "fuente": e.fuente,
                    "texto": e.texto,
                }
            )
    if not rows:
        from issste_mon.consultas.vacios import hay_anios

        con = {y for d in specs.dependencias + specs.derivados for y, es in d.resumen.items() if es}
        texto = f"no hay enunciados publicados (resumen) para {anio} en las specs"
        raise SinDatos(texto, hay=hay_anios("enunciados publicados", con))
    cols = [
        C("anio", "Año", "anio", en_tabla=False),
        C("ambito", "Ámbito", ancho=19),
        C("id", "Enunciado", ancho=30, prioridad=PRIORIDAD_LLAVE),
        C("universo", "Universo", ancho=11),
        C("atributo", "Atributo", en_tabla=False),
        C("valor", "Valor", en_tabla=False),
        C("n", "n", "entero", en_tabla=False),
        C("total", "Total", "entero", en_tabla=False),
        C("pct", "Porcentaje", "pct", en_tabla=False),
        # the count and the printed one it is checked against: both what «Coincide» answers,
        # whole or as records (at 120 columns the table left the publicado out)
        C("calculado", "Calculado", ancho=9, prioridad=PRIORIDAD_CIFRA),
        C("publicado", "Publicado", ancho=20, prioridad=PRIORIDAD_CIFRA),
        C("coincide", "Coincide", ancho=16),
        C("veredicto", "Veredicto", "veredicto", en_tabla=False),
        C("corte", "Corte", "anio", en_tabla=False),
        C("elementos", "Elementos contados", ancho=30),
        C("origen", "Origen", en_tabla=False),
        C("nota", "Nota", ancho=40),
        C("fuente", "Fuente", en_tabla=False),
        C("texto", "Texto", en_tabla=False),
    ]
    resumen = [pie_enunciados(rows)]
    cols = con_metodologia(cols, rows, m)
    return Tabla(f"Enunciados de conteo publicados, {anio}", cols, rows, resumen=resumen)
