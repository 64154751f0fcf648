"""The verdicts of `verificar` are said in one vocabulary: `vocab.Veredicto` and, next to it,
`vocab.VEREDICTO_PLURAL` (what each verdict reads of several figures). No module keeps words of
its own for them: `consultas/derivado.py` had `_VEREDICTO_PLURAL`, and `verificar`'s summary,
resumen's statements and the site's index each wrote «coinciden», «difieren», «no verificables»."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "issste_mon"


def _textos(ruta: Path):
    """(line, text) of each string literal of `ruta` (an f-string's literal parts too)."""
    for n in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"), str(ruta))):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            yield n.lineno, n.value


def test_every_verdict_has_its_plural_in_vocab():
    from issste_mon.vocab import VEREDICTO_PLURAL, Veredicto

    assert set(VEREDICTO_PLURAL) == set(Veredicto)
    assert [v.en_numero(2) for v in Veredicto] == [
        "coinciden",
        "coinciden por construcción",
        "difieren",
        "difieren, explicadas",
        "contradicciones en la fuente",
        "no verificables",
    ]
    assert [v.en_numero(1) for v in Veredicto] == [str(v) for v in Veredicto]
    assert Veredicto.no_verificable.en_numero(0) == "no verificables"


# words of a verdict said of several, as a module's own copy would hold them
_PLURALES = {
    "coinciden",
    "coinciden por construcción",
    "difieren",
    "difieren, explicadas",
    "contradicciones",
    "contradicciones en la fuente",
    "verificables",
    "no verificables",
}
# the verb outside a verdict: notes of an import that differ only in form
_OTROS_USOS = {("importar/resumen.py", "difieren")}


def test_no_module_keeps_its_own_verdict_plurals():
    """`consultas/derivado.py` kept `_VEREDICTO_PLURAL`, `verificar`'s summary, the site's
    index and resumen's statements each wrote «coinciden», «difieren», «no verificables» of
    their own: one vocabulary, in `vocab`, next to `Veredicto`."""
    copias = []
    for ruta in sorted(PKG.rglob("*.py")):
        rel = ruta.relative_to(PKG).as_posix()
        if rel == "vocab.py":
            continue
        for linea, texto in _textos(ruta):
            if texto.strip() in _PLURALES and (rel, texto.strip()) not in _OTROS_USOS:
                copias.append(f"issste_mon/{rel}:{linea}: {texto!r}")
    assert not copias, "\n".join(copias)


def test_the_counts_of_verdicts_read_as_before(specs):
    """The same words where each count is said (the bundled specs, checked against the
    documents in ../shared/domain.md): `verificar`, resumen's statements, the site's index."""
    import issste_mon as im
    from issste_mon.ficha import datos, sitio

    assert im.verificar(specs).resumen == (
        "174 cifras: 41 coinciden, 83 por construcción, 1 difiere (1 explicada), "
        "2 contradicciones en la fuente, 47 no verificables."
    )
    assert im.resumen(specs, enunciados=True).resumen == [
        "10 de 52 enunciados coinciden con lo publicado; 35 por construcción; 3 no coinciden "
        "(difiere, explicada: 1; contradicción en la fuente: 2); 4 no verificables (la nota "
        "dice por qué)."
    ]
    m = im.cargar_metodologia()
    estado = {
        c: sitio._estado_verificacion(datos.construir(specs, m, c).tabla("verificacion"))[0]
        for c in ("E045", "E036")
    }
    assert estado == {
        "E045": "4 de 7 coinciden, 3 por construcción",
        "E036": "0 de 2 coinciden, 1 por construcción, 1 no verificable",
    }
