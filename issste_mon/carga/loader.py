"""Spec files → typed records: read, decode, parse, validate, locate problems.

`load_paths` is the one entry point: it takes files and folders (and `-` for stdin), and either
returns a `SpecSet` or raises `SpecError` listing every problem of every file.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from issste_mon.carga import inputs, limits, sanity
from issste_mon.errores import Problem, SpecError, format_keypath, parse_keypath
from issste_mon.modelo import Dependencia, Programa, ProgramaDerivado
from issste_mon.modelo.base import Registro, registro

if TYPE_CHECKING:
    from issste_mon.carga.campos import Collector
    from issste_mon.carga.ubicaciones import Marcas

# Parsing (yamlload: PyYAML; esquema: the spec's fields) is imported where a file is parsed,
# so a run served entirely from the cache never imports yaml.

SUFFIXES = (".yaml", ".yml")
STDIN = "-"


@registro
class LoadResult(Registro):
    """Records of one file plus its non-fatal findings (avisos), located, and where each of its
    published figures is (`ubicaciones.Publicado`; None: not known without composing it)."""

    record: object | None
    problems: list[Problem] = field(default_factory=list)
    publicados: list | None = None
    lugares: dict | None = None  # keypath → (line, col) of the other figures (CALCULADAS)


# (BOM or the NUL pattern of a first ASCII character, as YAML 1.2 §5.2 detects) → encoding.
_ANCHAS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _ancha(raw: bytes) -> str | None:
    """UTF-16/32 (Notepad's «Unicode», Excel's «Unicode text»): which one, if any."""
    for bom, nombre in _ANCHAS:
        if raw.startswith(bom):
            return nombre
    head = raw[:4]
    # without a BOM, a first character that is ASCII text beside its NULs: a NUL beside a
    # control byte is a binary file, not a wide encoding
    if len(head) == 4:
        if head[:3] == b"\x00\x00\x00" and head[3] in _TEXTUAL:
            return "utf-32be"
        if head[0] in _TEXTUAL and head[1:] == b"\x00\x00\x00":
            return "utf-32le"
    if len(head) >= 2:
        if head[0] == 0 and head[1] in _TEXTUAL:
            return "utf-16be"
        if head[0] in _TEXTUAL and head[1] == 0:
            return "utf-16le"
    return None


_TEXTUAL = frozenset(b"\t\n\r" + bytes(range(0x20, 0x7F)))


def decode(raw: bytes, filename: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif (ancha := _ancha(raw)) is not None:
        raise SpecError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    "",
                    f"el archivo no está en UTF-8 sino en {ancha.upper()}; "
                    + _iconv(ancha, filename),
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        nulo = raw.find(b"\0")  # no text encoding a spec could be in has one (UTF-16 is above)
        if nulo >= 0:
            raise SpecError([_binario(raw, nulo, filename)]) from None
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError(
            [
                Problem(
                    filename,
                    line,
                    col,
                    "",
                    f"el archivo no está en UTF-8; {_iconv('latin1', filename)}",
                )
            ]
        ) from None


def _iconv(desde: str, filename: str) -> str:
    """How to convert it: for stdin, in the pipe (`iconv … <stdin> > nuevo.yaml` was no command
    a shell could run)."""
    if filename == "<stdin>":
        return (
            f"conviértalo en la tubería, p. ej. con `… | iconv -f {desde} -t utf-8 | issste-mon …`"
        )
    return f"conviértalo, p. ej. con `iconv -f {desde} -t utf-8 {filename} > nuevo.yaml`"


def _binario(raw: bytes, nulo: int, filename: str) -> Problem:
    line = raw[:nulo].count(b"\n") + 1
    col = nulo - (raw.rfind(b"\n", 0, nulo) + 1) + 1
    return Problem(
        filename, line, col, "", f"no es un archivo de texto (byte nulo en {line}:{col})"
    )


def load_text(text: str, filename: str, stem: str | None) -> LoadResult:
    """Parse and validate one document. Raises SpecError on any error; avisos are returned."""
    from issste_mon.carga import yamlload
    from issste_mon.carga.campos import Collector
    from issste_mon.carga.esquema import build
    from issste_mon.carga.ubicaciones import Marcas

    marcas = Marcas(_WATCH, TABLAS_PUBLICADAS)
    data = yamlload.parse(text, filename, marcas)
    out = Collector()
    record = build(data, stem, out, filename)
    problems = _locate(text, filename, out, marcas)
    if any(p.severity == "error" for p in problems):
        raise SpecError(problems)
    # Notable avisos are located now, from what the parse noted, so that the cache keeps their
    # line and column and no later command has to compose the document to show them.
    avisos = sanity.avisos(record, filename)
    if avisos:
        where = _where(text, marcas, [(parse_keypath(p.keypath), False) for p in avisos])
        avisos = [_at(p, where.get((parse_keypath(p.keypath), False))) for p in avisos]
    if not marcas.completo:
        return LoadResult(record, problems + avisos)
    lugares = {
        k: v for k, v in marcas.lugares.items() if k[-1] in CALCULADAS or k[0] in TABLAS_PUBLICADAS
    }
    return LoadResult(record, problems + avisos, marcas.publicados, lugares)


# Values `verificar` checks that are not under a `publicado` key (auditoria.figuras).
CALCULADAS = ("inmonitoreo", "cumplimiento_metas", "lugar")
# Top-level published tables: every cell is a figure `verificar` checks (the enfoque × avance).
TABLAS_PUBLICADAS = frozenset({"tabla_enfoque_avance_publicada"})
_WATCH = frozenset({"publicado", *CALCULADAS, *sanity.CAMPOS})


def _where(text: str, marcas: Marcas, paths: list) -> dict:
    """(keypath, at_key) → (line, col): as the parse noted them, else by composing the text."""
    found = {key: marcas.locate(*key) for key in paths}
    missing = [key for key, where in found.items() if where is None]
    if missing:
        from issste_mon.carga import yamlload

        found.update(yamlload.locate(text, missing))
    return {key: where for key, where in found.items() if where is not None}


def _at(p: Problem, where: tuple[int, int] | None) -> Problem:
    if where is None:
        return p
    from dataclasses import replace

    return replace(p, line=where[0], col=where[1])


def _locate(text: str, filename: str, out: Collector, marcas: Marcas) -> list[Problem]:
    if not out.items:
        return []
    from issste_mon.carga.campos import COMPROBAR, FUENTE_VACIA, es_clave_desconocida

    lines = _where(text, marcas, [(path, at_key) for path, _, _, at_key in out.items])
    problems = []
    for path, message, severity, at_key in out.items:
        line, col = lines.get((path, at_key)) or (None, None)
        if callable(message):  # it quotes the value as written (a published figure)
            message = message(escrito_en(text, line, col))
        if severity == COMPROBAR:  # an error only if the value as written says so
            if message is None:
                continue
            severity = "error"
        # a key the format does not name is shown by every command, not only `validar`: a typo
        # (`objetivos:`) otherwise leaves a figure «no calculable» with nothing saying why; an
        # empty `fuente:` leaves figures citing the level above's documents with nothing saying so
        notable = message == FUENTE_VACIA or es_clave_desconocida(message)
        problems.append(
            Problem(filename, line, col, format_keypath(path), message, severity, notable)
        )
    return problems


_PLANO = re.compile(r"[^\s,\[\]{}#]+")
_SALTOS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts


def escrito_en(text: str, line: int | None, col: int | None) -> str | None:
    """The plain scalar that starts at line:col (1-based), as written: `94.90`, not 94.9."""
    if line is None or col is None:
        return None
    lines = _SALTOS.split(text)
    if not 0 < line <= len(lines):
        return None
    linea = lines[line - 1]
    m = _PLANO.match(linea, col - 1)
    if m and m.group(0).startswith("!"):  # a tag (`!!int 0x1F`): the value is what follows it
        m = _PLANO.match(linea, len(linea) - len(linea[m.end() :].lstrip(" \t")))
    return m.group(0) if m else None


def load_file(path: Path, display: str | None = None) -> LoadResult:
    name = display or str(path)
    if path.is_dir():
        raise SpecError([Problem(name, None, None, "", "es una carpeta, no un archivo")])
    raw = inputs.read_file(path, name)
    return load_text(decode(raw, name), name, path.stem)


def discover(paths: list[str]) -> tuple[list[str], list[Problem]]:
    """Expand folders into their spec files (recursively, sorted); keep files as given.

    What a scan cannot use is said, never skipped in silence: an entry named *.yaml that is
    not a regular file (a FIFO — opening it would hang —, a device, a folder) is a notable
    aviso naming its path; an unreadable subfolder, an error (its specs are unknown).

    A file reached twice (a folder given twice, a file given beside its folder, two links to
    one file) is kept once, under the first name it was reached by: it is one program, not
    two that share a clave."""
    files: list[str] = []
    avisos: list[Problem] = []
    seen: set = set()

    def add(name: str, identity: object) -> None:
        if identity not in seen:
            seen.add(identity)
            files.append(name)

    for p in paths:
        if p == STDIN:  # once: read again, stdin is empty («está vacío»)
            add(p, STDIN)
            continue
        if not p:
            raise inputs.vacia(
                "de specs", "una carpeta o un archivo (o «-» para la entrada estándar)"
            )
        path = Path(p)
        if path.is_dir():
            antes = len(avisos)
            found = _scan(path, avisos)
            if not found:
                # nothing to read is an error, as an empty folder is, and it says what the scan
                # skipped (a lone `E045.YAML` or FIFO once gave an empty table with exit 0)
                omitidos = [f"{a.file}: {a.message}" for a in avisos[antes:]]
                texto = "; ".join(["la carpeta no contiene specs (*.yaml)", *omitidos])
                raise SpecError([Problem(p, None, None, "", texto)])
            for name, identity in found:
                add(name, identity)
        elif not path.exists():
            raise inputs.missing(p)
        else:
            add(p, inputs.kind_and_identity(p)[1])
    return files, avisos


def _scan(root: Path, avisos: list[Problem]) -> list[tuple[str, object]]:
    """The spec files under root, sorted, each with its `inputs.kind_and_identity`."""

    def unreadable(exc: OSError) -> None:
        # An error, as an unreadable file is: the specs in it are not known, so no figure
        # over the set can be (an aviso, which -q silences, left a cron job's table short of
        # a whole ramo with exit 0).
        name = exc.filename or str(root)
        texto = f"no se puede leer la carpeta: {inputs.os_error(exc)}"
        avisos.append(Problem(name, None, None, "", texto))

    found = []
    for folder, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if d.endswith(SUFFIXES) and os.path.islink(Path(folder, d))]
        for entry in [*names, *linked]:  # os.walk lists FIFOs, devices and links among names
            if entry.startswith(".") or not entry.endswith(SUFFIXES):
                if not entry.startswith(".") and entry.lower().endswith(SUFFIXES):
                    # `E045.YAML` (an editor or a case-insensitive disk): skipped without a
                    # word, its program was missing from every command and validar passed
                    sufijo = entry[entry.rfind(".") :]
                    bien = entry[: -len(sufijo)] + sufijo.lower()
                    avisos.append(
                        _scan_aviso(
                            str(Path(folder, entry)),
                            f"se omite: la extensión «{sufijo}» va en minúsculas (.yaml o "
                            f".yml); renómbrelo a {bien}",
                        )
                    )
                continue
            full = Path(folder, entry)
            kind, identity = inputs.kind_and_identity(full)
            if kind is None or kind == "enlace roto":
                found.append((str(full), identity))  # broken links are reported when loaded
            else:
                avisos.append(_scan_aviso(str(full), f"se omite: {kind}, no un archivo de spec"))
    return sorted(found, key=lambda f: f[0])


def _scan_aviso(name: str, message: str) -> Problem:
    return Problem(name, None, None, "", message, "aviso", notable=True)


@registro
class SpecSet(Registro):
    """Everything loaded: programs, dependencies and derived programs, plus avisos."""

    programas: list[Programa] = field(default_factory=list)
    dependencias: list[Dependencia] = field(default_factory=list)
    derivados: list[ProgramaDerivado] = field(default_factory=list)
    avisos: list[Problem] = field(default_factory=list)
    archivos: list[str] = field(default_factory=list)
    # file → [(keypath, text, line, col)] of each published figure (`ubicaciones.Publicado`),
    # from the parse or the cache; a file missing here is composed again to find them
    publicados: dict[str, list] = field(default_factory=dict)
    # file → {keypath: (line, col)} of its other checked figures (CALCULADAS), where it has any
    lugares: dict[str, dict] = field(default_factory=dict)

    def add(self, record: object) -> None:
        if isinstance(record, Programa):
            self.programas.append(record)
        elif isinstance(record, Dependencia):
            self.dependencias.append(record)
        elif isinstance(record, ProgramaDerivado):
            self.derivados.append(record)


def load_paths(paths: list[str], cache: bool = False) -> SpecSet:
    """Load every spec under `paths`; raise SpecError with all problems if any file is invalid.

    cache: reuse the records of files unchanged since they were last validated (cache.py).
    """
    from issste_mon.carga import cache as speccache

    return _load_all(paths, speccache.open_store() if cache else None)


def _load_all(paths: list[str], store) -> SpecSet:
    specs, problems = SpecSet(), []
    limits.max_bytes()  # a bad $ISSSTE_MON_MAX_BYTES is an error before any file is read
    found, scan_avisos = discover(paths)
    for p in scan_avisos:  # (an unreadable folder is an error: see _scan)
        (problems if p.severity == "error" else specs.avisos).append(p)
    for name in found:
        try:
            if name == STDIN:
                result = load_text(decode(inputs.read_stdin(), "<stdin>"), "<stdin>", None)
            else:
                result = _load_cached(name, store)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        specs.archivos.append(name)
        specs.avisos.extend(result.problems)
        if result.publicados is not None and name != STDIN:
            specs.publicados[name] = result.publicados
            if result.lugares:
                specs.lugares[name] = result.lugares
        specs.add(result.record)
    # A repeated clave is found after parsing, with no line: located here (errors are few and
    # end the run), so every command names file:line:col as `validar` does, not only `validar`.
    problems.extend(locate_problems(_duplicates(specs)))
    if problems:
        raise SpecError(problems + specs.avisos)  # avisos of the valid files too
    _en_orden(specs)
    return specs


def _en_orden(specs: SpecSet) -> None:
    """Records by ramo and clave, not by where their files sit: the folder's layout (importar
    writes `51/E045.yaml`, and «10/» sorts before «6/»), sub-folders and the order of the
    --specs given are not data, and the rows of every table follow this order (`programas`
    already sorted; cobertura, cumplimiento… listed in the files' order). The files keep theirs
    (`archivos`, the avisos, verificar's rows: they are about files)."""
    specs.programas.sort(key=lambda p: (p.ramo, p.clave))
    specs.dependencias.sort(key=lambda d: (d.ramo, d.clave))
    specs.derivados.sort(key=lambda d: (d.ramo is None, d.ramo or 0, d.clave))


def _load_cached(name: str, store) -> LoadResult:
    """The file's bytes are read once: hashed for the cache and, on a miss, parsed, so a hit
    always stands for the bytes in the file now (see cache.py)."""
    if store is None:
        return load_file(Path(name))
    kind = inputs.file_kind(name)  # one stat: what the file is, for both checks
    if kind == inputs.CARPETA:
        return load_file(Path(name))  # says what is wrong
    raw = inputs.read_file(name, name, kind)  # refuses files over the (possibly lowered) limit
    content = store.digest(raw)
    hit = store.get(name, content)
    if hit is not None:
        return LoadResult(*hit)
    result = load_text(decode(raw, name), name, Path(name).stem)
    store.put(name, content, result.record, result.problems, result.publicados, result.lugares)
    return result


def _duplicates(specs: SpecSet) -> list[Problem]:
    seen: dict[tuple, str] = {}
    problems = []
    records = [*specs.programas, *specs.dependencias, *specs.derivados]
    for rec in records:
        key = (type(rec).__name__, getattr(rec, "ramo", None), rec.clave)
        if key in seen:
            problems.append(
                Problem(
                    rec.archivo,
                    None,
                    None,
                    "clave",
                    f'"{rec.clave}" ya está definido en {seen[key]}',
                )
            )
        seen.setdefault(key, rec.archivo)
    return problems


def locate_problems(problems: list[Problem]) -> list[Problem]:
    """Fill in line:col of problems found without them (notable avisos), reading each file once."""
    from dataclasses import replace

    pending: dict[str, list[int]] = {}
    for i, p in enumerate(problems):
        if p.line is None and p.keypath and not p.file.startswith("<"):
            pending.setdefault(p.file, []).append(i)
    out = list(problems)
    for name, indexes in pending.items():  # (none when every aviso came located from the cache)
        from issste_mon.carga import yamlload

        try:
            text = decode(inputs.read_file(Path(name), name), name)
        except (SpecError, OSError):
            continue
        keys = {i: (parse_keypath(problems[i].keypath), False) for i in indexes}
        lines = yamlload.locate(text, list(keys.values()))
        for i, key in keys.items():
            if key in lines:
                out[i] = replace(problems[i], line=lines[key][0], col=lines[key][1])
    return out


def bundled_specs_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "specs"


def default_specs_dir(option: str | None = None) -> str:
    """--specs, else $ISSSTE_MON_SPECS, else ./specs if present, else the bundled set."""
    if option:
        return option
    env = os.environ.get("ISSSTE_MON_SPECS")
    if env:
        return env
    if Path("specs").is_dir():
        return "specs"
    return str(bundled_specs_dir())
