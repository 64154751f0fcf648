"""`verificar`: every published figure of the loaded specs against the project's computation.

Owns the verdicts' logic: `comparar` (one figure against its computation → `Resultado` with a
`Veredicto`), `registro` and the checkers by section (`programa`, `dependencia`, `derivado`,
`enunciados`), `ubicar` (file:line of each finding), and the report: `Verificacion` holds the
`Hallazgo`s and their `Recuento`.

Pure: records in, `Hallazgo`s out (no printing, no file access; `ubicar` adds line numbers).
Each `publicado` entry becomes exactly one finding — a checker from the registry, or «tipo de
cifra desconocido» — plus the dependency's recorded InMonitoreo, which is itself the printed
figure beside the inputs it is computed from, each cell of a programa derivado's published
enfoque × avance table, and each Diagnóstico attribute a computation can check.

Every verdict says what it rests on (`Resultado.final`): a match on inputs the spec marks as
taken from the same publication is «coincide por construcción», never a confirmation; an
explained difference is «difiere, explicada»; two printed figures that cannot both hold are a
«contradicción en la fuente»; a figure of another cut than its inputs is «no verificable».
"""

from __future__ import annotations

from dataclasses import dataclass

from issste_mon.auditoria import (  # noqa: F401
    alertas,
    dependencia,
    derivado,
    enunciados,
    programa,
)
from issste_mon.auditoria.comparar import (
    COINCIDE,
    CONTRADICCION,
    DIFIERE,
    DIFIERE_EXPLICADA,
    NO_VERIFICABLE,
    POR_CONSTRUCCION,
    Resultado,
    Veredicto,
    no_verificable,
)
from issste_mon.auditoria.registro import Contexto, Figura, buscar
from issste_mon.claves import seleccionar
from issste_mon.errores import format_keypath
from issste_mon.metodologia import Metodologia
from issste_mon.modelo import es_numero
from issste_mon.modelo.metas import anios_con
from issste_mon.salida.numfmt import fmt_escrito
from issste_mon.salida.tabla import Tabla
from issste_mon.vocab import fold

DESCONOCIDO = "tipo de cifra desconocido"


@dataclass(slots=True)
class Hallazgo:
    archivo: str
    ruta: tuple
    clave: str
    anio: int | None
    cifra: str
    tipo: str  # ámbito.clave-publicado: which checker
    publicado: str
    resultado: Resultado
    linea: int | None = None
    columna: int | None = None
    fuente: str | None = None  # the document that prints the figure (`fuente_de`)

    def fila(self) -> dict:
        r = self.resultado
        return {
            "archivo": self.archivo,
            "linea": self.linea,
            "columna": self.columna,
            "campo": format_keypath(self.ruta),
            "clave": self.clave,
            "anio": self.anio,
            "cifra": self.cifra,
            "tipo": self.tipo,
            "publicado": self.publicado,
            "calculado": r.calculado,
            "valor_calculado": r.valor_calculado,
            "veredicto": r.veredicto,
            "explicacion": r.explicacion,
            "motivo": r.motivo,
            "fuente": self.fuente,
        }


def fuente_de(f: Figura) -> str | None:
    """The document that prints a published figure, as the spec names it: its record's
    `fuente` (a year's, a statement's), else its indicator's, else its program's."""
    if f.fuente:
        return f.fuente
    for x in (f.registro, f.padre, f.dueno):
        doc = getattr(x, "fuente", None)
        if doc and isinstance(doc, str):
            return doc
    return None


def _figura(ambito, dueno, registro, anio, ruta, nombre, texto, padre=None, fuente=None):
    return Figura(
        ambito, dueno.clave, dueno.archivo, ruta, nombre, texto, anio, dueno, registro, padre,
        fuente,
    )  # fmt: skip


def _pub(ambito, dueno, registro, anio, padre=None, ruta=None, publicado=None, fuente=None):
    """Figures of one record's `publicado` mapping."""
    ruta = registro.ruta if ruta is None else ruta
    publicado = registro.publicado if publicado is None else publicado
    for nombre, texto in publicado.items():
        yield _figura(
            ambito, dueno, registro, anio, (*ruta, "publicado", nombre), nombre, texto, padre,
            fuente,
        )  # fmt: skip


def _enunciados(dueno):
    for anio, items in sorted(dueno.resumen.items()):
        for e in items:
            yield _figura(
                "enunciado", dueno, e, anio, (*e.ruta, "publicado"), "publicado", e.publicado
            )


def figuras(specs, elegidos: set[int] | None = None, decimales_inmonitoreo: int = 3):
    """Every published figure of the loaded specs, section by section."""
    for p in specs.programas:
        if elegidos is not None and id(p) not in elegidos:
            continue
        # (most records publish nothing: no generator is started for them)
        for pob in p.poblaciones:
            if pob.publicado:
                yield from _pub("poblacion", p, pob, pob.anio)
        for t in p.totales_poblacion:  # printed for the total of a year's components
            if t.publicado:
                yield from _pub("poblacion_total", p, t, t.anio)
        for b in p.presupuesto:
            if b.publicado:
                yield from _pub("presupuesto", p, b, b.anio)
        for ind in p.mir:
            # their records are not even made (metas from the cache: see anios_con)
            for anio in anios_con(ind.metas, "publicado"):
                m = ind.metas[anio]
                yield from _pub("meta", p, m, m.anio, padre=ind)
        for m in p.monitoreo:
            if m.publicado:
                yield from _pub("monitoreo", p, m, m.anio)
        for anio, atributos in sorted(p.diagnostico.items()):
            # a recorded attribute a computation can check (the Diagnóstico's «cumplimiento de
            # metas adecuado (90% - 110%)», and «los demás programas deben impulsar el
            # cumplimiento de las metas»: not within the band)
            if "cumplimiento_metas" in atributos and fold(atributos["cumplimiento_metas"]) in (
                programa.CUMPLIMIENTO_ADECUADO | programa.CUMPLIMIENTO_IMPULSAR
            ):
                ruta = ("diagnostico", anio, "cumplimiento_metas")
                texto = atributos["cumplimiento_metas"]
                yield _figura("diagnostico", p, p, anio, ruta, "cumplimiento_metas", texto)
        for s in p.ised:
            if s.publicado:
                yield from _pub("ised", p, s, s.edicion)
    for d in specs.dependencias:
        if elegidos is not None and id(d) not in elegidos:
            continue
        for m in d.monitoreo:
            if es_numero(m.inmonitoreo):
                # as recorded, as every valoración is printed: «{:.3f}» rounded the binary float
                # (a recorded 0.5615 read «0.561», and matched a computed 0.5611)
                texto = fmt_escrito(m.inmonitoreo, decimales_inmonitoreo)
                ruta = (*m.ruta, "inmonitoreo")
                yield _figura("dependencia.monitoreo", d, m, m.anio, ruta, "inmonitoreo", texto)
            if m.lugar is not None:  # «11° lugar de las 15 dependencias», printed by `monitoreo`
                texto = f"{m.lugar}° de {m.de}" if m.de is not None else f"{m.lugar}°"
                ruta = (*m.ruta, "lugar")
                yield _figura("dependencia.monitoreo", d, m, m.anio, ruta, "lugar", texto)
            yield from _pub("dependencia.monitoreo", d, m, m.anio)
        for b in d.presupuesto:
            yield from _pub("dependencia.presupuesto", d, b, b.anio)
        for seccion, publicado in d.publicados.items():
            nombre, _, anio = seccion.partition(".")
            yield from _pub(
                f"dependencia.{nombre}",
                d,
                d,
                int(anio) if anio.isdigit() else None,
                ruta=(nombre, anio),
                publicado=publicado,
                fuente=d.fuentes_publicados.get(seccion),
            )
        yield from _enunciados(d)
    for dv in specs.derivados:
        if elegidos is not None and id(dv) not in elegidos:
            continue
        for obj, ind in dv.indicadores():
            yield from _pub("indicador_derivado", dv, ind, None, padre=obj)
        for fila, columnas in dv.tabla_publicada.items():  # each of its cells is a figure
            for columna, texto in columnas.items():
                ruta = ("tabla_enfoque_avance_publicada", fila, columna)
                nombre = f"{fila} / {columna}"
                yield _figura(
                    "tabla_enfoque_avance", dv, dv, dv.corte_publicado, ruta, nombre, texto
                )
        yield from _enunciados(dv)


def elegir(specs, claves: list[str] | None) -> set[int] | None:
    """Records named by the user: program claves (E045, 51-E045), dependency siglas, or the
    clave of a programa derivado. None: all."""
    if not claves:
        return None
    otros = {fold(r.clave): r for r in (*specs.dependencias, *specs.derivados)}
    otros |= {fold(d.siglas): d for d in specs.dependencias}
    elegidos, de_programa = set(), []
    for c in claves:
        if fold(c) in otros:
            elegidos.add(id(otros[fold(c)]))
        else:
            de_programa.append(c)
    elegidos |= {id(p) for p in seleccionar(specs.programas, de_programa)} if de_programa else set()
    return elegidos


def _etiqueta(plantilla: str, f: Figura) -> str:
    indicador = f"{f.padre.id} ({f.padre.nivel})" if hasattr(f.padre, "nivel") else ""
    label = plantilla.format(anio=f.anio or "", nombre=f.nombre, indicador=indicador)
    componente = getattr(f.registro, "componente", None)
    return f"{label}, componente {componente}" if componente else label.strip()


def verificar(
    specs, metodologia: Metodologia, claves: list[str] | None = None, anio: int | None = None
) -> list[Hallazgo]:
    elegidos = elegir(specs, claves)
    programas = None if elegidos is None else [p for p in specs.programas if id(p) in elegidos]
    ctx = Contexto(specs, metodologia, programas)
    out = []
    decimales = dependencia.decimales_inmonitoreo(ctx)
    for f in figuras(specs, elegidos, decimales):
        if anio is not None and f.anio != anio:
            continue
        entrada = buscar(f.ambito, f.nombre)
        if entrada is None:
            resultado = no_verificable(f"{DESCONOCIDO} «{f.nombre}»")
            etiqueta = f"{f.nombre} {f.anio or ''}".strip()
        else:
            resultado = entrada.checker(ctx, f).final()
            etiqueta = resultado.cifra or _etiqueta(entrada.cifra, f)
        out.append(
            Hallazgo(
                f.archivo,
                f.ruta,
                f.clave,
                f.anio,
                etiqueta,
                f"{f.ambito}.{f.nombre}",
                f.texto,
                resultado,
                fuente=fuente_de(f),
            )
        )
    return out


@dataclass(frozen=True)
class Recuento:
    """How many published figures got each verdict. Only `coinciden` (on independent inputs)
    counts as a confirmation; `difieren` includes the explained differences."""

    total: int
    coinciden: int
    difieren: int
    explicadas: int  # differences with an explanation (e.g. the document truncates)
    no_verificables: int
    por_construccion: int = 0  # matches on inputs recorded from the same publication
    contradicciones: int = 0  # two printed figures that cannot both hold

    @classmethod
    def de(cls, hallazgos: list[Hallazgo]) -> Recuento:
        ver = [h.resultado.veredicto for h in hallazgos]
        explicadas = ver.count(DIFIERE_EXPLICADA)
        return cls(
            total=len(ver),
            coinciden=ver.count(COINCIDE),
            difieren=ver.count(DIFIERE) + explicadas,
            explicadas=explicadas,
            no_verificables=ver.count(NO_VERIFICABLE),
            por_construccion=ver.count(POR_CONSTRUCCION),
            contradicciones=ver.count(CONTRADICCION),
        )


def _n(n: int, singular: str, plural: str) -> str:
    return f"{n:,} {singular if n == 1 else plural}"


def _v(n: int, veredicto: Veredicto) -> str:
    return f"{n:,} {veredicto.en_numero(n)}"


def resumen(c: Recuento) -> str:
    """`N cifras: X coinciden, Y por construcción, Z difieren (E explicadas), C contradicciones
    en la fuente, W no verificables`, in correct Spanish number."""
    line = (
        f"{_n(c.total, 'cifra', 'cifras')}: {_v(c.coinciden, COINCIDE)}, "
        f"{c.por_construccion:,} por construcción, {_v(c.difieren, DIFIERE)}"
    )
    if c.difieren:
        line += f" ({_n(c.explicadas, 'explicada', 'explicadas')})"
    line += f", {_v(c.contradicciones, CONTRADICCION)}, {_v(c.no_verificables, NO_VERIFICABLE)}"
    return line + "."


def hay_hallazgos(c: Recuento, permitir_explicadas: bool = False) -> bool:
    """Exit 1 when something differs or the source contradicts itself; with
    `permitir_explicadas`, only an unexplained difference."""
    if permitir_explicadas:
        return c.difieren - c.explicadas > 0
    return c.difieren + c.contradicciones > 0


@dataclass
class Verificacion:
    """The report of `verificar`: one finding per published figure, their verdict counts, and the
    table the CLI prints (like frictionless's `Report`)."""

    hallazgos: list[Hallazgo]
    recuento: Recuento
    tabla: Tabla

    @property
    def veredicto(self) -> Veredicto:
        """The worst verdict: difiere (unexplained), difiere explicada, contradicción en la
        fuente; else coincide if some figure was confirmed on independent inputs."""
        if self.recuento.difieren - self.recuento.explicadas:
            return Veredicto.difiere
        if self.recuento.difieren:
            return Veredicto.difiere_explicada
        if self.recuento.contradicciones:
            return Veredicto.contradiccion
        if self.recuento.coinciden:
            return Veredicto.coincide
        if self.recuento.por_construccion:
            return Veredicto.coincide_por_construccion
        return Veredicto.no_verificable

    @property
    def valida(self) -> bool:
        """True when no published figure differs from the computation or contradicts another."""
        return self.recuento.difieren == 0 and self.recuento.contradicciones == 0

    @property
    def resumen(self) -> str:
        return resumen(self.recuento)

    def hay_hallazgos(self, permitir_explicadas: bool = False) -> bool:
        return hay_hallazgos(self.recuento, permitir_explicadas)
