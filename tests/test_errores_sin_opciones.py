"""The library (`import issste_mon`) names its arguments in its errors, never a command-line
option; the command line says its own options."""

from __future__ import annotations

import pytest

# --- 4: the library names its arguments; the command line, its options ------------------------


@pytest.fixture(scope="module")
def bundled():
    import issste_mon as im

    return im.cargar()


@pytest.mark.parametrize(
    ("consulta", "argumentos", "en_python", "en_cli"),
    [
        (
            "sexenal",
            {"filas": "x"},
            '`filas`: atributo desconocido "x"',
            ("sexenal", "--filas", "x"),
        ),
        (
            "sexenal",
            {"columnas": "y"},
            '`columnas`: atributo desconocido "y"',
            ("sexenal", "--columnas", "y"),
        ),
        (
            "tendencias",
            {"anio": 2020, "anio_desde": 2019},
            "pida un año (`anio`) o un intervalo (`anio_desde`/`anio_hasta`), no ambos",
            ("tendencias", "--anio", "2020", "--anio-desde", "2019"),
        ),
        (
            "alertas",
            {"anio_desde": 2022, "anio_hasta": 2020},
            "el año inicial (2022; `anio_desde`) es posterior al final (2020; `anio_hasta`)",
            ("alertas", "--anio-desde", "2022", "--anio-hasta", "2020"),
        ),
    ],
)
def test_a_library_error_names_no_cli_option(cli, bundled, consulta, argumentos, en_python, en_cli):
    import issste_mon as im

    # `im.sexenal(filas="x")` used to say «--filas: atributo desconocido "x"»
    with pytest.raises(im.EntradaInvalida) as exc:
        getattr(im, consulta)(bundled, **argumentos)
    assert str(exc.value).startswith(en_python) and "--" not in str(exc.value)
    r = cli(*en_cli)
    assert r.code == 2 and r.out == ""
    opciones = [a for a in en_cli if a.startswith("--")]
    esperado = en_python
    for nombre in argumentos:
        esperado = esperado.replace(f"`{nombre}`", "--" + nombre.replace("_", "-"))
    esperado = esperado.replace("`anio_hasta`", "--anio-hasta")
    assert r.err.startswith(f"error: {esperado}") and all(o in r.err for o in opciones), r.err


def test_sexenal_tabla_is_named_as_typed(cli):
    r = cli("sexenal", "--tabla", "x")
    assert r.code == 2 and r.err.startswith('error: --tabla: atributo desconocido "x"'), r.err


def test_a_table_asked_for_unknown_columns_names_the_argument(cli, bundled):
    import issste_mon as im

    tabla = im.cobertura(bundled)
    for pedidas, dice in [
        (["zz"], "columna desconocida «zz» en `columnas`"),
        ([""], "`columnas` no nombra ninguna columna"),
        (["clave", "Clave"], "columna repetida «clave» en `columnas`"),
    ]:
        with pytest.raises(im.EntradaInvalida) as exc:
            tabla.con_columnas(pedidas)
        assert str(exc.value).startswith(dice) and "--" not in str(exc.value)
    r = cli("cobertura", "--columnas", "zz")
    assert r.code == 2 and r.err.startswith("error: columna desconocida «zz» en --columnas;")
