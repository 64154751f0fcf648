"""Hypothesis strategies: valid program specs, mutations of them, and YAML-ish noise."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

from issste_mon.carga.yamlcore import FLOAT, INT

NIVELES = ["Fin", "Propósito", "Componente", "Actividad", "proposito", "FIN"]
SENTIDOS = ["ascendente", "descendente", "constante", "Ascendente"]
YEARS = st.integers(2000, 2030)
AMOUNT = st.one_of(
    st.integers(0, 10**9),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False, allow_subnormal=False),
    st.sampled_from(["ND", "NA"]),
)
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip())


@st.composite
def poblacion(draw) -> dict:
    return {
        "unidad_medida": draw(TEXT),
        "potencial": draw(AMOUNT),
        "objetivo": draw(AMOUNT),
        "atendida": draw(AMOUNT),
    }


@st.composite
def indicador(draw, i: int) -> dict:
    return {
        "id": f"I{i}",
        "nivel": draw(st.sampled_from(NIVELES)),
        "nombre": draw(TEXT),
        "sentido": draw(st.sampled_from(SENTIDOS)),
        "metas": draw(
            st.dictionaries(
                YEARS, st.fixed_dictionaries({"meta": AMOUNT, "valor": AMOUNT}), max_size=3
            )
        ),
    }


@st.composite
def programa(draw) -> dict:
    n = draw(st.integers(0, 3))
    return {
        "clave": "E999",
        "ramo": 51,
        "nombre": draw(TEXT),
        "poblaciones": draw(st.dictionaries(YEARS, poblacion(), max_size=3)),
        "presupuesto": draw(
            st.dictionaries(YEARS, st.fixed_dictionaries({"ejercido": AMOUNT}), max_size=3)
        ),
        "mir": [draw(indicador(i)) for i in range(n)],
    }


class _Dumper(yaml.SafeDumper):
    """safe_dump, with the texts YAML 1.2 reads as numbers (0E0, 1e5: PyYAML's 1.1 rules
    leave them plain) quoted, as a person writing a spec for issste-mon must."""


def _texto(dumper, s: str):
    numero = INT.match(s) or FLOAT.match(s)
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style='"' if numero else None)


_Dumper.add_representer(str, _texto)


def dump(doc: dict) -> str:
    return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**400), 10**400),
    st.floats(),  # nan, inf, -0.0 …
    st.text(max_size=20),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated_programa(draw) -> str:
    """A valid program with one value replaced, a key dropped, or the text cut or spliced."""
    doc = draw(programa())
    paths = [p for p in _paths(doc) if p]
    kind = draw(st.sampled_from(["replace", "drop", "cut", "splice"]))
    if kind in ("replace", "drop") and paths:
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        if kind == "replace":
            parent[path[-1]] = draw(JUNK)
        else:
            del parent[path[-1]]
    text = dump(doc)
    if kind == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "splice":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(YAML_NOISE) + text[at:]
    return text


TOKENS = [
    ":",
    ": ",
    "- ",
    "-",
    " ",
    "  ",
    "\n",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "#",
    "'",
    '"',
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: ",
    "!!python/object/apply:os.system ",
    "!x ",
    "!!binary ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "|\n",
    ">\n",
    "clave",
    "E999",
    "ramo",
    "51",
    "mir",
    "poblaciones",
    "2023",
    "meta",
    "valor",
    "ND",
    ".nan",
    ".inf",
    "-1",
    "1e400",
    "0x1F",
    "~",
    "null",
    "no",
    "2023-01-01",
    "\ufeff",
    "\x00",
    "\x85",
    "é",
]
YAML_NOISE = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
