"""The source documents as the graph cites them.

    GET /sources/               the source documents
    GET /sources/{file}         a source text as text/plain, e.g. /sources/2018-langer-thuis-plan-van-aanpak.txt
    GET /sources/{doc}.html     the reader (api/linked_data/reader.py): the markdown rendered line by line, each
                                line numbered and anchored (#L244), ?lines=244-246 marks a range and lists its
                                facts, the gutter counts the facts on each line; coverage per section
    GET /sources/{doc}.json     the same coverage per line and section; ?line=N: the facts resting on line N
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.http import frame, problems
from api.http.negotiation import HTML
from api.http.problems import Problem
from api.linked_data import reader
from api.linked_data.entities import not_found
from api.rest.routing import answers, run
from api.rest.shapes import best_label
from api.search.engine import Searcher
from api.search.index import searcher
from api.store.contract import StoreError, Term
from graph.provenance import README, README_SLUG
from graph.settings import SOURCES_DIR

router = APIRouter(tags=["linked data"])


# -- /sources: the source texts -----------------------------------------------------------------------
@functools.cache
def _source_lines(name: str, stamp: float) -> list[str]:
    return (SOURCES_DIR / name).read_text(encoding="utf-8").split("\n")  # as graph.provenance.Sources counts


def source_lines(name: str) -> list[str]:
    return _source_lines(name, (SOURCES_DIR / name).stat().st_mtime)


def document_titles(request: Request) -> dict[str, str]:
    """Source slug -> the document's title (Dutch, as in the source); empty without a store."""
    found: dict[str, list[Term]] = defaultdict(list)
    try:
        for row in run(request, "dataset-documents").rows:
            if "title" in row:
                found[row["document"].value.rpartition("/")[2]].append(row["title"])
    except StoreError:  # the texts are served from disk even without a store
        pass
    return {slug: best_label(literals) for slug, literals in found.items()}


@router.get("/sources/", summary="The source documents", response_class=HTMLResponse)
def sources_index(request: Request) -> Response:
    titles = document_titles(request)
    documents = [(slug, name, titles.get(slug, name)) for slug, name in source_files().items()]
    return frame.page("sources.html", title="Source documents", active="sources", documents=documents)


@router.get("/sources/{name}",
            summary="A source text (text/plain); {doc}.html: the reader (rendered, numbered and anchored lines, what "
                    "cites each); {doc}.json: coverage per line and section, or with ?line= the facts on a line",
            response_class=Response,
            responses={200: answers("text/plain", HTML, "application/json",
                                    description="the text; for {doc}.html the reader; for {doc}.json the coverage"),
                       **problems.responses(404, html=(404,))})
def source(request: Request, name: str,
           lines: Annotated[str | None, Query(description="for {doc}.html: the line or lines to mark, e.g. "
                                                           "244-246")] = None,
           line: Annotated[int | None, Query(ge=1, le=10_000_000, description="for {doc}.json: the facts resting "
                                                                             "on this line")] = None) -> Response:
    files = source_files()
    slug, _, suffix = name.rpartition(".")
    if suffix in ("html", "json") and slug in files:
        engine = _searcher(request)
        if suffix == "json":
            return JSONResponse(reader.as_json(engine, slug, line))
        return HTMLResponse(reader.render(slug, files[slug], source_lines(files[slug]), lines,
                                          document_titles(request).get(slug), engine))
    if name in files.values():
        return Response((SOURCES_DIR / name).read_bytes(), media_type="text/plain; charset=utf-8")
    return not_found(request, f"/sources/{name}")


def _searcher(request: Request) -> Searcher | None:
    """The build's search index, which holds the citations of every line; None without one."""
    try:
        return searcher(request)
    except Problem:
        return None


def source_files() -> dict[str, str]:
    """Source slug (as in /id/document/{slug}) -> file name in graph/sources."""
    files = {path.stem: path.name for path in sorted(SOURCES_DIR.glob("*.txt"))}
    if (SOURCES_DIR / README).is_file():
        files[README_SLUG] = README
    return files
