"""Synthetic graphs of the same shape as build/current/ltkg.nq, for benchmarks.

Same classes, properties and layout as the real build: every fact sits in a named graph that is its
citation (https://ltkg.example.org/id/citation/{doc}-l{first}-{last}-{hash}), each citation is
described (type, document, lines, quote) in graph/provenance, curated facts sit in editorial graphs,
and the ontology in graph/ontology. Programmes and agreements have signatories, action lines and
goals; actions have a programme, action line, goal, number, notation, title, label, a milestone with
an optional date, and parties by role (lead, partner, responsible, involved) both as shortcuts and as
prov:qualifiedAssociation nodes; every spelling of a party met in a source is a cited skos:altLabel.

    python -m bench.synth                       # scale 1.0 (about 1.05 M quads) to bench/out/synth-1-42.nq
    python -m bench.synth --scale 0.1 --seed 7 --out /tmp/small.nq

Deterministic: the same scale, seed and ontology/ltkg.ttl (copied in as graph/ontology) give the
same bytes. The output is sorted and free of
duplicates, like `ltkg build`'s dump. Beside it, `<out>.ids.json` lists ids to look up (programmes,
actors, actions, action lines, goals, search words), for bench/run.py.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path

BASE = "https://ltkg.example.org/"
DEF = BASE + "def/"
ID = BASE + "id/"
GRAPH_ONTOLOGY = BASE + "graph/ontology"
GRAPH_PROVENANCE = BASE + "graph/provenance"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "ltkg.ttl"

PARTY_TYPES = ["ministry", "government-body", "municipality", "association", "professional-association",
               "client-organisation", "insurer", "care-office", "knowledge-institute"]
_PREFIX = {"ministry": "Ministerie van", "government-body": "College voor", "municipality": "Gemeente",
           "association": "Vereniging", "professional-association": "Beroepsvereniging",
           "client-organisation": "Stichting", "insurer": "Zorgverzekeraar", "care-office": "Zorgkantoor",
           "knowledge-institute": "Kenniscentrum"}
_SYLLABLES = ["zorg", "welzijn", "thuis", "wonen", "oud", "hulp", "buurt", "mantel", "sport", "netwerk",
              "kracht", "samen", "vitaal", "senior", "dorp", "stad", "regio", "dienst", "raad", "plein",
              "hof", "veld", "brug", "lint", "kern", "licht", "haven", "bron", "gaard", "kamp"]
_WORDS = ["versterken", "ondersteuning", "mantelzorgers", "ouderen", "thuis", "wonen", "respijtzorg",
          "gemeenten", "zorgverzekeraars", "wijkverpleging", "dementie", "eenzaamheid", "preventie",
          "samenwerking", "regio", "vrijwilligers", "cliëntondersteuning", "langer", "zelfstandig",
          "digitale", "zorgtechnologie", "huisartsen", "specialist", "ouderengeneeskunde", "Wmo", "Wlz",
          "Zvw", "toegankelijk", "bevorderen", "monitoren", "kennis", "delen", "netwerken", "pilots",
          "evalueren", "woningbouw", "levensloopbestendig", "valpreventie", "sociale", "omgeving"]


# -- N-Quads terms -----------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, lang: str | None = None) -> str:
    return f'"{_esc(text)}"@{lang}' if lang else f'"{_esc(text)}"'


def typed(text: str, datatype: str) -> str:
    return f'"{_esc(text)}"^^<{XSD}{datatype}>'


def integer(value: int) -> str:
    return typed(str(value), "integer")


T = iri(RDF_TYPE)
P = {name: iri(DEF + name) for name in (
    "programme", "actionLine", "goal", "number", "period", "milestone", "milestoneText", "date", "signatory",
    "lead", "partner", "responsible", "involved", "firstLine", "lastLine", "quote", "rationale", "fileName")}
C = {name: iri(DEF + name) for name in (
    "Programme", "Agreement", "ActionLine", "Goal", "Action", "Milestone", "Party", "CollectiveParty",
    "Participation", "Citation", "EditorialAssertion", "SourceDocument", "Lead", "Partner", "Responsible",
    "Involved")}
PREF, ALT, NOTATION = iri(SKOS + "prefLabel"), iri(SKOS + "altLabel"), iri(SKOS + "notation")
TITLE, SOURCE, ISSUED = iri(DCT + "title"), iri(DCT + "source"), iri(DCT + "issued")
QUALIFIED, AGENT, HAD_ROLE = iri(PROV + "qualifiedAssociation"), iri(PROV + "agent"), iri(PROV + "hadRole")
ATTRIBUTED, DERIVED = iri(PROV + "wasAttributedTo"), iri(PROV + "wasDerivedFrom")
CLASSIFICATION, HAS_MEMBER = iri(ORG + "classification"), iri(ORG + "hasMember")
ROLES = {"lead": "Lead", "partner": "Partner", "responsible": "Responsible", "involved": "Involved"}


def ent(kind: str, slug: str) -> str:
    return iri(f"{ID}{kind}/{slug}")


class Writer:
    """Collects quads as N-Quads lines, and the citation graphs with their descriptions."""

    def __init__(self):
        self.lines: list[str] = []
        self.cited: set[str] = set()

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.append(f"{s} {p} {o} {g} .")

    def cite(self, doc: str, first: int, quote: str, last: int | None = None) -> str:
        """The graph IRI (N-Quads form) of a citation of lines first..last of doc, described once."""
        last = last or first
        digest = hashlib.sha1(f"{doc}\n{first}\n{last}\n{quote}".encode()).hexdigest()[:8]
        graph = ent("citation", f"{doc}-l{first}-{last}-{digest}")
        if graph not in self.cited:
            self.cited.add(graph)
            g = iri(GRAPH_PROVENANCE)
            self.quad(graph, T, C["Citation"], g)
            self.quad(graph, SOURCE, ent("document", doc), g)
            self.quad(graph, P["firstLine"], integer(first), g)
            self.quad(graph, P["lastLine"], integer(last), g)
            self.quad(graph, P["quote"], lit(quote), g)
        return graph

    def editorial(self, slug: str, rationale: str) -> str:
        graph = ent("editorial", slug)
        g = iri(GRAPH_PROVENANCE)
        self.quad(graph, T, C["EditorialAssertion"], g)
        self.quad(graph, ATTRIBUTED, ent("agent", "ltkg-editors"), g)
        self.quad(graph, P["rationale"], lit(rationale, "en"), g)
        return graph


def _ontology_lines() -> list[str]:
    """The ontology as quads in graph/ontology (parsed with pyoxigraph, which the project has)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(GRAPH_ONTOLOGY)
    return [f"{ox.Quad(t.subject, t.predicate, t.object, graph)} ."
            for t in ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def generate(scale: float = 1.0, seed: int = 42) -> tuple[list[str], dict]:
    """(sorted unique N-Quads lines, ids to look up). scale 1.0 gives about 1.05 M quads."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = random.Random(seed)
    w = Writer()
    n_docs = max(2, round(40 * scale))
    n_parties = max(12, round(3000 * scale))
    n_programmes = max(2, round(62 * scale))
    actions_per_line = (60, 105)

    # Documents, described by the editors.
    documents = [f"{2015 + i % 10}-synth-document-{i:04d}" for i in range(n_docs)]
    doc_register = w.editorial("synth-document-register", "Titles and file names of the synthetic documents.")
    for index, doc in enumerate(documents):
        node = ent("document", doc)
        w.quad(node, T, C["SourceDocument"], doc_register)
        w.quad(node, TITLE, lit(_sentence(rng, 3, 8), "nl"), doc_register)
        w.quad(node, P["fileName"], lit(f"{doc}.txt"), doc_register)
        w.quad(node, ISSUED, typed(doc[:4], "gYear"), w.cite("sources-readme", 10 + index, f"{doc}.txt"))
    next_line = {doc: 20 for doc in documents}

    def line_of(doc: str, step: int = 1) -> int:
        next_line[doc] += step
        return next_line[doc]

    # Parties: labels, type and collectives from the register; spellings cited where they are met.
    register = w.editorial("synth-party-register", "Labels and types of the synthetic parties.")
    parties: list[dict] = []
    used_names: set[str] = set()
    for i in range(n_parties):
        kind = PARTY_TYPES[min(int(rng.paretovariate(1.2)) - 1, len(PARTY_TYPES) - 1)] if i else "ministry"
        while True:
            core = _word(rng)
            name = f"{_PREFIX[kind]} {core}"
            if name not in used_names:
                used_names.add(name)
                break
        slug = f"{core.lower()}-{i}"
        abbreviation = "".join(part[0] for part in name.split()).upper() + core[:3].upper()
        node = ent("party", slug)
        w.quad(node, T, C["Party"], register)
        w.quad(node, PREF, lit(name, "nl"), register)
        if rng.random() < 0.2:
            w.quad(node, PREF, lit(f"{core} {kind.replace('-', ' ')}", "en"), register)
        w.quad(node, CLASSIFICATION, ent("party-type", kind), register)
        parties.append({"slug": slug, "node": node, "spellings": [name, abbreviation, core]})
    # A few collectives with members, and a heavy tail of activity: some parties lead many actions.
    collectives = rng.sample(parties, max(1, n_parties // 40))
    for party in collectives:
        w.quad(party["node"], T, C["CollectiveParty"], register)
        for member in rng.sample(parties, rng.randint(3, 8)):
            if member is not party:
                w.quad(party["node"], HAS_MEMBER, member["node"], register)
    cumulative, total = [], 0.0
    for rank in range(n_parties):
        total += 1.0 / (rank + 1) ** 0.8
        cumulative.append(total)

    def pick_parties(k: int) -> list[dict]:
        chosen: dict[str, dict] = {}
        while len(chosen) < k:
            party = rng.choices(parties, cum_weights=cumulative)[0]
            chosen[party["slug"]] = party
        return list(chosen.values())

    def mention(party: dict, graph: str) -> str:
        spelling = rng.choice(party["spellings"])
        w.quad(party["node"], ALT, lit(spelling, "nl"), graph)
        return spelling

    sample_rate = 4000 / (n_programmes * 4 * sum(actions_per_line) / 2)  # about 4000 action ids, spread out
    ids: dict[str, list] = {"programmes": [], "actors": [p["slug"] for p in parties], "actions": [],
                            "actionLines": [], "goals": [], "q": [], "leads": []}
    ids["q"] = sorted({p["spellings"][2].lower()[:6] for p in rng.sample(parties, min(20, n_parties))})
    # Programmes, action lines, goals, actions.
    for pi in range(n_programmes):
        doc = documents[pi % n_docs]
        pslug = f"programma-{_word(rng).lower()}-{pi}"
        ids["programmes"].append(pslug)
        programme = ent("programme", pslug)
        name = f"Programma {_word(rng)} {_sentence(rng, 1, 3).lower()}"
        src = w.cite(doc, line_of(doc), name)
        w.quad(programme, T, C["Agreement" if pi % 4 == 3 else "Programme"], src)
        w.quad(programme, PREF, lit(name, "nl"), src)
        w.quad(programme, PREF, lit(f"{name} (programme)", "en"), register)
        start = 2016 + pi % 8
        period = f"{start}-{start + rng.randint(2, 5)}"
        w.quad(programme, P["period"], lit(period), w.cite(doc, line_of(doc), f"Plan van Aanpak {period}"))
        for party in pick_parties(rng.randint(5, 15)):
            at = line_of(doc)
            spelling = rng.choice(party["spellings"])
            graph = w.cite(doc, at, spelling)
            w.quad(programme, P["signatory"], party["node"], graph)
            w.quad(party["node"], ALT, lit(spelling, "nl"), graph)
        for li in range(1, rng.randint(3, 5) + 1):
            label = _sentence(rng, 2, 6)
            lslug = f"{pslug}-{li}"
            ids["actionLines"].append(lslug)
            line_node = ent("actionline", lslug)
            src = w.cite(doc, line_of(doc, 3), f"Actielijn {li}: {label}")
            w.quad(line_node, T, C["ActionLine"], src)
            w.quad(line_node, PREF, lit(label, "nl"), src)
            w.quad(line_node, P["programme"], programme, src)
            w.quad(line_node, P["number"], integer(li), src)
            goals = []
            for gi in range(1, rng.randint(1, 4) + 1):
                text = _sentence(rng, 5, 12)
                gslug = f"{pslug}-{li}-doel-{gi}"
                goal = ent("goal", gslug)
                goals.append(goal)
                ids["goals"].append(gslug)
                sources = [w.cite(doc, line_of(doc), text)]
                if rng.random() < 0.3:  # the goal is stated twice (summary and table)
                    sources.append(w.cite(doc, 10 + gi + li * 5, text))
                for src in sources:
                    w.quad(goal, T, C["Goal"], src)
                    w.quad(goal, PREF, lit(text, "nl"), src)
                    w.quad(goal, P["actionLine"], line_node, src)
                    w.quad(goal, P["programme"], programme, src)
                    w.quad(goal, P["number"], integer(gi), src)
            for ai in range(1, rng.randint(*actions_per_line) + 1):
                notation = f"{li}.{ai}"
                aslug = f"{pslug}-{notation}"
                action = ent("action", aslug)
                if len(ids["actions"]) < 4000 and rng.random() < sample_rate:
                    ids["actions"].append(aslug)
                title = _sentence(rng, 4, 14)
                at = line_of(doc)
                src = w.cite(doc, at, title)
                w.quad(action, T, C["Action"], src)
                w.quad(action, PREF, lit(f"Actie {notation}: {title}", "nl"), src)
                w.quad(action, TITLE, lit(title, "nl"), src)
                w.quad(action, NOTATION, lit(notation), src)
                w.quad(action, P["number"], integer(ai), src)
                w.quad(action, P["programme"], programme, src)
                w.quad(action, P["actionLine"], line_node, src)
                if rng.random() < 0.7:
                    w.quad(action, P["goal"], rng.choice(goals), src)
                if rng.random() < 0.1:  # the annex repeats the title
                    w.quad(action, TITLE, lit(title, "nl"), w.cite(doc, at + 500, title))
                # The milestone column.
                due = rng.random()
                if due < 0.4:
                    year = str(start + rng.randint(0, 3))
                    text, date = f"Mijlpaal: gereed {year}", typed(year, "gYear")
                elif due < 0.6:
                    month = f"{start + rng.randint(0, 3)}-{rng.randint(1, 12):02d}"
                    text, date = f"Mijlpaal: start per {month}", typed(month, "gYearMonth")
                else:
                    text, date = rng.choice(["Ntb.", "Doorlopend", "Start najaar, looptijd 2 jaar"]), None
                msrc = w.cite(doc, at, text)
                milestone = ent("milestone", aslug)
                w.quad(action, P["milestone"], milestone, msrc)
                w.quad(milestone, T, C["Milestone"], msrc)
                w.quad(milestone, P["milestoneText"], lit(text, "nl"), msrc)
                if date:
                    w.quad(milestone, P["date"], date, msrc)
                # Parties by role: the lead and partner columns, sometimes the annex and the text.
                roles = [("lead", pick_parties(rng.choice((1, 1, 2, 2, 3))), at, None)]
                if rng.random() < 0.5:
                    roles.append(("partner", pick_parties(rng.randint(1, 3)), at, None))
                if rng.random() < 0.1:
                    roles.append(("responsible", pick_parties(rng.randint(1, 3)), at + 500, "verantwoordelijk"))
                if rng.random() < 0.1:
                    roles.append(("involved", pick_parties(rng.randint(1, 4)), at + 700, "betrokken"))
                for role, chosen, where, word in roles:
                    spellings = [rng.choice(p["spellings"]) for p in chosen]
                    quote = ", ".join(spellings) + (f" zijn {word}" if word else "")
                    graph = w.cite(doc, where, quote)
                    for party, spelling in zip(chosen, spellings):
                        node = ent("participation", f"{aslug}-{role}-{party['slug']}")
                        w.quad(action, P[role], party["node"], graph)
                        w.quad(action, QUALIFIED, node, graph)
                        w.quad(node, T, C["Participation"], graph)
                        w.quad(node, AGENT, party["node"], graph)
                        w.quad(node, HAD_ROLE, C[ROLES[role]], graph)
                        w.quad(party["node"], ALT, lit(spelling, "nl"), graph)
                        if role == "lead" and len(ids["leads"]) < 50 and party["slug"] not in ids["leads"]:
                            ids["leads"].append(party["slug"])
    lines = sorted(set(w.lines + _ontology_lines()))
    return lines, ids


def write(out: Path, scale: float = 1.0, seed: int = 42) -> tuple[int, Path]:
    """Write the dump and its ids file; returns (quads, ids path)."""
    lines, ids = generate(scale, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
        handle.write("\n")
    ids_path = out.with_name(out.name + ".ids.json")
    ids_path.write_text(json.dumps({"scale": scale, "seed": seed, "quads": len(lines), **ids}, indent=1),
                        encoding="utf-8")
    return len(lines), ids_path


def default_path(scale: float, seed: int = 42) -> Path:
    return Path(__file__).resolve().parent / "out" / f"synth-{scale:g}-{seed}.nq"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 gives about 1.05 M quads (default 1.0)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, help="the N-Quads file (default bench/out/synth-SCALE-SEED.nq)")
    args = parser.parse_args(argv)
    out = args.out or default_path(args.scale, args.seed)
    began = time.perf_counter()
    quads, ids_path = write(out, args.scale, args.seed)
    print(f"{quads} quads to {out} in {time.perf_counter() - began:.1f} s (ids: {ids_path})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
