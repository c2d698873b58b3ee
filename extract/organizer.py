"""The agency that held the event: 'melalui DPMD', 'X menggelar ...', 'diselenggarakan oleh X', 'dari X'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import lexicon, places


@dataclass(frozen=True)
class Organizer:
    """Short name (acronym with region when given) and the long form when the text spells it out."""

    name: str
    long: str | None
    start: int


@cache
def _cues() -> dict[str, str]:
    """The organiser cues of vocab/places.toml as regex alternations."""
    data = lexicon.load("places")["agencies"]
    provinces = [p for p in places.provinces_forms() if len(p) > 3]
    return {
        "verbs": rf"(?:{lexicon.alternation(data['verbs'])})\b",
        "passive": rf"(?:{lexicon.alternation(data['passive'])})(?:\s+oleh)?",
        "adverbs": lexicon.alternation(data["verb_adverbs"]),
        "receive": rf"(?:{lexicon.alternation(data['receive'])})\s+[\w\s]{{3,40}}?\s+dari",
        "named_as": rf"(?:{lexicon.alternation(data['named_as'])})"
                    rf"(?:\s*,|\s+(?:{lexicon.alternation(data['named_as_links'])}))?",
        "partners": rf"\s*(?:{lexicon.alternation(data['partners'])})\s+(?=[A-Z])",
        # a place set off by commas after a body's name: ", Kecamatan Lowokwaru,", ", Jawa Tengah,"
        # or the government above it: ", Pemerintah Kota (Pemkot) Bekasi,"
        "apposition": rf"(?:(?:{lexicon.alternation(data['apposition_heads'])})\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|"
                      rf"(?:{lexicon.alternation(data['governments'])})(?:\s*\([A-Z]\w+\))?\s+[A-Z][\w-]*"
                      rf"(?:\s+[A-Z][\w-]*)?|{lexicon.alternation(provinces)})",
        "government": rf"({lexicon.alternation(data['governments'])})\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)",
    }


@cache
def _agency_start() -> re.Pattern[str]:
    """Where an agency name may begin."""
    data = lexicon.load("places")["agencies"]
    heads = lexicon.alternation(data["heads"] + data["acronyms"])
    return re.compile(rf"\b(?:{heads})\b|\b[A-Z][A-Z0-9]{{2,}}(?:-[A-Z0-9]+)?\b")






def _inside_parens(text: str, lo: int, hi: int) -> bool:
    """Whether a '(' between lo and hi is still open at hi."""
    return text.rfind("(", lo, hi) > text.rfind(")", lo, hi)


@lru_cache(maxsize=256)
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled once (the cue patterns are built from vocabulary on every call)."""
    return re.compile(pattern, flags)


_NEXT_WORD = re.compile(r"\s*([A-Z][\w.&'’-]*|dan\b|&|serta\b|,)")
_AHEAD = re.compile(r"\s*[A-Z][\w-]*(?:\s*,?\s+(?:[A-Z][\w-]*|dan|&))*\s*\(([A-Z][\w\s-]*)\)")
_PAREN = re.compile(r"\s*\(\s*([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*\)")


_WORD_AT = re.compile(r"[\w.]*")


def _degree_at(sentence: str, start: int) -> bool:
    """Whether an agency-like word is part of a degree after a name ('S.STP', 'M.AP'): never a body."""
    m = _WORD_AT.match(sentence, start)
    word = m.group(0) if m else ""
    before = re.search(r"\b[A-Z][a-z]?\.\s*$", sentence[max(0, start - 4):start])
    return before is not None or lexicon.squash(word) in lexicon.degrees()


def _acronym_like(text: str) -> bool:
    """'DPMD', 'Dinkes-KB', 'Dinas PMD', 'Dinpermasdes': a parenthesised short name."""
    return len(text) <= 25 and (sum(c.isupper() for c in text) >= 2 or " " not in text)


def _extend(sentence: str, start: int) -> tuple[int, str | None]:
    """End of an agency name starting at `start`, and its '(ACRONYM)' when the text gives one."""
    pos = start
    end = start
    acronym = None
    while True:
        paren = _PAREN.match(sentence, pos)
        if paren and end > start:
            if not _acronym_like(paren.group(1)):
                break
            acronym = paren.group(1)
            pos = end = paren.end()
            continue
        m = _NEXT_WORD.match(sentence, pos)
        if not m:
            break
        word = m.group(1)
        if word in (",", "dan", "&", "serta"):
            rest = sentence[m.end():]
            ahead = _AHEAD.match(rest)
            if word == "," and (not ahead or _is_government(rest.lstrip(), 0)):
                break  # ', Pemerintah Kota (Pemkot) Bekasi,': the government above the body, not more of its name
            if word != "," and not re.match(r"\s*[A-Z]", rest):
                break
            pos = m.end()
            continue
        previous = sentence[start:pos].split()[-1:]
        if word.lower().rstrip(".") in _stop_words() and not (
                previous and previous[0] in lexicon.load("places")["agencies"]["keeps_institution"]):
            break
        pos = m.end()
        end = pos
    return end, acronym


@cache
def _stop_words() -> frozenset[str]:
    """Words that end an agency name."""
    return frozenset(lexicon.load("places")["agencies"]["stop"])


def _region_after(sentence: str, end: int) -> tuple[str | None, int]:
    """'Kota Salatiga' right after an agency name (already part of it or following), or 'setempat'."""
    m = re.match(r"\s*(setempat)\b", sentence[end:])
    if m:
        return "setempat", end + m.end()
    return None, end


def _clean(name: str) -> str:
    """Trim punctuation and trailing joiners."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    return re.sub(r"\s+(dan|serta|&)$", "", name)


_NOT_A_BODY = {"pemerintah", "kota", "kabupaten", "provinsi"}


@cache
def _region_heads() -> str:
    """'Kota', 'Kabupaten', 'Kab.', 'Provinsi', 'Prov.': words that open a region after a body's name."""
    return lexicon.alternation(lexicon.load("places")["agencies"]["region_heads"])


def _build(sentence: str, start: int, local_region: str | None) -> Organizer | None:
    """Organizer from an agency name at `start`."""
    end, acronym = _extend(sentence, start)
    if end <= start:
        return None
    text = _clean(sentence[start:end])
    if acronym:
        text = _clean(text.replace(f"({acronym})", " "))
    region_match = re.search(rf"\s((?:{_region_heads()})\s+.+)$", text)
    region = region_match.group(1) if region_match else None
    if acronym and not region:
        # words after '(ACRONYM)' name the body's region: '... (DPMD) Banyuwangi', '(DPMD) Kotim'
        after = _clean(sentence[sentence.find(f"({acronym})", start) + len(acronym) + 2:end])
        if after and after[0].isupper() and len(after.split()) <= 3:
            region = after
            head = _clean(text[: len(text) - len(after)]) if text.endswith(after) else text
            return Organizer(_clean(f"{acronym} {region}"), _clean(f"{head} {region}"), start)
    setempat, _ = _region_after(sentence, end)
    if setempat and local_region and not region:
        region = local_region
    head = text[:region_match.start()] if region_match else text
    if head.strip().lower() in _NOT_A_BODY or len(head) < 3:
        return None
    if places.key(head) in places.by_name() or places.key(head) in places.provinces():
        return None
    short = acronym or head
    name = f"{short} {region}" if region else short
    long_form = f"{head} {region}" if acronym and region else (head if acronym else None)
    return Organizer(_village_only(_clean(name)), _clean(long_form) if long_form else None, start)


@cache
def _village_cut() -> re.Pattern[str]:
    """A village government's name, then the district or region it lies in ('Kelurahan X Kecamatan Y ...')."""
    data = lexicon.load("places")["agencies"]
    villages = lexicon.alternation(data["village_heads"])
    above = lexicon.alternation(data["apposition_heads"])
    return re.compile(rf"^((?:{villages})\s+\S.*?)\s+(?:{above})\s+[A-Z].*$")


def _village_only(name: str) -> str:
    """'Kelurahan Bandarjo Kecamatan Ungaran Barat Kabupaten Semarang' -> 'Kelurahan Bandarjo'."""
    m = _village_cut().match(name)
    return m.group(1) if m else name


def _is_government(sentence: str, start: int) -> bool:
    """'Pemerintah Kota X'/'Pemkot X' as the organiser, when no agency is named."""
    return bool(_rx(rf"(?:{lexicon.alternation(lexicon.load('places')['agencies']['governments'])})\b")
                .match(sentence, start))


@cache
def _government_named() -> lexicon.WordStart:
    """'Pemerintah Kota X', 'Pemkab X' anywhere in a sentence."""
    return lexicon.WordStart(_cues()["government"])


def _local_region(sentence: str) -> str | None:
    """The region 'setempat' refers to: 'Pemerintah Kota X' / 'Pemkab X' in the same sentence."""
    gov = _government_named().search(sentence)
    if not gov:
        return None
    kinds = lexicon.load("places")["agencies"]["government_kinds"]
    kind = next(v for k, v in kinds.items() if _rx(lexicon.alternation([k])).fullmatch(gov.group(1)))
    return f"{kind} {gov.group(2)}"


# Strength of each cue (lower is stronger): naming the organiser outright beats a verb, which beats 'oleh'/'dari',
# which beats a whole government holding it.
NAMED, VERB, WEAK, GOVERNMENT = 0, 1, 2, 3


def find_organizer(sentence: str, local_region: str | None = None) -> Organizer | None:
    """The organiser named in one sentence, by cue strength; 'setempat' takes the sentence's government region."""
    found = find_ranked(sentence, local_region)
    return found[0] if found else None


def find_ranked(sentence: str, local_region: str | None = None) -> tuple[Organizer, int] | None:
    """The organiser named in one sentence and the strength of its cue (NAMED … GOVERNMENT)."""
    if not may_name(sentence):
        return None
    local_region = _local_region(sentence) or local_region
    starts = [m.start() for m in _agency_start().finditer(sentence)
              if not _inside_parens(sentence, max(0, m.start() - 25), m.start())
              and not _degree_at(sentence, m.start())]
    if not starts:
        return None
    # 'melalui X' after a government subject, then 'X menggelar', then 'oleh X', then 'dari X'
    cues = _cues()
    ranked = ((VERB, r"melalui"), (VERB, None), (VERB, cues["passive"]), (NAMED, cues["named_as"]),
              (WEAK, cues["receive"]), (WEAK, r"oleh"))
    for rank, cue in ranked:
        for start in starts:
            if cue is None:
                end, _ = _extend(sentence, start)
                after = sentence[end:]
                after = _rx(r"^\s*setempat\b").sub("", after)
                # appositions between the body and its verb: 'Kelurahan X, Kecamatan Y, Kota Z(,) menggelar'
                after = _rx(rf"^(?:\s*,\s*{cues['apposition']}(?=\s*,|\s+{cues['verbs']}))+\s*,?").sub("", after)
                if _holder_before(sentence, start):
                    # 'Ketua TP PKK Kabupaten X, Ny. Hj. NAME, melaksanakan': the holder acts for the body
                    after = _rx(rf"^\s*,\s*{_person()}\s*,").sub("", after)
                after = _rx(rf"^\s*(?:{cues['adverbs']})\b").sub("", after)  # 'X telah menggelar'
                partner = _rx(cues["partners"]).match(after)
                if partner:  # 'X bersama Y menggelar': X holds it
                    p_start = end + len(sentence[end:]) - len(after) + partner.end()
                    after = sentence[_extend(sentence, p_start)[0]:]
                if _rx(rf"\s*{cues['verbs']}").match(after) and not _is_government(sentence, start):
                    org = _build(sentence, start, local_region)
                    if org:
                        return org, rank
                continue
            before = sentence[max(0, start - 60):start]
            if _rx(rf"\b(?:{cue})\s*$", re.I).search(before):
                org = _build(sentence, start, local_region)
                if org and not _is_government(sentence, start):
                    return org, rank
    host = _host_role().search(sentence)
    if host:
        for start in (s for s in starts if s < host.start()):  # the body of the person acting as host
            org = _build(sentence, start, local_region)
            if org and not _is_government(sentence, start):
                return org, NAMED
    gov = _government(sentence, starts)
    return (gov, GOVERNMENT) if gov else None


@cache
def _host_role() -> lexicon.WordStart:
    """'selaku tuan rumah': the body named before it is the host's."""
    return lexicon.WordStart(rf"(?:{lexicon.alternation(lexicon.load('places')['agencies']['host_roles'])})\b", re.I)


@cache
def _holder_heads() -> re.Pattern[str]:
    """A head of a body written right before its name: 'Ketua ', 'Kepala ', 'Ketua Tim '."""
    heads = lexicon.alternation(lexicon.load("places")["agencies"]["holders"])
    return re.compile(rf"\b(?:{heads})\s+$")


def _holder_before(sentence: str, start: int) -> bool:
    """Whether the body's name is part of a role ('Ketua Tim Penggerak PKK X', 'Kepala Dinas X')."""
    return bool(_holder_heads().search(sentence, max(0, start - 20), start))


@cache
def _person() -> str:
    """A person's name set off by commas: honorifics, capitalised words, degrees after commas."""
    honorifics = lexicon.alternation(lexicon.load("people")["titles"]["before"])
    degrees = lexicon.alternation(lexicon.load("people")["titles"]["degrees"])
    return (rf"(?:(?:{honorifics})\.?\s+)*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’.-]*){{0,4}}"
            rf"(?:\s*,\s*(?:{degrees})\.?)*")


def _government(sentence: str, starts: list[int]) -> Organizer | None:
    """'Pemerintah Kota Bekasi menggelar ...' when no agency is named as the organiser."""
    for start in starts:
        if not _is_government(sentence, start):
            continue
        cues = _cues()
        m = _rx(rf"{cues['government']}(?:\s*,\s*{cues['apposition']}\s*,)?\s+{cues['verbs']}").match(sentence, start)
        if m:
            name = f"{m.group(1)} {m.group(2)}"
            return Organizer(name, None, start)
    return None


@cache
def _cue_words(outright: bool) -> frozenset[str]:
    """One word of every organiser cue (its longest): a sentence without any of them names no organiser.

    outright: only the cues that name the organiser as such ('penyelenggara', 'selaku panitia').
    """
    data = lexicon.load("places")["agencies"]
    phrases = data["named_as"] + data["host_roles"]
    if not outright:
        phrases = phrases + ["melalui", "oleh"] + data["verbs"] + data["passive"] + data["receive"]
    return frozenset(max(p.lower().split(), key=len) for p in phrases)


def may_name(sentence: str, outright: bool = False) -> bool:
    """Whether a sentence carries an organiser cue at all (a set test, far cheaper than the cue patterns)."""
    return bool(lexicon.word_set(sentence) & _cue_words(outright))


def region_attached(text: str, acronym: str) -> str | None:
    """The region written right after an acronym anywhere in the text: 'DPMD Kabupaten Kapuas' -> 'Kabupaten Kapuas'."""
    pattern = rf"\b{re.escape(acronym)}\s+((?:{_region_heads()})\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
    for m in re.finditer(pattern, text):
        region = _clean(m.group(1))
        words = region.split()
        for size in (len(words) - 1, 1):  # 'Kabupaten Kapuas Hulu' before 'Kabupaten Kapuas'
            name = " ".join(words[1:1 + size])
            if places.key(name) in places.by_name():
                return f"{words[0]} {name}"
    return None


_HEAD = re.compile(r"\bKepala\s+((?:[A-Z][\w-]*|dan|,)(?:\s*(?:[A-Z][\w-]*|dan|,))*)")


def head_named(text: str, short: str) -> bool:
    """Whether the head of an agency takes part: 'Kepala DPMK', or 'Kepala Dinas Pemberdayaan Masyarakat dan
    Kelurahan' whose initials spell DPMK."""
    for m in _HEAD.finditer(text):
        words = [w for w in re.findall(r"[A-Za-z][\w-]*", m.group(1)) if w[0].isupper()]
        if words and words[0] == short:
            return True
        initials = "".join(w[0] for w in words)
        if short.isupper() and len(short) >= 3 and short in initials and initials.startswith(short[0]):
            return True
    return False
