"""Versions and cache validators, for every answer (pure ASGI middleware, api/http/middleware.py wires it).

- Every answer names the build it comes from: `X-LTKG-Version` (api/http/version.py), so a client paging
  across a rebuild sees that the pages come from different builds.
- A GET or HEAD of /api/*, /sparql or /download/* answered 200 carries a weak `ETag` made from the build's
  content hash and the request (path, query string, and the headers the answer varies with: Accept,
  Sec-Fetch-Dest), `Cache-Control: public, max-age=300` and `Vary`. The data change only with a build, so
  the same request to the same build gets the same answer: a request whose `If-None-Match` names that ETag
  gets 304 Not Modified at once, without the route running.
- Without a build version (no build yet; a remote store whose build folder is not here) there is no ETag.
"""
from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.version import HEADER
from graph import version

VALIDATED = ("/api", "/sparql", "/download/")
VARY = ("accept", "sec-fetch-dest")
CACHE_CONTROL = "public, max-age=300"
# Headers a browser-based client may read (CORS), besides the safelisted ones.
EXPOSED = [HEADER, "ETag", "Link"]


def etag(build_hash: str, scope: Scope, headers: Headers) -> str:
    """The weak ETag of a request's answer from the build with this content hash."""
    digest = hashlib.sha256(build_hash.encode())
    for part in (scope.get("path", ""), scope.get("query_string", b"").decode("latin-1"),
                 *(headers.get(name, "") for name in VARY)):
        digest.update(b"\0" + part.encode())
    return f'W/"{build_hash[:12]}-{digest.hexdigest()[:16]}"'


def matches(if_none_match: str, tag: str) -> bool:
    """Whether If-None-Match names the tag (weak comparison, RFC 9110 13.1.2), or is `*`."""
    wanted = tag.removeprefix("W/")
    return any(given.strip() == "*" or given.strip().removeprefix("W/") == wanted for given in if_none_match.split(","))


class Validators:
    def __init__(self, app: ASGIApp, build_dir_of: callable):
        self.app = app
        self.build_dir_of = build_dir_of  # () -> the folder of the build served (build/current)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        found = version.read(self.build_dir_of())
        headers = Headers(scope=scope)
        tag = None
        if found is not None and scope["method"] in ("GET", "HEAD") and scope["path"].startswith(VALIDATED):
            tag = etag(found.sha256, scope, headers)
            if matches(headers.get("if-none-match", ""), tag):
                await send({"type": "http.response.start", "status": 304,
                            "headers": [(b"etag", tag.encode()), (b"cache-control", CACHE_CONTROL.encode()),
                                        (b"vary", b"Accept, Sec-Fetch-Dest"),
                                        (HEADER.lower().encode(), found.version.encode())]})
                await send({"type": "http.response.body", "body": b""})
                return

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if found is not None and HEADER not in out:
                    out[HEADER] = found.version
                if tag is not None and message["status"] == 200:
                    out["ETag"] = tag
                    out["Cache-Control"] = CACHE_CONTROL
                    varies = [v.strip().lower() for v in out.get("vary", "").split(",") if v.strip()]
                    for name in ("Accept", "Sec-Fetch-Dest"):
                        if name.lower() not in varies:
                            out.add_vary_header(name)
                    if "last-modified" in out:
                        del out["last-modified"]  # a file's time says less than the build's hash
            await send(message)

        await self.app(scope, receive, stamped)
