"""SHCP's ISeD: each program's value classified with the methodology's `ised` bands, beside the
band SHCP published. `verificar` and `monitoreo --indice ised` both read these rows."""

from __future__ import annotations

from issste_mon.calc.base import del_anio, nota_de_spec, notas
from issste_mon.metodologia import Metodologia, clasificar
from issste_mon.modelo import Faltante, Programa, es_numero
from issste_mon.salida.numfmt import fmt_escrito, fmt_valor
from issste_mon.vocab import fold

# The decimals SHCP writes RESULTADO_ISED with (ised_2019_2020.csv: 441 of 535 values carry 9,
# none more; the rest are the same precision with trailing zeros dropped, «1.0», «0.69124424»).
# People read every ISeD at them, in every command and format: «1.000» beside «0.528169014»
# read as two precisions; machine formats keep the value as recorded.
DECIMALES = 9


def nivel(valor: float, metodologia: Metodologia) -> str | None:
    return clasificar(valor, metodologia.ised)


def calcular_ised(
    programas: list[Programa], edicion: int | None = None, *, metodologia: Metodologia
) -> list[dict]:
    """One row per program and edition: valor, computed nivel, published nivel, coincide.
    `valor` is the number, or the ND / NA the edition records (SHCP published «no disponible»:
    not the same as an edition without a value, None), which people read and machines get in
    `valor_estado`, as cumplimiento's meta and valor."""
    rows = []
    for p in programas:
        for e in del_anio(p.ised, edicion, clave=lambda e: e.edicion):
            ok = es_numero(e.valor)
            calc = nivel(e.valor, metodologia) if ok else None
            pub = e.publicado.get("nivel")
            coincide = None if calc is None or pub is None else fold(calc) == fold(pub)
            rows.append(
                {
                    "clave": p.clave,
                    "ramo": p.ramo,
                    "anio": e.edicion,
                    "valor": e.valor if ok else _faltante(e.valor),
                    "nivel": calc,
                    "nivel_publicado": pub,
                    "coincide": coincide,
                    "nota": notas(
                        None if ok else _sin_valor(e.valor),
                        _difiere(e, calc, pub, metodologia) if coincide is False else None,
                        nota_de_spec(e.nota),
                    ),
                    "fuente": e.fuente,
                    # (not a column: the nota says it) the published level is not the one the
                    # published rule gives the published value — `verificar`'s «contradicción
                    # en la fuente», which the summary and the ficha's strip count and name
                    "contradiccion": coincide is False
                    and _regla_publicada(metodologia) is not None,
                }
            )
    return rows


# What the ND / NA an edition records mean, in the words every output says them with (the
# nota here, the ficha's strip and the site's index: `ficha.datos.ised_titular`)
FALTANTES = {
    f.value: texto for f, texto in ((Faltante.ND, "no disponible"), (Faltante.NA, "no aplica"))
}


def _faltante(valor) -> str | None:
    """The ND or NA an edition records in place of its value; None for no value at all."""
    return str(valor) if valor is not None and str(valor) in FALTANTES else None


def _sin_valor(valor) -> str:
    """Why the row has no level: what the edition records instead of a value, in words."""
    faltante = _faltante(valor)
    if faltante is None:
        return "valor ausente (la spec no lo registra)"
    return f"valor {faltante} ({FALTANTES[faltante]})"


def _regla_publicada(metodologia: Metodologia) -> str | None:
    """The fuente of the methodology's `ised` rule where it is the published one (`confianza:
    publicado`, the bundled file: SHCP's dictionary) and no user's file changed it; else None."""
    if "ised" in metodologia.cambiadas:
        return None
    return next(
        (f for n, conf, f in metodologia.fuentes if n == "ised" and conf == "publicado"), None
    )


def contradiccion(
    valor, calc: str, pub: str, metodologia: Metodologia, fuente: str | None = None
) -> str | None:
    """A published level that the published rule does not give the published value (0.45
    published as Alto, where SHCP's dictionary makes [0.4, 0.6) Medio): the value, the level
    and the rule are all the source's, so the difference is within it — no figure of
    issste-mon's is involved. None where the rule is not the published one (then the level is
    the methodology's, and differing from SHCP's is a difference)."""
    regla = _regla_publicada(metodologia)
    if regla is None:
        return None
    bandas = list(metodologia.ised)
    i = max(n for n, b in enumerate(bandas) if b.etiqueta == calc)
    desde = fmt_valor(bandas[i].desde)
    # (the last band's upper end is the index's: 1, included, as the dictionary writes it)
    hasta = f"{fmt_valor(bandas[i + 1].desde)})" if i + 1 < len(bandas) else "1]"
    cifra = fmt_escrito(valor, DECIMALES, metodologia.bordes(metodologia.ised))
    return (
        f"{fuente or 'la fuente'} publica el ISeD {cifra} con nivel {pub}, y la regla publicada "
        f"de los niveles ({regla}) da {calc} a ese valor ([{desde}, {hasta} es {calc}): no "
        "pueden valer a la vez"
    )


def _difiere(e, calc: str, pub: str, metodologia: Metodologia) -> str:
    """Which level rests on what, where SHCP publishes another than the rule gives: SHCP's
    file, and the methodology's rule with the source and confianza its file declares. Where
    that rule is the published one, the source contradicts itself, and the nota says so."""
    dentro = contradiccion(e.valor, calc, pub, metodologia, e.fuente)
    if dentro is not None:
        return f"contradicción en la fuente: {dentro}"
    regla = next(
        (f"{fuente}; confianza {conf}" for n, conf, fuente in metodologia.fuentes if n == "ised"),
        "sin fuente declarada",
    )
    return f"SHCP publica {pub}; {calc} es el que da la regla «ised» de la metodología ({regla})"
