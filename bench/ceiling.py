"""The ceiling: a minimal FastAPI app over raw pyoxigraph, answering the REST routes' lookups.

Each route runs the same named query as our service (api/queries/*.rq, read as files), with the same
parameter bound by pyoxigraph substitution, and answers pyoxigraph's own SPARQL JSON serialisation of
the rows: no shaping, no caching, no problem details. POST/GET /sparql runs any query the same way.
What our service adds on top of this (parameter checks, grouping rows into JSON documents, caching,
content negotiation) is what the benchmark weighs.

    python -m bench.ceiling --store build/current/store --port 8100 [--memory auto|yes|no]

The store is opened read-only (the on-disk store our service is handed) and, like our service does
for a store of its size (api.store.embedded.EmbeddedStore's in_memory_quads), copied into memory the same way
(api.store.embedded.copy_into_memory) before it serves; --memory yes|no forces either.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api import queries
from api.store.embedded import IN_MEMORY_QUADS, copy_into_memory
from api.store.query_text import substitute

JSON = "application/sparql-results+json"


def _page(values: dict[str, str]) -> tuple[int, int]:
    return int(values.pop("limit", 100) or 100), int(values.pop("offset", 0) or 0)


def create_app(store_path: str, memory: bool | None = None) -> FastAPI:
    """memory: copy the store into memory; None (the default) does what our service does."""
    store = ox.Store.read_only(store_path)
    if memory is None:
        memory = len(store) <= IN_MEMORY_QUADS
    if memory:
        store = copy_into_memory(store, Path(store_path).parent / "ltkg.nq")
    # The queries our routes run.
    names = ["programmes", "actor", "actors", "actions", "action"]
    named = {name: queries.load(name) for name in names}
    app = FastAPI(title="ceiling: raw pyoxigraph")

    def run(name: str, values: dict[str, str], must_match: bool = False, page: tuple[int, int] | None = None
            ) -> Response:
        query = named[name]
        terms = query.bind({k: v for k, v in values.items() if query.param(k) and v})  # the parameters as RDF terms
        text = substitute(query.render(terms, page), terms)  # bound as our store binds: terms written into the text
        result = store.query(text, use_default_graph_as_union=True)
        body = result.serialize(format=ox.QueryResultsFormat.JSON)
        if must_match and b'"bindings":[]' in body:
            return Response(b'{"detail":"not found"}', status_code=404, media_type="application/json")
        return Response(body, media_type=JSON)

    def listing(name: str):
        def handler(request: Request) -> Response:
            values = dict(request.query_params)
            page = _page(values)
            return run(name, values, page=page)
        return handler

    def detail(name: str, param: str):
        def handler(ident: str) -> Response:
            return run(name, {param: ident}, True)
        return handler

    # our routes' paths: the list query, and the detail query with its id parameter
    for path, list_query, detail_query, param in (("programmes", "programmes", "programmes", "programme"),
                                                  ("actors", "actors", "actor", "actor"),
                                                  ("actions", "actions", "action", "action")):
        app.get(f"/api/{path}")(listing(list_query))
        app.get(f"/api/{path}/{{ident}}")(detail(detail_query, param))

    def sparql(text: str) -> Response:
        result = store.query(text, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            return Response(result.serialize(format=ox.RdfFormat.N_TRIPLES), media_type="application/n-triples")
        return Response(result.serialize(format=ox.QueryResultsFormat.JSON), media_type=JSON)

    @app.get("/sparql")
    def sparql_get(query: str) -> Response:
        return sparql(query)

    @app.post("/sparql")
    async def sparql_post(request: Request) -> Response:
        body = (await request.body()).decode()
        if request.headers.get("content-type", "").startswith("application/sparql-query"):
            text = body
        else:
            text = dict(parse_qsl(body)).get("query", "")
        # Run in the thread pool like the GET routes: pyoxigraph releases the GIL while it evaluates.
        return await run_in_threadpool(sparql, text)

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description="The raw-pyoxigraph ceiling for bench/run.py")
    parser.add_argument("--store", required=True, help="a pyoxigraph store directory")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--memory", choices=("auto", "yes", "no"), default="auto",
                        help="copy the store into memory first (auto: as our service does for its size)")
    args = parser.parse_args()
    memory = {"auto": None, "yes": True, "no": False}[args.memory]
    # the same HTTP parser as our service (api.app.server_options), without an access log
    uvicorn.run(create_app(args.store, memory), host=args.host, port=args.port, log_level="warning",
                access_log=False, http="h11")


if __name__ == "__main__":
    main()
