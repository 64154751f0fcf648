"""The schema of a command's *output* (not of the spec input: that is `carga/esquema.py`).

Generated from the `Columna` definitions of the `Tabla` a query returns — the same objects that
decide the CSV header, the JSON keys and the number formats, so the schema cannot drift from the
data. Format: a frictionless **Table Schema** (https://specs.frictionlessdata.io/table-schema/)
per table, and a **Data Package** descriptor bundling several. Why Table Schema and not JSON
Schema: the outputs are tables first (CSV/TSV, xlsx; JSON is the same rows as objects), and a
Table Schema says what a column is in every one of those formats — its type, that an empty CSV
cell is null (`missingValues`), which decimals a number carries — and it is what table tools
(frictionless, csvkit-style validators, Data Package readers in pandas/R) read. JSON Schema can
only describe the JSON rendering.

    issste-mon cobertura --esquema-salida          # the Table Schema of that output
    >>> from issste_mon.salida.esquema_salida import esquema_salida
    >>> esquema_salida(im.cobertura(specs))         # the same, as a dict
"""

from __future__ import annotations

import re
from typing import Any

from issste_mon.salida.tabla import (
    CIFRAS_MAX,
    DECIMALES_MAX,
    Columna,
    Tabla,
    Tipo,
    columnas_maquina,
)

TABLE_SCHEMA = "https://specs.frictionlessdata.io/schemas/table-schema.json"

# Column kind → Table Schema type. Populations and budgets may carry decimals in a spec, so only
# kinds that are integers by construction (years, counts of items, line numbers) are `integer`
# — and an `entero` column that is no spec figure (a ramo, a count of indicators: `campo`).
TIPOS: dict[str, str] = {
    Tipo.texto: "string",
    Tipo.entero: "number",
    Tipo.numero: "number",
    Tipo.monto: "number",
    Tipo.pct: "number",
    Tipo.valoracion: "number",
    Tipo.rango: "string",
    Tipo.veredicto: "string",
    Tipo.anio: "integer",
    Tipo.conteo: "integer",
    Tipo.booleano: "boolean",
    Tipo.cualquiera: "any",
}

UNIDADES = {
    Tipo.pct: "por ciento: 94.9 es 94.9 % (puede pasar de 100)",
    Tipo.monto: "millones de pesos (MDP)",
    Tipo.valoracion: "índice de 0 a 1",
}


REGLA_NUMEROS = (
    f"Números: el valor exacto, a lo más {DECIMALES_MAX} decimales y {CIFRAS_MAX} cifras "
    "significativas (un cociente que no termina, como 100/3, se redondea a la mitad hacia "
    "arriba: 33.3333333333); un entero se escribe sin decimales (110, no 110.0). Dos "
    "excepciones: una cifra de la spec (meta, valor, línea base) va como se escribió, con "
    "todos sus decimales, y una cifra calculada que con 10 decimales caería en un corte de su "
    "clasificación sin estar en él (110.00000000000002 junto a «Alto») va completa: el double "
    "más cercano o, si también ese cae en el corte o del otro lado, las cifras del decimal "
    "exacto (89.9999999999999999999999999999 junto a «Bajo», no 90). Nunca un cero falso: un "
    "valor distinto de cero que con 10 decimales sería 0 lleva hasta 15 cifras significativas "
    "(0.000000000008192). Sin exponentes. Una columna "
    "numérica tiene un número o nada (celda vacía en CSV/TSV, null en JSON): el motivo (ND, NA, "
    "meta = 0, sin dato) está en la columna «<clave>_estado» o en «nota»."
)


def campo(c: Columna) -> dict[str, Any]:
    """One Table Schema field from a column."""
    tipo = "integer" if c.tipo == Tipo.entero and not c.escrita else TIPOS.get(c.tipo, "string")
    f: dict[str, Any] = {"name": c.clave, "title": c.titulo, "type": tipo}
    partes = [c.descripcion] if c.descripcion else []
    if c.tipo in UNIDADES:
        partes.append(UNIDADES[c.tipo])
    if f["type"] == "number" and c.estado:
        dice = "dice ND/NA o no lo da" if c.ausente else "dice ND/NA"
        partes.append(f"nulo si la spec {dice}: ver «{c.clave}_estado»")
    if partes:
        f["description"] = "; ".join(partes)
    f["issste:tipo"] = str(c.tipo)  # the kind that decides the human format (es-MX, %)
    if etiquetas := {codigo: texto for codigo, texto in c.etiquetas if codigo != texto}:
        # how people read each code (tables, Markdown, the ficha); machine output keeps the code
        f["issste:etiquetas"] = etiquetas
    if c.vacio:  # what people read for a null here (a class or verdict never left blank)
        f["issste:vacio"] = c.vacio
    return f


def esquema_salida(tabla: Tabla) -> dict[str, Any]:
    """The Table Schema of a table's machine output (csv/tsv/json/jsonl/xlsx)."""
    return {
        "$schema": TABLE_SCHEMA,
        "title": tabla.titulo,
        "description": REGLA_NUMEROS,
        "fields": [campo(c) for c in columnas_maquina(tabla.columnas)],
        "missingValues": [""],
    }


def _slug(nombre: str) -> str:
    """'sexenal --tabla enfoque' → 'sexenal-tabla-enfoque' (a Data Package resource name)."""
    return re.sub(r"[^a-z0-9]+", "-", nombre.lower()).strip("-")


def paquete(tablas: dict[str, Tabla]) -> dict[str, Any]:
    """A Data Package descriptor: one CSV resource per command (`<nombre>.csv`)."""
    return {
        "profile": "tabular-data-package",
        "name": "issste-mon",
        "description": REGLA_NUMEROS,
        "resources": [
            {
                "name": _slug(nombre),
                "path": f"{_slug(nombre)}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": esquema_salida(t),
            }
            for nombre, t in tablas.items()
        ],
    }


def consultas(specs, metodologia=None) -> dict[str, Tabla]:
    """Every command's table (and its variants) on a spec set: what the README documents."""
    from issste_mon import api

    m = metodologia
    out = {
        "programas": api.programas(specs),
        "cobertura": api.cobertura(specs, metodologia=m),
        "cumplimiento": api.cumplimiento(specs, metodologia=m),
        "presupuesto": api.presupuesto(specs),
        "monitoreo": api.monitoreo(specs, metodologia=m),
        "verificar": api.verificar(specs, metodologia=m).tabla,
        "sexenal": api.sexenal(specs, metodologia=m),
        "sexenal --tabla enfoque": api.sexenal(
            specs, filas="enfoque", columnas="avance_sexenal", metodologia=m
        ),
        "calidad": api.calidad(specs, metodologia=m),
        "calidad --distribucion": api.calidad(specs, distribucion=True, metodologia=m),
        "resumen": api.resumen(specs, metodologia=m),
        "resumen --enunciados": api.resumen(specs, enunciados=True, metodologia=m),
        "tendencias": api.tendencias(specs, metodologia=m),
        "alertas": api.alertas(specs, metodologia=m),
    }
    if any(p.ised for p in specs.programas):
        out["monitoreo --indice ised"] = api.monitoreo(specs, indice="ised", metodologia=m)
    return out


def markdown(esquema: dict[str, Any]) -> str:
    """A README table of one schema: column, type, what it holds."""
    lineas = ["| columna | tipo | contenido |", "|---|---|---|"]
    for f in esquema["fields"]:
        extra = f" — {f['description']}" if f.get("description") else ""
        lineas.append(f"| `{f['name']}` | {f['type']} | {f['title']}{extra} |")
    return "\n".join(lineas)
