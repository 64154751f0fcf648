"""Every file issste-mon writes goes through `escribir_atomico`: all or nothing, never through
a symlink.

The content goes to a hidden temporary file in the target's folder, is flushed and fsynced,
and is renamed over the target (`os.replace`, atomic on one filesystem). So a full disk, a
quota, Ctrl-C or a crash leaves the previous file byte-identical, and a reader never sees half
a report. An existing symbolic link at the target is **refused**, not followed and not
replaced: a link planted where a report goes (`informe.csv -> ~/.bashrc`) would otherwise
redirect the write; the user removes it or names another file. Targets that are not regular
files (a folder, a FIFO, a device) are refused too: renaming over them would replace them.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from issste_mon.errores import EntradaInvalida

# The argument the messages name: `salida` of the functions that write (`ficha.sitio.escribir`),
# --salida on the command line (`NombraArgumentos`).
_SALIDA = ("salida",)


def no_es_entrada(ruta: str | os.PathLike, entradas: Iterable[str]) -> None:
    """Refuse a target that is one of `entradas`, the files the command read (the same file,
    under any name or hard link): `--salida specs/E045.yaml` would replace the spec."""
    try:
        destino = os.stat(ruta)
    except OSError:  # nothing there yet (or unreadable: the write says why)
        return
    for entrada in entradas:
        # A spec read from stdin (`--specs - < E045.yaml`) is the file behind descriptor 0:
        # without this, `-o E045.yaml` replaced the very spec it had just read.
        estandar = entrada in ("-", "<stdin>")
        try:
            mismo = os.path.samestat(destino, os.fstat(0) if estandar else os.stat(entrada))
        except OSError:
            continue
        if mismo:
            raise EntradaInvalida(
                f"no se escribe en {ruta}: es un archivo de entrada de este comando "
                f"({'la entrada estándar' if estandar else entrada}); elija otro nombre para "
                "`salida`",
                argumentos=_SALIDA,
            )


def comprobar_destino(
    ruta: str | os.PathLike, entradas: Iterable[str] = ()
) -> os.stat_result | None:
    """What `escribir_atomico` refuses before writing anything (an input, a link, a folder, a
    FIFO, a folder to write in that is not there…), alone: a command that writes several files
    checks them all first, so one refused file does not leave the others written, and the
    command line checks --salida before any work. The target's lstat (None when absent)."""
    if not os.fspath(ruta):  # Path("") is «.»: «no se puede escribir .: es una carpeta»
        raise EntradaInvalida(
            "la ruta de `salida` está vacía («»): dé un archivo",
            argumentos=_SALIDA,
            en_linea=", o - para la salida estándar",
        )
    destino = Path(ruta)
    no_es_entrada(destino, entradas)
    try:
        info = os.lstat(destino)
    except FileNotFoundError:
        if not os.path.lexists(destino.parent):
            raise EntradaInvalida(_sin_carpeta(destino)) from None
        return None
    except OSError as exc:
        raise EntradaInvalida(f"no se puede escribir {destino}: {_causa(exc)}") from None
    if stat.S_ISLNK(info.st_mode):
        raise EntradaInvalida(
            f"no se escribe en {destino}: es un enlace simbólico (no se sigue); elija otro nombre",
            argumentos=_SALIDA,
            en_linea=", o `salida` - para la salida estándar",
        )
    if stat.S_ISDIR(info.st_mode):
        raise EntradaInvalida(f"no se puede escribir {destino}: es una carpeta")
    if not stat.S_ISREG(info.st_mode):
        raise EntradaInvalida(
            f"no se escribe en {destino}: no es un archivo regular (FIFO o dispositivo)",
            argumentos=_SALIDA,
            en_linea="; use `salida` - y redirija la salida",
        )
    # A rename needs only the folder's permission: a report protected with chmod a-w was
    # replaced (and kept its 0444) where `>` would have refused. As `importar` does.
    if not info.st_mode & 0o222 or not os.access(destino, os.W_OK):
        raise EntradaInvalida(
            f"no se escribe en {destino}: es de solo lectura (quite la protección para "
            "reemplazarlo, o elija otro nombre)"
        )
    return info


def escribir_atomico(
    ruta: str | os.PathLike, datos: str | bytes, entradas: Iterable[str] = ()
) -> None:
    """Write `datos` (text as UTF-8) to `ruta` atomically; EntradaInvalida when impossible,
    or when `ruta` is one of `entradas` (`no_es_entrada`)."""
    info = comprobar_destino(ruta, entradas)
    destino = Path(ruta)
    if isinstance(datos, str):
        # A path that is not UTF-8 (a folder named with a Latin-1 byte) is text with a lone
        # surrogate: it is written escaped (`\udcff`), as every message shows it; it was a
        # UnicodeEncodeError traceback after all the work.
        datos = datos.encode("utf-8", "backslashreplace")
    carpeta = destino.parent
    try:
        # Hidden name: a leftover after a kill -9 is skipped by the spec loader (dot files).
        # The name cut short: a target of 250 bytes is valid, but «.» + it + «.xxxxxxxx.tmp»
        # would pass the 255 a file name may have, and the write was refused.
        corto = os.fsencode(destino.name)[:64].decode(errors="ignore")
        fd, tmp = tempfile.mkstemp(dir=carpeta, prefix=f".{corto}.", suffix=".tmp")
    except FileNotFoundError:  # «nope/x.csv: no existe» read as if the file had to exist
        raise EntradaInvalida(_sin_carpeta(destino)) from None
    except OSError as exc:
        raise EntradaInvalida(f"no se puede escribir {destino}: {_causa(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(datos)
            f.flush()
            os.fsync(f.fileno())
        modo = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~umask()
        os.chmod(tmp, modo)
        os.replace(tmp, destino)  # a symlink planted since the check is replaced, not followed
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise EntradaInvalida(f"no se puede escribir {destino}: {_causa(exc)}") from None
        raise
    _sincronizar_carpeta(carpeta)


def _sin_carpeta(destino: Path) -> str:
    if destino.parent.is_dir():
        # /proc/self/x.csv: the folder is there, it only takes no new files (ENOENT too).
        return (
            f"no se puede escribir {destino}: la carpeta {destino.parent} no admite archivos nuevos"
        )
    return f"no se puede escribir {destino}: la carpeta {destino.parent} no existe"


def crear_carpeta(carpeta: str | os.PathLike) -> None:
    """mkdir -p for an output folder; EntradaInvalida naming it when impossible (a bare
    OSError reached the user as «no se pudo escribir la salida: File exists», without a path)."""
    try:
        Path(carpeta).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EntradaInvalida(f"no se puede crear la carpeta {carpeta}: {_causa(exc)}") from None


def _causa(exc: OSError) -> str:
    from issste_mon.carga.inputs import os_error

    return os_error(exc)


def umask() -> int:
    """The process's umask, read without setting it. `os.umask` only reads by setting: for
    that instant a file another thread of the caller created got the wrong permissions
    (world-writable under the 0 that was set). Linux says it in /proc/self/status (4.7+);
    elsewhere it is set and put back."""
    try:
        with open("/proc/self/status", "rb") as f:
            for linea in f:
                if linea.startswith(b"Umask:"):
                    return int(linea.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _sincronizar_carpeta(carpeta: Path) -> None:
    """The rename itself survives a power cut only once the folder is synced (best effort)."""
    try:
        fd = os.open(carpeta, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
