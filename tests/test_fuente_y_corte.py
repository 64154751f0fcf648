"""A cobertura says what its PA rests on: the PA's cut-off (SHCP's files give the PA of a year
at a month's cut, often of the year before or of its first months) and the document that
prints the populations. Expected cuts are read from SHCP's own file, row by row."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import SHARED

from issste_mon.vocab import MESES

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"


@pytest.fixture(scope="module")
def issste17(tmp_path_factory):
    """Ramo 51 of SHCP's 2017 file, imported through the real entry point."""
    from issste_mon.cli import run

    out = tmp_path_factory.mktemp("c17") / "specs"
    if not POB17.is_file():
        pytest.skip(f"SHCP data not available: {POB17}")
    assert (
        run(["-q", "importar", "poblaciones", str(POB17), "--ramo", "51", "--salida", str(out)])
        == 0
    )
    return out


def _cortes_del_archivo(clave: str) -> set[tuple[int, int]]:
    """(año, mes) of the PA cut of each row of `clave` in ramo 51, as SHCP's file writes them
    (numbers as «2016.0»)."""
    with POB17.open(encoding="utf-8-sig", newline="") as f:
        return {
            (
                int(float(r["Año_corte_poblacion_atendida"])),
                int(float(r["Mes_corte_poblacion_atendida"])),
            )
            for r in csv.DictReader(f)
            if float(r["Ramo"]) == 51 and r["Clave_Pp"].strip() == clave
        }


def _filas(cli, specs, clave: str) -> list[dict]:
    r = cli("cobertura", clave, "--specs", str(specs), "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_a_pa_cut_in_the_year_before_says_so(cli, issste17):
    """E018 2017: SHCP gives the PA of the 2016 Anuario (cut December 2016); its 90.16 %
    is a 2017 PO against a 2016 PA, and the row says it."""
    ((anio, mes),) = _cortes_del_archivo("E018")
    assert anio == 2016  # (what the test is about)
    (fila,) = _filas(cli, issste17, "E018")
    assert (fila["corte_anio"], fila["corte_mes"]) == (anio, mes)
    assert f"PA al corte de {MESES[mes - 1]} de {anio}: anterior al año 2017" in fila["nota"]
    assert fila["cobertura_pct"] is not None  # still computed: the nota qualifies it
    assert "Anuario Estadístico Institucional 2016" in fila["fuente"]


def _cortes_pp(clave: str) -> set[tuple[int, int]]:
    """(año, mes) of the PP cut of each row of `clave` in ramo 51, as SHCP's file writes them."""
    with POB17.open(encoding="utf-8-sig", newline="") as f:
        return {
            (
                int(float(r["Año_corte_poblacion_potencial"])),
                int(float(r["Mes_corte_poblacion_potencial"])),
            )
            for r in csv.DictReader(f)
            if float(r["Ramo"]) == 51 and r["Clave_Pp"].strip() == clave
        }


@pytest.mark.parametrize("clave", ["E015", "E042"])
def test_a_pp_cut_in_the_year_before_says_so_beside_po_pp(cli, issste17, clave):
    """PO/PP rests on the PP, and SHCP's PP is often the Anuario of the year before (cut
    December 2016 for 2017): `importar` records it (`corte_potencial`), and the row says it
    (it was read and dropped: PO/PP looked like a 2017 figure)."""
    ((anio, mes),) = _cortes_pp(clave)
    assert anio == 2016  # (what the test is about)
    (fila,) = _filas(cli, issste17, clave)
    assert fila["po_pp_pct"] is not None
    assert f"PP al corte de {MESES[mes - 1]} de {anio}: anterior al año 2017" in fila["nota"]


def test_a_pp_cut_says_nothing_where_po_pp_is_not_computed(cli, tmp_path):
    (tmp_path / "E001.yaml").write_text(
        "clave: E001\nramo: 51\nnombre: Prueba\npoblaciones:\n  2017:\n"
        "    unidad_medida: Personas\n    potencial: ND\n    objetivo: 10\n    atendida: 5\n"
        "    corte_potencial: {mes: 12, anio: 2016}\n",
        encoding="utf-8",
    )
    (fila,) = _filas(cli, tmp_path, "E001")
    assert "PP al corte" not in fila["nota"]


def test_a_pa_cut_before_the_years_end_says_it_is_partial(cli, issste17):
    cortes = _cortes_del_archivo("E045")
    filas = [f for f in _filas(cli, issste17, "E045") if f["componente"]]
    assert filas and {(f["corte_anio"], f["corte_mes"]) for f in filas} == cortes
    for f in filas:
        if f["atendida"] is None:  # (no PA for the cut to qualify)
            assert "PA al corte" not in (f["nota"] or ""), f
        elif f["corte_anio"] == 2017 and f["corte_mes"] < 12:
            esperado = (
                f"PA al corte de {MESES[f['corte_mes'] - 1]} de 2017: no cubre el año completo"
            )
            assert esperado in (f["nota"] or ""), f
        else:
            assert "PA al corte" not in (f["nota"] or ""), f
    assert any("no cubre el año completo" in (f["nota"] or "") for f in filas)


def test_a_year_end_cut_adds_no_nota(cli, issste17):
    """E036: PA cut December 2017 (read from the file): nothing to qualify."""
    assert _cortes_del_archivo("E036") == {(2017, 12)}
    for f in _filas(cli, issste17, "E036"):
        assert (f["corte_anio"], f["corte_mes"]) == (2017, 12)
        assert "PA al corte" not in (f["nota"] or "")


def _spec_componentes(tmp_path, corte_a: str, corte_b: str):
    (tmp_path / "X001.yaml").write_text(
        f"""clave: X001
ramo: 51
nombre: Prueba
poblaciones:
  2020:
    componentes:
      - nombre: Uno
        unidad_medida: Personas
        objetivo: 100
        atendida: 60
        corte: {corte_a}
        fuente: Documento A
      - nombre: Dos
        unidad_medida: Personas
        objetivo: 100
        atendida: 30
        corte: {corte_b}
        fuente: Documento B
""",
        encoding="utf-8",
    )
    return str(tmp_path)


def test_a_total_of_components_cut_at_different_times_says_so(cli, tmp_path):
    specs = _spec_componentes(tmp_path, "{mes: 5, anio: 2020}", "{mes: 12, anio: 2019}")
    r = cli("cobertura", "--specs", specs, "-f", "json")
    total = next(f for f in json.loads(r.out) if f["componente"] is None)
    assert total["cobertura_pct"] == 45
    assert (total["corte_anio"], total["corte_mes"]) == (None, None)
    assert (
        "PA de componentes con cortes distintos: Uno (mayo de 2020), Dos (diciembre de 2019)"
        in (total["nota"])
    )
    assert total["fuente"] == "Documento A; Documento B"
    uno, dos = (f for f in json.loads(r.out) if f["componente"])
    assert "PA al corte de mayo de 2020: no cubre el año completo" in uno["nota"]
    assert "PA al corte de diciembre de 2019: anterior al año 2020" in dos["nota"]


def test_a_total_of_components_with_one_cut_keeps_it(cli, tmp_path):
    specs = _spec_componentes(tmp_path, "{mes: 6, anio: 2020}", "{mes: 6, anio: 2020}")
    r = cli("cobertura", "--specs", specs, "-f", "json")
    total = next(f for f in json.loads(r.out) if f["componente"] is None)
    assert (total["corte_anio"], total["corte_mes"]) == (2020, 6)
    assert "PA al corte de junio de 2020: no cubre el año completo" in total["nota"]
    assert "cortes distintos" not in total["nota"]


def test_the_month_survives_the_cache(cli, tmp_path):
    specs = _spec_componentes(tmp_path, "{mes: 5, anio: 2020}", "2020")
    frio = cli("cobertura", "--specs", specs, "--sin-cache", "-f", "csv").out
    cli("cobertura", "--specs", specs, "-f", "csv")  # writes the entries
    assert cli("cobertura", "--specs", specs, "-f", "csv").out == frio
    assert ",2020,5,Documento A," in frio


def test_bundled_e045_names_its_source_for_machines_and_people(cli):
    (fila,) = json.loads(cli("cobertura", "E045", "-f", "json").out)
    assert fila["fuente"] == "CONEVAL, FMyE 2017-2018"
    assert (fila["corte_anio"], fila["corte_mes"]) == (None, None)
    tabla = cli("cobertura", "E045", "-f", "markdown").out
    assert "_Fuente: CONEVAL, FMyE 2017-2018_" in tabla


def test_the_ficha_headline_says_the_pa_cut(cli, issste17):
    ((anio, mes),) = _cortes_del_archivo("E018")
    r = cli("ficha", "E018", "--specs", str(issste17), "-f", "markdown")
    assert r.code == 0, r.err
    titular = next(x for x in r.out.splitlines() if x.startswith("**Cobertura PA/PO 2017"))
    assert titular.endswith(
        f" % (PA al corte de {MESES[mes - 1]} de {anio})**"
    ) or titular.endswith(f" % (PA al corte de {MESES[mes - 1]} de {anio})"), titular


def test_presupuesto_names_its_source(cli):
    """`fuente` of a budget year was accepted by the validator but never read into the record."""
    (fila, _) = json.loads(cli("presupuesto", "E045", "-f", "json").out)
    assert fila["fuente"] == "CONEVAL, FMyE 2017-2018"
    assert "_Fuente: CONEVAL, FMyE 2017-2018_" in cli("presupuesto", "E045", "-f", "markdown").out


@pytest.mark.parametrize(
    ("corte", "mes", "esperado"),
    [
        (2020, 12, None),
        (2020, None, None),  # a year alone: its end, as far as the spec says
        (2020, 11, "PA al corte de noviembre de 2020: no cubre el año completo"),
        (2020, 1, "PA al corte de enero de 2020: no cubre el año completo"),
        (2019, 12, "PA al corte de diciembre de 2019: anterior al año 2020"),
        (2019, None, "PA al corte de 2019: anterior al año 2020"),
        (2021, 3, "PA al corte de marzo de 2021: posterior al año 2020"),
    ],
)
def test_nota_de_corte_at_its_edges(corte, mes, esperado):
    from issste_mon.calc.cobertura import nota_de_corte

    assert nota_de_corte(2020, corte, mes, 100) == esperado
    assert nota_de_corte(2020, corte, mes, None) is None  # no PA to qualify


def test_cumplimiento_names_each_indicators_source(cli, tmp_path):
    """An indicator's own `fuente`, else its program's; the same in the streamed CSV and in
    the JSON built from the whole frame."""
    (tmp_path / "X003.yaml").write_text(
        """clave: X003
ramo: 51
nombre: Prueba
fuente: Documento del programa
mir:
  - {id: P1, nivel: Propósito, nombre: Uno, sentido: ascendente, fuente: Documento propio,
     metas: {2020: {meta: 10, valor: 9}, 2021: {meta: 10, valor: 11}}}
  - {id: C1, nivel: Componente, nombre: Dos, sentido: ascendente,
     metas: {2020: {meta: 4, valor: 4}}}
""",
        encoding="utf-8",
    )
    filas = json.loads(cli("cumplimiento", "--specs", str(tmp_path), "-f", "json").out)
    assert [(f["id"], f["anio"], f["fuente"]) for f in filas] == [
        ("P1", 2020, "Documento propio"),
        ("P1", 2021, "Documento propio"),
        ("C1", 2020, "Documento del programa"),
    ]
    texto = cli("cumplimiento", "--specs", str(tmp_path), "-f", "csv").out
    assert [r["fuente"] for r in csv.DictReader(texto.splitlines())] == [f["fuente"] for f in filas]


def test_the_cumplimiento_caption_names_the_documents(cli):
    texto = cli("cumplimiento", "E045", "-f", "markdown").out
    pie = texto.strip().splitlines()[-1]
    # the indicators' own document, not the program's list (which adds the Evaluación de diseño)
    assert pie.startswith("_Metodología: ") and pie.endswith(" · Fuente: CONEVAL, FMyE 2017-2018_")


def _spec_pp_po(tmp_path, corte_pp: tuple[str, str], corte_po: tuple[str, str]) -> str:
    """Two components with a PP and a PO, each with the cut-offs given (Uno's, Dos's)."""
    comps = "".join(
        f"""      - nombre: {nombre}
        unidad_medida: Personas
        potencial: 1000
        objetivo: 100
        corte_potencial: {pp}
        corte_objetivo: {po}
"""
        for nombre, pp, po in zip(("Uno", "Dos"), corte_pp, corte_po, strict=True)
    )
    (tmp_path / "X001.yaml").write_text(
        f"clave: X001\nramo: 51\nnombre: Prueba\npoblaciones:\n  2020:\n    componentes:\n{comps}",
        encoding="utf-8",
    )
    return str(tmp_path)


def test_a_total_of_pos_cut_at_different_times_says_so(cli, tmp_path):
    # SHCP 2020, 11-E064: a PO of April 2020 and one of December 2019 were summed into
    # 1,390,477 and the total said nothing of it (the PA's case did)
    mayo = "{mes: 5, anio: 2020}"
    dic = "{mes: 12, anio: 2019}"
    specs = _spec_pp_po(tmp_path, (mayo, mayo), (mayo, dic))
    r = cli("cobertura", "--specs", specs, "-f", "json")
    assert r.code == 0, r.err
    total = next(f for f in json.loads(r.out) if f["componente"] is None)
    assert total["objetivo"] == 200
    assert (
        "PO de componentes con cortes distintos: Uno (mayo de 2020), Dos (diciembre de 2019)"
        in total["nota"]
    )


def test_a_total_of_pps_says_its_cut_as_its_components_do(cli, tmp_path):
    # SHCP 2017, 12-E010: every component's PO/PP said «PP al corte de septiembre de 2017»,
    # the total's PO/PP (on the same PPs) did not; PPs cut apart (11-S243) are said mixed
    mayo = "{mes: 5, anio: 2020}"
    dic = "{mes: 12, anio: 2019}"
    r = cli("cobertura", "--specs", _spec_pp_po(tmp_path, (mayo, mayo), (mayo, mayo)), "-f", "json")
    total = next(f for f in json.loads(r.out) if f["componente"] is None)
    assert total["po_pp_pct"] == 10
    assert "PP al corte de mayo de 2020: no cubre el año completo" in total["nota"]
    assert "cortes distintos" not in total["nota"]
    r = cli("cobertura", "--specs", _spec_pp_po(tmp_path, (mayo, dic), (mayo, mayo)), "-f", "json")
    total = next(f for f in json.loads(r.out) if f["componente"] is None)
    assert (
        "PP de componentes con cortes distintos: Uno (mayo de 2020), Dos (diciembre de 2019)"
        in total["nota"]
    )
    assert "PP al corte" not in total["nota"]
