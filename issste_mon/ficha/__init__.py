"""`issste-mon ficha`: one program on two landscape pages, like CONEVAL's Ficha de Monitoreo y
Evaluación (FMyE), and `ficha --todas`: an offline site of every program.

datos.py gathers the report tables, verificacion.py compares published figures, spec.py reads the
v1.2 narrative blocks, graficas.py draws the charts (SVG by hand), vista.py turns it all into
formatted text, html.py renders the Jinja2 templates in plantillas/, markdown.py writes the same
blocks as Markdown, sitio.py writes the site.
"""
