"""The hostile-input corpus: every file in tests/hostiles/ through the real `validar`.

`tests/hostiles/esperado.tsv` maps each file to its exit code and a fragment of the message
(with file:line:col where the position matters). Adding a case is adding a file and a row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from issste_mon.salida.sanear import es_seguro

HOSTILES = Path(__file__).resolve().parent / "hostiles"
TABLE = HOSTILES / "esperado.tsv"


def _table() -> list[tuple[str, int, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code, fragment, _description = line.split("\t")
            rows.append((name, int(code), fragment))
    return rows


CASES = _table()


def test_corpus_is_large_and_every_file_has_a_row():
    files = {p.name for p in HOSTILES.iterdir() if p.suffix == ".yaml"}
    assert files == {name for name, _, _ in CASES}
    assert len(CASES) >= 150
    assert sum(code == 2 for _, code, _ in CASES) >= 100


@pytest.mark.parametrize(("name", "code", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file(cli, monkeypatch, name, code, fragment):
    monkeypatch.chdir(HOSTILES)  # messages name the file as given: `name:line:col`
    result = cli("validar", name)
    assert result.code == code, result.err
    assert fragment in result.err
    assert result.out == ""  # the report is for people: stderr
    assert "Traceback" not in result.err
    assert es_seguro(result.err), result.err  # escapes and bidi overrides shown, not obeyed
    for line in result.err.splitlines():  # one line per problem, each naming the file
        assert line.startswith(f"{name}:") or "válido" in line, line


def test_whole_corpus_in_one_real_process():
    """The installed entry point over the folder: every invalid file named, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "issste_mon", "validar", "."],
        cwd=HOSTILES,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    named = {line.split(":")[0] for line in proc.stderr.splitlines()}
    # avisos: E902 (PA > PO) and E905 (`otros:`, the key that holds its anchors, is not in the
    # format: an unknown key is an aviso of `validar`)
    assert named == {name for name, code, _ in CASES if code == 2} | {"E902.yaml", "E905.yaml"}
