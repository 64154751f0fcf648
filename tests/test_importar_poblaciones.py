"""`importar poblaciones` on SHCP's real files: the 2017 layout and the PO-only layout of
2018–2020. Every number asserted here was read from /work/shared/data/shcp by hand."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import SHARED

from issste_mon.importar.comun import clave_unidad, numero
from issste_mon.importar.poblaciones import personas

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"
POB20 = SHCP / "poblaciones_2020.csv"
CIFRAS = [
    f"Poblacion_{p}_{d}"
    for p in ("potencial", "objetivo", "atendida")
    for d in ("hombres", "mujeres", "indistinto", "areas_de_enfoque")
]

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


@pytest.fixture(scope="module")
def todo17(tmp_path_factory):
    """The whole 2017 file, imported once for the module (through the real entry point)."""
    from issste_mon.cli import run

    out = tmp_path_factory.mktemp("p17") / "specs"
    code = run(["importar", "poblaciones", str(POB17), "--salida", str(out)])
    assert code == 0
    return out


def _spec(out: Path, ramo: int, clave: str) -> dict:
    return yaml.safe_load((out / str(ramo) / f"{clave}.yaml").read_text(encoding="utf-8"))


def _comps(out: Path, ramo: int, clave: str, anio: int = 2017) -> list[dict]:
    return _spec(out, ramo, clave)["poblaciones"][anio]["componentes"]


def test_rules_of_the_sex_breakdown():
    # indistinto = hombres + mujeres: the total
    assert personas(2, 3, 5, "PA") == (5, None, None)
    # indistinto far below the sum (11-S243 PA): «sexo no registrado», a part
    total, nota, _ = personas(721012, 913687, 52036, "PA")
    assert total == 1686735 and "sexo no registrado" in nota
    # 8-U002: 29 + 10 vs 10 → 49
    assert personas(29, 10, 10, "PA")[0] == 49
    # just under the sum (20-E016 PP): the sum, rounded
    total, nota, _ = personas(18509144, 18995248, 37500000, "PP")
    assert total == 37504392 and "redondeado" in nota
    # the sex breakdown does not cover everyone: indistinto is the total
    assert personas(1987, 3050, 5038, "PO")[0] == 5038
    assert personas(None, None, 7, "PO") == (7, None, None)
    assert personas(4, None, None, "PO")[0] == 4


def _exacta(comp: dict, campo: str) -> Decimal:
    """A total as the source's digits give it: the written value, or (rounded to what the
    loader reads exactly) the exact value its nota records."""
    sigla = {"potencial": "PP", "objetivo": "PO", "atendida": "PA"}[campo]
    m = re.search(rf"{sigla}: la cifra exacta es ([0-9.]+);", comp.get("nota", ""))
    return Decimal(m.group(1)) if m else Decimal(repr(comp[campo]))


def test_no_total_smaller_than_a_part(todo17):
    """Every person figure is at least each of hombres, mujeres, indistinto and their sum, in
    exact decimals (11-E064 PO: 406186.13869735564 + 746733.8613026446 = 1152920.00000000024,
    written 1152920 with a nota that keeps the exact sum)."""
    malos, revisados = [], 0
    for f in todo17.rglob("*.yaml"):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for comp in doc["poblaciones"][2017]["componentes"]:
            for campo, partes in (comp.get("desglose") or {}).items():
                revisados += 1
                if comp[campo] == "ND":
                    malos.append((f.name, comp["nombre"], campo, "ND", partes))
                    continue
                total = _exacta(comp, campo)
                d = {k: Decimal(repr(v)) for k, v in partes.items()}
                h, m = d.get("hombres", 0), d.get("mujeres", 0)
                if total < max(d.values()) or total < h + m:
                    malos.append((f.name, comp["nombre"], campo, total, partes))
    assert revisados == 148 and malos == []


def test_s243_u002_e016_decisions_carry_a_note(todo17):
    # 125 of its 126 rows repeat the same figures: stored once; the other row on its own
    s243, beca = _comps(todo17, 11, "S243")
    assert s243["nombre"] == "Población del programa (125 apoyos)"
    assert s243["atendida"] == 1686735 and s243["objetivo"] == 2391840
    assert (beca["potencial"], beca["atendida"]) == (48644, 48644)  # 13,133.88 + 35,510.12
    assert s243["desglose"]["atendida"] == {
        "hombres": 721012,
        "mujeres": 913687,
        "indistinto": 52036,
    }
    assert "«sexo no registrado»" in s243["nota"]
    u002 = {c["nombre"]: c for c in _comps(todo17, 8, "U002")}
    cert = u002["Certificación de Calidad Genética a productores de material biológico apícola"]
    assert (cert["objetivo"], cert["atendida"]) == (82, 49)  # 49 / 82 = 59.76 %
    (e016,) = _comps(todo17, 20, "E016")
    assert e016["potencial"] == 37504392 and "redondeado" in e016["nota"]


def test_repeated_figures_stored_once(cli, todo17):
    """10-B002 repeats 107,514,190 on its 16 rows: one figure, the 16 supports listed."""
    (b002,) = _comps(todo17, 10, "B002")
    assert (b002["potencial"], b002["objetivo"], b002["atendida"]) == (
        107514190,
        92462203,
        13317799,
    )
    assert len(b002["apoyos"]) == 16
    r = cli("cobertura", "10-B002", "--specs", str(todo17), "-f", "json")
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert max(x["potencial"] for x in rows) <= 130_000_000
    assert rows[0]["potencial"] == 107514190


def test_partly_repeated_program(todo17):
    """11-E003: PP 107 and PO 42 repeated on 6 rows, PA per support: PP/PO once, PA per row,
    and no total summed across them."""
    comps = _comps(todo17, 11, "E003")
    prog = comps[0]
    assert (prog["nombre"], prog["potencial"], prog["objetivo"], prog["atendida"]) == (
        "Población del programa",
        107,
        42,
        "ND",
    )
    # its 6 PA are 35 (4 supports) and 1 (2 supports): grouped, every support named
    assert sum(len(c.get("apoyos", [c["nombre"]])) for c in comps[1:]) == 6
    assert all(c["potencial"] == "ND" for c in comps[1:])
    assert all(isinstance(c["atendida"], int) for c in comps[1:])


def test_persons_and_areas_both_kept(cli, todo17):
    """6-S265: 75,980 / 63,932 persons and 6,144 / 4,614 organisations, each with its unit."""
    comps = {c["unidad_medida"]: c for c in _comps(todo17, 6, "S265")}
    assert set(comps) == {"Personas físicas y morales", "Áreas de enfoque"}
    pers, areas = comps["Personas físicas y morales"], comps["Áreas de enfoque"]
    assert (pers["potencial"], pers["objetivo"], pers["atendida"]) == (2353499, 75980, 63932)
    assert (areas["objetivo"], areas["atendida"]) == (6144, 4614)
    assert "Personas físicas y morales" in areas["nota"]
    r = cli("cobertura", "6-S265", "--specs", str(todo17), "-f", "json")
    rows = json.loads(r.out)
    assert len(rows) == 2 and all(x["componente"] for x in rows)  # no total across units


def _numeros(node) -> Counter:
    out: Counter = Counter()
    if isinstance(node, dict):
        for v in node.values():
            out += _numeros(v)
    elif isinstance(node, list):
        for v in node:
            out += _numeros(v)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        out[float(node)] += 1
    return out


def test_every_cell_reachable(todo17):
    """Every population cell of every row (number or text) is in its program's spec."""
    with open(POB17, encoding="utf-8", newline="") as f:
        filas = list(csv.DictReader(f))
    specs: dict = {}
    entran = guardadas = 0
    faltan = []
    for row in filas:
        ramo, clave = int(float(row["Ramo"])), row["Clave_Pp"]
        if (ramo, clave) not in specs:
            texto = (todo17 / str(ramo) / f"{clave}.yaml").read_text(encoding="utf-8")
            specs[(ramo, clave)] = (set(_numeros(yaml.safe_load(texto))), texto)
        nums, texto = specs[(ramo, clave)]
        for col in CIFRAS:
            cell = row[col].strip()
            if not cell:
                continue
            entran += 1
            try:
                x = numero(cell)
                ok = float(x) in nums
            except ValueError:
                ok = " ".join(cell.split()) in texto
            guardadas += ok
            if not ok:
                faltan.append((ramo, clave, col, cell))
    assert entran == 9170
    assert guardadas == entran, faltan[:5]


# the 2017 text columns kept on the components, as 2018–2020 keeps its own:
# column → (key of the component, población inside it or None)
TEXTOS = {
    "Poblacion_potencial": ("definicion", "potencial"),
    "Poblacion_objetivo_general": ("definicion", "objetivo"),
    "Tipo_poblacion_potencial": ("tipo", "potencial"),
    "Tipo_poblacion_objetivo_general": ("tipo", "objetivo"),
    "Fuente_poblacion_atendida": ("fuente", None),
    "Instancia_generadora_fuente_poblacion_atendida": ("fuente", None),
    "Fuente_poblacion_potencial": ("fuente", None),
    "Instancia_generadora_fuente_poblacion_potencial": ("fuente", None),
    "Comentarios": ("comentario", None),
}


def test_every_text_cell_reachable(todo17):
    """Every definition, tipo, fuente, instancia generadora and comment of every row is on a
    component of its program, under the key 2018–2020 uses for it (none kept only once for a
    group of rows when the rows say different things)."""
    with open(POB17, encoding="utf-8", newline="") as f:
        filas = list(csv.DictReader(f))
    entran, faltan = 0, []
    leidos: dict[tuple[int, str], list[dict]] = {}  # a program has many rows: parse its spec once
    for row in filas:
        programa = (int(float(row["Ramo"])), row["Clave_Pp"])
        if programa not in leidos:
            leidos[programa] = _comps(todo17, *programa)
        comps = leidos[programa]
        for col, (clave, campo) in TEXTOS.items():
            cell = " ".join(row[col].split())
            if not cell:
                continue
            entran += 1
            valores = [c.get(clave) for c in comps]
            if campo is not None:
                valores = [v.get(campo) for v in valores if isinstance(v, dict)]
            if clave == "fuente":  # «PA: fuente (instancia generadora: …); PP: …»
                ok = any(cell in v for v in valores if v)
            else:
                ok = any(cell in v.split(" | ") for v in valores if v)
            if not ok:
                faltan.append((row["Ramo"], row["Clave_Pp"], col, cell[:40]))
    assert entran > 15000 and not faltan, faltan[:5]
    e045 = _comps(todo17, 51, "E045")
    assert all(
        c["comentario"].startswith(("Cabe aclarar que este programa", "Información")) for c in e045
    )
    estancias = next(c for c in e045 if c["nombre"].startswith("Servicio de Estancias"))
    assert estancias["tipo"] == {"potencial": "Personas físicas", "objetivo": "Personas físicas"}
    assert estancias["definicion"]["objetivo"].startswith("Niños y niñas, en el rango de 60 días")
    assert estancias["fuente"] == (
        "SHCP, datos abiertos: poblaciones 2017; PA: Informe Estadístico "
        "y Presupuestal de la Subdirección de Capacitación y Servicios Educativos septiembre 2017 "
        "(instancia generadora: ISSSTE), corte de septiembre de 2017; PP: Anuario Estadístico "
        "Institucional (instancia generadora: ISSSTE), corte de diciembre de 2016; PO: el archivo "
        "no da su fuente ni su corte"
    )


def test_units_tidied_and_spelled_one_way(todo17):
    unidades = Counter()
    for f in todo17.rglob("*.yaml"):
        for c in yaml.safe_load(f.read_text(encoding="utf-8"))["poblaciones"][2017]["componentes"]:
            unidades[c["unidad_medida"]] += 1
    assert all(u == " ".join(u.split()) and not u.endswith(".") for u in unidades)
    por_clave: dict = {}
    for u in unidades:
        por_clave.setdefault(clave_unidad(u), set()).add(u)
    assert {k: v for k, v in por_clave.items() if len(v) > 1} == {}
    assert "Persona" not in unidades and "personas" not in unidades and "Personas" in unidades


# --- 2018–2020: PO only --------------------------------------------------------------------


def test_2020_imports_po_per_component_matches_file(cli, tmp_path):
    out = tmp_path / "p20"
    r = cli("importar", "poblaciones", str(POB20), "--salida", str(out))
    assert r.code == 0, r.err
    assert "219 filas leídas, 214 importadas" in r.out
    assert "Filas omitidas: 5 (fila sin unidad ni cifras: 5)" in r.out
    assert "149 creados" in r.out
    assert cli("validar", str(out)).code == 0
    # the file, by hand: distinct (program, unit, PO) rows
    with open(POB20, encoding="utf-8", newline="") as f:
        filas = list(csv.DictReader(f))
    esperado: dict = {}
    for row in filas:
        if not row["Cuantificación"].strip() and not row["Unidad de medida"].strip():
            continue
        clave = row["Programa (Pp)"].split()[0]
        u = " ".join(row["Unidad de medida"].split()).rstrip(".") or "No especificada"
        try:
            po = numero(row["Cuantificación"])
        except ValueError:
            po = None
        fila = (clave_unidad(u), "ND" if po is None else po)
        esperado.setdefault((int(row["Ramo"]), clave), Counter())[fila] += 1
    for (ramo, clave), cuenta in esperado.items():
        comps = _comps(out, ramo, clave, 2020)
        leido = Counter((clave_unidad(c["unidad_medida"]), c["objetivo"]) for c in comps)
        assert set(leido) == set(cuenta), (ramo, clave)
    # 38-S192: 3,310 on 16 rows (differing only in their comment) is one figure, not 52,960
    (s192,) = _comps(out, 38, "S192", 2020)
    assert s192["objetivo"] == 3310 and "16 filas" in s192["nota"]
    # 6-S265: two components with their own units; the cut-off year lags the fiscal year
    s265 = {c["unidad_medida"]: c for c in _comps(out, 6, "S265", 2020)}
    assert s265["Personas físicas"]["objetivo"] == 1031742
    assert s265["Personas morales"]["objetivo"] == 221
    # (the PO's cut: never `corte`, which cobertura reads as the PA's)
    assert s265["Personas morales"]["corte_objetivo"] == {"mes": 12, "anio": 2019}
    assert "corte" not in s265["Personas morales"]
    assert "2020" in str(_spec(out, 6, "S265")["poblaciones"])  # stays in 2020
    # «U013 Vertiente 2» is program 12-U013
    (u013,) = _comps(out, 12, "U013", 2020)
    assert u013["vertiente"] == "Vertiente 2" and u013["objetivo"] == 5460
    # units: «Personas.\n» and «Persona» are «Personas»
    assert all(
        c["unidad_medida"] != "Persona"
        for f in out.rglob("*.yaml")
        for c in yaml.safe_load(f.read_text(encoding="utf-8"))["poblaciones"][2020]["componentes"]
    )
    # re-importing changes nothing
    antes = {f: f.read_text(encoding="utf-8") for f in out.rglob("*.yaml")}
    r2 = cli("importar", "poblaciones", str(POB20), "--salida", str(out))
    assert r2.code == 0, r2.err
    assert "0 creados, 0 actualizados, 149 sin cambios" in r2.out
    assert {f: f.read_text(encoding="utf-8") for f in out.rglob("*.yaml")} == antes


def test_2017_then_2020_merge_into_one_spec(cli, tmp_path):
    out = tmp_path / "s"
    assert cli("importar", "poblaciones", str(POB17), "-r", "51", "--salida", str(out)).code == 0
    r = cli("importar", "poblaciones", str(POB20), "-r", "51", "--salida", str(out))
    assert r.code == 0, r.err
    doc = _spec(out, 51, "E018")
    assert sorted(doc["poblaciones"]) == [2017, 2020]
    assert "9 actualizados" in r.out or "actualizados" in r.out


def test_avisos_counted_and_listed_with_detalle(cli, tmp_path):
    r = cli("importar", "poblaciones", str(POB17), "--simular", "-o", str(tmp_path / "s"))
    assert r.code == 0, r.err
    linea = next(x for x in r.err.splitlines() if "sexo no registrado" in x)
    assert linea.startswith("aviso: 126 filas: indistinto menor que hombres + mujeres")
    assert "8-U002" in linea and "--detalle los lista todos" in linea
    r = cli(
        "importar", "poblaciones", str(POB17), "--simular", "--detalle", "-o", str(tmp_path / "s")
    )
    detalle = [x for x in r.err.splitlines() if "«sexo no registrado»" in x]
    assert len(detalle) == 126
    assert all(x.startswith(f"aviso: {POB17}:") for x in detalle)
    assert any("11-S243: PA: indistinto 52,036" in x for x in detalle)
    assert not (tmp_path / "s").exists()


def test_every_imported_key_is_known_to_the_validator(cli, todo17, tmp_path):
    r = cli("validar", "--estricto", str(todo17))
    assert r.code == 0 and "clave desconocida" not in r.err + r.out
    out = tmp_path / "p20"
    assert cli("importar", "poblaciones", str(POB20), "--salida", str(out)).code == 0
    r = cli("validar", "--estricto", str(out))
    assert r.code == 0 and "clave desconocida" not in r.err + r.out


@pytest.fixture(scope="module")
def detalle17(tmp_path_factory):
    """stderr of the whole 2017 file imported with --detalle (every aviso on its own line)."""
    import contextlib
    import io

    from issste_mon.cli import run

    err = io.StringIO()
    out = tmp_path_factory.mktemp("p17d") / "specs"
    with contextlib.redirect_stderr(err):
        code = run(["importar", "poblaciones", str(POB17), "--detalle", "--salida", str(out)])
    assert code == 0, err.getvalue()
    return err.getvalue()


def test_pp_unit_of_an_areas_row_is_noted_and_warned(cli, todo17, detalle17):
    """16-U035 line 2517: PP 177 Áreas Naturales Protegidas, PO 30 Estudios Técnicos, all in
    áreas de enfoque: PO/PP is across units, so the spec and stderr say so (as for persons)."""
    comp = next(c for c in _comps(todo17, 16, "U035") if c["objetivo"] == 30)
    assert comp["unidad_medida"] == "Estudios Técnicos"
    assert (
        "unidad de medida de la PP: Áreas Naturales Protegidas, distinta de la de la PO "
        "(Estudios Técnicos): PO/PP compara unidades distintas"
    ) in comp["nota"]
    assert f"{POB17}:2517: 16-U035" in detalle17
    # 8-S262 line 312: PP «Unidades de comercialización», PO «Personas físicas y morales»
    (s262,) = _comps(todo17, 8, "S262")
    assert "unidad de medida de la PP: Unidades de comercialización" in s262["nota"]
    assert f"{POB17}:312: 8-S262" in detalle17
    r = cli("cobertura", "16-U035", "8-S262", "--specs", str(todo17), "-f", "json")
    filas = [f for f in json.loads(r.out) if f["po_pp_pct"] is not None]
    sin_nota = [
        f
        for f in filas
        if f["componente"] and f["unidad_medida"] != "Personas" and "PO/PP compara" not in f["nota"]
    ]
    assert not sin_nota


def test_every_pp_unit_of_a_programs_rows_is_named(todo17):
    """15-E003: the program's component names the PP unit of line 1655 («Carpeta básica»)."""
    (e003,) = _comps(todo17, 15, "E003")
    assert "unidades de la PP en las filas: Personas, Carpeta básica" in e003["nota"]


def test_persons_never_under_the_areas_unit(todo17, detalle17):
    """16-E014 lines 1875–1880: PP/PO only in hectáreas (áreas de enfoque), PA in indistinto
    (persons): the persons are not filed as hectáreas."""
    comps = {c["nombre"]: c for c in _comps(todo17, 16, "E014")}
    premio = comps["Premio Nacional al Mérito Forestal"]
    assert (premio["unidad_medida"], premio["atendida"]) == ("Personas", 9)
    assert "«Hectáreas», y es la de las áreas de enfoque de la fila" in premio["nota"]
    assert comps["Población del programa"]["unidad_medida"] == "Hectáreas"
    assert comps["Quemas controladas realizadas (Hectáreas)"]["unidad_medida"] == "Hectáreas"
    for linea in range(1875, 1881):
        assert f"{POB17}:{linea}: 16-E014" in detalle17
    # 11-S247 lines 1138–1150: PP persons (the program's, «Personas»), PO/PA áreas de enfoque
    s247 = _comps(todo17, 11, "S247")
    cuerpos = next(c for c in s247 if c["objetivo"] == 11648)
    assert (cuerpos["unidad_medida"], cuerpos["atendida"]) == ("Cuerpos Académicos", 942)
    programa = next(c for c in s247 if c["nombre"] == "Población del programa")
    assert (programa["unidad_medida"], programa["potencial"]) == ("Personas", 1276958)


def test_no_persons_figure_under_a_unit_that_is_its_rows_areas(todo17):
    """Over the file: a row with persons and áreas whose PO is only áreas de enfoque never puts
    its persons' figures in a component with the row's unit."""
    with POB17.open(encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        casos = []
        for r in rd:
            d = dict(zip(header, r, strict=True))

            def clase(p, d=d):
                per = any(
                    d[f"Poblacion_{p}_{x}"].strip() for x in ("hombres", "mujeres", "indistinto")
                )
                area = bool(d[f"Poblacion_{p}_areas_de_enfoque"].strip())
                return ({"P"} if per else set()) | ({"A"} if area else set())

            todas = clase("potencial") | clase("objetivo") | clase("atendida")
            if (
                todas == {"P", "A"}
                and clase("objetivo") == {"A"}
                and "Pers" not in d["Unidad_medida_PO"]
            ):
                casos.append(d)
    assert len(casos) >= 7
    for d in casos:
        ramo, clave = int(float(d["Ramo"])), d["Clave_Pp"]
        unidad = " ".join(d["Unidad_medida_PO"].split()).rstrip(".")
        for c in _comps(todo17, ramo, clave):
            pa = d["Poblacion_atendida_indistinto"].strip()
            if pa and c.get("desglose") is None and c["atendida"] == numero(pa):
                assert clave_unidad(c["unidad_medida"]) != clave_unidad(unidad), (clave, c)


def test_2020_repeated_figures_name_their_lines_once_per_group(cli, tmp_path):
    """15-U281 rows 153/160 … 156/163 and 38-S192 lines 232–247: the aviso and the spec's nota
    name the lines of each group; without --detalle one counted line, never one text 4 times."""
    out = tmp_path / "p20"
    r = cli("importar", "poblaciones", str(POB20), "--detalle", "-o", str(out))
    assert r.code == 0, r.err
    repetidas = [x for x in r.err.splitlines() if "se registran una vez" in x]
    assert len(repetidas) == len(set(repetidas)) == 5
    for a, b in ((153, 160), (154, 161), (155, 162), (156, 163)):
        assert any(
            x.startswith(f"aviso: {POB20}:{a}: 15-U281 ") and f"(líneas {a}, {b})" in x
            for x in repetidas
        )
    assert any(f"{POB20}:232: 38-S192" in x and "(líneas 232–247)" in x for x in repetidas)
    notas = [c.get("nota", "") for c in _comps(out, 15, "U281", 2020)]
    assert [n for n in notas if "(líneas 153, 160)" in n]
    (s192,) = _comps(out, 38, "S192", 2020)
    assert "en 16 filas de la fuente (líneas 232–247)" in s192["nota"]
    r = cli("importar", "poblaciones", str(POB20), "-o", str(tmp_path / "q"))
    (linea,) = [x for x in r.err.splitlines() if "se registran una vez" in x]
    assert linea.startswith("aviso: 5 grupos de filas:")


def test_2020_empty_unit_is_warned_with_its_line_and_counted(cli, tmp_path):
    """Line 95 (11-U083): empty «Unidad de medida» → «No especificada», with nota, aviso and
    the summary's count."""
    out = tmp_path / "p20"
    r = cli("importar", "poblaciones", str(POB20), "--ramo", "11", "-o", str(out))
    assert r.code == 0, r.err
    assert f"aviso: {POB20}:95: 11-U083 " in r.err
    assert "la fuente no da unidad de medida" in r.err
    assert "Categorías corregidas: unidad_medida «(vacía)» → No especificada (1)." in r.out
    (comp,) = [c for c in _comps(out, 11, "U083", 2020) if c["unidad_medida"] == "No especificada"]
    assert "la fuente no da unidad de medida" in comp["nota"]


def test_the_year_comes_from_the_file_name_not_its_folder(cli, tmp_path):
    """A folder named for another year (`datos/2024/`, or pytest's own `/tmp/pytest-2066/`,
    which broke four tests once its counter passed 2000) is not the file's year: the name
    poblaciones_2020.csv alone says 2020."""
    import shutil

    from issste_mon.importar.poblaciones import anio_de

    assert anio_de("/datos/2024/poblaciones_2020.csv") == 2020
    assert anio_de("C:\\datos\\2024\\poblaciones_2020.csv") == 2020
    assert anio_de("/datos/2024/poblaciones.csv") is None
    carpeta = tmp_path / "2024"
    carpeta.mkdir()
    copia = carpeta / "poblaciones_2020.csv"
    shutil.copy(POB20, copia)
    out = tmp_path / "s"
    r = cli("importar", "poblaciones", str(copia), "--ramo", "51", "-o", str(out))
    assert r.code == 0, r.err
    assert "programada: 9118370\n" in (out / "51" / "E018.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("nombre", "anio"), [("poblaciones_2017.csv", ()), ("poblaciones.csv", ("--anio", "2017"))]
)
def test_the_fiscal_year_is_read_from_the_files_name_not_its_folders(
    cli, tmp_path, monkeypatch, nombre, anio
):
    """A folder with a year in its name (pytest's own /tmp/pytest-of-root/pytest-2010/, an
    analyst's descargas-2019/) said nothing about the file's year, yet made a second year:
    «no se deduce el año fiscal», or «el nombre del archivo dice 2019 y --anio dice 2017»."""
    carpeta = tmp_path / "descargas-2019"
    carpeta.mkdir()
    with open(POB17, encoding="utf-8", newline="") as f:
        filas = [fila for n, fila in enumerate(csv.reader(f)) if n == 0 or fila[0] == "51.0"]
    copia = carpeta / nombre
    with open(copia, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(filas)
    monkeypatch.chdir(tmp_path)  # the path as given names only the folder with a year
    r = cli("importar", "poblaciones", f"descargas-2019/{nombre}", *anio, "-o", "o")
    assert r.code == 0, r.err
    doc = yaml.safe_load((tmp_path / "o" / "51" / "E018.yaml").read_text(encoding="utf-8"))
    assert list(doc["poblaciones"]) == [2017]


def test_a_figure_without_source_in_the_file_says_so(todo17):
    """12-U012's row gives PP and PA (32) with no Fuente cells: its fuente said nothing of
    them (only the file); every population the component holds is now accounted for."""
    (u012,) = _comps(todo17, 12, "U012")
    assert (u012["potencial"], u012["atendida"]) == (32, 32)
    assert u012["fuente"] == (
        "SHCP, datos abiertos: poblaciones 2017; PA: el archivo no da su fuente, sin corte en el "
        "archivo; PP: el archivo no da su fuente, sin corte en el archivo; PO: el archivo no da "
        "su fuente ni su corte"
    )


def test_figures_repeated_on_some_rows_say_where_else(todo17):
    """12-E040: PP 5,784,134 and PO 1,938,790 on 4 of its 8 apoyos, each with its own PA: kept
    on each component (its PA/PO is its own), and each names the other rows, so nobody adds
    them up (before, nothing said the four PPs were one population)."""
    comps = {c["nombre"]: c for c in _comps(todo17, 12, "E040")}
    otras = {
        "Atención médica": "1315, 1322, 1331",
        "Talleres y capacitaciones para el desarrollo de oficios y actividades laborales": (
            "1308, 1322, 1331"
        ),
        "Lavaderos": "1308, 1315, 1331",
        "Servicios de Asistencia Social": "1308, 1315, 1322",
    }
    for nombre, lineas in otras.items():
        assert (comps[nombre]["potencial"], comps[nombre]["objetivo"]) == (5784134, 1938790)
        assert comps[nombre]["nota"].endswith(
            f"PP/PO: las mismas cifras que en las líneas {lineas} (otros componentes del "
            "programa), registradas en cada uno: si son una misma población, sumarlas la cuenta "
            "varias veces"
        )
    assert all(
        "otros componentes" not in c.get("nota", "") for n, c in comps.items() if n not in otras
    )


def test_2020_figures_repeated_on_some_rows_say_where_else(cli, tmp_path):
    """15-U281 2020: PO 122 on line 159 (cut March 2020) and on lines 156/163 (cut June), PO 5
    on 154/161 (municipios) and 157 (planteles): separate components, as in 2017 each names
    the other's lines (before, nothing linked them, and its total counted 122 twice)."""
    out = tmp_path / "p20"
    r = cli("importar", "poblaciones", str(POB20), "--ramo", "15", "--detalle", "-o", str(out))
    assert r.code == 0, r.err
    comps = _comps(out, 15, "U281", 2020)
    sismos = "La población objetivo son los municipios afectados por los SISMOS, para atender"
    otras = {
        f"{sismos} la reconstrucción… (2)": (5, "la línea 157"),
        f"{sismos} la reconstrucción… (4)": (122, "la línea 159"),
        "5 planteles educativos": (5, "las líneas 154, 161"),
        f"{sismos} la reconstrucción… (5)": (122, "las líneas 156, 163"),
    }
    por_nombre = {c["nombre"]: c for c in comps}
    for nombre, (po, donde) in otras.items():
        nota = (
            f"PO: la misma cifra que en {donde} (otro componente del programa), registrada en "
            "cada uno: si es una misma población, sumarla la cuenta varias veces"
        )
        assert por_nombre[nombre]["objetivo"] == po
        assert por_nombre[nombre]["nota"].endswith(nota)
        assert f"15-U281 «{nombre}»: {nota}\n" in r.err
    assert all(
        "otro componente" not in c.get("nota", "") for c in comps if c["nombre"] not in otras
    )
