"""A YAML alias (`*m`) or merge key (`<<: *m`) reuses its anchor's node (`&m`): adding the
source's figures under the anchor adds them under every place that names it. An import that
would do that leaves the file alone and says which places share the node."""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from issste_mon.carga import yamlload
from issste_mon.importar.fusion import Informe

_ANCLA = re.compile(r"&[^\s,\[\]{}]")  # no anchor, no alias: nothing to compose


def _lugares(raiz: Node) -> dict[int, list[tuple[tuple, str, Node]]]:
    """id of every collection node → the places it appears at: (keypath of str steps, the
    keypath as a person reads it, the key node or the item)."""
    vistos: dict[int, list[tuple[tuple, str, Node]]] = {}
    pila: list[tuple[Node, tuple, str, Node]] = [(raiz, (), "", raiz)]
    while pila:
        nodo, camino, texto, marca = pila.pop()
        if not isinstance(nodo, (MappingNode, SequenceNode)):
            continue
        lugares = vistos.setdefault(id(nodo), [])
        lugares.append((camino, texto, marca))
        if len(lugares) > 1:
            continue  # its contents were walked from its first place
        hijos = []
        if isinstance(nodo, MappingNode):
            for k, v in nodo.value:
                if isinstance(k, ScalarNode):
                    paso = "<<" if k.tag == "tag:yaml.org,2002:merge" else k.value
                    hijos.append((v, (*camino, paso), f"{texto}.{paso}" if texto else paso, k))
        else:
            for i, v in enumerate(nodo.value):
                hijos.append((v, (*camino, str(i)), f"{texto}[{i}]", v))
        pila.extend(reversed(hijos))
    return vistos


def compartido(inf: Informe, reemplazar: bool, texto: str) -> str | None:
    """Why the merge cannot be written to texto (a change under a node that an alias or a
    merge key shares), or None."""
    if not _ANCLA.search(texto):
        return None
    try:
        raiz = yaml.compose(texto, Loader=yamlload.StrictLoader)  # noqa: S506 - nodes only
    except yaml.YAMLError:
        return None
    compartidos = {}
    for lugares in _lugares(raiz).values():
        if len(lugares) > 1:
            for camino, _, _ in lugares:
                compartidos[camino] = lugares
    cambios = [camino for camino, _, _ in inf.nuevos]
    if reemplazar:
        cambios += [c.camino for c in inf.conflictos if c.camino]
    for camino in cambios:
        pasos = tuple(str(p) for p in camino)
        for n in range(len(pasos) + 1):
            lugares = compartidos.get(pasos[:n])
            if lugares:
                nombres = " y ".join(
                    f"{nombre} (línea {marca.start_mark.line + 1})" for _, nombre, marca in lugares
                )
                return (
                    f"{nombres} son el mismo nodo YAML (un ancla & y su alias * o <<): completar "
                    "uno completaría también el otro; no se modifica (escriba cada uno por "
                    "separado)"
                )
    return None
