"""The same specs give the same bytes whatever the machine's clock, time zone, hash seed or
locale: a published output is re-run months later and compared with `cmp`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from issste_mon.carga.loader import bundled_specs_dir

REPO = Path(__file__).resolve().parents[1]


def _correr(args: list[str], cwd: Path, **env: str | None) -> subprocess.CompletedProcess:
    entorno = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "100"}
    entorno.pop("SOURCE_DATE_EPOCH", None)
    for nombre, valor in env.items():
        if valor is None:
            entorno.pop(nombre, None)
        else:
            entorno[nombre] = valor
    return subprocess.run(
        [sys.executable, "-m", "issste_mon", *args],
        cwd=cwd,
        env=entorno,
        capture_output=True,
        timeout=120,
    )


def _miembros(datos: bytes) -> list[tuple[str, tuple, int]]:
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        return [(i.filename, i.date_time, i.external_attr >> 16) for i in z.infolist()]


# UTC+14 as a POSIX rule: needs no tz database, and is 14 hours from the other run
_ENTORNOS = [
    {"TZ": "UTC", "PYTHONHASHSEED": "0"},
    {"TZ": "XYZ-14", "PYTHONHASHSEED": "1"},
]


@pytest.mark.parametrize(
    "args",
    [["cobertura", "-o", "{}.xlsx"], ["ficha", "E045", "-o", "{}.xlsx"]],
    ids=["cobertura", "ficha"],
)
def test_a_workbook_has_the_same_bytes_in_any_time_zone(tmp_path, args):
    libros = []
    for n, env in enumerate(_ENTORNOS):
        argv = [a.format(f"libro{n}") for a in args] + ["--specs", str(bundled_specs_dir())]
        r = _correr(argv, tmp_path, **env)
        assert r.returncode == 0, r.stderr.decode()
        libros.append((tmp_path / f"libro{n}.xlsx").read_bytes())
    # before: each member dated with the clock in the local time zone (04:19 and 18:19), and
    # docProps/core.xml with the moment of the run
    assert libros[0] == libros[1]
    assert {m[1] for m in _miembros(libros[0])} == {(1980, 1, 1, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(libros[0])) as z:
        core = z.read("docProps/core.xml").decode()
    assert "dcterms:created" not in core and "dcterms:modified" not in core


def test_source_date_epoch_is_the_one_date_of_the_workbook(tmp_path):
    r = _correr(
        ["presupuesto", "E045", "--specs", str(bundled_specs_dir()), "-o", "p.xlsx"],
        tmp_path,
        SOURCE_DATE_EPOCH="1764633600",
        TZ="XYZ-14",
    )
    assert r.returncode == 0, r.stderr.decode()
    datos = (tmp_path / "p.xlsx").read_bytes()
    assert {m[1] for m in _miembros(datos)} == {(2025, 12, 2, 0, 0, 0)}  # UTC, not UTC+14
    assert {m[2] for m in _miembros(datos)} == {0o100644}
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        core = z.read("docProps/core.xml").decode()
    assert ">2025-12-02T00:00:00Z</dcterms:created>" in core
    assert ">2025-12-02T00:00:00Z</dcterms:modified>" in core


def test_a_malformed_source_date_epoch_is_a_one_line_error(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "ayer")
    destino = tmp_path / "p.xlsx"
    r = cli("presupuesto", "E045", "-o", str(destino))
    assert r.code == 2
    assert r.err.startswith("error: SOURCE_DATE_EPOCH no es válido: «ayer»")
    assert len(r.err.strip().splitlines()) == 1
    assert not destino.exists()
    # csv has no date: the variable is not read
    assert cli("presupuesto", "E045", "-f", "csv").code == 0


@pytest.mark.parametrize("codificacion", ["latin-1", "ascii"])
def test_stderr_to_a_file_is_utf8_like_stdout_whatever_the_locale(tmp_path, codificacion):
    """Under a locale without UTF-8 (here PYTHONIOENCODING) the data went to the file in UTF-8
    and the avisos in the locale's encoding: `2>&1` gave one file with «Propósito» in UTF-8 and
    «año» in latin-1, which no reader decodes, and other bytes than on a UTF-8 machine."""
    args = ["cumplimiento", "--anio", "2023", "-f", "csv", "--specs", str(bundled_specs_dir())]
    salidas = []
    for cod in ("utf-8", codificacion):
        with open(tmp_path / f"{cod}.txt", "wb") as f:
            entorno = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": cod}
            r = subprocess.run(
                [sys.executable, "-m", "issste_mon", *args],
                cwd=tmp_path,
                env=entorno,
                stdout=f,
                stderr=subprocess.STDOUT,
                timeout=120,
            )
        assert r.returncode == 0
        salidas.append((tmp_path / f"{cod}.txt").read_bytes())
    texto = salidas[1].decode("utf-8")  # before: UnicodeDecodeError at «a\xf1o»
    assert "Promedio de cumplimiento" in texto and "año 2023" in texto
    assert salidas[0] == salidas[1]


def _copiar(origen: Path, destino: Path, al_reves: bool) -> None:
    """The specs copied with their files created in sorted or reverse order (what `os.walk`
    lists first depends on it on many file systems)."""
    destino.mkdir(parents=True)
    for archivo in sorted(origen.iterdir(), reverse=al_reves):
        if archivo.is_file():
            (destino / archivo.name).write_bytes(archivo.read_bytes())


def test_hash_seed_locale_tz_folder_and_file_order_change_no_byte(tmp_path):
    """Guard: the same specs, under another hash seed, locale and TZ, created in the other
    order in a folder elsewhere, give the same stdout, stderr, exit code and site bytes."""
    corridas = []
    for n, (al_reves, env) in enumerate(
        [
            (False, {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"}),
            (True, {"PYTHONHASHSEED": "12345", "TZ": "XYZ-14", "LC_ALL": "tr_TR.UTF-8"}),
        ]
    ):
        raiz = tmp_path / ("a" if n == 0 else "otra carpeta/más honda")
        _copiar(bundled_specs_dir(), raiz / "specs", al_reves)
        salidas = []
        for args in (
            ["verificar", "-f", "csv"],
            ["alertas", "--mejoras", "-f", "json"],
            ["ficha", "--todas", "--salida", "sitio"],
        ):
            r = _correr([*args, "--specs", "specs"], raiz, **env)
            salidas.append((r.returncode, r.stdout, r.stderr))
        sitio = {p.name: p.read_bytes() for p in sorted((raiz / "sitio").iterdir())}
        corridas.append((salidas, sitio))
    assert corridas[0][0] == corridas[1][0]
    assert len(corridas[0][1]) > 10 and corridas[0][1] == corridas[1][1]
