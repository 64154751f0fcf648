"""The hostile corpus through every command family (issue 17): escapes, bidi overrides and rich
markup in spec data are shown escaped by every person-facing output, never obeyed; machine
formats keep the exact text; every invalid file is one line per problem, exit 2, no traceback.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from test_carga_hostiles import CASES, HOSTILES

from issste_mon.salida.sanear import es_seguro

VALIDOS = [n for n, code, _ in CASES if code == 0 and n.startswith("E9")]
INVALIDOS = [n for n, code, _ in CASES if code == 2]
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")

TABLAS = [
    ("programas",),
    ("cobertura",),
    ("cumplimiento",),
    ("presupuesto",),
    ("monitoreo",),
    ("verificar",),
    ("tendencias",),
    ("alertas",),
    ("resumen",),
]


@pytest.fixture(scope="module")
def carpeta(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostiles-validos")
    for n in VALIDOS:
        shutil.copy(HOSTILES / n, d / n)
    return d


def test_the_valid_part_of_the_corpus_is_large():
    assert len(VALIDOS) >= 30


@pytest.mark.parametrize("comando", TABLAS, ids=lambda c: c[0])
@pytest.mark.parametrize("formato", ["tabla", "markdown"])
def test_person_formats_never_emit_raw_controls(cli, carpeta, comando, formato):
    r = cli(*comando, "--specs", str(carpeta), "-f", formato)
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err
    assert es_seguro(r.out) and es_seguro(r.err), (r.out[:2000], r.err[:2000])


@pytest.mark.parametrize("columnas", [8, 40, 80])  # (at 8 and 40, rows as records too)
@pytest.mark.parametrize("comando", TABLAS, ids=lambda c: c[0])
def test_terminal_with_colour_at_any_width(cli, monkeypatch, carpeta, comando, columnas):
    """What a terminal receives: styles are rich's own SGR sequences, data is escaped."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli(*comando, "--specs", str(carpeta), "-f", "tabla")
    assert r.code in (0, 1), r.err
    sin_sgr = _sin_sgr(r.out + r.err)
    assert not any(c in sin_sgr for c in RAW), sin_sgr[:2000]


def _sin_sgr(text: str) -> str:
    """rich's colour sequences (ESC [ … m) removed; any other ESC would be data."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_machine_formats_keep_the_exact_text(cli, carpeta):
    r = cli("programas", "--specs", str(carpeta), "-f", "json")
    assert r.code == 0, r.err
    import json

    nombres = {row["clave"]: row["nombre"] for row in json.loads(r.out)}
    assert nombres["E906"] == "\x1b[2J"  # JSON escapes it (\u001b); the value is exact
    assert "\x1b" not in r.out
    r = cli("programas", "--specs", str(carpeta), "-f", "tsv")
    assert "\x1b[2J" in r.out  # TSV carries data as is (formula-neutralised only)


@pytest.mark.parametrize("nombre", VALIDOS)
def test_ficha_markdown_and_html(cli, tmp_path, nombre):
    specs = str(HOSTILES / nombre)
    clave = nombre.removesuffix(".yaml")
    r = cli("ficha", clave, "--specs", specs)
    assert r.code == 0, r.err
    assert es_seguro(r.out) and es_seguro(r.err)
    assert "<script" not in r.out and "[link=" not in r.out.replace("\\[link=", "")
    r = cli("ficha", clave, "--specs", specs, "-o", str(tmp_path / "f.md"))
    assert r.code == 0, r.err
    assert es_seguro((tmp_path / "f.md").read_text(encoding="utf-8"))
    r = cli("ficha", clave, "--specs", specs, "-o", str(tmp_path / "f.html"))
    assert r.code == 0 and es_seguro(r.err)
    # The page, its charts and the page written to a terminal: nothing raw, SVG well-formed.
    assert es_seguro((tmp_path / "f.html").read_text(encoding="utf-8"))
    for svg in tmp_path.glob("*.svg"):
        texto = svg.read_text(encoding="utf-8")
        assert es_seguro(texto), svg.name
        ET.fromstring(texto)
    r = cli("ficha", clave, "--specs", specs, "-o", "-")
    assert r.code == 0 and es_seguro(r.out), r.out[:2000]


def test_ficha_site_of_the_hostile_corpus(cli, tmp_path, carpeta):
    r = cli("ficha", "--todas", "--specs", str(carpeta), "--salida", str(tmp_path / "sitio"))
    assert r.code == 0, r.err
    paginas = list((tmp_path / "sitio").glob("*.html"))
    assert len(paginas) > len(VALIDOS)
    for pagina in paginas:
        texto = pagina.read_text(encoding="utf-8")
        assert es_seguro(texto), (pagina.name, [c for c in texto if not es_seguro(c)][:5])
        for svg in re.findall(r"<svg .*?</svg>", texto, re.S):
            ET.fromstring(svg)


@pytest.mark.parametrize("nombre", INVALIDOS)
@pytest.mark.parametrize("comando", ["cobertura", "ficha"])
def test_invalid_file_is_one_line_per_problem_in_every_command(cli, monkeypatch, nombre, comando):
    monkeypatch.chdir(HOSTILES)
    args = ("ficha", "E999") if comando == "ficha" else (comando,)
    r = cli(*args, "--specs", nombre)
    assert r.code == 2, r.err
    assert r.out == ""
    assert "Traceback" not in r.err
    assert es_seguro(r.err), r.err
    for line in r.err.splitlines():
        assert line.startswith(f"{nombre}:"), line


def test_the_terminal_test_does_reach_a_terminal(cli, monkeypatch, carpeta):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    r = cli("cumplimiento", "--specs", str(carpeta), "-f", "tabla")
    assert "\x1b[" in r.out  # rich styles are on: the check above is not vacuous


@pytest.mark.parametrize("comando", TABLAS, ids=lambda c: c[0])
@pytest.mark.parametrize("ext", ["csv", "jsonl", "xlsx", "md"])
def test_every_file_format_of_the_hostile_specs(cli, tmp_path, carpeta, comando, ext):
    destino = tmp_path / f"salida.{ext}"
    r = cli(*comando, "--specs", str(carpeta), "--salida", str(destino))
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err and es_seguro(r.err)
    if r.code == 1:  # no data for this question (monitoreo): nothing written
        return
    assert destino.stat().st_size > 0
    if ext == "md":
        assert es_seguro(destino.read_text(encoding="utf-8"))
