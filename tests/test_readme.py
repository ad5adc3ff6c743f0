"""The README's SPARQL examples run against the real build and answer something."""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from ltkg.settings import ROOT
from tests.plan2018_fixtures import built

EXAMPLES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_readme_example_answers(query):
    store = built().store
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert rows, f"no answer for:\n{query}"
