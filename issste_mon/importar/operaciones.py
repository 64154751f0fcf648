"""The public import operations: `importar_avance`, `importar_poblaciones`, `importar_ised`.

Each reads one SHCP file and creates or completes the specs under `salida`, as the command
`issste-mon importar …` does (the command calls these). Nothing here prints or exits: what
happened comes back as an `Importacion`, and a bad argument is `EntradaInvalida` naming the
argument as Python has it (`codificacion`), never a command-line option.
"""

from __future__ import annotations

import decimal
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from issste_mon.errores import EntradaInvalida, SinDatos

if TYPE_CHECKING:
    from issste_mon.importar.comun import Lote
    from issste_mon.importar.escritura import Plan

# progress(phase, done so far, total): phase "lectura" counts the source's bytes, "escritura"
# the spec files written
Progreso = Callable[[str, int, int], None]


@dataclass
class Importacion:
    """What one import did: the source as mapped (`lote`: programs, skipped rows by reason,
    avisos, rows that disagree) and, file by file, what was or would be written (`plan`)."""

    lote: Lote
    plan: Plan
    simulada: bool
    reemplazar: bool

    @property
    def avisos(self) -> list[str]:
        """Every aviso of the source, one by one."""
        return self.lote.lineas_de_aviso(True)

    @property
    def conflictos(self) -> list[str]:
        """Rows of the source that disagree, then values of the files that differ."""
        filas = list(self.lote.conflictos)
        for acc in self.plan.acciones:
            rel = self.plan.relativa(acc.ruta)
            filas += [f"{c.donde(rel)}: {c.describir(rel)}" for c in acc.informe.conflictos]
        return filas

    @property
    def con_hallazgos(self) -> bool:
        """Something was left as it was: a file not written, a conflict not settled."""
        from issste_mon.importar.resumen import totales

        t = totales(self.plan)
        return bool(
            t.no_modificados
            or self.lote.conflictos
            or t.sin_resolver
            or (t.conflictos and not self.reemplazar)
        )


class SinProgramas(SinDatos):
    """No row of the source could be imported: nothing was written. Carries the mapped
    `lote`, whose avisos and conflicts say why."""

    def __init__(self, mensaje: str, lote: Lote) -> None:
        super().__init__(mensaje)
        self.lote = lote


def revisar_salida(salida: object) -> str:
    """`salida` as a path to write under: a folder or nothing yet (checked before reading)."""
    if not isinstance(salida, str | os.PathLike):
        raise EntradaInvalida(
            f"`salida`: se esperaba la ruta de una carpeta de specs (texto o Path), se recibió "
            f"{salida!r}",
            argumentos=("salida",),
        )
    ruta = os.fspath(salida)
    if not ruta:  # Path("") is «.»: the specs would be written in the current folder
        raise EntradaInvalida(
            "`salida` está vacía («»): dé la carpeta de specs", argumentos=("salida",)
        )
    from issste_mon.importar.escritura import revisar_salida as revisar

    revisar(ruta)
    return ruta


def importar_avance(
    archivo: str | os.PathLike[str],
    *,
    salida: str | os.PathLike[str],
    ramo: int | str | Iterable[int | str] | None = None,
    clave: str | Iterable[str] | None = None,
    anio: int | Iterable[int] | None = None,
    sin_fid: bool = False,
    simular: bool = False,
    reemplazar: bool = False,
    codificacion: str | None = None,
    omitir_filas_malas: bool = False,
    progreso: Progreso | None = None,
    esperando: Callable[[str], None] | None = None,
) -> Importacion:
    """Avance de indicadores MIR (prog_avance_de_indicadores.csv) → specs under `salida`.

    `ramo`, `clave`, `anio`: only these (one or a list; None: every one). `archivo` "-" is
    stdin. `progreso("lectura", hecho, total)` is called while the file is read (bytes),
    `progreso("escritura", hecho, total)` while the specs are written (files);
    `esperando(mensaje)` when another import holds `salida` and this one waits."""
    from issste_mon.importar import avance

    def leer(lectura):
        return avance.leer(lectura, _filtro(ramo, clave, anio), _bool("sin_fid", sin_fid))

    return _importar(archivo, leer, locals())


def importar_poblaciones(
    archivo: str | os.PathLike[str],
    *,
    salida: str | os.PathLike[str],
    anio: int | None = None,
    ramo: int | str | Iterable[int | str] | None = None,
    clave: str | Iterable[str] | None = None,
    simular: bool = False,
    reemplazar: bool = False,
    codificacion: str | None = None,
    omitir_filas_malas: bool = False,
    progreso: Progreso | None = None,
    esperando: Callable[[str], None] | None = None,
) -> Importacion:
    """Poblaciones potencial, objetivo y atendida (2017) or objetivo only (2018–2020).

    `anio`: the fiscal year of the figures (None: the one in the file's name)."""
    from issste_mon.importar import poblaciones

    _anio("anio", anio, opcional=True)

    def leer(lectura):
        return poblaciones.leer(lectura, anio, _filtro(ramo, clave, None))

    return _importar(archivo, leer, locals())


def importar_ised(
    archivo: str | os.PathLike[str],
    *,
    salida: str | os.PathLike[str],
    edicion: int | None = None,
    ramo: int | str | Iterable[int | str] | None = None,
    clave: str | Iterable[str] | None = None,
    simular: bool = False,
    reemplazar: bool = False,
    codificacion: str | None = None,
    omitir_filas_malas: bool = False,
    progreso: Progreso | None = None,
    esperando: Callable[[str], None] | None = None,
) -> Importacion:
    """The ISeD of SHCP with its published level; `edicion`: its year (None: the one the
    file's name gives, 2020 for ised_2019_2020.csv; a name that gives another is an error)."""
    from issste_mon.importar import ised

    _anio("edicion", edicion, opcional=True)

    def leer(lectura):
        return ised.leer(lectura, edicion, _filtro(ramo, clave, None))

    return _importar(archivo, leer, locals())


def _importar(archivo, leer: Callable, a: dict) -> Importacion:
    from issste_mon.calc.base import PROPIO
    from issste_mon.importar import escritura
    from issste_mon.importar.fuente import Lectura

    if not isinstance(archivo, str | os.PathLike):
        raise EntradaInvalida(
            f"`archivo`: se esperaba la ruta de un archivo de SHCP (texto o Path; «-»: la "
            f"entrada estándar), se recibió {archivo!r}",
            argumentos=("archivo",),
        )
    for nombre in ("simular", "reemplazar", "omitir_filas_malas"):
        _bool(nombre, a[nombre])
    if a["codificacion"] is not None and not isinstance(a["codificacion"], str):
        raise EntradaInvalida(
            f"`codificacion`: se esperaba texto (p. ej. «utf-8») o None, se recibió "
            f"{a['codificacion']!r}",
            argumentos=("codificacion",),
        )
    salida = revisar_salida(a["salida"])  # before the source is read (a federal CSV: seconds)
    progreso, esperando = _suyo(a["progreso"]), _suyo(a["esperando"])
    fase = (lambda f: lambda h, t: progreso(f, h, t)) if progreso else (lambda f: None)
    lectura = Lectura(
        os.fspath(archivo), a["codificacion"], fase("lectura"), a["omitir_filas_malas"]
    )
    # The sums of hombres + mujeres in a context of its own: in the caller's, 5 digits wrote
    # 30807000 for 30,807,951 and an Inexact trap raised; the caller's flags stay as they were.
    with decimal.localcontext(PROPIO):
        try:
            lote = leer(lectura)
        finally:
            lectura.cerrar()
        if not lote.programas:
            raise SinProgramas(_nada_escrito(lote), lote)
        simular, reemplazar = a["simular"], a["reemplazar"]
        plan = escritura.ejecutar(lote, salida, reemplazar, simular, fase("escritura"), esperando)
    return Importacion(lote, plan, simular, reemplazar)


def _suyo(llamada: Callable | None) -> Callable | None:
    """The caller's `progreso` or `esperando`, run in the caller's own decimal context."""
    if llamada is None:
        return None
    contexto = decimal.getcontext()

    def en_su_contexto(*args):
        propio = decimal.getcontext()
        decimal.setcontext(contexto)
        try:
            return llamada(*args)
        finally:
            decimal.setcontext(propio)

    return en_su_contexto


def _bool(nombre: str, v: object) -> bool:
    if not isinstance(v, bool):
        raise EntradaInvalida(
            f"`{nombre}`: se esperaba True o False, se recibió {v!r}", argumentos=(nombre,)
        )
    return v


def _anio(nombre: str, v: object, opcional: bool) -> None:
    from issste_mon.modelo import ANIO_MAX, ANIO_MIN

    if v is None and opcional:
        return
    if v.__class__ is not bool and isinstance(v, int) and ANIO_MIN <= v <= ANIO_MAX:
        return
    raise EntradaInvalida(
        f"`{nombre}`: se esperaba un año entero entre {ANIO_MIN} y {ANIO_MAX} (p. ej. 2020), "
        f"se recibió {v!r}",
        argumentos=(nombre,),
    )


def _lista(v) -> list | None:
    if v is None:
        return None
    return [v] if isinstance(v, str | int) else list(v)


def _filtro(ramo, clave, anio):
    from issste_mon.importar.comun import Filtro

    ramos = _lista(ramo)
    return Filtro.de(ramos and [str(r) for r in ramos], _lista(anio), _lista(clave))


def _nada_escrito(lote: Lote) -> str:
    """Why a run wrote nothing: the filter only when the filter is what left every row out
    (bad rows or unknown categories are not «no coincide con el filtro»)."""
    from issste_mon.salida.numfmt import fmt_number

    motivos = lote.omitidas
    if motivos and all(m.startswith("fuera del filtro") for m in motivos):
        return f"ningún programa de {lote.fuente} coincide con el filtro; no se escribió nada"
    detalle = "; ".join(f"{m}: {fmt_number(n, 0)}" for m, n in motivos.most_common())
    cuantas = f": {fmt_number(sum(motivos.values()), 0)} omitidas ({detalle})" if motivos else ""
    return f"ninguna fila de {lote.fuente} se pudo importar{cuantas}; no se escribió nada"
