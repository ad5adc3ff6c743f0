"""Searching the index of a build (graph/search_index.py): entities by any of their names, passages by their
words, suggestions as one types, and the candidates of a name for the Reconciliation API.

Scores run from 0 to 100. An entity's score is that of its best name:

    100  the whole query is the name, after folding case and diacritics ("patientenfederatie")
     95  the same letters and digits once spacing and punctuation are dropped ("KBO PCOB", "Zorgthuis NL")
     90  the same Dutch stems ("Zorgverzekeraar Nederland")
  < 90   every word of the query in the name (the share of the name's words it covers), or a close spelling
         (rapidfuzz's ratio, scaled to at most 85): typing errors
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from graph.ns import ID
from graph.search_text import compact, fold, spans, stem, stems, words

MAX_QUERY = 1000  # characters
EXACT, COMPACT, STEMS = 100.0, 95.0, 90.0
FUZZY_CUTOFF = 75.0  # rapidfuzz ratio below which a spelling is not a candidate
FUZZY_SCALE = 0.85
WORDS_BASE, WORDS_SPAN = 60.0, 25.0  # all query words in a name: 60 + 25 x the share of the name they cover
LINKS_BOOST = 2.0  # below STEMS, + 2 x log10(1 + statements linking the entity), at most MAX_BOOST:
MAX_BOOST = 5.0    # of two names matching alike, the entity the graph says more about comes first


def page_of(iri: str) -> str | None:
    """An entity's page on this server (its IRI's path); None for an IRI outside the graph's."""
    return "/id/" + iri[len(ID):] if iri.startswith(ID) else None


def _term(iri: str, label: str | None) -> dict:
    return {"id": iri, "label": label or iri.rsplit("/", 1)[-1], "page": page_of(iri)}


@dataclass
class Hit:
    """An entity found: its best name and how that name matched."""

    iri: str
    label: str
    english: str
    kinds: list[str]
    group: str
    score: float
    matched: str
    how: str
    names: list[str] = field(default_factory=list)


def _fts(terms: list[str], column: str, prefix_last: bool = False) -> str:
    """An FTS5 query: every term (folded words or stems, so never FTS5 syntax) in the column."""
    quoted = [f'"{t}"' for t in terms]
    if prefix_last and quoted:
        quoted[-1] += " *"
    return f"{column} : ({' AND '.join(quoted)})"


class Lookups:
    """What the Reconciliation API reads besides the search: kinds, an entity's names and property values."""

    db: sqlite3.Connection

    def kinds(self) -> dict[str, str]:
        """Class local name -> its English label, for every class an indexed entity has."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, label FROM kind")}

    def entity(self, iri: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT rowid, iri, label, english, kinds, grp FROM entity WHERE iri = ?",
                               (iri,)).fetchone()

    def kinds_of(self, iri: str) -> list[str]:
        row = self.entity(iri)
        return row["kinds"].split() if row else []

    def names_of(self, iri: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT text FROM name JOIN entity ON entity.rowid = "
                                              "name.entity WHERE iri = ? ORDER BY prop DESC, text", (iri,))]

    def props(self, iri: str, pids: list[str]) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        marks = ",".join("?" * len(pids))
        for row in self.db.execute(f"SELECT pid, value, label FROM prop WHERE entity = ? AND pid IN ({marks}) "
                                   f"ORDER BY pid, label", [iri, *pids]):
            out.setdefault(row[0], []).append((row[1], row[2]))
        return out

    def facts(self, citation: str) -> list[dict]:
        """The statements a citation supports (the triples of its graph), with labels and pages."""
        rows = self.db.execute(
            "SELECT s, sl.label AS s_label, p, pl.english AS p_label, o, o_iri, ol.label AS o_label FROM fact "
            "LEFT JOIN label sl ON sl.iri = s LEFT JOIN label pl ON pl.iri = p LEFT JOIN label ol ON ol.iri = o "
            "WHERE citation = ? ORDER BY s, p, o", (citation,))
        return [{"subject": _term(r["s"], r["s_label"]), "property": {"id": r["p"], "label": r["p_label"] or r["p"]},
                 "value": _term(r["o"], r["o_label"]) if r["o_iri"] else {"label": r["o"]}} for r in rows]

    def quote(self, citation: str) -> str:
        row = self.db.execute("SELECT quote FROM citation WHERE iri = ?", (citation,)).fetchone()
        return row[0] if row else ""

    def derived(self, citation: str) -> list[dict]:
        """The editorial assertions resting on a citation, with their rationale."""
        return [{"editorial": r[0], "rationale": r[1], "page": page_of(r[0])} for r in self.db.execute(
            "SELECT editorial, rationale FROM derived WHERE citation = ? ORDER BY editorial", (citation,))]

    def documents(self) -> list[tuple[str, str]]:
        """(slug, title) of every source whose lines the index holds."""
        titles = {r[0].rsplit("/", 1)[-1]: r[1] for r in self.db.execute(
            "SELECT iri, label FROM entity WHERE ' ' || kinds || ' ' LIKE '% SourceDocument %'")}
        return [(r[0], titles.get(r[0], r[0])) for r in self.db.execute("SELECT DISTINCT doc FROM line ORDER BY doc")]

    def properties_of(self, kind: str | None) -> set[str]:
        """The data-extension properties some entity of the kind (any, if None) has a value for."""
        if kind is None:
            return {r[0] for r in self.db.execute("SELECT DISTINCT pid FROM prop")}
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT pid FROM prop JOIN entity ON entity.iri = prop.entity "
            "WHERE ' ' || entity.kinds || ' ' LIKE ?", (f"% {kind} %",))}


class Searcher(Lookups):
    """Queries over one index file (a connection per thread: open one Searcher per thread)."""

    def __init__(self, path: str, names: list[tuple[int, str]] | None = None):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        # (name rowid, folded text) of every name, for rapidfuzz; shared between threads by the caller
        self.names = names if names is not None else [tuple(r) for r in self.db.execute("SELECT rowid, folded FROM name")]
        self._choices = [n for _, n in self.names]

    # -- entities ------------------------------------------------------------------------------------
    def entities(self, query: str, groups: list[str] | None = None, limit: int = 20,
                 fuzzy: bool = True, prefix: bool = False) -> list[Hit]:
        folded = " ".join(words(query))
        if not folded:
            return []
        found: dict[int, tuple[float, int, str]] = {}  # name rowid -> (score, rowid, how)

        def add(rowid: int, score: float, how: str) -> None:
            if rowid not in found or found[rowid][0] < score:
                found[rowid] = (score, rowid, how)

        for row in self.db.execute("SELECT rowid FROM name WHERE folded = ?", (folded,)):
            add(row[0], EXACT, "name")
        for row in self.db.execute("SELECT rowid FROM name WHERE compact = ?", (compact(query),)):
            add(row[0], COMPACT, "spelling")
        key = " ".join(stems(query))
        for row in self.db.execute("SELECT rowid FROM name WHERE stemkey = ?", (key,)):
            add(row[0], STEMS, "stems")
        query_words = words(query)
        terms = [stem(w) for w in query_words]
        match = (_fts(query_words, "words", prefix_last=True) if prefix else _fts(terms, "stems"))
        asked = set(terms)
        for row in self.db.execute("SELECT rowid, folded FROM name WHERE rowid IN "
                                   "(SELECT rowid FROM names_fts WHERE names_fts MATCH ? LIMIT 500)", (match,)):
            named = [stem(w) for w in row[1].split()]
            share = sum(1 for s in named if s in asked or (prefix and s.startswith(terms[-1]))) / max(1, len(named))
            add(row[0], WORDS_BASE + WORDS_SPAN * min(1.0, share), "words")
        if fuzzy and len(folded) >= 3:
            for _, score, index in process.extract(folded, self._choices, scorer=fuzz.ratio, limit=10,
                                                   score_cutoff=FUZZY_CUTOFF):
                add(self.names[index][0], round(score * FUZZY_SCALE, 1), "close spelling")
        return self._hits(found.values(), groups, limit)

    def _hits(self, found, groups: list[str] | None, limit: int) -> list[Hit]:
        best: dict[int, Hit] = {}
        ranked = sorted(found, key=lambda f: -f[0])
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = {r["rowid"]: r for r in self.db.execute(
            f"SELECT name.rowid, name.text, entity.rowid AS entity, iri, label, english, kinds, grp, links FROM name "
            f"JOIN entity ON entity.rowid = name.entity WHERE name.rowid IN ({marks})", [f[1] for f in ranked])}
        for score, rowid, how in ranked:
            row = rows[rowid]
            if groups and row["grp"] not in groups:
                continue
            hit = best.get(row["entity"])
            if score < STEMS:
                score = min(STEMS - 1, score + min(MAX_BOOST, LINKS_BOOST * math.log10(1 + row["links"])))
            if hit is None:
                best[row["entity"]] = Hit(row["iri"], row["label"], row["english"], row["kinds"].split(), row["grp"],
                                          round(score, 1), row["text"], how, [row["text"]])
                continue
            if score > hit.score:
                hit.score, hit.matched, hit.how = round(score, 1), row["text"], how
            if row["text"] not in hit.names:
                hit.names.append(row["text"])
        hits = sorted(best.values(), key=lambda h: (-h.score, len(h.label), h.label))
        return hits[:limit]

    def suggest(self, prefix: str, groups: list[str] | None = None, limit: int = 8) -> list[Hit]:
        """Entities as one types: names whose words start with the query's words, then close spellings."""
        hits = self.entities(prefix, groups, limit, fuzzy=False, prefix=True)
        if len(hits) < limit:
            seen = {h.iri for h in hits}
            hits += [h for h in self.entities(prefix, groups, limit) if h.iri not in seen][:limit - len(hits)]
        return hits

    def by_properties(self, props: list[tuple[str, list]], limit: int = 25) -> list[Hit]:
        """Entities holding every property value asked (a query without a name): by id or folded name."""
        found: set[str] | None = None
        for pid, values in props:
            wanted = {fold(str(v.get("id", "")) if isinstance(v, dict) else str(v)).strip() for v in values}
            holders = {row[0] for row in self.db.execute("SELECT entity, value, label FROM prop WHERE pid = ?", (pid,))
                       if fold(row[2]).strip() in wanted or fold(row[1]) in wanted
                       or fold(row[1].rsplit("/id/", 1)[-1]) in wanted}
            found = holders if found is None else found & holders
        hits = []
        for iri in sorted(found or ())[:limit]:
            row = self.entity(iri)
            hits.append(Hit(iri, row["label"], row["english"], row["kinds"].split(), row["grp"], 100.0, row["label"],
                            "properties", [row["label"]]))
        return hits

    # -- passages ------------------------------------------------------------------------------------
    def passages(self, query: str, document: str | None = None, limit: int = 20) -> list[dict]:
        terms = stems(query)
        if not terms:
            return []
        sql = ("SELECT passage.rowid, doc, first, last, text, citation, bm25(passages_fts) AS rank FROM passages_fts "
               "JOIN passage ON passage.rowid = passages_fts.rowid WHERE passages_fts MATCH ?")
        args: list = [_fts(terms, "stems")]
        if document:
            sql += " AND doc = ?"
            args.append(document)
        sql += " ORDER BY rank LIMIT ?"
        args.append(limit * 3)
        out: list[dict] = []
        ranges: dict[str, list[tuple[int, int]]] = {}
        for row in self.db.execute(sql, args):
            covered = ranges.setdefault(row["doc"], [])
            if any(a <= row["first"] and row["last"] <= b for a, b in covered):
                continue  # a line within a quote already found
            covered.append((row["first"], row["last"]))
            out.append({"document": row["doc"], "firstLine": row["first"], "lastLine": row["last"],
                        "text": row["text"], "marks": marks(row["text"], set(terms)), "citation": row["citation"],
                        "score": round(-row["rank"], 3)})
            if len(out) == limit:
                break
        for passage in out:
            passage["facts"] = self.citing(passage["document"], passage["firstLine"], passage["lastLine"],
                                           passage["citation"])
        return out

    def citing(self, doc: str, first: int, last: int, citation: str | None = None) -> list[dict]:
        """The citations of a passage (its own, or those whose lines overlap it) and their fact counts."""
        if citation:
            rows = self.db.execute("SELECT iri, first, last, facts FROM citation WHERE iri = ?", (citation,))
        else:
            rows = self.db.execute("SELECT iri, first, last, facts FROM citation WHERE doc = ? AND first <= ? "
                                   "AND last >= ? ORDER BY first, last, iri", (doc, last, first))
        return [{"citation": r["iri"], "firstLine": r["first"], "lastLine": r["last"], "facts": r["facts"]}
                for r in rows]


def marks(text: str, terms: set[str]) -> list[list[int]]:
    """[start, end) of every word in text whose stem is one of terms."""
    return [[start, end] for start, end, s in spans(text) if s in terms]

