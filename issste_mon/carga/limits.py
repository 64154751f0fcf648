"""How much input issste-mon accepts: file size, YAML nesting depth and alias expansion.

A spec is a few KiB of hand-written YAML; the limits sit orders of magnitude above that, so they
only stop input that is broken or hostile (a «billion laughs» document, a file of zeros), and
they stop it with one clear line instead of exhausting memory.
"""

from __future__ import annotations

import os
import re

from issste_mon.errores import EntradaInvalida

ENV_MAX_BYTES = "ISSSTE_MON_MAX_BYTES"
MAX_BYTES = 20 * 1024 * 1024  # 20 MiB per spec file (default; the env var changes it)
# Nesting deeper than this is refused. The bundled specs nest 7 levels; libyaml's composer
# recurses in C and crashes the interpreter somewhere past 20,000 levels.
MAX_DEPTH = 1000
# Nodes that aliases may add to one document once expanded (`*ancla` repeats its whole subtree;
# nested aliases multiply). Legitimate reuse adds a few dozen.
MAX_ALIAS_NODES = 100_000

_SIZE = re.compile(r"^\s*([0-9]+)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)  # [0-9]: «５０M» is no size
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def max_bytes() -> int:
    """The size limit in bytes: $ISSSTE_MON_MAX_BYTES (e.g. 5000000, 500K, 50M) or 20 MiB."""
    raw = os.environ.get(ENV_MAX_BYTES, "").strip()
    if not raw:
        return MAX_BYTES
    match = _SIZE.match(raw)
    # More than 30 digits is no size (and int() refuses > 4300 digits with a ValueError).
    if match is None or len(match.group(1).lstrip("0")) > 30 or int(match.group(1)) == 0:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise EntradaInvalida(
            f'{ENV_MAX_BYTES} no válido: "{shown}"; use un número de bytes mayor que cero '
            "(p. ej. 20000000, 500K o 50M)",
        )
    unit = (match.group(2) or "").lower()[:1]
    return int(match.group(1)) * _UNITS[unit]


def describe_bytes(n: int) -> str:
    """A size for people: 20 MiB, 512 KiB, 300 bytes."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:,.0f} {unit}" if value.is_integer() else f"{value:,.1f} {unit}"
    return f"{n:,} bytes"
