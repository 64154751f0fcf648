"""Every key of every command's json is snake_case without accents (spec-format.md, «Machine-
readable output»): `sexenal --tabla` keyed its columns by the printed category, «Muy rezagado %»,
which a script has to quote and a methodology may rename at will."""

from __future__ import annotations

import json
import re

import pytest
from test_salida_limpia import COMANDOS as TODOS

# every table command (test_salida_limpia's list), and the crosses of other attributes
COMANDOS = [
    *(["verificar", "--permitir-explicadas"] if c == ["verificar"] else c for c in TODOS),
    ["sexenal", "--tabla", "calidad"],
    ["sexenal", "--filas", "tipo", "--columnas", "calidad"],
]


@pytest.mark.parametrize("args", COMANDOS, ids=" ".join)
def test_json_keys_are_snake_case_without_accents(cli, args):
    r = cli(*args, "-f", "json")
    assert r.code == 0, r.err
    filas = json.loads(r.out)
    assert filas
    claves = {k for fila in filas for k in fila}
    assert [k for k in sorted(claves) if not re.fullmatch(r"[a-z][a-z0-9_]*", k)] == []


def test_a_category_named_like_a_column_gets_a_key_of_its_own():
    from issste_mon.consultas.derivado import _claves_maquina

    claves = _claves_maquina(["Total", "Muy rezagado", "¿NR?", "NR"], usadas={"enfoque", "total"})
    assert claves == {
        "Total": "total_2",
        "Muy rezagado": "muy_rezagado",
        "¿NR?": "nr",
        "NR": "nr_2",
    }
