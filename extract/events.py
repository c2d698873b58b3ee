"""Assemble one article's facts into Event records, each fact with the sentence it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

from spacy.tokens import Doc, Span

from records import Article, Event, Evidence, Official

from . import dates, lexicon, numbers, officials, organizer, places, venue
from .text import Sentence, sentences


@dataclass
class Facts:
    """What the extractors found in one article, sentence by sentence."""

    article: Article
    doc: Doc
    title_doc: Doc | None
    sents: list[Sentence]
    published: date | None
    default_region: str | None
    events: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # sentence index -> (term, type)
    title_events: list[tuple[str, str]] = field(default_factory=list)
    institutions: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    places: dict[int, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    memo: dict[tuple[str, int | None], tuple[list[str], Sentence | None]] = field(default_factory=dict)


def _sentence_of(sents: list[Sentence], starts: list[int], char: int) -> int | None:
    """Index of the content sentence holding a character offset."""
    import bisect

    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and sents[i].start <= char < sents[i].end:
        return i
    return None


def _kind_before(doc: Doc, start: int) -> str | None:
    """Kind cue right before a place token ('Kota', 'Kab.', 'Bupati'); 'skip' for districts and provinces."""
    j = start - 1
    while j >= 0 and doc[j].text in {"-", ".", "–"}:
        j -= 1
    if j < 0:
        return None
    word = doc[j].lower_
    if word in places.not_region_after():
        return "skip"
    return places.kind_cues().get(word)


def _inside_longer_name(doc: Doc, start: int) -> bool:
    """A bare place name that is the tail of a longer proper name ('Pangkalan Kerinci', 'Hotel Santika Palu')."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if not prev.is_alpha:
        return False
    pair = places.key(f"{prev.text} {doc[start].text}")
    if pair in places.kecamatan() or pair in places.by_name():
        return True
    if not prev.text[:1].isupper() or prev.is_sent_start or prev.text.isupper():
        return False
    low = prev.lower_
    return low not in lexicon.role_tail() and low not in places.kind_cues() and low not in _AGENCY_WORDS()


@cache
def _AGENCY_WORDS() -> frozenset[str]:
    """Lower-cased agency words and acronyms (a place after them is the agency's region)."""
    data = lexicon.load("places")["agencies"]
    return frozenset(w.lower() for w in data["heads"] + data["acronyms"])


_LAST_WORDS = re.compile(r"\w+")
_QUOTES = "“\"'‘"


def _quotation(text: str) -> bool:
    """A sentence that opens with a quotation mark: a statement, not the report of the event."""
    return text[:1] in _QUOTES
_OWN_ACRONYM = re.compile(r"\s*\(\s*([A-Za-z]+)\s*\)")


def _institution_spans(doc: Doc, text: str) -> list[tuple[Span, str]]:
    """Institution mentions with their short names, leaving out those inside programme or topic names."""
    not_after = set(lexicon.load("institutions")["context"]["not_after"])
    acronyms = lexicon.institutions()[0]
    found = []
    for span in doc.spans.get("institutions", []):
        before = _LAST_WORDS.findall(text, max(0, span.start_char - 40), span.start_char)[-3:]
        if any(w.lower() in not_after for w in before):
            continue
        label = span.label_
        # a long form followed by its own acronym names that acronym ('... Kelurahan (LPMK)')
        own = _OWN_ACRONYM.match(text, span.end_char)
        if own:
            label = acronyms.get(own.group(1), label)
        found.append((span, label))
    return found


def _institution_labels(doc: Doc) -> list[str]:
    """Short names of the institutions a short text (a title) names."""
    return [label for _, label in _institution_spans(doc, doc.text)]


@cache
def _prefilter() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(strong event names, institution acronyms, institution long forms) for the no-parse first test."""
    weak = lexicon.weak_event_terms()
    named = set(lexicon.load("events")["weak"]["named_terms"])  # strong when named outright ('menggelar orientasi')
    terms = tuple(t for t in lexicon.event_terms() if t not in weak or t in named)
    acr, long = lexicon.institutions()
    return terms, tuple(acr), tuple(long)


def may_report_event(title: str, text: str) -> bool:
    """A substring test no event report fails: it names an event kind and an institution somewhere."""
    terms, acronyms, long_forms = _prefilter()
    low = f"{title}\n{text}".lower()
    if not any(t.lower() in low for t in terms):
        return False
    whole = f"{title}\n{text}"
    return any(a in whole for a in acronyms) or any(f in low for f in long_forms)


def collect(article: Article, doc: Doc, title_doc: Doc | None, default_region: str | None) -> Facts:
    """Index the matcher's spans by content sentence."""
    sents = sentences(doc, article.title, article.text)
    starts = [s.start for s in sents]
    facts = Facts(article, doc, title_doc, sents, dates.parse_published(article.published), default_region)
    for span in doc.spans.get("events", []):
        i = _sentence_of(sents, starts, span.start_char)
        if i is not None:
            facts.events.setdefault(i, []).append((_event_term(doc, span), span.label_))
    for span, label in _institution_spans(doc, article.text):
        i = _sentence_of(sents, starts, span.start_char)
        if i is not None:
            facts.institutions.setdefault(i, []).append((label, span.start_char))
    for span in doc.spans.get("places", []):
        i = _sentence_of(sents, starts, span.start_char)
        kind = _kind_before(doc, span.start)
        if kind is None and _inside_longer_name(doc, span.start):
            continue
        if i is not None and kind != "skip":
            facts.places.setdefault(i, []).append((span.text, kind, span.start_char))
    if title_doc is not None:
        facts.title_events = [(_event_term(title_doc, s), s.label_) for s in title_doc.spans.get("events", [])]
    return facts


class _Named(str):
    """A weak event name used outright as the event's name ('menggelar orientasi'): as strong as any other."""


def _event_term(doc: Doc, span: Span) -> str:
    """An event span's lower-case name, marked _Named when a verb of holding or attending stands right before it."""
    term = span.text.lower()
    data = lexicon.load("events")["weak"]
    if span.start and term in data["named_terms"] and doc[span.start - 1].lower_ in data["named_after"]:
        return _Named(term)
    return term


def _strong(terms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Event names that are not weak."""
    weak = lexicon.weak_event_terms()
    return [t for t in terms if t[0] not in weak or isinstance(t[0], _Named)]


@cache
def _cue_re(file: str, group: str, key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A vocabulary cue list as (lower case as listed, anywhere; capitalised at the text's start) patterns.

    Case matters: 'Keluarga Berencana' (an agency name) is not the future cue 'berencana'. The first pattern
    is searched through lexicon.whole_words, which adds the word boundary before it.
    """
    words = lexicon.cue(file, group, key)
    lower = lexicon.alternation(words)
    upper = lexicon.alternation([w[:1].upper() + w[1:] for w in words])
    return re.compile(rf"(?:{lower})(?!\w)"), re.compile(rf"\W*(?:{upper})(?!\w)")


def _cues_in(file: str, group: str, key: str, text: str) -> Iterator[re.Match[str]]:
    """The lower-case cues of a list found in a text, as whole words."""
    return lexicon.whole_words(_cue_re(file, group, key)[0], text)


@cache
def _cue_firsts(file: str, group: str, key: str) -> frozenset[str] | None:
    """The first letter-run of every cue of a list: a text holding none of them holds no cue (None: no such test)."""
    firsts = [re.findall(r"[a-z]+", w.lower())[:1] for w in lexicon.cue(file, group, key)]
    if not all(firsts) or any(not w[:1].isalpha() for w in lexicon.cue(file, group, key)):
        return None
    return frozenset(f[0] for f in firsts)


def _may_hold_cue(file: str, group: str, key: str, text: str) -> bool:
    """A set test that rules out most texts before the cue pattern runs."""
    firsts = _cue_firsts(file, group, key)
    return firsts is None or not firsts.isdisjoint(lexicon.word_set(text))


@lru_cache(maxsize=65536)
def _has(file: str, group: str, key: str, text: str) -> bool:
    """Whether any cue of a list occurs in a text (cached: each sentence is asked several times)."""
    return _may_hold_cue(file, group, key, text) and _cue_found(file, group, key, text)


def _cue_found(file: str, group: str, key: str, text: str) -> bool:
    """Whether any cue of a list occurs in a text: lower case anywhere, or capitalised at its start."""
    return _cue_at(file, group, key, text) is not None


def _cue_at(file: str, group: str, key: str, text: str) -> int | None:
    """Where the first cue of a list stands in a text (0 when capitalised at its start), None when none does."""
    if _cue_re(file, group, key)[1].match(text):
        return 0
    first = next(_cues_in(file, group, key, text), None)
    return first.start() if first else None


def anchor(facts: Facts) -> int | None:
    """Index of the sentence that first reports the main event."""
    lead = [i for i in sorted(facts.events) if _strong(facts.events[i])]
    for i in lead:
        if not _has("events", "cues", "future", facts.sents[i].text):
            return i
    return lead[0] if lead else (min(facts.events) if facts.events else None)


def event_type(facts: Facts, anchor_index: int | None) -> str:
    """How the title (else the anchor sentence) names the event."""
    for terms in (_strong(facts.title_events),
                  _strong(facts.events.get(anchor_index, [])) if anchor_index is not None else []):
        if terms:
            return terms[0][1]
    for terms in (facts.title_events, facts.events.get(anchor_index, []) if anchor_index is not None else []):
        if terms:
            return terms[0][1]
    return "lainnya"


def is_page_of_many(text: str) -> bool:
    """A listing of teasers or a gallery of captions rather than one article."""
    pages = lexicon.load("events")["pages"]
    low = text.lower()
    if sum(low.count(marker) for marker in pages["teaser_markers"]) >= pages["teasers"]:
        return True
    return len(re.findall(pages["caption_line"], text)) >= pages["captions"]


def is_relevant(facts: Facts, anchor_index: int | None) -> bool:
    """A concrete capacity-building event of community institutions, reported as held."""
    title = (facts.article.title or "").lower()
    full = facts.article.text
    if is_page_of_many(full):
        return False
    if anchor_index is None and not _strong(facts.title_events):
        return False
    if _has("events", "cues", "non_event_title", title) and not _strong(facts.title_events):
        return False
    if _has("events", "cues", "never_title", title):
        return False
    if _has("events", "cues", "opinion", title) or _has("events", "cues", "opinion_title", title):
        return False
    if _announced_title(title):
        return False
    # adverts are read in the content sentences: a share bar ('Bagikan: FB | WA') is no 'WA' contact
    content = "\n".join(s.text for s in facts.sents)
    adverts = len({m.group(0) for m in _cues_in("events", "cues", "advert", content.lower())})
    if adverts >= 3 or (adverts >= 2 and re.search(r"\b0?8\d{2}[- .]?\d{3,4}[- .]?\d{3,4}\b", content)):
        return False
    early = [i for i in sorted(facts.events) if i < 8 and _strong(facts.events[i])]
    if not early and not _strong(facts.title_events):
        return False
    # the institutions must be near the event: in the title, the lead or a sentence naming the event
    has_inst = bool(pick_institutions(facts, anchor_index)[0])
    if not has_inst:
        return False
    # the event's sentences, and neighbours that say it took place ('... Kegiatan berlangsung Kamis (3/10)')
    around = {k for i in facts.events for k in (i - 1, i + 1) if 0 <= k < len(facts.sents) and k not in facts.events
              and (_has("events", "cues", "held", facts.sents[k].text) or venue.find_venues(facts.sents[k].text))}
    dated = [facts.sents[i].text for i in sorted(around | set(facts.events)) if dates.find_dates(facts.sents[i].text)]
    if dated and all(_after_publication(facts, text) for text in dated):
        return False  # every date the article gives its event is still to come: an announcement
    for i in facts.events:
        text = facts.sents[i].text
        if _has("events", "cues", "future", text):
            continue
        if _has("events", "cues", "opinion", text) and not (dates.find_dates(text) and venue.find_venues(text)):
            continue  # a statement, unless it also gives the day and the place ('... di Aula X, Kamis (8/6), ...')
        if _has("events", "cues", "remote_past", text):
            continue  # done long ago, in a story about something else
        if _quotation(text):
            continue  # a quotation is a statement, not the report that something took place
        if _has("events", "cues", "held", text) or dates.find_dates(text) or venue.find_venues(text):
            return True
    return _has("events", "cues", "held_title", title)


_TITLE_CLAUSES = re.compile(r"\s*(?:[,;:|]|\s[-–—]\s)\s*")


def _announced_title(title: str) -> bool:
    """A title that announces its event: a future cue in the clause that names it (the whole title if none does).

    '83 Ketua LPM Ikuti Bimtek Dua Hari, Giliran RT dan RW Juli Mendatang': the bimtek was held; only the next
    round is to come.
    """
    clauses = _TITLE_CLAUSES.split(title)
    named = [c for c in clauses if any(term in c for term in lexicon.event_terms())] or [title]
    return any(_has("events", "cues", "future", c) or _has("events", "cues", "future_title", c) for c in named)


def _after_publication(facts: Facts, text: str) -> bool:
    """Whether every date a sentence gives falls after the article's publication (an announcement)."""
    mentions = dates.find_dates(text)
    if not mentions or facts.published is None:
        return False
    reference = _reference_year(facts)
    starts = [dates.resolve(m, facts.published, reference)[0] for m in mentions]
    return all(start is not None and date.fromisoformat(start) > facts.published for start in starts)


def _evidence(fieldname: str, sent: Sentence) -> Evidence:
    """Evidence of one field."""
    return Evidence(fieldname, sent.text, sent.start, sent.end)


def _order(facts: Facts, anchor_index: int | None) -> list[int]:
    """Sentence indices to search for a fact: anchor, event sentences, lead, then the rest."""
    lead = list(range(min(3, len(facts.sents))))
    groups = [[anchor_index] if anchor_index is not None else [], sorted(facts.events), lead,
              list(range(len(facts.sents)))]
    return list(dict.fromkeys(i for group in groups for i in group))


@cache
def _attendance_words() -> frozenset[str]:
    """Words that put a count near the event."""
    return frozenset(lexicon.load("events")["dates"]["attendance"])


def _near_event(facts: Facts, anchor_index: int | None) -> list[Sentence]:
    """Sentences where the event's own date can stand: the lead, the event's sentences and their neighbours."""
    keep = set(range(min(3, len(facts.sents))))
    for i in facts.events:
        keep.update((i - 1, i, i + 1))
    if anchor_index is not None:
        keep.update((anchor_index - 1, anchor_index, anchor_index + 1))
    return [facts.sents[i] for i in sorted(keep) if 0 <= i < len(facts.sents)]


def pick_date(facts: Facts, anchor_index: int | None) -> tuple[str | None, str | None, str | None, Sentence | None]:
    """(start, end, date_text, sentence) of the main event's date."""
    reference = _reference_year(facts)
    best: tuple[float, str | None, str | None, str, Sentence] | None = None
    for sent in _near_event(facts, anchor_index):
        text = sent.text
        if _quotation(text) and sent.index != anchor_index:
            continue  # a quotation: '"... saat perayaan 17 Agustus," ujarnya' dates no event
        cut = _future_at(text)
        mentions = dates.find_dates(text)
        if not mentions and sent.index == anchor_index and facts.published:
            # 'menggelar rakor ..., kemarin': the sentence naming the event dates it, above a date elsewhere
            mentions = dates.find_relative(text)
        for mention in mentions:
            if cut is not None and mention.start >= cut:
                continue
            start, end = dates.resolve(mention, facts.published, reference)
            if start is None and mention.year is None and mention.weekday is None and facts.published is None:
                # no year, weekday or publication date: the text gives only day and month, so the year is that
                # of the last such day before the page was read (the nearest date not after it)
                start, end = dates.resolve(mention, _read_on(facts), reference)
                if start is None:
                    continue
            if start and facts.published and date.fromisoformat(start) > facts.published:
                continue
            score = 0.0
            if sent.index == anchor_index:
                score += 5
            if sent.index in facts.events:
                score += 2
            if _has("events", "cues", "held", text) or venue.find_venues(text):
                score += 1
            if sent.index < 3:
                score += 1
            if mention.weekday is not None:
                score += 0.5
            score -= sent.index * 0.05
            if best is None or score > best[0]:
                best = (score, start, end, mention.text, sent)
    if best is not None:
        start, end = best[1], best[2] or _end_date(facts, best[4], best[1], reference)
        return start, end, best[3], best[4]
    lead = list(range(min(2, len(facts.sents))))
    for i in dict.fromkeys(([anchor_index] if anchor_index is not None else []) + lead + sorted(facts.events)):
        sent = facts.sents[i]
        if sent.text.startswith(("“", '"')) or _has("events", "cues", "future", sent.text):
            continue
        for mention in dates.find_relative(sent.text):
            start, end = dates.resolve(mention, facts.published, reference)
            if start:
                return start, end, mention.text, sent
    return None, None, None, None


@cache
def _until() -> re.Pattern[str]:
    """Words before the last day of an event, at the end of a text."""
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(lexicon.load('events')['dates']['until'])})\s*$", re.I)


def _end_date(facts: Facts, sent: Sentence, start: str | None, reference: int | None) -> str | None:
    """'... Senin (17/6/2024). Kegiatan berlangsung hingga Rabu (19/6/2024).': the last day, within two weeks."""
    if not start:
        return None
    first = date.fromisoformat(start)
    for other in facts.sents[sent.index:sent.index + 2]:
        for mention in dates.find_dates(other.text):
            before = other.text[max(0, mention.start - 30):mention.start]
            # 'hingga Rabu (19/6)': the cue may stand before a weekday the mention does not include
            if not (_until().search(before) or _until().search(re.sub(r"\w+\s*,?\s*$", "", before))):
                continue
            end, _ = dates.resolve(mention, facts.published, reference)
            if end and 0 < (date.fromisoformat(end) - first).days <= 14:
                return end
    return None


def _read_on(facts: Facts) -> date:
    """When the page was fetched, else today: the latest day an undated event can have taken place."""
    return dates.parse_published(facts.article.fetched_at) or date.today()


def _reference_year(facts: Facts) -> int | None:
    """A year to anchor weekday-only inference when there is no publication date."""
    if facts.published:
        return facts.published.year
    years = [int(y) for y in re.findall(r"\b(19[89]\d|20\d\d)\b", facts.article.text)]
    if years:
        return max(years)
    fetched = dates.parse_published(facts.article.fetched_at)
    # Last resort for "Rabu (22/1)" with no year anywhere: the weekday-consistent year before today.
    return fetched.year if fetched else date.today().year


def pick_participants(facts: Facts, anchor_index: int | None) -> tuple[int | None, Sentence | None, str | None]:
    """The number of people who took part."""
    best: tuple[float, int, Sentence, str] | None = None
    for sent in facts.sents:
        if sent.index not in facts.events and not lexicon.word_set(sent.text) & _attendance_words():
            continue  # a count scores high enough only near the event or beside an attendance word
        if _has("events", "cues", "remote_past", sent.text):
            continue  # 'pelatihan serupa pernah digelar pada 2023 dan diikuti 25 orang': another, earlier event
        for count in numbers.counts(sent.text):
            score = count.score + (1 if sent.index in facts.events else 0) + (1 if sent.index == anchor_index else 0)
            if score < 3:
                continue
            if best is None or score > best[0]:
                best = (score, count.value, sent, sent.text[count.start:count.end])
    return (best[1], best[2], best[3]) if best else (None, None, None)


def participants_in_title(facts: Facts) -> int | None:
    """'132 Pengelola BUMDes Ikuti Bimtek': a count in a title that reports the event held, when the body has none."""
    title = (facts.article.title or "").lower()  # titles are in Title Case
    if not facts.title_events or not _has("events", "cues", "held_title", title):
        return None
    if _has("events", "cues", "future", title) or _has("events", "cues", "future_title", title):
        return None
    found = numbers.counts(title)
    return found[0].value if found else None


def pick_venue(facts: Facts, anchor_index: int | None) -> tuple[str | None, Sentence | None]:
    """The venue of the main event."""
    for i in _order(facts, anchor_index):
        sent = facts.sents[i]
        if _quotation(sent.text) and i != anchor_index:
            continue  # a quotation: '"... harus dipraktikkan di rumah," pesan Kades' names no venue of the event
        cut = _future_at(sent.text)
        found = [v for v in venue.find_venues(sent.text) if cut is None or v[0] < cut]
        if found:
            return found[0][2], sent
    return None, None


def _future_at(text: str) -> int | None:
    """Where a sentence starts to speak of what is still to come (None: it never does).

    '... di Aula X, Rabu (6/3/2024), menjelang pengukuran yang dijadwalkan Juni mendatang': the day and the
    place before the cue are the held event's.
    """
    return _cue_at("events", "cues", "future", text) if _has("events", "cues", "future", text) else None


_REGION_NAMED = lexicon.WordStart(r"(Kota|Kabupaten|Kab\.?)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})")
_DISTRICT_NAMED = lexicon.WordStart(r"(?:Kecamatan|Kec\.?)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})")


def _region_in(text: str) -> places.Region | None:
    """The region a venue or phrase names ('... Setda Kota Salatiga', 'Aula Kecamatan Tembalang')."""
    m = _REGION_NAMED.search(text)
    if m:
        kind = places.KOTA if m.group(1).lower() == "kota" else places.KAB
        words = m.group(2).split()
        for size in range(len(words), 0, -1):
            region = places.find(" ".join(words[:size]), kind)
            if region:
                return region
    m = _DISTRICT_NAMED.search(text)
    if m:
        return places.district_region(m.group(1).split())
    return _trailing_region(text)


_APPOSED_REGION = re.compile(
    r"\s*,\s*((?:(?:Kota|Kabupaten|Kab\.)\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?=[.,;]|\s*$)")


_ADDRESS = re.compile(r"\s*,\s*(?:Jalan|Jl\.?|Jln\.?)\s+[^,.;]{2,60}")


def _region_after(sentence: str, venue_text: str) -> places.Region | None:
    """The region set off by a comma right after the venue ('di Aula Hotel Madelin, Kota Bengkulu', '…, Palu').

    A street address may stand between them: 'di Aula Hotel Kapuas Indah, Jalan Gajah Mada, Kota Pontianak'.
    """
    at = sentence.find(venue_text) + len(venue_text)
    street = _ADDRESS.match(sentence, at)
    m = _APPOSED_REGION.match(sentence, street.end() if street else at)
    return (_region_in(m.group(1)) or places.find(m.group(1))) if m else None


def _trailing_region(text: str) -> places.Region | None:
    """A region named bare at the end of a venue ('Hotel Grand Zuri Pekanbaru'), when only one has that name."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) <= size or not all(w[:1].isupper() for w in words[-size:]):
            continue
        before = places.key(words[-size - 1])
        if before in places.not_region_after():
            continue  # 'Jalan Madiun', 'Desa Ngawi': a street or a village of that name
        if any(places.key(" ".join(words[-size - k:])) in places.kecamatan() for k in (1, 2) if size + k <= len(words)):
            return None  # the end of a district's name ('Kantor Camat Pangkalan Kerinci')
        if region := places.find(" ".join(words[-size:])):
            return region
    return None


def pick_region(facts: Facts, venue_text: str | None, anchor_index: int | None
                ) -> tuple[places.Region | None, Sentence | None]:
    """The city or regency of the event: the venue's, else the text's dominant one, else the source's."""
    if venue_text:
        sent = next((s for s in facts.sents if venue_text in s.text), None)
        region = _region_in(venue_text) or (_region_after(sent.text, venue_text) if sent else None)
        if region:
            return region, sent
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    where: dict[str, Sentence] = {}
    ambiguous: list[tuple[str, float, Sentence, int]] = []
    for i, mentions in facts.places.items():
        weight = 2.0 if i == anchor_index or i < 2 else 1.0
        for name, kind, char in mentions:
            if kind:
                region = places.find(name, kind)
                if region:
                    scores[region.code] = scores.get(region.code, 0) + 2 * weight
                    first.setdefault(region.code, char)
                    where.setdefault(region.code, facts.sents[i])
                continue
            options = places.by_name().get(places.key(name), ())
            if len(options) == 1:
                code = options[0].code
                scores[code] = scores.get(code, 0) + weight
                first.setdefault(code, char)
                where.setdefault(code, facts.sents[i])
            elif options:
                ambiguous.append((name, weight, facts.sents[i], char))
    if ambiguous:
        low = facts.article.text.lower()
        city_cues = len(re.findall(r"wali\s*kota|walikota|pemkot|kelurahan|lurah", low))
        regency_cues = len(re.findall(r"\bbupati|pemkab|\bdesa\b|kades|kepala desa", low))
    for name, weight, sent, char in ambiguous:
        options = places.by_name()[places.key(name)]
        known = [r for r in options if r.code in scores]
        if len(known) == 1:
            choice = known[0]
        else:
            # no cue either way: a bare name in news (a dateline) most often names the city
            choice = next(r for r in options if r.kind == (places.KAB if regency_cues > city_cues else places.KOTA))
        scores[choice.code] = scores.get(choice.code, 0) + weight
        first.setdefault(choice.code, char)
        where.setdefault(choice.code, sent)
    if scores:
        code = max(scores, key=lambda c: (scores[c], -first[c]))
        return places.by_code()[code], where.get(code)
    for sent in facts.sents:  # a named district ('Kecamatan Kartasura') still tells its regency
        region = _region_in(sent.text)
        if region:
            return region, sent
    if facts.default_region:
        return places.parse_city(facts.default_region), None
    return None, None


def pick_organizer(facts: Facts, anchor_index: int | None, city: str | None
                   ) -> tuple[organizer.Organizer | None, Sentence | None]:
    """The agency that held the event: the strongest cue, then the earliest place in the search order."""
    title = facts.article.title or ""
    order = _order(facts, anchor_index)
    near = max(6, len(facts.events) + 3)
    # later sentences that refer back to the event ("Kegiatan yang digelar oleh X itu ...") come next
    anaphora = frozenset(lexicon.load("events")["dates"]["anaphora"])
    back = [i for i in order[near:] if lexicon.word_set(facts.sents[i].text) & anaphora]
    taken = set(order[:near]) | set(back)
    close: list[tuple[str, Sentence | None]] = [(title, None)]
    close += [(facts.sents[i].text, facts.sents[i]) for i in order[:near] + back]
    found: list[tuple[int, int, organizer.Organizer, Sentence | None]] = []
    for position, (text, sent) in enumerate(close):
        ranked = organizer.find_ranked(text, city)
        if ranked is not None:
            found.append((ranked[1], position, ranked[0], sent))
    # far sentences without a back-reference may only name the organiser outright or by a verb,
    # and are read only when they could beat what the close ones gave
    strongest = min((f[0] for f in found), default=organizer.GOVERNMENT + 1)
    if strongest > organizer.NAMED:
        limit = organizer.VERB if strongest > organizer.VERB else organizer.NAMED
        for position, i in enumerate((i for i in order[near:] if i not in taken), start=len(close)):
            text = facts.sents[i].text
            if not organizer.may_name(text, outright=limit == organizer.NAMED):
                continue
            ranked = organizer.find_ranked(text, city)
            if ranked is not None and ranked[1] <= limit:
                found.append((ranked[1], position, ranked[0], facts.sents[i]))
    if not found:
        return None, None
    best = min(found, key=lambda f: (f[0], f[1]))
    if not best[2].long:
        # the same agency spelt out later with its short name: 'Dinas X' then 'Dinas X, Y dan Z (DXYZ)'
        for _, position, org, sent in sorted(found, key=lambda f: f[1]):
            if position > best[1] and (org.long or "").startswith(best[2].name):
                return org, sent
    return _with_region(facts, best[2]), best[3]


def _with_region(facts: Facts, org: organizer.Organizer) -> organizer.Organizer:
    """A bare acronym ('DPMD') takes the region the text attaches to it elsewhere ('DPMD Kabupaten Kapuas')."""
    if " " in org.name or not org.name.isupper():
        return org
    region = organizer.region_attached(facts.article.text, org.name)
    return replace(org, name=f"{org.name} {region}") if region else org


@cache
def _hall() -> re.Pattern[str]:
    """A venue named after its owner: 'Aula DPMK ...'."""
    return re.compile(rf"^(?:{lexicon.alternation(lexicon.load('places')['agencies']['halls'])})\s+(?=[A-Z])")


def organizer_from_venue(venue_text: str | None, text: str) -> organizer.Organizer | None:
    """'Aula DPMK Kota Madiun' -> DPMK Kota Madiun, only when the agency's head takes part too.

    The owner of a hall often just lends it; its head opening or speaking ties it to the event.
    """
    m = _hall().match(venue_text or "")
    if not m or not venue_text:
        return None
    rest = venue_text[m.end():]
    first = rest.split()[0]
    if first.lower() in lexicon.load("places")["agencies"]["not_host"] or first in lexicon.institutions()[0]:
        return None
    known = {a.lower() for a in lexicon.load("places")["agencies"]["acronyms"]}
    if not (first.lower() in known or first in ("Dinas", "Badan") or re.fullmatch(r"[A-Z][A-Z0-9-]{2,}", first)):
        return None
    if not organizer.head_named(text, first):
        return None
    return organizer.find_organizer(f"{rest} menggelar")


def pick_institutions(facts: Facts, anchor_index: int | None) -> tuple[list[str], Sentence | None]:
    """Community institutions taking part (asked twice per article: by relevance and by the event)."""
    key = ("institutions", anchor_index)
    if key not in facts.memo:
        facts.memo[key] = _pick_institutions(facts)
    found, evidence = facts.memo[key]
    return list(found), evidence


def _pick_institutions(facts: Facts) -> tuple[list[str], Sentence | None]:
    """Community institutions named in the event's sentences, the lead and the participant sentences."""
    chosen: set[int] = set(facts.events)
    words = frozenset(lexicon.cue("events", "cues", "participant_words"))
    for i in range(len(facts.sents)):
        text = facts.sents[i].text
        if i == 0 or lexicon.word_set(text) & words:
            chosen.add(i)
        if i and (i - 1) in chosen and _cue_found("institutions", "context", "continues", text[:60]):
            chosen.add(i)
    kept = sorted(i for i in chosen if not _has("events", "cues", "future", facts.sents[i].text))
    found: list[str] = []
    evidence = None
    if facts.title_doc is not None:
        found.extend(_institution_labels(facts.title_doc))
    for i in kept:
        for short, _ in facts.institutions.get(i, []):
            found.append(short)
            evidence = evidence or facts.sents[i]
    return list(dict.fromkeys(found)), evidence


@cache
def _short_name_re() -> lexicon.WordStart:
    """'Kabupaten Kotawaringin Timur (Kotim)', 'Program ... Masyarakat (Probebaya)': a body's short name."""
    owners = lexicon.alternation(lexicon.load("people")["roles"]["short_name_owners"])
    return lexicon.WordStart(rf"(?:{owners})(?:\s+(?:[A-Z][\w-]*|dan|&)){{1,8}}?\s*\(([A-Z][a-z]{{2,}})\)")


def pick_officials(facts: Facts) -> tuple[list[Official], Sentence | None]:
    """Named people with a public role."""
    # 'Kabupaten Kotawaringin Timur (Kotim)': the short name of a region or programme, never a person ('Bupati Kotim')
    may = officials.may_name_officials(facts.article.text, [s.start for s in facts.sents])
    local = officials.local_places(facts.article.text) if may else frozenset()
    found = [m for sent in facts.sents if sent.index in may
             for m in officials.find_mentions(sent.text, sent.index, local)]
    short_names = set(_short_name_re().findall(facts.article.text)) if found else set()
    mentions = [m for m in found if m.name not in short_names and _official_part(facts, m)]
    merged = officials.merge(mentions)
    first = facts.sents[min(m.sentence for m in mentions)] if mentions else None
    return merged, first


def _official_part(facts: Facts, mention: officials.Mention) -> bool:
    """Whether a mention took part as an official: a village-level head of an institution only when opening it."""
    return (not officials.village_community_role(mention.role)
            or officials.opened_event(facts.sents[mention.sentence].text, mention))


@cache
def _title_stop() -> frozenset[str]:
    """Words that end an event's short name."""
    return frozenset(lexicon.load("events")["title"]["stop"])


def _title_sentence(facts: Facts) -> Sentence:
    """The article title as evidence: its offsets where the text repeats it, else -1."""
    title = facts.article.title or ""
    at = facts.article.text.find(title) if title else -1
    return Sentence(-1, at, at + len(title) if at >= 0 else -1, title, is_title=True)


def short_title_from(text: str, term: str, min_words: int = 3) -> str | None:
    """The event's name as written from its event word on, when it is more than the bare word."""
    m = re.search(rf"\b{re.escape(term)}\b", text, re.I)
    if not m:
        return None
    words: list[str] = []
    for w in re.finditer(r"[\w][\w/&.'’-]*|[^\w\s]", text[m.start():]):
        token = w.group(0)
        if not re.match(r"[\w]", token) or token.lower() in _title_stop() or len(words) >= 10:
            break
        words.append(token)
    if len(words) < min_words:
        return None
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def short_title(facts: Facts, anchor_index: int | None) -> str | None:
    """A short name of the event ('Pelatihan Peningkatan Kapasitas LPM dan BKM'), else the article title."""
    sources = [facts.article.title or ""] + ([facts.sents[anchor_index].text] if anchor_index is not None else [])
    anchored = facts.events.get(anchor_index, []) if anchor_index is not None else []
    terms = [t for t, _ in _strong(facts.title_events)] + [t for t, _ in _strong(anchored)]
    for text, least in [(t, 2) for t in sources[1:]] + [(sources[0], 3)]:
        for term in terms:
            name = short_title_from(text, term, least)
            if name:
                return name
    return facts.article.title or None


def build_events(facts: Facts) -> list[Event]:
    """The article's events (the main one only, for now), or nothing when it reports none."""
    a = anchor(facts)
    if not is_relevant(facts, a):
        return []
    evidence: list[Evidence] = []
    start, end, date_text, date_sent = pick_date(facts, a)
    if date_sent:
        evidence.append(_evidence("start_date", date_sent))
    venue_text, venue_sent = pick_venue(facts, a)
    if venue_sent:
        evidence.append(_evidence("venue", venue_sent))
    region, region_sent = pick_region(facts, venue_text, a)
    if region_sent:
        evidence.append(_evidence("city", region_sent))
    count, count_sent, count_text = pick_participants(facts, a)
    if count is None and (count := participants_in_title(facts)) is not None:
        count_sent = _title_sentence(facts)
    if count_sent:
        evidence.append(_evidence("participants", count_sent))
    org, org_sent = pick_organizer(facts, a, region.full if region else None)
    if org is None and (org := organizer_from_venue(venue_text, facts.article.text)):
        org_sent = venue_sent
    if org is not None:
        evidence.append(_evidence("organizer", org_sent or _title_sentence(facts)))
    insts, inst_sent = pick_institutions(facts, a)
    if insts:
        evidence.append(_evidence("institutions", inst_sent or _title_sentence(facts)))
    people, people_sent = pick_officials(facts)
    if people_sent:
        evidence.append(_evidence("officials", people_sent))
    evidence.insert(0, _evidence("event_type", facts.sents[a] if a is not None else _title_sentence(facts)))
    main = Event(
        event_type=event_type(facts, a),
        title=short_title(facts, a),
        start_date=start,
        end_date=end,
        date_text=date_text,
        venue=venue_text,
        city=region.full if region else None,
        province=region.province if region else None,
        latitude=region.lat if region else None,
        longitude=region.lon if region else None,
        participants=count,
        participants_text=count_text,
        organizer=org.name if org else None,
        organizer_long=org.long if org else None,
        institutions=tuple(insts),
        officials=tuple(people),
        evidence=tuple(evidence),
        is_main=True,
    )
    return [main, *later_events(facts, a, main)]


def _term_before(text: str, terms: list[tuple[str, str]], position: int) -> tuple[str, str]:
    """The event name written last before a position (the announced event's own name)."""
    best, best_at = terms[0], -1
    low = text.lower()
    for term, kind in terms:
        at = low.rfind(term, 0, position)
        if at > best_at:
            best, best_at = (term, kind), at
    return best


def later_events(facts: Facts, anchor_index: int | None, main: Event) -> list[Event]:
    """Events the article announces besides the reported one ('pelatihan lanjutan akan digelar 15 Desember')."""
    found: list[Event] = []
    reference = _reference_year(facts)
    for i, terms in sorted(facts.events.items()):
        sent = facts.sents[i]
        strong = _strong(terms)
        if i == anchor_index or not strong or not _has("events", "cues", "future", sent.text):
            continue
        mentions = dates.find_dates(sent.text)
        if not mentions:
            continue
        start, end = dates.resolve(mentions[0], facts.published, reference)
        if start is None and facts.published:
            # a day and month later than publication belong to the coming year's calendar, not the last one
            m = mentions[0]
            start = dates.next_occurrence(m.day, m.month, facts.published)
        if start is None or start == main.start_date:
            continue
        venues = venue.find_venues(sent.text)
        region = _region_in(venues[0][2]) if venues else None
        term, kind = _term_before(sent.text, strong, mentions[0].start)
        found.append(Event(
            event_type=kind, title=short_title_from(sent.text, term, 1),
            start_date=start, end_date=end, date_text=mentions[0].text,
            venue=venues[0][2] if venues else None,
            city=region.full if region else main.city, province=region.province if region else main.province,
            latitude=region.lat if region else main.latitude, longitude=region.lon if region else main.longitude,
            organizer=main.organizer, organizer_long=main.organizer_long,
            evidence=(_evidence("start_date", sent), _evidence("event_type", sent)), is_main=False,
        ))
    return found
