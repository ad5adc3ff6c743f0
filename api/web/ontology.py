"""/ontology: the ontology's documentation for people (the terms of ontology/ltkg.ttl, in Dutch and English)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api import linked_data

router = APIRouter(include_in_schema=False)


@router.get("/ontology", response_class=HTMLResponse)
def ontology_page() -> HTMLResponse:
    return HTMLResponse(linked_data.ontology_html())
