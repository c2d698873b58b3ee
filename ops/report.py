"""The run report: per source figures for one run, with sources that went quiet or started failing flagged."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field

import sqlite_utils

SILENT_AFTER_DAYS = 30  # a regional source that published nothing new for a month has likely changed its layout
FAILING_FACTOR = 2.0  # error rate this many times the source's usual rate


@dataclass
class SourceLine:
    """One source's line in the run report."""

    source: str
    pages: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    discovery: str = ""
    days_since_new: int | None = None
    flags: list[str] = field(default_factory=list)


@dataclass
class RunReport:
    """What a nightly run did, for the log, the terminal and the exit status."""

    run_id: int
    status: str
    lines: list[SourceLine]
    message: str = ""

    @property
    def flagged(self) -> list[SourceLine]:
        """Sources needing a human's look."""
        return [line for line in self.lines if line.flags]


def usual_error_rate(db: sqlite_utils.Database, source: str, run_id: int) -> float | None:
    """Median error rate of the source over its earlier runs."""
    rows = db.query(
        "select errors, pages from source_stats where source = ? and run_id < ? order by run_id desc limit 14",
        [source, run_id],
    )
    rates = [r["errors"] / r["pages"] for r in rows if r["pages"]]
    return statistics.median(rates) if rates else None


def mostly_failing(errors: int, pages: int) -> bool:
    """Whether more than half of a source's requests failed (the one 'failing' rule, for the crawl and the report)."""
    return bool(pages) and errors * 2 > pages


def flags_for(line: SourceLine, usual: float | None) -> list[str]:
    """Why a source deserves attention in this run, if it does."""
    flags = []
    if line.pages == 0 or (line.new + line.changed + line.unchanged == 0 and line.errors):
        flags.append("nothing fetched")
    elif line.days_since_new is not None and line.days_since_new >= SILENT_AFTER_DAYS:
        flags.append(f"silent for {line.days_since_new} days")
    rate = line.errors / line.pages if line.pages else 0.0
    if mostly_failing(line.errors, line.pages):
        flags.append(f"{rate:.0%} of requests failed")
    elif usual is not None and rate > max(usual * FAILING_FACTOR, usual + 0.1):
        flags.append(f"errors {rate:.0%} vs usual {usual:.0%}")
    return flags


def build_report(db: sqlite_utils.Database, run_id: int) -> RunReport:
    """Assemble the report of one crawl run from crawl_runs and source_stats."""
    run = db["crawl_runs"].get(run_id)
    lines = []
    for row in db.query("select * from source_stats where run_id = ? order by source", [run_id]):
        line = SourceLine(
            source=row["source"], pages=row["pages"] or 0, new=row["new_articles"] or 0,
            changed=row["changed_articles"] or 0, unchanged=row["unchanged_articles"] or 0,
            errors=row["errors"] or 0, errors_by_kind=json.loads(row["errors_by_kind"] or "{}"),
            discovery=row["discovery"] or "", days_since_new=row["days_since_new"],
        )
        line.flags = flags_for(line, usual_error_rate(db, line.source, run_id))
        lines.append(line)
    return RunReport(run_id=run_id, status=run["status"] or "unknown", lines=lines, message=run["message"] or "")


def render(report: RunReport) -> str:
    """The report as a plain-text table."""
    head = f"{'source':<24}{'pages':>6}{'new':>5}{'chg':>5}{'same':>6}{'err':>5}  {'discovery':<22}{'days':>5}  flags"
    out = [f"run {report.run_id}: {report.status}" + (f" ({report.message})" if report.message else ""), head]
    for line in report.lines:
        days = "-" if line.days_since_new is None else str(line.days_since_new)
        errs = ",".join(f"{k}={v}" for k, v in sorted(line.errors_by_kind.items()))
        flags = "; ".join(line.flags) + (f" [{errs}]" if errs else "")
        out.append(f"{line.source:<24}{line.pages:>6}{line.new:>5}{line.changed:>5}{line.unchanged:>6}"
                   f"{line.errors:>5}  {line.discovery[:22]:<22}{days:>5}  {flags}")
    return "\n".join(out)
