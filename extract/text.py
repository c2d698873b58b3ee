"""An article as sentences with offsets, page furniture (writer lines, counters, 'Baca juga') marked off."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from . import lexicon


@dataclass(slots=True)
class Sentence:
    """One sentence of the article text (or the title, with start == -1); read-only by convention.

    Not frozen: an article has dozens of sentences, and a frozen dataclass takes three times as long to build.
    """

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False


_NORM_WORDS = re.compile(r"\w+")


# ASCII bytes with every character that is not \w as a space: the fast path of _norm
_ASCII_WORDS = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(128)) + bytes(range(128, 256))


def _norm(text: str) -> str:
    """Key for spotting repeated sentences and a repeated title: the lower-case \\w+ words joined by spaces."""
    low = text.lower()
    if low.isascii():  # most sentences: a byte table does what the regex does, at half the cost
        return b" ".join(low.encode().translate(_ASCII_WORDS).split()).decode()
    return " ".join(_NORM_WORDS.findall(low))


def junk_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are page furniture rather than article content."""
    ranges = []
    for m in _line_matches(lexicon.junk_line_pattern(), text, skip_empty=True):
        if not text[m.start():m.end()].strip():
            continue  # a blank line holds no sentence anyway
        end = text.find("\n", max(m.start(), m.end() - 1))  # a match may run over a line break
        ranges.append((m.start(), len(text) if end < 0 else end + 1))
    for m in lexicon.credit_pattern().finditer(text):
        ranges.append(m.span())
    for m in _line_matches(lexicon.link_header_pattern(), text, skip_empty=True):
        ranges.append((m.start(), _link_block_end(text, m.end())))
    return ranges


def _link_block_end(text: str, header_end: int) -> int:
    """Where the links after a 'Baca juga:' header end: short lines up to an empty line, six at most.

    A line that ends in a full stop is a sentence of the article again (link titles have none).
    """
    pos = text.find("\n", header_end)
    if pos < 0:
        return len(text)
    pos += 1
    for _ in range(6):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if not line.strip() or len(line) > 160 or line.rstrip().endswith("."):
            break
        pos = min(end + 1, len(text))
    return pos


def _line_matches(pattern: re.Pattern[str], text: str, skip_empty: bool = False) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern anchored at line starts, tried at line starts only.

    The regex engine would try a '^' pattern at every character; an article has a few dozen lines.
    skip_empty: not tried at empty lines either (half the lines of a text whose paragraphs are set apart).
    """
    resume = 0
    pos = 0
    while pos <= len(text):
        if pos >= resume and not (skip_empty and text.startswith("\n", pos)) and (m := pattern.match(text, pos)):
            yield m
            resume = m.end() if m.end() > m.start() else m.end() + 1
        nxt = text.find("\n", pos)
        if nxt < 0:
            return
        pos = nxt + 1


def sentence_spans(doc: Doc, text_length: int) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence, read from the token arrays (no Token objects)."""
    if not len(doc):
        return []
    arrays = doc.to_array([SENT_START, IDX])
    firsts = numpy.flatnonzero(arrays[:, 0].astype("int64") == 1).tolist() or [0]
    if firsts[0] != 0:
        firsts.insert(0, 0)
    chars = [*arrays[firsts, 1].astype("int64").tolist(), text_length]
    return list(itertools.pairwise(chars))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges (for a binary search)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def sentences(doc: Doc, title: str | None, text: str | None = None) -> list[Sentence]:
    """Content sentences of a parsed article: junk lines, repeats and the repeated title left out."""
    text = doc.text if text is None else text  # Doc.text rebuilds the string on every call
    junk = _merged(junk_ranges(text))
    junk_starts = [s for s, _ in junk]
    seen = {_norm(title)} if title else set()
    out: list[Sentence] = []
    for start, end in sentence_spans(doc, len(text)):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) < 3:
            continue
        start += lead
        end = start + len(body)
        k = bisect.bisect_right(junk_starts, start) - 1
        if k >= 0 and start < junk[k][1]:
            continue
        key = _norm(body)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(Sentence(len(out), start, end, body))
    return out
