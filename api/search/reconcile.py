"""/reconcile: the W3C Entity Reconciliation Service API, version 0.2 (what OpenRefine speaks).

    GET  /reconcile                        the manifest (service description)
    GET|POST /reconcile  queries={...}     a batch of reconciliation queries (at most MAX_BATCH: 413 above)
    GET|POST /reconcile  extend={...}      data extension: property values of reconciled entities
    GET  /reconcile/extend/propose?type=   the properties data extension offers for a type
    GET  /reconcile/suggest/entity|type|property?prefix=   auto-completion
    GET  /reconcile/preview?id=            an HTML card of an entity

An entity's id is its IRI's path under the identifier space (https://ltkg.example.org/id/), e.g. `party/zn`;
a type's id is its class's local name in the schema space (https://ltkg.example.org/def/), e.g. `Party`.
`match: true` only where the service is sure (see MATCH): a wrong automatic match is worse than none.
Every answer, errors included, carries CORS headers (api/search/cors.py), as the specification requires.
"""
from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from api.http import problems
from api.http.problems import Problem
from api.search.engine import Searcher
from api.search.index import searcher
from graph.ns import ID, LTKG
from graph.search_index import GROUPS
from graph.search_text import fold

router = APIRouter(tags=["reconciliation"])

MAX_BATCH = 100  # queries per batch, ids per extension; announced in the manifest as batchSize
MAX_TEXT = 1000
MATCH = 90.0  # a candidate is a match at this score or above, alone there, with MARGIN to the next
MARGIN = 10.0
DEF = str(LTKG)
DEFAULT_TYPES = [(members[0], group) for group, members in GROUPS.items() if members]
PROPERTIES = {  # id -> (name, description)
    "kind": ("kind", "the entity's classes in the graph's ontology"),
    "classification": ("classification", "the party's type, or the kind of an initiative (org:classification)"),
    "programme": ("programme", "the programme of an action or action line; for a party the programmes of the "
                               "actions it takes part in"),
    "role": ("role", "a party's role in an action (lead, partner, responsible, involved, ...)"),
    "actionLine": ("action line", "the action line of an action or goal"),
    "theme": ("theme", "the editors' classification of an action or action line into themes"),
    "notation": ("notation", "the number an action is known by (skos:notation)"),
    "altLabel": ("also written as", "every other spelling found in the sources (skos:altLabel)"),
    "identifier": ("identifier", "identifiers the graph holds (dcterms:identifier), e.g. a TOOI IRI"),
    "sameAs": ("same as", "the same entity in other registers (schema:sameAs, skos:exactMatch, owl:sameAs), "
                          "e.g. Wikidata"),
    "oin": ("OIN", "the organisation's identification number in the Dutch government (ltkg:oin)"),
    "kvkNumber": ("KvK number", "the Chamber of Commerce number (ltkg:kvkNumber)"),
    "bwbId": ("BWB id", "a law's id in the national law database (ltkg:bwbId)"),
}
QUERY_KEYS = {"query", "type", "limit", "properties", "type_strict"}


# -- ids -----------------------------------------------------------------------------------------------
def entity_id(iri: str) -> str:
    return iri[len(ID):] if iri.startswith(ID) else iri


def entity_iri(ident: str) -> str:
    return ident if ident.startswith(("http://", "https://")) else ID + ident.strip("/")


def type_id(value: str) -> str:
    """'Party', 'ltkg:Party' or the class's IRI -> 'Party'."""
    for prefix in (DEF, "ltkg:"):
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


# -- the manifest --------------------------------------------------------------------------------------
def manifest(engine: Searcher, base: str) -> dict:
    kinds = engine.kinds()
    return {
        "versions": ["0.2"],
        "name": "Langer Thuis knowledge graph",
        "identifierSpace": ID,
        "schemaSpace": DEF,
        "documentation": base + "docs#/reconciliation",
        "serviceVersion": "0.1.0",
        "batchSize": MAX_BATCH,
        "view": {"url": base + "id/{{id}}"},
        "preview": {"url": base + "reconcile/preview?id={{id}}", "width": 420, "height": 190},
        "defaultTypes": [{"id": kind, "name": kinds.get(kind, kind)} for kind, _ in DEFAULT_TYPES],
        "suggest": {part: {"service_url": base.rstrip("/"), "service_path": f"/reconcile/suggest/{part}"}
                    for part in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": base.rstrip("/"), "service_path": "/reconcile/extend/propose"}},
    }


# -- queries -------------------------------------------------------------------------------------------
def _bad(detail: str) -> Problem:
    return Problem(400, detail, "malformed-batch")


def parse_batch(raw: str | None, what: str = "queries") -> dict:
    """The JSON object of a `queries` or `extend` parameter, or a 400 problem saying what is wrong."""
    try:
        batch = json.loads(raw or "")
    except ValueError as error:
        raise _bad(f"`{what}` is not JSON: {error}") from None
    if not isinstance(batch, dict):
        raise _bad(f"`{what}` must be a JSON object")
    return batch


def check_query(key: str, query: Any) -> None:
    """The rules of the specification's reconciliation-query-batch schema, as 400 problems."""
    if not isinstance(query, dict):
        raise _bad(f"query {key!r} must be an object")
    unknown = set(query) - QUERY_KEYS
    if unknown:
        raise _bad(f"query {key!r} has unknown members: {', '.join(sorted(unknown))}")
    text, types, props = query.get("query"), query.get("type"), query.get("properties")
    if text is not None and not isinstance(text, str):
        raise _bad(f"query {key!r}: `query` must be a string")
    if isinstance(text, str) and len(text) > MAX_TEXT:
        raise _bad(f"query {key!r}: `query` is over {MAX_TEXT} characters")
    if types is not None and not (isinstance(types, str) or (isinstance(types, list)
                                                              and all(isinstance(t, str) for t in types))):
        raise _bad(f"query {key!r}: `type` must be a string or a list of strings")
    limit = query.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))):
        raise _bad(f"query {key!r}: `limit` must be a number")
    if query.get("type_strict") not in (None, "any", "should", "all"):
        raise _bad(f"query {key!r}: `type_strict` must be any, should or all")
    if props is not None:
        if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("pid"), str)
                                                  and "v" in p for p in props):
            raise _bad(f"query {key!r}: `properties` must be a list of {{pid, v}}")
    if text is None and not props:
        raise _bad(f"query {key!r} has neither `query` nor `properties`")


def reconcile(engine: Searcher, batch: dict) -> dict:
    if len(batch) > MAX_BATCH:
        raise Problem(413, f"a batch holds at most {MAX_BATCH} queries; this one has {len(batch)}", "batch-too-large")
    for key, query in batch.items():
        check_query(key, query)
    return {key: {"result": candidates(engine, query)} for key, query in batch.items()}


def _values(query: dict) -> list[tuple[str, list]]:
    out = []
    for prop in query.get("properties") or []:
        values = prop["v"] if isinstance(prop["v"], list) else [prop["v"]]
        out.append((prop["pid"], values))
    return out


def _agrees(engine: Searcher, value: Any, held: list[tuple[str, str]]) -> bool:
    """Whether a value a tool sent is one the entity holds: by id (or IRI), or by any name of the value."""
    if isinstance(value, dict):
        ident = value.get("id")
        return ident is not None and any(v in (entity_iri(str(ident)), ident) for v, _ in held)
    text = fold(str(value)).strip()
    for v, label in held:
        if v == entity_iri(str(value)) or text in (fold(v), fold(label)):
            return True
        if v.startswith(ID) and text in {fold(name) for name in engine.names_of(v)}:
            return True
    return False


def candidates(engine: Searcher, query: dict) -> list[dict]:
    limit = int(query.get("limit") or 10)
    limit = max(1, min(limit, 100))
    wanted = [type_id(t) for t in ([query["type"]] if isinstance(query.get("type"), str) else query.get("type") or [])]
    strict = query.get("type_strict") or "any"
    text = (query.get("query") or "").strip()
    props = _values(query)
    hits = engine.entities(text, limit=max(limit, 25)) if text else engine.by_properties(props, limit=max(limit, 25))
    kinds = engine.kinds()
    results = []
    for hit in hits:
        types = hit.kinds
        if wanted:
            have = [t in types for t in wanted]
            if (strict == "all" and not all(have)) or (strict != "all" and not any(have)):
                continue
        features = [{"id": "name", "value": round(hit.score, 1)}]
        agree = True
        score = hit.score if text else 100.0
        if props:
            held = engine.props(hit.iri, [pid for pid, _ in props])
            for pid, values in props:
                ok = any(_agrees(engine, v, held.get(pid, [])) for v in values)
                features.append({"id": f"property:{pid}", "value": ok})
                agree = agree and ok
                if not ok:
                    score -= 20.0
        results.append({"id": entity_id(hit.iri), "name": hit.label, "score": round(max(score, 0.0), 1),
                        "description": description(hit, kinds), "features": features,
                        "type": [{"id": t, "name": kinds.get(t, t)} for t in types], "match": False,
                        "_agree": agree, "_how": hit.how})
    results.sort(key=lambda r: -r["score"])
    results = results[:limit]
    if results:
        top, runner = results[0], results[1]["score"] if len(results) > 1 else 0.0
        top["match"] = bool(top["_agree"] and top["score"] >= MATCH and top["score"] - runner >= MARGIN)
    for result in results:
        del result["_agree"], result["_how"]
    return results


def description(hit, kinds: dict[str, str]) -> str:
    kind = ", ".join(kinds.get(t, t) for t in hit.kinds) or hit.group
    english = f" · {hit.english}" if hit.english and hit.english != hit.label else ""
    matched = f" · matched “{hit.matched}”" if hit.matched != hit.label else ""
    return f"{kind}{english}{matched}"


# -- data extension ------------------------------------------------------------------------------------
def extend(engine: Searcher, request: dict) -> dict:
    ids, props = request.get("ids"), request.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise _bad("`extend` needs `ids`, a list of entity ids")
    if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props):
        raise _bad("`extend` needs `properties`, a list of {id}")
    if len(ids) > MAX_BATCH:
        raise Problem(413, f"an extension asks for at most {MAX_BATCH} ids; this one has {len(ids)}",
                      "batch-too-large")
    unknown = [p["id"] for p in props if p["id"] not in PROPERTIES]
    if unknown:
        raise _bad(f"unknown properties: {', '.join(unknown)}; known: {', '.join(PROPERTIES)}")
    kinds = engine.kinds()
    pids = [p["id"] for p in props]
    rows = {}
    for ident in ids:
        iri = entity_iri(ident)
        held = engine.props(iri, pids)
        row = {}
        for pid in pids:
            if pid == "kind":
                row[pid] = [{"id": t, "name": kinds.get(t, t)} for t in engine.kinds_of(iri)]
            else:
                row[pid] = [{"id": entity_id(v), "name": label} if v.startswith(ID) else {"str": v}
                            for v, label in held.get(pid, [])]
        rows[ident] = row
    return {"meta": [{"id": pid, "name": PROPERTIES[pid][0]} for pid in pids], "rows": rows}


def propose(engine: Searcher, type_: str | None, limit: int | None) -> dict:
    kind = type_id(type_) if type_ else None
    offered = engine.properties_of(kind)
    found = [{"id": pid, "name": name, "description": text} for pid, (name, text) in PROPERTIES.items()
             if pid == "kind" or pid in offered]
    out = {"properties": found[:limit] if limit else found}
    if type_:
        out["type"] = type_
    if limit:
        out["limit"] = limit
    return out


# -- routes --------------------------------------------------------------------------------------------
async def _param(request: Request, name: str) -> str | None:
    """A parameter from the URL or, for POST, the form-encoded body (as OpenRefine sends it)."""
    if name in request.query_params:
        return request.query_params[name]
    if request.method == "POST":
        values = parse_qs((await request.body()).decode("utf-8", "replace")).get(name)
        return values[0] if values else None
    return None


MANIFEST_DOC = ("Without `queries` or `extend`: the manifest. With `queries` (a JSON object of queries, at most "
                "`batchSize`): their candidates. With `extend` (ids and properties): the properties' values.")
PARAMETERS = {"parameters": [
    {"name": "queries", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "a batch of reconciliation queries, as JSON: {\"q0\": {\"query\": \"Vilans\", \"type\": \"Party\"}}"},
    {"name": "extend", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "a data extension query, as JSON: {\"ids\": [\"party/vilans\"], \"properties\": [{\"id\": \"programme\"}]}"}]}
FORM = {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
    "type": "object", "properties": {"queries": {"type": "string", "description": "a batch of queries, as JSON"},
                                     "extend": {"type": "string", "description": "a data extension query, as JSON"}}}}}}}
RESPONSES = problems.responses(400, 413, 503)


@router.get("/reconcile", summary="Reconciliation service (0.2): the manifest, or queries (`queries=`) and data "
            "extension (`extend=`) by GET", description=MANIFEST_DOC, openapi_extra=PARAMETERS, responses=RESPONSES)
async def service_get(request: Request) -> JSONResponse:
    return await _service(request)


@router.post("/reconcile", summary="Reconciliation service (0.2): queries (`queries=`) and data extension "
             "(`extend=`), form-encoded as OpenRefine sends them", description=MANIFEST_DOC, openapi_extra=FORM,
             responses=RESPONSES)
async def service_post(request: Request) -> JSONResponse:
    return await _service(request)


async def _service(request: Request) -> JSONResponse:
    queries = await _param(request, "queries")
    if queries is not None:
        batch = parse_batch(queries)
        return JSONResponse(await run_in_threadpool(lambda: reconcile(searcher(request), batch)))
    extension = await _param(request, "extend")
    if extension is not None:
        asked = parse_batch(extension, "extend")
        return JSONResponse(await run_in_threadpool(lambda: extend(searcher(request), asked)))
    return JSONResponse(await run_in_threadpool(lambda: manifest(searcher(request), str(request.base_url))))


@router.get("/reconcile/extend/propose", summary="Reconciliation service: the properties offered for a type",
            responses=problems.responses(422, 503))
def propose_properties(request: Request, type: str | None = None,
                       limit: int | None = Query(None, ge=1, le=100)) -> JSONResponse:
    return JSONResponse(propose(searcher(request), type, limit))


@router.get("/reconcile/suggest/entity", responses=problems.responses(422, 503), summary="Reconciliation service: entities whose names start so")
def suggest_entity(request: Request, prefix: str = Query(..., min_length=1, max_length=MAX_TEXT),
                   type: str | None = None, cursor: int = Query(0, ge=0, le=1000)) -> JSONResponse:
    engine = searcher(request)
    kinds = engine.kinds()
    groups = [group for kind, group in DEFAULT_TYPES if kind == type_id(type)] if type else None
    hits = [h for h in engine.suggest(prefix, groups, limit=cursor + 10)[cursor:] if not type or type_id(type) in h.kinds]
    return JSONResponse({"result": [{"id": entity_id(h.iri), "name": h.label, "description": description(h, kinds),
                                     "notable": [{"id": t, "name": kinds.get(t, t)} for t in h.kinds]}
                                    for h in hits]})


@router.get("/reconcile/suggest/type", responses=problems.responses(422, 503), summary="Reconciliation service: types whose names start so")
def suggest_type(request: Request, prefix: str = Query(..., min_length=1, max_length=MAX_TEXT),
                 cursor: int = Query(0, ge=0, le=1000)) -> JSONResponse:
    start = fold(prefix).strip()
    kinds = searcher(request).kinds()
    found = [{"id": kind, "name": name} for kind, name in sorted(kinds.items())
             if fold(name).startswith(start) or fold(kind).startswith(start) or start in fold(name)]
    return JSONResponse({"result": found[cursor:cursor + 10]})


@router.get("/reconcile/suggest/property", responses=problems.responses(422, 503), summary="Reconciliation service: properties whose names start so")
def suggest_property(prefix: str = Query(..., min_length=1, max_length=MAX_TEXT),
                     cursor: int = Query(0, ge=0, le=1000)) -> JSONResponse:
    start = fold(prefix).strip()
    found = [{"id": pid, "name": name, "description": text} for pid, (name, text) in PROPERTIES.items()
             if start in fold(name) or fold(pid).startswith(start)]
    return JSONResponse({"result": found[cursor:cursor + 10]})


@router.get("/reconcile/preview", response_class=HTMLResponse, responses=problems.responses(404, 422, 503),
            summary="Reconciliation service: an HTML card of an entity, for a tool's preview")
def preview(request: Request, id: str = Query(..., min_length=1, max_length=MAX_TEXT)) -> HTMLResponse:
    engine = searcher(request)
    iri = entity_iri(id)
    entity = engine.entity(iri)
    if entity is None:
        raise Problem(404, f"no entity with id {id!r}", "not-found")
    kinds = engine.kinds()
    names = [n for n in engine.names_of(iri) if n != entity["label"]][:8]
    path = "/id/" + entity_id(iri)
    kind = ", ".join(kinds.get(t, t) for t in engine.kinds_of(iri))
    also = f"<p>Also: {html.escape(' · '.join(names))}</p>" if names else ""
    body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(entity["label"])}</title>'
            f'<style>{PREVIEW_CSS}</style></head><body><p class="kind">{html.escape(kind)}</p>'
            f'<h1 lang="nl"><a href="{html.escape(path)}" target="_blank">{html.escape(entity["label"])}</a></h1>'
            f'{"<p>" + html.escape(entity["english"]) + "</p>" if entity["english"] != entity["label"] else ""}'
            f'{also}<p class="id">{html.escape(iri)}</p></body></html>')
    return HTMLResponse(body)


PREVIEW_CSS = ("body{font:14px/1.4 system-ui,sans-serif;margin:8px;color:#1d2733}h1{font-size:16px;margin:2px 0}"
               "a{color:#14325c}.kind{color:#55606e;margin:0}.id{color:#55606e;font-size:12px;word-break:break-all}")
