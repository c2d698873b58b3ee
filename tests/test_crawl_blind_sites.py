"""The crawler on three sites written blind by a separate helper (tests/sites/blind), given only a name and a URL.

A regency portal of a home-grown CMS (no sitemap, no feed, paginated index, headline in an h2), a regional
daily (news sitemap, articles split over pages, JSON-LD) and an agency WordPress (no REST API, core sitemaps,
a windows-1252 page, a press release the daily reprinted under its own lead). Gold: tests/sites/blind/gold.jsonl.
"""

from __future__ import annotations

import json
import mimetypes
import sqlite3
import statistics
import threading
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pytest

from crawler.run import crawl
from crawler.sources import load_sources
from samples.server import QuietServer

SITES = Path(__file__).resolve().parent / "sites" / "blind"
NAMES = ("kabupaten", "koran", "dinas")
# The origins the generated pages were written for; the server puts its own in their place.
WRITTEN_FOR = {"kabupaten": "http://127.0.0.1:8101", "koran": "http://127.0.0.1:8102", "dinas": "http://127.0.0.1:8103"}


class StaticSite(BaseHTTPRequestHandler):
    """A static file server, as `python -m http.server` serves a directory, that also rewrites the origins
    baked into the pages to where they are served now, and keeps a log of the paths asked for."""

    origins: ClassVar[dict[str, str]] = {}
    log: ClassVar[list[str]] = []

    def __init__(self, *args: Any, root: Path, **kwargs: Any) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """The file (a directory's index.html), 301 to the slash form of a directory, or 404."""
        path = unquote(urlsplit(self.path).path)
        self.log.append(path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.root) or not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("xml"):
            for site, origin in self.origins.items():
                body = body.replace(WRITTEN_FOR[site].encode(), origin.encode())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, str]]:
    """The three sites on free ports: name -> origin."""
    servers = {}
    for name in NAMES:
        server = QuietServer(("127.0.0.1", 0), partial(StaticSite, root=(SITES / name).resolve()))
        servers[name] = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
    StaticSite.origins = {name: f"http://127.0.0.1:{s.server_address[1]}" for name, s in servers.items()}
    yield StaticSite.origins
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def crawled(served: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """One crawl of the three sites (politeness off), the database, and the sources."""
    tmp = tmp_path_factory.mktemp("blind")
    (tmp / "sources.toml").write_text("".join(f'[[source]]\nname = "{name}"\nurl = "{origin}/"\n\n'
                                              for name, origin in served.items()))
    sources = load_sources(tmp / "sources.toml")
    report = crawl(sources, tmp / "blind.db", polite=False, settings={"LOG_LEVEL": "ERROR"})
    assert report.status == "ok"
    return tmp / "blind.db", sources


def _gold() -> list[dict]:
    return [json.loads(line) for line in (SITES / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]


def _stored(db: Path, served: dict[str, str]) -> dict[tuple[str, str], dict]:
    """Stored articles by (site, path)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = {}
    for row in conn.execute("select * from articles"):
        path = row["url"][len(served[row["source"]]):] or "/"
        rows[(row["source"], path)] = dict(row)
    return rows


def test_every_article_stored_once_with_title_date_and_clean_text(crawled: tuple[Path, list],
                                                                   served: dict[str, str], scorer: ModuleType) -> None:
    stored = _stored(crawled[0], served)
    gold = _gold()
    token_f1 = scorer.token_f1
    missing = [(g["site"], g["url_path"]) for g in gold if (g["site"], g["url_path"]) not in stored]
    assert missing == []
    assert len(stored) == len(gold)  # nothing but the articles: no index, tag, search, login or agenda page
    rows = [(g, stored[(g["site"], g["url_path"])]) for g in gold]
    assert [(g["title"], r["title"]) for g, r in rows if r["title"] != g["title"]] == []
    assert [(g["url_path"], r["published"]) for g, r in rows if (r["published"] or "")[:10] != g["date"]] == []
    scores = [token_f1(g["text"], r["text"]) for g, r in rows]
    assert statistics.median(scores) >= 0.98 and min(scores) >= 0.9


def test_the_reprint_is_linked_to_the_release(crawled: tuple[Path, list], served: dict[str, str]) -> None:
    conn = sqlite3.connect(crawled[0])
    links = conn.execute("select a.source, b.source from articles a join articles b on a.duplicate_of = b.url"
                         ).fetchall()
    assert sorted(sum(links, ())) == ["dinas", "koran"]


def test_a_second_run_fetches_no_article_again(crawled: tuple[Path, list], served: dict[str, str]) -> None:
    db, sources = crawled
    article_paths = {g["url_path"] for g in _gold()}
    StaticSite.log.clear()
    report = crawl(sources, db, polite=False, settings={"LOG_LEVEL": "ERROR"})
    assert report.status == "ok" and sum(s.new_articles for s in report.sources.values()) == 0
    assert [path for path in StaticSite.log if path in article_paths] == []
