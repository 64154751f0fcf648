"""The ficha as Markdown: the same blocks as the HTML template, from the same context (vista).

Charts are written as SVG files beside the Markdown file and linked; their text alternative
(the values) follows each link, so the Markdown reads complete without them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from issste_mon.ficha.graficas import Grafica
from issste_mon.salida.sanear import markdown


def celda(texto: object) -> str:
    """A Markdown table cell or text: `|`, raw HTML and controls escaped, line breaks folded
    into spaces — the one escaper of every Markdown output (salida/sanear.py)."""
    return markdown(texto)


def nombre_grafica(destino: str, g: Grafica) -> str:
    """The chart file written beside `destino`: e045.md → e045-g-cobertura-1.svg."""
    return f"{Path(destino).stem}-{g.id}.svg"


def graficas(ctx: dict) -> list[Grafica]:
    """Every chart of a context, in page order."""
    out = [i["grafica"] for i in ctx["indicadores"] + ctx["sectoriales"] if i["grafica"]]
    out += ctx["cobertura_graficas"]
    out += [g for g in (ctx["presupuesto_grafica"], ctx["cumplimiento_grafica"]) if g]
    return out


# What a line's start makes a block of: a heading («# »), a list item («- », «+ », «* »,
# «1. », «1) »), a rule or a setext underline («---», «===»), a code fence («~~~»).
_BLOQUE = re.compile(r"#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|[-=_*~]{3,}|=+$")


def parrafo(texto: str) -> str:
    """Spec text that begins a Markdown line, kept as text: its first mark escaped («\\#»,
    «1\\.»), so a description «# …» or «1. …» is not a heading or a list of the ficha."""
    m = _BLOQUE.match(texto)
    if m is None:
        return texto
    i = m.end() - 1 if texto[0].isdigit() else 0  # «1.» escapes its «.», the others their mark
    return f"{texto[:i]}\\{texto[i:]}"


_LISTAS = (
    ("Fortalezas y/o Oportunidades", "fortalezas"),
    ("Debilidades y/o Amenazas", "debilidades"),
    ("Recomendaciones", "recomendaciones"),
)


class _Md:
    def __init__(self, destino: str | None):
        self.out = io.StringIO()
        self.destino = destino

    def w(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def h(self, nivel: int, titulo: str) -> None:
        self.w()
        self.w("#" * nivel + " " + titulo)
        self.w()

    def texto(self, t: str | None, ausente: str) -> None:
        self.w(parrafo(" ".join(t.split())) if t else f"_{ausente}_")

    def datos(self, pares) -> None:
        for k, v in pares:
            self.w(f"- **{k}:** {' '.join(str(v).split())}")

    def tabla(self, t: dict | None, vacio: str) -> None:
        if t is None:
            self.w(f"_{vacio}_")
            return
        cols = t["columnas"]  # the context is escaped once, in documento()
        self.w("| " + " | ".join(c["titulo"] for c in cols) + " |")
        self.w("|" + "|".join("---:" if c["num"] else "---" for c in cols) + "|")
        for fila in t["filas"]:
            self.w("| " + " | ".join(d["texto"] for d in fila) + " |")
        for a in t["avisos"]:
            self.w(f"\n> aviso: {a}")
        for r in t["resumen"]:
            self.w(f"\n{r}")

    def puntos(self, items: list[dict], ausente: str) -> None:
        if not items:
            self.w(f"_{ausente}_")
        for n, p in enumerate(items, 1):
            letra = f"({p['letra']}) " if p["letra"] else ""
            avance = f" ({p['avance']})" if p["avance"] else ""
            contenido = " ".join(p["texto"].split())
            self.w(f"{n}. {letra}{contenido if letra else parrafo(contenido)}{avance}")

    def grafica(self, g: Grafica | None) -> None:
        if g is None:
            return
        if self.destino is not None:
            self.w(f"\n![{celda(g.titulo)}]({nombre_grafica(self.destino, g)})")
        self.w(f"\n_Gráfica: {celda(g.descripcion)}_")

    def indicadores(self, lista: list[dict], que: str) -> None:
        if not lista:
            self.w(f"_La spec no registra {que}._")
        for i in lista:
            self.indicador(i)

    def indicador(self, i: dict) -> None:
        self.h(3, f"{i['nivel']} · {i['nombre']}")
        self.datos(i["datos"])
        if i.get("supuesto"):
            self.w(f"\n_{i['supuesto']}_")
        if i["observacion"]:
            self.w(f"\n_{i['observacion']}_")
        if i["grafica"] is None and i["sin_grafica"]:
            self.w(f"\n_{i['sin_grafica']}_")
        self.grafica(i["grafica"])


# Where a document without `destino` (no chart files) sends its reader for the charts: said
# to whoever calls the library, so naming no command-line option; the CLI says its own.
SIN_GRAFICAS = (
    "Esta ficha no trae gráficas: las traen la ficha en HTML y la ficha en Markdown escrita "
    "a un archivo, junto a sus .svg."
)


def documento(ctx: dict, destino: str | None = None, *, sin_graficas: str = SIN_GRAFICAS) -> str:
    """Markdown text of a program's context; with `destino`, links to the chart files;
    without it, `sin_graficas` at its end.

    Every text of the context is escaped once, here (`celda`): a spec's `|`, line breaks, raw
    HTML and control characters never reach the document as Markdown, HTML or escapes."""
    ctx = _escapado(ctx)
    m = _Md(destino)
    ausente = ctx["ausente"]
    m.w(f"# Ficha de monitoreo: {ctx['clave']} {ctx['nombre']}")
    m.w()
    if ctx["fmye_titulo"]:
        m.w(f"_{ctx['fmye_titulo']}_\n")
    m.datos(ctx["encabezado"])
    if ctx["cifras"]:
        m.w("\n" + " · ".join(f"**{k}:** {v}" for k, v in ctx["cifras"]))
    m.h(2, "Descripción del programa")
    m.texto(ctx["descripcion"], ausente["descripcion"])
    m.h(2, "¿Cuáles son los resultados del programa y cómo los mide?")
    m.texto(ctx["resultados_texto"], ausente["resultados_texto"])
    m.h(2, "Indicadores de Fin y Propósito")
    m.indicadores(ctx["indicadores"], "indicadores de Fin o Propósito fuera de los sectoriales")
    m.h(2, "Definición de la población objetivo")
    m.texto(ctx["poblacion_objetivo"], ausente["poblacion_objetivo"])
    m.h(3, "Cobertura" + (f" {ctx['anio_geo']}" if ctx["anio_geo"] else ""))
    m.datos(ctx["cobertura_geo"])
    m.h(3, "Cuantificación de poblaciones")
    m.tabla(ctx["cobertura"], "La spec no registra poblaciones.")
    m.h(2, "Evolución de la cobertura")
    if not ctx["cobertura_graficas"]:
        m.w("_Sin poblaciones numéricas para graficar._")
    for g in ctx["cobertura_graficas"]:
        m.grafica(g)
    m.h(2, "Análisis de la cobertura")
    m.texto(ctx["analisis_cobertura"], ausente["analisis_cobertura"])
    m.h(2, "Cumplimiento de metas (recalculado)")
    if ctx["cumplimiento_grafica"] is None:
        m.w("_Sin cumplimientos calculables (faltan metas o valores)._")
    m.grafica(ctx["cumplimiento_grafica"])
    m.w()
    m.tabla(ctx["cumplimiento"], "La spec no registra metas de indicadores de Fin o Propósito.")
    m.h(2, "Nivel de monitoreo (CONEVAL)")
    m.tabla(ctx["monitoreo"], "La spec no registra valoraciones del Diagnóstico de Monitoreo.")
    m.h(2, "Índice de Seguimiento al Desempeño (ISeD, SHCP)")
    m.tabla(ctx["ised"], "La spec no registra ediciones del ISeD.")
    m.h(2, "Análisis del sector")
    if ctx["alineacion"]:
        contrib = f" (contribución {ctx['contribucion']})" if ctx["contribucion"] else ""
        m.w(f"**Alineación:** {'; '.join(ctx['alineacion'])}{contrib}.\n")
    m.texto(ctx["sector_texto"], ausente["sector_texto"])
    m.h(2, "Indicador sectorial")
    m.indicadores(ctx["sectoriales"], "indicadores sectoriales")
    m.h(2, "Presupuesto ejercido")
    m.tabla(ctx["presupuesto"], "La spec no registra presupuesto.")
    m.grafica(ctx["presupuesto_grafica"])
    if ctx["inicio_programa"]:
        m.w(f"\nAño de inicio del programa: {ctx['inicio_programa']}")
    m.w(f"\n_{ctx['presupuesto_nota']}_")
    for titulo, clave in _LISTAS:
        m.h(2, titulo)
        m.puntos(ctx[clave], ausente[clave])
    m.h(2, "Aspectos Susceptibles de Mejora")
    m.h(3, "Avances en las acciones de mejora comprometidas en años anteriores")
    m.puntos(ctx["asm_anteriores"], ausente["asm_anteriores"])
    m.h(3, "Aspectos comprometidos" + (f" en {ctx['asm_anio']}" if ctx["asm_anio"] else ""))
    if ctx["asm_comprometidos"]:
        m.puntos(ctx["asm_comprometidos"], ausente["asm_comprometidos"])
    else:
        m.w(ctx["asm_nota"] or f"_{ausente['asm_comprometidos']}_")
    anio = f" ({ctx['asm_anio']})" if ctx["asm_anio"] else ""
    m.h(2, f"Avances del programa en el ejercicio fiscal actual{anio}")
    m.puntos(ctx["avances"], ausente["avances"])
    m.h(2, "Evaluaciones externas")
    if not ctx["evaluaciones"]:
        m.w(f"_{ausente['evaluaciones']}_")
    for e in ctx["evaluaciones"]:
        m.datos(e["datos"])
        if e["fuente"]:
            m.w(f"\n_Fuente: {e['fuente']}._")
    m.h(2, "Verificación de cifras publicadas")
    m.tabla(ctx["verificacion"], "La spec no registra cifras publicadas para comparar.")
    m.h(2, "Datos de contacto")
    if not ctx["contactos"]:
        m.w(f"_{ausente['contactos']}_")
    for c in ctx["contactos"]:
        rol = f" ({c['rol']})" if c["rol"] else ""
        partes = [
            x for x in (c["nombre"], c["telefono"] and f"Tel. {c['telefono']}", c["email"]) if x
        ]
        m.w(f"- **{c['unidad']}**{rol}: {' · '.join(partes)}")
    m.w("\n---\n")
    if ctx["fuente_fmye"]:
        m.w(f"- Textos de la ficha: {ctx['fuente_fmye']}.")
    for n in ctx["notas"]:
        m.w(f"- {n}")
    if destino is None:
        m.w(f"\n_{sin_graficas}_")
    return m.out.getvalue()


def _escapado(valor):
    """Every string of a context (dicts and lists walked), Markdown-escaped; charts and
    numbers as they are."""
    if isinstance(valor, str):
        return celda(valor)
    if isinstance(valor, dict):
        return {k: _escapado(v) for k, v in valor.items()}
    if isinstance(valor, (list, tuple)):
        return (
            type(valor)(_escapado(v) for v in valor)
            if isinstance(valor, list)
            else tuple(_escapado(v) for v in valor)
        )
    return valor
