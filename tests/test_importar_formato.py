"""`importar` into a spec someone edited keeps how the file is written, not only what it says:
its line ends, its indentation and the lines nobody asked to change. Built from the real files
in /work/shared/data/shcp and the bundled specs."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import SHARED

from issste_mon.carga.loader import bundled_specs_dir

SHCP = SHARED / "data" / "shcp"
POB20 = SHCP / "poblaciones_2020.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def _en_orden(originales: list[str], resultado: list[str]) -> list[str]:
    """The original lines missing from the result, in order (an import that only adds must
    leave every one of them as it was)."""
    it = iter(resultado)
    return [linea for linea in originales if not any(linea == r for r in it)]


# a hand-written spec indented four spaces a level (what two tests complete)
E048_CUATRO_ESPACIOS = (
    "clave: E048\n"
    "ramo: 51\n"
    "nombre: Servicios de Estancias de Bienestar y Desarrollo Infantil\n"
    "ised:\n"
    "    2019:\n"
    "        valor: 1\n"
)


def test_crlf_file_keeps_its_line_ends(cli, tmp_path):
    out = tmp_path / "o"
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    ruta = out / "51" / "E048.yaml"
    original = ruta.read_bytes().replace(b"\n", b"\r\n")
    ruta.write_bytes(original)
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    escrito = ruta.read_bytes()
    assert escrito.startswith(original), "the existing lines were rewritten"
    assert b"ised:" in escrito and escrito.count(b"\n") == escrito.count(b"\r\n")


def test_bom_file_keeps_its_bom(cli, tmp_path):
    out = tmp_path / "o"
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    ruta = out / "51" / "E048.yaml"
    original = b"\xef\xbb\xbf" + ruta.read_bytes()
    ruta.write_bytes(original)
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    escrito = ruta.read_bytes()
    assert escrito.startswith(original) and b"ised:" in escrito


def test_bundled_hand_written_lists_keep_their_indentation_after_two_imports(cli, tmp_path):
    """E049 writes its lists `mir:\\n  - id: P1`; a year of poblaciones 2020 (added as text)
    and then an ISeD edition used to rewrite the whole MIR as `- id: P1`."""
    out = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), out)
    ruta = out / "E049.yaml"
    originales = ruta.read_text(encoding="utf-8").splitlines()
    assert "  - id: P1" in originales
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E049", "-o", str(out))
    assert r.code == 0, r.err
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E049", "-o", str(out))
    assert r.code == 0, r.err
    resultado = ruta.read_text(encoding="utf-8").splitlines()
    assert "ised:" in resultado and "  2020:" in resultado
    assert _en_orden(originales, resultado) == []


def test_four_space_file_keeps_its_indentation_when_a_component_is_completed(cli, tmp_path):
    """Completing an existing component needs a round trip of the whole file: the lines that do
    not change keep their four-space indentation."""
    out = tmp_path / "o"
    ruta = out / "51" / "E048.yaml"
    ruta.parent.mkdir(parents=True)
    ruta.write_text(
        "# Escrita a mano, sangría de cuatro espacios\n"
        + E048_CUATRO_ESPACIOS
        + "        nota: revisado   # con la ficha\n"
        "poblaciones:\n"
        "    2020:\n"
        "        componentes:\n"
        "            - nombre: Madres y Padres trabajadores derechohabientes del Instituto con"
        " hijos entre 60 días y 6 años…\n"
        "              unidad_medida: Derechohabientes\n"
        "              objetivo: 29317\n",
        encoding="utf-8",
    )
    originales = ruta.read_text(encoding="utf-8").splitlines()
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    resultado = ruta.read_text(encoding="utf-8").splitlines()
    assert "              programada: 23343" in resultado
    assert _en_orden(originales, resultado) == []


def test_conflict_names_the_line_and_column_of_the_files_value(cli, tmp_path):
    out = tmp_path / "o"
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E048", "-o", str(out))
    assert r.code == 0, r.err
    ruta = out / "51" / "E048.yaml"
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    n = next(i for i, linea in enumerate(lineas, 1) if linea.strip() == "objetivo: 29317")
    lineas[n - 1] = lineas[n - 1].replace("29317", "29318") + "  # corregido con el informe"
    ruta.write_text("\n".join(lineas) + "\n", encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E048", "-o", str(out))
    assert r.code == 1
    columna = lineas[n - 1].index("29318") + 1
    assert f"conflicto: 51/E048.yaml:{n}:{columna}: poblaciones.2020.componentes[" in r.err
    assert "objetivo: el archivo dice 29318, la fuente 29317 (no se escribe)" in r.err


def test_text_added_to_a_four_space_file_uses_four_spaces(cli, tmp_path):
    ruta = tmp_path / "o" / "51" / "E048.yaml"
    ruta.parent.mkdir(parents=True)
    original = E048_CUATRO_ESPACIOS
    ruta.write_text(original, encoding="utf-8")
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E048", "-o",
            str(tmp_path / "o"))  # fmt: skip
    assert r.code == 0, r.err
    texto = ruta.read_text(encoding="utf-8")
    assert texto.startswith(original)
    assert texto[len(original) :].startswith("    2020:\n        valor: ")


def test_lists_added_as_text_keep_the_files_indented_dash(cli, tmp_path):
    """E049 writes its lists `mir:\n  - id: P1`; the year of poblaciones 2020 added to it (as
    text) brings its own list of components, written the same way, not `- nombre:` (libyaml's
    only style) in the middle of a file that never uses it."""
    out = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), out)
    ruta = out / "E049.yaml"
    originales = ruta.read_text(encoding="utf-8").splitlines()
    assert "  - id: P1" in originales
    r = cli("importar", "poblaciones", str(POB20), "--clave", "51-E049", "-o", str(out))
    assert r.code == 0, r.err
    resultado = ruta.read_text(encoding="utf-8").splitlines()
    assert _en_orden(originales, resultado) == []
    n = resultado.index("    componentes:")
    assert resultado[n + 1] == "      - nombre: Pensionados y jubilados"
    assert resultado[n + 2] == "        unidad_medida: Personas"
    assert cli("validar", "--estricto", str(ruta)).code == 0


def test_reemplazar_keeps_values_a_person_aligned(cli, tmp_path):
    """A replaced figure needs a round trip through ruamel.yaml, which wrote every untouched
    `nivel:      Propósito` aligned by hand as `nivel: Propósito`: now only the replaced line
    changes."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    for clave in ("nivel", "tipo", "sentido", "frecuencia"):
        texto = re.sub(rf"^  {clave}: ", f"  {clave}:{' ' * (12 - len(clave))}", texto, flags=re.M)
    assert "  nivel:       Propósito\n" in texto and "      valor: 96.02\n" in texto
    texto = texto.replace("      valor: 96.02\n", "      valor: 96.2     # a mano\n")
    ruta.write_text(texto, encoding="utf-8")
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    assert "mir[P1].metas.2019.valor: el archivo dice 96.2, la fuente 96.02 (reemplazado" in r.err
    # the comment was the old value's: it stays in its column and says so
    esperado = texto.replace(
        "      valor: 96.2     # a mano\n",
        "      valor: 96.02    # a mano (comentario del valor anterior, 96.2; importar "
        "--reemplazar escribió el de la fuente)\n",
    )
    assert ruta.read_text(encoding="utf-8") == esperado


def test_a_section_added_as_text_goes_after_the_comments_that_close_the_block_above(cli, tmp_path):
    """E015 ends its `diagnostico` with three comment lines indented inside it («# Not
    recorded …»): the poblaciones a first import adds went between the block and them, so the
    person's note on the diagnóstico read as one on the 2017 component."""
    out = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), out)
    ruta = out / "E015.yaml"
    originales = ruta.read_text(encoding="utf-8").splitlines()
    assert originales[-1].startswith("    # are named)")
    r = cli("importar", "poblaciones", str(SHCP / "poblaciones_2017.csv"), "--clave", "51-E015",
            "-o", str(out))  # fmt: skip
    assert r.code == 0, r.err
    resultado = ruta.read_text(encoding="utf-8").splitlines()
    assert resultado[: len(originales)] == originales
    # set off by a blank line, as E015 sets off its own sections
    assert resultado[len(originales) : len(originales) + 2] == ["", "poblaciones:"]
