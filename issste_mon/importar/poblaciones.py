"""SHCP's population files → `poblaciones.<año>.componentes` of each program.

Two layouts, told apart by their header:

- **2017** (`Poblaciones_potencial_objetivo_atendida_2017`): potencial, objetivo and atendida,
  each split into hombres, mujeres, indistinto and áreas de enfoque, one row per bien, servicio o
  apoyo.
- **2018–2020** (`Poblaciones_de_programas_de_desarrollo_social_<año>`): only the población
  objetivo (`Cuantificación`) with its cut-off month and year, plus the year's programmed
  population (`Cuantificación <año>`).

The rules, decided from the 2017 file (2,313 rows) and written in the README:

- **Personas.** hombres + mujeres = indistinto → the total is indistinto. Only one of them
  given → that one. hombres + mujeres > indistinto: when indistinto is at least 99 % of the sum
  it is the sum rounded (20-E016 PP: 37,500,000 vs 37,504,392) and the total is hombres +
  mujeres; otherwise indistinto is a part — «sexo no registrado» — and the total is hombres +
  mujeres + indistinto (11-S243 PA: 721,012 + 913,687 + 52,036; in the file the ratios are
  0.9999 on one side and 0.26 or less on the other). hombres + mujeres < indistinto → the sex
  breakdown does not cover everyone and the total is indistinto. A total is never smaller than a
  part; every rule but the first carries a `nota`, and the raw cells stay in `desglose`.
- **Áreas de enfoque** (organisations, municipalities…) are never added to persons: a row with
  both gives two components, each with its own unit.
- **Figures repeated on every row of a program** (10-B002 lists 16 supports, each with the same
  107,514,190) are the program's: stored once, in a component «Población del programa» with the
  supports under `apoyos`, never once per support (which `cobertura` would add up). Figures
  repeated on some rows only (12-E040: PP and PO on 4 of 8 apoyos, each with its own PA) stay
  on each of their components, whose nota names the other rows' lines (in 2018–2020 too:
  15-U281's PO 122 cut in March and in June).
- An empty cell is ND; text in a number cell is ND with the text in `nota`. Units are tidied
  and spelled one way across the file. The cut-off (`corte: {mes, anio}`) is stored beside the
  figure; the figure stays in the file's fiscal year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from issste_mon.calc.base import SIN_LIMITE
from issste_mon.errores import Problem, SpecError
from issste_mon.importar import anio_archivo, fuente
from issste_mon.importar.anio_archivo import anio_de
from issste_mon.importar.comun import (
    EXACTA,
    T_CIFRAS,
    Filtro,
    Lote,
    NoNumero,
    ProgramaNuevo,
    Unidades,
    cifra,
    clave_unidad,
    con_filas,
    decimal_de,
    doc_base,
    entero,
    limpiar_unidad,
    miles,
    numero_nota,
    otro_nombre,
    plano,
    programa_de,
    rango_de_lineas,
    redondeo,
    texto,
)
from issste_mon.salida.numfmt import digitos_no_ascii
from issste_mon.vocab import MESES, fold

POBLACIONES = (("potencial", "PP"), ("objetivo", "PO"), ("atendida", "PA"))
PARTES = ("hombres", "mujeres", "indistinto")
REDONDEO = Decimal(
    "0.99"
)  # indistinto ≥ 99 % of hombres + mujeres (and below it): the sum, rounded
PROGRAMA = "Población del programa"
AREAS = "áreas de enfoque"

# what the 2017 file says of each population, kept on its components as 2018–2020 keeps its
# own: (definición, tipo) and (fuente, instancia generadora) columns by population
DEFINICIONES = {
    "potencial": ("Poblacion_potencial", "Tipo_poblacion_potencial"),
    "objetivo": ("Poblacion_objetivo_general", "Tipo_poblacion_objetivo_general"),
}
FUENTES = {
    "atendida": ("Fuente_poblacion_atendida", "Instancia_generadora_fuente_poblacion_atendida"),
    "potencial": ("Fuente_poblacion_potencial", "Instancia_generadora_fuente_poblacion_potencial"),
}
REQUERIDAS_2017 = ["Ramo", "Clave_Pp", "Desc_Pp", "Unidad_medida_PO", "Bien,_servicio_o_apoyo"]
REQUERIDAS_2017 += [
    f"Poblacion_{p}_{d}" for p, _ in POBLACIONES for d in (*PARTES, "areas_de_enfoque")
]
LEIDAS_2017 = [
    *REQUERIDAS_2017,
    "Desc_ramo",
    "Unidad_medida_PP",
    "Mes_corte_poblacion_potencial",
    "Año_corte_poblacion_potencial",
    "Mes_corte_poblacion_atendida",
    "Año_corte_poblacion_atendida",
    "Fuente_poblacion_atendida",
    *(c for cols in (*DEFINICIONES.values(), *FUENTES.values()) for c in cols),
    "Comentarios",
]
REQUERIDAS_PO = ["Ramo", "Programa (Pp)", "Unidad de medida", "Cuantificación"]
FORMATOS = {
    "2017": ("2017 (potencial, objetivo y atendida por sexo)", REQUERIDAS_2017),
    "PO": ("2018–2020 (solo población objetivo)", REQUERIDAS_PO),
}

# the methodology, written into each imported year (`poblaciones.<año>.nota`)
NOTA_2017 = (
    "Importado de SHCP (poblaciones, formato de 2017). Personas: indistinto si hombres + "
    "mujeres = indistinto; hombres + mujeres + indistinto («sexo no registrado») si indistinto "
    "es menor que el 99 % de hombres + mujeres; hombres + mujeres si indistinto es apenas menor "
    "(redondeo); indistinto si hombres + mujeres no llega. Áreas de enfoque: componente aparte, "
    "nunca sumadas a personas. Cifras repetidas en varias filas de un programa: una vez. "
    "El desglose original queda en `desglose`; cada cifra decidida así lleva `nota`."
)
NOTA_PO = (
    "Importado de SHCP (poblaciones, formato 2018–2020: solo población objetivo). objetivo = "
    "Cuantificación; programada = Cuantificación del año; corte_objetivo = mes y año de corte "
    "de la PO (puede ser anterior al ejercicio). Filas con las mismas cifras: una vez."
)

# the rule behind each aviso tipo, as printed once for all its rows
T_PARTE = "indistinto menor que hombres + mujeres: se lee como «sexo no registrado» y se suma"
T_REDONDEO = "indistinto apenas menor que hombres + mujeres (redondeado): se usa la suma"
T_NO_CUBRE = "hombres + mujeres no llegan a indistinto: se usa indistinto"
T_TEXTO = "texto en lugar de cifra: se registra ND con el texto en nota"
T_REPETIDAS = "cifras repetidas en varias filas de un programa: se registran una vez"
T_EN_OTROS = "la misma cifra en componentes distintos de un programa: se dice en cada uno"
T_AREAS = "personas y áreas de enfoque en la misma fila: dos componentes, cada uno con su unidad"
T_VACIA = "fila sin unidad ni cifras: no hay nada que registrar"
T_CORTE = "mes o año de corte que no es un número: se guarda en nota"
T_UNIDAD_PP = (
    "unidad de la PP distinta de la de la PO: se registra en nota (PO/PP compara unidades)"
)
T_UNIDADES_FILAS = "filas de un programa con unidades distintas: se nombran en nota"
T_PERSONAS_AREA = (
    "personas en una fila cuya unidad es la de sus áreas de enfoque: unidad «Personas», con nota"
)
T_SIN_UNIDAD = "la fuente no da unidad de medida: se registra «No especificada», con nota"


class Columnas:
    """Header names looked up without case, accents or spacing ('Año de corte' = 'ano de
    corte')."""

    def __init__(self, header: list[str]):
        self.por_clave = {fold(h): h for h in header if h}
        self._reales: dict[str, str] = {}

    def __contains__(self, nombre: str) -> bool:
        return fold(nombre) in self.por_clave

    def real(self, nombre: str) -> str:
        r = self._reales.get(nombre)
        if r is None:  # folded once per name, not once per cell
            r = self._reales[nombre] = self.por_clave.get(fold(nombre), nombre)
        return r

    def faltan(self, requeridas: list[str]) -> list[str]:
        return [c for c in requeridas if c not in self]


def formato(header: list[str], archivo: str) -> str:
    """'2017' or 'PO'; an unknown header is an error naming what each known layout lacks."""
    cols = Columnas(header)
    faltas = {k: cols.faltan(req) for k, (_, req) in FORMATOS.items()}
    for k, faltan in faltas.items():
        if not faltan:
            return k
    detalle = "; ".join(
        f"para el formato de {FORMATOS[k][0]} faltan columnas: {', '.join(f)}"
        for k, f in faltas.items()
    )
    raise SpecError(
        [
            Problem(
                archivo,
                1,
                None,
                "",
                f"formato de poblaciones desconocido ({fuente.columnas(header)}): {detalle}. "
                "Ediciones conocidas: 2017 (formato de 2017) y 2018–2020 (solo PO)",
            )
        ]
    )


def leer(lectura: fuente.Lectura, anio: int | None, filtro: Filtro) -> Lote:
    archivo = lectura.archivo
    header, filas = lectura.abrir([], "un archivo de poblaciones de SHCP")
    lote = Lote(lectura.nombre)
    fmt = formato(header, lote.fuente)
    cols = Columnas(header)
    de_donde = "`anio`"
    if anio is None:
        anio, de_donde = anio_de(archivo), "el nombre del archivo"
    programada = _anio_programada(header, lote.fuente) if fmt == "PO" else None
    if anio is None:
        anio = programada
    elif programada is not None and programada != anio:
        # the year's column would match no «Cuantificación <año>»: every programada lost
        raise SpecError(
            [
                Problem(
                    lote.fuente,
                    1,
                    None,
                    "",
                    f"el encabezado es del año {programada} («Cuantificación {programada}») y "
                    f"{de_donde} dice {anio}: indique `anio` {programada} o revise el archivo",
                )
            ]
        )
    if programada is None and de_donde == "`anio`":
        # without a year in the header, the file's name is the source's word on its year:
        # filing 2017's figures under 2018 would be silent (as the header's year is for 2020)
        anio_archivo.revisar(
            lote.fuente, archivo, anio, "anio", "las cifras quedarían en otro año fiscal"
        )
    if anio is None:
        raise anio_archivo.sin_anio(archivo, "el año fiscal", "anio")
    filas = fuente.contar_malas(filas, lote)
    if fmt == "2017":
        usadas = {fold(h) for h in LEIDAS_2017}
        otras = [h for h in header if h and fold(h) not in usadas]
        if otras:  # said once per file: nothing the source gives goes unmentioned
            lote.aviso(None, f"columnas del formato de 2017 que no se importan: {', '.join(otras)}")
        return con_filas(mapear(filas, anio, filtro, lote, cols))
    return con_filas(mapear_po(filas, anio, filtro, lote, cols))


def _anio_programada(header: list[str], archivo: str) -> int | None:
    """The year of the «Cuantificación <año>» column (the year's programmed population), if
    there is exactly one. Its year written with digits other than 0–9 (`Cuantificación ٢٠٢٠`,
    or `２０２０`, which `fold` makes 2020) is an error: read, it would be read without a word;
    skipped, every programada would be lost without one."""
    pat = re.compile(r"cuantificacion (\d{4})")  # (\d: other digits are seen, to be refused)
    years = set()
    for h in header:
        if m := pat.fullmatch(fold(h)):
            if digitos_no_ascii(h):
                msg = (
                    "año con dígitos no ASCII: escríbalo con los dígitos 0 a 9 (es la columna "
                    "de la población programada del año)"
                )
                raise SpecError([Problem(archivo, 1, None, h, msg)])
            years.add(int(m.group(1)))
    years = {y for y in years if 2000 <= y <= 2099}
    return years.pop() if len(years) == 1 else None


# --- 2017 ---------------------------------------------------------------------------------


@dataclass
class _Fila:
    """One row of the 2017 file, read but not yet decided."""

    linea: int
    apoyo: str | None
    unidad: str | None
    unidad_pp: str | None
    crudo: dict[str, tuple]  # población → (hombres, mujeres, indistinto, áreas de enfoque)
    textos: dict[str, list[str]]  # población → text found in its number cells
    corte: dict | None
    corte_pp: dict | None
    corte_nota: list[str] = field(default_factory=list)
    definicion: dict[str, str] = field(default_factory=dict)  # población → its definition
    tipo: dict[str, str] = field(default_factory=dict)  # población → tipo de población
    fuente: dict[str, str] = field(default_factory=dict)  # población → fuente (instancia)
    comentario: str | None = None


def mapear(
    filas: Iterable[tuple[int, dict]],
    anio: int,
    filtro: Filtro,
    lote: Lote,
    cols: Columnas | None = None,
) -> Lote:
    """Rows of the 2017 population file → one program per (ramo, clave) with its components."""
    c = cols.real if cols is not None else (lambda n: n)
    por_programa: dict[tuple[int, str], list[_Fila]] = {}
    # every row's units, filtered or not: a unit is spelt as the file spells it most, the same
    # with --ramo/--clave as without (11-E039's PP «Alumno» is «Alumnos» either way)
    todas: list[str | None] = []
    for linea, row in filas:
        lote.filas += 1
        todas += (limpiar_unidad(row.get(c(u))) for u in ("Unidad_medida_PO", "Unidad_medida_PP"))
        ident = programa_de(row, linea, lote, c("Ramo"), c("Clave_Pp"), filtro)
        if ident is None:
            continue
        columnas = {"dependencia": c("Desc_ramo"), "nombre": c("Desc_Pp")}
        if ident not in por_programa:
            lote.programas[ident] = ProgramaNuevo(*ident, doc_base(*ident, row, columnas))
            por_programa[ident] = []
        else:
            primera, doc = por_programa[ident][0].linea, lote.programas[ident].doc
            otro_nombre(lote, linea, primera, f"{ident[0]}-{ident[1]}", doc, row, columnas)
        por_programa[ident].append(_leer_fila(row, linea, c, lote.fuente))
    unidades = Unidades(todas)
    cortes = Counter(
        f.corte["anio"] for fs in por_programa.values() for f in fs if (f.corte or {}).get("anio")
    )
    comun = cortes.most_common(1)[0][0] if cortes else anio
    if comun != anio:  # (stdin has no name to check the year against)
        lote.aviso(
            None,
            f"la mayoría de las filas tiene corte de la PA en {comun} ({cortes[comun]:,} de "
            f"{cortes.total():,}), no en {anio}, el año fiscal en que se archivan las cifras "
            "(cortes: "
            + ", ".join(f"{a}: {n:,} filas" for a, n in sorted(cortes.items()))
            + "): revise `anio`",
        )
    for ident, fs in por_programa.items():
        prog = lote.programas[ident]
        comps = _componentes(fs, unidades, lote, prog.id_completo)
        for comp in comps:
            prog.origen(anio, comp, lote.fuente, comp.pop("_lineas"))
            # the file gives PA's and PP's source and cut, none for the PO: said, not left out
            _con_origen(comp, anio, "PO: el archivo no da su fuente ni su corte")
        prog.doc["poblaciones"] = {anio: {"nota": NOTA_2017, "componentes": comps}}
    return lote


def _con_origen(comp: dict, anio: int, *despues: str) -> None:
    """A component's `fuente` names the SHCP publication its figures were read from, then what
    that file says of each population's own source and cut (`cobertura` shows it beside PA/PO):
    imported figures must not pass for figures of the documents the file cites. The
    publication, not the local file's name, as `importar avance` does: the same figures read
    from a renamed copy (or its xlsx) are the same spec."""
    origen = f"SHCP, datos abiertos: poblaciones {anio}"
    comp["fuente"] = "; ".join(filter(None, [origen, comp.get("fuente"), *despues]))


def _corte(row: dict, mes_col: str, anio_col: str, notas: list[str], que: str) -> dict | None:
    out = {}
    for key, col in (("mes", mes_col), ("anio", anio_col)):
        cell = texto(row.get(col))
        if cell is None:
            continue
        try:
            out[key] = entero(cell)
        except NoNumero:
            notas.append(f"{que}: {'mes' if key == 'mes' else 'año'} de corte «{cell}»")
    return out or None


def _con_corte(texto_: str, corte: dict | None) -> str:
    """«Anuario Estadístico Institucional, corte de diciembre de 2016»: a population's source
    with the cut the file gives it (a sentence's final period dropped before the comma)."""
    if re.search(r"[a-záéíóúñ)]\.$", texto_):
        texto_ = texto_[:-1]
    return f"{texto_}, corte de {_cuando(corte)}" if corte else f"{texto_}, sin corte en el archivo"


def _cuando(corte: dict) -> str:
    """«diciembre de 2019», «2019», «diciembre» (what the file gives)."""
    mes, anio = corte.get("mes"), corte.get("anio")
    nombre_mes = MESES[mes - 1] if isinstance(mes, int) and 1 <= mes <= 12 else None
    if nombre_mes and anio is not None:
        return f"{nombre_mes} de {anio}"
    return nombre_mes or str(anio if anio is not None else f"mes {mes}")


def _no_negativa(valor, archivo: str, linea: int, col: str):
    """A population below zero is a broken cell: an error naming the source's line and column
    (not the spec it would have made)."""
    if valor is not None and valor < 0:
        msg = f"cifra negativa {plano(valor)}: una población no puede ser negativa"
        raise SpecError([Problem(archivo, linea, None, col, msg)])
    return valor


def _leer_fila(row: dict, linea: int, c, archivo: str) -> _Fila:
    crudo, textos = {}, {}
    notas: list[str] = []
    for campo, sigla in POBLACIONES:
        vals, txt = [], []
        for d in (*PARTES, "areas_de_enfoque"):
            col = c(f"Poblacion_{campo}_{d}")
            try:
                # exact: sums and rules on the source's digits
                vals.append(_no_negativa(decimal_de(row.get(col)), archivo, linea, col))
            except NoNumero as exc:
                vals.append(None)
                txt.append(f"{sigla} ({d.replace('_', ' ')}): «{' '.join(str(exc).split())}»")
            else:
                if nota := miles(f"{sigla} ({d.replace('_', ' ')})", row.get(col)):
                    notas.append(nota)  # 11-E039 PO «570,000»: the figure read is not the cell
        crudo[campo], textos[campo] = tuple(vals), txt
    corte = _corte(
        row, c("Mes_corte_poblacion_atendida"), c("Año_corte_poblacion_atendida"), notas, "PA"
    )
    corte_pp = _corte(
        row, c("Mes_corte_poblacion_potencial"), c("Año_corte_poblacion_potencial"), notas, "PP"
    )
    apoyo = texto(row.get(c("Bien,_servicio_o_apoyo")))
    definicion, tipo, fuentes = {}, {}, {}
    for campo, (col_def, col_tipo) in DEFINICIONES.items():
        if d := _plano_texto(row.get(c(col_def))):
            definicion[campo] = d
        if t := _plano_texto(row.get(c(col_tipo))):
            tipo[campo] = t
    for campo, (col_fuente, col_instancia) in FUENTES.items():
        f_, inst = _plano_texto(row.get(c(col_fuente))), _plano_texto(row.get(c(col_instancia)))
        if f_ or inst:
            quien_genera = f"instancia generadora: {inst}" if inst else None
            fuentes[campo] = f"{f_} ({quien_genera})" if f_ and inst else f_ or quien_genera
    return _Fila(
        linea=linea,
        apoyo=" ".join(apoyo.split()) if apoyo else None,
        unidad=limpiar_unidad(row.get(c("Unidad_medida_PO"))),
        unidad_pp=limpiar_unidad(row.get(c("Unidad_medida_PP"))),
        crudo=crudo,
        textos=textos,
        corte=corte,
        corte_pp=corte_pp,
        corte_nota=notas,
        definicion=definicion,
        tipo=tipo,
        fuente=fuentes,
        comentario=_plano_texto(row.get(c("Comentarios"))),
    )


def _plano_texto(valor) -> str | None:
    """A text cell with its spaces and line breaks collapsed; None when empty."""
    t = texto(valor)
    return " ".join(t.split()) if t else None


def _distintos(valores: Iterable[str | None]) -> str | None:
    """The different texts of the rows behind one component, in row order: none is dropped
    for being on a later row."""
    vistos = list(dict.fromkeys(v for v in valores if v))
    return " | ".join(vistos) if vistos else None


@dataclass
class _Cifra:
    """One population of one kind (personas or áreas), decided: total, breakdown, notes."""

    total: object = "ND"
    desglose: dict | None = None
    hm: tuple | None = None
    notas: list[str] = field(default_factory=list)


def _n(x) -> str:
    x = _dec(x)
    return f"{int(x):,}" if x == x.to_integral_value() else f"{x:,}"


def _dec(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _suma(*vals) -> Decimal:
    """Exact decimal sum (13,133.88 + 35,510.12 = 48,644, not 48,643.99999…), at any size: in
    28 digits, hombres 1234567890123456789012345678901 + mujeres 1 was written 1…679000."""
    total = Decimal(0)
    for v in vals:
        if v is not None:
            total = SIN_LIMITE.add(total, _dec(v))
    return total


def personas(h, m, i, sigla: str) -> tuple[object, str | None, str | None]:
    """(total or None, nota, aviso tipo) of hombres, mujeres, indistinto: the rules above. The
    total is the exact decimal (`cifra` turns it into the spec's value)."""
    h, m, i = (None if v is None else _dec(v) for v in (h, m, i))
    if h is None and m is None:
        return i, None, None
    suma = _suma(h, m)
    if i is None:
        if h is None or m is None:
            solo = "hombres" if m is None else "mujeres"
            return suma, f"{sigla}: solo se publica la cifra de {solo}", None
        return suma, None, None
    if suma == i:
        return i, None, None
    hm = f"hombres + mujeres ({_n(h or 0)} + {_n(m or 0)} = {_n(suma)})"
    if suma > i and i >= SIN_LIMITE.multiply(REDONDEO, suma):
        nota = f"{sigla}: indistinto {_n(i)} es {hm} redondeado; se usa {_n(suma)}"
        return suma, nota, T_REDONDEO
    if suma > i:
        total = _suma(suma, i)
        nota = (
            f"{sigla}: indistinto {_n(i)} es menor que {hm}: se lee como «sexo no "
            f"registrado» y se suma: {_n(suma)} + {_n(i)} = {_n(total)}"
        )
        return total, nota, T_PARTE
    nota = f"{sigla}: {hm} no llega a indistinto {_n(i)}; se usa {_n(i)}"
    return i, nota, T_NO_CUBRE


def _cifras(fila: _Fila, campo: str, sigla: str, lote: Lote, quien: str) -> dict[str, _Cifra]:
    """personas and áreas of one population of one row."""
    h, m, i, a = fila.crudo[campo]
    out: dict[str, _Cifra] = {}
    if any(v is not None for v in (h, m, i)):
        total, nota, tipo = personas(h, m, i, sigla)
        cif = _Cifra(total)
        if h is not None or m is not None:
            cif.desglose = {k: v for k, v in zip(PARTES, (h, m, i), strict=True) if v is not None}
        if h is not None and m is not None:
            cif.hm = (h, m)
        if nota:
            cif.notas.append(nota)
            if tipo:
                lote.aviso(fila.linea, f"{quien}: {nota}", tipo)
        out["personas"] = cif
    if a is not None:
        out["areas"] = _Cifra(a)
    if fila.textos[campo]:
        nota = "texto en lugar de cifra: " + "; ".join(fila.textos[campo])
        lote.aviso(fila.linea, f"{quien} «{fila.apoyo or ''}»: {nota}", T_TEXTO)
        (out.get("personas") or out.setdefault("personas", _Cifra())).notas.append(nota)
    return out


def _nombre(base: str, usados: set[str]) -> str:
    nombre, n = base, 2
    while fold(nombre) in usados:  # the same support listed twice: keep both, apart
        nombre, n = f"{base} ({n})", n + 1
    usados.add(fold(nombre))
    return nombre


def _componentes(fs: list[_Fila], unidades: Unidades, lote: Lote, quien: str) -> list[dict]:
    """A program's rows → its components (see the module doc for the rules)."""
    cifras = [{campo: _cifras(f, campo, s, lote, quien) for campo, s in POBLACIONES} for f in fs]
    varia = {
        campo: len(fs) > 1
        and any(
            (f.crudo[campo], f.textos[campo]) != (fs[0].crudo[campo], fs[0].textos[campo])
            for f in fs
        )
        for campo, _ in POBLACIONES
    }
    vacia = {
        campo: all(all(v is None for v in f.crudo[campo]) and not f.textos[campo] for f in fs)
        for campo, _ in POBLACIONES
    }
    propias = [campo for campo, _ in POBLACIONES if varia[campo]]
    if propias:  # an empty population is told on each support's row, beside the varying ones
        comunes = [campo for campo, _ in POBLACIONES if not varia[campo] and not vacia[campo]]
        propias = [campo for campo, _ in POBLACIONES if campo not in comunes]
    else:
        comunes = [campo for campo, _ in POBLACIONES]
    tipos = [
        k
        for k in ("personas", "areas")
        if any(k in c[campo] for c in cifras for campo, _ in POBLACIONES)
    ] or ["personas"]
    for f, cif in zip(fs, cifras, strict=True):
        if all(any(k in cif[campo] for campo, _ in POBLACIONES) for k in ("personas", "areas")):
            lote.aviso(f.linea, f"{quien} «{f.apoyo or ''}»: personas y {AREAS}", T_AREAS)
    usados: set[str] = set()
    out = []
    repetidas = [campo for campo in comunes if not vacia[campo]]
    programa = len(fs) > 1 and bool(repetidas)
    if programa:
        lote.aviso(
            fs[0].linea,
            f"{quien}: {'/'.join(_sigla(c_) for c_ in repetidas)} repetida(s) en "
            f"sus {len(fs)} filas; se registra(n) una vez",
            T_REPETIDAS,
            "grupos de filas",
        )
        # the rows a component stands for are named where it is shown (10-B002: 16 rows, one
        # population), as for a group of rows within a program
        nota_comun = (f"{'/'.join(_sigla(c_) for c_ in repetidas)}: " if propias else "") + (
            f"las mismas cifras en {len(fs)} filas (líneas {_lineas([f.linea for f in fs])}); "
            "se registran una vez, no se suman"
        )
        if propias:
            nota_comun += (
                f"; {', '.join(_sigla(p) for p in propias)} por apoyo, en los componentes "
                "siguientes (no se suman: un beneficiario puede recibir varios apoyos)"
            )
        de_fila = [k for k in tipos if any(k in cifras[0][campo] for campo in comunes)]
        for k in de_fila or tipos[:1]:
            comp = _comp(
                fs[0],
                cifras[0],
                comunes,
                k,
                de_fila,
                unidades,
                PROGRAMA,
                usados,
                nota_comun,
                lote,
                quien,
                fs,
            )
            comp["apoyos"] = [f.apoyo or "(sin nombre)" for f in fs]
            _unidades_filas(comp, fs, unidades, lote, quien)
            comp["_lineas"] = [f.linea for f in fs]  # (popped by the caller)
            comp["_tipo"] = k
            out.append(comp)
    if not programa or propias:
        nota_propia = None
        if programa:
            nota_propia = (
                f"{', '.join(_sigla(p) for p in repetidas)}: las del programa, comunes a sus "
                f"{len(fs)} apoyos (componente «{PROGRAMA}»)"
            )
        campos = propias if programa else [c_ for c_, _ in POBLACIONES]
        # rows with the same figures (and unit) are one population listed once per support
        grupos: dict[tuple, list[int]] = {}
        for i, f in enumerate(fs):
            firma = (
                tuple((f.crudo[c_], tuple(f.textos[c_])) for c_ in campos),
                clave_unidad(unidades(f.unidad or f.unidad_pp) or ""),
            )
            vacia_fila = all(all(v is None for v in f.crudo[c_]) for c_ in campos)
            grupos.setdefault(firma if not vacia_fila else ("fila", i), []).append(i)
        for idx in grupos.values():
            f, cif = fs[idx[0]], cifras[idx[0]]
            grupo = [fs[i] for i in idx]
            nota = nota_propia
            nombre = f.apoyo or "(sin nombre de apoyo)"
            if len(grupo) > 1:
                nombres = list(dict.fromkeys(g.apoyo or "(sin nombre)" for g in grupo))
                if len(nombres) > 1:
                    nombre = (
                        PROGRAMA if len(grupo) == len(fs) else f"{PROGRAMA} ({len(grupo)} apoyos)"
                    )
                repetida = (
                    f"las mismas cifras en {len(grupo)} filas (líneas "
                    f"{_lineas([g.linea for g in grupo])}); se registran una vez, no se suman"
                )
                nota = f"{nota}; {repetida}" if nota else repetida
                lote.aviso(
                    f.linea, f"{quien} «{nombre}»: {repetida}", T_REPETIDAS, "grupos de filas"
                )
            con_datos = [k for k in tipos if any(k in cif[campo] for campo in campos)]
            for k in con_datos or tipos[:1]:
                comp = _comp(
                    f, cif, campos, k, con_datos, unidades, nombre, usados, nota, lote, quien, grupo
                )
                if len(grupo) > 1:
                    comp["apoyos"] = [g.apoyo or "(sin nombre)" for g in grupo]
                comp["_lineas"] = [g.linea for g in grupo]
                comp["_tipo"] = k
                out.append(comp)
    filas = {f.linea: f for f in fs}

    def celdas(comp: dict, campo: str) -> tuple:
        h, m, i, a = filas[comp["_lineas"][0]].crudo[campo]
        return (comp["_tipo"], (a,) if comp["_tipo"] == "areas" else (h, m, i))

    _en_otros(out, celdas, lote, quien)
    for comp in out:
        del comp["_tipo"]
    return out


def _en_otros(
    comps: list[dict], celdas: Callable[[dict, str], Hashable], lote: Lote, quien: str
) -> None:
    """A population whose cells are the same in rows of the program that are not one
    component (12-E040 2017: PP 5,784,134 and PO 1,938,790 on 4 of its 8 apoyos, each with its
    own PA; 15-U281 2020: PO 122 cut in March and in June) is registered on each of them: each
    says where else it is, so that nobody adds them up unawares. `celdas(comp, campo)`: the
    raw cells of that population on the component's first row (`_lineas`), with their kind."""
    por_celdas: dict[tuple, list[dict]] = {}
    for comp in comps:
        for campo, _ in POBLACIONES:
            if isinstance(comp.get(campo), (int, float)):
                por_celdas.setdefault((campo, celdas(comp, campo)), []).append(comp)
    # comp → (the other components' lines, how many they are) → siglas
    dichas: dict[int, dict[tuple, list[str]]] = {}
    for (campo, _), mismas in por_celdas.items():
        for comp in mismas if len(mismas) > 1 else []:
            otras = tuple(sorted(n for c in mismas if c is not comp for n in c["_lineas"]))
            clave = (otras, len(mismas) - 1)
            dichas.setdefault(id(comp), {}).setdefault(clave, []).append(_sigla(campo))
    for comp in comps:
        notas = []
        for (otras, cuantos), siglas in dichas.get(id(comp), {}).items():
            donde = f"la línea {otras[0]}" if len(otras) == 1 else f"las líneas {_lineas(otras)}"
            otro = "otro componente" if cuantos == 1 else "otros componentes"
            cifra, registrada, es, sumar = (
                ("la misma cifra", "registrada", "es", "sumarla")
                if len(siglas) == 1
                else ("las mismas cifras", "registradas", "son", "sumarlas")
            )
            # (the same cells may be one population or two of one size: the file does not say)
            notas.append(
                f"{'/'.join(siglas)}: {cifra} que en {donde} ({otro} del programa), {registrada} "
                f"en cada uno: si {es} una misma población, {sumar} la cuenta varias veces"
            )
        if notas:
            nota = "; ".join(notas)
            comp["nota"] = f"{comp['nota']}; {nota}" if comp.get("nota") else nota
            aviso = f"{quien} «{comp['nombre']}»: {nota}"
            lote.aviso(comp["_lineas"][0], aviso, T_EN_OTROS, "componentes")


_lineas = rango_de_lineas


def _sigla(campo: str) -> str:
    return dict(POBLACIONES)[campo]


def _unidades_filas(comp: dict, fs: list[_Fila], unidades: Unidades, lote: Lote, quien: str):
    """The units of the rows behind a component of the program: the PO's (or, without one, the
    PP's) and the PP's, each list when the rows do not agree — PO/PP is then across units."""
    distintas: dict[str, str] = {}
    de_pp: dict[str, str] = {}
    for f in fs:
        u = unidades(f.unidad or f.unidad_pp)
        if u:
            distintas.setdefault(clave_unidad(u), u)
        upp = unidades(f.unidad_pp)
        if upp:
            de_pp.setdefault(clave_unidad(upp), upp)
    notas = []
    if len(distintas) > 1:
        notas.append("unidades de las filas: " + ", ".join(distintas.values()))
    if len(de_pp) > 1:
        notas.append("unidades de la PP en las filas: " + ", ".join(de_pp.values()))
    if notas:
        nota = "; ".join(notas)
        comp["nota"] = f"{comp['nota']}; {nota}" if comp.get("nota") else nota
        lineas = _lineas([f.linea for f in fs])
        lote.aviso(
            fs[0].linea,
            f"{quien} «{comp['nombre']}»: {nota} (líneas {lineas})",
            T_UNIDADES_FILAS,
            "programas",
        )


def _clases(f: _Fila, campo: str) -> set[str]:
    """What one population of a row is given as: personas (hombres, mujeres, indistinto),
    áreas de enfoque, both or neither."""
    h, m, i, a = f.crudo[campo]
    out = {"personas"} if any(v is not None for v in (h, m, i)) else set()
    return out | {"areas"} if a is not None else out


def _unidad_de_areas(f: _Fila) -> bool:
    """True when a row gives personas and áreas de enfoque and its one unit is the áreas': the
    unit column's own population (the PO's, or the PP's when only the PP's unit is given —
    else the first population with a figure) is given only as áreas de enfoque."""
    if len(set().union(*(_clases(f, c_) for c_, _ in POBLACIONES))) < 2:
        return False
    orden = ("objetivo", "potencial", "atendida") if f.unidad else ("potencial", "objetivo")
    return next((k for c_ in orden if (k := _clases(f, c_))), set()) == {"areas"}


def _escrita(exacto: Decimal, que: str, notas: list[str]) -> int | float:
    """The spec's value of an exact figure; a nota names the source's digits when it differs."""
    valor = cifra(exacto)
    nota = redondeo(que, exacto, valor)
    if nota and nota not in notas:
        notas.append(nota)
    return valor


def _textos(comp: dict, campos: list[str], filas: list[_Fila]) -> None:
    """What the rows say of the populations this component holds: tipo and definición (by
    población, as in `desglose`), fuente with its instancia generadora, Comentarios."""
    for clave in ("tipo", "definicion"):
        por_campo = {
            campo: v
            for campo in DEFINICIONES
            if campo in campos and (v := _distintos(getattr(g, clave).get(campo) for g in filas))
        }
        if por_campo:
            comp[clave] = por_campo
    cortes = {"atendida": comp.get("corte"), "potencial": comp.get("corte_potencial")}
    # a figure the file gives without its source says so (11-…: a PA with no Fuente cell)
    sin_fuente = "el archivo no da su fuente"
    fuentes = [
        f"{_sigla(campo)}: {_con_corte(v, cortes[campo])}"
        for campo in FUENTES
        if campo in campos
        and (
            v := _distintos(g.fuente.get(campo) for g in filas)
            or (sin_fuente if isinstance(comp.get(campo), (int, float)) else None)
        )
    ]
    if fuentes:
        comp["fuente"] = "; ".join(fuentes)
    comentario = _distintos(g.comentario for g in filas)
    if comentario:
        comp["comentario"] = comentario


def _comp(
    f: _Fila, cif, campos, tipo, tipos, unidades, nombre, usados, nota_extra, lote, quien, filas
) -> dict:
    unidad = unidades(f.unidad) or unidades(f.unidad_pp)
    notas: list[str] = []
    if tipo == "areas" and len(tipos) == 2:
        nombre = f"{nombre} ({AREAS})"
        if unidad:
            notas.append(f"la fuente da una sola unidad para personas y {AREAS}: «{unidad}»")
        unidad = "Áreas de enfoque"
    elif (
        tipo == "personas"
        and unidad
        and clave_unidad(unidad) != clave_unidad("Personas")
        and _unidad_de_areas(f)
    ):
        # 16-E014: PP and PO in hectáreas (áreas de enfoque), PA in indistinto (personas):
        # «Hectáreas» is the áreas' unit, never the persons'
        nota = (
            f"la fuente da una sola unidad para personas y {AREAS}, «{unidad}», y es la de "
            f"las {AREAS} de la fila: estas cifras son de personas (hombres, mujeres, "
            "indistinto) y se registran con unidad «Personas»"
        )
        notas.append(nota)
        lote.aviso(f.linea, f"{quien} «{f.apoyo or ''}»: {nota}", T_PERSONAS_AREA)
        unidad = "Personas"
    comp: dict = {"nombre": _nombre(nombre, usados), "unidad_medida": unidad or "No especificada"}
    if unidad is None:
        notas.append("la fuente no da unidad de medida")
        lote.aviso(f.linea, f"{quien} «{comp['nombre']}»: {T_SIN_UNIDAD}", T_SIN_UNIDAD)
        lote.corregidas[("unidad_medida", "(vacía)", "No especificada")] += 1
    upp, upo = unidades(f.unidad_pp), unidades(f.unidad)
    if upp and upo and clave_unidad(upp) != clave_unidad(upo):
        # PO/PP of this component compares two units (16-U035: 30 Estudios Técnicos of 177
        # Áreas Naturales Protegidas): said where it is computed, and on stderr
        distinta = f"unidad de medida de la PP: {upp}, distinta de la de la PO ({upo})"
        if "potencial" in campos and "objetivo" in campos:
            distinta += ": PO/PP compara unidades distintas"
        notas.append(distinta)
        lote.aviso(f.linea, f"{quien} «{comp['nombre']}»: {distinta}", T_UNIDAD_PP)
    desglose = {}
    for campo, _ in POBLACIONES:
        if campo not in campos:
            comp[campo] = "ND"
            continue
        c = cif[campo].get(tipo) or _Cifra()
        sigla = _sigla(campo)
        if isinstance(c.total, Decimal):
            comp[campo] = _escrita(c.total, sigla, notas)
        else:
            comp[campo] = c.total if c.total is not None else "ND"
        notas.extend(c.notas)
        if c.desglose:
            desglose[campo] = {k: _escrita(v, f"{sigla} {k}", notas) for k, v in c.desglose.items()}
        if campo == "atendida" and c.hm is not None:
            comp["hombres"] = desglose[campo]["hombres"]
            comp["mujeres"] = desglose[campo]["mujeres"]
    if desglose:
        comp["desglose"] = desglose
    for n in notas:
        if EXACTA in n:
            lote.aviso(f.linea, f"{quien} «{comp['nombre']}»: {n}", T_CIFRAS, "cifras")
    if "atendida" in campos and f.corte:
        comp["corte"] = dict(f.corte)
    if "potencial" in campos and f.corte_pp:
        comp["corte_potencial"] = dict(f.corte_pp)
    _textos(comp, campos, filas)
    notas.extend(f.corte_nota)
    if nota_extra:
        notas.append(nota_extra)
    if notas:
        comp["nota"] = "; ".join(notas)
    return comp


# --- 2018–2020: población objetivo only ---------------------------------------------------


def mapear_po(
    filas: Iterable[tuple[int, dict]], anio: int, filtro: Filtro, lote: Lote, cols: Columnas
) -> Lote:
    """Rows of the PO-only layout → one component per distinct row (a row repeated word for
    word is stored once, with how many times it appears)."""
    c = cols.real
    prog_col = c("Programa (Pp)")
    programada_col = next(
        (h for k, h in cols.por_clave.items() if k == f"cuantificacion {anio}"), None
    )
    leidas: dict[tuple[int, str], list[tuple[int, dict]]] = {}
    todas: list[str | None] = []  # (every row's unit, filtered or not: see `mapear`)
    for linea, row in filas:
        lote.filas += 1
        todas.append(limpiar_unidad(row.get(c("Unidad de medida"))))
        m = _VERTIENTE.fullmatch(texto(row.get(prog_col)) or "")
        if m:  # «U013 Vertiente 2»: program U013, its second strand
            row = {**row, prog_col: m.group(1), _VERT: " ".join(m.group(2).split())}
        ident = programa_de(row, linea, lote, c("Ramo"), prog_col, filtro, c("Clave_Pp"))
        if ident is None:
            continue
        columnas = {"dependencia": c("Descripción_ramo"), "nombre": c("Descripción_Pp")}
        if ident not in lote.programas:
            lote.programas[ident] = ProgramaNuevo(*ident, doc_base(*ident, row, columnas))
            leidas[ident] = []
        else:
            primera, doc = leidas[ident][0][0], lote.programas[ident].doc
            otro_nombre(lote, linea, primera, f"{ident[0]}-{ident[1]}", doc, row, columnas)
        leidas[ident].append((linea, row))
    unidades = Unidades(todas)
    for ident, rs in leidas.items():
        prog = lote.programas[ident]
        comps: list[dict] = []
        vistas: dict[tuple, dict] = {}
        usados: set[str] = set()
        for linea, row in rs:
            comp = _comp_po(row, linea, c, programada_col, unidades, lote, prog.id_completo)
            if comp is None:
                continue
            firma = tuple(str(comp.get(k)) for k in _FIRMA)
            previa = vistas.get(firma)
            if previa is not None:  # the same figures again: the program's, stored once
                previa["_veces"] += 1
                previa["_lineas"].append(linea)
                if comp.get("comentario") and comp["comentario"] not in previa["_comentarios"]:
                    previa["_comentarios"].append(comp["comentario"])
                continue
            comp["_veces"], comp["_lineas"] = 1, [linea]
            comp["_comentarios"] = [comp["comentario"]] if comp.get("comentario") else []
            vistas[firma] = comp
            comp["nombre"] = _nombre(comp["nombre"], usados)
            comps.append(comp)
        for comp in comps:
            veces, comentarios = comp.pop("_veces"), comp.pop("_comentarios")
            lineas = comp["_lineas"]
            if len(comentarios) > 1:
                comp["comentario"] = " | ".join(comentarios)
            if veces > 1:
                nota = (
                    f"las mismas cifras aparecen en {veces} filas de la fuente (líneas "
                    f"{_lineas(lineas)})"
                    + (" con distinto comentario" if len(comentarios) > 1 else "")
                    + "; se registran una vez, no se suman"
                )
                comp["nota"] = f"{comp['nota']}; {nota}" if comp.get("nota") else nota
                lote.aviso(
                    lineas[0],
                    f"{prog.id_completo} «{comp['nombre']}»: {nota}",
                    T_REPETIDAS,
                    "grupos de filas",
                )

        celda = partial(_celda_po, dict(rs), c("Cuantificación"))
        _en_otros(comps, celda, lote, prog.id_completo)
        for comp in comps:
            prog.origen(anio, comp, lote.fuente, comp.pop("_lineas"))
            _con_origen(comp, anio)
        if comps:
            prog.doc["poblaciones"] = {anio: {"nota": NOTA_PO, "componentes": comps}}
    for ident in [k for k, p in lote.programas.items() if "poblaciones" not in p.doc]:
        del lote.programas[ident]
    return lote


def _celda_po(filas: dict[int, dict], col: str, comp: dict, _campo: str) -> Decimal | None:
    """The PO's one cell on a component's first row (asked only of a PO that is a number): the
    2018–2020 layout has no PP or PA, nor kinds of population to tell apart."""
    return decimal_de(filas[comp["_lineas"][0]].get(col))


_VERTIENTE = re.compile(r"([A-Z][0-9]{3})\s+(\S.*)", re.S)
_VERT = "\0vertiente"
_FIRMA = (
    "vertiente",
    "unidad_medida",
    "objetivo",
    "programada",
    "corte_objetivo",
    "tipo",
    "definicion",
)
_NOMBRE_MAX = 100


def _comp_po(row, linea, c, programada_col, unidades, lote, quien) -> dict | None:
    unidad = unidades(limpiar_unidad(row.get(c("Unidad de medida"))))
    notas: list[str] = []
    cifras = {}
    for key, col in (("objetivo", c("Cuantificación")), ("programada", programada_col)):
        cell = row.get(col) if col else None
        try:
            cifras[key], nota = numero_nota(cell, f"{key} ({col})")
            _no_negativa(cifras[key], lote.fuente, linea, col)
            if leida := miles(f"{key} ({col})", cell):
                notas.append(leida)
            if nota:
                notas.append(nota)
                lote.aviso(linea, f"{quien}: {nota}", T_CIFRAS, "cifras")
        except NoNumero as exc:
            cifras[key] = None
            notas.append(f"texto en lugar de cifra ({col}): «{' '.join(str(exc).split())}»")
            lote.aviso(linea, f"{quien}: {notas[-1]}", T_TEXTO)
    if unidad is None and cifras["objetivo"] is None and cifras["programada"] is None:
        if not notas:
            lote.omitir("fila sin unidad ni cifras")
            lote.aviso(linea, f"{quien}: {T_VACIA}", T_VACIA)
            return None
    definicion = texto(row.get(c("Definición")))
    definicion = " ".join(definicion.split()) if definicion else None
    tipo = texto(row.get(c("Tipo")))
    nombre = definicion or unidad or "(sin definición)"
    if len(nombre) > _NOMBRE_MAX:
        nombre = nombre[: _NOMBRE_MAX - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    comp: dict = {"nombre": nombre, "unidad_medida": unidad or "No especificada"}
    if unidad is None:
        notas.append("la fuente no da unidad de medida")
        lote.aviso(linea, f"{quien} «{nombre}»: {T_SIN_UNIDAD}", T_SIN_UNIDAD)
        lote.corregidas[("unidad_medida", "(vacía)", "No especificada")] += 1
    comp["objetivo"] = cifras["objetivo"] if cifras["objetivo"] is not None else "ND"
    if cifras["programada"] is not None:
        comp["programada"] = cifras["programada"]
    corte = _corte(row, c("Mes de corte"), c("Año de corte"), notas, "PO")
    if corte:
        # the PO's cut, not `corte` (the PA's, which cobertura shows as such)
        comp["corte_objetivo"] = corte
    if notas and any("de corte" in n for n in notas):
        lote.aviso(linea, f"{quien}: {'; '.join(n for n in notas if 'de corte' in n)}", T_CORTE)
    if row.get(_VERT):
        comp["vertiente"] = row[_VERT]
        comp["nombre"] = f"{row[_VERT]}: {comp['nombre']}"
    if tipo:
        comp["tipo"] = " ".join(tipo.split())
    if definicion:
        comp["definicion"] = definicion
    fuente_ = texto(row.get(c("Fuentes de información")))
    # (the year is the caller's: set by _con_origen once the component is kept)
    comp["fuente"] = "PO: " + _con_corte(
        " ".join(fuente_.split()) if fuente_ else "el archivo no da su fuente", corte
    )
    comentario = next(
        (texto(v) for k, v in row.items() if k and fold(k).startswith("comentarios") and texto(v)),
        None,
    )
    if comentario:
        comp["comentario"] = " ".join(comentario.split())
    if notas:
        comp["nota"] = "; ".join(notas)
    return comp
