"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against the real build served on
127.0.0.1, as a person sees the pages.

`open_page(url)` gives a page that fails its test on any console error, uncaught script error or request that
would leave the host (such requests are aborted and listed), and `shot(page, name)` keeps a screenshot under
build/test-artefacts/screenshots/ (LTKG_TEST_ARTEFACTS moves it). Without Chromium or Playwright the tests
are skipped, unless LTKG_TEST_BROWSER=required (./test sets it on CI), where they fail.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("LTKG_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]
ARTEFACTS = Path(os.environ.get("LTKG_TEST_ARTEFACTS", Path(__file__).parent.parent / "build" / "test-artefacts"))
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def unavailable() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (scripts/chromium install)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    return None


def require_browser() -> None:
    reason = unavailable()
    if reason:
        if os.environ.get("LTKG_TEST_BROWSER") == "required":
            pytest.fail(reason)
        pytest.skip(reason)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A Playwright page with what went wrong on it: console errors, page errors, requests off the host."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def check(self, status: int = 200) -> None:
        assert not self.external, f"requests left the host: {self.external}"
        errors = self.errors
        own = f"Failed to load resource: the server responded with a status of {status}"
        if status >= 400 and errors and errors[0].startswith(own):  # the document's own status, logged
            errors = errors[1:]
        assert not errors, f"console errors: {errors}"


@contextlib.contextmanager
def open_page(browser, url: str, *, status: int = 200, width: int = 1280, height: int = 900,
              **kwargs) -> Iterator[object]:
    """The page at url (answered with `status`), checked for errors and external requests when the block ends."""
    context = browser.new_context(viewport={"width": width, "height": height}, **kwargs)
    watched = Watched(context)
    try:
        response = watched.page.goto(url, wait_until="load")
        assert response.status == status, (url, response.status)
        yield watched.page
        watched.check(status)
    finally:
        context.close()


def shot(page, name: str, full_page: bool = False) -> Path:
    """A screenshot of the page kept as a test artefact."""
    path = ARTEFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
