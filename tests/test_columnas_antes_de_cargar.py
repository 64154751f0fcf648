"""`--columnas` is checked before the specs are read, for every command that takes it: on a
set of thousands the user used to wait for the whole load, then read «columna desconocida».
Proved with a folder whose only spec is invalid: the column error comes first (it used to be
the spec's), and a valid --columnas still reaches the spec's error (the check hides nothing)."""

from __future__ import annotations

import pytest

# each command (and option that shapes its table) with one column of its table
COMANDOS = [
    (("programas",), "clave"),
    (("cobertura",), "clave"),
    (("cumplimiento",), "clave"),
    (("presupuesto",), "clave"),
    (("monitoreo",), "clave"),
    (("monitoreo", "--indice", "ised"), "clave"),
    (("verificar",), "clave"),
    (("calidad",), "clave"),
    (("calidad", "--distribucion"), "categoria"),
    (("resumen",), "atributo"),
    (("resumen", "--enunciados"), "atributo"),
    (("tendencias",), "clave"),
    (("alertas",), "clave"),
    (("alertas", "--mejoras"), "clave"),
]
IDS = [" ".join(c) for c, _ in COMANDOS]


@pytest.fixture
def rota(tmp_path):
    (tmp_path / "X001.yaml").write_text("clave: X001\nramo: 51\n", encoding="utf-8")
    return str(tmp_path)


@pytest.mark.parametrize(("comando", "columna"), COMANDOS, ids=IDS)
def test_an_unknown_column_is_said_before_loading(cli, rota, comando, columna):
    r = cli(*comando, "--specs", rota, "--columnas", f"{columna},zz", "-f", "csv")
    assert r.code == 2 and r.out == "", r
    (linea,) = r.err.splitlines()
    assert linea.startswith(
        "error: columna desconocida «zz» en --columnas; columnas de esta tabla: "
    )
    assert "X001.yaml" not in r.err


@pytest.mark.parametrize(("comando", "columna"), COMANDOS, ids=IDS)
def test_a_known_column_goes_on_to_the_specs(cli, rota, comando, columna):
    r = cli(*comando, "--specs", rota, "--columnas", columna, "-f", "csv")
    assert r.code == 2 and "X001.yaml:1:1: nombre: campo obligatorio ausente" in r.err, r


@pytest.mark.parametrize(
    "comando", [c for c, _ in COMANDOS if "ised" not in c], ids=[i for i in IDS if "ised" not in i]
)
def test_every_column_of_the_real_table_passes(cli, comando):
    # the same set, named by its path: the check runs, and must not refuse a real column
    import json

    from issste_mon.carga.loader import bundled_specs_dir

    specs = str(bundled_specs_dir())
    r = cli(*comando, "--specs", specs, "-f", "json")
    assert r.code in (0, 1), r.err
    claves = list(json.loads(r.out)[0])
    pedidas = [k for k in claves if not k.endswith("_estado")]  # (they follow their column)
    r = cli(*comando, "--specs", specs, "--columnas", ",".join(pedidas), "-f", "json")
    assert r.code in (0, 1), r.err
    assert set(json.loads(r.out)[0]) >= set(pedidas)
