"""The query page (/sparql in a browser): the editor served by the app itself, the cookbook as ready examples,
results as a table whose IRIs lead to the entity pages, CONSTRUCT as Turtle, downloads per format, errors
with the parser's position, the query in the address. Seen in Chromium against the real build."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import httpx
import pytest

from api.sparql.cookbook import recipes
from api.sparql.query_page import GRAPH_FORMATS, SELECT_FORMATS
from browser import Watched, open_page, shot
from graph.settings import ROOT

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VENDOR = ROOT / "api" / "web" / "static" / "vendor" / "codemirror"


@pytest.fixture(scope="module")
def page_html(real) -> str:
    response = real.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    return response.text


def test_the_page_lists_the_cookbook(page_html):
    for recipe in recipes():
        assert f'data-example="{recipe.slug}"' in page_html
        assert recipe.en.replace("'", "&#39;") in page_html
    data = json.loads(re.search(r'<script type="application/json" id="query-data">(.*?)</script>', page_html, re.S)
                      .group(1).replace("<\\/", "</"))
    assert [e["slug"] for e in data["examples"]] == [r.slug for r in recipes()]
    assert data["examples"][0]["query"] == recipes()[0].query  # the file as it stands
    assert "Action" in data["terms"]["ltkg"] and "prefLabel" in data["terms"]["skos"]


def test_the_editor_is_served_by_the_app_with_its_licence(real, page_html):
    for src in re.findall(r'(?:src|href)="(/assets/[^"]+)"', page_html):
        assert real.get(src).status_code == 200, src
    assert "/assets/vendor/codemirror/codemirror.js" in page_html
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert (VENDOR / "VERSION").read_text().strip().startswith("5.")


def test_without_javascript_the_form_posts_the_query(page_html):
    assert '<form id="query-form" method="post" action="/sparql">' in page_html
    assert 'name="query"' in page_html


def test_every_download_format_is_one_the_endpoint_speaks(real):
    select = "SELECT ?s WHERE { GRAPH ?g { ?s a <https://ltkg.example.org/def/Programme> } } LIMIT 1"
    construct = "CONSTRUCT { ?s a ?t } WHERE { GRAPH ?g { ?s a ?t } } LIMIT 1"
    for query, formats in ((select, SELECT_FORMATS), (construct, GRAPH_FORMATS)):
        for _, media, _ in formats:
            response = real.post("/sparql", data={"query": query}, headers={"Accept": media})
            assert response.status_code == 200 and response.headers["content-type"].startswith(media), media


def _run(page):
    page.wait_for_selector("#status:not(:empty)")
    page.wait_for_function("!document.getElementById('run').disabled")


def test_an_example_answers_as_a_table_with_links_to_the_entity_pages(browser, site):
    with open_page(browser, site + "/sparql#example=01-who-leads-what") as page:
        _run(page)
        assert re.match(r"\d+ rows", page.inner_text("#status"))
        link = page.locator('table.result a[href="/id/action/langer-thuis-2.6"]').first
        assert link.inner_text() == "action/langer-thuis-2.6"
        # the line next to its document leads to that line of the source text
        assert page.locator('table.result a[href="/sources/2018-langer-thuis-plan-van-aanpak.html?lines=244#L244"]').count()
        assert page.locator('ol.examples a[aria-current]').get_attribute("data-example") == "01-who-leads-what"
        assert page.locator("#downloads button").all_inner_texts() == [label for label, _, _ in SELECT_FORMATS]
        shot(page, "query-page-results")
        with page.expect_navigation():
            link.click()
        assert page.url.endswith("/action/langer-thuis-2.6") and "respijtzorg" in page.inner_text("h1")


def test_choosing_an_example_runs_it_and_puts_it_in_the_address(browser, site):
    with open_page(browser, site + "/sparql") as page:
        page.click('[data-example="06-uncovered-themes"]')
        _run(page)
        assert page.url.endswith("#example=06-uncovered-themes")
        assert "Hulpmiddelen" in page.inner_text("table.result")
        assert "06-uncovered-themes" in page.get_attribute("#share", "href")


def test_a_query_in_the_address_is_run_and_downloaded(browser, site):
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "SELECT ?label WHERE { GRAPH ?g { <https://ltkg.example.org/id/programme/wozo> skos:prefLabel ?label } }")
    with open_page(browser, site + "/sparql#query=" + quote(query), accept_downloads=True) as page:
        _run(page)
        assert "@nl" in page.inner_text("table.result")
        with page.expect_download() as download:
            page.click("#downloads button:text('CSV')")
        text = open(download.value.path(), encoding="utf-8").read()
        name = download.value.suggested_filename
        assert text.splitlines()[0] == "label" and re.fullmatch(r"query-[0-9a-f]{8}(-.+)?\.csv", name), name
        # beside the download, a link that gives the same file again
        again = page.locator("#downloads a.again").nth([label for label, _, _ in SELECT_FORMATS].index("CSV"))
        response = httpx.get(site + again.get_attribute("href"))
        assert response.status_code == 200 and response.content == open(download.value.path(), "rb").read()


def test_an_example_downloads_under_its_own_name(browser, site):
    with open_page(browser, site + "/sparql#example=07-white-spots-and-verdicts", accept_downloads=True) as page:
        _run(page)
        with page.expect_download() as download:
            page.click("#downloads button:text('CSV')")
        assert download.value.suggested_filename.startswith("07-white-spots-and-verdicts")


def test_an_undeclared_prefix_is_named_with_a_one_click_fix(browser, site):
    query = "SELECT ?name WHERE { GRAPH ?g { ?party a ltkg:Party ; skos:prefLabel ?name } } LIMIT 3"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context)  # the 400 of the first run is expected in the console
    try:
        page = watched.page
        page.goto(site + "/sparql#query=" + quote(query), wait_until="load")
        page.wait_for_selector("#problem:not([hidden])")
        problem = page.inner_text("#problem")
        assert "The prefixes ltkg:, skos: are not declared" in problem
        shot(page, "query-page-undeclared-prefix")
        page.click("#problem button.fix")
        page.wait_for_selector("table.result")
        assert page.locator("#problem").is_hidden()
        assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in page.evaluate(
            "document.querySelector('.CodeMirror').CodeMirror.getValue()")
    finally:
        context.close()
    assert all("status of 400" in error for error in watched.errors), watched.errors


def test_long_quotes_wrap_so_every_column_stays_in_view(browser, site):
    with open_page(browser, site + "/sparql#example=01-who-leads-what") as page:
        _run(page)
        box = page.locator(".results .table-scroll")
        widths = page.evaluate("[...document.querySelectorAll('.results .table-scroll')].map("
                               "e => [e.scrollWidth, e.clientWidth])")[0]
        assert widths[0] <= widths[1] + 1, widths  # no column pushed out of view
        assert box.is_visible()


def test_construct_answers_as_turtle(browser, site):
    query = "CONSTRUCT { ?s a ?t } WHERE { GRAPH ?g { ?s a ?t } } LIMIT 3"
    with open_page(browser, site + "/sparql#query=" + quote(query)) as page:
        _run(page)
        assert "@prefix" in page.inner_text("pre.turtle")
        assert page.locator("#downloads button").all_inner_texts() == [label for label, _, _ in GRAPH_FORMATS]


def test_an_error_shows_the_parsers_position_in_the_editor(browser, site):
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context)  # as open_page, except that the 400 of the query is expected in the console
    try:
        page = watched.page
        page.goto(site + "/sparql#query=" + quote(query), wait_until="load")
        page.wait_for_selector("#problem:not([hidden])")
        problem = page.inner_text("#problem")
        assert "400" in problem and "at line 3, column" in problem
        assert page.locator(".CodeMirror .cm-error-line").count() == 1
        shot(page, "query-page-error")
        page.keyboard.type(" ")  # editing clears the mark
        assert page.locator(".CodeMirror .cm-error-line").count() == 0
    finally:
        context.close()
    assert not watched.external
    assert all("status of 400" in error for error in watched.errors), watched.errors


def test_prefixes_and_terms_are_completed(browser, site):
    with open_page(browser, site + "/sparql") as page:
        page.click(".CodeMirror")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.type("PREFIX sk")
        page.keyboard.press("Control+Space")
        assert "skos: <http://www.w3.org/2004/02/skos/core#>" in page.inner_text(".CodeMirror-hints")
        page.keyboard.press("Escape")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.type("SELECT * WHERE { ?a a ltkg:Acti")
        page.keyboard.press("Control+Space")
        assert "ltkg:Action" in page.inner_text(".CodeMirror-hints").split("\n")
        page.keyboard.press("Enter")
        text = page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
        assert text.startswith("PREFIX ltkg: <https://ltkg.example.org/def/>\n") and "ltkg:Action" in text


def test_a_shared_query_link_opens_the_page_in_a_browser_and_answers_data_elsewhere(real):
    query = "ASK { ?s ?p ?o }"
    navigation = {"Accept": BROWSER, "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate"}
    as_browser = real.get("/sparql", params={"query": query}, headers=navigation)
    assert as_browser.status_code == 200 and as_browser.headers["content-type"].startswith("text/html")
    assert 'id="run"' in as_browser.text
    for accept in ("application/sparql-results+json", "*/*", "application/xml", BROWSER):  # not navigating
        answer = real.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert answer.status_code == 200 and not answer.headers["content-type"].startswith("text/html"), accept
    asked = real.get("/sparql", params={"query": query, "format": "json"}, headers=navigation)
    assert asked.json()["boolean"] is True  # `format` wins over a browser's Accept


def test_a_shared_query_link_runs_its_query_in_chromium(browser, site):
    query = "SELECT ?n WHERE { VALUES ?n { 42 } }"
    with open_page(browser, site + "/sparql?query=" + quote(query)) as page:
        _run(page)
        assert "42" in page.inner_text("table.result")
