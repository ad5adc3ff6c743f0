"""`ltkg release`: one versioned, self-describing archive of a build, ready to deposit in a research data
repository.

    ltkg-<version>.zip, holding the folder ltkg-<version>/ with
      README.md      what the archive holds: the version, the dump's SHA-256, the counts, how to cite
      ltkg.nq        the build's dump (every quad; the graph of a triple is its provenance)
      ltkg.trig      the same quads as TriG                (as /download/ltkg.trig serves them)
      ltkg.jsonld    the same quads as JSON-LD             (as /download/ltkg.jsonld)
      ltkg.ttl       the union of the triples as Turtle    (as /download/ltkg.ttl)
      actions.csv    one row per action                    (as /download/actions.csv)
      dataset.ttl    the VoID/DCAT description             (as /dataset?format=ttl)
      CITATION.cff   the project's CITATION.cff with this version, its date and the dump's hash
      LICENSE.txt    the licence the description states, and the software's (pyproject.toml)
      SHA256SUMS     the SHA-256 of every other file (check with `sha256sum -c SHA256SUMS` in the folder)

The files are made by the app itself, in process, from the same build: a release and the downloads never
differ. Every entry carries the build's time, so the same build gives the same archive, byte for byte.
"""
from __future__ import annotations

import hashlib
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from graph import version as build_version
from graph.ns import BASE
from graph.settings import ROOT, Settings

FILES = {  # name in the archive: the path the app serves it at
    "ltkg.nq": "/download/ltkg.nq",
    "ltkg.trig": "/download/ltkg.trig",
    "ltkg.jsonld": "/download/ltkg.jsonld",
    "ltkg.ttl": "/download/ltkg.ttl",
    "actions.csv": "/download/actions.csv",
    "dataset.ttl": "/dataset?format=ttl",
}
DATASET = URIRef(BASE + "dataset#ltkg")


class ReleaseError(Exception):
    """No build to release, or the app would not give one of its files."""


@dataclass(frozen=True)
class Release:
    path: Path
    version: build_version.BuildVersion
    files: dict[str, str]  # name: SHA-256


def release(settings: Settings, out_dir: Path) -> Release:
    found = build_version.read(settings.current)
    if found is None:
        raise ReleaseError(f"no versioned build at {settings.current}: run `ltkg build` first")
    files = _served(settings)
    if hashlib.sha256(files["ltkg.nq"]).hexdigest() != found.sha256:
        raise ReleaseError("the served dump is not the one the build's version names")
    description = Graph().parse(data=files["dataset.ttl"], format="turtle")
    files["CITATION.cff"] = citation(found)
    files["LICENSE.txt"] = licence(description)
    files["README.md"] = readme(found, description, sorted(files))
    sums = {name: hashlib.sha256(body).hexdigest() for name, body in sorted(files.items())}
    files["SHA256SUMS"] = "".join(f"{digest}  {name}\n" for name, digest in sums.items()).encode()
    folder = f"ltkg-{found.version}"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{folder}.zip"
    stamp = tuple(int(part) for part in found.built[:19].replace("T", "-").replace(":", "-").split("-"))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, files[name])
    return Release(path, found, sums)


def _served(settings: Settings) -> dict[str, bytes]:
    from fastapi.testclient import TestClient

    from api.app import create_app

    client = TestClient(create_app(settings))  # no lifespan: the REST routes' store, no SPARQL workers
    out = {}
    for name, path in FILES.items():
        response = client.get(path, headers={"Accept": "text/turtle"} if name == "dataset.ttl" else {})
        if response.status_code != 200:
            raise ReleaseError(f"{path} answered {response.status_code}: {response.text[:200]}")
        out[name] = response.content
    return out


def citation(found: build_version.BuildVersion) -> bytes:
    """The project's CITATION.cff with this build's version, date and dump hash."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    cff["version"] = found.version
    cff["date-released"] = found.built[:10]
    cff["identifiers"] = [{"type": "other", "value": f"sha256:{found.sha256}",
                           "description": "SHA-256 of ltkg.nq, the N-Quads dump of this version"}]
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=110).encode("utf-8")


def licence(description: Graph) -> bytes:
    """What the dataset's description states as its licence and rights, and the software's licence."""
    lines = ["Licence of the Langer Thuis knowledge graph (as its description, dataset.ttl, states it)", ""]
    for licence_iri in sorted(description.objects(DATASET, DCTERMS.license)):
        lines.append(f"Data licence: {licence_iri}")
    for rights in sorted(description.objects(DATASET, DCTERMS.rights)):
        lines.append(f"Rights: {rights}")
    with open(ROOT / "pyproject.toml", "rb") as file:
        software = tomllib.load(file)["project"].get("license", "not stated")
    lines += ["", f"The software that builds and serves the graph: {software} (pyproject.toml)."]
    return ("\n".join(lines) + "\n").encode("utf-8")


def readme(found: build_version.BuildVersion, description: Graph, names: list[str]) -> bytes:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    authors = ", ".join(a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip()
                        for a in cff["authors"])
    text = [f"# {cff['title']}, version {found.version}", "",
            str(next(iter(description.objects(DATASET, DCTERMS.description)), "")), "",
            f"- version: `{found.version}` (release {found.release})",
            f"- SHA-256 of `ltkg.nq`: `{found.sha256}`",
            f"- built: {found.built}; {found.quads:,} quads, {found.triples:,} distinct triples", "",
            "## Files", ""]
    text += [f"- `{name}`" + (f": as the service serves `{FILES[name]}`" if name in FILES else "") for name in names]
    text += ["- `SHA256SUMS`: the SHA-256 of every other file (`sha256sum -c SHA256SUMS`)", "",
             "## How to cite", "",
             f"{authors} ({found.built[:4]}). {cff['title']}, version {found.version} [dataset]. "
             f"SHA-256 of ltkg.nq {found.sha256}.", "",
             "Entity IRIs (https://ltkg.example.org/id/{kind}/{slug}) stay the same from one version to the next; "
             "`ltkg diff OLD NEW` lists what changed between two builds.", ""]
    return "\n".join(text).encode("utf-8")
