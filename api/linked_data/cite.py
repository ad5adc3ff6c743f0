"""'Cite this': a citation of an entity or a statement of the graph as plain text, BibTeX and CSL-JSON.

Each names the dataset and its version (graph.version), the IRI cited, and the source documents and lines the
cited thing rests on. Every entity page shows all three (its #cite box); every statement on a page links to
the page of the citation or editorial assertion behind it, whose own box cites that statement.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

from graph.version import BuildVersion

DATASET = "Langer Thuis knowledge graph"
AUTHOR = "Langer Thuis knowledge graph editors"
MAX_LINES = 8  # line ranges named per document before the rest are counted


def lines_text(ranges: list[tuple[int, int]]) -> str:
    shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in sorted(set(ranges))]
    more = len(shown) - MAX_LINES
    text = ", ".join(shown[:MAX_LINES]) + (f" and {more} more" if more > 0 else "")
    return ("line " if len(shown) == 1 and "–" not in shown[0] else "lines ") + text


def sources_text(sources: list[tuple[str, int, int]]) -> str:
    """'Title, lines 198, 244; Other title, line 12' from (document title, first, last) triples."""
    by_document: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for title, first, last in sources:
        by_document[title].append((first, last))
    return "; ".join(f"{title}, {lines_text(ranges)}" for title, ranges in sorted(by_document.items()))


def citation(title: str, iri: str, kind: str, version: BuildVersion | None,
             sources: list[tuple[str, int, int]]) -> dict[str, str]:
    """{text, bibtex, csl-json} for the thing at iri (an entity, or the citation or assertion of a statement)."""
    title = title.rstrip(" .")
    number = version.version if version else "unversioned build"
    year = version.built[:4] if version else None
    based = sources_text(sources)
    text = (f"{AUTHOR}{f' ({year})' if year else ''}. {title} [{kind}]. In: {DATASET}, version {number}. {iri}"
            + (f". Source: {based}." if based else "."))
    key = "ltkg-" + re.sub(r"[^A-Za-z0-9]+", "-", iri.split("/id/")[-1]).strip("-")
    fields = {"author": "{" + AUTHOR + "}", "title": "{" + _bib(f"{title} [{kind}]") + "}",
              "howpublished": "{" + _bib(f"{DATASET}, version {number}") + "}", "url": "{" + iri + "}"}
    if year:
        fields["year"] = "{" + year + "}"
    if based:
        fields["note"] = "{" + _bib(f"Source: {based}") + "}"
    bibtex = f"@misc{{{key},\n" + ",\n".join(f"  {name} = {value}" for name, value in fields.items()) + "\n}"
    csl = {"id": key, "type": "dataset", "title": f"{title} [{kind}]", "author": [{"literal": AUTHOR}],
           "container-title": DATASET, "version": number, "URL": iri}
    if year:
        csl["issued"] = {"date-parts": [[int(year)]]}
    if based:
        csl["note"] = f"Source: {based}"
    return {"text": text, "bibtex": bibtex, "csl-json": json.dumps([csl], ensure_ascii=False, indent=2)}


def _bib(text: str) -> str:
    """Text safe inside BibTeX braces: its special characters escaped."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)
