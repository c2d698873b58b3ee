"""Publishing: an atomic swap of a checked, searchable public copy, with backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.db import open_db, save_article
from store.events import save_results
from store.publish import PublishError, backup_dir, public_path, publish
from store.sample import build_database, sample_corpus
from store.serve import datasette_argv


def _work_db(path: Path, n_articles: int = 40, n_events: int = 15, seed: int = 1) -> Path:
    """A working database built the way `build` builds it."""
    return build_database(path, sample_corpus(n_articles, n_events, seed=seed))


def _events(path: Path) -> int:
    """Number of event rows in a database file."""
    with sqlite3.connect(path) as conn:
        return conn.execute("select count(*) from events").fetchone()[0]


def test_public_path() -> None:
    assert public_path(Path("data/events.db")) == Path("data/public/events.db")


def test_publish_builds_a_checked_searchable_file(tmp_path: Path) -> None:
    work = _work_db(tmp_path / "events.db")
    target = publish(work)
    assert target == tmp_path / "public" / "events.db"
    conn = sqlite3.connect(target)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    assert {"events", "events_view", "official_events", "articles_fts", "events_fts", "search_words"} <= tables
    assert not {"pages", "search_indexed"} & tables  # crawl bookkeeping stays private
    assert conn.execute("select count(*) from sqlite_stat1").fetchone()[0] > 0  # ANALYZE ran
    # FTS rowids still point at the right rows after VACUUM
    hit = conn.execute("select a.title from articles_fts f join articles a on a.rowid = f.rowid "
                       "where articles_fts match 'pengurus' limit 1").fetchone()
    assert hit and "Pengurus" in hit[0]
    assert _events(target) == 15
    assert not list(target.parent.glob(".*.tmp"))


def test_publish_replaces_atomically_and_keeps_backups(tmp_path: Path) -> None:
    work = _work_db(tmp_path / "events.db")
    target = publish(work)
    reader = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    assert reader.execute("select count(*) from events").fetchone()[0] == 15
    # more events arrive, publish again while a reader has the old file open
    more = list(sample_corpus(60, 30, seed=2))
    db = open_db(work)
    for article, _ in more:
        save_article(db, article)
    save_results(db, more, "v1")
    db.close()
    for _ in range(3):
        publish(work, keep_backups=2)
    assert reader.execute("select count(*) from events").fetchone()[0] == 15  # old snapshot intact
    reader.close()
    assert _events(target) > 15
    backups = sorted(backup_dir(target).glob("events.*.db"))
    assert len(backups) == 2
    for backup in backups:
        with sqlite3.connect(backup) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_failed_publish_leaves_the_public_file_alone(tmp_path: Path) -> None:
    work = _work_db(tmp_path / "events.db")
    target = publish(work)
    before = target.read_bytes()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PublishError, match="could not publish"):
        publish(broken, target)
    assert target.read_bytes() == before
    assert not list(target.parent.glob(".*.tmp"))
    with pytest.raises(PublishError, match="no database"):
        publish(tmp_path / "missing.db")
    with pytest.raises(PublishError, match="must differ"):
        publish(work, work)


def test_datasette_argv_is_read_only_and_complete(tmp_path: Path) -> None:
    argv = datasette_argv(tmp_path / "events.db", port=8123)
    assert argv[1:4] == ["-m", "datasette", "serve"]
    assert argv[argv.index("-i") + 1] == str((tmp_path / "events.db").resolve())
    assert "--crossdb" not in argv
    settings = {argv[i + 1]: argv[i + 2] for i, a in enumerate(argv) if a == "--setting"}
    assert settings["suggest_facets"] == "off"
    assert settings["allow_download"] == "on"
    assert {"sql_time_limit_ms", "default_page_size", "max_returned_rows"} <= settings.keys()
    for flag in ("--metadata", "--template-dir", "--plugins-dir"):
        assert Path(argv[argv.index(flag) + 1]).exists()
    assert argv[argv.index("--port") + 1] == "8123"
