"""`tendencias` and `alertas`: what improved and what warns, from multi-year series."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from issste_mon.calc import reglas_alertas
from issste_mon.cli.common import AnioOpt, Comunes, anio, argumento, comando_tabla, opcion

ClavesArg = Annotated[
    Optional[list[str]],
    argumento(
        "[CLAVE]...",
        "Claves de programa (E045 o 51-E045) o de programa derivado (PI-ISSSTE-2020-2024). "
        "Sin claves: todos.",
    ),
]
DesdeOpt = Annotated[
    Optional[int],
    opcion("--anio-desde", metavar="AÑO", parser=anio, ayuda="Desde este año."),
]
HastaOpt = Annotated[
    Optional[int],
    opcion("--anio-hasta", metavar="AÑO", parser=anio, ayuda="Hasta este año."),
]


@comando_tabla(columnas="clave,id,indicador")
def tendencias(
    claves: ClavesArg = None,
    anio: AnioOpt = None,
    anio_desde: DesdeOpt = None,
    anio_hasta: HastaOpt = None,
    *,
    op: Comunes,
) -> None:
    """Serie por año de cada indicador: cambio, dirección según el sentido y cumplimiento.

    Para los indicadores de la MIR y del programa derivado: meta y valor por año, cambio
    respecto al valor anterior (absoluto y %), si es mejora o empeora según el sentido,
    cumplimiento y su rango según la metodología (90–110 % en la incluida), semáforo de SHCP
    y el último cambio de tendencia.

    Ejemplos: issste-mon tendencias PI-ISSSTE · issste-mon tendencias E045 --anio-desde 2015
    · issste-mon tendencias --anio 2022
    """
    from issste_mon import api
    from issste_mon.cli.common import resolve_format
    from issste_mon.salida.formatos import POR_PARTES

    anios = {"anio": anio, "anio_desde": anio_desde, "anio_hasta": anio_hasta}
    api.revisar("tendencias", claves=claves, **anios)  # before loading any spec
    op.revisar_columnas(lambda s: api.tendencias(s, metodologia=op.met()))
    specs, met = op.cargar(), op.met()
    # csv/tsv/json/jsonl: the rows are written as they are computed, never all held
    por_partes = resolve_format(op.formato, op.salida) in POR_PARTES and not op.esquema_salida
    op.emitir(api.tendencias(specs, claves, **anios, metodologia=met, por_partes=por_partes))


@comando_tabla(columnas="clave,id,regla")
def alertas(
    claves: ClavesArg = None,
    mejoras: Annotated[
        bool,
        typer.Option("--mejoras", help="Lista lo que mejoró («¿Qué ha mejorado?») en su lugar."),
    ] = False,
    regla: Annotated[
        Optional[list[str]],
        opcion(
            "--regla",
            "-r",
            metavar="REGLA",
            ayuda=f"Solo estas reglas (repetible): {reglas_alertas.con_etiquetas()}.",
        ),
    ] = None,
    anio: AnioOpt = None,
    anio_desde: DesdeOpt = None,
    anio_hasta: HastaOpt = None,
    *,
    op: Comunes,
) -> None:
    """Alertas al estilo de CONEVAL («¿Qué alertas se presentan?»), con sus cifras.

    Reglas de la metodología: meta no alcanzada (cumplimiento bajo el umbral de la metodología,
    < 90 % en la incluida, o semáforo de SHCP), deterioro, cambio de tendencia, meta sexenal
    en riesgo, indicador sin información completa y cobertura decreciente. Cada alerta trae
    clave, indicador, regla, años, cifras, severidad y un enunciado («De 2021 a 2022
    disminuyó … al pasar de 2.50 a 1.80 respectivamente.»).

    Ejemplos: issste-mon alertas · issste-mon alertas --mejoras · issste-mon alertas PI-ISSSTE
    """
    from issste_mon import api
    from issste_mon.cli.common import gc_paused
    from issste_mon.errores import EntradaInvalida

    if mejoras and regla:  # said with the options typed (the library names its arguments)
        raise EntradaInvalida(
            "--regla no se combina con --mejoras: las reglas eligen alertas, y las mejoras "
            "tienen una sola regla; use una de las dos"
        )
    pedido = {
        "anio": anio,
        "anio_desde": anio_desde,
        "anio_hasta": anio_hasta,
        "mejoras": mejoras,
        "reglas": regla,
    }
    api.revisar("alertas", claves=claves, **pedido)  # before loading any spec
    op.revisar_columnas(
        lambda s: api.alertas(s, mejoras=pedido.get("mejoras") or False, metodologia=op.met())
    )
    specs = op.cargar()
    # ~108,000 alerts on 1,000 programs, each an acyclic dict: the cyclic GC would rescan the
    # growing list many times (~0.4 s, 4 % of the command); paused as for loading
    with gc_paused():
        tabla = api.alertas(specs, claves, **pedido, metodologia=op.met())
    op.emitir(tabla)
