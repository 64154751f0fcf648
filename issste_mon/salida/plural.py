"""Counts said in Spanish: «1 programa», «2 programas», «2,313 filas» — one helper, so no
message says «1 programas» or «1 actualizados»."""

from __future__ import annotations


def _uno(n: int | str) -> bool:
    return n == 1 or (isinstance(n, str) and n.strip() == "1")


def palabra(n: int | str, uno: str, varios: str | None = None) -> str:
    """The word that agrees with `n`: `uno` for exactly one, else `varios` (by default `uno`
    plus «s» after a vowel, «es» after a consonant: programa → programas, indicador →
    indicadores; pass `varios` when the plural changes more: «edición», «ediciones»). `n`
    may be a count already written as text («15»)."""
    if _uno(n):
        return uno
    if varios is not None:
        return varios
    return uno + ("s" if uno[-1:] in "aeiouáéó" else "es")


def plural(n: int | str, uno: str, varios: str | None = None) -> str:
    """«1 programa», «9 programas», «2,313 filas»: the count (an int with thousands
    separators, or text as given) and the word that agrees with it (see `palabra`)."""
    cifra = f"{n:,}" if isinstance(n, int) else n
    return f"{cifra} {palabra(n, uno, varios)}"


def en_serie(nombres: list[str], conjuncion: str = " y ") -> str:
    """«E018, E036 y E045»: the names joined by commas, the last by `conjuncion` (« ni »)."""
    if len(nombres) < 2:
        return "".join(nombres)
    return ", ".join(nombres[:-1]) + conjuncion + nombres[-1]


def nombrados(nombres: list[str], hasta: int, donde: str = "") -> str:
    """The first `hasta` of `nombres`, then how many more («E001, E002 y 2,101 más»), and
    `donde` the rest are named, in parentheses: a federal set lists thousands, which a title,
    a note or an aviso cannot carry."""
    resto = len(nombres) - hasta
    if resto <= 0:
        return ", ".join(nombres)
    return ", ".join(nombres[:hasta]) + f" y {resto:,} más" + (f" ({donde})" if donde else "")
