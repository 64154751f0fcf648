"""The methodology file: every band, cut point and formula switch, read as data.

The bundled default ships as package data; `--metodologia FILE` replaces it whole. Classifiers
receive a `Metodologia`; none of them holds a threshold literal of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, fields
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from issste_mon.carga import inputs
from issste_mon.errores import Problem, SpecError, format_keypath
from issste_mon.modelo.base import Valor, registro

DESCENDENTE = ("inversa", "espejo")
ARCHIVO_INCLUIDA = "metodologia.yaml (incluida)"
META = ("modificada_si_existe", "original")


class _SoloLectura(dict):
    """A dict that refuses to change (a `MappingProxyType` cannot be pickled or deep-copied,
    and a methodology travels to worker processes and into `copy.deepcopy`)."""

    __slots__ = ()

    def _refusa(self, *args, **kwargs):
        raise TypeError(
            "la metodología es de solo lectura: use Metodologia.con(...) para cambiarla"
        )

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _refusa

    def __reduce__(self):
        return (_SoloLectura, (dict(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self  # (nothing in it can change: as a tuple, its own copy)


def _congelado(x):
    """Lists as tuples and dicts as read-only dicts, all the way down: a frozen record whose
    bands sit in a list is frozen only by name (`m.inmonitoreo.append(…)` on the bundled
    methodology reclassified every later call in the process)."""
    if isinstance(x, list | tuple):
        return tuple(_congelado(v) for v in x)
    if isinstance(x, dict):
        return _SoloLectura({k: _congelado(v) for k, v in x.items()})
    return x


class _Congelado:
    """Each container field of the record is `_congelado` when it is made (not `crudo`, the
    file as parsed, which is no part of what the record is: `compare=False`)."""

    __slots__ = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.compare and isinstance(v, list | dict):
                object.__setattr__(self, f.name, _congelado(v))


@registro(congelado=True)
class Banda(Valor):
    etiqueta: str
    desde: float


@registro(congelado=True)
class Regla(Valor):
    """One category rule: `categoria` applies when `medida` reaches `umbral` (None: always).

    `estricta` means "greater than" (`…_mayor_a` in the file) instead of "at least" (`…_min`).
    """

    categoria: str
    medida: str | None = None  # avance | razon | cumplimiento
    umbral: float | None = None
    estricta: bool = False

    def cumple(self, medidas: dict[str, float | None]) -> bool | None:
        """True/False; None when the measure this rule needs is not computable."""
        if self.medida is None:
            return True
        x = medidas.get(self.medida)
        if x is None:
            return None
        # Exact: the measure is a Decimal from calc/ (or a float read as the decimal it
        # prints as), the threshold the decimal written in the file. 110 is 110, not
        # 110.00000000000001, so it is «at least 110» and not «greater than 110».
        x, umbral = decimal(x), decimal(self.umbral)
        return x > umbral if self.estricta else x >= umbral


@registro(congelado=True)
class ReglasSexenal(_Congelado, Valor):
    categorias: tuple[Regla, ...]
    sentido_constante: str  # category of constant-sense indicators in tables (NR)
    etiqueta_sentido_constante: str  # what the indicator's own row shows
    sin_dato: str
    anio_meta: int


@registro(congelado=True)
class ReglasMetaIntermedia(_Congelado, Valor):
    categorias: tuple[Regla, ...]
    retroceso: str
    sin_dato: str


@registro(congelado=True)
class Semaforo(Valor):
    """SHCP's per-indicator traffic light: colour labels (the rule is in calc/alertas.py)."""

    verde: str
    amarillo: str
    rojo: str


@registro(congelado=True)
class ReglasAlertas(_Congelado, Valor):
    """Thresholds of `alertas` / `tendencias`, as exact decimals (no binary noise at an edge)."""

    severidades: tuple[str, ...]
    cumplimiento_menor_a: Decimal
    usar_semaforo: bool
    severidad_meta: str
    severidad_amarillo: str
    deterioro_mayor_a: Decimal
    severidad_deterioro: str
    mejora_mayor_a: Decimal
    tendencia_mayor_a: Decimal
    tendencia_valores_minimos: int
    severidad_tendencia: str
    sexenal_menor_a: Decimal
    sexenal_anio_meta: int
    severidad_sexenal: str
    requiere: tuple[str, ...]
    requiere_derivado: tuple[str, ...]
    severidad_sin_informacion: str
    cobertura_mayor_a: Decimal
    severidad_cobertura: str


def decimal(x) -> Decimal:
    """The number as written (its shortest repr), exactly: 0.1 → Decimal('0.1'), 55 → 55; a
    numpy scalar as its Python value. Anything else that is not a number: ValueError."""
    cls = x.__class__
    if cls is Decimal:
        return x
    if cls is float:
        return Decimal(repr(x))
    if cls is int:
        return Decimal(x)
    if hasattr(x, "item") and not isinstance(x, (str, bool)):  # numpy scalar
        return decimal(x.item())
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise ValueError(f"se esperaba un número: {x!r}")
    return Decimal(repr(float(x)) if isinstance(x, float) else str(x))


@registro(congelado=True)
class Metodologia(_Congelado, Valor):
    """Frozen, its lists as tuples and its dicts read-only: `cargar_metodologia()` hands every
    caller the one bundled methodology, and the rows it classifies say «metodología por
    omisión»; a cut assigned on it (`m.rango_inferior = 96`, `m.inmonitoreo.append(…)`) would
    have reclassified every later call under that name. `con()` makes a copy."""

    nombre: str
    version: str
    archivo: str
    formula_descendente: str
    meta: str
    rango_inferior: float
    rango_superior: float
    etiquetas_rango: Mapping[str, str]
    inmonitoreo: tuple[Banda, ...]
    peso_programas: float
    peso_dependencia: float
    ised: tuple[Banda, ...]
    sexenal: ReglasSexenal | None = None
    meta_intermedia: ReglasMetaIntermedia | None = None
    agrupaciones_calidad: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    conteos_decimales: int = 0
    cobertura_alerta_mayor_a: float = 100.0  # PA/PO above this is shown and marked
    inmonitoreo_decimales: int = 3  # precision of the printed InMonitoreo
    # {nivel: (desde, hasta)}: where published pairs put a level's cut (see calc/monitoreo.py)
    inmonitoreo_cortes_posibles: Mapping[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # whether the file has `inmonitoreo.cortes_posibles` and `calidad_indicadores` at all: both
    # are optional, and without them a level near a supuesto cut or a grouping of quality
    # categories cannot be said, which the output says (not the same as an empty section)
    inmonitoreo_cortes_dados: bool = True
    calidad_dada: bool = True
    rango_confianza: str | None = None  # how sure the 90–110 % band is, and where it comes from
    rango_fuente: str = ""
    # the MIR level whose cumplimiento the Diagnóstico's «cumplimiento de metas» attribute is
    # compared with (`diagnostico.cumplimiento_metas.nivel`; its confianza is in `fuentes`)
    atributo_diagnostico_nivel: str = "Propósito"
    fuentes: tuple[tuple[str, str, str], ...] = field(
        default_factory=list
    )  # (sección, confianza, fuente)
    semaforo: Semaforo | None = None
    alertas: ReglasAlertas | None = None
    # the file as parsed, for `cambiadas` (not part of what the methodology is)
    crudo: dict | None = field(default=None, compare=False, repr=False)
    _cambiadas: dict[str, str] | None = field(default=None, compare=False, repr=False)

    @property
    def cambiadas(self) -> dict[str, str]:
        """{sección: its confianza in this file}: rules the bundled file marks `publicado`
        whose thresholds or labels this (user's) file changes — whatever confianza it still
        claims, a verdict resting on them does not rest on what the documents print
        (auditoria/comparar.py). Worked out when `verificar` first asks, so that no other
        command reads the bundled file too."""
        if self._cambiadas is None:
            cambiadas = {}
            if self.archivo != ARCHIVO_INCLUIDA and isinstance(self.crudo, dict):
                from issste_mon import metodologia_lectura

                cambiadas = metodologia_lectura.cambiadas(self.crudo, _publicada())
            object.__setattr__(self, "_cambiadas", cambiadas)  # (a cache, not a field's value)
        return self._cambiadas

    @property
    def etiqueta(self) -> str:
        return f"{self.nombre} v{self.version}"

    @property
    def referencia(self) -> str:
        """What a data row says it was classified with: the label, and the file when it is not
        the bundled one — a copy with other cuts that kept the bundled nombre and version must
        not pass for it in a CSV (the table's footer says the file too)."""
        if self.archivo == ARCHIVO_INCLUIDA:
            return self.etiqueta
        return f"{self.etiqueta} ({self.archivo})"

    @property
    def papeles_rango(self) -> tuple[tuple[str, str], ...]:
        """(label, role) of the rango's labels: «Aceptable» plays adecuado in a file that
        renames them (a table colours a label by its role, `Columna.papeles`)."""
        return tuple((e, papel) for papel, e in self.etiquetas_rango.items())

    @property
    def bordes_rango(self) -> tuple[Decimal, ...]:
        """Where a cumplimiento's rango changes (90 and 110): a figure printed beside its
        rango never rounds across them (`Columna.bordes`)."""
        return (decimal(self.rango_inferior), decimal(self.rango_superior))

    @staticmethod
    def bordes(bandas: list[Banda]) -> tuple[Decimal, ...]:
        """Where a level of `bandas` (inmonitoreo, ised) begins."""
        return tuple(decimal(b.desde) for b in bandas)

    @staticmethod
    def bordes_de(reglas: list[Regla] | None, medida: str) -> tuple[Decimal, ...]:
        """Where a category of `reglas` that reads `medida` begins (sexenal: avance 100 for
        Superado, 0 for Rezagado; meta intermedia: cumplimiento 100 and 110)."""
        return tuple(decimal(r.umbral) for r in reglas or () if r.medida == medida)

    def con(self, **cambios) -> Metodologia:
        """A copy with some switches changed (e.g. formula_descendente='espejo')."""
        data = {**self.__dict__, **cambios}
        return Metodologia(**data)


def clasificar_reglas(reglas: list[Regla], medidas: dict[str, float | None]) -> str | None:
    """The first rule that holds; None when a rule before it cannot be evaluated."""
    for regla in reglas:
        ok = regla.cumple(medidas)
        if ok is None:
            return None
        if ok:
            return regla.categoria
    return None


def clasificar(valor: float | Decimal, bandas: list[Banda]) -> str | None:
    """Label of the highest band whose lower bound (inclusive) the value reaches, compared as
    exact decimals (0.53 in the file is 0.53, not the binary 0.53000000000000002665)."""
    x = decimal(valor)
    label = None
    for banda in bandas:
        if x >= decimal(banda.desde):
            label = banda.etiqueta
    return label


def rango_cumplimiento(pct: float | Decimal | None, metodologia: Metodologia) -> str | None:
    """Bajo < inferior ≤ Adecuado ≤ superior < Alto on the exact value; None if not computable."""
    if pct is None:
        return None
    x = decimal(pct)
    if x.is_nan():
        return None
    e = metodologia.etiquetas_rango
    if x < _corte(metodologia.rango_inferior):
        return e["bajo"]
    if x > _corte(metodologia.rango_superior):
        return e["alto"]
    return e["adecuado"]


@lru_cache(maxsize=64)
def _corte(x: float) -> Decimal:
    """A band's cut point as an exact decimal, made once (verificar classifies ~15,000 rows)."""
    return decimal(x)


def default_path() -> str:
    # The package's own folder, as importlib.resources.files("issste_mon") gives it for an
    # installed package (the file is read from disk by path in any case), without importing
    # importlib.resources and zipfile (~2 ms) on every command.
    return str(Path(__file__).parent / "data" / "metodologia.yaml")


def load(path: str | None = None, cache: bool = False) -> Metodologia:
    """The methodology in `path` (the bundled one by default). cache: reuse what parsing these
    very bytes gave before (the parsed-spec cache's folder, `_datos`), so YAML is not parsed
    (nor PyYAML imported) by a command served from the cache."""
    if path == "":
        raise inputs.vacia("de la metodología")
    if path == "-":  # (stdin may hold the specs; a methodology is a file one keeps)
        from issste_mon.errores import EntradaInvalida

        raise EntradaInvalida(
            "la metodología no se lee de la entrada estándar («-»): dé la ruta de su archivo"
        )
    path = path or default_path()
    name = path if path != default_path() else ARCHIVO_INCLUIDA
    raw = inputs.read_file(Path(path), path)  # bounded read, errors in Spanish (a folder, …)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from issste_mon.carga.loader import decode

        decode(raw, path)  # says it as for a spec: line, column, UTF-16, and how to convert it
        raise SpecError(
            [Problem(path, None, None, "", "la metodología no está en UTF-8")]
        ) from None
    data = _datos(raw, text, path) if cache else _parse(text, path)
    from issste_mon import metodologia_lectura

    metodologia, problemas = metodologia_lectura.construir(data, name)
    if problemas and cache:
        # what the entry held may not be what the file says (damage under a matching CRC):
        # the file decides, and its entry is rewritten. (A file that is wrong is parsed twice,
        # on its way to the error; a valid one, once.)
        data = _datos(raw, text, path, leer=False)
        metodologia, problemas = metodologia_lectura.construir(data, name)
    if problemas:
        raise SpecError(_ubicar(problemas, text, path))
    object.__setattr__(metodologia, "crudo", data)  # (frozen; not part of what it is)
    return metodologia


@lru_cache(maxsize=1)
def _publicada() -> dict:
    """The bundled file as parsed: what a user's file is compared with (`cambiadas`)."""
    incluida = default_path()
    return _parse(inputs.read_file(Path(incluida), incluida).decode("utf-8-sig"), incluida)


def _ubicar(problemas, text: str, path: str) -> list[Problem]:
    """Each (keypath, at_key, message) with the line and column where the file says it: the
    key or value itself, or, for a key that is missing, the mapping that should hold it. In the
    file's order, so the first line to fix comes first."""
    from issste_mon.carga import yamlload

    lugares = yamlload.locate(text, [(ruta, en_clave) for ruta, en_clave, _ in problemas])
    out = []
    for ruta, en_clave, mensaje in problemas:
        linea, col = lugares.get((ruta, en_clave), (None, None))
        if callable(mensaje):  # it names the value as written (`No`, which YAML reads false)
            from issste_mon.carga.loader import escrito_en

            mensaje = mensaje(escrito_en(text, linea, col))
        out.append(Problem(path, linea, col, format_keypath(ruta), mensaje))
    return sorted(out, key=lambda p: (p.line or 0, p.col or 0))


def _parse(text: str, path: str):
    from issste_mon.carga import yamlload

    return yamlload.parse(text, path)


_FORMATO_CACHE = 2  # 2: keyed by the loader's code too (cache.huella)


def _datos(raw: bytes, text: str, path: str, leer: bool = True):
    """The parsed file, from the cache when these very bytes were parsed before (`leer`; else
    parsed, and its entry written).

    One entry per methodology file, `metodologia/<hash of its absolute path>.json` in the
    parsed-spec cache's folder, with that cache's guarantees (carga/cache.py): used only for the
    bytes it was built from (their BLAKE2b digest is in its header, with the format, the package
    version, the fingerprint of the loader's code that parsed them — a YAML reader changed under
    the same version number parses afresh — and a CRC-32 of the body), only when it is a regular
    file of this user, never pickle, any defect a miss, rewritten after a miss.
    Only data that JSON carries exactly is stored (no dates, no integer keys); anything else is
    parsed every time."""
    import json
    import os
    import zlib

    from issste_mon import __version__
    from issste_mon.carga import cache

    if cache.disabled_by_env():
        return _parse(text, path)
    ruta = os.path.abspath(path)
    try:
        version = [_FORMATO_CACHE, __version__, cache.huella()]
        entry = (
            cache.cache_dir() / "metodologia" / (cache.sha1(ruta.encode()).hexdigest() + ".json")
        )
    except Exception:  # e.g. no home directory: no cache
        return _parse(text, path)
    cabeza = {"version": version, "archivo": [ruta, cache.digest(raw)]}
    try:
        head, _, body = ((leer and cache.leer(entry)) or b"").partition(b"\n")
        if json.loads(head) == {**cabeza, "crc": zlib.crc32(body)}:
            return json.loads(body)
    except Exception:  # noqa: S110 - absent, unreadable or damaged: parse the file
        pass
    data = _parse(text, path)
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        if _igual(json.loads(body), data):
            entry.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # private
            entry.parent.mkdir(exist_ok=True, mode=0o700)
            cache.barrer_temporales(entry.parent)  # (as the specs' store does when it writes)
            head = json.dumps({**cabeza, "crc": zlib.crc32(body)}, ensure_ascii=False).encode()
            cache._write_atomic(entry, head + b"\n" + body)
    except Exception:  # noqa: S110 - a cache that cannot be written is only slower
        pass
    return data


def _igual(a, b) -> bool:
    """Equal values of the same types all the way down (1 is not 1.0, a list not a tuple)."""
    if a.__class__ is not b.__class__:
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(
            k.__class__ is str and _igual(v, b[k]) for k, v in a.items()
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(_igual(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)  # NaN
