"""Tables to an Excel workbook: one sheet per table, numbers as numbers with a display format.

Values are the machine values of csv/json (`render.machine_rows`), so a sheet and a CSV agree
cell by cell; percentages stay on the 0–100 scale (94.90…) and display as `94.90 %` through the
number format `#,##0.00" %"`. Text goes through `render.safe_cell`, the CSV rule against
formula injection, so no cell of ours is ever a formula.
"""

from __future__ import annotations

import io
import re

from issste_mon.salida.procedencia import Procedencia
from issste_mon.salida.render import machine_rows, safe_cell
from issste_mon.salida.tabla import Columna, Tabla

HOJA_METODOLOGIA = "metodologia"
_INVALIDOS = re.compile(r"[\[\]:*?/\\]")
_MAX_HOJA = 31  # Excel's limit for a sheet name
_MAX_ANCHO = 60


def formato_numero(col: Columna, value) -> str:
    """Display format for a numeric cell of this column (es-MX: comma thousands, point decimals)."""
    decimals = "0" * col.decimales
    if col.tipo == "pct":
        return f'#,##0.{decimals}" %"' if decimals else '#,##0" %"'
    if col.tipo == "valoracion":
        return f"0.{decimals}" if decimals else "0"
    if col.tipo in ("numero", "monto") or (col.tipo == "entero" and not float(value).is_integer()):
        return f"#,##0.{decimals}" if decimals else "#,##0"
    if col.tipo == "entero":
        return "#,##0"
    return "0"  # years, ids: no thousands separator (2,017 would be wrong)


def nombre_hoja(titulo: str, usados: set[str]) -> str:
    base = _INVALIDOS.sub("-", titulo).strip("' ")[:_MAX_HOJA] or "tabla"
    name, n = base, 2
    while name.lower() in usados:
        suffix = f" ({n})"
        name, n = base[: _MAX_HOJA - len(suffix)] + suffix, n + 1
    usados.add(name.lower())
    return name


def _escribir_celda(cell, value, col: Columna | None) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, (int, float)):
        cell.value = value
        if col is not None:
            cell.number_format = formato_numero(col, value)
    else:
        cell.value = _XML_ILEGAL.sub(_escapado, safe_cell(value))
        cell.data_type = "s"  # never let openpyxl read a leading "=" as a formula


# Characters XML 1.0 (and so xlsx) cannot hold: C0 controls but tab, newline and CR. They are
# written visibly escaped (`\x1b`) instead of failing the whole workbook.
_XML_ILEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _escapado(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def _hoja_tabla(ws, tabla: Tabla) -> None:
    from openpyxl.styles import Font

    cols = tabla.columnas_maquina()  # typed nulls: ND/NA in `<clave>_estado`
    ws.append([c.titulo for c in cols])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(machine_rows(tabla), start=2):
        for c, col in enumerate(cols, start=1):
            _escribir_celda(ws.cell(row=r, column=c), row[col.clave], col)
    ws.freeze_panes = "A2"
    if tabla.filas:
        ws.auto_filter.ref = ws.dimensions
    extra = [*tabla.resumen, *([tabla.pie] if tabla.pie else [])]
    if extra:
        start = ws.max_row + 2
        for i, line in enumerate(extra):
            _escribir_celda(ws.cell(row=start + i, column=1), line, None)
    _anchos(ws)


def _anchos(ws) -> None:
    from openpyxl.utils import get_column_letter

    for idx, column in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 200)), start=1):
        lengths = [len(str(c.value)) for c in column if c.value is not None and c.row < 100]
        width = min(max(lengths, default=8) + 2, _MAX_ANCHO)
        ws.column_dimensions[get_column_letter(idx)].width = width


def _hoja_metodologia(ws, proc: Procedencia, titulos: list[str]) -> None:
    from openpyxl.styles import Font

    rows: list[tuple] = [("Concepto", "Valor", "Confianza")]
    rows.append(("Generado por", f"issste-mon {proc.version}", None))
    rows.append(
        ("Metodología", proc.metodologia or "no interviene: estas tablas no clasifican", None)
    )
    rows.extend((f"Umbral: {s}", fuente, conf) for s, conf, fuente in proc.fuentes)
    rows.extend(("Spec", f, None) for f in proc.specs)
    rows.extend(("Hoja", t, None) for t in titulos)
    rows.append(
        (
            "Porcentajes",
            "Se guardan en escala 0–100 (94.90 = 94.90 %), igual que en csv y json.",
            None,
        )
    )
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _escribir_celda(ws.cell(row=r, column=c), value, None)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    _anchos(ws)


def libro(tablas: list[Tabla], proc: Procedencia) -> bytes:
    """The workbook as bytes: one sheet per table, then the sheet «metodologia»."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    usados = {HOJA_METODOLOGIA}
    titulos = []
    for tabla in tablas:
        ws = wb.create_sheet(nombre_hoja(tabla.titulo, usados))
        titulos.append(f"{ws.title}: {tabla.titulo}")
        _hoja_tabla(ws, tabla)
    _hoja_metodologia(wb.create_sheet(HOJA_METODOLOGIA), proc, titulos)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
