"""Indonesian-aware full-text search: Sastrawi stems, and FTS5 queries widened to every word form of a stem.

The FTS5 indexes hold the original text (so `snippet()` highlights real words). A stemmed query is
made by looking each query word's stem up in `search_words` (word -> stem, built from the corpus)
and OR-ing all the forms found: "dilatih" -> ("dilatih" OR "latih" OR "pelatihan" OR "latihan" ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# FTS5's unicode61 tokenizer splits on everything that is not a letter or a digit.
_WORD = re.compile(r"[^\W_]+")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([^\s"]+)')
# A sentence ends at . ! ? before a capital or a quote, or at a line break.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n+")
# ...but not after an abbreviation such as "H.", "Hj.", "Dr." or "S.Sos." (names go on after them).
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Za-z]{1,3}|\S*\.\S*)$")
MAX_FORMS = 60  # a very common stem must not turn one word into a huge OR

_stemmer = StemmerFactory().create_stemmer()


def words(text: str | None) -> list[str]:
    """Lower-cased tokens as FTS5's unicode61 tokenizer sees them: "Pelatihan LPM-BKM" -> [pelatihan, lpm, bkm]."""
    return _WORD.findall(text.lower()) if text else []


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The Sastrawi stem of one word ("pelatihan" -> "latih"); digits and short words stay as they are."""
    word = word.lower()
    if len(word) < 4 or not word.isalpha():
        return word
    return _stemmer.stem(word) or word


def stem_text(text: str | None) -> str:
    """Every word of a text replaced by its stem: "Dilatih para kader" -> "latih para kader"."""
    return " ".join(stem_word(w) for w in words(text))


def word_stems(texts: Iterable[str | None]) -> dict[str, str]:
    """The distinct words of some texts, each with its stem."""
    seen: set[str] = set()
    for text in texts:
        seen.update(words(text))
    return {w: stem_word(w) for w in seen}


def sentences(text: str | None) -> list[str]:
    """The sentences of a text, stripped: "Acara dibuka. Peserta hadir." -> ["Acara dibuka.", "Peserta hadir."]."""
    text = text or ""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if text[end.start()] == "." and _ABBREVIATION.search(text[start:end.start()]):
            continue
        found.append(text[start:end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def _quote(term: str) -> str:
    """One FTS5 string literal."""
    return '"' + term.replace('"', '""') + '"'


def expand_query(query: str | None, forms_of: Callable[[str], Iterable[str]]) -> str:
    """An FTS5 query matching every form of every query word; "quoted phrases" stay exact."""
    parts: list[str] = []
    for phrase, bare in _PHRASE_OR_WORD.findall(query or ""):
        if phrase:
            tokens = words(phrase)
            if tokens:
                parts.append(_quote(" ".join(tokens)))
            continue
        for word in words(bare):
            stem = stem_word(word)
            forms = list(dict.fromkeys([word, stem]))
            for form in forms_of(stem):
                if len(forms) >= MAX_FORMS:
                    break
                if form not in forms:
                    forms.append(form)
            alternatives = " OR ".join(_quote(f) for f in forms)
            parts.append(f"({alternatives})" if len(forms) > 1 else alternatives)
    return " AND ".join(parts) if parts else '""'
