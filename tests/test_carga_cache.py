"""The parsed-spec cache: hits, invalidation, corrupt or stale entries, and the serial layer."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from issste_mon import modelo
from issste_mon.carga import cache, loader, serial
from issste_mon.carga.loader import bundled_specs_dir, load_paths
from issste_mon.modelo import Faltante, MetaAnual
from issste_mon.modelo.metas import MetasEnColumnas
from tests.conftest import REPO, forjar, solo_con_libyaml

OLD = int(time.time()) - 3600  # an hour back: stat data the cache must not trust


@pytest.fixture
def specs_dir(tmp_path):
    """A copy of the bundled specs, dated an hour back."""
    dst = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), dst)
    for f in dst.iterdir():
        os.utime(f, (OLD, OLD))
    return dst


@pytest.fixture
def parses(monkeypatch):
    """Names of the files actually parsed (not served from the cache)."""
    seen: list[str] = []
    real = loader.load_text

    def counting(text, filename, stem):
        seen.append(os.path.basename(filename))
        return real(text, filename, stem)

    monkeypatch.setattr(loader, "load_text", counting)
    return seen


def entries(cache_dir):
    return sorted((cache_dir / "specs").glob("*.json"))


def test_second_load_is_served_from_the_cache_and_equal(cache_dir, specs_dir, parses):
    first = load_paths([str(specs_dir)], cache=True)
    assert len(parses) == 12 and len(entries(cache_dir)) == 12
    parses.clear()
    second = load_paths([str(specs_dir)], cache=True)
    assert parses == []
    assert second == first
    e045 = next(p for p in second.programas if p.clave == "E045")
    assert e045.poblaciones[0].objetivo == 784969 and e045.poblaciones[0].atendida == 744939


def test_editing_one_file_reparses_only_that_file(cache_dir, specs_dir, parses):
    load_paths([str(specs_dir)], cache=True)
    parses.clear()
    path = specs_dir / "E045.yaml"
    path.write_text(path.read_text().replace("objetivo: 784969", "objetivo: 784970"))
    os.utime(path, (OLD + 5, OLD + 5))
    specs = load_paths([str(specs_dir)], cache=True)
    assert parses == ["E045.yaml"]
    e045 = next(p for p in specs.programas if p.clave == "E045")
    assert e045.poblaciones[0].objetivo == 784970
    parses.clear()
    load_paths([str(specs_dir)], cache=True)
    assert parses == []  # the new version was stored


def test_touching_a_file_without_changing_it_is_still_a_hit(cache_dir, specs_dir, parses):
    load_paths([str(specs_dir)], cache=True)
    parses.clear()
    os.utime(specs_dir / "E048.yaml", (OLD + 1, OLD + 1))
    load_paths([str(specs_dir)], cache=True)
    assert parses == []  # the key is the content, not the date


def _same_size_edit(path):
    """E045's atendida 744,939 → 111,111: same size, a different figure."""
    text = path.read_text(encoding="utf-8")
    assert "atendida: 744939" in text
    return text.replace("atendida: 744939", "atendida: 111111")


def _restamp(path, st):
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("how", ["mismo-mtime", "cp-p", "inodo-reusado", "tar-x"])
def test_same_size_edit_with_old_stat_data_is_never_served_stale(
    cache_dir, specs_dir, tmp_path, cli, how
):
    """The stale-cache cases of issue 14: size, mtime (and inode) as before, bytes changed."""
    import subprocess
    import tarfile

    path = specs_dir / "E045.yaml"
    before = cli("cobertura", "E045", "--specs", str(specs_dir), "-f", "csv")
    assert before.code == 0 and "744939" in before.out and "94.90" in before.out
    st = path.stat()
    edited = _same_size_edit(path)
    if how == "mismo-mtime":  # an editor or script that writes in place and restores the time
        path.write_text(edited, encoding="utf-8")
        _restamp(path, st)
    elif how == "cp-p":
        other = tmp_path / "nuevo.yaml"
        other.write_text(edited, encoding="utf-8")
        _restamp(other, st)
        subprocess.run(["cp", "-p", str(other), str(path)], check=True)
    elif how == "inodo-reusado":  # delete and recreate: the freed inode is often reused
        path.unlink()
        path.write_text(edited, encoding="utf-8")
        _restamp(path, st)
    else:  # tar x of an archive whose member carries the old size and mtime
        other = tmp_path / "E045.yaml"
        other.write_text(edited, encoding="utf-8")
        _restamp(other, st)
        archive = tmp_path / "specs.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(other, arcname="E045.yaml")
        subprocess.run(["tar", "xf", str(archive), "-C", str(specs_dir)], check=True)
    now = path.stat()
    assert (now.st_size, now.st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    after = cli("cobertura", "E045", "--specs", str(specs_dir), "-f", "csv")
    assert after.code == 0
    assert "111111" in after.out and "744939" not in after.out
    assert "14.15" in after.out and "94.90" not in after.out  # 111,111 / 784,969


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"not json\n{}",
        lambda raw: raw.replace(b"784969", b"784968"),  # same shape, one figure changed
        lambda raw: raw.split(b"\n")[0] + b"\n" + json.dumps(["Programa", [1, 2]]).encode(),
        lambda raw: b'{"version": 1}\n[]',
    ],
    ids=["vacío", "truncado", "no-json", "cifra-alterada", "esquema", "cabecera"],
)
def test_a_corrupt_entry_is_never_trusted_and_is_rebuilt(cache_dir, specs_dir, parses, damage):
    path = specs_dir / "E045.yaml"
    first = load_paths([str(path)], cache=True)
    (entry,) = entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    parses.clear()
    again = load_paths([str(path)], cache=True)
    assert parses == ["E045.yaml"] and again == first
    parses.clear()
    load_paths([str(path)], cache=True)
    assert parses == []  # rewritten whole


def test_a_well_formed_entry_with_a_wrong_schema_is_a_miss(cache_dir, specs_dir, parses):
    """Even with a matching header and CRC, a body of the wrong shape is not used."""
    import zlib

    path = specs_dir / "E045.yaml"
    first = load_paths([str(path)], cache=True)
    (entry,) = entries(cache_dir)
    header = json.loads(entry.read_bytes().split(b"\n")[0])
    for body in (b'{"registro": ["Programa", [1]], "avisos": []}', b"[1, 2]", b'{"x": 1}'):
        header["crc"] = zlib.crc32(body)
        entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
        parses.clear()
        assert load_paths([str(path)], cache=True) == first
        assert parses == ["E045.yaml"]


@pytest.mark.parametrize(
    "cambio",
    [
        (rb'"anio":[2017,', rb'"anio":[2016,2017,'),  # a row no indicator has
        (
            rb'"anio":[2017,',
            rb'"anio":[2017,2014,2015,2016,2017],"x":[1,',
        ),  # a field MetaAnual lacks
        (rb'"anio":[2017,2014,2015,2016,2017]', rb'"anio":[2017,2014,2015,2016]'),  # too few
        (rb'"anio":[2017,', rb'"ruta":[7,7,7,7,7],"anio":[2017,'),  # a keypath that is not one
        (rb'"anio":[2017,', rb'"faltantes":{"publicado":[[0,"ND"]]},"anio":[2017,'),  # ND: text?
        (rb'"anio":[2017,', rb'"faltantes":{"valor":[[-1,"ND"]]},"anio":[2017,'),  # row -1
        (rb'"anio":[2017,', rb'"faltantes":{"valor":[[1,"ND"]]},"anio":[2017,'),  # over a number
        (rb'"publicado":[[0,', rb'"publicado":[[-5,'),  # a published figure of row -5
        (rb'"anio":[2017,', rb'"anio":["2017",'),  # a year as text
    ],
    ids=[
        "fila-de-mas",
        "desconocida",
        "filas-de-menos",
        "ruta",
        "faltante-en-texto",
        "faltante-fila-negativa",
        "faltante-sobre-numero",
        "publicado-fila-negativa",
        "anio-texto",
    ],
)
def test_a_damaged_metas_column_is_a_miss(cache_dir, specs_dir, parses, cambio):
    """Metas are stored as one block of columns per program (`serial._enc_mir`): a column that
    does not fit its rows, rows its indicators do not have, or a column that names no MetaAnual
    field (a damaged or foreign entry with a matching CRC) is refused
    when the entry is read, never believed and never left for later."""
    _damaged_entry_is_a_miss(cache_dir, specs_dir, parses, cambio)


POBLACION = rb'"Derechohabientes",null,14756442,784969,744939,'


@pytest.mark.parametrize(
    "cambio",
    [
        (POBLACION, rb'"Derechohabientes",null,true,784969,744939,'),
        (POBLACION, rb'"Derechohabientes",null,[1],784969,744939,'),
        (POBLACION, rb'"Derechohabientes",null,-5,784969,744939,'),
        (POBLACION, rb'"Derechohabientes",null,14756442,-0.5,744939,'),
        (POBLACION, rb'"Derechohabientes",null,14756442,784969,"744939",'),
        (POBLACION, rb'"Derechohabientes",null,14756442,784969,{},'),
        (
            rb'[["poblaciones","2017"],{"cobertura":"94.90 %"},2017,',
            rb'[["poblaciones","2017"],'
            rb'{"cobertura":"94.90 %"},2017.0,',
        ),  # fmt: skip
        (rb'{"cobertura":"94.90 %"},2017,', rb'{"cobertura":"94.90 %"},1492,'),  # año
        (rb'{"cobertura":"94.90 %"}', rb'{"cobertura":94.9}'),  # publicado: texto
        (rb'{"cobertura":"94.90 %"}', rb"[]"),
        (rb"2016,2712.44,213827.7,", rb"2016,-2712.44,213827.7,"),  # presupuesto ejercido
        (rb"2016,2712.44,213827.7,", rb"2016,false,213827.7,"),
        (rb'"ISSSTE",51,2016,2019,', rb'"ISSSTE",51.0,2016,2019,'),  # ramo
        (rb'"ISSSTE",51,2016,2019,', rb'"ISSSTE",true,2016,2019,'),
        (rb'"anual",1,false,', rb'"anual",1,0,'),  # sectorial: booleano
        (rb'"valor":[622.06,', rb'"valor":[true,'),  # metas: columna de números
        (rb'"valor":[622.06,', rb'"valor":["622.06",'),
        (rb'"meta":[543.35,', rb'"meta":[[1],'),
        (rb'"cumplimiento":"114%"', rb'"cumplimiento":114'),  # metas: publicado
        (rb'2016 del Pp E-045"', rb'2016 del Pp E-045",7'),  # evaluación: un campo de más
        (rb"522000.0,", rb"-522000.0,"),  # costo
        (b'program\xc3\xa1tica",null,40]', b'program\xc3\xa1tica",null,-40]'),  # avance
        (rb'"fortalezas":[[', rb'"fortalezas":"x","y":[['),
        (rb'["Programa",["E045",', rb'["Programa",[45,'),  # clave: texto
        (rb'"Prestaciones sociales",', rb'["Prestaciones sociales"],'),  # nombre
        (rb'"ISSSTE",51,2016,2019,', rb"7,51,2016,2019,"),  # dependencia
        (rb'"ISSSTE",51,2016,2019,', rb"{},51,2016,2019,"),
    ],
    ids=[
        "poblacion-true",
        "poblacion-lista",
        "poblacion-negativa",
        "po-negativa",
        "pa-texto",
        "pa-mapeo",
        "anio-flotante",
        "anio-fuera-de-rango",
        "publicado-numero",
        "publicado-lista",
        "ejercido-negativo",
        "ejercido-false",
        "ramo-flotante",
        "ramo-true",
        "sectorial-entero",
        "meta-valor-true",
        "meta-valor-texto",
        "meta-lista",
        "meta-publicado-numero",
        "evaluacion-campo-de-mas",
        "costo-negativo",
        "avance-negativo",
        "fmye-puntos-texto",
        "clave-numero",
        "nombre-lista",
        "dependencia-numero",
        "dependencia-mapeo",
    ],
)
def test_a_value_of_another_type_or_domain_is_a_miss(cache_dir, specs_dir, parses, cambio, cli):
    """Under a matching CRC, a figure the loader never gives its field (YAML would refuse it)
    is a damaged entry: the file is parsed again, never shown as an empty or negative
    figure. So is a text of the file's own record holding anything but a text (a clave 45
    ended `programas` in a traceback, a dependencia 7 ended `ficha` in one; the texts of the
    records inside it are not checked: `serial.TEXTOS_COMPROBADOS`)."""
    path, entry, damaged = _damaged_entry_is_a_miss(cache_dir, specs_dir, parses, cambio)
    entry.write_bytes(damaged)  # and the command shows the figure of the file, not of it
    r = cli("cobertura", "E045", "--specs", str(path), "-f", "csv")
    assert r.code == 0 and "14756442" in r.out.replace(",", "")


def test_another_version_or_format_invalidates(cache_dir, specs_dir, parses, monkeypatch):
    load_paths([str(specs_dir)], cache=True)
    parses.clear()
    monkeypatch.setattr(cache, "__version__", "99.0")
    load_paths([str(specs_dir)], cache=True)
    assert len(parses) == 12
    parses.clear()
    monkeypatch.setattr(cache, "FORMATO", cache.FORMATO + 1)
    load_paths([str(specs_dir)], cache=True)
    assert len(parses) == 12


def test_entries_of_other_loader_code_are_never_served(cache_dir, specs_dir, parses, monkeypatch):
    """The fingerprint is part of every entry's key: under the same version and format, code
    that makes other records (a checkout, a hotfix) parses every file again."""
    load_paths([str(specs_dir)], cache=True)
    parses.clear()
    load_paths([str(specs_dir)], cache=True)
    assert parses == []  # (the same code: served)
    monkeypatch.setattr(cache, "huella", lambda: "otro-codigo")  # (serial.fingerprint, once)
    load_paths([str(specs_dir)], cache=True)
    assert len(parses) == 12


def test_model_change_changes_the_fingerprint(monkeypatch):
    before = serial.fingerprint()

    @dataclasses.dataclass
    class Nuevo:
        x: int

    monkeypatch.setattr(serial.modelo, "Nuevo", Nuevo, raising=False)
    assert serial.fingerprint() != before


def test_the_loader_code_is_in_the_fingerprint(monkeypatch, tmp_path):
    """Entries made by other loader code are never reused, even under the same version number
    (an install from a checkout): the bytes of the code that makes them are in the key."""
    before = serial.fingerprint()
    assert serial._codigo() == serial._codigo()  # (the same code: the same key)
    real = serial._leer_codigo

    def otro_codigo(raiz, h):
        real(raiz, h)
        h.update(b"# one more comment in esquema.py")

    monkeypatch.setattr(serial, "_leer_codigo", otro_codigo)
    assert serial.fingerprint() != before

    # and without the sources, a key no entry can have
    def sin_fuentes(raiz, h):
        raise FileNotFoundError(raiz)

    monkeypatch.setattr(serial, "_leer_codigo", sin_fuentes)
    assert serial.fingerprint() != serial.fingerprint()


def test_the_yaml_parser_is_in_the_fingerprint(tmp_path):
    """Another PyYAML may read, accept or refuse a file differently: its version and its C
    extension are in the key, read from its files as the import would find them."""
    carpeta = tmp_path / "yaml"
    carpeta.mkdir()
    (carpeta / "__init__.py").write_text("__version__ = '6.0.2'\n")
    (carpeta / "_yaml.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\0" * 100)
    base = serial.analizador(str(carpeta))
    assert serial.analizador(str(carpeta)) == base  # (the same parser: the same key)
    (carpeta / "__init__.py").write_text("__version__ = '6.0.3'\n")
    otra_version = serial.analizador(str(carpeta))
    (carpeta / "_yaml.cpython-311-x86_64-linux-gnu.so").unlink()  # PyYAML without libyaml
    sin_libyaml = serial.analizador(str(carpeta))
    assert len({base, otra_version, sin_libyaml, serial.analizador(None)}) == 4
    import yaml  # the folder it finds unaided is the one `import yaml` uses

    assert serial.analizador() == serial.analizador(str(Path(yaml.__file__).parent))


def test_entries_of_another_yaml_parser_are_never_served(cache_dir, specs_dir, parses, monkeypatch):
    load_paths([str(specs_dir)], cache=True)
    parses.clear()
    monkeypatch.setattr(serial, "analizador", lambda carpeta=None: "PyYAML 9.9, sin libyaml")
    monkeypatch.setattr(cache, "_huella", None)  # (computed once per process)
    load_paths([str(specs_dir)], cache=True)
    assert len(parses) == 12


def test_avisos_survive_the_cache_with_the_name_given(cache_dir, specs_dir, cli, monkeypatch):
    path = specs_dir / "E045.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write("clave_que_no_existe: 1\n")  # an aviso, whatever the bundled spec holds
    os.utime(path, (OLD, OLD))
    first = cli("validar", str(path))  # an unknown key: an aviso (an error with --estricto)
    assert first.code == 0 and "aviso" in first.err
    assert len(entries(cache_dir)) == 1
    monkeypatch.chdir(specs_dir)
    second = cli("validar", "E045.yaml")
    assert second.code == 0
    assert second.err == first.err.replace(str(path), "E045.yaml")
    specs = load_paths(["E045.yaml"], cache=True)
    assert specs.programas[0].archivo == "E045.yaml"


def test_invalid_files_are_not_stored_and_fail_every_time(cache_dir, specs_dir, cli):
    bad = specs_dir / "E045.yaml"
    bad.write_text(bad.read_text().replace("potencial: 14756442", "potencial: muchos"))
    os.utime(bad, (OLD, OLD))
    for _ in range(2):
        res = cli("validar", str(bad))
        assert res.code == 2 and "poblaciones.2017.potencial" in res.err
    assert entries(cache_dir) == []


def test_sin_cache_option_and_variable_neither_read_nor_write(
    cache_dir, specs_dir, cli, monkeypatch
):
    args = ("cobertura", "E045", "--specs", str(specs_dir), "-f", "csv")
    assert cli(*args, "--sin-cache").code == 0
    assert not cache_dir.exists()
    monkeypatch.setenv("ISSSTE_MON_SIN_CACHE", "1")
    assert cli(*args).code == 0
    assert not cache_dir.exists()
    monkeypatch.delenv("ISSSTE_MON_SIN_CACHE")
    assert cli(*args).code == 0
    assert len(entries(cache_dir)) == 12
    for command in ("validar", "programas", "cobertura", "cumplimiento", "presupuesto"):
        assert "--sin-cache" in cli(command, "--help").out


def test_an_unusable_cache_location_does_not_stop_a_command(tmp_path, specs_dir, cli, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ISSSTE_MON_CACHE_DIR", str(blocker / "cache"))
    res = cli("cumplimiento", "E045", "--specs", str(specs_dir), "-f", "csv")
    assert res.code == 0 and "E045,51,2017,P1" in res.out


def _forged(entry, old: bytes, new: bytes) -> bytes:
    """The entry with one figure changed and its CRC made right again: what only the CRC
    (which finds damage, not forgery) stands between."""
    import zlib

    head, _, body = entry.read_bytes().partition(b"\n")
    assert old in body
    body = body.replace(old, new)
    header = json.loads(head)
    header["crc"] = zlib.crc32(body)
    return json.dumps(header).encode() + b"\n" + body


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="file owners are a POSIX notion")
def test_an_entry_of_another_user_is_never_read(cache_dir, specs_dir, cli, monkeypatch):
    """A shared or misconfigured cache folder: an entry with a valid header and CRC that
    another account wrote could say any figure. Only this user's own entries are read."""
    args = ("cobertura", "E045", "--specs", str(specs_dir), "-f", "csv")
    assert "14756442" in cli(*args).out
    for entry in entries(cache_dir):
        if b'"E045"' in entry.read_bytes():
            entry.write_bytes(_forged(entry, b"14756442", b"99999999"))
    assert "99999999" in cli(*args).out  # (the forgery is one this user's entry would carry)
    real = os.geteuid
    monkeypatch.setattr(os, "geteuid", lambda: real() + 1)  # every entry: another user's
    out = cli(*args).out
    assert "14756442" in out and "99999999" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_entry_that_is_a_fifo_does_not_block_a_command(cache_dir, specs_dir, tmp_path):
    """A cache problem never stops a command: a FIFO where an entry goes blocked its read
    forever. Run in a child process, so that a hang is a failure, not a stuck test run."""
    import subprocess

    path = specs_dir / "E045.yaml"
    load_paths([str(path)], cache=True)
    (entry,) = entries(cache_dir)
    entry.unlink()
    os.mkfifo(entry)
    env = {**os.environ, "ISSSTE_MON_CACHE_DIR": str(cache_dir)}
    args = [sys.executable, "-m", "issste_mon", "cobertura", "E045", "--specs", str(path)]
    try:
        r = subprocess.run(
            [*args, "-f", "csv"], env=env, capture_output=True, text=True, timeout=120
        )
    except subprocess.TimeoutExpired:
        pytest.fail("la lectura de una entrada que es una FIFO no terminó")
    assert r.returncode == 0 and "14756442" in r.stdout
    assert entry.is_file()  # replaced by a regular entry


def test_a_file_edited_twice_within_one_second_is_read_afresh(cache_dir, specs_dir, parses):
    """The old stat-keyed cache refused to store recent files for this reason; a content key
    makes them safe: each version is its own entry."""
    path = specs_dir / "E045.yaml"
    original = path.read_text(encoding="utf-8")
    for atendida in ("111111", "222222", "744939"):
        path.write_text(original.replace("atendida: 744939", f"atendida: {atendida}"))
        specs = load_paths([str(path)], cache=True)
        assert specs.programas[0].poblaciones[0].atendida == int(atendida)


def test_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("ISSSTE_MON_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "issste-mon"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "issste-mon"


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    """XDG_CACHE_HOME=rel put a cache folder «rel/issste-mon» in whatever folder the command
    ran in (a specs project, a report folder); the XDG spec says to ignore a relative path."""
    monkeypatch.delenv("ISSSTE_MON_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "rel")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "issste-mon"


def test_library_default_does_not_touch_the_cache(cache_dir, specs_dir):
    load_paths([str(specs_dir)])
    assert not cache_dir.exists()


# --- the serial layer -------------------------------------------------------------------------


def _records(specs):
    return [*specs.programas, *specs.dependencias, *specs.derivados]


def _same_types(a, b) -> bool:
    """Equal and of the same types all the way down (1 == 1.0 == True would hide a change);
    the decoder's shared empty dict stands for any empty dict."""
    if type(a) is MetasEnColumnas and type(b) is dict:  # metas as the cache reads them:
        columnas = [  # the columns `cumplimiento` reads, then the records made from them
            _same_types(a.columna(c), [getattr(m, c) for m in b.values()])
            for c in (f.name for f in dataclasses.fields(MetaAnual))
        ]
        return all(columnas) and _same_types(a.copy(), b) and a.columna("anio") is None
    if type(a) is not type(b) and not (a is serial.VACIO and b == {} and type(b) is dict):
        return False
    if dataclasses.is_dataclass(a):
        return all(
            _same_types(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
        )
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_round_trip_of_every_bundled_record(specs):
    for record in _records(specs):
        data = cache.loads(json.dumps(serial.record_to_data(record)))  # as the Store reads
        back = serial.record_from_data(data)
        assert _same_types(back, record) and back == record, record.clave  # (== makes the records)


ND_NA = """\
clave: E999
ramo: 51
nombre: Programa con faltantes
poblaciones:
  2023: {unidad_medida: Personas, potencial: 1000, objetivo: NA, atendida: ND}
mir:
  - id: P1
    nivel: Propósito
    nombre: Indicador
    sentido: descendente
    linea_base: {anio: 2020, valor: ND}
    umbrales: {verde: 1.5, amarillo: NA}
    metas:
      2023: {meta: 10, valor: "nd", meta_modificada: 12.5}
      2024: {meta: NA, valor: 0}
"""


def test_round_trip_keeps_nd_and_na_as_faltante(tmp_path):
    path = tmp_path / "E999.yaml"
    path.write_text(ND_NA, encoding="utf-8")
    (prog,) = load_paths([str(path)]).programas
    back = serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(prog))))
    assert _same_types(back, prog) and back == prog
    assert back.poblaciones[0].atendida is Faltante.ND
    assert back.poblaciones[0].objetivo is Faltante.NA
    assert back.mir[0].linea_base.valor is Faltante.ND
    assert back.mir[0].umbrales == {"verde": 1.5, "amarillo": Faltante.NA, "rojo": None}
    assert back.mir[0].metas[2023].valor is Faltante.ND
    assert back.mir[0].metas[2024].meta is Faltante.NA
    assert list(back.mir[0].metas) == [2023, 2024]
    assert back.mir[0].metas[2023].ruta == ("mir", 0, "metas", "2023")


def test_metas_columns_keep_every_field_and_an_unusual_keypath(tmp_path):
    """Metas travel as columns: every MetaAnual field comes back as it was, year by year —
    ND in a semáforo, a justificación, published figures in one year only, a year beyond the
    shared table — and a record whose keypath is not its indicator's own keeps its own."""
    path = tmp_path / "E999.yaml"
    path.write_text(ND_NA, encoding="utf-8")
    (prog,) = load_paths([str(path)]).programas
    metas = prog.mir[0].metas
    metas[2023].semaforo = {"verde": 95.5, "amarillo": Faltante.ND, "rojo": None}
    metas[2023].justificacion = "Se modificó la meta"
    metas[2024].publicado = {"cumplimiento": "0 %"}
    metas[2150] = MetaAnual(2150, ruta=("otra", 3), meta=1, valor=2.5, numerador=Faltante.NA)
    back = serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(prog))))
    columnas = back.mir[0].metas
    assert type(columnas) is MetasEnColumnas
    assert columnas.columna("anio") == [2023, 2024, 2150]
    assert columnas.columna("numerador")[2] is Faltante.NA
    assert columnas.columna("semaforo")[0]["amarillo"] is Faltante.ND
    assert columnas.columna("ruta")[1:] == [("mir", 0, "metas", "2024"), ("otra", 3)]
    assert _same_types(back, prog) and back == prog
    assert columnas.columna("meta") is None  # the records are made: only they are read now
    assert columnas[2024].semaforo is serial.VACIO


def test_metas_columns_behave_as_the_dict_they_stand_for(tmp_path):
    """Read-only uses make nothing; any write makes the records first and lands in them."""
    path = tmp_path / "E999.yaml"
    path.write_text(ND_NA, encoding="utf-8")
    (prog,) = load_paths([str(path)]).programas
    back = serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(prog))))
    metas, original = back.mir[0].metas, prog.mir[0].metas
    assert (len(metas), list(metas), 2024 in metas, 1999 in metas) == (2, [2023, 2024], True, False)
    assert list(reversed(metas)) == [2024, 2023]
    assert metas.solo(2024).columna("meta") == [Faltante.NA]
    assert metas.columna("valor") == [Faltante.ND, 0]  # nothing made so far
    assert repr(metas) == repr(original) and metas == original and original == metas
    metas[2023].valor = 7.5
    metas[2025] = MetaAnual(2025, meta=3)
    del metas[2024]
    assert list(metas) == [2023, 2025] and metas.get(2023).valor == 7.5
    assert metas.columna("valor") is None and dict(metas.items()) == metas.copy()


def test_metas_columns_make_one_record_when_one_is_asked_for(tmp_path):
    """`metas[year]` makes that year's record only (verificar asks for the years that publish
    a figure); it is the same object once every record is made, and a change made to it is
    what every later reader sees, columns included."""
    from issste_mon.modelo.metas import anios_con, columnas_de

    path = tmp_path / "E999.yaml"
    path.write_text(ND_NA, encoding="utf-8")
    (prog,) = load_paths([str(path)]).programas
    prog.mir[0].metas[2024].publicado = {"cumplimiento": "0 %"}
    back = serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(prog))))
    metas = back.mir[0].metas
    assert anios_con(metas, "publicado") == [2024] and anios_con(metas, "justificacion") == []
    uno = metas[2024]
    assert uno == prog.mir[0].metas[2024] and metas.get(2024) is uno and metas.get(1999) is None
    assert metas.columna("meta") is None  # a record exists: only records are read now
    with pytest.raises(KeyError):
        metas[1999]
    uno.valor = 3.5
    assert columnas_de([metas], ("anio", "valor")) == ([2], [[2023, 2024], [Faltante.ND, 3.5]])
    assert metas[2024] is uno and dict(metas.items())[2024] is uno and metas[2023].meta == 10


def test_columnas_de_reads_any_mix_of_metas_as_their_records_say(tmp_path):
    """`columnas_de` over indicators whose metas are plain dicts (parsed), the cache's empty
    dict, untouched columns, columns with one record made and changed, and columns whose
    records are all made: each field of every year, in order, exactly what the records hold."""
    from issste_mon.modelo.metas import columnas_de

    root = tmp_path / "federal"
    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    generate.generate(root, programas=3, indicadores=5, anios=4, seed=3)
    fria = load_paths([str(root)])
    campos = ("anio", "meta", "meta_modificada", "valor", "semaforo", "publicado")
    serial.compartir()
    leidos = [
        serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(p))))
        for p in load_paths([str(root)]).programas
    ]
    fria.programas[0].mir[1].metas[2014].valor = 99.5  # the same change on both sides:
    leidos[0].mir[1].metas[2014].valor = 99.5  # one record made, then changed
    list(leidos[1].mir[0].metas.values())  # every record made
    mezcla = [ind.metas for p in leidos for ind in p.mir] + [{}, serial.VACIO]
    esperado = [ind.metas for p in fria.programas for ind in p.mir] + [{}, {}]
    assert {type(m).__name__ for m in mezcla} >= {"MetasEnColumnas", "Vacio", "dict"}
    assert columnas_de(mezcla, campos) == columnas_de(esperado, campos)
    cuentas, (anios, _, _, valores, *_) = columnas_de(mezcla, campos)
    assert sum(cuentas) == len(anios) == len(valores) and 99.5 in valores
    with pytest.raises(ValueError):
        columnas_de(mezcla, ("ruta",))


@pytest.mark.parametrize(
    "raro", [float("nan"), float("inf"), 2**70, 2**63 - 1, 10**17, 1e308, 5e-324, -0.0]
)
def test_a_value_the_reader_cannot_take_is_a_miss_never_a_changed_value(tmp_path, raro):
    """Entries are written by `json` and read by `orjson`, which refuses NaN, infinities and
    reads integers beyond 64 bits as floats: such an entry is a miss (None: the file is parsed
    again) — every integer of 19 digits or more, to be safe — and any entry that is served
    holds the very value that was stored."""
    path = tmp_path / "E999.yaml"
    path.write_text(ND_NA, encoding="utf-8")
    (prog,) = load_paths([str(path)]).programas
    prog.mir[0].metas[2023].meta = raro
    store = cache.Store(tmp_path / "cache")
    store.put(str(path), "digest", prog, [])
    hit = store.get(str(path), "digest")
    if hit is not None:
        meta = hit[0].mir[0].metas[2023].meta
        assert repr(meta) == repr(raro) and type(meta) is type(raro)
    if cache.loads is not json.loads:  # orjson: what it refuses is a miss
        largo = isinstance(raro, int) and abs(raro) >= 10**18
        assert (hit is None) == (raro != raro or raro == float("inf") or largo)


@pytest.mark.parametrize("codificar", [True, False], ids=["escribir", "leer"])
def test_an_unknown_field_type_is_refused_not_dropped(codificar):
    @dataclasses.dataclass
    class ConConjunto:
        etiquetas: set[str]

    with pytest.raises(TypeError, match="tipo de campo no previsto"):
        serial._Compiler().compile(ConConjunto, codificar)


def test_decoded_records_share_repeated_values(cache_dir, tmp_path):
    """Memory: a warm load shares what a parse shares (keypaths, years, categories) and one
    read-only empty dict, and stays equal to the parse."""
    root = tmp_path / "federal"
    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    generate.generate(root, programas=4, indicadores=6, anios=3)
    cold = load_paths([str(root)], cache=True)
    warm = load_paths([str(root)], cache=True)
    assert warm == cold
    a, b = warm.programas[0], warm.programas[1]
    assert a.mir[0].ruta is b.mir[0].ruta == ("mir", 0)
    assert a.mir[0].nivel is b.mir[0].nivel == "Fin"
    years_a, years_b = list(a.mir[0].metas), list(b.mir[0].metas)
    assert years_a[0] is years_b[0] == 2013
    empties = [m.semaforo for p in warm.programas for i in p.mir for m in i.metas.values()]
    assert empties and all(e is empties[0] == {} for e in empties)
    with pytest.raises(TypeError):
        empties[0]["verde"] = 1


def test_decoder_fills_slots_only_where_init_only_assigns():
    """Records are made by setting each slot (no __init__ call) only when the dataclass's
    __init__ would do nothing else; the round trips above pin equal values and types."""

    @dataclasses.dataclass(slots=True)
    class ConPost:
        x: int

        def __post_init__(self):
            self.x += 1

    @dataclasses.dataclass(slots=True, frozen=True)
    class Congelada:
        x: int

    @dataclasses.dataclass
    class SinSlots:
        x: int

    @dataclasses.dataclass(slots=True)
    class FueraDeInit:
        x: int
        y: int = dataclasses.field(default=0, init=False)

    assert serial._sin_init(modelo.MetaAnual) and serial._sin_init(modelo.Indicador)
    for cls in (ConPost, Congelada, SinSlots, FueraDeInit):
        assert not serial._sin_init(cls), cls.__name__


@settings(max_examples=500)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**18) + 1, 10**18 - 1)
        ),
        max_size=20,
    )
)
def test_every_number_an_entry_holds_is_read_back_exactly(numeros):
    """What the cache reader (orjson) gives back for the numbers `json` wrote: the very same
    values and types, to the last bit (a float off by one ulp would change a figure)."""
    back = cache.loads(json.dumps(numeros))
    assert [(type(x), repr(x)) for x in back] == [(type(x), repr(x)) for x in numeros]


_NUMERO = st.one_of(
    st.none(),
    st.sampled_from(list(Faltante)),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)
_META = st.fixed_dictionaries(
    {
        "meta": _NUMERO,
        "valor": _NUMERO,
        "meta_modificada": _NUMERO,
        "numerador": _NUMERO,
        "justificacion": st.one_of(st.none(), st.text(max_size=5)),
        "nota": st.one_of(st.none(), st.text(max_size=5)),
        "semaforo": st.one_of(
            st.just({}), st.fixed_dictionaries({"verde": _NUMERO, "rojo": _NUMERO})
        ),
        "publicado": st.one_of(
            st.just({}), st.dictionaries(st.sampled_from(["cumplimiento", "x"]), st.text())
        ),
    }
)


@settings(max_examples=300)
@given(st.lists(st.dictionaries(st.integers(1990, 2200), _META, max_size=4), max_size=5))
def test_any_metas_travel_as_columns_and_come_back_the_same(indicadores):
    """Any metas (numbers, ND/NA, None, semáforos and published figures here and there, years
    beyond the shared table, indicators without metas) survive the block of columns: the
    columns read what the records say, and the records made from them equal the parsed ones,
    type for type."""
    from issste_mon.modelo.metas import columnas_de

    mir = []
    for i, metas in enumerate(indicadores):
        ind = modelo.Indicador(
            ruta=("mir", i), id=f"I{i}", nombre="n", sentido="ascendente", nivel="Fin"
        )
        ind.metas = {
            y: MetaAnual(y, ruta=("mir", i, "metas", str(y)), **campos)
            for y, campos in sorted(metas.items())
        }
        mir.append(ind)
    prog = modelo.Programa(clave="E001", nombre="P", archivo="E001.yaml", ramo=51, mir=mir)
    serial.compartir()
    back = serial.record_from_data(cache.loads(json.dumps(serial.record_to_data(prog))))
    campos = ("anio", "meta", "valor", "meta_modificada", "semaforo", "publicado")
    leidas = columnas_de([ind.metas for ind in back.mir], campos)
    assert leidas == columnas_de([ind.metas for ind in prog.mir], campos)
    assert _same_types(back, prog) and back == prog


def test_the_bounds_an_entry_is_checked_against_are_the_loaders():
    from issste_mon.carga import definiciones as d

    secciones = {
        modelo.Poblacion: d.POBLACION,
        modelo.Presupuesto: d.PRESUPUESTO,
        modelo.Evaluacion: d.EVALUACION,
        modelo.Ised: d.ISED,
    }
    for cls, seccion in secciones.items():
        acotados = {
            c.nombre: (c.minimo or 0, c.maximo)
            for c in seccion.campos
            if c.registro and (c.no_negativo or c.minimo is not None)
        }
        assert serial.LIMITES[cls] == acotados, cls
    assert serial.LIMITES[modelo.Anual] == {"anio": (modelo.ANIO_MIN, modelo.ANIO_MAX)}


def _damaged_entry_is_a_miss(cache_dir, specs_dir, parses, cambio):
    """Change E045's entry by `cambio` (old, new bytes) under a matching CRC: the next load
    parses the file again and gives what it gave. Returns (path, entry, the damaged bytes)."""
    import zlib

    path = specs_dir / "E045.yaml"
    first = load_paths([str(path)], cache=True)
    (entry,) = entries(cache_dir)
    head, _, body = entry.read_bytes().partition(b"\n")
    header = json.loads(head)
    cambiado = body.replace(*cambio, 1)
    assert cambiado != body
    header["crc"] = zlib.crc32(cambiado)
    damaged = json.dumps(header).encode() + b"\n" + cambiado
    entry.write_bytes(damaged)
    parses.clear()
    assert load_paths([str(path)], cache=True) == first
    assert parses == ["E045.yaml"]
    return path, entry, damaged


def test_temp_files_a_killed_write_left_are_swept_by_the_next_writing_run(cache_dir, specs_dir):
    """`kill -9` mid-write leaves a `.tmp-…` file no handler removes: never read, it only took
    space, run after run. The next run that writes an entry removes those older than an hour;
    a recent one (another process writing now) and a directory are left alone."""
    load_paths([str(specs_dir)], cache=True)
    carpeta = cache_dir / "specs"
    viejo, reciente, otra = carpeta / ".tmp-viejo", carpeta / ".tmp-reciente", carpeta / ".tmp-dir"
    viejo.write_bytes(b"{medio")
    reciente.write_bytes(b"{medio")
    otra.mkdir()
    hace_dos_horas = time.time() - 2 * 3600
    for p in (viejo, otra):
        os.utime(p, (hace_dos_horas, hace_dos_horas))
    load_paths([str(specs_dir)], cache=True)  # warm: writes nothing, sweeps nothing
    assert viejo.exists()
    (specs_dir / "E045.yaml").write_text(
        (specs_dir / "E045.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    load_paths([str(specs_dir)], cache=True)  # one miss: this run writes, and sweeps
    assert not viejo.exists() and reciente.exists() and otra.is_dir()
    assert cache.barrer_temporales(carpeta) == 0


def _aviso(i: int, valor):
    def cambio(data):
        data["avisos"][0][i] = valor

    return cambio


def _publicado(i: int, valor):
    def cambio(data):
        data["publicados"][0][i] = valor

    return cambio


@pytest.mark.parametrize(
    "cambio",
    [
        _aviso(2, ["clave_que_no_existe"]),  # a keypath that is not a text
        _aviso(0, "249"),  # a line that is not a number
        _aviso(0, 0),  # a line that no file has
        _aviso(1, None),  # a line without its column
        _aviso(3, None),  # no message
        _aviso(4, "error"),  # an error: a file with one is never stored
        _aviso(5, "sí"),  # notable, not a boolean
        pytest.param(_publicado(0, ["poblaciones", 2017.0]), marks=solo_con_libyaml),
        pytest.param(_publicado(2, True), marks=solo_con_libyaml),  # (noted by the fast path)
        pytest.param(
            lambda data: data.update(lugares=[[["poblaciones", 2017.0], 3, 4]]),
            marks=solo_con_libyaml,
        ),
    ],
    ids=[
        "aviso-ruta-lista",
        "aviso-linea-texto",
        "aviso-linea-cero",
        "aviso-sin-columna",
        "aviso-sin-mensaje",
        "aviso-error",
        "aviso-notable-texto",
        "publicado-ruta-real",
        "publicado-linea-booleana",
        "lugar-ruta-real",
    ],
)
def test_a_damaged_aviso_or_location_is_a_miss(cache_dir, specs_dir, parses, cli, cambio):
    """What an entry stores beside the record (its avisos, where each published figure and
    each other checked figure is) is checked as the record is: under a matching CRC, a value
    the loader never gives is a miss. An aviso whose keypath was a list made `validar` end in
    a traceback, one whose severity said «error» turned a valid file into exit 2, and the
    others printed `E045.yaml:249:1` as something else."""
    path = specs_dir / "E045.yaml"
    with path.open("a", encoding="utf-8") as f:
        f.write("clave_que_no_existe: 1\n")  # a located, notable aviso
    sin = cli("validar", str(path), "--sin-cache")
    assert sin.code == 0 and "clave_que_no_existe: aviso: clave desconocida" in sin.err
    first = load_paths([str(path)], cache=True)
    assert first.avisos
    (entry,) = entries(cache_dir)
    forjar(entry, cambio)
    parses.clear()
    assert load_paths([str(path)], cache=True) == first
    assert parses == ["E045.yaml"]
    forjar(entry, cambio)
    for args in (("validar", str(path)), ("verificar", "E045", "--specs", str(path))):
        assert cli(*args) == cli(*args, "--sin-cache")


def test_a_killed_write_of_the_methodologys_entry_is_swept_too(cache_dir, tmp_path):
    """The methodology's entries (`metodologia/`) are written the same way, and a `kill -9`
    mid-write left its `.tmp-…` there for good: only `specs/` was swept."""
    from issste_mon import metodologia

    metodologia.load(cache=True)  # (the bundled one: its entry, and the folder)
    carpeta = cache_dir / "metodologia"
    viejo, reciente = carpeta / ".tmp-viejo", carpeta / ".tmp-reciente"
    for p in (viejo, reciente):
        p.write_bytes(b"{medio")
    hace_dos_horas = time.time() - 2 * 3600
    os.utime(viejo, (hace_dos_horas, hace_dos_horas))
    metodologia.load(cache=True)  # warm: writes nothing, sweeps nothing
    assert viejo.exists()
    copia = tmp_path / "m.yaml"
    copia.write_bytes(Path(metodologia.default_path()).read_bytes() + b"\n")
    metodologia.load(str(copia), cache=True)  # a miss: this run writes, and sweeps
    assert not viejo.exists() and reciente.exists()
