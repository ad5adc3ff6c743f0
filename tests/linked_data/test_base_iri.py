"""LTKG_BASE_IRI: a build and a server under a publisher's own base IRI (issue 18). `ltkg build` and `ltkg serve` run
as processes with the variable set, as a publisher runs them; then every route of the home page's list (with its
example) and an entity page of every kind of entity are asked, and none may answer with an error or name the
default base."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from urllib.parse import quote

import httpx
import pytest

from api.http.serving import free_port
from graph.settings import DEFAULT_BASE_IRI, ROOT

BASE = "https://data.example.net/ouderen/"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Dest": "document"}  # as a browser asks


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    build_dir = tmp_path_factory.mktemp("other-base")
    env = {**os.environ, "LTKG_BASE_IRI": BASE, "LTKG_BUILD_DIR": str(build_dir), "LTKG_SPARQL_WORKERS": "2"}
    env.pop("LTKG_SPARQL_ENDPOINT", None)
    subprocess.run([sys.executable, "-m", "ltkg.cli", "build"], env=env, cwd=ROOT, check=True, capture_output=True,
                   timeout=900)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ltkg.cli", "serve", "--port", str(port), "--no-access-log"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=60, follow_redirects=True) as client:
            for _ in range(240):
                try:
                    if client.get("/", headers={"Accept": "application/json"}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            else:
                pytest.fail("ltkg serve did not answer under another base IRI")
            yield client, build_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def _clean(response: httpx.Response, what: str) -> None:
    assert response.status_code == 200, (what, response.status_code, response.text[:300])
    assert DEFAULT_BASE_IRI not in response.text, (what, "names the default base")


def test_the_build_mints_every_iri_under_the_base(served):
    _, build_dir = served
    dump = (build_dir / "current" / "ltkg.nq").read_text(encoding="utf-8")
    assert DEFAULT_BASE_IRI not in dump
    assert f"<{BASE}id/party/vws> <http://schema.org/sameAs> " \
           "<https://identifier.overheid.nl/tooi/id/ministerie/mnre1025>" in dump
    assert f"<{BASE}def/Action>" in dump and f"<{BASE}graph/ontology>" in dump


def test_every_route_of_the_home_page_answers_under_the_base(served):
    client, _ = served
    home = client.get("/", headers={"Accept": "application/json"}).json()
    examples = [route["example"] for section in home["sections"] for route in section["routes"]
                if route.get("example") and "GET" in route.get("methods", ["GET"])]
    assert len(examples) > 20
    for example in examples:
        _clean(client.get(example), example)
        _clean(client.get(example, headers=HTML), f"{example} (as a page)")
    _clean(client.get("/openapi.json"), "/openapi.json")


def test_an_entity_page_of_every_kind_answers_under_the_base(served):
    client, _ = served
    query = f"""SELECT ?kind (MIN(STR(?s)) AS ?entity) WHERE {{
      ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/")) BIND(STRBEFORE(STRAFTER(STR(?s), "{BASE}id/"), "/") AS ?kind)
    }} GROUP BY ?kind"""
    answer = client.get(f"/sparql?query={quote(query)}", headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(answer.text)["results"]["bindings"]
    assert len(rows) > 15  # party, action, programme, citation, editorial, register, ...
    for row in rows:
        path = row["entity"]["value"][len(BASE) - 1:]  # /id/kind/slug
        page = client.get(path, headers=HTML)
        _clean(page, path)
        assert row["entity"]["value"] in page.text  # the page names the entity by its IRI under the base
        _clean(client.get(path, headers={"Accept": "text/turtle"}), f"{path} (Turtle)")
    for path in ("/def/", "/def/Action", "/ontology", "/dataset", "/sparql", "/download/ltkg.ttl",
                 "/.well-known/void"):
        _clean(client.get(path, headers=HTML if path in ("/ontology", "/sparql") else {}), path)


def test_links_and_sparql_under_the_base(served):
    client, _ = served
    vws = client.get("/api/actors/vws").json()
    assert vws["iri"] == BASE + "id/party/vws"
    assert "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025" in vws["sameAs"]
    relative = quote("SELECT ?o WHERE { <id/party/vws> <http://schema.org/sameAs> ?o }")
    answer = client.get(f"/sparql?query={relative}", headers={"Accept": "text/csv"})
    assert "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025" in answer.text  # relative IRIs: this base
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text
    assert re.search(rf'void:uriSpace "{re.escape(BASE)}id/"', void)
