"""The sections `generate.py --completo` adds to a synthetic set, for the commands that read more
than the MIR: per program a second InMonitoreo valoración, SHCP's ISeD (2019 and 2020 editions)
and the Diagnóstico's attributes; per ramo a dependencia (InMonitoreo, subíndice, lugar, its
programas sociales and «n (p%)» statements counted from those attributes) and programas
derivados (one per ~10 programs of the ramo) whose indicators carry calidad, criterios, línea
base, meta sexenal, metas intermedias and valores.

Each section draws from its own generator seeded by (semilla, ramo, clave): the base set's
stream is untouched, so without --completo the files are byte-identical to those before it.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

BANDAS_ISED = [(0.8, "Alto"), (0.6, "Medio alto"), (0.4, "Medio"), (0.2, "Medio bajo")]
ATRIBUTOS = {
    "proposito_derecho_social": ["directo", "indirecto"],
    "logica_vertical": ["destacada", "ajustes_mayores"],
    "problema_y_poblacion": ["adecuado", "ajustes_mayores"],
    "indicadores_proposito_derecho_social": ["directo", "no_directo"],
    "calidad_indicadores_mir": ["destacada", "ajustes_minimos", "ajustes_significativos"],
    "cumplimiento_metas": ["adecuado", "impulsar"],
    "indicador_proposito_resultados": ["si", "no"],
    "indicador_cobertura": ["si", "no"],
    "proposito_bien_planteado": ["si", "no"],
    "componentes_necesarios_suficientes": ["si", "no"],
    "calidad_objetivos_mir": ["maxima", "menos_de_la_mitad"],
}
CALIDADES = ["Destacado", "Adecuado"] + ["Moderado"] * 3 + ["Oportunidad de mejora"] * 4
CRITERIOS = ["claridad", "relevancia", "monitoreabilidad", "adecuacion", "pertinencia_tematica"]
ENFOQUES = ["Resultados", "Coordinación"] + ["Gestión"] * 3
AVANCES = ["Superado", "Avanzado", "Adecuado", "Insuficiente", "Rezagado", "Muy rezagado"]
INTERMEDIAS = ["Logro muy superado", "Alcanzada", "No alcanzada", "Retroceso"]


def _rng(seed: int, ramo: int, clave: str, que: str) -> random.Random:
    return random.Random(f"{seed}:{ramo}:{clave}:{que}")


def _banda(valor: float) -> str:
    return next((n for desde, n in BANDAS_ISED if valor >= desde), "Bajo")


def programa(seed: int, ramo: int, clave: str) -> tuple[list[str], dict | None]:
    """(the lines appended to a program's spec, its diagnóstico attributes or None)."""
    rng = _rng(seed, ramo, clave, "programa")
    lines = [f"  2022: {{valoracion: {rng.uniform(0.1, 1):.3f}}}", "ised:"]
    for edicion in (2019, 2020):
        if rng.random() < 0.15:  # not valued that edition
            continue
        if rng.random() < 0.02:
            lines.append(f"  {edicion}: {{valor: ND}}")
            continue
        valor = round(rng.uniform(0, 1), rng.choice([9, 9, 9, 8, 2]))
        nivel = _banda(valor)
        if rng.random() < 0.03:  # SHCP's band disagrees with the value: verificar's «difiere»
            nivel = rng.choice([b for _, b in BANDAS_ISED if b != nivel])
        lines.append(f"  {edicion}: {{valor: {valor}, publicado: {{nivel: {nivel}}}}}")
    if len(lines) == 2:
        lines.pop()
    if rng.random() < 0.3:  # not a social program valued by the Diagnóstico
        return lines, None
    diag = {k: rng.choice(v) for k, v in ATRIBUTOS.items() if rng.random() < 0.98}
    lines += ["diagnostico:", "  2024:", '    fuente: "Diagnóstico de Monitoreo 2024"']
    lines += [f'    {k}: "{v}"' for k, v in diag.items()]
    return lines, diag


def _conteo(n: int, total: int) -> str:
    pct = (Decimal(100 * n) / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP)
    return f"{n} ({pct}%)"


def dependencia(seed: int, ramo: int, sociales: dict[str, dict], derivados: list[str], de: int):
    """A dependencia's spec: InMonitoreo 2024, its programas sociales, «n (p%)» statements."""
    rng = _rng(seed, ramo, "", "dependencia")
    clave = f"DEP{ramo:02d}"
    lines = [
        "tipo: dependencia",
        f"clave: {clave}",
        f"siglas: {clave}",
        f"ramo: {ramo}",
        f"nombre: Dependencia {ramo}",
    ]
    if derivados:
        lines.append(f"programa_derivado: {derivados[0]}")
    sub = rng.uniform(0.2, 1)
    lines += [
        "programas_sociales:",
        f"  2024: [{', '.join(sociales)}]",
        "monitoreo:",
        "  2024:",
        '    fuente: "Diagnóstico de Monitoreo 2024"',
        f"    inmonitoreo: {rng.uniform(0.2, 1):.3f}",
        f"    subindice_dependencia: {sub:.3f}",
        f"    lugar: {rng.randint(1, de)}",
        f"    de: {de}",
    ]
    if sociales:
        lines += ["resumen:", "  2024:"]
        for i, atributo in enumerate(rng.sample(sorted(ATRIBUTOS), 4)):
            valor = rng.choice(ATRIBUTOS[atributo])
            n = sum(d.get(atributo) == valor for d in sociales.values())
            lines += [
                f"    - id: e{i + 1}",
                f"      atributo: {atributo}",
                f'      valor: "{valor}"',
                f'      publicado: "{_conteo(n, len(sociales))}"',
                '      fuente: "Diagnóstico de Monitoreo 2024"',
            ]
    return clave, "\n".join(lines) + "\n"


def derivado(seed: int, ramo: int, clave: str, dep: str, frase) -> str:
    rng = _rng(seed, ramo, clave, "derivado")
    lines = [
        "tipo: programa_derivado",
        f"clave: {clave}",
        f"nombre: Programa {frase(rng, 4).lower()} 2020-2024",
        f"dependencia: {dep}",
        f"ramo: {ramo}",
        "periodo: {inicio: 2020, fin: 2024}",
        "objetivos:",
    ]
    for o in range(1, rng.randint(3, 6) + 1):
        lines += [
            f'  - id: "{o}"',
            f"    texto: {frase(rng, 12)}",
            f"    enfoque: {rng.choice(ENFOQUES)}",
            f"    vinculado_programas: {str(rng.random() < 0.8).lower()}",
            "    indicadores:",
        ]
        for i in range(1, rng.randint(2, 4) + 1):
            lines += _indicador(rng, f"{o}.{i}", frase)
    return "\n".join(lines) + "\n"


def _indicador(rng: random.Random, id_: str, frase) -> list[str]:
    sentido = rng.choice(["ascendente"] * 6 + ["descendente"] * 3 + ["constante"])
    lines = [
        f'      - id: "{id_}"',
        f"        nombre: {frase(rng, rng.randint(6, 12))}",
        f"        tipo: {'Meta para el bienestar' if id_.endswith('.1') else 'Parámetro'}",
        f"        sentido: {sentido}",
        f"        enfoque: {rng.choice(ENFOQUES)}",
    ]
    if rng.random() < 0.9:
        lines.append(f"        calidad: {rng.choice(CALIDADES)}")
    if rng.random() < 0.7:
        marcas = ", ".join(f"{c}: {str(rng.random() < 0.7).lower()}" for c in CRITERIOS)
        lines.append(f"        criterios_calidad: {{{marcas}}}")
    lb = rng.uniform(10, 90)
    paso = rng.uniform(2, 30) * (-1 if sentido == "descendente" else 1)
    if rng.random() < 0.2:  # only the published categories, as the PI-ISSSTE file has them
        lines.append(
            f"        publicado: {{meta_intermedia: {rng.choice(INTERMEDIAS)}, "
            f"avance_sexenal: {rng.choice(AVANCES)}}}"
        )
        return lines
    lines.append(f"        unidad_medida: {rng.choice(['Porcentaje', 'Tasa', 'Personas'])}")
    lines.append(f"        linea_base: {{anio: {rng.choice([2018, 2019])}, valor: {lb:.2f}}}")
    if rng.random() < 0.9:
        lines.append(f"        meta_sexenal: {lb + paso:.2f}")
    if rng.random() < 0.6:
        lines.append(f"        metas: {{2021: {lb + paso * 0.4:.2f}, 2022: {lb + paso * 0.6:.2f}}}")
    valores = {a: lb + paso * rng.uniform(-0.3, 1.4) * (a - 2019) / 5 for a in range(2020, 2024)}
    escogidos = [a for a in valores if rng.random() < 0.75]
    if escogidos:
        lines.append(
            "        valores: {" + ", ".join(f"{a}: {valores[a]:.2f}" for a in escogidos) + "}"
        )
    return lines


def por_ramo(out: Path, seed: int, programas: dict[int, dict[str, dict | None]], frase) -> list:
    """Write each ramo's dependencia and programas derivados; returns their paths."""
    files = []
    de = len(programas)
    for ramo, suyos in sorted(programas.items()):
        folder = out / f"ramo_{ramo:02d}"
        dep = f"DEP{ramo:02d}"
        derivados = [f"PD{ramo:02d}-{k + 1:02d}" for k in range(-(-len(suyos) // 10))]
        for clave in derivados:
            path = folder / f"{clave}.yaml"
            path.write_text(derivado(seed, ramo, clave, dep, frase), encoding="utf-8")
            files.append(path)
        sociales = {c: d for c, d in suyos.items() if d is not None}
        _, text = dependencia(seed, ramo, sociales, derivados, de)
        path = folder / f"{dep}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files
