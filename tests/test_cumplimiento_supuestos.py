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
    assert deterioro["nota"] == "descansa en: valores inferidos (no impresos)"
    sin_info = alertas["P1", "sin_informacion"]
    assert (sin_info["supuesto"], sin_info["nota"]) == (False, None)
    tabla = cli("alertas", "-r", "deterioro", "-f", "tabla").out
    assert "ctivamente. ⚠" in tabla or "respectivamente. ⚠" in tabla
    assert "⚠ junto a Enunciado: descansa en algo que ningún documento imprime" in tabla
    assert "Nota" not in tabla.splitlines()[1]  # (the ⚠ says it; a narrow Nota column would not)
