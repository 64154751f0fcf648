"""The Spanish a person reads carries its accents: no «poblacion», «segun» or «numero» in the
texts of issste_mon (help, errors, avisos, headers, captions).

The scan reads every string literal of the package that is prose (two words or more, not a
docstring, not a regular expression, not a list of field names) and looks for words whose
unaccented spelling is not Spanish. A word written as an identifier (`logica_vertical`,
`sin_informacion`, `--columnas clave,valoracion`, a keypath) is a machine name, not prose."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import issste_mon

# Unaccented spellings that are no Spanish word (verbs such as «publica» or «esta», which are,
# are left out: the scan must not cry wolf).
SIN_ACENTO = {
    "ano": "año",
    "anos": "años",
    "poblacion": "población",
    "segun": "según",
    "metodo": "método",
    "metodologia": "metodología",
    "indice": "índice",
    "numero": "número",
    "numeros": "números",
    "tambien": "también",
    "informacion": "información",
    "calculo": "cálculo",
    "codigo": "código",
    "version": "versión",
    "descripcion": "descripción",
    "evaluacion": "evaluación",
    "ejecucion": "ejecución",
    "situacion": "situación",
    "linea": "línea",
    "lineas": "líneas",
    "pagina": "página",
    "seccion": "sección",
    "categoria": "categoría",
    "categorias": "categorías",
    "razon": "razón",
    "unico": "único",
    "unica": "única",
    "invalido": "inválido",
    "ultimos": "últimos",
    "ultimas": "últimas",
    "analisis": "análisis",
    "valoracion": "valoración",
    "participacion": "participación",
    "cuantificacion": "cuantificación",
    "verificacion": "verificación",
    "titulo": "título",
    "proposito": "propósito",
    "diagnostico": "diagnóstico",
    "tematica": "temática",
    "logica": "lógica",
    "maxima": "máxima",
    "maximo": "máximo",
    "minima": "mínima",
    "minimo": "mínimo",
    "explicacion": "explicación",
    "publicacion": "publicación",
    "edicion": "edición",
    "direccion": "dirección",
    "observacion": "observación",
    "definicion": "definición",
    "distribucion": "distribución",
    "adecuacion": "adecuación",
    "contribucion": "contribución",
    "coordinacion": "coordinación",
    "opcion": "opción",
    "accion": "acción",
    "condicion": "condición",
    "funcion": "función",
    "comparacion": "comparación",
    "clasificacion": "clasificación",
    "despues": "después",
    "ademas": "además",
    "aqui": "aquí",
    "grafica": "gráfica",
    "graficas": "gráficas",
    "numerico": "numérico",
    "especifico": "específico",
    "semaforo": "semáforo",
    "telefono": "teléfono",
    "subindice": "subíndice",
}
_ALTERNATIVAS = "|".join(sorted(SIN_ACENTO, key=len, reverse=True))
_PALABRA = re.compile(
    rf"(?<![\w`$.,/_=:«\"'-])({_ALTERNATIVAS})(?![\w`.,/_=:»\"'-])", re.IGNORECASE
)
_IDENTIFICADOR = re.compile(r"[a-z0-9_]+\Z")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            primero = n.body[0] if n.body else None
            if isinstance(primero, ast.Expr) and isinstance(primero.value, ast.Constant):
                ids.add(id(primero.value))
    return ids


def _es_prosa(texto: str) -> bool:
    palabras = texto.split()
    if len(palabras) < 2 or "\\" in texto:  # (one word: a name; a backslash: a regex)
        return False
    nombres = all(_IDENTIFICADOR.match(p) for p in palabras)
    return not (nombres and "_" in texto)  # `"nivel sentido unidad_medida …".split()`


def sin_acento(fuente: str) -> list[tuple[int, str, str]]:
    """(line, word, the string) for each unaccented word in the prose literals of `fuente`."""
    tree = ast.parse(fuente)
    docs = _docstrings(tree)
    hallados = []
    for n in ast.walk(tree):
        if not (isinstance(n, ast.Constant) and isinstance(n.value, str)) or id(n) in docs:
            continue
        if _es_prosa(n.value):
            hallados += [
                (n.lineno, m[1], n.value)
                for m in _PALABRA.finditer(n.value)
                if m[1].islower() or _empieza_frase(n.value[: m.start()])
            ]
    return hallados


def _empieza_frase(antes: str) -> bool:
    """A capitalised word is prose where a sentence starts («Poblacion objetivo»), and a class
    name elsewhere («un objeto Metodologia»)."""
    return antes.rstrip() == "" or antes.rstrip()[-1] in ".!?:;(¿¡"


def _fuentes() -> list[Path]:
    return sorted(Path(issste_mon.__file__).parent.rglob("*.py"))


def test_the_scan_finds_an_unaccented_word_and_skips_machine_names():
    fuente = (
        'def f():\n    """la poblacion de un docstring no se lee."""\n'
        '    x = "columnas: logica_vertical, --columnas clave,valoracion"\n'
        '    y = "nivel sentido unidad_medida".split()\n'
        '    z = "un objeto Metodologia; Numero de pagina"\n'
        '    return f"no hay poblacion objetivo segun {x} en la linea {y}"\n'
    )
    assert [(linea, palabra) for linea, palabra, _ in sin_acento(fuente)] == [
        (5, "Numero"),
        (5, "pagina"),
        (6, "poblacion"),
        (6, "segun"),
        (6, "linea"),
    ]


def test_the_package_texts_carry_their_accents():
    fuentes = _fuentes()
    assert len(fuentes) > 50  # (the package itself, not an empty folder)
    hallados = [
        f"{ruta.relative_to(ruta.parents[1])}:{linea}: «{palabra}» "
        f"(«{SIN_ACENTO[palabra.lower()]}») en {texto[:80]!r}"
        for ruta in fuentes
        for linea, palabra, texto in sin_acento(ruta.read_text(encoding="utf-8"))
    ]
    assert hallados == []
