"""The FastAPI application: create_app(settings) wires the rooms of api/ together, and does nothing else.

    store/        where queries run (embedded pyoxigraph or a remote SPARQL endpoint)
    queries/      the named queries (*.rq) and their loader
    http/         what every route shares: problems, content negotiation, the answer cache, middleware, the frame
    rest/         the REST lookups under /api, with /openapi.json, /docs and /redoc
    sparql/       the SPARQL 1.1 protocol at /sparql, its worker pool and the query page
    search/       the search index of the build: /api/search, /search, /reconcile (Reconciliation API 0.2)
    linked_data/  /id, /doc, /def, /sources, /dataset, /.well-known/void, /download
    web/          the HTML views: /, /viz/..., /ontology, /assets/
"""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import linked_data, rest, search, web
from api.http import middleware, problems
from api.http.cache import ResponseCache
from api.rest import openapi
from api.sparql import endpoint as sparql
from api.store import open_store
from graph.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        warm = getattr(app.state.store, "warm", None)
        if warm:
            warm()  # open the store before the first request rather than during it
        sparql.start_workers(app)  # /sparql's query worker processes (api/sparql/pool.py)
        yield
        sparql.stop_workers(app)

    app = FastAPI(
        lifespan=lifespan,
        title="Langer Thuis knowledge graph",
        version="0.1.0",
        docs_url=None, redoc_url=None,  # served by api/rest/openapi.py from local files
        description="Dutch elderly-care policy (Langer Thuis and successors), every fact cited to a source line. "
                    "REST routes run named SPARQL queries (api/queries/*.rq); /sparql takes any read-only query.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    app.state.response_cache = ResponseCache(settings.answer_cache_mb * 1024 * 1024)
    problems.install(app)
    openapi.install(app)  # /openapi.json with examples; /docs and /redoc without a CDN
    app.include_router(rest.router)  # /api/...
    app.include_router(sparql.router)
    app.include_router(linked_data.router)  # /id, /doc, /def, /sources, /dataset, /.well-known/void, /download
    search.install(app)  # /api/search, /search, /reconcile (with CORS)
    web.install(app)  # the HTML pages: /, /viz/..., /ontology, /assets/
    middleware.install(app, settings)  # request size limits (413/414), gzip, CORS, problem+json for any error

    return app

