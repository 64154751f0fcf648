"""`calc.alertas.evaluar` for a table: the same rows, in the same order, as columns (issue 21 at
federal scale: 10⁵ alerts).

Each alert is a tuple in `CLAVES` order, not a dict: the table reads its columns from one
transposition (`zip(*filas)`) instead of a lookup per cell. «Meta no alcanzada», «deterioro»
and «cambio de tendencia» — 99 % of a federal set's alerts — are made here for a series without
a semáforo, a spec `nota` of a year or a year outside its program (`_rapida`); every verdict
stays the exact one:

- a year or a pair is left out on its binary values only where that is provably the exact
  answer (`_de_sobra`'s margin for a cumplimiento, tested on every series' years at once with
  numpy: `_a_ver`; for a move against the sentido, the order of two doubles is the order of
  the decimals they were typed from: rounding is monotonic);
- every other one takes the exact decimal comparison of `calc.alertas`, and every figure and
  sentence is made by its functions (`cifras`, `cumplimiento`, `sujeto`), each spec value turned
  into its decimal once (`_Decimales`).

The other rules, and the series left out of the shortcut, go through `calc.alertas` itself, their
dicts made tuples. `tests/test_alertas_columnas.py` compares both ways, row by row.
"""

from __future__ import annotations

from decimal import Decimal

from issste_mon.calc import alertas as calc
from issste_mon.calc import supuestos
from issste_mon.calc.base import con_contexto_propio
from issste_mon.calc.reglas_alertas import (
    CAMBIO_TENDENCIA,
    DETERIORO,
    META_NO_ALCANZADA,
)
from issste_mon.calc.tendencias import (
    TODOS_LOS_ANIOS,
    Periodo,
    Serie,
    cambio_tendencia,
    cumplimiento,
    maquina,
    maquina_junto_a,
)
from issste_mon.metodologia import Metodologia
from issste_mon.modelo import es_numero

# The keys of an alert, in the order of its tuple (`calc.alertas._fila`'s dict).
CLAVES = tuple(calc._VACIA)
_REGLA, _SEVERIDAD, _HASTA = (CLAVES.index(k) for k in ("regla", "severidad", "anio_hasta"))


class _Decimales(dict):
    """A spec value's exact decimal (`tendencias.dec`), made once per float: a federal set
    repeats its values (a valor is both ends of two moves, and the meta of its year). Zero is
    not kept (0.0 and -0.0 are one key and two decimals); an int is not either (1 and 1.0 are
    one key and two decimals)."""

    def __missing__(self, x: float) -> Decimal:
        d = Decimal(repr(x))
        if x:
            self[x] = d
        return d


def _dec(x, memo: _Decimales) -> Decimal | None:
    cls = x.__class__
    if cls is float:
        return memo[x]
    if cls is int:
        return Decimal(x)
    return None if not es_numero(x) else Decimal(int(x))


_F53 = float(2**53)


def _maquina(x, d: Decimal):
    """`maquina(d)` of a spec value x whose decimal is d: a double below 2⁵³ is itself (its
    repr is d), an int there its float; else `maquina`."""
    if x.__class__ is float and -_F53 < x < _F53:
        return x
    return maquina(d)


def _rapida(s: Serie) -> bool:
    """Whether a series' alerts of the three rules are made here: no semáforo (its colours
    decide the meta's alert), no spec `nota` of a year, no figure outside its program's years
    (what `inferido`, metas modificadas and metas supuestas say is said here too)."""
    return not s.semaforos and not s.notas and not s.fuera_posible()


@con_contexto_propio
def evaluar(
    series_: list[Serie],
    programas: list,
    metodologia: Metodologia,
    mejoras: bool = False,
    periodo: Periodo = TODOS_LOS_ANIOS,
    sin_evaluar: list | None = None,
) -> list[tuple]:
    """`calc.alertas.evaluar`'s rows, each a tuple in `CLAVES` order, in its order."""
    r = metodologia.alertas
    if r is None or mejoras:
        return [
            tuple(f.values())
            for f in calc.evaluar(series_, programas, metodologia, mejoras, periodo, sin_evaluar)
        ]
    confianzas = {s: c for s, c, _ in metodologia.fuentes}
    sobre_mna = calc._textos_regla(META_NO_ALCANZADA, False, confianzas)
    sobre_det = calc._textos_regla(DETERIORO, False, confianzas)
    sobre_tendencia = calc._textos_regla(CAMBIO_TENDENCIA, False, confianzas)
    memo = _Decimales()
    out: list[tuple] = []
    rapidas = list(map(_rapida, series_))
    a_ver = iter(_a_ver([s for s, si in zip(series_, rapidas, strict=True) if si], metodologia))
    for s, rapida in zip(series_, rapidas, strict=True):
        if rapida:
            anios = next(a_ver)
            out += _meta_no_alcanzada(s, anios, metodologia, r, sin_evaluar, memo, sobre_mna)
            out += _deterioro(s, r, memo, sobre_det)
            out += _tendencia(s, r, sobre_tendencia)
            hechas = []
        else:
            hechas = calc.meta_no_alcanzada(s, metodologia, r, sin_evaluar)
            hechas += calc.deterioro(s, r)
            hechas += calc.tendencia(s, r)
        hechas += calc.meta_sexenal(s, r, sin_evaluar)
        hechas += calc.sin_informacion(s, r, periodo)
        if hechas:
            out += _tuplas(hechas, metodologia)
    out += _tuplas(calc.cobertura_decreciente(programas, r, *periodo), metodologia)
    lugar = calc.lugar_de(r)
    out.sort(key=lambda a: lugar(a[_SEVERIDAD], a[_REGLA], a[0], a[1], a[3], a[_HASTA]))
    return out


def _tuplas(filas: list[dict], metodologia: Metodologia) -> list[tuple]:
    """Rows of `calc.alertas` as tuples, with what `_sobre_reglas` adds to them."""
    if not filas:
        return []
    calc._sobre_reglas(filas, metodologia)
    return [tuple(f.values()) for f in filas]


def _a_ver(series_: list[Serie], m: Metodologia) -> list[list[int]]:
    """The years of each series' metas «meta no alcanzada» must look at: all but those whose
    cumplimiento is surely at or above the threshold — `calc.alertas._de_sobra`'s test (a float
    above it by more than its error), made on every series' years at once with numpy: the same
    float operations in the same order, on the same doubles (an int below 2⁵³ is one), so the
    same verdicts."""
    import numpy as np

    r = m.alertas
    anios = [sorted(s.metas) for s in series_]
    umbral = float(r.cumplimiento_menor_a)
    if not umbral > 0 or not anios:
        return anios
    minimo = umbral * (1 + calc._HOLGURA)
    formula = {"espejo": 1, "inversa": 2}.get(m.formula_descendente, 3)
    metas: list = []
    valores: list = []
    for s, ys in zip(series_, anios, strict=True):
        metas += map(s.metas.__getitem__, ys)
        valores += map(s.valores.get, ys)
    grupo = np.repeat(
        [formula if s.sentido == "descendente" else 0 for s in series_], list(map(len, anios))
    )
    meta, valor = _dobles(metas), _dobles(valores)
    with np.errstate(all="ignore"):
        cociente = valor / meta
        pct = np.where(grupo == 1, (2 - cociente) * 100, cociente * 100)
        pct = np.where(grupo == 2, meta / valor * 100, pct)
        sobra = (meta > 0) & (minimo < pct) & (pct < np.inf) & (grupo != 3)
        sobra &= (grupo != 2) | (valor > 0)
    sobra_ = iter(sobra.tolist())
    return [[y for y in ys if not next(sobra_)] for ys in anios]


def _dobles(xs: list):
    """The doubles of spec values (`calc.alertas._binarios`): a float, an int below 2⁵³; NaN
    for anything else (ND/NA, None, an int beyond), which no test passes."""
    import numpy as np

    nan = float("nan")
    return np.fromiter(
        (
            x
            if (c := x.__class__) is float
            else (float(x) if c is int and -_DOS_53 < x < _DOS_53 else nan)
            for x in xs
        ),
        float,
        len(xs),
    )


_DOS_53 = 2**53


def _meta_no_alcanzada(s: Serie, anios, m, r, sin_evaluar, memo, sobre) -> list[tuple]:
    """`calc.alertas.meta_no_alcanzada` of a series without a semáforo (`_rapida`), on the
    years `_a_ver` leaves."""
    out = []
    umbral, formula, sentido = r.cumplimiento_menor_a, m.formula_descendente, s.sentido
    metas, valores, cortes = s.metas, s.valores, m.bordes_rango
    sus = fiel = del_indicador = cabeza = None  # (made at the series' first alert)
    for year in anios:
        meta_x, valor_x = metas[year], valores.get(year)
        meta, valor = _dec(meta_x, memo), _dec(valor_x, memo)
        pct = cumplimiento(meta, valor, sentido, formula)
        if pct is None or not pct < umbral:
            if pct is None and meta is not None and valor is not None and sin_evaluar is not None:
                sin_evaluar.append(calc.NoEvaluada(META_NO_ALCANZADA, s, year))
            continue
        if cabeza is None:
            fiel, del_indicador = calc._bajo(s, m, r), calc.de(calc.sujeto(s.indicador))
            sus = supuestos.supuestos(s.inferido, sentido, m)
            sus_nota = supuestos.nota_supuestos(sus)
            cabeza = (s.clave, s.ramo, s.origen, s.id, s.indicador, META_NO_ALCANZADA)
        texto = calc.enunciado_meta(del_indicador, year, *calc.cifras(meta, valor, fiel=fiel))
        if year in s.metas_supuestas:
            supuesta = supuestos.nota_supuestos([*sus, s.metas_supuestas[year]])
        else:
            supuesta = sus_nota
        aviso = s.notas_meta.get(year)
        if aviso:  # (as `_fila` joins them: the meta's words, then what it rests on)
            nota = "; ".join(filter(None, [aviso, supuesta])) or None
        else:
            nota = supuesta or None
        nota, supuesto = _sobre(nota, supuesta is not None, sobre)
        out.append(
            (
                *cabeza,
                r.severidad_meta,
                year,
                year,
                None,
                _maquina(valor_x, valor),
                _maquina(meta_x, meta),
                maquina_junto_a(pct, cortes),
                None,
                None,
                texto,
                nota,
                s.fuente_de(year),
                supuesto,
            )
        )
    return out


def _sobre(nota: str | None, supuesto: bool, textos: list[str]) -> tuple[str | None, bool]:
    """`calc.alertas._sobre_reglas` of one row: what its rule rests on, after its nota."""
    if not textos:
        return nota, supuesto
    if nota and supuestos.PREFIJO in nota:
        return f"{nota}; {'; '.join(textos)}", True
    return "; ".join(filter(None, [nota, supuestos.nota_supuestos(textos)])), True


def _deterioro(s: Serie, r, memo, sobre) -> list[tuple]:
    """`calc.alertas.deterioro` of a series of `_rapida`. A pair's move is left out on its
    doubles alone where the threshold is 0 (the default): two doubles compare as the decimals
    they were typed from (`Decimal(repr(x))` rounds back to x, and rounding is monotonic), an
    int below 2⁵³ is a double too."""
    sentido = s.sentido
    if sentido not in ("ascendente", "descendente"):
        return []
    puntos = [(y, v) for y, v in sorted(s.valores.items()) if es_numero(v)]
    pts = [(y, _dec(v, memo)) for y, v in puntos]
    if s._puntos is None:  # (the same decimals `Serie.puntos` makes: the other rules read it)
        s._puntos = pts
    umbral = r.deterioro_mayor_a
    sube = sentido == "ascendente"
    por_orden = umbral == 0
    out = []
    sus = False
    cabeza = fiel = quien = fuente = nota = supuesto = None
    for i in range(1, len(pts)):
        x0, x1 = puntos[i - 1][1], puntos[i][1]
        if por_orden and _binario(x0) and _binario(x1):
            if (x1 >= x0) if sube else (x1 <= x0):
                continue
        (a0, v0), (a1, v1) = pts[i - 1], pts[i]
        delta = v1 - v0
        contra = -delta if sube else delta
        if contra <= umbral:
            continue
        if cabeza is None:
            sus = calc._supuesta(s)
            nota, supuesto = _sobre(sus or None, sus is not None, sobre)  # (the series')
            fiel = calc._mas_que(umbral, not sube)
            quien = calc.sujeto(s.indicador)
            cabeza = (s.clave, s.ramo, s.origen, s.id, s.indicador, DETERIORO)
            fuente = s.fuente_de(a0, a1) if not s.fuentes else None
        texto = calc.enunciado_deterioro(a0, a1, delta, quien, *calc.cifras(v0, v1, fiel=fiel))
        out.append(
            (
                *cabeza,
                r.severidad_deterioro,
                a0,
                a1,
                _maquina(x0, v0),
                _maquina(x1, v1),
                None,
                None,
                None,
                None,
                texto,
                nota,
                s.fuente_de(a0, a1) if s.fuentes else fuente,
                supuesto,
            )
        )
    return out


def _tendencia(s: Serie, r, sobre) -> list[tuple]:
    """`calc.alertas.tendencia` of a series of `_rapida`: the same sentence
    (`enunciado_tendencia`), the documents of every year the trend rests on."""
    pts = s.puntos()
    c = cambio_tendencia(pts, r.tendencia_mayor_a, r.tendencia_valores_minimos)
    if c is None:
        return []
    desde, hasta = c.inicio[0], c.fin[0]
    nota, supuesto = _sobre(None, False, sobre)
    return [
        (
            s.clave,
            s.ramo,
            s.origen,
            s.id,
            s.indicador,
            CAMBIO_TENDENCIA,
            r.severidad_tendencia,
            c.desde,
            hasta,
            maquina(c.giro[1]),
            maquina(c.fin[1]),
            None,
            None,
            None,
            None,
            calc.enunciado_tendencia(s, c, r),
            nota,
            s.fuente_de(*sorted({a for a, _ in pts if desde <= a <= hasta})),
            supuesto,
        )
    ]


def _binario(x) -> bool:
    """A float, or an int a double holds (a bool is no figure: `es_numero` left it out)."""
    cls = x.__class__
    return cls is float or (cls is int and -(2**53) < x < 2**53)
