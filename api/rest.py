"""REST routes under /api: each handler runs one named query (api/queries/*.rq) and shapes its rows.

Lists answer {items, total} and take `limit` (default 50, at most 1000) and `offset`; the query's
own parameters are declared in its .rq header. Unknown ids answer 404, bad parameters 422, both as
application/problem+json. Answers are cached per URL until the store changes (a new build).
"""
from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import problems, queries
from api.cache import cached_json, cached_json_async
from api.routing import lookup, only, page, paging, parameters, query_values, run
from api.shapes import (action_json, action_key, actor_detail_json, actor_json, by_subject, group, natural_key,
                        programme_json, total)
from api.store import Solutions, Term

router = APIRouter(prefix="/api", tags=["REST"])

LIST_PROBLEMS = problems.responses(422, 503)
DETAIL_PROBLEMS = problems.responses(404, 422, 503)


def _list(request: Request, name: str, subject: str, shape: Callable[[Term, list[dict]], dict],
          key: Callable[[dict], object]) -> Response:
    """A list route over a query that pages in SPARQL (`#+ page`) and counts its matches (?total).

    The query orders the page; `key` puts its items in that same order (rows come unordered).
    """
    def compute() -> dict:
        values = query_values(request, name, subject)
        limit, offset = paging(request)
        if limit == 0:  # just the count: a page of one, thrown away
            rows = queries.run(request.app.state.store, queries.load(name), values, page=(1, offset),
                               timeout=request.app.state.settings.query_timeout)
            return {"items": [], "total": total(rows) or 0, "limit": 0, "offset": offset}
        rows = queries.run(request.app.state.store, queries.load(name), values, page=(limit, offset),
                           timeout=request.app.state.settings.query_timeout)
        items = sorted((shape(node, node_rows) for node, node_rows in by_subject(rows, subject).items()), key=key)
        return {"items": items, "total": total(rows) or 0, "limit": limit, "offset": offset}
    return cached_json(request, compute)


async def _detail(request: Request, name: str, subject: str, ident: str, what: str,
                  shape: Callable[[Term, list[dict]], dict]) -> Response:
    """A detail route: the query bound to one entity's id; 404 if there is no such entity."""
    only(request)

    async def compute() -> dict:
        [(node, rows)] = by_subject(await lookup(request, name, subject, ident, what), subject).items()
        return shape(node, rows)
    return await cached_json_async(request, compute)


def _by_iri(item: dict) -> str:
    return item["iri"]


@router.get("/programmes", summary="Programmes with signatories, action lines and goals",
            openapi_extra=parameters("programmes", exclude=("programme",)), responses=LIST_PROBLEMS)
def list_programmes(request: Request) -> Response:
    def compute() -> dict:
        values = query_values(request, "programmes", "programme")
        items = [programme_json(e) for e in group(run(request, "programmes", values), "programme")]
        return page(request, sorted(items, key=lambda item: natural_key(item["id"])))
    return cached_json(request, compute)


@router.get("/programmes/{id}", summary="One programme",
            openapi_extra=parameters("programmes", ("programme",), False), responses=DETAIL_PROBLEMS)
async def get_programme(request: Request, id: str) -> Response:
    return await _detail(request, "programmes", "programme", id, "programme",
                         lambda node, rows: programme_json(group(Solutions([], rows), "programme")[0]))


@router.get("/actors", summary="Parties, optionally filtered by name",
            openapi_extra=parameters("actors"), responses=LIST_PROBLEMS)
def list_actors(request: Request) -> Response:
    return _list(request, "actors", "actor", actor_json, _by_iri)


@router.get("/actors/{id}", summary="One party and the actions it leads, partners in, or is responsible for",
            openapi_extra=parameters("actor", ("actor",), False), responses=DETAIL_PROBLEMS)
async def get_actor(request: Request, id: str) -> Response:
    return await _detail(request, "actor", "actor", id, "party", actor_detail_json)


@router.get("/actions", summary="Actions, filtered by programme, action line, goal, party or text",
            openapi_extra=parameters("actions"), responses=LIST_PROBLEMS)
def list_actions(request: Request) -> Response:
    return _list(request, "actions", "action", action_json, action_key)


@router.get("/actions/{id}", summary="One action with its parties, milestone and sources",
            openapi_extra=parameters("action", ("action",), False), responses=DETAIL_PROBLEMS)
async def get_action(request: Request, id: str) -> Response:
    return await _detail(request, "action", "action", id, "action", action_json)
