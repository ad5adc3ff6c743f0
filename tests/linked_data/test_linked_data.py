"""Linked data on the real build: /id -> 303 -> /doc, the entity pages and their RDF, /def, /sources."""
from __future__ import annotations

import html
import json
import re

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from api.app import create_app
from graph.ns import BASE, LICENCE
from graph.registers import OUTSIDE
from api.linked_data.dataset import THEMES
from graph.settings import SOURCES_DIR, Settings
from plan2018_fixtures import PREFIXES, _value, built

LTKG = Namespace(BASE + "def/")
ID = BASE + "id/"
ACTION = URIRef(ID + "action/langer-thuis-2.6")
PLAN = "2018-langer-thuis-plan-van-aanpak"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir))) as client:
        yield client


def page(client, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def select(query: str) -> list[dict]:
    """Rows over the union of the graphs; IRIs of entities as 'kind/slug', other terms as their value."""
    result = built().store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{name: _value(row[name]) for name in names} for row in result]


# -- /id: 303 See Other -------------------------------------------------------------------------------
@pytest.mark.parametrize("accept", [None, "text/html", "text/turtle", "application/ld+json", "*/*"])
def test_id_answers_303_to_its_document_whatever_the_accept(real, accept):
    headers = {"Accept": accept} if accept else {}
    response = real.get("/id/action/langer-thuis-2.6", headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/doc/action/langer-thuis-2.6"
    assert "Accept" in response.headers["vary"]


def test_id_head_and_redirect_followed_by_accept(real):
    assert real.head("/id/party/vws", follow_redirects=False).status_code == 303
    turtle = real.get("/id/action/langer-thuis-2.6", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert real.get("/id/action/langer-thuis-2.6").headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/id/party/no-such-party", "/id/action/Langer-Thuis", "/id/party/..",
                                  "/doc/party/no-such-party", "/def/NoSuchTerm", "/doc/def/NoSuchTerm",
                                  "/id/def/Action"])
def test_unknown_ids_are_404_problems(real, path):
    response = real.get(path, follow_redirects=False)
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["status"] == 404


def test_unknown_id_is_an_html_404_for_a_browser(real):
    response = real.get("/id/party/no-such-party", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no-such-party" in response.text


def test_negotiation_errors(real):
    assert real.get("/doc/action/langer-thuis-2.6", headers={"Accept": "image/png"}).status_code == 406
    response = real.get("/doc/action/langer-thuis-2.6?format=pdf")
    assert response.status_code == 400 and response.headers["content-type"].startswith(PROBLEM)


# -- the HTML page ------------------------------------------------------------------------------------
def test_action_page_shows_title_parties_and_cited_quotes(real):
    text = page(real, "/doc/action/langer-thuis-2.6")
    assert "Aanjagen van het aanbod respijtzorg" in text
    parties = select("""SELECT ?role ?party ?name WHERE {
        VALUES ?role { ltkg:lead ltkg:partner ltkg:responsible ltkg:involved }
        action:langer-thuis-2.6 ?role ?party . ?party skos:prefLabel ?name FILTER(LANG(?name) = "nl") }""")
    roles = {row["role"].rpartition("/")[2] for row in parties}
    assert {"lead", "partner"} <= roles
    for row in parties:  # every party, by its link and its Dutch name
        assert f'href="/id/{row["party"]}"' in text
        assert row["name"] in html.unescape(text)
    # The lead cell is quoted, with a link to line 244 of the plan.
    assert "VWS, VNG, Mezzo" in text
    link = f"/sources/{PLAN}.html?lines=244-244#L244"
    assert f'href="{link}"' in text
    source = real.get(link.split("#")[0]).text
    assert re.search(r'<tr id="L244" class="[^"]*\bhl\b[^"]*">.*VWS, VNG, Mezzo', source)


def test_action_page_lists_every_outgoing_statement(real):
    text = html.unescape(page(real, "/doc/action/langer-thuis-2.6"))
    rows = list(built().store.query(f"SELECT DISTINCT ?p ?o WHERE {{ <{ACTION}> ?p ?o }}",
                                    use_default_graph_as_union=True))
    count = int(re.search(r'id="statements">Statements <span class="count">(\d+)', text).group(1))
    assert count == len(rows)
    for predicate, value in rows:
        assert f"ltkg:{predicate.value.rpartition('/')[2]}" in text or predicate.value.startswith("http://")
        if isinstance(value, ox.NamedNode):
            assert f'href="/{value.value[len(BASE):]}"' in text, value
        else:
            assert value.value in text, value


def test_party_page_lists_the_actions_it_leads(real):
    text = page(real, "/doc/party/vws")
    incoming = text.split('id="incoming"')[1]
    led = [row["a"] for row in select("SELECT ?a WHERE { ?a ltkg:lead party:vws }")]
    assert "action/langer-thuis-2.6" in led
    section = incoming.split('id="in-ltkg:lead"')[1].split("</tr>")[0]
    for action in led:
        assert f'href="/id/{action}"' in section


def test_editorial_statements_are_marked_with_their_rationale(real):
    [row] = select("""SELECT ?theme ?rationale WHERE {
        GRAPH ?g { action:langer-thuis-2.6 ltkg:theme ?theme }
        ?g a ltkg:EditorialAssertion ; ltkg:rationale ?rationale }""")
    text = page(real, "/doc/action/langer-thuis-2.6")
    section = text.split('id="p-ltkg:theme"')[1].split("</tr>")[0]
    assert 'class="is-editorial"' in section and 'class="badge">editorial<' in section
    assert 'class="src editorial"' in section
    assert row["rationale"] in html.unescape(section)
    assert f'href="/id/{row["theme"]}"' in section


def test_no_external_urls_and_no_scripts_in_the_pages(real):
    """Nothing is loaded from elsewhere; the only links out are ordinary links to the outside registers (TOOI,
    Wikidata, LiDO, wetten.overheid.nl: issue 18) and to the dataset's licence."""
    outside = tuple(OUTSIDE) + (LICENCE,)
    for path in ["/doc/action/langer-thuis-2.6", "/doc/party/vws", "/doc/def/Action", "/doc/def/lead",
                 "/doc/document/" + PLAN, "/def/", "/sources/", f"/sources/{PLAN}.html", "/dataset"]:
        text = page(real, path)
        for script in re.findall(r"<script[^>]*>", text.lower()):  # only the site's own files (the header's
            assert re.fullmatch(r'<script src="/assets/search/[a-z]+\.js">', script), (path, script)  # search)
        assert not re.findall(r'(?:src|action)="(?!/)', text), path
        for attr in re.findall(r'href="([^"]*)"', text):
            assert attr.startswith(("/", "#", "?") + outside) and not attr.startswith("//"), (path, attr)
        assert "url(" not in text and "@import" not in text, path
        for url in re.findall(r"https?://[^\s\"'<>)]+", text):  # this graph's own IRIs, shown as text, or a register
            assert url.startswith((BASE,) + outside + tuple(THEMES)), (path, url)
    css = real.get("/assets/site.css")
    assert css.status_code == 200 and "http" not in css.text and "url(" not in css.text


def test_an_entity_page_links_to_the_outside_registers(real):
    text = page(real, "/doc/party/vws")
    assert '<a href="https://identifier.overheid.nl/tooi/id/ministerie/mnre1025">TOOI ministerie/mnre1025</a>' in text
    assert '<a href="http://www.wikidata.org/entity/Q1056190">Wikidata Q1056190</a>' in text
    law = page(real, "/doc/initiative/wlz")
    assert '<a href="https://wetten.overheid.nl/BWBR0035917">wetten.overheid.nl BWBR0035917</a>' in law
    assert '<a href="http://linkeddata.overheid.nl/terms/bwb/id/BWBR0035917">LiDO BWBR0035917</a>' in law
    assert "BWBR0035917" in law and "editorial" in law


def test_pages_are_cached_per_format(real):
    first = real.get("/doc/party/vng", headers={"Accept": "text/html"})
    again = real.get("/doc/party/vng", headers={"Accept": "text/html"})
    turtle = real.get("/doc/party/vng", headers={"Accept": "text/turtle"})
    assert first.content == again.content and first.content != turtle.content
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert 'rel="alternate"' in first.headers["link"] and "Accept" in first.headers["vary"].split(", ")


# -- the RDF ------------------------------------------------------------------------------------------
def entity_graph(real, accept: str, fmt: str) -> Graph:
    response = real.get("/doc/action/langer-thuis-2.6", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    return Graph().parse(data=response.text, format=fmt)


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt")])
def test_turtle_json_ld_and_n_triples_hold_the_statements_and_their_citations(real, accept, fmt):
    graph = entity_graph(real, accept, fmt)
    for row in select("SELECT DISTINCT ?p ?o WHERE { action:langer-thuis-2.6 ?p ?o }"):
        predicate = URIRef(row["p"])
        assert any(True for _ in graph.triples((ACTION, predicate, None))), row
    assert (ACTION, LTKG.lead, URIRef(ID + "party/vws")) in graph
    assert (ACTION, RDF.type, LTKG.Action) in graph
    # The qualified participation nodes come along ...
    node = URIRef(ID + "participation/langer-thuis-2.6-lead-vws")
    assert (ACTION, PROV.qualifiedAssociation, node) in graph
    assert (node, PROV.agent, URIRef(ID + "party/vws")) in graph and (node, PROV.hadRole, LTKG.Lead) in graph
    # ... and so do the citations behind the triples: document, lines, quote.
    citations = set(graph.subjects(RDF.type, LTKG.Citation))
    assert citations
    plan = URIRef(ID + "document/" + PLAN)
    assert any(graph.value(c, DCTERMS.source) == plan and graph.value(c, LTKG.firstLine).toPython() == 244
               and str(graph.value(c, LTKG.quote)) == "VWS, VNG, Mezzo" for c in citations)
    # No incoming statement: the RDF is the entity's own description.
    assert not list(graph.triples((None, LTKG.reportsOn, ACTION)))


@pytest.mark.parametrize("accept, fmt", [("application/trig", "trig"), ("application/n-quads", "nquads")])
def test_trig_and_n_quads_keep_each_triple_in_its_citation_graph(real, accept, fmt):
    response = real.get("/doc/action/langer-thuis-2.6", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    ds = Dataset()
    ds.parse(data=response.text, format=fmt)
    graphs = [g for s, p, o, g in ds.quads((ACTION, LTKG.lead, URIRef(ID + "party/vws"), None))]
    assert graphs
    for name in graphs:
        quote = next(o for s, p, o, g in ds.quads((name, LTKG.quote, None, None)))
        assert str(quote) == "VWS, VNG, Mezzo"
    # The editorial theme sits in an editorial graph that states its rationale.
    [editorial] = [g for s, p, o, g in ds.quads((ACTION, LTKG.theme, None, None))]
    assert any(True for _ in ds.quads((editorial, LTKG.rationale, None, None)))


def test_format_parameter_and_json_ld_for_application_json(real):
    response = real.get("/doc/action/langer-thuis-2.6?format=ttl", headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/turtle")
    as_json = real.get("/doc/action/langer-thuis-2.6", headers={"Accept": "application/json"})
    assert as_json.headers["content-type"].startswith("application/ld+json")
    json.loads(as_json.text)


# -- /def ---------------------------------------------------------------------------------------------
def test_ontology_terms_dereference(real):
    response = real.get("/def/Action", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/doc/def/Action"
    text = page(real, "/doc/def/Action")
    assert "actie" in text and "ltkg:Action" in text
    graph = Graph().parse(data=real.get("/doc/def/lead", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (LTKG.lead, SKOS.prefLabel, Literal("trekker", lang="nl")) in graph


def test_the_whole_ontology_at_def(real):
    response = real.get("/def/")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(BASE + "def/"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in graph
    assert (LTKG.Action, SKOS.prefLabel, Literal("action", lang="en")) in graph
    text = page(real, "/def/")
    assert 'href="/def/Action"' in text and 'href="/def/lead"' in text


# -- /sources -----------------------------------------------------------------------------------------
def test_sources_as_plain_text_and_as_numbered_lines(real):
    raw = real.get(f"/sources/{PLAN}.txt")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert raw.content == (SOURCES_DIR / f"{PLAN}.txt").read_bytes()
    text = page(real, f"/sources/{PLAN}.html")
    lines = (SOURCES_DIR / f"{PLAN}.txt").read_text(encoding="utf-8").split("\n")
    assert text.count('<tr id="L') == len(lines)
    assert '<tr id="L1" ' in text and f'<tr id="L{len(lines)}" ' in text and 'href="#L244"' in text
    highlighted = re.compile(r'<tr id="L\d+" class="[^"]*\bhl\b')
    assert not highlighted.search(text)
    marked = page(real, f"/sources/{PLAN}.html?lines=243-244")
    assert len(highlighted.findall(marked)) == 2
    index = page(real, "/sources/")
    assert f'href="/sources/{PLAN}.html"' in index and 'href="/sources/README.md"' in index


@pytest.mark.parametrize("path", ["/sources/nothing.txt", "/sources/..%2F..%2Fpyproject.toml",
                                  "/sources/nothing.html", "/sources/build.py"])
def test_unknown_sources_are_404(real, path):
    assert real.get(path).status_code == 404


# -- through a remote SPARQL endpoint (Virtuoso), when one can be had ---------------------------------
@pytest.fixture(scope="module")
def both(virtuoso_endpoint):  # (tests/conftest.py)
    """(embedded, remote) clients over the fixture build of tests/conftest.py, the second through Virtuoso."""
    url, build = virtuoso_endpoint
    embedded = Settings(build_dir=build, sparql_endpoint="")
    remote = Settings(build_dir=build, sparql_endpoint=url)
    with TestClient(create_app(embedded)) as left, TestClient(create_app(remote)) as right:
        yield left, right


@pytest.mark.parametrize("path", ["/doc/action/langer-thuis-2.6", "/doc/party/vws", "/doc/def/lead"])
def test_documents_are_the_same_through_a_remote_store(both, path):
    embedded, remote = both
    for accept, fmt in [("application/n-quads", "nquads"), ("text/turtle", "turtle")]:
        a, b = (client.get(path, headers={"Accept": accept}) for client in both)
        assert a.status_code == b.status_code == 200, b.text
        left, right = Dataset(), Dataset()
        left.parse(data=a.text, format=fmt)
        right.parse(data=b.text, format=fmt)
        assert set(left.quads()) == set(right.quads())
    a, b = (client.get(path, headers={"Accept": "text/html"}) for client in both)
    assert a.text == b.text
    assert remote.get("/id/party/no-such-party", follow_redirects=False).status_code == 404
    assert remote.get(path.replace("/doc/", "/id/" if "/def/" not in path else "/"),
                      follow_redirects=False).status_code == 303


def test_downloads_and_void_are_the_same_through_a_remote_store(both):
    embedded, remote = both
    a, b = (client.get("/download/ltkg.nq").text for client in both)
    assert sorted(a.splitlines()) == sorted(b.splitlines())
    a, b = (client.get("/download/actions.csv").text for client in both)
    assert a == b
    left, right = (Graph().parse(data=client.get("/.well-known/void").text, format="turtle") for client in both)
    dataset = URIRef(BASE + "dataset#ltkg")
    void = Namespace("http://rdfs.org/ns/void#")
    for prop in (void.triples, void.entities, void.properties, void.classes):
        assert left.value(dataset, prop) == right.value(dataset, prop), prop


def test_a_moved_iri_redirects_permanently_to_its_new_place(real):
    moved = real.get("/id/regulation/set", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/id/initiative/set"
    assert real.get("/id/regulation/no-such-scheme", follow_redirects=False).status_code == 404
