"""The FastAPI application: create_app(settings) wires the store, the routes and the problem handlers."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import linked_data, problems, rest, rest_landscape, sparql, viz
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
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="Langer Thuis knowledge graph",
        version="0.1.0",
        description="Dutch elderly-care policy (Langer Thuis and successors), every fact cited to a source line. "
                    "REST routes run named SPARQL queries (api/queries/*.rq); /sparql takes any read-only query.",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    app.state.response_cache = ResponseCache()
    problems.install(app)
    app.include_router(rest.router)
    app.include_router(rest_landscape.router)  # regulations, regions, themes, white spots, coverage, lineage
    app.include_router(sparql.router)
    app.include_router(viz.router)
    app.include_router(linked_data.router)  # /id, /doc, /def, /sources, /dataset, /.well-known/void, /download
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "Accept"])

    @app.get("/", include_in_schema=False)
    def index() -> dict:
        return {
            "name": app.title,
            "store": app.state.store.describe(),
            "routes": ["/api/programmes", "/api/programmes/{id}", "/api/actors?q=", "/api/actors/{id}",
                       "/api/actions?programme=&actionLine=&goal=&lead=&partner=&q=&limit=&offset=",
                       "/api/actions/{id}", "/sparql", "/viz/who-owns-what", "/docs"],
        }

    return app
