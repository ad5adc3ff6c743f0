"""GET /api/regulations and /api/regulations/{id}: laws, schemes, agreements and covenants, with what
rests on them (programmes, actions) and the dated claims about them (regulations.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import ParamError
from api.rest.initiatives import initiative_json
from api.rest import models
from api.rest.routing import detail, labelled, listing, parameters
from api.rest.shapes import Entity
from api.store.contract import Solutions

router = APIRouter(tags=["REST: landscape"])
KINDS = ("law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant")
REGULATION_KEYS = ("id", "iri", "name", "nameEn", "altNames", "kind", "notes", "restingOnIt", "claims", "sameAs", "pages",
                   "bwbId", "sources")


def regulation_json(entity: Entity) -> dict:
    """An initiative of a regulation kind, as /api/initiatives shapes it, with the keys of this route."""
    shaped = initiative_json(entity)
    return {key: shaped[key] for key in REGULATION_KEYS}


def _check_kind(rows: Solutions, request: Request) -> None:
    """422 for a kind that exists but is no kind of regulation (an unknown kind is refused before)."""
    kind = request.query_params.get("kind")
    if kind is None:
        return
    if not any(r.get("part") is not None and r["part"].value == "kindKnown" and "item" in r for r in rows.rows):
        raise ParamError("kind", f"{kind!r} is no kind of regulation (known: {', '.join(KINDS)}); "
                                 "/api/initiatives lists initiatives of every kind", choices=list(KINDS))


@router.get("/regulations", response_model=models.RegulationPage, summary="Laws, schemes, agreements and covenants, with what rests on them and their claims",
            openapi_extra=parameters("regulations", ("regulation",), listing=models.RegulationPage), responses=problems.responses(410, 422, 503))
def list_regulations(request: Request) -> Response:
    return listing(request, "regulations", "regulation", labelled("regulation", regulation_json),
                         lambda r: ((r["name"] or "").casefold(), r["id"]), models.RegulationPage,
                   lambda rows: _check_kind(rows, request))


@router.get("/regulations/{id}", response_model=models.Regulation, summary="One law, scheme, agreement or covenant",
            openapi_extra=parameters("regulations", ("regulation", "kind"), False),
            responses=problems.responses(404, 410, 422, 503))
async def get_regulation(request: Request, id: str) -> Response:
    return await detail(request, "regulations", "regulation", id, "regulation", labelled("regulation", regulation_json),
                        models.Regulation)
