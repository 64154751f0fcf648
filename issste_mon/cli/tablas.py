"""Commands that answer one question with one table: cobertura, cumplimiento, presupuesto…"""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from issste_mon.cli.common import AnioOpt, ClavesArg, Comunes, comando_tabla, opcion, opcion_anio


class Indice(enum.StrEnum):
    inmonitoreo = "inmonitoreo"
    ised = "ised"


@comando_tabla(columnas="clave,anio,componente")
def cobertura(claves: ClavesArg = None, anio: AnioOpt = None, *, op: Comunes) -> None:
    """Cobertura PA/PO y PO/PP por programa, componente y año.

    Nunca suma poblaciones con unidades de medida distintas: por componente, y un total solo
    donde las unidades coinciden. Una cobertura mayor a 100 % se muestra y se señala.

    Ejemplos: issste-mon cobertura E045 · issste-mon cobertura --anio 2023 -f csv
    """
    from issste_mon import api

    api.revisar("cobertura", claves=claves, anio=anio)  # before loading any spec
    op.revisar_columnas(lambda s: api.cobertura(s, metodologia=op.met()))
    op.emitir(api.cobertura(op.cargar(), claves, anio=anio, metodologia=op.met()))


@comando_tabla(columnas="clave,anio,indicador")
def cumplimiento(
    claves: ClavesArg = None,
    anio: AnioOpt = None,
    nivel: Annotated[
        Optional[str],
        opcion(
            "--nivel",
            "-n",
            metavar="NIVEL",
            ayuda="Solo indicadores de este nivel: Fin, Propósito, Componente, Actividad o FID "
            "(indicadores de programas sin MIR).",
        ),
    ] = None,
    *,
    op: Comunes,
) -> None:
    """Cumplimiento de metas por indicador (según su sentido) y su rango según la metodología.

    El rango lo fija --metodologia (90–110 % en la incluida); la salida dice cuál se usó.

    Al final, el promedio de cumplimiento y cuántos indicadores caen en cada rango (en stderr
    cuando la salida es csv/tsv/json, para no mezclarlo con los datos).

    Ejemplos: issste-mon cumplimiento --anio 2023 · issste-mon cumplimiento E048 --nivel propósito
    """
    from issste_mon import api
    from issste_mon.cli.common import resolve_format
    from issste_mon.salida.formatos import POR_PARTES

    api.revisar("cumplimiento", claves=claves, anio=anio, nivel=nivel)
    op.revisar_columnas(lambda s: api.cumplimiento(s, metodologia=op.met()))
    specs, met = op.cargar(), op.met()
    # csv/tsv/json/jsonl: the rows are written as they are computed, never all held
    por_partes = resolve_format(op.formato, op.salida) in POR_PARTES and not op.esquema_salida
    op.emitir(
        api.cumplimiento(
            specs, claves, anio=anio, nivel=nivel, metodologia=met, por_partes=por_partes
        )
    )


@comando_tabla(metodologia=False, columnas="clave,anio,ejercido_mdp")
def presupuesto(claves: ClavesArg = None, anio: AnioOpt = None, *, op: Comunes) -> None:
    """Presupuesto ejercido del programa y su participación en el del ramo (%).

    Ejemplo: issste-mon presupuesto E045
    """
    from issste_mon import api

    api.revisar("presupuesto", claves=claves, anio=anio)
    op.revisar_columnas(api.presupuesto)
    op.emitir(api.presupuesto(op.cargar(), claves, anio=anio))


@comando_tabla(columnas="clave,anio,valoracion")
def monitoreo(
    claves: ClavesArg = None,
    anio: AnioOpt = None,
    indice: Annotated[
        Indice,
        typer.Option(
            "--indice",
            case_sensitive=False,
            help="inmonitoreo: InMonitoreo de CONEVAL · ised: Índice de Seguimiento al "
            "Desempeño de SHCP (con su nivel publicado).",
        ),
    ] = "inmonitoreo",
    *,
    op: Comunes,
) -> None:
    """Valoración y nivel de monitoreo (CONEVAL) por programa y de la dependencia.

    Incluye el subíndice de la dependencia y el InMonitoreo calculado a partir de sus programas
    y el subíndice, con su nivel y lugar. Con --indice ised: el ISeD de SHCP por programa y
    edición, clasificado con las bandas de la metodología junto al nivel publicado.

    Ejemplos: issste-mon monitoreo --anio 2024 · issste-mon monitoreo --indice ised
    """
    from issste_mon import api

    api.revisar("monitoreo", claves=claves, anio=anio, indice=indice)
    if indice == Indice.ised:  # (no ISeD in the bundled set: its columns, which no row decides)
        from issste_mon.consultas.tablas import TITULO_ISED, columnas_ised
        from issste_mon.salida.tabla import Tabla

        op.revisar_columnas(lambda _: Tabla(TITULO_ISED, columnas_ised(op.met()), []))
    else:
        op.revisar_columnas(lambda s: api.monitoreo(s, indice=indice, metodologia=op.met()))
    op.emitir(api.monitoreo(op.cargar(), claves, anio=anio, indice=indice, metodologia=op.met()))


ConCifrasOpt = opcion_anio("Solo los programas con alguna cifra de este año.")


@comando_tabla(metodologia=False, columnas="clave,nombre")
def programas(anio: ConCifrasOpt = None, *, op: Comunes) -> None:
    """Los programas cargados: clave, nombre y años con datos.

    Ejemplos: issste-mon programas --specs mis_specs/ · issste-mon programas --anio 2023
    """
    from issste_mon import api

    op.revisar_columnas(api.programas)
    op.emitir(api.programas(op.cargar(), anio=anio))
