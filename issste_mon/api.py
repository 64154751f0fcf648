"""The public Python API: load specs once, ask questions, get typed tables back.

    >>> import issste_mon as im
    >>> specs = im.cargar()                      # bundled specs (or im.cargar("specs/"))
    >>> t = im.cumplimiento(specs, "E045", anio=2018)
    >>> t.to_dataframe()                         # or t.to_records(), t.filas, t.columnas
    >>> im.verificar(specs).resumen

One rule for every query: `consulta(specs, claves=None, *, anio=None, metodologia=None, …)`.
`claves` is one clave or a list ("E045", "51-E045"); `metodologia` a `Metodologia`, the path of a
methodology file, or None for the bundled one. Every query returns a `Tabla` (`verificar`: a
`Verificacion` report). Errors are `issste_mon.errores.ErrorIssste` subclasses; an empty result
raises `SinDatos`. Nothing here prints, exits or changes interpreter state.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from issste_mon.errores import EntradaInvalida

if TYPE_CHECKING:
    from issste_mon.auditoria import Verificacion
    from issste_mon.carga.loader import SpecSet
    from issste_mon.metodologia import Metodologia
    from issste_mon.salida.tabla import Tabla

Claves = str | Sequence[str] | None  # one clave or several: "E045", ["E045", "51-E048"]
Ruta = str | os.PathLike[str]
Anio = int | None  # one fiscal year; None: every year
if TYPE_CHECKING:
    Met = Metodologia | Ruta | None  # the object, a methodology file, or None: the bundled one


def cargar(*rutas: Ruta, cache: bool = False) -> SpecSet:
    """Load and validate every spec under `rutas` (folders or files).

    Without rutas: $ISSSTE_MON_SPECS, ./specs if present, or the bundled specs. Raises
    `SpecError` with every problem of every invalid file. `cache=True` reuses the records of
    files unchanged since they were last validated (the CLI's cache directory); their
    indicators' `metas` are then a `MetasEnColumnas`, a mapping equal to the parser's
    {year: MetaAnual} dict whose records are made when first read (`dict(ind.metas)` gives
    the plain dict; `dataclasses.asdict` leaves it a mapping), and their empty dicts are one
    shared read-only dict. Without the cache every record is plain data.

    The garbage collector is left alone; for a federal-size set a caller may wrap the call in
    `gc.disable()` … `gc.freeze(); gc.enable()` as the CLI does (records hold no cycles).
    """
    from issste_mon.carga.loader import default_specs_dir, load_paths

    paths = [os.fspath(r) for r in rutas] or [default_specs_dir()]
    return load_paths(paths, cache=cache)


def cargar_metodologia(ruta: Ruta | None = None) -> Metodologia:
    """The methodology (bands, thresholds, formula switches): the bundled one, or a file."""
    if ruta is None:
        return _metodologia_incluida()
    from issste_mon import metodologia

    return metodologia.load(os.fspath(ruta))


@functools.cache
def _metodologia_incluida() -> Metodologia:
    from issste_mon import metodologia

    return metodologia.load()


def _met(m: Met) -> Metodologia:
    from issste_mon.metodologia import Metodologia

    return m if isinstance(m, Metodologia) else cargar_metodologia(m)


def _claves(claves: Claves) -> list[str] | None:
    if claves is None or isinstance(claves, str):
        return [claves] if claves else None
    if not isinstance(claves, Sequence) or not all(isinstance(c, str) for c in claves):
        raise EntradaInvalida(
            f"claves: se esperaba una clave o una lista de claves (p. ej. «E045»), se recibió "
            f"{claves!r}"
        )
    return list(claves) or None


def _consulta(fn):
    """A query checks what it is given before it runs: a wrong type is `EntradaInvalida` in
    Spanish (never an AttributeError), and a year that is not an integer is not «no hay
    datos de 2017» (anio="2017" matched no record)."""

    @functools.wraps(fn)
    def consulta(specs, *args, **kwargs):
        from issste_mon.carga.loader import SpecSet

        if not isinstance(specs, SpecSet):
            raise EntradaInvalida(
                "se esperaban specs cargadas (issste_mon.cargar(...)), se recibió "
                f"{type(specs).__name__}"
            )
        for nombre in ("anio", "anio_desde", "anio_hasta"):
            v = kwargs.get(nombre)
            if v is not None and (v.__class__ is bool or not isinstance(v, int)):
                raise EntradaInvalida(
                    f"{nombre}: se esperaba un año entero (p. ej. 2017), se recibió {v!r}"
                )
        return fn(specs, *args, **kwargs)

    return consulta


@_consulta
def programas(specs: SpecSet, *, anio: Anio = None) -> Tabla:
    """The loaded programs: clave, ramo, name, years with data, MIR indicators; with `anio`,
    only those with some figure of that year."""
    from issste_mon.consultas import tablas

    return tablas.programas(specs, anio)


@_consulta
def cobertura(
    specs: SpecSet, claves: Claves = None, *, anio: Anio = None, metodologia: Met = None
) -> Tabla:
    """Coverage PA/PO and PO/PP by program, component and year (never summing units)."""
    from issste_mon.consultas import tablas

    return tablas.cobertura(specs, _met(metodologia), _claves(claves), anio)


@_consulta
def cumplimiento(
    specs: SpecSet,
    claves: Claves = None,
    *,
    anio: Anio = None,
    nivel: str | None = None,
    metodologia: Met = None,
    por_partes: bool = False,
) -> Tabla:
    """Goal attainment per MIR indicator (by its sense) and its range under the methodology
    (90–110 % in the bundled one).

    `nivel`: Fin, Propósito, Componente or Actividad (any case or accents). `por_partes=True`,
    for sets too large to hold: a `TablaPorPartes` whose `.partes()` yields the same rows
    program after program, as columns; its `resumen` is complete once the last part is taken.
    """
    from issste_mon import vocab
    from issste_mon.consultas import tablas

    canon = None
    if nivel is not None:
        canon = vocab.NIVEL.match(nivel)
        if canon is None:
            raise EntradaInvalida(f'nivel desconocido "{nivel}"; use {vocab.NIVEL.describe()}')
    m = _met(metodologia)
    return tablas.cumplimiento(specs, m, _claves(claves), anio, canon, por_partes=por_partes)


@_consulta
def presupuesto(specs: SpecSet, claves: Claves = None, *, anio: Anio = None) -> Tabla:
    """Budget exercised (MDP) and its share of the ramo's."""
    from issste_mon.consultas import tablas

    return tablas.presupuesto(specs, _claves(claves), anio)


@_consulta
def monitoreo(
    specs: SpecSet,
    claves: Claves = None,
    *,
    anio: Anio = None,
    indice: Literal["inmonitoreo", "ised"] = "inmonitoreo",
    metodologia: Met = None,
) -> Tabla:
    """CONEVAL's monitoring level (InMonitoreo) by program and dependency, or with
    `indice="ised"` SHCP's ISeD by program and edition beside its published level."""
    from issste_mon.consultas import tablas

    if indice not in ("inmonitoreo", "ised"):
        raise EntradaInvalida(f'índice desconocido "{indice}"; use inmonitoreo o ised')
    consulta = tablas.monitoreo_ised if indice == "ised" else tablas.monitoreo
    return consulta(specs, _met(metodologia), _claves(claves), anio)


@_consulta
def verificar(
    specs: SpecSet, claves: Claves = None, *, anio: Anio = None, metodologia: Met = None
) -> Verificacion:
    """Every published figure against the computation: a report with one `Hallazgo` per
    figure, the `Recuento` of verdicts, the overall `Veredicto` and the table.

    `claves` may also name a dependency (ISSSTE) or a programa derivado.
    """
    from issste_mon.consultas import tablas

    return tablas.verificacion(specs, _met(metodologia), _claves(claves), anio)


@_consulta
def resumen(
    specs: SpecSet, *, anio: Anio = None, enunciados: bool = False, metodologia: Met = None
) -> Tabla:
    """The Diagnóstico's dependency view: how many programs have each attribute «5 (56%)»;
    with `enunciados=True`, each published «n (p%)» statement recomputed and compared."""
    from issste_mon.consultas import resumen as consultas

    consulta = consultas.enunciados if enunciados else consultas.atributos
    return consulta(specs, _met(metodologia), anio)


@_consulta
def sexenal(
    specs: SpecSet,
    clave: str | None = None,
    *,
    anio: Anio = None,
    filas: str | None = None,
    columnas: str | None = None,
    metodologia: Met = None,
) -> Tabla:
    """Progress of each indicator of a programa derivado toward its six-year goal; with
    `filas` and/or `columnas` (attributes), the cross-table with totals and percentages.
    `anio`: the cut, each indicator's last value up to that year (default: its last)."""
    from issste_mon.consultas import derivado

    m = _met(metodologia)
    if filas is None and columnas is None:
        return derivado.sexenal_indicadores(specs, m, clave, anio)
    return derivado.sexenal_cruce(specs, m, clave, filas, columnas, anio)


@_consulta
def calidad(
    specs: SpecSet,
    clave: str | None = None,
    *,
    distribucion: bool = False,
    metodologia: Met = None,
) -> Tabla:
    """Quality category and criteria of each indicator of a programa derivado; with
    `distribucion=True`, only the distribution by category «n (p%)»."""
    from issste_mon.consultas import derivado

    consulta = derivado.calidad_por_categoria if distribucion else derivado.calidad
    return consulta(specs, _met(metodologia), clave)


@_consulta
def tendencias(
    specs: SpecSet,
    claves: Claves = None,
    *,
    anio: Anio = None,
    anio_desde: Anio = None,
    anio_hasta: Anio = None,
    metodologia: Met = None,
) -> Tabla:
    """Each indicator's series by year: change (absolute, %, mejora/empeora by its sentido),
    cumplimiento and rango, SHCP semáforo, and the last change of trend. `anio`: that year
    alone; `anio_desde`/`anio_hasta`: a range (not both)."""
    from issste_mon.calc.tendencias import Periodo
    from issste_mon.consultas import alertas as consultas

    periodo = Periodo.de(anio, anio_desde, anio_hasta)
    return consultas.tendencias(specs, _met(metodologia), _claves(claves), periodo)


@_consulta
def alertas(
    specs: SpecSet,
    claves: Claves = None,
    *,
    mejoras: bool = False,
    reglas: Sequence[str] | None = None,
    anio: Anio = None,
    anio_desde: Anio = None,
    anio_hasta: Anio = None,
    metodologia: Met = None,
) -> Tabla:
    """CONEVAL-style alerts (or, with `mejoras`, improvements) by the methodology's rules,
    over one year (`anio`) or a range (`anio_desde`/`anio_hasta`), not both."""
    from issste_mon.calc.tendencias import Periodo
    from issste_mon.consultas import alertas as consultas

    return consultas.alertas(
        specs,
        _met(metodologia),
        _claves(claves),
        Periodo.de(anio, anio_desde, anio_hasta),
        mejoras,
        reglas=list(reglas) if reglas else None,
    )
