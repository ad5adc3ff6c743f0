"""What every route shares, whatever it serves.

    problems.py     errors as application/problem+json (RFC 9457), and their OpenAPI documentation
    negotiation.py  media types, ?format= names, and the choice of one from the Accept header
    cache.py        the answer cache: answers kept until the next build
    middleware.py   request size limits (413/414), gzip, CORS, problem+json for any error, h11 parsing
    frame.py        the one HTML frame every page extends (api/web/templates/base.html), and /assets/
"""
