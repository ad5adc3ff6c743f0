"""RDF as the linked-data routes write it: serialisation with the graph's prefixes, CURIEs, and the mapping
of this graph's IRIs to the server's own paths. The RDF always names things by their IRIs under the graph's
base (graph.ns.BASE), whatever host serves it; an HTML page links the path part, which this server answers."""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from api.http.negotiation import JSON_LD, N_QUADS, N_TRIPLES, TRIG, TURTLE
from graph.ns import BASE, ID, LTKG, PREFIXES

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = RDF + "type"
XSD = "http://www.w3.org/2001/XMLSchema#"
L = str(LTKG)

_OX_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, JSON_LD: ox.RdfFormat.JSON_LD, N_TRIPLES: ox.RdfFormat.N_TRIPLES,
               TRIG: ox.RdfFormat.TRIG, N_QUADS: ox.RdfFormat.N_QUADS}
DATASET_TYPES = {TRIG, N_QUADS, JSON_LD}  # formats that keep named graphs

FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
RDF_PREFIXES = {**PREFIXES, "foaf": FOAF, "void": VOID, "dcat": DCAT, "spdx": SPDX}


def serialize(statements: Iterable[ox.Triple | ox.Quad], media: str) -> bytes:
    """Triples or quads in an RDF media type; a triples-only format gets the union of the triples."""
    items = list(statements)
    if media not in DATASET_TYPES:
        items = sorted({item.triple if isinstance(item, ox.Quad) else item for item in items}, key=str)
    else:
        items = sorted(items, key=str)
    prefixes = RDF_PREFIXES if media in (TURTLE, TRIG) else None
    return ox.serialize(items, format=_OX_FORMATS[media], prefixes=prefixes)


def local_path(iri: str) -> str | None:
    """The server's own path for an IRI of this graph (/id/..., /def/...), or None for any other IRI."""
    if iri.startswith(ID) or iri.startswith(str(LTKG)):
        return "/" + iri[len(BASE):]
    if iri in (BASE + "dataset", BASE + "sparql") or iri.startswith(BASE + "download/") \
            or iri.startswith(BASE + "sources/"):
        return "/" + iri[len(BASE):]
    if iri == BASE + "graph/ontology":
        return "/def/"
    return None


def curie(iri: str) -> str:
    """prefix:local for the vocabularies this graph uses; id:kind/slug for its entities; else the IRI."""
    if iri.startswith(ID):
        return "id:" + iri[len(ID):]
    for prefix, namespace in RDF_PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


