"""/sparql: the SPARQL 1.1 Protocol (query operation), read-only, with a service description.

Requests:
- GET ?query=…, POST application/x-www-form-urlencoded (query=…), POST application/sparql-query
  (the query as the body, UTF-8); `default-graph-uri` and `named-graph-uri` (any number) set the
  RDF dataset, as the protocol says (they override FROM / FROM NAMED). Without them, or a FROM in
  the query, the default graph is the RDF merge of all named graphs (sd:UnionDefaultGraph): each
  triple once, however many sources state it (api/sparql/pool.py). Relative IRIs resolve against the graph's
  base, graph.ns.BASE (LTKG_BASE_IRI; a BASE in the query overrides it).
- GET /sparql without a query: the SPARQL Service Description (Turtle, N-Triples, RDF/XML or
  JSON-LD by Accept or `format`; Turtle by default), or an HTML form for a browser.

Answers, by Accept (with q-values; 406 when nothing offered is acceptable), or by the `format`
parameter that other servers take (json, xml, csv, tsv, turtle, ntriples, rdfxml, jsonld, or a media
type), which overrides Accept:
- SELECT: application/sparql-results+json (default), application/sparql-results+xml, text/csv,
  text/tab-separated-values, application/json; ASK: the JSON and XML results formats;
- CONSTRUCT, DESCRIBE: text/turtle (default), application/n-triples, application/rdf+xml,
  application/ld+json;
- the older names clients still send: application/xml (the XML results format; RDF/XML for a graph)
  and text/plain (N-Triples), answered under the name asked for.

Refusals, all application/problem+json:
- 403 read-only: SPARQL Update in any form (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE,
  ADD, WITH…, the `update` field, application/sparql-update);
- 403 federation-disabled: a SERVICE clause (found by parsing, so not inside strings or IRIs);
  the server never makes a request to another server on a client's behalf;
- 400 malformed-query (with the parser's message and position), query-error, too-deep (groups
  nested more than 64 levels), too-complex (more than 2000 links of chains: operators, separators,
  UNION, OPTIONAL, …; found by the lexer, before any parser could overflow its stack on them),
  unsupported-parameter / invalid-parameter (bad dataset IRIs, an unknown `format`); 400 for a
  request that is not UTF-8; 415 for another content type;
- 413 a body over LTKG_MAX_REQUEST_BYTES, 414 a URL over it (api.middleware);
- 429 too-many-queries: the client (its address) has LTKG_SPARQL_CLIENT_QUERIES queries in flight
  already; answered at once, with Retry-After;
- 503 query-timeout: the query ran past LTKG_QUERY_TIMEOUT seconds; its worker process was killed
  (api/sparql/pool.py), so nothing of it keeps running (no Retry-After: the same query would time out
  again); 503 busy (no worker came free; Retry-After); 503 query-aborted (the query took its worker
  down, e.g. its memory limit); 503 store-unavailable.

Results beyond LTKG_MAX_ROWS rows (or triples; 100 000 by default, more than the whole graph) are
cut: the answer holds the first LTKG_MAX_ROWS and says so in the header `X-LTKG-Truncated: only the
first N results`, and in the body where the format has room: a `link` to this endpoint in the head
of SPARQL JSON and XML results, a closing comment in Turtle, N-Triples and RDF/XML (CSV, TSV and
JSON-LD have the header only). Every answer carries `X-LTKG-Max-Rows: N`.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from api.http.accept import best_match
from api.http.problems import MEDIA_TYPE, Problem
from api.sparql import prefix_hint, results
from api.sparql.pool import Sandbox
from api.sparql.query_page import PREFIXES, query_page
from api.sparql.worker import SERVICE_REFUSED, Answer, Job, serialised
from api.store import query_text
from api.store.contract import QuerySyntaxError, QueryTimeout, Store, StoreError
from api.store.embedded import EmbeddedStore
from api.store.remote import RemoteStore
from graph.ns import BASE

router = APIRouter(tags=["SPARQL"])

# Queries for a remote endpoint (an HTTP call with a timeout) or another kind of store wait here,
# apart from the REST routes' threads.
_THREADS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="sparql")

_UPDATE = ("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ...) "
           "is not accepted; the graph changes only through `ltkg build`")
_HTML = "text/html"
_DESCRIPTION_TYPES = [results.TURTLE, results.N_TRIPLES, results.RDF_XML, results.JSON_LD, _HTML]
_PROBLEMS = {str(status): {"description": what, "content": {MEDIA_TYPE: {}}} for status, what in [
    (400, "a malformed query or request"), (403, "an update or a SERVICE clause"),
    (406, "no acceptable format"), (413, "the body is too large"), (414, "the URL is too long"),
    (415, "another content type"), (429, "this client has too many queries running (Retry-After)"),
    (503, "time limit, busy, or store unavailable")]}
_ANSWERS = {"200": {"description": "query results, or the service description without a query", "content": {
    media: {} for media in [results.SPARQL_JSON, results.SPARQL_XML, results.CSV, results.TSV,
                            results.TURTLE, results.N_TRIPLES, results.RDF_XML, results.JSON_LD]}}, **_PROBLEMS}
_QUERY_PARAMETERS = [
    {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE); without it, the service description"},
    {"name": "default-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "a graph of the default graph (instead of the union of all graphs)"},
    {"name": "named-graph-uri", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "a graph that GRAPH may reach (instead of all)"},
    {"name": "format", "in": "query", "required": False,
     "schema": {"type": "string", "examples": ["json", "xml", "csv", "tsv", "turtle", "ntriples", "rdfxml", "jsonld"]},
     "description": "the answer's format, instead of Accept: " + ", ".join(results.FORMATS)
                    + " (json and xml are the results formats for SELECT and ASK, JSON-LD and RDF/XML for a "
                      "graph), or a media type; 400 for another name, 406 for a format the query's result cannot have"},
]


# -- routes -------------------------------------------------------------------------------------------
@router.get("/sparql", summary="SPARQL 1.1 query (GET ?query=), or the service description without a query",
            openapi_extra={"parameters": _QUERY_PARAMETERS, "responses": _ANSWERS})
async def sparql_get(request: Request) -> Response:
    params = _url_params(request)
    if not any(name in ("query", "update") for name, _ in params):
        return service_description(request, params)
    if _browser(request, params):  # a shared link opened in a browser: the query page, holding the query
        return query_page()
    return await _answer(request, params)


def _browser(request: Request, params: list[tuple[str, str]]) -> bool:
    """Whether a GET with a query is a browser opening a link to it (a top-level navigation, as its
    Sec-Fetch-Dest says, asking for HTML and no `format`): it gets the page. Any other client, whatever its
    Accept, gets the results."""
    return (request.headers.get("sec-fetch-dest") == "document" and "text/html" in request.headers.get("accept", "")
            and not any(name == "format" for name, _ in params))


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)",
             openapi_extra={"parameters": _QUERY_PARAMETERS[1:], "responses": _ANSWERS, "requestBody": {
                 "required": True, "content": {
                     "application/sparql-query": {"schema": {"type": "string"}},
                     "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                         "query": {"type": "string"},
                         "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                         "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                         "format": {"type": "string"}}}}}}})
async def sparql_post(request: Request) -> Response:
    limit = request.app.state.settings.max_request_bytes
    body = await request.body()
    if len(body) > limit:
        raise Problem(413, f"the request body is larger than {limit} bytes", "request-too-large")
    media, parameters = _content_type(request.headers.get("content-type", ""))
    charset = parameters.get("charset", "utf-8").lower()
    if media == "application/sparql-update":
        raise Problem(403, _UPDATE, "read-only")
    if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise Problem(415, "send the query as application/sparql-query or as a form field `query` "
                           "(application/x-www-form-urlencoded)", "unsupported-media-type")
    if charset not in ("utf-8", "utf8", "us-ascii"):
        raise Problem(415, f"the query must be UTF-8, not {charset}", "unsupported-media-type")
    params = _url_params(request)
    if media == "application/x-www-form-urlencoded":
        params = params + _form(_text(body))
    else:
        if any(name in ("query", "update") for name, _ in params):
            raise Problem(400, "with application/sparql-query the query is the body, not a URL parameter",
                          "malformed-query")
        params = params + [("query", _text(body))]
    return await _answer(request, params)


# -- the request ---------------------------------------------------------------------------------------
def _content_type(header: str) -> tuple[str, dict[str, str]]:
    media, *rest = header.split(";")
    parameters = {}
    for part in rest:
        key, _, value = part.partition("=")
        parameters[key.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), parameters


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem(400, f"the request is not UTF-8 (byte {error.start})", "malformed-query") from None


def _form(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise Problem(400, "a parameter is not UTF-8 once percent-decoded", "malformed-query") from None
    except ValueError as error:
        raise Problem(400, f"malformed parameters: {error}", "malformed-query") from None


def _url_params(request: Request) -> list[tuple[str, str]]:
    """The URL's parameters, strictly UTF-8 (Starlette's would replace bad bytes silently)."""
    return _form(request.scope.get("query_string", b"").decode("latin-1"))


def _format(params: list[tuple[str, str]], graph: bool, offers: list[str] | None) -> str | None:
    """The media type the `format` parameter asks for (it overrides Accept), or None without one."""
    values = [value for name, value in params if name == "format" and value.strip()]
    if not values:
        return None
    if len(values) > 1:
        raise Problem(400, "give at most one `format`", "invalid-parameter", parameter="format")
    media = results.named_format(values[0], graph)
    if media is None and values[0].strip().lower() not in results.FORMATS:
        raise Problem(400, f"unknown format {values[0][:100]!r}; give one of {', '.join(results.FORMATS)} or a "
                           "media type", "invalid-parameter", parameter="format")
    if media is None or (offers and media not in offers):
        kind = "a graph (CONSTRUCT, DESCRIBE)" if graph else "solutions or a boolean (SELECT, ASK)"
        raise Problem(406, f"format {values[0][:100]!r} does not fit {kind}; it can be had as "
                           f"{', '.join(offers or [])}", "not-acceptable", parameter="format")
    return media


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[str, ...] | None:
    values = [value.strip() for key, value in params if key == name and value.strip()]
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError:
            raise Problem(400, f"{name} must be an absolute IRI, not {value[:200]!r}", "invalid-parameter",
                          parameter=name) from None
    return tuple(values) if values else None


async def _answer(request: Request, params: list[tuple[str, str]]) -> Response:
    names = [name for name, _ in params]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise Problem(403, _UPDATE, "read-only")
    queries = [value for name, value in params if name == "query"]
    if len(queries) != 1:
        raise Problem(400, "give exactly one `query` parameter" if queries else "no `query` given", "malformed-query")
    text = queries[0]
    if not text.strip():
        raise Problem(400, "the query is empty", "malformed-query")
    outline = query_text.outline(text)
    if outline.update:
        raise Problem(403, _UPDATE, "read-only")
    if outline.depth > query_text.MAX_NESTING:
        raise Problem(400, f"the query nests groups, brackets or parentheses more than {query_text.MAX_NESTING} "
                           "levels deep, the most accepted", "too-deep")
    if outline.links > query_text.MAX_LINKS:
        raise Problem(400, f"the query chains more than {query_text.MAX_LINKS} operators, separators (. ; ,) and "
                           "UNION, OPTIONAL, MINUS, FILTER, BIND or IN keywords; split it, or use VALUES for long "
                           "lists of terms", "too-complex")
    settings = request.app.state.settings
    form = outline.form
    offers = (results.SOLUTION_TYPES if form == "SELECT" else results.BOOLEAN_TYPES if form == "ASK"
              else results.GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else None)
    accept = _format(params, form in ("CONSTRUCT", "DESCRIBE"), offers) or request.headers.get("accept")
    media = best_match(accept, offers) if offers else None
    if offers and media is None:
        raise Problem(406, f"a {form} query's result can be had as {', '.join(offers)}", "not-acceptable")
    endpoint = str(request.url.replace(query="", fragment=""))
    job = Job(text, accept, settings.max_rows, _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri"),
              base_iri=BASE, union=not outline.dataset_clause, about=endpoint,
              client=request.client.host if request.client else "")
    cache, version = request.app.state.response_cache, request.app.state.store.version()
    key = ("sparql", text, media, job.default_graphs, job.named_graphs, endpoint)
    body = cache.get(version, key) if media else None
    if body is not None:
        return _respond(Answer(200, media, body), settings.max_rows)
    sandbox = _sandbox(request.app)
    if sandbox is not None:
        answer = await sandbox.run(job, settings.query_timeout, request.is_disconnected)
    else:
        store = request.app.state.store
        answer = await asyncio.wrap_future(_THREADS.submit(_in_process, store, job, settings.query_timeout))
    if answer.status == 200 and answer.media == media and not answer.truncated and not answer.headers:
        cache.put(version, key, answer.body)  # the same query gives the same answer until the next build
    return _respond(answer, settings.max_rows, text)


def _respond(answer: Answer, max_rows: int, query: str = "") -> Response:
    if answer.status == 499:  # the client went away: nobody reads this
        return Response(status_code=499)
    if answer.status >= 400:
        found = prefix_hint.hint(query, answer.detail or "", PREFIXES) if answer.kind == "malformed-query" else None
        detail, extra = found or (answer.detail or "", {})
        raise Problem(answer.status, detail, answer.kind, headers=dict(answer.headers) or None, **extra)
    headers = {"Vary": "Accept", "X-LTKG-Max-Rows": str(max_rows), **dict(answer.headers)}
    if answer.truncated:
        headers["X-LTKG-Truncated"] = f"only the first {max_rows} results"
    media = answer.media or "application/octet-stream"
    content_type = media if media in (results.SPARQL_JSON, "application/json", results.JSON_LD) \
        else f"{media}; charset=utf-8"
    return Response(answer.body, media_type=content_type, headers=headers)


# -- where queries run -----------------------------------------------------------------------------
def _sandbox(app: FastAPI) -> Sandbox | None:
    """The app's pool of query workers, for an embedded store; None for any other store."""
    store = app.state.store
    if not isinstance(store, EmbeddedStore):
        return None
    current = getattr(app.state, "sparql_sandbox", None)
    if current is not None and current.store_path == store.path:
        return current
    if current is not None:
        current.close()
    # each worker copies into memory only a small store
    app.state.sparql_sandbox = Sandbox(store.path, app.state.settings)
    return app.state.sparql_sandbox


def start_workers(app: FastAPI) -> None:
    """Start the query workers now (at startup), rather than at the first query."""
    sandbox = _sandbox(app)
    if sandbox is not None:
        sandbox.start()


def stop_workers(app: FastAPI) -> None:
    sandbox = getattr(app.state, "sparql_sandbox", None)
    if sandbox is not None:
        sandbox.close()
        app.state.sparql_sandbox = None


def _in_process(store: Store, job: Job, timeout: float) -> Answer:
    """A job for a remote endpoint (an HTTP call with a timeout) or another store. Bytes come out:
    nothing of pyoxigraph leaves this thread (its iterators must be dropped where they were made)."""
    if query_text.uses_service(job.query):
        return Answer(403, kind="federation-disabled", detail=SERVICE_REFUSED)
    dataset = {}
    if isinstance(store, RemoteStore):  # the protocol's dataset parameters, passed on
        dataset = {"default_graphs": job.default_graphs or (), "named_graphs": job.named_graphs or ()}
    elif job.default_graphs or job.named_graphs:
        return Answer(400, kind="unsupported-parameter",
                      detail="default-graph-uri and named-graph-uri are not supported by this store; use GRAPH")
    try:
        value = store.query(job.query, max_rows=job.max_rows, timeout=timeout, **dataset)
    except StoreError as error:
        status, kind = ((400, "malformed-query") if isinstance(error, QuerySyntaxError)
                        else (503, "query-timeout") if isinstance(error, QueryTimeout) else (503, "store-unavailable"))
        return Answer(status, kind=kind, detail=str(error))
    return serialised(value, job.accept, job.about)


# -- the service description --------------------------------------------------------------------------
def service_description(request: Request, params: list[tuple[str, str]] = ()) -> Response:
    media = _format(params, True, _DESCRIPTION_TYPES[:-1]) or best_match(request.headers.get("accept"),
                                                                               _DESCRIPTION_TYPES)
    if media is None:
        raise Problem(406, f"the service description can be had as {', '.join(_DESCRIPTION_TYPES)}",
                      "not-acceptable")
    if media == _HTML:
        return query_page()
    settings = request.app.state.settings
    endpoint = str(request.url.replace(query="", fragment=""))
    root = str(request.base_url)
    sandbox = _sandbox(request.app)
    turtle = _DESCRIPTION.format(endpoint=endpoint, root=root, base=BASE, timeout=f"{settings.query_timeout:g}",
                                 rows=settings.max_rows, bytes=settings.max_request_bytes,
                                 per_client=sandbox.per_client if sandbox else "any number of")
    graph = ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)
    body = ox.serialize([quad.triple for quad in graph], format={
        results.TURTLE: ox.RdfFormat.TURTLE, results.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
        results.RDF_XML: ox.RdfFormat.RDF_XML, results.JSON_LD: ox.RdfFormat.JSON_LD}[media], prefixes=_SD_PREFIXES)
    content_type = media if media == results.JSON_LD else f"{media}; charset=utf-8"
    return Response(body, media_type=content_type, headers={"Vary": "Accept"})


_SD_PREFIXES = {"sd": "http://www.w3.org/ns/sparql-service-description#", "formats": "http://www.w3.org/ns/formats/",
                "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "void": "http://rdfs.org/ns/void#"}
_DESCRIPTION = """
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix void: <http://rdfs.org/ns/void#> .

<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
    formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:RDF_XML, formats:JSON-LD ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
  sd:defaultDataset <{endpoint}#dataset> ;
  dcterms:title "Langer Thuis knowledge graph: SPARQL 1.1 query endpoint"@en ;
  rdfs:comment \"\"\"Read-only: SPARQL Update is refused (403). Federation is off: a query with SERVICE is refused (403). \
Each query may run {timeout} s (then 503, and it is stopped); answers hold at most {rows} rows or triples (the header \
X-LTKG-Truncated says when more were cut, and so does the body where its format allows); requests may be at most \
{bytes} bytes (413 for a body, 414 for a URL). One client (address) may have {per_client} queries in flight (then 429 \
with Retry-After). The default graph is the RDF merge of all graphs; relative IRIs resolve against \
{base}. default-graph-uri and named-graph-uri are applied.\"\"\"@en ;
  rdfs:seeAlso <{root}dataset> .

<{endpoint}#dataset> a sd:Dataset ;
  sd:defaultGraph <{endpoint}#default-graph> ;
  rdfs:seeAlso <{root}.well-known/void> .

<{endpoint}#default-graph> a sd:Graph ;
  rdfs:comment "The union of all named graphs; each named graph is a citation or an editorial assertion, and GRAPH ?g reaches it."@en .
"""
