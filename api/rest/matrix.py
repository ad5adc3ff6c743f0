"""The coverage matrix behind GET /api/coverage and the workbench /viz/coverage: one computation over
the rows of coverage.rq (what is classified under which theme, who carries it, which document says so,
the report's reading of the regional plans) and white-spots.rq (the report's possible white spots and
verdicts).

Three axes:
- theme-programme: a cell counts the actions or action lines of a programme classified under a theme
  (editorial classification). `level` says what is counted: `item` (what the editors classified: actions
  where a programme has them, else action lines), `action` (a programme without actions is not
  applicable, never a gap), `action-line` (an action line covers a theme when it, or one of its actions,
  is classified under it).
- theme-plan and category-plan: the 2024 report reads the ten regional plans together and never says
  which plan addresses what; a cell carries the report's wording ("in alle regioplannen") and what it
  implies for each plan: all of them, none, or some (which ones the report does not say).

Beside each row, the report's own reading (its possible white spot, the werkorganisatie's verdict or open
question, quoted) and, where the computed coverage and the report disagree, a `disagreement`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from api.queries import ParamError, slug
from api.rest import owners
from api.rest.participations import key as role_key
from api.rest.shapes import Row, best_label, integer, labels, natural_key, sources, texts
from api.store.contract import Solutions, Term
from graph.ns import LTKG

AXES = ("theme-programme", "theme-plan", "category-plan")
LEVELS = ("item", "action", "action-line")
THIN = 1  # one covering item is thin coverage; more is covered
RELATIONS = {str(LTKG.mentions): "mentions", str(LTKG.restsOn): "restsOn"}  # an item's link to an initiative
_ORIGINS = {"indicator-category": 0, "interview-theme": 1, "conclusion-theme": 2}
CLASSIFICATION_BASIS = ("editorial: each action's or action line's themes are the editors' classification "
                        "(id/editorial/theme-class-*), not a statement of the documents")
PLAN_BASIS = ("documentary: the 2024 report's wording of how many of the ten analysed regional plans address a "
              "theme or indicator; the report never says which plans, so a cell holds for every plan alike: "
              "all, none, or some (not named)")

# How many plans a wording of the report speaks of, first match wins (tests/web/test_coverage_view.py checks that
# every wording in the graph is read). Shares from none to all; "some" covers few, several and "not all".
SHARES = ("none", "few", "some", "half", "most", "almost all", "all")
_SHARE_RULES = [
    ("none", r"\bniet (gevonden|benoemd)\b"),
    ("few", r"\b(weinig|zelden|matig)\b"),
    ("some", r"\bniet (in )?(alle|overal)\b|\bmaar niet alle\b|\bdie aandacht hebben\b"),
    ("almost all", r"\b(vrijwel|bijna) alle\b"),
    ("all", r"\balle\b"),
    ("most", r"\b(meeste|veel|vaak|groot deel)\b"),
    ("half", r"\bhelft\b"),
    ("some", r"\b(sommige|aantal|meerdere|paar)\b"),
]


def share(wording: str) -> str | None:
    """The share of the plans a wording of the report speaks of (SHARES), None if it is not read."""
    text = wording.casefold()
    return next((name for name, rule in _SHARE_RULES if re.search(rule, text)), None)


@dataclass
class Choice:
    """What a request asks for (validated against the graph by Facts.check)."""
    axis: str = "theme-programme"
    level: str = "item"
    programmes: list[str] = field(default_factory=list)
    document: str | None = None
    party_type: str | None = None


# -- the facts of the graph ---------------------------------------------------------------------------------
class Facts:
    """The rows of coverage.rq and white-spots.rq, by what they are about."""

    def __init__(self, rows: Solutions, spots: Solutions):
        self.programmes: dict[str, list[Row]] = defaultdict(list)
        self.documents: dict[str, list[Row]] = defaultdict(list)
        self.party_types: dict[str, list[Row]] = defaultdict(list)
        self.initiative_kinds: dict[str, list[Row]] = defaultdict(list)
        self.units: dict[str, dict] = {}
        self.plans: dict[str, dict] = {}
        self.themes: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        self.indicators: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        self.titles: dict[str, list[Row]] = defaultdict(list)
        self.parties: dict[str, list[Row]] = defaultdict(list)
        self.initiatives: dict[str, list[Row]] = defaultdict(list)
        self.classifications: dict[str, list[Row]] = defaultdict(list)
        self.initiators: dict[str, list[Row]] = defaultdict(list)  # programme -> its initiators' rows
        for row in rows.rows:
            self._read(row)
        self.spots = spots_by_theme(spots)

    def _read(self, row: Row) -> None:
        part = row["part"].value
        item = slug(row["item"]) if "item" in row else None
        if part == "programme":
            self.programmes[item].append(row)
        elif part == "document":
            self.documents[item].append(row)
        elif part == "partyType":
            self.party_types[slug(row["target"])].append(row)
        elif part == "initiativeKind":
            self.initiative_kinds[slug(row["target"])].append(row)
        elif part == "unit":
            unit = self.units.setdefault(item, {"id": item, "type": _type(row), "programme": slug(row["itemProgramme"]),
                                                "rows": []})
            unit["rows"].append(row)
            if "target" in row:
                unit["line"] = slug(row["target"])
        elif part == "plan":
            self.plans[item] = {"id": item, "number": integer(row.get("notation")), "region": slug(row["target"]),
                                "name": row["value"].value if "value" in row else item}
        elif part == "title":
            self.titles[item].append(row)
        elif part == "party":
            self.parties[item].append(row)
        elif part == "initiator":
            self.initiators[item].append(row)
        elif part == "initiative":
            self.initiatives[item].append(row)
        elif part == "indicator" or (part == "reading" and item):
            self.indicators[item][part].append(row)
        else:
            self.themes[slug(row["theme"])][part].append(row)
            if part == "action":
                self.classifications[item].append(row)

    # -- what a request may ask for
    def classified_programmes(self) -> list[str]:
        found = {slug(r["itemProgramme"]) for parts in self.themes.values() for r in parts.get("action", [])}
        return sorted(found, key=natural_key)

    def check(self, choice: Choice) -> Choice:
        unknown = [p for p in choice.programmes if p not in self.programmes]
        if unknown:
            known = sorted(self.programmes, key=natural_key)
            raise ParamError("programme", f"unknown programme {', '.join(map(repr, unknown))} "
                                          f"(known: {', '.join(known)})", choices=known)
        if choice.document is not None and choice.document not in self.documents:
            known = sorted(self.documents)
            raise ParamError("document", f"unknown document {choice.document!r} (known: {', '.join(known)})",
                             choices=known)
        if choice.party_type is not None and choice.party_type not in self.party_types:
            known = sorted(self.party_types)
            raise ParamError("partyType", f"unknown party type {choice.party_type!r} (known: {', '.join(known)})",
                             choices=known)
        if not choice.programmes and choice.axis == "theme-programme":
            choice.programmes = self.classified_programmes()
        return choice

    def options(self) -> dict:
        """The values the filters take, with their names."""
        def named(rows_by_id: dict[str, list[Row]]) -> list[dict]:
            out = []
            for ident, rows in rows_by_id.items():
                name, english = labels(rows)
                out.append({"id": ident, "name": name or ident, "nameEn": english})
            return sorted(out, key=lambda o: (o["nameEn"] or o["name"]).casefold())
        return {"programmes": [self.programme_ref(p) for p in sorted(self.programmes, key=natural_key)],
                "documents": named(self.documents), "partyTypes": named(self.party_types)}

    def programme_ref(self, ident: str) -> dict:
        name, english = labels(self.programmes.get(ident, []))
        return {"id": ident, "name": name, "nameEn": english}

    # -- rows
    def theme_ref(self, ident: str) -> dict:
        parts = self.themes[ident]
        name, english = labels(parts.get("label", []))
        return {"id": ident, "name": name, "nameEn": english,
                "origins": sorted({r["value"].value for r in parts.get("origin", [])}, key=_ORIGINS.get),
                "sources": sources(parts.get("label", []))}

    def theme_ids(self) -> list[str]:
        """The themes in the report's order of presentation: categories, interview, conclusion themes."""
        def key(ident: str) -> tuple:
            ref = self.theme_ref(ident)
            return (min((_ORIGINS.get(o, 3) for o in ref["origins"]), default=3), (ref["name"] or "").casefold())
        return sorted((t for t, parts in self.themes.items() if parts.get("label")), key=key)

    def related_themes(self, ident: str) -> list[str]:
        """The labelled themes the editors relate to this one (skos:related), by id."""
        found = {slug(r["target"]) for r in self.themes.get(ident, {}).get("related", [])}
        return sorted(t for t in found if t != ident and self.themes[t].get("label"))

    def initiator_refs(self, programme: str) -> list[dict]:
        """The initiators of a programme as parties of an item: {id, name, roles: [initiator], type, sources}."""
        by_party: dict[str, list[Row]] = defaultdict(list)
        for row in self.initiators.get(programme, []):
            by_party[slug(row["target"])].append(row)
        return [{"id": p, "name": best_label(r.get("value") for r in rows) or p, "roles": ["initiator"],
                 "type": next((slug(r["targetType"]) for r in rows if "targetType" in r), None),
                 "sources": sources(rows)} for p, rows in sorted(by_party.items())]

    # -- what is behind a cell
    def initiative_refs(self, rows: list[Row]) -> list[dict]:
        """[{id, name, nameEn, kind: {id, name, nameEn} | None, relations, sources}] of the initiatives in rows
        (parts initiative and comparisonMention), by name."""
        by_id: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_id[slug(row["target"])].append(row)
        out = []
        for ident, of in by_id.items():
            name, english = labels(of)
            kind = next((slug(r["targetType"]) for r in of if "targetType" in r), None)
            kind_name, kind_en = labels(self.initiative_kinds.get(kind, []))
            out.append({"id": ident, "name": name or ident, "nameEn": english,
                        "kind": {"id": kind, "name": kind_name, "nameEn": kind_en} if kind else None,
                        "relations": sorted({RELATIONS[r["role"].value] for r in of if "role" in r}),
                        "sources": sources(of)})
        return sorted(out, key=lambda i: (i["name"].casefold(), i["id"]))

    def evidence(self, ident: str) -> dict:
        """An item's title as the documents give it, its parties (role, type), the initiatives it mentions or
        rests on, the documents citing it and the editors' classification of it (one assertion for all its
        themes)."""
        unit = self.units[ident]
        parties: dict[str, dict] = {}
        for row in self.parties.get(ident, []):
            party = parties.setdefault(slug(row["target"]), {"id": slug(row["target"]), "names": [], "roles": set(),
                                                               "type": None, "rows": []})
            party["names"].append(row.get("value"))
            party["roles"].add(role_key(row["role"]))  # lead, partner, consulted …: the role's local name
            if "targetType" in row:
                party["type"] = slug(row["targetType"])
            party["rows"].append(row)
        title_sources = sources(self.titles.get(ident, []))
        party_list = [{"id": p["id"], "name": best_label(p["names"]) or p["id"], "roles": sorted(p["roles"]),
                       "type": p["type"], "sources": sources(p["rows"])}
                      for p in sorted(parties.values(), key=lambda p: natural_key(p["id"]))]
        documents = {s["document"] for s in title_sources if s["kind"] == "citation"}
        documents |= {s["document"] for p in party_list for s in p["sources"] if s["kind"] == "citation"}
        out = {"id": ident, "type": unit["type"], "programme": unit["programme"],
               "name": best_label(r.get("value") for r in unit["rows"]),
               "notation": next((r["notation"].value for r in unit["rows"] if "notation" in r), None),
               "titleSources": title_sources, "parties": party_list,
               "initiatives": self.initiative_refs(self.initiatives.get(ident, [])),
               "classification": sources(self.classifications.get(ident, [])),
               "partyTypes": sorted({p["type"] for p in party_list if p["type"]}),
               "documents": sorted(documents)}
        if "line" in unit:
            out["actionLine"] = unit["line"]
        return out


def _type(row: Row) -> str:
    return "action" if row["itemType"].value == str(LTKG.Action) else "actionLine"


def white_spot_json(item: Term, rows: list[Row]) -> dict:
    """One possible white spot of the report, as /api/white-spots and the matrix's rows give it."""
    by_part: dict[str, list] = defaultdict(list)
    for row in rows:
        by_part[row["part"].value].append(row)
    name, english = labels(by_part.get("spotLabel", []))
    verdicts = texts(by_part.get("verdict", []))
    questions = texts(by_part.get("openQuestion", []))
    addressed = defaultdict(list)
    for row in by_part.get("possiblyAddressedBy", []):
        if "target" in row:
            addressed[slug(row["target"])].append(row)
    outside = defaultdict(list)  # initiatives outside the graph's programmes the verdict relies on
    for row in by_part.get("verdictRestsOn", []):
        if "target" in row:
            outside[slug(row["target"])].append(row)
    return {
        "id": slug(item), "name": name, "nameEn": english,
        "statements": texts(by_part.get("statement", [])),
        "verdict": verdicts[0] if verdicts else None,
        "openQuestion": questions[0] if questions else None,
        "notes": texts(by_part.get("spotNote", [])),
        "possiblyAddressedBy": [{"programme": p, "sources": sources(r)} for p, r in sorted(addressed.items())],
        "verdictRestsOn": [{"id": ident, "name": best_label(r["value"] for r in rows if "value" in r),
                            "sources": sources(rows)} for ident, rows in sorted(outside.items())],
        "sources": sources(by_part.get("spotLabel", [])),
    }


def spots_by_theme(spots: Solutions) -> dict[str, list[dict]]:
    """Theme id -> its possible white spots (white-spots.rq), each as white_spot_json gives it, by id."""
    by_theme: dict[str, dict[Term, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for row in spots.rows:
        part = row["part"].value
        if part in ("spotLabel", "statement", "verdict", "openQuestion", "spotNote", "possiblyAddressedBy", "verdictRestsOn"):
            by_theme[slug(row["theme"])][row["item"]].append(row)
    return {theme: sorted((white_spot_json(item, rows) for item, rows in items.items()), key=lambda c: c["id"])
            for theme, items in by_theme.items()}


# -- the report's reading beside a row, and where it disagrees ------------------------------------------
def report_reading(candidates: list[dict]) -> dict:
    """{whiteSpots, reading}: reading is `covered` (a verdict that calls it 'belegd'), `verdict` (another
    verdict), `open-question`, `candidate` (named a possible white spot, no conclusion) or None."""
    reading = None
    if candidates:
        reading = "candidate"
        if any(c["openQuestion"] for c in candidates):
            reading = "open-question"
        verdicts = [c["verdict"]["text"] for c in candidates if c["verdict"]]
        if verdicts:
            reading = "covered" if all("belegd" in v for v in verdicts) else "verdict"
    return {"whiteSpots": candidates, "reading": reading}


def covered_outside(reading: str | None, covered: bool, candidates: list[dict]) -> dict | None:
    """Where the report judges a theme covered that no item of the graph's programmes covers, by programmes or
    studies outside them that its verdict names: no disagreement, coverage outside the programmes in this graph."""
    outside = [i for c in candidates for i in c.get("verdictRestsOn", [])]
    if reading != "covered" or covered or not outside:
        return None
    names = ", ".join(dict.fromkeys(i["name"] or i["id"] for i in outside))
    return {"kind": "covered-outside", "initiatives": outside,
            "text": f"Covered outside the programmes in this graph, as the werkorganisatie's verdict says: {names}."}


def disagreement(reading: str | None, covered: bool, count: int, where: str,
                 candidates: list[dict] = ()) -> dict | None:
    """Where the computed coverage and the report disagree (None where they do not, or where the report's verdict
    rests on programmes outside the graph: covered_outside)."""
    if covered_outside(reading, covered, list(candidates)):
        return None
    if reading == "covered" and not covered:
        return {"kind": "report-covered-computed-gap",
                "text": f"The werkorganisatie judges this theme covered (‘belegd’), but {where} covers it."}
    if reading is None and not covered:
        return {"kind": "computed-gap-not-in-report",
                "text": f"{where[0].upper()}{where[1:]} covers this theme, and the report names no white spot here."}
    if reading in ("candidate", "open-question") and covered:
        return {"kind": "report-candidate-computed-covered",
                "text": f"The report names a possible white spot without a verdict; {count} covering item(s) here."}
    return None


# -- theme x programme --------------------------------------------------------------------------------------
class _Members:
    """The items a cell counts at a level: each with the classified items that make it count."""

    def __init__(self, facts: Facts, level: str):
        self.facts, self.level = facts, level
        self.has_actions = {u["programme"] for u in facts.units.values() if u["type"] == "action"}

    def applicable(self, programme: str) -> str | None:
        """Why a programme's column does not apply at this level, or None."""
        if self.level == "action" and programme not in self.has_actions:
            return "no actions (the programme has action lines only)"
        return None

    def of(self, theme_rows: list[Row], programme: str) -> dict[str, dict]:
        """{counted item id: {ref, through: [classified item ids], classification sources}}."""
        out: dict[str, dict] = {}
        classified: dict[str, list[Row]] = defaultdict(list)
        for row in theme_rows:
            classified[slug(row["item"])].append(row)
        for ident, rows in classified.items():
            unit = self.facts.units.get(ident)
            if unit is None or unit["programme"] != programme:
                continue
            if self.level == "action" and unit["type"] != "action":
                continue
            counted = ident
            if self.level == "action-line" and unit["type"] == "action":
                counted = unit.get("line")
                if counted is None:
                    continue
            entry = out.setdefault(counted, {"id": counted, "through": [], "sources": []})
            entry["through"].append(ident)
            entry["sources"] += sources(rows)
        return out

    def units_of(self, programme: str) -> list[str]:
        """Every classified item of the programme that could make a cell count (for the filters' n/a)."""
        found = set()
        for parts in self.facts.themes.values():
            for row in parts.get("action", []):
                ident = slug(row["item"])
                unit = self.facts.units.get(ident)
                if unit and unit["programme"] == programme and not (self.level == "action" and unit["type"] != "action"):
                    found.add(ident)
        return sorted(found, key=natural_key)


def passes(evidence: dict, choice: Choice) -> bool:
    """Whether a classified item meets the filters (the page's coverage.js applies the same rule)."""
    if choice.document is not None and choice.document not in evidence["documents"]:
        return False
    return choice.party_type is None or choice.party_type in evidence["partyTypes"]


def theme_programme(facts: Facts, choice: Choice) -> dict:
    members = _Members(facts, choice.level)
    evidence = {ident: facts.evidence(ident) for ident in
                {slug(r["item"]) for parts in facts.themes.values() for r in parts.get("action", [])}
                if ident in facts.units}
    columns = []
    for programme in choice.programmes:
        units = members.units_of(programme)
        reason = members.applicable(programme)
        if reason is None and units and not any(passes(evidence[u], choice) for u in units):
            reason = "no classified item of this programme meets the filters"
        if reason is None and not units:
            reason = "nothing of this programme is classified"
        unit_name = {"action": "actions", "action-line": "action lines"}.get(choice.level)
        if unit_name is None:
            unit_name = "actions" if programme in members.has_actions else "action lines"
        columns.append({**facts.programme_ref(programme), "unit": unit_name, "classified": units,
                        "notApplicable": reason})
    items = []
    for theme in facts.theme_ids():
        parts = facts.themes[theme]
        cells = []
        for column in columns:
            found = members.of(parts.get("action", []), column["id"])
            kept = [m for m in found.values() if any(passes(evidence[t], choice) for t in m["through"])]
            actions = []
            for member in sorted(kept, key=lambda m: natural_key(m["id"])):
                unit = facts.units[member["id"]]
                actions.append({"id": member["id"], "type": unit["type"], "programme": unit["programme"],
                                "name": best_label(r.get("value") for r in unit["rows"]),
                                "notation": next((r["notation"].value for r in unit["rows"] if "notation" in r), None),
                                "through": sorted(member["through"], key=natural_key),
                                "sources": member["sources"], "editorial": True})
            count = len(actions)
            state = ("not-applicable" if column["notApplicable"] else
                     "none" if count == 0 else "thin" if count <= THIN else "covered")
            comparison = [r for r in parts.get("comparison", []) if slug(r["itemProgramme"]) == column["id"]]
            mentioned = [r for r in parts.get("comparisonMention", []) if slug(r["itemProgramme"]) == column["id"]]
            cells.append({"programme": column["id"], "count": count, "state": state, "actions": actions,
                          "report": texts(comparison), "reportMentions": facts.initiative_refs(mentioned)})
        applicable = [c for c in cells if c["state"] != "not-applicable"]
        covering = [c["programme"] for c in applicable if c["count"]]
        report = report_reading(facts.spots.get(theme, []))
        count = sum(c["count"] for c in applicable)
        matched: dict[str, list[Row]] = defaultdict(list)
        for row in parts.get("comparisonMatch", []):
            matched[slug(row["item"])].append(row)
        items.append({"theme": facts.theme_ref(theme), "covered": bool(covering), "coveredBy": covering,
                      "count": count, "cells": cells, "report": report,
                      "comparisonThemes": [{"id": ident, "name": best_label(r.get("value") for r in rows),
                                            "sources": sources(rows)} for ident, rows in sorted(matched.items())],
                      "disagreement": disagreement(report["reading"], bool(covering), count,
                                                   "no classified action or action line of these programmes",
                                                   report["whiteSpots"]),
                      "coveredOutside": covered_outside(report["reading"], bool(covering), report["whiteSpots"])})
    items.sort(key=lambda i: (i["covered"], (i["theme"]["name"] or "").casefold()))
    return {"columns": columns, "items": items, "evidence": evidence, "basis": CLASSIFICATION_BASIS}


# -- theme x plan, category x plan --------------------------------------------------------------------------
def plan_cells(readings: list[dict], plans: list[dict]) -> tuple[str, list[str], list[dict]]:
    """(state, the shares read, one cell per plan) of a row's readings."""
    shares = sorted({r["share"] for r in readings if r["share"]}, key=SHARES.index)
    if not readings:
        state = "no-reading"
    elif shares == ["all"]:
        state = "all"
    elif shares == ["none"]:
        state = "none"
    else:
        state = "some"
    return state, shares, [{"plan": p["id"], "state": state} for p in plans]


def _readings(rows: list[Row]) -> list[dict]:
    out = texts(rows)
    for reading in out:
        reading["share"] = share(reading["text"])
        reading["editorial"] = all(s["kind"] == "editorial" for s in reading["sources"])
    return out


def plan_matrix(facts: Facts, choice: Choice) -> dict:
    plans = sorted(facts.plans.values(), key=lambda p: (p["number"] or 0, p["id"]))
    items = []

    def row(kind: str, ident: str, ref: dict, reading_rows: list[Row], parent: str | None = None) -> dict:
        readings = _readings(reading_rows)
        state, shares, cells = plan_cells(readings, plans)
        out = {"row": {"kind": kind, "id": ident, **({"category": parent} if parent else {})}, "theme": ref,
               "state": state, "shares": shares, "readings": readings, "cells": cells}
        if kind != "indicator":
            report = report_reading(facts.spots.get(ident, []))
            out["report"] = report
            out["disagreement"] = None
            if readings:
                out["disagreement"] = disagreement(report["reading"], state != "none", len(readings),
                                                   "the report's analysis of the regional plans finds no plan that")
                if out["disagreement"] and out["disagreement"]["kind"] == "report-candidate-computed-covered":
                    out["disagreement"] = None  # the report's doubt is about these same plans: no contradiction
        return out

    for theme in facts.theme_ids():
        ref = facts.theme_ref(theme)
        category = "indicator-category" in ref["origins"]
        if choice.axis == "category-plan" and not category:
            continue
        main = row("category" if choice.axis == "category-plan" else "theme", theme, ref,
                   facts.themes[theme].get("reading", []))
        items.append(main)
        if not category:
            continue
        indicators = [(i, parts) for i, parts in facts.indicators.items()
                      if parts.get("indicator") and slug(parts["indicator"][0]["theme"]) == theme]
        below = []
        for ident, parts in sorted(indicators, key=lambda p: integer(p[1]["indicator"][0].get("notation")) or 0):
            name, english = labels(parts["indicator"])
            below.append(row("indicator", ident, {"id": ident, "name": name, "nameEn": english,
                                                  "sources": sources(parts["indicator"])},
                             parts.get("reading", []), parent=theme))
        states = [i["state"] for i in below]
        main["indicatorStates"] = {s: states.count(s) for s in ("all", "some", "none", "no-reading")}
        if choice.axis == "category-plan":
            items += below
    columns = [{"id": p["id"], "name": p["name"], "number": p["number"], "region": p["region"]} for p in plans]
    return {"columns": columns, "items": items, "shares": list(SHARES), "basis": PLAN_BASIS}


def evidence_of(items: list[dict], evidence: dict[str, dict]) -> list[dict]:
    """The evidence of the classified items behind the cells of these rows, by id."""
    wanted = {t for item in items for cell in item["cells"] for a in cell["actions"] for t in a["through"]}
    return [evidence[i] for i in sorted(wanted, key=natural_key)]


def compute(facts: Facts, choice: Choice) -> dict:
    """The matrix of one axis for the choice (Facts.check'ed), unpaged."""
    out = theme_programme(facts, choice) if choice.axis == "theme-programme" else plan_matrix(facts, choice)
    out["axis"] = choice.axis
    out["choice"] = {"level": choice.level, "programme": choice.programmes, "document": choice.document,
                     "partyType": choice.party_type}
    out["options"] = facts.options()
    add_owners(facts, out)
    return out


def add_owners(facts: Facts, data: dict) -> None:
    """Each row's candidate owners (api/rest/owners.py) and, across programmes, each cell's; an indicator's are
    its category's (`ownersOf`)."""
    found = owners.Owners(facts)
    for item in data["items"]:
        theme = item["row"].get("category") or item["row"]["id"] if "row" in item else item["theme"]["id"]
        item.update(owners.row(found, theme), ownersOf=theme)
        for cell in item["cells"]:
            if "programme" in cell:
                cell["owners"] = found.of_cell(theme, cell["programme"])
