"""Helpers shared by the renderers: escaping, Indonesian dates, sitemaps and feeds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from samples.content import Post, vocab


@dataclass
class Response:
    """What the server sends for one request."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False  # announce the full length but send only half the body

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        """An HTML page in UTF-8."""
        return cls(status, text.encode("utf-8"), {"Content-Type": "text/html; charset=UTF-8"})

    @classmethod
    def xml(cls, text: str, content_type: str = "application/xml") -> Response:
        """An XML document in UTF-8."""
        return cls(200, text.encode("utf-8"), {"Content-Type": f"{content_type}; charset=UTF-8"})

    @classmethod
    def text(cls, text: str, status: int = 200) -> Response:
        """A plain-text document."""
        return cls(status, text.encode("utf-8"), {"Content-Type": "text/plain; charset=UTF-8"})


def esc(text: str) -> str:
    """HTML-escape text, quotes included."""
    return escape(text, quote=True)


def indo_date(dt: datetime, weekday: bool = True) -> str:
    """'Rabu, 22 Januari 2020' (or without the weekday)."""
    words = vocab()
    day = f"{dt.day} {words['months'][dt.month - 1]} {dt.year}"
    return f"{words['weekdays'][dt.weekday()]}, {day}" if weekday else day


def clock(dt: datetime) -> str:
    """'17:25 WIB' (WITA, WIT by the offset)."""
    offset = dt.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 7
    return f"{dt:%H:%M} {vocab()['zones'].get(str(hours), 'WIB')}"


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    """Paragraphs as <p> elements."""
    return "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)


def rfc822(dt: datetime) -> str:
    """An RSS pubDate."""
    return format_datetime(dt)


def utc_iso(dt: datetime) -> str:
    """ISO time in UTC without offset, the WordPress `date_gmt` form."""
    return dt.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def _loc_list(root: str, item: str, entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap-protocol document: <root> of <item> elements with loc and optional lastmod."""
    rows = "".join(
        f"<{item}><loc>{esc(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + f"</{item}>\n"
        for loc, lastmod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</{root}>\n'
    )


def urlset(entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap <urlset> of (loc, lastmod) pairs."""
    return _loc_list("urlset", "url", entries)


def sitemap_index(locs: Iterable[tuple[str, str | None]]) -> str:
    """A <sitemapindex> of (loc, lastmod) pairs."""
    return _loc_list("sitemapindex", "sitemap", locs)


def modified_of(post: Post) -> datetime:
    """Last modification time (publication time when never edited)."""
    return datetime.fromisoformat(post.modified) if post.modified else post.published_at


def page_numbers(current: int, total: int, href: Callable[[int], str]) -> str:
    """Numbered pagination links around the current page."""
    links = []
    for n in range(1, total + 1):
        if n == current:
            links.append(f'<span class="current">{n}</span>')
        elif n <= 2 or n > total - 2 or abs(n - current) <= 2:
            links.append(f'<a class="page-numbers" href="{esc(href(n))}">{n}</a>')
        elif links and links[-1] != "<span>…</span>":
            links.append("<span>…</span>")
    return " ".join(links)
