"""Crawl benchmark: our spider vs a bare Scrapy fetcher on a local site of 2,000+ articles, then a rerun.

    .venv/bin/python benchmarks/bench_crawl.py [--articles 2000]

Prints pages/s and peak memory of both crawls (each in its own child process), the ratio
(target >= 70 %), and the requests of a second run with nothing new (target: no article page).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.run import crawl  # noqa: E402
from crawler.settings import crawl_settings  # noqa: E402
from crawler.sources import load_sources  # noqa: E402
from samples.server import WP_SITE, SampleSites  # noqa: E402

BARE = """
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
urls = json.load(open(sys.argv[1]))
settings = json.load(open(sys.argv[2]))

class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for url in urls:
            yield scrapy.Request(url, dont_filter=True)
    def parse(self, response):
        pass

process = CrawlerProcess(settings)
process.crawl(Bare)
process.start()
"""


def peak_child_mb() -> float:
    """Peak resident memory of the largest child process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bare_fetch(urls: list[str], tmp: Path) -> tuple[float, float]:
    """(seconds, peak MB) of a bare Scrapy spider that only fetches `urls`, with our settings."""
    (tmp / "urls.json").write_text(json.dumps(urls))
    settings = crawl_settings(False, {"LOG_LEVEL": "ERROR", "ITEM_PIPELINES": {}, "DOWNLOADER_MIDDLEWARES": {}})
    (tmp / "settings.json").write_text(json.dumps(settings))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE, str(tmp / "urls.json"), str(tmp / "settings.json")], check=True)
    return time.perf_counter() - start, peak_child_mb()


def parse_cost(urls: list[str], sample: int = 20) -> tuple[float, float]:
    """(mean KB, mean ms of crawler.parsepool.analyse_page) over a spread sample of article pages."""
    from urllib.request import urlopen

    from crawler.parsepool import analyse_page

    picked = urls[:: max(1, len(urls) // sample)][:sample]
    pages = [(urlopen(u).read().decode("utf-8", "replace"), u) for u in picked]
    start = time.perf_counter()
    for html, url in pages:
        analyse_page(html, url, None)
    return sum(len(h) for h, _ in pages) / len(pages) / 1024, (time.perf_counter() - start) / len(pages) * 1000


def main() -> int:
    """Run both crawls (paired, several rounds) and the rerun; print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="paired bare/ours runs; the median ratio is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir, SampleSites(extra_articles=args.articles) as sites:
        tmp = Path(tmpdir)
        sources = [s for s in load_sources(sites.write_sources(tmp / "sources.toml")) if s.name == WP_SITE]
        site = sites.sites[WP_SITE]
        article_paths = {site.path_of(p) for p in site.posts}
        urls = [site.url(p) for p in sorted(article_paths)]

        rounds = []
        bare_mb = 0.0
        for i in range(args.rounds):
            # each round pairs the two crawls back to back, so that both meet the same machine load
            bare_s, peak = bare_fetch(urls, tmp)
            bare_mb = bare_mb or peak  # later rounds' peaks include our crawler's children
            sites.reset_requests()
            start = time.perf_counter()
            first = crawl(sources, tmp / f"bench{i}.db", polite=False, settings={"LOG_LEVEL": "ERROR"})
            rounds.append((bare_s, time.perf_counter() - start, first, len(sites.requests)))
        ours_mb = peak_child_mb()

        sites.reset_requests()
        start = time.perf_counter()
        second = crawl(sources, tmp / f"bench{args.rounds - 1}.db", polite=False, settings={"LOG_LEVEL": "ERROR"})
        rerun_s = time.perf_counter() - start
        rerun_articles = sum(1 for _, path in sites.requests if path.split("?")[0] in article_paths)
        rerun_requests = len(sites.requests)
        page_kb, parse_ms = parse_cost(urls)

    ratios = [(first.new_articles / ours_s) / (len(urls) / bare_s) for bare_s, ours_s, first, _ in rounds]
    middle = sorted(range(len(rounds)), key=lambda k: ratios[k])[len(rounds) // 2]
    bare_s, ours_s, first, first_requests = rounds[middle]
    bare_rate, ours_rate = len(urls) / bare_s, first.new_articles / ours_s
    print(f"site: {WP_SITE}, {len(urls)} articles (local, politeness off; each crawl in a child process)")
    print(f"median of {len(rounds)} paired rounds:")
    print(f"{'run':<34}{'seconds':>9}{'articles/s':>12}{'requests':>10}{'peak MB':>9}")
    print(f"{'bare Scrapy, fetch only':<34}{bare_s:>9.1f}{bare_rate:>12.1f}{len(urls):>10}{bare_mb:>9.0f}")
    print(f"{'pantau crawl (discover+parse+store)':<34}{ours_s:>9.1f}{ours_rate:>12.1f}{first_requests:>10}"
          f"{ours_mb:>9.0f}")
    print(f"{'rerun, nothing new':<34}{rerun_s:>9.1f}{'':>12}{rerun_requests:>10}")
    print(f"article pages: {page_kb:.0f} KB on average, {parse_ms:.1f} ms of parsing each (crawler.article, one core)")
    print("ratio ours/bare by round: " + ", ".join(f"{r:.0%}" for r in ratios))
    print(f"ratio ours/bare, median: {ours_rate / bare_rate:.0%} (target >= 70%); stored {first.new_articles}, "
          f"errors {first.errors}")
    print(f"rerun: {second.new_articles} new, {rerun_articles} article pages fetched again (target 0), "
          f"{sum(s.skipped_known for s in second.sources.values())} known articles skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
