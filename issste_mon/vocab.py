"""Enumerated values of the spec format, matched case- and accent-insensitively."""

from __future__ import annotations

import enum
import unicodedata


def fold(text: str) -> str:
    """Comparison key: no accents, case-folded, single spaces ('Propósito' == 'proposito')."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("_", " ").replace("-", " ").casefold().split())


class Vocab:
    """A closed set of canonical values plus accepted aliases."""

    def __init__(
        self,
        name: str,
        canonical: list[str],
        aliases: dict[str, str] | None = None,
        impresas: dict[str, str] | None = None,
    ):
        self.name = name
        self.canonical = list(canonical)
        # canonical value → its printed form, where the canonical one is a code without spaces
        # or accents (`ajustes_minimos`): people read «ajustes mínimos», machines keep the code
        self.impresas = dict(impresas or {})
        self._index = {fold(v): v for v in canonical}
        self._memo: dict[str, str | None] = {}
        for alias, target in (aliases or {}).items():
            self._index[fold(alias)] = target

    def match(self, value: str) -> str | None:
        # Memoised: a federal spec set asks for the same few spellings hundreds of thousands
        # of times, and folding (Unicode normalisation) is the slow part.
        if value in self._memo:
            return self._memo[value]
        found = self._index.get(fold(value))
        if len(self._memo) < 1000:
            self._memo[value] = found
        return found

    def impresa(self, valor: str) -> str:
        """How people read a canonical value (`ajustes_minimos` → «ajustes mínimos»)."""
        return self.impresas.get(valor, valor)

    def describe(self) -> str:
        return " | ".join(self.canonical)

    def grafias(self) -> list[str]:
        """Every accepted spelling, folded (canonical values and aliases)."""
        return sorted(self._index)


# The contract's budget unit: millions of pesos. Figures in another unit would be shown (and
# charted) as MDP, a million times off: the only unit a `presupuesto.<año>.unidad` may name.
UNIDAD_PRESUPUESTO = Vocab(
    "unidad (el presupuesto va en millones de pesos)",
    ["MDP"],
    {"millones de pesos": "MDP", "millones de pesos (mdp)": "MDP", "mdp": "MDP"},
)
# FID: indicators of a program without a MIR (SHCP's Ficha de Indicadores del Desempeño).
NIVEL = Vocab("nivel", ["Fin", "Propósito", "Componente", "Actividad", "FID"])
SENTIDO = Vocab("sentido", ["ascendente", "descendente", "constante"])
TIPO_MIR = Vocab("tipo", ["estratégico", "gestión"])
DIMENSION = Vocab("dimensión", ["eficacia", "eficiencia", "calidad", "economía"])
ENFOQUE = Vocab("enfoque", ["Resultados", "Coordinación", "Gestión"])
# What a resumen statement counts: the programs, or (in a programa derivado) its objetivos or
# its indicadores.
UNIVERSO = Vocab("universo", ["programas", "objetivos", "indicadores"])
TIPO_DERIVADO = Vocab(
    "tipo",
    ["Meta para el bienestar", "Parámetro"],
    {"Metas para el bienestar": "Meta para el bienestar", "Parametros": "Parámetro"},
)
CALIDAD = Vocab("calidad", ["Destacado", "Adecuado", "Moderado", "Oportunidad de mejora"])
AVANCE_SEXENAL = Vocab(
    "avance sexenal",
    [
        "Superado",
        "Avanzado",
        "Adecuado",
        "Insuficiente",
        "Rezagado",
        "Muy rezagado",
        "NR",
        "Sentido constante",
    ],
)
META_INTERMEDIA = Vocab(
    "meta intermedia",
    ["Logro muy superado", "Alcanzada", "No alcanzada", "Retroceso", "NR"],
)
# SHCP's ISeD bands as published (RESULTADO_ISED_CUALITATIVO); their cut points live in the
# methodology file.
NIVEL_ISED = Vocab("nivel ISeD", ["Bajo", "Medio bajo", "Medio", "Medio alto", "Alto"])
# The Diagnóstico de Monitoreo's attributes of a program (`diagnostico.<año>` of a spec), each
# with the categories the Diagnóstico 2024 prints; `resumen` counts them. (Other attributes a
# spec records are free: a text or true/false.)
# The categories' printed forms, as the Diagnóstico writes them (the canonical values are codes
# that specs and machine output keep).
IMPRESAS_DIAGNOSTICO = {
    "ajustes_mayores": "ajustes mayores",
    "no_directo": "no directo",
    "ajustes_minimos": "ajustes mínimos",
    "ajustes_significativos": "ajustes significativos",
    "si": "sí",
    "maxima": "máxima",
    "menos_de_la_mitad": "menos de la mitad",
}
ATRIBUTOS_DIAGNOSTICO = {
    nombre: Vocab(nombre, valores, impresas={v: IMPRESAS_DIAGNOSTICO.get(v, v) for v in valores})
    for nombre, valores in (
        ("proposito_derecho_social", ["directo", "indirecto"]),
        ("logica_vertical", ["destacada", "ajustes_mayores"]),
        ("problema_y_poblacion", ["adecuado", "ajustes_mayores"]),
        ("indicadores_proposito_derecho_social", ["directo", "no_directo"]),
        ("calidad_indicadores_mir", ["destacada", "ajustes_minimos", "ajustes_significativos"]),
        ("cumplimiento_metas", ["adecuado", "impulsar"]),
        ("indicador_proposito_resultados", ["si", "no"]),
        ("indicador_cobertura", ["si", "no"]),
        ("proposito_bien_planteado", ["si", "no"]),
        ("componentes_necesarios_suficientes", ["si", "no"]),
        ("calidad_objetivos_mir", ["maxima", "menos_de_la_mitad"]),
    )
}
CRITERIOS_CALIDAD = [
    "claridad",
    "relevancia",
    "monitoreabilidad",
    "adecuacion",
    "pertinencia_tematica",
]


class Veredicto(enum.StrEnum):
    """What `verificar` says of one published figure (a str: prints and serialises as its value)."""

    coincide = "coincide"  # on inputs independent of the figure
    coincide_por_construccion = "coincide por construcción"  # inputs taken from the figure
    difiere = "difiere"
    difiere_explicada = "difiere, explicada"
    contradiccion = "contradicción en la fuente"  # two printed figures that cannot both hold
    no_verificable = "no verificable"

    def en_numero(self, n: int) -> str:
        """The verdict said of `n` figures: «coincide» of one, «coinciden» of 0 or several."""
        return self.value if n == 1 else VEREDICTO_PLURAL[self]


# The verdicts said of several figures: one place for the words of every count of verdicts
# (`verificar`'s summary, sexenal's, resumen's statements, the site's index), so that no
# module says a verdict in words of its own.
VEREDICTO_PLURAL = {
    Veredicto.coincide: "coinciden",
    Veredicto.coincide_por_construccion: "coinciden por construcción",
    Veredicto.difiere: "difieren",
    Veredicto.difiere_explicada: "difieren, explicadas",
    Veredicto.contradiccion: "contradicciones en la fuente",
    Veredicto.no_verificable: "no verificables",
}


# Month names for dates in messages and notas («al corte de mayo de 2020»).
MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
