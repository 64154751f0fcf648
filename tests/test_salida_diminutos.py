"""`alertas` and `tendencias` never write a non-zero figure as a zero, nor lose its sign
(«Nunca un cero falso», «Cifras exactas y columnas de las salidas de datos»).

Their computed figures went through a double (`calc.tendencias.maquina`) before the writers
saw them: below the least normal double (~2.2·10⁻³⁰⁸) that double is 0, so a cumplimiento of
10⁻⁵⁹⁸ % (a valor of 10⁻³⁰⁰ over a meta of 10³⁰⁰), an avance proyectado, a projected value, a
PA/PO of a falling coverage and a change of 2·10⁻³²⁴ between two values (two adjacent doubles
typed as their shortest decimals) were written `0` in csv, tsv, json and jsonl, `0.00 %` for
people and 0 in xlsx — a negative one too, and a change of «0» beside «mejora» —, and a
little above 0 the double keeps a few digits only (1.23456789·10⁻³²⁰ was written 1.2347e-320's
digits). Each is now its exact digits, with its sign, in every format; the values are exact,
worked out by hand.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import spec_derivado
from test_salida_cortes import DATOS, _correr

from issste_mon.salida.formatos import Formato

PROGRAMA = """\
clave: E902
ramo: 51
nombre: Diminutos
poblaciones:
  2017: {unidad_medida: Personas, objetivo: 1.0e+300, atendida: 2.0e-300}
  2018: {unidad_medida: Personas, objetivo: 1.0e+300, atendida: 1.0e-300}
mir:
  - id: A1
    nivel: Propósito
    nombre: Cumplimiento diminuto
    sentido: ascendente
    metas:
      2017: {meta: 1.0e+300, valor: 1.0e-300}
      2018: {meta: 1.0e+300, valor: -1.0e-300}
      2019: {meta: 1.0e+22, valor: 1.23456789e-300}
  - id: B1
    nivel: Componente
    nombre: Cambio diminuto
    sentido: ascendente
    metas:
      2017: {valor: 2.225073858507254e-308}
      2018: {valor: 2.2250738585072542e-308}
      2019: {valor: 2.225073858507254e-308}
"""

# 0.6 of a línea base, two years after it: projected to 2024 (five years), (5v − 3·LB) / 2,
# which for these two pairs of doubles is ±5·10⁻³²⁵; with a meta sexenal of 10³⁰⁰ and a value
# of ±10⁻³⁰⁰ over a línea base of 0, the avance is ±10⁻³⁰⁰·5 / (2·10³⁰⁰) × 100.
INDICADORES = """\
      - id: "1.1"
        nombre: Avance diminuto
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 1.0e+300
        valores: {2021: 1.0e-300}
      - id: "1.2"
        nombre: Avance diminuto negativo
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 1.0e+300
        valores: {2021: -1.0e-300}
      - id: "1.3"
        nombre: Proyección diminuta
        sentido: ascendente
        linea_base: {anio: 2019, valor: 3.7084564308453373e-308}
        meta_sexenal: 1
        valores: {2021: 2.2250738585072024e-308}
      - id: "1.4"
        nombre: Proyección diminuta negativa
        sentido: ascendente
        linea_base: {anio: 2019, valor: 3.7084564308453417e-308}
        meta_sexenal: 1
        valores: {2021: 2.225073858507205e-308}
"""

# (2019: the double of 1.23456789·10⁻³²⁰ keeps 5 digits, 1.2347e-320: not its value either)
CUMPLIMIENTO = {2017: Decimal("1E-598"), 2018: Decimal("-1E-598"), 2019: Decimal("1.23456789E-320")}
AVANCE = {"1.1": Decimal("2.5E-598"), "1.2": Decimal("-2.5E-598")}
PROYECCION = {"1.3": Decimal("5E-325"), "1.4": Decimal("-5E-325")}
COBERTURA = (Decimal("2E-598"), Decimal("1E-598"))
CAMBIO = {2018: (Decimal("2E-324"), "mejora"), 2019: (Decimal("-2E-324"), "empeora")}


@pytest.fixture(params=[False, True], ids=["columnas", "filas"])
def specs(request, tmp_path):
    """A year's `nota` sends A1 to `calc.alertas`' rows (the other path: `alertas_columnas`)."""
    texto = PROGRAMA
    if request.param:
        texto = texto.replace("valor: 1.0e-300}", "valor: 1.0e-300, nota: x}")
    (tmp_path / "E902.yaml").write_text(texto, encoding="utf-8")
    (tmp_path / "PD-DIM.yaml").write_text(spec_derivado("PD-DIM", INDICADORES), encoding="utf-8")
    return str(tmp_path)


def _mismo(escrito, exacto: Decimal) -> bool:
    """The same number, with its sign (Decimal(0) == Decimal("-0"): the sign is asked apart)."""
    return escrito == exacto and Decimal(escrito).is_signed() == exacto.is_signed()


def _id(fila: dict) -> str | None:
    """The id as text (the csv reader of `test_salida_cortes` reads «1.1» as a number)."""
    return None if fila["id"] in (None, "") else str(fila["id"])


@pytest.mark.parametrize("formato", DATOS, ids=str)
def test_alertas_writes_every_tiny_figure_with_its_digits_and_sign(cli, specs, formato):
    filas = _correr(cli, formato, "alertas", "--specs", specs)
    por = {(f["regla"], _id(f), f["anio_hasta"]): f for f in filas}
    for anio, pct in CUMPLIMIENTO.items():
        fila = por[("meta_no_alcanzada", "A1", anio)]
        assert _mismo(fila["cumplimiento_pct"], pct), fila
    for id_, avance in AVANCE.items():
        assert _mismo(por[("meta_sexenal_en_riesgo", id_, 2024)]["avance_pct"], avance)
    for id_, valor in PROYECCION.items():
        assert _mismo(por[("meta_sexenal_en_riesgo", id_, 2024)]["valor_hasta"], valor)
    caida = por[("cobertura_decreciente", None, 2018)]
    assert (caida["valor_desde"], caida["valor_hasta"]) == COBERTURA


@pytest.mark.parametrize("formato", DATOS, ids=str)
def test_tendencias_writes_a_tiny_change_beside_its_direction(cli, specs, formato):
    """2.2250738585072542e-308 − 2.225073858507254e-308 is 2·10⁻³²⁴: «0» beside «mejora»."""
    filas = _correr(cli, formato, "tendencias", "E902", "--specs", specs)
    cambios = {int(f["anio"]): (f["cambio"], f["direccion"]) for f in filas if _id(f) == "B1"}
    for anio, (cambio, direccion) in CAMBIO.items():
        assert _mismo(cambios[anio][0], cambio) and cambios[anio][1] == direccion
    pcts = {int(f["anio"]): f["cumplimiento_pct"] for f in filas if _id(f) == "A1"}
    assert all(_mismo(pcts[a], pct) for a, pct in CUMPLIMIENTO.items())


def _celdas(texto: str) -> list[list[str]]:
    filas = [ln for ln in texto.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in filas[2:]]


def _numero(celda: str) -> Decimal:
    return Decimal(re.sub(r"[ ,%⚠]", "", celda))


def _dos_cifras(x: Decimal) -> Decimal:
    """What people read of a value too small for its decimals: two significant digits
    (`numfmt.fmt_number`)."""
    return x.quantize(Decimal(1).scaleb(x.adjusted() - 1), rounding=ROUND_HALF_UP)


def test_people_read_the_tiny_figures_not_zero(cli, specs):
    """Markdown (and the terminal: the same cell, `salida.celdas.celda`) printed «0.00 %» for
    10⁻⁵⁹⁸ % and for −10⁻⁵⁹⁸ %, and «0» beside «mejora»."""
    r = cli("alertas", "--specs", specs, "-f", "markdown", "-c", "id,regla,cumplimiento_pct")
    pcts = [_numero(c) for i, regla, c in _celdas(r.out) if regla == "Meta no alcanzada"]
    esperados = [_dos_cifras(p) for p in CUMPLIMIENTO.values()]
    assert all(_mismo(p, e) for p, e in zip(pcts, esperados, strict=True)), pcts
    r = cli("alertas", "--specs", specs, "-f", "markdown", "-c", "id,avance_pct,valor_hasta")
    celdas = {i: (a, v) for i, a, v in _celdas(r.out)}
    for id_, avance in AVANCE.items():
        assert _mismo(_numero(celdas[id_][0]), avance)
    for id_, valor in PROYECCION.items():
        assert _mismo(_numero(celdas[id_][1]), valor)
    r = cli(
        "tendencias", "E902", "--specs", specs, "-f", "markdown", "-c", "id,anio,cambio,direccion"
    )
    filas = {int(a): (_numero(c), d) for i, a, c, d in _celdas(r.out) if i == "B1" and c}
    assert all(_mismo(filas[a][0], c) and filas[a][1] == d for a, (c, d) in CAMBIO.items())


def test_xlsx_keeps_the_tiny_figures_as_their_exact_text(cli, specs, tmp_path):
    """A double holds none of them: each cell is its exact text with the comment that says
    why, as `cumplimiento` and `cobertura` write such a cell; never the 0 they were."""
    openpyxl = pytest.importorskip("openpyxl")
    leidos = {}
    for comando in ("alertas", "tendencias"):
        out = tmp_path / f"{comando}.xlsx"
        r = cli(comando, "--specs", specs, "-f", str(Formato.xlsx), "--salida", str(out))
        assert r.code == 0, r.err
        ws = openpyxl.load_workbook(out).worksheets[0]
        titulos = [c.value for c in ws[1]]
        leidos[comando] = [
            dict(zip(titulos, fila, strict=False)) for fila in ws.iter_rows(min_row=2)
        ]

    def texto(celda) -> Decimal:
        assert celda.data_type == "s" and celda.comment is not None, celda.value
        return _numero(celda.value)

    alertas = [f for f in leidos["alertas"] if f["Regla"].value]
    pcts = [texto(f["Cumplimiento"]) for f in alertas if f["Regla"].value == "meta_no_alcanzada"]
    assert all(_mismo(p, e) for p, e in zip(pcts, CUMPLIMIENTO.values(), strict=True))
    sexenal = {f["Id"].value: f for f in alertas if f["Regla"].value == "meta_sexenal_en_riesgo"}
    assert all(_mismo(texto(sexenal[i]["Avance proyectado"]), a) for i, a in AVANCE.items())
    assert all(_mismo(texto(sexenal[i]["Valor"]), v) for i, v in PROYECCION.items())
    (caida,) = [f for f in alertas if f["Regla"].value == "cobertura_decreciente"]
    assert (texto(caida["Valor inicial"]), texto(caida["Valor"])) == COBERTURA
    cambios = {
        f["Año"].value: texto(f["Cambio"])
        for f in leidos["tendencias"]
        if f["Id"].value == "B1" and f["Cambio"].value is not None
    }
    assert all(_mismo(cambios[a], c) for a, (c, _) in CAMBIO.items())


def test_records_hold_the_exact_decimal(specs):
    """`to_records()` gives the Decimal where no double holds the figure (as documented)."""
    from issste_mon import api

    s = api.cargar(specs)
    filas = api.alertas(s).to_records()
    avances = {f["id"]: f["avance_pct"] for f in filas if f["avance_pct"] is not None}
    assert all(_mismo(avances[i], a) for i, a in AVANCE.items())
    cambios = {f["anio"]: f["cambio"] for f in api.tendencias(s).to_records() if f["id"] == "B1"}
    assert all(_mismo(cambios[a], c) for a, (c, _) in CAMBIO.items())
