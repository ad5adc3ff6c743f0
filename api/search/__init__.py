"""Search: one index per build (graph/search_index.py) for people and tools.

    engine.py     searching the index: entities by any name, passages by their words, suggestions, lookups
    index.py      the index of the build being served, one read-only connection per thread
    routes.py     /api/search, /api/search/suggest and the /search page
    reconcile.py  /reconcile: the W3C Reconciliation Service API 0.2 (manifest, queries, suggest, preview, extend)
    cors.py       CORS on every /reconcile answer, as that API requires
"""
from __future__ import annotations

import sqlite3

from fastapi import APIRouter, FastAPI, Request

from api.http import problems
from api.search import reconcile, routes
from api.search.cors import ReconcileCORS

router = APIRouter()
router.include_router(routes.router)
router.include_router(reconcile.router)


def install(app: FastAPI) -> None:
    """The routes, CORS on /reconcile, and a 503 for a search SQLite stopped at its time limit."""
    app.include_router(router)
    app.add_middleware(ReconcileCORS)

    @app.exception_handler(sqlite3.OperationalError)
    async def _interrupted(request: Request, error: sqlite3.OperationalError):
        return problems.response(503, f"the search took too long and was stopped ({error})", "search-timeout")
