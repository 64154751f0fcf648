"""Start-up budget of the command path (issue #20): what a warm `cobertura E045` imports, counted
module by module, and the caches that keep it from importing more. No timings here: the times are
benchmarks/run.py --solo-arranque and benchmarks/arranque.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from issste_mon import metodologia
from tests.conftest import forjar, solo_con_libyaml, sonda


def _entradas(cache_dir) -> list:
    carpeta = cache_dir / "metodologia"
    return sorted(carpeta.iterdir()) if carpeta.is_dir() else []


def test_methodology_from_the_cache_equals_the_parsed_one(cache_dir):
    parsed = metodologia.load()
    first = metodologia.load(cache=True)  # a miss: parses and stores
    assert len(_entradas(cache_dir)) == 1
    second = metodologia.load(cache=True)  # a hit
    assert first == parsed and second == parsed


def test_a_hit_does_not_parse(cache_dir, monkeypatch):
    parsed = metodologia.load()
    metodologia.load(cache=True)

    def refuse(*args):
        raise AssertionError("metodología parseada de nuevo")

    monkeypatch.setattr(metodologia, "_parse", refuse)
    assert metodologia.load(cache=True) == parsed


@pytest.mark.parametrize(
    "dano",
    [
        lambda raw: raw[:-5],  # truncated
        lambda raw: raw.replace(b'"inversa"', b'"espejo!"'),  # body changed: the CRC differs
        lambda raw: b"no json\n" + raw.partition(b"\n")[2],
        lambda raw: b"",
    ],
    ids=["truncada", "cuerpo-cambiado", "cabecera-rota", "vacia"],
)
def test_a_damaged_entry_is_a_miss(cache_dir, dano):
    parsed = metodologia.load()
    metodologia.load(cache=True)
    (entry,) = _entradas(cache_dir)
    entry.write_bytes(dano(entry.read_bytes()))
    assert metodologia.load(cache=True) == parsed
    assert metodologia.load(cache=True) == parsed  # and rewritten


def _poner(*ruta_y_valor):
    *ruta, clave, valor = ruta_y_valor

    def cambio(data):
        for parte in ruta:
            data = data[parte]
        data[clave] = valor

    return cambio


@pytest.mark.parametrize(
    "cambio",
    [
        _poner("cumplimiento", "rango", "inferior", "noventa"),
        _poner("cumplimiento", "rango", "inferior", -1),
        _poner("cumplimiento", "rango", []),
        _poner("inmonitoreo", None),
        lambda data: data.clear(),
    ],
    ids=["texto", "fuera-de-rango", "lista", "nulo", "vacia"],
)
def test_an_entry_the_file_would_not_give_is_a_miss_not_an_error(cache_dir, cli, cambio):
    """Under a matching CRC, data the file does not hold (a damaged entry) made every command
    fail with an error about the bundled file it is not in («metodologia.yaml:20:15:
    cumplimiento.rango.inferior: se esperaba un número, se encontró "noventa"», exit 2). What
    the file says decides: the entry is a miss, parsed afresh and rewritten."""
    parsed = metodologia.load()
    sin = cli("cumplimiento", "E045", "-f", "csv", "--sin-cache")
    assert sin.code == 0
    metodologia.load(cache=True)
    (entry,) = _entradas(cache_dir)
    forjar(entry, cambio)
    assert metodologia.load(cache=True) == parsed
    assert metodologia.load(cache=True) == parsed
    forjar(entry, cambio)
    assert cli("cumplimiento", "E045", "-f", "csv") == sin
    assert cli("cumplimiento", "E045", "-f", "csv") == sin  # (rewritten: a hit)


def test_an_invalid_file_is_reported_as_such_from_the_cache_too(cache_dir, tmp_path):
    """The other side: a methodology that is wrong in the file is wrong with the cache too,
    named at its line, every time."""
    from issste_mon.errores import SpecError

    mala = tmp_path / "mala.yaml"
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    mala.write_text(texto.replace("    inferior: 90", "    inferior: noventa"), encoding="utf-8")
    vistos = []
    for _ in range(2):
        with pytest.raises(SpecError) as info:
            metodologia.load(str(mala), cache=True)
        vistos.append([str(p) for p in info.value.problems])
    assert vistos[0] == vistos[1] and f"{mala}:20:15: cumplimiento.rango.inferior:" in vistos[0][0]


def test_an_entry_parsed_by_other_loader_code_is_not_reused(cache_dir, monkeypatch):
    """As spec entries (carga/cache.py): an entry written by other loader code under the same
    version number (an install from a checkout, a hotfix) is parsed afresh, never served."""
    from issste_mon.carga import cache, serial

    parsed = metodologia.load()
    real_parse, real_code = metodologia._parse, serial._leer_codigo

    def older_parse(text, path):  # what the older code made of these very bytes
        return real_parse(text.replace("valor: inversa", "valor: espejo"), path)

    def older_code(raiz, h):
        real_code(raiz, h)
        h.update(b"# the older loader")

    monkeypatch.setattr(metodologia, "_parse", older_parse)
    monkeypatch.setattr(serial, "_leer_codigo", older_code)
    monkeypatch.setattr(cache, "_huella", None, raising=False)  # (computed once per process)
    assert metodologia.load(cache=True).formula_descendente == "espejo"
    assert len(_entradas(cache_dir)) == 1
    monkeypatch.setattr(metodologia, "_parse", real_parse)  # this code, as the next run has
    monkeypatch.setattr(serial, "_leer_codigo", real_code)
    monkeypatch.setattr(cache, "_huella", None, raising=False)
    assert metodologia.load(cache=True) == parsed


def test_another_file_is_another_entry(cache_dir, tmp_path):
    otra = tmp_path / "otra.yaml"
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    otra.write_text(texto.replace("valor: inversa", "valor: espejo"), encoding="utf-8")
    assert metodologia.load(cache=True).formula_descendente == "inversa"
    assert metodologia.load(str(otra), cache=True).formula_descendente == "espejo"
    assert len(_entradas(cache_dir)) == 2
    assert metodologia.load(str(otra), cache=True) == metodologia.load(str(otra))


def test_editing_the_file_replaces_its_entry(cache_dir, tmp_path):
    propia = tmp_path / "propia.yaml"
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    propia.write_text(texto, encoding="utf-8")
    assert metodologia.load(str(propia), cache=True).formula_descendente == "inversa"
    propia.write_text(texto.replace("valor: inversa", "valor: espejo"), encoding="utf-8")
    assert metodologia.load(str(propia), cache=True).formula_descendente == "espejo"
    assert len(_entradas(cache_dir)) == 1  # one entry per file, for its bytes now
    assert metodologia.load(str(propia), cache=True) == metodologia.load(str(propia))


def test_no_cache_when_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("ISSSTE_MON_SIN_CACHE", "1")
    assert metodologia.load(cache=True) == metodologia.load()
    assert _entradas(cache_dir) == []


def test_sin_cache_option_writes_no_methodology_entry(cache_dir, cli):
    assert cli("cobertura", "E045", "-f", "csv", "--sin-cache").code == 0
    assert _entradas(cache_dir) == []
    assert cli("cobertura", "E045", "-f", "csv").code == 0
    assert len(_entradas(cache_dir)) == 1


def test_data_json_does_not_carry_exactly_is_not_stored(cache_dir, tmp_path):
    texto = open(metodologia.default_path(), encoding="utf-8").read()
    otra = tmp_path / "con_fecha.yaml"
    fechada = texto.replace('version: "2026.1"', "version: 2026-01-31")  # a date
    assert fechada != texto
    otra.write_text(fechada, encoding="utf-8")
    assert metodologia.load(str(otra), cache=True) == metodologia.load(str(otra))
    assert _entradas(cache_dir) == []


@pytest.mark.parametrize(
    ("a", "b", "igual"),
    [
        ({"a": [1, 2.5, None, True, "x"]}, {"a": [1, 2.5, None, True, "x"]}, True),
        (1, 1.0, False),
        (True, 1, False),
        ([1], (1,), False),
        ({1: "a"}, {"1": "a"}, False),
        (float("nan"), float("nan"), True),
    ],
)
def test_igual_is_strict_about_types(a, b, igual):
    assert metodologia._igual(a, b) is igual


# --- what the command path imports -----------------------------------------------------------

# Never on `cobertura E045` into a pipe with a warm cache: the heavy libraries, the parser (the
# specs and the methodology come from the cache), what only other commands use, and rich (a TSV
# table with nothing to say on stderr needs no console).
PROHIBIDOS = ("pandas", "numpy", "yaml", "_yaml", "jinja2", "openpyxl", "tabulate", "rich")
PROHIBIDOS_PROPIOS = (
    "issste_mon.auditoria",
    "issste_mon.ficha",
    "issste_mon.importar",
    "issste_mon.carga.yamlload",
    "issste_mon.carga.esquema",
    "issste_mon.cli.validar",
    "issste_mon.cli.verificar",
    "issste_mon.cli.ficha",
    "issste_mon.cli.importar",
    "issste_mon.cli.alertas",
    "issste_mon.cli.derivado",
    "typer.rich_utils",
)


def modules_of(*args: str, cwd) -> tuple[int, set[str], str]:
    """Exit code, modules loaded (sys.modules at the end) and output of one real process."""
    code, nombres, out = sonda(_MODULOS, *args, cwd=cwd)
    return code, set(nombres), out


_MODULOS = 'print("\\n".join(sorted(m for m, v in sys.modules.items() if v is not None)))\n'


def _prohibidos(modulos: set[str]) -> set[str]:
    raices = {m.split(".")[0] for m in modulos}
    propios = {m for m in modulos if m.startswith(PROHIBIDOS_PROPIOS)}
    return (raices & set(PROHIBIDOS)) | propios


def test_warm_cobertura_imports_only_its_path(cache_dir, tmp_path):
    frio = modules_of("cobertura", "E045", "-f", "tsv", cwd=tmp_path)  # fills the caches
    assert frio[0] == 0
    assert "yaml" in frio[1]  # the probe sees the parser where it is used
    code, modulos, out = modules_of("cobertura", "E045", "-f", "tsv", cwd=tmp_path)
    assert code == 0 and out == frio[2] and out.startswith("clave\t")
    assert _prohibidos(modulos) == set()
    assert "issste_mon.consultas.tablas" in modulos  # it did run the query
    # the budget, counted: a new import on this path has to be decided, not slipped in (31:
    # modelo.metas, the metas of every program read from the cache, issue 20's 5th round; 32:
    # metodologia_lectura, every key of the methodology checked on each load, cached or not;
    # 33: modelo.base, the data classes declared without compiling them, ~30 ms less; 35:
    # salida/render.py split into a module per format, this path loading the cells, their
    # float texts and the CSV writer of the old one — the same code, ~2.6 ms either way)
    propios = sorted(m for m in modulos if m.startswith("issste_mon"))
    assert len(propios) <= 35, propios


def test_the_probe_sees_what_other_commands_import(cache_dir, tmp_path):
    modules_of("verificar", "E045", "-f", "csv", cwd=tmp_path)
    _, modulos, _ = modules_of("verificar", "E045", "-f", "csv", cwd=tmp_path)
    assert "issste_mon.auditoria" in modulos
    _, modulos, _ = modules_of("cobertura", "E045", "-f", "tabla", cwd=tmp_path)
    assert "rich" in {m.split(".")[0] for m in modulos}


def test_verificar_checks_cumplimientos_without_numpy(cache_dir, tmp_path):
    # each figure is computed on its own, exactly (calc/exacto.py): numpy, which `cumplimiento`
    # needs for its columns, is ~60 ms verificar never used (issue 20: ≤ 1.3× cumplimiento)
    from issste_mon.carga.loader import bundled_specs_dir

    carpeta = tmp_path / "specs"
    carpeta.mkdir()
    for clave in ("E045", "E048"):  # figures of cumplimiento and their rango, no dependency
        (carpeta / f"{clave}.yaml").write_bytes(
            (bundled_specs_dir() / f"{clave}.yaml").read_bytes()
        )
    args = ("verificar", "--specs", str(carpeta), "-f", "csv")
    modules_of(*args, cwd=tmp_path)
    code, modulos, out = modules_of(*args, cwd=tmp_path)
    assert code == 0 and out.count(",meta.cumplimiento,") == 2
    assert "issste_mon.auditoria" in modulos
    assert not {"numpy", "pandas"} & {m.split(".")[0] for m in modulos}


def test_warm_cobertura_output_equals_a_cold_run_without_cache(cache_dir, tmp_path):
    modules_of("cobertura", "E045", cwd=tmp_path)
    _, _, caliente = modules_of("cobertura", "E045", cwd=tmp_path)
    _, _, sin = modules_of("cobertura", "E045", "--sin-cache", cwd=tmp_path)
    assert caliente == sin
    assert json.loads(modules_of("cobertura", "E045", "-f", "json", cwd=tmp_path)[2])


# --- the cheaper equivalents the command path uses ----------------------------------------------


def test_default_methodology_path_is_the_package_resource():
    from importlib import resources

    esperado = resources.files("issste_mon") / "data" / "metodologia.yaml"
    assert metodologia.default_path() == str(esperado)


def test_cache_hashes_equal_hashlib():
    import hashlib

    from issste_mon.carga import cache, serial

    raw = "especificación E045\n".encode() * 100
    assert cache.digest(raw) == hashlib.blake2b(raw, digest_size=16).hexdigest()
    assert (
        cache.sha1(b"/ruta/E045.yaml").hexdigest() == hashlib.sha1(b"/ruta/E045.yaml").hexdigest()
    )
    assert serial._sha256(b"modelo").hexdigest() == hashlib.sha256(b"modelo").hexdigest()


@pytest.mark.parametrize("activo", [True, False])
def test_importing_the_cli_leaves_the_collector_as_it_was(activo):
    codigo = (
        f"import gc\nif not {activo}: gc.disable()\nimport issste_mon.cli\n"
        "assert gc.isenabled() is " + str(activo) + "\nassert 'typer' in __import__('sys').modules"
    )
    res = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def _con_la_app_entera(capsys, *args: str):
    """What `run(args)` gives when it builds the whole app (as for --help or an unknown name)."""
    import issste_mon.cli as cli

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli, "_comando_pedido", lambda args: None)
        code = cli.run(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "args",
    [
        *[(n, "--help") for n in ("validar", "cobertura", "sexenal", "ficha", "completado")],
        ("importar", "--help"),
        ("importar", "avance", "--help"),
        ("cumplimiento", "--anyo", "2023"),
        ("-q", "cobertura", "E045", "--anio", "20x3"),
        ("programas", "E045"),
        ("--debug", "cobertura", "E045", "-f", "csv"),
    ],
)
def test_one_command_app_answers_as_the_whole_app(args, cli, capsys):
    r = cli(*args)  # sets the environment (NO_COLOR, COLUMNS) for both
    assert (r.code, r.out, r.err) == _con_la_app_entera(capsys, *args)


def test_every_command_is_named_by_the_lazy_table(cli):
    from issste_mon.cli import _COMANDOS, _comando_pedido, app

    nombres = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert sorted(nombres) == sorted(_COMANDOS)
    ayuda = cli("--help").out
    for nombre in _COMANDOS:
        assert f"\n  {nombre} " in ayuda
        assert _comando_pedido([nombre]) == nombre
        assert _comando_pedido(["-q", "--debug", nombre, "--help"]) == nombre
    for otra in (["--help", "cobertura"], ["--version"], ["cobertra"], [], ["--", "cobertura"]):
        assert _comando_pedido(otra) is None


@pytest.mark.parametrize(
    "args",
    [
        ("validar",),
        # (verificar names each figure's line, noted while parsing only where libyaml is)
        pytest.param(("verificar", "E045", "-f", "csv"), marks=solo_con_libyaml),
        ("programas",),
        ("sexenal", "E045"),
    ],
)
def test_warm_commands_import_no_yaml_parser(args, cache_dir, tmp_path):
    frio = modules_of(*args, cwd=tmp_path)
    code, modulos, out = modules_of(*args, cwd=tmp_path)
    assert (code, out) == frio[::2]
    assert {"yaml", "_yaml", "issste_mon.carga.yamlload"}.isdisjoint(modulos)
