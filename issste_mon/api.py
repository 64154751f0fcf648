"""The public Python API: load specs once, ask questions, get typed tables back.

    >>> import issste_mon as im
    >>> specs = im.cargar()                      # bundled specs (or im.cargar("specs/"))
    >>> t = im.cumplimiento(specs, "E045", anio=2018)
    >>> t.to_dataframe()                         # or t.to_records(), t.filas, t.columnas
    >>> im.verificar(specs).resumen

One rule for every query: `consulta(specs, claves=None, *, anio=None, metodologia=None, …)`.
`claves` is one clave or a list ("E045", "51-E045"; an array or Series of them too, in order);
`anio` an integer (a numpy one too); `metodologia` a `Metodologia`, the path of a
methodology file, or None for the bundled one. Every query returns a `Tabla` (`verificar`: a
`Verificacion` report). Errors are `issste_mon.errores.ErrorIssste` subclasses; an empty result
raises `SinDatos`. Nothing here prints, exits or changes interpreter state.
"""

from __future__ import annotations

import functools
import inspect
import numbers
import operator
import os
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Literal

from issste_mon.errores import EntradaInvalida
from issste_mon.modelo import ANIO_MAX, ANIO_MIN

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


def _ruta(nombre: str, r: object, de: str = "una carpeta o un archivo de specs") -> None:
    if not isinstance(r, str | os.PathLike):
        raise EntradaInvalida(
            f"{nombre}: se esperaba la ruta de {de} (texto o Path), se recibió {r!r}"
        )


def _booleano(nombre: str, v: object) -> None:
    if not isinstance(v, bool):
        raise EntradaInvalida(f"{nombre}: se esperaba True o False, se recibió {v!r}")


def cargar(*rutas: Ruta, cache: bool = False) -> SpecSet:
    """Load and validate every spec under `rutas` (folders or files).

    Without rutas: $ISSSTE_MON_SPECS, ./specs if present, or the bundled specs. Raises
    `SpecError` with every problem of every invalid file (`EntradaInvalida` for a ruta that is
    not a path: `cargar(None)`, `cargar(5)`). `cache=True` reuses the records of
    files unchanged since they were last validated (the CLI's cache directory); their
    indicators' `metas` are then a `MetasEnColumnas`, a mapping equal to the parser's
    {year: MetaAnual} dict whose records are made when first read (`dict(ind.metas)` gives
    the plain dict; `dataclasses.asdict` leaves it a mapping), and their empty dicts are one
    shared read-only dict. Without the cache every record is plain data.

    The garbage collector is left alone; for a federal-size set a caller may wrap the call in
    `gc.disable()` … `gc.freeze(); gc.enable()` as the CLI does (records hold no cycles).
    """
    from issste_mon.carga.loader import default_specs_dir, load_paths

    for r in rutas:
        _ruta("rutas", r)
    _booleano("cache", cache)
    paths = [os.fspath(r) for r in rutas] or [default_specs_dir()]
    return load_paths(paths, cache=cache)


def cargar_metodologia(ruta: Ruta | None = None) -> Metodologia:
    """The methodology (bands, thresholds, formula switches): the bundled one, or a file."""
    if ruta is None:
        return _metodologia_incluida()
    _ruta("ruta", ruta, "un archivo de metodología")
    from issste_mon import metodologia

    return metodologia.load(os.fspath(ruta))


@functools.cache
def _metodologia_incluida() -> Metodologia:
    from issste_mon import metodologia

    return metodologia.load()


def _met(m: Met) -> Metodologia:
    from issste_mon.metodologia import Metodologia

    return m if isinstance(m, Metodologia) else cargar_metodologia(m)


def _vacia(c: str, ejemplo: str = "E045 o 51-E045") -> None:
    """An empty clave names nothing: the error the command line gives for «cobertura ""»,
    never every program."""
    if not c.strip():
        from issste_mon.errores import ClaveNoValida

        raise ClaveNoValida(f'clave no válida "{c}": se esperaba p. ej. {ejemplo}')


def _claves(claves: Claves) -> list[str] | None:
    if claves is None or isinstance(claves, str):
        return None if claves is None else [claves]
    return list(claves) or None  # (checked by _consulta: a clave or a list of them, not empty)


# What each argument of a query may be: name → (check, what is expected, said in Spanish).
# `_consulta` checks every argument a call passes against this, before anything is computed.
def _es_claves(v: object) -> bool:
    if isinstance(v, str):
        return True
    return isinstance(v, Sequence) and all(isinstance(c, str) for c in v)


def _es_met(v: object) -> bool:
    from issste_mon.metodologia import Metodologia

    return isinstance(v, Metodologia | str | os.PathLike)


def _es_anio(v: object) -> bool:
    return v.__class__ is not bool and isinstance(v, int) and ANIO_MIN <= v <= ANIO_MAX


def _es_texto(v: object) -> bool:
    return isinstance(v, str)


_UN_ANIO = f"un año entero entre {ANIO_MIN} y {ANIO_MAX} (p. ej. 2017)"
_ESPERADO = {
    "claves": (_es_claves, "una clave o una lista de claves (p. ej. «E045»)"),
    "clave": (_es_texto, "la clave de un programa derivado, como texto (p. ej. «PI-ISSSTE»)"),
    "anio": (_es_anio, _UN_ANIO),
    "anio_desde": (_es_anio, _UN_ANIO),
    "anio_hasta": (_es_anio, _UN_ANIO),
    "metodologia": (
        _es_met,
        "un objeto Metodologia (issste_mon.cargar_metodologia(...)) o la ruta de un archivo",
    ),
    "nivel": (_es_texto, "un nivel como texto (p. ej. «Propósito»)"),
    "indice": (_es_texto, "«inmonitoreo» o «ised»"),
    "filas": (_es_texto, "un atributo como texto (p. ej. «enfoque»)"),
    "columnas": (_es_texto, "un atributo como texto (p. ej. «avance_sexenal»)"),
    "reglas": (_es_claves, "una regla o una lista de reglas (p. ej. «deterioro»)"),
    "mejoras": (lambda v: isinstance(v, bool), "True o False"),
    "por_partes": (lambda v: isinstance(v, bool), "True o False"),
    "enunciados": (lambda v: isinstance(v, bool), "True o False"),
    "distribucion": (lambda v: isinstance(v, bool), "True o False"),
}


def _firma(fn, sig: inspect.Signature) -> str:
    partes, kw = [], False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not kw:
            partes.append("*")
            kw = True
        partes.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
    return f"{fn.__name__}({', '.join(partes)})"


def _consulta(fn):
    """A query checks what it is given before it runs (`_revisar`): a wrong type is
    `EntradaInvalida` in Spanish (never an AttributeError or a TypeError from deep inside), and
    a year that is not an integer is not «no hay datos de 2017» (anio="2017" matched no
    record); an argument the query does not take is named."""
    sig = inspect.signature(fn)
    _FIRMAS[fn.__name__] = (fn, sig)

    @functools.wraps(fn)
    def consulta(*args, **kwargs):
        from issste_mon.carga.loader import SpecSet

        try:
            ligados = sig.bind(*args, **kwargs)
        except TypeError:
            desconocidos = [k for k in kwargs if k not in sig.parameters]
            raise _no_corresponden(fn, sig, desconocidos) from None
        dados = _como_python(ligados.arguments)
        specs = dados.get("specs")
        if not isinstance(specs, SpecSet):
            raise EntradaInvalida(
                "se esperaban specs cargadas (issste_mon.cargar(...)), se recibió "
                f"{type(specs).__name__}"
            )
        _revisar(fn.__name__, dados)
        return fn(*ligados.args, **ligados.kwargs)

    return consulta


def _como_python(dados: dict) -> dict:
    """What a notebook hands over, as the plain values the checks and the queries take (in
    place): a year read from a DataFrame (`numpy.int64(2017)`, any integer but a bool) as the
    int it is, and claves or reglas from a column (`df["clave"].unique()`, a Series, a
    generator) as a list — not a set: the rows follow the claves' order, which a set does not
    keep. Anything else is left for `_revisar` to name."""
    for nombre in ("anio", "anio_desde", "anio_hasta"):
        v = dados.get(nombre)
        if v is not None and not isinstance(v, bool | int) and isinstance(v, numbers.Integral):
            # Integral, not "has __index__": numpy < 2 gives its bool_ an __index__, and
            # `anio=df["x"].any()` would become the year 1
            dados[nombre] = operator.index(v)
    for nombre in ("claves", "reglas"):
        v = dados.get(nombre)
        if isinstance(v, Iterable) and not isinstance(v, str | bytes | Sequence | Mapping | Set):
            dados[nombre] = list(v)
    return dados


# name of a query → (its function, its signature): what `revisar` checks against
_FIRMAS: dict[str, tuple] = {}


def _no_corresponden(fn, sig: inspect.Signature, desconocidos: list[str]) -> EntradaInvalida:
    que = (
        f"argumento desconocido «{desconocidos[0]}»"
        if desconocidos
        else "argumentos que no corresponden"
    )
    return EntradaInvalida(f"{que}; se esperaba {_firma(fn, sig)}")


def revisar(consulta: str, /, **argumentos) -> None:
    """Raise now what the query named `consulta` ("cumplimiento") would refuse in `argumentos`
    before reading any spec: a wrong type, an empty or malformed clave, an unknown nivel, regla
    or attribute, a range backwards. Needs no specs, so a caller about to load thousands of
    them (the command line) learns first that `cumplimiento(specs, "NOTACLAVE")` cannot be
    answered. The query runs these same checks itself."""
    if consulta not in _FIRMAS:
        raise EntradaInvalida(
            f"consulta desconocida «{consulta}»; se esperaba una de: {', '.join(_FIRMAS)}"
        )
    fn, sig = _FIRMAS[consulta]
    desconocidos = [k for k in argumentos if k == "specs" or k not in sig.parameters]
    if desconocidos:
        raise _no_corresponden(fn, sig, desconocidos)
    _revisar(consulta, _como_python(argumentos))


def _revisar(consulta: str, dados: dict) -> None:
    """Every argument by its name (`_ESPERADO`), then the query's own checks (`_REVISIONES`)."""
    for nombre, v in dados.items():
        if v is None or nombre not in _ESPERADO:
            continue
        es, esperado = _ESPERADO[nombre]
        if not es(v):
            raise EntradaInvalida(f"{nombre}: se esperaba {esperado}, se recibió {v!r}")
        if nombre in ("claves", "reglas") and not isinstance(v, str) and len(v) == 0:
            # an empty filter (`df[…]["clave"].unique()` that matched nothing) is not «every
            # program», as an empty clave is not
            raise EntradaInvalida(
                f"{nombre}: la lista está vacía y no nombra nada; para todos, omita {nombre}"
            )
        if nombre == "claves":
            for c in [v] if isinstance(v, str) else v:
                _vacia(c)
        elif nombre == "clave":
            _vacia(v, "PI-ISSSTE-2020-2024")
    for revision in _REVISIONES.get(consulta, ()):
        revision(dados)


def _claves_de_programa(dados: dict) -> None:
    """cobertura and cumplimiento name programs only (no siglas, no programa derivado): a text
    that is no program's clave is refused by its form."""
    from issste_mon.claves import parse_clave

    for c in _claves(dados.get("claves")) or ():
        parse_clave(c)


def _nivel(dados: dict) -> None:
    nivel = dados.get("nivel")
    if nivel is not None:
        from issste_mon import vocab

        if vocab.NIVEL.match(nivel) is None:
            raise EntradaInvalida(f'nivel desconocido "{nivel}"; use {vocab.NIVEL.describe()}')


def _periodo(dados: dict) -> None:
    from issste_mon.calc.tendencias import Periodo

    Periodo.de(dados.get("anio"), dados.get("anio_desde"), dados.get("anio_hasta"))


def _reglas(dados: dict) -> None:
    reglas = _claves(dados.get("reglas"))
    if dados.get("mejoras") and reglas:
        raise EntradaInvalida(
            "reglas no se combina con mejoras: las reglas eligen alertas, y las mejoras tienen "
            "una sola regla; use una de las dos"
        )
    from issste_mon.calc.reglas_alertas import REGLAS

    for r in reglas or ():
        if r not in REGLAS:
            raise EntradaInvalida(
                f"regla desconocida «{r}»; se esperaba una de: {', '.join(REGLAS)}"
            )


def _atributos(dados: dict) -> None:
    for nombre in ("filas", "columnas"):
        if dados.get(nombre) is not None:
            from issste_mon.consultas.derivado import atributo_cruzable

            atributo_cruzable(dados[nombre], nombre)


# What a query checks beyond each argument's type, by its name.
_REVISIONES = {
    "cobertura": (_claves_de_programa,),
    "cumplimiento": (_claves_de_programa, _nivel),
    "sexenal": (_atributos,),
    "tendencias": (_periodo,),
    "alertas": (_periodo, _reglas),
}


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

    `nivel`: Fin, Propósito, Componente, Actividad or FID (any case or accents). `por_partes=True`,
    for sets too large to hold: a `TablaPorPartes` whose `.partes()` yields the same rows
    program after program, as columns; its `resumen` is complete once the last part is taken.
    """
    from issste_mon import vocab
    from issste_mon.consultas import tablas

    canon = None if nivel is None else vocab.NIVEL.match(nivel)  # (checked by _nivel)
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
    por_partes: bool = False,
) -> Tabla:
    """Each indicator's series by year: change (absolute, %, mejora/empeora by its sentido),
    cumplimiento and rango, SHCP semáforo, and the last change of trend. `anio`: that year
    alone; `anio_desde`/`anio_hasta`: a range (not both). `por_partes=True`, as in
    `cumplimiento`: a `TablaPorPartes` whose `.partes()` yields the same rows a few hundred
    indicators at a time; its `resumen` is complete once the last part is taken."""
    from issste_mon.calc.tendencias import Periodo
    from issste_mon.consultas import alertas as consultas

    periodo = Periodo.de(anio, anio_desde, anio_hasta)
    return consultas.tendencias(
        specs, _met(metodologia), _claves(claves), periodo, por_partes=por_partes
    )


@_consulta
def alertas(
    specs: SpecSet,
    claves: Claves = None,
    *,
    mejoras: bool = False,
    reglas: str | Sequence[str] | None = None,
    anio: Anio = None,
    anio_desde: Anio = None,
    anio_hasta: Anio = None,
    metodologia: Met = None,
) -> Tabla:
    """CONEVAL-style alerts (or, with `mejoras`, improvements) by the methodology's rules,
    over one year (`anio`) or a range (`anio_desde`/`anio_hasta`), not both. `reglas`: one
    rule ("deterioro") or several; improvements have one rule of their own, so `mejoras` with
    `reglas` is `EntradaInvalida` (the rules would be ignored)."""
    from issste_mon.calc.tendencias import Periodo
    from issste_mon.consultas import alertas as consultas

    return consultas.alertas(
        specs,
        _met(metodologia),
        _claves(claves),
        Periodo.de(anio, anio_desde, anio_hasta),
        mejoras,
        reglas=_claves(reglas),
    )
