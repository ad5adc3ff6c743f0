"""The choice of a media type from an Accept header: the offer it likes best, ties to the earlier offer.

Plain Python with no import of the web framework, so that a SPARQL worker process (api/sparql/worker.py)
can negotiate its answer's format without paying for FastAPI's import.
"""
from __future__ import annotations

import functools


def best_match(accept: str | None, offers: list[str]) -> str | None:
    """The offer the Accept header likes best (ties go to the earlier offer); None if it likes none."""
    return _negotiate(accept, tuple(offers))


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers
def _negotiate(accept: str | None, offers: tuple[str, ...]) -> str | None:
    if not accept or not accept.strip():
        return offers[0]
    best, best_q = None, 0.0
    for index, offer in enumerate(offers):
        q = _quality(accept, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def _quality(accept: str, offer: str) -> float:
    main = offer.split("/")[0]
    found, specificity = 0.0, -1
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        media = media.lower()
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        level = 2 if media == offer else 1 if media == f"{main}/*" else 0 if media == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found
