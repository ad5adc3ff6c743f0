"""The service on the real build (graph.build.build, once per session via tests/plan2018_fixtures.py)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from plan2018_fixtures import built


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir))) as test_client:
        yield test_client


def ids(refs):
    return {ref["id"] for ref in refs}


def test_action_26_is_led_by_vws_vng_and_mezzo(real):
    action = real.get("/api/actions/langer-thuis-2.6").json()
    assert ids(action["leads"]) == {"vws", "vng", "mezzo"}
    assert action["programme"]["id"] == "langer-thuis"
    assert action["actionLine"]["number"] == 2 and action["goal"]["number"] == 2
    assert action["title"].startswith("Aanjagen van het aanbod respijtzorg")
    assert any(s["document"] == "2018-langer-thuis-plan-van-aanpak" and s["lines"] == [244, 244]
               for s in action["sources"])


def test_action_31_has_no_goal_and_two_partners(real):
    action = real.get("/api/actions/langer-thuis-3.1").json()
    assert action["goal"] is None
    assert ids(action["leads"]) == {"vws", "bzk"}
    assert ids(action["partners"]) == {"vng", "aedes"}


def test_langer_thuis_has_3_action_lines_10_goals_44_actions_21_parties(real):
    programme = real.get("/api/programmes/langer-thuis").json()
    assert programme["name"] and programme["period"]["text"] == "2018-2021"
    assert len(programme["signatories"]) == 21
    assert [line["number"] for line in programme["actionLines"]] == [1, 2, 3]
    assert sum(len(line["goals"]) for line in programme["actionLines"]) == 10
    actions = real.get("/api/actions", params={"programme": "langer-thuis", "limit": 1000}).json()
    assert actions["total"] == 44
    assert {a["notation"] for a in actions["items"]} >= {"1.1", "1.16", "2.17", "3.11"}


def test_actors_and_their_actions(real):
    vws = real.get("/api/actors/vws").json()
    assert vws["type"] == "ministry" and "VWS" in vws["altNames"]
    assert "langer-thuis-2.6" in ids(vws["leads"])
    found = real.get("/api/actors", params={"q": "mezzo"}).json()
    assert "mezzo" in {a["id"] for a in found["items"]}
    assert real.get("/api/actors/no-such-party").status_code == 404


def test_filters_agree_with_details(real):
    led_by_bzk = real.get("/api/actions", params={"lead": "bzk"}).json()["items"]
    assert led_by_bzk and all("bzk" in ids(a["leads"]) for a in led_by_bzk)
    assert {a["id"] for a in led_by_bzk} == ids(real.get("/api/actors/bzk").json()["leads"]) & {
        a["id"] for a in real.get("/api/actions", params={"limit": 1000}).json()["items"]}


def test_sparql_and_page_on_the_real_build(real):
    response = real.get("/sparql", params={"query": "PREFIX ltkg: <https://ltkg.example.org/def/> "
                                                    "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ltkg:Action }"})
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) >= 44
    page = real.get("/viz/who-owns-what").text
    assert "https://" not in page and "http://" not in page
    assert '"action/langer-thuis-2.6"' in page


def test_sparql_gives_the_whole_graph_each_triple_once(real):
    """A CONSTRUCT of the whole graph is complete (no cut), and the default graph is the RDF merge:
    a full scan counts each distinct triple once, not once per source that states it."""
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    stated = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def count(query: str) -> int:
        return int(real.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"])

    triples = count(distinct)
    assert count(stated) > triples > 10_000  # the build states some triples in several graphs
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == triples
    whole = real.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
    assert whole.status_code == 200 and "x-ltkg-truncated" not in whole.headers
    lines = whole.text.splitlines()
    assert len(lines) == len(set(lines)) == triples
