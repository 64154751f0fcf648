"""A cumplimiento that rests on something no document printed says so in `cumplimiento`, as
the ficha already did: every bundled MIR sentido is inferred (`inferido: [sentido]`; E044's
130 % would be 76.92 %, «Bajo», ascendente), and the methodology marks the descendente formula
supuesto. The command printed «130.00 % Alto» with nothing beside it."""

from __future__ import annotations

import csv
import io
import json

import pytest

SPEC = """\
clave: E999
ramo: 51
nombre: Prueba
mir:
  - id: P1
    nivel: Propósito
    nombre: Impreso
    sentido: ascendente
    metas:
      2023: {meta: 100, valor: 95}
  - id: P2
    nivel: Propósito
    nombre: Inferido
    sentido: ascendente
    inferido: [sentido, valores]
    metas:
      2023: {meta: 100, valor: 95}
      2024: {meta: 100, valor: ND}
  - id: P3
    nivel: Propósito
    nombre: Descendente
    sentido: descendente
    metas:
      2023: {meta: 10, valor: 8}
"""


@pytest.fixture
def carpeta(tmp_path):
    d = tmp_path / "specs"
    d.mkdir()
    (d / "E999.yaml").write_text(SPEC, encoding="utf-8")
    return d


def _filas(cli, *args, formato="csv") -> list[dict]:
    r = cli("cumplimiento", *args, "-f", formato)
    assert r.code == 0, r.err
    if formato == "json":
        return json.loads(r.out)
    return list(csv.DictReader(io.StringIO(r.out)))


def test_los_supuestos_de_cada_fila_en_csv_y_json(cli, carpeta):
    for formato in ("csv", "json"):
        filas = {
            (f["id"], int(f["anio"])): f
            for f in _filas(cli, "--specs", str(carpeta), formato=formato)
        }
        impreso, inferido = filas["P1", 2023], filas["P2", 2023]
        sin_valor, descendente = filas["P2", 2024], filas["P3", 2023]
        si, no, nulo = (True, False, None) if formato == "json" else ("true", "false", "")
        assert (impreso["supuesto"], impreso["nota"]) == (no, None if formato == "json" else "")
        assert inferido["supuesto"] == si
        assert inferido["nota"] == (
            "descansa en: sentido ascendente inferido (no impreso); valores inferidos (no impresos)"
        )
        # no cumplimiento: nothing it rests on, only why there is none
        assert (sin_valor["supuesto"], sin_valor["nota"]) == (nulo, "valor ND")
        assert descendente["supuesto"] == si
        assert descendente["nota"] == (
            "descansa en: fórmula del descendente meta / valor × 100 (supuesto de la metodología)"
        )


def test_una_metodologia_que_publica_la_formula_no_la_da_por_supuesta(cli, carpeta, tmp_path):
    from pathlib import Path

    from issste_mon.metodologia import default_path

    texto = Path(default_path()).read_text(encoding="utf-8")
    inicio = texto.index("formula_descendente:")
    cambiada = texto[:inicio] + texto[inicio:].replace(
        "confianza: supuesto", "confianza: publicado", 1
    )
    assert cambiada != texto
    propia = tmp_path / "metodologia.yaml"
    propia.write_text(cambiada, encoding="utf-8")
    argv = ("--specs", str(carpeta), "--metodologia", str(propia), "--anio", "2023")
    filas = {f["id"]: f for f in _filas(cli, *argv)}
    assert (filas["P3"]["supuesto"], filas["P3"]["nota"]) == ("false", "")
    assert filas["P2"]["supuesto"] == "true"  # (its inferred sentido is still not printed)


def test_la_tabla_marca_la_cifra_y_dice_que_significa(cli):
    r = cli("cumplimiento", "--anio", "2023", "-f", "tabla")
    assert r.code == 0, r.err
    e044 = next(x for x in r.out.splitlines() if "E044" in x)
    assert "130.00 % ⚠" in e044 and "descansa en: sentido descendente" in e044
    assert "⚠ junto a Cumplimiento: descansa en algo que ningún documento imprime" in r.out
    # the bundled specs record every MIR sentido as inferred: each computed row is marked
    filas = _filas(cli, "--anio", "2023")
    calculadas = [f for f in filas if f["cumplimiento_pct"]]
    assert calculadas and all(f["supuesto"] == "true" for f in calculadas)
    assert all(f["supuesto"] == "" for f in filas if not f["cumplimiento_pct"])


@pytest.mark.parametrize("columnas", [60, 80, 120])
def test_sin_la_nota_entera_la_leyenda_dice_en_que_descansa_cada_fila(cli, monkeypatch, columnas):
    """«la nota dice en qué», of a Nota the terminal left out or cut: at 80 columns the ⚠ of
    E044, E045 and E048 were unexplained. The legend then says it, row by row."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("cumplimiento", "-f", "tabla")
    assert r.code == 0, r.err
    leyenda = " ".join(r.out.split("⚠ junto a Cumplimiento:")[1].split("Omitidas")[0].split())
    marcadas = [f for f in _filas(cli) if f["supuesto"] == "true"]
    assert len(marcadas) == 3
    for f in marcadas:  # each row named, before what its nota says it rests on
        motivo = f["nota"].partition("descansa en: ")[2]
        fila = f"{f['clave']} {f['anio']} {f['id']}"
        assert fila in leyenda and f"descansa en {motivo}." in leyenda
        assert leyenda.index(fila) < leyenda.index(f"descansa en {motivo}.")
    monkeypatch.setenv("COLUMNS", "400")  # the Nota whole beside each ⚠: said once, there
    ancha = cli("cumplimiento", "-f", "tabla").out
    assert "⚠ junto a Cumplimiento" in ancha and "E044 2023 P1:" not in ancha


@pytest.mark.parametrize("columnas", [60, 80])
def test_sin_la_nota_entera_la_leyenda_dice_por_que_no_hay_cifra(cli, monkeypatch, columnas):
    """«—» with the Nota left out said nothing: E043 2023's «sin meta ni valor en la spec
    (publicado: 104.5%)» was nowhere on an 80-column terminal."""
    monkeypatch.setenv("COLUMNS", str(columnas))
    r = cli("cumplimiento", "-f", "tabla")
    assert r.code == 0, r.err
    leyenda = " ".join(
        r.out.split("— en Cumplimiento: no calculable")[1].split("Omitidas")[0].split()
    )
    vacias = [f for f in _filas(cli) if not f["cumplimiento_pct"]]
    assert {f["clave"] for f in vacias} >= {"E043", "E049"}
    for f in vacias:
        fila = f"{f['clave']} {f['anio']} {f['id']}"
        assert fila in leyenda and f"{f['nota']}." in leyenda
        assert leyenda.index(fila) < leyenda.index(f"{f['nota']}.")


def test_sin_supuestos_la_tabla_no_trae_leyenda(cli, carpeta, tmp_path):
    (carpeta / "E999.yaml").write_text(SPEC.split("  - id: P2")[0], encoding="utf-8")
    r = cli("cumplimiento", "--specs", str(carpeta), "-f", "tabla")
    assert r.code == 0, r.err
    assert "⚠" not in r.out and "descansa" not in r.out


def test_por_partes_y_en_tabla_dicen_lo_mismo(cli):
    """The machine writers (csv, json: part by part) and the table (one frame) agree."""
    partes = {(f["clave"], f["id"], f["anio"]): f for f in _filas(cli)}
    r = cli("cumplimiento", "-f", "markdown", "--columnas", "clave,id,anio,nota")
    assert r.code == 0, r.err
    tabla = {tuple(c.strip() for c in linea.strip("|").split("|")) for linea in r.out.splitlines()}
    marcadas = [(k, f["nota"]) for k, f in partes.items() if f["nota"].startswith("descansa")]
    assert len(marcadas) == 3
    for (clave, ind, anio), nota in marcadas:
        assert (clave, ind, anio, nota) in tabla


def test_tendencias_y_alertas_dicen_en_que_descansa_su_direccion(cli):
    """«mejora», «deterioro», «no se alcanzó» read the sentido (and the values): where the spec
    inferred them, the row says so, as cumplimiento does."""
    tend = {
        (f["clave"], f["id"], f["anio"]): f
        for f in json.loads(cli("tendencias", "E045", "-f", "json").out)
    }
    sentido = "descansa en: sentido ascendente inferido (no impreso)"
    assert tend["E045", "S1", 2015]["direccion"] == "mejora"
    # (E045 starts in 2016: its sectorial indicator's 2014 and 2015 predate it, and say so)
    antes = "antes del inicio del programa (2016)"
    assert (
        tend["E045", "S1", 2015]["nota"] == f"sin meta en la spec; 2014 y 2015: {antes}; {sentido}"
    )
    # (no change: no direction)
    assert tend["E045", "S1", 2014]["nota"] == f"sin meta en la spec; 2014: {antes}"
    assert tend["E045", "S1", 2017]["nota"] == f"sin meta en la spec; {sentido}"
    r = cli("alertas", "-f", "json")
    assert r.code == 0, r.err
    alertas = {(a["id"], a["regla"]): a for a in json.loads(r.out)}
    deterioro = alertas["3.1", "deterioro"]
    assert deterioro["supuesto"] is True
    assert deterioro["nota"] == (
        "descansa en: valores inferidos (no impresos); regla de deterioro (inferido de la "
        "metodología)"
    )
    sin_info = alertas["P1", "sin_informacion"]
    assert (sin_info["supuesto"], sin_info["nota"]) == (False, None)
    tabla = cli("alertas", "-r", "deterioro", "-f", "tabla").out
    assert "ctivamente. ⚠" in tabla or "respectivamente. ⚠" in tabla
    assert "⚠ junto a Enunciado: descansa en algo que ningún documento imprime" in tabla
    assert "Nota" not in tabla.splitlines()[1]  # (the ⚠ says it; a narrow Nota column would not)


MODIFICADA = """\
clave: X001
ramo: 51
nombre: Prueba meta modificada
mir:
  - {id: A1, nivel: Propósito, nombre: a, sentido: ascendente,
     metas: {2022: {meta: 100, valor: 96}, 2023: {meta: 100, meta_modificada: 95, valor: 88}}}
"""


def test_a_cumplimiento_the_choice_of_meta_decides_says_it_rests_on_it(cli, tmp_path, specs):
    """88 / 95 = 92.63 % «Adecuado» with the meta modificada, 88 / 100 = 88 % «Bajo» with the
    original: the methodology marks that choice supuesto, yet the row said supuesto false and
    the ficha put no ⚠ beside «92.63 % (Adecuado)»."""
    import issste_mon as im

    spec = tmp_path / "X001.yaml"
    spec.write_text(MODIFICADA, encoding="utf-8")
    r = cli("cumplimiento", "--specs", str(spec), "-f", "csv")
    filas = {f["anio"]: f for f in csv.DictReader(io.StringIO(r.out))}
    assert (filas["2023"]["rango"], filas["2023"]["supuesto"]) == ("Adecuado", "true")
    assert filas["2023"]["nota"].endswith(
        "descansa en: meta modificada y no la original (supuesto de la metodología)"
    )
    assert (filas["2022"]["supuesto"], filas["2022"]["nota"]) == ("false", "")
    # the library's frame path says the same
    df = im.cumplimiento(im.cargar(str(spec)))
    assert [f["supuesto"] for f in df.filas] == [False, True]
    r = cli("ficha", "X001", "--specs", str(spec))
    assert (
        "**Cumplimiento Propósito 2023:** 92.63 % (Adecuado) ⚠ según meta modificada supuesta"
        in r.out
    )
    assert "| 2023 | A1 | Propósito | a | 95 | 88 | 92.63 % ⚠ | Adecuado |" in r.out
    assert "| 2022 | A1 | Propósito | a | 100 | 96 | 96.00 % | Adecuado |" in r.out


def test_tendencias_and_alertas_say_the_choice_of_meta_too(cli, tmp_path):
    spec = tmp_path / "X001.yaml"
    spec.write_text(MODIFICADA.replace("valor: 88}", "valor: 80}"), encoding="utf-8")
    supuesta = "descansa en: meta modificada y no la original (supuesto de la metodología)"
    r = cli("tendencias", "--specs", str(spec), "-f", "csv")
    filas = {f["anio"]: f for f in csv.DictReader(io.StringIO(r.out))}
    assert filas["2023"]["nota"].endswith(supuesta) and supuesta not in filas["2022"]["nota"]
    r = cli("alertas", "--specs", str(spec), "--regla", "meta_no_alcanzada", "-f", "csv")
    (alerta,) = csv.DictReader(io.StringIO(r.out))  # 80 / 95 = 84.21 % < 90 %
    assert (alerta["anio_desde"], alerta["supuesto"]) == ("2023", "true")
    assert alerta["nota"].endswith(supuesta)  # (after which meta it is, as cumplimiento says)


def test_an_alert_whose_figures_a_supuesto_method_gives_says_it_rests_on_it(cli, tmp_path):
    """«avance proyectado de 25.00 %» is the linear projection the methodology marks supuesto,
    and a Rojo the semáforo colours it marks supuesto too: both alerts said supuesto false."""
    from tests.test_bordes import DERIVADO, SEMAFORO

    (tmp_path / "PD-BORDES.yaml").write_text(DERIVADO, "utf-8")
    (tmp_path / "X003.yaml").write_text(SEMAFORO, "utf-8")
    r = cli("alertas", "--specs", str(tmp_path), "-f", "csv")
    filas = {(f["id"], f["regla"]): f for f in csv.DictReader(io.StringIO(r.out))}
    riesgo = filas[("I2", "meta_sexenal_en_riesgo")]
    assert riesgo["enunciado"].endswith("avance proyectado de 25.00 %.")
    assert (riesgo["nota"], riesgo["supuesto"]) == (
        "descansa en: proyección lineal a la meta sexenal (supuesto de la metodología)",
        "true",
    )
    rojo = filas[("S2", "meta_no_alcanzada")]
    assert (rojo["semaforo"], rojo["supuesto"]) == ("Rojo", "true")
    assert rojo["nota"] == "descansa en: colores del semáforo de SHCP (supuesto de la metodología)"
    # a move is a fact of the figures: no supuesto of the rule's
    assert all(
        f["supuesto"] == "false" for (_, regla), f in filas.items() if regla == "sin_informacion"
    )
