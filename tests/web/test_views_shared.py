"""Views an analyst can share, on the real build in Chromium: an address opens the same view with the same
controls, an edited filter updates the address, a bad value gets the site's error page naming the valid choices
(tools keep problem+json), an empty cell's network is the theme's neighbourhood, IZA's initiators are drawn,
the lineage opens with readable labels, every view links its glossary by a "?"."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from browser import open_page, shot
from graph.settings import Settings
from plan2018_fixtures import built


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


def drawn(page) -> None:
    page.wait_for_selector("#network[data-drawn]", timeout=10_000)


def test_an_address_opens_the_same_view_with_the_same_controls(browser, site):
    url = site + "/viz/party/vws?depth=2&role=lead&theme=wonen&find=Aedes"
    with open_page(browser, url) as page:
        drawn(page)
        assert page.input_value("select[data-facet=role]") == "lead"
        assert page.input_value("select[data-facet=theme]") == "wonen"
        assert page.input_value("#view-search") == "Aedes"
        page.wait_for_function("document.querySelector('#network').dataset.focused === 'party/aedes'")
        page.select_option("select[data-facet=partytype]", "ministry")
        assert "partytype=ministry" in page.url and "depth=2" in page.url and "role=lead" in page.url
        page.click("#view-copy-link")
        assert page.evaluate("window.ltkgCopied") == page.url
        shot(page, "viz-party-vws-shared")


@pytest.mark.parametrize("path,parameter,choice", [
    ("/viz/who-owns-what?role=leed", "role", "lead"),
    ("/viz/who-owns-what?colour=red", "colour", "role"),
    ("/viz/party/vws?partytype=ministery", "partytype", "ministry"),
    ("/viz/lineage?source=both", "source", "documentary"),
    ("/viz/coverage?level=actions", "level", "action"),
    ("/viz/coverage?sort=best", "sort", "least"),
])
def test_a_bad_filter_in_the_address_bar_gets_the_sites_error_page(browser, site, real, path, parameter, choice):
    with open_page(browser, site + path, status=422) as page:
        assert page.locator("header.site nav").count() == 1  # the site's frame
        assert parameter in page.inner_text("main h2")
        assert choice in page.locator("ul.choices a").all_inner_texts()
        shot(page, "view-error-" + parameter)
    tool = real.get(path)  # a tool keeps the problem+json
    assert tool.status_code == 422 and tool.headers["content-type"].startswith("application/problem+json")
    assert tool.json()["parameter"] == parameter and choice in tool.json()["choices"]


def test_an_empty_cell_opens_the_themes_neighbourhood(browser, site):
    with open_page(browser, site + "/viz/coverage?cell=hulpmiddelen:iza") as page:
        page.wait_for_selector("#cv-drawer:not([hidden])")
        link = page.locator("a.cv-network")
        assert "neighbourhood" in link.inner_text()
        link.click()
        page.wait_for_url("**/viz/who-owns-what?programme=iza&theme=hulpmiddelen")
        drawn(page)
        assert "neighbourhood" in page.inner_text("h1")
        assert "Zorg en ondersteuning" in page.inner_text(".view-note")  # the related theme it draws on
        assert int(page.get_attribute("#network", "data-shown-nodes")) > 10
        assert page.input_value("select[data-facet=theme]") == "hulpmiddelen"
        shot(page, "viz-neighbourhood-hulpmiddelen")


def test_the_theme_list_includes_themes_without_actions(real):
    page = real.get("/viz/who-owns-what").text
    assert 'value="hulpmiddelen"' in page and 'value="palliatieve-zorg"' in page


def test_iza_gala_taz_show_their_initiators(browser, site):
    with open_page(browser, site + "/viz/who-owns-what") as page:
        drawn(page)
        for programme, initiators in (("iza", 5), ("gala", 4), ("taz", 4)):
            linked = page.evaluate(f"window.ltkgNetwork.getConnectedNodes('initiators/{programme}')")
            assert len(linked) == initiators, programme
        assert "initiator of the programme\n(13)" in page.inner_text("#view-legend")
    with open_page(browser, site + "/viz/who-owns-what?programme=gala") as page:
        drawn(page)
        assert page.evaluate("window.ltkgNetwork.getConnectedNodes('initiators/gala')").count("party/vws") == 1
        shot(page, "viz-who-owns-what-gala")


def test_lineage_labels_are_as_large_as_the_text(browser, site):
    with open_page(browser, site + "/viz/lineage") as page:
        drawn(page)
        page.wait_for_selector("#network[data-label-px]")
        body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert float(page.get_attribute("#network", "data-label-px")) >= body
        shot(page, "viz-lineage-readable")


@pytest.mark.parametrize("path", ["/viz/coverage", "/viz/who-owns-what", "/viz/party/vws", "/viz/lineage"])
def test_every_view_links_the_glossary(real, path):
    page = real.get(path, headers={"Accept": "text/html"}).text
    assert 'class="help" href="/glossary' in page
    glossary = real.get("/glossary").text
    for anchor in ("documentary", "editorial", "lead", "pilcrow", "thin", "community", "betweenness", "white-spot",
                   "candidate-owner"):
        assert f'id="{anchor}"' in glossary


def test_the_home_pages_white_spots_count_opens_their_list(browser, site):
    with open_page(browser, site + "/") as page:
        page.click("ul.stats a:has-text('white spots named')")
        page.wait_for_url("**/viz/coverage?show=spots")
        page.wait_for_selector("#cv-matrix tbody tr")
        rows = page.locator("#cv-matrix tbody tr")
        assert 0 < rows.count() == page.locator("#cv-matrix tbody tr:has(td.cv-report .cv-reading)").count()
        assert page.get_attribute("#cv-summary button[data-show=spots]", "aria-pressed") == "true"
        shot(page, "coverage-white-spots-from-home")


def test_parties_the_report_ties_to_gala_and_taz_lines_are_recorded_with_their_evidence(real):
    """Editorial readings with the report's quote as evidence, never a party the quote does not name."""
    from api.rest.participations import read
    from api.queries import load, run
    data = read(run(real.app.state.store, load("participations"), {}))
    ties = {(l.action, l.party) for l in data.line_links if l.action.split("/")[1].split("-")[0] in ("iza", "gala", "taz")}
    assert ties == {("actionline/gala-7", "party/zorgverzekeraars"), ("actionline/gala-7", "party/gemeenten"),
                    ("actionline/gala-3", "party/gemeenten"), ("actionline/taz-1", "party/zorginkopers")}
    assert all(l.role == "involved" and l.sources for l in data.line_links if l.action.startswith(("actionline/gala", "actionline/taz")))
    coverage = real.get("/api/coverage", params={"limit": 1000}).json()
    evidence = {e["id"]: e for e in coverage["evidence"]}
    gala7 = evidence.get("gala-7")
    if gala7 is not None:  # classified under a theme: its parties are the candidate owners' evidence
        assert {p["id"] for p in gala7["parties"]} == {"zorgverzekeraars", "gemeenten"}
        assert all(s["kind"] == "editorial" for p in gala7["parties"] for s in p["sources"])

