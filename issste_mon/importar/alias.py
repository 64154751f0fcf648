"""A YAML alias (`*m`) is the same mapping or list as its anchor (`&m`): adding the source's
figures under one of them adds them under every place that names it. An import that would do
that leaves the file alone and says which places share the node."""

from __future__ import annotations

from collections.abc import Mapping

from issste_mon.carga import yamlload
from issste_mon.importar.fusion import Informe


def _lugares(data: object) -> dict[int, list[tuple[tuple, str]]]:
    """id of every mapping or list → the places (keypath, as a person reads it) it appears at."""
    vistos: dict[int, list[tuple[tuple, str]]] = {}
    pila: list[tuple[object, tuple, str]] = [(data, (), "")]
    while pila:
        nodo, camino, texto = pila.pop()
        if not isinstance(nodo, (Mapping, list)):
            continue
        lugares = vistos.setdefault(id(nodo), [])
        lugares.append((camino, texto))
        if len(lugares) > 1:
            continue  # its contents were (or will be) walked from its first place
        if isinstance(nodo, Mapping):
            hijos = [
                (v, (*camino, k), f"{texto}.{k}" if texto else str(k)) for k, v in nodo.items()
            ]
        else:
            hijos = [(v, (*camino, i), f"{texto}[{i}]") for i, v in enumerate(nodo)]
        pila.extend(reversed(hijos))
    return vistos


def compartido(data: object, inf: Informe, reemplazar: bool, texto: str) -> str | None:
    """Why the merge cannot be written (a change under a node that an alias shares), or None;
    each place with its line in texto, the file the data was read from."""
    compartidos = {}
    for lugares in _lugares(data).values():
        if len(lugares) > 1:
            for camino, _ in lugares:
                compartidos[camino] = lugares
    if not compartidos:
        return None
    cambios = [camino for camino, _, _ in inf.nuevos]
    if reemplazar:
        cambios += [c.camino for c in inf.conflictos if c.camino]
    for camino in cambios:
        for n in range(len(camino) + 1):
            lugares = compartidos.get(tuple(camino[:n]))
            if lugares:
                lineas = yamlload.locate(texto, [(c, True) for c, _ in lugares])
                nombres = " y ".join(
                    f"{nombre} (línea {lineas[(c, True)][0]})" if (c, True) in lineas else nombre
                    for c, nombre in lugares
                )
                return (
                    f"{nombres} son el mismo nodo YAML (un ancla & y su alias *): completar uno "
                    "completaría también el otro; no se modifica (escriba cada uno por separado)"
                )
    return None
