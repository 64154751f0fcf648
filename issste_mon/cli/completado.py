"""Shell completion for bash, zsh and fish: commands, options, formats, files and program claves.

`issste-mon completado SHELL` prints a small script for the shell. On <Tab> the shell runs
`issste-mon` again with ISSSTE_MON_COMPLETAR=SHELL and the words typed so far; the entry point
sees that variable before anything else and answers with `candidatos()`, one per line. Other
commands pay one environment lookup. Claves come from the spec file names (the loader requires
`clave` to equal the file name), so completing reads a directory, never a YAML file.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from issste_mon.cli.common import QuietOpt, silenciar

VARIABLE = "ISSSTE_MON_COMPLETAR"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


SCRIPTS = {
    Shell.bash: """\
# issste-mon: completado para bash (issste-mon completado bash)
_issste_mon_completar() {
    local IFS=$'\\n'
    COMPREPLY=( $( ISSSTE_MON_COMPLETAR=bash issste-mon "${COMP_WORDS[@]:1:$COMP_CWORD}" \\
                   2>/dev/null ) )
}
complete -o default -F _issste_mon_completar issste-mon
""",
    Shell.zsh: """\
#compdef issste-mon
# issste-mon: completado para zsh (issste-mon completado zsh)
_issste_mon() {
  local -a candidatos
  candidatos=("${(@f)$(ISSSTE_MON_COMPLETAR=zsh issste-mon "${(@)words[2,$CURRENT]}" \\
              2>/dev/null)}")
  if [[ -n "${candidatos[1]}" ]]; then
    compadd -Q -S '' -- "${candidatos[@]}"
  else
    _files
  fi
}
compdef _issste_mon issste-mon
""",
    Shell.fish: """\
# issste-mon: completado para fish (issste-mon completado fish)
function __issste_mon_completar
    env ISSSTE_MON_COMPLETAR=fish ISSSTE_MON_ACTUAL=(commandline -ct) \\
        issste-mon (commandline -opc) 2>/dev/null
end
complete -c issste-mon -f -a '(__issste_mon_completar)'
""",
}
DESTINOS = {
    Shell.bash: "~/.local/share/bash-completion/completions/issste-mon",
    Shell.zsh: "~/.zfunc/_issste-mon",
    Shell.fish: "~/.config/fish/completions/issste-mon.fish",
}
# options whose value is a file or folder; --salida of importar is a folder too
_ARCHIVOS = {"--specs", "--salida", "-o", "--metodologia", "--plantilla"}


def completado(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh o fish.", case_sensitive=False)],
    instalar: Annotated[
        bool,
        typer.Option(
            "--instalar",
            help="Escribe el script donde el shell lo busca (bash: "
            "~/.local/share/bash-completion/completions/, zsh: ~/.zfunc/, fish: "
            "~/.config/fish/completions/) en lugar de mostrarlo.",
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Script de completado con <Tab> para bash, zsh o fish.

    Completa comandos, opciones, formatos (-f), archivos y las claves de programa de las
    specs en uso. Instálelo con --instalar, o cárguelo en cada sesión: eval "$(issste-mon
    completado bash)" en ~/.bashrc (zsh: en ~/.zshrc, después de compinit).

    Ejemplos: issste-mon completado bash --instalar · issste-mon completado fish
    """
    if quiet:  # (as after every command's name: the message of --instalar is a summary)
        silenciar()
    script = SCRIPTS[Shell(shell)]
    if not instalar:
        sys.stdout.write(script)  # a shell script of our own, for the shell
        return
    from issste_mon.cli.common import stderr_console, write_output
    from issste_mon.salida.archivo import crear_carpeta

    destino = Path(os.path.expanduser(DESTINOS[Shell(shell)]))
    crear_carpeta(destino.parent)
    write_output(str(destino), script)
    nota = " (agregue fpath+=~/.zfunc antes de compinit en ~/.zshrc)" if shell == "zsh" else ""
    stderr_console().print(
        f"Completado de {shell} escrito en {destino}{nota}; abra una terminal nueva.",
        markup=False,
    )


def responder(shell: str, args: list[str]) -> str:
    """What the entry point prints for a completion request: one candidate per line."""
    if shell == Shell.fish:
        # fish passes the words before the cursor, program name included, and the word being
        # typed in ISSSTE_MON_ACTUAL (absent when it is empty: fish drops an empty expansion)
        palabras, actual = args[1:], os.environ.get("ISSSTE_MON_ACTUAL", "")
    else:
        palabras, actual = (args[:-1], args[-1]) if args else ([], "")
    return "".join(f"{c}\n" for c in candidatos(palabras, actual))


def candidatos(palabras: list[str], actual: str) -> list[str]:
    """Candidates for the word being typed (`actual`) after `palabras`."""
    from issste_mon.cli import app

    comando = typer.main.get_command(app)
    ctx_specs = None
    i = 0
    while i < len(palabras):  # walk down the subcommands named so far
        palabra = palabras[i]
        sub = getattr(comando, "commands", {}).get(palabra)
        if sub is not None:
            comando = sub
        elif palabra == "--specs" and i + 1 < len(palabras):
            ctx_specs = palabras[i + 1]
        i += 1
    previa = palabras[-1] if palabras else None
    opcion = _opcion(comando, previa) if previa and previa.startswith("-") else None
    if opcion is not None and not getattr(opcion, "is_flag", False):
        if previa in _ARCHIVOS:
            return _rutas(actual)
        choices = getattr(getattr(opcion, "type", None), "choices", None)
        if choices:
            valores = [str(getattr(c, "value", c)) for c in choices]
            return [v for v in valores if v.startswith(actual.lower())]
        return []
    if actual.startswith("-"):
        opciones = [o for p in comando.params for o in (*p.opts, *p.secondary_opts)]
        return sorted(o for o in opciones if o.startswith(actual) and o.startswith("--"))
    subcomandos = getattr(comando, "commands", None)
    if subcomandos:
        return [n for n, c in subcomandos.items() if n.startswith(actual) and not c.hidden]
    argumentos = [p for p in comando.params if p.param_type_name == "argument"]
    for p in argumentos:
        choices = getattr(getattr(p, "type", None), "choices", None)
        if choices:
            return [str(getattr(c, "value", c)) for c in choices if str(c).startswith(actual)]
    if any((p.metavar or "").lstrip("[").startswith("CLAVE") for p in argumentos):
        return [c for c in claves(ctx_specs) if c.upper().startswith(actual.upper())]
    if any(p.metavar in ("ARCHIVO", "RUTA", "[RUTA]...") for p in argumentos):
        return _rutas(actual)
    return []


def _opcion(comando, nombre: str):
    for p in comando.params:
        if nombre in (*p.opts, *p.secondary_opts):
            return p
    return None


def claves(specs: str | None = None) -> list[str]:
    """Program claves of the specs in use: their file names, without reading them."""
    from issste_mon.carga.loader import default_specs_dir

    raiz = Path(specs) if specs and specs != "-" else Path(default_specs_dir())
    if raiz.is_file():
        return [raiz.stem]
    try:
        return sorted({p.stem for p in raiz.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")})
    except OSError:
        return []


def _rutas(actual: str) -> list[str]:
    base = Path(actual).parent if actual and not actual.endswith("/") else Path(actual or ".")
    prefijo = "" if actual.endswith("/") or not actual else Path(actual).name
    try:
        entradas = sorted(base.iterdir())
    except OSError:
        return []
    out = []
    for p in entradas:
        if p.name.startswith(prefijo) and (prefijo.startswith(".") or not p.name.startswith(".")):
            texto = str(p) if actual else p.name
            if actual.startswith("./") and not texto.startswith("./"):
                texto = "./" + texto
            out.append(texto + ("/" if p.is_dir() else ""))
    return out
