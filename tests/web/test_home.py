"""GET / (api/web/home.py): every route, as JSON, or as an HTML page for a browser whose links all work
and stay on this server; on the real build."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from plan2018_fixtures import built

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
NAMED = ["/api/programmes", "/api/programmes/{id}", "/api/actors", "/api/actors/{id}", "/api/actions",
         "/api/actions/{id}", "/api/regulations", "/api/regions", "/api/themes", "/api/coverage", "/api/white-spots",
         "/api/programmes/{id}/lineage", "/sparql", "/id/{kind}/{slug}", "/doc/{kind}/{slug}", "/def/", "/def/{term}",
         "/sources/", "/sources/{name}", "/dataset", "/.well-known/void", "/download/ltkg.nq", "/download/ltkg.trig",
         "/download/ltkg.jsonld", "/download/ltkg.ttl", "/download/actions.csv", "/viz/who-owns-what", "/docs",
         "/redoc", "/openapi.json"]


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def test_index_as_json_lists_every_documented_route(real):
    response = real.get("/")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert "Accept" in response.headers["vary"]
    body = response.json()
    assert set(NAMED) <= set(body["routes"])
    documented = set(real.get("/openapi.json").json()["paths"])
    assert documented <= set(body["routes"])
    assert "pyoxigraph" in body["store"] and body["docs"] == "/docs"
    routes = {route["path"]: route for section in body["sections"] for route in section["routes"]}
    assert routes["/sparql"]["methods"] == ["GET", "POST"]
    assert routes["/api/actions/{id}"]["example"] == "/api/actions/langer-thuis-2.6"
    assert routes["/api/actions"]["example"] == "/api/actions?programme=langer-thuis&lead=vws&limit=1"
    assert all(route["summary"] for route in routes.values())


def test_index_for_a_browser_is_a_page_whose_links_all_work_and_stay_here(real):
    response = real.get("/", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "http://" not in page and "https://" not in page
    parser = Links()
    parser.feed(page)
    links = sorted(set(parser.found))
    assert {"/api/actions", "/api/actions/langer-thuis-2.6", "/sparql", "/dataset", "/docs", "/redoc",
            "/download/ltkg.nq", "/viz/who-owns-what", "/id/action/langer-thuis-2.6"} <= set(links)
    for link in links:
        if link.startswith("#"):  # within the page (the frame's skip link)
            continue
        assert link.startswith("/") and not link.startswith("//"), link
        answer = real.get(link.replace("&amp;", "&"), headers={"Accept": BROWSER})
        assert answer.status_code < 400, (link, answer.status_code)
