"""Answers of the REST routes and the network page, kept until the store changes (a new build).

The data are read-only between builds, so an answer depends only on its URL and the build. The
embedded store's version is the identity of its directory, which a build replaces; a remote store
has no version, and nothing is cached for it.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel


class ResponseCache:
    """Bodies by key, dropped when the store's version changes; least recently used ones first beyond
    max_bytes in all (0: keep nothing)."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024):
        self.max_bytes = max_bytes
        self._version: object = None
        self._bodies: OrderedDict[tuple, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: object, key: tuple) -> bytes | None:
        with self._lock:
            if version is None or version != self._version:
                return None
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, version: object, key: tuple, body: bytes) -> None:
        if version is None or len(body) > self.max_bytes:
            return
        with self._lock:
            if version != self._version:
                self._bodies.clear()
                self._bytes = 0
                self._version = version
            old = self._bodies.pop(key, None)
            self._bytes += len(body) - (len(old) if old is not None else 0)
            self._bodies[key] = body
            while self._bytes > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._bodies)

    @property
    def bytes(self) -> int:
        return self._bytes


def cached_json(request: Request, compute: Callable[[], dict], model: type[BaseModel] | None = None) -> Response:
    """The JSON answer to the request, computed once per URL and build; made through `model` (the route's
    response model) when given, so the answer has the documented shape or the route fails."""
    return Response(cached(request, lambda: _json(compute(), model)), media_type="application/json")


async def cached_json_async(request: Request, compute: Callable[[], Awaitable[dict]],
                            model: type[BaseModel] | None = None) -> Response:
    """cached_json for a route on the event loop, whose compute() awaits its query."""
    cache, version, key = _place(request)
    body = cache.get(version, key)
    if body is None:
        body = _json(await compute(), model)
        cache.put(version, key, body)
    return Response(body, media_type="application/json")


def cached(request: Request, compute: Callable[[], bytes], key: tuple | None = None) -> bytes:
    """compute(), or the bytes it gave for the same URL (or `key`, for an answer that does not depend on
    all of the URL) since the store last changed."""
    cache, version, url_key = _place(request)
    key = key or url_key
    body = cache.get(version, key)
    if body is None:
        body = compute()
        cache.put(version, key, body)
    return body


def _place(request: Request) -> tuple[ResponseCache, object, tuple]:
    """The cache, the store's version and the request's key in it."""
    return (request.app.state.response_cache, request.app.state.store.version(),
            (request.scope["path"], request.scope["query_string"]))  # as sent: cheaper than parsing it


def _json(value: dict, model: type[BaseModel] | None = None) -> bytes:
    if model is not None:
        value = model.model_validate(value).model_dump(mode="json", by_alias=True)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
