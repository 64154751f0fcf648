"""What the command line can refuse from what was typed alone, it refuses before reading a spec:
`cumplimiento --specs CARPETA_FEDERAL NOTACLAVE` read and validated 10,000 files (14 s) to then
say «clave no válida». Same text as after loading; a clave that is no clave is invalid input
(exit 2), as a bad --anio is."""

from __future__ import annotations

import pytest

import issste_mon as im
from issste_mon.carga import loader


@pytest.fixture
def sin_cargar(monkeypatch):
    """Loading any spec fails the test: the command had to answer before."""

    def prohibido(*args, **kwargs):
        raise AssertionError("se cargaron specs antes de revisar los argumentos")

    monkeypatch.setattr(loader, "load_paths", prohibido)


CLAVE_NO_VALIDA = 'error: clave no válida "NOTACLAVE": se esperaba p. ej. E045 o 51-E045'
CLAVE_VACIA = 'error: clave no válida "": se esperaba p. ej. E045 o 51-E045'
DERIVADA_VACIA = 'error: clave no válida "": se esperaba p. ej. PI-ISSSTE-2020-2024'


@pytest.mark.parametrize(
    ("args", "mensaje"),
    [
        (["cumplimiento", "NOTACLAVE"], CLAVE_NO_VALIDA),
        (["cobertura", "E045", "NOTACLAVE"], CLAVE_NO_VALIDA),
        (["ficha", "NOTACLAVE"], CLAVE_NO_VALIDA),
        (["cobertura", ""], CLAVE_VACIA),
        (["presupuesto", ""], CLAVE_VACIA),
        (["monitoreo", ""], CLAVE_VACIA),
        (["verificar", ""], CLAVE_VACIA),
        (["tendencias", ""], CLAVE_VACIA),
        (["alertas", ""], CLAVE_VACIA),
        (["sexenal", ""], DERIVADA_VACIA),
        (["calidad", ""], DERIVADA_VACIA),
        (
            ["cumplimiento", "--nivel", "foo"],
            'error: nivel desconocido "foo"; use Fin | Propósito | Componente | Actividad | FID',
        ),
        (["alertas", "-r", "nada"], "error: regla desconocida «nada»; se esperaba una de: "),
        (
            ["tendencias", "--anio", "2022", "--anio-hasta", "2023"],
            "error: pida un año (--anio) o un intervalo (--anio-desde/--anio-hasta), no ambos",
        ),
        (
            ["alertas", "--anio-desde", "2022", "--anio-hasta", "2019"],
            "error: el año inicial (2022; --anio-desde) es posterior al final (2019; --anio-hasta)",
        ),
        (["sexenal", "--filas", "nada"], 'error: --filas: atributo desconocido "nada"'),
        (["sexenal", "--columnas", "nada"], 'error: --columnas: atributo desconocido "nada"'),
    ],
)
def test_a_request_refused_by_its_text_loads_nothing(cli, sin_cargar, args, mensaje):
    r = cli(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(mensaje) and r.err.count("\n") == 1, r.err


@pytest.mark.parametrize(
    ("args", "mensaje"),
    [
        (["-o", "{tmp}/no/x.csv"], "error: no se puede escribir {tmp}/no/x.csv: la carpeta "),
        (["-o", "{tmp}"], "error: no se puede escribir {tmp}: es una carpeta"),
        (["-o", ""], "error: la ruta de --salida está vacía"),
        (["-f", "xlsx"], "error: el formato xlsx es binario: indique --salida ARCHIVO.xlsx"),
        (["-f", "json", "-o", "{tmp}/x.csv"], "error: -f json no coincide con la extensión"),
        (["--esquema-salida", "-o", "{tmp}/x.csv"], "error: --esquema-salida escribe JSON, no csv"),
    ],
)
@pytest.mark.parametrize("orden", ["cobertura", "cumplimiento", "verificar", "sexenal"])
def test_an_output_that_cannot_be_written_is_said_before_loading(
    cli, sin_cargar, tmp_path, orden, args, mensaje
):
    r = cli(orden, *(a.format(tmp=tmp_path) for a in args))
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(mensaje.format(tmp=tmp_path)) and r.err.count("\n") == 1, r.err


@pytest.mark.parametrize(
    ("args", "mensaje"),
    [
        (["E045", "-o", "{tmp}/no/f.html"], "error: no se puede escribir {tmp}/no/f.html: "),
        (["E045", "-o", "{tmp}/no/f.md"], "error: no se puede escribir {tmp}/no/f.md: "),
        (["E045", "-f", "xlsx"], "error: el formato xlsx es binario"),
    ],
)
def test_ficha_checks_its_output_before_loading(cli, sin_cargar, tmp_path, args, mensaje):
    r = cli("ficha", *(a.format(tmp=tmp_path) for a in args))
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith(mensaje.format(tmp=tmp_path)), r.err


def test_a_methodology_of_the_users_is_read_before_the_specs(cli, sin_cargar, tmp_path):
    r = cli("cumplimiento", "--metodologia", str(tmp_path / "no.yaml"))
    assert r.code == 2 and r.err == f"{tmp_path / 'no.yaml'}: no se puede leer: no existe\n"


def test_a_clave_that_names_no_program_still_loads_and_exits_1(cli):
    """Well formed but absent: only the specs can tell (a finding, 1)."""
    r = cli("cumplimiento", "E999")
    assert r.code == 1 and 'no hay ningún programa con clave "E999"' in r.err


def test_a_dependency_or_derived_clave_is_not_judged_by_its_form(cli):
    """presupuesto, monitoreo and verificar take a dependency's siglas, tendencias and alertas a
    programa derivado: those are checked against the specs, as before."""
    assert cli("presupuesto", "ISSSTE", "-f", "csv").code == 0
    assert cli("tendencias", "PI-ISSSTE", "-f", "csv").code == 0


def test_revisar_is_the_check_the_query_runs(cli):
    """One check, two callers: `im.api.revisar` without specs, and the query itself."""
    from issste_mon import api

    with pytest.raises(im.ClaveNoValida) as antes:
        api.revisar("cumplimiento", claves=["E045", "NOTACLAVE"], nivel="Fin")
    specs = im.cargar()
    with pytest.raises(im.ClaveNoValida) as despues:
        im.cumplimiento(specs, ["E045", "NOTACLAVE"], nivel="Fin")
    assert str(antes.value) == str(despues.value) == CLAVE_NO_VALIDA.removeprefix("error: ")
    assert isinstance(antes.value, im.ClaveDesconocida)  # what an older caller catches
    with pytest.raises(im.EntradaInvalida, match="argumento desconocido «year»"):
        api.revisar("cobertura", year=2017)
    with pytest.raises(im.EntradaInvalida, match="consulta desconocida «cobertur»"):
        api.revisar("cobertur")
    api.revisar("cumplimiento", claves="51-E045", anio=2018, nivel="propósito")  # all good


@pytest.mark.parametrize("dentro", [False, True], ids=["archivo", "bajo-un-archivo"])
def test_importar_checks_its_folder_before_reading_the_source(cli, monkeypatch, tmp_path, dentro):
    """`--salida informe.csv/specs` read the federal file whole, then failed creating its lock
    («no se puede crear el bloqueo …»)."""
    from issste_mon.importar import fuente
    from tests.conftest import SHARED

    def prohibido(*args, **kwargs):
        raise AssertionError("se leyó la fuente antes de revisar --salida")

    monkeypatch.setattr(fuente, "Lectura", prohibido)
    archivo = tmp_path / "informe.csv"
    archivo.write_text("x\n", encoding="utf-8")
    salida = archivo / "specs" if dentro else archivo
    pob = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
    r = cli("importar", "poblaciones", str(pob), "--salida", str(salida))
    assert (r.code, r.out) == (2, "")
    esperado = (
        f"error: no se puede escribir en --salida {salida}: una parte de la ruta no es una carpeta"
        if dentro
        else f"error: --salida {salida} no es una carpeta"
    )
    assert r.err == esperado + "\n"


@pytest.mark.parametrize("dentro", [False, True], ids=["archivo", "bajo-un-archivo"])
def test_ficha_todas_checks_its_folder_before_loading(cli, sin_cargar, tmp_path, dentro):
    archivo = tmp_path / "sitio.html"
    archivo.write_text("x\n", encoding="utf-8")
    salida = archivo / "fichas" if dentro else archivo
    r = cli("ficha", "--todas", "--salida", str(salida))
    assert (r.code, r.out) == (2, "")
    esperado = (
        f"error: no se puede crear la carpeta {salida}: una parte de la ruta no es una carpeta"
        if dentro
        else f'error: "{salida}" no es una carpeta'
    )
    assert r.err == esperado + "\n"
    assert archivo.read_text(encoding="utf-8") == "x\n"


def test_importar_salida_dash_is_not_a_folder_named_dash(cli, tmp_path, monkeypatch):
    """Everywhere else «-» is stdout; importar wrote its specs into a new folder «./-»."""
    from tests.conftest import SHARED

    monkeypatch.chdir(tmp_path)
    pob = SHARED / "data" / "shcp" / "poblaciones_2017.csv"
    r = cli("importar", "poblaciones", str(pob), "--ramo", "51", "--salida", "-")
    assert (r.code, r.out) == (2, "")
    assert (
        r.err.startswith("error: --salida de importar es la carpeta de specs")
        and r.err.count("\n") == 1
    )
    assert list(tmp_path.iterdir()) == []
    assert cli("-q", "importar", "poblaciones", str(pob), "--ramo", "51", "-o", "./-").code == 0
    assert (tmp_path / "-" / "51").is_dir()  # said so, the folder is the user's to name


class _TerminalEscrita:
    """stdin a terminal the user has typed a spec into (and ended with Ctrl-D)."""

    def __init__(self, texto: bytes) -> None:
        import io

        self.buffer = io.BytesIO(texto)

    def isatty(self) -> bool:
        return True


ESPERANDO = "Leyendo la entrada estándar desde la terminal: termine con Ctrl-D"


@pytest.mark.parametrize(
    "args",
    [
        ("cobertura", "E045", "--specs", "-", "-f", "csv"),
        ("validar", "-"),
        ("importar", "poblaciones", "-", "--simular", "-o", "{tmp}"),
    ],
)
def test_reading_stdin_from_a_terminal_says_so_first(cli, monkeypatch, tmp_path, args):
    """`--specs -` in a terminal waited without a word, like a stuck command (csvkit says it
    is waiting); -q silences it, and a pipe never sees it."""
    import sys

    from tests.conftest import SHARED, bundled_specs_dir

    args = [a.format(tmp=tmp_path) for a in args]
    fuente = SHARED / "data" / "shcp" / "poblaciones_2020.csv"
    texto = (fuente if "importar" in args else bundled_specs_dir() / "E045.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", _TerminalEscrita(texto))
    r = cli(*args)
    assert r.code in (0, 1) and r.err.startswith(ESPERANDO), r.err
    monkeypatch.setattr(sys, "stdin", _TerminalEscrita(texto))
    assert ESPERANDO not in cli("-q", *args).err
    assert ESPERANDO not in cli(*args, stdin=texto).err  # a pipe
