"""The library's exceptions: one hierarchy under `ErrorIssste`, no exit codes.

- `SpecError`: one or more spec files are invalid (carries every `Problem` found).
- `EntradaInvalida`: a value the caller passed is not valid (option, path, environment setting).
- `SinRespuesta`: the loaded specs cannot answer the request; `ClaveDesconocida` for an unknown
  or ambiguous clave, `SinDatos` for a query with no rows.
- `ClaveNoValida`: a clave that is no clave at all (empty, `NOTACLAVE`): both a `ClaveDesconocida`
  (as it always was) and an `EntradaInvalida` (what it is: known without loading a spec).

The command line maps them to exit codes (`issste_mon.cli.codigos`); library code never exits.
"""

from __future__ import annotations

import re
from dataclasses import field

from issste_mon.modelo.base import Registro, Valor, registro

# A keypath inside a document: mapping keys as str, list indices as int,
# so ("mir", 0, "metas", "2017", "meta") prints as mir[0].metas.2017.meta.
Keypath = tuple


def format_keypath(path: Keypath) -> str:
    """A key with a `.` or `[` in it is written between «»: `metas.«2017.0»` is one key as the
    person wrote it, where `metas.2017.0` read as a year 2017 with a key 0 under it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            texto = str(part)
            if _AMBIGUA.search(texto) and "»" not in texto:
                texto = f"«{texto}»"
            out += ("." if out else "") + texto
    return out


_AMBIGUA = re.compile(r"[.\[\]]")
_PARTE = re.compile(r"«([^»]*)»|\[(\d+)\]|([^.\[]+)|\.")


def parse_keypath(text: str) -> Keypath:
    """Inverse of format_keypath for spec keypaths."""
    parts: list = []
    for quoted, index, name in _PARTE.findall(text):
        if index:
            parts.append(int(index))
        elif quoted or name:
            parts.append(quoted or name)
    return tuple(parts)


@registro(congelado=True)
class Problem(Valor):
    """One finding about a spec file: where it is and what is wrong."""

    file: str
    line: int | None
    col: int | None
    keypath: str
    message: str
    severity: str = "error"  # error | aviso
    notable: bool = False  # an aviso every command shows, not only `validar --estricto`

    def __str__(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}:{self.col or 1}"
        where = f" {self.keypath}:" if self.keypath else ""
        tag = " aviso:" if self.severity == "aviso" else ""
        return f"{loc}:{where}{tag} {self.message}"

    def as_dict(self) -> dict:
        return {
            "archivo": self.file,
            "linea": self.line,
            "columna": self.col,
            "campo": self.keypath,
            "severidad": self.severity,
            "mensaje": self.message,
        }


class ErrorIssste(Exception):
    """Base of every error issste-mon raises on purpose."""


@registro
class SpecError(Registro, ErrorIssste):
    """Raised when one or more spec files are invalid; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class NombraArgumentos:
    """An error whose message may name the caller's arguments. The library names an argument as
    Python has it, between backticks (`anio_desde`), and lists it in `argumentos`: a library
    speaks of no command-line option. The command line says its option instead
    (`en_opciones`). So with a function of the library the message sends the caller to
    (`importar_ised`, listed in `funciones`): the command line says its command. `en_linea`:
    what only the command line adds, a way out through its own options («, o `salida` - para
    la salida estándar»: a Python caller has no «-»); the library's message leaves it out."""

    def __init__(
        self,
        *args,
        argumentos: tuple[str, ...] = (),
        funciones: tuple[str, ...] = (),
        en_linea: str = "",
    ) -> None:
        super().__init__(*args)
        self.argumentos = tuple(argumentos)
        self.funciones = tuple(funciones)
        self.en_linea = en_linea

    def ampliado(self, detalle: str):
        """The same error with `detalle` after it (which files were written), naming the same
        arguments. Without `en_linea`: said of one file of several, its way out is not one."""
        return type(self)(
            f"{self}; {detalle}", argumentos=self.argumentos, funciones=self.funciones
        )

    def en_opciones(self, opciones: dict[str, str] | None = None) -> str:
        """The message with each argument of `argumentos` as the option the user typed:
        `opciones[nombre]`, else --nombre-con-guiones (the options' names in this CLI); and
        each function of `funciones` as its command (`importar_ised` → issste-mon importar
        ised: the commands are the functions' words). With `en_linea` after it."""
        texto = en_opciones(str(self) + self.en_linea, self.argumentos, opciones)
        for nombre in self.funciones:
            texto = texto.replace(f"`{nombre}`", "issste-mon " + nombre.replace("_", " "))
        return texto


class EntradaInvalida(NombraArgumentos, ErrorIssste):
    """A value the caller passed is not valid: an option, a path, an environment setting."""


def en_opciones(texto: str, argumentos, opciones: dict[str, str] | None = None) -> str:
    """`texto` with each `argumento` between backticks as its command-line option."""
    for nombre in argumentos:
        opcion = (opciones or {}).get(nombre) or "--" + nombre.replace("_", "-")
        texto = texto.replace(f"`{nombre}`", opcion)
    return texto


class SinRespuesta(ErrorIssste):
    """The loaded specs cannot answer the request."""


class ClaveDesconocida(SinRespuesta):
    """A clave that is malformed, unknown or ambiguous among the loaded specs."""


class ClaveNoValida(ClaveDesconocida, EntradaInvalida):
    """A clave that cannot name anything (empty, or not a letter and digits: `NOTACLAVE`), known
    from the text alone: invalid input (exit 2, as a bad --anio), still a `ClaveDesconocida`
    for whoever catches that."""


class SinDatos(NombraArgumentos, SinRespuesta):
    """A query with no rows: nothing in the specs for that clave, year or level (a hint may
    name an argument: «pruebe `indice` ised»). `hay`: what the selection does have («años con
    metas en las specs: 2014–2017, 2023»), said after the message in the same line; a callable
    is called the first time the message is read: `ficha --todas` catches one of these per
    program without data, and looking for what there is would search every program each time."""

    def __init__(self, *args, hay=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._hay = hay

    def __str__(self) -> str:
        texto = super().__str__()
        if callable(self._hay):
            self._hay = self._hay() or None
        return f"{texto}; {self._hay}" if self._hay else texto
