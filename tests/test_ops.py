"""Run lock, abandoned-run detection and the run report's flags."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ops.lock import LockHeld, RunLock
from ops.report import SourceLine, build_report, flags_for, render
from records import Article, Source
from store.db import finish_run, open_db, record_source_stats, save_article, start_run, upsert_sources


def test_second_lock_is_refused_with_holder_named(tmp_path: Path) -> None:
    with RunLock(tmp_path / "n.lock"), pytest.raises(LockHeld, match=rf"pid {os.getpid()}"):
        RunLock(tmp_path / "n.lock").acquire()


def test_lock_is_free_again_after_release(tmp_path: Path) -> None:
    RunLock(tmp_path / "n.lock").acquire().release()
    lock = RunLock(tmp_path / "n.lock").acquire()
    assert lock.stale_cleared is None
    lock.release()


def test_lock_left_by_killed_process_is_cleared(tmp_path: Path) -> None:
    path = tmp_path / "n.lock"
    root = str(Path(__file__).resolve().parent.parent)
    code = (
        f"import os, sys; sys.path.insert(0, {root!r})\n"
        "from ops.lock import RunLock\n"
        f"RunLock(__import__('pathlib').Path({str(path)!r})).acquire()\n"
        "os.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False)
    assert proc.returncode == -9
    assert json.loads(path.read_text())["pid"] > 0  # the killed holder left its pid behind
    lock = RunLock(path).acquire()
    assert lock.stale_cleared is not None and lock.stale_cleared["pid"] != os.getpid()
    lock.release()


def make_run(db_path: Path, stats: dict[str, dict]) -> int:
    db = open_db(db_path)
    upsert_sources(db, [Source(name, f"http://{name}.example/") for name in stats])
    run_id = start_run(db)
    for name, row in stats.items():
        record_source_stats(db, run_id, name, row)
    finish_run(db, run_id, "ok", {})
    return run_id


def test_report_flags_source_with_nothing_fetched(tmp_path: Path) -> None:
    run_id = make_run(tmp_path / "w.db", {
        "good": {"pages": 10, "new_articles": 2, "unchanged_articles": 8, "errors": 0, "discovery": "sitemap"},
        "dead": {"pages": 3, "errors": 3, "errors_by_kind": {"dns": 3}},
    })
    db = open_db(tmp_path / "w.db")
    save_article(db, Article(url="http://good.example/a", title="t", text="x", source="good"))
    report = build_report(db, run_id)
    flagged = {line.source: line.flags for line in report.flagged}
    assert list(flagged) == ["dead"]
    assert "nothing fetched" in flagged["dead"]
    text = render(report)
    assert "dns=3" in text and "sitemap" in text


def test_silent_source_is_flagged_after_thirty_days() -> None:
    line = SourceLine(source="s", pages=5, unchanged=5, days_since_new=45)
    assert flags_for(line, usual=0.0) == ["silent for 45 days"]
    line.days_since_new = 3
    assert flags_for(line, usual=0.0) == []


def test_error_rate_above_usual_is_flagged() -> None:
    line = SourceLine(source="s", pages=20, unchanged=12, errors=8, days_since_new=1)
    assert flags_for(line, usual=0.05) == ["errors 40% vs usual 5%"]
    assert flags_for(line, usual=0.35) == []


def test_report_takes_days_since_new_from_the_crawlers_stats(tmp_path: Path) -> None:
    run_id = make_run(tmp_path / "w.db", {
        "quiet": {"pages": 4, "unchanged_articles": 4, "days_since_new": 40, "discovery": "feed"},
    })
    report = build_report(open_db(tmp_path / "w.db"), run_id)
    assert [(line.source, line.days_since_new, line.flags) for line in report.lines] == [
        ("quiet", 40, ["silent for 40 days"])]
