"""Apply an import to the spec files under `--salida`: the only module of `importar` that writes.

The folder is indexed once per run (stem → files; a file's text and ramo are read only when a
program with its stem is imported). A matching file is parsed with the fast C loader and merged
as plain data first: when nothing would change, nothing more is done (a re-import costs one fast
parse per file). Only a file that changes is parsed round-trip with ruamel.yaml — once — so its
comments, key order, quoting and indentation survive. Every spec produced is checked with the
project's own loader and written atomically (temporary file in the same folder + os.replace),
under an exclusive lock on the folder for the whole run; a read-only spec is refused, not
replaced. Nothing outside `--salida` is read or written.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from issste_mon.carga import yamlcore, yamlload
from issste_mon.errores import EntradaInvalida, SpecError
from issste_mon.importar import alias, parche
from issste_mon.importar.comun import Lote, ProgramaNuevo, plano
from issste_mon.importar.fusion import QUITADO, Ambiguo, Informe, fusionar
from issste_mon.salida.archivo import umask
from issste_mon.salida.numfmt import digitos_no_ascii
from issste_mon.salida.plural import palabra, plural

SUFIJOS = (".yaml", ".yml")
_RESOLVER = yaml.resolver.Resolver()  # PyYAML's YAML 1.1 rules: what the loader will read
_FLOW_MAX = 90  # a new mapping of plain values this short is written on one line: {meta: 95, …}
LOCK = ".issste-mon-importar.lock"


@dataclass
class Accion:
    """What happens to one file."""

    programa: str  # 51-E045
    ruta: Path
    nueva: bool
    informe: Informe
    texto: str | None = None  # content to write; None when nothing changes
    error: str | None = None  # why the file is left alone (existing spec not valid)


@dataclass
class Plan:
    salida: Path
    acciones: list[Accion] = field(default_factory=list)

    def relativa(self, ruta: Path) -> str:
        return str(ruta.relative_to(self.salida))


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()  # round-trip
    y.preserve_quotes = True
    y.width = 4096  # long SHCP texts stay on one line instead of being folded
    y.representer.add_representer(str, _str_seguro)
    y.representer.add_representer(float, _float_plano)
    return y


_ENTRE = r"[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*"  # end of a `key:` line, blank or comment lines
_GUION = re.compile(r"^( *)[^\s#-][^\n]*:" + _ENTRE + r"( *)-( +)\S", re.M)
_CLAVE = re.compile(r"^( *)[^\s#-][^\n]*:" + _ENTRE + r"( *)[^\s#-]", re.M)


def _mas_comun(medidas: list, omision):
    """The style most of the file uses (the first one seen on a tie): a few lines added in
    another style by an earlier import do not decide how the rest is written back."""
    if not medidas:
        return omision
    return Counter(medidas).most_common(1)[0][0]


def _sangria(texto: str) -> tuple[int, int, int]:
    """The indentation a file uses, read from its text (no second parse): spaces a level, and
    where a list's `-` and its content go (`- id:` or `  - id:` lists, two or four spaces)."""
    mapa = _mas_comun(
        [d for m in _CLAVE.finditer(texto) if (d := len(m.group(2)) - len(m.group(1))) > 0], 2
    )
    guion, despues = _mas_comun(
        [
            (max(0, len(m.group(2)) - len(m.group(1))), len(m.group(3)))
            for m in _GUION.finditer(texto)
        ],
        (0, 1),
    )
    return mapa, guion, despues


def _sangria_de(y, texto: str) -> None:
    """Write a merged file back with the indentation it has."""
    mapa, guion, despues = _sangria(texto)
    y.indent(mapping=mapa, sequence=guion + 1 + despues, offset=guion)


def _str_seguro(representer, data: str):
    """Quote a string that PyYAML (YAML 1.1, the project's loader) would read as something
    else — `no`, `on`, `1e3`, `2023-01-01`, `0123` — although YAML 1.2 writes it bare."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, data, (True, False))
    style = '"' if tag != "tag:yaml.org,2002:str" else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _float_plano(representer, data: float):
    """A figure as plain decimal text (0.00003, 12345678.5), never 3e-05 or 1.2e+16: a person
    reads the number the source gave; the loader reads it back as the same double."""
    if data != data or data in (float("inf"), float("-inf")):
        return representer.represent_float(data)
    t = plano(data)
    return representer.represent_scalar("tag:yaml.org,2002:float", t if "." in t else t + ".0")


_CLoader = yamlload.StrictLoader  # the loader's own rules: YAML 1.2 numbers, no duplicate keys
# (0–9, not \d: `ramo: ٥١` or `５１` is no ramo — the loader refuses it —, not ramo 51)
_RAMO = re.compile(r"""^ramo:[ \t]*["']?([0-9]+)(?:\.0)?["']?[ \t]*(?:#.*)?$""", re.M)


def _ramo_de(valor) -> int | None:
    """A parsed spec's `ramo` as `_RAMO` reads one: an integer, or a text of digits 0–9; None
    for anything else (int() reads «٥١», «５１» and «5_1» as 51: a file whose ramo cannot be read
    is a candidate of every program of its clave, so that the problem is reported)."""
    if valor.__class__ is int:
        return valor
    if isinstance(valor, str) and valor.isascii() and valor.isdigit():
        return int(valor)
    return None


class Indice:
    """The spec files under salida, found once per run: by stem (= clave). A file's text and
    ramo are read only when a program with its stem is imported, and at most once."""

    def __init__(self, salida: Path):
        self.salida = salida
        self.por_clave: dict[str, list[Path]] = {}
        # `E045.YAML`, `e045.yaml`: not the loader's spec of E045 (it skips the first and
        # rejects the second), yet a person's: E045.yaml is not created beside it
        self.otra_forma: dict[str, list[Path]] = {}
        self._ramos: dict[Path, int | None] = {}
        self._formas: dict[Path, tuple[bool, bool]] = {}  # (BOM, CRLF) of each text read
        if salida.is_dir():
            self._recorrer(salida)

    def _recorrer(self, carpeta: Path) -> None:
        with os.scandir(carpeta) as it:
            for e in it:
                if e.name.startswith("."):
                    continue  # hidden folders, temporary files, the lock
                if e.is_dir(follow_symlinks=False):
                    self._recorrer(Path(e.path))
                elif e.name.lower().endswith(SUFIJOS) and e.is_file():
                    ruta = Path(e.path)
                    if e.name.endswith(SUFIJOS):
                        self.por_clave.setdefault(ruta.stem, []).append(ruta)
                    if ruta.name != ruta.stem.upper() + ruta.suffix.lower():
                        self.otra_forma.setdefault(ruta.stem.upper(), []).append(ruta)

    def texto(self, ruta: Path) -> str:
        crudo = ruta.read_bytes()
        bom = crudo.startswith(b"\xef\xbb\xbf")
        crlf = b"\r\n" in crudo and crudo.count(b"\r\n") == crudo.count(b"\n")
        self._formas[ruta] = (bom, crlf)
        return crudo.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")

    def con_su_forma(self, ruta: Path, texto: str) -> str:
        """texto with the BOM and line ends the file had: a Windows editor's file is completed,
        not converted (every line of it would show as changed)."""
        bom, crlf = self._formas.get(ruta, (False, False))
        return ("\ufeff" if bom else "") + (texto.replace("\n", "\r\n") if crlf else texto)

    def ramo(self, ruta: Path) -> int | None:
        """The file's top-level `ramo`, read once per run from the start of its text (the whole
        file, parsed, only when it is not there)."""
        if ruta in self._ramos:
            return self._ramos[ruta]
        ramo = None
        try:
            with open(ruta, encoding="utf-8-sig", errors="replace") as f:
                m = _RAMO.search(f.read(8192))
            if m:
                ramo = int(m.group(1))
            else:
                data = yaml.load(self.texto(ruta), Loader=_CLoader)  # noqa: S506
                ramo = _ramo_de(data.get("ramo")) if isinstance(data, Mapping) else None
        except Exception:  # noqa: BLE001 - an unreadable file is reported when it is merged
            ramo = None
        self._ramos[ruta] = ramo
        return ramo

    def candidatas(self, prog: ProgramaNuevo) -> list[Path]:
        """Files that may hold prog: same stem, and the same ramo (or one that cannot be read,
        so the problem is reported)."""
        rutas = sorted(self.por_clave.get(prog.clave, []), key=str)
        return [r for r in rutas if self.ramo(r) in (prog.ramo, None)]

    def de_otra_forma(self, prog: ProgramaNuevo) -> list[Path]:
        """Files named as prog's spec but for case (`E045.YAML`), of its ramo or unreadable."""
        rutas = sorted(self.otra_forma.get(prog.clave, []), key=str)
        return [r for r in rutas if self.ramo(r) in (prog.ramo, None)]


def acciones(lote: Lote, salida: str, reemplazar: bool = False, indice: Indice | None = None):
    """Each program's Accion in turn (nothing is written here)."""
    y = _yaml()
    base = Path(salida)
    indice = indice or Indice(base)
    for _, prog in sorted(lote.programas.items()):
        # a file created here is never another program's: (ramo, clave) is unique in a lote
        acc = _accion(y, base, indice, prog, reemplazar, lote.fuente)
        if (acc.informe.conflictos or acc.informe.nombres) and not acc.nueva:
            _ubicar(acc.informe, indice.texto(acc.ruta))
        if acc.texto is not None and not acc.nueva:
            acc.texto = indice.con_su_forma(acc.ruta, acc.texto)
        yield acc


def _ubicar(inf: Informe, texto: str) -> None:
    """Each conflict's line and column in the file as it was read (composed only when a file
    has conflicts): a person goes straight to the value the source contradicts."""
    caminos = [(c.camino, False) for c in (*inf.conflictos, *inf.nombres) if c.camino]
    caminos += [(camino, False) for c in inf.conflictos if isinstance(c, Ambiguo)
                for _, camino in c.candidatos]  # fmt: skip
    lugares = yamlload.locate(texto, caminos) if caminos else {}

    def ubicado(c):
        if isinstance(c, Ambiguo):  # each row it may be; the first is where an editor goes
            donde = tuple(lugares.get((camino, False)) for _, camino in c.candidatos)
            return replace(c, lugares=donde, lugar=donde[0])
        return replace(c, lugar=lugares.get((c.camino, False))) if c.camino else c

    inf.conflictos = [ubicado(c) for c in inf.conflictos]
    inf.nombres = [ubicado(c) for c in inf.nombres]


def planear(lote: Lote, salida: str, reemplazar: bool = False) -> Plan:
    """Every file's new content, checked, without writing anything."""
    plan = Plan(Path(salida))
    plan.acciones.extend(acciones(lote, salida, reemplazar))
    return plan


@contextlib.contextmanager
def bloqueo(salida: Path, esperando: Callable[[str], None] | None = None):
    """An exclusive lock on salida for a whole run: a second run waits (and says so)."""
    import fcntl

    ruta = salida / LOCK
    try:
        salida.mkdir(parents=True, exist_ok=True)
        fd = os.open(ruta, os.O_RDWR | os.O_CREAT, 0o666)  # (less the umask, as any file)
    except OSError as exc:
        from issste_mon.carga.inputs import os_error

        if salida.is_symlink() and not salida.exists():  # mkdir says «File exists»
            destino = os.readlink(salida)
            raise EntradaInvalida(
                f"no se puede escribir en {salida}: es un enlace simbólico roto "
                f"(apunta a {destino})"
            ) from None
        raise EntradaInvalida(f"no se puede crear el bloqueo {ruta}: {os_error(exc)}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if esperando is not None:
                esperando(
                    f"esperando: otra importación está escribiendo en {salida} "
                    f"(bloqueo {ruta}); se continúa en cuanto termine"
                )
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            from issste_mon.carga.inputs import os_error

            raise EntradaInvalida(
                f"no se puede bloquear {salida} para escribir: {os_error(exc)}"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _es_carpeta_o_nada(salida: Path) -> bool:
    """Whether --salida is a folder or nothing yet; EntradaInvalida naming it when it cannot
    be looked at (a name too long reached the user as «no se pudo escribir la salida: nombre
    de archivo demasiado largo», without saying which), or when a part of it is a file
    (`--salida informe.csv/specs`: Path.exists() says False, and the source was read whole
    before the lock file failed)."""
    try:
        return stat.S_ISDIR(os.stat(salida).st_mode)
    except FileNotFoundError:
        return True
    except OSError as exc:
        from issste_mon.carga.inputs import os_error

        raise EntradaInvalida(
            f"no se puede escribir en `salida` {salida}: {os_error(exc)}", argumentos=("salida",)
        ) from None


def revisar_salida(salida: str) -> None:
    """--salida must be a folder, or nothing yet (it is created): checked by the command line
    before the source is read (a federal CSV takes seconds), and again before writing."""
    if not _es_carpeta_o_nada(Path(salida)):
        raise EntradaInvalida(f"`salida` {salida} no es una carpeta", argumentos=("salida",))


def ejecutar(
    lote: Lote,
    salida: str,
    reemplazar: bool = False,
    simular: bool = False,
    progreso: Callable[[int, int], None] | None = None,
    esperando: Callable[[str], None] | None = None,
) -> Plan:
    """Plan and (unless simulating) write file by file, so a federal import never holds every
    file's text at once. The output folder is locked for the whole run (not when simulating)."""
    plan = Plan(Path(salida))
    revisar_salida(salida)
    ctx = contextlib.nullcontext() if simular else bloqueo(plan.salida, esperando)
    total = len(lote.programas)
    with ctx:
        for n, acc in enumerate(acciones(lote, salida, reemplazar), 1):
            if not simular and acc.texto is not None and acc.error is None:
                try:
                    escribir_atomico(acc.ruta, acc.texto)
                except OSError as exc:  # said in Spanish, as every other OS error
                    from issste_mon.carga.inputs import os_error

                    escritos = sum(1 for a in plan.acciones if a.error is None and a.informe.cambia)
                    raise EntradaInvalida(
                        f"no se puede escribir {acc.ruta}: {os_error(exc)} "
                        f"({plural(escritos, 'archivo')} ya "
                        f"{palabra(escritos, 'escrito')}; cada uno completo)"
                    ) from None
            acc.texto = None
            plan.acciones.append(acc)
            if progreso is not None and (n % 20 == 0 or n == total):
                progreso(n, total)
    return plan


def _solo_lectura(ruta: Path) -> bool:
    try:
        modo = ruta.stat().st_mode
    except OSError:
        return False
    escribible = modo & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return not escribible or not os.access(ruta, os.W_OK)


def _no_es_archivo(ruta: Path) -> str | None:
    """Why a name that exists cannot take a spec when it is not a file: a folder at
    51/E045.yaml was reported as «la spec de otro programa», sending the person to look for a
    program that is not there."""
    try:
        modo = os.lstat(ruta).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(modo):
        return "es una carpeta, no un archivo: no se escribe la spec (quítela o renómbrela)"
    if not stat.S_ISREG(modo) and not stat.S_ISLNK(modo):
        return "no es un archivo regular (FIFO o dispositivo): no se escribe la spec"
    return None


def _accion(y, base: Path, indice: Indice, prog: ProgramaNuevo, reemplazar, fuente):
    quien = prog.id_completo
    for ruta in indice.candidatas(prog):
        try:
            texto = indice.texto(ruta)
            plano = yamlload.parse(texto, str(ruta))
        except SpecError as exc:
            errs = "; ".join(str(p) for p in exc.problems[:3])
            return Accion(quien, ruta, False, Informe(), error=f"no se puede leer: {errs}")
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not merged
            return Accion(quien, ruta, False, Informe(), error=f"no se puede leer: {exc}")
        if not (isinstance(plano, Mapping) and _mismo_programa(plano, prog)):
            if isinstance(plano, Mapping) and (otros := _ramo_de_otros_digitos(plano, texto, prog)):
                return Accion(quien, ruta, False, Informe(), error=otros)
            continue
        if not _valida_datos(plano, ruta):
            error = _valida(texto, ruta) or "la spec existente no es válida; no se modifica"
            return Accion(quien, ruta, False, Informe(), error=error)
        inf = fusionar(plano, prog, reemplazar)  # plain data first: anything to write?
        if not inf.cambia:
            return Accion(quien, ruta, False, inf)
        por_alias = alias.compartido(inf, reemplazar, texto)
        if por_alias:
            return Accion(quien, ruta, False, inf, error=por_alias)
        if _solo_lectura(ruta):
            error = "el archivo es de solo lectura: no se modifica (quite la protección para "
            return Accion(quien, ruta, False, inf, error=error + "completarlo)")
        mapa, guion, despues = _sangria(texto)
        sangria = min(max(mapa, 2), 9)  # what PyYAML can write

        def volcar(data, sangria=sangria, guion=guion, despues=despues):
            return volcar_como(data, sangria, guion, despues)

        nuevo = None if inf.solo_completo else parche.parchear(texto, inf.nuevos, volcar)
        if nuevo is not None:
            try:
                leido = yamlload.parse(nuevo, str(ruta))
            except SpecError:
                leido = None
            if leido == plano:  # the patched text reads back as the merge (else: round trip)
                acc = Accion(quien, ruta, False, inf, nuevo)
                return acc if _valida_datos(leido, ruta) else _comprobar(acc)
        data = y.load(texto)  # the one round-trip parse, to keep comments and layout
        _sangria_de(y, texto)
        inf = fusionar(data, prog, reemplazar)
        base_texto = texto
        comentado = _comentar_quitados(texto, inf.quitados) if inf.quitados else None
        if comentado is not None:  # the removed lines stay, commented: merge into that text
            data = y.load(comentado)
            inf.en_linea = fusionar(data, prog, reemplazar).en_linea  # maps of this data
            base_texto = comentado
            inf.conflictos = [_dicho_comentado(c) for c in inf.conflictos]
        for n, (mapa_anio, _) in enumerate(inf.en_linea):
            primera = next(iter(mapa_anio))
            mapa_anio.yaml_set_comment_before_after_key(primera, before=f"{_MARCA}{n}")
        escrito = _con_sus_espacios(base_texto, _marcas(_volcar(y, data), inf.en_linea))
        if inf.en_linea:
            inf.conflictos = [_dicho_comentado(c) for c in inf.conflictos]
        escrito = _separadores_en_su_lugar(base_texto, escrito)
        escrito = _secciones_apartadas(base_texto, escrito, inf.nuevos)
        return _comprobar(Accion(quien, ruta, False, inf, escrito))
    for otra in indice.de_otra_forma(prog):
        return Accion(quien, otra, False, Informe(), error=_nombre_de_otra_forma(otra, prog))
    ruta = base / str(prog.ramo) / f"{prog.clave}.yaml"
    if ruta.exists():  # another program's file under this name: never overwritten
        error = _no_es_archivo(ruta) or (
            "ya existe y es la spec de otro programa (ramo o clave distintos); no se modifica"
        )
        return Accion(quien, ruta, False, Informe(), error=error)
    data: dict = {}
    inf = fusionar(data, prog, reemplazar)
    cabecera = (
        f"# Programa {quien}: importado de datos abiertos de SHCP "
        f"({Path(fuente).name})\n# con `issste-mon importar`. Puede editarse: otra importación "
        "solo agrega lo que falte.\n"
    )
    return _comprobar(Accion(quien, ruta, True, inf, cabecera + volcar_nuevo(data)))


def _nombre_de_otra_forma(ruta: Path, prog: ProgramaNuevo) -> str:
    """Why a spec named `E045.YAML` is neither completed nor given an `E045.yaml` beside it."""
    bien = prog.clave + ruta.suffix.lower()
    if ruta.suffix != ruta.suffix.lower():
        porque = f"la extensión «{ruta.suffix}» va en minúsculas: el cargador omite el archivo"
    else:
        porque = (
            f"la clave del nombre va en mayúsculas: el cargador lo rechaza («{ruta.stem}» no "
            f"es «{prog.clave}»)"
        )
    return (
        f"{porque}, y escribir {prog.clave}.yaml junto a él dejaría dos specs de "
        f"{prog.id_completo}; "
        f"renómbrelo a {bien} y vuelva a importar (no se escribe nada)"
    )


@yamlcore.quote_for_both
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc, valid-type]
    """A new file has no comments to keep: PyYAML's C emitter writes it ~10× faster than
    ruamel; strings that YAML 1.1 or 1.2 would read as numbers are quoted."""


def _en_linea(data: dict) -> bool:
    """A short mapping of plain values reads best on one line: {meta: 95, valor: 96.02}."""
    return all(not isinstance(v, (dict, list)) for v in data.values()) and (
        len(str(data)) <= _FLOW_MAX
    )


def _mapa(dumper, data: dict):
    items = list(data.items())  # a list keeps the spec's key order
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=_en_linea(data))


_Dumper.add_representer(dict, _mapa)
_Dumper.add_representer(float, _float_plano)


def volcar_nuevo(data: dict, sangria: int = 2) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=sangria
    )


@yamlcore.quote_for_both
class _DumperComo(yaml.SafeDumper):
    """Writes lists as a file already does (`  - id:` under its key, not libyaml's `- id:`
    only): what an import adds to a hand-written spec reads like the rest of it. PyYAML's own
    emitter, since libyaml's cannot be told; used only when the file's lists differ from it."""

    guion = 0  # spaces from a key to the `-` of its list
    despues = 1  # spaces after the `-`

    def expect_block_sequence(self):
        self.indents.append(self.indent)
        self.indent = 0 if self.indent is None else self.indent + self.guion
        self.state = self.expect_first_block_sequence_item

    def expect_block_mapping(self):
        if not self.sequence_context or self.indent is None:
            return super().expect_block_mapping()
        self.indents.append(self.indent)  # an item's keys line up after its `- `
        self.indent += 1 + self.despues
        self.state = self.expect_first_block_mapping_key
        return None


_DumperComo.add_representer(dict, _mapa)
_DumperComo.add_representer(float, _float_plano)


def volcar_como(data, sangria: int, guion: int, despues: int) -> str:
    """data as an addition to a file indented `sangria` spaces a level whose lists put their
    `-` `guion` spaces in from their key and the content `despues` spaces after it."""
    if (guion, despues) == (0, sangria - 1):  # what libyaml writes: ~10× faster
        return volcar_nuevo(data, sangria)
    dumper = type("_Dumper", (_DumperComo,), {"guion": guion, "despues": despues})
    return yaml.dump(
        data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096, indent=sangria
    )


def _mismo_programa(data: Mapping, prog: ProgramaNuevo) -> bool:
    """Whether data is prog's spec. A ramo the loader refuses that a person reads as prog's
    (`51.0`, `051`, `+51`, `5_1`) is: the file is then refused with the loader's reason, never
    given a second spec of prog beside it. Digits other than 0–9: `_ramo_de_otros_digitos`."""
    if str(data.get("clave", "")) != prog.clave:
        return False
    valor = data.get("ramo")
    if (leido := _ramo_de(valor)) is not None:
        return leido == prog.ramo
    if valor.__class__ is bool or (isinstance(valor, str) and digitos_no_ascii(valor)):
        return False
    try:
        leido = int(valor)  # (as the importer read any ramo before: «51.5» is no 51)
    except (TypeError, ValueError, OverflowError):
        return False
    return leido == prog.ramo and (isinstance(valor, str) or leido == valor)


def _ramo_de_otros_digitos(data: Mapping, texto: str, prog: ProgramaNuevo) -> str | None:
    """Why a spec of prog's clave whose ramo is prog's written with other digits (`ramo: ٥١`,
    `５１`, copied from a PDF) is neither completed nor given a spec beside it: the loader
    refuses that ramo, so it is no ramo 51, yet it may be the person's spec of 51-E045 (two
    specs of it once they fix the digits)."""
    valor = data.get("ramo")
    if not (isinstance(valor, str) and digitos_no_ascii(valor)):
        return None
    try:
        leido = int(valor)  # (reads any script's digits: what a person took it for)
    except ValueError:
        return None
    if str(data.get("clave", "")) != prog.clave or leido != prog.ramo:
        return None
    m = re.search(r"^ramo:", texto, re.M)
    donde = f" (línea {texto.count(chr(10), 0, m.start()) + 1})" if m else ""
    return (
        f"ramo{donde}: «{valor}» está escrito con dígitos que no son 0 a 9, y el cargador no lo "
        f"lee: si es la spec de {prog.id_completo}, escriba «ramo: {leido}» y vuelva a importar "
        "(no se escribe nada)"
    )


def _valida(texto: str, ruta: Path) -> str | None:
    from issste_mon.carga.loader import load_text

    try:
        load_text(texto, str(ruta), ruta.stem)
    except SpecError as exc:
        errs = [str(p) for p in exc.problems if p.severity == "error"]
        return "la spec existente no es válida; no se modifica: " + "; ".join(errs[:3])
    return None


def _valida_datos(data, ruta: Path) -> bool:
    """Whether already-parsed spec data builds without errors (no second parse; `build` only
    reads the data)."""
    from issste_mon.carga.campos import Collector
    from issste_mon.carga.esquema import build

    out = Collector()
    build(data, ruta.stem, out, str(ruta))
    return not out.has_errors


def _comprobar(acc: Accion) -> Accion:
    """The written spec must load with the project's own loader; otherwise it is not written."""
    if acc.texto is not None:
        error = _valida(acc.texto, acc.ruta)
        if error:
            acc.error, acc.texto = error.replace("existente", "resultante"), None
    return acc


def _con_sus_espacios(original: str, escrito: str) -> str:
    """escrito with every line that differs from the original only in spaces taken from the
    original: ruamel.yaml writes back the lines a merge did not touch with one space where a
    person aligned values (`nivel:    Componente`, columns of flow mappings). Kept only when
    it reads back exactly as ruamel's text."""
    a, b = original.splitlines(True), escrito.splitlines(True)
    igual = difflib.SequenceMatcher(
        None, [" ".join(x.split()) for x in a], [" ".join(x.split()) for x in b], autojunk=False
    )
    partes = []
    for tag, i1, i2, j1, j2 in igual.get_opcodes():
        if tag != "equal":
            partes += b[j1:j2]
            continue
        for x, z in zip(a[i1:i2], b[j1:j2], strict=True):
            partes.append(x if x.endswith("\n") or not z.endswith("\n") else x + "\n")
    return _si_lee_igual("".join(partes), escrito)


COMENTADO = "quitado por importar --reemplazar (la fuente da componentes; el año ya no los admite):"


_MARCA = "issste-mon-quitado-"


def _marcas(escrito: str, en_linea: list) -> str:
    """Each marker comment replaced by the removed fields of a year that was written on one
    line, commented, indented as the keys below it."""
    lineas = escrito.splitlines(True)
    partes = []
    for i, x in enumerate(lineas):
        m = re.fullmatch(rf" *# {_MARCA}(\d+)\n", x)
        if not m:
            partes.append(x)
            continue
        siguiente = next((z for z in lineas[i + 1 :] if z.strip()), "")
        sangria = " " * _sangria_de_linea(siguiente)
        quitadas = en_linea[int(m.group(1))][1]
        partes += [f"{sangria}# {z}\n" for z in (COMENTADO, *quitadas)]
    return "".join(partes)


def _dicho_comentado(c):
    if QUITADO not in c.reemplazo:
        return c
    dicho = QUITADO + " y quedan en él comentados, donde estaban"
    return replace(c, reemplazo=c.reemplazo.replace(QUITADO, dicho))


def _comentar_quitados(texto: str, quitados: list) -> str | None:
    """texto with the lines of each key --reemplazar removes from a year total commented out
    where they were (a line saying why above each run of them): the person's figures and the
    comments written with them stay in the file, not only in the conflict that names them.
    The blank lines and less indented comments that close the last one are left as they are
    (they separate the next section). None when a key does not start its line."""
    lineas = texto.splitlines(True)
    comentar: dict[int, int] = {}  # line → column of its key
    cabeceras: dict[int, int] = {}
    for grupo in quitados:
        fin_anterior = None
        for linea, col, fin in grupo:
            if linea >= len(lineas) or _sangria_de_linea(lineas[linea]) != col:
                return None
            if fin is None:
                fin = linea + 1
                while fin < len(lineas) and (
                    not lineas[fin].strip()
                    or lineas[fin].lstrip().startswith("#")
                    or _sangria_de_linea(lineas[fin]) > col
                ):
                    fin += 1
            while fin > linea + 1 and _separa(lineas[fin - 1], col):
                fin -= 1
            if linea != fin_anterior:
                cabeceras[linea] = col
            for i in range(linea, fin):
                comentar[i] = col
            fin_anterior = fin
    partes = []
    for i, x in enumerate(lineas):
        if i in cabeceras:
            partes.append(" " * cabeceras[i] + "# " + COMENTADO + "\n")
        col = comentar.get(i)
        if col is None or not x.strip() or x.lstrip().startswith("#"):
            partes.append(x)
        else:
            partes.append(x[:col] + "# " + x[col:])
    return "".join(partes)


def _sangria_de_linea(linea: str) -> int:
    return len(linea) - len(linea.lstrip(" "))


def _separa(linea: str, sangria: int) -> bool:
    """A blank line, or a comment less indented than a block: what a person put between two
    sections or above the next key, not inside the block before it."""
    s = linea.strip()
    return not s or (s.startswith("#") and _sangria_de_linea(linea) < sangria)


def _separadores_en_su_lugar(original: str, escrito: str) -> str:
    """escrito with what an import added at the end of a block put before the blank lines and
    the less indented comments that closed that block in the original: ruamel.yaml keeps those
    with the last value of the block, so a blank line between two sections ended up inside the
    first one, before the components that --reemplazar adds, and a comment about the next
    section above them. Kept only when it reads back exactly as ruamel's text."""
    a, b = original.splitlines(True), escrito.splitlines(True)
    igual = difflib.SequenceMatcher(
        None, [" ".join(x.split()) for x in a], [" ".join(x.split()) for x in b], autojunk=False
    )
    partes: list[str] = []
    for tag, _i1, _i2, j1, j2 in igual.get_opcodes():
        nuevas = b[j1:j2]
        llenas = [x for x in nuevas if x.strip()]
        if tag == "insert" and llenas and nuevas[-1].strip():
            sangria = _sangria_de_linea(llenas[0])
            k = len(partes)
            while k and _separa(partes[k - 1], sangria):
                k -= 1
            partes[k:k] = nuevas
        else:
            partes += nuevas
    return _si_lee_igual("".join(partes), escrito)


def _secciones_apartadas(original: str, escrito: str, nuevos: list) -> str:
    """escrito with a blank line above each top-level section the merge added, when the
    original sets off its own sections so (the bundled specs do): ruamel.yaml appends a new
    key right under the last line of the file, and `poblaciones:` stuck to the end of `mir`
    read as part of it. The patch path does the same (parche.secciones_separadas)."""
    claves = {str(key) for camino, key, _ in nuevos if camino == () and key is not None}
    if not claves:
        return escrito
    try:
        raiz = yaml.compose(original, Loader=_CLoader)  # noqa: S506 - composes nodes only
    except yaml.YAMLError:
        return escrito
    if not isinstance(raiz, yaml.MappingNode) or not parche.secciones_separadas(original, raiz):
        return escrito
    lineas = escrito.splitlines(True)
    partes: list[str] = []
    for i, x in enumerate(lineas):
        clave = re.match(r"([^\s#:'\"][^:]*):[ \t]*(?:#.*)?$", x.rstrip("\n"))
        bloque = i + 1 < len(lineas) and lineas[i + 1][:1] in (" ", "-")
        if clave and clave.group(1) in claves and bloque and partes and partes[-1].strip():
            partes.append("\n")
        partes.append(x)
    return _si_lee_igual("".join(partes), escrito)


def _volcar(y, data) -> str:
    buf = io.StringIO()
    y.dump(_estilo(data), buf)
    return buf.getvalue()


def _estilo(node):
    """New plain dicts/lists → ruamel nodes; short mappings of plain values on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, (CommentedMap, CommentedSeq)):
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for k, v in list(items):
            node[k] = _estilo(v)
        return node
    if isinstance(node, dict):
        out = CommentedMap((k, _estilo(v)) for k, v in node.items())
        if _en_linea(node):
            out.fa.set_flow_style()
        return out
    if isinstance(node, list):
        return CommentedSeq(_estilo(v) for v in node)
    return node


def aplicar(plan: Plan) -> int:
    """Write every changed file atomically; returns how many were written."""
    n = 0
    for acc in plan.acciones:
        if acc.texto is not None and acc.error is None:
            escribir_atomico(acc.ruta, acc.texto)
            n += 1
    return n


def escribir_atomico(ruta: Path, texto: str) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    # Hidden name: a leftover after a crash is skipped by the loader (it ignores dot files).
    fd, tmp = tempfile.mkstemp(dir=ruta.parent, prefix=f".{ruta.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(texto)
            f.flush()
            os.fsync(f.fileno())
        modo = ruta.stat().st_mode & 0o777 if ruta.exists() else 0o666 & ~umask()
        os.chmod(tmp, modo)
        os.replace(tmp, ruta)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _si_lee_igual(texto: str, escrito: str) -> str:
    """`texto`, a retouched `escrito`, only where it reads back as the same data."""
    if texto == escrito:
        return escrito
    try:
        mismo = yaml.load(texto, Loader=_CLoader) == yaml.load(escrito, Loader=_CLoader)  # noqa: S506
    except Exception:  # noqa: BLE001 - a text that does not read back is not used
        mismo = False
    return texto if mismo else escrito
