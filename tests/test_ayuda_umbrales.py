"""Help texts never state a default threshold as if it were the rule: the thresholds come from
the methodology (--metodologia), so a figure like «90–110 %» or «< 90 %» is said as the
bundled methodology's («90–110 % en la incluida»)."""

from __future__ import annotations

import re

import pytest


def _comandos() -> list[str]:
    import typer

    from issste_mon.cli import app

    return sorted(typer.main.get_command(app).commands)


# the default band and alert threshold of the bundled methodology (metodologia.yaml)
_UMBRAL = re.compile(r"(?:\b90\s*[–-]\s*110\b|[<>≤≥]\s*\d+(?:\.\d+)?\s*%)")


@pytest.mark.parametrize("nombre", _comandos())
def test_default_thresholds_are_said_as_the_bundled_methodologys(cli, nombre):
    r = cli(nombre, "--help")
    assert r.code == 0, r.err
    ayuda = " ".join(r.out.split())
    for m in _UMBRAL.finditer(ayuda):
        cerca = ayuda[m.end() : m.end() + 30]
        assert "en la incluida" in cerca, f"{nombre}: «{ayuda[m.start() - 40 : m.end() + 30]}»"


@pytest.mark.parametrize("nombre", ["tendencias", "alertas", "cumplimiento"])
def test_the_help_names_the_methodology_as_the_source(cli, nombre):
    ayuda = " ".join(cli(nombre, "--help").out.split())
    assert "metodología" in ayuda and "rango 90–110 %" not in ayuda
