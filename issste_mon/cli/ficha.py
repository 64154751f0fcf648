"""`ficha`: one program's monitoring report as HTML, Markdown or an Excel workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from issste_mon.cli.common import (
    STDOUT,
    Comunes,
    argumento,
    binary_target,
    comando_specs,
    entradas,
    fecha_fuente,
    opcion,
    opcion_anio,
    stderr_console,
    write_output,
)
from issste_mon.salida.plural import en_serie, plural

EXTENSIONES = {".html": "html", ".htm": "html", ".md": "markdown", ".xlsx": "xlsx"}


FORMATOS = {"html": "html", "markdown": "markdown", "md": "markdown", "xlsx": "xlsx"}
# The end of a Markdown ficha on stdout: the options that write its charts (the library's own
# text names none).
SIN_GRAFICAS = "Las gráficas se escriben con --salida ARCHIVO.html o ARCHIVO.md."


def _formato(salida: str | None, formato: str | None = None) -> str:
    """html, markdown or xlsx: from -f, else from --salida's extension; a -f that the
    extension contradicts is an error, as an unknown extension is."""
    from issste_mon.errores import EntradaInvalida

    pedido = None
    if formato is not None:
        pedido = FORMATOS.get(formato.strip().lower())
        if pedido is None:
            raise EntradaInvalida(
                f"-f/--formato «{formato}» no es un formato de la ficha: use html, markdown o xlsx"
            )
    if salida is None or salida == STDOUT:
        return pedido or ("markdown" if salida is None else "html")
    fmt = EXTENSIONES.get(Path(salida).suffix.lower())
    if fmt is None:
        raise EntradaInvalida(
            f'no se sabe qué escribir en "{salida}": use la extensión .html, .md o .xlsx',
        )
    if pedido is not None and pedido != fmt:
        raise EntradaInvalida(
            f"-f {formato} no coincide con la extensión de --salida «{salida}» ({fmt}): "
            "indique uno solo o hágalos coincidir"
        )
    return fmt


def _revisar(clave: str, fmt: str, salida: str | None) -> None:
    """What is refused without reading a spec, before reading them: a text that is no
    program's clave, xlsx with nowhere to go, a --salida that cannot be written."""
    from issste_mon.claves import parse_clave

    parse_clave(clave)
    if fmt == "xlsx":
        binary_target(salida)
    if salida not in (None, STDOUT):
        from issste_mon.salida.archivo import comprobar_destino

        comprobar_destino(salida)


def _escribir_todos(archivos: list[tuple[str, str]]) -> None:
    """The charts, then the Markdown that shows them. A write that fails after the checks (a
    full disk) or an interruption (Ctrl-C, `kill`) left new charts beside the old document and
    named only the file it stopped at: it says which files are new and which are not."""
    from issste_mon.cli.codigos import Terminado
    from issste_mon.errores import EntradaInvalida

    hechos: list[str] = []
    for ruta, texto in archivos:
        try:
            write_output(ruta, texto)
        except EntradaInvalida as exc:
            if not hechos:  # nothing changed: the error alone says it
                raise
            raise exc.ampliado(_incompleta(archivos, hechos)) from None
        except (KeyboardInterrupt, Terminado):
            # (the file being written is whole, old or new: escribir_atomico)
            en_curso = f"{ruta}, el archivo que se escribía, quedó entero, nuevo o anterior"
            stderr_console(errores=True).print(_incompleta(archivos, hechos, ruta, en_curso))
            raise
        hechos.append(ruta)


def _incompleta(archivos, hechos: list[str], ruta: str = "", en_curso: str = "") -> str:
    faltan = [r for r, _ in archivos if r not in hechos and r != ruta]
    partes = [en_curso] if en_curso else []
    if hechos:
        uno = len(hechos) == 1
        partes.append(
            f"se {'escribió' if uno else 'escribieron'} {plural(len(hechos), 'archivo')} "
            f"({', '.join(hechos)})"
        )
    if faltan:
        uno = len(faltan) == 1
        partes.append(f"no se {'escribió' if uno else 'escribieron'} {', '.join(faltan)}")
    return "la ficha quedó incompleta: " + "; ".join(partes)


def _sin_ficha(omitidos: int, con_otras: int, niveles: list[str]) -> str:
    """« (3 solo en el índice: 1 sin datos y 2 solo con indicadores de Componente o Actividad)»:
    the programs the site gives no ficha, and why. One whose metas are all of the levels the
    ficha leaves out (SHCP's MIR file) was counted «sin datos» beside an index that says
    otherwise."""
    if not omitidos:
        return ""
    if not con_otras:
        return f" ({omitidos:,} sin datos, solo en el índice)"
    sin = omitidos - con_otras
    partes = [f"{sin:,} sin datos"] if sin else []
    partes.append(f"{con_otras:,} solo con indicadores de {en_serie(niveles, ' o ')}")
    return f" ({omitidos:,} solo en el índice: {en_serie(partes)})"


def _notas(exc: BaseException) -> None:
    """What the library noted on an interruption (`sitio`: the pages written and not), said
    before «interrumpido», also with -q: it is the state of the user's folder."""
    for nota in getattr(exc, "__notes__", ()):
        stderr_console(errores=True).print(nota)


AnioCorteOpt = opcion_anio("Año de corte: la ficha muestra los años hasta AÑO (incluido).")


@comando_specs()
def ficha(
    clave: Annotated[
        Optional[str],
        argumento("[CLAVE]", "Clave del programa (E045 o 51-E045). Con --todas, se omite."),
    ] = None,
    anio: AnioCorteOpt = None,
    formato: Annotated[
        Optional[str],
        opcion(
            "--formato",
            "-f",
            metavar="[html|markdown|xlsx]",
            ayuda="Formato de la ficha; por omisión, el de la extensión de --salida. Sin "
            "--salida, a stdout (xlsx pide --salida o «-o -» en una tubería).",
        ),
    ] = None,
    salida: Annotated[
        Optional[str],
        opcion(
            "--salida",
            "-o",
            metavar="ARCHIVO",
            ayuda="ARCHIVO.html (un archivo autocontenido), ARCHIVO.md (más las gráficas .svg "
            "junto a él) o ARCHIVO.xlsx (una hoja por tabla). «-»: HTML a stdout. Sin "
            "--salida: Markdown sin gráficas a stdout.",
        ),
    ] = None,
    todas: Annotated[
        bool,
        typer.Option(
            "--todas",
            help="Un sitio de todos los programas: --salida CARPETA recibe index.html y una "
            "ficha por programa, dependencia y programa derivado (enlaces relativos, sin red).",
        ),
    ] = False,
    plantilla: Annotated[
        Optional[str],
        opcion(
            "--plantilla",
            metavar="CARPETA",
            ayuda="Plantillas Jinja2 propias (ficha.html.j2, estilo.css, indice.html.j2…) que "
            "reemplazan a las incluidas; las que falten se toman de las incluidas.",
        ),
    ] = None,
    *,
    op: Comunes,
) -> None:
    """Ficha de monitoreo de un programa con los bloques de la FMyE de CONEVAL.

    Descripción, resultados e indicadores de Fin y Propósito (serie con metas y línea base),
    población objetivo y cobertura (PP, PO, PA, evolución), análisis del sector, presupuesto en
    MDP con su % del ramo, fortalezas, debilidades, recomendaciones, aspectos susceptibles de
    mejora, avances, evaluaciones, contactos, nivel de monitoreo y verificación de cifras
    publicadas. El HTML (plantillas Jinja2, --plantilla) se abre sin conexión y se imprime en dos
    páginas horizontales; --todas escribe un sitio de todos los programas.

    Ejemplos: issste-mon ficha E045 -o e045.html · issste-mon ficha E045 -o e045.md ·
    issste-mon ficha --todas --salida sitio/
    """
    from issste_mon.errores import EntradaInvalida
    from issste_mon.ficha import datos

    if plantilla is not None and not Path(plantilla).is_dir():
        raise EntradaInvalida(f'--plantilla "{plantilla}" no es una carpeta')
    if todas:
        otro = formato is not None and _formato(None, formato) != "html"
        if clave is not None or salida in (None, STDOUT) or otro:
            raise EntradaInvalida(
                "--todas escribe un sitio: use «ficha --todas --salida CARPETA» sin CLAVE"
            )
        from issste_mon.ficha import sitio

        sitio.revisar_destino(salida)  # before loading
        loaded, met = op.cargar(), op.met()
        try:
            n = sitio.escribir(loaded, met, salida, plantilla, anio, entradas())
        except KeyboardInterrupt as exc:  # (and Terminado, a kill): what the folder was left as
            _notas(exc)
            raise
        except BaseException as exc:
            from issste_mon.cli.codigos import Terminado

            if isinstance(exc, Terminado):
                _notas(exc)
            raise
        k = n["programas"]
        stderr_console().print(
            f"Sitio escrito en {salida}: index.html, {plural(k, 'ficha')} de programa"
            + _sin_ficha(n["omitidos"], n["con_otras_metas"], n["niveles_fuera"])
            + f" y {plural(n['otras'], 'página')} de dependencias y programas derivados."
        )
        if quitadas := n["quitadas"]:  # pages of an earlier run this one no longer has
            uno = len(quitadas) == 1
            stderr_console().print(
                f"Se {'quitó' if uno else 'quitaron'} {plural(len(quitadas), 'página')} de una "
                f"corrida anterior que ya no {'está' if uno else 'están'} en el sitio: "
                f"{', '.join(quitadas)}."
            )
        return
    if clave is None:
        raise EntradaInvalida(
            "falta CLAVE: «ficha E045», o «ficha --todas --salida CARPETA» para todos"
        )
    fmt = _formato(salida, formato)
    _revisar(clave, fmt, salida)
    loaded, met = op.cargar(), op.met()
    f = datos.construir(loaded, met, clave, anio)
    if fmt == "xlsx":
        from issste_mon.salida import procedencia, xlsx

        target = binary_target(salida)
        tablas = datos.tablas_libro(f)
        recortes: list[str] = []
        proc = procedencia.de(metodologia=met, archivos=f.archivos)
        libro = xlsx.libro(tablas, proc, recortes, fecha_fuente())
        err = stderr_console()
        if not isinstance(target, str):  # `-f xlsx -o -` into a pipe, as the help offers
            target.write(libro)  # (it went to escribir_atomico as a path: a traceback)
            target.flush()
            for aviso in recortes:
                err.print(f"aviso: {aviso}")
            return
        write_output(target, libro)
        hojas = plural(len(tablas), "hoja")
        for aviso in recortes:
            err.print(f"aviso: {aviso}")
        err.print(f"Ficha escrita en {salida} ({hojas} de datos).")
        return
    from issste_mon.ficha import vista

    ctx = vista.programa(f)
    if fmt == "markdown" and salida in (None, STDOUT):
        from issste_mon.ficha import markdown

        sys.stdout.write(markdown.documento(ctx, sin_graficas=SIN_GRAFICAS))
        return
    from issste_mon.ficha import graficas, markdown

    charts = markdown.graficas(ctx)
    if fmt == "html":
        from issste_mon.ficha import html

        text = html.pagina("ficha.html.j2", ctx, plantilla)
        if salida in (None, STDOUT):
            sys.stdout.write(text)
            return
        write_output(salida, text)
    else:
        from issste_mon.salida.archivo import comprobar_destino

        svgs = [str(Path(salida).with_name(markdown.nombre_grafica(salida, g))) for g in charts]
        # Every target checked before any is written, and the charts before the document that
        # shows them: a chart refused (a folder, a link at its name) left the .md written,
        # pointing at charts that were not.
        for ruta in [salida, *svgs]:
            comprobar_destino(ruta, entradas())
        archivos = [(r, graficas.archivo_svg(g.svg)) for g, r in zip(charts, svgs, strict=True)]
        _escribir_todos([*archivos, (salida, markdown.documento(ctx, salida))])
    n = len(charts)
    stderr_console().print(f"Ficha escrita en {salida} ({plural(n, 'gráfica')}).")
