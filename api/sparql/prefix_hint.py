"""A plain message for a query that uses a prefix it does not declare.

The parser says only "Prefix not found" and a position; the query page knows every prefix it completes, so the
answer names the undeclared prefixes and, for those it knows, the declarations that fix the query (the page
offers them as a one-click fix; api/web/static/query/query.js).
"""
from __future__ import annotations

import re

_STRIP = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')
_USED = re.compile(r"(?<![\w:?$.-])([A-Za-z][\w.-]*)?:(?=[\w%])")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)
PARSER_SAYS = "Prefix not found"
_WHERE = re.compile(r"error at \d+:\d+")


def undeclared(query: str) -> list[str]:
    """The prefixes the query uses in prefixed names without declaring them ('' for the empty prefix)."""
    text = _STRIP.sub(" ", query)
    declared = {name or "" for name in _DECLARED.findall(text)}
    used = [name or "" for name in _USED.findall(_DECLARED.sub(" ", text))]
    return sorted({name for name in used if name not in declared})


def hint(query: str, detail: str, known: dict[str, str]) -> tuple[str, dict] | None:
    """(detail, problem fields) for a parser error about an undeclared prefix; None for any other error."""
    if PARSER_SAYS not in detail:
        return None
    missing = undeclared(query)
    if not missing:
        return None
    fixes = {name: known[name] for name in missing if name in known}
    names = ", ".join(f"{name}:" for name in missing)
    text = f"The prefix{'es' if len(missing) > 1 else ''} {names} {'are' if len(missing) > 1 else 'is'} not declared."
    if fixes:
        text += " Add " + " and ".join(f"PREFIX {name}: <{iri}>" for name, iri in fixes.items()) + " at the top."
    unknown = [name for name in missing if name not in known]
    if unknown:
        text += f" {', '.join(n + ':' for n in unknown)} is none of this service's prefixes: declare it with its IRI."
    declarations = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in fixes.items())
    where = _WHERE.search(detail)
    return (f"{text} (The parser: {where.group(0) + ', ' if where else ''}{PARSER_SAYS}.)",
            {"undeclaredPrefixes": missing, "fix": declarations})
