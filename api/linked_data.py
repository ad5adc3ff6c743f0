"""Linked data: every IRI of the graph dereferences, and every statement shows its source.

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
    GET /def/                   the ontology (ontology/ltkg.ttl): Turtle by default; HTML, JSON-LD, N-Triples
    GET /def/{term}             303 See Other to /doc/def/{term}, the term's document (as /doc above)
    GET /sources/               the source documents
    GET /sources/{file}         a source text as text/plain, e.g. /sources/2018-langer-thuis-plan-van-aanpak.txt
    GET /sources/{doc}.html     the text with numbered lines, each anchored (#L244); ?lines=244-246 marks a range

Triples cannot carry their source in Turtle or JSON-LD without reification, so those formats give the
triples and, beside them, the descriptions of the citations behind them (not linked triple by
triple); TriG and N-Quads keep each triple in its graph, whose name is the citation.
Lookups run as named queries (api/queries/entity-*.rq), so a remote SPARQL endpoint serves them too.
"""
from __future__ import annotations

import functools
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from api import dataset, problems
from api.dataset import (HTML, JSON_LD, N_QUADS, N_TRIPLES, TRIG, TURTLE, curie, local_path, media_type, negotiate,
                         prefers_html, serialize, source_files)
from api.problems import Problem
from api.routing import answers, format_parameter, parameters, run
from api.shapes import best_label, natural_key
from api.store import StoreError, Term
from api.web import frame
from graph.ns import BASE, GRAPH_ONTOLOGY, GRAPH_PROVENANCE, ID, LTKG
from ltkg.settings import ONTOLOGY_DIR, SOURCES_DIR

_pages = APIRouter(tags=["linked data"])  # this module's routes; `router` (at the end) adds api/dataset.py's


DOC_OFFERS = [HTML, TURTLE, JSON_LD, N_TRIPLES, TRIG, N_QUADS]
ONTOLOGY_OFFERS = [TURTLE, HTML, JSON_LD, N_TRIPLES]
_KIND = re.compile(r"^[a-z][a-z0-9-]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
OWL = "http://www.w3.org/2002/07/owl#"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = RDF + "type"
QUALIFIED = PROV + "qualifiedAssociation"
L = str(LTKG)

MAX_VALUES = 250  # values shown per property on a page; the rest are counted
MAX_SOURCES = 3  # sources shown per value before the rest fold away
MAX_QUOTE = 500  # characters of a quote shown on a page

# Labels of the external terms the graph uses (the ontology labels its own terms).
TERM_LABELS = {
    RDF_TYPE: ("type", "type"),
    SKOS + "prefLabel": ("name", "naam"),
    SKOS + "altLabel": ("also written as", "ook geschreven als"),
    SKOS + "notation": ("notation", "notatie"),
    SKOS + "inScheme": ("in scheme", "in schema"),
    SKOS + "related": ("related", "gerelateerd"),
    DCT + "title": ("title", "titel"),
    DCT + "source": ("source document", "brondocument"),
    DCT + "issued": ("issued", "uitgegeven"),
    DCT + "date": ("date", "datum"),
    DCT + "description": ("description", "beschrijving"),
    DCT + "isPartOf": ("part of", "onderdeel van"),
    DCT + "creator": ("creator", "maker"),
    DCT + "publisher": ("publisher", "uitgever"),
    DCT + "audience": ("audience", "doelgroep"),
    DCT + "isReferencedBy": ("referenced by", "genoemd in"),
    RDFS + "comment": ("comment", "toelichting"),
    RDFS + "subClassOf": ("subclass of", "subklasse van"),
    RDFS + "subPropertyOf": ("subproperty of", "subeigenschap van"),
    RDFS + "domain": ("domain", "domein"),
    RDFS + "range": ("range", "bereik"),
    OWL + "versionInfo": ("version", "versie"),
    PROV + "qualifiedAssociation": ("qualified participation", "gekwalificeerde betrokkenheid"),
    PROV + "agent": ("agent", "partij"),
    PROV + "hadRole": ("role", "rol"),
    PROV + "wasAttributedTo": ("attributed to", "toegeschreven aan"),
    PROV + "wasDerivedFrom": ("derived from", "afgeleid van"),
    ORG + "classification": ("classification", "soort"),
    ORG + "hasMember": ("member", "lid"),
    ORG + "subOrganizationOf": ("part of organisation", "onderdeel van organisatie"),
    FOAF + "name": ("name", "naam"),
}
# Properties shown first, in this order; the rest follow by label.
ORDER = [RDF_TYPE, SKOS + "prefLabel", DCT + "title", SKOS + "notation", L + "number", L + "programme",
         L + "actionLine", L + "goal", L + "milestone", L + "milestoneText", L + "date", L + "lead", L + "partner",
         L + "responsible", L + "involved", SKOS + "altLabel", ORG + "classification"]
LABEL_RANK = {SKOS + "prefLabel": 0, DCT + "title": 1, RDFS + "label": 2, FOAF + "name": 3,  # names,
              L + "milestoneText": 4, L + "statement": 5, L + "quote": 6, L + "rationale": 7}  # else texts
MAX_LABEL = 160  # characters of a label shown in a link
LANG_RANK = {"nl": 0, "": 1, "en": 2}


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


def _not_found(request: Request, what: str) -> Response:
    if prefers_html(request):
        return frame.page("not-found.html", status_code=404, title="Not found", what=what)
    raise Problem(404, f"nothing is known about {what}", "not-found")


# -- /id and /def: 303 to the document ---------------------------------------------------------------
_SEE_OTHER = {"description": "See Other: the entity's document, at /doc/...",
              "headers": {"Location": {"description": "the document's path", "schema": {"type": "string"}}}}


@_pages.get("/id/{kind}/{slug}", summary="An entity: 303 See Other to its document",
            status_code=303, response_class=Response,
            responses={303: _SEE_OTHER, 301: {"description": "Moved Permanently: an IRI of a kind that moved "
                                                             "(/id/regulation/... is /id/initiative/...)"},
                       **problems.responses(404, 503, html=(404,))})
def identify(request: Request, kind: str, slug: str) -> Response:
    iri = entity_iri(kind, slug)
    if iri is None or kind == "def" or not _exists(request, iri):
        moved = MOVED_KINDS.get(kind)
        if moved and iri is not None and _exists(request, entity_iri(moved, slug)):
            return RedirectResponse(f"/id/{moved}/{slug}", status_code=301)  # a citation of the old IRI still works
        return _not_found(request, f"/id/{kind}/{slug}")
    return _see_other(request, f"/doc/{kind}/{slug}")


# Kinds of entity whose IRIs moved, to where: the regulations register became the initiatives register
# (laws and schemes among the named initiatives), with the same slugs.
MOVED_KINDS = {"regulation": "initiative"}


@_pages.get("/def/{term}", summary="An ontology term: 303 See Other to its document",
            status_code=303, response_class=Response,
            responses={303: _SEE_OTHER, **problems.responses(404, 503, html=(404,))})
def define(request: Request, term: str) -> Response:
    iri = entity_iri("def", term)
    if iri is None or not _exists(request, iri):
        return _not_found(request, f"/def/{term}")
    return _see_other(request, f"/doc/def/{term}")


def _see_other(request: Request, path: str) -> Response:
    query = request.url.query
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=303, headers={"Vary": "Accept"})


# -- /doc: the document of an entity ------------------------------------------------------------------
@_pages.get("/doc/{kind}/{slug}",
            summary="The document of an entity: HTML, Turtle, JSON-LD, N-Triples, TriG or N-Quads by Accept",
            response_class=Response,
            openapi_extra=parameters(None, paged=False, extra=[format_parameter(dataset.FORMATS, DOC_OFFERS)]),
            responses={200: answers(*DOC_OFFERS, description="the entity's statements and their sources"),
                       **problems.responses(400, 404, 406, 503, html=(404,))})
def document(request: Request, kind: str, slug: str) -> Response:
    iri = entity_iri(kind, slug)
    if iri is None:
        return _not_found(request, f"/doc/{kind}/{slug}")
    media = negotiate(request, DOC_OFFERS)
    cache = request.app.state.response_cache
    version = request.app.state.store.version()
    key = ("linked-data", request.url.path, media)
    body = cache.get(version, key)
    if body is None:
        statements = _rows(request, "entity-statements", iri)
        if not statements:
            return _not_found(request, f"/id/{kind}/{slug}" if kind != "def" else f"/def/{slug}")
        provenance = _rows(request, "entity-provenance", iri)
        if media == HTML:
            labels = _rows(request, "entity-labels", iri)
            body = render_page(iri, statements, provenance, labels, request.url.path)
        else:
            body = entity_rdf(iri, statements, provenance, media)
        cache.put(version, key, body)
    path = request.url.path
    links = ", ".join(f'<{path}?format={name}>; rel="alternate"; type="{m}"'
                      for name, m in dataset.FORMATS.items() if m != media)
    fmt = next(name for name, m in dataset.FORMATS.items() if m == media)
    return Response(body, media_type=media_type(media),
                    headers={"Vary": "Accept", "Link": links, "Content-Location": f"{path}?format={fmt}"})


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


# -- the HTML page ------------------------------------------------------------------------------------
@dataclass
class Labels:
    """Labels of terms from entity-labels.rq: term -> [(property, literal)]."""

    found: dict[str, list[tuple[str, ox.Literal]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, term: str, prop: str, label: ox.Literal) -> None:
        self.found[term].append((prop, label))

    def best(self, term: str, langs: tuple[str, ...] = ("nl", "", "en")) -> str | None:
        candidates = [(LABEL_RANK.get(prop, 9), langs.index(lit.language or "") if (lit.language or "") in langs
                       else 9, lit.value) for prop, lit in self.found.get(term, []) if prop in LABEL_RANK]
        candidates = [c for c in candidates if c[1] < 9]
        if not candidates:
            return None
        label = min(candidates)[2]
        return label if len(label) <= MAX_LABEL else label[:MAX_LABEL].rstrip() + " …"

    def notation(self, term: str) -> str | None:
        values = sorted(lit.value for prop, lit in self.found.get(term, []) if prop == SKOS + "notation")
        return values[0] if values else None


def term_view(iri: str, labels: Labels, english: bool = False) -> dict:
    """A term to show: its label (Dutch for entities, English for vocabulary), CURIE and local link."""
    known = TERM_LABELS.get(iri)
    if english:
        label = labels.best(iri, ("en", "")) or (known[0] if known else None)
        other = labels.best(iri, ("nl",)) or (known[1] if known else None)
    else:
        label = labels.best(iri) or (known[1] if known else None)
        other = labels.best(iri, ("en",))
    name = curie(iri)
    return {"iri": iri, "href": local_path(iri), "label": label or (name if name != iri else _short(iri)),
            "other": other if other and other != label else None, "curie": name if name != iri else None,
            "notation": labels.notation(iri) if iri.startswith(ID) else None}


def _short(iri: str) -> str:
    """An external IRI as plain text without its scheme (the pages link nothing outside this server)."""
    return re.sub(r"^[a-z]+://", "", iri)


def value_view(term: Term, labels: Labels) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"kind": "iri", **term_view(term.value, labels, english=term.value.startswith(L))}
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        shown = None if datatype in (dataset.XSD + "string", RDF + "langString") else curie(datatype)
        return {"kind": "literal", "text": term.value, "lang": term.language, "datatype": shown}
    return {"kind": "bnode", "text": str(term)}


def _describe(rows: list[dict]) -> dict[str, dict[str, list[Term]]]:
    """Descriptions of graphs and their evidence: subject -> property -> values."""
    out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        values = out[row["s"].value][row["p"].value]
        if row["o"] not in values:
            values.append(row["o"])
    return out


def source_view(graph: str, descriptions: dict, labels: Labels) -> dict:
    """What a graph name says about the statements it holds: a citation, an editorial assertion, ..."""
    desc = descriptions.get(graph, {})
    types = {t.value for t in desc.get(RDF_TYPE, [])}

    def one(prop: str) -> str | None:
        values = desc.get(prop, [])
        return values[0].value if values else None

    if L + "Citation" in types:
        doc = one(DCT + "source") or ""
        slug = doc.rpartition("/")[2]
        first, last = int(one(L + "firstLine") or 0), int(one(L + "lastLine") or 0)
        quote = one(L + "quote") or ""
        return {"kind": "citation", "iri": graph, "page": local_path(graph), "document": slug,
                "title": labels.best(doc) or slug, "doc_page": local_path(doc), "first": first, "last": last,
                "quote": quote if len(quote) <= MAX_QUOTE else quote[:MAX_QUOTE].rstrip() + " …",
                "href": f"/sources/{slug}.html?lines={first}-{last}#L{first}",
                "sort": (0, slug, first, last)}
    if L + "EditorialAssertion" in types:
        rationale = [t for t in desc.get(L + "rationale", []) if isinstance(t, ox.Literal)]
        evidence = [source_view(e.value, descriptions, labels) for e in desc.get(PROV + "wasDerivedFrom", [])]
        return {"kind": "editorial", "iri": graph, "page": local_path(graph),
                "rationale": best_label(rationale) or "", "slug": graph.rpartition("/")[2],
                "evidence": sorted(evidence, key=lambda s: s["sort"]), "sort": (1, graph, 0, 0)}
    if graph == str(GRAPH_ONTOLOGY):
        return {"kind": "ontology", "iri": graph, "page": "/def/", "sort": (2, graph, 0, 0)}
    if graph == str(GRAPH_PROVENANCE):
        return {"kind": "record", "iri": graph, "sort": (3, graph, 0, 0)}
    return {"kind": "graph", "iri": graph, "page": local_path(graph), "sort": (4, graph, 0, 0)}


def _groups(pairs: dict[str, dict[Term, list[str]]], labels: Labels, descriptions: dict,
            extras: dict[str, str] | None = None) -> list[dict]:
    """Statements by property: [{property, items: [{value, sources, more}], hidden}] in display order."""
    groups = []
    for prop, values in pairs.items():
        items = []
        for term, graphs in values.items():
            sources = sorted((source_view(g, descriptions, labels) for g in set(graphs)), key=lambda s: s["sort"])
            view = value_view(term, labels)
            items.append({"value": view, "sources": sources[:MAX_SOURCES], "more": sources[MAX_SOURCES:],
                          "extra": (extras or {}).get(term.value) if isinstance(term, ox.NamedNode) else None,
                          "sort": _value_key(term, view)})
        items.sort(key=lambda item: item["sort"])
        groups.append({"property": term_view(prop, labels, english=True), "items": items[:MAX_VALUES],
                       "hidden": max(0, len(items) - MAX_VALUES), "count": len(items),
                       "editorial": all(s["kind"] == "editorial" for i in items for s in i["sources"] + i["more"])})
    order = {prop: index for index, prop in enumerate(ORDER)}
    groups.sort(key=lambda g: (order.get(g["property"]["iri"], len(ORDER)), g["property"]["label"].casefold()))
    return groups


def _value_key(term: Term, view: dict) -> tuple:
    if isinstance(term, ox.Literal):
        return (0, LANG_RANK.get(term.language or "", 3), natural_key(term.value))
    if term.value.startswith(ID):
        return (1, natural_key(term.value), "")
    return (2, natural_key(view.get("label")), "")


def render_page(iri: str, statements: list[dict], provenance: list[dict], label_rows: list[dict],
                path: str) -> bytes:
    labels = Labels()
    for row in label_rows:
        labels.add(row["term"].value, row["property"].value, row["label"])
    descriptions = _describe(provenance)
    outgoing: dict[str, dict[Term, list[str]]] = defaultdict(lambda: defaultdict(list))
    incoming: dict[str, dict[Term, list[str]]] = defaultdict(lambda: defaultdict(list))
    qualified: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in statements:
        direction, prop, graph = row["direction"].value, row["p"].value, row["g"].value
        if direction == "out":
            outgoing[prop][row["o"]].append(graph)
        elif direction == "in":
            incoming[prop][row["s"]].append(graph)
        elif isinstance(row["o"], ox.NamedNode):
            qualified[row["s"].value][prop].append(row["o"].value)
    # A qualified participation reads "party — role".
    extras = {}
    for node, props in qualified.items():
        agents = [term_view(a, labels)["label"] for a in sorted(set(props.get(PROV + "agent", [])))]
        roles = [term_view(r, labels, english=True)["label"] for r in sorted(set(props.get(PROV + "hadRole", [])))]
        if agents or roles:
            extras[node] = " — ".join(filter(None, [", ".join(agents), ", ".join(roles)]))
    kind, _, slug = (iri[len(ID):] if iri.startswith(ID) else "def/" + iri[len(L):]).partition("/")
    types = [term_view(t.value, labels, english=True)
             for t in outgoing.get(RDF_TYPE, {}) if isinstance(t, ox.NamedNode)]
    nl = labels.best(iri, ("nl", ""))
    en = labels.best(iri, ("en",))
    if kind == "def":
        nl, en = labels.best(iri, ("nl",)), labels.best(iri, ("en", "")) or slug
    title = nl or en or f"{kind}/{slug}"
    out_groups = _groups(outgoing, labels, descriptions, extras)
    in_groups = _groups(incoming, labels, descriptions)
    n_out = sum(len(v) for v in outgoing.values())
    n_in = sum(len(v) for v in incoming.values())
    page = frame.render(
        "entity.html", active="ontology" if kind == "def" else None, iri=iri, path=path, kind=kind, slug=slug, title=title, title_en=en if en != title else None,
        title_nl=nl, types=sorted(types, key=lambda t: t["label"].casefold()),
        notation=labels.notation(iri), out_groups=out_groups, in_groups=in_groups, n_out=n_out, n_in=n_in,
        formats=[(name, dataset.FORMAT_NAMES[m]) for name, m in dataset.FORMATS.items() if m != HTML],
        is_term=kind == "def", id_path=local_path(iri), term_curie=curie(iri),
    )
    return page.encode("utf-8")


# -- /def/: the ontology ------------------------------------------------------------------------------
ONTOLOGY_FILE = ONTOLOGY_DIR / "ltkg.ttl"


@functools.cache
def _ontology(stamp: float) -> dict:
    text = ONTOLOGY_FILE.read_bytes()
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


@_pages.get("/def/", summary="The ontology (Turtle by default; HTML, JSON-LD, N-Triples)",
            response_class=Response,
            openapi_extra=parameters(None, paged=False, extra=[format_parameter(dataset.FORMATS, ONTOLOGY_OFFERS)]),
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


# -- /sources: the source texts -----------------------------------------------------------------------
@functools.cache
def _source_lines(name: str, stamp: float) -> list[str]:
    return (SOURCES_DIR / name).read_text(encoding="utf-8").split("\n")  # as graph.provenance.Sources counts


def source_lines(name: str) -> list[str]:
    return _source_lines(name, (SOURCES_DIR / name).stat().st_mtime)


def document_titles(request: Request) -> dict[str, str]:
    """Source slug -> the document's title (Dutch, as in the source); empty without a store."""
    found: dict[str, list[Term]] = defaultdict(list)
    try:
        for row in run(request, "dataset-documents").rows:
            if "title" in row:
                found[row["document"].value.rpartition("/")[2]].append(row["title"])
    except StoreError:  # the texts are served from disk even without a store
        pass
    return {slug: best_label(literals) for slug, literals in found.items()}


@_pages.get("/sources/", summary="The source documents", response_class=HTMLResponse)
def sources_index(request: Request) -> Response:
    titles = document_titles(request)
    documents = [(slug, name, titles.get(slug, name)) for slug, name in source_files().items()]
    return frame.page("sources.html", title="Source documents", active="sources", documents=documents)


@_pages.get("/sources/{name}",
            summary="A source text (text/plain), or {doc}.html: the text with numbered, anchored lines",
            response_class=Response,
            responses={200: answers("text/plain", HTML, description="the text, or for {doc}.html its numbered lines"),
                       **problems.responses(404, html=(404,))})
def source(request: Request, name: str,
           lines: Annotated[str | None, Query(description="for {doc}.html: the line or lines to mark, e.g. "
                                                           "244-246")] = None) -> Response:
    files = source_files()
    if name.endswith(".html") and name[:-5] in files:
        slug = name[:-5]
        return HTMLResponse(source_html(slug, files[slug], lines, document_titles(request).get(slug)))
    if name in files.values():
        return Response((SOURCES_DIR / name).read_bytes(), media_type="text/plain; charset=utf-8")
    return _not_found(request, f"/sources/{name}")


def source_html(slug: str, name: str, lines: str | None, title: str | None = None) -> str:
    text = source_lines(name)
    first = last = 0
    if lines:
        match = re.fullmatch(r"(\d{1,7})(?:-(\d{1,7}))?", lines.strip())
        if match:
            first = int(match.group(1))
            last = int(match.group(2) or first)
    marked = ' class="hl"'
    rows = "".join(
        f'<tr id="L{number}"{marked if first <= number <= last else ""}><td class="n">'
        f'<a href="#L{number}">{number}</a></td><td class="t">{html.escape(line)}</td></tr>\n'
        for number, line in enumerate(text, 1))
    return frame.render("source.html", title=title or slug, active="sources", file=name, slug=slug,
                        count=len(text), first=first, last=last, rows=Markup(rows))


router = APIRouter()  # the linked-data routes and the dataset's (each under its own OpenAPI tag)
router.include_router(_pages)
router.include_router(dataset.router)
