"""Parsed-spec cache: validated records stored as JSON, so YAML parsing is paid once per file.

One entry per spec file, named by a hash of its absolute path, in
`$ISSSTE_MON_CACHE_DIR`, else `$XDG_CACHE_HOME/issste-mon`, else `~/.cache/issste-mon`.
An entry is a header line (format, package version, a fingerprint of the model, of the code
that makes what is stored and of the YAML parser it runs on (`serial.fingerprint`), the file's
absolute path,
a BLAKE2b-128 digest of the file's bytes, and a CRC-32 of the body) and a JSON body (the record,
its avisos with their line and column, and the line and column of each published figure and of
each other figure `verificar` checks, so that warm `validar` and `verificar` never parse YAML;
see `ubicaciones`).

The guarantee: an entry is used only for the very bytes it was built from. The caller reads the
file once, hashes those bytes and, on a miss, parses the same bytes, so what is served always
equals what parsing the file now would give. No stat data (size, mtime, inode) is trusted: a
same-size edit with its mtime restored (`cp -p`, `tar x`, `rsync -t`, `git checkout`) is a miss.
Anything else — unreadable, truncated, another version — is a miss too, and the file is parsed
and its entry rewritten. Only files that validated are stored, so errors are always reported
afresh. No pickle: reading the cache never runs code. An entry is read only if it is a regular
file of the user running (`leer`): the CRC finds damage, not forgery, so a file another account
put in a shared or misconfigured cache folder could say any figure under a valid header, and a
FIFO there would block the read forever.

A cache problem never stops a command: reads fall back to parsing, failed writes are skipped.
`--sin-cache` or ISSSTE_MON_SIN_CACHE=1 bypasses it entirely.
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path

from issste_mon import __version__
from issste_mon.carga import serial

try:  # CPython's own hashes, as `random` takes its sha512: importing `hashlib` also loads
    from _blake2 import blake2b  # OpenSSL (~2 ms of every start-up), for two small digests
    from _sha1 import sha1
except ImportError:  # another interpreter
    from hashlib import blake2b, sha1

try:  # reading entries is most of a warm command on a federal set: orjson parses in ~60 % of
    from orjson import loads  # json.loads' time. Entries are written by `json` (see put)

    _vista = memoryview  # and reads the body where it lies in the entry, without a copy
except ImportError:  # an interpreter without its wheel: the same values, only slower
    from json import loads

    _vista = bytes

FORMATO = 8  # 2: avisos carry `notable`; 3: keyed by a digest of the file's bytes;
# 4: notable avisos located, and where the published (and inmonitoreo) figures are;
# 5: and the cells of published tables and the Diagnóstico attributes; 6: read by orjson
# (an entry of 5 may hold an integer orjson would read as a float); 7: metas as columns;
# 8: a meta's nota kept, unknown keys notable avisos


_DIGITOS = bytes.maketrans(b"0123456789", b"0" * 10)


def digest(raw: bytes) -> str:
    """The content key of a spec file: BLAKE2b-128 of its bytes (~1 GB/s, far below parsing)."""
    return blake2b(raw, digest_size=16).hexdigest()


_huella: str | None = None


def huella() -> str:
    """`serial.fingerprint()`, once per process (it hashes the loader's sources, ~1 ms): spec
    entries and the methodology's both carry it, as both hold what the loader's code made."""
    global _huella
    if _huella is None:
        _huella = serial.fingerprint()
    return _huella


# O_NONBLOCK: opening a FIFO returns at once (then refused), O_NOFOLLOW: entries are never links
_ABRIR = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_ABRIR |= getattr(os, "O_BINARY", 0)


def leer(path: str | Path) -> bytes | None:
    """The bytes of a cache entry; None when it is absent, unreadable, or not a regular file
    of this user (see the module docstring)."""
    try:
        fd = os.open(path, _ABRIR)
    except OSError:
        return None
    with open(fd, "rb", buffering=0) as f:  # no buffer object: one sized read
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        return f.read()


def cache_dir() -> Path:
    explicit = os.environ.get("ISSSTE_MON_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and ignored (it
        base = os.path.join(os.path.expanduser("~"), ".cache")  # put a cache in every cwd)
    return Path(base) / "issste-mon"


def disabled_by_env() -> bool:
    return os.environ.get("ISSSTE_MON_SIN_CACHE", "") not in ("", "0")


class Store:
    """Entries under `root/specs/`. `get` and `put` take the digest of the bytes the caller
    read (and, on a miss, parsed): an entry is never matched to bytes it was not built from."""

    def __init__(self, root: Path):
        self.dir = root / "specs"
        self.version = [FORMATO, __version__, huella()]
        self._ready = False
        serial.compartir()  # values repeated across this load's entries are shared

    digest = staticmethod(digest)

    def _entry(self, ident: list) -> str:
        return os.path.join(self.dir, sha1(ident[0].encode()).hexdigest() + ".json")

    def get(self, name: str, content: str):
        """(record, avisos, publicados, lugares) stored for the file whose bytes have digest
        `content`, or None."""
        ident = [os.path.abspath(name), content]
        try:
            raw = leer(self._entry(ident))
            if raw is None:
                return None
            fin = raw.index(b"\n")
            head, body = raw[:fin], _vista(raw)[fin + 1 :]
            header = loads(head)
            if header != {"version": self.version, "archivo": ident, "crc": zlib.crc32(body)}:
                return None
            data = loads(body)
            record = serial.record_from_data(data["registro"])
            record.archivo = name  # the name as given this time, for messages
            avisos = [serial.problem_from_data(p, name) for p in data["avisos"]]
            publicados = serial.publicados_from_data(data["publicados"])
            lugares = serial.lugares_from_data(data["lugares"])
        except Exception:  # any defect in an entry means: parse the file again
            return None
        return record, avisos, publicados, lugares

    def put(self, name: str, content: str, record, avisos, publicados=None, lugares=None) -> None:
        """Store what parsing the bytes with digest `content` gave."""
        if record is None:
            return
        ident = [os.path.abspath(name), content]
        # Written by the standard library, which refuses nothing a record holds (orjson.dumps
        # would write a NaN as null). orjson then refuses to read a NaN or an infinity, so such
        # an entry is a miss; but it reads an integer beyond 64 bits as a float, so an entry
        # with a run of 19 digits or more (no float repr has one) is not written at all: the
        # file is parsed every time, never served changed.
        import json  # only a miss writes

        try:
            body = json.dumps(
                {
                    "registro": serial.record_to_data(record),
                    "avisos": [serial.problem_to_data(p) for p in avisos],
                    "publicados": serial.publicados_to_data(publicados),
                    "lugares": serial.lugares_to_data(lugares),
                },
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
            if b"0" * 19 in body.translate(_DIGITOS):  # 7× quicker than re's \d{19}
                return
            header = {"version": self.version, "archivo": ident, "crc": zlib.crc32(body)}
            if not self._ready:  # private: entries reveal the specs' content
                self.dir.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                self.dir.mkdir(exist_ok=True, mode=0o700)
                self._ready = True
                barrer_temporales(self.dir)
            _write_atomic(self._entry(ident), json.dumps(header).encode() + b"\n" + body)
        except Exception:  # a cache that cannot be written is only slower
            pass


TEMPORAL_ABANDONADO = 3600  # seconds: no write takes an hour; an older temp file was left


def barrer_temporales(carpeta: Path, ahora: float | None = None) -> int:
    """Remove the temporary files a process killed mid-write left (`kill -9`: no handler ran):
    never read, they only took space. Only this user's regular `.tmp-` files older than an
    hour, so a write in progress in another process is never touched. Run once per process
    that writes, so a warm run never pays for it. The count removed."""
    import time

    ahora = time.time() if ahora is None else ahora
    quitados = 0
    try:
        with os.scandir(carpeta) as it:
            for e in it:
                if not e.name.startswith(".tmp-"):
                    continue
                try:
                    st = e.stat(follow_symlinks=False)
                    if (
                        stat.S_ISREG(st.st_mode)
                        and (not hasattr(os, "geteuid") or st.st_uid == os.geteuid())
                        and ahora - st.st_mtime > TEMPORAL_ABANDONADO
                    ):
                        os.unlink(e.path)
                        quitados += 1
                except OSError:
                    continue
    except OSError:
        pass
    return quitados


def _write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers see old or new, never half."""
    import tempfile  # only a miss writes

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def open_store() -> Store | None:
    """The user's store, or None when the cache is turned off by the environment."""
    if disabled_by_env():
        return None
    try:
        return Store(cache_dir())
    except Exception:  # e.g. no home directory: run without a cache
        return None
