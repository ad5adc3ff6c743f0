"""GET /api/programmes/{id}/lineage: a programme's lineage (lineage.rq): what it is part of and its
parts (documentary), what it succeeds and what succeeds it (editorial: the project's premise, with
the quotes it rests on as evidence and how strong they are), the continuations of its actions in later
programmes, and the named initiatives it uses that continue or scale up an earlier one or are continued
by a later one (`initiatives`, documentary: each with its citation)."""
from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import problems
from api.queries import slug
from api.rest import models
from api.rest.routing import detail, labelled
from api.rest.shapes import Entity, best_label, is_editorial, labels, natural_key, ref, sources
from api.store.contract import Term

router = APIRouter(tags=["REST: landscape"])


def lineage_json(entity: Entity) -> dict:
    name, english = labels(entity.parts.get("label", []))

    def links(part: str, evidence_part: str | None = None) -> list[dict]:
        evidence: dict[Term, list] = defaultdict(list)
        if evidence_part:
            for row in entity.parts.get(evidence_part, []):
                if "item" in row:
                    evidence[row["item"]].append(row)
        out = []
        for item, rows in entity.items(part).items():
            found = sources(rows)
            entry = {"id": slug(item), "name": best_label(r["value"] for r in rows if "value" in r),
                     "editorial": is_editorial(found), "sources": found}
            if evidence_part:
                entry["evidence"] = sources(evidence.get(item, []))
                strength = next((r["strength"] for r in rows if r.get("strength") is not None), None)
                entry["evidenceStrength"] = slug(strength) if strength is not None else None
            out.append(entry)
        return sorted(out, key=lambda e: natural_key(e["id"]))

    continuations = []
    sides: dict[Term, dict[str, dict]] = defaultdict(dict)
    for row in entity.parts.get("continuationSide", []):
        if "item" not in row or "side" not in row or "node" not in row:
            continue
        side = sides[row["item"]].setdefault(row["side"].value, {"node": row["node"], "rows": []})
        side["rows"].append(row)
    stated: dict[Term, list] = defaultdict(list)  # the documentary statements that state a continuation
    for row in entity.parts.get("continuationStatedBy", []):
        stated[row["item"]].append(row)
    for item, rows in entity.items("continuation").items():
        found = sources(rows)
        name_nl, name_en = labels(rows)
        strength = next((row["strength"] for row in rows if "strength" in row), None)
        entry = {"id": slug(item), "name": name_nl, "nameEn": name_en,
                 "editorial": is_editorial(found), "sources": found,
                 "evidenceStrength": slug(strength) if strength is not None else None,
                 "statedBy": sources(stated.get(item, []))}
        for side_name in ("earlier", "later"):
            side = sides.get(item, {}).get(side_name)
            if side is None:
                entry[side_name] = None
                continue
            node_ref = ref(side["node"], side["rows"], type_key="nodeType", programme_key="nodeProgramme")
            node_ref["sources"] = sources(side["rows"])
            entry[side_name] = node_ref
        continuations.append(entry)
    continuations.sort(key=lambda c: (natural_key((c["earlier"] or {}).get("id")), c["id"]))
    initiatives: dict[tuple, list] = defaultdict(list)
    for row in entity.parts.get("initiativeContinuation", []):
        if "item" in row and "node" in row and "relation" in row:
            initiatives[(slug(row["item"]), row["side"].value, row["relation"].value.rsplit("/", 1)[1],
                         slug(row["node"]))].append(row)
    return {
        "id": slug(entity.node), "iri": entity.node.value, "name": name, "nameEn": english,
        "partOf": links("partOf"), "parts": links("hasPart"),
        "succeeds": links("succeeds", "succeedsEvidence"),
        "succeededBy": links("succeededBy", "succeededByEvidence"),
        "continuations": continuations,
        "initiatives": [{"id": item, "side": side, "relation": relation, "other": {"id": other, "name": best_label(
                             r.get("value") for r in rows)}, "sources": sources(rows)}
                        for (item, side, relation, other), rows in sorted(initiatives.items())],
    }


@router.get("/programmes/{id}/lineage", response_model=models.Lineage,
            summary="A programme's lineage: part of (documentary), succession (editorial) and action-level continuations",
            responses=problems.responses(404, 410, 422, 503))
async def programme_lineage(request: Request, id: str) -> Response:
    return await detail(request, "lineage", "programme", id, "programme", labelled("programme", lineage_json),
                        models.Lineage)
