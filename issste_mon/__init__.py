"""issste-mon: monitoreo de programas sociales del ISSSTE (Ramo 51) a partir de specs YAML.

The public API (see `issste_mon.api`)::

    import issste_mon as im

    specs = im.cargar("specs/")
    t = im.cumplimiento(specs, anio=2023)     # a Tabla: .filas, .columnas, .to_dataframe()
    im.verificar(specs).resumen               # a Verificacion report

Importing the package is cheap: the names below load their modules on first use.

Layout, by responsibility: `carga/` (read, parse, guard, cache specs → typed records of
`modelo`), `calc/` (pure calculators), `consultas/` (one table per question), `auditoria/`
(published figures against the computation), `salida/` (the `Tabla` type and its renderers),
`ficha/`, `importar/` (SHCP open data → specs) and `cli/` (the `issste-mon` command only).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name → module that defines it; resolved lazily by __getattr__ (PEP 562).
_API = {
    # loading
    "cargar": "issste_mon.api",
    "cargar_metodologia": "issste_mon.api",
    # queries
    "programas": "issste_mon.api",
    "cobertura": "issste_mon.api",
    "cumplimiento": "issste_mon.api",
    "presupuesto": "issste_mon.api",
    "monitoreo": "issste_mon.api",
    "verificar": "issste_mon.api",
    "sexenal": "issste_mon.api",
    "calidad": "issste_mon.api",
    "resumen": "issste_mon.api",
    "tendencias": "issste_mon.api",
    "alertas": "issste_mon.api",
    # SHCP open data → specs
    "importar_avance": "issste_mon.importar.operaciones",
    "importar_poblaciones": "issste_mon.importar.operaciones",
    "importar_ised": "issste_mon.importar.operaciones",
    "Importacion": "issste_mon.importar.operaciones",
    # result and record types
    "Tabla": "issste_mon.salida.tabla",
    "Columna": "issste_mon.salida.tabla",
    "Tipo": "issste_mon.salida.tabla",
    "Verificacion": "issste_mon.auditoria",
    "Recuento": "issste_mon.auditoria",
    "Hallazgo": "issste_mon.auditoria",
    "Veredicto": "issste_mon.vocab",
    "SpecSet": "issste_mon.carga.loader",
    "Metodologia": "issste_mon.metodologia",
    "Problem": "issste_mon.errores",
    # errors
    "ErrorIssste": "issste_mon.errores",
    "SpecError": "issste_mon.errores",
    "EntradaInvalida": "issste_mon.errores",
    "SinRespuesta": "issste_mon.errores",
    "ClaveDesconocida": "issste_mon.errores",
    "ClaveNoValida": "issste_mon.errores",
    "SinDatos": "issste_mon.errores",
}

__all__ = [
    "cargar",
    "cargar_metodologia",
    "programas",
    "cobertura",
    "cumplimiento",
    "presupuesto",
    "monitoreo",
    "verificar",
    "sexenal",
    "calidad",
    "resumen",
    "tendencias",
    "alertas",
    "importar_avance",
    "importar_poblaciones",
    "importar_ised",
    "Importacion",
    "Tabla",
    "Columna",
    "Tipo",
    "Verificacion",
    "Recuento",
    "Hallazgo",
    "Veredicto",
    "SpecSet",
    "Metodologia",
    "Problem",
    "ErrorIssste",
    "SpecError",
    "EntradaInvalida",
    "SinRespuesta",
    "ClaveDesconocida",
    "ClaveNoValida",
    "SinDatos",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        # A subpackage the documentation names (`issste_mon.api.revisar`, `issste_mon.errores`)
        # is an attribute whether or not something imported it already: `im.api` was an
        # AttributeError in a fresh session and the module after any query.
        if not name.startswith("_"):
            try:
                return importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{__name__}.{name}":
                    raise
        raise AttributeError(f"module 'issste_mon' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


if TYPE_CHECKING:
    from issste_mon.api import (
        alertas,
        calidad,
        cargar,
        cargar_metodologia,
        cobertura,
        cumplimiento,
        monitoreo,
        presupuesto,
        programas,
        resumen,
        sexenal,
        tendencias,
        verificar,
    )
    from issste_mon.auditoria import Hallazgo, Recuento, Verificacion
    from issste_mon.carga.loader import SpecSet
    from issste_mon.errores import (
        ClaveDesconocida,
        ClaveNoValida,
        EntradaInvalida,
        ErrorIssste,
        Problem,
        SinDatos,
        SinRespuesta,
        SpecError,
    )
    from issste_mon.importar.operaciones import (
        Importacion,
        importar_avance,
        importar_ised,
        importar_poblaciones,
    )
    from issste_mon.metodologia import Metodologia
    from issste_mon.salida.tabla import Columna, Tabla, Tipo
    from issste_mon.vocab import Veredicto
