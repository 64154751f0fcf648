"""The answer survives a narrow terminal: at 40, 60 and 80 columns every table command still
shows the figure it answers and says which row it is of, and each column it leaves out is
named under the table.

The figure is chosen here, per command, from the question the command answers — not read from
the code's `prioridad`s, so that a change of those that drops it fails here. At 40 columns
`tendencias` showed Clave, Id, Año, Dirección and Rango but not the Valor of the series;
`monitoreo` kept its Ámbito and dropped the Valoración that its Nivel classifies; `verificar`
at 60 showed verdicts («coincide», «no verificable») without saying of which cifra.

A table that cannot show each row's key and answer whole prints the rows as records instead,
one «Título: valor» a line (`terminal._registros`): at 40 columns `verificar` printed 37 rows
«E045 coincide» of no cifra, `monitoreo` «subíndice…ncia» without its Nivel, and `alertas
--mejoras` «Aumentó…17. ⚠», a sentence of which nothing was left.
"""

from __future__ import annotations

import html
import re

import pytest
from test_cli_terminal import registros

# (command, the column titles that answer it)
RESPUESTAS = [
    (["programas"], ["Años con datos"]),
    (["cobertura"], ["PA/PO"]),
    (["cumplimiento"], ["Cumplimiento"]),
    (["presupuesto"], ["Ejercido (MDP)", "% del ramo"]),
    (["monitoreo"], ["Valoración", "Nivel"]),
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
# (command, what says which row it is, what it answers): titles of columns whose every cell
# must be read whole, in each row, at any width — in the row's line of a table, or in its
# record. Chosen here from each command's question (the cifra a verdict is of, the level
# beside its valoración, the whole sentence of an improvement), not from the code.
FILAS = [
    (["programas"], ["Clave"], ["Años con datos"]),
    (["cobertura"], ["Clave", "Año", "Componente"], ["PA/PO"]),
    (["cumplimiento"], ["Clave", "Año", "Id"], ["Cumplimiento", "Rango"]),
    (["presupuesto"], ["Clave", "Año"], ["Ejercido (MDP)", "% del ramo"]),
    (["monitoreo"], ["Ámbito", "Clave", "Año"], ["Valoración", "Nivel"]),
    (["verificar"], ["Clave", "Cifra"], ["Publicado", "Calculado", "Veredicto"]),
    (["sexenal"], ["Id"], ["A", "Avance sexenal", "Meta intermedia"]),
    (["sexenal", "--tabla", "enfoque"], ["Enfoque"], ["Total general"]),
    (["calidad"], ["Id"], ["Calidad"]),
    (["calidad", "--distribucion"], ["Categoría"], ["Indicadores"]),
    (["resumen"], ["Atributo", "Valor"], ["n (%)"]),
    (["resumen", "--enunciados"], ["Enunciado"], ["Calculado", "Publicado", "Coincide"]),
    (["tendencias"], ["Clave", "Id", "Año"], ["Valor", "Rango"]),
    (["alertas"], ["Clave", "Id"], ["Regla"]),
    (["alertas", "--mejoras"], ["Clave", "Id"], ["Enunciado"]),
]


def _markdown(cli, args: list[str]) -> tuple[str, list[str], list[dict[str, str]], int]:
    """(title, column titles, rows {title: text as people read it}, exit code) of `args` in
    Markdown: the same cells as the terminal's (`celdas.celda`), unescaped."""
    md = cli("-q", *args, "-f", "markdown")
    assert md.code in (0, 1), md.err  # (1: verificar found a difference)

    def texto(celda: str) -> str:
        return html.unescape(re.sub(r"\\(.)", r"\1", celda.strip()))

    lineas = md.out.splitlines()
    titulo = texto(lineas[0].removeprefix("### "))
    tabla = [x for x in lineas if x.startswith("|")]
    partes = [[texto(c) for c in re.split(r"(?<!\\)\|", x.strip()[1:-1])] for x in tabla]
    titulos, filas = partes[0], partes[2:]
    return titulo, titulos, [dict(zip(titulos, f, strict=True)) for f in filas], md.code


def _partes(cli, args: list[str], columnas: int) -> tuple[list[str], str, list[str]]:
    """(the header's words — or, for rows printed as records, the title of each field shown —,
    the «Omitidas» sentence, every column title people can see) of `args` in a terminal
    `columnas` wide."""
    titulo, titulos, filas, code = _markdown(cli, args)
    r = cli("-q", *args, "-f", "tabla")
    assert r.code == code, r.err
    lineas = r.out.splitlines()
    assert max(map(len, lineas)) <= columnas, r.out
    omitidas = " ".join(r.out.partition("Omitidas por el ancho de la terminal:")[2].split())
    omitidas = omitidas.partition(". Para verlas")[0]
    bloques = registros(r.out)
    if bloques is not None:  # every field of a row is in its record: none is left out
        assert len(bloques) == len(filas) and not omitidas, r.out
        return [t for b in bloques for t in b], omitidas, titulos
    # the table's title (wrapped at spaces), then its header, then the rule under it
    visto, i = "", 0
    while " ".join(visto.split()) != " ".join(titulo.split()):
        visto += " " + lineas[i]
        i += 1
        assert i < len(lineas), (titulo, r.out)
    fin = next(k for k in range(i, len(lineas)) if lineas[k][:1] in ("─", "┡"))
    cabecera = " ".join(lineas[i:fin]).translate(str.maketrans("┏┃┓━┳", "     ")).split()
    return cabecera, omitidas, titulos


def _en_cabecera(titulo: str, cabecera: list[str]) -> bool:
    return titulo in cabecera or all(palabra in cabecera for palabra in titulo.split())


@pytest.mark.parametrize("columnas", [40, 60, 80])
@pytest.mark.parametrize(("args", "respuesta"), RESPUESTAS, ids=lambda a: " ".join(a))
def test_the_figure_a_command_answers_is_in_the_header(cli, monkeypatch, args, respuesta, columnas):
    monkeypatch.setenv("COLUMNS", str(columnas))
    cabecera, omitidas, titulos = _partes(cli, args, columnas)
    _, _, filas, _ = _markdown(cli, args)
    for titulo in respuesta:
        assert titulo in titulos  # (the test names a real column)
        assert _en_cabecera(titulo, cabecera), (titulo, cabecera, omitidas)
        assert f"{titulo} (" not in omitidas
    # honest: a column people would see on a wide terminal is either here or named below (or,
    # in records, empty in every row: a record leaves out a field it has nothing in)
    for titulo in titulos:
        nombrada = re.search(re.escape(titulo) + r" \(\w+\)", omitidas)
        vacia = all(not f[titulo] for f in filas)
        assert _en_cabecera(titulo, cabecera) or nombrada or vacia, (titulo, cabecera, omitidas)


@pytest.mark.parametrize("columnas", [60, 80])
@pytest.mark.parametrize(("args", "llave"), LLAVES, ids=lambda a: " ".join(a))
def test_what_tells_the_rows_apart_stays_beside_the_figure(cli, monkeypatch, args, llave, columnas):
    monkeypatch.setenv("COLUMNS", str(columnas))
    cabecera, omitidas, _ = _partes(cli, args, columnas)
    for titulo in llave:
        assert _en_cabecera(titulo, cabecera), (titulo, cabecera, omitidas)


@pytest.mark.parametrize("columnas", [40, 60, 80])
@pytest.mark.parametrize(("args", "llave", "respuesta"), FILAS, ids=lambda a: " ".join(a))
def test_every_row_says_what_it_is_and_its_figure_whole(
    cli, monkeypatch, args, llave, respuesta, columnas
):
    """Each row's key and answer, whole: in the row's line when the table shows them so, else
    in the row's record (the key first). At 40 columns verificar's rows were «E045 coincide
    por…ucción» of no cifra, monitoreo's «subíndice…ncia» without its Nivel, and alertas
    --mejoras' whole answer «Aumentó…17. ⚠»."""
    _filas_enteras(cli, monkeypatch, args, llave, respuesta, columnas)


# verificar over every bundled spec at the widths of real terminals: at 120 columns the table
# showed Clave, Cifra and Veredicto and named Publicado and Calculado as left out — verdicts
# of figures nobody could see —; at 160 «Adecuado (104.…2023)», a calculado cut in the middle.
VERIFICAR = next(f for f in FILAS if f[0] == ["verificar"])


@pytest.mark.parametrize("columnas", [100, 120, 160])
def test_verificar_shows_what_each_verdict_compares_whole_at_any_width(cli, monkeypatch, columnas):
    args, llave, respuesta = VERIFICAR
    _filas_enteras(cli, monkeypatch, [*args, "--permitir-explicadas"], llave, respuesta, columnas)


@pytest.mark.parametrize("columnas", [100, 120, 160])
def test_resumen_enunciados_shows_what_coincide_compares_whole(cli, monkeypatch, columnas):
    """At 120 columns it showed Enunciado, Calculado and Coincide, and left the publicado out:
    «por construcción» beside a count, of no printed figure."""
    args, llave, respuesta = next(f for f in FILAS if f[0] == ["resumen", "--enunciados"])
    _filas_enteras(cli, monkeypatch, args, llave, respuesta, columnas)


@pytest.mark.parametrize("columnas", [80, 100, 120, 160])
def test_verificar_in_a_real_terminal_dumb_or_not_shows_what_it_compares(cli, columnas):
    """The same in a pseudo-terminal of that width, with colour and under TERM=dumb: the same
    text, and in it every row's cifra, publicado, calculado and verdict whole."""
    from test_cli_terminal import en_terminal

    args, llave, respuesta = VERIFICAR
    args = [*args, "--permitir-explicadas"]
    _, _, filas, _ = _markdown(cli, args)
    color = en_terminal(["-q", *args], columnas=columnas)
    assert en_terminal(["-q", *args], columnas=columnas, term="dumb") == color
    _comprobar_filas(color, filas, llave, respuesta, columnas)


def _filas_enteras(cli, monkeypatch, args, llave, respuesta, columnas) -> None:
    monkeypatch.setenv("COLUMNS", str(columnas))
    _, titulos, filas, code = _markdown(cli, args)
    assert filas and set(llave + respuesta) <= set(titulos)  # (the test names real columns)
    r = cli("-q", *args, "-f", "tabla")
    assert r.code == code, r.err
    _comprobar_filas(r.out, filas, llave, respuesta, columnas)


def _comprobar_filas(salida: str, filas, llave, respuesta, columnas) -> None:
    """Each of `filas` ({title: text} from Markdown) shows its `llave` and `respuesta` whole in
    `salida`: in its line of the table, or in its record (the key first)."""

    assert max(map(len, salida.splitlines())) <= columnas, salida
    bloques = registros(salida)
    if bloques is None:  # a table: one line per row, under the rule of its header
        lineas = salida.splitlines()
        raya = next(k for k, x in enumerate(lineas) if x[:1] == "─" or x[:2] == "┡━")
        cabecera = " ".join(lineas[:raya])
        lineas = [x for x in lineas[raya + 1 :] if not x.startswith(("├", "└"))]
        assert len(lineas) >= len(filas), salida
        for fila, linea in zip(filas, lineas, strict=False):
            for titulo in llave + respuesta:
                if titulo == "Id" and "Indicador" in cabecera:
                    continue  # the indicator's name says it (its id stands in where it goes)
                assert fila[titulo] in linea, (titulo, fila[titulo], salida)
        return
    assert len(bloques) == len(filas), salida
    for fila, bloque in zip(filas, bloques, strict=True):
        for titulo in llave + respuesta:
            if fila[titulo] or titulo in bloque:  # (a key or answer is shown even empty)
                # (a word longer than a line is broken where the line ends)
                assert _junto(bloque.get(titulo)) == _junto(fila[titulo]), (titulo, bloque)
        # what says which row it is comes first
        orden = list(bloque)
        assert orden[0] in llave, bloque
        llaves = [orden.index(t) for t in llave if t in bloque]
        assert max(llaves) < min(orden.index(t) for t in respuesta if t in bloque), bloque


def _junto(texto: str | None) -> str | None:
    return None if texto is None else "".join(texto.split())


@pytest.mark.parametrize(("args", "respuesta"), RESPUESTAS, ids=lambda a: " ".join(a))
def test_a_dumb_terminal_keeps_the_same_columns(args, respuesta):
    """In a real terminal of 40 columns, with colour (xterm) or without (TERM=dumb), the same
    table (or the same records): what is shown does not depend on the terminal's colours."""
    from test_cli_terminal import en_terminal

    color = en_terminal(["-q", *args], columnas=40)
    assert en_terminal(["-q", *args], columnas=40, term="dumb") == color
    omitidas = " ".join(color.partition("Omitidas")[2].split()).partition(". Para verlas")[0]
    assert all(f"{titulo} (" not in omitidas for titulo in respuesta), color


@pytest.mark.parametrize("term", ["dumb", "xterm-256color"])
def test_records_reach_a_terminal_with_no_escape_of_their_own(term):
    """verificar at 40 columns as records, in a real terminal: under TERM=dumb not one escape
    sequence (no colour, no bold title); with colour, only rich's SGR styles."""
    from test_cli_terminal import en_terminal_crudo

    crudo = en_terminal_crudo(["-q", "verificar"], columnas=40, term=term)
    assert "Clave: PI-ISSSTE-2020-2024" in crudo.replace("\x1b[1m", "").replace("\x1b[0m", "")
    sin_sgr = re.sub(r"\x1b\[[0-9;]*m", "", crudo)
    assert "\x1b" not in sin_sgr
    assert ("\x1b" in crudo) is (term != "dumb")  # (colour is on: the check is not vacuous)


def test_records_in_a_pipe_carry_no_escape(tmp_path):
    """`-f tabla` into a pipe (`| less`, a log): the records, and nothing but text."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(COLUMNS="40", TERM="xterm-256color")
    proc = subprocess.run(
        [sys.executable, "-m", "issste_mon", "-q", "monitoreo", "-f", "tabla"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "Nivel: Medio" in proc.stdout and "\x1b" not in proc.stdout
    bloques = registros(proc.stdout)
    assert bloques and {"Ámbito", "Valoración", "Nivel"} <= set(bloques[0])


@pytest.mark.parametrize("columnas", [34, 40, 60])
def test_the_ised_outlasts_its_level(cli, monkeypatch, tmp_path, columnas):
    """`monitoreo --indice ised` (no bundled spec has one) at 30 columns kept Coincide and
    left out the ISeD whose level it compares. (Since the ISeD reads at SHCP's 9 decimals,
    «0.590000000», Clave, Año, ISeD and Coincide need 34 columns; with its Nivel, whole, more:
    below that the row is a record.)"""
    (tmp_path / "X001.yaml").write_text(
        "ramo: 51\nclave: X001\nnombre: Programa de prueba\nised:\n"
        "  2023: {valor: 0.59, publicado: {nivel: Medio alto}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", str(columnas))
    args = ["monitoreo", "--indice", "ised", "--specs", str(tmp_path)]
    cabecera, omitidas, _ = _partes(cli, args, columnas)
    assert "ISeD" in cabecera and "Nivel" in cabecera and "ISeD (" not in omitidas


def test_the_readme_shows_records_as_a_40_column_terminal_prints_them():
    """The README's example of records (`COLUMNS=40 issste-mon …`, which the README runner
    leaves aside for its COLUMNS=) is what a terminal 40 columns wide shows."""
    from pathlib import Path

    from test_cli_terminal import en_terminal

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    orden = "COLUMNS=40 issste-mon monitoreo ISSSTE --anio 2024"
    esperado = readme.split(f"$ {orden}\n", 1)[1].split("```", 1)[0]
    salida = en_terminal(orden.split()[2:], columnas=40)
    limpia = [x.rstrip() for x in salida.rstrip("\n").split("\n")]
    assert limpia == esperado.rstrip("\n").split("\n")
    assert registros(salida) and "Omitidas" not in salida


def test_a_record_of_wide_characters_stays_within_the_width(cli, monkeypatch, tmp_path):
    """A component named in CJK characters (two terminal cells each) is wrapped by cells, not
    by characters: no line of its record runs past the terminal's edge, and it reads whole."""
    from rich.cells import cell_len

    nombre = "社会保障服务与文化体育娱乐活动" * 2  # 30 characters, 60 cells
    componente = "{nombre: %s, unidad_medida: Personas, potencial: 100, objetivo: 50, atendida: %d}"
    (tmp_path / "X001.yaml").write_text(
        "ramo: 51\nclave: X001\nnombre: Programa de prueba\npoblaciones:\n  2023:\n"
        f"    componentes:\n    - {componente % (nombre, 40)}\n    - {componente % ('Otro', 45)}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "40")
    r = cli("-q", "cobertura", "--specs", str(tmp_path), "-f", "tabla")
    assert r.code == 0, r.err
    bloques = registros(r.out)
    assert bloques is not None, r.out  # (60 cells of key: no table row can hold it whole)
    assert _junto(bloques[0]["Componente"]) == nombre and bloques[0]["PA/PO"] == "80.00 %"
    assert max(map(cell_len, r.out.splitlines())) <= 40, r.out


@pytest.mark.parametrize("columnas", [60, 80, 100])
def test_indicators_whose_cut_names_read_alike_keep_their_ids(cli, monkeypatch, columnas):
    """calidad at 80 columns cut two names to «Porcentaje d…hábiles» and left their ids out:
    two rows of different categories read as one indicator. Then the id stays, as a key."""
    import csv
    import io

    ids = [f["id"] for f in csv.DictReader(io.StringIO(cli("calidad", "-f", "csv").out))]
    assert len(ids) == len(set(ids)) > 10
    monkeypatch.setenv("COLUMNS", str(columnas))
    salida = cli("calidad", "-f", "tabla").out
    lineas = salida.splitlines()
    raya = next(i for i, x in enumerate(lineas) if x.strip() and set(x.strip()) == {"─"})
    cuerpo = lineas[raya + 1 : raya + 1 + len(ids)]
    nombres = [re.split(r"\s{2,}", fila.strip()) for fila in cuerpo]
    vistas = [tuple(partes[:2]) for partes in nombres]  # what tells each row apart, shown
    assert len(set(vistas)) == len(ids), salida
