"""End-to-end crawls of the bundled sample sites (127.0.0.1 only)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.run import CrawlReport, crawl
from crawler.sources import load_sources
from crawler.urls import normalize_url
from records import Source
from samples import faults as fault_data
from samples.server import SampleSites
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FAST = {"DOWNLOAD_TIMEOUT": 15, "RETRY_BACKOFF_MAX": 0.5}  # generous: the machine may be busy
WORDPRESS, PORTAL, AGENCY, DAILY = "warta-pesisir", "pemkot-sample", "dinas-sample", "harian-sample"


def expected_urls(sites: SampleSites, name: str) -> set[str]:
    """The normalised URLs of every article a sample site publishes."""
    site = sites.sites[name]
    return {normalize_url(site.url(site.path_of(p))) for p in site.posts}


def article_paths(sites: SampleSites, name: str) -> set[str]:
    """Paths of a site's article pages."""
    site = sites.sites[name]
    return {site.path_of(p) for p in site.posts}


def rows(db: Path, sql: str, *args: Any) -> list[sqlite3.Row]:
    """Query the crawl database."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def run(sources: list[Source], db: Path, **kwargs: Any) -> CrawlReport:
    """One fast crawl."""
    return crawl(sources, db, polite=False, settings=FAST, **kwargs)


def crawled_site(sites: SampleSites, name: str, tmp_path: Path) -> tuple[list[Source], Path]:
    """One sample site's source, crawled once into a new database."""
    sources = [s for s in load_sources(sites.write_sources(tmp_path / "s.toml")) if s.name == name]
    db = tmp_path / "crawl.db"
    run(sources, db)
    return sources, db


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleSites, list[Source], Path, CrawlReport]]:
    """The four sample sites with every fault switched on, crawled once."""
    tmp = tmp_path_factory.mktemp("faulty")
    with SampleSites(faults=True) as sites:
        sources = load_sources(sites.write_sources(tmp / "sources.toml"))
        db = tmp / "crawl.db"
        yield sites, sources, db, run(sources, db, log_file=tmp / "crawl.log")


def test_every_sample_article_is_stored_once(faulty: tuple) -> None:
    sites, sources, db, report = faulty
    for source in sources:
        stored = [r["url"] for r in rows(db, "select url from articles where source = ?", source.name)]
        assert len(stored) == len(set(stored))
        assert set(stored) == expected_urls(sites, source.name), source.name
    assert report.new_articles == sum(len(s.posts) for s in sites.sites.values())


def test_discovery_methods(faulty: tuple) -> None:
    _, _, db, report = faulty
    wordpress = {r["discovered_by"] for r in rows(db, "select discovered_by from articles where source = ?", WORDPRESS)}
    assert wordpress <= {"sitemap", "feed", "wp-json"}
    assert {"sitemap", "feed", "wp-json"} <= set(report.sources[WORDPRESS].discovery)
    for portal in (PORTAL, AGENCY):
        found = {r["discovered_by"] for r in rows(db, "select discovered_by from articles where source = ?", portal)}
        assert found == {"listing"}, portal
        assert report.sources[portal].discovery == ["listing"]


def test_split_articles_are_joined(faulty: tuple) -> None:
    sites, _, db, _ = faulty
    split = [p for p in sites.sites[DAILY].posts if p.pages > 1]
    assert split
    site = sites.sites[DAILY]
    for post in split:
        (row,) = rows(db, "select text from articles where url = ?", normalize_url(site.url(site.path_of(post))))
        text = " ".join(row["text"].split())
        assert " ".join(post.paragraphs[-1].split()) in text
        assert " ".join(post.paragraphs[1].split()) in text
    assert not rows(db, "select url from articles where url like '%page=%'")
    # a three-page article is read through its one-page view: page 3 is never asked for
    asked = {path for name, path in sites.requests if name == DAILY}
    for post in (p for p in split if p.pages >= 3):
        assert f"{site.path_of(post)}?page=all" in asked and f"{site.path_of(post)}?page=3" not in asked


def test_faults_are_counted_and_none_is_fatal(faulty: tuple) -> None:
    sites, _, db, report = faulty
    kinds = report.sources[WORDPRESS].errors_by_kind
    assert kinds.get("not_found") == 2  # 404 and 410
    assert kinds.get("robots") == 1
    assert kinds.get("too_large") == 1
    assert kinds.get("redirect_loop", 0) >= 1
    assert kinds.get("empty") == 1
    assert report.status != "failed"
    logged = rows(db, "select count(*) as n from crawl_errors where run_id = ?", report.run_id)[0]["n"]
    assert logged == report.errors == sum(report.errors_by_kind.values())
    run_row = rows(db, "select * from crawl_runs where id = ?", report.run_id)[0]
    assert run_row["errors"] == report.errors and run_row["status"] == report.status
    assert json.loads(run_row["error_summary"]) == report.errors_by_kind
    site = sites.sites[WORDPRESS]
    recovered = {normalize_url(site.url(p)) for p in fault_data.article_fault_paths()}
    stored = {r["url"] for r in rows(db, "select url from articles")}
    assert recovered <= stored  # 500/503/429 once, slow, cp1252 and broken pages end stored


def test_cp1252_pages_are_decoded(faulty: tuple) -> None:
    sites, _, db, _ = faulty
    site = sites.sites[WORDPRESS]
    for path, kind in fault_data.FAULTS.items():
        if kind.startswith("cp1252"):
            post = site.by_path[path]
            (row,) = rows(db, "select title, text from articles where url = ?", normalize_url(site.url(path)))
            assert row["title"] == post.title
            assert "Ã" not in row["text"] and "\ufffd" not in row["text"]
            assert " ".join(post.paragraphs[0].split())[:60] in " ".join(row["text"].split())


def test_source_stats_are_written(faulty: tuple) -> None:
    sites, sources, db, report = faulty
    stats = {r["source"]: r for r in rows(db, "select * from source_stats where run_id = ?", report.run_id)}
    assert set(stats) == {s.name for s in sources}
    for name, row in stats.items():
        assert row["new_articles"] == len(sites.sites[name].posts)
        assert row["pages"] >= row["new_articles"]
        assert row["last_new_article_at"] and row["days_since_new"] == 0
        assert row["flag"] is None
    assert json.loads(stats[WORDPRESS]["errors_by_kind"]) == report.sources[WORDPRESS].errors_by_kind


def article_requests(sites: SampleSites) -> set[tuple[str, str]]:
    """(site, path) of the article pages requested since the last reset."""
    pages = {(name, path) for name in sites.sites for path in article_paths(sites, name)}
    return {(name, raw.split("?")[0]) for name, raw in sites.requests} & pages


def test_incremental_runs_fetch_only_what_is_new(tmp_path: Path) -> None:
    with SampleSites() as sites:
        sources = load_sources(sites.write_sources(tmp_path / "sources.toml"))
        db = tmp_path / "crawl.db"
        first = run(sources, db)
        assert first.status == "ok" and first.new_articles == sum(len(s.posts) for s in sites.sites.values())

        sites.reset_requests()
        second = run(sources, db)
        assert second.new_articles == second.changed_articles == 0
        assert article_requests(sites) == set()
        assert second.status == "ok"  # known articles count as found: no source is "silent"
        assert all(s.skipped_known > 0 and s.flag is None for s in second.sources.values())
        # sitemaps and the REST API list every known article; listings stop after page 1 (nothing new there)
        assert second.sources[WORDPRESS].skipped_known == len(sites.sites[WORDPRESS].posts)
        assert second.pages < first.pages / 3

        added = {name: sites.add_articles(name, 2) for name in (WORDPRESS, PORTAL, DAILY)}
        sites.reset_requests()
        third = run(sources, db)
        fetched = {(n, p) for n, p in article_requests(sites)}
        wanted = {(name, normalize_url(u).split("/", 3)[3].join(["/", ""])) for name, urls in added.items()
                  for u in urls}
        assert {(n, p.rstrip("/")) for n, p in fetched} == {(n, p.rstrip("/")) for n, p in wanted}
        assert third.new_articles == 6
        for name, urls in added.items():
            assert third.sources[name].new_articles == 2
            stored = {r["url"] for r in rows(db, "select url from articles where run_id = ?", third.run_id)}
            assert {normalize_url(u) for u in urls} <= stored


def test_since_backfill(tmp_path: Path) -> None:
    with SampleSites() as sites:
        sources = load_sources(sites.write_sources(tmp_path / "sources.toml"))
        db = tmp_path / "crawl.db"
        posts = [(name, p) for name, site in sites.sites.items() for p in site.posts]
        dates = sorted(p.published_at.date() for _, p in posts)
        recent, older = dates[len(dates) * 2 // 3], dates[len(dates) // 3]

        run(sources, db, since=recent)
        stored = {r["url"]: r["published"] for r in rows(db, "select url, published from articles")}
        assert all(published[:10] >= recent.isoformat() for published in stored.values() if published)
        newer = {normalize_url(sites.sites[n].url(sites.sites[n].path_of(p))) for n, p in posts
                 if p.published_at.date() > recent}
        assert newer <= set(stored)

        sites.reset_requests()
        back = run(sources, db, since=older)
        between = {normalize_url(sites.sites[n].url(sites.sites[n].path_of(p))) for n, p in posts
                   if older < p.published_at.date() < recent}
        now = {r["url"] for r in rows(db, "select url from articles")}
        assert between and between <= now
        assert back.new_articles == len(now) - len(stored)
        refetched = {normalize_url(sites.sites[n].url(p)) for n, p in article_requests(sites)}
        assert not (refetched & set(stored))  # pages stored by the first run were not asked again


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    with SampleSites(extra_articles=150) as sites:
        sources_file = sites.write_sources(tmp_path / "sources.toml")
        db = tmp_path / "crawl.db"
        proc = subprocess.Popen([sys.executable, "-m", "crawler.run", "--sources", str(sources_file), "--db", str(db),
                                 "--fast", "--log-file", str(tmp_path / "killed.log")], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if db.exists() and _count(db) >= 25:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_with = _count(db)
        assert 0 < killed_with < sum(len(s.posts) for s in sites.sites.values())
        assert rows(db, "pragma integrity_check")[0][0] == "ok"

        sources = load_sources(sources_file)
        report = run(sources, db)
        assert report.new_articles == sum(len(s.posts) for s in sites.sites.values()) - killed_with
        for source in sources:
            stored = [r["url"] for r in rows(db, "select url from articles where source = ?", source.name)]
            assert len(stored) == len(set(stored)) and set(stored) == expected_urls(sites, source.name)
        assert rows(db, "pragma integrity_check")[0][0] == "ok"


def _count(db: Path) -> int:
    """Stored articles (0 while the database is being created)."""
    try:
        return rows(db, "select count(*) from articles")[0][0]
    except sqlite3.Error:
        return 0


def test_unreachable_sources_fail_cleanly(tmp_path: Path) -> None:
    with SampleSites() as sites:
        port = sites.base_urls[WORDPRESS].rsplit(":", 1)[1].strip("/")
    # the servers are stopped: the port now refuses connections
    sources = [Source(name="gone", url=f"http://127.0.0.1:{port}/")]
    report = run(sources, tmp_path / "crawl.db")
    assert report.status == "failed"
    assert report.sources["gone"].flag == "failing"
    assert set(report.errors_by_kind) <= {"connection_refused", "connection"}
    assert rows(tmp_path / "crawl.db", "select status from crawl_runs where id = ?", report.run_id)[0][0] == "failed"


def test_crawl_can_run_twice_in_one_process_with_a_given_run_id(tmp_path: Path) -> None:
    from store.db import open_db, start_run

    with SampleSites() as sites:
        sources = [s for s in load_sources(sites.write_sources(tmp_path / "s.toml")) if s.name == AGENCY]
        db = tmp_path / "crawl.db"
        run_id = start_run(open_db(db), "nightly")
        one = run(sources, db, run_id=run_id)
        two = run(sources, db, since=date(2000, 1, 1))
    assert one.run_id == run_id and two.run_id != run_id
    row = rows(db, "select status, new_articles, finished_at from crawl_runs where id = ?", run_id)[0]
    assert row["status"] == one.status == "ok" and row["finished_at"]
    assert row["new_articles"] == one.new_articles == len(sites.sites[AGENCY].posts)
    assert rows(db, "select kind from crawl_runs where id = ?", run_id)[0]["kind"] == "nightly"


def test_unusable_database_gives_one_clear_error(tmp_path: Path) -> None:
    from crawler.run import CrawlError

    (tmp_path / "db-is-a-dir").mkdir()
    with pytest.raises(CrawlError, match="cannot use the database"):
        crawl([Source(name="x", url="http://127.0.0.1:9/")], tmp_path / "db-is-a-dir")


def test_command_line_reports_bad_sources_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "s.toml"
    bad.write_text('[[source]]\nname = "x"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "crawler.run", "--sources", str(bad), "--db", str(tmp_path / "d.db")],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "'url' missing" in done.stderr


def test_changed_articles_are_fetched_again_conditionally(tmp_path: Path) -> None:
    import dataclasses

    from store.db import open_db

    with SampleSites() as sites:
        sources, db = crawled_site(sites, WORDPRESS, tmp_path)
        site = sites.sites[WORDPRESS]
        same, edited = site.posts[0], site.posts[1]
        same_url, edited_url = (normalize_url(site.url(site.path_of(p))) for p in (same, edited))

        # the store believes it holds an older version: the sitemap's lastmod is newer, the server answers 304
        conn = open_db(db)
        conn["articles"].update(same_url, {"lastmod": "2000-01-01T00:00:00+00:00"})
        # the site edits another post: new modification time, one more paragraph
        changed = dataclasses.replace(edited, modified="2030-01-01T08:00:00+07:00",
                                      paragraphs=(*edited.paragraphs, "Ralat: jumlah peserta yang hadir 75 orang."))
        site.posts = [changed if p is edited else p for p in site.posts]
        site.by_path[site.path_of(edited)] = changed

        sites.reset_requests()
        report = run(sources, db)
        asked = {path for _, path in sites.requests}
    assert {site.path_of(same), site.path_of(edited)} <= asked
    assert (report.new_articles, report.changed_articles, report.unchanged_articles) == (0, 1, 1)
    (row,) = rows(db, "select text, lastmod from articles where url = ?", edited_url)
    assert "Ralat: jumlah peserta" in row["text"] and row["lastmod"].startswith("2030-01-01")


def test_a_listing_walk_cut_by_a_kill_is_resumed_through_known_pages(tmp_path: Path) -> None:
    from store.crawlstate import mark_walk
    from store.db import open_db, start_run

    with SampleSites() as sites:
        sources, db = crawled_site(sites, PORTAL, tmp_path)
        site = sites.sites[PORTAL]
        older = [normalize_url(site.url(site.path_of(p))) for p in site.posts[site.per_page:]]
        assert older  # the portal has a second listing page
        # what a run killed after listing page 1 leaves: page 2's articles missing, the walk started, not finished
        conn = open_db(db)
        with conn.conn:
            conn.execute(f"delete from articles where url in ({','.join('?' * len(older))})", older)
        mark_walk(conn, PORTAL, start_run(conn), finished=False)
        report = run(sources, db)
        stored = {r["url"] for r in rows(db, "select url from articles")}
    assert set(older) <= stored and report.new_articles == len(older)


def test_a_site_without_articles_is_flagged_silent(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class UnderRepair(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html><body><h1>Situs dalam perbaikan</h1><p>Silakan kembali lagi nanti.</p></body></html>"
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), UnderRepair)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report = run([Source(name="sepi", url=f"http://127.0.0.1:{server.server_address[1]}/")], tmp_path / "c.db")
    finally:
        server.shutdown()
        server.server_close()
    assert report.sources["sepi"].flag == "silent"
    assert report.status == "degraded" and "sepi: silent" in report.message
    assert report.errors == 0  # the guessed sitemap, feed and API addresses that 404 are not failures
