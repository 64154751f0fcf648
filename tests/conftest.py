from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from issste_mon import metodologia as methodology
from issste_mon.carga.loader import bundled_specs_dir, load_paths

# Property tests check values, never speed: no per-example deadline, so a loaded machine (CI on
# two cores, other suites running) cannot turn a slow example into a failure.
settings.register_profile("issste-mon", deadline=None)
settings.load_profile("issste-mon")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's parsed-spec cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ISSSTE_MON_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.delenv("ISSSTE_MON_SIN_CACHE", raising=False)
    yield
    mp.undo()


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
