"""Reading a methodology file into a `Metodologia`: every key, type, domain and order checked.

A methodology is thresholds, and a threshold that is misspelt, of the wrong type or out of order
does not fail loudly by itself: it falls back to a default or gives wrong labels. So every key
must be known, every value of its type and domain, and every ordered set of cuts in an order the
classification can use. All problems of the file are collected (keypath and message), not only
the first; `metodologia.load` turns them into lines with the file's line and column.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from issste_mon.errores import Keypath
from issste_mon.metodologia import (
    DESCENDENTE,
    META,
    Banda,
    Metodologia,
    Regla,
    ReglasAlertas,
    ReglasMetaIntermedia,
    ReglasSexenal,
    Semaforo,
    decimal,
)
from issste_mon.modelo import ANIO_MAX, ANIO_MIN

# Where a number came from: every section and subsection may say it (see the file's header).
DOC = ("confianza", "fuente", "nota")
CONFIANZAS = ("publicado", "inferido", "supuesto")
# The MIR levels the Diagnóstico's «cumplimiento de metas» attribute may be read against.
NIVELES_MIR = ("Fin", "Propósito", "Componente", "Actividad")
NIVEL_ATRIBUTO = "Propósito"
REQUISITOS = ("valores", "meta", "meta_sexenal", "linea_base")
# Printed precision. Decimal's quantize fails past its 28-digit context, and no published figure
# has more than a handful of decimals.
MAX_DECIMALES = 10
# The measures each rule list is evaluated with (calc/sexenal.py): a rule on any other measure
# would never be computable and would leave the indicator without a category.
MEDIDAS_SEXENAL = ("avance", "razon")
MEDIDAS_META_INTERMEDIA = ("cumplimiento",)
# Percentages are written as percentages (90 for 90 %). A threshold above 0 and below 2 % is
# almost surely a fraction copied from a spreadsheet (0.9, 1.1): read as a percentage it would
# put every indicator in one band, silently.
FRACCION_MAX = Decimal(2)
MEDIDAS_PORCENTAJE = ("avance", "cumplimiento")
# And the other way: r = A / E is a ratio (1.10 for 110 %). A threshold of 10 or more — ten
# times the expected progress — is almost surely a percentage (110 for 1.10): read as a ratio
# it would leave its category empty, silently.
RAZON_MAX = Decimal(10)

Problema = tuple[Keypath, bool, str]  # (keypath, at the key rather than the value, message)

# Texts that describe a rule issste-mon's code applies (calc/sexenal.py, calc/tendencias.py,
# calc/alertas.py): the file documents them, it does not set them. A file that rewrites one
# (`valor > verde → Verde`) would expect another rule and get this one in silence, so a text
# other than this one is an error (its words can go in `nota`).
DESCRIPCIONES = {
    ("avance_sexenal", "formula"): (
        "A = (valor − LB) / (meta sexenal − LB) × 100; E = avance esperado; r = A / E"
    ),
    ("avance_sexenal", "avance_esperado"): (
        "E = avance de la meta intermedia del año del último valor; si no la hay, lineal del "
        "año de la línea base a anio_meta"
    ),
    ("meta_intermedia", "retroceso", "regla"): (
        "valor peor que la línea base según el sentido (ascendente: menor; descendente: mayor)"
    ),
    ("meta_intermedia", "formula"): (
        "cumplimiento de la meta del año del último valor, como en `cumplimiento` (según el "
        "sentido)"
    ),
    ("semaforo_shcp", "regla"): (
        "ascendente y constante: valor ≥ verde → Verde; valor < rojo → Rojo; si no, Amarillo. "
        "descendente: valor ≤ verde → Verde; valor > rojo → Rojo; si no, Amarillo."
    ),
    ("alertas", "meta_sexenal_en_riesgo", "proyeccion"): (
        "lineal de la línea base (año, valor) al último valor, extendida a anio_meta"
    ),
}


class _Falta:
    def __repr__(self) -> str:
        return "FALTA"


FALTA = _Falta()  # a required key


def describir(valor) -> str:
    """The value as the message quotes it: text in quotes, containers by kind."""
    if valor is None:
        return "un valor vacío"
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, str):
        corto = valor if len(valor) <= 40 else valor[:39] + "…"
        return f'"{corto}"'
    if isinstance(valor, dict):
        return "un mapeo"
    if isinstance(valor, list):
        return "una lista"
    if isinstance(valor, (int, float)):
        return _num(valor)
    return f'"{valor}"'  # a date, read as such by YAML


def _num(x) -> str:
    if isinstance(x, float) and not math.isfinite(x):  # as YAML writes them
        return ".nan" if x != x else (".inf" if x > 0 else "-.inf")
    texto = repr(x)
    return texto[:-2] if isinstance(x, float) and texto.endswith(".0") else texto


def _lista_o(opciones) -> str:
    opciones = list(dict.fromkeys(opciones))
    return opciones[0] if len(opciones) == 1 else ", ".join(opciones[:-1]) + " o " + opciones[-1]


class Lector:
    """Reads values out of the parsed file, recording each problem with its keypath."""

    def __init__(self) -> None:
        self.problemas: list[Problema] = []

    def error(self, ruta: Keypath, mensaje: str, en_clave: bool = False) -> None:
        self.problemas.append((ruta, en_clave, mensaje))

    def mapa(self, valor, ruta: Keypath, campos: dict, doc: bool = True) -> dict | None:
        """`valor` if it is a mapping; its keys checked against `campos` (name → FALTA when
        required, else its default) and, where `doc`, the confianza/fuente/nota keys."""
        if not isinstance(valor, dict):
            self.error(ruta, f"se esperaba un mapeo, se encontró {describir(valor)}")
            return None
        permitidas = list(campos) + (list(DOC) if doc else [])
        for clave in valor:
            if clave not in permitidas:
                self.error(ruta + (str(clave),), _desconocida(clave, permitidas), en_clave=True)
        for clave, omision in campos.items():
            if omision is FALTA and clave not in valor:
                self.error(ruta + (clave,), "falta (es obligatoria)")
        if doc:
            self.texto(valor, "confianza", ruta, None, opciones=CONFIANZAS)
            self.texto(valor, "fuente", ruta, None)
            self.texto(valor, "nota", ruta, None)
        return valor

    def sub(self, m: dict | None, clave: str, ruta: Keypath, campos: dict, doc: bool = True):
        """The mapping under `clave` of `m`, checked as `mapa` does; None when absent."""
        if m is None or clave not in m:
            return None
        return self.mapa(m[clave], ruta + (clave,), campos, doc)

    def _valor(self, m: dict | None, clave: str, omision):
        """(present, value): absent optional keys give their default, absent required ones
        (already reported by `mapa`) and keys of a mapping that is not one give nothing."""
        if m is None or clave not in m:
            return False, (None if omision is FALTA else omision)
        return True, m[clave]

    def numero(
        self, m, clave: str, ruta: Keypath, omision=FALTA, minimo=None, maximo=None
    ) -> int | float | None:
        hay, v = self._valor(m, clave, omision)
        if not hay:
            return v
        donde = ruta + (clave,)
        if isinstance(v, bool):  # `peso_programas: yes`: named as written, not «true»
            from issste_mon.carga.campos import booleano_donde

            self.error(donde, booleano_donde(v, "se esperaba un número"))
            return None
        if not isinstance(v, (int, float)):
            self.error(donde, f"se esperaba un número, se encontró {describir(v)}")
            return None
        if hasattr(v, "escrito"):  # `+90`, `0x5A`, `090`: as in a spec (carga.escritas)
            from issste_mon.carga.campos import numero_escrito

            self.error(donde, numero_escrito(v, "se esperaba un número"))
            return None
        try:
            finito = math.isfinite(float(v))
        except OverflowError:
            finito = False
        if not finito:
            self.error(donde, f"se esperaba un número finito, se encontró {describir(v)}")
            return None
        if not self._en_dominio(donde, v, minimo, maximo):
            return None
        return v

    def porcentaje(self, m, clave: str, ruta: Keypath, omision=FALTA) -> int | float | None:
        """A threshold in percent (≥ 0); one written as a fraction (0.9 for 90 %) is an error."""
        v = self.numero(m, clave, ruta, omision, minimo=0)
        if v is not None and (m is not None and clave in m) and not self.en_por_ciento(v):
            self.error(ruta + (clave,), fraccion(v))
            return None
        return v

    @staticmethod
    def en_por_ciento(v) -> bool:
        return not 0 < decimal(v) < FRACCION_MAX

    def entero(
        self, m, clave: str, ruta: Keypath, omision=FALTA, minimo=None, maximo=None
    ) -> int | None:
        hay, v = self._valor(m, clave, omision)
        if not hay:
            return v
        donde = ruta + (clave,)
        if isinstance(v, bool):
            from issste_mon.carga.campos import booleano_donde

            self.error(donde, booleano_donde(v, "se esperaba un entero"))
            return None
        if not isinstance(v, int):
            # 2024.0 as written: «se esperaba un entero, se encontró 2024» would contradict itself
            dicho = repr(v) if isinstance(v, float) and math.isfinite(v) else describir(v)
            self.error(donde, f"se esperaba un entero, se encontró {dicho}")
            return None
        if hasattr(v, "escrito"):
            from issste_mon.carga.campos import numero_escrito

            self.error(donde, numero_escrito(v, "se esperaba un entero"))
            return None
        return v if self._en_dominio(donde, v, minimo, maximo) else None

    def _en_dominio(self, donde: Keypath, v, minimo, maximo) -> bool:
        x = decimal(v)
        if minimo is not None and maximo is not None and not minimo <= x <= maximo:
            self.error(donde, f"debe estar entre {minimo} y {maximo}, se encontró {_num(v)}")
            return False
        if minimo is not None and x < minimo:
            self.error(donde, f"debe ser mayor o igual que {minimo}, se encontró {_num(v)}")
            return False
        if maximo is not None and x > maximo:
            self.error(donde, f"debe ser menor o igual que {maximo}, se encontró {_num(v)}")
            return False
        return True

    def texto(self, m, clave: str, ruta: Keypath, omision=FALTA, opciones=None) -> str | None:
        hay, v = self._valor(m, clave, omision)
        if not hay:
            return v
        return self.texto_en(v, ruta + (clave,), opciones)

    def texto_en(self, v, donde: Keypath, opciones=None) -> str | None:
        if isinstance(v, bool):  # `bajo: No`: named as written, not «false»
            from issste_mon.carga.campos import booleano_escrito

            self.error(donde, booleano_escrito(v))
            return None
        if isinstance(v, (int, float)) and opciones is not None:  # `valor: 1e3`: not «1000»
            lista = _lista_o(opciones)
            self.error(
                donde,
                lambda escrito: (
                    f"valor desconocido {escrito or describir(v)} (se esperaba {lista})"
                ),
            )
            return None
        if not isinstance(v, str) or not v.strip():
            self.error(donde, f"se esperaba un texto, se encontró {describir(v)}")
            return None
        if opciones is not None and v not in opciones:
            self.error(
                donde, f"valor desconocido {describir(v)} (se esperaba {_lista_o(opciones)})"
            )
            return None
        return v

    def descripcion(self, m, clave: str, ruta: Keypath) -> None:
        """An optional text that describes a rule of the code (`DESCRIPCIONES`): as written
        there, whitespace aside, or absent."""
        v = self.texto(m, clave, ruta, None)
        esperado = DESCRIPCIONES[ruta + (clave,)]
        if v is not None and " ".join(v.split()) != esperado:
            self.error(
                ruta + (clave,),
                f"describe la regla que issste-mon aplica, que la metodología no cambia: "
                f"«{esperado}»; escríbala así o bórrela (otras palabras van en `nota`)",
            )

    def booleano(self, m, clave: str, ruta: Keypath, omision=FALTA) -> bool | None:
        hay, v = self._valor(m, clave, omision)
        if hay and not isinstance(v, bool):
            self.error(ruta + (clave,), f"se esperaba true o false, se encontró {describir(v)}")
            return None
        return v

    def lista(self, m, clave: str, ruta: Keypath, omision=FALTA, vacia: bool = False) -> list:
        hay, v = self._valor(m, clave, omision)
        if not hay:
            return v or []
        if not isinstance(v, list):
            self.error(ruta + (clave,), f"se esperaba una lista, se encontró {describir(v)}")
            return []
        if not v and not vacia:
            self.error(ruta + (clave,), "la lista está vacía")
        return v

    def textos(self, m, clave: str, ruta: Keypath, opciones=None, distintos=True) -> list[str]:
        out = []
        for i, v in enumerate(self.lista(m, clave, ruta)):
            t = self.texto_en(v, ruta + (clave, i), opciones)
            if t is not None:
                out.append(t)
                if distintos and out.count(t) > 1:
                    self.error(ruta + (clave, i), f"{describir(t)} está repetido")
        return out

    def distintas(self, etiquetas: list[tuple[Keypath, str | None]]) -> None:
        """Labels a classification gives must tell its classes apart."""
        vistas: dict[str, Keypath] = {}
        for donde, e in etiquetas:
            if e is None:
                continue
            if e in vistas:
                self.error(donde, f"etiqueta repetida {describir(e)}: no distinguiría dos clases")
            vistas.setdefault(e, donde)


def fraccion(v) -> str:
    cien = format((decimal(v) * 100).normalize(), "f")
    return (
        f"{_num(v)} parece una fracción: los porcentajes se escriben en por ciento "
        f"(escriba {cien} para {cien} %)"
    )


def _porcentaje_como_razon(v) -> str:
    razon = format((decimal(v) / 100).normalize(), "f")
    return (
        f"{_num(v)} parece un porcentaje: la razón r = A / E se escribe como fracción "
        f"(escriba {razon} para {_num(v)} %)"
    )


def _desconocida(clave, permitidas: list[str]) -> str:
    import difflib  # only when there is a problem to report

    parecida = difflib.get_close_matches(str(clave), permitidas, n=1, cutoff=0.6)
    if parecida:
        return f"clave desconocida; ¿quiso decir «{parecida[0]}»?"
    return f"clave desconocida (se esperaba {_lista_o(permitidas)})"


def construir(data, archivo: str) -> tuple[Metodologia | None, list[Problema]]:
    """The methodology, or None and every problem found in it."""
    lec = Lector()
    raiz = lec.mapa(
        data,
        (),
        {
            "nombre": FALTA,
            "version": FALTA,
            "cumplimiento": FALTA,
            "cobertura": FALTA,
            "inmonitoreo": FALTA,
            "avance_sexenal": None,
            "meta_intermedia": None,
            "ised": FALTA,
            "calidad_indicadores": None,
            "conteos": FALTA,
            "semaforo_shcp": None,
            "alertas": None,
            "diagnostico": FALTA,
        },
        doc=False,
    )
    if raiz is None:
        return None, lec.problemas
    nombre = lec.texto(raiz, "nombre", ())
    version = _version(lec, raiz)
    cump = _cumplimiento(lec, raiz)
    cob = lec.sub(raiz, "cobertura", (), {"alerta_mayor_a": FALTA})
    alerta_cobertura = lec.porcentaje(cob, "alerta_mayor_a", ("cobertura",))
    inmon = _inmonitoreo(lec, raiz)
    ised = _ised(lec, raiz)
    sexenal = _seccion(lec, raiz, "avance_sexenal", _sexenal)
    meta_int = _seccion(lec, raiz, "meta_intermedia", _meta_intermedia)
    agrupaciones = _calidad(lec, raiz)
    conteos = _seccion(lec, raiz, "conteos", _conteos)
    semaforo = _seccion(lec, raiz, "semaforo_shcp", _semaforo)
    alertas = _seccion(lec, raiz, "alertas", _alertas)
    nivel_atributo = _diagnostico(lec, raiz)
    _umbral_de_alerta(lec, cump[0], alertas)
    if alertas is not None and alertas.usar_semaforo and "semaforo_shcp" not in raiz:
        lec.error(
            ("alertas", "meta_no_alcanzada", "usar_semaforo_shcp"),
            "es true, pero la metodología no tiene la sección semaforo_shcp",
        )
    if lec.problemas:
        return None, lec.problemas
    rango, formula, meta = cump
    return (
        Metodologia(
            nombre=nombre,
            version=version,
            archivo=archivo,
            formula_descendente=formula,
            meta=meta,
            atributo_diagnostico_nivel=nivel_atributo,
            rango_inferior=float(rango["inferior"]),
            rango_superior=float(rango["superior"]),
            etiquetas_rango=rango["etiquetas"],
            inmonitoreo=inmon["niveles"],
            peso_programas=float(inmon["peso_programas"]),
            peso_dependencia=float(inmon["peso_dependencia"]),
            ised=ised,
            sexenal=sexenal,
            meta_intermedia=meta_int,
            agrupaciones_calidad=agrupaciones,
            conteos_decimales=conteos,
            cobertura_alerta_mayor_a=float(alerta_cobertura),
            inmonitoreo_decimales=inmon["decimales"],
            inmonitoreo_cortes_posibles=inmon["cortes_posibles"],
            inmonitoreo_cortes_dados="cortes_posibles" in (raiz.get("inmonitoreo") or {}),
            calidad_dada="calidad_indicadores" in raiz,
            rango_confianza=rango["confianza"],
            rango_fuente=rango["fuente"] or "",
            fuentes=_fuentes(raiz),
            semaforo=semaforo,
            alertas=alertas,
        ),
        [],
    )


def _umbral_de_alerta(lec: Lector, rango: dict | None, alertas: ReglasAlertas | None) -> None:
    """«Meta no alcanzada» is the rango's Bajo: both rest on one sentence («se espera … entre
    90% y 110%»). Apart, a row would read «Adecuado» in `cumplimiento` and be flagged in
    `alertas` (or «Bajo» and not flagged) with nothing saying why."""
    inferior, superior = (rango or {}).get("inferior"), (rango or {}).get("superior")
    if alertas is None or inferior is None or superior is None:
        return
    if decimal(inferior) > decimal(superior):  # (the band itself is wrong, and said so)
        return
    if decimal(inferior) != alertas.cumplimiento_menor_a:
        lec.error(
            ("alertas", "meta_no_alcanzada", "cumplimiento_menor_a"),
            f"{alertas.cumplimiento_menor_a} difiere de cumplimiento.rango.inferior "
            f"({_num(inferior)}): la meta no alcanzada es el rango Bajo (la misma fuente); "
            "escriba el mismo umbral en los dos",
        )


def _version(lec: Lector, raiz: dict) -> str | None:
    v = raiz.get("version")
    if isinstance(v, float):  # 2026.10 would be read as 2026.1
        lec.error(
            ("version",),
            "se esperaba un texto, se encontró un número (escríbala entre comillas: sin ellas, "
            "2026.10 se lee 2026.1)",
        )
        return None
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, datetime.date):  # a release date is a version too: 2026-01-31
        return v.isoformat()
    return lec.texto(raiz, "version", ())


def _diagnostico(lec: Lector, raiz: dict) -> str:
    """Which MIR level the Diagnóstico's «cumplimiento de metas» attribute is read against
    (`diagnostico.cumplimiento_metas.nivel`; its confianza and fuente go to `fuentes`)."""
    ruta = ("diagnostico",)
    sec = lec.sub(raiz, "diagnostico", (), {"cumplimiento_metas": FALTA})
    c = lec.sub(sec, "cumplimiento_metas", ruta, {"nivel": FALTA})
    nivel = lec.texto(c, "nivel", ruta + ("cumplimiento_metas",), opciones=NIVELES_MIR)
    return nivel or NIVEL_ATRIBUTO


def _seccion(lec: Lector, raiz: dict, nombre: str, construir_):
    """An optional section, built when present."""
    if nombre not in raiz:
        return None
    return construir_(lec, raiz[nombre], (nombre,))


def _cumplimiento(lec: Lector, raiz: dict):
    ruta = ("cumplimiento",)
    sec = lec.sub(
        raiz,
        "cumplimiento",
        (),
        {"formula_descendente": FALTA, "meta": FALTA, "rango": FALTA},
    )
    r = ruta + ("formula_descendente",)
    f = lec.sub(sec, "formula_descendente", ruta, {"valor": FALTA})
    formula = lec.texto(f, "valor", r, opciones=DESCENDENTE)
    m = lec.sub(sec, "meta", ruta, {"valor": FALTA})
    meta = lec.texto(m, "valor", ruta + ("meta",), opciones=META)
    rango = None
    if sec is not None and "rango" in sec:
        rango = _rango(lec, sec["rango"], ruta + ("rango",))
    return rango, formula, meta


def _rango(lec: Lector, valor, ruta: Keypath) -> dict | None:
    m = lec.mapa(valor, ruta, {"inferior": FALTA, "superior": FALTA, "etiquetas": FALTA})
    inf = lec.porcentaje(m, "inferior", ruta)
    sup = lec.porcentaje(m, "superior", ruta)
    # Both limits belong to Adecuado (Bajo < inferior ≤ Adecuado ≤ superior < Alto): inferior
    # above superior would call a value inside the band Bajo or Alto.
    if inf is not None and sup is not None and decimal(inf) > decimal(sup):
        lec.error(ruta, f"inferior ({_num(inf)}) mayor que superior ({_num(sup)})")
    r = ruta + ("etiquetas",)
    e = lec.sub(m, "etiquetas", ruta, dict.fromkeys(("bajo", "adecuado", "alto"), FALTA), doc=False)
    etiquetas = {k: lec.texto(e, k, r) for k in ("bajo", "adecuado", "alto")}
    lec.distintas([(r + (k,), v) for k, v in etiquetas.items()])
    if m is None:
        return None
    return {
        "inferior": inf,
        "superior": sup,
        "etiquetas": etiquetas,
        "confianza": m.get("confianza"),
        "fuente": m.get("fuente"),
    }


def _bandas(lec: Lector, sec: dict | None, ruta: Keypath) -> list[Banda]:
    """Levels of a 0–1 index: each from its lower bound (inclusive) up to the next one's."""
    ruta = ruta + ("niveles",)
    items = lec.lista(sec, "niveles", ruta[:-1])
    bandas: list[Banda | None] = []
    for i, item in enumerate(items):
        r = ruta + (i,)
        m = lec.mapa(item, r, {"nivel": FALTA, "desde": FALTA}, doc=False)
        etiqueta = lec.texto(m, "nivel", r)
        desde = lec.numero(m, "desde", r, minimo=0, maximo=1)
        bandas.append(
            Banda(etiqueta, float(desde)) if etiqueta is not None and desde is not None else None
        )
    lec.distintas([(ruta + (i, "nivel"), b.etiqueta if b else None) for i, b in enumerate(bandas)])
    # A value takes the highest band whose bound it reaches: a bound not above the one before
    # would make that earlier band unreachable, and values below the first one would have none.
    if bandas and bandas[0] is not None and decimal(bandas[0].desde) != 0:
        lec.error(
            ruta + (0, "desde"),
            f"el primer nivel debe empezar en 0 (el índice va de 0 a 1), se encontró "
            f"{_num(bandas[0].desde)}",
        )
    for i in range(1, len(bandas)):
        antes, b = bandas[i - 1], bandas[i]
        if antes is not None and b is not None and decimal(b.desde) <= decimal(antes.desde):
            lec.error(
                ruta + (i, "desde"),
                f"desde ({_num(b.desde)}) debe ser mayor que el del nivel anterior "
                f"«{antes.etiqueta}» ({_num(antes.desde)}): los cortes van en orden creciente",
            )
    return [b for b in bandas if b is not None]


def _inmonitoreo(lec: Lector, raiz: dict) -> dict:
    ruta = ("inmonitoreo",)
    sec = lec.sub(
        raiz, "inmonitoreo", (), {"niveles": FALTA, "agregacion": FALTA, "cortes_posibles": None}
    )
    niveles = _bandas(lec, sec, ruta)
    posibles = _cortes_posibles(lec, sec, ruta, niveles)
    r = ruta + ("agregacion",)
    agg = lec.sub(
        sec,
        "agregacion",
        ruta,
        {"peso_programas": FALTA, "peso_dependencia": FALTA, "decimales": FALTA},
    )
    pp = lec.numero(agg, "peso_programas", r, minimo=0, maximo=1)
    pd = lec.numero(agg, "peso_dependencia", r, minimo=0, maximo=1)
    # InMonitoreo is a weighted mean of two 0–1 indices: weights not summing to 1 would take
    # it out of 0–1, where the levels no longer apply.
    if pp is not None and pd is not None and decimal(pp) + decimal(pd) != 1:
        lec.error(
            r,
            f"peso_programas ({_num(pp)}) + peso_dependencia ({_num(pd)}) = "
            f"{decimal(pp) + decimal(pd)}; deben sumar 1",
        )
    decimales = lec.entero(agg, "decimales", r, minimo=0, maximo=MAX_DECIMALES)
    return {
        "niveles": niveles,
        "cortes_posibles": posibles,
        "peso_programas": pp,
        "peso_dependencia": pd,
        "decimales": decimales,
    }


def _cortes_posibles(lec: Lector, sec: dict | None, ruta: Keypath, niveles: list[Banda]) -> dict:
    """{nivel: (desde, hasta)}: where the published pairs put the level's lower cut, above
    `desde` and at most `hasta`. The cut in `niveles` must lie there: a supuesto that
    contradicts the data it was fitted to is an error."""
    raw = (sec or {}).get("cortes_posibles")
    r = ruta + ("cortes_posibles",)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        lec.error(r, "se esperaba {nivel: [desde, hasta]}")
        return {}
    por_nivel = {b.etiqueta: b for b in niveles}
    escritos = {i.get("nivel") for i in (sec or {}).get("niveles") or () if isinstance(i, dict)}
    out = {}
    for nivel, par in raw.items():
        rr = r + (str(nivel),)
        if nivel not in por_nivel:
            if nivel not in escritos:  # (one whose cut is wrong is reported there, once)
                lec.error(rr, f"«{nivel}» no es un nivel de inmonitoreo.niveles")
            continue
        numeros = isinstance(par, list) and all(type(x) in (int, float) for x in par)
        if not numeros or len(par) != 2 or not 0 <= decimal(par[0]) < decimal(par[1]) <= 1:
            lec.error(
                rr, f"se esperaba [desde, hasta] con 0 ≤ desde < hasta ≤ 1, se encontró {par!r}"
            )
            continue
        desde, hasta = decimal(par[0]), decimal(par[1])
        corte = decimal(por_nivel[nivel].desde)
        if not desde < corte <= hasta:
            lec.error(
                rr,
                f"el corte de «{nivel}» ({_num(por_nivel[nivel].desde)}) está fuera de "
                f"({_num(par[0])}, {_num(par[1])}], donde lo sitúan los datos",
            )
            continue
        out[nivel] = (desde, hasta)
    return out


def _ised(lec: Lector, raiz: dict) -> list[Banda]:
    ruta = ("ised",)
    sec = lec.sub(raiz, "ised", (), {"niveles": FALTA})
    return _bandas(lec, sec, ruta)


def _reglas(lec: Lector, sec, ruta: Keypath, medidas: tuple[str, ...]) -> list[Regla]:
    """Categories in order, the first whose condition holds (one without condition: always)."""
    ruta = ruta + ("categorias",)
    condiciones = [f"{m}_{op}" for m in medidas for op in ("min", "mayor_a")]
    reglas: list[tuple[int, Regla]] = []
    items = lec.lista(sec, "categorias", ruta[:-1])
    for i, item in enumerate(items):
        r = ruta + (i,)
        if isinstance(item, dict):
            otras = [k for k in item if k != "categoria" and k not in condiciones]
            for k in otras:
                lec.error(
                    r + (str(k),),
                    f"condición desconocida (se esperaba {_lista_o(condiciones)})",
                    en_clave=True,
                )
            if otras:  # neither a rule on an unknown measure nor one without condition
                lec.texto(item, "categoria", r)
                continue
        m = lec.mapa(item, r, {"categoria": FALTA, **dict.fromkeys(condiciones)}, doc=False)
        categoria = lec.texto(m, "categoria", r)
        conds = [k for k in (m or {}) if k in condiciones]
        if len(conds) > 1:
            lec.error(r, f"una sola condición por categoría, se encontraron {', '.join(conds)}")
            continue
        if categoria is None or m is None:
            continue
        if not conds:
            reglas.append((i, Regla(categoria)))
            continue
        medida, _, op = conds[0].partition("_")
        umbral = lec.numero(m, conds[0], r)
        if umbral is not None and medida in MEDIDAS_PORCENTAJE and not lec.en_por_ciento(umbral):
            lec.error(r + (conds[0],), fraccion(umbral))
            umbral = None
        if umbral is not None and medida == "razon" and decimal(umbral) >= RAZON_MAX:
            lec.error(r + (conds[0],), _porcentaje_como_razon(umbral))
            umbral = None
        if umbral is not None:
            reglas.append((i, Regla(categoria, medida, float(umbral), op == "mayor_a")))
    lec.distintas([(ruta + (i, "categoria"), g.categoria) for i, g in reglas])
    _orden_reglas(lec, reglas, ruta, len(items))
    return [g for _, g in reglas]


def _orden_reglas(lec: Lector, reglas: list[tuple[int, Regla]], ruta: Keypath, n_items: int):
    """Every category must be reachable, and one must always apply (the last, without
    condition): otherwise an indicator is silently left without a category."""

    def cond(g: Regla) -> str:
        return f"{g.medida}_{'mayor_a' if g.estricta else 'min'}: {_num(g.umbral)}"

    anteriores: dict[str, Regla] = {}  # per measure, the last rule on it
    for n, (i, g) in enumerate(reglas):
        if g.medida is None:
            if n < len(reglas) - 1:
                j, siguiente = reglas[n + 1]
                lec.error(
                    ruta + (j,),
                    f"«{siguiente.categoria}» nunca se aplica: va después de «{g.categoria}», "
                    "que no tiene condición (la categoría sin condición va al final)",
                )
            break
        antes = anteriores.get(g.medida)
        if antes is not None:
            x, y = decimal(g.umbral), decimal(antes.umbral)
            # «≥ y» covers every value «≥ x» or «> x» with x ≥ y; «> y» leaves only x = y to
            # a later «≥ x».
            cubierta = x > y or (x == y and (g.estricta or not antes.estricta))
            if cubierta:
                lec.error(
                    ruta + (i,),
                    f"«{g.categoria}» ({cond(g)}) nunca se aplica: «{antes.categoria}» "
                    f"({cond(antes)}) va antes y ya cubre esos valores; los umbrales de una "
                    "misma medida van de mayor a menor",
                )
        anteriores[g.medida] = g
    else:
        if reglas and len(reglas) == n_items:  # an unreadable item is already reported
            lec.error(
                ruta,
                "la última categoría debe ir sin condición: es la que se aplica cuando "
                "ninguna otra se cumple",
            )


def _sexenal(lec: Lector, valor, ruta: Keypath) -> ReglasSexenal | None:
    sec = lec.mapa(
        valor,
        ruta,
        {
            "formula": None,
            "categorias": FALTA,
            "sentido_constante": FALTA,
            "etiqueta_sentido_constante": FALTA,
            "sin_dato": FALTA,
            "anio_meta": FALTA,
            "avance_esperado": None,
        },
    )
    lec.descripcion(sec, "formula", ruta)
    lec.descripcion(sec, "avance_esperado", ruta)
    categorias = _reglas(lec, sec, ruta, MEDIDAS_SEXENAL)
    out = dict(
        sentido_constante=lec.texto(sec, "sentido_constante", ruta),
        etiqueta_sentido_constante=lec.texto(sec, "etiqueta_sentido_constante", ruta),
        sin_dato=lec.texto(sec, "sin_dato", ruta),
        anio_meta=lec.entero(sec, "anio_meta", ruta, minimo=ANIO_MIN, maximo=ANIO_MAX),
    )
    # An indicator's row shows etiqueta_sentido_constante, and the tables count a row showing
    # it under sentido_constante: equal to a category (or to sin_dato), they would take that
    # category's indicators too (`Superado` moved every Superado to NR).
    _no_es_categoria(lec, ruta, categorias, out, "sin_dato", "sentido_constante")
    _no_es_categoria(lec, ruta, categorias, out, "etiqueta_sentido_constante")
    if (
        out["etiqueta_sentido_constante"] is not None
        and out["etiqueta_sentido_constante"] == (out["sin_dato"])
    ):
        lec.error(
            ruta + ("etiqueta_sentido_constante",),
            f"etiqueta repetida {describir(out['sin_dato'])}: es también sin_dato, y un "
            "indicador sin dato se contaría como de sentido constante",
        )
    if sec is None or None in out.values():
        return None
    return ReglasSexenal(categorias=categorias, **out)


def _no_es_categoria(lec: Lector, ruta: Keypath, categorias: list[Regla], valores, *claves):
    """A label given besides the categories (sin dato, retroceso) must be none of them: an
    indicator it applies to would be counted as that category."""
    nombres = {g.categoria for g in categorias}
    for clave in claves:
        e = valores.get(clave)
        if e is not None and e in nombres:
            lec.error(
                ruta + (clave,),
                f"etiqueta repetida {describir(e)}: es también una categoría de "
                f"{'.'.join(map(str, ruta))}.categorias; no distinguiría dos clases",
            )


def _meta_intermedia(lec: Lector, valor, ruta: Keypath) -> ReglasMetaIntermedia | None:
    sec = lec.mapa(
        valor,
        ruta,
        {"categorias": FALTA, "retroceso": FALTA, "sin_dato": FALTA, "formula": None},
    )
    lec.descripcion(sec, "formula", ruta)
    categorias = _reglas(lec, sec, ruta, MEDIDAS_META_INTERMEDIA)
    r = ruta + ("retroceso",)
    ret = lec.sub(sec, "retroceso", ruta, {"categoria": FALTA, "regla": None}, doc=False)
    retroceso = lec.texto(ret, "categoria", r)
    lec.descripcion(ret, "regla", r)
    sin_dato = lec.texto(sec, "sin_dato", ruta)
    etiquetas = {"sin_dato": sin_dato}
    _no_es_categoria(lec, ruta, categorias, etiquetas, "sin_dato")
    if retroceso is not None and retroceso in {sin_dato, *(g.categoria for g in categorias)}:
        lec.error(
            r + ("categoria",),
            f"etiqueta repetida {describir(retroceso)}: es también una categoría o sin_dato; "
            "no distinguiría dos clases",
        )
    if None in (sec, retroceso, sin_dato):
        return None
    return ReglasMetaIntermedia(categorias=categorias, retroceso=retroceso, sin_dato=sin_dato)


def _calidad(lec: Lector, raiz: dict) -> dict[str, list[str]]:
    if "calidad_indicadores" not in raiz:
        return {}
    ruta = ("calidad_indicadores",)
    sec = lec.mapa(raiz["calidad_indicadores"], ruta, {"agrupaciones": FALTA})
    out: dict[str, list[str]] = {}
    r = ruta + ("agrupaciones",)
    from issste_mon.vocab import CALIDAD

    for i, item in enumerate(lec.lista(sec, "agrupaciones", ruta)):
        m = lec.mapa(item, r + (i,), {"etiqueta": FALTA, "categorias": FALTA}, doc=False)
        etiqueta = lec.texto(m, "etiqueta", r + (i,))
        categorias = _categorias_calidad(lec, m, r + (i,), CALIDAD)
        if etiqueta is not None:
            if etiqueta in out:
                lec.error(r + (i, "etiqueta"), f"etiqueta repetida {describir(etiqueta)}")
            elif CALIDAD.match(etiqueta) is not None:  # its row would pass for the category's
                lec.error(
                    r + (i, "etiqueta"),
                    f"etiqueta repetida {describir(etiqueta)}: es el nombre de una categoría",
                )
            out[etiqueta] = categorias
    return out


def _categorias_calidad(lec: Lector, m, ruta: Keypath, calidad) -> list[str]:
    """The categories a grouping counts, as the specs' vocabulary writes them (the specs match
    `destacado` to Destacado): a name outside it would match no indicator, and the grouping
    would count 0 in silence."""
    out: list[str] = []
    escritas = lec.textos(m, "categorias", ruta)  # (says a name written twice)
    for j, t in enumerate(escritas):
        canonica = calidad.match(t)
        if canonica is None:
            parecida = _parecida(t, calidad.canonical)
            mensaje = f"categoría de calidad desconocida {describir(t)}"
            if parecida:
                mensaje += f"; ¿quiso decir «{parecida}»?"
            lec.error(
                ruta + ("categorias", j),
                mensaje + f" (se esperaba {_lista_o(calidad.canonical)})",
            )
        elif canonica in out and t not in escritas[:j]:  # `Adecuado` and `adecuado`
            lec.error(
                ruta + ("categorias", j),
                f"{describir(t)} es {describir(canonica)}, que ya está en la lista",
            )
        elif canonica not in out:
            out.append(canonica)
    return out


def _parecida(texto: str, opciones: list[str]) -> str | None:
    import difflib  # only when there is a problem to report

    parecidas = difflib.get_close_matches(texto, opciones, n=1, cutoff=0.6)
    return parecidas[0] if parecidas else None


def _conteos(lec: Lector, valor, ruta: Keypath) -> int | None:
    sec = lec.mapa(valor, ruta, {"decimales": FALTA})
    return lec.entero(sec, "decimales", ruta, minimo=0, maximo=MAX_DECIMALES)


def _semaforo(lec: Lector, valor, ruta: Keypath) -> Semaforo | None:
    sec = lec.mapa(valor, ruta, {"regla": None, "etiquetas": FALTA})
    lec.descripcion(sec, "regla", ruta)
    r = ruta + ("etiquetas",)
    colores = ("verde", "amarillo", "rojo")
    e = lec.sub(sec, "etiquetas", ruta, dict.fromkeys(colores, FALTA), doc=False)
    etiquetas = [lec.texto(e, c, r) for c in colores]
    lec.distintas([(r + (c,), v) for c, v in zip(colores, etiquetas, strict=True)])
    return None if None in etiquetas else Semaforo(*etiquetas)


def _alertas(lec: Lector, valor, ruta: Keypath) -> ReglasAlertas | None:
    reglas = {
        "meta_no_alcanzada": {
            "cumplimiento_menor_a": FALTA,
            "usar_semaforo_shcp": FALTA,
            "severidad": FALTA,
            "severidad_amarillo": FALTA,
        },
        "deterioro": {"cambio_mayor_a": FALTA, "severidad": FALTA},
        "mejora": {"cambio_mayor_a": FALTA},
        "cambio_tendencia": {"cambio_mayor_a": FALTA, "valores_minimos": FALTA, "severidad": FALTA},
        "meta_sexenal_en_riesgo": {
            "avance_proyectado_menor_a": FALTA,
            "anio_meta": FALTA,
            "proyeccion": None,
            "severidad": FALTA,
        },
        "sin_informacion": {"requiere": FALTA, "requiere_derivado": FALTA, "severidad": FALTA},
        "cobertura_decreciente": {"cambio_mayor_a": FALTA, "severidad": FALTA},
    }
    sec = lec.mapa(valor, ruta, {"severidades": FALTA, **dict.fromkeys(reglas, FALTA)}, doc=False)
    severidades = lec.textos(sec, "severidades", ruta)
    s: dict[str, dict | None] = {}
    for nombre, campos in reglas.items():
        s[nombre] = (
            lec.mapa(sec[nombre], ruta + (nombre,), campos)
            if sec is not None and nombre in sec
            else None
        )

    def r(nombre: str) -> Keypath:
        return ruta + (nombre,)

    def severidad(nombre: str, clave: str = "severidad", omision=FALTA) -> str | None:
        # A severity outside the list would sort after every other one, silently.
        return lec.texto(s[nombre], clave, r(nombre), omision, opciones=severidades or None)

    def cambio(nombre: str) -> Decimal | None:
        # «A change greater than this» counts as a move: below 0 even no change would count.
        x = lec.numero(s[nombre], "cambio_mayor_a", r(nombre), minimo=0)
        return None if x is None else decimal(x)

    def umbral(nombre: str, clave: str) -> Decimal | None:
        x = lec.porcentaje(s[nombre], clave, r(nombre))
        return None if x is None else decimal(x)

    meta = s["meta_no_alcanzada"]
    sev_meta = severidad("meta_no_alcanzada")
    out = dict(
        severidades=severidades,
        cumplimiento_menor_a=umbral("meta_no_alcanzada", "cumplimiento_menor_a"),
        usar_semaforo=lec.booleano(meta, "usar_semaforo_shcp", r("meta_no_alcanzada")),
        severidad_meta=sev_meta,
        severidad_amarillo=severidad("meta_no_alcanzada", "severidad_amarillo"),
        deterioro_mayor_a=cambio("deterioro"),
        severidad_deterioro=severidad("deterioro"),
        mejora_mayor_a=cambio("mejora"),
        tendencia_mayor_a=cambio("cambio_tendencia"),
        # A change of trend is two runs of moves: at least three values.
        tendencia_valores_minimos=lec.entero(
            s["cambio_tendencia"], "valores_minimos", r("cambio_tendencia"), minimo=3
        ),
        severidad_tendencia=severidad("cambio_tendencia"),
        sexenal_menor_a=umbral("meta_sexenal_en_riesgo", "avance_proyectado_menor_a"),
        sexenal_anio_meta=lec.entero(
            s["meta_sexenal_en_riesgo"],
            "anio_meta",
            r("meta_sexenal_en_riesgo"),
            minimo=ANIO_MIN,
            maximo=ANIO_MAX,
        ),
        severidad_sexenal=severidad("meta_sexenal_en_riesgo"),
        requiere=lec.textos(s["sin_informacion"], "requiere", r("sin_informacion"), REQUISITOS),
        requiere_derivado=lec.textos(
            s["sin_informacion"], "requiere_derivado", r("sin_informacion"), REQUISITOS
        ),
        severidad_sin_informacion=severidad("sin_informacion"),
        cobertura_mayor_a=cambio("cobertura_decreciente"),
        severidad_cobertura=severidad("cobertura_decreciente"),
    )
    lec.descripcion(s["meta_sexenal_en_riesgo"], "proyeccion", r("meta_sexenal_en_riesgo"))
    if None in out.values() or None in s.values() or sec is None:
        return None
    return ReglasAlertas(**out)


def cambiadas(data: dict, incluida: dict) -> dict[str, str]:
    """{sección: confianza in `data`} of the sections (and subsections) `incluida` marks
    `publicado` whose values — every key but confianza, fuente and nota, numbers compared as
    the decimals written — `data` changes. A section `data` leaves out is not used, not
    changed."""
    out = {}
    for nombre, publicada in _secciones(incluida):
        if publicada.get("confianza") != "publicado":
            continue
        propia = data
        for parte in nombre.split("."):
            propia = propia.get(parte) if isinstance(propia, dict) else None
        if isinstance(propia, dict) and _valores(propia) != _valores(publicada):
            out[nombre] = str(propia.get("confianza", ""))
    return out


def _valores(x):
    """What a section says, without where it comes from: 90 and 90.0 are one threshold."""
    if isinstance(x, dict):
        return {str(k): _valores(v) for k, v in x.items() if k not in DOC}
    if isinstance(x, list):
        return [_valores(v) for v in x]
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return decimal(x)
    return x


def _secciones(raw: dict):
    """(nombre, mapping) of each section and each subsection one level down (as `_fuentes`)."""
    for seccion, datos in raw.items():
        if isinstance(datos, dict):
            yield seccion, datos
            for k, v in datos.items():
                if isinstance(v, dict):
                    yield f"{seccion}.{k}", v


def _fuentes(raw: dict) -> list[tuple[str, str, str]]:
    """(sección, confianza, fuente) of every section that cites where its numbers come from."""
    out = []
    for seccion, datos in raw.items():
        if not isinstance(datos, dict):
            continue
        # Sections keep confianza/fuente at their top or one level down (cumplimiento.rango).
        for nombre, d in [(seccion, datos)] + [
            (f"{seccion}.{k}", v) for k, v in datos.items() if isinstance(v, dict)
        ]:
            if "fuente" in d:
                out.append((nombre, str(d.get("confianza", "")), str(d["fuente"])))
    return out
