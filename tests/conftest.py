from __future__ import annotations

import io
import os
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Before anything imports yaml: ISSSTE_MON_SIN_LIBYAML=1 runs the suite (and the processes it
# starts) with PyYAML's pure-Python parser, as on a machine whose PyYAML has no libyaml.
_SIN_LIBYAML = Path(__file__).resolve().parent / "sin_libyaml"
if os.environ.get("ISSSTE_MON_SIN_LIBYAML", "") not in ("", "0"):
    runpy.run_path(str(_SIN_LIBYAML / "sitecustomize.py"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_SIN_LIBYAML), os.environ.get("PYTHONPATH", "")) if p
    )

from hypothesis import settings  # noqa: E402

from issste_mon import metodologia as methodology  # noqa: E402
from issste_mon.carga import fastyaml  # noqa: E402
from issste_mon.carga.loader import bundled_specs_dir, load_paths  # noqa: E402

# Property tests check values, never speed: no per-example deadline, so a loaded machine (CI on
# two cores, other suites running) cannot turn a slow example into a failure.
settings.register_profile("issste-mon", deadline=None)
settings.load_profile("issste-mon")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# What only exists with libyaml: the fast path (fastyaml, built on libyaml's events), the
# figures' locations it notes while parsing, and what that spares (warm runs that read no YAML).
# Without libyaml the answers are the same (test_sin_libyaml compares them), found more slowly.
CON_LIBYAML = fastyaml._Parser is not None
solo_con_libyaml = pytest.mark.skipif(
    not CON_LIBYAML,
    reason="la ruta rápida existe solo con libyaml (test_sin_libyaml: las mismas respuestas)",
)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's parsed-spec cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ISSSTE_MON_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.delenv("ISSSTE_MON_SIN_CACHE", raising=False)
    yield
    mp.undo()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A cache of the test's own, empty at its start (warm runs are the test's second run)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("ISSSTE_MON_CACHE_DIR", str(path))
    monkeypatch.delenv("ISSSTE_MON_SIN_CACHE", raising=False)
    return path


def forjar(entrada: Path, cambio) -> None:
    """Rewrite a cache entry (of a spec or of the methodology) with its body's data changed by
    `cambio(data)` and its CRC made right again: damage the CRC cannot see, which only the
    checks on what is read stand in the way of."""
    import json
    import zlib

    head, _, body = entrada.read_bytes().partition(b"\n")
    data = json.loads(body)
    cambio(data)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    header = {**json.loads(head), "crc": zlib.crc32(body)}
    entrada.write_bytes(json.dumps(header).encode() + b"\n" + body)


def spec_e045(tmp_path: Path, viejo: str, nuevo: str) -> str:
    """A folder `specs` holding the bundled E045.yaml with its one `viejo` replaced by `nuevo`."""
    folder = tmp_path / "specs"
    folder.mkdir()
    text = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    assert text.count(viejo) == 1, viejo
    (folder / "E045.yaml").write_text(text.replace(viejo, nuevo), encoding="utf-8")
    return str(folder)


def problemas_de(folder: str) -> list[str]:
    """The problems loading `folder` raises, each as printed, its file named from the folder."""
    from issste_mon.errores import SpecError

    with pytest.raises(SpecError) as info:
        load_paths([folder])
    return [str(p).removeprefix(folder + "/") for p in info.value.problems]


def sin_ruta_rapida(monkeypatch) -> None:
    """Make every file go through the safe loader, as a file the fast path does not read."""

    def aparte(*args, **kwargs):
        raise fastyaml.Unsupported("la prueba pide el cargador seguro")

    monkeypatch.setattr(fastyaml, "load", aparte)


_SONDA = """\
import sys
from issste_mon.cli import run
sys.stdout = open(sys.argv[1], "w")
code = run(sys.argv[2:])
sys.stdout.close()
sys.stdout = sys.__stdout__
print(code)
"""


def sonda(despues: str, *args: str, cwd: Path) -> tuple[int, list[str], str]:
    """Run the CLI with `args` in a new process, then the code `despues` in it (what it prints
    about the process: its modules, its classes): exit code, those lines, and stdout."""
    import subprocess

    salida = cwd / "salida.txt"
    res = subprocess.run(
        [sys.executable, "-c", _SONDA + despues, str(salida), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert res.returncode == 0, res.stderr[-2000:]
    code, *lineas = res.stdout.splitlines()
    return int(code), lineas, salida.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def specs():
    return load_paths([str(bundled_specs_dir())])


@pytest.fixture(scope="session")
def metodologia():
    return methodology.load()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run the real entry point (`issste_mon.cli.run`) and capture stdout/stderr separately."""
    from issste_mon.cli import run

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("ISSSTE_MON_SPECS", raising=False)

    def invoke(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(int(code), captured.out, captured.err)

    return invoke


_CABEZA_DERIVADO = """\
tipo: programa_derivado
clave: CLAVE
nombre: Programa derivado de prueba
periodo: {inicio: 2020, fin: 2024}
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    indicadores:
"""


def spec_derivado(clave: str, indicadores: str) -> str:
    """A programa derivado spec of one objective: `indicadores`, its YAML lines as they go under
    `indicadores:` (the tests that need one differ only there)."""
    return _CABEZA_DERIVADO.replace("CLAVE", clave) + indicadores


_CABEZA_AL_CORTE = """\
tipo: programa_derivado
clave: CLAVE
nombre: Prueba
ramo: 51
corte_publicado: 2021
objetivos:
  - id: "1"
    texto: Objetivo
    enfoque: Resultados
    indicadores:
"""


def spec_derivado_al_corte(clave: str, indicadores: str) -> str:
    """`spec_derivado` of ramo 51 whose published categories are of the 2021 cut (the PI's),
    its objective of enfoque Resultados."""
    return _CABEZA_AL_CORTE.replace("CLAVE", clave) + indicadores
