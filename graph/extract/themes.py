"""Classification of actions and action lines into the themes of the 2024 report (ltkg:themes).

Read from graph/data/theme-classification-*.yaml, one file per programme (or group of agreements):

    programmes: [iza, gala, taz]          # the programmes whose items the file classifies
    classifications:
      - action: langer-thuis-1.1           # or  actionLine: iza-8
        themes: [cultuur, voorbereid-ouder-worden]
        rationale: one line: why these themes

Each classification is one editorial assertion (id/editorial/theme-class-{item id}) holding
`{item} ltkg:theme id/theme/{theme}` for each theme. Runs after the extractors of the documents and
of the 2024 report: an unknown action, action line or theme, an item of another programme than the
file's, an item classified twice or without a theme or rationale is a build error with file:line.
From these links the graph answers which themes a set of programmes covers, through which actions,
and which themes no action covers at all (api/queries/coverage.rq, white-spots.rq).
"""
from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from graph import curated
from graph.extract.lineage import is_a, programme_of
from graph.kg import KG
from graph.ns import LTKG, iri
from graph.provenance import Editorial
from graph.settings import DATA_DIR

PATTERN = "theme-classification-*.yaml"
KINDS = {"action": ("action", LTKG.Action, "action"), "actionLine": ("actionline", LTKG.ActionLine, "action line")}


def files(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob(PATTERN))


def extract(kg: KG, data_dir: Path = DATA_DIR) -> None:
    paths = files(data_dir)
    if not paths:
        kg.problem(f"{data_dir}: no {PATTERN} files")
        return
    seen: dict[str, str] = {}
    for path in paths:
        classify(kg, curated.load(path), path.name, seen)


def classify(kg: KG, data: curated.Node, name: str, seen: dict[str, str]) -> None:
    programmes = [str(p) for p in (data.get("programmes") or [])]
    if not programmes:
        kg.problem(f"{data.origin or name}: list the programmes this file classifies under `programmes:`")
        return
    for entry in data.get("classifications") or []:
        item = item_of(kg, entry)
        if item is None:
            continue
        node, slug = item
        programme = programme_of(kg, node)
        programme_slug = str(programme).rsplit("/", 1)[1] if programme is not None else None
        themes = [str(t) for t in (entry.get("themes") or [])]
        rationale = str(entry.get("rationale") or "").strip()
        problems = []
        if programme_slug not in programmes:
            problems.append(f"{slug} belongs to programme {programme_slug!r}, not to this file's {', '.join(programmes)}")
        if slug in seen:
            problems.append(f"{slug} is already classified at {seen[slug]}")
        if not themes:
            problems.append(f"{slug} has no themes")
        if len(set(themes)) != len(themes):
            problems.append(f"{slug} lists a theme twice")
        unknown = [t for t in themes if not known_theme(kg, t)]
        if unknown:
            problems.append(f"unknown theme {', '.join(map(repr, unknown))} for {slug} "
                            f"(themes are id/theme/... of graph/data/eindverslag-2024-themes.yaml)")
        if not rationale:
            problems.append(f"{slug} has no rationale")
        seen.setdefault(slug, entry.origin)
        if problems:
            for problem in problems:
                kg.problem(f"{entry.origin}: {problem}")
            continue
        note = Editorial(f"theme-class-{slug}", rationale, origin=entry.origin)
        for theme in themes:
            kg.add(node, LTKG.theme, iri("theme", str(theme)), note)


def item_of(kg: KG, entry: curated.Node) -> tuple[URIRef, str] | None:
    keys = [k for k in KINDS if k in entry]
    if len(keys) != 1:
        kg.problem(f"{entry.origin}: give exactly one of {', '.join(KINDS)}")
        return None
    kind, cls, what = KINDS[keys[0]]
    slug = str(entry[keys[0]])
    node = iri_or_none(kind, slug)
    if node is None or not is_a(kg, node, cls):
        kg.problem(f"{entry.origin}: unknown {what} {slug!r}")
        return None
    return node, slug


def known_theme(kg: KG, slug: str) -> bool:
    node = iri_or_none("theme", slug)
    return node is not None and is_a(kg, node, LTKG.Theme)


def iri_or_none(kind: str, slug: str) -> URIRef | None:
    try:
        return iri(kind, slug)
    except ValueError:
        return None

