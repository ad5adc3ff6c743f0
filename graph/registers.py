"""Links to the registers the Dutch government and Wikidata keep (graph/data/register-links.yaml).

The links are the editors' claims: each curated entry becomes one editorial assertion whose graph holds the
link (schema:sameAs a TOOI IRI, a Wikidata item or a LiDO IRI; foaf:page a wetten.overheid.nl address;
dcterms:identifier with ltkg:oin, ltkg:kvkNumber or ltkg:bwbId) and the register's names the sources do not
write (skos:altLabel). The assertion derives from the register snapshot (prov:wasDerivedFrom), so a query can
tell a register name from a source's spelling.

The snapshot is read from graph/reference/ (a copy of ../shared/reference/); every identifier a link states is
checked against the row it names, and a mismatch stops the build with the link's file:line. `propose` and
`review` serve `ltkg links`: candidates for unlinked parties and laws, and what a new snapshot changed.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from graph import curated
from graph.kg import KG
from graph.ns import LTKG, SCHEMA, iri
from graph.provenance import Editorial, normalise

ORGANISATIONS, LAWS = "government-organisations", "laws"
TOOI = "https://identifier.overheid.nl/tooi/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
LIDO = "http://linkeddata.overheid.nl/terms/bwb/id/"
WETTEN = "https://wetten.overheid.nl/"
OUTSIDE = {TOOI: "TOOI", WIKIDATA: "Wikidata", LIDO: "LiDO", WETTEN: "wetten.overheid.nl"}
IDENTIFIERS = {"oin": LTKG.oin, "kvk": LTKG.kvkNumber}
PATTERNS = {"tooi": re.compile(r"^https://identifier\.overheid\.nl/tooi/id/[a-z]+/[a-z0-9_]+$"),
            "wikidata": re.compile(r"^Q[0-9]+$"), "oin": re.compile(r"^[0-9]{20}$"),
            "kvk": re.compile(r"^[0-9]{8}$"), "bwb": re.compile(r"^BWB[RV][0-9]{7}$")}


def outside_label(iri: str) -> str | None:
    """'TOOI ministerie/mnre1025', 'Wikidata Q1056190', ... for an IRI of the registers the graph links to."""
    for prefix, name in OUTSIDE.items():
        if iri.startswith(prefix) and len(iri) > len(prefix):
            return f"{name} {iri[len(prefix):]}"
    return None


def split(cell: str) -> list[str]:
    """The names or abbreviations of a register cell (` | `-separated)."""
    return [part.strip() for part in cell.split("|") if part.strip()]


@dataclass
class Snapshot:
    """The register files of one folder: organisation rows by register_id, law rows by BWB id."""

    directory: Path
    organisations: dict[str, dict[str, str]] = field(default_factory=dict)
    laws: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: Path) -> "Snapshot":
        snapshot = cls(directory)
        with (directory / f"{ORGANISATIONS}.csv").open(encoding="utf-8", newline="") as handle:
            snapshot.organisations = {row["register_id"]: row for row in csv.DictReader(handle)}
        with (directory / f"{LAWS}.csv").open(encoding="utf-8", newline="") as handle:
            snapshot.laws = {row["bwb_id"]: row for row in csv.DictReader(handle)}
        return snapshot


@dataclass(frozen=True)
class Link:
    """One curated entry: a party (kind 'party') or law (kind 'initiative') and what the editors state of it."""

    kind: str
    slug: str
    row: str  # register_id or BWB id
    entry: curated.Node

    @property
    def ids(self) -> dict[str, str]:
        keys = ("tooi", "wikidata", "oin", "kvk") if self.kind == "party" else ("bwb",)
        return {key: str(self.entry[key]) for key in keys if self.entry.get(key) is not None}


class Links:
    """graph/data/register-links.yaml."""

    def __init__(self, path: Path):
        self.path = path
        data = curated.load(path)
        self.snapshots: dict[str, curated.Node] = dict(curated.require(data, "snapshots"))
        self.links: list[Link] = []
        for entry in data.get("parties", []):
            self.links.append(Link("party", str(curated.require(entry, "party")),
                                   str(curated.require(entry, "register_id")), entry))
        for entry in data.get("laws", []):
            self.links.append(Link("initiative", str(curated.require(entry, "initiative")),
                                   str(curated.require(entry, "bwb")), entry))
        self.rejected: list[curated.Node] = list(data.get("rejected", []))

    def linked(self, kind: str) -> set[str]:
        return {link.slug for link in self.links if link.kind == kind}

    def turned_down(self) -> set[tuple[str, str]]:
        """(entity slug, register row) pairs the editors rejected."""
        return {(str(item.get("party") or item.get("initiative")), str(item.get("register_id") or item.get("bwb")))
                for item in self.rejected}

    # -- the check against a snapshot ----------------------------------------------------------------------
    def problems(self, snapshot: Snapshot, known: dict[str, set[str]]) -> list[str]:
        """file:line problems: an unknown entity, a malformed id, a row or an id the snapshot does not have."""
        out: list[str] = []
        seen: dict[tuple[str, str], str] = {}
        for link in self.links:
            where = link.entry.origin
            if link.slug not in known[link.kind]:
                what = "party" if link.kind == "party" else "law (an initiative of type law)"
                out.append(f"{where}: no {what} {link.slug!r} in the register")
            if (link.kind, link.slug) in seen:
                out.append(f"{where}: {link.kind} {link.slug!r} is linked twice (also {seen[(link.kind, link.slug)]})")
            seen[(link.kind, link.slug)] = where
            for key in ("matched", "rationale"):
                curated.require(link.entry, key)
            for key, value in link.ids.items():
                if not PATTERNS[key].match(value):
                    out.append(f"{where}: {key} {value!r} is not a well-formed {key} identifier")
            row = (snapshot.organisations if link.kind == "party" else snapshot.laws).get(link.row)
            register = f"{ORGANISATIONS}.csv" if link.kind == "party" else f"{LAWS}.csv"
            if row is None:
                out.append(f"{where}: {link.row} is not in the snapshot's {register} ({snapshot.directory})")
                continue
            for key, value in link.ids.items():
                if value != row_value(row, key):
                    out.append(f"{where}: {key} {value} is not in the snapshot's {register} for {link.row} "
                               f"(the row has {row_value(row, key) or 'none'})")
            names = row_names(link.kind, row)
            matched = str(link.entry["matched"])
            if not any(name in matched for name in names):
                out.append(f"{where}: matched {matched!r} holds none of the row's names ({', '.join(names)})")
            for name in link.entry.get("names", []):
                if not any(str(name) in candidate or bare(candidate) in str(name) for candidate in names):
                    out.append(f"{where}: name {name!r} is not one of {link.row}'s names in the snapshot")
        return out


def bare(name: str) -> str:
    """A register name without its bracketed abbreviation: 'Rijksinstituut ... Milieu (RIVM)' -> '... Milieu'."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def row_names(kind: str, row: dict[str, str]) -> list[str]:
    """Every name and abbreviation a snapshot row gives."""
    if kind == "party":
        return split(row["names"]) + split(row["abbreviations"])
    return [row["short"], row["title"]]


def row_value(row: dict[str, str], key: str) -> str:
    """The identifier `key` of a snapshot row, in the form the curated file writes it."""
    if key == "bwb":
        return row["bwb_id"]
    return row.get(key, "")


def extract(kg: KG, parties: set[str], laws: set[str], data_dir: Path, reference_dir: Path) -> Links | None:
    """Check the curated links against the snapshot and add them to the graph; problems go to kg (file:line).

    parties, laws: the slugs that may be linked (every party; the initiatives of type law)."""
    path = data_dir / "register-links.yaml"
    if not path.is_file():
        return None
    try:
        links, snapshot = Links(path), Snapshot.read(reference_dir)
        problems = links.problems(snapshot, {"party": parties, "initiative": laws})
    except (curated.CurationError, OSError, KeyError) as error:
        kg.problem(f"{path.name}: {error}")
        return None
    for problem in problems:
        kg.problem(problem)
    if not problems:
        emit(kg, links, snapshot)
    return links


# -- the graph -----------------------------------------------------------------------------------------------
def snapshot_iri(name: str, taken: str) -> URIRef:
    return iri("register", f"{name}-{taken}")


def emit(kg: KG, links: Links, snapshot: Snapshot) -> None:
    """The snapshots' descriptions, then every link in the graph of its editorial assertion."""
    described = Editorial("register-snapshots",
                          "The register files the links rest on, as described in graph/data/register-links.yaml "
                          "and the README of graph/reference/ (a copy of the reference folder of the project).",
                          origin=links.path.name)
    nodes: dict[str, URIRef] = {}
    for name, info in links.snapshots.items():
        node = nodes[name] = snapshot_iri(name, str(curated.require(info, "taken")))
        kg.add(node, RDF.type, LTKG.RegisterSnapshot, described)
        kg.text(node, DCTERMS.title, str(curated.require(info, "title")), described, "en")
        kg.add(node, DCTERMS.issued, Literal(str(info["taken"]), datatype=XSD.date), described)
        kg.add(node, DCTERMS.license, URIRef(str(curated.require(info, "licence"))), described)
    for link in links.links:
        register = ORGANISATIONS if link.kind == "party" else LAWS
        info = links.snapshots[register]
        rationale = (f"Register: {info['title']}, snapshot of {info['taken']} ({info['file']}), row {link.row}; "
                     f"matched name: {link.entry['matched']}. {link.entry['rationale']}")
        src = Editorial(f"register-link-{link.kind}-{link.slug}", rationale,
                        tuple(curated.cite(item) for item in link.entry.get("evidence", [])),
                        origin=link.entry.origin, derived_from=(str(nodes[register]),))
        node = iri(link.kind, link.slug)
        ids = link.ids
        if "tooi" in ids:
            kg.add(node, SCHEMA.sameAs, URIRef(ids["tooi"]), src)
        if "wikidata" in ids:
            kg.add(node, SCHEMA.sameAs, URIRef(WIKIDATA + ids["wikidata"]), src)
        for key, prop in IDENTIFIERS.items():
            if key in ids:
                kg.add(node, DCTERMS.identifier, Literal(ids[key]), src)
                kg.add(node, prop, Literal(ids[key]), src)
        if "bwb" in ids:
            bwb = ids["bwb"]
            kg.add(node, SCHEMA.sameAs, URIRef(LIDO + bwb), src)
            kg.add(node, FOAF.page, URIRef(snapshot.laws[bwb]["wetten_url"] if bwb in snapshot.laws
                                           else WETTEN + bwb), src)
            kg.add(node, DCTERMS.identifier, Literal(bwb), src)
            kg.add(node, LTKG.bwbId, Literal(bwb), src)
        for name in link.entry.get("names", []):
            kg.add(node, SKOS.altLabel, Literal(normalise(str(name)), lang="nl"), src)


# -- `ltkg links`: candidates and a review of a snapshot ------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    kind: str
    slug: str
    row: str
    matched: str  # the register's name that equals one of the entity's names
    name: str  # the entity's name it equals
    note: str  # the row's kind, TOOI IRI or its absence, end date


def _keys(name: str) -> set[str]:
    """How a register name may stand in the sources: as written, and without a bracketed abbreviation or a prefix
    such as 'Gemeente'. Abbreviations keep their case ("RvO" is not "RVO"); full names are compared casefolded."""
    out = {name, bare(name)}
    for prefix in ("Gemeente ", "Ministerie van "):
        out |= {key[len(prefix):] for key in list(out) if key.startswith(prefix)}
    return {key if _abbreviation(key) else key.casefold() for key in out if key}


def _abbreviation(name: str) -> bool:
    return " " not in name and len(name) <= 8


def propose(snapshot: Snapshot, links: Links, entities: dict[str, dict[str, list[str]]]) -> list[Candidate]:
    """Candidates for entities without a link: a register row one of whose names equals one of theirs.

    entities: {'party': {slug: [names]}, 'initiative': {slug: [names]}} (collectives left out by the caller);
    rows of laws.csv are matched on its short name and title. Rejected pairs are not proposed again."""
    index: dict[str, list[tuple[str, str, str]]] = {}
    for row in snapshot.organisations.values():
        for name in split(row["names"]) + split(row["abbreviations"]):
            for key in _keys(name):
                index.setdefault(key, []).append(("party", row["register_id"], name))
    for row in snapshot.laws.values():
        for name in (row["short"], row["title"]):
            for key in _keys(name):
                index.setdefault(key, []).append(("initiative", row["bwb_id"], name))
    turned_down, out = links.turned_down(), []
    for kind, names_by_slug in entities.items():
        linked = links.linked(kind)
        for slug, names in sorted(names_by_slug.items()):
            if slug in linked:
                continue
            found: dict[str, Candidate] = {}
            for name in names:
                key = name if _abbreviation(name) else name.casefold()
                for row_kind, row_id, matched in index.get(key, []):
                    if row_kind == kind and (slug, row_id) not in turned_down and row_id not in found:
                        found[row_id] = Candidate(kind, slug, row_id, matched, name, _note(snapshot, kind, row_id))
            out += found.values()
    return out


def _note(snapshot: Snapshot, kind: str, row_id: str) -> str:
    if kind != "party":
        return snapshot.laws[row_id]["wetten_url"]
    row = snapshot.organisations[row_id]
    parts = [row["kind"], row["tooi"] or "no TOOI IRI"]
    if row["valid_until"]:
        parts.append(f"ended {row['valid_until']}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Change:
    where: str  # file:line of the curated link
    what: str  # 'gone', 'changed', 'ended', 'new'
    text: str


def review(snapshot: Snapshot, links: Links) -> list[Change]:
    """What a snapshot says of the curated links: rows gone, identifiers changed, rows ended, identifiers the
    links do not state yet (a Wikidata item the register has added, say)."""
    out: list[Change] = []
    for link in links.links:
        where = link.entry.origin
        row = (snapshot.organisations if link.kind == "party" else snapshot.laws).get(link.row)
        if row is None:
            out.append(Change(where, "gone", f"{link.kind} {link.slug}: {link.row} is no longer in the register"))
            continue
        stated = link.ids
        for key, value in stated.items():
            now = row_value(row, key)
            if now != value:
                out.append(Change(where, "changed", f"{link.kind} {link.slug}: {key} {value} -> {now or 'none'}"))
        if link.kind == "party":
            if row["valid_until"]:
                out.append(Change(where, "ended", f"party {link.slug}: {link.row} ended {row['valid_until']}"))
            for key in ("tooi", "wikidata", "oin", "kvk"):
                if key not in stated and row.get(key) and key not in _left_out(link):
                    out.append(Change(where, "new", f"party {link.slug}: the register now has {key} {row[key]}"))
    return out


def _left_out(link: Link) -> set[str]:
    """Identifiers of the row the editors chose not to state (the link's `left_out`)."""
    return {str(key) for key in link.entry.get("left_out", [])}


def entities(data_dir: Path) -> dict[str, dict[str, list[str]]]:
    """The names of what may be linked: every party that is not a collective, every initiative of type law."""
    from graph.register import InitiativeRegister, PartyRegister

    def names(entry: curated.Node) -> list[str]:
        return [str(name) for name in [entry.get("name")] + list(entry.get("names", [])) if name]

    parties = PartyRegister(data_dir / "parties.yaml").entries
    initiatives = InitiativeRegister(data_dir / "initiatives.yaml").entries
    return {"party": {slug: names(e) for slug, e in parties.items() if not e.get("collective")
                      and e.get("type") != "collective"},
            "initiative": {slug: names(e) for slug, e in initiatives.items() if e.get("type") == "law"}}
