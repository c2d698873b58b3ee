"""The spaCy pipeline: blank Indonesian tokenizer + our sentence splitter + gazetteer matcher."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import lexicon, places

# Tokens after which a full stop does not end the sentence when a name follows ("H. Ahmad", "Dr. Siti").
_NO_BREAK_BEFORE_NAME = lexicon.honorifics() | {lexicon.squash(a) for a in lexicon.load("people")["titles"]["abbreviations"]}
_OPENERS = {"“", '"', "‘", "'", "(", "["}
_CLOSERS = {"”", '"', "’", "'", ")", "]"}
_TERMINATORS = {".", "!", "?", "…", "...", "!!", "??", "?!"}


def _starts_upper(text: str) -> bool:
    """Whether a token may open a sentence."""
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in _OPENERS)


@Language.component("lkk_sentencizer")
def lkk_sentencizer(doc: Doc) -> Doc:
    """Split sentences at line breaks and at terminators followed by a capital, but not after initials.

    "Wali Kota, H.M Saelany, SE. turut hadir" stays one sentence; "Selasa (15/2/2022). Kegiatan ..." splits.
    """
    n = len(doc)
    starts = [False] * n
    if n:
        starts[0] = True
    for i, token in enumerate(doc):
        text = token.text
        if token.is_space and "\n" in text:
            if i + 1 < n:
                starts[i + 1] = True
            continue
        if text not in _TERMINATORS:
            continue
        j = i + 1
        while j < n and (doc[j].text in _CLOSERS or (doc[j].is_space and "\n" not in doc[j].text)):
            j += 1
        if j >= n or doc[j].is_space:
            continue
        prev = doc[i - 1].text if i else ""
        if text == "." and (len(prev) == 1 and prev.isalpha() or lexicon.squash(prev) in _NO_BREAK_BEFORE_NAME):
            continue  # an initial or an abbreviation: "H. Ahmad", "Moh. Ramdhan", "Jl. Sudirman"
        if text == "." and not token.whitespace_ and doc[j].idx == token.idx + 1 and doc[j].text[:1].isalpha():
            continue  # a domain name: "Pelopor.Net"
        if _starts_upper(doc[j].text):
            starts[j] = True
    for i, token in enumerate(doc):
        token.is_sent_start = starts[i]
    return doc


def _phrase_patterns(nlp: Language, phrases: list[str]) -> list[Doc]:
    """Tokenised match patterns."""
    return [nlp.make_doc(p) for p in phrases]


@Language.factory("lkk_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> LkkGazetteer:
    """Mark places, institutions and event names as doc.spans['places'|'institutions'|'events']."""
    return LkkGazetteer(nlp)


class LkkGazetteer:
    """PhraseMatcher over the vocabulary: regions, provinces, institutions, event names."""

    def __init__(self, nlp: Language) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = {r.name for r in places.regions()}
        names_forms = [v for n in names for v in (n, n.upper())]
        self.exact.add("PLACE", _phrase_patterns(nlp, names_forms))
        province_forms = [v for p in places.provinces_forms() for v in (p, p.upper())]
        self.exact.add("PROVINCE", _phrase_patterns(nlp, province_forms))
        acr, long = lexicon.institutions()
        for form, short in acr.items():
            self.exact.add(f"INST|{short}", _phrase_patterns(nlp, [form]))
        for form, short in long.items():
            self.lower.add(f"INST|{short}", _phrase_patterns(nlp, [form]))
        for term, kind in lexicon.event_terms().items():
            matcher = self.exact if term.isupper() else self.lower
            matcher.add(f"EVENT|{kind}", _phrase_patterns(nlp, [term if term.isupper() else term.lower()]))

    def __call__(self, doc: Doc) -> Doc:
        """Add the matches as span groups, longest match first within each group."""
        groups: dict[str, list[Span]] = {"places": [], "provinces": [], "institutions": [], "events": []}
        vocab = doc.vocab.strings
        for match_id, start, end in [*self.exact(doc), *self.lower(doc)]:
            label = vocab[match_id]
            kind, _, value = label.partition("|")
            group = {"PLACE": "places", "PROVINCE": "provinces", "INST": "institutions", "EVENT": "events"}[kind]
            groups[group].append(Span(doc, start, end, label=value or doc[start:end].text))
        for group, spans in groups.items():
            doc.spans[group] = spacy.util.filter_spans(spans)
        return doc


@cache
def get_nlp() -> Language:
    """The pipeline, built once per process."""
    nlp = spacy.blank("id")
    nlp.add_pipe("lkk_sentencizer")
    nlp.add_pipe("lkk_gazetteer")
    return nlp
