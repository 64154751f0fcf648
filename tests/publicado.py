"""Layouts printed in the seeds, written once for the tests that compare against them."""

# Seed 004, «Distribución del avance de los indicadores respecto de su meta sexenal»: columns.
AVANCE_SEXENAL_COLUMNAS = [
    "Superado",
    "Avanzado",
    "Adecuado",
    "Insuficiente",
    "Rezagado",
    "Muy rezagado",
    "NR",
]
