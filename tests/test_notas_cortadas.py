"""A nota the terminal cuts is printed whole under the table: it says what the row's figure
rests on. `monitoreo` at 80 and 120 columns showed «calculado…todología)» and never the
InMonitoreo's «(ponderación: inferido de la metodología)»; `cobertura` at 80 cut E045's «La PO
y la PA suman … cuatro componentes…», what its 94.90 % rests on."""

from __future__ import annotations

import json

import pytest

# (command, width) where the bundled specs give notas and the terminal shows a Nota column
# (`tendencias` and `programas` leave it out at 80 and 120 and say how to get it; so does
# `cumplimiento` at 80)
CASOS = [("cobertura", 80), ("cobertura", 120), ("cumplimiento", 120), ("monitoreo", 80),
         ("monitoreo", 120)]  # fmt: skip


def _unido(texto: str) -> str:
    return " ".join(texto.split())


@pytest.mark.parametrize(("comando", "columnas"), CASOS)
def test_every_nota_is_read_whole_at_the_terminal_s_width(cli, monkeypatch, comando, columnas):
    filas = json.loads(cli("-q", comando, "-f", "json").out)
    notas = {str(f["nota"]) for f in filas if f.get("nota")}
    assert notas
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", comando, "-f", "tabla")
    omitidas = r.out.partition("Omitidas por el ancho de la terminal:")[2]
    assert "(nota)" not in omitidas.partition("Para verlas")[0]
    # the lines under the table, as one text: a wrapped nota is joined again
    salida = _unido(r.out)
    for nota in notas:
        resto = nota.partition("descansa en: ")
        dicha = resto[2] if resto[1] and not resto[0] else nota  # (listed under its ⚠)
        assert _unido(dicha.rstrip(".")) in salida, (nota, r.out)


def test_the_inmonitoreo_s_rule_is_read_at_80_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("-q", "monitoreo", "ISSSTE", "-f", "tabla").out
    assert "calculado…" in out or "calculado de…" in out  # (the cell is still cut)
    debajo = _unido(out.partition("Notas que el ancho de la terminal corta:")[2])
    assert debajo.startswith(
        "InMonitoreo ISSSTE 2024: calculado de 9 programas (los de programas_sociales 2024) y el"
        " subíndice: 0.5 × promedio de los programas (0.5722…) + 0.5 × subíndice (0.550)"
        " (ponderación: inferido de la metodología)."
    )


def test_a_wide_terminal_lists_nothing_it_shows_whole(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    out = cli("-q", "monitoreo", "ISSSTE", "-f", "tabla").out
    assert "(ponderación: inferido de la metodología)" in out
    assert "Notas que el ancho de la terminal corta" not in out


@pytest.mark.parametrize("columnas", [80, 100, 120])
def test_a_nota_a_summary_line_sends_to_is_listed_once(cli, monkeypatch, columnas):
    """`tendencias` at 100 columns listed E043's «sin meta ni valor …» under «— en
    Cumplimiento» and again under the summary line that sends to it."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    out = cli("-q", "tendencias", "-f", "tabla").out
    assert _unido(out).count("sin meta ni valor en la spec (publicado: 104.5%)") == 1, out
