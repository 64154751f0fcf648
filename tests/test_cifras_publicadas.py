"""Every figure /work/shared/domain.md says issste-mon must reproduce, computed by the real CLI
from the bundled specs and compared at the precision the document prints it with.

The expected text of each row is the document's: the test first checks that it is written on
the cited line of domain.md and, where the seed prints it, in the seed; it is never a result
the tool produced. The rounding is done here with `decimal` (half away from zero), not with
the package's own helpers. A figure the specs cannot compute (its inputs are not printed) is
checked for the opposite: the tool gives no number and `verificar` says «no verificable».
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.metodologia import default_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DOMAIN = SHARED / "domain.md"
SEEDS = {
    "001": "001_47f40beb7a204c2c.txt",
    "002": "002_2a0459f37ccfcaf0.txt",
    "003": "003_3d7d72f0ba7874da.txt",
    "004": "004_aaf070d824bc60c0.txt",
}


def _domain_line(texto: str) -> int:
    """The line of domain.md that prints `texto` (the test's expected value comes from it)."""
    if not DOMAIN.exists():
        pytest.skip(f"domain.md not available: {DOMAIN}")
    for n, line in enumerate(DOMAIN.read_text(encoding="utf-8").splitlines(), 1):
        if texto in line:
            return n
    raise AssertionError(f"«{texto}» is not in domain.md")


def _seed(num: str) -> str:
    path = SHARED / "seeds" / SEEDS[num]
    if not path.exists():
        pytest.skip(f"seed not available: {path}")
    return " ".join(path.read_text(encoding="utf-8").split())


def _json(cli, *args: str) -> list[dict]:
    r = cli(*args, "--specs", str(bundled_specs_dir()), "-f", "json")
    assert r.code == 0, r.err
    return json.loads(r.out, parse_float=Decimal)


def _redondeo(x: Decimal | int, decimales: int) -> str:
    return str(Decimal(x).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP))


def _fila(rows: list[dict], **donde) -> dict:
    (row,) = [r for r in rows if all(r.get(k) == v for k, v in donde.items())]
    return row


# (figure, text in domain.md, the number in it, seed and its printed text or None, command, row,
# column); the number's decimals are the precision it is compared at
NUMEROS = [
    ("E045 avance Propósito 2017", "→ **114 %** (seed 001)", "114", ("001", "avance de 114%"),
     ("cumplimiento", "E045"), {"anio": 2017, "id": "P1"}, "cumplimiento_pct"),
    ("E045 cobertura 2017", "→ **94.90 %**", "94.90", ("001", "Objetivo 94.90 %"),
     ("cobertura", "E045"), {"anio": 2017}, "cobertura_pct"),
    # PO/PP is not printed: domain.md computes it from the printed PP and PO
    ("E045 PO/PP 2017", "(E045 2017: 5.32 %)", "5.32", None,
     ("cobertura", "E045"), {"anio": 2017}, "po_pp_pct"),
    ("E045 participación en el ramo 2016", "→ **1.27 %**", "1.27", ("001", "213,827.70 1.27 %"),
     ("presupuesto", "E045"), {"anio": 2016}, "porcentaje_ramo"),
    ("E045 participación en el ramo 2017", "→ **1.17 %**", "1.17", ("001", "217,054.66 1.17 %"),
     ("presupuesto", "E045"), {"anio": 2017}, "porcentaje_ramo"),
    ("E048 cumplimiento 2023", "→ **95 %**", "95", ("003", "95%"),
     ("cumplimiento", "E048"), {"anio": 2023, "id": "P1"}, "cumplimiento_pct"),
    # [supuesto] formula of domain.md (seed 003 prints «10 casos de los 13 estimados», no %)
    ("E044 cumplimiento 2023, fórmula inversa", "gives 130 % (inverse)", "130",
     ("003", "10 casos de los 13 estimados"),
     ("cumplimiento", "E044"), {"anio": 2023, "id": "P1"}, "cumplimiento_pct"),
    ("ISSSTE InMonitoreo 2024", "= **0.561**", "0.561", ("002", "0.561"),
     ("monitoreo", "ISSSTE"), {"ambito": "InMonitoreo"}, "valoracion"),
]  # fmt: skip


@pytest.mark.parametrize(
    "cifra,domain,esperado,seed,args,donde,columna", NUMEROS, ids=[n[0] for n in NUMEROS]
)
def test_published_number_reproduces(cli, cifra, domain, esperado, seed, args, donde, columna):
    _domain_line(domain)
    assert esperado in domain
    if seed is not None:
        assert seed[1] in _seed(seed[0])
    decimales = len(esperado.partition(".")[2])  # compared at the printed precision
    valor = _fila(_json(cli, *args), **donde)[columna]
    assert _redondeo(valor, decimales) == esperado, cifra


def test_e044_mirror_formula_gives_123_1(cli, tmp_path):
    _domain_line("or 123.1 % (mirror)")
    met = (
        Path(default_path())
        .read_text(encoding="utf-8")
        .replace("valor: inversa ", "valor: espejo ")
    )
    (tmp_path / "espejo.yaml").write_text(met, encoding="utf-8")
    rows = _json(cli, "cumplimiento", "E044", "--metodologia", str(tmp_path / "espejo.yaml"))
    assert _redondeo(_fila(rows, anio=2023)["cumplimiento_pct"], 1) == "123.1"


def test_inmonitoreo_rests_on_the_mean_of_the_nine_programs(cli):
    _domain_line("½ · 0.5722 + ½ · 0.550")
    inm = _fila(_json(cli, "monitoreo", "ISSSTE"), ambito="InMonitoreo")
    assert "calculado de 9 programas" in inm["nota"] and "(0.5722…)" in inm["nota"]
    assert "subíndice (0.550)" in inm["nota"]  # (a valoración: 3 decimals at least)


# domain.md, Classifications 1 (seed 002, Anexo 1 and 2): each program's level computed from its
# valoración with the methodology's cuts; the dependency's subíndice and InMonitoreo levels


def _niveles_de_domain() -> dict[str, str]:
    """{clave or ámbito: level}, read from domain.md's own sentence."""
    import re

    texto = " ".join(DOMAIN.read_text(encoding="utf-8").split())
    frase = texto.split("Published pairs, 2024:")[1].split(", 11th of 15")[0]
    niveles = {}
    for grupo in frase.split(";"):
        nivel = grupo.split()[-1]
        for clave in re.findall(r"E\d{3}", grupo):
            niveles[clave] = nivel
    niveles["subíndice dependencia"] = re.search(r"subíndice 0\.550 (\w+)", frase).group(1)
    niveles["InMonitoreo"] = re.search(r"InMonitoreo 0\.561 (\w+)", frase).group(1)
    return niveles


def test_the_nine_levels_and_the_dependency_levels(cli):
    _domain_line("Published pairs, 2024")
    esperados = _niveles_de_domain()
    assert len(esperados) == 11
    rows = _json(cli, "monitoreo")
    obtenidos = {r["clave"] if r["ambito"] == "programa" else r["ambito"]: r["nivel"] for r in rows}
    assert obtenidos == esperados
    anexo = _seed("002")
    for r in rows:
        if r["ambito"] == "programa":  # the pair as Anexo 1 prints it
            assert f"51{r['clave']}" in anexo and f"{r['valoracion']:.3f} {r['nivel']}" in anexo


# domain.md, Published figures: «n (p%)» counts of seed 002, from per-program attributes (the
# Diagnóstico's) or per-indicator categories (the Programa Institucional's)
CONTEOS = [
    ("5 (56%)", "programas", "proposito_derecho_directo"),
    ("7 (78%)", "programas", "logica_vertical_ajustes_mayores"),
    ("6 (67%)", "programas", "indicadores_derecho_no_directo"),
    # a count the statement itself gives (n 4, total 9: no attribute per program is printed)
    ("4 (44%)", "programas", "tres_observaciones_historicas"),
    ("3 (20%)", "indicadores", "indicadores_destacado_adecuado"),
    ("8 (53%)", "indicadores", "indicadores_oportunidad_mejora"),
]


@pytest.mark.parametrize("texto,universo,id_", CONTEOS, ids=[c[0] for c in CONTEOS])
def test_published_counts(cli, texto, universo, id_):
    _domain_line(f'"{texto}"')
    assert texto in _seed("002")
    fila = _fila(_json(cli, "resumen", "--enunciados"), id=id_)
    assert fila["universo"] == universo
    pct = _redondeo(Decimal(fila["n"]) * 100 / Decimal(fila["total"]), 0)
    assert f"{fila['n']} ({pct}%)" == texto


def test_programs_with_and_without_a_coverage_indicator(cli):
    _domain_line("Programs with/without a coverage indicator: 2 / 7")
    rows = _json(cli, "resumen")
    con = _fila(rows, atributo="indicador_cobertura", valor="si")
    sin = _fila(rows, atributo="indicador_cobertura", valor="no")
    assert (con["n"], sin["n"], con["total"]) == (2, 7, 9)


# domain.md, Classifications 2: the seed's cross-table, its totals and percentages
TABLA = (
    "Superado 5 (33%), Avanzado 2 (13%), Adecuado 1 (7%), Insuficiente 0, Rezagado 1 (7%), "
    "Muy rezagado 3 (20%), NR 3 (20%); Resultados 2 (13%), Coordinación 1 (7%), Gestión 12 (80%); "
    "total 15"
)


def test_enfoque_by_avance_table(cli):
    import re

    texto = " ".join(DOMAIN.read_text(encoding="utf-8").split()) if DOMAIN.exists() else ""
    if not texto:
        pytest.skip("domain.md not available")
    assert TABLA in texto
    rows = {r["enfoque"]: r for r in _json(cli, "sexenal", "--tabla", "enfoque")}
    total = rows["Total general"]
    columnas, enfoques = TABLA.removesuffix("; total 15").split("; ")
    celdas = re.findall(r"([A-Za-zó ]+?) (\d+)(?: \((\d+)%\))?(?:, |$)", columnas)
    assert len(celdas) == 7 and len(re.findall(r"\(\d+%\)", enfoques)) == 3
    for nombre, n, pct in celdas:
        campo = nombre.strip().lower().replace(" ", "_")
        assert total[campo] == int(n), nombre
        if pct:
            assert _redondeo(total[f"{campo}_pct"], 0) == pct, nombre
    for nombre, n, pct in re.findall(r"(\w+) (\d+) \((\d+)%\)", enfoques):
        assert rows[nombre]["total"] == int(n), nombre
        assert _redondeo(rows[nombre]["total_pct"], 0) == pct, nombre
    assert total["total"] == 15


# Published results whose inputs no seed prints: the specs record the figure beside the inputs
# that exist; the tool computes nothing and says why (domain.md: «checks consistency rather
# than inventing inputs»).
NO_CALCULABLES = [
    ("E046 cobertura 2023", "E046", "poblaciones.2023.publicado.cobertura",
     "PO no está en la spec"),
    ("E049 cobertura 2023", "E049", "poblaciones.2023.publicado.cobertura",
     "PO no está en la spec"),
    ("E049 cumplimiento 2023", "E049", "mir[0].metas.2023.publicado.cumplimiento",
     "falta meta 2023"),
    ("E043 cumplimiento 2023", "E043", "mir[0].metas.2023.publicado.cumplimiento",
     "faltan meta y valor 2023"),
    ("ISSSTE promedio 122 %", "ISSSTE", "cumplimiento.2023.publicado.promedio_proposito", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    "cifra,clave,campo,motivo", NO_CALCULABLES, ids=[n[0] for n in NO_CALCULABLES]
)
def test_a_figure_without_printed_inputs_is_not_verifiable(cli, cifra, clave, campo, motivo):
    r = cli("verificar", clave, "--specs", str(bundled_specs_dir()), "-f", "json")
    row = _fila(json.loads(r.out), campo=campo)
    assert (row["veredicto"], row["calculado"]) == ("no verificable", None), cifra
    assert motivo in row["motivo"]
