"""Benchmarks: synthetic graphs (synth), the harness (run), the raw-pyoxigraph ceiling (ceiling)."""
