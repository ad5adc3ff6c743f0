"""The FastAPI application: create_app(settings) wires the store, the routes and the problem handlers."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import landscape, linked_data, metrics, middleware, openapi, problems, rest, sparql, web
from api.cache import ResponseCache
from api.store import open_store
from ltkg import settings as ltkg_settings
from ltkg.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or ltkg_settings.settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        warm = getattr(app.state.store, "warm", None)
        if warm:
            warm()  # open the store before the first request rather than during it
        sparql.start_workers(app)  # /sparql's query worker processes (api.sandbox)
        yield
        sparql.stop_workers(app)

    app = FastAPI(
        lifespan=lifespan,
        title="Langer Thuis knowledge graph",
        version="0.1.0",
        docs_url=None, redoc_url=None,  # served by api/openapi.py from local files
        description="Dutch elderly-care policy (Langer Thuis and successors), every fact cited to a source line. "
                    "REST routes run named SPARQL queries (api/queries/*.rq); /sparql takes any read-only query.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    app.state.response_cache = ResponseCache(settings.answer_cache_mb * 1024 * 1024)
    problems.install(app)
    openapi.install(app)  # /openapi.json with examples; /docs and /redoc without a CDN
    app.include_router(rest.router)
    app.include_router(landscape.router)  # regulations, regions, themes, coverage, white spots, lineage
    app.include_router(metrics.router)  # /api/metrics/parties (networkx)
    app.include_router(sparql.router)
    app.include_router(linked_data.router)  # /id, /doc, /def, /sources, /dataset, /.well-known/void, /download
    web.install(app)  # the HTML pages: /, /viz/..., /assets/ (api/web/)
    middleware.install(app, settings)  # request size limits (413/414), gzip, CORS, problem+json for any error

    return app


def server_options(settings: Settings) -> dict:
    """How uvicorn serves the app (`ltkg serve`, the tests' live servers and the benchmark alike).

    HTTP is parsed by h11, not httptools: httptools buffers a request line of any length (tried: 300 MB),
    h11 stops at h11_max_incomplete_event_size, set here so that a long URL still reaches the app, which
    answers 414 with a problem body; a request h11 cannot parse gets a problem+json 400 (api.middleware).
    The event loop is uvloop when installed (a dependency).
    """
    return {"http": middleware.ProblemH11Protocol, "h11_max_incomplete_event_size": settings.max_request_bytes + 16_384}

