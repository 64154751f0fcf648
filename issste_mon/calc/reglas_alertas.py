"""The rules of `alertas`: their ids (machine output, `--regla`) and what people read.

Light on purpose: `alertas --help` lists them without importing the calculators.
"""

from __future__ import annotations

META_NO_ALCANZADA = "meta_no_alcanzada"
DETERIORO = "deterioro"
CAMBIO_TENDENCIA = "cambio_tendencia"
META_SEXENAL = "meta_sexenal_en_riesgo"
SIN_INFORMACION = "sin_informacion"
COBERTURA = "cobertura_decreciente"
MEJORA = "mejora"  # (calc.tendencias.MEJORA: the rule of «¿Qué ha mejorado?»)
REGLAS = (META_NO_ALCANZADA, DETERIORO, CAMBIO_TENDENCIA, META_SEXENAL, SIN_INFORMACION, COBERTURA)

# What people read for each rule (tables, Markdown, the ficha, messages); csv, json and xlsx
# keep the ids, which scripts and `--regla` use.
ETIQUETAS = {
    META_NO_ALCANZADA: "Meta no alcanzada",
    DETERIORO: "Deterioro",
    CAMBIO_TENDENCIA: "Cambio de tendencia",
    META_SEXENAL: "Meta sexenal en riesgo",
    SIN_INFORMACION: "Sin información",
    COBERTURA: "Cobertura decreciente",
    MEJORA: "Mejora",
}


def etiqueta(regla: str) -> str:
    """A rule as people read it («Meta no alcanzada» for `meta_no_alcanzada`)."""
    return ETIQUETAS.get(regla, regla)


def con_etiquetas() -> str:
    """«meta_no_alcanzada (Meta no alcanzada), deterioro (Deterioro), …»."""
    return ", ".join(f"{r} ({etiqueta(r)})" for r in REGLAS)
