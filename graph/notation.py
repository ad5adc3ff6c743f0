"""Notations as text that stays text: an action's or action line's number with its programme, e.g. "LT 1.10".

The documents number actions "1.1" … "1.10"; in a CSV a spreadsheet or pandas reads such a cell as a number,
and 1.1 and 1.10 become the same float. Every CSV this project writes (/download/*.csv, the REST routes' CSV)
writes a notation through `code()`, which prefixes the programme's short name, so the cell is never numeric.
"""
from __future__ import annotations

SHORT = {"langer-thuis": "LT", "wozo": "WOZO", "iza": "IZA", "gala": "GALA", "taz": "TAZ"}


def code(programme: str, notation: str) -> str:
    """'LT 1.10' for programme slug 'langer-thuis' and notation '1.10'; '' without a notation."""
    if not notation:
        return ""
    return f"{SHORT.get(programme) or programme.upper()} {notation}"
