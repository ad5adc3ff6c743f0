"""REST routes of the policy landscape around Langer Thuis, one module per thing they serve:

    initiatives.py   /api/initiatives, /api/initiatives/{id}     (initiatives.rq)
    regulations.py   /api/regulations, /api/regulations/{id}     (regulations.rq): the initiatives of a
                     regulation kind (law, scheme, agreement, covenant)
    regions.py       /api/regions, /api/regions/{id}             (regions.rq)
    themes.py        /api/themes, /api/themes/{id}               (themes.rq)
    coverage.py      /api/coverage                               (coverage.rq)
    comparison.py    /api/comparison: the 2024 report's own reading per theme x programme (comparison.rq)
                     /api/white-spots                            (white-spots.rq)
    lineage.py       /api/programmes/{id}/lineage                (lineage.rq)

Each handler runs one named query and shapes its rows, as api/rest.py does: lists answer {items,
total, limit, offset}; an unknown id answers 404, a bad parameter 422, both as application/problem+json.

Every item carries its sources: `sources` lists, for the facts it is made of, either a citation
{"kind": "citation", "document", "lines": [first, last], "quote"} or an editorial assertion
{"kind": "editorial", "id", "rationale"} (a claim of the project's editors, not of a document: the
succession of programmes, continuations, theme classifications, translated labels).
"""
from __future__ import annotations

from fastapi import APIRouter

from api.landscape import comparison, coverage, initiatives, lineage, regions, regulations, themes

router = APIRouter(prefix="/api", tags=["REST: landscape"])
for _module in (initiatives, regulations, regions, themes, coverage, comparison, lineage):
    router.include_router(_module.router)
