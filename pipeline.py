#!/usr/bin/env python3
"""Pantau LKK command line: crawl, parse, extract, build, serve, nightly, demo (CONTRACT.md §1)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

ROOT = Path(__file__).resolve().parent
DEFAULT_SOURCES = Path("crawler/sources.toml")
DEFAULT_DB = Path("data/events.db")
MAX_LINE_BYTES = 50_000_000  # a saved page larger than this is refused, not parsed
BUILD_CHUNK = 2000  # articles extracted and stored at a time by `build`

log = logging.getLogger("pantau")
LOG_DIR: Path | None = None  # set by main(); the crawler child logs to LOG_DIR/crawl.log


class CliError(Exception):
    """A failure to report as one line on stderr with a non-zero exit."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments as one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


# ---------------------------------------------------------------- JSON Lines input and output


@dataclass
class Line:
    """One line of a JSON Lines file: its number and record, or why it could not be read."""

    number: int
    record: dict[str, Any] | None
    error: str | None = None


def read_jsonl(path: Path) -> Iterator[Line]:
    """Yield every non-blank line of a JSON Lines file; unreadable lines carry an error instead."""
    if not path.exists():
        raise CliError(f"{path}: no such file")
    if path.is_dir():
        raise CliError(f"{path}: is a directory, not a JSON Lines file")
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                yield Line(number, None, f"line is {len(raw):,} bytes, over the {MAX_LINE_BYTES:,} limit")
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as err:
                yield Line(number, None, f"not UTF-8 text ({err.reason} at byte {err.start})")
                continue
            except json.JSONDecodeError as err:
                yield Line(number, None, f"not JSON ({err.msg} at column {err.colno})")
                continue
            if not isinstance(record, dict):
                yield Line(number, None, f"expected a JSON object, got {type(record).__name__}")
                continue
            yield Line(number, record)


def warn_line(path: Path, line: Line, message: str) -> None:
    """Report one bad input line on stderr, naming the file and line."""
    print(f"{path}:{line.number}: {message}", file=sys.stderr)


def open_output(path: Path) -> IO[str]:
    """Open an output file, creating its folder, with a clear message when that fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8")
    except OSError as err:
        raise CliError(f"{path}: cannot write ({err.strerror})") from None


def write_line(handle: IO[str], record: dict[str, Any]) -> None:
    """Write one JSON Lines record."""
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- parse


def cmd_parse(args: argparse.Namespace) -> int:
    """Saved pages -> article records, with no network."""
    from crawler.article import parse_article

    bad = written = 0
    with open_output(args.output) as out:
        for line in read_jsonl(args.input):
            rec = line.record
            if rec is None or not isinstance(rec.get("html"), str):
                bad += 1
                warn_line(args.input, line, line.error or "missing 'html' (a string)")
                if rec is None:
                    continue
            page_id, url = rec.get("id"), rec.get("url") if isinstance(rec.get("url"), str) else None
            article = None
            if isinstance(rec.get("html"), str):
                try:
                    article = parse_article(rec["html"], url)
                except Exception as err:  # one broken page must not stop the batch
                    bad += 1
                    warn_line(args.input, line, f"could not parse page: {err}")
            row = {"id": page_id, "url": url, "title": None, "published": None, "author": None, "text": "",
                   "is_article": article is not None}
            if article is not None:
                row.update(title=article.title, published=article.published, author=article.author,
                           text=article.text, url=url or article.canonical_url)
            write_line(out, row)
            written += 1
    log.info("parse: %d records written, %d input problems", written, bad)
    return 0


# ---------------------------------------------------------------- extract


def article_from_record(rec: dict[str, Any]) -> Any:
    """Build an Article from an extract input record (text, or html parsed to text)."""
    from records import Article

    text = rec.get("text")
    title = rec.get("title") if isinstance(rec.get("title"), str) else ""
    published = rec.get("published") if isinstance(rec.get("published"), str) else None
    if not isinstance(text, str) or not text.strip():
        html = rec.get("html")
        if not isinstance(html, str):
            raise ValueError("needs 'text' or 'html' (a string)")
        from crawler.article import clean_text, parse_article

        parsed = parse_article(html, rec.get("url"))
        if parsed is not None:
            text, title, published = parsed.text, title or parsed.title, published or parsed.published
        else:  # not shaped like an article page: its visible text may still report an event
            from bs4 import BeautifulSoup

            text = clean_text(BeautifulSoup(html, "lxml").get_text("\n"))
        if not text.strip():
            raise ValueError("'html' holds no text")
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    source = rec.get("source") if isinstance(rec.get("source"), str) else None
    return Article(url=url or "", title=title or "", text=text, published=published, id=str(rec["id"]),
                   source=source)


def cmd_extract(args: argparse.Namespace) -> int:
    """Article records -> event records, one output line per input line, same order."""
    import extract

    articles = []
    slots: list[dict[str, Any] | str | None] = []  # an error record, or the input url of the next result
    for line in read_jsonl(args.input):
        rec = line.record
        problem = line.error or (None if "id" in rec else "missing 'id'")
        if problem is None:
            try:
                articles.append(article_from_record(rec))
                slots.append(rec.get("url") if isinstance(rec.get("url"), str) else None)
                continue
            except ValueError as err:
                problem = str(err)
        warn_line(args.input, line, problem)
        rec = rec or {}
        slots.append({"id": rec.get("id"), "url": rec.get("url"), "is_event": False, "events": [], "error": problem})
    results = iter(extract.extract_many(articles))
    with open_output(args.output) as out:
        for slot in slots:
            if isinstance(slot, dict):
                write_line(out, slot)
            else:
                write_line(out, {**next(results).to_record(), "url": slot})
    log.info("extract: %d articles, %d unreadable lines", len(articles), len(slots) - len(articles))
    return 0


# ---------------------------------------------------------------- crawl, build, serve


def load_sources_or_fail(path: Path) -> list[Any]:
    """Read a sources file, turning its problems into one clear line."""
    from crawler.sources import SourcesError, load_sources

    if not path.exists():
        raise CliError(f"{path}: no such sources file")
    try:
        sources = load_sources(path)
    except SourcesError as err:
        raise CliError(str(err)) from None
    if not sources:
        raise CliError(f"{path}: no [[source]] entries")
    return sources


def run_crawl(sources: list[Any], db: Path, since: date | None = None, polite: bool = True,
              run_id: int | None = None) -> Any:
    """Crawl the sources into the working database and return the crawler's report."""
    from crawler.run import crawl
    from ops.logs import rotate_if_large

    log.info("stage: crawl (%d sources into %s)", len(sources), db)
    log_file = rotate_if_large(LOG_DIR / "crawl.log") if LOG_DIR else None
    return crawl(sources, db, since=since, polite=polite, run_id=run_id, log_file=log_file)


def with_progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    """A progress bar on a terminal; the items untouched under cron."""
    if not sys.stderr.isatty() or total < 20:
        return items
    from rich.progress import track

    return track(items, total=total, description=label, transient=True)


def run_build(db_path: Path) -> dict[str, int]:
    """Extract events for articles not yet extracted by this version, merge, index and publish."""
    import extract
    from store.db import open_db
    from store.events import (
        ensure_event_schema,
        merge_events,
        pending_articles,
        pending_count,
        refresh_search,
        save_results,
    )
    from store.publish import PublishError, publish

    if not db_path.exists():
        raise CliError(f"{db_path}: no database; run `pipeline.py crawl` first")
    log.info("stage: build (extractor %s)", extract.VERSION)
    db = open_db(db_path)
    ensure_event_schema(db)
    regions = {r["name"]: r["region"] for r in db.query("select name, region from sources") if r["region"]}
    total, done, first = pending_count(db, extract.VERSION), 0, None
    counts: dict[str, int] = {"articles": 0, "events": 0, "officials": 0, "changed": 0}
    # a chunk at a time, each stored before the next is read: memory stays flat on a backfill of any size,
    # and a build killed halfway resumes where it stopped
    while chunk := list(pending_articles(db, extract.VERSION, limit=BUILD_CHUNK)):
        if chunk[0].url == first:
            raise CliError(f"build: {first} is still pending after its extraction was stored")
        first = chunk[0].url
        results = extract.extract_many(chunk, default_regions=regions)
        label = f"extracting {done + 1}-{done + len(chunk)} of {total}"
        for key, value in save_results(db, zip(chunk, with_progress(results, len(chunk), label), strict=True),
                                       extract.VERSION).items():
            counts[key] += value
        done += len(chunk)
    counts["merged_groups"] = merge_events(db)
    refresh_search(db)
    db.close()
    log.info("stage: publish")
    try:
        target = publish(db_path)
    except PublishError as err:
        raise CliError(f"publish failed, the served file is unchanged: {err}") from None
    counts["published"] = 1
    log.info("build: %s -> %s", counts, target)
    return counts


def cmd_crawl(args: argparse.Namespace) -> int:
    """Crawl the sources file into the database."""
    sources = load_sources_or_fail(args.sources)
    report = run_crawl(sources, args.db, since=args.since)
    print_crawl_report(args.db, report.run_id)
    return 0 if report.status in ("ok", "degraded") else 1


def cmd_build(args: argparse.Namespace) -> int:
    """Re-extract events and publish."""
    counts = run_build(args.db)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


def served_file(db: Path) -> Path:
    """The file Datasette should serve: the published copy when there is one."""
    from store.publish import public_path

    public = public_path(db)
    if public.exists():
        return public
    if db.exists():
        return db
    raise CliError(f"{db}: no database; run `pipeline.py crawl` and `pipeline.py build` first")


def announce_when_up(url: str, what: Path) -> None:
    """Print the address once Datasette answers there (run in a thread)."""
    try:
        wait_for_http(url, timeout=120)
    except CliError as err:
        print(f"pipeline.py: {err}", file=sys.stderr, flush=True)
        return
    print(f"Datasette is serving {what} at {url}  (Ctrl-C to stop)", flush=True)


def wait_for_http(url: str, timeout: float = 60.0, server: subprocess.Popen | None = None) -> None:
    """Block until url answers, or fail clearly (at once when the server process given has exited)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise CliError(f"the server exited with status {server.returncode} before answering on {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise CliError(f"nothing answered on {url} within {timeout:.0f} s")


def serve_until_stopped(db: Path, host: str, port: int) -> int:
    """Run Datasette on the published file until Ctrl-C, restarting it whenever a build republishes."""
    from store.serve import serve_until_stopped as serve

    target = served_file(db).resolve()
    url = f"http://{host}:{port}/"
    threading.Thread(target=announce_when_up, args=(url, target), daemon=True).start()
    return serve(target, host=host, port=port)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the database with Datasette."""
    return serve_until_stopped(args.db, args.host, args.port)


# ---------------------------------------------------------------- nightly


def print_crawl_report(db_path: Path, run_id: int) -> Any:
    """Print the per-source run report and return it."""
    from ops.report import build_report, render
    from store.db import open_db

    db = open_db(db_path)
    report = build_report(db, run_id)
    print(render(report), flush=True)
    db.close()
    return report


def mark_abandoned_runs(db_path: Path) -> int:
    """Close crawl_runs rows left 'running' by a process that no longer exists."""
    from store.db import finish_run, open_db

    db = open_db(db_path)
    closed = 0
    for row in list(db.query("select id, pid from crawl_runs where status = 'running'")):
        if row["pid"] and pid_alive(row["pid"]):
            continue
        finish_run(db, row["id"], "aborted", {}, "the process died before the run finished")
        closed += 1
    db.close()
    return closed


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cmd_nightly(args: argparse.Namespace) -> int:
    """Crawl, build and publish in one locked run; exit 0 only when healthy."""
    from ops.lock import LockHeld, RunLock
    from store.db import finish_run, open_db, start_run

    sources = load_sources_or_fail(args.sources)
    lock = RunLock(args.db.parent / (args.db.stem + ".nightly.lock"))
    try:
        lock.acquire()
    except LockHeld as err:
        raise CliError(str(err), code=75) from None
    try:
        if lock.stale_cleared:
            log.warning("cleared a lock left by pid %s, which died", lock.stale_cleared.get("pid"))
        if closed := mark_abandoned_runs(args.db):
            log.warning("marked %d interrupted run(s) as aborted", closed)
        db = open_db(args.db)
        run_id = start_run(db, kind="nightly", pid=os.getpid())
        db.close()
        report = run_crawl(sources, args.db, since=args.since, run_id=run_id)
        crawl_report = print_crawl_report(args.db, report.run_id)
        try:
            counts = run_build(args.db)
        except CliError:
            raise
        except Exception as err:
            db = open_db(args.db)
            finish_run(db, run_id, "failed", {}, f"build failed: {err}")
            raise CliError(f"build failed: {err}") from err
        print("build: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        problems = [f"{line.source}: {'; '.join(line.flags)}" for line in crawl_report.flagged]
        if report.status not in ("ok",) and not problems:
            problems.append(f"crawl {report.status}: {report.message}")
        if problems:
            raise CliError(f"unhealthy run {run_id}: " + " | ".join(problems))
        print(f"nightly: run {run_id} healthy", flush=True)
        return 0
    finally:
        lock.release()


# ---------------------------------------------------------------- demo


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the sample sites, crawl them, build, and serve Datasette until stopped."""
    from crawler.sources import load_sources
    from samples.server import SampleSites

    demo_dir = args.data_dir / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    db = demo_dir / "events.db"  # named like the production file, so Datasette's links read the same
    with SampleSites(base_port=args.sites_port) as sites:
        marker = demo_dir / "sites.json"
        urls = json.dumps(sites.base_urls, sort_keys=True)
        if args.fresh or not marker.exists() or marker.read_text() != urls:
            # Sample URLs carry the port: a database made on other ports would hold stale links.
            shutil.rmtree(demo_dir)
            demo_dir.mkdir(parents=True)
        sources_file = sites.write_sources(demo_dir / "sources.toml")
        print("Sample sites: " + ", ".join(f"{name} {url}" for name, url in sites.base_urls.items()), flush=True)
        started = time.monotonic()
        report = run_crawl(load_sources(sources_file), db, polite=False)
        marker.write_text(urls)
        print_crawl_report(db, report.run_id)
        counts = run_build(db)
        print("build: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        print(f"demo database ready in {time.monotonic() - started:.1f} s", flush=True)
        if args.no_serve:
            return 0
        print(f"Open http://127.0.0.1:{args.port}/ in a browser", flush=True)
        return serve_until_stopped(db, "127.0.0.1", args.port)


# ---------------------------------------------------------------- argument parsing


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def port(text: str) -> int:
    """argparse type for a TCP port."""
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def build_parser() -> Parser:
    """The command line, one subcommand per stage (CONTRACT.md §1)."""
    parser = Parser(prog="pipeline.py", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--log-dir", type=Path, default=Path("logs"), help="rotating log folder (default: logs)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="SUBCOMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> Parser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("crawl", cmd_crawl, "crawl the sources into the database (incremental)")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help=f"sources file (default: {DEFAULT_SOURCES})")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"working database (default: {DEFAULT_DB})")
    p.add_argument("--since", type=iso_date, help="backfill: crawl back to this date (YYYY-MM-DD)")

    p = add("parse", cmd_parse, "turn saved pages ({id,url,html} JSON Lines) into article records, no network")
    p.add_argument("--input", type=Path, required=True, help="PAGES.jsonl")
    p.add_argument("--output", type=Path, required=True, help="ARTICLES.jsonl")

    p = add("extract", cmd_extract, "run the NLP step on article records (JSON Lines in, JSON Lines out)")
    p.add_argument("--input", type=Path, required=True, help="ARTICLES.jsonl")
    p.add_argument("--output", type=Path, required=True, help="EVENTS.jsonl")

    p = add("build", cmd_build, "(re)extract events for stored articles and publish the tables")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"working database (default: {DEFAULT_DB})")

    p = add("serve", cmd_serve, "serve the published database with Datasette (read-only)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"working database (default: {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=port, default=8001, help="port (default: 8001)")

    p = add("nightly", cmd_nightly, "crawl + build + publish in one locked run; exit 0 only when healthy")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help=f"sources file (default: {DEFAULT_SOURCES})")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"working database (default: {DEFAULT_DB})")
    p.add_argument("--since", type=iso_date, help="backfill: crawl back to this date (YYYY-MM-DD)")

    p = add("demo", cmd_demo, "serve the bundled sample sites, crawl, build, and serve Datasette until stopped")
    p.add_argument("--port", type=port, default=8001, help="Datasette port (default: 8001)")
    p.add_argument("--sites-port", type=port, default=8101,
                   help="first port of the sample sites (default: 8101; 0 picks free ports)")
    p.add_argument("--data-dir", type=Path, default=Path("data"),
                   help="the demo database goes in DATA_DIR/demo/ (default: data)")
    p.add_argument("--fresh", action="store_true", help="discard the previous demo database first")
    p.add_argument("--no-serve", action="store_true", help="stop after building (for scripts and tests)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run one subcommand, turn failures into one line on stderr."""
    args = build_parser().parse_args(argv)
    from ops.logs import setup_logging

    global LOG_DIR
    LOG_DIR = args.log_dir
    try:
        setup_logging(args.log_dir, args.verbose)
    except OSError as err:
        print(f"pipeline.py: cannot write logs to {args.log_dir}: {err.strerror}", file=sys.stderr)
        return 1
    try:
        return args.func(args)
    except CliError as err:
        print(f"pipeline.py {args.command}: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print(f"pipeline.py {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as err:
        log.exception("unexpected failure")
        print(f"pipeline.py {args.command}: unexpected {type(err).__name__}: {err} (details in the log)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
