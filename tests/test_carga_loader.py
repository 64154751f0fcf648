"""The loader: every error class gives file:line:col, the field path, exit code 2, no traceback."""

from __future__ import annotations

import os
import textwrap

import pytest

from issste_mon.carga.loader import load_paths
from issste_mon.errores import SpecError
from issste_mon.modelo import Faltante
from tests.conftest import problemas_de, sin_ruta_rapida

VALID = """\
clave: E999
ramo: 51
nombre: Programa de prueba
poblaciones:
  2023:
    unidad_medida: Personas
    potencial: 1000
    objetivo: 500
    atendida: ND
mir:
  - id: P1
    nivel: proposito
    nombre: Indicador de prueba
    sentido: Ascendente
    metas:
      2023: {meta: 10, valor: 9.5}
"""


def write(tmp_path, text, name="E999.yaml", raw: bytes | None = None):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path):
    with pytest.raises(SpecError) as info:
        load_paths([str(path)])
    return [str(p) for p in info.value.problems]


def test_valid_spec_loads_typed_records(tmp_path):
    specs = load_paths([str(write(tmp_path, VALID))])
    (prog,) = specs.programas
    assert (prog.clave, prog.ramo) == ("E999", 51)
    ind = prog.mir[0]
    assert ind.nivel == "Propósito" and ind.sentido == "ascendente"  # canonical forms
    assert ind.metas[2023].meta == 10 and ind.metas[2023].valor == 9.5
    assert prog.poblaciones[0].atendida is Faltante.ND


CASES = [
    # (id, replace-from, replace-to, expected location + field, expected wording)
    (
        "bad-number",
        "meta: 10,",
        'meta: "5o3",',
        ":16:20: mir[0].metas.2023.meta:",
        'se esperaba un número o ND/NA, se encontró "5o3"',
    ),
    (
        "unknown-nivel",
        "nivel: proposito",
        "nivel: propsito",
        ":12:12: mir[0].nivel:",
        'valor desconocido "propsito" para nivel',
    ),
    (
        "unknown-sentido",
        "sentido: Ascendente",
        "sentido: arriba",
        ":14:14: mir[0].sentido:",
        'valor desconocido "arriba" para sentido',
    ),
    (
        "duplicate-key",
        "    potencial: 1000\n",
        "    potencial: 1000\n    potencial: 2000\n",
        ":8:5:",
        "clave duplicada «potencial» (ya definida en la línea 7)",
    ),
    (
        "clave-vs-stem",
        "clave: E999",
        "clave: E998",
        ":1:8: clave:",
        'la clave "E998" no coincide con el nombre del archivo "E999"',
    ),
    (
        "missing-required",
        "    nombre: Indicador de prueba\n",
        "",
        ":11:5: mir[0].nombre:",
        "campo obligatorio ausente",
    ),
    (
        "missing-unidad",
        "    unidad_medida: Personas\n",
        "",
        ":6:5: poblaciones.2023.unidad_medida:",
        "campo obligatorio ausente",
    ),
    ("malformed", "  2023:\n    unidad", "  2023:\n   - unidad", ":", "YAML mal formado"),
    (
        "unsafe-tag",
        "nombre: Programa de prueba",
        "nombre: !!python/object/apply:os.system ['echo hola']",
        ":3:9:",
        "etiqueta YAML no permitida: tag:yaml.org,2002:python/object/apply:os.system",
    ),
    (
        "negative-population",
        "potencial: 1000",
        "potencial: -1000",
        ":7:16: poblaciones.2023.potencial:",
        "no puede ser negativo",
    ),
    (
        "nan",
        "valor: 9.5",
        "valor: .nan",
        ":16:31: mir[0].metas.2023.valor:",
        "se esperaba un número finito",
    ),
    (
        "bad-year",
        "  2023:\n    unidad",
        "  dosmil:\n    unidad",
        ":5:3: poblaciones.dosmil:",
        "se esperaba un año",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_error_class_names_file_line_col_and_field(tmp_path, case):
    _, old, new, where, wording = case
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    found = problems_of(path)
    assert any(p.startswith(str(path) + where) and wording in p for p in found), found


def test_duplicate_id(tmp_path):
    text = VALID + "  - id: P1\n    nivel: Fin\n    nombre: Otro\n    sentido: descendente\n"
    found = problems_of(write(tmp_path, text))
    assert any(':17:9: mir[1].id: id repetido "P1"' in p for p in found), found


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = VALID.replace("meta: 10,", 'meta: "x",').replace("nivel: proposito", "nivel: nada")
    text = text.replace("ramo: 51", "ramo: cincuenta")
    assert len(problems_of(write(tmp_path, text))) == 3


def test_empty_file(tmp_path):
    (p,) = problems_of(write(tmp_path, ""))
    assert "el documento debe ser un mapeo" in p and "vacío" in p


def test_non_utf8_file_says_how_to_convert(tmp_path):
    raw = VALID.replace("Programa de prueba", "Programa de atención").encode("latin-1")
    (p,) = problems_of(write(tmp_path, "", raw=raw))
    assert ":3:27:" in p and "no está en UTF-8" in p and "iconv" in p


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, "", raw=b"\xef\xbb\xbf" + VALID.encode())
    assert load_paths([str(path)]).programas[0].clave == "E999"


def test_errors_of_several_files_are_all_reported(tmp_path):
    write(tmp_path, VALID.replace("clave: E999", "clave: E111"))
    write(tmp_path, VALID.replace("E999", "E998").replace("ramo: 51", "ramo: x"), "E998.yaml")
    with pytest.raises(SpecError) as info:
        load_paths([str(tmp_path)])
    files = {p.file for p in info.value.problems}
    assert files == {str(tmp_path / "E999.yaml"), str(tmp_path / "E998.yaml")}


def test_same_program_in_two_files_is_an_error(tmp_path):
    write(tmp_path, VALID)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", VALID)
    with pytest.raises(SpecError) as info:
        load_paths([str(tmp_path)])
    assert "ya está definido" in str(info.value)


def test_unknown_keys_are_avisos_not_errors(tmp_path):
    specs = load_paths([str(write(tmp_path, VALID + "otra_cosa: 1\n"))])
    assert [p.keypath for p in specs.avisos] == ["otra_cosa"]
    assert specs.avisos[0].severity == "aviso"


# YAML 1.2 numbers: a figure never silently changes value (octal, sexagesimal, binary); one
# written other than as a plain decimal (`0123`, `0o17`, `0x1F`, `+500`) is refused, naming it
# as written (test_carga_literales).
@pytest.mark.parametrize(("written", "expected"), [("1e3", 1000), ("1.5E+3", 1500), ("-0", 0)])
def test_numbers_are_read_as_yaml_1_2(tmp_path, written, expected):
    path = write(tmp_path, VALID.replace("atendida: ND", f"atendida: {written}"))
    (prog,) = load_paths([str(path)]).programas
    assert prog.poblaciones[0].atendida == expected


@pytest.mark.parametrize("written", ["1:20", "0b101", "1_000", "0o18"])
def test_yaml_1_1_only_numbers_are_errors_naming_the_field(tmp_path, written, cli):
    path = write(tmp_path, VALID.replace("atendida: ND", f"atendida: {written}"))
    result = cli("validar", str(path))
    assert result.code == 2
    assert f"{path}:9:15: poblaciones.2023.atendida:" in result.err
    assert written in result.err


# An explicit tag makes PyYAML construct any text: int()/float() would read the YAML 1.1 forms
# the resolver refuses (and raise on the rest, a traceback).
@pytest.mark.parametrize(
    "written",
    ["!!int 1:30", "!!int 0b101", "!!int 1_000", "!!int 5.5", "!!int ''", "!!float 1:30.5",
     "!!float 1_000.5", "!!float ''", "!!float ٧٨٤", "!!int ７８４", "!!float infinity"],
)  # fmt: skip
def test_an_explicitly_tagged_number_is_read_as_yaml_1_2_or_refused(tmp_path, cli, written):
    path = write(tmp_path, VALID.replace("atendida: ND", f"atendida: {written}"))
    result = cli("validar", str(path))
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert f"{path}:9:15: poblaciones.2023.atendida:" in result.err
    assert "no es un número" in result.err and len(result.err.splitlines()) == 1


@pytest.mark.parametrize(("written", "expected"), [("!!int 31", 31), ("!!float 15", 15.0)])
def test_an_explicitly_tagged_yaml_1_2_number_keeps_its_value(tmp_path, written, expected):
    path = write(tmp_path, VALID.replace("atendida: ND", f"atendida: {written}"))
    (prog,) = load_paths([str(path)]).programas
    assert prog.poblaciones[0].atendida == expected


@pytest.mark.parametrize(("written", "como"), [("!!int 0x1F", "31"), ("!!float 0o17", "15")])
def test_an_explicit_tag_does_not_make_a_hex_or_octal_figure_plain(tmp_path, written, como):
    """(the tag says which kind of number, not that `0x1F` is how a figure is written)"""
    path = write(tmp_path, VALID.replace("atendida: ND", f"atendida: {written}"))
    with pytest.raises(SpecError) as info:
        load_paths([str(path)])
    escrito = written.split()[1]
    assert [p.message for p in info.value.problems] == [
        f"se esperaba un número, se encontró {escrito}, que YAML lee como {como}: escriba {como}"
    ]


def test_a_long_wrong_text_is_quoted_cut_in_its_one_line_error(tmp_path, cli):
    """A 100,000-character value was echoed whole: a 100 KB «line»."""
    largo = "x" * 100_000
    path = write(tmp_path, VALID.replace("sentido: Ascendente", f"sentido: {largo}"))
    result = cli("validar", str(path))
    assert result.code == 2
    assert result.err.splitlines() == [
        f'{path}:14:14: mir[0].sentido: valor desconocido "{"x" * 60}…" (un texto de 100,000 '
        "caracteres) para sentido; se esperaba ascendente | descendente | constante"
    ]


@pytest.mark.parametrize("escrito", ["yes", "1e3", "Off", "2024-01-01", "0x10"])
def test_an_unknown_enum_value_is_quoted_as_written(tmp_path, cli, escrito):
    """`sentido: yes` said «un booleano (true)», `sentido: 1e3` «1000.0»: words the person
    never wrote, which the file does not have to be searched for."""
    path = write(tmp_path, VALID.replace("sentido: Ascendente", f"sentido: {escrito}"))
    result = cli("validar", str(path))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{path}:14:14: mir[0].sentido: valor desconocido {escrito} para sentido; se esperaba "
        "ascendente | descendente | constante"
    ]


def test_a_published_figure_yaml_reads_as_a_boolean_or_a_date_is_quoted_as_written(tmp_path, cli):
    texto = VALID.replace(
        "meta: 10,", "meta: 10, publicado: {rango: yes, cumplimiento: 2024-01-01},"
    )
    path = write(tmp_path, texto)
    result = cli("validar", str(path))
    assert result.code == 2
    (rango, cumplimiento) = sorted(result.err.splitlines(), key=lambda x: "rango" not in x)
    assert rango.endswith(
        "mir[0].metas.2023.publicado.rango: se esperaba la cifra publicada como texto, "
        "se encontró yes, que YAML lee como el booleano true"
    )
    assert cumplimiento.endswith(
        "mir[0].metas.2023.publicado.cumplimiento: se esperaba un texto, se encontró "
        '2024-01-01, que YAML lee como una fecha: escríbalo entre comillas ("2024-01-01") para '
        "que quede tal cual"
    )


def test_binary_data_is_named_as_such_not_as_a_python_repr(tmp_path, cli):
    path = write(tmp_path, VALID.replace("atendida: ND", "atendida: !!binary aG9sYQ=="))
    result = cli("validar", str(path))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{path}:9:15: poblaciones.2023.atendida: se esperaba un número o ND/NA, se encontró "
        "datos binarios (!!binary, 4 bytes)"
    ]


@pytest.mark.parametrize(("escrito", "leido"), [("007", 7), ("+7", 7), ("0x1F", 31), ("0o17", 15)])
def test_an_integer_written_otherwise_where_a_text_goes_is_an_error(tmp_path, cli, escrito, leido):
    """`id: 007` was silently the indicator «7» (YAML 1.2 reads the number, its text is lost)."""
    path = write(tmp_path, VALID.replace("id: P1", f"id: {escrito}"))
    result = cli("validar", str(path))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{path}:11:9: mir[0].id: se esperaba un texto, se encontró el número {escrito}, que "
        f'YAML lee como {leido}: escríbalo entre comillas ("{escrito}") para que quede tal cual'
    ]


@pytest.mark.parametrize(
    ("escrito", "leido"), [("1.10", "1.1"), ("+1.50", "1.5"), ("0E0", "0.0"), ("1.5", None)]
)
@pytest.mark.parametrize("ruta", ["rápida", "segura"])
def test_a_decimal_where_a_text_goes_is_named_as_written(
    tmp_path, monkeypatch, escrito, leido, ruta
):
    """`id: 1.10` said «se encontró el número 1.1»: a number the person never wrote."""
    if ruta == "segura":
        sin_ruta_rapida(monkeypatch)
    path = write(tmp_path, VALID.replace("id: P1", f"id: {escrito}"))
    lee = f", que YAML lee como {leido}" if leido else ""
    assert problemas_de(str(tmp_path)) == [
        f"{path.name}:11:9: mir[0].id: se esperaba un texto, se encontró el número {escrito}{lee}: "
        f'si es un texto (un id como «1.10»), escríbalo entre comillas ("{escrito}") para que '
        "quede tal cual"
    ]


def test_an_integer_written_as_its_text_where_a_text_goes_is_that_text(tmp_path):
    path = write(tmp_path, VALID.replace("id: P1", "id: 12"))
    (prog,) = load_paths([str(path)]).programas
    assert prog.mir[0].id == "12"


def test_a_year_key_written_2_022_is_not_silently_2022(tmp_path, cli):
    path = write(tmp_path, VALID.replace("      2023: {meta", "      2_022: {meta"))
    result = cli("validar", str(path))
    assert result.code == 2 and "2_022" in result.err


# Folder scans say what they cannot use.
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_scan_reports_fifos_and_devices(tmp_path, cli):
    write(tmp_path, VALID)
    os.mkfifo(tmp_path / "X.yaml")
    os.symlink("/dev/null", tmp_path / "nulo.yaml")
    result = cli("validar", str(tmp_path))
    assert result.code == 0, result.err  # the valid spec is still checked; nothing hangs
    assert f"{tmp_path / 'X.yaml'}: aviso: se omite: es una tubería con nombre (FIFO)" in result.err
    assert f"{tmp_path / 'nulo.yaml'}: aviso: se omite: es un dispositivo" in result.err


@pytest.mark.parametrize("comando", [["validar"], ["cobertura", "-q", "-f", "csv", "--specs"]])
def test_an_unreadable_folder_among_the_specs_is_an_error(tmp_path, cli, monkeypatch, comando):
    """It was an aviso with exit 0, and -q silenced it: a folder of a colleague's left chmod
    700 in a shared specs tree took its programs out of every table, and out of every total,
    without a word. As an unreadable file, it is an error naming it (exit 2)."""
    write(tmp_path, VALID)
    (tmp_path / "cerrada").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("cerrada"):  # as a non-root user with chmod 000 would see it
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli(*comando, str(tmp_path))
    assert result.code == 2
    assert f"{tmp_path / 'cerrada'}: no se puede leer la carpeta: permiso denegado\n" in result.err
    assert result.out == ""


def test_records_compare_and_print_as_dataclasses_do():
    """modelo's records get eq and repr from one base (Registro) instead of one compiled per
    class: the same meaning as a dataclass's own — same class and equal fields, unhashable
    (mutable), «Clase(campo=valor, …)» in field order (keyword-only fields first)."""
    import dataclasses

    from issste_mon import modelo

    base = modelo.LineaBase(2017, 1.5)
    assert base == modelo.LineaBase(2017, 1.5)
    assert base != modelo.LineaBase(2017, 1.25)
    assert base != (2017, 1.5) and not (base == object())
    with pytest.raises(TypeError):
        hash(base)
    assert repr(base) == "LineaBase(anio=2017, valor=1.5)"
    meta = modelo.MetaAnual(anio=2023, meta=10, valor=Faltante.ND)
    assert repr(meta).startswith("MetaAnual(ruta=(), publicado={}, anio=2023, meta=10, ")
    # the same class with dataclass's generated methods says exactly the same
    twin = dataclasses.make_dataclass(
        "MetaAnual", [(f.name, f.type, f) for f in dataclasses.fields(modelo.MetaAnual)]
    )
    campos = {f.name: getattr(meta, f.name) for f in dataclasses.fields(meta)}
    assert repr(meta) == repr(twin(**campos))
    # equal while every field is; one changed field makes them differ
    a, b = modelo.Contacto(unidad="CONEVAL"), modelo.Contacto(unidad="CONEVAL")
    assert a == b and a is not b
    b.email = "x@y.mx"
    assert a != b
