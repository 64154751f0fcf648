"""Options and plumbing shared by every command: spec loading, output, errors to stderr."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import MISSING, field, fields
from typing import Annotated, Optional, get_type_hints

import typer

from issste_mon.modelo import ANIO_MAX, ANIO_MIN
from issste_mon.modelo.base import Registro, registro
from issste_mon.salida.formatos import Formato


def opcion(*nombres: str, ayuda: str, metavar: str | None = None, **kw):
    """An option that takes a value. Its default stays out of --help: it is None, and the help
    text says what happens without the option."""
    return typer.Option(*nombres, metavar=metavar, help=ayuda, show_default=False, **kw)


def argumento(metavar: str, ayuda: str):
    """An optional argument. Its default stays out of --help: it is None, and the help text
    says what happens without the argument."""
    return typer.Argument(metavar=metavar, help=ayuda, show_default=False)


SpecsOpt = Annotated[
    Optional[list[str]],
    opcion(
        "--specs",
        metavar="RUTA",
        ayuda="Carpeta o archivo de specs (repetible; «-» lee una spec de stdin). Por omisión: "
        "$ISSSTE_MON_SPECS, ./specs si existe, o las specs incluidas.",
    ),
]
FormatoOpt = Annotated[
    Optional[Formato],
    opcion(
        "--formato",
        "-f",
        case_sensitive=False,
        ayuda="Formato de salida (csv-excel: csv con BOM y CRLF para Excel). Por omisión: tabla "
        "en una terminal, tsv en una tubería.",
    ),
]


def anio(value) -> int:
    """A fiscal year as given on the command line: four digits, in the years a spec takes."""
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) == 4 and ANIO_MIN <= int(text) <= ANIO_MAX:
        return int(text)
    from issste_mon.cli.es import valor_no_valido
    from issste_mon.salida.numfmt import digitos_no_ascii

    if digitos_no_ascii(text):  # `٢٠٢٣`: int() reads it, a person does not type it so
        raise valor_no_valido(
            f"año con dígitos no ASCII: «{value}»; escríbalo con los dígitos 0 a 9"
        )
    raise valor_no_valido(
        f"se esperaba un año entre {ANIO_MIN} y {ANIO_MAX} (p. ej. 2023), no «{value}»"
    )


def opcion_anio(ayuda: str = "Solo este año fiscal.", *, varios: bool = False):
    """The one year option (`--anio`, alias `--year`, `-y`), with the help each command needs,
    and for several years (`varios`)."""
    tipo = Optional[list[int]] if varios else Optional[int]
    return Annotated[
        tipo,
        opcion("--anio", "--year", "-y", metavar="AÑO", parser=anio, ayuda=ayuda),
    ]


AnioOpt = opcion_anio()


def columnas_opt(ejemplo: str | None = None):
    """--columnas/-c, with an example of the command's own columns in its help (none rather
    than one that would fail there: each command's table has other columns)."""
    ayuda = (
        "Solo estas columnas, en este orden, separadas por comas (nombre en csv/json o título "
        "de la tabla)"
    )
    return Annotated[
        Optional[str],
        opcion(
            "--columnas",
            "-c",
            metavar="LISTA",
            ayuda=f"{ayuda}: --columnas {ejemplo}." if ejemplo else f"{ayuda}.",
        ),
    ]


ColumnasOpt = columnas_opt()
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="csv/tsv para Excel: UTF-8 con BOM y fin de línea CRLF (como -f csv-excel).",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Sin avisos ni resúmenes en stderr (los errores, sí)."),
]
ClavesArg = Annotated[
    Optional[list[str]],
    argumento(
        "[CLAVE]...", "Claves de programa (E045 o 51-E045). Sin claves: todos los programas."
    ),
]
SalidaOpt = Annotated[
    Optional[str],
    opcion(
        "--salida",
        "-o",
        metavar="ARCHIVO",
        ayuda="Escribe en ARCHIVO en lugar de stdout; sin -f, el formato sale de la extensión "
        "(.csv .tsv .json .jsonl .md .xlsx). Obligatorio con -f xlsx («-»: stdout, solo si no "
        "es una terminal).",
    ),
]
MetodologiaOpt = Annotated[
    Optional[str],
    opcion(
        "--metodologia",
        metavar="ARCHIVO",
        ayuda="Archivo de metodología (umbrales y fórmulas) que sustituye al incluido.",
    ),
]

SinCacheOpt = Annotated[
    bool,
    typer.Option(
        "--sin-cache",
        help="No lee ni escribe la caché de specs ya validadas (también ISSSTE_MON_SIN_CACHE=1). "
        "Caché: $ISSSTE_MON_CACHE_DIR o $XDG_CACHE_HOME/issste-mon (~/.cache/issste-mon).",
    ),
]

EsquemaSalidaOpt = Annotated[
    bool,
    typer.Option(
        "--esquema-salida",
        help="En lugar de los datos, escribe el esquema de la salida de esta consulta (Table "
        "Schema de frictionless, JSON): cada columna con su tipo, unidad y decimales.",
    ),
]


_silencio = {"activo": False}
# The files this run has read (specs, methodology): --salida never replaces one of them.
_entradas: list[str] = []


def olvidar_entradas() -> None:
    """A new run has read nothing yet (run() may be called many times in one process)."""
    _entradas.clear()


def silenciar(activo: bool = True) -> None:
    """-q/--quiet: avisos and summaries on stderr are dropped; errors still show."""
    _silencio["activo"] = activo


def stderr_console(*, errores: bool = False):
    """The console for people on stderr (avisos, summaries, progress): see salida/sanear.py.
    With -q it swallows everything but errors (`errores=True`)."""
    from issste_mon.salida.sanear import consola

    return consola(stderr=True, soft_wrap=True, quiet=_silencio["activo"] and not errores)


def echo(texto: str) -> None:
    """A line for a person on stdout (summaries), sanitised like everything else printed."""
    from issste_mon.salida.sanear import sanear

    sys.stdout.write(sanear(texto) + "\n")


def linea(err, texto: str) -> None:
    """One record for a person on one line: data newlines are escaped, not obeyed."""
    from issste_mon.salida.sanear import sanear

    err.print(sanear(texto))


class _ConsolaDiferida:
    """The stderr console of `stderr_console()`, made (and rich imported) only when something
    is printed on it: a table without avisos or summary lines never imports rich."""

    def __init__(self) -> None:
        self._consola = None

    def __getattr__(self, nombre: str):
        if self._consola is None:
            self._consola = stderr_console()
        return getattr(self._consola, nombre)


AVISOS_MOSTRADOS = 5  # notable avisos a command shows before pointing to `validar`
AVISOS_DE_TABLA = 20  # a table's own avisos (cobertura's units) shown before counting the rest


def esperando_stdin(rutas) -> None:
    """«-» read from a terminal waits for what is typed, as `cat` does, and looked like a
    command stuck: said on stderr first, as csvkit does (-q silences it)."""
    if STDOUT in (rutas or ()) and sys.stdin is not None and sys.stdin.isatty():
        stderr_console().print(
            "Leyendo la entrada estándar desde la terminal: termine con Ctrl-D (Ctrl-Z y Enter "
            "en Windows), o Ctrl-C para cancelar."
        )


def load_specs(paths: list[str] | None, sin_cache: bool = False):
    from issste_mon.carga.loader import default_specs_dir, load_paths

    esperando_stdin(paths)
    with gc_paused():
        specs = load_paths(paths or [default_specs_dir()], cache=not sin_cache)
    _entradas.extend(specs.archivos)
    from issste_mon import cli

    if cli.conservadas is not None:  # run by main(): kept until the process ends
        cli.conservadas.append(specs)
    notable = [p for p in specs.avisos if p.notable]
    if notable:
        from issste_mon.carga.loader import locate_problems

        err = stderr_console()
        for p in locate_problems(notable[:AVISOS_MOSTRADOS]):
            linea(err, str(p))
        if len(notable) > AVISOS_MOSTRADOS:
            from issste_mon.salida.plural import plural

            err.print(
                f"… y {plural(len(notable) - AVISOS_MOSTRADOS, 'aviso')} más; "
                "`issste-mon validar` los muestra todos.",
            )
    return specs


@contextmanager
def gc_paused():
    """Loading only allocates; the cyclic GC would rescan the growing record tree many times.

    On the way out the new objects are frozen (gc.freeze) instead of being scanned at the next
    collection: records hold no reference cycles, so reference counting still frees them, and
    they live until the command ends (every later collection would rescan millions of them,
    ~40 % of a warm federal run). Interpreter-wide state, so the CLI does it, not the library.
    """
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def load_methodology(path: str | None, sin_cache: bool = False):
    from issste_mon.metodologia import load

    if path is not None and path != STDOUT:
        _entradas.append(path)
    return load(path, cache=not sin_cache)


STDOUT = "-"
_POR_EXTENSION = {
    ".csv": Formato.csv,
    ".tsv": Formato.tsv,
    ".json": Formato.json,
    ".jsonl": Formato.jsonl,
    ".md": Formato.markdown,
    ".xlsx": Formato.xlsx,
}


def resolve_format(formato: Formato | None, salida: str | None = None) -> Formato:
    """-f, else --salida's extension, else a table on a terminal and TSV in a pipe. A -f that
    the extension contradicts (`-f xlsx -o informe.csv`: a workbook named .csv) is an error,
    as in `ficha`."""
    por_extension = None
    if salida and salida != STDOUT:
        from pathlib import Path

        por_extension = _POR_EXTENSION.get(Path(salida).suffix.lower())
    if formato is not None:
        mismo = Formato.csv if formato is Formato.csv_excel else formato
        if por_extension is not None and mismo is not por_extension:
            from issste_mon.errores import EntradaInvalida

            raise EntradaInvalida(
                f"-f {formato.value} no coincide con la extensión de --salida «{salida}» "
                f"({por_extension.value}): indique uno solo o hágalos coincidir"
            )
        return formato
    if salida and salida != STDOUT:
        return por_extension or Formato.tsv
    return Formato.tabla if sys.stdout.isatty() else Formato.tsv


def binary_target(salida: str | None, formato: str = "xlsx"):
    """Where a binary format may go: a file, or stdout only when it is not a terminal."""
    from issste_mon.errores import EntradaInvalida

    if salida is None:
        raise EntradaInvalida(
            f"el formato {formato} es binario: indique --salida ARCHIVO.{formato} "
            f"(o --salida - para enviarlo a una tubería)",
        )
    if salida == STDOUT:
        if sys.stdout.isatty():
            raise EntradaInvalida(
                f"no se escribe {formato} (binario) en una terminal: redirija la salida "
                f"(> archivo.{formato}) o use --salida ARCHIVO.{formato}",
            )
        return sys.stdout.buffer
    return salida


def fecha_fuente() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the one date a workbook records, in
    seconds since 1970 UTC; unset, none. A value that is not such a number is an error, not a
    silent clock: the builder asked for a fixed date."""
    import os

    from issste_mon.errores import EntradaInvalida

    texto = os.environ.get("SOURCE_DATE_EPOCH")
    if texto is None or texto == "":
        return None
    # ZIP dates end in 2107; the first 1980 is clamped by the writer
    if texto.isascii() and texto.isdigit() and int(texto) < 4_354_819_200:
        return int(texto)
    raise EntradaInvalida(
        f"SOURCE_DATE_EPOCH no es válido: «{texto}»; se espera un entero de segundos desde "
        "1970-01-01 UTC, anterior a 2108 (p. ej. `date +%s`), o la variable sin definir"
    )


def write_output(salida: str, data: str | bytes) -> None:
    """Write a whole output file at once, atomically and never through a symlink
    (salida/archivo.py), never over a file this run read; an unwritable path is invalid
    input (exit 2)."""
    from issste_mon.salida.archivo import escribir_atomico

    escribir_atomico(salida, data, _entradas)


def _no_es_entrada(salida: str) -> None:
    from issste_mon.salida.archivo import no_es_entrada

    no_es_entrada(salida, _entradas)


def entradas() -> tuple[str, ...]:
    """The files this run has read so far (specs, methodology)."""
    return tuple(_entradas)


def emit(
    tabla,
    formato: Formato | None,
    salida: str | None = None,
    *,
    specs=None,
    metodologia=None,
    columnas: str | None = None,
    bom: bool = False,
    opcion_columnas: str | None = "--columnas",
) -> None:
    """Data to stdout (or --salida) in the chosen format; avisos and summaries to stderr.

    `specs` and `metodologia` name the sources in formats that carry them (the xlsx sheet
    «metodologia»); pass None where the table uses no methodology.
    """
    import io

    from issste_mon.salida.render import render

    fmt = resolve_format(formato, salida)
    entera = tabla
    tabla = elegir_columnas(tabla, columnas)
    # where a summary line, the caption or a legend sends its reader to a column, said of
    # this output: how to get it whole, or that --columnas left it out (`Remision`)
    remision = Remision(
        entera, tabla, fmt in (Formato.tabla, Formato.markdown), opcion_columnas or "--columnas"
    )
    if bom and fmt in (Formato.csv, Formato.tsv):
        fmt = Formato.csv_excel if fmt is Formato.csv else fmt
        excel = True
    else:
        excel = fmt is Formato.csv_excel
    if salida is not None and salida != STDOUT:
        _no_es_entrada(salida)  # before the summary says anything about a table never written
    err = _ConsolaDiferida()
    if bom and fmt not in (Formato.csv, Formato.tsv, Formato.csv_excel):
        linea(err, f"aviso: --bom es para csv y tsv (Excel): con -f {fmt.value} no cambia nada")
    for aviso in tabla.avisos[:AVISOS_DE_TABLA]:
        linea(err, f"aviso: {aviso}")
    if len(tabla.avisos) > AVISOS_DE_TABLA:  # (one per program-year: thousands in a federal set)
        from issste_mon.salida.plural import plural

        resto = len(tabla.avisos) - AVISOS_DE_TABLA
        linea(
            err,
            f"… y {plural(resto, 'aviso')} más ({len(tabla.avisos):,} en total); nombrando "
            "menos programas (CLAVE…) se muestran todos.",
        )
    if fmt is Formato.xlsx:
        from issste_mon.salida import procedencia, xlsx

        target = binary_target(salida)
        tabla = con_formatos(tabla, remision)  # (its summary and caption go in the book)
        recortes: list[str] = []
        proc = procedencia.de(specs, metodologia)
        data = xlsx.libro([tabla], proc, recortes, fecha_fuente())
        for aviso in recortes:
            linea(err, f"aviso: {aviso}")
        if isinstance(target, str):
            write_output(target, data)
        else:
            target.write(data)
            target.flush()
        return
    to_file = salida is not None and salida != STDOUT
    out = io.StringIO() if to_file else sys.stdout
    if fmt in (Formato.tabla, Formato.markdown):
        tabla = con_formatos(tabla, remision)
    if fmt is Formato.tabla:
        from issste_mon.salida.sanear import consola

        ancho = ancho_terminal()  # with a height too: rich takes a given size only whole
        console = consola(file=out if to_file else None, width=ancho, height=25 if ancho else None)
        render(
            tabla,
            fmt,
            out,
            console,
            opcion_columnas=opcion_columnas,
            opcion_formato=OPCION_FORMATO,
            donde=remision.donde,
        )
    else:
        render(tabla, fmt, out, excel=excel, opcion_formato=OPCION_FORMATO, donde=remision.donde)
    if to_file:  # first: a write that fails says so alone, not after a summary of no table
        write_output(salida, out.getvalue())
    if fmt not in (Formato.tabla, Formato.markdown):
        # (line by line: a table by parts fills its summary as its last part is written)
        for line in tabla.resumen:
            linea(err, remision.texto(line))
    if not to_file:
        sys.stdout.flush()


# What the command line adds where a summary line, the caption or a legend of a table for
# people sends its reader to a column (`salida.tabla.en_columna`): the formats that write it
# whole. The library names the column only: a Python caller has it in `filas`, and no -f.
FORMATOS_COMPLETOS = "con -f csv o json"
# What the rich table says to get the columns the width leaves out (`salida.render`).
OPCION_FORMATO = "-f csv"


class Remision:
    """Where a column named in a summary line, the caption or a legend is, in this output (one
    wording for all of them): «columna «nota»» (`en_columna`) where the output has it —
    followed by `FORMATOS_COMPLETOS` in a table for people, which shortens it —, «columna
    «nota», no elegida en --columnas» where `--columnas` left it out (`cumplimiento --columnas
    clave,anio,meta` sent the reader to a «fuente» its output did not have, in csv too). A
    column the table does not have is left as the library said it."""

    def __init__(self, entera, escrita, para_personas: bool, opcion_columnas: str) -> None:
        self.escritas = {c.clave for c in escrita.columnas_maquina()}
        self.todas = [c.clave for c in entera.columnas_maquina()]
        self.para_personas = para_personas
        self.opcion_columnas = opcion_columnas

    def donde(self, clave: str) -> str:
        from issste_mon.salida.tabla import en_columna

        dicha = en_columna(clave)
        if clave in self.escritas:
            return f"{dicha} {FORMATOS_COMPLETOS}" if self.para_personas else dicha
        if clave in self.todas:
            return f"{dicha}, no elegida en {self.opcion_columnas}"
        return dicha

    def texto(self, texto: str) -> str:
        """`texto` with each column it names said as `donde` says it."""
        from issste_mon.salida.tabla import en_columna

        for clave in self.todas:
            if (dicha := en_columna(clave)) in texto:
                texto = texto.replace(dicha, self.donde(clave))
        return texto


def con_formatos(tabla, remision: Remision | None = None):
    """The table whose summary lines and caption say where each column they name is
    (`Remision`; without one, in a table for people of all the table's columns); the lines
    `remite_a_nota` keys follow them. The same table where none changes."""
    import dataclasses

    remision = remision or Remision(tabla, tabla, True, "--columnas")
    resumen = [remision.texto(x) for x in tabla.resumen]
    pie = remision.texto(tabla.pie) if tabla.pie else tabla.pie
    if resumen == tabla.resumen and pie == tabla.pie:
        return tabla
    return dataclasses.replace(
        tabla,
        resumen=resumen,
        pie=pie,
        remite_a_nota={remision.texto(k): v for k, v in tabla.remite_a_nota.items()},
    )


def elegir_columnas(tabla, columnas: str | None):
    """The table with only the columns of `--columnas` (all when the option is not given):
    one place, so the data and its --esquema-salida describe the same columns."""
    if columnas is None:
        return tabla
    return tabla.con_columnas(columnas.split(","))


def ancho_terminal() -> int | None:
    """Columns of the terminal, also for TERM=dumb (rich assumes 80 there): $COLUMNS, else the
    terminal's own size; None (rich decides) when stdout is not a terminal."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError, AttributeError):
        return None


@registro
class Comunes(Registro):
    """The options every table command shares, parsed once: where the specs are, which
    methodology, and where and how the table goes (`--formato`, `--salida`, xlsx included).
    The fields declared with an option are those options, in the order --help lists them."""

    specs: SpecsOpt = None
    formato: FormatoOpt = None
    salida: SalidaOpt = None
    sin_cache: SinCacheOpt = False
    metodologia: MetodologiaOpt = None
    columnas: ColumnasOpt = None
    bom: BomOpt = False
    quiet: QuietOpt = False
    esquema_salida: EsquemaSalidaOpt = False
    opcion_columnas: str | None = "--columnas"
    _cargadas: object = field(default=None, repr=False)
    _met: object = field(default=None, repr=False)
    _muestra: object = field(default=None, repr=False)  # (see revisar_columnas)

    def cargar(self):
        if self._cargadas is None:
            if self.metodologia is not None:  # a file of the user's: its errors before loading
                self.met()
            self._cargadas = load_specs(self.specs, self.sin_cache)
        return self._cargadas

    def met(self):
        if self._met is None:
            self._met = load_methodology(self.metodologia, self.sin_cache)
        return self._met

    def revisar_salida(self) -> None:
        """Where and how the table goes, checked before any spec is read: a -f the extension
        of --salida contradicts, xlsx without --salida or to a terminal, a --salida that
        cannot be written (a folder, a folder that is not there, a link…). Loading 10,000
        specs to then say «no se puede escribir» wasted the run."""
        if self.esquema_salida:
            from pathlib import Path

            from issste_mon.errores import EntradaInvalida

            # the schema is JSON: in a file named for another format (.csv, .xlsx…) it would
            # be taken for that output (a spreadsheet would not even open it)
            sufijo = Path(self.salida).suffix.lower() if self.salida else ""
            otro = _POR_EXTENSION.get(sufijo, Formato.json) is not Formato.json
            if self.formato is Formato.xlsx or otro:
                nombre = sufijo[1:] if otro else "xlsx"
                raise EntradaInvalida(
                    f"--esquema-salida escribe JSON, no {nombre}: use --salida ARCHIVO.json o "
                    "la salida estándar"
                )
        elif resolve_format(self.formato, self.salida) is Formato.xlsx:
            binary_target(self.salida)
        if self.salida is not None and self.salida != STDOUT:
            from issste_mon.salida.archivo import comprobar_destino

            comprobar_destino(self.salida)  # (the inputs are known once loaded: see emit)

    def revisar_columnas(self, consulta, titulo_fijo: bool = True) -> None:
        """--columnas, checked before the specs are read (a set of thousands takes a while,
        and then «columna desconocida» wasted the wait): against the columns of this command's
        table on the bundled specs (`consulta(specs)`, the same query and the options that
        shape its columns), which are those of any set (they depend on the command, its
        options and the methodology, not on the rows). The same error, from the same
        `con_columnas`; where the bundled set gives no table, the check waits for the data.
        The same sample answers --esquema-salida on a set with no rows for the query
        (`esquema_sin_filas`), unless its title names the sample's own data (`titulo_fijo`
        False: «Calidad de los indicadores — PI-ISSSTE-2020-2024»)."""
        if titulo_fijo:
            self._muestra = consulta
        if self.columnas is None:
            return
        from issste_mon.carga.loader import bundled_specs_dir, default_specs_dir

        if not self.specs and default_specs_dir() == str(bundled_specs_dir()):
            return  # the bundled set itself: read at once, and checked then
        muestra = self._tabla_muestra(consulta)
        if muestra is not None:  # (None: no rows there either)
            elegir_columnas(muestra, self.columnas)

    def _tabla_muestra(self, consulta):
        """`consulta` on the bundled specs; None where it has no rows there (SinDatos)."""
        from issste_mon.carga.loader import bundled_specs_dir, load_paths
        from issste_mon.errores import ErrorIssste

        try:
            with gc_paused():
                return consulta(load_paths([str(bundled_specs_dir())], cache=not self.sin_cache))
        except ErrorIssste:
            return None

    def esquema_sin_filas(self) -> bool:
        """--esquema-salida where the loaded specs have no rows for the query (`SinDatos`):
        the schema describes columns, and this output's columns do not depend on its rows
        (`revisar_columnas`), so they are described from the bundled specs' table, as a
        pipeline set up before its data expects; False (the «no hay datos» error stands)
        where no sample was registered or it has no table either."""
        if not self.esquema_salida or self._muestra is None:
            return False
        muestra = self._tabla_muestra(self._muestra)
        if muestra is None:
            return False
        self.emitir(muestra)
        return True

    def emitir(self, tabla) -> None:
        """The table in the chosen format (as `revisar_salida` allowed); xlsx names the specs
        and methodology used."""
        if self.esquema_salida:  # the columns of this output, not its rows
            import json

            from issste_mon.salida.esquema_salida import esquema_salida

            tabla = elegir_columnas(tabla, self.columnas)
            texto = json.dumps(esquema_salida(tabla), ensure_ascii=False, indent=2) + "\n"
            if self.salida and self.salida != "-":
                write_output(self.salida, texto)
            else:
                sys.stdout.write(texto)
            return
        emit(
            tabla,
            self.formato,
            self.salida,
            specs=self._cargadas,
            metodologia=self._met,
            columnas=self.columnas,
            bom=self.bom,
            opcion_columnas=self.opcion_columnas,
        )


def opciones_de(clase: type) -> dict[str, tuple]:
    """name → (annotation, default) of the fields of the dataclass `clase` declared with a typer
    option, in field order: a shared option is written once, as the field it is parsed into."""
    tipos = get_type_hints(clase, include_extras=True)
    return {
        f.name: (tipos[f.name], inspect.Parameter.empty if f.default is MISSING else f.default)
        for f in fields(clase)
        if any(
            isinstance(m, typer.models.ParameterInfo)
            for m in getattr(tipos[f.name], "__metadata__", ())
        )
    }


def con_opciones(fn: Callable, opciones: dict[str, tuple], construir: Callable) -> Callable:
    """`fn(..., *, op)` with the `opciones` (name → (annotation, default)) it does not declare
    itself added to its signature, keyword-only, and handed over as `op = construir(valores)`:
    options shared by several commands are declared once."""
    sig = inspect.signature(fn, eval_str=True)
    propios = [p for p in sig.parameters.values() if p.name != "op"]
    nombres = [n for n in opciones if n not in sig.parameters]
    comunes = [
        inspect.Parameter(
            n, inspect.Parameter.KEYWORD_ONLY, default=opciones[n][1], annotation=opciones[n][0]
        )
        for n in nombres
    ]

    @functools.wraps(fn)
    def comando(**kwargs):
        op = construir({n: kwargs.pop(n) for n in nombres})  # before kwargs is spread
        return fn(**kwargs, op=op)

    parametros = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in propios] + comunes
    comando.__signature__ = sig.replace(parameters=parametros)
    comando.__annotations__ = {p.name: p.annotation for p in parametros}
    del comando.__wrapped__
    return comando


def comando_tabla(*, metodologia: bool = True, columnas: str | None = None) -> Callable:
    """Decorator of a table command `fn(..., *, op: Comunes)`: adds the shared options
    (--specs, --formato/-f, --salida/-o, --sin-cache and, where a methodology applies,
    --metodologia) to its signature, once for every command, and hands them over as `op`.
    `columnas`: the example of --columnas in its help, columns of this command's table.
    A command with an option of its own of the same name (sexenal's --columnas) keeps it."""
    return _con_comunes(lambda nombre: metodologia or nombre != "metodologia", columnas)


def comando_specs() -> Callable:
    """Decorator of a command that reads the specs and the methodology but writes no table
    (ficha): only --specs, --sin-cache, --metodologia and -q/--quiet are added, and `op` loads
    them as it does for a table command (op.cargar(), op.met())."""
    return _con_comunes(lambda nombre: nombre in ("specs", "sin_cache", "metodologia", "quiet"))


def _con_comunes(elegir: Callable[[str], bool], ejemplo_columnas: str | None = None) -> Callable:
    """con_opciones with the options of Comunes that `elegir` keeps, handed over as `op`;
    --columnas with `ejemplo_columnas` in its help."""
    opciones = {n: v for n, v in opciones_de(Comunes).items() if elegir(n)}
    if ejemplo_columnas and "columnas" in opciones:
        opciones["columnas"] = (columnas_opt(ejemplo_columnas), opciones["columnas"][1])

    def envolver(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def sin_filas(*args, op: Comunes, **kwargs):
            from issste_mon.errores import SinDatos

            try:
                return fn(*args, op=op, **kwargs)
            except SinDatos:
                if not op.esquema_sin_filas():
                    raise

        return sin_filas

    def construir(valores: dict) -> Comunes:
        op = Comunes(**valores)
        if "columnas" not in valores:
            op.opcion_columnas = None
        if op.quiet:
            silenciar()
        if "formato" in valores:  # a table command: its output is checked before any work
            op.revisar_salida()
        return op

    return lambda fn: con_opciones(envolver(fn), opciones, construir)
