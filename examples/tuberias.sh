#!/usr/bin/env bash
# Tuberías reales con issste-mon: la salida TSV/CSV se combina con las herramientas de siempre.
# Uso: bash examples/tuberias.sh   (con issste-mon en el PATH; usa las specs incluidas)
set -euo pipefail
export LC_ALL=C.UTF-8

echo "== 1. Indicadores ordenados por cumplimiento (mayor primero), solo los calculables"
# awk busca las columnas por su nombre en el encabezado, no por posición
issste-mon cumplimiento -f tsv 2>/dev/null \
  | awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
                $c["cumplimiento_pct"] != "" {print $c["clave"] "\t" $c["anio"] "\t" $c["id"] "\t" $c["cumplimiento_pct"]}' \
  | sort -t$'\t' -k4,4 -g -r

echo "== 2. Indicadores fuera del rango 90–110 % (rango distinto de Adecuado)"
issste-mon cumplimiento -f csv 2>/dev/null \
  | python3 -c 'import csv,sys; [print(r["clave"], r["anio"], r["id"], r["rango"]) for r in csv.DictReader(sys.stdin) if r["rango"] not in ("", "Adecuado")]'

echo "== 3. Participación en el ramo de E045: 2016 junto a 2017 (join por clave)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
issste-mon presupuesto E045 --year 2016 -f tsv | tail -n +2 | cut -f1,6 | sort > "$tmp/a"
issste-mon presupuesto E045 --year 2017 -f tsv | tail -n +2 | cut -f1,6 | sort > "$tmp/b"
join -t$'\t' "$tmp/a" "$tmp/b"

echo "== 4. Programas con nivel de monitoreo Básico (JSON + python)"
issste-mon monitoreo --year 2024 -f json \
  | python3 -c 'import json,sys; print(" ".join(r["clave"] for r in json.load(sys.stdin) if r["nivel"] == "Básico" and r["ambito"] == "programa"))'
