"""SHACL validation of the whole dataset (all graphs as one) against ontology/shapes.ttl."""
from __future__ import annotations

from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from graph.kg import KG
from graph.ns import rebase
from graph.settings import ONTOLOGY_DIR


def union(kg: KG) -> Graph:
    graph = Graph()
    for s, p, o, _ in kg.ds.quads():
        graph.add((s, p, o))
    return graph


def shacl(kg: KG) -> tuple[bool, str]:
    shapes = Graph().parse(data=rebase((ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8")), format="turtle")
    conforms, _, text = pyshacl_validate(union(kg), shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), text
