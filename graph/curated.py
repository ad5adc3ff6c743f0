"""Curated YAML data files, loaded with the line of every mapping so errors can say file:line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.provenance import Cite, Editorial


class Node(dict):
    """A YAML mapping that remembers where it stood."""

    origin: str = ""


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Node:
    mapping = Node(loader.construct_mapping(node, deep=True))
    mapping.origin = f"{Path(loader.name).name}:{node.start_mark.line + 1}"
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        loader = _Loader(handle)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()


class CurationError(Exception):
    pass


def require(node: Node, key: str) -> Any:
    if key not in node:
        raise CurationError(f"{node.origin}: missing key {key!r}")
    return node[key]


def cite(node: Node, doc: str | None = None) -> Cite:
    """A citation written as {doc?, lines: N | [first, last], quote} (doc defaults to the file's document)."""
    lines = require(node, "lines")
    first, last = (lines, lines) if isinstance(lines, int) else (lines[0], lines[-1])
    document = node.get("doc", doc)
    if not document:
        raise CurationError(f"{node.origin}: citation without a document")
    return Cite(document, int(first), int(last), str(require(node, "quote")), origin=node.origin)


def editorial(node: Node, doc: str | None = None) -> Editorial:
    """An editorial assertion written as {editorial: slug, rationale, evidence?: [citation, ...]}."""
    evidence = tuple(cite(item, doc) for item in node.get("evidence", []))
    return Editorial(str(require(node, "editorial")), str(require(node, "rationale")), evidence, origin=node.origin)


def source(node: Node, doc: str | None = None) -> Cite | Editorial:
    return editorial(node, doc) if "editorial" in node else cite(node, doc)
