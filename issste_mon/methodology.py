"""The methodology file: every band, cut point and formula switch, read as data.

The bundled default ships as package data; `--metodologia FILE` replaces it whole. Classifiers
receive a `Metodologia`; none of them holds a threshold literal of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from issste_mon import inputs, yamlload
from issste_mon.errors import Problem, SpecError

DESCENDENTE = ("inversa", "espejo")
META = ("modificada_si_existe", "original")


@dataclass(frozen=True)
class Banda:
    etiqueta: str
    desde: float


@dataclass
class Metodologia:
    nombre: str
    version: str
    archivo: str
    formula_descendente: str
    meta: str
    rango_inferior: float
    rango_superior: float
    etiquetas_rango: dict[str, str]
    inmonitoreo: list[Banda]
    peso_programas: float
    peso_dependencia: float
    ised: list[Banda]
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def etiqueta(self) -> str:
        return f"{self.nombre} v{self.version}"

    def con(self, **cambios) -> Metodologia:
        """A copy with some switches changed (e.g. formula_descendente='espejo')."""
        data = {**self.__dict__, **cambios}
        return Metodologia(**data)


def clasificar(valor: float, bandas: list[Banda]) -> str | None:
    """Label of the highest band whose lower bound (inclusive) the value reaches."""
    label = None
    for banda in bandas:
        if valor >= banda.desde:
            label = banda.etiqueta
    return label


def default_path() -> str:
    return str(resources.files("issste_mon") / "data" / "metodologia.yaml")


def load(path: str | None = None) -> Metodologia:
    path = path or default_path()
    name = path if path != default_path() else "metodologia.yaml (incluida)"
    try:  # bounded read, errors in Spanish (a folder, /dev/zero, a symlink loop)
        text = inputs.read_file(Path(path), path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpecError(
            [Problem(path, None, None, "", "la metodología no está en UTF-8")]
        ) from None
    data = yamlload.parse(text, path)
    try:
        return _build(data, name)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SpecError(
            [
                Problem(
                    path,
                    None,
                    None,
                    "",
                    f"metodología incompleta o mal formada: falta o es inválido {exc}",
                )
            ]
        ) from None


def _bandas(items: list[dict], key: str) -> list[Banda]:
    bandas = [Banda(str(item[key]), float(item["desde"])) for item in items]
    if [b.desde for b in bandas] != sorted(b.desde for b in bandas):
        raise ValueError(f"{key}: las bandas deben ir en orden ascendente")
    return bandas


def _build(data: dict, name: str) -> Metodologia:
    cump = data["cumplimiento"]
    formula = cump["formula_descendente"]["valor"]
    if formula not in DESCENDENTE:
        raise ValueError(f"cumplimiento.formula_descendente: {formula!r}")
    meta = cump.get("meta", {}).get("valor", "modificada_si_existe")
    if meta not in META:
        raise ValueError(f"cumplimiento.meta: {meta!r}")
    rango = cump["rango"]
    agg = data["inmonitoreo"]["agregacion"]
    return Metodologia(
        nombre=str(data["nombre"]),
        version=str(data["version"]),
        archivo=name,
        formula_descendente=formula,
        meta=meta,
        rango_inferior=float(rango["inferior"]),
        rango_superior=float(rango["superior"]),
        etiquetas_rango={k: str(v) for k, v in rango["etiquetas"].items()},
        inmonitoreo=_bandas(data["inmonitoreo"]["niveles"], "nivel"),
        peso_programas=float(agg["peso_programas"]),
        peso_dependencia=float(agg["peso_dependencia"]),
        ised=_bandas(data["ised"]["niveles"], "nivel"),
        raw=data,
    )
