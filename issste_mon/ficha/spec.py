"""Spec format v1.2: the FMyE's narrative blocks (`fmye:`) and `evaluaciones:`, validated.

Called by the loader (build.py) with its checked `Node`, so every problem carries the spec's
file:line like any other field. All keys are optional; nothing here computes a figure.
"""

from __future__ import annotations

from issste_mon.carga import definiciones as d
from issste_mon.carga.campos import Node, describe
from issste_mon.modelo import Contacto, Evaluacion, Fmye, Punto

# The FMyE's narrative blocks (`Fmye.textos`) and numbered lists (`Fmye.puntos`), by key.
TEXTOS = (
    "descripcion",
    "resultados",
    "poblacion_objetivo",
    "analisis_cobertura",
    "analisis_sector",
    "nota_presupuesto",
)
# Letters the FMyE prints before each item: (F) fortaleza, (O) oportunidad, (D)…, (A)…
TIPOS = {"fortalezas": ("F", "O"), "debilidades": ("D", "A")}
CONTACTO = ("unidad", "rol", "nombre", "telefono", "email")


def evaluaciones(root: Node) -> list[Evaluacion]:
    out = []
    for _, node in root.mappings("evaluaciones"):
        out.append(Evaluacion(ruta=node.path, **d.leer(node, d.EVALUACION)))
        node.finish()
    return out


def _puntos(node: Node, key: str, tipos: tuple[str, ...] = (), avance: bool = False) -> list:
    """A list whose items are a text, or a mapping {texto, tipo?, avance?}."""
    value = node.data.get(key)
    node.mark_known(key)
    if value is None:
        return []
    path = node.path + (key,)
    if not isinstance(value, list):
        node.out.error(path, f"se esperaba una lista, se encontró {describe(value)}")
        return []
    out = []
    for i, raw in enumerate(value):
        if isinstance(raw, str) and raw.strip():
            if tipos:
                node.out.error(path + (i,), f"se esperaba {{tipo: {'|'.join(tipos)}, texto: …}}")
            out.append(Punto(raw.strip(), ruta=path + (i,)))
            continue
        if not isinstance(raw, dict):
            found = describe(raw)
            node.out.error(path + (i,), f"se esperaba un texto o un mapeo, se encontró {found}")
            continue
        item = Node(raw, path + (i,), node.out)
        p = Punto(item.text("texto", required=True) or "", ruta=item.path)
        if tipos:
            p.tipo = item.text("tipo", required=True)
            if p.tipo is not None and p.tipo.upper() not in tipos:
                item.out.error(
                    item.path + ("tipo",),
                    f'tipo desconocido "{p.tipo}"; se esperaba {" o ".join(tipos)}',
                )
            elif p.tipo is not None:
                p.tipo = p.tipo.upper()
        if avance:
            p.avance = item.number("avance", nonnegative=True)
            if isinstance(p.avance, (int, float)) and p.avance > 100:
                item.out.error(
                    item.path + ("avance",), f"el avance va de 0 a 100 %, se encontró {p.avance}"
                )
        item.finish()
        out.append(p)
    return out


def fmye(root: Node) -> Fmye | None:
    node = root.mapping("fmye")
    if node is None:
        return None
    f = Fmye(ruta=node.path, fuente=node.text("fuente"))
    f.titulo = node.text("titulo")
    f.textos = {k: t for k in TEXTOS if (t := node.text(k)) is not None}
    f.anio, f.ejercicio_actual = node.year("anio"), node.year("ejercicio_actual")
    for key in ("fortalezas", "debilidades", "recomendaciones", "avances"):
        f.puntos[key] = _puntos(node, key, TIPOS.get(key, ()))
    asm = node.mapping("asm")
    if asm is not None:
        f.puntos["asm_anteriores"] = _puntos(asm, "anteriores", avance=True)
        f.puntos["asm_comprometidos"] = _puntos(asm, "comprometidos", avance=True)
        f.asm_nota = asm.text("nota_comprometidos")
        asm.finish()
    for _, c in node.mappings("contactos"):
        f.contactos.append(
            Contacto(
                unidad=c.text("unidad", required=True) or "",
                rol=c.text("rol"),
                nombre=c.text("nombre"),
                telefono=c.text("telefono"),
                email=c.text("email"),
            )
        )
        c.finish()
    node.finish()
    return f
