"""Query results as bytes: SPARQL 1.1 results (JSON, XML, CSV, TSV) and RDF (Turtle, N-Triples, ...)."""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.store.contract import Boolean, Solutions, Term, Triples
from graph.ns import ID, PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"

JSON = "application/json"
XML = "application/xml"
PLAIN = "text/plain"

# Offered in order of preference (a tie in Accept goes to the earlier); the last of each list are the
# older names clients still send, written as the format they stand for (ALIASES) under the name asked for.
SOLUTION_TYPES = [SPARQL_JSON, SPARQL_XML, CSV, TSV, JSON, XML]
BOOLEAN_TYPES = [SPARQL_JSON, SPARQL_XML, JSON, XML]
GRAPH_TYPES = [TURTLE, N_TRIPLES, RDF_XML, JSON_LD, PLAIN, XML]
ALIASES = {"results": {JSON: SPARQL_JSON, XML: SPARQL_XML}, "graph": {PLAIN: N_TRIPLES, XML: RDF_XML}}

# The `format` parameter's names (as other SPARQL servers take them): (for results, for a graph)
FORMATS = {
    "json": (SPARQL_JSON, JSON_LD), "xml": (SPARQL_XML, RDF_XML), "csv": (CSV, None), "tsv": (TSV, None),
    "turtle": (None, TURTLE), "ttl": (None, TURTLE), "ntriples": (None, N_TRIPLES), "nt": (None, N_TRIPLES),
    "n-triples": (None, N_TRIPLES), "rdfxml": (None, RDF_XML), "rdf": (None, RDF_XML),
    "jsonld": (None, JSON_LD), "json-ld": (None, JSON_LD),
}


def named_format(name: str, graph: bool) -> str | None:
    """The media type a `format` value names for a result (or a graph): a name of FORMATS or a media
    type; None for a name this endpoint does not know or a format that does not fit the result."""
    value = name.strip().lower()
    if "/" in value:
        return value
    pair = FORMATS.get(value)
    return None if pair is None else pair[1] if graph else pair[0]
_RDF_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, N_TRIPLES: ox.RdfFormat.N_TRIPLES,
                RDF_XML: ox.RdfFormat.RDF_XML, JSON_LD: ox.RdfFormat.JSON_LD}
TURTLE_PREFIXES = {**PREFIXES, "id": ID}


def term_json(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(term.subject),
                                        "predicate": term_json(term.predicate),
                                        "object": term_json(term.object)}}


def solutions_json(result: Solutions) -> dict:
    return {"head": {"vars": result.variables},
            "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]}}


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
            f"</predicate><object>{_term_xml(term.object)}</object></triple>")


def _xml(head: str, body: str) -> bytes:
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
            f"<head>{head}</head>\n{body}\n</sparql>\n").encode()


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _tsv_value(term: Term | None) -> str:
    return "" if term is None else str(term)


def serialize(result: Solutions | Boolean | Triples, media: str, about: str | None = None) -> bytes:
    """The result in the given media type (one of the *_TYPES lists above). A cut result (`truncated`)
    says so where the format has room for it: a comment in Turtle, N-Triples and RDF/XML, a `link` to
    `about` in the head of SPARQL JSON and XML results (CSV, TSV and JSON-LD have only the header)."""
    if isinstance(result, Triples):
        media = ALIASES["graph"].get(media, media)
        body = ox.serialize(result.triples, format=_RDF_FORMATS[media], prefixes=TURTLE_PREFIXES)
        if result.truncated and media in (TURTLE, N_TRIPLES):
            body += f"# {_cut(len(result.triples))}\n".encode()
        elif result.truncated and media == RDF_XML:
            body += f"<!-- {_cut(len(result.triples))} -->\n".encode()
        return body
    media = ALIASES["results"].get(media, media)
    link = about if getattr(result, "truncated", False) else None
    if isinstance(result, Boolean):
        if media == SPARQL_XML:
            return _xml("", f"<boolean>{'true' if result.value else 'false'}</boolean>")
        return json.dumps({"head": {}, "boolean": result.value}).encode()
    if media == SPARQL_JSON:
        document = solutions_json(result)
        if link:
            document["head"]["link"] = [link]
        return json.dumps(document, ensure_ascii=False).encode()
    if media == SPARQL_XML:
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        if link:
            head += f"<link href={quoteattr(link)}/>"
        rows = "\n".join(
            "<result>" + "".join(f"<binding name={quoteattr(k)}>{_term_xml(t)}</binding>" for k, t in row.items())
            + "</result>" for row in result.rows)
        return _xml(head, f"<results>\n{rows}\n</results>")
    if media == CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(row.get(v)) for v in result.variables])
        return out.getvalue().encode()
    if media == TSV:
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(_tsv_value(row.get(v)) for v in result.variables) for row in result.rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"cannot write solutions as {media}")


_RESULT_FORMATS = {SPARQL_JSON: ox.QueryResultsFormat.JSON, SPARQL_XML: ox.QueryResultsFormat.XML,
                   CSV: ox.QueryResultsFormat.CSV, TSV: ox.QueryResultsFormat.TSV}


def solutions_bytes(solutions: ox.QuerySolutions, media: str, max_rows: int, about: str | None = None
                    ) -> tuple[bytes, bool]:
    """pyoxigraph's solutions written by pyoxigraph in `media` (a SOLUTION_TYPES entry), up to max_rows
    rows; and whether more were cut (said in the body as serialize() says it).

    No Python object per row: the solutions are written as TSV (a line per row) until the cap, then,
    for another format, read back and written again by pyoxigraph, several times faster than rows
    taken one by one and written by this module."""
    media = ALIASES["results"].get(media, media)
    capped = _RowCap(max_rows)
    try:
        solutions.serialize(capped, format=ox.QueryResultsFormat.TSV)
    except _Cut:
        pass
    tsv = b"".join(capped.chunks)
    if media == TSV:
        return tsv, capped.truncated
    body = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=_RESULT_FORMATS[media])
    if capped.truncated and about:
        if media == SPARQL_JSON:
            body = body.replace(b'{"head":{', b'{"head":{"link":[' + json.dumps(about).encode() + b"],", 1)
        elif media == SPARQL_XML:
            body = body.replace(b"</head>", f"<link href={quoteattr(about)}/></head>".encode(), 1)
    return body, capped.truncated


class _Cut(Exception):
    pass


class _RowCap:
    """A file for pyoxigraph's TSV writer that keeps the header line and `max_rows` rows, and stops
    the writing (raising _Cut) at the first byte beyond them."""

    def __init__(self, max_rows: int):
        self.limit = max_rows + 1  # lines, with the header
        self.lines = 0
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, chunk) -> int:
        data = bytes(chunk)
        if self.lines >= self.limit:
            if data:
                self.truncated = True
                raise _Cut
            return 0
        if self.lines + data.count(b"\n") < self.limit:
            self.lines += data.count(b"\n")
            self.chunks.append(data)
            return len(data)
        at = 0
        while self.lines < self.limit:
            at = data.index(b"\n", at) + 1
            self.lines += 1
        self.chunks.append(data[:at])
        if at < len(data):
            self.truncated = True
            raise _Cut
        return len(data)

    def flush(self) -> None:
        pass


def _cut(count: int) -> str:
    return f"truncated: only the first {count} triples of a larger answer (the endpoint's limit)"
