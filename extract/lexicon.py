"""The Indonesian vocabulary of extract/vocab/*.toml, loaded once into lookup-ready shapes."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"


@cache
def load(name: str) -> dict[str, Any]:
    """One vocabulary file by stem ('events', 'people', ...)."""
    with open(VOCAB_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of spaces."""
    return _alternation(frozenset(words))


@lru_cache(maxsize=4096)
def _alternation(words: frozenset[str]) -> str:
    """alternation() once per word set: callers build their patterns from it on every sentence."""
    parts = sorted((w for w in words if w), key=lambda w: (-len(w), w))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


def is_word_char(char: str) -> bool:
    """What the regex class \\w matches."""
    return char.isalnum() or char == "_"


def whole_words(pattern: re.Pattern[str], text: str, joins: Callable[[str], bool] = is_word_char,
                pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, pos, endpos) kept to matches not preceded by a character that `joins` a word.

    The same matches as a leading (?<!\\w) in the pattern (`joins` defaults to \\w), at about a third of the
    cost: a pattern that opens with a lookbehind or \\b loses the regex engine's first-character scan.
    """
    limit = len(text) if endpos is None else endpos
    while m := pattern.search(text, pos, limit):
        start = m.start()
        if start and joins(text[start - 1]):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


class WordStart:
    """A pattern matched only where a word starts: a leading \\b (or (?<!\\w)) without its cost.

    The pattern itself must open with a word character. Same matches as re with the boundary written in;
    faster only when its first characters seldom occur inside words (capitalised names, digits), not for
    short lower-case cues ('di') that every other word contains.
    """

    __slots__ = ("pattern",)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Every match, as re.finditer."""
        return whole_words(self.pattern, text, is_word_char, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match, as re.search."""
        return next(self.finditer(text, pos, endpos), None)

    def findall(self, text: str) -> list[Any]:
        """As re.findall: the whole matches, the one group, or tuples of groups."""
        groups = self.pattern.groups
        return [m.group(0) if not groups else m.groups("")[0] if groups == 1 else m.groups("")
                for m in self.finditer(text)]


@lru_cache(maxsize=16384)
def squash(word: str) -> str:
    """Compare form of titles and degrees: lower case without dots, spaces or commas."""
    return re.sub(r"[.\s,]", "", word).lower()


@cache
def event_terms() -> dict[str, str]:
    """Lower-cased event name -> event_type."""
    return {term.lower(): kind for kind, terms in load("events")["types"].items() for term in terms}


@cache
def weak_event_terms() -> frozenset[str]:
    """Event names too common to decide relevance or type on their own."""
    return frozenset(t.lower() for t in load("events")["weak"]["terms"])


@cache
def cue(file: str, group: str, key: str) -> tuple[str, ...]:
    """A list of cue phrases from one vocabulary file."""
    return tuple(load(file)[group][key])


@cache
def honorifics() -> frozenset[str]:
    """Squashed honorifics written before names."""
    return frozenset(squash(t) for t in load("people")["titles"]["before"])


@cache
def degrees() -> frozenset[str]:
    """Squashed academic degrees written after names."""
    return frozenset(squash(t) for t in load("people")["titles"]["degrees"])


@cache
def role_heads() -> tuple[str, ...]:
    """Role openers, longest first."""
    return tuple(sorted(load("people")["roles"]["heads"], key=len, reverse=True))


@cache
def role_tail() -> frozenset[str]:
    """Lower-cased words that continue a role or agency name."""
    return frozenset(w.lower() for w in load("people")["roles"]["tail"])


@cache
def months() -> dict[str, int]:
    """Month word -> number."""
    return dict(load("calendar")["months"])


@cache
def weekdays() -> dict[str, int]:
    """Weekday word -> Python weekday number."""
    return dict(load("calendar")["weekdays"])


@cache
def institutions() -> tuple[dict[str, str], dict[str, str]]:
    """(acronym form -> short name, lower-cased long form -> short name)."""
    data = load("institutions")
    acr = {form: short for short, forms in data["acronyms"].items() for form in forms}
    long = {form.lower(): short for short, forms in data["long"].items() for form in forms}
    return acr, long


_LINE_END = r"(?=[ \t\r]*$)"


@cache
def junk_line_pattern() -> re.Pattern[str]:
    """All page-furniture line patterns as one multi-line pattern, matched at line starts (leading blanks skipped)."""
    parts = []
    for pattern in load("junk")["lines"]:
        body = pattern.removeprefix("^").removeprefix(r"\s*")
        parts.append(body[:-1] + _LINE_END if body.endswith("$") else body)
    return re.compile(r"^[ \t]*(?:" + "|".join(f"(?:{p})" for p in parts) + ")", re.I | re.M)


@cache
def link_header_pattern() -> re.Pattern[str]:
    """A 'Baca juga:' header alone on its line: the lines after it, up to an empty line, are links."""
    return re.compile(load("junk")["link_headers"], re.I | re.M)


@cache
def credit_pattern() -> re.Pattern[str]:
    """Trailing writer credits like '(Kominfo/Tim)'."""
    return re.compile("|".join(load("junk")["credits"]), re.I)


_WORDS = re.compile(r"[a-z]+")
# ASCII bytes with every character but a-z as a space: the fast path of word_set
_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


@lru_cache(maxsize=16384)
def word_set(text: str) -> frozenset[str]:
    """The lower-cased words of a text ([a-z]+ runs): cheap first tests by set intersection instead of big regexes."""
    low = text.lower()
    if low.isascii():  # most sentences: a byte table does what the regex does, at two thirds of the cost
        return frozenset(low.encode().translate(_ASCII_LETTERS).decode().split())
    return frozenset(_WORDS.findall(low))


def windows(text: str, anchors: re.Pattern[str] | WordStart, before: int, after: int) -> list[tuple[int, int]]:
    """Merged (start, end) spans around each anchor match: heavy patterns then scan only these."""
    spans: list[tuple[int, int]] = []
    for m in anchors.finditer(text):
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans
