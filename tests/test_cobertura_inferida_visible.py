"""A coverage resting on a population the spec infers (`inferido`) is marked ⚠ beside the
ratio that reads it, with a legend row by row, as `cumplimiento` marks its supuestos: on a
narrow terminal the Nota that said it is the first column to go, and nothing else did."""

from __future__ import annotations

import pytest
from conftest import spec_e045

PO_2017 = '    objetivo: 784969                     # "Población Objetivo (PO) 784,969"\n'
PP_2017 = '    potencial: 14756442                  # "Población Potencial (PP) 14,756,442"\n'


def _tabla(cli, monkeypatch, specs, columnas=80, *args) -> str:
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", "cobertura", "E045", "--specs", specs, "-f", "tabla", *args)
    assert r.code == 0, r.err
    return r.out


@pytest.fixture
def po_inferida(tmp_path):
    return spec_e045(tmp_path, PO_2017, PO_2017 + "    inferido: [objetivo]\n")


def test_an_inferred_po_marks_pa_po_where_the_nota_is_cut(cli, monkeypatch, po_inferida):
    out = _tabla(cli, monkeypatch, po_inferida)
    assert "Nota" not in out.splitlines()[2] or "…" in out  # (cut or left out at 80)
    assert "94.90 % ⚠" in out  # used to be a bare «94.90 %»
    texto = " ".join(out.split())
    assert (
        "⚠ junto a PA/PO: descansa en algo que ningún documento imprime (la nota dice en qué)."
        in texto
    )
    assert "E045 2017: descansa en PO inferida (no impresa)." in texto


def test_po_pp_is_marked_too(cli, monkeypatch, po_inferida):
    out = _tabla(cli, monkeypatch, po_inferida, 80, "--columnas", "clave,anio,po_pp_pct")
    assert "5.32 % ⚠" in out and "E045 2017: descansa en PO inferida (no impresa)." in out


def test_an_inferred_pp_marks_po_pp_only(cli, monkeypatch, tmp_path):
    specs = spec_e045(tmp_path, PP_2017, PP_2017 + "    inferido: [potencial]\n")
    out = _tabla(cli, monkeypatch, specs, 200)
    assert "5.32 % ⚠" in out and "94.90 % ⚠" not in out and "94.90 %" in out


def test_printed_populations_are_not_marked(cli, monkeypatch):
    out = _tabla(cli, monkeypatch, "issste_mon/specs")
    assert "⚠" not in out


def test_markdown_and_dumb_terminals_mark_it(cli, monkeypatch, po_inferida):
    monkeypatch.setenv("TERM", "dumb")
    assert "94.90 % ⚠" in _tabla(cli, monkeypatch, po_inferida)
    r = cli("cobertura", "E045", "--specs", po_inferida, "-f", "markdown")
    assert "94.90 % ⚠" in r.out and "5.32 % ⚠" in r.out
