"""Search as a person uses it, in Chromium (tests/browser.py) on the real build: "/" focuses the header's box,
typing shows suggestions (keyboard-operable), Enter opens /search with results grouped by kind, a passage opens
the source reader at its highlighted line with the facts resting on it. Screenshots are kept as artefacts."""
from __future__ import annotations

from browser import open_page, shot


def test_type_suggest_search_and_read(browser, site):
    with open_page(browser, site + "/sources/") as page:
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "site-q"
        page.keyboard.type("patienten", delay=30)
        page.wait_for_selector("#site-q-list li[role=option]", timeout=5000)
        assert page.get_attribute("#site-q", "aria-expanded") == "true"
        first = page.inner_text("#site-q-list li[role=option] >> nth=0")
        assert "Patiëntenfederatie" in first
        page.keyboard.press("ArrowDown")
        assert page.get_attribute("#site-q", "aria-activedescendant") == "site-q-option-0"
        shot(page, "search-suggestions")
        page.keyboard.press("ArrowUp")  # back in the box: Enter searches everything
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=patienten")
        page.wait_for_selector("#group-party")
        assert page.is_visible("#group-passage")
        assert page.locator("section.passages mark").count() > 0
        shot(page, "search-results", full_page=False)
        link = page.locator("section.passages li a[href^='/sources/']").first
        href = link.get_attribute("href")
        line = href.rsplit("#L", 1)[1]
        link.click()
        page.wait_for_url(f"**#L{line}")
        row = page.locator(f"tr#L{line}")
        assert "hl" in row.get_attribute("class")
        top = page.evaluate(f"document.getElementById('L{line}').getBoundingClientRect().top")
        assert 0 <= top < 400  # scrolled into view, below the header
        assert page.locator("tr.facts-row section.facts, tr.facts-row p.facts").count() == 1
        shot(page, "search-passage-in-reader")


def test_suggestion_opens_with_keyboard_and_gutter_lists_facts(browser, site):
    with open_page(browser, site + "/") as page:
        page.focus("#site-q")
        page.keyboard.type("Zorgverzekeraar Nederland", delay=10)
        page.wait_for_selector("#site-q-list li[role=option]", timeout=5000)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/doc/party/zn")
    with open_page(browser, site + "/sources/2018-langer-thuis-plan-van-aanpak.html") as page:
        button = page.locator("tr#L244 button.cites")
        button.click()
        page.wait_for_selector("#facts-of-244 .citation li")
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator("#facts-of-244 a[href='/id/action/langer-thuis-2.6']").count() >= 1
        shot(page, "source-reader-gutter-facts")
