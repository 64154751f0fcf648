"""A synthetic federal spec set in contract v1, deterministic for a given seed and size.

Shaped like SHCP's MIR progress data for 2013–2020 (~1,700 programs, ~139,000 indicator-year
rows): programs spread over ramos (one folder per ramo, since a clave is unique only within its
ramo), ~17 indicators each at the four MIR levels, a realistic mix of sentido, ND/NA and missing
figures, modified metas, published figures, and populations split into components with different
units. The same arguments always give byte-identical files. With --completo, also what the
other commands read (completo.py): ISeD, Diagnóstico attributes, a second InMonitoreo year, and
per ramo a dependencia and programas derivados with metas sexenales and calidad.

    python benchmarks/generate.py SALIDA [--programas 1700] [--indicadores 17] [--anios 8]
                                         [--completo]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

MODALIDADES = "SSSUEEEEEEBBKPPMOGFR"  # weighted like the federal catalogue: E and S dominate
RAMOS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 23, 27, 33, 36, 38, 45]
RAMOS += [46, 47, 48, 50, 51]
PRIMER_ANIO = 2013

WORDS = (
    "apoyo atención servicios salud educación vivienda infraestructura capacitación "
    "fomento desarrollo protección seguridad social programa acciones población niñas niños "
    "mujeres hombres personas productores comunidades municipios escuelas hospitales becas "
    "créditos subsidios cobertura calidad acceso inclusión prevención rural urbana indígenas "
    "jóvenes adultos mayores trabajadores derechohabientes estancias préstamos cultura deporte"
).split()
UNIDADES = [
    "Personas",
    "Porcentaje",
    "Derechohabientes",
    "Niños y niñas",
    "Escuelas",
    "Municipios",
    "Hectáreas",
    "Servicios",
    "Apoyos",
    "Tasa por cada 1000 habitantes",
]
NIVELES = ["Fin", "Propósito", "Componente", "Actividad"]
SENTIDOS = ["ascendente"] * 15 + ["descendente"] * 4 + ["constante"]
DIMENSIONES = ["eficacia"] * 6 + ["eficiencia"] * 2 + ["calidad", "economía"]
FRECUENCIAS = ["anual", "anual", "semestral", "trimestral", "mensual"]


def _frase(rng: random.Random, n: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[0].upper() + text[1:]


def _cifra(rng: random.Random, base: float, decimales: int) -> str:
    """A figure as a spec writes it: mostly a number, sometimes ND/NA, sometimes blank (None)."""
    r = rng.random()
    if r < 0.05:
        return "ND"
    if r < 0.06:
        return "NA"
    value = base * rng.uniform(0.6, 1.35)
    return f"{value:.{decimales}f}" if decimales else str(round(value))


def _niveles(rng: random.Random, n: int) -> list[str]:
    """One Fin, one or two Propósito, then Componente and Actividad in MIR proportions."""
    head = ["Fin", "Propósito"] + (["Propósito"] if rng.random() < 0.3 else [])
    rest = n - len(head)
    comps = max(1, rest // 3)
    return (head + ["Componente"] * comps + ["Actividad"] * (rest - comps))[:n]


def _indicador(rng: random.Random, i: int, nivel: str, anios: list[int]) -> list[str]:
    unidad = rng.choice(UNIDADES)
    pct = unidad == "Porcentaje"
    base = rng.uniform(50, 100) if pct else 10 ** rng.uniform(1, 6)
    dec = 2 if pct or rng.random() < 0.4 else 0
    lines = [
        f"  - id: I{i + 1}",
        f"    nivel: {nivel}",
        f"    nombre: {_frase(rng, rng.randint(6, 14))}",
        f"    metodo_calculo: ({_frase(rng, 3)} / {_frase(rng, 3).lower()}) * 100",
        f"    unidad_medida: {unidad}",
        f"    tipo: {'estratégico' if nivel in ('Fin', 'Propósito') else 'gestión'}",
        f"    dimension: {rng.choice(DIMENSIONES)}",
        f"    frecuencia: {rng.choice(FRECUENCIAS)}",
        f"    sentido: {rng.choice(SENTIDOS)}",
        f"    linea_base: {{anio: {anios[0] - 1}, valor: {_cifra(rng, base, dec)}}}",
        "    metas:",
    ]
    for year in anios:
        if rng.random() < 0.04:  # indicator not reported that year
            continue
        parts = [f"meta: {_cifra(rng, base, dec)}"]
        if rng.random() < 0.12:
            parts.append(f"meta_modificada: {_cifra(rng, base, dec)}")
        if rng.random() > 0.03:  # a few years have a meta and no valor yet
            parts.append(f"valor: {_cifra(rng, base, dec)}")
        if rng.random() < 0.1:
            parts.append(f'publicado: {{cumplimiento: "{rng.randint(60, 140)}%"}}')
        lines.append(f"      {year}: {{{', '.join(parts)}}}")
    return lines


def _poblaciones(rng: random.Random, anios: list[int]) -> list[str]:
    lines = ["poblaciones:"]
    componentes = rng.random() < 0.25
    for year in anios[-4:]:
        lines.append(f"  {year}:")
        if componentes:  # units differ per component: never summed
            lines.append("    componentes:")
            for _ in range(rng.randint(2, 4)):
                lines += [
                    f"      - nombre: {_frase(rng, 4)}",
                    f"        unidad_medida: {rng.choice(UNIDADES[:6])}",
                    *_figuras(rng, "        "),
                ]
        else:
            lines += [f"    unidad_medida: {rng.choice(UNIDADES[:6])}", *_figuras(rng, "    ")]
    return lines


def _figuras(rng: random.Random, indent: str) -> list[str]:
    potencial = round(10 ** rng.uniform(3, 7))
    objetivo = round(potencial * rng.uniform(0.05, 0.9))
    atendida = "ND" if rng.random() < 0.08 else str(round(objetivo * rng.uniform(0.5, 1.1)))
    return [
        f"{indent}potencial: {potencial}",
        f"{indent}objetivo: {objetivo}",
        f"{indent}atendida: {atendida}",
    ]


def programa(
    rng: random.Random, clave: str, ramo: int, indicadores: int, anios: int, extra=()
) -> str:
    years = list(range(PRIMER_ANIO, PRIMER_ANIO + anios))
    n = max(2, round(rng.gauss(indicadores, indicadores / 4)))
    lines = [
        f"clave: {clave}",
        f"ramo: {ramo}",
        f"dependencia: Dependencia {ramo}",
        f"nombre: {_frase(rng, rng.randint(3, 7))}",
        f"unidad_responsable: Dirección General de {_frase(rng, 3).lower()}",
        f"inicio: {years[0]}",
        *_poblaciones(rng, years),
        "presupuesto:",
    ]
    for year in years:
        ejercido = 10 ** rng.uniform(1, 4)
        lines.append(f"  {year}: {{ejercido: {ejercido:.2f}, ramo: {ejercido * 80:.2f}}}")
    lines.append("mir:")
    for i, nivel in enumerate(_niveles(rng, n)):
        lines += _indicador(rng, i, nivel, years)
    lines += ["monitoreo:", f"  2024: {{valoracion: {rng.uniform(0.2, 1):.3f}}}", *extra]
    return "\n".join(lines) + "\n"


def generate(
    out: Path, programas=1700, indicadores=17, anios=8, seed=2024, *, completo=False
) -> list[Path]:
    """Write the set under `out` (replaced if it exists); returns the list of files.
    `completo`: with the sections of completo.py."""
    if completo:
        import completo as mas
    por_ramo: dict[int, dict] = {}
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    used: set[tuple[int, str]] = set()
    files = []
    while len(files) < programas:
        ramo = rng.choice(RAMOS)
        clave = f"{rng.choice(MODALIDADES)}{rng.randint(1, 999):03d}"
        if (ramo, clave) in used:
            continue
        used.add((ramo, clave))
        path = out / f"ramo_{ramo:02d}" / f"{clave}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        extra: list[str] = []
        if completo:
            extra, diag = mas.programa(seed, ramo, clave)
            por_ramo.setdefault(ramo, {})[clave] = diag
        text = programa(rng, clave, ramo, indicadores, anios, extra)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    if completo:
        files += mas.por_ramo(out, seed, por_ramo, _frase)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("salida", type=Path, help="carpeta de salida (se reemplaza)")
    ap.add_argument("--programas", type=int, default=1700)
    ap.add_argument("--indicadores", type=int, default=17, help="promedio por programa")
    ap.add_argument("--anios", type=int, default=8, help=f"años desde {PRIMER_ANIO}")
    ap.add_argument("--semilla", type=int, default=2024)
    ap.add_argument(
        "--completo",
        action="store_true",
        help="también ISeD, diagnóstico, dependencias y programas derivados (completo.py)",
    )
    args = ap.parse_args()
    files = generate(
        args.salida,
        args.programas,
        args.indicadores,
        args.anios,
        args.semilla,
        completo=args.completo,
    )
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} archivos, {size / 1e6:.1f} MB en {args.salida}")


if __name__ == "__main__":
    main()
