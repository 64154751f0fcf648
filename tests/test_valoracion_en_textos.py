"""A valoración is printed one way in every text for people, as its column prints it: as
recorded, with at least CONEVAL's 3 decimals (`numfmt.fmt_escrito`: 0.55 → «0.550»). The
InMonitoreo's nota said «subíndice (0.55)» beside a column «0.550», `verificar` «0.53 es
«Básico»» beside a ficha's «0.530», and the recorded InMonitoreo `verificar` compares was its
binary float at 3 decimals (a recorded 0.5615 was «0.561», and matched a computed 0.5611)."""

from __future__ import annotations

import shutil

import issste_mon as im
from issste_mon.carga.loader import bundled_specs_dir


def _specs(tmp_path, archivo: str, viejo: str, nuevo: str) -> str:
    """The bundled specs with `viejo` replaced by `nuevo` once in `archivo`."""
    folder = tmp_path / "specs"
    shutil.copytree(bundled_specs_dir(), folder)
    path = folder / archivo
    texto = path.read_text(encoding="utf-8")
    assert texto.count(viejo) == 1, viejo
    path.write_text(texto.replace(viejo, nuevo), encoding="utf-8")
    return str(folder)


def _veredicto(specs, clave: str, campo: str) -> dict:
    (fila,) = [
        r
        for r in im.verificar(specs, clave).tabla.to_records()
        if r["campo"] == campo and r["clave"] == clave
    ]
    return fila


def test_the_inmonitoreo_s_nota_prints_the_subindice_as_its_column(cli):
    r = cli("monitoreo", "ISSSTE", "-f", "tsv")
    filas = [dict(zip(*(f.split("\t") for f in (r.out.splitlines()[0], linea)), strict=True))
             for linea in r.out.splitlines()[1:]]  # fmt: skip
    (inm,) = [f for f in filas if f["ambito"] == "InMonitoreo"]
    assert inm["nota"].startswith(
        "calculado de 9 programas (los de programas_sociales 2024) y el subíndice: 0.5 × "
        "promedio de los programas (0.5722…) + 0.5 × subíndice (0.550) (ponderación: inferido "
        "de la metodología)"
    )
    r = cli("monitoreo", "ISSSTE", "-f", "tabla")  # (for people: the column says the same)
    assert "subíndice dependencia  ISSSTE  2024       0.550  Medio" in r.out


def test_verificar_s_reason_prints_the_valoracion_as_the_ficha(tmp_path, cli):
    """E018 recorded at 0.53 with «Básico» printed: Medio by the supuesto cut, but another cut
    as consistent with the published pairs gives Básico, so «no verificable», saying why."""
    folder = _specs(
        tmp_path,
        "E018.yaml",
        "valoracion: 0.547, publicado: {nivel: Medio}",
        "valoracion: 0.53, publicado: {nivel: Básico}",
    )
    fila = _veredicto(im.cargar(folder), "E018", "monitoreo.2024.publicado.nivel")
    assert fila["veredicto"] == "no verificable"
    assert fila["motivo"].startswith(
        "con otro corte tan compatible con las cifras publicadas como el supuesto, 0.530 es "
        "«Básico»: nivel según el corte supuesto de Medio (0.53)"
    )
    r = cli("ficha", "E018", "--specs", folder, "-o", str(tmp_path / "f.md"))
    assert r.code == 0, r.err
    ficha = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert "**Nivel de monitoreo 2024:** Medio (0.530; nivel según un corte supuesto)" in ficha
    assert "0.530 es «Básico»" in ficha and "0.53 es" not in ficha


def test_verificar_compares_the_inmonitoreo_as_recorded(tmp_path):
    folder = _specs(tmp_path, "ISSSTE.yaml", "inmonitoreo: 0.561 ", "inmonitoreo: 0.5615 ")
    fila = _veredicto(im.cargar(folder), "ISSSTE", "monitoreo.2024.inmonitoreo")
    assert (fila["publicado_texto"], fila["calculado"], fila["veredicto"]) == (
        "0.5615",
        "0.5611",
        "difiere",
    )
    fila = _veredicto(im.cargar(), "ISSSTE", "monitoreo.2024.inmonitoreo")  # (as published: 0.561)
    assert (fila["publicado_texto"], fila["calculado"]) == ("0.561", "0.561")


def test_the_rank_s_nota_names_the_inmonitoreo_as_recorded_and_as_verificar_judges_it(tmp_path):
    """`monitoreo`'s «lugar publicado: el de la valoración publicada, …» printed a recorded
    0.5615 as «0.562» and compared at 3 decimals: a recorded 0.5614 beside the computed 0.5611
    said nothing, where `verificar` says the two differ. It names the value as recorded, and
    whenever `verificar` says «difiere»."""
    for registrada, dice in (("0.5615", True), ("0.5614", True), ("0.561", False)):
        (tmp_path / registrada).mkdir()
        nuevo = f"inmonitoreo: {registrada} "
        specs = im.cargar(
            _specs(tmp_path / registrada, "ISSSTE.yaml", "inmonitoreo: 0.561 ", nuevo)
        )
        fila = _veredicto(specs, "ISSSTE", "monitoreo.2024.inmonitoreo")
        assert fila["publicado_texto"] == registrada
        assert (fila["veredicto"] == "difiere") is dice
        (inm,) = [
            r
            for r in im.monitoreo(specs, "ISSSTE").to_records()
            if r["ambito"] == "InMonitoreo" and r["anio"] == 2024
        ]
        nota = f"lugar publicado: el de la valoración publicada, {registrada}"
        assert (nota in inm["nota"]) is dice, inm["nota"]
        assert ("lugar publicado" in inm["nota"]) is dice
