"""The service over real HTTP (uvicorn), queried by an ordinary SPARQL client (SPARQLWrapper)."""
from __future__ import annotations

import httpx
import pytest
from api.http.serving import serve_in_thread as serve

from api.app import create_app

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

PREFIX = "PREFIX ltkg: <https://ltkg.example.org/def/>\n"


@pytest.fixture(scope="module")
def base_url(app_settings):
    with serve(create_app(app_settings)) as url:
        yield url


def wrapper(base_url: str, method: str) -> SPARQLWrapper.SPARQLWrapper:
    sparql = SPARQLWrapper.SPARQLWrapper(f"{base_url}/sparql")
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_ask_construct(base_url, method):
    sparql = wrapper(base_url, method)
    sparql.setReturnFormat(SPARQLWrapper.JSON)
    sparql.setQuery(PREFIX + "SELECT ?party WHERE { <https://ltkg.example.org/id/action/langer-thuis-2.6> ltkg:lead ?party }")
    rows = sparql.queryAndConvert()["results"]["bindings"]
    assert {row["party"]["value"].rpartition("/")[2] for row in rows} == {"vws", "vng", "mezzo"}

    sparql.setQuery(PREFIX + "ASK { ?a a ltkg:Action }")
    assert sparql.queryAndConvert()["boolean"] is True

    sparql = wrapper(base_url, method)
    sparql.setReturnFormat(SPARQLWrapper.TURTLE)
    sparql.setQuery(PREFIX + "CONSTRUCT { ?a a ltkg:Action } WHERE { ?a a ltkg:Action }")
    turtle = sparql.queryAndConvert()
    assert b"langer-thuis-2.6" in turtle


def test_sparqlwrapper_update_is_refused(base_url):
    sparql = wrapper(base_url, "POST")
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception) as error:  # SPARQLWrapper raises its own HTTP error classes
        sparql.query()
    assert "403" in str(error.value) or "read-only" in str(error.value)


def test_rest_and_page_over_http(base_url):
    with httpx.Client(base_url=base_url) as http:
        assert http.get("/api/actions/langer-thuis-2.6").json()["notation"] == "2.6"
        missing = http.get("/api/actions/none")
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
        page = http.get("/viz/who-owns-what")
        assert page.status_code == 200
        assert http.get("/viz/lib/vis-network.min.js").status_code == 200
