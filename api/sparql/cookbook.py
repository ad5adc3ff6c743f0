"""The query cookbook: examples/*.rq, one researcher's question per file, asked in Dutch and English in the
file's header. The query page offers them as ready examples; the README lists them; tests/sparql/test_cookbook.py
checks each one's answer.

    # nl: the question in Dutch
    # en: the question in English
    #
    # how to read the answer (any number of comment lines)
    PREFIX ...
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.ns import rebase
from graph.settings import EXAMPLES_DIR

_QUESTION = re.compile(r"^#\s*(nl|en):\s*(.+)$")


@dataclass(frozen=True)
class Recipe:
    slug: str  # the file name without .rq, e.g. 01-who-leads-what
    nl: str
    en: str
    about: str  # the header's other comment lines, joined
    query: str  # the whole file, as it stands

    @property
    def file(self) -> str:
        return f"examples/{self.slug}.rq"


def read(path: Path) -> Recipe:
    text = rebase(path.read_text(encoding="utf-8"))
    questions: dict[str, str] = {}
    about: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _QUESTION.match(line)
        if match:
            questions[match.group(1)] = match.group(2).strip()
        elif line.strip("# "):
            about.append(line.lstrip("#").strip())
    missing = {"nl", "en"} - questions.keys()
    if missing:
        raise ValueError(f"{path.name}: the header asks no question in {', '.join(sorted(missing))} (# nl: … / # en: …)")
    return Recipe(path.stem, questions["nl"], questions["en"], " ".join(about), text)


def recipes(directory: Path = EXAMPLES_DIR) -> list[Recipe]:
    """Every recipe, in file-name order."""
    return [read(path) for path in sorted(directory.glob("*.rq"))]
