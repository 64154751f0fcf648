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


# --- the files the library writes (`ficha.sitio.escribir`, `salida.archivo`) --------------------


def test_a_refused_target_names_the_argument_and_the_cli_its_option(cli, tmp_path):
    """`salida.archivo` said «elija otro nombre, o --salida - para la salida estándar» to a
    Python caller of `ficha.sitio.escribir`, who has neither --salida nor «-»."""
    import issste_mon as im
    from issste_mon.salida.archivo import escribir_atomico

    enlace = tmp_path / "x.csv"
    enlace.symlink_to(tmp_path / "otro.csv")
    casos = [
        (
            enlace,
            f"no se escribe en {enlace}: es un enlace simbólico (no se sigue); elija otro nombre",
            ", o --salida - para la salida estándar",
        ),
        ("", "la ruta de `salida` está vacía («»): dé un archivo", ", o - para la salida estándar"),
    ]
    for ruta, en_python, solo_cli in casos:
        with pytest.raises(im.EntradaInvalida) as exc:
            escribir_atomico(ruta, "x")
        assert str(exc.value) == en_python
        en_linea = en_python.replace("`salida`", "--salida") + solo_cli
        assert exc.value.en_opciones() == en_linea
        r = cli("cobertura", "E045", "-f", "csv", "--salida", str(ruta))
        assert (r.code, r.err) == (2, f"error: {en_linea}\n")


def test_the_site_names_no_cli_option(bundled, tmp_path):
    import issste_mon as im
    from issste_mon.ficha import sitio

    destino = tmp_path / "sitio"
    destino.mkdir()
    (destino / "index.html").symlink_to(tmp_path / "otro.html")
    with pytest.raises(im.EntradaInvalida) as exc:
        sitio.escribir(bundled, im.cargar_metodologia(), str(destino))
    assert str(exc.value) == (
        f"no se escribe en {destino / 'index.html'}: es un enlace simbólico (no se sigue); "
        "elija otro nombre; no se escribió ninguna página del sitio"
    )
    # nor does the command line offer «-» (the standard output) for a site's folder
    assert exc.value.en_opciones() == str(exc.value)


def test_sexenal_notes_and_summary_name_the_cut_not_the_option(bundled):
    """A table (data) a Python caller reads too: «issste-mon sexenal --anio 2022» and «(--anio
    2024 toma …» sent it to the command line; they name the cut year."""
    import issste_mon as im

    tabla = im.sexenal(bundled, anio=2022, filas="enfoque")
    (linea,) = [r for r in tabla.resumen if "No se calcularon al corte 2022" in r]
    assert linea.endswith(
        "No se calcularon al corte 2022: la nota de cada indicador en la tabla sexenal por "
        "indicador al corte 2022 dice por qué."
    )
    for r in [*tabla.resumen, *(str(f.get("nota")) for f in tabla.filas)]:
        assert "--" not in r, r


def test_resumen_warnings_name_no_cli_option(bundled, tmp_path):
    """`resumen`'s warnings (to a Python caller, `Tabla.avisos`) said «ver resumen
    --enunciados»: the statements of `resumen` named, not the option."""
    import shutil

    import issste_mon as im
    from issste_mon.carga.loader import bundled_specs_dir

    (contradiccion,) = [a for a in im.resumen(bundled).avisos if "no pueden valer" in a]
    assert contradiccion.endswith(
        "(los atributos registrados dan 5 (56%); ver los enunciados de resumen, y verificar)"
    )
    carpeta = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), carpeta)
    (carpeta / "OTRA.yaml").write_text(
        "tipo: dependencia\nsiglas: OTRA\nclave: OTRA\nnombre: Otra\nramo: 51\n"
        "programas_sociales:\n  2024: [E045]\n",
        encoding="utf-8",
    )
    avisos = im.resumen(im.cargar(str(carpeta))).avisos
    (juntas,) = [a for a in avisos if a.startswith("2 dependencias")]
    assert juntas.endswith("se comparan con sus programas en los enunciados de resumen")
    assert not [a for a in avisos if "--" in a]


def test_library_ficha_and_sexenal_summary_name_no_cli(bundled):
    """Data a Python caller gets too: the Markdown ficha without chart files ended «Las
    gráficas se escriben con --salida ARCHIVO.html o ARCHIVO.md.» and sexenal's summary said
    «según «issste-mon verificar»»; the command line keeps its own words
    (tests/test_ficha.py::test_readme_shows_the_real_ficha_output)."""
    import issste_mon as im
    from issste_mon.ficha import datos, markdown, vista

    ctx = vista.programa(datos.construir(bundled, im.cargar_metodologia(), "E045"))
    doc = markdown.documento(ctx)
    assert doc.endswith(
        "\n_Esta ficha no trae gráficas: las traen la ficha en HTML y la ficha en Markdown "
        "escrita a un archivo, junto a sus .svg._\n"
    )
    assert "--salida" not in doc
    resumen = im.sexenal(bundled).resumen
    assert (
        "Categorías de avance publicadas, según «verificar»: 1 coincide, 2 coinciden por "
        "construcción y 12 no verificables."
    ) in resumen
    assert not [r for r in resumen if "issste-mon" in r]
