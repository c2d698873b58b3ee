"""Publish the working database as a compact, searchable, read-only file, replaced atomically."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from store.events import ensure_event_schema, refresh_search

log = logging.getLogger(__name__)
# Crawl bookkeeping that readers of the published data do not need.
PRIVATE_TABLES = ("pages", "search_indexed")


class PublishError(RuntimeError):
    """Publishing failed; the public file was left as it was."""


def public_path(work_db: Path) -> Path:
    """Where the public copy of a working database goes: data/events.db -> data/public/events.db."""
    work_db = Path(work_db)
    return work_db.parent / "public" / work_db.name


def backup_dir(public_db: Path) -> Path:
    """The folder holding earlier public files."""
    return Path(public_db).parent / "backups"


def _copy(work_db: Path, tmp: Path) -> None:
    """Copy a live database page by page with SQLite's backup API (consistent even while it is written)."""
    src = sqlite3.connect(f"file:{work_db}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _rowid_signature(db: sqlite_utils.Database) -> tuple:
    """Count, max and sum of rowids of the tables behind FTS indexes (VACUUM must not have moved them)."""
    return tuple(db.execute(f"select count(*), max(rowid), sum(rowid) from {t}").fetchone()
                 for t in ("articles", "events"))


def _drop_private(db: sqlite_utils.Database) -> None:
    """Remove the crawl bookkeeping tables from the public copy."""
    for table in PRIVATE_TABLES:
        if table in db.table_names():
            db[table].drop()


def _prepare(tmp: Path) -> None:
    """Turn the copy into the public file: schema, search, no private tables, compact, analysed, checked."""
    db = sqlite_utils.Database(tmp)
    try:
        db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, served immutable
        ensure_event_schema(db)
        refresh_search(db)  # incremental: the working db's search_indexed says what is done already
        _drop_private(db)
        before = _rowid_signature(db)
        db.vacuum()
        if _rowid_signature(db) != before:  # FTS rowids would point at the wrong rows: index again
            db.execute("insert into articles_fts (articles_fts) values ('rebuild')")
            refresh_search(db)
            _drop_private(db)
        db.analyze()
        db.execute("PRAGMA optimize")
        check = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            raise PublishError(f"integrity_check failed on the new public file: {'; '.join(check[:3])}")
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            log.warning("public file has %d rows with a dangling foreign key (first: %s)", len(broken), broken[0])
    finally:
        db.close()


def _keep_backup(target: Path, keep: int) -> None:
    """Keep the current public file as a timestamped backup and drop all but the newest `keep`."""
    folder = backup_dir(target)
    if keep > 0 and target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = folder / f"{target.stem}.{stamp}{target.suffix}"
        try:
            os.link(target, backup)  # the old file is replaced, never modified: a hard link is a full backup
        except OSError:
            shutil.copy2(target, backup)
    if folder.exists():
        old = sorted(folder.glob(f"{target.stem}.*{target.suffix}"), reverse=True)
        for stale in old[max(keep, 0):]:
            stale.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(work_db: Path, public_db: Path | None = None, keep_backups: int = 2) -> Path:
    """Build the public copy beside its target and swap it in atomically; return its path."""
    work_db = Path(work_db)
    if not work_db.is_file():
        raise PublishError(f"no database at {work_db}: run crawl or build first")
    target = Path(public_db) if public_db else public_path(work_db)
    if target.resolve() == work_db.resolve():
        raise PublishError(f"the public file must differ from the working database ({work_db})")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _copy(work_db, tmp)
        _prepare(tmp)
        _fsync(tmp)
        _keep_backup(target, keep_backups)
        os.replace(tmp, target)
        _fsync(target.parent)
    except PublishError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise PublishError(f"could not publish {work_db}: {exc}") from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
    log.info("published %s (%.1f MB)", target, target.stat().st_size / 1e6)
    return target
