"""GET /api: what the REST API is, and which build it answers from (its version, content hash and size)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from api.http import problems
from api.http.version import build_version
from api.rest import models
from api.rest.routing import only

def install(router: APIRouter) -> None:
    """GET on the router's own prefix (/api): a route of an included router cannot have an empty path."""
    router.get("", response_model=models.ApiIndex, summary="The API and the version of the build it answers from",
               tags=["REST"], responses=problems.responses(422))(index)


def index(request: Request) -> dict:
    only(request)
    found = build_version(request)
    routes = [path for path in request.app.openapi()["paths"] if path.startswith("/api/")]
    return {"version": found.version if found else None, "sha256": found.sha256 if found else None,
            "built": found.built if found else None, "quads": found.quads if found else None,
            "openapi": "/openapi.json", "docs": "/docs", "routes": routes}
