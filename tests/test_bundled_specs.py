"""Checks of the bundled YAML specs against the seed texts they were transcribed from.

Plain PyYAML on purpose (independent of the project's loader): every transcribed number sampled
here must occur in its seed exactly as printed, and the published counts/tables must be
reproducible from the per-item attributes recorded in the specs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from publicado import AVANCE_SEXENAL_COLUMNAS

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "issste_mon" / "specs"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

SEED_FILES = {
    "000": "000_876e6a46298305f7.txt",
    "001": "001_47f40beb7a204c2c.txt",
    "002": "002_2a0459f37ccfcaf0.txt",
    "003": "003_3d7d72f0ba7874da.txt",
    "004": "004_aaf070d824bc60c0.txt",
}
# The documents as the specs cite them (`fuente:`), by title: which seed text each one is.
DOCUMENTOS = {
    "CONEVAL, Evaluación de diseño 2016 (Aspectos Relevantes)": "000",
    "CONEVAL, FMyE 2017-2018": "001",
    "CONEVAL, Diagnóstico de Monitoreo 2024": "002",
    "CONEVAL, Desempeño 2024": "003",
    "CONEVAL, ficha del Programa Institucional 2020-2024": "004",
}

PROGRAMS_2024 = ["E015", "E018", "E036", "E042", "E043", "E044", "E046", "E048", "E049"]
EXPECTED_FILES = sorted(PROGRAMS_2024 + ["E045", "ISSSTE", "PI-ISSSTE-2020-2024"])
PI = "PI-ISSSTE-2020-2024"


class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(stem: str):
    with open(SPECS / f"{stem}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


def seed_text(num: str) -> str:
    path = SEEDS / SEED_FILES[num]
    if not path.exists():
        pytest.skip(f"seed not available: {path}")
    return path.read_text(encoding="utf-8")


def get(data, path):
    for part in path:
        data = data[part]
    return data


def mir_row(data, row_id):
    rows = [r for r in data["mir"] if r["id"] == row_id]
    assert len(rows) == 1, row_id
    return rows[0]


def pi_indicators():
    return [ind for obj in load(PI)["objetivos"] for ind in obj["indicadores"]]


def pct(n: int, total: int) -> int:
    return int((Decimal(n) * 100 / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fold(s) -> str:
    s = unicodedata.normalize("NFKD", str(s))
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


# ---------------------------------------------------------------- files, claves, duplicates


def test_expected_files_present():
    assert sorted(p.stem for p in SPECS.glob("*.yaml")) == EXPECTED_FILES


@pytest.mark.parametrize("stem", EXPECTED_FILES)
def test_stem_equals_clave_and_required_fields(stem):
    data = load(stem)
    assert data["clave"] == stem
    assert data["ramo"] == 51
    assert data["nombre"]
    ids = [r["id"] for r in data.get("mir", [])]
    assert len(ids) == len(set(ids))
    for row in data.get("mir", []):
        for field in ("id", "nivel", "nombre", "sentido"):
            assert row.get(field), (stem, row.get("id"), field)


def test_duplicate_keys_are_rejected():
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("x:\n  2017: {meta: 1}\n  2017: {meta: 2}\n", Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


def test_no_yaml_boolean_surprises_in_si_no_values():
    # bare `no` is a YAML 1.1 boolean; the si/no attributes must stay strings
    for stem in PROGRAMS_2024:
        diag = load(stem)["diagnostico"][2024]
        for key in (
            "indicador_proposito_resultados",
            "indicador_cobertura",
            "proposito_bien_planteado",
            "componentes_necesarios_suficientes",
        ):
            assert diag[key] in ("si", "no"), (stem, key, diag[key])


# ---------------------------------------------------------------- numbers printed in the seeds

# (file stem, path in the YAML, seed, the number exactly as printed in the seed, format spec)
NUMBERS = [
    ("E045", ("poblaciones", 2017, "potencial"), "001", "14,756,442", ",d"),
    ("E045", ("poblaciones", 2017, "objetivo"), "001", "784,969", ",d"),
    ("E045", ("poblaciones", 2017, "atendida"), "001", "744,939", ",d"),
    ("E045", ("presupuesto", 2016, "ejercido"), "001", "2,712.44", ",.2f"),
    ("E045", ("presupuesto", 2016, "ramo"), "001", "213,827.70", ",.2f"),
    ("E045", ("presupuesto", 2017, "ejercido"), "001", "2,531.93", ",.2f"),
    ("E045", ("presupuesto", 2017, "ramo"), "001", "217,054.66", ",.2f"),
    ("E045", ("mir", "P1", "metas", 2017, "meta"), "001", "543.35", ".2f"),
    ("E045", ("mir", "P1", "metas", 2017, "valor"), "001", "622.06", ".2f"),
    ("E045", ("mir", "P1", "linea_base", "anio"), "001", "2017", "d"),
    ("E045", ("mir", "S1", "linea_base", "valor"), "001", "263277.00", ".2f"),
    ("E045", ("mir", "S1", "linea_base", "anio"), "001", "2013", "d"),
    ("E045", ("mir", "S1", "metas", 2014, "valor"), "001", "270,623.00", ",.2f"),
    ("E045", ("mir", "S1", "metas", 2015, "valor"), "001", "366,538.00", ",.2f"),
    ("E045", ("mir", "S1", "metas", 2016, "valor"), "001", "457,672.00", ",.2f"),
    ("E045", ("mir", "S1", "metas", 2017, "valor"), "001", "617,711.00", ",.2f"),
    ("E045", ("evaluaciones", 0, "costo"), "000", "$522,000.00", "$,.2f"),
    ("E044", ("monitoreo", 2024, "valoracion"), "002", "0.975", ".3f"),
    ("E043", ("monitoreo", 2024, "valoracion"), "002", "0.674", ".3f"),
    ("E036", ("monitoreo", 2024, "valoracion"), "002", "0.620", ".3f"),
    ("E048", ("monitoreo", 2024, "valoracion"), "002", "0.573", ".3f"),
    ("E018", ("monitoreo", 2024, "valoracion"), "002", "0.547", ".3f"),
    ("E042", ("monitoreo", 2024, "valoracion"), "002", "0.515", ".3f"),
    ("E049", ("monitoreo", 2024, "valoracion"), "002", "0.472", ".3f"),
    ("E046", ("monitoreo", 2024, "valoracion"), "002", "0.433", ".3f"),
    ("E015", ("monitoreo", 2024, "valoracion"), "002", "0.341", ".3f"),
    ("ISSSTE", ("monitoreo", 2024, "inmonitoreo"), "002", "0.561", ".3f"),
    ("ISSSTE", ("monitoreo", 2024, "subindice_dependencia"), "002", "0.550", ".3f"),
    ("ISSSTE", ("monitoreo", 2024, "lugar"), "002", "11° lugar", "d° lugar"),
    ("ISSSTE", ("monitoreo", 2024, "de"), "002", "15 dependencias", "d dependencias"),
    ("ISSSTE", ("presupuesto", 2024, "asignado"), "003", "$ 52,587.80", "$ ,.2f"),
    ("E046", ("poblaciones", 2023, "atendida"), "003", "45,168", ",d"),
    ("E049", ("poblaciones", 2023, "atendida"), "003", "12,689", ",d"),
    ("E049", ("mir", "P1", "metas", 2023, "valor"), "003", "12,689", ",d"),
    ("E048", ("mir", "P1", "metas", 2023, "meta"), "003", "25,596", ",d"),
    ("E048", ("mir", "P1", "metas", 2023, "valor"), "003", "24,252", ",d"),
    ("E044", ("mir", "P1", "metas", 2023, "meta"), "003", "13 estimados", "d estimados"),
    ("E044", ("mir", "P1", "metas", 2023, "valor"), "003", "10 casos", "d casos"),
    ("E043", ("mir", "P1", "metas", 2023, "numerador"), "003", "26,196", ",d"),
    (PI, ("objetivos", 1, "indicadores", 0, "valores", 2019), "003", "95% en 2019", "d% en 2019"),
    (PI, ("objetivos", 1, "indicadores", 0, "valores", 2022), "003", "99% en 2022", "d% en 2022"),
    (PI, ("objetivos", 1, "indicadores", 2, "metas", 2022), "003", "$29,338", "$,d"),
    (PI, ("objetivos", 1, "indicadores", 2, "valores", 2022), "003", "$13,592", "$,d"),
    (PI, ("objetivos", 2, "indicadores", 0, "valores", 2021), "003", "2.50", ".2f"),
    (PI, ("objetivos", 2, "indicadores", 0, "valores", 2022), "003", "1.80", ".2f"),
    (PI, ("objetivos", 3, "indicadores", 0, "valores", 2022), "003", "91.7%", ".1f%"),
]


def render(value, spec: str) -> str:
    """Format `value` with a spec that may carry literal text around one format field."""
    m = re.fullmatch(r"([^,.\d]*?)([ ]?)(,?\.?\d*[df])(.*)", spec)
    assert m, spec
    prefix, space, fmt, suffix = m.groups()
    return f"{prefix}{space}{format(value, fmt)}{suffix}"


def resolve(stem, path):
    data = load(stem)
    if path[0] == "mir":
        return get(mir_row(data, path[1]), path[2:])
    return get(data, path)


def test_enough_numbers_sampled():
    assert len(NUMBERS) >= 25


@pytest.mark.parametrize(
    "stem,path,seed,printed,spec",
    NUMBERS,
    ids=[f"{n[0]}:{'.'.join(map(str, n[1]))}" for n in NUMBERS],
)
def test_number_is_printed_in_seed(stem, path, seed, printed, spec):
    value = resolve(stem, path)
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    assert render(value, spec) == printed
    assert printed in seed_text(seed), f"{printed!r} not in seed {seed}"


PUBLISHED = [
    ("E045", ("poblaciones", 2017, "publicado", "cobertura"), "001", "94.90 %"),
    ("E045", ("presupuesto", 2016, "publicado", "porcentaje_ramo"), "001", "1.27 %"),
    ("E045", ("presupuesto", 2017, "publicado", "porcentaje_ramo"), "001", "1.17 %"),
    ("E045", ("mir", "P1", "metas", 2017, "publicado", "cumplimiento"), "001", "114%"),
    ("E046", ("poblaciones", 2023, "publicado", "cobertura"), "003", "24%"),
    ("E049", ("poblaciones", 2023, "publicado", "cobertura"), "003", "70.31%"),
    ("E049", ("mir", "P1", "metas", 2023, "publicado", "cumplimiento"), "003", "117%"),
    ("E048", ("mir", "P1", "metas", 2023, "publicado", "cumplimiento"), "003", "95%"),
    ("E043", ("mir", "P1", "metas", 2023, "publicado", "cumplimiento"), "003", "104.5%"),
    ("ISSSTE", ("cumplimiento", 2023, "publicado", "promedio_proposito"), "003", "122%"),
    ("ISSSTE", ("presupuesto", 2024, "publicado", "asignado"), "003", "$ 52,587.80"),
]


@pytest.mark.parametrize(
    "stem,path,seed,printed",
    PUBLISHED,
    ids=[f"{n[0]}:{'.'.join(map(str, n[1]))}" for n in PUBLISHED],
)
def test_published_figure_is_printed_in_seed(stem, path, seed, printed):
    value = resolve(stem, path)
    assert value == printed
    assert printed in seed_text(seed)


def test_levels_match_anexo_1():
    text = seed_text("002")
    for stem in PROGRAMS_2024:
        mon = load(stem)["monitoreo"][2024]
        nombre, nivel = load(stem)["nombre"], mon["publicado"]["nivel"]
        line = f"51{stem}\t{nombre}\t{mon['valoracion']:.3f}\t{nivel}"
        assert line in text, line


def test_not_printed_inputs_are_absent():
    assert "objetivo" not in load("E046")["poblaciones"][2023]
    assert "objetivo" not in load("E049")["poblaciones"][2023]
    assert "meta" not in mir_row(load("E049"), "P1")["metas"][2023]
    e043 = mir_row(load("E043"), "P1")["metas"][2023]
    assert "meta" not in e043 and "valor" not in e043
    assert "meta" not in mir_row(load("E045"), "S1")["metas"][2017]


def test_e045_derived_figures_reproduce():
    data = load("E045")
    pob = data["poblaciones"][2017]
    cob = Decimal(pob["atendida"]) * 100 / Decimal(pob["objetivo"])
    assert (
        f"{cob.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} %"
        == pob["publicado"]["cobertura"]
    )
    for year in (2016, 2017):
        p = data["presupuesto"][year]
        share = Decimal(str(p["ejercido"])) * 100 / Decimal(str(p["ramo"]))
        assert (
            f"{share.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} %"
            == p["publicado"]["porcentaje_ramo"]
        )
    m = mir_row(data, "P1")["metas"][2017]
    av = Decimal(str(m["valor"])) * 100 / Decimal(str(m["meta"]))
    assert f"{av.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%" == m["publicado"]["cumplimiento"]


def test_e048_cumplimiento_reproduces():
    m = mir_row(load("E048"), "P1")["metas"][2023]
    assert f"{pct(m['valor'], m['meta'])}%" == m["publicado"]["cumplimiento"]


# ---------------------------------------------------------------- programa derivado

AVANCE_CATEGORIES = AVANCE_SEXENAL_COLUMNAS


def avance(ind) -> str:
    a = ind["publicado"]["avance_sexenal"]
    return "NR" if a in ("Sentido constante", "NR") else a


def test_pi_shape():
    data = load(PI)
    assert data["tipo"] == "programa_derivado"
    assert len(data["objetivos"]) == 5
    inds = pi_indicators()
    assert len(inds) == 15
    assert len({i["id"] for i in inds}) == 15
    for obj in data["objetivos"]:
        tipos = [i["tipo"] for i in obj["indicadores"]]
        assert tipos == ["Meta para el bienestar", "Parámetro", "Parámetro"], obj["id"]
    # 3 indicators with sentido constante (seed 004 footnote)
    assert sorted(i["id"] for i in inds if i["sentido"] == "constante") == ["3.2", "3.3", "4.3"]


def test_pi_objective_enfoque_and_links():
    objs = load(PI)["objetivos"]
    assert Counter(o["enfoque"] for o in objs) == {"Resultados": 3, "Coordinación": 1, "Gestión": 1}
    assert objs[0]["enfoque"] == "Resultados" and objs[4]["enfoque"] == "Coordinación"
    assert [o["vinculado_programas"] for o in objs] == [True, True, False, True, True]


def test_pi_avance_counts():
    counts = Counter(avance(i) for i in pi_indicators())
    assert {c: counts.get(c, 0) for c in AVANCE_CATEGORIES} == {
        "Superado": 5,
        "Avanzado": 2,
        "Adecuado": 1,
        "Insuficiente": 0,
        "Rezagado": 1,
        "Muy rezagado": 3,
        "NR": 3,
    }


def test_pi_meta_intermedia_values():
    allowed = {"Logro muy superado", "Alcanzada", "No alcanzada", "Retroceso", "NR"}
    assert all(i["publicado"]["meta_intermedia"] in allowed for i in pi_indicators())


def test_pi_cross_table_matches_published():
    table = load(PI)["tabla_enfoque_avance_publicada"]
    inds = pi_indicators()
    total = len(inds)
    col = {c: ("NR*" if c == "NR" else c) for c in AVANCE_CATEGORIES}
    cells = Counter((i["enfoque"], avance(i)) for i in inds)
    for enfoque in ("Resultados", "Coordinación", "Gestión"):
        row = table[enfoque]
        for cat in AVANCE_CATEGORIES:
            assert row[col[cat]] == str(cells.get((enfoque, cat), 0)), (enfoque, cat)
        n = sum(1 for i in inds if i["enfoque"] == enfoque)
        assert row["Total general"] == f"{n}, {pct(n, total)}%"
    for cat in AVANCE_CATEGORIES:
        n = sum(1 for i in inds if avance(i) == cat)
        assert table["Total general"][col[cat]] == f"{n}, {pct(n, total)}%"
    assert table["Total general"]["Total general"] == str(total)


def test_pi_cross_table_verbatim_in_seed():
    text = seed_text("004")
    table = load(PI)["tabla_enfoque_avance_publicada"]
    for row_name, row in table.items():
        line = "\t".join([row_name] + list(row.values()))
        assert line in text, line


def test_pi_calidad_counts():
    counts = Counter(i["calidad"] for i in pi_indicators())
    assert counts["Destacado"] + counts["Adecuado"] == 3
    assert counts["Oportunidad de mejora"] == 8
    assert counts["Destacado"] == 2  # seed 003: "el 13% tiene calidad destacada"
    assert sum(counts.values()) == 15


# ---------------------------------------------------------------- published counts ("n (p%)")

NUMBER_WORDS = {
    "uno": 1,
    "un": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}


def parse_count(published: str):
    m = re.match(r"\s*(\d+|[a-záéíóú]+)\b", published, re.IGNORECASE)
    n = None
    if m and "%" not in published[: m.end() + 1]:
        tok = m.group(1).lower()
        n = int(tok) if tok.isdigit() else NUMBER_WORDS.get(tok)
    p = re.findall(r"(\d+)\s*%", published)
    return n, (int(p[-1]) if p else None)


def first_number(published: str) -> int:
    """The first number or number word anywhere in the text («otros tres tuvieron…» → 3)."""
    for tok in re.findall(r"\d+|[a-záéíóú]+", published.lower()):
        if tok.isdigit() or tok in NUMBER_WORDS:
            return int(tok) if tok.isdigit() else NUMBER_WORDS[tok]
    raise AssertionError(published)


def universe(kind: str):
    if kind == "programas":
        return [load(s)["diagnostico"][2024] for s in load("ISSSTE")["programas_sociales"][2024]]
    if kind == "objetivos":
        return load(PI)["objetivos"]
    if kind == "indicadores":
        return pi_indicators()
    raise AssertionError(kind)


RESUMEN = [(stem, e) for stem in ("ISSSTE", PI) for e in load(stem)["resumen"][2024]]


@pytest.mark.parametrize("stem,entry", RESUMEN, ids=[f"{s}:{e['id']}" for s, e in RESUMEN])
def test_resumen_counts_reproduce(stem, entry):
    assert entry["publicado"] in entry["texto"]
    n_pub, pct_pub = parse_count(entry["publicado"])
    if entry.get("todos"):  # «Los 9 programas»: the whole universe
        n = total = len(universe(entry["universo"]))
    elif "resto_de" in entry or "corte" in entry:
        # counts at another cut (cierre 2022): not reproducible from the recorded 2021
        # categories; the last one does not add up (3 + 3 + 4 + 4 = 14 of 15)
        otros = [e for s, e in RESUMEN if s == stem and e["id"] in entry.get("resto_de", [])]
        if otros:
            impresos = [first_number(o["publicado"]) for o in otros] + [n_pub]
            assert sum(impresos) == 14 != len(universe(entry["universo"])) == 15
        n = total = None
    elif "atributo" in entry:
        items = universe(entry["universo"])
        wanted = entry["valor"] if isinstance(entry["valor"], list) else [entry["valor"]]
        n = sum(1 for it in items if it[entry["atributo"]] in wanted)
        total = len(items)
    else:  # per-item attribute not determinable from the seed
        n, total = entry["n"], entry["total"]
    if "contradice" in entry:  # printed, and contradicted by another printed figure
        assert n is not None and n_pub != n
    elif n_pub is not None and n is not None:
        assert n == n_pub
    exacto = "contradice" not in entry and entry["publicado"] != "cinco (55%)"
    if pct_pub is not None and n is not None and exacto:
        assert pct(n, total) == pct_pub
    # the statement is printed in its seed (whitespace/markup-insensitive)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\*", "", seed_text(DOCUMENTOS[entry["fuente"]])))
    assert entry["texto"] in text, entry["texto"]


def test_known_inconsistency_cinco_55():
    # 5/9 = 55.6 %: seed 003 prints "cinco (55%)", seed 002 prints "5 (56%)"
    assert pct(5, 9) == 56
    assert "cinco (55%)" in seed_text("003") and "5 (56%)" in seed_text("002")


def test_diagnostico_values_are_known():
    allowed = {
        "proposito_derecho_social": {"directo", "indirecto"},
        "logica_vertical": {"destacada", "ajustes_mayores"},
        "problema_y_poblacion": {"adecuado", "ajustes_mayores"},
        "indicadores_proposito_derecho_social": {"directo", "no_directo"},
        "calidad_indicadores_mir": {"destacada", "ajustes_minimos", "ajustes_significativos"},
        "cumplimiento_metas": {"adecuado", "impulsar"},
        "indicador_proposito_resultados": {"si", "no"},
        "indicador_cobertura": {"si", "no"},
        "proposito_bien_planteado": {"si", "no"},
        "componentes_necesarios_suficientes": {"si", "no"},
        "calidad_objetivos_mir": {"maxima", "menos_de_la_mitad"},
    }
    for stem in PROGRAMS_2024:
        diag = load(stem)["diagnostico"][2024]
        for key, values in allowed.items():
            assert diag[key] in values, (stem, key)
