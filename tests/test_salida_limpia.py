"""Issue 14: clean numbers and typed nulls in every data output.

Every command's `-f csv` and `-f json` on the bundled specs and on property-generated specs:
no number with more than the documented decimals, no binary noise (`…0000000001`), a numeric
column (per `--esquema-salida`) holds a number or null, and CSV and JSON carry the same value.
pandas and sqlite-utils type every numeric column as a number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import dump, programa

from issste_mon.salida.celdas import safe_cell
from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render
from issste_mon.salida.tabla import (
    DECIMALES_MAX,
    Columna,
    Tabla,
    numero_escrito,
    numero_maquina,
)

COMANDOS = [
    ["programas"],
    ["cobertura"],
    ["cumplimiento"],
    ["presupuesto"],
    ["monitoreo"],
    ["verificar"],
    ["sexenal"],
    ["sexenal", "--tabla", "enfoque"],
    ["calidad"],
    ["calidad", "--distribucion"],
    ["resumen"],
    ["resumen", "--enunciados"],
    ["tendencias"],
    ["alertas"],
    ["alertas", "--mejoras"],
]
# What a generated program spec can answer (the rest need a dependency or a programa derivado).
COMANDOS_PROGRAMA = [
    ["programas"],
    ["cobertura"],
    ["cumplimiento"],
    ["presupuesto"],
    ["tendencias"],
    ["verificar"],
]
# 110.00000000000001 or 0.30000000000000004 cut at 10 decimals would still end like this
RUIDO = re.compile(r"-?\d*\.\d*(?:0{9,}[1-9]|9{9,}\d)")
NUMERO = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _cortes() -> set[Decimal]:
    """The cuts of every class in the bundled methodology (and 0): where a figure whose 10
    decimals would land on one it is not on is written whole (`tabla.fieles`)."""
    from issste_mon import metodologia as met

    m = met.load()
    cortes = {Decimal(0), *m.bordes_rango, *m.bordes(m.inmonitoreo), *m.bordes(m.ised)}
    cortes |= {Decimal(repr(m.cobertura_alerta_mayor_a))}
    cortes |= set(m.bordes_de(m.sexenal.categorias, "avance"))
    cortes |= set(m.bordes_de(m.meta_intermedia.categorias, "cumplimiento"))
    return cortes


CORTES = _cortes()


def _limpio(d: Decimal, donde: str) -> None:
    assert d.is_finite(), donde
    a_10 = d.quantize(Decimal("1e-10")) if abs(d) < 10**15 else d
    if -d.as_tuple().exponent > DECIMALES_MAX:
        # (whole beside a cut its 10 decimals would land on: 110.00000000000001, «Alto»)
        assert a_10 in CORTES and a_10 != d, f"{donde}: {d} tiene más de 10 decimales"
        return
    # Binary noise is a double's last digits: it shows with 15+ significant digits
    # (582200.0000000001); an exact difference of spec values may end in 9s (1e-10 − 1).
    digitos = len(d.as_tuple().digits)
    assert not (RUIDO.fullmatch(str(d)) and digitos >= 15), f"{donde}: {d} parece ruido binario"


# A difference of two spec values is exact but may end in 9s (1e-10 − 10001 =
# −10000.9999999998 at 10 decimals), which the noise heuristic cannot tell from noise: such
# columns are checked against the difference itself instead.
DIFERENCIAS = {"cambio"}
# A spec's own figure (meta, valor, línea base…: `Columna.escrita`) is written as the spec wrote
# it, all its decimals: checked to be the shortest text of its double, not cut to 10.
ESCRITAS = {
    "ejercido_mdp",
    "ramo_mdp",
    "asignado_mdp",
    "potencial",
    "objetivo",
    "atendida",
    "meta",
    "valor",
    "linea_base",
    "meta_intermedia_valor",
    "meta_sexenal",
    "ultimo_valor",
    "valor_desde",
    "valor_hasta",
}


def _escrito(d: Decimal, donde: str) -> None:
    assert d.is_finite(), donde
    if d != d.to_integral_value():
        assert Decimal(repr(float(d))) == d, f"{donde}: {d} no es el texto de su double"


def _diferencias_exactas(filas: list[dict], args: list[str]) -> None:
    """tendencias: each `cambio` is valor − the previous valor of the same indicator, to within
    the precision both are written with."""
    previas = {(f.get("clave"), f.get("id"), f.get("anio")): f for f in filas}
    for fila in filas:
        if fila.get("cambio") is None:
            continue
        previa = previas[(fila["clave"], fila["id"], fila["anio_anterior"])]
        esperado = Decimal(fila["valor"]) - Decimal(previa["valor"])
        # both sides carry at most 10 decimals and 15 significant digits
        tolerancia = max(Decimal("2e-10"), abs(esperado) * Decimal("2e-14"))
        assert abs(Decimal(fila["cambio"]) - esperado) <= tolerancia, (args, fila)
        cambio = Decimal(fila["cambio"])
        # at most 10 decimals, unless those would print it as 0 — the cut of its Dirección in
        # the bundled methodology (threshold 0): then whole, as `tabla.fieles` writes it
        a_10 = cambio.quantize(Decimal("1e-10"))
        assert -cambio.as_tuple().exponent <= DECIMALES_MAX or a_10 == 0, (args, fila)


def revisar(cli, args: list[str], specs: str | None = None) -> int:
    """Checks one command's csv and json; returns how many rows it had (0: no answer)."""
    base = [*args, *(["--specs", specs] if specs else [])]
    r_json = cli(*base, "-f", "json")
    if r_json.code not in (0, 1) or not r_json.out.strip():
        assert r_json.code in (0, 1), r_json.err
        return 0
    filas = json.loads(r_json.out, parse_float=Decimal)
    esquema = json.loads(cli(*base, "--esquema-salida").out)
    tipos = {f["name"]: f["type"] for f in esquema["fields"]}
    assert [f["name"] for f in esquema["fields"]] == list(filas[0]) if filas else True
    for i, fila in enumerate(filas):
        for k, v in fila.items():
            donde = f"{' '.join(args)} fila {i} {k}"
            if tipos[k] in ("number", "integer"):
                assert v is None or (type(v) in (int, Decimal)), f"{donde}: {v!r}"
            if tipos[k] == "integer":
                assert v is None or type(v) is int, donde
            if isinstance(v, Decimal) and k in ESCRITAS:
                _escrito(v, donde)
            elif isinstance(v, Decimal) and k not in DIFERENCIAS:
                _limpio(v, donde)
    _diferencias_exactas(filas, args)
    r_csv = cli(*base, "-f", "csv")
    lector = list(csv.DictReader(io.StringIO(r_csv.out)))
    assert len(lector) == len(filas)
    for i, (fila_csv, fila_json) in enumerate(zip(lector, filas, strict=True)):
        for k, texto in fila_csv.items():
            donde = f"{' '.join(args)} csv fila {i} {k}"
            if tipos[k] in ("number", "integer"):
                if texto == "":
                    assert fila_json[k] is None, donde
                    continue
                assert NUMERO.fullmatch(texto) and "e" not in texto.lower(), f"{donde}: {texto}"
                if k in ESCRITAS:
                    _escrito(Decimal(texto), donde)
                elif k not in DIFERENCIAS:  # those were checked against their inputs above
                    _limpio(Decimal(texto), donde)
                assert Decimal(texto) == Decimal(fila_json[k]), donde  # same value in both
    return len(filas)


@pytest.mark.parametrize("args", COMANDOS, ids=" ".join)
def test_bundled_specs_outputs_are_clean(cli, args):
    assert revisar(cli, args) > 0


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=programa())
def test_generated_specs_outputs_are_clean(cli, tmp_path_factory, doc):
    carpeta = tmp_path_factory.mktemp("gen")
    (carpeta / "E999.yaml").write_text(dump(doc), encoding="utf-8")
    for args in COMANDOS_PROGRAMA:
        revisar(cli, args, str(carpeta))


def test_noisy_quotients_come_out_clean(cli, tmp_path):
    """2/15, 1/3, 55/50: the float results are 13.333333333333334, 33.33333333333333 and
    110.00000000000001; the outputs carry 13.3333333333, 33.3333333333 and 110."""
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "poblaciones:\n  2023: {unidad_medida: Personas, potencial: 15, objetivo: 3, atendida: 1}\n"
        "presupuesto:\n  2023: {ejercido: 2, ramo: 15}\n"
        "mir:\n  - id: P1\n    nivel: Propósito\n    nombre: Indicador\n"
        "    sentido: ascendente\n    metas:\n      2023: {meta: 50, valor: 55}\n",
        encoding="utf-8",
    )
    specs = str(tmp_path)
    (cob,) = json.loads(cli("cobertura", "--specs", specs, "-f", "json").out)
    assert cob["cobertura_pct"] == 33.3333333333 and cob["po_pp_pct"] == 20
    (pre,) = csv.DictReader(io.StringIO(cli("presupuesto", "--specs", specs, "-f", "csv").out))
    assert pre["porcentaje_ramo"] == "13.3333333333"
    (cum,) = json.loads(cli("cumplimiento", "--specs", specs, "-f", "json").out)
    assert cum["cumplimiento_pct"] == 110 and cum["rango"] == "Adecuado"


def test_a_spec_figure_comes_out_as_written_not_cut_to_10_decimals(cli, tmp_path):
    """Populations and amounts are the spec's own figures: machines get them as written, as
    people do. A 1e-11 PO was 0 in JSON and CSV while the table showed 0.00000000001, and an
    asignado with 12 decimals lost two."""
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "poblaciones:\n  2023: {unidad_medida: Hectáreas, objetivo: 0.00000000001, "
        "atendida: 0.000000000005}\n"
        "presupuesto:\n  2023: {ejercido: 2, ramo: 15, asignado: 1.123456789012}\n",
        encoding="utf-8",
    )
    specs = str(tmp_path)
    (cob,) = json.loads(cli("cobertura", "--specs", specs, "-f", "json").out)
    assert (cob["objetivo"], cob["atendida"], cob["cobertura_pct"]) == (1e-11, 5e-12, 50)
    (fila,) = csv.DictReader(io.StringIO(cli("cobertura", "--specs", specs, "-f", "csv").out))
    assert (fila["objetivo"], fila["atendida"]) == ("0.00000000001", "0.000000000005")
    (pre,) = json.loads(cli("presupuesto", "--specs", specs, "-f", "json").out)
    assert pre["asignado_mdp"] == 1.123456789012


def test_nd_goes_to_the_status_column_not_into_the_number(cli, tmp_path):
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "poblaciones:\n  2023: {unidad_medida: Personas, potencial: ND, objetivo: NA, "
        "atendida: 5}\n"
        "mir:\n  - id: P1\n    nivel: Propósito\n    nombre: Indicador\n"
        "    sentido: ascendente\n    metas:\n      2023: {meta: ND, valor: 5}\n",
        encoding="utf-8",
    )
    specs = str(tmp_path)
    (cob,) = json.loads(cli("cobertura", "--specs", specs, "-f", "json").out)
    assert cob["potencial"] is None and cob["potencial_estado"] == "ND"
    assert cob["objetivo"] is None and cob["objetivo_estado"] == "NA"
    assert cob["atendida"] == 5 and cob["atendida_estado"] is None
    assert cob["cobertura_pct"] is None and "PO NA" in cob["nota"]
    (fila,) = csv.DictReader(io.StringIO(cli("cobertura", "--specs", specs, "-f", "csv").out))
    assert fila["potencial"] == "" and fila["potencial_estado"] == "ND"
    (cum,) = json.loads(cli("cumplimiento", "--specs", specs, "-f", "json").out)
    assert cum["meta"] is None and cum["meta_estado"] == "ND" and cum["nota"] == "meta ND"
    # people still read ND in the table
    md = cli("cobertura", "--specs", specs, "-f", "markdown").out
    assert "| ND " in md or " ND |" in md


@pytest.mark.parametrize("args", [["cobertura"], ["cumplimiento"], ["presupuesto"]], ids=str)
def test_pandas_reads_numeric_columns_as_numbers(cli, tmp_path, args):
    pd = pytest.importorskip("pandas")
    # ND/NA in the data: before issue 14 they made pandas read the whole column as text
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "poblaciones:\n  2022: {unidad_medida: Personas, potencial: ND, objetivo: 3, atendida: 1}\n"
        "  2023: {unidad_medida: Personas, potencial: 15, objetivo: NA, atendida: 2}\n"
        "presupuesto:\n  2022: {ejercido: ND, ramo: 15}\n  2023: {ejercido: 2.5, ramo: 15}\n"
        "mir:\n  - id: P1\n    nivel: Propósito\n    nombre: Indicador\n"
        "    sentido: ascendente\n    metas:\n      2022: {meta: ND, valor: 5}\n"
        "      2023: {meta: 50, valor: 55}\n",
        encoding="utf-8",
    )
    specs = str(tmp_path)
    esquema = json.loads(cli(*args, "--specs", specs, "--esquema-salida").out)
    df = pd.read_csv(io.StringIO(cli(*args, "--specs", specs, "-f", "csv").out))
    numericas = [f["name"] for f in esquema["fields"] if f["type"] in ("number", "integer")]
    assert numericas
    for k in numericas:
        assert pd.api.types.is_numeric_dtype(df[k]), (k, df[k].dtype)


def test_sqlite_utils_types_jsonl_numbers_as_numbers(cli, specs):
    sqlite_utils = pytest.importorskip("sqlite_utils")  # not a dependency: skipped without it
    for args in (["cobertura"], ["cumplimiento"], ["presupuesto"], ["tendencias"]):
        esquema = json.loads(cli(*args, "--esquema-salida").out)
        out = cli(*args, "-f", "jsonl").out
        db = sqlite_utils.Database(memory=True)
        # what `sqlite-utils insert db t - --nl` does: rows from JSON lines, types inferred
        db["t"].insert_all(json.loads(line) for line in out.splitlines())
        tipos = {c.name: c.type for c in db["t"].columns}
        for f in esquema["fields"]:
            if f["type"] in ("number", "integer") and f["name"] in tipos:
                assert tipos[f["name"]] in ("INTEGER", "FLOAT", "REAL"), (args, f["name"])


def _posicional(texto: str) -> str:
    """JSON text with each number value's exponent written out (never inside a string: a
    value follows `": "` that no escaped quote ends), and a line end."""
    return (
        re.sub(
            r'(?<=[^\\]": )-?\d+(?:\.\d+)?e[-+]\d+',
            lambda m: format(Decimal(m.group()), "f"),
            texto,
        )
        + "\n"
    )


@settings(max_examples=200, deadline=None)
@given(
    textos=st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=12),
            st.text(alphabet='\x00,"\t\r\n=+-@ab', max_size=6),
            st.booleans(),
        ),
        max_size=30,
    ),
    numeros=st.lists(
        st.one_of(st.none(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True)), max_size=30
    ),
)
def test_column_wise_csv_reads_back_as_csv_module_cells(textos, numeros):
    """The column-wise writer quotes, guards formulas and writes numbers as the csv module
    would read them back: every cell round-trips."""
    n = min(len(textos), len(numeros))
    filas = [{"t": textos[i], "x": numeros[i], "y": numeros[i]} for i in range(n)]
    escrita = Columna("y", "Y", "numero", escrita=True)  # a spec's figure: as written
    tabla = Tabla("t", [Columna("t", "T"), Columna("x", "X", "numero"), escrita], filas)
    # JSON and JSON lines are written column by column too: byte for byte what the json module
    # writes for the same records, but a number's exponent (1e-05, as CSV writes it: 0.00001).
    for formato, esperado in (
        (Formato.json, _posicional(json.dumps(tabla.to_records(), ensure_ascii=False, indent=2))),
        (
            Formato.jsonl,
            "".join(_posicional(json.dumps(r, ensure_ascii=False)) for r in tabla.to_records()),
        ),
    ):
        out = io.StringIO()
        render(tabla, formato, out)
        assert out.getvalue() == esperado
    for formato, delim in ((Formato.csv, ","), (Formato.tsv, "\t")):
        out = io.StringIO()
        render(tabla, formato, out)
        leidas = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=delim))
        assert leidas[0] == ["t", "x", "y"] and len(leidas) == n + 1
        for fila, leida in zip(filas, leidas[1:], strict=True):
            assert leida[0] == safe_cell(fila["t"])
            x = numero_maquina(fila["x"])
            assert leida[1] == ("" if x is None else format(Decimal(repr(x)), "f"))
            y = numero_escrito(fila["y"])
            assert leida[2] == ("" if y is None else format(Decimal(repr(y)), "f"))


def test_readme_documents_every_command_columns(specs):
    """The README's column tables are the schemas generated from the Columna definitions."""
    from conftest import REPO

    from issste_mon.salida import esquema_salida as e

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for nombre, tabla in e.consultas(specs).items():
        bloque = f"#### `{nombre}`\n\n{e.markdown(e.esquema_salida(tabla))}\n"
        assert bloque in readme, f"README: regenere la tabla de columnas de «{nombre}»"


def test_schema_is_a_table_schema_of_the_same_columns(specs):
    from issste_mon.salida.esquema_salida import consultas, esquema_salida, paquete

    tablas = consultas(specs)
    for tabla in tablas.values():
        esquema = esquema_salida(tabla)
        assert [f["name"] for f in esquema["fields"]] == list(tabla.to_records()[0])
        assert esquema["missingValues"] == [""]
        assert {f["type"] for f in esquema["fields"]} <= {
            "string",
            "integer",
            "number",
            "boolean",
            "any",
        }
    recursos = paquete(tablas)["resources"]
    assert len({r["name"] for r in recursos}) == len(tablas)
    assert all(re.fullmatch(r"[a-z0-9-]+", r["name"]) for r in recursos)


def test_output_schema_option_prints_the_schema_and_exits_0(cli):
    r = cli("verificar", "--esquema-salida")  # verificar exits 1 on a difference, not here
    assert r.code == 0
    esquema = json.loads(r.out)
    nombres = [f["name"] for f in esquema["fields"]]
    assert "publicado_texto" in nombres and esquema["missingValues"] == [""]
    tipos = {
        f["name"]: f["type"] for f in json.loads(cli("cobertura", "--esquema-salida").out)["fields"]
    }
    assert tipos["cobertura_pct"] == "number" and tipos["potencial_estado"] == "string"
    assert tipos["anio"] == "integer" and tipos["mayor_100"] == "boolean"
    # a population may carry decimals in a spec (SHCP's 61420.695); a ramo never does
    assert tipos["potencial"] == "number" and tipos["ramo"] == "integer"


def test_every_integer_field_of_every_schema_holds_integers(specs):
    """A field the schema calls integer holds ints in every row (ramo and the count of
    indicators were `number`, as the populations beside them, which may carry decimals)."""
    from issste_mon.salida.esquema_salida import consultas, esquema_salida

    enteros = 0
    for tabla in consultas(specs).values():
        filas = tabla.to_records()
        for f in esquema_salida(tabla)["fields"]:
            valores = [r[f["name"]] for r in filas if r[f["name"]] is not None]
            if f["type"] == "integer":
                enteros += 1
                assert all(type(v) is int for v in valores), f
            elif f["type"] == "number" and f["issste:tipo"] == "entero":
                assert f["name"] in {"potencial", "objetivo", "atendida"}, f  # spec figures
    assert enteros > 10


def test_xlsx_carries_the_same_numbers_and_status_columns(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n"
        "poblaciones:\n  2023: {unidad_medida: Personas, potencial: ND, objetivo: 3, "
        "atendida: 1}\n",
        encoding="utf-8",
    )
    specs, out = str(tmp_path), tmp_path / "c.xlsx"
    (fila,) = json.loads(cli("cobertura", "--specs", specs, "-f", "json").out)
    assert cli("cobertura", "--specs", specs, "-o", str(out)).code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    encabezado = [c.value for c in ws[1]]
    celdas = dict(zip(encabezado, ws[2], strict=False))
    valores = {k: c.value for k, c in celdas.items()}
    # Excel keeps a percentage as a fraction with a % format (it shows 33.33 %): the same
    # clean number, divided by 100 exactly
    assert fila["cobertura_pct"] == 33.3333333333
    assert Decimal(repr(valores["PA/PO"])) * 100 == Decimal(repr(fila["cobertura_pct"]))
    assert celdas["PA/PO"].number_format == "0.00 %"
    assert valores["Potencial (PP)"] is None and valores["Potencial (PP): estado"] == "ND"


def test_no_output_cites_internal_seed_names(specs):
    """User-facing figures cite documents by title and year, never by the project's internal
    working names of its source texts («seed 002»)."""
    import issste_mon as im
    from issste_mon.salida.esquema_salida import consultas

    tablas = [*consultas(specs).values(), im.resumen(specs, enunciados=True)]
    tablas.append(im.verificar(specs).tabla)
    textos = [v for t in tablas for r in t.to_records() for v in r.values() if isinstance(v, str)]
    assert textos and not [t for t in textos if "seed" in t.lower()]


_BORDES = [0.0, -0.0, 1e-5, -1e-5, 1e-4, 9.999999999e-5, 1e-10, -1e-10, 5e-11, 0.1, 0.2]
_BORDES += [0.30000000000000004, 1 / 3, -7.5, 110.0, -110.0, 12345.6789012345, 99999.9999999999]
_BORDES += [99999.99999999999, 1e5, 123456.1234567891, 2.0**53, 1e16, -1e20]
_BORDES += [123456.0, -123456.0, 1e15, 1e15 - 1, -(1e15 - 1), 1e15 + 2]  # whole, in numpy or not
_BORDES += [float("nan"), float("inf"), float("-inf")]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_BORDES),
            st.floats(allow_nan=True, allow_infinity=True),
            st.floats(-2e5, 2e5).map(lambda x: round(x, 10)),
            st.floats(-1e3, 1e3).map(lambda x: round(x, 2)),
            st.integers(-(10**15), 10**15).map(lambda k: k / 1e10),
            st.integers(-(10**16), 10**16).map(float),
        ),
        max_size=60,
    )
)
def test_csv_cells_of_float_arrays_built_in_numpy_equal_repr(valores):
    """The digits written in numpy for short grid values and whole numbers are the text repr
    gives them; NaN and infinities are empty cells."""
    import numpy as np

    from issste_mon.salida import celdas, flotantes

    a = np.array(valores, dtype=float)
    with np.errstate(over="ignore"):  # maquina_flotantes on values near the float maximum
        antes = celdas.numeros_csv(flotantes.maquina_flotantes(a))
        assert flotantes.texto_flotantes(a) == antes


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10).flatmap(
        lambda d: st.lists(
            st.one_of(st.floats(-99999, 99999), st.floats(-1e13, 1e13)).map(lambda x: round(x, d)),
            max_size=40,
        )
    ),
    st.sampled_from([[], [float("nan")], [float("inf"), float("nan")], [1e15], [0.5], [1e-10]]),
)
def test_csv_cells_with_few_decimals_are_written_with_as_few_digits(valores, extra):
    """A part whose figures all have d decimals (a meta, a valor: mostly 2), NaN among them or
    not, is written in one pass with d decimals' worth of digits (`_rejilla`): the
    same texts repr gives them."""
    import numpy as np

    from issste_mon.salida import celdas, flotantes

    a = np.array(valores + extra, dtype=float)
    assert flotantes.texto_flotantes(a) == celdas.numeros_csv(flotantes.maquina_flotantes(a))
