"""Scrapy settings of the generic crawler: polite by default, every failure surfaced to the spider."""

from __future__ import annotations

from typing import Any

USER_AGENT = "PantauLKK/0.1 (+https://github.com/pantau-lkk/pantau-lkk)"

BASE: dict[str, Any] = {
    "BOT_NAME": "pantau-lkk",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    # Scrapy starts this many asyncio tasks for every callback's output; the store pipeline is synchronous,
    # and the default (100) cost about a third of the crawler process's time on a 2,000-article site.
    "CONCURRENT_ITEMS": 4,
    "DOWNLOAD_TIMEOUT": 20,
    "DOWNLOAD_MAXSIZE": 5 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 1024 * 1024,
    "REDIRECT_MAX_TIMES": 5,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "RETRY_BACKOFF_BASE": 2.0,
    "RETRY_BACKOFF_MAX": 120.0,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "HTTPCACHE_ENABLED": False,
    # the default scheduler keeps requests in memory; the database is the memory across runs
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawler.middlewares.BackoffRetryMiddleware": 550,
        # before robots.txt (100): an unsafe address must not even be asked for its robots.txt
        "crawler.safety.SafetyMiddleware": 40,
    },
    # Every callback output passes each spider middleware; these add nothing here: the spider tracks listing
    # depth itself (DEPTH_LIMIT is unused) and never copies meta between requests by mistake.
    "SPIDER_MIDDLEWARES": {
        "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    },
    "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 300},
}

POLITE: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_DELAY": 0.5,
}

# Benchmarks and tests: no throttling or delays, short waits; robots.txt is still obeyed.
FAST: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_BACKOFF_BASE": 0.0,
    "RETRY_BACKOFF_MAX": 1.0,
}


def crawl_settings(polite: bool = True, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Scrapy settings of one crawl: base, then polite or fast, then the caller's overrides."""
    return {**BASE, **(POLITE if polite else FAST), **(overrides or {})}
