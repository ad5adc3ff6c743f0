"""The dataset as a whole: its VoID and DCAT description, and its downloads.

    GET /.well-known/void, /dataset    the description: Turtle (default), JSON-LD, N-Triples or HTML, by Accept
    GET /download/ltkg.nq              every quad; the graph of a triple is its provenance (the build's dump)
    GET /download/ltkg.trig            the same quads as TriG
    GET /download/ltkg.jsonld          the same quads as JSON-LD, each named graph an @graph entry
    GET /download/ltkg.ttl             the union of the triples as Turtle: the named graphs, and so the
                                       link from a triple to its citation, are lost
    GET /download/actions.csv          one row per action

The graph is read-only between builds, so each file is made once per process and kept in memory,
until the store changes (a new build). With a remote SPARQL endpoint as the store there is no dump
file: the quads come from dataset-quads.rq, and the files are kept for the life of the process.

This module also holds what the linked-data routes (api/linked_data.py) share with it: content
negotiation, RDF serialisation, and the mapping of this graph's IRIs to the server's own paths.
The RDF always names things by their IRIs under https://ltkg.example.org/, whatever host serves it;
an HTML page links the path part, which this server answers.
"""
from __future__ import annotations

import csv
import io
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from api import problems, queries
from api.problems import Problem
from api.results import negotiate as _negotiate
from api.routing import answers, format_parameter, parameters, run
from api.shapes import best_label, natural_key
from api.store import Solutions, StoreUnavailable, Term
from api.web import frame
from graph.ns import BASE, ID, LTKG, PREFIXES
from graph.provenance import README, README_SLUG
from ltkg.settings import SOURCES_DIR

router = APIRouter(tags=["dataset"])

# -- media types and formats --------------------------------------------------------------------------
HTML = "text/html"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
JSON = "application/json"  # taken as JSON-LD
N_TRIPLES = "application/n-triples"
TRIG = "application/trig"
N_QUADS = "application/n-quads"
CSV = "text/csv"

# ?format= values, for links and for clients that cannot set Accept.
FORMATS = {"html": HTML, "ttl": TURTLE, "jsonld": JSON_LD, "nt": N_TRIPLES, "trig": TRIG, "nq": N_QUADS}
FORMAT_NAMES = {HTML: "HTML", TURTLE: "Turtle", JSON_LD: "JSON-LD", N_TRIPLES: "N-Triples", TRIG: "TriG",
                N_QUADS: "N-Quads", CSV: "CSV"}
_OX_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, JSON_LD: ox.RdfFormat.JSON_LD, N_TRIPLES: ox.RdfFormat.N_TRIPLES,
               TRIG: ox.RdfFormat.TRIG, N_QUADS: ox.RdfFormat.N_QUADS}
DATASET_TYPES = {TRIG, N_QUADS, JSON_LD}  # formats that keep named graphs

FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
RDF_PREFIXES = {**PREFIXES, "foaf": FOAF, "void": VOID, "dcat": DCAT}
IANA = "https://www.iana.org/assignments/media-types/"


def media_type(media: str) -> str:
    """The Content-Type header for a media type: text types with their charset."""
    return f"{media}; charset=utf-8" if media.startswith("text/") or media in (N_TRIPLES, TRIG, N_QUADS) else media


def negotiate(request: Request, offers: list[str]) -> str:
    """The media type to answer with: ?format= if given, else the offer the Accept header likes best.

    Ties go to the earlier offer, so the first offer is the default for `*/*` or no Accept at all;
    application/json counts as JSON-LD. 406 (problem+json) if none is acceptable.
    """
    given = request.query_params.get("format")
    if given is not None:
        media = FORMATS.get(given.strip().lower())
        if media is None or media not in offers:
            names = ", ".join(name for name, m in FORMATS.items() if m in offers)
            raise Problem(400, f"format must be one of {names}, not {given!r}", "invalid-parameter",
                          parameter="format")
        return media
    choices = offers + ([JSON] if JSON_LD in offers else [])
    media = _negotiate(request.headers.get("accept"), choices)
    if media is None:
        raise Problem(406, f"this resource can be had as {', '.join(offers)}", "not-acceptable",
                      headers={"Vary": "Accept"})
    return JSON_LD if media == JSON else media


def prefers_html(request: Request) -> bool:
    """Whether the client (a browser) likes HTML better than JSON: for the form of error pages."""
    return _negotiate(request.headers.get("accept"), [JSON, HTML]) == HTML and \
        "text/html" in request.headers.get("accept", "")


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


# -- the cache ----------------------------------------------------------------------------------------
class FileCache:
    """Generated files by name, made once per store version (per process for a remote store)."""

    def __init__(self):
        self._files: dict[str, tuple[object, bytes]] = {}
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def get(self, name: str, version: object, make: Callable[[], bytes]) -> bytes:
        with self._guard:
            lock = self._locks[name]
        with lock:  # one maker per file at a time; the others wait for its result
            found = self._files.get(name)
            if found is not None and found[0] == version:
                return found[1]
            body = make()
            self._files[name] = (version, body)
            return body


def _cache(request: Request) -> FileCache:
    state = request.app.state
    cache = getattr(state, "dataset_files", None)
    if cache is None:
        with _STATE_LOCK:
            cache = getattr(state, "dataset_files", None)
            if cache is None:
                cache = state.dataset_files = FileCache()
    return cache


_STATE_LOCK = threading.Lock()


def _version(request: Request) -> object:
    return request.app.state.store.version()


def _dump_file(request: Request):
    """The build's N-Quads dump, if the store is the embedded one and the dump is there."""
    settings = request.app.state.settings
    path = settings.dump_path
    if not settings.sparql_endpoint and path.is_file():
        return path
    return None


def all_quads(request: Request) -> list[ox.Quad]:
    """Every quad of the store: parsed from the build's dump, or asked of the remote endpoint."""
    path = _dump_file(request)
    if path is not None:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    # In ordered pages, as endpoints cap the rows of one answer (Virtuoso's ResultSetMaxRows); then
    # checked against the count, so that a cap below the page size fails rather than cuts the dump.
    store, text = request.app.state.store, queries.load("dataset-quads").text
    timeout = max(60.0, request.app.state.settings.query_timeout)
    quads: list[ox.Quad] = []
    while True:
        page = store.query(f"{text}\nORDER BY ?g ?s ?p ?o LIMIT {QUAD_PAGE} OFFSET {len(quads)}", timeout=timeout)
        if not isinstance(page, Solutions):
            raise StoreUnavailable("dataset-quads.rq did not answer solutions")
        quads += [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in page.rows]
        if len(page.rows) < QUAD_PAGE:
            break
    expected = int(run(request, "dataset-statistics").rows[0]["quads"].value)
    if len(quads) != expected:
        raise StoreUnavailable(f"the SPARQL endpoint gave {len(quads)} of the dataset's {expected} quads; "
                               f"it may cap the rows of an answer below {QUAD_PAGE}")
    return quads


QUAD_PAGE = 5000


# -- downloads ----------------------------------------------------------------------------------------
TURTLE_NOTE = (b"# The Langer Thuis knowledge graph: the union of the triples of all its named graphs.\n"
               b"# Turtle has no named graphs, so this file does not say which source states which triple;\n"
               b"# /download/ltkg.nq, /download/ltkg.trig and /download/ltkg.jsonld keep each triple in the\n"
               b"# graph that is its provenance (a ltkg:Citation or a ltkg:EditorialAssertion).\n\n")

DOWNLOADS = {  # file: (media type, title, description)
    "ltkg.nq": (N_QUADS, "N-Quads dump", "Every quad; the graph of each triple is its provenance (a citation or an "
                                         "editorial assertion), described in the provenance graph."),
    "ltkg.trig": (TRIG, "TriG dump", "The same quads as TriG."),
    "ltkg.jsonld": (JSON_LD, "JSON-LD dump", "The same quads as JSON-LD; each named graph is an @graph entry."),
    "ltkg.ttl": (TURTLE, "Turtle dump (no named graphs)",
                 "The union of the triples. Turtle has no named graphs: which source states which triple is lost."),
    "actions.csv": (CSV, "Actions (CSV)", "One row per action: programme, action line, goal, number, title, "
                                          "milestone, parties by role and the first source of the action."),
}


def _file(name: str) -> dict:
    """How a download route is documented: its media type, 503 without a store."""
    media, _, about = DOWNLOADS[name]
    return {"response_class": Response,
            "responses": {200: answers(media, description=about), **problems.responses(503)}}


def _download(request: Request, name: str, make: Callable[[], bytes]) -> Response:
    media = DOWNLOADS[name][0]
    body = _cache(request).get(name, _version(request), make)
    return Response(body, media_type=media_type(media),
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/download/ltkg.nq", **_file("ltkg.nq"),
            summary="The whole graph as N-Quads (the build's dump)")
def download_nquads(request: Request) -> Response:
    path = _dump_file(request)
    if path is not None:  # streamed from disk
        return FileResponse(path, media_type=media_type(N_QUADS), filename="ltkg.nq")
    return _download(request, "ltkg.nq", lambda: serialize(all_quads(request), N_QUADS))


@router.get("/download/ltkg.trig", **_file("ltkg.trig"),
            summary="The whole graph as TriG, with its named graphs")
def download_trig(request: Request) -> Response:
    return _download(request, "ltkg.trig", lambda: serialize(all_quads(request), TRIG))


@router.get("/download/ltkg.jsonld", **_file("ltkg.jsonld"),
            summary="The whole graph as JSON-LD, with its named graphs")
def download_jsonld(request: Request) -> Response:
    return _download(request, "ltkg.jsonld", lambda: serialize(all_quads(request), JSON_LD))


@router.get("/download/ltkg.ttl", **_file("ltkg.ttl"),
            summary="The union of the triples as Turtle (named graphs are lost)")
def download_turtle(request: Request) -> Response:
    return _download(request, "ltkg.ttl", lambda: TURTLE_NOTE + serialize(all_quads(request), TURTLE))


@router.get("/download/actions.csv", **_file("actions.csv"),
            summary="One row per action, with its parties and first source")
def download_actions(request: Request) -> Response:
    return _download(request, "actions.csv", lambda: actions_csv(run(request, "dataset-actions")))


ACTION_COLUMNS = ["id", "iri", "programme", "action_line", "goal", "number", "notation", "title", "milestone",
                  "leads", "partners", "responsible", "involved", "source_document", "source_first_line",
                  "source_last_line"]


def _slug(term: Term | None) -> str:
    if term is None:
        return ""
    return term.value.rpartition("/")[2] if term.value.startswith(ID) else term.value


def actions_csv(rows: Solutions) -> bytes:
    """The CSV of /download/actions.csv from the rows of dataset-actions.rq."""
    facts: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows.rows:
        facts[row["action"].value][row["part"].value].append(row)

    def first(parts: dict, part: str, key: str = "value") -> Term | None:
        terms = sorted((r[key] for r in parts.get(part, []) if key in r), key=str)
        return terms[0] if terms else None

    def names(parts: dict, part: str) -> str:
        by_party: dict[Term, list[Term]] = defaultdict(list)
        for r in parts.get(part, []):
            by_party[r["item"]].extend([r["value"]] if "value" in r else [])
        found = {best_label(labels) or _slug(party) for party, labels in by_party.items()}
        return "; ".join(sorted(found, key=lambda s: (s.casefold(), s)))

    records = []
    for action, parts in facts.items():
        sources = sorted((_slug(r["item"]), int(r["first"].value), int(r["last"].value))
                         for r in parts.get("source", []) if "first" in r and "last" in r)
        source = sources[0] if sources else ("", "", "")
        line_number = first(parts, "actionLine", "number")
        number = first(parts, "number")
        notation = first(parts, "notation")
        record = {
            "id": _slug(ox.NamedNode(action)), "iri": action,
            "programme": _slug(first(parts, "programme", "item")),
            "action_line": _slug(first(parts, "actionLine", "item")),
            "goal": _slug(first(parts, "goal", "item")),
            "number": number.value if number else "",
            "notation": notation.value if notation else "",
            "title": best_label(r["value"] for r in parts.get("title", []))
                     or best_label(r["value"] for r in parts.get("label", [])) or "",
            "milestone": best_label(r["value"] for r in parts.get("milestone", []) if "value" in r) or "",
            "leads": names(parts, "lead"), "partners": names(parts, "partner"),
            "responsible": names(parts, "responsible"), "involved": names(parts, "involved"),
            "source_document": source[0], "source_first_line": source[1], "source_last_line": source[2],
        }
        key = (natural_key(record["programme"]), int(line_number.value) if line_number else 0,
               natural_key(record["notation"]), natural_key(record["id"]))
        records.append((key, record))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for _, record in sorted(records, key=lambda pair: pair[0]):
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


# -- the description (VoID, DCAT) ---------------------------------------------------------------------
DESCRIPTION_IRI = BASE + "dataset"
DATASET_IRI = DESCRIPTION_IRI + "#ltkg"
SPARQL_IRI = BASE + "sparql"
EXAMPLES = ["action/langer-thuis-2.6", "party/vws", "programme/langer-thuis", "programme/wozo"]
TITLE = {"en": "Langer Thuis knowledge graph", "nl": "Kennisgraaf Langer Thuis"}
DESCRIPTION = {
    "en": "Dutch policy for older people living at home: the Langer Thuis programme (2018-2021) and its "
          "successors WOZO, IZA, GALA and TAZ; their action lines, goals, actions, milestones, the parties that "
          "lead or take part in them, regulations, regions and results. Every triple sits in a named graph that "
          "is its provenance: a citation (a verbatim quote from a line range of a public source document) or an "
          "editorial assertion of the project's editors, with its rationale.",
    "nl": "Beleid voor ouderen die langer thuis wonen: het programma Langer Thuis (2018-2021) en zijn opvolgers "
          "WOZO, IZA, GALA en TAZ; actielijnen, doelen, acties, mijlpalen, trekkers en betrokken partijen, "
          "regelingen, regio's en resultaten. Elke triple staat in een benoemde graaf die zijn herkomst is: een "
          "citaat uit een openbaar brondocument (regels en letterlijke tekst) of een redactionele bewering.",
}
RIGHTS = ("The licence of this dataset is not yet declared. The source documents are public Dutch government "
          "publications; the software that builds and serves the graph is licensed EUPL-1.2 (pyproject.toml), "
          "which does not by itself license the data.")
VOCABULARIES = {  # namespace: name, for void:vocabulary (those the data use)
    str(LTKG): "Langer Thuis ontology (ltkg)",
    "http://www.w3.org/ns/org#": "W3C Organization Ontology (org)",
    "http://www.w3.org/ns/prov#": "W3C PROV-O (prov)",
    "http://www.w3.org/2004/02/skos/core#": "SKOS (skos)",
    "http://purl.org/dc/terms/": "DCMI Metadata Terms (dcterms)",
    FOAF: "FOAF (foaf)",
    "http://www.w3.org/2000/01/rdf-schema#": "RDF Schema (rdfs)",
    "http://www.w3.org/2002/07/owl#": "OWL (owl)",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_n(XSD + "integer"))


def description(request: Request) -> dict:
    """What the VoID/DCAT description says, as plain values (for the RDF and the HTML)."""
    stats = run(request, "dataset-statistics").rows
    counts = {name: int(term.value) for name, term in (stats[0] if stats else {}).items()}
    classes = [(row["class"].value, int(row["entities"].value)) for row in run(request, "dataset-classes").rows]
    properties = [(row["property"].value, int(row["triples"].value))
                  for row in run(request, "dataset-properties").rows]
    documents: dict[str, dict] = {}
    for row in run(request, "dataset-documents").rows:
        doc = documents.setdefault(row["document"].value, {"iri": row["document"].value, "titles": [],
                                                            "file": None, "issued": None})
        if "title" in row:
            doc["titles"].append(row["title"])
        if "fileName" in row:
            doc["file"] = row["fileName"].value
        if "issued" in row:
            doc["issued"] = row["issued"]
    for doc in documents.values():
        doc["title"] = best_label(doc["titles"]) or _slug(ox.NamedNode(doc["iri"]))
        doc["slug"] = _slug(ox.NamedNode(doc["iri"]))
    used = {iri for iri, _ in properties} | {iri for iri, _ in classes}
    vocabularies = [ns for ns in VOCABULARIES if any(term.startswith(ns) for term in used)]
    modified = None
    dump = _dump_file(request)
    if dump is not None:
        modified = datetime.fromtimestamp(dump.stat().st_mtime, timezone.utc).replace(microsecond=0)
    return {"counts": counts, "classes": classes, "properties": properties,
            "documents": sorted(documents.values(), key=lambda d: d["iri"]),
            "vocabularies": vocabularies, "modified": modified}


def _fragment(iri: str) -> str:
    """A stable fragment for a partition of a class or property: its CURIE, e.g. ltkg-Action."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", curie(iri)).strip("-")


def void_triples(info: dict) -> list[ox.Triple]:
    """The VoID and DCAT description of the dataset."""
    out: list[ox.Triple] = []
    dataset, doc = _n(DATASET_IRI), _n(DESCRIPTION_IRI)
    dct, void, dcat = "http://purl.org/dc/terms/", VOID, DCAT

    def add(s, p: str, o) -> None:
        out.append(ox.Triple(s, _n(p), o))

    add(doc, RDF_TYPE.value, _n(void + "DatasetDescription"))
    add(doc, dct + "title", ox.Literal("Description of the Langer Thuis knowledge graph", language="en"))
    add(doc, FOAF + "primaryTopic", dataset)
    for cls in ("void:Dataset", "dcat:Dataset"):
        prefix, local = cls.split(":")
        add(dataset, RDF_TYPE.value, _n(RDF_PREFIXES[prefix] + local))
    for lang, text in TITLE.items():
        add(dataset, dct + "title", ox.Literal(text, language=lang))
    for lang, text in DESCRIPTION.items():
        add(dataset, dct + "description", ox.Literal(text, language=lang))
    add(dataset, dct + "rights", ox.Literal(RIGHTS, language="en"))
    for lang in ("nl", "en"):
        add(dataset, dct + "language", _n(f"http://id.loc.gov/vocabulary/iso639-1/{lang}"))
    for keyword in ("ouderenzorg", "Langer Thuis", "WOZO", "beleid"):
        add(dataset, dcat + "keyword", ox.Literal(keyword, language="nl"))
    for keyword in ("elderly care", "policy", "provenance"):
        add(dataset, dcat + "keyword", ox.Literal(keyword, language="en"))
    if info["modified"] is not None:
        add(dataset, dct + "modified", ox.Literal(info["modified"].isoformat().replace("+00:00", "Z"),
                                                  datatype=_n(XSD + "dateTime")))
    add(dataset, dcat + "landingPage", doc)
    add(dataset, void + "uriSpace", ox.Literal(ID))
    add(dataset, void + "sparqlEndpoint", _n(SPARQL_IRI))
    for example in EXAMPLES:
        add(dataset, void + "exampleResource", _n(ID + example))
    add(dataset, void + "rootResource", _n(ID + "programme/langer-thuis"))
    for namespace in info["vocabularies"]:
        add(dataset, void + "vocabulary", _n(namespace))
    add(dataset, dct + "conformsTo", _n(str(LTKG)))
    for document in info["documents"]:
        add(dataset, dct + "source", _n(document["iri"]))
        add(_n(document["iri"]), dct + "title", ox.Literal(document["title"]))
    counts = info["counts"]
    for name, prop in (("triples", "triples"), ("entities", "entities"), ("subjects", "distinctSubjects"),
                       ("objects", "distinctObjects"), ("properties", "properties"), ("classes", "classes")):
        if name in counts:
            add(dataset, void + prop, _int(counts[name]))
    for cls, entities in info["classes"]:
        node = _n(f"{DESCRIPTION_IRI}#class-{_fragment(cls)}")
        add(dataset, void + "classPartition", node)
        add(node, void + "class", _n(cls))
        add(node, void + "entities", _int(entities))
    for prop, triples in info["properties"]:
        node = _n(f"{DESCRIPTION_IRI}#property-{_fragment(prop)}")
        add(dataset, void + "propertyPartition", node)
        add(node, void + "property", _n(prop))
        add(node, void + "triples", _int(triples))
    for name, (media, title, text) in DOWNLOADS.items():
        url = _n(BASE + "download/" + name)
        if media != CSV:
            add(dataset, void + "dataDump", url)
        node = _n(f"{DESCRIPTION_IRI}#download-{name.replace('.', '-')}")
        add(dataset, dcat + "distribution", node)
        add(node, RDF_TYPE.value, _n(dcat + "Distribution"))
        add(node, dct + "title", ox.Literal(title, language="en"))
        add(node, dct + "description", ox.Literal(text, language="en"))
        add(node, dcat + "downloadURL", url)
        add(node, dcat + "accessURL", url)
        add(node, dcat + "mediaType", _n(IANA + media))
        add(node, dct + "format", ox.Literal(media))
    service = _n(DESCRIPTION_IRI + "#sparql")
    add(service, RDF_TYPE.value, _n(dcat + "DataService"))
    add(service, dct + "title", ox.Literal("SPARQL 1.1 query endpoint (read-only)", language="en"))
    add(service, dcat + "endpointURL", _n(SPARQL_IRI))
    add(service, dct + "conformsTo", _n("https://www.w3.org/TR/sparql11-protocol/"))
    add(service, dcat + "servesDataset", dataset)
    return out




def void_html(info: dict) -> bytes:
    counts = info["counts"]
    labels = [("triples", "distinct triples (all graphs)"), ("quads", "quads (triple and graph)"),
              ("graphs", "named graphs (citations, editorial assertions, ontology, provenance)"),
              ("entities", "entities (IRIs under /id/ with statements)"), ("properties", "properties"),
              ("classes", "classes")]
    return frame.render(
        "dataset.html", active="dataset", title=TITLE, text=DESCRIPTION, rights=RIGHTS,
        counts=[(label, f"{counts[name]:,}") for name, label in labels if name in counts],
        downloads=[(name, media, title, about) for name, (media, title, about) in DOWNLOADS.items()],
        examples=[("/id/" + example, example) for example in EXAMPLES],
        documents=info["documents"], vocabularies=[VOCABULARIES[ns] for ns in info["vocabularies"]],
        classes=[(local_path(cls), curie(cls), f"{n:,}") for cls, n in info["classes"]],
    ).encode("utf-8")


VOID_OFFERS = [TURTLE, HTML, JSON_LD, N_TRIPLES]
_VOID_DOC = {  # how the two description routes are documented
    "response_class": Response,
    "openapi_extra": parameters(None, paged=False, extra=[format_parameter(FORMATS, VOID_OFFERS)]),
    "responses": {200: answers(*VOID_OFFERS, description="the description, by Accept or ?format="),
                  **problems.responses(400, 406, 503)},
}


def _void(request: Request) -> Response:
    media = negotiate(request, VOID_OFFERS)

    def make() -> bytes:
        info = description(request)
        return void_html(info) if media == HTML else serialize(void_triples(info), media)
    body = _cache(request).get(f"void {media}", _version(request), make)
    return Response(body, media_type=media_type(media), headers={"Vary": "Accept"})


@router.get("/.well-known/void", **_VOID_DOC,
            summary="VoID and DCAT description of the dataset (Turtle, JSON-LD, N-Triples or HTML)")
def well_known_void(request: Request) -> Response:
    return _void(request)


@router.get("/dataset", **_VOID_DOC,
            summary="VoID and DCAT description of the dataset (Turtle, JSON-LD, N-Triples or HTML)")
def dataset(request: Request) -> Response:
    return _void(request)


@router.get("/download/", include_in_schema=False)
def downloads_index() -> Response:
    return RedirectResponse("/dataset?format=html", status_code=303)


def source_files() -> dict[str, str]:
    """Source slug (as in /id/document/{slug}) -> file name in graph/sources."""
    files = {path.stem: path.name for path in sorted(SOURCES_DIR.glob("*.txt"))}
    if (SOURCES_DIR / README).is_file():
        files[README_SLUG] = README
    return files
