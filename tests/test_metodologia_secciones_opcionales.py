"""A methodology file may leave out `inmonitoreo.cortes_posibles` and `calidad_indicadores`:
what they would have let the output say is then said to be unknown, in every format, never
left out in silence. The bundled methodology has both, and its output does not say it."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import REPO

import issste_mon as im

INCLUIDA = REPO / "issste_mon" / "data" / "metodologia.yaml"
SIN_CORTES = "no da inmonitoreo.cortes_posibles y sus cortes son «supuesto»: no se sabe si"
SIN_CALIDAD = "no tiene la sección calidad_indicadores"


@pytest.fixture
def sin_secciones(tmp_path):
    data = yaml.safe_load(INCLUIDA.read_text(encoding="utf-8"))
    del data["inmonitoreo"]["cortes_posibles"]
    del data["calidad_indicadores"]
    ruta = tmp_path / "metodologia.yaml"
    ruta.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ruta


def test_every_level_says_the_cuts_are_not_placed_by_the_data(specs, sin_secciones):
    filas = im.monitoreo(specs, metodologia=sin_secciones).filas
    niveles = [f for f in filas if f["nivel"]]
    assert len(niveles) == 11  # 9 programs, the subíndice and the InMonitoreo
    assert all(SIN_CORTES in f["nota"] for f in niveles)
    # the levels themselves are the same: only what is known about them is said
    incluida = {(f["ambito"], f["clave"]): f["nivel"] for f in im.monitoreo(specs).filas}
    assert {(f["ambito"], f["clave"]): f["nivel"] for f in filas} == incluida


def test_published_cuts_need_no_intervals(specs, sin_secciones):
    data = yaml.safe_load(sin_secciones.read_text(encoding="utf-8"))
    data["inmonitoreo"]["confianza"] = "publicado"
    sin_secciones.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    filas = im.monitoreo(specs, metodologia=sin_secciones).filas
    assert not any(SIN_CORTES in (f["nota"] or "") for f in filas)


def test_the_bundled_methodology_says_neither(specs):
    assert not any(SIN_CORTES in (f["nota"] or "") for f in im.monitoreo(specs).filas)
    assert im.calidad(specs).avisos == im.calidad(specs, distribucion=True).avisos == []


def test_quality_without_groupings_says_so(specs, sin_secciones):
    for distribucion in (False, True):
        t = im.calidad(specs, metodologia=sin_secciones, distribucion=distribucion)
        assert len(t.avisos) == 1 and SIN_CALIDAD in t.avisos[0]
        assert "Destacado o Adecuado" in t.avisos[0]
    categorias = [f["categoria"] for f in t.filas]
    assert "Destacado o Adecuado" not in categorias
    incluida = im.calidad(specs, distribucion=True).filas
    assert "Destacado o Adecuado" in [f["categoria"] for f in incluida]


@pytest.mark.parametrize("formato", ["tabla", "csv", "json", "markdown"])
def test_every_format_says_it(cli, sin_secciones, formato):
    r = cli("monitoreo", "--metodologia", str(sin_secciones), "-f", formato)
    assert r.code == 0, r.err
    texto = " ".join(r.out.split())  # (the table wraps its cells)
    if formato == "json":
        notas = [f["nota"] for f in json.loads(r.out) if f["nivel"]]
        assert len(notas) == 11 and all(SIN_CORTES in n for n in notas)
    elif formato == "tabla":
        assert "cortes_posibles" in texto
    else:
        assert texto.count(SIN_CORTES) == 11
    for extra in ([], ["--distribucion"]):
        r = cli("calidad", *extra, "--metodologia", str(sin_secciones), "-f", formato)
        assert r.code == 0, r.err
        assert f"aviso: la metodología ({sin_secciones}) {SIN_CALIDAD}" in r.err


def test_the_ficha_says_it_beside_the_level(cli, sin_secciones):
    r = cli("ficha", "E044", "--metodologia", str(sin_secciones), "-f", "markdown", "-o", "-")
    assert r.code == 0, r.err
    assert "Adecuado (0.975; no se sabe si el nivel depende de un corte supuesto)" in r.out
    r = cli("ficha", "E044", "-f", "markdown", "-o", "-")
    assert "no se sabe si el nivel depende" not in r.out and "Adecuado (0.975)" in r.out
