"""WCAG 2.1 AA in Chromium (tests/browser.py) on the real build: axe-core (bundled by axe-playwright-python, so
it runs offline) on every kind of page and on the states a person opens, with the rules tagged wcag2a,
wcag2aa, wcag21a and wcag21aa, failing on any violation of any impact; every page at 200 % zoom without
sideways scrolling; the keyboard paths through the coverage workbench and the network tables; the
accessibility statement (/accessibility) linked from every page and true to these tests.

A new kind of page: add it to PAGES (a state reached by clicking or typing: to STATES).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from api.rest.shapes import natural_key
from api.web.accessibility import AXE_VERSION, RULE_TAGS
from browser import open_page, shot

# name: path, or (path, the HTTP status it answers with). Append new kinds of page here.
PAGES: dict[str, str | tuple[str, int]] = {
    "home": "/",
    "coverage": "/viz/coverage",
    "coverage-by-plan": "/viz/coverage?axis=theme-plan",
    "who-owns-what": "/viz/who-owns-what",
    "who-owns-what-programme": "/viz/who-owns-what?programme=wozo",
    "party-network": "/viz/party/vws",
    "party-network-depth-2": "/viz/party/mezzo?depth=2",
    "lineage": "/viz/lineage",
    "sparql": "/sparql",
    "ontology": "/ontology",
    "ontology-terms": "/def/",
    "dataset": "/dataset",
    "sources": "/sources/",
    "source-text": "/sources/2018-langer-thuis-plan-van-aanpak.html?lines=244-246",
    "source-markdown": "/sources/2024-wozo-voortgangsrapportage.html",
    "search": "/search?q=mantelzorg",
    "search-nothing-asked": "/search",
    "search-passages-of-a-source": "/search?q=dementie&type=passage&document=2024-wozo-voortgangsrapportage",
    "accessibility": "/accessibility",
    "glossary": "/glossary",
    "search-results": "/search?q=respijtzorg",
    "search-nothing-found": "/search?q=qqqxyz",
    "coverage-cell-open": "/viz/coverage?cell=hulpmiddelen:wozo",
    "docs": "/docs",
    "redoc": "/redoc",
    "entity-not-found": ("/id/action/no-such-action", 404),
    "view-not-found": ("/viz/who-owns-what?programme=nope", 404),
    "party-not-found": ("/viz/party/nobody", 404),
}
# Rules that third-party pages break in markup this site cannot style away (named in the statement).
THIRD_PARTY: dict[str, set[str]] = {}


def settled(page) -> None:
    """Wait until the page's scripts have drawn what they draw."""
    page.wait_for_load_state("networkidle")
    if page.locator("#network").count():
        page.wait_for_selector("#network[data-drawn]", timeout=10_000)
    if page.locator("#cv-matrix").count():
        page.wait_for_selector("#cv-matrix tbody tr")
    if page.locator("#swagger-ui").count():
        page.wait_for_selector("#swagger-ui .opblock")
    if page.locator("#redoc").count():
        page.wait_for_selector("#redoc h1, #redoc h2", timeout=15_000)


def violations(page, allowed: set[str] = frozenset()) -> str:
    """axe's report of the page's violations (empty when there are none)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": list(RULE_TAGS)},
                                       "resultTypes": ["violations"]})
    found = [v for v in results.response["violations"] if v["id"] not in allowed]
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " +
                     "\n    ".join(f"{n['target']} {n['failureSummary'].splitlines()[-1].strip()}" for n in v["nodes"][:6])
                     for v in found)


def target(entry: str | tuple[str, int]) -> tuple[str, int]:
    return (entry, 200) if isinstance(entry, str) else entry


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violation(browser, site, name):
    path, status = target(PAGES[name])
    with open_page(browser, site + path, status=status) as page:
        settled(page)
        report = violations(page, THIRD_PARTY.get(name, set()))
        assert not report, f"{path}:\n{report}"
        assert page.locator("footer.site a[href='/accessibility']").count() == 1


def entity_pages(site_store) -> dict[str, str]:
    """One entity page of every class the graph has an entity of (its first IRI in order)."""
    rows = site_store.query("SELECT ?class (MIN(STR(?s)) AS ?one) WHERE { GRAPH ?g { ?s a ?class } "
                            "FILTER(STRSTARTS(STR(?s), 'https://ltkg.example.org/id/')) } GROUP BY ?class")
    return {row["class"].value.rpartition("/")[2]: row["one"].value.replace("https://ltkg.example.org", "")
            for row in rows}


def test_entity_pages_of_every_kind_have_no_wcag_violation(browser, site):
    from plan2018_fixtures import built

    pages = entity_pages(built().store)
    assert len(pages) >= 20, pages
    failures = {}
    with open_page(browser, site + "/") as page:
        for kind, path in sorted(pages.items()):
            response = page.goto(site + path, wait_until="load")
            assert response.status == 200, (path, response.status)
            report = violations(page)
            if report:
                failures[f"{kind} {path}"] = report
    assert not failures, "\n".join(f"{where}:\n{report}" for where, report in failures.items())


def open_cell(page) -> None:
    page.locator("#cv-matrix td.cv-cell button").first.click()
    page.locator("#cv-drawer").wait_for(state="visible")


def filter_role(page) -> None:
    page.select_option("select[data-facet=role]", "lead")


def run_example(page) -> None:
    page.locator("ol.examples a").first.click()
    page.wait_for_selector("#results table")


def type_in_header(page) -> None:
    page.keyboard.press("/")
    page.keyboard.type("zorgverz")
    page.wait_for_selector("#site-q-list li[role=option]")
    page.keyboard.press("ArrowDown")


def open_line_facts(page) -> None:
    page.locator("tr#L244 button.cites").click()
    page.wait_for_selector("#facts-of-244 .citation li")


def expand_operation(page) -> None:
    page.locator("#swagger-ui .opblock-summary-control").first.click()
    page.wait_for_selector("#swagger-ui .opblock-body")


# name: (path, what a person does there first)
STATES: dict[str, tuple[str, Callable]] = {
    "coverage-cell-open": ("/viz/coverage", open_cell),
    "who-owns-what-filtered": ("/viz/who-owns-what", filter_role),
    "sparql-results": ("/sparql", run_example),
    "docs-operation-open": ("/docs", expand_operation),
    "search-suggestions-open": ("/", type_in_header),
    "source-line-facts-open": ("/sources/2018-langer-thuis-plan-van-aanpak.html", open_line_facts),
}


@pytest.mark.parametrize("name", STATES)
def test_opened_state_has_no_wcag_violation(browser, site, name):
    path, act = STATES[name]
    with open_page(browser, site + path) as page:
        settled(page)
        act(page)
        report = violations(page, THIRD_PARTY.get(name.partition("-")[0], set()))
        assert not report, f"{name}:\n{report}"
        shot(page, f"a11y-{name}")


ZOOMED = {name: entry for name, entry in PAGES.items() if name not in ("docs", "redoc")}


@pytest.mark.parametrize("name", ZOOMED)
def test_page_zoomed_to_200_percent_keeps_its_content(browser, site, name):
    """1280 px at 200 %: 640 CSS pixels; nothing is cut off or needs scrolling sideways (WCAG 1.4.4, 1.4.10)."""
    path, status = target(PAGES[name])
    with open_page(browser, site + path, status=status, width=640, height=450, device_scale_factor=2) as page:
        settled(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 200 %"
        shot(page, f"zoom-200-{name}")


def focus_ring(page) -> str:
    """The focused element's outline as drawn (style and width), to check that focus is visible."""
    return page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                         "return s.outlineStyle + ' ' + s.outlineWidth; })()")


def test_workbench_by_keyboard_arrows_enter_escape_and_focus_returns(browser, site):
    with open_page(browser, site + "/viz/coverage?sort=name") as page:
        settled(page)
        page.locator("#cv-json").focus()  # the last of the controls above the matrix
        for _ in range(40):  # Tab reaches the cells (one tab stop for all of them, after the first row's name)
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('#cv-matrix button[data-r]')"):
                break
        assert page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]") == ["0", "0"]
        assert focus_ring(page).startswith("solid") and not focus_ring(page).endswith(" 0px")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        here = page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]")
        assert here == ["1", "2"]
        page.keyboard.press("End")
        assert page.evaluate("document.activeElement.dataset.c") != "2"
        page.keyboard.press("Home")
        assert page.evaluate("document.activeElement.dataset.c") == "0"
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        drawer = page.locator("#cv-drawer")
        drawer.wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "cv-close"
        assert focus_ring(page).startswith("solid")
        shot(page, "a11y-workbench-panel-by-keyboard")
        page.keyboard.press("Escape")
        assert drawer.is_hidden()
        assert page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]") == ["1", "1"]
        assert focus_ring(page).startswith("solid")
        page.keyboard.press("Enter")  # and the close button returns it too
        drawer.wait_for(state="visible")
        page.keyboard.press("Enter")  # on the focused close button
        assert drawer.is_hidden()
        assert page.evaluate("[document.activeElement.dataset.r, document.activeElement.dataset.c]") == ["1", "1"]
        shot(page, "a11y-workbench-focus-returned")


NETWORKS = {"who-owns-what": "/viz/who-owns-what", "party": "/viz/party/vws", "lineage": "/viz/lineage"}


def table_rows(page) -> list[str]:
    return page.eval_on_selector_all("#network-table tbody tr:not([hidden]) th", "els => els.map(e => e.innerText)")


@pytest.mark.parametrize("name", NETWORKS)
def test_network_table_holds_every_node_shown_and_follows_the_filters(browser, site, name):
    with open_page(browser, site + NETWORKS[name]) as page:
        settled(page)
        shown_nodes = page.evaluate("""() => { const net = window.ltkgNetwork;
            return net.body.nodeIndices.map(id => net.body.nodes[id].options)
                      .filter(n => n.kind).map(n => n.id); }""")
        rows = page.eval_on_selector_all("#network-table tbody tr:not([hidden])", "els => els.map(e => e.dataset.node)")
        assert sorted(rows) == sorted(shown_nodes) and rows
        status = page.locator("#view-status")
        assert status.get_attribute("aria-live") == "polite"
        total = int(page.get_attribute("#network", "data-shown-nodes"))
        select = page.locator("#view-controls select[data-facet]").last
        value = select.locator("option").nth(1).get_attribute("value")
        select.select_option(value)
        after = int(page.get_attribute("#network", "data-shown-nodes"))
        assert re.search(rf"\b{after} of \d+ nodes", status.inner_text())
        shown_nodes = page.evaluate("""() => { const net = window.ltkgNetwork;
            return net.body.nodeIndices.map(id => net.body.nodes[id].options)
                      .filter(n => n.kind).map(n => n.id); }""")
        rows = page.eval_on_selector_all("#network-table tbody tr:not([hidden])", "els => els.map(e => e.dataset.node)")
        assert sorted(rows) == sorted(shown_nodes)
        links = page.eval_on_selector_all("#network-table li[data-edge]:not([hidden])", "els => els.map(e => e.dataset.edge)")
        edges = page.evaluate("window.ltkgNetwork.body.edgeIndices")
        assert set(links) == set(edges)
        assert after <= total


@pytest.mark.parametrize("name", NETWORKS)
def test_network_table_is_reached_and_sorted_by_keyboard(browser, site, name):
    with open_page(browser, site + NETWORKS[name]) as page:
        settled(page)
        page.locator("#view-controls a[href='#view-table']").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#view-table"
        page.keyboard.press("Tab")  # from the table's section: its first sort button
        assert page.evaluate("document.activeElement.dataset.sort") == "name"
        assert focus_ring(page).startswith("solid")
        name_header = "#network-table th:has(button[data-sort=name])"
        assert page.get_attribute(name_header, "aria-sort") == "ascending"  # as the server sends it
        page.keyboard.press("Enter")  # the same column again: descending
        assert page.get_attribute(name_header, "aria-sort") == "descending"
        descending = table_rows(page)
        page.keyboard.press("Enter")
        assert page.get_attribute(name_header, "aria-sort") == "ascending"
        assert table_rows(page) == list(reversed(descending)) and len(descending) > 1
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # by kind
        assert page.get_attribute("#network-table th:has(button[data-sort=kind])", "aria-sort") == "ascending"
        kinds = page.eval_on_selector_all("#network-table tbody tr:not([hidden]) td:nth-of-type(1)",
                                          "els => els.map(e => e.innerText.toLowerCase())")
        assert kinds == sorted(kinds, key=natural_key)  # numbers as numbers: community 2 before 10
        page.locator("#view-table").scroll_into_view_if_needed()
        shot(page, f"a11y-network-table-{name}")


def test_statement_is_in_the_frame_and_names_what_the_tests_do(real):
    from axe_playwright_python.base import AXE_SCRIPT

    page = real.get("/accessibility", headers={"Accept": "text/html"})
    assert page.status_code == 200 and '<header class="site"' in page.text
    bundled = re.match(r"/\*! axe v([\d.]+)", AXE_SCRIPT).group(1)
    assert AXE_VERSION == bundled and f"axe-core {bundled}" in page.text
    for tag in RULE_TAGS:
        assert f"<code>{tag}</code>" in page.text
    for heading in ("Standard", "Status", "How and when it was tested", "Known exceptions", "Feedback and contact"):
        assert f">{heading}</h2>" in page.text
    assert "WCAG) 2.1, level AA" in page.text and "EN 301 549" in page.text


FOCUS_WALKS = {"home": "/", "coverage": "/viz/coverage", "who-owns-what": "/viz/who-owns-what", "sparql": "/sparql",
               "entity": "/id/action/langer-thuis-2.6", "ontology": "/ontology", "docs": "/docs"}
FOCUS_MARK = """() => {  // the focused element drawn with a ring; in the query editor, the editor's box
    const el = document.activeElement.closest('.CodeMirror') || document.activeElement, s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


@pytest.mark.parametrize("name", FOCUS_WALKS)
def test_focus_is_visible_at_every_tab_stop(browser, site, name):
    """Tab through the first 40 stops of the page: each draws a focus ring (WCAG 2.4.7), and Tab always moves
    on (no keyboard trap, WCAG 2.1.2)."""
    with open_page(browser, site + FOCUS_WALKS[name]) as page:
        settled(page)
        unmarked = []
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break
            here = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
            moved = page.evaluate("(() => { const moved = document.activeElement !== window.lastFocused; "
                                  "window.lastFocused = document.activeElement; return moved; })()")
            assert moved, f"Tab does not leave {here}"
            if not page.evaluate(FOCUS_MARK):
                unmarked.append(here)
        assert not unmarked, unmarked
