"""crawler.middlewares and crawler.errors: retries that wait as asked, failures named by kind."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from scrapy import Spider
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.errors import error_kind, http_kind
from crawler.middlewares import BackoffRetryMiddleware, backoff_delay, retry_after_seconds
from crawler.safety import RefusedRequest
from crawler.settings import crawl_settings

NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("3", 3.0), (" 120 ", 120.0), ("Wed, 25 Nov 2026 12:00:30 GMT", 30.0), ("Wed, 25 Nov 2026 11:00:00 GMT", 0.0),
     ("", None), (None, None), ("soon", None), ("-5", None)],
)
def test_retry_after_seconds(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds


@pytest.mark.parametrize(
    ("n", "base", "cap", "asked", "delay"),
    [(1, 2.0, 60.0, None, 2.0), (2, 2.0, 60.0, None, 4.0), (3, 2.0, 60.0, None, 8.0), (6, 2.0, 60.0, None, 60.0),
     (1, 2.0, 60.0, 7.0, 7.0), (1, 2.0, 5.0, 3600.0, 5.0), (1, 0.0, 1.0, None, 0.0)],
)
def test_backoff_delay(n: int, base: float, cap: float, asked: float | None, delay: float) -> None:
    assert backoff_delay(n, base, cap, asked) == delay


def _middleware(**settings: object) -> BackoffRetryMiddleware:
    """A retry middleware bound to a throwaway crawler."""
    crawler = get_crawler(Spider, crawl_settings(False, settings))
    crawler.spider = crawler._create_spider("t")
    return BackoffRetryMiddleware.from_crawler(crawler)


def test_429_is_retried_after_the_wait_the_server_asked_for() -> None:
    mw = _middleware(RETRY_BACKOFF_MAX=5.0)
    request = Request("http://127.0.0.1/a-b-c/")
    response = HtmlResponse(request.url, status=429, headers={"Retry-After": "1"}, request=request)
    start = time.monotonic()
    retry = asyncio.run(mw.process_response(request, response))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert time.monotonic() - start >= 0.95


def test_retries_give_up_and_pass_the_error_on() -> None:
    mw = _middleware(RETRY_TIMES=1)
    request = Request("http://127.0.0.1/x/", meta={"retry_times": 1})
    response = HtmlResponse(request.url, status=503, request=request)
    assert asyncio.run(mw.process_response(request, response)) is response
    ok = HtmlResponse(request.url, status=200, request=request)
    assert asyncio.run(mw.process_response(request, ok)) is ok


def _failure(exc: BaseException) -> Failure:
    try:
        raise exc
    except BaseException:
        return Failure()


@pytest.mark.parametrize(
    ("exc", "kind"),
    [(IgnoreRequest("Forbidden by robots.txt"), "robots"), (IgnoreRequest("max redirections reached"), "redirect_loop"),
     (DownloadTimeoutError("took too long"), "timeout"), (ValueError("odd"), "other"),
     (RefusedRequest("unsafe_address", "unsafe_address: refused http://10.0.0.1/"), "unsafe_address"),
     (RefusedRequest("offsite_redirect", "offsite_redirect: refused http://kabar.example.com/"), "offsite_redirect")],
)
def test_error_kinds(exc: BaseException, kind: str) -> None:
    assert error_kind(_failure(exc))[0] == kind


def test_http_error_kinds() -> None:
    response = HtmlResponse("http://127.0.0.1/x", status=410)
    assert error_kind(_failure(HttpError(response)))[:2] == ("not_found", 410)
    assert [http_kind(s) for s in (404, 429, 500, 503, 403, 418)] == [
        "not_found", "rate_limited", "server_error", "server_error", "forbidden", "http_error"]
