"""A JSON Schema (draft 2020-12) of the spec format, generated from `carga/definiciones.py`.

Editors that speak the YAML language server (VS Code's YAML extension, Neovim's yamlls) use it
to complete keys and enumerations and to flag wrong types as the spec is typed:

    # yaml-language-server: $schema=https://…/spec.schema.json   (or a local path)

The schema checks kinds (text, number or ND/NA, integer, year, true/false) and vocabularies
(nivel, sentido, …: the canonical values to complete, any spelling `validar` accepts to
validate). It allows keys it does not name (`additionalProperties`): the format grows (v1.2
ficha blocks, audit fields) and `validar --estricto` is the one that reports unknown keys. The
cross-field rules (a clave equal to the file name, repeated ids) are `validar`'s alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from issste_mon import vocab
from issste_mon.carga import definiciones as d
from issste_mon.carga.campos import FREE_KEYS
from issste_mon.modelo import ANIO_MAX, ANIO_MIN
from issste_mon.vocab import Vocab

_ND_NA = r"^\s*[Nn][DdAa]\s*$"
# The loader reads an integer as its text (`id: 12`), but not a decimal: `id: 1.10` would be
# «1.1», so it asks for quotes. (A schema cannot tell `1.0` from `1`: that one only `validar`.)
_TEXTO: dict = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "integer"}]}
_PUBLICADO: dict = {
    "type": "string",
    "description": 'La cifra entre comillas, tal como se imprimió ("94.90 %").',
}
_ANIOS = {"pattern": r"^(19[0-9]{2}|2[01][0-9]{2}|2200)$"}  # year keys, as an editor sees them
_VARIANTES = {"a": "aáàä", "e": "eéèë", "i": "iíìï", "o": "oóòö", "u": "uúùü", "n": "nñ"}


def _sin_acentos(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c))


def _patron(valor: str) -> str:
    """A regular expression for every spelling `Vocab.match` accepts of `valor`: any case,
    with or without accents, words joined by spaces, «_» or «-»."""
    partes = []
    for palabra in _sin_acentos(valor).replace("_", " ").replace("-", " ").split():
        letras = []
        for ch in palabra.lower():
            if ch.isalpha():
                variantes = _VARIANTES.get(ch, ch)
                letras.append("[" + variantes + variantes.upper() + "]")
            else:
                letras.append("\\" + ch if not ch.isalnum() else ch)
        partes.append("".join(letras))
    return r"^\s*" + r"[\s_-]+".join(partes) + r"\s*$"


def _enum(v: Vocab) -> dict:
    """Complete with the canonical values; accept every spelling `validar` accepts."""
    patron = "|".join(f"(?:{_patron(g)})" for g in v.grafias())
    return {
        "anyOf": [{"enum": list(v.canonical)}, {"type": "string", "pattern": patron}],
        "description": f"{v.name}: {v.describe()} (sin importar mayúsculas ni acentos)",
    }


def _campo(c: d.Campo) -> dict[str, Any]:
    if c.tipo == d.TEXTO:
        out = dict(_TEXTO)
        if c.patron:
            out = {"type": "string", "pattern": c.patron}
    elif c.tipo == d.NUMERO:
        numero: dict[str, Any] = {"type": "number"}
        if c.no_negativo:
            numero["minimum"] = 0
        if c.minimo is not None:
            numero["minimum"] = c.minimo
        if c.maximo is not None:
            numero["maximum"] = c.maximo
        out = {"anyOf": [numero, {"type": "string", "pattern": _ND_NA}]}
    elif c.tipo == d.ENTERO:
        out = {"type": "integer"}
        if c.minimo is not None:
            out["minimum"] = c.minimo
        if c.maximo is not None:
            out["maximum"] = c.maximo
    elif c.tipo == d.ANIO:
        out = {"type": "integer", "minimum": ANIO_MIN, "maximum": ANIO_MAX}
    elif c.tipo == d.CORTE:
        anio = {"type": "integer", "minimum": ANIO_MIN, "maximum": ANIO_MAX}
        mes = {"type": "integer", "minimum": 1, "maximum": 12}
        out = {
            "anyOf": [
                anio,
                # (`importar poblaciones` writes the month alone when its file gives no year:
                # the loader keeps it, the source names it; empty values are absent ones)
                {"type": "object", "properties": {"anio": _nulo(anio), "mes": _nulo(mes)}},
            ]
        }
    elif c.tipo == d.BOOLEANO:
        out = {"type": "boolean"}
    elif c.tipo == d.ENUM:
        out = _enum(c.vocab)
    elif c.tipo == d.PUBLICADO:
        # figures as printed, quoted: unquoted, YAML would read 94.90 as 94.9 (validar refuses it)
        out = {"type": "object", "additionalProperties": _PUBLICADO}
        if c.nombres:  # the figures `verificar` checks there, for the editor to complete
            out["properties"] = dict.fromkeys(c.nombres, _PUBLICADO)
        if c.seccion is not None:
            out["properties"] = {
                **out.get("properties", {}),
                # (each a figure as printed: never empty, as `Node.publicado` reads it)
                **{k.nombre: _campo(replace(k, obligatorio=True)) for k in c.seccion.campos},
            }
    elif c.tipo == d.MAPEO:
        out = _seccion(c.seccion)
    elif c.tipo == d.LISTA:
        out = {"type": "array", "items": _cada(c)}
    elif c.tipo == d.POR_ANIO:
        out = {"type": "object", "propertyNames": _ANIOS, "additionalProperties": _cada(c)}
    elif c.tipo == d.INFERIDO:  # a name, or a list of names, of the section's own fields
        nombre = {"enum": list(c.nombres)}
        out = {"anyOf": [nombre, {"type": "array", "items": nombre}]}
    elif c.tipo == d.POR_NOMBRE:
        out = {"type": "object", "additionalProperties": _seccion(c.seccion)}
    elif c.tipo == d.TEXTOS:  # (carga.esquema._textos)
        out = {"anyOf": [_TEXTO, {"type": "array", "items": _TEXTO}]}
    elif c.tipo == d.CIFRAS:  # (carga.esquema._cifras)
        cifra = _campo(replace(c, tipo=d.NUMERO, ayuda="", niveles=1))
        if c.niveles > 1:
            cifra = {"anyOf": [cifra, _campo(replace(c, ayuda="", niveles=c.niveles - 1))]}
        out = {"type": "object", "additionalProperties": cifra}
    elif c.tipo == d.TEXTO_O_NOMBRES:  # (carga.esquema._definicion: a text, never a number)
        texto = {"type": "string"}
        por_nombre = {
            "type": "object",
            "properties": dict.fromkeys(c.nombres, texto),
            "additionalProperties": False,
        }
        out = {"anyOf": [texto, por_nombre]}
    else:  # LIBRE
        out = {}
    if c.ayuda:
        out = {**out, "description": c.ayuda}
    return out if c.obligatorio else _nulo(out)


def _cada(c: d.Campo) -> dict[str, Any]:
    """What each item or year of a list or a by-year mapping is: a section's mapping, or a
    value of its own (a derived indicator's figure by year, a year's list of claves)."""
    return _campo(c.elemento) if c.elemento is not None else _seccion(c.seccion)


def _nulo(out: dict) -> dict:
    """`out` or null: an empty value is an absent one, as for `validar`."""
    if not out:
        return out
    if isinstance(out.get("type"), str):
        return {**out, "type": [out["type"], "null"]}
    if "anyOf" in out:
        return _con_nulo(out)
    return {"anyOf": [out, {"type": "null"}]}


def _con_nulo(schema: dict) -> dict:
    return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}


def _seccion(s: d.Seccion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {c.nombre: _campo(c) for c in s.campos},
        "additionalProperties": True,
    }
    if s.ayuda:
        out["description"] = s.ayuda
    requeridos = [c.nombre for c in s.campos if c.obligatorio]
    if requeridos:
        out["required"] = requeridos
    if s.variantes:
        [variante] = s.variantes
        clave = variante.campos[0].nombre
        return {
            "if": {"type": "object", "required": [clave]},
            "then": _seccion(variante),
            "else": out,
            "description": s.ayuda,
        }
    return out


def _grafias(clase: str) -> str:
    """Every spelling of the `tipo` values the loader reads as this kind of spec."""
    from issste_mon.carga.esquema import KINDS

    return "|".join(f"(?:{_patron(n)})" for n, k in KINDS.items() if k == clase)


def _tipo(clase: str) -> dict:
    # (a `pattern` alone passes any value that is not a text: `tipo: 7` was a dependencia)
    patron = {"type": "string", "pattern": _grafias(clase)}
    return {"properties": {"tipo": patron}, "required": ["tipo"]}


def _programa() -> dict[str, Any]:
    """A programa's section, with the blocks the loader reads with code of its own
    (`ficha/spec.py`) described as that code checks them."""
    out = _seccion(d.PROGRAMA)
    props = out["properties"]
    # A spec that is neither a dependencia nor a programa derivado lands here: its `tipo`, if
    # any, must name a programa, or the loader stops at «tipo de spec desconocido».
    props["tipo"] = _nulo(
        {
            "anyOf": [{"enum": ["programa"]}, {"type": "string", "pattern": _grafias("programa")}],
            "description": d.PROGRAMA.campo("tipo").ayuda,
        }
    )
    evaluaciones = d.PROGRAMA.campo("evaluaciones")
    props["evaluaciones"] = _campo(replace(evaluaciones, tipo=d.LISTA, seccion=d.EVALUACION))
    props["fmye"] = {**_fmye(), "description": d.PROGRAMA.campo("fmye").ayuda}
    # the Diagnóstico's attributes: the known ones in their categories, any other a category
    # (a text, or true/false); `inferido` a list of attribute names
    anio = props["diagnostico"]["additionalProperties"]
    anio["additionalProperties"] = {"type": ["string", "integer", "boolean", "null"]}
    anio["properties"].update({k: {} for k in sorted(FREE_KEYS - {"fuente"})})  # remarks
    anio["properties"]["inferido"] = _nulo(
        {
            "anyOf": [_TEXTO, {"type": "array", "items": _TEXTO}],
            "description": "Atributos deducidos.",
        }
    )
    # a procedencia says where the attribute was taken from: one of these, not empty
    procedencia = anio["properties"]["procedencia"]["additionalProperties"]
    procedencia["anyOf"] = [_presente(n) for n in ("enunciados", "fuente", "texto")]
    return out


def _presente(nombre: str) -> dict[str, Any]:
    """`nombre` is written, neither empty nor an empty list (what `validar` asks of one of the
    keys of a procedencia or an enunciado: `carga.esquema`)."""
    vacio = {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}
    return {"required": [nombre], "properties": {nombre: {"not": vacio}}}


def _fmye() -> dict[str, Any]:
    from issste_mon.ficha import spec as v12

    anio = d.Campo("", d.ANIO)
    seccion = d.Seccion(
        "fmye",
        "",
        (
            d.Campo("fuente", d.TEXTO),
            d.Campo("titulo", d.TEXTO),
            *(d.Campo(k, d.TEXTO) for k in v12.TEXTOS),
            replace(anio, nombre="anio"),
            replace(anio, nombre="ejercicio_actual"),
        ),
    )
    out = _seccion(seccion)
    props = out["properties"]
    for clave in ("fortalezas", "debilidades", "recomendaciones", "avances"):
        props[clave] = _puntos(v12.TIPOS.get(clave, ()))
    props["asm"] = _nulo(
        {
            "type": "object",
            "properties": {
                "anteriores": _puntos(avance=True),
                "comprometidos": _puntos(avance=True),
                "nota_comprometidos": _campo(d.Campo("nota_comprometidos", d.TEXTO)),
            },
        }
    )
    unidad, *otros = v12.CONTACTO
    contacto = d.Seccion(
        "contacto",
        "",
        (d.Campo(unidad, d.TEXTO, obligatorio=True), *(d.Campo(k, d.TEXTO) for k in otros)),
    )
    props["contactos"] = _campo(d.Campo("contactos", d.LISTA, seccion=contacto))
    return _nulo(out)


def _puntos(tipos: tuple[str, ...] = (), avance: bool = False) -> dict[str, Any]:
    """A list of the FMyE: each item a text or {texto, …}; with `tipos`, only {tipo, texto}."""
    campos = [d.Campo("texto", d.TEXTO, obligatorio=True)]
    if tipos:
        letras = "".join(t + t.lower() for t in tipos)
        campos.append(d.Campo("tipo", d.TEXTO, obligatorio=True, patron=rf"^\s*[{letras}]\s*$"))
    if avance:
        campos.append(d.Campo("avance", d.NUMERO, no_negativo=True, maximo=100))
    item = _seccion(d.Seccion("punto", "", tuple(campos)))
    if not tipos:
        item = {"anyOf": [{"type": "string", "pattern": r"\S"}, item]}
    return _nulo({"type": "array", "items": item})


def _resumen() -> dict[str, Any]:
    """`resumen` of a dependencia or a programa derivado: by year, a list of enunciados."""
    return _nulo(
        {
            "type": "object",
            "propertyNames": _ANIOS,
            "additionalProperties": {"type": "array", "items": _enunciado()},
            "description": "Enunciados de conteo publicados, por año.",
        }
    )


def _enunciado() -> dict[str, Any]:
    out = _seccion(d.ENUNCIADO)
    categoria = {"anyOf": [_TEXTO, {"type": "boolean"}]}  # as a Diagnóstico attribute is written
    valor = {"anyOf": [categoria, {"type": "array", "items": categoria}]}
    out["properties"]["valor"] = _nulo({**valor, "description": d.ENUNCIADO.campo("valor").ayuda})
    # what it counts: an attribute, a printed n, the whole universe or the rest of others
    todos = {"required": ["todos"], "properties": {"todos": {"const": True}}}
    out["anyOf"] = [_presente("atributo"), _presente("n"), todos, _presente("resto_de")]
    # counting a Diagnóstico attribute over the programs, `valor` names one of its categories
    # (`carga.esquema._valor_conocido`): a misspelt one would count no program
    programas = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": _patron("programas")}]}
    out["allOf"] = [
        {
            "if": {
                "required": ["atributo"],
                "properties": {"atributo": {"const": nombre}, "universo": programas},
            },
            "then": {
                "properties": {"valor": {"anyOf": [_enum(v), {"type": "array", "items": _enum(v)}]}}
            },
        }
        for nombre, v in vocab.ATRIBUTOS_DIAGNOSTICO.items()
    ]
    # an attribute is counted against a category: without one it would count no program
    con_atributo = {"required": ["atributo"], "properties": {"atributo": {"not": {"type": "null"}}}}
    out["allOf"].append({"if": con_atributo, "then": _presente("valor")})
    return out


def _con_resumen(s: d.Seccion) -> dict[str, Any]:
    out = _seccion(s)
    out["properties"]["resumen"] = _resumen()
    return out


def _dependencia() -> dict[str, Any]:
    out = _con_resumen(d.DEPENDENCIA)
    # the file is named by its `clave`, or by its `siglas` when it has none: one is required
    out["anyOf"] = [
        {"required": [k], "properties": {k: {"not": {"type": "null"}}}} for k in ("siglas", "clave")
    ]
    return out


def _derivado() -> dict[str, Any]:
    out = _con_resumen(d.DERIVADO)
    # each row of the published table: its cells as printed, quoted ("2, 13%")
    out["properties"]["tabla_enfoque_avance_publicada"] = _nulo(
        {
            "type": "object",
            # (a row written empty is an absent one, as for `validar`)
            "additionalProperties": _nulo({"type": "object", "additionalProperties": _PUBLICADO}),
            "description": "La tabla enfoque × avance tal como se publicó: filas de celdas.",
        }
    )
    return out


def esquema() -> dict[str, Any]:
    """The JSON Schema of a spec file (programa, dependencia or programa derivado)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Spec de issste-mon",
        "description": (
            "Un programa, una dependencia o un programa derivado (según `tipo`). Generado de "
            "las definiciones del cargador; admite claves que no nombra (el formato crece): "
            "`issste-mon validar --estricto` las informa."
        ),
        "$defs": {
            "programa": _programa(),
            "dependencia": _dependencia(),
            "programa_derivado": _derivado(),
        },
        "type": "object",
        "if": _tipo("dependencia"),
        "then": {"$ref": "#/$defs/dependencia"},
        "else": {
            "if": _tipo("programa_derivado"),
            "then": {"$ref": "#/$defs/programa_derivado"},
            "else": {"$ref": "#/$defs/programa"},
        },
    }


def texto() -> str:
    """The schema as `issste-mon esquema` prints it (and as shipped in data/)."""
    import json

    return json.dumps(esquema(), ensure_ascii=False, indent=2) + "\n"


def ruta_instalada():
    """The schema file shipped with the package (data/spec.schema.json)."""
    from importlib.resources import files

    return files("issste_mon") / "data" / "spec.schema.json"
