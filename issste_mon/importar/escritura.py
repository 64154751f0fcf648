"""Apply an import to the spec files under `--salida`: the only module of `importar` that writes.

ruamel.yaml (round-trip) is used for writing only, so a file's comments, key order and quoting
survive a merge; every spec it produces is checked with the project's own loader before it is
written, and written atomically (temporary file in the same folder + os.replace). Nothing
outside `--salida` is read or written.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from issste_mon.carga import yamlcore
from issste_mon.errores import EntradaInvalida, SpecError
from issste_mon.importar.comun import Lote, ProgramaNuevo
from issste_mon.importar.fusion import Informe, fusionar

SUFIJOS = (".yaml", ".yml")
_RESOLVER = yaml.resolver.Resolver()  # PyYAML's YAML 1.1 rules: what the loader will read
_FLOW_MAX = 90  # a new mapping of plain values this short is written on one line: {meta: 95, …}


@dataclass
class Accion:
    """What happens to one file."""

    programa: str  # 51-E045
    ruta: Path
    nueva: bool
    informe: Informe
    texto: str | None = None  # content to write; None when nothing changes
    error: str | None = None  # why the file is left alone (existing spec not valid)


@dataclass
class Plan:
    salida: Path
    acciones: list[Accion] = field(default_factory=list)

    def relativa(self, ruta: Path) -> str:
        return str(ruta.relative_to(self.salida))


def _yaml():
    from ruamel.yaml import YAML

    y = YAML()  # round-trip
    y.preserve_quotes = True
    y.width = 4096  # long SHCP texts stay on one line instead of being folded
    y.representer.add_representer(str, _str_seguro)
    return y


def _sangria_de(y, texto: str) -> None:
    """Write a merged file back with the indentation it has (`- id:` or `  - id:` lists)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sangria, guion = load_yaml_guess_indent(texto)
    if guion is None:  # no block list yet: lay new ones out as new files are
        sangria, guion = 2, 0
    y.indent(mapping=2, sequence=max(sangria, guion + 2), offset=guion)


def _str_seguro(representer, data: str):
    """Quote a string that PyYAML (YAML 1.1, the project's loader) would read as something
    else — `no`, `on`, `1e3`, `2023-01-01`, `0123` — although YAML 1.2 writes it bare."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, data, (True, False))
    style = '"' if tag != "tag:yaml.org,2002:str" else None
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _indice(salida: Path) -> dict[str, list[Path]]:
    """Spec files under salida by stem (= clave), hidden folders and temporary files excluded."""
    out: dict[str, list[Path]] = {}
    if not salida.is_dir():
        return out
    for f in salida.rglob("*"):
        rel = f.relative_to(salida).parts
        if f.suffix in SUFIJOS and f.is_file() and not any(p.startswith(".") for p in rel):
            out.setdefault(f.stem, []).append(f)
    return out


def acciones(lote: Lote, salida: str, reemplazar: bool = False):
    """Each program's Accion in turn (nothing is written here)."""
    y = _yaml()
    base = Path(salida)
    indice = _indice(base)
    for (_, clave), prog in sorted(lote.programas.items()):
        yield _accion(y, base, indice.get(clave, []), prog, reemplazar, lote.fuente)


def planear(lote: Lote, salida: str, reemplazar: bool = False) -> Plan:
    """Every file's new content, checked, without writing anything."""
    plan = Plan(Path(salida))
    plan.acciones.extend(acciones(lote, salida, reemplazar))
    return plan


def ejecutar(lote: Lote, salida: str, reemplazar: bool = False, simular: bool = False) -> Plan:
    """Plan and (unless simulating) write file by file, so a federal import never holds every
    file's text at once."""
    plan = Plan(Path(salida))
    if plan.salida.exists() and not plan.salida.is_dir():
        raise EntradaInvalida(f"--salida {salida} no es una carpeta")
    for acc in acciones(lote, salida, reemplazar):
        if not simular and acc.texto is not None and acc.error is None:
            try:
                escribir_atomico(acc.ruta, acc.texto)
            except OSError as exc:
                escritos = sum(1 for a in plan.acciones if a.error is None and a.informe.cambia)
                raise EntradaInvalida(
                    f"no se puede escribir {acc.ruta}: {exc.strerror or exc} "
                    f"({escritos} archivos ya escritos; cada uno completo)",
                ) from None
        acc.texto = None
        plan.acciones.append(acc)
    return plan


def _accion(y, base: Path, candidatas: list[Path], prog: ProgramaNuevo, reemplazar, fuente):
    for ruta in sorted(candidatas):
        try:
            texto = ruta.read_text(encoding="utf-8-sig")
            data = y.load(texto)
            _sangria_de(y, texto)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not merged
            return Accion(
                prog.id_completo, ruta, False, Informe(), error=f"no se puede leer: {exc}"
            )
        if isinstance(data, Mapping) and _mismo_programa(data, prog):
            error = _valida(texto, ruta)
            if error:
                return Accion(prog.id_completo, ruta, False, Informe(), error=error)
            inf = fusionar(data, prog, reemplazar)
            nuevo = _volcar(y, data) if inf.cambia else None
            acc = Accion(prog.id_completo, ruta, False, inf, nuevo)
            return _comprobar(acc)
    ruta = base / str(prog.ramo) / f"{prog.clave}.yaml"
    data: dict = {}
    inf = fusionar(data, prog, reemplazar)
    cabecera = (
        f"# Programa {prog.id_completo}: importado de datos abiertos de SHCP "
        f"({Path(fuente).name})\n# con `issste-mon importar`. Puede editarse: otra importación "
        "solo agrega lo que falte.\n"
    )
    return _comprobar(Accion(prog.id_completo, ruta, True, inf, cabecera + volcar_nuevo(data)))


@yamlcore.quote_for_both
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc, valid-type]
    """A new file has no comments to keep: PyYAML's C emitter writes it ~10× faster than
    ruamel; strings that YAML 1.1 or 1.2 would read as numbers are quoted."""


def _en_linea(data: dict) -> bool:
    """A short mapping of plain values reads best on one line: {meta: 95, valor: 96.02}."""
    return all(not isinstance(v, (dict, list)) for v in data.values()) and (
        len(str(data)) <= _FLOW_MAX
    )


def _mapa(dumper, data: dict):
    items = list(data.items())  # a list keeps the spec's key order
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=_en_linea(data))


_Dumper.add_representer(dict, _mapa)


def volcar_nuevo(data: dict) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, indent=2
    )


def _mismo_programa(data: Mapping, prog: ProgramaNuevo) -> bool:
    if str(data.get("clave", "")) != prog.clave:
        return False
    try:
        return int(data.get("ramo")) == prog.ramo
    except (TypeError, ValueError):
        return False


def _valida(texto: str, ruta: Path) -> str | None:
    from issste_mon.carga.loader import load_text

    try:
        load_text(texto, str(ruta), ruta.stem)
    except SpecError as exc:
        errs = [str(p) for p in exc.problems if p.severity == "error"]
        return "la spec existente no es válida; no se modifica: " + "; ".join(errs[:3])
    return None


def _comprobar(acc: Accion) -> Accion:
    """The written spec must load with the project's own loader; otherwise it is not written."""
    if acc.texto is not None:
        error = _valida(acc.texto, acc.ruta)
        if error:
            acc.error, acc.texto = error.replace("existente", "resultante"), None
    return acc


def _volcar(y, data) -> str:
    buf = io.StringIO()
    y.dump(_estilo(data), buf)
    return buf.getvalue()


def _estilo(node):
    """New plain dicts/lists → ruamel nodes; short mappings of plain values on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, (CommentedMap, CommentedSeq)):
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for k, v in list(items):
            node[k] = _estilo(v)
        return node
    if isinstance(node, dict):
        out = CommentedMap((k, _estilo(v)) for k, v in node.items())
        if _en_linea(node):
            out.fa.set_flow_style()
        return out
    if isinstance(node, list):
        return CommentedSeq(_estilo(v) for v in node)
    return node


def aplicar(plan: Plan) -> int:
    """Write every changed file atomically; returns how many were written."""
    n = 0
    for acc in plan.acciones:
        if acc.texto is not None and acc.error is None:
            escribir_atomico(acc.ruta, acc.texto)
            n += 1
    return n


def escribir_atomico(ruta: Path, texto: str) -> None:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    # Hidden name: a leftover after a crash is skipped by the loader (it ignores dot files).
    fd, tmp = tempfile.mkstemp(dir=ruta.parent, prefix=f".{ruta.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(texto)
            f.flush()
            os.fsync(f.fileno())
        modo = ruta.stat().st_mode & 0o777 if ruta.exists() else 0o666 & ~_umask()
        os.chmod(tmp, modo)
        os.replace(tmp, ruta)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
