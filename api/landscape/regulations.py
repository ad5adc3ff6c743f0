"""GET /api/regulations and /api/regulations/{id}: laws, schemes, agreements and covenants, with what
rests on them (programmes, actions) and the dated claims about them (regulations.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api import problems
from api.queries import ParamError, slug
from api.routing import labelled_detail, labelled_list, parameters
from api.shapes import Entity, amount_json, best_label, item_key, labels, natural_key, sourced_ref, sources, texts
from api.store import Solutions

router = APIRouter()
KINDS = ("law", "subsidy-scheme", "incentive-scheme", "scheme", "agreement", "covenant")


def regulation_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    kind_rows = entity.parts.get("kind", [])
    kind = next((r["item"] for r in kind_rows if "item" in r), None)
    kind_nl = best_label(r["value"] for r in kind_rows if "value" in r)
    _, kind_en = labels(kind_rows)
    resting = [sourced_ref(item, rows) for item, rows in entity.items("restsOn").items()]
    claims = []
    for item, rows in entity.items("claim").items():
        first = rows[0]
        claims.append({
            "id": slug(item), "kind": first["claimKind"].value if "claimKind" in first else None,
            "statement": first["value"].value if "value" in first else None,
            "amount": amount_json(first),
            "date": first["date"].value if "date" in first else None,
            "sources": sources(rows),
        })
    alt = {t["text"] for t in texts(entity.parts.get("altLabel", []))} - {name}
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "kind": {"id": slug(kind), "name": kind_nl, "nameEn": kind_en} if kind is not None else None,
        "notes": texts(entity.parts.get("note", [])),
        "restingOnIt": sorted(resting, key=item_key),
        "claims": sorted(claims, key=lambda c: (c["date"] is None, c["date"] or "", natural_key(c["id"]))),
        "sources": sources(entity.parts.get("label", []) + entity.parts.get("altLabel", [])
                           + entity.parts.get("kind", [])),
    }


def _check_kind(rows: Solutions, request: Request) -> None:
    """422 for a kind that exists but is no kind of regulation (an unknown kind is refused before)."""
    kind = request.query_params.get("kind")
    if kind is None:
        return
    if not any(r.get("part") is not None and r["part"].value == "kindKnown" and "item" in r for r in rows.rows):
        raise ParamError("kind", f"{kind!r} is no kind of regulation (known: {', '.join(KINDS)}); "
                                 "/api/initiatives lists initiatives of every kind", choices=list(KINDS))


@router.get("/regulations", summary="Laws, schemes, agreements and covenants, with what rests on them and their claims",
            openapi_extra=parameters("regulations", ("regulation",)), responses=problems.responses(422, 503))
def list_regulations(request: Request) -> Response:
    return labelled_list(request, "regulations", "regulation", regulation_json,
                         lambda r: ((r["name"] or "").casefold(), r["id"]), lambda rows: _check_kind(rows, request))


@router.get("/regulations/{id}", summary="One law, scheme, agreement or covenant",
            openapi_extra=parameters("regulations", ("regulation", "kind"), False),
            responses=problems.responses(404, 422, 503))
async def get_regulation(request: Request, id: str) -> Response:
    return await labelled_detail(request, "regulations", "regulation", id, "regulation", regulation_json)
