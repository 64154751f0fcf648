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
