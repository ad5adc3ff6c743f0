"""The network views in Chromium (tests/browser.py), on the real build: drawn with no console error and no
request off the host, still at once, filters change what is shown, search focuses a node, a click on a node
reaches its page, the PNG is saved; the exported file opens from disk. Screenshots are kept as artefacts."""
from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from browser import open_page, shot
from plan2018_fixtures import built

VIEWS = {"who-owns-what": "/viz/who-owns-what", "who-owns-what-wozo": "/viz/who-owns-what?programme=wozo",
         "who-owns-what-iza": "/viz/who-owns-what?programme=iza", "party-vws": "/viz/party/vws",
         "party-mezzo-2": "/viz/party/mezzo?depth=2", "lineage": "/viz/lineage"}


def drawn(page) -> None:
    page.wait_for_selector("#network[data-drawn]", timeout=10_000)
    page.wait_for_function("document.querySelector('#network canvas').width > 0")


def shown(page) -> int:
    return int(page.get_attribute("#network", "data-shown-nodes"))


def screen_position(page, node: str) -> dict:
    """Where a node is on the page, from the network's own coordinates."""
    return page.evaluate("""(node) => {
        const net = window.ltkgNetwork, at = net.getPositions([node])[node], dom = net.canvasToDOM(at);
        const box = document.querySelector('#network').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""", node)


@pytest.mark.parametrize("name,path", VIEWS.items(), ids=VIEWS.keys())
def test_view_is_drawn_and_still(browser, site, name, path):
    with open_page(browser, site + path) as page:
        drawn(page)
        first = page.evaluate("JSON.stringify(window.ltkgNetwork.getPositions())")
        page.wait_for_timeout(300)
        assert page.evaluate("JSON.stringify(window.ltkgNetwork.getPositions())") == first  # nothing moves
        assert shown(page) > 0
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        shot(page, f"viz-{name}")


def test_filter_changes_what_is_shown(browser, site):
    with open_page(browser, site + "/viz/who-owns-what") as page:
        drawn(page)
        everything = shown(page)
        page.select_option("select[data-facet=role]", "lead")
        leads = shown(page)
        assert 0 < leads < everything
        assert "(0)" in page.inner_text("#view-legend")  # involved: nothing in view, still listed
        assert "role=lead" in page.url  # the address holds the view's state
        page.select_option("select[data-facet=programme]", "wozo")  # the server narrows by it: the view reloads
        page.wait_for_url("**programme=wozo**")
        drawn(page)
        assert "role=lead" in page.url and page.input_value("select[data-facet=role]") == "lead"
        assert page.input_value("select[data-facet=programme]") == "wozo"
        assert shown(page) < leads  # WOZO names no leads: only its action-line headings stay
        shot(page, "viz-who-owns-what-filtered")
        page.click("#view-reset")
        page.wait_for_url(site + "/viz/who-owns-what")
        drawn(page)
        assert shown(page) == everything


def test_search_focuses_a_node(browser, site):
    with open_page(browser, site + "/viz/who-owns-what") as page:
        drawn(page)
        page.fill("#view-search", "Mezzo")
        page.press("#view-search", "Enter")
        assert page.get_attribute("#network", "data-focused") == "party/mezzo"
        selected = page.evaluate("window.ltkgNetwork.getSelectedNodes()")
        neighbours = page.evaluate("window.ltkgNetwork.getConnectedNodes('party/mezzo')")
        assert selected[0] == "party/mezzo" and set(selected[1:]) == set(neighbours) and neighbours  # highlighted
        centre = page.evaluate("window.ltkgNetwork.getViewPosition()")
        at = page.evaluate("window.ltkgNetwork.getPositions(['party/mezzo'])['party/mezzo']")
        assert abs(centre["x"] - at["x"]) < 1 and abs(centre["y"] - at["y"]) < 1  # centred
        assert "find=Mezzo" in page.url
        page.fill("#view-search", "WOZO 4.1")
        page.press("#view-search", "Enter")
        assert page.get_attribute("#network", "data-focused") == "action/wozo-4.1"
        shot(page, "viz-who-owns-what-search")
        page.fill("#view-search", "E-health Thuis")  # an initiative's name finds an action that names it
        page.press("#view-search", "Enter")
        focused = page.get_attribute("#network", "data-focused")
        assert focused.startswith("action/")
        keywords = page.evaluate("(id) => window.ltkgNetwork.body.data.nodes.get(id).keywords", focused)
        assert "Stimuleringsregeling E-health Thuis" in keywords


@pytest.mark.parametrize("node,lands_on", [("party/vws", "/viz/party/vws"), ("action/langer-thuis-2.6",
                                                                                "/doc/action/langer-thuis-2.6")])
def test_click_on_a_node_reaches_its_page(browser, site, node, lands_on):
    with open_page(browser, site + "/viz/who-owns-what") as page:
        drawn(page)
        page.evaluate("(node) => window.ltkgNetwork.focus(node, {scale: 1.5, animation: false})", node)
        at = screen_position(page, node)
        with page.expect_navigation():
            page.mouse.click(at["x"], at["y"])
        assert urlsplit(page.url).path == lands_on
        shot(page, f"viz-click-{node.replace('/', '-')}")


def test_party_view_steps_out_and_back(browser, site):
    with open_page(browser, site + "/viz/party/mezzo") as page:
        drawn(page)
        near = shown(page)
        page.click("text=One step further out")
        drawn(page)
        assert "depth=2" in page.url and shown(page) > near
        page.click("text=One step back")
        drawn(page)
        assert shown(page) == near


def test_png_is_saved(browser, site):
    with open_page(browser, site + "/viz/lineage", accept_downloads=True) as page:
        drawn(page)
        with page.expect_download() as download:
            page.click("#view-png")
        assert re.fullmatch(r"lineage_\d{4}-\d\d-\d\d\.png", download.value.suggested_filename)
        assert open(download.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
        # the picture says what it is: its title, its legend, the date and the view's address
        written = page.evaluate("""() => {
            const texts = [], original = CanvasRenderingContext2D.prototype.fillText;
            CanvasRenderingContext2D.prototype.fillText = function (t, ...rest) { texts.push(t); return original.call(this, t, ...rest); };
            const picture = window.ltkgPicture();
            CanvasRenderingContext2D.prototype.fillText = original;
            return {texts, height: picture.height, canvas: document.querySelector('#network canvas').height};
        }""")
        texts = written["texts"]
        assert texts[0] == "From Langer Thuis to WOZO, IZA, GALA and TAZ"
        assert any(t.startswith("succeeds (programme)") for t in texts)  # the legend, with counts
        assert any(re.search(r"\d{4}-\d\d-\d\d · " + re.escape(page.url), t) for t in texts)
        assert written["height"] > written["canvas"]


def test_unknown_programme_is_an_error_page_in_the_frame(browser, site):
    with open_page(browser, site + "/viz/who-owns-what?programme=nope", status=404) as page:
        assert "no programme with id 'nope'" in page.inner_text("main")
        shot(page, "viz-unknown-programme")


@pytest.mark.parametrize("args", [["who-owns-what"], ["party", "vws"], ["lineage"]], ids=lambda a: "-".join(a))
def test_exported_file_opens_from_disk_without_network(browser, tmp_path, args):
    out = tmp_path / "view.html"
    env = {"LTKG_BUILD_DIR": str(built().build_dir), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "ltkg.cli", "viz", *args, "-o", str(out)], check=True, env=env,
                   capture_output=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests, errors = [], []

    def route(request_route):
        parts = urlsplit(request_route.request.url)
        if parts.scheme in ("data", "blob", "about") or (parts.scheme == "file" and parts.path == str(out)):
            request_route.continue_()
        else:
            requests.append(request_route.request.url)
            request_route.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(out.as_uri(), wait_until="load")
        drawn(page)
        assert shown(page) > 0
        shot(page, "viz-export-" + "-".join(args))
    finally:
        context.close()
    assert not requests, requests
    assert not errors, errors

