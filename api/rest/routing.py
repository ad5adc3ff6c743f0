"""What the route modules share: running a named query for a request, its parameters and paging,
and how a route documents them in OpenAPI.

A list route takes its query's parameters (declared in the .rq header) plus `limit` (default 50, at
most 1000) and `offset`; a detail route takes none. A parameter the route does not know, or one given
twice, is a ParamError (422 as application/problem+json, see api/http/problems.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from api import queries
from api.http.cache import cached_json, cached_json_async
from api.http.problems import not_found
from api.queries import ParamError
from api.rest.shapes import Entity, by_subject, group, total
from api.store.contract import Solutions, Term
from graph.ns import ID

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
PAGING = ("limit", "offset")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9.\-]*$"


# -- running a named query ----------------------------------------------------------------------------
def run(request: Request, name: str, values: dict[str, str] | None = None) -> Solutions:
    """The solutions of the named query (api/queries/NAME.rq) for the values, within the query timeout."""
    return queries.run(request.app.state.store, queries.load(name), values or {},
                       timeout=request.app.state.settings.query_timeout)


async def lookup(request: Request, name: str, param: str, ident: str, what: str) -> Solutions:
    """The rows of a query bound to one entity's id; 404 if the id is malformed or matches nothing.

    For a detail route, which runs on the event loop (`async def`): the query runs in a worker thread
    and its answer, one entity's rows, is read on the loop (api.queries.answer)."""
    try:
        rows = await queries.answer(request.app.state.store, queries.load(name), {param: ident},
                                    timeout=request.app.state.settings.query_timeout)
    except ParamError:
        raise not_found(what, ident) from None
    if not rows.rows:
        raise not_found(what, ident)
    return rows


Items = Callable[[Solutions], list[dict]]  # a query's rows -> the route's items


def labelled(subject: str, shape: Callable[[Entity], dict]) -> Items:
    """Items of a query whose rows are named by ?part (api.rest.shapes.group): the shaped entities that have
    a label, as other parts may carry the bound id of an entity that does not exist."""
    return lambda rows: [shape(entity) for entity in group(rows, subject) if entity.parts.get("label")]


def per_subject(subject: str, shape: Callable[[Term, list[dict]], dict]) -> Items:
    """Items of a query with a row per fact: each ?{subject} shaped from its rows."""
    return lambda rows: [shape(node, node_rows) for node, node_rows in by_subject(rows, subject).items()]


def listing(request: Request, name: str, subject: str, items: Items, key: Callable[[dict], object],
            model: type[BaseModel], check: Callable[[Solutions], None] | None = None) -> Response:
    """A list route: {items, total, limit, offset}, sorted by key, cached until the next build.

    A query that pages itself (`#+ page`, counting its matches in ?total) is paged in SPARQL, and its
    items are put in the query's own order by `key` (rows come unordered); any other is run whole and
    paged here. check(rows) may refuse the request first. The answer is made through `model` (a Page).
    """
    def compute() -> dict:
        values = query_values(request, name, subject)
        query = queries.load(name)
        if not query.paged:
            rows = run(request, name, values)
            if check is not None:
                check(rows)
            return page(request, sorted(items(rows), key=key))
        limit, offset = paging(request)
        rows = queries.run(request.app.state.store, query, values, page=(limit or 1, offset),  # 0: just the count
                           timeout=request.app.state.settings.query_timeout)
        found = sorted(items(rows), key=key) if limit else []
        return {"items": found, "total": total(rows) or 0, "limit": limit, "offset": offset}
    return cached_json(request, compute, model)


async def detail(request: Request, name: str, subject: str, ident: str, what: str, items: Items,
                 model: type[BaseModel]) -> Response:
    """A detail route: the query bound to one entity's id, its one item; 404 if there is none. Cached."""
    only(request)

    async def compute() -> dict:
        found = items(await lookup(request, name, subject, ident, what))
        if not found:
            raise not_found(what, ident)
        return found[0]
    return await cached_json_async(request, compute, model)


# -- parameters ---------------------------------------------------------------------------------------
def query_values(request: Request, name: str, id_param: str | None = None) -> dict[str, str]:
    """The request's values for a list route's query: its parameters except the entity's own id.

    `limit` and `offset` are left to page(); any other name the query does not declare is a ParamError.
    """
    allowed = [p.name for p in queries.load(name).params if p.name != id_param]
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in PAGING:
            continue
        if key not in allowed:
            raise ParamError(key, f"unknown parameter {key!r} (known: {', '.join(allowed + list(PAGING))})")
        if key in values:
            raise ParamError(key, f"give {key} once")
        values[key] = value
    check_ids(request, name, values)
    return values


CHOICES_SHOWN = 40


def check_ids(request: Request, name: str, values: dict[str, str]) -> None:
    """A ParamError (422) for a filter naming an id that no entity of its kind has, with the parameter
    and the valid choices (known-ids.rq): every filter answers an unknown id alike."""
    for param in queries.load(name).params:
        raw = values.get(param.name, "").strip()
        if not param.kind or not raw:
            continue
        term = param.coerce(raw)  # a malformed id is refused here already
        prefix = f"{ID}{param.kind}/"
        if run(request, "known-ids", {"prefix": prefix, "entity": term.value}).rows:
            continue
        known = [str(row["entity"].value)[len(prefix):] for row in run(request, "known-ids", {"prefix": prefix}).rows
                 if row.get("entity") is not None]
        shown = ", ".join(known[:CHOICES_SHOWN]) + (f", … ({len(known)} in all)" if len(known) > CHOICES_SHOWN else "")
        raise ParamError(param.name, f"unknown {param.kind} {raw!r} for {param.name} (known: {shown or 'none'})",
                         choices=known)


def only(request: Request, allowed: Iterable[str] = ()) -> None:
    """A ParamError for any parameter besides the allowed ones (none, for a detail route)."""
    allowed = tuple(allowed)
    for key in request.query_params:
        if key not in allowed:
            if not allowed:
                raise ParamError(key, f"unknown parameter {key!r}: this route takes none")
            raise ParamError(key, f"unknown parameter {key!r} (known: {', '.join(allowed)})")


def natural(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    """A whole-number parameter (given at most once), or its default."""
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


def paging(request: Request) -> tuple[int, int]:
    """(limit, offset) of the request."""
    return natural(request, "limit", DEFAULT_LIMIT, MAX_LIMIT), natural(request, "offset", 0)


def page(request: Request, items: list[dict]) -> dict:
    """{items, total, limit, offset}: the requested page of all the items."""
    limit, offset = paging(request)
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


# -- OpenAPI ------------------------------------------------------------------------------------------
def paging_parameters() -> list[dict]:
    return [
        {"name": "limit", "in": "query", "required": False, "description": f"at most {MAX_LIMIT}",
         "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}},
        {"name": "offset", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 0, "default": 0}},
    ]


def parameters(name: str | None, exclude: tuple[str, ...] = (), paged: bool = True,
               extra: Iterable[dict] = ()) -> dict:
    """openapi_extra of a route: the parameters of its query (read from the .rq header), paging if
    paged, and any extra ones."""
    found = [p.openapi() for p in queries.load(name).params if p.name not in exclude] if name else []
    found += list(extra)
    if paged:
        found += paging_parameters()
    return {"parameters": found}


def format_parameter(formats: dict[str, str], offers: Iterable[str]) -> dict:
    """The `?format=` parameter of a route that negotiates among the offered media types."""
    names = [name for name, media in formats.items() if media in offers]
    return {"name": "format", "in": "query", "required": False,
            "description": "the media type, for clients that cannot set Accept: "
                           + ", ".join(f"{name} ({formats[name]})" for name in names),
            "schema": {"type": "string", "enum": names}}


def answers(*media_types: str, description: str = "the answer") -> dict:
    """A `responses=` entry of a route that answers in these media types (text, or JSON for */json and
    */*+json), its example added by api/rest/openapi.py."""
    def schema(media: str) -> dict:
        return {} if media.endswith(("/json", "+json")) else {"type": "string"}
    return {"description": description, "content": {media: {"schema": schema(media)} for media in media_types}}
