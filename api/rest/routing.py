"""What the route modules share: running a named query for a request, its parameters and paging,
and how a route documents them in OpenAPI.

A list route takes its query's parameters (declared in the .rq header; one given several times takes any of
its values where the query allows it, api.queries.Multi) plus `limit` (default 50, at most 1000) and
`offset`, and a listing() route `ids` and `sort`; a detail route takes none. A parameter the route does not
know, or one given twice that takes one value, is a ParamError (422 as application/problem+json, see
api/http/problems.py). Every answer is made through the route's response model (api/rest/models.py); a list
answers CSV too (api/rest/tables.py) and links its next and previous pages.
"""
from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Iterable

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from api import queries
from api.http import retired
from api.http.cache import cached, cached_json, cached_json_async
from api.http.problems import not_found
from api.queries import ParamError
from api.rest import tables
from api.rest.shapes import Entity, by_subject, group, natural_key, total
from api.store.contract import Solutions, Term
from graph.ns import ID

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 10**9  # an offset past any list; the SPARQL engine reads it as a 64-bit number
PAGING = ("limit", "offset")
LISTING = PAGING + ("ids", "sort")  # what every list route over one query takes besides the query's parameters
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
        raise missing(request, name, param, ident, what)
    return rows


def missing(request: Request, name: str, param: str, ident: str, what: str) -> Exception:
    """Why an id names nothing: 301 to the successor of a retired id, 410 for a removed one, else 404."""
    retired.check(request, queries.load(name).param(param).kind, ident, retired.in_path(request, ident))
    return not_found(what, ident)


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
    """A list route: {items, total, limit, offset}, sorted by key (or `sort=`), cached until the next build.

    A query that pages itself (`#+ page`, counting its matches in ?total) is paged in SPARQL, and its
    items are put in the query's own order by `key` (rows come unordered), unless `ids=` or `sort=` asks for
    its items whole; any other is run whole and paged here. check(rows) may refuse the request first. The
    answer is made through `model` (a Page).
    """
    def compute() -> dict:
        values = query_values(request, name, subject, LISTING)
        wanted, order = ids_param(request), sort_param(request, model)
        query = queries.load(name)
        if not query.paged or wanted or order:
            rows = run(request, name, values)
            if check is not None:
                check(rows)
            found = sorted(items(rows), key=key)
            if wanted:
                found = [item for item in found if item["id"] in wanted]
            for field, descending in reversed(order):
                found.sort(key=lambda item: _sort_key(item[field]), reverse=descending)
            return page(request, found)
        limit, offset = paging(request)
        rows = queries.run(request.app.state.store, query, values, page=(limit or 1, offset),  # 0: just the count
                           timeout=request.app.state.settings.query_timeout)
        found = sorted(items(rows), key=key) if limit else []
        return {"items": found, "total": total(rows) or 0, "limit": limit, "offset": offset}
    return paged(request, compute, model)


def ids_param(request: Request) -> set[str]:
    """The ids of `ids=` (repeated, or separated by commas): a bulk lookup."""
    return {one.strip() for given in request.query_params.getlist("ids") for one in given.split(",") if one.strip()}


def sortable(model: type[BaseModel]) -> list[str]:
    """The keys a list's items may be sorted by: those of the item's model that hold a string or a number."""
    item = typing.get_args(model.model_fields["items"].annotation)[0]
    plain = {str, int, float, bool, type(None)}
    return [name for name, field in item.model_fields.items()
            if set(typing.get_args(field.annotation) or (field.annotation,)) <= plain]


def sort_param(request: Request, model: type[BaseModel]) -> list[tuple[str, bool]]:
    """[(key, descending)] of `sort=` (comma-separated keys, `-` before a key for descending order)."""
    given = request.query_params.getlist("sort")
    if len(given) > 1:
        raise ParamError("sort", "give sort once (keys separated by commas)")
    allowed = sortable(model)
    order = []
    for part in (given[0].split(",") if given else []):
        field = part.strip().removeprefix("-")
        if field not in allowed:
            raise ParamError("sort", f"cannot sort by {field!r} (known: {', '.join(allowed)})", choices=allowed)
        order.append((field, part.strip().startswith("-")))
    return order


def _sort_key(value: object) -> tuple:
    """Nulls last either way round; text case-insensitively and by natural order ('1.4' before '1.11')."""
    if value is None:
        return (1,)
    return (0, natural_key(value.casefold()) if isinstance(value, str) else value)


_PAGE = re.compile(rb'"total":(\d+),"limit":(\d+),"offset":(\d+)')


def paged(request: Request, compute: Callable[[], dict], model: type[BaseModel]) -> Response:
    """A list route's answer (a Page made by compute(), cached), with a `Link` header to the next and the
    previous page where there is one (RFC 8288)."""
    response = cached_json(request, compute, model)
    found = _PAGE.search(response.body)
    if tables.media(request, model) == tables.CSV:
        json_body = response.body
        response = Response(cached(request, lambda: tables.csv_body(model, json.loads(json_body)),
                                   key=(request.scope["path"], request.scope["query_string"], tables.CSV)),
                            media_type="text/csv; charset=utf-8")
    if found is not None:
        count, limit, offset = (int(n) for n in found.groups())
        links = []
        if limit and offset + limit < count:
            links.append(f'<{request.url.include_query_params(offset=offset + limit)}>; rel="next"')
        if offset and limit:
            links.append(f'<{request.url.include_query_params(offset=max(offset - limit, 0))}>; rel="prev"')
        if links:
            response.headers["Link"] = ", ".join(links)
    return response


async def detail(request: Request, name: str, subject: str, ident: str, what: str, items: Items,
                 model: type[BaseModel]) -> Response:
    """A detail route: the query bound to one entity's id, its one item; 404 if there is none. Cached."""
    only(request)

    async def compute() -> dict:
        found = items(await lookup(request, name, subject, ident, what))
        if not found:
            raise missing(request, name, subject, ident, what)
        return found[0]
    return await cached_json_async(request, compute, model)


# -- parameters ---------------------------------------------------------------------------------------
def query_values(request: Request, name: str, id_param: str | None = None,
                 others: tuple[str, ...] = PAGING) -> dict[str, str | list[str]]:
    """The request's values for a list route's query: its parameters except the entity's own id.

    `limit` and `offset` are left to page(); any other name the query does not declare is a ParamError. A
    parameter given several times is a list (any of the values; api.queries.Multi), where the query allows it.
    """
    query = queries.load(name)
    allowed = [p.name for p in query.params if p.name != id_param]
    values: dict[str, str | list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key in others:
            continue
        if key not in allowed:
            raise ParamError(key, f"unknown parameter {key!r} (known: {', '.join(allowed + list(others))})")
        if key in values:
            if not query.repeatable(key):
                raise ParamError(key, f"give {key} once")
            values[key] = [*(values[key] if isinstance(values[key], list) else [values[key]]), value]
        else:
            values[key] = value
    check_ids(request, name, values)
    return values


CHOICES_SHOWN = 40


def check_ids(request: Request, name: str, values: dict[str, str]) -> None:
    """A ParamError (422) for a filter naming an id that no entity of its kind has, with the parameter
    and the valid choices (known-ids.rq): every filter answers an unknown id alike."""
    for param in queries.load(name).params:
        given = values.get(param.name, "")
        for raw in (given if isinstance(given, list) else [given]):
            check_id(request, param, raw.strip())


def check_id(request: Request, param: queries.Param, raw: str) -> None:
    """check_ids for one value of one parameter."""
    if param.kind and raw:
        term = param.coerce(raw)  # a malformed id is refused here already
        prefix = f"{ID}{param.kind}/"
        if run(request, "known-ids", {"prefix": prefix, "entity": term.value}).rows:
            return
        retired.check(request, param.kind, raw, retired.in_query(request, param.name, raw))
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
    if not re.fullmatch(r"\d+", given[0].strip()):
        raise ParamError(name, f"{name} must be a whole number of 0 or more, not {given[0]!r}")
    value = int(given[0].strip()[:30])  # more digits than that are over any maximum all the same
    if maximum is not None and value > maximum:
        raise ParamError(name, f"{name} must be at most {maximum}, not {given[0].strip()[:30]}")
    if value > MAX_OFFSET:
        raise ParamError(name, f"{name} must be at most {MAX_OFFSET}")
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
         "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}},
    ]


def parameters(name: str | None, exclude: tuple[str, ...] = (), paged: bool = True,
               extra: Iterable[dict] = (), listing: type[BaseModel] | None = None) -> dict:
    """openapi_extra of a route: the parameters of its query (read from the .rq header; those a list may
    repeat as arrays), paging if paged, any extra ones, and for a listing() route answering that Page model,
    `ids` and `sort`."""
    query = queries.load(name) if name else None
    found = []
    for param in (query.params if query else ()):
        if param.name in exclude:
            continue
        described = param.openapi()
        if listing is not None and query.repeatable(param.name):
            described.update(schema={"type": "array", "items": described["schema"]}, style="form", explode=True,
                             description=described["description"] + " (repeat it for any of several)")
        found.append(described)
    found += list(extra)
    if listing is not None:
        keys = sortable(listing)
        found += [{"name": "ids", "in": "query", "required": False, "style": "form", "explode": False,
                   "description": "only the items with these ids (comma-separated, or the parameter repeated); "
                                  "ids not found are left out",
                   "schema": {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}},
                  {"name": "sort", "in": "query", "required": False,
                   "description": "the keys to sort by, comma-separated, each with `-` before it for descending "
                                  f"order (nulls last): {', '.join(keys)}",
                   "schema": {"type": "string", "pattern": rf"^-?({'|'.join(keys)})(,-?({'|'.join(keys)}))*$"}}]
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
