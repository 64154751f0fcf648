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
