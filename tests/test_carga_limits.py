"""Loader limits and broken paths: each a clear one-line error with exit code 2, never a hang,
a crash or a traceback. Bombs run in a subprocess under a memory limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from issste_mon.carga import inputs, limits
from issste_mon.carga.loader import load_paths, locate_problems
from issste_mon.errores import EntradaInvalida, SpecError

HOSTILES = Path(__file__).resolve().parent / "hostiles"
MEMORY_LIMIT = 512 * 1024 * 1024  # address space for the child: imports need ~100 MiB

VALID = (HOSTILES / "E901.yaml").read_bytes()[3:].decode().replace("E901", "E999")


def run_limited(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m issste_mon ARGS` with its address space capped; the timeout only stops a
    hang (a bomb that got through would exhaust the memory limit long before)."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap,
        env={**os.environ, "NO_COLOR": "1"},
    )


# Runs the CLI with the libyaml parser hidden, as on a machine where PyYAML was built without it.
_PURE_PYTHON = (
    "import sys, yaml\n"
    "for name in ('CSafeLoader', 'CLoader', 'CParser', 'CFullLoader', 'CUnsafeLoader'):\n"
    "    if hasattr(yaml, name): delattr(yaml, name)\n"
    "yaml.__with_libyaml__ = False\n"
    "from issste_mon.cli import main\n"
    "sys.argv = ['issste-mon', *sys.argv[1:]]\n"
    "main()\n"
)
PARSERS = ["libyaml", "python"] if getattr(yaml, "__with_libyaml__", False) else ["python"]


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("alias-billion-laughs.yaml", "bomba de alias"),
        ("alias-merge-bomb.yaml", "bomba de alias"),
        ("alias-recursivo.yaml", "alias recursivo"),
        ("anidamiento-flujo.yaml", "anidamiento demasiado profundo"),
        ("anidamiento-bloque.yaml", "anidamiento demasiado profundo"),
    ],
)
def test_bombs_fail_fast_within_a_memory_limit(name, message, parser):
    """The project's own one-line message whichever parser is in use and whichever limit (ours
    or the parser's own) is reached first."""
    prefix = ("-m", "issste_mon") if parser == "libyaml" else ("-c", _PURE_PYTHON)
    proc = run_limited(*prefix, "validar", name, cwd=HOSTILES)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert proc.stderr.startswith(f"{name}:") and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


def test_a_parsers_own_nesting_limit_gets_the_projects_message(tmp_path, monkeypatch):
    """libyaml ≥ 0.2.6 stops deep nesting itself, before our limit; its error (however it is
    raised) must reach the user as the project's message, at the place the parser gave."""
    from issste_mon.carga import yamlguard, yamlload

    mark = yaml.Mark("E999.yaml", 0, 0, 1500, None, None)
    own = yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", mark)
    other = yaml.parser.ParserError(None, None, "expected <block end>", mark)
    assert "anidamiento demasiado profundo" in yamlguard.translate(own).problem
    assert yamlguard.translate(other) is None

    def parser_stops_first(text, *args, **kwargs):
        raise own

    monkeypatch.setattr(yamlguard, "check_depth", lambda text, loader: None)
    monkeypatch.setattr(yamlload.fastyaml, "load", parser_stops_first)
    monkeypatch.setattr(yamlload.yaml, "load", parser_stops_first)
    with pytest.raises(SpecError) as info:
        yamlload.parse("a: [[[1]]]\n", "E999.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (1, 1501)
    assert "anidamiento demasiado profundo" in problem.message


def test_legitimate_anchors_are_accepted(tmp_path):
    text = VALID.replace("unidad_medida: Personas", "unidad_medida: &u Personas")
    path = tmp_path / "E999.yaml"
    path.write_text(text + "otros: {unidad: *u}\n", encoding="utf-8")
    assert load_paths([str(path)]).programas[0].poblaciones[0].unidad_medida == "Personas"


# --- file size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", limits.MAX_BYTES),
        ("1000", 1000),
        ("500K", 500 * 1024),
        ("50M", 50 * 1024**2),
        ("1g", 1024**3),
        ("2 MiB", 2 * 1024**2),
    ],
)
def test_max_bytes_from_environment(monkeypatch, raw, expected):
    monkeypatch.setenv(limits.ENV_MAX_BYTES, raw)
    assert limits.max_bytes() == expected


@pytest.mark.parametrize("raw", ["x", "-5", "0", "1.5M", "20 megas", "５０M", "٥٠٠٠٠"])
def test_invalid_max_bytes_is_a_usage_error(cli, monkeypatch, raw):
    monkeypatch.setenv(limits.ENV_MAX_BYTES, raw)
    with pytest.raises(EntradaInvalida):
        limits.max_bytes()
    result = cli("validar")
    assert result.code == 2
    assert result.err.startswith(f"error: {limits.ENV_MAX_BYTES} no válido")


def test_default_limit_is_20_mib(tmp_path, cli):
    path = tmp_path / "E999.yaml"
    head = VALID.encode() + b"#"
    path.write_bytes(head + b"x" * (limits.MAX_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == limits.MAX_BYTES
    assert cli("validar", str(path)).code == 0  # exactly at the limit: accepted
    with path.open("ab") as fh:
        fh.write(b"\n")
    result = cli("validar", str(path))
    assert result.code == 2
    assert result.err == (
        f"{path}: el archivo supera el tamaño máximo de 20 MiB (cámbielo con "
        "ISSSTE_MON_MAX_BYTES, p. ej. ISSSTE_MON_MAX_BYTES=50M)\n"
    )
    assert result.out == ""


def test_limit_is_configurable_and_applies_to_stdin(tmp_path, cli, monkeypatch):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert cli("validar", str(path)).code == 0
    monkeypatch.setenv(limits.ENV_MAX_BYTES, "100")
    result = cli("validar", str(path))
    assert result.code == 2 and "supera el tamaño máximo de 100 bytes" in result.err
    result = cli("validar", "-", stdin=VALID.encode())
    assert result.code == 2 and result.err.startswith("<stdin>: el archivo supera")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_opened(cli, monkeypatch):
    monkeypatch.setenv(limits.ENV_MAX_BYTES, "1M")
    result = cli("validar", "/dev/zero")
    assert result.code == 2
    assert result.err == "/dev/zero: no se puede leer: es un dispositivo, no un archivo regular\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_given_by_name_is_refused_not_waited_on(cli, tmp_path):
    fifo = tmp_path / "X.yaml"
    os.mkfifo(fifo)
    result = cli("validar", str(fifo))  # opening it would block forever
    assert result.code == 2 and "tubería con nombre (FIFO)" in result.err


@pytest.mark.parametrize("limit", ["50G", "5000G", "9" * 30])
def test_a_huge_limit_is_not_allocated_up_front(cli, monkeypatch, limit):
    monkeypatch.setenv(limits.ENV_MAX_BYTES, limit)
    path = HOSTILES / "E901.yaml"
    result = cli("validar", str(path))
    assert result.code == 0 and "Traceback" not in result.err


def test_endless_input_is_cut_at_the_limit():
    from issste_mon.carga import inputs

    class Endless:
        def read(self, n):
            return b"0" * n

    assert len(inputs._read_bounded(Endless(), 3 * 1024 * 1024)) == 3 * 1024 * 1024 + 1


# --- paths -------------------------------------------------------------------------------


def one_line_error(result, expected: str) -> None:
    assert result.code == 2
    assert result.out == ""
    assert result.err == expected + "\n"


def test_nonexistent_path(cli, tmp_path):
    missing = tmp_path / "nada"
    one_line_error(cli("validar", str(missing)), f"{missing}: no existe")
    one_line_error(cli("cobertura", "--specs", str(missing)), f"{missing}: no existe")


def test_empty_folder(cli, tmp_path):
    one_line_error(
        cli("programas", "--specs", str(tmp_path)),
        f"{tmp_path}: la carpeta no contiene specs (*.yaml)",
    )


def test_symlink_loop(cli, tmp_path):
    loop = tmp_path / "E999.yaml"
    loop.symlink_to(loop)
    one_line_error(cli("validar", str(loop)), f"{loop}: enlace simbólico en bucle")


def test_symlink_loop_inside_a_folder_is_reported_not_skipped(cli, tmp_path):
    (tmp_path / "E999.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = cli("validar", str(tmp_path))
    assert result.code == 2
    assert f"{tmp_path / 'a.yaml'}: no se puede leer: enlace simbólico en bucle" in result.err
    assert f"{tmp_path / 'b.yaml'}: no se puede leer: enlace simbólico en bucle" in result.err


def test_dangling_symlink(cli, tmp_path):
    link = tmp_path / "E999.yaml"
    link.symlink_to(tmp_path / "borrado.yaml")
    one_line_error(
        cli("validar", str(link)),
        f"{link}: enlace simbólico roto (apunta a {tmp_path}/borrado.yaml)",
    )


def test_folder_given_as_a_file(cli, tmp_path):
    folder = tmp_path / "E999.yaml"
    folder.mkdir()
    (folder / "E999.yaml").write_text(VALID, encoding="utf-8")
    assert cli("validar", str(folder)).code == 0  # a folder is searched, whatever its name
    one_line_error(
        cli("cobertura", "--metodologia", str(folder)),
        f"{folder}: no se puede leer: es una carpeta, no un archivo",
    )


def test_unreadable_file(cli, tmp_path, monkeypatch):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(inputs, "open", denied, raising=False)  # root reads anything
    one_line_error(cli("validar", str(path)), f"{path}: no se puede leer: permiso denegado")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file_for_real(cli, tmp_path):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)
    one_line_error(cli("validar", str(path)), f"{path}: no se puede leer: permiso denegado")


# --- implausible but valid ---------------------------------------------------------------


def test_pa_greater_than_po_is_accepted_with_a_located_aviso(cli, tmp_path):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID.replace("atendida: 450", "atendida: 600"), encoding="utf-8")
    specs = load_paths([str(path)])
    (aviso,) = locate_problems([p for p in specs.avisos if p.notable])  # located when shown
    assert str(aviso) == (
        f"{path}:9:15: poblaciones.2023.atendida: aviso: la población atendida (600) es mayor "
        "que la objetivo (500): la cobertura PA/PO superará 100 %"
    )
    result = cli("cobertura", "--specs", str(path), "-f", "csv")
    assert result.code == 0
    assert str(aviso) in result.err  # on stderr, for every command
    assert "aviso" not in result.out
    assert ",600,120,50,true," in result.out  # kept as given: 600 / 500 = 120 %, never clipped
    result = cli("validar", str(path))  # shown without --estricto
    assert result.code == 0 and str(aviso) in result.err


def test_po_greater_than_pp_is_an_aviso(tmp_path):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID.replace("potencial: 1000", "potencial: 400"), encoding="utf-8")
    (aviso,) = load_paths([str(path)]).avisos
    assert (aviso.line, aviso.col) == (8, 15)  # located while parsing, from its events
    assert locate_problems([aviso]) == [aviso]
    assert aviso.keypath == "poblaciones.2023.objetivo"
    assert "la población objetivo (500) es mayor que la potencial (400)" in aviso.message


@pytest.mark.parametrize(
    ("ramo", "mensaje"),
    [
        ("1000.0", "el ejercido (1,250) es mayor que el del ramo (1,000): la participación en "
         "el ramo superará 100 %"),
        ("0", "el ejercido del ramo es 0: la participación en el ramo no es calculable "
         "(ejercido: 1,250)"),
    ],
)  # fmt: skip
def test_ejercido_greater_than_its_ramo_is_a_located_aviso(cli, tmp_path, ramo, mensaje):
    """A program's share of its ramo above 100 % is a figure copied wrong: said, as PA > PO is,
    not printed as «140.30 %» in silence."""
    path = tmp_path / "E999.yaml"
    texto = VALID.replace("{ejercido: 12.5, ramo: 1000.0}", f"{{ejercido: 1250, ramo: {ramo}}}")
    path.write_text(texto, encoding="utf-8")
    aviso = f"{path}:11:20: presupuesto.2023.ejercido: aviso: {mensaje}"
    for args in (("validar", str(path)), ("presupuesto", "--specs", str(path), "-f", "csv")):
        result = cli(*args)
        assert result.code == 0
        assert aviso in result.err.splitlines()
    assert ",1250," in result.out  # kept as given


# A spec whose figures cite `{programa}`, `{anio}` (the budget year's) and `{indicador}`.
CITADO = """\
clave: E999
ramo: 51
nombre: Programa de prueba
fuente: "{programa}"
presupuesto:
  2023: {{ejercido: 12.5, ramo: 1000.0, fuente: "{anio}"}}
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador de prueba
    sentido: ascendente
    fuente: "{indicador}"
    metas:
      2023: {{meta: 10, valor: 9.5}}
"""
SIN_ANIO = "Registros administrativos del ISSSTE"  # names no year: nothing to check
FMYE = "CONEVAL, FMyE 2017-2018"


def _posterior(que: str, fuente: str, hasta: int) -> str:
    return (
        f"aviso: {que} de 2023 cita «{fuente}», que solo nombra años hasta {hasta}: un "
        "documento no imprime cifras de un año posterior (¿la fuente o el año?)"
    )


@pytest.mark.parametrize(
    ("programa", "anio", "indicador", "avisos"),
    [
        # the program's fuente stands for the figures that name none of their own
        (FMYE, "", "", [
            "6:20: presupuesto.2023.ejercido: " + _posterior("el ejercido", FMYE, 2018),
            "14:31: mir[0].metas.2023.valor: " + _posterior("el valor alcanzado", FMYE, 2018),
        ]),
        # a year's or an indicator's own fuente is the one that counts
        (FMYE, "Cuenta Pública 2023", "CONEVAL, Desempeño 2024", []),
        (SIN_ANIO, SIN_ANIO, "MIR 2022", [
            "14:31: mir[0].metas.2023.valor: " + _posterior("el valor alcanzado", "MIR 2022", 2022),
        ]),
        (SIN_ANIO, SIN_ANIO, SIN_ANIO, []),
    ],
)  # fmt: skip
def test_a_figure_cited_to_a_document_of_an_earlier_year_is_an_aviso(
    cli, tmp_path, programa, anio, indicador, avisos
):
    """A 2023 figure cannot come from the FMyE 2017-2018: the `fuente` (or the year) is wrong,
    and a reader who trusts the citation is told so, at the figure's line."""
    texto = CITADO.format(programa=programa, anio=anio, indicador=indicador)
    path = tmp_path / "E999.yaml"
    path.write_text(texto.replace('fuente: ""', "comentario: sin fuente propia"), encoding="utf-8")
    result = cli("validar", str(path))
    assert result.code == 0  # kept as given: said, not refused
    assert [x for x in result.err.splitlines() if ": aviso: " in x] == [
        f"{path}:{a}" for a in avisos
    ]


@pytest.mark.parametrize(
    ("texto", "donde"),
    [
        ("fuente:\n", "4:1: fuente"),  # the program's: its figures would cite nothing
        ("    fuente: ~\n", "6:5: poblaciones.2023.fuente"),  # the year's: the program's would do
        (
            "        fuente: ~\n",
            "20:9: mir[0].metas.2023.fuente",
        ),  # the year's: the indicator's would
    ],
)
def test_an_empty_fuente_is_a_shown_aviso(cli, tmp_path, texto, donde):
    lineas = VALID.replace("2023: {meta: 10, valor: 9.5}", "2023:\n        meta: 10").splitlines()
    if donde.startswith("4:"):
        lineas.insert(3, texto.rstrip("\n"))
    elif "poblaciones" in donde:
        lineas.insert(5, texto.rstrip("\n"))
    else:
        lineas.append(texto.rstrip("\n"))
    path = tmp_path / "E999.yaml"
    path.write_text("\n".join(lineas) + "\n", encoding="utf-8")
    result = cli("cobertura", "--specs", str(path), "-f", "csv")  # every command shows it
    assert result.code == 0
    esperado = f"{path}:{donde}: aviso: fuente vacía: no nombra el documento"
    assert any(x.startswith(esperado) for x in result.err.splitlines())
    result = cli("validar", str(path))
    assert result.code == 0
    (aviso,) = [x for x in result.err.splitlines() if ": aviso: " in x]
    assert aviso.startswith(esperado)


def test_a_blank_fuente_where_it_is_read_stays_one_error(cli, tmp_path):
    path = tmp_path / "E999.yaml"
    texto = VALID.replace(
        "    unidad_medida: Personas\n", "    unidad_medida: Personas\n    fuente: ''\n"
    )
    path.write_text(texto, encoding="utf-8")
    result = cli("validar", str(path))
    assert result.code == 2
    assert [x for x in result.err.splitlines() if "poblaciones.2023.fuente" in x] == [
        f'{path}:7:13: poblaciones.2023.fuente: se esperaba un texto, se encontró ""'
    ]


def test_bundled_specs_have_no_notable_avisos(specs):
    assert [p for p in specs.avisos if p.notable] == []


def test_errors_keep_their_place_for_control_characters(tmp_path):
    path = tmp_path / "E999.yaml"
    path.write_text(VALID.replace("Programa de prueba", "Programa\x07"), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_paths([str(path)])
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (3, 17)
    assert problem.message == "carácter no permitido en YAML: U+0007 (carácter de control)"


def test_a_command_shows_only_the_first_notable_avisos(cli, tmp_path):
    for n in range(7):
        text = VALID.replace("atendida: 450", "atendida: 600").replace("E999", f"E90{n}")
        (tmp_path / f"E90{n}.yaml").write_text(text, encoding="utf-8")
    result = cli("cobertura", "--specs", str(tmp_path), "-f", "csv")
    assert result.code == 0 and result.err.count("aviso: la población atendida") == 5
    assert "… y 2 avisos más; `issste-mon validar` los muestra todos." in result.err
    assert cli("validar", str(tmp_path)).err.count("aviso: la población atendida") == 7
