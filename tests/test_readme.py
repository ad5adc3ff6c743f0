"""The README's SPARQL examples run against the real build and answer something."""
from __future__ import annotations

import re

import pytest

from ltkg.settings import ROOT
from tests.plan2018_fixtures import built

EXAMPLES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 5


def test_readme_examples_give_the_documented_answers():
    """The computed white spots and the actions the final report is silent on, as the README discusses."""
    store = built().store
    themes = {row["theme"].value for row in store.query(EXAMPLES[3], use_default_graph_as_union=True)}
    assert themes == {"Hulpmiddelen", "Palliatief terminale zorg", "Plaats de zorgvraag in de juiste context",
                      "Urgentiebesef en oplossend vermogen"}
    silent = [row["notation"].value for row in store.query(EXAMPLES[4], use_default_graph_as_union=True)]
    assert len(silent) == len(set(silent)) == 19 and "1.4" in silent and "2.6" not in silent


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_readme_example_answers(query):
    store = built().store
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert rows, f"no answer for:\n{query}"
