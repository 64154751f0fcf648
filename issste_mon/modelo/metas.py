"""An indicator's metas as the parsed-spec cache stores them: a block of columns per program,
made into MetaAnual records only when one is asked for (`MetasEnColumnas`), and the readers
that take the columns without making any (`columnas_de`, `anios_con`). See carga/serial.py for
how a block is written and read."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import MISSING, fields
from itertools import compress, repeat
from operator import attrgetter

from issste_mon.modelo import VACIO, MetaAnual


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
        self._hechos: dict[int, MetaAnual] | None = None  # those made one by one until then

    def en_columnas(self) -> bool:
        """Whether no record is made yet: the columns still say what every field holds (a
        made record may have been changed since, and only it says so)."""
        return self._dict is None and not self._hechos

    def columna(self, campo: str) -> list | None:
        """A MetaAnual field's value in each year (in order), or None once a record is made."""
        if not self.en_columnas():
            return None
        valores = self._bloque.get(campo)
        if valores is not None:
            return valores[self._inicio : self._fin]
        if campo == "ruta":
            return [ruta_de_meta(self._prefijo, y) for y in self._anios()]
        return [DEFECTOS[campo]] * (self._fin - self._inicio)

    def solo(self, anio: int) -> MetasEnColumnas:
        """The metas of one recorded year only, still as columns (nothing is made)."""
        i = self._inicio + self._anios().index(anio)
        return MetasEnColumnas(self._bloque, i, i + 1, self._prefijo)

    def _anios(self) -> list[int]:
        return self._bloque["anio"][self._inicio : self._fin]

    def _registros(self) -> dict[int, MetaAnual]:
        """Every record, made the first time (those made one by one already, as they are)."""
        if self._dict is None:
            b, i, f = self._bloque, self._inicio, self._fin
            anios = b["anio"][i:f]
            rutas = (
                b["ruta"][i:f] if "ruta" in b else map(ruta_de_meta, repeat(self._prefijo), anios)
            )
            columnas = [b[c][i:f] if c in b else repeat(d) for c, d in DEFECTOS.items()]
            hechos = _hacer_metas(rutas, anios, *columnas)
            if self._hechos:
                hechos.update(self._hechos)
            self._dict = hechos
            self._bloque = self._prefijo = self._hechos = None  # (the records hold it all)
        return self._dict

    def __getitem__(self, anio: int) -> MetaAnual:
        if self._dict is not None:
            return self._dict[anio]
        hechos = self._hechos
        if hechos is None:
            hechos = self._hechos = {}
        if anio not in hechos:
            try:
                i = self._inicio + self._anios().index(anio)
            except ValueError:
                raise KeyError(anio) from None
            hechos[anio] = self._uno(i)
        return hechos[anio]

    def _uno(self, i: int) -> MetaAnual:
        """The record of row i of the block (a figure's year: `verificar` asks for ~13,000):
        each field set through its slot, as `_hacer_metas` does for many rows."""
        b = self._bloque
        o = object.__new__(MetaAnual)
        o.anio = anio = b["anio"][i]
        o.ruta = b["ruta"][i] if "ruta" in b else ruta_de_meta(self._prefijo, anio)
        for campo, fijar, defecto in _FIJAR:
            fijar(o, defecto if (c := b.get(campo)) is None else c[i])
        return o

    def __setitem__(self, anio: int, meta: MetaAnual) -> None:
        self._registros()[anio] = meta

    def __delitem__(self, anio: int) -> None:
        del self._registros()[anio]

    def __iter__(self) -> Iterator[int]:
        return iter(self._anios() if self._dict is None else self._dict)

    def __reversed__(self) -> Iterator[int]:
        return reversed(self._anios() if self._dict is None else self._dict)

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


def ruta_de_meta(prefijo: tuple, anio: int) -> tuple:
    """The keypath the parser gives the meta of `anio` of the indicator at `prefijo`."""
    clave = (prefijo, anio)
    ruta = _RUTAS.get(clave)
    if ruta is None:
        ruta = _RUTAS[clave] = (*prefijo, "metas", str(anio))
    return ruta


def _hacer_metas(rutas, anios, publicado, meta, valor, mod, num, den, just, desc, sem, nota, fu):
    """{year: MetaAnual} from its keypaths, years and the columns of its other fields (in
    `DEFECTOS`' order; an absent field's default repeated): each record's slots set one by
    one, what its __init__ would do (~0.5 µs a record, a third of calling it)."""
    hechos = {}
    nuevo = object.__new__
    for r, a, pu, me, va, mm, nu, de, ju, nd, se, no, f in zip(
        rutas, anios, publicado, meta, valor, mod, num, den, just, desc, sem, nota, fu, strict=False
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
        o.nota = no
        o.fuente = f
        hechos[a] = o
    return hechos


def anios_con(metas, campo: str) -> list[int]:
    """The years whose MetaAnual field `campo` holds something (a non-empty `publicado`…),
    without making a record of the metas read from the cache."""
    if metas.__class__ is MetasEnColumnas and metas.en_columnas():
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
        # (m.en_columnas(), inlined: a warm federal part asks it of ~170,000 indicators)
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
        leer, defecto = attrgetter(campo), DEFECTOS.get(campo)
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
DEFECTOS = {
    f.name: (VACIO if f.default_factory is dict else f.default)
    for f in fields(MetaAnual)
    if f.name not in ("ruta", "anio")
}
if MISSING in DEFECTOS.values():  # (a field without a default could not be left out)
    raise TypeError("MetaAnual: todo campo salvo ruta y anio necesita su valor por omisión")
_HECHOS = ("ruta", "publicado", "anio", "meta", "valor", "meta_modificada", "numerador")
_HECHOS += ("denominador", "justificacion", "numerador_descripcion", "semaforo", "nota", "fuente")
_FIJAR = [(campo, getattr(MetaAnual, campo).__set__, d) for campo, d in DEFECTOS.items()]
if _HECHOS != tuple(f.name for f in fields(MetaAnual)):  # every field `_hacer_metas` sets
    raise TypeError("MetaAnual cambió: actualice _HECHOS y _hacer_metas")
