"""Where an output's numbers come from: the methodology and the spec files, named for people."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from issste_mon import __version__


@dataclass(frozen=True)
class Procedencia:
    metodologia: str | None  # "nombre vX (archivo)"; None where the output classifies nothing
    fuentes: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (sección, confianza, fuente)
    specs: list[str] = field(default_factory=list)
    version: str = __version__


def nombre_spec(path: str) -> str:
    """Bundled specs by file name (their install path says nothing and varies by machine)."""
    from issste_mon.carga.loader import bundled_specs_dir

    p = Path(path)
    try:
        p.resolve().relative_to(bundled_specs_dir())
    except (ValueError, OSError):
        return path
    return f"{p.name} (incluida)"


# A `fuente` names its documents joined by «; ». What `importar poblaciones` writes after the SHCP
# publication is not another document but what that file says of each population's own origin
# («…poblaciones 2017; PA: Vigencia de Derecho (instancia generadora: ISSSTE), corte de…; PP: …»),
# whose own texts may hold «; » too: from the first «PA: »/«PO: »/«PP: » on, the rest is detail.
_DETALLE = re.compile(r"P[APO]: ")


def documentos(fuentes: Iterable[str | None]) -> tuple[list[str], bool]:
    """The documents the `fuente` texts name, each once in order of appearance, and whether
    some text also held details of a document (`detalle`), which a caption leaves to the
    «fuente» column."""
    docs: dict[str, None] = {}
    con_detalle = False
    for texto in dict.fromkeys(filter(None, fuentes)):
        for parte in texto.split("; "):
            if _DETALLE.match(parte):
                con_detalle = True
                break
            if parte.strip():
                docs[parte.strip()] = None
    return list(docs), con_detalle


def detalle(fuente: str | None) -> str | None:
    """What a `fuente` says after its documents (see `_DETALLE`), or None."""
    partes = (fuente or "").split("; ")
    for i, parte in enumerate(partes):
        if _DETALLE.match(parte):
            return "; ".join(partes[i:])
    return None


def de(specs=None, metodologia=None, archivos: list[str] | None = None) -> Procedencia:
    """Provenance of an output from the loaded SpecSet (or given files) and Metodologia."""
    files = archivos if archivos is not None else (specs.archivos if specs is not None else [])
    if metodologia is None:
        return Procedencia(None, [], [nombre_spec(f) for f in files])
    return Procedencia(
        f"{metodologia.etiqueta} ({metodologia.archivo})",
        list(metodologia.fuentes),
        [nombre_spec(f) for f in files],
    )
