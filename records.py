"""The records that flow through Pantau LKK: Source -> Article -> Event (with Officials)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = ("pelatihan", "bimtek", "rakor", "sosialisasi", "workshop", "pembinaan", "lainnya")


@dataclass(frozen=True)
class Source:
    """One site to crawl, as listed in a sources file (CONTRACT.md §2)."""

    name: str
    url: str
    region: str | None = None
    start_urls: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    article_selector: str | None = None
    title_selector: str | None = None
    date_selector: str | None = None
    max_pages: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Article:
    """A news article as stored: clean title, publication time, clean body text."""

    url: str
    title: str
    text: str
    published: str | None = None  # ISO 8601, with time zone when the page gives a time
    author: str | None = None
    source: str | None = None
    id: str | None = None  # caller's id in `parse` / `extract` JSON Lines
    fetched_at: str | None = None
    canonical_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    lastmod: str | None = None  # sitemap lastmod or API `modified`
    discovered_by: str | None = None  # sitemap, feed, wp-json, listing, start_url


@dataclass(frozen=True)
class Official:
    """A named person with a public role in an event."""

    name: str
    titles: tuple[str, ...] = ()
    role: str | None = None
    agency: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact came from, with character offsets into the article text."""

    field: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """One community-institution event reported by an article (CONTRACT.md §3)."""

    event_type: str
    title: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None
    venue: str | None = None
    city: str | None = None
    province: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    participants: int | None = None
    participants_text: str | None = None
    organizer: str | None = None
    organizer_long: str | None = None
    institutions: tuple[str, ...] = ()
    officials: tuple[Official, ...] = ()
    evidence: tuple[Evidence, ...] = field(default=())
    is_main: bool = True

    def to_record(self) -> dict[str, Any]:
        """The CONTRACT.md §3 JSON form, with evidence spans added under `evidence_spans`."""
        data = asdict(self)
        data["institutions"] = list(self.institutions)
        data["officials"] = [
            {"name": o.name, "titles": list(o.titles), "role": o.role, "agency": o.agency, "aliases": list(o.aliases)}
            for o in self.officials
        ]
        data["evidence"] = {e.field: e.sentence for e in self.evidence}
        data["evidence_spans"] = {
            e.field: {"sentence": e.sentence, "start": e.start, "end": e.end} for e in self.evidence
        }
        return data
