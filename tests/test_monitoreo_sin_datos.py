"""`monitoreo` on specs without the index asked for says where the figures are: on a folder
made with `importar ised` it said «no hay datos de monitoreo en las specs cargadas» and
stopped, of specs that held SHCP's ISeD (`--indice ised`); `--indice ised` on specs without
any ISeD did not say how to get it."""

from __future__ import annotations

E047 = """\
clave: E047
ramo: 51
dependencia: Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado
nombre: Créditos a corto y mediano plazo
ised:
  2020:
    valor: 1
    publicado: {nivel: Alto}
"""


def _specs(tmp_path):
    (tmp_path / "E047.yaml").write_text(E047, encoding="utf-8")
    return str(tmp_path)


def test_specs_with_only_the_ised_send_monitoreo_to_indice_ised(cli, tmp_path):
    r = cli("monitoreo", "--specs", _specs(tmp_path))
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "error: no hay datos de monitoreo en las specs cargadas (tienen el ISeD de SHCP: "
        "pruebe --indice ised)\n"
    )
    assert cli("monitoreo", "--specs", _specs(tmp_path), "--indice", "ised").code == 0


def test_the_hint_is_only_where_the_ised_is(cli, tmp_path):
    r = cli("monitoreo", "--specs", _specs(tmp_path), "--anio", "2019")
    assert r.code == 1
    assert r.err == (
        "error: no hay datos de monitoreo para el año 2019 en las specs cargadas; ningún año con "
        "valoración de monitoreo en las specs\n"
    )


def test_ised_on_specs_without_it_says_how_to_import_it(cli):
    r = cli("monitoreo", "--indice", "ised")  # the bundled specs: CONEVAL's figures only
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "error: no hay datos de ISeD en las specs cargadas (se importan de los datos abiertos "
        "de SHCP: issste-mon importar ised)\n"
    )


def test_the_library_names_its_argument_not_the_cli_option(tmp_path):
    """The hint reaches Python callers too: to them it names `indice`, not «--indice»."""
    import pytest

    import issste_mon as im
    from issste_mon.errores import SinDatos

    with pytest.raises(SinDatos) as err:
        im.monitoreo(im.cargar(_specs(tmp_path)))
    assert str(err.value).endswith("(tienen el ISeD de SHCP: pruebe `indice` ised)")
    assert err.value.argumentos == ("indice",)


def test_the_library_sends_python_callers_to_its_function_not_the_command():
    """«… issste-mon importar ised» told a Python caller to run a command: to them the hint
    names the library's function, and the command line still says its command."""
    import pytest

    import issste_mon as im
    from issste_mon.errores import SinDatos

    with pytest.raises(SinDatos) as err:
        im.monitoreo(im.cargar(), indice="ised")  # the bundled specs: no ISeD
    assert str(err.value) == (
        "no hay datos de ISeD en las specs cargadas (se importan de los datos abiertos de SHCP: "
        "`importar_ised`)"
    )
    assert err.value.funciones == ("importar_ised",)
    assert err.value.en_opciones() == (
        "no hay datos de ISeD en las specs cargadas (se importan de los datos abiertos de SHCP: "
        "issste-mon importar ised)"
    )
