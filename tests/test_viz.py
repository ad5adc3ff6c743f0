"""GET /viz/who-owns-what: parties and actions, drawn without any internet."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "data", "poster") and value:
                self.links.append(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/viz/who-owns-what")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def data_sets(html: str) -> tuple[list[dict], list[dict], dict]:
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((.*?)\);\n", html).group(1))
    options = json.loads(re.search(r"\{nodes: nodes, edges: edges\}, (.*?)\);\n", html).group(1))
    return nodes, edges, options


def test_page_references_nothing_outside_the_app(client, page):
    assert "http://" not in page and "https://" not in page
    assert not [link for link in re.findall(r'(?:src|href)="([^"]*)"', page) if link.startswith("//")]
    parser = Links()
    parser.feed(page)
    assert parser.links, "the page should load vis-network from the app"
    for link in parser.links:
        assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", link, re.IGNORECASE), link
    for link in [link for link in parser.links if link.endswith((".js", ".css", ".svg"))]:  # what the page loads
        served = client.get(link if link.startswith("/") else f"/viz/{link}")
        assert served.status_code == 200, link
        assert len(served.content) > 100, link


def test_library_route_serves_only_its_files(client):
    assert client.get("/viz/lib/vis-network.min.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/viz/lib/vis-network.css").headers["content-type"].startswith("text/css")
    assert client.get("/viz/lib/network.py").status_code == 404
    assert client.get("/viz/lib/..%2F..%2Fnetwork.py").status_code == 404


def test_nodes_are_parties_and_actions_coloured_by_kind(page):
    nodes, _, options = data_sets(page)
    by_id = {node["id"]: node for node in nodes}
    actions = {i for i, n in by_id.items() if n["group"] == "action"}
    parties = {i for i, n in by_id.items() if n["group"] in ("party", "collective")}
    assert actions == {f"action/langer-thuis-{n}" for n in ("1.1", "1.4", "1.11", "2.5", "2.6", "3.1")}
    assert parties == {f"party/{p}" for p in ("vws", "bzk", "vng", "mezzo", "kbo-pcob", "verenso", "aedes",
                                              "seniorenorganisaties", "zn")}
    assert by_id["party/seniorenorganisaties"]["group"] == "collective"
    colours = {group: options["groups"][group]["color"]["background"] for group in ("party", "collective", "action")}
    assert len(set(colours.values())) == 3
    assert by_id["party/vws"]["label"] == "VWS"  # the short name on the node ...
    assert by_id["party/vws"]["title"] == "Ministerie van Volksgezondheid, Welzijn en Sport"  # ... the full one on hover


def test_action_tooltips_carry_the_title(page):
    nodes, _, _ = data_sets(page)
    action = next(node for node in nodes if node["id"] == "action/langer-thuis-2.6")
    assert action["label"] == "2.6"
    assert "Aanjagen van het aanbod respijtzorg via landelijk aanjager respijtzorg" in action["title"]


def test_lead_partner_and_involved_edges_look_different(page):
    _, edges, _ = data_sets(page)
    pairs = {(e["from"], e["to"]): e for e in edges}
    lead = pairs[("party/vws", "action/langer-thuis-3.1")]
    partner = pairs[("party/aedes", "action/langer-thuis-3.1")]
    involved = pairs[("party/zn", "action/langer-thuis-2.6")]
    assert lead["dashes"] is False and partner["dashes"] is True and isinstance(involved["dashes"], list)
    assert lead["width"] > partner["width"] > involved["width"]
    assert "trekker" in lead["title"] and "partner" in partner["title"]
    assert {(e["from"], e["to"]) for e in edges if not e["dashes"]} >= {
        ("party/vws", "action/langer-thuis-2.6"), ("party/vng", "action/langer-thuis-2.6"),
        ("party/mezzo", "action/langer-thuis-2.6")}
    assert len(edges) == 13 + 3 + 1  # 13 leads, 3 partners, 1 involved in the fixture


def test_legend_explains_the_drawing(page):
    assert "trekker" in page and "partner" in page and "betrokken" in page
    assert 'class="line dashed"' in page and 'class="line dotted"' in page


def test_script_is_well_formed_json_data(page):
    parser = Links()
    parser.feed(page)
    [script] = parser.scripts
    assert "</" not in script  # data cannot close the script element


def test_programme_filter(client):
    assert client.get("/viz/who-owns-what", params={"programme": "langer-thuis"}).status_code == 200
    empty = client.get("/viz/who-owns-what", params={"programme": "wozo"})
    assert empty.status_code == 200 and data_sets(empty.text)[0] == []
    bad = client.get("/viz/who-owns-what", params={"programme": "Not A Slug"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
