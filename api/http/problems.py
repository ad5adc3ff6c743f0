"""Errors as RFC 9457 problem details (application/problem+json): type, title, status, detail.

install(app) answers every error of the app so; responses(...) documents them on a route, with the
schema SCHEMA (added to the OpenAPI document as components/schemas/Problem by api/rest/openapi.py).
"""
from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.queries import ParamError
from api.store.contract import QuerySyntaxError, QueryTimeout, StoreError, StoreUnavailable
from graph.ns import BASE

MEDIA_TYPE = "application/problem+json"
PROBLEM = BASE + "problem/"


class Problem(Exception):
    def __init__(self, status: int, detail: str, kind: str | None = None, headers: dict | None = None, **extra):
        self.status = status
        self.detail = detail
        self.kind = kind or _kind(status)
        self.headers = headers
        self.extra = extra
        super().__init__(detail)


class Moved(Exception):
    """A retired id's successor is at `location` (301 Moved Permanently; api/http/retired.py)."""

    def __init__(self, location: str):
        self.location = location
        super().__init__(location)


def response(status: int, detail: str, kind: str | None = None, headers: dict | None = None,
             **extra) -> JSONResponse:
    body = {"type": PROBLEM + (kind or _kind(status)), "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _kind(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def not_found(what: str, ident: str) -> Problem:
    return Problem(404, f"no {what} with id {ident!r}", "not-found")


# -- OpenAPI ------------------------------------------------------------------------------------------
class ProblemBody(BaseModel):
    """An error, as RFC 9457 problem details. A bad parameter names the `parameter`; an unknown id given to a
    filter lists the valid ids in `choices`."""
    model_config = ConfigDict(title="Problem", json_schema_extra={"examples": [
        {"type": PROBLEM + "not-found", "title": "Not Found", "status": 404,
         "detail": "no action with id 'langer-thuis-9.9'"}]})
    type: str = Field(description=f"{PROBLEM}KIND, e.g. {PROBLEM}not-found")
    title: str = Field(description="the HTTP status phrase")
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="what went wrong, for a person")
    parameter: str | None = Field(None, description="the request parameter at fault, if one is")
    choices: list[str] | None = Field(None, description="the values the parameter may take (an unknown id given "
                                                        "to a filter: the known ids of its kind)")


SCHEMA = ProblemBody.model_json_schema()
SCHEMA_REF = "#/components/schemas/Problem"
WHEN = {  # status: when a route answers it
    400: "a malformed request, e.g. an unknown ?format=",
    403: "a SPARQL update: the endpoint is read-only",
    404: "no such entity or resource",
    406: "none of the media types in Accept can be had",
    410: "the id named an entity that has been removed (graph/data/retired-ids.yaml)",
    413: "the request is larger than LTKG_MAX_REQUEST_BYTES (or a reconciliation batch larger than its batchSize)",
    414: "the URL is longer than LTKG_MAX_REQUEST_BYTES",
    415: "a request body of a media type the route does not read",
    422: "an unknown, repeated or ill-typed parameter",
    503: "the store is unavailable (no build yet; a remote endpoint down) or the query took longer than "
         "LTKG_QUERY_TIMEOUT",
}


def responses(*statuses: int, html: tuple[int, ...] = ()) -> dict[int, dict]:
    """`responses=` of a route that may answer these statuses: each a problem (application/problem+json);
    those in `html` also as an HTML page, which a browser gets (Accept: text/html)."""
    out = {}
    for status in statuses:
        content = {MEDIA_TYPE: {"schema": {"$ref": SCHEMA_REF}}}
        if status in html:
            content["text/html"] = {"schema": {"type": "string"}}
        out[status] = {"description": f"{HTTPStatus(status).phrase}: {WHEN[status]}", "content": content}
    return out


def view_error(request: Request, status: int, detail: str, parameter: str | None = None,
               choices: list[str] | None = None):
    """A view's refusal for a browser: the error page in the site's frame, naming the valid choices of the
    parameter, each a link to the same view with that value (tools get problem+json instead)."""
    from api.http import frame  # the frame renders pages and raises Problem: imported when needed

    links = []
    for choice in choices or []:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != parameter] + [(parameter, choice)]
        links.append((choice, request.url.path + "?" + urlencode(query)))
    dropped = [(k, v) for k, v in request.query_params.multi_items() if k != parameter]
    without = request.url.path + ("?" + urlencode(dropped) if dropped else "")
    return frame.page("view-error.html", status_code=status, title="Not found" if status == 404 else "Bad request",
                      detail=detail, parameter=parameter, links=links, without=without)


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, error: Problem):
        return response(error.status, error.detail, error.kind, error.headers, **error.extra)

    @app.exception_handler(Moved)
    async def _moved(request: Request, error: Moved):
        return RedirectResponse(error.location, status_code=301)

    @app.exception_handler(ParamError)
    async def _param(request: Request, error: ParamError):
        if request.url.path.startswith("/viz/"):  # a view's address typed into a browser: the site's own page
            from api.http.negotiation import prefers_html
            if prefers_html(request):
                return view_error(request, 422, str(error), error.name, error.choices)
        extra = {"choices": error.choices} if error.choices is not None else {}
        return response(422, str(error), "invalid-parameter", parameter=error.name, **extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError):
        details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in error.errors()]
        return response(422, "; ".join(details) or "invalid request", "invalid-parameter")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        if error.status_code == 404 and detail == "Not Found":
            detail = f"no such resource: {request.url.path}"
        return response(error.status_code, detail, headers=getattr(error, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, error: StoreError):
        if isinstance(error, QuerySyntaxError):
            return response(400, str(error), "malformed-query")
        if isinstance(error, QueryTimeout):
            return response(503, str(error), "query-timeout")
        if isinstance(error, StoreUnavailable):
            return response(503, str(error), "store-unavailable")
        return response(500, str(error))
