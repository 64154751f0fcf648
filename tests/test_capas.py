"""The layout holds: library code never touches the CLI, the process or the interpreter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "issste_mon"
LIBRARY = sorted(
    p
    for p in PKG.rglob("*.py")
    if "cli" not in p.relative_to(PKG).parts and p.name != "__main__.py"  # `python -m`: the CLI
)
CLI_ONLY_MODULES = ("typer", "click", "rich")
# Exiting, printing, or process-wide state: the CLI's business.
FORBIDDEN_CALLS = {
    ("sys", "exit"),
    ("gc", "freeze"),
    ("gc", "disable"),
    ("gc", "enable"),
    ("os", "_exit"),
    ("signal", "signal"),
}


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PKG)))
def test_library_module_stays_out_of_the_cli(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for name in _imports(tree):
        top = name.split(".")[0]
        assert top not in CLI_ONLY_MODULES or path.parent.name == "salida", f"{path}: {name}"
        assert not name.startswith("issste_mon.cli"), f"{path} imports {name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert node.id not in ("ExitCode", "UsageError"), f"{path}: {node.id}"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            where = (node.value.id, node.attr)
            assert where not in {("sys", "stdout"), ("sys", "stderr")}, f"{path}: writes {where}"
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                assert (f.value.id, f.attr) not in FORBIDDEN_CALLS, f"{path}: {f.value.id}.{f.attr}"
            if isinstance(f, ast.Name):
                assert f.id not in ("print", "exit", "quit"), f"{path}: {f.id}()"


def test_at_most_eight_modules_at_the_top():
    assert len(list(PKG.glob("*.py"))) <= 8, sorted(p.name for p in PKG.glob("*.py"))


@pytest.mark.parametrize("init", sorted(PKG.rglob("__init__.py")), ids=lambda p: p.parent.name)
def test_every_package_says_what_it_owns(init):
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and len(doc) > 40, f"{init}: no docstring naming what the package owns"


def _textos(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _textos(v)
    elif isinstance(node, list):
        for v in node:
            yield from _textos(v)


def test_user_facing_text_cites_documents_not_seeds(cli):
    """Methodology sources, notes and fichas name documents by title and year: «seed 002» and
    «domain.md» mean nothing to a user (YAML comments may still cite them)."""
    import yaml

    data = yaml.safe_load((PKG / "data" / "metodologia.yaml").read_text(encoding="utf-8"))
    shown = [*_textos(data), cli("ficha", "E045").out, cli("cobertura", "E045", "-f", "csv").out]
    for text in shown:
        assert "seed" not in text.lower() and "domain.md" not in text, text
