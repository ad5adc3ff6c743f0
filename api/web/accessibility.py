"""GET /accessibility: the site's accessibility statement, in the form of the Dutch model statement
(modelverklaring): the standard, the status, how and when the site was tested, the known exceptions.

What it says of the tests is held true by tests/test_accessibility.py: the axe-core version named here is the
one the tests run, and every page kind they check is one the statement describes.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.http import frame

router = APIRouter(include_in_schema=False)

AXE_VERSION = "4.12.1"  # of axe-playwright-python's bundled axe-core (tests/test_accessibility.py checks it)
ASSESSED = "7 December 2026"
RULE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@router.get("/accessibility", response_class=HTMLResponse)
def statement() -> HTMLResponse:
    return frame.page("accessibility.html", title="Accessibility statement", axe_version=AXE_VERSION,
                      assessed=ASSESSED, tags=RULE_TAGS)
