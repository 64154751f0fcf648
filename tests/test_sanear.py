"""Terminal safety (issue 17): one sanitiser, one console factory, enforced for every module."""

from __future__ import annotations

import ast
import html
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issste_mon.salida.sanear import consola, es_seguro, marcado, markdown, sanear

PKG = Path(__file__).resolve().parents[1] / "issste_mon"
NOMBRE = "Malo \x1b[2J \x1b]52;c;aGFjaw==\x07 \u202egnp.exe [/red] [link=https://x.invalid]y[/link]"
RAW = ("\x1b", "\x07", "\u202e")


# --- the sanitiser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texto", "visto"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("\x9b31m", "\\x9b31m"),
        ("a\rb\tc\nd", "a\\rb\\tc\\nd"),
        ("\x00\x7f\x85", "\\x00\\x7f\\x85"),
        (
            "\u202e\u2066\u2069\u200e\u200f\u061c\u2028",
            "\\u202e\\u2066\\u2069\\u200e\\u200f\\u061c\\u2028",
        ),
        ("nombre\udcff.yaml", "nombre\\udcff.yaml"),  # a file name that is not UTF-8
        # invisible: a name with a zero-width space printed as the name without it
        (
            "E0\u200b45 a\u200cb\u200dc\u2060d\ufeffe",
            "E0\\u200b45 a\\u200cb\\u200dc\\u2060d\\ufeffe",
        ),
        ("ok\U000e0041\U000e007f", "ok\\U000e0041\\U000e007f"),  # tag characters
        ("Niños y niñas · 94.90 % — ✓ 漢字 🙂", "Niños y niñas · 94.90 % — ✓ 漢字 🙂"),
        ("[/red] [link=x]", "[/red] [link=x]"),  # markup is the console's business, not text's
    ],
)
def test_sanear_shows_controls_and_bidi_escaped(texto, visto):
    assert sanear(texto) == visto
    assert sanear(visto) == visto  # idempotent: escaping twice changes nothing


def test_sanear_lineas_keeps_only_the_tools_own_newlines():
    assert sanear("a\nb\x1b", lineas=True) == "a\nb\\x1b"
    assert es_seguro("a\nb") and not es_seguro("a\nb", lineas=False)


def test_marcado_is_sanear_keeping_the_spaces_markup_ignores():
    assert marcado("a\tb\nc\rd\x1b[31m\x07\u202e") == "a\tb\nc\\rd\\x1b[31m\\x07\\u202e"
    assert marcado("\ufffe\uffff") == "\\ufffe\\uffff"  # XML cannot hold them


@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=60))
def test_marcado_output_is_xml_text(texto):
    sin_espacios = texto.replace("\t", "").replace("\n", "")
    assert marcado(sin_espacios) == sanear(sin_espacios)  # sanear's escapes, not a second set
    out = marcado(texto)
    ET.fromstring(f"<desc>{html.escape(out)}</desc>")  # what an SVG <desc> holds parses


@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=60))
def test_sanear_output_never_holds_a_raw_control(texto):
    out = sanear(texto)
    assert es_seguro(out, lineas=False)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 for c in out)


@pytest.mark.parametrize(
    ("texto", "md"),
    [
        ("a | b\nc", "a \\| b c"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("x & <b>y</b>", "x &amp; &lt;b&gt;y&lt;/b&gt;"),
        ("[clic](javascript:x) `code`", "\\[clic\\](javascript:x) \\`code\\`"),
        ("a\\|b", "a\\\\\\|b"),
        ("\x1b[2J\u202e", "\\x1b\\[2J\\u202e"),
        # a method of calculation: both asterisks stay, no italic «B)*100 y (C/D»
        ("(A/B)*100 y (C/D)*100", "(A/B)\\*100 y (C/D)\\*100"),
        ("_meta_ **ND** ~~100~~", "\\_meta\\_ \\*\\*ND\\*\\* \\~\\~100\\~\\~"),
        ("meta_no_alcanzada", "meta_no_alcanzada"),  # intraword: never emphasis, left as it reads
    ],
)
def test_markdown_escaping(texto, md):
    assert markdown(texto) == md


def test_the_console_never_interprets_markup_nor_emits_escapes():
    buf = io.StringIO()
    c = consola(file=buf, force_terminal=True, width=200, color_system="truecolor")
    c.print(NOMBRE)  # «[/red]» used to raise MarkupError here
    c.print(f"[bold]{NOMBRE}[/bold] :smile:")
    from rich.table import Table
    from rich.text import Text

    t = Table(title=NOMBRE)
    t.add_column(NOMBRE)
    t.add_row(NOMBRE)
    t.add_row(Text(NOMBRE))  # a Text built from data outside sanear: still escaped
    c.print(t)
    out = re.sub(r"\x1b\[[0-9;]*m", "", buf.getvalue())  # rich's own colour codes
    assert not any(r in out for r in RAW), out
    assert "[/red]" in out and "[bold]" in out and ":smile:" in out
    assert "\x1b]8;" not in buf.getvalue()  # no hyperlink planted


def test_table_truncation_never_cuts_an_escape(cli, tmp_path):
    """Sanitised before layout: an ellipsis falls inside visible text, never in a sequence."""
    _spec(tmp_path, "\x1b[2J" * 40)
    r = cli("programas", "--specs", str(tmp_path), "-f", "tabla")
    assert r.code == 0 and "\x1b" not in r.out and "\\x1b[2J" in r.out


# --- the acceptance spec in a real terminal ------------------------------------------------


def _spec(folder: Path, nombre: str = NOMBRE) -> Path:
    import json

    path = folder / "E901.yaml"
    path.write_text(
        "clave: E901\nramo: 51\n"
        f"nombre: {json.dumps(nombre)}\n"
        'poblaciones:\n  2023:\n    unidad_medida: "[/red]"\n'
        "    potencial: 1000\n    objetivo: 500\n    atendida: 450\n"
        "mir:\n  - id: P1\n    nivel: Propósito\n"
        f"    nombre: {json.dumps(nombre)}\n"
        "    sentido: ascendente\n    metas:\n      2023: {meta: 10, valor: 9.5}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.skipif(not shutil.which("script"), reason="script(1) gives a real terminal")
@pytest.mark.parametrize("columnas", ["80", "200"])
@pytest.mark.parametrize("comando", ["cobertura", "cumplimiento", "programas", "validar"])
def test_acceptance_in_a_real_terminal(tmp_path, comando, columnas):
    _spec(tmp_path)
    args = [comando, str(tmp_path)] if comando == "validar" else [comando, "--specs", str(tmp_path)]
    cmd = " ".join([sys.executable, "-m", "issste_mon", *args])
    env = {**os.environ, "COLUMNS": columnas, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        ["script", "-qec", cmd, "/dev/null"], capture_output=True, timeout=120, env=env
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, out
    assert "Traceback" not in out
    sin_sgr = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not any(r in sin_sgr for r in RAW), sin_sgr
    if comando != "validar":
        assert "\x1b[" in out or "\\x1b" in out  # a terminal: the table is rich's


# --- one line, exit 2, sanitised: messages that echo user input -----------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("cobertura", "E\x1b[2J[/red]"),  # the CLAVE argument
        ("cobertura", "--specs", "/no/existe/\x1b]52;c;x\x07.yaml"),  # a path
        ("cobertura", "--no-such\x1b[2J"),  # a usage error echoes the option
        ("ficha", "E045", "-o", "x\u202e.lmth"),  # an extension the ficha does not know
    ],
)
def test_messages_that_echo_input_are_escaped(cli, args):
    r = cli(*args)
    assert r.code in (1, 2), r.err  # an unknown clave is a finding (1); the rest invalid (2)
    assert "Traceback" not in r.err
    assert es_seguro(r.err), r.err
    assert "\\x1b" in r.err or "\\u202e" in r.err


@pytest.mark.parametrize("valor", ["9" * 5000, "9" * 31, "1e400", "-1"])
def test_a_wild_max_bytes_is_one_line(cli, monkeypatch, valor):
    monkeypatch.setenv("ISSSTE_MON_MAX_BYTES", valor)
    r = cli("validar", str(PKG.parent / "tests" / "hostiles" / "E901.yaml"))
    assert r.code == 2 and r.err.count("\n") == 1 and "ISSSTE_MON_MAX_BYTES no válido" in r.err
    assert len(r.err) < 300


# --- enforcement: a new command cannot forget -------------------------------------------------

SANEAR = PKG / "salida" / "sanear.py"
# Data, not messages: the ficha's HTML (escaped by Jinja) and its Markdown (escaped by
# sanear.markdown) written to stdout as a document.
DATOS_A_STDOUT = {
    ("cli/ficha.py", "markdown.documento(ctx, sin_graficas=SIN_GRAFICAS)"),
    ("cli/ficha.py", "text"),
    ("cli/completado.py", "script"),
    ("cli/esquema.py", "texto()"),  # the JSON Schema of the spec format
    ("cli/common.py", "texto"),  # --esquema-salida: the Table Schema of an output, JSON
}


def _modulos():
    return sorted(p for p in PKG.rglob("*.py") if p != SANEAR)


@pytest.mark.parametrize("path", _modulos(), ids=lambda p: str(p.relative_to(PKG)))
def test_no_module_makes_its_own_console_or_prints_raw(path):
    rel = str(path.relative_to(PKG))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "rich.console":
            pytest.fail(f"{rel}:{node.lineno}: rich consoles are made by salida.sanear.consola")
        if isinstance(node, ast.ImportFrom) and node.module == "rich":
            propios = {a.name for a in node.names} & {"print", "get_console", "print_json"}
            assert not propios, f"{rel}:{node.lineno}: rich's global console: {propios}"
        if isinstance(node, ast.Import):
            assert "rich.console" not in {a.name for a in node.names}, rel
        if isinstance(node, ast.keyword) and node.arg == "markup":
            assert isinstance(node.value, ast.Constant) and node.value.value is False, (
                f"{rel}:{node.lineno}: markup on"
            )
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        owner = ast.unparse(f.value) if isinstance(f, ast.Attribute) else ""
        assert name not in ("Console", "print") or owner not in ("", "rich", "rich.console"), (
            f"{rel}:{node.lineno}: {ast.unparse(f)}"
        )
        if (owner, name) in {("typer", "echo"), ("click", "echo"), ("typer", "secho")}:
            assert all(isinstance(a, ast.Constant | ast.JoinedStr) for a in node.args), rel
            assert "__version__" in ast.unparse(node) or all(
                isinstance(a, ast.Constant) for a in node.args
            ), f"{rel}:{node.lineno}: {ast.unparse(node)} — use common.echo"
        if owner in ("sys.stderr", "sys.stdout") and name == "write":
            arg = node.args[0]
            ok = _limpio(arg) or (rel, ast.unparse(arg)) in DATOS_A_STDOUT
            assert ok, f"{rel}:{node.lineno}: {ast.unparse(node)} — pass it through sanear"


def _limpio(e: ast.expr) -> bool:
    """Every piece of data in the expression passes through sanear(…)."""
    if isinstance(e, ast.Constant):
        return True
    if isinstance(e, ast.Call) and "sanear" in ast.unparse(e.func):
        return True
    if isinstance(e, ast.BinOp):
        return _limpio(e.left) and _limpio(e.right)
    if isinstance(e, ast.JoinedStr):
        return all(_limpio(v.value) for v in e.values if isinstance(v, ast.FormattedValue))
    if isinstance(e, ast.Call) and ast.unparse(e.func).endswith(".join") and e.args:
        gen = e.args[0]
        return isinstance(gen, ast.GeneratorExp | ast.ListComp) and _limpio(gen.elt)
    return False


def test_the_enforcement_sees_the_choke_point():
    """The AST check above is not vacuous: the factory is where the console is made."""
    text = SANEAR.read_text(encoding="utf-8")
    assert "markup=False" in text and "def consola(" in text
    common = (PKG / "cli" / "common.py").read_text(encoding="utf-8")
    assert "consola(stderr=True" in common


# --- property: random controls in any string field never reach the terminal raw ------------

_CONTROLES = st.lists(
    st.sampled_from(
        [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
        + [chr(c) for c in range(0x7F, 0xA0) if c != 0x85]
        + ["\u202e", "\u2066", "\u200f", "\u061c", "[", "]", "/", "red", "link=", "a", "\x1b["]
    ),
    min_size=1,
    max_size=12,
).map("".join)
_CAMPOS = ["nombre", "dependencia", "unidad_responsable", "unidad_medida", "mir_nombre", "nivel"]


def _yaml_quoted(text: str) -> str:
    import json

    return json.dumps(text)  # JSON strings are YAML double-quoted scalars


def _correr_sin_escapes(cli, comando: str, carpeta, clave: str):
    """Run a command family over the specs in `carpeta`: no traceback, nothing raw printed."""
    if comando == "validar":
        args = ("validar", "--estricto", str(carpeta))
    elif comando == "ficha":
        args = ("ficha", clave, "--specs", str(carpeta))
    else:
        args = (comando, "--specs", str(carpeta), "-f", "tabla")
    r = cli(*args)
    assert "Traceback" not in r.err
    assert es_seguro(r.out) and es_seguro(r.err), (r.out[-500:], r.err)
    return r


# Short in CI; ISSSTE_MON_FUZZ=1 runs the long search. The CLI runner is a function fixture
# reused across examples on purpose (it holds no state between invocations).
FUZZ = settings(
    max_examples=40 if not os.environ.get("ISSSTE_MON_FUZZ") else 1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(
    texto=_CONTROLES,
    campo=st.sampled_from(_CAMPOS),
    comando=st.sampled_from(["programas", "cobertura", "cumplimiento", "validar", "ficha"]),
)
def test_random_controls_never_reach_the_terminal_raw(cli, tmp_path, texto, campo, comando):
    valores = {c: _yaml_quoted("x") for c in _CAMPOS} | {
        "nivel": "Propósito",
        "unidad_medida": "Personas",
    }
    valores[campo] = _yaml_quoted(texto)
    (tmp_path / "E901.yaml").write_text(
        "clave: E901\nramo: 51\n"
        f"nombre: {valores['nombre']}\ndependencia: {valores['dependencia']}\n"
        f"unidad_responsable: {valores['unidad_responsable']}\n"
        f"poblaciones:\n  2023:\n    unidad_medida: {valores['unidad_medida']}\n"
        "    potencial: 1000\n    objetivo: 500\n    atendida: 450\n"
        f"mir:\n  - id: P1\n    nivel: {valores['nivel']}\n"
        f"    nombre: {valores['mir_nombre']}\n"
        "    sentido: ascendente\n    metas:\n      2023: {meta: 10, valor: 9.5}\n",
        encoding="utf-8",
    )
    r = _correr_sin_escapes(cli, comando, tmp_path, "E901")
    assert r.code in (0, 1, 2), r.err


def _hojas(data, path=()):
    """Paths to every string value and every mapping key of a loaded spec."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield ("clave", (*path, k))
            yield from _hojas(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _hojas(v, (*path, i))
    elif isinstance(data, str):
        yield ("valor", path)


def _e045():
    import yaml
    from conftest import REPO

    return yaml.safe_load((REPO / "specs" / "E045.yaml").read_text(encoding="utf-8"))


HOJAS_E045 = list(_hojas(_e045()))


@FUZZ
@given(
    texto=_CONTROLES,
    hoja=st.sampled_from(HOJAS_E045),
    comando=st.sampled_from(
        ["programas", "cobertura", "cumplimiento", "monitoreo", "verificar", "validar", "ficha"]
    ),
)
def test_any_string_field_or_key_of_a_real_spec(cli, tmp_path, texto, hoja, comando):
    """Every string value and key of E045, in turn, replaced by random controls and markup:
    whatever the command says (a table, an aviso, an error), nothing reaches it raw."""
    import copy

    import yaml

    data = copy.deepcopy(_e045())
    tipo, path = hoja
    padre = data
    for k in path[:-1]:
        padre = padre[k]
    if tipo == "valor":
        padre[path[-1]] = texto
    else:
        padre[texto] = padre.pop(path[-1])
    (tmp_path / "E045.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8"
    )
    _correr_sin_escapes(cli, comando, tmp_path, "E045")


def test_the_import_progress_bar_shows_a_hostile_file_name_escaped(monkeypatch):
    from issste_mon.cli import importar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setenv("FORCE_COLOR", "1")
    with importar._progreso("x\x1b[2J[/red].csv") as avance:
        avance(50, 100)
    out = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", err.getvalue())  # rich's cursor and colours
    assert "x\\x1b[2J[/red].csv" in out and "\x1b[2J" not in err.getvalue()


def test_a_printed_string_is_one_line_whatever_it_holds():
    buf = io.StringIO()
    consola(file=buf, width=500).print("Ficha escrita en x\nerror: falso.md")
    assert buf.getvalue() == "Ficha escrita en x\\nerror: falso.md\n"


@pytest.mark.skipif(sys.platform != "linux", reason="arbitrary bytes in file names")
def test_a_hostile_file_name_is_shown_escaped(cli, tmp_path):
    origen = _spec(tmp_path)
    nombre = os.fsdecode(b"E\xff\x1b[2J\xe2\x80\xae.yaml")  # not UTF-8, ESC, RLO
    origen.rename(tmp_path / nombre)
    r = cli("validar", str(tmp_path))
    assert r.code == 2 and "Traceback" not in r.err
    assert es_seguro(r.err) and "E\\udcff\\x1b[2J\\u202e.yaml:1:8: clave:" in r.err


def test_an_invisible_character_in_a_name_shows_in_the_table(cli, tmp_path):
    """Two programs «Equidad de Género» and «Equidad de\u200b Género» printed alike."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E036.yaml").read_text(encoding="utf-8")
    assert "nombre: Equidad de Género" in texto
    spec = tmp_path / "E036.yaml"
    spec.write_text(
        texto.replace("nombre: Equidad de Género", 'nombre: "Equidad de\\u200b Género"', 1),
        encoding="utf-8",
    )
    for formato in ("tabla", "markdown"):
        r = cli("programas", "--specs", str(spec), "-f", formato)
        assert r.code == 0, r.err
        assert "Equidad de\\u200b Género" in r.out and "\u200b" not in r.out
    r = cli("programas", "--specs", str(spec), "-f", "json")
    assert '"Equidad de\u200b Género"' in r.out  # data formats keep the exact text
