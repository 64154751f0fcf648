"""A methodology's cut is said as the file writes it, wherever an output names it.

A user's band of 94.75–110.0001 % was said «95–110 %» (rounded to whole numbers) by the ficha
and verificar, and «94.75–110 %» (`:g`, six significant digits) by cumplimiento's summary: the
text named a rule other than the one that classified, and E048's 94.749 % was printed «94.75 %»
beside «Bajo» with the cut at 94.75.
"""

from __future__ import annotations

import csv
import io

from issste_mon import metodologia

REFERENCIA = open(metodologia.default_path(), encoding="utf-8").read()


def _metodologia(tmp_path, *cambios: tuple[str, str]) -> str:
    texto = REFERENCIA
    for old, new in cambios:
        assert texto.count(old) == 1, old
        texto = texto.replace(old, new)
    path = tmp_path / "m.yaml"
    path.write_text(texto, encoding="utf-8")
    return str(path)


def _rango(tmp_path) -> str:
    return _metodologia(
        tmp_path,
        ("    inferior: 90\n", "    inferior: 94.75\n"),
        ("cumplimiento_menor_a: 90 ", "cumplimiento_menor_a: 94.75 "),  # (the rango Bajo)
        ("superior: 110", "superior: 110.0001"),
    )


def test_the_cumplimiento_summary_names_the_cuts_as_written(cli, tmp_path):
    r = cli("cumplimiento", "-f", "csv", "--metodologia", _rango(tmp_path))
    assert r.code == 0, r.err
    assert "Por rango (94.75–110.0001 %): Bajo 1, Adecuado 0, Alto 2." in r.err


def test_the_ficha_names_the_cuts_as_written(cli, tmp_path):
    r = cli("ficha", "E048", "--metodologia", _rango(tmp_path))
    assert r.code == 0, r.err
    assert "rango esperado 94.75–110.0001 % (de " in r.out  # the footnote
    assert "frente al rango esperado 94.75–110.0001 %" in r.out  # the chart's description
    assert "95–110" not in r.out


def _verificar(cli, tmp_path, clave: str, campo: str) -> dict:
    r = cli("verificar", clave, "-f", "csv", "--metodologia", _rango(tmp_path))
    assert r.code in (0, 1), r.err
    (fila,) = [f for f in csv.DictReader(io.StringIO(r.out)) if f["campo"].endswith(campo)]
    return fila


def test_verificar_compares_the_band_as_written(cli, tmp_path):
    banda = _verificar(cli, tmp_path, "ISSSTE", "2023.publicado.rango_esperado")
    assert banda["calculado"] == "94.75% - 110.0001%"
    assert banda["publicado"] == "90% - 110%"


def test_verificar_never_rounds_a_cumplimiento_onto_its_cut(cli, tmp_path):
    # E048 2023: 24,252 / 25,596 × 100 = 94.7491…, Bajo under a cut of 94.75
    fila = _verificar(cli, tmp_path, "E048", "].cumplimiento_metas")
    assert fila["calculado"] == "Bajo (94.749 %, 2023)"
    assert "cumplimiento 2023 de 94.749 %, fuera del rango 94.75–110.0001 %" in fila["motivo"]


def test_a_coverage_mark_names_its_threshold_as_written(cli, tmp_path):
    # E045 2017: 744,939 / 784,969 × 100 = 94.9004…, above a threshold of 94.90001
    m = _metodologia(tmp_path, ("alerta_mayor_a: 100", "alerta_mayor_a: 94.90001"))
    r = cli("cobertura", "E045", "-y", "2017", "-f", "csv", "--metodologia", m)
    assert r.code == 0, r.err
    (fila,) = [f for f in csv.DictReader(io.StringIO(r.out)) if not f["componente"]]
    assert fila["mayor_100"] == "true"
    assert "cobertura mayor a 94.90001 %" in fila["nota"]
