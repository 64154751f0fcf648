"""Machine numbers as text, and float arrays (numpy) made into machine numbers or into their
CSV cell texts a column at a time: the same values and texts `numero_texto` and
`tabla.numeros_maquina` give one by one, without a Python call per cell."""

from __future__ import annotations

from decimal import Decimal

from issste_mon.salida.tabla import DECIMALES_MAX, entero_de, fieles, numero_escrito, numero_maquina


def numero_texto(value) -> str:
    """A machine number (int, float with a clean repr, a Decimal — `fiel`, `_diminuto` —, or
    None) as CSV text, never exponent."""
    if value is None:
        return ""
    if value.__class__ is int:
        return str(value)
    if value.__class__ is Decimal:
        return format(value, "f")
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def maquina_flotantes(a, bordes: tuple = (), escrito: bool = False) -> list:
    """`numeros_maquina(a.tolist())` of a float array (numpy), without the list: NaN and
    infinities → None, whole numbers → int, values on the 10-decimal grid kept as they are
    (sound below 9·10⁵, see `numeros_maquina`), only the rest cleaned one by one."""
    import numpy as np

    finito = np.isfinite(a)
    b = np.where(finito, a, 0.0)
    entero = finito & (b == np.floor(b))
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: not on the grid anyway
        en_rejilla = finito & (np.abs(b) < 9e5) & (np.round(b, DECIMALES_MAX) == b)
    out = a.astype(object)  # Python floats
    out[~finito] = None
    chico = entero & (np.abs(b) < 2.0**53)  # each such double is that very integer
    out[chico] = b[chico].astype(np.int64)  # stored as Python ints
    for i in np.flatnonzero(entero & ~chico).tolist():
        out[i] = entero_de(a[i])
    resto = np.flatnonzero(finito & ~entero & ~en_rejilla)
    if len(resto):  # (never one of a cut's neighbours: `fieles`)
        crudos = a[resto].tolist()
        limpios = list(map(numero_escrito if escrito else numero_maquina, crudos))
        out[resto] = fieles(limpios, crudos, bordes)
    return out.tolist()


def exactos_grandes(
    valores: list, flotantes, exactos, *, texto: bool = False, bordes: tuple = ()
) -> list:
    """`valores` (machine numbers, or with `texto` their cell texts, of the float array
    `flotantes`) where the float cannot stand for its exact value (`exactos`, a
    `Columna.exacto`; None where there is none) replaced by the exact one's machine number:
    beyond 2⁵³ a double is not the integer the exact value rounds to (1e17 / 7 × 100 was
    written 1428571428571428600, its last digits binary noise, for 1428571428571428571); a
    double that is 0 or the nearest to one of `bordes` (the cuts of the class beside it) may
    stand for a value that is not (89.99…9 % with 28 nines is the double 90.0, beside «Bajo»;
    10⁻⁴⁰⁰ % is 0.0): there the exact value decides (`fieles`). The whole array is looked at
    once; only such rows, rare, one by one. Changes `valores` and returns it."""
    import numpy as np

    a = np.asarray(flotantes, dtype=float)
    with np.errstate(invalid="ignore"):  # (NaN: no number, not large)
        raros = np.abs(a) >= _DOS_53
    raros |= np.isin(a, [0.0, *map(float, bordes)])
    idx = np.flatnonzero(raros)
    for i, f in zip(idx.tolist(), a[idx].tolist(), strict=True):
        x = exactos[i]
        if x is None or (x == f and -_DOS_53 < f < _DOS_53):
            continue  # (the double is the value: a cumplimiento of exactly 0 or 90, common)
        m = fieles([numero_maquina(x)], [x], bordes)[0]
        valores[i] = numero_texto(m) if texto else m
    return valores


_DOS_53 = 2.0**53


def texto_flotantes(a, bordes: tuple = (), escrito: bool = False) -> list[str]:
    """`numeros_csv(maquina_flotantes(a))`, the cell texts of a float array, built in numpy for
    the values below 10⁵ on the 10-decimal grid (most figures and every clean cumplimiento):
    such a value is the double nearest to a decimal of at most 15 significant digits, so its
    repr — the shortest text that reads back as it — is that decimal (no other decimal of
    ≤ 15 digits reads back as the same double), which is written digit by digit from the
    integer |x|·10¹⁰. Whole numbers below 10¹⁵ are written the same way from |x| (a machine
    number that is whole is an int), NaN and infinities are empty cells (None); only the rest
    (larger, off the grid, or whole ≥ 10¹⁵) one by one, as before."""
    import numpy as np

    finito = np.isfinite(a)
    b = np.abs(np.where(finito, a, 0.0))
    with np.errstate(over="ignore", invalid="ignore"):  # huge values: not short anyway
        comun = _rejilla(b, finito)
        if comun is not None:  # (a part's metas or valores, or its cumplimientos, mostly)
            k, d = comun
            return _digitos(k.astype(np.int64), _cifras(k, d), d, a < 0, vacias=~finito)
        k = np.rint(b * 1e10)
        corto = finito & (b < 1e5) & (k / 1e10 == b) & (np.round(a, DECIMALES_MAX) == a)
    entero = finito & ~corto & (b < 1e15) & (b == np.floor(b))
    textos = np.full(len(a), "", dtype=object)
    for donde in (corto, entero):  # each on a grid of its own (10 decimals; whole numbers)
        idx = np.flatnonzero(donde)
        if len(idx):
            k, d = _rejilla(b[idx], finito[idx])
            textos[idx] = _digitos(k.astype(np.int64), _cifras(k, d), d, a[idx] < 0)
    resto = np.flatnonzero(finito & ~corto & ~entero)
    if len(resto):
        textos[resto] = list(map(numero_texto, maquina_flotantes(a[resto], bordes, escrito)))
    return textos.tolist()


def _rejilla(b, finito):
    """(|x|·10^d as whole floats, d) for the fewest decimals d of 0, 2, 4 and 10 that hold
    every finite value of the column in at most 15 digits — each value the double nearest to
    k / 10^d, so its repr is that decimal (see `texto_flotantes`) —; None if no d does."""
    import numpy as np

    for d in (0, 2, 4, DECIMALES_MAX):
        escala = 10.0**d
        k = np.rint(b * escala)
        if (((k / escala == b) & (k < 1e15)) | ~finito).all():
            return k, d
    return None


def _cifras(k, decimales: int) -> int:
    """How many integer digits the largest k / 10^decimales has (at least one)."""
    return len(str(int(float(k.max()) // 10**decimales))) if len(k) else 1


def _digitos(x, enteros: int, decimales: int, negativo, vacias=None) -> list[str]:
    """The texts of x / 10^decimales (x: int64 ≥ 0 of at most enteros + decimales digits; a
    minus sign where `negativo`): the integer part from its first non-zero digit (the units
    digit always), the decimals up to their last non-zero one, the point only before some;
    an empty text where `vacias` (NaN: no number)."""
    import numpy as np

    n, ancho = len(x), enteros + decimales
    filas = np.empty((ancho, n), dtype=np.int64)
    for j in range(ancho - 1, -1, -1):
        q = x // 10  # (integer division by a constant is vectorised; % is not)
        np.subtract(x, q * 10, out=filas[j])
        x = q
    digitos = filas.T
    # [sign, integer digits, point, decimals, separator]
    punto, fin = 1 + enteros, 2 + ancho
    chars = np.empty((n, fin + 1), dtype=np.uint8)
    keep = np.empty((n, fin + 1), dtype=bool)
    chars[:, 0] = ord("-")
    keep[:, 0] = negativo
    chars[:, 1:punto] = digitos[:, :enteros] + ord("0")
    np.logical_or.accumulate(digitos[:, :enteros] != 0, axis=1, out=keep[:, 1:punto])
    keep[:, punto - 1] = True
    chars[:, punto] = ord(".")
    if decimales:
        chars[:, punto + 1 : fin] = digitos[:, enteros:] + ord("0")
        np.logical_or.accumulate(
            digitos[:, : enteros - 1 : -1] != 0, axis=1, out=keep[:, fin - 1 : punto : -1]
        )
        keep[:, punto] = keep[:, punto + 1]
    else:
        keep[:, punto] = False
    if vacias is not None and vacias.any():
        keep[vacias, :fin] = False
    chars[:, fin] = ord("\n")
    keep[:, fin] = True
    hechos = chars[keep].tobytes().decode("ascii").split("\n")
    hechos.pop()  # after the last separator
    return hechos
