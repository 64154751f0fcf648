"""The locked environment (`requirements/*.txt`) matches pyproject.toml: every dependency pinned,
with hashes, at a version its range allows. A dependency added without renewing the lock fails
here, not on a newcomer's machine a year later."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    return {canonicalize_name(n): v for n, v in _PIN.findall(text)}


def every_pin_has_a_hash(name: str) -> bool:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    return all("--hash=sha256:" in b for b in blocks if _PIN.match(b))


RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
TEST = [Requirement(r) for r in PROJECT["optional-dependencies"]["test"]]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("run.txt", RUNTIME), ("test.txt", RUNTIME + TEST)],
)
def test_lock_pins_every_dependency_within_its_range(lock, requirements):
    pinned = pins(lock)
    for req in requirements:
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} no está en requirements/{lock}: corra .ci/lock"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{req.name}=={pinned[name]} fuera del rango «{req.specifier}»: corra .ci/lock"
        )
    assert every_pin_has_a_hash(lock)


def test_both_locks_pin_the_same_versions():
    run, test = pins("run.txt"), pins("test.txt")
    assert {n: v for n, v in test.items() if n in run} == run


def test_every_runtime_dependency_has_the_lower_bound_ci_oldest_installs():
    """`.ci/oldest` runs the suite with each runtime dependency at its `>=` bound: a range
    without one would leave the oldest version untested (and ".ci/oldest" would stop there)."""
    sin_piso = [str(r) for r in RUNTIME if not any(s.operator == ">=" for s in r.specifier)]
    assert sin_piso == []
