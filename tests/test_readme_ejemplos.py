"""Every console example of the README that runs on the bundled specs prints what the README
shows: run by a shell from the repository's root, on a terminal (a pseudo-terminal as wide as
the example's widest line, at least 80 columns), as a reader would type it.

An example that writes files, imports SHCP data or needs a folder the README builds first is
left to its own test (test_readme_importar.py, test_cli.py…). In an expected output, a line
that is only «…» stands for any lines and a «…» inside a line for any text (the README elides
long help texts and install paths there). What a README shows may be stdout alone (stderr
summaries left out) or the whole terminal.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")  # (a POSIX terminal)

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the `issste-mon` installed beside this interpreter
# Commands that need files the README makes first, or write some, or cannot run unattended.
APARTE = re.compile(
    r"--salida|-o |> |importar|completado|<Tab>|--metodologia|--specs (?!specs)|validar \S|--bom"
)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")


def _ejemplos() -> list[tuple[int, str, str]]:
    """(README line, command, expected output) of each `$ issste-mon …` example."""
    texto = (REPO / "README.md").read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^```console\n(.*?)^```\n", texto, flags=re.S | re.M):
        partes = re.split(r"^\$ ", m.group(1), flags=re.M)[1:]
        inicio = texto.count("\n", 0, m.start()) + 2
        for k, parte in enumerate(partes):
            orden, _, esperado = parte.partition("\n")
            if not orden.startswith("issste-mon ") or APARTE.search(orden) or "abajo" in orden:
                continue
            if not esperado.strip() and k == len(partes) - 1:  # shown in the next ```text block
                siguiente = re.match(r"\n*```text\n(.*?)^```", texto[m.end() :], re.S | re.M)
                esperado = siguiente.group(1) if siguiente else ""
            linea = inicio + m.group(1)[: m.group(1).index("$ " + parte)].count("\n")
            out.append((linea, re.sub(r"\s+#.*$", "", orden), esperado))
    return out


def _terminal(orden: str, columnas: int) -> str:
    """What a terminal `columnas` wide shows after `orden` (escape sequences removed)."""
    madre, hija = pty.openpty()
    env = dict(
        os.environ,
        COLUMNS=str(columnas),
        LINES="50",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        TERM="xterm-256color",
    )
    env.pop("NO_COLOR", None)
    env.pop("ISSSTE_MON_SPECS", None)
    proc = subprocess.Popen(
        ["bash", "-c", orden],
        stdin=subprocess.DEVNULL,
        stdout=hija,
        stderr=hija,
        cwd=REPO,
        env=env,
    )
    os.close(hija)
    salida = b""
    while select.select([madre], [], [], 60)[0]:
        try:
            trozo = os.read(madre, 65536)
        except OSError:  # the other end closed
            break
        if not trozo:
            break
        salida += trozo
    proc.wait(timeout=60)
    os.close(madre)
    return _ANSI.sub("", salida.decode("utf-8").replace("\r\n", "\n"))


def _patron(esperado: str) -> re.Pattern:
    """The expected lines, trailing spaces ignored, «…» as the README's elisions."""
    lineas = []
    for linea in esperado.rstrip("\n").split("\n"):
        linea = linea.rstrip()
        if linea == "…":
            lineas.append(r"(?:.*\n)*?")
        else:
            lineas.append(".*?".join(map(re.escape, linea.split("…"))) + r"[ \t]*\n")
    return re.compile("".join(lineas))


def _limpia(salida: str) -> str:
    return "".join(linea.rstrip() + "\n" for linea in salida.rstrip("\n").split("\n"))


EJEMPLOS = _ejemplos()


def test_the_readme_has_console_examples_to_check():
    assert len(EJEMPLOS) >= 25


@pytest.mark.parametrize(("linea", "orden", "esperado"), EJEMPLOS, ids=[e[1] for e in EJEMPLOS])
def test_readme_example_prints_what_the_readme_shows(linea, orden, esperado):
    columnas = max([80] + [len(x.rstrip()) for x in esperado.split("\n")])
    patron = _patron(esperado)
    todo = _limpia(_terminal(orden, columnas))
    if patron.fullmatch(todo):
        return
    solo_stdout = _limpia(_terminal(f"{{ {orden} ; }} 2>/dev/null", columnas))
    assert patron.fullmatch(solo_stdout), (
        f"README.md:{linea}: «$ {orden}» imprime otra cosa:\n{todo}"
    )


# `$ issste-mon … -f markdown        # abajo, la tabla (sin su título «### …»)`: the README
# shows the output after the console block, rendered as Markdown, without its «### …» title.
_ABAJO = re.compile(r"^```console\n\$ (issste-mon [^\n]*?)\s+# abajo[^\n]*\n```\n", re.M)


def _partes(texto: str) -> list[str]:
    """Paragraphs (a table, a caption, a summary line), each without trailing spaces."""
    lineas = "\n".join(x.rstrip() for x in texto.strip("\n").split("\n"))
    return [p for p in re.split(r"\n{2,}", lineas) if p]


def _abajo() -> list[tuple[int, str, list[str]]]:
    """(README line, command, the README's paragraphs after its block) of each example whose
    output the README shows below it, for the commands that run on the bundled specs."""
    texto = (REPO / "README.md").read_text(encoding="utf-8")
    out = []
    for m in _ABAJO.finditer(texto):
        if APARTE.search(m.group(1)):
            continue
        linea = texto.count("\n", 0, m.start()) + 2
        out.append((linea, m.group(1), _partes(texto[m.end() :].split("\n#", 1)[0])))
    return out


ABAJO = _abajo()


def test_the_readme_has_markdown_examples_shown_below_their_command():
    assert len(ABAJO) >= 6


@pytest.mark.parametrize(("linea", "orden", "readme"), ABAJO, ids=[e[1] for e in ABAJO])
def test_markdown_shown_below_its_command_is_what_the_command_writes(
    linea, orden, readme, cli, monkeypatch
):
    """The README's paragraphs after the block are the output's, in order: the table, then its
    notes, summary and caption (`_Metodología …_`, `_Fuente …_`) as far as the README shows
    them. The README may stop after any of them (prose of its own follows), but a table or a
    caption it shows is the command's, whole."""
    monkeypatch.chdir(REPO)
    r = cli(*orden.split()[1:])
    assert r.code in (0, 1), r.err
    titulo, _, resto = r.out.partition("\n")
    assert titulo.startswith("### "), r.out
    salida = _partes(resto)
    assert readme[0] == salida[0], f"README.md:{linea}: «$ {orden}»: la tabla es otra:\n{r.out}"
    for k, parte in enumerate(readme[1:], start=1):
        if k < len(salida) and parte == salida[k]:
            continue
        # prose of the README's own ends the example; a table or a caption is the output's
        escrito = salida[k] if k < len(salida) else "(nada)"
        assert not parte.startswith(("|", "_")), (
            f"README.md:{linea}: «$ {orden}» escribe otra cosa:\n{escrito}\n\n"
            f"el README dice:\n{parte}"
        )
        break
