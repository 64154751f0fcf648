"""The README and the command line agree on the options: each option a command registers is
documented, and each command line the README shows (`$ issste-mon …` examples and inline
`issste-mon …`) uses only options that command has, unless the README shows it refused."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from issste_mon.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
GRUPO = typer.main.get_command(app)


def _opciones(comando) -> set[str]:
    return {"-h", "--help"} | {
        o for p in comando.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")
    }


def _comandos(comando=GRUPO, ruta=()):
    """(name, command) of every command that runs, subcommands of `importar` included."""
    for nombre, sub in getattr(comando, "commands", {}).items():
        if hasattr(sub, "commands"):
            yield from _comandos(sub, (*ruta, nombre))
        else:
            yield " ".join((*ruta, nombre)), sub


def _usos() -> list[tuple[str, str]]:
    """(the README's text from the line on, command line) of each command line it shows."""
    usos = [
        (README[m.start() :], m.group(1))
        for m in re.finditer(r"^ *\$ (issste-mon [^\n]*)", README, flags=re.M)
    ]
    usos += [
        (README[m.start() :], m.group(1)) for m in re.finditer(r"`(issste-mon [^`]*)`", README)
    ]
    # what a shell would not pass to issste-mon: comments, pipes, redirections, `; echo $?`
    return [(texto, re.split(r"\s+#|\s\||;|\s>|\s<", linea)[0]) for texto, linea in usos]


def test_every_option_of_every_command_is_in_the_readme():
    faltan = [
        f"{nombre} {opcion}"
        for nombre, comando in [("issste-mon", GRUPO), *_comandos()]
        for opcion in sorted(_opciones(comando))
        if opcion.startswith("--") and not re.search(re.escape(opcion) + r"(?![\w-])", README)
    ]
    assert not faltan, "opciones que el README no nombra: " + ", ".join(faltan)


def test_every_option_the_readme_uses_is_one_the_command_has():
    usos = _usos()
    assert len(usos) >= 100
    malas = []
    for texto, linea in usos:
        palabras = linea.split()[1:]
        comando, opciones = GRUPO, _opciones(GRUPO)
        for k, palabra in enumerate(palabras):
            if hasattr(comando, "commands") and palabra in comando.commands:
                comando = comando.commands[palabra]
                opciones = _opciones(comando)
                continue
            if not re.fullmatch(r"--?[A-Za-z][\w-]*", palabra) or palabra in opciones:
                continue
            if hasattr(comando, "commands") and k == len(palabras) - 1:
                continue  # `issste-mon importar …`, a group named in prose
            refusal = f"error: opción desconocida «{palabra}»"
            if refusal in texto.split("\n$ ", 1)[0]:
                continue  # the README shows it refused («Errores de uso»)
            malas.append(f"«{linea}»: {palabra}")
    assert not malas, "opciones que el comando no tiene: " + "; ".join(malas)
