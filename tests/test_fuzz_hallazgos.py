"""What the generated hostile specs (a seeded mutation of every field, through every command)
found: each test is one spec the loader accepts whose figure a later step got wrong."""

from __future__ import annotations

import json

SPEC_CUMPLIMIENTO = """\
clave: E901
ramo: 51
nombre: Bordes de la aritmética
mir:
  - id: A1
    nivel: Propósito
    nombre: Justo bajo el corte
    sentido: ascendente
    metas:
      2017: {meta: 1000000000000000000000000000000, valor: 899999999999999999999999999999}
  - id: D1
    nivel: Propósito
    nombre: Fuera de rango
    sentido: descendente
    metas:
      2017: {meta: 1e308, valor: 1e-300}
"""


def _filas(cli, tmp_path, comando: str, *args: str) -> dict:
    (tmp_path / "E901.yaml").write_text(SPEC_CUMPLIMIENTO, encoding="utf-8")
    r = cli(comando, "--specs", str(tmp_path), "-f", "json", *args)
    assert r.code == 0, r.err
    return {(f["id"], f.get("anio") or f.get("anios")): f for f in json.loads(r.out)}


def test_tendencias_classifies_a_cumplimiento_as_cumplimiento_does(cli, tmp_path):
    """899999999999999999999999999999 of a meta of 10^30 is 89.99…9 % (28 nines): «Bajo» in
    `cumplimiento`, but tendencias divided in a 28-digit context, got 90 and said «Adecuado»;
    alertas, on the same quotient, raised no «meta no alcanzada»."""
    cump = _filas(cli, tmp_path, "cumplimiento")[("A1", 2017)]
    tend = _filas(cli, tmp_path, "tendencias")[("A1", 2017)]
    assert cump["rango"] == tend["rango"] == "Bajo"
    alertas = _filas(cli, tmp_path, "alertas", "-r", "meta_no_alcanzada")
    assert ("A1", "2017") in alertas


def test_tendencias_says_out_of_range_as_cumplimiento_does(cli, tmp_path):
    """meta 1e308 over valor 1e-300 (descendente) is 10^610 %: `cumplimiento` gives no figure
    and says «fuera de rango»; tendencias printed the 610-digit figure, «Alto»."""
    cump = _filas(cli, tmp_path, "cumplimiento")[("D1", 2017)]
    tend = _filas(cli, tmp_path, "tendencias")[("D1", 2017)]
    assert cump["cumplimiento_pct"] is None and tend["cumplimiento_pct"] is None
    assert tend["rango"] is None
    assert "fuera de rango" in cump["nota"] and "fuera de rango" in tend["nota"]
