"""One figure, one value — everywhere it is printed. `test_formatos_cruzados` reads one table in
every format; here the same figure is followed across commands: the ficha (its headline strip,
each indicator's box, its tables) against `cumplimiento`, `cobertura`, `presupuesto` and
`monitoreo`; the machine values of `alertas` against the rows they rest on; `verificar`'s
«calculado» against the command that computes it; `sexenal`'s category and its origin
against what `verificar` says the document prints. On the bundled specs, a generated set with
every section (`benchmarks/generate.py --completo`) and specs imported from SHCP's real files.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
SHCP = SHARED / "data" / "shcp"
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

# --- reading what people read -----------------------------------------------------------------


def _tablas(texto: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every Markdown table of a text: (header, rows), cells unescaped."""
    out: list = []
    cur = None
    for linea in [*texto.splitlines(), ""]:
        if not linea.startswith("|"):
            if cur:
                out.append(cur)
            cur = None
            continue
        celdas = [
            html.unescape(re.sub(r"\\(.)", r"\1", p.strip()))
            for p in re.split(r"(?<!\\)\|", linea)[1:-1]
        ]
        if cur is None:
            cur = (celdas, [])
        elif not set("".join(celdas)) <= set("-: "):
            cur[1].append(celdas)
    return out


def _secciones(texto: str) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    nombre = ""
    for linea in texto.splitlines():
        if linea.startswith("## "):
            nombre = linea[3:].strip()
        out.setdefault(nombre, []).append(linea)
    return {k: "\n".join(v) for k, v in out.items()}


def _filas(cli, args: tuple) -> list[dict]:
    """A command's Markdown rows as dicts, each with its machine row's `_clave` (ramo-clave)."""
    r = cli(*args, "-f", "markdown")
    assert r.code in (0, 1), r.err
    datos = json.loads(cli(*args, "-f", "json").out or "[]")
    if not datos:
        return []
    cabeza, filas = _tablas(r.out)[0]
    assert len(filas) == len(datos)
    return [
        {**dict(zip(cabeza, f, strict=True)), "_clave": f"{d.get('ramo')}-{d.get('clave')}"}
        for f, d in zip(filas, datos, strict=True)
    ]


def _sin_marca(texto: str) -> str:
    return texto.split(" ⚠")[0]


class Cotejo:
    """Counts the figures compared and keeps each one that differs."""

    def __init__(self) -> None:
        self.n = 0
        self.diferencias: list[tuple] = []

    def __call__(self, donde, uno, otro) -> None:
        self.n += 1
        if uno != otro:
            self.diferencias.append((donde, uno, otro))


def _ficha_contra_comandos(cli, specs: tuple, cotejo: Cotejo) -> int:
    """Each program's ficha (Markdown) against the commands' tables; the fichas read."""
    cum = _filas(cli, ("cumplimiento", *specs))
    cob = _filas(cli, ("cobertura", *specs))
    pre = _filas(cli, ("presupuesto", *specs))
    mon = [r for r in _filas(cli, ("monitoreo", *specs)) if r["Ámbito"] == "programa"]
    ised = _filas(cli, ("monitoreo", "--indice", "ised", *specs))
    fichas = 0
    for p in json.loads(cli("programas", *specs, "-f", "json").out):
        clave = f"{p['ramo']}-{p['clave']}"
        r = cli("-q", "ficha", clave, *specs)
        if r.code != 0:  # (a program without figures has no ficha)
            continue
        fichas += 1
        suyas = {
            nombre: [x for x in filas if x["_clave"] == clave]
            for nombre, filas in (("cum", cum), ("cob", cob), ("pre", pre), ("mon", mon))
        }
        suyas["ised"] = [x for x in ised if x["_clave"] == clave]
        sec = _secciones(r.out)
        # the ficha's tables: the command's rows of the program, cell by cell
        for titulo, clave_t, filtro in (
            ("Cumplimiento de metas (recalculado)", "cum", lambda x: x["Nivel"] in _RESULTADOS),
            ("Definición de la población objetivo", "cob", None),
            ("Presupuesto ejercido", "pre", None),
            ("Nivel de monitoreo (CONEVAL)", "mon", None),
            ("Índice de Seguimiento al Desempeño (ISeD, SHCP)", "ised", None),
        ):
            tablas = _tablas(sec.get(titulo, ""))
            if not tablas:
                continue
            cabeza, filas = tablas[-1]
            esperadas = [x for x in suyas[clave_t] if filtro is None or filtro(x)]
            cotejo((clave, titulo, "filas"), len(filas), len(esperadas))
            for f, e in zip(filas, esperadas, strict=False):
                for col, celda in zip(cabeza, f, strict=True):
                    if col == "Nota" and clave_t == "cob":  # (the ficha keeps the «—» ones)
                        continue
                    cotejo((clave, titulo, f[0], col), celda, e.get(col, celda))
        _franja(r.out, clave, suyas, cotejo)
        for nombre in ("Indicadores de Fin y Propósito", "Indicador sectorial"):
            _recuadros(sec.get(nombre, ""), clave, suyas["cum"], cotejo)
    return fichas


_RESULTADOS = ("Fin", "Propósito")


def _franja(ficha: str, clave: str, suyas: dict, cotejo: Cotejo) -> None:
    """The headline strip («**Cumplimiento Propósito 2017:** 114.49 % (Alto) ⚠ …»)."""
    linea = next((x for x in ficha.splitlines() if x.startswith("**") and ":**" in x), "")
    for etiqueta, valor in re.findall(r"\*\*([^*]+):\*\* (.*?)(?= · \*\*|$)", linea):
        anio = etiqueta.split()[-1]
        if etiqueta.startswith("Cumplimiento Propósito"):
            filas = suyas["cum"]
            opciones = [
                f"{_sin_marca(x['Cumplimiento'])} ({x['Rango']})"
                for x in filas
                if x["Año"] == anio and x["Nivel"] == "Propósito" and x["Rango"] not in ("", "—")
            ]
            cifra = _sin_marca(valor)
        elif etiqueta.startswith("Cobertura PA/PO") and "%" in valor:
            anio = etiqueta.split(" · ")[0].split()[-1]
            opciones = [_sin_marca(x["PA/PO"]) for x in suyas["cob"] if x["Año"] == anio]
            cifra = _sin_marca(valor).split(" (")[0]
        elif etiqueta.startswith("Presupuesto"):
            opciones = [_sin_marca(x["% del ramo"]) for x in suyas["pre"] if x["Año"] == anio]
            cifra = valor.split(" del ramo")[0]
        elif etiqueta.startswith("Nivel de monitoreo"):
            opciones = [
                f"{x['Nivel']} ({x['Valoración']}" for x in suyas["mon"] if x["Año"] == anio
            ]
            cifra = valor.split(";")[0].removesuffix(")")
        elif etiqueta.startswith("ISeD"):
            # (SHCP's level too, where the table says it is another)
            opciones = [
                f"{x['Nivel']} ({x['ISeD']}"
                + (f"; SHCP publica {x['Nivel publicado']}" if x["Coincide"] == "no" else "")
                # (and that the source contradicts itself, where the table's nota says so)
                + (
                    ": contradicción en la fuente"
                    if (x.get("Nota") or "").startswith("contradicción en la fuente")
                    else ""
                )
                + ")"
                for x in suyas["ised"]
                if x["Año"] == anio
            ]
            cifra = valor
        else:
            continue
        cotejo((clave, "franja", etiqueta), cifra in opciones, True)


def _recuadros(seccion: str, clave: str, cum: list[dict], cotejo: Cotejo) -> None:
    """Each indicator's box: its «Meta AAAA», «Valor AAAA» and «Cumplimiento», as the row of that
    year in `cumplimiento` (the meta the cumplimiento divides by, not another one)."""
    for bloque in seccion.split("\n### ")[1:]:
        nivel, nombre = bloque.split("\n")[0].split(" · ", 1)
        datos = dict(re.findall(r"^- \*\*(.+?):\*\* (.*)$", bloque, re.M))
        filas = {
            x["Año"]: x
            for x in cum
            if x["Nivel"] == nivel and " ".join(x["Indicador"].split()) == " ".join(nombre.split())
        }
        for etiqueta, texto in datos.items():
            m = re.fullmatch(r"(Meta|Valor) (\d{4})", etiqueta)
            if not m:
                continue
            fila = filas.get(m[2])
            esperado = (fila[m[1]] or "sin dato en la spec") if fila else None
            cotejo((clave, nombre, etiqueta), texto.split(", meta modificada")[0], esperado)
        if "Cumplimiento" in datos:
            anio = next(e.split()[1] for e in datos if e.startswith("Valor "))
            cotejo(
                (clave, nombre, "Cumplimiento"), datos["Cumplimiento"], filas[anio]["Cumplimiento"]
            )


def _alertas_contra_filas(cli, specs: tuple, cotejo: Cotejo) -> None:
    """An alert's machine figures are those of the rows it rests on, to the last digit."""
    datos = {}
    for comando in ("alertas", "cumplimiento", "tendencias", "cobertura"):
        datos[comando] = json.loads(cli(comando, *specs, "-f", "json").out or "[]")
    datos["alertas"] += json.loads(cli("alertas", "--mejoras", *specs, "-f", "json").out or "[]")
    cum = {(x["ramo"], x["clave"], x["id"], x["anio"]): x for x in datos["cumplimiento"]}
    ten = {(x["ramo"], x["clave"], x["origen"], x["id"], x["anio"]): x for x in datos["tendencias"]}
    cob: dict = {}
    for x in datos["cobertura"]:
        cob.setdefault((x["ramo"], x["clave"], x["componente"], x["anio"]), x["cobertura_pct"])
    for a in datos["alertas"]:
        regla, k = a["regla"], (a["ramo"], a["clave"])
        if regla == "meta_no_alcanzada" and a["origen"] == "programa":
            fila = cum[(*k, a["id"], a["anio_hasta"])]
            for campo, suyo in (("valor_hasta", "valor"), ("meta", "meta")):
                cotejo((k, regla, campo), a[campo], fila[suyo])
            for campo in ("cumplimiento_pct", "semaforo"):
                cotejo((k, regla, campo), a[campo], fila[campo])
        elif regla in ("deterioro", "cambio_tendencia", "mejora"):
            for campo, anio in (("valor_desde", a["anio_desde"]), ("valor_hasta", a["anio_hasta"])):
                cotejo((k, regla, campo), a[campo], ten[(*k, a["origen"], a["id"], anio)]["valor"])
        elif regla == "cobertura_decreciente":
            for campo, anio in (("valor_desde", a["anio_desde"]), ("valor_hasta", a["anio_hasta"])):
                cotejo((k, regla, campo), a[campo], cob[(*k, a["id"], anio)])


def _verificar_contra_comandos(cli, specs: tuple, cotejo: Cotejo) -> None:
    """`verificar`'s calculado is the command's figure (or both say it is not computable), and
    a published category `sexenal` says it shows is the one `verificar` reads."""
    filas = json.loads(cli("verificar", *specs, "-f", "json").out or "[]")

    def de(comando: tuple, campo: str) -> dict:
        out: dict = {}
        for x in json.loads(cli(*comando, *specs, "-f", "json").out or "[]"):
            if x.get("ambito", "programa") == "programa" and not x.get("componente"):
                out[(x["clave"], x.get("id"), x["anio"], x.get("ramo"))] = x[campo]
        return out

    fuentes = {
        "meta.cumplimiento": de(("cumplimiento",), "cumplimiento_pct"),
        "poblacion.cobertura": de(("cobertura",), "cobertura_pct"),
        "presupuesto.porcentaje_ramo": de(("presupuesto",), "porcentaje_ramo"),
        "monitoreo.nivel": de(("monitoreo",), "nivel"),
        "ised.nivel": de(("monitoreo", "--indice", "ised"), "nivel"),
    }
    sexenal = {
        (x["clave"], x["id"]): x
        for x in json.loads(cli("sexenal", *specs, "-f", "json").out or "[]")
    }
    for v in filas:
        if v["tipo"] in fuentes:
            m = re.match(r"Cumplimiento (\S+) ", v["cifra"])
            ramo = re.search(r"(?:^|/)(?:ramo_)?(\d+)/", v["archivo"] or "")
            candidatos = [
                x
                for (c, i, a, r), x in fuentes[v["tipo"]].items()
                if c == v["clave"]
                and a == v["anio"]
                and (m is None or i == m[1])
                and (ramo is None or r == int(ramo[1]))
            ]
            cotejo((v["ubicacion"], v["cifra"]), v["valor_calculado"], candidatos[0])
        elif v["tipo"] == "indicador_derivado.avance_sexenal":
            ind = v["cifra"].removeprefix("Avance de meta sexenal ").split()[0]
            s = sexenal[(v["clave"], ind)]
            cotejo((v["ubicacion"], "publicado"), s["avance_sexenal_publicado"], v["publicado"])
            if s["avance_sexenal_origen"] == "publicado":
                cotejo((v["ubicacion"], "mostrado"), s["avance_sexenal"], v["publicado"])


# --- the data sets ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generadas(tmp_path_factory) -> tuple:
    carpeta = tmp_path_factory.mktemp("generadas")
    generate.generate(carpeta, programas=24, indicadores=3, anios=4, seed=31, completo=True)
    return ("--specs", str(carpeta))


@pytest.fixture(scope="module")
def importadas(tmp_path_factory) -> tuple:
    from issste_mon.cli import run

    if not SHCP.is_dir():
        pytest.skip("sin los archivos de SHCP")
    carpeta = tmp_path_factory.mktemp("importadas")
    for args in (
        ("poblaciones", SHCP / "poblaciones_2017.csv", "--ramo", "51"),
        ("ised", SHCP / "ised_2019_2020.csv", "--anio", "2020", "--ramo", "51"),
        ("avance", SHCP / "avance_indicadores_muestra.csv"),
    ):
        # (its summary, printed before any test's capture starts, would open a test's stdout)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            codigo = run(["-q", "importar", *map(str, args), "--salida", str(carpeta)])
        assert codigo in (0, 1)
    return ("--specs", str(carpeta))


CONJUNTOS = ["incluidas", "generadas", "importadas"]


def _specs(request, nombre: str) -> tuple:
    return () if nombre == "incluidas" else request.getfixturevalue(nombre)


@pytest.mark.parametrize("conjunto", CONJUNTOS)
def test_the_ficha_prints_the_commands_figures(cli, request, conjunto):
    """Every figure of every ficha — strip, boxes, tables — is the one the commands print."""
    cotejo = Cotejo()
    fichas = _ficha_contra_comandos(cli, _specs(request, conjunto), cotejo)
    assert fichas and cotejo.n >= 10 * fichas, (fichas, cotejo.n)
    assert not cotejo.diferencias, cotejo.diferencias[:10]


@pytest.mark.parametrize("conjunto", CONJUNTOS)
def test_alerts_carry_the_figures_of_their_rows(cli, request, conjunto):
    cotejo = Cotejo()
    _alertas_contra_filas(cli, _specs(request, conjunto), cotejo)
    assert not cotejo.diferencias, cotejo.diferencias[:10]


@pytest.mark.parametrize("conjunto", CONJUNTOS)
def test_verificar_calculates_what_the_commands_print(cli, request, conjunto):
    cotejo = Cotejo()
    _verificar_contra_comandos(cli, _specs(request, conjunto), cotejo)
    assert cotejo.n, "nada que comparar"
    assert not cotejo.diferencias, cotejo.diferencias[:10]


# --- what the sweep found ---------------------------------------------------------------------

MODIFICADA = """\
ramo: 51
clave: X001
nombre: Meta modificada
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador uno
    sentido: ascendente
    metas:
      2021: {meta: ND, meta_modificada: 9, valor: 9}
      2022: {meta: 100, meta_modificada: 95, valor: 88}
      2023: {valor: 90}
"""


def test_the_box_meta_is_the_one_the_cumplimiento_divides_by(cli, tmp_path):
    """The box showed the spec's `meta`: «Meta 2022: 100», beside «Cumplimiento: 92.63 %»
    (88 / 95) and a table whose Meta 2022 is 95; cut at 2021, «ND» where the table has 9."""
    (tmp_path / "X001.yaml").write_text(MODIFICADA, encoding="utf-8")
    specs = ("--specs", str(tmp_path))
    for corte, meta, esperado in (
        ((), "Meta 2022", "95, meta modificada (la original: 100)"),
        (("--anio", "2021"), "Meta 2021", "9, meta modificada (la original: ND)"),
    ):
        ficha = cli("-q", "ficha", "X001", *specs, *corte).out
        caja = dict(re.findall(r"^- \*\*(.+?):\*\* (.*)$", ficha, re.M))
        assert caja[meta] == esperado, caja
    cotejo = Cotejo()
    _ficha_contra_comandos(cli, specs, cotejo)
    assert not cotejo.diferencias, cotejo.diferencias


CONSTANTE = """\
tipo: programa_derivado
clave: PD-X
nombre: Programa derivado de prueba
periodo: {inicio: 2020, fin: 2024}
corte_publicado: 2021
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Gestión
    indicadores:
      - id: "1.1"
        nombre: Indicador constante
        tipo: Parámetro
        sentido: constante
        publicado: {avance_sexenal: Avanzado}
      - id: "1.2"
        nombre: Otro constante
        tipo: Parámetro
        sentido: constante
        publicado: {avance_sexenal: Sentido constante}
"""


def test_a_constant_indicators_category_is_published_only_if_the_document_prints_it(cli, tmp_path):
    """Published «Avanzado», `sexenal` showed «Sentido constante» with origen «publicado», and
    `verificar` said the document prints «Avanzado»: now the label is the rule's (calculado)
    and the nota names the published category."""
    (tmp_path / "PD-X.yaml").write_text(CONSTANTE, encoding="utf-8")
    specs = ("--specs", str(tmp_path))
    filas = {r["id"]: r for r in json.loads(cli("sexenal", *specs, "-f", "json").out)}
    assert filas["1.1"]["avance_sexenal"] == "Sentido constante"
    assert filas["1.1"]["avance_sexenal_origen"] == "calculado"
    assert "avance sexenal publicado: Avanzado" in filas["1.1"]["nota"]
    assert filas["1.2"]["avance_sexenal_origen"] == "publicado"  # (the document's own label)
    cotejo = Cotejo()
    _verificar_contra_comandos(cli, specs, cotejo)
    assert cotejo.n == 3 and not cotejo.diferencias, cotejo.diferencias


COBERTURA = """\
ramo: 51
clave: X003
nombre: Cobertura que baja
poblaciones:
  2021: {unidad_medida: Personas, objetivo: 3, atendida: 2}
  2022: {unidad_medida: Personas, objetivo: 7, atendida: 1}
"""


def test_a_falling_coverage_alert_carries_cobertura_s_figures(cli, tmp_path):
    """`alertas -f json` gave 66.66666666666667 and 14.285714285714286 (the double's digits)
    where `cobertura -f json` gives 66.6666666667 and 14.2857142857."""
    (tmp_path / "X003.yaml").write_text(COBERTURA, encoding="utf-8")
    specs = ("--specs", str(tmp_path))
    [alerta] = json.loads(cli("alertas", *specs, "-f", "json").out)
    assert (alerta["valor_desde"], alerta["valor_hasta"]) == (66.6666666667, 14.2857142857)
    assert "al pasar de 66.67 % a 14.29 %" in alerta["enunciado"]
    cotejo = Cotejo()
    _alertas_contra_filas(cli, specs, cotejo)
    assert cotejo.n == 2 and not cotejo.diferencias, cotejo.diferencias


def _dependencias(sitio: Path) -> list[tuple[str, dict, dict]]:
    """Each dependency page: (name, its header pairs, its table's InMonitoreo row by column)."""
    out = []
    for pagina in sorted(sitio.glob("dependencia-*.html")):
        texto = pagina.read_text(encoding="utf-8").replace("\xa0", " ")
        cabeza = texto.split("</header>")[0]
        pares = dict(
            zip(
                map(html.unescape, re.findall(r"<dt>(.*?)</dt>", cabeza)),
                map(html.unescape, re.findall(r"<dd[^>]*>(.*?)</dd>", cabeza)),
                strict=True,
            )
        )
        tabla = texto.split('<section id="monitoreo">')[1].split("</section>")[0]
        titulos = [html.unescape(t) for t in re.findall(r"<th[^>]*>(.*?)</th>", tabla)]
        filas = [
            [
                html.unescape(re.sub(r"<[^>]+>", "", c).strip())
                for c in re.findall(r"<td[^>]*>(.*?)</td>", f, re.S)
            ]
            for f in re.findall(r"<tr>(.*?)</tr>", tabla, re.S)
        ]
        inmon = next(
            (dict(zip(titulos, f, strict=False)) for f in filas if f and f[0] == "InMonitoreo"), {}
        )
        out.append((pagina.name, pares, inmon))
    return out


def test_a_dependency_page_says_which_inmonitoreo_is_published(cli, generadas, tmp_path):
    """«InMonitoreo 2024: 0.514» headed the page whose «Nivel de monitoreo (recalculado)» table
    gives 0.850 (the spec's figure is the document's): the header now says «publicado»; a figure
    the header gives unlabelled is the table's."""
    assert cli("-q", "ficha", "--todas", *generadas, "--salida", str(tmp_path / "s")).code == 0
    paginas = _dependencias(tmp_path / "s")
    distintas = 0
    for nombre, pares, inmon in paginas:
        for etiqueta, valor in pares.items():
            if etiqueta.startswith(("InMonitoreo", "Lugar")) and "publicado" not in etiqueta:
                columna = "Valoración" if etiqueta.startswith("InMonitoreo") else "Lugar"
                assert valor.split(" dependencias")[0] == inmon.get(columna), (nombre, etiqueta)
        publicado = next((v for k, v in pares.items() if k.startswith("InMonitoreo (")), None)
        distintas += publicado is not None and publicado != inmon.get("Valoración")
    assert distintas  # (the generated set's published figures are not the recalculated ones)


@pytest.mark.parametrize("conjunto", CONJUNTOS[:2])
def test_a_statement_reads_the_same_in_verificar_and_resumen(cli, request, conjunto):
    """«el 60% de los objetivos»: `resumen --enunciados` said publicado «60%», calculado «60%»;
    `verificar` restyled the published one «60 %» beside its own calculado «60%»."""
    specs = _specs(request, conjunto)
    resumen = {
        (e["ambito"], e["id"]): e
        for e in json.loads(cli("resumen", "--enunciados", *specs, "-f", "json").out)
    }
    cotejo = Cotejo()
    for v in json.loads(cli("verificar", *specs, "-f", "json").out):
        if v["tipo"] == "enunciado.publicado":
            e = resumen[(v["clave"], re.search(r"«(.+?)»", v["cifra"])[1])]
            for campo in ("publicado", "calculado", "veredicto"):
                cotejo((v["cifra"], campo), v[campo], e[campo])
    assert cotejo.n >= 3 * 50 and not cotejo.diferencias, (cotejo.n, cotejo.diferencias)


_TERMINAL = [
    ("cobertura",),
    ("cumplimiento",),
    ("presupuesto",),
    ("monitoreo",),
    ("calidad", "--distribucion"),
    ("resumen",),
    ("tendencias",),
    ("alertas",),
    ("verificar",),
]
# long texts a terminal shortens in the middle («Servicios…Velatorios»): not figures
_TEXTOS = {"nota", "indicador", "enunciado", "explicacion", "motivo", "metodologia", "fuente"}
_TEXTOS |= {
    "componente",
    "unidad_medida",
    "publicado_texto",
    "ubicacion",
    "cifra",
    "archivo",
    "campo",
}
_TEXTOS |= {"texto", "elementos", "programas", "indicadores", "calculado", "publicado", "nombre"}


@pytest.mark.parametrize("conjunto", ["incluidas", "importadas"])
def test_the_terminal_table_shows_the_markdown_cells(cli, request, monkeypatch, conjunto):
    """The rich table (wide, TERM=dumb) shows each figure, rango and nivel as Markdown does."""
    monkeypatch.setenv("COLUMNS", "1000")  # (whole: a table that fits is framed)
    monkeypatch.setenv("TERM", "dumb")
    specs = _specs(request, conjunto)
    cotejo = Cotejo()
    for args in _TERMINAL:
        if cli(*args, *specs, "-q", "-f", "csv").code != 0:  # (no rows of it in the set)
            continue
        esquema = cli(*args, *specs, "--esquema-salida")
        campos = [
            f["name"]
            for f in json.loads(esquema.out)["fields"]
            if f["name"] not in _TEXTOS and not f["name"].endswith("_estado")
        ]
        columnas = ",".join(c for c in campos if cli(*args, *specs, "-f", "csv", "-c", c).code < 2)
        tabla = cli(*args, *specs, "-f", "tabla", "-c", columnas).out
        lineas = [x for x in tabla.splitlines() if x[:1] in ("│", "┃")]
        filas = [[c.strip() for c in re.split("[│┃]", x)[1:-1]] for x in lineas]
        cabeza, md = _tablas(cli(*args, *specs, "-f", "markdown", "-c", columnas).out)[0]
        cotejo((args, "filas"), len(filas), len(md) + 1)
        for fila, celdas in zip(filas[1:], md, strict=False):
            for titulo, a, b in zip(cabeza, fila, celdas, strict=True):
                cotejo((args, titulo), a, b)
    assert cotejo.n > 500 and not cotejo.diferencias, (cotejo.n, cotejo.diferencias[:10])


def test_verificar_names_a_program_as_the_other_tables_do(cli, generadas):
    """In a set of several ramos every table reads «4-E827» (E827 is a program of ramos 4 and
    12); `verificar` read «E827» for both, in the same column its rows of each ramo share."""
    claves = set()
    for comando in ("cumplimiento", "cobertura"):
        claves |= {f["_clave"] for f in _filas(cli, (comando, *generadas))}
        cabeza, filas = _tablas(cli(comando, *generadas, "-f", "markdown").out)[0]
        mostradas = {f[cabeza.index("Clave")] for f in filas}
        assert mostradas <= claves, mostradas - claves  # (people read «ramo-clave» there)
    datos = json.loads(cli("verificar", *generadas, "-f", "json").out)
    cabeza, filas = _tablas(cli("verificar", *generadas, "-f", "markdown").out)[0]
    de_programa = [
        f[cabeza.index("Clave")]
        for f, d in zip(filas, datos, strict=True)
        if d["tipo"].startswith(("meta.", "poblacion."))
    ]
    assert de_programa and set(de_programa) <= claves, set(de_programa) - claves


def test_a_published_rank_beside_another_inmonitoreo_says_whose_it_is(cli, generadas):
    """`monitoreo` put the Diagnóstico's «22 de 28» (the rank of its 0.514) beside the
    recalculated 0.850, saying nothing; `verificar` says the two values differ."""
    inmon = {
        (r["clave"], r["anio"]): r
        for r in json.loads(cli("monitoreo", *generadas, "-f", "json").out)
        if r["ambito"] == "InMonitoreo"
    }
    distintas = 0
    for v in json.loads(cli("verificar", *generadas, "-f", "json").out):
        if v["tipo"] != "dependencia.monitoreo.inmonitoreo":
            continue
        fila = inmon[(v["clave"], v["anio"])]
        dice = f"lugar publicado: el de la valoración publicada, {v['publicado']}"
        assert (dice in (fila["nota"] or "")) == (
            fila["lugar"] is not None and v["calculado"] not in (None, v["publicado"])
        ), (v["clave"], fila["nota"])
        distintas += dice in (fila["nota"] or "")
    assert distintas
