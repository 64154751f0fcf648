"""Spanish for the few fixed strings typer and its bundled click print in help and errors.

typer (0.26–0.28) keeps them as module constants and default arguments; we replace them once,
in this process only, before the command line is parsed.
"""

from __future__ import annotations

_done = False


def traducir() -> None:
    global _done
    if _done:
        return
    _done = True
    try:
        from typer import rich_utils as ru
        from typer._click import decorators, formatting
    except ImportError:  # pragma: no cover - another typer layout: keep its English
        return
    ru.ARGUMENTS_PANEL_TITLE = "Argumentos"
    ru.OPTIONS_PANEL_TITLE = "Opciones"
    ru.COMMANDS_PANEL_TITLE = "Comandos"
    ru.ABORTED_TEXT = "Interrumpido."
    ru.DEFAULT_STRING = "[por omisión: {}]"
    ru.REQUIRED_LONG_STRING = "[obligatorio]"
    ru.ENVVAR_STRING = "[variable de entorno: {}]"
    ru.RICH_HELP = "Vea [blue]'{command_path} {help_option}'[/] para la ayuda."

    original_help_option = decorators.help_option

    def help_option(param_decls):
        decorate = original_help_option(param_decls)

        def apply(command):
            command = decorate(command)
            command.params[-1].help = "Muestra esta ayuda y termina."
            return command

        return apply

    decorators.help_option = help_option

    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):
        return original_write_usage(self, prog, args, "Uso: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage
