"""Acceptance bars of article extraction on 36 real Indonesian news pages (../shared/realpages)."""

from __future__ import annotations

import json
import statistics
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from crawler.article import decode_html, page_kind, parse_article
from records import Article

WIB = timezone(timedelta(hours=7))  # every site in the set publishes from Jakarta


def _pages(shared: Path) -> list[dict[str, Any]]:
    """The index lines, each with its file's bytes."""
    base = shared / "realpages"
    rows = [json.loads(line) for line in (base / "index.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        row["raw"] = (base / row["file"]).read_bytes()
    return rows


def _gold_day(epoch_ms: int) -> str:
    """The gold epoch (a UTC instant) as a calendar date in the page's zone."""
    return datetime.fromtimestamp(epoch_ms / 1000, WIB).date().isoformat()


@pytest.fixture(scope="module")
def results(shared_dir: Path) -> list[tuple[dict[str, Any], Article | None]]:
    """Every real page parsed once."""
    return [(row, parse_article(row["raw"], row["url"])) for row in _pages(shared_dir)]


def _articles(results: list[tuple[dict[str, Any], Article | None]]) -> list[tuple[dict[str, Any], Article | None]]:
    return [(row, a) for row, a in results if "title" in row["gold"]]


def test_every_article_page_parses(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    missing = [row["file"] for row, a in _articles(results) if a is None]
    assert missing == []


def test_titles_exact(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    rows = _articles(results)
    wrong = [(row["gold"]["title"], a.title if a else None) for row, a in rows
             if not a or a.title != row["gold"]["title"]]
    print(f"\ntitles exact: {len(rows) - len(wrong)}/{len(rows)}; wrong: {wrong}")
    assert len(rows) - len(wrong) >= 25


def test_dates_right(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    rows = _articles(results)
    wrong = [(row["file"], _gold_day(row["gold"]["date"]), a.published if a else None) for row, a in rows
             if not a or (a.published or "")[:10] != _gold_day(row["gold"]["date"])]
    print(f"\ndates right: {len(rows) - len(wrong)}/{len(rows)}; wrong: {wrong}")
    assert wrong == []


def test_times_agree_with_gold_instant(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    """Where a time with a zone is given, it is the gold instant (to the minute)."""
    timed = [(row, a) for row, a in _articles(results) if a and a.published and len(a.published) > 10]
    off = []
    for row, a in timed:
        ours = datetime.fromisoformat(a.published)
        gold = datetime.fromtimestamp(row["gold"]["date"] / 1000, UTC)
        if abs((ours - gold).total_seconds()) >= 60:
            off.append((row["file"], a.published, gold.isoformat()))
    print(f"\ntimed: {len(timed)}; off by a minute or more: {off}")
    assert len(off) <= 2


def test_body_token_f1(results: list[tuple[dict[str, Any], Article | None]], scorer: ModuleType) -> None:
    token_f1 = scorer.token_f1
    scores = {row["file"]: token_f1(row["gold"]["content"], a.text if a else "") for row, a in _articles(results)}
    median, low = statistics.median(scores.values()), min(scores.values())
    print(f"\nbody token F1 median {median:.3f}, min {low:.3f} ({min(scores, key=scores.get)})")
    assert median >= 0.98
    assert low >= 0.8


def test_listing_pages_are_not_articles(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    listings = [(row, a) for row, a in results if "title" not in row["gold"]]
    assert len(listings) == 10
    wrong = [row["file"] for row, a in listings
             if a is not None or page_kind(decode_html(row["raw"]), row["url"]) == "article"]
    assert wrong == []


def test_article_pages_are_articles(results: list[tuple[dict[str, Any], Article | None]]) -> None:
    wrong = [row["file"] for row, _ in _articles(results)
             if page_kind(decode_html(row["raw"]), row["url"]) != "article"]
    assert wrong == []
