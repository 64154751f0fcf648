"""A published category outside the methodology's vocabulary is «no verificable», never
«difiere».

The levels and categories come from the methodology chosen at command time, so the loader
cannot check them. `monitoreo.2024.publicado.nivel: Basicoo` (a typo in the spec: the document
prints «Básico») used to be «difiere» — a discrepancy of the document that is not there.
"""

from __future__ import annotations

import json
import shutil

from issste_mon import metodologia
from issste_mon.carga.loader import bundled_specs_dir

NIVELES = "Incipiente, Básico, Medio, Adecuado, Óptimo"


def _copia(tmp_path, nombre: str, viejo: str, nuevo: str) -> str:
    carpeta = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), carpeta)
    ruta = carpeta / nombre
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count(viejo) == 1, viejo
    ruta.write_text(texto.replace(viejo, nuevo), encoding="utf-8")
    return str(carpeta)


def _fila(cli, clave: str, campo: str, *args: str) -> tuple[int, dict]:
    r = cli("verificar", clave, "-q", "-f", "json", *args)
    assert r.code in (0, 1), r
    (fila,) = [f for f in json.loads(r.out) if f["campo"] == campo]
    return r.code, fila


def test_a_typo_in_a_programs_monitoring_level_is_not_a_difference(cli, tmp_path):
    specs = _copia(tmp_path, "E015.yaml", "nivel: Básico}", "nivel: Basicoo}")
    code, f = _fila(cli, "E015", "monitoreo.2024.publicado.nivel", "--specs", specs)
    assert (f["veredicto"], f["calculado"]) == ("no verificable", None)
    assert f["motivo"] == f"«Basicoo» no es un nivel de monitoreo de la metodología: {NIVELES}"
    assert code == 0  # nothing differs


def test_a_typo_in_a_dependencys_levels_is_not_a_difference(cli, tmp_path):
    specs = _copia(
        tmp_path, "ISSSTE.yaml", "nivel_anterior_2022: Básico ", "nivel_anterior_2022: Basico2 "
    )
    _, f = _fila(cli, "ISSSTE", "monitoreo.2024.publicado.nivel_anterior_2022", "--specs", specs)
    assert f["veredicto"] == "no verificable"
    assert f["motivo"] == f"«Basico2» no es un nivel de monitoreo de la metodología: {NIVELES}"
    specs = _copia(
        tmp_path / "b", "ISSSTE.yaml", "nivel_subindice: Medio ", "nivel_subindice: Mdio "
    )
    _, f = _fila(cli, "ISSSTE", "monitoreo.2024.publicado.nivel_subindice", "--specs", specs)
    assert f["motivo"] == f"«Mdio» no es un nivel de monitoreo de la metodología: {NIVELES}"


def test_a_rango_outside_the_methodologys_labels_is_not_a_difference(cli, tmp_path):
    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    (carpeta / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: x\n"
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        "     metas: {2023: {meta: 25596, valor: 24252, publicado: {rango: Adecaudo}}}}\n",
        encoding="utf-8",
    )
    _, f = _fila(cli, "E999", "mir[0].metas.2023.publicado.rango", "--specs", str(carpeta))
    assert f["veredicto"] == "no verificable"
    assert f["motivo"] == "«Adecaudo» no es un rango de la metodología: Bajo, Adecuado, Alto"


def _metodologia(tmp_path, viejo: str, nuevo: str) -> str:
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    assert viejo in texto
    ruta = tmp_path / "mia.yaml"
    ruta.write_text(texto.replace(viejo, nuevo), encoding="utf-8")
    return str(ruta)


def test_a_category_another_methodology_does_not_have_is_not_a_difference(cli, tmp_path):
    """A methodology that renames «Superado»: the PI's printed «Superado» (1.1, seed 004) is a
    label this methodology does not have — not a document wrong about «Rebasado»."""
    mia = _metodologia(
        tmp_path, "{categoria: Superado, avance_min: 100}", "{categoria: Rebasado, avance_min: 100}"
    )
    r = cli("verificar", "PI-ISSSTE-2020-2024", "-q", "-f", "json", "--metodologia", mia)
    filas = [f for f in json.loads(r.out) if f["publicado"] == "Superado"]
    assert filas and {f["veredicto"] for f in filas} == {"no verificable"}
    assert filas[0]["motivo"] == (
        "«Superado» no es una categoría de avance sexenal de la metodología: Rebasado, "
        "Avanzado, Adecuado, Insuficiente, Rezagado, Muy rezagado, Sentido constante, NR"
    )


def test_an_ised_level_another_methodology_does_not_have_is_not_a_difference(cli, tmp_path):
    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    (carpeta / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: x\n"
        "ised: {2023: {valor: 0.45, publicado: {nivel: Medio}}}\n",
        encoding="utf-8",
    )
    _, f = _fila(cli, "E999", "ised.2023.publicado.nivel", "--specs", str(carpeta))
    assert f["veredicto"] == "coincide"
    mia = _metodologia(tmp_path, "{nivel: Medio, desde: 0.4}", "{nivel: Mediano, desde: 0.4}")
    args = ("--specs", str(carpeta), "--metodologia", mia)
    _, f = _fila(cli, "E999", "ised.2023.publicado.nivel", *args)
    assert f["veredicto"] == "no verificable"
    assert f["motivo"] == (
        "«Medio» no es un nivel ISeD de la metodología: Bajo, Medio bajo, Mediano, Medio alto, Alto"
    )
