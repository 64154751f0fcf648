"""Typed records built from validated specs. Plain data: no I/O, no formatting."""

from __future__ import annotations

import enum
from collections.abc import Iterator, MutableMapping
from dataclasses import MISSING, dataclass, field, fields
from functools import partial
from itertools import compress, repeat
from operator import attrgetter
from typing import dataclass_transform


class Faltante(enum.StrEnum):
    """Legitimate absence of a figure, as the source documents print it."""

    ND = "ND"  # no disponible
    NA = "NA"  # no aplica

    def __str__(self) -> str:
        return self.value


# A figure in a spec: a number, ND/NA, or None when the spec does not give it at all.
Numero = float | Faltante | None


def es_numero(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class Registro:
    """The root of every record: equality and repr as a dataclass writes them (same class,
    field by field; «Clase(campo=valor, …)»), written once here instead of compiled for each
    of this module's classes (`registro` below: ~2 ms of every command's start-up)."""

    __slots__ = ()
    __hash__ = None  # mutable, as a dataclass with eq=True leaves its records

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        nombres = _nombres(self.__class__)
        return tuple(getattr(self, n) for n in nombres) == tuple(getattr(other, n) for n in nombres)

    def __repr__(self) -> str:
        campos = ", ".join(f"{n}={getattr(self, n)!r}" for n in _nombres(self.__class__))
        return f"{self.__class__.__qualname__}({campos})"


_NOMBRES: dict[type, tuple[str, ...]] = {}


def _nombres(cls: type) -> tuple[str, ...]:
    if cls not in _NOMBRES:
        _NOMBRES[cls] = tuple(f.name for f in fields(cls))
    return _NOMBRES[cls]


@dataclass_transform()
def registro(cls: type | None = None, /, *, kw_only: bool = False):
    """A record class: a slotted dataclass whose eq and repr are Registro's."""
    hacer = partial(dataclass, slots=True, eq=False, repr=False, kw_only=kw_only)
    return hacer if cls is None else hacer(cls)


@registro(kw_only=True)
class Ubicado(Registro):
    """Where a record sits in its spec: the key path, for messages that name file:line."""

    ruta: tuple = ()


@registro(kw_only=True)
class Publicable(Ubicado):
    """A record that may carry the figures a document printed for it (`publicado`)."""

    publicado: dict[str, str] = field(default_factory=dict)


@registro
class Anual(Publicable):
    """A record of one year (`anio`) of a program or a dependency."""

    anio: int


class Vacio(dict):
    """The one empty dict that records read from the cache share (most `publicado` and
    `semaforo`): reading works, changing it raises."""

    __slots__ = ()

    def _readonly(self, *args, **kwargs):
        raise TypeError(
            "registro leído de la caché: este dict vacío es compartido y de solo lectura"
        )

    __setitem__ = __delitem__ = __ior__ = _readonly
    update = setdefault = pop = popitem = clear = _readonly


VACIO = Vacio()


@registro
class LineaBase(Registro):
    anio: int | None
    valor: Numero


@registro
class MetaAnual(Anual):
    meta: Numero = None
    valor: Numero = None
    meta_modificada: Numero = None
    numerador: Numero = None
    denominador: Numero = None
    justificacion: str | None = None
    numerador_descripcion: str | None = None  # v1.2: what the numerador counts, as printed
    # SHCP's own traffic-light thresholds of that year: {verde, amarillo, rojo} (issue 21)
    semaforo: dict[str, Numero] = field(default_factory=dict)


@registro(kw_only=True)
class Medicion(Ubicado):
    """What every indicator has, of a MIR or of a programa derivado: what it is called and
    measures, its baseline, and which of its fields the spec inferred (`inferido`)."""

    id: str
    nombre: str
    sentido: str
    tipo: str | None = None
    unidad_medida: str | None = None
    linea_base: LineaBase | None = None
    inferido: list[str] = field(default_factory=list)  # v1.2: fields not printed, inferred


@registro(kw_only=True)
class Indicador(Medicion):
    nivel: str
    metodo_calculo: str | None = None
    dimension: str | None = None
    frecuencia: str | None = None
    metas: MutableMapping[int, MetaAnual] = field(default_factory=dict)  # or MetasEnColumnas
    sectorial: bool = False
    umbrales: dict[str, Numero] = field(default_factory=dict)
    tipo_relativo: str | None = None
    definicion: str | None = None
    medios_verificacion: str | None = None
    id_shcp: str | None = None
    programa_sectorial: str | None = None  # v1.2: el programa sectorial del indicador
    contribucion: str | None = None  # v1.2: directa | indirecta
    observacion: str | None = None  # v1.2: an evaluator's remark on the indicator


class MetasEnColumnas(MutableMapping):
    """An indicator's metas as the parsed-spec cache stores them: rows `inicio`…`fin` of its
    program's block of columns (`bloque`: for each MetaAnual field with a value other than
    its default, the list of its values, one per indicator-year of the whole MIR; "anio"
    always). To every reader it is the {year: MetaAnual} dict the parser makes: a record is
    made the first time it is asked for (`metas[2023]`: that one; `values()`, `items()`, a
    change: all, and from then on that dict is all there is). Until then the fields are read
    from the columns (`columna`, `columnas_de`): a warm federal `cumplimiento` reads meta, meta
    modificada and valor of ~1.3 million indicator-years by whole programs and makes none of
    them; `verificar` makes only the years that publish a figure. `prefijo`: the indicator's
    keypath, the start of each record's `ruta` when the block has no "ruta" column."""

    __slots__ = ("_bloque", "_inicio", "_fin", "_prefijo", "_dict", "_hechos")

    def __init__(self, bloque: dict[str, list], inicio: int, fin: int, prefijo: tuple) -> None:
        self._bloque, self._inicio, self._fin, self._prefijo = bloque, inicio, fin, prefijo
        self._dict: dict[int, MetaAnual] | None = None  # every record, once made
        self._hechos: dict[int, MetaAnual] = {}  # the records made one by one until then

    def columna(self, campo: str) -> list | None:
        """A MetaAnual field's value in each year (in order), or None once a record is made:
        it may have been changed since, so only the records say what the values are."""
        if self._dict is not None or self._hechos:
            return None
        valores = self._bloque.get(campo)
        if valores is not None:
            return valores[self._inicio : self._fin]
        if campo == "ruta":
            return [_ruta(self._prefijo, y) for y in self._bloque["anio"][self._inicio : self._fin]]
        return [_DEFECTOS[campo]] * (self._fin - self._inicio)

    def solo(self, anio: int) -> MetasEnColumnas:
        """The metas of one recorded year only, still as columns (nothing is made)."""
        i = self._inicio + self._anios().index(anio)
        return MetasEnColumnas(self._bloque, i, i + 1, self._prefijo)

    def _anios(self) -> list[int]:
        return self._bloque["anio"][self._inicio : self._fin]

    def _hacer(self, inicio: int, fin: int) -> dict[int, MetaAnual]:
        """The records of rows inicio…fin of the block (those made already, as they are)."""
        b = self._bloque
        anios = b["anio"][inicio:fin]
        rutas = b["ruta"][inicio:fin] if "ruta" in b else map(_ruta, repeat(self._prefijo), anios)
        columnas = [b[c][inicio:fin] if c in b else repeat(d) for c, d in _DEFECTOS.items()]
        hechos = _hacer_metas(rutas, anios, *columnas)
        if self._hechos:
            hechos.update((a, self._hechos[a]) for a in hechos.keys() & self._hechos.keys())
        return hechos

    def _registros(self) -> dict[int, MetaAnual]:
        if self._dict is None:
            self._dict = self._hacer(self._inicio, self._fin)
            self._bloque = self._prefijo = self._hechos = None  # (the records hold it all)
        return self._dict

    def __getitem__(self, anio: int) -> MetaAnual:
        if self._dict is not None:
            return self._dict[anio]
        if anio not in self._hechos:
            try:
                i = self._inicio + self._anios().index(anio)
            except ValueError:
                raise KeyError(anio) from None
            self._hechos[anio] = self._uno(i)
        return self._hechos[anio]

    def _uno(self, i: int) -> MetaAnual:
        """The record of row i of the block (a figure's year: `verificar` asks for ~13,000),
        field by field as `_hacer_metas` sets them."""
        col = self._bloque.get
        o = object.__new__(MetaAnual)
        o.anio = anio = self._bloque["anio"][i]
        o.ruta = _ruta(self._prefijo, anio) if (c := col("ruta")) is None else c[i]
        o.publicado = VACIO if (c := col("publicado")) is None else c[i]
        o.meta = None if (c := col("meta")) is None else c[i]
        o.valor = None if (c := col("valor")) is None else c[i]
        o.meta_modificada = None if (c := col("meta_modificada")) is None else c[i]
        o.numerador = None if (c := col("numerador")) is None else c[i]
        o.denominador = None if (c := col("denominador")) is None else c[i]
        o.justificacion = None if (c := col("justificacion")) is None else c[i]
        o.numerador_descripcion = None if (c := col("numerador_descripcion")) is None else c[i]
        o.semaforo = VACIO if (c := col("semaforo")) is None else c[i]
        return o

    def __setitem__(self, anio: int, meta: MetaAnual) -> None:
        self._registros()[anio] = meta

    def __delitem__(self, anio: int) -> None:
        del self._registros()[anio]

    def __iter__(self) -> Iterator[int]:
        return iter(self._anios() if self._dict is None else self._dict)

    def __len__(self) -> int:
        return self._fin - self._inicio if self._dict is None else len(self._dict)

    def __contains__(self, anio: object) -> bool:
        return anio in (self._anios() if self._dict is None else self._dict)

    def keys(self):
        return self._registros().keys()

    def values(self):
        return self._registros().values()

    def items(self):
        return self._registros().items()

    def get(self, anio: int, default=None):
        return self[anio] if anio in self else default

    def copy(self) -> dict[int, MetaAnual]:
        return dict(self._registros())

    def __repr__(self) -> str:
        return repr(self._registros())


_RUTAS: dict[tuple, tuple] = {}  # (prefix, year) → keypath: few distinct, shared by all


def _ruta(prefijo: tuple, anio: int) -> tuple:
    """The keypath the parser gives the meta of `anio` of the indicator at `prefijo`."""
    clave = (prefijo, anio)
    ruta = _RUTAS.get(clave)
    if ruta is None:
        ruta = _RUTAS[clave] = (*prefijo, "metas", str(anio))
    return ruta


def _hacer_metas(rutas, anios, publicado, meta, valor, mod, num, den, just, desc, sem) -> dict:
    """{year: MetaAnual} from its keypaths, years and the columns of its other fields (in
    `_DEFECTOS`' order; an absent field's default repeated): each record's slots set one by
    one, what its __init__ would do (~0.5 µs a record, a third of calling it)."""
    hechos = {}
    nuevo = object.__new__
    for r, a, pu, me, va, mm, nu, de, ju, nd, se in zip(
        rutas, anios, publicado, meta, valor, mod, num, den, just, desc, sem, strict=False
    ):  # (the lengths were checked when the block was read; a default repeats forever)
        o = nuevo(MetaAnual)
        o.ruta = r
        o.publicado = pu
        o.anio = a
        o.meta = me
        o.valor = va
        o.meta_modificada = mm
        o.numerador = nu
        o.denominador = de
        o.justificacion = ju
        o.numerador_descripcion = nd
        o.semaforo = se
        hechos[a] = o
    return hechos


def anios_con(metas, campo: str) -> list[int]:
    """The years whose MetaAnual field `campo` holds something (a non-empty `publicado`…),
    without making a record of the metas read from the cache."""
    if metas.__class__ is MetasEnColumnas and metas._dict is None and not metas._hechos:
        valores = metas._bloque.get(campo)
        if valores is None:
            return []
        i, f = metas._inicio, metas._fin
        return list(compress(metas._bloque["anio"][i:f], valores[i:f]))
    return [anio for anio, m in metas.items() if getattr(m, campo)]


def columnas_de(metas: list, campos: tuple[str, ...]) -> tuple[list[int], list[list]]:
    """The year count of each of several indicators' metas, and each of `campos` (MetaAnual
    fields) of all their years, in order: from their program's columns for metas read from
    the cache (`MetasEnColumnas`: nothing is made; neighbours in one block are read as one
    slice), from their records otherwise. (Not "ruta": its column is often not stored.)"""
    if "ruta" in campos:
        raise ValueError("columnas_de: la ruta de cada meta se pide a sus registros")
    cuentas: list[int] = []
    tramos: list[list] = []  # [block, start, end] or [None, records]
    for m in metas:
        if m.__class__ is MetasEnColumnas and m._dict is None and not m._hechos:
            cuentas.append(m._fin - m._inicio)
            if tramos and tramos[-1][0] is m._bloque and tramos[-1][2] == m._inicio:
                tramos[-1][2] = m._fin
            else:
                tramos.append([m._bloque, m._inicio, m._fin])
        elif m:
            registros = list(m.values())
            cuentas.append(len(registros))
            tramos.append([None, registros])
        else:
            cuentas.append(0)
    salida = []
    for campo in campos:
        out: list = []
        leer, defecto = attrgetter(campo), _DEFECTOS.get(campo)
        for bloque, *tramo in tramos:
            if bloque is None:
                out += map(leer, tramo[0])
            elif (valores := bloque.get(campo)) is not None:
                out += valores[tramo[0] : tramo[1]]
            else:
                out += repeat(defecto, tramo[1] - tramo[0])
        salida.append(out)
    return cuentas, salida


# MetaAnual's fields but ruta and anio, with the value each has when not given (a dict
# field: the shared read-only empty dict, as every record read from the cache has it)
_DEFECTOS = {
    f.name: (VACIO if f.default_factory is dict else f.default)
    for f in fields(MetaAnual)
    if f.name not in ("ruta", "anio")
}
if MISSING in _DEFECTOS.values():  # (a field without a default could not be left out)
    raise TypeError("MetaAnual: todo campo salvo ruta y anio necesita su valor por omisión")
_HECHOS = ("ruta", "publicado", "anio", "meta", "valor", "meta_modificada", "numerador")
_HECHOS += ("denominador", "justificacion", "numerador_descripcion", "semaforo")
_CON_DICT = ("publicado", "semaforo")  # (the others default to None)
if _HECHOS != tuple(f.name for f in fields(MetaAnual)) or _DEFECTOS != {
    c: VACIO if c in _CON_DICT else None for c in _HECHOS if c not in ("ruta", "anio")
}:  # every field `_hacer_metas` and `_uno` set, with the defaults `_uno` writes
    raise TypeError("MetaAnual cambió: actualice _HECHOS, _hacer_metas y MetasEnColumnas._uno")


@registro
class Evaluacion(Publicable):
    """v1.2: an external evaluation of the program (Aspectos Relevantes de la Evaluación)."""

    anio: int | None
    tipo: str | None = None
    instancia: str | None = None
    coordinador: str | None = None
    contratacion: str | None = None
    costo: Numero = None
    financiamiento: str | None = None
    coordinacion: str | None = None
    informe: str | None = None
    fuente: str | None = None


@registro
class Punto(Ubicado):
    """v1.2: one numbered item of a FMyE block (fortaleza, recomendación, ASM, avance)."""

    texto: str
    tipo: str | None = None  # F, O, D, A in the FODA blocks
    avance: Numero = None  # % of progress of an Aspecto Susceptible de Mejora


@registro
class Contacto(Registro):
    """v1.2: one «Datos de Contacto» entry of a FMyE: the unit, and its responsible person."""

    unidad: str  # «Unidad Administrativa», «Unidad de Evaluación», «CONEVAL»
    rol: str | None = None  # e.g. «Responsable del programa o acción»
    nombre: str | None = None
    telefono: str | None = None
    email: str | None = None


@registro
class Fmye(Ubicado):
    """v1.2: the blocks of CONEVAL's Ficha de Monitoreo y Evaluación, by name: its narrative
    `textos` (ficha.spec.TEXTOS) and its numbered lists `puntos` (ficha.spec.LISTAS)."""

    titulo: str | None = None
    anio: int | None = None  # the year the ficha evaluates (its «Valor 2017»)
    ejercicio_actual: int | None = None  # the year of «Avances … ejercicio fiscal actual»
    textos: dict[str, str] = field(default_factory=dict)
    puntos: dict[str, list[Punto]] = field(default_factory=dict)
    asm_nota: str | None = None  # e.g. «El programa no comprometió Aspectos de Mejora…»
    contactos: list[Contacto] = field(default_factory=list)
    fuente: str | None = None


@registro
class Poblacion(Anual):
    """Population figures of one year: a program total (componente None) or one component."""

    unidad_medida: str
    componente: str | None = None
    potencial: Numero = None
    objetivo: Numero = None
    atendida: Numero = None
    hombres: Numero = None
    mujeres: Numero = None
    entidades: Numero = None  # v1.2: cobertura geográfica de la atendida (FMyE «Cobertura»)
    municipios: Numero = None
    localidades: Numero = None
    corte: int | None = None
    fuente: str | None = None
    nota: str | None = None  # v1.2: what the document says about how the figures were counted


@registro
class Presupuesto(Anual):
    ejercido: Numero = None
    ramo: Numero = None
    asignado: Numero = None
    precios: str | None = None  # v1.2: base de precios, p. ej. «constantes 2012»
    unidad: str | None = None  # v1.2: unidad de las cifras (mdp)


@registro
class Monitoreo(Anual):
    valoracion: Numero = None


@registro
class Ised(Publicable):
    edicion: int
    valor: Numero = None


@registro(kw_only=True)
class Identificado(Registro):
    """What names a program of either kind, and the spec file it was read from."""

    clave: str
    nombre: str
    archivo: str
    dependencia: str | None = None
    ramo: int | None = None
    inicio: int | None = None  # first year of the program, or of a derived program's period
    fin: int | None = None


@registro(kw_only=True)
class Programa(Identificado):
    ramo: int  # a budget program always belongs to a ramo
    unidad_responsable: str | None = None
    poblaciones: list[Poblacion] = field(default_factory=list)
    presupuesto: list[Presupuesto] = field(default_factory=list)
    mir: list[Indicador] = field(default_factory=list)
    monitoreo: list[Monitoreo] = field(default_factory=list)
    ised: list[Ised] = field(default_factory=list)
    diagnostico: dict[int, dict[str, str]] = field(default_factory=dict)
    evaluaciones: list[Evaluacion] = field(default_factory=list)  # v1.2
    fmye: Fmye | None = None  # v1.2

    @property
    def id_completo(self) -> str:
        return f"{self.ramo}-{self.clave}"

    def anios(self) -> list[int]:
        years = {p.anio for p in self.poblaciones} | {p.anio for p in self.presupuesto}
        years |= {m.anio for m in self.monitoreo}
        years |= {y for ind in self.mir for y in ind.metas}
        return sorted(years)


@registro
class Enunciado(Ubicado):
    """A published count statement such as '5 (56%)', with what it counts."""

    id: str
    publicado: str
    universo: str = "programas"
    atributo: str | None = None
    valor: list[str] = field(default_factory=list)
    n: int | None = None
    total: int | None = None
    fuente: str | None = None
    texto: str | None = None
    # v1.2 (audit): the cut year the count refers to (cierre 2022 ≠ corte 2021)
    corte: int | None = None
    # v1.2: `inferido` when n/total or the counted attributes were taken from this statement
    origen: str | None = None
    contradice: str | None = None  # id of another statement the document also prints
    resto_de: list[str] = field(default_factory=list)  # ids: n = universe − their printed n
    todos: bool = False  # the statement counts the whole universe («Los 9 programas»)


@registro
class MonitoreoDependencia(Anual):
    inmonitoreo: Numero = None
    subindice_dependencia: Numero = None
    lugar: int | None = None
    de: int | None = None


@registro
class Dependencia(Registro):
    clave: str
    siglas: str
    ramo: int
    nombre: str
    archivo: str
    monitoreo: list[MonitoreoDependencia] = field(default_factory=list)
    presupuesto: list[Presupuesto] = field(default_factory=list)
    publicados: dict[str, dict[str, str]] = field(default_factory=dict)  # section.year → publicado
    resumen: dict[int, list[Enunciado]] = field(default_factory=dict)
    programas_sociales: dict[int, list[str]] = field(default_factory=dict)  # universe of resumen
    programa_derivado: str | None = None  # v1.2: clave of its programa derivado


@registro(kw_only=True)
class IndicadorDerivado(Medicion):
    enfoque: str | None = None
    calidad: str | None = None
    criterios_calidad: dict[str, bool] = field(default_factory=dict)
    metas: dict[int, Numero] = field(default_factory=dict)
    meta_sexenal: Numero = None
    valores: dict[int, Numero] = field(default_factory=dict)
    publicado: dict[str, str] = field(default_factory=dict)
    corte: int | None = None  # v1.2: cut year of the published categories (else the program's)


@registro
class Objetivo(Registro):
    id: str
    texto: str
    enfoque: str | None = None
    vinculado_programas: bool | None = None
    indicadores: list[IndicadorDerivado] = field(default_factory=list)
    inferido: list[str] = field(default_factory=list)  # v1.2: fields not printed, inferred


@registro(kw_only=True)
class ProgramaDerivado(Identificado):
    objetivos: list[Objetivo] = field(default_factory=list)
    resumen: dict[int, list[Enunciado]] = field(default_factory=dict)
    tabla_publicada: dict[str, dict[str, str]] = field(default_factory=dict)
    corte_publicado: int | None = None  # v1.2: cut year of the published categories and table

    def indicadores(self) -> list[tuple[Objetivo, IndicadorDerivado]]:
        return [(o, i) for o in self.objetivos for i in o.indicadores]
