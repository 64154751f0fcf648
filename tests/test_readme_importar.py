"""The README's import sequence, run as written in an empty folder, prints what the README
shows (summaries, the ISeD table) and its last step works (no ambiguous clave)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
SHCP = SHARED / "data" / "shcp"


@pytest.mark.skipif(not SHCP.is_dir(), reason="SHCP's open data (../shared) not present")
def test_readme_import_sequence_is_real(cli, tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for nombre in (
        "poblaciones_2017.csv",
        "poblaciones_2020.csv",
        "avance_indicadores_muestra.csv",
        "ised_2019_2020.csv",
    ):
        shutil.copy(SHCP / nombre, tmp_path / nombre)
    monkeypatch.chdir(tmp_path)
    pasos = [
        "importar poblaciones poblaciones_2017.csv --ramo 51 --salida nuevas",
        "importar poblaciones poblaciones_2020.csv --salida nuevas",
        "importar avance avance_indicadores_muestra.csv --salida nuevas",
        "importar ised ised_2019_2020.csv --anio 2020 --ramo 51 --salida nuevas",
    ]
    for paso in pasos:
        assert f"$ issste-mon {paso}\n" in readme
        r = cli(*paso.split())
        assert r.code == 0, r.err
        programas = next(x for x in r.out.splitlines() if x.startswith("Programas:"))
        # the summary the README shows right after this command
        bloque = readme[readme.index(f"$ issste-mon {paso}\n") :]
        assert programas == next(x for x in bloque.splitlines() if x.startswith("Programas:"))
        for aviso in (x for x in r.err.splitlines() if x.startswith("aviso: ")):
            assert f"\n{aviso}\n" in bloque, aviso  # each one as the README shows it
        if paso == pasos[0]:  # the table the README shows of what this step wrote
            _cobertura_de_lo_importado(cli, readme)
        if paso == pasos[2]:
            _cumplimiento_de_lo_importado(cli, readme)
    orden = "monitoreo --indice ised --specs nuevas 51-E018 51-E043 51-E044 -f markdown"
    assert f"$ issste-mon {orden}\n" in readme
    r = cli(*orden.split())
    assert r.code == 0, r.err
    filas = [x for x in r.out.splitlines() if x.startswith("| E0")]
    assert len(filas) == 3 and all(f in readme for f in filas)
    assert "0.794695481" in filas[0]  # the value as SHCP wrote it
    pie = r.out.strip().splitlines()[-1]  # the caption: which methodology, which source
    assert "ised_2019_2020.csv" in pie and f"\n{pie}\n" in readme


def _cobertura_de_lo_importado(cli, readme: str) -> None:
    """`cobertura … --specs nuevas -f markdown`: its stderr in the console block, its table
    (without the «### …» title) right below it, as the command writes them."""
    orden = "cobertura E018 E036 E045 --anio 2017 --specs nuevas -f markdown"
    inicio = readme.index(f"$ issste-mon {orden}")
    bloque, _, debajo = readme[inicio:].partition("```\n")
    r = cli(*orden.split())
    assert r.code == 0, r.err
    for linea in r.err.splitlines():
        assert f"\n{linea}\n" in bloque, linea
    tabla = r.out.split("\n\n")[1]
    assert debajo.lstrip("\n").startswith(tabla + "\n"), r.out


def _cumplimiento_de_lo_importado(cli, readme: str) -> None:
    """`cumplimiento 9-U001 --specs nuevas -f tsv | cut -f1-5,8-11`, as the README shows it:
    the folder's avisos, the row and the summary."""
    orden = "cumplimiento 9-U001 --specs nuevas -f tsv"
    bloque = readme[readme.index(f"$ issste-mon {orden} | cut -f1-5,8-11\n") :]
    muestra = bloque.split("\n", 1)[1].split("\n$ ", 1)[0].splitlines()
    r = cli(*orden.split())
    assert r.code == 0, r.err
    avisos, resumen = r.err.splitlines()[:-1], r.err.splitlines()[-1]
    filas = ["\t".join(f[:5] + f[7:11]) for f in (x.split("\t") for x in r.out.splitlines())]
    assert avisos + filas + [resumen] == muestra
