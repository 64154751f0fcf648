"""`importar`: SHCP's real open data (../shared/data/shcp) → specs that the loader accepts and
that reproduce the figures computed by hand from the same rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from conftest import SHARED

from issste_mon import metodologia as methodology
from issste_mon.calc import ised as calc_ised
from issste_mon.carga.loader import load_paths

SHCP = SHARED / "data" / "shcp"
POB = SHCP / "poblaciones_2017.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def _json(text: str) -> list[dict]:
    return json.loads(text)


# --- poblaciones ---------------------------------------------------------------------------


@pytest.fixture
def pob51(cli, tmp_path):
    out = tmp_path / "specs"
    r = cli("importar", "poblaciones", str(POB), "--ramo", "51", "--salida", str(out))
    assert r.code == 0, r.err
    return out, r


def test_poblaciones_ramo51_cobertura_per_component(cli, pob51):
    out, r = pob51
    assert sorted(p.name for p in (out / "51").iterdir()) == [
        f"{c}.yaml" for c in ("E015", "E018", "E036", "E042", "E043", "E044", "E045")
    ]
    assert "Programas: 7 creados" in r.out and "11 componentes de población" in r.out
    res = cli("cobertura", "--year", "2017", "--specs", str(out), "-f", "json")
    assert res.code == 0, res.err
    rows = _json(res.out)
    by = {(x["clave"], x["unidad_medida"]): x for x in rows}
    from issste_mon.salida.numfmt import round_half_up

    def pct(key):
        return str(round_half_up(by[key]["cobertura_pct"], 2))

    assert pct(("E018", "Personas")) == "90.16"  # 8,221,373 / 9,118,370
    assert pct(("E036", "Personas")) == "129.87"  # (1,598 + 4,945) / 5,038
    assert by[("E036", "Personas")]["mayor_100"] is True
    assert pct(("E045", "Niños y Niñas")) == "89.75"  # (13,599 + 12,756) / 29,365
    # E045's five components count different things: no total across units
    e045 = [x for x in rows if x["clave"] == "E045"]
    assert len(e045) == 5 and all(x["componente"] is not None for x in e045)
    assert "E045 2017: 5 componentes con unidades de medida distintas" in res.err


def test_poblaciones_fields_warning_and_nd(cli, pob51):
    out, r = pob51
    (e036,) = load_paths([str(out / "51" / "E036.yaml")]).programas
    (c,) = e036.poblaciones
    assert (c.objetivo, c.atendida, c.hombres, c.mujeres, c.corte) == (5038, 6543, 1598, 4945, 2017)
    # indistinto 5,038 vs hombres + mujeres 5,037: kept, and said
    assert "PO: hombres + mujeres (1,987 + 3,050 = 5,037) no llega a indistinto 5,038" in r.err
    (e018,) = load_paths([str(out / "51" / "E018.yaml")]).programas
    assert e018.poblaciones[0].corte == 2016  # the PA cut-off year lags the fiscal year
    (e045,) = load_paths([str(out / "51" / "E045.yaml")]).programas
    cap = next(p for p in e045.poblaciones if p.unidad_medida == "Participantes")
    assert str(cap.objetivo) == "ND" and str(cap.atendida) == "ND"


def test_poblaciones_xlsx_same_as_csv(cli, tmp_path, pob51):
    from openpyxl import Workbook

    with open(POB, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    wb = Workbook()
    ws = wb.active
    for row in [rows[0], *(r for r in rows[1:] if r[0] == "51.0")]:
        ws.append(row)
    xlsx = tmp_path / "poblaciones_2017.xlsx"
    wb.save(xlsx)
    out = tmp_path / "xlsx"
    r = cli("importar", "poblaciones", str(xlsx), "--salida", str(out))
    assert r.code == 0, r.err
    csv_out, _ = pob51
    for name in ("E018.yaml", "E036.yaml", "E045.yaml"):
        a = (out / "51" / name).read_text(encoding="utf-8").split("\n", 2)[2]
        b = (csv_out / "51" / name).read_text(encoding="utf-8").split("\n", 2)[2]
        assert a == b


def test_poblaciones_every_ramo_validates(cli, tmp_path):
    out = tmp_path / "todo"
    r = cli("importar", "poblaciones", str(POB), "--salida", str(out))
    assert r.code == 0, r.err
    assert "2,313 filas leídas, 2,313 importadas" in r.out
    specs = load_paths([str(out)])
    # 2,313 rows, 322 components: figures repeated on several rows of a program are stored once
    n_comp = sum(len(p.poblaciones) for p in specs.programas)
    assert n_comp == 322
    assert len(specs.programas) == len({(p.ramo, p.clave) for p in specs.programas})
    v = cli("validar", str(out))
    assert v.code == 0, v.err


def test_poblaciones_wrong_layout_is_exit_2(cli, tmp_path):
    """An unknown header names what each known edition's layout lacks, and the editions."""
    r = cli("importar", "poblaciones", str(ISED), "--anio", "2020", "--salida", str(tmp_path / "x"))
    assert r.code == 2
    assert "ised_2019_2020.csv:1:" in r.err and "formato de poblaciones desconocido" in r.err
    assert "para el formato de 2017 (potencial, objetivo y atendida por sexo) faltan" in r.err
    assert "para el formato de 2018–2020 (solo población objetivo) faltan columnas: Ramo" in r.err
    assert "Ediciones conocidas: 2017" in r.err and len(r.err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


# --- ISeD ----------------------------------------------------------------------------------


def test_ised_all_published_bands_match_methodology(cli, tmp_path):
    out = tmp_path / "ised"
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "--salida", str(out))
    assert r.code == 0, r.err
    assert "Programas: 535 creados" in r.out
    specs = load_paths([str(out)])
    rows = calc_ised.calcular_ised(specs.programas, 2020, metodologia=methodology.load())
    assert len(rows) == 535
    assert sum(1 for x in rows if x["coincide"]) == 535
    e043 = next(x for x in rows if (x["ramo"], x["clave"]) == (51, "E043"))
    assert (e043["valor"], e043["nivel"], e043["nivel_publicado"]) == (0.806904401, "Alto", "Alto")
    ver = cli("verificar", "--specs", str(out), "-f", "json")
    assert ver.code == 0, ver.err
    veredictos = [(x["tipo"], x["veredicto"]) for x in _json(ver.out)]
    assert veredictos == [("ised.nivel", "coincide")] * 535
    res = cli("monitoreo", "--indice", "ised", "--specs", str(out), "51-E043", "-f", "json")
    assert res.code == 0, res.err
    (row,) = _json(res.out)
    assert (row["nivel"], row["nivel_publicado"], row["coincide"]) == ("Alto", "Alto", True)


def test_ised_band_from_methodology_file(tmp_path, metodologia):
    # Moving a cut point in the methodology file moves the classification: no literal in code.
    alt = metodologia.con(ised=[methodology.Banda("Bajo", 0), methodology.Banda("Alto", 0.81)])
    assert calc_ised.nivel(0.806904401, metodologia) == "Alto"
    assert calc_ised.nivel(0.806904401, alt) == "Bajo"


# --- avance --------------------------------------------------------------------------------


@pytest.fixture
def avance(cli, tmp_path):
    out = tmp_path / "mir"
    r = cli("importar", "avance", str(AVANCE), "--salida", str(out))
    assert r.code == 0, r.err
    return out, r


def test_avance_sample_indicators_and_programs(cli, avance):
    out, r = avance
    specs = load_paths([str(out)])
    # The 12 rows hold 12 indicators of 9 programs (ramo-clave): 4-P016, 16-U023, 20-S241,
    # 11-E015, 38-F001, 38-E001, 9-U001, 14-P002 (four indicators) and 50-K012.
    assert sum(len(p.mir) for p in specs.programas) == 12
    assert len(specs.programas) == 9
    assert "Nuevos: 12 indicadores" in r.out
    (p002,) = [p for p in specs.programas if (p.ramo, p.clave) == (14, "P002")]
    assert [i.nivel for i in p002.mir] == ["Fin", "Propósito", "Componente", "Actividad"]


def test_avance_u001_cumplimiento(cli, avance):
    out, _ = avance
    res = cli("cumplimiento", "9-U001", "--year", "2019", "--specs", str(out), "-f", "json")
    assert res.code == 0, res.err
    (row,) = _json(res.out)
    assert row["nivel"] == "Propósito"
    assert (row["valor"], row["meta"]) == (96.02, 95.0)
    from issste_mon.salida.numfmt import round_half_up

    assert str(round_half_up(row["cumplimiento_pct"], 2)) == "101.07"
    (u001,) = load_paths([str(out / "9" / "U001.yaml")]).programas
    (ind,) = u001.mir
    m = ind.metas[2019]
    # META 95.0, META_AJUSTADA 91.67, META_AJUSTADA_CP 95.0: the Cuenta Pública target wins
    assert (m.meta, m.meta_modificada, m.numerador, m.denominador) == (95, 95, 57613, 60000)
    assert ind.umbrales == {"verde": 75, "amarillo": None, "rojo": 50}
    assert (ind.tipo, ind.dimension, ind.tipo_relativo, ind.id_shcp) == (
        "estratégico",
        "eficiencia",
        "(A/B)*100",
        "142313",
    )


def test_avance_target_and_value_fallbacks(avance):
    out, _ = avance
    specs = load_paths([str(out)])
    by = {(p.ramo, p.clave): p for p in specs.programas}
    # P002 2019 Fin: no META, META_AJUSTADA 0.0 but META_AJUSTADA_CP 7.1 → meta_modificada 7.1
    fin = by[(14, "P002")].mir[0].metas[2019]
    assert fin.meta is None and fin.meta_modificada == 7.1 and fin.valor == 16.7
    # U023 2013: no progress at all → valor ND
    assert str(by[(16, "U023")].mir[0].metas[2013].valor) == "ND"
    # F001 2013: AVANCE_CP 87,094,426 wins over AVANCE_MES12 1.00
    assert by[(38, "F001")].mir[0].metas[2013].valor == 87094426
    # "Otra" unit of measure → OTRA_UNIDAD_MEDIDA
    assert by[(11, "E015")].mir[0].unidad_medida == "Evaluación Diagnóstica Realizada"


def test_avance_filters(cli, tmp_path):
    out = tmp_path / "f"
    r = cli("importar", "avance", str(AVANCE), "--anio", "2019", "--ramo", "14", "-o", str(out))
    assert r.code == 0, r.err
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.yaml")] == ["14/P002.yaml"]
    assert "fuera del filtro (--ramo/--anio/--clave): 8" in r.out
    r = cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o", str(tmp_path / "g"))
    assert r.code == 0 and (tmp_path / "g" / "9" / "U001.yaml").exists()
    r = cli("importar", "avance", str(AVANCE), "--ramo", "99", "-o", str(tmp_path / "h"))
    assert r.code == 1 and "ningún programa" in r.err and not (tmp_path / "h").exists()


# --- synthetic avance files built from the sample's real rows ------------------------------


def _rows() -> tuple[list[str], list[dict]]:
    with open(AVANCE, encoding="latin-1", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with open(path, "w", encoding="latin-1", newline="") as f:
        w = csv.DictWriter(f, header, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    return path


def test_avance_259_columns_reordered_same_result(cli, tmp_path, avance):
    header, rows = _rows()
    extra = [f"COLUMNA_2018_{i}" for i in range(14)]  # the 2018 release had 259 columns
    new_header = list(reversed(header)) + extra
    src = _write(tmp_path / "avance_259.csv", new_header, rows)
    out = tmp_path / "r"
    r = cli("importar", "avance", str(src), "--salida", str(out))
    assert r.code == 0, r.err
    ref, _ = avance
    for f in ref.rglob("*.yaml"):
        body = f.read_text(encoding="utf-8").split("\n", 2)[2]
        assert (out / f.relative_to(ref)).read_text(encoding="utf-8").split("\n", 2)[2] == body


def test_avance_dirty_categories_and_fid(cli, tmp_path):
    header, rows = _rows()
    a, b, c = (dict(rows[6]) for _ in range(3))  # 9-U001 2019
    a.update(TIPO_INDICADOR="Estrategico", DIMENSION="Eificacia")
    b.update(ID_INDICADOR="900001", DESC_INDICADOR="Otro", DESC_NIVEL="FID", DIMENSION="Xyz")
    c.update(ID_INDICADOR="900002", DESC_INDICADOR="Sin sentido", SENTIDO="Hacia arriba")
    src = _write(tmp_path / "sucio.csv", header, [a, b, c])
    out = tmp_path / "s"
    r = cli("importar", "avance", str(src), "--salida", str(out))
    assert r.code == 0, r.err
    (prog,) = load_paths([str(out)]).programas
    prop, fid = prog.mir
    assert (prop.tipo, prop.dimension) == ("estratégico", "eficacia")
    assert fid.nivel == "FID" and fid.id == "FID1" and fid.dimension is None
    assert "dimension_shcp: Xyz" in (out / "9" / "U001.yaml").read_text(encoding="utf-8")
    assert "dimension «Eificacia» → eficacia (1)" in r.out
    assert "sin id, nombre o sentido de indicador reconocible: 1" in r.out
    r = cli("importar", "avance", str(src), "--sin-fid", "--salida", str(tmp_path / "t"))
    assert "indicador FID (programa sin MIR; --sin-fid): 1" in r.out
    (prog,) = load_paths([str(tmp_path / "t")]).programas
    assert [i.nivel for i in prog.mir] == ["Propósito"]


def test_roundtrip_keeps_comments_and_hand_written_years(cli, tmp_path, avance):
    out, _ = avance
    spec = out / "9" / "U001.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("mir:\n", "# Revisado a mano por la UED\nmir:\n", 1)
    metas = next(line for line in text.splitlines() if line.strip() == "metas:")
    sangria = " " * (len(metas) - len(metas.lstrip()) + 2)
    text = text.replace(
        metas + "\n",
        f"{metas}\n{sangria}2018: {{meta: 90, valor: 91.5}}  # capturado de la ficha 2018\n",
        1,
    )
    spec.write_text(text, encoding="utf-8")
    header, rows = _rows()
    y2019 = dict(rows[6])
    y2019["AVANCE_CP"] = "97.00"  # differs from the file's 96.02: a conflict
    y2020 = dict(rows[6])
    y2020.update(
        CICLO="2020",
        ID_INDICADOR="160001",
        ID_INDICADOR_CICLO_ANTERIOR="142313",
        META="96.0",
        META_AJUSTADA="",
        META_AJUSTADA_CP="96.0",
        AVANCE_CP="93.5",
        AVANCE_CP_NUM="56100.0",
        AVANCE_CP_DEN="60000.0",
    )
    src = _write(tmp_path / "avance_2020.csv", header, [y2019, y2020])
    before = spec.read_bytes()
    sim = cli("importar", "avance", str(src), "--salida", str(out), "--simular")
    assert sim.code == 1  # the conflict is a finding
    assert spec.read_bytes() == before  # --simular writes nothing
    assert "se actualizaría: 9/U001.yaml (9-U001)" in sim.out
    assert "+ mir[P1].metas.2020" in sim.out

    r = cli("importar", "avance", str(src), "--salida", str(out))
    assert r.code == 1
    lineas = before.decode("utf-8").splitlines()
    n = next(i for i, x in enumerate(lineas, 1) if x.strip() == "valor: 96.02")
    donde = f"9/U001.yaml:{n}:{lineas[n - 1].index('96.02') + 1}"
    assert f"conflicto: {donde}: mir[P1].metas.2019.valor: el archivo dice 96.02" in r.err
    assert "Programas: 0 creados, 1 actualizado," in r.out and "Conflictos: 1" in r.out
    after = spec.read_text(encoding="utf-8")
    assert "# Revisado a mano por la UED\nmir:" in after
    assert "2018: {meta: 90, valor: 91.5}  # capturado de la ficha 2018" in after
    (prog,) = load_paths([str(spec)]).programas
    (ind,) = prog.mir
    assert sorted(ind.metas) == [2018, 2019, 2020]
    assert ind.metas[2019].valor == 96.02  # the file's value stays
    assert (ind.metas[2020].meta_modificada, ind.metas[2020].valor) == (96, 93.5)
    assert not list(spec.parent.glob(".*"))  # no temporary file left behind

    again = cli("importar", "avance", str(src), "--salida", str(out))
    assert "0 actualizados, 1 sin cambios" in again.out  # idempotent apart from the conflict

    rep = cli("importar", "avance", str(src), "--salida", str(out), "--reemplazar")
    assert rep.code == 0, rep.err
    (prog,) = load_paths([str(spec)]).programas
    assert prog.mir[0].metas[2019].valor == 97
    assert "# capturado de la ficha 2018" in spec.read_text(encoding="utf-8")


def test_import_merges_into_flat_existing_spec(cli, tmp_path):
    """An existing spec anywhere under --salida (e.g. a copy of the bundled E045.yaml) is
    completed in place, never duplicated."""
    import shutil

    from issste_mon.carga.loader import bundled_specs_dir

    out = tmp_path / "mis_specs"
    out.mkdir()
    shutil.copy(bundled_specs_dir() / "E045.yaml", out / "E045.yaml")
    original = (out / "E045.yaml").read_text(encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB), "--clave", "51-E045", "--salida", str(out))
    assert [p.name for p in out.rglob("*.yaml")] == ["E045.yaml"]
    after = (out / "E045.yaml").read_text(encoding="utf-8")
    # 2017 already holds the FMyE total: the file keeps it and the difference is reported
    assert r.code == 1 and "poblaciones.2017: el archivo dice un total del año" in r.err
    assert after == original
    assert cli("validar", str(out)).code == 0


def test_bad_inputs_exit_2(cli, tmp_path):
    r = cli("importar", "avance", str(tmp_path / "no.csv"), "--salida", str(tmp_path / "o"))
    assert r.code == 2 and "no existe el archivo" in r.err
    r = cli("importar", "poblaciones", str(POB), "--clave", "X", "--salida", str(tmp_path / "o"))
    assert r.code == 2 and 'clave no válida "X"' in r.err
    r = cli("importar", "avance", str(POB), "--salida", str(tmp_path / "o"))
    assert r.code == 2 and "faltan columnas: CICLO" in r.err
    assert not (tmp_path / "o").exists()


def test_avance_meta_modificada_reproduces_shcp_text(cli, avance, tmp_path):
    """P002 2019 Fin has no approved META, only the adjusted one (7.10); SHCP's own text says
    «porcentaje de cumplimiento de 235.2% con respecto a la meta modificada» (16.70 / 7.10)."""
    out, _ = avance
    args = ("cumplimiento", "14-P002", "--nivel", "fin", "--specs", str(out), "-f", "json")
    (row,) = _json(cli(*args).out)
    from issste_mon.salida.numfmt import round_half_up

    assert str(round_half_up(row["cumplimiento_pct"], 1)) == "235.2"
    # The methodology file switches to the original target: then there is none to compare with.
    from issste_mon.metodologia import default_path

    text = Path(default_path()).read_text(encoding="utf-8")
    original = tmp_path / "metodologia.yaml"
    original.write_text(text.replace("valor: modificada_si_existe", "valor: original", 1))
    (row,) = _json(cli(*args, "--metodologia", str(original)).out)
    assert row["cumplimiento_pct"] is None and row["nota"] == "sin meta en la spec"


def test_salida_not_a_folder_is_exit_2(cli, tmp_path):
    afile = tmp_path / "specs.yaml"
    afile.write_text("x")
    args = ("importar", "ised", str(ISED), "--anio", "2020", "--ramo", "51")
    r = cli(*args, "--salida", str(afile))
    assert r.code == 2 and "no es una carpeta" in r.err and afile.read_text() == "x"


def test_avance_indicator_name_kept_as_written(avance):
    """Line 10, 14-P002, ID 144301: «Consejo  de Representantes» (two spaces) keeps them, as
    `definicion` keeps its text: no source text is altered without a note."""
    out, _ = avance
    spec = yaml.safe_load((out / "14" / "P002.yaml").read_text(encoding="utf-8"))
    (ind,) = [i for i in spec["mir"] if str(i.get("id_shcp")) == "144301"]
    assert ind["nombre"] == (
        "Porcentaje de reuniones ordinarias del Consejo  de Representantes con la "
        "participación e insumos aportados por la Dirección Técnica."
    )


@pytest.mark.parametrize("carpeta", ["2045", "datos-2024"])
def test_the_fiscal_year_comes_from_the_file_name_not_its_folders(cli, tmp_path, carpeta):
    """`/tmp/pytest-2045/poblaciones_2017.csv` said «no se deduce el año fiscal del nombre»
    (2045 and 2017), and `2018/poblaciones.csv` would have filed its figures under 2018."""
    import shutil

    dentro = tmp_path / carpeta
    dentro.mkdir()
    shutil.copy(POB, dentro / "poblaciones_2017.csv")
    r = cli(
        "importar",
        "poblaciones",
        str(dentro / "poblaciones_2017.csv"),
        "-r",
        "51",
        "--salida",
        str(tmp_path / "specs"),
    )
    assert r.code == 0, r.err
    assert "2017:" in (tmp_path / "specs" / "51" / "E045.yaml").read_text(encoding="utf-8")
    shutil.copy(POB, dentro / "poblaciones.csv")
    r = cli(
        "importar",
        "poblaciones",
        str(dentro / "poblaciones.csv"),
        "-r",
        "51",
        "--salida",
        str(tmp_path / "otras"),
    )
    assert r.code == 2 and "no se deduce el año fiscal" in r.err


def test_poblaciones_from_stdin_without_anio_says_stdin_has_no_name(cli, tmp_path):
    """«no se deduce el año fiscal del nombre -»: the «-» the user typed for stdin, read as a
    file name with no year in it."""
    r = cli(
        "importar",
        "poblaciones",
        "-",
        "--salida",
        str(tmp_path / "otras"),
        stdin=POB.read_bytes(),
    )
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "error: no se deduce el año fiscal de la entrada estándar (sin nombre): indíquelo con "
        "--anio\n"
    )
