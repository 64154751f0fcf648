"""An unknown key names the nearest key valid at its place («¿quiso decir «meta_modificada»?»),
in `validar`, under `--estricto` and in every command's avisos, from a cold or a warm cache."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from issste_mon.carga import loader
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from tests.conftest import spec_e045

E045 = bundled_specs_dir() / "E045.yaml"
META = "        meta: 543.35\n        valor: 622.06\n"
PO = "    objetivo: 784969 "


@pytest.mark.parametrize(
    ("viejo", "nuevo", "esperado"),
    [
        (
            META,
            "        meta: 543.35\n        meta_modificda: 600\n        valor: 622.06\n",
            "E045.yaml:69:9: mir[0].metas.2017.meta_modificda: aviso: clave desconocida; "
            "¿quiso decir «meta_modificada»?",
        ),
        (  # case only: that key, not a guess
            META,
            "        Meta: 543.35\n        valor: 622.06\n",
            "E045.yaml:68:9: mir[0].metas.2017.Meta: aviso: clave desconocida; "
            "¿quiso decir «meta»?",
        ),
        (
            PO,
            "    poblacion_objetivo: 784969 ",
            "E045.yaml:20:5: poblaciones.2017.poblacion_objetivo: aviso: clave desconocida; "
            "¿quiso decir «objetivo»?",
        ),
        (  # only the keys of that place: `meta_modificada` is a key of a meta, not of a year
            PO,
            "    objetivo: 784969\n    meta_modificda: 1 ",
            "E045.yaml:21:5: poblaciones.2017.meta_modificda: aviso: clave desconocida\n",
        ),
        (  # nothing near: the bare aviso
            PO,
            "    objetivo: 784969\n    zzqx: 1 ",
            "E045.yaml:21:5: poblaciones.2017.zzqx: aviso: clave desconocida\n",
        ),
    ],
    ids=["errata", "mayusculas", "nombre-largo", "otro-lugar", "sin-parecida"],
)
def test_unknown_key_suggests_the_nearest_key_of_its_place(
    cli, tmp_path, cache_dir, viejo, nuevo, esperado
):
    folder = spec_e045(tmp_path, viejo, nuevo)
    frio = cli("validar", folder)
    assert frio.code == 0 and esperado in frio.err, frio.err
    assert list((cache_dir / "specs").iterdir())  # stored: the next run is a hit
    tibio = cli("validar", folder)
    assert tibio.err == frio.err


def test_a_warm_run_prints_the_suggestion_without_parsing(cli, tmp_path, cache_dir, monkeypatch):
    folder = spec_e045(tmp_path, PO, "    poblacion_objetivo: 784969 ")
    sugerencia = "poblacion_objetivo: aviso: clave desconocida; ¿quiso decir «objetivo»?"
    frio = cli("cobertura", "E045", "--specs", folder, "-f", "csv")
    assert frio.code == 0 and sugerencia in frio.err, frio.err

    def sin_parsear(*args):
        raise AssertionError("la spec se parseó de nuevo: no era un acierto de la caché")

    monkeypatch.setattr(loader, "load_text", sin_parsear)
    tibio = cli("cobertura", "E045", "--specs", folder, "-f", "csv")
    assert (tibio.code, tibio.out, tibio.err) == (frio.code, frio.out, frio.err)


def test_under_estricto_the_suggestion_is_an_error(cli, tmp_path, cache_dir):
    folder = spec_e045(tmp_path, META, "        Meta: 543.35\n        valor: 622.06\n")
    for _ in ("frío", "tibio"):
        r = cli("validar", "--estricto", folder)
        assert r.code == 2
        linea = "E045.yaml:68:9: mir[0].metas.2017.Meta: clave desconocida; ¿quiso decir «meta»?"
        assert linea in r.err and "aviso:" not in r.err, r.err


def test_the_library_reports_the_suggestion(tmp_path):
    folder = spec_e045(
        tmp_path, META, "        meta: 543.35\n        meta_modificda: 600\n        valor: 622.06\n"
    )
    (aviso,) = load_paths([folder]).avisos
    assert (aviso.keypath, aviso.severity, aviso.notable) == (
        "mir[0].metas.2017.meta_modificda",
        "aviso",
        True,
    )
    assert aviso.message == "clave desconocida; ¿quiso decir «meta_modificada»?"


def test_difflib_is_imported_only_for_an_unknown_key(tmp_path):
    """Start-up budget: a spec set with no unknown key never imports difflib."""
    limpia = tmp_path / "limpia"
    limpia.mkdir()
    shutil.copy(E045, limpia)
    codigo = (
        "import sys; from issste_mon.carga.loader import load_paths; "
        f"load_paths([{str(limpia)!r}]); print('difflib' in sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"
