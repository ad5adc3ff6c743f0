"""/api/actions: the actions, filtered by programme, action line, goal, party or text (actions.rq, paged in
SPARQL), and one action with its parties, milestone and sources (action.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.rest import models
from api.rest.routing import detail, listing, parameters, per_subject
from api.rest.shapes import action_json, action_key

router = APIRouter(tags=["REST"])


@router.get("/actions", response_model=models.ActionPage, summary="Actions, filtered by programme, action line, goal, party or text",
            openapi_extra=parameters("actions", listing=models.ActionPage), responses=problems.responses(410, 422, 503))
def list_actions(request: Request) -> Response:
    return listing(request, "actions", "action", per_subject("action", action_json), action_key,
                   models.ActionPage)


@router.get("/actions/{id}", response_model=models.Action, summary="One action with its parties, milestone and sources",
            openapi_extra=parameters("action", ("action",), False), responses=problems.responses(404, 410, 422, 503))
async def get_action(request: Request, id: str) -> Response:
    return await detail(request, "action", "action", id, "action", per_subject("action", action_json),
                        models.Action)
