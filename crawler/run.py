"""Run a crawl: Scrapy in a child process (its reactor cannot restart), the report read back from the database.

`crawl()` is the library entry point.  `python -m crawler.run --sources FILE --db PATH` runs one crawl
in this very process (what crawl()'s child does), so that killing it kills the whole crawl.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from records import Source
from store import crawlstate
from store.db import finish_run, open_db, start_run, upsert_sources

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


@dataclass
class SourceReport:
    """One source's figures in a run."""

    name: str
    pages: int = 0
    new_articles: int = 0
    changed_articles: int = 0
    unchanged_articles: int = 0
    skipped_known: int = 0
    errors: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    discovery: list[str] = field(default_factory=list)
    last_new_article_at: str | None = None
    days_since_new: int | None = None
    flag: str | None = None


@dataclass
class CrawlReport:
    """A run's outcome: status ("ok" | "degraded" | "failed"), counts, and one SourceReport per source."""

    run_id: int
    status: str
    pages: int = 0
    new_articles: int = 0
    changed_articles: int = 0
    unchanged_articles: int = 0
    errors: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    sources: dict[str, SourceReport] = field(default_factory=dict)
    message: str = ""


# ---------------------------------------------------------------- reports


def _source_reports(db: Any, run_id: int, sources: list[Source]) -> tuple[dict[str, SourceReport], bool]:
    """Per-source reports of a run, and whether the crawler wrote its stats (False: it died first)."""
    rows = {r["source"]: r for r in crawlstate.run_source_stats(db, run_id)}
    if rows:
        fields = SourceReport.__dataclass_fields__
        return {s.name: SourceReport(**{k: v for k, v in rows.get(s.name, {"name": s.name}).items()
                                        if k in fields} | {"name": s.name}) for s in sources}, True
    errors = crawlstate.run_errors_by_source(db, run_id)
    written = crawlstate.run_written_counts(db, run_id)
    reports = {}
    for s in sources:
        kinds = errors.get(s.name, {})
        counts = written.get(s.name, {})
        reports[s.name] = SourceReport(s.name, pages=counts.get("articles", 0) + counts.get("pages", 0)
                                       + sum(kinds.values()), errors=sum(kinds.values()), errors_by_kind=kinds)
    return reports, False


def _status(reports: dict[str, SourceReport], complete: bool, exit_code: int) -> tuple[str, str]:
    """The run's status and a one-line message."""
    fetched = sum(r.pages - r.errors for r in reports.values())
    flagged = [f"{r.name}: {r.flag}" for r in reports.values() if r.flag]
    if fetched <= 0:
        return "failed", "nothing could be fetched" + (f" (crawler exit code {exit_code})" if exit_code else "")
    if not complete or exit_code:
        return "degraded", f"crawler stopped early (exit code {exit_code}); what it stored is kept"
    if flagged:
        return "degraded", "; ".join(flagged)
    return "ok", ""


def build_report(db_path: Path, run_id: int, sources: list[Source], exit_code: int = 0) -> CrawlReport:
    """The report of a run, from source_stats (or, if the crawler died, from what it wrote)."""
    db = open_db(db_path)
    reports, complete = _source_reports(db, run_id, sources)
    status, message = _status(reports, complete, exit_code)
    kinds: dict[str, int] = {}
    for r in reports.values():
        for kind, n in r.errors_by_kind.items():
            kinds[kind] = kinds.get(kind, 0) + n
    return CrawlReport(
        run_id=run_id, status=status, pages=sum(r.pages for r in reports.values()),
        new_articles=sum(r.new_articles for r in reports.values()),
        changed_articles=sum(r.changed_articles for r in reports.values()),
        unchanged_articles=sum(r.unchanged_articles for r in reports.values()),
        errors=sum(r.errors for r in reports.values()), errors_by_kind=kinds, sources=reports, message=message)


def _close(db_path: Path, report: CrawlReport) -> None:
    """Close the crawl_runs row with the crawl's status and counts (a caller that goes on may update it later)."""
    counts = {"sources": len(report.sources), "pages": report.pages, "new_articles": report.new_articles,
              "changed_articles": report.changed_articles, "unchanged_articles": report.unchanged_articles,
              "errors": report.errors, "error_summary": report.errors_by_kind}
    finish_run(open_db(db_path), report.run_id, report.status, counts, report.message)


# ---------------------------------------------------------------- running


class CrawlError(ValueError):
    """A crawl that cannot start (unusable database); the message is one line."""


def _prepare(sources: list[Source], db_path: Path, run_id: int | None) -> int:
    """Record the sources and open a crawl_runs row unless the caller gave one; returns the run id."""
    try:
        db = open_db(db_path)
        upsert_sources(db, sources)
        return run_id if run_id is not None else start_run(db, "crawl", pid=os.getpid())
    except (sqlite3.Error, OSError) as exc:
        raise CrawlError(f"{db_path}: cannot use the database: {exc}") from None


def run_spider(sources: list[Source], db_path: Path, run_id: int, since: date | None = None,
               polite: bool = True, settings: dict[str, Any] | None = None, log_file: Path | None = None) -> None:
    """Run the spider in this process until it finishes (the reactor cannot be started twice)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import crawl_settings
    from crawler.spiders.news import NewsSpider

    extra = {"LOG_FILE": str(log_file), "LOG_LEVEL": "INFO"} if log_file else {"LOG_LEVEL": "WARNING"}
    process = CrawlerProcess(crawl_settings(polite, {**extra, **(settings or {})}))
    process.crawl(NewsSpider, sources=sources, db_path=str(db_path), run_id=run_id, since=since)
    process.start()


def _spec(sources: list[Source], db_path: Path, run_id: int, since: date | None, polite: bool,
          settings: dict[str, Any] | None, log_file: Path | None) -> dict[str, Any]:
    """Everything the child process needs, as JSON-able data."""
    return {"sources": [asdict(s) for s in sources], "db": str(db_path), "run_id": run_id,
            "since": since.isoformat() if since else None, "polite": polite, "settings": settings or {},
            "log_file": str(log_file) if log_file else None}


def _run_child(spec: dict[str, Any]) -> int:
    """Run the crawl of a spec in a child Python process and return its exit code."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(spec, fh)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, "-m", "crawler.run", "--spec", fh.name], cwd=str(ROOT), env=env)
    try:
        return proc.wait()
    except BaseException:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    finally:
        Path(fh.name).unlink(missing_ok=True)


def crawl(sources: list[Source], db_path: Path, *, since: date | None = None, run_id: int | None = None,
          polite: bool = True, settings: dict | None = None, log_file: Path | None = None) -> CrawlReport:
    """Crawl the sources into the database (incrementally) and return the run's report."""
    db_path = Path(db_path)
    run_id = _prepare(sources, db_path, run_id)
    exit_code = _run_child(_spec(sources, db_path, run_id, since, polite, settings, log_file))
    report = build_report(db_path, run_id, sources, exit_code)
    _close(db_path, report)
    return report


# ---------------------------------------------------------------- command line


def _from_spec(path: Path) -> int:
    """The child's side of crawl(): run the spider of a spec file."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    sources = [Source(**{k: tuple(v) if isinstance(v, list) else v for k, v in s.items()}) for s in spec["sources"]]
    run_spider(sources, Path(spec["db"]), spec["run_id"], date.fromisoformat(spec["since"]) if spec["since"] else None,
               spec["polite"], spec["settings"], Path(spec["log_file"]) if spec["log_file"] else None)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m crawler.run --sources FILE --db PATH [--since DATE] [--fast]`: one crawl in this process."""
    from crawler.sources import SourcesError, load_sources

    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=main.__doc__)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, default=ROOT / "crawler" / "sources.toml")
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "events.db")
    parser.add_argument("--since", type=date.fromisoformat, help="backfill back to this date (YYYY-MM-DD)")
    parser.add_argument("--fast", action="store_true", help="no throttling or delays (local sites only)")
    parser.add_argument("--log-file", type=Path)
    args = parser.parse_args(argv)
    if args.spec:
        return _from_spec(args.spec)
    try:
        sources = load_sources(args.sources)
        run_id = _prepare(sources, args.db, None)
    except (SourcesError, CrawlError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    run_spider(sources, args.db, run_id, args.since, not args.fast, None, args.log_file)
    report = build_report(args.db, run_id, sources)
    _close(args.db, report)
    print(json.dumps({k: v for k, v in asdict(report).items() if k != "sources"}, ensure_ascii=False))
    return 0 if report.status != "failed" else 1


if __name__ == "__main__":
    sys.exit(main())
