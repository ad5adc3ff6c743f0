"""Search for people and tools: /api/search (JSON), /api/search/suggest (as one types) and /search (the page).

One index per build (graph/search_index.py), opened by api/search/index.py; the analysis (folding, Dutch
stems, close spellings) and the scores are api/search/engine.py's.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from api.http import frame, problems
from api.http.problems import Problem
from api.rest.models import SearchAnswer, SuggestAnswer
from api.search.engine import MAX_QUERY, Hit, marks, page_of
from api.search.index import searcher
from graph.search_index import GROUPS
from graph.search_text import stems

router = APIRouter(tags=["search"])
KINDS = [*GROUPS, "passage"]  # what ?type= takes
GROUP_TITLES = {"party": "Parties", "action": "Actions, action lines and goals", "initiative": "Initiatives",
                "programme": "Programmes", "theme": "Themes", "region": "Regions", "other": "Other entities",
                "passage": "Passages in the sources"}
MAX_LIMIT = 100


def check_query(q: str | None) -> str:
    text = (q or "").strip()
    if not text:
        raise Problem(422, "the query is empty: give a word or a name in q", "invalid-parameter", parameter="q")
    if len(text) > MAX_QUERY:
        raise Problem(422, f"the query is {len(text)} characters long; at most {MAX_QUERY} are searched",
                      "invalid-parameter", parameter="q")
    return text


def entity_view(hit: Hit) -> dict:
    return {"id": hit.iri, "label": hit.label, "english": hit.english if hit.english != hit.label else None,
            "types": hit.kinds, "group": hit.group, "score": round(hit.score, 1),
            "matched": {"name": hit.matched, "how": hit.how}, "page": page_of(hit.iri)}


def mark(text: str, found: list[list[int]], open_: str = "⟦", close: str = "⟧") -> str:
    return "".join((open_ + text[a:b] + close) if i % 2 else text[a:b] for i, (a, b) in enumerate(_pieces(text, found)))


def passage_view(passage: dict) -> dict:
    first, last = passage["firstLine"], passage["lastLine"]
    return {**{k: passage[k] for k in ("document", "firstLine", "lastLine", "text", "marks", "citation", "facts")},
            "marked": mark(passage["text"], passage["marks"]),
            "page": f"/sources/{passage['document']}.html?lines={first}-{last}#L{first}"}


def search(request: Request, q: str, kinds: list[str], document: str | None, limit: int) -> dict:
    engine = searcher(request)
    groups = [k for k in kinds if k != "passage"]
    entities = [] if kinds and not groups else engine.entities(q, groups or None, limit)
    passages = engine.passages(q, document, limit) if not kinds or "passage" in kinds else []
    return {"query": q, "entities": [entity_view(h) for h in entities],
            "passages": [passage_view(p) for p in passages]}


Q = Annotated[str, Query(description=f"words or a name (1 to {MAX_QUERY} characters)")]
TYPE = Annotated[list[str] | None, Query(alias="type", description="keep only these kinds: " + ", ".join(KINDS))]
DOCUMENT = Annotated[str | None, Query(description="keep only passages of this source (its id, as in /sources/)")]


def _kinds(values: list[str] | None) -> list[str]:
    unknown = [v for v in values or [] if v not in KINDS]
    if unknown:
        raise Problem(422, f"unknown type {unknown[0]!r}", "invalid-parameter", parameter="type", choices=KINDS)
    return values or []


@router.get("/api/search", response_model=SearchAnswer, summary="Find entities by any of their names, and passages "
            "of the sources by their words",
            responses=problems.responses(422, 503))
def api_search(request: Request, q: Q, type: TYPE = None, document: DOCUMENT = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="hits of each part")] = 20) -> dict:
    return search(request, check_query(q), _kinds(type), document, limit)


@router.get("/api/search/suggest", response_model=SuggestAnswer,
            summary="Entities whose names start with (or are spelt close to) what one has typed",
            responses=problems.responses(422, 503))
def api_suggest(request: Request, q: Q, type: TYPE = None,
                limit: Annotated[int, Query(ge=1, le=20)] = 8) -> dict:
    text = check_query(q)
    groups = [k for k in _kinds(type) if k != "passage"] or None
    return {"query": text, "suggestions": [
        {"id": h.iri, "label": h.label, "group": h.group, "matched": h.matched, "page": page_of(h.iri)}
        for h in searcher(request).suggest(text, groups, limit)]}


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str | None = None, type: TYPE = None, document: DOCUMENT = None) -> HTMLResponse:
    """The page: the form (the query in the URL), entity hits grouped by kind and passages, matching words marked."""
    text = (q or "").strip()
    kinds = [k for k in type or [] if k in KINDS]
    error = None
    answer: dict = {"entities": [], "passages": []}
    engine = searcher(request)
    if len(text) > MAX_QUERY:
        error = f"The query is {len(text)} characters long; at most {MAX_QUERY} are searched."
    elif text:
        answer = search(request, text, kinds, document or None, 50)
    terms = set(stems(text))
    groups = []
    for group in GROUPS:
        hits = [{**h, "label_html": marked_html(h["label"], marks(h["label"], terms)),
                 "matched_html": marked_html(h["matched"]["name"], marks(h["matched"]["name"], terms))}
                for h in answer["entities"] if h["group"] == group]
        if hits:
            groups.append({"key": group, "title": GROUP_TITLES[group], "hits": hits})
    passages = [{**p, "marked_html": marked_html(p["text"], p["marks"])} for p in answer["passages"]]
    return frame.page("search.html", title=f"Search: {text}" if text else "Search", active="search", q=text,
                      kinds=kinds, document=document or "", groups=groups, passages=passages,
                      total_entities=len(answer["entities"]), all_kinds=[(k, GROUP_TITLES[k]) for k in KINDS],
                      sources=engine.documents(), error=error, status_code=422 if error else 200)


def _pieces(text: str, marks: list[list[int]]) -> list[tuple[int, int]]:
    """The text cut at its marks: unmarked, marked, unmarked, ... (an empty piece where two marks meet)."""
    pieces, at = [], 0
    for start, end in marks:
        pieces += [(at, start), (start, end)]
        at = end
    return pieces + [(at, len(text))]


def marked_html(text: str, found: list[list[int]]) -> Markup:
    """The text, escaped, with <mark> around the words found."""
    return Markup("".join((f"<mark>{escape(text[a:b])}</mark>" if i % 2 else escape(text[a:b]))
                          for i, (a, b) in enumerate(_pieces(text, found))))
