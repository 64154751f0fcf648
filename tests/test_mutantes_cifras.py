"""Edges the mutation run found unguarded (tools/mutantes.py): each test here fails on a small
change to the code that computes or classifies a figure — a comparison, a branch, a number —
that the rest of the suite let pass."""

from __future__ import annotations

import pytest

import issste_mon as im
from issste_mon.calc import presupuesto
from issste_mon.claves import seleccionar


def _spec(tmp_path, texto: str):
    (tmp_path / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\n" + texto, encoding="utf-8"
    )
    return im.cargar(tmp_path)


def _hallazgos(specs) -> dict[str, tuple[str, str]]:
    return {
        h.cifra: (h.resultado.veredicto, h.resultado.calculado)
        for h in im.verificar(specs).hallazgos
    }


# --- the published rango of a cumplimiento, at the 90 and 110 edges (verificar) ----------------


@pytest.mark.parametrize(
    ("valor", "rango"),
    [("89.99", "Bajo"), ("90", "Adecuado"), ("110", "Adecuado"), ("110.01", "Alto")],
)
def test_rango_publicado_en_los_bordes_de_90_y_110(tmp_path, valor, rango):
    """The seeds' band «entre 90 % y 110 %» includes both ends: a rango printed beside a
    cumplimiento of exactly 90 or 110 % is Adecuado, and verificar confirms it (the exact
    value, not a rounded one: 89.99 is Bajo)."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        f'     metas: {{2023: {{meta: 100, valor: {valor}, publicado: {{rango: "{rango}"}}}}}}}}\n',
    )
    ((veredicto, calculado),) = _hallazgos(specs).values()
    assert (veredicto, calculado) == ("coincide", rango)


def test_rango_publicado_que_no_corresponde_difiere(tmp_path):
    """E048 2023 (seed 003): 24,252 / 25,596 = 94.75 %, inside the band — a document printing
    «Bajo» beside it differs from what issste-mon computes."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,\n"
        '     metas: {2023: {meta: 25596, valor: 24252, publicado: {rango: "Bajo"}}}}\n',
    )
    ((veredicto, calculado),) = _hallazgos(specs).values()
    assert (veredicto, calculado) == ("difiere", "Adecuado")


# --- presupuesto: what the share rests on -------------------------------------------------------


def test_presupuesto_publicado_no_descansa_en_nada(specs):
    """E045 2016 and 2017 (seed 001): both figures printed, so the share rests on nothing
    inferred: no nota, `supuesto` false."""
    rows = presupuesto.calcular_presupuesto(seleccionar(specs.programas, ["E045"]))
    assert [(r["anio"], r["nota"], r["supuesto"], r["inferido"]) for r in rows] == [
        (2016, None, False, []),
        (2017, None, False, []),
    ]


@pytest.mark.parametrize(
    ("inferido", "nota"),
    [
        ("[ramo]", "descansa en: ramo inferido (no impreso)"),
        ("[ejercido, ramo]", "descansa en: ejercido inferido y ramo inferido (no impresos)"),
    ],
)
def test_presupuesto_sobre_cifras_inferidas(tmp_path, inferido, nota):
    specs = _spec(
        tmp_path,
        f"presupuesto:\n  2016: {{ejercido: 2712.44, ramo: 213827.70, inferido: {inferido}}}\n",
    )
    (row,) = presupuesto.calcular_presupuesto(specs.programas)
    assert (row["nota"], row["supuesto"]) == (nota, True)
    assert str(round(row["porcentaje_ramo"], 2)) == "1.27"


def test_motivo_de_un_cumplimiento_no_verificable(tmp_path):
    """A printed cumplimiento issste-mon cannot compute is «no verificable», with why: the meta
    is 0, the meta modificada used (the bundled methodology's `modificada_si_existe`) is 0, the
    valor is ND — and the spec's own nota beside it."""
    specs = _spec(
        tmp_path,
        "mir:\n  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente, metas: {\n"
        '     2023: {meta: 0, valor: 5, publicado: {cumplimiento: "95 %"}},\n'
        "     2022: {meta: 10, meta_modificada: 0, valor: 5,"
        ' publicado: {cumplimiento: "50 %"}},\n'
        "     2021: {meta: 10, meta_modificada: 8, valor: ND, nota: dicho,"
        ' publicado: {cumplimiento: "50 %"}}}}\n',
    )
    motivos = {
        h.anio: (h.resultado.veredicto, h.resultado.motivo) for h in im.verificar(specs).hallazgos
    }
    assert motivos == {
        2023: ("no verificable", "meta = 0: no calculable"),
        2022: ("no verificable", "meta = 0: no calculable; meta modificada (la original: 10)"),
        2021: (
            "no verificable",
            "no calculable: valor ND; meta modificada (la original: 10); dicho",
        ),
    }


def test_un_cumplimiento_en_el_tope_de_lo_representable_se_calcula():
    """1e300 % is the largest cumplimiento reported (a binary double holds it); only beyond it
    is the figure «fuera de rango»."""
    from decimal import Decimal

    from issste_mon.calc.exacto import cumplimiento_exacto

    assert cumplimiento_exacto(1, Decimal("1e298"), "ascendente") == Decimal("1e300")
    assert cumplimiento_exacto(1, Decimal("1.1e298"), "ascendente") is None
