"""`importar`: a source row that more than one of the file's rows may be (or one of several
source rows that one row of the file may be) is never written to the first of them; the
conflict names every candidate (file:line:col) and the source's line."""

from __future__ import annotations

import csv

import yaml
from conftest import SHARED
from test_importar_conserva import FUNERARIOS, POB17, _e045_renombrado

AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"
NOMBRE = (
    "Porcentaje de cobertura de la prestación del servicio de transporte ferroviario de "
    "pasajeros de clase económica social"
)
# 9-U001 written by hand: two Propósito rows with the name of SHCP's indicator 142313 (one
# for all passengers, one a person copied for a subset and did not rename), no 2019 yet
U001 = f"""clave: U001
ramo: 9
dependencia: Comunicaciones y Transportes
nombre: Programa de subsidios al transporte ferroviario de pasajeros
unidad_responsable: Dirección General de Desarrollo Ferroviario y Multimodal
mir:
  - id: P1
    nivel: Propósito
    nombre: {NOMBRE}
    sentido: ascendente
    metas:
      2018: {{meta: 90, valor: 91}}
  - id: P2
    nivel: Propósito
    nombre: {NOMBRE}
    sentido: ascendente
    metas:
      2018: {{meta: 40, valor: 41}}
"""
CORTO = NOMBRE[:59] + "…"


def _u001(tmp_path, texto: str = U001):
    ruta = tmp_path / "specs" / "9" / "U001.yaml"
    ruta.parent.mkdir(parents=True)
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def _importar(cli, tmp_path, *opciones):
    return cli("importar", "avance", str(AVANCE), "--clave", "9-U001", "-o",
               str(tmp_path / "specs"), *opciones)  # fmt: skip


def _anios(ruta) -> list[list[int]]:
    return [sorted(f["metas"]) for f in yaml.safe_load(ruta.read_text(encoding="utf-8"))["mir"]]


def test_two_rows_with_the_source_s_nivel_and_name_are_a_conflict_not_the_first(cli, tmp_path):
    """SHCP's 2019 row of 142313 matched both P1 and P2 by nivel and name, and was written into
    P1 with exit 0. Now nothing is written (not even with --reemplazar), the conflict names both
    rows and the source's line and says how to decide; the SHCP id on P2 settles it."""
    ruta = _u001(tmp_path)
    for opcion in ("--simular", None, "--reemplazar"):
        r = _importar(cli, tmp_path, *([opcion] if opcion else []))
        assert r.code == 1, r.err
        assert ruta.read_text(encoding="utf-8") == U001
        (conflicto,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
        assert conflicto == (
            f'conflicto: 9/U001.yaml:7:5: mir: la fila de la fuente "{CORTO}" (id_shcp 142313; '
            f"{AVANCE}:8) puede ser mir[P1] (9/U001.yaml:7:5) o mir[P2] (9/U001.yaml:13:5): su "
            "id de SHCP no la encuentra, y las dos tienen su nivel y su nombre (no se importa, "
            'ni con --reemplazar: escriba id_shcp: "142313" en la fila que es y vuelva a '
            "importar)"
        )
        assert "Nuevos: 0 indicadores, 0 años o ediciones" in r.out
    ruta.write_text(U001.replace("  - id: P2\n", '  - id: P2\n    id_shcp: "142313"\n'), "utf-8")
    r = _importar(cli, tmp_path)
    assert r.code == 0, r.err
    assert _anios(ruta) == [[2018], [2018, 2019]]


def test_two_rows_with_the_source_s_shcp_id_are_a_conflict_not_the_first(cli, tmp_path):
    """A row copied with its SHCP id: both rows have 142313, and the source's row went into
    the first. Now it is a conflict that says which id they share and how to decide."""
    con_ids = U001.replace(
        "    sentido: ascendente\n", '    sentido: ascendente\n    id_shcp: "142313"\n'
    )
    ruta = _u001(tmp_path, con_ids)
    r = _importar(cli, tmp_path, "--reemplazar")
    assert r.code == 1, r.err
    assert ruta.read_text(encoding="utf-8") == con_ids
    (conflicto,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert conflicto.endswith(
        "puede ser mir[P1] (9/U001.yaml:7:5) o mir[P2] (9/U001.yaml:14:5): las dos tienen su id "
        "de SHCP (142313) (no se importa, ni con --reemplazar: quítelo de la fila que no es y "
        "vuelva a importar)"
    ), conflicto
    ruta.write_text(con_ids.replace('    id_shcp: "142313"\n', "", 1), "utf-8")
    r = _importar(cli, tmp_path)
    assert r.code == 0, r.err
    assert _anios(ruta) == [[2018], [2018, 2019]]


def test_a_component_two_may_be_names_the_source_s_line(cli, tmp_path):
    """E045's two «Derechohabientes» components renamed by hand and each with a figure
    corrected: each of the source's may be either. The conflict named the file's two
    components but not the source's row, so the two conflicts read alike (the second
    name cut at «…»); now each names its row of poblaciones_2017.csv, as avance's do."""
    _e045_renombrado(cli, tmp_path, atendida_2="18000")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path))
    assert r.code == 1, r.err
    conflictos = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert [x.split(" puede ser ")[0] for x in conflictos] == [
        "conflicto: 51/E045.yaml:11:7: poblaciones.2017.componentes: el componente de la "
        f'fuente "{FUNERARIOS}" ({POB17}:3131)',
        "conflicto: 51/E045.yaml:11:7: poblaciones.2017.componentes: el componente de la "
        f'fuente "{FUNERARIOS} (…" ({POB17}:3132)',
    ]


CONSEJO = (
    "Porcentaje de reuniones ordinarias del Consejo  de Representantes con la participación e "
    "insumos aportados por la Dirección Técnica."
)
P002 = f"""clave: P002
ramo: 14
dependencia: Trabajo y Previsión Social
nombre: Evaluación del Salario Mínimo
unidad_responsable: Comisión Nacional de los Salarios Mínimos
mir:
  - id: C1
    nivel: Componente
    nombre: {CONSEJO}
    sentido: ascendente
    metas:
      2018: {{meta: 100, valor: 100}}
"""


def _dos_componentes_con_un_nombre(tmp_path) -> str:
    """The sample with 14-P002's Actividad 145063 turned into a Componente named as 144301."""
    with open(AVANCE, encoding="latin-1", newline="") as f:
        filas = list(csv.reader(f))
    cab = filas[0]
    por_id = {x[cab.index("ID_INDICADOR")]: x for x in filas[1:]}
    por_id["145063"][cab.index("DESC_NIVEL")] = "Componente"
    por_id["145063"][cab.index("DESC_INDICADOR")] = por_id["144301"][cab.index("DESC_INDICADOR")]
    src = tmp_path / "av.csv"
    with open(src, "w", encoding="latin-1", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(filas)
    return str(src)


def test_two_source_rows_for_the_one_row_with_their_name_are_a_conflict(cli, tmp_path):
    """Two SHCP Componentes of 14-P002 with one name, and the spec's one row of that name
    (no SHCP id): the first (144301) went into C1 and the second was appended as C2, exit 0.
    Now neither is written or appended: a conflict for each names C1 and the other source
    row; the SHCP id on C1 settles it (the other is then appended)."""
    src = _dos_componentes_con_un_nombre(tmp_path)
    ruta = tmp_path / "specs" / "14" / "P002.yaml"
    ruta.parent.mkdir(parents=True)
    ruta.write_text(P002, encoding="utf-8")
    r = cli("importar", "avance", src, "--clave", "14-P002", "-o", str(tmp_path / "specs"))
    assert r.code == 1, r.err
    conflictos = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    corto = CONSEJO[:59] + "…"
    assert conflictos == [
        f'conflicto: 14/P002.yaml:7:5: mir: la fila de la fuente "{corto}" (id_shcp {a}; '
        f"{src}:{la}) puede ser mir[C1] (14/P002.yaml:7:5): su id de SHCP no la encuentra, y "
        "esa fila tiene su nivel y su nombre, pero también los de otra fila de la fuente "
        f'(id_shcp {b}; {src}:{lb}) (no se importa, ni con --reemplazar: escriba id_shcp: "{a}" '
        "en la fila que es y vuelva a importar)"
        for a, la, b, lb in (("144301", 10, "145063", 9), ("145063", 9, "144301", 10))
    ]
    assert (
        "Conflictos: 2 (2 filas de la fuente que pueden ser una misma del archivo: no se "
        "importan, ni con --reemplazar)."
    ) in r.out
    spec = yaml.safe_load(ruta.read_text(encoding="utf-8"))
    assert [(f["id"], sorted(f["metas"])) for f in spec["mir"]] == [
        ("C1", [2018]),
        ("F1", [2019]),
        ("P1", [2019]),
    ]
    ruta.write_text(P002.replace("    sentido:", '    id_shcp: "145063"\n    sentido:'), "utf-8")
    r = cli("importar", "avance", src, "--clave", "14-P002", "-o", str(tmp_path / "specs"))
    assert r.code == 0, r.err
    spec = yaml.safe_load(ruta.read_text(encoding="utf-8"))
    assert [(f["id"], f["metas"][2019]["id_shcp"]) for f in spec["mir"]] == [
        ("C1", "145063"),
        ("F1", "141103"),
        ("P1", "145095"),
        ("C2", "144301"),
    ]


def test_two_components_named_as_the_source_s_but_for_case_are_a_conflict(cli, tmp_path):
    """E045's «Préstamos Personales» split by hand in two, the copy named «PRESTAMOS
    PERSONALES» (the loader takes both names): the source's component was matched to the
    last of them by its folded name and --reemplazar wrote 649,402 over the copy's 49,402
    with exit 0. Now it is a conflict naming both and the source's line."""
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path))
    assert r.code == 0, r.err
    ruta = tmp_path / "51" / "E045.yaml"
    texto = ruta.read_text(encoding="utf-8")
    bloque = texto[texto.index("    - nombre: Préstamos Personales\n") :]
    assert bloque.count("      atendida: 649402\n") == 1
    texto = texto.replace(bloque, bloque.replace("atendida: 649402", "atendida: 600000"))
    texto += bloque.replace("Préstamos Personales", "PRESTAMOS PERSONALES", 1).replace(
        "atendida: 649402", "atendida: 49402"
    )
    ruta.write_text(texto, encoding="utf-8")
    r = cli("importar", "poblaciones", str(POB17), "--clave", "51-E045", "-o", str(tmp_path),
            "--reemplazar")  # fmt: skip
    assert r.code == 1, r.err
    assert ruta.read_text(encoding="utf-8") == texto
    (conflicto,) = [x for x in r.err.splitlines() if x.startswith("conflicto:")]
    assert conflicto == (
        "conflicto: 51/E045.yaml:70:7: poblaciones.2017.componentes: el componente de la fuente "
        f'"Préstamos Personales" ({POB17}:3135) puede ser poblaciones.2017.componentes['
        "Préstamos Personales] (51/E045.yaml:70:7) o poblaciones.2017.componentes[PRESTAMOS "
        "PERSONALES] (51/E045.yaml:83:7): los dos tienen su nombre (sin distinguir mayúsculas "
        "ni acentos) (no se importa, ni con --reemplazar: cambie el nombre del que no es y "
        "vuelva a importar)"
    )
