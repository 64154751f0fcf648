"""The `issste-mon` command: a thin shell that parses arguments and wires library calls.

Exit codes: 0 ok · 1 findings (differences, unknown clave, no data) · 2 invalid input or usage ·
130 interrupted.
"""

from __future__ import annotations

import signal
import sys
from typing import Annotated

import typer

from issste_mon import __version__
from issste_mon.cli import alertas, derivado, ficha, importar, tablas, validar, verificar

HELP = (
    "Monitoreo de programas sociales del ISSSTE (Ramo 51) a partir de specs YAML.\n\n"
    "Reproduce las cifras publicadas por CONEVAL: cobertura, cumplimiento de metas, "
    "presupuesto y niveles de monitoreo.\n\n"
    "Códigos de salida: 0 correcto · 1 hallazgos (diferencias, clave desconocida, sin datos) · "
    "2 entrada o uso no válidos · 130 interrumpido."
)

app = typer.Typer(
    name="issste-mon",
    help=HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"issste-mon {__version__}")
        raise typer.Exit()


@app.callback()
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
) -> None:
    _state["debug"] = debug


app.command("validar")(validar.validar)
app.command("programas")(tablas.programas)
app.command("cobertura")(tablas.cobertura)
app.command("cumplimiento")(tablas.cumplimiento)
app.command("presupuesto")(tablas.presupuesto)
app.command("monitoreo")(tablas.monitoreo)
app.command("sexenal")(derivado.sexenal)
app.command("calidad")(derivado.calidad)
app.command("resumen")(derivado.resumen)
app.command("tendencias")(alertas.tendencias)
app.command("alertas")(alertas.alertas)
app.command("verificar")(verificar.verificar)
app.command("ficha")(ficha.ficha)
app.add_typer(importar.app, name="importar")


def run(args: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; expected errors become one line on stderr."""
    from issste_mon.cli.codigos import ExitCode, codigo
    from issste_mon.cli.es import traducir
    from issste_mon.errores import ErrorIssste, SpecError

    traducir()
    command = typer.main.get_command(app)
    _spanish_metavars(command)
    try:
        result = command.main(args=args, prog_name="issste-mon", standalone_mode=False)
        if result == ExitCode.INTERRUMPIDO:  # typer ≥ 0.26 turns Ctrl-C into a silent Exit(130)
            sys.stderr.write("\ninterrumpido\n")
        return result if isinstance(result, int) else 0
    except SpecError as exc:
        _fail(exc, *(str(p) for p in exc.problems if p.severity == "error"))
        return codigo(exc)
    except ErrorIssste as exc:
        _fail(exc, f"error: {exc}")
        return codigo(exc)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\ninterrumpido\n")
        return ExitCode.INTERRUMPIDO
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except OSError as exc:  # stdout on a full disk, closed, or a device that refuses writes
        from issste_mon.carga.inputs import os_error

        _silence_stdout()  # the interpreter's final flush would fail (and print) again
        _fail(exc, f"error: no se pudo escribir la salida: {os_error(exc)}")
        return ExitCode.ENTRADA_INVALIDA
    except typer.TyperException as exc:  # usage errors of the bundled click: they echo arguments
        import io

        from issste_mon.salida.sanear import sanear

        buf = io.StringIO()
        exc.show(file=buf)
        sys.stderr.write(sanear(buf.getvalue(), lineas=True))
        return getattr(exc, "exit_code", ExitCode.ENTRADA_INVALIDA)


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


def main() -> None:
    # `issste-mon … | head` must end quietly, as csvkit does: default SIGPIPE handling.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if sys.stdout is None:  # started with stdout closed (`issste-mon … >&-`)
        if sys.stderr is not None:
            sys.stderr.write("error: la salida estándar está cerrada\n")
        sys.exit(2)
    sys.exit(run())
