"""A «contradicción en la fuente» only where the documents print figures that cannot all hold.

- A remainder (`resto_de`) is the universe minus the named groups only when the groups and the
  remainder («sin información», NR) cover every category the methodology lists for the
  attribute; otherwise «no verificable» naming what no group covers. Derivable and different:
  a contradiction naming the documents, not the spec file.
- The Diagnóstico's «cumplimiento de metas» attribute read as the rango of the Propósito
  indicator is the methodology's `supuesto` (`diagnostico.cumplimiento_metas`): a match says
  so, a mismatch is «no verificable» naming it; marked `publicado`, the old verdicts return.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from issste_mon.carga.loader import bundled_specs_dir

METODOLOGIA = Path(__file__).resolve().parents[1] / "issste_mon" / "data" / "metodologia.yaml"
CAMPO = "diagnostico[2024].cumplimiento_metas"


def _rows(cli, *args):
    r = cli("verificar", "-f", "json", *args)
    return r, json.loads(r.out)


def _fila(rows, clave, campo=None, cifra=None):
    [row] = [
        r
        for r in rows
        if r["clave"] == clave
        and (campo is None or r["campo"] == campo)
        and (cifra is None or cifra in r["cifra"])
    ]
    return row


def test_remainder_with_an_uncovered_category_is_not_a_contradiction(cli):
    _, rows = _rows(cli, "PI-ISSSTE-2020-2024")
    row = _fila(rows, "PI-ISSSTE-2020-2024", cifra="cierre_2022_sin_informacion")
    assert row["veredicto"] == "no verificable"
    assert "los grupos no cubren Insuficiente" in row["motivo"]
    assert "el resto no es solo «sin información»" in row["motivo"]
    assert "14 ≠ 15" not in row["motivo"]


def _specs_con_grupos_completos(tmp_path: Path) -> Path:
    """The bundled specs with the cierre-2022 groups widened to every category but NR."""
    carpeta = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), carpeta)
    archivo = carpeta / "PI-ISSSTE-2020-2024.yaml"
    texto = archivo.read_text(encoding="utf-8")
    viejo = 'valor: [Avanzado, Adecuado]\n      universo: indicadores\n      publicado: "otros tres'
    assert viejo in texto
    texto = texto.replace(
        viejo,
        "valor: [Avanzado, Adecuado, Insuficiente]\n      universo: indicadores\n"
        '      publicado: "otros tres',
    )
    viejo = 'valor: [Rezagado, Muy rezagado]\n      universo: indicadores\n      publicado: "cuatro'
    assert viejo in texto
    texto = texto.replace(
        viejo,
        "valor: [Rezagado, Muy rezagado, Sentido constante]\n      universo: indicadores\n"
        '      publicado: "cuatro',
    )
    archivo.write_text(texto, encoding="utf-8")
    return carpeta


def test_derivable_remainder_that_differs_names_the_documents(cli, tmp_path):
    _, rows = _rows(cli, "--specs", str(_specs_con_grupos_completos(tmp_path)))
    row = _fila(rows, "PI-ISSSTE-2020-2024", cifra="cierre_2022_sin_informacion")
    assert row["veredicto"] == "contradicción en la fuente"
    assert "3 + 3 + 4 + 4 = 14 ≠ 15" in row["motivo"]
    # the 15: the documents that print the universe, never the spec file alone
    assert not row["motivo"].endswith("(PI-ISSSTE-2020-2024.yaml)")
    assert "que imprimen «De los 15 indicadores" in row["motivo"]
    assert "(CONEVAL, Diagnóstico de Monitoreo 2024)" in row["motivo"]
    assert "«Total general» de la tabla enfoque × avance" in row["motivo"]
    assert "y este (CONEVAL, Desempeño 2024)" in row["motivo"]


def test_the_propósito_reading_is_a_methodology_supuesto():
    from issste_mon import metodologia

    m = metodologia.load()
    assert m.atributo_diagnostico_nivel == "Propósito"
    [(confianza, fuente)] = [
        (c, f) for s, c, f in m.fuentes if s == "diagnostico.cumplimiento_metas"
    ]
    assert confianza == "supuesto" and "Lectura de issste-mon" in fuente


def test_e043_mismatch_under_the_supuesto_is_not_verifiable(cli):
    _, rows = _rows(cli)
    e043 = _fila(rows, "E043", CAMPO)
    assert e043["veredicto"] == "no verificable"
    assert "diagnostico.cumplimiento_metas" in e043["motivo"]
    assert "confianza supuesto" in e043["motivo"]
    assert "104.5%" in e043["motivo"] and "Diagnóstico de Monitoreo 2024" in e043["motivo"]
    for clave, veredicto in (
        ("E044", "coincide"),
        ("E048", "coincide"),
        ("E049", "coincide por construcción"),
    ):
        row = _fila(rows, clave, CAMPO)
        assert row["veredicto"] == veredicto
        assert "diagnostico.cumplimiento_metas" in row["explicacion"]


def _metodologia_publicada(tmp_path: Path, nivel: str = "Propósito") -> Path:
    raw = yaml.safe_load(METODOLOGIA.read_text(encoding="utf-8"))
    regla = raw["diagnostico"]["cumplimiento_metas"]
    regla["confianza"], regla["nivel"] = "publicado", nivel
    archivo = tmp_path / "m.yaml"
    archivo.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return archivo


def test_a_printed_rule_keeps_the_contradiction(cli, tmp_path):
    _, rows = _rows(cli, "--metodologia", str(_metodologia_publicada(tmp_path)))
    assert _fila(rows, "E043", CAMPO)["veredicto"] == "contradicción en la fuente"
    e044 = _fila(rows, "E044", CAMPO)
    assert e044["veredicto"] == "coincide" and e044["explicacion"] is None


def test_the_level_is_data(cli, tmp_path):
    _, rows = _rows(cli, "--metodologia", str(_metodologia_publicada(tmp_path, "Fin")))
    row = _fila(rows, "E044", CAMPO)
    assert row["veredicto"] == "no verificable" and "del Fin de E044" in row["motivo"]


def test_an_unknown_level_is_rejected(cli, tmp_path):
    r = cli("verificar", "--metodologia", str(_metodologia_publicada(tmp_path, "Meta")))
    assert r.code == 2
    assert "diagnostico.cumplimiento_metas" in r.err
