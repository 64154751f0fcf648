"""Metamorphic relations: the answers do not change when nothing that matters changed (where the
files sit, the order they are given in, the order of a mapping's keys, the cache, a name), and
change exactly as expected when something did (a filter is a slice of the whole, meta and valor
scaled together leave the cumplimiento, a higher valor never lowers an ascending one).

The oracle (test_oraculo) checks each figure against an independent computation; these check
whole outputs against each other, so they also catch what decides which rows there are and in
which order."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.vocab import ATRIBUTOS_DIAGNOSTICO

# Two programs of other ramos, and the dependency of one: «6/» sorts after «51/» as text and
# before it as a number (the layout `importar` writes: <ramo>/<clave>.yaml).
OTROS = {
    "S265": (
        6,
        """\
clave: S265
ramo: 6
dependencia: SHCP
nombre: Subsidio de otra dependencia
poblaciones:
  2017: {unidad_medida: Personas, potencial: 2353499, objetivo: 75980, atendida: 63932}
presupuesto:
  2017: {ejercido: 120.5, ramo: 3000}
mir:
  - id: P1
    nivel: Propósito
    nombre: Tiempo de respuesta
    sentido: descendente
    metas:
      2016: {meta: 40, valor: 44}
      2017: {meta: 40, valor: 38}
monitoreo:
  2024: {valoracion: 0.61}
""",
    ),
    "A001": (
        12,
        """\
clave: A001
ramo: 12
dependencia: SALUD
nombre: Programa de un ramo intermedio
poblaciones:
  2017: {unidad_medida: Personas, potencial: 1000, objetivo: 400, atendida: 412}
presupuesto:
  2016: {ejercido: 10, ramo: 800}
mir:
  - id: F1
    nivel: Fin
    nombre: Personas atendidas
    sentido: ascendente
    metas:
      2017: {meta: 52.5, valor: 50}
      2016: {meta: 50, valor: 49}
monitoreo:
  2024: {valoracion: 0.30}
""",
    ),
    "SHCP": (
        6,
        """\
tipo: dependencia
clave: SHCP
siglas: SHCP
ramo: 6
nombre: Secretaría de Hacienda y Crédito Público
monitoreo:
  2024: {inmonitoreo: 0.5, subindice_dependencia: 0.4}
""",
    ),
}

# every command whose rows come from the loaded records
TABLAS = [
    ("programas",),
    ("cobertura",),
    ("cumplimiento",),
    ("presupuesto",),
    ("monitoreo",),
    ("sexenal",),
    ("calidad",),
    ("resumen",),
    ("tendencias",),
    ("alertas",),
]


def _archivos() -> dict[str, tuple[int, str]]:
    """name → (ramo, text) of the bundled specs and OTROS."""
    out = {name: (r, text) for name, (r, text) in OTROS.items()}
    for f in sorted(bundled_specs_dir().glob("*.yaml")):
        out[f.stem] = (51, f.read_text(encoding="utf-8"))
    return out


def _escribir(raiz: Path, disposicion: str, semilla: int = 0) -> list[str]:
    """The same files under `raiz`, laid out as asked; the --specs arguments that read them."""
    rnd = random.Random(semilla)
    archivos = _archivos()
    raiz.mkdir()
    rutas = []
    for name, (ramo, text) in archivos.items():
        if disposicion == "plana":
            carpeta = raiz
        elif disposicion == "ramos":  # as `importar` writes them
            carpeta = raiz / str(ramo)
        else:  # nested folders at random
            carpeta = raiz / f"z{rnd.randint(0, 3)}" / f"q{rnd.randint(0, 2)}"
        carpeta.mkdir(parents=True, exist_ok=True)
        (carpeta / f"{name}.yaml").write_text(text, encoding="utf-8")
        rutas.append(str(carpeta / f"{name}.yaml"))
    if disposicion == "uno_por_uno":  # each file its own --specs, in a shuffled order
        rnd.shuffle(rutas)
        return [a for r in rutas for a in ("--specs", r)]
    return ["--specs", str(raiz)]


def _sin_rutas(texto: str, raiz: Path) -> str:
    """The output with each file named by its name only (`archivo` says where it is)."""
    out = texto
    for f in sorted(raiz.rglob("*.yaml"), key=lambda p: -len(str(p))):
        out = out.replace(str(f), f.name)
    return out


def _filas(texto: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(texto)))


# --- Order and layout ---------------------------------------------------------------------


def test_the_layout_of_the_files_does_not_change_any_table(cli, tmp_path):
    """The same specs flat, in importar's <ramo>/ folders, in nested folders at random or given
    one by one in a shuffled order: every table the same, byte for byte (the `archivo` column
    apart). The rows followed the files' order: in <ramo>/ folders «12/» and «51/» came before
    «6/», so `cobertura` listed A001, E045…, S265 where `programas` (sorted) said S265 first,
    and a second --specs in front moved its programs to the top."""
    disposiciones = {
        d: (tmp_path / d, _escribir(tmp_path / d, d, semilla=i))
        for i, d in enumerate(("plana", "ramos", "al_azar", "uno_por_uno"))
    }
    for args in TABLAS:
        salidas = {}
        for d, (raiz, specs) in disposiciones.items():
            r = cli(*args, *specs, "-f", "csv")
            assert r.code == 0, (args, d, r.err)
            salidas[d] = _sin_rutas(r.out, raiz)
        assert len(set(salidas.values())) == 1, (args, {d: s[:400] for d, s in salidas.items()})


def test_rows_follow_ramo_and_clave_in_every_table(cli, tmp_path):
    """Whatever the layout, a table's programs come in `programas`' order: ramo, then clave."""
    specs = _escribir(tmp_path / "ramos", "ramos")
    orden = [
        (int(f["ramo"]), f["clave"]) for f in _filas(cli("programas", *specs, "-f", "csv").out)
    ]
    assert orden == sorted(orden) and orden[0] == (6, "S265") and orden[1] == (12, "A001")
    for args in (("cobertura",), ("cumplimiento",), ("presupuesto",), ("tendencias",)):
        vistos = list(
            dict.fromkeys(
                (int(f["ramo"]), f["clave"]) for f in _filas(cli(*args, *specs, "-f", "csv").out)
            )
        )
        programas = [v for v in vistos if v in orden]
        assert programas == sorted(programas), args
    # dependencias too: SHCP (ramo 6) before ISSSTE (ramo 51)
    monitoreo = _filas(cli("monitoreo", *specs, "-f", "csv").out)
    deps = [f["clave"] for f in monitoreo if f["ambito"] != "programa"]
    assert deps.index("SHCP") < deps.index("ISSSTE")


def test_the_library_answers_the_same_whatever_the_order_of_the_paths(tmp_path):
    _escribir(tmp_path / "ramos", "ramos")
    carpetas = sorted(str(p) for p in (tmp_path / "ramos").iterdir())
    a = im.cargar(*carpetas)
    b = im.cargar(*carpetas[::-1])
    for consulta in (im.cobertura, im.cumplimiento, im.presupuesto, im.tendencias):
        assert consulta(a).to_records() == consulta(b).to_records(), consulta.__name__
    assert [(p.ramo, p.clave) for p in a.programas] == [(p.ramo, p.clave) for p in b.programas]


def test_the_order_of_a_diagnosticos_keys_does_not_change_resumen(cli, tmp_path):
    """`resumen` listed the attributes in the order the first program's `diagnostico` wrote
    its keys: E015 with them reversed turned the whole table upside down."""
    carpeta = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), carpeta)
    e015 = carpeta / "E015.yaml"
    lineas = e015.read_text(encoding="utf-8").splitlines(keepends=True)
    atributos = [
        i
        for i, linea in enumerate(lineas)
        if linea.startswith("    ")
        and not linea.startswith("     ")
        and linea.split(":")[0].strip() in ATRIBUTOS_DIAGNOSTICO
    ]
    assert len(atributos) == 11 and atributos == list(range(atributos[0], atributos[-1] + 1))
    lineas[atributos[0] : atributos[-1] + 1] = lineas[atributos[0] : atributos[-1] + 1][::-1]
    e015.write_text("".join(lineas), encoding="utf-8")
    for args in (("resumen",), ("resumen", "--enunciados")):
        antes = cli(*args, "--specs", str(bundled_specs_dir()), "-f", "csv")
        despues = cli(*args, "--specs", str(carpeta), "-f", "csv")
        assert despues.out == antes.out, args


def test_a_program_without_fuente_beside_others_reads_the_same_in_every_format(cli, tmp_path):
    """One indicator with no `fuente` anywhere (its year, itself, its program) beside others
    that have one: csv and json gave its rows, but `-f tabla`, `-f markdown`, `-o x.xlsx` and
    `im.cumplimiento` stopped with a traceback (AttributeError: 'float' object has no attribute
    'split': the frame's empty `fuente` was NaN, which the caption's list of documents read)."""
    from test_formatos_cruzados import _comparar, _salidas

    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    for nombre in ("S265", "A001"):
        (carpeta / f"{nombre}.yaml").write_text(OTROS[nombre][1], encoding="utf-8")
    shutil.copy(bundled_specs_dir() / "E048.yaml", carpeta)
    for args in (("cumplimiento",), ("tendencias",), ("alertas",), ("cobertura",)):
        _comparar(_salidas(cli, tmp_path, (*args, "--specs", str(carpeta))))
    filas = im.cumplimiento(im.cargar(carpeta)).to_records()
    assert sorted((f["clave"], f["anio"], f["fuente"] or "") for f in filas) == [
        ("A001", 2016, ""),
        ("A001", 2017, ""),
        ("E048", 2023, "CONEVAL, Desempeño 2024, Cumplimiento de temáticas 2023"),
        ("S265", 2016, ""),
        ("S265", 2017, ""),
    ]
    assert all(f["fuente"] is None for f in filas if f["clave"] != "E048")


# --- Irrelevant changes, the cache, stdin -------------------------------------------------


def test_an_unrelated_program_changes_no_other_row(cli, tmp_path):
    """Programs and a dependency of other ramos beside the bundled specs: every row of the
    bundled programs is the same, value for value, in every table (only their own are added)."""
    juntas = _escribir(tmp_path / "juntas", "plana")
    solas = ["--specs", str(bundled_specs_dir())]
    for args in TABLAS:
        antes = json.loads(cli(*args, *solas, "-f", "json").out)
        despues = json.loads(cli(*args, *juntas, "-f", "json").out)
        suyas = [f for f in despues if f.get("clave") not in OTROS and f.get("archivo") is None]
        if args == ("programas",):
            antes = [{**f, "archivo": Path(f["archivo"]).name} for f in antes]
            suyas = [
                {**f, "archivo": Path(f["archivo"]).name}
                for f in despues
                if f.get("clave") not in OTROS
            ]
        assert suyas == antes, args


def test_a_name_is_only_a_name(cli, tmp_path):
    """Another name for a program and for an indicator: every output is the old one with the
    name replaced, nothing else (no figure, no verdict, no line)."""
    carpeta = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), carpeta)
    e045 = carpeta / "E045.yaml"
    cambios = {
        "Prestaciones sociales": "Prestaciones del Instituto",
        "servicios económicos, sociales y culturales": "prestaciones económicas, sociales y más",
    }
    texto = e045.read_text(encoding="utf-8")
    for viejo, nuevo in cambios.items():  # (the name of the program is in a comment too)
        assert texto.count(f"nombre: {viejo}") + texto.count(f"de {viejo}") == 1, viejo
        texto = texto.replace(f"nombre: {viejo}", f"nombre: {nuevo}")
        texto = texto.replace(f"de {viejo}", f"de {nuevo}")
    e045.write_text(texto, encoding="utf-8")
    for args in (*TABLAS, ("verificar", "E045"), ("ficha", "E045", "-f", "markdown")):
        fmt = () if args[0] == "ficha" else ("-f", "csv")
        antes = cli(*args, "--specs", str(bundled_specs_dir()), *fmt)
        despues = cli(*args, "--specs", str(carpeta), *fmt)
        esperado = _sin_carpeta(antes.out)
        for viejo, nuevo in cambios.items():
            esperado = esperado.replace(viejo, nuevo)
        assert (despues.code, _sin_carpeta(despues.out)) == (antes.code, esperado), args


def _sin_carpeta(texto: str) -> str:
    """Each spec named by its file's name (`verificar` names it from the working directory;
    the ficha says «E045.yaml (incluida)» of a bundled one)."""
    return re.sub(r"[^,\s\"]*/([\w-]+\.yaml)", r"\1", texto).replace(" (incluida)", "")


def test_cold_warm_and_uncached_runs_say_the_same(cli, cache_dir, tmp_path, monkeypatch):
    """Every command, byte for byte on stdout and stderr: with the cache empty, filled by the
    run before, and with ISSSTE_MON_SIN_CACHE=1."""
    specs = _escribir(tmp_path / "ramos", "ramos")
    for args in (*TABLAS, ("verificar",), ("monitoreo", "--indice", "ised")):
        shutil.rmtree(cache_dir, ignore_errors=True)
        frio = cli(*args, *specs, "-f", "csv")
        tibio = cli(*args, *specs, "-f", "csv")
        assert any(cache_dir.rglob("*")), args  # (the cache was there to be read)
        monkeypatch.setenv("ISSSTE_MON_SIN_CACHE", "1")
        sin = cli(*args, *specs, "-f", "csv")
        monkeypatch.delenv("ISSSTE_MON_SIN_CACHE")
        assert frio == tibio == sin, args


def test_a_spec_read_from_stdin_answers_as_its_file(cli):
    e045 = bundled_specs_dir() / "E045.yaml"
    for args in (("cobertura",), ("cumplimiento",), ("presupuesto",), ("tendencias",)):
        archivo = cli(*args, "--specs", str(e045), "-f", "csv")
        entrada = cli(*args, "--specs", "-", "-f", "csv", stdin=e045.read_bytes())
        assert entrada == archivo, args


# --- Filters are slices -------------------------------------------------------------------


def test_a_filter_gives_the_rows_of_the_whole_that_it_names(cli, tmp_path):
    """`--anio Y`, `CLAVE` and `--nivel` give exactly the whole table's rows of that year,
    program or level, in the same order, with the same values."""
    specs = _escribir(tmp_path / "ramos", "ramos")

    def filas(*args):
        r = cli(*args, *specs, "-f", "csv")
        return _filas(r.out) if r.code == 0 else []

    for orden in ("cobertura", "cumplimiento", "presupuesto", "monitoreo", "alertas"):
        todas = filas(orden)
        assert todas, orden
        if orden != "alertas":
            for anio in sorted({f["anio"] for f in todas}):
                assert filas(orden, "--anio", anio) == [f for f in todas if f["anio"] == anio]
        for ramo, clave in sorted({(f["ramo"], f["clave"]) for f in todas}):
            if not clave[0].isalpha() or not clave[1:].isdigit():
                continue  # (a dependency: its own level, test_cli)
            suyas = [f for f in todas if (f["ramo"], f["clave"]) == (ramo, clave)]
            assert filas(orden, f"{ramo}-{clave}") == suyas, (orden, clave)
    todas = filas("cumplimiento")
    for nivel in {f["nivel"] for f in todas}:
        assert filas("cumplimiento", "--nivel", nivel) == [f for f in todas if f["nivel"] == nivel]
    todas = filas("alertas")
    for regla in {f["regla"] for f in todas}:
        assert filas("alertas", "-r", regla) == [f for f in todas if f["regla"] == regla]
    todas = filas("tendencias")
    for clave in ("6-S265", "12-A001", "51-E045", "PI-ISSSTE-2020-2024"):
        suyas = [f for f in todas if clave.endswith(f["clave"])]
        assert suyas and filas("tendencias", clave) == suyas, clave


# --- Arithmetic ---------------------------------------------------------------------------

RANGOS = {"Bajo": 0, "Adecuado": 1, "Alto": 2}


def run_cli(*args: str) -> tuple[int, str, str]:
    """The real entry point in process (a hypothesis test takes no function fixture)."""
    from issste_mon.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return int(code), out.getvalue(), err.getvalue()


def _cifra(d: Decimal) -> str:
    """A decimal as a spec writes it (no exponent, no trailing zeros)."""
    t = format(d, "f")
    return t.rstrip("0").rstrip(".") if "." in t else t


POSITIVA = st.decimals(min_value="0.001", max_value="9999999", places=3).map(Decimal)


@settings(max_examples=30, deadline=None, database=None)
@given(
    meta=POSITIVA,
    valor=POSITIVA,
    mas=POSITIVA,
    k=st.sampled_from(["10", "0.1", "7", "1000"]),
    sentido=st.sampled_from(["ascendente", "descendente", "constante"]),
)
def test_cumplimiento_moves_only_as_the_formula_says(meta, valor, mas, k, sentido):
    """Meta and valor scaled together leave the cumplimiento, its rango and its nota; the inverse
    formula of a descendente is the ascending one with meta and valor swapped; a higher valor
    never lowers an ascending cumplimiento or its rango (nor raises a descending one). Through
    the library (the frame) and the CLI's csv (part by part, with its float shortcut)."""
    k = Decimal(k)
    filas = {
        "base": (sentido, meta, valor),
        "escalada": (sentido, meta * k, valor * k),
        "asc": ("ascendente", meta, valor),
        "desc_al_reves": ("descendente", valor, meta),
        "desc": ("descendente", meta, valor),
        "asc_mas": ("ascendente", meta, valor + mas),
        "desc_mas": ("descendente", meta, valor + mas),
    }
    mir = "".join(
        f"  - {{id: {i}, nivel: Fin, nombre: Indicador {i}, sentido: {s}, "
        f"metas: {{2020: {{meta: {_cifra(m)}, valor: {_cifra(v)}}}}}}}\n"
        for i, (s, m, v) in filas.items()
    )
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp, "E001.yaml")
        spec.write_text(f"clave: E001\nramo: 51\nnombre: Prueba\nmir:\n{mir}", encoding="utf-8")
        api = {f["id"]: f for f in im.cumplimiento(im.cargar(spec)).to_records()}
        code, out, err = run_cli("cumplimiento", "--specs", str(spec), "-f", "csv")
    assert code == 0, err
    por_csv = {f["id"]: f for f in csv.DictReader(io.StringIO(out))}
    for filas_de in (api, por_csv):
        pct = {i: Decimal(str(f["cumplimiento_pct"])) for i, f in filas_de.items()}
        rango = {i: RANGOS[f["rango"]] for i, f in filas_de.items()}
        for campo in ("cumplimiento_pct", "rango", "nota"):
            assert filas_de["escalada"][campo] == filas_de["base"][campo], (campo, k)
        assert pct["desc_al_reves"] == pct["asc"]
        assert pct["asc_mas"] >= pct["asc"] and rango["asc_mas"] >= rango["asc"]
        assert pct["desc_mas"] <= pct["desc"] and rango["desc_mas"] <= rango["desc"]
    assert {i: Decimal(str(f["cumplimiento_pct"])) for i, f in api.items()} == {
        i: Decimal(f["cumplimiento_pct"]) for i, f in por_csv.items()
    }


@settings(max_examples=30, deadline=None, database=None)
@given(
    pp=POSITIVA,
    po=POSITIVA,
    pa=POSITIVA,
    mas=POSITIVA,
    ejercido=POSITIVA,
    ramo=POSITIVA,
    k=st.sampled_from(["10", "0.1", "7", "1000"]),
)
def test_cobertura_and_share_of_the_ramo_move_only_as_the_formula_says(
    pp, po, pa, mas, ejercido, ramo, k
):
    """PP, PO and PA scaled together leave PA/PO, PO/PP and the mark over 100 %; a larger PA
    never lowers PA/PO; ejercido and the ramo's scaled together leave the share of the ramo."""
    k = Decimal(k)
    anios = {2020: (pp, po, pa), 2021: (pp * k, po * k, pa * k), 2022: (pp, po, pa + mas)}
    poblaciones = "".join(
        f"  {a}: {{unidad_medida: Personas, potencial: {_cifra(p)}, objetivo: {_cifra(o)}, "
        f"atendida: {_cifra(t)}}}\n"
        for a, (p, o, t) in anios.items()
    )
    presupuesto = (
        f"  2020: {{ejercido: {_cifra(ejercido)}, ramo: {_cifra(ramo)}}}\n"
        f"  2021: {{ejercido: {_cifra(ejercido * k)}, ramo: {_cifra(ramo * k)}}}\n"
    )
    texto = (
        "clave: E001\nramo: 51\nnombre: Prueba\n"
        f"poblaciones:\n{poblaciones}presupuesto:\n{presupuesto}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp, "E001.yaml")
        spec.write_text(texto, encoding="utf-8")
        specs = im.cargar(spec)
        cob = {f["anio"]: f for f in im.cobertura(specs).to_records()}
        pre = {f["anio"]: f for f in im.presupuesto(specs).to_records()}
        code, out, err = run_cli("cobertura", "--specs", str(spec), "-f", "csv")
    assert code == 0, err
    assert [Decimal(f["cobertura_pct"]) for f in csv.DictReader(io.StringIO(out))] == [
        Decimal(str(cob[a]["cobertura_pct"])) for a in sorted(cob)
    ]
    for campo in ("cobertura_pct", "po_pp_pct", "mayor_100"):
        assert cob[2021][campo] == cob[2020][campo], (campo, k)
    assert cob[2022]["cobertura_pct"] >= cob[2020]["cobertura_pct"]
    assert cob[2022]["mayor_100"] >= cob[2020]["mayor_100"]
    assert pre[2021]["porcentaje_ramo"] == pre[2020]["porcentaje_ramo"]


def test_the_methodology_moves_only_what_it_decides(cli, tmp_path):
    """A copy of the bundled methodology changes nothing but the name of the file the rows
    cite; the mirror formula moves only the descendentes, to (2 − valor/meta) × 100; a lower
    band moves only the rango of the rows between the two bounds, never a cumplimiento."""
    specs = _escribir(tmp_path / "ramos", "ramos")
    incluida = (Path(im.__file__).parent / "data" / "metodologia.yaml").read_text("utf-8")
    variantes = {
        "copia": incluida,
        "espejo": incluida.replace("    valor: inversa ", "    valor: espejo  ", 1),
        "80": incluida.replace("    inferior: 90\n", "    inferior: 80\n", 1).replace(
            "cumplimiento_menor_a: 90 ", "cumplimiento_menor_a: 80 ", 1
        ),
    }
    salidas = {}
    for nombre, texto in variantes.items():
        assert texto != incluida or nombre == "copia", nombre
        archivo = tmp_path / f"{nombre}.yaml"
        archivo.write_text(texto, encoding="utf-8")
        r = cli("cumplimiento", *specs, "-f", "csv", "--metodologia", str(archivo))
        assert r.code == 0, r.err
        salidas[nombre] = r.out.replace(f" ({archivo})", "")
    base = cli("cumplimiento", *specs, "-f", "csv").out
    assert salidas["copia"] == base
    for x, espejo, banda in zip(
        _filas(base), _filas(salidas["espejo"]), _filas(salidas["80"]), strict=True
    ):
        assert banda["cumplimiento_pct"] == x["cumplimiento_pct"]
        if x["rango"] and banda["rango"] != x["rango"]:
            assert (x["rango"], banda["rango"]) == ("Bajo", "Adecuado")
            assert 80 <= Decimal(x["cumplimiento_pct"]) < 90
        if x["sentido"] != "descendente" or not x["cumplimiento_pct"]:
            assert espejo["cumplimiento_pct"] == x["cumplimiento_pct"]
            continue
        meta, valor = Decimal(x["meta"]), Decimal(x["valor"])
        assert Decimal(espejo["cumplimiento_pct"]) == round((2 - valor / meta) * 100, 10)


def test_a_window_of_years_reads_as_if_the_other_years_were_not_recorded(cli, tmp_path):
    """`tendencias --anio-desde/--anio-hasta` is not a slice of the whole (README: the change
    from a year outside the window is not shown) but the series of those years alone: the
    same rows as specs without the other years."""
    completas, acotadas = tmp_path / "completas", tmp_path / "acotadas"
    for carpeta in (completas, acotadas):
        carpeta.mkdir()
    for nombre in ("S265", "A001"):
        texto = OTROS[nombre][1]
        (completas / f"{nombre}.yaml").write_text(texto, encoding="utf-8")
        sin_2016 = "".join(
            linea for linea in texto.splitlines(keepends=True) if "2016: {meta" not in linea
        )
        assert sin_2016 != texto
        (acotadas / f"{nombre}.yaml").write_text(sin_2016, encoding="utf-8")
    ventana = cli("tendencias", "--specs", str(completas), "--anio-desde", "2017", "-f", "csv")
    sola = cli("tendencias", "--specs", str(acotadas), "-f", "csv")
    todas = _filas(cli("tendencias", "--specs", str(completas), "-f", "csv").out)
    assert ventana.out == sola.out
    assert _filas(ventana.out) != [f for f in todas if f["anio"] == "2017"]  # (not a slice)
