"""A checked view over one parsed YAML mapping: typed accessors that record every problem.

Each accessor marks its key as known, so `unknown_keys()` can list what the spec format does not
name (reported by `validar --estricto`). Problems carry keypaths; lines are filled in later.
"""

from __future__ import annotations

import datetime
import math
import sys
from collections.abc import Callable

from issste_mon.carga.escritas import escrita
from issste_mon.errores import Keypath
from issste_mon.modelo import ANIO_MAX, ANIO_MIN, Faltante, Numero
from issste_mon.salida.numfmt import CIFRA_NO_ASCII, digitos_no_ascii
from issste_mon.vocab import Vocab

_MISSING = object()
# Documentation keys allowed in every mapping: where a figure comes from, a remark.
FREE_KEYS = frozenset({"fuente", "nota", "notas", "comentario"})
CLAVE_DESCONOCIDA = "clave desconocida"
# What a message that refuses a year expected: the range, which an example alone does not say.
ANIO_ESPERADO = f"se esperaba un año entre {ANIO_MIN} y {ANIO_MAX}"


def es_clave_desconocida(mensaje: object) -> bool:
    """The aviso of a key the format does not name, with or without its «¿quiso decir…?»."""
    return isinstance(mensaje, str) and (
        mensaje == CLAVE_DESCONOCIDA or mensaje.startswith(CLAVE_DESCONOCIDA + ";")
    )


def clave_desconocida(clave: str, validas) -> str:
    """The aviso for `clave`, with the nearest key valid at its place when there is one: a typo
    (`meta_modificda`, `Meta`, `poblacion_objetivo` for `objetivo`) leaves its figure unread,
    and the bare «clave desconocida» did not say which key was meant."""
    parecida = mas_parecida(clave, validas)
    if parecida is None or parecida == clave:
        return CLAVE_DESCONOCIDA
    return f"{CLAVE_DESCONOCIDA}; ¿quiso decir «{parecida}»?"


def mas_parecida(nombre: str, validos) -> str | None:
    """The valid name `nombre` most likely means (a typo, another case or accent), or None."""
    import difflib  # only when a name is unknown: not on the start-up path

    from issste_mon.vocab import fold

    # case, accents, `-` and `_` aside (`Meta`, `meta-modificada`): that key, not a guess
    por_forma = {fold(v): v for v in sorted(v for v in validos if isinstance(v, str))}
    forma = fold(nombre)
    parecida = por_forma.get(forma)
    if parecida is None:
        cerca = difflib.get_close_matches(forma, list(por_forma), n=1, cutoff=0.6)
        parecida = por_forma[cerca[0]] if cerca else None
    return parecida


# `fuente:` written with nothing after it: the figures would silently cite the level above's
# documents (or none), as if the citation had been filled in.
FUENTE_VACIA = (
    "fuente vacía: no nombra el documento que imprime estas cifras (escríbalo, o quite la clave "
    "si valen las fuentes del nivel superior)"
)
COMPROBAR = "comprobar"  # the severity of a `Collector.comprobar` item until it is located


# A message that quotes the value as written in the file: called with that text (None when it
# cannot be read back) once the loader has located the value.
Mensaje = str | Callable[[str | None], str]


class Collector:
    """Problems of one file, as (keypath, message, severity), in the order found."""

    def __init__(self) -> None:
        self.items: list[tuple[Keypath, Mensaje, str, bool]] = []

    def error(self, path: Keypath, message: Mensaje, at_key: bool = False) -> None:
        """at_key: the problem is the key itself (point at it, not at its value)."""
        self.items.append((path, message, "error", at_key))

    def aviso(self, path: Keypath, message: str) -> None:
        self.items.append((path, message, "aviso", True))

    def comprobar(self, path: Keypath, message: Callable[[str | None], str | None]) -> None:
        """An error only if `message`, called with the value as written once the loader has
        located it, says one (returns a text); None: no problem."""
        self.items.append((path, message, COMPROBAR, False))

    @property
    def has_errors(self) -> bool:
        return any(item[2] == "error" for item in self.items)


# A wrong value is quoted back in its error line: a longer text is cut, so that the line stays
# one a person can read (a 100,000-character `sentido` was echoed whole).
LARGO_CITA = 80


def describe(value: object) -> str:
    """How a wrong value is named in a message: the text itself, or its kind."""
    if isinstance(value, str):
        if len(value) > LARGO_CITA:
            return f'"{value[: LARGO_CITA - 20]}…" (un texto de {len(value):,} caracteres)'
        return f'"{value}"'
    if isinstance(value, (bytes, bytearray)):  # `!!binary`
        return f"datos binarios (!!binary, {len(value):,} bytes)"
    if isinstance(value, bool):
        return f"un booleano ({'true' if value else 'false'})"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"una fecha ({value.isoformat()})"
    if isinstance(value, dict):
        return "un mapeo"
    if isinstance(value, list):
        return "una lista"
    if isinstance(value, (set, frozenset)):  # `!!set`: its repr is Python's, in hash order
        return f"un conjunto (!!set, {len(value):,} elementos)"
    if value is None:
        return "un valor vacío"
    if isinstance(value, float) and not math.isfinite(value):
        return no_finito(value)
    return getattr(value, "escrito", None) or repr(value)  # `0x10`, not «16» (`escritas`)


def no_finito(valor: float) -> str:
    """`.nan`, `.inf`, `-.inf`: how YAML writes them, not Python's nan and inf."""
    return ".nan" if valor != valor else (".inf" if valor > 0 else "-.inf")


def _finito_escrito(valor: float) -> Callable[[str | None], str]:
    """A .nan or .inf where a figure goes, named as written (`.NaN`, `-.Inf`)."""

    def mensaje(escrito: str | None) -> str:
        return f"se esperaba un número finito, se encontró {escrito or no_finito(valor)}"

    return mensaje


class Node:
    """A mapping at a keypath. Accessors return None (and record a problem) on bad values."""

    __slots__ = ("data", "path", "out", "_seen")

    def __init__(self, data: dict, path: Keypath, out: Collector):
        self.data = data
        self.path = path
        self.out = out
        self._seen: set = set()

    def _get(self, key: str, required: bool):
        self._seen.add(key)
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.out.error(self.path + (key,), "campo obligatorio ausente")
            return _MISSING
        return value

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, float):  # its text is not what was written: 1.10 → «1.1», 0E0
            self.out.error(self.path + (key,), _decimal_escrito(value))
            return None
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            text = str(value).strip()
            if value.__class__ is not str:  # YAML 1.2 reads `007`, `+7`, `0x1F` as 7, 7, 31
                self.out.comprobar(self.path + (key,), _entero_escrito(value))
            if text:
                return text
        if isinstance(value, bool):  # `nombre: No`, `unidad: on`: YAML 1.1's booleans
            self.out.error(self.path + (key,), booleano_escrito(value))
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):  # `fuente: 2024-05-01`
            self.out.error(self.path + (key,), fecha_escrita(value))
            return None
        self.out.error(self.path + (key,), f"se esperaba un texto, se encontró {describe(value)}")
        return None

    def number(self, key: str, required: bool = False, nonnegative: bool = False) -> Numero:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        return to_number(value, self.path + (key,), self.out, nonnegative)

    def integer(
        self, key: str, required: bool = False, esperado: str = "se esperaba un número entero"
    ) -> int | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if value.__class__ is int:
            return value
        path = self.path + (key,)
        if isinstance(value, bool):  # `inicio: no`: named as written, not «false»
            self.out.error(path, booleano_donde(value, esperado))
        elif isinstance(value, float) and math.isfinite(value):  # `2016e0`: not «2016.0»
            self.out.error(path, _real_donde_entero(value, esperado))
        elif hasattr(value, "escrito"):  # `inicio: 0x7E1`, `+2017`, `02017` (`escritas`)
            self.out.error(path, numero_escrito(value, esperado))
        else:
            self.out.error(path, f"{esperado}, se encontró {describe(value)}")
        return None

    def year(self, key: str, required: bool = False) -> int | None:
        """An integer from ANIO_MIN to ANIO_MAX, or None with a message that names the range."""
        year = self.integer(key, required, ANIO_ESPERADO)
        if year is not None and not ANIO_MIN <= year <= ANIO_MAX:
            self.out.error(self.path + (key,), f"{ANIO_ESPERADO}, se encontró {year}")
            return None
        return year

    def boolean(self, key: str) -> bool | None:
        value = self._get(key, False)
        if value is _MISSING:
            return None
        if isinstance(value, bool):
            self.out.comprobar(self.path + (key,), _booleano_de_yaml_11(value))
            return value
        self.out.error(
            self.path + (key,), f"se esperaba true o false, se encontró {describe(value)}"
        )
        return None

    def enum(self, key: str, vocab: Vocab, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        match = vocab.match(value) if isinstance(value, str) else None
        if match is None:
            self.out.error(self.path + (key,), valor_desconocido(value, vocab))
        return match

    def mapping(self, key: str, required: bool = False) -> Node | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, dict):
            return Node(value, self.path + (key,), self.out)
        self.out.error(self.path + (key,), f"se esperaba un mapeo, se encontró {describe(value)}")
        return None

    def mappings(self, key: str) -> list[tuple[int, Node]]:
        """A list of mappings (e.g. `mir`): (index, node) for each valid item."""
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.out.error(
                self.path + (key,), f"se esperaba una lista, se encontró {describe(value)}"
            )
            return []
        items = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                items.append((i, Node(item, self.path + (key, i), self.out)))
            else:
                self.out.error(
                    self.path + (key, i), f"se esperaba un mapeo, se encontró {describe(item)}"
                )
        return items

    def by_year(self, key: str) -> list[tuple[int, object, Keypath]]:
        """A mapping keyed by year: (year, raw value, keypath) for each valid year key."""
        node = self.mapping(key)
        if node is None:
            return []
        node._seen.update(node.data)
        items = []
        for year, value in node.data.items():
            path = node.path + (escrita(year),)  # a key as written: `2017e0`, not «2017.0»
            # (exactly int: not a bool, nor `+2017`/`0x7E1`, which `escritas` marks)
            if year.__class__ is int and ANIO_MIN <= year <= ANIO_MAX:
                items.append((year, value, path))
            else:
                self.out.error(path, no_es_anio(year), at_key=True)
        return sorted(items, key=lambda t: t[0])

    def year_mappings(self, key: str) -> list[tuple[int, Node]]:
        items = []
        for year, value, path in self.by_year(key):
            if isinstance(value, dict):
                items.append((year, Node(value, path, self.out)))
            else:
                self.out.error(path, f"se esperaba un mapeo, se encontró {describe(value)}")
        return items

    def publicado(
        self,
        key: str = "publicado",
        conocidas: tuple[str, ...] = (),
        prefijos: tuple[str, ...] = (),
    ) -> dict[str, str]:
        """Published figures exactly as printed: every value is kept as text. `conocidas`,
        `prefijos`: the figures `verificar` checks here (none given: any key is a figure); any
        other is reported as an unknown key, since `verificar` could only say it cannot check it
        (`publicado: {cobertra: …}` passed `validar --estricto`)."""
        node = self.mapping(key)
        if node is None:
            return {}
        node._seen.update(node.data)
        out = {}
        for k, v in node.data.items():
            if conocidas and k not in conocidas and not str(k).startswith(prefijos):
                mensaje = clave_desconocida(escrita(k), conocidas)
                self.out.aviso(node.path + (escrita(k),), mensaje)
            if isinstance(v, str) and digitos_no_ascii(v):
                self.out.error(node.path + (str(k),), no_ascii(v))
            elif isinstance(v, str):
                out[str(k)] = v
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                self.out.error(node.path + (str(k),), publicado_sin_comillas(v))
            elif isinstance(v, bool):  # `avance_sexenal: yes`: named as written, not «true»
                esperado = "se esperaba la cifra publicada como texto"
                self.out.error(node.path + (str(k),), booleano_donde(v, esperado))
            elif isinstance(v, datetime.date):
                self.out.error(node.path + (str(k),), fecha_escrita(v))
            else:
                self.out.error(
                    node.path + (str(k),),
                    f"se esperaba la cifra publicada como texto, se encontró {describe(v)}",
                )
        return out

    def mark_known(self, *keys: str) -> None:
        self._seen.update(keys)

    def finish(self) -> None:
        """Report the keys the format does not name, as avisos (`validar --estricto`: errors)."""
        for key in self.data:
            if key not in self._seen and key not in FREE_KEYS:
                # every key this place reads was marked as seen by its accessor, present or not
                mensaje = clave_desconocida(escrita(key), self._seen | FREE_KEYS)
                self.out.aviso(self.path + (escrita(key),), mensaje)
        fuente = self.data.get("fuente", _MISSING)
        # (a blank text where `fuente` is read is already an error: «se esperaba un texto»)
        en_blanco = isinstance(fuente, str) and not fuente.strip() and "fuente" not in self._seen
        if fuente is None or en_blanco:
            self.out.aviso(self.path + ("fuente",), FUENTE_VACIA)


def no_es_anio(clave: object) -> str:
    """Why a key of a by-year mapping is no year, naming it as written. Nothing is taken for a
    year but a year written as one: `+2017`, `02017`, `0x7E1`, `2017.0`, `2017e0` or
    `2017-01-01` would otherwise be read as 2017 (or refused under Python's text for it)."""
    esperado = f"{ANIO_ESPERADO}, se encontró"
    escrito = escrita(clave)
    if isinstance(clave, bool) or clave is None:
        return f"{esperado} {describe(clave)}"
    if isinstance(clave, (datetime.date, datetime.datetime)):
        return (
            f"{esperado} {escrito}, que YAML lee como una fecha: escriba solo el año ({clave.year})"
        )
    if isinstance(clave, str):
        t = clave.strip()
        texto = t.isascii() and t.isdigit() and ANIO_MIN <= int(t) <= ANIO_MAX
        return f"{esperado} {describe(clave)}" + (
            " (un texto: escríbalo sin comillas)" if texto else ""
        )
    if isinstance(clave, (int, float)):
        entero = isinstance(clave, int) or (math.isfinite(clave) and clave.is_integer())
        if not (entero and ANIO_MIN <= clave <= ANIO_MAX):
            return f"{esperado} {escrito}"
        if isinstance(clave, int):  # `+2017`, `02017`, `0x7E1`
            return f"{esperado} {escrito}, que YAML lee como {int(clave)}: escriba {int(clave)}"
        como = "un número con punto decimal o exponente"  # `2017.0`, `2017.`, `2017e0`
        return f"{esperado} {escrito}, {como}: escriba {int(clave)}"
    return f"{esperado} {describe(clave)}"


def valor_desconocido(valor: object, vocab: Vocab) -> Mensaje:
    """A value outside a closed vocabulary: a text quoted ("subiendo"); a scalar YAML read as
    another kind named as written in the file (`yes`, `1e3`, `0x10`), not «un booleano (true)»
    nor «1000.0», which the person never wrote."""

    def con(dicho: str) -> str:
        return f"valor desconocido {dicho} para {vocab.name}; se esperaba {vocab.describe()}"

    if isinstance(valor, str) or not isinstance(valor, (bool, int, float, datetime.date)):
        return con(describe(valor))
    return lambda escrito: con(escrito or describe(valor))


def booleano_escrito(valor: bool) -> Callable[[str | None], str]:
    """A boolean where a text goes, named as written: «se encontró No», not «false», which
    the person never wrote (PyYAML reads yes/no/on/off as booleans, YAML 1.1's rule)."""

    def mensaje(escrito: str | None) -> str:
        if escrito is None or escrito.lower() in ("true", "false"):
            return f"se esperaba un texto, se encontró {describe(valor)}"
        leido = "true" if valor else "false"
        return (
            f"se esperaba un texto, se encontró {escrito}, que YAML lee como el booleano "
            f'{leido}: escríbalo entre comillas ("{escrito}") para que quede tal cual'
        )

    return mensaje


def fecha_escrita(valor: datetime.date) -> Callable[[str | None], str]:
    """A date where a text goes (`fuente: 2024-05-01`, `id: 2020-01-01`), named as written, with
    the quotes that keep it a text: YAML reads it as a date, which no text field takes."""

    def mensaje(escrito: str | None) -> str:
        # (a date with its time has a space the plain scalar read back stops at: say it whole)
        if escrito is None or isinstance(valor, datetime.datetime) or not escrito[:1].isdigit():
            return (
                f"se esperaba un texto, se encontró {describe(valor)}: escríbalo entre comillas "
                "para que quede tal cual"
            )
        return (
            f"se esperaba un texto, se encontró {escrito}, que YAML lee como una fecha: "
            f'escríbalo entre comillas ("{escrito}") para que quede tal cual'
        )

    return mensaje


def _booleano_de_yaml_11(valor: bool) -> Callable[[str | None], str | None]:
    """A true/false written `yes`, `no`, `on` or `off`: a boolean to YAML 1.1 (PyYAML, which
    issste-mon reads with), a text to YAML 1.2 — the editors that validate with the JSON schema
    flag it, so issste-mon refuses it too rather than give another verdict."""

    def mensaje(escrito: str | None) -> str | None:
        if escrito is None or escrito.lower() in ("true", "false"):
            return None
        leido = "true" if valor else "false"
        return (
            f"se esperaba true o false, se encontró {escrito}, que YAML 1.1 lee como {leido} y "
            f"YAML 1.2 (el de los editores) como un texto: escriba {leido}"
        )

    return mensaje


def booleano_donde(valor: bool, esperado: str) -> Callable[[str | None], str]:
    """A boolean where a number goes, named as written: «se encontró no», not «un booleano
    (false)», a word the person never wrote. (No quotes to suggest: a number was meant.)"""

    def mensaje(escrito: str | None) -> str:
        if escrito is None or escrito.lower() in ("true", "false"):
            return f"{esperado}, se encontró {describe(valor)}"
        leido = "true" if valor else "false"
        return f"{esperado}, se encontró {escrito}, que YAML lee como el booleano {leido}"

    return mensaje


def _entero_escrito(valor: int) -> Callable[[str | None], str | None]:
    """An integer where a text goes is read as its text: that is what was written unless the
    number was written otherwise (`id: 007` would silently be «7»)."""

    def mensaje(escrito: str | None) -> str | None:
        if escrito is None or escrito == str(valor):
            return None
        return (
            f"se esperaba un texto, se encontró el número {escrito}, que YAML lee como {valor}: "
            f'escríbalo entre comillas ("{escrito}") para que quede tal cual'
        )

    return mensaje


def _decimal_escrito(valor: float) -> Callable[[str | None], str]:
    """A decimal where a text goes: named as written (`id: 1.10`, which YAML reads as 1.1,
    the id of another indicator), with the quotes that keep it."""

    def mensaje(escrito: str | None) -> str:
        escrito = escrito or repr(valor)
        lee = "" if escrito == repr(valor) else f", que YAML lee como {valor!r}"
        return (
            f"se esperaba un texto, se encontró el número {escrito}{lee}: si es un texto (un id "
            f'como «1.10»), escríbalo entre comillas ("{escrito}") para que quede tal cual'
        )

    return mensaje


def publicado_sin_comillas(valor: float) -> Callable[[str | None], str]:
    """The message for a published figure YAML read as a number: it is compared at the
    precision it was printed with, which a number loses (94.90 → 94.9). The loader calls it
    with the figure as written in the file, once it knows where the figure is."""

    def mensaje(escrito: str | None) -> str:
        escrito = escrito or str(valor)
        leido = repr(valor) if isinstance(valor, float) else str(valor)
        como = (
            f"sin comillas YAML la lee como {leido} y se pierde el redondeo publicado"
            if leido != escrito
            else "sin comillas YAML la lee como un número (94.90 sería 94.9), no como el texto "
            "impreso"
        )
        return f'escriba la cifra entre comillas tal como se imprimió ("{escrito}"): {como}'

    return mensaje


def numero_escrito(valor: int | float, esperado: str) -> str:
    """A number written other than as a plain decimal (`escritas`), named as written, with what
    to write: «se encontró 0x10, que YAML lee como 16: escriba 16». Refused rather than read:
    the figure would not be the text in the file, and `010` is 10 to YAML 1.2 (issste-mon) but 8
    to YAML 1.1 (other tools that read the spec)."""
    escrito = getattr(valor, "escrito", str(valor))
    if isinstance(valor, int) or escrito[:2] in ("0x", "0o"):  # (`!!float 0o17`: 15)
        como = str(int(valor))
    else:  # the same digits, without `+` or leading zeros: `+94.90` → 94.90, not «94.9»
        signo = "-" if escrito.startswith("-") else ""
        cifras = escrito.lstrip("+-").lstrip("0")
        como = signo + (cifras if cifras[:1].isdigit() else "0" + cifras)
    octal = escrito.lstrip("-")
    otro = ""
    if isinstance(valor, int) and octal[:1] == "0" and octal.isdigit() and max(octal) < "8":
        leido = int(octal, 8) * (-1 if escrito.startswith("-") else 1)
        otro = f" (y YAML 1.1, el de otras herramientas, como {leido})"
    return f"{esperado}, se encontró {escrito}, que YAML lee como {como}{otro}: escriba {como}"


def _real_donde_entero(valor: float, esperado: str) -> Callable[[str | None], str]:
    """A number with a decimal point or an exponent where an integer goes, named as written:
    `2016e0` or `2016.0`, not Python's «2016.0» for both."""

    def mensaje(escrito: str | None) -> str:
        texto = f"{esperado}, se encontró {escrito or repr(valor)}"
        if valor.is_integer():
            texto += f", un número con punto decimal o exponente: escriba {int(valor)}"
        return texto

    return mensaje


def to_number(value: object, path: Keypath, out: Collector, nonnegative: bool = False) -> Numero:
    if isinstance(value, str) and value.strip().upper() in ("ND", "NA"):
        return Faltante(value.strip().upper())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            out.error(path, _finito_escrito(value))
            return None
        if value.__class__ is not int and value.__class__ is not float:  # `0x10`, `+5` (escritas)
            out.error(path, numero_escrito(value, "se esperaba un número"))
            return None
        if isinstance(value, int) and abs(value) > sys.float_info.max:  # would overflow calcs
            out.error(path, f"número fuera de rango ({len(str(abs(value)))} dígitos)")
            return None
        if nonnegative and value < 0:
            out.error(path, f"no puede ser negativo: {value}")
            return None
        return value
    if isinstance(value, bool):  # `potencial: no`, `meta: on`
        out.error(path, booleano_donde(value, "se esperaba un número o ND/NA"))
        return None
    pista = _pista_numero(value) if isinstance(value, str) else ""
    out.error(path, f"se esperaba un número o ND/NA, se encontró {describe(value)}{pista}")
    return None


def no_ascii(texto: str) -> str:
    """The error of a figure written with digits other than 0–9 (`numfmt.digitos_no_ascii`)."""
    return f"{CIFRA_NO_ASCII}: {describe(texto)}; escríbala con los dígitos 0 a 9"


def _pista_numero(texto: str) -> str:
    """What to write instead, for the forms a figure copied from a document takes: «1,234»,
    «89,5», «95%», «n.d.», «９５»."""
    import re

    t = texto.strip()
    if digitos_no_ascii(t):
        return f" ({CIFRA_NO_ASCII}): escríbala con los dígitos 0 a 9"
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        sin = t.replace(",", "")
        if re.fullmatch(r"[-+]?\d{1,3},\d{3}", t):  # «1,234»: or one and a fraction
            punto = t.replace(",", ".")
            texto = f": escriba el número sin comas de miles ({sin}), o con punto decimal"
            return f"{texto} si la coma lo es ({punto})"
        return f": escriba el número sin comas de miles ({sin})"
    if re.fullmatch(r"[-+]?\d+(?:_\d+)+(?:\.\d+)?", t):  # `1_000`: YAML 1.1 read 1000, 1.2 a text
        return f": escriba el número sin «_» ({t.replace('_', '').lstrip('+')})"
    if re.fullmatch(r"[-+]?\d+,\d+", t):
        return f": el separador decimal es el punto ({t.replace(',', '.')})"
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?\s*%", t):
        return f": escriba el número sin «%» ({t.rstrip('%').strip()})"
    if t.casefold() in ("n/d", "n.d.", "n.d", "s/d", "n/a", "n.a.", "-", "—", "–"):
        return ": escriba ND (no disponible) o NA (no aplica)"
    return ""
