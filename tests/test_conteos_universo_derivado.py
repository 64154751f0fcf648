"""Over which programs a programa derivado's statement («5 (56%) de los programas…») is counted
(`calc/conteos.universo`): those of its `dependencia`, when it names one; without one, those of
every loaded dependency that lists its `programas_sociales` of the year.

Two dependencies are loaded: ISSSTE with its nine 2024 programs (five with a Propósito linked
directly to a social right) and OTRA with one program, also direct. The same attribute counted
over ISSSTE's programs is 5 of 9 (56%); over both lists, 6 of 10 (60%). Counting the statement
of a derivado of ISSSTE over both lists, or one of a derivado without dependencia over
ISSSTE's alone, would compare the printed figure against another universe."""

from __future__ import annotations

import shutil

import pytest

from issste_mon.carga.loader import bundled_specs_dir

OTRA = """\
tipo: dependencia
clave: OTRA
siglas: OTRA
ramo: 99
nombre: Otra dependencia
programas_sociales:
  2024: [S001]
"""

S001 = """\
clave: S001
ramo: 99
nombre: Programa de otra dependencia
diagnostico:
  2024:
    fuente: "Diagnóstico de prueba"
    proposito_derecho_social: directo
"""

DERIVADO = """\
tipo: programa_derivado
clave: {clave}
nombre: Programa derivado de prueba
{dependencia}periodo: {{inicio: 2020, fin: 2024}}
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    indicadores:
      - {{id: "1.1", nombre: Indicador de prueba, sentido: ascendente}}
resumen:
  2024:
    - id: directos
      atributo: proposito_derecho_social
      valor: directo
      universo: programas
      publicado: "{publicado}"
      fuente: "Documento de prueba"
"""


@pytest.fixture
def carpeta(tmp_path):
    """The bundled ISSSTE set (its derivado aside), OTRA and its program, and two derivados:
    DER-CON of ISSSTE, printing the count over ISSSTE's programs; DER-SIN without dependencia,
    printing the count over both lists."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for path in bundled_specs_dir().glob("*.yaml"):
        if not path.name.startswith("PI-"):
            shutil.copy(path, specs / path.name)
    (specs / "ISSSTE.yaml").write_text(
        (specs / "ISSSTE.yaml")
        .read_text(encoding="utf-8")
        .replace("programa_derivado: PI-ISSSTE-2020-2024\n", ""),
        encoding="utf-8",
    )
    (specs / "OTRA.yaml").write_text(OTRA, encoding="utf-8")
    (specs / "S001.yaml").write_text(S001, encoding="utf-8")
    for clave, dependencia, publicado in (
        ("DER-CON", "dependencia: ISSSTE\n", "5 (56%)"),
        ("DER-SIN", "", "6 (60%)"),
    ):
        texto = DERIVADO.format(clave=clave, dependencia=dependencia, publicado=publicado)
        (specs / f"{clave}.yaml").write_text(texto, encoding="utf-8")
    return str(specs)


def _filas(cli, *args) -> list[dict]:
    r = cli(*args, "-f", "tsv")
    assert r.code == 0, r.err
    cabeza, *filas = r.out.splitlines()
    return [dict(zip(cabeza.split("\t"), f.split("\t"), strict=True)) for f in filas]


def test_verificar_counts_a_derivado_s_statement_over_its_dependency_or_every_list(cli, carpeta):
    filas = _filas(cli, "verificar", "--specs", carpeta, "DER-CON", "DER-SIN")
    assert [(f["clave"], f["publicado_texto"], f["calculado"], f["veredicto"]) for f in filas] == [
        ("DER-CON", "5 (56%)", "5 (56%)", "coincide"),
        ("DER-SIN", "6 (60%)", "6 (60%)", "coincide"),
    ]


def test_resumen_enunciados_counts_them_the_same_way(cli, carpeta):
    filas = _filas(cli, "resumen", "--enunciados", "--specs", carpeta, "--anio", "2024")
    suyas = [f for f in filas if f["ambito"] in ("DER-CON", "DER-SIN")]
    directos = "E018, E036, E043, E044, E048"
    assert [(f["ambito"], f["calculado"], f["elementos"], f["coincide"]) for f in suyas] == [
        ("DER-CON", "5 (56%)", directos, "sí"),
        ("DER-SIN", "6 (60%)", f"{directos}, S001", "sí"),
    ]


def test_a_named_dependency_is_the_universe_even_beside_a_derivado(carpeta):
    """`universo(…, derivado, dependencia)`: the dependency named is the one that prints the
    statement, whatever the derivado's (none here)."""
    from issste_mon.calc import conteos
    from issste_mon.carga.loader import load_paths

    specs = load_paths([carpeta])
    (sin,) = [d for d in specs.derivados if d.clave == "DER-SIN"]
    (e,) = sin.resumen[2024]
    assert [p["id"] for p in conteos.universo(e, specs, 2024, sin, "OTRA")] == ["S001"]
    assert len(conteos.universo(e, specs, 2024, sin)) == 10
