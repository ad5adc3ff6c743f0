"""The SPARQL query page: what /sparql answers a browser that asks for it without a query.

An editor (CodeMirror 5, vendored under static/vendor/codemirror/ by scripts/vendor-codemirror) with SPARQL
highlighting and prefix completion; the cookbook (examples/*.rq, read when the page is asked for) as ready
examples; results as a table whose IRIs link to the entity pages, CONSTRUCT results as Turtle, a download per
format the endpoint speaks, errors with the parser's position, and the query in the URL (static/query/).
Without JavaScript the form still posts the query to /sparql.
"""
from __future__ import annotations

import functools
import json

from fastapi.responses import HTMLResponse
from rdflib import Graph, URIRef

from api.http import frame
from api.sparql.cookbook import EXAMPLES_DIR, recipes
from graph.ns import BASE, ID
from graph.settings import ONTOLOGY_DIR

# The prefixes the editor completes (PREFIX declarations, and terms after `prefix:`); the graph's own first.
PREFIXES = {
    "ltkg": BASE + "def/",
    "id": ID,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
}
# What the endpoint speaks (api/sparql/endpoint.py), offered as downloads: (label, media type, file extension).
SELECT_FORMATS = [("JSON", "application/sparql-results+json", "srj"), ("XML", "application/sparql-results+xml", "srx"),
                  ("CSV", "text/csv", "csv"), ("TSV", "text/tab-separated-values", "tsv")]
GRAPH_FORMATS = [("Turtle", "text/turtle", "ttl"), ("N-Triples", "application/n-triples", "nt"),
                 ("JSON-LD", "application/ld+json", "jsonld"), ("RDF/XML", "application/rdf+xml", "rdf")]


@functools.cache
def completions() -> dict[str, list[str]]:
    """prefix -> the local names of its terms that the ontology and its shapes mention, for completion."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path)
    found: dict[str, set[str]] = {prefix: set() for prefix in PREFIXES}
    for triple in graph:
        for term in triple:
            if not isinstance(term, URIRef):
                continue
            for prefix, namespace in PREFIXES.items():
                local = str(term)[len(namespace):]
                if str(term).startswith(namespace) and local and "/" not in local and prefix != "id":
                    found[prefix].add(local)
                    break
    return {prefix: sorted(names, key=str.casefold) for prefix, names in found.items() if names}


def query_page() -> HTMLResponse:
    stamp = tuple((path.name, path.stat().st_mtime_ns) for path in sorted(EXAMPLES_DIR.glob("*.rq")))
    return HTMLResponse(_page(stamp))


@functools.lru_cache(maxsize=2)
def _page(stamp: tuple) -> str:
    """The page for one state of the cookbook's files (`stamp`: their names and times): read and rendered
    once, not at every visit (the endpoint's route runs on the event loop)."""
    examples = recipes()
    data = {"base": BASE, "prefixes": PREFIXES, "terms": completions(),
            "formats": {"select": SELECT_FORMATS, "graph": GRAPH_FORMATS},
            "examples": [{"slug": r.slug, "en": r.en, "nl": r.nl, "query": r.query} for r in examples]}
    # "</" would end the script element that carries the data
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return frame.render("sparql.html", title="SPARQL query", active="sparql", wide=True, examples=examples,
                        example=examples[0].query, data=payload, formats=SELECT_FORMATS + GRAPH_FORMATS)
