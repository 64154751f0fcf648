"""One error type for everything the user wrote wrong, and the process exit codes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ExitCode(enum.IntEnum):
    OK = 0
    HALLAZGOS = 1  # differences, unknown clave, no data
    ENTRADA_INVALIDA = 2  # invalid spec or usage
    INTERRUMPIDO = 130


# A keypath inside a document: mapping keys as str, list indices as int,
# so ("mir", 0, "metas", "2017", "meta") prints as mir[0].metas.2017.meta.
Keypath = tuple


def format_keypath(path: Keypath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def parse_keypath(text: str) -> Keypath:
    """Inverse of format_keypath for spec keypaths (keys never contain '.' or '[')."""
    parts: list = []
    for chunk in text.split("."):
        name, *indexes = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i.rstrip("]")) for i in indexes)
    return tuple(parts)


@dataclass(frozen=True)
class Problem:
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


@dataclass
class SpecError(Exception):
    """Raised when one or more spec files are invalid; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(Exception):
    """A request that cannot be answered: unknown clave, ambiguous clave, bad option value."""

    def __init__(self, message: str, code: ExitCode = ExitCode.HALLAZGOS):
        super().__init__(message)
        self.code = code
