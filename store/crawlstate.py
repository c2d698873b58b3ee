"""Crawl-side reads and writes that store/db.py does not cover: known pages, duplicates, run counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from store.db import now_iso


def ensure_crawlstate_schema(db: sqlite_utils.Database) -> None:
    """Create the article_duplicates table when missing."""
    if "article_duplicates" not in db.table_names():
        db["article_duplicates"].create(
            {"url": str, "source": str, "duplicate_of": str, "duplicate_source": str, "reason": str,
             "distance": int, "found_at": str, "run_id": int},
            pk="url",
        )
        db["article_duplicates"].create_index(["duplicate_of"], if_not_exists=True)
    if "crawl_progress" not in db.table_names():
        db["crawl_progress"].create({"source": str, "walk_started_run": int, "walk_finished_run": int}, pk="source")


def known_pages(db: sqlite_utils.Database, source: str) -> dict[str, dict[str, Any]]:
    """Every URL the source has shown before: kind, status, validators, fetched_at and (articles) published."""
    states: dict[str, dict[str, Any]] = {}
    for r in db.query("select url, kind, status, error, etag, last_modified, lastmod, fetched_at from pages"
                      " where source = ?", [source]):
        states[r["url"]] = dict(r, published=None)
    for r in db.query("select url, etag, last_modified, lastmod, fetched_at, published from articles"
                      " where source = ?", [source]):
        states[r["url"]] = {**states.get(r["url"], {}), **r, "kind": "article", "status": 200}
    return states


def stored_fingerprints(db: sqlite_utils.Database) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    """(url, source, content_hash, simhash) of stored articles that are not themselves duplicates, oldest first."""
    yield from db.execute("select url, source, content_hash, simhash from articles where duplicate_of is null"
                          " order by rowid").fetchall()


def record_duplicate(db: sqlite_utils.Database, url: str, source: str | None, duplicate_of: str,
                     duplicate_source: str | None, reason: str, distance: int, run_id: int | None,
                     commit: bool = True) -> None:
    """Remember why an article was linked to an earlier one (commit=False: in the caller's transaction)."""
    row = {"url": url, "source": source, "duplicate_of": duplicate_of, "duplicate_source": duplicate_source,
           "reason": reason, "distance": distance, "found_at": now_iso(), "run_id": run_id}
    # every column is given, so 'insert or replace' is the upsert (a plain statement: sqlite-utils'
    # upsert introspects the table on each call)
    sql = f"insert or replace into article_duplicates ({', '.join(row)}) values ({', '.join('?' * len(row))})"
    if not commit:
        db.conn.execute(sql, list(row.values()))
        return
    with db.conn:
        db.conn.execute(sql, list(row.values()))


def last_new_article_at(db: sqlite_utils.Database, source: str) -> str | None:
    """When the crawler last stored a new article of this source (from earlier runs' stats, else articles)."""
    row = next(db.query("select max(last_new_article_at) as at from source_stats where source = ?", [source]), None)
    if row and row["at"]:
        return row["at"]
    row = next(db.query("select min(updated_at) as at from articles where source = ?", [source]), None)
    return row["at"] if row else None


def run_source_stats(db: sqlite_utils.Database, run_id: int) -> list[dict[str, Any]]:
    """The source_stats rows of one run, errors_by_kind and discovery decoded."""
    rows = []
    for r in db.query("select * from source_stats where run_id = ? order by source", [run_id]):
        r = dict(r)
        r["errors_by_kind"] = json.loads(r["errors_by_kind"] or "{}")
        r["discovery"] = [d for d in (r["discovery"] or "").split(",") if d]
        rows.append(r)
    return rows


def run_errors_by_source(db: sqlite_utils.Database, run_id: int) -> dict[str, dict[str, int]]:
    """Errors of a run counted by source and kind (used when a crawl died before writing its stats)."""
    counts: dict[str, dict[str, int]] = {}
    for r in db.query("select source, kind, count(*) as n from crawl_errors where run_id = ? group by source, kind",
                      [run_id]):
        counts.setdefault(r["source"], {})[r["kind"]] = r["n"]
    return counts


def run_written_counts(db: sqlite_utils.Database, run_id: int) -> dict[str, dict[str, int]]:
    """Articles and other pages a run wrote, per source (used when a crawl died before writing its stats)."""
    counts: dict[str, dict[str, int]] = {}
    for table in ("articles", "pages"):
        for r in db.query(f"select source, count(*) as n from {table} where run_id = ? group by source", [run_id]):
            counts.setdefault(r["source"], {})[table] = r["n"]
    return counts


def walk_interrupted(db: sqlite_utils.Database, source: str) -> bool:
    """True when the source's last listing walk started but never finished (its run was killed)."""
    row = next(db.query("select walk_started_run as s, walk_finished_run as f from crawl_progress where source = ?",
                        [source]), None)
    return bool(row and row["s"] is not None and (row["f"] is None or row["f"] < row["s"]))


def mark_walk(db: sqlite_utils.Database, source: str, run_id: int, finished: bool) -> None:
    """Note that a run started (or finished) walking the source's listing pages."""
    column = "walk_finished_run" if finished else "walk_started_run"
    with db.conn:
        db["crawl_progress"].upsert({"source": source, column: run_id}, pk="source")
