"""/api/programmes: the programmes with their signatories, action lines and goals (programmes.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.rest import models
from api.rest.routing import detail, labelled, listing, parameters
from api.rest.shapes import natural_key, programme_json

router = APIRouter(tags=["REST"])


@router.get("/programmes", response_model=models.ProgrammePage, summary="Programmes with signatories, action lines and goals",
            openapi_extra=parameters("programmes", exclude=("programme",), listing=models.ProgrammePage), responses=problems.responses(410, 422, 503))
def list_programmes(request: Request) -> Response:
    return listing(request, "programmes", "programme", labelled("programme", programme_json),
                   lambda item: natural_key(item["id"]), models.ProgrammePage)


@router.get("/programmes/{id}", response_model=models.Programme, summary="One programme",
            openapi_extra=parameters("programmes", ("programme",), False), responses=problems.responses(404, 410, 422, 503))
async def get_programme(request: Request, id: str) -> Response:
    return await detail(request, "programmes", "programme", id, "programme", labelled("programme", programme_json),
                        models.Programme)
