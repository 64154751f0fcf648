"""Shell completion: `issste-mon completado SHELL` and the answers to <Tab>."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from issste_mon.cli.completado import candidatos, claves, responder


@pytest.mark.parametrize(
    ("palabras", "actual", "esperado"),
    [
        ([], "cu", ["cumplimiento"]),
        (["importar"], "", ["avance", "poblaciones", "ised"]),
        (["cumplimiento", "-f"], "c", ["csv", "csv-excel"]),
        (["cumplimiento"], "--an", ["--anio"]),
        (["completado"], "", ["bash", "zsh", "fish"]),
        (["cobertura"], "E04", ["E042", "E043", "E044", "E045", "E046", "E048", "E049"]),
    ],
)
def test_candidates(monkeypatch, palabras, actual, esperado):
    monkeypatch.delenv("ISSSTE_MON_SPECS", raising=False)
    monkeypatch.chdir(os.path.dirname(__file__))  # no ./specs here: the bundled ones
    assert candidatos(palabras, actual) == esperado


def test_claves_come_from_the_specs_named_on_the_line(tmp_path):
    (tmp_path / "51").mkdir()
    (tmp_path / "51" / "E900.yaml").write_text("clave: E900\n", encoding="utf-8")
    assert claves(str(tmp_path)) == ["E900"]
    assert candidatos(["cobertura", "--specs", str(tmp_path)], "E") == ["E900"]


def test_files_for_options_that_take_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mis_specs").mkdir()
    assert candidatos(["cobertura", "--specs"], "mis") == ["mis_specs/"]


def test_fish_passes_the_program_name_and_the_current_word_apart(monkeypatch):
    monkeypatch.setenv("ISSSTE_MON_ACTUAL", "js")
    assert responder("fish", ["issste-mon", "cumplimiento", "-f"]) == "json\njsonl\n"
    monkeypatch.delenv("ISSSTE_MON_ACTUAL")  # an empty word: fish leaves the variable out
    assert responder("fish", ["issste-mon", "importar"]) == "avance\npoblaciones\nised\n"
    assert responder("bash", ["cumplimiento", "-f", "js"]) == "json\njsonl\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_script_for_each_shell(cli, shell):
    r = cli("completado", shell)
    assert r.code == 0 and "ISSSTE_MON_COMPLETAR=" + shell in r.out


def test_install_writes_where_the_shell_looks(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    r = cli("completado", "fish", "--instalar")
    assert r.code == 0
    destino = tmp_path / ".config" / "fish" / "completions" / "issste-mon.fish"
    assert "ISSSTE_MON_COMPLETAR=fish" in destino.read_text(encoding="utf-8")


def test_quiet_after_completado_as_after_every_command(cli, monkeypatch, tmp_path):
    """`-q`/`--quiet` goes before a command's name or after it, for every command: after
    `completado` it was «opción desconocida «-q»». There it drops the one summary the command
    writes (--instalar's «Completado de fish escrito en …»); the script is the same."""
    import typer

    from issste_mon.cli import app

    def hojas(comando, ruta=()):
        subs = getattr(comando, "commands", None)
        if subs is None:
            yield " ".join(ruta), comando
        for nombre, sub in (subs or {}).items():
            yield from hojas(sub, (*ruta, nombre))

    for nombre, comando in hojas(typer.main.get_command(app)):
        opciones = {o for p in comando.params for o in p.opts}
        assert {"-q", "--quiet"} <= opciones, nombre
    assert cli("completado", "bash", "-q").out == cli("completado", "bash").out
    monkeypatch.setenv("HOME", str(tmp_path))
    destino = tmp_path / ".config" / "fish" / "completions" / "issste-mon.fish"
    r = cli("completado", "fish", "--instalar")
    assert (r.code, r.out) == (0, "") and r.err.startswith(
        f"Completado de fish escrito en {destino}"
    )
    destino.unlink()
    for quiet in ("-q", "--quiet"):
        r = cli("completado", "fish", "--instalar", quiet)
        assert (r.code, r.out, r.err) == (0, "", "")
        assert "ISSSTE_MON_COMPLETAR=fish" in destino.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("bash") is None, reason="sin bash")
def test_bash_completes_claves_end_to_end(tmp_path):
    script = subprocess.run(
        [sys.executable, "-m", "issste_mon", "completado", "bash"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    lanzador = bindir / "issste-mon"
    lanzador.write_text(f'#!/bin/sh\nexec {sys.executable} -m issste_mon "$@"\n')
    lanzador.chmod(0o755)
    prueba = (
        f"{script}\nCOMP_WORDS=(issste-mon cobertura E04); COMP_CWORD=2; "
        '_issste_mon_completar; echo "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("ISSSTE_MON_SPECS", None)
    out = subprocess.run(
        ["bash", "-c", prueba], capture_output=True, text=True, env=env, cwd=tmp_path
    ).stdout
    assert out.split() == ["E042", "E043", "E044", "E045", "E046", "E048", "E049"]


def test_other_commands_do_not_load_the_schema_or_answer_completion():
    code = (
        "import sys; from issste_mon.cli import run; run(['--version']); "
        "print('issste_mon.carga.esquema_json' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stderr.strip() == "False"
