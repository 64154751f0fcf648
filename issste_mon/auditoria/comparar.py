"""Verdicts and the comparison of one published figure with its computation.

A number is compared at the precision it was printed with (half-up rounding); a category by its
canonical name. When a number differs, cheap and certain explanations are tried in order: the
document truncated instead of rounding, or an alternative computation (another formula, another
meta) gives the printed figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from issste_mon.salida.numfmt import (
    Publicado,
    exacto,
    fmt_auto,
    fmt_como_documento,
    fmt_redondeado,
    parse_publicado,
)
from issste_mon.vocab import Veredicto, fold

COINCIDE, DIFIERE, NO_VERIFICABLE = Veredicto.coincide, Veredicto.difiere, Veredicto.no_verificable
POR_CONSTRUCCION = Veredicto.coincide_por_construccion
DIFIERE_EXPLICADA = Veredicto.difiere_explicada
CONTRADICCION = Veredicto.contradiccion
CORTE_DISTINTO = "corte distinto"

TRUNCANDO = "coincide truncando en lugar de redondear"


@dataclass(slots=True)
class Resultado:
    """What a checker found for one published figure."""

    veredicto: Veredicto
    calculado: str | None = None  # as the computation prints at the published precision
    valor_calculado: float | str | None = None  # raw: unrounded number or category
    explicacion: str | None = None  # why a difference is not an error of the document
    motivo: str | None = None  # why the figure cannot be verified: which input is missing
    cifra: str | None = None  # overrides the checker's default label
    # inputs recorded from the same publication as the figure (`origen: inferido`, `inferido:
    # [campo]`, or the figure's own value): a match on them is «coincide por construcción»
    inferidos: list[str] = field(default_factory=list)

    def final(self) -> Resultado:
        """The verdict that says what it rests on: an explained difference is «difiere,
        explicada»; a match on inferred inputs, «coincide por construcción»."""
        if self.veredicto == DIFIERE and self.explicacion:
            self.veredicto = DIFIERE_EXPLICADA
        elif self.veredicto == COINCIDE and self.inferidos:
            self.veredicto = POR_CONSTRUCCION
            previa = f"; {self.explicacion}" if self.explicacion else ""
            self.explicacion = "insumos tomados de la misma publicación: " + ", ".join(
                dict.fromkeys(self.inferidos)
            )
            self.explicacion += previa
        return self


NO_PUBLICADA = ("inferido", "supuesto")


def regla_ajustada(metodologia, seccion: str, que: str) -> str | None:
    """When the methodology's rule `seccion` (e.g. `inmonitoreo.agregacion`) is not printed but
    inferred from, or fitted to, published figures (`confianza: inferido | supuesto`), what a
    match on it rests on — for `Resultado.inferidos` —: the rule, its confianza and its fuente.
    A match on such a rule is «coincide por construcción», never a confirmation. None: the rule
    is printed (`publicado`) or the methodology does not say."""
    for nombre, confianza, fuente in getattr(metodologia, "fuentes", ()):
        if nombre == seccion and confianza in NO_PUBLICADA:
            return f"{que} (regla «{seccion}» de la metodología, confianza {confianza}: {fuente})"
    return None


def sobre_regla_cambiada(metodologia, r: Resultado, seccion: str, que: str) -> Resultado:
    """A verdict computed with a rule that a user's file changed from the bundled
    methodology's printed one (`Metodologia.cambiadas`), whatever confianza the file gives it:
    a match says it rests on that rule; a difference or a contradiction is «no verificable»,
    since the documents were written under the printed rule, not this one."""
    if seccion not in getattr(metodologia, "cambiadas", {}):
        return r
    regla = (
        f"{que} (regla «{seccion}» de la metodología {metodologia.archivo}, distinta de la "
        "publicada que trae la incluida)"
    )
    if r.veredicto in (DIFIERE, DIFIERE_EXPLICADA, CONTRADICCION):
        out = no_verificable(
            f"calculado con {regla}: la diferencia no prueba un error del documento", r.cifra
        )
        out.calculado, out.valor_calculado = r.calculado, r.valor_calculado
        return out
    if r.veredicto in (COINCIDE, POR_CONSTRUCCION):
        r.explicacion = "; ".join(filter(None, [r.explicacion, f"descansa en {regla}"]))
    return r


def no_verificable(motivo: str, cifra: str | None = None) -> Resultado:
    return Resultado(NO_VERIFICABLE, motivo=motivo, cifra=cifra)


def corte_distinto(detalle: str, cifra: str | None = None) -> Resultado:
    """A figure published at one cut compared with inputs of another: never a match."""
    return no_verificable(f"{CORTE_DISTINTO}: {detalle}", cifra=cifra)


def contradiccion(motivo: str, calculado: str | None = None, cifra: str | None = None):
    """Two printed figures that cannot both hold; `motivo` names both places."""
    return Resultado(CONTRADICCION, calculado, calculado, motivo=motivo, cifra=cifra)


def como_publicado(pub: Publicado, x: float) -> str:
    """x printed the way the document printed its figure: same decimals, %, $."""
    return _estilo(pub, fmt_como_documento(x, pub.decimales))


def _estilo(pub: Publicado, text: str) -> str:
    """A number's es-MX text (`fmt_number`) with the figure's % or $."""
    if pub.porcentaje:
        text += " %"
    if pub.texto.lstrip().startswith("$"):
        text = "$ " + text
    return text


def no_es_numero(texto: str) -> str:
    dicho = f"la cifra publicada «{texto}» no es un número"
    if "," in str(texto):  # a decimal comma, or commas off the thousands
        dicho += " (en es-MX la coma solo separa miles: 1,234.5)"
    return dicho


# ND and NA are data a document prints (domain.md), not a malformed figure
SIN_CIFRA = {"nd": "ND (no disponible)", "na": "NA (no aplica)"}


def _publicada_sin_cifra(texto: str, x, motivo: str | None) -> Resultado:
    """A figure (or a category) printed as ND or NA: nothing to compare. Said as such — with
    what issste-mon does compute from the spec's inputs, which the document did not give —,
    never «no es un número», «difiere» nor a match with a figure not computable either."""
    dicho = f"el documento la publica como {SIN_CIFRA[fold(texto)]}: no hay cifra que comparar"
    if x is None:
        return no_verificable(
            f"{dicho}; issste-mon tampoco la calcula ({motivo or 'no calculable'})"
        )
    r = no_verificable(f"{dicho}; issste-mon la calcula de los insumos de la spec")
    r.calculado, r.valor_calculado = (x if isinstance(x, str) else fmt_auto(x)), x
    return r


def numero(
    texto: str,
    x: float | None,
    motivo: str | None = None,
    alternativas: Callable[[], list[tuple[str, float | None]]] | tuple = (),
) -> Resultado:
    """Compare a printed number with x; `motivo` says why x is None (not computable).
    `alternativas`: (label, value) of other computations a document may have used, to explain
    a difference; a function giving them is called only when x does not match."""
    pub = parse_publicado(texto)
    if pub is None and fold(texto) in SIN_CIFRA:
        return _publicada_sin_cifra(texto, x, motivo)
    if pub is None:
        return no_verificable(no_es_numero(texto))
    if x is None:
        return no_verificable(motivo or "no calculable")
    redondeado = pub.redondeo(x)  # once: what `matches` compares, and the text printed
    cero_con_signo = not redondeado and redondeado == pub.valor and pub.valor.is_signed()
    if not redondeado and not pub.valor.is_signed():
        # a zero as the document prints it: «0.0 %» for -0.04 beside «0.0 %», not «-0.0 %»
        redondeado = redondeado.copy_abs()
    calc = _estilo(pub, fmt_redondeado(redondeado, pub.decimales))  # = como_publicado(pub, x)
    if cero_con_signo and not exacto(x).is_signed():
        # a printed «-0.0» says its value was below zero: 0.04 (or 0) gives «0.0», truncated too
        return Resultado(DIFIERE, calc, x)
    if redondeado == pub.valor:  # = pub.matches(x)
        return Resultado(COINCIDE, calc, x)
    explicacion = None
    if pub.matches_truncated(x):
        explicacion = TRUNCANDO
    else:
        if callable(alternativas):
            alternativas = alternativas()
        explicacion = next(
            (label for label, alt in alternativas if alt is not None and pub.matches(alt)), None
        )
    return Resultado(DIFIERE, calc, x, explicacion)


# What a published category of each kind can be, in the methodology chosen at command time (the
# loader cannot check it): (its labels, what a label is called in a reason).
VOCABULARIOS = {
    "inmonitoreo": (
        lambda m: [b.etiqueta for b in m.inmonitoreo],
        "un nivel de monitoreo de la metodología",
    ),
    "ised": (lambda m: [b.etiqueta for b in m.ised], "un nivel ISeD de la metodología"),
    "rango": (lambda m: list(m.etiquetas_rango.values()), "un rango de la metodología"),
    "avance_sexenal": (
        lambda m: (
            [r.categoria for r in m.sexenal.categorias]
            + [
                m.sexenal.etiqueta_sentido_constante,
                m.sexenal.sentido_constante,
                m.sexenal.sin_dato,
            ]
            if m.sexenal
            else []
        ),
        "una categoría de avance sexenal de la metodología",
    ),
    "meta_intermedia": (
        lambda m: (
            [r.categoria for r in m.meta_intermedia.categorias]
            + [m.meta_intermedia.retroceso, m.meta_intermedia.sin_dato]
            if m.meta_intermedia
            else []
        ),
        "una categoría de meta intermedia de la metodología",
    ),
}


def fuera_de_vocabulario(texto: str, metodologia, tipo: str) -> Resultado | None:
    """A published category the methodology does not have (a typo in the spec, «Basicoo»; a
    label of another methodology): «no verificable», saying so and which labels it has — never
    «difiere», which would report the document wrong. None: a known label, or ND/NA."""
    etiquetas, que = VOCABULARIOS[tipo]
    conocidas = list(dict.fromkeys(etiquetas(metodologia)))
    if not conocidas or fold(texto) in SIN_CIFRA or fold(texto) in map(fold, conocidas):
        return None
    return no_verificable(f"«{texto}» no es {que}: {', '.join(conocidas)}")


def categoria(
    texto: str,
    calculada: str | None,
    motivo: str | None = None,
    vocabulario: tuple | None = None,
) -> Resultado:
    """Compare a printed category with the computed one, by canonical name. `vocabulario`:
    (metodología, kind of `VOCABULARIOS`) the printed category must belong to."""
    if vocabulario is not None and (fuera := fuera_de_vocabulario(texto, *vocabulario)):
        return fuera
    if fold(texto) in SIN_CIFRA and fold(calculada or "") not in SIN_CIFRA:
        return _publicada_sin_cifra(texto, calculada, motivo or "no clasificable")
    if calculada is None:
        return no_verificable(motivo or "no clasificable")
    veredicto = COINCIDE if fold(texto) == fold(calculada) else DIFIERE
    return Resultado(veredicto, calculada, calculada)
