"""Langer Thuis knowledge graph: command line and settings shared by graph/ and api/."""
