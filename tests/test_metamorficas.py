"""Metamorphic relations: the answers do not change when nothing that matters changed (where the
files sit, the order they are given in, the order of a mapping's keys, the cache, a name), and
change exactly as expected when something did (a filter is a slice of the whole, meta and valor
scaled together leave the cumplimiento, a higher valor never lowers an ascending one).

The oracle (test_oraculo) checks each figure against an independent computation; these check
whole outputs against each other, so they also catch what decides which rows there are and in
which order."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

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
