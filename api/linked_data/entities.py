"""Entities as linked data: every IRI of the graph dereferences, to HTML for people and RDF for machines.

    GET /id/{kind}/{slug}       303 See Other to /doc/{kind}/{slug} (the same for every Accept); 404 if unknown
    GET /doc/{kind}/{slug}      the entity's document, by Accept (or ?format=html|ttl|jsonld|nt|trig|nq):
                                  text/html              a page with every statement (outgoing, and incoming
                                                         links), each with its sources
                                  text/turtle, application/ld+json, application/n-triples
                                                         the outgoing triples and those of the entity's
                                                         qualified participation nodes, plus the description of
                                                         every citation or editorial assertion behind them
                                  application/trig, application/n-quads
                                                         the same statements in the named graphs that are their
                                                         provenance, plus those descriptions
    GET /def/{term}             303 See Other to /doc/def/{term}, the term's document (as /doc above)

Triples cannot carry their source in Turtle or JSON-LD without reification, so those formats give the
triples and, beside them, the descriptions of the citations behind them (not linked triple by
triple); TriG and N-Quads keep each triple in its graph, whose name is the citation.
Lookups run as named queries (api/queries/entity-*.rq), so a remote SPARQL endpoint serves them too.
The HTML page is entity_page.py's.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.http import frame, problems, retired
from api.http.negotiation import (FORMATS, HTML, JSON_LD, N_QUADS, N_TRIPLES, TRIG, TURTLE, media_type, negotiate,
                                  prefers_html)
from api.http.problems import Problem
from api.http.version import build_version
from api.linked_data.entity_page import render_page
from api.linked_data.rdf import L, serialize
from api.rest.routing import answers, format_parameter, parameters, run
from api.search.index import searcher
from api.store.contract import Term
from graph.ns import BASE, ID

router = APIRouter(tags=["linked data"])

DOC_OFFERS = [HTML, TURTLE, JSON_LD, N_TRIPLES, TRIG, N_QUADS]
_KIND = re.compile(r"^[a-z][a-z0-9-]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")

# -- IRIs ---------------------------------------------------------------------------------------------
def entity_iri(kind: str, slug: str) -> str | None:
    """The IRI that /id/{kind}/{slug} (or /def/{slug} for kind 'def') names; None if malformed."""
    if kind == "def":
        return L + slug if _TERM.match(slug) else None
    if _KIND.match(kind) and _SLUG.match(slug):
        return f"{ID}{kind}/{slug}"
    return None


def _rows(request: Request, name: str, iri: str) -> list[dict[str, Term]]:
    return run(request, name, {"iri": iri}).rows


def _exists(request: Request, iri: str) -> bool:
    return bool(_rows(request, "entity-exists", iri))


def not_found(request: Request, what: str) -> Response:
    if prefers_html(request):
        return frame.page("not-found.html", status_code=404, title="Not found", what=what)
    raise Problem(404, f"nothing is known about {what}", "not-found")


# -- /id and /def: 303 to the document ---------------------------------------------------------------
_SEE_OTHER = {"description": "See Other: the entity's document, at /doc/...",
              "headers": {"Location": {"description": "the document's path", "schema": {"type": "string"}}}}


@router.get("/id/{kind}/{slug}", summary="An entity: 303 See Other to its document",
            status_code=303, response_class=Response,
            responses={303: _SEE_OTHER, 301: {"description": "Moved Permanently: an IRI of a kind that moved "
                                                             "(/id/regulation/... is /id/initiative/...), or a "
                                                             "retired id (graph/data/retired-ids.yaml)"},
                       **problems.responses(404, 410, 503, html=(404,))})
def identify(request: Request, kind: str, slug: str) -> Response:
    iri = entity_iri(kind, slug)
    if iri is None or kind == "def" or not _exists(request, iri):
        moved = MOVED_KINDS.get(kind)
        if moved and iri is not None and _exists(request, entity_iri(moved, slug)):
            return RedirectResponse(f"/id/{moved}/{slug}", status_code=301)  # a citation of the old IRI still works
        retired.check(request, kind, slug, lambda new_kind, new_slug: f"/id/{new_kind}/{new_slug}")
        return not_found(request, f"/id/{kind}/{slug}")
    return _see_other(request, f"/doc/{kind}/{slug}")


# Kinds of entity whose IRIs moved, to where: the regulations register became the initiatives register
# (laws and schemes among the named initiatives), with the same slugs.
MOVED_KINDS = {"regulation": "initiative"}


@router.get("/def/{term}", summary="An ontology term: 303 See Other to its document",
            status_code=303, response_class=Response,
            responses={303: _SEE_OTHER, **problems.responses(404, 503, html=(404,))})
def define(request: Request, term: str) -> Response:
    iri = entity_iri("def", term)
    if iri is None or not _exists(request, iri):
        return not_found(request, f"/def/{term}")
    return _see_other(request, f"/doc/def/{term}")


def _see_other(request: Request, path: str) -> Response:
    query = request.url.query
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=303, headers={"Vary": "Accept"})


# -- /doc: the document of an entity ------------------------------------------------------------------
@router.get("/doc/{kind}/{slug}",
            summary="The document of an entity: HTML, Turtle, JSON-LD, N-Triples, TriG or N-Quads by Accept",
            response_class=Response,
            openapi_extra=parameters(None, paged=False, extra=[format_parameter(FORMATS, DOC_OFFERS)]),
            responses={200: answers(*DOC_OFFERS, description="the entity's statements and their sources"),
                       **problems.responses(400, 404, 406, 503, html=(404,))})
def document(request: Request, kind: str, slug: str) -> Response:
    iri = entity_iri(kind, slug)
    if iri is None:
        return not_found(request, f"/doc/{kind}/{slug}")
    media = negotiate(request, DOC_OFFERS)
    cache = request.app.state.response_cache
    version = request.app.state.store.version()
    key = ("linked-data", request.url.path, media)
    body = cache.get(version, key)
    if body is None:
        statements = _rows(request, "entity-statements", iri)
        if not statements:
            retired.check(request, kind, slug, lambda new_kind, new_slug: f"/doc/{new_kind}/{new_slug}")
            return not_found(request, f"/id/{kind}/{slug}" if kind != "def" else f"/def/{slug}")
        provenance = _rows(request, "entity-provenance", iri)
        if media == HTML:
            labels = _rows(request, "entity-labels", iri)
            body = render_page(iri, statements, provenance, labels, request.url.path, build_version(request),
                               supported(request, iri) if kind == "citation" else None)
        else:
            body = entity_rdf(iri, statements, provenance, media)
        cache.put(version, key, body)
    path = request.url.path
    links = ", ".join(f'<{path}?format={name}>; rel="alternate"; type="{m}"'
                      for name, m in FORMATS.items() if m != media)
    fmt = next(name for name, m in FORMATS.items() if m == media)
    return Response(body, media_type=media_type(media),
                    headers={"Vary": "Accept", "Link": links, "Content-Location": f"{path}?format={fmt}"})


def supported(request: Request, iri: str) -> dict | None:
    """What a citation supports: the statements in its graph and the editorial assertions derived from it, as
    the build's search index holds them; None without an index."""
    try:
        engine = searcher(request)
    except Problem:
        return None
    return {"statements": engine.facts(iri), "derived": engine.derived(iri)}


TURTLE_NOTE = """# Statements about <{iri}>: its own triples and those of its qualified participation nodes.
# Each triple's provenance is the named graph that holds it (a ltkg:Citation or ltkg:EditorialAssertion).
# Turtle has no named graphs, so the citations and editorial assertions behind these triples are
# described below, but not linked triple by triple; ask for application/trig or application/n-quads
# ({path}?format=trig) to have each triple in its graph.

"""


def entity_rdf(iri: str, statements: list[dict], provenance: list[dict], media: str) -> bytes:
    """The entity's statements (outgoing and qualified) and the descriptions of the graphs behind them."""
    quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in statements
             if row["direction"].value in ("out", "qualified")]
    graphs = {quad.graph_name for quad in quads}
    described = [ox.Quad(row["s"], row["p"], row["o"], row["graph"]) for row in provenance if row["g"] in graphs]
    if media in (TRIG, N_QUADS):
        return serialize(quads + described, media)
    body = serialize([quad.triple for quad in quads + described], media)
    if media == TURTLE:
        doc = "/doc/" + iri[len(BASE):].partition("/")[2] if iri.startswith(ID) else "/doc/def/" + iri[len(L):]
        body = TURTLE_NOTE.format(iri=iri, path=doc).encode() + body
    return body


