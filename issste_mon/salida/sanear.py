"""Text for people, safe on a terminal: the one place that decides what reaches a screen.

Every line printed for a person — tables, messages, avisos, progress, usage errors that echo
an argument — goes through `sanear` (directly, or through a console made by `consola`):

- C0 and C1 control characters (ESC, BEL, CSI…, DEL) are written visibly escaped (`\\x1b`),
  so no data can clear the screen, erase a line, plant an OSC 8 link or write the clipboard
  (OSC 52);
- bidirectional overrides and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C) and the
  Unicode line/paragraph separators are escaped as `\\u202e`: a name cannot reorder the text
  around it;
- lone surrogates (a file name that is not UTF-8) are escaped instead of crashing the encoder,
  and so are the non-characters U+FFFE and U+FFFF;
- invisible characters (zero-width space, joiners, word joiner, U+FEFF, the tag characters
  U+E0000–E007F) are escaped as `\\u200b`: «E0\\u200b45» does not pass for E045, nor two
  names for one;
- rich markup in data is never interpreted (`[/red]`, `[link=…]`): the console is created
  with `markup=False` and `emoji=False`.

The ficha's HTML pages and SVG charts use the same escapes through `marcado`, which keeps tab
and newline (plain spaces to markup): a page or chart never carries a raw control either.

Sanitising happens before any layout, so a table never measures or truncates a raw sequence.
Data formats (CSV, TSV, JSON, xlsx) do not come through here: they keep the exact text.
"""

from __future__ import annotations

import functools
import re

BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARADORES = (0x2028, 0x2029)
_NOMBRES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
# U+FFFE and U+FFFF are no characters at all, and XML forbids them: an SVG holding one is not
# an image. Escaped everywhere, since no text means them.
_NO_CARACTERES = (0xFFFE, 0xFFFF)
# Characters that show as nothing: two different names would print alike.
INVISIBLES = (*range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF, *range(0xE0000, 0xE0080))
_PELIGROSOS = [
    *range(0x20),
    0x7F,
    *range(0x80, 0xA0),
    *BIDI,
    *_SEPARADORES,
    *_NO_CARACTERES,
    *INVISIBLES,
]


def _escapado(o: int) -> str:
    if o in _NOMBRES:
        return _NOMBRES[o]
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"


_PATRON = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff\ufeff\ufffe\uffff\U000e0000-\U000e007f]"
)
# What each use keeps as is: a line of a table keeps nothing; a message of several lines keeps
# \n; an HTML or SVG document keeps \t and \n too, which markup treats as any other space.
_CONSERVA = {"": "\x00-\x1f", "\n": "\x00-\x09\x0b-\x1f", "\t\n": "\x00-\x08\x0b-\x1f"}


@functools.cache
def _reglas(conserva: str) -> tuple[re.Pattern, dict]:
    """(what to look for, its translation table), built at first use: a command whose output
    never reaches a person (TSV in a pipe) does not pay ~1 ms to build them."""
    tabla = {o: _escapado(o) for o in _PELIGROSOS} | {
        o: _escapado(o) for o in range(0xD800, 0xE000)
    }
    patron = re.compile(_PATRON.replace("\x00-\x1f", _CONSERVA[conserva]))
    return patron, {o: v for o, v in tabla.items() if chr(o) not in conserva}


def sanear(texto: object, *, lineas: bool = False) -> str:
    """`texto` with every control, bidi override and lone surrogate visibly escaped.

    `lineas=True` keeps `\\n` (a message of several lines written by the tool itself); every
    other control, `\\r` and `\\t` included, is escaped.
    """
    return _sin_controles(texto, "\n" if lineas else "")


def marcado(texto: object) -> str:
    """`sanear` for text inside an HTML or SVG document (the ficha, the site, the charts): the
    same escapes, so a spec's ESC or BEL shows as `\\x1b` on the page as it does in the Markdown
    ficha, and no control reaches a terminal the page is printed on or makes an SVG ill-formed
    XML; tab and newline stay, being plain spaces to markup. Escapes no `<` or `&`: the
    template's autoescape (or `html.escape`) does that after."""
    return _sin_controles(texto, "\t\n")


def _sin_controles(texto: object, conserva: str) -> str:
    t = texto if isinstance(texto, str) else str(texto)
    hay, tabla = _reglas(conserva)
    return t.translate(tabla) if hay.search(t) else t


def es_seguro(texto: str, *, lineas: bool = True) -> bool:
    """True when `texto` holds nothing `sanear` would escape."""
    return _reglas("\n" if lineas else "")[0].search(texto) is None


_MD = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        # emphasis and strikethrough: «(A/B)*100 … (C/D)*100» lost both asterisks to an italic
        # (`_` only where it can open or close one: `_guion_bajo`)
        "*": "\\*",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)


def markdown(texto: object) -> str:
    """Text for a Markdown table cell or paragraph: `|`, backslashes, brackets, backticks,
    emphasis marks (`*`, `_`, `~`) and raw HTML (`<`, `>`, `&`) escaped, line breaks folded
    into spaces, controls escaped.

    The one Markdown escaper: `-f markdown` tables and the ficha `.md` both use it.
    """
    return sanear(_guion_bajo(" ".join(str(texto).translate(_MD).split())))


# A run of «_» between two letters or digits never opens or closes emphasis (CommonMark's
# intraword rule): «meta_no_alcanzada» stays as it reads; «_meta_» is escaped.
_GUIONES = re.compile(r"_+")


def _guion_bajo(texto: str) -> str:
    if "_" not in texto:
        return texto

    def escapado(m: re.Match) -> str:
        i, j = m.start(), m.end()
        if 0 < i and j < len(texto) and texto[i - 1].isalnum() and texto[j].isalnum():
            return m.group()
        return m.group().replace("_", "\\_")

    return _GUIONES.sub(escapado, texto)


def consola(*, stderr: bool = False, file=None, **opciones):
    """The only way issste-mon makes a rich console: markup, emoji and highlighting off, and
    every string it renders — printed, a table title, a header, a cell — sanitised first."""
    from rich.console import Console
    from rich.segment import Segment

    class ConsolaSegura(Console):
        def render_str(self, text, **kw):
            kw["markup"] = False
            kw["emoji"] = False
            return super().render_str(sanear(text, lineas=True), **kw)

        def print(self, *objects, **kw):
            # A string printed is one record: a newline inside it is data, shown escaped.
            objects = tuple(sanear(o) if isinstance(o, str) else o for o in objects)
            kw["markup"] = False
            kw["emoji"] = False
            kw.setdefault("highlight", False)
            return super().print(*objects, **kw)

        def _render_buffer(self, buffer):
            # Last line of defence for renderables built outside this module (a rich Text made
            # from data): their text is escaped here too, even if it costs the layout a column.
            limpio = (
                s if s.control else Segment(sanear(s.text, lineas=True), s.style) for s in buffer
            )
            return super()._render_buffer(limpio)

    opciones.setdefault("highlight", False)
    return ConsolaSegura(stderr=stderr, file=file, markup=False, emoji=False, **opciones)
