"""Candidate owners of a theme, and of a theme in one programme: the parties best placed to take up a white
spot. Computed by the project from the graph, not a statement of any document (METHOD says how, and
/api/coverage and the workbench show it beside every list).

A party is a candidate for a theme when it carries an action or action line that the editors classified under
the theme, in any programme; for an action line that names no party (IZA, GALA and TAZ name their initiators,
not who carries a line) the programme's initiators stand in, at the lowest weight. Then, at half weight, the
same on the themes the editors relate to it (skos:related). A party's score adds, per item, the weight of its
best role there; candidates are ranked by their score on the theme itself, then on related themes, then name, and
each carries the items it rests on with the quotes that name it there. The regional plans add no candidate: the
report reads them together and names no party in them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from api.queries import slug

if TYPE_CHECKING:
    from api.rest.matrix import Facts

ROLE_WEIGHTS = {"lead": 3, "responsible": 3, "partner": 2, "commissioner": 2, "contributor": 1, "consulted": 1,
                "involved": 1, "initiator": 0.5}
RELATED_FACTOR = 0.5
TIERS = ("programme", "theme", "related")  # a cell's own programme, the theme in any programme, related themes
LIMIT = 12  # candidates listed per row; `ownersTotal` counts them all
ITEMS = 5  # items shown per candidate, the weightiest first; `itemsTotal` counts them all
METHOD = ("Computed by this project from the graph, not stated by the documents: parties that carry an action or "
          "action line the editors classified under the theme, in any programme, weighted by their role there "
          "(lead or responsible 3, partner or commissioner 2, consulted, contributor or involved 1; for an action "
          "line that names no party, the initiators of its programme, 0.5), then parties on the themes the "
          "editors relate to it (skos:related) at half weight. Ranked by the score in a cell's own programme, then on "
          "the theme in any programme, then on related themes. The regional plans name no party, so they add none.")


class Owners:
    """Candidate owners per theme and per (theme, programme), over the facts of the coverage matrix."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self.evidence: dict[str, dict] = {}
        self.items_of = {theme: sorted({slug(r["item"]) for r in parts.get("action", [])} & facts.units.keys())
                         for theme, parts in facts.themes.items()}
        self._rows: dict[str, list[dict]] = {}

    def parties(self, ident: str) -> list[dict]:
        """Who carries a classified item; for an item naming none, its programme's initiators."""
        if ident not in self.evidence:
            self.evidence[ident] = self.facts.evidence(ident)
        found = self.evidence[ident]["parties"]
        return found or self.facts.initiator_refs(self.facts.units[ident]["programme"])

    def collect(self, scope: list[tuple[str, str]], programme: str | None = None) -> list[dict]:
        """Ranked candidates from the items of these (theme, tier) pairs, of one programme if given."""
        found: dict[str, dict] = {}
        for theme, tier in scope:
            factor = RELATED_FACTOR if tier == "related" else 1.0
            for ident in self.items_of.get(theme, []):
                unit = self.facts.units[ident]
                if programme is not None and unit["programme"] != programme:
                    continue
                about = self.evidence.get(ident) or self.facts.evidence(ident)
                for party in self.parties(ident):
                    entry = found.setdefault(party["id"], {
                        "party": {"id": party["id"], "name": party["name"], "type": party.get("type")},
                        "tier": tier, "score": 0.0, "scores": dict.fromkeys(TIERS, 0.0), "roles": set(),
                        "programmes": set(), "items": []})
                    if any(i["id"] == ident for i in entry["items"]):
                        continue  # classified under the theme and a related one: counted once, at the first
                    entry["tier"] = min(entry["tier"], tier, key=TIERS.index)
                    weight = max(ROLE_WEIGHTS.get(r, 1) for r in party["roles"]) * factor
                    entry["score"] += weight
                    entry["scores"][tier] += weight
                    entry["roles"] |= set(party["roles"])
                    entry["programmes"].add(unit["programme"])
                    entry["items"].append({"id": ident, "type": unit["type"], "programme": unit["programme"],
                                           "notation": about["notation"], "name": about["name"], "theme": theme,
                                           "tier": tier, "roles": sorted(party["roles"]),
                                           "sources": party["sources"][:1]})
        out = []
        for entry in found.values():
            entry["items"].sort(key=lambda i: (TIERS.index(i["tier"]), -max(ROLE_WEIGHTS.get(r, 1) for r in i["roles"])))
            entry["itemsTotal"] = len(entry["items"])
            del entry["items"][ITEMS:]
            entry.update(score=round(entry["score"], 2), programmes=sorted(entry["programmes"]),
                         scores={t: round(v, 2) for t, v in entry["scores"].items() if v},
                         roles=sorted(entry["roles"], key=lambda r: (-ROLE_WEIGHTS.get(r, 1), r)))
            out.append(entry)
        out.sort(key=lambda e: tuple(-e["scores"].get(t, 0) for t in TIERS) + (e["party"]["name"].casefold(),))
        for rank, entry in enumerate(out, 1):
            entry["rank"] = rank
        return out

    def of_theme(self, theme: str) -> list[dict]:
        """Every candidate of a theme row, ranked, each with its evidence."""
        if theme not in self._rows:
            scope = [(theme, "theme")] + [(r, "related") for r in self.facts.related_themes(theme)]
            self._rows[theme] = self.collect(scope)
        return self._rows[theme]

    def of_cell(self, theme: str, programme: str) -> list[dict]:
        """The first LIMIT [{party (its id), name, rank, tier, score, items?}] of one cell: the parties on the theme in this
        programme first (tier `programme`, with the ids of their items), then the row's other candidates (their evidence in
        the row's owners)."""
        own = self.collect([(theme, "programme")], programme)
        mine = {e["party"]["id"] for e in own}
        out = [{"party": e["party"]["id"], "name": e["party"]["name"], "tier": "programme", "score": e["score"],
                "items": [i["id"] for i in e["items"]]} for e in own]
        out += [{"party": e["party"]["id"], "name": e["party"]["name"], "tier": e["tier"], "score": e["score"]}
                for e in self.of_theme(theme) if e["party"]["id"] not in mine]
        return [{**entry, "rank": rank} for rank, entry in enumerate(out[:LIMIT], 1)]


def row(owners: Owners, theme: str) -> dict:
    """A row's fields: owners (the first LIMIT, with evidence), ownersTotal, ownersMethod."""
    found = owners.of_theme(theme)
    return {"owners": found[:LIMIT], "ownersTotal": len(found), "ownersMethod": METHOD}
