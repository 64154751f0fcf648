"""A user's methodology file is named by every output it classifies, data formats too.

The case QA ran: an analyst copies the bundled file and changes a cut but not its `nombre` or
`version`. The table's footer named the file, but a CSV or JSON row only said «issste-mon,
metodología por omisión v2026.1»: a figure classified with other cuts passed for the bundled
methodology's once saved to a file.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from issste_mon import metodologia

BUNDLED = open(metodologia.default_path(), encoding="utf-8").read()


def copia(tmp_path, old: str, new: str, *otros: tuple[str, str]):
    texto = BUNDLED
    for o, n in ((old, new), *otros):
        assert o in texto
        texto = texto.replace(o, n)
    path = tmp_path / "mia.yaml"
    path.write_text(texto, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "comando",
    [
        ("cumplimiento", "E048"),
        ("monitoreo",),
        ("sexenal",),
        ("alertas",),
        ("tendencias",),
        ("verificar",),
        # (these had no metodologia column: their counts round with `conteos.decimales`, their
        # groups and categories come from the methodology)
        ("sexenal", "--tabla", "enfoque"),
        ("calidad", "--distribucion"),
        ("resumen",),
        ("resumen", "--enunciados"),
    ],
)
def test_a_copy_that_kept_the_bundled_name_is_named_by_its_file(cli, tmp_path, comando):
    path = copia(tmp_path, "inferior: 90", "inferior: 95", ("menor_a: 90 ", "menor_a: 95 "))
    r = cli(*comando, "-q", "-f", "json", "--metodologia", str(path))
    assert r.code in (0, 1), r
    nombres = {fila["metodologia"] for fila in json.loads(r.out)}
    assert nombres == {f"{metodologia.load(str(path)).etiqueta} ({path})"}


def test_the_bundled_methodology_is_named_as_before(cli):
    r = cli("cumplimiento", "E048", "-f", "csv")
    (fila,) = csv.DictReader(io.StringIO(r.out))
    assert fila["metodologia"] == metodologia.load().etiqueta


# --- cobertura: the ⚠ is the methodology's `cobertura.alerta_mayor_a` -------------------------


def test_a_lower_coverage_threshold_is_not_called_pa_greater_than_po(cli, tmp_path, monkeypatch):
    """With alerta_mayor_a: 90, E045 2017 (PA 744,939 < PO 784,969) was «PA > PO: sí»."""
    copia(tmp_path, "alerta_mayor_a: 100", "alerta_mayor_a: 90")
    monkeypatch.chdir(tmp_path)  # a short name: the footer is wrapped to the table's width
    path = "mia.yaml"
    r = cli(
        "cobertura",
        "E045",
        "-f",
        "tabla",
        "--columnas",
        "clave,mayor_100",
        "--metodologia",
        str(path),
    )
    assert r.code == 0, r
    assert "PA > PO" not in r.out and "PA/PO > 90 %" in r.out
    assert f"({path})" in r.out  # the footer names the file whose threshold marked it


def test_the_bundled_coverage_mark_is_pa_greater_than_po(cli):
    r = cli("cobertura", "E045", "-f", "tabla", "--columnas", "clave,mayor_100")
    assert "PA > PO" in r.out and "Metodología" not in r.out


# --- a renamed rango keeps its colours by role ---------------------------------------------


def _colores(tabla) -> str:
    import io

    from issste_mon.salida.render import render
    from issste_mon.salida.sanear import consola

    buf = io.StringIO()
    render(
        tabla,
        "tabla",
        buf,
        consola(file=buf, force_terminal=True, width=200, color_system="standard"),
    )
    return buf.getvalue()


def test_a_renamed_rango_is_coloured_by_what_each_label_means(specs, tmp_path):
    """The table coloured «Bajo», «Adecuado», «Alto» by name: a file calling them
    «Insuficiente», «Aceptable», «Excedido» lost every colour, and one that swapped two names
    painted a figure inside the band as out of it."""
    from issste_mon import api

    path = copia(
        tmp_path,
        "etiquetas: {bajo: Bajo, adecuado: Adecuado, alto: Alto}",
        "etiquetas: {bajo: Alto, adecuado: Aceptable, alto: Bajo}",
    )
    m = metodologia.load(str(path))
    salida = _colores(api.cumplimiento(specs, ["E048", "E044"], metodologia=m))
    assert "\x1b[32mAceptable" in salida  # E048 94.75 %: adecuado, green
    assert "\x1b[33mBajo" in salida  # E044 130 %: alto, yellow, though it is called «Bajo»
    salida = _colores(api.tendencias(specs, ["E048"], metodologia=m))
    assert "\x1b[32mAceptable" in salida


def test_the_bundled_methodology_texts_people_read_are_spanish():
    """The `fuente` of `semaforo_shcp`, printed in the xlsx «metodologia» sheet, quoted English
    («the indicator's own traffic-light thresholds») as if SHCP's documentation said it."""
    import re

    import yaml

    def textos(o):
        if isinstance(o, dict):
            for v in o.values():
                yield from textos(v)
        elif isinstance(o, list):
            for v in o:
                yield from textos(v)
        elif isinstance(o, str):
            yield o

    todos = list(textos(yaml.safe_load(BUNDLED)))
    assert len(todos) > 50
    ingles = re.compile(r"\b(the|of|and|own|is|are|to|with|for)\b")
    assert [t for t in todos if ingles.search(t)] == []
    fuente = dict((n, f) for n, _, f in metodologia.load().fuentes)["semaforo_shcp"]
    assert "UMBRAL_VERDE, UMBRAL_AMARILLO, UMBRAL_ROJO" in fuente


def test_the_bundled_methodology_a_caller_gets_cannot_be_reclassified_under_its_name(specs):
    """`cargar_metodologia()` is one object for every caller: a cut assigned on it reclassified
    every later call that asked for the bundled methodology (E048's 94.75 % «Bajo» with the
    rows still saying «metodología por omisión»). It is frozen; `con()` gives a copy."""
    import dataclasses

    import issste_mon as im

    m = im.cargar_metodologia()
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.rango_inferior = 96.0
    otra = m.con(rango_inferior=96.0)
    assert im.cumplimiento(specs, "E048", metodologia=otra).filas[0]["rango"] == "Bajo"
    (fila,) = im.cumplimiento(specs, "E048").filas
    assert (fila["rango"], fila["metodologia"]) == ("Adecuado", m.referencia)
    assert im.cargar_metodologia().rango_inferior == 90
