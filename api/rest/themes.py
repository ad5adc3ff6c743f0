"""GET /api/themes and /api/themes/{id}: the themes (indicator categories, interview and conclusion
themes of the 2024 report) with the actions the editors classified under them (themes.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import slug
from api.rest import models
from api.rest.routing import detail, labelled, listing, parameters
from api.rest.shapes import Entity, best_label, item_key, labels, natural_key, sourced_ref, sources, texts

router = APIRouter(tags=["REST: landscape"])
_ORIGIN_ORDER = {"indicator-category": 0, "interview-theme": 1, "conclusion-theme": 2}


def theme_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    alt = {t["text"] for t in texts(entity.parts.get("altLabel", []))} - {name}
    actions = [sourced_ref(item, rows) for item, rows in entity.items("action").items()]

    def refs(part: str) -> list[dict]:
        out = [{"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r),
                "sources": sources(rows)} for item, rows in entity.items(part).items()]
        return sorted(out, key=lambda e: natural_key(e["id"]))
    programmes = sorted({a["programme"] for a in actions if "programme" in a}, key=natural_key)
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "origins": sorted({r["value"].value for r in entity.parts.get("origin", []) if "value" in r}),
        "notes": texts(entity.parts.get("note", [])),
        "coverageInPlans": texts(entity.parts.get("coverageInPlans", [])),
        "related": refs("related"),
        "indicators": refs("indicator"),
        "whiteSpots": refs("whiteSpot"),
        "programmes": programmes,
        "actions": sorted(actions, key=item_key),
        "sources": sources(entity.parts.get("label", []) + entity.parts.get("origin", [])),
    }


def _theme_key(theme: dict) -> tuple:
    return (min((_ORIGIN_ORDER.get(o, 3) for o in theme["origins"]), default=3), (theme["name"] or "").casefold())


@router.get("/themes", response_model=models.ThemePage, summary="Themes (indicator categories, interview and conclusion themes) with the actions "
                               "classified under them",
            openapi_extra=parameters("themes", ("theme",), listing=models.ThemePage), responses=problems.responses(410, 422, 503))
def list_themes(request: Request) -> Response:
    return listing(request, "themes", "theme", labelled("theme", theme_json), _theme_key, models.ThemePage)


@router.get("/themes/{id}", response_model=models.Theme, summary="One theme",
            openapi_extra=parameters("themes", ("theme",), False), responses=problems.responses(404, 410, 422, 503))
async def get_theme(request: Request, id: str) -> Response:
    return await detail(request, "themes", "theme", id, "theme", labelled("theme", theme_json), models.Theme)
