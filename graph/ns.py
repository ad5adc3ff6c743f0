"""Namespaces and the IRI scheme: {BASE}id/{kind}/{slug}, BASE https://ltkg.example.org/ unless LTKG_BASE_IRI says.

The default authority is a placeholder (example.org is reserved for that) until the publisher sets its own; the
path part is what the server dereferences, on any host. Files written under the default base (the ontology, the
named queries, the cookbook) are read through rebase().
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.settings import DEFAULT_BASE_IRI, base_iri

BASE = base_iri()  # LTKG_BASE_IRI (graph/settings.py), by default https://ltkg.example.org/
LTKG = Namespace(BASE + "def/")
ID = BASE + "id/"

# schema.org in its http form, as Wikidata and most linked data write it (schema:sameAs, issue 18)
SCHEMA = Namespace("http://schema.org/")

# The dataset's licence: CC0 1.0 (README, "Licence"; the VoID/DCAT description and every download say it)
LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_NAME = "CC0 1.0 Universal (public domain dedication)"
# The comment that heads the files whose format has comments (the N-Quads dump, TriG, Turtle)
LICENCE_NOTE = (f"# The Langer Thuis knowledge graph. Licence: {LICENCE_NAME}, {LICENCE}\n"
                "# The quotes are from public Dutch government publications; the description is at /dataset.\n")

GRAPH_ONTOLOGY = URIRef(BASE + "graph/ontology")
GRAPH_PROVENANCE = URIRef(BASE + "graph/provenance")

PREFIXES = {
    "ltkg": str(LTKG),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
}

def rebase(text: str) -> str:
    """Text written under the default base (ontology/*.ttl, api/queries/*.rq, examples/*.rq, README queries) with
    its IRIs moved under LTKG_BASE_IRI; unchanged under the default."""
    return text if BASE == DEFAULT_BASE_IRI else text.replace(DEFAULT_BASE_IRI, BASE)


_SLUG_OK = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")


def slugify(text: str) -> str:
    """Lower-case ASCII slug: 'Patiëntenfederatie' -> 'patientenfederatie', 'V&VN' -> 'v-vn'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")


def iri(kind: str, slug: str) -> URIRef:
    if not _SLUG_OK.match(slug):
        raise ValueError(f"not a slug: {slug!r} (use graph.ns.slugify)")
    return URIRef(f"{ID}{kind}/{slug}")


def split_iri(value: str) -> tuple[str, str] | None:
    """(kind, slug) of an entity IRI of this graph, or None."""
    if not value.startswith(ID):
        return None
    kind, _, slug = value[len(ID):].partition("/")
    return (kind, slug) if kind and slug else None
