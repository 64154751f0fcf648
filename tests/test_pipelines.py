"""issste-mon in pipelines: `| head` ends quietly, Ctrl-C exits 130, stdout carries only data,
and no command writes to the specs folder. Real processes where the behaviour is the OS's."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from issste_mon.carga.loader import bundled_specs_dir

ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
ENV.pop("ISSSTE_MON_SPECS", None)
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and signals")

INDICATOR = """\
  - id: I{i}
    nivel: Actividad
    nombre: Indicador número {i} con un nombre largo para llenar la tubería
    sentido: ascendente
    metas:
      2023: {{meta: {meta}, valor: {valor}}}
"""


def big_spec(folder: Path, n: int = 2000) -> Path:
    """A valid program with n indicators: its cumplimiento is far larger than a pipe buffer."""
    body = "".join(INDICATOR.format(i=i, meta=100 + i, valor=90 + i) for i in range(n))
    path = folder / "E999.yaml"
    path.write_text(f"clave: E999\nramo: 51\nnombre: Programa grande\nmir:\n{body}", "utf-8")
    return path


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
    )


@POSIX
def test_head_ends_quietly(tmp_path):
    big_spec(tmp_path)
    cmd = f"{sys.executable} -m issste_mon cumplimiento --specs E999.yaml -f tsv"
    whole = shell(cmd, tmp_path)
    assert whole.returncode == 0 and len(whole.stdout) > 200_000  # more than a pipe holds
    proc = shell(f"{cmd} 2>err.txt | head -1", tmp_path)
    assert proc.stdout == whole.stdout.splitlines(keepends=True)[0]
    assert (tmp_path / "err.txt").read_text() == ""  # no BrokenPipeError, no traceback
    # killed by the default SIGPIPE action, as `cat` or `grep` would be
    assert proc.returncode in (0, 128 + signal.SIGPIPE)


@POSIX
def test_broken_pipe_without_sigpipe_default_is_quiet_too(tmp_path):
    """`run()` alone (as on Windows, where there is no SIGPIPE) catches BrokenPipeError and
    keeps the interpreter's final flush from reporting it."""
    big_spec(tmp_path)
    code = (
        "import sys; from issste_mon.cli import run; "
        "sys.exit(run(['cumplimiento', '--specs', 'E999.yaml', '-f', 'csv']))"
    )
    proc = shell(f'{sys.executable} -c "{code}" 2>err.txt | head -1', tmp_path)
    assert proc.stdout.startswith("clave,")
    assert (tmp_path / "err.txt").read_text() == ""


def _blocked_reading(pid: int) -> bool:
    """True once the process sleeps in read(2) on a pipe (Linux /proc)."""
    try:
        wchan = Path(f"/proc/{pid}/wchan").read_text()
        syscall = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return "pipe_read" in wchan or syscall[:2] == ["0", "0x0"]  # x86-64: read(fd 0)


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc")
def _ctrl_c_por_omision() -> None:
    """In the child: Ctrl-C as a terminal delivers it. A suite started in the background by a
    non-interactive shell (`bash .ci/run &`) hands every process SIGINT ignored — as a
    background job should, and issste-mon keeps it so — and the test then read «2»: the signal
    never came, and stdin closed empty."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_without_traceback():
    proc = subprocess.Popen(
        [sys.executable, "-m", "issste_mon", "validar", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        preexec_fn=_ctrl_c_por_omision,
    )
    try:
        deadline = time.monotonic() + 60  # a guard against hanging, not a timing assertion
        while not _blocked_reading(proc.pid):
            assert proc.poll() is None, proc.stderr.read()
            if time.monotonic() > deadline:
                pytest.skip("could not observe the process blocked on stdin")
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill() if proc.poll() is None else None
    assert proc.returncode == 130
    assert out == b""
    assert err.decode().strip() == "interrumpido"


# --- stdout carries only data ------------------------------------------------------------

COMMANDS = [["programas"], ["cobertura"], ["cumplimiento"], ["presupuesto"], ["monitoreo"]]


@pytest.fixture
def specs_with_aviso(tmp_path):
    """The bundled specs plus one program with PA > PO, whose aviso must go to stderr."""
    folder = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), folder)
    (folder / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: '=1+1'\npoblaciones:\n  2023:\n"
        "    unidad_medida: Personas\n    potencial: 1000\n    objetivo: 500\n"
        "    atendida: 600\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_stdout_is_only_data(cli, specs_with_aviso, args):
    result = cli(*args, "--specs", str(specs_with_aviso), "-f", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)  # nothing but the JSON document
    assert isinstance(rows, list) and rows
    assert "aviso: la población atendida (600)" in result.err
    result = cli(*args, "--specs", str(specs_with_aviso), "-f", "tsv")
    lines = result.out.splitlines()
    assert len({line.count("\t") for line in lines}) == 1  # a rectangle: header + rows
    assert "aviso" not in result.out


def test_errors_leave_stdout_empty(cli, tmp_path):
    for args in (["cobertura", "--specs", str(tmp_path / "no")], ["cumplimiento", "Z999"]):
        result = cli(*args, "-f", "json")
        assert result.code in (1, 2) and result.out == "" and result.err


# --- never write to the specs folder -----------------------------------------------------


def tree_digest(root: Path) -> str:
    """Names, kinds, sizes, modes, mtimes and contents of everything under root."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = path.lstat()
            h.update(
                f"{path.relative_to(root)}|{st.st_mode}|{st.st_size}|{st.st_mtime_ns}".encode()
            )
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()


def test_no_command_writes_to_the_specs_folder(cli, specs_with_aviso, monkeypatch):
    monkeypatch.chdir(specs_with_aviso.parent)  # also the default: ./specs
    before = tree_digest(specs_with_aviso)
    runs = [["validar"], ["validar", "--estricto", "-f", "json"], ["validar", "specs"]]
    for args in COMMANDS:
        for fmt in ("tabla", "csv", "tsv", "json", "jsonl", "markdown"):
            runs.append([*args, "-f", fmt])
            runs.append([*args, "--specs", str(specs_with_aviso), "-f", fmt])
    for args in runs:
        assert cli(*args).code == 0, args
    assert tree_digest(specs_with_aviso) == before
    assert sorted(p.name for p in specs_with_aviso.parent.iterdir()) == ["specs"]


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        (">&-", "error: la salida estándar está cerrada"),
        ("> /dev/full", "error: no se pudo escribir la salida: no queda espacio en el disco"),
    ],
    ids=["cerrada", "disco-lleno"],
)
@POSIX
def test_unwritable_stdout_is_one_line_exit_2(tmp_path, redirect, message):
    if redirect.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    proc = shell(f"{sys.executable} -m issste_mon cobertura E045 -f csv {redirect}", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == message + "\n"


@pytest.mark.parametrize(
    ("args", "nombre"),
    [
        ("validar -", "<stdin>"),
        ("cobertura --specs - -f csv", "<stdin>"),
        ("importar avance - -o salida", "-"),
    ],
)
@POSIX
def test_a_closed_stdin_read_as_a_spec_or_source_is_one_line_exit_2(tmp_path, args, nombre):
    """`<&-` leaves sys.stdin None: it was an AttributeError traceback."""
    proc = shell(f"{sys.executable} -m issste_mon {args} <&-", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"{nombre}: no se puede leer: la entrada estándar está cerrada\n"
    assert proc.stdout == "" and list(tmp_path.iterdir()) == []


# --- stdout in an encoding that cannot write «ñ» -----------------------------------------


@pytest.mark.parametrize("codificacion", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("args", [["programas", "-f", "csv"], ["cobertura", "-f", "markdown"]])
def test_data_is_utf8_whatever_the_stdout_encoding(tmp_path, codificacion, args):
    """PYTHONIOENCODING=ascii (or a Windows console's cp1252, which has no «–») ended in a
    UnicodeEncodeError traceback: data to a pipe is the same UTF-8 bytes as anywhere else."""
    cmd = [sys.executable, "-m", "issste_mon", *args]
    utf8 = subprocess.run(cmd, cwd=tmp_path, capture_output=True, env=ENV, timeout=120)
    otra = subprocess.run(
        cmd,
        cwd=tmp_path,
        capture_output=True,
        env={**ENV, "PYTHONIOENCODING": codificacion},
        timeout=120,
    )
    assert otra.returncode == 0, otra.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in otra.stderr
    assert otra.stdout == utf8.stdout
    assert "–".encode() in otra.stdout or "ó".encode() in otra.stdout  # it did hold accents


# --- kill (SIGTERM) in the middle of a write -----------------------------------------------

# The CLI with a SIGTERM sent to itself just before the first rename of an atomic write, when
# the hidden temporary file is complete and not yet renamed: the worst moment to be killed.
TERMINAR_AL_RENOMBRAR = """
import os, signal, sys
_replace = os.replace
def replace(src, dst):
    os.replace = _replace
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(10**6):  # the handler runs between bytecodes: here
        pass
    _replace(src, dst)
os.replace = replace
from issste_mon.cli import main
main()
"""


def _terminado(args: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**ENV, "ISSSTE_MON_CACHE_DIR": str(cache)}
    env.pop("ISSSTE_MON_SIN_CACHE", None)
    cmd = [sys.executable, "-c", TERMINAR_AL_RENOMBRAR, *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@POSIX
def test_sigterm_during_salida_leaves_the_previous_file_and_no_temporary(tmp_path):
    """SIGTERM killed the process where it stood: the hidden temporary of the write stayed in
    the user's folder, and nothing was said. It now ends as Ctrl-C does: 143, one line."""
    informe = tmp_path / "informe.csv"
    informe.write_text("anterior\n")
    proc = _terminado(
        ["cobertura", "--sin-cache", "-o", "informe.csv"], tmp_path, tmp_path / "cache"
    )
    assert proc.returncode == 128 + signal.SIGTERM
    assert proc.stderr == "interrumpido (SIGTERM)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.csv"]
    assert informe.read_text() == "anterior\n"


@POSIX
def test_sigterm_while_filling_the_cache_leaves_it_whole(tmp_path):
    cache = tmp_path / "cache"
    proc = _terminado(["cobertura", "-f", "csv"], tmp_path, cache)
    assert proc.returncode == 128 + signal.SIGTERM, proc.stderr
    assert proc.stderr == "interrumpido (SIGTERM)\n"
    assert not [p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".json")]
    env = {**ENV, "ISSSTE_MON_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "issste_mon", "cobertura", "-f", "csv"]
    siguiente = subprocess.run(cmd, cwd=tmp_path, capture_output=True, env=env, timeout=120)
    sin_cache = subprocess.run(
        [*cmd, "--sin-cache"], cwd=tmp_path, capture_output=True, env=env, timeout=120
    )
    assert siguiente.returncode == 0 and siguiente.stdout == sin_cache.stdout


@POSIX
def test_sigterm_ignored_by_the_parent_stays_ignored(tmp_path):
    """`nohup`-style: a signal the parent set to SIG_IGN is not taken over."""
    code = (
        "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "from issste_mon.cli import _senales_de_terminacion as s; s(); "
        "print(signal.getsignal(signal.SIGTERM) is signal.SIG_IGN)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "True"
