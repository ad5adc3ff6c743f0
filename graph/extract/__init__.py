"""One module per source document; each exposes extract(kg, registers)."""
