"""Resolve what the user typed (E045, e045, 51-E045, 51E045) to loaded programs."""

from __future__ import annotations

import difflib
import re

from issste_mon.errores import ClaveDesconocida, ClaveNoValida
from issste_mon.modelo import Programa, ProgramaDerivado

# [0-9], not \d: «E٠٤٥» or «５１-E045» is no clave as a document prints it (numfmt.CIFRA_NO_ASCII)
_QUERY = re.compile(r"^(?:([0-9]+)\s*[-.]?\s*)?([A-Za-z])\s*-?\s*([0-9]{1,3})$")


def admite_ramo(clave: str) -> bool:
    """Whether «ramo-clave» names this clave as `parse_clave` reads it back: a budget
    program's (E045), not a derived program's or a dependency's («51-PI-ISSSTE-2020-2024», shown
    by `alertas` on rows of two ramos, was refused as «clave no válida» when typed back)."""
    return _QUERY.match(clave.strip()) is not None


def parse_clave(text: str) -> tuple[int | None, str]:
    """(ramo or None, clave) of what the user typed; ClaveNoValida for a text that is no
    program's clave. Needs no specs: the command line checks its claves with it first."""
    m = _QUERY.match(text.strip())
    if not m:
        raise ClaveNoValida(f'clave no válida "{text}": se esperaba p. ej. E045 o 51-E045')
    ramo = int(m.group(1)) if m.group(1) else None
    return ramo, f"{m.group(2).upper()}{int(m.group(3)):03d}"


def seleccionar(programas: list[Programa], claves: list[str] | None) -> list[Programa]:
    """All programs when no clave is given; otherwise each clave must name exactly one."""
    if not claves:
        return list(programas)
    chosen: list[Programa] = []
    for text in claves:
        ramo, clave = parse_clave(text)
        found = [p for p in programas if p.clave == clave and (ramo is None or p.ramo == ramo)]
        if not found:
            known = sorted({p.clave for p in programas})
            near = difflib.get_close_matches(clave, known, n=3)
            hint = f"; ¿quiso decir {', '.join(near)}?" if near else ""
            raise ClaveDesconocida(
                f'no hay ningún programa con clave "{text}" en las specs cargadas{hint}'
            )
        if len(found) > 1:
            cands = ", ".join(p.id_completo for p in sorted(found, key=lambda p: p.ramo))
            raise ClaveDesconocida(f'la clave "{text}" es ambigua: use una de {cands}')
        if found[0] not in chosen:
            chosen.append(found[0])
    return chosen


def seleccionar_derivado(
    derivados: list[ProgramaDerivado], clave: str | None
) -> list[ProgramaDerivado]:
    """All derived programs without a clave; else the one whose clave matches (case-insensitive,
    or a unique prefix such as "PI-ISSSTE")."""
    if not derivados:
        raise ClaveDesconocida(
            "no hay programas derivados (tipo: programa_derivado) en las specs cargadas"
        )
    if clave is None:
        return list(derivados)
    key = clave.strip().casefold()
    found = [d for d in derivados if d.clave.casefold() == key]
    found = found or [d for d in derivados if d.clave.casefold().startswith(key)]
    if len(found) == 1:
        return found
    known = sorted(d.clave for d in derivados)
    if found:
        raise ClaveDesconocida(f'la clave "{clave}" es ambigua: use una de {", ".join(known)}')
    raise ClaveDesconocida(
        f'no hay ningún programa derivado con clave "{clave}" en las specs cargadas; '
        f"hay: {', '.join(known)}"
    )
