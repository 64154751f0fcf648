"""Without libyaml (PyYAML built from source, a platform without its wheel) issste-mon gives the
same answers: the same figures, the same errors at the same line and column, the same refusals.

Each case runs in a process where `tests/sin_libyaml/sitecustomize.py` hides libyaml, beside one
where PyYAML has it (this suite's own). `ISSSTE_MON_SIN_LIBYAML=1 python -m pytest` runs the
whole suite that way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from test_carga_sintaxis import CASOS

from issste_mon.carga import yamlload
from issste_mon.errores import SpecError
from tests.conftest import REPO, SHARED

SIN_LIBYAML = REPO / "tests" / "sin_libyaml"


def _entorno(sin_libyaml: bool, cache) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "ISSSTE_MON_CACHE_DIR": str(cache)}
    env.pop("ISSSTE_MON_SIN_LIBYAML", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p
        for p in os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if p and "sin_libyaml" not in p
    )
    if sin_libyaml:
        env["ISSSTE_MON_SIN_LIBYAML"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SIN_LIBYAML), env["PYTHONPATH"]) if p)
    return env


def _correr(args, sin_libyaml: bool, tmp_path, **kw):
    cache = tmp_path / ("cache-sin" if sin_libyaml else "cache-con")
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        env=_entorno(sin_libyaml, cache),
        cwd=tmp_path,
        **kw,
    )


def test_the_probe_hides_libyaml(tmp_path):
    codigo = "import yaml; print(yaml.__with_libyaml__, hasattr(yaml, 'CSafeLoader'))"
    assert _correr(["-c", codigo], True, tmp_path).stdout.split() == ["False", "False"]
    assert _correr(["-c", codigo], False, tmp_path).stdout.split() == ["True", "True"]


_COMANDOS = [
    ["validar", "--estricto"],
    ["verificar", "-f", "csv"],
    ["cumplimiento", "-f", "csv"],
    ["cobertura", "-f", "csv"],
    ["alertas", "-f", "csv"],
    ["ficha", "E045", "-f", "markdown"],
]


@pytest.mark.parametrize("args", _COMANDOS, ids=lambda a: " ".join(a))
def test_bundled_specs_give_the_same_answers(args, tmp_path):
    con = _correr(["-m", "issste_mon", *args], False, tmp_path)
    sin = _correr(["-m", "issste_mon", *args], True, tmp_path)
    assert (con.stdout + con.stderr).count("\n") > 0 and "Traceback" not in con.stderr
    assert (sin.returncode, sin.stdout, sin.stderr) == (con.returncode, con.stdout, con.stderr)
    # warm (served from each one's cache) too
    sin2 = _correr(["-m", "issste_mon", *args], True, tmp_path)
    assert (sin2.returncode, sin2.stdout, sin2.stderr) == (con.returncode, con.stdout, con.stderr)


def test_real_shcp_imports_write_the_same_specs(tmp_path):
    """Written (the dumper) and merged into (the loader) alike: populations, then MIR progress
    into the same folder."""
    shcp = SHARED / "data" / "shcp"
    pasos = [
        ["poblaciones", str(shcp / "poblaciones_2017.csv"), "--ramo", "51"],
        ["avance", str(shcp / "avance_indicadores_muestra.csv")],
    ]
    escritos = []
    for sin in (False, True):
        destino = tmp_path / ("sin" if sin else "con")
        for paso in pasos:
            cmd = ["-m", "issste_mon", "importar", *paso, "--salida", str(destino), "-q"]
            r = _correr(cmd, sin, tmp_path)
            assert r.returncode in (0, 1), r.stderr[-2000:]
        escritos.append(
            {
                str(p.relative_to(destino)): p.read_text(encoding="utf-8")
                for p in destino.rglob("*.yaml")
            }
        )
    assert len(escritos[0]) > 5
    assert escritos[1] == escritos[0]


_PROBLEMAS = """\
import json, sys
from issste_mon.carga import yamlload
from issste_mon.errores import SpecError
out = []
for texto in json.load(sys.stdin):
    try:
        yamlload.parse(texto, "x.yaml")
        out.append(None)
    except SpecError as e:
        out.append([str(p) for p in e.problems])
print(json.dumps(out))
"""

# Beyond the syntax cases: what the two parsers treat differently when left alone
_MAS = [
    "%YAML 1.9\n---\na: 1\n",  # libyaml refuses it; PyYAML's parser only warns
    "%YAML 2.0\n---\na: 1\n",
    "%YAML 1.01\n---\na: 017\n",  # both read 1.01 as 1.1
    "%YAML 1.2\n---\na: 017\n",
    'a: "\\\\\\q"\n',  # an unknown escape after a valid one: located at its backslash
    "a:\n  b: 1\n - 2\n",
    "a:\n  - 1\n  - 2\n c\n",
    "a: 1\na: 2\n",
    "a: 0o17\nb: 1e3\nc: 1_000\n",
]


def test_yaml_problems_are_said_alike(tmp_path):
    textos = [c[0] for c in CASOS] + _MAS
    dichos = []
    for sin in (False, True):
        r = _correr(["-c", _PROBLEMAS], sin, tmp_path, input=json.dumps(textos))
        assert r.returncode == 0, r.stderr[-2000:]
        dichos.append(json.loads(r.stdout))
    assert dichos[1] == dichos[0]
    assert all(d is not None for d in dichos[0][: len(CASOS)])  # (each case is an error)


@pytest.mark.parametrize("version", ["1.9", "2.0", "1.3"])
def test_a_yaml_version_other_than_1_2_is_refused_at_its_line(version):
    with pytest.raises(SpecError) as info:
        yamlload.parse(f"# spec\n%YAML {version}\n---\na: 1\n", "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col) == (2, 1)
    assert p.message == (
        f"YAML mal formado: versión de YAML no admitida en la directiva %YAML {version} "
        "(issste-mon lee YAML 1.2)"
    )
    assert yamlload.parse("%YAML 1.2\n---\na: 017\n", "x.yaml") == {"a": 17}
