"""The REST answers' media types: JSON, and for a list route CSV too (`Accept: text/csv`); 406 otherwise.

A list's CSV has a row per item and a column per key of the item's model that a cell can hold: a string or
number as it is, an entity named inside it ({id, name}) by its id, a list of strings or of entities as the
ids joined by "; ", a period by its text. Nested parts without an id (sources, statements, cells) are left
out: the JSON answer has them. A notation is written with its programme ("LT 1.10", graph/notation.py), so a
spreadsheet never reads it as a number.
"""
from __future__ import annotations

import csv
import io
import typing

from fastapi import Request
from pydantic import BaseModel

from api.http.negotiation import CSV, JSON, best_match
from api.http.problems import Problem
from graph.notation import code

PLAIN = {str, int, float, bool, type(None)}


def media(request: Request, model: type[BaseModel] | None) -> str:
    """The media type to answer with: JSON, or CSV for a list (a Page model) when Accept prefers it; 406 (a
    problem) when Accept takes neither."""
    offers = [JSON, CSV] if is_page(model) else [JSON]
    found = best_match(request.headers.get("accept"), offers)
    if found is None:
        raise Problem(406, f"this resource can be had as {' or '.join(offers)}", "not-acceptable",
                      headers={"Vary": "Accept"})
    return found


def acceptable(request: Request) -> None:
    """A dependency of every /api route: 406 when Accept takes none of the route's media types."""
    route = request.scope.get("route")
    media(request, getattr(route, "response_model", None))


def is_page(model: type[BaseModel] | None) -> bool:
    return model is not None and "items" in model.model_fields and "total" in model.model_fields


def _item_model(page: type[BaseModel]) -> type[BaseModel]:
    return typing.get_args(page.model_fields["items"].annotation)[0]


def columns(page: type[BaseModel]) -> list[tuple[str, str]]:
    """(key, how) of the item model's keys a cell can hold: plain, ref, period, list."""
    out = []
    for name, field in _item_model(page).model_fields.items():
        annotation = field.annotation
        key = field.alias or name
        if typing.get_origin(annotation) is list:
            [inner] = typing.get_args(annotation)
            if inner in PLAIN or (isinstance(inner, type) and issubclass(inner, BaseModel)
                                  and "id" in inner.model_fields):
                out.append((key, "list"))
            continue
        kinds = set(typing.get_args(annotation) or (annotation,)) - {type(None)}
        if kinds <= PLAIN:
            out.append((key, "plain"))
        elif len(kinds) == 1:
            [kind] = kinds
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if "id" in kind.model_fields:
                    out.append((key, "ref"))
                elif "text" in kind.model_fields and "from" in {f.alias for f in kind.model_fields.values()}:
                    out.append((key, "period"))
    return out


def _cell(value: object, how: str) -> object:
    if value is None:
        return ""
    if how == "ref":
        return value["id"]
    if how == "period":
        return value["text"] or ""
    if how == "list":
        return "; ".join(str(v["id"] if isinstance(v, dict) else v) for v in value)
    return value


def csv_body(page: type[BaseModel], answer: dict) -> bytes:
    """The CSV of a list answer (the JSON the page model dumped)."""
    found = columns(page)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([key for key, _ in found])
    for item in answer["items"]:
        row = []
        for key, how in found:
            value = _cell(item.get(key), how)
            if key == "notation" and value:
                value = code((item.get("programme") or {}).get("id") if isinstance(item.get("programme"), dict)
                             else item.get("programme") or "", value)
            row.append(value)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")
