"""Commands about the programa derivado and the Diagnóstico: sexenal, calidad, resumen."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from issste_mon.cli.common import AnioOpt, Comunes, argumento, comando_tabla, opcion, opcion_anio

DerivadoArg = Annotated[
    Optional[str],
    argumento(
        "[CLAVE]",
        "Clave del programa derivado (p. ej. PI-ISSSTE-2020-2024, o un prefijo único como "
        "PI-ISSSTE). Sin clave: todos los cargados.",
    ),
]


CorteOpt = opcion_anio(
    "Corte: el último valor de cada indicador hasta este año (por omisión, el último)."
)


@comando_tabla()
def sexenal(
    clave: DerivadoArg = None,
    tabla: Annotated[
        Optional[str],
        opcion(
            "--tabla",
            "-t",
            metavar="ATRIBUTO",
            ayuda="Tabla cruzada de ATRIBUTO (filas) × avance sexenal, con totales y "
            "porcentajes; «enfoque» da la tabla del Programa Institucional.",
        ),
    ] = None,
    filas: Annotated[
        Optional[str],
        opcion(
            "--filas",
            metavar="ATRIBUTO",
            ayuda="Atributo de los renglones de la tabla cruzada (por omisión enfoque).",
        ),
    ] = None,
    columnas: Annotated[
        Optional[str],
        opcion(
            "--columnas",
            metavar="ATRIBUTO",
            ayuda="Atributo de las columnas de la tabla cruzada (por omisión avance_sexenal).",
        ),
    ] = None,
    anio: CorteOpt = None,
    *,
    op: Comunes,
) -> None:
    """Avance de cada indicador hacia su meta sexenal y su meta intermedia.

    A = (valor − línea base) / (meta sexenal − línea base) × 100, contra el avance esperado
    del año; categorías Superado … Muy rezagado y Logro muy superado … Retroceso según la
    metodología. Sin valores en la spec se usa la categoría publicada, marcada «publicado».

    Atributos para --tabla/--filas/--columnas: enfoque, avance_sexenal, meta_intermedia,
    calidad, tipo, sentido, objetivo, enfoque_objetivo, avance_sexenal_origen,
    meta_intermedia_origen y los criterios de calidad.

    Ejemplos: issste-mon sexenal · issste-mon sexenal --anio 2021 ·
    issste-mon sexenal --tabla enfoque ·
    issste-mon sexenal --filas calidad --columnas meta_intermedia -f csv
    """
    from issste_mon import api
    from issste_mon.errores import EntradaInvalida

    if tabla is not None and filas is not None:
        raise EntradaInvalida("use --tabla o --filas, no ambas")
    try:
        api.revisar("sexenal", clave=clave, anio=anio, filas=tabla or filas, columnas=columnas)
    except EntradaInvalida as exc:
        if "filas" not in exc.argumentos or tabla is None:
            raise
        # the query knows --tabla only as its `filas`: the error names the option typed
        raise EntradaInvalida(exc.en_opciones({"filas": "--tabla"})) from None
    cruce = api.sexenal(
        op.cargar(), clave, anio=anio, filas=tabla or filas, columnas=columnas, metodologia=op.met()
    )
    op.emitir(cruce)


@comando_tabla(columnas="clave,id,indicador")
def calidad(
    clave: DerivadoArg = None,
    distribucion: Annotated[
        bool,
        typer.Option(
            "--distribucion",
            "-d",
            help="Solo la distribución por categoría, con «n (%)» y las agrupaciones.",
        ),
    ] = False,
    *,
    op: Comunes,
) -> None:
    """Categoría de calidad y marcas de los criterios de cada indicador del programa derivado.

    Criterios: claridad, relevancia, monitoreabilidad, adecuación y pertinencia temática. La
    categoría es la publicada; al final, la distribución («3 (20%) Destacado o Adecuado»).

    Ejemplos: issste-mon calidad · issste-mon calidad PI-ISSSTE --distribucion -f json
    """
    from issste_mon import api

    api.revisar("calidad", clave=clave, distribucion=distribucion)
    op.revisar_columnas(
        lambda s: api.calidad(s, distribucion=distribucion, metodologia=op.met()),
        titulo_fijo=False,
    )
    op.emitir(api.calidad(op.cargar(), clave, distribucion=distribucion, metodologia=op.met()))


@comando_tabla(columnas="anio,atributo,valor")
def resumen(
    anio: AnioOpt = None,
    enunciados: Annotated[
        bool,
        typer.Option(
            "--enunciados",
            "-e",
            help="Los enunciados «n (p%)» publicados, recalculados y comparados.",
        ),
    ] = False,
    *,
    op: Comunes,
) -> None:
    """Vista de la dependencia del Diagnóstico: cuántos programas tienen cada atributo, «5 (56%)».

    Cuenta los atributos registrados por programa (`diagnostico:` en cada spec) sobre los
    programas sociales del año. Con --enunciados, cada frase publicada «n (p%)» de la
    dependencia y de su programa derivado, recalculada y comparada con lo impreso.

    Ejemplos: issste-mon resumen · issste-mon resumen --enunciados -f csv
    """
    from issste_mon import api

    op.revisar_columnas(
        lambda s: api.resumen(s, enunciados=enunciados, metodologia=op.met()), titulo_fijo=False
    )
    op.emitir(api.resumen(op.cargar(), anio=anio, enunciados=enunciados, metodologia=op.met()))
