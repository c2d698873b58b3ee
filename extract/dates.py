"""Dates written in Indonesian news: '(15/2/2022)', 'Rabu (22/1)', '2 Mei 2024', '5 – 9 April 2021', 'kemarin'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from . import lexicon


def _range() -> str:
    """Words between the first and last day of a range ('5 – 9 April', '14/9 s/d 18/9')."""
    return rf"(?:{lexicon.alternation(lexicon.load('calendar')['cues']['range'])})"


@dataclass(frozen=True)
class DateMention:
    """A date span found in a text, still without a resolved year when the text gives none."""

    start: int
    end: int
    text: str
    day: int | None
    month: int | None
    year: int | None
    weekday: int | None
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    days_before: int | None = None  # relative forms: days before publication
    relative_weekday: bool = False  # "Senin lalu": the latest such weekday before publication


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled date shapes, most specific first."""
    wd = lexicon.alternation(lexicon.weekdays())
    mon = lexicon.alternation(lexicon.months())
    lead = rf"(?:(?P<wd>{wd})\b\s*,?\s*(?:\(\s*)?(?:tanggal\s+|tgl\.?\s+)?|\b(?:tanggal|tgl\.?)\s+)?"
    numeric_range = (
        r"(?P<open>\()?\s*(?P<d>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
        r"(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\b\s*\)?"
    )
    numeric = (
        rf"(?P<open>\()?\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?\b"
        rf"(?:\s*\)?\s*{_range()}\s*\(?\s*(?P<d2>\d{{1,2}})\s*/\s*(?P<m2>\d{{1,2}})(?:\s*/\s*(?P<y2>\d{{4}}|\d{{2}}))?\b)?"
        rf"\s*\)?"
    )
    text = (
        rf"\b(?P<d>\d{{1,2}})(?:\s*(?:{_range()}|dan)\s*(?P<d2>\d{{1,2}}))?\s+(?P<mon>{mon})\b\.?"
        rf"(?:\s+(?P<y>\d{{4}})\b)?"
        rf"(?:\s*{_range()}\s*(?P<d3>\d{{1,2}})\s+(?P<mon2>{mon})\b\.?(?:\s+(?P<y2>\d{{4}})\b)?)?"
    )
    # '06-03-2024', '6.3.2024': dashes or dots only with a four-digit year (never an RT/RW number)
    numeric_dashed = r"(?P<open>\()?\s*(?P<d>\d{1,2})(?P<sep>[-.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\b\s*\)?"
    return (
        re.compile(lead + numeric_range, re.I),
        re.compile(lead + text, re.I),
        re.compile(lead + numeric, re.I),
        re.compile(lead + numeric_dashed, re.I),
    )


@cache
def _relative_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'Senin lalu', 'Rabu (22/1)' aside: weekday-only and day-word forms."""
    wd = lexicon.alternation(lexicon.weekdays())
    rel = lexicon.alternation(lexicon.load("calendar")["relative"])
    weekday_only = re.compile(
        rf"\b(?:pada\s+(?:hari\s+)?|hari\s+)?(?P<wd>{wd})\b(?:\s*\(\s*(?P<paren>[a-z ]+)\))?"
        rf"(?P<tail>\s+(?:{lexicon.alternation(lexicon.load('calendar')['cues']['weekday_after'])}))?",
        re.I,
    )
    relative = re.compile(rf"\b(?P<rel>{rel})\b", re.I)
    return weekday_only, relative


@cache
def _not_before() -> re.Pattern[str]:
    """Words right before a date that make it a regulation's, a birth's or a page's date."""
    words = lexicon.load("calendar")["cues"]["not_event_before"]
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(words)})\s*[:.]?\s*$", re.I)


def _num_year(text: str | None) -> int | None:
    """'22' -> 2022, '2022' -> 2022."""
    if not text:
        return None
    value = int(text)
    return 2000 + value if value < 100 else value


_DIGIT = re.compile(r"\d")
_DASHED = re.compile(r"\d[-.]\d{1,2}[-.]\d{4}\b")


@cache
def _date_anchor() -> lexicon.WordStart:
    """Where a date can be: a day number followed by a slash, a dash or a month word (not '20 orang')."""
    months = lexicon.alternation(lexicon.months())
    return lexicon.WordStart(rf"\d{{1,2}}(?:\s*[/–-]|\.\d{{1,2}}\.\d{{4}}\b|\s+(?:{months})\b)", re.I)


@cache
def _month_words() -> frozenset[str]:
    """Month words, for the cheap first test."""
    return frozenset(lexicon.months())


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every absolute date shape in a text, leftmost first, overlapping shapes dropped."""
    if not _DIGIT.search(text) or ("/" not in text and not lexicon.word_set(text) & _month_words()
                                   and not _DASHED.search(text)):
        return ()
    months = lexicon.months()
    weekdays = lexicon.weekdays()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    spans = lexicon.windows(text, _date_anchor(), 40, 60)
    matches = [(index, m) for index, pattern in enumerate(_patterns()) for lo, hi in spans
               for m in pattern.finditer(text, lo, hi)]
    for index, m in matches:
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        groups = m.groupdict()
        if index != 1 and not (groups.get("wd") or groups.get("open") or groups.get("d2") or groups.get("y")
                               or re.search(r"(tanggal|tgl)", m.group(0), re.I)):
            continue  # a bare 'd/m' is too often a number, an RT/RW or a ratio
        if _not_before().search(text[max(0, start - 25):start]):
            continue
        day = int(groups["d"])
        month = months[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        year = _num_year(groups.get("y"))
        last = groups.get("d3") or groups.get("d2")
        end_day: int | None = int(last) if last else None
        end_month: int | None
        if groups.get("mon2"):
            end_month = months[groups["mon2"].lower()]
        elif groups.get("m2"):
            end_month = int(groups["m2"])
        else:
            end_month = month if end_day else None
        end_year = _num_year(groups.get("y2")) or (year if end_day else None)
        if groups.get("y2") and not year:
            year = end_year
        if end_day and not (1 <= end_day <= 31 and end_month and 1 <= end_month <= 12):
            end_day = end_month = end_year = None
        wd = weekdays.get(groups["wd"].lower()) if groups.get("wd") else None
        taken.append((start, end))
        found.append(DateMention(start, end, m.group(0).strip(), day, month, year, wd, end_day, end_month, end_year))
    return tuple(sorted(found, key=lambda d: d.start))


def find_relative(text: str) -> tuple[DateMention, ...]:
    """Relative forms: 'kemarin', 'hari ini', 'Senin lalu', 'pada Senin'."""
    weekday_only, relative = _relative_patterns()
    days = lexicon.load("calendar")["relative"]
    found = []
    for m in relative.finditer(text):
        found.append(DateMention(m.start(), m.end(), m.group(0), None, None, None, None,
                                 days_before=days[re.sub(r"\s+", " ", m.group("rel").lower())]))
    for m in weekday_only.finditer(text):
        after = text[m.end():m.end() + 4]
        if re.match(r"\s*\(?\s*\d", after) or re.match(r"\s*,\s*\d", after):
            continue  # the weekday of an absolute date, handled by find_dates
        wd = lexicon.weekdays()[m.group("wd").lower()]
        found.append(DateMention(m.start(), m.end(), m.group(0).strip(), None, None, None, wd, relative_weekday=True))
    return tuple(sorted(found, key=lambda d: d.start))


def parse_published(published: object) -> date | None:
    """An ISO date or datetime string (or date) -> date; anything else -> None."""
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if not isinstance(published, str) or not published.strip():
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


def _safe(year: int, month: int, day: int) -> date | None:
    """A date, or None when it does not exist (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(day: int, month: int, weekday: int | None, published: date | None,
               reference_year: int | None) -> int | None:
    """The year of a day/month written without one.

    The nearest such date not after publication; else the latest year (up to the reference) whose calendar
    puts that day on the weekday named; else unknown.
    """
    if published:
        for year in (published.year, published.year - 1):
            candidate = _safe(year, month, day)
            if candidate and candidate <= published + timedelta(days=1):
                return year
        return None
    if weekday is not None and reference_year:
        for year in range(reference_year, reference_year - 15, -1):
            candidate = _safe(year, month, day)
            if candidate and candidate.weekday() == weekday:
                return year
    return None


def resolve(mention: DateMention, published: date | None, reference_year: int | None
            ) -> tuple[str | None, str | None]:
    """ISO (start, end) of a mention, given the publication date; None where not recoverable."""
    if mention.days_before is not None:
        return ((published - timedelta(days=mention.days_before)).isoformat() if published else None), None
    if mention.relative_weekday:
        if not published or mention.weekday is None:
            return None, None
        back = (published.weekday() - mention.weekday) % 7
        if back == 0 and lexicon.word_set(mention.text) & set(lexicon.load("calendar")["cues"]["weekday_past"]):
            back = 7
        return (published - timedelta(days=back)).isoformat(), None
    if mention.day is None or mention.month is None:
        return None, None
    year = mention.year or infer_year(mention.day, mention.month, mention.weekday, published, reference_year)
    if not year:
        return None, None
    start = _safe(year, mention.month, mention.day)
    end = None
    if start and mention.end_day and mention.end_month:
        end_year = mention.end_year or (year + 1 if mention.end_month < mention.month else year)
        end = _safe(end_year, mention.end_month, mention.end_day)
        if end and end <= start:
            end = None
    return (start.isoformat() if start else None), (end.isoformat() if end else None)


def next_occurrence(day: int | None, month: int | None, published: date) -> str | None:
    """The first such day and month after publication (an announced event)."""
    if day is None or month is None:
        return None
    for year in (published.year, published.year + 1):
        candidate = _safe(year, month, day)
        if candidate and candidate > published:
            return candidate.isoformat()
    return None
