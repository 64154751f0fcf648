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


def _api(*rutas: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / "api.py"), *map(str, rutas)],
        capture_output=True,
        text=True,
    )


def test_api_script_asks_about_the_first_programa_of_other_specs():
    r = _api(EXAMPLES)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "E999 2023 P1: 101.4 % (Adecuado)" in r.stdout
    assert "presupuesto 2023: 812.50 MDP, 1.33 %" in r.stdout
    assert "sin datos: no hay datos de poblaciones de E999 para el año 1990" in r.stdout


def test_api_script_without_mir_budget_share_or_programas_is_no_traceback(tmp_path):
    spec = tmp_path / "E900.yaml"
    spec.write_text(
        "clave: E900\nramo: 51\nnombre: Sin MIR\npresupuesto:\n  2020: {ejercido: 10}\n",
        encoding="utf-8",
    )
    r = _api(spec)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "sin datos:" in r.stdout and "presupuesto 2020: 10.00 MDP\n" in r.stdout

    from issste_mon.carga.loader import bundled_specs_dir

    r = _api(bundled_specs_dir() / "ISSSTE.yaml")  # a dependencia only
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "no tienen ningún programa" in r.stdout

    r = _api(tmp_path / "no-existe.yaml")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "no existe" in r.stderr
