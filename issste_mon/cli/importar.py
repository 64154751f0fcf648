"""`importar avance|poblaciones|ised`: SHCP open data → specs under --salida."""

from __future__ import annotations

import contextlib
import sys
from typing import Annotated, Optional

import typer

from issste_mon.cli.common import anio as _anio
from issste_mon.cli.common import echo, stderr_console
from issste_mon.cli.es import ComandoEs, GrupoEs

app = typer.Typer(
    cls=GrupoEs,
    help="Crea o completa specs a partir de datos abiertos de SHCP (Transparencia "
    "Presupuestaria): avance de indicadores MIR, poblaciones e ISeD.\n\n"
    "Escribe SALIDA/<ramo>/<clave>.yaml; un archivo existente solo recibe lo que le falta "
    "(años, indicadores, componentes) y conserva sus comentarios. Un valor distinto del "
    "archivo se informa y no se escribe (salvo --reemplazar). Sale con 1 si hubo conflictos.",
    no_args_is_help=True,
)

ArchivoArg = Annotated[str, typer.Argument(metavar="ARCHIVO", help="Archivo de SHCP.")]
SalidaOpt = Annotated[
    str,
    typer.Option(
        "--salida",
        "-o",
        metavar="DIR",
        help="Carpeta de specs que se crea o completa (se escribe DIR/<ramo>/<clave>.yaml).",
    ),
]
SimularOpt = Annotated[
    bool, typer.Option("--simular", help="Muestra qué cambiaría, sin escribir nada.")
]
ReemplazarOpt = Annotated[
    bool,
    typer.Option(
        "--reemplazar", help="Sustituye los valores del archivo que difieren de la fuente."
    ),
]
RamoOpt = Annotated[
    Optional[list[str]],
    typer.Option("--ramo", "-r", metavar="RAMO", help="Solo este ramo (repetible), p. ej. 51."),
]
ClaveOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--clave", "-c", metavar="CLAVE", help="Solo este programa (repetible): E045 o 51-E045."
    ),
]
DetalleOpt = Annotated[
    bool, typer.Option("--detalle", "-v", help="Una línea por archivo creado o actualizado.")
]


def _codificacion(default: str):
    return Annotated[
        str,
        typer.Option(
            "--codificacion",
            metavar="COD",
            help=f"Codificación del archivo (por omisión {default}).",
        ),
    ]


@contextlib.contextmanager
def _progreso(archivo: str):
    """A progress bar on stderr for long files, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}", markup=False),  # the file name is data, not markup
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(f"Leyendo {archivo}", total=None)  # sanitised by the console
        yield lambda hecho, total: bar.update(task, completed=hecho, total=total)


def _terminar(lote, salida: str, simular: bool, reemplazar: bool, detalle: bool) -> None:
    from issste_mon.cli.codigos import ExitCode
    from issste_mon.errores import SinDatos
    from issste_mon.importar import escritura, resumen

    err = stderr_console()
    for aviso in lote.avisos:
        err.print(f"aviso: {aviso}", markup=False)
    if not lote.programas:
        raise SinDatos(
            f"ningún programa de {lote.fuente} coincide con el filtro; no se escribió nada"
        )
    plan = escritura.ejecutar(lote, salida, reemplazar, simular)
    for acc in plan.acciones:
        rel = plan.relativa(acc.ruta)
        if acc.error:
            stderr_console(errores=True).print(f"error: {rel}: {acc.error}", markup=False)
        for c in acc.informe.conflictos:
            estado = "reemplazado" if reemplazar else "no se escribe"
            err.print(f"conflicto: {rel}: {c} ({estado})", markup=False)
    if simular or detalle:
        for line in resumen.cambios(plan, simular):
            echo(line)
    for line in resumen.resumen(lote, plan, simular, reemplazar):
        echo(line)
    t = resumen.totales(plan)
    if t.no_modificados or (t.conflictos and not reemplazar):
        raise typer.Exit(ExitCode.HALLAZGOS)


@app.command("avance", cls=ComandoEs)
def avance(
    archivo: ArchivoArg,
    salida: SalidaOpt,
    ramo: RamoOpt = None,
    anios: Annotated[
        Optional[list[int]],
        typer.Option(
            "--anio",
            "--year",
            "-y",
            metavar="AÑO",
            parser=_anio,
            help="Solo este año fiscal (repetible).",
            show_default=False,
        ),
    ] = None,
    clave: ClaveOpt = None,
    sin_fid: Annotated[
        bool,
        typer.Option(
            "--sin-fid",
            help="Omite (y cuenta) los indicadores FID de programas sin MIR; por omisión se "
            "importan con nivel FID.",
        ),
    ] = False,
    simular: SimularOpt = False,
    reemplazar: ReemplazarOpt = False,
    detalle: DetalleOpt = False,
    codificacion: _codificacion("latin-1") = "latin-1",
) -> None:
    """Avance de indicadores MIR (prog_avance_de_indicadores.csv).

    Una fila MIR por indicador con sus años: meta, meta modificada (Cuenta Pública), valor,
    numerador y denominador, umbrales del semáforo. Lee el archivo federal en una sola pasada.

    Ejemplo: issste-mon importar avance prog_avance_de_indicadores.csv --ramo 51 --salida specs
    """
    from issste_mon.importar import avance as imp
    from issste_mon.importar.comun import Filtro

    filtro = Filtro.de(ramo, anios, clave)
    with _progreso(archivo) as progreso:
        lote = imp.leer(archivo, filtro, codificacion, sin_fid, progreso)
    _terminar(lote, salida, simular, reemplazar, detalle)


@app.command("poblaciones", cls=ComandoEs)
def poblaciones(
    archivo: ArchivoArg,
    salida: SalidaOpt,
    ramo: RamoOpt = None,
    clave: ClaveOpt = None,
    anio: Annotated[
        Optional[int],
        typer.Option(
            "--anio",
            "--year",
            "-y",
            metavar="AÑO",
            parser=_anio,
            help="Año fiscal de las cifras (por omisión, el del nombre del archivo).",
        ),
    ] = None,
    simular: SimularOpt = False,
    reemplazar: ReemplazarOpt = False,
    detalle: DetalleOpt = False,
    codificacion: _codificacion("utf-8") = "utf-8-sig",
) -> None:
    """Poblaciones potencial, objetivo y atendida (formato de 2017, CSV o XLSX).

    Un componente por fila, con su unidad de medida, desglose por sexo de la atendida y año de
    corte. Total: indistinto, si no hombres + mujeres (se avisa si no coinciden); vacío → ND.

    Ejemplo: issste-mon importar poblaciones poblaciones_2017.csv --ramo 51 --salida specs
    """
    from issste_mon.importar import poblaciones as imp
    from issste_mon.importar.comun import Filtro

    with _progreso(archivo) as progreso:
        lote = imp.leer(archivo, anio, Filtro.de(ramo, None, clave), codificacion, progreso)
    _terminar(lote, salida, simular, reemplazar, detalle)


@app.command("ised", cls=ComandoEs)
def ised(
    archivo: ArchivoArg,
    salida: SalidaOpt,
    edicion: Annotated[
        int,
        typer.Option(
            "--anio",
            "--year",
            "-y",
            metavar="AÑO",
            parser=_anio,
            help="Año de la edición del ISeD (p. ej. 2020 para la de 2019–2020).",
        ),
    ],
    ramo: RamoOpt = None,
    clave: ClaveOpt = None,
    simular: SimularOpt = False,
    reemplazar: ReemplazarOpt = False,
    detalle: DetalleOpt = False,
    codificacion: _codificacion("utf-8") = "utf-8-sig",
) -> None:
    """Índice de Seguimiento al Desempeño (ISeD) de SHCP, con su nivel publicado.

    RESULTADO_ISED va a ised.<edición>.valor y RESULTADO_ISED_CUALITATIVO a publicado.nivel.

    Ejemplo: issste-mon importar ised ised_2019_2020.csv --anio 2020 --salida specs
    """
    from issste_mon.importar import ised as imp
    from issste_mon.importar.comun import Filtro

    with _progreso(archivo) as progreso:
        lote = imp.leer(archivo, edicion, Filtro.de(ramo, None, clave), codificacion, progreso)
    _terminar(lote, salida, simular, reemplazar, detalle)
