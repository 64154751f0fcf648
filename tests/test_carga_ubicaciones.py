"""Locations taken from the parse's events: equal to composing the document, kept by the cache,
and enough for warm `validar` and `verificar` to read no YAML."""

from __future__ import annotations

import random
import shutil
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from issste_mon.auditoria import ubicar
from issste_mon.carga import fastyaml, loader, yamlload
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.carga.ubicaciones import Marcas
from tests.conftest import REPO, solo_con_libyaml

sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

HAND_WRITTEN = """\
clave: E999
"quoted key": {a: 1, 'b': [x, {publicado: "12 %"}]}
lista:
  - publicado: {cumplimiento: "90%", nivel: Alto, vacio: , anidado: {x: 1}, lista: [1]}
  - - publicado: 7.50
    - otro: {publicado: [1, {publicado: {z: "1"}}]}
2019: {publicado: {valor: 1e3}}
vacio:
? sencilla
: 1
"""


def _texts() -> list[tuple[str, str]]:
    out = [(f.name, f.read_text(encoding="utf-8")) for f in sorted(bundled_specs_dir().iterdir())]
    rng = random.Random(7)
    out += [(f"P{i}", generate.programa(rng, f"E{i:03d}", 12, 6, 8)) for i in range(3)]
    return out + [("a mano", HAND_WRITTEN)]


def _watched_paths(node, path=()):
    """Keypaths of the composed document whose last key is watched (as raw text), and one
    absent path beside each."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            sub = path + (k.value,)
            if k.value in loader._WATCH:
                yield sub
                yield path + ("no-existe",)
            yield from _watched_paths(v, sub)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _watched_paths(item, path + (i,))


def _parse(text):
    marcas = Marcas(loader._WATCH)
    data = fastyaml.load(text, marcas)
    assert marcas.completo
    assert data == yaml.load(text, Loader=yamlload.StrictLoader)  # noqa: S506 - a SafeLoader
    return marcas


@solo_con_libyaml
@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda x: x[:12])
def test_watched_values_are_where_composing_the_document_puts_them(name, text):
    marcas = _parse(text)
    paths = [(p, False) for p in _watched_paths(yaml.compose(text))]
    expected = yamlload.locate(text, paths)
    noted = {key: marcas.locate(*key) for key in paths}
    assert {k: v for k, v in noted.items() if v is not None} == {
        k: v for k, v in expected.items() if k[0][-1] != "no-existe"
    }
    assert {k for k, v in noted.items() if v is None} == {
        k for k in paths if k[0][-1] == "no-existe"
    }


@solo_con_libyaml
@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda x: x[:12])
def test_published_figures_are_those_the_composed_document_has(name, text):
    marcas = _parse(text)
    assert marcas.publicados == ubicar.publicados(text)
    for path, _, line, col in marcas.publicados:
        composed = yamlload.locate(text, [(path, False)])[(path, False)]
        assert marcas.locate(path) == (line, col) == composed


@solo_con_libyaml
def test_the_hand_written_document_has_published_figures_of_every_shape():
    found = _parse(HAND_WRITTEN).publicados
    assert [(p, text) for p, text, _, _ in found] == [
        (("quoted key", "b", 1, "publicado"), "12 %"),
        (("lista", 0, "publicado", "cumplimiento"), "90%"),
        (("lista", 0, "publicado", "nivel"), "Alto"),
        (("lista", 0, "publicado", "vacio"), ""),
        (("lista", 0, "publicado", "anidado"), ""),
        (("lista", 0, "publicado", "lista"), ""),
        (("lista", 1, 0, "publicado"), "7.50"),
        (("lista", 1, 1, "otro", "publicado", 1, "publicado", "z"), "1"),
        (("2019", "publicado", "valor"), "1e3"),
    ]


def test_nothing_is_noted_when_the_safe_loader_parses():
    marcas = Marcas(loader._WATCH)
    data = yamlload.parse("a: &x 1\nb: *x\npublicado: 2\n", "f.yaml", marcas)
    assert data == {"a": 1, "b": 1, "publicado": 2}
    assert not marcas.completo and marcas.publicados == [] and marcas.locate(("a",)) is None


@pytest.fixture
def federal(tmp_path):
    """Six synthetic programs (with notable avisos and published figures) and the bundled
    specs (a dependency with inmonitoreo, a programa derivado)."""
    root = tmp_path / "specs"
    generate.generate(root, programas=6, indicadores=10, anios=8)
    shutil.copytree(bundled_specs_dir(), root / "issste")
    return root


_real_load_text = loader.load_text


def _notable(specs):
    return [p for p in specs.avisos if p.notable]


def _fresh_locations(specs):
    """What locating afresh gives: notable avisos by composing, figures by ubicar."""
    avisos = loader.locate_problems(
        [type(p)(p.file, None, None, p.keypath, p.message, p.severity, p.notable)
         for p in _notable(specs)]
    )  # fmt: skip
    figuras = {f: ubicar.publicados(open(f, encoding="utf-8").read()) for f in specs.archivos}
    return avisos, figuras


@solo_con_libyaml
def test_loading_locates_notable_avisos_and_figures_as_a_fresh_parse_would(federal):
    synthetic = [str(p) for p in sorted(federal.iterdir()) if p.name != "issste"]
    with pytest.MonkeyPatch.context() as mp:
        no_yaml(mp)  # noted while parsing: nothing is composed to find them
        mp.setattr(loader, "load_text", _real_load_text)
        load_paths(synthetic)
    # (the bundled E043 has an unknown key: such avisos are still located by composing, once)
    specs = load_paths([str(federal)])
    avisos, figuras = _fresh_locations(specs)
    assert _notable(specs) and all(p.line is not None for p in specs.avisos)
    assert _notable(specs) == avisos
    assert specs.publicados == figuras
    assert sum(len(v) for v in figuras.values()) > 20


@solo_con_libyaml
def test_the_cache_keeps_the_locations(federal, tmp_path, monkeypatch):
    monkeypatch.setenv("ISSSTE_MON_CACHE_DIR", str(tmp_path / "cache"))
    cold = load_paths([str(federal)], cache=True)
    parsed = []
    real = loader.load_text
    monkeypatch.setattr(loader, "load_text", lambda *a: parsed.append(a[1]) or real(*a))
    warm = load_paths([str(federal)], cache=True)
    assert parsed == []  # served from the cache
    assert warm == cold
    assert _notable(warm) == _fresh_locations(warm)[0]
    assert warm.publicados == _fresh_locations(warm)[1]


def no_yaml(monkeypatch):
    """Make reading a spec again (parsing, composing or locating in it) fail the test; the
    methodology file is still parsed."""

    def refuse(*args, **kwargs):
        raise AssertionError("YAML leído de nuevo")

    for target, name in [
        (yaml, "compose"),
        (yamlload, "locate"),
        (ubicar, "publicados"),
        (ubicar, "_texto"),
        (loader, "load_text"),
    ]:
        monkeypatch.setattr(target, name, refuse)


@pytest.mark.parametrize(
    "cmd",
    # (verificar names each figure's line: without libyaml nothing noted it while parsing)
    [["validar"], ["validar", "--estricto"], pytest.param(["verificar"], marks=solo_con_libyaml)],
)
def test_warm_validar_and_verificar_read_no_yaml(cmd, federal, tmp_path, monkeypatch, cli):
    monkeypatch.setenv("ISSSTE_MON_CACHE_DIR", str(tmp_path / "cache"))
    args = [*cmd, str(federal)] if cmd[0] == "validar" else [*cmd, "--specs", str(federal)]
    args += ["-f", "csv"]
    cold = cli(*args)
    assert cold.code in (0, 1) and cold.out.count("\n") > 2  # verificar: 1 if any differs
    with pytest.MonkeyPatch.context() as mp:
        no_yaml(mp)
        warm = cli(*args)
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    assert warm.out == cli(*args, "--sin-cache").out  # and equal to not using the cache


_KEYS = st.sampled_from(["publicado", "atendida", "objetivo", "inmonitoreo", "a", "2019", "x y"])
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(["", "ND", "89%", "12 (50%)", "texto: con dos puntos", "1e3"]),
)
_DOCS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=25,
)


@solo_con_libyaml
@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_KEYS, _DOCS, max_size=5), st.sampled_from([None, True, False]))
def test_any_document_is_noted_as_composing_it_finds(doc, flow):
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    marcas = _parse(text)
    assert marcas.publicados == ubicar.publicados(text)
    paths = [(p, False) for p in _watched_paths(yaml.compose(text))]
    expected = yamlload.locate(text, paths)
    for (path, _), where in expected.items():
        if path[-1] == "no-existe":
            continue
        if "publicado" in path[:-1]:  # inside a publicado: only its own entries are noted
            assert marcas.locate(path) in (None, where)  # (None: the loader composes)
        else:
            assert marcas.locate(path) == where


@pytest.mark.parametrize("anio", ["+2017", "0x7E1", "02017"])
def test_a_year_written_otherwise_is_located_at_itself_and_named_as_written(tmp_path, cli, anio):
    """`+2017:` was the year 2017 in silence (and a problem under it was once located at the
    parent, 5:3); now the key itself is the error, at 5:3, named as written (test_carga_anios):
    nothing the person wrote is taken for another thing without a word."""
    path = tmp_path / "E999.yaml"
    path.write_text(
        f"clave: E999\nramo: 51\nnombre: x\npoblaciones:\n  {anio}:\n"
        "    unidad_medida: P\n    objetivo: -5\n",
        encoding="utf-8",
    )
    r = cli("validar", str(path))
    assert r.code == 2
    assert r.err == (
        f"{path}:5:3: poblaciones.{anio}: se esperaba un año entre 1900 y 2200, se encontró "
        f"{anio}, que YAML lee como 2017: escriba 2017\n"
    )


def test_an_unknown_boolean_key_is_located_at_itself(tmp_path, cli):
    """`on:` is the key True to YAML 1.1: its aviso was located at 1:1 and named «True»; a
    key is a name, so it is the word written."""
    path = tmp_path / "E999.yaml"
    path.write_text("clave: E999\nramo: 51\nnombre: x\non: 1\n", encoding="utf-8")
    r = cli("validar", str(path))
    assert r.code == 0
    assert r.err.splitlines()[0] == f"{path}:4:1: on: aviso: clave desconocida"
