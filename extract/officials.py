"""Officials: 'ROLE, NAME, DEGREES', 'ROLE NAME', 'NAME selaku ROLE', 'NAME (ROLE)', 'NAME, sapaan akrab ROLE'."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from records import Official

from . import lexicon, places

_WORD = re.compile(
    r"(?:[A-Z][a-z]{0,3}|dr|drg|ir)\.(?=\s+[A-Z])"  # an abbreviation before a name keeps its dot: "Moh. Ramdhan"
    r"|[A-Za-z0-9][\w.'’&/-]*[\w]|[A-Za-z0-9]|[,;:()“”\"!?|]|[^\w\s]"
)


@dataclass(slots=True)
class Word:
    """A word of a sentence with its character offsets."""

    text: str
    start: int
    end: int
    low: str  # lower case without a final full stop: "Plt." opens a role like "Plt"


@dataclass
class Mention:
    """One person mention with a role, as found in one sentence."""

    name: str
    titles: list[str]
    role: str | None
    sentence: int
    start: int
    aliases: list[str] = field(default_factory=list)


def words(text: str) -> list[Word]:
    """Words and punctuation of a sentence."""
    return [Word(w, m.start(), m.end(), w.lower().rstrip(".")) for m in _WORD.finditer(text) if (w := m.group(0))]


@cache
def _heads() -> dict[str, list[list[str]]]:
    """Role openers as lists of lower-cased words, by first word, longest first."""
    table: dict[str, list[list[str]]] = {}
    for head in lexicon.role_heads():
        words = head.lower().split()
        table.setdefault(words[0], []).append(words)
    return {k: sorted(v, key=len, reverse=True) for k, v in table.items()}


@cache
def _roles(key: str) -> frozenset[str]:
    """A word list of vocab/people.toml [roles]."""
    return frozenset(lexicon.load("people")["roles"][key])


@cache
def _agency_words() -> frozenset[str]:
    """Lower-cased one-word agency names and acronyms ('dispermades', 'bappeda')."""
    data = lexicon.load("places")["agencies"]
    return frozenset(w.lower() for w in data["acronyms"] + data["heads"] if " " not in w)


@cache
def _head_words() -> frozenset[str]:
    """Lower-cased last words of role openers ('camat', 'kapolsek', 'desa')."""
    return frozenset(h.lower().split()[-1] for h in lexicon.role_heads())


@cache
def _not_name() -> frozenset[str]:
    """Capitalised words that are never part of a person's name."""
    return frozenset(w.lower() for w in lexicon.load("people")["roles"].get("not_name", []) +
                     lexicon.load("people").get("not_name", []))


@cache
def _place_words() -> frozenset[str]:
    """Lower-cased words of region names (they continue a role: 'Wali Kota Salatiga')."""
    words = {w for r in places.regions() for w in places.key(r.name).split()}
    return frozenset(words | {w for p in places.provinces_forms() for w in places.key(p).split()})


def _head_at(ws: list[Word], i: int) -> int:
    """Length in words of a role opener starting at i (0 when none)."""
    heads = _heads()
    if ws[i].low not in heads:
        return 0
    for head in heads[ws[i].low]:
        n = len(head)
        if i + n <= len(ws) and all(ws[i + k].low == head[k] for k in range(1, n)):
            return n
    return 0


_DOUBLE_NAME = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)+")


def _is_acronym(text: str) -> bool:
    """'DPMD', 'Dinkes-KB', 'DP3A', 'TP': an agency or body abbreviation (not a double surname, 'Kumaat-Lumentut')."""
    core = text.replace("-", "").replace("&", "")
    return (len(core) >= 2 and sum(c.isupper() for c in core) >= 2 and lexicon.squash(text) not in lexicon.degrees()
            and not _DOUBLE_NAME.fullmatch(text))


def _is_cap(word: Word) -> bool:
    """Capitalised word, acronym or initial."""
    return word.text[:1].isupper() or word.text[:1].isdigit()


def _is_tail(word: Word, prev: Word | None) -> bool:
    """Whether a word continues a role rather than starting a name."""
    return _is_tail_text(word.text, word.low, prev.low if prev is not None else None)


@lru_cache(maxsize=16384)
def _is_tail_text(text: str, low: str, prev: str | None) -> bool:
    """_is_tail on the word's text and lower case and the previous word's lower case (None: no previous word)."""
    if lexicon.squash(text) in lexicon.honorifics() and low not in lexicon.role_tail():
        return False
    if prev is not None and (prev in _roles("place_heads") or prev in _head_words()
                             or prev in lexicon.role_tail()) and prev not in _place_words() \
            and places.kecamatan().get(places.key(text)):
        return True  # a district after a role: "Camat Manguharjo", not after a region: "Jakarta Pusat Bambang"
    if low in lexicon.role_tail() or low in _place_words() or low in _agency_words() or _is_acronym(text):
        return True
    if prev is not None and prev in _roles("numbered") and len(text) <= 3:
        return True
    if re.fullmatch(r"[IVX]+", text):
        return prev is not None and prev in _roles("numbered")
    return text.isdigit()


def _is_name_word(word: Word) -> bool:
    """A word that can be part of a person's name."""
    return _is_name_text(word.text)


@lru_cache(maxsize=16384)
def _is_name_text(t: str) -> bool:
    """A word's text that can be part of a person's name (cached: the same words recur in every article)."""
    if t.rstrip(".") in _roles("lower_honorifics"):
        return True
    if not t[:1].isupper() or t.lower() in _not_name():
        return False
    if lexicon.squash(t) in lexicon.honorifics():
        return True
    return bool(re.fullmatch(r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.?|[A-Z][a-z]{1,3}\.|[A-Z][a-z]*[A-Z][a-z]+", t))


def _split_titles(name_words: list[Word]) -> tuple[str, list[str]]:
    """Leading honorifics off a name: ('Budi Hartono', ['HA'])."""
    titles = []
    rest = list(name_words)
    while len(rest) > 1 and lexicon.squash(rest[0].text) in lexicon.honorifics():
        titles.append(rest.pop(0).text)
    while len(rest) > 1 and lexicon.squash(rest[-1].text) in lexicon.degrees():
        titles.append(rest.pop().text)
    return " ".join(w.text for w in rest), titles


def _degrees_after(ws: list[Word], i: int) -> tuple[list[str], int]:
    """Degrees after a name (', SE', ', S.Sos, M.Si'): (degrees, index after them)."""
    found = []
    while i + 1 < len(ws) and ws[i].text == "," and lexicon.squash(ws[i + 1].text) in lexicon.degrees():
        found.append(ws[i + 1].text)
        i += 2
        if i < len(ws) and ws[i].text == "." and ws[i].start == ws[i - 1].end:
            i += 1  # the degree's own full stop: 'S.Sos., M.Si.'
    while i < len(ws) and lexicon.squash(ws[i].text) in lexicon.degrees() and _is_acronym_or_degree(ws[i]):
        found.append(ws[i].text)
        i += 1
    return found, i


def _is_acronym_or_degree(word: Word) -> bool:
    """A degree written right after a name without a comma ('Budi Hartono SH')."""
    return word.text[:1].isupper() and len(word.text) <= 6


def _paren_len(ws: list[Word], j: int) -> int:
    """Length of a parenthesised short name at j ('(Dinsos PPPA)'), else 0."""
    if ws[j].text != "(":
        return 0
    k = j + 1
    while k < len(ws) and k - j <= 3 and ws[k].text[:1].isupper():
        k += 1
    return k - j + 1 if k > j + 1 and k < len(ws) and ws[k].text == ")" else 0


def _role_run(ws: list[Word], i: int) -> int:
    """End index of a role starting with an opener at i: capitalised words and joiners, up to punctuation."""
    n = _head_at(ws, i)
    j = i + n
    joiners = set(lexicon.load("people")["roles"]["joiners"])
    while j < len(ws):
        w = ws[j]
        if _paren_len(ws, j):
            j += _paren_len(ws, j)  # a short name inside the role: "Sekretaris Daerah (Sekda) Kota X"
        elif (_is_cap(w) and w.text not in ",;:()“”\"|") or (
                w.low in joiners and j + 1 < len(ws) and _is_cap(ws[j + 1]) and not _head_at(ws, j + 1)):
            j += 1
        else:
            break
    return j


def _name_run(ws: list[Word], i: int) -> int:
    """End index of a run of name words from i (at most six)."""
    j = i
    while j < len(ws) and j - i < 6 and _is_name_word(ws[j]) and not _is_tail(ws[j], ws[j - 1] if j else None):
        j += 1
    return j


def _valid_name(ws: list[Word]) -> bool:
    """A plausible person's name: one to five words, not all honorifics or initials, no doubled word ('Ibu-Ibu').

    A double surname ('Kumaat-Lumentut') is a name.
    """
    core = [w for w in ws if lexicon.squash(w.text) not in lexicon.honorifics() and len(w.text.rstrip(".")) > 1]
    return 1 <= len(core) <= 5 and not any(_doubled(w.text) for w in core)


def _doubled(word: str) -> bool:
    """An Indonesian plural by doubling, capitalised: 'Ibu-Ibu', 'Kader-Kader'."""
    parts = word.split("-")
    return len(parts) == 2 and parts[0].lower() == parts[1].lower()


_CASED_WORDS = re.compile(r"[A-Za-z]+")


@cache
def _role_hint() -> frozenset[str]:
    """First words of role openers as capitalised: a sentence without any (or a lower-case opener) has no official."""
    return frozenset(w for h in lexicon.role_heads() for w in (h.split()[0], h.split()[0].capitalize()))


@lru_cache(maxsize=16384)
def _may_name_official(text: str) -> bool:
    """Cheap first test on one sentence."""
    cased = set(_CASED_WORDS.findall(text))
    return bool(cased & _role_hint()) or ("," in text and bool({w.lower() for w in cased} & _roles("lower_heads")))


@cache
def _hint_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(role openers as capitalised, lower-case heads): the words _may_name_official looks for."""
    letters = r"(?![A-Za-z])"
    return (re.compile(rf"(?:{lexicon.alternation(_role_hint())}){letters}"),
            re.compile(rf"(?:{lexicon.alternation(_roles('lower_heads'))}){letters}"))


def _ascii_letter(char: str) -> bool:
    """A letter of the runs _may_name_official reads ([A-Za-z])."""
    return char.isascii() and char.isalpha()


def may_name_officials(text: str, starts: list[int]) -> set[int]:
    """Indices of the sentences (by start offset) that may name an official, found in one scan of the text.

    Every sentence that passes _may_name_official is among them: the others need not be asked one by one.
    """
    hint, lower = _hint_patterns()
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer would shift the offsets
        return set(range(len(starts)))
    # the patterns end at a letter-run boundary, so whole_words' non-overlapping scan finds every run
    hits = itertools.chain(lexicon.whole_words(hint, text, _ascii_letter),
                           lexicon.whole_words(lower, low, _ascii_letter))
    return {bisect.bisect_right(starts, m.start()) - 1 for m in hits}


@cache
def _local_place_re() -> lexicon.WordStart:
    """A village or district named after its kind ('Gampong Garot', 'Kecamatan Darul Imarah')."""
    kinds = lexicon.alternation(lexicon.load("people")["roles"]["place_words"])
    return lexicon.WordStart(rf"(?:{kinds})\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})")


@cache
def _place_kinds() -> frozenset[str]:
    """Squashed words before a village's or district's name ('Desa', 'Kalurahan', 'Kecamatan')."""
    return frozenset(lexicon.squash(k) for k in lexicon.load("people")["roles"]["place_words"])


@cache
def _place_stops() -> frozenset[str]:
    """Squashed words that end a village's name: kinds of places ('Kabupaten', 'Kecamatan'), honorifics, ranks."""
    regions = frozenset(lexicon.squash(k) for k in ("Kabupaten", "Kota", "Provinsi", "Kab."))
    return _place_kinds() | regions | lexicon.honorifics()


def local_places(text: str) -> frozenset[str]:
    """The villages and districts an article names ('Gampong Garot', 'Kecamatan Darul Imarah').

    A name of several words counts only where it clearly ends (before a comma, a lower-case word, another
    place or a rank): 'Desa Nyitdah I Made Wirawan' gives 'Nyitdah' alone.
    """
    found: set[str] = set()
    for m in _local_place_re().finditer(text):
        parts = m.group(1).split()
        cut = next((k for k, p in enumerate(parts) if k and lexicon.squash(p) in _place_stops()), None)
        if cut is not None:
            parts = parts[:cut]
        elif re.match(r"\s+[A-Z]", text[m.end():m.end() + 3]):
            parts = parts[:1]  # the capture may run into a name that follows
        found.update(" ".join(parts[:k]) for k in range(1, len(parts) + 1))
    return frozenset(found)


def _place_after_role(ws: list[Word], start: int, end: int, local: frozenset[str]) -> int:
    """Where a name begins once a place of the article that opens the run is given back to the role.

    The place may keep its kind: 'Bhabinkamtibmas Kalurahan Baleharjo Aipda Wahyu Nugroho'.
    """
    first = start + 1 if start < end and lexicon.squash(ws[start].text) in _place_kinds() else start
    for size in (3, 2, 1):
        if end - first > size and " ".join(w.text for w in ws[first:first + size]) in local:
            return first + size
    # the place may have begun inside the role: 'Kapolsek Sungai Kunjang AKP Indra Gunawan'
    for back in (1, 2):
        for size in (2, 1):
            if start - back > 0 and end - start > size and \
                    " ".join(w.text for w in ws[start - back:start + size]) in local:
                return start + size
    return start


def _surname_like_place(ws: list[Word], k: int, end: int) -> bool:
    """A run's last word that is role-like only as a region word, after a name word: a surname.

    'Setdako Padang Yosefrizal Tanjung', 'Setda Kota Makassar Muhammad Idris Lawang' ('Tanjung', 'Lawang' are
    also words of region names).
    """
    word = ws[k]
    return (k == end - 1 and word.low in _place_words() and word.low not in lexicon.role_tail()
            and word.low not in _agency_words() and not _is_acronym(word.text) and not _head_at(ws, k)
            and not _is_tail(ws[k - 1], ws[k - 2] if k >= 2 else None) and not _head_at(ws, k - 1))


def find_mentions(text: str, sentence_index: int, local: frozenset[str] = frozenset()) -> list[Mention]:
    """Every person-with-role mention of one sentence (`local`: the article's villages and districts)."""
    if not _may_name_official(text):
        return []
    ws = words(text)
    people = lexicon.load("people")["roles"]
    blockers = set(people["not_person_before"])
    found: list[Mention] = []
    heads = _heads()
    openers = iter([k for k, w in enumerate(ws) if w.low in heads])  # the only places a role can start
    i = 0
    while (i := next((k for k in openers if k >= i), len(ws))) < len(ws):
        if not _head_at(ws, i):
            i += 1
            continue
        if i and ws[i - 1].low in blockers:
            i = _role_run(ws, i)
            continue
        role_start = i
        end = _role_run(ws, i)
        comma_name = _comma_name(ws, end)
        if comma_name:
            # 'ROLE, NAME': everything before the comma is the role ('Kepala Desa Bangunsari, Suyatno')
            role_end, (name_start, name_end) = end, comma_name
        elif not _is_cap(ws[i]):
            i = max(end, i + 1)
            continue
        else:
            # split the run: the role ends at its last role-like word ("Kepala DPMD Siti Aminah")
            last = i + _head_at(ws, i) - 1
            for k in range(last + 1, end):
                if (_is_tail(ws[k], ws[k - 1]) or _head_at(ws, k)) and not _surname_like_place(ws, k, end):
                    last = k
            role_end = last + 1
            name_start, name_end = role_end, _name_run(ws, role_end)
            if name_end == end - 1 > name_start and _surname_like_place(ws, name_end, end):
                name_end = end  # the surname the role-word test left out
            # 'Keuchik Garot Teuku Zulfikar': a village the article names elsewhere ends the role
            role_end = name_start = _place_after_role(ws, name_start, name_end, local)
        # a role chain: 'Penyuluh ..., Sub Koordinator ..., Dinas PMD Provinsi Jateng, NAME'
        while name_end == name_start and role_end < len(ws) and ws[role_end].text == ",":
            nxt = role_end + 1
            if nxt < len(ws) and (_head_at(ws, nxt) or (_is_cap(ws[nxt]) and _is_tail(ws[nxt], None)
                                                         and _name_run(ws, nxt) == nxt)):
                run_end = _role_run(ws, nxt) if _head_at(ws, nxt) else _agency_run(ws, nxt)
                if run_end == nxt:
                    break
                last = run_end - 1
                for k in range(nxt, run_end):
                    if _is_tail(ws[k], ws[k - 1]) or _head_at(ws, k):
                        last = k
                if last + 1 < run_end:  # a name sits at the end of this run
                    role_end, name_start, name_end = last + 1, last + 1, _name_run(ws, last + 1)
                    break
                role_end = run_end
                continue
            name_start = nxt
            name_end = _name_run(ws, nxt)
            break
        name_words = ws[name_start:name_end]
        if name_words and _valid_name(name_words) and not (name_end < len(ws) and ws[name_end].text == "-"):
            degrees, after = _degrees_after(ws, name_end)
            name, titles = _split_titles(name_words)
            role = _short_role(text[ws[role_start].start:ws[role_end - 1].end].strip(" ,"))
            found.append(Mention(name, titles + degrees, role, sentence_index, ws[name_start].start))
            i = after
        else:
            i = max(end, role_end, i + 1)
    found.extend(_selaku(ws, text, sentence_index, found))
    found.extend(_nicknames(ws, text, sentence_index))
    return _without_absent(found, text)


@cache
def _absence_re() -> re.Pattern[str]:
    """Any cue that the person named before it did not come."""
    return re.compile(rf"\b(?:{lexicon.alternation(lexicon.load('people')['roles']['absent'])})\b", re.I)


@cache
def _absence_words() -> frozenset[str]:
    """The last word of every absence cue: a sentence without any has none."""
    return frozenset(cue.split()[-1] for cue in lexicon.load("people")["roles"]["absent"])


def _without_absent(found: list[Mention], text: str) -> list[Mention]:
    """Leave out whoever is named last before 'batal hadir' or 'berhalangan hadir': they took no part.

    'Sekda Y, mewakili Bupati X yang berhalangan hadir': X is left out, Y stays.
    """
    if not found or not lexicon.word_set(text) & _absence_words():
        return found
    absent = set()
    for cue in _absence_re().finditer(text):
        before = [m for m in found if m.start < cue.start()]
        if before:
            absent.add(id(max(before, key=lambda m: m.start)))
    return [m for m in found if id(m) not in absent]


def _short_role(role: str) -> str:
    """'Kepala Dinas Sosial (Dinsos) Kota X' -> 'Kepala Dinsos Kota X': the agency by its short name."""
    m = re.search(r"\b(?:Dinas|Badan|Bagian|Kantor|Sekretariat|Satuan|Lembaga)\b[^()]*\(([^()]{2,20})\)", role)
    if not m:
        return role
    return re.sub(r"\s+", " ", role[:m.start()] + m.group(1) + role[m.end():]).strip()


def _comma_name(ws: list[Word], end: int) -> tuple[int, int] | None:
    """(start, end) of a person's name right after ', ' at `end`, when there is one."""
    if end + 1 >= len(ws) or ws[end].text != ",":
        return None
    start = end + 1
    if _head_at(ws, start):
        return None
    stop = _name_run(ws, start)
    if stop < len(ws) and stop - start < 6 and _is_name_word(ws[stop]):  # cut by a role-like word: maybe a place's
        stop = max(stop, _closed_name_run(ws, start))
    if stop == start or not _valid_name(ws[start:stop]) or (stop < len(ws) and ws[stop].text == "-"):
        return None
    if _listed_place(ws, start, stop, end):
        return None
    return start, stop


def _closed_name_run(ws: list[Word], start: int) -> int:
    """End of a name set off by commas that holds a place-like word ('Ahmad Riza Tanjung', 'Raja Nurhasanah').

    Only where the run is closed by a comma: elsewhere such a word continues a role ('Camat Tanjung').
    """
    j = start
    while (j < len(ws) and j - start < 5 and _is_name_word(ws[j]) and ws[j].low not in lexicon.role_tail()
           and ws[j].low not in _agency_words() and not _is_acronym(ws[j].text)):
        j += 1
    plain = any(w.low not in _place_words() for w in ws[start:j])
    return j if j > start and plain and j < len(ws) and ws[j].text == "," else start


def _listed_place(ws: list[Word], start: int, stop: int, end: int) -> bool:
    """'ketua RT dari Kecamatan Telanaipura, Danau Sipin, dan Alam Barajo': a district in a list of places."""
    after_kind = any(lexicon.squash(w.text) in _place_kinds() for w in ws[max(0, end - 3):end])
    return after_kind and places.key(" ".join(w.text for w in ws[start:stop])) in places.kecamatan()


def _agency_run(ws: list[Word], i: int) -> int:
    """End index of an agency name made of role-like words ('Dinas PMD Provinsi Jateng')."""
    j = i
    joiners = set(lexicon.load("people")["roles"]["joiners"])
    while j < len(ws) and ((_is_cap(ws[j]) and _is_tail(ws[j], ws[j - 1] if j else None))
                           or (ws[j].low in joiners and j + 1 < len(ws) and _is_cap(ws[j + 1])) or _paren_len(ws, j)):
        j += _paren_len(ws, j) or 1
    return j


def _name_before(ws: list[Word], k: int) -> tuple[int, int] | None:
    """(start, end) of the name right before index k, skipping a comma and degrees."""
    j = k
    if j and ws[j - 1].text == ",":
        j -= 1
    while j and lexicon.squash(ws[j - 1].text) in lexicon.degrees():
        j -= 1
        if j and ws[j - 1].text == ",":
            j -= 1
    end = j
    while j and _is_name_word(ws[j - 1]) and not _is_tail(ws[j - 1], None) and end - j < 5:
        j -= 1
    return (j, end) if j < end and _valid_name(ws[j:end]) else None


def _selaku(ws: list[Word], text: str, index: int, known: list[Mention]) -> list[Mention]:
    """'NAME selaku ROLE', 'NAME (ROLE)' and 'NAME, ROLE,' where no role came before the name."""
    out = []
    named = {m.start for m in known}
    cues = _roles("selaku")
    for k in [k for k, w in enumerate(ws) if w.low in cues or w.text in (",", "(")]:
        w = ws[k]
        appositive = w.text == "," and k + 1 < len(ws) and _head_at(ws, k + 1) and _is_cap(ws[k + 1])
        if w.low in cues or appositive or (w.text == "(" and k + 1 < len(ws) and _head_at(ws, k + 1)):
            span = _name_before(ws, k)
            if not span or (appositive and (any(ws[span[0]].start <= at < ws[span[1] - 1].end for at in named)
                                            or (span[0] and ws[span[0] - 1].text == ","))):
                continue  # an appositive to a name already read ('Wali Nagari Koto Baru Syafril Amir, ...')
            if k + 1 >= len(ws) or not _head_at(ws, k + 1) or _head_at(ws, span[0]):
                continue  # 'Penjabat (Pj) Wali Kota': a role and its short form, no name
            end = k + 1 + _head_at(ws, k + 1)
            while end < len(ws) and ws[end].text not in ",.;:()“”\"" and (ws[end].text[:1].isupper()
                                                                          or ws[end].low in _roles("joiners")):
                end += 1
            if end < len(ws) and ws[end].text == "(" and end + 2 < len(ws) and ws[end + 2].text == ")":
                end += 3
                while end < len(ws) and ws[end].text not in ",.;:()“”\"" and ws[end].text[:1].isupper():
                    end += 1
            name, titles = _split_titles(ws[span[0]:span[1]])
            role = _short_role(text[ws[k + 1].start:ws[end - 1].end])
            out.append(Mention(name, titles, role, index, ws[span[0]].start))
    return out


@cache
def _nickname_re() -> lexicon.WordStart:
    """Any nickname cue."""
    return lexicon.WordStart(rf"(?:{lexicon.alternation(lexicon.load('people')['roles']['nickname'])})\b")


def _nicknames(ws: list[Word], text: str, index: int) -> list[Mention]:
    """'Ajo, sapaan akrab Wali Kota Salatiga' -> Ajo with that role."""
    out: list[Mention] = []
    low = text.lower()
    if not _nickname_re().search(low):
        return out
    for cue in lexicon.load("people")["roles"]["nickname"]:
        for m in re.finditer(rf"\b{re.escape(cue)}\b", low):
            k = next((n for n, w in enumerate(ws) if w.start >= m.end()), len(ws))
            before = next((n for n, w in enumerate(ws) if w.start >= m.start()), len(ws))
            span = _name_before(ws, before)
            if span and k < len(ws) and _head_at(ws, k):
                end = _role_run(ws, k)
                last = k + _head_at(ws, k) - 1
                for j in range(last + 1, end):
                    if _is_tail(ws[j], ws[j - 1]):
                        last = j
                name, titles = _split_titles(ws[span[0]:span[1]])
                out.append(Mention(name, titles, text[ws[k].start:ws[last].end], index, ws[span[0]].start))
            elif not span and (role := _role_ending_at(ws, before)) is not None:
                # 'Wali Kota Blitar yang akrab disapa Dewo': the role first, the nickname after the cue
                stop = _name_run(ws, k)
                if stop > k and _valid_name(ws[k:stop]):
                    name, titles = _split_titles(ws[k:stop])
                    out.append(Mention(name, titles, text[ws[role].start:ws[before - 1].end], index, ws[k].start))
        if out:
            break
    return out


def _role_ending_at(ws: list[Word], end: int) -> int | None:
    """Start of a role whose words run right up to index `end` ('Wali Kota Blitar' before 'yang akrab disapa')."""
    for start in range(end - 1, max(-1, end - 8), -1):
        if _head_at(ws, start) and _role_run(ws, start) == end:
            return start
    return None


@lru_cache(maxsize=8192)
def _tokens(name: str) -> frozenset[str]:
    """Name words for comparison."""
    return frozenset(t for t in re.findall(r"[a-z]+", name.lower()) if len(t) > 1)


def _role_key(role: str | None) -> set[str]:
    """Role words for comparison ('Wali Kota' == 'Walikota')."""
    text = (role or "").lower().replace("wali kota", "walikota")
    return set(re.findall(r"[a-z0-9]+", text))


def merge(mentions: list[Mention]) -> list[Official]:
    """One official per person: full names win, nicknames tied by role become aliases."""
    people: list[Mention] = []
    for m in mentions:
        mine = _tokens(m.name)
        same = next((p for p in people if mine and (mine <= _tokens(p.name) or _tokens(p.name) <= mine)), None)
        if same is None:
            people.append(Mention(m.name, list(m.titles), m.role, m.sentence, m.start))
            continue
        if len(_tokens(m.name)) > len(_tokens(same.name)):
            same.aliases.append(same.name)
            same.name = m.name
        same.titles = same.titles + [t for t in m.titles if t not in same.titles]
        if m.role and (not same.role or len(_role_key(m.role)) > len(_role_key(same.role))):
            same.role = m.role
    result: list[Mention] = []
    for p in people:
        # a one-word name written with titles ('Hj. Suhartini, S.Sos') is someone's full name, not a nickname
        if len(_tokens(p.name)) == 1 and not p.titles:
            full = next((q for q in people if q is not p and len(_tokens(q.name)) > 1 and p.role and q.role
                         and _role_key(p.role) <= _role_key(q.role) and _same_head(p.role, q.role)), None)
            if full is not None:
                full.aliases.append(p.name)
                continue
        result.append(p)
    return [Official(name=p.name, titles=tuple(dict.fromkeys(p.titles)), role=p.role,
                     aliases=tuple(dict.fromkeys(a for a in p.aliases if a != p.name))) for p in result]


def _same_head(a: str, b: str) -> bool:
    """Whether two roles open with the same word ('Walikota' / 'Walikota Salatiga')."""
    return sorted(_role_key(a))[:0] == [] and (a or "").lower().replace("wali kota", "walikota").split()[:1] == \
        (b or "").lower().replace("wali kota", "walikota").split()[:1]


@cache
def _community_role_re() -> re.Pattern[str]:
    """A role that heads (or belongs to) a community institution: 'Ketua LPM ...', 'Direktur BUMDes ...'."""
    roles = lexicon.load("people")["roles"]
    heads, insts = lexicon.alternation(roles["community_heads"]), lexicon.alternation(roles["community_institutions"])
    return re.compile(rf"^(?:{heads})\s+(?:\S+\s+){{0,3}}?(?P<inst>{insts})\b")


@cache
def _level_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(village level, village-only institution, higher level) word patterns of roles."""
    roles = lexicon.load("people")["roles"]
    return tuple(re.compile(rf"(?<!\w)(?:{lexicon.alternation(roles[key])})(?!\w)")  # type: ignore[return-value]
                 for key in ("village_levels", "village_only", "higher_levels"))


@cache
def _opening_re() -> re.Pattern[str]:
    """An opening verb, then only roles, names and list words up to the end of the text searched."""
    roles = lexicon.load("people")["roles"]
    verbs, gap = lexicon.alternation(roles["opening"]), lexicon.alternation(roles["opening_gap"])
    return re.compile(rf"\b(?:{verbs})(?:\s+(?:{gap})\b|\s+[A-Z][\w.'’-]*|\s*,)*\s*$")


def opened_event(text: str, mention: Mention) -> bool:
    """Whether the sentence says this person opened the event: 'dibuka Ketua TP PKK Kelurahan X, NAME'."""
    role_at = text.rfind(mention.role.split()[0], 0, mention.start) if mention.role else -1
    return role_at >= 0 and bool(_opening_re().search(text, 0, role_at))


def village_community_role(role: str | None) -> bool:
    """Whether a role heads a community institution at village level or below (a participant, not an official).

    'Ketua LPM Kelurahan X', 'Ketua RW 04', 'Direktur BUMDes X': yes. 'Ketua TP PKK Kabupaten X',
    'Ketua Karang Taruna Kukar', 'Sekretaris TP PKK' (no level given): no.
    """
    if not role:
        return False
    m = _community_role_re().match(role)
    if not m:
        return False
    village, village_only, higher = _level_res()
    rest = role[m.end():]
    if village_only.search(role):
        return True
    if higher.search(rest):
        return False
    return m.group("inst") in ("RT", "RW") or bool(village.search(rest))
