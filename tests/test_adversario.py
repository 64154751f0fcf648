"""Inputs written the way people really write them, that once gave a wrong figure with exit 0
or a message that misread the spec (an adversarial pass over the loader and its avisos)."""

from __future__ import annotations

from pathlib import Path

import pytest

_SPEC = """\
clave: E999
ramo: 51
nombre: Prueba
poblaciones:
  2023:
    unidad_medida: Personas
    potencial: {potencial}
    objetivo: 500
    atendida: {atendida}
mir:
  - id: P1
    nivel: Propósito
    nombre: Ind
    sentido: ascendente
    metas:
      2023: {{meta: {meta}, valor: {valor}}}
"""


def _spec(tmp_path, potencial="1000", atendida="450", meta="100", valor="90"):
    path = tmp_path / "E999.yaml"
    path.write_text(
        _SPEC.format(potencial=potencial, atendida=atendida, meta=meta, valor=valor),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("campo", "escrito", "col", "dice"),
    [
        (
            "valor",
            "1,234",
            32,
            "se leería 1 y la clave «234» sin valor; escriba el número sin comas de miles "
            "(1234), o con punto decimal si la coma lo es (1.234)",
        ),
        (
            "meta",
            "1,000",
            20,
            "se leería 1 y la clave «000» sin valor; escriba el número sin comas de miles "
            "(1000), o con punto decimal si la coma lo es (1.000)",
        ),
        (
            "valor",
            "-1,234,567.5",
            32,
            "se leería -1 y la clave «234» sin valor; escriba el número sin comas de miles "
            "(-1234567.5)",
        ),
        (
            "valor",
            "89,5",
            32,
            "se leería 89 y la clave «5» sin valor; el separador decimal es el punto (89.5)",
        ),
    ],
)
def test_a_number_with_commas_inside_braces_is_an_error_not_another_figure(
    cli, tmp_path, campo, escrito, col, dice
):
    # `{meta: 100, valor: 1,234}` is `valor: 1` and a key `234` to YAML: cumplimiento printed
    # 1 % «Bajo» with exit 0 (89 % for `89,5`), and the only hint was
    # «mir[0].metas.2023.234: clave desconocida»
    path = _spec(tmp_path, **{campo: escrito})
    r = cli("cumplimiento", "--specs", str(path), "-f", "csv")
    assert r.code == 2 and "Traceback" not in r.err and r.out == ""
    assert r.err.strip() == (
        f"{path}:16:{col}: mir[0].metas.2023.{campo}: «{escrito}»: entre llaves {{…}} la coma "
        f"separa entradas, y {dice}"
    )


def test_a_decimal_comma_in_the_methodology_is_an_error_too(cli, tmp_path):
    from issste_mon.metodologia import default_path

    texto = Path(default_path()).read_text(encoding="utf-8")
    assert "{nivel: Medio, desde: 0.53}" in texto
    met = tmp_path / "m.yaml"
    met.write_text(texto.replace("desde: 0.53}", "desde: 0,53}"), encoding="utf-8")
    r = cli("monitoreo", "--metodologia", str(met), "-f", "csv")
    assert r.code == 2 and r.out == ""
    assert "«0,53»: entre llaves {…} la coma separa entradas" in r.err
    assert "el separador decimal es el punto (0.53)" in r.err


def test_a_number_without_commas_in_braces_still_reads(cli, tmp_path):
    path = _spec(tmp_path, valor="1234")
    r = cli("cumplimiento", "--specs", str(path), "-f", "csv", "-c", "valor,cumplimiento_pct")
    assert r.code == 0 and r.out.splitlines()[1] == "1234,1234"


def test_an_aviso_names_each_figure_as_the_spec_wrote_it(cli, tmp_path):
    # PA 500.004 over PO 500: the aviso said «la población atendida (500.00) es mayor que la
    # objetivo (500)», two figures that read equal; and a PP of 1.234 was «(1.23)»
    path = _spec(tmp_path, atendida="500.004", potencial="1.234")
    r = cli("validar", str(path))
    assert r.code == 0
    assert "la población atendida (500.004) es mayor que la objetivo (500)" in r.err
    assert "la población objetivo (500) es mayor que la potencial (1.234)" in r.err


def test_a_repeated_clave_is_located_by_every_command_not_only_validar(cli, tmp_path):
    # validar said «x/E999.yaml:1:8: clave: …»; cobertura, cumplimiento… said «x/E999.yaml: clave»
    _spec(tmp_path)
    (tmp_path / "x").mkdir()
    _spec(tmp_path / "x")
    esperado = f'{tmp_path}/x/E999.yaml:1:8: clave: "E999" ya está definido en {tmp_path}/E999.yaml'
    for orden in (("validar", str(tmp_path)), ("cobertura", "--specs", str(tmp_path))):
        r = cli(*orden)
        assert r.code == 2 and r.err.strip() == esperado, orden


@pytest.mark.parametrize(
    ("publicado", "veredicto", "calculado"),
    [
        ('atendida: "450"', "coincide por construcción", "450"),
        ('atendida: "451"', "difiere", "450"),
    ],
)
def test_a_printed_population_of_its_own_year_is_checked_not_unknown(
    cli, tmp_path, publicado, veredicto, calculado
):
    # `publicado: {atendida: "451"}` beside `atendida: 450` validates, and verificar called it
    # «no verificable: tipo de cifra desconocido «atendida»», hiding a population copied wrong
    path = _spec(tmp_path)
    texto = path.read_text(encoding="utf-8")
    path.write_text(
        texto.replace(
            "    atendida: 450\n", f"    atendida: 450\n    publicado: {{{publicado}}}\n"
        ),
        encoding="utf-8",
    )
    r = cli("verificar", "--specs", str(path), "-f", "csv", "-c", "cifra,valor_calculado,veredicto")
    assert r.out.splitlines()[1:] == [f"Población atendida 2023,{calculado},{veredicto}"]
    assert r.code == (1 if veredicto == "difiere" else 0)


@pytest.mark.parametrize(
    ("publicado", "fila"),
    [
        ('meta: "100"', "Meta P1 (Propósito) 2023,100,coincide por construcción"),
        ('valor: "90.5"', "Valor P1 (Propósito) 2023,90,difiere"),
    ],
)
def test_an_indicators_printed_meta_or_valor_is_checked_not_unknown(cli, tmp_path, publicado, fila):
    path = _spec(tmp_path, valor=f"90, publicado: {{{publicado}}}")
    r = cli("verificar", "--specs", str(path), "-f", "csv", "-c", "cifra,valor_calculado,veredicto")
    assert r.out.splitlines()[1:] == [fila]


def _monitoreo(tmp_path, valoracion: str, nivel: str):
    path = tmp_path / "E999.yaml"
    path.write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\nmonitoreo:\n"
        f"  2024: {{valoracion: {valoracion}, publicado: {{nivel: {nivel}}}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("valoracion", "nivel", "fila", "codigo"),
    [
        # the supuesto cut of Medio is 0.53 and the published pairs only place it in
        # (0.515, 0.547]: Medio at 0.5299 is what a cut of 0.52 would give, not a difference
        (
            "0.5299",
            "Medio",
            'Medio,,no verificable,"con otro corte tan compatible con las cifras publicadas '
            "como el supuesto, 0.5299 es «Medio»: nivel según el corte supuesto de Medio "
            '(0.53): lo publicado solo lo sitúa entre 0.515 y 0.547"',
            0,
        ),
        ("0.52", "Adecuado", "Adecuado,Básico,difiere,", 1),  # no consistent cut gives it
        ("0.515", "Medio", "Medio,Básico,difiere,", 1),  # E042 0.515 was printed Básico
    ],
)
def test_a_level_another_consistent_cut_would_give_is_not_a_difference(
    cli, tmp_path, valoracion, nivel, fila, codigo
):
    path = _monitoreo(tmp_path, valoracion, nivel)
    columnas = "publicado_texto,valor_calculado,veredicto,motivo"
    r = cli("verificar", "--specs", str(path), "-f", "csv", "-c", columnas)
    assert r.out.splitlines()[1:] == [fila] and r.code == codigo


def test_the_average_keeps_the_side_of_the_band_its_rows_are_on(cli, tmp_path):
    # one indicator at 89.9999999999999 %, Bajo: the summary said «Promedio de cumplimiento:
    # 90.00 %» beside «Bajo 1, Adecuado 0», while the table showed all its decimals
    path = _spec(tmp_path, valor="89.9999999999999")
    r = cli("cumplimiento", "--specs", str(path), "-f", "csv")
    assert r.code == 0
    assert "Promedio de cumplimiento: 89.9999999999999 %, promedio de 1 indicador" in r.err
    assert "Bajo 1, Adecuado 0, Alto 0." in r.err
    r = cli("cumplimiento", "--specs", str(_spec(tmp_path, valor="89.996")), "-f", "csv")
    assert "Promedio de cumplimiento: 89.996 %" in r.err
    r = cli("cumplimiento", "--specs", str(_spec(tmp_path, valor="94.9")), "-f", "csv")
    assert "Promedio de cumplimiento: 94.90 %" in r.err  # away from a cut: two decimals


@pytest.mark.parametrize(
    ("fuente", "aviso"),
    [
        # the year's own fuente was skipped: this 2023 valor cites a 2017-2018 document
        ('"FMyE 2017-2018"', "que solo nombra años hasta 2018"),
        ('"FMyE 2021-22"', "que solo nombra años hasta 2022"),
        ('"FMyE 2022-23"', None),  # a span written short names its second year
        ('"Informe 1999-00, 2022-2023"', None),
    ],
)
def test_a_valor_is_checked_against_the_fuente_its_row_cites(cli, tmp_path, fuente, aviso):
    path = _spec(tmp_path, valor=f"90, fuente: {fuente}")
    r = cli("validar", str(path))
    assert r.code == 0
    if aviso is None:
        assert "aviso" not in r.err, r.err
    else:
        assert (
            f"{path}:16:32: mir[0].metas.2023.valor: aviso: el valor alcanzado de 2023 cita"
            in r.err
        )
        assert aviso in r.err


def test_a_short_span_in_an_indicators_fuente_names_its_second_year(cli, tmp_path):
    # «FMyE 2022-23» names 2023: the aviso said it «solo nombra años hasta 2022»
    path = _spec(tmp_path)
    texto = path.read_text(encoding="utf-8")
    path.write_text(
        texto.replace(
            "    sentido: ascendente\n", "    sentido: ascendente\n    fuente: FMyE 2022-23\n"
        ),
        encoding="utf-8",
    )
    r = cli("validar", str(path))
    assert r.code == 0 and "aviso" not in r.err, r.err


def test_a_spec_with_an_uppercase_extension_is_named_not_skipped_in_silence(cli, tmp_path):
    # `E999.YAML` beside `E045.yaml`: «1 archivo válido.» and E999 missing from every table
    import shutil

    from conftest import REPO

    (tmp_path / "E999.YAML").write_text(
        _SPEC.format(potencial=1000, atendida=450, meta=100, valor=90)
    )
    aviso = (
        f"{tmp_path}/E999.YAML: aviso: se omite: la extensión «.YAML» va en minúsculas "
        "(.yaml o .yml); renómbrelo a E999.yaml"
    )
    # alone, the folder has nothing to read: an error that names it, not an empty table
    r = cli("programas", "--specs", str(tmp_path), "-f", "csv")
    assert r.code == 2 and r.out == ""
    assert r.err.strip() == (
        f"{tmp_path}: la carpeta no contiene specs (*.yaml); {aviso.replace(': aviso: ', ': ', 1)}"
    )
    shutil.copy(REPO / "specs" / "E045.yaml", tmp_path / "E045.yaml")
    r = cli("validar", str(tmp_path))
    assert r.code == 0 and aviso in r.err and "1 archivo válido, 1 aviso." in r.err


@pytest.mark.parametrize(
    ("sentido", "semaforo", "orden"),
    [
        ("ascendente", "{verde: 70, rojo: 90}", "menor"),
        ("descendente", "{verde: 95, rojo: 85}", "mayor"),
    ],
)
def test_semaforo_thresholds_in_the_other_sentidos_order_give_no_colour(
    cli, tmp_path, sentido, semaforo, orden
):
    # an ascendente valor of 80 with verde 70 and rojo 90 is «≥ verde» and «< rojo» at once:
    # the column said «Verde» (the first test run), as if the thresholds could be read
    path = _spec(tmp_path, valor=f"90, semaforo: {semaforo}")
    path.write_text(path.read_text(encoding="utf-8").replace("ascendente", sentido))
    r = cli("cumplimiento", "--specs", str(path), "-f", "csv", "-c", "valor,semaforo")
    assert r.code == 0 and r.out.splitlines()[1:] == ["90,"]
    verde, rojo = semaforo.strip("{}").replace("verde: ", "").replace("rojo: ", "").split(", ")
    assert (
        f"{path}:16:54: mir[0].metas.2023.semaforo.verde: aviso: umbrales del semáforo al revés "
        f"para un indicador {sentido}: verde ({verde}) {orden} que rojo ({rojo})"
    ) in r.err


def test_semaforo_thresholds_in_order_still_colour(cli, tmp_path):
    path = _spec(tmp_path, valor="90, semaforo: {verde: 95, rojo: 70}")
    r = cli("cumplimiento", "--specs", str(path), "-f", "csv", "-c", "valor,semaforo")
    assert r.code == 0 and r.out.splitlines()[1:] == ["90,Amarillo"] and "aviso" not in r.err


def test_a_ficha_does_not_chart_amounts_in_different_price_bases_side_by_side(cli, tmp_path):
    # 2016 in constant 2012 prices, 2017 in current ones: the chart drew both amounts as bars on
    # one axis (a comparison the bases do not allow) under «precios constantes 2012, corrientes»
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "E999.yaml").write_text(
        "clave: E999\nramo: 51\nnombre: Prueba\npresupuesto:\n"
        "  2016: {ejercido: 2712.44, ramo: 213827.70, precios: constantes 2012}\n"
        "  2017: {ejercido: 3531.93, ramo: 317054.66, precios: corrientes}\n",
        encoding="utf-8",
    )
    destino = tmp_path / "f.md"
    r = cli("ficha", "E999", "--specs", str(specs), "-o", str(destino))
    assert r.code == 0, r.err
    md = destino.read_text(encoding="utf-8")
    assert "![Participación en el ramo (bases de precios distintas)](f-g-presupuesto.svg)" in md
    assert (
        "_Gráfica: Los años están en bases de precios distintas (constantes 2012; corrientes): "
        "sus montos no se comparan, y se muestra la participación en el ramo, que no depende de "
        "la base. 2016: 2,712.44 MDP (constantes 2012), 1.27 % del ramo; 2017: 3,531.93 MDP "
        "(corrientes), 1.11 % del ramo._"
    ) in md
    assert "precios constantes 2012, corrientes" not in md
    assert "cada año en su base de precios (columna Precios)." in md
    svg = (tmp_path / "f-g-presupuesto.svg").read_text(encoding="utf-8")
    assert ">1.27 %</text>" in svg and ">2,712.44</text>" not in svg  # shares, not amounts


@pytest.mark.parametrize(
    ("escrito", "pista"),
    [
        (
            '"1,234"',
            ": escriba el número sin comas de miles (1234), o con punto decimal si la coma lo "
            "es (1.234)",
        ),
        ('"14,756,442"', ": escriba el número sin comas de miles (14756442)"),
        ('"89,5"', ": el separador decimal es el punto (89.5)"),
        ("95%", ": escriba el número sin «%» (95)"),
        ("n.d.", ": escriba ND (no disponible) o NA (no aplica)"),
        ('"5o3"', ""),
    ],
)
def test_a_figure_written_as_documents_print_it_says_how_to_write_it(cli, tmp_path, escrito, pista):
    path = _spec(tmp_path, valor=escrito)
    r = cli("validar", str(path))
    texto = escrito.strip('"')
    assert r.code == 2
    campo = f"{path}:16:32: mir[0].metas.2023.valor"
    assert r.err.strip() == f'{campo}: se esperaba un número o ND/NA, se encontró "{texto}"{pista}'
