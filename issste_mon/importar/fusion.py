"""Merge an imported program into a spec document without touching what the document says.

Only what the document lacks is added: new keys, new years, new components, new indicators. A
value that differs from the document's is a conflict: reported, and left alone unless `reemplazar`.
Works on any mutable mapping (plain dicts in tests, ruamel's round-trip maps when writing, which
keep their comments and key order because nothing existing is removed or reordered).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace

from issste_mon import vocab
from issste_mon.carga.campos import FREE_KEYS
from issste_mon.importar.comun import IndicadorNuevo, ProgramaNuevo, clave_unidad
from issste_mon.modelo import es_numero
from issste_mon.vocab import fold

# What a year's mapping keeps beside `componentes` (the loader reads nothing else there): when
# --reemplazar turns a year total into components, the file's fuente, nota… stay; the rest goes,
# each key named in the conflict.
JUNTO_A_COMPONENTES = FREE_KEYS
QUITADO = "se quitan del archivo (un año con componentes no los admite)"
PREFIJO = {"Fin": "F", "Propósito": "P", "Componente": "C", "Actividad": "A", "FID": "FID"}
SECCIONES_POR_ANIO = ("poblaciones", "ised", "metas", "monitoreo", "presupuesto")
# How the person names a program (nombre, dependencia) and an indicator (nombre): --reemplazar
# is for what SHCP publishes as data, not for these. A name the file has is kept, even with
# --reemplazar (SHCP writes «EQUIDAD DE GÉNERO», ISeD in capitals, the ramo's long name), and
# one that differs beyond case and accents is said with both values, never written.
NOMBRES_DEL_PROGRAMA = ("nombre", "dependencia")


class _Forma(str):
    """A description of a value's shape, printed without quotes."""


@dataclass(frozen=True)
class Conflicto:
    ruta: str
    archivo: object
    fuente: object
    # what --reemplazar did, when it is more than putting the source's value in the file's place
    reemplazo: str = "reemplazado"
    camino: tuple = ()  # keypath of the file's value (raw keys, list indexes): to locate it
    lugar: tuple[int, int] | None = None  # (line, column) of that value in the file

    def __str__(self) -> str:
        archivo, fuente = _par_corto(self.archivo, self.fuente)
        return f"{self.ruta}: el archivo dice {archivo}, la fuente {fuente}"

    def donde(self, archivo: str) -> str:
        """archivo:línea:columna of the file's value, as editors jump to it."""
        return f"{archivo}:{self.lugar[0]}:{self.lugar[1]}" if self.lugar else archivo

    def estado(self, reemplazar: bool) -> str:
        return self.reemplazo if reemplazar else "no se escribe"

    def describir(self, archivo: str) -> str:
        """The conflict for people, with places in `archivo` (relative to --salida)."""
        return str(self)

    @property
    def resuelto_con_reemplazar(self) -> bool:
        return True


NOTA_UNIDA = "se conserva la nota del archivo y se le agrega la de la fuente"
NOTA_INCLUIDA = "se escribe la de la fuente, que incluye todo el texto de la del archivo"


@dataclass(frozen=True)
class NotaDistinta(Conflicto):
    """A nota the source writes otherwise. A nota is what someone wrote about the figures, and
    the importer cannot tell a person's from the one an older issste-mon wrote (its notas change
    between versions): it never writes over it unasked, and says that only the nota's text
    differs and how to take the source's — deleted from the file, it is added as any missing
    key; `reemplazar` joins both, or writes the source's where it has the file's whole text
    (`incluye`: an older version's nota that the current one extends), so nothing is lost."""

    incluye: bool = False

    def estado(self, reemplazar: bool) -> str:
        if reemplazar:
            return self.reemplazo
        que = "solo difiere el texto de la nota, no una cifra: no se escribe; "
        if self.incluye:
            return que + (
                "la de la fuente incluye todo el texto de la del archivo, y `reemplazar` la "
                "escribe en su lugar"
            )
        return que + (
            "para tener la de la fuente, borre la del archivo y vuelva a importar (`reemplazar` "
            "la agrega a continuación de la del archivo)"
        )


@dataclass(frozen=True)
class Ambiguo(Conflicto):
    """A source row that more than one of the file's rows may be (renamed, no SHCP id): it is
    written to none of them, nor appended (a second copy would leave every later figure
    ambiguous, or count a population twice); the person decides (`pista`)."""

    candidatos: tuple = ()  # (name for people, keypath) of each row it may be
    lugares: tuple = ()  # the (line, column) of each, once located in the file
    que: str = "la fila de la fuente"
    origen: str = ""  # where the source gives it: «id_shcp 142313; archivo:línea»
    porque: str = ""  # why no single row is it
    pista: str = ""  # how the person settles it

    def __str__(self) -> str:
        return self.describir("")

    def describir(self, archivo: str) -> str:
        filas = [
            f"{nombre} ({archivo}:{lugar[0]}:{lugar[1]})" if archivo and lugar else nombre
            for (nombre, _), lugar in zip(
                self.candidatos, self.lugares or [None] * len(self.candidatos), strict=True
            )
        ]
        cuales = ", ".join(filas[:-1]) + " o " + filas[-1] if len(filas) > 1 else filas[0]
        origen = f" ({self.origen})" if self.origen else ""
        return f"{self.ruta}: {self.que} {_corto(self.fuente)}{origen} puede ser {cuales}: " + (
            self.porque.replace(
                "{n}", "las dos" if len(filas) == 2 else f"las {len(filas)}"
            ).replace("{m}", "los dos" if len(filas) == 2 else f"los {len(filas)}")
        )

    def estado(self, reemplazar: bool) -> str:
        return f"no se importa, ni con `reemplazar`: {self.pista}"

    @property
    def resuelto_con_reemplazar(self) -> bool:
        return False


@dataclass(frozen=True)
class EnSerieInferida(Conflicto):
    """A figure of an indicator whose `inferido: [metas]` (or `[valores]`) still holds for
    other years: `inferido` marks an indicator's whole series, so written, the spec would call
    the source's printed figure deduced (the mark kept) or the other years' deduced ones
    printed (the mark dropped). It is not written; the person decides (`pista`)."""

    pista: str = ""

    def estado(self, reemplazar: bool) -> str:
        return f"no se importa, ni con `reemplazar`: {self.pista}"

    @property
    def resuelto_con_reemplazar(self) -> bool:
        return False


@dataclass
class Informe:
    """What a merge changed (or would change) in one document."""

    agregados: list[str] = field(default_factory=list)
    conflictos: list[Conflicto] = field(default_factory=list)
    # names the source spells otherwise (see NOMBRES_DEL_PROGRAMA): said, never written
    nombres: list[Conflicto] = field(default_factory=list)
    reemplazados: int = 0
    indicadores: int = 0
    anios: int = 0
    componentes: int = 0
    # every addition as (keypath of its parent in the document, key or None for a list
    # append, value): enough to apply the merge to the file's text without re-emitting it
    nuevos: list[tuple[tuple, object, object]] = field(default_factory=list)
    solo_completo: bool = False  # a replacement: only a full round trip can write it
    # keys --reemplazar removes from a year total, as (line, column, line of the next key or
    # None) of each in the file read round trip, one list per year: the writer keeps their
    # lines in the file, commented, where they were
    quitados: list[list[tuple[int, int, int | None]]] = field(default_factory=list)
    # the same for a year written on one line ({…}), which is written back as a block: the
    # round-trip map and each removed field as `key: value`, for the writer to comment
    en_linea: list[tuple[object, list[str]]] = field(default_factory=list)
    # where the source gives each component (ProgramaNuevo.origenes): said in its conflicts
    origenes: dict[tuple, str] = field(default_factory=dict)
    # figures the spec marked `inferido` that --reemplazar wrote (their ruta): no longer deduced
    ya_no_inferidos: list[str] = field(default_factory=list)

    @property
    def cambia(self) -> bool:
        return bool(self.agregados) or self.reemplazados > 0


def _par_corto(a: object, b: object, n: int = 60) -> tuple[str, str]:
    """Two long texts in conflict, each cut where a person sees how they differ: from a little
    before their first difference ignoring case (two names that differ in a footnote digit at
    the end, «…Madres Trabajadoras6» and «…MADRES TRABAJADORAS», not their shared start)."""
    textos = isinstance(a, str) and isinstance(b, str)
    if not textos or isinstance(a, _Forma) or isinstance(b, _Forma) or max(len(a), len(b)) <= n:
        return _corto(a, n), _corto(b, n)
    izq, der = a.casefold(), b.casefold()
    igual = next(
        (i for i, (x, y) in enumerate(zip(izq, der, strict=False)) if x != y), min(len(a), len(b))
    )
    desde = max(0, igual - 20)

    def desde_ahi(t: str) -> str:
        t = ("…" if desde else "") + t[desde:]
        return f'"{t if len(t) <= n else t[: n - 1] + "…"}"'

    return desde_ahi(a), desde_ahi(b)


def _corto(x: object, n: int = 60) -> str:
    t = str(x)
    if isinstance(x, _Forma):
        return t
    return f'"{t if len(t) <= n else t[: n - 1] + "…"}"' if isinstance(x, str) else t


def _mostrar(x: object) -> str:
    """A removed value, whole, on one line: a person can write it back from the message."""
    if isinstance(x, Mapping):
        return "{" + ", ".join(f"{k}: {_mostrar(v)}" for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_mostrar(v) for v in x) + "]"
    if isinstance(x, str):
        t = " ".join(x.split())
        return t if t.upper() in ("ND", "NA") else f'"{t}"'  # ND as the file writes it
    return str(x)


def _nota_unida(archivo: str, fuente: str) -> str:
    """The file's nota (written by a person) first, then the import's: neither is lost."""
    texto = str(archivo).strip()
    unida = f"{texto}{'' if texto.endswith(('.', ';')) else '.'} {fuente}"
    if not isinstance(archivo, str) or type(archivo) is str:
        return unida
    # a str subclass (ruamel's folded or quoted scalar) keeps the file's style
    nueva = type(archivo)(unida)
    pliegues = getattr(archivo, "fold_pos", None)
    if pliegues is not None:  # a folded (>) nota keeps its lines, and the import's is folded
        corrido = len(str(archivo)) - len(str(archivo).lstrip())
        propios = [p - corrido for p in pliegues if 0 < p - corrido < len(texto)]
        nueva.fold_pos = [*propios, *_plegar(unida, propios, len(texto))]
    return nueva


def _incluye(texto: str, parte: str) -> bool:
    """Whether `parte` is in `texto` as whole words (no letter or digit glued to either end)."""
    return re.search(rf"(?<!\w){re.escape(parte)}(?!\w)", texto) is not None if parte else True


def _con_su_estilo(archivo: str, texto: str) -> str:
    """texto in the style of the file's scalar (ruamel's folded or quoted str subclass): a
    folded (>) nota stays folded, at 88 characters a line."""
    if type(archivo) is str:
        return texto
    nueva = type(archivo)(texto)
    if getattr(archivo, "fold_pos", None) is not None:
        nueva.fold_pos = _plegar(texto, [], 0)
    return nueva


def _plegar(texto: str, pliegues: list[int], desde: int) -> list[int]:
    """Where to break texto[desde:] (spaces between words) so its lines are no longer than the
    widest of the person's lines above it (88 characters if the nota was one line)."""
    inicios = [0, *(p + 1 for p in pliegues)]
    ancho = max((b - a - 1 for a, b in zip(inicios, inicios[1:], strict=False)), default=88)
    nuevos: list[int] = []
    linea, espacio = inicios[-1], None
    for i in range(desde, len(texto)):
        if texto[i] != " ":
            if i - linea >= ancho and espacio is not None:
                nuevos.append(espacio)
                linea, espacio = espacio + 1, None
            continue
        if 0 < i < len(texto) - 1 and texto[i - 1] != " " and texto[i + 1] != " ":
            espacio = i
    return nuevos


def _comentarios(mapa: Mapping, key: object) -> list[str]:
    """The comments a round-trip map keeps with key (on its line and the lines below it, as
    ruamel.yaml attaches them): removing the key removes them from the file, so the conflict
    that names the key's value names them too."""
    ca = getattr(mapa, "ca", None)
    fichas = ca.items.get(key, ()) if ca is not None else ()
    lineas = []
    for ficha in fichas:
        for f in ficha if isinstance(ficha, list) else [ficha]:
            lineas += str(getattr(f, "value", "") or "").splitlines()
    return [x.strip() for x in lineas if x.strip().startswith("#")]


def _nota_incluida(archivo: object, fuente: object) -> bool:
    """The file's nota already says the import's (joined by an earlier --reemplazar)."""
    return isinstance(archivo, str) and isinstance(fuente, str) and fold(fuente) in fold(archivo)


def iguales(a: object, b: object) -> bool:
    """Same value as a person reads it: 95 == 95.0, "Propósito" == "proposito", ND == nd."""
    if es_numero(a) and es_numero(b):
        return float(a) == float(b)
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return a == b


def fusionar(actual: MutableMapping, prog: ProgramaNuevo, reemplazar: bool = False) -> Informe:
    inf = Informe(origenes=prog.origenes)
    for key, value in prog.doc.items():
        if key in NOMBRES_DEL_PROGRAMA and actual.get(key) is not None:
            _nombre(actual[key], value, key, (key,), inf)
            continue
        _mezclar(actual, key, value, key, inf, reemplazar, ())
    if prog.indicadores:
        _mir(actual, prog.indicadores, inf, reemplazar)
    return inf


def _siglas(nombre: str) -> str:
    """«Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado» → ISSSTE."""
    return "".join(p[0] for p in nombre.split() if p[:1].isupper())


def _nombre(viejo: object, nuevo: object, ruta: str, camino: tuple, inf: Informe) -> None:
    """The file's name stays; one the source spells otherwise (beyond case, accents and the
    ramo's initials: ISSSTE) is recorded to be said with both values."""
    if iguales(viejo, nuevo):
        return
    if isinstance(viejo, str) and isinstance(nuevo, str) and fold(viejo) == fold(_siglas(nuevo)):
        return
    inf.nombres.append(Conflicto(ruta, viejo, nuevo, "se conserva el del archivo", camino))


def _ruta(base: str, key: object) -> str:
    return f"{base}.{key}" if base else str(key)


def _agregar(padre: MutableMapping, key, value, ruta: str, inf: Informe) -> None:
    padre[key] = value
    if key in SECCIONES_POR_ANIO and isinstance(value, Mapping):
        inf.agregados.extend(f"{ruta}.{y}" for y in value)
    else:
        inf.agregados.append(ruta)
    seccion = ruta.rsplit(".", 2)[-2] if "." in ruta else ""
    if isinstance(key, int) and seccion in SECCIONES_POR_ANIO:
        _contar({key: value}, seccion, inf)
    elif key in SECCIONES_POR_ANIO and isinstance(value, Mapping):
        _contar(value, key, inf)


def _contar(por_anio: Mapping, seccion: str, inf: Informe) -> None:
    inf.anios += len(por_anio)
    if seccion == "poblaciones":
        inf.componentes += sum(
            len(v.get("componentes") or []) for v in por_anio.values() if isinstance(v, Mapping)
        )


def _mezclar(
    padre: MutableMapping, key, nuevo, ruta: str, inf: Informe, reemplazar: bool, camino: tuple
):
    if padre.get(key) is None:
        if key in padre:  # `key:` with no value: replaced, not appended
            inf.solo_completo = True
        else:
            inf.nuevos.append((camino, key, nuevo))
        _agregar(padre, key, nuevo, ruta, inf)
        return
    viejo = padre[key]
    if isinstance(nuevo, Mapping) and isinstance(viejo, MutableMapping):
        if "componentes" in nuevo and "componentes" not in viejo:
            # The file has a program total for this year; the source has components.
            _a_componentes(viejo, nuevo, ruta, inf, reemplazar, (*camino, key))
            return
        sub = (*camino, key)
        desde = len(inf.conflictos)
        for k, v in nuevo.items():
            if k == "componentes" and isinstance(viejo.get(k), list):
                _componentes(viejo[k], v, _ruta(ruta, k), inf, reemplazar, (*sub, k))
            else:
                _mezclar(viejo, k, v, _ruta(ruta, k), inf, reemplazar, sub)
        if reemplazar and _en_una_linea(viejo):  # `2019: {meta: 95, valor: 88.1}  # …`
            _marcar_en_linea(padre, key, inf, desde)
    elif key == "nota" and _nota_incluida(viejo, nuevo):
        return
    elif key == "nota" and isinstance(viejo, str) and isinstance(nuevo, str):
        # a nota is what someone wrote about the figures, not a figure: --reemplazar keeps it
        # (every word of it: an exact containment, spaces aside, not `fold`'s, which would
        # take back an accent a person added; whole words: «preliminar» is not in
        # «preliminares»)
        incluye = _incluye(" ".join(nuevo.split()), " ".join(viejo.split()))
        reemplazo = NOTA_INCLUIDA if incluye else NOTA_UNIDA
        inf.conflictos.append(
            NotaDistinta(ruta, viejo, nuevo, reemplazo, (*camino, key), incluye=incluye)
        )
        if reemplazar:
            padre[key] = _con_su_estilo(viejo, nuevo) if incluye else _nota_unida(viejo, nuevo)
            inf.reemplazados += 1
            inf.solo_completo = True
    elif key == "unidad_medida" and isinstance(viejo, str) and isinstance(nuevo, str):
        if clave_unidad(viejo) != clave_unidad(nuevo):  # 'Persona' = 'personas.'
            _conflicto(padre, key, viejo, nuevo, ruta, inf, reemplazar, camino)
    elif not iguales(viejo, nuevo):
        _conflicto(padre, key, viejo, nuevo, ruta, inf, reemplazar, camino)


def _marcar_en_linea(padre, key, inf: Informe, desde: int) -> None:
    """The comment on the line of a mapping written on one line, when --reemplazar wrote over
    values in it (conflicts from `desde` on): marked with each old value."""
    cambiados = [
        n for n in range(desde, len(inf.conflictos)) if inf.conflictos[n].reemplazo == "reemplazado"
    ]
    antes = ", ".join(
        f"{inf.conflictos[n].ruta.rsplit('.', 1)[-1]} {_mostrar(inf.conflictos[n].archivo)}"
        for n in cambiados
    )
    uno = len(cambiados) == 1
    marca = (
        f"comentario {'del valor anterior' if uno else 'de los valores anteriores'}: {antes}; "
        f"{MARCA_ANTERIOR} {'el' if uno else 'los'} de la fuente"
    )
    if cambiados and _marcar_comentario(padre, key, marca):
        for n in cambiados:
            inf.conflictos[n] = replace(inf.conflictos[n], reemplazo=COMENTARIO_MARCADO)


def _a_componentes(
    viejo: MutableMapping, nuevo: Mapping, ruta: str, inf: Informe, reemplazar: bool, camino: tuple
) -> None:
    """The file has a program total for this year; the source has components. Replaced in
    place: what the year keeps beside `componentes` stays where it is (with its comments);
    every other key of the total goes, each one named with its value in the conflict."""
    quitadas = [k for k in viejo if k not in JUNTO_A_COMPONENTES]
    reemplazo = "reemplazado"
    if quitadas:
        reemplazo += f"; {QUITADO}: " + ", ".join(
            " ".join([_ruta(ruta, k), _mostrar(viejo[k]), *_comentarios(viejo, k)])
            for k in quitadas
        )
    quedan = [k for k in viejo if k in JUNTO_A_COMPONENTES]
    if quedan:
        reemplazo += "; se conservan: " + ", ".join(_ruta(ruta, k) for k in quedan)
        if (
            "nota" in quedan
            and "nota" in nuevo
            and not _nota_incluida(viejo["nota"], nuevo["nota"])
        ):
            reemplazo += " (con la nota de la fuente a continuación de la del archivo)"
    inf.conflictos.append(
        Conflicto(ruta, _Forma("un total del año"), _Forma("componentes"), reemplazo, camino)
    )
    if not reemplazar:
        return
    lc = getattr(viejo, "lc", None)
    fa = getattr(viejo, "fa", None)
    if quitadas and lc is not None and fa is not None and not fa.flow_style():
        claves = list(viejo)
        donde = {k: lc.key(k) for k in claves}
        siguiente = dict(zip(claves, [*(donde[k][0] for k in claves[1:]), None], strict=True))
        inf.quitados.append([(*donde[k], siguiente[k]) for k in quitadas])
    en_linea = bool(quitadas) and fa is not None and fa.flow_style()
    if en_linea:
        inf.en_linea.append((viejo, [f"{k}: {_mostrar(viejo[k])}" for k in quitadas]))
        fa.set_block_style()  # components on one line would be unreadable
    for k in quitadas:
        del viejo[k]
    for k, v in nuevo.items():
        if viejo.get(k) is None:
            viejo[k] = v
        elif k == "nota" and not _nota_incluida(viejo[k], v):
            viejo[k] = _nota_unida(viejo[k], v)
        elif not iguales(viejo[k], v):  # a free key the import also writes: the source's
            viejo[k] = v
    # the components are new to the file: counted and listed (--simular) as any other
    sub = _ruta(ruta, "componentes")
    for comp in nuevo.get("componentes") or ():
        inf.agregados.append(f"{sub}[{comp['nombre']}]")
        inf.componentes += 1
    inf.reemplazados += 1
    inf.solo_completo = True


def _conflicto(padre, key, viejo, nuevo, ruta, inf, reemplazar, camino):
    reemplazo = "reemplazado"
    if reemplazar:
        padre[key] = nuevo
        antes = (
            f"comentario del valor anterior, {_mostrar(viejo)}; {MARCA_ANTERIOR} el de la fuente"
        )
        if _marcar_comentario(padre, key, antes):
            reemplazo = COMENTARIO_MARCADO
        if _ya_no_inferido(padre, key):
            reemplazo += f"; {YA_NO_INFERIDO}"
            inf.ya_no_inferidos.append(ruta)
        inf.reemplazados += 1
        inf.solo_completo = True
    inf.conflictos.append(Conflicto(ruta, viejo, nuevo, reemplazo, camino=(*camino, key)))


# A figure the spec deduced (`inferido: [objetivo]`) that --reemplazar writes over is now the
# source's, printed: the mark goes (left, it would call a printed figure deduced). Only then: a
# figure the import does not write keeps its mark, even when the source gives the same number.
YA_NO_INFERIDO = "ya no inferido: se quita de `inferido`, el valor es ahora el de la fuente"


def _ya_no_inferido(padre, key) -> bool:
    """Remove `key` from its mapping's `inferido` list, in place (the list's comments stay; an
    emptied list stays as `[]`, with the comment of its line). Whether it was there."""
    marcas = padre.get("inferido")
    if marcas == key:  # `inferido: objetivo`, a one-item list
        padre["inferido"] = []
        return True
    if isinstance(marcas, list) and key in marcas:
        del marcas[marcas.index(key)]
        return True
    return False


# A comment on the line of a value --reemplazar writes over was written about the old value
# («valor: 88.1  # cifra del informe 2022»): it stays (nothing a person wrote is dropped) and
# says whose it is, so it does not vouch for the source's figure beside it.
MARCA_ANTERIOR = "importar --reemplazar escribió"
COMENTARIO_MARCADO = (
    "reemplazado; el comentario de su línea se conserva, marcado como del valor anterior"
)


def _marcar_comentario(padre, key, marca: str) -> bool:
    """Mark the comment on key's line in a round-trip map with `marca`, in parentheses after
    it. ruamel keeps that comment with the key, and with it the comment lines below, which are
    left alone: they sit above the next key, which is what they usually describe. False when
    there is none, or it is marked already (it describes an even older value, and says so)."""
    ca = getattr(padre, "ca", None)
    fichas = ca.items.get(key) if ca is not None else None
    ficha = fichas[2] if fichas and len(fichas) > 2 else None
    valor = getattr(ficha, "value", None)
    if not isinstance(valor, str):
        return False
    primera, salto, resto = valor.partition("\n")
    if not primera.lstrip().startswith("#") or MARCA_ANTERIOR in primera:
        return False
    ficha.value = f"{primera.rstrip()} ({marca}){salto}{resto}"
    return True


def _en_una_linea(mapa: object) -> bool:
    fa = getattr(mapa, "fa", None)
    return fa is not None and fa.flow_style()


def _componentes(
    viejos: list, nuevos: list, ruta: str, inf: Informe, reemplazar: bool, camino: tuple
) -> None:
    por_nombre: dict[str, list[tuple[int, Mapping]]] = {}
    for i, c in enumerate(viejos):
        if isinstance(c, Mapping):
            por_nombre.setdefault(fold(str(c.get("nombre", ""))), []).append((i, c))
    mismos = [por_nombre.get(fold(comp["nombre"]), []) for comp in nuevos]
    pares = [
        (comp, m[0] if len(m) == 1 else (None, None))
        for comp, m in zip(nuevos, mismos, strict=True)
    ]
    usados = {i for m in mismos for i, _ in m}
    originales = list(enumerate(viejos))  # what this merge appends is never a candidate
    # two of the file's components named as the source's but for case and accents: the one it
    # is is the person's to say (the loader takes both names)
    varios: dict[int, tuple[list, bool | None]] = {
        n: (m, None) for n, m in enumerate(mismos) if len(m) > 1
    }
    # the components a person renamed whose figures are all the source's first: one found so
    # is no candidate for another that a revised figure left to be found by less
    for exacto in (True, False):
        for n, (comp, (i, existente)) in enumerate(pares):
            if existente is None and n not in varios:
                i, existente, candidatos = _renombrado(originales, comp, usados, exacto)
                pares[n] = (comp, (i, existente))
                if candidatos:
                    varios[n] = (candidatos, exacto)
    for n, (comp, (i, existente)) in enumerate(pares):
        sub = f"{ruta}[{comp['nombre']}]"
        if n in varios:
            origen = inf.origenes.get((*camino, comp["nombre"]), "")
            inf.conflictos.append(_componente_ambiguo(ruta, comp, *varios[n], camino, origen))
            continue
        if existente is None:
            viejos.append(comp)
            inf.nuevos.append((camino, None, comp))
            inf.agregados.append(sub)
            inf.componentes += 1
            continue
        for k, v in comp.items():
            if k == "nombre" and not iguales(existente.get(k), v):  # renamed by the person
                _nombre(existente.get(k), v, _ruta(sub, k), (*camino, i, k), inf)
                continue
            _mezclar(existente, k, v, _ruta(sub, k), inf, reemplazar, (*camino, i))


def _componente_ambiguo(
    ruta: str, comp: Mapping, candidatos: list, exacto: bool | None, camino: tuple, origen: str
) -> Ambiguo:
    """`exacto`: found by all its figures, by some of them or its definición, or (None) by
    its name, which the file gives twice but for case and accents."""
    tienen = "todas sus cifras" if exacto else "su definición o alguna de sus cifras"
    porque = (
        f"su nombre no lo encuentra, y {{m}} tienen su unidad de medida y {tienen}, y "
        "ninguno contradice su definición (agregarlo contaría su población dos veces en el "
        "total del año)"
    )
    pista = "dé el nombre de la fuente al que es y vuelva a importar"
    if exacto is None:
        porque = "{m} tienen su nombre (sin distinguir mayúsculas ni acentos)"
        pista = "cambie el nombre del que no es y vuelva a importar"
    return Ambiguo(
        ruta,
        None,
        comp["nombre"],
        candidatos=tuple((f"{ruta}[{c.get('nombre')}]", (*camino, i)) for i, c in candidatos),
        que="el componente de la fuente",
        origen=origen,
        porque=porque,
        pista=pista,
    )


_CIFRAS_DE_COMPONENTE = ("potencial", "objetivo", "atendida", "programada")


def _renombrado(originales: list, comp: Mapping, usados: set[int], exacto: bool):
    """(index, component, candidates): the file's component that a person renamed: the one no
    other source component named, with the source's unit and every figure the source gives (at
    least one a number); when not `exacto`, also one renamed and with a figure revised: the
    one that says what it counts as the source does (its definición) or keeps one of its
    figures. Appending the source's as a new one would count its population twice in the
    year's total. Several that fit are narrowed to those whose definición does not contradict
    the source's; more than one left are the candidates, and it is written to none."""
    cifras = [k for k in _CIFRAS_DE_COMPONENTE if comp.get(k) is not None]
    if not any(es_numero(comp[k]) for k in cifras):
        return None, None, []
    unidad = clave_unidad(str(comp.get("unidad_medida", "")))
    libres = [
        (i, c)
        for i, c in originales
        if i not in usados
        and isinstance(c, Mapping)
        and isinstance(c.get("unidad_medida"), str)
        and clave_unidad(c["unidad_medida"]) == unidad
    ]

    def igual(c, k):
        return c.get(k) is not None and iguales(c[k], comp[k])

    if exacto:
        candidatos = [(i, c) for i, c in libres if all(igual(c, k) for k in cifras)]
    else:
        # renamed and with a figure revised: the only one that says what it counts as the
        # source does (its definición) or keeps one of its figures; two would count twice
        candidatos = [
            (i, c)
            for i, c in libres
            if (
                comp.get("definicion") is not None
                and _mismo_texto(c.get("definicion"), comp["definicion"])
            )
            or any(es_numero(comp[k]) and igual(c, k) for k in cifras)
        ]
    if len(candidatos) > 1 and comp.get("definicion") is not None:
        candidatos = [
            (i, c)
            for i, c in candidatos
            if c.get("definicion") is None or _mismo_texto(c["definicion"], comp["definicion"])
        ] or candidatos
    if len(candidatos) > 1:
        return None, None, candidatos
    if not candidatos:
        return None, None, []
    usados.add(candidatos[0][0])
    return candidatos[0][0], candidatos[0][1], []


def _mismo_texto(a: object, b: object) -> bool:
    """Two texts or mappings of texts (a component's definición) that say the same."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return set(a) == set(b) and all(_mismo_texto(a[k], b[k]) for k in a)
    return isinstance(a, str) and isinstance(b, str) and fold(a) == fold(b)


def _ids_de(fila: Mapping) -> set[str]:
    ids = {str(fila["id_shcp"])} if fila.get("id_shcp") is not None else set()
    metas = fila.get("metas")
    if isinstance(metas, Mapping):
        ids |= {
            str(m["id_shcp"]) for m in metas.values() if isinstance(m, Mapping) and m.get("id_shcp")
        }
    return ids


def _clave_nombre(fila: Mapping) -> tuple[str, str]:
    nivel = vocab.NIVEL.match(str(fila.get("nivel", ""))) or str(fila.get("nivel", ""))
    return nivel, fold(str(fila.get("nombre", "")))


def nuevo_id(nivel: str, usados: set[str]) -> str:
    prefijo = PREFIJO.get(nivel, "I")
    n = 1
    while f"{prefijo}{n}" in usados:
        n += 1
    return f"{prefijo}{n}"


def _mir(actual: MutableMapping, nuevos: list[IndicadorNuevo], inf: Informe, reemplazar: bool):
    creada = actual.get("mir") is None
    if creada:
        if "mir" in actual:
            inf.solo_completo = True
        else:
            inf.nuevos.append(((), "mir", None))  # the value is set below, once filled
        actual["mir"] = []
    filas = actual["mir"]
    if creada and not inf.solo_completo:
        inf.nuevos[-1] = ((), "mir", filas)
    posicion = {id(f): i for i, f in enumerate(filas)}
    existentes = [f for f in filas if isinstance(f, MutableMapping)]
    usados = {str(f.get("id")) for f in existentes}
    emparejadas: set[int] = set()
    por_id: dict[str, list[int]] = {}
    por_nombre: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(existentes):  # keys computed once: matching stays linear
        for x in _ids_de(f):
            por_id.setdefault(x, []).append(i)
        por_nombre.setdefault(_clave_nombre(f), []).append(i)
    originales = len(existentes)
    filas_de, ambiguas = _por_id_y_nombre(
        nuevos, existentes, emparejadas, por_id, por_nombre, posicion
    )
    # only once every id and name has found its row; the rows with the source's figures
    # first: one found so is no candidate for another that a revised figure leaves to be
    # found by its método or definición
    for exacto in (True, False):
        for n, ind in enumerate(nuevos):
            if filas_de[n] is not None or n in ambiguas:
                continue
            filas_de[n], varias, porque = _renombrada(
                existentes[:originales], ind, emparejadas, exacto
            )
            if varias:
                ambiguas[n] = _fila_ambigua(
                    ind,
                    varias,
                    posicion,
                    "ni su id de SHCP ni su nombre la encuentran, y {n} son de su nivel, "
                    f"tienen {porque} y ninguna contradice su unidad de medida, método de "
                    "cálculo, definición ni frecuencia",
                )
    for n, (ind, fila) in enumerate(zip(nuevos, filas_de, strict=True)):
        if n in ambiguas:
            inf.conflictos.append(ambiguas[n])
            continue
        if fila is None:
            nueva = {"id": nuevo_id(ind.fila["nivel"], usados), **ind.fila}
            usados.add(nueva["id"])
            filas.append(nueva)
            if not creada:
                inf.nuevos.append((("mir",), None, nueva))
            existentes.append(nueva)
            emparejadas.add(id(nueva))
            inf.agregados.append(f"mir[{nueva['id']}]")
            inf.indicadores += 1
            inf.anios += len(ind.fila.get("metas", {}))
            continue
        emparejadas.add(id(fila))
        base = f"mir[{fila.get('id')}]"
        camino = ("mir", posicion[id(fila)]) if id(fila) in posicion else None
        fuente = _serie_inferida(
            fila, ind.fila, base, (*camino, "metas") if camino else (), inf, reemplazar
        )
        for k, v in fuente.items():
            if k == "id_shcp" and fila.get(k) is not None:
                continue  # SHCP gives an indicator a new id every cycle; metas keep each one
            if k == "nombre" and fila.get(k) is not None:
                _nombre(fila[k], v, _ruta(base, k), (*camino, k) if camino else (), inf)
                continue
            if camino is None:  # a row added by this same merge: already in its new value
                inf.solo_completo = True
            _mezclar(fila, k, v, _ruta(base, k), inf, reemplazar, camino or ())


# `inferido: [metas]` / `[valores]` on an indicator: the fields of each year it marks
SERIES_INFERIBLES = {"metas": ("meta", "meta_modificada"), "valores": ("valor",)}


def _serie_inferida(fila, nueva: dict, base: str, camino: tuple, inf: Informe, reemplazar: bool):
    """The source's indicator as it may be merged into `fila`, whose `inferido` marks a whole
    series deduced (`[metas]`, `[valores]`). Where the import writes figures of that series and
    every other one the file has is the source's figure too (the same number), the series is
    the source's, printed: the mark goes (`ya_no_inferidos`). Where some deduced figure stays,
    the mark still holds, and a figure written beside it would pass for deduced: those are not
    written (`EnSerieInferida`)."""
    marcas = fila.get("inferido")
    marcadas = [marcas] if isinstance(marcas, str) else marcas if isinstance(marcas, list) else []
    series = [s for s in SERIES_INFERIBLES if s in marcadas]
    metas_src = nueva.get("metas")
    if not series or not isinstance(metas_src, Mapping):
        return nueva
    metas_archivo = fila.get("metas") if isinstance(fila.get("metas"), Mapping) else {}
    quitar: dict = {}  # year → fields of the source not to write
    for serie in series:
        escritas, quedan = [], []
        anios = list(dict.fromkeys([*metas_archivo, *metas_src]))
        for anio in anios:
            viejo_anio = metas_archivo.get(anio)
            nuevo_anio = metas_src.get(anio)
            for campo in SERIES_INFERIBLES[serie]:
                viejo = viejo_anio.get(campo) if isinstance(viejo_anio, Mapping) else None
                nuevo = nuevo_anio.get(campo) if isinstance(nuevo_anio, Mapping) else None
                if nuevo is not None and (
                    viejo is None or (reemplazar and not iguales(viejo, nuevo))
                ):
                    escritas.append((anio, campo, viejo, nuevo))
                elif viejo is not None and (nuevo is None or not iguales(viejo, nuevo)):
                    quedan.append(f"{anio}")  # (one the source prints as it is: printed)
        if not escritas:
            continue
        if not quedan:  # every figure of the series is now the source's
            _quitar_marca(fila, serie)
            inf.ya_no_inferidos.append(_ruta(base, serie))
            inf.solo_completo = True
            continue
        anios_quedan = ", ".join(dict.fromkeys(quedan))
        pista = (
            f"{base} marca `inferido: [{serie}]` y sus {serie} de {anios_quedan} siguen siendo "
            "deducidas; `inferido` vale para toda la serie, así que escrita la cifra de la "
            "fuente pasaría por deducida (o, quitada la marca, las deducidas por impresas): "
            f"reemplace también esos años o quite la marca a mano y vuelva a importar"
        )
        for anio, campo, viejo, nuevo in escritas:
            ruta = _ruta(_ruta(_ruta(base, "metas"), anio), campo)
            archivo = viejo if viejo is not None else _Forma("sin esa cifra")
            inf.conflictos.append(
                EnSerieInferida(ruta, archivo, nuevo, camino=(*camino, anio, campo), pista=pista)
            )
            quitar.setdefault(anio, set()).add(campo)
    if not quitar:
        return nueva
    metas = {}
    for anio, valores in metas_src.items():
        fuera = quitar.get(anio, set())
        resto = {k: v for k, v in valores.items() if k not in fuera}
        # a year left with no figure of its own is not added at all (its fuente alone is no year)
        if any(k in resto for campos in SERIES_INFERIBLES.values() for k in campos) or (
            anio in metas_archivo
        ):
            metas[anio] = resto
    return {**nueva, "metas": metas}


def _quitar_marca(fila, serie: str) -> None:
    """`serie` out of the indicator's `inferido`, in place (the list and its comments stay)."""
    marcas = fila.get("inferido")
    if marcas == serie:
        fila["inferido"] = []
    elif isinstance(marcas, list) and serie in marcas:
        del marcas[marcas.index(serie)]


def _por_id_y_nombre(nuevos, existentes, emparejadas: set[int], por_id, por_nombre, posicion):
    """(row of each source row or None, the ambiguous ones by index): every SHCP id first (a
    row found by its id is no candidate for another's name), then the nivel and name. Two of
    the file's rows found either way are two candidates, and so are two source rows for one
    row of the file: taking the first would be a guess."""
    filas_de: list = [None] * len(nuevos)
    ambiguas: dict[int, Ambiguo] = {}
    reservadas: set[int] = set()
    for n, ind in enumerate(nuevos):
        mismas = _por_id(existentes, ind, emparejadas, por_id)
        if len(mismas) == 1:
            filas_de[n] = mismas[0]
            emparejadas.add(id(mismas[0]))
        elif mismas:
            suyos = ", ".join(sorted(ind.ids & set().union(*map(_ids_de, mismas))))
            porque = f"{{n}} tienen su id de SHCP ({suyos})"
            pista = "quítelo de la fila que no es"
            ambiguas[n] = _fila_ambigua(ind, mismas, posicion, porque, pista)
            reservadas |= {id(f) for f in mismas}
    emparejadas |= reservadas  # the person's to settle, not another source row's
    sin_fila: dict[tuple[str, str], list[int]] = {}
    for n, ind in enumerate(nuevos):
        if filas_de[n] is None and n not in ambiguas:
            sin_fila.setdefault(_clave_nombre(ind.fila), []).append(n)
    for clave, ns in sin_fila.items():
        mismas = [
            existentes[i] for i in por_nombre.get(clave, ()) if id(existentes[i]) not in emparejadas
        ]
        if len(mismas) == 1 and len(ns) == 1:
            filas_de[ns[0]] = mismas[0]
            emparejadas.add(id(mismas[0]))
            continue
        for n in ns if mismas else ():
            if len(mismas) > 1:
                porque = "su id de SHCP no la encuentra, y {n} tienen su nivel y su nombre"
            else:  # one row of the file, and other source rows of its nivel and name
                otras = "; ".join(_origen(nuevos[o]) for o in ns if o != n)
                porque = (
                    "su id de SHCP no la encuentra, y esa fila tiene su nivel y su nombre, pero "
                    f"también los de {'otra fila' if len(ns) == 2 else 'otras filas'} de la "
                    f"fuente ({otras})"
                )
            ambiguas[n] = _fila_ambigua(nuevos[n], mismas, posicion, porque)
        emparejadas.update(id(f) for f in mismas)
    return filas_de, ambiguas


def _por_id(existentes: list, ind: IndicadorNuevo, emparejadas: set[int], por_id) -> list:
    """The file's unmatched rows that share an SHCP id with ind, in file order."""
    libres = {i for x in ind.ids for i in por_id.get(x, ()) if id(existentes[i]) not in emparejadas}
    return [existentes[i] for i in sorted(libres)]


def _fila_ambigua(
    ind: IndicadorNuevo, varias: list, posicion: dict, porque: str, pista: str = ""
) -> Ambiguo:
    """A source row that each of `varias` (the file's rows) may be: written to none. The
    person writes its SHCP id on the one it is, or (`pista`) says so otherwise."""
    id_shcp = str(ind.fila.get("id_shcp") or "")
    if not pista:
        pista = f'escriba id_shcp: "{id_shcp}"' if id_shcp else "dé el nombre de la fuente"
        pista += " en la fila que es"
    return Ambiguo(
        "mir",
        None,
        ind.fila.get("nombre"),
        candidatos=tuple((f"mir[{f.get('id')}]", ("mir", posicion[id(f)])) for f in varias),
        origen=_origen(ind),
        porque=porque,
        pista=f"{pista} y vuelva a importar",
    )


def _origen(ind: IndicadorNuevo) -> str:
    """«id_shcp 142313; archivo:línea»: where the source gives ind."""
    id_shcp = str(ind.fila.get("id_shcp") or "")
    return "; ".join(x for x in (id_shcp and f"id_shcp {id_shcp}", ind.origen) if x)


def _renombrada(originales: list, ind: IndicadorNuevo, emparejadas: set[int], exacto: bool):
    """(row, candidates, why): the file's row a person renamed (and that has no SHCP id to be
    found by): the only unmatched one of ind's nivel whose meta and valor equal the source's in
    every cycle both give (at least one, with a number), or, when not `exacto` (a later pass,
    for rows whose figures SHCP also revised), whose método de cálculo or definición is the
    source's. Appending the source's row would count the indicator twice in
    every average. Several that fit are narrowed to those that contradict none of what says
    which indicator a row is (`_QUE_ES`); when more than one is left (or none), they are the
    candidates, and the source row is written to none: the person decides."""
    metas = ind.fila.get("metas")
    if not isinstance(metas, Mapping):
        return None, [], ""
    nivel = _clave_nombre(ind.fila)[0]
    candidatas = []
    for f in originales if exacto else ():
        suyas = f.get("metas")
        if id(f) in emparejadas or _clave_nombre(f)[0] != nivel or not isinstance(suyas, Mapping):
            continue
        comunes = [a for a in metas if isinstance(suyas.get(a), Mapping)]
        pares = [
            (suyas[a].get(k), metas[a].get(k))
            for a in comunes
            for k in ("meta", "valor")
            if isinstance(metas[a], Mapping) and metas[a].get(k) is not None
        ]
        if any(es_numero(b) for _, b in pares) and all(iguales(a, b) for a, b in pares):
            candidatas.append(f)
    porque = "su meta y su valor en los ciclos que dan las dos"
    if not exacto:
        candidatas = _por_su_definicion(originales, ind, emparejadas, nivel)
        porque = "su método de cálculo o su definición"
    if len(candidatas) > 1:
        candidatas = _sin_contradecir(candidatas, ind) or candidatas
    if len(candidatas) > 1:
        return None, candidatas, porque
    if not candidatas:
        return None, [], ""
    emparejadas.add(id(candidatas[0]))
    return candidatas[0], [], ""


# What a row says about which indicator it is: of two rows that share the source's figures or
# definición, one measured in another unit, by another method or at another frequency is not
# the source's indicator (a field one of them lacks rules out nothing).
_QUE_ES = ("unidad_medida", "metodo_calculo", "definicion", "frecuencia")


def _sin_contradecir(candidatas: list, ind: IndicadorNuevo) -> list:
    suyos = {k: ind.fila[k] for k in _QUE_ES if ind.fila.get(k) is not None}
    return [
        f for f in candidatas if all(f.get(k) is None or iguales(f[k], v) for k, v in suyos.items())
    ]


# What says which indicator a row is, beyond its name and figures: SHCP can rename an indicator
# and revise its figures in the same release (a later Cuenta Pública), and a person keeps these.
_LO_QUE_MIDE = ("metodo_calculo", "definicion")


def _por_su_definicion(originales: list, ind: IndicadorNuevo, emparejadas: set[int], nivel: str):
    """The file's unmatched rows of ind's nivel that measure what ind measures (same método de
    cálculo or definición, ignoring case and accents) when neither its name nor its figures
    find it: one such row is the same indicator, renamed with other figures; appending the
    source's would leave two copies and every later figure ambiguous."""
    suyos = {k: fold(str(ind.fila[k])) for k in _LO_QUE_MIDE if ind.fila.get(k)}
    if not suyos:
        return []
    return [
        f
        for f in originales
        if id(f) not in emparejadas
        and _clave_nombre(f)[0] == nivel
        and any(f.get(k) is not None and fold(str(f[k])) == v for k, v in suyos.items())
    ]
