"""The spec format as data: which fields each section has, their kinds, and their vocabularies.

One table, two readers: the loader (`carga/esquema.py`) reads every scalar field of these
sections through `leer()`, and the JSON Schema (`carga/esquema_json.py`, `issste-mon esquema`)
is generated from the same tables, so a field, a type or an enumeration is written down once.
What the tables cannot say (cross-field rules: a clave that matches its file name, ids that
repeat, PA > PO) stays in the loader and in `validar`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from issste_mon import vocab
from issste_mon.vocab import Vocab

if TYPE_CHECKING:
    from collections.abc import Callable

    from issste_mon.carga.campos import Node

# Kinds of field
TEXTO = "texto"  # text (a number is read as its text)
NUMERO = "numero"  # a number, or ND / NA (not available / not applicable)
ENTERO = "entero"
ANIO = "anio"  # an integer from modelo.ANIO_MIN to modelo.ANIO_MAX
CORTE = "corte"  # a cut-off: a year, or {mes, anio} (importar poblaciones); read by its own code
BOOLEANO = "booleano"
ENUM = "enum"  # one of a vocabulary, without regard to case or accents
PUBLICADO = "publicado"  # figures as printed: a mapping of texts
MAPEO = "mapeo"  # a mapping with the fields of `seccion`
LISTA = "lista"  # a list of mappings with the fields of `seccion` (or of `elemento`s)
POR_ANIO = "por_anio"  # a mapping year → mapping with the fields of `seccion` (or → `elemento`)
POR_NOMBRE = (
    "por_nombre"  # a mapping name (e.g. an attribute) → mapping with the fields of `seccion`
)
LIBRE = "libre"  # any value: read by code of its own (v1.2 blocks) or kept as given
# fields of its own section the spec deduced and the document does not print: a text or a list
# of texts, each one of `Campo.nombres` (a misspelt name would leave a figure «confirmed»)
INFERIDO = "inferido"
# Fields `importar` writes, read by code of their own in carga/esquema.py, typed as it reads them:
TEXTOS = "textos"  # a text or a list of texts (`enunciados: [c1, c2]`)
# a mapping name → number or ND/NA, or (with `niveles` > 1) → such a mapping (`desglose`)
CIFRAS = "cifras"
TEXTO_O_NOMBRES = "texto_o_nombres"  # a text, or a mapping of some of `nombres` → text


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: str
    ayuda: str = ""
    obligatorio: bool = False
    vocab: Vocab | None = None
    no_negativo: bool = False
    seccion: Seccion | None = None
    patron: str | None = None  # a regular expression the text must match (documentation)
    minimo: float | None = None
    maximo: float | None = None
    defecto: Any = None  # the record's value when the field is absent or wrong
    # False: the loader reads it with code of its own (nested sections), not with `leer`
    registro: bool = True
    # INFERIDO: the names it may list; PUBLICADO: the figures `verificar` checks there (and
    # `prefijos` of figures named freely: `avance_sexenal_texto_2`)
    nombres: tuple[str, ...] = ()
    prefijos: tuple[str, ...] = ()
    # POR_ANIO, LISTA: what each year or item is when it is no mapping of fields (a number)
    elemento: Campo | None = None
    niveles: int = 1  # CIFRAS: how deep mappings of figures nest


@dataclass(frozen=True)
class Seccion:
    nombre: str
    ayuda: str
    campos: tuple[Campo, ...]
    # alternative shape of the same mapping (poblaciones of a year: the figures, or a list of
    # componentes)
    variantes: tuple[Seccion, ...] = field(default=())

    def campo(self, nombre: str) -> Campo:
        for c in self.campos:
            if c.nombre == nombre:
                return c
        raise KeyError(nombre)


# Not fields a document prints: what identifies a row, its remarks, `inferido` itself, and an
# objective's list of indicators.
_NO_INFERIBLES = frozenset({"id", "inferido", "fuente", "nota", "indicadores"})


def _con_inferibles(s: Seccion, *series: str) -> Seccion:
    """`s` with its `inferido` naming any of its own fields (and `series`, e.g. an indicator's
    `valores`, which are not one field of it)."""
    propios = tuple(c.nombre for c in s.campos if c.nombre not in _NO_INFERIBLES) + series
    campos = tuple(replace(c, nombres=propios) if c.tipo == INFERIDO else c for c in s.campos)
    return replace(s, campos=campos)


def _t(nombre: str, ayuda: str = "", **kw) -> Campo:
    return Campo(nombre, TEXTO, ayuda, **kw)


def _n(nombre: str, ayuda: str = "", **kw) -> Campo:
    return Campo(nombre, NUMERO, ayuda, **kw)


PUBLICADO_CAMPO = Campo(
    "publicado",
    PUBLICADO,
    "Cifras tal como las publica CONEVAL/SHCP (texto), que `verificar` compara con el cálculo.",
)
# (the figures a document repeats in its text: «622 servicios … de los 543 esperados»)
_TEXTOS_META = ("meta_texto", "valor_texto", "atendida_texto")
_CIFRAS_TOTAL = ("cobertura", "po_pp", "potencial", "objetivo", "atendida")
_NIVELES_DEPENDENCIA = ("nivel", "inmonitoreo", "lugar", "nivel_subindice", "nivel_texto")


def _publicado(*nombres: str, prefijos: tuple[str, ...] = ()) -> Campo:
    """The `publicado` of a section whose figures `verificar` checks: `nombres` (a test checks
    they are the ones its checkers are registered for)."""
    return replace(PUBLICADO_CAMPO, nombres=nombres, prefijos=prefijos)


SEMAFORO = Seccion(
    "semaforo",
    "Umbrales del semáforo de SHCP.",
    (_n("verde"), _n("amarillo"), _n("rojo")),
)
LINEA_BASE = Seccion(
    "linea_base",
    "Línea base del indicador.",
    (Campo("anio", ANIO, "Año de la línea base."), _n("valor", "Valor de la línea base.")),
)
META_ANUAL = Seccion(
    "meta",
    "Meta y valor de un año.",
    (
        _n("meta", "Meta del año (ND/NA si no hay)."),
        _n("valor", "Valor alcanzado."),
        _n("meta_modificada", "Meta modificada durante el año."),
        _n("numerador"),
        _n("denominador"),
        _t("justificacion"),
        _publicado("cumplimiento", "rango", "meta", "valor", *_TEXTOS_META),
        _t("numerador_descripcion", "Qué cuenta el numerador, como lo imprime la fuente."),
        Campo("semaforo", MAPEO, "Umbrales de SHCP de ese año.", seccion=SEMAFORO, registro=False),
        Campo("id_shcp", LIBRE, "ID_INDICADOR de SHCP de ese ciclo.", registro=False),
        _t("nota", "Nota sobre las cifras del año (se muestra con su cumplimiento y alertas)."),
        _t("fuente", "Documento de las cifras del año, si no es el del indicador."),
    ),
)
INDICADOR = _con_inferibles(
    Seccion(
        "indicador",
        "Un indicador de la MIR.",
        (
            _t("id", "Identificador único en el programa (P1, C1.2…).", obligatorio=True),
            Campo(
                "nivel", ENUM, "Nivel de la MIR.", obligatorio=True, vocab=vocab.NIVEL, defecto=""
            ),
            _t("nombre", "Nombre del indicador.", obligatorio=True, defecto=""),
            Campo("sentido", ENUM, "Sentido.", obligatorio=True, vocab=vocab.SENTIDO, defecto=""),
            _t("metodo_calculo"),
            _t("unidad_medida"),
            Campo("tipo", ENUM, "Tipo de indicador.", vocab=vocab.TIPO_MIR),
            Campo("dimension", ENUM, "Dimensión.", vocab=vocab.DIMENSION),
            _t("frecuencia"),
            Campo("linea_base", MAPEO, seccion=LINEA_BASE),
            Campo(
                "sectorial",
                BOOLEANO,
                "Indicador del programa sectorial, no de la MIR: la ficha lo muestra en "
                "«Indicador sectorial».",
                defecto=False,
            ),
            _t("tipo_relativo"),
            _t("definicion"),
            _t("medios_verificacion"),
            _t("id_shcp"),
            _t("programa_sectorial"),
            _t("contribucion"),
            _t("observacion"),
            _t("fuente", "Documento que imprime el indicador y sus cifras."),
            Campo("inferido", INFERIDO, "Campos inferidos, no impresos (p. ej. [sentido])."),
            Campo("umbrales", MAPEO, "Umbrales propios.", seccion=SEMAFORO, registro=False),
            Campo(
                "metas", POR_ANIO, "Metas y valores por año.", seccion=META_ANUAL, registro=False
            ),
            Campo("tipo_shcp", LIBRE, "Categoría de SHCP sin equivalente.", registro=False),
            Campo("dimension_shcp", LIBRE, "Categoría de SHCP sin equivalente.", registro=False),
        ),
    ),
    "valores",
)
_CIFRAS_POBLACION = (
    _t("unidad_medida", "Unidad de medida de las poblaciones.", obligatorio=True, defecto=""),
    _n("potencial", "Población potencial (PP).", no_negativo=True),
    _n("objetivo", "Población objetivo (PO).", no_negativo=True),
    _n("atendida", "Población atendida (PA).", no_negativo=True),
    _n("hombres", no_negativo=True),
    _n("mujeres", no_negativo=True),
    _n("entidades", no_negativo=True),
    _n("municipios", no_negativo=True),
    _n("localidades", no_negativo=True),
    Campo("corte", CORTE, "Corte de la PA: un año (2016) o {mes: 12, anio: 2016}."),
    _t("fuente"),
    _publicado(*_CIFRAS_TOTAL, "cobertura_cota"),
    _t("nota", "Nota de la fuente sobre estas cifras (se muestra con la cobertura)."),
    Campo(
        "inferido",
        INFERIDO,
        "Poblaciones que la spec dedujo y el documento no imprime (p. ej. [objetivo]): una "
        "cobertura que descansa en ellas lo dice, y `verificar` no la da por confirmada.",
        nombres=("potencial", "objetivo", "atendida"),
    ),
    # importar poblaciones: what SHCP's file says, kept so a reader can check the figures
    Campo("corte_potencial", CORTE, "Corte de la PP (como `corte`).", registro=False),
    Campo(
        "corte_objetivo",
        CORTE,
        "Corte de la PO (como `corte`; formato 2018–2020 de SHCP, que solo da la PO).",
        registro=False,
    ),
    Campo(
        "desglose",
        CIFRAS,
        "Cifras crudas de la fila: hombres, mujeres, indistinto…",
        no_negativo=True,
        niveles=2,
        registro=False,
    ),
    Campo(
        "programada",
        NUMERO,
        "PO programada del año (ediciones 2018–2020).",
        no_negativo=True,
        registro=False,
    ),
    Campo("apoyos", LIBRE, "Apoyos del programa que repiten la misma cifra.", registro=False),
    Campo("tipo", LIBRE, "Tipo de población (personas, áreas de enfoque).", registro=False),
    Campo(
        "definicion",
        TEXTO_O_NOMBRES,
        "Definición de la población en la fuente: un texto (la de la PO) o {potencial, objetivo, "
        "atendida: texto}.",
        nombres=("potencial", "objetivo", "atendida"),
        registro=False,
    ),
    Campo("vertiente", LIBRE, "Vertiente del programa en la fuente.", registro=False),
)
POBLACION = Seccion("poblacion", "Poblaciones de un año.", _CIFRAS_POBLACION)
COMPONENTE = Seccion(
    "componente",
    "Poblaciones de un componente (bien o servicio) con su unidad de medida.",
    (_t("nombre", "Nombre del componente.", obligatorio=True), *_CIFRAS_POBLACION),
)
POBLACIONES_ANIO = Seccion(
    "poblaciones",
    "Poblaciones de un año: las cifras, o una lista de componentes.",
    _CIFRAS_POBLACION,
    variantes=(
        Seccion(
            "componentes",
            "Un componente por bien o servicio; nunca se suman unidades distintas.",
            (
                Campo("componentes", LISTA, obligatorio=True, seccion=COMPONENTE, registro=False),
                _t(
                    "fuente",
                    "Documento de las cifras del año (el de cada componente que no nombre otro).",
                ),
                Campo(
                    "publicado",
                    PUBLICADO,
                    "Cifras del total de los componentes tal como se publican (cobertura, po_pp, "
                    "potencial, objetivo, atendida), que `verificar` compara con el total "
                    "calculado.",
                    nombres=_CIFRAS_TOTAL,
                ),
                _t("nota", "Nota de la fuente sobre las cifras del año (se muestra con ellas)."),
            ),
        ),
    ),
)
PRESUPUESTO = Seccion(
    "presupuesto",
    "Presupuesto de un año, en millones de pesos (MDP).",
    (
        _n("ejercido", "Ejercido del programa (MDP).", no_negativo=True),
        _n("ramo", "Ejercido del ramo (MDP).", no_negativo=True),
        _n("asignado", "Asignado (MDP).", no_negativo=True),
        _publicado("porcentaje_ramo", "porcentaje_ramo_texto", "ejercido", "ramo", "asignado"),
        _t("precios", "Precios de las cifras (p. ej. «constantes de 2012»)."),
        Campo(
            "unidad",
            ENUM,
            "Unidad de las cifras: MDP (millones de pesos), la del formato; otra es un error "
            "(las cifras se mostrarían como MDP).",
            vocab=vocab.UNIDAD_PRESUPUESTO,
        ),
        _t("fuente", "Documento que imprime las cifras del año."),
        _t("nota", "Nota sobre las cifras del año (se muestra con su participación)."),
        Campo(
            "inferido",
            INFERIDO,
            "Cifras que la spec dedujo y el documento no imprime (p. ej. [ramo]): una "
            "participación que descansa en ellas lo dice, y `verificar` no la da por confirmada.",
            nombres=("ejercido", "ramo"),
        ),
    ),
)
MONITOREO = Seccion(
    "monitoreo",
    "Valoración de monitoreo de CONEVAL de un año.",
    (
        _n("valoracion", "Valoración (0 a 1).", minimo=0, maximo=1),
        _publicado("nivel", "valoracion"),
        _t("fuente", "Documento que imprime la valoración."),
        _t("nota", "Nota sobre la valoración (se muestra con su nivel)."),
    ),
)
ISED = Seccion(
    "ised",
    "Índice de Seguimiento al Desempeño de SHCP de una edición.",
    (
        _n("valor", "ISeD (0 a 1).", minimo=0, maximo=1),
        Campo(
            "publicado",
            PUBLICADO,
            "Lo publicado; `nivel`: " + vocab.NIVEL_ISED.describe() + ".",
            seccion=Seccion(
                "publicado_ised",
                "",
                (Campo("nivel", ENUM, "Nivel publicado.", vocab=vocab.NIVEL_ISED),),
            ),
            nombres=("nivel", "valor"),
        ),
        _t("fuente", "Documento o archivo que publica el ISeD de esa edición."),
        _t("nota", "Nota sobre el valor de esa edición (se muestra con su nivel)."),
    ),
)
PROCEDENCIA_ATRIBUTO = Seccion(
    "procedencia",
    "De dónde se tomó un atributo del Diagnóstico (v1.2).",
    (
        Campo(
            "enunciados",
            TEXTOS,
            "Ids de los enunciados de conteo (`resumen` de la dependencia) que son su única "
            "fuente: un conteo sobre este atributo solo coincide por construcción.",
            registro=False,
        ),
        _t("fuente", "Documento que lo imprime.", registro=False),
        _t("texto", "La frase del documento.", registro=False),
    ),
)
DIAGNOSTICO = Seccion(
    "diagnostico",
    "Atributos del Diagnóstico de Monitoreo de un año, con su categoría (`resumen` los cuenta); "
    "otro atributo: un texto o true/false; su fuente y la procedencia de cada uno.",
    (
        _t("fuente"),
        Campo("inferido", LIBRE, "Atributos deducidos, no impresos.", registro=False),
        Campo(
            "procedencia",
            POR_NOMBRE,
            "Por atributo: de qué enunciados, documento y frase se tomó (v1.2).",
            seccion=PROCEDENCIA_ATRIBUTO,
            registro=False,
        ),
        *(Campo(n, ENUM, vocab=v) for n, v in vocab.ATRIBUTOS_DIAGNOSTICO.items()),
    ),
)
PROGRAMA = Seccion(
    "programa",
    "Spec de un programa presupuestario.",
    (
        _t("tipo", "programa (por omisión) | dependencia | programa_derivado.", registro=False),
        _t(
            "clave",
            "Clave del programa: modalidad y tres dígitos (E045); igual al nombre del archivo.",
            obligatorio=True,
            patron=r"^[A-Z][0-9]{3}$",
            registro=False,
        ),
        Campo("ramo", ENTERO, "Ramo (51: ISSSTE).", obligatorio=True, defecto=0, minimo=1),
        _t("nombre", "Nombre del programa.", obligatorio=True, defecto=""),
        _t("dependencia"),
        _t("unidad_responsable"),
        _t(
            "fuente",
            "Documentos de los que se tomaron las cifras (las de un año o un indicador "
            "pueden nombrar el suyo).",
        ),
        Campo("inicio", ANIO, "Año de inicio."),
        Campo("fin", ANIO, "Año de fin."),
        Campo("poblaciones", POR_ANIO, seccion=POBLACIONES_ANIO, registro=False),
        Campo("presupuesto", POR_ANIO, seccion=PRESUPUESTO, registro=False),
        Campo("mir", LISTA, "Indicadores de la MIR.", seccion=INDICADOR, registro=False),
        Campo("monitoreo", POR_ANIO, seccion=MONITOREO, registro=False),
        Campo("ised", POR_ANIO, seccion=ISED, registro=False),
        Campo("diagnostico", POR_ANIO, seccion=DIAGNOSTICO, registro=False),
        Campo("evaluaciones", LIBRE, "Evaluaciones externas (v1.2).", registro=False),
        Campo("fmye", LIBRE, "Bloques de texto de la FMyE (v1.2).", registro=False),
    ),
)
EVALUACION = Seccion(
    "evaluacion",
    "Evaluación externa del programa (v1.2, FMyE).",
    (
        Campo("anio", ANIO, "Año de la evaluación."),
        _t("tipo"),
        _t("instancia"),
        _t("coordinador"),
        _t("contratacion"),
        _n("costo", "Costo de la evaluación.", no_negativo=True),
        _t("financiamiento"),
        _t("coordinacion"),
        _t("informe"),
        _t("fuente"),
        PUBLICADO_CAMPO,
    ),
)
MONITOREO_DEPENDENCIA = Seccion(
    "monitoreo_dependencia",
    "InMonitoreo de la dependencia de un año.",
    (
        _n("inmonitoreo", "InMonitoreo (0 a 1).", minimo=0, maximo=1),
        _n("subindice_dependencia", "Subíndice de la dependencia (0 a 1).", minimo=0, maximo=1),
        Campo("lugar", ENTERO, "Lugar en la clasificación (1 a `de`).", minimo=1),
        Campo("de", ENTERO, "Dependencias y entidades clasificadas.", minimo=1),
        _publicado(*_NIVELES_DEPENDENCIA, prefijos=("nivel_anterior_",)),
        _t("fuente", "Documento que imprime las cifras del año."),
        _t("nota", "Nota sobre las cifras del año (se muestra con el InMonitoreo)."),
    ),
)
ENUNCIADO = Seccion(
    "enunciado",
    "Un enunciado de conteo publicado («n (p%)», «n de N», «la mayoría»…) de `resumen`.",
    (
        _t("id", "Único en el archivo: `contradice` y `resto_de` lo nombran.", obligatorio=True),
        _t(
            "publicado",
            "El conteo entre comillas, tal como se imprimió («5 (56%)»).",
            obligatorio=True,
            patron=r"\S",
        ),
        Campo(
            "universo",
            ENUM,
            "programas (por omisión) | objetivos | indicadores (estos dos, solo en un programa "
            "derivado).",
            vocab=vocab.UNIVERSO,
        ),
        _t("atributo", "El atributo que cuenta."),
        Campo("valor", LIBRE, "El valor (o la lista de valores) del atributo que cuenta."),
        Campo(
            "n", ENTERO, "Conteo impreso, cuando el documento no nombra los elementos.", minimo=0
        ),
        Campo("total", ENTERO, "Universo del conteo impreso.", minimo=0),
        Campo("todos", BOOLEANO, "El conteo es el universo entero («Los 9 programas»)."),
        Campo("corte", ANIO, "Año al que se refiere el conteo."),
        _t("origen", "inferido | enunciado.", patron=r"^(inferido|enunciado)$"),
        _t("contradice", "El id de otro enunciado, o la descripción del otro lugar del documento."),
        Campo("resto_de", TEXTOS, "Ids de enunciados: n = universo − sus n impresos."),
        _t("fuente"),
        _t("texto", "La frase tal como se imprimió."),
    ),
)
DEPENDENCIA = Seccion(
    "dependencia",
    "Spec de una dependencia (tipo: dependencia).",
    (
        _t("tipo", obligatorio=True, registro=False),
        _t("clave", registro=False),
        _t("siglas", registro=False),
        Campo("ramo", ENTERO, obligatorio=True, registro=False, minimo=1),
        _t("nombre", obligatorio=True, registro=False),
        _t("unidad_responsable", registro=False),
        _t("programa_derivado", "Clave de su programa derivado.", registro=False),
        _t("fuente", "Documentos de las cifras de la dependencia.", registro=False),
        Campo("monitoreo", POR_ANIO, seccion=MONITOREO_DEPENDENCIA, registro=False),
        Campo("presupuesto", POR_ANIO, seccion=PRESUPUESTO, registro=False),
        Campo(
            "cumplimiento",
            POR_ANIO,
            "Cumplimiento publicado de la dependencia, por año.",
            seccion=Seccion(
                "cumplimiento_dependencia",
                "",
                (
                    _publicado("promedio_proposito", "rango_esperado"),
                    _t("fuente", "Documento que lo imprime."),
                ),
            ),
            registro=False,
        ),
        Campo("resumen", LIBRE, "Enunciados «n (p%)» por año.", registro=False),
        Campo(
            "programas_sociales",
            POR_ANIO,
            "Claves por año: el universo de los conteos del Diagnóstico.",
            # (a text, not a number: `E045`; any text, as the loader reads it)
            elemento=Campo(
                "", LISTA, obligatorio=True, elemento=_t("", obligatorio=True, patron="^")
            ),
            registro=False,
        ),
    ),
)
CRITERIOS = Seccion(
    "criterios_calidad",
    "Marcas de los criterios de calidad.",
    tuple(Campo(k, BOOLEANO) for k in vocab.CRITERIOS_CALIDAD),
)
_CIFRA = _n("", obligatorio=True)  # a year's figure: a number, or ND / NA
# the categories `sexenal` and `calidad` compare with their own (any other key: a text)
PUBLICADO_DERIVADO = Seccion(
    "publicado_derivado",
    "",
    (
        Campo("avance_sexenal", ENUM, "Categoría de avance publicada.", vocab=vocab.AVANCE_SEXENAL),
        Campo("meta_intermedia", ENUM, "Categoría de meta publicada.", vocab=vocab.META_INTERMEDIA),
    ),
)
INDICADOR_DERIVADO = _con_inferibles(
    Seccion(
        "indicador_derivado",
        "Un indicador del programa derivado.",
        (
            _t("id", obligatorio=True, defecto=""),
            _t("nombre", obligatorio=True, defecto=""),
            Campo("sentido", ENUM, obligatorio=True, vocab=vocab.SENTIDO, defecto=""),
            Campo("tipo", ENUM, vocab=vocab.TIPO_DERIVADO),
            Campo("enfoque", ENUM, vocab=vocab.ENFOQUE),
            Campo("calidad", ENUM, vocab=vocab.CALIDAD),
            _t("unidad_medida"),
            Campo("linea_base", MAPEO, seccion=LINEA_BASE),
            _n("meta_sexenal"),
            replace(
                _publicado(
                    "avance_sexenal",
                    "meta_intermedia",
                    "alerta",
                    "mejora",
                    prefijos=("avance_sexenal_texto", "meta_intermedia_texto"),
                ),
                seccion=PUBLICADO_DERIVADO,
            ),
            Campo(
                "inferido", INFERIDO, "Campos inferidos de la misma publicación que los verifica."
            ),
            Campo("corte", ANIO, "Año de corte de las categorías publicadas."),
            _t("fuente", "Documento que imprime el indicador, si no es el del programa."),
            Campo("criterios_calidad", MAPEO, seccion=CRITERIOS, registro=False),
            Campo("metas", POR_ANIO, "Metas por año.", elemento=_CIFRA, registro=False),
            Campo("valores", POR_ANIO, "Valores por año.", elemento=_CIFRA, registro=False),
        ),
    )
)
OBJETIVO = _con_inferibles(
    Seccion(
        "objetivo",
        "Un objetivo prioritario del programa derivado.",
        (
            _t("id", obligatorio=True, registro=False),
            _t("texto", obligatorio=True, registro=False),
            Campo("enfoque", ENUM, vocab=vocab.ENFOQUE, registro=False),
            Campo(
                "vinculado_programas",
                BOOLEANO,
                "Si tiene al menos un programa o acción social vinculado (lo cuentan los "
                "enunciados con universo objetivos).",
                registro=False,
            ),
            _t("fuente", "Documento de sus indicadores, si no es el del programa.", registro=False),
            Campo("inferido", INFERIDO, "Campos inferidos, no impresos.", registro=False),
            Campo("indicadores", LISTA, seccion=INDICADOR_DERIVADO, registro=False),
        ),
    )
)
DERIVADO = Seccion(
    "programa_derivado",
    "Spec de un programa derivado del PND (tipo: programa_derivado).",
    (
        _t("tipo", obligatorio=True, registro=False),
        _t("clave", obligatorio=True, registro=False),
        _t("nombre", obligatorio=True, registro=False),
        _t("dependencia", registro=False),
        _t("fuente", "Documentos de las cifras del programa.", registro=False),
        Campo("ramo", ENTERO, registro=False, minimo=1),
        Campo(
            "periodo",
            MAPEO,
            "Inicio y fin del periodo.",
            seccion=Seccion("periodo", "", (Campo("inicio", ANIO), Campo("fin", ANIO))),
            registro=False,
        ),
        Campo("corte_publicado", ANIO, "Año de corte de lo publicado.", registro=False),
        Campo("objetivos", LISTA, seccion=OBJETIVO, registro=False),
        Campo("resumen", LIBRE, registro=False),
        Campo("tabla_enfoque_avance_publicada", LIBRE, registro=False),
    ),
)


def leer(node: Node, seccion: Seccion, **propios: Callable[[Node], Any]) -> dict[str, Any]:
    """The record fields of `seccion` read from `node`, in table order, with every problem
    recorded by the node's checked accessors. `propios`: fields read by the caller's code."""
    out: dict[str, Any] = {}
    for c in seccion.campos:
        if c.nombre in propios:
            out[c.nombre] = propios[c.nombre](node)
            continue
        if not c.registro:
            continue
        value = leer_campo(node, c)
        out[c.nombre] = c.defecto if value is None else value
    return out


def leer_campo(node: Node, c: Campo) -> Any:
    if c.tipo == TEXTO:
        return node.text(c.nombre, required=c.obligatorio)
    if c.tipo == NUMERO:
        return en_rango(node, c, node.number(c.nombre, c.obligatorio, c.no_negativo))
    if c.tipo == ENTERO:
        return en_rango(node, c, node.integer(c.nombre, required=c.obligatorio))
    if c.tipo == ANIO:
        return node.year(c.nombre, c.obligatorio)
    if c.tipo == BOOLEANO:
        return node.boolean(c.nombre)
    if c.tipo == ENUM:
        return node.enum(c.nombre, c.vocab, required=c.obligatorio)
    if c.tipo == PUBLICADO:
        return node.publicado(c.nombre, c.nombres, c.prefijos)
    if c.tipo == MAPEO:
        return node.mapping(c.nombre, required=c.obligatorio)
    raise ValueError(f"campo {c.nombre}: el tipo {c.tipo} se lee con código propio")


def en_rango(node: Node, c: Campo, value: Any) -> Any:
    """`value` if within the field's bounds (a score from 0 to 1, a rank from 1); else an error
    naming them, and None: an out-of-range score is not classified as if it were valid."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value  # None, ND/NA
    lo, hi = c.minimo, c.maximo
    if (lo is None or value >= lo) and (hi is None or value <= hi):
        return value
    if lo is not None and hi is not None:
        que = f"un valor de {_cifra(lo)} a {_cifra(hi)}"
    elif c.tipo == ENTERO and lo == 1:
        que = "un entero positivo (1 o más)"
    elif lo is not None:
        que = f"un valor mayor o igual que {_cifra(lo)}"
    else:
        que = f"un valor menor o igual que {_cifra(hi)}"
    node.out.error(node.path + (c.nombre,), f"se esperaba {que}, se encontró {value}")
    return None


def _cifra(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
