"""The search index, written by every build from the build's own dump (so it answers for whatever store
serves SPARQL): one SQLite file, `search.sqlite`, beside the store.

    entity    every named entity of the graph (id/{kind}/{slug}): its label, kinds (classes) and group
    name      every name of an entity (Dutch and English labels, alternative names and spellings,
              titles, notations with their programme's code such as "LT 1.1"), folded and compacted;
              names_fts indexes its words and Dutch stems (FTS5)
    passage   every cited quote and every line of the sources; passages_fts indexes words and stems
    citation  every citation: document, lines, quote and the number of facts resting on it
    fact      every statement a citation supports (subject, property, value, with labels)
    derived   the editorial assertions resting on a citation (prov:wasDerivedFrom), with their rationale
    line      every source line: its role (blank, heading, text), section, and the citations and facts on it
    section   per document and section: substantive lines and how many some fact cites
    prop      an entity's values for the Reconciliation API's data extension (programme, role, ...)

SQLite's FTS5 with Snowball's Dutch stemmer (PyStemmer `dutch_porter`) and rapidfuzz for names was
chosen over tantivy after measuring both (README, "Search"): one analysis in Python serves indexing,
querying and marking; the file sits beside the store and is read by many threads at once.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.ns import GRAPH_ONTOLOGY, GRAPH_PROVENANCE, ID, LTKG
from graph.search_text import compact, stems, words

DEF = str(LTKG)
PROVENANCE = str(GRAPH_PROVENANCE)
ONTOLOGY = str(GRAPH_ONTOLOGY)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
OWL = "http://www.w3.org/2002/07/owl#"

FILE_NAME = "search.sqlite"
NAME_PROPERTIES = {SKOS + "prefLabel": "prefLabel", SKOS + "altLabel": "altLabel", DCT + "title": "title",
                   SKOS + "notation": "notation"}
# Groups of /search and the Reconciliation API's default types, in display order: group -> its classes.
GROUPS = {
    "party": ("Party", "CollectiveParty"),
    "action": ("Action", "ActionLine", "Goal"),
    "initiative": ("Initiative", "Regulation"),
    "programme": ("Programme", "Agreement"),
    "theme": ("Theme", "ComparisonTheme", "WhiteSpot"),
    "region": ("Region", "RegionalPlan"),
    "other": (),
}
NOT_INDEXED = {"citation", "editorial", "participation", "amount", "claim", "result", "milestone", "succession",
               "continuation", "connection", "comparison-cell",  # named by their text: found as passages
               "party-type", "body-kind", "initiative-kind", "indicator-kind", "evidence-strength"}  # vocabulary
ROLES = {"lead", "partner", "responsible", "involved", "consulted", "contributor", "commissioner"}
EXTEND = {  # property -> the prop pid it fills, for the data extension (its values IRIs or literals)
    DEF + "programme": "programme", ORG + "classification": "classification", DEF + "theme": "theme",
    DEF + "actionLine": "actionLine", DCT + "identifier": "identifier", SKOS + "exactMatch": "sameAs",
    OWL + "sameAs": "sameAs", "http://schema.org/sameAs": "sameAs", DEF + "oin": "oin",
    DEF + "kvkNumber": "kvkNumber", DEF + "bwbId": "bwbId",
}
LABEL_ORDER = [(SKOS + "prefLabel", "nl"), (DCT + "title", "nl"), (SKOS + "prefLabel", ""),
               (SKOS + "prefLabel", "en"), (DCT + "title", ""), (SKOS + "altLabel", "nl"), (SKOS + "notation", "")]
MAX_LABEL = 200
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_CAPS = re.compile(r"^[^a-z]*[A-Z]{3}[^a-z]*$")
_MARKS = re.compile(r"\*\*|__|[*_`]")


@dataclass
class Graph:
    """What the index needs from the dump, read in one pass."""

    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    names: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    described: dict[str, dict[str, list[ox.Term]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    statements: dict[str, list[tuple[str, str, ox.Term]]] = field(default_factory=lambda: defaultdict(list))
    links: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    qualified: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    files: dict[str, str] = field(default_factory=dict)  # document slug -> its source file's name
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # for EXTEND
    linked: Counter = field(default_factory=Counter)  # IRI -> statements naming it as their value

    _labels: dict[str, str] = field(default_factory=dict)

    def label(self, iri: str) -> str:
        """The best name of a term: Dutch before English, a name before a title or notation."""
        if iri not in self._labels:
            found = {(prop, lang): value for prop, value, lang in self.names.get(iri, ())}
            text = next((found[key] for key in LABEL_ORDER if key in found), None) or _local(iri)
            self._labels[iri] = _short(text)
        return self._labels[iri]

    def english(self, iri: str) -> str:
        found = [value for prop, value, lang in self.names.get(iri, ()) if prop == SKOS + "prefLabel" and lang == "en"]
        return _short(found[0]) if found else self.label(iri)


def read(dump: Path) -> Graph:
    graph = Graph()
    for quad in ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS):
        s, p, o, g = quad.subject.value, quad.predicate.value, quad.object, quad.graph_name
        gname = g.value if isinstance(g, ox.NamedNode) else ""
        if p in NAME_PROPERTIES and isinstance(o, ox.Literal):
            graph.names[s].append((p, o.value, o.language or ""))
        elif p == RDF_TYPE:
            graph.types[s].add(o.value)
        elif p == DEF + "fileName":
            graph.files[s.rsplit("/", 1)[-1]] = o.value
        elif p in EXTEND and isinstance(o, ox.Literal):
            graph.literals[s].append((p, o.value))
        if gname == PROVENANCE:
            graph.described[s][p].append(o)
        elif gname.startswith(ID + "citation/"):
            graph.statements[gname].append((s, p, o))
        if isinstance(o, ox.NamedNode) and gname != ONTOLOGY and s.startswith(ID):
            graph.links[s].append((p, o.value))
            graph.linked[o.value] += 1
            if p in (PROV + "agent", PROV + "hadRole"):
                graph.qualified[s][p] = o.value
    return graph


def kind_of(iri: str) -> str:
    return iri[len(ID):].split("/", 1)[0] if iri.startswith(ID) else ""


def group_of(classes: set[str]) -> str:
    local = {c[len(DEF):] for c in classes if c.startswith(DEF)}
    return next((group for group, members in GROUPS.items() if local & set(members)), "other")


def programme_code(graph: Graph, programme: str) -> str:
    """The short code that prefixes an action's notation: an acronym the programme is named by (WOZO), else
    the initials of its IRI's slug (langer-thuis: LT)."""
    acronyms = sorted((v for _, v, _ in graph.names.get(programme, ()) if re.fullmatch(r"[A-Z]{2,6}", v)), key=len)
    if acronyms:
        return acronyms[0]
    return "".join(part[0] for part in programme.rsplit("/", 1)[-1].split("-") if part).upper()


def entity_rows(graph: Graph):
    """(iri, label, english, kinds, group) and (iri, text, lang, prop) for every indexed entity."""
    entities, names = [], []
    for iri, found in graph.names.items():
        if not iri.startswith(ID) or kind_of(iri) in NOT_INDEXED:
            continue
        classes = graph.types.get(iri, set())
        entities.append((iri, graph.label(iri), graph.english(iri),
                         " ".join(sorted(c[len(DEF):] if c.startswith(DEF) else c for c in classes)),
                         group_of(classes), len(graph.links.get(iri, ())) + graph.linked[iri]))
        seen = set()
        for prop, text, lang in found:
            if (text, lang) not in seen:
                seen.add((text, lang))
                names.append((iri, text, lang, NAME_PROPERTIES[prop]))
        notation = next((t for p, t, _ in found if p == SKOS + "notation"), None)
        programme = next((o for p, o in graph.links.get(iri, ()) if p == DEF + "programme"), None)
        if notation and programme:
            names.append((iri, f"{programme_code(graph, programme)} {notation}", "", "notation"))
    return entities, names


def citation_rows(graph: Graph):
    """(iri, document slug, first, last, quote, facts) per citation; (citation, s, p, o...) per fact."""
    citations, facts, derived = [], [], []
    for iri, desc in graph.described.items():
        classes = {t.value for t in desc.get(RDF_TYPE, ())}
        if DEF + "Citation" in classes:
            source = desc.get(DCT + "source", [None])[0]
            first = int(desc.get(DEF + "firstLine", [ox.Literal("0")])[0].value)
            last = int(desc.get(DEF + "lastLine", [ox.Literal("0")])[0].value)
            quote = desc.get(DEF + "quote", [ox.Literal("")])[0].value
            statements = graph.statements.get(iri, [])
            citations.append((iri, source.value.rsplit("/", 1)[-1] if source else "", first, last, quote,
                              len(statements)))
            facts.extend((iri, s, p, o.value, int(isinstance(o, ox.NamedNode))) for s, p, o in statements)
        elif DEF + "EditorialAssertion" in classes:
            rationale = next((t.value for t in desc.get(DEF + "rationale", ()) if isinstance(t, ox.Literal)), "")
            for source in desc.get(PROV + "wasDerivedFrom", ()):
                derived.append((iri, rationale, source.value))
    return citations, facts, derived


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL].rstrip() + " …"


def prop_rows(graph: Graph, entities: list[tuple]):
    """(entity, pid, value, label) for the data extension: the links named in EXTEND, the entity's roles in
    actions (from qualified associations) and the programmes of those actions."""
    indexed = {row[0] for row in entities}
    rows = set()
    action_programmes: dict[str, set[str]] = defaultdict(set)
    for iri in indexed:
        for p, o in graph.links.get(iri, ()):
            if p in EXTEND:
                rows.add((iri, EXTEND[p], o, graph.label(o)))
            if p == DEF + "programme":
                action_programmes[iri].add(o)
        for p, value in graph.literals.get(iri, ()):
            rows.add((iri, EXTEND[p], value, value))
        for p, value, _ in graph.names.get(iri, ()):
            if p in (SKOS + "altLabel", SKOS + "notation"):
                rows.add((iri, "altLabel" if p == SKOS + "altLabel" else "notation", value, value))
    for action in indexed:
        for p, node in graph.links.get(action, ()):
            if p != PROV + "qualifiedAssociation":
                continue
            agent, role = graph.qualified[node].get(PROV + "agent"), graph.qualified[node].get(PROV + "hadRole")
            if agent in indexed and role:
                rows.add((agent, "role", action, f"{graph.english(role)}: {graph.label(action)}"))
                for programme in action_programmes.get(action, ()):
                    rows.add((agent, "programme", programme, graph.label(programme)))
    return sorted(rows)


def line_role(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return "blank"
    if _HEADING.match(stripped) or (len(stripped) <= 80 and _CAPS.match(stripped)):
        return "heading"
    return "text"


def line_rows(documents: dict[str, Path], citations: list[tuple]):
    """(doc, n, text, role, section, citations, facts) per source line; (doc, section, title, first line,
    substantive, cited) per section."""
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    for iri, doc, first, last, quote, n_facts in citations:
        by_doc[doc].append((first, last, n_facts))
    lines, sections = [], []
    for doc, path in sorted(documents.items()):
        texts = path.read_text(encoding="utf-8").split("\n")  # as graph.provenance.Sources counts
        cited, facts = Counter(), Counter()
        for first, last, n_facts in by_doc.get(doc, ()):
            for n in range(first, last + 1):
                cited[n] += 1
                facts[n] += n_facts
        section, title, start = 0, "(before the first heading)", 1
        counts = [0, 0]
        for n, text in enumerate(texts, 1):
            role = line_role(text)
            if role == "heading":
                if counts[0] or section:
                    sections.append((doc, section, title, start, *counts))
                title = _MARKS.sub("", text.strip().lstrip("#")).strip()  # without its emphasis marks
                section, start, counts = section + 1, n, [0, 0]
            elif role == "text":
                counts[0] += 1
                counts[1] += int(cited[n] > 0)
            lines.append((doc, n, text, role, section, cited[n], facts[n]))
        sections.append((doc, section, title, start, *counts))
    return lines, sections


SCHEMA = """
CREATE TABLE entity(rowid INTEGER PRIMARY KEY, iri TEXT UNIQUE, label TEXT, english TEXT, kinds TEXT, grp TEXT,
                    links INTEGER);
CREATE TABLE name(rowid INTEGER PRIMARY KEY, entity INTEGER, text TEXT, lang TEXT, prop TEXT,
                  folded TEXT, compact TEXT, stemkey TEXT);
CREATE INDEX name_folded ON name(folded);
CREATE INDEX name_compact ON name(compact);
CREATE INDEX name_stemkey ON name(stemkey);
CREATE INDEX name_entity ON name(entity);
CREATE VIRTUAL TABLE names_fts USING fts5(words, stems, content='', tokenize='unicode61', prefix='1 2 3');
CREATE TABLE passage(rowid INTEGER PRIMARY KEY, doc TEXT, first INTEGER, last INTEGER, text TEXT, citation TEXT);
CREATE VIRTUAL TABLE passages_fts USING fts5(words, stems, content='', tokenize='unicode61');
CREATE TABLE citation(iri TEXT PRIMARY KEY, doc TEXT, first INTEGER, last INTEGER, quote TEXT, facts INTEGER);
CREATE INDEX citation_doc ON citation(doc, first, last);
CREATE TABLE fact(citation TEXT, s TEXT, p TEXT, o TEXT, o_iri INTEGER);
CREATE INDEX fact_citation ON fact(citation);
CREATE TABLE label(iri TEXT PRIMARY KEY, label TEXT, english TEXT) WITHOUT ROWID;
CREATE TABLE derived(editorial TEXT, rationale TEXT, citation TEXT);
CREATE INDEX derived_citation ON derived(citation);
CREATE TABLE line(doc TEXT, n INTEGER, text TEXT, role TEXT, section INTEGER, citations INTEGER, facts INTEGER,
                  PRIMARY KEY(doc, n)) WITHOUT ROWID;
CREATE TABLE section(doc TEXT, section INTEGER, title TEXT, first INTEGER, substantive INTEGER, cited INTEGER,
                     PRIMARY KEY(doc, section)) WITHOUT ROWID;
CREATE TABLE prop(entity TEXT, pid TEXT, value TEXT, label TEXT);
CREATE INDEX prop_entity ON prop(entity, pid);
CREATE TABLE kind(id TEXT PRIMARY KEY, label TEXT, grp TEXT, entities INTEGER);
"""


def write(dump: Path, sources: Path, out: Path) -> dict[str, int]:
    """Build the index of the dump into `out` (a new file); the sources' files are found by their documents'
    ltkg:fileName. Returns counts."""
    graph = read(dump)
    entities, names = entity_rows(graph)
    citations, facts, derived = citation_rows(graph)
    documents = {slug: sources / name for slug, name in graph.files.items() if (sources / name).is_file()}
    lines, sections = line_rows(documents, citations)
    out.unlink(missing_ok=True)
    db = sqlite3.connect(out)
    try:
        db.executescript(SCHEMA)
        rowid = {row[0]: number for number, row in enumerate(entities, 1)}
        db.executemany("INSERT INTO entity VALUES (?,?,?,?,?,?,?)", ((rowid[r[0]], *r) for r in entities))
        name_rows = [(n, rowid[iri], text, lang, prop, " ".join(words(text)), compact(text),
                      " ".join(stems(text))) for n, (iri, text, lang, prop) in enumerate(names, 1)]
        db.executemany("INSERT INTO name VALUES (?,?,?,?,?,?,?,?)", name_rows)
        db.executemany("INSERT INTO names_fts(rowid, words, stems) VALUES (?,?,?)",
                       ((r[0], r[5], " ".join(stems(r[2]))) for r in name_rows))
        passages = [(doc, first, last, quote, iri) for iri, doc, first, last, quote, _ in citations]
        passages += [(doc, n, n, text, None) for doc, n, text, role, *_ in lines if role != "blank"]
        db.executemany("INSERT INTO passage VALUES (?,?,?,?,?,?)", ((n, *r) for n, r in enumerate(passages, 1)))
        db.executemany("INSERT INTO passages_fts(rowid, words, stems) VALUES (?,?,?)",
                       ((n, " ".join(words(r[3])), " ".join(stems(r[3]))) for n, r in enumerate(passages, 1)))
        db.executemany("INSERT INTO citation VALUES (?,?,?,?,?,?)", citations)
        db.executemany("INSERT INTO fact VALUES (?,?,?,?,?)", facts)
        terms = {t for _, s, p, o, is_iri in facts for t in ((s, p, o) if is_iri else (s, p))}
        db.executemany("INSERT INTO label VALUES (?,?,?)", ((t, graph.label(t), graph.english(t)) for t in terms))
        db.executemany("INSERT INTO derived VALUES (?,?,?)", derived)
        db.executemany("INSERT INTO line VALUES (?,?,?,?,?,?,?)", lines)
        db.executemany("INSERT INTO section VALUES (?,?,?,?,?,?)", sections)
        db.executemany("INSERT INTO prop VALUES (?,?,?,?)", prop_rows(graph, entities))
        kinds = Counter(k for r in entities for k in r[3].split())
        db.executemany("INSERT INTO kind VALUES (?,?,?,?)",
                       ((k, graph.english(DEF + k), group_of({DEF + k}), n) for k, n in sorted(kinds.items())))
        db.execute("INSERT INTO names_fts(names_fts) VALUES ('optimize')")
        db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        db.commit()
    finally:
        db.close()
    return {"entities": len(entities), "names": len(names), "passages": len(passages), "citations": len(citations)}
