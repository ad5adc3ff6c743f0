"""The answer cache: bodies by URL until the next build, within a memory budget."""
from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from api.http.cache import ResponseCache
from graph.settings import Settings


def test_keeps_bodies_until_the_version_changes():
    cache = ResponseCache(max_bytes=100)
    cache.put("build-1", ("a",), b"x" * 10)
    assert cache.get("build-1", ("a",)) == b"x" * 10
    assert cache.get("build-2", ("a",)) is None  # a new build: nothing of the old one is answered
    cache.put("build-2", ("b",), b"y")
    assert cache.get("build-1", ("a",)) is None and len(cache) == 1 and cache.bytes == 1


def test_drops_the_least_recently_used_beyond_its_budget():
    cache = ResponseCache(max_bytes=30)
    for key in "abc":
        cache.put(1, (key,), b"." * 10)
    assert cache.get(1, ("a",)) is not None  # a is used again: b is now the oldest
    cache.put(1, ("d",), b"." * 10)
    assert cache.get(1, ("b",)) is None and all(cache.get(1, (k,)) for k in "acd")
    assert cache.bytes == 30
    cache.put(1, ("a",), b"." * 5)  # replaced, not counted twice
    assert cache.bytes == 25 and len(cache) == 3


def test_keeps_nothing_too_large_nothing_without_a_version_and_nothing_at_zero():
    cache = ResponseCache(max_bytes=10)
    cache.put(1, ("big",), b"." * 11)
    cache.put(None, ("remote",), b".")
    assert len(cache) == 0
    off = ResponseCache(max_bytes=0)
    off.put(1, ("a",), b".")
    assert off.get(1, ("a",)) is None


def test_the_budget_is_a_setting(build_dir, monkeypatch):
    monkeypatch.setenv("LTKG_ANSWER_CACHE_MB", "3")
    assert Settings(build_dir=build_dir).answer_cache_mb == 3
    app = create_app(Settings(build_dir=build_dir))
    assert app.state.response_cache.max_bytes == 3 * 1024 * 1024
    with TestClient(app) as client:
        first = client.get("/api/actors/vws")
        assert client.get("/api/actors/vws").content == first.content
    assert app.state.response_cache.bytes >= len(first.content)
