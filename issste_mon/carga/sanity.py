"""Figures that are valid but implausible: kept as given and reported as avisos.

Data from the source documents is never corrected or dropped; a reader only has to be told.
These avisos are `notable`: `validar` always shows them, and every other command shows the
first few on stderr. The loader locates them (file:line:col) from the events of the parse that
built the record (`ubicaciones`), and the cache keeps their place.
"""

from __future__ import annotations

import re
from decimal import Decimal

from issste_mon.errores import Problem, format_keypath
from issste_mon.modelo import Programa, es_numero
from issste_mon.salida.numfmt import fmt_escrito
from issste_mon.vocab import fold


def _cifra(x) -> str:
    """A figure as the spec wrote it: an aviso that PA (500.004) exceeds PO (500) once said
    «(500.00) es mayor que la objetivo (500)», two figures that read equal."""
    return fmt_escrito(x, 0)


# The last key of the avisos' keypaths that the parser notes (ubicaciones); the rarer ones
# (a `valor` cited to an earlier document) are located by composing the document.
CAMPOS = ("atendida", "objetivo", "ejercido", "potencial", "hombres", "mujeres")


# (the figure above, the one below, what their quotient is called)
_COCIENTES = (("atendida", "objetivo", "la cobertura PA/PO"), ("objetivo", "potencial", "PO/PP"))


def _pairs(record) -> list[tuple[tuple, str]]:
    found = []
    for pob in record.poblaciones if isinstance(record, Programa) else []:
        for arriba, abajo, cociente in _COCIENTES:
            a, b = getattr(pob, arriba), getattr(pob, abajo)
            if not (es_numero(a) and es_numero(b) and a > b):
                continue
            # A zero denominator is no percentage at all: said as `cobertura` says it (no
            # calculable), not as a quotient above 100 %.
            if b == 0:
                texto = f"la población {abajo} es 0: {cociente} no es calculable ({arriba}: "
                texto += f"{_cifra(a)})"
            else:
                texto = f"la población {arriba} ({_cifra(a)}) es mayor que la {abajo} "
                texto += f"({_cifra(b)}): {cociente} superará 100 %"
            found.append((pob.ruta + (arriba,), texto))
    # A program spends part of its ramo: more than the whole is a figure copied wrong (or the
    # ramo's of another year or price base), and its share would read above 100 %.
    for pre in getattr(record, "presupuesto", None) or []:
        a, b = pre.ejercido, pre.ramo
        if not (es_numero(a) and es_numero(b) and a > b):
            continue
        if b == 0:
            texto = "el ejercido del ramo es 0: la participación en el ramo no es calculable "
            texto += f"(ejercido: {_cifra(a)})"
        else:
            texto = f"el ejercido ({_cifra(a)}) es mayor que el del ramo ({_cifra(b)}): "
            texto += "la participación en el ramo superará 100 %"
        found.append((pre.ruta + ("ejercido",), texto))
    return found


# A year as documents name themselves («FMyE 2017-2018», «Desempeño 2024»).
_ANIO = re.compile(r"(?<!\d)(?:19|2[01])\d\d(?!\d)")
# …and the second year of a span written short («FMyE 2022-23», «2019/20»): it names 2023
_HASTA_CORTO = re.compile(r"(?<!\d)((?:19|2[01])\d\d)\s*[-–/]\s*(\d\d)(?!\d)")


def _anios(fuente: str) -> list[int]:
    anios = [int(a) for a in _ANIO.findall(fuente)]
    for desde, corto in _HASTA_CORTO.findall(fuente):
        hasta = int(desde) // 100 * 100 + int(corto)
        anios.append(hasta if hasta >= int(desde) else hasta + 100)  # (1999-00: 2000)
    return anios


_LARGO_FUENTE = 80  # a longer fuente is cut in the message, which stays one readable line


# The first word of a unit that counts persons («Derechohabientes», «Niños y niñas», «Madres y
# padres trabajadores derechohabientes», «Personas con discapacidad»), accents and case aside:
# every such unit of the bundled specs and of SHCP's 2017 and 2020 population files. The first
# word, so that «Servicios por cada 1000 derechohabientes» is not one. Units that are not
# persons may carry decimals in the sources (hectáreas; «Becas y Estancias» 61,420.695 in 38-S190).
_PERSONAS = frozenset(
    fold(palabra)
    for palabra in """persona personas derechohabiente derechohabientes niño niños niña niñas
    niño(a)s madre madres padre padres pensionado pensionados jubilado jubilados trabajador
    trabajadores alumno alumnos estudiante estudiantes mujer mujeres hombre hombres joven jóvenes
    adulto adultos beneficiario beneficiarios usuario usuarios investigador investigadores
    docente docentes profesor profesores habitante habitantes deportista deportistas egresado
    egresados titulado titulados participante participantes aspirante aspirantes asegurado
    asegurados pescador pescadores familia familias familiar familiares adolescente
    adolescentes becario becarios afiliado afiliados paciente pacientes población productor
    productores consumidor consumidores""".split()
)
_PALABRA = re.compile(r"[a-z()]+")
# (field, how the aviso names it): the populations, and the PA by sex
_CUENTAS = (
    ("potencial", "la población potencial"),
    ("objetivo", "la población objetivo"),
    ("atendida", "la población atendida"),
    ("hombres", "los hombres atendidos"),
    ("mujeres", "las mujeres atendidas"),
)


def cuenta_personas(unidad: str | None) -> bool:
    """Whether a population's unit counts persons (see _PERSONAS)."""
    palabra = _PALABRA.match(fold(unidad or ""))
    return palabra is not None and palabra.group(0) in _PERSONAS


def _personas_con_decimales(record) -> list[tuple[tuple, str]]:
    """A count of persons with decimals (`atendida: 744939.5`) is kept as written, not refused:
    SHCP's own files carry such figures (11-E064's PO by sex, 406,186.1387… persons, an
    estimate; 11-S243's 13,133.88), and a spec must be able to record what its source prints.
    But it is said: in a spec it is most often a typo, and every percentage made of it is off."""
    found = []
    for pob in record.poblaciones if isinstance(record, Programa) else []:
        if not cuenta_personas(pob.unidad_medida):
            continue
        for campo, que in _CUENTAS:
            x = getattr(pob, campo)
            if isinstance(x, float) and not x.is_integer():
                texto = f"{que} ({_cifra(x)}) tiene decimales y se mide en «{pob.unidad_medida}»: "
                texto += "una cuenta de personas es entera; se conserva tal cual (¿una errata, "
                texto += "o una estimación de la fuente?)"
                found.append((pob.ruta + (campo,), texto))
    return found


def _fuentes_anteriores(record) -> list[tuple[tuple, str]]:
    """What a program achieved or spent in a year cannot be printed by a document of an earlier
    year: a `fuente` whose latest year is before the figure's names the wrong document (or the
    figure sits under the wrong year). Only achieved figures: a meta or a population may be
    planned, and SHCP's population `fuente` names the data it was estimated from (a census)."""
    if not isinstance(record, Programa):
        return []
    found = []

    def revisar(ruta: tuple, fuente: str | None, anio: int, que: str) -> None:
        anios = _anios(fuente or "")
        if anios and anio > max(anios):
            cita = fuente if len(fuente) <= _LARGO_FUENTE else fuente[: _LARGO_FUENTE - 1] + "…"
            texto = f"{que} de {anio} cita «{cita}», que solo nombra años hasta {max(anios)}: un "
            texto += "documento no imprime cifras de un año posterior (¿la fuente o el año?)"
            found.append((ruta, texto))

    for pre in record.presupuesto:
        if es_numero(pre.ejercido):
            revisar(pre.ruta + ("ejercido",), pre.fuente or record.fuente, pre.anio, "el ejercido")
    for ind in record.mir:
        for anio, meta in ind.metas.items():
            if es_numero(meta.valor):
                # the document the row cites (cumplimiento's `fuente`): the year's, else the
                # indicator's, else the program's; the year's was skipped, so a 2023 valor
                # under `fuente: FMyE 2017-2018` passed and one under the indicator's old
                # fuente but its year's own, later one was flagged
                fuente = meta.fuente or ind.fuente or record.fuente
                revisar(meta.ruta + ("valor",), fuente, anio, "el valor alcanzado")
    return found


def _cortes_sin_pa(record) -> list[tuple[tuple, str]]:
    """`corte` is the PA's cut-off, and `cobertura` prints it as «Corte de la PA»: beside no PA
    it is another population's (specs imported from SHCP's 2018–2020 files before the PO's cut
    had a key of its own wrote it there), and the table would attribute it to a PA that is not
    there."""
    found = []
    for pob in record.poblaciones if isinstance(record, Programa) else []:
        if pob.corte is not None and pob.atendida is None:
            texto = "«corte» es el corte de la población atendida y este año no tiene PA: "
            texto += "cobertura lo mostraría como «Corte de la PA»; si es el de la PO, "
            texto += "escríbalo como corte_objetivo (el de la PP, corte_potencial)"
            found.append((pob.ruta + ("corte",), texto))
    return found


def umbrales_al_reves(verde, rojo, sentido: str) -> bool:
    """Thresholds the rule cannot read for this sentido: an ascendente (or constante) indicator
    whose verde is below its rojo (descendente: above). A valor between them would be verde and
    rojo at once, and the colour was whichever test ran first (the sentido or the thresholds
    are wrong: an aviso says so)."""
    if verde is None or rojo is None:
        return False
    return verde > rojo if sentido == "descendente" else verde < rojo


def _umbrales_al_reves(record) -> list[tuple[tuple, str]]:
    """SHCP's semáforo thresholds in the order of the other sentido: no colour is given (see
    `umbrales_al_reves`), and the reader is told which figures disagree."""
    found = []
    for ind in getattr(record, "mir", None) or []:
        lugares = [(ind.ruta + ("umbrales",), ind.umbrales)]
        lugares += [(m.ruta + ("semaforo",), m.semaforo) for m in ind.metas.values()]
        for ruta, u in lugares:
            verde, rojo = u.get("verde"), u.get("rojo")
            if not (es_numero(verde) and es_numero(rojo)):
                continue
            if umbrales_al_reves(Decimal(repr(verde)), Decimal(repr(rojo)), ind.sentido):
                orden = "mayor" if ind.sentido == "descendente" else "menor"
                texto = f"umbrales del semáforo al revés para un indicador {ind.sentido}: verde "
                texto += f"({_cifra(verde)}) {orden} que rojo ({_cifra(rojo)}); un valor entre "
                texto += "ambos sería verde y rojo a la vez, así que no se da color (¿el sentido o "
                texto += "los umbrales?)"
                found.append((ruta + ("verde",), texto))
    return found


def avisos(record, filename: str) -> list[Problem]:
    """Notable avisos for one loaded record, not yet located (see loader.load_text)."""
    return [
        Problem(filename, None, None, format_keypath(path), message, "aviso", notable=True)
        for path, message in (
            _pairs(record)
            + _personas_con_decimales(record)
            + _fuentes_anteriores(record)
            + _cortes_sin_pa(record)
            + _umbrales_al_reves(record)
        )
    ]
