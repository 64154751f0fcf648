"""A column titled by a letter says what it is wherever people read it: `sexenal` headed two
columns «A» and «E» (short, to outlive the names in a narrow terminal) over 15 rows of «—», and
its terminal table, its Markdown and its output schema said nowhere what they were (only the
ficha's site did, in a text of its own)."""

from __future__ import annotations

import json
import re

from test_cli_terminal import en_terminal

A = "A: avance hacia la meta sexenal, (valor − línea base) / (meta sexenal − línea base) × 100."
E = "E: avance esperado al año del valor (el de la meta intermedia de ese año o, si no la hay,"


def test_sexenal_in_an_80_column_terminal_says_what_a_and_e_are():
    salida = " ".join(en_terminal(["sexenal"], 80, "dumb").split())
    assert " ".join(A.split()) in salida
    assert " ".join(E.split()) in salida


def test_sexenal_in_markdown_says_what_a_and_e_are(cli):
    r = cli("-q", "sexenal", "-f", "markdown")
    assert r.code == 0, r.err
    assert re.search(r"\|\s*A\s*\|", r.out) and A in r.out and E in r.out


def test_the_output_schema_says_what_a_and_e_are(cli):
    r = cli("sexenal", "--esquema-salida")
    campos = {f["name"]: f for f in json.loads(r.out)["fields"]}
    assert campos["avance_pct"]["description"].startswith(A[3:-1])
    assert campos["avance_esperado_pct"]["description"].startswith(E[3:])
