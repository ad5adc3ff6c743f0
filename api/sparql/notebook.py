"""What the notebooks (notebooks/*.ipynb) share: the graph's store without a server, the cookbook's queries,
rows as plain values, a plain-text table, and a pyvis network as a page that needs no internet.

    store = open_store()                     # build/current's store (LTKG_BUILD_DIR), read-only
    rows = select(store, cookbook("01-who-leads-what"))
    print(table(rows, ["notation", "partyName", "line"]))
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from api.sparql.cookbook import EXAMPLES_DIR, read
from graph.ns import ID
from graph.settings import settings

_EXTERNAL = re.compile(r'<(link|script)\b[^>]*\b(?:href|src)="https?://[^"]*"[^>]*>(?:\s*</script>)?', re.S)


def open_store() -> ox.Store:
    """The last good build's store, read-only; `ltkg build` (or ./run) makes it."""
    path = settings().store_path
    if not path.exists():
        raise FileNotFoundError(f"no build at {path}: run `ltkg build` first (or set LTKG_BUILD_DIR)")
    return ox.Store.read_only(str(path))


def cookbook(slug: str) -> str:
    """The query of examples/{slug}.rq, as it stands."""
    return read(EXAMPLES_DIR / f"{slug}.rq").query


def select(store: ox.Store, query: str) -> list[dict[str, str | None]]:
    """The rows of a SELECT as {variable: value}: IRIs of this graph shortened to kind/slug, others as IRIs,
    literals as their text. The query names its graphs (as the cookbook's do), so no union default graph."""
    result = store.query(query)
    names = [v.value for v in result.variables]
    return [{name: _plain(row[name]) for name in names} for row in result]


def _plain(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
        return term.value[len(ID):]
    return term.value


def table(rows: Sequence[dict], columns: Iterable[str], limit: int = 15, width: int = 48) -> str:
    """The first rows as an aligned text table (cells cut at `width` characters), with the row count."""
    columns = list(columns)
    cells = [[_cut(str(row.get(c) or ""), width) for c in columns] for row in rows[:limit]]
    widths = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)) for line in cells]
    more = f", the first {limit} shown" if len(rows) > limit else ""
    return "\n".join(lines + [f"({len(rows)} rows{more})"])


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


class OfflinePage:
    """A pyvis network as a page with its scripts in line (cdn_resources="in_line"), without the links pyvis's
    template makes to a CDN anyway (Bootstrap, which the view does not use), so it renders offline; Jupyter
    shows it in an iframe."""

    def __init__(self, network, height: int = 620):
        self.html = _EXTERNAL.sub("", network.generate_html(notebook=True))
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" width="100%" height="{self.height}" '
                'style="border:1px solid #ddd"></iframe>')
