"""Where queries run: the embedded pyoxigraph store of the last good build, or a remote SPARQL endpoint.

Both answer `query(text, bindings)` with the same structures: `Solutions` (SELECT), `Boolean` (ASK)
or `Triples` (CONSTRUCT, DESCRIBE), holding pyoxigraph terms. Bindings map variable names to RDF
terms, never raw strings, and both stores bind them the same way: each bound variable is replaced,
in the query text, by its term written in N-Triples syntax (api.store.query_text.substitute). (pyoxigraph's
own `substitutions=` would do for the embedded store, but it does not reach into sub-queries, and
BOUND() of a substituted variable is false there: one mechanism for both stores keeps their answers
alike.) The default graph is the union of all graphs.

    contract.py     what every store answers: Solutions, Boolean, Triples, the errors, the Store protocol
    answers.py      reading answers within a deadline and a row cap; binding values into query text
    embedded.py     EmbeddedStore: build/current's pyoxigraph store (read-only, in memory when small)
    remote.py       RemoteStore: any SPARQL 1.1 endpoint over HTTP
    query_text.py   the lexing of query text (forms, prefixes, substitution, nesting limits)
"""
from __future__ import annotations

from api.store.contract import Store
from api.store.embedded import EmbeddedStore
from api.store.remote import RemoteStore
from graph.settings import Settings


def open_store(settings: Settings) -> Store:
    if settings.sparql_endpoint:
        return RemoteStore(settings.sparql_endpoint, timeout=settings.query_timeout)
    return EmbeddedStore(settings.store_path)
