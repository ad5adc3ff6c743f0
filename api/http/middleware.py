"""What wraps every route: HEAD, request size limits, gzip, CORS, and problem+json for unexpected errors.

- HEAD is answered for every GET route: the GET answer's status and headers, without its body.

- A body larger than LTKG_MAX_REQUEST_BYTES is refused with 413 (by its Content-Length before it is
  read, or as soon as a chunked body passes the limit); a request target (path and query string)
  longer than that with 414. Both as application/problem+json.
  (uvicorn refuses a request line over 16 KiB itself, with a bare 400, unless it is started with
  h11_max_incomplete_event_size larger than the limit, as `ltkg serve` should.)
- Answers of 1000 bytes and more are gzip-compressed for clients that accept it.
- Versions and cache validators (api/http/validators.py): X-LTKG-Version on every answer; ETag,
  Cache-Control and 304 for /api/*, /sparql and /download/*.
- CORS for the origins in LTKG_CORS_ORIGINS (comma-separated; `*`, any, by default: the data are public
  and read-only; empty turns CORS off): GET, HEAD and POST (a SPARQL query), preflights answered, the
  headers a client sends (If-None-Match too), and the answers' own headers exposed.
- An exception no handler knows becomes a 500 application/problem+json (never a bare text page).
- A request HTTP itself cannot read (say `Content-Length: abc`) never reaches the app: uvicorn's h11
  protocol answers it, and ProblemH11Protocol makes that answer a problem+json 400 as well.
"""
from __future__ import annotations

import logging

import h11
from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from api.http import problems, validators
from graph.settings import Settings

log = logging.getLogger("ltkg.api")

EXPOSED_HEADERS = ["X-LTKG-Truncated", "X-LTKG-Max-Rows", "Retry-After", "Content-Disposition", "Link"]


class _TooLarge(Exception):
    pass


class RequestLimits:
    """413 for a body over max_bytes, 414 for a request target over max_bytes (pure ASGI)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope.get("path", "").encode()
        query = scope.get("query_string", b"")
        target = len(path) + (1 + len(query) if query else 0)
        if target > self.max_bytes:
            await self._refuse(scope, receive, send, 414, f"the URL is {target} bytes long; at most {self.max_bytes} "
                                                         "are accepted (send a long query by POST)", "uri-too-long")
            return
        headers = scope.get("headers", ())
        if not any(name in (b"content-length", b"transfer-encoding") for name, _ in headers):
            await self.app(scope, receive, send)  # no body to count (a GET, say)
            return
        for name, value in headers:
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await self._refuse(scope, receive, send, 400, "the Content-Length header is not a number",
                                       "bad-request")
                    return
                if length > self.max_bytes:
                    await self._refuse(scope, receive, send, 413, self._too_large(), "request-too-large")
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send, 413, self._too_large(), "request-too-large")

    def _too_large(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes"

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str, kind: str) -> None:
        await problems.response(status, detail, kind, headers={"Connection": "close"})(scope, receive, send)


class HeadAsGet:
    """HEAD runs the GET route and sends its status and headers (Content-Length included) without the
    body, as HTTP asks of every GET resource (RFC 9110, 9.3.2); FastAPI routes answer GET only."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def install(app: FastAPI, settings: Settings) -> None:
    """Wire the middleware (the last added wraps the others: CORS around the rest, so refusals carry it;
    HEAD around all, so its headers are those of the GET answer as sent, compressed or not)."""
    app.add_middleware(RequestLimits, max_bytes=settings.max_request_bytes)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(validators.Validators, build_dir_of=lambda: settings.current)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                           allow_headers=["Content-Type", "Accept", "Accept-Language", "Accept-Encoding",
                                          "If-None-Match"],
                           expose_headers=EXPOSED_HEADERS + validators.EXPOSED, max_age=600)
    app.add_middleware(HeadAsGet)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problems.response(500, f"an unexpected error ({type(error).__name__}); it has been logged",
                                 "internal-error")


class ProblemH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering a request it cannot parse with application/problem+json."""

    def send_400_response(self, msg: str) -> None:
        body = problems.response(400, "the HTTP request is malformed (its request line or a header such as "
                                      "Content-Length cannot be read)").body
        headers = [(b"content-type", problems.MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"), h11.Data(data=body),
                      h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()
