"""The OpenAPI document (/openapi.json) and the pages that show it, without internet access.

/docs (Swagger UI) and /redoc (ReDoc) are pages of the site's frame (api/web/templates/api-docs.html) that
load their scripts and styles from this server, under /static/docs/: the files ship in the fastapi-offline
package (Swagger UI 5, ReDoc 2). The pages link nothing outside the server (Swagger UI's online validator is
switched off; ReDoc gets no web fonts).

The document is FastAPI's, finished by finish():
  - the problem schema (api/http/problems.py) as components/schemas/Problem, the schema of every
    application/problem+json answer; FastAPI's own 422 (HTTPValidationError) is replaced by it, as
    the app answers validation errors as problems too;
  - an example for every operation (api/rest/examples.py), true of the real build.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.http import problems
from api.http import frame
from api.rest.examples import EXAMPLES, Example

STATIC = Path(fastapi_offline.__file__).parent / "static"
ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "redoc.standalone.js": "text/javascript", "favicon.png": "image/png"}
ASSET_PATH = "/static/docs/"

router = APIRouter(include_in_schema=False)


# -- the pages ----------------------------------------------------------------------------------------
def _docs_page(request: Request, viewer: str) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return frame.page("api-docs.html", title="API documentation", active="api", wide=True, viewer=viewer,
                      openapi_url=root + request.app.openapi_url, assets=root + ASSET_PATH)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    return _docs_page(request, "swagger")


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return _docs_page(request, "redoc")


# An image a documentation script would load from another host (ReDoc's sidebar logo) gets no address: the
# browser then requests nothing, and ReDoc drops the image (its onError handler).
_REMOTE_IMAGE = re.compile(rb'src:"https?://[^"]*"')
_SCRIPTS = {name for name, media in ASSETS.items() if media == "text/javascript"}


@functools.cache
def _offline(name: str) -> bytes:
    return _REMOTE_IMAGE.sub(b'src:""', (STATIC / name).read_bytes())


@router.get(ASSET_PATH + "{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise problems.Problem(404, f"no documentation asset {name!r}", "not-found")
    headers = {"Cache-Control": "public, max-age=86400"}
    if name in _SCRIPTS:
        return Response(_offline(name), media_type=ASSETS[name], headers=headers)
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=headers)


def install(app: FastAPI) -> None:
    """Serve /docs and /redoc from local files, and /openapi.json finished as above."""
    app.include_router(router)

    def openapi() -> dict:
        if app.openapi_schema is None:
            finish(FastAPI.openapi(app))  # FastAPI's document, kept in app.openapi_schema
        return app.openapi_schema

    app.openapi = openapi


# -- the document -------------------------------------------------------------------------------------
_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")


def finish(document: dict) -> dict:
    """The document with the problem schema, every error as a problem, and the examples."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = problems.SCHEMA
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
                if ref.rpartition("/")[2] in _VALIDATION_SCHEMAS:
                    response.clear()
                    response.update(problems.responses(int(status))[int(status)])
                problem = response.get("content", {}).get(problems.MEDIA_TYPE)
                if problem is not None and not problem.get("schema"):
                    problem["schema"] = {"$ref": problems.SCHEMA_REF}
            example = EXAMPLES.get((method, path))
            if example is not None:
                _add_example(operation, example)
    for name in _VALIDATION_SCHEMAS:  # HTTPValidationError first: it refers to ValidationError
        if f'"#/components/schemas/{name}"' not in json.dumps(document):
            schemas.pop(name, None)
    return document


def _add_example(operation: dict, example: Example) -> None:
    for param in operation.get("parameters", []):
        if param["name"] in example.parameters:
            param["example"] = example.parameters[param["name"]]
    response = operation.setdefault("responses", {}).setdefault(str(example.status), {"description": "the answer"})
    for media, body in example.answers.items():
        response.setdefault("content", {}).setdefault(media, {})["example"] = body
    for name, value in example.headers.items():
        response.setdefault("headers", {}).setdefault(name, {"schema": {"type": "string"}})["example"] = value
    for media, body in example.request.items():
        operation.setdefault("requestBody", {}).setdefault("content", {}).setdefault(media, {})["example"] = body
