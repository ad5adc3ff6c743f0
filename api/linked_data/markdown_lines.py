"""A source text's markdown, rendered line by line so that every line keeps its number and anchor.

Each line is rendered on its own: its block role from its first characters (a heading "# ", an item of a list
"- " or "1. ", a footnote "<sup>1</sup> ..." at the start of a line) and its inline marks by markdown-it
(emphasis, strong, links, code). Raw HTML is never passed through: the texts' only HTML, superscript
footnote numbers (`<sup>1</sup>`, `^[1]`), becomes a link to the line that gives the footnote.
Links whose target the extraction lost (`(#)`) keep their text, marked as a link that leads nowhere; a link
outside this server keeps its text with the address shown on hover (the site links nothing outside it).
"""
from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False})
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_FOOTNOTE_DEF = re.compile(r"^<sup>(\d{1,3})</sup>\s*(.*)$")
_SUP = re.compile(r"&lt;sup&gt;(\d{1,3})&lt;/sup&gt;|\^\[(\d{1,3})\]")
_DEAD_LINK = re.compile(r'<a href="#">(.*?)</a>')
_OUTSIDE_LINK = re.compile(r'<a href="([^"#/][^"]*)">(.*?)</a>')  # the site links nothing outside it


def footnotes(lines: list[str]) -> dict[str, int]:
    """Footnote number -> the line that gives it (the first line starting with <sup>n</sup>)."""
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        match = _FOOTNOTE_DEF.match(line.strip())
        if match:
            found.setdefault(match.group(1), number)
    return found


def _inline(text: str, notes: dict[str, int]) -> str:
    rendered = _md.renderInline(text)
    rendered = _DEAD_LINK.sub(r'<span class="deadlink" title="link target not in the source">\1</span>', rendered)
    rendered = _OUTSIDE_LINK.sub(r'<span class="extlink" title="\1">\2</span>', rendered)

    def sup(match: re.Match) -> str:
        number = match.group(1) or match.group(2)
        if number in notes:
            return f'<sup><a href="#L{notes[number]}" aria-label="footnote {number}">{number}</a></sup>'
        return f"<sup>{number}</sup>"

    return _SUP.sub(sup, rendered)


def render(text: str, notes: dict[str, int]) -> tuple[str, str]:
    """(HTML, role) of one line; role is heading, item, footnote, blank or text."""
    if not text.strip():
        return "", "blank"
    match = _HEADING.match(text.strip())
    if match:
        level = len(match.group(1))
        return f'<span class="md-h md-h{level}">{_inline(match.group(2), notes)}</span>', "heading"
    match = _FOOTNOTE_DEF.match(text.strip())
    if match:
        return (f'<span class="md-fn"><sup>{match.group(1)}</sup> {_inline(match.group(2), notes)}</span>',
                "footnote")
    match = _BULLET.match(text)
    if match:
        depth = min(4, len(match.group(1)) // 2 + 1)
        return (f'<span class="md-li md-d{depth}"><span class="md-bullet" aria-hidden="true">•</span> '
                f'{_inline(match.group(2), notes)}</span>', "item")
    match = _ORDERED.match(text)
    if match:
        depth = min(4, len(match.group(1)) // 2 + 1)
        return (f'<span class="md-li md-d{depth}"><span class="md-num">{html.escape(match.group(2))}.</span> '
                f'{_inline(match.group(3), notes)}</span>', "item")
    return _inline(text, notes), "text"
