"""A `fuente` or `nota` written on a year of `monitoreo` or `presupuesto` reaches the rows of
that year. They were accepted and silently dropped: the bundled specs' monitoreo years name
their source (CONEVAL's Diagnóstico, Anexo 1), and `monitoreo` never showed it."""

from __future__ import annotations

import json

import yaml

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
