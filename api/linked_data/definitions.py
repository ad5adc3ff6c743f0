"""The ontology as linked data: GET /def/ answers ontology/ltkg.ttl as Turtle (the default), HTML, JSON-LD or
N-Triples; a term's own document is /doc/def/{term} (entities.py). The richer /ontology page is
api/web/ontology.py's."""
from __future__ import annotations

import functools
from collections import defaultdict

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import frame, problems
from api.http.negotiation import FORMATS, HTML, JSON_LD, N_TRIPLES, TURTLE, media_type, negotiate
from api.linked_data.rdf import L, OWL, PROV, RDF_TYPE, RDFS, SKOS, curie, local_path, serialize
from api.rest.routing import answers, format_parameter, parameters
from graph.ns import rebase
from graph.settings import ONTOLOGY_DIR

router = APIRouter(tags=["linked data"])
ONTOLOGY_OFFERS = [TURTLE, HTML, JSON_LD, N_TRIPLES]
ONTOLOGY_FILE = ONTOLOGY_DIR / "ltkg.ttl"


@functools.cache
def _ontology(stamp: float) -> dict:
    text = rebase(ONTOLOGY_FILE.read_text(encoding="utf-8")).encode("utf-8")
    triples = [quad.triple for quad in ox.parse(text, format=ox.RdfFormat.TURTLE)]
    return {"turtle": text, "triples": triples}


def ontology() -> dict:
    return _ontology(ONTOLOGY_FILE.stat().st_mtime)


def ontology_html() -> bytes:
    triples = ontology()["triples"]
    about: dict[str, dict[str, list[ox.Literal | ox.NamedNode]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        about[t.subject.value][t.predicate.value].append(t.object)

    def text(values, lang):
        found = [v.value for v in values if isinstance(v, ox.Literal) and (v.language or "") == lang]
        return found[0] if found else ""

    sections = {"Classes": [], "Object properties": [], "Datatype properties": [], "Roles": [],
                "Concept schemes": [], "Concepts": []}
    kinds = {OWL + "Class": "Classes", OWL + "ObjectProperty": "Object properties",
             OWL + "DatatypeProperty": "Datatype properties", PROV + "Role": "Roles",
             SKOS + "ConceptScheme": "Concept schemes", SKOS + "Concept": "Concepts"}
    for subject, props in about.items():
        section = next((kinds[t.value] for t in props.get(RDF_TYPE, []) if t.value in kinds), None)
        if section is None or local_path(subject) is None:
            continue
        labels = props.get(SKOS + "prefLabel", [])
        sections[section].append({"href": local_path(subject), "curie": curie(subject), "en": text(labels, "en"),
                                  "nl": text(labels, "nl"), "comment": text(props.get(RDFS + "comment", []), "en")})
    comment = text(about[L].get(RDFS + "comment", []), "en")
    page = frame.render(
        "ontology-terms.html", title="Langer Thuis ontology", active="ontology", base=L, comment=comment, sections=[(h, sorted(ts, key=lambda t: t["curie"].casefold()))
                                           for h, ts in sections.items()])
    return page.encode("utf-8")


@router.get("/def/", summary="The ontology (Turtle by default; HTML, JSON-LD, N-Triples)",
            response_class=Response,
            openapi_extra=parameters(None, paged=False, extra=[format_parameter(FORMATS, ONTOLOGY_OFFERS)]),
            responses={200: answers(*ONTOLOGY_OFFERS, description="the ontology (ontology/ltkg.ttl)"),
                       **problems.responses(400, 406)})
def ontology_document(request: Request) -> Response:
    media = negotiate(request, ONTOLOGY_OFFERS)
    if media == TURTLE:
        body = ontology()["turtle"]
    elif media == HTML:
        body = ontology_html()
    else:
        body = serialize(ontology()["triples"], media)
    return Response(body, media_type=media_type(media), headers={"Vary": "Accept"})
