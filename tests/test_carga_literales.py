"""A number in a figure or year field written other than as a plain decimal (`0x10`, `0o10`,
`+543.35`, `010`, `02017`) is a one-line error naming it as written and saying what to write, on
the fast path and on the safe loader's alike: each was read as its number in silence (`meta:
0x10` was 16, «1 archivo válido»), and `010` is 10 to YAML 1.2 but 8 to YAML 1.1 (other tools).
Plain decimals, a minus, exponents and `.5` are how a figure is written, and are read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from issste_mon.carga import yamlload
from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError
from tests.conftest import problemas_de, sin_ruta_rapida, spec_e045

# (the line of the bundled E045 to change, the place of its value, its keypath, the prefix)
META = ("        meta: 543.35\n", "68:15", "mir[0].metas.2017.meta", "se esperaba un número")
POTENCIAL = ("    potencial: 14756442 ", "19:16", "poblaciones.2017.potencial", META[3])
EJERCIDO = ("    ejercido: 2531.93\n", "39:15", "presupuesto.2017.ejercido", META[3])
INICIO = ("inicio: 2016 ", "11:9", "inicio", "se esperaba un año entre 1900 y 2200")
ANIO_BASE = ("linea_base: {anio: 2017}", "64:24", "mir[0].linea_base.anio", INICIO[3])
# (place, as written, what YAML reads, what the message adds after it)
CASOS = [
    (META, "0x10", "16", ""),
    (META, "0o10", "8", ""),
    (META, "+543.35", "543.35", ""),
    (META, "0543.35", "543.35", ""),
    (META, "-00.5", "-0.5", ""),
    (META, "+1e6", "1e6", ""),
    (META, "010", "10", " (y YAML 1.1, el de otras herramientas, como 8)"),
    (META, "-010", "-10", " (y YAML 1.1, el de otras herramientas, como -8)"),
    (META, "09", "9", ""),  # (not octal to YAML 1.1: a text there)
    (POTENCIAL, "+14756442", "14756442", ""),
    (POTENCIAL, "0xE12A5A", "14756442", ""),
    (EJERCIDO, "+2531.93", "2531.93", ""),
    (EJERCIDO, "+2531.930", "2531.930", ""),  # (the digits as written, not «2531.93»)
    (INICIO, "0x7E0", "2016", ""),
    (INICIO, "02016", "2016", " (y YAML 1.1, el de otras herramientas, como 1038)"),
    (INICIO, "+2016", "2016", ""),
    (ANIO_BASE, "+2017", "2017", ""),
    (ANIO_BASE, "02017", "2017", " (y YAML 1.1, el de otras herramientas, como 1039)"),
    (ANIO_BASE, "0o3741", "2017", ""),
]


def _en(tmp_path, lugar, escrito: str) -> str:
    viejo = lugar[0]
    valor = viejo.split(": ")[-1].strip(" \n}")
    return spec_e045(tmp_path, viejo, viejo.replace(valor, escrito, 1))


@pytest.mark.parametrize(
    ("lugar", "escrito", "leido", "otro"), CASOS, ids=[f"{c[0][2]}={c[1]}" for c in CASOS]
)
def test_a_number_written_otherwise_is_an_error_named_as_written(
    tmp_path, monkeypatch, lugar, escrito, leido, otro
):
    folder = _en(tmp_path, lugar, escrito)
    _, donde, ruta, esperado = lugar
    linea = f"E045.yaml:{donde}: {ruta}: {esperado}, se encontró {escrito}, que YAML lee como "
    linea += f"{leido}{otro}: escriba {leido}"
    assert problemas_de(folder) == [linea]  # the fast path
    sin_ruta_rapida(monkeypatch)
    assert problemas_de(folder) == [linea]  # the safe loader's


ACEPTADOS = [
    (META, "543.35", 543.35),
    (META, "-5", -5),
    (META, "1e6", 1e6),
    (META, "5.4335e2", 543.35),
    (META, "1E+3", 1000.0),
    (META, ".5", 0.5),
    (META, "-.5", -0.5),
    (META, "0.5", 0.5),
    (META, "0", 0),
    (META, "ND", "ND"),
]


@pytest.mark.parametrize(("lugar", "escrito", "valor"), ACEPTADOS, ids=[a[1] for a in ACEPTADOS])
def test_a_plain_decimal_or_an_exponent_is_read(tmp_path, monkeypatch, lugar, escrito, valor):
    folder = _en(tmp_path, lugar, escrito)
    for _ in ("rápida", "segura"):
        (prog,) = load_paths([folder]).programas
        meta = prog.mir[0].metas[2017].meta
        assert (str(meta) if valor == "ND" else meta) == valor
        assert not hasattr(meta, "escrito")
        sin_ruta_rapida(monkeypatch)


def test_the_command_line_says_it_in_one_line_and_exits_2(cli, tmp_path):
    folder = _en(tmp_path, META, "0x10")
    r = cli("validar", folder)
    assert r.code == 2 and "Traceback" not in r.err
    assert r.err == (
        f"{folder}/E045.yaml:68:15: mir[0].metas.2017.meta: se esperaba un número, se encontró "
        "0x10, que YAML lee como 16: escriba 16\n"
    )


def test_an_underscore_in_a_figure_says_what_to_write(tmp_path):
    """`1_000` is 1000 to YAML 1.1 and a text to 1.2: an error on both paths, now with a hint."""
    folder = _en(tmp_path, META, "1_000")
    assert problemas_de(folder) == [
        "E045.yaml:68:15: mir[0].metas.2017.meta: se esperaba un número o ND/NA, se encontró "
        '"1_000": escriba el número sin «_» (1000)'
    ]


@pytest.mark.parametrize(
    ("escrito", "dicho"),
    [("2016e0", "2016e0, un número con punto decimal o exponente: escriba 2016"),
     ("2016.0", "2016.0, un número con punto decimal o exponente: escriba 2016"),
     ("+2016.0", "+2016.0, un número con punto decimal o exponente: escriba 2016"),
     ("2016.5", "2016.5")],
)  # fmt: skip
def test_a_year_with_a_point_or_an_exponent_is_named_as_written(tmp_path, escrito, dicho):
    """`inicio: 2016e0` said «se encontró 2016.0», which the person never wrote."""
    folder = _en(tmp_path, INICIO, escrito)
    assert problemas_de(folder) == [
        f"E045.yaml:11:9: inicio: se esperaba un año entre 1900 y 2200, se encontró {dicho}"
    ]


def test_a_year_key_written_otherwise_and_the_same_year_quoted_are_one_key(tmp_path):
    """(the marked `+2017` is still 2017 to the duplicate-key check)"""
    text = "a:\n  +2017: 1\n  '2017': 2\n"
    with pytest.raises(SpecError) as info:
        yamlload.parse(text, "x.yaml")
    (p,) = info.value.problems
    assert (p.line, p.col) == (3, 3) and "con comillas o sin ellas es la misma clave" in p.message


@given(
    st.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), allow_nan=False, places=None)
)
def test_importar_never_writes_a_number_the_loader_refuses(exacto):
    """`importar` writes figures as plain decimals (never `+`, a leading zero or an exponent)."""
    from issste_mon.importar.comun import NoNumero, cifra
    from issste_mon.importar.escritura import volcar_nuevo

    try:
        valor = cifra(exacto)
    except NoNumero:
        return
    leido = yamlload.parse(volcar_nuevo({"meta": valor}), "x.yaml")["meta"]
    assert leido == valor and leido.__class__ is valor.__class__


@pytest.mark.parametrize(
    ("linea", "viejo", "escrito", "dicho"),
    [(28, "alerta_mayor_a: 100", "0x64", "se esperaba un número, se encontró 0x64, que YAML lee "
      "como 100: escriba 100"),
     (69, "anio_meta: 2024", "+2024", "se esperaba un entero, se encontró +2024, que YAML lee "
      "como 2024: escriba 2024")],
)  # fmt: skip
def test_the_methodology_refuses_them_too(cli, tmp_path, linea, viejo, escrito, dicho):
    from tests.test_metodologia_validacion import errores

    nuevo = viejo.replace(viejo.split(": ")[1], escrito)
    (error,) = errores(cli, tmp_path, (linea, viejo, nuevo))
    assert error.endswith(f": {dicho}"), error


@pytest.mark.parametrize("rapida", [True, False])
@pytest.mark.parametrize(
    ("escrito", "mensaje"),
    [
        (
            "2018-03-31",
            "se encontró 2018-03-31, que YAML lee como una fecha: escríbalo entre comillas "
            '("2018-03-31") para que quede tal cual',
        ),
        # (with its time: the value is not one plain word, so it is named as read, not quoted)
        (
            "2018-03-31 10:00:00",
            "se encontró una fecha (2018-03-31T10:00:00): escríbalo entre comillas para que "
            "quede tal cual",
        ),
    ],
)
def test_a_date_where_a_text_goes_says_how_to_keep_it(
    tmp_path, monkeypatch, rapida, escrito, mensaje
):
    # (a bare «se encontró una fecha (2018-03-31)» did not say that quotes keep it a text)
    if not rapida:
        sin_ruta_rapida(monkeypatch)
    folder = spec_e045(tmp_path, "nombre: Prestaciones sociales ", f"nombre: {escrito} ")
    assert problemas_de(folder) == [f"E045.yaml:7:9: nombre: se esperaba un texto, {mensaje}"]
