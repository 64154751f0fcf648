"""«Verificación de cifras publicadas»: published figures beside the tool's own computation.

When the `verificar` feature is installed (a module `issste_mon.audit` or
`issste_mon.verificar`, or `reports.verificar`, with `verificar(specs, metodologia, claves)
-> Tabla`), its table is used as is. Otherwise the ficha compares the `publicado` figures
of the rows it already shows, with the values those rows already carry — the calculators'
results, never a formula of its own — at the precision each figure was printed.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import replace

from issste_mon import reports
from issste_mon.errors import format_keypath
from issste_mon.ficha.datos import calculable
from issste_mon.numfmt import fmt_number, parse_publicado
from issste_mon.procedencia import nombre_spec
from issste_mon.render import Columna, Tabla
from issste_mon.vocab import fold

COINCIDE, DIFIERE, NO_VERIFICABLE = "coincide", "difiere", "no verificable"

COLUMNAS = [
    Columna("seccion", "Sección"),
    Columna("anio", "Año"),
    Columna("cifra", "Cifra", ancho=36),
    Columna("publicado", "Publicado"),
    Columna("calculado", "Calculado"),
    Columna("calculado_valor", "Calculado (sin redondear)", "numero", en_tabla=False),
    Columna("veredicto", "Veredicto"),
    Columna("nota", "Nota"),
    Columna("ubicacion", "Ubicación en la spec", en_tabla=False),
]


def _externa():
    """The verificar feature's entry point, if this installation has one with our signature."""
    candidates = []
    for name in ("issste_mon.audit", "issste_mon.verificar"):
        try:
            candidates.append(getattr(importlib.import_module(name), "verificar", None))
        except ImportError:
            continue
    candidates.append(getattr(reports, "verificar", None))
    for fn in candidates:
        if not callable(fn):
            continue
        try:
            inspect.signature(fn).bind(None, None, ["E000"])
        except TypeError:
            continue
        return fn
    return None


def comparar(texto: str, calculado, motivo: str | None = None) -> tuple[str, str, str | None]:
    """(computed as printed, verdict, note) for one published figure against a computed value."""
    if not calculable(calculado):
        return "—", NO_VERIFICABLE, motivo or "la spec no tiene los insumos para calcularla"
    if isinstance(calculado, str):
        ok = fold(calculado) == fold(texto)
        return calculado, COINCIDE if ok else DIFIERE, None
    pub = parse_publicado(texto)
    if pub is None:
        return "—", NO_VERIFICABLE, f'cifra publicada no numérica: "{texto}"'
    shown = fmt_number(calculado, pub.decimales) + (" %" if pub.porcentaje else "")
    if pub.matches(calculado):
        return shown, COINCIDE, None
    nota = "coincide truncando en lugar de redondear" if pub.matches_truncated(calculado) else None
    return shown, DIFIERE, nota


# section id → (title, records of the program, match(record, row), {publicado key: (column, label)})
def _fuentes(programa):
    inds = [(ind, m) for ind in programa.mir for m in ind.metas.values()]
    return [
        (
            "resultados",
            "Resultados",
            inds,
            lambda rec, row: row["id"] == rec[0].id and row["anio"] == rec[1].anio,
            {"cumplimiento": ("cumplimiento_pct", lambda rec: f"Cumplimiento {rec[0].id}")},
        ),
        (
            "cobertura",
            "Cobertura",
            programa.poblaciones,
            lambda rec, row: row["anio"] == rec.anio and row["componente"] == rec.componente,
            {
                "cobertura": ("cobertura_pct", lambda rec: _con_componente("PA/PO", rec)),
                "po_pp": ("po_pp_pct", lambda rec: _con_componente("PO/PP", rec)),
            },
        ),
        (
            "presupuesto",
            "Presupuesto",
            programa.presupuesto,
            lambda rec, row: row["anio"] == rec.anio,
            {"porcentaje_ramo": ("porcentaje_ramo", lambda rec: "% del ramo")},
        ),
        (
            "monitoreo",
            "Monitoreo",
            programa.monitoreo,
            lambda rec, row: row["anio"] == rec.anio and row["ambito"] == "programa",
            {"nivel": ("nivel", lambda rec: "Nivel de monitoreo")},
        ),
    ]


def _con_componente(label: str, pob) -> str:
    return f"{label} ({pob.componente})" if pob.componente else label


def _publicado(rec):
    return rec[1].publicado if isinstance(rec, tuple) else rec.publicado


def _anio(rec):
    return rec[1].anio if isinstance(rec, tuple) else rec.anio


def _ruta(rec):
    return rec[1].ruta if isinstance(rec, tuple) else rec.ruta


def propia(programa, tablas: dict[str, Tabla | None], corte: int | None) -> list[dict]:
    rows = []
    for sec_id, titulo, records, match, keys in _fuentes(programa):
        tabla = tablas.get(sec_id)
        for rec in records:
            if corte is not None and _anio(rec) > corte:
                continue
            for key, texto in _publicado(rec).items():
                if key not in keys:
                    continue
                col, label = keys[key]
                found = [r for r in (tabla.filas if tabla else []) if match(rec, r)]
                valor = found[0].get(col) if found else None
                motivo = found[0].get("nota") if found else "la ficha no muestra esa fila"
                calc, veredicto, nota = comparar(texto, valor, motivo)
                rows.append(
                    {
                        "seccion": titulo,
                        "anio": _anio(rec),
                        "cifra": label(rec),
                        "publicado": texto,
                        "calculado": calc,
                        "calculado_valor": valor if calculable(valor) else None,
                        "veredicto": veredicto,
                        "nota": nota,
                        "ubicacion": f"{nombre_spec(programa.archivo)}: "
                        f"{format_keypath((*_ruta(rec), 'publicado', key))}",
                    }
                )
    return rows


def _n(k: int, singular: str, plural: str) -> str:
    return f"{k} {singular if k == 1 else plural}"


def tabla(specs, metodologia, programa, tablas: dict[str, Tabla | None], corte) -> Tabla | None:
    fn = _externa()
    if fn is not None:
        out = fn(specs, metodologia, [programa.id_completo])
        if isinstance(out, Tabla):
            rows = [r for r in out.filas if corte is None or (r.get("anio") or 0) <= corte]
            return replace(out, filas=rows) if rows else None
    rows = propia(programa, tablas, corte)
    if not rows:
        return None
    n = {v: sum(r["veredicto"] == v for r in rows) for v in (COINCIDE, DIFIERE, NO_VERIFICABLE)}
    resumen = [
        f"{_n(len(rows), 'cifra', 'cifras')}: {_n(n[COINCIDE], 'coincide', 'coinciden')}, "
        f"{_n(n[DIFIERE], 'difiere', 'difieren')}, "
        f"{_n(n[NO_VERIFICABLE], 'no verificable', 'no verificables')} "
        f"(al número de decimales publicado)."
    ]
    return Tabla("Verificación de cifras publicadas", COLUMNAS, rows, resumen=resumen)
