"""`importar` from Python: `im.importar_avance`, `im.importar_poblaciones`, `im.importar_ised`
do what the command does, and their errors name their arguments, not the command's options."""

from __future__ import annotations

import pytest
from conftest import SHARED

import issste_mon as im

SHCP = SHARED / "data" / "shcp"
POB = SHCP / "poblaciones_2017.csv"
ISED = SHCP / "ised_2019_2020.csv"
AVANCE = SHCP / "avance_indicadores_muestra.csv"

pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")


def test_the_library_imports_what_the_command_imports(tmp_path, cli):
    hecho = im.importar_ised(ISED, salida=tmp_path / "py", edicion=2020, ramo=51)
    assert isinstance(hecho, im.Importacion) and not hecho.con_hallazgos
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "-r", "51", "-o", str(tmp_path / "c"))
    assert r.code == 0, r.err
    escritos = sorted(p.relative_to(tmp_path / "py") for p in (tmp_path / "py").rglob("*.yaml"))
    assert len(escritos) == len(hecho.lote.programas) == 23
    for rel in escritos:
        assert (tmp_path / "py" / rel).read_bytes() == (tmp_path / "c" / rel).read_bytes()


def test_simular_writes_nothing_and_says_what_it_would(tmp_path):
    hecho = im.importar_avance(AVANCE, salida=tmp_path, simular=True)
    assert hecho.simulada and hecho.plan.acciones and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("llamada", "argumento"),
    [
        (lambda s: im.importar_avance(AVANCE, salida=s, codificacion="nada"), "codificacion"),
        (lambda s: im.importar_poblaciones(s / "pob.csv", salida=s), "anio"),
        (lambda s: im.importar_ised(ISED, salida=s / "x.yaml" / "y", edicion=2020), "salida"),
        (lambda s: im.importar_ised(ISED, salida=s, edicion="2020"), "edicion"),
        (lambda s: im.importar_avance(AVANCE, salida=s, simular="no"), "simular"),
    ],
)
def test_a_bad_argument_is_named_as_python_has_it(tmp_path, llamada, argumento):
    (tmp_path / "x.yaml").write_text("x")
    (tmp_path / "pob.csv").write_bytes(POB.read_bytes())  # a name without its year
    with pytest.raises(im.EntradaInvalida) as exc:
        llamada(tmp_path)
    mensaje = str(exc.value)
    assert f"`{argumento}`" in mensaje and "--" not in mensaje
    assert exc.value.argumentos == (argumento,)


def test_a_source_the_library_cannot_read_names_the_argument(tmp_path):
    mala = tmp_path / "ised_2019_2020.csv"
    texto = ISED.read_text(encoding="utf-8").splitlines()
    mala.write_text("\n".join([*texto[:3], texto[3] + ",extra", *texto[4:]]), encoding="utf-8")
    with pytest.raises(im.SpecError) as exc:
        im.importar_ised(mala, salida=tmp_path / "out", edicion=2020)
    assert "`omitir_filas_malas` la omite y la cuenta" in str(exc.value)
    assert "--" not in str(exc.value)


def test_the_command_still_names_its_options(tmp_path, cli):
    (tmp_path / "x.yaml").write_text("x")
    r = cli("importar", "avance", str(AVANCE), "--codificacion", "nada", "-o", str(tmp_path))
    assert r.code == 2
    assert r.err.startswith('error: --codificacion: codificación desconocida "nada"')
    r = cli("importar", "ised", str(ISED), "--anio", "2020", "-o", str(tmp_path / "x.yaml"))
    assert r.code == 2 and r.err == f"error: --salida {tmp_path / 'x.yaml'} no es una carpeta\n"
    mala = tmp_path / "ised_2019_2020.csv"
    texto = ISED.read_text(encoding="utf-8").splitlines()
    mala.write_text("\n".join([*texto[:3], texto[3] + ",extra", *texto[4:]]), encoding="utf-8")
    r = cli("importar", "ised", str(mala), "--anio", "2020", "-o", str(tmp_path / "out"))
    assert r.code == 2 and "; --omitir-filas-malas la omite y la cuenta" in r.err
    assert "`" not in r.err


def test_the_report_names_arguments_and_the_command_its_options(tmp_path, cli):
    """What the library reports (rows left out, avisos) names its arguments; the command
    prints the same report with its own options."""
    hecho = im.importar_avance(AVANCE, salida=tmp_path / "py", ramo=4, simular=True)
    motivos = list(hecho.lote.omitidas)
    assert "fuera del filtro (`ramo`/`anio`/`clave`)" in motivos
    informe = [*motivos, *hecho.lote.lineas_de_aviso(), *map(str, hecho.lote.conflictos)]
    assert not [t for t in informe if "--" in t]
    r = cli("importar", "avance", str(AVANCE), "-r", "4", "--simular", "-o", str(tmp_path / "c"))
    assert r.code == 0, r.err
    assert "fuera del filtro (--ramo/--anio/--clave)" in r.out
    assert "`" not in r.out + r.err
