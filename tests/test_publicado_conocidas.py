"""The keys of a `publicado` are the figures `verificar` checks there: another one is an unknown
key, which `validar --estricto` reports (contract: «Unknown extra keys are allowed (reported by
`validar --estricto`)»), as it does anywhere else in a spec."""

from __future__ import annotations

import pytest

from issste_mon import auditoria
from issste_mon.auditoria.registro import PREFIJOS, REGISTRO
from issste_mon.carga import definiciones as d

_DEPENDENCIA_CUMPLIMIENTO = d.DEPENDENCIA.campo("cumplimiento").seccion.campo("publicado")
# ámbito of `verificar`'s checkers → the `publicado` the loader reads there
POR_AMBITO = {
    "meta": d.META_ANUAL.campo("publicado"),
    "poblacion": d.POBLACION.campo("publicado"),
    "poblacion_total": d.POBLACIONES_ANIO.variantes[0].campo("publicado"),
    "presupuesto": d.PRESUPUESTO.campo("publicado"),
    "monitoreo": d.MONITOREO.campo("publicado"),
    "ised": d.ISED.campo("publicado"),
    "dependencia.monitoreo": d.MONITOREO_DEPENDENCIA.campo("publicado"),
    "dependencia.cumplimiento": _DEPENDENCIA_CUMPLIMIENTO,
    "indicador_derivado": d.INDICADOR_DERIVADO.campo("publicado"),
}


@pytest.mark.parametrize("ambito", sorted(POR_AMBITO))
def test_the_known_keys_are_the_figures_verificar_checks(ambito):
    assert auditoria.DESCONOCIDO  # (importing auditoria registers every checker)
    campo = POR_AMBITO[ambito]
    assert set(campo.nombres) == {n for a, n in REGISTRO if a == ambito}
    assert set(campo.prefijos) == {p for a, p in PREFIJOS if a == ambito}


def test_a_dependencias_budget_checks_some_of_a_programs_figures():
    # (it is read with the programs' PRESUPUESTO section)
    conocidas = set(d.PRESUPUESTO.campo("publicado").nombres)
    assert {n for a, n in REGISTRO if a == "dependencia.presupuesto"} <= conocidas


SPEC = """\
clave: E001
ramo: 51
nombre: Programa
poblaciones:
  2017:
    unidad_medida: Derechohabientes
    potencial: 14756442
    objetivo: 784969
    atendida: 744939
    publicado: {cobertra: "94.90 %"}
"""
AVISO = (
    "E001.yaml:10:17: poblaciones.2017.publicado.cobertra: clave desconocida; "
    "¿quiso decir «cobertura»?"
)


def test_a_misspelt_published_figure_is_an_unknown_key(cli, tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "E001.yaml").write_text(SPEC, encoding="utf-8")
    # before, «1 archivo válido.» under --estricto: only verificar said «no verificable»
    r = cli("validar", "--estricto", str(folder))
    assert r.code == 2 and "Traceback" not in r.err
    assert AVISO in r.err
    assert cli("validar", str(folder)).code == 0  # an aviso without --estricto
    # and every command says it, as for any unknown key (the cobertura is still computed)
    r = cli("cobertura", "--specs", str(folder), "-f", "csv", "-c", "anio,cobertura_pct")
    assert r.code == 0 and r.out.splitlines()[1] == "2017,94.9004355586"
    assert AVISO.replace("cobertra: ", "cobertra: aviso: ") in r.err
