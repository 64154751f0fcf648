"""`importar avance|poblaciones|ised`: SHCP open data → specs under --salida."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Optional

import typer

from issste_mon.cli.common import (
    QuietOpt,
    con_opciones,
    echo,
    opcion_anio,
    opciones_de,
    silenciar,
    stderr_console,
)
from issste_mon.cli.es import ComandoEs, GrupoEs

app = typer.Typer(
    cls=GrupoEs,
    help="Crea o completa specs a partir de datos abiertos de SHCP (Transparencia "
    "Presupuestaria): avance de indicadores MIR, poblaciones e ISeD.\n\n"
    "Escribe CARPETA/<ramo>/<clave>.yaml (--salida CARPETA); un archivo existente solo recibe "
    "lo que le falta (años, indicadores, componentes) y conserva sus comentarios. Un valor "
    "distinto del archivo se informa y no se escribe (salvo --reemplazar). Sale con 1 si hubo "
    "conflictos.",
    no_args_is_help=True,
)

ArchivoArg = Annotated[
    str, typer.Argument(metavar="ARCHIVO", help="Archivo de SHCP (CSV o XLSX; «-» lee stdin).")
]
SalidaOpt = Annotated[
    str,
    typer.Option(
        "--salida",
        "-o",
        metavar="CARPETA",
        help="Carpeta de specs que se crea o completa (se escribe CARPETA/<ramo>/<clave>.yaml).",
    ),
]
SimularOpt = Annotated[
    bool, typer.Option("--simular", help="Muestra qué cambiaría, sin escribir nada.")
]
NOMBRE_CONSERVADO = "se conserva el del archivo: un nombre no se reemplaza, ni con --reemplazar"
ReemplazarOpt = Annotated[
    bool,
    typer.Option(
        "--reemplazar",
        help="Sustituye los valores del archivo que difieren de la fuente (cifras y datos que "
        "publica SHCP; nunca el nombre del programa, de su dependencia o de un indicador, que "
        "se conserva y se avisa); el comentario en la línea de un valor sustituido se "
        "conserva y dice que era del valor anterior; lo que la fuente no da (publicado, "
        "fuente…) se conserva, "
        "una nota del archivo se conserva y se le agrega la de la fuente, y si un total del "
        "año pasa a componentes, el conflicto nombra cada campo que se quita (sus líneas quedan "
        "comentadas en el archivo).",
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
    bool,
    typer.Option(
        "--detalle",
        "-v",
        help="Una línea por archivo creado o actualizado, y cada aviso (no solo su cuenta).",
    ),
]
OmitirMalasOpt = Annotated[
    bool,
    typer.Option(
        "--omitir-filas-malas",
        help="Omite (y cuenta) las filas con más o menos celdas que el encabezado, en lugar de "
        "detenerse con error.",
    ),
]
CodificacionOpt = Annotated[
    Optional[str],
    typer.Option(
        "--codificacion",
        metavar="COD",
        help="Codificación del archivo (por omisión se detecta: UTF-8 con o sin BOM, UTF-16, "
        "y CP-1252/Latin-1 solo si no es UTF-8).",
    ),
]


@contextlib.contextmanager
def _progreso(descripcion: str, bytes_: bool = True):
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}", markup=False),  # the file name is data, not markup
        BarColumn(),
        DownloadColumn() if bytes_ else MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(descripcion, total=None)  # sanitised by the console
        yield lambda hecho, total: bar.update(task, completed=hecho, total=total)


class _Barras:
    """The progress bar of the phase the import is in: the source's bytes while it is read,
    the spec files while they are written (one bar at a time, closed when the phase ends)."""

    def __init__(self, archivo: str, op: Escritura) -> None:
        verbo = "Revisando" if op.simular else "Escribiendo"
        self._descripcion = {
            "lectura": f"Leyendo {'stdin' if archivo == '-' else archivo}",
            "escritura": f"{verbo} {op.salida}",
        }
        self._pila = contextlib.ExitStack()
        self._fase: str | None = None
        self._barra = None

    def __enter__(self) -> _Barras:
        return self

    def __exit__(self, *exc) -> None:
        self._pila.close()

    def __call__(self, fase: str, hecho: int, total: int) -> None:
        if fase != self._fase:
            self._pila.close()
            self._fase = fase
            barra = _progreso(self._descripcion[fase], bytes_=fase == "lectura")
            self._barra = self._pila.enter_context(barra)
        if self._barra is not None:
            self._barra(hecho, total)


# The library's arguments its messages name (a source it could not read, its report: avisos,
# conflicts, summary), each printed here as the command's option.
_ARGUMENTOS = (
    "ramo",
    "anio",
    "edicion",
    "clave",
    "codificacion",
    "sin_fid",
    "omitir_filas_malas",
    "reemplazar",
    "detalle",
)


def _opciones(texto: str) -> str:
    """A line of the library's report as the command says it: `reemplazar` → --reemplazar."""
    from issste_mon.errores import en_opciones

    return en_opciones(str(texto), _ARGUMENTOS, _OPCIONES) if "`" in str(texto) else str(texto)


# the ISeD's edición is given as --anio, as every year of the command line
_OPCIONES = {"edicion": "--anio"}


def _importar(funcion: Callable, archivo: str, op: Escritura, **propios) -> None:
    """Run the library's import `funcion` with the command's options, and say what it did."""
    from issste_mon.cli.common import esperando_stdin
    from issste_mon.errores import EntradaInvalida, Problem, SpecError
    from issste_mon.importar.operaciones import SinProgramas

    esperando_stdin([archivo])
    err = stderr_console()
    try:
        with _Barras(archivo, op) as barras:
            hecho = funcion(
                archivo,
                salida=op.salida,
                ramo=op.ramo,
                clave=op.clave,
                simular=op.simular,
                reemplazar=op.reemplazar,
                codificacion=op.codificacion,
                omitir_filas_malas=op.omitir_filas_malas,
                progreso=barras,
                esperando=lambda mensaje: err.print(mensaje, markup=False),
                **propios,
            )
    except SinProgramas as exc:
        _avisos_del_lote(exc.lote, op.detalle)
        raise
    except EntradaInvalida as exc:
        if "edicion" not in exc.argumentos:
            raise
        raise EntradaInvalida(exc.en_opciones(_OPCIONES)) from None
    except SpecError as exc:  # the library names its arguments; the command, its options
        raise SpecError(
            [Problem(p.file, p.line, p.col, p.keypath, _opciones(p.message)) for p in exc.problems]
        ) from None
    _avisos_del_lote(hecho.lote, op.detalle)
    _terminar(hecho, op)


def _avisos_del_lote(lote, detalle: bool) -> None:
    err = stderr_console()
    for aviso in lote.lineas_de_aviso(detalle):
        err.print(f"aviso: {_opciones(aviso)}", markup=False)
    for c in lote.conflictos:  # rows of the source that disagree: no option resolves them
        err.print(f"conflicto: {_opciones(c)}", markup=False)


def _terminar(hecho, op: Escritura) -> None:
    simular, reemplazar, detalle = op.simular, op.reemplazar, op.detalle
    from issste_mon.cli.codigos import ExitCode
    from issste_mon.importar import resumen

    err = stderr_console()
    lote, plan = hecho.lote, hecho.plan
    nombres = [(plan.relativa(a.ruta), c) for a in plan.acciones for c in a.informe.nombres]
    uno_a_uno = detalle or len(nombres) <= 1
    for acc in plan.acciones:
        rel = plan.relativa(acc.ruta)
        if acc.error:
            stderr_console(errores=True).print(
                f"error: {rel}: {_opciones(acc.error)}", markup=False
            )
        for c in acc.informe.conflictos:
            texto = f"{c.donde(rel)}: {c.describir(rel)} ({c.estado(reemplazar)})"
            err.print(f"conflicto: {_opciones(texto)}", markup=False)
        for c in acc.informe.nombres if uno_a_uno else ():  # the person's: kept, even replacing
            err.print(f"aviso: {c.donde(rel)}: {c} ({NOMBRE_CONSERVADO})", markup=False)
    if not uno_a_uno:  # a federal import names ~40: one counted line, as every other aviso
        err.print(f"aviso: {_nombres_agrupados(nombres)}", markup=False)
    if simular or detalle:
        for line in resumen.cambios(plan, simular):
            echo(_opciones(line))
    for line in resumen.resumen(lote, plan, simular, reemplazar):
        echo(_opciones(line))
    if hecho.con_hallazgos:
        raise typer.Exit(ExitCode.HALLAZGOS)


def _nombres_agrupados(nombres: list) -> str:
    """The names a source spells otherwise, as one line: how many of each field, and one."""
    from collections import Counter

    def campo(ruta: str) -> str:
        if ruta in ("nombre", "dependencia"):
            return "nombre del programa" if ruta == "nombre" else "dependencia"
        return "nombre de indicador" if ruta.startswith("mir[") else "nombre de componente"

    cuenta = Counter(campo(c.ruta) for _, c in nombres)
    desglose = ", ".join(f"{k} {n:,}" for k, n in cuenta.most_common())
    rel, c = nombres[0]
    return (
        f"{len(nombres):,} nombres que la fuente escribe distinto ({desglose}): "
        f"{NOMBRE_CONSERVADO} (p. ej. {c.donde(rel)}: {c}; --detalle los lista todos)"
    )


AniosOpt = opcion_anio("Solo este año fiscal (repetible).", varios=True)
AnioCifrasOpt = opcion_anio("Año fiscal de las cifras (por omisión, el del nombre del archivo).")
EdicionOpt = opcion_anio(
    "Año de la edición del ISeD (por omisión, el del nombre del archivo: 2020 para "
    "ised_2019_2020.csv; un nombre que dice otro es un error)."
)
SinFidOpt = Annotated[
    bool,
    typer.Option(
        "--sin-fid",
        help="Omite (y cuenta) los indicadores FID de programas sin MIR; por omisión se "
        "importan con nivel FID.",
    ),
]


@dataclass(kw_only=True)
class Escritura:
    """The options every `importar` command shares: which programs are taken, where their
    specs go (the one required option), what is written and how the file is read. Each field
    is one option, in the order --help lists them (after the command's own)."""

    ramo: RamoOpt = None
    clave: ClaveOpt = None
    salida: SalidaOpt
    simular: SimularOpt = False
    reemplazar: ReemplazarOpt = False
    detalle: DetalleOpt = False
    codificacion: CodificacionOpt = None
    omitir_filas_malas: OmitirMalasOpt = False
    # the group's -q also after the subcommand, as every other command takes it
    quiet: QuietOpt = False


def _escritura(valores: dict) -> Escritura:
    op = Escritura(**valores)
    if op.quiet:
        silenciar()
    if not op.salida:  # Path("") is «.»: the specs would be written in the current folder
        from issste_mon.carga.inputs import vacia

        raise vacia("de --salida", "la carpeta de specs")
    if op.salida == "-":  # elsewhere «-» is stdout: a folder named «-» would be a surprise
        from issste_mon.errores import EntradaInvalida

        raise EntradaInvalida(
            "--salida de importar es la carpeta de specs que se crea o completa: «-» (la salida "
            "estándar) no puede recibir archivos; dé una carpeta (./- si ese es su nombre)"
        )
    from issste_mon.importar.escritura import revisar_salida

    revisar_salida(op.salida)  # before the source is read
    return op


def _comando(nombre: str) -> Callable:
    """`app.command(nombre)` with the shared options added once (cli.common.con_opciones)."""

    def decorar(fn: Callable) -> Callable:
        comando = con_opciones(fn, opciones_de(Escritura), _escritura)
        return app.command(nombre, cls=ComandoEs)(comando)

    return decorar


@_comando("avance")
def avance(
    archivo: ArchivoArg, anios: AniosOpt = None, sin_fid: SinFidOpt = False, *, op: Escritura
) -> None:
    """Avance de indicadores MIR (prog_avance_de_indicadores.csv).

    Una fila MIR por indicador con sus años: meta, meta modificada (Cuenta Pública), valor,
    numerador y denominador, umbrales del semáforo. Lee el archivo federal en una sola pasada.

    Ejemplo: issste-mon importar avance prog_avance_de_indicadores.csv --ramo 51 --salida specs
    """
    from issste_mon.importar.operaciones import importar_avance

    _importar(importar_avance, archivo, op, anio=anios, sin_fid=sin_fid)


@_comando("poblaciones")
def poblaciones(archivo: ArchivoArg, anio: AnioCifrasOpt = None, *, op: Escritura) -> None:
    """Poblaciones potencial, objetivo y atendida (2017) o solo objetivo (2018–2020).

    El formato se reconoce por el encabezado. Un componente por apoyo, con su unidad, el
    desglose hombres/mujeres/indistinto y el corte; personas y áreas de enfoque por separado;
    las cifras repetidas en cada fila de un programa se guardan una vez. Reglas: README.

    Ejemplo: issste-mon importar poblaciones poblaciones_2017.csv --ramo 51 --salida specs
    """
    from issste_mon.importar.operaciones import importar_poblaciones

    _importar(importar_poblaciones, archivo, op, anio=anio)


@_comando("ised")
def ised(archivo: ArchivoArg, edicion: EdicionOpt = None, *, op: Escritura) -> None:
    """Índice de Seguimiento al Desempeño (ISeD) de SHCP, con su nivel publicado.

    RESULTADO_ISED va a ised.<edición>.valor y RESULTADO_ISED_CUALITATIVO a publicado.nivel.

    Ejemplo: issste-mon importar ised ised_2019_2020.csv --salida specs
    """
    from issste_mon.importar.operaciones import importar_ised

    _importar(importar_ised, archivo, op, edicion=edicion)
