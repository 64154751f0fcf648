"""`importar`: what it reads (encodings, malformed CSV, stdin) and how it writes (a lock on the
folder, read-only specs, the per-year semáforo of SHCP)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
import yaml
from conftest import REPO, SHARED

SHCP = SHARED / "data" / "shcp"
POB = SHCP / "poblaciones_2017.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def _textos(carpeta) -> str:
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted(carpeta.rglob("*.yaml")))


# --- encodings ------------------------------------------------------------------------------


@pytest.fixture
def avance_latin1_y_utf8(tmp_path):
    """The real sample (Latin-1, CRLF) and the same bytes re-encoded to UTF-8 and UTF-16."""
    raw = AVANCE.read_bytes()
    texto = raw.decode("latin-1")
    assert "prestación" in texto or "económica" in texto
    u8 = tmp_path / "avance_utf8.csv"
    u8.write_bytes(texto.encode("utf-8"))
    u8bom = tmp_path / "avance_utf8_bom.csv"
    u8bom.write_bytes(b"\xef\xbb\xbf" + texto.encode("utf-8"))
    u16 = tmp_path / "avance_utf16.csv"
    u16.write_bytes(texto.encode("utf-16"))
    return {"latin1": AVANCE, "utf8": u8, "utf8bom": u8bom, "utf16": u16}


def test_every_encoding_gives_the_same_specs_without_mojibake(cli, tmp_path, avance_latin1_y_utf8):
    salidas = {}
    for nombre, archivo in avance_latin1_y_utf8.items():
        out = tmp_path / f"o_{nombre}"
        r = cli("importar", "avance", str(archivo), "--salida", str(out))
        assert r.code == 0, (nombre, r.err)
        salidas[nombre] = _textos(out).split("\n", 2)[2]
        assert "Ã" not in salidas[nombre] and "\ufffd" not in salidas[nombre]
        assert "económica" in salidas[nombre]
    # the first comment line names the source file; everything else is identical
    cuerpos = {
        k: "\n".join(x for x in v.splitlines() if not x.startswith("#")) for k, v in salidas.items()
    }
    assert len(set(cuerpos.values())) == 1


def test_utf8_declared_latin1_is_refused(cli, tmp_path, avance_latin1_y_utf8):
    out = tmp_path / "o"
    archivo = avance_latin1_y_utf8["utf8"]
    r = cli("importar", "avance", str(archivo), "--codificacion", "latin-1", "--salida", str(out))
    assert r.code == 2 and "es UTF-8 válido, no Latin-1/CP-1252" in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    assert not out.exists()


def test_unknown_codec_is_one_line_exit_2(cli, tmp_path):
    for cod in ("klingon", "base64"):
        r = cli(
            "importar",
            "ised",
            str(ISED),
            "--anio",
            "2020",
            "--codificacion",
            cod,
            "-o",
            str(tmp_path / "o"),
        )
        assert r.code == 2, r.err
        assert f'codificación desconocida "{cod}"' in r.err
        assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_a_file_not_in_the_declared_codec_is_said_in_spanish(cli, tmp_path):
    """Python's reason («code point not in range(0x110000)») reached the user."""
    out = tmp_path / "o"
    r = cli("importar", "ised", str(ISED), "-y", "2020", "--codificacion", "utf-32", "-o", str(out))
    assert r.code == 2
    assert r.err == (
        f"{ISED}:1:1: no se puede leer como utf-32: hay bytes que no son utf-32 (¿otra "
        "codificación? sin --codificacion se detecta)\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("archivo", "error"),
    [
        ("/dev/null", "no se puede leer /dev/null: es un dispositivo, no un archivo (- lee la "
         "entrada estándar)"),
        ("", "la ruta del archivo de SHCP está vacía («»): dé un archivo"),
    ],
)  # fmt: skip
def test_a_source_that_is_not_a_file_says_what_it_is(cli, tmp_path, archivo, error):
    """/dev/null was «no existe el archivo /dev/null», and «» the current folder."""
    out = tmp_path / "o"
    r = cli("importar", "avance", archivo, "-o", str(out))
    assert (r.code, r.err) == (2, f"error: {error}\n")
    assert not out.exists()


def test_an_empty_salida_is_refused_not_the_current_folder(cli, tmp_path, monkeypatch):
    """`importar … -o ""` wrote its specs into the current folder."""
    monkeypatch.chdir(tmp_path)
    r = cli("importar", "ised", str(ISED), "-y", "2020", "-o", "")
    assert (r.code, r.err) == (
        2,
        "error: la ruta de --salida está vacía («»): dé la carpeta de specs\n",
    )
    assert list(tmp_path.iterdir()) == []


# --- malformed CSV --------------------------------------------------------------------------


def _recortar(tmp_path, nombre: str, cambiar) -> str:
    lineas = ISED.read_text(encoding="utf-8").splitlines(keepends=True)
    lineas = cambiar(lineas)
    f = tmp_path / nombre
    f.write_text("".join(lineas), encoding="utf-8")
    return str(f)


def test_truncated_row_is_an_error_with_its_line(cli, tmp_path):
    def cortar(lineas):
        lineas[5] = lineas[5].split(",", 3)[0] + "," + lineas[5].split(",", 3)[1] + "\n"
        return lineas

    archivo = _recortar(tmp_path, "ised_cortado.csv", cortar)
    out = tmp_path / "o"
    r = cli("importar", "ised", archivo, "--anio", "2020", "--salida", str(out))
    assert r.code == 2
    assert "ised_cortado.csv:6:" in r.err
    assert "la fila tiene 2 celdas y el encabezado 40 (¿fila cortada?)" in r.err
    assert not out.exists()
    # with --omitir-filas-malas: skipped, counted, never invented
    r = cli("importar", "ised", archivo, "--anio", "2020", "--omitir-filas-malas", "-o", str(out))
    assert r.code == 0, r.err
    assert "535 filas leídas, 534 importadas" in r.out
    assert "fila mal formada (--omitir-filas-malas): 1" in r.out
    assert "Componente" not in _textos(out) and len(list(out.rglob("*.yaml"))) == 534


def test_unclosed_quote_is_an_error_with_its_line(cli, tmp_path):
    def abrir(lineas):
        lineas = [lineas[0]] + [x for x in lineas[1:] if '"' not in x][:30]
        lineas[10] = lineas[10].replace(",", ',"', 1)
        return lineas

    archivo = _recortar(tmp_path, "ised_comillas.csv", abrir)
    out = tmp_path / "o"
    for extra in ([], ["--omitir-filas-malas"]):
        r = cli("importar", "ised", archivo, "--anio", "2020", *extra, "--salida", str(out))
        assert r.code == 2, r.out
        assert "ised_comillas.csv:11:" in r.err and "comillas sin cerrar" in r.err
        assert "hasta la línea 31 (fin del archivo)" in r.err
        assert not out.exists()


def test_stdin(cli, tmp_path):
    out = tmp_path / "o"
    r = cli(
        "importar",
        "ised",
        "-",
        "--anio",
        "2020",
        "-r",
        "51",
        "-o",
        str(out),
        stdin=ISED.read_bytes(),
    )
    assert r.code == 0, r.err
    assert "Fuente: stdin: 535 filas leídas, 23 importadas" in r.out
    r = cli("importar", "poblaciones", "-", "-r", "51", "-o", str(out), stdin=POB.read_bytes())
    assert r.code == 2 and "indíquelo con --anio" in r.err
    r = cli(
        "importar",
        "poblaciones",
        "-",
        "--anio",
        "2017",
        "-r",
        "51",
        "-o",
        str(out),
        stdin=POB.read_bytes(),
    )
    assert r.code == 0, r.err


# --- writing: read-only files, the lock ---------------------------------------------------


def test_read_only_spec_is_refused(cli, tmp_path):
    out = tmp_path / "o"
    assert (
        cli("importar", "ised", str(ISED), "--anio", "2020", "-r", "51", "-o", str(out)).code == 0
    )
    spec = out / "51" / "E018.yaml"
    antes = spec.read_text(encoding="utf-8")
    spec.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        r = cli("importar", "poblaciones", str(POB), "-c", "51-E018", "-o", str(out))
        assert r.code == 1
        assert "51/E018.yaml: el archivo es de solo lectura: no se modifica" in r.err
        assert spec.read_text(encoding="utf-8") == antes
        # nothing to add: a read-only file is simply unchanged
        r = cli("importar", "ised", str(ISED), "--anio", "2020", "-c", "51-E018", "-o", str(out))
        assert r.code == 0 and "1 sin cambios" in r.out
    finally:
        spec.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _importar(*args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "issste_mon", "importar", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_concurrent_imports_keep_both(tmp_path):
    """Two runs into one folder at once, both touching the same 23 programs of ramo 51: the
    second waits for the first, then merges; every program ends with both sections."""
    out = tmp_path / "o"
    a = _importar("poblaciones", str(POB), "-r", "51", "--salida", str(out))
    b = _importar("ised", str(ISED), "--anio", "2020", "-r", "51", "--salida", str(out))
    ra, rb = a.communicate(timeout=300), b.communicate(timeout=300)
    assert a.returncode == 0 and b.returncode == 0, (ra, rb)
    docs = {
        f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in (out / "51").glob("*.yaml")
    }
    assert len(docs) == 24
    assert sum(1 for d in docs.values() if 2020 in d.get("ised", {})) == 23
    con_pob = [k for k, d in docs.items() if "poblaciones" in d]
    assert sorted(con_pob) == ["E015", "E018", "E036", "E042", "E043", "E044", "E045"]


def test_second_run_waits_for_the_lock(tmp_path):
    from issste_mon.importar.escritura import bloqueo

    out = tmp_path / "o"
    with bloqueo(out):
        p = _importar("ised", str(ISED), "--anio", "2020", "-r", "51", "--salida", str(out))
        linea = p.stderr.readline()
        assert "esperando: otra importación está escribiendo en" in linea
        assert p.poll() is None and not (out / "51").exists()
    salida, _ = p.communicate(timeout=300)
    assert p.returncode == 0 and "23 creados" in salida


# --- semáforo -------------------------------------------------------------------------------


def test_semaforo_per_indicator_year(cli, tmp_path):
    out = tmp_path / "o"
    assert cli("importar", "avance", str(AVANCE), "-r", "9", "--salida", str(out)).code == 0
    doc = yaml.safe_load((out / "9" / "U001.yaml").read_text(encoding="utf-8"))
    assert doc["mir"][0]["metas"][2019]["semaforo"] == {"verde": 75, "amarillo": "ND", "rojo": 50}
    assert cli("validar", "--estricto", str(out)).code == 0


@pytest.mark.parametrize("ramo", ["0", "-1", "abc"])
def test_a_ramo_that_is_no_ramo_is_a_usage_error(cli, tmp_path, ramo):
    """`--ramo 0` said «ningún programa coincide» (exit 1), as if the file had no such ramo."""
    fuente = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
    if not fuente.is_file():
        pytest.skip("SHCP data not available")
    r = cli("importar", "poblaciones", str(fuente), "--ramo", ramo, "--salida", str(tmp_path / "o"))
    assert r.code == 2 and r.out == ""
    assert r.err.strip() == (
        f'error: ramo no válido "{ramo}": se esperaba un número mayor que 0 (p. ej. 51)'
    )
    assert not (tmp_path / "o").exists()


def test_a_file_where_a_ramo_folder_goes_is_said_in_spanish(cli, tmp_path):
    """mkdir over a file gave «no se puede escribir o/51/E015.yaml: File exists»."""
    out = tmp_path / "o"
    out.mkdir()
    (out / "51").write_text("mío\n")
    r = cli("importar", "poblaciones", str(POB), "-r", "51", "-o", str(out))
    assert r.code == 2
    assert "un archivo ocupa el lugar de una carpeta de la ruta" in r.err
    assert "File exists" not in r.err and (out / "51").read_text() == "mío\n"


def test_a_huge_one_line_source_counts_its_columns_in_es_mx(cli, tmp_path):
    """«tiene 5000001 columnas»: a count for a person, without its thousands separators."""
    fuente = tmp_path / "una_linea.csv"
    fuente.write_text("a," * 5_000_000 + "\n", encoding="utf-8")
    r = cli("importar", "avance", str(fuente), "-o", str(tmp_path / "o"))
    assert r.code == 2 and "tiene 5,000,001 columnas" in r.err


def test_the_year_comes_from_the_file_name_not_its_folder(cli, tmp_path):
    """poblaciones_2017.csv inside a folder named with another year: the two years made the
    name «ambiguous» (error, código 2), and a yearless name took the folder's year."""
    carpeta = tmp_path / "entregas-2024"
    carpeta.mkdir()
    (carpeta / "poblaciones_2017.csv").write_bytes(POB.read_bytes())
    out = tmp_path / "o"
    r = cli(
        "importar", "poblaciones", str(carpeta / "poblaciones_2017.csv"), "-r", "51", "-o", str(out)
    )
    assert r.code == 0, r.err
    assert "  2017:" in (out / "51" / "E045.yaml").read_text(encoding="utf-8")
    (carpeta / "poblaciones.csv").write_bytes(POB.read_bytes())
    r = cli("importar", "poblaciones", str(carpeta / "poblaciones.csv"), "-r", "51", "-o", str(out))
    assert r.code == 2 and "indíquelo con --anio" in r.err


def test_a_folder_where_a_spec_goes_is_named_as_a_folder(cli, tmp_path):
    """A folder at 51/E045.yaml was reported as «la spec de otro programa (ramo o clave
    distintos)»: the person looked for a program that is not there. The other specs are
    written, and the summary counts the one not written."""
    out = tmp_path / "o"
    (out / "51" / "E045.yaml").mkdir(parents=True)
    r = cli("importar", "poblaciones", str(POB), "-r", "51", "-o", str(out))
    assert r.code == 1
    assert "51/E045.yaml: es una carpeta, no un archivo" in r.err
    assert "otro programa" not in r.err
    assert "1 sin modificar por errores" in r.out
    assert (out / "51" / "E045.yaml").is_dir() and (out / "51" / "E018.yaml").is_file()


def test_a_salida_name_too_long_is_named(cli, tmp_path):
    """«no se pudo escribir la salida: nombre de archivo demasiado largo»: which one?"""
    larga = tmp_path / ("c" * 300)
    r = cli("importar", "poblaciones", str(POB), "-r", "51", "-o", str(larga))
    assert r.code == 2 and str(larga) in r.err and "demasiado largo" in r.err
