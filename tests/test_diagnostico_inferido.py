"""`diagnostico.<año>.inferido`: the attributes a spec deduced for a program. A count over them
only «coincide por construcción», as one over an objective's or an indicator's `inferido`;
before, the mark was read, checked as a list of texts, and dropped (the count said «coincide»)."""

from __future__ import annotations

import json

import pytest

DEPENDENCIA = """\
tipo: dependencia
siglas: X
ramo: 51
nombre: Dependencia X
programas_sociales:
  2024: [E001, E002]
resumen:
  2024:
    - {id: lv, atributo: logica_vertical, valor: destacada, publicado: "1 (50%)"}
"""
PROGRAMA = "clave: {clave}\nramo: 51\nnombre: Programa {clave}\ndiagnostico:\n  2024: {diag}\n"


def _carpeta(tmp_path, inferido: str = "") -> str:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "X.yaml").write_text(DEPENDENCIA, encoding="utf-8")
    uno = "{logica_vertical: destacada" + inferido + "}"
    for clave, diag in (("E001", uno), ("E002", "{logica_vertical: ajustes_mayores}")):
        texto = PROGRAMA.format(clave=clave, diag=diag)
        (folder / f"{clave}.yaml").write_text(texto, encoding="utf-8")
    return str(folder)


def _fila(cli, folder: str) -> dict:
    r = cli("verificar", "-f", "json", "--specs", folder)
    assert r.code == 0, r.err
    (fila,) = json.loads(r.out)
    assert (fila["campo"], fila["publicado"], fila["calculado"]) == (
        "resumen.2024[0].publicado",
        "1 (50%)",
        "1 (50%)",
    )
    return fila


def test_a_count_over_printed_attributes_is_a_match(cli, tmp_path):
    assert _fila(cli, _carpeta(tmp_path))["veredicto"] == "coincide"


@pytest.mark.parametrize(
    "escrito", [", inferido: [logica_vertical]", ", inferido: logica_vertical"]
)
def test_a_count_over_an_inferred_attribute_matches_by_construction(cli, tmp_path, escrito):
    fila = _fila(cli, _carpeta(tmp_path, escrito))
    assert fila["veredicto"] == "coincide por construcción"
    assert fila["explicacion"] == "insumos tomados de la misma publicación: logica_vertical de E001"


def test_an_inferido_naming_no_attribute_of_the_year_is_an_error(cli, tmp_path):
    folder = _carpeta(tmp_path, ", inferido: [logica_vertica]")
    r = cli("validar", folder)
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err.strip().endswith(
        "E001.yaml:5:48: diagnostico.2024.inferido: «logica_vertica» no es un atributo que el "
        "año registra; ¿quiso decir «logica_vertical»?"
    )
