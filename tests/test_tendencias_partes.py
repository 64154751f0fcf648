"""`tendencias -f csv/tsv/json/jsonl` is written part by part, as `cumplimiento` is: at 3,000
synthetic programs the whole table (~390,000 rows as dicts) held 1.1 GB (1.8 GB for json).
The streamed output must be, byte for byte, what the whole table (`im.tendencias`) renders to,
summary included: on the bundled specs (derived programs, ND/NA, inferred sentidos, notas) and
on a generated set, with parts of a few series, years, claves and a column selection.
"""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import issste_mon as im
from issste_mon.calc import tendencias as calc
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.consultas import alertas as consultas
from issste_mon.errores import SinDatos
from issste_mon.salida.celdas import TablaPorPartes, columnas_de_parte
from issste_mon.salida.formatos import POR_PARTES, Formato
from issste_mon.salida.render import render
from issste_mon.salida.tabla import Columna as C
from issste_mon.salida.tabla import Tabla

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

FORMATOS = sorted(POR_PARTES)


@pytest.fixture(scope="module")
def sintetico(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("sintetico")
    generate.generate(carpeta, programas=40, indicadores=9, anios=8, seed=11)
    return load_paths([str(carpeta)])


@pytest.fixture(scope="module")
def incluidas():
    return load_paths([str(bundled_specs_dir())])


def _texto(tabla, formato) -> str:
    out = io.StringIO()
    render(tabla, formato, out)
    return out.getvalue()


def _comparar(specs, met, claves=None, columnas=None, **anios):
    entera = im.tendencias(specs, claves, metodologia=met, **anios)
    for formato in FORMATOS:
        partes = im.tendencias(specs, claves, metodologia=met, por_partes=True, **anios)
        assert isinstance(partes, TablaPorPartes)
        esperada = entera
        if columnas:
            esperada, partes = entera.con_columnas(columnas), partes.con_columnas(columnas)
        assert partes.resumen == []  # filled as the last part is written
        assert _texto(partes, formato) == _texto(esperada, formato), formato
        assert partes.resumen == entera.resumen
    return entera


@pytest.mark.parametrize("series", [1, 7, 5000])
def test_partes_del_sintetico_igual_a_la_tabla_entera(sintetico, metodologia, monkeypatch, series):
    monkeypatch.setattr(consultas, "SERIES_POR_PARTE", series)
    entera = _comparar(sintetico, metodologia)
    assert len(entera) > 2000


def test_partes_de_las_specs_incluidas(incluidas, metodologia, monkeypatch):
    monkeypatch.setattr(consultas, "SERIES_POR_PARTE", 3)
    entera = _comparar(incluidas, metodologia)
    assert "sin ninguno de los dos" in entera.resumen[0]  # (a year with neither figure)
    _comparar(incluidas, metodologia, claves=["PI-ISSSTE", "E045"])
    _comparar(incluidas, metodologia, anio=2022)
    _comparar(incluidas, metodologia, anio_desde=2019, columnas=["clave", "cambio", "nota"])


def test_sin_filas_es_un_error_antes_de_escribir(incluidas, metodologia):
    with pytest.raises(SinDatos):
        im.tendencias(incluidas, metodologia=metodologia, anio=1990, por_partes=True)


def test_la_cli_no_tiene_todas_las_filas_a_la_vez(cli, sintetico, metodologia, monkeypatch):
    """`tendencias -f csv` computes the rows a part at a time (never every series in one call)
    and writes what the API's whole table renders to."""
    monkeypatch.setattr(consultas, "SERIES_POR_PARTE", 50)
    llamadas: list[int] = []
    filas = calc.filas

    def contadas(series, m):
        llamadas.append(len(series))
        return filas(series, m)

    monkeypatch.setattr(calc, "filas", contadas)
    carpeta = str(Path(sintetico.programas[0].archivo).parents[1])
    r = cli("tendencias", "--specs", carpeta, "-f", "csv")
    assert r.code == 0, r.err
    total = sum(len(p.mir) for p in sintetico.programas)
    assert max(llamadas) == 50 and sum(llamadas) == total
    llamadas.clear()
    entera = im.tendencias(load_paths([carpeta]), metodologia=metodologia)
    assert llamadas == [total]  # (the API's table: one call over every series)
    assert r.out == _texto(entera, Formato.csv)
    assert entera.resumen[0] in r.err


def test_una_parte_guarda_los_bordes_como_la_tabla_entera():
    """A part's exact value next to a cut (110.000000000001 beside «Alto») is written
    whole, as the whole table writes it: never rounded onto the cut (110)."""
    col = C("cumplimiento_pct", "Cumplimiento", "pct", bordes=(Decimal(90), Decimal(110)))
    valores = [Decimal("110.000000000001"), Decimal("89.999999999999"), Decimal(95)]
    entera = Tabla("t", [col], [{"cumplimiento_pct": v} for v in valores]).to_columns()
    parte = columnas_de_parte([col], {"cumplimiento_pct": valores})
    assert parte["cumplimiento_pct"] == entera["cumplimiento_pct"]
    assert entera["cumplimiento_pct"][0] != 110 and entera["cumplimiento_pct"][1] != 90


@pytest.mark.parametrize("conjunto", ["sintetico", "incluidas"])
def test_lo_de_cada_serie_se_dice_una_vez_por_serie(request, conjunto, metodologia, monkeypatch):
    """What a row rests on (`supuestos.supuestos`) depends on its series: asked once per series
    (twice: a cumplimiento's and a change's words), not once per row; the years outside the
    program's (`fuera_de_vigencia`) are looked for only in a series that has such years."""
    from issste_mon.calc import supuestos

    specs = request.getfixturevalue(conjunto)
    series = consultas._series(specs, metodologia, None, calc.TODOS_LOS_ANIOS)[1]
    llamadas = {"supuestos": 0, "fuera": 0}
    originales = supuestos.supuestos, calc.Serie.fuera_de_vigencia

    def contar(nombre, fn):
        def contada(*args, **kwargs):
            llamadas[nombre] += 1
            return fn(*args, **kwargs)

        return contada

    monkeypatch.setattr(supuestos, "supuestos", contar("supuestos", originales[0]))
    monkeypatch.setattr(calc.Serie, "fuera_de_vigencia", contar("fuera", originales[1]))
    filas = calc.filas(series, metodologia)
    if conjunto == "sintetico":
        assert len(filas) > 4 * len(series)
    assert 0 < llamadas["supuestos"] <= 2 * len(series)
    fuera = [s for s in series if s.fuera_posible()]
    assert llamadas["fuera"] == sum(len(s.anios()) for s in fuera)
    # (the rows say the same: a year outside names it, and no other row does)
    con_nota = sum("del programa (" in (r["nota"] or "") for r in filas)
    assert con_nota <= llamadas["fuera"]
    assert (con_nota > 0) == (conjunto == "incluidas")  # (E045's 2014 and 2015)


def test_las_filas_de_una_tabla_por_partes_desde_python(incluidas, metodologia, monkeypatch):
    """`to_records()` of `tendencias(por_partes=True)` is its rows (it gave [])."""
    monkeypatch.setattr(consultas, "SERIES_POR_PARTE", 3)
    entera = im.tendencias(incluidas, metodologia=metodologia)
    por_partes = im.tendencias(incluidas, metodologia=metodologia, por_partes=True)
    assert por_partes.to_records() == entera.to_records() != []
    assert len(por_partes) == len(entera) and por_partes
    assert por_partes.to_dataframe().equals(entera.to_dataframe())


@pytest.mark.parametrize("conjunto", ["incluidas", "sintetico"])
def test_el_estado_de_meta_y_valor_es_el_de_cumplimiento(request, conjunto, metodologia):
    """A row of both tables (clave, indicator, year) says why its meta or valor is null in the
    same words: tendencias left «meta_estado» empty where cumplimiento said «ausente» (E043 P1
    2023, E049 P1 2023, E045 S1 2014–2017 of the bundled specs), whole or by parts."""
    specs = request.getfixturevalue(conjunto)
    clave = ("clave", "id", "anio")
    cumplimiento = {
        tuple(r[k] for k in clave): (r["meta_estado"], r["valor_estado"])
        for r in im.cumplimiento(specs, metodologia=metodologia).to_records()
    }
    for por_partes in (False, True):
        filas = im.tendencias(specs, metodologia=metodologia, por_partes=por_partes).to_records()
        comunes = [r for r in filas if tuple(r[k] for k in clave) in cumplimiento]
        assert len(comunes) > 8
        assert any(r["meta_estado"] == "ausente" for r in comunes) or conjunto == "sintetico"
        for r in comunes:
            estados = (r["meta_estado"], r["valor_estado"])
            assert estados == cumplimiento[tuple(r[k] for k in clave)], r
