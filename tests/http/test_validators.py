"""Versions and cache validators (api/http/validators.py), CORS for reads, paging links and the limit's message,
on the test build."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import version
from graph.settings import Settings

VALIDATED = ["/api/actions?limit=2", "/api/actions/langer-thuis-2.6", "/api", "/api/themes",
             "/sparql?query=ASK%20%7B%7D", "/download/ltkg.nq", "/download/actions.csv"]


def test_every_answer_names_its_build(client, build_dir):
    served = version.read(build_dir / "current").version
    for url in ("/", "/api/actions", "/api/actions/nope", "/id/action/langer-thuis-2.6", "/sparql?query=ASK%20%7B%7D",
                "/download/ltkg.ttl", "/openapi.json"):
        assert client.get(url).headers["x-ltkg-version"] == served, url
    index = client.get("/api").json()
    assert index["version"] == served and index["sha256"].startswith(served.rpartition("+")[2])
    assert "/api/actions" in index["routes"]


@pytest.mark.parametrize("url", VALIDATED)
def test_etag_and_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and first.headers["cache-control"] == "public, max-age=300"
    assert "last-modified" not in first.headers
    again = client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert client.get(url, headers={"If-None-Match": tag.removeprefix("W/")}).status_code == 304
    assert client.get(url, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    assert client.head(url, headers={"If-None-Match": tag}).status_code == 304


def test_the_etag_follows_the_request_and_errors_get_none(client):
    tags = {client.get(url).headers["etag"] for url in ("/api/actions?limit=1", "/api/actions?limit=2", "/api/themes")}
    assert len(tags) == 3
    json_tag = client.get("/sparql?query=ASK%20%7B%7D", headers={"Accept": "application/sparql-results+json"})
    xml_tag = client.get("/sparql?query=ASK%20%7B%7D", headers={"Accept": "application/sparql-results+xml"})
    assert json_tag.headers["etag"] != xml_tag.headers["etag"]
    assert "accept" in json_tag.headers["vary"].lower()
    missing = client.get("/api/actions/nope")
    assert missing.status_code == 404 and "etag" not in missing.headers


def test_a_new_build_changes_the_etag(tmp_path, fixture_kg):
    from conftest import write_build
    settings = Settings(build_dir=write_build(fixture_kg, tmp_path), sparql_endpoint="")
    with TestClient(create_app(settings)) as client:
        tag = client.get("/api/actions").headers["etag"]
        (tmp_path / "current" / "version.json").write_text(
            (tmp_path / "current" / "version.json").read_text().replace('"sha256": "', '"sha256": "0'))
        assert client.get("/api/actions", headers={"If-None-Match": tag}).status_code == 200


def test_cors_for_reads_by_default(client):
    preflight = client.options("/api/actions", headers={"Origin": "https://dashboard.example",
                                                        "Access-Control-Request-Method": "GET",
                                                        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]
    answer = client.get("/api/actions", headers={"Origin": "https://dashboard.example"})
    assert answer.headers["access-control-allow-origin"] == "*"
    exposed = answer.headers["access-control-expose-headers"].lower()
    assert {"x-ltkg-version", "etag", "link"} <= set(h.strip() for h in exposed.split(","))


def test_cors_can_be_turned_off(build_dir):
    with TestClient(create_app(Settings(build_dir=build_dir, cors_origins=()))) as client:
        answer = client.get("/api/actions", headers={"Origin": "https://dashboard.example"})
        assert "access-control-allow-origin" not in answer.headers


def test_link_headers_page_through_a_list(client):
    url, seen = "/api/actions?limit=2", []
    while url:
        answer = client.get(url)
        seen += [item["id"] for item in answer.json()["items"]]
        links = {part.split(";")[1].strip(): part.split(";")[0].strip()[1:-1]
                 for part in answer.headers.get("link", "").split(", ") if part}
        url = links.get('rel="next"')
    assert seen == [item["id"] for item in client.get("/api/actions?limit=1000").json()["items"]]
    assert 'rel="prev"' in client.get("/api/actions?limit=2&offset=2").headers["link"]


@pytest.mark.parametrize("limit", ["1001", "1000000000000", "99999999999999999999999999999999999"])
def test_a_limit_over_the_maximum_names_it(client, limit):
    problem = client.get(f"/api/actions?limit={limit}").json()
    assert problem["status"] == 422 and problem["parameter"] == "limit"
    assert "at most 1000" in problem["detail"]
