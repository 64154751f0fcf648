"""Metamorphic relations: the answers do not change when nothing that matters changed (where the
files sit, the order they are given in, the order of a mapping's keys, the cache, a name), and
change exactly as expected when something did (a filter is a slice of the whole, meta and valor
scaled together leave the cumplimiento, a higher valor never lowers an ascending one).

The oracle (test_oraculo) checks each figure against an independent computation; these check
whole outputs against each other, so they also catch what decides which rows there are and in
which order."""

from __future__ import annotations

import shutil

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir

# Two programs of other ramos, and the dependency of one: «6/» sorts after «51/» as text and
# before it as a number (the layout `importar` writes: <ramo>/<clave>.yaml).
OTROS = {
    "S265": (
        6,
        """\
clave: S265
ramo: 6
dependencia: SHCP
nombre: Subsidio de otra dependencia
poblaciones:
  2017: {unidad_medida: Personas, potencial: 2353499, objetivo: 75980, atendida: 63932}
presupuesto:
  2017: {ejercido: 120.5, ramo: 3000}
mir:
  - id: P1
    nivel: Propósito
    nombre: Tiempo de respuesta
    sentido: descendente
    metas:
      2016: {meta: 40, valor: 44}
      2017: {meta: 40, valor: 38}
monitoreo:
  2024: {valoracion: 0.61}
""",
    ),
    "A001": (
        12,
        """\
clave: A001
ramo: 12
dependencia: SALUD
nombre: Programa de un ramo intermedio
poblaciones:
  2017: {unidad_medida: Personas, potencial: 1000, objetivo: 400, atendida: 412}
presupuesto:
  2016: {ejercido: 10, ramo: 800}
mir:
  - id: F1
    nivel: Fin
    nombre: Personas atendidas
    sentido: ascendente
    metas:
      2017: {meta: 52.5, valor: 50}
      2016: {meta: 50, valor: 49}
monitoreo:
  2024: {valoracion: 0.30}
""",
    ),
    "SHCP": (
        6,
        """\
tipo: dependencia
clave: SHCP
siglas: SHCP
ramo: 6
nombre: Secretaría de Hacienda y Crédito Público
monitoreo:
  2024: {inmonitoreo: 0.5, subindice_dependencia: 0.4}
""",
    ),
}


def test_a_program_without_fuente_beside_others_reads_the_same_in_every_format(cli, tmp_path):
    """One indicator with no `fuente` anywhere (its year, itself, its program) beside others
    that have one: csv and json gave its rows, but `-f tabla`, `-f markdown`, `-o x.xlsx` and
    `im.cumplimiento` stopped with a traceback (AttributeError: 'float' object has no attribute
    'split': the frame's empty `fuente` was NaN, which the caption's list of documents read)."""
    from test_formatos_cruzados import _comparar, _salidas

    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    for nombre in ("S265", "A001"):
        (carpeta / f"{nombre}.yaml").write_text(OTROS[nombre][1], encoding="utf-8")
    shutil.copy(bundled_specs_dir() / "E048.yaml", carpeta)
    for args in (("cumplimiento",), ("tendencias",), ("alertas",), ("cobertura",)):
        _comparar(_salidas(cli, tmp_path, (*args, "--specs", str(carpeta))))
    filas = im.cumplimiento(im.cargar(carpeta)).to_records()
    assert sorted((f["clave"], f["anio"], f["fuente"] or "") for f in filas) == [
        ("A001", 2016, ""),
        ("A001", 2017, ""),
        ("E048", 2023, "CONEVAL, Desempeño 2024, Cumplimiento de temáticas 2023"),
        ("S265", 2016, ""),
        ("S265", 2017, ""),
    ]
    assert all(f["fuente"] is None for f in filas if f["clave"] != "E048")
