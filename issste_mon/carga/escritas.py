"""Mapping keys that YAML reads as something other than their text, with the text as written.

`+2017:`, `02017:` and `0x7E1:` are the integer 2017 to YAML, `2017e0:` and `2017.:` the number
2017.0, `2017-01-01T00:00:00Z:` a date: as a year key the first three were taken for 2017 in
silence, and the others were named in errors by Python's text for them («2017.0»), not by what
the person wrote. Both parsers (`fastyaml`, `yamlload`) give such a key as one of the types
below: equal to the value YAML reads (same hash, same type for every other use), carrying
`escrito`, so the validator can refuse it and name it as written. A key whose text is its value
(`2017`, `2017.5`, `2017-01-01`) stays the plain value.

Values too: a number written other than as a plain decimal (`+543.35`, `0x10`, `0o10`, `010`,
`00.5`) is made one of these by the YAML 1.2 constructors both parsers share (`yamlcore`), so
that a numeric field can refuse it naming it as written: `meta: 0x10` was 16 in silence, and
`010` is 10 to YAML 1.2 but 8 to YAML 1.1 (other tools). Plain decimals, a minus, exponents
(`1e6`) and `.5` are what a figure is written as, and stay plain.
"""

from __future__ import annotations

import datetime


class EnteroEscrito(int):
    escrito: str


class RealEscrito(float):
    escrito: str


class FechaEscrita(datetime.date):
    escrito: str


class MomentoEscrito(datetime.datetime):
    escrito: str


def con_texto(key: object, raw: str) -> object:
    """`key` as a plain-scalar key written `raw`: itself when str(key) is `raw`, else a copy
    that carries it."""
    cls = key.__class__
    if cls is str or str(key) == raw:
        return key
    if cls is int:
        out: object = EnteroEscrito(key)
    elif cls is float:
        out = RealEscrito(key)
    elif cls is datetime.datetime:
        out = MomentoEscrito(
            key.year, key.month, key.day, key.hour, key.minute, key.second, key.microsecond,
            key.tzinfo,
        )  # fmt: skip
    elif cls is datetime.date:
        out = FechaEscrita(key.year, key.month, key.day)
    else:
        return key
    out.escrito = raw
    return out


def de_otro_modo(texto: str) -> bool:
    """Whether a number YAML read from `texto` was written other than as a plain decimal: a
    leading `+`, a base prefix (`0x`, `0o`) or a leading zero on an integer part of 2+ digits.
    (Called only for numbers the resolver constructs: the fast path reads plain decimals
    directly, so this costs nothing on them.)"""
    if texto[:1] == "+":
        return True
    cifras = texto[1:] if texto[:1] == "-" else texto
    return len(cifras) > 1 and cifras[0] == "0" and cifras[1] not in ".eE"


def como_escrito(numero, texto: str):
    """`numero` as YAML read `texto`: marked with the text when written otherwise (above)."""
    if not de_otro_modo(texto):
        return numero
    out = EnteroEscrito(numero) if isinstance(numero, int) else RealEscrito(numero)
    out.escrito = texto
    return out


def escrita(key: object) -> str:
    """A key as the person wrote it (its text, for a key YAML read as text)."""
    return getattr(key, "escrito", None) or str(key)
