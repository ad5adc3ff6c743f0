"""The source reader on the real build: markdown rendered line by line with numbers and anchors, cited lines
counted in the gutter, coverage per document and section (HTML and JSON), the facts resting on a line, and a
citation's page listing the statements it supports."""
from __future__ import annotations

import re

WOZO = "2024-wozo-voortgangsrapportage"
PLAN = "2018-langer-thuis-plan-van-aanpak"


def test_markdown_rendered_with_every_line_numbered(real):
    page = real.get(f"/sources/{WOZO}.html")
    assert page.status_code == 200
    text = page.text
    assert len(re.findall(r'<tr id="L\d+"', text)) == 448  # every line of the file, as the citations count
    row = re.search(r'<tr id="L29"[^>]*>.*?</tr>', text, re.S).group()
    assert 'class="md-h md-h2"' in row and "Samen vitaal ouder worden" in row  # "## " heading
    row = re.search(r'<tr id="L31"[^>]*>.*?</tr>', text, re.S).group()
    assert "<strong>Actielijn 1 bevordert" in row  # **strong**
    row = re.search(r'<tr id="L70"[^>]*>.*?</tr>', text, re.S).group()
    assert '<sup><a href="#L83"' in row  # a footnote number links to the footnote's line
    assert "&lt;sup&gt;" not in text
    assert 'class="extlink" title="http://www.praatvandaagovermorgen.nl"' in text  # its address kept, not linked
    assert not re.search(r'(?:src|href)="(?:https?:)?//', text)  # the site links nothing outside it


def test_cited_lines_in_the_gutter(real):
    text = real.get(f"/sources/{PLAN}.html").text
    buttons = re.findall(r'<button type="button" class="cites" data-line="(\d+)"[^>]*>(\d+)</button>', text)
    assert len(buttons) > 100
    coverage = real.get(f"/sources/{PLAN}.json").json()
    by_line = {row["line"]: row for row in coverage["lines"]}
    for line, count in buttons:
        assert by_line[int(line)]["facts"] == int(count) > 0


def test_marked_lines_with_their_facts(real):
    text = real.get(f"/sources/{PLAN}.html", params={"lines": "244-244"}).text
    assert re.search(r'<tr id="L244" class="[^"]*\bhl\b', text)
    facts = re.search(r'<tr class="facts-row" id="facts-244">.*?</tr>', text, re.S).group()
    assert "Facts resting on line 244" in facts and 'href="/id/action/langer-thuis-2.6"' in facts


def test_coverage_per_document_and_section(real):
    coverage = real.get(f"/sources/{WOZO}.json").json()
    assert coverage["document"] == WOZO
    assert 0 < coverage["cited"] < coverage["substantive"]
    assert coverage["share"] == round(coverage["cited"] / coverage["substantive"], 3)
    sections = coverage["sections"]
    assert sum(s["substantive"] for s in sections) == coverage["substantive"]
    assert any(s["title"] == "Samen vitaal ouder worden" for s in sections)
    lines = {row["line"]: row for row in coverage["lines"]}
    assert lines[29]["role"] == "heading" and lines[2]["role"] == "blank"
    substantive = [r for r in coverage["lines"] if r["role"] == "text"]
    assert len(substantive) == coverage["substantive"]
    assert sum(1 for r in substantive if r["citations"]) == coverage["cited"]
    page = real.get(f"/sources/{WOZO}.html").text
    assert f"Cited: {coverage['cited']} of {coverage['substantive']} substantive lines" in page


def test_facts_of_one_line(real):
    answer = real.get(f"/sources/{PLAN}.json", params={"line": 244}).json()
    assert answer["line"] == 244 and answer["citations"]
    statement = answer["citations"][0]["statements"][0]
    assert {"subject", "property", "value"} <= set(statement)
    assert any(s["subject"]["page"] == "/id/action/langer-thuis-2.6" for c in answer["citations"]
               for s in c["statements"])


def test_citation_page_lists_the_statements_it_supports(real):
    coverage = real.get(f"/sources/{PLAN}.json", params={"line": 244}).json()
    citation = coverage["citations"][0]
    page = real.get(citation["page"].replace("/id/", "/doc/"), headers={"Accept": "text/html"}).text
    assert "Statements this citation supports" in page
    assert f"({citation['facts']})" in page
    assert 'href="/id/action/langer-thuis-2.6"' in page
