"""The spaCy pipeline: blank Indonesian tokenizer + our sentence splitter + gazetteer matcher."""

from __future__ import annotations

import re
from functools import cache

import numpy
import spacy
from spacy.attrs import NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from . import lexicon, places

# Tokens after which a full stop does not end the sentence when a name follows ("H. Ahmad", "Dr. Siti").
_NO_BREAK_BEFORE_NAME = lexicon.honorifics() | {
    lexicon.squash(a) for a in lexicon.load("people")["titles"]["abbreviations"]}
# Dotted range words inside a date ("12 s.d. 14 Agustus"): never the end of a sentence.
_RANGE_WORDS = {lexicon.squash(w) for w in lexicon.load("events")["dates"]["until"] if w.count(".") >= 2}
_OPENERS = {"“", '"', "‘", "'", "(", "["}
_CLOSERS = {"”", '"', "’", "'", ")", "]"}
_TERMINATORS = {".", "!", "?", "…", "...", "!!", "??", "?!"}


def _starts_upper(text: str) -> bool:
    """Whether a token may open a sentence."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in _OPENERS)


def _dotted(word: str) -> bool:
    """A dotted abbreviation ending in a full stop ('M.Si.', 'S.Sos.', 'H.M.'): the word shape 'X.Xx.'.

    Read off the word itself: spaCy's word_shape keeps every dot, so building the shape is not needed.
    """
    return len(word) > 2 and word.endswith(".") and word.count(".") >= 2


def _may_end_sentence(word: str) -> bool:
    """Tokens the sentencizer looks at: terminators, whitespace and dotted abbreviations ('M.Si.').

    Asked once for every new word form, so on a first pass it runs for most words of an article.
    """
    return word in _TERMINATORS or word.isspace() or _dotted(word)


@Language.factory("lkk_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> LkkSentencizer:
    """Split sentences at line breaks and at terminators followed by a capital, but not after initials."""
    return LkkSentencizer(nlp)


class LkkSentencizer:
    """Sentence starts at line breaks and at terminators followed by a capital, but not after initials.

    "Bupati, H.M Budi Hartono, SE. turut hadir" stays one sentence; "Selasa (15/2/2022). Kegiatan ..." splits.
    Which word forms can end a sentence is a lexeme flag, worked out once per word form like spaCy's own
    IS_SPACE: each article then reads one flag array and looks only at the few tokens it marks.
    """

    def __init__(self, nlp: Language) -> None:
        self.flag = nlp.vocab.add_flag(_may_end_sentence)

    def __call__(self, doc: Doc) -> Doc:
        """Set SENT_START on the doc's tokens."""
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        arrays = doc.to_array([ORTH, SPACY, self.flag])
        starts = numpy.full((n, 1), -1, dtype="int64")  # -1: not a sentence start
        starts[0, 0] = 1
        orths = arrays[:, 0]

        def text(k: int) -> str:
            """Token k's text."""
            return strings[int(orths[k])]

        for i in numpy.flatnonzero(arrays[:, 2]).tolist():
            word = text(i)
            if word.isspace():
                if "\n" in word and i + 1 < n:
                    starts[i + 1, 0] = 1
                continue
            squashed = lexicon.squash(word)
            if word not in _TERMINATORS and (squashed in _NO_BREAK_BEFORE_NAME or squashed in _RANGE_WORDS):
                continue  # 'H.M.' before a name, 's.d.' between two days
            j = i + 1
            while j < n and ((after := text(j)) in _CLOSERS or (after.isspace() and "\n" not in after)):
                j += 1
            if j >= n:
                continue
            following = text(j)
            if following.isspace():
                continue
            prev = text(i - 1) if i else ""
            if word == "." and ((len(prev) == 1 and prev.isalpha()) or lexicon.squash(prev) in _NO_BREAK_BEFORE_NAME):
                continue  # an initial or an abbreviation: "H. Ahmad", "Moh. Ramdhan", "Jl. Sudirman"
            if word == "." and not arrays[i, 1] and j == i + 1 and following[:1].isalpha():
                continue  # a domain name: "Pelopor.Net"
            if _starts_upper(following):
                starts[j, 0] = 1
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]  # spaCy's Ints2d is numpy
        return doc


def _written(doc: Doc, start: int, end: int) -> str:
    """The text of tokens start..end as written: Span.text, without building the Span and all its Tokens."""
    if end - start == 1:
        return doc[start].text
    return "".join([doc[k].text_with_ws for k in range(start, end - 1)]) + doc[end - 1].text


@Language.factory("lkk_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> LkkGazetteer:
    """Mark places, institutions and event names as doc.spans['places'|'institutions'|'events']."""
    return LkkGazetteer(nlp)


class LkkGazetteer:
    """One lower-case PhraseMatcher over the vocabulary: regions, provinces, institutions, event names.

    Forms that must match with their case (acronyms, place names) are checked after matching: one pass over
    the tokens instead of two matchers.
    """

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cased: dict[str, set[str]] = {}
        names = {r.name for r in places.regions()} | set(places.other_spellings())
        self._add(nlp, "PLACE", [v for n in names for v in (n, n.upper())], cased=True)
        self._add(nlp, "PROVINCE", [v for p in places.provinces_forms() for v in (p, p.upper())], cased=True)
        acr, long = lexicon.institutions()
        for form, short in acr.items():
            self._add(nlp, f"INST|{short}", [form], cased=True)
        for form, short in long.items():
            self._add(nlp, f"INST|{short}", [form], cased=False)
        for term, kind in lexicon.event_terms().items():
            self._add(nlp, f"EVENT|{kind}", [term], cased=term.isupper())

    def _add(self, nlp: Language, label: str, forms: list[str], cased: bool) -> None:
        """Register forms under a label; cased forms must match exactly as written."""
        self.matcher.add(label, [nlp.make_doc(f.lower()) for f in forms])
        if cased:
            self.cased.setdefault(label, set()).update(forms)
        else:
            self.cased.setdefault(label, set()).add("")  # any case for this label

    def __call__(self, doc: Doc) -> Doc:
        """Add the matches as span groups, longest match first within each group."""
        groups: dict[str, list[Span]] = {"places": [], "provinces": [], "institutions": [], "events": []}
        vocab = doc.vocab.strings
        names = {"PLACE": "places", "PROVINCE": "provinces", "INST": "institutions", "EVENT": "events"}
        matches = self.matcher(doc)
        if not matches:
            return self._set(doc, groups)
        for match_id, start, end in matches:
            label = vocab[match_id]
            allowed = self.cased[label]
            kind, _, value = label.partition("|")
            written = _written(doc, start, end) if "" not in allowed or not value else ""
            if "" not in allowed and written not in allowed:
                continue
            groups[names[kind]].append(Span(doc, start, end, label=value or written))
        return self._set(doc, groups)

    @staticmethod
    def _set(doc: Doc, groups: dict[str, list[Span]]) -> Doc:
        """Store the span groups, longest match first within each group."""
        for group, spans in groups.items():
            doc.spans[group] = spacy.util.filter_spans(spans)
        return doc


_REDUPLICATION = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _cacheable_tokenizer(nlp: Language) -> None:
    """Tune the blank tokenizer's special cases so that its word cache keeps working; tokens change only at hyphens.

    spaCy stops caching the words of a document after its first special-case hit ("M.Si.", or even a lone
    line break; spaCy issue #1250), so every later word went through the affix regexes again: tokenising
    took up to eight times as long on texts full of degrees and line breaks. Special cases of one token
    are kept whole by token_match instead, which has no such cost; rules that change nothing are dropped.
    The 15,600 listed reduplications ('masing-masing') are dropped too: they are split at the hyphen like
    the unlisted ones ('kader-kader'), so all hyphenated words are tokenised alike.
    """
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # spacy.blank's own
    bare = Tokenizer(nlp.vocab, prefix_search=tokenizer.prefix_search, suffix_search=tokenizer.suffix_search,
                     infix_finditer=tokenizer.infix_finditer, url_match=tokenizer.url_match)
    whole, kept = [], {}
    for string, pieces in (tokenizer.rules or {}).items():
        if _REDUPLICATION.fullmatch(string):
            continue
        if [t.text for t in bare(string)] == [p[ORTH] for p in pieces] and not any(NORM in p for p in pieces):
            continue  # the affix rules already give these tokens
        if len(pieces) == 1 and " " not in string:
            whole.append(string)
        else:
            kept[string] = pieces
    tokenizer.rules = kept
    if whole:
        # anchored in the pattern, not by fullmatch: spaCy serialises token_match as its pattern and reloads .match
        alternatives = "|".join(map(re.escape, sorted(whole, key=len, reverse=True)))
        tokenizer.token_match = re.compile(rf"(?:{alternatives})\Z").match


@cache
def get_nlp() -> Language:
    """The pipeline, built once per process."""
    nlp = spacy.blank("id")
    _cacheable_tokenizer(nlp)
    nlp.add_pipe("lkk_sentencizer")
    nlp.add_pipe("lkk_gazetteer")
    return nlp
