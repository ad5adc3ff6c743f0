"""GET/POST /sparql: the SPARQL 1.1 query protocol, read-only."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings

PREFIX = "PREFIX ltkg: <https://ltkg.example.org/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
SELECT = PREFIX + "SELECT ?action ?n WHERE { ?action a ltkg:Action ; ltkg:number ?n } ORDER BY ?action"
ASK = PREFIX + "ASK { <https://ltkg.example.org/id/action/langer-thuis-2.6> ltkg:lead ?party }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?action ltkg:lead ?party } WHERE { ?action ltkg:lead ?party }"
PROBLEM = "application/problem+json"

SENDS = {
    "get": lambda client, query, **kw: client.get("/sparql", params={"query": query}, **kw),
    "form": lambda client, query, **kw: client.post("/sparql", data={"query": query}, **kw),
    "body": lambda client, query, headers=None: client.post(
        "/sparql", content=query.encode(), headers={"content-type": "application/sparql-query", **(headers or {})}),
}


@pytest.mark.parametrize("send", SENDS)
def test_select(client, send):
    response = SENDS[send](client, SELECT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    body = response.json()
    assert body["head"]["vars"] == ["action", "n"]
    rows = body["results"]["bindings"]
    assert len(rows) == 6
    first = rows[0]
    assert first["action"] == {"type": "uri", "value": "https://ltkg.example.org/id/action/langer-thuis-1.1"}
    assert first["n"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


@pytest.mark.parametrize("send", SENDS)
def test_ask(client, send):
    response = SENDS[send](client, ASK)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json() == {"head": {}, "boolean": True}
    assert SENDS[send](client, ASK.replace("2.6", "9.9")).json()["boolean"] is False


@pytest.mark.parametrize("send", SENDS)
def test_construct_is_turtle(client, send):
    response = SENDS[send](client, CONSTRUCT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    leads = {(t.subject.value.rpartition("/")[2], t.object.value.rpartition("/")[2]) for t in triples}
    assert {("langer-thuis-2.6", "vws"), ("langer-thuis-2.6", "vng"), ("langer-thuis-2.6", "mezzo")} <= leads
    assert len(triples) == 13


def test_describe(client):
    response = SENDS["get"](client, "DESCRIBE <https://ltkg.example.org/id/party/vws>")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    assert triples and all(t.subject.value == "https://ltkg.example.org/id/party/vws" for t in triples)


def test_default_graph_is_the_union_and_graph_finds_the_citation(client):
    query = PREFIX + """PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?first ?quote WHERE {
          GRAPH ?g { <https://ltkg.example.org/id/action/langer-thuis-2.6> ltkg:lead <https://ltkg.example.org/id/party/mezzo> }
          ?g ltkg:firstLine ?first ; ltkg:quote ?quote }"""
    rows = SENDS["get"](client, query).json()["results"]["bindings"]
    assert {(r["first"]["value"], r["quote"]["value"]) for r in rows} == {("244", "Mezzo")}


@pytest.mark.parametrize("accept, media", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/json", "application/json"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_select_formats(client, accept, media):
    response = SENDS["get"](client, SELECT, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["action", "n"] and rows[1] == ["https://ltkg.example.org/id/action/langer-thuis-1.1", "1"]
    elif media == "text/tab-separated-values":
        lines = response.text.splitlines()
        assert lines[0] == "?action\t?n"
        assert lines[1] == '<https://ltkg.example.org/id/action/langer-thuis-1.1>\t1'  # (Turtle's short integer)
        [first, *_] = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.TSV)
        assert first["n"] == ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    elif media == "application/sparql-results+xml":
        root = ET.fromstring(response.content)
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert len(root.findall("r:results/r:result", ns)) == 6
        parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
        assert len(list(parsed)) == 6


@pytest.mark.parametrize("accept, media", [("application/n-triples", "application/n-triples"),
                                           ("application/rdf+xml", "application/rdf+xml"),
                                           ("application/ld+json", "application/ld+json")])
def test_construct_formats(client, accept, media):
    response = SENDS["get"](client, CONSTRUCT, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == media
    formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML,
               "application/ld+json": ox.RdfFormat.JSON_LD}
    assert len(list(ox.parse(response.content, format=formats[media]))) == 13


def test_unacceptable_format_is_406(client):
    response = SENDS["get"](client, SELECT, headers={"accept": "image/png"})
    assert response.status_code == 406 and response.headers["content-type"] == PROBLEM


# -- refusals -----------------------------------------------------------------------------------------
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <http://x/#>\n# a comment { SELECT\ndelete data { <urn:a> <urn:b> <urn:c> }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL", "DROP GRAPH <urn:g>", "CREATE GRAPH <urn:g>", "COPY DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>", "ADD DEFAULT TO <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("send", SENDS)
def test_updates_are_refused(client, send, update):
    response = SENDS[send](client, update)
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM
    assert "read-only" in response.json()["detail"]


def test_update_field_and_update_media_type_are_refused(client):
    for response in (client.post("/sparql", data={"update": "CLEAR ALL"}),
                     client.get("/sparql", params={"update": "CLEAR ALL"}),
                     client.post("/sparql", content=b"CLEAR ALL", headers={"content-type": "application/sparql-update"})):
        assert response.status_code == 403 and response.headers["content-type"] == PROBLEM
    # the store is untouched
    assert SENDS["get"](client, ASK).json()["boolean"] is True


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE {",
    "SELEC ?x WHERE { ?x ?p ?o }",
    "SELECT ?x WHERE { ?x nope:p ?o }",
    "this is not sparql",
])
@pytest.mark.parametrize("send", SENDS)
def test_malformed_query_is_400_with_the_parsers_message(client, send, query):
    response = SENDS[send](client, query)
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"]


def test_parser_message_says_where(client):
    detail = SENDS["get"](client, "SELECT ?x WHERE { ?x nope:p ?o }").json()["detail"]
    assert "1:28" in detail and "Prefix not found" in detail


@pytest.mark.parametrize("request_kwargs, status", [
    ({"method": "POST", "url": "/sparql", "content": b"", "headers": {"content-type": "application/x-www-form-urlencoded"}},
     400),
    ({"method": "GET", "url": "/sparql?query=ASK%7B%7D&query=ASK%7B%7D"}, 400),
    ({"method": "GET", "url": "/sparql?query="}, 400),
    ({"method": "GET", "url": "/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20IRI"}, 400),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {"content-type": "text/plain"}}, 415),
    ({"method": "POST", "url": "/sparql", "content": b"\xff\xfe", "headers": {"content-type": "application/sparql-query"}}, 400),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {" + b" " * 70_000 + b"}",
      "headers": {"content-type": "application/sparql-query"}}, 413),
])
def test_protocol_errors(client, request_kwargs, status):
    response = client.request(**request_kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM


def test_browser_gets_a_form(client):
    response = client.get("/sparql", headers={"accept": "text/html"})
    assert response.status_code == 200 and "<form" in response.text


def test_results_beyond_the_maximum_are_cut_and_said_so(build_dir):
    with TestClient(create_app(Settings(build_dir=build_dir, max_rows=3))) as small:
        response = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 3
    assert "X-LTKG-Truncated" in response.headers


def test_query_timeout_is_503(build_dir):
    with TestClient(create_app(Settings(build_dir=build_dir, query_timeout=0.0))) as hasty:
        response = hasty.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM


def test_answers_are_kept_until_the_next_build(client):
    """The same query in the same format is answered from the per-build answer cache the second time;
    a failed or another format's answer is not taken for it."""
    cache = client.app.state.response_cache
    query = SELECT + " LIMIT 3"
    first = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    kept = [key for key in cache._bodies if key[0] == "sparql" and key[1] == query]
    assert first.status_code == 200 and [key[2] for key in kept] == ["text/csv"]
    again = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
    as_json = client.get("/sparql", params={"query": query})
    assert as_json.headers["content-type"] == "application/sparql-results+json"
    assert len(as_json.json()["results"]["bindings"]) == 3
    bad = PREFIX + "SELECT ?x WHERE { ?x ltkg:nope ?y } ORDER BY"  # malformed: never kept
    assert client.get("/sparql", params={"query": bad}).status_code == 400
    assert not [key for key in cache._bodies if key[0] == "sparql" and key[1] == bad]
    cache.put(object(), ("other",), b"x")  # a new version of the store empties it
    assert not [key for key in cache._bodies if key[0] == "sparql"]


def test_an_undeclared_prefix_is_named_with_its_declaration(client):
    body = SENDS["get"](client, "SELECT ?x WHERE { ?x skos:prefLabel ?o ; nope:p ?q }").json()
    assert body["detail"].startswith("The prefixes nope:, skos: are not declared. "
                                     "Add PREFIX skos: <http://www.w3.org/2004/02/skos/core#> at the top.")
    assert "Prefix not found" in body["detail"]  # the parser's own words follow
    assert body["undeclaredPrefixes"] == ["nope", "skos"]
    assert body["fix"] == "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
