"""tendencias' summary sends the reader to a nota they can see: where the terminal cut the
Nota column or --columnas left it out, the table says it under the summary line."""

from __future__ import annotations

# --- 6: tendencias' summary sends to a nota the reader can see --------------------------------


def _tendencias(cli, monkeypatch, columnas: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", "tendencias", "-f", "tabla", *args)
    assert r.code == 0, r.err
    return r.out


def test_the_summary_says_the_nota_where_the_terminal_cut_it(cli, monkeypatch):
    out = _tendencias(cli, monkeypatch, 80)
    assert "Nota (nota)" in out  # left out at 80 columns
    resumen = out[out.index("10 indicadores;") :]
    assert "(la nota dice por qué)" in " ".join(resumen.split())
    assert "E043 P1 2023: sin meta ni valor en la spec (publicado: 104.5%)." in resumen


def test_the_summary_says_the_nota_where_columnas_left_it_out(cli, monkeypatch):
    out = _tendencias(cli, monkeypatch, 200, "--columnas", "clave,id,anio,valor")
    assert out.rstrip().endswith("E043 P1 2023: sin meta ni valor en la spec (publicado: 104.5%).")
    # and as records, at a width no table fits
    out = _tendencias(cli, monkeypatch, 30, "--columnas", "clave,id,anio,valor")
    assert "E043 P1 2023: sin meta ni valor" in " ".join(out.split())


def test_no_extra_line_where_the_nota_is_shown_whole(cli, monkeypatch):
    out = _tendencias(cli, monkeypatch, 400)
    assert "sin meta ni valor en la spec (publicado: 104.5%)" in out  # in its column
    assert "  E043 P1 2023:" not in out
