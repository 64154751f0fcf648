"""The ficha and the site as HTML, from the Jinja2 templates in `plantillas/`.

Autoescape is on for every `.html.j2` template: spec text can hold «<script>» and still prints as
text. Every value a template prints is first sanitised (`sanear.marcado`): a spec's ESC, BEL or
bidi override shows as `\\x1b` on the page, as in the Markdown ficha, and never reaches a
terminal the page is printed on — user templates (`--plantilla`) included.

`--plantilla DIR` puts DIR before the bundled templates, so an analyst overrides one file
(estilo.css, ficha.html.j2, indice.html.j2…) and keeps the rest. Output is a single file with
inline CSS and SVG: no scripts, fonts or requests.
"""

from __future__ import annotations

import re
from functools import lru_cache

from issste_mon import __version__
from issste_mon.salida.plural import plural
from issste_mon.salida.sanear import marcado

PLANTILLAS = ("ficha.html.j2", "indice.html.j2", "dependencia.html.j2", "derivado.html.j2")


def _sin_controles(valor):
    # Markup too (`| safe`, `| e`): an inline SVG is already clean, and costs one search.
    if not isinstance(valor, str):
        return valor
    limpio = marcado(valor)
    if "$ " not in limpio and " %" not in limpio:
        return limpio
    from markupsafe import Markup

    unido = _CIFRA.sub("\u00a0", limpio)
    return Markup(unido) if isinstance(valor, Markup) else unido


# The space between a figure and its sign: «$ 52,587.80», «94.90 %». A narrow column of the
# verification table broke «$» from its digits; a no-break space keeps them one word wherever
# the figure is printed (cell, titular, chart), as the `.num` cells' nowrap did for some.
_CIFRA = re.compile(r"(?<=\$) (?=[\d−-])|(?<=\d) (?=%)")


def _partible(valor):
    """A table cell's text, free to break after each «_» of a name run together: the
    verification's explanations name fields (`calidad_indicadores_mas_baja`), and at 28 letters
    one held its column and pushed the dependency page's table 45 px past a 900 px window."""
    from markupsafe import Markup, escape

    return Markup(str(escape(marcado(valor))).replace("_", "_<wbr>"))


@lru_cache(maxsize=8)
def entorno(plantilla: str | None = None):
    import jinja2

    loaders: list = [jinja2.PackageLoader("issste_mon.ficha", "plantillas")]
    if plantilla is not None:
        loaders.insert(0, jinja2.FileSystemLoader(plantilla))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_sin_controles,
    )
    env.globals["version"] = __version__
    env.filters["plural"] = plural  # {{ n | plural("programa") }}: «1 programa», «9 programas»
    env.filters["partible"] = _partible  # {{ celda | partible }}: may break after «_»
    from issste_mon.ficha.vista import palabra_larga

    env.tests["larga"] = palabra_larga  # {% if v is larga %}: a word to break anywhere
    return env


def pagina(nombre: str, contexto: dict, plantilla: str | None = None) -> str:
    """Render one template of the set (ficha, indice, dependencia, derivado).

    A broken user template (--plantilla) is one clear error with its file and line, exit 2.
    """
    import jinja2

    from issste_mon.errores import EntradaInvalida

    try:
        return entorno(plantilla).get_template(nombre).render(**contexto)
    except jinja2.TemplateSyntaxError as exc:
        donde = f"{exc.filename or exc.name}:{exc.lineno}"
        raise EntradaInvalida(f"plantilla {donde}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise EntradaInvalida(f"plantilla {nombre}: {exc}") from None


def documento(ficha, plantilla: str | None = None, inicio: str | None = None) -> str:
    """One program's ficha as a self-contained HTML page."""
    from issste_mon.ficha import vista

    return pagina("ficha.html.j2", vista.programa(ficha, inicio), plantilla)


def tabla_html(tabla) -> str:
    """One result table as the ficha writes it (the `tabla` macro), e.g. to embed elsewhere."""
    from issste_mon.ficha import vista

    plantilla = '{% import "macros.html.j2" as m %}{{ m.tabla(t) }}'
    return entorno().from_string(plantilla).render(t=vista.tabla(tabla, ocultar=()))
