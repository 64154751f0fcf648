"""The `issste-mon` command: a thin shell that parses arguments and wires library calls.

Exit codes: 0 ok · 1 findings (differences, unknown clave, no data) · 2 invalid input or usage ·
130 interrupted (128 + n after signal n: 143 SIGTERM, 129 SIGHUP).
"""

from __future__ import annotations

import gc
import signal
import sys
from typing import Annotated

# Importing typer (and click) only allocates objects that live as long as the process: modules,
# classes, functions. The cyclic collector would still run ~30 times meanwhile, each time
# rescanning what was imported so far (~3 ms of every command). So it is paused while they are
# imported, and what they made is then frozen (gc.freeze), out of reach of later collections.
# Interpreter-wide state, so the CLI does it, as gc_paused() does after loading specs.
_gc_activo = gc.isenabled()
gc.disable()

import typer  # noqa: E402

from issste_mon import __version__  # noqa: E402
from issste_mon.cli.common import QuietOpt, olvidar_entradas, silenciar  # noqa: E402
from issste_mon.cli.es import ComandoEs, GrupoEs  # noqa: E402

gc.freeze()
if _gc_activo:
    gc.enable()

HELP = (
    "Monitoreo de programas sociales del ISSSTE (Ramo 51) a partir de specs YAML.\n\n"
    "Reproduce las cifras publicadas por CONEVAL: cobertura, cumplimiento de metas, "
    "presupuesto y niveles de monitoreo.\n\n"
    "Códigos de salida: 0 correcto · 1 hallazgos (diferencias, clave desconocida, sin datos) · "
    "2 entrada o uso no válidos · 130 interrumpido (143: SIGTERM)."
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"issste-mon {__version__}")
        raise typer.Exit()


def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Muestra el traceback de los errores.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Muestra la versión y termina."
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    _state["debug"] = debug
    if quiet:
        silenciar()


# Every command, under the module of issste_mon.cli that holds it (as a function of the
# command's name; a group of subcommands, importar, as the module's typer `app`), in the order
# `--help` lists them (typer lists a group after the commands). Every command has the Spanish
# help (ComandoEs).
_POR_MODULO = {
    "validar": ("validar",),
    "tablas": ("programas", "cobertura", "cumplimiento", "presupuesto", "monitoreo"),
    "derivado": ("sexenal", "calidad", "resumen"),
    "alertas": ("tendencias", "alertas"),
    "verificar": ("verificar",),
    "ficha": ("ficha",),
    "importar": ("importar",),
    "esquema": ("esquema",),
    "completado": ("completado",),
}
_GRUPOS = frozenset({"importar"})
# name → (module, its object)
_COMANDOS = {
    c: (m, "app" if c in _GRUPOS else c) for m, comandos in _POR_MODULO.items() for c in comandos
}


def construir(nombres: list[str] | None = None) -> typer.Typer:
    """The typer app with the commands named (all of them by default, in `_COMANDOS` order).

    A command's module is imported only when the command is registered: running one command
    builds the app with that command alone (see `_comando_pedido`), so no process imports or
    builds the other fifteen."""
    import importlib

    app = typer.Typer(
        name="issste-mon",
        help=HELP,
        cls=GrupoEs,
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    for nombre in _COMANDOS if nombres is None else nombres:
        modulo, objeto = _COMANDOS[nombre]
        valor = getattr(importlib.import_module(f"issste_mon.cli.{modulo}"), objeto)
        if isinstance(valor, typer.Typer):
            app.add_typer(valor, name=nombre)
        else:
            app.command(nombre, cls=ComandoEs)(valor)
    return app


def _app() -> typer.Typer:
    """The whole app, built once."""
    if "app" not in globals():
        globals()["app"] = construir()
    return globals()["app"]


def __getattr__(name: str):
    """`app`, the whole typer app (every command), built on first use (PEP 562)."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Options of the group itself that take no value: they may come before the command's name.
_OPCIONES_GRUPO = frozenset({"--debug", "-q", "--quiet"})


def _comando_pedido(args: list[str]) -> str | None:
    """The command a command line runs, when the whole app is not needed to run it: its name
    comes first, after group flags only (not --help or --version, which answer for the group)."""
    for arg in args:
        if arg in _OPCIONES_GRUPO:
            continue
        return arg if arg in _COMANDOS else None
    return None


def run(args: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; expected errors become one line on stderr."""
    from issste_mon.cli.codigos import ExitCode, Terminado, TuberiaCerrada, codigo
    from issste_mon.cli.es import ErrorUso
    from issste_mon.errores import EntradaInvalida, ErrorIssste, SinDatos, SpecError

    if args is None:
        args = sys.argv[1:]
    silenciar(False)  # -q is per run (run() may be called many times in one process)
    olvidar_entradas()
    pedido = _comando_pedido(args)
    command = typer.main.get_command(construir([pedido]) if pedido else _app())
    _spanish_metavars(command)
    try:
        result = command.main(args=args, prog_name="issste-mon", standalone_mode=False)
        if result == ExitCode.INTERRUMPIDO:  # typer ≥ 0.26 turns Ctrl-C into a silent Exit(130)
            sys.stderr.write("\ninterrumpido\n")
        return result if isinstance(result, int) else 0
    except SpecError as exc:
        _fail(exc, *(str(p) for p in exc.problems if p.severity == "error"))
        return codigo(exc)
    except (EntradaInvalida, SinDatos) as exc:  # (the library names arguments; here, options)
        _fail(exc, f"error: {exc.en_opciones()}")
        return codigo(exc)
    except ErrorIssste as exc:
        _fail(exc, f"error: {exc}")
        return codigo(exc)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\ninterrumpido\n")
        return ExitCode.INTERRUMPIDO
    except Terminado as exc:
        from issste_mon.salida.sanear import sanear

        try:  # after SIGHUP the terminal may be gone
            sys.stderr.write(sanear(f"interrumpido ({signal.Signals(exc.signum).name})") + "\n")
        except (OSError, ValueError):
            pass
        return 128 + exc.signum
    except (BrokenPipeError, TuberiaCerrada):
        _silence_stdout()
        return ExitCode.OK
    except OSError as exc:  # stdout on a full disk, closed, or a device that refuses writes
        from issste_mon.carga.inputs import os_error

        _silence_stdout()  # the interpreter's final flush would fail (and print) again
        _fail(exc, f"error: no se pudo escribir la salida: {os_error(exc)}")
        return ExitCode.ENTRADA_INVALIDA
    except (typer.TyperException, ErrorUso) as exc:  # usage errors, said in Spanish
        return _uso_no_valido(exc, args, command)


def _uso_no_valido(exc: Exception, args: list[str], command) -> int:
    """A usage error of the command line: one Spanish line and where to find the help (exit 2);
    without arguments, the help itself."""
    from issste_mon.cli.codigos import ExitCode
    from issste_mon.cli.es import mensaje_uso
    from issste_mon.salida.sanear import sanear  # usage errors echo what the user typed

    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stderr.write(sanear(ctx.get_help(), lineas=True))
        return ExitCode.ENTRADA_INVALIDA
    if not hasattr(exc, "ctx") and not type(exc).__name__.endswith(
        ("Error", "Option", "Parameter", "Usage")
    ):  # a ClickException that is not about usage (none today): its own text
        sys.stderr.write(sanear(f"error: {exc}") + "\n")
        return getattr(exc, "exit_code", ExitCode.ENTRADA_INVALIDA)
    ruta = ctx.command_path if ctx is not None else _ruta(args, command)
    sys.stderr.write(
        sanear(f"error: {mensaje_uso(exc, args)}")
        + f"\nVea «{sanear(ruta)} --help» para la ayuda.\n"
    )
    return ExitCode.ENTRADA_INVALIDA


def _ruta(args: list[str], grupo) -> str:
    """The command path named on the command line, when the error came without a context."""
    partes = ["issste-mon"]
    for arg in args:
        sub = getattr(grupo, "commands", {}).get(arg)
        if sub is None:
            if not arg.startswith("-"):
                break
            continue
        partes.append(arg)
        grupo = sub
    return " ".join(partes)


def _silence_stdout() -> None:
    """The reader left (`| head` without the SIGPIPE default, e.g. on Windows): point stdout at
    the null device so the interpreter's final flush does not report the broken pipe."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout replaced, e.g. by a test harness
        pass


def _spanish_metavars(group) -> None:
    """Usage lines say [OPCIONES] and COMANDO, like the rest of the help."""
    group.options_metavar = "[OPCIONES]"
    group.subcommand_metavar = "COMANDO [ARGS]..."
    for sub in getattr(group, "commands", {}).values():
        if hasattr(sub, "commands"):
            _spanish_metavars(sub)
        else:
            sub.options_metavar = "[OPCIONES]"


def _fail(exc: Exception, *lines: str) -> None:
    """Each problem on one line, sanitised: data newlines and escape sequences are shown, not
    obeyed (salida/sanear.py)."""
    from issste_mon.salida.sanear import sanear

    if _state["debug"]:
        import traceback

        sys.stderr.write(sanear("".join(traceback.format_exception(exc)), lineas=True))
    sys.stderr.write("".join(sanear(line) + "\n" for line in lines))


def _senales_de_terminacion() -> None:
    """`kill` (SIGTERM) or a closed terminal (SIGHUP) killed the process where it stood,
    leaving the hidden temporary file of a write in progress in the --salida folder, the specs
    folder of `importar` or the cache, and saying nothing. They end it like Ctrl-C instead (see
    `Terminado`). A signal the parent set to be ignored (`nohup`) stays ignored."""
    for nombre in ("SIGTERM", "SIGHUP"):
        senal = getattr(signal, nombre, None)
        if senal is not None and signal.getsignal(senal) is signal.SIG_DFL:
            signal.signal(senal, _terminar)


def _terminar(signum: int, frame) -> None:
    from issste_mon.cli.codigos import Terminado

    signal.signal(signum, signal.SIG_DFL)  # a second signal ends the process at once
    raise Terminado(signum)


def _salida_en_utf8() -> None:
    """stdout in an encoding that cannot write «ñ», «–» or «⚠» (PYTHONIOENCODING=ascii, a
    locale without UTF-8, a Windows console) failed with a traceback. Data going to a pipe or a
    file is written in UTF-8, the encoding every data format here is documented in (a CSV in
    cp1252 would be another file than the one promised); a terminal that cannot show a character
    gets it escaped (`\\xf1`), as Python already does on stderr: never a changed figure in silence,
    never a crash. stderr follows the same rule: in a latin-1 locale its avisos went to a log
    in latin-1, and `2>&1` mixed both encodings in one file that no reader could decode."""
    import codecs

    for out in (sys.stdout, sys.stderr):
        if out is None or not hasattr(out, "reconfigure"):
            continue
        try:
            if codecs.lookup(out.encoding or "").name == "utf-8":
                # A lone surrogate (the path of a spec in a folder whose name is not UTF-8) was
                # a UnicodeEncodeError traceback, or under the C locale its raw byte: data that
                # is not UTF-8. Written escaped (`\udcff`), as in a --salida file and the messages.
                if out.errors != "backslashreplace":
                    out.reconfigure(errors="backslashreplace")
                continue
            if out.isatty():
                out.reconfigure(errors="backslashreplace")
            else:
                out.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (LookupError, OSError, ValueError):  # an unknown codec or a closed stream
            pass


class _Stderr:
    """stderr that never fails: a write or flush the stream refuses (`2>/dev/full`, a closed
    pipe without SIGPIPE) is dropped. Avisos, summaries and errors go there, never the data;
    a stderr that could not take them turned a complete table on stdout into exit 1 (the
    summary's write failed, then the error saying so failed too, uncaught), and a run that had
    found nothing into «no se pudo escribir la salida». The exit code stays the command's own."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, texto: str) -> int:
        try:
            return self._stream.write(texto)
        except (OSError, ValueError):
            return len(texto)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, nombre: str):
        return getattr(self._stream, nombre)


def _stderr_que_no_falla() -> None:
    """sys.stderr as `_Stderr`; with stderr closed (`2>&-`: None), the null device behind it,
    which also takes descriptor 2: else the next file opened (a --salida, a cache entry) got
    it, and anything written to descriptor 2 would land in that file."""
    import os

    if sys.stderr is None:
        try:
            sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (process-long)
        except OSError:
            return
    sys.stderr = _Stderr(sys.stderr)


# The specs a command run by `main()` loaded: kept to the end of the process, which then ends
# without freeing them (see `main`). None when `run()` is called otherwise (tests, embedding).
conservadas: list | None = None


def main() -> None:
    # `issste-mon … | head` must end quietly, as csvkit does: default SIGPIPE handling.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    import os

    _senales_de_terminacion()
    _salida_en_utf8()
    shell = os.environ.get("ISSSTE_MON_COMPLETAR")
    if shell:  # <Tab> in a shell with `issste-mon completado` installed
        from issste_mon.cli.completado import responder
        from issste_mon.salida.sanear import sanear  # candidates the shell shows: file names

        try:
            sys.stdout.write(sanear(responder(shell, sys.argv[1:]), lineas=True))
            sys.stdout.flush()
        except OSError:  # (was a traceback) nothing is said: it would land in the prompt
            _silence_stdout()
            sys.exit(2)
        sys.exit(0)
    _stderr_que_no_falla()
    if sys.stdout is None:  # started with stdout closed (`issste-mon … >&-`)
        sys.stderr.write("error: la salida estándar está cerrada\n")
        sys.exit(2)
    global conservadas
    conservadas = []
    code = run()
    if conservadas:
        # A warm federal set is millions of objects: freeing them one by one at the end takes
        # ~0.4 s of CPU at 10,000 programs (5 % of `cumplimiento -f csv`) and frees nothing
        # the system would not reclaim at once. So flush and leave without the interpreter's
        # teardown; if flushing fails, the usual exit reports it.
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            sys.exit(code)
        os._exit(code)
    sys.exit(code)
