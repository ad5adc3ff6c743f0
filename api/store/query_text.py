"""Just enough lexing of SPARQL text to tell a query's form and to bind variables with a VALUES block.

No parsing of the query proper: the store's parser does that. The lexer only knows where comments,
IRIs and string literals are, so that a '#', '{' or keyword inside them is never mistaken for syntax.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from collections.abc import Iterator, Mapping

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_TOKEN = re.compile(
    r"""
      (?P<space>[\s\ufeff]+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()\[\];,"'<>]*)?|:[^\s{}()\[\];,"'<>]*)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class SparqlTextError(ValueError):
    pass


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of every token that is not whitespace or a comment."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            yield kind, match.group(), match.start()


def _after_prologue(text: str) -> Iterator[tuple[str, str, int]]:
    """The tokens after the BASE and PREFIX declarations."""
    stream = tokens(text)
    for kind, value, offset in stream:
        word = value.upper() if kind == "word" else ""
        if word == "BASE":
            next(stream, None)  # <iri>
        elif word == "PREFIX":
            next(stream, None)  # pname:
            next(stream, None)  # <iri>
        else:
            yield kind, value, offset
            yield from stream
            return


def form(text: str) -> str:
    """The first keyword after the prologue, upper-cased: SELECT, ASK, ..., INSERT, ...; '' if none."""
    for kind, value, _ in _after_prologue(text):
        return value.upper() if kind == "word" else ""
    return ""


_UPDATE_ONLY = UPDATE_KEYWORDS - {"WITH"}  # words no query has outside strings, IRIs, comments and names


def is_update(text: str) -> bool:
    """Whether the text is (or holds) a SPARQL Update: it starts with an update keyword, or one of
    INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD appears as a keyword anywhere (none is
    a keyword of the query language, so e.g. `SELECT ... ; INSERT DATA ...` counts)."""
    return outline(text, limited=False).update


def substitute(text: str, bindings: Mapping[str, object]) -> str:
    """The query with each bound variable replaced by its term.

    Terms are written by str() of pyoxigraph terms: N-Triples syntax with every character that
    matters escaped. A bound variable in the (outermost) SELECT clause becomes `(term AS ?name)`, so
    it stays in the answer; in a sub-query's SELECT clause it is refused, as it would clash with
    that. Comments, IRIs and strings are never touched.
    """
    if not bindings:
        return text
    out: list[str] = []
    for before, name, projected in _places(text, frozenset(bindings)):
        out.append(before)
        if name is not None:
            term = str(bindings[name])
            out.append(f"({term} AS ?{name})" if projected else term)
    return "".join(out)


@functools.lru_cache(maxsize=512)
def _places(text: str, names: frozenset[str]) -> tuple[tuple[str, str | None, bool], ...]:
    """Where substitute() puts the terms of the named variables: (text before, name, in the outermost
    SELECT clause), the last with no name. Lexed once per query text: the named queries repeat."""
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise SparqlTextError(f"not a variable name: {name!r}")
    places: list[tuple[str, str | None, bool]] = []
    at = 0
    selects = 0
    in_select = False
    depth = 0
    for kind, value, offset in tokens(text):
        if kind == "word" and value.upper() == "SELECT":
            in_select, depth, selects = True, 0, selects + 1
        elif in_select and (value == "{" or (kind == "word" and value.upper() in ("WHERE", "FROM"))):
            in_select = False
        elif value == "(":
            depth += 1
        elif value == ")":
            depth -= 1
        if kind != "var" or value[1:] not in names:
            continue
        projected = in_select and depth == 0
        if projected and selects > 1:
            raise SparqlTextError(f"parameter ?{value[1:]} is in a sub-query's SELECT clause")
        places.append((text[at:offset], value[1:], projected))
        at = offset + len(value)
    places.append((text[at:], None, False))
    return tuple(places)


# -- checks of a public query, before it runs (api.sparql, api.sparql.pool) -----------------------------
MAX_NESTING = 64
MAX_LINKS = 2000
_LINK_PUNCT = frozenset("+-*/|&!=<>.;,")  # operators, and the separators of triple patterns and arguments
_LINK_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "IN"})


@dataclass(frozen=True)
class Outline:
    """What the endpoint checks of a query before any parser sees it, read in one pass of the lexer."""
    form: str  # as form() says
    update: bool  # as is_update() says
    depth: int  # how deeply (), {} and [] nest
    links: int  # links of chains: operators, separators (. ; ,) and UNION, OPTIONAL, MINUS, FILTER, BIND, IN
    dataset_clause: bool  # FROM or FROM NAMED outside any group (not read past a limit)


def outline(text: str, limited: bool = True) -> Outline:
    """The query's outline, outside comments, IRIs and strings. With `limited`, the pass stops as soon
    as the nesting or the count of links passes its limit (the query will be refused anyway).

    pyoxigraph's parser and evaluator recurse on every level of nesting and on every link of a flat
    chain (`1+1+…`, `{} UNION {} UNION …`, a run of OPTIONALs or of triple patterns): 5 000 to
    10 000 links overflow a thread's 8 MiB stack and kill the process, and nested collections take
    time cubic in their depth. Counting every link bounds every chain, so the endpoint refuses such
    input before any parser sees it (and query workers run on a larger stack besides).
    """
    first = form(text)
    update = first in UPDATE_KEYWORDS
    depth = deepest = links = 0
    dataset = False
    previous = ""
    for kind, value, _ in tokens(text):
        if kind == "punct":
            if value in "({[":
                depth += 1
                deepest = max(deepest, depth)
            elif value in ")}]":
                depth = max(0, depth - 1)
            elif value in _LINK_PUNCT:
                links += 1
        elif kind == "word" and previous != "@":
            upper = value.upper()
            if upper in _LINK_WORDS or value.endswith("."):  # (a prefixed name swallows the dot after it)
                links += 1
            elif upper in _UPDATE_ONLY:
                update = True
            elif upper == "FROM" and depth == 0:
                dataset = True
        previous = value
        if limited and (deepest > MAX_NESTING or links > MAX_LINKS):
            return Outline(first, update, deepest, links, dataset)
    return Outline(first, update, deepest, links, dataset)


def _service_keyword(text: str) -> bool:
    """Lexically: a SERVICE keyword outside comments, IRIs, strings and language tags.

    Conservative: a word like `true.SERVICE` is split at its dots, as a parser would read it.
    """
    previous = ""
    for kind, value, _ in tokens(text):
        if kind == "word" and previous != "@" and any(part.upper() == "SERVICE" for part in value.split(".")):
            return True
        previous = value
    return False


def uses_service(text: str) -> bool:
    """Whether the query has a SERVICE clause (federation), read by parsing it with rdflib.

    A SERVICE keyword must be spelt out (or escaped as \\uXXXX), so a query with neither the
    letters "service" nor an escape has none (cheap, and the usual case). Otherwise rdflib's SPARQL
    parser decides, so that "SERVICE" inside a string, an IRI, a comment or a name does not count;
    a query rdflib cannot parse (too new a syntax, or too deep) falls back to the lexer, which errs
    on the side of finding one.
    """
    lowered = text.lower()
    if "service" not in lowered and "\\u" not in lowered:  # (SPARQL allows \u0053 escapes anywhere)
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        tree = parseQuery(text)
    except Exception:  # ParseException, RecursionError, ...
        return _service_keyword(text)
    return _has_node(tree, "ServiceGraphPattern")


def _has_node(tree: object, name: str) -> bool:
    """Whether rdflib's parse tree (CompValues in ParseResults and lists) has a node of that name."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [tree], 0
    while stack:
        node = stack.pop()
        seen += 1
        if isinstance(node, CompValue):
            if node.name == name:
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return False
