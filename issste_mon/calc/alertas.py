"""What improved and what warns, from multi-year series, as CONEVAL writes it (issue 21).

Rules (thresholds in the methodology file, `alertas.*`): meta no alcanzada, deterioro, cambio de
tendencia, meta sexenal en riesgo, sin información, cobertura decreciente; and `mejora` for
«¿Qué ha mejorado?». Each finding is a dict with its figures and a sentence in the style of
the Desempeño 2024 document (seed 003), e.g. «De 2021 a 2022 disminuyó el porcentaje de … al
pasar de 2.50 a 1.80 respectivamente.» Comparisons are made on exact decimals.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from issste_mon.calc import supuestos
from issste_mon.calc.base import CONTEXTO, EXACTO, con_contexto_propio
from issste_mon.calc.cobertura import inferidas
from issste_mon.calc.reglas_alertas import (  # noqa: F401 (the rules' ids, said here too)
    CAMBIO_TENDENCIA,
    COBERTURA,
    DETERIORO,
    ETIQUETAS,
    META_NO_ALCANZADA,
    META_SEXENAL,
    REGLAS,
    SIN_INFORMACION,
)
from issste_mon.calc.tendencias import (
    CIEN,
    DERIVADO,
    MEJORA,
    PROGRAMA,
    TODOS_LOS_ANIOS,
    Periodo,
    Serie,
    cambio_tendencia,
    color_semaforo,
    cumplimiento,
    dec,
    maquina,
    maquina_junto_a,
)
from issste_mon.metodologia import Metodologia, ReglasAlertas
from issste_mon.modelo import Programa, es_numero
from issste_mon.salida.numfmt import (
    DECIMALES_MAX,
    decimales_propios,
    fmt_number,
    fmt_pct,
    fmt_redondeado,
    parse_publicado,
    round_half_up,
)
from issste_mon.vocab import fold

# Grammatical gender of the first word of an indicator's name, for «el porcentaje de …».
_MASCULINO = {"porcentaje", "monto", "numero", "indice", "promedio", "total", "costo", "gasto"}
_MASCULINO |= {"nivel", "tiempo", "valor", "saldo", "importe", "ingreso", "registro"}
_FEMENINO = {"tasa", "razon", "proporcion", "variacion", "cobertura", "cantidad", "media"}
_FEMENINO |= {"relacion", "participacion", "suma", "diferencia", "prevalencia", "incidencia"}


@functools.lru_cache(maxsize=4096)
def sujeto(nombre: str) -> str:
    """«Porcentaje de créditos …» → «el porcentaje de créditos …»; other names are quoted.
    A name's closing period (SHCP writes some so) would end the sentence it goes into:
    «… en proceso de remediación. no cuenta con información completa»."""
    if nombre.endswith(".") and not nombre.endswith(".."):
        nombre = nombre[:-1].rstrip()
    first = nombre.split(" ", 1)[0]
    key = _plegada(first)
    if key in _MASCULINO or key in _FEMENINO:
        rest = nombre[len(first) :]
        word = first if first.isupper() and len(first) > 1 else first[:1].lower() + first[1:]
        return f"{'el' if key in _MASCULINO else 'la'} {word}{rest}"
    return f"el indicador «{nombre}»"


@functools.lru_cache(maxsize=4096)
def _plegada(palabra: str) -> str:
    """`fold` of a name's first word: a federal set's 17,000 names start with a few hundred."""
    return fold(palabra)


def de(frase: str) -> str:
    """«de» + article: «del monto …», «de la tasa …»."""
    return "del " + frase[3:] if frase.startswith("el ") else "de " + frase


def _mayuscula(frase: str) -> str:
    return frase[:1].upper() + frase[1:]


def _es_porcentaje(s: Serie) -> bool:
    return _porcentaje(s.unidad_medida or "")


@functools.lru_cache(maxsize=1024)
def _porcentaje(unidad: str) -> bool:
    return fold(unidad) in ("porcentaje", "%")


def cifras(*xs: Decimal, pct: bool = False, fiel=None) -> list[str]:
    """Figures as the document prints a pair: es-MX, whole numbers without decimals
    («29,338», «95%»), otherwise all with two («2.50», «1.80»). `fiel`: what the printed
    figures must still show, as the exact ones do — the rule that fired (a cumplimiento below
    the threshold, a move beyond it): a meta of 100 and a valor of 89.996 are «100.000» and
    «89.996», never «100.00» and «90.00», whose 90 % does not alert. More decimals until it
    holds (`_fieles`)."""
    suf = "%" if pct else ""
    primeras = [_PRIMERAS.get(x) or _primera(x) for x in xs]
    enteros = [entero for entero, _ in primeras]
    if None not in enteros:  # (whole: printed as they are)
        return [entero + suf for entero in enteros] if suf else enteros
    a_dos = [a_dos for _, a_dos in primeras]
    if None not in a_dos:  # (no decimals beyond 2: as they are)
        return [texto + suf for texto in a_dos] if suf else a_dos
    decimales, redondeados = _fieles_y_redondeos(xs, 2, fiel)
    # numfmt's rules, not a copy: exact at any size, and no false zero (0.004 is not «0.00»)
    return [
        (fmt_redondeado(r, decimales) if r or not x else fmt_number(x, decimales)) + suf
        for x, r in zip(xs, redondeados, strict=True)
    ]


def _primera(x: Decimal) -> tuple[str | None, str | None]:
    """What `cifras` prints of x at its first try, kept in `_PRIMERAS` once per value (a
    set repeats its figures: 1,000 synthetic programs print 230,000 for 108,000 alerts, 87,000
    distinct): x printed whole if it is whole, and x at 2 decimals if it has no more (so `_fieles`
    stops there: nothing is rounded, and a whole 12 beside 2.50 is «12.00»). Both depend on
    x's value alone (2.5 and 2.50 print alike, -0 and 0 too), never on a context."""
    finito = x.is_finite()
    if x == x.to_integral_value():
        # (as `fmt_number(x, 0)` prints a whole x; a zero, signed or not, is its «0»)
        entero = f"{int(x):,}" if finito and x else fmt_number(x, 0)
        res = (entero, entero + ".00")  # (its digits at 2 decimals: rounding adds zeros)
    elif finito and x.as_tuple().exponent >= -2:  # (1 or 2 decimals: at 2, itself unrounded)
        res = (None, f"{x:,.2f}")
    else:
        r = round_half_up(x, 2)
        res = (None, fmt_redondeado(r, 2) if r == x else None)
    if len(_PRIMERAS) >= _PRIMERAS_MAX:  # (bounded: a long session's values do not pile up)
        _PRIMERAS.clear()
    _PRIMERAS[x] = res
    return res


_PRIMERAS: dict[Decimal, tuple[str | None, str | None]] = {}
_PRIMERAS_MAX = 1 << 17


# Every key of an alert's row (each rule fills its own): the tables' columns read them all.
_VACIA = dict.fromkeys(
    (
        "clave",
        "ramo",
        "origen",
        "id",
        "indicador",
        "regla",
        "severidad",
        "anio_desde",
        "anio_hasta",
        "valor_desde",
        "valor_hasta",
        "meta",
        "cumplimiento_pct",
        "semaforo",
        "avance_pct",
        "enunciado",
        "nota",
        "fuente",
        "supuesto",
    )
)


def _fila(
    s: Serie,
    regla: str,
    severidad: str | None,
    enunciado: str,
    base=None,
    *,
    supuesta: str | None = None,
    aviso: str | None = None,
    **figs,
) -> dict:
    """An alert's row; `base`: the years whose figures it rests on, when not just anio_desde
    and anio_hasta (a trend rests on every value between them); `supuesta`: what it rests on
    that no document printed (`_supuesta`), said after the spec's notas and `aviso` (what else the
    row should say of its figures: which meta, a meta sexenal read from the metas)."""
    comun = s._comun
    if comun is None:  # (what every row of the series shares: made once, copied per row)
        cabeza = {**_VACIA, "clave": s.clave, "ramo": s.ramo, "origen": s.origen, "id": s.id}
        cabeza["indicador"] = s.indicador
        comun = s._comun = (cabeza, s.vigencia if s.origen == PROGRAMA else None)
    cabeza, vigencia = comun
    row = cabeza.copy()
    row["regla"] = regla
    row["severidad"] = severidad
    row["enunciado"] = enunciado
    for k, v in figs.items():
        row[k] = maquina(v) if isinstance(v, Decimal) else v
    # what the spec says of the figures of the years the alert rests on (a partial value…)
    if base is not None:
        anios = sorted(set(base))
    elif (desde := row["anio_desde"]) == (hasta := row["anio_hasta"]):
        anios = [desde]
    else:
        anios = sorted({desde, hasta})
    notas = (
        [f"{a}: {s.notas[a]}" for a in anios if a is not None and a in s.notas] if s.notas else []
    )
    # (a figure of a year the program did not exist in; asked only of years beyond its ends)
    fuera = None
    if vigencia is not None and anios[0] is not None:
        inicio, fin = vigencia
        if (inicio is not None and anios[0] < inicio) or (fin is not None and anios[-1] > fin):
            fuera = s.fuera_de_vigencia(*anios)
    if notas or fuera or aviso:
        row["nota"] = "; ".join([*notas, *filter(None, [fuera, aviso, supuesta])]) or None
    else:  # (the common case: at most what it rests on)
        row["nota"] = supuesta or None
    row["supuesto"] = supuesta is not None
    row["fuente"] = s.fuente_de(*anios)
    return row


def _supuesta(
    s: Serie, metodologia: Metodologia | None = None, year: int | None = None
) -> str | None:
    """What an alert on `s` rests on that no document printed, as `cumplimiento` says it: the
    inputs the spec inferred (a sentido decides what «mejora» or «deterioro» means), and with
    `metodologia` (an alert on `year`'s cumplimiento) the formula and the choice of meta it
    marks supuesto."""
    lista = supuestos.supuestos(s.inferido, s.sentido, metodologia)
    if metodologia is not None and year in s.metas_supuestas:
        lista.append(s.metas_supuestas[year])
    return supuestos.nota_supuestos(lista)


# --- rules on one series ----------------------------------------------------------------------


def meta_no_alcanzada(
    s: Serie, m: Metodologia, r: ReglasAlertas, sin_evaluar: list | None = None
) -> list[dict]:
    """Cumplimiento < threshold; where SHCP's semáforo is recorded (and the methodology says so)
    the semáforo decides instead: Rojo and Amarillo warn. `sin_evaluar` receives the years it
    cannot judge though meta and valor are numbers (meta 0 or negative…: `NoEvaluada`)."""
    out = []
    de_sobra = _de_sobra(s, m, r)
    con_semaforo = bool(m.semaforo) and bool(s.semaforos)
    sus = None  # (what every alert of the series rests on: made once)
    fiel = del_indicador = None  # (likewise, made at its first alert)
    for year in sorted(s.metas):
        if de_sobra is not None and not (con_semaforo and year in s.semaforos):
            if de_sobra(s.metas[year], s.valores.get(year)):
                continue
        meta, valor = dec(s.metas[year]), dec(s.valores.get(year))
        pct = cumplimiento(meta, valor, s.sentido, m.formula_descendente)
        umbrales = s.semaforos.get(year)
        color = (
            color_semaforo(valor, s.sentido, umbrales, m.semaforo)
            if umbrales and m.semaforo
            else None
        )
        por_semaforo = r.usar_semaforo and color is not None
        if por_semaforo:
            if color == m.semaforo.verde:
                continue
            sev = r.severidad_meta if color == m.semaforo.rojo else r.severidad_amarillo
        elif pct is not None and pct < r.cumplimiento_menor_a:
            sev = r.severidad_meta
        else:
            if pct is None and meta is not None and valor is not None and sin_evaluar is not None:
                sin_evaluar.append(NoEvaluada(META_NO_ALCANZADA, s, year))
            continue
        if por_semaforo:  # said by what fired: the colour (the meta itself may be met)
            texto = _texto_semaforo(s, year, color, valor, dec(umbrales.get("verde")), meta)
        elif meta is not None:
            if fiel is None:
                fiel, del_indicador = _bajo(s, m, r), de(sujeto(s.indicador))
            # (the printed pair's cumplimiento is still below the threshold)
            texto = enunciado_meta(del_indicador, year, *cifras(meta, valor, fiel=fiel))
        else:  # SHCP's semáforo without a meta in the spec
            texto = f"No se alcanzó la meta {de(sujeto(s.indicador))} en {year}: se logró "
            texto += f"{cifras(valor)[0]}."

        if color is not None and not por_semaforo:
            texto += f" Semáforo de SHCP: {color}."
        if sus is None:
            sus = supuestos.supuestos(s.inferido, s.sentido, m)
        fila = _fila(
            s,
            META_NO_ALCANZADA,
            sev,
            texto,
            supuesta=supuestos.nota_supuestos(
                [*sus, s.metas_supuestas[year]] if year in s.metas_supuestas else sus
            ),
            # which meta it is, as `cumplimiento` says it: with the original 80 a valor
            # of 85 met the goal the modified 100 says it missed
            aviso=s.notas_meta.get(year),
            anio_desde=year,
            anio_hasta=year,
            valor_hasta=valor,
            meta=meta,
            semaforo=color,
        )
        if pct is not None:  # (kept off the rango's cuts, as `cumplimiento` writes it)
            fila["cumplimiento_pct"] = maquina_junto_a(pct, m.bordes_rango)
        out.append(fila)
    return out


# Relative margin over the float error of a cumplimiento computed in binary (a few units of
# 2⁻⁵³ from the spec's numbers, the quotient and the product, and the threshold as a float).
_HOLGURA = 1e-12


def _de_sobra(s: Serie, m: Metodologia, r: ReglasAlertas):
    """A test of a year's meta and valor (the spec's numbers) that is true only where their
    cumplimiento is surely at or above the threshold: its float is above it by more than the
    float's error (`_HOLGURA`), so the exact decimal is too and the year has no alert (nor a
    `NoEvaluada`: the cumplimiento exists). Such years — most of them — skip the exact
    arithmetic; the others, near the edge or not computable, take it. None: no shortcut."""
    umbral = float(r.cumplimiento_menor_a)
    if not umbral > 0:
        return None
    minimo = umbral * (1 + _HOLGURA)
    formula = m.formula_descendente
    if s.sentido != "descendente":

        def prueba(meta, valor) -> bool:
            if not (_binarios(meta, valor) and meta > 0):
                return False
            pct = valor / meta * 100
            return minimo < pct < _INF

    elif formula == "espejo":

        def prueba(meta, valor) -> bool:
            if not (_binarios(meta, valor) and meta > 0):
                return False
            pct = (2 - valor / meta) * 100
            return minimo < pct < _INF

    elif formula == "inversa":

        def prueba(meta, valor) -> bool:
            if not (_binarios(meta, valor) and meta > 0 and valor > 0):
                return False
            pct = meta / valor * 100
            return minimo < pct < _INF

    else:
        return None
    return prueba


_INF = float("inf")


def _binarios(meta, valor) -> bool:
    """Whether both are numbers a float holds (`es_numero`: a bool is not one, nor ND/NA; an
    integer beyond 2⁵³ takes the exact path, and a division of two would not fit a float)."""
    for x in (meta, valor):
        if x.__class__ is int:
            if not -_DOS_53 < x < _DOS_53:
                return False
        elif x.__class__ is not float:
            return False
    return True


_DOS_53 = 2**53


@dataclass(frozen=True)
class NoEvaluada:
    """What a rule could neither fire on nor rule out though the spec has its figures, said in
    the summary rather than taken as fine: a year whose meta and valor are numbers but whose
    cumplimiento is not computable (meta 0 or negative…: «meta no alcanzada»), or a projection
    that cannot be made (`razon`: a meta sexenal the base already met, «meta sexenal en
    riesgo»)."""

    regla: str
    serie: Serie
    anio: int | None = None
    razon: str | None = None

    def texto(self, m: Metodologia) -> str:
        from issste_mon.calc.razones import por_que_no

        s = self.serie
        if self.anio is None:
            return f"{s.clave} {s.id} ({self.razon})"
        razon = self.razon or por_que_no(s.metas[self.anio], s.valores[self.anio], s.sentido, m)
        return f"{s.clave} {s.id} {self.anio} ({razon})"


def _fieles(xs, decimales: int, fiel=None) -> int:
    """The fewest decimals ≥ `decimales` at which the printed figures keep the order of the
    exact ones (0.1000001 is not printed as its línea base 0.1, 99.9985 not as the verde
    threshold 100) and `fiel` holds of them (at most the figures' own decimals: 89.9999999999999
    is all of it; a quotient that does not end, 10)."""
    return _fieles_y_redondeos(xs, decimales, fiel)[0]


def _fieles_y_redondeos(xs, decimales: int, fiel=None) -> tuple[int, list[Decimal]]:
    """`_fieles`, and each figure rounded half up to those decimals (`round_half_up`, which
    `fmt_number` prints). Figures the first try rounds to themselves have no more decimals of
    their own (`_fieles` stops there whatever it finds); the figures' own decimals (the last
    try) are counted only when the first try fails: the answer is the same, most pairs hold
    at the first."""
    redondeados = [round_half_up(x, decimales) for x in xs]
    if all(map(Decimal.__eq__, redondeados, xs)):  # (no more decimals of their own to show)
        return decimales, redondeados
    orden = _orden(xs)
    tope = None
    while True:
        # what a reader takes from the text: the rounded value, but for a false zero
        impresos = [
            r if r or not x else _impreso(x, decimales)
            for x, r in zip(xs, redondeados, strict=True)
        ]
        if _orden(impresos) == orden and (fiel is None or fiel(*impresos)):
            return decimales, redondeados
        if tope is None:
            propios = max(map(decimales_propios, xs))
            tope = max(decimales, min(propios, 28) if propios <= 17 else DECIMALES_MAX)
        if decimales >= tope:
            return decimales, redondeados
        decimales += 1
        redondeados = [round_half_up(x, decimales) for x in xs]


def _orden(xs) -> list[int]:
    """How each figure compares with each other one (-1, 0, 1), pair by pair."""
    return [(a > b) - (a < b) for i, a in enumerate(xs) for b in xs[i + 1 :]]


def _impreso(x: Decimal, decimales: int) -> Decimal:
    """The value a reader takes from `fmt_number(x, decimales)` (0.0045 at 2: «0.0045»)."""
    return Decimal(fmt_number(x, decimales).replace(",", ""))


def enunciado_meta(del_indicador: str, year: int, tm: str, tv: str) -> str:
    """«No se alcanzó la meta del …, para 2022 se tenía una meta de 29,338 y se logró 13,592.»"""
    return (
        f"No se alcanzó la meta {del_indicador}, para {year} se tenía una meta de {tm} y se "
        f"logró {tv}."
    )


def enunciado_deterioro(a0: int, a1: int, delta: Decimal, quien: str, t0: str, t1: str) -> str:
    """«De 2021 a 2022 disminuyó el porcentaje de …, al pasar de 2.50 a 1.80 respectivamente.»"""
    return f"De {a0} a {a1} {_verbo(delta)} {quien}, al pasar de {t0} a {t1} respectivamente."


def _bajo(s: Serie, m: Metodologia, r: ReglasAlertas):
    """The test `cifras` keeps for a meta no alcanzada: the printed meta and valor still give
    a cumplimiento below the threshold."""

    def fiel(meta, valor) -> bool:
        pct = cumplimiento(meta, valor, s.sentido, m.formula_descendente)
        return pct is not None and pct < r.cumplimiento_menor_a

    return fiel


def _mas_que(umbral: Decimal, sube: bool):
    """`cifras`' test for a move between two figures beyond `umbral` (up if `sube`)."""
    return lambda x, y: (y - x if sube else x - y) > umbral


def _distintas(proyectado: Decimal, s: Serie):
    """`cifras`' test for a projection: printed, it stays on its side of the meta sexenal."""
    meta = dec(s.meta_sexenal)
    lado = (proyectado > meta) - (proyectado < meta)
    return lambda v, p, m: (p > m) - (p < m) == lado


def _texto_semaforo(s: Serie, year: int, color: str, valor, verde, meta) -> str:
    """«El semáforo de SHCP del indicador «n» en 2023 es Amarillo: se logró 0.30, por debajo
    del umbral verde de 0.33 (meta: 0.30).» An alert the semáforo raised says its colour and
    the figures it rests on, never «no se alcanzó la meta» (a met meta can be Amarillo)."""
    lado = "por encima" if s.sentido == "descendente" else "por debajo"
    # (a colour needs a valor and a verde threshold: `color_semaforo`)
    tv, tu, *tm = cifras(valor, verde, *([meta] if meta is not None else []))
    texto = f"El semáforo de SHCP {de(sujeto(s.indicador))} en {year} es {color}: se logró "
    return texto + f"{tv}, {lado} del umbral verde de {tu}" + (f" (meta: {tm[0]})." if tm else ".")


def _verbo(delta: Decimal) -> str:
    return "aumentó" if delta > 0 else "disminuyó"


def deterioro(s: Serie, r: ReglasAlertas) -> list[dict]:
    """A move against the sentido larger than the threshold between consecutive values."""
    if s.sentido not in ("ascendente", "descendente"):
        return []
    out = []
    pts = s.puntos()
    sus = False  # (`_supuesta(s)`, made once per series)
    fiel = _mas_que(r.deterioro_mayor_a, s.sentido != "ascendente")
    for (a0, v0), (a1, v1) in zip(pts, pts[1:], strict=False):
        delta = v1 - v0
        contra = -delta if s.sentido == "ascendente" else delta
        if contra <= r.deterioro_mayor_a:
            continue
        if sus is False:
            sus = _supuesta(s)
        texto = enunciado_deterioro(a0, a1, delta, sujeto(s.indicador), *cifras(v0, v1, fiel=fiel))
        out.append(
            _fila(
                s,
                DETERIORO,
                r.severidad_deterioro,
                texto,
                supuesta=sus,
                anio_desde=a0,
                anio_hasta=a1,
                valor_desde=v0,
                valor_hasta=v1,
            )
        )
    return out


def mejora(s: Serie, r: ReglasAlertas) -> list[dict]:
    """From the first to the last value, a move in favour of the sentido above the threshold."""
    pts = s.puntos()
    if s.sentido not in ("ascendente", "descendente") or len(pts) < 2:
        return []
    (a0, v0), (a1, v1) = pts[0], pts[-1]
    delta = v1 - v0
    favor = delta if s.sentido == "ascendente" else -delta
    if favor <= r.mejora_mayor_a:
        return []
    fiel = _mas_que(r.mejora_mayor_a, s.sentido == "ascendente")
    t0, t1 = cifras(v0, v1, pct=_es_porcentaje(s), fiel=fiel)
    texto = f"{_mayuscula(_verbo(delta))} {sujeto(s.indicador)}, de {t0} en {a0} a {t1} en {a1}."
    return [
        _fila(
            s,
            MEJORA,
            None,
            texto,
            supuesta=_supuesta(s),
            anio_desde=a0,
            anio_hasta=a1,
            valor_desde=v0,
            valor_hasta=v1,
        )
    ]


def tendencia(s: Serie, r: ReglasAlertas) -> list[dict]:
    c = cambio_tendencia(s.puntos(), r.tendencia_mayor_a, r.tendencia_valores_minimos)
    if c is None:
        return []
    return [
        _fila(
            s,
            CAMBIO_TENDENCIA,
            r.severidad_tendencia,
            enunciado_tendencia(s, c, r),
            base=[a for a, _ in s.puntos() if c.inicio[0] <= a <= c.fin[0]],
            anio_desde=c.desde,
            anio_hasta=c.fin[0],
            valor_desde=c.giro[1],
            valor_hasta=c.fin[1],
        )
    ]


def enunciado_tendencia(s: Serie, c, r: ReglasAlertas) -> str:
    """«… cambió su tendencia desde 2021: aumentó de 2.50 en 2019 a 3.10 en 2021 y disminuyó a
    2.00 en 2022.» (`c`: `cambio_tendencia` of the series)."""
    umbral = r.tendencia_mayor_a  # (printed, each run still moves beyond it, its own way)
    t0, tg, t1 = cifras(
        c.inicio[1],
        c.giro[1],
        c.fin[1],
        pct=_es_porcentaje(s),
        fiel=lambda a, g, b: (g - a) * c.antes > umbral and (g - b) * c.antes > umbral,
    )
    v_antes, v_despues = ("aumentó", "disminuyó") if c.antes > 0 else ("disminuyó", "aumentó")
    return (
        f"{_mayuscula(sujeto(s.indicador))} cambió su tendencia desde {c.desde}: {v_antes} de "
        f"{t0} en {c.inicio[0]} a {tg} en {c.desde} y {v_despues} a {t1} en {c.fin[0]}."
    )


@dataclass(frozen=True)
class Proyeccion:
    anio_meta: int
    valor: Decimal  # projected value at anio_meta
    avance_pct: Decimal  # (projected − LB) / (meta sexenal − LB) × 100
    ultimo: tuple[int, Decimal]  # the last value it projects from (year, value)


def proyeccion(s: Serie, anio_meta: int) -> Proyeccion | str:
    """Linear projection from the línea base to the last value, extended to anio_meta; or why
    it cannot be made («sin línea base», «sin meta sexenal», «sin valores»)."""
    lb = s.linea_base
    lb_valor = dec(lb.valor) if lb is not None else None
    meta = dec(s.meta_sexenal)
    # the values up to the goal year: one after it is no trend toward it («llegaría a 95 en
    # 2024 (en 2025 fue 95)» took 2025's value for 2024's)
    pts = [(a, v) for a, v in s.puntos() if a <= anio_meta]
    faltan = []
    if lb_valor is None or lb.anio is None:
        faltan.append("sin línea base")
    if meta is None:
        faltan.append("sin meta sexenal")
    if not pts:
        faltan.append(f"sin valores hasta {anio_meta}" if s.puntos() else "sin valores")
    if faltan:
        return ", ".join(faltan)
    if meta == lb_valor:
        return "meta sexenal igual a la línea base"
    from issste_mon.calc.sexenal import contra_sentido

    if contra := contra_sentido(
        lb_valor, meta, s.sentido, breve=True
    ):  # (no risk to a goal met at the base)
        return contra
    a, v = pts[-1]
    if a <= lb.anio:
        return "sin valores posteriores a la línea base"
    # Each as one quotient of exact products: the slope (v − LB) / years rounded first (to
    # 28 digits) made a projection that reaches the meta exactly fall just short of it
    # (LB 6.35 in 2018, 45.1248 in 2021, meta 83.8996: «99.99…99 %», en riesgo).
    if a == anio_meta:  # (the goal year's own value: nothing to project)
        avance = CONTEXTO.divide(EXACTO.subtract(v, lb_valor), EXACTO.subtract(meta, lb_valor))
        return Proyeccion(anio_meta, v, CONTEXTO.multiply(avance, CIEN), (a, v))
    subida, anios = EXACTO.subtract(v, lb_valor), Decimal(a - lb.anio)
    tramo = Decimal(anio_meta - lb.anio)  # years from the línea base to anio_meta
    proj = CONTEXTO.divide(
        EXACTO.add(EXACTO.multiply(lb_valor, anios), EXACTO.multiply(subida, tramo)), anios
    )
    avance = CONTEXTO.divide(
        EXACTO.multiply(subida, tramo), EXACTO.multiply(anios, EXACTO.subtract(meta, lb_valor))
    )
    return Proyeccion(anio_meta, proj, CONTEXTO.multiply(avance, CIEN), (a, v))


# What `proyeccion` lacks that «sin información» already says (the rest is `NoEvaluada`).
_FALTAN = {"sin línea base", "sin meta sexenal", "sin valores"}


def meta_sexenal(s: Serie, r: ReglasAlertas, sin_evaluar: list | None = None) -> list[dict]:
    if s.origen != DERIVADO or s.sentido == "constante":
        return []
    p = proyeccion(s, r.sexenal_anio_meta)
    if isinstance(p, str):
        if sin_evaluar is not None and not set(p.split(", ")) <= _FALTAN:
            sin_evaluar.append(NoEvaluada(META_SEXENAL, s, razon=p))
        return []
    if p.avance_pct >= r.sexenal_menor_a:
        return []
    a, v = p.ultimo
    # (printed, the projection still falls short of the meta, and its progress of the threshold)
    tv, tp, tm = cifras(
        v, p.valor, dec(s.meta_sexenal), pct=_es_porcentaje(s), fiel=_distintas(p.valor, s)
    )
    avance = fmt_pct(p.avance_pct, 2, (r.sexenal_menor_a,))
    if a == p.anio_meta:  # the goal year's value is no projection: said as what it is
        texto = (
            f"En {a}, {sujeto(s.indicador)} fue {tv}, lejos de su meta sexenal de {tm}: avance "
            f"de {avance}."
        )
    else:
        texto = (
            f"Con la tendencia de {s.linea_base.anio} a {a}, {sujeto(s.indicador)} llegaría a "
            f"{tp} en {p.anio_meta} (en {a} fue {tv}), lejos de su meta sexenal de {tm}: avance "
            f"proyectado de {avance}."
        )
    return [
        _fila(
            s,
            META_SEXENAL,
            r.severidad_sexenal,
            texto,
            supuesta=_supuesta(s),
            aviso=s.nota_meta_sexenal,  # (a meta sexenal read from the metas says so)
            base=[a],  # (the línea base is not a year of the metas: its last value is)
            anio_desde=s.linea_base.anio,  # the trend's start: the línea base, its value
            anio_hasta=p.anio_meta,
            valor_desde=dec(s.linea_base.valor),
            valor_hasta=calculada(p.valor),
            meta=dec(s.meta_sexenal),
            avance_pct=p.avance_pct,  # a projected progress, not a cumplimiento
        )
    ]


def faltantes(s: Serie, r: ReglasAlertas) -> list[str]:
    """What the series lacks for a complete analysis, in the document's words."""
    requiere = r.requiere_derivado if s.origen == DERIVADO else r.requiere
    out = []
    for req in requiere:
        if req == "valores" and not s.puntos():
            out.append("sin valores reportados")
        elif req == "meta" and not any(es_numero(v) for v in s.metas.values()):
            out.append("sin meta")
        elif req == "meta_sexenal" and not es_numero(s.meta_sexenal):
            out.append("sin meta sexenal")
        elif req == "linea_base" and (
            s.linea_base is None or not es_numero(s.linea_base.valor) or s.linea_base.anio is None
        ):
            out.append("sin línea base")
    return out


def sin_informacion(s: Serie, r: ReglasAlertas, periodo: Periodo = TODOS_LOS_ANIOS) -> list[dict]:
    """What the series lacks, said for the years asked (`periodo`): «sin valores» between
    2030 and nothing else is not «sin valores» of an indicator that reported in 2017. Nothing
    of a program outside its years (`Serie.vigencia`): E048, from 2020, lacked nothing in 2017."""
    if not periodo.cruza(*s.vigencia):
        return []
    falta = faltantes(s, r)
    if not falta:
        return []
    texto = (
        f"{_mayuscula(sujeto(s.indicador))} no cuenta con información completa para su "
        f"análisis{periodo.texto()}: {', '.join(falta)}."
    )
    return [_fila(s, SIN_INFORMACION, r.severidad_sin_informacion, texto)]


def cobertura_decreciente(programas: list[Programa], r: ReglasAlertas, desde=None, hasta=None):
    """PA/PO falling by more than the threshold (percentage points) between consecutive years
    with coverage, per program and component (never across units of measure). Each row has
    every key of an indicator's alert (`_fila`): the tables list the same columns for all."""
    out = []
    for p in programas:
        grupos: dict[tuple, list[tuple[int, Decimal]]] = {}
        notas: dict[tuple, dict[int, str]] = {}
        docs: dict[tuple, dict[int, str]] = {}
        deducidas: dict[tuple, dict[int, list[str]]] = {}
        for pob in p.poblaciones:
            if (desde is not None and pob.anio < desde) or (hasta is not None and pob.anio > hasta):
                continue
            pa, po = dec(pob.atendida), dec(pob.objetivo)
            if pa is None or po is None or po == 0:
                continue
            key = (pob.componente, fold(pob.unidad_medida))
            grupos.setdefault(key, []).append((pob.anio, pa / po * CIEN))
            if pob.nota:
                notas.setdefault(key, {})[pob.anio] = pob.nota
            if siglas := inferidas(pob, "atendida", "objetivo"):
                deducidas.setdefault(key, {})[pob.anio] = siglas
            if pob.fuente or p.fuente:
                docs.setdefault(key, {})[pob.anio] = pob.fuente or p.fuente
        for key, pts in grupos.items():
            comp = key[0]
            pts.sort()
            for (a0, c0), (a1, c1) in zip(pts, pts[1:], strict=False):
                if c0 - c1 <= r.cobertura_mayor_a:
                    continue
                # (exact: no float rounding; printed, the fall still exceeds the threshold)
                d = _fieles((c0, c1), 2, _mas_que(r.cobertura_mayor_a, False))
                t0, t1 = fmt_number(c0, d), fmt_number(c1, d)
                quien = p.clave + (f" ({comp})" if comp else "")
                texto = (
                    f"De {a0} a {a1} disminuyó la cobertura de {quien}, al pasar de {t0} % a "
                    f"{t1} %."
                )
                suyas = notas.get(key, {})
                nota = "; ".join(f"{a}: {suyas[a]}" for a in (a0, a1) if a in suyas) or None
                # a PA or PO the spec deduced (`inferido`): the fall rests on it, as `cobertura`
                # says of the year's PA/PO
                supuesta = _deducidas_en(deducidas.get(key, {}), (a0, a1))
                nota = "; ".join(filter(None, [nota, supuesta])) or None
                out.append(
                    {
                        **_VACIA,
                        "clave": p.clave,
                        "ramo": p.ramo,
                        "origen": "programa",
                        "id": comp,
                        "indicador": "Cobertura (PA/PO)",
                        "regla": COBERTURA,
                        "severidad": r.severidad_cobertura,
                        "anio_desde": a0,
                        "anio_hasta": a1,
                        "valor_desde": calculada(c0),
                        "valor_hasta": calculada(c1),
                        "enunciado": texto,
                        "nota": nota,
                        "fuente": "; ".join(
                            dict.fromkeys(d for a in (a0, a1) if (d := docs.get(key, {}).get(a)))
                        )
                        or None,
                        "supuesto": supuesta is not None,
                    }
                )
    return out


def calculada(x: Decimal) -> float | int | None:
    """A figure a rule computes (a PA/PO, a projected value) as machines get every computed
    figure — at most 10 decimals, as `cobertura` writes the same PA/PO —, not as a spec's
    figure, which goes as written: `maquina` gave the double's 17 digits (105.25879718709129
    in `alertas -f json`, 105.2587971871 in `cobertura -f json`)."""
    from issste_mon.salida.tabla import numero_maquina

    return numero_maquina(x)


def _deducidas_en(por_anio: dict[int, list[str]], anios: tuple[int, ...]) -> str | None:
    """«descansa en: PO 2017 inferida (no impresa)»: the populations of these years the spec
    deduced, in `calc.supuestos`' words (None: all printed)."""
    lista = [f"{s} {a} inferida (no impresa)" for a in anios for s in por_anio.get(a, [])]
    return supuestos.nota_supuestos(lista)


@con_contexto_propio
def evaluar(
    series_: list[Serie],
    programas: list[Programa],
    metodologia: Metodologia,
    mejoras: bool = False,
    periodo: Periodo = TODOS_LOS_ANIOS,
    sin_evaluar: list | None = None,
) -> list[dict]:
    """Every alert (or, with mejoras, every improvement), most severe first, of the series
    of the years in `periodo` (the series come already cut to them). `sin_evaluar` receives
    the years «meta no alcanzada» could not judge (`NoEvaluada`)."""
    r = metodologia.alertas
    if r is None:
        from issste_mon.errores import EntradaInvalida

        raise EntradaInvalida(
            f"la metodología {metodologia.archivo} no define reglas de alertas (sección alertas)"
        )
    out: list[dict] = []
    for s in series_:
        if mejoras:
            out.extend(mejora(s, r))
            continue
        out.extend(meta_no_alcanzada(s, metodologia, r, sin_evaluar))
        out.extend(deterioro(s, r))
        out.extend(tendencia(s, r))
        out.extend(meta_sexenal(s, r, sin_evaluar))
        out.extend(sin_informacion(s, r, periodo))
    if not mejoras:
        out.extend(cobertura_decreciente(programas, r, *periodo))
    _sobre_reglas(out, metodologia)
    lugar = lugar_de(r)
    out.sort(
        key=lambda a: lugar(
            a["severidad"], a["regla"], a["clave"], a["ramo"], a["id"], a["anio_hasta"]
        )
    )
    return out


def lugar_de(r: ReglasAlertas):
    """The key of an alert's place: most severe first, then by rule, program, indicator and
    year (`alertas_columnas` sorts its tuples by it too)."""
    rank = {sev: i for i, sev in enumerate(r.severidades)}
    regla = {x: i for i, x in enumerate(REGLAS)}
    n_rank, n_regla = len(rank), len(regla)

    def clave(severidad, regla_, clave_, ramo, id_, hasta) -> tuple:
        return (
            rank.get(severidad, n_rank),
            regla.get(regla_, n_regla),
            clave_,
            ramo or 0,
            str(id_ or ""),
            hasta or 0,
        )

    return clave


def _sobre_reglas(filas: list[dict], metodologia: Metodologia) -> None:
    """An alert rests on its rule, and on a method its figures come out of: where the
    methodology marks one `supuesto` or `inferido` — the rule itself (`deterioro`, `mejora`,
    `cambio_tendencia` are inferred from CONEVAL's prose: that a drop of any size between two
    values is an alert is not printed), the linear projection of `meta_sexenal_en_riesgo`
    («avance proyectado de 25.00 %»), SHCP's semáforo colours when they fired it — its nota
    says so and `supuesto` is true, as for a supuesto formula and as `cumplimiento` says it."""
    confianzas = {s: c for s, c, _ in metodologia.fuentes}
    usar_semaforo = metodologia.alertas is not None and metodologia.alertas.usar_semaforo
    por_regla: dict[tuple, list[str]] = {}  # (the same words for every row of a rule)
    for fila in filas:
        regla = fila["regla"]
        semaforo = regla == META_NO_ALCANZADA and usar_semaforo and bool(fila.get("semaforo"))
        textos = por_regla.get((regla, semaforo))
        if textos is None:
            textos = por_regla[regla, semaforo] = _textos_regla(regla, semaforo, confianzas)
        if not textos:
            continue
        nota = fila["nota"]
        if nota and supuestos.PREFIJO in nota:  # (its «descansa en:» is the nota's last part)
            fila["nota"] = f"{nota}; {'; '.join(textos)}"
        else:
            fila["nota"] = "; ".join(filter(None, [nota, supuestos.nota_supuestos(textos)]))
        fila["supuesto"] = True


def _textos_regla(regla: str, semaforo: bool, confianzas: dict) -> list[str]:
    """What `_sobre_reglas` says of a row of `regla` (`semaforo`: SHCP's colours fired it)."""
    if regla == META_SEXENAL:
        metodos = [("alertas.meta_sexenal_en_riesgo", "proyección lineal a la meta sexenal")]
    else:
        metodos = [(f"alertas.{regla}", f"regla de {ETIQUETAS.get(regla, regla).lower()}")]
    if semaforo:
        metodos.append(("semaforo_shcp", "colores del semáforo de SHCP"))
    return [
        f"{que} ({confianzas[r]} de la metodología)"
        for r, que in metodos
        if confianzas.get(r) in supuestos.NO_PUBLICADA
    ]


# --- statements, for `verificar` ---------------------------------------------------------------


@dataclass(frozen=True)
class Veredicto:
    coincide: bool | None  # None: not verifiable (no such series, or no figures to compare)
    motivo: str
    enunciado: str | None = None


def evaluar_enunciado(
    hallazgos: list[dict],
    clave: str,
    indicador: str,
    regla: str,
    anios: tuple[int, ...] = (),
    cifras_publicadas: tuple[str, ...] = (),
) -> Veredicto:
    """Does a published statement («De 2021 a 2022 disminuyó … de 2.50 a 1.80») follow from the
    rules? `hallazgos` are `evaluar`'s rows (alerts and/or mejoras); `indicador` is the
    indicator's id; `anios` the years the statement names; `cifras_publicadas` its figures as
    printed ("2.50", "$29,338", "95%"), each compared at its printed precision."""
    candidatos = [
        h for h in hallazgos if h["clave"] == clave and h["id"] == indicador and h["regla"] == regla
    ]
    if not candidatos:
        return Veredicto(False, f"la regla {regla} no se cumple para {clave} {indicador}")
    for h in candidatos:
        suyos = {h["anio_desde"], h["anio_hasta"]} - {None}
        if anios and not set(anios) <= suyos:
            continue
        figs = [h[k] for k in ("valor_desde", "valor_hasta", "meta") if h[k] is not None]
        faltan = []
        for texto in cifras_publicadas:
            pub = parse_publicado(texto)
            if pub is None or not any(pub.matches(x) for x in figs):
                faltan.append(texto)
        if not faltan:
            return Veredicto(True, "coincide", h["enunciado"])
        return Veredicto(False, f"cifras que no coinciden: {', '.join(faltan)}", h["enunciado"])
    return Veredicto(False, f"la regla {regla} se cumple para {clave} {indicador} en otros años")


_CIFRA = r"(\$?[\d,]+(?:\.\d+)?%?)"
_PATRONES = [
    # «No se alcanzó la meta de …, para 2022 se tenía una meta de $29,338 y se logró $13,592.»
    (META_NO_ALCANZADA, rf"para (?P<a1>\d{{4}}) se tenía una meta de {_CIFRA} y se logró {_CIFRA}"),
    # «De 2021 a 2022 disminuyó … al pasar de 2.50 a 1.80 respectivamente.»
    (None, rf"De (?P<a0>\d{{4}}) a (?P<a1>\d{{4}}) .*al pasar de {_CIFRA} a {_CIFRA}"),
    # «Aumentó …, de 95% en 2019 a 99% en 2022.»
    (None, rf", de {_CIFRA} en (?P<a0>\d{{4}}) a {_CIFRA} en (?P<a1>\d{{4}})\.?$"),
    # «… cambió su tendencia desde 2021.»
    (CAMBIO_TENDENCIA, r"cambió su tendencia desde (?P<a0>\d{4})"),
    # «… aumentó, en 2022 fue de 91.7%.»
    (None, rf"(?:aumentó|disminuyó), en (?P<a1>\d{{4}}) fue de {_CIFRA}"),
    # «… disminuyó.» (no figures)
    (None, r"(?:aumentó|disminuyó)\.?$"),
]


def leer_enunciado(texto: str, mejora_: bool) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """(rule, years, printed figures) of a statement in the document's style; `mejora_` tells a
    «¿Qué ha mejorado?» statement from an alert (the verb alone does not: it depends on the
    sentido). Raises ValueError for a statement of no known form."""
    import re

    for regla, patron in _PATRONES:
        m = re.search(patron, texto.strip())
        if m is None:
            continue
        anios = tuple(int(m.group(k)) for k in ("a0", "a1") if k in m.re.groupindex and m.group(k))
        cifras_ = tuple(g for i, g in enumerate(m.groups(), 1) if i not in _indices_anio(m))
        return (regla or (MEJORA if mejora_ else DETERIORO)), anios, cifras_
    raise ValueError(f"enunciado de forma desconocida: «{texto}»")


def _indices_anio(m) -> set[int]:
    return {m.re.groupindex[k] for k in ("a0", "a1") if k in m.re.groupindex}
