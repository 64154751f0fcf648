"""The dependency's Propósito average is checked over the programs CONEVAL averages: the
`programas_sociales` the spec lists, not every program of the ramo that happens to be loaded."""

from __future__ import annotations

from pathlib import Path

import issste_mon as im

DEP = """\
tipo: dependencia
clave: DEP
siglas: DEP
ramo: 51
nombre: Dependencia de prueba
{lista}
cumplimiento:
  2023:
    fuente: "Desempeño 2024"
    publicado: {{promedio_proposito: "110%"}}
"""

PROGRAMA = """\
clave: {clave}
ramo: {ramo}
dependencia: {dependencia}
nombre: Programa {clave}
mir:
  - id: P1
    nivel: Propósito
    nombre: Personas atendidas
    unidad_medida: Personas
    sentido: ascendente
    metas:
      2023: {{meta: 100, valor: {valor}}}
"""


def _carpeta(tmp_path: Path, lista: str, programas: dict[str, tuple[int, int]]) -> str:
    (tmp_path / "DEP.yaml").write_text(DEP.format(lista=lista), encoding="utf-8")
    for nombre, (ramo, valor) in programas.items():
        dependencia = "DEP" if ramo == 51 else "OTRA"
        texto = PROGRAMA.format(clave=nombre[-4:], ramo=ramo, valor=valor, dependencia=dependencia)
        (tmp_path / f"{nombre}.yaml").parent.mkdir(exist_ok=True)
        (tmp_path / f"{nombre}.yaml").write_text(texto, encoding="utf-8")
    return str(tmp_path)


def _promedio(specs: str) -> dict:
    (fila,) = [
        r
        for r in im.verificar(im.cargar(specs), "DEP").tabla.to_records()
        if r["campo"] == "cumplimiento.2023.publicado.promedio_proposito"
    ]
    return fila


# A001 100 % and A002 120 % average 110 %; E099 (50 %) is a program of the ramo that the
# dependency does not list, and A001 of ramo 12 (10 %) another dependency's with a listed clave.
PROGRAMAS = {"A001": (51, 100), "A002": (51, 120), "E099": (51, 50), "12/A001": (12, 10)}


def test_the_average_is_over_the_listed_programas_sociales(tmp_path):
    fila = _promedio(_carpeta(tmp_path, "programas_sociales:\n  2023: [A001, A002]", PROGRAMAS))
    assert fila["veredicto"] == "coincide", fila  # over all of ramo 51 it was 90 %: «difiere»
    assert fila["calculado"] == "110 %"
    assert fila["cifra"].endswith("(2 programas de programas_sociales 2023 de DEP)")


def test_the_next_year_s_list_when_the_year_has_none_and_the_label_says_which(tmp_path):
    fila = _promedio(_carpeta(tmp_path, "programas_sociales:\n  2024: [A001, A002]", PROGRAMAS))
    assert fila["veredicto"] == "coincide", fila
    assert fila["cifra"].endswith("(2 programas de programas_sociales 2024 de DEP)")


def test_a_listed_program_not_loaded_is_named_and_the_count_is_the_list_s(tmp_path):
    lista = "programas_sociales:\n  2023: [A001, A002, A003]"
    fila = _promedio(_carpeta(tmp_path, lista, PROGRAMAS))
    assert fila["veredicto"] == "no verificable"
    assert fila["motivo"] == (
        "faltan meta y/o valor del Propósito 2023 de A003 (sin spec cargada)"
        " (calculables: A001, A002, 2 de 3)"
    )


def test_without_a_list_the_loaded_programs_in_force_and_the_label_says_so(tmp_path):
    fila = _promedio(_carpeta(tmp_path, "", PROGRAMAS))
    assert fila["veredicto"] == "difiere"  # (100 + 120 + 50) / 3 = 90 %: the universe is named
    assert fila["calculado"] == "90 %"
    assert fila["cifra"].endswith(
        "(3 programas de DEP cargados y vigentes en 2023: la spec no lista sus "
        "programas_sociales 2023 ni 2024)"
    )
