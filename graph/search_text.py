"""Dutch text analysis shared by the search index (at build) and the search (at query time).

A text becomes words: Unicode-normalised, diacritics removed, case folded ("Patiëntenfederatie" and
"patientenfederatie" are one word), split at anything that is not a letter or digit; each word then has
its Snowball (Dutch) stem, so "gemeenten" and "gemeente" meet. A name also has a compact key, its words
run together, so that punctuation and spacing variants meet ("KBO PCOB", "KBO-PCOB", "Kbo-Pcob").
"""
from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining diacritical marks, after NFKD
_stemmer = Stemmer.Stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Patiëntenfederatie' -> 'patientenfederatie'."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def compact(text: str) -> str:
    """A name's words run together: 'Zorgthuis NL', 'ZorgThuisNL' and 'Zorgthuis.nl' give 'zorgthuisnl'."""
    return "".join(words(text))


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word in the original text, for marking matches in it."""
    found = []
    for match in _WORD.finditer(text):
        folded = words(match.group())
        if folded:
            found.append((match.start(), match.end(), stem("".join(folded))))
    return found
