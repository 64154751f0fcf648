"""Spanish help and usage errors, through typer's public extension points only.

- Help: the command classes (`ComandoEs`, `GrupoEs`, passed as `cls=` to typer, the documented
  way to customise a command) override `format_help` and write the help themselves from the
  parameters (`opts`, `metavar`, `help`, `required`, `default`). typer's own rich help lives in
  `typer.rich_utils` (~50 ms to import); it is never imported, so no command pays for it.
- Usage errors: the entry point runs the command with `standalone_mode=False`, so click raises
  its usage errors instead of printing them; `mensaje_uso` turns each into one Spanish line from
  the exception's public attributes (`option_name`, `possibilities`, `param`, `ctx`). Nothing of
  click's English wording reaches the user, and typer's constants are never patched.
"""

from __future__ import annotations

import textwrap

from typer.core import TyperCommand, TyperGroup

AYUDA = "Muestra esta ayuda y termina."
_TIPOS = {"integer": "ENTERO", "float": "NÚMERO", "text": "TEXTO", "boolean": "BOOLEANO"}


class ErrorUso(Exception):
    """A usage error found by issste-mon itself (an unknown command); exit 2."""

    def __init__(self, mensaje: str, ctx=None) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.ctx = ctx


def valor_no_valido(mensaje: str):
    """A BadParameter whose message is ours (Spanish): raise it from an option's parser."""
    import typer

    exc = typer.BadParameter(mensaje)
    exc.issste_mon = True
    return exc


def _ancho() -> int:
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def _metavar(param, ctx) -> str:
    if getattr(param, "is_flag", False) and not getattr(param, "count", False):
        return ""
    if param.metavar:
        return param.metavar
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
    return _TIPOS.get(getattr(getattr(param, "type", None), "name", ""), "VALOR")


def _registro(param, ctx) -> tuple[str, str] | None:
    if getattr(param, "hidden", False):
        return None
    if param.param_type_name == "argument":
        nombre = param.metavar or param.name.upper()
        return nombre, getattr(param, "help", None) or ""
    opts = sorted(param.opts, key=lambda o: (o.startswith("--"), o))  # -y, --anio, --year
    nombres = ", ".join(opts)
    if param.secondary_opts:
        nombres += " / " + ", ".join(param.secondary_opts)
    mv = _metavar(param, ctx)
    texto = AYUDA if param.name == "help" else (param.help or "")
    extra = []
    default = param.default
    es_bandera = getattr(param, "is_flag", False)
    ya_dicho = "por omisión" in texto.lower()
    if (
        param.show_default is not False
        and not es_bandera
        and default not in (None, "", ())
        and not ya_dicho
    ):
        extra.append(f"[por omisión: {getattr(default, 'value', default)}]")
    if param.required:
        extra.append("[obligatorio]")
    return (f"{nombres} {mv}".rstrip(), " ".join([texto, *extra]).strip())


def _lista(titulo: str, filas: list[tuple[str, str]], ancho: int) -> list[str]:
    if not filas:
        return []
    izq = min(max(len(a) for a, _ in filas), 28)
    lineas = [f"{titulo}:"]
    for a, b in filas:
        sangria = " " * (2 + izq + 2)
        if len(a) > izq:
            lineas.append(f"  {a}")
            primera = sangria
        else:
            primera = f"  {a.ljust(izq)}  "
        envuelto = textwrap.wrap(b, ancho - len(sangria), break_on_hyphens=False) or [""]
        lineas.append((primera + envuelto[0]).rstrip())
        lineas.extend(sangria + t for t in envuelto[1:])
    return [*lineas, ""]


def uso(ctx) -> str:
    """«Uso: issste-mon cumplimiento [OPCIONES] [CLAVE]...»"""
    command = ctx.command
    piezas = [getattr(command, "options_metavar", None) or "[OPCIONES]"]
    for p in command.get_params(ctx):
        if p.param_type_name != "argument":
            continue
        mv = p.metavar or p.name.upper()
        if not p.required and not mv.startswith("["):
            mv = f"[{mv}]"
        if getattr(p, "nargs", 1) == -1 and not mv.endswith("..."):
            mv += "..."
        piezas.append(mv)
    if getattr(command, "commands", None):
        piezas.append(getattr(command, "subcommand_metavar", None) or "COMANDO [ARGS]...")
    return f"Uso: {ctx.command_path} {' '.join(piezas)}"


def ayuda(command, ctx) -> str:
    """The whole help of a command or group, in Spanish."""
    ancho = _ancho()
    lineas = [uso(ctx), ""]
    for parrafo in textwrap.dedent(command.help or "").strip().split("\n\n"):
        if parrafo.strip():
            texto = " ".join(parrafo.split())
            lineas += textwrap.wrap(
                texto, ancho, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
            )
            lineas.append("")
    args, opts = [], []
    for param in command.get_params(ctx):
        registro = _registro(param, ctx)
        if registro:
            (args if param.param_type_name == "argument" else opts).append(registro)
    lineas += _lista("Argumentos", args, ancho)
    lineas += _lista("Opciones", opts, ancho)
    comandos = getattr(command, "commands", None)
    if comandos:
        filas = [
            (nombre, sub.get_short_help_str(limit=ancho - 20))
            for nombre, sub in comandos.items()
            if not sub.hidden
        ]
        lineas += _lista("Comandos", filas, ancho)
    return "\n".join(lineas).rstrip() + "\n"


class ComandoEs(TyperCommand):
    """A typer command whose help is written in Spanish, without typer's rich help."""

    def format_help(self, ctx, formatter) -> None:
        formatter.write(ayuda(self, ctx))

    def parse_args(self, ctx, args):
        if not ctx.resilient_parsing:  # (completion parses half-typed lines)
            _una_vez(self, ctx, args)
        return super().parse_args(ctx, args)


def _una_vez(command, ctx, args: list[str]) -> None:
    """An option of one value given twice with different values (`--anio 2017 --anio 2018`,
    `-f csv -f json`) is a usage error: click would keep the last one in silence."""
    import typer

    try:
        _, _, orden = command.make_parser(ctx).parse_args(args=list(args))
    except typer.TyperException:  # the real parse (super().parse_args) reports it
        return
    vistos = set()
    for param in orden:
        if param.param_type_name != "option" or param.multiple or param.count:
            continue
        if getattr(param, "is_flag", False) or id(param) in vistos:
            continue
        vistos.add(id(param))
        valores = list(dict.fromkeys(_valores_dados(param, args)))
        if len(valores) > 1:
            dados = " y ".join(f"«{v}»" for v in valores)
            raise ErrorUso(
                f"la opción {_nombre(param)} se dio más de una vez ({dados}): dé un solo valor",
                ctx,
            )


class GrupoEs(TyperGroup):
    """A typer group with Spanish help, Spanish subcommands and an unknown-command message."""

    def format_help(self, ctx, formatter) -> None:
        formatter.write(ayuda(self, ctx))

    def invoke(self, ctx):
        # typer answers a closed pipe (EPIPE, where SIGPIPE does not end the process: Windows,
        # an embedding) with exit 1, «hallazgos» here; run() ends it quietly with 0 instead.
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            from issste_mon.cli.codigos import TuberiaCerrada

            raise TuberiaCerrada() from exc

    def resolve_command(self, ctx, args):
        nombre = args[0] if args else ""
        if nombre and not nombre.startswith("-") and self.get_command(ctx, nombre) is None:
            parecidos = parecidas(nombre, list(self.commands), cutoff=0.7)
            sugerencia = f"; ¿quiso decir {' o '.join(parecidos)}?" if parecidos else ""
            raise ErrorUso(f"comando desconocido «{nombre}»{sugerencia}", ctx)
        return super().resolve_command(ctx, args)


def _opciones(ctx) -> list[str]:
    if ctx is None:
        return []
    return [o for p in ctx.command.get_params(ctx) for o in (*p.opts, *p.secondary_opts)]


def parecidas(palabra: str, candidatas: list[str], cutoff: float = 0.6) -> list[str]:
    """The candidates close to a mistyped word, at most two. A second one only when it is about
    as close as the best: «--salid» is --salida, and --anio, which shares just «--a…i», is
    noise that makes the right answer look uncertain."""
    import difflib

    puntos = sorted(
        ((difflib.SequenceMatcher(None, palabra, c).ratio(), c) for c in set(candidatas)),
        key=lambda pc: (-pc[0], pc[1]),
    )
    puntos = [(p, c) for p, c in puntos if p >= cutoff]
    if not puntos:
        return []
    mejor = puntos[0][0]
    return [c for p, c in puntos[:2] if p >= mejor - 0.1]


def _valor_a_bandera(opcion: str, args: list[str]) -> bool:
    """Whether a BadOptionUsage about `opcion` is a value given to a flag (`--bom=sí`) rather
    than a value missing. click raises both without a context to look the option up in; a
    value goes missing only at the end of the line (any later word would be taken as it)."""
    return args[-1:] != [opcion] and any(a.startswith(opcion + "=") for a in args)


def _nombre(param) -> str:
    if param is None:
        return "un argumento"
    if param.param_type_name == "argument":
        return param.metavar or param.name.upper()
    return "/".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))


def _valor_dado(param, args: list[str], ctx=None) -> str | None:
    """The value given on the command line for this option or argument, to quote it back."""
    if param is not None and param.param_type_name == "argument" and ctx is not None:
        return _valor_de_argumento(param, args, ctx)
    return next(iter(_valores_dados(param, args)), None)


def _valor_de_argumento(param, args: list[str], ctx) -> str | None:
    """The word given for the argument `param`: the words that are not options, less the
    command's path (`completado`), by the argument's place among the command's arguments
    (`completado foo`: «foo»); flags (`-q`, `--instalar`) are not words. None when the line
    has an option that takes a value, or one unknown (its value could be taken for a word)."""
    banderas = {"-q", "--quiet", "--debug"} | {
        o
        for p in ctx.command.params
        if p.param_type_name == "option" and getattr(p, "is_flag", False)
        for o in p.opts
    }
    if any(a.startswith("-") and a != "-" and a not in banderas for a in args):
        return None
    palabras = [a for a in args if a not in banderas]
    for nombre in ctx.command_path.split()[1:]:
        if nombre in palabras:
            palabras.remove(nombre)
    argumentos = [p for p in ctx.command.params if p.param_type_name == "argument"]
    lugar = argumentos.index(param) if param in argumentos else len(palabras)
    return palabras[lugar] if lugar < len(palabras) else None


def _valores_dados(param, args: list[str]) -> list[str]:
    """Every value given on the command line for this option, in order."""
    if param is None or param.param_type_name != "option":
        return []
    valores, saltar = [], False
    for i, arg in enumerate(args):
        if saltar:  # the value of the previous word (`-f -y`: «-y» is -f's value)
            saltar = False
            continue
        if arg == "--":
            break
        for opt in param.opts:
            if arg == opt and i + 1 < len(args):
                valores.append(args[i + 1])
                saltar = True
            elif opt.startswith("--") and arg.startswith(opt + "="):
                valores.append(arg[len(opt) + 1 :])
            elif not opt.startswith("--") and arg.startswith(opt) and len(arg) > len(opt):
                valores.append(arg[len(opt) :])
            else:
                continue
            break
    return valores


def mensaje_uso(exc, args: list[str]) -> str:
    """One Spanish line for a usage error of the command line (click's or ours)."""
    clase = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, ErrorUso):
        return exc.mensaje
    if clase == "NoSuchOption":
        opcion = exc.option_name
        if opcion == "-=" and (corta := _corta_con_igual(args)):  # `-q=1`: click reads -q -= -1
            return f"la opción {corta} no admite un valor"
        mismas = [o for o in _opciones(ctx) if o.startswith("--") == opcion.startswith("--")]
        candidatas = parecidas(opcion, mismas or list(getattr(exc, "possibilities", None) or []))
        sugerencia = f"; ¿quiso decir {' o '.join(candidatas)}?" if candidatas else ""
        return f"opción desconocida «{opcion}»{sugerencia}"
    if clase == "BadOptionUsage":
        # click raises it both for a missing value and for a value given to a flag (--bom=sí)
        if _valor_a_bandera(exc.option_name, args):
            return f"la opción {exc.option_name} no admite un valor"
        return f"la opción {exc.option_name} necesita un valor"
    param = getattr(exc, "param", None)
    if clase == "MissingParameter":
        argumento = param is not None and param.param_type_name == "argument"
        que = "el argumento" if argumento else "la opción"
        return f"falta {que} {_nombre(param)}"
    if clase == "BadParameter":
        nombre = _nombre(param)
        dado = _valor_dado(param, args, ctx)
        corta = _corta_con_igual(args)
        if dado is not None and dado.startswith("=") and corta in getattr(param, "opts", ()):
            return (
                f"valor no válido «{dado}» para {nombre}: una opción corta lleva su valor "
                f"sin «=» ({corta} {dado[1:]} o {corta}{dado[1:]})"
            )
        if getattr(exc, "issste_mon", False):  # a message of ours (the year parser, …)
            return f"valor no válido para {nombre}: {exc.message}"
        valor = f" «{dado}»" if dado is not None else ""
        choices = getattr(getattr(param, "type", None), "choices", None)
        if choices:
            lista = ", ".join(str(getattr(c, "value", c)) for c in choices)
            return f"valor no válido{valor} para {nombre}; se esperaba uno de: {lista}"
        tipo = getattr(getattr(param, "type", None), "name", "")
        if tipo == "integer":
            return f"valor no válido{valor} para {nombre}: se esperaba un número entero"
        if tipo == "float":
            return f"valor no válido{valor} para {nombre}: se esperaba un número"
        return f"valor no válido{valor} para {nombre}"
    if clase in ("UsageError", "BadArgumentUsage"):
        sobrantes = _sobrantes(ctx, args)
        if sobrantes:
            lista = ", ".join(f"«{a}»" for a in sobrantes)
            return f"argumento{'s' if len(sobrantes) > 1 else ''} de más: {lista}"
        if _falta_comando(ctx, args):  # `issste-mon -q`: options of the group, no command
            return "falta el COMANDO"
        return "argumentos de más o no válidos"
    return "uso no válido"


def _falta_comando(ctx, args: list[str]) -> bool:
    """A group (issste-mon, importar) given only its own options: no word names a command."""
    if ctx is None or not getattr(ctx.command, "commands", None):
        return False
    palabras = [a for a in args if not a.startswith("-")]
    return palabras == ctx.command_path.split()[1:]


def _corta_con_igual(args: list[str]) -> str | None:
    """The short option written with «=» (`-q=1`, `-f=csv`), as click does not take that form."""
    for arg in args:
        if len(arg) > 2 and arg[0] == "-" and arg[1] not in "-=" and arg[2] == "=":
            return arg[:2]
    return None


def _sobrantes(ctx, args: list[str]) -> list[str]:
    """The positional words a command does not take (`issste-mon programas E045` → E045)."""
    if ctx is None:
        return []
    command, ruta = ctx.command, ctx.command_path.split()[1:]
    palabras, i, saltar = [], 0, False
    for arg in args:
        if i < len(ruta) and arg == ruta[i]:
            i += 1
            continue
        if saltar:
            saltar = False
            continue
        if arg.startswith("-"):
            param = next((p for p in command.get_params(ctx) if arg in p.opts), None)
            saltar = param is not None and not getattr(param, "is_flag", False)
            continue
        palabras.append(arg)
    argumentos = [p for p in command.get_params(ctx) if p.param_type_name == "argument"]
    if any(getattr(p, "nargs", 1) == -1 for p in argumentos):
        return []
    return palabras[sum(getattr(p, "nargs", 1) for p in argumentos) :]
