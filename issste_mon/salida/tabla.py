"""The result type of every query: a `Tabla` of rows with typed `Columna`s.

One place for what a column kind means: which kinds are numbers (right-aligned in every human
format: rich, Markdown, the ficha, xlsx) and how a cell reads for machines (no NaN, no numpy
scalars). Light to import: pandas only inside `Tabla.to_dataframe()`.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd


class Tipo(enum.StrEnum):
    """What a column holds; decides formatting and alignment."""

    texto = "texto"
    entero = "entero"  # counts: people, indicators
    numero = "numero"  # metas and values, as many decimals as they carry
    monto = "monto"  # budget, millions of pesos (MDP)
    pct = "pct"
    valoracion = "valoracion"  # an index value (InMonitoreo, ISeD)
    rango = "rango"  # Bajo | Adecuado | Alto
    veredicto = "veredicto"  # coincide | difiere | no verificable


NUMERICOS: frozenset[str] = frozenset(
    {Tipo.entero, Tipo.numero, Tipo.monto, Tipo.pct, Tipo.valoracion}
)


@dataclass(frozen=True)
class Columna:
    clave: str  # key in the row dicts and in machine output
    titulo: str  # header for people
    tipo: str = Tipo.texto
    decimales: int = 2
    en_tabla: bool = True  # False: machine formats only (the table shows it as a caption)
    ancho: int | None = None  # max width in the rich table; longer text ends in «…»
    # key of a percentage in the same row shown after the value for people ("2, 13%", as the
    # Programa Institucional's progress tables print it)
    companero: str | None = None
    # key of a boolean in the same row that marks this cell with «⚠» for people (PA > PO)
    alerta: str | None = None
    # how much a narrow terminal needs this column (the rich table leaves out the lowest
    # first); None: the table's default for this key (salida/render.py)
    prioridad: int | None = None

    @property
    def numerica(self) -> bool:
        return self.tipo in NUMERICOS

    @property
    def alineacion(self) -> Literal["right", "left"]:
        return "right" if self.numerica else "left"

    def alertada(self, row: dict) -> bool:
        return bool(self.alerta and row.get(self.alerta))


def _normal(nombre: str) -> str:
    import unicodedata

    sin_acentos = unicodedata.normalize("NFKD", nombre.strip().casefold())
    return "".join(ch for ch in sin_acentos if not unicodedata.combining(ch))


def valor_maquina(value: Any) -> Any:
    """A cell for machines: NaN → None, numpy scalars → Python numbers."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


@dataclass
class Tabla:
    """Rows (dicts keyed by `Columna.clave`) with their columns, title and notes for people."""

    titulo: str
    columnas: list[Columna]
    filas: list[dict]
    resumen: list[str] = field(default_factory=list)  # lines for people after the table
    avisos: list[str] = field(default_factory=list)  # to stderr
    pie: str | None = None  # caption: which methodology, which specs

    def __len__(self) -> int:
        return len(self.filas)

    def columna(self, clave: str) -> Columna:
        for c in self.columnas:
            if c.clave == clave:
                return c
        raise KeyError(clave)

    def con_columnas(self, pedidas: list[str]) -> Tabla:
        """The same rows with only these columns, in this order (`--columnas`): each named by
        its key or its title, without regard to case or accents; every one shown in tables."""
        import dataclasses

        from issste_mon.errores import EntradaInvalida

        por_nombre = {}
        for c in self.columnas:
            por_nombre.setdefault(_normal(c.clave), c)
            por_nombre.setdefault(_normal(c.titulo), c)
        elegidas = []
        for nombre in pedidas:
            col = por_nombre.get(_normal(nombre))
            if col is None:
                claves = ", ".join(c.clave for c in self.columnas)
                raise EntradaInvalida(
                    f"columna desconocida «{nombre.strip()}» en --columnas; columnas de esta "
                    f"tabla: {claves}"
                )
            elegidas.append(dataclasses.replace(col, en_tabla=True))
        return dataclasses.replace(self, columnas=elegidas)

    def to_records(self) -> list[dict[str, Any]]:
        """Rows as plain dicts in column order, as `--formato json` writes them."""
        keys = [c.clave for c in self.columnas]
        return [{k: valor_maquina(row.get(k)) for k in keys} for row in self.filas]

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (imports pandas)."""
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=[c.clave for c in self.columnas])
