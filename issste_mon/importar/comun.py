"""What every importer shares: the result of a mapping (`Lote`), cell parsing, filters."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

from issste_mon.claves import parse_clave
from issste_mon.errores import ClaveDesconocida, EntradaInvalida, SinDatos
from issste_mon.salida.numfmt import digitos_no_ascii
from issste_mon.vocab import Vocab, fold

# A plain number as SHCP writes it: 95.00, 51.0, 3e-05; or with thousands commas: 570,000.
_PLAIN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ENTERO = Decimal(10**15)  # (not Decimal(10) ** 15: computed in the importing context)
_MAXIMO = Decimal("1e308")  # beyond a double: text, as before ('1e400' is not a population)


class NoNumero(ValueError):
    """A cell that should hold a number holds text."""


EXACTA = "la cifra exacta es"  # how every rounding nota starts after its field
CIFRAS = 15  # significant digits a double keeps exactly: every decimal up to here reads back
T_CIFRAS = "cifra con más de 15 cifras significativas: se escribe redondeada, con nota"


def cifra(exacto: Decimal, truncar: bool = False) -> int | float:
    """The value a spec holds for an exact decimal, read back by the loader as written.

    An integer stays whole (YAML reads integers exactly at any size). A fraction becomes the
    double whose shortest text is the decimal itself, when there is one (the loader reads YAML
    numbers as doubles: 406186.13869735564 reads back so); otherwise the decimal rounded half up
    to 15 significant digits (1152920.00000000024 → 1152920; 7677982.5199999996 → 7677982.52),
    or to a whole number from 10^15 up, which the caller records in a `nota` (`redondeo`).
    `truncar`: toward zero instead, for a figure classified by cuts (an ISeD of 0.3999…9 with
    19 nines is Medio bajo; rounded, 0.4 would be Medio): truncated, it lies on the same side
    as the exact value of every cut of up to 15 digits. Raises NoNumero beyond a double's range.
    """
    if not exacto.is_finite():
        raise NoNumero(str(exacto))
    if exacto == exacto.to_integral_value():
        if exacto.copy_abs() >= _MAXIMO:
            raise NoNumero(str(exacto))
        return int(exacto)
    x = float(exacto)
    if Decimal(repr(x)) == exacto:
        return x
    if exacto.copy_abs() >= _ENTERO:  # an integer keeps more of it than 15 digits would
        return int(exacto.to_integral_value(ROUND_HALF_UP))
    r = Context(prec=CIFRAS, rounding=ROUND_DOWN if truncar else ROUND_HALF_UP).plus(exacto)
    if r == r.to_integral_value():
        return int(r)
    x = float(r)
    if x == 0 or Decimal(repr(x)) != r:  # below a double's range (1e-400)
        raise NoNumero(str(exacto))
    return x


def decimal_de(texto: str | None) -> Decimal | None:
    """'95.00' → Decimal('95.00'), '570,000' → Decimal('570000'), '' → None: the exact decimal a
    cell gives. Raises NoNumero for text ("Por determinar la cuantificación"), and for digits
    other than 0–9, which Decimal() would read without a word."""
    if texto is None:
        return None
    t = str(texto).replace("\xa0", " ").strip()
    if not t:
        return None
    if digitos_no_ascii(t):  # «٩٤.٩٠» is no figure SHCP printed: text, reported as such
        raise NoNumero(t)
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    elif not _PLAIN.fullmatch(t):
        raise NoNumero(t)
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise NoNumero(t) from None
    if not d.is_finite() or d.copy_abs() >= _MAXIMO:
        raise NoNumero(t)
    return d


def miles(que: str, texto: str | None) -> str | None:
    """The nota of a cell read with its thousands commas dropped («570,000» → 570000): the
    figure is not the cell's text, so the spec says what the cell said; None otherwise."""
    t = str(texto).replace("\xa0", " ").strip() if texto is not None else ""
    if not _THOUSANDS.fullmatch(t):
        return None
    return (
        f"{que}: la celda dice «{t}»; se lee {plano(Decimal(t.replace(',', '')))} (coma de miles)"
    )


def plano(x: int | float | Decimal) -> str:
    """A number as plain decimal text, never an exponent: 3e-05 → '0.00003'."""
    d = x if isinstance(x, Decimal) else Decimal(x if isinstance(x, int) else repr(x))
    t = format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


def redondeo(que: str, exacto: Decimal, escrito: int | float, truncar: bool = False) -> str | None:
    """The nota of a figure written other than the source gives it (see `cifra`); None if same."""
    if Decimal(escrito if isinstance(escrito, int) else repr(escrito)) == exacto:
        return None
    if isinstance(escrito, int) and exacto.copy_abs() >= _ENTERO:
        porque = f"redondeada al entero: con más de {CIFRAS} cifras solo un entero se lee exacto"
    elif truncar:
        porque = (
            f"truncada a {CIFRAS} cifras significativas: más no se leen exactas; truncada, no "
            "redondeada, queda del mismo lado de cada corte de nivel que la exacta"
        )
    else:
        porque = f"redondeada a {CIFRAS} cifras significativas: más no se leen exactas"
    return f"{que}: {EXACTA} {plano(exacto)}; se escribe {plano(escrito)} ({porque})"


def numero_nota(
    texto: str | None, que: str, truncar: bool = False
) -> tuple[int | float | None, str | None]:
    """(value of the cell as the spec holds it, nota when that is not the cell's text);
    `truncar`: see `cifra`."""
    d = decimal_de(texto)
    if d is None:
        return None, None
    x = cifra(d, truncar)
    return x, redondeo(que, d, x, truncar)


def numero(texto: str | None) -> int | float | None:
    """'95.00' → 95, '0.806904401' → 0.806904401, '570,000' → 570000, '' → None.

    Integral values become ints so the spec reads as a person would write it. Raises NoNumero
    for text ("Por determinar la cuantificación"). A value rounded by `cifra` is told only by
    `numero_nota`: an importer uses that one.
    """
    return numero_nota(texto, "")[0]


def entero(texto: str | None) -> int | None:
    """'51.0' → 51; '' → None; raises NoNumero for text or a fraction."""
    x = numero(texto)
    if x is None:
        return None
    if isinstance(x, float):
        raise NoNumero(str(texto))
    return x


def texto(valor: object) -> str | None:
    """A text cell, stripped; None when empty."""
    if valor is None:
        return None
    t = str(valor).strip()
    return t or None


def clave_de(modalidad: str, numero_pp: str | int) -> str:
    """('E', '45') → 'E045'; 'E 001' → 'E001' (MODALIDAD_PP as the avance file writes it).

    ValueError unless the modalidad is one letter and the number a whole, finite number of at
    most 4 digits: «/ 001» or «E 1e400» would otherwise become a path or an OverflowError."""
    letra = str(modalidad).strip().upper()
    texto = str(numero_pp).strip()
    if len(letra) != 1 or not ("A" <= letra <= "Z") or not texto.isascii() or len(texto) > 12:
        raise ValueError(f"clave de programa no válida: {modalidad!r} {numero_pp!r}")
    numero = float(texto)  # ValueError for text; «45.0» as a spreadsheet writes it is 45
    if not (numero.is_integer() and 0 <= numero < 10_000):
        raise ValueError(f"clave de programa no válida: {modalidad!r} {numero_pp!r}")
    return f"{letra}{int(numero):03d}"


@dataclass(frozen=True)
class Normalizador:
    """Maps the categories SHCP typed by hand (Estrategico, Eificacia) to the spec's values."""

    vocab: Vocab
    parecido: float = 0.75  # difflib ratio: «Eificacia» ~ «eficacia» is 0.94

    def __call__(self, valor: str) -> str | None:
        exact = self.vocab.match(valor)
        if exact is not None:
            return exact
        opciones = {fold(c): c for c in self.vocab.canonical}
        near = difflib.get_close_matches(fold(valor), list(opciones), n=1, cutoff=self.parecido)
        return opciones[near[0]] if near else None


@dataclass
class IndicadorNuevo:
    """One MIR row to write, plus every SHCP id that identifies it (for matching a file)."""

    fila: dict
    ids: set[str] = field(default_factory=set)
    origen: str = ""  # where the source gives it (archivo:línea of each cycle), for people


@dataclass
class ProgramaNuevo:
    """A program as a spec document (plain dicts, spec key order) ready to write or merge."""

    ramo: int
    clave: str
    doc: dict
    indicadores: list[IndicadorNuevo] = field(default_factory=list)
    # where the source gives each component (its keypath in doc, ending in its nombre):
    # «archivo:línea», for the conflict that cannot tell which of the file's it is
    origenes: dict[tuple, str] = field(default_factory=dict)

    @property
    def id_completo(self) -> str:
        return f"{self.ramo}-{self.clave}"

    def origen(self, anio: int, comp: dict, archivo: str, lineas: list[int]) -> None:
        """Record the source rows of one of the year's components."""
        donde = f"{archivo}:{lineas[0]}"
        if len(lineas) > 1:
            donde += f" (líneas {rango_de_lineas(lineas)})"
        self.origenes[("poblaciones", anio, "componentes", comp["nombre"])] = donde


def rango_de_lineas(lineas: list[int]) -> str:
    """[2, 3, 4, 9] → '2–4, 9'."""
    tramos: list[list[int]] = []
    for n in lineas:
        if tramos and n == tramos[-1][1] + 1:
            tramos[-1][1] = n
        else:
            tramos.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in tramos)


@dataclass
class Lote:
    """The result of mapping one source file: programs, skipped rows by reason, avisos.

    An aviso may name its `tipo` (a short description of the rule that produced it): avisos of
    one tipo are printed as one line with their count ("126 filas: …"), and one by one with
    `--detalle`.
    """

    fuente: str
    programas: dict[tuple[int, str], ProgramaNuevo] = field(default_factory=dict)
    filas: int = 0
    omitidas: Counter = field(default_factory=Counter)
    avisos: list[str] = field(default_factory=list)
    corregidas: Counter = field(default_factory=Counter)  # (campo, original, canónico) → n
    tipos: dict[str, list[str]] = field(default_factory=dict)  # tipo → its avisos
    nombres: dict[str, str] = field(default_factory=dict)  # tipo → what it counts (filas)
    conflictos: list[str] = field(default_factory=list)  # rows of the source that disagree
    nombres_vistos: set = field(default_factory=set)  # (programa, campo, nombre) said once
    claves_contradictorias: int = 0  # of `conflictos`: rows whose key columns disagree

    def conflicto(self, primera: int, otra: int, quien: str, antes: dict, ahora: dict) -> bool:
        """Record a row that repeats an earlier one (same program, indicator, cycle) with other
        values, field by field; False when nothing differs (an identical repeat)."""
        difieren = [
            f"{k}: la línea {primera} dice {_valor(antes.get(k))}, la línea {otra} dice "
            f"{_valor(ahora.get(k))}"
            for k in dict.fromkeys([*antes, *ahora])
            if antes.get(k) != ahora.get(k)
        ]
        if difieren:
            self.conflictos.append(
                f"{self.fuente}:{primera} y {self.fuente}:{otra}: {quien} repetido con otros "
                f"valores: {'; '.join(difieren)} (se conserva la línea {primera})"
            )
        return bool(difieren)

    def omitir(self, motivo: str, n: int = 1) -> None:
        self.omitidas[motivo] += n

    def aviso(
        self, linea: int | None, mensaje: str, tipo: str | None = None, cuenta: str = "filas"
    ) -> None:
        donde = f"{self.fuente}:{linea}" if linea is not None else self.fuente
        texto_ = f"{donde}: {mensaje}"
        if tipo is None:
            self.avisos.append(texto_)
        else:
            self.tipos.setdefault(tipo, []).append(texto_)
            self.nombres.setdefault(tipo, cuenta)

    def lineas_de_aviso(self, detalle: bool = False) -> list[str]:
        """Avisos for people: each untyped one; each tipo as one counted line (or, with
        `detalle` or a single occurrence, every aviso of it)."""
        out = list(self.avisos)
        for tipo, lista in self.tipos.items():
            if detalle or len(lista) == 1:
                out.extend(lista)
            else:
                out.append(
                    f"{len(lista):,} {self.nombres.get(tipo, 'filas')}: {tipo} "
                    f"(p. ej. {lista[0]}; `detalle` los lista todos)"
                )
        return out


def _valor(x: object) -> str:
    if x is None:
        return "(vacío)"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {_valor(v)}" for k, v in x.items()) + "}"
    return plano(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else f"«{x}»"


def con_filas(lote: Lote) -> Lote:
    """The lote of a file that has data rows; a header alone says so (not «no coincide con el
    filtro», which no filter caused)."""
    if lote.filas == 0:
        raise SinDatos(f"{lote.fuente}: el archivo no tiene filas de datos; no se escribió nada")
    return lote


@dataclass(frozen=True)
class Filtro:
    """--ramo, --anio, --clave: empty means everything."""

    ramos: frozenset[int] = frozenset()
    ciclos: frozenset[int] = frozenset()
    claves: frozenset[tuple[int | None, str]] = frozenset()

    @classmethod
    def de(cls, ramos=None, ciclos=None, claves=None) -> Filtro:
        parsed = set()
        for c in claves or []:
            try:
                parsed.add(parse_clave(c))
            except ClaveDesconocida as exc:
                raise EntradaInvalida(str(exc)) from None
        rs = set()
        for r in ramos or []:
            try:
                n = entero(r)
            except NoNumero:
                n = None
            if n is None or n < 1:  # (a spec's ramo is a positive number: 0 matches nothing)
                raise EntradaInvalida(
                    f'ramo no válido "{r}": se esperaba un número mayor que 0 (p. ej. 51)',
                )
            rs.add(n)
        return cls(frozenset(rs), frozenset(ciclos or []), frozenset(parsed))

    def ramo(self, ramo: int) -> bool:
        return not self.ramos or ramo in self.ramos

    def ciclo(self, ciclo: int) -> bool:
        return not self.ciclos or ciclo in self.ciclos

    def clave(self, ramo: int, clave: str) -> bool:
        if not self.claves:
            return True
        return any(c == clave and (r is None or r == ramo) for r, c in self.claves)


def limpiar_unidad(valor) -> str | None:
    """A unit as SHCP typed it, tidied: spaces and line breaks collapsed, a trailing period
    dropped ('Personas. \\n' → 'Personas')."""
    t = texto(valor)
    if t is None:
        return None
    t = " ".join(t.split()).rstrip(". ").strip()
    return t or None


def clave_unidad(unidad: str) -> str:
    """Units that differ only in case, accents, spacing, a trailing period or number
    (singular/plural) share this key ('Persona' = 'personas.' = 'PERSONAS')."""
    words = fold(unidad.rstrip(". ")).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


class Unidades:
    """One spelling per unit across a file: the most frequent one (first seen on a tie)."""

    def __init__(self, unidades) -> None:
        conteo: dict[str, Counter] = {}
        for u in unidades:
            if u:
                conteo.setdefault(clave_unidad(u), Counter())[u] += 1
        self._canon = {k: c.most_common(1)[0][0] for k, c in conteo.items()}

    def __call__(self, unidad: str | None) -> str | None:
        return None if unidad is None else self._canon.get(clave_unidad(unidad), unidad)


CLAVE_PP = re.compile(r"[A-Z][0-9]{3}")  # (ASCII digits: «E٠١٥» is no clave)


CONTRADICTORIA = "columnas de clave que nombran programas distintos (conflicto)"


def contradice(
    lote: Lote,
    linea: int,
    filtro: Filtro,
    dichas: list[tuple[str, tuple[int, str]]],
    fuera: str = "fuera del filtro (`ramo`/`clave`)",
) -> bool:
    """True when the row's key columns (what each says, and the (ramo, clave) it gives) name
    more than one program: the row is left out, a conflict in the source with its line when
    either program is one the filter takes. Taking one column's would put the row's figures
    in a program the other column says they are not of."""
    programas = list(dict.fromkeys(ident for _, ident in dichas))
    if len(programas) < 2:
        return False
    if not any(filtro.ramo(r) and filtro.clave(r, c) for r, c in programas):
        lote.omitir(fuera)
        return True
    lote.omitir(CONTRADICTORIA)
    lote.claves_contradictorias += 1
    lote.conflictos.append(
        f"{lote.fuente}:{linea}: la fila no dice de qué programa es: "
        + ", pero ".join(f"{que} da {r}-{c}" for que, (r, c) in dichas)
        + " (se omite la fila)"
    )
    return True


# «06-S265» (poblaciones 2018–2020 Clave_Pp), «02-M001» (ISeD CVE_Pp); «12-U013 Vertiente 2»
_CLAVE_COMPLETA = re.compile(r"0*([0-9]{1,4})-([A-Z][0-9]{3})(?:\s.*)?", re.S)


def programa_de(
    row: dict,
    linea: int,
    lote: Lote,
    col_ramo: str,
    col_clave: str,
    filtro: Filtro,
    col_completa: str | None = None,
):
    """(ramo, clave) of a row of a one-program-per-row file, or None (counted) when the row has
    no valid identity, falls outside the filter, or its `col_completa` («06-S265») names
    another program (a conflict: `contradice`)."""
    try:
        ramo = entero(row.get(col_ramo))
    except NoNumero:
        ramo = None
    clave = (texto(row.get(col_clave)) or "").upper()
    if ramo is None or not CLAVE_PP.fullmatch(clave):
        lote.omitir("sin ramo o clave de programa válidos")
        lote.aviso(
            linea,
            f'fila omitida: ramo "{row.get(col_ramo)}", clave "{clave}"',
            "fila omitida: sin ramo o clave de programa válidos",
        )
        return None
    completa = (
        _CLAVE_COMPLETA.fullmatch(texto(row.get(col_completa)) or "") if col_completa else None
    )
    if completa and contradice(
        lote,
        linea,
        filtro,
        [
            (f"{col_ramo} «{texto(row.get(col_ramo))}» con {col_clave} «{clave}»", (ramo, clave)),
            (
                f"{col_completa} «{texto(row.get(col_completa))}»",
                (int(completa.group(1)), completa.group(2)),
            ),
        ],
    ):
        return None
    if not (filtro.ramo(ramo) and filtro.clave(ramo, clave)):
        lote.omitir("fuera del filtro (`ramo`/`clave`)")
        return None
    return ramo, clave


def doc_base(ramo: int, clave: str, row: dict, columnas: dict[str, str]) -> dict:
    """A new program's identity fields, in spec order, from the row's columns (spaces tidied)."""
    doc: dict = {"clave": clave, "ramo": ramo}
    for key, col in columnas.items():
        if texto(row.get(col)):
            doc[key] = " ".join(row[col].split())
    doc.setdefault("nombre", clave)
    return doc


T_NOMBRE = "filas de un programa que lo nombran distinto: se escribe el nombre de la primera"


def otro_nombre(
    lote: Lote, linea: int, primera: int, quien: str, doc: dict, row: dict, columnas: dict
) -> None:
    """A later row of a program that names it (or its dependencia) otherwise than its first
    row (15-U281 2020: «Programa Nacional de Reconstrucción» and «… 2020»): the first row's is
    written, the file's order decides, and both are said with their lines, once per spelling."""
    for key, col in columnas.items():
        t = texto(row.get(col))
        if t is None or key not in doc:
            continue
        t = " ".join(t.split())
        visto = (quien, key, fold(t))
        if fold(t) == fold(str(doc[key])) or visto in lote.nombres_vistos:
            continue
        lote.nombres_vistos.add(visto)
        lote.aviso(
            linea,
            f"{quien}: {key}: la línea {primera} dice «{doc[key]}» y esta «{t}»; se escribe "
            f"el de la línea {primera}",
            T_NOMBRE,
        )
