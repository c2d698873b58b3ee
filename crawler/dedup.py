"""Duplicate articles across and within sources: exact (content hash) and near (64-bit SimHash)."""

from __future__ import annotations

import hashlib
import re

import numpy as np
from dataclasses import dataclass

BITS = 64
SHINGLE = 3
# Manku et al. (WWW 2007) found k=3 of 64 bits right for near-duplicate web pages; the same press
# release re-edited by two outlets (own dateline, own closing lines) measures 0–3 here, while
# different articles on the same kind of training measure well above 15 (tests/test_crawl_dedup.py).
MAX_DISTANCE = 3
BANDS = 4  # pigeonhole: at distance <= 3, one of four 16-bit bands is always equal
_BAND_BITS = BITS // BANDS
_WORD = re.compile(r"\w+", re.UNICODE)
# Too short texts give unstable fingerprints; below this many words only exact duplicates are linked.
MIN_WORDS = 40


def words(text: str) -> list[str]:
    """Lowercased word tokens of a text."""
    return _WORD.findall(text.lower())


def _hash64(token: str) -> int:
    """A stable 64-bit hash of one shingle."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str) -> int:
    """The 64-bit SimHash of a text's word 3-shingles."""
    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    hashes = np.array([_hash64(s) for s in sorted(shingles)], dtype=">u8")
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


class DuplicateIndex:
    """In-memory index of stored articles by content hash and SimHash bands."""

    def __init__(self, max_distance: int = MAX_DISTANCE) -> None:
        self.max_distance = max_distance
        self.by_hash: dict[str, tuple[str, str | None]] = {}
        self.bands: list[dict[int, list[tuple[str, str | None, int]]]] = [{} for _ in range(BANDS)]

    def add(self, url: str, source: str | None, digest: str | None, fingerprint: int | None) -> None:
        """Index one stored article (first one wins for a given hash)."""
        if digest:
            self.by_hash.setdefault(digest, (url, source))
        if fingerprint is not None:
            for band, table in enumerate(self.bands):
                key = fingerprint >> (band * _BAND_BITS) & 0xFFFF
                table.setdefault(key, []).append((url, source, fingerprint))

    def find(self, url: str, digest: str | None, fingerprint: int | None) -> Duplicate | None:
        """The earliest indexed article, other than `url`, with the same text or a near-identical one."""
        if digest and digest in self.by_hash and self.by_hash[digest][0] != url:
            other, source = self.by_hash[digest]
            return Duplicate(other, source, "exact: same title and text (content hash)", 0)
        if fingerprint is None:
            return None
        best: tuple[int, str, str | None] | None = None
        for band, table in enumerate(self.bands):
            for other, source, value in table.get(fingerprint >> (band * _BAND_BITS) & 0xFFFF, ()):
                distance = hamming(fingerprint, value)
                if other != url and distance <= self.max_distance and (best is None or distance < best[0]):
                    best = (distance, other, source)
        if best is None:
            return None
        distance, other, source = best
        return Duplicate(other, source, f"near: SimHash distance {distance} of {BITS} bits", distance)


def fingerprint_of(text: str) -> int | None:
    """SimHash of an article body, or None when it is too short to compare reliably."""
    return simhash(text) if len(words(text)) >= MIN_WORDS else None
