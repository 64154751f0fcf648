"""Every row of SHCP's real open-data files (../shared/data/shcp), raw → figure.

Each file is imported with the real CLI into a temporary folder, the commands run with
`-f json`, and **every** output row is compared with an oracle computed here from the raw CSV
rows alone (`csv` + `fractions.Fraction`, never the package's code; the style of
`tests/oraculo.py`, whose rules for cumplimiento, rango and semáforo it reuses):

- a figure the raw row determines without a judgement call (indistinto alone, hombres +
  mujeres alone or equal to indistinto, áreas de enfoque, a plain number) must be the output's,
  and its PA/PO and PO/PP the oracle's at the output's 10-decimal rule;
- a figure that needed a judgement (the README's rules: hombres + mujeres against indistinto,
  text in a number cell, a sum beyond 15 digits, figures common to a program's rows) must come
  with a `nota` that says so;
- conservation: every raw row is in some output row of its program (or reported on stderr as
  skipped, with its line), and an output row that stands for several raw rows names them all in
  its `nota`: nothing summed, dropped or merged in silence;
- a población whose raw cells are those of other output rows of the program names their lines;
  a total is the sum of its components and says so, and says when it mixes cut-offs;
- avance: meta, valor, cumplimiento, rango and semáforo of each row, and the alerts the
  semáforo decides; ISeD: each RESULTADO_ISED as written and its band by the dictionary's rule.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import oraculo
import pytest
from conftest import REPO, SHARED

SHCP = SHARED / "data" / "shcp"
POB17 = SHCP / "poblaciones_2017.csv"
POB20 = SHCP / "poblaciones_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"
ISED = SHCP / "ised_2019_2020.csv"
DICCIONARIO = SHCP / "ised_diccionario.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")

POBLACIONES = (("potencial", "PP"), ("objetivo", "PO"), ("atendida", "PA"))
CIEN = Fraction(100)


# --- running the real CLI -----------------------------------------------------------------------


def _correr(*args: str) -> tuple[int, str, str]:
    """`python -m issste_mon ARGS` in a new process, as a person runs it: (code, stdout, stderr)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("ISSSTE_MON_SPECS", None)
    res = subprocess.run(
        [sys.executable, "-m", "issste_mon", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
    )
    return res.returncode, res.stdout, res.stderr


def _json(*args: str) -> list[dict]:
    """The rows of `issste-mon ARGS -f json`, every number as its exact decimal text."""
    code, out, err = _correr(*args, "-f", "json")
    assert code == 0, err[-3000:]
    return json.loads(out, parse_float=Decimal)


def _importar(tipo: str, archivo: Path, salida: Path, *mas: str) -> tuple[str, str]:
    code, out, err = _correr(
        "importar", tipo, str(archivo), "--salida", str(salida), "--detalle", *mas
    )
    assert code == 0, err[-3000:]
    return out, err


# --- reading the raw files ------------------------------------------------------------------


def _filas(archivo: Path, codificacion: str = "utf-8-sig") -> list[tuple[int, dict]]:
    """(line where the row starts, row): a cell may hold line breaks."""
    with archivo.open(encoding=codificacion, newline="") as f:
        lector = csv.DictReader(f)
        assert lector.fieldnames  # (the header read: line_num is now the header's last line)
        out, antes = [], lector.line_num
        for row in lector:
            out.append((antes + 1, row))
            antes = lector.line_num
    return out


_NUMERO = re.compile(r"\d+(?:\.\d+)?")


def _celda(texto: str | None) -> Fraction | str | None:
    """A number cell: its exact value, its text when it is not a plain number, None if empty."""
    t = (texto or "").strip()
    if not t:
        return None
    return Fraction(t) if _NUMERO.fullmatch(t) else " ".join(t.split())


def _fr(x) -> Fraction | None:
    """An output number (a JSON number read as its decimal text) as an exact fraction."""
    return None if x is None else Fraction(x)


def _decimal(x: Fraction) -> str:
    """The exact decimal text of a fraction whose denominator divides a power of ten."""
    n, d, k = x.numerator, x.denominator, 0
    while 10**k % d:
        k += 1
        assert k < 40, x
    entero = n * (10**k // d)
    s = str(abs(entero)).rjust(k + 1, "0")
    t = s[:-k] + "." + s[-k:] if k else s
    return ("-" if entero < 0 else "") + (t.rstrip("0").rstrip(".") if k else t)


def _salida(x: Fraction) -> Fraction:
    """README «Números limpios»: at most 10 decimals and 15 significant digits, half up; from
    10^15 up, the whole number."""
    enteras = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    return oraculo.redondeo(x, max(0, min(10, 15 - enteras)))


# --- the 2017 oracle ----------------------------------------------------------------------


@dataclass
class Cifra:
    """One población of one kind (personas or áreas de enfoque) of one raw row."""

    valor: Fraction | None = None  # the figure the row gives; None: none, or not decided by it
    dicho: tuple[str, ...] = ()  # what one part of the output's nota must say (a judgement)
    celdas: tuple = ()  # the raw cells, for the messages
    elegida: bool = False  # the total is the importer's choice: its nota must name it

    def __str__(self) -> str:
        celdas = "/".join("" if c is None else str(c) for c in self.celdas)
        return f"[{celdas}]" + (f" (nota: {' … '.join(self.dicho)})" if self.dicho else "")

    @property
    def hay(self) -> bool:
        return self.valor is not None or bool(self.dicho)


def _personas(h, m, i, sigla: str) -> Cifra:
    """hombres, mujeres, indistinto → the total the cells give, and what needs saying."""
    celdas = (h, m, i)
    if any(isinstance(c, str) for c in celdas):  # text in a number cell: quoted in the nota
        return Cifra(dicho=tuple(c for c in celdas if isinstance(c, str)), celdas=celdas)
    if h is None and m is None:
        return Cifra(valor=i, celdas=celdas)
    if h is not None and m is not None and (i is None or h + m == i):
        return Cifra(valor=h + m, celdas=celdas)
    if i is None:  # one sex alone: the figure, and the nota says which one it is
        return Cifra(valor=h or m, dicho=(f"{sigla}: ", "hombres" if m is None else "mujeres"))
    # hombres + mujeres against an indistinto they do not equal: which is the total is the
    # importer's rule (README «El total de personas»); the nota must name the cells
    partes = tuple(_es(x) for x in celdas if x is not None)
    return Cifra(dicho=(f"{sigla}: ", *partes), celdas=celdas, elegida=True)


@dataclass
class Fila:
    archivo: str
    linea: int
    ramo: int
    clave: str
    apoyo: str | None  # 2017: the name of a component of its own; 2018–2020: none to match
    cifras: dict[str, dict[str, Cifra]]  # kind ("personas", "areas") → población → Cifra
    textos: list[str] = field(default_factory=list)  # text cells no kind holds: a nota quotes them
    omitida: bool = False  # nothing to import (README: a 2018–2020 row without unit nor figures)
    cortes: dict[str, tuple] = field(default_factory=dict)  # sigla → (año, mes) of its cut-off
    unidad: str = ""  # as the row writes it (to tell apart rows whose figures are the same)

    @property
    def quien(self) -> str:
        apoyo = f" «{self.apoyo[:60]}»" if self.apoyo else ""
        return f"{self.archivo}:{self.linea} ({self.ramo}-{self.clave}{apoyo})"


def _corte(row: dict, anio: str, mes: str) -> tuple:
    """A population's cut-off as the row gives it: (year, month), each None where absent."""
    return tuple(int(x) if isinstance(x := _celda(row[c]), Fraction) else x for c in (anio, mes))


def _oraculo17() -> list[Fila]:
    out = []
    for linea, row in _filas(POB17):
        personas, areas = {}, {}
        for campo, sigla in POBLACIONES:
            h, m, i, a = (
                _celda(row[f"Poblacion_{campo}_{d}"])
                for d in ("hombres", "mujeres", "indistinto", "areas_de_enfoque")
            )
            personas[campo] = _personas(h, m, i, sigla)
            texto = (a,) if isinstance(a, str) else ()
            areas[campo] = Cifra(valor=None if texto else a, dicho=texto, celdas=(a,))
        cifras, textos = {}, []
        if any(c.hay for c in personas.values()):
            cifras["personas"] = personas
        if any(c.valor is not None for c in areas.values()):
            cifras["areas"] = areas
        else:  # text where áreas de enfoque go, and none given: some nota of the row quotes it
            textos += [t for c in areas.values() for t in c.dicho]
        apoyo = " ".join(row["Bien,_servicio_o_apoyo"].split())
        ramo = int(Fraction(row["Ramo"]))
        clave = row["Clave_Pp"].strip()
        cortes = {
            "PA": _corte(row, "Año_corte_poblacion_atendida", "Mes_corte_poblacion_atendida"),
            "PP": _corte(row, "Año_corte_poblacion_potencial", "Mes_corte_poblacion_potencial"),
        }
        unidad = " ".join((row["Unidad_medida_PO"] or row["Unidad_medida_PP"]).split())
        fila = Fila(POB17.name, linea, ramo, clave, apoyo, cifras, textos, cortes=cortes)
        fila.unidad = unidad
        out.append(fila)
    return out


# --- an output row against a raw row ------------------------------------------------------------

_FUERA = re.compile(
    r"((?:P[PAO][/, ]*)+)(?:: las del programa| por apoyo, en los componentes siguientes)"
)
_LINEAS = re.compile(r"(\d+) filas[^(;]*\(líneas ([0-9–, ]+)\)")


def _lineas(nota: str | None) -> set[int] | None:
    """The raw lines an output row says it stands for («las mismas cifras en 16 filas (líneas
    427–442)»), None when it names none."""
    m = _LINEAS.search(nota or "")
    if not m:
        return None
    out = _rango(m.group(2))
    assert len(out) == int(m.group(1)), nota
    return out


def _es(x: Fraction) -> str:
    """A figure as the notas print it (es-MX: 1,987; 13,133.88)."""
    return f"{x.numerator:,}" if x.denominator == 1 else f"{Decimal(_decimal(x)):,}"


def _fuera(nota: str, sigla: str) -> bool:
    """The nota says this población is another component's: the program's figures common to
    its rows, or those that vary by apoyo (README «Cifras repetidas»)."""
    return any(sigla in m.group(1) for m in _FUERA.finditer(nota))


def _dicho(nota: str, c: Cifra) -> bool:
    """One part of the nota says what the raw cells called for."""
    primero, *resto = c.dicho
    if not primero.endswith(": "):  # a text cell: quoted
        return all(t in nota for t in c.dicho)
    return any(p.startswith(primero) and all(t in p for t in resto) for p in nota.split("; "))


def _estado(o: dict, campo: str, sigla: str, c: Cifra) -> str:
    """How the output row `o` holds one población of a raw row: «igual» (the same figure, or
    neither has one), «nota» (with the judgement its nota states), «fuera» (its nota says the
    figure is in another component) or «distinta»."""
    ov, nota = _fr(o[campo]), o["nota"] or ""
    fuera = "fuera" if ov is None and _fuera(nota, sigla) else "distinta"
    if c.dicho and not _dicho(nota, c):
        return fuera
    if c.elegida and (ov is None or not re.search(rf"(se usa|=) {re.escape(_es(ov))}\b", nota)):
        return fuera
    if c.valor is not None and ov != c.valor:
        # beyond 15 significant digits a figure is written rounded; the nota keeps it exact
        if ov is None or f"la cifra exacta es {_decimal(c.valor)};" not in nota:
            return fuera
        return "nota"
    if c.valor is None and not c.dicho and ov is not None:
        return "distinta"
    return "nota" if c.dicho else "igual"


@dataclass
class Cotejo:
    """A population file against `cobertura -f json`: what each raw row became."""

    filas: dict[int, set[int]] = field(default_factory=dict)  # raw line → its output rows
    de_salida: dict[int, set[int]] = field(default_factory=dict)  # output row → its raw lines
    problemas: list[str] = field(default_factory=list)
    con_nota: set[int] = field(default_factory=set)  # raw lines a judgement of a nota covers
    calculadas: set[int] = field(default_factory=set)  # raw lines whose PA/PO or PO/PP is checked
    # raw lines whose figures are split between «Población del programa» (those common to the
    # program's rows) and a component by apoyo, each saying where the other ones are
    repartidas: set[int] = field(default_factory=set)
    tipo_de: dict[int, str] = field(default_factory=dict)  # output row → kind of its figures


_COCIENTES = (
    ("cobertura_pct", ("atendida", "PA"), ("objetivo", "PO")),
    ("po_pp_pct", ("objetivo", "PO"), ("potencial", "PP")),
)


def _cociente(cot: Cotejo, fila: Fila, tipo: str, o: dict, cif: dict, estados: dict) -> None:
    """PA/PO and PO/PP of the output row against the raw row's, where it holds both figures."""
    for col, (num, _), (den, _) in _COCIENTES:
        a, b = cif[num].valor, cif[den].valor
        if a is None or b is None or "fuera" in (estados[num], estados[den]):
            continue
        if (_fr(o[num]), _fr(o[den])) != (a, b):
            continue  # (a figure written rounded, its nota says so: not the raw ratio)
        cot.calculadas.add(fila.linea)
        esperado = None if b == 0 else _salida(a / b * CIEN)
        if _fr(o[col]) != esperado:
            cot.problemas.append(
                f"{fila.quien} {tipo}: {col} {o[col]}, el oráculo {_decimal(a)} / {_decimal(b)} "
                f"= {esperado and float(esperado)}"
            )
        if col == "cobertura_pct" and o["mayor_100"] is not (a > b):
            cot.problemas.append(
                f"{fila.quien} {tipo}: mayor_100 {o['mayor_100']}, PA > PO {a > b}"
            )


def _suya(o: dict, fila: Fila) -> bool:
    """An output row may hold this raw row: it names the row's line among those it stands
    for, or, naming none, it is the row's apoyo (README: «Nombre (2)» for an apoyo listed twice,
    «… (áreas de enfoque)» for the áreas of a row that also gives persons)."""
    lineas = _lineas(o["nota"])
    if lineas is not None:
        return fila.linea in lineas
    if fila.apoyo is None:
        return True
    nombre = re.escape(fila.apoyo or "(sin nombre de apoyo)")
    return (
        re.fullmatch(nombre + r"(?: \(\d+\))?(?: \(áreas de enfoque\))?", o["componente"])
        is not None
    )


def _pareo(grafo: dict) -> dict:
    """A maximum matching of a bipartite graph (node → its candidates): candidate → node."""
    de: dict = {}

    def aumentar(nodo, vistos: set) -> bool:
        for c in grafo[nodo]:
            if c not in vistos:
                vistos.add(c)
                if c not in de or aumentar(de[c], vistos):
                    de[c] = nodo
                    return True
        return False

    for nodo in grafo:
        aumentar(nodo, set())
    return de


def _preferidas(ns: set[int], salida: list[dict], fila: Fila, tipo: str) -> set[int]:
    """Of the rows naming no lines that could hold a raw row, those its kind and unit point
    to, when some do (a row's persons and áreas may be the same numbers, 47-U011 line 3037;
    two apoyos of one name, the same figures and other units, 8-U017 lines 417–418)."""
    for prefiere in (
        lambda o: o["componente"].endswith(" (áreas de enfoque)") == (tipo == "areas"),
        lambda o: o["unidad_medida"].casefold() == fila.unidad.casefold() or tipo == "areas",
    ):
        ns = {n for n in ns if prefiere(salida[n])} or ns
    return ns


def _tipo(cot: Cotejo, salida: list[dict], n: int, tipo: str) -> None:
    """The kind of an output row: áreas de enfoque where its name says so (README: the áreas of
    a row that gives persons too), else the first kind of raw figures it holds (a row's persons
    and áreas may be the same numbers: 8-S259)."""
    areas = (salida[n]["componente"] or "").endswith(" (áreas de enfoque)")
    cot.tipo_de.setdefault(n, "areas" if areas else tipo)


def _cotejar(filas: list[Fila], salida: list[dict]) -> Cotejo:
    """Each raw row against the output rows of its program.

    An output row that names the raw lines it stands for («las mismas cifras en N filas
    (líneas …)») must hold exactly those rows' figures; one that names none must be the figures
    of exactly one raw row (its apoyo). Every figure of every raw row must be in one of them.
    """
    cot = Cotejo()
    por_programa: dict[tuple[int, str], list[int]] = {}
    for n, o in enumerate(salida):
        if o["componente"] is not None:  # (a program's total: checked apart)
            por_programa.setdefault((o["ramo"], o["clave"]), []).append(n)
            cot.de_salida[n] = set()
    libres: dict[tuple[int, str], set[int]] = {}  # (line, kind) → rows naming no lines
    for fila in (f for f in filas if not f.omitida):
        candidatas = [
            n for n in por_programa.get((fila.ramo, fila.clave), []) if _suya(salida[n], fila)
        ]
        cot.filas[fila.linea] = set()
        if not fila.cifras:  # no figure at all: a component of its own, every figure ND
            libres[(fila.linea, "")] = {
                n for n in candidatas if all(salida[n][c] is None for c, _ in POBLACIONES)
            }
        for tipo, cif in fila.cifras.items():
            tienen: dict[int, set[str]] = {}
            for n in candidatas:
                o = salida[n]
                estados = {c: _estado(o, c, s, cif[c]) for c, s in POBLACIONES}
                tiene = {c for c, e in estados.items() if e != "fuera" and cif[c].hay}
                if "distinta" in estados.values() or not tiene:
                    continue
                tienen[n] = tiene
                if "nota" in estados.values():
                    cot.con_nota.add(fila.linea)
                if "fuera" in estados.values():
                    cot.repartidas.add(fila.linea)
                _cociente(cot, fila, tipo, o, cif, estados)
            # a row named in a group's nota is that group's; what the group does not hold
            # (figures by apoyo) is in a row of its own
            nombradas = {n for n in tienen if _lineas(salida[n]["nota"]) is not None}
            en_grupo = set().union(*(tienen[n] for n in nombradas))
            propias = {n for n in tienen if n not in nombradas and tienen[n] - en_grupo}
            for n in nombradas:
                cot.filas[fila.linea].add(n)
                cot.de_salida[n].add(fila.linea)
                _tipo(cot, salida, n, tipo)
            if propias:
                libres[(fila.linea, tipo)] = _preferidas(propias, salida, fila, tipo)
            faltan = {c for c, _ in POBLACIONES if cif[c].hay} - set().union(*tienen.values())
            if faltan:
                cot.problemas.append(
                    f"{fila.quien} {tipo}: ningún componente tiene {', '.join(sorted(faltan))} "
                    f"({'; '.join(f'{s} {cif[c]}' for c, s in POBLACIONES)})"
                )
    # an output row that names no lines is one raw row's: rows that could be several of them
    # (an apoyo listed twice, «Nombre (2)») are paired one to one
    de = _pareo({k: sorted(v) for k, v in libres.items()})
    for n, (linea, tipo) in de.items():
        cot.filas[linea].add(n)
        cot.de_salida[n].add(linea)
        _tipo(cot, salida, n, tipo)
    for (linea, tipo), v in libres.items():
        if not any(de.get(n) == (linea, tipo) for n in v):
            cot.problemas.append(f"{filas[0].archivo}:{linea} {tipo}: sin componente propio")
    for fila in (f for f in filas if not f.omitida):
        for t in fila.textos:
            if not any(t in (salida[n]["nota"] or "") for n in cot.filas[fila.linea]):
                cot.problemas.append(f"{fila.quien}: ninguna nota cita «{t}»")
            cot.con_nota.add(fila.linea)
        if not cot.filas[fila.linea]:
            cot.problemas.append(f"{fila.quien}: en ningún componente")
    for n, lineas in cot.de_salida.items():
        o = salida[n]
        dice = _lineas(o["nota"])
        if (dice is None and len(lineas) != 1) or (dice is not None and dice != lineas):
            cot.problemas.append(
                f"{o['ramo']}-{o['clave']} «{o['componente'][:60]}»: filas {sorted(lineas)}, "
                f"su nota dice {sorted(dice) if dice else 'ninguna'}"
            )
    return cot


_EN_OTROS = re.compile(
    r"(P[PAO](?:/P[PAO])*): las? mismas? cifras? que en las? líneas? ([0-9–, ]+) "
    r"\(otros? componentes? del programa\)"
)


def _rango(texto: str) -> set[int]:
    """«91–93, 99» → {91, 92, 93, 99}."""
    out: set[int] = set()
    for trozo in texto.split(","):
        a, _, b = trozo.strip().partition("–")
        out.update(range(int(a), int(b or a) + 1))
    return out


def _en_otros(filas: list[Fila], cot: Cotejo, salida: list[dict]) -> int:
    """The same cells of a población in raw rows that are different output rows of a program
    (12-E040 2017: PP 5,784,134 and PO 1,938,790 on 4 of its 8 apoyos, each with its own PA;
    15-U281 2020: PO 122 on line 159, cut in March, and on 156/163, cut in June):
    each output row says so, naming the other rows' lines; none says it where it is not so.
    Returns how many output rows say it."""
    de_linea = {f.linea: f for f in filas}
    grupos: dict[tuple, list[int]] = {}
    for n, lineas in cot.de_salida.items():
        o, tipo = salida[n], cot.tipo_de.get(n, "")
        for campo, _ in POBLACIONES:
            if o[campo] is not None and tipo:
                celdas = de_linea[min(lineas)].cifras[tipo][campo].celdas
                grupos.setdefault((o["ramo"], o["clave"], tipo, campo, celdas), []).append(n)
    esperado: dict[int, dict[str, set[int]]] = {}
    for (*_, campo, _), ns in grupos.items():
        for n in ns if len(ns) > 1 else []:
            otras = set().union(*(cot.de_salida[m] for m in ns if m != n))
            esperado.setdefault(n, {})[dict(POBLACIONES)[campo]] = otras
    dicho: dict[int, dict[str, set[int]]] = {}
    for n in cot.de_salida:
        for m in _EN_OTROS.finditer(salida[n]["nota"] or ""):
            for sigla in m.group(1).split("/"):
                dicho.setdefault(n, {})[sigla] = _rango(m.group(2))
    assert dicho == esperado, [
        (salida[n]["clave"], salida[n]["componente"][:40], dicho.get(n), esperado.get(n))
        for n in set(dicho) | set(esperado)
        if dicho.get(n) != esperado.get(n)
    ][:5]
    return len(dicho)


# --- the 2018–2020 oracle (PO only) -------------------------------------------------------------

_PROGRAMA = re.compile(r"\s*([A-Z]\d{3})\b")  # «U013 Vertiente 2» is U013 (README)


def _oraculo20() -> list[Fila]:
    out = []
    for linea, row in _filas(POB20):
        po, programada = _celda(row["Cuantificación"]), _celda(row["Cuantificación 2020"])
        texto = (po,) if isinstance(po, str) else ()
        cif = {
            "potencial": Cifra(),
            "objetivo": Cifra(valor=None if texto else po, dicho=texto, celdas=(po,)),
            "atendida": Cifra(),
        }
        vacia = not row["Unidad de medida"].strip() and po is None and programada is None
        clave = _PROGRAMA.match(row["Programa (Pp)"]).group(1)
        cifras = {"personas": cif} if cif["objetivo"].hay else {}
        ramo, cortes = int(row["Ramo"]), {"PO": _corte(row, "Año de corte", "Mes de corte")}
        out.append(Fila(POB20.name, linea, ramo, clave, None, cifras, omitida=vacia, cortes=cortes))
    return out


# --- conservation: raw rows = imported + reported -------------------------------------------


def _conservacion(filas: list[Fila], cot: Cotejo, out: str, err: str) -> dict[str, int]:
    """Every raw row is in some output row, or stderr names its line as skipped with a reason;
    the summary's counts are those."""
    archivo = filas[0].archivo
    m = re.search(rf"{re.escape(archivo)}: ([\d,]+) filas leídas, ([\d,]+) importadas?\.", out)
    leidas, importadas = (int(x.replace(",", "")) for x in m.groups())
    m = re.search(r"Filas omitidas: ([\d,]+) \((.+?): [\d,]+\)\.", out)
    omitidas, razon = (int(m.group(1).replace(",", "")), m.group(2)) if m else (0, None)
    avisadas = (
        {int(n) for n in re.findall(rf"{re.escape(archivo)}:(\d+): [^\n]*{razon}", err)}
        if razon
        else set()
    )
    en_salida = {linea for linea, suyas in cot.filas.items() if suyas}
    assert {f.linea for f in filas if f.omitida} == avisadas
    assert {f.linea for f in filas} == en_salida | avisadas and not en_salida & avisadas
    assert (leidas, importadas, omitidas) == (len(filas), len(en_salida), len(avisadas))
    return {"filas": leidas, "importadas": importadas, "omitidas": omitidas}


def _totales(filas: list[Fila], cot: Cotejo, salida: list[dict]) -> tuple[int, int]:
    """A program's total row is a sum, and its nota says so: each figure is the sum of its
    components of that unit, where all of them give it; and a sum of figures the raw rows
    give at different cut-offs says it mixes them (11-E064 2020: PO of April 2020 and of
    December 2019). (totals, totals mixing cut-offs)"""
    de_linea = {f.linea: f for f in filas}
    totales = mezclan = 0
    for t in (o for o in salida if o["componente"] is None):
        totales += 1
        assert (t["nota"] or "").startswith("total de componentes: "), t
        partes = [
            n
            for n, o in enumerate(salida)
            if (o["ramo"], o["clave"], o["anio"]) == (t["ramo"], t["clave"], t["anio"])
            and o["componente"] is not None
        ]
        assert {salida[n]["unidad_medida"] for n in partes} == {t["unidad_medida"]}
        for campo, sigla in POBLACIONES:
            valores = [_fr(salida[n][campo]) for n in partes]
            suma = None if None in valores else sum(valores, Fraction(0))
            assert _fr(t[campo]) == suma, (t["ramo"], t["clave"], campo)
            cortes = {
                de_linea[linea].cortes.get(sigla) for n in partes for linea in cot.de_salida[n]
            }
            dicho = f"{sigla} de componentes con cortes distintos: " in t["nota"]
            assert dicho == (suma is not None and len(cortes) > 1), (t["clave"], sigla, cortes)
            mezclan += dicho
    return totales, mezclan


# --- the tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def p17(tmp_path_factory):
    """poblaciones_2017.csv imported whole with the real CLI, and its `cobertura`."""
    carpeta = tmp_path_factory.mktemp("p17") / "specs"
    out, err = _importar("poblaciones", POB17, carpeta)
    return out, err, _json("cobertura", "--specs", str(carpeta))


@pytest.fixture(scope="module")
def p20(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("p20") / "specs"
    out, err = _importar("poblaciones", POB20, carpeta)
    return out, err, _json("cobertura", "--specs", str(carpeta))


def test_poblaciones_2017_cada_fila(p17):
    out, err, salida = p17
    filas = _oraculo17()
    cot = _cotejar(filas, salida)
    assert cot.problemas == []
    cuentas = _conservacion(filas, cot, out, err)
    # (the counts the README gives)
    assert cuentas == {"filas": 2313, "importadas": 2313, "omitidas": 0}
    cuentas = (len(cot.calculadas), len(cot.con_nota), len(cot.repartidas))
    assert cuentas == (2146, 335, 113)
    assert _totales(filas, cot, salida) == (7, 1)  # (11-S243: PP of March 2014 and Oct. 2017)
    assert _en_otros(filas, cot, salida) == 53


def test_poblaciones_2020_cada_fila(p20):
    out, err, salida = p20
    filas = _oraculo20()
    cot = _cotejar(filas, salida)
    assert cot.problemas == []
    assert all(o["anio"] == 2020 and o["potencial"] is o["atendida"] is None for o in salida)
    cuentas = _conservacion(filas, cot, out, err)
    assert cuentas == {"filas": 219, "importadas": 214, "omitidas": 5}
    assert len(cot.con_nota) == 2
    assert _totales(filas, cot, salida) == (8, 4)  # (11-E064 and U281 of ramos 11, 12, 48)
    # (15-U281: PO 122 cut in March, line 159, and in June, 156/163; PO 5 on 154/161 and 157)
    assert _en_otros(filas, cot, salida) == 4


# --- avance de indicadores: meta, valor, cumplimiento, rango, semáforo --------------------------


@dataclass
class Indicador:
    linea: int
    llave: tuple  # (ramo, clave, año, indicador) as the outputs give them
    meta: Fraction | None
    valor: Fraction | None
    sentido: str
    verde: Fraction | None
    rojo: Fraction | None

    @property
    def cumplimiento(self) -> Fraction | None:
        return oraculo.cumplimiento(self.meta, self.valor, self.sentido)

    @property
    def semaforo(self) -> str | None:
        return oraculo.semaforo(self.valor, self.verde, self.rojo, self.sentido)


def _primera(row: dict, *columnas: str) -> Fraction | None:
    return next((v for c in columnas if (v := _celda(row[c])) is not None), None)


def _oraculo_avance() -> list[Indicador]:
    """SOURCES.md: the year's target is META_AJUSTADA_CP, else META_AJUSTADA, else META; the
    achieved value AVANCE_CP, else the last filled AVANCE_MES{m} (year-to-date)."""
    out = []
    for linea, row in _filas(AVANCE, "latin-1"):
        clave = row["MODALIDAD_PP"].replace(" ", "")  # «E 001» → E001
        llave = (
            int(Fraction(row["ID_RAMO"])),
            clave,
            int(row["CICLO"]),
            row["DESC_INDICADOR"].strip(),
        )
        meses = [f"AVANCE_MES{m}" for m in range(12, 0, -1)]
        out.append(
            Indicador(
                linea,
                llave,
                _primera(row, "META_AJUSTADA_CP", "META_AJUSTADA", "META"),
                _primera(row, "AVANCE_CP", *meses),
                row["SENTIDO"].strip().lower(),
                _celda(row["UMBRAL_VERDE"]),
                _celda(row["UMBRAL_ROJO"]),
            )
        )
    return out


@pytest.fixture(scope="module")
def avance(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("avance") / "specs"
    out, err = _importar("avance", AVANCE, carpeta)
    specs = ("--specs", str(carpeta))
    return out, {c: _json(c, *specs) for c in ("cumplimiento", "tendencias", "alertas")}


def _por_llave(salida: list[dict]) -> dict[tuple, dict]:
    out = {(o["ramo"], o["clave"], o["anio"], o["indicador"]): o for o in salida}
    assert len(out) == len(salida)
    return out


def test_avance_cada_fila(avance):
    out, salidas = avance
    filas = _oraculo_avance()
    assert len(filas) == 12 and "12 filas leídas, 12 importadas." in out
    for comando in ("cumplimiento", "tendencias"):
        salida = _por_llave(salidas[comando])
        assert set(salida) == {f.llave for f in filas}, comando
        for f in filas:
            o = salida[f.llave]
            cump = f.cumplimiento
            assert (_fr(o["meta"]), _fr(o["valor"])) == (f.meta, f.valor), (comando, f.linea)
            assert _fr(o["cumplimiento_pct"]) == (cump and _salida(cump)), (comando, f.linea)
            assert o["rango"] == oraculo.rango(cump), (comando, f.linea)
            assert o["semaforo"] == f.semaforo, (comando, f.linea)
            assert o["valor_estado"] == (None if f.valor is not None else "ND")
    # alertas: where the indicator has SHCP's semáforo, it decides «meta no alcanzada»
    # (Rojo: alta, Amarillo: media; README «alertas»)
    metas = {
        (a["ramo"], a["clave"], a["anio_hasta"], a["indicador"]): a
        for a in salidas["alertas"]
        if a["regla"] == "meta_no_alcanzada"
    }
    esperadas = {
        f.llave: {"Rojo": "alta", "Amarillo": "media"}[f.semaforo]
        for f in filas
        if f.semaforo in ("Rojo", "Amarillo")
        or (f.semaforo is None and f.cumplimiento is not None and f.cumplimiento < 90)
    }
    assert {k: a["severidad"] for k, a in metas.items()} == esperadas
    assert all(a["semaforo"] == "Rojo" for a in metas.values())
    colores = [f.semaforo for f in filas]
    assert (colores.count("Verde"), colores.count("Rojo"), colores.count(None)) == (10, 1, 1)


# --- ISeD: RESULTADO_ISED as written, its band by the dictionary's rule ---------------------------


def _bandas() -> list[tuple[Fraction, Fraction, bool, str]]:
    """ised_diccionario.csv: «[0,0.2) = Bajo, …, [0.8, 1] = Alto» as (from, to, to included,
    band). The file writes one bound «0,6»: a decimal comma, as its neighbours show."""
    (texto,) = (r["Descripción"] for _, r in _filas(DICCIONARIO) if r["Columna"] == "***")
    bandas = [
        (Fraction(a), Fraction(b.replace(",", ".")), cierre == "]", nombre.strip())
        for a, b, cierre, nombre in re.findall(r"\[([^,\]]+),\s*([^)\]]+)([)\]]) = ([^,.]+)", texto)
    ]
    assert [b[3] for b in bandas] == ["Bajo", "Medio bajo", "Medio", "Medio alto", "Alto"]
    assert all(x[1] == y[0] for x, y in pairwise(bandas)) and bandas[-1][1:3] == (1, True)
    return bandas


def _banda(x: Fraction, bandas) -> str | None:
    return next(
        (n for a, b, cerrada, n in bandas if a <= x and (x < b or (cerrada and x == b))), None
    )


def test_ised_cada_fila(tmp_path):
    carpeta = tmp_path / "specs"
    out, _ = _importar("ised", ISED, carpeta, "--anio", "2020")
    salida = _json("monitoreo", "--indice", "ised", "--specs", str(carpeta))
    filas = _filas(ISED)
    assert f"{len(filas)} filas leídas, {len(filas)} importadas." in out
    por_programa = {(o["ramo"], o["clave"]): o for o in salida}
    assert len(por_programa) == len(salida) == len(filas) == 535
    bandas, difieren = _bandas(), []
    for linea, row in filas:
        o = por_programa.pop((int(Fraction(row["ID_RAMO"])), row["Pp"].strip()))
        valor = Fraction(row["RESULTADO_ISED"])
        nivel = _banda(valor, bandas)
        publicado = row["RESULTADO_ISED_CUALITATIVO"].strip()
        if (o["anio"], _fr(o["valor"]), o["nivel"], o["nivel_publicado"], o["coincide"]) != (
            2020,
            valor,
            nivel,
            publicado,
            nivel == publicado,
        ):
            difieren.append((linea, row["CVE_Pp"], row["RESULTADO_ISED"], publicado, o))
    assert difieren == [] and por_programa == {}
