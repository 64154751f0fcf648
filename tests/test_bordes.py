"""A figure printed for people never contradicts the class beside it.

Rounded to two decimals, a cumplimiento of 89.996 % reads «90.00 %» — inside the band —
beside «Bajo», and a PA/PO of 100.004 % reads «100.00 %» beside its «mayor a 100 %» ⚠. Every
human format (tabla, markdown, xlsx, the ficha) prints such a figure with as many decimals as
it takes to lie on the same side of each cut as its exact value, and a spec's meta or valor
as written.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from issste_mon.salida.numfmt import decimales_fieles, fmt_pct, fmt_valor

BANDA = (Decimal(90), Decimal(110))


@pytest.mark.parametrize(
    ("x", "texto"),
    [
        (89.996, "89.996 %"),  # «90.00 %» would be inside the band
        (89.995, "89.995 %"),
        (110.004, "110.004 %"),
        (Decimal("109.99999999999998"), "109.99999999999998 %"),
        (Decimal("110.0000000000000000000001"), "110.0000000000000000000001 %"),
        (90, "90.00 %"),  # on the cut: the cut it is
        (Decimal("110.00"), "110.00 %"),
        (94.895, "94.90 %"),  # away from the cuts: the published rounding, as always
        (Decimal(100) / 3, "33.33 %"),
        (110.005, "110.01 %"),  # rounds away from the band: no contradiction to undo
    ],
)
def test_a_percentage_never_rounds_across_a_cut(x, texto):
    assert fmt_pct(x, 2, BANDA) == texto


def test_without_cuts_a_percentage_rounds_as_published():
    assert fmt_pct(89.996) == "90.00 %"
    assert decimales_fieles(89.996, 2) == 2


@pytest.mark.parametrize(
    ("x", "texto"),
    [
        (89.996, "89.996"),
        (100.0, "100"),
        (0.33, "0.33"),
        (55.00000000000001, "55.00000000000001"),
        (1234567.5, "1,234,567.5"),
        (9007199254740993, "9,007,199,254,740,993"),
        (Decimal("0.20"), "0.2"),
        (Decimal(1) / 3, "0.3333333333"),  # a quotient that does not end: 10 decimals
    ],
)
def test_a_spec_figure_prints_as_written(x, texto):
    assert fmt_valor(x) == texto


SPEC = """\
clave: X001
ramo: 51
nombre: Prueba de bordes
mir:
  - {id: A1, nivel: Propósito, nombre: a, sentido: ascendente,
     metas: {2023: {meta: 100, valor: 89.996}}}
  - {id: A2, nivel: Propósito, nombre: b, sentido: ascendente,
     metas: {2023: {meta: 100, valor: 110.004}}}
  - {id: A3, nivel: Propósito, nombre: c, sentido: ascendente,
     metas: {2023: {meta: 50, valor: 55.00000000000001}}}
  - {id: A4, nivel: Propósito, nombre: d, sentido: ascendente,
     metas: {2023: {meta: 100, valor: 89.9999999999999}}}
  - {id: A5, nivel: Propósito, nombre: e, sentido: ascendente,
     metas: {2023: {meta: 50, valor: 55}}}
  - {id: A6, nivel: Propósito, nombre: f, sentido: descendente,
     metas: {2023: {meta: 0.3, valor: 0.333333333333333}}}
poblaciones:
  2020: {unidad_medida: P, potencial: 100000, objetivo: 100000, atendida: 100004}
  2021: {unidad_medida: P, potencial: 100000, objetivo: 100000, atendida: 99999}
"""

# what each row's exact figure is, and its class (the methodology's 90–110 % band)
ESPERADO = {
    "A1": ("89.996", "Bajo"),
    "A2": ("110.004", "Alto"),
    "A3": ("110.00000000000002", "Alto"),
    "A4": ("89.9999999999999", "Bajo"),
    "A5": ("110.00", "Adecuado"),
    "A6": ("90.0000000000001", "Adecuado"),  # 0.3 / 0.333333333333333
}


def _lado(x: Decimal, rango: str) -> bool:
    """Whether a printed figure lies where its rango says (Bajo < 90 ≤ Adecuado ≤ 110 < Alto)."""
    return {"Bajo": x < 90, "Adecuado": 90 <= x <= 110, "Alto": x > 110}[rango]


@pytest.fixture
def bordes(tmp_path):
    (tmp_path / "X001.yaml").write_text(SPEC, "utf-8")
    return str(tmp_path)


@pytest.mark.parametrize("formato", ["markdown", "tabla"])
def test_cumplimiento_for_people_agrees_with_its_rango(cli, bordes, formato):
    r = cli(
        "-q",
        "cumplimiento",
        "--specs",
        bordes,
        "-f",
        formato,
        "-c",
        "id,valor,cumplimiento_pct,rango",
    )
    assert r.code == 0, r.err
    vistos = {}
    for linea in r.out.splitlines():
        m = re.match(r"\W*(A\d)\W+([\d.,]+)\W+([\d.]+) %\W+(\w+)", linea)
        if m:
            vistos[m[1]] = (m[3], m[4])
            assert _lado(Decimal(m[3]), m[4]), linea
    assert vistos == ESPERADO
    assert "89.9999999999999 " in r.out  # the spec's valor as written (not «90.00»)


def test_the_workbook_shows_what_the_rango_rests_on(cli, bordes, tmp_path):
    import openpyxl

    out = tmp_path / "c.xlsx"
    r = cli("-q", "cumplimiento", "--specs", bordes, "-o", str(out))
    assert r.code == 0, r.err
    ws = openpyxl.load_workbook(out).worksheets[0]
    h = [c.value for c in ws[1]]
    vistos = {}
    for fila in ws.iter_rows(min_row=2, max_row=7):
        d = {h[i]: c for i, c in enumerate(fila)}
        pct = d["Cumplimiento"]
        decimales = (
            len(pct.number_format.split(".")[1].rstrip(" %")) if "." in pct.number_format else 0
        )
        # what Excel shows: the stored fraction × 100 at the cell's decimals
        mostrado = round(Decimal(repr(pct.value)) * 100, decimales)
        assert _lado(mostrado, d["Rango"].value), (d["Id"].value, mostrado, d["Rango"].value)
        vistos[d["Id"].value] = d["Valor"].value
    # the spec's valores as written, not the machine value's 10 decimals (89.9999999999999 → 90)
    assert vistos["A4"] == 89.9999999999999 and vistos["A3"] == 55.00000000000001


def test_the_fichas_headline_agrees_with_its_rango(cli, bordes):
    r = cli("ficha", "X001", "--specs", bordes)
    assert r.code == 0, r.err
    # the last Propósito row (A6): 90.0000000000001 %, not «90.00 %»… which is also Adecuado;
    # every «Cumplimiento» line of the indicators is on its side
    for cifra in re.findall(r"\*\*Cumplimiento:\*\* ([\d.]+) %", r.out):
        assert Decimal(cifra) in {Decimal(v) for v, _ in ESPERADO.values()}


def test_cobertura_never_prints_100_beside_mayor_a_100(cli, bordes):
    r = cli("-q", "cobertura", "--specs", bordes, "-f", "markdown")
    assert r.code == 0, r.err
    assert "100.004 %" in r.out and "99.999 %" in r.out
    assert "100.00 %" not in r.out.split("PO/PP")[1].split("|")[0]  # (PO/PP is 100 % exactly)


DEPENDENCIA = """\
tipo: dependencia
clave: DEPX
siglas: DEPX
ramo: 99
nombre: Dependencia de prueba
programas_sociales:
  2024: [Y001, Y002]
monitoreo:
  2024:
    subindice_dependencia: 0.53
"""


def test_an_inmonitoreo_beside_its_level_is_not_rounded_onto_the_cut(cli, tmp_path):
    (tmp_path / "DEPX.yaml").write_text(DEPENDENCIA, "utf-8")
    for clave in ("Y001", "Y002"):
        (tmp_path / f"{clave}.yaml").write_text(
            f"clave: {clave}\nramo: 99\ndependencia: DEPX\nnombre: P\n"
            "monitoreo:\n  2024: {valoracion: 0.529}\n",
            "utf-8",
        )
    r = cli("-q", "monitoreo", "--specs", str(tmp_path), "-f", "markdown")
    assert r.code == 0, r.err
    fila = next(linea for linea in r.out.splitlines() if linea.startswith("| InMonitoreo"))
    # (0.529 + 0.529) / 2 / 2 + 0.53 / 2 = 0.5295: Básico (Medio from 0.53), not «0.530 Básico»
    assert "0.5295" in fila and "Básico" in fila


@pytest.mark.parametrize("formato", ["csv", "json"])
def test_machine_figures_are_the_specs_and_agree_with_their_rango(cli, bordes, formato):
    import csv
    import io
    import json

    r = cli("-q", "cumplimiento", "--specs", bordes, "-f", formato)
    assert r.code == 0, r.err
    if formato == "csv":
        filas = list(csv.DictReader(io.StringIO(r.out)))
    else:
        filas = [
            {k: ("" if v is None else str(v)) for k, v in f.items()} for f in json.loads(r.out)
        ]
    por_id = {f["id"]: f for f in filas}
    # a spec's valor as written, all its decimals (not 10: 89.9999999999999 → 90)
    assert por_id["A4"]["valor"] == "89.9999999999999"
    assert por_id["A3"]["valor"] == "55.00000000000001"
    # 110.00000000000002 %, «Alto»: its 10 decimals (110) would say Adecuado
    assert por_id["A3"]["cumplimiento_pct"] == "110.00000000000001"
    for f in filas:
        assert _lado(Decimal(f["cumplimiento_pct"]), f["rango"]), f
    # 90.00000000000009 %: its 10 decimals (90) would land on the cut it is not on — whole,
    # as tendencias, the library and the workbook write it
    assert por_id["A6"]["cumplimiento_pct"] == "90.00000000000009"
    assert por_id["A6"]["rango"] == "Adecuado"


def test_the_library_rows_carry_the_same_figures(bordes):
    import issste_mon as im

    filas = {f["id"]: f for f in im.cumplimiento(im.cargar(bordes)).to_records()}
    assert filas["A4"]["valor"] == 89.9999999999999
    assert filas["A3"]["cumplimiento_pct"] == 110.00000000000001 and filas["A3"]["rango"] == "Alto"


def test_an_alerts_sentence_shows_figures_that_fire_its_rule(cli, bordes):
    """«se tenía una meta de 100.00 y se logró 90.00» would be a 90 % that does not alert."""
    import csv
    import io

    r = cli("-q", "alertas", "--specs", bordes, "-r", "meta_no_alcanzada", "-f", "csv")
    assert r.code == 0, r.err
    frases = {f["id"]: f["enunciado"] for f in csv.DictReader(io.StringIO(r.out))}
    assert set(frases) == {"A1", "A4"}
    assert frases["A1"].endswith("se tenía una meta de 100.000 y se logró 89.996.")
    assert frases["A4"].endswith(
        "se tenía una meta de 100.0000000000000 y se logró 89.9999999999999."
    )
    for frase in frases.values():
        meta, valor = re.search(r"meta de ([\d.,]+) y se logró ([\d.,]+)\.", frase).groups()
        assert Decimal(valor) / Decimal(meta) * 100 < 90, frase


DERIVADO = """\
tipo: programa_derivado
clave: PD-BORDES
nombre: Programa derivado de prueba
dependencia: ISSSTE
ramo: 51
periodo: {inicio: 2020, fin: 2024}
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Gestión
    indicadores:
      - id: S2
        nombre: casi superado
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 10
        valores: {2022: 9.9999}
      - id: R1
        nombre: r casi 1.10
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 100
        metas: {2020: 50}
        valores: {2020: 54.99996}
      - id: I2
        nombre: meta intermedia casi alcanzada
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 1000
        metas: {2021: 100}
        valores: {2021: 99.999999999999}
"""


def test_sexenal_progress_is_never_printed_across_its_categorys_cut(cli, tmp_path):
    """A = 99.999 % is not «100.0 %» beside «Avanzado» (Superado starts at 100 %); a meta
    intermedia met at 99.999999999999 % is not «100» beside «No alcanzada»."""
    import csv
    import io

    (tmp_path / "PD-BORDES.yaml").write_text(DERIVADO, "utf-8")
    r = cli("-q", "sexenal", "--specs", str(tmp_path), "-f", "markdown")
    assert r.code == 0, r.err
    fila = next(linea for linea in r.out.splitlines() if linea.startswith("| S2"))
    assert "99.999 %" in fila and "Avanzado" in fila
    # r = A/E = 54.99996 / 50 < 1.10: A is not «55.0 %» over E «50.0 %» beside «Adecuado»
    fila = next(linea for linea in r.out.splitlines() if linea.startswith("| R1"))
    assert "54.99996 %" in fila and "50.0 %" in fila and "Adecuado" in fila
    r = cli("-q", "sexenal", "--specs", str(tmp_path), "-f", "csv")
    filas = {f["id"]: f for f in csv.DictReader(io.StringIO(r.out))}
    assert filas["I2"]["meta_intermedia"] == "No alcanzada"
    assert filas["I2"]["meta_intermedia_cumplimiento_pct"] == "99.999999999999"


SEMAFORO = """\
clave: X003
ramo: 51
nombre: Prueba
mir:
  - id: S2
    nivel: Propósito
    nombre: semáforo rojo
    sentido: ascendente
    umbrales: {verde: 100, rojo: 99.999}
    metas: {2023: {meta: 100, valor: 99.9985}}
  - id: C1
    nivel: Propósito
    nombre: cambio mínimo
    sentido: ascendente
    metas:
      2021: {meta: 1, valor: 1.0000010}
      2022: {meta: 1, valor: 1.0000005}
"""


def test_an_alerts_figures_keep_the_order_of_the_exact_ones(cli, tmp_path):
    """«se logró 100.00, por debajo del umbral verde de 100.00» and «de 1.00 a 1.00» said
    nothing true: the printed figures compare as the exact ones do."""
    (tmp_path / "X003.yaml").write_text(SEMAFORO, "utf-8")
    r = cli("-q", "alertas", "--specs", str(tmp_path), "-f", "csv", "-c", "id,enunciado")
    assert r.code == 0, r.err
    assert "se logró 99.999, por debajo del umbral verde de 100.000" in r.out
    assert "al pasar de 1.0000010 a 1.0000005" in r.out


def test_a_cobertura_mark_below_100_does_not_say_pa_above_po(cli, tmp_path):
    """A methodology may mark PA/PO from 99.99 %: a PA equal to (or below) its PO is marked,
    but the nota says what is true of it, not «PA > PO»."""
    from pathlib import Path

    from issste_mon.metodologia import default_path

    texto = Path(default_path()).read_text("utf-8")
    assert "alerta_mayor_a: 100" in texto
    (tmp_path / "m.yaml").write_text(texto.replace("alerta_mayor_a: 100", "alerta_mayor_a: 99.99"))
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "X001.yaml").write_text(
        "clave: X001\nramo: 51\nnombre: x\npoblaciones:\n"
        "  2021: {unidad_medida: P, potencial: 100000, objetivo: 100000, atendida: 100000}\n"
        "  2022: {unidad_medida: P, potencial: 100000, objetivo: 100000, atendida: 99995}\n"
        "  2023: {unidad_medida: P, potencial: 100000, objetivo: 100000, atendida: 100004}\n",
        "utf-8",
    )
    r = cli(
        "-q",
        "cobertura",
        "--specs",
        str(specs),
        "--metodologia",
        str(tmp_path / "m.yaml"),
        "-f",
        "csv",
        "-c",
        "anio,nota",
    )
    assert r.code == 0, r.err
    assert r.out.splitlines()[1:] == [
        "2021,cobertura mayor a 99.99 %: PA = PO",
        "2022,cobertura mayor a 99.99 %",
        "2023,cobertura mayor a 99.99 %: PA > PO",
    ]


@pytest.mark.parametrize("seccion", ["avance_sexenal", "meta_intermedia"])
def test_a_methodology_without_the_sexenal_rules_is_said_not_a_traceback(cli, tmp_path, seccion):
    from pathlib import Path

    from issste_mon.metodologia import default_path

    texto = Path(default_path()).read_text("utf-8")
    inicio = texto.index(f"\n{seccion}:\n")
    fin = re.search(r"\n[a-z_]+:", texto[inicio + 1 :]).start() + inicio + 1
    (tmp_path / "m.yaml").write_text(texto[:inicio] + texto[fin:], "utf-8")
    r = cli("sexenal", "--metodologia", str(tmp_path / "m.yaml"), "-f", "csv")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"error: {tmp_path / 'm.yaml'}: la metodología no define «{seccion}»: el avance de los "
        "indicadores de un programa derivado (PI-ISSSTE-2020-2024) se clasifica con esas reglas\n"
    )
