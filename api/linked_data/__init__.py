"""Linked data: every IRI of the graph dereferences, and every statement shows its source.

    entities.py     /id/{kind}/{slug} (303) and /doc/{kind}/{slug}: an entity's document by Accept;
                    /def/{term} (303) to a term's document
    entity_page.py  the HTML page of an entity, with every statement's sources
    definitions.py  /def/: the ontology file as Turtle, HTML, JSON-LD or N-Triples
    sources.py      /sources/: the source documents, as text and with numbered lines
    dataset.py      /dataset, /.well-known/void: the VoID and DCAT description
    downloads.py    /download/...: the dumps and actions.csv
    rdf.py          what they share: serialisation, prefixes, CURIEs, IRIs to the server's paths

Triples cannot carry their source in Turtle or JSON-LD without reification, so those formats give the
triples and, beside them, the descriptions of the citations behind them (not linked triple by
triple); TriG and N-Quads keep each triple in its graph, whose name is the citation.
Lookups run as named queries (api/queries/entity-*.rq), so a remote SPARQL endpoint serves them too.
"""
from __future__ import annotations

from fastapi import APIRouter

from api.linked_data import dataset, definitions, downloads, entities, sources

router = APIRouter()  # each module's routes under its own OpenAPI tag
for _module in (entities, definitions, sources, downloads, dataset):
    router.include_router(_module.router)
