"""The examples folder: the template validates cleanly and the pipeline script really runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_template_spec_is_valid_and_has_no_unknown_keys(cli):
    r = cli("validar", str(EXAMPLES / "E999.yaml"), "--estricto")
    assert r.code == 0 and "clave desconocida" not in r.err, r.err
    # the template shows PA > PO on purpose: it is accepted, with its aviso
    assert "componentes[1].atendida: aviso: la población atendida (31,000)" in r.err


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_pipeline_script_runs_and_gives_real_answers(tmp_path):
    bindir = Path(sys.executable).parent
    if not (bindir / "issste-mon").exists():
        pytest.skip("issste-mon console script not installed next to this interpreter")
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("ISSSTE_MON_SPECS", None)
    out = subprocess.run(
        ["bash", str(EXAMPLES / "tuberias.sh")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout
    sorted_block = out.split("== 2.")[0].splitlines()[1:]
    assert [line.split("\t")[0] for line in sorted_block] == ["E044", "E045", "E048"]
    assert "E044 2023 P1 Alto" in out and "E045 2017 P1 Alto" in out
    (join_line,) = out.split("== 3.")[1].split("== 4.")[0].splitlines()[1:]
    share_2016, share_2017 = map(float, join_line.split("\t")[1:])
    assert round(share_2016, 2) == 1.27 and round(share_2017, 2) == 1.17
    assert "E015 E042 E046 E049" in out
