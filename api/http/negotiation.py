"""Content negotiation, shared by every route: the media types the site speaks, `?format=` names, and the
choice of a media type from a request's Accept header (ties go to the earlier offer)."""
from __future__ import annotations

from fastapi import Request

from api.http.accept import best_match
from api.http.problems import Problem

HTML = "text/html"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
JSON = "application/json"  # taken as JSON-LD
N_TRIPLES = "application/n-triples"
TRIG = "application/trig"
N_QUADS = "application/n-quads"
CSV = "text/csv"

# ?format= values, for links and for clients that cannot set Accept.
FORMATS = {"html": HTML, "ttl": TURTLE, "jsonld": JSON_LD, "nt": N_TRIPLES, "trig": TRIG, "nq": N_QUADS}
FORMAT_NAMES = {HTML: "HTML", TURTLE: "Turtle", JSON_LD: "JSON-LD", N_TRIPLES: "N-Triples", TRIG: "TriG",
                N_QUADS: "N-Quads", CSV: "CSV"}
def media_type(media: str) -> str:
    """The Content-Type header for a media type: text types with their charset."""
    return f"{media}; charset=utf-8" if media.startswith("text/") or media in (N_TRIPLES, TRIG, N_QUADS) else media


def negotiate(request: Request, offers: list[str]) -> str:
    """The media type to answer with: ?format= if given, else the offer the Accept header likes best.

    Ties go to the earlier offer, so the first offer is the default for `*/*` or no Accept at all;
    application/json counts as JSON-LD. 406 (problem+json) if none is acceptable.
    """
    given = request.query_params.get("format")
    if given is not None:
        media = FORMATS.get(given.strip().lower())
        if media is None or media not in offers:
            names = ", ".join(name for name, m in FORMATS.items() if m in offers)
            raise Problem(400, f"format must be one of {names}, not {given!r}", "invalid-parameter",
                          parameter="format")
        return media
    choices = offers + ([JSON] if JSON_LD in offers else [])
    media = best_match(request.headers.get("accept"), choices)
    if media is None:
        raise Problem(406, f"this resource can be had as {', '.join(offers)}", "not-acceptable",
                      headers={"Vary": "Accept"})
    return JSON_LD if media == JSON else media


def prefers_html(request: Request) -> bool:
    """Whether the client (a browser) likes HTML better than JSON: for the form of error pages."""
    return best_match(request.headers.get("accept"), [JSON, HTML]) == HTML and \
        "text/html" in request.headers.get("accept", "")
