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
    cambiadas = metodologia.cambiadas
    return Procedencia(
        f"{metodologia.etiqueta} ({metodologia.archivo})",
        [
            (s, f"{c} (según el archivo)", _fuente(f, metodologia.archivo))
            if s in cambiadas
            else (s, c, f)
            for s, c, f in metodologia.fuentes
        ],
        [nombre_spec(f) for f in files],
    )


def _fuente(fuente: str, archivo: str) -> str:
    """A rule the bundled file takes from what a document prints, whose values a user's file
    changes: its quote is no longer the source of the cuts (the file may still say publicado,
    and quote «entre 90% y 110%» beside a band of 94.75–110)."""
    return (
        f"valores de {archivo}, distintos de los publicados que trae la metodología incluida; "
        f"el archivo cita: {fuente}"
    )
