"""Venues as written: 'Ruang Sekar Setda Kota Salatiga', 'Aula Kecamatan Tembalang', 'diruang Kresna'."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from . import lexicon


@cache
def _pattern() -> re.Pattern[str]:
    """'di'/'bertempat di' + a venue head word."""
    data = lexicon.load("places")["venues"]
    heads = lexicon.alternation(data["heads"])
    lead = lexicon.alternation(data["lead"])
    return re.compile(rf"\b(?:{lead})\s*(?P<head>(?:{heads}))\b", re.I)


@cache
def _stops() -> frozenset[str]:
    """Words that end a venue name."""
    words = set(lexicon.load("places")["venues"]["stop"])
    return frozenset(words | set(lexicon.weekdays()) | set(lexicon.months()))


_TOKEN = re.compile(r"[\w][\w.'’&/-]*[\w]|[\w]|[^\w\s]")


@lru_cache(maxsize=4096)
def find_venues(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, venue) of every venue in a sentence."""
    inner = set(lexicon.load("places")["venues"]["inner"])
    found = []
    for m in _pattern().finditer(sentence):
        pos = m.end()
        end = m.end()
        count = 0
        for t in _TOKEN.finditer(sentence, pos):
            if sentence[end:t.start()].strip():
                break
            word = t.group(0)
            low = word.lower().rstrip(".")
            if low in _stops() and not (low == "dan" and count == 0):
                break
            if word[:1].isupper() or word[:1].isdigit() or low in inner:
                end = t.end()
                count += 1
                if count >= 10:
                    break
            else:
                break
        text = sentence[m.start("head"):end]
        words = text.split()
        while words and words[-1].lower().rstrip(".") in {"dan", "lantai", "lt", "no", "jl"} and len(words) > 1:
            words.pop()
        if len(words) < 2 and (not count or not words[0][:1].isupper()):
            continue  # 'di rumah': a bare lower-case head names no place
        venue = " ".join(words)
        venue = venue[:1].upper() + venue[1:]
        found.append((m.start("head"), m.start("head") + len(venue), venue))
    return tuple(found)
