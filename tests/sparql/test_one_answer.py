"""One answer everywhere: where a cookbook query (examples/*.rq) and a REST route answer the same question, they
give the same answer on the real build; optional data (a number, a notation) is optional in every query, so no
entity drops out of an answer for lacking it."""
from __future__ import annotations

import re

import pytest

from api.sparql.cookbook import recipes
from plan2018_fixtures import built

RECIPES = {recipe.slug: recipe for recipe in recipes()}
ID = "https://ltkg.example.org/id/"



def answer(slug: str) -> list[dict[str, str | None]]:
    result = built().store.query(RECIPES[slug].query)
    names = [v.value for v in result.variables]
    return [{name: (row[name].value if row[name] is not None else None) for name in names} for row in result]


def slug(iri: str) -> str:
    return iri.rpartition("/")[2]


def everything(real, path: str, **params) -> list[dict]:
    response = real.get(path, params={**params, "limit": 1000})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_white_spots_of_the_report_cookbook_07_equals_api_white_spots(real):
    """07 once required a number and lost 'Bekwaam is bevoegd' (final report lines 2068-2070), which Deel 5
    does not number: 5 spots against the route's 6."""
    cookbook = {slug(row["spot"]) for row in answer("07-white-spots-and-verdicts")}
    route = {candidate["id"] for item in real.get("/api/white-spots").json()["items"]
             for candidate in item["reportCandidates"]}
    assert cookbook == route and "bekwaam-is-bevoegd" in cookbook and len(cookbook) == 6
    rows = answer("07-white-spots-and-verdicts")
    assert rows[-1]["number"] is None and slug(rows[-1]["spot"]) == "bekwaam-is-bevoegd"  # unnumbered last


def test_uncovered_themes_cookbook_06_equals_the_computed_gaps_of_api_white_spots(real):
    cookbook = {slug(row["theme"]) for row in answer("06-uncovered-themes")}
    route = {item["theme"]["id"] for item in real.get("/api/white-spots").json()["items"] if item["computed"]["gap"]}
    assert cookbook == route and cookbook


def test_who_leads_what_cookbook_01_equals_the_leads_of_api_actions(real):
    cookbook = {(slug(row["action"]), slug(row["party"])) for row in answer("01-who-leads-what")}
    route = {(item["id"], lead["id"]) for item in everything(real, "/api/actions") for lead in item["leads"]}
    assert cookbook == route and len(cookbook) > 44


def test_actions_the_final_report_is_silent_about_are_langer_thuis_actions_of_api_actions(real):
    cookbook = {slug(row["action"]) for row in answer("10-final-report-silent")}
    route = {item["id"] for item in everything(real, "/api/actions", programme="langer-thuis")}
    assert cookbook and cookbook <= route


@pytest.mark.parametrize("slug_", RECIPES)
def test_no_recipe_requires_a_notation_or_a_number(slug_):
    """skos:notation and ltkg:number are optional data (wozo-intermezzo has no number): a recipe reads them only
    inside OPTIONAL, so no entity without one drops out of its answer."""
    text = re.sub(r"#[^\n]*", "", RECIPES[slug_].query)
    for match in re.finditer(r"(skos:notation|ltkg:number)\s+\?", text):
        assert _inside_optional(text, match.start()), f"{slug_} requires {match.group(1)}"


def _inside_optional(text: str, at: int) -> bool:
    """Whether position `at` lies inside an OPTIONAL { … } block."""
    blocks: list[bool] = []  # one per open brace: whether it opens an OPTIONAL
    i = 0
    while i < at:
        if text.startswith("OPTIONAL", i):
            i = text.index("{", i) + 1
            blocks.append(True)
            continue
        if text[i] == "{":
            blocks.append(False)
        elif text[i] == "}" and blocks:
            blocks.pop()
        i += 1
    return any(blocks)
