"""How long `ficha --todas` takes over a synthetic set of N programs (default 1,000).

Generates the set with benchmarks/generate.py (deterministic), writes the site twice into
temporary folders and checks that both runs give byte-identical files. Prints the time of each
run. Run: python benchmarks/ficha_sitio.py [PROGRAMAS]
"""

from __future__ import annotations

import filecmp
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    from issste_mon import metodologia as methodology
    from issste_mon.carga.loader import load_paths
    from issste_mon.ficha import sitio

    with tempfile.TemporaryDirectory() as tmp:
        specs_dir = Path(tmp) / "specs"
        generate.generate(specs_dir, programas=n)
        t0 = time.perf_counter()
        specs = load_paths([str(specs_dir)], cache=False)
        met = methodology.load()
        t1 = time.perf_counter()
        print(f"carga de {len(specs.programas)} programas: {t1 - t0:.1f} s")
        salidas = []
        for i in (1, 2):
            out = Path(tmp) / f"sitio{i}"
            t = time.perf_counter()
            counts = sitio.escribir(specs, met, str(out))
            print(f"ficha --todas, corrida {i}: {time.perf_counter() - t:.1f} s {counts}")
            salidas.append(out)
        a, b = salidas
        names = sorted(p.name for p in a.iterdir())
        same = names == sorted(p.name for p in b.iterdir())
        _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
        iguales = same and not mismatch and not errors
        print(f"{len(names)} archivos; idénticos byte a byte: {iguales}")


if __name__ == "__main__":
    main()
