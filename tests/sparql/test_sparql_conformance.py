"""/sparql: the details of the protocol a client relies on (issue 13), and input that must not crash it.

- long flat chains are refused before any parser sees them (no worker crashes);
- relative IRIs resolve against the graph's base; the default graph is the RDF merge (a set);
- old Accept aliases and the `format` parameter; time-outs carry no Retry-After;
- one client over its limit of queries in flight gets 429 with Retry-After at once.
"""
from __future__ import annotations

import threading
import time
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings

PROBLEM = "application/problem+json"
PREFIX = "PREFIX ltkg: <https://ltkg.example.org/def/>\n"
SELECT = PREFIX + "SELECT ?action WHERE { ?action a ltkg:Action } ORDER BY ?action"
CONSTRUCT = PREFIX + "CONSTRUCT { ?action ltkg:lead ?party } WHERE { ?action ltkg:lead ?party }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _sparql(client, query: str, **params):
    return client.get("/sparql", params={"query": query, **params})


# -- crash-proof ----------------------------------------------------------------------------------
@pytest.mark.parametrize("query", [  # each under 64 KB; the first two crashed a worker (its stack overflowed)
    "SELECT (" + "+".join(["1"] * 25_000) + " AS ?x) WHERE {}",
    "SELECT * WHERE { " + " UNION ".join(["{}"] * 7_000) + " }",
    "SELECT * WHERE { " + " ".join(["OPTIONAL {}"] * 5_000) + " }",
    "SELECT * WHERE { " + " ".join(f"?s ?p x:o{i}." for i in range(4_000)) + " }",  # dots swallowed by names
], ids=["plus", "union", "optional", "triple-patterns"])
def test_long_flat_chains_are_400_before_any_worker_sees_them(client, app, query):
    response = client.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"})
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("/too-complex") and "2000" in response.json()["detail"]
    assert _sparql(client, "ASK {}").status_code == 200
    assert app.state.sparql_sandbox.crashes == 0  # no worker died under a query


def test_a_chain_under_the_limit_is_answered(client):
    response = _sparql(client, "SELECT (" + "+".join(["1"] * 1_900) + " AS ?x) WHERE {}")
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "1900"


# -- conformance --------------------------------------------------------------------------------------
def test_relative_iris_resolve_against_the_graphs_base(client):
    construct = client.post("/sparql", content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
                            headers={"content-type": "application/sparql-query", "accept": "application/n-triples"})
    assert construct.status_code == 200
    assert construct.text.strip() == ('<https://ltkg.example.org/s> <https://ltkg.example.org/p> '
                                      '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    ask = _sparql(client, "ASK { <id/action/langer-thuis-2.6> a <def/Action> }")
    assert ask.json()["boolean"] is True
    own_base = _sparql(client, "BASE <http://example.org/> SELECT ?x WHERE { BIND(<a> AS ?x) }")
    assert own_base.json()["results"]["bindings"][0]["x"]["value"] == "http://example.org/a"


def _count(client, query: str) -> int:
    return int(_sparql(client, query).json()["results"]["bindings"][0]["n"]["value"])


def test_the_default_graph_is_the_merge_of_all_graphs_each_triple_once(client):
    scanned = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    stated = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert stated > distinct  # the fixture states some triples in several graphs
    assert scanned == distinct
    described = client.get("/sparql", params={"query": "DESCRIBE <https://ltkg.example.org/id/action/langer-thuis-2.6>"},
                           headers={"accept": "application/n-triples"}).text.strip().splitlines()
    assert described and len(described) == len(set(described))


def test_a_whole_graph_construct_is_complete(client):
    triples = client.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                         headers={"accept": "application/n-triples"})
    assert "x-ltkg-truncated" not in triples.headers
    lines = triples.text.strip().splitlines()
    assert len(lines) == len(set(lines)) == _count(
        client, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")


@pytest.mark.parametrize("query, accept, root", [
    (SELECT, "application/xml", "sparql"),
    (PREFIX + "ASK { ?a a ltkg:Action }", "application/xml", "sparql"),
    (CONSTRUCT, "application/xml", "RDF"),
])
def test_application_xml_is_the_results_or_rdf_xml(client, query, accept, root):
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert ET.fromstring(response.content).tag.endswith(root)


def test_text_plain_is_n_triples(client):
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/plain"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))) > 0


def test_a_time_out_carries_no_retry_after(build_dir):
    with TestClient(create_app(Settings(build_dir=build_dir, query_timeout=0.3))) as hasty:
        response = _sparql(hasty, RUNAWAY)
    assert response.status_code == 503 and response.json()["type"].endswith("/query-timeout")
    assert "retry-after" not in response.headers


# -- the format parameter ----------------------------------------------------------------------------
@pytest.mark.parametrize("query, fmt, media", [
    (SELECT, "json", "application/sparql-results+json"),
    (SELECT, "xml", "application/sparql-results+xml"),
    (SELECT, "csv", "text/csv"),
    (SELECT, "tsv", "text/tab-separated-values"),
    (SELECT, "text/csv", "text/csv"),
    (CONSTRUCT, "turtle", "text/turtle"),
    (CONSTRUCT, "ntriples", "application/n-triples"),
    (CONSTRUCT, "nt", "application/n-triples"),
    (CONSTRUCT, "rdfxml", "application/rdf+xml"),
    (CONSTRUCT, "jsonld", "application/ld+json"),
    (CONSTRUCT, "json", "application/ld+json"),
    (CONSTRUCT, "xml", "application/rdf+xml"),
])
def test_format_parameter_overrides_accept(client, query, fmt, media):
    got = client.get("/sparql", params={"query": query, "format": fmt}, headers={"accept": "text/html"})
    assert got.status_code == 200 and got.headers["content-type"].split(";")[0] == media
    posted = client.post("/sparql", data={"query": query, "format": fmt})
    assert posted.status_code == 200 and posted.headers["content-type"].split(";")[0] == media
    assert posted.content == got.content


def test_format_of_the_service_description(client):
    response = client.get("/sparql", params={"format": "ntriples"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize("query, fmt, status", [
    (SELECT, "yaml", 400), (SELECT, "turtle", 406), (CONSTRUCT, "csv", 406), (SELECT, "image/png", 406)])
def test_a_format_that_is_unknown_or_does_not_fit_is_a_problem(client, query, fmt, status):
    response = _sparql(client, query, format=fmt)
    assert response.status_code == status and response.headers["content-type"] == PROBLEM
    assert response.json()["parameter"] == "format"


# -- one client's limit ------------------------------------------------------------------------------
def test_a_client_over_its_limit_gets_429_at_once_and_others_are_answered(build_dir, monkeypatch):
    monkeypatch.setenv("LTKG_SPARQL_CLIENT_QUERIES", "1")
    app = create_app(Settings(build_dir=build_dir, query_timeout=3.0))
    with TestClient(app, client=("127.0.0.2", 50000)) as greedy, TestClient(app, client=("127.0.0.3", 50000)) as other:
        assert _sparql(greedy, "ASK {}").status_code == 200  # the pool is up
        running = threading.Thread(target=_sparql, args=(greedy, RUNAWAY))
        running.start()
        deadline = time.monotonic() + 5
        while not app.state.sparql_sandbox.busy() and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        refused = _sparql(greedy, SELECT)
        assert time.monotonic() - started < 0.5
        assert refused.status_code == 429 and refused.headers["content-type"] == PROBLEM
        assert refused.json()["type"].endswith("/too-many-queries")
        assert 1 <= int(refused.headers["retry-after"]) <= 3
        answered = _sparql(other, SELECT)
        assert answered.status_code == 200 and answered.json()["results"]["bindings"]
        running.join()
