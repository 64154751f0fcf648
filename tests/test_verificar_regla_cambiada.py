"""`verificar` and the ficha with a user's methodology that changed a published rule.

The copy keeps `confianza: publicado` (and the fuente quoting «entre 90% y 110%») while its
band is another. Verdicts used to take that claim at its word: the ISSSTE's printed «90% -
110%» was «difiere» against the copy's 95–110 — a published figure called wrong because of the
user's own cut — and a match on the copy's band was a plain «coincide».
"""

from __future__ import annotations

import json

from issste_mon import metodologia

BUNDLED = open(metodologia.default_path(), encoding="utf-8").read()


def copia(tmp_path, *cambios: tuple[str, str]):
    texto = BUNDLED
    for old, new in cambios:
        assert old in texto
        texto = texto.replace(old, new)
    path = tmp_path / "mia.yaml"
    path.write_text(texto, encoding="utf-8")
    return path


def fila(cli, path, clave: str, tipo: str) -> dict:
    r = cli("verificar", clave, "-q", "-f", "json", "--metodologia", str(path))
    assert r.code in (0, 1), r
    (out,) = [f for f in json.loads(r.out) if f["tipo"] == tipo]
    return out


def test_a_difference_under_a_changed_published_rule_is_not_the_documents(cli, tmp_path):
    path = copia(tmp_path, ("inferior: 90", "inferior: 95"), ("menor_a: 90 ", "menor_a: 95 "))
    f = fila(cli, path, "ISSSTE", "dependencia.cumplimiento.rango_esperado")
    assert f["veredicto"] == "no verificable"
    assert (
        f"regla «cumplimiento.rango» de la metodología {path}, distinta de la publicada"
        in (f["motivo"])
    )


def test_a_match_under_a_changed_published_rule_says_it_rests_on_it(cli, tmp_path):
    # E048 2023: 94.75 %, «adecuado» in the Diagnóstico; Adecuado in 90–110 and in 80–120
    path = copia(
        tmp_path,
        ("inferior: 90", "inferior: 80"),
        ("superior: 110", "superior: 120"),
        ("menor_a: 90 ", "menor_a: 80 "),
    )
    f = fila(cli, path, "E048", "diagnostico.cumplimiento_metas")
    assert f["veredicto"] == "coincide"
    assert (
        f"descansa en el rango de cumplimiento (regla «cumplimiento.rango» de la metodología {path}"
        in (f["explicacion"])
    )


def test_a_contradiction_under_a_changed_published_rule_is_not_claimed(cli, tmp_path):
    # with the attribute's reading marked publicado, a mismatch used to be a contradiction
    # between two documents; here it comes from the copy's 95 % cut
    path = copia(
        tmp_path,
        ("inferior: 90", "inferior: 95"),
        ("menor_a: 90 ", "menor_a: 95 "),
        (
            "    nivel: Propósito\n    confianza: supuesto",
            "    nivel: Propósito\n    confianza: publicado",
        ),
    )
    f = fila(cli, path, "E048", "diagnostico.cumplimiento_metas")
    assert f["veredicto"] == "no verificable" and "cumplimiento.rango" in f["motivo"]


def test_the_bundled_rule_and_an_unchanged_copy_are_the_published_one(cli, tmp_path):
    path = copia(tmp_path, ("nombre: issste-mon", "nombre: copia de issste-mon"))
    assert metodologia.load(str(path)).cambiadas == {}
    f = fila(cli, path, "ISSSTE", "dependencia.cumplimiento.rango_esperado")
    assert f["veredicto"] == "coincide por construcción" and "regla «" not in f["explicacion"]


def test_the_ficha_does_not_call_a_changed_band_published(cli, tmp_path):
    """Its footnote said «rango esperado 80–120 % (publicado: «… entre 90% y 110%» …)»."""
    path = copia(
        tmp_path,
        ("inferior: 90", "inferior: 80"),
        ("superior: 110", "superior: 120"),
        ("menor_a: 90 ", "menor_a: 80 "),
    )
    r = cli("ficha", "E048", "-q", "--metodologia", str(path), "-f", "markdown")
    assert r.code == 0, r
    (nota,) = [x for x in r.out.splitlines() if "; rango esperado" in x]
    assert f"80–120 % (de {path}, distinto del publicado que trae la metodología incluida" in nota
    assert "(publicado:" not in nota
