"""Command-level queries: specs and options in, one `Tabla` out (what each command answers).

`tablas` holds programas, cobertura, cumplimiento, presupuesto, monitoreo and verificar;
`derivado` the sexenal/calidad tables over derived records; `resumen` the diagnóstico summary.
"""
