"""Every «—» in a table says why, where the Nota is not beside it: at 80 columns `tendencias`
left its Nota out and showed eight «—» in Cumplimiento (E049's 2023 among them, beside a
published 117 %) with no word on any; the legend was given only under the column a table
answers (the Valor here), not under the one it classifies (Cumplimiento, with its Rango)."""

from __future__ import annotations

from test_cli_terminal import en_terminal


def test_tendencias_at_80_columns_says_why_each_cumplimiento_is_missing():
    salida = en_terminal(["tendencias"], 80, "dumb")
    assert "Nota (nota)" in salida  # (left out by the width)
    leyenda = salida.split("— en Cumplimiento: no calculable (la nota dice por qué).\n")[1]
    assert "  E049 P1 2023: sin meta en la spec (publicado: 117%).\n" in leyenda
    assert "  E045 S1 2014: sin meta en la spec; 2014: antes del inicio del programa" in leyenda
    # E043's «—» is said once, under the summary line that sends to its nota
    leyenda, _, resumen = leyenda.partition("Omitidas por el ancho de la terminal:")
    assert "E043" not in leyenda and "… y" not in leyenda  # (its 8 reasons, all listed)
    assert "  E043 P1 2023: sin meta ni valor en la spec (publicado: 104.5%).\n" in resumen
