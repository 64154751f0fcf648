"""The registry of checkers: one per kind of published figure.

A checker is registered for an ámbito (the kind of record that holds the `publicado`) and the
publicado keys it understands; it receives the figure and returns a `Resultado`. A key nobody
registered is still reported, as «tipo de cifra desconocido», so no published figure is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from issste_mon.auditoria.comparar import Resultado
from issste_mon.metodologia import Metodologia


@dataclass(slots=True)
class Figura:
    """One published figure and the record it belongs to (~13,000 in a verificar of 1,000
    programs: slotted and not frozen, whose __init__ is ~6× quicker)."""

    ambito: str  # poblacion | presupuesto | meta | monitoreo | ised | dependencia.* | ...
    clave: str  # of the program, dependency or programa derivado
    archivo: str
    ruta: tuple  # keypath of the printed value in its file
    nombre: str  # the publicado key ("cobertura"), or "publicado" for a scalar
    texto: str  # as printed
    anio: int | None
    dueno: object  # Programa | Dependencia | ProgramaDerivado
    registro: object  # the record that holds the publicado
    padre: object = None  # e.g. the Indicador of a MetaAnual
    fuente: str | None = None  # its document, where no record holds it (a dependency section)


@dataclass(frozen=True)
class Contexto:
    """What every checker may read, and the tables computed for this run.

    A checker computes a table (a program's cumplimiento, a dependency's monitoreo rows) once
    per run with `una_vez` and looks its figure up in it: `verificar` then costs one
    computation per table, not one per published figure. `programas`: the programs whose
    figures are checked (None: all of `specs`), computed together in one frame."""

    specs: object  # SpecSet: every record, for figures computed across files
    metodologia: Metodologia
    programas: list | None = None
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def una_vez(self, clave: Hashable, calcular: Callable[[], object]):
        """`calcular()` the first time `clave` is asked for in this run; its value after."""
        try:
            return self.memo[clave]
        except KeyError:
            valor = self.memo[clave] = calcular()
            return valor


Checker = Callable[[Contexto, Figura], Resultado]


@dataclass(frozen=True)
class Entrada:
    checker: Checker
    cifra: str  # label for people; "{nombre}" and "{anio}" are filled in


REGISTRO: dict[tuple[str, str], Entrada] = {}
PREFIJOS: dict[tuple[str, str], Entrada] = {}


def cifra(ambito: str, *nombres: str, etiqueta: str, prefijo: str | None = None):
    """Register a checker for `ambito` and publicado keys `nombres` (or any key with `prefijo`)."""

    def deco(fn: Checker) -> Checker:
        entrada = Entrada(fn, etiqueta)
        for nombre in nombres:
            REGISTRO[(ambito, nombre)] = entrada
        if prefijo is not None:
            PREFIJOS[(ambito, prefijo)] = entrada
        return fn

    return deco


def buscar(ambito: str, nombre: str) -> Entrada | None:
    entrada = REGISTRO.get((ambito, nombre))
    if entrada is None:
        entrada = next(
            (e for (a, p), e in PREFIJOS.items() if a == ambito and nombre.startswith(p)), None
        )
    return entrada
