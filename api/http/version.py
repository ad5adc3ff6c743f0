"""The version of the build the app serves: the one place the API reads it (graph.version writes it at build).

    build_version(request)   the BuildVersion of build/current, or None (no build, or a remote store whose
                             build folder is not here)
    version_headers(request) X-LTKG-Version: 0.1.0+3f2a9c1b7e04, for answers that come from the build
"""
from __future__ import annotations

from fastapi import Request

from graph import version
from graph.version import BuildVersion

HEADER = "X-LTKG-Version"


def build_version(request: Request) -> BuildVersion | None:
    return version.read(request.app.state.settings.current)


def version_headers(request: Request) -> dict[str, str]:
    found = build_version(request)
    return {HEADER: found.version} if found else {}
