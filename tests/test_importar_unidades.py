"""Pure parts of `importar`: cell parsing, category normalisation, the merge, YAML safety."""

from __future__ import annotations

import pytest
from conftest import SHARED

from issste_mon import vocab
from issste_mon.carga.loader import load_paths, load_text
from issste_mon.importar.comun import NoNumero, Normalizador, ProgramaNuevo, numero
from issste_mon.importar.fusion import fusionar, iguales


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("95.00", 95),
        ("51.0", 51),
        ("0.806904401", 0.806904401),
        ("570,000\xa0", 570000),
        ("1,740,038", 1740038),
        ("", None),
        ("  ", None),
        ("-3.5", -3.5),
    ],
)
def test_numero(cell, expected):
    got = numero(cell)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("cell", ["Por determinar la cuantificación", "761,325 jóvenes", "1.2.3"])
def test_numero_rejects_text(cell):
    with pytest.raises(NoNumero):
        numero(cell)


@pytest.mark.parametrize(
    "vocab_, raw, canon",
    [
        (vocab.DIMENSION, "Eificacia", "eficacia"),
        (vocab.DIMENSION, "Eficiencia", "eficiencia"),
        (vocab.DIMENSION, "Economia", "economía"),
        (vocab.TIPO_MIR, "Estrategico", "estratégico"),
        (vocab.TIPO_MIR, "Gestion", "gestión"),
        (vocab.NIVEL, "Proposito", "Propósito"),
        (vocab.NIVEL, "FID", "FID"),
        (vocab.DIMENSION, "Xyz", None),
        (vocab.SENTIDO, "Hacia arriba", None),
    ],
)
def test_normalizador(vocab_, raw, canon):
    assert Normalizador(vocab_)(raw) == canon


def test_iguales():
    assert iguales(95, 95.0) and iguales("Propósito", "proposito") and iguales("ND", "nd")
    assert not iguales(96.02, 97) and not iguales("ND", 0)


def _prog(doc, indicadores=()):
    return ProgramaNuevo(doc["ramo"], doc["clave"], doc, list(indicadores))


def test_fusion_adds_only_what_is_missing():
    actual = {
        "clave": "E045",
        "ramo": 51,
        "nombre": "Prestaciones sociales",
        "poblaciones": {2016: {"componentes": [{"nombre": "A", "unidad_medida": "Personas"}]}},
    }
    nuevo = {
        "clave": "E045",
        "ramo": 51,
        "nombre": "PRESTACIONES SOCIALES",  # same after folding: not a conflict
        "poblaciones": {
            2016: {"componentes": [{"nombre": "a", "unidad_medida": "Niños", "objetivo": 5}]},
            2017: {"componentes": [{"nombre": "B", "unidad_medida": "Personas"}]},
        },
    }
    inf = fusionar(actual, _prog(nuevo))
    assert inf.agregados == [
        "poblaciones.2016.componentes[a].objetivo",
        "poblaciones.2017",
    ]
    (c,) = inf.conflictos
    assert str(c) == (
        'poblaciones.2016.componentes[a].unidad_medida: el archivo dice "Personas", '
        'la fuente "Niños"'
    )
    assert actual["poblaciones"][2016]["componentes"][0]["unidad_medida"] == "Personas"
    assert (inf.anios, inf.componentes) == (1, 1)


def test_fusion_reemplazar():
    actual = {"clave": "E001", "ramo": 8, "nombre": "x", "ised": {2020: {"valor": 0.5}}}
    inf = fusionar(actual, _prog({**actual, "ised": {2020: {"valor": 0.6}}}), reemplazar=True)
    assert inf.reemplazados == 1 and actual["ised"][2020]["valor"] == 0.6


def test_written_yaml_reads_back_under_yaml_1_1_and_1_2(tmp_path):
    """Strings that YAML 1.2 writes bare but PyYAML (1.1) would turn into booleans, numbers
    or dates are quoted, so the spec reads back exactly as imported."""
    from issste_mon.importar.comun import Lote
    from issste_mon.importar.escritura import aplicar, planear

    tricky = [
        "No",
        "on",
        "1e3",
        "2023-01-01",
        "0123",
        "ND",
        "12:30",
        "~",
        "Sí",
        "0o17",
        ".5",
        "1_000",
    ]
    comps = [
        {"nombre": t, "unidad_medida": t, "potencial": 1, "objetivo": 1, "atendida": "ND"}
        for t in tricky
    ]
    doc = {
        "clave": "S001",
        "ramo": 20,
        "nombre": "yes",
        "poblaciones": {2017: {"componentes": comps}},
    }
    lote = Lote("prueba.csv")
    lote.programas[(20, "S001")] = _prog(doc)
    plan = planear(lote, str(tmp_path))
    (acc,) = plan.acciones
    assert acc.error is None, acc.error
    assert aplicar(plan) == 1
    (prog,) = load_paths([str(tmp_path)]).programas
    assert prog.nombre == "yes"
    assert [p.componente for p in prog.poblaciones] == tricky
    assert [p.unidad_medida for p in prog.poblaciones] == tricky
    load_text(acc.texto, "x", "S001")


def test_existing_invalid_spec_is_left_alone(tmp_path):
    from issste_mon.importar.comun import Lote
    from issste_mon.importar.escritura import aplicar, planear

    bad = tmp_path / "8" / "E001.yaml"
    bad.parent.mkdir()
    bad.write_text("clave: E001\nramo: 8\nnombre: x\nised:\n  2020: {valor: dos}\n")
    lote = Lote("ised.csv")
    lote.programas[(8, "E001")] = _prog(
        {"clave": "E001", "ramo": 8, "nombre": "x", "ised": {2021: {"valor": 0.5}}}
    )
    plan = planear(lote, str(tmp_path))
    (acc,) = plan.acciones
    assert acc.error and "no es válida; no se modifica" in acc.error
    assert aplicar(plan) == 0
    assert "2021" not in bad.read_text()


SHCP = SHARED / "data" / "shcp"


@pytest.mark.skipif(not SHCP.is_dir(), reason="SHCP data not available")
def test_clave_repeated_across_ramos(cli, tmp_path):
    """E001 exists in seven ramos: `E001` is ambiguous (listing them), `8-E001` is one."""
    out = tmp_path / "e001"
    ised = str(SHCP / "ised_2019_2020.csv")
    r = cli("importar", "ised", ised, "--anio", "2020", "--clave", "E001", "-o", str(out))
    assert r.code == 0, r.err
    assert len(list(out.rglob("E001.yaml"))) == 7
    amb = cli("monitoreo", "--indice", "ised", "E001", "--specs", str(out))
    assert amb.code == 1
    cands = "8-E001, 14-E001, 15-E001, 16-E001, 31-E001, 36-E001, 50-E001"
    msg = f'la clave "E001" es ambigua: use una de {cands}'
    assert msg in amb.err
    one = cli("monitoreo", "--indice", "ised", "8-E001", "--specs", str(out), "-f", "csv")
    assert one.code == 0 and one.out.count("\n") == 2


def test_merge_adds_to_the_text_and_keeps_every_existing_byte(tmp_path):
    """A hand-written spec with indented lists, comments and quoting: the merge inserts the new
    year, indicator and component at the end of their blocks; every original line stays, in
    order, and the result reads as the merged document."""
    import yaml

    from issste_mon.importar.comun import IndicadorNuevo, Lote
    from issste_mon.importar.escritura import planear

    original = (
        "# Programa de prueba, escrito a mano\n"
        "clave: E045\n"
        "ramo: 51\n"
        'nombre: "Prestaciones sociales"   # comillas a propósito\n'
        "poblaciones:\n"
        "  2017:\n"
        "    componentes:\n"
        "      - nombre: Préstamos\n"
        "        unidad_medida: Personas\n"
        "        potencial: 10\n"
        "mir:\n"
        "    - id: P1   # el propósito\n"
        "      nivel: Propósito\n"
        "      nombre: Cobertura\n"
        "      sentido: ascendente\n"
        "      metas:\n"
        "        2017: {meta: 1, valor: 2}  # ficha 2017\n"
        "# fin\n"
    )
    spec = tmp_path / "E045.yaml"
    spec.write_text(original, encoding="utf-8")
    doc = {
        "clave": "E045",
        "ramo": 51,
        "nombre": "Prestaciones sociales",
        "poblaciones": {
            2017: {
                "componentes": [{"nombre": "Estancias", "unidad_medida": "Niños", "objetivo": 5}]
            }
        },
    }
    prog = ProgramaNuevo(51, "E045", doc)
    prog.indicadores = [
        IndicadorNuevo(
            {
                "nivel": "Propósito",
                "nombre": "Cobertura",
                "sentido": "ascendente",
                "metas": {2018: {"meta": 3, "valor": 4}},
            }
        ),
        IndicadorNuevo({"nivel": "Fin", "nombre": "Otro", "sentido": "descendente"}),
    ]
    lote = Lote("x.csv")
    lote.programas[(51, "E045")] = prog
    (acc,) = planear(lote, str(tmp_path)).acciones
    assert acc.error is None and acc.texto is not None
    nuevo = acc.texto
    # every original line is still there, in order, unchanged
    resto = iter(nuevo.splitlines())
    assert all(any(linea == x for x in resto) for linea in original.splitlines())
    assert "        2018: {meta: 3, valor: 4}\n" in nuevo  # beside 2017, its indentation
    assert (
        "    - {id: F1, nivel: Fin, nombre: Otro, sentido: descendente}\n" in nuevo
    )  # its dash column
    assert "      - {nombre: Estancias, unidad_medida: Niños, objetivo: 5}\n" in nuevo
    assert nuevo.endswith("# fin\n") or "# fin\n" in nuevo
    data = yaml.safe_load(nuevo)
    assert data["mir"][0]["metas"] == {2017: {"meta": 1, "valor": 2}, 2018: {"meta": 3, "valor": 4}}
    assert [c["nombre"] for c in data["poblaciones"][2017]["componentes"]] == [
        "Préstamos",
        "Estancias",
    ]


def test_index_reads_each_file_once(tmp_path, monkeypatch):
    """Many same-named specs in other ramos: each is opened once per run, to read its ramo."""
    from issste_mon.importar import escritura
    from issste_mon.importar.comun import Lote

    for ramo in range(1, 41):
        d = tmp_path / str(ramo)
        d.mkdir()
        (d / "E001.yaml").write_text(f"clave: E001\nramo: {ramo}\nnombre: P{ramo}\n")
    abiertos: list = []
    real = escritura.Indice.ramo

    def contar(self, ruta):
        if ruta not in self._ramos:
            abiertos.append(ruta)
        return real(self, ruta)

    monkeypatch.setattr(escritura.Indice, "ramo", contar)
    lote = Lote("x.csv")
    for ramo in range(1, 41):
        doc = {"clave": "E001", "ramo": ramo, "nombre": f"P{ramo}", "ised": {2020: {"valor": 0.5}}}
        lote.programas[(ramo, "E001")] = ProgramaNuevo(ramo, "E001", doc)
    plan = escritura.planear(lote, str(tmp_path))
    assert all(a.error is None and not a.nueva for a in plan.acciones)
    assert len(abiertos) == 40 and len(set(abiertos)) == 40


@pytest.mark.parametrize(
    ("archivo", "fuente", "incluye"),
    [
        ("Cifra preliminar", "Cifra preliminares de SHCP", False),  # (a word of it changed)
        ("mujeres", "PA: solo hombres y mujeres", True),
        ("PA:  solo\n  mujeres", "PA: solo mujeres; la misma cifra", True),
    ],
)
def test_a_nota_is_taken_as_included_only_word_for_word(archivo, fuente, incluye):
    """`--reemplazar` writes the source's nota in place of the file's only where it holds the
    file's whole text; «Cifra preliminar» was taken as inside «Cifra preliminares de SHCP» (a
    containment of letters), and the person's word was written over."""
    from issste_mon.importar.fusion import NOTA_INCLUIDA, NOTA_UNIDA, Informe, _mezclar

    padre, inf = {"nota": archivo}, Informe()
    _mezclar(padre, "nota", fuente, "x.yaml", inf, True, ())
    [conflicto] = inf.conflictos
    assert conflicto.incluye is incluye
    assert conflicto.reemplazo == (NOTA_INCLUIDA if incluye else NOTA_UNIDA)
    assert padre["nota"] == fuente if incluye else padre["nota"].startswith(archivo)
