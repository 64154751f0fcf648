"""`verificar`: every published figure against the computation; exit 1 when one differs."""

from __future__ import annotations

from typing import Annotated

import typer

from issste_mon.cli.codigos import ExitCode
from issste_mon.cli.common import AnioOpt, Comunes, argumento, comando_tabla


@comando_tabla(columnas="archivo,linea,campo")
def verificar(
    claves: Annotated[
        list[str] | None,
        argumento(
            "[CLAVE]...",
            "Claves de programa (E045, 51-E045), siglas de dependencia (ISSSTE) o clave de "
            "programa derivado. Sin claves: todas las specs.",
        ),
    ] = None,
    anio: AnioOpt = None,
    permitir_explicadas: Annotated[
        bool,
        typer.Option(
            "--permitir-explicadas",
            help="Sale con 0 si toda diferencia tiene explicación (p. ej. el documento trunca "
            "en lugar de redondear).",
        ),
    ] = False,
    *,
    op: Comunes,
) -> None:
    """Verifica cada cifra publicada (`publicado`) contra el cálculo de issste-mon.

    Una fila por cifra: archivo:línea, cifra, publicado, calculado, veredicto.

    Veredictos: coincide (insumos independientes) · coincide por construcción (insumos
    tomados de la misma publicación) · difiere · difiere, explicada · contradicción en la
    fuente (dos cifras impresas que no pueden valer a la vez) · no verificable (qué falta, o
    corte distinto).

    Sale con 0 si nada difiere ni se contradice, 1 si algo difiere o se contradice, 2 si la
    entrada no es válida. Con --permitir-explicadas sale con 0 si toda diferencia tiene
    explicación.

    Ejemplos: issste-mon verificar · issste-mon verificar E045 -f csv
    """
    from issste_mon import api
    from issste_mon.cli.common import gc_paused

    api.revisar("verificar", claves=claves, anio=anio)  # before loading any spec
    op.revisar_columnas(lambda s: api.verificar(s, metodologia=op.met()).tabla)
    specs = op.cargar()
    # ~13,000 findings on 1,000 programs, each a few acyclic objects: the cyclic GC would
    # rescan the growing list many times (~55 ms, 7 % of the command); paused as for loading
    with gc_paused():
        informe = api.verificar(specs, claves, anio=anio, metodologia=op.met())
    op.emitir(informe.tabla)
    if informe.hay_hallazgos(permitir_explicadas) and not op.esquema_salida:
        raise typer.Exit(ExitCode.HALLAZGOS)
