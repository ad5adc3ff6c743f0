"""GET /api/regions and /api/regions/{id}: the regions whose regional plans the 2024 report analysed
(regions.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import problems
from api.cache import cached_json
from api.queries import slug
from api.routing import labelled_detail, page, parameters, query_values, run
from api.shapes import Entity, group, integer, labels, sources, texts

router = APIRouter()


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


@router.get("/regions", summary="The regions whose regional plans the 2024 report analysed",
            openapi_extra=parameters("regions", ("region",)), responses=problems.responses(422, 503))
def list_regions(request: Request) -> Response:
    def compute() -> dict:
        rows = run(request, "regions", query_values(request, "regions", "region"))
        items = [region_json(e) for e in group(rows, "region") if e.parts.get("label")]
        return page(request, sorted(items, key=_region_key))
    return cached_json(request, compute)


@router.get("/regions/{id}", summary="One region and its regional plan",
            openapi_extra=parameters("regions", ("region",), False), responses=problems.responses(404, 422, 503))
async def get_region(request: Request, id: str) -> Response:
    return await labelled_detail(request, "regions", "region", id, "region", region_json)
