"""A hostile shell: stdout or stderr that cannot be written, a closed or full stream, a site
interrupted half-way. Real processes, since what is tested is what the OS does to them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
ENV.pop("ISSSTE_MON_SPECS", None)
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX redirections")
DEV_FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, timeout=300, env=ENV
    )


def hojas(libro: bytes) -> dict[str, list[tuple]]:
    """Every sheet's cell values: two workbooks are the same but for their creation date."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(libro))
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb}


@POSIX
def test_ficha_xlsx_to_a_pipe_is_the_workbook_a_file_gets(tmp_path):
    """`ficha -f xlsx -o -`, which its help offers for a pipe, handed stdout to the atomic
    writer as if it were a path: a TypeError traceback, exit 1, and an empty file after `>`."""
    py = f"{sys.executable} -m issste_mon"
    tuberia = shell(f"{py} ficha E045 -f xlsx -o - > tuberia.xlsx", tmp_path)
    assert tuberia.returncode == 0, tuberia.stderr.decode()
    assert tuberia.stderr == b""
    archivo = shell(f"{py} ficha E045 -o archivo.xlsx", tmp_path)
    assert archivo.returncode == 0, archivo.stderr.decode()
    escrito = (tmp_path / "tuberia.xlsx").read_bytes()
    assert escrito[:2] == b"PK"
    assert hojas(escrito) == hojas((tmp_path / "archivo.xlsx").read_bytes())


@POSIX
@DEV_FULL
def test_ficha_xlsx_to_a_full_stdout_is_one_line_exit_2(tmp_path):
    proc = shell(f"{sys.executable} -m issste_mon ficha E045 -f xlsx -o - > /dev/full", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == b"error: no se pudo escribir la salida: no queda espacio en el disco\n"


@POSIX
@pytest.mark.parametrize(
    "redirect",
    [
        pytest.param("2>/dev/full", marks=DEV_FULL, id="stderr-lleno"),
        pytest.param("2>&-", id="stderr-cerrado"),
    ],
)
@pytest.mark.parametrize(
    ("args", "codigo"),
    [
        ("cumplimiento -f csv", 0),  # a summary on stderr after a complete table
        ("validar", 0),  # its report is on stderr alone
        ("cobertura E999 -f csv", 1),  # an error that cannot be said keeps its code
    ],
)
def test_a_stderr_that_takes_nothing_changes_no_exit_code_and_no_data(
    tmp_path, redirect, args, codigo
):
    """The summary of `cumplimiento` failed to reach a full or closed stderr, and so did the
    error about it: exit 1 after a complete table (and «no se pudo escribir la salida» had it
    been said). stderr is for people; the data and the exit code do not depend on it."""
    py = f"{sys.executable} -m issste_mon {args}"
    normal = shell(f"{py} 2>/dev/null", tmp_path)
    assert normal.returncode == codigo
    hostil = shell(f"{py} {redirect}", tmp_path)
    assert hostil.returncode == codigo
    assert hostil.stdout == normal.stdout


# The CLI with a signal sent to itself at the n-th rename of an atomic write (the n-th page of
# a site), when that page's temporary file is complete and not yet renamed.
SENAL_AL_RENOMBRAR = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as a terminal's Ctrl-C
senal, n = getattr(signal, os.environ["SENAL"]), int(os.environ["EN_EL"])
_replace, vistos = os.replace, [0]
def replace(src, dst):
    vistos[0] += 1
    if vistos[0] == n:
        os.kill(os.getpid(), senal)
        for _ in range(10**6):  # the handler runs between bytecodes: here
            pass
    _replace(src, dst)
os.replace = replace
from issste_mon.cli import main
main()
"""


def _interrumpida(tmp_path, senal: str, *orden: str) -> subprocess.CompletedProcess:
    """`issste-mon -q ORDEN --sin-cache` hit by `senal` at its third file replaced."""
    return subprocess.run(
        [sys.executable, "-c", SENAL_AL_RENOMBRAR, "-q", *orden, "--sin-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**ENV, "SENAL": senal, "EN_EL": "3"},
        timeout=300,
    )


@POSIX
@pytest.mark.parametrize(
    ("senal", "codigo", "ultima"),
    [
        ("SIGTERM", 143, "interrumpido (SIGTERM)"),
        ("SIGINT", 130, "interrumpido"),
    ],
)
def test_a_site_interrupted_half_way_says_which_pages_are_new(tmp_path, senal, codigo, ultima):
    """Ctrl-C or `kill` while `ficha --todas` replaced the pages of a site said only
    «interrumpido»: the folder held new pages beside old ones and an old index, and nothing
    told the user not to publish it. Now it says what a full disk already said: the pages
    written, the one being written (whole, new or old) and those not written."""
    py = [sys.executable, "-m", "issste_mon"]
    anterior = subprocess.run(
        [*py, "ficha", "--todas", "-o", "sitio"], cwd=tmp_path, capture_output=True, env=ENV
    )
    assert anterior.returncode == 0, anterior.stderr
    proc = _interrumpida(tmp_path, senal, "ficha", "--todas", "-o", "sitio")
    assert proc.returncode == codigo
    lineas = [x for x in proc.stderr.splitlines() if x]
    assert lineas[-1] == ultima and len(lineas) == 2
    assert lineas[0].startswith(
        "el sitio quedó incompleto: 51-E036.html, la página que se escribía, quedó entera, "
        "nueva o anterior; se escribieron 2 páginas (51-E015.html, 51-E018.html); "
        "no se escribieron 51-E042.html, "
    )
    assert lineas[0].endswith(", index.html")
    assert not [p for p in (tmp_path / "sitio").iterdir() if p.name.startswith(".")]


@POSIX
def test_a_spec_in_a_folder_whose_name_is_not_utf8_gives_utf8_data(tmp_path):
    """A folder named with a Latin-1 byte (`dir\\xff`, as an old zip unpacks): its path, which
    verificar writes in every row, was a UnicodeEncodeError traceback with --salida, raw
    non-UTF-8 bytes on stdout, and an xlsx no reader opens (exit 0). It is written as every
    message shows it, `dir\\udcff`, and JSON reads it back as the very path."""
    import json

    from issste_mon.carga.loader import bundled_specs_dir

    carpeta = os.path.join(os.fsencode(tmp_path), b"dir\xff")
    try:
        os.mkdir(carpeta)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    with open(os.path.join(carpeta, b"E045.yaml"), "wb") as f:
        f.write((bundled_specs_dir() / "E045.yaml").read_bytes())
    py = [sys.executable, "-m", "issste_mon", "verificar", "--specs", "."]

    def correr(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*py, *args], cwd=tmp_path, capture_output=True, env=ENV)

    archivo = correr("-o", "v.csv")
    assert archivo.returncode == 0, archivo.stderr.decode(errors="replace")
    escrito = (tmp_path / "v.csv").read_bytes()
    assert b"\ndir\\udcff/E045.yaml:22," in escrito
    escrito.decode("utf-8")  # (raises on a byte that is not UTF-8)
    tuberia = correr("-f", "csv")
    assert tuberia.returncode == 0 and tuberia.stdout == escrito
    filas = json.loads(correr("-f", "json").stdout)
    assert os.path.exists(tmp_path / filas[0]["archivo"])
    libro = correr("-o", "v.xlsx")
    assert libro.returncode == 0
    celdas = hojas((tmp_path / "v.xlsx").read_bytes())["Verificación de cifras"]
    assert "dir\\udcff/E045.yaml" in [c for fila in celdas for c in fila]


@POSIX
def test_a_closed_pipe_without_sigpipe_is_exit_0_not_a_finding(tmp_path):
    """Where SIGPIPE does not end the process (Windows; `run()` embedded), typer answered the
    broken pipe with exit 1 — «hallazgos» in this tool's codes: `verificar … | head` would
    read as differences found. It ends quietly with 0, as the code meant to."""
    from test_pipelines import big_spec

    big_spec(tmp_path)
    code = (
        "import sys; from issste_mon.cli import run; "
        "sys.exit(run(['cumplimiento', '--specs', 'E999.yaml', '-f', 'csv']))"
    )
    proc = shell(
        f'set -o pipefail; {sys.executable} -c "{code}" 2>err.txt | head -1 >/dev/null', tmp_path
    )
    assert (tmp_path / "err.txt").read_text() == ""
    assert proc.returncode == 0


@POSIX
def test_a_markdown_ficha_interrupted_half_way_says_which_files_are_new(tmp_path):
    """`ficha -o x.md` writes its charts, then the document: a kill between them left new
    charts beside the old document, and said only «interrumpido»."""
    py = [sys.executable, "-m", "issste_mon"]
    antes = subprocess.run([*py, "ficha", "E045", "-o", "x.md"], cwd=tmp_path, capture_output=True)
    assert antes.returncode == 0, antes.stderr
    proc = _interrumpida(tmp_path, "SIGTERM", "ficha", "E045", "-o", "x.md")
    assert proc.returncode == 143
    assert proc.stderr == (
        "la ficha quedó incompleta: x-g-cobertura-1.svg, el archivo que se escribía, quedó "
        "entero, nuevo o anterior; se escribieron 2 archivos (x-g-ind-1.svg, x-g-ind-2.svg); "
        "no se escribieron x-g-presupuesto.svg, x-g-cumplimiento.svg, x.md\n"
        "interrumpido (SIGTERM)\n"
    )


def test_a_markdown_ficha_on_a_disk_filling_half_way_says_which_files_are_new(
    cli, tmp_path, monkeypatch
):
    from issste_mon.cli import ficha as mod
    from issste_mon.errores import EntradaInvalida

    real, vistos = mod.write_output, []

    def lleno(ruta, datos):
        vistos.append(ruta)
        if len(vistos) == 3:
            raise EntradaInvalida(f"no se puede escribir {ruta}: no queda espacio en el disco")
        real(ruta, datos)

    monkeypatch.setattr(mod, "write_output", lleno)
    salida = str(tmp_path / "x.md")
    r = cli("ficha", "E045", "-o", salida)
    assert r.code == 2
    g = str(tmp_path / "x-g-")
    assert r.err == (
        f"error: no se puede escribir {g}cobertura-1.svg: no queda espacio en el disco; la "
        f"ficha quedó incompleta: se escribieron 2 archivos ({g}ind-1.svg, {g}ind-2.svg); no "
        f"se escribieron {g}cobertura-1.svg, {g}presupuesto.svg, {g}cumplimiento.svg, {salida}\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-g-ind-1.svg", "x-g-ind-2.svg"]


@POSIX
@DEV_FULL
def test_completion_to_a_stdout_that_takes_nothing_says_nothing(tmp_path):
    """<Tab>'s candidates to a stdout that refuses them were a traceback (into the prompt)."""
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m issste_mon cob > /dev/full"],
        cwd=tmp_path,
        capture_output=True,
        env={**ENV, "ISSSTE_MON_COMPLETAR": "bash"},
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr == b""
