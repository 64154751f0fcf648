"""`issste_mon.modelo.base`: classes declared without compiling them at import (issue 20,
start-up) must behave as the dataclasses they replace — same __init__, eq, repr, hash,
frozenness — and a warm command must not compile the __init__ of the records it reads from the
cache."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import issste_mon
from issste_mon.modelo import base as reg
from issste_mon.modelo.base import Registro, Valor, registro
from tests.conftest import sonda


def _todas() -> list[type]:
    """Every class of the package declared with `registro`."""
    for m in pkgutil.walk_packages(issste_mon.__path__, "issste_mon."):
        if not m.name.endswith("__main__"):  # (it runs the command line)
            importlib.import_module(m.name)
    vistas: dict[int, type] = {}
    pendientes = [Registro]
    while pendientes:
        for sub in pendientes.pop().__subclasses__():
            pendientes.append(sub)
            if sub.__module__.startswith("issste_mon.") and dataclasses.is_dataclass(sub):
                vistas[id(sub)] = sub
    return sorted(vistas.values(), key=lambda c: (c.__module__, c.__qualname__))


CLASES = _todas()


def _gemela(cls: type) -> type:
    """The class `dataclass` itself makes of the same fields (eq, repr, frozen as declared)."""
    campos = [
        (
            f.name,
            f.type,
            dataclasses.field(
                default=f.default,
                default_factory=f.default_factory,
                init=f.init,
                repr=f.repr,
                compare=f.compare,
                kw_only=f.kw_only,
            ),
        )
        for f in dataclasses.fields(cls)
    ]
    espacio = {"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__") else {}
    gemela = dataclasses.make_dataclass(
        cls.__name__, campos, namespace=espacio, frozen=reg.congelada(cls)
    )
    gemela.__qualname__ = cls.__qualname__
    return gemela


def test_the_walk_finds_the_command_path_classes():
    nombres = {c.__qualname__ for c in CLASES}
    assert {"MetaAnual", "Programa", "Columna", "Metodologia", "Problem", "Comunes"} <= nombres
    assert len(CLASES) >= 40


@pytest.mark.parametrize("cls", CLASES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_init_has_the_dataclass_signature(cls):
    assert str(inspect.signature(reg._init_de(cls, reg.congelada(cls)))) == str(
        inspect.signature(_gemela(cls).__init__)
    )


def _argumentos(cls: type, ronda: int) -> dict:
    """A value for every field in __init__ without a default (distinct per round)."""
    sin = [
        f
        for f in dataclasses.fields(cls)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    return {f.name: (f"{f.name}-{ronda}",) for f in sin}


@pytest.mark.parametrize("cls", CLASES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_instances_behave_as_the_dataclass_ones(cls):
    if hasattr(cls, "__post_init__"):
        pytest.skip("its __post_init__ checks real values")
    gemela = _gemela(cls)
    a, b = cls(**_argumentos(cls, 1)), cls(**_argumentos(cls, 1))
    ga, gb = gemela(**_argumentos(cls, 1)), gemela(**_argumentos(cls, 1))
    assert repr(a) == repr(ga)
    assert (a == b) is (ga == gb) is True
    assert a.__eq__(ga) is NotImplemented  # another class is never equal, as a dataclass
    factorias = [
        f.name for f in dataclasses.fields(cls) if f.default_factory is not dataclasses.MISSING
    ]
    for n in factorias:  # each instance its own dict or list
        assert getattr(a, n) is not getattr(b, n)
    if _argumentos(cls, 1):
        c = cls(**_argumentos(cls, 2))
        assert (a == c) is (ga == gemela(**_argumentos(cls, 2))) is False
    if reg.congelada(cls):
        try:
            esperado = hash(ga)
        except TypeError:  # a frozen record of dicts and lists (Metodologia) hashes as its twin
            with pytest.raises(TypeError):
                hash(a)
        else:
            assert hash(a) == hash(b) == esperado
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(a, dataclasses.fields(cls)[0].name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(a, dataclasses.fields(cls)[0].name)
    else:
        with pytest.raises(TypeError):
            hash(a)
    assert dataclasses.replace(a) == a and dataclasses.asdict(a) == dataclasses.asdict(ga)


def test_fields_outside_compare_and_repr_are_left_out():
    @registro
    class R(Registro):
        a: int
        memo: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    x, y = R(1), R(1, {"k": 1})
    assert x == y and repr(y) == "test_fields_outside_compare_and_repr_are_left_out.<locals>.R(a=1)"
    assert x != R(2)


def test_init_false_fields_and_post_init_as_dataclass():
    @registro(congelado=True)
    class V(Valor):
        a: int
        b: list = dataclasses.field(default_factory=list, init=False)
        c: int = dataclasses.field(default=7, init=False)
        d: int = dataclasses.field(default=0, kw_only=True)

        def __post_init__(self):
            object.__setattr__(self, "b", [self.a, self.d])

    v = V(1, d=2)
    assert (v.b, v.c, v.d) == ([1, 2], 7, 2)
    assert str(inspect.signature(V)) == "(a: 'int', *, d: 'int' = 0) -> None"
    with pytest.raises(TypeError):
        V(1, 2)  # d is keyword-only


def test_a_class_must_inherit_its_base():
    with pytest.raises(TypeError, match="Valor"):

        @registro(congelado=True)
        class X(Registro):
            a: int


_PEREZOSOS = """\
from issste_mon import modelo
for cls in (modelo.Programa, modelo.Indicador, modelo.Poblacion, modelo.LineaBase):
    print(cls.__name__, getattr(cls.__dict__["__init__"], "perezoso", False))
"""


def test_a_warm_command_compiles_no_record_init(cache_dir, tmp_path):
    """Records read from the cache are made with object.__new__: their __init__ stays
    uncompiled (had the cache decoder fallen back to calling the class, each would be)."""
    assert sonda(_PEREZOSOS, "cobertura", "E045", cwd=tmp_path)[0] == 0  # cold: through __init__
    code, clases, _ = sonda(_PEREZOSOS, "cobertura", "E045", cwd=tmp_path)
    assert code == 0
    assert clases == [f"{n} True" for n in ("Programa", "Indicador", "Poblacion", "LineaBase")]
