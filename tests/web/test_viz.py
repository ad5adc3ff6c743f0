"""The network views (/viz/who-owns-what, /viz/party/{id}, /viz/lineage), drawn without any internet, on the
test fixture's graph (tests/conftest.py) and, where the fixture has too little, on the real build."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from plan2018_fixtures import built

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "data", "poster") and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.links


def external_references(html: str) -> list[str]:
    """Every reference of the page that would leave the host: attributes and CSS url()s (data: URIs are inline)."""
    found = [link for link in links_of(html) if EXTERNAL.match(link) and not link.startswith("data:")]
    found += [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", html) if EXTERNAL.match(u) and not u.startswith("data:")]
    found += re.findall(r"@import\s+['\"]?(?!data:)[^;]+", html)
    return found


def view_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="view-data">(.*?)</script>', html, re.S).group(1))


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/viz/who-owns-what")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.fixture(scope="module")
def data(page):
    return view_data(page)


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


# -- offline ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/viz/who-owns-what", "/viz/party/vws", "/viz/lineage"])
def test_views_reference_nothing_outside_the_app(client, path):
    html = client.get(path).text
    assert "http://" not in html and "https://" not in html
    assert not external_references(html)
    loaded = [link for link in links_of(html) if link.endswith((".js", ".css", ".svg"))]
    assert "/viz/lib/vis-network.min.js" in loaded and "/assets/network/network.js" in loaded
    for link in loaded:
        served = client.get(link)
        assert served.status_code == 200 and len(served.content) > 100, link


def test_external_reference_check_sees_every_kind():
    html = ('<script src="https://elsewhere.example/x.js"></script><link href="//elsewhere.example/a.css">'
            '<style>a { background: url("http://x/y.png") }</style><img src="data:image/png;base64,AA">')
    assert len(external_references(html)) == 3


def test_library_route_serves_only_its_files(client):
    assert client.get("/viz/lib/vis-network.min.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/viz/lib/vis-network.css").headers["content-type"].startswith("text/css")
    assert client.get("/viz/lib/network.py").status_code == 404
    assert client.get("/viz/lib/..%2F..%2Fnetwork.py").status_code == 404


def test_data_cannot_close_its_script_element(page):
    data_text = re.search(r'id="view-data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in data_text


# -- who owns what ------------------------------------------------------------------------------------
def test_nodes_are_the_parties_and_actions(data):
    kinds = {n["id"]: n.get("kind") for n in data["nodes"] if not n.get("annotation")}
    assert {i for i, k in kinds.items() if k and k.startswith("action:")} == {
        f"action/langer-thuis-{n}" for n in ("1.1", "1.4", "1.11", "2.5", "2.6", "3.1")}
    assert {i for i, k in kinds.items() if k == "party"} == {
        f"party/{p}" for p in ("vws", "bzk", "vng", "mezzo", "kbo-pcob", "verenso", "aedes", "seniorenorganisaties", "zn")}


def test_actions_are_labelled_and_coloured_by_programme_with_english_tooltips_quoting_dutch(data):
    by_id = {n["id"]: n for n in data["nodes"]}
    action = by_id["action/langer-thuis-2.6"]
    assert action["label"] == "LT 2.6" and action["kind"] == "action:langer-thuis"
    assert action["title"].startswith("Action LT 2.6 (Programma Langer Thuis)")
    assert "“Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg" in action["title"]  # quoted
    assert "lead party: Mezzo, VNG, VWS" in action["title"] and "responsible: Mezzo, VNG, VWS" in action["title"]
    assert "Source: 2018-langer-thuis-plan-van-aanpak, line 244" in action["title"]  # the source quote
    assert "**" not in action["title"]
    assert action["url"] == "/id/action/langer-thuis-2.6"
    colours = {n["color"]["background"] for n in data["nodes"] if str(n.get("kind")).startswith("action:")}
    assert len(colours) == 1  # one programme, one colour


def test_parties_sized_by_actions_led_and_open_their_network(data):
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["party/vws"]["value"] == 1 + 5  # leads 1.4, 1.11, 2.5, 2.6, 3.1
    assert by_id["party/zn"]["value"] == 1  # leads nothing
    assert by_id["party/vws"]["label"] == "VWS" and by_id["party/mezzo"]["label"] == "Mezzo"
    assert by_id["party/vws"]["url"] == "/viz/party/vws"
    assert by_id["party/seniorenorganisaties"]["shape"] == "diamond"  # a collective party
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in by_id["party/vws"]["title"]


def test_every_role_of_the_graph_is_drawn_and_styled_apart(data):
    edges = {(e["from"], e["to"], e["role"]): e for e in data["edges"]}
    lead = edges[("party/vws", "action/langer-thuis-3.1", "lead")]
    partner = edges[("party/aedes", "action/langer-thuis-3.1", "partner")]
    responsible = edges[("party/mezzo", "action/langer-thuis-2.6", "responsible")]
    involved = edges[("party/zn", "action/langer-thuis-2.6", "involved")]
    styles = {json.dumps([e["dashes"], e["color"]]) for e in (lead, partner, responsible, involved)}
    assert len(styles) == 4
    assert "responsible of action" in responsible["title"] and "line 723" in responsible["title"]
    assert len(data["edges"]) == 13 + 3 + 3 + 1  # leads, partners, responsible, involved in the fixture
    roles = next(f for f in data["filters"] if f["key"] == "role")
    assert [o["value"] for o in roles["options"]] == ["lead", "partner", "responsible", "involved"]


def test_filters_legend_and_layout(data):
    assert [f["key"] for f in data["filters"]] == ["programme", "actionline", "theme", "document", "partytype", "role"]
    programme = next(f for f in data["filters"] if f["key"] == "programme")
    assert programme["options"] == [{"value": "langer-thuis", "label": "LT", "count": 6, "lang": "nl"}]
    documents = {o["value"] for f in data["filters"] if f["key"] == "document" for o in f["options"]}
    assert documents == {"2018-langer-thuis-plan-van-aanpak", "2021-langer-thuis-voortgangsrapportage-3"}
    assert {e.get("kind") for e in data["legend"]} >= {"action:langer-thuis", "party"}
    assert {e.get("role") for e in data["legend"]} >= {"lead", "partner", "responsible", "involved"}
    assert data["options"]["physics"]["enabled"] is False and data["options"]["edges"]["smooth"] is False
    assert all(isinstance(n.get("x"), (int, float)) and isinstance(n.get("y"), (int, float)) for n in data["nodes"])
    places = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(places) == len(data["nodes"])  # no two nodes on one spot


def test_the_same_graph_looks_the_same_twice(app):
    from api import queries
    from api.rest.participations import read
    from api.web.network import select, who_owns_what
    from api.web.network_page import vis_data

    def draw():
        rows = queries.run(app.state.store, queries.load("participations"), {})
        data = read(rows)
        return vis_data(who_owns_what(data, select(data, None, None), "x").graph)
    assert draw() == draw()


def test_programme_and_theme_parameters(client):
    assert client.get("/viz/who-owns-what", params={"programme": "langer-thuis"}).status_code == 200
    unknown = client.get("/viz/who-owns-what", params={"programme": "iza"})
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    assert "no programme with id 'iza'" in unknown.json()["detail"] and "langer-thuis" in unknown.json()["detail"]
    browser = client.get("/viz/who-owns-what", params={"programme": "iza"}, headers={"Accept": BROWSER})
    assert browser.status_code == 404 and browser.headers["content-type"].startswith("text/html")
    assert '<header class="site"' in browser.text and "no programme with id" in browser.text
    bad = client.get("/viz/who-owns-what", params={"programme": "Not A Slug"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "programme"
    assert client.get("/viz/who-owns-what", params={"theme": "no-such-theme"}).status_code == 404
    assert client.get("/viz/who-owns-what", params={"colour": "red"}).status_code == 422


def test_programme_without_actions_says_so_and_shows_its_action_lines(real):
    response = real.get("/viz/who-owns-what", params={"programme": "iza"})
    assert response.status_code == 200
    assert "No actions in the graph for Integraal Zorgakkoord" in response.text
    lines = [n for n in view_data(response.text)["nodes"] if n["id"].startswith("actionline/iza-")]
    assert len(lines) == 9 and lines[0]["label"].startswith("IZA 1.")


def test_real_build_tells_the_programmes_apart(real):
    data = view_data(real.get("/viz/who-owns-what").text)
    labels = {n["label"] for n in data["nodes"]}
    assert {"LT 1.1", "WOZO 1.1"} <= labels
    colours = {n["kind"]: n["color"]["background"] for n in data["nodes"] if str(n.get("kind")).startswith("action:")}
    assert colours["action:langer-thuis"] != colours["action:wozo"]
    wozo = next(n for n in data["nodes"] if n["label"] == "WOZO 1.1")
    assert "Wonen, Ondersteuning en Zorg voor Ouderen" in wozo["title"]
    theme = real.get("/viz/who-owns-what", params={"programme": "wozo", "theme": "digitale-vaardigheden"})
    assert theme.status_code == 200


def test_action_tooltips_name_the_initiatives_they_rest_on_or_mention(real):
    """In both network views an action's tooltip names its initiatives (kind in brackets), per relation;
    the initiatives are no nodes (the lineage view draws them)."""
    for path in ("/viz/who-owns-what", "/viz/party/vws"):
        nodes = view_data(real.get(path).text)["nodes"]
        by_label = {n["label"]: n for n in nodes}
        assert any(line.startswith("Laws, schemes and initiatives it rests on: “Stimuleringsregeling E-health Thuis” (")
                   for line in by_label["LT 1.8"]["title"].split("\n")), path
        assert not any(n["id"].startswith("initiative/") for n in nodes), path
    nodes = {n["label"]: n for n in view_data(real.get("/viz/who-owns-what").text)["nodes"]}
    mentions = next(line for line in nodes["WOZO 1.1"]["title"].split("\n") if line.startswith("Laws, schemes"))
    assert mentions.startswith("Laws, schemes and initiatives it mentions: ") and "“Praat vandaag over morgen” (" in mentions
    assert "Laws, schemes and initiatives" not in nodes["LT 1.13"]["title"]  # it names none


# -- a party's network --------------------------------------------------------------------------------
def test_party_network(client):
    response = client.get("/viz/party/vng")
    assert response.status_code == 200
    data = view_data(response.text)
    ids = {n["id"] for n in data["nodes"]}
    assert {"action/langer-thuis-1.4", "action/langer-thuis-2.5", "action/langer-thuis-2.6",
            "action/langer-thuis-3.1"} <= ids  # leads, partners in, is responsible for
    assert "action/langer-thuis-1.1" not in ids and "party/kbo-pcob" not in ids
    assert {"party/vws", "party/mezzo", "party/aedes", "party/zn"} <= ids  # it works with them
    centre = next(n for n in data["nodes"] if n["id"] == "party/vng")
    assert (centre["x"], centre["y"]) == (0, 0)
    assert 'href="/viz/party/vng?depth=2"' in response.text  # one step further out
    further = view_data(client.get("/viz/party/vng", params={"depth": 2}).text)
    assert "action/langer-thuis-1.11" in {n["id"] for n in further["nodes"]}  # VWS's, via VWS
    assert 'href="/viz/party/vng">One step back' in client.get("/viz/party/vng", params={"depth": 2}).text


def test_party_network_refuses_what_it_does_not_know(client):
    missing = client.get("/viz/party/nobody")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert client.get("/viz/party/nobody", headers={"Accept": BROWSER}).headers["content-type"].startswith("text/html")
    assert client.get("/viz/party/vws", params={"depth": 9}).status_code == 422


# -- lineage ------------------------------------------------------------------------------------------
def test_lineage_on_a_time_axis_with_documentary_and_editorial_links(real):
    response = real.get("/viz/lineage")
    assert response.status_code == 200
    data = view_data(response.text)
    nodes = {n["id"]: n for n in data["nodes"]}
    programmes = {i for i, n in nodes.items() if n.get("kind") == "programme"}
    assert programmes == {f"programme/{p}" for p in ("pact-voor-de-ouderenzorg", "langer-thuis", "wozo", "iza",
                                                      "gala", "taz")}
    assert nodes["programme/langer-thuis"]["x"] < nodes["programme/wozo"]["x"] < nodes["programme/gala"]["x"]
    assert "2018-2021" in nodes["programme/langer-thuis"]["label"]
    assert "geen periode" in nodes["programme/pact-voor-de-ouderenzorg"]["label"]  # no period invented
    edges = data["edges"]
    part_of = next(e for e in edges if e["role"] == "partOf")
    assert part_of["dashes"] is False and "Source:" in part_of["title"]  # documentary: solid, with its quote
    succeeds = [e for e in edges if e["role"] == "succeeds"]
    assert len(succeeds) == 4 and all(e["dashes"] and "Editorial:" in e["title"] for e in succeeds)
    continuation = next(e for e in edges if e["role"] == "continuation" and e["to"] == "action/wozo-4.1")
    assert continuation["from"] == "action/langer-thuis-3.2" and continuation["dashes"]
    assert "woonzorgvisie" in continuation["title"] and "Source:" in continuation["title"]
    assert any(e["role"] == "restsOn" for e in edges)


# -- metrics ------------------------------------------------------------------------------------------
def test_party_metrics(client):
    response = client.get("/api/metrics/parties")
    assert response.status_code == 200
    body = response.json()
    parties = {p["id"]: p for p in body["parties"]}
    assert body["roles"] == ["lead", "partner", "responsible", "involved"]
    assert parties["vws"]["actions"] == {"lead": 5, "partner": 0, "responsible": 1, "involved": 0}
    assert parties["vng"]["actions"] == {"lead": 3, "partner": 1, "responsible": 1, "involved": 0}
    assert parties["vws"]["byProgramme"]["langer-thuis"]["lead"] == 5 and not parties["vws"]["bridges"]
    assert max(parties.values(), key=lambda p: p["betweenness"]["partyAction"])["id"] == "vws"
    assert parties["kbo-pcob"]["betweenness"] == {"partyAction": 0.0, "coInvolvement": 0.0}  # alone in 1.1
    assert parties["kbo-pcob"]["component"] != parties["vws"]["component"] == 0
    assert {"parties": ["vng", "vws"], "actions": ["langer-thuis-1.4", "langer-thuis-2.5", "langer-thuis-2.6"]} \
        in body["coLeadership"]
    assert sum(c["size"] for c in body["communities"]) == len(parties)
    assert client.get("/api/metrics/parties").json() == body  # deterministic
    assert client.get("/api/metrics/parties", params={"x": 1}).status_code == 422


def test_every_metric_is_documented(real):
    from api.rest.metrics import MEANING

    operation = real.get("/openapi.json").json()["paths"]["/api/metrics/parties"]["get"]
    for name in MEANING:
        assert f"`{name}`" in operation["description"]
    party = real.get("/api/metrics/parties").json()["parties"][0]
    documented = {name.split(".")[0] for name in MEANING}
    assert set(party) - {"id", "name", "type"} <= documented


def test_free_spot_is_the_nearest_place_that_fits():
    """The layout's gap search (network_layout.free_spot) against trying every candidate place."""
    import random

    from api.web.network_layout import PAD, free_spot

    rng = random.Random(1)
    for _ in range(3000):
        taken = []
        for _ in range(rng.randrange(12)):
            x, w = rng.uniform(0, 1000), rng.uniform(20, 120)
            if all(x + w / 2 <= lo or x - w / 2 >= hi for lo, hi in taken):
                taken.append((x - w / 2, x + w / 2))
        taken.sort()
        want, width = rng.uniform(-100, 1100), rng.uniform(20, 150)
        half = width / 2 + PAD / 2
        places = [min(max(c, half), 1000 - half) for c in [want] + [lo - half for lo, _ in taken] + [hi + half for _, hi in taken]]
        fitting = [c for c in places if all(c + half <= lo + 1e-9 or c - half >= hi - 1e-9 for lo, hi in taken)]
        found = free_spot(taken, want, width, 1e9, (0, 1000))
        if not fitting:
            assert found is None
        else:
            assert abs(abs(found - want) - min(abs(c - want) for c in fitting)) < 1e-6
