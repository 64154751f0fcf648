"""A year key written as anything but a year (`2017.0`, `2017e0`, `+2017`, `0x7E1`, `"2017"`,
`2017-01-01`) is a one-line error at the key that names it as written, under `metas`,
`poblaciones` and `presupuesto`, alike on the fast path and on the safe loader's: none is taken
for 2017 in silence, and none is named by Python's text for what YAML read (`2017.0`)."""

from __future__ import annotations

import pytest

from issste_mon.carga.loader import bundled_specs_dir, load_paths
from tests.conftest import problemas_de, sin_ruta_rapida

E045 = bundled_specs_dir() / "E045.yaml"
# (the year line as in the bundled E045, its line, the keypath before the key)
LUGARES = {
    "poblaciones": ("  2017:\n    fuente:", 16, 3, "poblaciones."),
    "presupuesto": ("  2017:\n    ejercido:", 38, 3, "presupuesto."),
    "metas": ("      2017:\n        meta:", 67, 7, "mir[0].metas."),
}
ANIO = "se esperaba un año entre 1900 y 2200, se encontró"
CLAVES = {
    "2017.0": ("«2017.0»", f"{ANIO} 2017.0, un número con punto decimal o exponente: escriba 2017"),
    "2017.": ("«2017.»", f"{ANIO} 2017., un número con punto decimal o exponente: escriba 2017"),
    "2017e0": ("2017e0", f"{ANIO} 2017e0, un número con punto decimal o exponente: escriba 2017"),
    "2017.5": ("«2017.5»", f"{ANIO} 2017.5"),
    "+2017": ("+2017", f"{ANIO} +2017, que YAML lee como 2017: escriba 2017"),
    "02017": ("02017", f"{ANIO} 02017, que YAML lee como 2017: escriba 2017"),
    "0x7E1": ("0x7E1", f"{ANIO} 0x7E1, que YAML lee como 2017: escriba 2017"),
    '"2017"': ("2017", f'{ANIO} "2017" (un texto: escríbalo sin comillas)'),
    "2017-01-01": (
        "2017-01-01",
        f"{ANIO} 2017-01-01, que YAML lee como una fecha: escriba solo el año (2017)",
    ),
}


def _spec(tmp_path, lugar: str, clave: str) -> str:
    viejo, *_ = LUGARES[lugar]
    text = E045.read_text(encoding="utf-8")
    assert text.count(viejo) == 1, viejo
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    nuevo = viejo.replace("2017:", f"{clave}:", 1)
    (folder / "E045.yaml").write_text(text.replace(viejo, nuevo), encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("lugar", list(LUGARES))
@pytest.mark.parametrize("clave", list(CLAVES))
def test_a_year_key_written_otherwise_is_an_error_named_as_written(
    tmp_path, monkeypatch, lugar, clave
):
    folder = _spec(tmp_path, lugar, clave)
    _, line, col, antes = LUGARES[lugar]
    parte, mensaje = CLAVES[clave]
    esperado = [f"E045.yaml:{line}:{col}: {antes}{parte}: {mensaje}"]
    assert problemas_de(folder) == esperado  # the fast path
    sin_ruta_rapida(monkeypatch)
    assert problemas_de(folder) == esperado  # the safe loader's


def test_the_command_line_says_it_in_one_line_and_exits_2(cli, tmp_path):
    folder = _spec(tmp_path, "presupuesto", "2017e0")
    r = cli("presupuesto", "E045", "--specs", folder)
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"{folder}/E045.yaml:38:3: presupuesto.2017e0: {ANIO} 2017e0, un número con punto "
        "decimal o exponente: escriba 2017\n"
    )


def test_a_year_written_as_a_year_is_still_read(tmp_path):
    """(the guard: `2017:` itself is no «key written otherwise»)"""
    folder = _spec(tmp_path, "metas", "2017")
    (prog,) = load_paths([folder]).programas
    assert list(prog.mir[0].metas) == [2017]
    assert [p.anio for p in prog.presupuesto] == [2016, 2017]
