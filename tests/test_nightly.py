"""nightly: locked, healthy on the sample sites, and SIGKILL at any stage loses and duplicates nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from samples.server import SampleSites
from tests.e2e_helpers import kill_group, pipeline, wait_for_log

pytestmark = pytest.mark.slow


def counts(db_path: Path) -> dict[str, int]:
    """Row counts of the tables that must survive a kill, and integrity."""
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        out = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "events")}
        out["distinct_texts"] = con.execute("select count(distinct source || title) from articles").fetchone()[0]
        out["orphan_evidence"] = con.execute(
            "select count(*) from evidence where event_id not in (select id from events)").fetchone()[0]
        return out
    finally:
        con.close()


def nightly(sources: Path, db: Path, logs: Path) -> subprocess.CompletedProcess:
    proc = pipeline(["nightly", "--sources", str(sources), "--db", str(db)], logs)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture(scope="module")
def sites():
    with SampleSites(base_port=0) as running:
        yield running


@pytest.fixture(scope="module")
def reference(sites, tmp_path_factory) -> dict[str, int]:
    """Counts after one uninterrupted nightly run."""
    tmp = tmp_path_factory.mktemp("ref")
    sources = sites.write_sources(tmp / "sources.toml")
    done = nightly(sources, tmp / "w.db", tmp / "logs")
    assert done.returncode == 0, done.stderr
    assert "healthy" in done.stdout
    return counts(tmp / "w.db")


def test_second_nightly_exits_at_once_while_first_holds_lock(sites, tmp_path: Path) -> None:
    sources = sites.write_sources(tmp_path / "sources.toml")
    first = pipeline(["nightly", "--sources", str(sources), "--db", str(tmp_path / "w.db")], tmp_path / "logs")
    try:
        wait_for_log(tmp_path / "logs" / "pantau.log", "stage: crawl", first)
        started = time.monotonic()
        second = nightly(sources, tmp_path / "w.db", tmp_path / "logs2")
        assert second.returncode == 75
        assert "another nightly run holds" in second.stderr and f"pid {first.pid}" in second.stderr
        assert time.monotonic() - started < 30
    finally:
        kill_group(first)


@pytest.mark.parametrize("stage", ["stage: crawl", "stage: build", "stage: publish"])
def test_kill_at_any_stage_then_rerun_loses_nothing(stage: str, sites, reference, tmp_path: Path) -> None:
    sources = sites.write_sources(tmp_path / "sources.toml")
    db = tmp_path / "w.db"
    proc = pipeline(["nightly", "--sources", str(sources), "--db", str(db)], tmp_path / "logs")
    wait_for_log(tmp_path / "logs" / "pantau.log", stage, proc)
    if stage == "stage: crawl":
        time.sleep(1.5)  # let some articles land before the kill
    kill_group(proc)
    rerun = nightly(sources, db, tmp_path / "logs")
    assert rerun.returncode == 0, rerun.stderr + rerun.stdout
    after = counts(db)
    assert after == reference
    assert after["articles"] == after["distinct_texts"]
    public = list(tmp_path.rglob("*.db"))
    for path in public:
        con = sqlite3.connect(path)
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        con.close()
    con = sqlite3.connect(db)
    statuses = [r[0] for r in con.execute("select status from crawl_runs order by id")]
    con.close()
    assert statuses[-1] in ("ok", "degraded") and "running" not in statuses
