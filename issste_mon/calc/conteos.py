"""Counts "n (p%)" as the diagnósticos print them, from per-item attributes.

An *elemento* is a plain dict of one item of a universe (a program's diagnóstico attributes, an
objective, an indicator) with an `id`. A published statement (`Enunciado`) names an attribute and
the value(s) it counts; `contar` counts them over the universe. Statements whose items the
documents do not name carry `n`/`total` directly, and those are used as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from issste_mon.calc.base import cociente_pct
from issste_mon.modelo import Enunciado, ProgramaDerivado
from issste_mon.salida.numfmt import fmt_como_documento
from issste_mon.vocab import fold

# Attributes of a diagnóstico that describe the record, not the program.
NO_ATRIBUTOS = frozenset({"fuente", "inferido"})


def normalizar(valor: object) -> str | None:
    """Comparison key of an attribute value: true/false for booleans, folded text otherwise."""
    if valor is None:
        return None
    if isinstance(valor, bool):
        return "true" if valor else "false"
    return fold(str(valor))


def pct(n: int, total: int) -> Decimal | None:
    """n / total × 100 exactly (2 / 15 → 13.333…, never 13.333333333333334)."""
    return cociente_pct(Decimal(n), Decimal(total)) if total else None


def contar(enunciado: Enunciado, elementos: list[dict]) -> dict:
    """{n, total, pct (unrounded), ids (items counted), sin_dato (items lacking the attribute),
    origen ("atributos" | "enunciado")}."""
    if enunciado.atributo is None:
        n, total = enunciado.n or 0, enunciado.total or 0
        return {
            "n": n,
            "total": total,
            "pct": pct(n, total),
            "ids": [],
            "sin_dato": 0,
            "origen": "enunciado",
        }
    buscados = {normalizar(v) for v in enunciado.valor}
    ids, sin_dato, otros, como = [], 0, {}, {}  # como: each other value as recorded
    for e in elementos:
        v = normalizar(e.get(enunciado.atributo))
        if v is None:
            sin_dato += 1
        elif v in buscados:
            ids.append(e.get("id"))
        else:
            otros[v] = otros.get(v, 0) + 1
            como.setdefault(v, e.get(enunciado.atributo))
    total = len(elementos)
    return {
        "n": len(ids),
        "total": total,
        "pct": pct(len(ids), total),
        "ids": ids,
        "sin_dato": sin_dato,
        "origen": "atributos",
        # the largest count of any other value, for «mayormente»: (value, count)
        "otro_mayor": max(
            ((como[v], k) for v, k in otros.items()), key=lambda vk: vk[1], default=(None, 0)
        ),
    }


def formatear(n: int, total: int, pct_decimales: int = 0, estilo: str = "parentesis") -> str:
    """CONEVAL style with half-up rounding: '5 (56%)'; estilo="coma" gives '2, 13%', as the
    Programa Institucional prints it."""
    p = pct(n, total)
    if p is None:
        return str(n)
    texto = f"{fmt_como_documento(p, pct_decimales)}%"  # compared with the published text
    # (es-MX thousands in «1,273 (31%)»; «1,273, 13%» would read as two numbers)
    return f"{n}, {texto}" if estilo == "coma" else f"{n:,} ({texto})"


def distribucion(elementos: list[dict], atributo: str) -> list[dict]:
    """Every value of one attribute with its count: [{valor, n, total, pct, ids}], values in
    order of first appearance, items lacking the attribute under valor None."""
    grupos: dict[object, list] = {}
    for e in elementos:
        v = e.get(atributo)
        grupos.setdefault(v if v is None or isinstance(v, bool) else str(v), []).append(e.get("id"))
    total = len(elementos)
    return [
        {"valor": v, "n": len(ids), "total": total, "pct": pct(len(ids), total), "ids": ids}
        for v, ids in grupos.items()
    ]


def atributos(elementos: list[dict]) -> list[str]:
    """Attribute names present in the universe, in order of first appearance (without `id`)."""
    seen: dict[str, None] = {}
    for e in elementos:
        for k in e:
            if k != "id" and k not in NO_ATRIBUTOS:
                seen.setdefault(k, None)
    return list(seen)


def dependencias_del_anio(specs, anio: int, dependencia: str | None = None) -> list:
    """The loaded dependencies that list their `programas_sociales` of `anio` (only the one
    named `dependencia`, by clave or siglas, when given)."""
    return [
        d
        for d in specs.dependencias
        if anio in d.programas_sociales
        and (dependencia is None or dependencia in (d.clave, d.siglas))
    ]


def programas_del_universo(specs, anio: int, dependencia: str | None = None) -> list[tuple]:
    """(id, Programa or None) of each program of a year's universe.

    The universe is the `programas_sociales[anio]` list of each loaded dependency that gives
    one (of `dependencia` alone when named; a listed program without spec stays in the total
    as None), else every loaded program (of `dependencia`, if loaded) with a diagnóstico for
    that year. A clave is unique only within its ramo: a dependency's list names its own
    programs (its ramo or its siglas, as `monitoreo` takes them), and the id is the clave,
    or ramo-clave where two programs of the universe share it (a federal set).
    """
    from issste_mon.calc.monitoreo import programas_de

    deps = dependencias_del_anio(specs, anio, dependencia)
    pares: list[tuple[str, object]] = []
    for dep in deps:
        suyos: dict[str, object] = {}
        for p in programas_de(dep, specs.programas):
            suyos.setdefault(p.clave, p)
        pares += [(clave, suyos.get(clave)) for clave in dep.programas_sociales[anio]]
    if not deps:
        nombrada = [d for d in specs.dependencias if dependencia in (d.clave, d.siglas)]
        programas = programas_de(nombrada[0], specs.programas) if nombrada else specs.programas
        pares = [(p.clave, p) for p in programas if anio in p.diagnostico]
    veces: dict[str, int] = {}
    for clave, _ in pares:
        veces[clave] = veces.get(clave, 0) + 1
    return [
        (f"{p.ramo}-{clave}" if veces[clave] > 1 and p is not None else clave, p)
        for clave, p in pares
    ]


def universo_programas(specs, anio: int, dependencia: str | None = None) -> list[dict]:
    """The diagnóstico attributes of a year's programs (`programas_del_universo`), `id` = its
    clave (ramo-clave where two programs of the universe share one)."""
    return elementos_de(programas_del_universo(specs, anio, dependencia), anio)


def elementos_de(pares: list[tuple], anio: int) -> list[dict]:
    """`universo_programas` of the (id, Programa or None) pairs `programas_del_universo` gave."""
    out = []
    for ident, p in pares:
        diag = p.diagnostico.get(anio, {}) if p is not None else {}
        fila = {"id": ident, **{k: v for k, v in diag.items() if k not in NO_ATRIBUTOS}}
        if p is not None and anio in p.diagnostico_inferido:  # (as an objective's, an indicator's)
            fila["inferido"] = p.diagnostico_inferido[anio]
        out.append(fila)
    return out


def universo_objetivos(derivado: ProgramaDerivado) -> list[dict]:
    return [
        {
            "id": o.id,
            "enfoque": o.enfoque,
            "vinculado_programas": o.vinculado_programas,
            "indicadores": len(o.indicadores),
            "inferido": list(o.inferido),
        }
        for o in derivado.objetivos
    ]


def universo_indicadores(derivado: ProgramaDerivado) -> list[dict]:
    """One dict per indicator: its attributes, criteria marks flattened, published categories."""
    out = []
    for o, i in derivado.indicadores():
        out.append(
            {
                "id": i.id,
                "objetivo": o.id,
                "enfoque_objetivo": o.enfoque,
                "tipo": i.tipo,
                "sentido": i.sentido,
                "enfoque": i.enfoque,
                "calidad": i.calidad,
                **i.criterios_calidad,
                "avance_sexenal_publicado": i.publicado.get("avance_sexenal"),
                "meta_intermedia_publicada": i.publicado.get("meta_intermedia"),
                # an objective's enfoque inferred makes the indicator's enfoque_objetivo inferred
                "inferido": [
                    *i.inferido,
                    *(["enfoque_objetivo"] if "enfoque" in o.inferido else []),
                ],
            }
        )
    return out


def universo(
    enunciado: Enunciado, specs, anio: int, derivado=None, dependencia: str | None = None
) -> list[dict]:
    """The elementos a statement counts over, by its `universo`; programs: those of the
    dependency that prints it (`dependencia`, or the programa derivado's), when it lists them."""
    if enunciado.universo == "objetivos" and derivado is not None:
        return universo_objetivos(derivado)
    if enunciado.universo == "indicadores" and derivado is not None:
        return universo_indicadores(derivado)
    if dependencia is None and derivado is not None:
        dependencia = derivado.dependencia
    return universo_programas(specs, anio, dependencia)


def leer_publicado(texto: str):
    """A printed count as a `numfmt.Conteo`, also when a long noun phrase sits between the
    number and the percentage ("3 indicadores del Programa … 2020-2024 … (20%)")."""
    import re

    from issste_mon.salida.numfmt import WORDS, Conteo, parse_conteo, parse_publicado

    conteo = parse_conteo(texto)
    if conteo is not None:
        return conteo
    m = re.fullmatch(r"(?is)\s*(\d+|[a-záéíóú]+)\b.*\(\s*(\d+(?:\.\d+)?\s*%)\s*\)\s*", str(texto))
    if not m:
        return None
    word = m.group(1)
    n = int(word) if word.isdigit() else WORDS.get(word.lower())
    return Conteo(str(texto).strip(), n, parse_publicado(m.group(2))) if n is not None else None


@dataclass(frozen=True)
class ConteoLeido:
    """A printed count in any of the documents' forms: «5 (56%)», «12, 80%», «60%», «4 de sus 5
    objetivos», «dos (E043 y E044) de las nueve», «Los 9 programas», «la mitad», «el restante»."""

    texto: str
    n: int | None
    total: int | None = None
    pct: object = None  # numfmt.Publicado
    cuantificador: str | None = None  # a key of CUANTIFICADORES: «la mitad», «la mayoría»…


# Counts printed as words of quantity, and what each asserts of n out of total (and of the
# largest count of any other value, for «mayormente»). «algunos»: more than one, not all.
CUANTIFICADORES = {
    "la mitad": ("la mitad", lambda n, total, otro: n in (total // 2, -(-total // 2))),
    "la mayoria": ("la mayoría", lambda n, total, otro: 2 * n > total),
    "en su mayoria": ("en su mayoría", lambda n, total, otro: 2 * n > total),
    "mayormente": ("mayormente", lambda n, total, otro: n > otro),
    "todos los": ("todos", lambda n, total, otro: n == total),
    "todas las": ("todas", lambda n, total, otro: n == total),
    "algunos": ("algunos", lambda n, total, otro: 1 < n < total),
    "algunas": ("algunas", lambda n, total, otro: 1 < n < total),
}


def cumple_cuantificador(cuantificador: str, resultado: dict) -> tuple[bool, str]:
    """(holds, what was counted) for a printed quantity word: «10 de 15», or «5 (Muy
    rezagado: 3)» for «mayormente»."""
    palabra, regla = CUANTIFICADORES[cuantificador]
    n, total = resultado["n"], resultado["total"]
    otro, m = resultado.get("otro_mayor", (None, 0))
    contado = f"{n} de {total}"
    if cuantificador == "mayormente" and otro is not None:
        contado += f"; el siguiente valor, {otro}: {m}"
    return regla(n, total, m), contado


_PALABRAS_UNO = {"un": 1, "el restante": 1, "la restante": 1}


def _entero(token: str) -> int | None:
    from issste_mon.salida.numfmt import WORDS

    if token.isdigit():
        return int(token)
    return WORDS.get(token.lower(), _PALABRAS_UNO.get(token.lower()))


def leer_conteo(texto: str) -> ConteoLeido | None:
    """The count a statement prints, or None when it prints none."""
    import re

    from issste_mon.salida.numfmt import parse_publicado

    t = " ".join(str(texto).split())
    pct = None
    m = re.search(r"\(\s*(\d+(?:\.\d+)?\s*%)\s*\)|,\s*(\d+(?:\.\d+)?\s*%)|(\d+(?:\.\d+)?\s*%)", t)
    if m:
        pct = parse_publicado(next(g for g in m.groups() if g))
        t = t[: m.start()] + " " + t[m.end() :]
    t = re.sub(r"\([^)]*\)", " ", t)  # «(E043 y E044)»: names, not numbers
    plano = fold(t)
    cuantificador = next((c for c in CUANTIFICADORES if c in plano), None)
    tokens = re.findall(r"[a-záéíóúñ]+|\d+", t, flags=re.IGNORECASE)
    n = total = None
    for i, tok in enumerate(tokens):
        pareja = " ".join(tokens[i : i + 2]).lower()
        valor = _PALABRAS_UNO.get(pareja) if pareja in _PALABRAS_UNO else _entero(tok)
        if valor is None:
            continue
        previo = [x.lower() for x in tokens[max(0, i - 2) : i]]
        if n is not None and "de" in previo:
            total = valor
            break
        if n is None:
            n = valor
    if n is None and pct is None and cuantificador is None:
        return None
    return ConteoLeido(str(texto).strip(), n, total, pct, cuantificador)


def comparar(resultado: dict, publicado: str) -> tuple[bool | None, str | None]:
    """Does the count agree with the printed one (n, the total, and the % at its printed
    precision, half up)? (None, why) when the printed text is not a count."""
    conteo = leer_conteo(publicado)
    if conteo is None or resultado["pct"] is None:
        return None, "el texto publicado no es un conteo"
    if conteo.n is not None and conteo.n != resultado["n"]:
        return False, f"el documento imprime n = {conteo.n}"
    if conteo.total is not None and conteo.total != resultado["total"]:
        return False, f"el documento imprime un total de {conteo.total}"
    if conteo.cuantificador is not None:
        bien, contado = cumple_cuantificador(conteo.cuantificador, resultado)
        palabra = CUANTIFICADORES[conteo.cuantificador][0]
        return (True, None) if bien else (False, f"el documento dice «{palabra}»: {contado}")
    if conteo.pct is None:
        return True, None
    if conteo.pct.matches(resultado["pct"]):
        return True, None
    if conteo.pct.matches_truncated(resultado["pct"]):
        return False, "el documento trunca el porcentaje en vez de redondearlo"
    return False, f"el documento imprime {conteo.pct.texto}"


def categorias_atributo(atributo: str | None, metodologia) -> list[str] | None:
    """Every category a programa derivado's published attribute can take, by the methodology:
    the sexenal categories with «Sentido constante» and the «sin dato» one (NR), or the
    intermediate-goal categories with Retroceso and NR. None: the methodology does not list
    them (another attribute, or a methodology without that section)."""
    s, mi = metodologia.sexenal, metodologia.meta_intermedia
    if atributo == "avance_sexenal_publicado" and s is not None:
        cats = [r.categoria for r in s.categorias]
        cats += [s.etiqueta_sentido_constante, s.sentido_constante, s.sin_dato]
    elif atributo == "meta_intermedia_publicada" and mi is not None:
        cats = [r.categoria for r in mi.categorias] + [mi.retroceso, mi.sin_dato]
    else:
        return None
    return list(dict.fromkeys(cats))


def categorias_sin_dato(atributo: str | None, metodologia) -> list[str]:
    """The categories of an attribute that mean «no information» (NR): what a remainder such
    as «4 indicadores no cuentan con información completa» counts."""
    if atributo == "avance_sexenal_publicado" and metodologia.sexenal is not None:
        return [metodologia.sexenal.sin_dato]
    if atributo == "meta_intermedia_publicada" and metodologia.meta_intermedia is not None:
        return [metodologia.meta_intermedia.sin_dato]
    return []


def no_cubiertas(grupos: list[Enunciado], resto: list[str], categorias: list[str]) -> list[str]:
    """The categories neither a group's `valor` nor the remainder's categories cover: a count
    «universe − the groups» is only this statement's n when this list is empty."""
    cubiertas = {fold(v) for g in grupos for v in g.valor} | {fold(c) for c in resto}
    return [c for c in categorias if fold(c) not in cubiertas]
