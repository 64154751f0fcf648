"""Every figure of the bundled specs traceable to the document its `fuente` names.

The sampled checks of test_bundled_specs list numbers by hand; these walk all of them: each
number of a spec (and each published figure) must be printed, in one of the forms the seeds
print numbers (`14,756,442`, `263277.00`, `$522,000.00`), in a seed that its nearest `fuente`
names; and each row that `cumplimiento`, `cobertura` and `presupuesto` report must name only
documents that print one of the row's figures; each published sentence («tal cual») must be in
its document. Skipped when the seeds are not available.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SPECS = Path(bundled_specs_dir())

# How the specs cite each seed (a fragment of the title, matched case-insensitively).
DOCUMENTOS = {
    "000_876e6a46298305f7.txt": ("evaluación de diseño", "aspectos relevantes"),
    "001_47f40beb7a204c2c.txt": ("fmye", "ficha de monitoreo y evaluación"),
    "002_2a0459f37ccfcaf0.txt": ("diagnóstico de monitoreo",),
    "003_3d7d72f0ba7874da.txt": ("desempeño",),
    "004_aaf070d824bc60c0.txt": ("programa institucional",),
}
# Calendar and identity values, not figures of a document (the years a spec is keyed by).
NO_CIFRAS = {"ramo", "inicio", "fin", "anio", "ejercicio_actual", "corte", "corte_publicado"}
# Numbers the seeds do not print, each with the reason the spec gives beside it.
NO_IMPRESOS = {
    # «NOT printed in the seeds: domain.md (E045 existed 2016-2019 …)», as its comment says
    ("E045.yaml", "fin"),
}


def _textos() -> dict[str, str]:
    if not all((SEEDS / nombre).exists() for nombre in DOCUMENTOS):
        pytest.skip(f"seeds not available: {SEEDS}")
    out = {}
    for nombre in DOCUMENTOS:
        # PDF/markdown extraction: «\$», «**45,168**», line breaks inside a sentence
        texto = SEEDS.joinpath(nombre).read_text(encoding="utf-8").replace("\\$", "$")
        out[nombre] = re.sub(r"\s+", " ", texto.replace("**", ""))
    return out


def documentos(fuente: str | None) -> set[str]:
    f = (fuente or "").lower()
    return {nombre for nombre, titulos in DOCUMENTOS.items() if any(t in f for t in titulos)}


def formas(valor) -> set[str]:
    """The printed forms that stand for exactly this number (no rounding)."""
    d = Decimal(str(valor))
    out = set()
    for lugares in range(4):
        q = d.quantize(Decimal(1).scaleb(-lugares))
        if q == d:
            out |= {f"{q:,.{lugares}f}", f"{q:.{lugares}f}"}
    return out


def impreso(forma: str, texto: str) -> bool:
    # a whole number, not part of a longer one (`15` is not in `2015` nor in `1.15`); a word
    # letter-spaced by the extraction («1 .17%») is found with the spaces taken out
    patron = r"(?<![\d.,])" + re.escape(forma) + r"(?![\d]|[.,]\d)"
    return any(re.search(patron, t) for t in (texto, texto.replace(" ", "")))


def _cifras(nodo, ruta, fuente, out):
    """(keypath, node, nearest `fuente`) of every scalar under `nodo`."""
    if isinstance(nodo, yaml.MappingNode):
        for k, v in nodo.value:
            if k.value == "fuente" and isinstance(v, yaml.ScalarNode):
                fuente = v.value
        for k, v in nodo.value:
            _cifras(v, (*ruta, k.value), fuente, out)
    elif isinstance(nodo, yaml.SequenceNode):
        for i, v in enumerate(nodo.value):
            _cifras(v, (*ruta, str(i)), fuente, out)
    else:
        out.append((ruta, nodo, fuente))


def cifras_de_las_specs():
    filas = []
    for spec in sorted(SPECS.glob("*.yaml")):
        out = []
        _cifras(yaml.compose(spec.read_text(encoding="utf-8")), (), None, out)
        for ruta, nodo, fuente in out:
            if ruta[-1] in NO_CIFRAS or (spec.name, ".".join(ruta)) in NO_IMPRESOS:
                continue
            if nodo.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
                cifra = formas(yaml.safe_load(nodo.value))
            elif "publicado" in ruta and re.search(r"\d", nodo.value) and len(nodo.value) < LARGO:
                cifra = {nodo.value}  # a published figure, exactly as printed
            else:
                continue
            filas.append((f"{spec.name}:{nodo.start_mark.line + 1}", ruta, cifra, fuente))
    return filas


def textos_publicados():
    """(place, keypath, text, nearest `fuente`) of every published sentence («tal cual»)."""
    filas = []
    for spec in sorted(SPECS.glob("*.yaml")):
        out = []
        _cifras(yaml.compose(spec.read_text(encoding="utf-8")), (), None, out)
        for ruta, nodo, fuente in out:
            if "publicado" in ruta and nodo.tag.endswith(":str") and len(nodo.value) >= LARGO:
                filas.append((f"{spec.name}:{nodo.start_mark.line + 1}", ruta, nodo.value, fuente))
    return filas


LARGO = 40  # a published value this long is a sentence, not a figure
CIFRAS = cifras_de_las_specs()
TEXTOS = textos_publicados()


def test_the_walk_finds_the_figures():
    # E045 alone has 12 figures transcribed from seed 001 (populations, budget, MIR)
    assert sum(1 for lugar, *_ in CIFRAS if lugar.startswith("E045.yaml")) >= 12
    assert len(CIFRAS) >= 90


@pytest.mark.parametrize("lugar,ruta,cifra,fuente", CIFRAS, ids=[c[0] for c in CIFRAS])
def test_figure_is_printed_in_the_document_its_fuente_names(lugar, ruta, cifra, fuente):
    textos = _textos()
    docs = documentos(fuente)
    assert docs, f"{lugar} {'.'.join(ruta)}: su fuente no nombra un documento: {fuente!r}"
    donde = [d for d in docs if any(impreso(f, textos[d]) for f in cifra)]
    assert donde, f"{lugar} {'.'.join(ruta)} = {sorted(cifra)} no está impreso en {sorted(docs)}"


@pytest.mark.parametrize("lugar,ruta,texto,fuente", TEXTOS, ids=[t[0] for t in TEXTOS])
def test_published_sentence_is_printed_in_the_document_its_fuente_names(lugar, ruta, texto, fuente):
    textos = _textos()
    sin_marcas = {d: re.sub(r"<[^>]+>|\*", "", t) for d, t in textos.items()}
    docs = documentos(fuente)
    assert docs, f"{lugar} {'.'.join(ruta)}: su fuente no nombra un documento: {fuente!r}"
    frase = re.sub(r"\s+", " ", texto).strip()
    assert any(frase in sin_marcas[d] for d in docs), f"{lugar}: {frase!r} no está en {docs}"


def test_the_walk_finds_the_published_sentences():
    # PI-ISSSTE-2020-2024: the «¿Qué ha mejorado?» / alertas of seed 003 and the seed-004 texts
    assert sum(1 for lugar, *_ in TEXTOS if lugar.startswith("PI-")) >= 10


@pytest.fixture(scope="module")
def specs():
    return im.cargar(bundled_specs_dir())


# Each command's figures, the ones a row rests on.
FIGURAS = {
    "cumplimiento": ("meta", "valor"),
    "cobertura": ("potencial", "objetivo", "atendida"),
    "presupuesto": ("ejercido_mdp", "ramo_mdp", "asignado_mdp"),
}


@pytest.mark.parametrize("comando", sorted(FIGURAS))
def test_each_row_names_only_documents_that_print_its_figures(specs, comando):
    textos = _textos()
    filas = getattr(im, comando)(specs).to_records()
    revisadas = 0
    for fila in filas:
        cifras = [fila[c] for c in FIGURAS[comando] if isinstance(fila.get(c), (int, float))]
        if not cifras:
            continue
        revisadas += 1
        docs = documentos(fila["fuente"])
        quien = f"{comando} {fila['clave']} {fila['anio']} {fila.get('id') or ''}"
        assert docs, f"{quien}: fuente {fila['fuente']!r} no nombra un documento"
        for doc in docs:
            assert any(impreso(f, textos[doc]) for c in cifras for f in formas(c)), (
                f"{quien}: la fuente {fila['fuente']!r} nombra {doc}, que no imprime {cifras}"
            )
    assert revisadas
