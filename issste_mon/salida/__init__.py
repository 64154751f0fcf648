"""Output: the formats, renderers (rich, csv/tsv, json, Markdown), number formatting, the xlsx
workbook and its provenance sheet. Light to import: `formatos` is what `--help` needs."""
