"""Schema and writes for the working database (crawl state, articles, runs)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from records import Article, Source


def now_iso() -> str:
    """The current UTC time as ISO 8601 text."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a database in WAL mode with the crawl schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    ensure_crawl_schema(db)
    return db


def ensure_crawl_schema(db: sqlite_utils.Database) -> None:
    """Create the crawl-side tables when missing."""
    tables = set(db.table_names())
    if "sources" not in tables:
        db["sources"].create(
            {"name": str, "url": str, "region": str, "notes": str, "added_at": str, "hints": str}, pk="name"
        )
    if "crawl_runs" not in tables:
        db["crawl_runs"].create(
            {
                "id": int, "kind": str, "started_at": str, "finished_at": str, "status": str,
                "sources": int, "pages": int, "new_articles": int, "changed_articles": int,
                "unchanged_articles": int, "errors": int, "error_summary": str, "message": str, "pid": int,
            },
            pk="id",
        )
    if "articles" not in tables:
        db["articles"].create(
            {
                "url": str, "source": str, "title": str, "published": str, "author": str, "text": str,
                "fetched_at": str, "updated_at": str, "is_event": int, "content_hash": str, "simhash": str,
                "duplicate_of": str, "canonical_url": str, "discovered_by": str, "etag": str,
                "last_modified": str, "lastmod": str, "run_id": int, "extractor_version": str,
            },
            pk="url",
            foreign_keys=[("source", "sources", "name")],
        )
        db["articles"].create_index(["source"], if_not_exists=True)
        db["articles"].create_index(["published"], if_not_exists=True)
        db["articles"].create_index(["content_hash"], if_not_exists=True)
    if "pages" not in tables:
        db["pages"].create(
            {
                "url": str, "source": str, "kind": str, "status": int, "etag": str, "last_modified": str,
                "lastmod": str, "fetched_at": str, "error": str, "run_id": int,
            },
            pk="url",
        )
        db["pages"].create_index(["source"], if_not_exists=True)
    if "crawl_errors" not in tables:
        db["crawl_errors"].create(
            {"id": int, "run_id": int, "source": str, "url": str, "kind": str, "status": int, "message": str,
             "at": str},
            pk="id",
        )
        db["crawl_errors"].create_index(["run_id", "source"], if_not_exists=True)
    if "source_stats" not in tables:
        db["source_stats"].create(
            {
                "run_id": int, "source": str, "pages": int, "new_articles": int, "changed_articles": int,
                "unchanged_articles": int, "skipped_known": int, "errors": int, "errors_by_kind": str,
                "discovery": str, "last_new_article_at": str, "days_since_new": int, "flag": str,
            },
            pk=("run_id", "source"),
        )


def upsert_sources(db: sqlite_utils.Database, sources: list[Source]) -> None:
    """Record the configured sources (name, url, region and hints)."""
    rows = []
    for s in sources:
        hints = {k: v for k, v in asdict(s).items() if k not in {"name", "url", "region", "notes"} and v}
        rows.append({"name": s.name, "url": s.url, "region": s.region, "notes": s.notes,
                     "hints": json.dumps(hints, ensure_ascii=False), "added_at": now_iso()})
    existing = {r["name"]: r["added_at"] for r in db["sources"].rows}
    for row in rows:
        row["added_at"] = existing.get(row["name"], row["added_at"])
    with db.conn:
        db["sources"].upsert_all(rows, pk="name")


def start_run(db: sqlite_utils.Database, kind: str = "crawl", pid: int | None = None) -> int:
    """Open a crawl_runs row with status 'running' and return its id."""
    with db.conn:
        table = db["crawl_runs"].insert(
            {"kind": kind, "started_at": now_iso(), "status": "running", "pid": pid,
             "pages": 0, "new_articles": 0, "changed_articles": 0, "unchanged_articles": 0, "errors": 0}
        )
    return int(table.last_pk)


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict[str, Any], message: str = "") -> None:
    """Close a crawl_runs row with its final status and counts."""
    row = {k: v for k, v in counts.items() if k in db["crawl_runs"].columns_dict}
    if isinstance(row.get("error_summary"), dict):
        row["error_summary"] = json.dumps(row["error_summary"])
    row.update({"finished_at": now_iso(), "status": status, "message": message})
    with db.conn:
        db["crawl_runs"].update(run_id, row)


def content_hash(text: str) -> str:
    """A stable hash of an article's normalised text."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def article_hash(article: Article) -> str:
    """The content hash an article is stored and compared under: its title and text together."""
    return content_hash(article.title + "\n" + article.text)


def save_article(db: sqlite_utils.Database, article: Article, run_id: int | None = None,
                 simhash: str | None = None, duplicate_of: str | None = None, digest: str | None = None,
                 commit: bool = True) -> str:
    """Insert or update an article; return 'new', 'changed' or 'unchanged'.

    With commit=False the writes join the connection's open transaction, for the caller to commit.
    """
    digest = digest or article_hash(article)
    row = {
        "url": article.url, "source": article.source, "title": article.title, "published": article.published,
        "author": article.author, "text": article.text, "fetched_at": article.fetched_at or now_iso(),
        "content_hash": digest, "simhash": simhash, "duplicate_of": duplicate_of,
        "canonical_url": article.canonical_url, "discovered_by": article.discovered_by, "etag": article.etag,
        "last_modified": article.last_modified, "lastmod": article.lastmod, "run_id": run_id,
    }
    # Plain prepared statements: sqlite-utils' insert/update introspect the table on every call, which
    # cost about a millisecond an article in the crawler.
    con = db.conn
    if not commit:
        return _write_article(con, row)
    with con:
        return _write_article(con, row)


def _write_article(con: sqlite3.Connection, row: dict[str, Any]) -> str:
    """The statements of save_article, in the caller's transaction."""
    old = con.execute("select content_hash from articles where url = ?", [row["url"]]).fetchone()
    if old is not None and old[0] == row["content_hash"]:
        keep = {k: row[k] for k in ("fetched_at", "etag", "last_modified", "lastmod", "run_id") if row[k]}
        con.execute(f"update articles set {', '.join(f'{k} = ?' for k in keep)} where url = ?",
                    [*keep.values(), row["url"]])
        return "unchanged"
    row["updated_at"] = row["fetched_at"]
    row["is_event"] = None
    row["extractor_version"] = None  # new or changed text: extract at the next build
    if old is None:
        con.execute(f"insert into articles ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                    list(row.values()))
        return "new"
    url = row.pop("url")
    con.execute(f"update articles set {', '.join(f'{k} = ?' for k in row)} where url = ?", [*row.values(), url])
    return "changed"


def record_page(db: sqlite_utils.Database, url: str, source: str, kind: str, status: int | None = None,
                etag: str | None = None, last_modified: str | None = None, lastmod: str | None = None,
                error: str | None = None, run_id: int | None = None) -> None:
    """Remember a fetched URL (article, listing, other or error) and its validators."""
    row = {"url": url, "source": source, "kind": kind, "status": status, "etag": etag,
           "last_modified": last_modified, "lastmod": lastmod, "fetched_at": now_iso(), "error": error,
           "run_id": run_id}
    with db.conn:
        db.conn.execute(f"insert or replace into pages ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                        list(row.values()))


def page_states(db: sqlite_utils.Database, source: str) -> dict[str, dict[str, Any]]:
    """Known URLs of a source with kind and validators (etag, last_modified, lastmod)."""
    rows = db.query("select url, kind, status, etag, last_modified, lastmod from pages where source = ?", [source])
    states = {r["url"]: r for r in rows}
    for r in db.query("select url, etag, last_modified, lastmod from articles where source = ?", [source]):
        states.setdefault(r["url"], {**r, "kind": "article", "status": 200})
    return states


def record_error(db: sqlite_utils.Database, run_id: int | None, source: str, url: str, kind: str,
                 status: int | None = None, message: str = "") -> None:
    """Log one crawl failure; failures are counted, never fatal."""
    with db.conn:
        db["crawl_errors"].insert(
            {"run_id": run_id, "source": source, "url": url, "kind": kind, "status": status,
             "message": message[:500], "at": now_iso()}
        )


def record_source_stats(db: sqlite_utils.Database, run_id: int, source: str, stats: dict[str, Any]) -> None:
    """Store one source's figures for a run."""
    row = {k: v for k, v in stats.items() if k in db["source_stats"].columns_dict}
    if isinstance(row.get("errors_by_kind"), dict):
        row["errors_by_kind"] = json.dumps(row["errors_by_kind"])
    row.update({"run_id": run_id, "source": source})
    with db.conn:
        db["source_stats"].upsert(row, pk=("run_id", "source"))
