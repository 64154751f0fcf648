"""`validar`: every problem of every spec file, one line each, GNU style."""

from __future__ import annotations

import enum
import sys
from typing import Annotated, Optional

import typer

from issste_mon.cli.codigos import ExitCode
from issste_mon.cli.common import (
    QuietOpt,
    SinCacheOpt,
    argumento,
    esperando_stdin,
    gc_paused,
    linea,
    opcion,
    silenciar,
    stderr_console,
)
from issste_mon.salida.formatos import Formato

# The report is text written to stdout: every format but xlsx, a binary workbook that would
# need --salida. Its own choice list, so --help and the error name exactly these.
FormatoValidar = enum.StrEnum(
    "FormatoValidar", {f.name: f.value for f in Formato if f is not Formato.xlsx}
)


def validar(
    rutas: Annotated[
        Optional[list[str]],
        argumento(
            "[RUTA]...", "Archivos o carpetas de specs («-»: stdin). Por omisión, las specs en uso."
        ),
    ] = None,
    estricto: Annotated[
        bool,
        typer.Option(
            "--estricto", help="Las claves que el formato no define son errores, no avisos."
        ),
    ] = False,
    formato: Annotated[
        Optional[FormatoValidar],
        opcion(
            "--formato",
            "-f",
            case_sensitive=False,
            ayuda="tabla (líneas archivo:línea:col, por omisión) o el mismo informe como datos "
            "en los demás formatos.",
        ),
    ] = None,
    specs: Annotated[
        Optional[list[str]],
        opcion(
            "--specs",
            metavar="RUTA",
            ayuda="Como RUTA, con la opción común a los demás comandos (repetible; «-» lee "
            "una spec de stdin).",
        ),
    ] = None,
    sin_cache: SinCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Valida specs y muestra todos los problemas (no solo el primero).

    Cada problema en una línea: archivo:línea:columna: campo: mensaje. Sale con 0 si todo es
    válido y con 2 si algún archivo no lo es. Una clave que el formato no define es un aviso;
    con --estricto, un error (código 2). Los demás avisos no cambian el código.

    Ejemplos: issste-mon validar · issste-mon validar specs/E045.yaml --estricto ·
    issste-mon validar --specs mis_specs/
    """
    from dataclasses import replace

    from issste_mon.carga.campos import es_clave_desconocida
    from issste_mon.carga.loader import default_specs_dir, load_paths, locate_problems
    from issste_mon.errores import SpecError

    rutas = [*(rutas or ()), *(specs or ())]
    if quiet:
        silenciar()
    esperando_stdin(rutas)
    try:
        with gc_paused():
            specs = load_paths(rutas or [default_specs_dir()], cache=not sin_cache)
        problems, n_files = specs.avisos, len(specs.archivos)
    except SpecError as exc:
        problems, n_files = exc.problems, None
    shown = locate_problems(
        [
            p
            for p in problems
            if p.severity == "error" or p.notable or estricto or es_clave_desconocida(p.message)
        ]
    )
    if estricto:  # an unknown key is an error under --estricto
        shown = [
            replace(p, severity="error") if es_clave_desconocida(p.message) else p for p in shown
        ]
    errors = [p for p in shown if p.severity == "error"]
    formato = Formato(formato) if formato is not None else None
    if formato not in (None, Formato.tabla):
        from issste_mon.salida.render import render
        from issste_mon.salida.tabla import Columna, Tabla

        # the machine keys stay; people (-f markdown) read Spanish titles, as in every table
        cols = [
            Columna("archivo", "Archivo"),
            Columna("linea", "Línea", "conteo"),
            Columna("columna", "Columna", "conteo"),
            Columna("campo", "Campo"),
            Columna("severidad", "Severidad"),
            Columna("mensaje", "Mensaje"),
        ]
        tabla = Tabla("Validación de specs", cols, [p.as_dict() for p in shown])
        render(tabla, formato, sys.stdout)
    else:
        err, err_errores = stderr_console(), stderr_console(errores=True)
        for p in shown:
            linea(err_errores if p.severity == "error" else err, str(p))
        if not errors:
            from issste_mon.salida.plural import palabra, plural

            n = f"{plural(n_files, 'archivo')} " if n_files is not None else ""
            avisos = f", {plural(len(shown), 'aviso')}" if shown else ""
            err.print(f"{n}{palabra(n_files or 0, 'válido')}{avisos}.")
    if errors:
        raise typer.Exit(ExitCode.ENTRADA_INVALIDA)
