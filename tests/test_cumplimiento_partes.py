"""`cumplimiento -f csv/tsv/json/jsonl` is written part by part (issue 20: a federal set has
over a million rows; the command never holds them all). The streamed output must be, byte for
byte, what the whole table (`im.cumplimiento`, the API) renders to, summary included: on the
bundled specs, on a generated synthetic set (with parts of a few rows, so programs straddle
many parts), with a year, a level, a column selection and other methodology switches.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from pathlib import Path

import pytest

import issste_mon as im
from issste_mon.calc import cumplimiento as calc
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.errores import EntradaInvalida, SinDatos
from issste_mon.modelo.metas import MetasEnColumnas
from issste_mon.salida.celdas import TablaPorPartes
from issste_mon.salida.formatos import POR_PARTES, Formato
from issste_mon.salida.render import render

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

FORMATOS = sorted(POR_PARTES)


@pytest.fixture(scope="module")
def sintetico(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("sintetico")
    generate.generate(carpeta, programas=80, indicadores=9, anios=8, seed=7)
    return load_paths([str(carpeta)])


@pytest.fixture(scope="module")
def incluidas():
    return load_paths([str(bundled_specs_dir())])


def _texto(tabla, formato) -> str:
    out = io.StringIO()
    render(tabla, formato, out)
    return out.getvalue()


def _comparar(specs, met, claves=None, anio=None, nivel=None, columnas=None, formatos=FORMATOS):
    entera = im.cumplimiento(specs, claves, anio=anio, nivel=nivel, metodologia=met)
    for formato in formatos:
        por_partes = im.cumplimiento(
            specs, claves, anio=anio, nivel=nivel, metodologia=met, por_partes=True
        )
        assert isinstance(por_partes, TablaPorPartes)
        esperada = entera
        if columnas:
            esperada = entera.con_columnas(columnas)
            por_partes = por_partes.con_columnas(columnas)
        assert por_partes.resumen == []  # filled as the last part is written
        assert _texto(por_partes, formato) == _texto(esperada, formato), formato
        assert por_partes.resumen == entera.resumen
    return entera


@pytest.mark.parametrize("filas", [1, 7, 5000])
def test_partes_del_sintetico_igual_a_la_tabla_entera(sintetico, metodologia, monkeypatch, filas):
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", filas)
    entera = _comparar(sintetico, metodologia)
    assert len(entera) > 3000  # many programs, ND/NA, metas modificadas, descendentes


def test_partes_de_las_specs_incluidas(incluidas, metodologia, monkeypatch):
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", 3)
    _comparar(incluidas, metodologia)
    _comparar(incluidas, metodologia, claves="E045")
    _comparar(incluidas, metodologia, anio=2023)


@pytest.mark.parametrize(
    "opciones",
    [
        {"anio": 2017},
        {"nivel": "propósito"},
        {"nivel": "Actividad", "anio": 2019},
        {"columnas": ["valor", "Cumplimiento", "clave", "nota"]},
    ],
)
def test_partes_con_filtros(sintetico, metodologia, monkeypatch, opciones):
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", 11)
    claves = [p.id_completo for p in sintetico.programas[:20]] if "anio" in opciones else None
    _comparar(sintetico, metodologia, claves=claves, **opciones)


@pytest.mark.parametrize(
    "cambio",
    [
        {"formula_descendente": "espejo"},
        {"meta": "original"},
        {"rango_superior": 105},
        # a user's methodology may name two bands alike: their counts add up under that name
        {"etiquetas_rango": {"bajo": "Fuera", "adecuado": "Dentro", "alto": "Fuera"}},
    ],
)
def test_partes_con_otra_metodologia(sintetico, metodologia, monkeypatch, cambio):
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", 13)
    _comparar(sintetico, dataclasses.replace(metodologia, **cambio), formatos=[Formato.csv])


def test_partes_con_semaforo(tmp_path, metodologia):
    from test_calc_alertas import SPEC_SEMAFORO

    (tmp_path / "U001.yaml").write_text(SPEC_SEMAFORO, encoding="utf-8")
    entera = _comparar(load_paths([str(tmp_path)]), metodologia)
    assert [f["semaforo"] for f in entera.filas] == ["Verde", "Amarillo", "Rojo", None]


def test_sin_filas_es_un_error_antes_de_escribir(incluidas, metodologia):
    with pytest.raises(SinDatos) as entera:
        im.cumplimiento(incluidas, "E045", anio=1999, metodologia=metodologia)
    with pytest.raises(SinDatos) as partes:
        im.cumplimiento(incluidas, "E045", anio=1999, metodologia=metodologia, por_partes=True)
    assert str(partes.value) == str(entera.value)
    with pytest.raises(EntradaInvalida):
        im.cumplimiento(incluidas, nivel="raíz", metodologia=metodologia, por_partes=True)


def test_una_tabla_por_partes_no_se_escribe_para_personas(incluidas, metodologia):
    tabla = im.cumplimiento(incluidas, metodologia=metodologia, por_partes=True)
    with pytest.raises(ValueError):
        render(tabla, Formato.markdown, io.StringIO())


def test_las_filas_de_una_tabla_por_partes_desde_python(sintetico, metodologia, monkeypatch):
    """`to_records()`, `to_dataframe()` and `len()` of a table by parts are its rows, as the
    whole table's: they read `filas`, which a table by parts leaves empty, and gave [], an
    empty frame and 0 (and `if tabla:` False) for 3,000 rows without a word."""
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", 500)
    entera = im.cumplimiento(sintetico, metodologia=metodologia)
    por_partes = im.cumplimiento(sintetico, metodologia=metodologia, por_partes=True)
    registros = por_partes.to_records()
    assert len(registros) == len(entera) == len(por_partes) > 3000 and por_partes
    assert registros == entera.to_records()
    assert por_partes.to_dataframe().equals(entera.to_dataframe())
    assert por_partes.resumen == entera.resumen
    clave, anio = entera.filas[-1]["clave"], entera.filas[-1]["anio"]
    una = dict(claves=clave, anio=anio, metodologia=metodologia)
    registros = im.cumplimiento(sintetico, **una, por_partes=True).to_records()
    assert registros == im.cumplimiento(sintetico, **una).to_records() != []


@pytest.mark.parametrize("formato", ["csv", "json", "tsv"])
def test_la_cli_escribe_lo_mismo_que_la_api(cli, sintetico, metodologia, formato, tmp_path):
    """The command (streamed) against the API table rendered whole: stdout and the summary."""
    carpeta = str(Path(sintetico.programas[0].archivo).parents[1])
    r = cli("cumplimiento", "--specs", carpeta, "-f", formato)
    assert r.code == 0, r.err
    entera = im.cumplimiento(load_paths([carpeta]), metodologia=metodologia)
    assert r.out == _texto(entera, Formato(formato))
    assert entera.resumen[0] in r.err
    salida = tmp_path / f"salida.{formato}"
    r = cli("cumplimiento", "--specs", carpeta, "-o", str(salida), "--columnas", "clave,meta")
    assert r.code == 0, r.err
    assert salida.read_text(encoding="utf-8") == _texto(
        entera.con_columnas(["clave", "meta"]), Formato(formato)
    )


def _frame_fila_por_fila(programas, anio=None, nivel=None, metodologia=None):
    """The frame as it was built before issue 20: a tuple per row, `DataFrame.from_records`."""
    import pandas as pd

    from issste_mon.modelo import es_numero

    use_mod = metodologia is None or metodologia.meta == "modificada_si_existe"
    records = []
    for p in programas:
        for ind in p.mir:
            if nivel is not None and ind.nivel != nivel:
                continue
            metas = (
                ind.metas.items()
                if anio is None
                else (((anio, ind.metas[anio]),) if anio in ind.metas else ())
            )
            for year, m in metas:
                mod = m.meta_modificada
                meta = mod if (use_mod and mod is not None and es_numero(mod)) else m.meta
                nota_meta = calc.nota_de_meta(m.meta, mod) if use_mod else None
                records.append(
                    (
                        p.clave, p.ramo, year, ind.id, ind.nivel, ind.nombre, ind.sentido,
                        ind.unidad_medida, calc._num(meta), calc._num(m.meta),
                        calc._num(m.meta_modificada), calc._num(m.valor), calc._estado(meta),
                        calc._estado(m.valor), p.archivo, nota_meta, m.nota,
                        m.publicado.get("cumplimiento"), ind.fuente or p.fuente, ind.inferido,
                    )
                )  # fmt: skip
    return pd.DataFrame.from_records(records, columns=calc._COLS)


@pytest.mark.parametrize("anio,nivel", [(None, None), (2017, None), (None, "Fin"), (1990, None)])
@pytest.mark.parametrize("meta", ["modificada_si_existe", "original", None])
def test_el_frame_por_columnas_es_el_de_fila_por_fila(sintetico, metodologia, anio, nivel, meta):
    import pandas as pd

    met = None if meta is None else dataclasses.replace(metodologia, meta=meta)
    esperado = _frame_fila_por_fila(sintetico.programas, anio, nivel, met)
    obtenido = calc.frame(sintetico.programas, anio, nivel, met)
    pd.testing.assert_frame_equal(obtenido, esperado, check_exact=True)
    assert list(obtenido.dtypes) == list(esperado.dtypes)


@pytest.mark.parametrize("formato", FORMATOS)
def test_columnas_por_indicador_con_texto_hostil(tmp_path, metodologia, formato):
    """The columns of an indicator come as runs (one value per indicator, `Repetidos`) and the
    CSV/TSV writer joins neighbouring ones once per indicator: each cell is still guarded and
    quoted on its own (a comma, a tab, a quote, a line break, a leading «=»), byte for byte
    as the whole table writes it."""
    nombres = ['=SUMA(A1), "caro"', "con\ttab", "dos\nlíneas", "+1", "normal"]
    mir = "".join(
        f"""
  - id: "I{i}, x"
    nivel: Componente
    nombre: {json.dumps(nombre)}
    sentido: ascendente
    metas:
      2022: {{meta: 10, valor: {i + 8}}}
      2023: {{meta: 10, valor: {i + 9}}}
"""
        for i, nombre in enumerate(nombres)
    )
    (tmp_path / "E901.yaml").write_text(
        f"clave: E901\nramo: 51\nnombre: Programa hostil\nmir:{mir}", encoding="utf-8"
    )
    specs = load_paths([str(tmp_path)])
    _comparar(specs, metodologia, formatos=[formato])
    parte = next(iter(im.cumplimiento(specs, metodologia=metodologia, por_partes=True).partes()))
    assert list(parte["indicador"]) == [n for n in nombres for _ in (2022, 2023)]


def test_un_cumplimiento_fuera_de_rango_dice_por_que(tmp_path, metodologia, cli):
    """Two numbers whose quotient passes 10^300 % have no cumplimiento: the row says why (in
    the streamed CSV and in the whole table alike), nothing but the summary reaches stderr
    (no numpy warning about the overflow), and the summary agrees in number."""
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Enorme\nmir:\n  - id: P1\n    nivel: Propósito\n"
        "    nombre: Enorme\n    sentido: ascendente\n    metas:\n"
        "      2022: {meta: 3, valor: 1.0e+308}\n      2023: {meta: 1.0e+300, valor: 2.5e+300}\n",
        encoding="utf-8",
    )
    specs = load_paths([str(tmp_path)])
    _comparar(specs, metodologia)
    filas = im.cumplimiento(specs, metodologia=metodologia).filas
    assert [f["nota"] for f in filas] == [calc.FUERA_DE_RANGO, None]
    r = cli("cumplimiento", "--specs", str(tmp_path), "-f", "csv")
    assert r.code == 0 and calc.FUERA_DE_RANGO in r.out
    assert r.err.splitlines() == [
        "Promedio de cumplimiento: 250.00 %, promedio de 1 indicador calculable (de 2), año "
        "2023. Por rango (90–110 %): Bajo 0, Adecuado 0, Alto 1."
    ]


def test_el_resumen_escribe_las_cuentas_como_cifras(sintetico, metodologia):
    """Counts in the summary read es-MX style (5,760, not 5760), like every figure printed."""
    import re

    linea = im.cumplimiento(sintetico, metodologia=metodologia).resumen[0]
    patron = r"promedio de (\S+) indicadores calculables \(de (\S+)\)"
    calculables, total = re.search(patron, linea).groups()
    conteos = re.findall(r"(?:Bajo|Adecuado|Alto) (\S+?)[,.](?: |$)", linea)
    assert int(total.replace(",", "")) >= 1000, linea  # the set is big enough to need commas
    for n in (calculables, total, *conteos):
        assert re.fullmatch(r"\d{1,3}(,\d{3})*", n), (n, linea)


# --- read from the cache: metas as columns (issue 20) -------------------------------------------


def _de_la_cache(carpeta: Path, cache: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ISSSTE_MON_CACHE_DIR", str(cache))
        load_paths([str(carpeta)], cache=True)  # writes the entries
        return load_paths([str(carpeta)], cache=True)


def _sin_hacer(specs) -> bool:
    """Whether every indicator's metas are still the cache's columns (no record made)."""
    return all(
        type(ind.metas) is MetasEnColumnas and ind.metas.columna("anio") is not None
        for p in specs.programas
        for ind in p.mir
        if ind.metas
    )


@pytest.fixture(scope="module")
def carpeta_sintetica(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("sintetico_cache")
    generate.generate(carpeta, programas=60, indicadores=9, anios=8, seed=11)
    from test_calc_alertas import SPEC_SEMAFORO

    (carpeta / "U001.yaml").write_text(SPEC_SEMAFORO, encoding="utf-8")
    return carpeta


@pytest.mark.parametrize("anio,nivel", [(None, None), (2017, None), (None, "Fin")])
def test_de_la_cache_sin_hacer_registros_lo_mismo(
    carpeta_sintetica, tmp_path, metodologia, anio, nivel
):
    """Specs read from the cache give, byte for byte, the cumplimiento of the parsed specs —
    whole table and part by part, with a year (one row of the columns), a level and SHCP's
    semáforo — reading the metas' columns: not one MetaAnual is made."""
    fria = load_paths([str(carpeta_sintetica)])
    tibia = _de_la_cache(carpeta_sintetica, tmp_path / "cache")
    assert _sin_hacer(tibia)
    for por_partes in (False, True):
        for formato in (Formato.csv, Formato.json):
            esperado = im.cumplimiento(fria, anio=anio, nivel=nivel, metodologia=metodologia)
            leido = im.cumplimiento(
                tibia, anio=anio, nivel=nivel, metodologia=metodologia, por_partes=por_partes
            )
            assert _texto(leido, formato) == _texto(esperado, formato)
    assert _sin_hacer(tibia) and not _sin_hacer(fria)


def test_de_la_cache_con_registros_hechos_y_cambiados(carpeta_sintetica, tmp_path, metodologia):
    """Once an indicator's records are made (and changed), they are what is read: a part may
    mix indicators still in columns with indicators whose records were made."""
    fria = load_paths([str(carpeta_sintetica)])
    tibia = _de_la_cache(carpeta_sintetica, tmp_path / "cache")
    for specs in (fria, tibia):
        for p in specs.programas[::3]:
            for m in p.mir[len(p.mir) // 2].metas.values():
                m.valor, m.meta_modificada = 123.25, 100
    assert not _sin_hacer(tibia)
    for anio in (None, 2016):
        esperado = im.cumplimiento(fria, anio=anio, metodologia=metodologia)
        leido = im.cumplimiento(tibia, anio=anio, metodologia=metodologia, por_partes=True)
        assert _texto(leido, Formato.csv) == _texto(esperado, Formato.csv)
        assert "123.25" in _texto(leido, Formato.csv)


def test_a_row_not_computable_names_its_published_figure(incluidas, metodologia, monkeypatch):
    """As cobertura does: «sin meta en la spec (publicado: 117%)», by parts and as a frame;
    a computable row keeps its nota (the verification compares the figure)."""
    monkeypatch.setattr(calc, "FILAS_POR_PARTE", 1)
    entera = _comparar(incluidas, metodologia, anio=2023)
    notas = {r["clave"]: r["nota"] for r in entera.filas}
    assert notas["E049"] == "sin meta en la spec (publicado: 117%)"
    # (neither meta nor valor: both named)
    assert notas["E043"] == "sin meta ni valor en la spec (publicado: 104.5%)"
    # computable, though a cumplimiento is published for it: only what its figure rests on
    assert notas["E048"] == "descansa en: sentido ascendente inferido (no impreso)"
    df = calc.calcular_cumplimiento(incluidas.programas, 2023, metodologia=metodologia)
    assert df.set_index("clave")["nota"].to_dict()["E049"] == notas["E049"]
