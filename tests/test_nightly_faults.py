"""nightly under faults: every run ends with a clear report, and what is stored stays intact."""

from __future__ import annotations

import socket
import sqlite3
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samples.faults import ARTICLE_KINDS, FAULTS
from samples.server import SampleSites
from tests.e2e_helpers import pipeline

pytestmark = pytest.mark.slow


def run_nightly(sources: Path, db: Path, logs: Path) -> subprocess.CompletedProcess:
    proc = pipeline(["nightly", "--sources", str(sources), "--db", str(db)], logs)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("pragma integrity_check").fetchone()[0]
    finally:
        con.close()


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_faulty_sites_end_with_a_report_and_every_recoverable_article(tmp_path: Path) -> None:
    with SampleSites(faults=True) as sites:
        sources = sites.write_sources(tmp_path / "sources.toml")
        done = run_nightly(sources, tmp_path / "w.db", tmp_path / "logs")
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    if done.returncode:
        assert len(done.stderr.strip().splitlines()) == 1 and "unhealthy run" in done.stderr
    assert "warta-pesisir" in done.stdout  # the per-source report was printed
    assert integrity(tmp_path / "w.db") == "ok"
    stored = {url.split("/", 3)[3] for (url,) in rows(tmp_path / "w.db", "select url from articles")}
    recoverable = {path.strip("/") + "/" for path, kind in FAULTS.items() if kind in ARTICLE_KINDS}
    assert recoverable <= stored
    kinds = {k for (k,) in rows(tmp_path / "w.db", "select distinct kind from crawl_errors")}
    assert {"not_found", "redirect_loop"} <= {k.replace("-", "_") for k in kinds} or len(kinds) >= 3, kinds
    assert rows(tmp_path / "w.db", "select count(*) from crawl_runs where status = 'running'") == [(0,)]


@pytest.fixture
def resetting_server() -> Iterator[str]:
    """A host that accepts connections and resets them at once."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def loop() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()  # linger 0: the peer gets RST

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/"
    stop.set()
    thread.join(2)
    server.close()


def test_connection_resets_are_counted_and_flagged_in_one_line(resetting_server: str, tmp_path: Path) -> None:
    with SampleSites() as sites:
        sources = sites.write_sources(tmp_path / "sources.toml")
        with open(sources, "a", encoding="utf-8") as handle:
            handle.write(f'\n[[source]]\nname = "reset-site"\nurl = "{resetting_server}"\n')
        done = run_nightly(sources, tmp_path / "w.db", tmp_path / "logs")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "reset-site" in done.stderr
    errors = rows(tmp_path / "w.db", "select count(*) from crawl_errors where source = 'reset-site'")[0][0]
    assert errors >= 1
    # The healthy sources were crawled and published all the same.
    assert rows(tmp_path / "w.db", "select count(*) from articles where source = 'warta-pesisir'")[0][0] > 20
    assert (tmp_path / "public" / "w.db").exists()


def test_site_disappearing_mid_crawl_loses_nothing_and_next_run_completes(tmp_path: Path) -> None:
    probe = SampleSites(delay=0.05).start()
    ports = sorted(int(url.rsplit(":", 1)[1].strip("/")) for url in probe.base_urls.values())
    probe.stop()
    base = ports[0]
    try:
        sites = SampleSites(base_port=base, delay=0.05).start()
    except OSError:
        pytest.skip("consecutive ports not free")
    sources = sites.write_sources(tmp_path / "sources.toml")
    proc = pipeline(["nightly", "--sources", str(sources), "--db", str(tmp_path / "w.db")], tmp_path / "logs")
    deadline = time.monotonic() + 120
    while len(sites.requests) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    sites.vanish()  # every site disappears mid-crawl, kept-alive connections included
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, out + err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert integrity(tmp_path / "w.db") == "ok"
    before = {u for (u,) in rows(tmp_path / "w.db", "select url from articles")}
    with SampleSites(base_port=base) as back:
        assert back.write_sources(tmp_path / "again.toml").read_text() == sources.read_text()
        done = run_nightly(sources, tmp_path / "w.db", tmp_path / "logs")
        total = sum(len(site.posts) for site in back.sites.values())
    assert done.returncode == 0, done.stderr
    after = {u for (u,) in rows(tmp_path / "w.db", "select url from articles")}
    assert before <= after and len(after) == total
    assert integrity(tmp_path / "w.db") == "ok"


def test_a_page_slower_than_the_timeout_is_counted_and_the_crawl_goes_on(tmp_path: Path) -> None:
    from crawler.run import crawl
    from crawler.sources import load_sources

    with SampleSites(faults=True) as sites:
        sources = load_sources(sites.write_sources(tmp_path / "sources.toml"))
        report = crawl([s for s in sources if s.name == "warta-pesisir"], tmp_path / "w.db", polite=False,
                       settings={"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1, "RETRY_BACKOFF_MAX": 0.2})
    slow = next(path for path, kind in FAULTS.items() if kind == "slow")
    timeouts = rows(tmp_path / "w.db", "select url from crawl_errors where kind = 'timeout'")
    assert any(url.endswith(slow) for (url,) in timeouts)
    assert report.errors_by_kind.get("timeout", 0) >= 1
    assert report.new_articles >= 25  # everything else on the site was stored
    assert integrity(tmp_path / "w.db") == "ok"
