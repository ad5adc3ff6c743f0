"""GET /api/initiatives and /api/initiatives/{id}: the register of named initiatives (laws and schemes,
programmes, campaigns, frameworks, guidelines, motions, pilots, reports, funds, ...) with their kind,
every spelling, who runs or funds them, their period, what mentions or rests on them, what they
continue or scale up, and the claims about them with structured amounts (initiatives.rq)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import ParamError, slug
from api.rest import models
from api.rest.routing import detail, labelled, listing, parameters
from api.rest.shapes import (Entity, amount_json, best_label, item_key, labels, natural_key, period_json, sourced_ref,
                             sources, texts)
from api.store.contract import Solutions

router = APIRouter(tags=["REST: landscape"])


def _links(entity: Entity, part: str) -> list[dict]:
    """The other initiatives this one continues (or that continue it), with the relation and sources."""
    out = []
    for item, rows in entity.items(part).items():
        for relation in sorted({r["relation"].value.rsplit("/", 1)[1] for r in rows if "relation" in r}):
            of = [r for r in rows if "relation" in r and r["relation"].value.endswith("/" + relation)]
            out.append({"id": slug(item), "name": best_label(r["value"] for r in of if "value" in r),
                        "relation": relation, "sources": sources(of)})
    return sorted(out, key=lambda link: (natural_key(link["id"]), link["relation"]))


def _claims(entity: Entity) -> list[dict]:
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
    return sorted(claims, key=lambda c: (c["date"] is None, c["date"] or "", natural_key(c["id"])))


def initiative_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))
    kind_rows = entity.parts.get("kind", [])
    kind = next((r["item"] for r in kind_rows if "item" in r), None)
    _, kind_en = labels(kind_rows)

    def parties(part: str) -> list[dict]:
        return sorted(({"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r),
                        "sources": sources(rows)} for item, rows in entity.items(part).items()),
                      key=lambda p: natural_key(p["id"]))

    alt = {t["text"] for t in texts(entity.parts.get("altLabel", []))} - {name}
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "altNames": sorted(alt, key=lambda s: (s.casefold(), s)),
        "kind": {"id": slug(kind), "name": best_label(r["value"] for r in kind_rows if "value" in r),
                 "nameEn": kind_en} if kind is not None else None,
        "runBy": parties("runBy"),
        "fundedBy": parties("fundedBy"),
        "period": period_json(entity.parts.get("period", []), entity.parts.get("fromYear", []),
                              entity.parts.get("toYear", [])),
        "mentionedBy": sorted((sourced_ref(i, r) for i, r in entity.items("mentionedBy").items()), key=item_key),
        "restingOnIt": sorted((sourced_ref(i, r) for i, r in entity.items("restingOnIt").items()), key=item_key),
        "continues": _links(entity, "continues"),
        "continuedBy": _links(entity, "continuedBy"),
        "claims": _claims(entity),
        "notes": texts(entity.parts.get("note", [])),
        # links to outside registers (graph/registers.py): a law's LiDO IRI, wetten.overheid.nl address, BWB id
        "sameAs": sorted({r["value"].value for r in entity.parts.get("sameAs", [])}),
        "pages": sorted({r["value"].value for r in entity.parts.get("page", [])}),
        "bwbId": min((r["value"].value for r in entity.parts.get("bwbId", [])), default=None),
        "sources": sources(entity.parts.get("label", []) + entity.parts.get("altLabel", []) + kind_rows),
    }


def _check_kind(rows: Solutions, request: Request) -> None:
    """The kind, if given, exists (an id of another kind is refused before the query runs)."""
    kind = request.query_params.get("kind")
    if kind is not None and not any(r.get("part") is not None and r["part"].value == "kindKnown" for r in rows.rows):
        raise ParamError("kind", f"unknown kind of initiative {kind!r}")


@router.get("/initiatives", response_model=models.InitiativePage, summary="Named initiatives (laws, schemes, programmes, campaigns, frameworks, reports, ...), "
                                    "filtered by kind or programme",
            openapi_extra=parameters("initiatives", ("initiative",), listing=models.InitiativePage), responses=problems.responses(410, 422, 503))
def list_initiatives(request: Request) -> Response:
    return listing(request, "initiatives", "initiative", labelled("initiative", initiative_json),
                         lambda r: ((r["name"] or "").casefold(), r["id"]), models.InitiativePage,
                   lambda rows: _check_kind(rows, request))


@router.get("/initiatives/{id}", response_model=models.Initiative, summary="One named initiative, with what mentions, rests on or continues it",
            openapi_extra=parameters("initiatives", ("initiative", "kind", "programme"), False),
            responses=problems.responses(404, 410, 422, 503))
async def get_initiative(request: Request, id: str) -> Response:
    return await detail(request, "initiatives", "initiative", id, "initiative", labelled("initiative", initiative_json),
                        models.Initiative)
