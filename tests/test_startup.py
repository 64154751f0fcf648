"""Start-up discipline: `--help` and `validar` of one file never import pandas or numpy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from issste_mon.carga.loader import bundled_specs_dir

HEAVY = ("pandas", "numpy", "tabulate")


def imported(*args: str) -> set[str]:
    """Top-level packages imported by a real `python -m issste_mon …` process."""
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "issste_mon", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    names = set()
    for line in res.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "issste_mon" in names  # the probe works
    return names


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validar", "--help"),
        ("validar", str(bundled_specs_dir() / "E045.yaml")),
        ("validar", str(bundled_specs_dir() / "E045.yaml"), "--sin-cache", "--estricto"),
    ],
    ids=["help", "validar-help", "validar-un-archivo", "validar-sin-cache"],
)
def test_light_commands_do_not_import_heavy_libraries(args):
    assert not imported(*args) & set(HEAVY)


def test_the_probe_sees_pandas_where_it_is_used():
    assert "pandas" in imported("cumplimiento", "E045", "-f", "markdown")


def test_streamed_cumplimiento_needs_numpy_but_not_pandas():
    """csv/tsv/json are written part by part from numpy arrays: no DataFrame, no pandas."""
    names = imported("cumplimiento", "E045", "-f", "csv")
    assert "numpy" in names and "pandas" not in names
