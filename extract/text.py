"""An article as sentences with offsets, page furniture (writer lines, counters, 'Baca juga') marked off."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from . import lexicon


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article text (or the title, with start == -1)."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False


def _norm(text: str) -> str:
    """Key for spotting repeated sentences and a repeated title."""
    return " ".join(re.findall(r"\w+", text.lower()))


def junk_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that are page furniture rather than article content."""
    ranges = []
    pos = 0
    patterns = lexicon.junk_line_patterns()
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and any(p.search(stripped) for p in patterns):
            ranges.append((pos, pos + len(line)))
        pos += len(line)
    for m in lexicon.credit_pattern().finditer(text):
        ranges.append(m.span())
    return ranges


def sentences(doc: Doc, title: str | None) -> list[Sentence]:
    """Content sentences of a parsed article: junk lines, repeats and the repeated title left out."""
    text = doc.text
    junk = junk_ranges(text)
    seen = {_norm(title)} if title else set()
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) < 3:
            continue
        start += lead
        end = start + len(body)
        if any(s <= start < e for s, e in junk):
            continue
        key = _norm(body)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(Sentence(len(out), start, end, body))
    return out
