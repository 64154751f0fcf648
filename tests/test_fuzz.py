"""Property and fuzz tests: whatever the input, the loader returns records or raises SpecError
naming the file (and the line, for anything inside it); the CLI never prints a traceback and
always exits 0, 1 or 2.

Short by default (CI); `ISSSTE_MON_FUZZ=1 python -m pytest tests/test_fuzz.py` runs a long
campaign and keeps hypothesis' example database in .hypothesis/.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import YAML_NOISE, dump, mutated_programa, programa

from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError

LONG = os.environ.get("ISSSTE_MON_FUZZ") == "1"
FUZZ = settings(
    max_examples=3000 if LONG else 30,
    deadline=None,
    database=None if not LONG else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WHOLE_FILE = ("vacío", "supera el tamaño máximo")  # problems of the file, not of a line


def load(content: str | bytes):
    """Load one file named E999.yaml; return (records or None, problems, its path)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "E999.yaml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        try:
            return load_paths([str(path)]), [], str(path)
        except SpecError as exc:
            return None, exc.problems, str(path)


def check_problems(problems, path) -> None:
    assert problems, "SpecError without problems"
    for p in problems:
        assert p.file == path
        assert p.message
        if p.severity == "error" and not any(w in p.message for w in WHOLE_FILE):
            assert p.line is not None and p.line >= 1, str(p)


@FUZZ
@given(programa())
def test_valid_specs_load_with_their_numbers(doc):
    specs, problems, _ = load(dump(doc))
    assert problems == [], [str(p) for p in problems]
    (prog,) = specs.programas
    assert prog.nombre == doc["nombre"].strip()
    assert len(prog.mir) == len(doc["mir"])
    for pob in prog.poblaciones:
        src = doc["poblaciones"][pob.anio]
        assert pob.atendida == src["atendida"] and pob.objetivo == src["objetivo"]


@FUZZ
@given(mutated_programa())
def test_mutated_specs_load_or_fail_with_file_and_line(text):
    specs, problems, path = load(text)
    if specs is None:
        check_problems(problems, path)


@FUZZ
@given(st.one_of(YAML_NOISE, st.text(), st.binary()))
def test_arbitrary_input_loads_or_fails_with_file_and_line(content):
    specs, problems, path = load(content)
    if specs is None:
        check_problems(problems, path)


def run_cli(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """The real entry point in process, with stdin/stdout/stderr replaced."""
    import sys

    from issste_mon.cli import run

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(args))
    finally:
        sys.stdin = old_stdin
    return int(code), out.getvalue(), err.getvalue()


COMMANDS = ["validar", "programas", "cobertura", "cumplimiento", "presupuesto", "monitoreo"]


@FUZZ
@given(
    st.one_of(mutated_programa(), programa().map(dump), YAML_NOISE, st.text()),
    st.sampled_from(COMMANDS),
    st.sampled_from(["json", "csv", "tabla"]),
)
def test_cli_exits_0_1_or_2_without_traceback(text, command, fmt):
    args = [command, "-"] if command == "validar" else [command, "--specs", "-"]
    code, out, err = run_cli(*args, "-f", fmt, stdin=text.encode("utf-8", "surrogatepass"))
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    if code == 2 and command != "validar":
        assert out == ""  # invalid input: nothing on stdout
