"""Page analysis off the reactor: crawler.article's parsers run in a small process pool.

Parsing an article (trafilatura and clean-up) costs tens of milliseconds of CPU, more than fetching
it from a nearby server; in the reactor's thread it would cap the crawl at one core.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from html import unescape
from typing import Any, TypeVar
from urllib.parse import urlsplit

from crawler import article as pages
from crawler.dedup import article_prints
from crawler.urls import absolute_url, crawl_vocab
from records import Article, Source

T = TypeVar("T")
WORKER_NICENESS = 5
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageAnalysis:
    """What a fetched page is: its article (or None), its kind, and the URLs of its further pages."""

    article: Article | None
    kind: str
    continuations: tuple[str, ...] = ()
    prints: tuple[str, int | None] | None = None  # the article's content hash and SimHash (crawler.dedup)


_PAGE_KEYS = r"(?:page|halaman|hal|p|pg|paged)"


def may_continue(html: str, url: str) -> bool:
    """Cheap test: does the page link to a page 2.. of itself ("slug?page=2", "slug/2", href="?page=2")?

    Reading continuation links walks every anchor of the page; most articles have none, so this
    skips that walk unless the page links its own address with a page number.
    """
    segments = [s for s in urlsplit(url).path.split("/") if s]
    own = re.escape(segments[-1]) if segments else ""
    relative = rf"""href=["']\?{_PAGE_KEYS}=\d"""
    own_page = rf"""{own}/?(?:\?(?:[^"'<>]*[&;])?{_PAGE_KEYS}=\d|/\d{{1,3}}/?["'])"""
    pattern = relative + (f"|{own_page}" if own else "")
    return re.search(pattern, html, re.IGNORECASE) is not None


def single_page_url(html: str, url: str) -> str | None:
    """The one-page view of a split article ("slug?page=all", "Tampilkan semua"), when the page links it."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return None
    values = "|".join(re.escape(v) for v in crawl_vocab()["single_page_values"])
    target = rf"""[^"'<>]*{re.escape(segments[-1])}/?\?(?:[^"'<>]*[&;])?{_PAGE_KEYS}=(?:{values})"""
    match = re.search(rf"""href=["']({target})["']""", html, re.IGNORECASE)
    return absolute_url(unescape(match.group(1)), url) if match else None


def analyse_page(html: str, url: str, source: Source | None) -> PageAnalysis:
    """Article, kind and continuation pages of one page (the one-page view instead, when it saves requests)."""
    article = pages.parse_article(html, url, source=source)
    if article is None:
        return PageAnalysis(None, pages.page_kind(html, url))
    further = pages.continuation_urls(html, url) if may_continue(html, url) else []
    whole = single_page_url(html, url) if len(further) >= 2 else None
    return PageAnalysis(article, "article", (whole,) if whole else tuple(further), article_prints(article))


def analyse_part(html: str, url: str, source: Source | None) -> Article | None:
    """One continuation page of a split article."""
    return pages.parse_article(html, url, source=source)


def _exit_with_parent(parent: int) -> None:
    """Worker initialiser: yield the CPU to the crawler process, and leave as soon as it is gone (even SIGKILLed)."""
    # The reactor is the one single-threaded stage: when it waits for a core, every download and every
    # parse behind it waits too. Parsing at a lower priority fills the cores the reactor leaves idle.
    os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def default_workers() -> int:
    """Worker processes: one per core, at most two (the reactor and the sites' servers need CPU too)."""
    return max(0, min(2, (os.cpu_count() or 1)))


class ParsePool:
    """A process pool for page analysis, falling back to in-process calls when it is off or broken."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent,
                                            initargs=(os.getpid(),)) if workers > 0 else None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker process (or here, when there is no pool)."""
        if self.executor is not None:
            try:
                return await asyncio.wrap_future(self.executor.submit(fn, *args))
            except BrokenProcessPool:
                log.warning("parse workers died; parsing in the crawler process from now on")
                self.executor = None
        return fn(*args)

    def close(self) -> None:
        """Stop the workers."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
