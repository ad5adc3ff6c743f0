"""/ontology: the ontology's documentation for people, generated from ontology/ (ltkg.ttl, shapes.ttl).

pyLODE (OntPub) writes the term sections: every class and property with its label, definition, domain and
range, super- and subclasses. pyLODE shows one label per term and no role or concept scheme, so it is given a
copy of the ontology with the English label as rdfs:label and the definition as skos:definition; the Dutch
label is put back beside each term's heading here. Its anchors become the terms' local names (/ontology#Action),
links to the ontology's own terms stay on the page and links to other vocabularies become plain names with
the IRI as their title: the page loads nothing from elsewhere and links nowhere else. Around it, in the site
frame: the reused vocabularies, a class diagram (api/web/ontology_diagram.py), the roles and concept schemes.
Made once per change of the files.
"""
from __future__ import annotations

import functools
import logging
import re
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from api.http import frame
from api.web import ontology_diagram
from graph.ns import LTKG, rebase
from graph.settings import ONTOLOGY_DIR

router = APIRouter(include_in_schema=False)
NS = str(LTKG)
FILES = ("ltkg.ttl", "shapes.ttl")
PROV_ROLE = URIRef("http://www.w3.org/ns/prov#Role")
# The vocabularies the ontology builds on, named as their publishers name them.
VOCABULARIES = [
    ("org", "http://www.w3.org/ns/org#", "The Organization Ontology (W3C ORG)", "parties, governance bodies, membership, classification"),
    ("prov", "http://www.w3.org/ns/prov#", "PROV-O: The PROV Ontology (W3C)", "qualified participation (roles), attribution, derivation, plans and activities"),
    ("skos", "http://www.w3.org/2004/02/skos/core#", "SKOS Simple Knowledge Organization System (W3C)", "labels, notations, concept schemes (themes, kinds)"),
    ("dcterms", "http://purl.org/dc/terms/", "DCMI Metadata Terms (DCTERMS)", "titles, sources, dates, part of"),
    ("foaf", "http://xmlns.com/foaf/0.1/", "FOAF", "documents and persons (the report's authors)"),
]


def _ontology() -> Graph:
    graph = Graph()
    for name in FILES:
        graph.parse(data=rebase((ONTOLOGY_DIR / name).read_text(encoding="utf-8")), format="turtle")
    return graph


def _label(graph: Graph, term, lang: str) -> str:
    return next((str(o) for o in graph.objects(term, SKOS.prefLabel) if getattr(o, "language", None) == lang), "")


def _for_pylode(graph: Graph) -> Graph:
    """The ontology's OWL part as pyLODE reads it: one (English) label, the definition, no concepts."""
    skip = set(graph.subjects(RDF.type, SKOS.ConceptScheme)) | set(graph.subjects(RDF.type, SKOS.Concept)) \
        | set(graph.subjects(RDF.type, PROV_ROLE))
    doc = Graph()
    for prefix, namespace in graph.namespaces():
        doc.bind(prefix, namespace)
    for s, p, o in graph.triples((None, None, None)):
        if s in skip or not (str(s) == NS or (isinstance(s, URIRef) and str(s).startswith(NS) and "/" not in str(s)[len(NS):])):
            continue
        if p == SKOS.prefLabel:
            if o.language == "en":
                doc.add((s, RDFS.label, Literal(str(o))))
        elif p == RDFS.comment:
            doc.add((s, SKOS.definition, Literal(str(o))))
        elif p == DCTERMS.title:
            if o.language == "en":
                doc.add((s, DCTERMS.title, Literal(str(o))))
        else:
            doc.add((s, p, o))
    return doc


def _pylode_sections(graph: Graph) -> str:
    from pylode import OntPub  # imported when the page is first made: it loads background ontologies

    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))  # pyLODE logs every step on the root logger at INFO
    try:
        publication = OntPub(_for_pylode(graph), sort_subjects=True)
        page = publication.make_html()
    finally:
        root.setLevel(level)
    body = page[page.index('<div class="section" id="classes">'):page.index('<div id="namespaces">')]
    anchors = {fid: str(iri)[len(NS):] for iri, fid in publication.fids.items()
               if fid and str(iri).startswith(NS) and str(iri) != NS}

    def dutch(match: re.Match) -> str:  # the Dutch label beside the heading
        name = anchors.get(match.group(1), match.group(1))
        nl = _label(graph, URIRef(NS + name), "nl")
        extra = f' <span class="nl" lang="nl">{escape(nl)}</span>' if nl else ""
        return f'<div class="property entity" id="{escape(name)}">\n<h3>{match.group(2).strip()}{extra}'

    body = re.sub(r'<div class="property entity" id="([^"]+)">\s*<h3>([^<]*)', dutch, body)
    body = body.replace('<h2>Object Properties</h2>', '<h2>Object properties</h2>')
    body = body.replace('<h2>Datatype Properties</h2>', '<h2>Datatype properties</h2>')
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{escape(anchors.get(m.group(1), m.group(1)))}"', body)
    body = re.sub(r'href="' + re.escape(NS) + r'([^"/#]+)"', r'href="#\1"', body)

    def outside(match: re.Match) -> str:  # a link to another vocabulary: its name, with the IRI as title
        iri, attributes, text = match.group(2), match.group(1) + match.group(3), match.group(4)
        title = re.search(r'title="([^"]*)"', attributes)
        return f'<span class="ext" title="{title.group(1) if title else iri}">{text}</span>'

    body = re.sub(r'<a([^>]*?)href="(https?://[^"]*)"([^>]*)>(.*?)</a>', outside, body, flags=re.S)
    return body


def _schemes(graph: Graph) -> list[dict]:
    """The roles (prov:Role) and each concept scheme with its concepts, labelled in both languages."""
    def term(iri) -> dict:
        return {"iri": str(iri), "en": _label(graph, iri, "en"), "nl": _label(graph, iri, "nl"),
                "comment": str(graph.value(iri, RDFS.comment) or ""),
                "name": ("ltkg:" + str(iri)[len(NS):]) if str(iri).startswith(NS) else str(iri).split("/id/", 1)[-1]}
    roles = sorted(graph.subjects(RDF.type, PROV_ROLE), key=str)
    found = [{"id": "roles", "iri": str(PROV_ROLE), "name": "prov:Role", "en": "roles", "nl": "rollen", "comment": "",
              "concepts": [term(r) for r in roles]}] if roles else []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=lambda c: _label(graph, c, "en").casefold())
        found.append({"id": str(scheme)[len(NS):], **term(scheme), "concepts": [term(c) for c in concepts]})
    return found


def _vocabularies(graph: Graph) -> list[dict]:
    used = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    return [{"prefix": prefix, "namespace": namespace, "title": title, "for": purpose,
             "terms": sorted({f"{prefix}:{t[len(namespace):]}" for t in used if t.startswith(namespace)})}
            for prefix, namespace, title, purpose in VOCABULARIES]


@functools.cache
def _page(stamp: tuple[float, ...]) -> str:
    graph = _ontology()
    ontology = URIRef(NS)
    counts = {kind: sum(1 for s in graph.subjects(RDF.type, cls) if str(s).startswith(NS))
              for kind, cls in (("classes", OWL.Class), ("object properties", OWL.ObjectProperty),
                                ("datatype properties", OWL.DatatypeProperty))}
    return frame.render(
        "ontology.html", title="Ontology", active="ontology", wide=True, iri=NS,
        title_en=next((str(t) for t in graph.objects(ontology, DCTERMS.title) if t.language == "en"), ""),
        title_nl=next((str(t) for t in graph.objects(ontology, DCTERMS.title) if t.language == "nl"), ""),
        comment=str(graph.value(ontology, RDFS.comment) or ""), version=str(graph.value(ontology, OWL.versionInfo) or ""),
        counts=counts, vocabularies=_vocabularies(graph), diagram=ontology_diagram.svg(graph, NS),
        sections=_pylode_sections(graph), schemes=_schemes(graph))


def ontology_html() -> str:
    return _page(tuple((ONTOLOGY_DIR / name).stat().st_mtime for name in FILES))


@router.get("/ontology", response_class=HTMLResponse)
def ontology_page() -> HTMLResponse:
    return HTMLResponse(ontology_html())
