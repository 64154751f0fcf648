"""Safe YAML parsing that refuses duplicate keys, and keypath → line lookup for error reports.

Only safe loaders are used (the C one where PyYAML was built with libyaml). Line numbers are
found by composing the document again, and only when a problem must be reported, so the happy
path pays for one parse.
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from issste_mon.carga import fastyaml, yamlcore, yamlguard
from issste_mon.carga.escritas import con_texto
from issste_mon.errores import Keypath, Problem, SpecError, format_keypath

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


# In a flow mapping the comma separates entries: `{valor: 1,234}` is `valor: 1` and a key `234`
# with no value, `{valor: 89,5}` is `valor: 89` and a key `5`, and the figure computed was 1 or
# 89 (with only «234: clave desconocida» as a hint). A number followed right after its comma by
# keys of digits with no value is one number written with commas.
_GRUPO = re.compile(r"[0-9]+(?:\.[0-9]+)?\Z")
_ANTES_DEL_GRUPO = re.compile(r"[-+]?[0-9]+\Z")


def _sin_valor(value_node) -> bool:
    return (
        isinstance(value_node, yaml.ScalarNode)
        and value_node.tag == "tag:yaml.org,2002:null"
        and value_node.value == ""
        and not value_node.style
    )


def _numero_con_comas(node) -> None:
    """`{valor: 1,234}` or `{valor: 89,5}`: a number cut by its commas (see _GRUPO)."""
    pares = node.value
    for i, (_, value_node) in enumerate(pares):
        if not (isinstance(value_node, yaml.ScalarNode) and not value_node.style):
            continue
        if not _ANTES_DEL_GRUPO.match(value_node.value or ""):
            continue
        grupos, fin = [], value_node.end_mark.index
        for sig_key, sig_value in pares[i + 1 :]:
            pegada = isinstance(sig_key, yaml.ScalarNode) and sig_key.start_mark.index == fin + 1
            if not (pegada and not sig_key.style and _GRUPO.match(sig_key.value)):
                break
            if not _sin_valor(sig_value):
                break
            grupos.append(sig_key.value)
            fin = sig_key.end_mark.index
        if grupos:
            raise _NumeroConComas(
                problem=_con_comas(value_node.value, grupos), problem_mark=value_node.start_mark
            )


def _con_comas(antes: str, grupos: list[str]) -> str:
    escrito = ",".join([antes, *grupos])
    texto = f"«{escrito}»: entre llaves {{…}} la coma separa entradas, y se leería {antes} y la "
    texto += f"clave «{grupos[0]}» sin valor; "
    enteros = [*grupos[:-1], grupos[-1].split(".")[0]]  # (`1,234.5`: the last has decimals)
    miles = len(antes.lstrip("+-")) <= 3 and all(len(g) == 3 for g in enteros)
    decimal = len(grupos) == 1 and grupos[0].isdigit()
    if miles and decimal:  # «1,234»: a thousand and more, or one and a fraction
        texto += f"escriba el número sin comas de miles ({antes}{grupos[0]}), o con punto "
        return texto + f"decimal si la coma lo es ({antes}.{grupos[0]})"
    if miles:
        return texto + f"escriba el número sin comas de miles ({escrito.replace(',', '')})"
    if decimal:
        return texto + f"el separador decimal es el punto ({antes}.{grupos[0]})"
    return texto + "escriba el número sin comas"


class _NumeroConComas(yaml.MarkedYAMLError):
    pass


_PALABRAS = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")


_LEIDAS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("int", "float", "timestamp")
)  # plain keys whose value may not be their text


def _con_texto(loader, node, mapping: dict) -> dict:
    """The mapping with each plain key YAML reads as other than its text (`+2017:`, `2017e0:`)
    carrying the text as written (`escritas`), as fastyaml gives it. (After construction:
    `node.value` then also holds the keys of merged mappings.)"""
    escritas = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and not key_node.style and key_node.tag in _LEIDAS:
            key = loader.construct_object(key_node)  # (the object already made: memoised)
            escrita = con_texto(key, key_node.value)
            if escrita is not key:
                escritas[key] = escrita
    if not escritas:
        return mapping
    return {escritas.get(k, k): v for k, v in mapping.items()}


def _como_texto(key_node):
    """A plain key that YAML would read as a boolean or null, as the text written."""
    if key_node.tag in _PALABRAS and isinstance(key_node, yaml.ScalarNode) and not key_node.style:
        return yaml.ScalarNode(
            "tag:yaml.org,2002:str", key_node.value, key_node.start_mark, key_node.end_mark
        )
    return key_node


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that makes a repeated mapping key an error instead of keeping the last,
    and refuses documents whose aliases would expand past the limits."""

    def __init__(self, stream):
        super().__init__(stream)
        self._may_alias = not isinstance(stream, str) or yamlguard.may_alias(stream)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):  # `!!map [1]`: SafeConstructor says so
            return super().construct_mapping(node, deep=deep)
        # A key is a name or a year: `on:`, `no:`, `null:` or `~:` written as a key mean the
        # word, never True, False or None (reported as «True: clave desconocida» at 1:1)
        node.value = [(_como_texto(k), v) for k, v in node.value]
        seen: dict = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            # `2021:` and `"2021":` are two keys to YAML but one year to a reader, and every
            # place that reads keys as text (years, published figures) would keep only one
            same = str(key) if isinstance(key, int) and key.__class__ is not bool else key
            try:
                first = seen.get(key) or seen.get(same)  # (1 and true are one key to a dict)
            except TypeError:  # unhashable key: SafeConstructor reports it below
                continue
            if first is not None:
                como = (not first[1]) != (not key_node.style)  # (plain: "" or None)
                como = "; con comillas o sin ellas es la misma clave" if como else ""
                raise _DuplicateKey(
                    problem=f"clave duplicada «{key}» (ya definida en la línea "
                    f"{first[0].line + 1}{como})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = seen[same] = (key_node.start_mark, key_node.style)
        if node.flow_style:
            _numero_con_comas(node)
        return _con_texto(self, node, super().construct_mapping(node, deep=deep))

    def construct_document(self, node):
        if self._may_alias:  # before merge keys or callers can expand aliases
            yamlguard.check_expansion(node)
        return super().construct_document(node)


yamlcore.use_core_numbers(StrictLoader)


def _fecha(loader, node):
    """A date as YAML reads `2026-01-31`; one that is no day of the calendar (`2026-13-45`)
    made PyYAML raise a bare ValueError, a traceback instead of a located problem."""
    if not yaml.constructor.SafeConstructor.timestamp_regexp.match(str(node.value)):
        raise _explicito(node, "una fecha AAAA-MM-DD", "!!timestamp")  # (PyYAML: AttributeError)
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"«{node.value}» se lee como fecha, pero no es un día del calendario (escríbala "
            "AAAA-MM-DD, o entre comillas si es un texto)",
            node.start_mark,
        ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _fecha)


def _booleano(loader, node):
    """`!!bool x`: PyYAML looks the word up in its table of booleans and raised KeyError."""
    if isinstance(node, yaml.ScalarNode) and node.value.lower() not in loader.bool_values:
        raise _explicito(node, "true ni false", "!!bool")
    return yaml.constructor.SafeConstructor.construct_yaml_bool(loader, node)


StrictLoader.add_constructor("tag:yaml.org,2002:bool", _booleano)


def _explicito(node, que: str, etiqueta: str) -> yaml.constructor.ConstructorError:
    """A value its explicit tag cannot be: `!!bool x`, `!!timestamp x`."""
    return yaml.constructor.ConstructorError(
        None, None, f"«{node.value}» no es {que} (la etiqueta {etiqueta} lo exige)", node.start_mark
    )


# `%YAML 1.1` (or 1.0) declares the rules under which `017` is 15 and `1e3` a text; issste-mon
# reads YAML 1.2 (`yamlcore`), so such a file would not mean what it says. Any other version but
# 1.2 is refused here too, not by the parser: libyaml refuses `%YAML 1.9`, PyYAML's pure-Python
# parser only warns, and a file must mean the same on both. Directives come before the document,
# after only other directives, comments and blank lines.
_DIRECTIVA_YAML = re.compile(
    r"\A\ufeff?(?:[ \t]*(?:[#%][^\n]*)?\r?\n)*?%YAML[ \t]+([0-9]+)\.([0-9]+)(?![0-9.])"
)


def _directiva(text: str, filename: str) -> None:
    m = _DIRECTIVA_YAML.search(text)
    if m is None:
        return
    version = (int(m.group(1)), int(m.group(2)))  # as both parsers read it: 1.01 is 1.1
    if version == (1, 2):
        return
    if version in ((1, 0), (1, 1)):
        v = f"1.{version[1]}"
        msg = (
            f"el archivo declara %YAML {v}, pero issste-mon lee YAML 1.2 (017 es 17, no 15 "
            f"como en {v}): cambie la directiva a %YAML 1.2 o quítela"
        )
    else:
        msg = (
            f"YAML mal formado: versión de YAML no admitida en la directiva %YAML "
            f"{m.group(1)}.{m.group(2)} (issste-mon lee YAML 1.2)"
        )
    line = text.count("\n", 0, m.end()) + 1
    raise SpecError([Problem(filename, line, 1, "", msg)])


def parse(text: str, filename: str, marcas=None):
    """Parse one YAML document; any YAML-level problem becomes a SpecError with line/col.

    marcas: a `ubicaciones.Marcas`, filled when the fast path parses the document (and left
    incomplete when the safe loader does)."""
    if "%YAML" in text:
        _directiva(text, filename)
    try:
        return fastyaml.load(text, marcas)
    except Exception:  # noqa: S110 - anything unusual (or wrong) is the safe loader's to decide
        if marcas is not None:
            marcas.publicados.clear(), marcas.lugares.clear()
    try:
        # Only the safe loader's path needs the depth guard: libyaml composes recursively in C
        # and crashes on very deep input; the fast path gives up at Python's recursion limit.
        yamlguard.check_depth(text, _Base)
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except yamlguard.LimitExceeded as exc:  # never compose such a document again to locate it
        raise SpecError([_problem(filename, exc, exc.problem)]) from None
    except (_DuplicateKey, _NumeroConComas) as exc:
        raise SpecError([_problem(filename, exc, exc.problem, text)]) from None
    except yamlcore.NumeroInexacto as exc:
        raise SpecError([_problem(filename, exc, exc.problem, text)]) from None
    except yaml.constructor.ConstructorError as exc:
        tag = _unsafe_tag(exc)
        msg = f"etiqueta YAML no permitida: {tag}" if tag else f"YAML no válido: {exc.problem}"
        problema = exc.problem or ""  # PyYAML's words are English: the known ones in Spanish
        if "unhashable" in problema:  # `? [a, b]: c`
            msg = "YAML no válido: una lista o un mapeo no puede ser una clave"
        elif "for merging" in problema:  # `<<: 1`
            msg = "YAML no válido: la clave de fusión << espera un mapeo o una lista de mapeos"
        elif not tag:
            msg = f"YAML no válido: {_construccion_en_espanol(exc)}"
        raise SpecError([_problem(filename, exc, msg, text)]) from None
    except yaml.MarkedYAMLError as exc:
        limit = yamlguard.translate(exc)  # the parser's own nesting limit may come first
        if limit is not None:
            raise SpecError([_problem(filename, limit, limit.problem)]) from None
        msg = f"YAML mal formado: {en_espanol(exc, text)}"
        problema = _problem(filename, exc, msg)
        if "unknown escape character '" in (exc.problem or "") and problema.col:
            # the pure-Python parser points past the backslash, libyaml at it: say libyaml's
            problema = dataclasses.replace(problema, col=problema.col - 1)
        raise SpecError([problema]) from None
    except yaml.reader.ReaderError as exc:  # control characters: point at the character
        raise SpecError([_reader_problem(filename, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(filename, None, None, "", f"YAML no legible: {exc}")]) from None
    except RecursionError:  # the pure-Python composer recurses below limits.MAX_DEPTH
        raise SpecError(
            [Problem(filename, None, None, "", "anidamiento demasiado profundo")]
        ) from None


# PyYAML's (and libyaml's) words for the common problems → what a person can act on. Matched
# by the start of the message (the rest names a character or a token).
_PROBLEMAS = (
    ("did not find expected key", "falta una clave donde se esperaba (¿sangría o comillas?)"),
    ("mapping values are not allowed", "aquí no cabe «clave: valor» (¿un «: » dentro de un "
     "texto sin comillas, o sangría de más?)"),
    ("could not find expected ':'", "falta el «:» de una clave"),
    ("that cannot start any token", "el carácter «{c}» no puede empezar un valor: ponga el "
     "texto entre comillas"),
    ("found unexpected end of stream", "el archivo termina antes de cerrar una comilla"),
    ("did not find expected ',' or ']'", "falta «,» o «]» en una lista entre corchetes"),
    ("did not find expected ',' or '}'", "falta «,» o «}» en un mapeo entre llaves"),
    ("did not find expected '-' indicator", "falta el «-» de un elemento de lista (¿sangría?)"),
    ("expected <block end>", "la sangría no cuadra con la del bloque"),
    ("but found another document", "hay más de un documento (un segundo «---»)"),
    ("expected a single document", "hay más de un documento (un segundo «---»)"),
    ("found undefined alias", "alias (*nombre) sin su ancla (&nombre)"),
    ("found unknown escape character", "secuencia de escape desconocida entre comillas dobles"),
    ("block sequence entries are not allowed", "aquí no puede empezar un elemento de lista «-»"),
    ("found duplicate anchor", "ancla (&nombre) repetida"),
    ("expected alphabetic or numeric character", "falta el nombre de un ancla o alias"),
    ("found a tab character", "un tabulador no puede sangrar: use espacios"),
    ("found unexpected ':'", "«:» inesperado"),
    ("expected ',' or ']'", "falta «,» o «]» en una lista entre corchetes"),
    ("expected ',' or '}'", "falta «,» o «}» en un mapeo entre llaves"),
    ("expected the node content", "falta un valor"),
    ("did not find expected node content", "falta un valor"),
    ("found incompatible YAML document", "versión de YAML no admitida en la directiva %YAML "
     "(issste-mon lee YAML 1.2)"),
    ("expected <document start>", "falta el comienzo del documento («---»)"),
    # (libyaml's words first, then the pure-Python parser's, which say the same)
    ("indentation indicator equal to 0", "la sangría que se indica tras «|» o «>» va de 1 a "
     "9, no 0"),
    ("indentation indicator in the range 1-9", "la sangría que se indica tras «|» o «>» va "
     "de 1 a 9, no 0"),
    ("while scanning a block scalar", "tras «|» o «>» solo caben la sangría (1 a 9) y «+» o "
     "«-», y luego un comentario o el fin de línea"),
    ("comment or line break", "tras una directiva (%YAML, %TAG) solo cabe un comentario o el "
     "fin de línea"),
    ("comment or a line break", "tras una directiva (%YAML, %TAG) solo cabe un comentario o "
     "el fin de línea"),
    ("hexdecimal number", "secuencia de escape incompleta entre comillas dobles (\\x lleva 2 "
     "cifras hexadecimales, \\u 4 y \\U 8)"),
    ("hexadecimal numbers", "secuencia de escape incompleta entre comillas dobles (\\x lleva 2 "
     "cifras hexadecimales, \\u 4 y \\U 8)"),
    ("unknown directive name", "directiva desconocida: solo existen %YAML y %TAG"),
    ("mapping keys are not allowed", "aquí no puede empezar una clave «?»"),
    ("undefined tag handle", "prefijo de etiqueta (!nombre!) sin su directiva %TAG"),
    ("tag URI", "falta la URI de una etiqueta o de una directiva %TAG"),
    ("expected URI", "falta la URI de una etiqueta o de una directiva %TAG"),
    ("while parsing a tag directive", "directiva %TAG mal escrita (%TAG !nombre! URI)"),
    ("while scanning a directive", "directiva mal escrita (%YAML 1.2 o %TAG !nombre! URI)"),
    ("unexpected document", "un «---» o «...» al comienzo de una línea dentro de un texto "
     "entre comillas (¿falta cerrar la comilla?)"),
)  # fmt: skip


_NODOS = {"scalar": "un valor simple", "sequence": "una lista", "mapping": "un mapeo"}
_NODO = re.compile(r"expected an? (scalar|sequence|mapping) node, but found (\w+)")


def _construccion_en_espanol(exc: yaml.constructor.ConstructorError) -> str:
    """A value that its explicit tag (`!!str [1]`, `!!omap`, `!!binary`) cannot build."""
    dicho = f"{exc.problem or ''} {exc.context or ''}"
    if m := _NODO.search(dicho):
        return f"la etiqueta exige {_NODOS[m[1]]}, se encontró {_NODOS.get(m[2], m[2])}"
    if "ordered map" in dicho or "pairs" in dicho:
        return "!!omap y !!pairs exigen una lista de mapeos de una sola clave cada uno"
    if "base64" in dicho:
        return "el valor de !!binary no es texto en base64"
    return exc.problem or ""  # (issste-mon's own, in Spanish: yamlcore, _fecha, _booleano)


def en_espanol(exc: yaml.MarkedYAMLError, text: str) -> str:
    """A PyYAML problem in Spanish; one without a translation keeps its words, marked."""
    problema = exc.problem or exc.context or ""
    dicho = f"{exc.problem or ''} {exc.context or ''}"
    mark = exc.problem_mark
    c = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if c == "\t":  # libyaml does not name the character; a tab is the usual one
        return "un tabulador no puede sangrar: use espacios"
    if "expected <block end>" in dicho:  # the pure-Python parser: say what libyaml says
        if "block mapping" in dicho:
            dicho = "did not find expected key"
        elif "block collection" in dicho:
            dicho = "did not find expected '-' indicator"
    for ingles, espanol in _PROBLEMAS:
        if ingles in dicho:
            return espanol.replace("{c}", c)
    return f"{problema} (mensaje de PyYAML)"


def _reader_problem(filename: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    pos = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    if char == "\0":  # valid UTF-8 up to here, but no text file holds one
        return Problem(
            filename, line, col, "", f"no es un archivo de texto (byte nulo en {line}:{col})"
        )
    return Problem(
        filename,
        line,
        col,
        "",
        f"carácter no permitido en YAML: U+{ord(char):04X} (carácter de control)",
    )


def _unsafe_tag(exc: yaml.constructor.ConstructorError) -> str | None:
    problem = exc.problem or ""
    if "tag" in problem and "'" in problem:
        return problem.split("'")[1]
    return None


def _problem(
    filename: str, exc: yaml.MarkedYAMLError, message: str, text: str | None = None
) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    keypath = path_at(text, mark.line, mark.column) if (text and mark) else None
    return Problem(filename, line, col, format_keypath(keypath) if keypath else "", message)


def path_at(text: str, line: int, column: int) -> Keypath | None:
    """Keypath of the key or value node that starts at (line, column), 0-based."""
    try:
        root = yaml.compose(text, Loader=_Base)
    except yaml.YAMLError:
        return None

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: name the mapping
                    if (key_node.start_mark.line, key_node.start_mark.column) == (line, column):
                        return path
                    continue
                sub = path + (str(key_node.value),)
                if (key_node.start_mark.line, key_node.start_mark.column) == (line, column):
                    return sub
                found = walk(value_node, sub)
                if found is not None:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                found = walk(item, path + (i,))
                if found is not None:
                    return found
        if node is not None and (node.start_mark.line, node.start_mark.column) == (line, column):
            return path
        return None

    return walk(root, ()) if root is not None else None


def locate(text: str, paths: list[tuple[Keypath, bool]]) -> dict[tuple, tuple[int, int]]:
    """(keypath, at_key) → (line, col) of the value node (or of the key when at_key), falling
    back to the nearest existing parent when the path is not in the document."""
    try:
        root = yaml.compose(text, Loader=_Base)
    except yaml.YAMLError:
        return {}
    found = {}
    for path, at_key in paths:
        node, mark = root, root.start_mark if root is not None else None
        for i, part in enumerate(path):
            want_key = at_key and i == len(path) - 1
            child = _child(node, part, want_key)
            if child is None:
                break
            node, mark = child, child.start_mark
        if mark is not None:
            found[(path, at_key)] = (mark.line + 1, mark.column + 1)
    return found


def _child(node, part, want_key: bool = False):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # (a key's keypath part is its text as written: `escritas`; or str() of its value)
            if isinstance(key_node, yaml.ScalarNode) and str(part) in (
                key_node.value,
                _clave(key_node),
            ):
                return key_node if want_key else value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


def _clave(key_node: yaml.ScalarNode) -> str:
    """A key as keypaths built from str() of what the loader made of it name it: `+2017:` or
    `0x7E1:` «2017» (a year key keeps its text, `escritas`, and `_child` matches that too);
    `on:` or `null:` the word (`_como_texto`)."""
    try:
        if key_node.tag == yamlcore.INT_TAG:
            return str(yamlcore.construct_int(None, key_node))
    except (yaml.YAMLError, ValueError):
        pass
    return key_node.value
