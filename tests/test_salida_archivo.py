"""Safe writes (issue 17): every file issste-mon writes is all-or-nothing and never follows a
symlink planted at the target."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from issste_mon.errores import EntradaInvalida
from issste_mon.salida import archivo
from issste_mon.salida.archivo import escribir_atomico

VIEJO = b"clave\tanterior\nE045\t1\n"


def _enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def viejo(tmp_path):
    path = tmp_path / "cobertura.tsv"
    path.write_bytes(VIEJO)
    return path


def _restos(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


# --- the helper ------------------------------------------------------------------------------


def test_writes_text_and_bytes_and_keeps_the_mode(tmp_path):
    path = tmp_path / "a.csv"
    escribir_atomico(path, "ñ,1\n")
    assert path.read_bytes() == "ñ,1\n".encode()
    os.chmod(path, 0o640)
    escribir_atomico(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert (path.stat().st_mode & 0o777) == 0o640
    assert _restos(tmp_path) == []


@pytest.mark.parametrize("donde", ["write", "fsync"])
def test_a_full_disk_leaves_the_previous_file_byte_identical(monkeypatch, viejo, donde):
    if donde == "fsync":
        monkeypatch.setattr(os, "fsync", _enospc)
    else:
        real_fdopen = os.fdopen

        class Lleno:
            def __init__(self, f):
                self.f = f

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def write(self, data):
                self.f.write(data[: len(data) // 2])  # half of it reached the disk
                _enospc()

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Lleno(real_fdopen(fd, *a, **k)))
    with pytest.raises(EntradaInvalida, match="no hay espacio|espacio|No space"):
        escribir_atomico(viejo, b"nuevo contenido " * 1000)
    assert viejo.read_bytes() == VIEJO
    assert _restos(viejo.parent) == []  # the temporary file is removed


def test_a_failed_rename_leaves_the_previous_file(monkeypatch, viejo):
    monkeypatch.setattr(os, "replace", _enospc)
    with pytest.raises(EntradaInvalida):
        escribir_atomico(viejo, "nuevo")
    assert viejo.read_bytes() == VIEJO and _restos(viejo.parent) == []


def test_a_symlink_at_the_target_is_refused_and_not_followed(tmp_path):
    victima = tmp_path / "bashrc"
    victima.write_bytes(b"original\n")
    enlace = tmp_path / "informe.csv"
    enlace.symlink_to(victima)
    with pytest.raises(EntradaInvalida, match="enlace simbólico"):
        escribir_atomico(enlace, "x")
    assert victima.read_bytes() == b"original\n"
    assert enlace.is_symlink()


def test_a_dangling_symlink_is_refused_too(tmp_path):
    enlace = tmp_path / "informe.csv"
    enlace.symlink_to(tmp_path / "no-existe")
    with pytest.raises(EntradaInvalida, match="enlace simbólico"):
        escribir_atomico(enlace, "x")
    assert not (tmp_path / "no-existe").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_folder_at_the_target_is_refused(tmp_path):
    os.mkfifo(tmp_path / "f.csv")
    with pytest.raises(EntradaInvalida, match="no es un archivo regular"):
        escribir_atomico(tmp_path / "f.csv", "x")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(EntradaInvalida, match="es una carpeta"):
        escribir_atomico(tmp_path / "d.csv", "x")


def test_a_symlink_planted_after_the_check_is_replaced_not_followed(tmp_path, monkeypatch):
    """The race: the link appears between lstat and rename; os.replace swaps the link itself."""
    victima = tmp_path / "victima"
    victima.write_bytes(b"original\n")
    destino = tmp_path / "informe.csv"
    real_replace = os.replace

    def replace(src, dst):
        os.symlink(victima, dst)
        real_replace(src, dst)

    monkeypatch.setattr(archivo.os, "replace", replace)
    escribir_atomico(destino, "nuevo\n")
    assert victima.read_bytes() == b"original\n"
    assert not destino.is_symlink() and destino.read_text() == "nuevo\n"


# --- every command that writes --------------------------------------------------------------


@pytest.mark.parametrize("ext", ["tsv", "csv", "json", "md", "xlsx"])
def test_salida_on_a_full_disk_is_one_line_and_keeps_the_old_file(cli, monkeypatch, viejo, ext):
    target = viejo.with_suffix(f".{ext}")
    target.write_bytes(VIEJO)
    monkeypatch.setattr(os, "fsync", _enospc)
    r = cli("cobertura", "--salida", str(target))
    assert r.code == 2
    assert r.err.count("\n") == 1 and r.err.startswith("error: no se puede escribir")
    assert "Traceback" not in r.err
    assert target.read_bytes() == VIEJO
    assert _restos(target.parent) == []


def test_a_failed_salida_is_not_preceded_by_the_summary_of_its_table(cli, monkeypatch, viejo):
    """«Promedio de cumplimiento: …» then «error: no se puede escribir»: the summary spoke of a
    table that was never written."""
    monkeypatch.setattr(os, "fsync", _enospc)
    r = cli("cumplimiento", "--salida", str(viejo))
    assert r.code == 2
    assert r.err == f"error: no se puede escribir {viejo}: no queda espacio en el disco\n"
    monkeypatch.undo()
    r = cli("cumplimiento", "--salida", str(viejo))
    assert r.code == 0 and r.err.startswith("Promedio de cumplimiento:")  # written: it is said


def test_salida_through_a_symlink_is_refused(cli, tmp_path):
    victima = tmp_path / "victima.txt"
    victima.write_bytes(b"original\n")
    (tmp_path / "c.csv").symlink_to(victima)
    r = cli("cobertura", "--salida", str(tmp_path / "c.csv"))
    assert r.code == 2 and "enlace simbólico" in r.err and r.err.count("\n") == 1
    assert victima.read_bytes() == b"original\n"


@pytest.fixture
def copia(tmp_path):
    import shutil

    from issste_mon.carga.loader import bundled_specs_dir

    destino = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), destino)
    return destino


@pytest.mark.parametrize(
    "argv",
    [
        ["cobertura", "--salida", "{spec}"],  # a table in the default format
        ["cobertura", "-f", "csv", "--salida", "{enlace}.csv"],  # the spec by a hard link
        ["cobertura", "-f", "xlsx", "--salida", "{spec}"],
        ["cobertura", "--esquema-salida", "--salida", "{spec}"],
        ["ficha", "E045", "--salida", "{enlace}.md"],
        ["cumplimiento", "--metodologia", "{met}", "--salida", "{met}"],
    ],
)
def test_salida_never_replaces_a_file_the_command_read(cli, tmp_path, copia, argv):
    """`--salida specs/E045.yaml` would replace the spec with a report: exit 2, one line,
    every input byte-identical, and nothing said about a table that is not written."""
    from issste_mon.metodologia import default_path

    met = tmp_path / "met.yaml"
    met.write_bytes(Path(default_path()).read_bytes())
    spec = copia / "E045.yaml"
    for ext in (".csv", ".md"):
        os.link(spec, tmp_path / f"enlace{ext}")
    antes = {p: p.read_bytes() for p in [*copia.iterdir(), met]}
    vals = {"spec": spec, "enlace": tmp_path / "enlace", "met": met}
    r = cli(*(a.format(**vals) for a in argv), "--specs", str(copia))
    assert r.code == 2, r.err
    assert r.err.count("\n") == 1 and "es un archivo de entrada de este comando" in r.err
    assert {p: p.read_bytes() for p in antes} == antes


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors")
@pytest.mark.parametrize(
    "argv, nombre", [(["cobertura", "-f", "csv"], "enlace.csv"), (["ficha", "E045"], "enlace.md")]
)
def test_salida_never_replaces_the_spec_read_from_stdin(tmp_path, copia, argv, nombre):
    """`--specs - -o E045.yaml < E045.yaml` replaced the spec with the report it had just made
    from it: the file behind stdin is an input like any other."""
    spec = copia / "E045.yaml"
    antes = spec.read_bytes()
    destino = tmp_path / nombre  # the spec by a hard link, with a name the command writes
    os.link(spec, destino)
    with open(spec, "rb") as entrada:
        proc = subprocess.run(
            [sys.executable, "-m", "issste_mon", *argv, "--specs", "-", "-o", str(destino)],
            stdin=entrada,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        f"error: no se escribe en {destino}: es un archivo de entrada de este comando (la "
        "entrada estándar); elija otro nombre para --salida\n"
    )
    assert spec.read_bytes() == antes


def test_salida_may_replace_a_file_no_input_is(cli, tmp_path, copia):
    target = tmp_path / "c.tsv"
    target.write_bytes(VIEJO)
    r = cli("cobertura", "--specs", str(copia), "--salida", str(target))
    assert r.code == 0 and target.read_bytes().startswith(b"clave\t")


def test_ficha_side_files_never_follow_a_planted_symlink(cli, tmp_path):
    r = cli("ficha", "E045", "-o", str(tmp_path / "e045.md"))
    assert r.code == 0, r.err
    svgs = sorted(p for p in tmp_path.iterdir() if p.suffix == ".svg")
    assert svgs  # the side files the user never names
    victima = tmp_path / "victima"
    victima.write_bytes(b"original\n")
    svgs[0].unlink()
    svgs[0].symlink_to(victima)
    r = cli("ficha", "E045", "-o", str(tmp_path / "e045.md"))
    assert r.code == 2 and "enlace simbólico" in r.err and "Traceback" not in r.err
    assert victima.read_bytes() == b"original\n"


def test_a_refused_ficha_chart_leaves_no_file_written(cli, tmp_path):
    """A folder where the last chart goes: the .md and the charts before it were written (a
    document pointing at a chart that is not there), then the error came."""
    guia = tmp_path / "guia"
    guia.mkdir()
    assert cli("ficha", "E045", "-o", str(guia / "e045.md")).code == 0
    graficas = sorted(p.name for p in guia.iterdir() if p.suffix == ".svg")
    assert len(graficas) > 1
    (tmp_path / graficas[-1]).mkdir()  # where the last chart of e045.md goes
    r = cli("ficha", "E045", "-o", str(tmp_path / "e045.md"))
    assert r.code == 2 and r.err.endswith(": es una carpeta\n")
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []


def test_ficha_todas_never_follows_a_planted_symlink(cli, tmp_path):
    sitio = tmp_path / "sitio"
    sitio.mkdir()
    victima = tmp_path / "victima"
    victima.write_bytes(b"original\n")
    (sitio / "index.html").symlink_to(victima)
    r = cli("ficha", "--todas", "--salida", str(sitio))
    assert r.code == 2 and "enlace simbólico" in r.err
    assert victima.read_bytes() == b"original\n"


def test_ficha_xlsx_and_html_on_a_full_disk_keep_the_old_file(cli, monkeypatch, tmp_path):
    for name in ("f.xlsx", "f.html"):
        target = tmp_path / name
        target.write_bytes(VIEJO)
        monkeypatch.setattr(os, "fsync", _enospc)
        r = cli("ficha", "E045", "-o", str(target))
        assert r.code == 2 and "Traceback" not in r.err
        assert target.read_bytes() == VIEJO


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_the_specs_folder_does_not_hang_a_real_process(tmp_path):
    """Acceptance: a FIFO named X.yaml among the specs — an aviso, no hang, in every command."""
    import shutil

    from conftest import REPO

    for n in ("E045.yaml", "E048.yaml"):
        shutil.copy(REPO / "specs" / n, tmp_path / n)
    os.mkfifo(tmp_path / "X.yaml")
    comandos = (["cobertura", "--specs", str(tmp_path), "-f", "tsv"], ["validar", str(tmp_path)])
    for cmd in comandos:
        proc = subprocess.run(
            [sys.executable, "-m", "issste_mon", *cmd], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        assert "X.yaml: aviso: se omite: es una tubería con nombre (FIFO)" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "issste_mon", "cobertura", "--specs", str(tmp_path / "X.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_ficha_todas_never_replaces_a_file_the_command_read(cli, tmp_path, copia):
    """The site's pages have fixed names: a --metodologia file named index.html in the site's
    folder is refused, not replaced by the index."""
    from issste_mon.metodologia import default_path

    met = copia / "index.html"
    met.write_bytes(Path(default_path()).read_bytes())
    antes = met.read_bytes()
    r = cli("ficha", "--todas", "--specs", str(copia), "--metodologia", str(met), "-o", str(copia))
    assert r.code == 2 and "es un archivo de entrada de este comando" in r.err
    assert met.read_bytes() == antes


def test_an_empty_salida_is_refused_naming_it_not_as_the_current_folder(cli, tmp_path, monkeypatch):
    """`-o ""` (an unset variable) said «no se puede escribir .: es una carpeta»."""
    monkeypatch.chdir(tmp_path)
    r = cli("cobertura", "E045", "-f", "csv", "-o", "")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "error: la ruta de --salida está vacía («»): dé un archivo, o - para la salida estándar\n"
    )
    with pytest.raises(EntradaInvalida, match="está vacía"):
        escribir_atomico("", "x")
    assert list(tmp_path.iterdir()) == []


# --- why a target cannot be written, said in Spanish with its path ------------------------


def test_salida_in_a_folder_that_does_not_exist_names_the_folder(cli, tmp_path):
    """«no se puede escribir nope/x.csv: no existe» read as if the report had to exist."""
    destino = tmp_path / "nope" / "x.csv"
    r = cli("cobertura", "E045", "-f", "csv", "-o", str(destino))
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"error: no se puede escribir {destino}: la carpeta {destino.parent} no existe\n"
    )


def test_salida_in_a_folder_that_takes_no_new_files_does_not_say_it_is_missing(cli):
    """/proc/self exists, but creating a file in it fails with ENOENT: the message said
    «la carpeta /proc/self no existe», which a user can disprove with `ls`."""
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc on this system")
    r = cli("cobertura", "E045", "-f", "csv", "-o", "/proc/self/x.csv")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "error: no se puede escribir /proc/self/x.csv: "
        "la carpeta /proc/self no admite archivos nuevos\n"
    )


@pytest.mark.parametrize("comando", ["ficha", "completado"])
def test_an_output_folder_that_cannot_be_made_is_one_line_naming_it(
    cli, tmp_path, monkeypatch, comando
):
    """A file where an output folder goes reached the user as «no se pudo escribir la salida:
    File exists» (completado) or «… una parte de la ruta no es una carpeta» (ficha --todas),
    with no path."""
    if comando == "ficha":
        (tmp_path / "archivo").write_text("x")
        carpeta = tmp_path / "archivo" / "sitio"
        r = cli("ficha", "--todas", "-o", str(carpeta))
    else:
        monkeypatch.setenv("HOME", str(tmp_path))
        carpeta = tmp_path / ".zfunc"
        carpeta.write_text("mío\n")
        r = cli("completado", "zsh", "--instalar")
        assert carpeta.read_text() == "mío\n"
    assert r.code == 2
    assert r.err.startswith(f"error: no se puede crear la carpeta {carpeta}: ")
    assert r.err.count("\n") == 1 and "File exists" not in r.err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_a_file_size_limit_is_said_in_spanish_and_keeps_the_old_file(tmp_path):
    """`ulimit -f` (EFBIG) was «no se puede escribir c.csv: File too large»."""
    import resource

    def limite():
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    (tmp_path / "c.csv").write_bytes(VIEJO)
    proc = subprocess.run(
        [sys.executable, "-m", "issste_mon", "cobertura", "--sin-cache", "-o", "c.csv"],
        cwd=tmp_path,
        preexec_fn=limite,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.endswith(
        "error: no se puede escribir c.csv: el archivo supera el tamaño máximo permitido "
        "(del sistema de archivos o de `ulimit -f`)\n"
    )
    assert (tmp_path / "c.csv").read_bytes() == VIEJO
    assert _restos(tmp_path) == []


def test_a_long_file_name_that_fits_is_written(tmp_path):
    """A 251-byte name (the limit is 255) was refused: «nombre de archivo demasiado largo», the
    temporary beside it being «.» + name + «.xxxxxxxx.tmp»."""
    path = tmp_path / ("ñ" * 123 + ".csv")  # 250 bytes in UTF-8
    escribir_atomico(path, "a,b\n")
    assert path.read_text(encoding="utf-8") == "a,b\n"
    assert _restos(tmp_path) == []


def test_a_read_only_target_is_refused_not_replaced(cli, viejo):
    """`chmod a-w informe.tsv` protected nothing: the rename replaced it (keeping 0444)."""
    viejo.chmod(0o444)
    try:
        r = cli("cobertura", "--salida", str(viejo))
        assert r.code == 2
        assert r.err == (
            f"error: no se escribe en {viejo}: es de solo lectura (quite la protección para "
            "reemplazarlo, o elija otro nombre)\n"
        )
        assert viejo.read_bytes() == VIEJO and _restos(viejo.parent) == []
    finally:
        viejo.chmod(0o644)
