"""A `fuente` or `nota` written on a year of `monitoreo` or `presupuesto` reaches the rows of
that year. They were accepted and silently dropped: the bundled specs' monitoreo years name
their source (CONEVAL's Diagnóstico, Anexo 1), and `monitoreo` never showed it."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from conftest import SHARED

from issste_mon.carga.loader import bundled_specs_dir


def _json(cli, *args) -> list[dict]:
    r = cli(*args, "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_monitoreo_dice_la_fuente_de_cada_valoracion(cli):
    filas = _json(cli, "monitoreo", "--anio", "2024")
    carpeta = bundled_specs_dir()
    for fila in filas:
        doc = yaml.safe_load((carpeta / f"{fila['clave']}.yaml").read_text(encoding="utf-8"))
        assert fila["fuente"] == doc["monitoreo"][2024]["fuente"], fila
    r = cli("monitoreo", "--anio", "2024", "-f", "markdown")
    assert "Diagnóstico de Monitoreo 2024, Anexo 1" in r.out.splitlines()[-1]


def _escribir(tmp_path, texto: str, nombre: str = "E999"):
    d = tmp_path / "specs"
    d.mkdir()
    (d / f"{nombre}.yaml").write_text(texto, encoding="utf-8")
    return d


def test_la_nota_del_anio_de_monitoreo_y_presupuesto_va_en_su_fila(cli, tmp_path):
    d = _escribir(
        tmp_path,
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "monitoreo:\n  2024:\n    valoracion: 0.6\n    fuente: Diagnóstico 2024\n"
        "    nota: valoración   preliminar\n"
        "presupuesto:\n  2023:\n    ejercido: 10\n    nota: cifras al cierre\n"
        "  2024:\n    ejercido: 10\n    ramo: 100\n    nota: cifras al cierre\n",
    )
    r = cli("validar", "--estricto", str(d))
    assert r.code == 0 and "desconocida" not in r.err, r.err
    (mon,) = _json(cli, "monitoreo", "--specs", str(d))
    assert mon["nivel"] == "Medio" and mon["fuente"] == "Diagnóstico 2024"
    assert mon["nota"] == "valoración preliminar"  # (spaces folded)
    p23, p24 = _json(cli, "presupuesto", "--specs", str(d))
    assert p23["nota"] == "porcentaje no calculable: ramo no está en la spec; cifras al cierre"
    assert p24["nota"] == "cifras al cierre" and p24["porcentaje_ramo"] == 10


def test_la_nota_del_anio_de_la_dependencia_va_con_su_inmonitoreo(cli, tmp_path):
    d = _escribir(
        tmp_path,
        "tipo: dependencia\nclave: DEP\nsiglas: DEP\nramo: 51\nnombre: Dependencia\n"
        "monitoreo:\n  2024:\n    inmonitoreo: 0.561\n    lugar: 11\n    de: 15\n"
        "    fuente: Diagnóstico 2024\n    nota: según el Anexo 2\n",
        "DEP",
    )
    (fila,) = _json(cli, "monitoreo", "--specs", str(d))
    assert fila["ambito"] == "InMonitoreo" and fila["fuente"] == "Diagnóstico 2024"
    assert fila["nota"].endswith("; según el Anexo 2")


META_CON_FUENTE = """\
clave: E998
ramo: 51
nombre: Prueba
fuente: Documento del programa
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador con fuente propia
    sentido: ascendente
    fuente: FMyE 2019
    metas:
      2018: {meta: 10, valor: 9}
      2019: {meta: 10, valor: 11, fuente: Cuenta Pública 2019}
  - id: C1
    nivel: Componente
    nombre: Indicador sin fuente
    sentido: ascendente
    metas:
      2019: {meta: 5, valor: 5, fuente: Informe trimestral}
      2020: {meta: 5, valor: 4}
"""
ESPERADAS = {
    ("P1", 2018): "FMyE 2019",
    ("P1", 2019): "Cuenta Pública 2019",
    ("C1", 2019): "Informe trimestral",
    ("C1", 2020): "Documento del programa",
}


def test_la_fuente_de_un_anio_de_meta_va_en_su_fila(cli, tmp_path):
    # a year's own `fuente` was accepted and dropped: the row named the indicator's document
    d = _escribir(tmp_path, META_CON_FUENTE, "E998")
    r = cli("validar", "--estricto", str(d))
    assert r.code == 0 and "desconocida" not in r.err, r.err
    for _ in range(2):  # cold, then from the cache
        for formato in ("json", "csv"):  # (csv: the rows written part by part)
            r = cli("cumplimiento", "--specs", str(d), "-f", formato)
            assert r.code == 0, r.err
            if formato == "json":
                filas = json.loads(r.out)
            else:
                filas = [{**f, "anio": int(f["anio"])} for f in csv.DictReader(io.StringIO(r.out))]
            assert {(f["id"], f["anio"]): f["fuente"] for f in filas} == ESPERADAS


def test_la_fuente_de_un_anio_de_meta_en_la_tabla_de_la_biblioteca(tmp_path):
    import issste_mon as im

    d = _escribir(tmp_path, META_CON_FUENTE, "E998")
    filas = im.cumplimiento(im.cargar(str(d))).to_records()
    assert {(f["id"], f["anio"]): f["fuente"] for f in filas} == ESPERADAS


def test_sexenal_dice_la_fuente_de_cada_indicador(cli, tmp_path):
    # a programa derivado's fuente (and an objective's, an indicator's) was accepted and
    # dropped: the bundled PI names three documents and no output said so
    from conftest import spec_derivado

    texto = spec_derivado(
        "PD-1",
        "      - {id: '1.1', nombre: Propio, sentido: ascendente, fuente: Anexo 3}\n"
        "      - {id: '1.2', nombre: Del objetivo, sentido: ascendente}\n",
    )
    texto = texto.replace("    texto: Objetivo de prueba\n", "    texto: Objetivo de prueba\n"
                          "    fuente: Capítulo 6\n")  # fmt: skip
    d = _escribir(tmp_path, "fuente: Programa Institucional\n" + texto, "PD-1")
    r = cli("validar", "--estricto", str(d))
    assert r.code == 0 and "desconocida" not in r.err, r.err
    filas = _json(cli, "sexenal", "--specs", str(d))
    assert {f["id"]: f["fuente"] for f in filas} == {"1.1": "Anexo 3", "1.2": "Capítulo 6"}
    pi = _json(cli, "sexenal")[0]  # (the bundled PI: its indicators name no document)
    assert (
        pi["fuente"]
        == yaml.safe_load(
            (bundled_specs_dir() / "PI-ISSSTE-2020-2024.yaml").read_text(encoding="utf-8")
        )["fuente"]
    )


def test_la_fuente_de_la_dependencia_va_con_su_inmonitoreo(cli, tmp_path):
    d = _escribir(
        tmp_path,
        "tipo: dependencia\nclave: DEP\nsiglas: DEP\nramo: 51\nnombre: Dependencia\n"
        "fuente: Diagnóstico 2024\nmonitoreo:\n  2024:\n    inmonitoreo: 0.561\n",
        "DEP",
    )
    (fila,) = _json(cli, "monitoreo", "--specs", str(d))
    assert fila["fuente"] == "Diagnóstico 2024"


def test_el_ised_dice_de_donde_viene(cli, tmp_path):
    # an ISeD edition's fuente and nota were dropped, and `importar ised` wrote its source only
    # in a YAML comment: no output said where a value came from
    ised = SHARED / "data" / "shcp" / "ised_2019_2020.csv"
    if not ised.is_file():
        pytest.skip(f"SHCP data not available: {ised}")
    out = tmp_path / "imp"
    r = cli("importar", "ised", str(ised), "--anio", "2020", "--clave", "23-U057", "-o", str(out))
    assert r.code == 0, r.err
    (fila,) = _json(cli, "monitoreo", "--indice", "ised", "--specs", str(out))
    assert fila["fuente"] == "SHCP, datos abiertos: ISeD 2020 (ised_2019_2020.csv)"
    spec = out / "23" / "U057.yaml"
    texto = spec.read_text(encoding="utf-8").replace(
        "    fuente: 'SHCP", "    nota: cifra   preliminar\n    fuente: 'Mi copia de SHCP"
    )
    spec.write_text(texto, encoding="utf-8")
    (fila,) = _json(cli, "monitoreo", "--indice", "ised", "--specs", str(out))
    assert fila["fuente"].startswith("Mi copia de SHCP") and fila["nota"] == "cifra preliminar"
