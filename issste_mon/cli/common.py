"""Options and plumbing shared by every command: spec loading, output, errors to stderr."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from issste_mon.render import Formato

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


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def load_specs(paths: list[str] | None):
    from issste_mon.loader import default_specs_dir, load_paths

    specs = load_paths(paths or [default_specs_dir()])
    notable = [p for p in specs.avisos if p.notable]
    if notable:
        err = stderr_console()
        for p in notable:
            err.print(str(p), markup=False)
    return specs


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
