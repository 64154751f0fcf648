"""`resumen` and its statements over a federal set: several dependencies, each listing its own
programas sociales, and claves repeated across ramos (a clave is unique only within its ramo).

Each dependency's statements count its own programs (not the first loaded dependency's), and a
listed clave is the program of that dependency's ramo (not another ramo's with the same clave).
"""

from __future__ import annotations

import csv
import io

import pytest

from issste_mon.calc import conteos
from issste_mon.carga.loader import load_paths


def _programa(ramo: int, clave: str, directo: bool) -> str:
    valor = "directo" if directo else "indirecto"
    return (
        f"clave: {clave}\nramo: {ramo}\nnombre: Programa {clave} del ramo {ramo}\n"
        f"diagnostico:\n  2024:\n    fuente: Diagnóstico {ramo}\n"
        f"    proposito_derecho_social: {valor}\n"
    )


def _dependencia(ramo: int, claves: list[str], publicado: str) -> str:
    return (
        f"tipo: dependencia\nclave: DEP{ramo}\nsiglas: DEP{ramo}\nramo: {ramo}\n"
        f"nombre: Dependencia {ramo}\nprogramas_sociales:\n  2024: [{', '.join(claves)}]\n"
        "resumen:\n  2024:\n    - id: directo\n      atributo: proposito_derecho_social\n"
        f'      valor: directo\n      publicado: "{publicado}"\n'
    )


@pytest.fixture
def federal(tmp_path):
    """Ramo 4: E001 directo, E002 indirecto (1 of 2 directo). Ramo 5: E001 indirecto, E003 and
    E004 directo (2 of 3). E001 names a different program in each ramo."""
    files = {
        "ramo_04/E001.yaml": _programa(4, "E001", True),
        "ramo_04/E002.yaml": _programa(4, "E002", False),
        "ramo_04/DEP4.yaml": _dependencia(4, ["E001", "E002"], "1 (50%)"),
        "ramo_05/E001.yaml": _programa(5, "E001", False),
        "ramo_05/E003.yaml": _programa(5, "E003", True),
        "ramo_05/E004.yaml": _programa(5, "E004", True),
        "ramo_05/DEP5.yaml": _dependencia(5, ["E001", "E003", "E004"], "2 (67%)"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_dependency_counts_its_own_listed_programs(federal):
    specs = load_paths([str(federal)])
    dep4 = conteos.universo_programas(specs, 2024, "DEP4")
    assert [(e["id"], e["proposito_derecho_social"]) for e in dep4] == [
        ("E001", "directo"),
        ("E002", "indirecto"),
    ]  # (ramo 4's E001, not ramo 5's)
    assert [e["id"] for e in conteos.universo_programas(specs, 2024, "DEP5")] == [
        "E001",
        "E003",
        "E004",
    ]
    # all of them: both lists, the shared clave told apart by its ramo
    assert [e["id"] for e in conteos.universo_programas(specs, 2024)] == [
        "4-E001",
        "E002",
        "5-E001",
        "E003",
        "E004",
    ]


def test_statements_are_recounted_over_their_own_dependency(cli, federal):
    r = cli("-q", "resumen", "--enunciados", "--specs", str(federal), "-f", "csv")
    assert r.code == 0, r.err
    rows = {x["ambito"]: x for x in csv.DictReader(io.StringIO(r.out))}
    assert (rows["DEP4"]["n"], rows["DEP4"]["total"]) == ("1", "2")
    assert (rows["DEP5"]["n"], rows["DEP5"]["total"]) == ("2", "3")
    assert rows["DEP4"]["elementos"] == "E001"
    assert rows["DEP5"]["elementos"] == "E003, E004"
    assert {x["veredicto"] for x in rows.values()} == {"coincide"}


def test_verificar_confirms_both_dependencies_statements(cli, federal):
    r = cli("-q", "verificar", "--specs", str(federal), "-f", "csv")
    assert r.code == 0, r.out  # (it was 1: DEP4's «1 (50%)» «difiere», counted 0 (0%))
    rows = [x for x in csv.DictReader(io.StringIO(r.out)) if x["tipo"] == "enunciado.publicado"]
    assert {x["clave"]: (x["calculado"], x["veredicto"]) for x in rows} == {
        "DEP4": ("1 (50%)", "coincide"),
        "DEP5": ("2 (67%)", "coincide"),
    }


def test_all_dependencies_are_counted_together_without_their_statements(cli, federal):
    r = cli("resumen", "--specs", str(federal), "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(x["valor"], x["n"], x["total"], x["programas"], x["publicado"]) for x in rows] == [
        ("directo", "3", "5", "4-E001, E003, E004", ""),
        ("indirecto", "2", "5", "E002, 5-E001", ""),
    ]
    assert "2 dependencias listan sus programas_sociales 2024 (DEP4, DEP5)" in r.err


def test_a_federal_universe_is_named_in_part_and_counted():
    """The «Universo:» line and the aviso of programs without diagnóstico named 2,103 claves
    (15 KB on stderr with -f csv); the rows still name each program under its value."""
    from issste_mon.consultas.resumen import _NOMBRADOS
    from issste_mon.salida.plural import nombrados

    ids = [f"E{i:03d}" for i in range(1, 101)]
    assert nombrados(ids[:_NOMBRADOS], _NOMBRADOS) == ", ".join(ids[:_NOMBRADOS])
    texto = nombrados(ids, _NOMBRADOS, "columna programas")
    assert texto == ", ".join(ids[:_NOMBRADOS]) + f" y {100 - _NOMBRADOS} más (columna programas)"
