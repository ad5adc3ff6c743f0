"""GET/POST /sparql: the SPARQL 1.1 query protocol, read-only.

Queries come as GET ?query=, as a POST form (application/x-www-form-urlencoded) or as a POST body
(application/sparql-query). SELECT and ASK answer application/sparql-results+json (or XML, CSV, TSV
on request); CONSTRUCT and DESCRIBE answer text/turtle (or N-Triples, RDF/XML, JSON-LD). Updates
are refused with 403, malformed queries with 400 and the parser's message.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api import results, sparql_text
from api.problems import Problem
from api.store import Boolean, Solutions, Store, Triples

router = APIRouter(tags=["SPARQL"])

# Queries from the public endpoint run here, apart from the REST routes, so a slow one cannot starve them.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

_FORM = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPARQL</title></head>
<body><h1>SPARQL query endpoint</h1><p>Read-only. The default graph is the union of all graphs;
<code>GRAPH ?g</code> finds the citation behind a fact.</p>
<form method="post" action="sparql"><textarea name="query" rows="14" cols="100">PREFIX ltkg: &lt;https://ltkg.example.org/def/&gt;
PREFIX skos: &lt;http://www.w3.org/2004/02/skos/core#&gt;
SELECT ?action ?title WHERE { ?action a ltkg:Action ; skos:prefLabel ?title } LIMIT 20</textarea>
<p><button type="submit">Run</button></p></form></body></html>"""

_UPDATE = ("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ...) "
           "is not accepted; the graph changes only through `ltkg build`")


@router.get("/sparql", summary="SPARQL 1.1 query (GET ?query=)")
async def sparql_get(request: Request) -> Response:
    params = request.query_params.multi_items()
    if len(request.url.query.encode()) > request.app.state.settings.max_request_bytes:
        raise Problem(413, "the query is too long", "request-too-large")
    if not any(name == "query" for name, _ in params) and not any(name == "update" for name, _ in params):
        if "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(_FORM)
    return await _answer(request, params)


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    limit = request.app.state.settings.max_request_bytes
    body = await request.body()
    if len(body) > limit:
        raise Problem(413, f"the request body is larger than {limit} bytes", "request-too-large")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = request.query_params.multi_items()
    if media == "application/x-www-form-urlencoded":
        params = params + parse_qsl(_text(body), keep_blank_values=True)
    elif media == "application/sparql-query":
        params = params + [("query", _text(body))]
    elif media == "application/sparql-update":
        raise Problem(403, _UPDATE, "read-only")
    else:
        raise Problem(415, "send the query as application/sparql-query or as a form field `query` "
                           "(application/x-www-form-urlencoded)", "unsupported-media-type")
    return await _answer(request, params)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, "the request is not UTF-8", "malformed-query") from None


async def _answer(request: Request, params: list[tuple[str, str]]) -> Response:
    names = [name for name, _ in params]
    if "update" in names:
        raise Problem(403, _UPDATE, "read-only")
    queries = [value for name, value in params if name == "query"]
    if len(queries) != 1:
        raise Problem(400, "give exactly one `query` parameter" if queries else "no `query` given", "malformed-query")
    if any(name in ("default-graph-uri", "named-graph-uri") and value for name, value in params):
        raise Problem(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                           "union of all graphs; use GRAPH in the query", "unsupported-parameter")
    text = queries[0]
    if not text.strip():
        raise Problem(400, "the query is empty", "malformed-query")
    if sparql_text.is_update(text):
        raise Problem(403, _UPDATE, "read-only")
    settings = request.app.state.settings
    store: Store = request.app.state.store
    loop = asyncio.get_running_loop()
    job = loop.run_in_executor(_POOL, lambda: store.query(text, max_rows=settings.max_rows,
                                                           timeout=settings.query_timeout))
    try:
        result = await asyncio.wait_for(job, timeout=settings.query_timeout + 1)
    except asyncio.TimeoutError:
        raise Problem(503, f"the query took longer than {settings.query_timeout} s", "query-timeout") from None
    return _respond(result, request.headers.get("accept"), settings.max_rows)


def _respond(result: Solutions | Boolean | Triples, accept: str | None, max_rows: int) -> Response:
    offers = (results.GRAPH_TYPES if isinstance(result, Triples)
              else results.BOOLEAN_TYPES if isinstance(result, Boolean) else results.SOLUTION_TYPES)
    media = results.negotiate(accept, offers)
    if media is None:
        raise Problem(406, f"this result can be had as {', '.join(offers)}", "not-acceptable")
    headers = {"Vary": "Accept"}
    if getattr(result, "truncated", False):
        headers["X-LTKG-Truncated"] = f"only the first {max_rows} results"
    content_type = media if media in (results.SPARQL_JSON, "application/json", results.JSON_LD) \
        else f"{media}; charset=utf-8"
    return Response(results.serialize(result, media), media_type=content_type, headers=headers)
