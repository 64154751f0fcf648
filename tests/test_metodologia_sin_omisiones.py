"""A methodology key the outputs use is not filled in by the code in silence, and «meta no
alcanzada» never disagrees with the rango unsaid."""

from __future__ import annotations

import json

import pytest

from issste_mon import metodologia

TEXTO = open(metodologia.default_path(), encoding="utf-8").read()


def _sin(texto: str, inicio: str, fin: str | None) -> str:
    """The bundled methodology with the lines from `inicio` up to `fin` (None: the end) deleted."""
    i = texto.index(inicio)
    return texto[:i] + (texto[texto.index(fin, i + len(inicio)) :] if fin else "\n")


def _archivo(tmp_path, texto: str):
    path = tmp_path / "m.yaml"
    path.write_text(texto, encoding="utf-8")
    return path


# --- 1: a key the outputs use, left out, is an error (not the code's default in silence) ------


@pytest.mark.parametrize(
    ("inicio", "fin", "campo"),
    [
        # used to give the meta modificada, with «descansa en: meta modificada» and no file
        # saying so
        ("  meta:\n", "  rango:\n", "cumplimiento.meta: falta (es obligatoria)"),
        # used to mark PA/PO above 100 %, a threshold no file gave
        ("\ncobertura:\n", "\ninmonitoreo:\n", "cobertura: falta (es obligatoria)"),
        # used to print «5 (56%)» with 0 decimals from the code
        ("\nconteos:\n", "\nsemaforo_shcp:\n", "conteos: falta (es obligatoria)"),
        # used to read the Diagnóstico's attribute against Propósito, from the code
        ("\ndiagnostico:\n", None, "diagnostico: falta (es obligatoria)"),
        (
            "    decimales: 3\n",
            "    confianza: inferido\n",
            "inmonitoreo.agregacion.decimales: falta (es obligatoria)",
        ),
        (
            "    usar_semaforo_shcp: true",
            "    severidad: alta",
            "alertas.meta_no_alcanzada.usar_semaforo_shcp: falta (es obligatoria)",
        ),
        (
            "    severidad_amarillo: media",
            '    confianza: publicado\n    fuente: "«se espera',
            "alertas.meta_no_alcanzada.severidad_amarillo: falta (es obligatoria)",
        ),
    ],
)
def test_a_key_the_outputs_use_cannot_be_left_out(cli, tmp_path, inicio, fin, campo):
    path = _archivo(tmp_path, _sin(TEXTO, inicio, fin))
    r = cli("cumplimiento", "E045", "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err, r
    lineas = r.err.splitlines()
    assert len(lineas) == 1 and lineas[0].startswith(f"{path}:") and campo in lineas[0], lineas


def test_a_section_that_only_switches_a_command_off_may_be_left_out(cli, tmp_path):
    # without `alertas` the command says so (exit 2); the other commands run
    path = _archivo(tmp_path, _sin(TEXTO, "\nalertas:\n", "\ndiagnostico:\n"))
    assert cli("cumplimiento", "E045", "-f", "tsv", "--metodologia", str(path)).code == 0
    r = cli("alertas", "--metodologia", str(path))
    assert r.code == 2 and "no define reglas de alertas" in r.err


# --- 2: «meta no alcanzada» is the rango Bajo ------------------------------------------------


@pytest.mark.parametrize(
    ("viejo", "nuevo", "dice"),
    [
        # rango moved, the alert not: E048 2023 (94.75 %) was «Bajo» and not alerted
        ("inferior: 90", "inferior: 95", "90 difiere de cumplimiento.rango.inferior (95)"),
        # the alert moved, the rango not: a row at 92 % «Adecuado» and «meta no alcanzada»
        (
            "cumplimiento_menor_a: 90 ",
            "cumplimiento_menor_a: 95 ",
            "95 difiere de cumplimiento.rango.inferior (90)",
        ),
    ],
)
def test_the_alert_threshold_and_the_band_edge_cannot_disagree(cli, tmp_path, viejo, nuevo, dice):
    path = _archivo(tmp_path, TEXTO.replace(viejo, nuevo, 1))
    r = cli("alertas", "-f", "tsv", "--metodologia", str(path))
    assert r.code == 2 and r.out == "", r
    (linea,) = r.err.splitlines()
    assert (
        linea.startswith(f"{path}:")
        and ": alertas.meta_no_alcanzada.cumplimiento_menor_a: " in linea
    )
    assert dice in linea and "rango Bajo" in linea


def test_both_moved_together_is_one_band(cli, tmp_path):
    texto = TEXTO.replace("inferior: 90", "inferior: 95", 1).replace(
        "cumplimiento_menor_a: 90 ", "cumplimiento_menor_a: 95 ", 1
    )
    path = _archivo(tmp_path, texto)
    r = cli("alertas", "-r", "meta_no_alcanzada", "-f", "json", "--metodologia", str(path))
    assert r.code == 0, r.err
    assert "E048" in {a["clave"] for a in json.loads(r.out)}  # 94.75 % < 95
