"""'Cite this' on every entity page and for every statement: plain text, BibTeX and CSL-JSON naming the dataset's
version, the entity's or statement's IRI, and the source document and lines."""
from __future__ import annotations

import html
import json
import re

from graph.ns import BASE
from plan2018_fixtures import built


def box(page: str, name: str) -> str:
    found = re.search(rf'<pre class="cite-{name}">(.*?)</pre>', page, re.S)
    assert found, name
    return html.unescape(found.group(1))


def test_an_entity_page_cites_the_entity_with_version_iri_and_source_lines(real):
    version = built().report.version.version
    page = real.get("/id/action/langer-thuis-2.6", headers={"Accept": "text/html"}, follow_redirects=True).text
    iri = BASE + "id/action/langer-thuis-2.6"
    text = box(page, "text")
    assert version in text and iri in text and "[action]" in text
    assert re.search(r"Plan van aanpak[^;]*, lines [^;]*244", text, re.I) or "244" in text
    bibtex = box(page, "bibtex")
    assert bibtex.startswith("@misc{ltkg-action-langer-thuis-2-6,") and f"url = {{{iri}}}" in bibtex
    assert version in bibtex and "244" in bibtex
    [csl] = json.loads(box(page, "csl"))
    assert csl["URL"] == iri and csl["version"] == version and csl["type"] == "dataset" and "244" in csl["note"]


def test_every_statement_links_to_the_citation_of_its_source(real):
    page = real.get("/id/action/langer-thuis-2.6", headers={"Accept": "text/html"}, follow_redirects=True).text
    sources = page.count('class="src citation"') + page.count('class="src editorial"')
    links = re.findall(r'<a class="node cite-link" href="(/id/(?:citation|editorial)/[^"#]+)#cite-text">cite</a>', page)
    assert sources and len(links) >= sources  # an editorial assertion's evidence carries its own
    statement = real.get(links[0], headers={"Accept": "text/html"}, follow_redirects=True).text
    text = box(statement, "text")
    slug = links[0].rpartition("/")[2]
    first, last = re.search(r"-l(\d+)-(\d+)-", slug).groups() if "-l" in slug else (None, None)
    assert BASE + links[0][1:] in text and built().report.version.version in text
    if first:
        assert (f"line {first}" if first == last else f"lines {first}–{last}") in text
    assert "Cite this statement" in statement
