"""Spec format v1.2 for the audit: nothing recorded is ignored (unknown keys are an aviso of
`validar`, an error under `--estricto`), and the figures the documents print beside the inputs
reach the commands that use them (population nota, price basis, a dependency's budget, the
universe of the cumplimiento average)."""

from __future__ import annotations

import json
import shutil

from issste_mon.carga.loader import bundled_specs_dir, load_paths

BUNDLED = bundled_specs_dir()


def _copia(tmp_path, viejo: str, nuevo: str, archivo: str = "E045.yaml") -> str:
    folder = tmp_path / "specs"
    shutil.copytree(BUNDLED, folder)
    path = folder / archivo
    text = path.read_text(encoding="utf-8")
    assert text.count(viejo) == 1, viejo
    path.write_text(text.replace(viejo, nuevo), encoding="utf-8")
    return str(folder)


def test_bundled_specs_have_no_unknown_keys(cli):
    r = cli("validar", str(BUNDLED))
    assert r.code == 0 and "clave desconocida" not in r.err, r.err
    assert cli("validar", "--estricto", str(BUNDLED)).code == 0


def test_unknown_key_is_an_aviso_and_an_error_under_estricto(cli, tmp_path):
    folder = _copia(tmp_path, "    hombres: ND ", "    hombre: ND  ")
    r = cli("validar", folder)
    assert r.code == 0
    assert "E045.yaml:27:5: poblaciones.2017.hombre: aviso: clave desconocida" in r.err
    assert "1 aviso" in r.err
    r = cli("validar", "--estricto", folder)
    assert r.code == 2
    assert "E045.yaml:27:5: poblaciones.2017.hombre: clave desconocida" in r.err
    assert "aviso: clave desconocida" not in r.err


def test_audit_fields_are_loaded(specs):
    pi = specs.derivados[0]
    assert pi.corte_publicado == 2021
    inds = {i.id: i for _, i in pi.indicadores()}
    assert inds["3.2"].inferido == ["tipo", "sentido", "calidad", "enfoque"]
    assert all("enfoque" in i.inferido for i in inds.values())
    assert [o.id for o in pi.objetivos if "enfoque" in o.inferido] == ["2", "3", "4"]
    enunciados = {e.id: e for e in pi.resumen[2024]}
    assert enunciados["cierre_2022_superaron"].corte == 2022
    assert enunciados["cierre_2022_sin_informacion"].resto_de == [
        "cierre_2022_superaron",
        "cierre_2022_buen_avance",
        "cierre_2022_muy_lejos",
    ]
    (issste,) = specs.dependencias
    assert issste.programa_derivado == "PI-ISSSTE-2020-2024"
    assert issste.presupuesto[0].unidad == "MDP"  # (`unidad: mdp`, in its canonical form)


def test_bad_origen_is_an_error(tmp_path):
    import pytest

    from issste_mon.errores import SpecError

    folder = _copia(
        tmp_path,
        "      origen: enunciado\n      n: 4",
        "      origen: adivinado\n      n: 4",
        "ISSSTE.yaml",
    )
    with pytest.raises(SpecError) as exc:
        load_paths([folder])
    assert 'origen desconocido "adivinado"' in str(exc.value.problems)


def test_cobertura_keeps_the_population_nota(cli):
    (row,) = json.loads(cli("cobertura", "E045", "-f", "json").out)
    assert row["cobertura_pct"] is not None
    assert "cuatro componentes" in row["nota"] and "puede contarse en varios" in row["nota"]


def test_presupuesto_keeps_the_price_basis_and_accepts_a_dependency(cli):
    rows = json.loads(cli("presupuesto", "E045", "-f", "json").out)
    assert [r["precios"] for r in rows] == ["constantes 2012", "constantes 2012"]
    r = cli("presupuesto", "ISSSTE", "-f", "json")
    assert r.code == 0
    (row,) = json.loads(r.out)
    assert (row["clave"], row["anio"], row["asignado_mdp"]) == ("ISSSTE", 2024, 52587.8)
    assert row["porcentaje_ramo"] is None and "no calculable" in row["nota"]


def test_cumplimiento_average_names_its_universe(cli):
    r = cli("cumplimiento", "--year", "2023", "-f", "json")
    rows = json.loads(r.out)
    calculables = [x for x in rows if x["cumplimiento_pct"] is not None]
    media = sum(x["cumplimiento_pct"] for x in calculables) / len(calculables)
    assert (
        f"promedio de {len(calculables)} indicadores calculables (de {len(rows)}), año 2023"
        in r.err
    )
    assert f"{media:.2f} %" in r.err
    # CONEVAL's own average rests on inputs the specs lack: said, not silently compared
    assert "122%" in r.err and "descansa en otros insumos" in r.err
    todos = cli("cumplimiento", "-f", "json").err
    assert "años 2017, 2023" in todos
