"""SHCP's MIR progress file (`prog_avance_de_indicadores.csv`) → one MIR row per indicator with
its years.

One row of the file is one indicator in one fiscal cycle. The same indicator gets a new
ID_INDICADOR every cycle and points back with ID_INDICADOR_CICLO_ANTERIOR; rows are linked by
that chain, else by the same nivel and name. Per year: `meta` is META (the approved target),
`meta_modificada` is META_AJUSTADA_CP, else META_AJUSTADA (the Cuenta Pública target, which
`cumplimiento` uses when the methodology says so); `valor` is AVANCE_CP, else the last monthly
AVANCE_MES (year-to-date), with its numerator and denominator. FID rows (indicators of programs
without a MIR) are kept as `nivel: FID`, or skipped and counted with `sin_fid`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from issste_mon import vocab
from issste_mon.errores import Problem, SpecError
from issste_mon.importar import fuente
from issste_mon.importar.comun import (
    T_CIFRAS,
    Filtro,
    IndicadorNuevo,
    Lote,
    NoNumero,
    Normalizador,
    ProgramaNuevo,
    clave_de,
    con_filas,
    contradice,
    doc_base,
    entero,
    limpiar_unidad,
    numero_nota,
    otro_nombre,
    texto,
)
from issste_mon.vocab import fold

REQUERIDAS = ["CICLO", "ID_RAMO", "DESC_NIVEL", "ID_INDICADOR", "DESC_INDICADOR", "SENTIDO"]
CLAVE_COLS = (["MODALIDAD_PP"], ["ID_MODALIDAD", "ID_PP"])  # either is enough

NIVEL = Normalizador(vocab.NIVEL)
SENTIDO = Normalizador(vocab.SENTIDO)
TIPO = Normalizador(vocab.TIPO_MIR)
DIMENSION = Normalizador(vocab.DIMENSION)
ORDEN_NIVEL = {n: i for i, n in enumerate(vocab.NIVEL.canonical)}
MESES = range(12, 0, -1)


def columnas_faltantes(header: list[str]) -> list[str]:
    faltan = [c for c in REQUERIDAS if c not in header]
    if not any(all(c in header for c in cols) for cols in CLAVE_COLS):
        faltan.append("MODALIDAD_PP (o ID_MODALIDAD e ID_PP)")
    return faltan


def leer(lectura: fuente.Lectura, filtro: Filtro, sin_fid: bool = False) -> Lote:
    """The whole file in one pass: rows are mapped as they are read, never held all at once."""
    header, filas = lectura.abrir([])
    archivo = lectura.nombre
    faltan = columnas_faltantes(header)
    if faltan:
        raise SpecError(
            [
                Problem(
                    archivo,
                    1,
                    None,
                    "",
                    f"faltan columnas: {', '.join(faltan)} "
                    f"(¿es prog_avance_de_indicadores.csv? {fuente.columnas(header)})",
                )
            ]
        )
    lote = Lote(archivo)
    return con_filas(mapear(fuente.contar_malas(filas, lote), filtro, lote, sin_fid))


@dataclass
class _Ciclo:
    """One indicator in one cycle, as read from one row."""

    ciclo: int
    id: str
    anterior: str | None
    nivel: str
    nombre: str
    fila: dict  # the MIR row's descriptive fields, spec order
    meta: dict  # the metas entry of this cycle
    linea: int = 0
    quien: str = ""


def _plano(c: _Ciclo) -> dict:
    """A cycle's fields as one flat mapping (metas.<campo> for the year's), to compare rows."""
    return {**c.fila, **{f"metas.{k}": v for k, v in c.meta.items()}}


@dataclass
class _Programa:
    doc: dict
    linea: int = 0  # the row its nombre, dependencia and unidad_responsable come from
    ciclos: dict[tuple[int, str], _Ciclo] = field(default_factory=dict)


def _id(valor) -> str | None:
    t = texto(valor)
    if t is None:
        return None
    try:
        return str(entero(t))
    except NoNumero:
        return t


class _Lector:
    """Reads cells of one row, reporting unreadable numbers against the row's line."""

    def __init__(self, row: dict, linea: int, lote: Lote, quien: str):
        self.row, self.linea, self.lote, self.quien = row, linea, lote, quien
        self.notas: list[str] = []  # figures written rounded (comun.cifra), for the year's nota
        self._leidas: dict[str, object] = {}

    def num(self, col: str):
        # UMBRAL_* feed the row and the year: read (and reported) once
        if col not in self._leidas:
            self._leidas[col] = self._num(col)
        return self._leidas[col]

    def _num(self, col: str):
        try:
            valor, nota = numero_nota(self.row.get(col), col)
        except NoNumero as exc:
            self.lote.aviso(
                self.linea,
                f'{self.quien}: {col} "{exc}" no es un número; se omite',
                f"{col} no es un número: se omite",
            )
            return None
        if nota and nota not in self.notas:
            self.notas.append(nota)
            self.lote.aviso(self.linea, f"{self.quien}: {nota}", T_CIFRAS, "cifras")
        return valor

    def txt(self, col: str) -> str | None:
        return texto(self.row.get(col))

    def categoria(self, campo: str, col: str, norm: Normalizador, fila: dict) -> str | None:
        original = self.txt(col)
        if original is None:
            return None
        canon = norm(original)
        if canon is None:
            fila[f"{campo}_shcp"] = original  # kept as written: it maps to no known value
        elif fold(canon) != fold(original):
            self.lote.corregidas[(campo, original, canon)] += 1
        return canon


def mapear(
    filas: Iterable[tuple[int, dict]], filtro: Filtro, lote: Lote, sin_fid: bool = False
) -> Lote:
    progs: dict[tuple[int, str], _Programa] = {}
    for linea, row in filas:
        lote.filas += 1
        try:
            ciclo, ramo = entero(row.get("CICLO")), entero(row.get("ID_RAMO"))
            if row.get("MODALIDAD_PP"):
                clave = clave_de(row["MODALIDAD_PP"][:1], row["MODALIDAD_PP"][1:])
                otra = _clave_por_id(row)
            else:
                clave = clave_de(row.get("ID_MODALIDAD") or "", row.get("ID_PP") or "")
                otra = None
        except (NoNumero, ValueError, TypeError):
            lote.omitir("sin ciclo, ramo o clave de programa válidos")
            motivo = "fila omitida: sin ciclo, ramo o clave de programa válidos"
            lote.aviso(linea, motivo, motivo)
            continue
        if ciclo is None or ramo is None:
            lote.omitir("sin ciclo, ramo o clave de programa válidos")
            continue
        if otra is not None and filtro.ciclo(ciclo):
            dichas = [
                (f"MODALIDAD_PP «{texto(row['MODALIDAD_PP'])}»", (ramo, clave)),
                (
                    f"ID_MODALIDAD «{texto(row['ID_MODALIDAD'])}» con ID_PP "
                    f"«{texto(row['ID_PP'])}»",
                    (ramo, otra),
                ),
            ]
            if contradice(lote, linea, filtro, dichas, "fuera del filtro (`ramo`/`anio`/`clave`)"):
                continue
        if not (filtro.ciclo(ciclo) and filtro.ramo(ramo) and filtro.clave(ramo, clave)):
            lote.omitir("fuera del filtro (`ramo`/`anio`/`clave`)")
            continue
        c = _ciclo(row, linea, lote, f"{ciclo} {ramo}-{clave}", ciclo, sin_fid)
        if c is None:
            continue
        prog = progs.get((ramo, clave))
        columnas = {"dependencia": "DESC_RAMO", "nombre": "DESC_PP"}
        if prog is None:
            doc = doc_base(ramo, clave, row, {**columnas, "unidad_responsable": "DESC_UR"})
            prog = progs[(ramo, clave)] = _Programa(doc, linea)
        else:
            otro_nombre(lote, linea, prog.linea, f"{ramo}-{clave}", prog.doc, row, columnas)
        previa = prog.ciclos.get((ciclo, c.id))
        if previa is not None:
            antes, ahora = _plano(previa), _plano(c)
            if lote.conflicto(previa.linea, linea, f"{c.quien} indicador {c.id}", antes, ahora):
                lote.omitir("fila repetida con otros valores (conflicto)")
            else:
                lote.omitir("fila repetida idéntica (mismo indicador y ciclo)")
                lote.aviso(
                    linea,
                    f"{c.quien} indicador {c.id}: igual a la línea {previa.linea}; se omite",
                    "fila repetida idéntica (mismo indicador y ciclo): se omite",
                )
            continue
        prog.ciclos[(ciclo, c.id)] = c
    for (ramo, clave), prog in progs.items():
        inds = _enlazar(prog, lote.fuente)
        lote.programas[(ramo, clave)] = ProgramaNuevo(ramo, clave, prog.doc, inds)
    return lote


def _clave_por_id(row: dict) -> str | None:
    """The clave ID_MODALIDAD and ID_PP give, when the row has both (the release's own
    MODALIDAD_PP is read first; this one only to check it); None when they give none."""
    if not (texto(row.get("ID_MODALIDAD")) and texto(row.get("ID_PP"))):
        return None
    try:
        return clave_de(row["ID_MODALIDAD"], row["ID_PP"])
    except (ValueError, TypeError):
        return None


def _ciclo(row, linea, lote, quien, ciclo, sin_fid) -> _Ciclo | None:
    r = _Lector(row, linea, lote, quien)
    fila: dict = {}
    nivel = r.categoria("nivel", "DESC_NIVEL", NIVEL, fila)
    if nivel is None:
        lote.omitir("nivel desconocido")
        lote.aviso(
            linea,
            f'{quien}: nivel desconocido "{r.txt("DESC_NIVEL")}"; fila omitida',
            "nivel desconocido: fila omitida",
        )
        return None
    if nivel == "FID" and sin_fid:
        lote.omitir("indicador FID (programa sin MIR; `sin_fid`)")
        return None
    sentido = r.categoria("sentido", "SENTIDO", SENTIDO, fila)
    ind_id, nombre = _id(row.get("ID_INDICADOR")), r.txt("DESC_INDICADOR")
    if sentido is None or ind_id is None or nombre is None:
        lote.omitir("sin id, nombre o sentido de indicador reconocible")
        motivo = "sin id, nombre o sentido de indicador reconocible; omitida"
        faltan = [
            f"{col} vacío"
            for col, v in (("ID_INDICADOR", ind_id), ("DESC_INDICADOR", nombre))
            if v is None
        ]
        if sentido is None:
            original = r.txt("SENTIDO")
            faltan.append(
                "SENTIDO vacío"
                if original is None
                else f'SENTIDO "{original}" desconocido (se esperaba {vocab.SENTIDO.describe()})'
            )
        lote.aviso(linea, f"{quien}: {'; '.join(faltan)}; fila omitida", motivo)
        return None
    # the source's text as written (only its ends stripped): «Consejo  de Representantes» keeps
    # its two spaces, as `definicion` does; matching across cycles folds spacing (`fold`)
    fila = {"nivel": nivel, "nombre": nombre, **fila}
    for key, col in (("definicion", "DEFINICION_INDICADOR"), ("metodo_calculo", "METODO_CALCULO")):
        if r.txt(col):
            fila[key] = r.txt(col)
    if r.txt("TIPO_RELATIVO"):
        fila["tipo_relativo"] = r.txt("TIPO_RELATIVO")
    unidad = limpiar_unidad(r.txt("UNIDAD_MEDIDA"))
    if unidad and fold(unidad) == "otra" and r.txt("OTRA_UNIDAD_MEDIDA"):
        unidad = limpiar_unidad(r.txt("OTRA_UNIDAD_MEDIDA"))
    if unidad:
        fila["unidad_medida"] = unidad
    for campo, col, norm in (
        ("tipo", "TIPO_INDICADOR", TIPO),
        ("dimension", "DIMENSION", DIMENSION),
    ):
        canon = r.categoria(campo, col, norm, fila)
        if canon:
            fila[campo] = canon
    if r.txt("FRECUENCIA"):
        fila["frecuencia"] = r.txt("FRECUENCIA")
    fila["sentido"] = sentido
    lb, lb_anio = r.num("LINEA_BASE"), r.num("CICLO_LINEA_BASE")
    if lb is not None:
        fila["linea_base"] = {"anio": int(lb_anio), "valor": lb} if lb_anio else {"valor": lb}
    umbrales = {k: r.num(f"UMBRAL_{k.upper()}") for k in ("verde", "amarillo", "rojo")}
    umbrales = {k: v for k, v in umbrales.items() if v is not None}
    if umbrales:
        fila["umbrales"] = umbrales
    if r.txt("MEDIOS_VERIFICACION"):
        fila["medios_verificacion"] = r.txt("MEDIOS_VERIFICACION")
    fila["id_shcp"] = ind_id
    return _Ciclo(
        ciclo,
        ind_id,
        _id(row.get("ID_INDICADOR_CICLO_ANTERIOR")),
        nivel,
        fila["nombre"],
        fila,
        _meta(r, ind_id),
        linea,
        quien,
    )


def _meta(r: _Lector, ind_id: str) -> dict:
    entrada: dict = {}
    meta = r.num("META")
    modificada = r.num("META_AJUSTADA_CP")
    if modificada is None:
        modificada = r.num("META_AJUSTADA")
    if meta is not None or modificada is None:
        entrada["meta"] = meta if meta is not None else "ND"
    if modificada is not None:
        entrada["meta_modificada"] = modificada
    fuente, nota = "AVANCE_CP", None
    valor = r.num(fuente)
    if valor is None:
        for mes in MESES:
            valor = r.num(f"AVANCE_MES{mes}")
            if valor is not None:
                fuente, nota = (
                    f"AVANCE_MES{mes}",
                    f"valor acumulado al mes {mes} (sin Cuenta Pública)",
                )
                break
    entrada["valor"] = valor if valor is not None else "ND"
    if valor is not None:
        for key, suf in (("numerador", "_NUM"), ("denominador", "_DEN")):
            x = r.num(fuente + suf)
            if x is not None:
                entrada[key] = x
    if r.txt("JUSTIFICACION_AJUSTE"):
        entrada["justificacion"] = r.txt("JUSTIFICACION_AJUSTE")
    semaforo = {k: r.num(f"UMBRAL_{k.upper()}") for k in ("verde", "amarillo", "rojo")}
    if any(v is not None for v in semaforo.values()):  # this year's own thresholds
        entrada["semaforo"] = {k: "ND" if v is None else v for k, v in semaforo.items()}
    entrada["id_shcp"] = ind_id
    # where the year's figures come from, on the year: cumplimiento and tendencias name it
    # beside each row (the file's header comment is not read). The release, not the local file
    # name: the same data from a renamed copy is the same figure, not a conflict.
    entrada["fuente"] = f"SHCP, datos abiertos: avance de indicadores {entero(r.row.get('CICLO'))}"
    notas = ([nota] if nota else []) + r.notas
    if notas:
        entrada["nota"] = "; ".join(notas)
    return entrada


def _enlazar(prog: _Programa, archivo: str) -> list[IndicadorNuevo]:
    """Cycles → indicators: follow ID_INDICADOR_CICLO_ANTERIOR, else the same nivel and name."""
    inds: list[tuple[IndicadorNuevo, dict[int, _Ciclo]]] = []
    por_id: dict[str, int] = {}
    por_nombre: dict[tuple[str, str], list[int]] = {}
    for (ciclo, _), c in sorted(prog.ciclos.items()):
        i = por_id.get(c.anterior) if c.anterior else None
        if i is not None and ciclo in inds[i][1]:
            i = None
        if i is None:
            libres = [
                j for j in por_nombre.get((c.nivel, fold(c.nombre)), []) if ciclo not in inds[j][1]
            ]
            i = libres[0] if libres else None
        if i is None:
            i = len(inds)
            inds.append((IndicadorNuevo({}), {}))
            por_nombre.setdefault((c.nivel, fold(c.nombre)), []).append(i)
        ind, ciclos = inds[i]
        ciclos[ciclo] = c
        ind.ids |= {c.id} | ({c.anterior} if c.anterior else set())
        por_id[c.id] = i
    out = []
    for ind, ciclos in inds:
        ultimo = ciclos[max(ciclos)]
        ind.fila = {**ultimo.fila, "metas": {y: ciclos[y].meta for y in sorted(ciclos)}}
        ind.origen = ", ".join(f"{archivo}:{ciclos[y].linea}" for y in sorted(ciclos))
        out.append(ind)
    out.sort(key=lambda ind: (ORDEN_NIVEL.get(ind.fila["nivel"], 99), _orden(ind.fila["id_shcp"])))
    return out


def _orden(id_shcp: str):
    return (0, int(id_shcp), "") if id_shcp.isdigit() else (1, 0, id_shcp)
