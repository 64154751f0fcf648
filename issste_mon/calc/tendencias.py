"""Multi-year series of indicators: the change between consecutive values, its direction by the
indicator's sentido (mejora / empeora / sin cambio), the last change of trend and the
cumplimiento of every year.

MIR indicators of programs and indicators of programas derivados become one `Serie` each.
Every comparison is made on exact decimals (`Decimal(repr(x))`, the number as typed), so
55 / 50 × 100 is 110, not 110.00000000000001. Pure: records in, records out.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import NamedTuple

from issste_mon.calc import supuestos
from issste_mon.calc.base import con_contexto_propio, con_publicado
from issste_mon.calc.exacto import exacto
from issste_mon.calc.razones import invertido, nota_de_meta, por_que_no
from issste_mon.carga.sanity import umbrales_al_reves
from issste_mon.metodologia import Metodologia, Semaforo
from issste_mon.modelo import Faltante, LineaBase, Numero, Programa, ProgramaDerivado, es_numero
from issste_mon.modelo.metas import columnas_de

MEJORA, EMPEORA, SIN_CAMBIO, NO_APLICA = "mejora", "empeora", "sin cambio", "no aplica"
PROGRAMA, DERIVADO = "programa", "derivado"
CIEN = Decimal(100)


@dataclass(slots=True)
class Serie:
    """One indicator's figures by year, whatever spec it comes from."""

    origen: str  # programa | derivado
    clave: str
    ramo: int | None
    id: str
    nivel: str | None  # MIR nivel, or the objective of a derived program's indicator
    indicador: str
    sentido: str
    unidad_medida: str | None
    valores: dict[int, Numero] = field(default_factory=dict)
    metas: dict[int, Numero] = field(default_factory=dict)
    semaforos: dict[int, dict[str, Numero]] = field(default_factory=dict)
    notas: dict[int, str] = field(default_factory=dict)  # the spec's `nota` of a year's figures
    # which meta a year rests on where it is not the spec's `meta` (calc.cumplimiento)
    notas_meta: dict[int, str] = field(default_factory=dict)
    # a year whose cumplimiento the methodology's choice of meta decides, when it marks that
    # choice supuesto: the words (`supuestos.meta_supuesta`)
    metas_supuestas: dict[int, str] = field(default_factory=dict)
    # the cumplimiento a document printed for a year (`publicado.cumplimiento`), said beside a
    # cumplimiento that is not computable, as `cumplimiento` says it
    publicados: dict[int, str] = field(default_factory=dict)
    linea_base: LineaBase | None = None
    meta_sexenal: Numero = None
    # how the spec gives the meta sexenal when not as `meta_sexenal` (`calc.sexenal`)
    nota_meta_sexenal: str | None = None
    archivo: str = ""
    # the fields the spec inferred, not printed (`inferido`: a sentido decides the direction,
    # the cumplimiento and its rango; `calc.supuestos`)
    inferido: tuple = ()
    # the document of the figures, as `cumplimiento` names it: a year's own `fuente`, else the
    # indicator's (else its objective's or its program's)
    fuente: str | None = None
    fuentes: dict[int, str] = field(default_factory=dict)
    # the years its program exists (`inicio`, `fin`; a derived program's period); None: open
    vigencia: tuple = (None, None)
    _puntos: list | None = field(default=None, repr=False, compare=False)
    # (an alert's row: the columns every row of the series shares, and the years to check)
    _comun: tuple | None = field(default=None, repr=False, compare=False)

    def anios(self) -> list[int]:
        return sorted(set(self.valores) | set(self.metas))

    def fuente_de(self, *anios: int | None) -> str | None:
        """The documents of the figures of those years, each once."""
        if not self.fuentes:  # (every year's is the indicator's: a federal set's common case)
            return self.fuente or None
        docs = [self.fuentes.get(a) or self.fuente for a in anios if a is not None] or [self.fuente]
        return "; ".join(dict.fromkeys(filter(None, docs))) or None

    def fuera_de_vigencia(self, *anios: int | None) -> str | None:
        """Which of those years fall outside the program's years: E045 (2016–2019) records its
        sectorial indicator's 2014 and 2015, which are not results of a program not yet born.
        None for a derived program: its period starts after the base it measures from (the
        PI 2020–2024's 2019 values are its starting point, as the document prints them)."""
        if self.origen != PROGRAMA:
            return None
        inicio, fin = self.vigencia
        if all(  # (the common case, asked per alert and per row: nothing to say)
            a is None or ((inicio is None or a >= inicio) and (fin is None or a <= fin))
            for a in anios
        ):
            return None
        partes = []
        antes = sorted({a for a in anios if a is not None and inicio is not None and a < inicio})
        if antes:
            partes.append(f"{_y_anios(antes)}: antes del inicio del programa ({inicio})")
        despues = sorted({a for a in anios if a is not None and fin is not None and a > fin})
        if despues:
            partes.append(f"{_y_anios(despues)}: después del fin del programa ({fin})")
        return "; ".join(partes) or None

    def fuera_posible(self) -> bool:
        """Whether any year of the series falls outside the program's (else every
        `fuera_de_vigencia` of its years is None: asked once, not per row)."""
        anios = self.anios()
        if self.origen != PROGRAMA or not anios:
            return False
        inicio, fin = self.vigencia
        return (inicio is not None and anios[0] < inicio) or (fin is not None and anios[-1] > fin)

    def puntos(self) -> list[tuple[int, Decimal]]:
        """(year, value) of every year with a number, in year order (computed once: the series
        is not changed after it is built)."""
        if self._puntos is None:
            self._puntos = [(y, dec(v)) for y, v in sorted(self.valores.items()) if es_numero(v)]
        return self._puntos


def _y_anios(anios: list[int]) -> str:
    return " y ".join(map(str, anios))


def _faltante(por_anio: dict, anio: int) -> Faltante | None:
    x = por_anio.get(anio)
    return x if x.__class__ is Faltante else None


def maquina(x: Decimal) -> float | int | Decimal:
    """An exact figure as the machine number the tables write: a float, or the integer itself
    beyond 2⁵³, where a float does not hold every integer (9007199254740993 stays …993), or x
    itself below the least normal double, where the double is 0 or keeps a few of its digits:
    a change of 2·10⁻³²⁴ between two values, an avance of 10⁻⁵⁹⁸ %, is not `0` beside
    «mejora» or a negative one (the writers put its digits: `salida.tabla.numero_maquina`)."""
    f = float(x)
    if _MINIMO <= f < _F53 or -_F53 < f <= -_MINIMO:  # (rounding to a double is monotonic)
        return f
    if -_MINIMO < f < _MINIMO:  # (a zero is one: `not x`, the common case, is quick)
        return f if not x or Decimal(repr(f)) == x else x  # (what the writers put: its repr)
    if abs(x) >= _DOS_53 and x == x.to_integral_value():
        return int(x)
    return f


_DOS_53 = Decimal(2**53)
_F53 = float(2**53)
_MINIMO = sys.float_info.min  # the least normal double, 2.2250738585072014e-308


def maquina_junto_a(x: Decimal, cortes) -> float | int | Decimal:
    """`maquina(x)`, or x itself where that double is one of `cortes` (of the class beside the
    figure) and x is not (89.99…9 % with 28 nines is the double 90.0, beside «meta no
    alcanzada»): the writers then keep the figure off the cut (`salida.tabla.fieles`)."""
    f = maquina(x)
    return x if f in cortes and f != x else f  # (== of a float and a Decimal: exact, silent)


def dec(x: Numero) -> Decimal | None:
    """A spec figure as the exact decimal a person typed; None for ND/NA/absent."""
    if not es_numero(x):
        return None
    return Decimal(repr(x)) if x.__class__ is float else Decimal(int(x))


class Periodo(NamedTuple):
    """The years asked for (`anio`, or `anio_desde` and `anio_hasta`); None leaves that end
    open."""

    desde: int | None = None
    hasta: int | None = None

    @classmethod
    def de(cls, anio: int | None, desde: int | None, hasta: int | None) -> Periodo:
        """The window of one year (`anio`: Y–Y) or of a range; both at once, or a range
        backwards, is an error naming the library's arguments (the CLI says its options)."""
        from issste_mon.errores import EntradaInvalida

        if anio is None:
            if desde is not None and hasta is not None and desde > hasta:
                raise EntradaInvalida(
                    f"el año inicial ({desde}; `anio_desde`) es posterior al final "
                    f"({hasta}; `anio_hasta`)",
                    argumentos=("anio_desde", "anio_hasta"),
                )
            return cls(desde, hasta)
        if desde is not None or hasta is not None:
            raise EntradaInvalida(
                "pida un año (`anio`) o un intervalo (`anio_desde`/`anio_hasta`), no ambos",
                argumentos=("anio", "anio_desde", "anio_hasta"),
            )
        return cls(anio, anio)

    def contiene(self, anio: int) -> bool:
        return self.cruza(anio, anio)

    def cruza(self, inicio: int | None, fin: int | None) -> bool:
        """Whether the years asked meet those from `inicio` to `fin` (None: open)."""
        desde, hasta = self
        return (inicio is None or hasta is None or inicio <= hasta) and (
            fin is None or desde is None or fin >= desde
        )

    def texto(self) -> str:
        """For sentences: « en 2022», « de 2019 a 2021», « desde 2019», « hasta 2021», or
        nothing."""
        desde, hasta = self
        if desde is not None and desde == hasta:
            return f" en {desde}"
        if desde is not None and hasta is not None:
            return f" de {desde} a {hasta}"
        if desde is not None:
            return f" desde {desde}"
        return f" hasta {hasta}" if hasta is not None else ""


TODOS_LOS_ANIOS = Periodo()


def _en_rango(year: int, desde: int | None, hasta: int | None) -> bool:
    return (desde is None or year >= desde) and (hasta is None or year <= hasta)


def _umbrales(propios: dict, del_indicador: dict) -> dict[str, Numero]:
    """The thresholds of one indicator-year: its year's semáforo, else its indicator's."""
    if any(es_numero(v) for v in propios.values()):
        return propios
    if any(es_numero(v) for v in del_indicador.values()):
        return del_indicador
    return {}


_CAMPOS_SERIE = (
    "anio",
    "meta",
    "meta_modificada",
    "valor",
    "semaforo",
    "nota",
    "publicado",
    "fuente",
)


def series(
    programas: list[Programa],
    derivados: list[ProgramaDerivado],
    metodologia: Metodologia,
    desde: int | None = None,
    hasta: int | None = None,
) -> list[Serie]:
    """Every indicator of the programs (MIR) and of the derived programs, years filtered."""
    use_mod = metodologia.meta == "modificada_si_existe"
    confianza_meta = supuestos.confianza_meta(metodologia)
    out: list[Serie] = []
    for p in programas:
        # the metas' columns of all its indicators at once (read from the cache, no MetaAnual
        # is made: `columnas_de`), then each indicator's run of rows
        cuentas, columnas = columnas_de([ind.metas for ind in p.mir], _CAMPOS_SERIE)
        filas = zip(*columnas, strict=True)
        for ind, cuenta in zip(p.mir, cuentas, strict=True):
            s = Serie(
                PROGRAMA,
                p.clave,
                p.ramo,
                ind.id,
                ind.nivel,
                ind.nombre,
                ind.sentido,
                ind.unidad_medida,
                linea_base=ind.linea_base,
                archivo=p.archivo,
                inferido=tuple(ind.inferido or ()),
                fuente=ind.fuente or p.fuente,
                vigencia=(p.inicio, p.fin),
            )
            for year, meta, mod, valor, suyo, nota, pub, doc in islice(filas, cuenta):
                if not _en_rango(year, desde, hasta):
                    continue
                s.metas[year] = mod if (use_mod and es_numero(mod)) else meta
                s.valores[year] = valor
                if use_mod and mod is not None and (nm := nota_de_meta(meta, mod)):
                    s.notas_meta[year] = nm
                if mod is not None and (
                    ms := supuestos.meta_supuesta(meta, mod, metodologia, confianza=confianza_meta)
                ):
                    s.metas_supuestas[year] = ms
                if nota:
                    s.notas[year] = nota
                if doc:
                    s.fuentes[year] = doc
                if pub and pub.get("cumplimiento"):
                    s.publicados[year] = pub["cumplimiento"]
                # (most rows have no thresholds at all: nothing to look for)
                if (suyo or ind.umbrales) and (sem := _umbrales(suyo, ind.umbrales)):
                    s.semaforos[year] = sem
            out.append(s)
    if derivados:  # (the goal year of `sexenal`, which names a meta sexenal as it does)
        from issste_mon.calc.sexenal import meta_sexenal_de

        anio_meta = _anio_meta(metodologia)
    for d in derivados:
        for obj, ind in d.indicadores():
            meta_sexenal, de_meta_anual = meta_sexenal_de(ind, anio_meta)
            out.append(
                Serie(
                    DERIVADO,
                    d.clave,
                    d.ramo,
                    ind.id,
                    obj.id,
                    ind.nombre,
                    ind.sentido,
                    ind.unidad_medida,
                    valores={y: v for y, v in ind.valores.items() if _en_rango(y, desde, hasta)},
                    metas={y: v for y, v in ind.metas.items() if _en_rango(y, desde, hasta)},
                    linea_base=ind.linea_base,
                    meta_sexenal=meta_sexenal,
                    nota_meta_sexenal=de_meta_anual,
                    archivo=d.archivo,
                    inferido=tuple(ind.inferido or ()),
                    fuente=ind.fuente or obj.fuente or d.fuente,
                    vigencia=(d.inicio, d.fin),
                )
            )
    return out


def _anio_meta(m: Metodologia) -> int | None:
    if m.sexenal is not None:
        return m.sexenal.anio_meta
    return m.alertas.sexenal_anio_meta if m.alertas is not None else None


def cumplimiento(meta: Decimal | None, valor: Decimal | None, sentido: str, formula: str):
    """As `calc.cumplimiento.cumplimiento_pct`, in exact decimals; None where not computable
    (with the reasons of `calc.razones.nota_de`: meta 0 or negative, …)."""
    if meta is None or valor is None or meta == 0:
        return None
    if invertido(meta, valor, sentido == "descendente", formula):
        return None
    # `cumplimiento`'s own quotient (50 digits, the 10^300 bound), not this module's 28-digit
    # context: a quotient just under a cut of the rango must stay under it here too
    return exacto(meta, valor, sentido, formula)


def rango(pct: Decimal | None, metodologia: Metodologia) -> str | None:
    return _rango_de(metodologia)(pct)


def _rango_de(metodologia: Metodologia):
    """`rango` with the methodology's band read once (it runs per row of a federal set)."""
    e = metodologia.etiquetas_rango
    lo, hi = Decimal(repr(metodologia.rango_inferior)), Decimal(repr(metodologia.rango_superior))
    bajo, alto, adecuado = e["bajo"], e["alto"], e["adecuado"]

    def rango_(pct: Decimal | None) -> str | None:
        if pct is None:
            return None
        if pct < lo:
            return bajo
        return alto if pct > hi else adecuado

    return rango_


def color_semaforo(
    valor: Decimal | None, sentido: str, umbrales: dict[str, Numero], sem: Semaforo
) -> str | None:
    """SHCP's colour [supuesto, metodología `semaforo_shcp`]: the thresholds are in the units of
    the indicator. Ascendente/constante: valor ≥ verde → verde, valor < rojo → rojo, else amarillo;
    descendente mirrored. None without a value or a verde threshold."""
    verde, rojo = dec(umbrales.get("verde")), dec(umbrales.get("rojo"))
    if valor is None or verde is None:
        return None
    if umbrales_al_reves(verde, rojo, sentido):  # a colour by which test runs first: none
        return None
    if sentido == "descendente":
        if valor <= verde:
            return sem.verde
        if rojo is not None and valor > rojo:
            return sem.rojo
    else:
        if valor >= verde:
            return sem.verde
        if rojo is not None and valor < rojo:
            return sem.rojo
    return sem.amarillo


def direccion(delta: Decimal, sentido: str, mayor_a: Decimal) -> str:
    """mejora / empeora by the sentido; sin cambio when |delta| ≤ the threshold."""
    if abs(delta) <= mayor_a:
        return SIN_CAMBIO
    if sentido == "constante":
        return NO_APLICA
    favorable = delta > 0 if sentido != "descendente" else delta < 0
    return MEJORA if favorable else EMPEORA


@dataclass(frozen=True)
class CambioTendencia:
    """The series moved one way (`antes`: +1 up, −1 down) until `desde`, then the other way."""

    desde: int
    antes: int
    inicio: tuple[int, Decimal]  # first point of the earlier run
    giro: tuple[int, Decimal]  # the turning point (year `desde`)
    fin: tuple[int, Decimal]  # last point


def cambio_tendencia(
    puntos: list[tuple[int, Decimal]], mayor_a: Decimal, minimo: int = 3
) -> CambioTendencia | None:
    """The last change of trend: the final run of moves in one direction and the run before it.
    Moves of |Δ| ≤ mayor_a are «sin cambio» and neither continue nor break a run."""
    if len(puntos) < minimo:
        return None
    moves = []  # (sign, start index, end index)
    for i in range(1, len(puntos)):
        delta = puntos[i][1] - puntos[i - 1][1]
        if abs(delta) > mayor_a:
            moves.append((1 if delta > 0 else -1, i - 1, i))
    if len(moves) < 2:
        return None
    last = moves[-1][0]
    k = len(moves) - 1
    while k > 0 and moves[k - 1][0] == last:
        k -= 1
    if k == 0:
        return None
    antes = moves[k - 1][0]
    j = k - 1
    while j > 0 and moves[j - 1][0] == antes:
        j -= 1
    giro = moves[k][1]
    return CambioTendencia(
        puntos[giro][0], antes, puntos[moves[j][1]], puntos[giro], puntos[moves[-1][2]]
    )


def _texto_tendencia(c: CambioTendencia | None) -> str | None:
    if c is None:
        return None
    a, b = ("alza", "baja") if c.antes > 0 else ("baja", "alza")
    return f"desde {c.desde}: de {a} a {b}"


@con_contexto_propio
def filas(series_: list[Serie], metodologia: Metodologia) -> list[dict]:
    """One row per indicator and year: meta, valor, change from the previous value (absolute,
    %, direction by sentido), cumplimiento, rango, SHCP semáforo and the last change of trend."""
    reglas = metodologia.alertas
    umbral = reglas.tendencia_mayor_a if reglas else Decimal(0)
    minimo = reglas.tendencia_valores_minimos if reglas else 3
    rango_ = _rango_de(metodologia)
    rows = []
    for s in series_:
        puntos = s.puntos()
        tendencia = _texto_tendencia(cambio_tendencia(puntos, umbral, minimo))
        valores = dict(puntos)  # (dec of each valor, made once by `puntos`)
        fuera_posible = s.fuera_posible()
        supuestos_ = _Supuestos(s, metodologia)
        prev: tuple[int, Decimal] | None = None
        for year in s.anios():
            valor, meta = valores.get(year), dec(s.metas.get(year))
            cambio = cambio_pct = sentido_cambio = None
            if valor is not None and prev is not None:
                delta = valor - prev[1]
                cambio = maquina(delta)
                # exact: the writer rounds it once (10 decimals), never float noise
                cambio_pct = delta / abs(prev[1]) * CIEN if prev[1] != 0 else None
                sentido_cambio = direccion(delta, s.sentido, umbral)
            pct = cumplimiento(meta, valor, s.sentido, metodologia.formula_descendente)
            sem = s.semaforos.get(year)
            rows.append(
                {
                    "clave": s.clave,
                    "ramo": s.ramo,
                    "origen": s.origen,
                    "id": s.id,
                    "nivel": s.nivel,
                    "indicador": s.indicador,
                    "sentido": s.sentido,
                    "anio": year,
                    # ND/NA as the spec says them (machines: in meta_estado, valor_estado)
                    "meta": maquina(meta) if meta is not None else _faltante(s.metas, year),
                    "valor": maquina(valor) if valor is not None else _faltante(s.valores, year),
                    "anio_anterior": prev[0] if cambio is not None else None,
                    "cambio": cambio,
                    "cambio_pct": cambio_pct,
                    "direccion": sentido_cambio,
                    "cumplimiento_pct": pct,
                    "rango": rango_(pct),
                    "semaforo": color_semaforo(valor, s.sentido, sem, metodologia.semaforo)
                    if sem and metodologia.semaforo
                    else None,
                    "cambio_tendencia": tendencia,
                    "nota": _nota(
                        s,
                        year,
                        pct is None,
                        cambio_pct is None and cambio is not None,
                        metodologia,
                        supuestos_.de(year, pct is not None, sentido_cambio is not None),
                        _salto(prev[0], year) if cambio is not None else None,
                        s.fuera_de_vigencia(year, prev[0] if cambio is not None else None)
                        if fuera_posible
                        else None,
                    ),
                    # a change rests on the previous year's figure too
                    "fuente": s.fuente_de(year, prev[0] if cambio is not None else None),
                }
            )
            if valor is not None:
                prev = (year, valor)
    return rows


CAMBIO_BASE_CERO = "cambio % no calculable: el valor anterior es 0"


def _salto(anterior: int, year: int) -> str | None:
    """A change over more than one year says so: the table shows no «Año anterior», and
    «-50 %, mejora» in 2019 reads as since 2018 when 2017 and 2018 had no value."""
    if year - anterior <= 1:
        return None
    faltan = list(range(anterior + 1, year))
    if len(faltan) > 2:
        texto = f"de {faltan[0]} a {faltan[-1]}"
    else:
        texto = " ni de ".join(map(str, faltan))
    return f"cambio respecto a {anterior}: no hay valor de {texto}"


class _Supuestos:
    """What a row's figures rest on that no document printed, as `cumplimiento` says it: a
    cumplimiento, all of `calc.supuestos` (the year's meta too); a change and its direction
    (mejora, deterioro), the values it is taken between and the sentido that names it — as
    `alertas` says of the same move (PI 2.1's 95 → 99, transcribed from the statement it would
    confirm). The words depend on the series alone but for the year's meta: made once per
    series, not per row."""

    __slots__ = ("s", "metodologia", "_cumplimiento", "_direccion")

    def __init__(self, s: Serie, metodologia: Metodologia) -> None:
        self.s, self.metodologia = s, metodologia
        self._cumplimiento: list[str] | None = None
        self._direccion: tuple[str | None] | None = None

    def de(self, year: int, con_cumplimiento: bool, con_direccion: bool) -> str | None:
        s = self.s
        if con_cumplimiento:
            if self._cumplimiento is None:
                self._cumplimiento = supuestos.supuestos(s.inferido, s.sentido, self.metodologia)
            if year in s.metas_supuestas:
                return supuestos.nota_supuestos([*self._cumplimiento, s.metas_supuestas[year]])
            return supuestos.nota_supuestos(self._cumplimiento)
        if not con_direccion:
            return None  # (no inputs named: nothing rests on them)
        if self._direccion is None:
            campos = [c for c in ("sentido", "valores") if c in s.inferido]
            self._direccion = (
                supuestos.nota_supuestos(supuestos.supuestos(campos, s.sentido, None)),
            )
        return self._direccion[0]


def _nota(
    s: Serie,
    year: int,
    sin_cumplimiento: bool,
    base_cero: bool,
    metodologia: Metodologia,
    supuesta: str | None = None,
    salto: str | None = None,
    fuera: str | None = None,
) -> str | None:
    """Why a figure of the row is not computable, with `cumplimiento`'s own words (one rule:
    `calc.cumplimiento.nota_de`); ND/NA are data, not blanks, so a valor ND/NA is said even
    where the meta's state is the cumplimiento's reason (it also leaves the change blank)."""
    meta, valor = s.metas.get(year), s.valores.get(year)
    notas = []
    if sin_cumplimiento:
        razon = por_que_no(meta, valor, s.sentido, metodologia)
        notas.append(con_publicado(razon, s.publicados.get(year)) if razon else razon)
    dicho = notas[0] if notas and notas[0] else ""  # (the reason may name the valor already)
    if valor is not None and not es_numero(valor) and f"valor {valor}" not in dicho:
        notas.append(f"valor {valor}")
    notas.append(salto)
    notas.append(fuera)
    if base_cero:
        notas.append(CAMBIO_BASE_CERO)
    notas.append(s.notas_meta.get(year))
    notas.append(supuesta)
    notas.append(s.notas.get(year))
    return "; ".join(n for n in notas if n) or None


def semaforos(programas: list[Programa], df, metodologia: Metodologia) -> list[str | None]:
    """SHCP's colour for each row of a `calc.cumplimiento` frame (None where the indicator has
    no recorded semáforo): the `cumplimiento` column beside the methodology's rango."""
    sem = metodologia.semaforo
    umbrales = {}
    if sem is not None:  # runs per indicator-year of a federal set: cheap checks first
        for p in programas:
            for ind in p.mir:
                propio = bool(ind.umbrales)
                _, (anios, propios) = columnas_de([ind.metas], ("anio", "semaforo"))
                for year, suyo in zip(anios, propios, strict=True):
                    if suyo or propio:
                        u = _umbrales(suyo, ind.umbrales)
                        if u:
                            umbrales[(p.ramo, p.clave, ind.id, year)] = u
    if not umbrales:
        return [None] * len(df)
    keys = zip(df["ramo"], df["clave"], df["id"], df["anio"], strict=True)
    por_fila = [umbrales.get(key) or _SIN for key in keys]
    return colores_semaforo(por_fila, list(df["valor"]), list(df["sentido"]), metodologia)


_SIN: dict = {}  # (read only)


def colores_semaforo(umbrales: list[dict], valores, sentidos, metodologia) -> list[str | None]:
    """SHCP's colour of each row, from its thresholds (`_umbrales`; empty: no colour), its
    valor (a float, or the spec's integer beyond 2⁵³; NaN or None for none) and its
    indicator's sentido."""
    sem = metodologia.semaforo
    out: list[str | None] = [None] * len(umbrales)
    if sem is None:
        return out
    for i in [i for i, u in enumerate(umbrales) if u]:
        valor = valores[i]
        if valor is None or valor != valor:
            v = None
        elif isinstance(valor, int):  # (beyond 2⁵³ the frame keeps the spec's integer)
            v = Decimal(valor)
        else:
            v = Decimal(repr(float(valor)))
        out[i] = color_semaforo(v, sentidos[i], umbrales[i], sem)
    return out


def semaforos_por_fila(
    propios: list[dict], del_indicador: list[dict], valores, sentidos, metodologia
):
    """`semaforos` for rows given with their year's semáforo and their indicator's umbrales."""
    umbrales = [
        _umbrales(suyo, ind) if suyo or ind else _SIN
        for suyo, ind in zip(propios, del_indicador, strict=True)
    ]
    return colores_semaforo(umbrales, valores, sentidos, metodologia)
