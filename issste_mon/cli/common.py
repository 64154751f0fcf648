"""Options and plumbing shared by every command: spec loading, output, errors to stderr."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Optional

import typer

from issste_mon.salida.formatos import Formato

SpecsOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--specs",
        metavar="RUTA",
        help="Carpeta o archivo de specs (repetible; «-» lee una spec de stdin). Por omisión: "
        "$ISSSTE_MON_SPECS, ./specs si existe, o las specs incluidas.",
        show_default=False,
    ),
]
FormatoOpt = Annotated[
    Optional[Formato],
    typer.Option(
        "--formato",
        "-f",
        help="Formato de salida. Por omisión: tabla en una terminal, tsv en una tubería.",
        show_default=False,
    ),
]
AnioOpt = Annotated[
    Optional[int],
    typer.Option(
        "--year", "--anio", "-y", metavar="AÑO", help="Solo este año fiscal.", show_default=False
    ),
]
ClavesArg = Annotated[
    Optional[list[str]],
    typer.Argument(
        metavar="[CLAVE]...",
        help="Claves de programa (E045 o 51-E045). Sin claves: todos los programas.",
        show_default=False,
    ),
]
SalidaOpt = Annotated[
    Optional[str],
    typer.Option(
        "--salida",
        "-o",
        metavar="ARCHIVO",
        help="Escribe en ARCHIVO en lugar de stdout; sin -f, el formato sale de la extensión "
        "(.csv .tsv .json .jsonl .md .xlsx). Obligatorio con -f xlsx («-»: stdout, solo si no "
        "es una terminal).",
        show_default=False,
    ),
]
MetodologiaOpt = Annotated[
    Optional[str],
    typer.Option(
        "--metodologia",
        metavar="ARCHIVO",
        help="Archivo de metodología (umbrales y fórmulas) que sustituye al incluido.",
        show_default=False,
    ),
]

SinCacheOpt = Annotated[
    bool,
    typer.Option(
        "--sin-cache",
        help="No lee ni escribe la caché de specs ya validadas (también ISSSTE_MON_SIN_CACHE=1). "
        "Caché: $ISSSTE_MON_CACHE_DIR o $XDG_CACHE_HOME/issste-mon (~/.cache/issste-mon).",
    ),
]

EsquemaSalidaOpt = Annotated[
    bool,
    typer.Option(
        "--esquema-salida",
        help="En lugar de los datos, escribe el esquema de la salida de esta consulta (Table "
        "Schema de frictionless, JSON): cada columna con su tipo, unidad y decimales.",
    ),
]


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


AVISOS_MOSTRADOS = 5  # notable avisos a command shows before pointing to `validar`


def load_specs(paths: list[str] | None, sin_cache: bool = False):
    from issste_mon.carga.loader import default_specs_dir, load_paths

    with gc_paused():
        specs = load_paths(paths or [default_specs_dir()], cache=not sin_cache)
    notable = [p for p in specs.avisos if p.notable]
    if notable:
        from issste_mon.carga.loader import locate_problems

        err = stderr_console()
        for p in locate_problems(notable[:AVISOS_MOSTRADOS]):
            err.print(str(p), markup=False)
        if len(notable) > AVISOS_MOSTRADOS:
            err.print(
                f"… y {len(notable) - AVISOS_MOSTRADOS} avisos más; `issste-mon validar` los "
                "muestra todos.",
                markup=False,
            )
    return specs


@contextmanager
def gc_paused():
    """Loading only allocates; the cyclic GC would rescan the growing record tree many times.

    On the way out the new objects are frozen (gc.freeze) instead of being scanned at the next
    collection: records hold no reference cycles, so reference counting still frees them, and
    they live until the command ends (every later collection would rescan millions of them,
    ~40 % of a warm federal run). Interpreter-wide state, so the CLI does it, not the library.
    """
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def load_methodology(path: str | None):
    from issste_mon.metodologia import load

    return load(path)


STDOUT = "-"
_POR_EXTENSION = {
    ".csv": Formato.csv,
    ".tsv": Formato.tsv,
    ".json": Formato.json,
    ".jsonl": Formato.jsonl,
    ".md": Formato.markdown,
    ".xlsx": Formato.xlsx,
}


def resolve_format(formato: Formato | None, salida: str | None = None) -> Formato:
    if formato is not None:
        return formato
    if salida and salida != STDOUT:
        from pathlib import Path

        return _POR_EXTENSION.get(Path(salida).suffix.lower(), Formato.tsv)
    return Formato.tabla if sys.stdout.isatty() else Formato.tsv


def binary_target(salida: str | None, formato: str = "xlsx"):
    """Where a binary format may go: a file, or stdout only when it is not a terminal."""
    from issste_mon.errores import EntradaInvalida

    if salida is None:
        raise EntradaInvalida(
            f"el formato {formato} es binario: indique --salida ARCHIVO.{formato} "
            f"(o --salida - para enviarlo a una tubería)",
        )
    if salida == STDOUT:
        if sys.stdout.isatty():
            raise EntradaInvalida(
                f"no se escribe {formato} (binario) en una terminal: redirija la salida "
                f"(> archivo.{formato}) o use --salida ARCHIVO.{formato}",
            )
        return sys.stdout.buffer
    return salida


def write_output(salida: str, data: str | bytes) -> None:
    """Write a whole output file at once; an unwritable path is invalid input (exit 2)."""
    from pathlib import Path

    from issste_mon.errores import EntradaInvalida

    try:
        if isinstance(data, bytes):
            Path(salida).write_bytes(data)
        else:
            Path(salida).write_text(data, encoding="utf-8")
    except OSError as exc:
        raise EntradaInvalida(
            f"no se puede escribir {salida}: {exc.strerror or exc}",
        ) from None


def emit(
    tabla, formato: Formato | None, salida: str | None = None, *, specs=None, metodologia=None
) -> None:
    """Data to stdout (or --salida) in the chosen format; avisos and summaries to stderr.

    `specs` and `metodologia` name the sources in formats that carry them (the xlsx sheet
    «metodologia»); pass None where the table uses no methodology.
    """
    import io

    from issste_mon.salida.render import render

    fmt = resolve_format(formato, salida)
    err = stderr_console()
    for aviso in tabla.avisos:
        err.print(f"aviso: {aviso}")
    if fmt is Formato.xlsx:
        from issste_mon.salida import procedencia, xlsx

        target = binary_target(salida)
        data = xlsx.libro([tabla], procedencia.de(specs, metodologia))
        if isinstance(target, str):
            write_output(target, data)
        else:
            target.write(data)
            target.flush()
        return
    to_file = salida is not None and salida != STDOUT
    out = io.StringIO() if to_file else sys.stdout
    if fmt is Formato.tabla:
        from rich.console import Console

        render(tabla, fmt, out, Console(file=out if to_file else None, highlight=False))
    else:
        render(tabla, fmt, out)
    if fmt not in (Formato.tabla, Formato.markdown):
        for line in tabla.resumen:
            err.print(line)
    if to_file:
        write_output(salida, out.getvalue())
    else:
        sys.stdout.flush()


@dataclass
class Comunes:
    """The options every table command shares, parsed once: where the specs are, which
    methodology, and where and how the table goes (`--formato`, `--salida`, xlsx included)."""

    specs: list[str] | None = None
    sin_cache: bool = False
    formato: Formato | None = None
    salida: str | None = None
    metodologia: str | None = None
    esquema_salida: bool = False
    _cargadas: object = field(default=None, repr=False)
    _met: object = field(default=None, repr=False)

    def cargar(self):
        if self._cargadas is None:
            self._cargadas = load_specs(self.specs, self.sin_cache)
        return self._cargadas

    def met(self):
        if self._met is None:
            self._met = load_methodology(self.metodologia)
        return self._met

    def emitir(self, tabla) -> None:
        """The table in the chosen format; xlsx names the specs and methodology used."""
        if self.esquema_salida:  # the columns of this output, not its rows (issue 14)
            import json

            from issste_mon.salida.esquema_salida import esquema_salida

            texto = json.dumps(esquema_salida(tabla), ensure_ascii=False, indent=2) + "\n"
            if self.salida and self.salida != "-":
                write_output(self.salida, texto)
            else:
                sys.stdout.write(texto)
            return
        emit(tabla, self.formato, self.salida, specs=self._cargadas, metodologia=self._met)


_COMUNES = {
    "specs": (SpecsOpt, None),
    "formato": (FormatoOpt, None),
    "salida": (SalidaOpt, None),
    "sin_cache": (SinCacheOpt, False),
    "metodologia": (MetodologiaOpt, None),
    "esquema_salida": (EsquemaSalidaOpt, False),
}


def comando_tabla(*, metodologia: bool = True) -> Callable:
    """Decorator of a table command `fn(..., *, op: Comunes)`: adds the shared options
    (--specs, --formato/-f, --salida/-o, --sin-cache and, where a methodology applies,
    --metodologia) to its signature, once for every command, and hands them over as `op`."""

    nombres = [n for n in _COMUNES if metodologia or n != "metodologia"]

    def decorar(fn: Callable) -> Callable:
        sig = inspect.signature(fn, eval_str=True)
        propios = [p for p in sig.parameters.values() if p.name != "op"]
        comunes = [
            inspect.Parameter(
                n, inspect.Parameter.KEYWORD_ONLY, default=_COMUNES[n][1], annotation=_COMUNES[n][0]
            )
            for n in nombres
        ]

        @functools.wraps(fn)
        def comando(**kwargs):
            op = Comunes(**{n: kwargs.pop(n) for n in nombres})
            return fn(**kwargs, op=op)

        parametros = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in propios] + comunes
        comando.__signature__ = sig.replace(parameters=parametros)
        comando.__annotations__ = {p.name: p.annotation for p in parametros}
        del comando.__wrapped__
        return comando

    return decorar
