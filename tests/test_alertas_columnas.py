"""`alertas` by columns (`calc.alertas_columnas`): the rows of «meta no alcanzada» and
«deterioro» it makes itself — leaving years and pairs out on their binary values — are the rows
`calc.alertas.evaluar` makes on the exact path, value for value and type for type, in its order:
a few units of the last place either side of each threshold, ties of the rounding, both
sentidos and formulas, missing and non-numeric years, metas modificadas, thresholds other than 0."""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal

import pytest

from issste_mon.calc import alertas as calc
from issste_mon.calc import alertas_columnas as columnas
from issste_mon.calc.tendencias import Serie
from issste_mon.modelo import Faltante


def _serie(valores, metas=None, sentido="ascendente", id_="P1", **kw) -> Serie:
    return Serie(
        "programa",
        "X001",
        51,
        id_,
        "Propósito",
        "Porcentaje de prueba",
        sentido,
        "Porcentaje",
        valores=dict(valores),
        metas=dict(metas or {}),
        **kw,
    )


def _vecinos(x: float, n: int = 4) -> list[float]:
    """x and the n doubles either side of it."""
    out = [x]
    for paso in (math.inf, -math.inf):
        y = x
        for _ in range(n):
            y = math.nextafter(y, paso)
            out.append(y)
    return out


def _iguales(series: list[Serie], met) -> list[tuple]:
    assert all(map(columnas._rapida, series))  # (the shortcut is what is tested)
    exactas = [dataclasses.replace(s) for s in series]
    sin_exacto, sin_rapido = [], []
    esperado = [tuple(f.values()) for f in calc.evaluar(exactas, [], met, sin_evaluar=sin_exacto)]
    rapidas = [dataclasses.replace(s) for s in series]
    obtenido = columnas.evaluar(rapidas, [], met, sin_evaluar=sin_rapido)
    assert obtenido == esperado
    assert [tuple(map(type, f)) for f in obtenido] == [tuple(map(type, f)) for f in esperado]
    assert [(n.regla, n.serie.id, n.anio) for n in sin_rapido] == [
        (n.regla, n.serie.id, n.anio) for n in sin_exacto
    ]
    return obtenido


def _met(metodologia, formula="inversa", **cambios):
    return metodologia.con(
        formula_descendente=formula,
        alertas=dataclasses.replace(metodologia.alertas, **cambios),
    )


@pytest.mark.parametrize(
    ("sentido", "formula"),
    [("ascendente", "inversa"), ("descendente", "inversa"), ("descendente", "espejo")],
)
def test_meta_no_alcanzada_a_few_ulp_around_90(metodologia, sentido, formula):
    met = _met(metodologia, formula)
    series = []
    for i, meta in enumerate((1.1, 3.0, 7.0, 0.3, 123.456, 29338, 2**53 + 1, 0.1 + 0.2)):
        if sentido == "ascendente":
            borde = float(meta) * 0.9  # (90 % written as 0.9 × meta: its float noise)
        elif formula == "espejo":
            borde = float(meta) * 1.1
        else:
            borde = float(meta) / 0.9
        anios = dict(enumerate(_vecinos(borde), 2000))
        series.append(_serie(anios, dict.fromkeys(anios, meta), sentido, id_=f"P{i}"))
    filas = _iguales(series, met)
    regla = columnas.CLAVES.index("regla")
    mna = [f for f in filas if f[regla] == calc.META_NO_ALCANZADA]
    assert 0 < len(mna) < sum(len(s.metas) for s in series)  # (both sides of the edge)


def test_meta_no_alcanzada_at_other_thresholds_and_ties(metodologia):
    """Exact ties: 99 of 110 is 90 %, 0.99 of 1.1 too (89.99… in floats); 55 of 50 is 110."""
    for umbral, pares in [
        (Decimal(90), [(99, 110), (0.99, 1.1), (89.99999999999999, 100), (90, 100.0)]),
        (Decimal(110), [(55, 50), (54.99, 50), (55.00000000000001, 50)]),
        (Decimal("33.3"), [(1, 3), (0.333, 1), (0.3329999999999999, 1)]),
    ]:
        met = _met(metodologia, cumplimiento_menor_a=umbral)
        s = _serie(
            {2000 + i: v for i, (v, _) in enumerate(pares)},
            {2000 + i: m for i, (_, m) in enumerate(pares)},
        )
        _iguales([s], met)


def test_meta_no_alcanzada_with_what_is_not_a_number(metodologia):
    """Missing years, ND/NA, meta 0 or negative (`NoEvaluada`, in its order), ints beyond 2⁵³,
    -0.0 and 0 beside each other."""
    nd = Faltante("ND")
    valores = {2000: 5, 2001: nd, 2003: 80.0, 2004: -3.0, 2005: 7, 2006: 2**60, 2007: -0.0}
    metas = {2000: 10, 2001: 100, 2002: 100, 2003: 0, 2004: -10, 2005: nd, 2006: 2**61, 2007: 0.0}
    for sentido, formula in [("ascendente", "inversa"), ("descendente", "inversa")] + [
        ("descendente", "espejo"),
        ("constante", "espejo"),
    ]:
        _iguales([_serie(valores, metas, sentido)], _met(metodologia, formula))


def test_meta_no_alcanzada_with_metas_modificadas_and_supuestos(metodologia):
    s = _serie(
        {2019: 85.0, 2020: 70, 2021: 95.5},
        {2019: 100.0, 2020: 100, 2021: 100},
        notas_meta={2019: "meta modificada 100 (original 80)"},
        metas_supuestas={2019: "meta modificada elegida (supuesto)", 2020: "otra"},
        inferido=("sentido",),
    )
    filas = _iguales([s], _met(metodologia))
    reglas = [f[columnas.CLAVES.index("regla")] for f in filas]
    # (two misses, one move against the sentido; a nota and a supuesto each)
    assert reglas.count(calc.META_NO_ALCANZADA) == 2 and reglas.count(calc.DETERIORO) == 1


@pytest.mark.parametrize("sentido", ["ascendente", "descendente", "constante"])
def test_deterioro_a_few_ulp_apart_and_equal(metodologia, sentido):
    """Equal values (5 and 5.0, 0.0 and -0.0), neighbours a few ulp apart either way, ints
    beyond 2⁵³, a year without a number between two that have one."""
    vecinos = _vecinos(2.5) + _vecinos(1e-300, 2) + _vecinos(123456.789)
    valores = dict(enumerate(vecinos, 1900))
    valores |= {1990: 5, 1991: 5.0, 1992: 0.0, 1993: -0.0, 1994: 0, 1995: 2**53 + 1}
    valores |= {1996: 2**53, 1997: float(2**53), 1998: None, 1999: 3, 2000: Faltante("NA")}
    valores |= {2001: 2.9999999999999996, 2002: 3}
    s = _serie(valores, sentido=sentido)
    filas = _iguales([s], _met(metodologia))
    reglas = {f[columnas.CLAVES.index("regla")] for f in filas}
    assert calc.CAMBIO_TENDENCIA in reglas  # (made by the columns too: `_tendencia`)
    if sentido != "constante":
        assert calc.DETERIORO in reglas


@pytest.mark.parametrize("umbral", [Decimal("0.5"), Decimal("-0.25"), Decimal("1E-15")])
def test_deterioro_other_thresholds_take_the_exact_path(metodologia, umbral):
    """1.1 − 0.6 is 0.5 exactly (in floats 0.5000…1); 2.5 − 2.25 is 0.25."""
    valores = {2000: 1.1, 2001: 0.6, 2002: 0.6, 2003: 1.1, 2004: 2.5, 2005: 2.25, 2006: 2.5}
    valores |= dict(enumerate(_vecinos(0.1), 2010))
    for sentido in ("ascendente", "descendente"):
        _iguales([_serie(valores, sentido=sentido)], _met(metodologia, deterioro_mayor_a=umbral))


def test_shortcut_is_taken_and_the_rest_goes_the_exact_way(metodologia, monkeypatch):
    """Series of `_rapida` never reach `calc.alertas`' two rules; one with a semáforo, a year's
    nota or a year outside its program does, and its rows are the same too."""
    vistas = []
    original = calc.meta_no_alcanzada

    def espia(s, *args, **kw):
        vistas.append(s.id)
        return original(s, *args, **kw)

    monkeypatch.setattr(calc, "meta_no_alcanzada", espia)
    met = _met(metodologia)
    base = {"valores": {2019: 50.0, 2020: 40}, "metas": {2019: 100, 2020: 100.0}}
    series = [
        _serie(**base, id_="rapida"),
        _serie(**base, id_="semaforo", semaforos={2019: {"verde": 95, "amarillo": 90}}),
        _serie(**base, id_="nota", notas={2020: "cifra preliminar"}),
        _serie(**base, id_="fuera", vigencia=(2020, None)),
    ]
    assert [columnas._rapida(s) for s in series] == [True, False, False, False]
    esperado = [tuple(f.values()) for f in original.__globals__["evaluar"](series, [], met)]
    vistas.clear()
    assert columnas.evaluar(series, [], met) == esperado
    assert vistas == ["semaforo", "nota", "fuera"]


def test_escritos_by_numpy_are_numero_escrito_cell_by_cell():
    """`escritos` of a long column of floats and None (numpy) gives what `numero_escrito`
    gives each cell, at the edges of its shortcuts: the exponent of repr (10⁻⁴, 10¹⁶), 2⁵³,
    whole doubles, -0.0, NaN and infinities."""
    from issste_mon.salida.tabla import escritos, numero_escrito

    bordes = [1e-3, 1e-4, 1e-5, 1e15, 1e16, 2.0**53, 2.0**53 + 2, 2.0**52 + 0.5, 0.0, 1.5]
    celdas = [None, math.nan, math.inf, -math.inf, -0.0, 12.0, 89.99999999999999, 0.1 + 0.2]
    for x in bordes:
        for y in _vecinos(x, 3):
            celdas += [y, -y]
    columna = (celdas * (2_000 // len(celdas) + 1))[:2_500]
    uno_a_uno = list(map(numero_escrito, columna))
    juntos = escritos(columna)
    assert list(map(repr, juntos)) == list(map(repr, uno_a_uno))
    assert list(map(type, juntos)) == list(map(type, uno_a_uno))


def test_primera_prints_as_fmt_number_does():
    """`cifras`' first try at a value (`_primera`) is `fmt_number` at 0 decimals for a whole
    one and at 2 for one with no more: the same text without rounding where there is nothing
    to round (1 or 2 decimals, a whole value), at any size and sign."""
    from issste_mon.salida.numfmt import fmt_number, round_half_up

    def esperado(x):
        if x == x.to_integral_value():
            entero = fmt_number(x, 0)
            return (entero, entero + ".00")
        r = round_half_up(x, 2)
        return (None, fmt_number(x, 2) if r == x else None)

    textos = ["1", "-1", "12.0", "1234567", "-9876543.0", "1E+3", "1.0E+30", "2.5", "-2.50"]
    textos += ["1234.56", "-0.05", "0.1", "2.500", "2.505", "0.004", "89.99999999999999"]
    textos += ["123456789012345678901234567890.5", "5E-324", "9007199254740993", "0.30"]
    for texto in textos:
        x = Decimal(texto)
        calc._PRIMERAS.pop(x, None)
        assert calc._primera(x) == esperado(x), texto


@pytest.mark.parametrize("formato", ["csv", "tsv", "json", "jsonl", "markdown"])
def test_a_table_of_columns_writes_as_its_rows_do(specs, formato):
    """`alertas`' table holds its rows as columns (`FilasDeColumnas`); written, it is the
    same text as the table of the same rows as dicts — past one piece of 8,192 rows too, with
    `--columnas`, and its `to_records()` and `to_dataframe()` are those of the rows."""
    import io

    import issste_mon as im
    from issste_mon.salida import render
    from issste_mon.salida.formatos import Formato
    from issste_mon.salida.tabla import FilasDeColumnas

    tabla = im.alertas(specs)
    assert tabla.filas.__class__ is FilasDeColumnas and len(tabla) > 10
    veces = 9_000 // len(tabla) + 1 if formato in ("csv", "tsv") else 1
    datos = {k: v * veces for k, v in tabla.filas.datos.items()}
    por_columnas = dataclasses.replace(tabla, filas=FilasDeColumnas(datos))
    por_filas = dataclasses.replace(tabla, filas=list(por_columnas.filas))
    assert len(por_columnas) > 8_192 or veces == 1
    for una, otra in [(por_columnas, por_filas)] + [
        (t.con_columnas(["enunciado", "supuesto", "meta", "clave"]), None) for t in (por_columnas,)
    ]:
        otra = otra or dataclasses.replace(una, filas=list(una.filas))
        textos = []
        for t in (una, otra):
            out = io.StringIO()
            render.render(t, Formato(formato), out)
            textos.append(out.getvalue())
        assert textos[0] == textos[1]
        assert una.to_records() == otra.to_records()
        assert una.to_dataframe().equals(otra.to_dataframe())
