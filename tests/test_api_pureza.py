"""What the library hands a caller cannot be used to change later answers, and its answers do
not depend on (nor change) the caller's interpreter state."""

from __future__ import annotations

import pytest

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir


@pytest.fixture(scope="module")
def s():
    return im.cargar(bundled_specs_dir())


def _intentos(m):
    """Every way a notebook could change the bundled methodology's rules in place."""
    return [
        lambda: m.inmonitoreo.append(m.inmonitoreo[0]),
        lambda: m.ised.reverse(),
        lambda: m.etiquetas_rango.__setitem__("alto", "Excelente"),
        lambda: m.agrupaciones_calidad["Destacado o Adecuado"].append("Moderado"),
        lambda: m.inmonitoreo_cortes_posibles.clear(),
        lambda: m.fuentes.clear(),
        lambda: m.sexenal.categorias.pop(),
        lambda: m.meta_intermedia.categorias.pop(),
        lambda: m.alertas.severidades.reverse(),
        lambda: m.alertas.requiere.clear(),
    ]


def test_the_bundled_methodology_cannot_be_changed_through_its_lists(s):
    """`cargar_metodologia()` is the one methodology every query without `metodologia` uses:
    appending to its bands made every later `verificar` fail (AttributeError deep inside) and
    relabelling its rango would have printed «Excelente» under «metodología por omisión»."""
    antes = im.verificar(s).tabla.to_records(), im.cumplimiento(s).to_records()
    m = im.cargar_metodologia()
    for i, intento in enumerate(_intentos(m)):
        with pytest.raises((TypeError, AttributeError)):
            intento()
        assert (im.verificar(s).tabla.to_records(), im.cumplimiento(s).to_records()) == antes, i
    assert m == im.cargar_metodologia() and hash(m.alertas) == hash(m.alertas)


def test_a_copy_with_changes_is_frozen_too():
    m = im.cargar_metodologia().con(formula_descendente="espejo")
    assert m.formula_descendente == "espejo"
    for intento in _intentos(m):
        with pytest.raises((TypeError, AttributeError)):
            intento()


def test_a_frozen_methodology_still_pickles_and_copies():
    """It goes to worker processes (pickle) and into `copy.deepcopy` as before, still frozen."""
    import copy
    import pickle

    m = im.cargar_metodologia()
    for otra in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m), copy.copy(m)):
        assert otra == m and dict(otra.etiquetas_rango) == dict(m.etiquetas_rango)
        for intento in _intentos(otra):
            with pytest.raises((TypeError, AttributeError)):
                intento()


def _consultas(s):
    """Every query of the API over `s`, each with what it answers as records."""
    return {
        "programas": lambda: im.programas(s),
        "cobertura": lambda: im.cobertura(s),
        "cumplimiento": lambda: im.cumplimiento(s),
        "cumplimiento por partes": lambda: list(im.cumplimiento(s, por_partes=True).partes()),
        "presupuesto": lambda: im.presupuesto(s),
        "monitoreo": lambda: im.monitoreo(s),
        "verificar": lambda: im.verificar(s).tabla,
        "sexenal": lambda: im.sexenal(s),
        "sexenal --filas": lambda: im.sexenal(s, filas="enfoque", columnas="avance_sexenal"),
        "calidad": lambda: im.calidad(s),
        "calidad --distribucion": lambda: im.calidad(s, distribucion=True),
        "resumen": lambda: im.resumen(s),
        "resumen --enunciados": lambda: im.resumen(s, enunciados=True),
        "tendencias": lambda: im.tendencias(s),
        "alertas": lambda: im.alertas(s),
        "alertas --mejoras": lambda: im.alertas(s, mejoras=True),
    }


def _respuestas(s) -> dict:
    """Each answer as text: records, DataFrame (NaN ≠ NaN would hide nothing but fail `==`)."""
    out = {}
    for nombre, consulta in _consultas(s).items():
        t = consulta()
        if isinstance(t, list):  # (the parts: columns as arrays)
            out[nombre] = repr([{k: list(v) for k, v in parte.items()} for parte in t])
        else:
            out[nombre] = repr(t.to_records()) + t.to_dataframe().to_json()
    return out


def _contexto_hostil():
    """What a careful analyst may set for their own work: few digits, another rounding, and
    every signal trapped (the `decimal` docs suggest trapping FloatOperation)."""
    import decimal

    return decimal.localcontext(
        prec=2, rounding=decimal.ROUND_FLOOR, traps=list(decimal.getcontext().flags)
    )


def test_answers_do_not_depend_on_the_callers_decimal_context(s):
    """The library computes in contexts of its own: the caller's precision, rounding and traps
    change no figure and raise nothing (a FloatOperation trap made `tendencias`, `alertas`,
    `verificar`… raise decimal.FloatOperation; 2 digits made `monitoreo` raise
    InvalidOperation), and the caller's flags are left as they were."""
    import decimal

    esperado = _respuestas(s)
    im.cargar(bundled_specs_dir(), cache=True)  # (so that the next one reads the cache)
    with _contexto_hostil() as ctx:
        ctx.clear_flags()  # (a copy of the test's context: flags other code set before)
        assert _respuestas(s) == esperado
        assert _respuestas(im.cargar(bundled_specs_dir(), cache=True)) == esperado
        assert [f for f, puesta in ctx.flags.items() if puesta] == []
    assert decimal.getcontext().prec == 28  # (the test's own context is back)


def _vaciar(filas) -> int:
    """Empty every list or dict a row holds, as a notebook might; how many it emptied."""
    n = 0
    for fila in filas:
        for v in fila.values():
            if isinstance(v, list | dict) and v:
                v.clear()
                n += 1
    return n


def test_what_a_query_returns_is_the_callers_to_change(s):
    """A row's lists are its own: `cumplimiento` rows held the indicator's own `inferido`
    list, so clearing it in a notebook emptied the spec's, and every later `verificar`,
    `tendencias` or `alertas` took an inferred sentido as printed."""
    esperado = _respuestas(s)
    vaciadas = 0
    for nombre, consulta in _consultas(s).items():
        if nombre == "cumplimiento por partes":
            continue
        t = consulta()
        vaciadas += _vaciar(t.filas) + _vaciar(t.to_records())
        df = t.to_dataframe()
        vaciadas += _vaciar(df.to_dict("records"))
    assert vaciadas > 0  # (the test emptied something)
    assert _respuestas(s) == esperado
