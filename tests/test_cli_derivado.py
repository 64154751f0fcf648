"""CLI of `sexenal`, `calidad` and `resumen`: every format, the seed numbers in the output,
error behaviour, and that the CLI adds no logic to the library layer."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import spec_derivado_al_corte
from publicado import AVANCE_SEXENAL_COLUMNAS

from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.consultas import derivado as consultas_derivado
from issste_mon.consultas import resumen as consultas_resumen
from issste_mon.salida.celdas import machine_rows

FORMATS = ["tabla", "csv", "tsv", "json", "jsonl", "markdown"]
COMMANDS = [
    ["sexenal"],
    ["sexenal", "--tabla", "enfoque"],
    ["sexenal", "--filas", "calidad", "--columnas", "meta_intermedia"],
    ["calidad"],
    ["calidad", "--distribucion"],
    ["resumen"],
    ["resumen", "--enunciados"],
]

DERIVADO_CRUDO = """\
tipo: programa_derivado
clave: PD-PRUEBA
nombre: Programa derivado de prueba
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Resultados
    indicadores:
      - id: "1.1"
        nombre: Indicador ascendente adelantado
        sentido: ascendente
        enfoque: Resultados
        linea_base: {anio: 2018, valor: 0}
        meta_sexenal: 100
        valores: {2021: 60}
      - id: "1.2"
        nombre: Indicador descendente que empeoró
        sentido: descendente
        enfoque: Gestión
        linea_base: {anio: 2018, valor: 50}
        meta_sexenal: 20
        metas: {2021: 40}
        valores: {2021: 55}
        publicado: {avance_sexenal: Adecuado}
      - id: "1.3"
        nombre: Indicador sin valores
        sentido: ascendente
        enfoque: Gestión
        publicado: {avance_sexenal: Superado, meta_intermedia: Alcanzada}
"""


def metodologia_cambiada(tmp_path, antes: str, despues: str):
    """The bundled methodology file with one rule rewritten, as a new file."""
    from issste_mon.metodologia import default_path

    text = open(default_path(), encoding="utf-8").read()
    assert antes in text
    met = tmp_path / "met.yaml"
    met.write_text(text.replace(antes, despues), encoding="utf-8")
    return met


def _json(result):
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_in_every_format(cli, args, fmt):
    r = cli(*args, "-f", fmt)
    assert r.code == 0, r.err
    assert r.out.strip()
    if fmt == "json":
        assert isinstance(json.loads(r.out), list)
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in r.out.splitlines())
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(r.out), delimiter="," if fmt == "csv" else "\t"))
        assert len({len(row) for row in rows}) == 1


def test_json_is_the_library_result(cli, specs, metodologia):
    """The CLI adds no logic: its JSON is the report's machine rows."""
    cases = [
        (["sexenal"], consultas_derivado.sexenal_indicadores(specs, metodologia)),
        (["sexenal", "-t", "enfoque"], consultas_derivado.sexenal_cruce(specs, metodologia)),
        (["calidad"], consultas_derivado.calidad(specs, metodologia)),
        (["resumen", "-e"], consultas_resumen.enunciados(specs, metodologia)),
    ]
    for args, tabla in cases:
        assert _json(cli(*args, "-f", "json")) == json.loads(json.dumps(machine_rows(tabla)))


def test_sexenal_per_indicator(cli):
    rows = _json(cli("sexenal", "-f", "json"))
    assert len(rows) == 15
    by_id = {r["id"]: r for r in rows}
    assert by_id["1.3"]["avance_sexenal"] == "Avanzado"
    assert by_id["1.3"]["avance_sexenal_origen"] == "publicado"
    assert by_id["3.2"]["avance_sexenal"] == "Sentido constante"
    assert by_id["3.2"]["avance_sexenal_tabla"] == "NR"
    # 2.3: seed 003 prints meta 29,338 and value 13,592 for 2022 → 46 %, No alcanzada.
    assert by_id["2.3"]["meta_intermedia_origen"] == "calculado"
    assert by_id["2.3"]["meta_intermedia_cumplimiento_pct"] == pytest.approx(13592 / 29338 * 100)
    assert by_id["2.3"]["meta_intermedia"] == "No alcanzada"
    assert all(r["metodologia"].startswith("issste-mon") for r in rows)


def test_sexenal_table_as_seed_004_prints_it(cli):
    r = cli("sexenal", "--tabla", "enfoque", "-f", "markdown")
    assert r.code == 0, r.err
    lines = {line.split("|")[1].strip(): line for line in r.out.splitlines() if "|" in line}
    cells = {k: [c.strip() for c in v.split("|")[2:-1]] for k, v in lines.items()}
    assert cells["Enfoque"] == [*AVANCE_SEXENAL_COLUMNAS, "Total general"]
    assert cells["Resultados"] == ["0", "1", "0", "0", "0", "1", "0", "2, 13%"]
    assert cells["Coordinación"] == ["0", "1", "0", "0", "0", "0", "0", "1, 7%"]
    assert cells["Gestión"] == ["5", "0", "1", "0", "1", "2", "3", "12, 80%"]
    assert cells["Total general"] == [
        "5, 33%",
        "2, 13%",
        "1, 7%",
        "0, 0%",
        "1, 7%",
        "3, 20%",
        "3, 20%",
        "15",
    ]


def test_sexenal_table_machine_values_are_raw(cli):
    rows = {r["enfoque"]: r for r in _json(cli("sexenal", "-t", "enfoque", "-f", "json"))}
    assert rows["Gestión"]["nr"] == 3 and rows["Gestión"]["total"] == 12
    assert rows["Gestión"]["total_pct"] == pytest.approx(80.0)
    assert rows["Total general"]["superado"] == 5
    assert rows["Total general"]["superado_pct"] == pytest.approx(100 / 3)
    assert rows["Resultados"]["superado_pct"] is None
    assert rows["Total general"]["muy_rezagado"] == 3


def test_generic_cross_table(cli):
    rows = _json(cli("sexenal", "--filas", "tipo", "--columnas", "calidad", "-f", "json"))
    total = {r["tipo"]: r for r in rows}["Total general"]
    assert (total["destacado"], total["adecuado"], total["oportunidad_de_mejora"]) == (2, 1, 8)
    # accents and spaces in the attribute name are accepted
    assert cli("sexenal", "--filas", "Meta intermedia", "-f", "csv").code == 0


def test_cross_table_errors(cli):
    r = cli("sexenal", "--filas", "color")
    assert r.code == 2
    assert 'atributo desconocido "color"' in r.err and "Traceback" not in r.err
    assert r.err.startswith("error: --filas: ")
    r = cli("sexenal", "--tabla", "color")  # named as typed, not as the query calls it
    assert r.code == 2 and r.err.startswith('error: --tabla: atributo desconocido "color"')
    assert cli("sexenal", "--tabla", "Meta intermedia", "-f", "csv").code == 0
    r = cli("sexenal", "--tabla", "enfoque", "--filas", "tipo")
    assert r.code == 2 and "--tabla o --filas" in r.err


def test_derivado_clave(cli):
    assert len(_json(cli("sexenal", "pi-issste", "-f", "json"))) == 15
    r = cli("sexenal", "PI-IMSS")
    assert r.code == 1
    assert 'no hay ningún programa derivado con clave "PI-IMSS"' in r.err
    assert "PI-ISSSTE-2020-2024" in r.err


def test_no_derivado_loaded(cli, specs):
    e045 = next(p.archivo for p in specs.programas if p.clave == "E045")
    r = cli("calidad", "--specs", e045)
    assert r.code == 1 and "no hay programas derivados" in r.err


def test_computed_categories_from_raw_values(cli, tmp_path):
    spec = tmp_path / "PD-PRUEBA.yaml"
    spec.write_text(DERIVADO_CRUDO, encoding="utf-8")
    rows = {r["id"]: r for r in _json(cli("sexenal", "--specs", str(spec), "-f", "json"))}
    assert rows["1.1"]["avance_pct"] == pytest.approx(60.0)
    assert rows["1.1"]["avance_esperado_pct"] == pytest.approx(50.0)
    assert rows["1.1"]["avance_sexenal"] == "Avanzado"
    assert rows["1.1"]["avance_sexenal_origen"] == "calculado"
    assert rows["1.2"]["avance_sexenal"] == "Muy rezagado"
    assert rows["1.2"]["meta_intermedia"] == "Retroceso"
    assert "avance sexenal publicado: Adecuado" in rows["1.2"]["nota"]
    assert rows["1.3"]["avance_sexenal_origen"] == "publicado"
    r = cli("sexenal", "--specs", str(spec), "-f", "tabla")
    assert "calculado" in r.out and "publicado" in r.out
    # (the two calculated rest on the bundled cuts, which CONEVAL does not print)
    assert (
        "Categorías de avance calculadas: 2 (con las reglas de `avance_sexenal`, supuesto de la "
        "metodología); tomadas de lo publicado: 1."
    ) in " ".join(r.out.split())


def test_methodology_file_drives_the_bands(cli, tmp_path):
    met = metodologia_cambiada(
        tmp_path, "{categoria: Avanzado, razon_min: 1.10}", "{categoria: Avanzado, razon_min: 1.30}"
    )
    spec = tmp_path / "PD-PRUEBA.yaml"
    spec.write_text(DERIVADO_CRUDO, encoding="utf-8")
    rows = _json(cli("sexenal", "--specs", str(spec), "--metodologia", str(met), "-f", "json"))
    assert rows[0]["avance_sexenal"] == "Adecuado"  # r = 1.2 < 1.30


def test_calidad(cli):
    rows = _json(cli("calidad", "-f", "json"))
    assert len(rows) == 15
    r41 = {r["id"]: r for r in rows}["4.1"]
    assert (r41["claridad"], r41["pertinencia_tematica"]) == (True, False)
    assert {r["id"]: r for r in rows}["1.1"]["claridad"] is None  # not recorded, not "no"
    r = cli("calidad", "-f", "tabla")
    assert "Destacado o Adecuado 3 (20%)" in r.out
    assert "Oportunidad de mejora 8 (53%)" in r.out


def test_calidad_distribution(cli):
    dist = {d["categoria"]: d for d in _json(cli("calidad", "-d", "-f", "json"))}
    assert (dist["Destacado o Adecuado"]["n"], dist["Destacado o Adecuado"]["conteo"]) == (
        3,
        "3 (20%)",
    )
    assert dist["Oportunidad de mejora"]["conteo"] == "8 (53%)"
    assert dist["Oportunidad de mejora"]["pct"] == pytest.approx(8 / 15 * 100)
    assert dist["Destacado"]["conteo"] == "2 (13%)"
    assert sum(d["n"] for d in dist.values() if not d["agrupacion"]) == 15


def test_resumen_attributes(cli):
    rows = _json(cli("resumen", "-f", "json"))
    by = {(r["atributo"], r["valor"]): r for r in rows}
    assert by[("proposito_derecho_social", "directo")]["conteo"] == "5 (56%)"
    assert by[("indicador_cobertura", "si")]["programas"] == "E046, E049"
    assert by[("indicador_cobertura", "no")]["conteo"] == "7 (78%)"
    assert by[("logica_vertical", "ajustes_mayores")]["publicado"] == "7 (78%) · la mayoría"
    assert all(r["total"] == 9 for r in rows)


def test_resumen_statements(cli):
    rows = [json.loads(line) for line in cli("resumen", "-e", "-f", "jsonl").out.splitlines()]
    by = {r["id"]: r for r in rows}
    # counted over attributes taken from this very statement: not «sí»
    assert by["proposito_derecho_directo"]["coincide"] == "por construcción"
    assert by["calidad_indicadores_maxima"]["coincide"] == "sí"
    assert by["indicadores_oportunidad_mejora"]["calculado"] == "8 (53%)"
    assert by["objetivos_vinculados"]["calculado"] == "4 (80%)"
    # seed 003 prints 5/9 as "cinco (55%)": reported, not hidden
    assert by["indicador_problema_publico"]["coincide"] == "no"
    assert "trunca" in by["indicador_problema_publico"]["nota"]
    # the other three statements that do not hold are contradictions of the documents
    no = {r["id"]: r["veredicto"] for r in rows if r["coincide"] == "no"}
    assert no == {
        "indicador_problema_publico": "difiere, explicada",
        "calidad_indicadores_mas_baja": "contradicción en la fuente",
        "indicadores_om_o_moderados": "contradicción en la fuente",
    }
    # counts printed without a percentage are compared too
    assert by["objetivos_vinculados_n_de_N"]["calculado"] == "4 de 5"
    assert by["proposito_bien_planteado"]["coincide"] == "por construcción"
    # counts at the end-of-2022 cut are not compared with the 2021 categories
    # and «4 … sin información» is not derivable from them (Insuficiente is in no group)
    sin = [r["id"] for r in rows if r["coincide"] == "no verificable"]
    assert sin == [
        "cierre_2022_superaron",
        "cierre_2022_buen_avance",
        "cierre_2022_muy_lejos",
        "cierre_2022_sin_informacion",
    ]
    assert all(by[i]["calculado"] is None for i in sin[:3])


def test_resumen_unknown_year(cli):
    r = cli("resumen", "--year", "1999")
    assert r.code == 1
    assert "no hay diagnósticos por programa para el año 1999" in r.err
    assert "2024" in r.err


@pytest.mark.parametrize("command", ["sexenal", "calidad", "resumen"])
def test_help_and_readme(cli, command):
    r = cli(command, "--help")
    assert r.code == 0 and "Ejemplo" in r.out
    from conftest import REPO

    assert f"$ issste-mon {command}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_resumen_warns_about_listed_programs_without_diagnostico(cli, specs, tmp_path):
    import shutil

    for p in specs.programas:
        if p.clave != "E015":
            shutil.copy(p.archivo, tmp_path)
    for d in specs.dependencias:
        shutil.copy(d.archivo, tmp_path)
    r = cli("resumen", "--specs", str(tmp_path), "-f", "json")
    assert r.code == 0
    assert "E015: sin diagnóstico 2024" in r.err
    rows = json.loads(r.out)
    directo = {(x["atributo"], x["valor"]): x for x in rows}[
        ("proposito_derecho_social", "directo")
    ]
    assert (directo["n"], directo["total"]) == (5, 9)  # E015 stays in the universe of nine


def test_programas_sociales_must_be_a_list(cli, tmp_path):
    spec = tmp_path / "ISSSTE.yaml"
    spec.write_text(
        "tipo: dependencia\nclave: ISSSTE\nsiglas: ISSSTE\nramo: 51\nnombre: ISSSTE\n"
        "programas_sociales:\n  2024: E015\n",
        encoding="utf-8",
    )
    r = cli("resumen", "--specs", str(spec))
    assert r.code == 2
    assert f"{spec}:7:" in r.err and "programas_sociales.2024" in r.err


@pytest.mark.parametrize("command", ["sexenal", "calidad", "resumen"])
def test_help_does_not_import_pandas(command):
    import subprocess
    import sys

    code = (
        "import sys; from issste_mon.cli import run; "
        f"run(['{command}', '--help']); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_bad_methodology_rule_is_invalid_input(cli, tmp_path):
    met = metodologia_cambiada(
        tmp_path, "{categoria: Adecuado, razon_min: 0.90}", "{categoria: Adecuado, ritmo_min: 1}"
    )
    r = cli("sexenal", "--metodologia", str(met))
    assert r.code == 2
    assert r.err.endswith(
        "met.yaml:62:29: avance_sexenal.categorias[2].ritmo_min: condición desconocida (se "
        "esperaba avance_min, avance_mayor_a, razon_min o razon_mayor_a)\n"
    )
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


DERIVADO_CASOS = """\
tipo: programa_derivado
clave: PD-CASOS
nombre: Programa derivado de casos límite
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Gestión
    indicadores:
      - id: "1.1"
        nombre: Línea base del año de la meta sexenal
        sentido: ascendente
        linea_base: {anio: 2024, valor: 10}
        meta_sexenal: 20
        valores: {2024: 11}
      - id: "1.2"
        nombre: Valor anterior a la línea base
        sentido: ascendente
        linea_base: {anio: 2019, valor: 10}
        meta_sexenal: 20
        valores: {2018: 12}
      - id: "1.3"
        nombre: Valores negativos
        sentido: ascendente
        linea_base: {anio: 2018, valor: -10}
        meta_sexenal: -5
        metas: {2021: -8}
        valores: {2021: -8.8}
      - id: "1.4"
        nombre: Valor del año de la línea base
        sentido: ascendente
        linea_base: {anio: 2019, valor: 10}
        meta_sexenal: 20
        valores: {2019: 11}
"""


def test_sexenal_edge_cases_give_their_true_reason(cli, tmp_path):
    spec = tmp_path / "PD-CASOS.yaml"
    spec.write_text(DERIVADO_CASOS, encoding="utf-8")
    rows = {r["id"]: r for r in _json(cli("sexenal", "--specs", str(spec), "-f", "json"))}
    assert all("falta el año de la línea base" not in (r["nota"] or "") for r in rows.values())
    assert "mismo año que la meta sexenal (2024)" in rows["1.1"]["nota"]
    assert "el valor (2018) es anterior al año de la línea base (2019)" in rows["1.2"]["nota"]
    assert rows["1.3"]["meta_intermedia"] == "No alcanzada"
    assert rows["1.3"]["meta_intermedia_cumplimiento_pct"] is None
    assert (rows["1.4"]["avance_sexenal"], rows["1.4"]["avance_esperado_pct"]) == ("NR", 0)
    assert "r = A/E no está definido para E = 0" in rows["1.4"]["nota"]
    out = cli("sexenal", "--specs", str(spec), "-f", "markdown").out
    assert "Nota (1.2): avance sexenal no calculable: el valor (2018) es anterior" in out


@pytest.mark.parametrize("anio,cual", [(2020, "posterior"), (2022, "anterior")])
def test_table_at_another_cut_says_its_categories_are_of_2021(cli, anio, cual):
    """`--anio N --tabla enfoque` showed the 2021 categories titled «al corte N», with no note
    (at 2022, Superado 5 where seed 003's cierre 2022 says «tres ya superaron»)."""
    r = cli("sexenal", "--anio", str(anio), "--tabla", "enfoque", "-f", "markdown")
    assert r.code == 0, r.err
    titulo = r.out.splitlines()[0]
    assert titulo.endswith("PI-ISSSTE-2020-2024, categorías del corte 2021")
    assert f"al corte {anio}" not in titulo
    nota = (
        f"Se pidió el corte {anio}, pero las 15 categorías de avance sexenal son de otro corte: "
        f"15 publicadas, del corte 2021 ({cual}). No se calcularon al corte {anio}"
    )
    assert nota in r.out
    # machine formats carry it on stderr, like every summary line
    assert nota in cli("sexenal", "--anio", str(anio), "-t", "enfoque", "-f", "json").err
    # the indicator list says it too, with the per-indicator notes
    lista = cli("sexenal", "--anio", str(anio), "-f", "markdown").out
    assert nota in lista and f"al corte {anio}" not in lista.splitlines()[0]


def test_table_title_names_the_cut_of_its_categories(cli, tmp_path):
    r = cli("sexenal", "--tabla", "enfoque", "-f", "markdown")
    assert r.out.splitlines()[0].endswith(", categorías del corte 2021")
    assert "Se pidió el corte" not in r.out
    r = cli("sexenal", "--anio", "2021", "--tabla", "enfoque", "-f", "markdown")
    assert r.out.splitlines()[0].endswith(", al corte 2021") and "Se pidió" not in r.out
    # computed categories: of the year of the last value up to the cut asked for
    spec = tmp_path / "PD-PRUEBA.yaml"
    spec.write_text(DERIVADO_CRUDO, encoding="utf-8")
    r = cli("sexenal", "--specs", str(spec), "--anio", "2022", "-t", "enfoque", "-f", "markdown")
    assert r.out.splitlines()[0].endswith(", categorías del corte 2021")
    assert (
        "Se pidió el corte 2022, pero 2 de las 3 categorías de avance sexenal son de otro "
        "corte: 2 calculadas con el último valor hasta 2022, que es de 2021." in r.out
    )
    # a cross-table without categories keeps the cut asked for
    r = cli(
        "sexenal", "--anio", "2022", "--filas", "tipo", "--columnas", "calidad", "-f", "markdown"
    )
    assert r.out.splitlines()[0].endswith(", al corte 2022")


def test_resumen_statements_footer_counts_only_independent_matches(cli):
    r = cli("resumen", "-e", "-f", "tsv")
    rows = list(csv.DictReader(io.StringIO(r.out), delimiter="\t"))
    celdas = [x["coincide"] for x in rows]
    n_si, n_pc = celdas.count("sí"), celdas.count("por construcción")
    assert n_pc > 0 and n_si > 0
    assert (
        f"{n_si} de {len(rows)} enunciados coinciden con lo publicado; {n_pc} por construcción;"
        in r.err
    )
    # the rest is named too: the counts add up to the rows the table shows
    veredictos = [x["veredicto"] for x in rows if x["coincide"] == "no"]
    n_no, n_nv = len(veredictos), celdas.count("no verificable")
    assert n_no and n_nv and n_si + n_pc + n_no + n_nv == len(rows)
    detalle = "; ".join(f"{v}: {veredictos.count(v)}" for v in dict.fromkeys(veredictos))
    assert f"; {n_no} no coinciden ({detalle}); {n_nv} no verificables (" in r.err
    por_veredicto = {x["veredicto"]: x["coincide"] for x in rows}
    assert por_veredicto["coincide por construcción"] == "por construcción"
    assert por_veredicto["coincide"] == "sí"


@pytest.mark.parametrize("fmt", ["tabla", "markdown"])
def test_resumen_shows_people_each_category_as_printed(cli, fmt):
    """«ajustes mínimos», «sí», «máxima» for people (the vocabulary's printed form); the codes
    the specs write stay in machine output."""
    from issste_mon.vocab import ATRIBUTOS_DIAGNOSTICO

    maquina = list(csv.DictReader(io.StringIO(cli("resumen", "-f", "tsv").out), delimiter="\t"))
    personas = cli("resumen", "-f", fmt).out
    codigos = {x["valor"] for x in maquina}
    assert {"ajustes_minimos", "si", "maxima"} <= codigos
    for x in maquina:
        impresa = ATRIBUTOS_DIAGNOSTICO[x["atributo"]].impresa(x["valor"])
        fila = next(f for f in personas.splitlines() if x["programas"] in f and x["atributo"] in f)
        assert f" {impresa} " in fila
        if impresa != x["valor"]:
            assert f" {x['valor']} " not in fila
    assert {"ajustes mínimos", "sí", "máxima", "menos de la mitad"} <= {
        ATRIBUTOS_DIAGNOSTICO[x["atributo"]].impresa(x["valor"]) for x in maquina
    }


def test_resumen_warns_about_contradicting_statements(cli):
    r = cli("resumen", "-f", "tsv")
    assert "calidad_indicadores_mir = ajustes significativos: contradicción en la fuente" in r.err
    assert "(CONEVAL, Diagnóstico de Monitoreo 2024)" in r.err
    assert "(CONEVAL, Desempeño 2024)" in r.err


def test_a_meta_intermedia_calculated_with_supuesto_cuts_says_so(cli):
    """2.3's meta intermedia (13,592 of 29,338: 46.33 %) is calculated with the bundled cuts,
    which CONEVAL does not print: the summary counted nothing of it."""
    r = cli("sexenal", "-f", "csv")
    assert (
        "Categorías de meta intermedia calculadas: 1 (con las reglas de `meta_intermedia`, "
        "supuesto de la metodología); tomadas de lo publicado: 14."
    ) in r.err


# --- what each published category rests on: `verificar`'s verdict, in `sexenal` -----------

RESUMEN_AVANCE = (
    "Categorías de avance publicadas, según «verificar»: 1 coincide, 2 coinciden "
    "por construcción y 12 no verificables."
)
SIN_INSUMOS = "no calculable: faltan línea base, meta sexenal y valor 2021 en la spec (corte 2021)"


def test_sexenal_says_each_published_category_cannot_be_checked_and_why(cli):
    """The bundled Programa Institucional prints no línea base, meta sexenal or 2021 value:
    every category but «Sentido constante» is the published one and cannot be checked. The
    rows and the summary said «tomadas de lo publicado: 15» and nothing of that."""
    rows = {r["id"]: r for r in _json(cli("sexenal", "-f", "json"))}
    for i in ("1.1", "1.2", "1.3", "2.2", "4.2", "5.1", "5.2", "5.3"):
        assert rows[i]["avance_sexenal_verificacion"] == "no verificable", i
        assert rows[i]["avance_sexenal_verificacion_motivo"] == SIN_INSUMOS, i
    assert rows["2.3"]["avance_sexenal_verificacion_motivo"] == (
        SIN_INSUMOS + "; la spec trae valores de 2022"
    )
    assert rows["3.1"]["avance_sexenal_verificacion_motivo"] == (
        "no calculable: faltan línea base y meta sexenal en la spec (corte 2021)"
    )
    # «Sentido constante» follows from the sentido: printed for 4.3, read from that very
    # category for 3.2, and for 3.3 printed in a triplet that is its own only under the spec's
    # reading of the extracted row (`inferido: [sentido]`)
    assert [rows[i]["avance_sexenal_verificacion"] for i in ("3.2", "3.3", "4.3")] == [
        "coincide por construcción",
        "coincide por construcción",
        "coincide",
    ]
    assert rows["1.1"]["meta_intermedia_verificacion_motivo"] == (
        "no calculable: faltan meta 2021 y valor 2021 en la spec (corte 2021)"
    )
    # the table has no row notes: its summary says it
    r = cli("sexenal", "--tabla", "enfoque", "-f", "csv")
    assert r.code == 0, r.err
    assert RESUMEN_AVANCE in r.err
    assert (
        f"No verificable (1.1, 1.2, 1.3, 2.2, 4.2, 5.1, 5.2, 5.3): {SIN_INSUMOS}."
        in r.err.splitlines()
    )
    assert "Coincide (4.3): la categoría sigue del sentido del indicador, sin valores." in (
        r.err.splitlines()
    )


def test_sexenal_verdicts_in_every_format(cli, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    libro = tmp_path / "s.xlsx"
    assert cli("sexenal", "-o", str(libro)).code == 0
    hoja = load_workbook(libro).worksheets[0]
    cabeza = next(
        list(f)
        for f in hoja.iter_rows(values_only=True)
        if "Verificación del avance publicado" in f
    )
    fila = next(f for f in hoja.iter_rows(values_only=True) if f[cabeza.index("Id")] == "1.1")
    assert fila[cabeza.index("Verificación del avance publicado")] == "no verificable"
    md = cli("sexenal", "-f", "markdown").out
    assert "Verificación del avance publicado" in md and RESUMEN_AVANCE in md
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("sexenal", "-f", "tabla")
    texto = " ".join((r.out + r.err).split())
    assert max(map(len, r.out.splitlines())) <= 80
    assert RESUMEN_AVANCE in texto
    # too wide for 80 columns: named among the omitted ones
    assert "Verificación del avance publicado (avance_sexenal_verificacion)" in texto


PD_VERIFICA = spec_derivado_al_corte(
    "PD-VERIFICA",
    """\
      - id: "1.1"
        nombre: Coincide con los cortes supuestos
        sentido: ascendente
        enfoque: Gestión
        linea_base: {anio: 2018, valor: 0}
        meta_sexenal: 100
        valores: {2021: 60, 2022: 100}
        publicado: {avance_sexenal: Avanzado}
      - id: "1.2"
        nombre: Difiere de los cortes supuestos
        sentido: descendente
        enfoque: Gestión
        linea_base: {anio: 2018, valor: 80}
        meta_sexenal: 20
        valores: {2021: 50}
        publicado: {avance_sexenal: Superado}
""",
)


def test_sexenal_a_computed_category_agrees_only_as_verificar_says(cli, tmp_path):
    """Computable at the 2021 cut (LB 0 of 2018, goal 100, 2021 = 60: A 60 over E 50, r 1.2,
    Avanzado; 1.2 descendente, 80 → 50 of a goal 20: A 50, r 1.0, Adecuado): on the
    methodology's supposed cuts a match is «por construcción» and a difference «no
    verificable», as in `verificar`; the row is computed with 2022 but the verdict is at
    the published cut."""
    (tmp_path / "PD-VERIFICA.yaml").write_text(PD_VERIFICA, encoding="utf-8")
    rows = {r["id"]: r for r in _json(cli("sexenal", "--specs", str(tmp_path), "-f", "json"))}
    uno, dos = rows["1.1"], rows["1.2"]
    assert (uno["avance_sexenal"], uno["avance_sexenal_corte"]) == ("Superado", 2022)
    assert uno["avance_sexenal_verificacion"] == "coincide por construcción"
    assert (
        "regla «avance_sexenal» de la metodología, confianza supuesto"
        in (uno["avance_sexenal_verificacion_motivo"])
    )
    assert (dos["avance_sexenal"], dos["avance_sexenal_verificacion"]) == (
        "Adecuado",
        "no verificable",
    )
    assert (
        "la diferencia no prueba un error del documento"
        in (dos["avance_sexenal_verificacion_motivo"])
    )
    # no published meta intermedia: no verdict, not an empty «coincide»
    assert uno["meta_intermedia_verificacion"] is None
    assert uno["meta_intermedia_verificacion_motivo"] is None


def test_calidad_says_which_categories_the_document_prints_and_which_were_inferred(cli):
    """seed 004 prints the calidad of 12 of the 15 indicators; 1.2, 2.2 and 3.2 were lost in
    the PDF's extraction and deduced from the published totals (`inferido: [calidad]`), and
    the second triplet of objectives 2 and 3 is 2.3's and 3.3's only under the spec's reading
    of the extracted row (as their sentido). `calidad` called all 15 «la publicada», then 2.3
    and 3.3 «publicada»."""
    rows = {r["id"]: r for r in _json(cli("calidad", "-f", "json"))}
    assert {i for i, r in rows.items() if r["calidad_origen"] == "inferida"} == {
        "1.2",
        "2.2",
        "2.3",
        "3.2",
        "3.3",
    }
    assert sum(r["calidad_origen"] == "publicada" for r in rows.values()) == 10
    assert rows["1.2"]["calidad"] == "Destacado"  # (the inferred one the Destacado count rests on)
    assert (rows["2.3"]["calidad"], rows["3.3"]["calidad"]) == ("Oportunidad de mejora", "Moderado")
    linea = (
        "Categoría publicada por indicador: 10 de 15 indicadores; inferida, no impresa por "
        "indicador (la spec la marca «inferido»): 1.2, 2.2, 2.3, 3.2, 3.3 — un conteo que las "
        "incluye solo coincide con lo publicado por construcción."
    )
    assert linea in cli("calidad", "-f", "csv").err.splitlines()
    assert linea in cli("calidad", "--distribucion", "-f", "markdown").out


def test_sexenal_verdicts_of_two_programs_name_each_indicator_with_its_clave(cli, tmp_path):
    """With the Programa Institucional and a second programa derivado, an id is named with its
    clave, and a kind of category published for only some indicators says of how many."""
    (tmp_path / "PD-VERIFICA.yaml").write_text(PD_VERIFICA, encoding="utf-8")
    r = cli("sexenal", "--specs", str(tmp_path), "--specs", str(bundled_specs_dir()), "-f", "csv")
    assert r.code == 0, r.err
    lineas = r.err.splitlines()
    assert (
        "Categorías de meta intermedia publicadas (15 de 17 indicadores), según «verificar»: "
        "15 no verificables." in lineas
    )
    for ident in ("PD-VERIFICA 1.1", "PI-ISSSTE-2020-2024 3.2"):
        assert any(x.startswith(f"Coincide por construcción ({ident}): ") for x in lineas), ident


_CONSTANTE_CON_VALORES = """\
      - id: "1.1"
        nombre: Constante con valores
        sentido: constante
        linea_base: {anio: 2019, valor: 80}
        meta_sexenal: 100
        metas: {2021: 90}
        valores: {2021: 95}
"""


def test_a_constant_indicator_shows_no_a_in_any_format(cli, tmp_path):
    """A = 75 % beside «Sentido constante» read as a progress assessed: empty in every format,
    the nota saying why."""
    from conftest import spec_derivado
    from openpyxl import load_workbook

    (tmp_path / "PD-X.yaml").write_text(spec_derivado("PD-X", _CONSTANTE_CON_VALORES), "utf-8")
    specs = ("--specs", str(tmp_path / "PD-X.yaml"))
    (fila,) = csv.DictReader(io.StringIO(cli("sexenal", *specs, "-f", "csv").out))
    assert (fila["avance_pct"], fila["avance_esperado_pct"]) == ("", "")
    assert fila["avance_sexenal"] == "Sentido constante" and fila["ultimo_valor"] == "95"
    assert "no se calculan A ni E" in fila["nota"]
    md = cli("sexenal", *specs, "-f", "markdown").out
    (renglon,) = [x for x in md.splitlines() if x.startswith("| 1.1")]
    celdas = [c.strip() for c in renglon.strip("|").split("|")]
    assert celdas[6:10] == ["95", "—", "—", "Sentido constante"]
    libro = tmp_path / "s.xlsx"
    assert cli("sexenal", *specs, "-o", str(libro)).code == 0
    hoja = load_workbook(libro).worksheets[0]
    cabeza, datos = list(hoja.iter_rows(values_only=True))[:2]
    fila = dict(zip(cabeza, datos, strict=True))
    assert (fila["Valor"], fila["A"], fila["E"]) == (95, None, None)


def test_a_constant_category_is_not_counted_as_resting_on_the_rules(cli, tmp_path):
    """«Sentido constante» follows from the sentido: a constant indicator with values alone
    said «calculadas: 1 (con las reglas de `avance_sexenal`, supuesto de la metodología)», as if
    it rested on cuts CONEVAL does not print. Counted apart, beside those that do."""
    from conftest import spec_derivado

    spec = tmp_path / "PD-PRUEBA.yaml"

    def resumen(texto: str) -> str:
        spec.write_text(texto, encoding="utf-8")
        r = cli("sexenal", "--specs", str(spec), "-f", "tabla")
        assert r.code == 0, r.err
        return " ".join(r.out.split())

    solo = spec_derivado("PD-PRUEBA", _CONSTANTE_CON_VALORES)
    assert (
        "Categorías de avance calculadas: 1 (1 por su sentido constante, sin reglas); tomadas "
        "de lo publicado: 0."
    ) in resumen(solo)
    assert (
        "Categorías de avance calculadas: 3 (con las reglas de `avance_sexenal`, supuesto de la "
        "metodología; 1 por su sentido constante, sin reglas); tomadas de lo publicado: 1."
    ) in resumen(DERIVADO_CRUDO + _CONSTANTE_CON_VALORES.replace('"1.1"', '"1.4"'))
