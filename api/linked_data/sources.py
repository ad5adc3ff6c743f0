"""The source documents as the graph cites them.

    GET /sources/               the source documents
    GET /sources/{file}         a source text as text/plain, e.g. /sources/2018-langer-thuis-plan-van-aanpak.txt
    GET /sources/{doc}.html     the text with numbered lines, each anchored (#L244); ?lines=244-246 marks a range
"""
from __future__ import annotations

import functools
import html
import re
from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from api.http import frame, problems
from api.http.negotiation import HTML
from api.linked_data.entities import not_found
from api.rest.routing import answers, run
from api.rest.shapes import best_label
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
            summary="A source text (text/plain), or {doc}.html: the text with numbered, anchored lines",
            response_class=Response,
            responses={200: answers("text/plain", HTML, description="the text, or for {doc}.html its numbered lines"),
                       **problems.responses(404, html=(404,))})
def source(request: Request, name: str,
           lines: Annotated[str | None, Query(description="for {doc}.html: the line or lines to mark, e.g. "
                                                           "244-246")] = None) -> Response:
    files = source_files()
    if name.endswith(".html") and name[:-5] in files:
        slug = name[:-5]
        return HTMLResponse(source_html(slug, files[slug], lines, document_titles(request).get(slug)))
    if name in files.values():
        return Response((SOURCES_DIR / name).read_bytes(), media_type="text/plain; charset=utf-8")
    return not_found(request, f"/sources/{name}")


def source_html(slug: str, name: str, lines: str | None, title: str | None = None) -> str:
    text = source_lines(name)
    first = last = 0
    if lines:
        match = re.fullmatch(r"(\d{1,7})(?:-(\d{1,7}))?", lines.strip())
        if match:
            first = int(match.group(1))
            last = int(match.group(2) or first)
    marked = ' class="hl"'
    rows = "".join(
        f'<tr id="L{number}"{marked if first <= number <= last else ""}><td class="n">'
        f'<a href="#L{number}">{number}</a></td><td class="t">{html.escape(line)}</td></tr>\n'
        for number, line in enumerate(text, 1))
    return frame.render("source.html", title=title or slug, active="sources", file=name, slug=slug,
                        count=len(text), first=first, last=last, rows=Markup(rows))



def source_files() -> dict[str, str]:
    """Source slug (as in /id/document/{slug}) -> file name in graph/sources."""
    files = {path.stem: path.name for path in sorted(SOURCES_DIR.glob("*.txt"))}
    if (SOURCES_DIR / README).is_file():
        files[README_SLUG] = README
    return files
