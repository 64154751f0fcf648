"""The library (`issste_mon` outside `cli/`) says what it says to whoever calls it: a Python
caller (`import issste_mon`) has no `-f csv`, no `--columnas`, no `issste-mon sexenal`. Its
texts name data (a column, an argument); the command line adds its own options where it
renders them."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "issste_mon"
REPO = PKG.parent

# --- the guard: no string literal of the library names a command-line option or command ------


def _comandos() -> list[str]:
    """The command line's commands, from its own parser (a new command is guarded too)."""
    import typer.main

    from issste_mon.cli import app

    return sorted(typer.main.get_command(app).commands)


def _patron() -> re.Pattern:
    comandos = "|".join(map(re.escape, _comandos()))
    return re.compile(
        r"(?<![\w-])--[a-z][a-z0-9-]*"  # --columnas, --reemplazar
        r"|(?<![\w-])-[a-zA-Z](?= [a-z0-9]|[,)\]]|$)"  # -f csv, -q, (-f)
        rf"|issste-mon (?:{comandos})\b"  # issste-mon verificar
    )


# Each legitimate one: (file under issste_mon/, what it names) → why it may.
PERMITIDOS = {
    ("carga/esquema_json.py", "issste-mon validar"): (
        "the JSON Schema of the spec format is a document for editors of spec files "
        "(`issste-mon esquema` writes it): it names the command that reports the keys it admits"
    ),
    ("carga/esquema_json.py", "--estricto"): "the same description: `validar --estricto`",
    ("carga/loader.py", "-t"): (
        "iconv's option (`iconv -f latin1 -t utf-8`), a shell tool's, in how to convert a "
        "file that is not UTF-8: no option of this command line"
    ),
    ("importar/escritura.py", "issste-mon importar"): (
        "the provenance header the importer writes INTO a new spec file: which tool wrote it, "
        "read by whoever edits the YAML later (a record, not a message to the caller)"
    ),
    ("importar/escritura.py", "--reemplazar"): (
        "`COMENTADO`, the provenance comment the importer writes into a spec over the lines "
        "an import with reemplazar removed: specs already carry it, README quotes it, and "
        "`reemplazar` is the Python argument's name too"
    ),
    ("importar/fusion.py", "--reemplazar"): (
        "`MARCA_ANTERIOR`, written into a spec beside a comment about a replaced value; "
        "fusion reads it back to mark a comment once (changing it would mark old ones twice)"
    ),
    ("salida/esquema_salida.py", "--tabla"): (
        "keys of `consultas`: each table named as the README documents its command (a test "
        "helper's labels, never shown to a caller)"
    ),
    ("salida/esquema_salida.py", "--distribucion"): "the same keys of `consultas`",
    ("salida/esquema_salida.py", "--enunciados"): "the same keys of `consultas`",
    ("salida/esquema_salida.py", "--indice"): "the same keys of `consultas`",
}


def _docstrings(arbol: ast.AST) -> set[int]:
    ids = set()
    for n in ast.walk(arbol):
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            primero = n.body[0] if n.body else None
            if isinstance(primero, ast.Expr) and isinstance(primero.value, ast.Constant):
                ids.add(id(primero.value))
    return ids


def _textos(ruta: Path):
    """(line, text) of each string literal of `ruta` but its docstrings (which a caller reads
    as documentation of the code, not as what a call returns); an f-string's literal parts."""
    arbol = ast.parse(ruta.read_text(encoding="utf-8"), str(ruta))
    docs = _docstrings(arbol)
    for n in ast.walk(arbol):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
            yield n.lineno, n.value


def _hallazgos(patron: re.Pattern) -> tuple[list[str], set]:
    malos, usados = [], set()
    for ruta in sorted(PKG.rglob("*.py")):
        rel = ruta.relative_to(PKG).as_posix()
        if rel.startswith("cli/"):
            continue
        for linea, texto in _textos(ruta):
            for m in patron.finditer(texto):
                if (rel, m.group()) in PERMITIDOS:
                    usados.add((rel, m.group()))
                    continue
                malos.append(f"issste_mon/{rel}:{linea}: «{m.group()}» en {texto[:80]!r}")
    return malos, usados


def test_no_library_text_names_a_cli_option_or_command():
    """`sexenal`'s summary said «… y 36 más (columna avance_sexenal_verificacion, -f csv)»,
    the caption of `cumplimiento` «(columna «fuente» con -f csv o json)», the rich table of a
    Python caller «use -f csv», the xlsx cell «está en -f csv o -f json»: to `im.sexenal(…)`
    the texts it returns. A new one fails here naming file:line; a legitimate one goes in
    PERMITIDOS with its reason."""
    malos, usados = _hallazgos(_patron())
    assert not malos, "\n".join(malos)
    # an entry that no longer matches anything is a stale excuse: removed, not kept
    assert usados == set(PERMITIDOS), set(PERMITIDOS) - usados


def test_the_guard_catches_what_it_is_for():
    patron = _patron()
    for texto in (
        "la columna nota, -f csv",
        "use -f csv",
        "(-f)",
        "elija con --columnas",
        "ejecute issste-mon importar ised",
        "según «issste-mon verificar»",
    ):
        assert patron.search(texto), texto
    for texto in (
        "según «verificar»",
        "issste-mon no calcula un total",
        "2020-2024",
        "PI-ISSSTE-2020-2024 3.2",
        "la columna «nota»",
        "E045 -",
    ):
        assert not patron.search(texto), texto


# --- 1: a summary names the column; the command line says how to get it ---------------------


@pytest.fixture(scope="module")
def federal(tmp_path_factory):
    """Forty programs with their programas derivados: notes and verdicts of over 20
    indicators, which a summary line names 20 of and counts the rest."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    carpeta = tmp_path_factory.mktemp("completo")
    generate.generate(carpeta, programas=40, indicadores=2, anios=2, seed=7, completo=True)
    return carpeta


def test_sexenal_summary_names_the_column_and_the_cli_its_formats(cli, federal):
    import issste_mon as im

    resumen = im.sexenal(im.cargar(federal)).resumen
    contadas = [r for r in resumen if " más (columna «" in r]
    # (the verdicts of each section and the notes: each line counts the rest, in the column)
    assert any(r.startswith("No verificable (") for r in contadas), resumen
    assert any("y 36 más (columna «avance_sexenal_verificacion»)): " in r for r in contadas)
    assert any("y 43 más (columna «meta_intermedia_verificacion»)): " in r for r in contadas)
    assert sum(r.startswith("Nota (") for r in contadas) == 3
    assert not [r for r in resumen if re.search(r"-f\b|--[a-z]", r)], resumen
    # the command line's table says how to get that column; its csv has it, and says none
    r = cli("sexenal", "--specs", str(federal), "-f", "tabla")
    assert r.code == 0, r.err
    texto = " ".join(r.out.split())
    assert "y 36 más (columna «avance_sexenal_verificacion» con -f csv o json)): " in texto
    assert texto.count("más (columna «nota» con -f csv o json)): ") == 3
    r = cli("sexenal", "--specs", str(federal), "-f", "csv")
    assert r.code == 0, r.err
    assert "y 36 más (columna «avance_sexenal_verificacion»)): " in r.err
    assert "-f csv" not in r.err


def test_a_python_rich_table_names_no_option(specs):
    """The rich table a Python caller renders (`salida.render`, no options) said «Para
    verlas, … o use -f csv» of the columns a narrow console leaves out."""
    import io

    import issste_mon as im
    from issste_mon.salida.formatos import Formato
    from issste_mon.salida.render import render
    from issste_mon.salida.sanear import consola

    out = io.StringIO()
    tabla = im.sexenal(specs)
    render(tabla, Formato.tabla, out, consola(file=out, width=80, height=25))
    texto = " ".join(out.getvalue().split())
    assert "Omitidas por el ancho de la terminal: " in texto
    assert "Para verlas, escriba la tabla en csv o json." in texto
    assert not re.search(r"-f\b|--[a-z]", texto)


def test_cobertura_notes_of_many_years_name_their_column(cli, specs):
    """«Notas de 4 años (columna «nota_anio» con -f csv o json)» was the library's caption:
    it names the column, which `cobertura` has, and the command line adds the formats."""
    import dataclasses

    import issste_mon as im
    from issste_mon.cli.common import con_formatos
    from issste_mon.consultas.tablas import _notas_del_anio

    filas = [{"clave": "E999", "anio": a, "nota_anio": f"cierre {a}"} for a in range(2017, 2021)]
    texto = _notas_del_anio(filas)
    assert texto == "Notas de 4 años (columna «nota_anio»)"
    tabla = dataclasses.replace(im.cobertura(specs), pie=texto)
    assert "nota_anio" in [c.clave for c in tabla.columnas_maquina()]
    assert con_formatos(tabla).pie == "Notas de 4 años (columna «nota_anio» con -f csv o json)"
    # a column the table does not have is not said to be in its csv
    sin = dataclasses.replace(tabla, pie="(columna «inexistente»)")
    assert con_formatos(sin) is sin


# --- one pointer to where a text is whole, said of the output it is in ----------------------


def test_a_legend_says_where_the_notes_are_as_the_summary_lines_do(cli, federal, monkeypatch):
    """The legend that counts the reasons it does not list said «… y 1 motivo más: la columna
    nota (-f csv).» under summary lines and captions that say «(columna «nota» con -f csv o
    json)»: one pointer in two wordings. Now the same words, from `en_columna` and the command
    line's formats; a Python caller's legend names the column alone."""
    import io

    import issste_mon as im
    from issste_mon.cli.common import FORMATOS_COMPLETOS
    from issste_mon.salida.formatos import Formato
    from issste_mon.salida.render import render
    from issste_mon.salida.sanear import consola
    from issste_mon.salida.tabla import en_columna

    monkeypatch.setenv("COLUMNS", "100")
    r = cli("cumplimiento", "--specs", str(federal), "-f", "tabla")
    assert r.code == 0, r.err
    assert f"  … y 1 motivo más: {en_columna('nota')} {FORMATOS_COMPLETOS}.\n" in r.out
    assert "  … y 1 motivo más: columna «nota» con -f csv o json.\n" in r.out
    out = io.StringIO()
    render(im.cumplimiento(im.cargar(federal)), Formato.tabla, out, consola(file=out, width=100))
    assert "  … y 1 motivo más: columna «nota».\n" in out.getvalue()


def test_a_pointer_to_a_column_columnas_left_out_says_so(cli, federal, monkeypatch, capsys):
    """`--columnas` without «fuente» or «nota» kept the caption's «(columna «fuente»)» and the
    legend's «la columna nota (-f csv)»: the reader was sent to a column the output does not
    have, in csv too. The pointer now says it was not chosen, in one line, in every format."""
    import dataclasses

    import issste_mon as im
    from issste_mon.cli.common import emit
    from issste_mon.salida.formatos import Formato
    from issste_mon.salida.plural import nombrados
    from issste_mon.salida.tabla import en_columna

    # (exit 1: the bundled specs have contradictions in the source, as `verificar` says)
    r = cli("verificar", "--columnas", "clave,campo,veredicto", "-f", "markdown")
    assert r.code == 1, r.err
    assert r.out.rstrip().endswith(
        "y 6 documentos más (columna «fuente», no elegida en --columnas)_"
    ), r.out[-300:]
    monkeypatch.setenv("COLUMNS", "100")
    r = cli("verificar", "--columnas", "clave,campo,veredicto", "-f", "tabla")
    assert r.code == 1, r.err
    texto = " ".join(r.out.split())
    assert "y 6 documentos más (columna «fuente», no elegida en --columnas)" in texto
    assert "con -f csv o json" not in texto
    r = cli(
        "cumplimiento", "--specs", str(federal), "--columnas", "clave,anio,cumplimiento", "-f",
        "markdown",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "\n- … y 1 motivo más: columna «nota», no elegida en --columnas.\n" in r.out
    # a summary line on stderr (csv, json): the column there where chosen, «no elegida» where not
    tabla = im.cumplimiento(im.cargar(federal))
    linea = f"Nota ({nombrados([f'n{i}' for i in range(3)], 2, en_columna('nota'))}): x."
    tabla = dataclasses.replace(tabla, resumen=[linea])
    for formato, columnas, dicho in (
        (Formato.csv, "clave,anio,meta", "(columna «nota», no elegida en --columnas)"),
        (Formato.json, "clave,anio,meta", "(columna «nota», no elegida en --columnas)"),
        (Formato.csv, "clave,nota", "(columna «nota»)"),
        (Formato.csv, None, "(columna «nota»)"),
    ):
        capsys.readouterr()
        emit(tabla, formato, None, columnas=columnas)
        err = capsys.readouterr().err
        assert err == f"Nota (n0, n1 y 1 más {dicho}): x.\n", (formato, columnas, err)
