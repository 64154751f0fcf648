"""Writes the generated part of the hostile corpus (issue 17) and prints its esperado.tsv rows.

    python tests/hostiles/generar.py > /tmp/filas.tsv

Families: terminal escapes (CSI, OSC 8/52, C1, BEL, backspace), bidi overrides, rich markup
and Markdown/HTML in every text the tool shows — inside valid specs (they must be shown
escaped by every command) and inside invalid values (the error message echoes them, escaped);
UTF-16/32 without BOM; numbers and keys that once broke a message.
"""

from __future__ import annotations

from pathlib import Path

AQUI = Path(__file__).resolve().parent

# name → (YAML double-quoted text, how issste-mon shows it)
HOSTIL = {
    "csi-borrar-pantalla": (r"\e[2J", r"\x1b[2J"),
    "csi-borrar-linea": (r"ok\r\e[2K", r"ok\r\x1b[2K"),
    "csi-cursor-arriba": (r"\e[1A\e[2K", r"\x1b[1A\x1b[2K"),
    "osc52-portapapeles": (r"\e]52;c;aGFjaw==\a", r"\x1b]52;c;aGFjaw==\x07"),
    "osc8-enlace": (
        r"\e]8;;https://ejemplo.invalid\e\\clic",
        r"\x1b]8;;https://ejemplo.invalid\x1b\clic",
    ),
    "osc-titulo": (r"\e]0;titulo\a", r"\x1b]0;titulo\x07"),
    "c1-csi": (r"\x9b2J", r"\x9b2J"),
    "c1-osc": (r"\x9d52;c;x\x9c", r"\x9d52;c;x\x9c"),
    "bel": (r"timbre\a", r"timbre\x07"),
    "retroceso": (r"abc\b\b\bxyz", r"abc\x08\x08\x08xyz"),
    "del": (r"a\x7fb", r"a\x7fb"),
    "nulo-escapado": (r"a\0b", r"a\x00b"),
    "tabulador-vertical": (r"a\vb\fc", r"a\x0bb\x0cc"),
    "rlo": (r"\u202Egnp.exe", r"\u202egnp.exe"),
    "lri-pdi": (r"\u2066abc\u2069", r"\u2066abc\u2069"),
    "marca-rtl": (r"\u200Fabc\u200E", r"\u200fabc\u200e"),
    "marca-arabe": (r"\u061Cabc", r"\u061cabc"),
    "separador-linea": (r"a\u2028b", r"a\u2028b"),
    "markup-cierre": ("[/red]", "[/red]"),
    "markup-enlace": (
        "[link=https://ejemplo.invalid]clic[/link]",
        "[link=https://ejemplo.invalid]clic[/link]",
    ),
    "markup-estilo": ("[bold blink red]x", "[bold blink red]x"),
    "markup-vacio": ("[/]", "[/]"),
    "emoji": (":warning: :smile:", ":warning: :smile:"),
}
# The value fields whose error message quotes the value (nivel/sentido/tipo: vocabulary; meta:
# a number; clave: the key pattern).
ERRORES = {
    "nivel": ('  - id: P1\n    nivel: "{v}"\n', 'valor desconocido "{s}" para nivel'),
    "sentido": ('    sentido: "{v}"\n', 'valor desconocido "{s}" para sentido'),
    "meta": ('      2023: {{meta: "{v}", valor: 9.5}}\n', 'se encontró "{s}"'),
    "anio": ('  "{v}":\n', "se esperaba un año"),
}
BASE = """\
clave: {clave}
ramo: 51
nombre: "{nombre}"
poblaciones:
{anio}    unidad_medida: "{unidad}"
    potencial: 1000
    objetivo: 500
    atendida: 450
presupuesto:
  2023: {{ejercido: 12.5, ramo: 1000.0}}
mir:
{mir_id}{mir_sentido}    nombre: "{mir_nombre}"
    metas:
{meta}"""


def spec(
    clave="E999",
    nombre="Programa de prueba",
    unidad="Personas",
    mir_nombre="Indicador",
    anio="  2023:\n",
    mir_id="  - id: P1\n    nivel: Propósito\n",
    mir_sentido="    sentido: ascendente\n",
    meta="      2023: {meta: 10, valor: 9.5}\n",
):
    return BASE.format(**locals())


def main() -> None:
    filas = []
    # 1. invalid values that the message echoes: shown escaped, one line, exit 2
    for campo, (yaml_t, frag_t) in ERRORES.items():
        for nombre, (v, s) in HOSTIL.items():
            if campo == "anio" and nombre not in (
                "csi-borrar-pantalla",
                "osc52-portapapeles",
                "rlo",
                "markup-cierre",
                "c1-csi",
            ):
                continue
            archivo = f"eco-{campo}-{nombre}.yaml"
            extra = {"nivel": "mir_id", "sentido": "mir_sentido", "meta": "meta", "anio": "anio"}
            texto = yaml_t.format(v=v)
            if campo == "nivel":
                pass
            doc = spec(**{extra[campo]: texto})
            (AQUI / archivo).write_text(doc, encoding="utf-8")
            filas.append(
                (
                    archivo,
                    2,
                    frag_t.format(s=s),
                    f"{campo} con {nombre}: el mensaje lo muestra escapado",
                )
            )
    # 2. valid specs with hostile text where commands show it: exit 0 (E906…)
    n = 906
    for campo in ("nombre", "unidad", "mir_nombre"):
        for nombre, (v, _s) in HOSTIL.items():
            if campo != "nombre" and nombre not in (
                "csi-borrar-pantalla",
                "osc52-portapapeles",
                "osc8-enlace",
                "rlo",
                "markup-cierre",
                "markup-enlace",
                "c1-csi",
                "bel",
            ):
                continue
            clave = f"E{n}"
            n += 1
            (AQUI / f"{clave}.yaml").write_text(spec(clave=clave, **{campo: v}), encoding="utf-8")
            filas.append(
                (
                    f"{clave}.yaml",
                    0,
                    "1 archivo válido",
                    f"{campo} con {nombre}: válido; todo comando lo muestra escapado",
                )
            )
    # 2b. component units: `cobertura` names them in an aviso (the printer that crashed on
    # «[/red]» with a traceback)
    for nombre in ("markup-cierre", "markup-enlace", "csi-borrar-pantalla", "rlo", "osc8-enlace"):
        v = HOSTIL[nombre][0]
        clave = f"E{n}"
        n += 1
        comps = (
            "    componentes:\n"
            f'      - {{nombre: "{v}", unidad_medida: "{v}", potencial: 10, objetivo: 5, '
            "atendida: 4}\n"
            "      - {nombre: Otro, unidad_medida: Personas, potencial: 10, objetivo: 5, "
            "atendida: 4}\n"
        )
        doc = spec(clave=clave)
        doc = doc.replace(
            '    unidad_medida: "Personas"\n    potencial: 1000\n    objetivo: 500\n'
            "    atendida: 450\n",
            comps,
        )
        (AQUI / f"{clave}.yaml").write_text(doc, encoding="utf-8")
        filas.append(
            (
                f"{clave}.yaml",
                0,
                "1 archivo válido",
                f"unidad de componente con {nombre}: el aviso de `cobertura` la muestra escapada",
            )
        )
    # 3. encodings without BOM
    base = spec().replace("E999", "E998")
    for cod in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        archivo = f"{cod.replace('-le', 'le').replace('-be', 'be')}-sin-bom.yaml"
        (AQUI / archivo).write_bytes(base.encode(cod))
        nombre = cod.replace("-le", "le").replace("-be", "be")
        filas.append(
            (
                archivo,
                2,
                f"iconv -f {nombre} -t utf-8",
                f"{nombre.upper()} sin BOM: la pista de iconv correcta",
            )
        )
    (AQUI / "utf32-bom.yaml").write_bytes(base.encode("utf-32"))
    filas.append(("utf32-bom.yaml", 2, "iconv -f utf-32 -t utf-8", "UTF-32 con BOM"))
    # 4. numbers and keys
    (AQUI / "entero-5000-digitos.yaml").write_text(
        spec().replace("potencial: 1000", "potencial: " + "9" * 5000), encoding="utf-8"
    )
    filas.append(
        (
            "entero-5000-digitos.yaml",
            2,
            "poblaciones.2023.potencial: YAML no válido: número demasiado largo (5,000 cifras)",
            "entero de 5000 dígitos (int() de Python fallaría)",
        )
    )
    (AQUI / "float-1e400.yaml").write_text(
        spec().replace("potencial: 1000", "potencial: 1.0e+400"), encoding="utf-8"
    )
    filas.append(("float-1e400.yaml", 2, "fuera del rango", "1.0e+400 es infinito"))
    (AQUI / "clave-mapeo.yaml").write_text(spec() + "? {a: 1}\n: c\n", encoding="utf-8")
    filas.append(
        (
            "clave-mapeo.yaml",
            2,
            "una lista o un mapeo no puede ser una clave",
            "un mapeo como clave: sin objetos internos de YAML en el mensaje",
        )
    )
    (AQUI / "clave-lista-anidada.yaml").write_text(
        spec().replace("presupuesto:\n", "presupuesto:\n  ? [2023, 2024]\n  : 1\n"),
        encoding="utf-8",
    )
    filas.append(
        (
            "clave-lista-anidada.yaml",
            2,
            "una lista o un mapeo no puede ser una clave",
            "una lista como clave dentro de presupuesto",
        )
    )
    (AQUI / "clave-escape-nombre-archivo.yaml").write_text(spec(), encoding="utf-8")
    filas.append(
        (
            "clave-escape-nombre-archivo.yaml",
            2,
            "no coincide con el nombre del archivo",
            "clave distinta del nombre del archivo",
        )
    )
    for f in filas:
        print("\t".join(str(x) for x in f))


if __name__ == "__main__":
    main()
