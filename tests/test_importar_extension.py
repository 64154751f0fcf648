"""`importar` into a folder whose spec of the program is named `E045.YAML` (or `e045.yaml`):
never a second spec of the program beside it."""

from __future__ import annotations

from conftest import SHARED

AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"


def _importar(cli, salida, *opciones):
    return cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(salida),
               *opciones)  # fmt: skip


def test_a_spec_with_an_uppercase_extension_is_not_given_a_second_beside_it(cli, tmp_path):
    """9/U001.YAML (which the loader skips, with an aviso): importar wrote a new 9/U001.yaml
    beside it, exit 0 — two specs of 9-U001, the loader reading the import's and skipping the
    person's. Now the program is refused with the rename to do, exit 1, nothing written."""
    assert _importar(cli, tmp_path).code == 0
    carpeta = tmp_path / "9"
    texto = (carpeta / "U001.yaml").read_text(encoding="utf-8")
    (carpeta / "U001.yaml").rename(carpeta / "U001.YAML")
    for opcion in ("--simular", None, "--reemplazar"):
        r = _importar(cli, tmp_path, *([opcion] if opcion else []))
        assert r.code == 1, r.err
        assert r.err.splitlines() == [
            "error: 9/U001.YAML: la extensión «.YAML» va en minúsculas: el cargador omite el "
            "archivo, y escribir U001.yaml junto a él dejaría dos specs de 9-U001; renómbrelo a "
            "U001.yaml y vuelva a importar (no se escribe nada)"
        ]
        assert "1 sin modificar por errores" in r.out
        assert sorted(p.name for p in carpeta.iterdir()) == ["U001.YAML"]
        assert (carpeta / "U001.YAML").read_text(encoding="utf-8") == texto
    (carpeta / "U001.YAML").rename(carpeta / "u001.yml")
    r = _importar(cli, tmp_path)
    assert r.code == 1 and sorted(p.name for p in carpeta.iterdir()) == ["u001.yml"]
    assert "error: 9/u001.yml: la clave del nombre va en mayúsculas: el cargador lo rechaza " in (
        r.err
    )
    (carpeta / "u001.yml").rename(carpeta / "U001.yml")
    r = _importar(cli, tmp_path)
    assert r.code == 0, r.err
    assert "0 creados, 0 actualizados, 1 sin cambios" in r.out


def test_another_ramo_s_uppercase_file_does_not_stop_the_program(cli, tmp_path):
    """A `U001.YAML` of ramo 51 is another program: 9-U001 is created as before."""
    otra = tmp_path / "51" / "U001.YAML"
    otra.parent.mkdir()
    otra.write_text("clave: U001\nramo: 51\nnombre: Otro programa\n", encoding="utf-8")
    r = _importar(cli, tmp_path)
    assert r.code == 0, r.err
    assert (tmp_path / "9" / "U001.yaml").is_file() and otra.is_file()
