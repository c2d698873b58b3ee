"""Page analysis off the reactor: crawler.article's parsers run in a small process pool.

Parsing an article (trafilatura and clean-up) costs tens of milliseconds of CPU, more than fetching
it from a nearby server; in the reactor's thread it would cap the crawl at one core.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
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


_RELATIVE_PAGE = re.compile(rf"""href=["']\?{_PAGE_KEYS}=\d""", re.IGNORECASE)
# what follows the page's own slug in a link to its page 2..: "?page=2", "?utm=x&page=2", "/2/"
_OWN_PAGE_TAIL = re.compile(rf"""/?(?:\?(?:[^"'<>]*[&;])?{_PAGE_KEYS}=\d|/\d{{1,3}}/?["'])""", re.IGNORECASE)


def may_continue(html: str, url: str) -> bool:
    """Cheap test: does the page link to a page 2.. of itself ("slug?page=2", "slug/2", href="?page=2")?

    Reading continuation links walks every anchor of the page; most articles have none, so this
    skips that walk unless the page links its own address with a page number. Fixed patterns and
    a plain search for the slug: a pattern built per URL would be compiled anew for every page.
    """
    if _RELATIVE_PAGE.search(html):
        return True
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return False
    own, low = segments[-1].lower(), html.lower()
    at = low.find(own)
    while at >= 0:
        if _OWN_PAGE_TAIL.match(low, at + len(own)):
            return True
        at = low.find(own, at + 1)
    return False


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


def _serve(conn: Connection) -> None:
    """A worker process: run each (fn, args) received and send back (True, result) or (False, error).

    It leaves when the crawler's end of the pipe closes, which also happens when the crawler is SIGKILLed.
    """
    # The reactor is the one single-threaded stage: when it waits for a core, every download and every
    # parse behind it waits too. Parsing at a lower priority fills the cores the reactor leaves idle.
    os.nice(WORKER_NICENESS)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:  # the caller gets the error, as from a local call
            reply = (False, exc)
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError):
            conn.send((False, RuntimeError(repr(reply[1]))))
        except OSError:
            return


def default_workers() -> int:
    """Worker processes: one per core, at most two (the reactor and the sites' servers need CPU too)."""
    return max(0, min(2, (os.cpu_count() or 1)))


class WorkerDied(Exception):
    """A parse worker process went away in the middle of a task."""


class Unsendable(Exception):
    """A task whose function or arguments cannot be pickled for a worker."""


@dataclass
class _Worker:
    """One worker process, the crawler's end of its pipe, and the task it is running."""

    process: BaseProcess
    conn: Connection
    task: asyncio.Future[Any] | None = None


class ParsePool:
    """Worker processes for page analysis, one task at a time each, fed from the event loop.

    Each worker has its own pipe, read by the event loop itself (add_reader): no helper threads, no
    shared queues. Next to a ProcessPoolExecutor, whose feeder and manager threads contend with the
    reactor for the GIL on every task, this cut the CPU of the 2,026-page benchmark crawl from 16.2 to 14.2 s.
    Falls back to in-process calls when it is off or every worker has died.
    """

    def __init__(self, workers: int) -> None:
        self.size = max(0, workers)
        self.workers: list[_Worker] = []
        self.waiting: deque[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker process (or here, when there is no pool)."""
        if self.size and not self.closed:
            loop = asyncio.get_running_loop()
            self._attach(loop)
            if self.workers:
                future: asyncio.Future[T] = loop.create_future()
                self.waiting.append((fn, args, future))
                self._dispatch()
                try:
                    return await future
                except (WorkerDied, Unsendable):
                    pass  # parsed here instead
        return fn(*args)

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the workers on first use, and read their pipes from the running loop."""
        if self.loop is loop:
            return
        if self.loop is None:
            self.workers = [self._start() for _ in range(self.size)]
        else:
            self._detach()
        self.loop = loop
        for worker in self.workers:
            loop.add_reader(worker.conn.fileno(), self._on_reply, worker)

    def _start(self) -> _Worker:
        """One worker process and its pipe."""
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,), name="pantau-parse", daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _dispatch(self) -> None:
        """Hand waiting tasks to idle workers."""
        for worker in self.workers:
            while worker.task is None and self.waiting:
                fn, args, future = self.waiting.popleft()
                if future.done():
                    continue  # its caller was cancelled
                try:
                    worker.conn.send((fn, args))
                except (pickle.PicklingError, TypeError, AttributeError) as exc:
                    future.set_exception(Unsendable(repr(exc)))  # its caller runs it in this process
                    continue
                except OSError:
                    self.waiting.appendleft((fn, args, future))
                    self._lost(worker)
                    return self._dispatch()
                worker.task = future

    def _on_reply(self, worker: _Worker) -> None:
        """A worker's pipe is readable: its result, or the end of the worker."""
        try:
            ok, value = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker)
            self._dispatch()
            return
        future, worker.task = worker.task, None
        if future is not None and not future.done():
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """Forget a dead worker; its task and, when none is left, every waiting task are parsed here."""
        log.warning("a parse worker died (exit code %s); %d left", worker.process.exitcode, len(self.workers) - 1)
        if self.loop is not None:
            self.loop.remove_reader(worker.conn.fileno())
        worker.conn.close()
        self.workers.remove(worker)
        if worker.task is not None and not worker.task.done():
            worker.task.set_exception(WorkerDied())
        if not self.workers:
            log.warning("no parse workers left; parsing in the crawler process from now on")
            self.size = 0
            while self.waiting:
                _, _, future = self.waiting.popleft()
                if not future.done():
                    future.set_exception(WorkerDied())

    def _detach(self) -> None:
        """Stop reading the workers' pipes from the loop they were attached to."""
        if self.loop is None or self.loop.is_closed():
            return
        for worker in self.workers:
            self.loop.remove_reader(worker.conn.fileno())

    def close(self) -> None:
        """Stop the workers: closing a pipe ends its worker's loop."""
        self.closed = True
        self._detach()
        for worker in self.workers:
            worker.conn.close()
            if worker.task is not None and not worker.task.done():
                worker.task.cancel()
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
        self.workers = []
        for _, _, future in self.waiting:
            future.cancel()
        self.waiting.clear()
