"""Where each published figure is printed in its spec file (line, column), and the safety net
that turns any `publicado` the records do not carry into a «no verificable» finding.

The only module of `auditoria` that reads files: the spec files again, composed (not
constructed) to find keypaths, and only when `verificar` runs.
"""

from __future__ import annotations

from pathlib import Path

from issste_mon.auditoria import DESCONOCIDO, Hallazgo
from issste_mon.auditoria.comparar import no_verificable

# yaml and yamlload are imported where a file is composed again: with every place in the
# cache, a warm `verificar` never imports a YAML parser.

FUERA = "fuera de las secciones que issste-mon calcula"


def _texto(archivo: str) -> str | None:
    try:
        return Path(archivo).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # stdin, or a file gone since loading: no line numbers


def publicados(text: str) -> list[tuple[tuple, str, int, int]]:
    """(keypath, text, line, col) of every published figure in a document: each entry of a
    `publicado` mapping, or a scalar `publicado`."""
    import yaml

    from issste_mon.carga import yamlload

    try:
        root = yaml.compose(text, Loader=yamlload.StrictLoader)
    except yaml.YAMLError:
        return []
    found = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = path + (k.value,)
                if k.value == "publicado" and isinstance(v, yaml.MappingNode):
                    for kk, vv in v.value:
                        mark = vv.start_mark
                        value = vv.value if isinstance(vv, yaml.ScalarNode) else ""
                        found.append((key + (kk.value,), value, mark.line + 1, mark.column + 1))
                elif k.value == "publicado" and isinstance(v, yaml.ScalarNode):
                    found.append((key, v.value, v.start_mark.line + 1, v.start_mark.column + 1))
                else:
                    walk(v, key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    walk(root, ())
    return found


def _texto_de(ruta: tuple) -> tuple:
    return tuple(map(str, ruta))


def ubicar(
    hallazgos: list[Hallazgo],
    archivos: dict[str, str],
    completar: bool = True,
    ubicados: dict[str, list] | None = None,
    lugares: dict[str, dict] | None = None,
) -> None:
    """Fill line/column of every finding; with `completar`, add a «no verificable» finding for
    each `publicado` of `archivos` (file → clave) that no checker saw. `ubicados`: file → its
    `publicados` as found when it was parsed (`SpecSet.publicados`, also from the cache); a
    file is read again only when it is missing there or a finding is not one of them or of its
    `lugares` (file → {keypath: (line, col)} of other checked figures, `SpecSet.lugares`)."""
    por_archivo: dict[str, list[Hallazgo]] = {}
    for h in hallazgos:
        por_archivo.setdefault(h.archivo, []).append(h)
    for archivo, clave in archivos.items():
        propios = por_archivo.get(archivo, [])
        guardados = (ubicados or {}).get(archivo)
        # Noted places use the keys as written (a year is "2024"); findings, the loaded ones.
        lines = {(_texto_de(r), False): (ln, col) for r, _, ln, col in guardados or ()}
        lines.update(
            ((_texto_de(r), False), v) for r, v in (lugares or {}).get(archivo, {}).items()
        )
        claves = [(_texto_de(h.ruta), False) for h in propios]  # (each made once)
        if guardados is None or any(c not in lines for c in claves):
            text = _texto(archivo)
            if text is None:
                continue
            from issste_mon.carga import yamlload

            located = yamlload.locate(text, [(h.ruta, False) for h in propios])
            lines = {(_texto_de(r), a): v for (r, a), v in located.items()}
        for h, c in zip(propios, claves, strict=True):
            h.linea, h.columna = lines.get(c, (None, None))
        if not completar:
            continue
        vistos = {h.ruta for h in propios}
        todos = guardados if guardados is not None else publicados(text)
        for ruta, valor, linea, columna in todos:
            if ruta not in vistos:
                nombre = str(ruta[-1])
                hallazgos.append(
                    Hallazgo(
                        archivo,
                        ruta,
                        clave,
                        None,
                        nombre,
                        f"desconocido.{nombre}",
                        valor,
                        no_verificable(f"{DESCONOCIDO} «{nombre}» ({FUERA})"),
                        linea,
                        columna,
                    )
                )
