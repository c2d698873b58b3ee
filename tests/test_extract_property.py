"""extract_article never raises, whatever the text, title or publication value."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_article, lexicon
from records import Article

WORDS = st.sampled_from(["pelatihan", "LPM", "RT", "(15/2/2022)", "Rabu", "di", "Aula", "Kota", "Pekalongan", ",",
                         ".", "Wali Kota", "H.M", "S.Sos", "diikuti", "90", "orang", "\n", "“", "Baca juga:", "Rp",
                         "melalui", "Dinas", "(DPMD)", "s/d", "31/2", "kemarin", "selaku", "sapaan akrab", "-", "±"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
PUBLISHED = st.one_of(st.none(), st.text(max_size=30), st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()),
                      st.just("2022-02-30"), st.just("0000-00-00"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXTS, text=TEXTS, published=PUBLISHED)
def test_never_raises(title: str, text: str, published: str | None) -> None:
    result = extract_article(Article(url="u", title=title, text=text, published=published))
    record = result.to_record()
    assert record["is_event"] == bool(record["events"])


def test_huge_and_empty_inputs() -> None:
    long_text = "Pelatihan LPM digelar di Aula Kelurahan, Senin (8/5/2023). " + "kata " * 400_000
    assert extract_article(Article(url="u", title="Pelatihan LPM", text=long_text, published="2023-05-10")).is_event
    empty = extract_article(Article(url="u", title="", text="", published=None))
    assert empty.to_record() == {"id": None, "url": "u", "is_event": False, "events": []}


WORD_START_PATTERNS = [r"(?:Kota|Kab\.?)\s+([A-Z]\w*)", r"\d{1,2}(?:\s*[/-]|\s+Mei\b)", r"(?:di|dan)\b", r"(a)(b)?"]
PIECES = st.sampled_from(["Kota", "Kab.", "Kab", "Salatiga", "xKota", "_Kota", "12", "3/", "Mei", "a1", "di", "dan",
                          "ab", "ba", "é", " ", ",", "\n", "-", "(", "kota"])


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(WORD_START_PATTERNS), pieces=st.lists(PIECES, max_size=30),
       pos=st.integers(0, 40), endpos=st.integers(0, 60), flags=st.sampled_from([0, re.I]))
def test_word_start_matches_a_leading_boundary(pattern: str, pieces: list[str], pos: int, endpos: int,
                                               flags: int) -> None:
    """lexicon.WordStart finds exactly what the pattern with a leading \\b finds, within pos and endpos too."""
    text = "".join(pieces)
    fast, plain = lexicon.WordStart(pattern, flags), re.compile(r"\b" + pattern, flags)
    assert [m.span() for m in fast.finditer(text, pos, endpos)] == [m.span() for m in plain.finditer(text, pos, endpos)]
    assert fast.findall(text) == plain.findall(text)
    found, expected = fast.search(text, pos), plain.search(text, pos)
    assert (found and found.span()) == (expected and expected.span())
