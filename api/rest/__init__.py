"""The REST lookups under /api: one module per thing served, each over a named query (api/queries/*.rq).

    index.py         /api: the build it answers from (version, hash) and the routes
    programmes.py    /api/programmes, /api/programmes/{id}       (programmes.rq)
    actors.py        /api/actors, /api/actors/{id}               (actors.rq, actor.rq)
    actions.py       /api/actions, /api/actions/{id}             (actions.rq, action.rq)

    initiatives.py   /api/initiatives, /api/initiatives/{id}     (initiatives.rq)
    regulations.py   /api/regulations, /api/regulations/{id}     (regulations.rq): the initiatives of a
                     regulation kind (law, scheme, agreement, covenant)
    regions.py       /api/regions, /api/regions/{id}             (regions.rq)
    themes.py        /api/themes, /api/themes/{id}               (themes.rq)
    coverage.py      /api/coverage                               (coverage.rq)
    comparison.py    /api/comparison: the 2024 report's own reading per theme x programme (comparison.rq)
                     /api/white-spots                            (white-spots.rq)
    lineage.py       /api/programmes/{id}/lineage                (lineage.rq)
    metrics.py       /api/metrics/parties: network measures (networkx) over participations.py's reading

What they share: routing.py (running a named query for a request, parameters, paging, list and detail
routes), shapes.py (rows to JSON), models.py (the answers' pydantic models: the schemas of /openapi.json and
the shape every answer is made through), tables.py (JSON or CSV by Accept, 406 otherwise), matrix.py (the
coverage matrix, also the workbench's), openapi.py and examples.py (/openapi.json with an example for every
route, /docs and /redoc).

Each handler runs one named query and shapes its rows: lists answer {items,
total, limit, offset}; an unknown id answers 404, a bad parameter 422, both as application/problem+json.

Every item carries its sources: `sources` lists, for the facts it is made of, either a citation
{"kind": "citation", "document", "lines": [first, last], "quote"} or an editorial assertion
{"kind": "editorial", "id", "rationale"} (a claim of the project's editors, not of a document: the
succession of programmes, continuations, theme classifications, translated labels).
"""
from __future__ import annotations

from fastapi import APIRouter, Depends

from api.rest import (actions, actors, comparison, coverage, index, initiatives, lineage, metrics, programmes,
                      regions, regulations, tables, themes)

router = APIRouter(prefix="/api", dependencies=[Depends(tables.acceptable)])  # 406 for what Accept refuses
index.install(router)
for _module in (programmes, actors, actions, initiatives, regulations, regions, themes, coverage, comparison,
                lineage, metrics):
    router.include_router(_module.router)
