"""Turn a parsed spec document into typed records, collecting every problem on the way."""

from __future__ import annotations

import re

from issste_mon import vocab
from issste_mon.model import (
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
    Presupuesto,
    Programa,
    ProgramaDerivado,
)
from issste_mon.reader import Collector, Node, describe, to_number

CLAVE_PP = re.compile(r"^[A-Z][0-9]{3}$")
KINDS = {"programa": "programa", "programa presupuestario": "programa"}
KINDS |= {"dependencia": "dependencia", "programa derivado": "programa_derivado"}


def build(data: object, stem: str | None, out: Collector, archivo: str):
    """Records for one document, or None when the document is not a mapping."""
    if not isinstance(data, dict):
        kind = "vacío" if data is None else describe(data)
        out.error((), f"el documento debe ser un mapeo de claves (se encontró {kind})")
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
    ramo = root.integer("ramo", required=True)
    nombre = root.text("nombre", required=True)
    prog = Programa(
        clave=clave or "",
        ramo=ramo or 0,
        nombre=nombre or "",
        archivo=archivo,
        dependencia=root.text("dependencia"),
        unidad_responsable=root.text("unidad_responsable"),
        inicio=root.integer("inicio"),
        fin=root.integer("fin"),
    )
    for year, node in root.year_mappings("poblaciones"):
        prog.poblaciones.extend(_poblaciones(node, year))
    for year, node in root.year_mappings("presupuesto"):
        prog.presupuesto.append(_presupuesto(node, year))
    prog.mir = _mir(root)
    for year, node in root.year_mappings("monitoreo"):
        prog.monitoreo.append(
            Monitoreo(year, node.number("valoracion"), node.publicado(), node.path)
        )
        node.finish()
    for year, node in root.year_mappings("ised"):
        prog.ised.append(_ised(node, year))
    for year, node in root.year_mappings("diagnostico"):
        node.mark_known(*node.data)
        prog.diagnostico[year] = {
            str(k): str(v) for k, v in node.data.items() if isinstance(v, (str, int, bool))
        }
    return prog


def _ised(node: Node, year: int) -> Ised:
    valor = node.number("valor")
    if isinstance(valor, (int, float)) and not 0 <= valor <= 1:
        node.out.error(node.path + ("valor",), f"el ISeD va de 0 a 1, se encontró {valor}")
    row = Ised(year, valor, node.publicado(), node.path)
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
    node.finish()
    return row


def _poblaciones(node: Node, year: int) -> list[Poblacion]:
    componentes = node.mappings("componentes")
    if node.has("componentes"):
        rows = [_poblacion(c, year, c.text("nombre", required=True)) for _, c in componentes]
        node.finish()
        return rows
    return [_poblacion(node, year, None)]


def _poblacion(node: Node, year: int, componente: str | None) -> Poblacion:
    row = Poblacion(
        anio=year,
        unidad_medida=node.text("unidad_medida", required=True) or "",
        componente=componente,
        potencial=node.number("potencial", nonnegative=True),
        objetivo=node.number("objetivo", nonnegative=True),
        atendida=node.number("atendida", nonnegative=True),
        hombres=node.number("hombres", nonnegative=True),
        mujeres=node.number("mujeres", nonnegative=True),
        corte=_corte(node),
        fuente=node.text("fuente"),
        publicado=node.publicado(),
        ruta=node.path,
    )
    _cifras(node, "desglose", 2)  # importar poblaciones: the row's raw breakdown, as read
    _cifras(node, "programada", 0)  # importar poblaciones (2018+): the year's programmed PO
    _corte(node, "corte_potencial")  # importar poblaciones: the PP's cut-off
    node.mark_known("apoyos", "tipo", "definicion", "vertiente")
    node.finish()
    return row


def _corte(node: Node, key: str = "corte") -> int | None:
    """`corte: 2016` or `corte: {mes: 12, anio: 2016}` (importar poblaciones): the year."""
    if not isinstance(node.data.get(key), dict):
        return _anio(node, key)
    sub = node.mapping(key)
    year = _anio(sub, "anio")
    mes = sub.integer("mes")
    if mes is not None and not 1 <= mes <= 12:
        sub.out.error(sub.path + ("mes",), f"se esperaba un mes (1 a 12), se encontró {mes}")
    sub.finish()
    return year


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


def _anio(node: Node, key: str) -> int | None:
    year = node.integer(key)
    if year is not None and not 1900 <= year <= 2200:
        node.out.error(node.path + (key,), f"se esperaba un año (p. ej. 2017), se encontró {year}")
        return None
    return year


def _presupuesto(node: Node, year: int) -> Presupuesto:
    row = Presupuesto(
        anio=year,
        ejercido=node.number("ejercido", nonnegative=True),
        ramo=node.number("ramo", nonnegative=True),
        asignado=node.number("asignado", nonnegative=True),
        publicado=node.publicado(),
        ruta=node.path,
    )
    node.mark_known("precios", "fuente", "aprobado", "modificado")
    node.finish()
    return row


def _linea_base(node: Node | None) -> LineaBase | None:
    if node is None:
        return None
    lb = LineaBase(node.integer("anio"), node.number("valor"))
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
        ind = Indicador(
            id=ind_id or "",
            nivel=node.enum("nivel", vocab.NIVEL, required=True) or "",
            nombre=node.text("nombre", required=True) or "",
            sentido=node.enum("sentido", vocab.SENTIDO, required=True) or "",
            metodo_calculo=node.text("metodo_calculo"),
            unidad_medida=node.text("unidad_medida"),
            tipo=node.enum("tipo", vocab.TIPO_MIR),
            dimension=node.enum("dimension", vocab.DIMENSION),
            frecuencia=node.text("frecuencia"),
            linea_base=_linea_base(node.mapping("linea_base")),
            sectorial=bool(node.boolean("sectorial")),
            tipo_relativo=node.text("tipo_relativo"),
            definicion=node.text("definicion"),
            medios_verificacion=node.text("medios_verificacion"),
            id_shcp=node.text("id_shcp"),
            ruta=node.path,
        )
        umbrales = node.mapping("umbrales")
        if umbrales is not None:
            ind.umbrales = {k: umbrales.number(k) for k in ("verde", "amarillo", "rojo")}
            umbrales.finish()
        for year, m in node.year_mappings("metas"):
            ind.metas[year] = MetaAnual(
                anio=year,
                meta=m.number("meta"),
                valor=m.number("valor"),
                meta_modificada=m.number("meta_modificada"),
                numerador=m.number("numerador"),
                denominador=m.number("denominador"),
                justificacion=m.text("justificacion"),
                publicado=m.publicado(),
                ruta=m.path,
            )
            m.mark_known("id_shcp")  # SHCP's ID_INDICADOR of that cycle (importar avance)
            semaforo = m.mapping("semaforo")  # SHCP's UMBRAL_VERDE/AMARILLO/ROJO of that year
            if semaforo is not None:
                for k in ("verde", "amarillo", "rojo"):
                    semaforo.number(k)
                semaforo.finish()
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
        ramo=root.integer("ramo", required=True) or 0,
        nombre=root.text("nombre", required=True) or "",
        archivo=archivo,
    )
    root.mark_known("unidad_responsable", "fuente")
    for year, node in root.year_mappings("monitoreo"):
        dep.monitoreo.append(
            MonitoreoDependencia(
                anio=year,
                inmonitoreo=node.number("inmonitoreo"),
                subindice_dependencia=node.number("subindice_dependencia"),
                lugar=node.integer("lugar"),
                de=node.integer("de"),
                publicado=node.publicado(),
                ruta=node.path,
            )
        )
        node.mark_known("fuente")
        node.finish()
    for year, node in root.year_mappings("presupuesto"):
        dep.presupuesto.append(_presupuesto(node, year))
    for year, node in root.year_mappings("cumplimiento"):
        dep.publicados[f"cumplimiento.{year}"] = node.publicado()
        node.mark_known("fuente")
        node.finish()
    dep.resumen = _resumen(root)
    for year, value, path in root.by_year("programas_sociales"):
        if isinstance(value, list) and all(isinstance(c, str) for c in value):
            dep.programas_sociales[year] = list(value)
        else:
            root.out.error(path, f"se esperaba una lista de claves, se encontró {describe(value)}")
    return dep


def _resumen(root: Node) -> dict[int, list[Enunciado]]:
    out: dict[int, list[Enunciado]] = {}
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
            valor = raw.get("valor")
            node.mark_known("valor")
            e = Enunciado(
                id=node.text("id", required=True) or f"{year}-{i}",
                publicado=node.text("publicado", required=True) or "",
                universo=node.text("universo") or "programas",
                atributo=node.text("atributo"),
                valor=[str(v) for v in valor]
                if isinstance(valor, list)
                else ([str(valor)] if valor is not None else []),
                n=node.integer("n"),
                total=node.integer("total"),
                fuente=node.text("fuente"),
                texto=node.text("texto"),
                ruta=node.path,
            )
            if e.atributo is None and e.n is None:
                root.out.error(
                    node.path, "un enunciado necesita `atributo` y `valor`, o `n` y `total`"
                )
            node.finish()
            items.append(e)
        out[year] = items
    return out


def _derivado(root: Node, stem: str | None, archivo: str) -> ProgramaDerivado:
    clave = _clave(root, stem)
    prog = ProgramaDerivado(
        clave=clave or "",
        nombre=root.text("nombre", required=True) or "",
        archivo=archivo,
        dependencia=root.text("dependencia"),
        ramo=root.integer("ramo"),
    )
    periodo = root.mapping("periodo")
    if periodo is not None:
        prog.inicio, prog.fin = periodo.integer("inicio"), periodo.integer("fin")
        periodo.finish()
    seen: dict[str, tuple] = {}
    for _, onode in root.mappings("objetivos"):
        obj = Objetivo(
            id=onode.text("id", required=True) or "",
            texto=onode.text("texto", required=True) or "",
            enfoque=onode.enum("enfoque", vocab.ENFOQUE),
            vinculado_programas=onode.boolean("vinculado_programas"),
        )
        for _, inode in onode.mappings("indicadores"):
            ind = _indicador_derivado(inode)
            if ind.id in seen:
                inode.out.error(inode.path + ("id",), f'id repetido "{ind.id}"')
            seen.setdefault(ind.id, inode.path)
            obj.indicadores.append(ind)
        onode.finish()
        prog.objetivos.append(obj)
    prog.resumen = _resumen(root)
    tabla = root.mapping("tabla_enfoque_avance_publicada")
    if tabla is not None:
        tabla.mark_known(*tabla.data)
        prog.tabla_publicada = {
            str(r): {str(c): str(v) for c, v in cols.items()}
            for r, cols in tabla.data.items()
            if isinstance(cols, dict)
        }
    return prog


def _indicador_derivado(node: Node) -> IndicadorDerivado:
    ind = IndicadorDerivado(
        id=node.text("id", required=True) or "",
        nombre=node.text("nombre", required=True) or "",
        sentido=node.enum("sentido", vocab.SENTIDO, required=True) or "",
        tipo=node.enum("tipo", vocab.TIPO_DERIVADO),
        enfoque=node.enum("enfoque", vocab.ENFOQUE),
        calidad=node.enum("calidad", vocab.CALIDAD),
        unidad_medida=node.text("unidad_medida"),
        linea_base=_linea_base(node.mapping("linea_base")),
        meta_sexenal=node.number("meta_sexenal"),
        publicado=node.publicado(),
        ruta=node.path,
    )
    criterios = node.mapping("criterios_calidad")
    if criterios is not None:
        for key in vocab.CRITERIOS_CALIDAD:
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
