"""Errors as RFC 9457 problem details (application/problem+json): type, title, status, detail."""
from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.queries import ParamError
from api.store import QuerySyntaxError, QueryTimeout, StoreError, StoreUnavailable
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


def response(status: int, detail: str, kind: str | None = None, headers: dict | None = None,
             **extra) -> JSONResponse:
    body = {"type": PROBLEM + (kind or _kind(status)), "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _kind(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def not_found(what: str, ident: str) -> Problem:
    return Problem(404, f"no {what} with id {ident!r}", "not-found")


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, error: Problem):
        return response(error.status, error.detail, error.kind, error.headers, **error.extra)

    @app.exception_handler(ParamError)
    async def _param(request: Request, error: ParamError):
        return response(422, str(error), "invalid-parameter", parameter=error.name)

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
