"""Options and plumbing shared by every command: spec loading, output, errors to stderr."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from issste_mon.formatos import Formato

SpecsOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--specs",
        metavar="RUTA",
        help="Carpeta o archivo de specs (repetible; «-» lee una spec de stdin). Por omisión: "
        "$ISSSTE_MON_SPECS, ./specs si existe, o las specs incluidas.",
        show_default=False,
    ),
]
FormatoOpt = Annotated[
    Optional[Formato],
    typer.Option(
        "--formato",
        "-f",
        help="Formato de salida. Por omisión: tabla en una terminal, tsv en una tubería.",
        show_default=False,
    ),
]
AnioOpt = Annotated[
    Optional[int],
    typer.Option(
        "--year", "--anio", "-y", metavar="AÑO", help="Solo este año fiscal.", show_default=False
    ),
]
ClavesArg = Annotated[
    Optional[list[str]],
    typer.Argument(
        metavar="[CLAVE]...",
        help="Claves de programa (E045 o 51-E045). Sin claves: todos los programas.",
        show_default=False,
    ),
]
MetodologiaOpt = Annotated[
    Optional[str],
    typer.Option(
        "--metodologia",
        metavar="ARCHIVO",
        help="Archivo de metodología (umbrales y fórmulas) que sustituye al incluido.",
        show_default=False,
    ),
]

SinCacheOpt = Annotated[
    bool,
    typer.Option(
        "--sin-cache",
        help="No lee ni escribe la caché de specs ya validadas (también ISSSTE_MON_SIN_CACHE=1). "
        "Caché: $ISSSTE_MON_CACHE_DIR o $XDG_CACHE_HOME/issste-mon (~/.cache/issste-mon).",
    ),
]


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def load_specs(paths: list[str] | None, sin_cache: bool = False):
    from issste_mon.loader import default_specs_dir, load_paths

    specs = load_paths(paths or [default_specs_dir()], cache=not sin_cache)
    freeze_gc()
    return specs


def freeze_gc() -> None:
    """The loaded records live until the command ends: move them out of the cyclic GC's sight,
    or every later collection rescans millions of them (~40 % of a warm federal run)."""
    import gc

    gc.freeze()


def load_methodology(path: str | None):
    from issste_mon import methodology

    return methodology.load(path)


def resolve_format(formato: Formato | None) -> Formato:
    if formato is not None:
        return formato
    return Formato.tabla if sys.stdout.isatty() else Formato.tsv


def emit(tabla, formato: Formato | None) -> None:
    """Data to stdout in the chosen format; avisos to stderr; summary to stderr for machines."""
    from issste_mon.render import render

    fmt = resolve_format(formato)
    err = stderr_console()
    for aviso in tabla.avisos:
        err.print(f"aviso: {aviso}")
    if fmt is Formato.tabla:
        from rich.console import Console

        render(tabla, fmt, sys.stdout, Console(highlight=False))
    else:
        render(tabla, fmt, sys.stdout)
        if fmt is not Formato.markdown:
            for line in tabla.resumen:
                err.print(line)
    sys.stdout.flush()


def debug_enabled() -> bool:
    return os.environ.get("ISSSTE_MON_DEBUG") == "1"
