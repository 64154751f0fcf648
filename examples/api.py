"""issste-mon from Python: load the specs once, ask several questions, use the answers.

Run it with `python examples/api.py [SPECS…]` (default: the specs bundled with the package).
"""

from __future__ import annotations

import sys

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir


def main(rutas: list[str]) -> int:
    specs = im.cargar(*(rutas or [bundled_specs_dir()]))
    print(f"{len(specs.programas)} programas, {len(specs.dependencias)} dependencias")

    # A table: typed columns, raw rows, and a DataFrame when you want one.
    t = im.cumplimiento(specs, "E045")
    print(t.titulo, "—", ", ".join(f"{c.clave} ({c.tipo})" for c in t.columnas if c.numerica))
    df = t.to_dataframe()
    calculables = df.dropna(subset=["cumplimiento_pct"])
    for fila in calculables.itertuples():
        print(f"  {fila.clave} {fila.anio} {fila.id}: {fila.cumplimiento_pct:.1f} % ({fila.rango})")

    # Budget rows as plain dicts (what `issste-mon presupuesto -f json` prints).
    for r in im.presupuesto(specs, "E045", anio=2016).to_records():
        print(
            f"  presupuesto {r['anio']}: {r['ejercido_mdp']:,.2f} MDP, {r['porcentaje_ramo']:.2f} %"
        )

    # The verification report: a verdict, counts, and one finding per published figure.
    informe = im.verificar(specs)
    print(informe.veredicto.value, "—", informe.resumen)
    difieren = [h for h in informe.hallazgos if h.resultado.veredicto is im.Veredicto.difiere]
    for h in difieren[:3]:
        print(f"  {h.archivo}:{h.linea}: {h.cifra}: publicado {h.publicado}")

    # Errors are exceptions of one hierarchy; an empty answer is SinDatos.
    try:
        im.cobertura(specs, "E045", anio=1990)
    except im.SinDatos as exc:
        print("sin datos:", exc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
