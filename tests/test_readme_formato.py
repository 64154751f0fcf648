"""The README's spec-format sections document the keys the loader reads beyond the contract,
with examples that load and do what the text says: `mir[].sectorial` and
`objetivos[].vinculado_programas` were read (the ficha's «Indicador sectorial», the counts of
objectives) but described nowhere a spec writer would look."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _formato() -> str:
    texto = (REPO / "README.md").read_text(encoding="utf-8")
    inicio = texto.index("## Formato de las specs\n")
    return texto[inicio : texto.index("## Formato de las specs: reglas de contenido")]


def _ejemplo(clave: str) -> str:
    """The README's YAML example (in the format sections) that shows `clave`."""
    bloques = re.findall(r"^( *)```yaml\n(.*?)^\1```", _formato(), flags=re.S | re.M)
    (bloque,) = [textwrap.dedent(b) for _, b in bloques if re.search(rf"^\s*{clave}:", b, re.M)]
    return bloque


@pytest.mark.parametrize("clave", ["sectorial", "vinculado_programas"])
def test_the_format_sections_document_the_key(clave):
    assert f"`{clave}`" in _formato() or f".{clave}`" in _formato()


def _escribir(tmp_path, nombre: str, texto: str) -> str:
    carpeta = tmp_path / "specs"
    carpeta.mkdir(exist_ok=True)
    (carpeta / nombre).write_text(texto, encoding="utf-8")
    return str(carpeta)


def test_the_sectorial_example_goes_to_the_fichas_indicador_sectorial(cli, tmp_path):
    specs = _escribir(
        tmp_path, "E999.yaml", "clave: E999\nramo: 51\nnombre: x\n" + _ejemplo("sectorial")
    )
    r = cli("validar", "--estricto", "--specs", specs)
    assert r.code == 0, r.err
    r = cli("ficha", "E999", "--specs", specs)
    sector = r.out.split("## Indicador sectorial", 1)[1]
    assert "### Fin · Número de mujeres y hombres beneficiados" in sector
    fin_y_proposito = r.out.split("## Indicadores de Fin y Propósito", 1)[1].split("\n## ")[0]
    assert "Número de mujeres" not in fin_y_proposito


def test_the_vinculado_programas_example_is_what_its_count_counts(cli, tmp_path):
    cabeza = (
        "tipo: programa_derivado\nclave: PD-PRUEBA\nnombre: x\nperiodo: {inicio: 2020, fin: 2024}\n"
    )
    specs = _escribir(tmp_path, "PD-PRUEBA.yaml", cabeza + _ejemplo("vinculado_programas"))
    r = cli("validar", "--estricto", "--specs", specs)
    assert r.code == 0, r.err
    r = cli("resumen", "--enunciados", "-f", "json", "--specs", specs)
    (fila,) = json.loads(r.out)
    assert (fila["atributo"], fila["n"], fila["total"], fila["veredicto"]) == (
        "vinculado_programas",
        1,
        1,
        "coincide",
    )
