"""Where an output's numbers come from: the methodology and the spec files, named for people."""

from __future__ import annotations

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
