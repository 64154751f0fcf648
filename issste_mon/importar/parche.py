"""Apply a merge's additions to a spec's text, leaving every existing byte where it was.

A merge only adds (new years, indicators, components, keys): each addition goes at the end of
its parent block (after the comments indented under the block before it), indented like its
siblings, rendered as a new file would be. The file is
composed once with the C parser to find where each parent block ends; nothing else is
re-emitted, so comments, quoting, key order and indentation survive untouched, at the cost of
one fast parse instead of a round trip through ruamel.yaml (≈40× slower). When an addition
cannot be placed textually (a flow-style or empty parent, a block scalar at the end) the caller
falls back to the round trip; the caller also checks that the patched text reads back as the
merged document, so a wrong patch is never written.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from issste_mon.carga import yamlload

_Loader = yamlload.StrictLoader  # read back as the loader reads: YAML 1.2 numbers


class _NoSePuede(Exception):
    pass


def _hijo(node: Node, paso) -> Node:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == str(paso):
                return v
    elif isinstance(node, SequenceNode) and isinstance(paso, int) and paso < len(node.value):
        return node.value[paso]
    raise _NoSePuede


def _fin(texto: str, node: Node) -> int:
    """Index just after the line where node's content ends."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        raise _NoSePuede
    i = texto.find("\n", node.end_mark.index)
    return len(texto) if i < 0 else i + 1


def _tras_comentarios(texto: str, pos: int, columna: int) -> int:
    """pos moved past the comment lines just below it indented deeper than columna: they close
    the block above (E015's «# Not recorded …» under `diagnostico`), so what is added at
    columna goes after them, not between that block and its comments."""
    fin = i = pos
    while i < len(texto):
        j = texto.find("\n", i)
        j = len(texto) if j < 0 else j + 1
        linea = texto[i:j]
        resto = linea.lstrip(" ")
        if resto.strip() and not (resto.startswith("#") and len(linea) - len(resto) > columna):
            break
        if resto.strip():
            fin = j
        i = j
    return fin


def secciones_separadas(texto: str, raiz: MappingNode) -> bool:
    """Whether most of the file's top-level sections (keys with a block below them, after the
    first) have a blank line above them (or above the comments on top of them)."""
    lineas = texto.splitlines()
    separadas = []
    for k, v in raiz.value[1:]:
        if not isinstance(v, (MappingNode, SequenceNode)) or v.flow_style:
            continue
        i = k.start_mark.line - 1
        while i >= 0 and lineas[i].lstrip().startswith("#"):
            i -= 1
        separadas.append(i >= 0 and not lineas[i].strip())
    return bool(separadas) and sum(separadas) * 2 > len(separadas)


def _sangrar(fragmento: str, columna: int) -> str:
    pre = " " * columna
    return "".join(pre + linea if linea.strip() else linea for linea in fragmento.splitlines(True))


def parchear(
    texto: str, nuevos: list[tuple[tuple, object, object]], volcar: Callable[[object], str]
) -> str | None:
    """texto with each (parent keypath, key or None, value) added; None when not possible."""
    try:
        raiz = yaml.compose(texto, Loader=_Loader)  # noqa: S506 - composes nodes only
    except yaml.YAMLError:
        return None
    if not isinstance(raiz, MappingNode):
        return None
    # at one position, the deeper parent's addition goes first (it belongs inside)
    inserciones: list[tuple[int, int, int, str]] = []
    try:
        for orden, (camino, key, valor) in enumerate(nuevos):
            padre = raiz
            for paso in camino:
                padre = _hijo(padre, paso)
            if padre.flow_style or not padre.value:
                raise _NoSePuede
            pos = _fin(texto, padre)
            if isinstance(padre, MappingNode) and key is not None:
                columna = padre.value[0][0].start_mark.column
                fragmento = _sangrar(volcar({key: valor}), columna)
            elif isinstance(padre, SequenceNode) and key is None:
                primero = padre.value[0].start_mark
                inicio = texto.rfind("\n", 0, primero.index) + 1
                guion = texto.find("-", inicio, primero.index)
                if guion < 0 or texto[inicio:guion].strip():
                    raise _NoSePuede
                columna = guion - inicio
                fragmento = _sangrar(volcar([valor]), columna)
            else:
                raise _NoSePuede
            pos = _tras_comentarios(texto, pos, columna)
            if pos == len(texto) and texto and not texto.endswith("\n"):
                fragmento = "\n" + fragmento
            if not camino and "\n" in fragmento.rstrip("\n") and secciones_separadas(texto, raiz):
                fragmento = "\n" + fragmento  # a new section, set off as the file sets off its own
            inserciones.append((pos, -len(camino), orden, fragmento))
    except _NoSePuede:
        return None
    partes, ultimo = [], 0
    for pos, _, _, fragmento in sorted(inserciones):
        partes.append(texto[ultimo:pos])
        partes.append(fragmento)
        ultimo = pos
    partes.append(texto[ultimo:])
    return "".join(partes)
