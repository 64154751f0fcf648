"""The ISeD figures an analyst reads: RESULTADO_ISED as SHCP writes it, its level on the exact
value (the dictionary's rule [0, 0.2) Bajo … [0.8, 1] Alto), in every output format. Built from
the header and a row of the real file (/work/shared/data/shcp/ised_2019_2020.csv)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
ISED = SHCP / "ised_2019_2020.csv"

pytestmark = pytest.mark.skipif(not ISED.is_file(), reason=f"SHCP data not available: {ISED}")


def _ised(tmp_path, casos: list[tuple[str, str, str]]):
    """ised_2020.csv with one row of ramo 51 (as the real file writes it: «51.0») per case
    (Pp, RESULTADO_ISED, RESULTADO_ISED_CUALITATIVO)."""
    with open(ISED, encoding="utf-8", newline="") as f:
        filas = list(csv.DictReader(f))
    base = next(r for r in filas if r["ID_RAMO"] == "51.0")
    ruta = tmp_path / "ised_2020.csv"
    with open(ruta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(base))
        w.writeheader()
        for pp, valor, nivel in casos:
            fila = dict(base, Pp=pp, CVE_Pp=f"51-{pp}", RESULTADO_ISED=valor)
            w.writerow(dict(fila, RESULTADO_ISED_CUALITATIVO=nivel))
    return ruta


def test_a_value_with_more_than_15_digits_keeps_the_level_of_its_exact_value(cli, tmp_path):
    """0.3999999999999999999 is Medio bajo by the dictionary's rule, and SHCP publishes it so;
    the importer wrote it rounded, 0.4, without a word, and `monitoreo` called it Medio and
    said the publication differs (and a wrong «Alto» for 0.79999…9 «coincided»). Truncated,
    it keeps its side of every cut, and the nota keeps the exact value."""
    src = _ised(
        tmp_path,
        [
            ("E901", "0.3999999999999999999", "Medio bajo"),
            ("E902", "0.79999999999999999999999", "Alto"),
            ("E903", "0.60000000000000000001", "Medio alto"),
        ],
    )
    out = tmp_path / "s"
    r = cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out))
    assert r.code == 0, r.err
    assert "3 cifras: cifra con más de 15 cifras significativas: se escribe truncada" in r.err
    doc = yaml.safe_load((out / "51" / "E901.yaml").read_text(encoding="utf-8"))
    assert doc["ised"][2020]["valor"] == 0.399999999999999
    assert doc["ised"][2020]["nota"] == (
        "RESULTADO_ISED: la cifra exacta es 0.3999999999999999999; se escribe 0.399999999999999 "
        "(truncada a 15 cifras significativas: más no se leen exactas; truncada, no redondeada, "
        "queda del mismo lado de cada corte de nivel que la exacta)"
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "json")
    filas = {f["clave"]: f for f in json.loads(r.out)}
    assert [(f["valor"], f["nivel"], f["coincide"]) for f in filas.values()] == [
        (0.399999999999999, "Medio bajo", True),
        (0.799999999999999, "Medio alto", False),  # SHCP's «Alto» is not the rule's
        (0.6, "Medio alto", True),
    ]
    assert "RESULTADO_ISED: la cifra exacta es 0.79999999999999999999999;" in filas["E902"]["nota"]


E047 = """\
clave: E047
ramo: 51
nombre: Créditos a corto y mediano plazo
ised:
  2020:
    valor: 0.123456789012
    publicado: {nivel: Bajo}
  2019:
    valor: 0.69124424
    publicado: {nivel: Medio alto}
"""


@pytest.mark.parametrize("formato", ["csv", "tsv", "json"])
def test_machine_formats_give_the_ised_as_recorded(cli, tmp_path, formato):
    """An ISeD the spec writes with 12 decimals came out of csv, tsv and json cut to 10
    (0.123456789): a registered figure goes as written, as the README promises."""
    (tmp_path / "E047.yaml").write_text(E047, encoding="utf-8")
    r = cli("monitoreo", "--indice", "ised", "--specs", str(tmp_path), "-f", formato)
    assert r.code == 0, r.err
    if formato == "json":
        valores = [f["valor"] for f in json.loads(r.out)]
    else:
        lector = csv.DictReader(r.out.splitlines(), delimiter="," if formato == "csv" else "\t")
        valores = [float(f["valor"]) for f in lector]
    assert valores == [0.69124424, 0.123456789012]
    assert "0.123456789012" in r.out


def test_an_nd_cell_keeps_the_edition_and_its_published_level(cli, tmp_path):
    """RESULTADO_ISED «ND» (SHCP's «no disponible», the spec's own word) dropped the whole row,
    its published level with it, where an empty cell kept both: now «ND» and «NA» are written
    as such, and the level is «no verificable», as for an empty cell. Other text is still
    no number (the row is skipped, with its aviso)."""
    src = _ised(
        tmp_path,
        [
            ("E901", "ND", "Medio"),
            ("E902", "", "Alto"),
            ("E903", "na", ""),
            ("E904", "s/d", "Bajo"),
        ],
    )
    out = tmp_path / "s"
    r = cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out))
    assert r.code == 0, r.err
    assert r.err == f'aviso: {src}:5: 51-E904: RESULTADO_ISED "s/d" no es un número\n'
    assert "Filas omitidas: 1 (RESULTADO_ISED no es un número: 1)." in r.out
    doc = yaml.safe_load((out / "51" / "E901.yaml").read_text(encoding="utf-8"))
    assert doc["ised"][2020]["valor"] == "ND" and doc["ised"][2020]["publicado"] == {
        "nivel": "Medio"
    }
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "json")
    filas = [
        (f["clave"], f["valor"], f["nivel_publicado"], f["coincide"], f["nota"])
        for f in json.loads(r.out)
    ]
    assert filas == [
        ("E901", None, "Medio", None, "valor ND (no disponible)"),
        ("E902", None, "Alto", None, "valor ND (no disponible)"),
        ("E903", None, None, None, "valor NA (no aplica)"),
    ]


def test_the_summary_counts_published_levels_beside_no_value(cli, tmp_path):
    """Two published levels beside ND values read «0 de 0 con nivel publicado», as if SHCP had
    published none: the summary says they are there and why they are not checked."""
    (tmp_path / "E047.yaml").write_text(
        E047 + "  2018:\n    valor: ND\n    publicado: {nivel: Medio}\n", encoding="utf-8"
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(tmp_path), "-f", "csv")
    assert r.code == 0, r.err
    assert r.err == (
        "Nivel calculado igual al publicado: 2 de 2 con nivel publicado y valor; 1 con nivel "
        "publicado y sin valor (ND): no verificable.\n"
    )


def test_the_ficha_strip_says_when_shcp_publishes_another_level(cli, tmp_path):
    """The ficha's strip said «ISeD 2020: Medio (0.450000000)» of an ISeD SHCP publishes as
    Alto, a level the document contradicts shown without a word: it now says both."""
    (tmp_path / "E047.yaml").write_text(
        E047.replace("0.123456789012", "0.45").replace("{nivel: Bajo}", "{nivel: Alto}"),
        encoding="utf-8",
    )
    r = cli("ficha", "E047", "--specs", str(tmp_path))
    assert r.code == 0, r.err
    assert (
        "**ISeD 2020:** Medio (0.450000000; SHCP publica Alto: contradicción en la fuente)\n"
        in r.out
    )
    (tmp_path / "E047.yaml").write_text(E047, encoding="utf-8")  # the same level: as before
    r = cli("ficha", "E047", "--specs", str(tmp_path))
    assert "**ISeD 2020:** Bajo (0.123456789012)\n" in r.out


def test_a_published_level_the_rule_does_not_give_says_what_each_rests_on(cli, tmp_path):
    """0.45 published as Alto showed «no» in Coincide and an empty Nota: the nota now says
    that the one is SHCP's and the other the methodology's rule, with the rule's source."""
    (tmp_path / "E047.yaml").write_text(
        E047.replace("0.123456789012", "0.45").replace("{nivel: Bajo}", "{nivel: Alto}"),
        encoding="utf-8",
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(tmp_path), "-f", "json")
    assert r.code == 0, r.err
    filas = {f["anio"]: (f["coincide"], f["nota"]) for f in json.loads(r.out)}
    assert filas == {
        2019: (True, None),
        2020: (
            False,
            "contradicción en la fuente: la fuente publica el ISeD 0.450000000 con nivel Alto, y "
            "la regla publicada de los niveles (Diccionario de datos del ISeD de SHCP: [0,0.2) "
            "Bajo … [0.8,1] Alto) da Medio a ese valor ([0.4, 0.6) es Medio): no pueden valer a "
            "la vez",
        ),
    }


def test_an_nd_the_source_publishes_is_shown_as_nd_not_as_nothing(cli, tmp_path, monkeypatch):
    """An ISeD SHCP publishes as «ND» read «—» in the tables and the ficha, as an edition the
    spec gives no value, and machines got an empty cell for both: a reader could not tell
    «SHCP published ND» from «nothing recorded». People now read ND (the nota says «no
    disponible»), machines a null `valor` with `valor_estado` ND, NA or ausente (cumplimiento's
    convention), and the level SHCP published beside the ND stays. (The real file has no ND
    RESULTADO_ISED — its 535 are numbers —: the rows are its ramo-51 row with that cell ND.)"""
    src = _ised(tmp_path, [("E901", "ND", "Medio"), ("E902", "NA", "Alto")])
    out = tmp_path / "s"
    assert cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out)).code == 0
    # an edition a hand-written spec gives without a value: absent, not ND
    (out / "51" / "E903.yaml").write_text(
        "clave: E903\nramo: 51\nnombre: Sin valor\nised:\n  2020:\n    publicado: {nivel: Bajo}\n",
        encoding="utf-8",
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "csv")
    assert r.code == 0, r.err
    filas = [
        (f["clave"], f["valor"], f["valor_estado"], f["nivel_publicado"], f["nota"])
        for f in csv.DictReader(r.out.splitlines())
    ]
    assert filas == [
        ("E901", "", "ND", "Medio", "valor ND (no disponible)"),
        ("E902", "", "NA", "Alto", "valor NA (no aplica)"),
        ("E903", "", "ausente", "Bajo", "valor ausente (la spec no lo registra)"),
    ]
    # the summary no longer calls the absent value «(ND o NA)», nor one «no verificables»
    assert r.err == (
        "Nivel calculado igual al publicado: 0 de 0 con nivel publicado y valor; 2 con nivel "
        "publicado y sin valor (ND o NA) y 1 con nivel publicado y sin valor en la spec: no "
        "verificables.\n"
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "json")
    assert [(f["valor"], f["valor_estado"]) for f in json.loads(r.out)] == [
        (None, "ND"),
        (None, "NA"),
        (None, "ausente"),
    ]
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "markdown")
    assert "| E901    | 2020  |     ND |         | Medio " in r.out
    assert "| E903    | 2020  |      — |         | Bajo " in r.out
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "tabla")
    assert [linea.split()[:3] for linea in r.out.splitlines() if linea.startswith("E90")] == [
        ["E901", "2020", "ND"],
        ["E902", "2020", "NA"],
        ["E903", "2020", "—"],
    ]
    (out / "51" / "E903.yaml").unlink()
    r = cli("ficha", "51-E901", "--specs", str(out))
    assert r.code == 0, r.err
    assert "| 2020 | ND | Medio | no verificable | valor ND (no disponible) |\n" in r.out
    assert (
        "1 con nivel publicado y sin valor (ND): no verificable.\n" in r.out
    )  # (one: singular; ND, what it is)
    html = tmp_path / "f.html"
    assert cli("ficha", "51-E901", "--specs", str(out), "-o", str(html)).code == 0
    assert '<td>2020</td><td class="num">ND</td><td>Medio</td>' in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("casos", "dicho"),
    [
        (
            [("E901", "ND", "Medio"), ("E902", "ND", "Alto")],
            "2 con nivel publicado y sin valor (ND)",
        ),
        ([("E901", "NA", "Medio")], "1 con nivel publicado y sin valor (NA)"),
        (
            [("E901", "NA", "Medio"), ("E902", "ND", "Alto")],
            "2 con nivel publicado y sin valor (ND o NA)",
        ),
    ],
)
def test_the_ised_summary_says_which_of_nd_and_na_was_published(cli, tmp_path, casos, dicho):
    """The summary said «(ND o NA)» of two values SHCP publishes as ND, as if either could be:
    it says what was published (ND, NA, both only where both occur). The real file's ramo-51
    row with its RESULTADO_ISED made ND / NA."""
    out = tmp_path / "s"
    assert cli("importar", "ised", str(_ised(tmp_path, casos)), "-o", str(out)).code == 0
    for formato in ("csv", "markdown"):
        r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", formato)
        assert r.code == 0, r.err
        assert f"con nivel publicado y valor; {dicho}: no verificable" in r.out + r.err, formato


def _contradice(tmp_path):
    """The real file's 51-E015 row with RESULTADO_ISED 0.45 beside «Alto» (no real row has a
    level its dictionary's rule does not give its value: the 535 agree), imported."""
    src = _ised(tmp_path, [("E015", "0.45", "Alto"), ("E018", "0.794695481", "Medio alto")])
    out = tmp_path / "s"
    return src, out


def test_a_level_the_sources_own_rule_does_not_give_is_a_contradiction_in_the_source(cli, tmp_path):
    """SHCP's 0.45 published as «Alto», where SHCP's own dictionary makes [0.4, 0.6) Medio:
    `verificar` said «difiere», our figure against theirs — but the value, the level and the
    rule are all SHCP's, the contradiction is within the source. It is now «contradicción en
    la fuente» (the verdict for two printed figures that cannot both hold), with both named;
    `monitoreo --indice ised` counts it under its summary and the ficha's strip says it."""
    src, out = _contradice(tmp_path)
    assert cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out)).code == 0
    r = cli("verificar", "--specs", str(out), "-f", "json")
    assert r.code == 1, r.err  # (as a difference: the figure is not confirmed)
    filas = {f["clave"]: f for f in json.loads(r.out)}
    assert [(f["veredicto"], f["calculado"]) for f in filas.values()] == [
        ("contradicción en la fuente", "Medio"),
        ("coincide", "Medio alto"),
    ]
    assert filas["E015"]["motivo"] == (
        "SHCP, datos abiertos: ISeD 2020 (ised_2020.csv) publica el ISeD 0.450000000 con "
        "nivel Alto, y la regla publicada de los niveles (Diccionario de datos del ISeD de "
        "SHCP: [0,0.2) Bajo … [0.8,1] Alto) da Medio a ese valor ([0.4, 0.6) es Medio): no "
        "pueden valer a la vez"
    )
    assert r.err == (
        "2 cifras: 1 coincide, 0 por construcción, 0 difieren, 1 contradicción en la fuente, "
        "0 no verificables.\n"
    )
    r = cli("monitoreo", "--indice", "ised", "--specs", str(out), "-f", "csv")
    assert r.code == 0, r.err
    assert r.err == (
        "Nivel calculado igual al publicado: 1 de 2 con nivel publicado.\n"
        "1 contradicción en la fuente: el nivel publicado no es el que la regla publicada da "
        "al valor publicado (la nota dice cuál).\n"
    )
    (fila, _) = csv.DictReader(r.out.splitlines())
    assert fila["nota"].startswith("contradicción en la fuente: SHCP, datos abiertos: ISeD")
    r = cli("ficha", "51-E015", "--specs", str(out))
    assert (
        "**ISeD 2020:** Medio (0.450000000; SHCP publica Alto: contradicción en la fuente)\n"
        in r.out
    )


def test_with_a_rule_that_is_not_the_published_one_a_level_only_differs(cli, tmp_path):
    """The contradiction rests on the rule being SHCP's printed one. A methodology file that
    marks it `supuesto` makes the level issste-mon's: «difiere», the nota naming the rule; one
    that moves its cuts makes the difference «no verificable» (the source was not written under
    that rule)."""
    from issste_mon.metodologia import default_path

    src, out = _contradice(tmp_path)
    assert cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out)).code == 0
    texto = open(default_path(), encoding="utf-8").read()
    publicada = "    - {nivel: Alto, desde: 0.8}\n  confianza: publicado\n"
    assert publicada in texto
    supuesta = tmp_path / "supuesta.yaml"
    supuesta.write_text(texto.replace(publicada, publicada.replace("publicado", "supuesto")))
    r = cli("verificar", "--specs", str(out), "-f", "json", "--metodologia", str(supuesta))
    assert [f["veredicto"] for f in json.loads(r.out)] == ["difiere", "coincide"]
    r = cli(
        "monitoreo",
        "--indice",
        "ised",
        "--specs",
        str(out),
        "-f",
        "json",
        "--metodologia",
        str(supuesta),
    )
    assert json.loads(r.out)[0]["nota"].startswith(
        "SHCP publica Alto; Medio es el que da la regla «ised» de la metodología"
    )
    assert "contradicción" not in r.err
    movida = tmp_path / "movida.yaml"
    movida.write_text(texto.replace("{nivel: Medio, desde: 0.4}", "{nivel: Medio, desde: 0.41}"))
    r = cli("verificar", "--specs", str(out), "-f", "json", "--metodologia", str(movida))
    assert [f["veredicto"] for f in json.loads(r.out)] == ["no verificable", "coincide"]


def test_the_site_index_shows_each_programs_ised(cli, tmp_path):
    """`ficha --todas` over the real file's ramo 51 (23 programs) listed every one with «—» in
    Cobertura, Cumplimiento and Nivel de monitoreo and no ISeD: 23 programs with a figure read
    as 23 without. The index now has an ISeD column (only where some program has one), as the
    ficha's strip says it."""
    out = tmp_path / "s"
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    sitio = tmp_path / "sitio"
    assert cli("ficha", "--todas", "--specs", str(out), "--salida", str(sitio)).code == 0
    indice = (sitio / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col">ISeD (SHCP)</th>' in indice
    assert "<td>—</td><td>Medio alto (0.721153846, 2020)</td>" in indice  # 51-E015
    assert indice.count("<td>Alto (1.000000000, 2020)</td>") == 4  # E046–E049, as published


def test_a_contradiction_and_an_nd_are_said_as_such_in_the_site_the_strip_and_verificar(
    cli, tmp_path
):
    """The index said «1 de 1 difiere» of an ISeD level SHCP's own rule does not give (what
    `verificar` calls «contradicción en la fuente»); of a program whose only ISeD SHCP
    publishes as ND the strip said nothing and the index «—», as of one without an ISeD; and
    `verificar`'s motivo was «ISeD ND», a code. Each now says what was published."""
    src = _ised(tmp_path, [("E015", "0.45", "Alto"), ("E901", "ND", "Medio")])
    out = tmp_path / "s"
    assert cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out)).code == 0
    sitio = tmp_path / "sitio"
    assert cli("ficha", "--todas", "--specs", str(out), "--salida", str(sitio)).code == 0
    indice = (sitio / "index.html").read_text(encoding="utf-8")
    assert (
        "<td>Medio (0.450000000, 2020; SHCP publica Alto: contradicción en la fuente)</td>"
        '<td class="contradiccion">1 de 1 con contradicción en la fuente</td>'
    ) in indice
    # its own colour, not the red of issste-mon's figure differing, and the index says which
    css = indice  # (the style is inlined in each page)
    colores = {
        clase: re.search(rf"\.{clase}\b[^{{]*{{[^}}]*color: (#[0-9a-f]{{6}})", css).group(1)
        for clase in ("difiere", "contradiccion")
    }
    assert colores["contradiccion"] != colores["difiere"], colores
    assert (
        "Verificación en ámbar: contradicción en la fuente, el documento publica cifras que "
        in (indice)
    )
    assert "<td>ND (no disponible, 2020; SHCP publica Medio)</td>" in indice
    r = cli("ficha", "51-E901", "--specs", str(out))
    assert "**ISeD 2020:** ND (no disponible; SHCP publica Medio)\n" in r.out
    r = cli("verificar", "--specs", str(out), "51-E901", "-f", "json")
    (fila,) = json.loads(r.out)
    assert (fila["veredicto"], fila["motivo"]) == (
        "no verificable",
        "la edición publica el ISeD como ND (no disponible): no hay valor que clasificar",
    )


def test_what_nd_and_na_mean_is_said_from_one_place():
    """monitoreo's nota, the ficha's strip and the site's index say what an ISeD's ND / NA
    means: qa-ised3 wrote the words twice (calc.ised and ficha.datos), so rewording one would
    have had the strip and the nota say it apart. One literal in the package, calc.ised's."""
    import ast

    import issste_mon

    paquete = Path(issste_mon.__file__).parent
    donde = [
        f"{ruta.relative_to(paquete)}:{n.lineno}"
        for ruta in sorted(paquete.rglob("*.py"))
        for n in ast.walk(ast.parse(ruta.read_text(encoding="utf-8")))
        if isinstance(n, ast.Constant) and n.value == "no disponible"
    ]
    assert [d.split(":")[0] for d in donde] == ["calc/ised.py"], donde
