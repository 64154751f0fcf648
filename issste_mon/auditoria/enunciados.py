"""Checker for the count statements under `resumen:` — «n (p%)», «n de N», «Los 9 programas»,
«la mitad», number words: count the items with the calculator of conteos over the statement's
universe and compare n, the total and the percentage at its printed precision.

What a verdict rests on: a statement recorded with its own n/total (`origen: enunciado`, or
`n`/`total` without `atributo`) or counted over attributes the spec marks `inferido` can only
«coincidir por construcción». A statement printed for another cut (`corte`) than the recorded
attributes is «no verificable (corte distinto)». Two statements that cannot both hold
(`contradice`, `resto_de`) are a «contradicción en la fuente» naming both documents. A remainder
(`resto_de`: «4 indicadores no cuentan con información completa») is the universe minus the named
groups only when the groups and the remainder («sin información») cover every category of the
attribute the methodology lists; otherwise it is «no verificable» naming what no group covers.
"""

from __future__ import annotations

from issste_mon.auditoria.comparar import (
    COINCIDE,
    DIFIERE,
    Resultado,
    contradiccion,
    corte_distinto,
    no_verificable,
    numero,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.modelo import Dependencia, ProgramaDerivado


def _elementos(ctx: Contexto, f: Figura) -> list[dict]:
    from issste_mon.calc import conteos

    e = f.registro
    if isinstance(f.dueno, Dependencia) and e.universo == "programas":
        # every loaded program: once per dependency and year
        return ctx.una_vez(
            ("universo_programas", f.anio, f.dueno.clave),
            lambda: conteos.universo_programas(ctx.specs, f.anio, f.dueno.clave),
        )
    derivado = f.dueno if isinstance(f.dueno, ProgramaDerivado) else None
    return conteos.universo(e, ctx.specs, f.anio, derivado)


def _inferidos(ctx: Contexto, f: Figura, elementos: list[dict]) -> list[str]:
    """The inputs of a statement recorded from the same publication: its own n/total, a «todos»
    only the statement says, or attributes whose `procedencia` names this very statement."""
    e = f.registro
    if e.todos and e.origen in ("inferido", "enunciado"):
        return [
            f"que cuenta a los {len(elementos)} {e.universo} solo lo dice este enunciado "
            f"(todos: true; {_documento(e)}): ningún atributo por {_singular(e.universo)} lo "
            "comprueba"
        ]
    if e.origen in ("inferido", "enunciado") or (e.atributo is None and e.n is not None):
        return ["n y total del propio enunciado"]
    if e.atributo is None:
        return []
    out = [
        f"{e.atributo} de {x['id']}" for x in elementos if e.atributo in (x.get("inferido") or ())
    ]
    if isinstance(f.dueno, Dependencia):
        tomados = _tomados_de(ctx, f, elementos)
        if tomados:
            out.append(
                f"{e.atributo} de {_lista(tomados)}, tomado de este mismo enunciado "
                f"(«{e.texto or f.texto}», {_documento(e)}; `procedencia` en su spec)"
            )
    return out


def _tomados_de(ctx: Contexto, f: Figura, elementos: list[dict]) -> list[str]:
    """The programs whose attribute the statement counts was taken from the statement itself
    (`diagnostico.<año>.procedencia.<atributo>.enunciados` names it)."""
    from issste_mon.calc import conteos

    por_id = ctx.una_vez(
        ("programas_del_universo", f.anio, f.dueno.clave),
        lambda: dict(conteos.programas_del_universo(ctx.specs, f.anio, f.dueno.clave)),
    )
    e, out = f.registro, []
    for x in elementos:
        p = por_id.get(x["id"])
        pr = p.procedencia.get(f.anio, {}).get(e.atributo) if p is not None else None
        if pr is not None and e.id in pr.enunciados:
            out.append(str(x["id"]))
    return out


def _lista(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} y {ids[-1]}"


def _singular(universo: str) -> str:
    return {"programas": "programa", "objetivos": "objetivo", "indicadores": "indicador"}.get(
        universo, "elemento"
    )


def _documento(e) -> str:
    return e.fuente or "el mismo documento"


def _hermano(f: Figura, ident: str):
    for items in f.dueno.resumen.values():
        for otro in items:
            if otro.id == ident:
                return otro
    return None


def _lugar(f: Figura, otro) -> str:
    """Where another statement is printed: its document (`fuente`), then the spec's place."""
    from issste_mon.errores import format_keypath

    donde = f"{_nombre(f)}, {format_keypath(otro.ruta)}"
    doc = f"{otro.fuente}; " if otro.fuente else ""
    return f"«{otro.texto or otro.publicado}» ({doc}{donde})"


def _este(f: Figura) -> str:
    """This statement and where it is printed: its document, then the spec's place."""
    from issste_mon.errores import format_keypath

    e = f.registro
    doc = f"{e.fuente}; " if e.fuente else ""
    return f"«{e.texto or f.texto}» ({doc}{_nombre(f)}, {format_keypath(e.ruta)})"


def _nombre(f: Figura) -> str:
    """The spec file by its name: the same wherever the specs were loaded from."""
    return f.archivo.replace("\\", "/").rsplit("/", 1)[-1]


def _cortes(ctx: Contexto, f: Figura) -> int | None:
    """The cut of the recorded attributes a statement counts (a programa derivado's categories)."""
    if isinstance(f.dueno, ProgramaDerivado) and f.registro.universo == "indicadores":
        return f.dueno.corte_publicado
    return None


def _resto_no_derivable(ctx: Contexto, otros) -> str | None:
    """Why «the universe minus the named groups» is not this statement's n: the groups count
    different attributes, the methodology does not list the attribute's categories, or some
    category is covered neither by a group nor by the remainder («sin información», NR) — an
    item there makes every statement true. None: the remainder is derivable."""
    from issste_mon.calc import conteos

    atributos = {o.atributo for o in otros}
    if len(atributos) != 1 or None in atributos:
        return "los enunciados de resto_de no cuentan un mismo atributo: el resto no se deduce"
    (atributo,) = atributos
    categorias = conteos.categorias_atributo(atributo, ctx.metodologia)
    if categorias is None:
        return (
            f"la metodología no enumera las categorías de «{atributo}»: no se sabe si los "
            "grupos las cubren todas y el resto no se deduce"
        )
    resto = conteos.categorias_sin_dato(atributo, ctx.metodologia)
    faltan = conteos.no_cubiertas(otros, resto, categorias)
    if not faltan:
        return None
    sin = f" ({_lista(resto)})" if resto else ""
    return (
        f"los grupos no cubren {_lista_ni(faltan)}: el resto no es solo «sin información»{sin}; "
        f"los que faltan pueden estar en {_lista_o(faltan)} sin que ningún enunciado sea falso "
        f"(categorías de «{atributo}» en la metodología, {ctx.metodologia.etiqueta})"
    )


def _lista_ni(xs: list[str]) -> str:
    return xs[0] if len(xs) == 1 else f"{', '.join(xs[:-1])} ni {xs[-1]}"


def _lista_o(xs: list[str]) -> str:
    return xs[0] if len(xs) == 1 else f"{', '.join(xs[:-1])} o {xs[-1]}"


def _universo_impreso(f: Figura, total: int) -> str:
    """Where the universe's size is printed: a statement of the same owner that prints «15
    indicadores» (its document) and the published table's «Total general», never the spec file;
    else that the total is only the universe recorded in the spec."""
    import re

    universo = f.registro.universo
    patron = re.compile(rf"(?<![\d.,]){total}\s+{re.escape(universo)}", re.IGNORECASE)
    lugares = []
    for items in f.dueno.resumen.values():
        for otro in items:
            texto = otro.texto or otro.publicado or ""
            if otro.fuente and patron.search(texto):
                lugares.append(f"«{texto}» ({otro.fuente})")
                break
        if lugares:
            break
    tabla = getattr(f.dueno, "tabla_publicada", None) or {}
    fila = tabla.get("Total general") or {}
    if str(fila.get("Total general", "")).strip() == str(total):
        lugares.append("el «Total general» de la tabla enfoque × avance publicada")
    if not lugares:
        return "del universo registrado (ningún enunciado imprime ese total)"
    return "que imprimen " + " y ".join(lugares)


@cifra("enunciado", "publicado", etiqueta="Enunciado {anio}")
def enunciado(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc import conteos

    e = f.registro
    label = f"Enunciado «{e.id}» {f.anio}" + (f" (corte {e.corte})" if e.corte else "")
    conteo = conteos.leer_conteo(f.texto)
    if conteo is None:
        return no_verificable(f"no se reconoce un conteo en «{f.texto}»", cifra=label)
    elementos = _elementos(ctx, f)
    if e.resto_de:  # «4 indicadores no cuentan con …»: the universe minus the other counts
        otros = [_hermano(f, i) for i in e.resto_de]
        if any(o is None for o in otros):
            return no_verificable(f"resto_de nombra enunciados que no existen: {e.resto_de}")
        faltan = _resto_no_derivable(ctx, otros)
        if faltan:
            return no_verificable(faltan, cifra=label)
        leidos = [conteos.leer_conteo(o.publicado) for o in otros]
        if any(c is None or c.n is None for c in leidos):
            return no_verificable(
                f"no se lee un n en los enunciados de resto_de: {', '.join(e.resto_de)}",
                cifra=label,
            )
        total = len(elementos)
        suma = sum(c.n for c in leidos)
        n = total - suma
        calc = str(n)
        if conteo.n == n:
            return Resultado(COINCIDE, calc, n, cifra=label)
        partes = " + ".join(str(c.n) for c in leidos) + f" + {conteo.n}"
        return contradiccion(
            f"{partes} = {suma + (conteo.n or 0)} ≠ {total}: los conteos de "
            + "; ".join(_lugar(f, o) for o in otros)
            + f" y este ({_documento(e)}) no suman los {total} {e.universo} "
            + f"{_universo_impreso(f, total)}",
            calc,
            cifra=label,
        )
    corte_attr = _cortes(ctx, f)
    if e.corte is not None and corte_attr is not None and e.corte != corte_attr:
        return corte_distinto(
            f"el enunciado es del corte {e.corte}; las categorías registradas, del corte "
            f"{corte_attr}",
            cifra=label,
        )
    if e.todos:
        r = {"n": len(elementos), "total": len(elementos), "origen": "universo", "sin_dato": 0}
        r["pct"] = conteos.pct(r["n"], r["total"])
    else:
        r = conteos.contar(e, elementos)
    if r["origen"] == "atributos" and r["sin_dato"]:
        faltan = [x["id"] for x in elementos if conteos.normalizar(x.get(e.atributo)) is None]
        return no_verificable(
            f"falta el atributo «{e.atributo}» de {', '.join(map(str, faltan))} "
            f"({r['sin_dato']} de {r['total']})",
            cifra=label,
        )
    if r["pct"] is None:
        return no_verificable(f"universo de {e.universo} vacío", cifra=label)
    if conteo.pct is not None:
        resultado = numero(conteo.pct.texto, r["pct"])
        resultado.calculado = conteos.formatear(r["n"], r["total"], conteo.pct.decimales)
        if resultado.veredicto == COINCIDE and conteo.n is None:
            resultado.calculado = f"{conteo.pct.valor}%"  # "60%": the statement prints no n
    elif conteo.cuantificador is not None:
        bien, contado = conteos.cumple_cuantificador(conteo.cuantificador, r)
        resultado = Resultado(COINCIDE if bien else DIFIERE, contado, r["n"])
    else:
        resultado = Resultado(COINCIDE, f"{r['n']} de {r['total']}", r["n"])
    if conteo.n is not None and conteo.n != r["n"]:
        resultado.veredicto, resultado.explicacion = DIFIERE, None
    if conteo.total is not None and conteo.total != r["total"]:
        resultado.veredicto, resultado.explicacion = DIFIERE, None
    resultado.cifra = label
    if resultado.veredicto == DIFIERE and e.contradice:
        otro = _hermano(f, e.contradice)
        lugar = _lugar(f, otro) if otro is not None else e.contradice
        return contradiccion(
            f"{_este(f)} y {lugar} no pueden valer a la vez: los atributos registrados dan "
            f"{resultado.calculado}",
            resultado.calculado,
            cifra=label,
        )
    resultado.inferidos = _inferidos(ctx, f, elementos)
    return resultado
