"""issste-mon from Python: load the specs once, ask several questions, use the answers.

Run it with `python examples/api.py [SPECS…]` (default: the specs bundled with the package).
The questions are about E045 when the specs have it, else about their first programa.
"""

from __future__ import annotations

import sys

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.salida.plural import plural


def main(rutas: list[str]) -> int:
    try:
        specs = im.cargar(*(rutas or [bundled_specs_dir()]))
    except im.ErrorIssste as exc:  # SpecError: every problem of every file, one per line
        print(exc, file=sys.stderr)
        return 2
    print(
        f"{plural(len(specs.programas), 'programa')}, "
        f"{plural(len(specs.dependencias), 'dependencia')}"
    )
    claves = [p.clave for p in specs.programas]
    if not claves:
        print("estas specs no tienen ningún programa: este ejemplo pregunta por uno")
        return 1
    clave = "E045" if "E045" in claves else claves[0]
    programa = specs.programas[claves.index(clave)]

    # A table: typed columns, raw rows, and a DataFrame when you want one. A programa without
    # MIR has no rows: the library says so with SinDatos, as it does for any empty answer.
    try:
        t = im.cumplimiento(specs, clave)
    except im.SinDatos as exc:
        print("sin datos:", exc)
    else:
        print(t.titulo, "—", ", ".join(f"{c.clave} ({c.tipo})" for c in t.columnas if c.numerica))
        calculables = t.to_dataframe().dropna(subset=["cumplimiento_pct"])
        for f in calculables.itertuples():
            print(f"  {f.clave} {f.anio} {f.id}: {f.cumplimiento_pct:.1f} % ({f.rango})")

    # Budget rows as plain dicts (what `issste-mon presupuesto -f json` prints); a figure the
    # spec does not give is None, with its reason in `<columna>_estado`.
    if programa.presupuesto:
        anio = min(p.anio for p in programa.presupuesto)
        for r in im.presupuesto(specs, clave, anio=anio).to_records():
            ejercido, pct = r["ejercido_mdp"], r["porcentaje_ramo"]
            print(
                f"  presupuesto {r['anio']}: "
                + (f"{ejercido:,.2f} MDP" if ejercido is not None else "ejercido no disponible")
                + (f", {pct:.2f} %" if pct is not None else "")
            )

    # The verification report: a verdict, counts, and one finding per published figure (specs
    # that transcribe no published figure have nothing to verify: SinDatos).
    try:
        informe = im.verificar(specs)
    except im.SinDatos as exc:
        print("sin datos:", exc)
    else:
        print(informe.veredicto.value, "—", informe.resumen)
        difieren = [h for h in informe.hallazgos if h.resultado.veredicto is im.Veredicto.difiere]
        for h in difieren[:3]:
            print(f"  {h.archivo}:{h.linea}: {h.cifra}: publicado {h.publicado}")

    # Errors are exceptions of one hierarchy; an empty answer is SinDatos.
    try:
        im.cobertura(specs, clave, anio=1990)
    except im.SinDatos as exc:
        print("sin datos:", exc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
