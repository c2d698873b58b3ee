"""People counts: '41 orang peserta', 'empat puluh kader', '75 dari 90 peserta', '20 orang per desa dari 4 desa'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import lexicon


@dataclass(frozen=True)
class Count:
    """A people count found in a sentence."""

    value: int
    start: int
    end: int
    score: float


def words_to_int(text: str) -> int | None:
    """'dua ratus lima puluh' -> 250, 'seratus' -> 100, '1.250' -> 1250; None when not a number."""
    text = re.sub(r"(?<=\d)-?an$", "", text.strip().lower())  # '60an': about sixty
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", text):
        return int(text.replace(".", ""))
    data = lexicon.load("numbers")
    units, mult = data["units"], data["multipliers"]
    total, current, pending, seen = 0, 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in units and word != "se":
            if word in ("seratus", "seribu", "sepuluh", "sebelas"):
                total, current = _apply(word[2:] if word != "sepuluh" else "puluh", 1, total, current)
            else:
                pending += units[word]
        elif word.startswith("se") and word[2:] in mult:
            total, current = _apply(word[2:], 1, total, current)
        elif word in mult:
            total, current = _apply(word, pending or 1, total, current)
            pending = 0
        else:
            return None
        seen = True
    return total + current + pending if seen else None


def _apply(multiplier: str, unit: int, total: int, current: int) -> tuple[int, int]:
    """One 'N puluh/belas/ratus/ribu' step of Indonesian number words."""
    if multiplier == "belas":
        return total, current + unit + 10
    if multiplier == "puluh":
        return total, current + unit * 10
    if multiplier == "ratus":
        return total, current + unit * 100
    if multiplier == "ribu":
        return total + (current + unit if current else unit) * 1000, 0
    return total, current


@cache
def _number_re() -> str:
    """A digit number or a run of Indonesian number words."""
    data = lexicon.load("numbers")
    words = [w for w in [*data["units"], *data["multipliers"]] if w != "se"] + ["sebelas", "seratus", "seribu",
                                                                                  "sepuluh", "sepuluh"]
    word = lexicon.alternation(words)
    return rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+(?:-?an\b)?|(?:(?:{word})(?:[\s-]+(?:{word}))*))"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled count shapes."""
    data = lexicon.load("numbers")["participants"]
    num = _number_re()
    people = lexicon.alternation(data["people"])
    before = lexicon.alternation(data["before"])
    per = lexicon.alternation(data["per"])
    units = lexicon.alternation(data["units"])
    officers = lexicon.alternation(data["officers"])
    noun = rf"\s+(?:orang\s+)?(?:(?:{people})\b|(?-i:[A-Z][\w/]*))(?:\s+(?-i:[A-Z][\w/]*)){{0,3}}"
    group = rf"{num}{noun}"
    return {
        "number": re.compile(rf"(?<![\w/.,-])(?:{num})(?![\w/.,]\d)", re.I),
        "per": re.compile(
            rf"(?P<n>{num})\s+(?:orang|peserta)\s+(?:{per})\s+(?P<unit>[a-z]+)\s*,?\s*(?:dari|di|untuk|se)?\s*"
            rf"(?P<k>{num})\s+(?P=unit)\b", re.I),
        # "dari 20 kelurahan, masing-masing 4 orang": units times the people each sends
        "units_each": re.compile(
            rf"(?P<k>{num})\s+(?P<unit>{units})(?:\s+(?-i:[a-z]+)){{0,3}}?"
            rf"(?:\s+(?:di|se|dari)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s*,?\s*"
            rf"(?:{per})\s+(?P<n>{num})\s+(?:orang|peserta|perwakilan)\b",
            re.I),
        # "masing-masing dua orang dari 126 pekon": the people each unit sends, then the units
        "each_from": re.compile(
            rf"(?P<n>{num})\s+(?:orang|peserta|perwakilan)(?:\s+(?-i:[a-z]+|[A-Z]{{2,}})){{0,3}}?\s+(?:dari|di|untuk)\s+"
            rf"(?:(?:tiap|setiap|masing-masing)\s+)?(?P<k>{num})\s+(?:{units})\b", re.I),
        # "ketua, sekretaris dan bendahara dari 12 Pokmas": officers listed one by one, times the bodies they come from
        "officers_from": re.compile(
            rf"(?<!\w)(?P<roles>(?:{officers})(?:\s*,\s*(?:{officers}))*\s*,?\s+(?:dan|serta)\s+(?:{officers}))"
            rf"(?:\s+(?-i:[A-Z][\w-]*)){{0,2}}\s+(?:dari|di)\s+(?:(?:tiap|setiap|masing-masing)\s+)?"
            rf"(?P<k>{num})\s+(?:(?:{units})\b|(?-i:[A-Z][A-Za-z]+\b))", re.I),
        # "Dari 17 RW dan 148 RT yang ada ..., hadir 131 orang": the pool the attendance is drawn from
        "pool": re.compile(r"(?:^|[,;:]\s*)dari\s+(?:total\s+|sebanyak\s+|jumlah\s+)?$", re.I),
        # "138 peserta dari 46 kelurahan, masing-masing ...": a total already given before the units
        "total_before": re.compile(rf"(?P<n>{num})\s+(?:orang\s+)?(?:{people})\s+(?:dari|dr)\s+$", re.I),
        # "7 Ketua LPM, 14 bendahara LPM, dan 7 Kepala Seksi": a list of groups added up
        "list_sum": re.compile(rf"{group}(?:\s*,\s*{group}){{1,5}}\s*,?\s*(?:dan|serta)\s+{group}", re.I),
        "group": re.compile(rf"(?P<g>{num}){noun}", re.I),
        "of": re.compile(rf"(?P<n>{num})\s+(?:orang\s+)?(?:dari|dr)\s+(?:total\s+|jumlah\s+)?(?P<k>{num})\s+"
                         rf"(?:orang\s+)?(?:{people})\b", re.I),
        # two groups added up: "51 lurah dan 51 ketua LPM"
        "sum": re.compile(rf"(?P<n>{num})\s+(?:orang\s+)?(?:{people})(?:\s+[A-Z]\w*)?\s+(?:dan|serta)\s+"
                          rf"(?P<k>{num})\s+(?:orang\s+)?(?:{people})\b", re.I),
        "count": re.compile(rf"(?P<n>{num})(?![\w/.,]\d)\s+(?P<noun>(?:orang\s+)?(?:{people}))\b", re.I),
        # "Dari 90 undangan yang disebar ..., 75 orang hadir": those who came out of those invited
        "turnout": re.compile(rf"(?P<n>{num})(?:\s+(?:orang|peserta|di antaranya|{people}|dan|serta|[A-Z]+))*?\s+"
                              rf"(?:{lexicon.alternation(data['turnout'])})\b", re.I),
        "invited_before": re.compile(rf"\bdari\s+(?:total\s+|sebanyak\s+)?(?P<k>{num})\s+(?:orang\s+)?"
                                     rf"(?:{people})\b[^.;]*,\s*(?:(?:sebanyak|hanya|baru)\s+)?$", re.I),
        # the words before a count that make it an attendance figure; searched backwards from the number
        "pre": re.compile(
            rf"(?:\b(?:{before})|[±~]|\+/-)\s*(?:oleh\s+)?(?:(?:{lexicon.alternation(data['between'])})\s+)*"
            rf"(?:(?:{lexicon.alternation(data['approx'])})\s*)?$", re.I),
        "per_unit": re.compile(rf"(?<!\w)(?:{per})\s*$", re.I),
        # "masing-masing desa mengirimkan 2 orang", "setiap kelurahan diwakili 3 orang"
        "per_unit_sends": re.compile(
            rf"(?<!\w)(?:{per})\s+(?:(?:{units})\s+)?(?:{lexicon.alternation(data['send'])})\s*$", re.I),
        "units": re.compile(rf"(?<![\w/.,-])(?P<m>{num})\s+(?P<unit>{units})\b", re.I),
        "not_before": re.compile(rf"(?<!\w)(?:{lexicon.alternation(data['not_before'])})\s*-?\s*$", re.I),
    }


@cache
def _people_words() -> frozenset[str]:
    """Words of the nouns that count people: a sentence without any has no count."""
    return frozenset(w.lower() for p in lexicon.load("numbers")["participants"]["people"] for w in p.split()[:1])


@cache
def _last_words(key: str) -> frozenset[str]:
    """The last word of every phrase of a [participants] list: 'hadir' of the turnout verbs, 'ketua' of officers."""
    return frozenset(v.split()[-1] for v in lexicon.load("numbers")["participants"][key])


@cache
def _attendance_words() -> frozenset[str]:
    """Words that say people attended ('hadir', 'diikuti')."""
    return frozenset(lexicon.load("numbers")["participants"]["attendance"])


@cache
def _planned_re() -> re.Pattern[str]:
    """Cues of a planned rather than attended number."""
    return re.compile(lexicon.alternation(lexicon.load("numbers")["participants"]["planned"]))




def _clause(text: str, start: int, end: int) -> str:
    """The comma-delimited clause around a match ('Dari 150 kader yang diundang, sebanyak 132 orang hadir')."""
    left = max(text.rfind(",", 0, start), text.rfind(";", 0, start)) + 1
    right = min([i for i in (text.find(",", end), text.find(";", end)) if i >= 0] or [len(text)])
    return text[left:right]


@cache
def _any_number() -> re.Pattern[str]:
    """A cheap first test: a digit or a number word."""
    units = [w for w in lexicon.load("numbers")["units"] if w != "se"]
    return re.compile(rf"\d|\b(?:{lexicon.alternation(units)})", re.I)


def _times_units(m: re.Match[str], low: str) -> Count | None:
    """'dari 15 desa ... masing-masing desa mengirim 3 orang' -> 45: the per-unit figure times the units."""
    n = words_to_int(m.group("n"))
    units = [u for u in _patterns()["units"].finditer(low) if not u.start() <= m.start("n") < u.end()]
    if not n or len(units) != 1:
        return None
    k = words_to_int(units[0].group("m"))
    return Count(n * k, m.start("n"), m.end(), 4.5) if k else None


def _officers_from(sentence: str, low: str) -> list[Count]:
    """'ketua dan sekretaris BPD dari 14 desa' -> 28: the officers named one by one, times their bodies."""
    if not lexicon.word_set(sentence) & _last_words("officers"):
        return []
    found = []
    for m in _patterns()["officers_from"].finditer(sentence):
        k = words_to_int(m.group("k"))
        if k and not _planned_re().search(_clause(low, m.start(), m.end())):
            roles = len(re.findall(_officer_re(), m.group("roles"), re.I))
            found.append(Count(roles * k, m.start(), m.end(), 5.0))
    return found


@cache
def _officer_re() -> str:
    """One officer title, longest first ('wakil ketua' before 'ketua')."""
    return rf"\b(?:{lexicon.alternation(lexicon.load('numbers')['participants']['officers'])})\b"


def _attendance(m: re.Match[str], low: str, attendance: bool) -> Count | None:
    """A 'N orang/peserta/kader' match as an attendance figure, or None when it is something else."""
    start = m.start("n")
    pre = _patterns()["pre"].search(low, max(0, start - 50), start)
    if _planned_re().search(_clause(low, start, m.end())):
        return None
    pats = _patterns()
    if pats["per_unit_sends"].search(low, max(0, start - 45), start):
        return _times_units(m, low)
    if pats["per_unit"].search(low, max(0, start - 20), start):
        return None  # a per-unit figure, not the total
    n = words_to_int(m.group("n"))
    if not n or n < 2 or n > 100000 or (1900 <= n <= 2100 and not pre):
        return None
    if pats["not_before"].search(low, max(0, start - 12), start):
        return None  # Rp 90, RT 05, ke-3, pukul 09
    score = 1.0 + (2.0 if pre else 0.0) + (1.0 if attendance else 0.0)
    noun = m.group("noun").lower()
    if "peserta" in noun or "orang" in noun:
        score += 0.5
    return Count(n, pre.start() if pre else start, m.end(), score)


@lru_cache(maxsize=16384)
def counts(sentence: str) -> tuple[Count, ...]:
    """People counts in one sentence, best first."""
    if not lexicon.word_set(sentence) & _people_words() or not _any_number().search(sentence):
        return ()  # the set test first: it is cached per sentence and rules out most
    low = sentence.lower()
    pats = _patterns()
    found: list[Count] = []
    taken: list[tuple[int, int]] = []
    words = lexicon.word_set(sentence)
    attendance = bool(words & _attendance_words())
    # the costlier shapes are tried only where their words occur
    turnout = bool(words & _last_words("turnout"))
    listing = bool(words & {"dan", "serta"}) and "," in sentence
    # every pattern is anchored at a number: matching there is far cheaper than scanning the sentence
    for number in pats["number"].finditer(sentence):
        i = number.start()
        if any(s <= i < e for s, e in taken):
            continue
        comma = sentence.find(",", i)
        if comma > 0 and pats["pool"].search(low, max(0, i - 30), i) and pats["number"].search(sentence, comma):
            taken.append((i, comma))  # the units or people drawn from; the count after the comma is the attendance
            continue
        # people times units: "20 orang per kelurahan dari 4 kelurahan", "20 kelurahan, masing-masing 4 orang"
        m = pats["per"].match(sentence, i) or pats["units_each"].match(sentence, i)
        if m and m.re is pats["units_each"] and pats["total_before"].search(sentence, max(0, i - 40), i):
            m = None  # '138 peserta dari 46 kelurahan, masing-masing satu perwakilan ...': a breakdown of the total
        if not m and pats["per_unit"].search(low, max(0, i - 20), i):
            m = pats["each_from"].match(sentence, i)
        if m and _planned_re().search(m.group(0).lower()):
            taken.append(m.span())  # '51 kelurahan yang diundang masing-masing dua orang': invited, not attending
            continue
        if m and (n := words_to_int(m.group("n"))) and (k := words_to_int(m.group("k"))):
            found.append(Count(n * k, m.start(), m.end(), 5.0))
            taken.append(m.span())
            continue
        m = pats["of"].match(sentence, i)
        if m and (n := words_to_int(m.group("n"))):
            found.append(Count(n, m.start(), m.end(), 4.0))
            taken.append(m.span())
            continue
        m = pats["list_sum"].match(sentence, i) if listing and "," in sentence[i:i + 80] else None
        if m and pats["per_unit"].search(low, max(0, i - 20), i):
            m = None  # 'masing-masing satu perwakilan LPM, satu ketua RT dan satu ketua RW': what each unit sends
        if m and not _planned_re().search(_clause(low, m.start(), m.end())):
            values = [words_to_int(g.group("g")) for g in pats["group"].finditer(sentence, m.start(), m.end())]
            if all(values):
                pre = pats["pre"].search(low, max(0, i - 50), i)
                total = sum(v for v in values if v)
                found.append(Count(total, pre.start() if pre else i, m.end(), 4.0 + (0.5 if attendance else 0.0)))
                taken.append(m.span())
                continue
        m = pats["sum"].match(sentence, i)
        if m and _planned_re().search(_clause(low, m.start(), m.end())):
            taken.append(m.span())  # '412 ketua RT dan 96 ketua RW yang diundang': invited, not attending
            continue
        if m and (n := words_to_int(m.group("n"))) and (k := words_to_int(m.group("k"))):
            pre = pats["pre"].search(low, max(0, i - 50), i)
            found.append(Count(n + k, pre.start() if pre else i, m.end(), 3.5 + (1.0 if attendance else 0.0)))
            taken.append(m.span())
            continue
        m = pats["turnout"].match(sentence, i) if turnout else None
        invited = pats["invited_before"].search(sentence, max(0, i - 200), i) if m else None
        if m and invited and (n := words_to_int(m.group("n"))):
            found = [c for c in found if not invited.start() <= c.start < i]  # the invited are not the count
            found.append(Count(n, i, m.end(), 4.0))
            taken.append(m.span())
            continue
        m = pats["count"].match(sentence, i)
        if m and (count := _attendance(m, low, attendance)):
            found.append(count)
    if not found and words & {"dan", "serta"}:
        found = _officers_from(sentence, low)  # only when the sentence gives no count of its own: not a breakdown
    return tuple(sorted(found, key=lambda c: (-c.score, c.start)))
