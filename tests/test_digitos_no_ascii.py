"""A figure written with digits other than 0–9 is refused, never read: Python's Decimal(), int()
and float() and a pattern's \\d take any Unicode digit, so `publicado: {cobertura: "９４.９０ %"}`
(fullwidth) or `"٩٤.٩٠ %"` (Arabic-Indic), copied from a PDF, was read as 94.90 and «coincidía»
without a word — a figure that is not what the document prints. Where issste-mon turns a
person's text into a number (a spec's published figures and statements, a cell of an SHCP
file, the year of an import file's name or header, a year, a ramo or a clave on the command
line) such digits are an error that says so."""

from __future__ import annotations

import csv
import shutil

import pytest
from conftest import SHARED

from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.importar.comun import NoNumero, decimal_de
from issste_mon.salida.numfmt import digitos_no_ascii, parse_conteo, parse_publicado
from tests.conftest import problemas_de, spec_e045

COBERTURA = 'publicado: {cobertura: "94.90 %"}'
# 94.90 in other scripts: fullwidth, Arabic-Indic (with a dot and with the Arabic decimal
# separator ٫), Devanagari, and one odd digit among ASCII ones
OTRAS = ["９４.９０ %", "٩٤.٩٠ %", "٩٤٫٩٠ %", "९४.९० %", "94.9٠ %"]


@pytest.mark.parametrize("texto", OTRAS)
def test_a_published_figure_with_other_digits_is_an_error_at_its_place(tmp_path, cli, texto):
    folder = spec_e045(tmp_path, COBERTURA, f'publicado: {{cobertura: "{texto}"}}')
    linea = (
        "E045.yaml:22:28: poblaciones.2017.publicado.cobertura: cifra con dígitos no ASCII: "
        f'"{texto}"; escríbala con los dígitos 0 a 9'
    )
    assert problemas_de(folder) == [linea]
    for comando in ("validar", "verificar"):
        r = cli(comando, "--specs", folder) if comando == "verificar" else cli(comando, folder)
        assert r.code == 2 and r.out == ""
        assert r.err == f"{folder}/{linea}\n"


def test_a_statement_s_figure_with_other_digits_is_an_error(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    texto = (bundled_specs_dir() / "ISSSTE.yaml").read_text(encoding="utf-8")
    assert texto.count('publicado: "4 (44%)"') == 1
    (folder / "ISSSTE.yaml").write_text(
        texto.replace('publicado: "4 (44%)"', 'publicado: "٤ (٤٤%)"'), encoding="utf-8"
    )
    (problema,) = problemas_de(str(folder))
    assert problema.endswith(
        ': resumen.2024[5].publicado: cifra con dígitos no ASCII: "٤ (٤٤%)"; escríbala con los '
        "dígitos 0 a 9"
    )


def test_a_number_field_written_as_such_a_text_says_why(tmp_path):
    folder = spec_e045(tmp_path, "meta: 543.35", 'meta: "５４３.３５"')
    assert problemas_de(folder) == [
        "E045.yaml:68:15: mir[0].metas.2017.meta: se esperaba un número o ND/NA, se encontró "
        '"５４３.３５" (cifra con dígitos no ASCII): escríbala con los dígitos 0 a 9'
    ]


def test_the_parsers_of_printed_figures_read_only_0_to_9():
    assert parse_publicado("94.90 %").valor == parse_publicado("94.90\xa0%").valor
    assert [parse_publicado(t) for t in OTRAS] == [None] * len(OTRAS)
    assert parse_conteo("5 (56%)").n == 5
    assert parse_conteo("٥ (٥٦%)") is None
    assert not digitos_no_ascii("Básico 94.90 % ² ½")  # (letters, signs: not digits)
    assert all(digitos_no_ascii(t) for t in OTRAS)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["cobertura", "--anio", "٢٠١٧"], "año con dígitos no ASCII: «٢٠١٧»"),
        (["cobertura", "--anio", "２０１７"], "año con dígitos no ASCII: «２０１７»"),
        (["cobertura", "E٠٤٥"], 'clave no válida "E٠٤٥"'),
        (["cobertura", "５１-E045"], 'clave no válida "５１-E045"'),
    ],
)
def test_the_command_line_refuses_them(cli, args, error):
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert error in r.err.splitlines()[0], r.err


def test_a_cell_with_them_is_no_number():
    assert decimal_de("0.721153846") == decimal_de("0.721153846 ")
    for texto in ("٠.٧٢١١٥٣٨٤٦", "０.７２１", "1,٥٠٠"):
        with pytest.raises(NoNumero):
            decimal_de(texto)


SHCP = SHARED / "data" / "shcp"


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
def test_importar_does_not_read_them_as_the_figure(cli, tmp_path):
    """The ISeD of 51-E015 written with Arabic-Indic digits: said and left out, not written
    as 0.721153846; the same row with 0–9 is imported. A --ramo with them is refused."""
    with open(SHCP / "ised_2019_2020.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames)
        (fila,) = [r for r in reader if r["Pp"] == "E015" and r["ID_RAMO"] == "51.0"]
    assert fila["RESULTADO_ISED"] == "0.721153846"
    for digitos, esperado in (("0.721153846", 0), ("٠.٧٢١١٥٣٨٤٦", 1)):
        src = tmp_path / "ised.csv"
        with open(src, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, header, lineterminator="\n")
            w.writeheader()
            w.writerow({**fila, "RESULTADO_ISED": digitos})
        out = tmp_path / "s"
        shutil.rmtree(out, ignore_errors=True)
        r = cli("importar", "ised", str(src), "--anio", "2020", "-o", str(out))
        assert r.code == esperado, r.err
        if esperado:
            assert f'{src}:2: 51-E015: RESULTADO_ISED "{digitos}" no es un número' in r.err
            assert not (out / "51" / "E015.yaml").exists()
        else:
            texto = (out / "51" / "E015.yaml").read_text(encoding="utf-8")
            assert "valor: 0.721153846" in texto
    r = cli("importar", "ised", str(src), "--anio", "2020", "--ramo", "٥١", "-o", str(out))
    assert r.code == 2 and 'ramo no válido "٥١"' in r.err


def _poblaciones(tmp_path, archivo: str, nombre: str, ramo: str, cambia: dict[str, str]):
    """SHCP's population file, the rows of one ramo, saved under another name and with some
    header names changed."""
    with open(SHCP / archivo, encoding="utf-8", newline="") as f:
        filas = [r for n, r in enumerate(csv.reader(f)) if n == 0 or r[0] == ramo]
    filas[0] = [cambia.get(h, h) for h in filas[0]]
    src = tmp_path / nombre
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(filas)
    return src


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
@pytest.mark.parametrize("anio", ["20١٧", "٢٠١٧", "２０１７"])
def test_a_file_name_s_year_with_them_is_no_year(cli, tmp_path, anio):
    """poblaciones_20١٧.csv (the 2017 layout, whose year only its name gives) was filed under
    2017 without a word: now the name gives no year, and the message says why; with --anio the
    file is imported as any other."""
    from issste_mon.importar.poblaciones import anio_de

    src = _poblaciones(tmp_path, "poblaciones_2017.csv", f"poblaciones_{anio}.csv", "51.0", {})
    assert anio_de(str(src)) is None and anio_de(str(tmp_path / "poblaciones_2017.csv")) == 2017
    assert anio_de("poblaciones_2017_٢٠١٨.csv") is None  # (two years: none is the file's)
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(src), "-o", str(out))
    assert r.code == 2 and r.out == "" and not out.exists()
    assert r.err == (
        f"error: no se deduce el año fiscal del nombre {src} (año con dígitos no ASCII: "
        f"«{anio}»; solo se leen los dígitos 0 a 9): indíquelo con --anio\n"
    )
    r = cli("importar", "poblaciones", str(src), "--anio", "2017", "-o", str(out))
    assert r.code == 0, r.err
    assert "  2017:\n" in (out / "51" / "E036.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
@pytest.mark.parametrize("anio", ["٢٠٢٠", "２０２０"])
def test_a_header_s_year_with_them_is_an_error(cli, tmp_path, anio):
    """«Cuantificación ２０２０» was read as the 2020 column (fold makes it ASCII), and
    «Cuantificación ٢٠٢٠» was skipped, every programada lost without a word: both are now an
    error at the header, whatever year the name or --anio gives."""
    cambia = {"Cuantificación 2020": f"Cuantificación {anio}"}
    for nombre in ("pob.csv", "poblaciones_2020.csv"):
        src = _poblaciones(tmp_path, "poblaciones_2020.csv", nombre, "51", cambia)
        for mas in ((), ("--anio", "2020")):
            out = tmp_path / "s"
            r = cli("importar", "poblaciones", str(src), *mas, "-o", str(out))
            assert r.code == 2 and r.out == "" and not out.exists(), r.err
            assert r.err == (
                f"{src}:1:1: Cuantificación {anio}: año con dígitos no ASCII: escríbalo con los "
                "dígitos 0 a 9 (es la columna de la población programada del año)\n"
            )


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
def test_a_clave_with_them_is_an_omitted_row_named_by_its_line(cli, tmp_path):
    """`Programa (Pp)` «E٠١5» matched `[A-Z]\\d{3}`: the row was counted as imported and the
    command failed later, at the spec it wrote, without the row's line."""
    src = _poblaciones(tmp_path, "poblaciones_2020.csv", "poblaciones_2020.csv", "51", {})
    with open(src, encoding="utf-8", newline="") as f:
        filas = list(csv.reader(f))
    col = filas[0].index("Programa (Pp)")
    assert filas[1][col] == "E015"
    filas[1][col] = "E٠١5"
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(filas)
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(src), "-o", str(out))
    assert r.code == 0, r.err
    assert f'{src}:2: fila omitida: ramo "51", clave "E٠١5"' in r.err
    assert f"{len(filas) - 1} filas leídas, {len(filas) - 2} importadas" in r.out
    assert not (out / "51" / "E015.yaml").exists()


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
@pytest.mark.parametrize("ramo", ["٥١", "５１", "5١"])
def test_a_spec_s_ramo_with_them_is_no_ramo_and_is_said(cli, tmp_path, ramo):
    """`ramo: ٥١` in the folder's E045.yaml: `importar`'s ramo detection (`\\d`, and int() of
    the parsed text) read it as 51, and the file passed for the spec of 51-E045, refused only
    later as invalid, with the loader's «se esperaba un número entero». The loader reads no
    ramo there: it is no ramo 51 (`Indice.ramo` is None), yet it may be the person's spec of
    51-E045, so nothing is written — neither in it nor beside it — and the error says what to
    write. With `ramo: ٥٢` it is another program's spec, and 51/E045.yaml is created."""
    from issste_mon.importar.escritura import Indice

    src, out, spec, texto = _spec_a_mano(tmp_path, ramo)
    assert Indice(out).ramo(spec) is None
    r = cli("importar", "poblaciones", str(src), "--clave", "E045", "-o", str(out))
    assert r.code == 1
    assert (
        f"error: mias/E045.yaml: ramo (línea 2): «{ramo}» está escrito con dígitos que no son 0 "
        "a 9, y el cargador no lo lee: si es la spec de 51-E045, escriba «ramo: 51» y vuelva a "
        "importar (no se escribe nada)\n"
    ) in r.err
    assert spec.read_text(encoding="utf-8") == texto
    assert not (out / "51").exists()
    spec.write_text(texto.replace(ramo, "٥٢"), encoding="utf-8")
    r = cli("importar", "poblaciones", str(src), "--clave", "E045", "-o", str(out))
    assert r.code == 0, r.err
    assert (out / "51" / "E045.yaml").exists() and "٥٢" in spec.read_text(encoding="utf-8")


def _spec_a_mano(tmp_path, ramo: str):
    """(the 2017 populations file, the output folder, a person's mias/E045.yaml in it with
    `ramo: {ramo}`, its text)."""
    src = _poblaciones(tmp_path, "poblaciones_2017.csv", "poblaciones_2017.csv", "51.0", {})
    out = tmp_path / "s"
    (out / "mias").mkdir(parents=True)
    spec = out / "mias" / "E045.yaml"
    texto = f"clave: E045\nramo: {ramo}\nnombre: Escrito a mano\n"
    spec.write_text(texto, encoding="utf-8")
    return src, out, spec, texto


@pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")
@pytest.mark.parametrize(
    ("ramo", "encontro"),
    [("51.0", "51.0"), ("051", "051"), ("+51", "+51"), ("0x33", "0x33"), ("5_1", '"5_1"')],
)
def test_a_spec_s_ramo_the_loader_refuses_is_not_given_a_second_spec(cli, tmp_path, ramo, encontro):
    """`ramo: 51.0` (or 051, +51, 0x33, 5_1) in the folder's E045.yaml: reading ramos with
    digits 0–9 only made the file no spec of 51-E045, and `importar` wrote 51/E045.yaml beside
    it (exit 0: two specs of 51-E045 once the person fixes the ramo). It is refused, as before,
    with the loader's reason, and nothing is written."""
    src, out, spec, texto = _spec_a_mano(tmp_path, ramo)
    r = cli("importar", "poblaciones", str(src), "--clave", "E045", "-o", str(out))
    assert r.code == 1
    assert (
        f"error: mias/E045.yaml: la spec existente no es válida; no se modifica: {spec}:2:7: "
        f"ramo: se esperaba un número entero, se encontró {encontro}"
    ) in r.err
    assert spec.read_text(encoding="utf-8") == texto
    assert not (out / "51").exists()
