"""The ficha and the site as HTML, from the Jinja2 templates in `plantillas/`.

Autoescape is on for every `.html.j2` template: spec text can hold «<script>» and still prints as
text. `--plantilla DIR` puts DIR before the bundled templates, so an analyst overrides one file
(estilo.css, ficha.html.j2, indice.html.j2…) and keeps the rest. Output is a single file with
inline CSS and SVG: no scripts, fonts or requests.
"""

from __future__ import annotations

from functools import lru_cache

from issste_mon import __version__

PLANTILLAS = ("ficha.html.j2", "indice.html.j2", "dependencia.html.j2", "derivado.html.j2")


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
    )
    env.globals["version"] = __version__
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
