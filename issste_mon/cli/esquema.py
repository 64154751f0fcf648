"""`esquema`: the JSON Schema of the spec format, for editors."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from issste_mon.cli.common import QuietOpt


def esquema(
    ruta: Annotated[
        bool,
        typer.Option(
            "--ruta",
            help="Solo la ruta del esquema instalado con el paquete (para el encabezado "
            "# yaml-language-server: $schema=RUTA).",
        ),
    ] = False,
    quiet: QuietOpt = False,  # (as after every command's name; it writes nothing on stderr)
) -> None:
    """JSON Schema del formato de las specs, para que el editor las valide y complete.

    Generado de las definiciones del cargador. En VS Code (extensión YAML) o Neovim (yamlls),
    una primera línea «# yaml-language-server: $schema=RUTA» en la spec lo activa; RUTA es la
    que da --ruta, o un archivo guardado con issste-mon esquema > spec.schema.json.

    Ejemplo: issste-mon esquema > spec.schema.json
    """
    if ruta:
        from issste_mon.carga.esquema_json import ruta_instalada
        from issste_mon.cli.common import echo

        echo(str(ruta_instalada()))
        return
    from issste_mon.carga.esquema_json import texto

    sys.stdout.write(texto())  # JSON: data, not text for a person
