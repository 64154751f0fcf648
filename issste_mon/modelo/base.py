"""Data classes that cost nothing to declare: what every command's start-up was paying.

`dataclass` writes the source of each class's `__init__`, `__eq__`, `__repr__` (and, for a
frozen one, `__setattr__`, `__delattr__`, `__hash__`) and compiles it with `exec` when the
module is imported: 0.5–1.5 ms a class, ~40 ms over the ~45 classes a warm `cobertura E045`
imports, a fifth of the command (issue 20; measured with a hook on `dataclasses`). `registro`
keeps them dataclasses — `fields()`, `replace()`, `asdict()` and `is_dataclass()` see the
same fields — but `Registro` and `Valor` write eq, repr, hash and frozenness once, and each
class compiles its `__init__` when its first instance is made through it: the records a warm
command reads from the cache are made with `object.__new__` and never call it."""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import dataclass_transform


class Registro:
    """Equality and repr as a dataclass writes them: same class, field by field (the fields
    with `compare`), «Clase(campo=valor, …)» (the fields with `repr`). Unhashable, as a
    dataclass with eq=True and not frozen leaves its instances."""

    __slots__ = ()
    __hash__ = None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        nombres = _nombres(self.__class__)[0]
        return tuple(getattr(self, n) for n in nombres) == tuple(getattr(other, n) for n in nombres)

    def __repr__(self) -> str:
        campos = ", ".join(f"{n}={getattr(self, n)!r}" for n in _nombres(self.__class__)[1])
        return f"{self.__class__.__qualname__}({campos})"


class Valor(Registro):
    """A frozen record (`registro(congelado=True)`): assigning or deleting a field raises
    `FrozenInstanceError`, and it hashes by its compared fields, as `dataclass(frozen=True)`."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _nombres(self.__class__)[0]))


_NOMBRES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _nombres(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the fields that eq compares, the fields that repr shows) of a class, once."""
    if cls not in _NOMBRES:
        campos = fields(cls)
        _NOMBRES[cls] = (
            tuple(f.name for f in campos if f.compare),
            tuple(f.name for f in campos if f.repr),
        )
    return _NOMBRES[cls]


@dataclass_transform(field_specifiers=(field,))
def registro(
    cls: type | None = None,
    /,
    *,
    kw_only: bool = False,
    slots: bool = False,
    congelado: bool = False,
):
    """A dataclass whose eq, repr (and frozenness, hash) are `Registro`'s or `Valor`'s, which
    the class must inherit, and whose `__init__` is compiled at its first call."""

    def hacer(cls: type) -> type:
        base = Valor if congelado else Registro
        if not issubclass(cls, base):
            raise TypeError(f"registro: {cls.__qualname__} debe heredar de {base.__name__}")
        if not cls.__dict__.get("__doc__"):  # dataclass would write one with inspect.signature
            cls.__doc__ = cls.__name__
        hecha = dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only, slots=slots)
        hecha.__init__ = _init_perezoso(hecha, congelado)
        return hecha

    return hacer if cls is None else hacer(cls)


def _init_perezoso(cls: type, congelado: bool):
    def __init__(self, *args, **kwargs) -> None:
        init = _init_de(cls, congelado)
        cls.__init__ = init
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.de_registro = __init__.perezoso = True
    return __init__


def congelada(cls: type) -> bool:
    """Whether `cls` is a frozen dataclass, by `dataclass(frozen=True)` or `registro`'s."""
    return cls.__dataclass_params__.frozen or issubclass(cls, Valor)


def init_de_dataclass(cls: type) -> bool:
    """Whether `cls.__init__` is the one `dataclass` writes (or `registro` compiles as it):
    it only assigns each field its argument or default."""
    init = cls.__dict__.get("__init__")
    return cls.__dataclass_params__.init or getattr(init, "de_registro", False)


class _Fabrica:
    """The default of a parameter whose field has a default_factory (as dataclass shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FABRICA = _Fabrica()


def _init_de(cls: type, congelado: bool):
    """The `__init__` that `dataclass` writes for `cls`: the same parameters (positional, then
    keyword-only), defaults and factories, fields outside `__init__` set to their default,
    assignment through `object.__setattr__` when frozen, then `__post_init__` if it has one.
    One small function compiled, not a twin class (`make_dataclass`: ~3 ms a class)."""
    entorno: dict = {"_FABRICA": _FABRICA, "_asignar": object.__setattr__}
    posicionales: list[str] = []
    nombrados: list[str] = []
    cuerpo: list[str] = []
    for f in fields(cls):
        n = f.name
        if f.default_factory is not MISSING:
            entorno[f"_f_{n}"] = f.default_factory
            valor = f"_f_{n}() if {n} is _FABRICA else {n}" if f.init else f"_f_{n}()"
            defecto = "=_FABRICA"
        elif f.default is not MISSING:
            entorno[f"_d_{n}"] = f.default
            valor = n if f.init else f"_d_{n}"
            defecto = f"=_d_{n}"
        elif f.init:
            valor, defecto = n, ""
        else:
            continue  # outside __init__ and without a default: dataclass leaves it unset
        if f.init:
            (nombrados if f.kw_only else posicionales).append(n + defecto)
        asignar = f"_asignar(self, {n!r}, {valor})" if congelado else f"self.{n} = {valor}"
        cuerpo.append(f"    {asignar}\n")
    if hasattr(cls, "__post_init__"):
        cuerpo.append("    self.__post_init__()\n")
    parametros = ", ".join(["self", *posicionales, *(["*", *nombrados] if nombrados else [])])
    texto = f"def __init__({parametros}):\n" + ("".join(cuerpo) or "    pass\n")
    exec(texto, entorno)
    init = entorno["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in fields(cls) if f.init} | {"return": None}
    init.de_registro = True
    return init
