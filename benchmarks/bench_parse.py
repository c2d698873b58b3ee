"""Article-extraction benchmark: parse_article over the real pages and the hand-written fixtures.

    .venv/bin/python benchmarks/bench_parse.py [--rounds 3]

Prints pages/s, mean and worst ms per page, and peak traced memory (tracemalloc) plus the
process's peak RSS (resource). The real pages are read from ../shared/realpages beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler import article as extraction  # noqa: E402
from crawler.article import parse_article  # noqa: E402


def load_pages() -> list[tuple[str, str | None, bytes]]:
    """(name, url, bytes) of every real page and fixture available."""
    pages = []
    realpages = ROOT.parent / "shared" / "realpages"
    index = realpages / "index.jsonl"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            pages.append((row["file"], row["url"], (realpages / row["file"]).read_bytes()))
    for path in sorted((ROOT / "tests" / "pages").glob("*.html")):
        pages.append((path.name, f"https://fixture.example/{path.stem}/", path.read_bytes()))
    return pages


def run(pages: list[tuple[str, str | None, bytes]], rounds: int) -> dict[str, float]:
    """Parse every page `rounds` times; timings per page."""
    worst, total, count, articles = 0.0, 0.0, 0, 0
    for _ in range(rounds):
        for _name, url, raw in pages:
            extraction._reading.cache_clear()  # honest timings: no page is served from the per-page cache
            extraction._parsed.cache_clear()
            start = time.perf_counter()
            article = parse_article(raw, url)
            took = time.perf_counter() - start
            worst, total, count = max(worst, took), total + took, count + 1
            articles += article is not None
    return {"pages": count, "articles": articles, "seconds": total, "worst_ms": worst * 1000}


def main() -> None:
    """Command-line entry: run the benchmark and print one summary block."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the page set (default 3)")
    args = parser.parse_args()
    pages = load_pages()
    if not pages:
        sys.exit("no pages found (tests/pages or ../shared/realpages)")
    run(pages[:2], 1)  # warm-up: vocabulary files, trafilatura's lazy imports
    stats = run(pages, args.rounds)
    tracemalloc.start()  # a separate pass: tracing slows parsing several-fold
    run(pages, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = sum(len(raw) for _, _, raw in pages) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages: {len(pages)} ({size:.1f} MB) x {args.rounds} rounds; {stats['articles'] // args.rounds} articles")
    print(f"throughput: {stats['pages'] / stats['seconds']:.1f} pages/s "
          f"(mean {1000 * stats['seconds'] / stats['pages']:.1f} ms, worst {stats['worst_ms']:.0f} ms)")
    print(f"peak traced memory: {peak / 1e6:.1f} MB; peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
