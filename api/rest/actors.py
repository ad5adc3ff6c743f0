"""/api/actors: the parties, optionally filtered by name (actors.rq, paged in SPARQL), and one party with the
actions it leads, partners in, or is responsible for (actor.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.rest import models
from api.rest.routing import detail, listing, parameters, per_subject
from api.rest.shapes import actor_detail_json, actor_json

router = APIRouter(tags=["REST"])


@router.get("/actors", response_model=models.PartyPage, summary="Parties, optionally filtered by name",
            openapi_extra=parameters("actors", listing=models.PartyPage), responses=problems.responses(410, 422, 503))
def list_actors(request: Request) -> Response:
    return listing(request, "actors", "actor", per_subject("actor", actor_json), lambda item: item["iri"],
                   models.PartyPage)


@router.get("/actors/{id}", response_model=models.PartyDetail, summary="One party and the actions it leads, partners in, or is responsible for",
            openapi_extra=parameters("actor", ("actor",), False), responses=problems.responses(404, 410, 422, 503))
async def get_actor(request: Request, id: str) -> Response:
    return await detail(request, "actor", "actor", id, "party", per_subject("actor", actor_detail_json),
                        models.PartyDetail)
