"""The library leaves the interpreter as it found it, and answers the same in any legal state.

As a notebook or a web service embedding `issste_mon` sees it: every public function, on the
bundled specs, a spec with avisos, one with errors, with and without the cache, another
methodology and the specs imported from SHCP's open data, the error paths included, writes
nothing to the file descriptors 1 and 2, raises no SystemExit and changes no process-wide
state (`_estado`). And under a caller's hostile but legal state (few decimal digits with
Inexact trapped, warnings as errors, numpy raising, other pandas options, umask, an
unwritable cwd, a TMPDIR that does not exist) the tables are byte for byte the default ones.
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import gc
import io
import locale
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, SHARED

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir
from issste_mon.importar.escritura import LOCK
from issste_mon.salida import procedencia, xlsx
from issste_mon.salida.archivo import escribir_atomico
from issste_mon.salida.formatos import Formato
from issste_mon.salida.render import render

SHCP = SHARED / "data" / "shcp"
pytestmark = pytest.mark.skipif(not SHCP.is_dir(), reason=f"SHCP data not available: {SHCP}")

CONSULTAS = [n for n in im.__all__ if n not in ("cargar", "cargar_metodologia", "__version__")]
CONSULTAS = [n for n in CONSULTAS if n[0].islower() and not n.startswith("importar")]
SIN_METODOLOGIA = ("programas", "presupuesto")


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _opciones_pandas(opciones=None, prefijo: str = "") -> dict:
    """Every pandas option (display, mode, future, compute, io…) with its value."""
    out = {}
    with warnings.catch_warnings():  # (reading a deprecated option warns)
        warnings.simplefilter("ignore")
        opciones = pd.options if opciones is None else opciones
        for k in dir(opciones):
            v = getattr(opciones, k)
            if type(v) is type(pd.options):  # (a group: display.…)
                out.update(_opciones_pandas(v, f"{prefijo}{k}."))
            else:
                out[prefijo + k] = repr(v)
    return out


def _descriptores() -> dict[str, str]:
    out = {}
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            out[fd] = os.readlink(f"/proc/self/fd/{fd}")
    return out


def _estado() -> dict:
    """Everything process-wide a library could change behind its caller's back."""
    ctx = decimal.getcontext()
    return {
        "decimal": (ctx, ctx.prec, ctx.rounding, ctx.Emin, ctx.Emax, ctx.capitals, ctx.clamp),
        "decimal.traps": dict(ctx.traps),
        "decimal.flags": dict(ctx.flags),
        "decimal.DefaultContext": repr(decimal.DefaultContext),
        "gc": (gc.isenabled(), gc.get_threshold(), gc.get_debug()),
        "gc.freeze": gc.get_freeze_count(),
        "gc.callbacks": list(gc.callbacks),
        "warnings": (list(warnings.filters), warnings.showwarning, warnings.formatwarning),
        "sys": (sys.getrecursionlimit(), sys.get_int_max_str_digits(), sys.getswitchinterval()),
        "sys.hooks": (sys.gettrace(), sys.getprofile(), sys.excepthook, sys.displayhook),
        "sys.hooks2": (sys.unraisablehook, sys.breakpointhook, threading.excepthook),
        "streams": (sys.stdout, sys.stderr, sys.stdin),
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "umask": _umask(),
        "locale": locale.setlocale(locale.LC_ALL),
        "signals": {
            s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGPIPE, signal.SIGTERM)
        },
        "numpy": (np.geterr(), np.get_printoptions()),
        "pandas": _opciones_pandas(),
        "logging": (list(logging.root.handlers), logging.root.level, logging.lastResort),
        "sys.path": (list(sys.path), list(sys.meta_path), list(sys.path_hooks)),
        "random": random.getstate(),
        "hilos": sorted(t.name for t in threading.enumerate()),
        "descriptores": _descriptores(),
        "tempfile.tempdir": tempfile.tempdir,
        "csv": (csv.field_size_limit(), csv.list_dialects()),
    }


def _cambios(antes: dict, despues: dict) -> dict:
    """What differs; of the file descriptors, those opened (a collection during the run may
    close one an earlier test left to the garbage collector: not this run's doing)."""
    cambios = {k: v for k, v in despues.items() if v != antes[k]}
    if despues["gc.freeze"] < antes["gc.freeze"]:  # (frozen by the CLI in an earlier test, and
        del cambios["gc.freeze"]  # freed since: only gc.freeze() makes the count grow)
    abiertos = {
        fd: r for fd, r in despues["descriptores"].items() if antes["descriptores"].get(fd) != r
    }
    if abiertos:
        cambios["descriptores"] = abiertos
    else:
        cambios.pop("descriptores", None)
    if antes["tempfile.tempdir"] is None:  # (the stdlib's cache, filled on first use: openpyxl
        cambios.pop("tempfile.tempdir", None)  # writes the xlsx sheets to temporary files)
    return cambios


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The bundled specs, one with an aviso and one with an error, another methodology."""
    b = tmp_path_factory.mktemp("estado")
    shutil.copytree(bundled_specs_dir(), b / "specs")
    e045 = (b / "specs" / "E045.yaml").read_text(encoding="utf-8")
    (b / "avisos").mkdir()
    (b / "avisos" / "E045.yaml").write_text(e045 + "campo_raro: 1\n", encoding="utf-8")
    (b / "errores").mkdir()
    malo = e045.replace("atendida: 744939 ", "atendida: -5 ", 1)
    assert malo != e045
    (b / "errores" / "E045.yaml").write_text(malo, encoding="utf-8")
    (b / "malo.yaml").write_bytes(b"clave: [E045\n")
    met = (REPO / "issste_mon" / "data" / "metodologia.yaml").read_text(encoding="utf-8")
    espejo = met.replace("valor: inversa ", "valor: espejo  ", 1)
    assert espejo != met
    (b / "espejo.yaml").write_text(espejo, encoding="utf-8")
    return b


def _texto(t) -> str:
    """A table as `-f csv` writes it, and its records and DataFrame as text."""
    if isinstance(t, im.Verificacion):
        return t.resumen + _texto(t.tabla)
    out = io.StringIO()
    render(t, Formato.csv, out)
    return out.getvalue() + repr(t.to_records()) + t.to_dataframe().to_csv()


def _intento(respuestas: dict, nombre: str, llamada) -> None:
    """The answer of `llamada` as text, or the library's error: its class and message."""
    try:
        respuestas[nombre] = llamada()
    except im.ErrorIssste as exc:
        respuestas[nombre] = f"{type(exc).__name__}: {exc}"


def _consultas(r: dict, nombre: str, specs, **kw) -> None:
    for consulta in CONSULTAS:
        f = getattr(im, consulta)
        args = {k: v for k, v in kw.items() if consulta not in SIN_METODOLOGIA}
        _intento(r, f"{nombre} {consulta}", lambda f=f, a=args: _texto(f(specs, **a)))
    _intento(
        r,
        f"{nombre} por partes",
        lambda: (
            _texto(im.cumplimiento(specs, por_partes=True, **kw))
            + _texto(im.tendencias(specs, por_partes=True, **kw))
        ),
    )
    _intento(r, f"{nombre} mejoras", lambda: _texto(im.alertas(specs, mejoras=True, **kw)))
    _intento(r, f"{nombre} año", lambda: _texto(im.cobertura(specs, "E045", anio=1990)))
    _intento(r, f"{nombre} clave", lambda: _texto(im.cobertura(specs, "NOTACLAVE")))


def _ejercicio(base: Path, rapido: bool = False) -> dict[str, object]:
    """Every public function on every kind of input: what each answered, as text (and the
    bytes of each file the importers wrote). `rapido`: the bundled specs' queries once."""
    r: dict[str, object] = {}
    cache = base / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    entorno = {"ISSSTE_MON_CACHE_DIR": str(cache), "ISSSTE_MON_SIN_CACHE": None}
    with _entorno(entorno):
        specs = im.cargar(base / "specs")
        _consultas(r, "incluidas", specs)
        r["cache fría"] = repr(im.cargar(base / "specs", cache=True).programas)
        caliente = im.cargar(base / "specs", cache=True)
        if not rapido:
            _consultas(r, "caché", caliente)
        _consultas(r, "espejo", caliente, metodologia=im.cargar_metodologia(base / "espejo.yaml"))
        r["metodología"] = repr(im.cargar_metodologia())
        for cache_ in (False, True):
            r[f"avisos {cache_}"] = repr(im.cargar(base / "avisos", cache=cache_).avisos)
            _intento(r, f"errores {cache_}", lambda c=cache_: im.cargar(base / "errores", cache=c))
        for ruta in ("malo.yaml", "no-existe"):
            _intento(r, f"cargar {ruta}", lambda ruta=ruta: im.cargar(base / ruta))
            _intento(r, f"met {ruta}", lambda ruta=ruta: im.cargar_metodologia(base / ruta))
        with _entorno({"ISSSTE_MON_SIN_CACHE": "1"}):
            r["sin caché"] = repr(im.cargar(base / "specs", cache=True).programas)
        r["xlsx"] = xlsx.libro([im.cobertura(specs)], procedencia.de(specs))
        r.update(_importaciones(base / "importadas"))
        if not rapido:
            _consultas(r, "importadas", im.cargar(base / "importadas"))
    return r


def _importaciones(salida: Path) -> dict[str, object]:
    r: dict[str, object] = {}
    shutil.rmtree(salida, ignore_errors=True)
    llamadas = {
        "poblaciones": lambda: im.importar_poblaciones(
            SHCP / "poblaciones_2017.csv", salida=salida, ramo=[11, 51]
        ),
        "ised": lambda: im.importar_ised(
            SHCP / "ised_2019_2020.csv", salida=salida, edicion=2020, ramo=51
        ),
        "avance": lambda: im.importar_avance(
            SHCP / "avance_indicadores_muestra.csv", salida=salida
        ),
        "simular": lambda: im.importar_avance(
            SHCP / "avance_indicadores_muestra.csv", salida=salida / "x", simular=True
        ),
        "no existe": lambda: im.importar_avance(salida / "no.csv", salida=salida / "x"),
        "mal archivo": lambda: im.importar_ised(
            SHCP / "SOURCES.md", salida=salida / "x", edicion=2020
        ),
        "mal año": lambda: im.importar_ised(
            SHCP / "ised_2019_2020.csv", salida=salida / "x", edicion=1800
        ),
    }
    for nombre, llamada in llamadas.items():
        _intento(
            r,
            f"importar {nombre}",
            lambda f=llamada: (
                repr((h := f()).avisos) + repr(h.conflictos) + repr(len(h.plan.acciones))
            ),
        )
    for p in sorted(salida.rglob("*")):
        if p.is_file() and p.name != LOCK:
            r[f"archivo {p.relative_to(salida)}"] = p.read_bytes()
    return r


@contextlib.contextmanager
def _entorno(cambios: dict[str, str | None]):
    antes = {k: os.environ.get(k) for k in cambios}
    try:
        for k, v in cambios.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in antes.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def referencia(base):
    return _ejercicio(base, rapido=True)


def test_the_library_leaves_the_interpreter_as_it_found_it(base, referencia, capfd):
    """Nothing printed (at the file-descriptor level, so a C extension or a subprocess
    writing to fd 1 counts), no SystemExit, and `_estado` unchanged: the importers left
    `csv.field_size_limit()` at 2**31 − 1 for the caller's own CSV reading, and a file whose
    header they refused open (until a garbage collection found the error's traceback).
    Collection is off during the run, so that such a file is never closed by chance."""
    capfd.readouterr()
    limite = csv.field_size_limit(4096)  # (the caller's own, which an earlier test may have met)
    gc.collect()
    recoge = gc.isenabled()
    gc.disable()
    try:
        antes = _estado()
        try:
            respuestas = _ejercicio(base)
        except BaseException as exc:  # (SystemExit, KeyboardInterrupt: never from the library)
            pytest.fail(f"la biblioteca lanzó {exc!r}")
        despues = _estado()
    finally:
        if recoge:
            gc.enable()
        csv.field_size_limit(limite)
    salida = capfd.readouterr()
    assert (salida.out, salida.err) == ("", "")
    assert _cambios(antes, despues) == {}
    assert {k: v for k, v in respuestas.items() if k in referencia} == referencia
    assert len(respuestas) > 140 and any(k.startswith("archivo 51/") for k in referencia)


@contextlib.contextmanager
def _decimal_hostil():
    with decimal.localcontext(prec=5, rounding=decimal.ROUND_DOWN) as ctx:
        ctx.traps[decimal.Inexact] = ctx.traps[decimal.Rounded] = True
        ctx.traps[decimal.FloatOperation] = True
        ctx.clear_flags()
        yield
        flags = [f.__name__ for f, puesta in ctx.flags.items() if puesta]
        assert flags == [], flags


@contextlib.contextmanager
def _avisos_como_errores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@contextlib.contextmanager
def _opcion_pandas(opcion: str, valor):
    with warnings.catch_warnings():  # (pandas 3 deprecates them: setting one warns)
        warnings.simplefilter("ignore")
        antes = pd.get_option(opcion)
        pd.set_option(opcion, valor)
    try:
        yield
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pd.set_option(opcion, antes)


@contextlib.contextmanager
def _locale(nombre: str):
    antes = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, nombre)
    except locale.Error:
        pytest.skip(f"locale {nombre} no instalado")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_ALL, antes)


@contextlib.contextmanager
def _mascara(m: int):
    antes = os.umask(m)
    try:
        yield
    finally:
        os.umask(antes)


@contextlib.contextmanager
def _carpeta(ruta: str):
    antes = os.getcwd()
    os.chdir(ruta)
    try:
        yield
    finally:
        os.chdir(antes)


@contextlib.contextmanager
def _tmpdir_ausente(base: Path):
    antes = tempfile.tempdir
    tempfile.tempdir = None  # (its cache: TMPDIR is read again)
    try:
        with _entorno({"TMPDIR": str(base / "no-existe")}):
            yield
    finally:
        tempfile.tempdir = antes


# Each a caller's state, some together (fewer runs keep the module fast); pandas 3 takes
# copy-on-write and the str dtype whatever the option says (setting it only warns).
HOSTILES = {
    "decimal: 5 cifras, ROUND_DOWN, Inexact, Rounded y FloatOperation atrapados": lambda b: [
        _decimal_hostil()
    ],
    "warnings.simplefilter('error'), umask 000, cwd /proc (no se puede escribir)": lambda b: [
        _avisos_como_errores(),
        _mascara(0),
        _carpeta("/proc"),
    ],
    "numpy.seterr(all='raise'), pandas sin copy_on_write ni infer_string, locale C.UTF-8, "
    "umask 077, TMPDIR ausente": lambda b: [
        np.errstate(all="raise"),
        _opcion_pandas("mode.copy_on_write", False),
        _opcion_pandas("future.infer_string", False),
        _locale("C.UTF-8"),
        _mascara(0o077),
        _tmpdir_ausente(b),
    ],
}


@pytest.mark.parametrize(
    "hostil",
    HOSTILES,
    ids=["decimal", "warnings-umask000-proc", "numpy-pandas-locale-umask077-tmpdir"],
)
def test_a_hostile_but_legal_state_changes_no_figure(base, referencia, hostil):
    """The caller's state changes no byte of any answer, of any file the importers write:
    the importer of poblaciones summed hombres + mujeres in the caller's context, so 5 digits
    wrote 30807000 for 30,807,951 (and an Inexact trap raised decimal.Inexact)."""
    gc.collect()
    with contextlib.ExitStack() as pila:
        for estado in HOSTILES[hostil](base):
            pila.enter_context(estado)
        antes = _estado()
        respuestas = _ejercicio(base, rapido=True)
        despues = _estado()
    assert {k: v for k, v in respuestas.items() if v != referencia[k]} == {}
    assert _cambios(antes, despues) == {}


def test_the_cwd_changes_no_figure(base, referencia):
    """From a folder above the specs (/) the answers are the same. `verificar`'s `ubicacion`
    was the file relative to the cwd: specs given by an absolute path said
    `tmp/…/E045.yaml:10` from /, against the README («Mismas specs, mismos bytes»: the path
    as written, whatever the folder). (An unwritable cwd, /proc: in HOSTILES.)"""
    with _carpeta("/"):
        respuestas = _ejercicio(base, rapido=True)
    assert {k for k, v in respuestas.items() if v != referencia[k]} == set()


def _modos(carpeta: Path) -> dict[str, int]:
    return {str(p.relative_to(carpeta)): p.stat().st_mode & 0o777 for p in carpeta.rglob("*")}


@pytest.mark.parametrize("mascara", [0o077, 0o000], ids=["077", "000"])
def test_what_the_library_writes_follows_the_umask_which_it_never_sets(
    tmp_path, monkeypatch, mascara
):
    """README «Mismas specs, mismos bytes»: a new file's permissions follow the umask, as in
    any Unix tool (0600 under 077; under 000, 0666: what the caller asked for), the specs
    `importar` writes and their folders too; the cache stays private whatever the umask
    (folders 0700, entries 0600). And the library reads the umask without setting it:
    `os.umask(0)` and back, per file written, made a file another thread created in between
    world-writable."""
    puestas = []
    real = os.umask

    def umask(m):
        puestas.append(m)
        return real(m)

    with _mascara(mascara), _entorno({"ISSSTE_MON_CACHE_DIR": str(tmp_path / "cache")}):
        monkeypatch.setattr(os, "umask", umask)
        im.cargar(bundled_specs_dir(), cache=True)
        im.importar_ised(SHCP / "ised_2019_2020.csv", salida=tmp_path / "i", edicion=2020, ramo=51)
        (tmp_path / "o").mkdir(mode=0o755)
        escribir_atomico(tmp_path / "o" / "t.xlsx", b"x")
        monkeypatch.undo()
    if Path("/proc/self/status").is_file():  # (elsewhere, reading it means setting it)
        assert puestas == []
    cache = _modos(tmp_path / "cache")
    assert len(cache) == 1 + len(list(bundled_specs_dir().glob("*.yaml")))
    assert cache == {k: 0o600 if k.endswith(".json") else 0o700 for k in cache}
    importadas = _modos(tmp_path / "i")
    assert len(importadas) == 2 + 23  # (the lock, the folder 51 and its 23 specs)
    assert importadas == {
        k: 0o777 & ~mascara if k == "51" else 0o666 & ~mascara for k in importadas
    }
    assert (tmp_path / "o" / "t.xlsx").stat().st_mode & 0o777 == 0o666 & ~mascara


_IMPORTAR_EN_CONTEXTO_HOSTIL = """
import decimal, importlib, pkgutil, warnings
c = decimal.getcontext()
c.prec, c.rounding = 5, decimal.ROUND_DOWN
for senal in (decimal.Inexact, decimal.Rounded, decimal.FloatOperation):
    c.traps[senal] = True
warnings.simplefilter("error")
import issste_mon
for m in pkgutil.walk_packages(issste_mon.__path__, "issste_mon."):
    if not m.name.startswith(("issste_mon.cli", "issste_mon.__main__")):
        importlib.import_module(m.name)
print(sorted(f.__name__ for f, puesta in c.flags.items() if puesta))
"""


def test_every_library_module_imports_in_a_hostile_decimal_context():
    """A notebook that sets its decimal context before `import issste_mon` (5 digits, Inexact
    and Rounded trapped): no module computes at import time in it (`Decimal(10) ** 15` at the
    top of the importers' `comun` raised decimal.Rounded on importing `importar_avance`)."""
    r = subprocess.run(
        [sys.executable, "-c", _IMPORTAR_EN_CONTEXTO_HOSTIL],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH")))),
        },
    )
    assert (r.returncode, r.stdout, r.stderr[-2000:]) == (0, "[]\n", "")


def test_the_callers_callbacks_run_in_the_callers_decimal_context(tmp_path):
    """An import computes in a context of its own, but `progreso` and `esperando` are the
    caller's code: they run in the caller's context (its digits, its flags)."""
    vistos = []
    with decimal.localcontext(prec=7) as suyo:
        im.importar_ised(
            SHCP / "ised_2019_2020.csv",
            salida=tmp_path,
            edicion=2020,
            ramo=51,
            progreso=lambda fase, hecho, total: vistos.append((fase, decimal.getcontext())),
        )
    assert {f for f, _ in vistos} == {"lectura", "escritura"}
    assert all(ctx is suyo for _, ctx in vistos)
