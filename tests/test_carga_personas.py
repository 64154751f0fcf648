"""A population counted in persons written with decimals (`atendida: 744939.5`) is kept as
written and said, by `validar` and by every command, from a cold or a warm cache: SHCP's own
files carry such figures (11-E064's PO by sex), so it is an aviso, not an error."""

from __future__ import annotations

import pytest

from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.carga.sanity import cuenta_personas
from tests.conftest import spec_e045

E045 = bundled_specs_dir() / "E045.yaml"
PA = "    atendida: 744939 "
AVISO = (
    "E045.yaml:21:15: poblaciones.2017.atendida: aviso: la población atendida (744,939.5) tiene "
    "decimales y se mide en «Derechohabientes»: una cuenta de personas es entera; se conserva "
    "tal cual (¿una errata, o una estimación de la fuente?)"
)


def test_persons_with_decimals_are_an_aviso_cold_and_warm(cli, tmp_path, cache_dir):
    folder = spec_e045(tmp_path, PA, "    atendida: 744939.5")
    for _ in ("frío", "tibio"):
        r = cli("validar", folder)
        assert r.code == 0 and AVISO in r.err, r.err
        assert "1 archivo válido, 1 aviso." in r.err


def test_every_command_says_it_and_keeps_the_figure(cli, tmp_path, cache_dir):
    folder = spec_e045(tmp_path, PA, "    atendida: 744939.5")
    for _ in ("frío", "tibio"):
        r = cli("cobertura", "E045", "--specs", folder, "-f", "json")
        assert r.code == 0 and AVISO in r.err, r.err
        assert '"atendida": 744939.5' in r.out  # as written: never rounded to a whole person


@pytest.mark.parametrize(
    ("viejo", "nuevo", "campo"),
    [
        ("    potencial: 14756442 ", "    potencial: 14756442.25", "potencial"),
        ("    objetivo: 784969 ", "    objetivo: 784969.5", "objetivo"),
        ("    hombres: ND ", "    hombres: 10.5", "hombres"),
    ],
)
def test_each_count_of_persons_is_checked(tmp_path, viejo, nuevo, campo):
    (aviso,) = load_paths([spec_e045(tmp_path, viejo, nuevo)]).avisos
    assert aviso.keypath == f"poblaciones.2017.{campo}" and aviso.notable
    assert "tiene decimales y se mide en «Derechohabientes»" in aviso.message


@pytest.mark.parametrize(
    "nuevo",
    [
        "    atendida: 744939.0",  # whole, written with a decimal point
        "    unidad_medida: Hectáreas\n    atendida: 744939.5",  # a unit that is not persons
    ],
)
def test_no_aviso_where_the_count_is_whole_or_not_of_persons(tmp_path, nuevo):
    viejo = "    unidad_medida: Derechohabientes      # seed 001"
    text = E045.read_text(encoding="utf-8")
    if "unidad_medida" in nuevo:
        folder = tmp_path / "specs"
        folder.mkdir()
        assert text.count(viejo) == 1 and text.count(PA) == 1
        text = text.replace(viejo, "    # seed 001").replace(PA, nuevo)
        (folder / "E045.yaml").write_text(text, encoding="utf-8")
        specs = load_paths([str(folder)])
    else:
        specs = load_paths([spec_e045(tmp_path, PA, nuevo)])
    assert specs.avisos == []


def test_a_component_in_persons_is_checked_and_the_sources_breakdown_is_not(tmp_path):
    """`desglose` is SHCP's raw breakdown as read (11-E064's PO by sex is 406,186.1387…)."""
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "X001.yaml").write_text(
        "clave: X001\nramo: 51\nnombre: Prueba\npoblaciones:\n  2018:\n    componentes:\n"
        "      - nombre: Estancias\n        unidad_medida: Niños y niñas\n"
        "        potencial: 2000\n        objetivo: 300.5\n        atendida: 270\n"
        "      - nombre: Préstamos\n        unidad_medida: Personas\n"
        "        potencial: 1152920\n        objetivo: 1152920\n        atendida: 900\n"
        "        desglose:\n"
        "          objetivo: {hombres: 406186.13869735564, mujeres: 746733.8613026446}\n",
        encoding="utf-8",
    )
    (aviso,) = load_paths([str(folder)]).avisos
    assert (aviso.line, aviso.col) == (10, 19)
    assert aviso.keypath == "poblaciones.2018.componentes[0].objetivo"
    assert "(300.5) tiene decimales y se mide en «Niños y niñas»" in aviso.message


@pytest.mark.parametrize(
    ("unidad", "personas"),
    [
        ("Derechohabientes", True),
        ("Personas", True),
        ("personas.", True),
        ("Niño(a)s", True),
        ("Madres y padres trabajadores derechohabientes", True),
        ("Trabajadores, familiares, pensionados y jubilados", True),
        ("Pensionados y jubilados", True),
        ("Servicios por cada 1000 derechohabientes", False),
        ("Mecanismos para el Adelanto de las Mujeres", False),
        ("Hectáreas", False),
        ("Becas y Estancias", False),
        ("Unidades Económicas Rurales Agrícolas", False),
        ("", False),
    ],
)
def test_which_units_count_persons(unidad, personas):
    assert cuenta_personas(unidad) is personas
