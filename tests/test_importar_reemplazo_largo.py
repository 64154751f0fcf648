"""`importar --reemplazar` writing a longer value over a short one with a comment on its line:
the comment stays on that line (after the new value) and the spec reads back as merged."""

from __future__ import annotations

import yaml
from conftest import SHARED

AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"
MARCA = "importar --reemplazar escribió el de la fuente"


def test_a_kept_comment_stays_on_the_line_of_a_longer_value(cli, tmp_path):
    args = ("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert cli(*args).code == 0
    ruta = tmp_path / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    for viejo, nuevo in (
        ("      valor: 96.02\n", "      valor: 9  # del informe\n      # otra línea\n"),
        ("      denominador: 60000\n", "      denominador: 6    # d\n"),
        ("  umbrales: {verde: 75, rojo: 50}\n", "  umbrales: {verde: 7, rojo: 5} # u\n"),
    ):
        assert texto.count(viejo) == 1
        texto = texto.replace(viejo, nuevo)
    ruta.write_text(texto, encoding="utf-8")
    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    escrito = ruta.read_text(encoding="utf-8")
    assert f"      valor: 96.02 # del informe (comentario del valor anterior, 9; {MARCA})\n" \
        "      # otra línea\n" in escrito  # fmt: skip
    assert f"      denominador: 60000 # d (comentario del valor anterior, 6; {MARCA})\n" in escrito
    assert (
        "  umbrales: {verde: 75, rojo: 50} # u (comentario de los valores anteriores: verde 7, "
        "rojo 5; importar --reemplazar escribió los de la fuente)\n"
    ) in escrito
    metas = yaml.safe_load(escrito)["mir"][0]["metas"][2019]
    assert (metas["valor"], metas["denominador"]) == (96.02, 60000)
    assert cli(*args).code == 0 and ruta.read_text(encoding="utf-8") == escrito
