"""Pure calculators and classifiers: records in, rows out. No printing, no file access."""
