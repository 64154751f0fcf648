"""Every calculator against the independent exact oracle of `tests/oraculo.py` (fractions, from
domain.md), through the public API and the CLI's CSV, with examples at and around every cut of
the methodology: exactly on it, one unit away in the last printed digit, 10⁻¹² away, huge and
tiny figures, meta 0, negatives, ND/NA."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tempfile
from fractions import Fraction
from pathlib import Path

import oraculo as o
from hypothesis import example, given, settings
from hypothesis import strategies as st
from oraculo import fr

import issste_mon as im

# ORACULO_N=2000 for a long random hunt; by default a fixed, fast set (the whole file < 20 s).
LARGO = os.environ.get("ORACULO_N")
SETTINGS = settings(
    max_examples=int(LARGO or 40), deadline=None, derandomize=not LARGO, database=None
)


# --- figures as a person writes them ----------------------------------------------------------


def texto(x: Fraction) -> str | None:
    """x as a decimal text of at most 15 significant digits (what a spec may hold exactly),
    None when it does not terminate that soon."""
    for k in range(0, 25):
        n = x * 10**k
        if n.denominator == 1:
            digitos = str(abs(n.numerator)).rjust(k + 1, "0")
            if len(digitos.strip("0")) > 15:
                return None
            s = digitos[:-k] + "." + digitos[-k:] if k else digitos
            return ("-" if x < 0 else "") + s
    return None


@st.composite
def cerca(draw, objetivo: Fraction, permitir_negativo: bool = True) -> str:
    """A figure at `objetivo` (when it terminates), or one unit away in its k-th decimal, for
    k from the printed 0–3 to 12 (the 10⁻¹² a float shortcut could miss)."""
    k = draw(st.sampled_from([0, 1, 2, 3, 4, 6, 9, 10, 11, 12]))
    paso = draw(st.sampled_from([-1, 0, 0, 1]))
    x = o.redondeo(objetivo, k) + Fraction(paso, 10**k)
    exacto = texto(objetivo)
    if exacto is not None and draw(st.booleans()):
        return exacto
    t = texto(x)
    if t is None or (x < 0 and not permitir_negativo):
        return exacto or "1"
    return t


MAGNITUD = st.one_of(
    st.sampled_from(["0.000001", "0.01", "0.3", "1", "3", "7", "45", "50", "200", "543.35"]),
    st.sampled_from(["9007199254740993", "1000000000000", "123456.789", "0.000000000001"]),
    st.builds(lambda n, d: texto(Fraction(n, 10**d)), st.integers(1, 10**7), st.integers(0, 6)),
)
CORTES_CUMPLIMIENTO = [o.RANGO_INF, o.RANGO_SUP, Fraction(100), Fraction(110, 1) + 1]


# --- running the package ----------------------------------------------------------------------


def _cli(*args: str, stderr: list | None = None) -> str:
    """The command's stdout (its stderr appended to `stderr`, when given)."""
    from issste_mon.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    assert code == 0, err.getvalue()
    if stderr is not None:
        stderr.append(err.getvalue())
    return out.getvalue()


def _csv(*args: str, stderr: list | None = None) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_cli(*args, "-f", "csv", stderr=stderr))))


def _promedio(texto_: str) -> str:
    """The «Promedio de cumplimiento: 1,234.56 %» of a summary, as its figure."""
    (cifra,) = re.findall(r"Promedio de cumplimiento: ([-\d,.]+) %", texto_)
    return cifra.replace(",", "")


def _sin_na(meta, valor) -> tuple:
    return meta, None if valor in (None, "NA") else valor


def _impresos(markdown: str) -> dict[str, str]:
    """{indicador: its Cumplimiento cell without « %» (nor the ⚠ of a figure that rests on a
    supuesto: a descendente's formula)} of a `cumplimiento -f markdown` table."""
    lineas = [x.strip().strip("|").split("|") for x in markdown.splitlines() if x.startswith("|")]
    cabeza = [c.strip() for c in lineas[0]]
    i, j = cabeza.index("Indicador"), cabeza.index("Cumplimiento")
    return {
        f[i].strip(): f[j].strip().removesuffix("⚠").strip().removesuffix("%").strip()
        for f in lineas[2:]
    }


def _cifra(x) -> str:
    return "ND" if x is None else x


def _metodologia(carpeta: Path, formula: str) -> str:
    texto_ = o.METODOLOGIA.read_text(encoding="utf-8")
    ruta = carpeta / "metodologia.yaml"
    ruta.write_text(texto_.replace("valor: inversa", f"valor: {formula}"), encoding="utf-8")
    return str(ruta)


def _cerca_de(valor_exacto: Fraction, machine) -> None:
    """A machine number (≤ 10 decimals, ≤ 15 significant digits) is the exact value rounded
    half up at that precision, and never on the other side of a cut than the exact value."""
    m = fr(machine)
    magnitud = len(str(abs(int(valor_exacto)))) if abs(valor_exacto) >= 1 else 1
    decimales = 10 if magnitud <= 5 else 15 - magnitud
    assert abs(m - valor_exacto) <= Fraction(10) ** -decimales / 2 * (1 + Fraction(1, 10**6)), (
        machine,
        float(valor_exacto),
    )
    for c in (o.RANGO_INF, o.RANGO_SUP):
        assert (m > c) - (m < c) == (valor_exacto > c) - (valor_exacto < c), (machine, c)


# --- cumplimiento and rango -------------------------------------------------------------------


@st.composite
def fila_cumplimiento(draw, formula: str):
    sentido = draw(st.sampled_from(["ascendente", "descendente", "constante"]))
    forma = draw(st.sampled_from(["corte"] * 6 + ["libre", "cero", "falta", "negativo"]))
    meta = draw(MAGNITUD)
    if forma == "cero":
        return sentido, "0", draw(MAGNITUD)
    if forma == "falta":
        return sentido, draw(st.sampled_from([None, meta])), draw(st.sampled_from([None, "NA"]))
    if forma == "negativo":
        return sentido, draw(st.sampled_from(["-" + meta, meta])), "-" + draw(MAGNITUD)
    if forma == "libre":
        return sentido, meta, draw(MAGNITUD)
    c = draw(st.sampled_from(CORTES_CUMPLIMIENTO)) / 100
    m = fr(meta)
    if sentido != "descendente":
        objetivo = m * c
    elif formula == "espejo":
        objetivo = m * (2 - c)
    else:
        objetivo = m / c
    return sentido, meta, draw(cerca(objetivo, permitir_negativo=False))


def _spec_mir(carpeta: Path, filas) -> None:
    lineas = ["clave: E999", "ramo: 51", "nombre: Prueba", "mir:"]
    for i, (sentido, meta, valor) in enumerate(filas):
        lineas += [
            f"  - id: I{i}",
            "    nivel: Propósito",
            f"    nombre: Indicador {i}",
            f"    sentido: {sentido}",
            f"    metas: {{2023: {{meta: {_cifra(meta)}, valor: {_cifra(valor)}}}}}",
        ]
    (carpeta / "E999.yaml").write_text("\n".join(lineas) + "\n", encoding="utf-8")


CASOS = st.sampled_from(["inversa", "espejo"]).flatmap(
    lambda f: st.tuples(st.just(f), st.lists(fila_cumplimiento(f), min_size=1, max_size=12))
)


@SETTINGS
@given(caso=CASOS)
# ties at the printed decimals (89.895 → 89.90, half up) and just below one (89.8949999…)
@example(
    caso=(
        "inversa",
        [
            ("ascendente", "200", "179.79"),
            ("ascendente", "3", "2.6968499999999"),
            ("descendente", "8", "6.4"),  # 125 %
            ("descendente", "100", "80.0064"),  # 124.99 %, below no cut
            ("constante", "50", "55"),  # 110 exactly: Adecuado
        ],
    )
)
@example(caso=("espejo", [("descendente", "13", "10"), ("descendente", "1", "1.1")]))
# 100.00533…, 100.00533…, 100.00433… average exactly 100.005: «100.01 %», not the «100.00 %» of
# their 10-decimal clean numbers (100.00499999997)
@example(caso=("inversa", [("ascendente", "3", v) for v in ("3.00016", "3.00016", "3.00013")]))
# 90.0000149999925 %, printed with 5 decimals to stay above 90: «90.00001», not the «90.00002»
# of its 10-decimal clean number 90.000015
@example(caso=("inversa", [("ascendente", "666667", "600000.4")]))
def test_cumplimiento_y_rango_como_el_oraculo(caso):
    formula, filas = caso
    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d) / "specs"
        carpeta.mkdir()
        _spec_mir(carpeta, filas)
        met = _metodologia(Path(d), formula)
        tabla = im.cumplimiento(im.cargar(str(carpeta)), metodologia=met)
        api, avisos = tabla.filas, []
        por_csv = _csv("cumplimiento", "--specs", str(carpeta), "--metodologia", met, stderr=avisos)
        impresos = _impresos(
            _cli("cumplimiento", "--specs", str(carpeta), "--metodologia", met, "-f", "markdown")
        )
    for i, ((sentido, meta, valor), fila, fcsv) in enumerate(zip(filas, api, por_csv, strict=True)):
        esperado = o.cumplimiento(*_sin_na(meta, valor), sentido, formula)
        assert fila["rango"] == o.rango(esperado), (sentido, meta, valor)
        assert (fcsv["rango"] or None) == o.rango(esperado)
        if esperado is None:
            assert (
                fila["cumplimiento_pct"] != fila["cumplimiento_pct"]
                and fcsv["cumplimiento_pct"] == ""
            )
            continue
        exacto = fila["cumplimiento_exacto"]
        if exacto is not None:
            assert abs(fr(exacto) - esperado) <= Fraction(1, 10**40) * max(1, abs(esperado))
        _cerca_de(esperado, fila["cumplimiento_pct"])
        _cerca_de(esperado, fcsv["cumplimiento_pct"])
        texto_ = impresos[f"Indicador {i}"]  # for people: half up at the decimals it shows
        decimales = len(texto_.partition(".")[2])
        assert fr(texto_.replace(",", "")) == o.redondeo(esperado, decimales), (texto_, esperado)
    # the mean of the computable rows, printed once, half up (table and streamed csv alike)
    calculables = [o.cumplimiento(*_sin_na(m, v), s_, formula) for s_, m, v in filas]
    calculables = [x for x in calculables if x is not None]
    if calculables:
        media = sum(calculables) / len(calculables)
        for impreso in (_promedio(" ".join(tabla.resumen)), _promedio(avisos[0])):
            decimales = len(impreso.partition(".")[2])  # (2, or more for a tiny value)
            assert fr(impreso) == o.redondeo(media, decimales), (impreso, media)


# --- cobertura, PO/PP, budget share -----------------------------------------------------------


@st.composite
def poblacion(draw) -> tuple[str, str, str]:
    """(PP, PO, PA) with PA/PO at or around 100 % (the «mayor a 100 %» mark) or free."""
    po = draw(MAGNITUD)
    pa = fr(po) * draw(st.sampled_from([1, Fraction(949, 1000)]))
    pa = draw(st.one_of(cerca(pa, permitir_negativo=False), MAGNITUD))
    pp = draw(st.one_of(cerca(fr(po) * 100 / 90, permitir_negativo=False), MAGNITUD))
    return pp, po, draw(st.sampled_from([pa, pa, "0", "ND"]))


@st.composite
def partes(draw, total: Fraction) -> list[str]:
    """Two or three component figures that add up exactly to `total` (0.1 + 0.2 = 0.3)."""
    n = draw(st.integers(2, 3))
    cortes = sorted(draw(st.lists(st.integers(1, 99), min_size=n - 1, max_size=n - 1)))
    bordes = [0, *cortes, 100]
    out = [texto(total * (b - a) / 100) for a, b in zip(bordes, bordes[1:], strict=False)]
    return out if None not in out and "0" not in out else [texto(total)]


def _spec_poblaciones(carpeta: Path, anuales, componentes, presupuestos) -> None:
    lineas = ["clave: E999", "ramo: 51", "nombre: Prueba", "poblaciones:"]
    for i, (pp, po, pa) in enumerate(anuales):
        lineas.append(
            f"  {2000 + i}: {{unidad_medida: Personas, potencial: {pp}, objetivo: {po}, "
            f"atendida: {pa}}}"
        )
    if componentes:
        lineas += ["  2099:", "    componentes:"]
        for j, (pp, po, pa) in enumerate(componentes):
            lineas.append(
                f"      - {{nombre: C{j}, unidad_medida: Hectáreas, potencial: {pp}, "
                f"objetivo: {po}, atendida: {pa}}}"
            )
    lineas.append("presupuesto:")
    for i, (ejercido, ramo) in enumerate(presupuestos):
        lineas.append(f"  {2000 + i}: {{ejercido: {ejercido}, ramo: {ramo}}}")
    (carpeta / "E999.yaml").write_text("\n".join(lineas) + "\n", encoding="utf-8")


def _mismo(calculado, esperado: Fraction | None, cifras: int = 40) -> None:
    """An exact Decimal of the package against the oracle (to `cifras` significant digits:
    a quotient that does not end is rounded, to 50 digits, or 28 in `tendencias`)."""
    if esperado is None:
        assert calculado is None
        return
    assert calculado is not None
    assert abs(fr(calculado) - esperado) <= Fraction(1, 10**cifras) * max(1, abs(esperado)), (
        calculado,
        esperado,
    )


@SETTINGS
@given(
    anuales=st.lists(poblacion(), min_size=1, max_size=4),
    totales=st.tuples(MAGNITUD, MAGNITUD, MAGNITUD),
    data=st.data(),
    presupuestos=st.lists(
        st.tuples(MAGNITUD, st.sampled_from(["213827.70", "217054.66", "0", "0.3", "ND"])),
        min_size=1,
        max_size=3,
    ),
)
@example(  # PA 0.1 + 0.2 of PO 0.15 + 0.15: exactly 100 %, never «mayor a 100 %: PA > PO»
    anuales=[("1", "1", "1")],
    totales=("1", "0.3", "0.3"),
    data=None,
    presupuestos=[("2712.44", "213827.70")],
)
def test_cobertura_y_presupuesto_como_el_oraculo(anuales, totales, data, presupuestos):
    if data is None:  # (the explicit example: its components written out)
        comps = [("0.5", "0.15", "0.1"), ("0.5", "0.15", "0.2")]
    else:
        columnas = [data.draw(partes(fr(t))) for t in totales]
        n = min(map(len, columnas))
        comps = list(zip(*(c[:n] for c in columnas), strict=True))
        comps = comps if len(comps) >= 2 else []
    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d)
        _spec_poblaciones(carpeta, anuales, comps, presupuestos)
        specs = im.cargar(str(carpeta))
        filas = im.cobertura(specs).filas
        por_csv = _csv("cobertura", "--specs", str(carpeta))
        budget = im.presupuesto(specs).filas
    esperadas = [(pp, po, pa) for pp, po, pa in anuales] + comps
    if comps:  # the total of the components (one unit): their exact sums
        esperadas.append(
            tuple(texto(sum(map(fr, col), Fraction(0))) for col in zip(*comps, strict=True))
        )
    assert len(filas) == len(esperadas) == len(por_csv)
    alerta = fr(o.M["cobertura"]["alerta_mayor_a"])
    for (pp, po, pa), fila, fcsv in zip(esperadas, filas, por_csv, strict=True):
        pa_ = None if pa == "ND" else pa
        cob = o.cociente(pa_, po)
        _mismo(fila["cobertura_pct"], cob)
        _mismo(fila["po_pp_pct"], o.cociente(po, pp))
        if cob is not None:
            assert fila["mayor_100"] is (cob > alerta), (pp, po, pa, fila["nota"])
            assert fcsv["mayor_100"] == ("true" if cob > alerta else "false")
            _cerca_de(cob, fcsv["cobertura_pct"])
            assert ("PA > PO" in (fila["nota"] or "")) is (cob > 100)
    for (ejercido, ramo), fila in zip(presupuestos, budget, strict=True):
        _mismo(fila["porcentaje_ramo"], o.cociente(ejercido, None if ramo == "ND" else ramo))


# --- InMonitoreo and ISeD ---------------------------------------------------------------------


def _cortes(clave: str) -> list[Fraction]:
    return [fr(b["desde"]) for b in o.M[clave]["niveles"]]


@st.composite
def valoracion(draw, clave: str) -> str:
    """A value in [0, 1] at, or 10⁻³…10⁻¹² around, a cut of the index's levels."""
    x = draw(cerca(draw(st.sampled_from(_cortes(clave))), permitir_negativo=False))
    return x if fr(x) <= 1 else "1"


def _spec_indices(carpeta: Path, valoraciones, subindice, ised) -> None:
    claves = [f"E{900 + i}" for i in range(len(valoraciones))]
    for clave, v, s in zip(claves, valoraciones, ised, strict=True):
        (carpeta / f"{clave}.yaml").write_text(
            f"clave: {clave}\nramo: 51\ndependencia: ISSSTE\nnombre: Prueba\n"
            f"monitoreo:\n  2024: {{valoracion: {v}}}\nised:\n  2024: {{valor: {s}}}\n",
            encoding="utf-8",
        )
    (carpeta / "ISSSTE.yaml").write_text(
        "tipo: dependencia\nclave: ISSSTE\nsiglas: ISSSTE\nramo: 51\nnombre: Prueba\n"
        f"programas_sociales:\n  2024: [{', '.join(claves)}]\n"
        f"monitoreo:\n  2024: {{subindice_dependencia: {subindice}}}\n",
        encoding="utf-8",
    )


@SETTINGS
@given(
    valoraciones=st.lists(valoracion("inmonitoreo"), min_size=1, max_size=5),
    subindice=valoracion("inmonitoreo"),
    data=st.data(),
)
# ½ · (0.515 + 0.547 + 0.53) / 3 + ½ · 0.53 = 0.53 exactly: Medio
@example(valoraciones=["0.515", "0.547", "0.528"], subindice="0.53", data=None)
def test_inmonitoreo_e_ised_como_el_oraculo(valoraciones, subindice, data):
    ised = [
        data.draw(valoracion("ised")) if data else v for v in valoraciones
    ]  # (the explicit example reuses its valoraciones)
    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d)
        _spec_indices(carpeta, valoraciones, subindice, ised)
        specs = im.cargar(str(carpeta))
        filas = im.monitoreo(specs).filas
        por_csv = _csv("monitoreo", "--specs", str(carpeta))
        filas_ised = im.monitoreo(specs, indice="ised").filas
    programas = [f for f in filas if f["ambito"] == "programa"]
    assert [f["nivel"] for f in programas] == [o.nivel(v, "inmonitoreo") for v in valoraciones]
    (sub,) = [f for f in filas if f["ambito"] == "subíndice dependencia"]
    assert sub["nivel"] == o.nivel(subindice, "inmonitoreo")
    esperado = o.inmonitoreo(valoraciones, subindice)
    (indice,) = [f for f in filas if f["ambito"] == "InMonitoreo"]
    _mismo(indice["valoracion"], esperado)
    assert indice["nivel"] == o.nivel(esperado, "inmonitoreo")
    (fcsv,) = [f for f in por_csv if f["ambito"] == "InMonitoreo"]
    assert fcsv["nivel"] == indice["nivel"]
    assert [f["nivel"] for f in filas_ised] == [o.nivel(s, "ised") for s in ised]


# --- six-year goal, intermediate goal, projection (alertas) -----------------------------------

CORTES_R = [fr(r["razon_min"]) for r in o.M["avance_sexenal"]["categorias"] if "razon_min" in r]


@st.composite
def indicador_derivado(draw) -> dict:
    """An indicator whose r = A/E sits at or around a cut (1.10, 0.90, 0.70), or whose A sits
    at 100 or 0, with E linear or from an intermediate goal (at 100 or 110 % of it)."""
    anio_meta = o.M["avance_sexenal"]["anio_meta"]
    lb_anio = draw(st.integers(2010, anio_meta - 1))
    anio = draw(st.integers(lb_anio + 1, anio_meta))
    sentido = draw(st.sampled_from(["ascendente", "descendente"]))
    lb = draw(st.sampled_from(["0", "2.5", "100", "0.3"]))
    distancia = draw(MAGNITUD)
    ms = texto(fr(lb) + (fr(distancia) if sentido == "ascendente" else -fr(distancia)))
    ms = ms or texto(fr(lb) + (1 if sentido == "ascendente" else -1))  # (beyond 15 digits)
    meta_int = None
    if draw(st.booleans()):
        fraccion = draw(st.sampled_from([Fraction(1, 3), Fraction(1, 2), Fraction(2, 7)]))
        meta_int = draw(cerca(fr(lb) + (fr(ms) - fr(lb)) * fraccion))
    e = o.esperado(lb, lb_anio, ms, anio, meta_int)
    como = draw(st.sampled_from(["r", "r", "r", "a", "intermedia", "proyeccion"]))
    if como == "proyeccion":  # projected to exactly the meta sexenal: A is the linear E
        a = o.esperado(lb, lb_anio, ms, anio)
    elif como == "r" and e is not None and e > 0:
        a = draw(st.sampled_from(CORTES_R)) * e
    elif como == "intermedia" and meta_int is not None:
        a = o.avance(meta_int, lb, ms) * draw(st.sampled_from([1, Fraction(11, 10)]))
    else:
        a = draw(st.sampled_from([Fraction(100), Fraction(0), Fraction(50)]))
    valor = draw(cerca(fr(lb) + (fr(ms) - fr(lb)) * a / 100))
    return {
        "sentido": sentido,
        "lb": lb,
        "lb_anio": lb_anio,
        "ms": ms,
        "anio": anio,
        "valor": valor,
        "meta_int": meta_int,
    }


def _spec_derivado(carpeta: Path, indicadores: list[dict]) -> None:
    lineas = [
        "tipo: programa_derivado",
        "clave: PI-X",
        "nombre: Prueba",
        "ramo: 51",
        "periodo: {inicio: 2010, fin: 2024}",
        "objetivos:",
        '  - id: "1"',
        "    texto: Objetivo",
        "    enfoque: Gestión",
        "    indicadores:",
    ]
    for i, ind in enumerate(indicadores):
        lineas += [
            f'      - id: "1.{i}"',
            f"        nombre: Indicador {i}",
            "        tipo: Parámetro",
            f"        sentido: {ind['sentido']}",
            f"        linea_base: {{anio: {ind['lb_anio']}, valor: {ind['lb']}}}",
            f"        meta_sexenal: {ind['ms']}",
            f"        valores: {{{ind['anio']}: {ind['valor']}}}",
        ]
        if ind["meta_int"] is not None:
            lineas.append(f"        metas: {{{ind['anio']}: {ind['meta_int']}}}")
    (carpeta / "PI-X.yaml").write_text("\n".join(lineas) + "\n", encoding="utf-8")


_LINEAL_09 = {  # A 15 % of the way, E = 1/6 of 2018 → 2024: r = 0.9 exactly, Adecuado
    "sentido": "ascendente",
    "lb": "0",
    "lb_anio": 2018,
    "ms": "60",
    "anio": 2019,
    "valor": "9",
    "meta_int": None,
}


@SETTINGS
@given(indicadores=st.lists(indicador_derivado(), min_size=1, max_size=8))
@example(indicadores=[_LINEAL_09])
@example(indicadores=[{**_LINEAL_09, "lb_anio": 2005, "anio": 2012, "ms": "190", "valor": "63"}])
# projected from 6.35 (2018) through 45.1248 (2021) to exactly 83.8996 in 2024: not en riesgo
@example(
    indicadores=[
        {**_LINEAL_09, "lb": "6.35", "anio": 2021, "valor": "45.1248", "ms": "83.8996"},
    ]
)
def test_sexenal_y_proyeccion_como_el_oraculo(indicadores):
    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d)
        _spec_derivado(carpeta, indicadores)
        specs = im.cargar(str(carpeta))
        filas = im.sexenal(specs).filas
        por_csv = _csv("sexenal", "--specs", str(carpeta))
        alertas = im.alertas(specs).filas
    en_riesgo = {f["id"] for f in alertas if f["regla"] == "meta_sexenal_en_riesgo"}
    umbral = fr(o.M["alertas"]["meta_sexenal_en_riesgo"]["avance_proyectado_menor_a"])
    for i, (ind, fila, fcsv) in enumerate(zip(indicadores, filas, por_csv, strict=True)):
        a = o.avance(ind["valor"], ind["lb"], ind["ms"])
        e = o.esperado(ind["lb"], ind["lb_anio"], ind["ms"], ind["anio"], ind["meta_int"])
        _mismo(fila["avance_pct"], a)
        _mismo(fila["avance_esperado_pct"], e)
        esperada = o.categoria_sexenal(a, e)
        assert fila["avance_sexenal"] == fcsv["avance_sexenal"] == esperada, (ind, a, e)
        if ind["meta_int"] is not None and fr(ind["meta_int"]) > 0 and fr(ind["valor"]) > 0:
            cump = o.cumplimiento(ind["meta_int"], ind["valor"], ind["sentido"])
            _mismo(fila["meta_intermedia_cumplimiento_pct"], cump)
            intermedia = o.categoria_intermedia(cump, ind["valor"], ind["lb"], ind["sentido"])
            assert fila["meta_intermedia"] == intermedia, (ind, cump)
        proyectado = o.avance_proyectado(
            ind["lb"], ind["lb_anio"], ind["valor"], ind["anio"], ind["ms"]
        )
        assert (f"1.{i}" in en_riesgo) is (proyectado < umbral), (ind, proyectado)


# --- tendencias and alertas of a MIR series ---------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_tendencias_y_alertas_como_el_oraculo(data):
    filas = data.draw(st.lists(fila_cumplimiento("inversa"), min_size=1, max_size=8))
    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d)
        _spec_mir(carpeta, filas)
        specs = im.cargar(str(carpeta))
        tendencias = im.tendencias(specs).filas
        alertas = im.alertas(specs, reglas="meta_no_alcanzada").filas
    menor_a = fr(o.M["alertas"]["meta_no_alcanzada"]["cumplimiento_menor_a"])
    alertados = {f["id"] for f in alertas}
    por_id = {f["id"]: f for f in tendencias}
    for i, (sentido, meta, valor) in enumerate(filas):
        esperado = o.cumplimiento(meta, None if valor in (None, "NA") else valor, sentido)
        fila = por_id[f"I{i}"]
        _mismo(fila["cumplimiento_pct"], esperado, cifras=25)
        assert fila["rango"] == o.rango(esperado)
        assert (f"I{i}" in alertados) is (esperado is not None and esperado < menor_a)


def test_el_contexto_decimal_de_quien_llama_no_cambia_las_cifras(tmp_path):
    """A library user's `decimal` context (4 digits, or an Inexact trap) is theirs: meta 100,
    valor 89.996 is 89.996 %, «Bajo» and an alert, not 4 digits' «90.00», «Adecuado»."""
    import decimal

    _spec_mir(tmp_path, [("ascendente", "100", "89.996"), ("descendente", "7", "3")])
    specs = im.cargar(str(tmp_path))
    with decimal.localcontext() as ctx:
        ctx.prec = 4
        ctx.traps[decimal.Inexact] = True
        filas = im.tendencias(specs).filas
        alertas = im.alertas(specs).filas
    for (sentido, meta, valor), fila in zip(
        [("ascendente", "100", "89.996"), ("descendente", "7", "3")], filas, strict=True
    ):
        esperado = o.cumplimiento(meta, valor, sentido)
        _mismo(fila["cumplimiento_pct"], esperado, cifras=25)
        assert fila["rango"] == o.rango(esperado)
    assert [a["id"] for a in alertas if a["regla"] == "meta_no_alcanzada"] == ["I0"]


# --- counts «n (p%)» --------------------------------------------------------------------------


def test_conteos_como_el_oraculo_para_todo_n_de_hasta_200():
    """Every share n / total of up to 200 items (1/8 = 12.5 % → «13%», half up; 5/9 → 56 %)."""
    from issste_mon.calc.conteos import formatear

    for total in range(1, 201):
        for n in range(total + 1):
            assert formatear(n, total) == o.conteo(n, total), (n, total)


# --- SHCP's semáforo --------------------------------------------------------------------------


@st.composite
def fila_semaforo(draw):
    sentido = draw(st.sampled_from(["ascendente", "descendente", "constante"]))
    verde = draw(MAGNITUD)
    rojo = draw(st.one_of(st.none(), cerca(fr(verde) * Fraction(9, 10), permitir_negativo=False)))
    if sentido == "descendente" and rojo is not None:
        rojo = texto(2 * fr(verde) - fr(rojo)) or rojo
    valor = draw(cerca(fr(draw(st.sampled_from([verde, rojo or verde])))))
    return sentido, valor, verde, rojo


@SETTINGS
@given(filas=st.lists(fila_semaforo(), min_size=1, max_size=10))
def test_semaforo_como_el_oraculo(filas):
    lineas = ["clave: E999", "ramo: 51", "nombre: Prueba", "mir:"]
    for i, (sentido, valor, verde, rojo) in enumerate(filas):
        umbrales = f"verde: {verde}" + (f", rojo: {rojo}" if rojo is not None else "")
        lineas += [
            f"  - {{id: I{i}, nivel: Propósito, nombre: Indicador {i}, sentido: {sentido},",
            f"     metas: {{2023: {{meta: 1, valor: {valor}, semaforo: {{{umbrales}}}}}}}}}",
        ]
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "E999.yaml").write_text("\n".join(lineas) + "\n", encoding="utf-8")
        specs = im.cargar(d)
        api = im.cumplimiento(specs).filas
        por_csv = _csv("cumplimiento", "--specs", d)
        tendencias = im.tendencias(specs).filas
    for (sentido, valor, verde, rojo), fila, fcsv, ftend in zip(
        filas, api, por_csv, tendencias, strict=True
    ):
        esperado = o.semaforo(valor, verde, rojo, sentido)
        assert fila["semaforo"] == (fcsv["semaforo"] or None) == ftend["semaforo"] == esperado, (
            sentido,
            valor,
            verde,
            rojo,
        )
