"""cobertura for people: what a narrow terminal keeps, which ramo a row is, avisos that agree."""

from __future__ import annotations

import csv
import io
import textwrap

import pytest


def _programa(carpeta, ramo: int, clave: str, componentes: str) -> None:
    (carpeta / str(ramo)).mkdir(exist_ok=True)
    (carpeta / str(ramo) / f"{clave}.yaml").write_text(
        f"clave: {clave}\nramo: {ramo}\ndependencia: Dependencia {ramo}\n"
        f"nombre: Programa {ramo}-{clave}\npoblaciones:\n  2017:\n    componentes:\n"
        + textwrap.indent(textwrap.dedent(componentes).strip() + "\n", "    "),
        encoding="utf-8",
    )


def _omitidas(salida: str) -> str:
    return " ".join(salida.partition("Omitidas por el ancho de la terminal:")[2].split())


@pytest.fixture
def anchas(tmp_path):
    """One program with the wide figures of the federal set (20-E016, 51-E036)."""
    _programa(
        tmp_path,
        51,
        "E036",
        """
        - nombre: Libros de texto gratuitos para todos los alumnos
          unidad_medida: Personas físicas
          potencial: 123518270
          objetivo: 7677982.52
          atendida: 9970000
        - nombre: Acciones de sensibilización
          unidad_medida: Personas físicas
          potencial: 100764
          objetivo: 5038
          atendida: 6543
        """,
    )
    return tmp_path


def test_pa_po_and_its_alert_are_the_last_column_to_go(cli, monkeypatch, anchas):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("-q", "cobertura", "--specs", str(anchas), "-f", "tabla")
    assert r.code == 0, r.err
    lineas = r.out.splitlines()
    assert max(map(len, lineas)) <= 80
    assert "PA/PO" not in _omitidas(r.out)
    assert "129.87 % ⚠" in r.out and "129.85 % ⚠" in r.out  # E036 and the wide component
    # its terms stay too; PO/PP and PP (only PO/PP's input) go first
    assert "(PO)" in r.out and "(PA)" in r.out
    omitidas = _omitidas(r.out)
    assert "PO/PP (po_pp_pct)" in omitidas and "Potencial (PP) (potencial)" in omitidas


@pytest.mark.parametrize("columnas", [60, 50])
def test_pa_po_outlasts_populations_and_names(cli, monkeypatch, anchas, columnas):
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", "cobertura", "--specs", str(anchas), "-f", "tabla")
    assert max(map(len, r.out.splitlines())) <= columnas
    assert "PA/PO (cobertura_pct)" not in _omitidas(r.out) and "129.87 % ⚠" in r.out


def test_cobertura_priorities_are_explicit_and_pa_po_highest(specs, metodologia):
    from issste_mon.consultas.tablas import cobertura

    cols = {c.clave: c for c in cobertura(specs, metodologia).columnas if c.en_tabla}
    sin = [k for k, c in cols.items() if c.prioridad is None and k not in ("clave", "anio")]
    assert sin == []  # data, not an accident of widths or positions
    assert max(cols.values(), key=lambda c: c.prioridad or 0).clave == "cobertura_pct"


@pytest.fixture
def tres_ramos(tmp_path):
    """E010 in ramos 11, 12 and 48, as in the SHCP 2017 file."""
    _programa(
        tmp_path,
        11,
        "E010",
        """
        - nombre: Prestación de servicios de educación superior y posgrado.
          unidad_medida: Alumnos
          potencial: 73528495
          objetivo: 2246436
          atendida: 495356
        """,
    )
    _programa(
        tmp_path,
        12,
        "E010",
        """
        - nombre: Formación de médicos especialistas
          unidad_medida: Médicos
          potencial: 100
          objetivo: 80
          atendida: 70
        - nombre: Cursos de actualización
          unidad_medida: Profesionales de la salud
          potencial: 500
          objetivo: 400
          atendida: 300
        """,
    )
    _programa(
        tmp_path,
        48,
        "E010",
        """
        - nombre: Población del programa
          unidad_medida: Personas
          potencial: 10
          objetivo: 9
          atendida: 8
        """,
    )
    return tmp_path


@pytest.mark.parametrize("formato", ["tabla", "markdown"])
def test_rows_of_several_ramos_name_the_ramo(cli, tres_ramos, formato):
    r = cli("cobertura", "--specs", str(tres_ramos), "-f", formato)
    assert r.code == 0, r.err
    for clave in ("11-E010", "12-E010", "48-E010"):
        assert clave in r.out
    assert "| E010" not in r.out and "\nE010 " not in r.out


def test_the_unit_aviso_names_ramo_and_clave(cli, tres_ramos):
    r = cli("cobertura", "--specs", str(tres_ramos), "-f", "csv")
    assert "aviso: 12-E010 2017: 2 componentes con unidades de medida distintas" in r.err
    filas = list(csv.DictReader(io.StringIO(r.out)))  # machines: clave and ramo as they were
    assert {(f["ramo"], f["clave"]) for f in filas} == {
        ("11", "E010"),
        ("12", "E010"),
        ("48", "E010"),
    }


def test_one_ramo_shows_the_clave_alone(cli, monkeypatch, anchas):
    r = cli("-q", "cobertura", "--specs", str(anchas), "-f", "markdown")
    assert "| E036 " in r.out and "51-E036" not in r.out


def test_po_zero_is_not_called_a_coverage_over_100(cli, tmp_path):
    _programa(
        tmp_path,
        51,
        "E045",
        """
        - nombre: Préstamos
          unidad_medida: Personas
          potencial: 0
          objetivo: 0
          atendida: 8
        - nombre: Estancias
          unidad_medida: Personas
          potencial: 100
          objetivo: 10
          atendida: 12
        - nombre: Becas
          unidad_medida: Personas
          potencial: 0
          objetivo: 5
          atendida: 3
        """,
    )
    r = cli("cobertura", "--specs", str(tmp_path), "-f", "csv")
    assert "la población objetivo es 0: la cobertura PA/PO no es calculable" in r.err
    assert "es mayor que la objetivo (0)" not in r.err
    assert "la población potencial es 0: PO/PP no es calculable (objetivo: 5)" in r.err
    assert "es mayor que la potencial (0)" not in r.err
    assert "la población atendida (12) es mayor que la objetivo (10)" in r.err  # still said
    assert "no calculable: PO = 0" in r.out and "no calculable: PP = 0" in r.out  # the same


@pytest.mark.parametrize("comando", ["cumplimiento", "presupuesto", "tendencias", "alertas"])
def test_every_table_names_the_ramo_of_a_clave_when_its_rows_span_ramos(cli, tmp_path, comando):
    """E045 in ramo 51 and a copy in ramo 12: people see «51-E045» and «12-E045», never two
    indistinguishable «E045» blocks; with one ramo the clave stays «E045»."""
    from issste_mon.carga.loader import bundled_specs_dir

    texto = (bundled_specs_dir() / "E045.yaml").read_text(encoding="utf-8")
    (tmp_path / "r51").mkdir()
    (tmp_path / "r12").mkdir()
    (tmp_path / "r51" / "E045.yaml").write_text(texto, encoding="utf-8")
    assert texto.count("\nramo: 51\n") == 1
    (tmp_path / "r12" / "E045.yaml").write_text(texto.replace("\nramo: 51\n", "\nramo: 12\n"))
    r = cli(comando, "--specs", str(tmp_path), "-f", "markdown")
    assert r.code == 0, r.err
    assert "| 51-E045" in r.out and "| 12-E045" in r.out
    solo = cli(comando, "--specs", str(tmp_path / "r51"), "-f", "markdown")
    assert "51-E045" not in solo.out


@pytest.mark.parametrize("columnas", [200, 80, 60, 40])
def test_the_alert_mark_says_what_it_means_at_every_width(cli, monkeypatch, anchas, columnas):
    """«129.85 % ⚠» at 80 columns, and the nota that says why («cobertura mayor a 100 %: PA >
    PO») left out with the Nota column: a mark without its meaning."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("-q", "cobertura", "--specs", str(anchas), "-f", "tabla")
    assert "129.87 % ⚠" in r.out
    leyenda = [x for x in r.out.splitlines() if x.startswith("⚠ ")]
    assert leyenda == ["⚠ junto a PA/PO: PA > PO."]


def test_no_alert_no_legend(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("-q", "cobertura", "E045", "-f", "tabla")
    assert "⚠" not in r.out
