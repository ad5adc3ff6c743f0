"""A remote store: any SPARQL 1.1 query endpoint (e.g. Virtuoso), queried over HTTP with httpx."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

import httpx
import pyoxigraph as ox

from api.store import query_text
from api.store.answers import Deadline, collect, guarded, materialise, substituted
from api.store.contract import (Boolean, Fetched, QuerySyntaxError, QueryTimeout, Result, Solutions, StoreError,
                                StoreUnavailable, Term, Triples)

def _results_from_json(data: bytes, max_rows: int | None = None) -> Solutions | Boolean:
    """Solutions or a boolean from SPARQL 1.1 Query Results JSON (rows beyond max_rows dropped, and so marked)."""
    try:
        document = json.loads(data)
        if "boolean" in document:
            return Boolean(bool(document["boolean"]))
        bindings = document["results"]["bindings"]
        truncated = max_rows is not None and len(bindings) > max_rows
        if truncated:
            bindings = bindings[:max_rows]
        terms: dict[tuple, Term] = {}  # a term recurs in many rows (the subject in all): made once

        def term(value: dict) -> Term:
            if value["type"] == "triple":
                return json_term(value)
            key = (value["value"], value["type"], value.get("xml:lang"), value.get("datatype"))
            found = terms.get(key)
            if found is None:
                found = terms[key] = json_term(value)
            return found

        rows = [{name: term(value) for name, value in binding.items()} for binding in bindings]
        return Solutions(list(document["head"].get("vars", [])), rows, truncated)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not SPARQL JSON results ({type(error).__name__}: {error})") from None


def json_term(value: dict) -> Term:
    """The RDF term of a SPARQL JSON results binding ("typed-literal" is SPARQL 1.0's, still sent by Virtuoso)."""
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind == "triple":
        parts = value["value"]
        return ox.Triple(json_term(parts["subject"]), json_term(parts["predicate"]), json_term(parts["object"]))
    raise ValueError(f"a SPARQL JSON result has a term of unknown type {kind!r}")


_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # older servers' N-Triples
    "text/ntriples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


class RemoteStore:
    """A SPARQL 1.1 query endpoint (e.g. Virtuoso), queried over HTTP with httpx."""

    accept_solutions = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
    accept_graph = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"

    def __init__(self, endpoint: str, timeout: float = 10.0, client: httpx.Client | None = None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.client = client or httpx.Client(timeout=timeout, follow_redirects=True)

    def describe(self) -> str:
        return f"SPARQL endpoint {self.endpoint}"

    def version(self) -> None:
        return None

    def query(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None,
              default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> Result:
        """As Store.query; default_graphs and named_graphs are passed on as the protocol's
        default-graph-uri and named-graph-uri."""
        return self.fetch(text, bindings, max_rows=max_rows, timeout=timeout, default_graphs=default_graphs,
                          named_graphs=named_graphs).read()

    def fetch(self, text: str, bindings: Mapping[str, Term] | None = None, *,
              max_rows: int | None = None, timeout: float | None = None,
              default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> Fetched:
        """As Store.fetch: the endpoint's HTTP answer, read by Fetched.read()."""
        if not query_text.form(text) in query_text.QUERY_FORMS:
            raise QuerySyntaxError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
        text = substituted(text, bindings)
        deadline = Deadline(timeout)
        graph_query = query_text.form(text) in ("CONSTRUCT", "DESCRIBE")
        try:
            data: dict[str, str | list[str]] = {"query": text}
            if default_graphs:
                data["default-graph-uri"] = list(default_graphs)
            if named_graphs:
                data["named-graph-uri"] = list(named_graphs)
            response = self.client.post(
                self.endpoint, data=data,
                headers={"Accept": self.accept_graph if graph_query else self.accept_solutions},
                timeout=timeout or self.timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"the SPARQL endpoint did not answer within {timeout or self.timeout} s") from None
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"the SPARQL endpoint is unreachable: {error}") from None
        if response.status_code >= 300:
            raise _refusal(response)
        if response.headers.get("x-sql-state", "").startswith("S1T"):
            # Virtuoso's "anytime" answer: what it found before its time limit, not the whole answer
            raise QueryTimeout("the SPARQL endpoint stopped the query at its time limit (a partial answer)")

        def read() -> Result:
            result = self._result(response, graph_query, max_rows, deadline)
            if "x-sparql-maxrows" in response.headers and not isinstance(result, Boolean):
                result.truncated = True  # Virtuoso cut the answer at its ResultSetMaxRows
            return result
        return Fetched(len(response.content), read)

    @staticmethod
    def _result(response: httpx.Response, graph_query: bool, max_rows: int | None, deadline: Deadline) -> Result:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media in ("application/sparql-results+json", "application/json") and not graph_query:
            return guarded(lambda: _results_from_json(response.content, max_rows), StoreUnavailable)
        if media in _RESULT_TYPES and not graph_query:
            return guarded(lambda: materialise(
                ox.parse_query_results(response.content, format=_RESULT_TYPES[media]), max_rows, deadline),
                StoreUnavailable)
        if media in _RDF_TYPES and graph_query:
            return guarded(lambda: Triples(*collect(
                ox.parse(response.content, format=_RDF_TYPES[media]), max_rows, deadline, lambda quad: quad.triple)),
                StoreUnavailable)
        raise StoreUnavailable(f"the SPARQL endpoint answered with an unexpected type {media!r}")


# Virtuoso's errors read "Virtuoso <SQLSTATE> Error <code>: <message>", mostly with HTTP 500.
_VIRTUOSO_ERROR = re.compile(r"Virtuoso (\w{5}) Error (\w+):")


def _refusal(response: httpx.Response) -> StoreError:
    """The error of an endpoint's refusal: the client's query (400, or Virtuoso's compiler and argument
    errors), a time limit (Virtuoso's S1T00), or else the endpoint's failure."""
    text = response.text.strip()[:2000]
    if response.status_code == 400:
        return QuerySyntaxError(text or "the endpoint refused the query")
    found = _VIRTUOSO_ERROR.search(text)
    if found:
        state = found[1]
        if state.startswith("S1T"):
            return QueryTimeout(f"the SPARQL endpoint stopped the query at its time limit: {text}")
        if state in ("37000", "22023") or state.startswith("42"):
            return QuerySyntaxError(text)
    return StoreUnavailable(f"the SPARQL endpoint answered HTTP {response.status_code}")


