"""What every route shares, whatever it serves.

    problems.py     errors as application/problem+json (RFC 9457), and their OpenAPI documentation
    negotiation.py  media types, ?format= names, and the media type a request gets
    accept.py       the choice of a media type from an Accept header (no framework: the SPARQL workers use it)
    cache.py        the answer cache: answers kept until the next build
    middleware.py   request size limits (413/414), gzip, CORS, problem+json for any error, h11 parsing
    frame.py        the one HTML frame every page extends (api/web/templates/base.html), and /assets/
"""
