"""Pure calculators and classifiers: records in, rows out. No printing, no file access.

One name and one argument order each: `calcular_<cifra>(programas, anio=None, *,
metodologia=…)` (cobertura, cumplimiento, presupuesto, monitoreo, ised; `calcular_sexenal` takes a
programa derivado). `conteos` counts «n (p%)» statements; `base` holds the shared ratios.
"""
