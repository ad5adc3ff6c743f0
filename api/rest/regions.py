"""GET /api/regions and /api/regions/{id}: the regions whose regional plans the 2024 report analysed
(regions.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import slug
from api.rest import models
from api.rest.routing import detail, labelled, listing, parameters
from api.rest.shapes import Entity, integer, labels, sources, texts

router = APIRouter(tags=["REST: landscape"])


def region_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    plans = []
    for item, rows in entity.items("plan").items():
        plan_name, plan_en = labels(rows)
        plans.append({"id": slug(item), "name": plan_name, "nameEn": plan_en,
                      "number": next((integer(r["number"]) for r in rows if "number" in r), None),
                      "sources": sources(rows)})
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "notes": texts(entity.parts.get("note", [])),
        "regionalPlans": sorted(plans, key=lambda p: (p["number"] or 0, p["id"])),
        "sources": sources(entity.parts.get("label", [])),
    }


def _region_key(region: dict) -> tuple:
    numbers = [p["number"] for p in region["regionalPlans"] if p["number"] is not None]
    return (min(numbers) if numbers else 10**6, region["id"])


@router.get("/regions", response_model=models.RegionPage, summary="The regions whose regional plans the 2024 report analysed",
            openapi_extra=parameters("regions", ("region",), listing=models.RegionPage), responses=problems.responses(410, 422, 503))
def list_regions(request: Request) -> Response:
    return listing(request, "regions", "region", labelled("region", region_json), _region_key, models.RegionPage)


@router.get("/regions/{id}", response_model=models.Region, summary="One region and its regional plan",
            openapi_extra=parameters("regions", ("region",), False), responses=problems.responses(404, 410, 422, 503))
async def get_region(request: Request, id: str) -> Response:
    return await detail(request, "regions", "region", id, "region", labelled("region", region_json), models.Region)
