"""README examples that run on a file the README describes but does not ship (a spec with a typo,
a methodology with errors, a hostile name): the file is built here as the README describes it,
and the command prints what the README shows (test_readme_ejemplos leaves them aside)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from issste_mon import metodologia

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
E045 = (REPO / "specs" / "E045.yaml").read_text(encoding="utf-8")


def _muestra(orden: str, n: int = 0) -> list[str]:
    """The lines the README shows after its `n`-th `$ issste-mon <orden>`, up to the next
    command or the end of the block."""
    bloques = re.findall(
        r"^ *\$ issste-mon " + re.escape(orden) + r"\n(.*?)(?=^ *\$ |^ *```)", README, re.S | re.M
    )
    assert len(bloques) > n, f"README: no está «$ issste-mon {orden}»"
    return [x.strip() for x in bloques[n].strip("\n").split("\n")]


def _lineas(texto: str) -> list[str]:
    return [x.rstrip() for x in texto.strip("\n").split("\n")]


def _una_vez(texto: str, viejo: str, nuevo: str) -> str:
    assert texto.count(viejo) == 1, viejo
    return texto.replace(viejo, nuevo)


def test_a_methodology_with_three_typos_gets_every_problem_on_its_line(cli, tmp_path, monkeypatch):
    """«Metodología»: the bundled file with the range upside down, Medio's cut at 0.2 and
    `severidad_amarilo`; one line per problem, in the file's order, exit 2."""
    texto = Path(metodologia.default_path()).read_text(encoding="utf-8")
    texto = _una_vez(texto, "    inferior: 90\n", "    inferior: 110\n")
    texto = _una_vez(texto, "    superior: 110\n", "    superior: 90\n")
    texto = _una_vez(texto, "{nivel: Medio, desde: 0.53}", "{nivel: Medio, desde: 0.2}")
    texto = _una_vez(texto, "    severidad_amarillo:", "    severidad_amarilo:")
    (tmp_path / "m.yaml").write_text(texto, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("cumplimiento", "--metodologia", "m.yaml")
    assert r.code == 2
    assert r.out == ""
    assert _lineas(r.err) == _muestra("cumplimiento --metodologia m.yaml")


def test_a_hostile_name_is_shown_escaped_in_the_table(cli, tmp_path, monkeypatch):
    """«Terminal segura»: the name's ESC, U+202E and rich markup come out as text."""
    (tmp_path / "hostil").mkdir()
    (tmp_path / "hostil" / "E901.yaml").write_text(
        'clave: E901\nramo: 51\nnombre: "Malo \\e[2J \\u202egnp.exe [/red]"\nmir:\n'
        "  - {id: P1, nivel: Propósito, nombre: x, sentido: ascendente,"
        " metas: {2023: {meta: 1, valor: 1}}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("programas", "--specs", "hostil/", "-f", "tabla")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\u202e" not in r.out

    # the words of each line, not the width: how rich shares the spare columns is rich's
    # (14.2 gives «con     Indicadores» one space more than 14.3, and its rule one ─ more)
    def palabras(lineas):
        return [re.sub("─+", "─", x).split() for x in lineas]

    assert palabras(_lineas(r.out)) == palabras(_muestra("programas --specs hostil/ -f tabla"))


@pytest.fixture
def desc(tmp_path, monkeypatch):
    """«validar»: E045 with `hombres:` of 2017 written `hombre:`."""
    (tmp_path / "desc").mkdir()
    texto = _una_vez(E045, "\n    hombres: ND ", "\n    hombre: ND  ")
    (tmp_path / "desc" / "E045.yaml").write_text(texto, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_an_unknown_key_is_an_aviso_naming_the_key_it_resembles(cli, desc):
    r = cli("validar", "desc/")
    assert r.code == 0
    assert _lineas(r.err) == _muestra("validar desc/")


def test_estricto_makes_the_unknown_key_an_error(cli, desc):
    r = cli("validar", "--estricto", "desc/")
    assert _lineas(r.err) + [str(r.code)] == _muestra("validar --estricto desc/; echo $?")


def test_a_count_of_people_with_decimals_is_an_aviso_kept_as_written(cli, tmp_path, monkeypatch):
    """«Personas con decimales»: E045's PA 2017 written 744939.5."""
    (tmp_path / "mala").mkdir()
    texto = _una_vez(E045, "    atendida: 744939 ", "    atendida: 744939.5")
    (tmp_path / "mala" / "E045.yaml").write_text(texto, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("validar", "mala/")
    assert r.code == 0
    assert _lineas(r.err) == _muestra("validar mala/", n=3)


def test_a_misspelt_published_figure_is_an_unknown_key(cli, tmp_path, monkeypatch):
    """«Formato de las specs: reglas de contenido»: E045's cobertura 2017 written `cobertra`."""
    (tmp_path / "mala").mkdir()
    texto = _una_vez(E045, "publicado: {cobertura: ", "publicado: {cobertra: ")
    (tmp_path / "mala" / "E045.yaml").write_text(texto, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("validar", "--estricto", "mala/")
    assert r.code == 2
    assert _lineas(r.err) == _muestra("validar --estricto mala/")


def test_a_utf16_spec_is_named_with_its_conversion(cli, tmp_path, monkeypatch):
    """«Carpetas y archivos que no se pueden leer»: E045 saved as UTF-16 (with its BOM)."""
    (tmp_path / "E045.yaml").write_bytes(E045.encode("utf-16"))
    monkeypatch.chdir(tmp_path)
    r = cli("validar", "E045.yaml")
    assert r.code == 2
    assert _lineas(r.err) == _muestra("validar E045.yaml")


def test_completado_says_in_one_stderr_line_where_it_installed_and_q_before_it_silences_it(
    cli, tmp_path, monkeypatch
):
    """«Opciones comunes»: esquema and completado write no stderr but that line."""
    monkeypatch.setenv("HOME", str(tmp_path))
    r = cli("completado", "bash", "--instalar")
    assert r.code == 0 and r.out == ""
    (linea,) = r.err.splitlines()
    assert linea.startswith("Completado de bash escrito en ")
    r = cli("-q", "completado", "bash", "--instalar")
    assert (r.code, r.out, r.err) == (0, "", "")


def test_importar_writes_its_summary_on_stdout_and_q_keeps_it(cli, tmp_path, monkeypatch):
    """«Opciones comunes», «Errores y límites»: the summary is importar's answer."""
    avance = REPO.parent / "shared" / "data" / "shcp" / "avance_indicadores_muestra.csv"
    if not avance.is_file():
        pytest.skip("SHCP's open data (../shared) not present")
    monkeypatch.chdir(tmp_path)
    r = cli("-q", "importar", "avance", str(avance), "--salida", "nuevas")
    assert r.code == 0 and r.err == ""
    assert "Programas: 9 creados, 0 actualizados, 0 sin cambios." in r.out.splitlines()


def test_ficha_and_its_site_say_what_they_wrote(cli, tmp_path, monkeypatch):
    """«ficha»: the two commands it opens with, on the bundled specs, in a folder of their own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ISSSTE_MON_SPECS", str(REPO / "specs"))
    for orden in ("ficha E045 --salida e045.html", "ficha --todas --salida sitio/"):
        r = cli(*orden.split())
        assert r.code == 0 and r.out == ""
        assert _lineas(r.err) == _muestra(orden)
    assert (tmp_path / "e045.html").read_text(encoding="utf-8").count("<svg") == 5
    paginas = sorted(p.name for p in (tmp_path / "sitio").iterdir())
    assert len([p for p in paginas if p.startswith("51-")]) == 10
    assert "dependencia-ISSSTE.html" in paginas and "index.html" in paginas


def _shcp(nombre: str, tmp_path: Path) -> None:
    fuente = REPO.parent / "shared" / "data" / "shcp" / nombre
    if not fuente.is_file():
        pytest.skip("SHCP's open data (../shared) not present")
    (tmp_path / nombre).write_bytes(fuente.read_bytes())


def _importa(cli, tmp_path, monkeypatch, archivo: str, orden: str) -> None:
    """SHCP's `archivo` copied into `tmp_path` (the working folder), and `orden` (an importar)
    printing what the README shows under it."""
    _shcp(archivo, tmp_path)
    monkeypatch.chdir(tmp_path)
    r = cli(*orden.split())
    assert r.code == 0, r.err
    assert _lineas(r.err + r.out) == _muestra(orden)


def test_shcp_traffic_light_example_is_what_the_commands_print(cli, tmp_path, monkeypatch):
    """«Semáforo de SHCP en `cumplimiento`»: SHCP's sample imported into `shcp`, and the framed
    table (as wide as the README's) with each indicator's color."""
    _importa(
        cli,
        tmp_path,
        monkeypatch,
        "avance_indicadores_muestra.csv",
        "importar avance avance_indicadores_muestra.csv --salida shcp",
    )
    orden = "cumplimiento --specs shcp K012 U001 -f tabla"
    muestra = _muestra(orden)
    monkeypatch.setenv("COLUMNS", str(max(map(len, muestra))))
    r = cli(*orden.split())
    assert r.code == 0, r.err
    assert [x.strip() for x in _lineas(r.out + r.err)] == muestra


def test_the_whole_2017_populations_file_imports_as_the_readme_shows(cli, tmp_path, monkeypatch):
    """«Datos abiertos de SHCP»: the 2,313 rows of 2017 into `todo` (the avisos grouped by rule,
    the summary), and the table of four programs of other ramos the README shows below."""
    _importa(
        cli,
        tmp_path,
        monkeypatch,
        "poblaciones_2017.csv",
        "importar poblaciones poblaciones_2017.csv --salida todo",
    )
    orden = "cobertura 6-S265 10-B002 11-S243 8-U002 --specs todo -f markdown"
    r = cli(*orden.split())
    assert r.code == 0, r.err
    tabla = r.out.split("\n\n")[1]
    debajo = README[README.index(f"$ issste-mon {orden}") :].partition("```\n")[2]
    assert debajo.lstrip("\n").startswith(tabla + "\n"), r.out


def test_an_ambiguous_clave_lists_its_ramos(cli, tmp_path, monkeypatch):
    """«Formato de las specs, v1.1»: the seven E001 of the ISeD, then E001 alone."""
    _importa(
        cli,
        tmp_path,
        monkeypatch,
        "ised_2019_2020.csv",
        "importar ised ised_2019_2020.csv --anio 2020 --clave E001 --salida e001",
    )
    orden = "monitoreo --indice ised E001 --specs e001"
    r = cli(*orden.split())
    assert r.code == 1 and r.out == ""
    assert _lineas(r.err) == _muestra(orden)


def test_every_ised_level_of_the_file_is_audited_and_matches(cli, tmp_path, monkeypatch):
    """«Índice de Seguimiento al Desempeño»: the 535 programs, and verificar's 535 «coincide»."""
    _importa(
        cli,
        tmp_path,
        monkeypatch,
        "ised_2019_2020.csv",
        "importar ised ised_2019_2020.csv --anio 2020 --salida ised",
    )
    r = cli("verificar", "--specs", "ised", "-f", "csv")
    assert r.code == 0
    assert _lineas(r.err) == _muestra("verificar --specs ised -f csv > /dev/null")


def test_a_value_changed_by_hand_is_a_conflict_not_overwritten(cli, tmp_path, monkeypatch):
    """«Conflictos»: U001's 2019 value changed to 96.2 by hand, and the sample imported again."""
    _shcp("avance_indicadores_muestra.csv", tmp_path)
    monkeypatch.chdir(tmp_path)
    orden = "importar avance avance_indicadores_muestra.csv --ramo 9 --salida nuevas"
    assert cli(*orden.split()).code == 0
    spec = tmp_path / "nuevas" / "9" / "U001.yaml"
    spec.write_text(_una_vez(spec.read_text(encoding="utf-8"), "valor: 96.02", "valor: 96.2"))
    r = cli(*orden.split())
    assert r.code == 1
    assert _lineas(r.err + r.out) == _muestra(orden)
    assert "valor: 96.2\n" in spec.read_text(encoding="utf-8")


def test_hostile_yaml_is_refused_on_its_line(cli, tmp_path, monkeypatch):
    """«Errores y límites»: an alias bomb and a Python tag of tests/hostiles, a symlink loop."""
    for nombre in ("alias-billion-laughs.yaml", "tag-python-object-apply.yaml"):
        (tmp_path / nombre).write_bytes((REPO / "tests" / "hostiles" / nombre).read_bytes())
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    monkeypatch.chdir(tmp_path)
    for nombre in ("alias-billion-laughs.yaml", "tag-python-object-apply.yaml", "loop.yaml"):
        r = cli("validar", nombre)
        assert r.code == 2
        assert _lineas(r.err) == _muestra(f"validar {nombre}")


def test_an_output_that_is_a_link_or_an_input_is_refused(cli, tmp_path, monkeypatch):
    """«Archivos de salida»: a symlink planted as informe.csv, and a spec named as --salida."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "E045.yaml").write_text(E045, encoding="utf-8")
    (tmp_path / "informe.csv").symlink_to(tmp_path / "bashrc")
    monkeypatch.chdir(tmp_path)
    for orden in ("cobertura --salida informe.csv", "cobertura --salida specs/E045.yaml"):
        r = cli(*orden.split())
        assert r.code == 2 and r.out == ""
        assert _lineas(r.err) == _muestra(orden)
    assert not (tmp_path / "bashrc").exists()
    assert (tmp_path / "specs" / "E045.yaml").read_text(encoding="utf-8") == E045


def test_bom_writes_utf8_with_its_mark(cli, tmp_path, monkeypatch):
    """«CSV para Excel»: `head -c 3 presupuesto.csv | od -An -tx1` shows the BOM."""
    monkeypatch.chdir(REPO)
    salida = tmp_path / "presupuesto.csv"
    r = cli("presupuesto", "E045", "-f", "csv", "--bom", "-o", str(salida))
    assert r.code == 0 and r.out == ""
    od = README.split("$ head -c 3 presupuesto.csv | od -An -tx1\n", 1)[1].split("\n", 1)[0]
    assert " ".join(f"{b:02x}" for b in salida.read_bytes()[:3]) == od.strip() == "ef bb bf"
    assert salida.read_bytes()[3:].decode("utf-8").split("\r\n")[0].startswith("clave,ramo,")
