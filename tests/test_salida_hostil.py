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
