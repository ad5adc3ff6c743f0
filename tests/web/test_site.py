"""One site: every HTML page shares the frame (header with the navigation, one stylesheet), fits 1280 px,
shows no local file path, loads nothing from outside and logs no console error; seen in Chromium."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.http.frame import NAV
from browser import open_page, shot
from graph.ns import LICENCE
from graph.registers import OUTSIDE
from graph.settings import Settings
from plan2018_fixtures import built

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PAGES = {  # screenshot name: path
    "home": "/",
    "entity": "/id/action/langer-thuis-2.6",
    "party": "/doc/party/vws",
    "sparql": "/sparql",
    "dataset": "/dataset",
    "sources": "/sources/",
    "source-text": "/sources/2018-langer-thuis-plan-van-aanpak.html?lines=244-246",
    "ontology": "/ontology",
    "ontology-terms": "/def/",
    "docs": "/docs",
    "redoc": "/redoc",
    "who-owns-what": "/viz/who-owns-what",
    "not-found": "/id/action/no-such-action",
}
LOCAL_PATH = re.compile(r"(/work/|/root/|/home/|/tmp/|/usr/|site-packages|\.venv)")


@pytest.fixture(scope="module")
def real():
    with TestClient(create_app(Settings(build_dir=built().build_dir, sparql_endpoint=""))) as client:
        yield client


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_page_has_the_frame(real, path):
    response = real.get(path, headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert page.count('<header class="site"') == 1 and '<link rel="stylesheet" href="/assets/site.css">' in page
    for _, href, _ in NAV:
        assert f'href="{href}"' in page
    assert not LOCAL_PATH.search(page), LOCAL_PATH.search(page).group(0)
    assert not re.search(r'src="(?:https?:)?//', page), "a page loads something from outside the server"
    for link in re.findall(r'href="((?:https?:)?//[^"]*)"', page):  # only the registers and the licence (issue 18)
        assert link.startswith(tuple(OUTSIDE) + (LICENCE,)), f"a page links outside the server: {link}"


@pytest.mark.parametrize("key,href,label", NAV)
def test_every_header_link_works(real, key, href, label):
    response = real.get(href, headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.status_code == 200, (href, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    assert 'aria-current="page"' in response.text  # the page marks itself in the navigation


def test_assets_are_served_and_confined(real):
    css = real.get("/assets/site.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert real.get("/assets/favicon.svg").status_code == 200
    for path in ("/assets/../frame.py", "/assets/%2e%2e/frame.py", "/assets/nothing.css", "/assets/"):
        assert real.get(path).status_code == 404, path


@pytest.mark.parametrize("name,path", PAGES.items(), ids=PAGES.keys())
def test_page_in_chromium(browser, site, name, path):
    with open_page(browser, site + path, status=404 if name == "not-found" else 200) as page:
        page.wait_for_load_state("networkidle")
        header = page.locator("header.site nav a")
        assert header.count() == len(NAV)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} overflows 1280 px by {overflow} px"
        shot(page, f"site-{name}")


def test_header_links_lead_to_their_pages_in_chromium(browser, site):
    with open_page(browser, site + "/") as page:
        for key, href, label in NAV:
            page.goto(site + "/")
            page.locator("header.site nav").get_by_role("link", name=label, exact=True).click()
            page.wait_for_load_state("load")
            assert page.url.split("?")[0].split("#")[0].endswith(href), (label, page.url)
            current = page.locator('header.site nav a[aria-current="page"]')
            assert current.count() == 1 and current.inner_text() == label


def test_home_counts_what_the_graph_holds(real):
    page = real.get("/", headers={"Accept": BROWSER}).text
    store = built().store
    for cls, label in [("Action", "actions"), ("Party", "parties"), ("Initiative", "named laws, schemes, campaigns "
                                                                                     "and other initiatives")]:
        query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <https://ltkg.example.org/def/{cls}> }} }}"
        n = int(next(iter(store.query(query)))["n"].value)
        assert n > 0 and f"<b>{n:,}</b><span>{label}</span>" in page, (cls, n)
