"""Spec format v1.2: the FMyE narrative blocks and evaluaciones, read and checked by the loader."""

from __future__ import annotations

import textwrap

import pytest

from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError
from issste_mon.modelo import Faltante

BASE = """\
clave: E999
ramo: 51
nombre: Programa de prueba
poblaciones:
  2023:
    unidad_medida: Personas
    potencial: 1000
    objetivo: 500
    atendida: 400
    entidades: 32
    municipios: ND
"""


def _load(tmp_path, extra: str):
    path = tmp_path / "E999.yaml"
    path.write_text(BASE + textwrap.dedent(extra), encoding="utf-8")
    return load_paths([str(path)])


def _errors(tmp_path, extra: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        _load(tmp_path, extra)
    return [str(p) for p in info.value.problems]


def test_every_v12_block_is_read(tmp_path):
    specs = _load(
        tmp_path,
        """\
        evaluaciones:
          - {anio: 2016, tipo: Evaluación de diseño, costo: 522000, instancia: X S.C.}
        fmye:
          titulo: Ficha de Monitoreo y Evaluación 2017-2018
          anio: 2017
          ejercicio_actual: 2018
          descripcion: Qué hace.
          fortalezas:
            - {tipo: F, texto: Una fortaleza.}
            - {tipo: o, texto: Una oportunidad.}
          debilidades: [{tipo: A, texto: Una amenaza.}]
          recomendaciones: [Primera., Segunda.]
          asm:
            anteriores: [{texto: Un aspecto, avance: 40}]
            nota_comprometidos: Ninguno en 2018
          avances: [Algo.]
          contactos: [{unidad: Unidad de Evaluación, nombre: N. N., email: n@x.mx}]
        """,
    )
    [p] = specs.programas
    assert p.poblaciones[0].entidades == 32 and p.poblaciones[0].municipios is Faltante.ND
    assert (p.evaluaciones[0].anio, p.evaluaciones[0].costo) == (2016, 522000)
    f = p.fmye
    assert [x.tipo for x in f.puntos["fortalezas"]] == ["F", "O"]
    assert [x.texto for x in f.puntos["recomendaciones"]] == ["Primera.", "Segunda."]
    assert f.puntos["asm_anteriores"][0].avance == 40 and f.asm_nota == "Ninguno en 2018"
    assert f.contactos[0].email == "n@x.mx" and (f.anio, f.ejercicio_actual) == (2017, 2018)


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("fmye:\n  fortalezas: [{tipo: D, texto: x}]\n", ":13:"),
        ("fmye:\n  asm: {anteriores: [{texto: x, avance: 140}]}\n", ":13:"),
        ("fmye:\n  recomendaciones: texto suelto\n", ":13:"),
        ("fmye:\n  anio: dos mil\n", ":13:"),
        ("evaluaciones:\n  - {anio: 2016, costo: caro}\n", ":13:"),
        ("fmye:\n  contactos: [{nombre: sin unidad}]\n", ":13:"),
    ],
)
def test_v12_errors_carry_file_and_line(tmp_path, extra, expected):
    [problem] = _errors(tmp_path, extra)
    assert "E999.yaml" + expected in problem


def test_bundled_e045_has_every_fmye_block(specs):
    [p] = [x for x in specs.programas if x.clave == "E045"]
    f = p.fmye
    for key in ("descripcion", "resultados", "poblacion_objetivo", "analisis_cobertura"):
        assert f.textos[key]
    assert [a.avance for a in f.puntos["asm_anteriores"]] == [0, 40]
    assert [len(f.puntos[k]) for k in ("fortalezas", "debilidades", "recomendaciones")] == [2, 3, 2]
    assert f.puntos["asm_comprometidos"] == [] and "no comprometió" in f.asm_nota
    assert p.presupuesto[0].precios == "constantes 2012"
    assert p.evaluaciones[0].tipo == "Evaluación de diseño"
    assert [i.programa_sectorial for i in p.mir if i.sectorial] == [
        "Programa Sectorial de Trabajo y Previsión Social 2013-2018"
    ]
