"""The year a SHCP file's name gives, and the argument that contradicts it.

poblaciones_2017.csv holds 2017's figures; ised_2019_2020.csv, the ISeD's 2020 edition (a
period names the edition of its last year). Only the file's own name says it — a folder's
digits (`datos/2024/`, pytest's `/tmp/pytest-2066/`) are not its year — and only with the
digits 0 to 9: int() reads `٢٠١٧`, a person does not name a file so (numfmt.CIFRA_NO_ASCII).
A year given by the caller that the name contradicts is an error: filed under it, every
figure would land in another year without a word.
"""

from __future__ import annotations

import os
import re

from issste_mon.errores import EntradaInvalida, Problem, SpecError
from issste_mon.importar import fuente
from issste_mon.salida.numfmt import digitos_no_ascii


def anio_de(nombre_archivo: str, periodo: bool = False) -> int | None:
    """The year the name gives, if there is exactly one; with `periodo`, two consecutive
    years (ised_2019_2020) give the last. None if the name gives none, several, or one
    written with other digits than 0–9."""
    anios = _anios_del_nombre(nombre_archivo)
    if any(digitos_no_ascii(a) for a in anios):
        return None
    distintos = sorted({int(a) for a in anios})
    if len(distintos) == 1:
        return distintos[0]
    if periodo and len(distintos) == 2 and distintos[1] == distintos[0] + 1:
        return distintos[1]
    return None


def revisar(
    nombre_fuente: str,
    archivo: str,
    anio: int,
    argumento: str,
    consecuencia: str,
    periodo: str = "",
) -> None:
    """A SpecError at line 1 of the source if its name gives another year than `anio`, the
    value of the caller's `argumento` (`consecuencia`: what filing it so would do; `periodo`:
    what a period's last year is, «edición», if a period gives one)."""
    del_nombre = anio_de(archivo, bool(periodo))
    if del_nombre in (None, anio):
        return
    anios = sorted(set(_anios_del_nombre(archivo)))
    dice = str(del_nombre) if len(anios) == 1 else f"{'–'.join(anios)} ({periodo} {del_nombre})"
    mensaje = (
        f"el nombre del archivo dice {dice} y `{argumento}` dice {anio}: {consecuencia}; "
        f"indique `{argumento}` {del_nombre} o renombre el archivo"
    )
    raise SpecError([Problem(nombre_fuente, 1, None, "", mensaje)])


def sin_anio(archivo: str, que: str, argumento: str) -> EntradaInvalida:
    """The error for a name that gives no year (`que`: «el año fiscal») and no `argumento`."""
    no_ascii = ", ".join(f"«{a}»" for a in _anios_del_nombre(archivo) if digitos_no_ascii(a))
    por_que = (
        f" (año con dígitos no ASCII: {no_ascii}; solo se leen los dígitos 0 a 9)"
        if no_ascii
        else ""
    )
    # (stdin has no name: «del nombre -» read as a typo)
    de = (
        "de la entrada estándar (sin nombre)"
        if archivo == fuente.STDIN
        else f"del nombre {archivo}"
    )
    return EntradaInvalida(
        f"no se deduce {que} {de}{por_que}: indíquelo con `{argumento}`",
        argumentos=(argumento,),
    )


def _anios_del_nombre(nombre_archivo: str) -> list[str]:
    nombre = os.path.basename(nombre_archivo.replace("\\", "/"))
    # \d, not [0-9]: a year written with other digits is seen, so that it is refused
    return [a for a in re.findall(r"(?<!\d)(\d{4})(?!\d)", nombre) if 2000 <= int(a) <= 2099]
