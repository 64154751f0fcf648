"""Locations taken from the parse's events: equal to composing the document, kept by the cache,
and enough for warm `validar` and `verificar` to read no YAML."""

from __future__ import annotations

import random
import shutil
import sys

import pytest
import yaml

from issste_mon.auditoria import ubicar
from issste_mon.carga import fastyaml, loader, yamlload
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.carga.ubicaciones import Eventos
from tests.conftest import REPO

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


def _paths(node, path=()):
    """Every keypath of a composed document, plus one step past each (absent)."""
    yield path
    yield path + ("no-existe",)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _paths(v, path + (k.value,))
    elif isinstance(node, yaml.SequenceNode):
        yield path + (len(node.value),)
        for i, item in enumerate(node.value):
            yield from _paths(item, path + (i,))


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda x: x[:12])
def test_every_keypath_is_where_composing_the_document_puts_it(name, text):
    eventos: dict = {}
    data = fastyaml.load(text, eventos)
    assert data == yaml.load(text, Loader=yamlload.StrictLoader)  # noqa: S506 - a SafeLoader
    doc = Eventos(data, eventos)
    paths = [(p, at_key) for p in _paths(yaml.compose(text)) for at_key in (False, True)]
    expected = yamlload.locate(text, paths)
    assert {key: doc.locate(*key) for key in paths} == expected
    assert len(expected) == len(paths) > 10


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda x: x[:12])
def test_published_figures_are_those_the_composed_document_has(name, text):
    eventos: dict = {}
    doc = Eventos(fastyaml.load(text, eventos), eventos)
    assert doc.publicados() == ubicar.publicados(text)


def test_the_hand_written_document_has_published_figures_of_every_shape():
    eventos: dict = {}
    found = Eventos(fastyaml.load(HAND_WRITTEN, eventos), eventos).publicados()
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


def test_no_events_are_kept_when_the_safe_loader_parses():
    eventos: dict = {}
    data = yamlload.parse("a: &x 1\nb: *x\n", "f.yaml", eventos)
    assert data == {"a": 1, "b": 1} and eventos == {}


@pytest.fixture
def federal(tmp_path):
    """Six synthetic programs (with notable avisos and published figures) and E045."""
    root = tmp_path / "specs"
    generate.generate(root, programas=6, indicadores=10, anios=8)
    shutil.copy(bundled_specs_dir() / "E045.yaml", root / "E045.yaml")
    return root


def _fresh_locations(specs):
    """What locating afresh gives: notable avisos by composing, figures by ubicar."""
    avisos = loader.locate_problems(
        [type(p)(p.file, None, None, p.keypath, p.message, p.severity, p.notable)
         for p in specs.avisos]
    )  # fmt: skip
    figuras = {f: ubicar.publicados(open(f, encoding="utf-8").read()) for f in specs.archivos}
    return avisos, figuras


def test_loading_locates_notable_avisos_and_figures_as_a_fresh_parse_would(federal):
    specs = load_paths([str(federal)])
    avisos, figuras = _fresh_locations(specs)
    assert any(p.notable for p in specs.avisos)
    assert all(p.line is not None for p in specs.avisos)
    assert specs.avisos == avisos
    assert specs.publicados == figuras
    assert sum(len(v) for v in figuras.values()) > 20


def test_the_cache_keeps_the_locations(federal, tmp_path, monkeypatch):
    monkeypatch.setenv("ISSSTE_MON_CACHE_DIR", str(tmp_path / "cache"))
    cold = load_paths([str(federal)], cache=True)
    parsed = []
    real = loader.load_text
    monkeypatch.setattr(loader, "load_text", lambda *a: parsed.append(a[1]) or real(*a))
    warm = load_paths([str(federal)], cache=True)
    assert parsed == []  # served from the cache
    assert warm == cold
    assert warm.avisos == _fresh_locations(warm)[0]
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


@pytest.mark.parametrize("cmd", [["validar"], ["validar", "--estricto"], ["verificar"]])
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
