"""What a year of `presupuesto` may say. `unidad`: the contract's budget is in millions of pesos
(MDP); a figure in another unit was accepted and shown as MDP, a million times off
(`ejercido: 2712440000` with `unidad: pesos` printed «2,712,440,000.00» under «Ejercido (MDP)»).
And a key nothing reads is an unknown key, not one accepted and dropped."""

from __future__ import annotations

import pytest

SPEC = (
    "clave: E001\nramo: 51\nnombre: P\npresupuesto:\n"
    "  2016: {{ejercido: {e}, ramo: {r}, unidad: {u}}}\n"
)


def _carpeta(tmp_path, e, r, u) -> str:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "E001.yaml").write_text(SPEC.format(e=e, r=r, u=u), encoding="utf-8")
    return str(folder)


def test_a_budget_in_another_unit_is_an_error_not_millions(cli, tmp_path):
    r = cli("presupuesto", "--specs", _carpeta(tmp_path, 2712440000, 213827700000, "pesos"))
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err
    assert r.err.strip().endswith(
        'E001.yaml:5:60: presupuesto.2016.unidad: valor desconocido "pesos" para unidad (el '
        "presupuesto va en millones de pesos); se esperaba MDP"
    )


@pytest.mark.parametrize("unidad", ["MDP", "mdp", "millones de pesos", "Millones de pesos (MDP)"])
def test_millions_of_pesos_in_any_spelling_is_the_contracts_unit(cli, tmp_path, unidad):
    folder = _carpeta(tmp_path, 2712.44, 213827.70, unidad)
    r = cli(
        "presupuesto", "--specs", folder, "-f", "csv", "-c", "anio,ejercido_mdp,porcentaje_ramo"
    )
    assert r.code == 0, r.err
    assert r.out.splitlines()[1] == "2016,2712.44,1.2685166608,"  # (and ejercido_mdp_estado)


def test_aprobado_and_modificado_are_unknown_keys_not_dropped_in_silence(cli, tmp_path):
    # both were marked known and read by nothing: `aprobado: muchos` passed `validar
    # --estricto` («1 archivo válido») and no command showed it
    folder = _carpeta(tmp_path, 2712.44, 213827.70, "MDP")
    spec = tmp_path / "specs" / "E001.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("}", ", aprobado: muchos, modificado: [1]}"),
        encoding="utf-8",
    )
    r = cli("validar", "--estricto", folder)
    assert r.code == 2 and "Traceback" not in r.err
    assert [x.split("E001.yaml:")[1] for x in r.err.strip().splitlines()] == [
        "5:58: presupuesto.2016.aprobado: clave desconocida",
        "5:76: presupuesto.2016.modificado: clave desconocida",
    ]
