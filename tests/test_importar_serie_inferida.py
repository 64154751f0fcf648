"""`importar avance` into an indicator whose spec marks a whole series deduced (`inferido:
[metas]`): afterwards, what the spec says is inferred is exactly what is. Real SHCP rows
(`avance_indicadores_muestra.csv`, 11-E015 A1, 2013: meta 100, valor 100)."""

from __future__ import annotations

import json

from conftest import SHARED

AVANCE = SHARED / "data" / "shcp" / "avance_indicadores_muestra.csv"
META_2013 = "  metas:\n    2013:\n      meta: 100\n      meta_modificada: 100\n"
VALOR_2013 = "      valor: 100\n"


def _spec(cli, tmp_path, metas: str) -> tuple[str, object]:
    """11-E015 as `importar avance` writes it, then edited by a person: its metas deduced."""
    out = tmp_path / "specs"
    r = cli("importar", "avance", str(AVANCE), "--clave", "E015", "--salida", str(out))
    assert r.code == 0, r.err
    ruta = out / "11" / "E015.yaml"
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count(META_2013) == 1 and texto.endswith("'\n")  # (metas: the last key)
    ruta.write_text(texto[: texto.index(META_2013)] + metas, encoding="utf-8")
    return str(out), ruta


def _importar(cli, specs, *args):
    return cli("importar", "avance", str(AVANCE), "--clave", "E015", "--salida", specs, *args)


def _notas(cli, specs) -> dict[int, str]:
    r = cli("cumplimiento", "E015", "--specs", specs, "-f", "json")
    assert r.code == 0, r.err
    return {f["anio"]: f["nota"] or "" for f in json.loads(r.out)}


def test_a_series_replaced_whole_is_no_longer_inferred(cli, tmp_path):
    specs, ruta = _spec(
        cli,
        tmp_path,
        "  inferido: [sentido, metas]  # del informe\n  metas:\n    2013:\n      meta: 95\n"
        "      valor: 100\n",
    )
    assert "metas inferidas" in _notas(cli, specs)[2013]
    r = _importar(cli, specs, "--reemplazar")
    assert r.code == 0, r.err
    assert "Ya no inferidos: mir[A1].metas de 11-E015" in r.out
    texto = ruta.read_text(encoding="utf-8")
    assert "inferido: [sentido]" in texto and "# del informe" in texto
    assert "meta: 100" in texto
    assert "metas inferidas" not in _notas(cli, specs)[2013]  # SHCP printed it


def test_a_year_replaced_in_a_series_still_deduced_is_not_written(cli, tmp_path):
    # It used to write 2013's meta 100 and keep `inferido: [metas]`: the 2013 cumplimiento
    # (100 %) said «descansa en: metas inferidas (no impresas)» of SHCP's printed meta.
    deducidas = (
        "  inferido: [metas]\n  metas:\n    2012:\n      meta: 90\n      valor: 85\n"
        "    2013:\n      meta: 95\n"
    )
    specs, ruta = _spec(cli, tmp_path, deducidas)
    r = _importar(cli, specs, "--reemplazar")
    assert r.code == 1, r.err  # (a conflict --reemplazar does not settle)
    assert (
        "mir[A1].metas.2013.meta: el archivo dice 95, la fuente 100 (no se importa, ni con" in r.err
    )
    assert "sus metas de 2012 siguen siendo deducidas" in r.err
    # (and its meta_modificada, which the file did not have)
    assert "2 cifras de una serie que la spec marca `inferido` y que seguirían marcadas" in r.out
    texto = ruta.read_text(encoding="utf-8")  # the spec still says what is: the other
    assert "inferido: [metas]" in texto and "meta: 95" in texto  # figures of 2013 imported
    assert "meta: 100" not in texto and "meta_modificada" not in texto
    assert all("metas inferidas" in n for n in _notas(cli, specs).values())


def test_a_year_added_beside_a_deduced_series_leaves_its_meta_out(cli, tmp_path):
    specs, ruta = _spec(
        cli, tmp_path, "  inferido: [metas]\n  metas:\n    2012: {meta: 90, valor: 85}\n"
    )
    r = _importar(cli, specs)
    assert r.code == 1, r.err
    assert "mir[A1].metas.2013.meta: el archivo dice sin esa cifra, la fuente 100" in r.err
    texto = ruta.read_text(encoding="utf-8")
    assert "inferido: [metas]" in texto and "meta: 100" not in texto
    assert VALOR_2013 in texto  # (the valores are no deduced series: imported)


def test_an_unmarked_series_is_imported_as_before(cli, tmp_path):
    specs, ruta = _spec(cli, tmp_path, "  metas:\n    2013:\n      meta: 95\n")
    r = _importar(cli, specs, "--reemplazar")
    assert r.code == 0, r.err
    assert "meta: 100" in ruta.read_text(encoding="utf-8")
