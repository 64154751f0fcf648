"""`issste-mon esquema`: the JSON Schema of the spec format, generated from the loader's tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from issste_mon.carga.esquema_json import esquema, ruta_instalada, texto
from issste_mon.carga.loader import bundled_specs_dir

EJEMPLO = Path(__file__).resolve().parents[1] / "examples" / "E999.yaml"
SPECS = [*sorted(bundled_specs_dir().rglob("*.yaml")), EJEMPLO]  # and the documented template


def _datos(path: Path):
    # as an editor's YAML server sees it: JSON types, year keys as text
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.fixture(scope="module")
def validador(request):
    return jsonschema.Draft202012Validator(esquema())


def test_the_printed_schema_is_valid_and_is_the_shipped_one(cli):
    r = cli("esquema")
    assert r.code == 0
    schema = json.loads(r.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == esquema()
    # the file shipped in the package is the generated one (regenerate with
    # `issste-mon esquema > issste_mon/data/spec.schema.json`)
    assert ruta_instalada().read_text(encoding="utf-8") == texto()
    assert cli("esquema", "--ruta").out.strip().endswith("spec.schema.json")


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_every_bundled_spec_validates(validador, path):
    errores = [f"{list(e.absolute_path)}: {e.message}" for e in validador.iter_errors(_datos(path))]
    assert errores == []


E045 = bundled_specs_dir() / "E045.yaml"
ISSSTE = bundled_specs_dir() / "ISSSTE.yaml"
PI = bundled_specs_dir() / "PI-ISSSTE-2020-2024.yaml"
E049 = bundled_specs_dir() / "E049.yaml"


def _mir0(d):
    return d["mir"][0]


def _meta0(d):
    ind = _mir0(d)
    return ind["metas"][next(iter(ind["metas"]))]


def _enunciado0(d):
    return d["resumen"][next(iter(d["resumen"]))][0]


def _pob0(d):
    return d["poblaciones"][next(iter(d["poblaciones"]))]


# (spec, change, what): each one `validar` rejects for its type or vocabulary
RECHAZOS = [
    (E045, lambda d: _mir0(d).update(nivel="Finn"), "nivel desconocido"),
    (E045, lambda d: _mir0(d).update(sentido="hacia arriba"), "sentido desconocido"),
    (E045, lambda d: _mir0(d).update(dimension="eficacias"), "dimensión desconocida"),
    (E045, lambda d: _mir0(d).update(sectorial="si"), "booleano como texto"),
    (E045, lambda d: d.update(ramo="cincuenta y uno"), "ramo no entero"),
    (E045, lambda d: d.pop("nombre"), "nombre ausente"),
    (E045, lambda d: _meta0(d).update(meta="5o3"), "meta no numérica"),
    (E045, lambda d: _pob0(d).update(potencial=-5), "población negativa"),
    (E045, lambda d: _pob0(d).update(corte=1800), "año de corte fuera de rango"),
    (E045, lambda d: d.update(clave="e45"), "clave mal formada"),
    (ISSSTE, lambda d: d["monitoreo"][next(iter(d["monitoreo"]))].update(lugar="once"), "lugar"),
    # a decimal in a text field is not the text written (1.10 → «1.1»): validar asks for quotes
    (E045, lambda d: _mir0(d).update(id=1.10), "id decimal"),
    (E045, lambda d: d.update(nombre=1.10), "nombre decimal"),
    (E045, lambda d: _meta0(d).update(nota=1.10), "nota decimal"),
    (E045, lambda d: d.update(tipo="foo"), "tipo de spec desconocido"),
    (E045, lambda d: d["evaluaciones"][0].update(anio=1850), "evaluación: año fuera de rango"),
    (E045, lambda d: d["evaluaciones"][0].update(costo="caro"), "evaluación: costo no numérico"),
    (E045, lambda d: d.update(evaluaciones={"anio": 2016}), "evaluaciones no es una lista"),
    (E045, lambda d: d["fmye"].update(anio=17), "fmye: año fuera de rango"),
    (E045, lambda d: d["fmye"].update(descripcion=["a"]), "fmye: texto como lista"),
    (E045, lambda d: d["fmye"]["fortalezas"][0].update(tipo="D"), "fortaleza con letra D"),
    (E045, lambda d: d["fmye"]["debilidades"].append("sin tipo"), "debilidad sin tipo"),
    (E045, lambda d: d["fmye"]["recomendaciones"].append(5), "recomendación numérica"),
    (E045, lambda d: d["fmye"]["asm"]["anteriores"][0].update(avance=150), "avance > 100"),
    (E045, lambda d: d["fmye"]["contactos"][0].pop("unidad"), "contacto sin unidad"),
    (E045, lambda d: d.update(fmye="ver la ficha"), "fmye no es un mapeo"),
    # a published figure YAML reads as a number has lost its printed rounding (94.90 → 94.9)
    (E045, lambda d: _pob0(d)["publicado"].update(cobertura=94.9), "publicado sin comillas"),
    (ISSSTE, lambda d: _enunciado0(d).update(publicado=5), "enunciado publicado sin comillas"),
    (ISSSTE, lambda d: _enunciado0(d).pop("id"), "enunciado sin id"),
    (PI, lambda d: d["tabla_enfoque_avance_publicada"]["Gestión"].update(Superado=5), "celda"),
    # a Diagnóstico attribute outside its categories, or not a category at all
    (E049, lambda d: d["diagnostico"][2024].update(logica_vertical=5), "diagnóstico: número"),
    (
        E049,
        lambda d: d["diagnostico"][2024].update(problema_y_poblacion=["a"]),
        "diagnóstico: lista",
    ),
    (E049, lambda d: d["diagnostico"][2024].update(propio=1.5), "diagnóstico: decimal"),
    # scores from 0 to 1, ranks from 1, counts from 0
    (E049, lambda d: d["monitoreo"][2024].update(valoracion=7), "valoración > 1"),
    (ISSSTE, lambda d: d["monitoreo"][2024].update(inmonitoreo=-0.5), "InMonitoreo < 0"),
    (ISSSTE, lambda d: d["monitoreo"][2024].update(subindice_dependencia=2), "subíndice > 1"),
    (ISSSTE, lambda d: d["monitoreo"][2024].update(lugar=0), "lugar 0"),
    (ISSSTE, lambda d: _enunciado0(d).update(n=-1), "conteo negativo"),
    # `inferido` names fields of its own section: a misspelt one would leave a figure confirmed
    (E045, lambda d: _mir0(d).update(inferido=["sentdo"]), "inferido del indicador"),
    (E045, lambda d: _pob0(d).update(inferido="objetvo"), "inferido de la población"),
    (PI, lambda d: d["objetivos"][0]["indicadores"][0].update(inferido=["x"]), "inferido PI"),
    (PI, lambda d: d["objetivos"][0].update(inferido=["enfoqe"]), "inferido del objetivo"),
    # what the loader reads of a programa derivado and a dependencia with code of its own
    (PI, lambda d: _ind_pi(d)["valores"].update({2021: "abc"}), "PI: valor no numérico"),
    (PI, lambda d: _ind_pi(d).update(metas=[1, 2]), "PI: metas como lista"),
    (PI, lambda d: _ind_pi(d)["publicado"].update(avance_sexenal="Superadisimo"), "PI: avance"),
    (PI, lambda d: _ind_pi(d)["publicado"].update(meta_intermedia="Alcanzadisima"), "PI: meta"),
    (PI, lambda d: d["periodo"].update(inicio=20), "PI: periodo fuera de rango"),
    (PI, lambda d: d.update(corte_publicado="veinte"), "PI: corte no es un año"),
    (ISSSTE, lambda d: d.update(programa_derivado=["PI"]), "dependencia: programa_derivado"),
    (ISSSTE, lambda d: _anio0(d["cumplimiento"])["publicado"].update(promedio=122), "cumpl."),
    (ISSSTE, lambda d: d["programas_sociales"].update({2024: "E045"}), "claves como texto"),
    (ISSSTE, lambda d: _anio0(d["programas_sociales"]).append(45), "clave numérica"),
    (ISSSTE, lambda d: [d.pop(k) for k in ("siglas", "clave")], "dependencia sin siglas ni clave"),
    (ISSSTE, lambda d: d["presupuesto"][2024].update(unidad="pesos"), "presupuesto en pesos"),
    # what `importar` writes, read by code of its own: typed as the loader reads it
    (E045, lambda d: _pob0(d).update(desglose={"objetivo": {"hombres": "x"}}), "desglose"),
    (E045, lambda d: _pob0(d).update(programada=-5), "programada negativa"),
    (E045, lambda d: _pob0(d).update(definicion={"objetivo": 5}), "definición numérica"),
    (E045, lambda d: _pob0(d).update(definicion={"objetivos": "x"}), "definición de otra"),
    (E049, lambda d: _procedencia0(d).update(enunciados={"a": 1}), "procedencia: enunciados"),
]


def _procedencia0(d):
    procedencia = _anio0(d["diagnostico"])["procedencia"]
    return procedencia[next(iter(procedencia))]


def _ind_pi(d):
    return next(i for o in d["objetivos"] for i in o["indicadores"] if i.get("valores"))


def _anio0(por_anio):
    return por_anio[next(iter(por_anio))]


@pytest.mark.parametrize(("spec", "cambio", "que"), RECHAZOS, ids=[r[2] for r in RECHAZOS])
def test_rejects_what_validar_rejects(cli, validador, tmp_path, spec, cambio, que):
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    cambio(data)
    malo = tmp_path / spec.name
    malo.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli("validar", str(malo)).code == 2  # validar rejects it …
    assert not validador.is_valid(_datos(malo))  # … and so does the schema


@pytest.mark.parametrize(
    "cambio",
    [
        lambda d: _mir0(d).update(nivel="proposito"),  # without accent, lower case
        lambda d: _mir0(d).update(sentido="ASCENDENTE"),
        lambda d: _meta0(d).update(meta="nd"),
        lambda d: d.update(revisado_por="auditoría 2026"),  # a key the format may grow
        lambda d: _mir0(d).update(id=12),  # an integer is read as its text
        lambda d: d.update(tipo="Programa presupuestario"),
        lambda d: d["fmye"]["debilidades"][0].update(tipo=" a "),
        lambda d: d["fmye"]["asm"]["anteriores"][0].update(avance="ND"),
        lambda d: _mir0(d).update(inferido="metas"),  # one name, without a list
        # importar poblaciones' fields, as it writes them
        lambda d: _pob0(d).update(
            desglose={"objetivo": {"hombres": "ND", "mujeres": 3}, "indistinto": 5},
            programada="NA",
            definicion="La población objetivo",
        ),
        lambda d: _pob0(d).update(definicion={"potencial": "", "atendida": "Las atendidas"}),
    ],
)
def test_accepts_what_validar_accepts(cli, validador, tmp_path, cambio):
    data = yaml.safe_load(E045.read_text(encoding="utf-8"))
    cambio(data)
    bueno = tmp_path / "E045.yaml"
    bueno.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli("validar", str(bueno)).code == 0
    assert validador.is_valid(_datos(bueno))


def test_wrong_nivel_is_reported_at_its_keypath(validador):
    data = _datos(E045)
    data["mir"][0]["nivel"] = "Finn"
    [error] = list(validador.iter_errors(data))
    best = jsonschema.exceptions.best_match([error])
    assert list(best.absolute_path)[:2] == ["mir", 0]


# --- The schema and `validar` give the same yes/no (a differential over the bundled specs found
# each of these: the schema accepted what `validar` refused, or the other way round). A rejection
# names file, line and field.

E015 = bundled_specs_dir() / "E015.yaml"
SI = "__SI_SIN_COMILLAS__"  # written `yes` unquoted: YAML 1.1 (PyYAML, `validar`) reads true


def _proc(d, atributo="logica_vertical"):
    return d["diagnostico"][2024]["procedencia"][atributo]


def _resto(d):
    return next(e for e in d["resumen"][2024] if e.get("resto_de"))


def _sin_conteo(e):
    for k in ("atributo", "valor", "n", "total", "todos", "resto_de"):
        e.pop(k, None)


# (spec, change, verdict of both, field a rejection names, what)
CONCORDANCIAS = [
    # a procedencia needs `enunciados` (not empty), `fuente` or `texto`: the schema took any mapping
    (
        E015,
        lambda d: d["diagnostico"][2024]["procedencia"].update(logica_vertical={}),
        False,
        "diagnostico.2024.procedencia.logica_vertical",
        "procedencia vacía",
    ),
    (
        E015,
        lambda d: _proc(d).update(enunciados=[]),
        False,
        "diagnostico.2024.procedencia.logica_vertical",
        "procedencia: enunciados vacíos",
    ),
    (
        E015,
        lambda d: _proc(d).update(enunciados=None, fuente="CONEVAL, Diagnóstico 2024"),
        True,
        None,
        "procedencia: solo fuente",
    ),
    # each enunciado id is a text: `validar` kept «True», «» and « » as ids in silence
    (
        E015,
        lambda d: _proc(d).update(enunciados=[True]),
        False,
        "diagnostico.2024.procedencia.logica_vertical.enunciados[0]",
        "procedencia: booleano",
    ),
    (
        E015,
        lambda d: _proc(d)["enunciados"].append(SI),
        False,
        "diagnostico.2024.procedencia.logica_vertical.enunciados[1]",
        "procedencia: yes",
    ),
    (
        E015,
        lambda d: _proc(d).update(enunciados=""),
        False,
        "diagnostico.2024.procedencia.logica_vertical.enunciados",
        "procedencia: texto vacío",
    ),
    (
        E015,
        lambda d: _proc(d).update(enunciados=[" "]),
        False,
        "diagnostico.2024.procedencia.logica_vertical.enunciados[0]",
        "procedencia: id en blanco",
    ),
    # … and an integer is read as its text alone as in a list (`validar` refused `enunciados: 7`)
    (E015, lambda d: _proc(d).update(enunciados=7), True, None, "procedencia: un entero"),
    # the Diagnóstico's `fuente` is a text: `fuente: yes` was the source «True»
    (
        E015,
        lambda d: d["diagnostico"][2024].update(fuente=SI),
        False,
        "diagnostico.2024.fuente",
        "diagnóstico: fuente yes",
    ),
    # a dependencia's `unidad_responsable` was accepted whatever it was
    (
        ISSSTE,
        lambda d: d.update(unidad_responsable=["a"]),
        False,
        "unidad_responsable",
        "dependencia: unidad responsable lista",
    ),
    (
        ISSSTE,
        lambda d: d.update(unidad_responsable=1.5),
        False,
        "unidad_responsable",
        "dependencia: unidad responsable decimal",
    ),
    # `tipo: 7` passed the schema as a dependencia (a `pattern` alone passes a number)
    (ISSSTE, lambda d: d.update(tipo=7), False, "tipo", "tipo numérico"),
    # a published category written empty is refused by `validar`
    (
        PI,
        lambda d: _ind_pi(d)["publicado"].update(avance_sexenal=None),
        False,
        "objetivos[1].indicadores[0].publicado.avance_sexenal",
        "PI: categoría publicada vacía",
    ),
    # an enunciado's `resto_de` names ids (texts); its `valor`, a category (a text or true/false)
    (
        PI,
        lambda d: _resto(d).update(resto_de=1.5),
        False,
        "resumen.2024[25].resto_de",
        "resto_de decimal",
    ),
    (
        PI,
        lambda d: _resto(d).update(resto_de={"a": 1}),
        False,
        "resumen.2024[25].resto_de",
        "resto_de mapeo",
    ),
    (
        ISSSTE,
        lambda d: _enunciado0(d).update(atributo="propio", valor={"a": 1}),
        False,
        "resumen.2024[0].valor",
        "valor mapeo",
    ),
    (
        ISSSTE,
        lambda d: _enunciado0(d).update(atributo="propio", valor=[1.5]),
        False,
        "resumen.2024[0].valor[0]",
        "valor decimal",
    ),
    (
        ISSSTE,
        lambda d: _enunciado0(d).update(atributo="propio", valor=[True, "x"]),
        True,
        None,
        "valor booleano",
    ),
    # an enunciado counts something: an attribute, a printed n, the whole universe or a rest
    (
        ISSSTE,
        lambda d: _sin_conteo(_enunciado0(d)),
        False,
        "resumen.2024[0]",
        "enunciado sin conteo",
    ),
    # … and an attribute is counted against a category: without `valor` it counted no program
    (ISSSTE, lambda d: _enunciado0(d).pop("valor"), False, "resumen.2024[0]", "atributo sin valor"),
    (
        ISSSTE,
        lambda d: _enunciado0(d).update(valor=[]),
        False,
        "resumen.2024[0]",
        "atributo con valor vacío",
    ),
    # `corte: {mes, anio}`: `importar poblaciones` writes the month alone when its file gives no
    # year (the loader keeps it: the ficha's source says «corte de diciembre»); the schema asked
    # for `anio`. An empty value is an absent one, for both
    (E045, lambda d: _pob0(d).update(corte={"mes": 12}), True, None, "corte sin año"),
    (
        E045,
        lambda d: _pob0(d).update(corte={"anio": 2016, "mes": None}),
        True,
        None,
        "corte con mes vacío",
    ),
    (
        E045,
        lambda d: _pob0(d).update(corte={"anio": 2016, "mes": 13}),
        False,
        "poblaciones.2017.corte.mes",
        "corte con mes 13",
    ),
    # a row of the published table written empty is an absent one, for both
    (
        PI,
        lambda d: d["tabla_enfoque_avance_publicada"].update({"Gestión": None}),
        True,
        None,
        "fila de la tabla vacía",
    ),
]


@pytest.mark.parametrize(
    ("spec", "cambio", "valida", "campo", "que"), CONCORDANCIAS, ids=[c[4] for c in CONCORDANCIAS]
)
def test_the_schema_and_validar_agree(cli, validador, tmp_path, spec, cambio, valida, campo, que):
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    cambio(data)
    texto = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    archivo = tmp_path / spec.name
    archivo.write_text(texto.replace(f"'{SI}'", "yes").replace(SI, "yes"), encoding="utf-8")
    r = cli("validar", str(archivo))
    assert validador.is_valid(_datos(archivo)) is valida
    assert r.code == (0 if valida else 2), r.err
    if not valida:  # one line naming the file, the line and the field
        patron = rf"^{re.escape(str(archivo))}:\d+:\d+: {re.escape(campo)}: "
        assert any(re.match(patron, linea) for linea in r.err.splitlines()), r.err


def _como_yaml_12(data, escrito: str):
    """What an editor's YAML 1.2 reads: `yes` is the text «yes»."""
    if isinstance(data, dict):
        return {k: _como_yaml_12(v, escrito) for k, v in data.items()}
    if isinstance(data, list):
        return [_como_yaml_12(v, escrito) for v in data]
    return escrito if data == SI else data


@pytest.mark.parametrize(
    ("spec", "cambio", "campo"),
    [
        (E045, lambda d, v: d["mir"][1].update(sectorial=v), "mir[1].sectorial"),
        (
            PI,
            lambda d, v: d["objetivos"][0].update(vinculado_programas=v),
            "objetivos[0].vinculado_programas",
        ),
        (ISSSTE, lambda d, v: _enunciado0(d).update(todos=v), "resumen.2024[0].todos"),
    ],
    ids=["sectorial", "vinculado_programas", "todos"],
)
@pytest.mark.parametrize("escrito", ["yes", "no", "On", "OFF", "true", "False"])
def test_a_boolean_is_true_or_false_for_the_editor_and_validar(
    cli, validador, tmp_path, spec, cambio, campo, escrito
):
    """YAML 1.1 (PyYAML, `validar`) reads `yes`, `no`, `on`, `off` as booleans; YAML 1.2, the
    editors', as texts, which the schema refuses where true/false goes. `validar` accepted them."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    cambio(data, SI)
    archivo = tmp_path / spec.name
    texto = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    archivo.write_text(texto.replace(f"'{SI}'", escrito).replace(SI, escrito), encoding="utf-8")
    booleano = escrito.lower() in ("true", "false")
    editor = json.loads(json.dumps(_como_yaml_12(data, escrito), default=str))
    if booleano:
        editor = _datos(archivo)
    assert validador.is_valid(editor) is booleano
    r = cli("validar", str(archivo))
    assert r.code == (0 if booleano else 2), r.err
    if not booleano:
        patron = (
            rf"^{re.escape(str(archivo))}:\d+:\d+: {re.escape(campo)}: se esperaba true o false"
        )
        assert any(re.match(patron, linea) for linea in r.err.splitlines()), r.err


@pytest.mark.parametrize(
    ("valor", "valida"),
    [
        ("indirecto", True),
        (["Directo", "indirecto"], True),  # any spelling validar accepts
        ("indirecta", False),
        (["directo", "otro"], False),
        (True, False),
    ],
)
def test_an_enunciado_names_a_category_of_the_attribute_it_counts(
    cli, validador, tmp_path, valor, valida
):
    """`valor` of a count of `proposito_derecho_social` over the programs is one of its
    categories (directo | indirecto) for both: the schema took any text."""
    data = yaml.safe_load(ISSSTE.read_text(encoding="utf-8"))
    enunciado = _enunciado0(data)
    assert enunciado["atributo"] == "proposito_derecho_social"
    enunciado["valor"] = valor
    archivo = tmp_path / ISSSTE.name
    archivo.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert validador.is_valid(_datos(archivo)) is valida
    r = cli("validar", str(archivo))
    assert r.code == (0 if valida else 2), r.err
    if not valida:
        patron = rf"^{re.escape(str(archivo))}:\d+:\d+: resumen\.2024\[0\]\.valor(\[\d\])?: valor"
        assert any(re.match(patron, linea) for linea in r.err.splitlines()), r.err
