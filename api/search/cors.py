"""CORS on every answer of /reconcile, errors included, and its preflight: the Reconciliation API requires it,
so that a tool running in a browser (OpenRefine's, or any page) may call the service from another origin.
The rest of the app keeps its own CORS settings (LTKG_CORS_ORIGINS, api/http/middleware.py)."""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/reconcile"
METHODS = "GET, POST, OPTIONS"


class ReconcileCORS:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            asked = dict(scope["headers"]).get(b"access-control-request-headers", b"content-type").decode("latin-1")
            await Response(status_code=204, headers={
                "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": METHODS,
                "Access-Control-Allow-Headers": asked, "Access-Control-Max-Age": "86400"})(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Access-Control-Allow-Origin"] = "*"
            await send(message)

        await self.app(scope, receive, send_with_cors)
