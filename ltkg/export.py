"""A view of the site as one standalone HTML file (`ltkg viz`): the app is created in-process, the view's
URL fetched from it, and every stylesheet, script and icon it loads from /assets/ or /viz/lib/ put inline,
so that the file opens from disk with no server and no network. Links into the site are dropped (their
text stays), and a click on a node does nothing (there is no entity page to open).

Generic over the views: any page of the frame can be exported, so a new view needs no code here.
"""
from __future__ import annotations

import base64
import re
import warnings
from urllib.parse import urlencode

from starlette.routing import Match

from graph.settings import Settings

VIEWS = {  # name: (path, whether it takes an id)
    "who-owns-what": ("/viz/who-owns-what", False),
    "lineage": ("/viz/lineage", False),
    "party": ("/viz/party/{id}", True),
    "coverage": ("/viz/coverage", False),
}
INLINE_PREFIXES = ("/assets/", "/viz/lib/")


class ExportError(Exception):
    """The view cannot be exported: unknown name, a refused parameter, no such view in this app."""


def view_url(view: str, ident: str | None, params: dict[str, str | int | None]) -> str:
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    path, needs_id = VIEWS[view]
    if needs_id and not ident:
        raise ExportError(f"the {view} view needs an id, e.g. `ltkg viz {view} vws`")
    if ident and not needs_id:
        raise ExportError(f"the {view} view takes no id (got {ident!r})")
    path = path.format(id=ident)
    given = {k: v for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(given) if given else "")


def standalone(settings: Settings, url: str) -> str:
    """The page at url as one self-contained HTML document."""
    with warnings.catch_warnings():  # Starlette's notice about its own use of httpx, not ours to act on
        warnings.filterwarnings("ignore", message="Using `httpx` with")
        from fastapi.testclient import TestClient

    from api.app import create_app

    app = create_app(settings)
    path = url.split("?")[0]
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "query_string": b"", "headers": []}
    if not any(route.matches(scope)[0] == Match.FULL for route in app.routes):
        raise ExportError(f"no view at {path} in this version of the site")
    with TestClient(app) as client:
        response = client.get(url, headers={"Accept": "*/*"})
        if response.status_code != 200:
            detail = response.json().get("detail") if "json" in response.headers.get("content-type", "") else None
            raise ExportError(f"{url}: {response.status_code} {detail or response.text[:200]}")
        return inline(response.text, lambda path: fetch(client, path))


def fetch(client, path: str) -> tuple[bytes, str]:
    response = client.get(path)
    if response.status_code != 200:
        raise ExportError(f"{path} referenced by the page answers {response.status_code}")
    return response.content, response.headers.get("content-type", "application/octet-stream").split(";")[0]


def inline(html: str, get) -> str:
    """html with its stylesheets, scripts and icons from the site inline, and its links into the site dropped."""
    def stylesheet(match: re.Match) -> str:
        body, _ = get(match.group(1))
        return "<style>\n" + body.decode("utf-8") + "\n</style>"

    def script(match: re.Match) -> str:
        body, _ = get(match.group(1))
        return "<script>\n" + body.decode("utf-8").replace("</script", "<\\/script") + "\n</script>"

    def icon(match: re.Match) -> str:
        body, media = get(match.group(2))
        return f'{match.group(1)}data:{media};base64,{base64.b64encode(body).decode()}{match.group(3)}'

    prefixes = "|".join(re.escape(p) for p in INLINE_PREFIXES)
    html = re.sub(rf'<link rel="stylesheet" href="((?:{prefixes})[^"]+)">', stylesheet, html)
    html = re.sub(rf'<script src="((?:{prefixes})[^"]+)"></script>', script, html)
    html = re.sub(rf'(<link rel="icon" href=")((?:{prefixes})[^"]+)(")', icon, html)
    html = re.sub(r'<a ([^>]*?)href="/[^"]*"([^>]*)>', r"<a \1\2>", html)  # a link into the site: text only
    html = html.replace('<div id="network" class="network"', '<div id="network" class="network" data-standalone="true"')
    left = re.findall(r'(?:src|href)="(/[^"]*)"', html)
    if left:
        raise ExportError(f"the page references {left[0]}, which cannot be put inline")
    return html
