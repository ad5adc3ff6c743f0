"""One real build per test session, shared by test_plan2018.py and test_build.py.

The build goes to a temporary build dir (never build/current); the dump is loaded into an in-memory
pyoxigraph store for SPARQL.
"""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.build import BuildReport, build
from graph.ns import ID
from graph.settings import Settings

PREFIXES = """
PREFIX ltkg: <https://ltkg.example.org/def/>
PREFIX id: <https://ltkg.example.org/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
""" + "".join(f"PREFIX {kind}: <https://ltkg.example.org/id/{kind}/>\n" for kind in (
    "programme", "actionline", "goal", "action", "party", "party-type", "body", "body-kind", "editorial"))


@dataclass(frozen=True)
class Built:
    build_dir: Path
    report: BuildReport
    store: ox.Store

    @property
    def dump(self) -> Path:
        return self.build_dir / "current" / "ltkg.nq"

    def select(self, query: str) -> list[dict[str, object]]:
        """Rows of a SELECT as {variable: python value}; IRIs of this graph as 'kind/slug'."""
        result = self.store.query(PREFIXES + query)
        names = [v.value for v in result.variables]
        return [{name: _value(row[name]) for name in names} for row in result]

    def ask(self, query: str) -> bool:
        return bool(self.store.query(PREFIXES + query))


def _value(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value[len(ID):] if term.value.startswith(ID) else term.value
    return term.value


@functools.cache
def built() -> Built:
    """Build the graph once per process into a temporary dir."""
    build_dir = Path(tempfile.mkdtemp(prefix="ltkg-test-build-"))
    atexit.register(shutil.rmtree, build_dir, True)
    report = build(config=Settings(build_dir=build_dir))
    store = ox.Store()
    store.load(path=str(report.path), format=ox.RdfFormat.N_QUADS)
    return Built(build_dir, report, store)
