"""SHCP's ISeD: each program's value classified with the methodology's `ised` bands, beside the
band SHCP published. `verificar` and `monitoreo --indice ised` both read these rows."""

from __future__ import annotations

from issste_mon.calc.base import del_anio, nota_de_spec, notas
from issste_mon.metodologia import Metodologia, clasificar
from issste_mon.modelo import Faltante, Programa, es_numero
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
                        _difiere(calc, pub, metodologia) if coincide is False else None,
                        nota_de_spec(e.nota),
                    ),
                    "fuente": e.fuente,
                }
            )
    return rows


_FALTANTES = {
    f.value: texto for f, texto in ((Faltante.ND, "no disponible"), (Faltante.NA, "no aplica"))
}


def _faltante(valor) -> str | None:
    """The ND or NA an edition records in place of its value; None for no value at all."""
    return str(valor) if valor is not None and str(valor) in _FALTANTES else None


def _sin_valor(valor) -> str:
    """Why the row has no level: what the edition records instead of a value, in words."""
    faltante = _faltante(valor)
    if faltante is None:
        return "valor ausente (la spec no lo registra)"
    return f"valor {faltante} ({_FALTANTES[faltante]})"


def _difiere(calc: str, pub: str, metodologia: Metodologia) -> str:
    """Which level rests on what, where SHCP publishes another than the rule gives: SHCP's
    file, and the methodology's rule with the source and confianza its file declares."""
    regla = next(
        (f"{fuente}; confianza {conf}" for n, conf, fuente in metodologia.fuentes if n == "ised"),
        "sin fuente declarada",
    )
    return f"SHCP publica {pub}; {calc} es el que da la regla «ised» de la metodología ({regla})"
