"""Duplicate articles across and within sources: exact (content hash) and near (64-bit SimHash)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from records import Article
from store.db import article_hash

BITS = 64
SHINGLE = 3
# Manku et al. (WWW 2007): 3 of 64 bits marks near-duplicate web pages; such pairs are linked outright.
MAX_DISTANCE = 3
# A press release reprinted by another outlet (own dateline, a changed word, own closing line) measures
# 5-10 bits on a 250-word text, while different articles measure 17+ on real news (../shared/realpages).
# Between 4 and NEAR_DISTANCE bits a pair is linked only when the shorter text's 3-word shingles are
# nearly all in the other (>= MIN_CONTAINMENT): reprints keep ~98%, while templated reports of
# different events (same wording, other names, places and dates) stay at or below ~92%.
NEAR_DISTANCE = 10
MIN_CONTAINMENT = 0.95
_WORD = re.compile(r"\w+", re.UNICODE)
# Too short texts give unstable fingerprints; below this many words only exact duplicates are linked.
MIN_WORDS = 40


def words(text: str) -> list[str]:
    """Lowercased word tokens of a text."""
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[str]:
    """The set of word 3-shingles of a text."""
    tokens = words(text)
    return {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def _hash64(token: str) -> int:
    """A stable 64-bit hash of one shingle."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    """The 64-bit SimHash of a text's word 3-shingles."""
    hashes = np.array([_hash64(s) for s in sorted(shingles(text))], dtype=">u8")
    # bit columns, most significant first: a bit is set when most shingles have it set
    ones = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=0)
    bits = (ones * 2 > len(hashes)).astype(np.uint8)
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints."""
    return (a ^ b).bit_count()


def to_hex(value: int) -> str:
    """A fingerprint as 16 hex digits (how it is stored)."""
    return f"{value:016x}"


def from_hex(text: str) -> int:
    """A stored fingerprint back to an int."""
    return int(text, 16)


@dataclass(frozen=True)
class Duplicate:
    """A stored article that a new one duplicates, and why."""

    url: str
    source: str | None
    reason: str
    distance: int


def containment(a: str, b: str) -> float:
    """Share of the smaller text's shingles found in the other text (1.0 = one contains the other)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def after_lead(text: str) -> str:
    """The text without its first paragraph ('' when too little is left to compare)."""
    rest = text.strip().split("\n", 1)[1] if "\n" in text.strip() else ""
    return rest if len(words(rest)) >= MIN_WORDS else ""


def reprint_share(a: str, b: str) -> float:
    """containment() of two texts, or of their bodies after the lead when that is higher.

    An outlet reprinting a press release writes its own lead (dateline, a hook) and keeps the rest; templated
    reports of different events differ in every paragraph, so dropping the leads does not bring them closer.
    """
    share = containment(a, b)
    body_a, body_b = after_lead(a), after_lead(b)
    return max(share, containment(body_a, body_b)) if body_a and body_b else share


class DuplicateIndex:
    """In-memory index of stored articles by content hash and SimHash (scanned with numpy)."""

    def __init__(self) -> None:
        self.by_hash: dict[str, tuple[str, str | None]] = {}
        self.entries: list[tuple[str, str | None]] = []
        self.fingerprints = np.zeros(1024, dtype=np.uint64)

    def add(self, url: str, source: str | None, digest: str | None, fingerprint: int | None) -> None:
        """Index one stored article (the first copy of a text wins)."""
        if digest:
            self.by_hash.setdefault(digest, (url, source))
        if fingerprint is None:
            return
        if len(self.entries) == len(self.fingerprints):
            self.fingerprints = np.concatenate([self.fingerprints, np.zeros_like(self.fingerprints)])
        self.fingerprints[len(self.entries)] = fingerprint
        self.entries.append((url, source))

    def find(self, url: str, digest: str | None, fingerprint: int | None, text: str = "",
             text_of: Callable[[str], str | None] | None = None) -> Duplicate | None:
        """The earliest indexed article, other than `url`, with the same text or a near-identical one.

        Pairs beyond MAX_DISTANCE are confirmed on the texts (`text`, and `text_of(url)` for the other).
        """
        if digest and digest in self.by_hash and self.by_hash[digest][0] != url:
            other, source = self.by_hash[digest]
            return Duplicate(other, source, "exact: same title and text (content hash)", 0)
        if fingerprint is None or not self.entries:
            return None
        distances = np.bitwise_count(self.fingerprints[:len(self.entries)] ^ np.uint64(fingerprint))
        for i in np.argsort(distances, kind="stable"):
            distance = int(distances[i])
            if distance > NEAR_DISTANCE:
                break
            other, source = self.entries[i]
            if other == url:
                continue
            if distance <= MAX_DISTANCE:
                return Duplicate(other, source, f"near: SimHash distance {distance} of {BITS} bits", distance)
            other_text = text_of(other) if text and text_of else None
            share = reprint_share(text, other_text) if other_text else 0.0
            if share >= MIN_CONTAINMENT:
                return Duplicate(other, source, f"near: SimHash distance {distance} of {BITS} bits, "
                                                f"{share:.0%} shared 3-word shingles", distance)
        return None
def fingerprint_of(text: str) -> int | None:
    """SimHash of an article body, or None when it is too short to compare reliably."""
    return simhash(text) if len(words(text)) >= MIN_WORDS else None


def article_prints(article: Article) -> tuple[str, int | None]:
    """(content hash of title and text, SimHash of the text) of an article."""
    return article_hash(article), fingerprint_of(article.text)
