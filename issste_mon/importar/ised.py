"""SHCP's ISeD results (Índice de Seguimiento al Desempeño) → `ised.<edición>` of each program:
RESULTADO_ISED as `valor` and RESULTADO_ISED_CUALITATIVO as `publicado.nivel`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from issste_mon import vocab
from issste_mon.importar import anio_archivo, fuente
from issste_mon.importar.comun import (
    Filtro,
    Lote,
    NoNumero,
    ProgramaNuevo,
    con_filas,
    doc_base,
    numero_nota,
    programa_de,
    texto,
)
from issste_mon.modelo import Faltante

T_REPETIDO = "programa repetido idéntico: se omite"
_FALTANTES = {f.value for f in Faltante}  # ND, NA
T_TRUNCADA = "cifra con más de 15 cifras significativas: se escribe truncada, con nota"
REQUERIDAS = ["ID_RAMO", "Pp", "DESC_Pp", "RESULTADO_ISED", "RESULTADO_ISED_CUALITATIVO"]


def leer(lectura: fuente.Lectura, edicion: int | None, filtro: Filtro) -> Lote:
    """`edicion` None: the one the file's name gives (ised_2019_2020.csv: 2020); a name that
    gives another than `edicion` is an error, as in poblaciones."""
    _, filas = lectura.abrir(REQUERIDAS, "el archivo de resultados del ISeD")
    lote = Lote(lectura.nombre)
    if edicion is None:
        edicion = anio_archivo.anio_de(lectura.archivo, periodo=True)
        if edicion is None:
            raise anio_archivo.sin_anio(lectura.archivo, "el año de la edición del ISeD", "edicion")
    else:
        consecuencia = "el ISeD quedaría en otra edición"
        anio_archivo.revisar(
            lote.fuente, lectura.archivo, edicion, "edicion", consecuencia, "edición"
        )
    return con_filas(mapear(fuente.contar_malas(filas, lote), edicion, filtro, lote))


def mapear(filas: Iterable[tuple[int, dict]], edicion: int, filtro: Filtro, lote: Lote) -> Lote:
    vistas: dict[tuple[int, str], tuple[int, dict]] = {}  # program → (its line, its entry)
    for linea, row in filas:
        lote.filas += 1
        ident = programa_de(row, linea, lote, "ID_RAMO", "Pp", filtro, "CVE_Pp")
        if ident is None:
            continue
        ramo, clave = ident
        celda = texto(row.get("RESULTADO_ISED"))
        try:
            if celda is not None and celda.upper() in _FALTANTES:
                # SHCP's «no disponible» / «no aplica» is the spec's own: the edition and its
                # published level are kept, as with an empty cell
                valor, redondeada = celda.upper(), None
            else:
                # truncated, not rounded: its band is SHCP's of the exact value
                valor, redondeada = numero_nota(celda, "RESULTADO_ISED", True)
        except NoNumero as exc:
            lote.omitir("RESULTADO_ISED no es un número")
            lote.aviso(linea, f'{ramo}-{clave}: RESULTADO_ISED "{exc}" no es un número')
            continue
        entrada: dict = {"valor": valor if valor is not None else "ND"}
        notas = []
        if redondeada:  # the exact value stays on the edition
            notas.append(redondeada)
            lote.aviso(linea, f"{ramo}-{clave}: {redondeada}", T_TRUNCADA, "cifras")
        banda = texto(row.get("RESULTADO_ISED_CUALITATIVO"))
        if banda:
            canon = vocab.NIVEL_ISED.match(banda)
            if canon is None:  # kept as written, like avance's <campo>_shcp
                entrada["nivel_shcp"] = banda
                notas.append(
                    f"nivel publicado «{banda}» desconocido (se esperaba "
                    f"{vocab.NIVEL_ISED.describe()}): se guarda tal cual en nivel_shcp"
                )
                lote.aviso(
                    linea,
                    f'{ramo}-{clave}: nivel ISeD desconocido "{banda}"; se guarda en nivel_shcp',
                )
            else:
                entrada["publicado"] = {"nivel": canon}
        if notas:
            entrada["nota"] = "; ".join(notas)
        doc = doc_base(ramo, clave, row, {"dependencia": "DESC_RAMO", "nombre": "DESC_Pp"})
        if (ramo, clave) in lote.programas:
            primera, antes = vistas[(ramo, clave)]
            if lote.conflicto(primera, linea, f"{ramo}-{clave}", antes, {**doc, **entrada}):
                lote.omitir("programa repetido con otros valores (conflicto)")
            else:
                lote.omitir("programa repetido idéntico")
                lote.aviso(
                    linea, f"{ramo}-{clave}: igual a la línea {primera}; se omite", T_REPETIDO
                )
            continue
        vistas[(ramo, clave)] = (linea, {**doc, **entrada})
        # where the figure comes from, on the figure (the file's header comment is not read)
        entrada["fuente"] = f"SHCP, datos abiertos: ISeD {edicion} ({PurePath(lote.fuente).name})"
        doc["ised"] = {edicion: entrada}
        lote.programas[(ramo, clave)] = ProgramaNuevo(ramo, clave, doc)
    return lote
