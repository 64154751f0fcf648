"""`tendencias` says why a figure of a row is not computable, in `cumplimiento`'s own words
(one rule: `calc.razones`), and why a change in % is blank after a 0."""

from __future__ import annotations

import json

import pytest

SPEC = """\
clave: E901
ramo: 51
nombre: Prueba bordes
mir:
  - id: A1
    nivel: Propósito
    nombre: Asc
    sentido: ascendente
    metas:
      2023: {meta: 50, valor: 55.01}
      2024: {meta: 0, valor: 5}
      2025: {meta: ND, valor: 5}
      2026: {meta: ND, valor: NA}
  - id: D1
    nivel: Propósito
    nombre: Desc
    sentido: descendente
    metas:
      2021: {meta: 50, valor: 45}
      2022: {meta: 50, valor: 0}
      2023: {meta: 0, valor: 0}
      2024: {meta: 55, valor: 50}
"""


@pytest.fixture
def filas(cli, tmp_path):
    (tmp_path / "E901.yaml").write_text(SPEC, encoding="utf-8")

    def de(*args):
        r = cli(*args, "--specs", str(tmp_path), "-f", "json")
        assert r.code == 0, r.err
        return {(f["id"], f["anio"]): f for f in json.loads(r.out)}

    return de


def test_tendencias_gives_cumplimientos_reasons(filas):
    tend, cump = filas("tendencias"), filas("cumplimiento")
    for clave in [("A1", 2024), ("A1", 2025), ("D1", 2022), ("D1", 2023)]:
        assert tend[clave]["cumplimiento_pct"] is None
        assert cump[clave]["nota"] and tend[clave]["nota"].startswith(cump[clave]["nota"]), clave
    assert tend[("A1", 2024)]["nota"] == "meta = 0: no calculable"
    assert tend[("D1", 2022)]["nota"] == "valor = 0: la fórmula inversa no es calculable"
    # ND/NA are data: a valor NA is said even where the meta's ND is the cumplimiento's reason
    assert tend[("A1", 2026)]["nota"] == "meta ND; valor NA"
    assert tend[("A1", 2023)]["nota"] is None


def test_a_change_in_percent_after_zero_says_why(filas):
    tend = filas("tendencias")
    base_cero = "cambio % no calculable: el valor anterior es 0"
    assert tend[("D1", 2023)]["cambio_pct"] is None
    assert tend[("D1", 2023)]["nota"] == f"meta = 0: no calculable; {base_cero}"
    assert tend[("D1", 2024)]["cambio"] == 50 and tend[("D1", 2024)]["cambio_pct"] is None
    # (its cumplimiento is computed: the descendente formula it rests on, as cumplimiento says)
    formula = "fórmula del descendente meta / valor × 100 (supuesto de la metodología)"
    assert tend[("D1", 2024)]["nota"] == f"{base_cero}; descansa en: {formula}"


def test_tendencias_names_the_published_cumplimiento_as_cumplimiento_does(cli):
    """E049 and E043 print a cumplimiento the spec cannot compute: both commands say why and
    what the document printed, in the same words."""
    import json

    def notas(comando):
        r = cli(comando, "E049", "E043", "-f", "json")
        assert r.code == 0, r.err
        return {(x["clave"], x["anio"]): x["nota"] for x in json.loads(r.out)}

    cumplimiento = notas("cumplimiento")
    assert cumplimiento[("E049", 2023)] == "sin meta en la spec (publicado: 117%)"
    assert {k: v for k, v in notas("tendencias").items() if k in cumplimiento} == cumplimiento


def test_every_absent_input_is_named_not_only_the_meta(filas, cli, tmp_path):
    """A row with neither figure names both: «meta ND; valor NA» in `cumplimiento` as in
    `tendencias` (it said «meta ND»), and «sin meta ni valor en la spec» where the spec records
    the year with no figure at all (it said «sin meta en la spec», as if the valor were there)."""
    cump, tend = filas("cumplimiento"), filas("tendencias")
    assert cump[("A1", 2026)]["nota"] == tend[("A1", 2026)]["nota"] == "meta ND; valor NA"
    (tmp_path / "E902.yaml").write_text(
        "clave: E902\nramo: 51\nnombre: Sin cifras\nmir:\n  - id: P1\n    nivel: Propósito\n"
        "    nombre: Solo publicado\n    sentido: ascendente\n"
        "    metas: {2023: {publicado: {cumplimiento: '104.5%'}}}\n",
        encoding="utf-8",
    )
    r = cli("cumplimiento", "E902", "--specs", str(tmp_path), "-f", "json")
    (fila,) = json.loads(r.out)
    assert fila["nota"] == "sin meta ni valor en la spec (publicado: 104.5%)"
    assert (fila["meta_estado"], fila["valor_estado"]) == ("ausente", "ausente")


HUECOS = """\
clave: E903
ramo: 51
nombre: Serie con huecos
mir:
  - id: P1
    nivel: Propósito
    nombre: Porcentaje con huecos
    sentido: descendente
    metas:
      2016: {meta: 10, valor: 12}
      2017: {meta: 10, valor: ND}
      2018: {meta: 8}
      2019: {meta: 8, valor: 6}
      2021: {meta: 8, valor: 9}
      2022: {meta: 8, valor: 7}
"""


def test_a_change_over_missing_years_says_since_when(cli, tmp_path):
    """The table shows no «Año anterior»: 2019's «-50 %, mejora» read as since 2018, but it is
    since 2016 (2017 ND, 2018 without a valor), and 2021's since 2019 (no 2020 at all)."""
    (tmp_path / "E903.yaml").write_text(HUECOS, encoding="utf-8")
    r = cli("tendencias", "--specs", str(tmp_path), "-f", "json")
    assert r.code == 0, r.err
    rows = {f["anio"]: f for f in json.loads(r.out)}
    assert (rows[2019]["anio_anterior"], rows[2019]["cambio"]) == (2016, 6 - 12)
    assert rows[2019]["nota"].startswith(
        "cambio respecto a 2016: no hay valor de 2017 ni de 2018; "
    )
    assert rows[2021]["anio_anterior"] == 2019
    assert rows[2021]["nota"].startswith("cambio respecto a 2019: no hay valor de 2020; ")
    # consecutive years say nothing of it
    assert rows[2022]["anio_anterior"] == 2021 and "respecto" not in rows[2022]["nota"]
    r = cli("tendencias", "--specs", str(tmp_path), "-f", "tabla", "--columnas", "anio,nota")
    assert "cambio respecto a 2016" in r.out


def test_a_change_between_inferred_values_says_so_as_alertas_does(cli):
    """PI 3.1's 2.50 → 1.80 is transcribed from the very statement it would confirm: the
    deterioro alert says it rests on inferred values; `tendencias`' row of the same move said
    nothing (it only named an inferred sentido)."""

    def de(*args):
        r = cli(*args, "PI-ISSSTE", "-f", "json")
        assert r.code == 0, r.err
        return json.loads(r.out)

    (alerta,) = [a for a in de("alertas", "-r", "deterioro") if a["id"] == "3.1"]
    (fila,) = [f for f in de("tendencias") if (f["id"], f["anio"]) == ("3.1", alerta["anio_hasta"])]
    assert fila["direccion"] == "empeora" and alerta["supuesto"] is True
    # the move rests on the inferred values; the alert on them and on its rule
    valores = "descansa en: valores inferidos (no impresos)"
    assert fila["nota"].endswith(valores)
    assert alerta["nota"] == f"{valores}; regla de deterioro (inferido de la metodología)"


VIGENCIA = """\
clave: E905
ramo: 51
nombre: Programa que terminó
inicio: 2017
fin: 2019
mir:
  - id: P1
    nivel: Propósito
    nombre: Porcentaje de atención
    sentido: ascendente
    metas:
      2016: {meta: 50, valor: 40}
      2018: {meta: 50, valor: 60}
      2020: {meta: 50, valor: 30}
"""


def test_a_figure_of_a_year_the_program_did_not_exist_in_says_so(cli, tmp_path):
    """E905 runs 2017–2019 (`inicio`, `fin`): its 2016 and 2020 figures, and the change and
    the alerts that rest on them, are not results of the program; the rows said nothing."""
    (tmp_path / "E905.yaml").write_text(VIGENCIA, encoding="utf-8")

    def de(*args):
        r = cli(*args, "--specs", str(tmp_path), "-f", "json")
        assert r.code == 0, r.err
        return json.loads(r.out)

    antes, despues = "antes del inicio del programa (2017)", "después del fin del programa (2019)"
    tend = {f["anio"]: f["nota"] for f in de("tendencias")}
    assert tend[2016] == f"2016: {antes}"
    assert tend[2018].startswith(f"cambio respecto a 2016: no hay valor de 2017; 2016: {antes}")
    assert tend[2020].startswith(f"cambio respecto a 2018: no hay valor de 2019; 2020: {despues}")
    alertas = {(a["regla"], a["anio_hasta"]): a["nota"] for a in de("alertas")}
    assert alertas["meta_no_alcanzada", 2016] == f"2016: {antes}"
    regla = "descansa en: regla de deterioro (inferido de la metodología)"
    assert alertas["deterioro", 2020] == f"2020: {despues}; {regla}"
    # a derived program's values before its period are its starting point: nothing said
    pi = {
        (f["id"], f["anio"]): f["nota"]
        for f in json.loads(cli("tendencias", "PI-ISSSTE", "-f", "json").out)
    }
    assert "programa" not in pi["2.1", 2019]
