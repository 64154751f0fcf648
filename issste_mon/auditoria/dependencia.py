"""Checkers for a dependency's figures: InMonitoreo and its levels, the average cumplimiento of
its programs' Propósito indicators."""

from __future__ import annotations

import dataclasses

from issste_mon.auditoria.comparar import (
    DIFIERE,
    Resultado,
    categoria,
    fuera_de_vocabulario,
    no_verificable,
    numero,
    regla_ajustada,
    sobre_regla_cambiada,
)
from issste_mon.auditoria.registro import Contexto, Figura, cifra
from issste_mon.modelo import es_numero
from issste_mon.salida.plural import palabra, plural
from issste_mon.vocab import NIVEL, fold


def _monitoreo(ctx: Contexto, dep, m, con_valor_registrado: bool) -> dict[str, dict]:
    """The calculator's rows for one dependency and year, by ámbito. Without the recorded
    InMonitoreo the calculator must compute it from the programs and the subíndice, or give None."""
    from issste_mon.calc.monitoreo import calcular_monitoreo

    def calcular() -> dict[str, dict]:
        sin = m if con_valor_registrado else dataclasses.replace(m, inmonitoreo=None)
        solo = dataclasses.replace(dep, monitoreo=[sin])
        rows = calcular_monitoreo(
            ctx.specs.programas, sin.anio, metodologia=ctx.metodologia, dependencias=[solo]
        )
        return {r["ambito"]: r for r in rows if r["clave"] == solo.clave}

    # every program's valoración enters: once per dependency, year and variant
    return ctx.una_vez(("monitoreo", id(dep), id(m), con_valor_registrado), calcular)


def decimales_inmonitoreo(ctx: Contexto) -> int:
    return ctx.metodologia.inmonitoreo_decimales


def verificar_inmonitoreo(ctx: Contexto, dep, m, texto: str) -> Resultado:
    calc = _monitoreo(ctx, dep, m, con_valor_registrado=False)["InMonitoreo"]
    r = numero(texto, calc["valoracion"], calc["nota"])  # (the nota says what is missing)
    return _sobre_regla(ctx, r, "inmonitoreo.agregacion", "la ponderación de programas y subíndice")


def _sobre_regla(ctx: Contexto, r: Resultado, seccion: str, que: str) -> Resultado:
    """A verdict that rests on a rule the methodology inferred from (or fitted to) the same
    published figures only coincides by construction."""
    regla = regla_ajustada(ctx.metodologia, seccion, que)
    if regla is not None:
        r.inferidos.append(regla)
    return r


def sobre_cortes(ctx: Contexto, r: Resultado, texto: str | None = None, valor=None) -> Resultado:
    """A monitoring level rests on the methodology's cut points. With the printed level
    (`texto`) and the value it was classified from: a level that differs from the computed one
    but that another cut, as consistent with the published pairs as the supuesto one, would give
    is no difference (Medio printed for 0.5299, the supuesto cut at 0.53 and the data only
    placing it in (0.515, 0.547]): «no verificable», and why."""
    from issste_mon.calc.monitoreo import corte_supuesto, niveles_posibles
    from issste_mon.salida.numfmt import fmt_escrito

    if r.veredicto == DIFIERE and texto is not None and es_numero(valor):
        if fold(texto) in {fold(n) for n in niveles_posibles(valor, ctx.metodologia)}:
            # the valoración as every text prints it (0.530, not 0.53), on the right side of the
            # cut (a computed InMonitoreo is rounded to 3 decimals, more where that would cross)
            bordes = ctx.metodologia.bordes(ctx.metodologia.inmonitoreo)
            return no_verificable(
                f"con otro corte tan compatible con las cifras publicadas como el supuesto, "
                f"{fmt_escrito(valor, 3, bordes)} es «{texto}»: "
                f"{corte_supuesto(valor, ctx.metodologia)}"
            )
    return _sobre_regla(ctx, r, "inmonitoreo", "los puntos de corte de los niveles")


@cifra("dependencia.monitoreo", "inmonitoreo", etiqueta="InMonitoreo {anio}")
def inmonitoreo(ctx: Contexto, f: Figura) -> Resultado:
    return verificar_inmonitoreo(ctx, f.dueno, f.registro, f.texto)


@cifra("dependencia.monitoreo", "nivel", etiqueta="Nivel de monitoreo (InMonitoreo) {anio}")
@cifra(
    "dependencia.monitoreo",
    "nivel_texto",
    etiqueta="Nivel de monitoreo (InMonitoreo) {anio} (en el texto)",
)
def nivel(ctx: Contexto, f: Figura) -> Resultado:
    row = _monitoreo(ctx, f.dueno, f.registro, con_valor_registrado=True)["InMonitoreo"]
    r = categoria(f.texto, row["nivel"], row["nota"], (ctx.metodologia, "inmonitoreo"))
    return sobre_cortes(ctx, r, f.texto, row["valoracion"])


@cifra("dependencia.monitoreo", "nivel_subindice", etiqueta="Nivel del subíndice {anio}")
def nivel_subindice(ctx: Contexto, f: Figura) -> Resultado:
    row = _monitoreo(ctx, f.dueno, f.registro, con_valor_registrado=True).get(
        "subíndice dependencia"
    )
    r = categoria(
        f.texto,
        row["nivel"] if row else None,
        "no calculable: falta el subíndice de la dependencia",
        (ctx.metodologia, "inmonitoreo"),
    )
    return sobre_cortes(ctx, r, f.texto, row["valoracion"] if row else None)


@cifra("dependencia.monitoreo", etiqueta="Nivel de monitoreo {nombre}", prefijo="nivel_anterior_")
def nivel_anterior(ctx: Contexto, f: Figura) -> Resultado:
    """`nivel_anterior_2022`: the level of an earlier edition, verifiable when the spec has it."""
    year = f.nombre.rsplit("_", 1)[-1]
    previo = next((m for m in f.dueno.monitoreo if str(m.anio) == year), None)
    # a label the methodology lacks is said first: it is not verifiable whatever the spec records
    fuera = fuera_de_vocabulario(f.texto, ctx.metodologia, "inmonitoreo")
    if fuera is not None:
        resultado = fuera
    elif previo is None:
        resultado = no_verificable(f"no hay valoración {year} de la dependencia en la spec")
    else:
        row = _monitoreo(ctx, f.dueno, previo, con_valor_registrado=True)["InMonitoreo"]
        resultado = sobre_cortes(
            ctx,
            categoria(
                f.texto,
                row["nivel"],
                f"no calculable: faltan los insumos de {year}",
                (ctx.metodologia, "inmonitoreo"),
            ),
        )
    resultado.cifra = f"Nivel de monitoreo (InMonitoreo) {year}"
    return resultado


def _vigentes(programas, dep, anio: int):
    """The dependency's programs in force that year."""
    from issste_mon.calc.monitoreo import programas_de

    return [
        p
        for p in programas_de(dep, programas)
        if (p.inicio is None or p.inicio <= anio) and (p.fin is None or p.fin >= anio)
    ]


def _universo_proposito(programas, dep, anio: int) -> tuple[list[str], list, str]:
    """(the claves CONEVAL averages, the loaded programs among them, what that universe is).
    The dependency's `programas_sociales` of the year; else of the next year: an edition's
    Desempeño reports the previous year's Cuenta Pública of the programs it values (seed 003:
    the 2023 Propósito of the 9 programs of 2024); else its loaded programs in force that year,
    and the label says so. Never every loaded program with the clave: E045 of ramo 12 is not
    ISSSTE's."""
    from issste_mon.calc.monitoreo import programas_de

    for de in (anio, anio + 1):
        lista = dep.programas_sociales.get(de)
        if lista is not None:
            claves = list(dict.fromkeys(lista))
            suyos: dict = {}
            for p in programas_de(dep, programas):  # (the first of a clave, as monitoreo)
                suyos.setdefault(p.clave, p)
            cargados = [suyos[c] for c in claves if c in suyos]
            universo = (
                f"{plural(len(claves), 'programa')} de programas_sociales {de} de {dep.clave}"
            )
            return claves, cargados, universo
    vigentes = _vigentes(programas, dep, anio)
    claves = list(dict.fromkeys(p.clave for p in vigentes))
    return (
        claves,
        vigentes,
        (
            f"{plural(len(claves), 'programa')} de {dep.clave} "
            f"{palabra(len(claves), 'cargado y vigente', 'cargados y vigentes')} en {anio}: la "
            f"spec no lista sus programas_sociales {anio} ni {anio + 1}"
        ),
    )


@cifra(
    "dependencia.cumplimiento",
    "promedio_proposito",
    etiqueta="Promedio de cumplimiento de Propósito {anio}",
)
def promedio_proposito(ctx: Contexto, f: Figura) -> Resultado:
    from issste_mon.calc.cumplimiento import calcular_cumplimiento, resumir

    claves, programas, universo = _universo_proposito(ctx.specs.programas, f.dueno, f.anio)
    proposito = NIVEL.match("Propósito")
    df = calcular_cumplimiento(programas, f.anio, metodologia=ctx.metodologia, nivel=proposito)
    con_valor = set(df.loc[df["cumplimiento_pct"].notna(), "clave"])
    cargadas = {p.clave for p in programas}
    faltan = [c for c in claves if c not in con_valor]
    if faltan or not claves:
        calculables = ", ".join(sorted(con_valor)) or "ninguno"
        sin = ", ".join(c if c in cargadas else f"{c} (sin spec cargada)" for c in faltan)
        resultado = no_verificable(
            f"faltan meta y/o valor del Propósito {f.anio} de {sin or 'sus programas'}"
            f" (calculables: {calculables}, {len(con_valor)} de {len(claves)})"
        )
    else:
        resultado = numero(f.texto, resumir(df, ctx.metodologia).promedio)
    resultado.cifra = f"Promedio de cumplimiento de Propósito {f.anio} ({universo})"
    return resultado


@cifra(
    "dependencia.cumplimiento",
    "rango_esperado",
    etiqueta="Rango de cumplimiento esperado {anio}",
)
def rango_esperado(ctx: Contexto, f: Figura) -> Resultado:
    """«entre 90% y 110%» against the methodology's band — which is taken from this sentence,
    so a match rests on the figure itself."""
    import re

    from issste_mon.auditoria.comparar import COINCIDE, DIFIERE
    from issste_mon.salida.numfmt import fmt_valor

    cifras = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", f.texto)]
    if len(cifras) != 2:
        return no_verificable(f"no se reconocen dos límites en «{f.texto}»")
    met = ctx.metodologia
    banda = (met.rango_inferior, met.rango_superior)
    # as the file writes them: at 0 decimals a band of 94.75 was «95% - 110%»
    calc = f"{fmt_valor(banda[0])}% - {fmt_valor(banda[1])}%"
    r = Resultado(COINCIDE if tuple(cifras) == banda else DIFIERE, calc, calc)
    r.inferidos = ["la banda de la metodología (tomada de este mismo texto)"]
    return sobre_regla_cambiada(met, r, "cumplimiento.rango", "el rango de cumplimiento")


@cifra("dependencia.monitoreo", "lugar", etiqueta="Lugar entre las dependencias valoradas {anio}")
def lugar(ctx: Contexto, f: Figura) -> Resultado:
    """«11° lugar de las 15 dependencias y entidades valoradas»: the rank of the dependency's
    InMonitoreo among every valued dependency's — verifiable only when the specs record them all."""
    from issste_mon.auditoria.comparar import COINCIDE, DIFIERE

    m = f.registro
    valores = [
        x.inmonitoreo
        for d in ctx.specs.dependencias
        for x in d.monitoreo
        if x.anio == m.anio and isinstance(x.inmonitoreo, (int, float))
    ]
    if m.de is None or len(valores) < m.de or not isinstance(m.inmonitoreo, (int, float)):
        otras = f"las otras {m.de - 1}" if m.de is not None else "las otras"
        return no_verificable(
            f"el lugar depende del InMonitoreo {m.anio} de {otras} dependencias y entidades "
            f"valoradas; las specs registran {len(valores)} de {m.de or '?'}"
        )
    calc = 1 + sum(v > m.inmonitoreo for v in valores)
    texto = f"{calc}° de {len(valores)}"
    return Resultado(COINCIDE if (calc, len(valores)) == (m.lugar, m.de) else DIFIERE, texto, calc)
