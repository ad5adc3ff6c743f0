"""GET /glossary: the words the views use, explained for an analyst (documentary and editorial, the roles,
¶, thin and covered, communities, betweenness, white spots, candidate owners …). Every view links here by
its "?"; each term has an anchor (/glossary#betweenness) that tooltips and panels link to.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.http import frame
from api.rest.owners import METHOD as OWNERS_METHOD

router = APIRouter(tags=["visualisation"])

# (anchor, term, Dutch wording in the sources or None, explanation); grouped by heading
TERMS: list[tuple[str, list[tuple[str, str, str | None, str]]]] = [
    ("Where a fact comes from", [
        ("documentary", "documentary", None,
         "Stated by a source document: the fact cites the document, its lines and a verbatim quote, checked "
         "against the text at every build. Click the line reference to read it in the source reader."),
        ("editorial", "editorial", None,
         "A reading by the project's editors, not a statement of the documents, always with the editors' "
         "rationale: for instance which theme an action belongs to, or which programme's column a bullet of the "
         "2024 report's slides stands in."),
        ("computed", "computed", None,
         "Worked out by this project from the graph (a count, a score, a ranking), neither stated by the documents "
         "nor an editors' reading. Candidate owners and the network measures are computed."),
        ("pilcrow", "¶ (in a matrix cell)", None,
         "The 2024 report's own side-by-side reading of the programmes exists for this theme and programme; the "
         "cell's panel quotes it."),
    ]),
    ("Who does what: roles", [
        ("lead", "lead", "Trekker", "The party that leads an action (the plan's “Trekker” column)."),
        ("partner", "partner", "i.s.m. (in samenwerking met)", "A party that works on an action without leading it."),
        ("consulted", "consulted", "in overleg met", "A party the lead consults on an action."),
        ("responsible", "responsible", "verantwoordelijk", "The plan's annex names the parties that carry an action."),
        ("contributor", "contributor", "inbreng", "A party that contributes input to an action."),
        ("commissioner", "commissioner", "in opdracht van", "The party on whose behalf an action is carried out."),
        ("involved", "involved", None,
         "A party the documents name at an action or action line without a role (WOZO's report names no leads)."),
        ("initiator", "initiator", "Initiatiefnemers",
         "A party the 2024 report names as initiator of a programme or agreement (IZA, GALA, WOZO, TAZ). IZA, GALA "
         "and TAZ name their initiators, not who carries each action line; the views draw them beside the "
         "programme."),
    ]),
    ("Coverage and white spots", [
        ("white-spot", "white spot", "witte vlek",
         "A theme that no programme or regional plan covers well enough. The 2024 report names possible white "
         "spots and the werkorganisatie's verdict on some; the workbench sets its own count beside them."),
        ("classified-item", "classified item", None,
         "An action (Langer Thuis, WOZO) or, for a programme without actions (IZA, GALA, TAZ), an action line that "
         "the editors classified under a theme (editorial)."),
        ("no-coverage", "no coverage (○ 0)", None, "No classified item of the programme is on the theme."),
        ("thin", "thin (◔ 1)", None, "Exactly one classified item is on the theme: one action can stall."),
        ("covered", "covered (● 2 and more)", None, "Two or more classified items are on the theme."),
        ("not-applicable", "n/a", None,
         "The column does not apply, e.g. counting actions in a programme that has only action lines, or no item "
         "of the programme meets the filters."),
        ("disagreement", "disagreement (⚠)", None,
         "The report's reading and the computed coverage differ, e.g. the report calls a theme covered (‘belegd’) "
         "and no classified item is on it. Judged on the whole matrix (every programme, no filter), because the "
         "report spoke of the whole field; with filters set, a note says what the filtered cells would show, "
         "marked as relative to the filter."),
        ("candidate-owner", "candidate owner", None, OWNERS_METHOD),
    ]),
    ("The network pictures", [
        ("community", "community (Louvain)", None,
         "Parties that often share actions form a community; the Louvain method finds them on the graph of "
         "parties and the actions they share (fixed seed, so the same graph gives the same communities). A "
         "party's colour is its community; the numbers have no meaning beyond telling groups apart."),
        ("betweenness", "betweenness", None,
         "How often a party lies on the shortest paths between other parties and actions: a high value marks a "
         "broker through whom programmes and parties connect."),
        ("bridge", "bridges programmes (red ring)", None, "The party works in more than one programme."),
        ("node-size", "node size", None, "The number of actions the party leads."),
        ("depth", "depth (a party's network)", None,
         "1: the party, its actions and the parties it shares them with; 2 and 3: one step further out each."),
        ("lineage", "documentary and editorial links (lineage)", None,
         "Solid: the documents say one programme continues another; dashed: the editors' reading, with its "
         "rationale and how strong the evidence is."),
    ]),
]


@router.get("/glossary", response_class=HTMLResponse,
            summary="Glossary: the words of the views explained (documentary, editorial, roles, ¶, thin, "
                    "communities, betweenness, white spot, candidate owner)")
def glossary() -> HTMLResponse:
    return frame.page("glossary.html", title="Glossary", active=None, groups=TERMS)
