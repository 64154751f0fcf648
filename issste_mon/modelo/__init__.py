"""Typed records built from validated specs. Plain data: no I/O, no formatting.

An indicator's `metas` is the parser's {year: MetaAnual} dict, or, read from the cache, a
`modelo.metas.MetasEnColumnas` that equals it and makes its records when they are read."""

from __future__ import annotations

import enum
from collections.abc import MutableMapping
from dataclasses import field
from functools import partial

from issste_mon.modelo.base import Registro
from issste_mon.modelo.base import registro as _registro


class Faltante(enum.StrEnum):
    """Legitimate absence of a figure, as the source documents print it."""

    ND = "ND"  # no disponible
    NA = "NA"  # no aplica

    def __str__(self) -> str:
        return self.value


# A figure in a spec: a number, ND/NA, or None when the spec does not give it at all.
Numero = float | Faltante | None


# The years a record may be of: a spec, the methodology and the command line accept these and
# name them when they refuse a year.
ANIO_MIN, ANIO_MAX = 1900, 2200


def es_numero(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# Every record is slotted: millions of them in a federal load.
registro = partial(_registro, slots=True)


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
    # what the spec says of that year's figures (importar avance: «valor acumulado al mes 6»):
    # it travels with every figure computed from them
    nota: str | None = None
    fuente: str | None = None  # the document of that year's figures, where not the indicator's


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
    metas: MutableMapping[int, MetaAnual] = field(default_factory=dict)  # (see the docstring)
    sectorial: bool = False
    umbrales: dict[str, Numero] = field(default_factory=dict)
    tipo_relativo: str | None = None
    definicion: str | None = None
    medios_verificacion: str | None = None
    id_shcp: str | None = None
    programa_sectorial: str | None = None  # v1.2: el programa sectorial del indicador
    contribucion: str | None = None  # v1.2: directa | indirecta
    observacion: str | None = None  # v1.2: an evaluator's remark on the indicator
    fuente: str | None = None  # the document that prints it (audit messages name it)


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
    corte: int | None = None  # the year of the PA's cut-off (`corte`: 2016 or {mes, anio})
    corte_mes: int | None = None  # and its month, where the source gives one (SHCP's files)
    # the PP's cut-off (`corte_potencial`, importar poblaciones), which PO/PP rests on
    corte_potencial: int | None = None
    corte_potencial_mes: int | None = None
    # the PO's (`corte_objetivo`, SHCP 2018–2020): a total of POs cut at different times says so
    corte_objetivo: int | None = None
    corte_objetivo_mes: int | None = None
    fuente: str | None = None
    nota: str | None = None  # v1.2: what the document says about how the figures were counted
    # the source's definition of each population (importar: SHCP's «Definición de la
    # población …»), by population: potencial / objetivo / atendida
    definicion: dict[str, str] = field(default_factory=dict)
    # populations the spec deduced, not printed (a PO taken back from a printed cobertura):
    # a ratio on them rests on what no document prints
    inferido: list[str] = field(default_factory=list)


@registro
class PoblacionTotal(Anual):
    """What a document printed for the total of a year's `componentes` (its `publicado`,
    `fuente` and `nota`, written beside them): the total itself is computed from them."""

    fuente: str | None = None
    nota: str | None = None


@registro
class Presupuesto(Anual):
    ejercido: Numero = None
    ramo: Numero = None
    asignado: Numero = None
    precios: str | None = None  # v1.2: base de precios, p. ej. «constantes 2012»
    unidad: str | None = None  # v1.2: unidad de las cifras (mdp)
    fuente: str | None = None
    nota: str | None = None  # the document's remark on the year's figures
    inferido: list[str] = field(default_factory=list)  # figures deduced, not printed ([ramo])


@registro
class Monitoreo(Anual):
    valoracion: Numero = None
    fuente: str | None = None
    nota: str | None = None


@registro
class Ised(Publicable):
    edicion: int
    valor: Numero = None
    fuente: str | None = None
    nota: str | None = None


@registro
class Procedencia(Registro):
    """Where a program's Diagnóstico attribute was taken from (v1.2, `diagnostico.<año>.
    procedencia.<atributo>`): `enunciados`, the ids of the dependency's count statements
    (`resumen`) that are its only source — a statement counted over it can only «coincidir por
    construcción» —, and the document (`fuente`) and sentence (`texto`) that print it."""

    enunciados: list[str] = field(default_factory=list)
    fuente: str | None = None
    texto: str | None = None


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
    fuente: str | None = None  # the documents the spec's figures come from
    poblaciones: list[Poblacion] = field(default_factory=list)
    # a year with componentes: what its document printed for their total (one per such year)
    totales_poblacion: list[PoblacionTotal] = field(default_factory=list)
    presupuesto: list[Presupuesto] = field(default_factory=list)
    mir: list[Indicador] = field(default_factory=list)
    monitoreo: list[Monitoreo] = field(default_factory=list)
    ised: list[Ised] = field(default_factory=list)
    diagnostico: dict[int, dict[str, str]] = field(default_factory=dict)
    # v1.2: per year, the provenance of each attribute (`procedencia:` of the year)
    procedencia: dict[int, dict[str, Procedencia]] = field(default_factory=dict)
    # v1.2: per year, the attributes the spec deduced (`inferido:` of the year): a count over
    # them only matches by construction, as over an objective's or an indicator's
    diagnostico_inferido: dict[int, list[str]] = field(default_factory=dict)
    evaluaciones: list[Evaluacion] = field(default_factory=list)  # v1.2
    fmye: Fmye | None = None  # v1.2

    @property
    def id_completo(self) -> str:
        return f"{self.ramo}-{self.clave}"

    def anios(self) -> list[int]:
        years = {p.anio for p in self.poblaciones} | {p.anio for p in self.presupuesto}
        years |= {m.anio for m in self.monitoreo} | {i.edicion for i in self.ised}
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
    fuente: str | None = None
    nota: str | None = None


@registro
class Dependencia(Registro):
    clave: str
    siglas: str
    ramo: int
    nombre: str
    archivo: str
    fuente: str | None = None  # the documents of its figures (a year may name its own)
    monitoreo: list[MonitoreoDependencia] = field(default_factory=list)
    presupuesto: list[Presupuesto] = field(default_factory=list)
    publicados: dict[str, dict[str, str]] = field(default_factory=dict)  # section.year → publicado
    fuentes_publicados: dict[str, str] = field(default_factory=dict)  # section.year → its fuente
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
    fuente: str | None = None  # the document that prints it, where not the program's


@registro
class Objetivo(Registro):
    id: str
    texto: str
    enfoque: str | None = None
    vinculado_programas: bool | None = None
    indicadores: list[IndicadorDerivado] = field(default_factory=list)
    inferido: list[str] = field(default_factory=list)  # v1.2: fields not printed, inferred
    fuente: str | None = None  # the document of its indicators, where not the program's


@registro(kw_only=True)
class ProgramaDerivado(Identificado):
    objetivos: list[Objetivo] = field(default_factory=list)
    resumen: dict[int, list[Enunciado]] = field(default_factory=dict)
    tabla_publicada: dict[str, dict[str, str]] = field(default_factory=dict)
    corte_publicado: int | None = None  # v1.2: cut year of the published categories and table
    fuente: str | None = None  # the documents its figures come from

    def indicadores(self) -> list[tuple[Objetivo, IndicadorDerivado]]:
        return [(o, i) for o in self.objetivos for i in o.indicadores]
