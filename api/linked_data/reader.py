"""The source reader: /sources/{doc}.html renders a source's markdown line by line (api/linked_data/
markdown_lines.py), each line numbered and anchored (#L244), the requested lines (?lines=244-246) marked with
the facts resting on them, every cited line's gutter showing how many facts rest on it (a click lists them),
and per document and section the share of substantive lines some fact cites. /sources/{doc}.json gives the
same per line, and with ?line=N the facts resting on line N.

Line roles, sections and counts come from the build's search index (graph/search_index.py), which holds the
citations of every line; without one the text is still shown, without counts.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

from api.http import frame
from api.linked_data import markdown_lines
from api.search.engine import Searcher, page_of

_RANGE = re.compile(r"(\d{1,7})(?:-(\d{1,7}))?")


def line_range(lines: str | None) -> tuple[int, int]:
    match = _RANGE.fullmatch((lines or "").strip())
    if not match:
        return 0, 0
    first = int(match.group(1))
    return first, max(first, int(match.group(2) or first))


def facts_on(engine: Searcher, doc: str, first: int, last: int) -> list[dict]:
    """The statements resting on lines first..last: per citation overlapping them, its facts with labels."""
    out = []
    for citation in engine.citing(doc, first, last):
        facts = engine.facts(citation["citation"])
        out.append({**citation, "page": page_of(citation["citation"]), "quote": engine.quote(citation["citation"]),
                    "statements": facts})
    return out


def coverage(engine: Searcher | None, doc: str) -> dict:
    """Per line (role, section, citations, facts) and per section (substantive and cited lines)."""
    if engine is None:
        return {"lines": {}, "sections": []}
    lines = {r["n"]: dict(r) for r in engine.db.execute(
        "SELECT n, role, section, citations, facts FROM line WHERE doc = ? ORDER BY n", (doc,))}
    sections = [dict(r) for r in engine.db.execute(
        "SELECT section, title, first, substantive, cited FROM section WHERE doc = ? ORDER BY section", (doc,))]
    for section in sections:
        section["share"] = round(section["cited"] / section["substantive"], 3) if section["substantive"] else None
    return {"lines": lines, "sections": sections}


def as_json(engine: Searcher | None, doc: str, line: int | None) -> dict:
    if line is not None:
        return {"document": doc, "line": line, "citations": facts_on(engine, doc, line, line) if engine else []}
    cover = coverage(engine, doc)
    substantive = sum(s["substantive"] for s in cover["sections"])
    cited = sum(s["cited"] for s in cover["sections"])
    return {"document": doc, "substantive": substantive, "cited": cited,
            "share": round(cited / substantive, 3) if substantive else None, "sections": cover["sections"],
            "lines": [{"line": n, **{k: v for k, v in row.items() if k != "n"}} for n, row in cover["lines"].items()]}


def render(slug: str, name: str, text: list[str], lines: str | None, title: str | None,
           engine: Searcher | None) -> str:
    first, last = line_range(lines)
    notes = markdown_lines.footnotes(text)
    cover = coverage(engine, slug)
    rows = []
    for number, line in enumerate(text, 1):
        body, role = markdown_lines.render(line, notes)
        info = cover["lines"].get(number, {})
        facts = info.get("facts", 0) if role != "blank" else 0  # a blank line inside a cited range: no count
        classes = [f"r-{role}"] + (["hl"] if first <= number <= last else []) + (["cited"] if facts else [])
        gutter = (f'<button type="button" class="cites" data-line="{number}" aria-expanded="false" '
                  f'aria-label="{facts} fact{"" if facts == 1 else "s"} rest on line {number}: show">{facts}</button>'
                  if facts else "")
        rows.append(f'<tr id="L{number}" class="{" ".join(classes)}"><td class="n"><a href="#L{number}">{number}</a>'
                    f'</td><td class="c">{gutter}</td><td class="t">{body}</td></tr>')
        if number == last and first and engine is not None:
            rows.append(facts_row(facts_on(engine, slug, first, last), first, last))
    substantive = sum(s["substantive"] for s in cover["sections"])
    cited = sum(s["cited"] for s in cover["sections"])
    return frame.render("source.html", title=title or slug, active="sources", file=name, slug=slug,
                        count=len(text), first=first, last=last, rows=Markup("\n".join(rows)),
                        sections=cover["sections"], substantive=substantive, cited=cited, indexed=engine is not None)


def facts_row(citations: list[dict], first: int, last: int) -> str:
    """A row below the marked lines listing the facts resting on them (the same list a gutter click opens)."""
    where = f"line {first}" if first == last else f"lines {first}–{last}"
    if not citations:
        return (f'<tr class="facts-row" id="facts-{first}"><td></td><td></td><td><p class="facts">No fact of the '
                f'graph cites {where}.</p></td></tr>')
    return (f'<tr class="facts-row" id="facts-{first}"><td></td><td></td><td><section class="facts" '
            f'aria-label="Facts resting on {where}"><h2>Facts resting on {where}</h2>{facts_list(citations)}'
            f'</section></td></tr>')


def facts_list(citations: list[dict]) -> str:
    parts = []
    for c in citations:
        span = f"line {c['firstLine']}" if c["firstLine"] == c["lastLine"] else f"lines {c['firstLine']}–{c['lastLine']}"
        items = "".join(f"<li>{_link(s['subject'])} <span class=\"p\">{html.escape(s['property']['label'])}</span> "
                        f"{_link(s['value'])}</li>" for s in c["statements"])
        parts.append(f'<div class="citation"><p><a href="{html.escape(c["page"] or "#")}">Citation of {span}</a>'
                     f' · {c["facts"]} fact{"" if c["facts"] == 1 else "s"}</p><ul lang="nl">{items}</ul></div>')
    return "".join(parts)


def _link(term: dict) -> str:
    label = html.escape(term["label"])
    return f'<a href="{html.escape(term["page"])}">{label}</a>' if term.get("page") else f"<q>{label}</q>"
