"""One figure, every format: each table command's csv, tsv, json, jsonl, xlsx and Markdown read
back and compared cell by cell — the same rows in the same order, the same machine values in
the data formats and the workbook (percentages as fractions there), the same ND/NA markers,
and in the workbook a number format with the decimals the Markdown shows."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

COMANDOS = [
    ("programas",),
    ("cobertura",),
    ("cumplimiento",),
    ("presupuesto",),
    ("monitoreo",),
    ("sexenal",),
    ("sexenal", "--tabla", "enfoque"),
    ("calidad",),
    ("calidad", "--distribucion"),
    ("resumen",),
    ("tendencias",),
    ("alertas",),
    ("verificar", "E045", "E049"),
]

# Real SHCP quirks (poblaciones_2017.csv): a population with decimals, coverage far below 0.01 %.
POBLACIONES = """\
ramo: 38
clave: S190
nombre: Becas de posgrado
poblaciones:
  2017:
    componentes:
      - nombre: Población del programa
        unidad_medida: Becas y Estancias
        potencial: 61420.695
        objetivo: 61420.695
        atendida: 61384
      - nombre: Apoyos
        unidad_medida: Personas
        potencial: 118000000
        objetivo: 90000000
        atendida: 2520
"""


def _salidas(cli, tmp_path, args: tuple) -> dict:
    out = {}
    for fmt in ("csv", "tsv", "json", "jsonl", "markdown"):
        r = cli(*args, "-f", fmt)
        assert r.code in (0, 1), (fmt, r.err)  # (verificar: 1 = differences found)
        out[fmt] = r.out
    libro = tmp_path / "t.xlsx"
    assert cli(*args, "-o", str(libro)).code in (0, 1)
    out["xlsx"] = load_workbook(libro).worksheets[0]
    out["esquema"] = json.loads(cli(*args, "--esquema-salida").out)["fields"]
    return out


def _texto(fmt: str, texto: str) -> list[dict]:
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(texto), delimiter="," if fmt == "csv" else "\t"))
    if fmt == "json":
        return json.loads(texto)
    return [json.loads(linea) for linea in texto.splitlines()]


def _como_csv(v) -> str:
    """A json value as its csv cell."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _markdown(texto: str) -> tuple[list[str], list[list[str]]]:
    filas = [linea for linea in texto.splitlines() if linea.startswith("|")]

    def celdas(linea: str) -> list[str]:
        partes = re.split(r"(?<!\\)\|", linea)[1:-1]
        return [html.unescape(re.sub(r"\\(.)", r"\1", p.strip())) for p in partes]

    return celdas(filas[0]), [celdas(f) for f in filas[2:]]


def _decimales(texto: str) -> int:
    numero = re.search(r"-?[\d,]+(?:\.(\d+))?", texto)
    return len(numero.group(1) or "")


def _decimales_formato(formato: str) -> int:
    m = re.search(r"\.(0+)", formato)
    return len(m.group(1)) if m else 0


def _por_titulo(campos: list[dict], titulos: list[str]) -> list[dict]:
    """The schema field of each header (two columns may share a title: «Origen»)."""
    libres = list(campos)
    elegidos = []
    for t in titulos:
        campo = next(c for c in libres if c["title"] == t)
        libres.remove(campo)
        elegidos.append(campo)
    return elegidos


def _comparar(s: dict) -> None:
    csv_filas = _texto("csv", s["csv"])
    claves = [c["name"] for c in s["esquema"]]
    assert list(csv_filas[0]) == claves
    for fmt in ("tsv", "json", "jsonl"):
        filas = _texto(fmt, s[fmt])
        assert len(filas) == len(csv_filas), fmt
        for i, (a, b) in enumerate(zip(csv_filas, filas, strict=True)):
            assert list(b) == claves, fmt
            assert {k: _como_csv(v).lstrip("'") for k, v in b.items()} == {
                k: v.lstrip("'") for k, v in a.items()
            }, (fmt, i)

    ws = s["xlsx"]
    titulos = [c.value for c in ws[1]]
    campos = _por_titulo(s["esquema"], titulos)
    hoja = [list(f) for f in ws.iter_rows(min_row=2, max_row=len(csv_filas) + 1)]
    assert len(hoja) == len(csv_filas)
    for i, (celdas, fila) in enumerate(zip(hoja, csv_filas, strict=True)):
        for celda, campo in zip(celdas, campos, strict=True):
            k, m = campo["name"], fila[campo["name"]]
            donde = (k, i, celda.value, celda.number_format, m)
            if m == "":
                assert celda.value is None, donde
            elif isinstance(celda.value, bool):
                assert _como_csv(celda.value) == m, donde
            elif campo["type"] in ("number", "integer") or celda.data_type == "n":
                assert celda.data_type == "n" and not isinstance(celda.value, str), donde
                v = Decimal(repr(celda.value))
                if "%" in celda.number_format:
                    assert campo.get("issste:tipo") in ("pct", "cualquiera"), donde
                    v = v.scaleb(2)
                assert abs(v - Decimal(m)) <= Decimal("1e-9") * max(1, abs(Decimal(m))), donde
                if campo["type"] == "integer":  # years, lines: 2017, never 2,017 or 2017.00 %;
                    # a count (ramo, indicadores) as people read it, grouped: 12,689
                    entero = campo.get("issste:tipo") == "entero"
                    assert celda.number_format == ("#,##0" if entero else "0"), donde
            else:
                assert str(celda.value).lstrip("'") == m.lstrip("'"), donde

    titulos_md, filas_md = _markdown(s["markdown"])
    campos_md = _por_titulo(s["esquema"], titulos_md)
    assert len(filas_md) == len(csv_filas)
    formatos = {
        campo["name"]: [f[j].number_format for f in hoja]
        for j, campo in enumerate(campos)
        if campo["type"] == "number"
    }
    for i, (celdas, fila) in enumerate(zip(filas_md, csv_filas, strict=True)):
        for texto, campo in zip(celdas, campos_md, strict=True):
            k, m = campo["name"], fila[campo["name"]]
            donde = (k, i, texto, m)
            if texto.endswith(" ⚠") and any(fila.get(b) == "true" for b in _MARCAS):
                texto = texto.removesuffix(" ⚠")  # (the mark people see; machines: the flag)
            if campo["type"] != "number":
                m = campo.get("issste:etiquetas", {}).get(m, m)  # a code, as people read it
                if m == "":  # a null, as people read it where a blank would say «unknown»
                    m = campo.get("issste:vacio", "")
                if campo["type"] == "string":  # (a clave may carry its ramo: «12-E010»)
                    assert texto == " ".join(m.lstrip("'").split()) or (
                        k == "clave" and texto.endswith("-" + m)
                    ), donde
                continue
            estado = fila.get(f"{k}_estado", "").replace("ausente", "")
            if m == "":  # ND/NA as the spec says; else nothing, or «—» (not calculable)
                assert texto == estado if estado else texto in ("", "—"), donde
                continue
            numero = Decimal(re.search(r"-?[\d,]+(?:\.\d+)?", texto).group().replace(",", ""))
            d = _decimales(texto)
            assert abs(numero - Decimal(m)) <= Decimal(5).scaleb(-d - 1), donde
            if k in formatos:
                assert _decimales_formato(formatos[k][i]) == d, (*donde, formatos[k][i])


# the machine columns whose `true` puts a ⚠ beside a figure or a sentence for people
_MARCAS = ("mayor_100", "supuesto")


@pytest.mark.parametrize("args", COMANDOS, ids=" ".join)
def test_every_format_says_the_same(cli, tmp_path, args):
    _comparar(_salidas(cli, tmp_path, args))


def test_real_data_quirks_say_the_same_in_every_format(cli, tmp_path):
    """61420.695 read «61,420.70» in the table and Markdown (the workbook had all three
    decimals), and a coverage of 0.0028 % — «0.0028 %» in Markdown — was «0.00 %» in Excel."""
    (tmp_path / "S190.yaml").write_text(POBLACIONES, encoding="utf-8")
    s = _salidas(cli, tmp_path, ("cobertura", "--specs", str(tmp_path / "S190.yaml")))
    _comparar(s)
    assert "61,420.695" in s["markdown"]


MAYOR_100 = """\
ramo: 51
clave: X001
nombre: x
poblaciones:
  2017:
    unidad_medida: Personas
    potencial: 100
    objetivo: 50
    atendida: 60
"""


def test_a_coverage_over_100_is_marked_and_explained_in_every_format(cli, tmp_path):
    """The rich table marked «120.00 % ⚠» and said why in its nota; `-f markdown` dropped the
    mark, and the ficha kept the mark but dropped the nota: a ⚠ nothing explained."""
    (tmp_path / "X001.yaml").write_text(MAYOR_100, encoding="utf-8")
    specs = ("--specs", str(tmp_path / "X001.yaml"))
    por_que = "cobertura mayor a 100 %: PA"
    salidas = {
        "tabla": cli("cobertura", *specs, "-f", "tabla").out,
        "markdown": cli("cobertura", *specs, "-f", "markdown").out,
        "ficha.md": cli("-q", "ficha", "X001", *specs).out,
    }
    assert cli("-q", "ficha", "X001", *specs, "-o", str(tmp_path / "f.html")).code == 0
    salidas["ficha.html"] = (tmp_path / "f.html").read_text(encoding="utf-8").replace("\xa0", " ")
    for nombre, texto in salidas.items():
        assert "120.00 % ⚠" in texto, nombre
        assert por_que in texto, nombre


def test_verificar_valor_calculado_reads_as_in_the_data_formats(cli):
    """`--columnas valor_calculado` printed the exact Decimal for people, all 48 digits
    («94.900435558601677263688120167802804951…»), where csv and json carry 94.9004355586."""
    args = ("verificar", "E045", "E049", "-c", "clave,valor_calculado")
    datos = _texto("csv", cli(*args, "-f", "csv").out)
    _, filas = _markdown(cli(*args, "-f", "markdown").out)
    assert len(filas) == len(datos)
    numeros = 0
    for (_, texto), fila in zip(filas, datos, strict=True):
        m = fila["valor_calculado"]
        if re.fullmatch(r"-?\d+(?:\.\d+)?", m):
            numeros += 1
            assert texto.replace(",", "") == m, (texto, m)
        else:
            assert texto == m
    assert numeros


FALTANTES = """\
ramo: 51
clave: X002
nombre: x
mir:
  - id: P1
    nivel: Propósito
    nombre: uno
    sentido: ascendente
    metas:
      2019: {meta: ND, valor: 5}
      2020: {meta: 7, valor: NA}
      2021: {meta: 10, valor: 9}
"""


def test_nd_and_na_of_a_meta_or_valor_read_as_the_spec_says(cli, tmp_path):
    """csv and xlsx said «ND» in meta_estado and cobertura shows ND/NA in its cells, but the
    cumplimiento table, its Markdown and the ficha showed a blank meta or valor."""
    (tmp_path / "X002.yaml").write_text(FALTANTES, encoding="utf-8")
    specs = ("--specs", str(tmp_path / "X002.yaml"))
    _comparar(_salidas(cli, tmp_path, ("cumplimiento", *specs)))
    tabla = cli("cumplimiento", *specs, "-f", "tabla").out
    ficha = cli("-q", "ficha", "X002", *specs).out
    for texto in (tabla, ficha):
        filas = [
            linea for linea in texto.splitlines() if re.match(r"\W*(X002\W+)?20(19|20)\b", linea)
        ]
        assert re.search(r"2019\b.*\bND\b.*\b5\b", filas[0]), texto
        assert re.search(r"2020\b.*\b7\b.*\bNA\b", filas[1]), texto


def test_tendencias_says_nd_and_na_as_the_spec_does(cli, tmp_path):
    """tendencias showed a blank meta or valor where the spec says ND or NA (only the nota
    said it), and its machine rows had no meta_estado / valor_estado."""
    (tmp_path / "X002.yaml").write_text(FALTANTES, encoding="utf-8")
    specs = ("--specs", str(tmp_path / "X002.yaml"))
    _comparar(_salidas(cli, tmp_path, ("tendencias", *specs)))
    filas = json.loads(cli("tendencias", *specs, "-f", "json").out)
    estados = {
        f["anio"]: (f["meta"], f["meta_estado"], f["valor"], f["valor_estado"]) for f in filas
    }
    assert estados == {
        2019: (None, "ND", 5, None),
        2020: (7, None, None, "NA"),
        2021: (10, None, 9, None),
    }
    md = [x for x in cli("tendencias", *specs, "-f", "markdown").out.splitlines() if "| 20" in x]
    assert re.search(r"2019\b.*\bND\b.*\b5\b", md[0]) and re.search(r"2020\b.*\b7\b.*\bNA\b", md[1])
