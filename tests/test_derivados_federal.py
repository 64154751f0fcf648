"""`sexenal`, `calidad` and `monitoreo --indice ised` over many programas derivados and
programs (`benchmarks/generate.py --completo`): an indicator id repeats in every derivado
(«2.3»), so a list of ids names each with its program's clave; the notes of thousands of
indicators name a few and count the rest; counts of a thousand or more read «1,273», as every
other figure does."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from issste_mon.calc import conteos
from issste_mon.consultas import derivado

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def carpeta(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("completo")
    generate.generate(carpeta, programas=40, indicadores=2, anios=2, seed=7, completo=True)
    return carpeta


def test_distribution_names_each_indicator_once_with_its_derivado(cli, carpeta):
    r = cli("-q", "calidad", "--distribucion", "--specs", str(carpeta), "-f", "csv")
    assert r.code == 0, r.err
    filas = {x["categoria"]: x for x in csv.DictReader(io.StringIO(r.out))}
    for x in filas.values():
        ids = x["indicadores"].split(", ") if x["indicadores"] else []
        assert len(ids) == int(x["n"])
        assert all(re.fullmatch(r"PD\d\d-\d\d \d\.\d", i) for i in ids), ids[:3]
    # every indicator in exactly one category (the groupings aside)
    simples = [x for x in filas.values() if x["agrupacion"] == "false"]
    todos = [i for x in simples for i in x["indicadores"].split(", ") if i]
    assert max(Counter(todos).values()) == 1
    assert len(todos) == int(simples[0]["total"])


def test_sexenal_notes_name_indicators_with_their_derivado_and_count_the_rest(cli, carpeta):
    r = cli("sexenal", "--specs", str(carpeta), "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    notas = [x for x in r.err.splitlines() if x.startswith("Nota (")]
    # (some note of over 20; the column named, as to a Python caller: -f csv has it)
    assert any(" más (columna «nota»)" in x for x in notas)
    for linea in notas:
        nombrados = linea[len("Nota (") : linea.index("): ")]
        lista, _, resto = nombrados.partition(" y ")
        assert len(lista.split(", ")) <= derivado._POR_NOTA
        assert all(re.fullmatch(r"PD\d\d-\d\d \d\.\d", i) for i in lista.split(", "))
        if resto:
            assert resto.endswith("más (columna «nota»)")
    # the named and counted add up to the rows whose nota says it
    nota = notas[0][notas[0].index("): ") + 3 : -1]
    linea = notas[0][len("Nota (") : notas[0].index("): ")]
    lista, _, resto = linea.partition(" y ")
    n = len(lista.split(", ")) + (int(resto.split()[0].replace(",", "")) if resto else 0)
    assert n == sum(nota in (x["nota"] or "") for x in rows)


def test_counts_of_a_thousand_or_more_carry_thousands_separators():
    assert conteos.formatear(1273, 4166) == "1,273 (31%)"
    assert conteos.formatear(5, 9) == "5 (56%)"
    # «2, 13%», as the Programa Institucional prints it: no comma inside the number
    assert conteos.formatear(1273, 4166, estilo="coma") == "1273, 31%"
    filas = [{"avance_sexenal_tabla": "Rezagado"}] * 1273 + [{}] * 2893
    texto = derivado._distribucion(filas, "avance_sexenal_tabla", ["Rezagado"])
    assert texto.startswith("Rezagado 1,273 (31%), ")


def test_a_title_names_ten_derivados_and_counts_the_rest(cli, carpeta):
    """With 300 programas derivados the title of `sexenal` and `calidad` listed every clave
    (~2,700 characters over the table, in every format)."""
    from types import SimpleNamespace

    muchos = [SimpleNamespace(clave=f"PD{i:03d}") for i in range(1, 301)]
    titulo = derivado._titulo("Calidad de los indicadores", muchos, hasta=2021)
    assert titulo == (
        "Calidad de los indicadores — PD001, PD002, PD003, PD004, PD005, PD006, PD007, PD008, "
        "PD009, PD010 y 290 más (cada fila nombra su programa), al corte 2021"
    )
    pocos = muchos[: derivado._EN_TITULO]
    assert derivado._titulo("T", pocos).endswith("PD009, PD010")
    # and through the command: the title names ten of the set's derivados, counts the rest
    r = cli("calidad", "--specs", str(carpeta), "-f", "csv")
    claves = list(dict.fromkeys(x["clave"] for x in csv.DictReader(io.StringIO(r.out))))
    assert len(claves) > derivado._EN_TITULO
    r = cli("calidad", "--specs", str(carpeta), "-f", "markdown")
    assert r.code == 0, r.err
    titulo = r.out.splitlines()[0]
    nombradas = re.findall(r"PD\d\d-\d\d", titulo)
    assert len(nombradas) == derivado._EN_TITULO and set(nombradas) <= set(claves)
    assert f" y {len(claves) - derivado._EN_TITULO} más (cada fila nombra su programa)" in titulo
