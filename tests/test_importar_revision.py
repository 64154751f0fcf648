"""`importar` never drops or hides what the source says: a year that contradicts the header, a
repeated row with other values, an unknown published level, a file with no rows. Built from
the real files in /work/shared/data/shcp."""

from __future__ import annotations

import csv
import shutil

import pytest
import yaml
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
POB20 = SHCP / "poblaciones_2020.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def test_year_against_the_header_is_an_error(cli, tmp_path):
    """poblaciones_2020.csv has «Cuantificación 2020»: filed under 2019, every programada
    would be lost."""
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(POB20), "--anio", "2019", "--ramo", "51", "-o", str(out))
    assert r.code == 2 and not out.exists()
    (linea,) = r.err.strip().splitlines()
    assert "poblaciones_2020.csv:1" in linea and "2020" in linea and "--anio dice 2019" in linea
    copia = tmp_path / "pob_2018.csv"
    shutil.copy(POB20, copia)
    r = cli("importar", "poblaciones", str(copia), "--ramo", "51", "-o", str(out))
    assert r.code == 2 and not out.exists()
    assert "pob_2018.csv:1" in r.err and "el nombre del archivo dice 2018" in r.err
    # the header's year given explicitly wins over the name
    r = cli("importar", "poblaciones", str(copia), "--anio", "2020", "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    assert "programada: 9118370\n" in (out / "51" / "E018.yaml").read_text(encoding="utf-8")


AVANCE = SHCP / "avance_indicadores_muestra.csv"
ISED = SHCP / "ised_2019_2020.csv"


def _filas(fuente, encoding: str = "utf-8") -> tuple[list[str], list[dict]]:
    """(header, rows) of a real SHCP file."""
    with open(fuente, encoding=encoding, newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def _escribir(path, header: list[str], rows: list[dict]) -> str:
    """A CSV of `rows` under `header` (UTF-8, LF), as a crafted source file."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return str(path)


def _avance(path, cambiar) -> str:
    """The sample's 9-U001 2019 row, then the rows `cambiar` makes of it."""
    header, rows = _filas(AVANCE, "latin-1")
    fila = next(r for r in rows if r["MODALIDAD_PP"] == "U 001" and r["CICLO"] == "2019")
    una_linea = [{k: " ".join(v.split()) for k, v in r.items()} for r in [fila, *cambiar(fila)]]
    return _escribir(path, header, una_linea)


def test_avance_repeated_row_with_other_value_is_a_conflict(cli, tmp_path):
    src = _avance(tmp_path / "av.csv", lambda f: [f, {**f, "AVANCE_CP": "99.99"}])
    out = tmp_path / "s"
    r = cli("importar", "avance", src, "-o", str(out))
    assert r.code == 1
    assert (
        f"conflicto: {src}:2 y {src}:4: 2019 9-U001 indicador 142313 repetido con otros "
        "valores: metas.valor: la línea 2 dice 96.02, la línea 4 dice 99.99 (se conserva la "
        "línea 2)"
    ) in r.err
    assert f"aviso: {src}:3: 2019 9-U001 indicador 142313: igual a la línea 2; se omite" in r.err
    assert "Conflictos en la fuente: 1" in r.out
    assert "valor: 96.02" in (out / "9" / "U001.yaml").read_text(encoding="utf-8")
    # an identical repeat alone: an aviso, exit 0
    src = _avance(tmp_path / "av2.csv", lambda f: [f])
    r = cli("importar", "avance", src, "-o", str(tmp_path / "s2"))
    assert r.code == 0 and "igual a la línea 2" in r.err and "conflicto" not in r.err


def test_ised_repeated_program_with_other_value_is_a_conflict(cli, tmp_path):
    def repetida(rows):
        e015 = next(r for r in rows if r["Pp"] == "E015" and r["ID_RAMO"] == "51.0")
        return [e015, {**e015, "RESULTADO_ISED": "0.5"}]

    src = _ised(tmp_path / "ised.csv", repetida)
    r = cli("importar", "ised", str(src), "--anio", "2020", "-o", str(tmp_path / "s"))
    assert r.code == 1
    assert (
        f"{src}:2 y {src}:3: 51-E015 repetido con otros valores: valor: la línea 2 dice "
        "0.721153846, la línea 3 dice 0.5"
    ) in r.err


def _ised(path, filas_de) -> str:
    header, rows = _filas(ISED)
    return _escribir(path, header, filas_de(rows))


def test_ised_unknown_level_is_kept_as_written(cli, tmp_path):
    def filas(rows):
        o001 = next(r for r in rows if r["Pp"] == "O001" and r["ID_RAMO"] == "51.0")
        return [{**o001, "RESULTADO_ISED_CUALITATIVO": "Me"}]

    out = tmp_path / "s"
    r = cli("importar", "ised", _ised(tmp_path / "t3.csv", filas), "--anio", "2020", "-o", str(out))
    assert r.code == 0, r.err
    assert 'nivel ISeD desconocido "Me"; se guarda en nivel_shcp' in r.err
    texto = (out / "51" / "O001.yaml").read_text(encoding="utf-8")
    assert "    valor: 0.441947566\n    nivel_shcp: Me\n" in texto
    assert "nota: 'nivel publicado «Me» desconocido" in texto
    r = cli("validar", "--estricto", "--sin-cache", str(out))
    assert r.code == 0, r.out + r.err


@pytest.mark.parametrize(
    ("orden", "fuente", "extra"),
    [
        ("ised", ISED, ["--anio", "2020"]),
        ("avance", AVANCE, []),
        ("poblaciones", POB20, ["--anio", "2020"]),
        ("poblaciones", SHCP / "poblaciones_2017.csv", ["--anio", "2017"]),
    ],
)
def test_header_only_file_says_so(cli, tmp_path, orden, fuente, extra):
    enc = "latin-1" if fuente == AVANCE else "utf-8"
    with open(fuente, encoding=enc, newline="") as f:
        encabezado = f.readline()
    src = tmp_path / "h.csv"
    src.write_text(encabezado, encoding=enc)
    r = cli("importar", orden, str(src), *extra, "-o", str(tmp_path / "o"))
    assert r.code == 1
    assert r.err.strip() == f"error: {src}: el archivo no tiene filas de datos; no se escribió nada"
    assert "filtro" not in r.err and not (tmp_path / "o").exists()


def test_messages_name_the_source_line_and_column(cli, tmp_path):
    # a negative population: the CSV's line and column, not the spec it would have made
    header, rows = _filas(SHCP / "poblaciones_2017.csv")
    e015 = next(r for r in rows if r["Clave_Pp"] == "E015" and r["Ramo"] == "51.0")
    src = _escribir(
        tmp_path / "p_2017.csv", header, [{**e015, "Poblacion_atendida_indistinto": "-5"}]
    )
    out = tmp_path / "o"
    r = cli("importar", "poblaciones", str(src), "-o", str(out))
    assert r.code == 2 and not out.exists()
    assert r.err.strip() == (
        f"{src}:2:1: Poblacion_atendida_indistinto: cifra negativa -5: una población no puede "
        "ser negativa"
    )
    # SENTIDO unknown or empty: the field and its value
    src = _avance(
        tmp_path / "av.csv",
        lambda f: [
            {**f, "ID_INDICADOR": "1", "SENTIDO": "Regular"},
            {**f, "ID_INDICADOR": "2", "SENTIDO": ""},
            {**f, "ID_INDICADOR": "3", "UMBRAL_VERDE": "yes"},
        ],
    )
    r = cli("importar", "avance", src, "-o", str(tmp_path / "a"), "--detalle")
    assert r.code == 0, r.err
    assert (
        f'{src}:3: 2019 9-U001: SENTIDO "Regular" desconocido (se esperaba ascendente | '
        "descendente | constante); fila omitida"
    ) in r.err
    assert f"{src}:4: 2019 9-U001: SENTIDO vacío; fila omitida" in r.err
    # one bad cell read for the row and for the year is one aviso, not «2 filas»
    assert r.err.count("UMBRAL_VERDE") == 1
    assert f'aviso: {src}:5: 2019 9-U001: UMBRAL_VERDE "yes" no es un número; se omite' in r.err


def test_semicolon_file_gets_a_hint(cli, tmp_path):
    src = tmp_path / "ised.csv"
    src.write_text(ISED.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    r = cli("importar", "ised", str(src), "--anio", "2020", "-o", str(tmp_path / "o"))
    assert r.code == 2
    assert "tiene 1 columna: ¿separado por punto y coma?" in r.err


def test_2017_columns_not_imported_are_named_once(cli, tmp_path):
    r = cli(
        "importar", "poblaciones", str(SHCP / "poblaciones_2017.csv"), "--ramo", "51",
        "-o", str(tmp_path / "o"),
    )  # fmt: skip
    assert r.code == 0, r.err
    # definitions, tipos, fuentes, instancias and Comentarios have a place (definicion, tipo,
    # fuente, comentario): only the support's type has none
    linea = (
        "poblaciones_2017.csv: columnas del formato de 2017 que no se importan: "
        "Tipo_bien_servicio_o_apoyo\n"
    )
    assert linea in r.err and r.err.count("que no se importan") == 1


def test_a_conflict_between_long_names_shows_where_they_differ(cli, tmp_path):
    """20-S174's name ends in a footnote digit in the populations file and not in the ISeD
    file: the conflict shows the ends that differ, not the 60 characters they share."""
    out = tmp_path / "o"
    r = cli("-q", "importar", "poblaciones", str(POB20), "--clave", "20-S174", "-o", str(out))
    assert r.code == 0, r.err
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "20-S174", "-o", str(out))
    assert (
        'nombre: el archivo dice "… Madres Trabajadoras6", la fuente "… MADRES TRABAJADORAS"'
        in r.err
    )


def test_salida_a_dangling_symlink_says_so_in_spanish(cli, tmp_path):
    (tmp_path / "S").symlink_to(tmp_path / "nada")
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "-o", str(tmp_path / "S"))
    assert r.code == 2
    assert r.err.strip() == (
        f"error: no se puede escribir en {tmp_path / 'S'}: es un enlace simbólico roto "
        f"(apunta a {tmp_path / 'nada'})"
    )


def test_2017_year_against_the_file_name_is_an_error(cli, tmp_path):
    """poblaciones_2017.csv with --anio 2018: every corte says 2017; filed under 2018 silently
    it was. Now exit 2 naming both years, as the 2020 layout does with its header's year."""
    pob17 = SHCP / "poblaciones_2017.csv"
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(pob17), "--anio", "2018", "--ramo", "51", "-o", str(out))
    assert r.code == 2 and not out.exists()
    (linea,) = r.err.strip().splitlines()
    assert f"{pob17}:1" in linea
    assert "el nombre del archivo dice 2017 y --anio dice 2018" in linea
    r = cli("importar", "poblaciones", str(pob17), "--anio", "2017", "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    # from stdin there is no name: the cut-off years say it, on stderr
    r = cli(
        "importar",
        "poblaciones",
        "-",
        "--anio",
        "2018",
        "--ramo",
        "51",
        "-o",
        str(tmp_path / "e"),
        stdin=pob17.read_bytes(),
    )
    assert "la mayoría de las filas tiene corte de la PA en 2017 (9 de 11), no en 2018" in r.err
    assert "(cortes: 2016: 2 filas, 2017: 9 filas)" in r.err


@pytest.mark.parametrize("anio", ["2018", "2019"])
def test_ised_edition_against_the_file_name_is_an_error(cli, tmp_path, anio):
    """ised_2019_2020.csv with --anio 2018 (or 2019, the period's first year) was filed under
    that edition without a word; now exit 2 at the file's line 1, as poblaciones does, and
    the library names its argument, not the option."""
    import issste_mon as im

    out = tmp_path / "s"
    r = cli("importar", "ised", str(ISED), "--anio", anio, "--ramo", "51", "-o", str(out))
    assert r.code == 2 and r.out == "" and not out.exists()
    assert r.err == (
        f"{ISED}:1:1: el nombre del archivo dice 2019–2020 (edición 2020) y --anio dice {anio}: "
        "el ISeD quedaría en otra edición; indique --anio 2020 o renombre el archivo\n"
    )
    with pytest.raises(im.SpecError) as info:
        im.importar_ised(ISED, salida=out, edicion=int(anio), ramo=51)
    assert str(info.value) == (
        f"{ISED}:1:1: el nombre del archivo dice 2019–2020 (edición 2020) y `edicion` dice "
        f"{anio}: el ISeD quedaría en otra edición; indique `edicion` 2020 o renombre el archivo"
    )
    assert not out.exists()


def test_ised_edition_defaults_to_the_file_name_s(cli, tmp_path):
    """Without --anio (`edicion`), the name gives the edition: 2020 for ised_2019_2020.csv,
    2021 for ised_2021.csv; a name with no year (or stdin) still needs it, and says so."""
    import issste_mon as im

    r = cli("importar", "ised", str(ISED), "--ramo", "51", "-o", str(tmp_path / "a"))
    assert r.code == 0, r.err
    doc = yaml.safe_load((tmp_path / "a" / "51" / "E018.yaml").read_text(encoding="utf-8"))
    assert list(doc["ised"]) == [2020] and str(doc["ised"][2020]["valor"]) == "0.794695481"
    hecho = im.importar_ised(ISED, salida=tmp_path / "b", ramo=51)
    assert len(hecho.lote.programas) == 23
    assert (tmp_path / "b" / "51" / "E018.yaml").read_text(encoding="utf-8") == (
        tmp_path / "a" / "51" / "E018.yaml"
    ).read_text(encoding="utf-8")
    una = tmp_path / "ised_2021.csv"
    shutil.copy(ISED, una)
    r = cli("importar", "ised", str(una), "--clave", "51-E018", "-o", str(tmp_path / "c"))
    assert r.code == 0, r.err
    doc = yaml.safe_load((tmp_path / "c" / "51" / "E018.yaml").read_text(encoding="utf-8"))
    assert list(doc["ised"]) == [2021]
    sin = tmp_path / "ised.csv"
    shutil.copy(ISED, sin)
    r = cli("importar", "ised", str(sin), "-o", str(tmp_path / "d"))
    assert r.code == 2 and not (tmp_path / "d").exists()
    assert r.err == (
        f"error: no se deduce el año de la edición del ISeD del nombre {sin}: indíquelo con "
        "--anio\n"
    )
    r = cli("importar", "ised", "-", "-o", str(tmp_path / "d"), stdin=ISED.read_bytes())
    assert r.code == 2 and r.err == (
        "error: no se deduce el año de la edición del ISeD de la entrada estándar (sin nombre): "
        "indíquelo con --anio\n"
    )
    with pytest.raises(im.EntradaInvalida) as info:
        im.importar_ised(sin, salida=tmp_path / "d")
    assert info.value.argumentos == ("edicion",)
    assert str(info.value).endswith("indíquelo con `edicion`")
    r = cli("importar", "ised", str(sin), "--anio", "2020", "-r", "51", "-o", str(tmp_path / "d"))
    assert r.code == 0, r.err
