"""The tool in a person's terminal: tables that fit, Spanish usage errors, -q, --columnas."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios

import pytest

from issste_mon.salida.anchos import acortar, ajustar
from issste_mon.salida.tabla import Columna

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ACEPTACION = [
    ["cobertura", "E045"],
    ["cumplimiento", "--anio", "2023"],
    ["verificar"],
    ["programas"],
    ["monitoreo"],
]


def en_terminal(
    args: list[str], columnas: int = 80, term: str = "xterm-256color", codificacion: str = "utf-8"
) -> str:
    """Run the installed entry point in a pseudo-terminal of `columnas` × 24: what it shows."""
    return ANSI.sub("", en_terminal_crudo(args, columnas, term, codificacion))


def en_terminal_crudo(
    args: list[str], columnas: int = 80, term: str = "xterm-256color", codificacion: str = "utf-8"
) -> str:
    """`en_terminal`, escape sequences and all: what the terminal receives."""
    maestro, esclavo = os.openpty()
    fcntl.ioctl(esclavo, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columnas, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM=term, COLUMNS=str(columnas))
    proc = subprocess.Popen(
        [sys.executable, "-m", "issste_mon", *args],
        stdin=subprocess.DEVNULL,
        stdout=esclavo,
        stderr=esclavo,
        env=env,
    )
    os.close(esclavo)
    partes = []
    while True:
        try:
            data = os.read(maestro, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        partes.append(data)
    proc.wait(timeout=60)
    os.close(maestro)
    return b"".join(partes).decode(codificacion).replace("\r\n", "\n")


def registros(salida: str) -> list[dict[str, str]] | None:
    """The rows of a table printed as records (`terminal._registros`), each {title: text} in the
    order printed, a wrapped text joined again; None when the output is a table (one rule,
    under its header; records have two, under the title and after the last record)."""
    lineas = salida.splitlines()
    rayas = [i for i, x in enumerate(lineas) if x.strip() and set(x.strip()) <= {"─", "-"}]
    if len(rayas) < 2 or not all(len(lineas[i].strip()) > 1 for i in rayas[:2]):
        return None
    out: list[dict[str, str]] = []
    campo = None
    for linea in [*lineas[rayas[0] + 1 : rayas[1]], ""]:
        if not linea.strip():
            campo = None
            continue
        if campo is None:  # a record's first field
            out.append({})
        if linea.startswith("  ") and campo is not None:
            out[-1][campo] = f"{out[-1][campo]} {linea.strip()}".strip()
            continue
        campo, _, valor = linea.partition(":")
        out[-1][campo] = valor.strip()
    return out


@pytest.mark.parametrize("args", ACEPTACION, ids=lambda a: " ".join(a))
def test_acceptance_commands_fit_80_columns_and_dumb_terminals_see_the_same(args):
    color = en_terminal(args)
    assert color.strip() and max(len(line) for line in color.splitlines()) <= 80, color
    dumb = en_terminal(args, term="dumb")
    assert dumb == color.replace("┏", "┏")  # the same text: same columns, same widths


def test_wide_dumb_terminal_uses_its_width():
    salida = en_terminal(["cumplimiento", "--anio", "2023"], columnas=200, term="dumb")
    assert "Semáforo" in salida and "Sentido" in salida  # rich alone would assume 80 columns


def test_wide_terminal_shows_long_names_whole(cli, monkeypatch):
    """The README: «en una terminal de 80 columnas los nombres largos se acortan por en medio;
    con más ancho se ven enteros». A name held at its column's width (48) was cut on any
    terminal: «Servicios Deportivos, Cu…Turísticos y Funerarios» with 300 columns."""
    nombre = "Servicios Deportivos, Culturales, Turísticos y Funerarios"
    monkeypatch.setenv("COLUMNS", "300")
    ancha = cli("programas", "-f", "tabla").out
    assert nombre in ancha
    r = cli("cumplimiento", "-f", "tabla")
    assert "Porcentaje de pacientes con diabetes controlada" in r.out
    assert max(map(len, r.out.splitlines())) <= 300
    monkeypatch.setenv("COLUMNS", "80")
    angosta = cli("programas", "-f", "tabla").out
    assert nombre not in angosta and "Servicios Deporti…y Funerarios" in angosta
    assert max(map(len, angosta.splitlines())) <= 80


def test_layout_gives_the_room_left_to_held_columns_and_no_more():
    cols = [Columna("clave", "Clave"), Columna("nombre", "Nombre", ancho=10)]
    cells = [["E045", "Prestaciones sociales"], ["E046", "Equidad"]]
    assert ajustar(cols, cells, 200).anchos[1] == len("Prestaciones sociales")
    assert ajustar(cols, cells, 30).anchos[1] == 30 - 3 * 2 - 1 - 5
    assert ajustar(cols, cells, 80).marco


@pytest.mark.parametrize(
    ("args", "columnas"),
    [
        (["resumen"], 80),  # (narrower, its rows are records: nothing is left out)
        (["resumen", "--enunciados"], 280),  # (narrower, records: a publicado is 131 long)
        (["cumplimiento"], 60),
        (["calidad"], 60),
        (["monitoreo"], 60),
    ],
    ids=lambda a: a if isinstance(a, int) else " ".join(a),
)
def test_the_example_under_a_narrow_table_runs(cli, monkeypatch, args, columnas):
    """«elija las columnas con --columnas (p. ej. --columnas clave,publicado)» under resumen,
    a table without «clave», was an error (código 2) when a person typed it."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli(*args, "-f", "tabla")
    ejemplo = re.search(r"\(p\. ej\. --columnas ([\w,]+)\)", " ".join(r.out.split()))
    assert ejemplo, r.out
    pedido = cli(*args, "-f", "csv", "--columnas", ejemplo.group(1))
    assert pedido.code in (0, 1), pedido.err
    assert pedido.out.splitlines()[0] == ejemplo.group(1)


def test_every_row_is_one_line_and_left_out_columns_are_named(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("cumplimiento", "--anio", "2023", "-f", "tabla")
    lineas = r.out.splitlines()
    assert max(map(len, lineas)) <= 80
    filas = [line for line in lineas if line.startswith("E04")]
    assert len(filas) == 4  # one line per indicator, no wrapped cells
    assert "Omitidas por el ancho de la terminal:" in r.out and "-f csv" in r.out
    assert "Nota (nota)" in r.out and "--columnas" in r.out
    # the Semáforo, blank in every row, is said apart: not the width's doing
    assert "Sin datos en ninguna fila: Semáforo (semaforo: sin umbrales en la spec" in r.out


def test_columnas_chooses_and_orders_columns(cli, monkeypatch):
    r = cli("cumplimiento", "--anio", "2023", "-f", "csv", "--columnas", "clave,Semáforo,id")
    assert r.out.splitlines()[0] == "clave,semaforo,id"
    r = cli("cobertura", "E045", "-f", "csv", "-c", "componente,nada")
    assert r.code == 2 and "columna desconocida «nada»" in r.err and "unidad_medida" in r.err


def test_funeral_components_stay_distinguishable():
    nombres = [
        "Servicios Funerarios, Culturales, Deportivos, Recreativos",
        "Servicios Funerarios, Culturales, Deportivos, Recreativos (2)",
        "Servicios Funerarios en Velatorios",
    ]
    cortos = [acortar(n, 24) for n in nombres]
    assert len(set(cortos)) == 3 and all(len(c) <= 24 for c in cortos)
    assert acortar(nombres[2], 40) == nombres[2]  # fits: untouched
    assert acortar("Servicios Funerarios en Velatorios del ISSSTE", 31) == (
        "Servicios Funerarios…del ISSSTE"
    )
    assert acortar("specs/E045.yaml:22", 10, final=True) == "…5.yaml:22"


def test_layout_keeps_numbers_whole_and_drops_least_needed_first():
    cols = [
        Columna("clave", "Clave"),
        Columna("anio", "Año"),
        Columna("nombre", "Nombre"),
        Columna("semaforo", "Semáforo"),
        Columna("monto", "Monto (MDP)", "monto"),
    ]
    cells = [["E045", "2017", "Prestaciones sociales " * 4, "", "2,712.44"]]
    plan = ajustar(cols, cells, 40)
    assert 3 in plan.omitidas  # the empty column went first
    assert plan.anchos[4] >= len("2,712.44") and plan.anchos[0] == 5
    assert sum(plan.anchos.values()) + 2 * (len(plan.anchos) - 1) <= 40


@pytest.mark.parametrize(
    ("args", "fragmento"),
    [
        (["cumplimiento", "--anyo", "2023"], "opción desconocida «--anyo»; ¿quiso decir --anio?"),
        (["cumplimiento", "-f", "excel"], "valor no válido «excel» para -f/--formato"),
        (["cobertura", "--anio", "dos mil"], "se esperaba un año entre 1900 y 2200"),
        (["cobertura", "--anio"], "la opción --anio necesita un valor"),
        (["cobertura", "--anio=2023", "--anio"], "la opción --anio necesita un valor"),
        (["cobertura", "--bom=yes"], "la opción --bom no admite un valor"),
        (["cobertura", "--quiet=1"], "la opción --quiet no admite un valor"),
        (["cobertura", "--sin-cache=x"], "la opción --sin-cache no admite un valor"),
        (["cobertura", "--esquema-salida=1", "--anio"], "--esquema-salida no admite un valor"),
        (["--debug=1", "cobertura"], "la opción --debug no admite un valor"),
        (["-q=1", "cobertura"], "la opción -q no admite un valor"),
        (["cobertura", "-q=1"], "la opción -q no admite un valor"),
        (
            ["cobertura", "-f=csv"],
            "valor no válido «=csv» para -f/--formato: una opción corta lleva su valor sin «=» "
            "(-f csv o -fcsv)",
        ),
        (
            ["cobertura", "-y=2020"],
            "«=2020» para -y/--anio/--year: una opción corta lleva su valor sin «=»",
        ),
        (["cobertura", "-q=1", "-y", "20x"], "la opción -q no admite un valor"),
        (["cobertura", "--salid", "x"], "opción desconocida «--salid»; ¿quiso decir --salida?\n"),
        (["cobertura", "--columa", "x"], "«--columa»; ¿quiso decir --columnas?\n"),
        (["cumplimiento", "--nive", "Fin"], "«--nive»; ¿quiso decir --nivel?\n"),
        (["cobertura", "--a", "1"], "«--a»; ¿quiso decir --anio o --year?\n"),
        (["cumplimeinto"], "comando desconocido «cumplimeinto»; ¿quiso decir cumplimiento?"),
        (["importar", "ised"], "falta el argumento ARCHIVO"),
        (["programas", "E045"], "argumento de más: «E045»"),
        (
            ["validar", "-f", "xlsx"],
            "«xlsx» para -f/--formato; se esperaba uno de: tabla, csv, csv-excel, tsv, json, "
            "jsonl, markdown\n",
        ),
        (["completado", "bash", "zsh"], "argumento de más: «zsh»"),
    ],
)
def test_usage_errors_are_spanish(cli, args, fragmento):
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("error: ") and fragmento in r.err
    assert "--help» para la ayuda." in r.err
    for ingles in ("Usage", "Try", "Error:", "Invalid", "No such", "Missing", "Got unexpected"):
        assert ingles not in r.err


def test_help_is_spanish(cli):
    r = cli("cumplimiento", "--help")
    assert r.code == 0 and r.out.startswith("Uso: issste-mon cumplimiento [OPCIONES] [CLAVE]...")
    assert "Argumentos:" in r.out and "Opciones:" in r.out
    assert "-y, --anio, --year AÑO" in r.out and "Muestra esta ayuda y termina." in r.out
    r = cli("--help")
    assert "Comandos:" in r.out and "cumplimiento" in r.out
    r = cli()
    assert r.code == 2 and r.err.startswith("Uso: issste-mon [OPCIONES] COMANDO")


def test_year_option_everywhere_and_format_case_insensitive(cli):
    assert (
        cli("cumplimiento", "--year", "2023", "-f", "CSV").out
        == cli("cumplimiento", "--anio", "2023", "-f", "csv").out
    )
    for command in ("cobertura", "presupuesto", "monitoreo", "verificar", "ficha"):
        assert "--anio" in cli(command, "--help").out


def test_quiet_silences_summaries_not_errors(cli):
    r = cli("cumplimiento", "--anio", "2023", "-f", "csv")
    assert "Promedio de cumplimiento" in r.err
    assert cli("cumplimiento", "--anio", "2023", "-f", "csv", "-q").err == ""
    assert cli("-q", "cumplimiento", "--anio", "2023", "-f", "csv").err == ""
    r = cli("-q", "cobertura", "E999")
    assert r.code == 1 and r.err.startswith("error: ")


def test_help_does_not_import_typer_rich_help():
    code = (
        "import sys; from issste_mon.cli import run; run(['cobertura', '--help']); "
        "print('typer.rich_utils' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stderr.strip().endswith("False")


def test_validar_quiet_keeps_errors(cli, tmp_path):
    from issste_mon.carga.loader import bundled_specs_dir

    assert cli("validar", "-q").err == ""
    spec = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    (tmp_path / "E045.yaml").write_text(spec.replace("Propósito", "Finn", 1), encoding="utf-8")
    r = cli("validar", "-q", str(tmp_path / "E045.yaml"))
    assert r.code == 2 and 'valor desconocido "Finn" para nivel' in r.err


def test_validar_help_lists_the_formats_it_writes(cli):
    ayuda = cli("validar", "--help").out
    assert "[tabla|csv|csv-excel|tsv|json|jsonl|markdown]" in ayuda and "xlsx" not in ayuda
    for formato in ("tabla", "csv", "csv-excel", "tsv", "json", "jsonl", "markdown"):
        assert cli("validar", "-f", formato).code == 0


def test_programas_names_the_ramo_of_a_clave_in_several(cli, monkeypatch, tmp_path):
    """M001 is a program of ramos 2, 4, 5…: at 80 columns the «Ramo» column goes first, and
    two rows read «M001» alike; the clave says its ramo («2-M001»), as in the other tables."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    for ramo in ("51", "12"):
        (tmp_path / ramo).mkdir()
        (tmp_path / ramo / "E045.yaml").write_text(
            texto.replace("\nramo: 51\n", f"\nramo: {ramo}\n", 1), encoding="utf-8"
        )
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("programas", "--specs", str(tmp_path), "-f", "tabla")
    assert r.code == 0, r.err
    filas = [line.split()[0] for line in r.out.splitlines() if "E045" in line]
    assert sorted(filas) == ["12-E045", "51-E045"]
    r = cli("programas", "--specs", str(tmp_path), "-f", "csv")
    assert [line.split(",")[:2] for line in r.out.splitlines()[1:]] == [
        ["E045", "12"],
        ["E045", "51"],
    ]


def test_a_verdict_column_is_never_cut():
    """`resumen --enunciados` at 80 columns cut its answer to «por cons…ción». (At 80 its
    rows are now records, each verdict whole on its line; the table — with each publicado
    whole, the longest 131 characters —, at 280.)"""
    bloques = registros(en_terminal(["resumen", "--enunciados"]))
    assert bloques and all("…" not in b["Coincide"] for b in bloques)
    assert sum(b["Coincide"] == "por construcción" for b in bloques) >= 10
    texto = en_terminal(["resumen", "--enunciados"], columnas=280)
    assert registros(texto) is None
    lineas = texto.splitlines()
    raya = next(i for i, x in enumerate(lineas) if x.startswith("─"))
    filas = lineas[raya + 1 : lineas.index("", raya) if "" in lineas[raya:] else None]
    assert filas and all("…ción" not in x for x in filas)
    assert sum(x.rstrip().endswith("por construcción") for x in filas) >= 10


def test_terminal_that_cannot_show_accents_sees_them_escaped(monkeypatch):
    """A terminal whose encoding has no «ó» (PYTHONIOENCODING=ascii) got a traceback instead of
    the table; now each character it cannot show is escaped, as Python does on stderr."""
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    salida = en_terminal(["programas"])
    assert "Traceback" not in salida
    assert "Atenci\\xf3n a la Salud" in salida


@pytest.mark.parametrize("codificacion", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", [["cobertura"], ["programas"], ["cumplimiento"]], ids=" ".join)
def test_a_terminal_without_utf8_sees_every_row_in_its_columns(monkeypatch, codificacion, args):
    """Under an encoding without «…», «—» or «ñ» (a latin-1 locale, PYTHONIOENCODING=ascii) the
    stream escaped them after the layout had counted one cell each: «\\u2026» took six, and each
    row with one slid out of its columns; ⚠ read «\\u26a0»."""
    monkeypatch.setenv("PYTHONIOENCODING", codificacion)
    salida = en_terminal(args, codificacion=codificacion).replace("\r", "")
    assert "Traceback" not in salida and "\\u2026" not in salida and "\\u2014" not in salida
    lineas = salida.splitlines()
    raya = next(i for i, x in enumerate(lineas) if x and set(x) == {"-"})
    cuerpo = lineas[raya + 1 :]
    filas = cuerpo[: next((i for i, x in enumerate(cuerpo) if not x.startswith("E0")), None)]
    assert filas and {len(x) for x in filas} == {len(lineas[raya])}, salida


@pytest.mark.parametrize("columnas", ["1", "5", "10"])
def test_a_terminal_too_narrow_for_any_column_says_so_without_a_traceback(
    cli, monkeypatch, columnas
):
    """resumen (a table without «clave») in 10 columns or fewer: not one column fit, and the
    example of the «Omitidas» line took min() of no columns — a ValueError traceback."""
    monkeypatch.setenv("COLUMNS", columnas)
    r = cli("resumen", "-f", "tabla")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    # (as records: not one column fits, so no table can show a row whole) every row's count
    texto = "".join(r.out.split())  # wrapped at any character
    filas = cli("resumen", "-f", "json").out.count('"conteo"')
    assert filas > 5 and texto.count("n(%):") == filas, r.out


def _omitidas(salida: str) -> str:
    return " ".join(salida.partition("Omitidas por el ancho de la terminal:")[2].split())


@pytest.mark.parametrize(
    ("args", "respuesta"),
    [
        (["presupuesto"], "% del ramo (porcentaje_ramo)"),
        (["calidad"], "Calidad (calidad)"),
        (["alertas"], "Regla (regla)"),
    ],
    ids=lambda a: a if isinstance(a, str) else " ".join(a),
)
def test_the_figure_a_command_answers_outlasts_names_and_inputs(cli, monkeypatch, args, respuesta):
    """At 40 columns presupuesto kept «Ejercido del ramo» and left out «% del ramo», calidad
    kept tipo and enfoque and left out the category, alertas kept the indicator's name and left
    out the alert."""
    monkeypatch.setenv("COLUMNS", "40")
    r = cli(*args, "-f", "tabla")
    assert r.code == 0, r.err
    bloques = registros(r.out)
    if bloques is not None:  # (alertas: its rows as records, each with its rule)
        assert all(respuesta.partition(" (")[0] in b for b in bloques), r.out
        return
    omitidas = _omitidas(r.out)
    assert omitidas  # (the width does leave columns out)
    assert respuesta not in omitidas


@pytest.mark.parametrize(
    ("args", "columnas"),
    [
        (["sexenal"], 60),
        (["sexenal"], 40),
        (["calidad"], 40),
        (["cumplimiento"], 40),
        (["tendencias"], 60),
        (["tendencias"], 40),
        (["alertas"], 60),
        (["alertas"], 40),
    ],
    ids=lambda a: a if isinstance(a, int) else " ".join(a),
)
def test_an_indicator_left_out_is_still_named_by_its_id(cli, monkeypatch, args, columnas):
    """sexenal at 60 columns showed A, E and the two categories with nothing to say whose they
    were (name and id both left out); cumplimiento at 40 showed «E045 2017» twice. The id (2,
    3 characters) stands in for the name, before a less needed figure (tendencias at 60 showed
    «PI-ISSSTE-2020-2024 2022» four times, each with a figure of no one)."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli(*args, "-f", "tabla")
    import json

    ids = [fila["id"] for fila in json.loads(cli(*args, "-f", "json").out)]
    bloques = registros(r.out)
    if bloques is not None:  # too narrow for a table that shows each row whole: records
        assert [b["Id"] for b in bloques] == ids, r.out
        return
    assert "Indicador (indicador)" in _omitidas(r.out)
    assert "Id (id)" not in _omitidas(r.out)
    lineas = r.out.splitlines()
    cabecera = next(i for i, x in enumerate(lineas) if x.startswith("─"))
    filas = lineas[cabecera + 1 : cabecera + 1 + len(ids)]
    assert ids and all(id_ in fila.split() for id_, fila in zip(ids, filas, strict=True)), r.out


@pytest.mark.parametrize("columnas", [40, 45, 55])
@pytest.mark.parametrize("args", [["sexenal"], ["calidad"], ["cumplimiento"]], ids=" ".join)
def test_a_summary_wrapped_never_splits_a_figure_from_its_share(cli, monkeypatch, args, columnas):
    """At 40 columns sexenal's summary read «No alcanzada 4» on one line and «(27%)» on the
    next; «113.08» and «%» could part the same way."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", *args, "-f", "tabla")
    lineas = r.out.splitlines()
    assert all(len(x) <= columnas for x in lineas if " " in x.strip())
    partidas = [x for x in lineas if re.match(r"\s*(\(\d[\d.,]*\s?%\)|%)", x)]
    assert partidas == [], r.out


@pytest.mark.parametrize("codificacion", ["utf-8", "ascii"])
def test_columns_that_cannot_fit_are_shortened_by_the_layout_not_past_the_edge(
    monkeypatch, codificacion
):
    """verificar in 40 columns: the shortest widths of clave and veredicto do not fit; rich cut
    the clave «PI-ISSSTE-2020…» and, on a terminal without UTF-8, its «…» came out as
    «\\u2026», each row ten cells past the edge. The layout then shortened the widest itself;
    now such rows are records, whose every line is wrapped within the width."""
    monkeypatch.setenv("PYTHONIOENCODING", codificacion)
    salida = en_terminal(["-q", "verificar"], columnas=40, codificacion=codificacion)
    lineas = [x.rstrip("\r") for x in salida.splitlines()]
    assert max(map(len, lineas)) <= 40, salida
    assert "\\u2026" not in salida and "\\u2500" not in salida  # (nor its rules' «─»)
    assert "Clave: PI-ISSSTE-2020-2024" in lineas
    # a table that cannot show every column keeps the old shortening (acortar, not rich)
    angosta = en_terminal(
        ["-q", "verificar", "-c", "ubicacion,nota"], columnas=30, codificacion=codificacion
    )
    assert max(map(len, angosta.splitlines())) <= 30 and "\\u2026" not in angosta


@pytest.mark.parametrize(
    ("term", "codificacion"), [("xterm-256color", "utf-8"), ("dumb", "utf-8"), ("dumb", "ascii")]
)
def test_at_80_columns_each_mark_says_its_reason_without_the_nota(monkeypatch, term, codificacion):
    """In a real terminal of 80 columns the Nota is left out: the ⚠ and the «—» of
    `cumplimiento --anio 2023` say, row by row, what the nota would have (also where «—» and
    «⚠» are shown as «-» and «!»)."""
    monkeypatch.setenv("PYTHONIOENCODING", codificacion)
    salida = " ".join(
        en_terminal(["cumplimiento", "--anio", "2023"], 80, term, codificacion).split()
    )
    assert "Nota (nota)" in salida  # (left out)
    assert "E044 2023 P1: descansa en sentido descendente inferido (no impreso)" in salida
    assert "E043 2023 P1: sin meta ni valor en la spec (publicado: 104.5%)." in salida
    assert "E049 2023 P1: sin meta en la spec (publicado: 117%)." in salida
