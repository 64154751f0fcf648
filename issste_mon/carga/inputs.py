"""Reading spec bytes from disk or stdin: bounded in size, with OS errors said in Spanish.

Reads never trust `stat()` alone (a FIFO or /dev/zero reports no size), so at most the limit
plus one byte is read.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from issste_mon.carga import limits
from issste_mon.errores import Problem, SpecError

_OS_ERRORS = {
    errno.ENOENT: "no existe",
    errno.EACCES: "permiso denegado",
    errno.EPERM: "permiso denegado",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.ELOOP: "enlace simbólico en bucle",
    errno.ENAMETOOLONG: "nombre de archivo demasiado largo",
    errno.EIO: "error de entrada/salida del disco",
}


def os_error(exc: OSError) -> str:
    """An OSError as a short Spanish phrase (the C library's text is in English)."""
    return _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))


def fail(name: str, message: str) -> SpecError:
    return SpecError([Problem(name, None, None, "", message)])


def missing(path: str) -> SpecError:
    """Why a path that is not there is not there: absent, a symlink loop, or a dangling link."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return fail(path, f"enlace simbólico roto (apunta a {os.readlink(path)})")
        return fail(path, os_error(exc))
    return fail(path, "no existe")


def _too_big(name: str, limit: int) -> SpecError:
    return fail(
        name,
        f"el archivo supera el tamaño máximo de {limits.describe_bytes(limit)} "
        f"(cámbielo con {limits.ENV_MAX_BYTES}, p. ej. {limits.ENV_MAX_BYTES}=50M)",
    )


def read_file(path: Path, name: str) -> bytes:
    limit = limits.max_bytes()
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise fail(name, f"no se puede leer: {os_error(exc)}") from None
    if len(raw) > limit:
        raise _too_big(name, limit)
    return raw


def read_stdin(name: str = "<stdin>") -> bytes:
    limit = limits.max_bytes()
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise _too_big(name, limit)
    return raw


def broken_link(path: Path) -> bool:
    """A symlink that leads nowhere (dangling or looping): reported, never skipped silently."""
    return path.is_symlink() and not path.exists()
