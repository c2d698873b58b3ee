"""Writing the crawl into the working database: articles (with duplicate links), pages, errors, stats."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from crawler.dedup import DuplicateIndex, article_prints, from_hex, to_hex
from crawler.discovery import as_datetime, is_newer, older_than
from ops.report import mostly_failing
from records import Article, Source
from store import crawlstate
from store.db import now_iso, open_db, record_error, record_page, record_source_stats, save_article

log = logging.getLogger(__name__)
# Articles are committed in groups: a commit per article was a fifth of the crawler process's time. A run
# killed before a commit loses only those articles' rows, and the next run fetches them again.
COMMIT_EVERY = 50
COMMIT_SECONDS = 2.0


@dataclass
class SourceStats:
    """Running counts of one source in one run."""

    pages: int = 0
    new_articles: int = 0
    changed_articles: int = 0
    unchanged_articles: int = 0
    skipped_known: int = 0
    skipped_old: int = 0
    duplicates: int = 0
    errors_by_kind: Counter[str] = field(default_factory=Counter)
    discovery: set[str] = field(default_factory=set)

    @property
    def errors(self) -> int:
        """All failures of the source in this run."""
        return sum(self.errors_by_kind.values())

    @property
    def articles_seen(self) -> int:
        """Article URLs the run found for the source, fetched or known."""
        return self.new_articles + self.changed_articles + self.unchanged_articles + self.skipped_known


def source_flag(stats: SourceStats) -> str | None:
    """'failing' when errors exceed half the pages, 'silent' when no article was found at all, else None."""
    if mostly_failing(stats.errors, stats.pages):
        return "failing"
    return "silent" if stats.articles_seen == 0 else None


def days_between(earlier: str | None, later: datetime) -> int | None:
    """Whole days from an ISO time to `later`, or None."""
    when = as_datetime(earlier)
    return None if when is None else max(0, (later - when).days)


class Ledger:
    """The crawl's only door to the database: articles committed in groups, other writes singly; counts by source."""

    def __init__(self, db_path: Path, run_id: int, sources: list[Source], since: date | None = None) -> None:
        self.db = open_db(db_path)
        crawlstate.ensure_crawlstate_schema(self.db)
        self.run_id = run_id
        self.since = since
        self.sources = {s.name: s for s in sources}
        self.stats = {s.name: SourceStats() for s in sources}
        self.index = DuplicateIndex()
        # (content hash, SimHash) worked out by the parse workers, by article text: off the reactor's thread
        self.prints: dict[str, tuple[str, int | None]] = {}
        self.pending = 0  # articles written since the last commit
        self.last_commit = time.monotonic()
        for url, source, digest, simhash in crawlstate.stored_fingerprints(self.db):
            self.index.add(url, source, digest, from_hex(simhash) if simhash else None)

    def known(self, source: str) -> dict[str, dict[str, Any]]:
        """URLs the source has shown in earlier runs, with their validators."""
        return crawlstate.known_pages(self.db, source)

    def walk_interrupted(self, source: str) -> bool:
        """True when the source's previous listing walk was cut short by a killed run."""
        return crawlstate.walk_interrupted(self.db, source)

    def walk(self, source: str, finished: bool) -> None:
        """Record the start or the end of this run's listing walk of a source."""
        crawlstate.mark_walk(self.db, source, self.run_id, finished)

    def fetched(self, source: str) -> None:
        """Count one page received from a source (and commit articles left waiting by a slow site)."""
        self.stats[source].pages += 1
        if self.pending and time.monotonic() - self.last_commit >= COMMIT_SECONDS:
            self.commit()

    def page(self, source: str, url: str, kind: str, status: int | None = None, etag: str | None = None,
             last_modified: str | None = None, lastmod: str | None = None) -> None:
        """Remember a non-article page (listing, sitemap, feed, other, continuation)."""
        record_page(self.db, url, source, kind, status=status, etag=etag, last_modified=last_modified,
                    lastmod=lastmod, run_id=self.run_id)

    def error(self, source: str, url: str, kind: str, status: int | None = None, message: str = "",
              remember: bool = True) -> None:
        """Count and record one failure; `remember` also marks the URL so 404/410 are not asked again."""
        stats = self.stats[source]
        stats.pages += 1
        stats.errors_by_kind[kind] += 1
        log.warning("%s: %s %s (%s)", source, kind, url, message or status or "")
        record_error(self.db, self.run_id, source, url, kind, status=status, message=message)
        if remember:
            record_page(self.db, url, source, "error", status=status, error=kind, run_id=self.run_id)

    def found(self, source: str, method: str) -> None:
        """Note that a discovery method yielded article URLs for the source."""
        self.stats[source].discovery.add(method)

    def skipped(self, source: str, reason: str) -> None:
        """Count an article URL not fetched: 'known' (unchanged since stored) or 'old' (before --since)."""
        if reason == "old":
            self.stats[source].skipped_old += 1
        else:
            self.stats[source].skipped_known += 1

    def unchanged(self, source: str, url: str, etag: str | None, last_modified: str | None) -> None:
        """A conditional GET answered 304: the stored article stands."""
        self.stats[source].unchanged_articles += 1
        with self.db.conn:
            row = {"fetched_at": now_iso(), "run_id": self.run_id, "etag": etag, "last_modified": last_modified}
            self.db["articles"].update(url, {k: v for k, v in row.items() if v})

    def store_article(self, article: Article) -> str:
        """Save an article, linked to an earlier copy when it duplicates one; returns new/changed/unchanged/old."""
        source = article.source or ""
        if self.since and older_than(article.published, self.since):
            self.skipped(source, "old")
            return "old"
        digest, fingerprint = self.prints.pop(article.text, None) or article_prints(article)
        duplicate = self.index.find(article.url, digest, fingerprint, article.text, self.stored_text)
        try:
            result = save_article(self.db, article, self.run_id, simhash=to_hex(fingerprint) if fingerprint else None,
                                  duplicate_of=duplicate.url if duplicate else None, digest=digest, commit=False)
            if duplicate:
                crawlstate.record_duplicate(self.db, article.url, source, duplicate.url, duplicate.source,
                                            duplicate.reason, duplicate.distance, self.run_id, commit=False)
        except sqlite3.Error as exc:
            self.error(source, article.url, "store", message=str(exc), remember=False)
            return "error"
        self.pending += 1
        if self.pending >= COMMIT_EVERY or time.monotonic() - self.last_commit >= COMMIT_SECONDS:
            self.commit()
        stats = self.stats[source]
        if duplicate:
            stats.duplicates += 1
        else:
            self.index.add(article.url, source, digest, fingerprint)
        setattr(stats, f"{result}_articles", getattr(stats, f"{result}_articles") + 1)
        return result

    def remember_prints(self, article: Article, prints: tuple[str, int | None]) -> None:
        """Keep an article's hashes, worked out elsewhere, for when it is stored."""
        if len(self.prints) >= 10_000:
            self.prints.clear()  # articles that were never stored (split pages, --since) must not pile up
        self.prints[article.text] = prints

    def raise_lastmods(self, source: str, announced: dict[str, str]) -> int:
        """Store the newest announced date of this run's articles where it is newer than the stored one."""
        rows = self.db.execute("select url, lastmod from articles where source = ? and run_id = ?",
                               [source, self.run_id]).fetchall()
        newer = [(announced[url], url) for url, stored in rows if url in announced
                 and is_newer(announced[url], stored)]
        if newer:
            with self.db.conn:
                self.db.conn.executemany("update articles set lastmod = ? where url = ?", newer)
        return len(newer)

    def commit(self) -> None:
        """Make the articles written so far durable."""
        self.db.conn.commit()
        self.pending = 0
        self.last_commit = time.monotonic()

    def stored_text(self, url: str) -> str | None:
        """The stored text of an article (to confirm a near-duplicate)."""
        row = next(self.db.query("select text from articles where url = ?", [url]), None)
        return row["text"] if row else None

    def write_stats(self) -> dict[str, dict[str, Any]]:
        """Write every source's stats for the run and the run's counts; returns the rows."""
        self.commit()
        now = datetime.now(UTC)
        rows = {}
        for name, stats in self.stats.items():
            last_new = now.replace(microsecond=0).isoformat() if stats.new_articles else \
                crawlstate.last_new_article_at(self.db, name)
            row = {
                "pages": stats.pages, "new_articles": stats.new_articles, "changed_articles": stats.changed_articles,
                "unchanged_articles": stats.unchanged_articles, "skipped_known": stats.skipped_known,
                "errors": stats.errors, "errors_by_kind": dict(stats.errors_by_kind),
                "discovery": ",".join(sorted(stats.discovery)), "last_new_article_at": last_new,
                "days_since_new": days_between(last_new, now), "flag": source_flag(stats),
            }
            record_source_stats(self.db, self.run_id, name, row)
            rows[name] = row
        return rows


class StorePipeline:
    """Item pipeline: every Article item goes into the database through the spider's ledger."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        """Scrapy's constructor hook."""
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        """Store an Article; other items pass through."""
        if isinstance(item, Article):
            self.crawler.spider.ledger.store_article(item)
        return item
