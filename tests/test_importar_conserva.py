"""`importar` keeps what a file or a source says and says why it writes nothing: options shared
with the rest of the CLI, the reason a run wrote nothing, the 2017 columns that have a place in
a spec, and what `--reemplazar` removes. Built from the real files in /work/shared/data/shcp."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SHARED

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


@pytest.mark.parametrize(
    "comando",
    [
        ("ised", str(ISED), "--anio", "2020"),
        ("poblaciones", str(POB17)),
        ("avance", str(AVANCE)),
    ],
)
def test_quiet_after_the_subcommand_means_what_it_means_before(cli, tmp_path, comando):
    antes = cli("-q", "importar", *comando, "--ramo", "51", "-o", str(tmp_path / "a"))
    despues = cli("importar", *comando, "--ramo", "51", "-o", str(tmp_path / "b"), "-q")
    assert "opción desconocida" not in despues.err
    assert (despues.code, despues.err, despues.out) == (antes.code, antes.err, antes.out)
    assert "aviso:" not in despues.err
    if comando[0] == "poblaciones":  # the avisos a run without it prints
        sin = cli("importar", *comando, "--ramo", "51", "-o", str(tmp_path / "c"))
        assert "aviso:" in sin.err


def _ised_sin_numero(path) -> str:
    """The first two rows of the ISeD file, each with text where RESULTADO_ISED goes."""
    with open(ISED, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header, filas = next(reader), [next(reader), next(reader)]
    i = header.index("RESULTADO_ISED")
    for fila in filas:
        fila[i] = "por determinar"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *filas])
    return str(path)


def test_nothing_written_says_why_not_a_filter_nobody_gave(cli, tmp_path):
    src = _ised_sin_numero(tmp_path / "ised.csv")
    r = cli("importar", "ised", src, "--anio", "2020", "-o", str(tmp_path / "o"))
    assert r.code != 0 and not (tmp_path / "o").exists()
    assert "coincide con el filtro" not in r.err
    assert (
        f"error: ninguna fila de {src} se pudo importar: 2 omitidas "
        "(RESULTADO_ISED no es un número: 2); no se escribió nada\n"
    ) in r.err
    assert "Traceback" not in r.err
    # a filter that leaves every row out is still named as the reason
    r = cli("importar", "ised", src, "--anio", "2020", "--ramo", "99", "-o", str(tmp_path / "o"))
    assert f"error: ningún programa de {src} coincide con el filtro; no se escribió nada" in r.err


BUNDLED = Path(__file__).resolve().parents[1] / "specs"
QUITADOS = [
    'poblaciones.2017.unidad_medida "Derechohabientes"',
    "poblaciones.2017.potencial 14756442",
    "poblaciones.2017.objetivo 784969",
    "poblaciones.2017.atendida 744939",
    'poblaciones.2017.publicado {cobertura: "94.90 %"}',
    *(f"poblaciones.2017.{k} ND" for k in ("entidades", "municipios", "localidades")),
    *(f"poblaciones.2017.{k} ND" for k in ("hombres", "mujeres")),
]


def _e045(tmp_path) -> Path:
    out = tmp_path / "m"
    out.mkdir()
    shutil.copy(BUNDLED / "E045.yaml", out / "E045.yaml")
    return out


def test_reemplazar_a_year_total_with_components_names_every_field_it_removes(cli, tmp_path):
    """E045's 2017 is CONEVAL's program total (with its published cobertura); SHCP gives five
    components. --reemplazar writes the components, keeps what a year with components admits
    (the hand-written fuente and nota, their comments) and names every other field, with its
    value, on the conflict line."""
    out = _e045(tmp_path)
    antes = yaml.safe_load((out / "E045.yaml").read_text(encoding="utf-8"))["poblaciones"][2017]
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    (linea,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert linea.startswith(
        "conflicto: E045.yaml:17:5: poblaciones.2017: el archivo dice un total del año, la fuente "
        "componentes (reemplazado; se quitan del archivo"
    )
    for quitado in QUITADOS:
        assert quitado in linea
    assert "se conservan: poblaciones.2017.fuente, poblaciones.2017.nota" in linea
    texto = (out / "E045.yaml").read_text(encoding="utf-8")
    despues = yaml.safe_load(texto)["poblaciones"][2017]
    assert despues["fuente"] == antes["fuente"] == "CONEVAL, FMyE 2017-2018"
    assert despues["nota"].startswith(antes["nota"])  # the person's nota, then the import's
    assert "Importado de SHCP (poblaciones, formato de 2017)" in despues["nota"]
    assert len(despues["componentes"]) == 5
    # nothing of the old year left without a word: kept, or named with its value
    for k in antes:
        assert k in despues or f"poblaciones.2017.{k} " in linea
    assert '    fuente: "CONEVAL, FMyE 2017-2018"\n' in texto  # untouched, quoting kept
    assert "# seed 001" in texto  # comments elsewhere stay
    r = cli("validar", "--estricto", str(out))
    assert r.code == 0 and "clave desconocida" not in r.err
    # an import of the same source again changes nothing and reports nothing
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0 and "conflicto" not in r.err and "1 sin cambios" in r.out


def test_reemplazar_counts_and_lists_the_components_it_writes_over_a_total(cli, tmp_path):
    """The five components written over E045's 2017 total were «0 componentes» in the summary,
    and --simular listed none of them."""
    out = _e045(tmp_path)
    args = ["importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out)]
    simulado = cli(*args, "--reemplazar", "--simular")
    escrito = cli(*args, "--reemplazar")
    assert (simulado.code, escrito.code) == (0, 0), escrito.err
    nombres = [c["nombre"] for c in yaml.safe_load((out / "E045.yaml").read_text(encoding="utf-8"))[
        "poblaciones"][2017]["componentes"]]  # fmt: skip
    assert len(nombres) == 5
    for r in (simulado, escrito):
        assert "Nuevos: 0 indicadores, 0 años o ediciones, 5 componentes de población." in r.out
    for nombre in nombres:
        assert f"  + poblaciones.2017.componentes[{nombre}]\n" in simulado.out
    # without --reemplazar the total stays, and no component is counted or listed
    (tmp_path / "b").mkdir()
    otra = _e045(tmp_path / "b")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(otra),
            "--simular")  # fmt: skip
    assert r.code == 1 and "0 componentes de población." in r.out and "  + " not in r.out


def test_reemplazar_leaves_blank_lines_and_comments_between_sections_where_they_were(cli, tmp_path):
    """E045's blank line between poblaciones and presupuesto stays between them when
    --reemplazar turns 2017 into components (the components went after it, and the blank line
    inside the year); a comment at column 0 above the next section stays above it."""
    out = _e045(tmp_path)
    ruta = out / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    assert "sociales/culturales); un derechohabiente puede contarse en varios (Ficha" in texto
    texto = texto.replace("\n\npresupuesto:\n", "\n\n# presupuesto de la ficha\npresupuesto:\n")
    ruta.write_text(texto, encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    i = lineas.index("presupuesto:")
    assert lineas[i - 2 : i] == ["", "# presupuesto de la ficha"]
    assert lineas[i - 3].startswith("        comentario: ")  # the last component's last line
    j = lineas.index("    componentes:")
    assert lineas[j - 1].startswith("      queda en `desglose`")  # the nota's, no blank line
    assert lineas.count("") == texto.splitlines().count("")

    # the same with what the import adds back to a MIR row (a key a person deleted)
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path / "u"))
    assert r.code == 0, r.err
    ruta = tmp_path / "u" / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    (medios,) = [x for x in texto.splitlines(True) if x.startswith("  medios_verificacion:")]
    texto = texto.replace(medios, "").replace("valor: 96.02", "valor: 96.2")
    texto += "\n# presupuesto capturado a mano\npresupuesto:\n  2019: {ejercido: 10}\n"
    ruta.write_text(texto, encoding="utf-8")
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path / "u"),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    assert ruta.read_text(encoding="utf-8").endswith(
        f"{medios}\n# presupuesto capturado a mano\npresupuesto:\n  2019: {{ejercido: 10}}\n"
    )


def test_reemplazar_keeps_what_the_source_does_not_give(cli, tmp_path):
    """On a year that already has components, --reemplazar replaces the figure that differs,
    keeps a published figure and a figure the source lacks, and keeps the file's nota with the
    import's after it."""
    out = tmp_path / "m"
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out))
    assert r.code == 0, r.err
    ruta = out / "51" / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    nota = "    nota: 'Importado de SHCP (poblaciones, formato de 2017)."
    assert texto.count(nota) == 1 and texto.count("atendida: 5455083\n") == 1
    texto = texto.replace(nota, "    nota: 'Revisado a mano con la FMyE. Importado de SHCP, 2017.")
    texto = texto.replace(
        "atendida: 5455083\n",
        'atendida: 5455000\n      publicado: {cobertura: "63.50 %"}\n      entidades: 32\n',
    )
    ruta.write_text(texto, encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    assert "atendida: el archivo dice 5455000, la fuente 5455083 (reemplazado)" in r.err
    assert "poblaciones.2017.nota: el archivo dice" in r.err
    assert "(se conserva la nota del archivo y se le agrega la de la fuente)" in r.err
    comp = yaml.safe_load(ruta.read_text(encoding="utf-8"))["poblaciones"][2017]
    assert comp["nota"].startswith("Revisado a mano con la FMyE. Importado de SHCP, 2017. ")
    assert "Importado de SHCP (poblaciones, formato de 2017)" in comp["nota"]
    primero = comp["componentes"][0]
    assert primero["atendida"] == 5455083
    assert primero["publicado"] == {"cobertura": "63.50 %"} and primero["entidades"] == 32
    r = cli("verificar", "E045", "--specs", str(out), "-f", "csv")
    assert "1 cifra: 1 coincide," in r.err, r.err  # the published cobertura still checked


# 8-S266's notas of 2017 as the current version writes them, and as an older one did (before
# «la misma cifra … en componentes distintos» was said, and in its first wording)
_UNIDAD = "la fuente da una sola unidad para personas y áreas de enfoque: «Personas»"
_MISMA = (
    "PP: la misma cifra que en la línea 361 (otro componente del programa), registrada en cada "
    "uno: si es una misma población, sumarla la cuenta varias veces"
)
_MISMA_ANTES = (
    "PP: la misma cifra que en la línea 361 (otro componente del programa): se registra en cada "
    "uno; no se suman"
)


def test_a_nota_an_older_version_wrote_is_said_as_such_and_how_to_take_the_new(cli, tmp_path):
    """Re-importing over a spec an older issste-mon wrote: a nota it wrote otherwise is a
    conflict — the importer cannot tell it from a person's —, which said «--reemplazar lo
    sustituye» (it joins the two: nothing a person wrote is lost). It says that only the nota's
    text differs and how to take the source's (delete it and import again); where the source's
    nota has the file's whole text (an older nota the current version extends), --reemplazar
    writes the source's instead of repeating the file's. A nota the older version did not
    write at all is added, as any missing key."""
    out = tmp_path / "s"
    args = ("importar", "poblaciones", str(POB17), "--clave", "8-S266", "-o", str(out))
    assert cli(*args).code == 0
    ruta = out / "8" / "S266.yaml"
    fresca = ruta.read_text(encoding="utf-8")
    con_unidad = f"      nota: '{_UNIDAD}; {_MISMA}'\n"
    sola, otra = (
        f"      nota: '{_MISMA}'\n",
        "      nota: 'PA: solo se publica la cifra de mujeres'\n",
    )
    assert fresca.count(con_unidad) == fresca.count(sola) == fresca.count(otra) == 1
    vieja = fresca.replace(con_unidad, f"      nota: '{_UNIDAD}'\n").replace(
        sola, f"      nota: '{_MISMA_ANTES}'\n"
    )
    ruta.write_text(vieja.replace(otra, ""), encoding="utf-8")  # (one it did not write)

    r = cli(*args)
    assert r.code == 1
    lineas = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert len(lineas) == 2 and all(".nota: el archivo dice" in x for x in lineas)
    que = "(solo difiere el texto de la nota, no una cifra: no se escribe; "
    assert lineas[0].endswith(
        que + "para tener la de la fuente, borre la del archivo y vuelva a importar "
        "(--reemplazar la agrega a continuación de la del archivo))"
    )
    assert lineas[1].endswith(
        que + "la de la fuente incluye todo el texto de la del archivo, y --reemplazar la escribe "
        "en su lugar)"
    )
    assert (
        "Conflictos: 2 (2 notas que solo difieren en su texto: se conserva la del archivo).\n"
        in r.out
    )
    assert ruta.read_text(encoding="utf-8") == vieja  # (the missing nota added; none else)

    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    assert "(se escribe la de la fuente, que incluye todo el texto de la del archivo)" in r.err
    assert "(se conserva la nota del archivo y se le agrega la de la fuente)" in r.err
    escrita = ruta.read_text(encoding="utf-8")
    assert escrita == fresca.replace(sola, f"      nota: '{_MISMA_ANTES}. {_MISMA}'\n")

    # the way the conflict says: the older nota deleted, the next import writes the source's
    ruta.write_text(vieja.replace(f"      nota: '{_MISMA_ANTES}'\n", ""), encoding="utf-8")
    r = cli(*args)
    assert r.code == 1 and "Conflictos: 1 (1 nota que solo difiere" in r.out  # (the other)
    assert ruta.read_text(encoding="utf-8") == fresca.replace(
        con_unidad, f"      nota: '{_UNIDAD}'\n"
    )


@pytest.mark.parametrize(
    ("reuso", "lugar"),
    [("      2019: *m\n", "mir[1].metas.2019 (línea 18)"),
     ("      2019:\n        <<: *m\n        valor: 9\n", "mir[1].metas.2019.<< (línea 19)")],
)  # fmt: skip
def test_a_node_shared_by_an_alias_is_not_completed_through_the_other_place(
    cli, tmp_path, reuso, lugar
):
    """C1 reuses P1's 2019 figures with a YAML alias or merge key: adding SHCP's numerador,
    semáforo and id_shcp of P1 there would silently give them to the analyst's own C1 too."""
    ruta = tmp_path / "o" / "9" / "U001.yaml"
    ruta.parent.mkdir(parents=True)
    ruta.write_text(
        "clave: U001\n"
        "ramo: 9\n"
        "nombre: Programa de subsidios al transporte ferroviario de pasajeros\n"
        "mir:\n"
        "  - id: P1\n"
        "    nombre: Porcentaje de cobertura de la prestación del servicio de transporte "
        "ferroviario de pasajeros de clase económica social\n"
        "    nivel: Propósito\n"
        "    unidad_medida: Porcentaje\n"
        "    sentido: ascendente\n"
        "    metas:\n"
        "      2019: &m {valor: 96.02, meta: 95}\n"
        "  - id: C1\n"
        "    nivel: Componente\n"
        "    nombre: Indicador propio con las mismas cifras\n"
        "    unidad_medida: Porcentaje\n"
        "    sentido: ascendente\n"
        "    metas:\n" + reuso,
        encoding="utf-8",
    )
    antes = ruta.read_bytes()
    r = cli("importar", "avance", str(AVANCE), "--ramo", "9", "-o", str(tmp_path / "o"))
    assert r.code == 1
    assert ruta.read_bytes() == antes
    assert f"error: 9/U001.yaml: mir[0].metas.2019 (línea 11) y {lugar} son el mismo nodo" in r.err


def test_reemplazar_keeps_a_hand_written_nombre_and_says_the_source_s(cli, tmp_path):
    """--reemplazar is for what SHCP publishes as data: a program's nombre is how the person
    calls it. The ISeD file's «EQUIDAD DE GÉNERO» neither replaces nor fails the run; the
    difference is one line naming file:line:column, the field and both values."""
    out = tmp_path / "m"
    out.mkdir()
    texto = (BUNDLED / "E036.yaml").read_text(encoding="utf-8")
    propio = "Programa de Equidad de Género del ISSSTE"
    assert texto.count("\nnombre: Equidad de Género   #") == 1
    texto = texto.replace("\nnombre: Equidad de Género   #", f"\nnombre: {propio}   #")
    (out / "E036.yaml").write_text(texto, encoding="utf-8")
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E036", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    escrito = (out / "E036.yaml").read_text(encoding="utf-8")
    assert f"\nnombre: {propio}   # seed 002" in escrito and "EQUIDAD" not in escrito
    assert yaml.safe_load(escrito)["ised"][2020]["valor"] == 0.482466063  # the figure: written
    assert (
        f'aviso: E036.yaml:5:9: nombre: el archivo dice "{propio}", la fuente '
        '"EQUIDAD DE GÉNERO" (se conserva el del archivo: un nombre no se reemplaza, ni con '
        "--reemplazar)\n"
    ) in r.err
    assert "conflicto" not in r.err and "Conflictos: 0." in r.out


def test_a_file_made_from_two_sources_says_where_they_name_the_dependencia_otherwise(cli, tmp_path):
    """The ISeD file says «… de los Trabajadores del Estado», the 2017 populations «… para los
    Trabajadores…»: the file keeps what the first import wrote, and the second says both."""
    out = tmp_path / "n"
    assert cli("importar", "ised", str(ISED), "--anio", "2020", "--clave", "51-E036",
               "-o", str(out)).code == 0  # fmt: skip
    antes = yaml.safe_load((out / "51" / "E036.yaml").read_text(encoding="utf-8"))
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E036", "-o", str(out))
    assert r.code == 0, r.err
    despues = yaml.safe_load((out / "51" / "E036.yaml").read_text(encoding="utf-8"))
    assert despues["dependencia"] == antes["dependencia"]
    (linea,) = [x for x in r.err.splitlines() if ": dependencia: " in x]
    assert linea.startswith("aviso: 51/E036.yaml:5:14: dependencia: el archivo dice ")
    assert "Sociales de los Trabajadores" in linea and "Sociales para los Trabajadores" in linea
    assert 2017 in despues["poblaciones"]


def test_rows_of_one_program_that_name_it_otherwise_are_said(cli, tmp_path):
    """15-U281's 2020 rows say «Programa Nacional de Reconstrucción» and «… 2020»: the first
    row's is written (the file's order), and the other is said with both lines."""
    pob20 = SHCP / "poblaciones_2020.csv"
    r = cli("importar", "poblaciones", str(pob20), "--clave", "15-U281", "-o", str(tmp_path))
    assert r.code == 0, r.err
    doc = yaml.safe_load((tmp_path / "15" / "U281.yaml").read_text(encoding="utf-8"))
    assert doc["nombre"] == "Programa Nacional de Reconstrucción"
    assert (
        f"aviso: {pob20}:158: 15-U281: nombre: la línea 153 dice «Programa Nacional de "
        "Reconstrucción» y esta «Programa Nacional de Reconstrucción 2020»; se escribe el de "
        "la línea 153\n"
    ) in r.err


def test_a_component_renamed_by_hand_is_not_added_again(cli, tmp_path):
    """A person renames E018's 2017 component «Medicamentos»: importing the same source again
    finds it by its unit and figures, keeps the person's name and says the source's, instead
    of appending SHCP's as a second component (the year's total would count it twice)."""
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E018", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "51" / "E018.yaml"
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count("- nombre: Medicamentos\n") == 1
    propio = "Medicamentos del cuadro básico"
    texto = texto.replace("- nombre: Medicamentos\n", f"- nombre: {propio}\n")
    ruta.write_text(texto, encoding="utf-8")
    for reemplazar in ((), ("--reemplazar",)):
        r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E018", "-o", str(tmp_path),
                *reemplazar)  # fmt: skip
        assert r.code == 0, r.err
        assert ruta.read_text(encoding="utf-8") == texto
        assert "1 sin cambios" in r.out and "0 componentes" in r.out
        assert (
            f"aviso: 51/E018.yaml:11:15: poblaciones.2017.componentes[Medicamentos].nombre: el "
            f'archivo dice "{propio}", la fuente "Medicamentos" (se conserva el del archivo'
        ) in r.err


def test_an_indicator_renamed_by_hand_is_not_added_again(cli, tmp_path):
    """A hand-written MIR row has no SHCP id: SHCP's indicator is found by nivel and name, and,
    when a person renamed it, by its meta and valor in the cycles both give. It keeps the
    person's name, says the source's, and is not appended as P2 (every average would count
    the indicator twice)."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    viejo = "  nombre: Porcentaje de cobertura de la prestación del servicio de transporte"
    assert texto.count(viejo) == 1
    texto = texto.replace(viejo, "  nombre: Cobertura del servicio de transporte")
    texto = "".join(x for x in texto.splitlines(True) if "id_shcp" not in x)  # as by hand
    ruta.write_text(texto, encoding="utf-8")
    for reemplazar in ((), ("--reemplazar",)):
        r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path),
                *reemplazar)  # fmt: skip
        assert r.code == 0, r.err
        escrito = yaml.safe_load(ruta.read_text(encoding="utf-8"))
        assert [f["id"] for f in escrito["mir"]] == ["P1"]
        assert escrito["mir"][0]["nombre"].startswith("Cobertura del servicio de transporte")
        assert "0 indicadores" in r.out
        (aviso,) = [x for x in r.err.splitlines() if x.startswith("aviso: 9/U001.yaml:")]
        assert 'mir[P1].nombre: el archivo dice "Cobertura del servicio' in aviso
        assert "(se conserva el del archivo" in aviso


def _avance_revisado(path, nombre: str, avance: str) -> str:
    """The sample's 9-U001 row as a later SHCP release writes it: another name, another
    AVANCE_CP (the other rows, the encoding and the line ends as they are)."""
    with open(AVANCE, encoding="latin-1", newline="") as f:
        filas = list(csv.reader(f))
    cab = filas[0]
    (fila,) = [x for x in filas[1:] if x[cab.index("ID_INDICADOR")] == "142313"]
    fila[cab.index("DESC_INDICADOR")] = nombre
    fila[cab.index("AVANCE_CP")] = avance
    with open(path, "w", encoding="latin-1", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(filas)
    return str(path)


def test_an_indicator_renamed_with_other_figures_is_not_added_again(cli, tmp_path):
    """SHCP renames 9-U001's indicator and revises its 2019 valor in the same release; the
    spec's row has no SHCP id (written by hand): neither its name nor its figures find it, its
    método de cálculo does. One row stays (a second copy would make every later figure
    ambiguous), the new name is said and the figure is a conflict (replaced with --reemplazar)."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = "".join(
        x for x in ruta.read_text(encoding="utf-8").splitlines(True) if "id_shcp" not in x
    )
    ruta.write_text(texto, encoding="utf-8")
    nombre = "Porcentaje de pasajeros de clase económica social transportados"
    src = _avance_revisado(tmp_path / "avance_revisado.csv", nombre, "97.5")
    for opcion, code in (("--simular", 1), (None, 1), ("--reemplazar", 0)):
        r = cli("importar", "avance", src, "--clave", "9-U001", "-o", str(tmp_path),
                *([opcion] if opcion else []))  # fmt: skip
        assert r.code == code, r.err
        assert "0 indicadores" in r.out
        escrito = yaml.safe_load(ruta.read_text(encoding="utf-8"))
        assert [f["id"] for f in escrito["mir"]] == ["P1"]
        assert escrito["mir"][0]["nombre"].startswith("Porcentaje de cobertura de la prestación")
        assert escrito["mir"][0]["metas"][2019]["valor"] == (
            97.5 if opcion == "--reemplazar" else 96.02
        )
        estado = "reemplazado" if opcion == "--reemplazar" else "no se escribe"
        assert (
            "conflicto: 9/U001.yaml:27:14: mir[P1].metas.2019.valor: el archivo dice 96.02, la "
            f"fuente 97.5 ({estado})\n"
        ) in r.err
        (aviso,) = [x for x in r.err.splitlines() if x.startswith("aviso: 9/U001.yaml:")]
        assert 'mir[P1].nombre: el archivo dice "Porcentaje de cobertura' in aviso
        assert 'la fuente "Porcentaje de pasajeros de clase económica social transp' in aviso


def test_reemplazar_keeps_the_lines_of_a_folded_nota(cli, tmp_path):
    """E045's 2017 nota is a folded block (`>-`) broken by hand: --reemplazar adds the import's
    nota after it, and the person's lines stay as they were (not one line of 600 characters);
    the import's text is folded no wider than them."""
    out = _e045(tmp_path)
    original = (out / "E045.yaml").read_text(encoding="utf-8").splitlines()
    i = original.index("    nota: >-")
    suyas = original[i : i + 4]
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    texto = (out / "E045.yaml").read_text(encoding="utf-8")
    lineas = texto.splitlines()
    j = lineas.index("    nota: >-")
    assert lineas[j : j + 4] == suyas
    agregadas = []
    for linea in lineas[j + 4 :]:
        if not linea.startswith("      "):
            break
        agregadas.append(linea)
    assert agregadas[0].startswith("      Importado de SHCP (poblaciones, formato de 2017).")
    ancho = max(len(x) for x in suyas[1:3])
    assert all(len(x) <= ancho for x in agregadas), agregadas
    nota = yaml.safe_load(texto)["poblaciones"][2017]["nota"]
    assert " ".join(" ".join(suyas[1:]).split()) in nota  # the same words, folded back


def _comentarios_de(texto: str) -> list[str]:
    return [
        m.group(1).strip() for x in texto.splitlines() if (m := re.search(r"(?:^|\s)(#.*)$", x))
    ]


def test_reemplazar_keeps_the_fields_it_removes_and_their_comments_commented(cli, tmp_path):
    """The fields a year total loses carry the person's comments (the CONEVAL text each figure
    was copied from, a note on the rows below): each of their lines stays in the file where it
    was, commented, under a line that says why, and the conflict names each field with its
    value and comments. No comment of the file is lost; the figures no longer count."""
    out = _e045(tmp_path)
    original = (out / "E045.yaml").read_text(encoding="utf-8")
    antes = _comentarios_de(original)
    lineas = original.splitlines()
    inicio = lineas.index('    unidad_medida: Derechohabientes      # seed 001: "Unidad de Medida '
                          '... PA Derechohabientes"')  # fmt: skip
    suyas = lineas[inicio : lineas.index("    nota: >-")]
    assert len(suyas) == 11 and suyas[5].startswith("    # Cobertura geográfica")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    (linea,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert (
        "(reemplazado; se quitan del archivo (un año con componentes no los admite) y quedan en "
        "él comentados, donde estaban: poblaciones.2017.unidad_medida"
    ) in linea
    assert 'poblaciones.2017.potencial 14756442 # "Población Potencial (PP) 14,756,442",' in linea
    assert "# Cobertura geográfica/por sexo: all printed as ND in seed 001." in linea
    texto = (out / "E045.yaml").read_text(encoding="utf-8")
    despues = texto.splitlines()
    i = despues.index('    fuente: "CONEVAL, FMyE 2017-2018"') + 1
    assert despues[i] == (
        "    # quitado por importar --reemplazar (la fuente da componentes; el año ya no los "
        "admite):"
    )
    assert despues[i + 1 : i + 12] == [
        x if x.lstrip().startswith("#") else "    # " + x[4:] for x in suyas
    ]
    assert despues[i + 12] == "    nota: >-"
    assert [c for c in antes if c not in texto] == []
    doc = yaml.safe_load(texto)["poblaciones"][2017]
    assert "potencial" not in doc and len(doc["componentes"]) == 5
    assert cli("validar", "--estricto", str(out)).code == 0


def test_names_the_source_spells_otherwise_are_one_counted_line(cli, tmp_path):
    """The whole ISeD file over the whole 2017 populations: 36 programs whose nombre or
    dependencia the ISeD writes otherwise. One aviso counts them by field with an example (as
    every other aviso of a run); --detalle gives each one with its file:line:column."""
    out = tmp_path / "todo"
    assert cli("importar", "poblaciones", str(POB17), "-o", str(out)).code == 0
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "-o", str(out), "--simular")
    assert r.code == 0, r.err
    (aviso,) = [x for x in r.err.splitlines() if x.startswith("aviso:")]
    assert aviso.startswith(
        "aviso: 36 nombres que la fuente escribe distinto (dependencia 21, nombre del programa "
        "15): se conserva el del archivo: un nombre no se reemplaza, ni con --reemplazar (p. ej. "
        '8/E001.yaml:5:14: dependencia: el archivo dice "Agricultura, Ganadería'
    )
    assert aviso.endswith('la fuente "Agricultura y Desarrollo Rural"; --detalle los lista todos)')
    v = cli("importar", "ised", str(ISED), "--anio", "2020", "-o", str(out), "--detalle")
    assert v.code == 0, v.err
    uno_a_uno = [x for x in v.err.splitlines() if x.startswith("aviso:")]
    assert len(uno_a_uno) == 36
    assert all(
        re.match(r"aviso: \d+/\w+\.yaml:\d+:\d+: (nombre|dependencia): ", x) for x in uno_a_uno
    )
    assert (
        'aviso: 8/S263.yaml:6:9: nombre: el archivo dice "Programa de Sanidad e Inocuidad' in v.err
    )
    assert sum(": dependencia: " in x for x in uno_a_uno) == 21


def test_reemplazar_keeps_what_closes_a_year_whose_last_fields_it_removes(cli, tmp_path):
    """E045 with its 2017 nota written first: the fields --reemplazar removes are the year's
    last, and ruamel.yaml keeps the blank line and the comment above the next section with
    the last of them; they stay where they were, after the components and the commented
    fields (they were lost with mujeres)."""
    out = _e045(tmp_path)
    ruta = out / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    i, j = texto.index("    nota: >-\n"), texto.index("\n\npresupuesto:")
    nota = texto[i : j + 1]
    texto = texto[:i] + texto[j + 1 :]
    fuente = '    fuente: "CONEVAL, FMyE 2017-2018"\n'
    texto = texto.replace(fuente + "    unidad_medida", fuente + nota + "    unidad_medida", 1)
    texto = texto.replace("\n\npresupuesto:", "\n\n# presupuesto de la ficha\npresupuesto:", 1)
    ruta.write_text(texto, encoding="utf-8")
    assert yaml.safe_load(texto)["poblaciones"][2017]["nota"].startswith("La PO y la PA")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    k = lineas.index("presupuesto:")
    assert lineas[k - 2 : k] == ["", "# presupuesto de la ficha"]
    c = lineas.index("    componentes:")
    assert lineas[c - 1] == '    # mujeres: ND                          # "Mujeres atendidas ND"'
    assert lineas.count("") == texto.splitlines().count("")


def test_a_component_renamed_with_a_revised_figure_is_not_added_again(cli, tmp_path):
    """A person renames E018's 2017 component and corrects its atendida by hand: the import
    finds it by its unit and the figures it shares with the source (its definición too), so
    the population is not appended a second time (the year's total would count it twice);
    the name is said and the atendida is a conflict, replaced with --reemplazar."""
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E018", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "51" / "E018.yaml"
    texto = ruta.read_text(encoding="utf-8")
    texto = texto.replace("- nombre: Medicamentos\n", "- nombre: Medicamentos del cuadro básico\n")
    texto = texto.replace("      atendida: 8221373\n", "      atendida: 8221000\n")
    ruta.write_text(texto, encoding="utf-8")
    for opcion, code in (("--simular", 1), (None, 1), ("--reemplazar", 0)):
        r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E018", "-o", str(tmp_path),
                *([opcion] if opcion else []))  # fmt: skip
        assert r.code == code, r.err
        assert "0 componentes" in r.out
        (comp,) = yaml.safe_load(ruta.read_text(encoding="utf-8"))["poblaciones"][2017][
            "componentes"
        ]
        assert comp["nombre"] == "Medicamentos del cuadro básico"
        assert comp["atendida"] == (8221373 if opcion == "--reemplazar" else 8221000)
        estado = "reemplazado" if opcion == "--reemplazar" else "no se escribe"
        assert (
            "conflicto: 51/E018.yaml:15:17: poblaciones.2017.componentes[Medicamentos].atendida: "
            f"el archivo dice 8221000, la fuente 8221373 ({estado})\n"
        ) in r.err
        assert "componentes[Medicamentos].nombre: el archivo dice" in r.err


def test_reemplazar_on_a_year_written_on_one_line_keeps_its_fields_commented(cli, tmp_path):
    """A 2017 total written on one line cannot keep its fields commented in place: the year is
    written back as a block (five components on one line would be unreadable), its comment
    stays, and the removed fields are commented under it with their values."""
    out = tmp_path / "m"
    out.mkdir()
    (out / "E045.yaml").write_text(
        "clave: E045\nramo: 51\nnombre: Prestaciones sociales\npoblaciones:\n"
        "  2017: {unidad_medida: Derechohabientes, potencial: 14756442, fuente: CONEVAL}"
        "  # de la ficha\n\n  2016:\n    unidad_medida: Personas\n    potencial: 1\n",
        encoding="utf-8",
    )
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(out),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    assert "y quedan en él comentados, donde estaban: poblaciones.2017.unidad_medida" in r.err
    texto = (out / "E045.yaml").read_text(encoding="utf-8")
    assert re.search(r"\n  2017: +# de la ficha\n", texto)
    assert (
        "\n    # quitado por importar --reemplazar (la fuente da componentes; el año ya no los "
        'admite):\n    # unidad_medida: "Derechohabientes"\n    # potencial: 14756442\n'
        "    fuente: CONEVAL\n"
    ) in texto
    assert "\n\n  2016:\n    unidad_medida: Personas\n" in texto
    assert len(yaml.safe_load(texto)["poblaciones"][2017]["componentes"]) == 5


def test_a_new_section_is_set_off_as_the_file_sets_off_its_own(cli, tmp_path):
    """E018 separates its sections with a blank line: the 2020 populations, a section it did
    not have, go after the comments that close `diagnostico` and a blank line, as a person
    would add them; everything before stays byte for byte."""
    out = tmp_path / "m"
    out.mkdir()
    original = (BUNDLED / "E018.yaml").read_text(encoding="utf-8")
    (out / "E018.yaml").write_text(original, encoding="utf-8")
    pob20 = SHCP / "poblaciones_2020.csv"
    r = cli("importar", "poblaciones", str(pob20), "--clave", "51-E018", "-o", str(out))
    assert r.code == 0, r.err
    texto = (out / "E018.yaml").read_text(encoding="utf-8")
    assert texto.startswith(original + "\npoblaciones:\n  2020:\n")


def test_a_new_section_is_set_off_also_when_the_file_is_written_back_whole(cli, tmp_path):
    """E043 as the bundled specs write it (sections set off by a blank line), keeping only its
    `mir`, whose 2023 figure a person explained in a folded `nota` (`>-`) at the end of the
    file: a block scalar last means the 2017 populations cannot be appended as text, and the
    file is written back whole. `poblaciones:` still gets the blank line every other section
    has (it came right under the nota, as if part of the MIR); --simular says the same
    change the real run writes."""
    out = tmp_path / "m"
    out.mkdir()
    bundled = (BUNDLED / "E043.yaml").read_text(encoding="utf-8")
    mir = bundled[: bundled.index("\ndiagnostico:")]
    original = mir + (
        "        nota: >-\n"
        "          26,196 es el número de pacientes con diabetes controlada, no el valor del\n"
        "          indicador (un porcentaje): la meta y el valor en porcentaje no se publican.\n"
    )
    (out / "E043.yaml").write_text(original, encoding="utf-8")
    args = ("importar", "poblaciones", str(POB17), "--clave", "51-E043", "-o", str(out))
    simulado = cli(*args, "--simular")
    assert simulado.code == 0, simulado.err
    assert "se actualizaría: E043.yaml (51-E043)\n  + poblaciones.2017\n" in simulado.out
    assert (out / "E043.yaml").read_text(encoding="utf-8") == original
    r = cli(*args, "-v")
    assert r.code == 0, r.err
    assert "actualizado: E043.yaml (51-E043)" in r.out
    texto = (out / "E043.yaml").read_text(encoding="utf-8")
    assert texto.startswith(original + "\npoblaciones:\n  2017:\n"), texto[len(original) - 80 :]
    assert yaml.safe_load(texto)["poblaciones"][2017]["componentes"][0]["potencial"] == 13113158


def _u001_con_dos_propositos(cli, tmp_path, unidad_de_la_copia: str = "Porcentaje") -> Path:
    """9-U001 imported, then edited by hand: SHCP ids removed (a hand-written spec has none)
    and a second Propósito row, P2, copied from P1 for the women it carries (its own name and
    figures; the definición and método left as they were copied)."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = "".join(
        x for x in ruta.read_text(encoding="utf-8").splitlines(True) if "id_shcp" not in x
    )
    p1 = texto[texto.index("- id: P1") :]
    p2 = (
        p1.replace("- id: P1", "- id: P2")
        .replace(
            "nombre: Porcentaje de cobertura de la prestación del servicio de transporte "
            "ferroviario de pasajeros de clase económica social",
            "nombre: Porcentaje de cobertura del servicio ferroviario para mujeres",
        )
        .replace("unidad_medida: Porcentaje", f"unidad_medida: {unidad_de_la_copia}")
        .replace("meta: 95\n", "meta: 40\n")
        .replace("meta_modificada: 95\n", "meta_modificada: 40\n")
        .replace("valor: 96.02\n", "valor: 41.5\n")
    )
    assert p2.count("meta: 40") == 1 and "valor: 41.5" in p2
    ruta.write_text(texto + p2, encoding="utf-8")
    return ruta


def test_a_source_row_two_rows_may_be_is_a_conflict_not_a_second_copy(cli, tmp_path):
    """SHCP renames 9-U001's indicator and revises its 2019 valor; the spec has two Propósito
    rows without SHCP id that share its definición and método (P2 copied from P1): neither
    name, id nor figures find the row, and both rows fit. Appending it as P3 left a third copy
    and exit 0; now nothing is written, the conflict names both rows (file:line:col) and the
    source's line, says how to decide, and the run exits 1 — with --reemplazar and --simular
    too. Writing the source's id in the row that is it settles it: P1, no P3."""
    ruta = _u001_con_dos_propositos(cli, tmp_path)
    texto = ruta.read_text(encoding="utf-8")
    assert (texto.index("- id: P1"), texto.count("- id: P")) == (texto.index("mir:\n") + 5, 2)
    src = _avance_revisado(tmp_path / "avance_revisado.csv", "Pasajeros transportados", "97.5")
    for opcion in ("--simular", None, "--reemplazar"):
        r = cli("importar", "avance", src, "--clave", "9-U001", "-o", str(tmp_path),
                *([opcion] if opcion else []))  # fmt: skip
        assert r.code == 1, r.err
        assert ruta.read_text(encoding="utf-8") == texto
        (conflicto,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
        assert conflicto.startswith(
            f'conflicto: 9/U001.yaml:9:3: mir: la fila de la fuente "Pasajeros transportados" '
            f"(id_shcp 142313; {src}:8) puede ser mir[P1] (9/U001.yaml:9:3) o mir[P2] "
            "(9/U001.yaml:32:3): "
        ), conflicto
        assert conflicto.endswith(
            '(no se importa, ni con --reemplazar: escriba id_shcp: "142313" en la fila que es '
            "y vuelva a importar)"
        )
        assert "Nuevos: 0 indicadores" in r.out
        assert (
            "Conflictos: 1 (1 fila de la fuente que puede ser más de una del archivo: no se "
            "importa, ni con --reemplazar)."
        ) in r.out
    ruta.write_text(texto.replace("- id: P1\n", '- id: P1\n  id_shcp: "142313"\n'), "utf-8")
    r = cli("importar", "avance", src, "--clave", "9-U001", "-o", str(tmp_path), "--reemplazar")
    assert r.code == 0, r.err
    escrito = yaml.safe_load(ruta.read_text(encoding="utf-8"))
    assert [f["id"] for f in escrito["mir"]] == ["P1", "P2"]
    assert [f["metas"][2019]["valor"] for f in escrito["mir"]] == [97.5, 41.5]


def test_of_two_rows_that_share_the_definicion_the_one_in_another_unit_is_not_it(cli, tmp_path):
    """The same two Propósito rows, but P2 counts pasajeras (unidad «Pasajeros»), not a
    percentage as the source says: it is not the source's indicator, P1 is (the renamed row
    keeps its name and the revised valor is a conflict, as for one candidate)."""
    ruta = _u001_con_dos_propositos(cli, tmp_path, unidad_de_la_copia="Pasajeros")
    src = _avance_revisado(tmp_path / "avance_revisado.csv", "Pasajeros transportados", "97.5")
    r = cli("importar", "avance", src, "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 1, r.err
    assert "mir[P1].metas.2019.valor: el archivo dice 96.02, la fuente 97.5 (no se escribe)" in (
        r.err
    )
    assert "puede ser" not in r.err and "Nuevos: 0 indicadores" in r.out
    escrito = yaml.safe_load(ruta.read_text(encoding="utf-8"))
    assert [f["id"] for f in escrito["mir"]] == ["P1", "P2"]


def test_reemplazar_marks_a_comment_that_described_the_old_value(cli, tmp_path):
    """A person writes 9-U001's 2019 valor from a quarterly report, with a comment saying so;
    --reemplazar writes SHCP's 96.02 over it. The comment stays (nothing a person wrote is
    dropped) but no longer vouches for the new figure: it says it described 96.2 and that the
    import wrote the source's. The comment line below (about numerador) is left as it was;
    --simular says the same as the run; without --reemplazar nothing changes; a second run
    finds nothing to do (the marked comment is not marked again)."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count("      valor: 96.02\n") == 1
    editado = texto.replace(
        "      valor: 96.02\n",
        "      valor: 96.2    # cifra del informe del cuarto trimestre de 2019\n"
        "      # numerador y denominador: los del informe anual\n",
    )
    ruta.write_text(editado, encoding="utf-8")
    args = ("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    r = cli(*args)
    assert r.code == 1 and ruta.read_text(encoding="utf-8") == editado
    assert "mir[P1].metas.2019.valor: el archivo dice 96.2, la fuente 96.02 (no se escribe)" in (
        r.err
    )
    conflicto = (
        "conflicto: 9/U001.yaml:28:14: mir[P1].metas.2019.valor: el archivo dice 96.2, la fuente "
        "96.02 (reemplazado; el comentario de su línea se conserva, marcado como del valor "
        "anterior)\n"
    )
    simulado = cli(*args, "--reemplazar", "--simular")
    assert simulado.code == 0 and conflicto in simulado.err, simulado.err
    assert ruta.read_text(encoding="utf-8") == editado
    r = cli(*args, "--reemplazar")
    assert r.code == 0 and r.err == simulado.err
    assert ruta.read_text(encoding="utf-8") == editado.replace(
        "      valor: 96.2    # cifra del informe del cuarto trimestre de 2019\n",
        "      valor: 96.02   # cifra del informe del cuarto trimestre de 2019 (comentario del "
        "valor anterior, 96.2; importar --reemplazar escribió el de la fuente)\n",
    )
    marcado = ruta.read_text(encoding="utf-8")
    r = cli(*args, "--reemplazar")
    assert r.code == 0 and "1 sin cambios" in r.out and "Conflictos: 0." in r.out
    assert ruta.read_text(encoding="utf-8") == marcado


def test_reemplazar_marks_the_comment_of_a_year_written_on_one_line(cli, tmp_path):
    """The same year written by hand on one line with a comment, meta_modificada and valor
    from the quarterly report: the comment is the whole line's, so it names both old values."""
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "9" / "U001.yaml"
    texto = ruta.read_text(encoding="utf-8")
    anio = texto[texto.index("    2019:\n") :]
    assert anio.count("\n") == 9  # the year is the file's last block
    ruta.write_text(
        texto.replace(
            anio,
            "    2019: {meta: 95, meta_modificada: 90, valor: 96.2}  # del informe trimestral\n",
        ),
        encoding="utf-8",
    )
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path),
            "--reemplazar")  # fmt: skip
    assert r.code == 0, r.err
    assert r.err.count("(reemplazado; el comentario de su línea se conserva, marcado como") == 2
    (linea,) = [x for x in ruta.read_text(encoding="utf-8").splitlines() if "2019:" in x]
    assert linea.endswith(
        "# del informe trimestral (comentario de los valores anteriores: meta_modificada 90, "
        "valor 96.2; importar --reemplazar escribió los de la fuente)"
    )
    metas = yaml.safe_load(ruta.read_text(encoding="utf-8"))["mir"][0]["metas"][2019]
    assert (metas["meta_modificada"], metas["valor"]) == (95, 96.02)


FUNERARIOS = "Servicios Funerarios, Culturales, Deportivos, Recreativos"


def _e045_renombrado(cli, tmp_path, atendida_2: str = "17985") -> Path:
    """E045's 2017 components imported, then edited by hand: the two in «Derechohabientes»
    (same definición: the program's) renamed, the first's atendida set to CONEVAL's 5,455,000
    and, when asked, the second's corrected too."""
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "51" / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    for viejo, nuevo in (
        (f"- nombre: {FUNERARIOS}\n", "- nombre: Servicios funerarios y culturales\n"),
        (f"- nombre: {FUNERARIOS} (2)\n", "- nombre: Servicios deportivos y recreativos\n"),
        ("      atendida: 5455083\n", "      atendida: 5455000\n"),
        ("      atendida: 17985\n", f"      atendida: {atendida_2}\n"),
    ):
        assert texto.count(viejo) == 1
        texto = texto.replace(viejo, nuevo)
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def _componentes_2017(ruta: Path) -> list:
    return yaml.safe_load(ruta.read_text(encoding="utf-8"))["poblaciones"][2017]["componentes"]


def test_components_found_by_all_their_figures_are_matched_before_the_others(cli, tmp_path):
    """Of E045's two renamed «Derechohabientes» components, the second keeps every figure the
    source gives: it is the source's «… (2)», so the first — whose atendida a person corrected
    — is the only one left for the source's first. It was appended as a sixth component
    instead (both shared its definición when it was looked for), counting 5,455,083
    derechohabientes twice, with exit 0; now the atendida is a conflict."""
    ruta = _e045_renombrado(cli, tmp_path)
    texto = ruta.read_text(encoding="utf-8")
    args = ("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path))
    r = cli(*args)
    assert r.code == 1, r.err
    assert ruta.read_text(encoding="utf-8") == texto and "0 componentes" in r.out
    assert (
        f"conflicto: 51/E045.yaml:15:17: poblaciones.2017.componentes[{FUNERARIOS}].atendida: "
        "el archivo dice 5455000, la fuente 5455083 (no se escribe)\n"
    ) in r.err
    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    comps = _componentes_2017(ruta)
    assert [(c["nombre"], c["atendida"]) for c in comps[:2]] == [
        ("Servicios funerarios y culturales", 5455083),
        ("Servicios deportivos y recreativos", 17985),
    ]
    assert len(comps) == 5


def test_a_component_two_renamed_ones_may_be_is_a_conflict_not_a_second_copy(cli, tmp_path):
    """Both renamed components with a figure corrected by hand: each source component may be
    either (same unit, same definición). Nothing is appended or written over; a conflict for
    each names both candidates with file:line:col, and the run exits 1, also with
    --reemplazar and --simular. Giving one the source's name settles both."""
    ruta = _e045_renombrado(cli, tmp_path, atendida_2="18000")
    texto = ruta.read_text(encoding="utf-8")
    args = ("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path))
    for opcion in ("--simular", None, "--reemplazar"):
        r = cli(*args, *([opcion] if opcion else []))
        assert r.code == 1, r.err
        assert ruta.read_text(encoding="utf-8") == texto
        conflictos = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
        assert len(conflictos) == 2
        assert conflictos[0].startswith(
            "conflicto: 51/E045.yaml:11:7: poblaciones.2017.componentes: el componente de la "
            f'fuente "{FUNERARIOS}" ({POB17}:3131) puede ser poblaciones.2017.componentes['
            "Servicios funerarios "
            "y culturales] (51/E045.yaml:11:7) o poblaciones.2017.componentes[Servicios "
            "deportivos y recreativos] (51/E045.yaml:24:7): "
        ), conflictos[0]
        assert all(
            x.endswith(
                "(no se importa, ni con --reemplazar: dé el nombre de la fuente al que es y "
                "vuelva a importar)"
            )
            for x in conflictos
        )
        assert "Nuevos: 0 indicadores, 0 años o ediciones, 0 componentes de población." in r.out
        assert "Conflictos: 2 (2 filas de la fuente que pueden ser más de una del archivo" in r.out
    ruta.write_text(
        texto.replace("- nombre: Servicios funerarios y culturales\n", f"- nombre: {FUNERARIOS}\n"),
        encoding="utf-8",
    )
    r = cli(*args, "--reemplazar")
    assert r.code == 0, r.err
    comps = _componentes_2017(ruta)
    assert [(c["nombre"], c["atendida"]) for c in comps[:2]] == [
        (FUNERARIOS, 5455083),
        ("Servicios deportivos y recreativos", 17985),
    ]
    assert len(comps) == 5
