"""Turn a parsed spec document into typed records, collecting every problem on the way."""

from __future__ import annotations

import re

from issste_mon import vocab
from issste_mon.carga import definiciones as d
from issste_mon.carga.campos import (
    FREE_KEYS,
    Collector,
    Node,
    describe,
    mas_parecida,
    no_ascii,
    publicado_sin_comillas,
    to_number,
)
from issste_mon.errores import format_keypath
from issste_mon.modelo import (
    Dependencia,
    Enunciado,
    Indicador,
    IndicadorDerivado,
    Ised,
    LineaBase,
    MetaAnual,
    Monitoreo,
    MonitoreoDependencia,
    Objetivo,
    Poblacion,
    PoblacionTotal,
    Presupuesto,
    Procedencia,
    Programa,
    ProgramaDerivado,
)
from issste_mon.salida.numfmt import digitos_no_ascii

CLAVE_PP = re.compile(r"^[A-Z][0-9]{3}$")
KINDS = {"programa": "programa", "programa presupuestario": "programa"}
KINDS |= {"dependencia": "dependencia", "programa derivado": "programa_derivado"}


def build(data: object, stem: str | None, out: Collector, archivo: str):
    """Records for one document, or None when the document is not a mapping."""
    if not isinstance(data, dict):
        hallado = "está vacío" if data is None else f"se encontró {describe(data)}"
        out.error((), f"el documento debe ser un mapeo de claves ({hallado})")
        return None
    root = Node(data, (), out)
    tipo = root.text("tipo") or "programa"
    kind = KINDS.get(vocab.fold(tipo))
    if kind is None:
        out.error(
            ("tipo",),
            f'tipo de spec desconocido "{tipo}"; se esperaba programa | '
            "dependencia | programa_derivado",
        )
        return None
    builder = {"programa": _programa, "dependencia": _dependencia}.get(kind, _derivado)
    record = builder(root, stem, archivo)
    root.finish()
    return record


def _clave(root: Node, stem: str | None, key: str = "clave") -> str | None:
    clave = root.text(key, required=True)
    if clave is not None and stem is not None and clave != stem:
        root.out.error((key,), f'la clave "{clave}" no coincide con el nombre del archivo "{stem}"')
    return clave


def _programa(root: Node, stem: str | None, archivo: str) -> Programa | None:
    clave = _clave(root, stem)
    if clave is not None and not CLAVE_PP.match(clave):
        root.out.error(
            ("clave",),
            f'clave no válida "{clave}": se esperaba una letra de '
            "modalidad y tres dígitos (p. ej. E045)",
        )
    prog = Programa(clave=clave or "", archivo=archivo, **d.leer(root, d.PROGRAMA))
    _periodo(root, prog.inicio, prog.fin)
    for year, node in root.year_mappings("poblaciones"):
        filas, total = _poblaciones(node, year)
        prog.poblaciones.extend(filas)
        if total is not None:
            prog.totales_poblacion.append(total)
    for year, node in root.year_mappings("presupuesto"):
        prog.presupuesto.append(_presupuesto(node, year))
    prog.mir = _mir(root)
    for year, node in root.year_mappings("monitoreo"):
        prog.monitoreo.append(Monitoreo(year, ruta=node.path, **d.leer(node, d.MONITOREO)))
        node.finish()
    for year, node in root.year_mappings("ised"):
        prog.ised.append(_ised(node, year))
    for year, node in root.year_mappings("diagnostico"):
        prog.diagnostico[year] = _diagnostico(node)
        inferido = _atributos_inferidos(node, prog.diagnostico[year])
        if inferido:
            prog.diagnostico_inferido[year] = inferido
        procedencia = _procedencia(node, prog.diagnostico[year])
        if procedencia:
            prog.procedencia[year] = procedencia
    from issste_mon.ficha import spec as v12  # v1.2: FMyE narrative blocks, evaluations

    prog.evaluaciones, prog.fmye = v12.evaluaciones(root), v12.fmye(root)
    return prog


def _periodo(node: Node, inicio: int | None, fin: int | None) -> None:
    if inicio is not None and fin is not None and fin < inicio:
        node.out.error(
            node.path + ("fin",), f"el año de fin ({fin}) es anterior al de inicio ({inicio})"
        )


def _diagnostico(node: Node) -> dict[str, str]:
    """A year's Diagnóstico attributes, in the order written: a known one (`vocab.
    ATRIBUTOS_DIAGNOSTICO`) in its canonical category, any other a text or true/false. A value
    of another kind is an error, never dropped from the counts in silence."""
    out: dict[str, str] = {}
    for key, value in node.data.items():
        k = str(key)
        if k == "inferido":  # (not an attribute: `_atributos_inferidos`)
            continue
        if k == PROCEDENCIA:  # (where the attributes come from: `_procedencia`)
            node.mark_known(k)
            continue
        if k in FREE_KEYS and k != "fuente":  # a remark, as in every mapping: not an attribute
            continue
        campo = _CAMPOS_DIAGNOSTICO.get(k)
        # (a boolean is a category; where a text goes, `fuente: yes`, `leer_campo` refuses it)
        if isinstance(value, bool) and (campo is None or campo.vocab is not None):
            node.mark_known(k)
            if campo is not None and campo.vocab is not None:
                node.out.error(node.path + (k,), _booleano(value, campo.vocab))
            else:
                out[k] = str(value)
            continue
        if campo is None and isinstance(value, (list, dict)):
            node.mark_known(k)
            node.out.error(
                node.path + (k,),
                f"se esperaba la categoría del atributo (un texto o true/false), se encontró "
                f"{describe(value)}",
            )
            continue
        leido = d.leer_campo(node, campo) if campo is not None else node.text(k)
        if leido is not None:
            out[k] = leido
    return out


_CAMPOS_DIAGNOSTICO = {c.nombre: c for c in d.DIAGNOSTICO.campos if c.registro}


def _booleano(value: bool, vocab_: vocab.Vocab):
    """YAML 1.1 reads an unquoted `no` (yes, on, off…) as a boolean, not as the category."""

    def mensaje(escrito: str | None) -> str:
        escrito = escrito or ("true" if value else "false")
        return (
            f"valor desconocido un booleano ({'true' if value else 'false'}) para {vocab_.name}; "
            f"se esperaba {vocab_.describe()}: sin comillas YAML lee {escrito} como booleano, "
            f'escríbalo entre comillas ("{escrito}")'
        )

    return mensaje


def _atributos_inferidos(node: Node, atributos: dict[str, str]) -> list[str]:
    """`diagnostico.<año>.inferido`: attributes of that year the spec deduced. One the year does
    not register is an error: the mark would be dropped and the count it rests on «confirmed»."""
    out = _textos(node, "inferido")
    for nombre in out:
        if nombre not in atributos:
            node.out.error(
                node.path + ("inferido",),
                f"«{nombre}» no es un atributo que el año registra"
                + (f"; ¿quiso decir «{p}»?" if (p := mas_parecida(nombre, atributos)) else ""),
            )
    return [n for n in out if n in atributos]


PROCEDENCIA = "procedencia"
_CAMPOS_PROCEDENCIA = ("enunciados", "fuente", "texto")


def _procedencia(node: Node, atributos: dict[str, str]) -> dict[str, Procedencia]:
    """`diagnostico.<año>.procedencia`: atributo → {enunciados: [ids], fuente, texto}."""
    raw = node.data.get(PROCEDENCIA)
    path = node.path + (PROCEDENCIA,)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        node.out.error(
            path, f"se esperaba un mapeo atributo → procedencia, se encontró {describe(raw)}"
        )
        return {}
    out = {}
    for atributo, datos in raw.items():
        donde = path + (atributo,)
        if str(atributo) not in atributos:
            node.out.error(
                donde, f"procedencia de un atributo que el año no registra: «{atributo}»"
            )
            continue
        if not isinstance(datos, dict):
            node.out.error(
                donde,
                f"se esperaba un mapeo con {', '.join(_CAMPOS_PROCEDENCIA)}, "
                f"se encontró {describe(datos)}",
            )
            continue
        sub = Node(datos, donde, node.out)
        sub.mark_known(*_CAMPOS_PROCEDENCIA)
        pr = Procedencia(_textos(sub, "enunciados"), sub.text("fuente"), sub.text("texto"))
        if not (pr.enunciados or pr.fuente or pr.texto):
            node.out.error(donde, "una procedencia necesita `enunciados`, `fuente` o `texto`")
            continue
        sub.finish()
        out[str(atributo)] = pr
    return out


def _ised(node: Node, year: int) -> Ised:
    rango = d.ISED.campo("valor")
    valor = node.number("valor")
    if isinstance(valor, (int, float)) and not rango.minimo <= valor <= rango.maximo:
        node.out.error(node.path + ("valor",), f"el ISeD va de 0 a 1, se encontró {valor}")
    publicado = d.ISED.campo("publicado")
    row = Ised(
        year, valor, publicado=node.publicado("publicado", publicado.nombres), ruta=node.path
    )
    row.fuente, row.nota = node.text("fuente"), node.text("nota")
    nivel = row.publicado.get("nivel")
    if nivel is not None:
        canon = vocab.NIVEL_ISED.match(nivel)
        if canon is None:
            node.out.error(
                node.path + ("publicado", "nivel"),
                f'nivel ISeD desconocido "{nivel}"; se esperaba {vocab.NIVEL_ISED.describe()}',
            )
        else:
            row.publicado["nivel"] = canon
    node.mark_known("nivel_shcp")  # importar ised keeps a level it cannot map, as written
    node.finish()
    return row


def _poblaciones(node: Node, year: int) -> tuple[list[Poblacion], PoblacionTotal | None]:
    """The year's population rows, and what its document printed for the total of its
    components (None: a year without components, or nothing written beside them)."""
    componentes = node.mappings("componentes")
    if not node.has("componentes"):
        return [_poblacion(node, year, None)], None
    del_anio = d.leer(node, d.POBLACIONES_ANIO.variantes[0])
    rows, vistos = [], {}
    for _, c in componentes:
        nombre = c.text("nombre", required=True)
        # two components of one name are one row to `verificar`, which would compare the
        # second's published cobertura with the first's
        if nombre is not None and nombre in vistos:
            c.out.error(
                c.path + ("nombre",),
                f'componente repetido "{nombre}" (ya en {format_keypath(vistos[nombre])})',
            )
        elif nombre is not None:
            vistos[nombre] = c.path
        row = _poblacion(c, year, nombre)
        row.fuente = row.fuente or del_anio["fuente"]  # the year's document is theirs too
        rows.append(row)
    _sin_total(node)
    node.finish()
    if not any(del_anio.values()):
        return rows, None
    return rows, PoblacionTotal(year, ruta=node.path, **del_anio)


# (`publicado`, `fuente` and `nota` beside `componentes` are the total's: PoblacionTotal)
_DEL_TOTAL = (
    (
        frozenset(c.nombre for c in d.POBLACION.campos)
        | {"desglose", "programada", "corte_potencial", "corte_objetivo", "definicion", "apoyos"}
        | {"tipo", "vertiente"}
    )
    - FREE_KEYS
    - {"publicado", "componentes"}
)


def _sin_total(node: Node) -> None:
    """A year with `componentes` has no figures of its own: the total is computed from them.
    A `potencial` written beside them would be left unused (it was reported as «clave
    desconocida», which a reader takes for a typo)."""
    for key in node.data:
        if str(key) in _DEL_TOTAL:
            node.mark_known(str(key))
            node.out.error(
                node.path + (str(key),),
                f"un año con componentes no admite «{key}» a su lado: el total se calcula de "
                "los componentes; pase la cifra al componente que corresponde o quítela",
                at_key=True,
            )


def _poblacion(node: Node, year: int, componente: str | None) -> Poblacion:
    row = Poblacion(
        anio=year,
        componente=componente,
        ruta=node.path,
        definicion=_definicion(node),
        corte_mes=_mes_de_corte(node),
        **d.leer(node, d.POBLACION, corte=_corte, inferido=_INFERIDO_POBLACION),
    )
    _cifras(node, "desglose", 2)  # importar poblaciones: the row's raw breakdown, as read
    _cifras(node, "programada", 0)  # importar poblaciones (2018+): the year's programmed PO
    if node.has("corte_potencial"):  # importar poblaciones: the PP's cut-off (PO/PP says it)
        row.corte_potencial = _corte(node, "corte_potencial")
        row.corte_potencial_mes = _mes_de_corte(node, "corte_potencial")
    if node.has("corte_objetivo"):  # importar poblaciones 2018–2020: the PO's own cut-off
        row.corte_objetivo = _corte(node, "corte_objetivo")
        row.corte_objetivo_mes = _mes_de_corte(node, "corte_objetivo")
    node.mark_known("apoyos", "tipo", "vertiente")
    node.finish()
    return row


POBLACIONES = ("potencial", "objetivo", "atendida")


def _definicion(node: Node) -> dict[str, str]:
    """`definicion`: a text (the PO's, as `importar` writes it for a source that defines only
    the PO) or {potencial, objetivo, atendida: text} (the 2017 layout)."""
    node.mark_known("definicion")
    raw = node.data.get("definicion")
    path = node.path + ("definicion",)
    if raw is None:
        return {}
    if isinstance(raw, str):
        return {"objetivo": raw} if raw.strip() else {}
    if not isinstance(raw, dict):
        node.out.error(
            path, f"se esperaba un texto o {{objetivo: texto, …}}, se encontró {describe(raw)}"
        )
        return {}
    out = {}
    for k, v in raw.items():
        if k not in POBLACIONES:
            node.out.error(path + (k,), f"se esperaba {' | '.join(POBLACIONES)}, se encontró «{k}»")
        elif not isinstance(v, str):
            node.out.error(path + (k,), f"se esperaba un texto, se encontró {describe(v)}")
        elif v.strip():
            out[k] = v
    return out


def _corte(node: Node, key: str = "corte") -> int | None:
    """`corte: 2016` or `corte: {mes: 12, anio: 2016}` (importar poblaciones): the year."""
    if not isinstance(node.data.get(key), dict):
        return node.year(key)
    sub = node.mapping(key)
    year = sub.year("anio")
    mes = sub.integer("mes")
    if mes is not None and not 1 <= mes <= 12:
        sub.out.error(sub.path + ("mes",), f"se esperaba un mes (1 a 12), se encontró {mes}")
    sub.finish()
    return year


def _mes_de_corte(node: Node, key: str = "corte") -> int | None:
    """The month of `corte: {mes, anio}` (`_corte` reports a wrong one), else None."""
    corte = node.data.get(key)
    mes = corte.get("mes") if isinstance(corte, dict) else None
    return mes if mes.__class__ is int and 1 <= mes <= 12 else None


def _cifras(node: Node, key: str, depth: int) -> None:
    """An optional number, or mapping of mappings of numbers (`desglose.objetivo.hombres`)."""
    if depth == 0:
        node.number(key, nonnegative=True)
        return
    sub = node.mapping(key) if node.has(key) else None
    if sub is None:
        node.mark_known(key)
        return
    for k in list(sub.data):
        if depth > 1 and isinstance(sub.data[k], dict):
            _cifras(sub, str(k), depth - 1)
        else:
            sub.number(k, nonnegative=True)
    sub.finish()


def _presupuesto(node: Node, year: int) -> Presupuesto:
    row = Presupuesto(
        anio=year,
        ruta=node.path,
        **d.leer(node, d.PRESUPUESTO, inferido=_INFERIDO_PRESUPUESTO),
    )
    node.finish()
    return row


def _linea_base(node: Node | None) -> LineaBase | None:
    if node is None:
        return None
    lb = LineaBase(**d.leer(node, d.LINEA_BASE))
    node.finish()
    return lb


def _mir(root: Node) -> list[Indicador]:
    rows, seen = [], {}
    for i, node in root.mappings("mir"):
        ind_id = node.text("id", required=True)
        if ind_id is not None:
            if ind_id in seen:
                node.out.error(
                    node.path + ("id",), f'id repetido "{ind_id}" (ya usado en mir[{seen[ind_id]}])'
                )
            seen.setdefault(ind_id, i)
        campos = d.leer(
            node,
            d.INDICADOR,
            id=lambda _, ind_id=ind_id: ind_id or "",  # read above, for the repeated-id check
            linea_base=lambda n: _linea_base(n.mapping("linea_base")),
            inferido=_INFERIDO_INDICADOR,
        )
        ind = Indicador(ruta=node.path, **campos)
        umbrales = node.mapping("umbrales")
        if umbrales is not None:
            ind.umbrales = {k: umbrales.number(k) for k in ("verde", "amarillo", "rojo")}
            umbrales.finish()
        for year, m in node.year_mappings("metas"):
            ind.metas[year] = MetaAnual(anio=year, ruta=m.path, **d.leer(m, d.META_ANUAL))
            semaforo = m.mapping("semaforo")  # SHCP UMBRAL_VERDE/AMARILLO/ROJO of that year
            if semaforo is not None:
                ind.metas[year].semaforo = {
                    k: semaforo.number(k) for k in ("verde", "amarillo", "rojo")
                }
                semaforo.finish()
            m.mark_known("id_shcp")  # SHCP's ID_INDICADOR of that cycle (importar avance)
            m.finish()
        # importar avance keeps an SHCP category it cannot map as <campo>_shcp
        node.mark_known("fuente", "tipo_shcp", "dimension_shcp")
        node.finish()
        rows.append(ind)
    return rows


def _dependencia(root: Node, stem: str | None, archivo: str) -> Dependencia:
    siglas = root.text("siglas")
    clave = root.text("clave") if root.has("clave") else siglas
    if clave is None:
        root.out.error(("siglas",), "campo obligatorio ausente")
    elif stem is not None and clave != stem:
        key = "clave" if root.has("clave") else "siglas"
        root.out.error((key,), f'"{clave}" no coincide con el nombre del archivo "{stem}"')
    dep = Dependencia(
        clave=clave or "",
        siglas=siglas or clave or "",
        ramo=d.leer_campo(root, d.DEPENDENCIA.campo("ramo")) or 0,
        nombre=root.text("nombre", required=True) or "",
        archivo=archivo,
        programa_derivado=root.text("programa_derivado"),
        fuente=root.text("fuente"),
    )
    root.text("unidad_responsable")  # (a text, as in a programa: checked, not kept)
    for year, node in root.year_mappings("monitoreo"):
        row = MonitoreoDependencia(year, ruta=node.path, **d.leer(node, d.MONITOREO_DEPENDENCIA))
        if row.lugar is not None and row.de is not None and row.lugar > row.de:
            node.out.error(
                node.path + ("lugar",),
                f"el lugar {row.lugar} no cabe entre {row.de} dependencias valoradas "
                f"(de: {row.de})",
            )
        dep.monitoreo.append(row)
        node.finish()
    for year, node in root.year_mappings("presupuesto"):
        dep.presupuesto.append(_presupuesto(node, year))
    for year, node in root.year_mappings("cumplimiento"):
        dep.publicados[f"cumplimiento.{year}"] = node.publicado("publicado", _CUMPLIMIENTO.nombres)
        if doc := node.text("fuente"):  # (`verificar` names the document of its figures)
            dep.fuentes_publicados[f"cumplimiento.{year}"] = doc
        node.finish()
    dep.resumen = _resumen(root, derivado=False)
    for year, value, path in root.by_year("programas_sociales"):
        claves = _programas_sociales(root, value, path)
        if claves is not None:
            dep.programas_sociales[year] = claves
    return dep


_CUMPLIMIENTO = d.DEPENDENCIA.campo("cumplimiento").seccion.campo("publicado")


def _programas_sociales(root: Node, value, path: tuple) -> list[str] | None:
    """A year's program claves: the universe N of the Diagnóstico's «n de N» counts, so a clave
    listed twice would count twice (and be averaged once by `monitoreo`)."""
    if not isinstance(value, list):
        root.out.error(path, f"se esperaba una lista de claves, se encontró {describe(value)}")
        return None
    vistas: dict[str, int] = {}
    for i, clave in enumerate(value):
        if not isinstance(clave, str):
            root.out.error(
                path + (i,),
                f"se esperaba una clave de programa (texto), se encontró {describe(clave)}",
            )
        elif clave in vistas:
            primera = format_keypath(path + (vistas[clave],))
            root.out.error(path + (i,), f'clave repetida "{clave}" (ya en {primera})')
        else:
            vistas[clave] = i
    return list(value) if len(vistas) == len(value) else None


# v1.2 (audit): where a recorded input comes from. `inferido`: not printed, deduced from other
# printed figures (often the very figure it is then checked against).
ORIGENES = ("inferido", "enunciado")


def _inferidos(campo: d.Campo, que: str = "un campo"):
    """The reader of an `inferido` naming fields of its section (`[objetivo]`, `[sentido]`:
    `campo.nombres`): another name is an error, never a mark dropped in silence (a typo would
    leave the figure «confirmed»)."""

    def leer(node: Node) -> list[str]:
        out = _textos(node, "inferido")
        for nombre in out:
            if nombre not in campo.nombres:
                node.out.error(node.path + ("inferido",), _no_inferible(nombre, campo, que))
        return [n for n in out if n in campo.nombres]

    return leer


def _no_inferible(nombre: str, campo: d.Campo, que: str) -> str:
    """Which names were meant: all of them when they are few (the figures of a population),
    else the nearest (an indicator names any of its ~20 fields)."""
    texto = f"«{nombre}» no es {que} de esta sección"
    if len(campo.nombres) <= _POCOS:
        return f"{texto}; se esperaba {' | '.join(campo.nombres)}"
    parecida = mas_parecida(nombre, campo.nombres)
    if parecida is not None:
        return f"{texto}; ¿quiso decir «{parecida}»?"
    return f"{texto}: se esperaba el nombre de uno de sus campos"


_POCOS = 5
_INFERIDO_POBLACION = _inferidos(d.POBLACION.campo("inferido"), "una cifra")
_INFERIDO_PRESUPUESTO = _inferidos(d.PRESUPUESTO.campo("inferido"), "una cifra")
_INFERIDO_INDICADOR = _inferidos(d.INDICADOR.campo("inferido"))
_INFERIDO_DERIVADO = _inferidos(d.INDICADOR_DERIVADO.campo("inferido"))
_INFERIDO_OBJETIVO = _inferidos(d.OBJETIVO.campo("inferido"))


def _textos(node: Node, key: str, *, categorias: bool = False) -> list[str]:
    """A list of texts (`inferido: [enfoque, calidad]`); a single text is a one-item list.
    Each text is read as `Node.text` reads one (an integer as its text, as in the JSON schema):
    a boolean (`[yes]`), a blank, a decimal or a date is an error naming its item, not an id
    «True» or «» kept in silence. `categorias`: an enunciado's `valor`, written as the
    Diagnóstico's attributes are, where true/false is a category too (compared as its text)."""
    node.mark_known(key)
    value = node.data.get(key)
    if isinstance(value, dict) and not categorias:
        node.out.error(
            node.path + (key,), f"se esperaba una lista de textos, se encontró {describe(value)}"
        )
        return []
    if isinstance(value, list):
        items = Node(dict(enumerate(value)), node.path + (key,), node.out)
        claves = list(range(len(value)))
    else:
        items, claves = Node({key: value}, node.path, node.out), [key] * (value is not None)
    que = "un texto o true/false" if categorias else "un texto"
    out = []
    for k in claves:
        v = items.data[k]
        if categorias and isinstance(v, bool):
            out.append(str(v))
        elif v is None:  # (`text` takes an empty value for an absent optional one)
            node.out.error(items.path + (k,), f"se esperaba {que}, se encontró un valor vacío")
        elif (texto := items.text(k)) is not None:
            out.append(texto)
    return out


def _valor_conocido(node: Node, e: Enunciado) -> None:
    """An enunciado that counts a Diagnóstico attribute over the programs names one of its
    categories: a misspelt one would count no program, and the statement would just «differ»."""
    dominio = vocab.ATRIBUTOS_DIAGNOSTICO.get(e.atributo or "")
    if dominio is None or e.universo != "programas":
        return
    lista = isinstance(node.data.get("valor"), list)
    for j, v in enumerate(e.valor):
        if dominio.match(v) is None:
            node.out.error(
                node.path + (("valor", j) if lista else ("valor",)),
                f"valor desconocido {describe(v)} para {dominio.name}; "
                f"se esperaba {dominio.describe()}",
            )


def _universo(node: Node, derivado: bool) -> str:
    """What the statement counts. A misspelt universo, or objetivos/indicadores where there are
    none (a dependencia has programs only), was counted over the programs without a word."""
    universo = node.enum("universo", vocab.UNIVERSO)
    if universo is None:
        return "programas"
    if universo != "programas" and not derivado:
        node.out.error(
            node.path + ("universo",),
            f"universo «{universo}» solo cabe en un programa derivado (tiene objetivos e "
            "indicadores); una dependencia cuenta programas",
        )
        return "programas"
    return universo


def _conteo_en_rango(node: Node, e: Enunciado) -> None:
    """`n` of `total`: counts, so 0 or more, and n no more than its total."""
    for key in ("n", "total"):
        value = getattr(e, key)
        if value is not None and value < 0:
            node.out.error(node.path + (key,), f"un conteo no puede ser negativo: {value}")
    if e.n is not None and e.total is not None and 0 <= e.total < e.n:
        node.out.error(node.path + ("n",), f"n ({e.n}) no puede ser mayor que total ({e.total})")


def _publicado_texto(node: Node) -> str | None:
    """An enunciado's `publicado`: the statement's figure as printed, a quoted text."""
    value = node.data.get("publicado")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        node.mark_known("publicado")
        node.out.error(node.path + ("publicado",), publicado_sin_comillas(value))
        return None
    texto = node.text("publicado", required=True)
    if texto is not None and digitos_no_ascii(texto):
        node.out.error(node.path + ("publicado",), no_ascii(texto))
        return None
    return texto


def _resumen(root: Node, *, derivado: bool) -> dict[int, list[Enunciado]]:
    out: dict[int, list[Enunciado]] = {}
    leidos: list[tuple[Enunciado, Node]] = []
    for year, value, path in root.by_year("resumen"):
        if not isinstance(value, list):
            root.out.error(path, f"se esperaba una lista, se encontró {describe(value)}")
            continue
        items = []
        for i, raw in enumerate(value):
            if not isinstance(raw, dict):
                root.out.error(path + (i,), f"se esperaba un mapeo, se encontró {describe(raw)}")
                continue
            node = Node(raw, path + (i,), root.out)
            e = Enunciado(
                id=node.text("id", required=True) or f"{year}-{i}",
                publicado=_publicado_texto(node) or "",
                universo=_universo(node, derivado),
                atributo=node.text("atributo"),
                valor=_textos(node, "valor", categorias=True),
                n=node.integer("n"),
                total=node.integer("total"),
                fuente=node.text("fuente"),
                texto=node.text("texto"),
                ruta=node.path,
                corte=node.year("corte"),
                origen=node.text("origen"),
                contradice=node.text("contradice"),
                resto_de=_textos(node, "resto_de"),
                todos=bool(node.boolean("todos")),
            )
            if e.origen is not None and e.origen not in ORIGENES:
                root.out.error(
                    node.path + ("origen",),
                    f'origen desconocido "{e.origen}"; se esperaba {" | ".join(ORIGENES)}',
                )
            _valor_conocido(node, e)
            _conteo_en_rango(node, e)
            if e.atributo is not None and not e.valor and "valor" not in _con_error(node):
                # (counted against no category, it would count no program: «0» and «difiere»)
                root.out.error(
                    node.path,
                    "un enunciado con `atributo` necesita `valor`: la categoría (o lista de "
                    "categorías) que cuenta",
                )
            if e.atributo is None and e.n is None and not e.todos and not e.resto_de:
                root.out.error(
                    node.path,
                    "un enunciado necesita `atributo` y `valor`, `n` y `total`, `todos: true` "
                    "o `resto_de`",
                )
            node.finish()
            items.append(e)
            leidos.append((e, node))
        out[year] = items
    _referencias(leidos)
    return out


def _con_error(node: Node) -> set:
    """The keys of `node` that already carry an error (not to report them twice)."""
    largo = len(node.path)
    return {
        path[largo]
        for path, _, severidad, _ in node.out.items
        if severidad == "error" and len(path) > largo and path[:largo] == node.path
    }


_ID = re.compile(r"[\w.-]+")  # an id: one word; a `contradice` with spaces describes a place


def _referencias(leidos: list[tuple[Enunciado, Node]]) -> None:
    """Enunciado ids are unique in the file (across its years: `contradice` and `resto_de`
    name them without a year), and what `contradice` and `resto_de` name exists."""
    vistos: dict[str, Node] = {}
    for e, node in leidos:
        if "id" not in node.data or node.data.get("id") is None:
            continue  # (reported: campo obligatorio ausente)
        if e.id in vistos:
            node.out.error(
                node.path + ("id",),
                f'id repetido "{e.id}" (ya usado en {format_keypath(vistos[e.id].path)})',
            )
        vistos.setdefault(e.id, node)
    for e, node in leidos:
        if e.contradice is not None and _ID.fullmatch(e.contradice):
            problema = _referencia(e, e.contradice, vistos)
            if problema:
                if e.contradice != e.id:
                    problema += "; si describe otro lugar del documento, escríbalo como frase"
                node.out.error(node.path + ("contradice",), problema)
        lista = isinstance(node.data.get("resto_de"), list)
        for j, ident in enumerate(e.resto_de):
            problema = _referencia(e, ident, vistos)
            if problema:
                node.out.error(node.path + (("resto_de", j) if lista else ("resto_de",)), problema)


def _referencia(e: Enunciado, ident: str, vistos: dict[str, Node]) -> str | None:
    if ident == e.id:
        return f'"{ident}" es el id de este mismo enunciado'
    if ident not in vistos:
        return f'no hay un enunciado con id "{ident}" en el resumen de este archivo'
    return None


def _derivado(root: Node, stem: str | None, archivo: str) -> ProgramaDerivado:
    clave = _clave(root, stem)
    prog = ProgramaDerivado(
        clave=clave or "",
        nombre=root.text("nombre", required=True) or "",
        archivo=archivo,
        dependencia=root.text("dependencia"),
        ramo=d.leer_campo(root, d.DERIVADO.campo("ramo")),
        fuente=root.text("fuente"),
    )
    periodo = root.mapping("periodo")
    if periodo is not None:
        prog.inicio, prog.fin = periodo.year("inicio"), periodo.year("fin")
        _periodo(periodo, prog.inicio, prog.fin)
        periodo.finish()
    seen: dict[str, tuple] = {}
    objetivos: dict[str, tuple] = {}
    for _, onode in root.mappings("objetivos"):
        obj = Objetivo(
            id=onode.text("id", required=True) or "",
            texto=onode.text("texto", required=True) or "",
            enfoque=onode.enum("enfoque", vocab.ENFOQUE),
            vinculado_programas=onode.boolean("vinculado_programas"),
            inferido=_INFERIDO_OBJETIVO(onode),
            fuente=onode.text("fuente"),
        )
        if obj.id in objetivos:  # two objectives would be counted as one in the tables by objetivo
            onode.out.error(
                onode.path + ("id",),
                f'id repetido "{obj.id}" (ya usado en {format_keypath(objetivos[obj.id])})',
            )
        elif obj.id:
            objetivos[obj.id] = onode.path
        for _, inode in onode.mappings("indicadores"):
            ind = _indicador_derivado(inode)
            if ind.id in seen:
                inode.out.error(inode.path + ("id",), f'id repetido "{ind.id}"')
            seen.setdefault(ind.id, inode.path)
            obj.indicadores.append(ind)
        onode.finish()
        prog.objetivos.append(obj)
    prog.resumen = _resumen(root, derivado=True)
    prog.corte_publicado = root.year("corte_publicado")
    tabla = root.mapping("tabla_enfoque_avance_publicada")
    if tabla is not None:  # every cell is a published figure: a mapping of texts per row
        for fila in tabla.data:
            celdas = tabla.publicado(fila)
            if celdas or isinstance(tabla.data[fila], dict):
                prog.tabla_publicada[str(fila)] = celdas
    return prog


def _indicador_derivado(node: Node) -> IndicadorDerivado:
    ind = IndicadorDerivado(
        ruta=node.path,
        **d.leer(
            node,
            d.INDICADOR_DERIVADO,
            linea_base=lambda n: _linea_base(n.mapping("linea_base")),
            inferido=_INFERIDO_DERIVADO,
        ),
    )
    criterios = node.mapping("criterios_calidad")
    if criterios is not None:
        for key in (c.nombre for c in d.CRITERIOS.campos):
            mark = criterios.boolean(key)
            if mark is not None:
                ind.criterios_calidad[key] = mark
        criterios.finish()
    for field_name in ("metas", "valores"):
        target = getattr(ind, field_name)
        for year, value, path in node.by_year(field_name):
            target[year] = to_number(value, path, node.out)
    for key, vocab_ in (
        ("avance_sexenal", vocab.AVANCE_SEXENAL),
        ("meta_intermedia", vocab.META_INTERMEDIA),
    ):
        if key in ind.publicado:
            canon = vocab_.match(ind.publicado[key])
            if canon is None:
                node.out.error(
                    node.path + ("publicado", key),
                    f'categoría desconocida "{ind.publicado[key]}"; se esperaba '
                    f"{vocab_.describe()}",
                )
            else:
                ind.publicado[key] = canon
    node.finish()
    return ind
