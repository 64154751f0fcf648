"""The ficha's headline PA/PO (the strip under its header, and the site's index) says whose
figure it is, and never picks one of several components silently.

With components in Personas, Derechohabientes and Unidades médicas the strip read «Cobertura
PA/PO 2023 · Préstamos personales: 92.86 %» — the first component's, as if it were the
program's, in one unit of three — and the index «92.86 % (2023)», naming none; with two
components in Personas it showed the first one's instead of their total, which `cobertura`
computes and `verificar` compares with a published figure.
"""

from __future__ import annotations

import html
import json
import re

COMPONENTE = (
    "      - {{nombre: {}, unidad_medida: {}, potencial: {}, objetivo: {}, atendida: {}}}\n"
)


def _spec_2022(carpeta, componentes) -> str:
    carpeta.mkdir(exist_ok=True)
    texto = (
        "ramo: 51\nclave: X001\nnombre: Prueba\npoblaciones:\n  2022:\n"
        "    unidad_medida: Personas\n    potencial: 100\n    objetivo: 50\n    atendida: 40\n"
        "  2023:\n    componentes:\n"
    )
    texto += "".join(COMPONENTE.format(*c) for c in componentes)
    (carpeta / "X001.yaml").write_text(texto, encoding="utf-8")
    return str(carpeta)


UNIDADES = [
    ("Préstamos personales", "Personas", 4000000, 700000, 650000),
    ("Estancias infantiles", "Derechohabientes", 2000000, 30000, 27000),
    ("Clínicas", "Unidades médicas", 1200, 300, 310),
]
UNA_UNIDAD = [
    ("Préstamos personales", "Personas", 4000000, 700000, 650000),
    ("Préstamos hipotecarios", "personas", 2000000, 30000, 27000),
]


def _titular(cli, specs: str) -> str:
    """The strip's PA/PO («label: figure») in the Markdown ficha, and the same in the HTML."""
    md = cli("ficha", "X001", "--specs", specs)
    assert md.code == 0, md.err
    franja = next(x for x in md.out.splitlines() if "**Cobertura PA/PO" in x)
    titular = html.unescape(re.search(r"\*\*(Cobertura PA/PO[^*]*):\*\* ([^·]*)", franja)[0])
    pagina = cli("ficha", "X001", "--specs", specs, "-f", "html").out
    lista = pagina.split('<ul class="clave">', 1)[1].split("</ul>", 1)[0]
    casilla = next(x for x in lista.split("<li>") if "Cobertura PA/PO" in x)
    en_html = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", casilla).split()))
    assert " ".join(titular.replace("*", "").replace(":", "", 1).split()) == en_html
    return " ".join(titular.replace("*", "").split())


def _cobertura(cli, specs: str) -> tuple[list[dict], dict[tuple, str], str]:
    """`cobertura` of the spec: its rows (json), PA/PO as people read it by (año,
    componente) (markdown), and what it says on stderr."""
    r = cli("cobertura", "--specs", specs, "-f", "json")
    assert r.code == 0, r.err
    md = cli("-q", "cobertura", "--specs", specs, "-f", "markdown").out
    filas = [x for x in md.splitlines() if x.startswith("| X001")]
    leidas = {}
    for x in filas:
        celdas = [c.strip() for c in x.strip("|").split("|")]
        leidas[(int(celdas[1]), celdas[2] or None)] = celdas[7].removesuffix(" ⚠")
    return json.loads(r.out), leidas, r.err


def _indice(cli, specs: str, tmp_path) -> str:
    sitio = tmp_path / "sitio"
    assert cli("-q", "ficha", "--todas", "--specs", specs, "--salida", str(sitio)).code == 0
    texto = (sitio / "index.html").read_text(encoding="utf-8").replace("\xa0", " ")
    fila = texto.split(">X001<", 1)[1].split("</tr>", 1)[0]
    return html.unescape(re.findall(r"<td[^>]*>([^<]*)</td>", fila)[1])


def test_components_in_different_units_give_no_headline_figure(cli, tmp_path):
    specs = _spec_2022(tmp_path / "specs", UNIDADES)
    filas, pa_po, avisos = _cobertura(cli, specs)
    # cobertura: one row per component of 2023, no total, and it says why
    assert [f["componente"] for f in filas if f["anio"] == 2023] == [c[0] for c in UNIDADES]
    assert "unidades de medida distintas" in avisos and "no se suma un total" in avisos
    titular = _titular(cli, specs)
    assert titular.startswith("Cobertura PA/PO 2023 · 3 componentes ")
    assert "(Derechohabientes; Personas; Unidades médicas)" in titular
    assert "sin total" in titular
    for c in UNIDADES:  # no component's figure stands for the program's
        assert pa_po[(2023, c[0])] not in titular, titular
    assert "⚠ (PA > PO en Clínicas)" in titular  # the table's mark, where no figure carries it
    indice = _indice(cli, specs, tmp_path)
    assert indice == "sin total ⚠ (2023, 3 componentes)"


def test_components_in_one_unit_headline_their_total(cli, tmp_path):
    specs = _spec_2022(tmp_path / "specs", UNA_UNIDAD)
    filas, pa_po, _ = _cobertura(cli, specs)
    assert [f["componente"] for f in filas if f["anio"] == 2023][-1] is None  # (the total)
    total = pa_po[(2023, None)]
    assert total != pa_po[(2023, UNA_UNIDAD[0][0])]  # (the test can tell them apart)
    titular = _titular(cli, specs)
    assert titular == f"Cobertura PA/PO 2023 · total de 2 componentes (Personas): {total}"
    assert _indice(cli, specs, tmp_path) == f"{total} (2023, total de 2 componentes)"


def test_the_only_component_of_a_year_is_named_with_its_unit(cli, tmp_path):
    specs = _spec_2022(tmp_path / "specs", UNIDADES[1:2])
    _, pa_po, _ = _cobertura(cli, specs)
    cifra = pa_po[(2023, "Estancias infantiles")]
    titular = _titular(cli, specs)
    assert titular == f"Cobertura PA/PO 2023 · Estancias infantiles (Derechohabientes): {cifra}"


def test_a_total_that_is_not_computable_says_why(cli, tmp_path):
    """One component without PA: the total has none, and the headline says so (it showed the
    other component's figure)."""
    sin_pa = [UNA_UNIDAD[0], (*UNA_UNIDAD[1][:4], "ND")]
    specs = _spec_2022(tmp_path / "specs", sin_pa)
    filas, pa_po, _ = _cobertura(cli, specs)
    total = next(f for f in filas if f["anio"] == 2023 and f["componente"] is None)
    assert total["cobertura_pct"] is None
    motivo = total["nota"].split("cobertura no calculable: ")[1].split(";")[0]
    titular = _titular(cli, specs)
    assert titular.startswith("Cobertura PA/PO 2023 · total de 2 componentes (Personas): ")
    assert titular.endswith(f"no calculable: {motivo}")
    assert pa_po[(2023, UNA_UNIDAD[0][0])] not in titular


def test_a_program_of_one_population_keeps_its_headline(cli):
    """No components: the year's own figure, as it always read («Cobertura PA/PO 2017:
    94.90 %»), with no unit or component added."""
    md = cli("ficha", "E045").out
    assert "**Cobertura PA/PO 2017:** 94.90 %" in md
