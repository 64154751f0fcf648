"""Reading spec bytes from disk or stdin: bounded in size, with OS errors said in Spanish.

Reads never trust `stat()` alone (a FIFO or /dev/zero reports no size), so at most the limit
plus one byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from types import EllipsisType

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
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EBADF: "descriptor de archivo cerrado",
    errno.EROFS: "sistema de archivos de solo lectura",
    errno.EDQUOT: "cuota de disco excedida",
    # mkdir with exist_ok over a file: «File exists» said nothing about which part is wrong
    errno.EEXIST: "un archivo ocupa el lugar de una carpeta de la ruta",
    errno.EFBIG: "el archivo supera el tamaño máximo permitido (del sistema de archivos o de "
    "`ulimit -f`)",
    errno.EMFILE: "demasiados archivos abiertos",
    errno.ENFILE: "demasiados archivos abiertos en el sistema",
}


def os_error(exc: OSError) -> str:
    """An OSError as a short Spanish phrase (the C library's text is in English)."""
    return _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))


def fail(name: str, message: str) -> SpecError:
    return SpecError([Problem(name, None, None, "", message)])


def vacia(que: str, pide: str = "un archivo"):
    """An empty path (`--specs ""`, often an unset variable) is not the current folder, which
    Path("") is: scanning it, writing there or falling back to the default would answer
    another question."""
    from issste_mon.errores import EntradaInvalida

    return EntradaInvalida(f"la ruta {que} está vacía («»): dé {pide}")


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


CARPETA = "es una carpeta"
CERRADA = "no se puede leer: la entrada estándar está cerrada"


def file_kind(path: Path | str) -> str | None:
    """None for a regular file (through symlinks); otherwise what it is, in Spanish."""
    return kind_and_identity(path)[0]


def kind_and_identity(path: Path | str) -> tuple[str | None, object]:
    """`file_kind`, and what the file is the same as any other path to it is (its device and
    inode; for a path that cannot be stat'ed, its absolute path), from one stat."""
    try:
        st = os.stat(path)
    except OSError:
        kind = "enlace roto" if os.path.islink(path) else None  # reading says what is wrong
        return kind, os.path.abspath(path)
    return _kind(st.st_mode), (st.st_dev, st.st_ino)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return CARPETA
    if stat.S_ISFIFO(mode):
        return "es una tubería con nombre (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "es un dispositivo"
    if stat.S_ISSOCK(mode):
        return "es un socket"
    return "no es un archivo regular"


def read_file(path: Path | str, name: str, kind: str | None | EllipsisType = ...) -> bytes:
    """The file's bytes; `kind`: its `file_kind`, when the caller has just looked."""
    limit = limits.max_bytes()
    if kind is ...:
        kind = file_kind(path)
    if kind is not None and kind != "enlace roto":  # a FIFO would block open() forever
        what = "un archivo" if kind == CARPETA else "un archivo regular"
        raise fail(name, f"no se puede leer: {kind}, no {what}")
    try:
        with open(path, "rb", buffering=0) as fh:  # each chunk read straight into its bytes
            raw = _read_bounded(fh, limit)
    except OSError as exc:
        raise fail(name, f"no se puede leer: {os_error(exc)}") from None
    if len(raw) > limit:
        raise _too_big(name, limit)
    return raw


def read_stdin(name: str = "<stdin>") -> bytes:
    limit = limits.max_bytes()
    if sys.stdin is None:  # started with stdin closed (`issste-mon validar - <&-`)
        raise fail(name, CERRADA)
    raw = _read_bounded(sys.stdin.buffer, limit)
    if len(raw) > limit:
        raise _too_big(name, limit)
    return raw


_CHUNK = 1 << 20


def _read_bounded(fh, limit: int) -> bytes:
    """At most limit + 1 bytes, read in chunks: `read(limit + 1)` would allocate the whole
    limit up front (a MemoryError with ISSSTE_MON_MAX_BYTES=50G)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = fh.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
