"""A monitoring level that rests on a supuesto cut alone says so.

The level cut points are a supuesto: the Diagnóstico's published pairs only put each cut in an
interval (the methodology's `inmonitoreo.cortes_posibles`, domain.md: Básico/Medio in
(0.515, 0.547], Medio/Adecuado in (0.674, 0.975]). A valoración strictly inside one gets its
level from the supuesto and its row says so; one the data fix gets no such nota.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from issste_mon.calc.monitoreo import corte_supuesto


def _spec(tmp_path, valoracion: str) -> str:
    (tmp_path / "X001.yaml").write_text(
        "clave: X001\nramo: 51\nnombre: Prueba\nmonitoreo:\n"
        f"  2024: {{valoracion: {valoracion}}}\n",
        encoding="utf-8",
    )
    return str(tmp_path)


def _fila(cli, specs: str) -> dict:
    r = cli("monitoreo", "--specs", specs, "-f", "json")
    assert r.code == 0, r.err
    (fila,) = json.loads(r.out)
    return fila


def test_the_bundled_intervals_are_the_published_pairs(metodologia, specs):
    """Each interval ends at a published valoración: the highest of the level below, the
    lowest of the level (none published below Básico or at Óptimo: 0 and 1)."""
    from issste_mon.calc.monitoreo import calcular_monitoreo

    filas = calcular_monitoreo(
        specs.programas, 2024, metodologia=metodologia, dependencias=specs.dependencias
    )
    publicados: dict[str, list[Decimal]] = {}
    for f in filas:
        if f["valoracion"] is not None:
            publicados.setdefault(f["nivel"], []).append(Decimal(str(f["valoracion"])))
    niveles = [b.etiqueta for b in metodologia.inmonitoreo]
    for i, nivel in enumerate(niveles[1:], start=1):
        debajo = [x for n in niveles[:i] for x in publicados.get(n, [])]
        encima = [x for n in niveles[i:] for x in publicados.get(n, [])]
        esperado = (max(debajo, default=Decimal(0)), min(encima, default=Decimal(1)))
        assert metodologia.inmonitoreo_cortes_posibles[nivel] == esperado, nivel


def test_no_published_level_rests_on_the_supuesto_alone(cli):
    for fila in json.loads(cli("monitoreo", "--anio", "2024", "-f", "json").out):
        assert "corte supuesto" not in (fila["nota"] or ""), fila


@pytest.mark.parametrize("nivel", ["Básico", "Medio", "Adecuado", "Óptimo"])
def test_inside_an_interval_the_row_says_the_level_rests_on_the_supuesto(
    cli, tmp_path, metodologia, nivel
):
    desde, hasta = metodologia.inmonitoreo_cortes_posibles[nivel]
    corte = next(b.desde for b in metodologia.inmonitoreo if b.etiqueta == nivel)
    medio = (desde + hasta) / 2
    fila = _fila(cli, _spec(tmp_path, str(medio)))
    assert fila["nota"] == (
        f"nivel según el corte supuesto de {nivel} ({Decimal(repr(corte))}): lo publicado solo "
        f"lo sitúa entre {desde} y {hasta}"
    )
    for borde in (desde, hasta):  # at either end the data fix the level
        assert corte_supuesto(borde, metodologia) is None


def test_the_ficha_headline_says_so(cli, tmp_path):
    r = cli("ficha", "X001", "--specs", _spec(tmp_path, "0.53"), "-f", "markdown")
    assert "**Nivel de monitoreo 2024:** Medio (0.530; nivel según un corte supuesto)" in r.out


def test_a_methodology_without_intervals_adds_no_nota(metodologia):
    assert corte_supuesto(Decimal("0.53"), metodologia) is not None
    assert corte_supuesto(Decimal("0.53"), metodologia.con(inmonitoreo_cortes_posibles={})) is None


@pytest.mark.parametrize(
    ("cambio", "mensaje"),
    [
        ("Medio: [0.515, 0.547]", "Medio: [0.54, 0.547]"),  # the supuesto 0.53 outside it
        ("Medio: [0.515, 0.547]", "Medios: [0.515, 0.547]"),
        ("Medio: [0.515, 0.547]", "Medio: [0.547, 0.515]"),
        ("Medio: [0.515, 0.547]", "Medio: 0.53"),
    ],
)
def test_wrong_intervals_are_located_errors(cli, tmp_path, cambio, mensaje):
    from issste_mon import metodologia as m

    texto = open(m.default_path(), encoding="utf-8").read()
    assert texto.count(cambio) == 1
    path = tmp_path / "m.yaml"
    path.write_text(texto.replace(cambio, mensaje), encoding="utf-8")
    linea = texto[: texto.index(cambio)].count("\n") + 1
    r = cli("monitoreo", "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err
    assert r.err.startswith(f"{path}:{linea}:"), r.err
    assert "inmonitoreo.cortes_posibles.Medio" in r.err


def test_the_inmonitoreo_nota_gives_its_formula_and_inputs(specs, metodologia):
    """A reader redoes 0.561 from the row: the weights, the programs' mean and the subíndice it
    rests on (the rows above), and the weights' confianza (inferido: no document prints them)."""
    from decimal import ROUND_HALF_UP

    import issste_mon as im

    filas = im.monitoreo(specs).to_records()
    programas = [Decimal(repr(f["valoracion"])) for f in filas if f["ambito"] == "programa"]
    (sub,) = [f["valoracion"] for f in filas if f["ambito"] == "subíndice dependencia"]
    (inm,) = [f for f in filas if f["ambito"] == "InMonitoreo"]
    media = (sum(programas) / len(programas)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    peso_p = format(Decimal(repr(metodologia.peso_programas)), "f")
    peso_d = format(Decimal(repr(metodologia.peso_dependencia)), "f")
    assert f"{peso_p} × promedio de los programas ({media}" in inm["nota"]
    # the subíndice as its row prints it: a valoración, with at least 3 decimals (0.550)
    assert (
        f"+ {peso_d} × subíndice ({Decimal(repr(sub)).quantize(Decimal('0.001'))})" in (inm["nota"])
    )
    (confianza,) = [c for s, c, _ in metodologia.fuentes if s == "inmonitoreo.agregacion"]
    assert f"(ponderación: {confianza} de la metodología)" in inm["nota"]
