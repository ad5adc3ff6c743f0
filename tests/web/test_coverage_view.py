"""The coverage workbench on the real build: /api/coverage's axes, levels, filters and the report's reading
beside each row (api/rest/matrix.py), and /viz/coverage in Chromium (a cell opens its actions with
quotes, a filter changes the matrix, a URL restores a view, keyboard use, no console error, nothing
fetched from outside)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.rest.matrix import SHARES, share
from browser import open_page, shot
from graph.settings import Settings
from plan2018_fixtures import built

EINDVERSLAG = "2024-08-02-eindverslag-zorg-en-ondersteuning-thuis"
WOZO_REPORT = "2024-wozo-voortgangsrapportage"


@pytest.fixture(scope="module")
def api():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


def ok(api, **params) -> dict:
    response = api.get("/api/coverage", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return response.json()


def row(matrix: dict, ident: str) -> dict:
    return next(i for i in matrix["items"] if (i.get("row") or {}).get("id", i["theme"]["id"]) == ident)


def cell(item: dict, programme: str) -> dict:
    return next(c for c in item["cells"] if c["programme"] == programme)


# -- /api/coverage ----------------------------------------------------------------------------------------
def test_cells_count_classified_items_with_states_and_the_evidence_behind_them(api):
    matrix = ok(api)
    matrix["evidence"] = {e["id"]: e for e in matrix["evidence"]}
    for item in matrix["items"]:
        for c in item["cells"]:
            assert c["count"] == len(c["actions"])
            assert c["state"] == {0: "none", 1: "thin"}.get(c["count"], "covered")
            for action in c["actions"]:
                evidence = matrix["evidence"][action["id"]]
                assert evidence["programme"] == c["programme"] and action["editorial"]
                assert action["sources"][0]["id"] == f"theme-class-{action['id']}"
    wonen = row(matrix, "wonen")
    assert cell(wonen, "wozo")["count"] >= 9 and cell(wonen, "taz")["state"] == "none"
    taz = cell(row(matrix, "bekwaam-is-inzetbaar"), "taz")
    assert taz["state"] == "thin" and taz["count"] == 1
    action = matrix["evidence"]["langer-thuis-1.13"]
    assert action["parties"] and all(p["roles"] and p["sources"] for p in action["parties"])
    assert action["titleSources"] and all(s["kind"] == "citation" for s in action["titleSources"])
    assert "2018-langer-thuis-plan-van-aanpak" in action["documents"]


def test_the_reports_side_by_side_statements_reach_only_the_themes_they_match(api):
    """The 2024 comparison's cells stand beside a theme where the editors matched its comparison theme
    (skos:closeMatch), each statement cited to its lines; no other theme gets them."""
    matrix = ok(api)
    wonen = cell(row(matrix, "wonen"), "wozo")["report"]  # comparison theme Huisvesting, WOZO's column
    assert wonen and all(s["sources"][0]["kind"] == "citation" for s in wonen)
    first, last = wonen[0]["sources"][0]["lines"]
    assert 1120 <= first <= last <= 1150
    assert not any(c.get("report") for c in row(matrix, "hulpmiddelen")["cells"])  # matched by no comparison theme
    assert not cell(row(matrix, "wonen"), "iza").get("report")  # Huisvesting has nothing in IZA's column
    [match] = row(matrix, "wonen")["comparisonThemes"]  # how they got there: the editors' match, marked so
    assert match["id"] == "huisvesting" and match["name"] == "Huisvesting"
    assert [s["kind"] for s in match["sources"]] == ["editorial"] and match["sources"][0]["rationale"]
    assert row(matrix, "hulpmiddelen")["comparisonThemes"] == []


def test_a_covering_item_carries_the_initiatives_it_rests_on_or_mentions_with_their_quotes(api):
    """Langer Thuis 1.8 rests on the Stimuleringsregeling E-health Thuis (plan, line 206); WOZO 1.1 mentions
    the campaign Praat vandaag over morgen; every initiative has a kind and a documentary source."""
    evidence = {e["id"]: e for e in ok(api)["evidence"]}
    [set_] = [i for i in evidence["langer-thuis-1.8"]["initiatives"] if i["id"] == "set"]
    assert set_["name"] == "Stimuleringsregeling E-health Thuis" and set_["relations"] == ["restsOn"]
    assert set_["kind"]["id"] == "incentive-scheme" and set_["kind"]["nameEn"] == "incentive scheme"
    assert any(s["kind"] == "citation" and s["document"] == "2018-langer-thuis-plan-van-aanpak"
               and s["lines"] == [206, 206] and "Stimuleringsregeling E-health Thuis" in s["quote"]
               for s in set_["sources"])
    campaign = next(i for i in evidence["wozo-1.1"]["initiatives"] if i["id"] == "praat-vandaag-over-morgen")
    assert campaign["relations"] == ["mentions"] and campaign["kind"]["id"] == "campaign"
    assert sum(bool(e["initiatives"]) for e in evidence.values()) >= 30
    for e in evidence.values():
        for i in e["initiatives"]:
            assert i["name"] and i["kind"] and i["relations"] and i["sources"], (e["id"], i["id"])
            assert all(s["kind"] == "citation" or s["rationale"] for s in i["sources"]), (e["id"], i["id"])
    # where the plan leaves a scheme unnamed, the editors' identification says so (editorial, not a quote)
    [swz] = evidence["langer-thuis-3.5"]["initiatives"]
    assert {s["kind"] for s in swz["sources"]} == {"editorial"}
    assert evidence["langer-thuis-1.13"]["initiatives"] == []  # names none


def test_the_reports_side_by_side_reading_names_the_initiatives_its_statements_mention(api):
    matrix = ok(api)
    mentions = cell(row(matrix, "digitalisering"), "wozo")["reportMentions"]
    kikv = next(m for m in mentions if m["name"] == "KIK-V")
    assert kikv["relations"] == [] and kikv["kind"] and kikv["sources"][0]["kind"] == "citation"
    assert kikv["sources"][0]["quote"] in api.get(f"/api/comparison").text
    assert not cell(row(matrix, "hulpmiddelen"), "wozo")["reportMentions"]


def test_the_report_beside_each_row_and_where_it_disagrees(api):
    matrix = ok(api)
    hulpmiddelen = row(matrix, "hulpmiddelen")
    assert hulpmiddelen["covered"] is False and hulpmiddelen["report"]["reading"] == "covered"
    # the verdict relies on a study outside the graph's programmes: covered outside them, not a disagreement
    assert hulpmiddelen["disagreement"] is None
    assert hulpmiddelen["coveredOutside"]["text"].startswith("Covered outside the programmes in this graph")
    assert [i["id"] for i in hulpmiddelen["coveredOutside"]["initiatives"]] == [
        "onderzoek-verschijningsvormen-woonzorgcombinaties"]
    palliative = row(matrix, "palliatieve-zorg")
    assert palliative["disagreement"] is None and "nationaal-programma-palliatieve-zorg-ii" in {
        i["id"] for i in palliative["coveredOutside"]["initiatives"]}
    [cite] = [s for i in palliative["coveredOutside"]["initiatives"] if i["id"] == "nationaal-programma-palliatieve-zorg-ii"
              for s in i["sources"]]
    assert cite["lines"] == [2108, 2109] and "Nationaal Programma" in cite["quote"]
    verdict = hulpmiddelen["report"]["whiteSpots"][0]["verdict"]
    assert verdict["sources"][0]["lines"] == [2124, 2125]
    assert row(matrix, "urgentiebesef-en-oplossend-vermogen")["disagreement"]["kind"] == "computed-gap-not-in-report"
    assert row(matrix, "bekwaam-is-inzetbaar")["disagreement"]["kind"] == "report-candidate-computed-covered"
    spoedzorg = row(matrix, "spoedzorg")
    assert spoedzorg["report"]["reading"] == "covered" and spoedzorg["disagreement"] is None
    assert row(matrix, "wonen")["disagreement"] is None and row(matrix, "wonen")["report"]["reading"] is None


def test_levels_keep_not_applicable_apart_from_a_gap(api):
    actions = ok(api, level="action")
    columns = {c["id"]: c for c in actions["columns"]}
    for programme in ("iza", "gala", "taz"):
        assert columns[programme]["notApplicable"]
        assert all(cell(i, programme)["state"] == "not-applicable" for i in actions["items"])
    assert columns["wozo"]["notApplicable"] is None and columns["wozo"]["unit"] == "actions"
    lines = ok(api, level="action-line")
    units = {e["id"]: e for e in ok(api)["evidence"]}
    for item in lines["items"]:
        for c in item["cells"]:
            assert c["count"] <= {"langer-thuis": 3, "wozo": 5, "iza": 9, "gala": 7, "taz": 3}[c["programme"]]
            for line in c["actions"]:
                assert line["type"] == "actionLine"
                for through in line["through"]:   # a line counts through itself or its own actions
                    assert through == line["id"] or units[through]["actionLine"] == line["id"]
    zorg = cell(row(lines, "zorg-en-ondersteuning"), "langer-thuis")
    assert zorg["count"] >= 1 and all(a["id"].startswith("langer-thuis-") for a in zorg["actions"])


def test_filters_narrow_the_cells_and_a_programme_without_such_items_does_not_apply(api):
    everything = ok(api)
    everything["evidence"] = {e["id"]: e for e in everything["evidence"]}
    ministries = ok(api, partyType="ministry")
    assert {c["id"]: bool(c["notApplicable"]) for c in ministries["columns"]} == \
        {"gala": True, "iza": True, "langer-thuis": False, "taz": True, "wozo": False}
    fewer = 0
    for item in ministries["items"]:
        before = row(everything, item["theme"]["id"])
        for c in item["cells"]:
            if c["state"] == "not-applicable":
                continue
            assert c["count"] <= cell(before, c["programme"])["count"]
            fewer += cell(before, c["programme"])["count"] - c["count"]
            for action in c["actions"]:
                assert any("ministry" in everything["evidence"][t]["partyTypes"] for t in action["through"])
    assert fewer > 0
    wozo_only = ok(api, document=WOZO_REPORT)
    assert [c["id"] for c in wozo_only["columns"] if not c["notApplicable"]] == ["wozo"]


def test_every_wording_of_the_report_on_the_plans_is_read(api):
    for axis in ("theme-plan", "category-plan"):
        for item in ok(api, axis=axis)["items"]:
            for reading in item["readings"]:
                assert reading["share"] in SHARES, reading["text"]
    assert [share(w) for w in ("in alle regioplannen", "niet in alle plannen", "in bijna alle plannen",
                               "niet gevonden in de regioplannen", "zelden", "in ongeveer de helft van de plannen")] == \
        ["all", "some", "almost all", "none", "few", "half"]


def test_themes_and_categories_against_the_ten_regional_plans(api):
    themes = ok(api, axis="theme-plan")
    assert len(themes["columns"]) == 10 and [c["number"] for c in themes["columns"]] == list(range(1, 11))
    hulpmiddelen = row(themes, "hulpmiddelen")
    assert hulpmiddelen["state"] == "none" and {c["state"] for c in hulpmiddelen["cells"]} == {"none"}
    assert hulpmiddelen["readings"][0]["sources"][0]["lines"] == [2002, 2002]
    assert hulpmiddelen["disagreement"]["kind"] == "report-covered-computed-gap"
    assert row(themes, "preventie")["state"] == "all"
    assert row(themes, "wederkerigheid")["state"] == "no-reading"
    categories = ok(api, axis="category-plan")
    kinds = [i["row"]["kind"] for i in categories["items"]]
    assert kinds.count("category") == 8 and kinds.count("indicator") >= 29
    vervoer = next(i for i in categories["items"] if i["theme"]["name"] == "Vervoer, mobiliteit")
    assert vervoer["state"] == "none" and vervoer["row"]["category"] == "wonen"
    wonen = row(categories, "wonen")
    assert wonen["state"] == "no-reading" and wonen["indicatorStates"]["none"] == 1


def test_bad_parameters_are_422(api):
    for params, name in [({"axis": "region"}, "axis"), ({"level": "goal"}, "level"), ({"document": "nope"}, "document"),
                         ({"partyType": "dragons"}, "partyType"), ({"axis": "theme-plan", "level": "action"}, "level"),
                         ({"axis": "category-plan", "programme": "wozo"}, "programme"), ({"level": ""}, "level")]:
        response = api.get("/api/coverage", params=params)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["parameter"] == name


def test_the_page_embeds_every_view_and_links_only_its_own_assets(api):
    response = api.get("/viz/coverage?axis=theme-plan&q=x")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    data = json.loads(re.search(r'<script type="application/json" id="cv-data">(.*?)</script>', page, re.S).group(1))
    assert set(data["views"]) == {"theme-programme/item", "theme-programme/action", "theme-programme/action-line",
                                  "theme-plan", "category-plan"}
    assert data["programmes"] == ["langer-thuis", "wozo", "iza", "gala", "taz"]
    answer = ok(api, programme=data["programmes"])["items"]
    for item in answer:   # the page takes why an item is classified from the evidence
        theme = item.pop("ownersOf")   # and the candidate owners from one list by theme, shared by its views
        assert data["owners"][theme]["owners"] == item.pop("owners")
        assert data["owners"][theme]["total"] == item.pop("ownersTotal")
        assert data["ownersMethod"] == item.pop("ownersMethod")
        for c in item["cells"]:
            assert data["owners"][theme]["cells"][c["programme"]] == c.pop("owners")
            for action in c["actions"]:
                del action["sources"], action["editorial"]
    assert data["views"]["theme-programme/item"]["items"] == answer   # the same computation as the API
    evidence = {e["id"]: e for e in data["evidence"]}
    assert evidence["wozo-2.1"]["classification"][0]["id"] == "theme-class-wozo-2.1"
    for asset in re.findall(r'(?:src|href)="(/assets/[^"]+)"', page):
        assert api.get(asset).status_code == 200, asset
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


# -- in Chromium --------------------------------------------------------------------------------------------
def matrix_counts(page) -> dict:
    return page.evaluate("""() => { const s = window.coverageWorkbench.shown(); const out = {};
        s.rows.forEach(r => { out[r.id] = (r.cells || []).map(c => c.state === 'not-applicable' ? 'n/a' : c.count); });
        return out; }""")


def test_workbench_loads_and_a_cell_shows_its_actions_with_quotes(browser, site, api):
    with open_page(browser, site + "/viz/coverage") as page:
        page.wait_for_selector("#cv-matrix tbody tr")
        assert page.locator("#cv-matrix thead th[scope=col]").count() == 1 + 5 + 1
        assert page.locator("#cv-matrix tbody th[scope=row]").count() >= 29
        first = page.locator("#cv-matrix tbody tr").first
        assert "⚠" in first.inner_text()   # disagreements first
        shot(page, "coverage-theme-programme")
        row = page.locator("#cv-matrix tbody tr", has=page.locator("th", has_text="Spoedzorg"))
        row.locator("td.cv-cell button").first.click()
        drawer = page.locator("#cv-drawer")
        drawer.wait_for(state="visible")
        assert "Spoedzorg" in drawer.inner_text() and "2 actions" in drawer.inner_text()
        assert drawer.locator(".cv-item").count() == 2
        assert drawer.locator(".cv-badge.doc").count() >= 1 and drawer.locator(".cv-badge.ed").count() >= 2
        line_link = drawer.locator("a[href^='/sources/']").first
        assert re.match(r"/sources/[^/]+\.html\?lines=\d+-\d+#L\d+$", line_link.get_attribute("href"))
        assert drawer.locator("a.cv-network").get_attribute("href") == \
            "/viz/who-owns-what?programme=langer-thuis&theme=spoedzorg"
        assert "cell=spoedzorg%3Alanger-thuis" in page.url
        shot(page, "coverage-cell")
        # entities, programmes, source lines (the network view's theme filter is the network engineer's, issue 9)
        links = page.eval_on_selector_all("#cv-drawer a:not(.cv-network), #cv-matrix a",
                                          "els => els.map(e => e.getAttribute('href'))")
        for link in sorted(set(links)):
            assert link.startswith("/") and api.get(link, headers={"Accept": "text/html"}).status_code == 200, link
        page.keyboard.press("Escape")
        assert drawer.is_hidden() and "cell=" not in page.url


def test_a_cell_lists_the_initiatives_of_its_items_and_of_the_reports_reading(browser, site, api):
    with open_page(browser, site + "/viz/coverage?cell=digitalisering:wozo") as page:
        drawer = page.locator("#cv-drawer")
        drawer.wait_for(state="visible")
        stoz = drawer.locator(".cv-item .cv-initiative", has=page.locator("a[href='/id/initiative/stoz']"))
        assert stoz.count() == 1
        assert stoz.locator("a[href='/id/initiative/stoz']").get_attribute("lang") == "nl"
        assert "incentive scheme" in stoz.inner_text() and "rests on it" in stoz.inner_text()
        assert stoz.locator(".cv-badge.doc").count() >= 1 and stoz.locator("a[href^='/sources/']").count() >= 1
        reading = drawer.locator("ul.cv-initiatives").first  # the report's reading comes before the items
        assert reading.locator("li.cv-initiative > a[href^='/id/initiative/']", has_text="KIK-V").count() == 1
        drawer.locator(".cv-item .cv-initiative").first.scroll_into_view_if_needed()
        shot(page, "coverage-cell-initiatives")
        links = page.eval_on_selector_all("#cv-drawer a[href^='/id/initiative/']", "els => els.map(e => e.getAttribute('href'))")
        for link in sorted(set(links)):
            assert api.get(link, headers={"Accept": "text/html"}).status_code == 200, link


def test_a_filter_changes_the_matrix_as_the_api_does(browser, site, api):
    with open_page(browser, site + "/viz/coverage") as page:
        page.wait_for_selector("#cv-matrix tbody tr")
        before = matrix_counts(page)
        page.select_option("select[name=partyType]", "ministry")
        after = matrix_counts(page)
        assert after != before and "partyType=ministry" in page.url
        expected = ok(api, partyType="ministry", programme=["langer-thuis", "wozo", "iza", "gala", "taz"])
        for item in expected["items"]:
            assert after[item["theme"]["id"]] == ["n/a" if c["state"] == "not-applicable" else c["count"]
                                                  for c in item["cells"]]
        page.locator("input[name=programme][value=taz]").uncheck()
        assert page.locator("#cv-matrix thead th[scope=col]").count() == 1 + 4 + 1
        shot(page, "coverage-filtered")
        with page.expect_download() as download:
            page.click("#cv-csv")
        # a memo's CSV: the filters in its first line and its name, one line per cell with what a memo cites
        name = download.value.suggested_filename
        assert name.startswith("coverage_theme-programme_langer-thuis+wozo+iza+gala_ministry_") and name.endswith(".csv")
        rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
        assert rows[0][0].startswith("# Coverage workbench") and "partyType=ministry" in rows[0][0]
        assert "programmes=langer-thuis+wozo+iza+gala" in rows[0][0] and site in rows[0][0]
        assert rows[1] == ["theme", "theme name", "theme (English)", "programme", "count", "state", "items",
                           "report reading", "verdict quote", "source address", "disagreement (whole matrix)",
                           "relative to the filter"]
        body = rows[2:]
        assert len(body) == 4 * page.locator("#cv-matrix tbody tr").count()
        assert {r[3] for r in body} == {"langer-thuis", "wozo", "iza", "gala"}
        spots = [r for r in body if r[0] == "hulpmiddelen"]
        assert spots[0][7].startswith("verdict") and "belegd" in spots[0][8]
        assert spots[0][9].startswith(site + "/sources/2024-08-02-eindverslag-zorg-en-ondersteuning-thuis.html?lines=")
        covered = [r for r in body if r[3] == "langer-thuis" and r[4] not in ("0", "n/a")]
        assert covered and all(r[6].startswith("Langer Thuis ") for r in covered)


def test_a_url_restores_a_view(browser, site):
    url = site + "/viz/coverage?axis=category-plan&q=vervoer&sort=name&cell=voorkant-wonen-3"
    with open_page(browser, url) as page:
        page.wait_for_selector("#cv-drawer:not([hidden])")
        assert page.locator("input[name=axis][value=category-plan]").is_checked()
        assert page.locator("main input[name=q]").input_value() == "vervoer"
        assert page.locator("select[name=level]").is_disabled()
        rows = page.locator("#cv-matrix tbody th[scope=row]")
        assert rows.count() == 2 and "Wonen" in rows.nth(0).inner_text() and "Vervoer" in rows.nth(1).inner_text()
        drawer = page.locator("#cv-drawer").inner_text()
        assert "no plan" in drawer and "niet benoemd in de plannen" in drawer
        shot(page, "coverage-category-plan")
    with open_page(browser, site + "/viz/coverage?axis=theme-plan") as page:
        page.wait_for_selector("#cv-matrix tbody tr")
        assert page.locator("#cv-matrix thead th.cv-plan").count() == 10
        for width in (1280, 1024):   # the page never scrolls sideways; a wide matrix scrolls in its box
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        page.set_viewport_size({"width": 1280, "height": 900})
        shot(page, "coverage-theme-plan")


def test_the_matrix_is_usable_by_keyboard(browser, site):
    with open_page(browser, site + "/viz/coverage?sort=name") as page:
        page.wait_for_selector("#cv-matrix tbody tr")
        focusable = page.locator("#cv-matrix button[tabindex='0']")
        assert focusable.count() == 1   # one tab stop; arrows move within the matrix
        focusable.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowDown")
        active = page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]")
        assert active == ["1", "1"]
        page.keyboard.press("Enter")
        page.locator("#cv-drawer").wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "cv-close"
        page.keyboard.press("Escape")
        assert page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]") == ["1", "1"]
