"""Build: extract every document into one dataset, validate it, write a sorted N-Quads dump and a
pyoxigraph store, and only then replace the last good build."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph

from graph import documents, retired, search_index, version, years
from graph.accounting import Accounting
from graph.extract import plan2018
from graph.kg import KG, BuildError
from graph.ns import GRAPH_ONTOLOGY, LICENCE_NOTE, rebase
from graph.provenance import Sources
from graph.register import PartyRegister, InitiativeRegister
from graph.settings import DATA_DIR, ONTOLOGY_DIR, REFERENCE_DIR, SOURCES_DIR, Settings, settings
from graph.validate import shacl
from graph.version import BuildVersion

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    quads: int
    triples: int
    path: Path
    version: BuildVersion
    accounting: dict = field(default_factory=dict)  # per document: figures and names accounted (graph/accounting.py)


def assemble(progress: Progress = lambda _: None, sources_dir: Path = SOURCES_DIR, data_dir: Path = DATA_DIR,
             reference_dir: Path = REFERENCE_DIR) -> KG:
    """Every extractor into one KG; raises BuildError listing each problem with its file:line.

    sources_dir and data_dir override graph/sources and graph/data (tests build from forged copies);
    extractors read sources through kg.sources and curated files from data_dir."""
    kg = KG(Sources(sources_dir))
    parties = PartyRegister(data_dir / "parties.yaml")
    initiatives = InitiativeRegister(data_dir / "initiatives.yaml")
    progress("documents and registers")
    documents.emit(kg)
    parties.emit(kg)
    initiatives.emit(kg)
    progress("plan van aanpak 2018 (tables, annex, governance, indicators)")
    plan2018.extract(kg, parties, data_dir)
    progress("letter to parliament 2018 (signatories, dated claims beside the plan's)")
    from graph.extract import letter2018
    letter2018.extract(kg, parties, initiatives, data_dir)
    progress("progress report 2021 (results linked to the 2018 plan, legend counts, claims)")
    from graph.extract import report2021
    report2021.extract(kg, parties, initiatives, data_dir)
    progress("WOZO progress report 2024 (action lines, sections, parties, schemes, claims)")
    from graph.extract import wozo2024
    wozo2024.extract(kg, parties, initiatives, data_dir)
    # After the documents that label the shared programme and WOZO action-line nodes: this report's
    # wording then becomes their alternative labels (graph/extract/eindverslag2024.py, Report.label).
    progress("eindverslag 2024 (IZA/GALA/WOZO/TAZ side by side, regional plans, indicators, white spots)")
    from graph.extract import eindverslag2024
    eindverslag2024.extract(kg, parties, initiatives, data_dir)
    from graph.extract import comparison2024
    comparison2024.extract(kg, initiatives, data_dir)
    # Last: they link the nodes of all documents (editorial lineage, 2018 schemes, theme classification).
    progress("lineage, schemes of the 2018 actions, theme classification")
    from graph.extract import lineage, themes
    lineage.extract(kg, parties, initiatives, data_dir)
    themes.extract(kg, data_dir)
    initiatives.emit_links(kg, parties)
    progress("parliamentary papers the documents cite (Kamerstukken), tied to the entities they are about")
    from graph.extract import papers
    papers.extract(kg, data_dir)
    progress("links to outside registers (TOOI, Wikidata, BWB), checked against graph/reference")
    from graph import registers
    laws = {slug for slug, entry in initiatives.entries.items() if entry.get("type") == "law"}
    registers.extract(kg, set(parties.entries), laws, data_dir, reference_dir)
    kg.check()  # the checks below read the whole graph: a graph with gaps would only add their echoes
    progress("checks: years, kinds, the accounting of figures and names")
    years.check(kg)
    initiatives.check_kinds(kg)
    kg.accounting = Accounting(kg, data_dir, (parties, initiatives)).run()
    kg.check()
    ontology = kg.ds.graph(GRAPH_ONTOLOGY)
    ontology.parse(data=rebase((ONTOLOGY_DIR / "ltkg.ttl").read_text(encoding="utf-8")), format="turtle")
    return kg


def nquads(kg: KG) -> str:
    """Sorted N-Quads under the licence's comment: the same sources give the same bytes."""
    lines = kg.ds.serialize(format="nquads").splitlines()
    return LICENCE_NOTE + "\n".join(sorted(set(line for line in lines if line.strip()))) + "\n"


def validate(progress: Progress = lambda _: None) -> tuple[bool, str]:
    try:
        kg = assemble(progress)
    except BuildError as error:
        return False, str(error)
    progress("SHACL validation")
    return shacl(kg)


def build(progress: Progress | None = None, config: Settings | None = None, data_dir: Path = DATA_DIR) -> BuildReport:
    progress = progress or (lambda _: None)
    config = config or settings()
    kg = assemble(progress, data_dir=data_dir)
    progress("SHACL validation")
    conforms, report = shacl(kg)
    if not conforms:
        raise BuildError([f"SHACL: {report}"])
    progress("the id contract (ids of the last build, graph/data/retired-ids.yaml)")
    ids = retired.published(kg)
    register = retired.check(ids, config.current, data_dir / retired.REGISTER)
    progress("writing the dump and the store")
    config.build_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="next-", dir=config.build_dir))
    try:
        dump = staging / "ltkg.nq"
        dump.write_text(nquads(kg), encoding="utf-8")
        store = pyoxigraph.Store(str(staging / "store"))
        store.bulk_load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        quads = len(store)
        del store
        triples = len({(s, p, o) for s, p, o, _ in kg.ds.quads()})
        stamp = version.write(staging, quads=quads, triples=triples)
        retired.write(staging, ids, register)
        progress("search index (names, passages, citations per line)")
        search_index.write(dump, SOURCES_DIR, staging / search_index.FILE_NAME)
        _replace(config.current, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildReport(quads=quads, triples=triples, path=config.dump_path, version=stamp, accounting=kg.accounting)


def _replace(current: Path, staging: Path) -> None:
    """Swap staging in for current; the old build is removed only once the new one is in place."""
    old = current.with_name("previous")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    staging.rename(current)
    shutil.rmtree(old, ignore_errors=True)
