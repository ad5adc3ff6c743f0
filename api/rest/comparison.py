"""GET /api/comparison: the 2024 report's own documentary reading of coverage, beside the editors'
classification of actions into themes (/api/coverage): per theme of its comparison of IZA, GALA, WOZO
and TAZ, what each programme's cell says (its statements, each cited, and the initiatives they name),
and the "Verbindingen" it draws between the programmes (comparison.rq).

The statements are the report's; which programme's column a bullet stands in is the editors' reading
of the flattened slides (`reading`, an editorial source per cell). Bullets whose column the text does
not show are in `unassigned`."""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import slug
from api.rest import models
from api.rest.routing import page, paged, parameters, query_values, run
from api.rest.shapes import Row, best_label, labels, natural_key, sources, texts
from api.store.contract import Term

router = APIRouter(tags=["REST: landscape"])
COLUMNS = ("iza", "gala", "wozo", "taz")
UNASSIGNED = "unassigned"


def _in_order(rows: list[Row]) -> list[dict]:
    """The statements of rows, in the report's order (by their first cited line)."""
    def first_line(text: dict) -> tuple:
        cited = [s["lines"][0] for s in text["sources"] if s["kind"] == "citation"]
        return (min(cited) if cited else 0, text["text"])
    return sorted(texts(rows), key=first_line)


def _mentions(rows: list[Row]) -> list[dict]:
    by_item: dict[Term, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get("item") is not None:
            by_item[row["item"]].append(row)
    return sorted(({"id": slug(item), "name": best_label(r.get("value") for r in of), "sources": sources(of)}
                   for item, of in by_item.items()), key=lambda m: natural_key(m["id"]))


def _cell(rows: list[Row]) -> dict:
    parts: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        parts[row["part"].value].append(row)
    return {"statements": _in_order(parts["statement"]), "mentions": _mentions(parts["mentions"]),
            "reading": sources(parts["reading"])}


def comparison_json(rows: list[Row], programmes: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    themes: dict[Term, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    connections: dict[Term, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get("part") is None:
            continue
        if row.get("connection") is not None:
            connections[row["connection"]].append(row)
        elif row.get("theme") is not None:
            column = slug(row["cellProgramme"]) if row.get("cellProgramme") is not None else UNASSIGNED
            themes[row["theme"]][column].append(row)
    items = []
    for theme, columns in themes.items():
        label_rows = [r for rows_of in columns.values() for r in rows_of if r["part"].value == "label"]
        name, english = labels(label_rows)
        cells = {column: _cell(columns[column]) for column in COLUMNS + (UNASSIGNED,) if column in columns}
        items.append({"id": slug(theme), "iri": theme.value, "name": name, "nameEn": english,
                      "cells": cells, "sources": sources(label_rows)})
    items.sort(key=lambda t: (min((s["lines"][0] for s in t["sources"] if s["kind"] == "citation"), default=0), t["id"]))
    out = []
    for connection, rows_of in connections.items():
        parts: dict[str, list[Row]] = defaultdict(list)
        for row in rows_of:
            parts[row["part"].value].append(row)
        linked = sorted({slug(r["item"]) for r in parts["connects"] if r.get("item") is not None}, key=COLUMNS.index)
        out.append({"id": slug(connection), "iri": connection.value,
                    "name": best_label(r.get("value") for r in parts["connectionLabel"]),
                    "programmes": [programmes.get(p, {"id": p}) for p in linked],
                    "statements": _in_order(parts["connectionStatement"]),
                    "mentions": _mentions(parts["connectionMentions"]),
                    "sources": sources(parts["connectionLabel"] + parts["connects"])})
    out.sort(key=lambda c: natural_key(c["id"]))
    return items, out


@router.get("/comparison", response_model=models.ComparisonPage,
            summary="The 2024 report's comparison of IZA, GALA, WOZO and TAZ per theme (cited statements per "
                    "programme's cell) and its connections between them",
            openapi_extra=parameters("comparison"), responses=problems.responses(422, 503))
def get_comparison(request: Request) -> Response:
    def compute() -> dict:
        rows = run(request, "comparison", query_values(request, "comparison")).rows
        programmes = {slug(r["item"]): {"id": slug(r["item"]), "name": r["value"].value} for r in rows
                      if r.get("part") is not None and r["part"].value == "programmeLabel" and r.get("item") is not None}
        items, connections = comparison_json(rows, programmes)
        answer = page(request, items)
        answer["programmes"] = [programmes[p] for p in COLUMNS if p in programmes]
        answer["connections"] = connections
        return answer
    return paged(request, compute, models.ComparisonPage)
