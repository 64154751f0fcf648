"""A label or threshold of a methodology that would move indicators between classes in silence
is refused, on its line; one the specs' own vocabulary reads (`destacado`) is read the same way.

Each of these used to exit 0 with a wrong table: an agrupación of `[destacado, adecuado]` (or
with a typo, `Adecaudo`) counted «Destacado o Adecuado 0 (0%)» instead of the published 3 (20%);
`etiqueta_sentido_constante: Superado` moved the five Superado indicators to NR (Superado 0,
NR 8); `retroceso: No alcanzada` counted a retroceso as not reached; `razon_min: 110` (a
percentage where r = A / E is a ratio) left Avanzado empty.
"""

from __future__ import annotations

import csv
import io
import re

from issste_mon import metodologia

REFERENCIA = open(metodologia.default_path(), encoding="utf-8").read()

DERIVADO = """\
tipo: programa_derivado
clave: PD-R
nombre: Programa derivado de prueba
dependencia: ISSSTE
ramo: 51
periodo: {inicio: 2020, fin: 2024}
objetivos:
  - id: "1"
    texto: Objetivo de prueba
    enfoque: Gestión
    indicadores:
      - id: R1
        nombre: avanza 1.2 veces lo esperado
        sentido: ascendente
        linea_base: {anio: 2019, valor: 0}
        meta_sexenal: 100
        metas: {2020: 50}
        valores: {2020: 60}
"""


def _metodologia(tmp_path, old: str, new: str) -> tuple[str, int]:
    """The bundled file with `old` replaced (once), and the line it is on."""
    assert REFERENCIA.count(old) == 1, old
    path = tmp_path / "m.yaml"
    path.write_text(REFERENCIA.replace(old, new), encoding="utf-8")
    return str(path), REFERENCIA[: REFERENCIA.index(old)].count("\n") + 1


def _error(cli, tmp_path, old: str, new: str, comando=("sexenal",)) -> str:
    path, linea = _metodologia(tmp_path, old, new)
    r = cli(*comando, "-f", "csv", "--metodologia", path)
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err, r
    (mensaje,) = r.err.splitlines()
    assert re.match(rf"{re.escape(path)}:{linea}:\d+: ", mensaje), mensaje
    return mensaje.split(": ", 1)[1]


def _distribucion(cli, path: str) -> dict[str, str]:
    r = cli("calidad", "--distribucion", "-f", "csv", "--metodologia", path)
    assert r.code == 0, r.err
    return {f["categoria"]: f["conteo"] for f in csv.DictReader(io.StringIO(r.out))}


def test_an_agrupacion_reads_categories_as_the_specs_do(cli, tmp_path):
    path, _ = _metodologia(
        tmp_path, "categorias: [Destacado, Adecuado]", "categorias: [destacado, ADECUADO]"
    )
    assert _distribucion(cli, path)["Destacado o Adecuado"] == "3 (20%)"  # as published


def test_an_agrupacion_of_an_unknown_category_is_refused(cli, tmp_path):
    mensaje = _error(
        cli,
        tmp_path,
        "categorias: [Destacado, Adecuado]",
        "categorias: [Destacado, Adecaudo]",
        comando=("calidad",),
    )
    assert mensaje == (
        "calidad_indicadores.agrupaciones[0].categorias[1]: categoría de calidad desconocida "
        '"Adecaudo"; ¿quiso decir «Adecuado»? (se esperaba Destacado, Adecuado, Moderado o '
        "Oportunidad de mejora)"
    )


def test_an_agrupacion_named_as_a_category_is_refused(cli, tmp_path):
    mensaje = _error(
        cli,
        tmp_path,
        "etiqueta: Destacado o Adecuado",
        "etiqueta: Destacado",
        comando=("calidad",),
    )
    assert mensaje == (
        'calidad_indicadores.agrupaciones[0].etiqueta: etiqueta repetida "Destacado": es el '
        "nombre de una categoría"
    )


def test_the_constant_sense_label_is_no_category(cli, tmp_path):
    mensaje = _error(
        cli,
        tmp_path,
        "etiqueta_sentido_constante: Sentido constante",
        "etiqueta_sentido_constante: Superado",
    )
    assert mensaje.startswith(
        'avance_sexenal.etiqueta_sentido_constante: etiqueta repetida "Superado": es también '
        "una categoría"
    )


def test_sin_dato_is_no_category(cli, tmp_path):
    mensaje = _error(cli, tmp_path, "  sin_dato: NR              #", "  sin_dato: Rezagado  #")
    assert mensaje.startswith('avance_sexenal.sin_dato: etiqueta repetida "Rezagado"')


def test_retroceso_is_no_category(cli, tmp_path):
    mensaje = _error(cli, tmp_path, "categoria: Retroceso", "categoria: No alcanzada")
    assert mensaje.startswith(
        'meta_intermedia.retroceso.categoria: etiqueta repetida "No alcanzada"'
    )


def test_a_ratio_written_as_a_percentage_is_refused(cli, tmp_path):
    mensaje = _error(cli, tmp_path, "razon_min: 1.10}", "razon_min: 110}")
    assert mensaje == (
        "avance_sexenal.categorias[1].razon_min: 110 parece un porcentaje: la razón r = A / E "
        "se escribe como fracción (escriba 1.1 para 110 %)"
    )


def test_a_ratio_cut_classifies_the_exact_ratio(cli, tmp_path):
    # R1: A = 60 %, E = 50 %, r = 1.2 exactly: Avanzado from 1.2 on, Adecuado from 1.2000001
    (tmp_path / "PD-R.yaml").write_text(DERIVADO, "utf-8")
    for cut, categoria in (("1.2", "Avanzado"), ("1.2000001", "Adecuado")):
        path, _ = _metodologia(tmp_path, "razon_min: 1.10}", f"razon_min: {cut}}}")
        r = cli(
            "-q", "sexenal", "--specs", str(tmp_path / "PD-R.yaml"), "-f", "csv",
            "--metodologia", path,
        )  # fmt: skip
        assert r.code == 0, r.err
        (fila,) = csv.DictReader(io.StringIO(r.out))
        assert (fila["avance_pct"], fila["avance_sexenal"]) == ("60", categoria), cut


def test_a_text_that_describes_a_rule_of_the_code_cannot_set_another(cli, tmp_path):
    """`semaforo_shcp.regla` (and the sexenal `formula`, …) only describe what the code does:
    rewritten to «valor > verde → Verde» it was read, ignored, and the ≥ rule applied."""
    mensaje = _error(
        cli,
        tmp_path,
        "ascendente y constante: valor ≥ verde → Verde",
        "ascendente y constante: valor > verde → Verde",
        comando=("alertas",),
    )
    assert mensaje.startswith(
        "semaforo_shcp.regla: describe la regla que issste-mon aplica, que la metodología no "
        "cambia: «ascendente y constante: valor ≥ verde → Verde; "
    )
    assert mensaje.endswith("escríbala así o bórrela (otras palabras van en `nota`)")


def test_a_rule_description_may_be_wrapped_or_left_out(cli, tmp_path):
    path, _ = _metodologia(
        tmp_path,
        '"A = (valor − LB) / (meta sexenal − LB) × 100; E = avance esperado; r = A / E"\n',
        ">-\n    A = (valor − LB) / (meta sexenal − LB) × 100;\n"
        "    E = avance esperado; r = A / E\n",
    )
    assert cli("sexenal", "-f", "csv", "--metodologia", path).code == 0
    path, _ = _metodologia(tmp_path, "    proyeccion: ", "    nota: ")
    assert cli("alertas", "-f", "csv", "--metodologia", path).code == 0
