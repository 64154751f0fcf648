"""`ficha --todas --salida DIR`: a browsable, offline site of every loaded program.

DIR/index.html lists every program (clave, name, latest cobertura, cumplimiento, nivel de
monitoreo, verification status) linked to DIR/<ramo>-<clave>.html; each dependencia and each
programa derivado gets its own page too. Links are relative, nothing is fetched, and the same
specs give byte-identical files (sorted order, no dates, no absolute paths).

The index ends with a comment naming the pages it was written with (`_PAGINAS`). A page an
earlier run wrote that this run does not (its spec deleted, its clave changed, its program
left without data) is removed, so a folder published as is never serves its stale figures;
any other file in DIR, and any page of a site written before that list, is left alone.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from issste_mon.errores import EntradaInvalida, SinDatos
from issste_mon.ficha import datos, vista
from issste_mon.ficha.datos import fmt_cobertura, fmt_cumplimiento
from issste_mon.ficha.html import pagina
from issste_mon.ficha.titular import Titular, cobertura_titular
from issste_mon.salida.archivo import comprobar_destino, crear_carpeta, escribir_atomico
from issste_mon.salida.numfmt import fmt_escrito
from issste_mon.salida.plural import en_serie, plural
from issste_mon.vocab import Veredicto

_PAGINAS = "<!-- issste-mon, páginas de este sitio:"
_NOMBRE = re.compile(r"[A-Za-z0-9._-]+\.html")


def _anteriores(indice: Path) -> list[str]:
    """The pages the index in the folder says its run wrote (none without one)."""
    try:
        texto = indice.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    inicio = texto.rfind(_PAGINAS)
    if inicio < 0:
        return []
    fin = texto.find("-->", inicio)
    nombres = texto[inicio + len(_PAGINAS) : fin if fin >= 0 else None].split()
    return [n for n in nombres if _NOMBRE.fullmatch(n) and n != "index.html"]


def _quitar(destino: Path, nombres: list[str]) -> tuple[list[str], list[str]]:
    """(removed, kept): each page that is still a regular file (never through a link)."""
    quitadas, quedan = [], []
    for nombre in nombres:
        ruta = destino / nombre
        try:
            if not stat.S_ISREG(os.lstat(ruta).st_mode):
                continue  # not a page this site wrote any more
            os.unlink(ruta)
        except FileNotFoundError:
            continue
        except OSError:
            quedan.append(nombre)  # (listed again: the next run tries once more)
            continue
        quitadas.append(nombre)
    return quitadas, quedan


def archivo_programa(p) -> str:
    return f"{p.ramo}-{p.clave}.html"


def _seguro(nombre: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", nombre)


# the index's class of a program whose only disagreement is the source's with itself: the
# class of that verdict in a ficha's table
CONTRADICCION = vista.CLASE_VEREDICTO[Veredicto.contradiccion]


def _estado_verificacion(t) -> tuple[str, str]:
    """The index's word on a program's figures: only «coincide» counts as a confirmation (a
    figure «por construcción» rests on inputs taken from it), as in `verificar`'s summary."""
    if t is None:
        return "sin cifras publicadas", ""
    from issste_mon.vocab import Veredicto as V

    veredictos = [r.get("veredicto") or "" for r in t.filas]
    n = len(veredictos)
    dif = sum(1 for v in veredictos if v in (V.difiere, V.difiere_explicada))
    # a figure the source contradicts is not one issste-mon computes otherwise: «1 de 1
    # difiere» said of SHCP's ISeD level against SHCP's own rule what `verificar` does not
    con = veredictos.count(V.contradiccion)
    if dif or con:
        partes = [f"{dif} de {n} {V.difiere.en_numero(dif)}"] if dif else []
        if con:
            cuantas = f"{con}" if dif else f"{con} de {n}"
            partes.append(f"{cuantas} con {V.contradiccion.en_numero(con)}")
        # coloured as what it is: red says issste-mon's figure differs, which a contradiction
        # within the source is not (a figure that differs beside one: red still)
        return ", ".join(partes), "difiere" if dif else CONTRADICCION
    ok = veredictos.count(V.coincide)
    por_construccion = veredictos.count(V.coincide_por_construccion)
    no_verificables = veredictos.count(V.no_verificable)
    resto = []
    if por_construccion:
        resto.append(f"{por_construccion} por construcción")
    if no_verificables:
        resto.append(f"{no_verificables} {V.no_verificable.en_numero(no_verificables)}")
    texto = f"{ok} de {n} {V.coincide.en_numero(ok)}"
    return ", ".join([texto, *resto]), ("no-verificable" if resto else "coincide")


def _fila_indice(f: datos.Ficha) -> dict:
    ultima = datos._ultima  # latest computable row of a table
    cob = cobertura_titular(f.tabla("cobertura"))
    cump = ultima(
        f.tabla("resultados"), "cumplimiento_pct", lambda r: r.get("nivel") == "Propósito"
    ) or ultima(f.tabla("resultados"), "cumplimiento_pct")
    mon = ultima(f.tabla("monitoreo"), "nivel", lambda r: r.get("ambito") == "programa")
    estado, clase = _estado_verificacion(f.tabla("verificacion"))
    p = f.programa
    # the ficha's ⚠, here too: a PA/PO over 100 %, a cumplimiento on an inferred sentido or
    # a supuesto formula (the index's footnote says which is which)
    ind = next((i for i in p.mir if cump and i.id == cump["id"]), None)
    marca_cump = (
        " ⚠" if cump and datos.supuestos_cumplimiento(ind, f.metodologia, anio=cump["anio"]) else ""
    )
    return {
        "clave": p.clave,
        "ramo": str(p.ramo),
        "nombre": p.nombre,
        "enlace": archivo_programa(p),
        # «—»: no computable figure (absent or not computable); «ND» is a state a spec records
        "cobertura": _cobertura_indice(cob, f.metodologia),
        "cumplimiento": (
            f"{fmt_cumplimiento(cump, f.metodologia)}{marca_cump} ({cump['anio']})" if cump else "—"
        ),
        "monitoreo": f"{mon['nivel']} ({fmt_escrito(mon['valoracion'], 3)}, {mon['anio']})"
        if mon
        else "—",
        # SHCP's ISeD, as the ficha's strip says it: a site of `importar ised` specs showed
        # «—» in every column, as if its programs had no figure
        "ised": f"{i.cabeza} ({i.cifra}, {i.anio}{i.ademas}){i.posteriores}"
        if (i := datos.ised_titular(f))
        else "—",
        "verificacion": estado,
        "clase": clase,
    }


def _cobertura_indice(t: Titular | None, metodologia) -> str:
    """The ficha's headline PA/PO in a cell: «92.74 % (2023, total de 2 componentes)», or
    why there is none: «sin total (2024, 2 componentes)» (the ficha says the rest)."""
    if t is None:
        return "—"
    de = f", {t.de}" if t.de else ""
    if t.fila is None:
        marca = " ⚠" if t.alertados else ""
        motivo = t.motivo.split(":")[0]
        return f"{motivo}{marca} ({t.anio}{de})"
    marca = " ⚠" if t.fila.get("mayor_100") or datos.inferidas_pa_po(t.fila) else ""
    return f"{fmt_cobertura(t.fila, metodologia)}{marca} ({t.anio}{de})"


def _dependencia(specs, metodologia, dep, paginas: frozenset = frozenset(), corte=None) -> dict:
    """`paginas`: the program pages this run wrote; a program without one (no data) is named
    without a link, never linked to a page that is not there or is an earlier run's."""
    from issste_mon.consultas import tablas as reports
    from issste_mon.ficha import graficas, verificacion

    try:
        t = reports.monitoreo(specs, metodologia, None)
    except SinDatos:
        t = None
    # cut at the site's --anio, as its program pages are (2024's InMonitoreo leaked into 2016)
    filas = [
        r
        for r in (t.filas if t else [])
        if r.get("ramo") == dep.ramo and (corte is None or r["anio"] <= corte)
    ]
    ultimo = max((r["anio"] for r in filas), default=None)
    programas = [r for r in filas if r["ambito"] == "programa" and r["anio"] == ultimo]
    propios = {p.clave: p for p in specs.programas if p.ramo == dep.ramo}
    g = (
        graficas.barras_h(
            "g-inmonitoreo",
            f"Valoración del monitoreo por programa {ultimo}",
            [(_corto(r["clave"], propios), r["valoracion"]) for r in programas],
            lambda v: fmt_escrito(v, 3),
            "valoración de 0 a 1",
        )
        if programas
        else None
    )
    tabla_m = vista.tabla(replace_rows(t, filas), ("ramo", "metodologia")) if filas else None
    # the dependency's own figures, with their own summary (not the whole set's)
    propia = verificacion.cortada(specs, metodologia, dep.clave, corte)
    for_verif = vista.tabla(propia, ("ramo",)) if propia else None
    monitoreos = [m for m in dep.monitoreo if corte is None or m.anio is None or m.anio <= corte]
    # The spec's InMonitoreo and lugar are the document's (`verificar` compares them with the
    # recalculated ones): said as published, as the levels beside them are. «InMonitoreo 2024:
    # 0.514» headed a page whose table, «Nivel de monitoreo (recalculado)», gives 0.850.
    resumen = [
        (
            f"InMonitoreo (publicado en {m.anio})",
            fmt_escrito(m.inmonitoreo, 3)
            if isinstance(m.inmonitoreo, (int, float))
            else str(m.inmonitoreo or datos.AUSENTE),  # ND/NA as recorded, or absent
        )
        for m in monitoreos
    ]
    for m in monitoreos:
        if m.lugar and m.de:
            resumen.append((f"Lugar (publicado en {m.anio})", f"{m.lugar} de {m.de} dependencias"))
        for k, v in sorted(m.publicado.items()):
            etiqueta = PUBLICADOS.get(k, k.replace("_", " ").capitalize())
            resumen.append((f"{etiqueta} (publicado en {m.anio})", v))
    return {
        "titulo": f"{dep.siglas} · {dep.nombre}",
        "antetitulo": f"Dependencia · Ramo {dep.ramo}",
        "nombre": dep.nombre,
        "siglas": dep.siglas,
        "inicio": "index.html",
        "resumen": resumen,
        "grafica_inmonitoreo": g,
        "monitoreo": tabla_m,
        "programas": [
            {
                "clave": c,
                "nombre": p.nombre,
                "enlace": archivo_programa(p) if archivo_programa(p) in paginas else "",
            }
            for c, p in sorted(propios.items())
        ],
        "verificacion": for_verif if for_verif and for_verif["filas"] else None,
        "notas": [vista.cita(f"Metodología: {metodologia.referencia}.")],
    }


PUBLICADOS = {
    "nivel": "Nivel de monitoreo",
    "nivel_subindice": "Nivel del subíndice dependencia",
    "nivel_anterior_2022": "Nivel anterior (2022)",
    "nivel_texto": "Nivel de monitoreo en el texto",  # (verificar's «… (en el texto)»)
}


def _corto(clave: str, propios: dict, n: int = 44) -> str:
    nombre = propios[clave].nombre if clave in propios else ""
    texto = f"{clave} {nombre}".strip()
    return texto if len(texto) <= n else texto[: n - 1].rstrip() + "…"


def replace_rows(t, rows):
    from dataclasses import replace

    return replace(t, filas=rows)


def _derivado(specs, metodologia, d, paginas: frozenset = frozenset(), corte=None) -> dict:
    from issste_mon.consultas import derivado as reports_derivado

    t = reports_derivado.sexenal_indicadores(specs, metodologia, d.clave, corte)
    ocultar = (
        "clave",
        "metodologia",
        "avance_sexenal_tabla",
        "avance_sexenal_publicado",
        "meta_intermedia_publicada",
        "enfoque_objetivo",
    )
    return {
        "titulo": f"{d.clave} · {d.nombre}",
        "antetitulo": "Programa derivado" + (f" · {d.dependencia}" if d.dependencia else ""),
        "nombre": d.nombre,
        "clave": d.clave,
        "inicio": "index.html",
        "periodo": f"{d.inicio}–{d.fin}" if d.inicio and d.fin else "",
        "n_indicadores": str(len(d.indicadores())),
        "objetivos": [{"id": o.id, "texto": o.texto, "n": len(o.indicadores)} for o in d.objetivos],
        "indicadores": (tabla := vista.tabla(t, ocultar)),
        "notas": [
            *_abreviaturas(t, tabla),
            # what each published category rests on: the column says only the verdict
            *(
                vista.cita(n)
                for campo, que in (
                    ("avance_sexenal", "avance"),
                    ("meta_intermedia", "meta intermedia"),
                )
                for n in reports_derivado.verificadas(t.filas, campo, que)
            ),
            *(vista.cita(n) for n in ([t.pie] if t.pie else [])),
        ],
    }


def _abreviaturas(t, tabla) -> list[str]:
    """The page's columns «A» and «E» (short for the terminal, where they outlive the names)
    said in words, as under the terminal's table: the page had only the letters over 15 rows
    of «—»."""
    from issste_mon.salida.leyendas import abreviaturas

    vistas = {c["titulo"] for c in tabla["columnas"]} if tabla else set()
    dichas = abreviaturas([c for c in t.columnas if c.titulo in vistas])
    if not dichas:
        return []
    return [
        " · ".join(x.removesuffix(".") for x in dichas)
        + " · —: no calculable (la nota dice por qué)."
    ]


def revisar_destino(salida: str) -> None:
    """The site's folder is a folder or nothing yet (it is created): checked by the command
    line before any spec is loaded, and again before writing. A part of the path that is a
    file (`sitio.html/fichas`) is said here too, as creating the folder says it: Path.exists()
    took it for nothing there."""
    from issste_mon.carga.inputs import os_error

    try:
        otra_cosa = not stat.S_ISDIR(os.stat(salida).st_mode)
    except FileNotFoundError:
        return
    except NotADirectoryError as exc:
        raise EntradaInvalida(f"no se puede crear la carpeta {salida}: {os_error(exc)}") from None
    except OSError as exc:  # (a name too long: the error named no path)
        raise EntradaInvalida(f"no se puede escribir en {salida}: {os_error(exc)}") from None
    if otra_cosa:
        raise EntradaInvalida(f'"{salida}" no es una carpeta')


def escribir(
    specs,
    metodologia,
    salida: str,
    plantilla: str | None = None,
    corte: int | None = None,
    entradas: tuple[str, ...] = (),
) -> dict:
    """Write the whole site; returns counts. Raises EntradaInvalida when nothing can be
    written, or before replacing one of `entradas` (the files the command read)."""
    destino = Path(salida)
    revisar_destino(salida)
    crear_carpeta(destino)
    anteriores = _anteriores(destino / "index.html")
    # Every page is made before any is written, and every target checked: a page refused
    # half-way (a folder at its name) left the earlier pages written, no index, and an error
    # naming only the refused one.
    paginas: dict[str, str] = {}
    filas, omitidos, con_otras, fuera = [], [], 0, {}
    programas = sorted(specs.programas, key=lambda p: (p.ramo, p.clave))
    for p in programas:
        try:
            f = datos.construir(specs, metodologia, p.id_completo, corte)
        except SinDatos as exc:  # a program with no data at all still gets an index line
            omitidos.append(p)
            # (one whose only metas are of levels the ficha leaves out is not «sin datos»)
            niveles = getattr(exc, "niveles", [])
            otros = en_serie(niveles)
            con_otras += bool(niveles)
            fuera.update(dict.fromkeys(niveles))
            filas.append(
                {
                    "clave": p.clave,
                    "ramo": str(p.ramo),
                    "nombre": p.nombre,
                    "enlace": "",
                    "cobertura": "—",
                    "cumplimiento": "—",
                    "monitoreo": "—",
                    "ised": "—",
                    "verificacion": f"solo indicadores de {otros}, sin ficha"
                    if otros
                    else "sin datos en la spec",
                    "clase": "",
                }
            )
            continue
        texto = pagina("ficha.html.j2", vista.programa(f, "index.html"), plantilla)
        paginas[archivo_programa(p)] = texto
        filas.append(_fila_indice(f))
    otras = []
    # the pages of the dependencies and of the programas derivados, alike
    grupos = (
        ("Dependencia", "dependencia", specs.dependencias, _dependencia, lambda d: d.siglas),
        ("Programa derivado", "derivado", specs.derivados, _derivado, lambda d: d.clave),
    )
    for tipo, prefijo, registros, contexto, mostrada in grupos:
        for r in sorted(registros, key=lambda r: r.clave):
            nombre = f"{prefijo}-{_seguro(r.clave)}.html"
            datos_r = contexto(specs, metodologia, r, frozenset(paginas), corte)
            paginas[nombre] = pagina(f"{prefijo}.html.j2", datos_r, plantilla)
            otras.append({"tipo": tipo, "clave": mostrada(r), "nombre": r.nombre, "enlace": nombre})
    escritas = list(paginas)
    for nombre in [*escritas, "index.html"]:
        try:
            comprobar_destino(destino / nombre, entradas)
        except EntradaInvalida as exc:
            raise exc.ampliado("no se escribió ninguna página del sitio") from None
    _escribir_paginas(destino, paginas, entradas)
    indice = {
        "titulo": "Fichas de monitoreo de los programas",
        "programas": filas,
        "otras": otras,
        "n": str(len(filas)),
        "metodologia": metodologia.referencia,
        # (a column only where some program has one: the bundled set has no ISeD)
        "con_ised": any(p.ised for p in programas),
        # (what the amber means, where some row is: the bundled set has none)
        "con_contradiccion": any(f["clase"] == CONTRADICCION for f in filas),
    }
    quitadas, quedan = _quitar(destino, sorted(set(anteriores) - set(escritas)))
    lista = " ".join(sorted({*escritas, *quedan}))
    texto = pagina("indice.html.j2", indice, plantilla) + f"{_PAGINAS} {lista} -->\n"
    _escribir_paginas(destino, {"index.html": texto}, entradas, previas=escritas)
    return {
        "programas": len(filas) - len(omitidos),
        "omitidos": len(omitidos),
        "con_otras_metas": con_otras,  # of those: with metas of levels the ficha leaves out
        "niveles_fuera": list(fuera),  # those levels
        "otras": len(otras),
        "quitadas": quitadas,
    }


def _escribir_paginas(
    destino: Path, paginas: dict[str, str], entradas, previas: list[str] = ()
) -> None:
    """Write each page; a write that fails after the checks (a full disk, a folder that
    refuses new files) says which pages this run wrote and which it did not, so nobody
    publishes a half-updated folder believing it whole. An interruption (Ctrl-C, `kill`) is
    let through as it is, with the same account as a note (`__notes__`) for whoever reports
    it: it said only «interrumpido», over a folder of new and old pages."""
    hechas: list[str] = []
    for nombre, texto in paginas.items():
        try:
            escribir_atomico(destino / nombre, texto, entradas)
        except EntradaInvalida as exc:
            raise exc.ampliado(_incompleto(paginas, [*previas, *hechas])) from None
        except BaseException as exc:
            # the page being written is whole, old or new (escribir_atomico), not known which
            exc.add_note(_incompleto(paginas, [*previas, *hechas], nombre))
            raise
        hechas.append(nombre)


def _incompleto(paginas: dict[str, str], escritas: list[str], en_curso: str = "") -> str:
    """What a run cut short left: the pages it wrote (`escritas`), the one it was writing
    (`en_curso`, when interrupted) and those it did not write, the index among these."""
    faltan = [n for n in paginas if n not in escritas and n != en_curso]
    if "index.html" not in faltan and en_curso != "index.html":
        faltan.append("index.html")
    partes = []
    if en_curso:
        partes.append(f"{en_curso}, la página que se escribía, quedó entera, nueva o anterior")
    if escritas or not en_curso:
        partes.append(
            f"se {'escribió' if len(escritas) == 1 else 'escribieron'} "
            f"{plural(len(escritas), 'página')} ({', '.join(escritas)})"
            if escritas
            else "no se escribió ninguna página"
        )
    if faltan:
        uno = len(faltan) == 1
        partes.append(f"no se {'escribió' if uno else 'escribieron'} {', '.join(faltan)}")
    return "el sitio quedó incompleto: " + "; ".join(partes)
