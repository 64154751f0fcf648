"""The answer survives a narrow terminal: at 40, 60 and 80 columns every table command still
shows the figure it answers, and each column it leaves out is named under the table.

The figure is chosen here, per command, from the question the command answers — not read from
the code's `prioridad`s, so that a change of those that drops it fails here. At 40 columns
`tendencias` showed Clave, Id, Año, Dirección and Rango but not the Valor of the series;
`monitoreo` kept its Ámbito and dropped the Valoración that its Nivel classifies; `verificar`
at 60 showed verdicts («coincide», «no verificable») without saying of which cifra.
"""

from __future__ import annotations

import re

import pytest

# (command, the column titles that answer it)
RESPUESTAS = [
    (["programas"], ["Años con datos"]),
    (["cobertura"], ["PA/PO"]),
    (["cumplimiento"], ["Cumplimiento"]),
    (["presupuesto"], ["Ejercido (MDP)", "% del ramo"]),
    (["monitoreo"], ["Valoración"]),
    (["verificar"], ["Veredicto"]),
    (["sexenal"], ["A"]),  # the avance towards the meta sexenal
    (["sexenal", "--tabla", "enfoque"], ["Total general"]),
    (["calidad"], ["Calidad"]),
    (["calidad", "--distribucion"], ["Indicadores"]),
    (["resumen"], ["n (%)"]),
    (["resumen", "--enunciados"], ["Calculado"]),
    (["tendencias"], ["Valor"]),
    (["alertas"], ["Regla"]),
    (["alertas", "--mejoras"], ["Enunciado"]),  # what improved, from what to what
]
# (command, the columns that tell its rows apart, beyond clave and año) where they fit beside
# the figure: 60 columns and up
LLAVES = [
    (["monitoreo"], ["Ámbito"]),  # «ISSSTE 2024» is the subíndice and the InMonitoreo
    (["verificar"], ["Cifra"]),
    (["resumen", "--enunciados"], ["Enunciado"]),
    (["resumen"], ["Atributo", "Valor"]),
]


def _partes(cli, args: list[str], columnas: int) -> tuple[list[str], str, list[str]]:
    """(the header's words, the «Omitidas» sentence, every column title people can see) of
    `args` in a terminal `columnas` wide."""
    md = cli("-q", *args, "-f", "markdown")
    assert md.code in (0, 1), md.err  # (1: verificar found a difference)
    lineas_md = md.out.splitlines()
    titulo = lineas_md[0].removeprefix("### ").replace("\\", "")
    cabecera_md = next(x for x in lineas_md if x.startswith("|"))
    titulos = [t.strip().replace("\\", "") for t in cabecera_md.strip("|").split("|")]

    r = cli("-q", *args, "-f", "tabla")
    assert r.code == md.code, r.err
    lineas = r.out.splitlines()
    assert max(map(len, lineas)) <= columnas, r.out
    # the table's title (wrapped at spaces), then its header, then the rule under it
    visto, i = "", 0
    while " ".join(visto.split()) != " ".join(titulo.split()):
        visto += " " + lineas[i]
        i += 1
        assert i < len(lineas), (titulo, r.out)
    fin = next(k for k in range(i, len(lineas)) if lineas[k][:1] in ("─", "┡"))
    cabecera = " ".join(lineas[i:fin]).translate(str.maketrans("┏┃┓━┳", "     ")).split()
    omitidas = " ".join(r.out.partition("Omitidas por el ancho de la terminal:")[2].split())
    return cabecera, omitidas.partition(". Para verlas")[0], titulos


def _en_cabecera(titulo: str, cabecera: list[str]) -> bool:
    return all(palabra in cabecera for palabra in titulo.split())


@pytest.mark.parametrize("columnas", [40, 60, 80])
@pytest.mark.parametrize(("args", "respuesta"), RESPUESTAS, ids=lambda a: " ".join(a))
def test_the_figure_a_command_answers_is_in_the_header(cli, monkeypatch, args, respuesta, columnas):
    monkeypatch.setenv("COLUMNS", str(columnas))
    cabecera, omitidas, titulos = _partes(cli, args, columnas)
    for titulo in respuesta:
        assert titulo in titulos  # (the test names a real column)
        assert _en_cabecera(titulo, cabecera), (titulo, cabecera, omitidas)
        assert f"{titulo} (" not in omitidas
    # honest: a column people would see on a wide terminal is either here or named below
    for titulo in titulos:
        nombrada = re.search(re.escape(titulo) + r" \(\w+\)", omitidas)
        assert _en_cabecera(titulo, cabecera) or nombrada, (titulo, cabecera, omitidas)


@pytest.mark.parametrize("columnas", [60, 80])
@pytest.mark.parametrize(("args", "llave"), LLAVES, ids=lambda a: " ".join(a))
def test_what_tells_the_rows_apart_stays_beside_the_figure(cli, monkeypatch, args, llave, columnas):
    monkeypatch.setenv("COLUMNS", str(columnas))
    cabecera, omitidas, _ = _partes(cli, args, columnas)
    for titulo in llave:
        assert _en_cabecera(titulo, cabecera), (titulo, cabecera, omitidas)


@pytest.mark.parametrize(("args", "respuesta"), RESPUESTAS, ids=lambda a: " ".join(a))
def test_a_dumb_terminal_keeps_the_same_columns(args, respuesta):
    """In a real terminal of 40 columns, with colour (xterm) or without (TERM=dumb), the same
    table: which columns stay does not depend on the terminal's colours."""
    from test_cli_terminal import en_terminal

    color = en_terminal(["-q", *args], columnas=40)
    assert en_terminal(["-q", *args], columnas=40, term="dumb") == color
    omitidas = " ".join(color.partition("Omitidas")[2].split()).partition(". Para verlas")[0]
    assert all(f"{titulo} (" not in omitidas for titulo in respuesta), color


@pytest.mark.parametrize("columnas", [34, 40, 60])
def test_the_ised_outlasts_its_level(cli, monkeypatch, tmp_path, columnas):
    """`monitoreo --indice ised` (no bundled spec has one) at 30 columns kept Coincide and
    left out the ISeD whose level it compares. (Since the ISeD reads at SHCP's 9 decimals,
    «0.590000000», Clave, Año, ISeD and Coincide need 34 columns: below that the ISeD is left
    out and named, as any column that does not fit.)"""
    (tmp_path / "X001.yaml").write_text(
        "ramo: 51\nclave: X001\nnombre: Programa de prueba\nised:\n"
        "  2023: {valor: 0.59, publicado: {nivel: Medio alto}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", str(columnas))
    cabecera, omitidas, _ = _partes(
        cli, ["monitoreo", "--indice", "ised", "--specs", str(tmp_path)], columnas
    )
    assert "ISeD" in cabecera and "ISeD (" not in omitidas
