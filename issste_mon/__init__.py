"""issste-mon: monitoreo de programas sociales del ISSSTE (Ramo 51) a partir de specs YAML."""

__version__ = "0.1.0"
