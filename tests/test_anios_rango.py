"""Every refusal of a year names the years taken, 1900 to 2200 (`modelo.ANIO_MIN`/`ANIO_MAX`,
the one range of a spec, the methodology, the command line, the library and the importers):
«se esperaba un año (p. ej. 2017), se encontró 1899» gave an example and left the person to
guess why 1899 was no year, and the command line took `--anio 1850`."""

from __future__ import annotations

import json
import re

import pytest

import issste_mon as im
from issste_mon import metodologia
from issste_mon.carga.esquema_json import esquema
from issste_mon.modelo import ANIO_MAX, ANIO_MIN
from tests.conftest import problemas_de, spec_e045

RANGO = "se esperaba un año entre 1900 y 2200"


def test_the_range_is_one_and_is_1900_to_2200():
    assert (ANIO_MIN, ANIO_MAX) == (1900, 2200)
    # the JSON Schema's pattern of year keys (an editor's check) takes exactly those
    patrones = set(re.findall(r'"propertyNames": \{"pattern": "([^"]+)"', json.dumps(esquema())))
    assert len(patrones) == 1
    patron = re.compile(patrones.pop())
    tomados = [y for y in range(10_000) if patron.match(str(y))]
    assert tomados == list(range(ANIO_MIN, ANIO_MAX + 1))


@pytest.mark.parametrize(
    ("viejo", "nuevo", "linea"),
    [
        (
            "linea_base: {anio: 2017}",
            "linea_base: {anio: 1899}",
            "E045.yaml:64:24: mir[0].linea_base.anio: se esperaba un año entre 1900 y 2200, "
            "se encontró 1899",
        ),
        (
            "      2017:\n        meta: 543.35",
            "      1899:\n        meta: 543.35",
            "E045.yaml:67:7: mir[0].metas.1899: se esperaba un año entre 1900 y 2200, "
            "se encontró 1899",
        ),
        (
            "  anio: 2017\n  ejercicio_actual: 2018",
            "  anio: 2201\n  ejercicio_actual: 2018",
            "E045.yaml:115:9: fmye.anio: se esperaba un año entre 1900 y 2200, se encontró 2201",
        ),
        (
            "  anio: 2017\n  ejercicio_actual: 2018",
            "  anio: dos mil\n  ejercicio_actual: 2018",
            'E045.yaml:115:9: fmye.anio: se esperaba un año entre 1900 y 2200, se encontró "dos '
            'mil"',
        ),
    ],
    ids=["linea_base", "metas", "fmye", "fmye-texto"],
)
def test_a_spec_s_year_out_of_range_names_the_range(tmp_path, viejo, nuevo, linea):
    assert problemas_de(spec_e045(tmp_path, viejo, nuevo)) == [linea]


@pytest.mark.parametrize("anio", ["1899", "2201", "23", "0001"])
def test_the_command_line_s_year_names_the_range(cli, anio):
    for opcion in ("--anio", "--anio-desde"):
        comando = "alertas" if opcion == "--anio-desde" else "cobertura"
        r = cli(comando, opcion, anio)
        assert r.code == 2 and r.out == ""
        assert r.err.splitlines()[0].endswith(f"{RANGO} (p. ej. 2023), no «{anio}»"), r.err


@pytest.mark.parametrize("anio", [1900, 2200])
def test_the_command_line_takes_the_range_s_ends(cli, anio):
    r = cli("cobertura", "--anio", str(anio))
    assert r.code == 1 and f"para el año {anio}" in r.err  # (no data: the year was taken)


def test_the_library_s_year_names_the_range(specs, tmp_path):
    entero = "se esperaba un año entero entre 1900 y 2200"
    with pytest.raises(im.EntradaInvalida) as info:
        im.cumplimiento(specs, anio=1899)
    assert str(info.value) == f"anio: {entero} (p. ej. 2017), se recibió 1899"
    with pytest.raises(im.EntradaInvalida) as info:
        im.tendencias(specs, anio_desde=2201)
    assert str(info.value) == f"anio_desde: {entero} (p. ej. 2017), se recibió 2201"
    salida = tmp_path / "specs"
    with pytest.raises(im.EntradaInvalida) as info:  # (checked before the file is read)
        im.importar_poblaciones(tmp_path / "p.csv", salida=salida, anio=1899)
    assert str(info.value) == f"`anio`: {entero} (p. ej. 2020), se recibió 1899"
    with pytest.raises(im.EntradaInvalida) as info:
        im.importar_ised(tmp_path / "i.csv", salida=salida, edicion=20)
    assert str(info.value) == f"`edicion`: {entero} (p. ej. 2020), se recibió 20"
    assert not salida.exists()


def test_the_methodology_s_year_names_the_range(cli, tmp_path):
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    viejo = "  anio_meta: 2024\n  avance_esperado"
    assert texto.count(viejo) == 1
    path = tmp_path / "m.yaml"
    path.write_text(texto.replace(viejo, viejo.replace("2024", "1899")), encoding="utf-8")
    r = cli("cumplimiento", "E045", "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2
    assert r.err.endswith(
        ": avance_sexenal.anio_meta: debe estar entre 1900 y 2200, se encontró 1899\n"
    ), r.err
