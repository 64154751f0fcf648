"""Exit codes, and the one mapping from library errors to them."""

from __future__ import annotations

import enum

from issste_mon.errores import EntradaInvalida, ErrorIssste, SpecError


class ExitCode(enum.IntEnum):
    OK = 0
    HALLAZGOS = 1  # differences, unknown clave, no data
    ENTRADA_INVALIDA = 2  # invalid spec or usage
    INTERRUMPIDO = 130  # Ctrl-C; a termination signal n exits with 128 + n (see Terminado)


class Terminado(BaseException):
    """SIGTERM or SIGHUP, raised where the process was (`cli.main` installs the handler). Not
    an Exception: no `except Exception` swallows it, and every `finally` and `except
    BaseException` on the way out runs, so the temporary files of atomic writes are removed as
    they are on Ctrl-C instead of being left in the user's folders and the cache."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class TuberiaCerrada(BaseException):
    """The reader of stdout left (`| head` where SIGPIPE does not end the process). Not an
    OSError, so typer does not turn it into exit 1 on its way to `run()`, which ends quietly."""


def codigo(exc: ErrorIssste) -> ExitCode:
    """Invalid specs or input → 2; a request the specs cannot answer → 1."""
    if isinstance(exc, (SpecError, EntradaInvalida)):
        return ExitCode.ENTRADA_INVALIDA
    return ExitCode.HALLAZGOS
