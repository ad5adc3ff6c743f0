"""/sparql against the SPARQL 1.1 Protocol, over real HTTP, with real clients (SPARQLWrapper, rdflib).

Also: the service description, content negotiation with q-values, the protocol's dataset parameters,
problem+json errors, CORS, gzip, and the same protocol through the remote-endpoint backend.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import socket
import time

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from api.app import create_app
from api.http.serving import serve_in_thread as serve
from graph.settings import Settings

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

ID = "https://ltkg.example.org/id/"
PREFIX = "PREFIX ltkg: <https://ltkg.example.org/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
LEADS_26 = PREFIX + f"SELECT ?party WHERE {{ <{ID}action/langer-thuis-2.6> ltkg:lead ?party }} ORDER BY ?party"
ACTIONS = PREFIX + "SELECT ?action ?n WHERE { ?action a ltkg:Action ; ltkg:number ?n } ORDER BY ?action"
CONSTRUCT = PREFIX + "CONSTRUCT { ?action ltkg:lead ?party } WHERE { ?action ltkg:lead ?party }"
PROBLEM = "application/problem+json"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


@pytest.fixture(scope="module")
def base_url(app_settings):
    with serve(create_app(Settings(build_dir=app_settings.build_dir, query_timeout=5.0))) as url:
        yield url


@pytest.fixture(scope="module")
def http(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


def slugs(bindings, name="party"):
    return [row[name]["value"].rpartition("/")[2] for row in bindings]


# -- real clients ---------------------------------------------------------------------------------
def wrapper(base_url, method, fmt):
    sparql = SPARQLWrapper.SPARQLWrapper(f"{base_url}/sparql")
    sparql.setMethod(method)
    sparql.setReturnFormat(fmt)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_xml_csv(base_url, method):
    sparql = wrapper(base_url, method, SPARQLWrapper.JSON)
    sparql.setQuery(LEADS_26)
    assert slugs(sparql.queryAndConvert()["results"]["bindings"]) == ["mezzo", "vng", "vws"]

    sparql = wrapper(base_url, method, SPARQLWrapper.XML)
    sparql.setQuery(LEADS_26)
    document = sparql.queryAndConvert()  # an xml.dom.minidom Document
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert [u.rpartition("/")[2] for u in uris] == ["mezzo", "vng", "vws"]

    sparql = wrapper(base_url, method, SPARQLWrapper.CSV)
    sparql.setQuery(LEADS_26)
    rows = list(csv.reader(io.StringIO(sparql.queryAndConvert().decode())))
    assert rows == [["party"], [f"{ID}party/mezzo"], [f"{ID}party/vng"], [f"{ID}party/vws"]]

    sparql = wrapper(base_url, method, SPARQLWrapper.JSON)
    sparql.setQuery(PREFIX + "ASK { ?a a ltkg:Action }")
    assert sparql.queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_turtle_construct(base_url, method):
    sparql = wrapper(base_url, method, SPARQLWrapper.TURTLE)
    sparql.setQuery(CONSTRUCT)
    graph = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(graph) == 13
    lead = URIRef("https://ltkg.example.org/def/lead")
    assert {str(o).rpartition("/")[2] for o in graph.objects(URIRef(f"{ID}action/langer-thuis-2.6"), lead)} \
        == {"vws", "vng", "mezzo"}


def test_sparqlwrapper_update_is_refused_with_a_problem(base_url):
    sparql = SPARQLWrapper.SPARQLWrapper(f"{base_url}/sparql")
    sparql.setMethod("POST")
    sparql.setQuery("PREFIX x: <urn:x:> INSERT DATA { x:a x:b x:c }")
    with pytest.raises(Exception) as error:
        sparql.query()
    assert "403" in str(error.value) or "read-only" in str(error.value)


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_select_and_construct(base_url, method):
    store = SPARQLStore(f"{base_url}/sparql", method=method)
    graph = Graph(store=store)
    rows = list(graph.query(LEADS_26))
    assert [str(row.party).rpartition("/")[2] for row in rows] == ["mezzo", "vng", "vws"]
    result = graph.query(CONSTRUCT)
    constructed = result.graph
    assert len(constructed) == 13
    assert bool(graph.query(PREFIX + "ASK { ?a a ltkg:Action }").askAnswer) is True
    # the store's triple pattern API goes through SELECT too
    notation = URIRef("http://www.w3.org/2004/02/skos/core#notation")
    assert (URIRef(f"{ID}action/langer-thuis-2.6"), notation, Literal("2.6")) in graph


def test_rdflib_sparqlstore_iterates_as_many_triples_as_its_len(base_url):
    """len() counts the default graph and iteration scans it: both see each triple once (the merge)."""
    graph = Graph(store=SPARQLStore(f"{base_url}/sparql"))
    triples = list(graph.triples((None, None, None)))
    assert len(triples) == len(set(triples)) == len(graph)


# -- the service description --------------------------------------------------------------------------
@pytest.mark.parametrize("accept, fmt", [
    (None, "turtle"), ("text/turtle", "turtle"), ("*/*", "turtle"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml;q=0.4, application/n-triples;q=0.9", "nt"),
])
def test_service_description(http, base_url, accept, fmt):
    response = http.get("/sparql", headers={"accept": accept} if accept else {})
    assert response.status_code == 200
    media = {"turtle": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml",
             "json-ld": "application/ld+json"}[fmt]
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.content, format=fmt)
    service = URIRef(f"{base_url}/sparql")
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
            FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS.RDF_XML,
            FORMATS["JSON-LD"]} <= set(graph.objects(service, SD.resultFormat))
    dataset = graph.value(service, SD.defaultDataset)
    assert dataset is not None and graph.value(dataset, SD.defaultGraph) is not None
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph


def test_service_description_for_a_browser_is_a_form_and_406_otherwise(http):
    page = http.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and "<form" in page.text
    refused = http.get("/sparql", headers={"accept": "image/png"})
    assert refused.status_code == 406 and refused.headers["content-type"] == PROBLEM


# -- content negotiation ------------------------------------------------------------------------------
@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.9, application/sparql-results+xml;q=0.8", "text/csv"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0, application/sparql-results+xml;q=0.1", "application/sparql-results+xml"),
    ("text/html, application/xhtml+xml, */*;q=0.01", "application/sparql-results+json"),
])
def test_select_negotiation_with_q_values(http, accept, media):
    response = http.get("/sparql", params={"query": ACTIONS}, headers={"accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    if media == "text/csv":  # (lossy: pyoxigraph does not read it back)
        assert len(list(csv.reader(io.StringIO(response.text)))) == 1 + 6
        return
    parsers = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
               "text/tab-separated-values": ox.QueryResultsFormat.TSV,
               "application/sparql-results+xml": ox.QueryResultsFormat.XML}
    assert len(list(ox.parse_query_results(response.content, format=parsers[media]))) == 6


@pytest.mark.parametrize("accept, media", [
    (None, "text/turtle"), ("application/rdf+xml;q=0.5, application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/*", "application/n-triples"),
])
def test_construct_negotiation(http, accept, media):
    response = http.post("/sparql", content=CONSTRUCT.encode(), headers={
        "content-type": "application/sparql-query", **({"accept": accept} if accept else {})})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    formats = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD}
    assert len(list(ox.parse(response.content, format=formats[media]))) == 13


@pytest.mark.parametrize("query, accept", [
    (ACTIONS, "text/turtle"), (CONSTRUCT, "text/csv"), (PREFIX + "ASK {}", "text/csv"),
    (ACTIONS, "application/sparql-results+json;q=0"),
])
def test_nothing_acceptable_is_406(http, query, accept):
    response = http.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 406
    assert response.headers["content-type"] == PROBLEM
    assert "can be had as" in response.json()["detail"]


# -- the protocol's dataset ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mezzo_graph(http):
    """The citation graph that says Mezzo leads action 2.6."""
    query = PREFIX + f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ID}action/langer-thuis-2.6> ltkg:lead <{ID}party/mezzo> }} }}"
    [row] = http.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return row["g"]["value"]


def test_default_graph_uri_is_applied(http, mezzo_graph):
    for response in (
        http.get("/sparql", params={"query": LEADS_26, "default-graph-uri": mezzo_graph}),
        http.post("/sparql", data={"query": LEADS_26, "default-graph-uri": mezzo_graph}),
        http.post(f"/sparql?default-graph-uri={mezzo_graph}", content=LEADS_26.encode(),
                  headers={"content-type": "application/sparql-query"}),
    ):
        assert response.status_code == 200, response.text
        assert slugs(response.json()["results"]["bindings"]) == ["mezzo"]
    # without it, the union of all graphs
    assert slugs(http.get("/sparql", params={"query": LEADS_26}).json()["results"]["bindings"]) == \
        ["mezzo", "vng", "vws"]


def test_named_graph_uri_is_applied(http, mezzo_graph):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = http.get("/sparql", params=[("query", query), ("named-graph-uri", mezzo_graph)])
    assert [row["g"]["value"] for row in response.json()["results"]["bindings"]] == [mezzo_graph]
    # with only named graphs given, the default graph is empty
    response = http.get("/sparql", params=[("query", LEADS_26), ("named-graph-uri", mezzo_graph)])
    assert response.json()["results"]["bindings"] == []


def test_from_in_the_query_is_honoured(http, mezzo_graph):
    query = LEADS_26.replace("WHERE", f"FROM <{mezzo_graph}> WHERE")
    assert slugs(http.get("/sparql", params={"query": query}).json()["results"]["bindings"]) == ["mezzo"]


def test_bad_dataset_iri_is_400(http):
    response = http.get("/sparql", params={"query": LEADS_26, "default-graph-uri": "not an iri"})
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM
    assert response.json()["parameter"] == "default-graph-uri"


# -- errors are problems --------------------------------------------------------------------------------
@pytest.mark.parametrize("method, url, kwargs, status", [
    ("GET", "/sparql?query=SELECT", {}, 400),
    ("GET", "/sparql?update=CLEAR%20ALL", {}, 403),
    ("GET", "/sparql?query=%FF%FE", {}, 400),
    ("POST", "/sparql", {"content": b"ASK {}", "headers": {"content-type": "text/plain"}}, 415),
    ("POST", "/sparql", {"content": b"ASK {}", "headers": {"content-type": "application/sparql-query; charset=latin1"}},
     415),
    ("POST", "/sparql", {"content": b"ASK {}"}, 415),
    ("PUT", "/sparql", {"content": b"ASK {}"}, 405),
    ("DELETE", "/sparql", {}, 405),
    ("POST", "/sparql", {"content": b"query=ASK%7B%7D", "headers": {"content-type": "application/x-www-form-urlencoded"},
                         "params": {"query": "ASK {}"}}, 400),
    ("POST", "/sparql?query=ASK%7B%7D", {"content": b"ASK {}", "headers": {"content-type": "application/sparql-query"}},
     400),
])
def test_errors_are_problem_json(http, method, url, kwargs, status):
    response = http.request(method, url, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["detail"] and body["type"].startswith("https://")


def test_sizes_are_413_and_414_over_http(http):
    body = http.post("/sparql", content=b"ASK {" + b" " * 70_000 + b"}",
                     headers={"content-type": "application/sparql-query"})
    assert body.status_code == 413 and body.headers["content-type"] == PROBLEM
    url = http.get("/sparql", params={"query": "ASK {} #" + "a" * 64_500})  # (httpx allows URLs up to 64 KiB)
    assert url.status_code == 414 and url.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("head", [
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: abc\r\n\r\n",
    b"GET /sparql HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
], ids=["content-length-abc", "header-without-colon"])
def test_a_malformed_http_request_is_a_problem_too(base_url, head):
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status_line.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/problem+json" in headers.lower()
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["type"].endswith("/bad-request") and problem["detail"]


# -- CORS and gzip ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cors_url(build_dir):
    settings = Settings(build_dir=build_dir, cors_origins=("https://researcher.example",))
    with serve(create_app(settings)) as url:
        yield url


def test_cors_for_configured_origins(cors_url):
    with httpx.Client(base_url=cors_url) as http:
        allowed = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://researcher.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://researcher.example"
        assert "X-LTKG-Truncated" in allowed.headers["access-control-expose-headers"]
        other = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = http.options("/sparql", headers={"origin": "https://researcher.example",
                                                     "access-control-request-method": "POST",
                                                     "access-control-request-headers": "content-type"})
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]
        # refusals carry CORS headers too, so a browser client can read the problem
        problem = http.post("/sparql", content=b"CLEAR ALL", headers={"origin": "https://researcher.example",
                                                                      "content-type": "application/sparql-query"})
        assert problem.status_code == 403 and problem.headers["access-control-allow-origin"]


def test_cors_for_any_origin_by_default(http):
    response = http.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://researcher.example"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_large_answers_are_gzipped(base_url):
    with httpx.Client(base_url=base_url) as http:
        query = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
        raw = http.get("/sparql", params={"query": query}, headers={"accept-encoding": "gzip"})
        assert raw.headers["content-encoding"] == "gzip"
        assert len(raw.json()["results"]["bindings"]) == 500  # httpx decompresses
        small = http.get("/sparql", params={"query": "ASK {}"}, headers={"accept-encoding": "gzip"})
        assert "content-encoding" not in small.headers
        plain = http.get("/sparql", params={"query": query}, headers={"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers
    # and the raw bytes are gzip
    with httpx.stream("GET", f"{base_url}/sparql", params={"query": query},
                      headers={"accept-encoding": "gzip"}) as response:
        data = b"".join(response.iter_raw())
    assert sorted(json.loads(gzip.decompress(data))["head"]["vars"]) == ["o", "p", "s"]


# -- the remote-endpoint backend ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def remote_url(base_url, app_settings):
    """An app whose store is the first app's /sparql, as it would be Virtuoso."""
    settings = Settings(build_dir=app_settings.build_dir, sparql_endpoint=f"{base_url}/sparql", query_timeout=1.0)
    with serve(create_app(settings)) as url:
        yield url


def test_remote_backend_speaks_the_same_protocol(remote_url, mezzo_graph):
    with httpx.Client(base_url=remote_url, timeout=30) as http:
        response = http.get("/sparql", params={"query": LEADS_26})
        assert slugs(response.json()["results"]["bindings"]) == ["mezzo", "vng", "vws"]
        response = http.get("/sparql", params={"query": LEADS_26}, headers={"accept": "text/csv"})
        assert response.headers["content-type"].startswith("text/csv")
        assert response.text.splitlines()[0] == "party"
        response = http.post("/sparql", data={"query": CONSTRUCT}, headers={"accept": "application/n-triples"})
        assert len(list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))) == 13
        response = http.get("/sparql", params={"query": LEADS_26, "default-graph-uri": mezzo_graph})
        assert slugs(response.json()["results"]["bindings"]) == ["mezzo"]
        assert http.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
                        ).status_code == 403
        assert http.get("/sparql", params={"query": "SELECT ?x WHERE {"}).status_code == 400
        assert http.get("/sparql", params={"query": "CLEAR ALL"}).status_code == 403


def test_remote_backend_times_out(remote_url):
    """The remote call has the (1 s) time limit: the answer is 503 well before the endpoint's own 10 s."""
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    response = httpx.get(f"{remote_url}/sparql", params={"query": runaway}, timeout=30)
    assert response.status_code == 503 and response.json()["type"].endswith("query-timeout")
    assert time.monotonic() - started < 5
