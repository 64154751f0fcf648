"""Exit codes, and the one mapping from library errors to them."""

from __future__ import annotations

import enum

from issste_mon.errores import EntradaInvalida, ErrorIssste, SpecError


class ExitCode(enum.IntEnum):
    OK = 0
    HALLAZGOS = 1  # differences, unknown clave, no data
    ENTRADA_INVALIDA = 2  # invalid spec or usage
    INTERRUMPIDO = 130


def codigo(exc: ErrorIssste) -> ExitCode:
    """Invalid specs or input → 2; a request the specs cannot answer → 1."""
    if isinstance(exc, (SpecError, EntradaInvalida)):
        return ExitCode.ENTRADA_INVALIDA
    return ExitCode.HALLAZGOS
