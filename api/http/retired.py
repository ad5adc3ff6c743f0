"""Retired ids at serving time (graph/retired.py keeps the register and checks it at build): an id that was
renamed answers 301 Moved Permanently to its successor's address, one that was removed 410 Gone (a problem),
for the REST routes, /id and /doc, and the filters that take ids."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request

from api.http.problems import Moved, Problem
from graph import retired


def check(request: Request, kind: str, slug: str, moved_to: callable) -> None:
    """Nothing for an id that is not retired; else Moved(moved_to(new kind, new slug)) or a 410 Problem."""
    register = retired.served(request.app.state.settings.current)
    key = f"{kind}/{slug}"
    if key not in register:
        return
    successor = register[key]
    if successor is None:
        raise Problem(410, f"{key} named an entity that has been removed (graph/data/retired-ids.yaml)", "gone")
    new_kind, _, new_slug = successor.partition("/")
    raise Moved(moved_to(new_kind, new_slug))


def in_path(request: Request, slug: str) -> callable:
    """moved_to for a route whose path holds the id as one segment: the same path with the new id."""
    def moved_to(_kind: str, new_slug: str) -> str:
        parts = request.url.path.split("/")
        return str(request.url.replace(path="/".join(new_slug if p == slug else p for p in parts)))
    return moved_to


def in_query(request: Request, name: str, value: str) -> callable:
    """moved_to for a filter: the same URL with the parameter's value replaced by the new id."""
    def moved_to(_kind: str, new_slug: str) -> str:
        items = [(k, new_slug if k == name and v.strip() == value else v) for k, v in request.query_params.multi_items()]
        return str(request.url.replace(query=urlencode(items)))
    return moved_to
