"""REST routes under /api: each handler runs one named query (api/queries/*.rq) and shapes its rows.

Lists answer {items, total} and take `limit` (default 50, at most 1000) and `offset`; the query's
own parameters are declared in its .rq header. Unknown ids answer 404, bad parameters 422, both as
application/problem+json. Answers are cached per URL until the store changes (a new build).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import queries
from api.cache import cached_json
from api.problems import MEDIA_TYPE, not_found
from api.queries import ParamError, QueryFile
from api.shapes import (action_json, action_key, actor_detail_json, actor_json, by_subject, group, natural_key,
                        programme_json, total)
from api.store import Solutions, Term

router = APIRouter(prefix="/api", tags=["REST"])

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
_PAGING = ("limit", "offset")
_PROBLEM = {"content": {MEDIA_TYPE: {}}, "description": "a problem"}


# -- running a named query --------------------------------------------------------------------------
def _values(request: Request, query: QueryFile, id_param: str) -> dict[str, str]:
    """The request's values for a list route's query: its parameters except the entity's own id."""
    allowed = [p.name for p in query.params if p.name != id_param]
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name in _PAGING:
            continue
        if name not in allowed:
            raise ParamError(name, f"unknown parameter {name!r} (known: {', '.join(allowed + list(_PAGING))})")
        if name in values:
            raise ParamError(name, f"give {name} once")
        values[name] = value
    return values


def _run(request: Request, name: str, values: dict[str, str]) -> Solutions:
    return queries.run(request.app.state.store, queries.load(name), values,
                       timeout=request.app.state.settings.query_timeout)


def _page(request: Request, items: list[dict]) -> dict:
    limit = _natural(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _natural(request, "offset", 0, None)
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


def _natural(request: Request, name: str, default: int, maximum: int | None) -> int:
    given = request.query_params.getlist(name)
    if not given:
        return default
    if len(given) > 1:
        raise ParamError(name, f"give {name} once")
    if not re.fullmatch(r"\d{1,9}", given[0].strip()):
        raise ParamError(name, f"{name} must be a whole number of 0 or more, not {given[0]!r}")
    value = int(given[0])
    if maximum is not None and value > maximum:
        raise ParamError(name, f"{name} must be at most {maximum}")
    return value


def _lookup(request: Request, name: str, param: str, ident: str, what: str) -> Solutions:
    """The rows of a query for one entity; 404 if the id is malformed or unknown."""
    try:
        rows = _run(request, name, {param: ident})
    except ParamError:
        raise not_found(what, ident) from None
    if not rows.rows:
        raise not_found(what, ident)
    return rows


def _openapi(name: str, exclude: tuple[str, ...] = (), paging: bool = True) -> dict:
    """OpenAPI parameters of a route, read from its query's header."""
    query = queries.load(name)
    params = [p.openapi() for p in query.params if p.name not in exclude]
    if paging:
        params += [
            {"name": "limit", "in": "query", "required": False, "description": f"at most {MAX_LIMIT}",
             "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
            {"name": "offset", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 0, "default": 0}},
        ]
    return {"parameters": params, "responses": {"404": _PROBLEM, "422": _PROBLEM}}


# -- routes -------------------------------------------------------------------------------------------
def _list(request: Request, name: str, subject: str, shape: Callable[[Term, list[dict]], dict],
          key: Callable[[dict], object]) -> Response:
    """A list route over a query that pages in SPARQL (`#+ page`) and counts its matches (?total).

    The query orders the page; `key` puts its items in that same order (rows come unordered).
    """
    def compute() -> dict:
        values = _values(request, queries.load(name), subject)
        limit = _natural(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _natural(request, "offset", 0, None)
        if limit == 0:  # just the count: a page of one, thrown away
            rows = queries.run(request.app.state.store, queries.load(name), values, page=(1, offset),
                               timeout=request.app.state.settings.query_timeout)
            return {"items": [], "total": total(rows) or 0, "limit": 0, "offset": offset}
        rows = queries.run(request.app.state.store, queries.load(name), values, page=(limit, offset),
                           timeout=request.app.state.settings.query_timeout)
        items = sorted((shape(node, node_rows) for node, node_rows in by_subject(rows, subject).items()), key=key)
        return {"items": items, "total": total(rows) or 0, "limit": limit, "offset": offset}
    return cached_json(request, compute)


def _detail(request: Request, name: str, subject: str, ident: str, what: str,
            shape: Callable[[Term, list[dict]], dict]) -> Response:
    """A detail route: the query bound to one entity's id; 404 if there is no such entity."""
    for param in request.query_params:
        raise ParamError(param, f"unknown parameter {param!r}: this route takes none")

    def compute() -> dict:
        [(node, rows)] = by_subject(_lookup(request, name, subject, ident, what), subject).items()
        return shape(node, rows)
    return cached_json(request, compute)


def _by_iri(item: dict) -> str:
    return item["iri"]


@router.get("/programmes", summary="Programmes with signatories, action lines and goals",
            openapi_extra=_openapi("programmes", exclude=("programme",)))
def list_programmes(request: Request) -> Response:
    def compute() -> dict:
        values = _values(request, queries.load("programmes"), "programme")
        items = [programme_json(e) for e in group(_run(request, "programmes", values), "programme")]
        return _page(request, sorted(items, key=lambda item: natural_key(item["id"])))
    return cached_json(request, compute)


@router.get("/programmes/{id}", summary="One programme", openapi_extra=_openapi("programmes", ("programme",), False))
def get_programme(request: Request, id: str) -> Response:
    return _detail(request, "programmes", "programme", id, "programme",
                   lambda node, rows: programme_json(group(Solutions([], rows), "programme")[0]))


@router.get("/actors", summary="Parties, optionally filtered by name", openapi_extra=_openapi("actors"))
def list_actors(request: Request) -> Response:
    return _list(request, "actors", "actor", actor_json, _by_iri)


@router.get("/actors/{id}", summary="One party and the actions it leads, partners in, or is responsible for",
            openapi_extra=_openapi("actor", ("actor",), False))
def get_actor(request: Request, id: str) -> Response:
    return _detail(request, "actor", "actor", id, "party", actor_detail_json)


@router.get("/actions", summary="Actions, filtered by programme, action line, goal, party or text",
            openapi_extra=_openapi("actions"))
def list_actions(request: Request) -> Response:
    return _list(request, "actions", "action", action_json, action_key)


@router.get("/actions/{id}", summary="One action with its parties, milestone and sources",
            openapi_extra=_openapi("action", ("action",), False))
def get_action(request: Request, id: str) -> Response:
    return _detail(request, "action", "action", id, "action", action_json)
