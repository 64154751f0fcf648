"""Numbers in YAML as a person means them: the YAML 1.2 core schema, not PyYAML's YAML 1.1.

Under YAML 1.1 a safe loader reads `0123` as octal 83, `1:20` as sexagesimal 80, `0b101` as 5 and
`1_000` as 1000, and leaves `1e3` as text: a population or a meta can silently change value. The
1.2 core schema reads `0123` as 123, `0o17` and `0x1F` as octal and hex, `1e3` and `.5` as
numbers, and everything else (`1:20`, `0b101`, `1_000`) as text, which the validator then
refuses naming the field. Booleans, null and dates are left as PyYAML resolves them.

`use_core_numbers` installs the rules on a loader class; the safe loader (`yamlload`) and the
fast path (`fastyaml`) both use it, and a property test checks they agree.
"""

from __future__ import annotations

import math
import re
import sys

import yaml

from issste_mon.carga.escritas import como_escrito

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
# YAML 1.2.2, §10.3.2 (core schema), plus a sign on the base-10 forms as the spec allows.
INT = re.compile(r"[-+]?[0-9]+\Z|0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
_FIRST = list("-+0123456789.")
_MARCABLE = "+-0"  # the first characters of a number `escritas.de_otro_modo` may mark
# Python refuses to convert longer decimal strings (sys.int_info.default_max_str_digits); no
# figure in a spec comes near it, so a longer one is an error, not a traceback.
MAX_DIGITS = 4300
_NAN = float("nan")  # one object, as PyYAML's, so equal documents compare equal
# A double holds any decimal of up to 15 significant digits (DBL_DIG): such a text comes back
# from its float as written, so only longer texts, and exponents (which may overflow or
# underflow), need the exact comparison.
DIGITOS_EXACTOS = 15


class NumeroInexacto(yaml.constructor.ConstructorError):
    """A written decimal that the float issste-mon computes with would change."""


def _problem(node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _inexacto(node, value: str, number: float) -> None:
    """Raise NumeroInexacto when `number` is not the decimal `value` (a YAML 1.2 float text)."""
    from decimal import Decimal  # only for long texts: most specs never need it

    escrito = Decimal(value)
    # (a subnormal double, below 2.2e-308, keeps fewer digits: 1e-320 prints back as written
    # but PA/PO of it is out of range, and the table would print it 0)
    subnormal = number != 0 and abs(number) < sys.float_info.min
    if math.isfinite(number) and escrito == Decimal(repr(number)) and not subnormal:
        return
    if not math.isfinite(number) or subnormal or (number == 0 and escrito != 0):
        motivo = "está fuera del rango de números que issste-mon calcula"
    else:
        motivo = (
            "tiene más cifras de las que issste-mon calcula exactamente (se leería "
            f"{number!r}); escríbalo redondeado a {DIGITOS_EXACTOS} cifras significativas, o "
            "entre comillas si es un texto"
        )
    raise NumeroInexacto(None, None, f"el número {value} {motivo}", node.start_mark)


def _explicito(node, value: str, tipo: str) -> yaml.constructor.ConstructorError:
    """`!!int 1:30`, `!!int 1_000`, `!!float ٧.٥`: an explicit tag makes PyYAML construct any
    text, and Python's int()/float() would read YAML 1.1 forms and non-ASCII digits."""
    return _problem(node, f"«{value}» no es un {tipo} de YAML 1.2 (la etiqueta lo exige)")


def construct_int(loader, node) -> int:
    value = node.value
    digits = value.lstrip("+-")
    if len(digits) > MAX_DIGITS:
        raise _problem(node, f"número demasiado largo ({len(digits):,} cifras)")
    if not INT.match(value):  # only under an explicit !!int: the resolver matched INT
        raise _explicito(node, value, "número entero")
    # (`+5`, `0x10`, `010` carry their text: a figure field refuses them naming it, `escritas`)
    if value.startswith("0o"):
        return como_escrito(int(value[2:], 8), value)
    if value.startswith("0x"):
        return como_escrito(int(value[2:], 16), value)
    number = int(value, 10)
    return como_escrito(number, value) if value[0] in _MARCABLE else number


def construct_float(loader, node) -> float:
    value = node.value
    low = value.lower()
    if low.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if low == ".nan":
        return _NAN
    if len(value) > MAX_DIGITS:
        raise _problem(node, f"número demasiado largo ({len(value):,} caracteres)")
    if not FLOAT.match(value):  # only under an explicit !!float
        if INT.match(value):  # `!!float 0x1F`: a YAML 1.2 integer is a number too
            return como_escrito(float(construct_int(loader, node)), value)
        raise _explicito(node, value, "número")
    number = float(value)
    if len(value) > DIGITOS_EXACTOS or "e" in low:
        _inexacto(node, value, number)
    return como_escrito(number, value) if value[0] in _MARCABLE else number


def use_core_numbers(loader_class: type) -> type:
    """Replace the class's implicit int/float resolution (and construction) with YAML 1.2's."""
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag not in (INT_TAG, FLOAT_TAG)]
        for first, entries in loader_class.yaml_implicit_resolvers.items()
    }
    loader_class.yaml_implicit_resolvers = resolvers
    loader_class.add_implicit_resolver(INT_TAG, INT, _FIRST)
    loader_class.add_implicit_resolver(FLOAT_TAG, FLOAT, _FIRST)
    loader_class.add_constructor(INT_TAG, construct_int)
    loader_class.add_constructor(FLOAT_TAG, construct_float)
    return loader_class


def quote_for_both(dumper_class: type) -> type:
    """Make a dumper quote every string that YAML 1.1 *or* 1.2 would read as a number, so what
    issste-mon writes reads back the same under either (PyYAML, ruamel, editors)."""
    dumper_class.add_implicit_resolver(INT_TAG, INT, _FIRST)
    dumper_class.add_implicit_resolver(FLOAT_TAG, FLOAT, _FIRST)
    return dumper_class
