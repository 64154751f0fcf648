"""`issste-mon ficha`: one program on one page, in the spirit of CONEVAL's Ficha de Monitoreo.

datos.py gathers the report tables (from `issste_mon.consultas`), verificacion.py compares published
figures, graficas.py draws the charts (matplotlib → SVG), html.py and markdown.py write them.
"""
